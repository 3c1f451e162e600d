"""Arithmetic, comparison and equality operators: `+ - * / < <= > >= = == != not=`.

Arithmetic is variadic over numbers only (`(+ 1 #t)` and `(+ "a" "b")` are type errors).
`/` returns an int when both operands are ints and the division is exact, else a float;
dividing by zero (int or float) is a "division-by-zero" error. Comparisons chain over
all their arguments, and accept numbers or strings (see `ordering.py`). `add`, `sub`,
`mul`, `div` are the two-operand forms, importable by the compiler for inlining.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_numbers, type_error, value_error
from claudelang.runtime.equality import values_equal
from claudelang.runtime.errors import ClError
from claudelang.runtime.ordering import check_comparable

builtin = partial(registry.builtin, family="operators")

Number = int | float


_NUMBER_TYPES = (int, float)


def _bad_operand(who: str, a: Any, b: Any) -> ClError:
    culprit = a if type(a) not in _NUMBER_TYPES else b
    return type_error(who, "numbers", culprit)


def add(a: Any, b: Any) -> Number:
    if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
        return a + b
    raise _bad_operand("+", a, b)


def sub(a: Any, b: Any) -> Number:
    if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
        return a - b
    raise _bad_operand("-", a, b)


def mul(a: Any, b: Any) -> Number:
    if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
        return a * b
    raise _bad_operand("*", a, b)


def div(a: Any, b: Any, who: str = "/") -> Number:
    """`(/ a b)`: exact int quotient when possible, else float; zero divisor is an error."""
    if type(a) not in _NUMBER_TYPES or type(b) not in _NUMBER_TYPES:
        raise _bad_operand(who, a, b)
    if b == 0:
        raise ClError("division-by-zero", f"{who}: division by zero")
    if type(a) is int and type(b) is int:
        quotient, remainder = divmod(a, b)
        if remainder == 0:
            return quotient
    try:
        return a / b
    except OverflowError:
        raise value_error(who, "result too large for a float") from None


@builtin("+", "...xs", doc="Sum of the numbers; (+) is 0.", example="(+ 1 2 3.5) ⇒ 6.5")
def _plus(*xs: Any) -> Number:
    if len(xs) == 2:
        return add(*xs)
    expect_numbers("+", xs)
    return sum(xs)


@builtin("-", "x ...more", doc="Subtract the rest from x; (- x) negates.", example="(- 10 3 2) ⇒ 5")
def _minus(x: Any, *more: Any) -> Number:
    expect_numbers("-", (x, *more))
    if not more:
        return -x
    for y in more:
        x -= y
    return x


@builtin("*", "...xs", doc="Product of the numbers; (*) is 1.", example="(* 2 3 4) ⇒ 24")
def _times(*xs: Any) -> Number:
    expect_numbers("*", xs)
    product: Number = 1
    for x in xs:
        product *= x
    return product


@builtin(
    "/",
    "x ...more",
    doc="Divide x by the rest, left to right: an int when exact, else a float; (/ x) is 1/x.",
    example="(/ 7 2) ⇒ 3.5",
)
def _divide(x: Any, *more: Any) -> Number:
    if not more:
        return div(1, x)
    for y in more:
        x = div(x, y)
    return x


def _comparison(name: str, test: Callable[[Any, Any], bool], words: str, example: str) -> None:
    def compare(*args: Any) -> bool:
        if len(args) == 2 and type(args[0]) in _NUMBER_TYPES and type(args[1]) in _NUMBER_TYPES:
            return test(*args)
        check_comparable(name, args)
        return all(test(a, b) for a, b in pairwise(args))

    registry.register(
        name,
        "x ...more",
        compare,
        doc=f"#t if each argument is {words} the next (numbers, or strings).",
        example=example,
        family="operators",
    )


_comparison("<", operator.lt, "less than", "(< 1 2 3) ⇒ #t")
_comparison("<=", operator.le, "less than or equal to", "(<= 1 1 2) ⇒ #t")
_comparison(">", operator.gt, "greater than", '(> "b" "a") ⇒ #t')
_comparison(">=", operator.ge, "greater than or equal to", "(>= 3 3 4) ⇒ #f")


def all_equal(*args: Any) -> bool:
    if len(args) == 2:
        return values_equal(*args)
    return all(values_equal(a, b) for a, b in pairwise(args))


@builtin(
    "=",
    "x ...more",
    doc="Structural equality: numbers numerically (1 = 1.0), booleans never equal numbers.",
    example="(= [1 2] [1 2.0]) ⇒ #t",
    aliases=("==",),
)
def _equal(*args: Any) -> bool:
    return all_equal(*args)


@builtin(
    "not=",
    "x ...more",
    doc="Negation of `=`: #t unless all arguments are structurally equal.",
    example="(not= 1 2) ⇒ #t",
    aliases=("!=",),
)
def _not_equal(*args: Any) -> bool:
    return not all_equal(*args)
