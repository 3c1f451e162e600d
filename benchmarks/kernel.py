"""Evaluation kernel latency through the real language server over stdio.

Measures: runCell of a trivial cell (p50 with a target of ≤ 20 ms, and p95), hover latency
while a busy cell runs next to hover when idle, time to interrupt `(while #t nil)`, the
time from a client's `$/cancelRequest` of a running `(while #t nil)` cell until the kernel
reports `idle` again (`cancel-to-idle`; reported as "never" when it does not within
`CANCEL_TIMEOUT`), and time to restart a kernel. Run: `python benchmarks/kernel.py`.

`BEFORE` holds the figures of a run at the start of issue 15 (cancel did not stop the run)
on the same machine, printed next to this run's.
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
CANCEL_TIMEOUT = 10.0
CANCEL_ID = "bench-cancel"
CANCEL_ROW = "cancel-to-idle ($/cancelRequest of a busy cell)"
BEFORE = {
    "runCell, trivial cell (p50)": "1.76 ms",
    "runCell, trivial cell (p95)": "2.03 ms",
    CANCEL_ROW: f"never (> {CANCEL_TIMEOUT:.0f} s)",
}


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


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


async def cancel_to_idle(client: LanguageClient, uri: str, states: list[str]) -> float | None:
    """Seconds from `$/cancelRequest` of a busy cell to the kernel's `idle` state (None: never)."""
    params = lsp.ExecuteCommandParams(command="claudelang.runCell", arguments=[uri, 4])
    client.protocol.send_request("workspace/executeCommand", params, msg_id=CANCEL_ID)
    while not states or states[-1] != "busy":
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.3)
    states.clear()
    start = time.perf_counter()
    client.protocol.notify("$/cancelRequest", lsp.CancelParams(id=CANCEL_ID))
    while time.perf_counter() - start < CANCEL_TIMEOUT:
        if "idle" in states:
            return time.perf_counter() - start
        await asyncio.sleep(0.002)
    return None


async def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "cells.cl"
    path.write_text(SOURCE)
    uri = path.as_uri()
    client = LanguageClient("bench", "1")
    states: list[str] = []
    client.feature("claudelang/kernelState")(lambda params: states.append(params.state))
    client.feature("textDocument/publishDiagnostics")(lambda _params: None)
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

    run_cell = await timed(lambda: command(client, "runCell", uri, 2), 100)

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
    cancelled = await cancel_to_idle(client, uri, states)
    if cancelled is None:
        await command(client, "interrupt", uri)
    restarts = await timed(lambda: command(client, "restartKernel", uri), 5)

    rows = [
        ["first runCell (starts the kernel)", format_time(first_run), ""],
        [
            "runCell, trivial cell (p50)",
            format_time(statistics.median(run_cell)),
            f"≤ 20 ms: {'met' if statistics.median(run_cell) <= 0.02 else 'MISSED'}",
        ],
        ["runCell, trivial cell (p95)", format_time(p95(run_cell)), ""],
        ["hover while idle (p50)", format_time(statistics.median(idle_hover)), "baseline"],
        [
            "hover while a cell runs (p50)",
            format_time(statistics.median(busy_hover)),
            f"{statistics.median(busy_hover) / statistics.median(idle_hover):.1f}x idle",
        ],
        ["interrupt (while #t nil)", format_time(interrupt), "≤ 1 s"],
        [
            CANCEL_ROW,
            format_time(cancelled) if cancelled is not None else f"never (> {CANCEL_TIMEOUT:.0f} s)",
            "≤ 1 s",
        ],
        ["restart kernel (p50)", format_time(statistics.median(restarts)), ""],
    ]
    rows = [[name, time_, BEFORE.get(name, ""), note] for name, time_, note in rows]
    print_table(["kernel", "time", "before issue 15", "note"], rows)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
