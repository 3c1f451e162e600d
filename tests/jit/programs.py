"""Hypothesis strategies for random numeric ClaudeLang programs over the JIT's subset.

Expressions are built as source text, typed loosely (an int, a float or a boolean is
expected where it usually makes sense) so that most programs compile natively, while
some mix types and are rejected — both must give exactly the VM's results.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

INTS = [0, 1, -1, 2, 3, 7, -10, 255, 2**31, 2**53 + 1, 2**62, 2**63 - 1, -(2**63), 3037000500]
FLOATS = [0.0, -0.0, 0.5, 1.5, -2.25, 1e308, -1e308, 1e-308, 5e-324, math.pi, 1e16, 0.1]

ARG_INTS = st.one_of(
    st.sampled_from([*INTS, 2**63, -(2**63) - 1, 10**30]),
    st.integers(min_value=-1000, max_value=1000),
    st.integers(min_value=-(2**64), max_value=2**64),
)
ARG_FLOATS = st.one_of(
    st.sampled_from([*FLOATS, math.inf, -math.inf, math.nan]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-100, max_value=100),
)
ARGS = st.one_of(ARG_INTS, ARG_FLOATS, st.booleans())


def float_text(value: float) -> str:
    return repr(value).replace("e+", "e")


INT_LITERALS = st.one_of(st.sampled_from(INTS).map(str), st.integers(min_value=-20, max_value=20).map(str))
FLOAT_LITERALS = st.sampled_from(FLOATS).map(float_text)
LITERALS = {"int": INT_LITERALS, "float": FLOAT_LITERALS, "mixed": st.one_of(INT_LITERALS, FLOAT_LITERALS)}
ARGUMENTS = {
    "int": st.one_of(ARG_INTS, ARG_INTS, st.booleans()),
    "float": st.one_of(ARG_FLOATS, ARG_FLOATS, st.booleans()),
    "mixed": ARGS,
}

UNARY = ["-", "+", "*", "abs", "sqrt", "exp", "log", "sin", "cos", "atan", "floor", "ceil", "round", "/"]
BINARY = ["+", "-", "*", "/", "quot", "mod", "%", "min", "max", "atan2", "log", "atan"]
VARIADIC = ["+", "-", "*", "/", "min", "max"]
COMPARE = ["<", "<=", ">", ">=", "=", "==", "!=", "not="]


@st.composite
def numbers(draw: st.DrawFn, names: tuple[str, ...], depth: int, flavor: str = "mixed") -> str:
    """An expression that is usually a number (of the flavor's type, mostly)."""
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        return draw(st.one_of(LITERALS[flavor], st.sampled_from(names)))
    sub = numbers(names, depth - 1, flavor)
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return f"({draw(st.sampled_from(UNARY))} {draw(sub)})"
    if kind <= 3:
        return f"({draw(st.sampled_from(BINARY))} {draw(sub)} {draw(sub)})"
    if kind == 4:
        op = draw(st.sampled_from(VARIADIC))
        args = draw(st.lists(sub, min_size=0 if op in "+*" else 1, max_size=4))
        return f"({op} {' '.join(args)})".replace(" )", ")")
    if kind == 5:
        return f"(if {draw(booleans(names, depth - 1, flavor))} {draw(sub)} {draw(sub)})"
    if kind == 6:
        return f"(let ((t {draw(sub)})) {draw(numbers((*names, 't'), depth - 1, flavor))})"
    if kind == 7:
        clause = f"({draw(booleans(names, depth - 1, flavor))} {draw(sub)})"
        return f"(cond {clause} (else {draw(sub)}))"
    if kind == 8:  # a named-let loop with a bounded trip count
        body = draw(numbers((*names, "i", "acc"), depth - 1, flavor))
        return f"(let loop ((i 0) (acc {draw(sub)})) (if (< i {draw(st.integers(0, 3))}) (loop (+ i 1) {body}) acc))"
    if kind == 9:  # a while loop assigning a local
        body = draw(numbers((*names, "s", "k"), depth - 1, flavor))
        count = draw(st.integers(0, 3))  # few trips: products of products grow exponentially
        return f"(let ((s {draw(sub)}) (k 0)) (while (< k {count}) (set! s {body}) (set! k (+ k 1))) s)"
    if kind == 10:  # a small power of a name or literal: nested or looped powers of powers grow without bound
        base = draw(st.one_of(LITERALS[flavor], st.sampled_from(names)))
        return f"(pow {base} {draw(st.integers(-3, 3))})"
    return f"(clamp {draw(sub)} {draw(sub)} {draw(sub)})"


@st.composite
def booleans(draw: st.DrawFn, names: tuple[str, ...], depth: int, flavor: str = "mixed") -> str:
    """An expression that is usually a boolean."""
    sub = numbers(names, max(depth - 1, 0), flavor)
    kind = draw(st.integers(0, 6))
    if kind == 0 or depth <= 0:
        return draw(st.sampled_from(["#t", "#f", *names]))
    if kind <= 2:
        op = draw(st.sampled_from(COMPARE))
        args = draw(st.lists(sub, min_size=2, max_size=3))
        return f"({op} {' '.join(args)})"
    if kind == 3:
        return f"(not {draw(booleans(names, depth - 1, flavor))})"
    if kind == 4:
        op = draw(st.sampled_from(["and", "or"]))
        return f"({op} {draw(booleans(names, depth - 1, flavor))} {draw(booleans(names, depth - 1, flavor))})"
    predicate = draw(st.sampled_from(["zero?", "positive?", "negative?", "even?", "odd?", "int?", "float?"]))
    return f"({predicate} {draw(sub)})"


@st.composite
def programs(draw: st.DrawFn) -> tuple[str, str, list[object]]:
    """(definitions, call, arguments): `f` of two parameters, maybe calling a helper `g`."""
    params = ("x", "y")
    helper = ""
    flavor = draw(st.sampled_from(["int", "float", "mixed"]))
    if draw(st.booleans()):
        helper = f"(define (g a b) {draw(numbers(('a', 'b'), 2, flavor))})\n"
        body = draw(numbers(params, 2, flavor))
        body = f"(+ (g {draw(numbers(params, 1, flavor))} {draw(numbers(params, 1, flavor))}) {body})"
    else:
        body = draw(st.one_of(numbers(params, 4, flavor), booleans(params, 3, flavor)))
    definitions = f"{helper}(define (f x y) {body})"
    args = [draw(ARGUMENTS[flavor]), draw(ARGUMENTS[flavor])]
    return definitions, "(f a0 a1)", args


RECURSIVE = [
    "(define (f x y) (if (<= x 0) y (f (- x 1) (+ y x))))",  # a self tail call: a loop
    "(define (f x y) (if (<= x 0) y (+ 1 (f (- x 1) y))))",  # real recursion
    "(define (f x y) (if (< x 2) x (+ (f (- x 1) y) (f (- x 2) y))))",
    "(define (f x y) (if (<= x 0) 1 (* y (f (- x 1) y))))",  # overflows into big ints
    "(define (ev? n) (if (= n 0) #t (od? (- n 1))))\n(define (od? n) (if (= n 0) #f (ev? (- n 1))))\n"
    "(define (f x y) (if (ev? (abs x)) y (- y)))",
]


@st.composite
def recursive_programs(draw: st.DrawFn) -> tuple[str, str, list[object]]:
    definitions = draw(st.sampled_from(RECURSIVE))
    x = draw(st.integers(-3, 25))
    y = draw(st.one_of(st.integers(-50, 50), st.sampled_from([2**40, -(2**62), 0.5, -0.0, 1e300]), st.booleans()))
    return definitions, "(f a0 a1)", [x, y]
