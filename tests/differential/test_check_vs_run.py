"""`claudelang check` against `claudelang run` on generated programs (LANGUAGE.md §7).

§7: check reports an error at a position exactly when running the program could raise that
error there (an unbound name, a wrong arity to a known function, a bad import). For every
generated program (`programs.programs`: a main file and up to two module files, written to
a fresh folder), this test checks both directions of that sentence, for the runs that
actually happen:

1. run ⊆ check. Every error of kind `unbound-name`, `arity` or `import` that running
   `main.cl` raises — uncaught (which ends the run, as `claudelang run` ends) or caught by
   a `try` — is reported by check, with the same kind (check's codes `unbound-name`,
   `arity`, `missing-module`/`not-exported`), at the same file, line and column.
   Exception: an import error is compared by the top-level `import` form it lies in (run
   reports the form, check the path or name inside it; `test_regressions` keeps that
   difference as its own case).
2. check ⊆ run, where run went. Every such error check reports, in any file of the
   program, at a position P that the run reached — an instruction positioned at P ran (or,
   for a name heading a list form, the instruction of that form) — was raised there, unless
   the run raised some other error inside the flagged node first. Positions the run never
   reached (an untaken branch, a function nobody calls) are not required of run: there
   check may report what only another run could raise.

The run side is `Session.run_file`, the code path of `claudelang run`, traced in process
(`oracle.run_program`); the check side is `cli.check.file_diagnostics`, the code path of
`claudelang check`. A Python exception out of either side, or an error of kind "internal",
fails the test as a crash.

200 programs, derandomized and without an example database, so every run checks the same
programs. `benchmarks/differential.py` runs thousands and shrinks what it finds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.differential.oracle import compare
from tests.differential.programs import Program, programs


# Session raises the recursion limit for deep ClaudeLang recursion; hypothesis warns that it
# cannot restore it.
@pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")
@settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(programs())
def test_check_and_run_agree_on_unbound_names_arity_and_imports(program: Program) -> None:
    with tempfile.TemporaryDirectory() as folder:
        verdict = compare(Path(folder), program.files, program.main)
    assert not verdict.found, "\n".join([str(program), *map(str, verdict.found)])
