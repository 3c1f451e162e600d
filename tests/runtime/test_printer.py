"""Printed forms (LANGUAGE.md §2): `show`, `display`, `type_name`, `describe`."""

from __future__ import annotations

import math
import sys
from datetime import datetime

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
    describe,
    display,
    lookup,
    show,
    type_name,
)
from claudelang.runtime.plist import of

SOME = Constructor("Some", 1, "Option")
NONE = Constructor("None", 0, "Option")


def named(name: str):
    def fn() -> None: ...

    fn.__name__ = name
    return fn


SHOWN = [
    (42, "42"),
    (-17, "-17"),
    (4.0, "4.0"),
    (0.1, "0.1"),
    (1e16, "1e+16"),
    (-0.0, "-0.0"),
    (math.inf, "inf"),
    (-math.inf, "-inf"),
    (math.nan, "nan"),
    (True, "#t"),
    (False, "#f"),
    (None, "nil"),
    ("hi", '"hi"'),
    ('a\n"b"\\', '"a\\n\\"b\\"\\\\"'),
    ("\t\r\0", '"\\t\\r\\0"'),
    ("\x01\x7f", '"\\u{1}\\u{7F}"'),
    ("héllo 😀", '"héllo 😀"'),
    (Keyword("a"), ":a"),
    (Symbol("a"), "a"),
    (of(1, 2, 3), "[1 2 3]"),
    (of(), "[]"),
    (of("a", of("b")), '["a" ["b"]]'),
    (Map.of("a", 1, Keyword("b"), 2), '{"a" 1 :b 2}'),
    (Map(), "{}"),
    (Set.of(1, 2), "#{1 2}"),
    (Set(), "#{}"),
    (Tuple(1, "x"), '(tuple 1 "x")'),
    (Tuple(), "(tuple)"),
    (SOME(42), "(Some 42)"),
    (SOME(SOME("x")), '(Some (Some "x"))'),
    (SOME(NONE.value), "(Some None)"),
    (NONE.value, "None"),
    (SOME, "#<function Some>"),
    (named("square"), "#<function square>"),
    (named("string->list"), "#<function string->list>"),
    (lambda x: x, "#<function lambda>"),
    (StateCell(1), "#<state 1>"),
    (StateCell("s"), '#<state "s">'),
    (ClError("user", "boom"), "#<error boom>"),
    (datetime(2024, 5, 1, 12, 30), "#<datetime 2024-05-01T12:30:00>"),
    (object(), "#<python object>"),
]


@pytest.mark.parametrize(("value", "expected"), SHOWN)
def test_show(value: object, expected: str) -> None:
    assert show(value) == expected


def test_builtins_print_with_their_registry_name() -> None:
    assert show(lookup("string-length").value) == "#<function string-length>"
    assert show(lookup("+").value) == "#<function +>"
    assert show(lookup("car").value) == "#<function car>"  # an alias names itself
    assert show(lookup("io:print").value) == "#<function io:print>"


def test_display_writes_top_level_strings_raw() -> None:
    assert display("a\nb") == "a\nb"
    assert display(of("a")) == '["a"]'
    assert display(42) == "42"


def test_big_ints_print_beyond_pythons_digit_limit() -> None:
    n = 7**10000 + 10**6000
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        expected = str(n)
    finally:
        sys.set_int_max_str_digits(limit)
    assert show(n) == expected and len(expected) == 8451
    assert show(-n) == "-" + expected
    assert show(10**9000) == "1" + "0" * 9000


def test_self_containing_cell_prints_finitely() -> None:
    cell = StateCell(None)
    cell.value = of(cell)
    assert show(cell) == "#<state [#<state ...>]>"


TYPES = [
    (1, "int"),
    (1.5, "float"),
    (True, "bool"),
    (None, "nil"),
    ("s", "string"),
    (of(), "list"),
    (Keyword("k"), "keyword"),
    (Symbol("s"), "symbol"),
    (Map(), "map"),
    (Set(), "set"),
    (Tuple(), "tuple"),
    (SOME(1), "Option"),
    (SOME, "function"),
    (len, "function"),
    (StateCell(0), "state"),
    (ClError("user", "x"), "error"),
    (datetime(2024, 1, 1), "datetime"),
]


@pytest.mark.parametrize(("value", "expected"), TYPES)
def test_type_name(value: object, expected: str) -> None:
    assert type_name(value) == expected


def test_describe_shortens_long_values() -> None:
    assert describe(42) == "42 (int)"
    assert describe("a") == '"a" (string)'
    long = describe(of(*range(100)))
    assert long.endswith("... (list)") and len(long) < 80
