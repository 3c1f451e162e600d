"""The rename differential: renaming any name of a generated two-file program to a fresh
name, through the real server, changes neither its output nor `claudelang check`'s verdict.

A fixed seed and 100 examples in CI; `python benchmarks/rename_differential.py` runs
thousands. Counterexamples found so far are pinned with `@example`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.lsp.rename_oracle import RenameOracle
from tests.lsp.rename_programs import Case, Program, cases


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RenameOracle]:
    found = RenameOracle(tmp_path_factory.mktemp("rename-differential"))
    yield found
    found.close()


@seed(20240611)
@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), open_module=st.booleans())
def test_renaming_never_changes_what_a_program_does(oracle: RenameOracle, case: Case, open_module: bool) -> None:
    oracle.check(case, open_module)


def test_the_oracle_notices_a_rename_that_changes_the_output(oracle: RenameOracle) -> None:
    """Guards the oracle itself: a program whose output would change is caught."""
    program = Program("(module m (export a)\n  (define a 1))\n", '(import "m" (a))\n(define b 2)\n(io:print a)\n')
    before = oracle.run(program.files())
    after = oracle.run({**program.files(), "main.cl": program.main.replace("(io:print a)", "(io:print b)")})
    assert before == "1\n" and after == "2\n"
