"""Large workspaces as a user opens them: time to index, memory, latency while indexing.

Generates a workspace of N module files (about 11 KB each, each importing the previous
one), starts `claudelang-lsp --stdio` on it with a fresh user cache folder, and measures:

- cold: `initialize` → the end of the indexing `$/progress`;
- hover and completion on an open file while indexing runs (p95 and max);
- the server's memory (VmRSS of the server and of any child processes) once indexed;
- workspace symbol and cross-file definition once indexed (p95);
- warm: the server restarted on the unchanged workspace (the index cache on disk).

`python benchmarks/workspace.py` runs the 2,000-file case; `--files 20000` the large one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import realistic_source
from lspwire import Wire

TOKEN = "claudelang-indexing"
BODY = realistic_source(10_600)
TARGETS = {
    2_000: {"cold_s": 20.0, "warm_s": 3.0, "rss_mb": 400.0, "p95_ms": 50.0, "max_ms": 250.0, "after_p95_ms": 50.0},
    20_000: {
        "cold_s": float("inf"),
        "warm_s": float("inf"),
        "rss_mb": 1500.0,
        "p95_ms": 250.0,
        "max_ms": 250.0,
        "after_p95_ms": float("inf"),
    },
}


def module_source(index: int) -> str:
    imports = f'  (import "m{index - 1}" (f{index - 1}))\n' if index else ""
    call = f"(f{index - 1} x)" if index else "x"
    return (
        f"(module m{index} (export f{index} g{index})\n{imports}"
        f"  (define (f{index} x) (+ 1 {call}))\n  (define (g{index} y) (* y 2))\n"
        + "\n".join("  " + line for line in BODY.splitlines())
        + ")\n"
    )


MAIN = """(import "mods/m{last}" (f{last} g{last}))
(define (twice z) (g{last} (f{last} z)))
(define answer (twice 20))
(io:print answer)
"""


def generate(root: Path, count: int) -> int:
    """Write the workspace; return its size in bytes."""
    mods = root / "mods"
    mods.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(count):
        text = module_source(index)
        (mods / f"m{index}.cl").write_text(text)
        total += len(text.encode())
    main = MAIN.format(last=count - 1)
    (root / "main.cl").write_text(main)
    return total + len(main)


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, whichever of its threads started them (the
    server starts its index workers from a thread)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def tree_rss_mb(pid: int) -> float:
    """VmRSS of a process and all its descendants, in MB."""
    total = 0
    for current in process_tree(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def tree_cpu_s(pid: int) -> float:
    """CPU time of a process and its descendants, those that ended included (as far as
    they were waited for): user and system, in seconds. Unlike wall-clock times it barely
    depends on what else runs on the machine."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def progress_ended(wire: Wire) -> bool:
    return any(
        note.get("method") == "$/progress"
        and note["params"].get("token") == TOKEN
        and note["params"]["value"].get("kind") == "end"
        for note in wire.notifications
    )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def session(root: Path, cache: Path, count: int) -> dict[str, float]:
    """One server on `root`: index it, measuring requests on main.cl meanwhile."""
    env_cache = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        wire = Wire(cwd=root)
    finally:
        if env_cache is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = env_cache
    peak = [0.0]
    stop = threading.Event()

    def sample_memory() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mb(wire.pid))
            time.sleep(0.2)

    threading.Thread(target=sample_memory, daemon=True).start()
    try:
        start = time.monotonic()
        wire.initialize(root)
        main = root / "main.cl"
        uri = main.resolve().as_uri()
        wire.open(uri, main.read_text())
        latencies: list[float] = []
        position = {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 12}}
        while not progress_ended(wire):
            for method in ("textDocument/hover", "textDocument/completion"):
                began = time.monotonic()
                wire.request(method, position, timeout=600)
                latencies.append(time.monotonic() - began)
            time.sleep(0.02)
            if time.monotonic() - start > 3600:
                raise TimeoutError("indexing did not end within an hour")
        indexed = time.monotonic() - start
        cpu = tree_cpu_s(wire.pid)
        time.sleep(1.0)  # let the idle-time collection run before reading memory
        rss = tree_rss_mb(wire.pid)
        after: list[float] = []
        definition = {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 20}}
        for round_ in range(40):
            began = time.monotonic()
            wire.request("workspace/symbol", {"query": f"f{(round_ * 37) % count}"}, timeout=600)
            after.append(time.monotonic() - began)
            began = time.monotonic()
            wire.request("textDocument/definition", definition, timeout=600)
            after.append(time.monotonic() - began)
    finally:
        stop.set()
        wire.close()
    return {
        "index_s": indexed,
        "cpu_s": cpu,
        "rss_mb": rss,
        "peak_mb": peak[0],
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": max(latencies, default=float("nan")) * 1000,
        "requests": len(latencies),
        "after_p95_ms": percentile(after, 0.95) * 1000,
    }


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2_000)
    args = parser.parse_args()
    targets = TARGETS.get(args.files, TARGETS[2_000])
    with tempfile.TemporaryDirectory(prefix="cl-workspace-") as folder:
        root, cache = Path(folder) / "project", Path(folder) / "cache"
        size = generate(root, args.files)
        print(f"workspace: {args.files} files, {size / 1e6:.1f} MB")
        print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        cold = session(root, cache, args.files)
        warm = session(root, cache, args.files)
        print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rows = [
        ("cold: initialize → indexing ends (s)", cold["index_s"], targets["cold_s"]),
        ("cold: CPU time of the server and its workers (s)", cold["cpu_s"], float("inf")),
        ("warm cache: initialize → indexing ends (s)", warm["index_s"], targets["warm_s"]),
        ("memory after indexing, server + children (MB)", cold["rss_mb"], targets["rss_mb"]),
        ("peak memory while indexing (MB)", cold["peak_mb"], targets["rss_mb"]),
        (f"hover/completion while indexing, p95 (ms; {cold['requests']} requests)", cold["p95_ms"], targets["p95_ms"]),
        ("hover/completion while indexing, max (ms)", cold["max_ms"], targets["max_ms"]),
        ("workspace symbol + definition after indexing, p95 (ms)", cold["after_p95_ms"], targets["after_p95_ms"]),
    ]
    width = max(len(label) for label, *_ in rows)
    print(f"{'case':<{width}}  {'measured':>10}  {'target':>8}")
    for label, value, target in rows:
        shown = "-" if target == float("inf") else f"{target:g}"
        print(f"{label:<{width}}  {value:>10.1f}  {shown:>8}  {verdict(value, target)}")


if __name__ == "__main__":
    main()
