"""`claudelang check` on the conformance programs of LANGUAGE.md §10's runtime rows (keyed
state store, aliases, builtin group imports, features not part of 1.1): nothing on those
that run cleanly; on those that stop, exactly the errors naming why, where `run` raises
them (the positions their `; expect-stderr:` lines give)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

CLEAN = [
    "earlier_state_store.cl",
    "earlier_state_transactions.cl",
    "earlier_aliases_strings.cl",
    "earlier_import_builtins.cl",
]
FAILING = {
    "earlier_import_builtins_missing.cl": [
        "earlier_import_builtins_missing.cl:5:22: error: module \"math\" does not export 'string-upper'",
    ],
    "earlier_unsupported_mutable_pairs.cl": [
        "earlier_unsupported_mutable_pairs.cl:8:2: error: set-car!: mutable pairs are not supported: "
        "lists are immutable (build a new list instead)",
    ],
    "earlier_unsupported_graph.cl": [
        "earlier_unsupported_graph.cl:4:4: error: graph:build: the graph: operations never ran in any "
        "ClaudeLang release and are not part of 1.1",
        "earlier_unsupported_graph.cl:7:17: error: trace:enable: the trace: operations never ran in any "
        "ClaudeLang release and are not part of 1.1",
    ],
}


def check(program: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claudelang.cli.main", "check", program]
    return subprocess.run(command, cwd=HERE, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("program", CLEAN)
def test_check_reports_nothing(program: str) -> None:
    result = check(program)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("program", FAILING)
def test_check_reports_what_stops_run(program: str) -> None:
    result = check(program)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (1, FAILING[program], "")
