"""Argument checks for builtins, and the errors they raise.

Every builtin validates its arguments with these helpers, so a wrong type surfaces as
`ClError(kind="type")` naming the builtin — "head: expected a list, got 42 (int)" —
instead of whatever Python exception the implementation would have hit. `who` is always
the builtin's ClaudeLang name.

It also builds the errors the compiler raises for user mistakes it detects at run time
(unbound names, calling a non-function, a failed match, a contract violation), so all
messages share one style.

Numbers are `int` or `float` but never `bool` (Python's bool subclasses int, ClaudeLang's
does not), hence the exact `type(x) is int` tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from claudelang.runtime.containers import Map, Set
from claudelang.runtime.errors import ClError, arity_message
from claudelang.runtime.plist import List
from claudelang.runtime.printer import describe

T = TypeVar("T")


def is_number(value: object) -> bool:
    kind = type(value)
    return kind is int or kind is float


def type_error(who: str, expected: str, value: object) -> ClError:
    """`who: expected <expected>, got <value> (<type>)`."""
    return ClError("type", f"{who}: expected {expected}, got {describe(value)}")


def value_error(who: str, message: str) -> ClError:
    return ClError("value", f"{who}: {message}")


def arity_error(who: str, min_args: int, max_args: int | None, got: int) -> ClError:
    return ClError("arity", arity_message(who, min_args, max_args, got))


def unbound_name_error(name: str) -> ClError:
    """For the compiler: a name with no binding was evaluated."""
    return ClError("unbound-name", f"unbound name '{name}'")


def not_callable_error(value: object) -> ClError:
    """For the compiler: `(f ...)` where f evaluated to something that is not a function."""
    return ClError("type", f"cannot call {describe(value)}: it is not a function")


def match_error(value: object) -> ClError:
    """For the compiler: no clause of a `match` matched `value`."""
    return ClError("match", f"match: no clause matched {describe(value)}")


def contract_error(function: str, clause: str, which: str = "requires") -> ClError:
    """For the compiler: `(spec:contract f :requires [...])` clause `clause` was false."""
    return ClError("contract", f"{function}: contract :{which} failed: {clause}")


def fail(who: str, expected: str, value: object) -> NoReturn:
    raise type_error(who, expected, value)


def instance_check(kind: type[T], expected: str) -> Callable[[str, object], T]:
    """A check `(who, value) -> value` that fails with `expected` unless value is a `kind`."""

    def expect(who: str, value: object) -> T:
        if not isinstance(value, kind):
            fail(who, expected, value)
        return value

    return expect


expect_list = instance_check(List, "a list")


def expect_int(who: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(who, "an int", value)
    return value


def expect_count(who: str, value: object) -> int:
    """A non-negative int (a size or a count)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(who, "a non-negative int", value)
    return value


def expect_number(who: str, value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(who, "a number", value)
    return value


def expect_numbers(who: str, values: List | tuple[Any, ...]) -> List | tuple[Any, ...]:
    for value in values:
        if type(value) is not int and type(value) is not float:
            fail(who, "numbers", value)
    return values


expect_string = instance_check(str, "a string")


def expect_function(who: str, value: object) -> Callable[..., Any]:
    if not callable(value):
        fail(who, "a function", value)
    return value


expect_map = instance_check(Map, "a map")
expect_set = instance_check(Set, "a set")
