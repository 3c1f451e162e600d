"""Evaluation kernel latency through the real language server over stdio.

Measures: runCell of a trivial cell (p50, target ≤ 20 ms), hover latency while a busy cell
runs next to hover when idle, time to interrupt `(while #t nil)`, and time to restart a
kernel. Run: `python benchmarks/kernel.py`.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from timing import format_time, print_table

SOURCE = """(define (square x) (* x x))
;; %% trivial
(+ 1 2)
;; %% busy
(while #t nil)
"""


async def command(client: LanguageClient, name: str, *args: object) -> dict:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=f"claudelang.{name}", arguments=list(args))
    )


async def timed(work, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        await work()
        samples.append(time.perf_counter() - start)
    return samples


async def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "cells.cl"
    path.write_text(SOURCE)
    uri = path.as_uri()
    client = LanguageClient("bench", "1")
    await client.start_io(sys.executable, "-m", "claudelang.lsp.main", "--stdio")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="claudelang", version=1, text=SOURCE)
        )
    )
    doc = lsp.TextDocumentIdentifier(uri=uri)
    start = time.perf_counter()
    await command(client, "runCell", uri, 0)
    first_run = time.perf_counter() - start

    run_cell = await timed(lambda: command(client, "runCell", uri, 2), 50)

    async def hover() -> None:
        await client.text_document_hover_async(
            lsp.HoverParams(text_document=doc, position=lsp.Position(line=0, character=10))
        )

    idle_hover = await timed(hover, 50)
    busy = asyncio.ensure_future(command(client, "runCell", uri, 4))
    await asyncio.sleep(0.3)
    busy_hover = await timed(hover, 50)
    start = time.perf_counter()
    await command(client, "interrupt", uri)
    await busy
    interrupt = time.perf_counter() - start
    restarts = await timed(lambda: command(client, "restartKernel", uri), 5)

    rows = [
        ["first runCell (starts the kernel)", format_time(first_run), ""],
        [
            "runCell, trivial cell (p50)",
            format_time(statistics.median(run_cell)),
            f"≤ 20 ms: {'met' if statistics.median(run_cell) <= 0.02 else 'MISSED'}",
        ],
        ["hover while idle (p50)", format_time(statistics.median(idle_hover)), "baseline"],
        [
            "hover while a cell runs (p50)",
            format_time(statistics.median(busy_hover)),
            f"{statistics.median(busy_hover) / statistics.median(idle_hover):.1f}x idle",
        ],
        ["interrupt (while #t nil)", format_time(interrupt), "≤ 1 s"],
        ["restart kernel (p50)", format_time(statistics.median(restarts)), ""],
    ]
    print_table(["kernel", "time", "note"], rows)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
