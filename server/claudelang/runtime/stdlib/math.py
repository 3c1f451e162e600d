"""Math builtins: rounding, powers and logs, trigonometry, integer functions, statistics.

Results keep ints exact where the operation allows it (`floor`, `ceil`, `round` return
ints; `pow` of ints with a non-negative exponent is an int); irrational results are
floats. `round` rounds half away from zero (`(round 2.5)` is 3, `(round -2.5)` is -3),
unlike Python's banker's rounding. Out-of-domain arguments (`(sqrt -1)`, `(log 0)`) are
"value" errors rather than NaN. `quot` truncates toward zero; `mod` and `%` take the sign
of the divisor.
"""

from __future__ import annotations

import math as pymath
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import (
    expect_count,
    expect_int,
    expect_list,
    expect_number,
    expect_numbers,
    value_error,
)
from claudelang.runtime.errors import ClError
from claudelang.runtime.ordering import compare
from claudelang.runtime.plist import List
from claudelang.runtime.stdlib.operators import div

builtin = partial(registry.builtin, family="math")

Number = int | float


def _finite(who: str, x: Number) -> Number:
    if isinstance(x, float) and not pymath.isfinite(x):
        raise value_error(who, f"expected a finite number, got {x!r}")
    return x


_NOTHING = object()


def _extreme(who: str, args: tuple[Any, ...], sign: int) -> Any:
    items = iter(expect_list(who, args[0]) if len(args) == 1 and isinstance(args[0], List) else args)
    best = next(items, _NOTHING)
    if best is _NOTHING:
        raise value_error(who, "empty list")
    for x in items:
        if compare(x, best, who) * sign > 0:
            best = x
    return best


@builtin(
    "min",
    "x ...more",
    doc="The smallest argument, or the smallest element of one list.",
    example="(min [3 1 2]) ⇒ 1",
)
def _min(*args: Any) -> Any:
    return _extreme("min", args, -1)


@builtin(
    "max",
    "x ...more",
    doc="The largest argument, or the largest element of one list.",
    example="(max 3 1 2) ⇒ 3",
)
def _max(*args: Any) -> Any:
    return _extreme("max", args, 1)


@builtin("abs", "x", doc="Absolute value.", example="(abs -4.5) ⇒ 4.5")
def _abs(x: Any) -> Number:
    return abs(expect_number("abs", x))


@builtin("floor", "x", doc="Largest int not greater than x.", example="(floor -2.5) ⇒ -3")
def _floor(x: Any) -> int:
    return pymath.floor(_finite("floor", expect_number("floor", x)))


@builtin("ceil", "x", doc="Smallest int not less than x.", example="(ceil 2.1) ⇒ 3")
def _ceil(x: Any) -> int:
    return pymath.ceil(_finite("ceil", expect_number("ceil", x)))


@builtin(
    "round",
    "x [digits]",
    doc="Nearest int, halves away from zero; with digits, a number rounded to that many places.",
    example="(round 2.5) ⇒ 3",
)
def _round(x: Any, digits: Any = None) -> Number:
    _finite("round", expect_number("round", x))
    if digits is None:
        if isinstance(x, int):
            return x
        low = pymath.floor(x)
        fraction = x - low
        return low + 1 if fraction > 0.5 or (fraction == 0.5 and x > 0) else low
    places = Decimal(1).scaleb(-expect_int("round", digits))
    rounded = Decimal(repr(x)).quantize(places, rounding=ROUND_HALF_UP)
    return int(rounded) if isinstance(x, int) else float(rounded)


def _real(who: str, fn: Callable[..., float], *args: Any) -> float:
    for x in args:
        expect_number(who, x)
    try:
        return fn(*args)
    except OverflowError:
        raise value_error(who, "result too large for a float") from None
    except ZeroDivisionError:
        raise ClError("division-by-zero", f"{who}: division by zero") from None
    except ValueError:
        shown = " ".join(map(repr, args))
        raise value_error(who, f"argument out of domain: {shown}") from None


@builtin("sqrt", "x", doc="Square root (a float); x must not be negative.", example="(sqrt 16) ⇒ 4.0")
def _sqrt(x: Any) -> float:
    return _real("sqrt", pymath.sqrt, x)


@builtin(
    "pow",
    "x y",
    doc="x to the power y; an int when both are ints and y ≥ 0.",
    example="(pow 2 10) ⇒ 1024",
)
def _pow(x: Any, y: Any) -> Number:
    if type(x) is int and type(y) is int and y >= 0:
        return x**y
    if x == 0 and expect_number("pow", y) < 0:
        raise ClError("division-by-zero", "pow: zero to a negative power")
    return _real("pow", pymath.pow, x, y)


@builtin("exp", "x", doc="e to the power x.", example="(exp 0) ⇒ 1.0")
def _exp(x: Any) -> float:
    return _real("exp", pymath.exp, x)


@builtin("log", "x [base]", doc="Natural logarithm, or logarithm to base.", example="(log 8 2) ⇒ 3.0")
def _log(x: Any, base: Any = None) -> float:
    if base is None:
        return _real("log", pymath.log, x)
    return _real("log", pymath.log, x, base)


def _trig(name: str, fn: Callable[[float], float], example: str) -> None:
    registry.register(
        name,
        "x",
        lambda x: _real(name, fn, x),
        doc=f"The {name} of x (radians).",
        example=example,
        family="math",
    )


_trig("sin", pymath.sin, "(sin 0) ⇒ 0.0")
_trig("cos", pymath.cos, "(cos 0) ⇒ 1.0")
_trig("tan", pymath.tan, "(tan 0) ⇒ 0.0")


@builtin(
    "atan",
    "y [x]",
    doc="Arc tangent of y (radians); with x, the angle of the point (x, y).",
    example="(atan 0) ⇒ 0.0",
)
def _atan(y: Any, x: Any = None) -> float:
    if x is None:
        return _real("atan", pymath.atan, y)
    return _real("atan", pymath.atan2, y, x)


@builtin("atan2", "y x", doc="The angle of the point (x, y), in radians.", example="(atan2 0 1) ⇒ 0.0")
def _atan2(y: Any, x: Any) -> float:
    return _real("atan2", pymath.atan2, y, x)


registry.register_constant("pi", pymath.pi, doc="π, a float.", example="pi ⇒ 3.141592653589793", family="math")
registry.register_constant(
    "e", pymath.e, doc="Euler's number, a float.", example="e ⇒ 2.718281828459045", family="math"
)


@builtin("gcd", "a b ...more", doc="Greatest common divisor of ints.", example="(gcd 12 18) ⇒ 6")
def _gcd(*ns: Any) -> int:
    return pymath.gcd(*(expect_int("gcd", n) for n in ns))


@builtin("lcm", "a b ...more", doc="Least common multiple of ints.", example="(lcm 4 6) ⇒ 12")
def _lcm(*ns: Any) -> int:
    return pymath.lcm(*(expect_int("lcm", n) for n in ns))


@builtin("factorial", "n", doc="n! for an int n ≥ 0 (exact).", example="(factorial 5) ⇒ 120")
def _factorial(n: Any) -> int:
    return pymath.factorial(expect_count("factorial", n))


@builtin(
    "mean",
    "lst",
    doc="Arithmetic mean of a non-empty list (int when exact, like `/`).",
    example="(mean [1 2 3 4]) ⇒ 2.5",
)
def _mean(lst: Any) -> Number:
    items = expect_numbers("mean", expect_list("mean", lst))
    if not items:
        raise value_error("mean", "empty list")
    return div(sum(items), len(items), "mean")


@builtin("clamp", "x lo hi", doc="x limited to the range lo..hi.", example="(clamp 15 0 10) ⇒ 10")
def _clamp(x: Any, lo: Any, hi: Any) -> Number:
    expect_numbers("clamp", (x, lo, hi))
    if lo > hi:
        raise value_error("clamp", f"lower bound {lo!r} is above upper bound {hi!r}")
    return lo if x < lo else hi if x > hi else x


def _predicate(name: str, test: Callable[[Any], bool], ints: bool, doc: str, example: str) -> None:
    check = expect_int if ints else expect_number
    accepted = (int,) if ints else (int, float)

    def predicate(x: Any) -> bool:
        return test(x) if type(x) in accepted else test(check(name, x))

    registry.register(name, "x", predicate, doc=doc, example=example, family="math")


_predicate("even?", lambda n: n % 2 == 0, True, "#t for an even int.", "(even? 4) ⇒ #t")
_predicate("odd?", lambda n: n % 2 == 1, True, "#t for an odd int.", "(odd? -3) ⇒ #t")
_predicate("zero?", lambda x: x == 0, False, "#t for 0 or 0.0.", "(zero? 0.0) ⇒ #t")
_predicate("positive?", lambda x: x > 0, False, "#t for a number above 0.", "(positive? 2) ⇒ #t")
_predicate("negative?", lambda x: x < 0, False, "#t for a number below 0.", "(negative? -1) ⇒ #t")


def _divisor(who: str, a: Any, b: Any) -> None:
    expect_numbers(who, (a, b))
    if b == 0:
        raise ClError("division-by-zero", f"{who}: division by zero")


@builtin("quot", "a b", doc="Quotient truncated toward zero.", example="(quot -7 2) ⇒ -3")
def _quot(a: Any, b: Any) -> Number:
    _divisor("quot", a, b)
    if type(a) is int and type(b) is int:
        q = abs(a) // abs(b)
        return q if (a < 0) == (b < 0) else -q
    return float(pymath.trunc(_finite("quot", a / b)))


@builtin(
    "mod",
    "a b",
    doc="Remainder with the sign of the divisor.",
    example="(mod -7 3) ⇒ 2",
    aliases=("%",),
)
def mod(a: Any, b: Any) -> Number:
    _divisor("mod", a, b)
    return a % b
