"""The table of bugs in `benchmarks/reliability.py` names, for each, the regression test
that guards its fix: every name (or pattern) must match a test that exists."""

from __future__ import annotations

import fnmatch
import re
import sys
from pathlib import Path

TESTS = Path(__file__).parents[1]
sys.path.insert(0, str(TESTS.parent / "benchmarks"))
from reliability import FOUND  # noqa: E402


def test_every_bug_in_the_reliability_table_has_its_regression_test() -> None:
    names = {path.stem for path in TESTS.rglob("test_*.py")}
    for path in TESTS.rglob("*.py"):
        names.update(re.findall(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.MULTILINE))
    missing = [
        pattern for _, _, patterns in FOUND for pattern in patterns.split(", ") if not fnmatch.filter(names, pattern)
    ]
    assert not missing, f"no test matches {missing}"
