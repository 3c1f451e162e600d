"""The conformance suite: every `*.cl` program here, run by `claudelang run`, checked.

Each program states its expected output in comments (see `expectations.py`). The programs
run in a few subprocesses (`batch.py`), in parallel, once per test session; each program
is then one test comparing its standard output exactly, its exit code, and the
substrings its standard error must contain. Module fixtures live in subfolders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .expectations import read_expectation

HERE = Path(__file__).resolve().parent
PROGRAMS = sorted(path.name for path in HERE.glob("*.cl"))
BATCHES = max(1, min(4, os.cpu_count() or 1))
PYTHON_TRACEBACK = "Traceback (most recent call last)"


def run_batch(files: list[str]) -> list[dict[str, object]]:
    completed = subprocess.run(
        [sys.executable, str(HERE / "batch.py"), *files],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="session")
def results() -> dict[str, dict[str, object]]:
    """The outcome of every program, run once for the whole session."""
    batches = [PROGRAMS[i::BATCHES] for i in range(BATCHES)]
    with ThreadPoolExecutor(BATCHES) as pool:
        outcomes = [result for batch in pool.map(run_batch, batches) for result in batch]
    return {str(outcome["file"]): outcome for outcome in outcomes}


def test_there_are_many_programs() -> None:
    assert len(PROGRAMS) >= 80


@pytest.mark.parametrize("program", PROGRAMS)
def test_program(program: str, results: dict[str, dict[str, object]]) -> None:
    expectation = read_expectation(HERE / program)
    outcome = results[program]
    assert outcome["stdout"] == expectation.expected_stdout, outcome["stderr"]
    assert outcome["exit"] == expectation.exit_code, outcome["stderr"]
    for fragment in expectation.stderr:
        assert fragment in str(outcome["stderr"]), f"{fragment!r} not in stderr:\n{outcome['stderr']}"
    if expectation.exit_code == 0:
        assert outcome["stderr"] == ""


def test_no_python_traceback_leaks(results: dict[str, dict[str, object]]) -> None:
    """No program, failing or not, shows Python's own traceback or error text."""
    leaks = [name for name, outcome in results.items() if PYTHON_TRACEBACK in str(outcome["stderr"])]
    assert leaks == []
    failing = [name for name in PROGRAMS if read_expectation(HERE / name).exit_code != 0]
    assert len(failing) >= 15
    for name in failing:
        stderr = str(results[name]["stderr"])
        assert stderr.startswith("error["), (name, stderr)
        for python_word in ("TypeError", "NameError", "<locals>", '.py"', "Exception"):
            assert python_word not in stderr, (name, stderr)
