"""Run conformance programs through the `claudelang run` command, many in one process.

Usage: `python batch.py FILE...` (from the conformance folder). Each program runs through
`claudelang.cli.main.main(["run", FILE, *args])` exactly as the console script would run
it, with its own standard streams and environment; the results are printed as one JSON
list of `{"file", "exit", "stdout", "stderr"}`. Starting one Python per program would
cost more than running the programs themselves.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claudelang.cli.main import main
from expectations import read_expectation


def run_program(file: str) -> dict[str, object]:
    """Run one program; never raises (a Python exception becomes its stderr)."""
    expectation = read_expectation(Path(file))
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_env = {name: os.environ.get(name) for name in expectation.env}
    os.environ.update(expectation.env)
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO("".join(line + "\n" for line in expectation.stdin))
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(["run", file, *expectation.args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
            except BaseException:
                traceback.print_exc()
                code = 99
    finally:
        sys.stdin = saved_stdin
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return {"file": file, "exit": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


if __name__ == "__main__":
    results = [run_program(file) for file in sys.argv[1:]]
    sys.__stdout__.write(json.dumps(results))
