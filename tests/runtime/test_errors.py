"""`ClError`: fields, formatting, locations and frames, conversion of Python exceptions."""

from __future__ import annotations

import pytest
from claudelang.runtime import ClError, Frame, Location, from_python_exception
from claudelang.runtime.errors import ERROR_KINDS, arity_message
from claudelang.runtime.plist import of


def test_fields_and_str() -> None:
    err = ClError("user", "boom", {"code": 1})
    assert (err.kind, err.message, err.data) == ("user", "boom", {"code": 1})
    assert err.location is None and err.frames == []
    assert str(err) == "boom" and "boom" in repr(err)
    assert isinstance(err, Exception)


def test_location_and_frames_format_as_a_claudelang_traceback() -> None:
    err = ClError("type", "head: expected a list, got 42 (int)")
    assert err.with_location(Location("main.cl", 3, 5)) is err
    err.with_location(Location("other.cl", 1, 1))  # the innermost location wins
    err.add_frame("helper", Location("main.cl", 3, 5))
    err.add_frame("main", Location("main.cl", 10, 2))
    err.add_frame("<toplevel>")
    assert err.format() == "\n".join(
        [
            "error[type]: head: expected a list, got 42 (int)",
            "  at main.cl:3:5",
            "traceback (most recent call last):",
            "  in <toplevel>",
            "  in main at main.cl:10:2",
            "  in helper at main.cl:3:5",
        ]
    )


def test_location_without_a_file() -> None:
    assert str(Location(None, 1, 2)) == "<input>:1:2"
    assert str(Frame("f")) == "in f"


def test_constructor_accepts_location_and_frames() -> None:
    err = ClError("match", "no match", location=Location("a.cl", 1, 1), frames=[Frame("f")])
    assert err.format().startswith("error[match]: no match\n  at a.cl:1:1")


@pytest.mark.parametrize(
    ("lo", "hi", "got", "expected"),
    [
        (1, 3, 0, "range: expected 1 to 3 arguments, got 0"),
        (1, 1, 2, "range: expected 1 argument, got 2"),
        (2, 2, 0, "range: expected 2 arguments, got 0"),
        (1, None, 0, "range: expected at least 1 argument, got 0"),
        (2, None, 1, "range: expected at least 2 arguments, got 1"),
    ],
)
def test_arity_message(lo: int, hi: int | None, got: int, expected: str) -> None:
    assert arity_message("range", lo, hi, got) == expected


def _python_error(fn, *args):
    try:
        fn(*args)
    except Exception as exc:
        return exc
    raise AssertionError("no exception")


def test_from_python_exception() -> None:
    def square(x: int) -> int:
        return x * x

    def deep(n: int) -> int:
        return deep(n + 1)

    assert from_python_exception(_python_error(square, 1, 2)).kind == "arity"
    assert from_python_exception(_python_error(square)).message.startswith("square: missing")
    assert from_python_exception(_python_error(deep, 0)).kind == "recursion"
    assert from_python_exception(ZeroDivisionError()).kind == "division-by-zero"
    not_callable: object = 1
    assert from_python_exception(_python_error(lambda: not_callable())).kind == "type"
    internal = from_python_exception(KeyError("x"))
    assert internal.kind == "internal" and internal.message == "KeyError: 'x'"
    original = ClError("user", "kept")
    assert from_python_exception(original) is original


def test_error_kinds_are_documented() -> None:
    for kind in ("unbound-name", "arity", "type", "division-by-zero", "match", "contract"):
        assert kind in ERROR_KINDS


def test_error_builders_for_the_compiler() -> None:
    from claudelang.runtime.checks import (
        contract_error,
        match_error,
        not_callable_error,
        unbound_name_error,
    )

    err = unbound_name_error("fooo")
    assert (err.kind, err.message) == ("unbound-name", "unbound name 'fooo'")
    err = not_callable_error(5)
    assert (err.kind, err.message) == ("type", "cannot call 5 (int): it is not a function")
    err = match_error(of(1, 2))
    assert (err.kind, err.message) == ("match", "match: no clause matched [1 2] (list)")
    err = contract_error("safe-div", "(!= y 0)")
    assert (err.kind, err.message) == ("contract", "safe-div: contract :requires failed: (!= y 0)")
    assert contract_error("f", "(number? result)", "ensures").message.endswith(":ensures failed: (number? result)")
