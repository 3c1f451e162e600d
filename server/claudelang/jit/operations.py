"""The builtins native code implements, and the type each returns for given argument types.

This is the typing half of the operation registry (as in numba, "what an operation
returns" is registered apart from "how it is implemented"; `lower_ops` holds the second
half, keyed by the same names). Each entry gives the arity the JIT accepts and a rule
from argument types to the result type; a rule raises `Unsupported` when the VM's result
type would depend on the values (for example `(/ 7 2)` is a float but `(/ 6 2)` an int)
or when the VM would raise a type error anyway (booleans are not numbers).

The rules mirror the VM exactly, including how the compiler inlines operators:
`(+ x)` is the builtin (`0 + x`), `(+ a b c)` the inlined chain `a + b + c`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claudelang.ast import nodes as a
from claudelang.jit.types import Ty, Unsupported

Rule = Callable[[Sequence[Ty], Sequence[a.Expr], a.Node], Ty]


@dataclass(frozen=True)
class Operation:
    name: str  # canonical name (aliases map to it)
    min_args: int
    max_args: int | None
    rule: Rule


def numbers(name: str, types: Sequence[Ty], node: a.Node) -> None:
    for ty in types:
        if ty is Ty.BOTTOM:
            continue
        if not ty.is_number:
            raise Unsupported(f"{name}: {ty} is not a number here", node)


def has_bottom(types: Sequence[Ty]) -> bool:
    return any(ty is Ty.BOTTOM for ty in types)


def arithmetic(name: str) -> Rule:
    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        numbers(name, types, node)
        if has_bottom(types):
            return Ty.BOTTOM
        return Ty.FLOAT if Ty.FLOAT in types else Ty.INT

    return rule


def is_unit_literal(node: a.Expr) -> bool:
    return isinstance(node, a.IntLit) and node.value in (1, -1)


def divide(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
    """`/` folds left; int/int is an int only when provably exact (a literal ±1 divisor)."""
    numbers("/", types, node)
    if has_bottom(types):
        return Ty.BOTTOM
    steps = [(Ty.INT, types[0], args[0])] if len(types) == 1 else []
    acc = types[0]
    for ty, arg in zip(types[1:], args[1:], strict=True):
        steps.append((acc, ty, arg))
        acc = Ty.INT if acc is Ty.INT and ty is Ty.INT else Ty.FLOAT
    for left, right, divisor in steps:
        if left is Ty.INT and right is Ty.INT and not is_unit_literal(divisor):
            raise Unsupported("/ of two ints is an int or a float depending on the values", node)
    return acc


def integer_division(name: str) -> Rule:
    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        numbers(name, types, node)
        if has_bottom(types):
            return Ty.BOTTOM
        return Ty.INT if types[0] is Ty.INT and types[1] is Ty.INT else Ty.FLOAT

    return rule


def same_number(name: str) -> Rule:
    """`abs`, `min`, `max`, `clamp`: the result is one of the arguments (or its magnitude)."""

    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        numbers(name, types, node)
        concrete = {ty for ty in types if ty is not Ty.BOTTOM}
        if len(concrete) > 1:
            raise Unsupported(f"{name} of ints and floats returns either, depending on the values", node)
        return concrete.pop() if concrete else Ty.BOTTOM

    return rule


def to_int(name: str) -> Rule:
    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        numbers(name, types, node)
        return Ty.BOTTOM if has_bottom(types) else Ty.INT

    return rule


def to_float(name: str) -> Rule:
    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        numbers(name, types, node)
        return Ty.BOTTOM if has_bottom(types) else Ty.FLOAT

    return rule


def power(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
    numbers("pow", types, node)
    if has_bottom(types):
        return Ty.BOTTOM
    if types[0] is Ty.INT and types[1] is Ty.INT:
        exponent = args[1]
        if isinstance(exponent, a.IntLit):
            return Ty.INT if exponent.value >= 0 else Ty.FLOAT
        raise Unsupported("pow of two ints is an int or a float depending on the exponent's sign", node)
    return Ty.FLOAT


def predicate(name: str, accepts: frozenset[Ty]) -> Rule:
    def rule(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
        for ty in types:
            if ty is not Ty.BOTTOM and ty not in accepts:
                raise Unsupported(f"{name}: {ty} is not accepted", node)
        return Ty.BOOL

    return rule


def anything(types: Sequence[Ty], args: Sequence[a.Expr], node: a.Node) -> Ty:
    for ty in types:
        if ty is Ty.MIXED:
            raise Unsupported("a value here is of different types on different paths", node)
    return Ty.BOOL


NUMBERS = frozenset({Ty.INT, Ty.FLOAT})
ALL = frozenset({Ty.INT, Ty.FLOAT, Ty.BOOL, Ty.NIL})


def _table() -> dict[str, Operation]:
    ops = [
        Operation("+", 0, None, arithmetic("+")),
        Operation("-", 1, None, arithmetic("-")),
        Operation("*", 0, None, arithmetic("*")),
        Operation("/", 1, None, divide),
        Operation("quot", 2, 2, integer_division("quot")),
        Operation("mod", 2, 2, integer_division("mod")),
        Operation("abs", 1, 1, same_number("abs")),
        Operation("min", 1, None, same_number("min")),
        Operation("max", 1, None, same_number("max")),
        Operation("clamp", 3, 3, same_number("clamp")),
        Operation("<", 1, None, predicate("<", NUMBERS)),
        Operation("<=", 1, None, predicate("<=", NUMBERS)),
        Operation(">", 1, None, predicate(">", NUMBERS)),
        Operation(">=", 1, None, predicate(">=", NUMBERS)),
        Operation("=", 0, None, anything),
        Operation("!=", 0, None, anything),
        Operation("not", 1, 1, anything),
        Operation("floor", 1, 1, to_int("floor")),
        Operation("ceil", 1, 1, to_int("ceil")),
        Operation("round", 1, 1, to_int("round")),
        Operation("sqrt", 1, 1, to_float("sqrt")),
        Operation("exp", 1, 1, to_float("exp")),
        Operation("log", 1, 2, to_float("log")),
        Operation("sin", 1, 1, to_float("sin")),
        Operation("cos", 1, 1, to_float("cos")),
        Operation("tan", 1, 1, to_float("tan")),
        Operation("atan", 1, 2, to_float("atan")),
        Operation("atan2", 2, 2, to_float("atan2")),
        Operation("pow", 2, 2, power),
        Operation("even?", 1, 1, predicate("even?", frozenset({Ty.INT}))),
        Operation("odd?", 1, 1, predicate("odd?", frozenset({Ty.INT}))),
        Operation("zero?", 1, 1, predicate("zero?", NUMBERS)),
        Operation("positive?", 1, 1, predicate("positive?", NUMBERS)),
        Operation("negative?", 1, 1, predicate("negative?", NUMBERS)),
        Operation("number?", 1, 1, anything),
        Operation("int?", 1, 1, anything),
        Operation("float?", 1, 1, anything),
        Operation("bool?", 1, 1, anything),
        Operation("nil?", 1, 1, anything),
    ]
    return {op.name: op for op in ops}


OPERATIONS = _table()
ALIASES = {"%": "mod", "==": "=", "not=": "!=", "boolean?": "bool?"}

# Global constants that native code embeds (while the name still means the builtin).
CONSTANTS = {"pi": 3.141592653589793, "e": 2.718281828459045}


def lookup(name: str) -> Operation | None:
    """The operation a builtin name stands for, if native code implements it."""
    return OPERATIONS.get(ALIASES.get(name, name))


def check_arity(op: Operation, count: int, node: a.Node) -> None:
    """Calls the VM would reject with an arity error stay in the VM."""
    if count < op.min_args or (op.max_args is not None and count > op.max_args):
        raise Unsupported(f"{op.name} with {count} arguments", node)
