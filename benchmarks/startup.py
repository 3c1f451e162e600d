"""Startup benchmark: how long until the language server answers, and `claudelang run` of a tiny file.

Spawns `claudelang-lsp --stdio` and times spawn → the reply to `initialize` (issue 17: at
most 300 ms), and `claudelang run hello.cl` against `python3 -c pass` measured in the same
run (at most 2× that + 150 ms). Medians of several spawns.
Run: `python benchmarks/startup.py [--runs 7]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import format_time, print_table

INITIALIZE_TARGET = 0.300
RUN_TARGET = (2.0, 0.150)  # × `python3 -c pass`, + seconds


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def initialize_seconds() -> float:
    """Spawn the server, send `initialize`, return the time until its reply arrived."""
    command = shutil.which("claudelang-lsp") or "claudelang-lsp"
    request = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}},
    }
    start = time.perf_counter()
    server = subprocess.Popen(
        [command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(frame(request))
    server.stdin.flush()
    length = 0
    while line := server.stdout.readline().strip():
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    reply = json.loads(server.stdout.read(length))
    elapsed = time.perf_counter() - start
    assert reply.get("id") == 1 and "result" in reply, reply
    server.stdin.write(
        frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) + frame({"jsonrpc": "2.0", "method": "exit"})
    )
    server.stdin.close()
    server.wait(timeout=10)
    return elapsed


def process_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(work, runs: int) -> float:
    work()  # warm the file cache
    return statistics.median(work() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        hello = Path(folder) / "hello.cl"
        hello.write_text('(io:print "hello")\n')
        python = median(lambda: process_seconds([sys.executable, "-c", "pass"]), runs)
        imported = median(lambda: process_seconds([sys.executable, "-c", "import claudelang"]), runs)
        run = median(lambda: process_seconds([shutil.which("claudelang") or "claudelang", "run", str(hello)]), runs)
        initialize = median(initialize_seconds, runs)
    factor, extra = RUN_TARGET
    run_limit = factor * python + extra
    rows = [
        ["python3 -c pass", format_time(python), "baseline"],
        ["python3 -c 'import claudelang'", format_time(imported), ""],
        ["claudelang run hello.cl", format_time(run), f"≤ {format_time(run_limit)}: {verdict(run <= run_limit)}"],
        [
            "claudelang-lsp --stdio: spawn → initialize reply",
            format_time(initialize),
            f"≤ {format_time(INITIALIZE_TARGET)}: {verdict(initialize <= INITIALIZE_TARGET)}",
        ],
    ]
    print_table(["startup", "median", "target"], rows)


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    main()
