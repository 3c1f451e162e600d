"""Hover right after opening a big file in its workspace, as a user does, against hover once idle.

Starts `claudelang-lsp --stdio` on a folder holding one generated document (1 MB by
default), opens it, waits for its first diagnostics, then hovers every 50 ms for a few
seconds while the server finishes its start-up work (indexing the workspace, which holds
the same file; garbage collection), and again after the server has been idle. The first
phase is where the index once summarised a 1 MB file on the event loop (2.6 s hovers) and
re-analysed the open document for the index (0.6 s); the idle phase is the baseline.

Run: `python benchmarks/open_and_hover.py [--megabytes 1] [--seconds 12]`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from corpus import realistic_source
from lspclient import start_server
from timing import format_time, print_table


async def hovers(client: LanguageClient, params: lsp.HoverParams, seconds: float) -> list[float]:
    """The latency of a hover sent every 50 ms for `seconds`."""
    samples: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        await client.text_document_hover_async(params)
        samples.append(time.perf_counter() - start)
        await asyncio.sleep(0.05)
    return samples


def row(label: str, samples: list[float]) -> list[str]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    times = [statistics.median(ordered), p95, ordered[-1]]
    return [label, str(len(samples)), *map(format_time, times)]


async def main(megabytes: float, seconds: float) -> None:
    text = realistic_source(int(megabytes * 1_000_000))
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.cl"
    path.write_text(text)
    client = LanguageClient("open-and-hover", "1")
    published = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version == 1:
            published.set()

    await start_server(client, folder)
    opened = time.perf_counter()
    item = lsp.TextDocumentItem(uri=path.as_uri(), language_id="claudelang", version=1, text=text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    await asyncio.wait_for(published.wait(), 300)
    first_diagnostics = time.perf_counter() - opened
    line = next(i for i, source_line in enumerate(text.split("\n")) if source_line.startswith("(io:print"))
    params = lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()), position=lsp.Position(line=line, character=3)
    )
    busy = await hovers(client, params, seconds)
    await asyncio.sleep(5)  # idle: indexing done, the collection at a pause made
    idle = await hovers(client, params, seconds / 2)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"{megabytes:g} MB document: first diagnostics {format_time(first_diagnostics)} after didOpen")
    print_table(
        ["hover every 50 ms", "runs", "p50", "p95", "max"],
        [row("right after opening", busy), row("once idle (baseline)", idle)],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=12.0)
    args = parser.parse_args()
    asyncio.run(main(args.megabytes, args.seconds))
