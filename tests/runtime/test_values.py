"""Value classes: interning, tuples, maps, sets, constructors, cells, truthiness."""

from __future__ import annotations

import copy
import pickle

import pytest
from claudelang.runtime import (
    AdtValue,
    ClError,
    Constructor,
    Keyword,
    Map,
    Set,
    StateCell,
    Symbol,
    Tuple,
    match_constructor,
    truthy,
)


def test_keywords_and_symbols_are_interned_per_class() -> None:
    assert Keyword("a") is Keyword("a")
    assert Symbol("a") is Symbol("a")
    assert Keyword("a") is not Symbol("a")
    assert Keyword("a") != Symbol("a")
    assert str(Keyword("a")) == ":a" and str(Symbol("a")) == "a"


def test_interning_survives_pickle_and_copy() -> None:
    assert pickle.loads(pickle.dumps(Keyword("k"))) is Keyword("k")
    assert copy.deepcopy(Symbol("s")) is Symbol("s")


def test_truthy_only_false_and_nil_are_false() -> None:
    assert [truthy(x) for x in (False, None)] == [False, False]
    assert all(truthy(x) for x in (0, 0.0, "", (), Map(), Set(), True))


def test_tuple_is_not_a_python_tuple() -> None:
    t = Tuple(1, "x")
    assert not isinstance(t, tuple)
    assert t.items == (1, "x") and len(t) == 2 and list(t) == [1, "x"] and t[1] == "x"
    assert t == Tuple(1.0, "x") and hash(t) == hash(Tuple(1.0, "x"))
    assert t != (1, "x")
    assert Tuple(True) != Tuple(1)
    assert Tuple.from_iterable([1, 2]) == Tuple(1, 2)


def test_map_is_immutable_ordered_and_hashable() -> None:
    m = Map.of("a", 1, Keyword("b"), 2)
    m2 = m.assoc("c", 3)
    assert list(m) == ["a", Keyword("b")] and list(m2.keys()) == ["a", Keyword("b"), "c"]
    assert m.get("c") is None and m2.get("c") == 3 and m.get("zz", 0) == 0
    assert m.dissoc("a") == Map.of(Keyword("b"), 2) and m.dissoc("zz") is m
    assert list(m.items()) == [("a", 1), (Keyword("b"), 2)]
    assert list(m.values()) == [1, 2]
    assert Map.of("a", 1, "b", 2) == Map.of("b", 2, "a", 1)
    assert hash(Map.of("a", 1, "b", 2)) == hash(Map.of("b", 2, "a", 1))
    assert {Map.of("a", 1): "found"}[Map.of("a", 1.0)] == "found"
    assert Map(m) == m and len(m) == 2 and "a" in m
    assert m.merge(Map.of("a", 9)).get("a") == 9


def test_map_of_requires_pairs() -> None:
    with pytest.raises(ValueError):
        Map.of("a")


def test_map_keys_follow_claudelang_equality() -> None:
    m = Map.of(1, "one", True, "true", (1,), "list1", (True,), "listT")
    assert len(m) == 4
    assert m.get(1.0) == "one" and m.get(True) == "true"
    assert m.get((1.0,)) == "list1" and m.get((True,)) == "listT"
    assert m.get(Tuple(1)) is None


def test_set_is_ordered_and_keeps_bools_apart_from_numbers() -> None:
    s = Set([3, 1, 3, True, 1.0])
    assert list(s) == [3, 1, True]
    assert s.add(4) == Set([1, 3, True, 4]) and s.add(3) is s
    assert s.remove(3) == Set([1, True]) and s.remove(99) is s
    assert Set.of(1, 2).union(Set.of(2, 3)) == Set.of(1, 2, 3)
    assert Set.of(1, 2).intersection(Set.of(2, 3)) == Set.of(2)
    assert Set.of(1, 2).difference(Set.of(2, 3)) == Set.of(1)
    assert hash(Set.of(1, 2)) == hash(Set.of(2, 1)) and 2 in Set.of(1, 2)
    assert Set.of(1) != Map.of(1, 1)


def test_constructor_builds_values_and_checks_arity() -> None:
    some = Constructor("Some", 1, "Option")
    value = some(42)
    assert isinstance(value, AdtValue) and value.fields == (42,)
    assert value.name == "Some" and value.type_name == "Option"
    assert value == some(42.0) and hash(value) == hash(some(42.0)) and value != some(43)
    with pytest.raises(ClError) as info:
        some(1, 2)
    assert info.value.kind == "arity"
    assert info.value.message == "Some: expected 1 argument, got 2"


def test_nullary_constructor_value_is_unique() -> None:
    none = Constructor("None", 0, "Option")
    assert none.value is not None and none() is none.value and none.value.fields == ()
    assert none.__name__ == "None" and callable(none)


def test_adt_equality_needs_same_constructor_name_and_type() -> None:
    a = Constructor("Leaf", 1, "Tree")(1)
    b = Constructor("Leaf", 1, "Other")(1)
    assert a != b
    assert a == Constructor("Leaf", 1, "Tree")(1)


def test_match_constructor_on_values_and_tagged_tuples() -> None:
    some = Constructor("Some", 1, "Option")
    none = Constructor("None", 0, "Option")
    assert match_constructor(some(3), "Some", 1) == (3,)
    assert match_constructor(some(3), "None", 0) is None
    assert match_constructor(none.value, "None", 0) == ()
    assert match_constructor(Tuple("Some", 3), "Some", 1) == (3,)
    assert match_constructor(Tuple("None"), "None", 0) == ()
    assert match_constructor(Tuple("Some", 1, 2), "Some", 1) is None
    assert match_constructor(Tuple(Symbol("Some"), 1), "Some", 1) is None
    assert match_constructor(("Some", 3), "Some", 1) is None
    assert match_constructor(42, "Some", 1) is None


def test_state_cell_is_mutable_and_compared_by_identity() -> None:
    cell = StateCell(1)
    cell.value = 2
    assert cell.value == 2 and cell != StateCell(2) and cell == cell
