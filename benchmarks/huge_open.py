"""A huge document opened in the editor: does every other document stay responsive?

Starts `claudelang-lsp --stdio` in a small workspace, opens a small document, then sends
one `didOpen` of `--megabytes` MB of realistic ClaudeLang and measures, as a user sees it:

- hover on the small document while the huge one is being opened (first, p95, max);
- how long until the huge document's folding ranges are answered (its syntax is known);
- the time and reply size of hover, completion, document symbols and semantic tokens on it;
- the server's memory (VmRSS) before the `didOpen`, at its peak, and after `didClose`.

`python benchmarks/huge_open.py --megabytes 50`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import realistic_source
from lspwire import Wire

SMALL = "(define (area r) (* 3 r r))\n(define total (area 2))\n"
TOKEN = "claudelang-indexing"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class PeakMemory:
    """Samples the server's VmRSS on a thread, keeping the highest."""

    def __init__(self, wire: Wire) -> None:
        self.wire = wire
        self.peak = wire.rss_kb()
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while self.running and self.wire.alive():
            try:
                self.peak = max(self.peak, self.wire.rss_kb())
            except (OSError, RuntimeError):
                return
            time.sleep(0.05)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return self.peak


def timed(wire: Wire, method: str, params: dict[str, object], timeout: float) -> tuple[float, int]:
    """Seconds to answer, and the size of the reply in bytes."""
    start = time.perf_counter()
    response = wire.request(method, params, timeout)
    return time.perf_counter() - start, len(json.dumps(response))


def measure(megabytes: float, timeout: float) -> None:
    root = Path(tempfile.mkdtemp(prefix="claudelang-huge-"))
    small, huge = root / "small.cl", root / "huge.cl"
    small.write_text(SMALL)
    text = realistic_source(int(megabytes * 1_000_000))
    wire = Wire(cwd=root)
    try:
        wire.initialize(root)
        wire.wait_for(lambda n: n.get("method") == "$/progress" and n["params"]["value"].get("kind") == "end", 60)
        wire.open(small.as_uri(), SMALL)
        wire.hover(small.as_uri(), 1, 15)
        time.sleep(3)  # idle: the server collects its garbage
        before = wire.rss_kb()
        peak = PeakMemory(wire)
        started = time.perf_counter()
        sender = threading.Thread(target=wire.open, args=(huge.as_uri(), text))
        sender.start()
        hovers: list[float] = []
        folded_after = None
        document = {"textDocument": {"uri": huge.as_uri()}}
        folding: int | str | None = None
        while time.perf_counter() - started < timeout:
            at = time.perf_counter()
            wire.hover(small.as_uri(), 1, 15, timeout)
            hovers.append(time.perf_counter() - at)
            if folding is None and not sender.is_alive():
                folding = wire.request_async("textDocument/foldingRange", document)
            if folding is not None and folding in wire.responses:
                folded_after = time.perf_counter() - started
                break
            time.sleep(0.05)
        sender.join()
        position = {"line": 5, "character": 12}
        rows = [
            (name, *timed(wire, method, params, timeout))
            for name, method, params in [
                ("hover", "textDocument/hover", {**document, "position": position}),
                ("completion", "textDocument/completion", {**document, "position": position}),
                ("document symbols", "textDocument/documentSymbol", document),
                ("semantic tokens", "textDocument/semanticTokens/full", document),
                ("folding ranges", "textDocument/foldingRange", document),
                ("selection range", "textDocument/selectionRange", {**document, "positions": [position]}),
            ]
        ]
        highest = peak.stop()
        wire.notify("textDocument/didClose", document)
        wire.hover(small.as_uri(), 1, 15, timeout)
        time.sleep(5)  # idle: the server collects its garbage
        after = wire.rss_kb()
    finally:
        wire.close()
    size = len(text.encode()) / 1e6
    print(f"didOpen of {size:.1f} MB; hover on another document while it opens ({len(hovers)} hovers):")
    p95, worst = percentile(hovers, 0.95), max(hovers)
    print(f"  first {hovers[0] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {worst * 1000:.0f} ms")
    shown = "never" if folded_after is None else f"{folded_after:.1f} s"
    print(f"  folding ranges of the huge document answered after {shown}")
    print("requests on the huge document:")
    for name, seconds, size_bytes in rows:
        print(f"  {name:18} {seconds * 1000:9.0f} ms {size_bytes:>12,} bytes")
    print(
        f"server memory: before {before / 1024:.0f} MB, peak {highest / 1024:.0f} MB,"
        f" after didClose {after / 1024:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for any one answer")
    args = parser.parse_args()
    measure(args.megabytes, args.timeout)


if __name__ == "__main__":
    main()
