"""`values_equal` (ClaudeLang `=`) and `key_of`, including every corner the brief names."""

from __future__ import annotations

import pytest
from claudelang.runtime import (
    ClError,
    Constructor,
    Keyword,
    Map,
    Set,
    StateCell,
    Symbol,
    Tuple,
    key_of,
    values_equal,
)

EQUAL = [
    (1, 1.0),
    (0, -0.0),
    ("a", "a"),
    ((1, (2, 3)), (1.0, (2, 3.0))),
    ((), ()),
    (Keyword("k"), Keyword("k")),
    (Symbol("s"), Symbol("s")),
    (Map.of("a", 1, "b", 2), Map.of("b", 2.0, "a", 1)),
    (Set.of(1, 2), Set.of(2.0, 1)),
    (Tuple(1, "x"), Tuple(1, "x")),
    (None, None),
    (True, True),
]

UNEQUAL = [
    (1, True),
    (0, False),
    (1.0, True),
    (None, False),
    ((1,), (True,)),
    ((1, 2), Tuple(1, 2)),
    ((1, 2), (1, 2, 3)),
    ("1", 1),
    (Keyword("a"), Symbol("a")),
    (Keyword("a"), "a"),
    (Map.of("a", 1), Map.of("a", 2)),
    (Map.of("a", 1), Map.of("a", 1, "b", 2)),
    (Map.of(1, "x"), Map.of(True, "x")),
    (Set.of(1), Set.of(True)),
    (Set.of(1), (1,)),
    (StateCell(1), StateCell(1)),
    (ClError("user", "x"), ClError("user", "x")),
    (float("nan"), float("nan")),
]


@pytest.mark.parametrize(("a", "b"), EQUAL)
def test_equal(a: object, b: object) -> None:
    assert values_equal(a, b) and values_equal(b, a)
    assert hash(key_of(a)) == hash(key_of(b))


@pytest.mark.parametrize(("a", "b"), UNEQUAL)
def test_unequal(a: object, b: object) -> None:
    assert not values_equal(a, b) and not values_equal(b, a)


def test_identity_is_equal() -> None:
    nan = float("nan")
    cell = StateCell(0)
    assert values_equal(nan, nan) and values_equal(cell, cell)


def test_adt_values_compare_structurally() -> None:
    some = Constructor("Some", 1, "Option")
    assert values_equal(some((1, 2)), some((1.0, 2)))
    assert not values_equal(some(1), some(True))
    assert not values_equal(some(1), Tuple("Some", 1))


def test_functions_compare_by_identity() -> None:
    def f() -> None: ...

    def g() -> None: ...

    assert values_equal(f, f) and not values_equal(f, g)


def test_key_of_separates_bools_inside_lists() -> None:
    assert key_of((1, True)) != key_of((1, 1))
    assert key_of(((True,),)) != key_of(((1,),))
    assert key_of("s") == "s" and key_of(3) == 3
