"""Language server latency, measured through the real `claudelang-lsp` over stdio.

For a 100 KB and a 1 MB document: p50/p95 of hover, completion, definition, semantic
tokens (full and delta), formatting, and the time from a one-character `didChange` to the
matching `publishDiagnostics`. Run: `python benchmarks/lsp.py [--quick]`.
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

TARGETS = {
    ("100 KB", "hover"): 5e-3,
    ("100 KB", "completion"): 10e-3,
    ("100 KB", "keystroke → diagnostics"): 30e-3,
    ("1 MB", "keystroke → diagnostics"): 100e-3,
}


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Bench:
    def __init__(self, client: LanguageClient, uri: str, text: str) -> None:
        self.client = client
        self.uri = uri
        self.text = text
        self.version = 1
        self.published: dict[int, float] = {}
        self.published_event = asyncio.Event()

    def doc(self) -> lsp.TextDocumentIdentifier:
        return lsp.TextDocumentIdentifier(uri=self.uri)

    async def timed(self, runs: int, request) -> list[float]:
        samples = []
        for index in range(runs):
            start = time.perf_counter()
            await request(index)
            samples.append(time.perf_counter() - start)
        return samples

    async def keystroke(self, line: int) -> float:
        """Insert then delete a space; the time until diagnostics for the version arrive."""
        self.version += 1
        version = self.version
        insert = self.version % 2 == 0
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(
                start=lsp.Position(line=line, character=0), end=lsp.Position(line=line, character=0 if insert else 1)
            ),
            text=" " if insert else "",
        )
        start = time.perf_counter()
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=version),
                content_changes=[change],
            )
        )
        while version not in self.published:
            self.published_event.clear()
            await asyncio.wait_for(self.published_event.wait(), 30)
        return self.published[version] - start


async def measure(label: str, size: int, runs: int) -> list[list[str]]:
    text = realistic_source(size)
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.cl"
    path.write_text(text)
    client = LanguageClient("bench", "1")
    bench = Bench(client, path.as_uri(), text)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            bench.published[params.version] = time.perf_counter()
            bench.published_event.set()

    await start_server(client, folder)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=bench.uri, language_id="claudelang", version=1, text=text)
        )
    )
    while 1 not in bench.published:
        bench.published_event.clear()
        await asyncio.wait_for(bench.published_event.wait(), 120)

    lines = text.split("\n")
    call_line = next(i for i, line in enumerate(lines) if line.startswith("(io:print"))
    use_line = next(i for i, line in enumerate(lines) if "(quicksort-0 (filter" in line)
    use_col = lines[use_line].index("quicksort-0") + 2
    middle = len(lines) // 2
    doc = bench.doc()
    rows: list[list[str]] = []

    async def hover(_i: int) -> None:
        await client.text_document_hover_async(
            lsp.HoverParams(text_document=doc, position=lsp.Position(line=call_line, character=3))
        )

    async def completion(_i: int) -> None:
        await client.text_document_completion_async(
            lsp.CompletionParams(text_document=doc, position=lsp.Position(line=use_line, character=use_col))
        )

    async def definition(_i: int) -> None:
        await client.text_document_definition_async(
            lsp.DefinitionParams(text_document=doc, position=lsp.Position(line=use_line, character=use_col))
        )

    result_id: list[str | None] = [None]

    async def tokens_full(_i: int) -> None:
        result = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(text_document=doc))
        result_id[0] = result.result_id

    async def tokens_delta(_i: int) -> None:
        result = await client.text_document_semantic_tokens_full_delta_async(
            lsp.SemanticTokensDeltaParams(text_document=doc, previous_result_id=result_id[0] or "")
        )
        result_id[0] = result.result_id

    async def formatting(_i: int) -> None:
        await client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=doc, options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)
            )
        )

    heavy = max(3, runs // 10)
    cases = [
        ("hover", hover, runs),
        ("completion", completion, runs),
        ("definition", definition, runs),
        ("semantic tokens full", tokens_full, heavy),
        ("semantic tokens delta", tokens_delta, heavy),
        ("formatting", formatting, heavy),
    ]
    for name, request, count in cases:
        samples = await bench.timed(count, request)
        rows.append(row(label, name, samples))
    keystrokes = [await bench.keystroke(middle) for _ in range(max(5, runs // 4))]
    rows.append(row(label, "keystroke → diagnostics", keystrokes))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return rows


def row(label: str, name: str, samples: list[float]) -> list[str]:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    target = TARGETS.get((label, name))
    verdict = "" if target is None else f"p95 ≤ {format_time(target)}: {'met' if p95 <= target else 'MISSED'}"
    return [label, name, str(len(samples)), format_time(p50), format_time(p95), verdict]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    runs = 20 if args.quick else 60
    rows = await measure("100 KB", 100_000, runs)
    rows += await measure("1 MB", 1_000_000, max(10, runs // 3))
    print_table(["document", "request", "runs", "p50", "p95", "target"], rows)


if __name__ == "__main__":
    asyncio.run(main())
