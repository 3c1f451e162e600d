"""Differential tests: random numeric programs give the same value or error with the JIT
off and in eager mode (where every function and loop is compiled at its first use).

Besides the value (type and printed form, so `-0.0`, `nan` and `1` vs `1.0` are told
apart) an error must agree in kind, message, location and ClaudeLang traceback.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.jit.helpers import compare
from tests.jit.programs import programs, recursive_programs

# The VM raises the recursion limit for deep ClaudeLang recursion; hypothesis notices.
pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(programs())
def test_random_programs_agree(program: tuple[str, str, list[object]]) -> None:
    definitions, call, args = program
    compare(definitions, call, **{f"a{i}": value for i, value in enumerate(args)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recursive_programs())
def test_recursive_programs_agree(program: tuple[str, str, list[object]]) -> None:
    definitions, call, args = program
    compare(definitions, call, **{f"a{i}": value for i, value in enumerate(args)})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(min_value=2, max_value=4))
def test_switching_in_the_middle_of_loops_agrees(program: tuple[str, str, list[object]], threshold: int) -> None:
    """Auto mode with a tiny threshold: loops switch to native code after a few iterations."""
    definitions, call, args = program
    arguments = {f"a{i}": value for i, value in enumerate(args)}
    compare(definitions, f"(do {call} {call} {call})", threshold=threshold, **arguments)
