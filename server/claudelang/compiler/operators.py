"""Builtins compiled to Python operators: `+ - * / mod % < <= > >= = == != not= not`.

While a name still means the builtin (no local binding or global redefinition shadows
it), a call with the usual number of arguments becomes a Python operator instead of a
call. Python's operators accept more than ClaudeLang's: `"a" + "b"` concatenates and
`[1] * 3` repeats. The generated code therefore guards the operands that could be
strings or lists, as cheaply as the operator allows:

- `(+ a b)` → `(+a) + b`: unary plus raises for anything but a number, and a number
  plus a non-number raises by itself. With a numeric literal operand no guard is needed.
- `(* a b)` and `(mod a b)` → `a * b if type(a) in NUMBERS and type(b) in NUMBERS else
  mul(a, b)`: the builtin raises the proper error on the slow path.
- `-` and the comparisons raise for strings and lists mixed with numbers by themselves.

Python's `bool` is an `int`, so the unguarded operators take `#t`/`#f` as 1/0 (see
docs/DECISIONS.md).

The list accessors `head`/`car`/`first`, `tail`/`cdr`/`rest`, `empty?`, `length` and
`cons` are the inner loop of recursive list code, so they too are inlined: a test of the
argument's type, then the `plist.List` fields read directly (or `plist.tail`/`plist.cons`
called), and on anything else (an empty list, nil, a string, a wrong type) the builtin
itself under the name the user wrote, which returns the answer or raises its own error
(`car: empty list`). `(dict-get m k)` likewise calls the map's own `get` when `m` is a map, and
`(dict-set m k v)` the C `assoc` of `runtime/_pmap.c`.
"""

from __future__ import annotations

import ast as py_ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.runtime import _pmap, plist
from claudelang.runtime.containers import Map
from claudelang.runtime.registry import BUILTINS

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler

ARITHMETIC = {"+": py_ast.Add, "-": py_ast.Sub}
CHECKED = {"*": (py_ast.Mult, n.MUL), "mod": (py_ast.Mod, n.MOD), "%": (py_ast.Mod, n.MOD)}
COMPARISONS = {"<": py_ast.Lt, "<=": py_ast.LtE, ">": py_ast.Gt, ">=": py_ast.GtE}
EQUALITY = {"=": False, "==": False, "!=": True, "not=": True}
# name → (the fast path for a non-empty `plist.List` `x`, or for `empty?`/`length`/`cons`
# a `List` `x`); the placeholders `x`, `item`, `List`, `tail` and `cons` are filled in.
LIST_ACCESSORS = {
    "head": "x._store[x._top]",
    "car": "x._store[x._top]",
    "first": "x._store[x._top]",
    "tail": "tail(x)",
    "cdr": "tail(x)",
    "rest": "tail(x)",
}
LIST_SIZES = {"empty?": "x._len == 0", "length": "x._len"}
INLINE_NAMES = frozenset(
    {*ARITHMETIC, *CHECKED, *COMPARISONS, *EQUALITY, "not", "/", *LIST_ACCESSORS, *LIST_SIZES, "cons"}
    | {"dict-get", "dict-set"}
)
# Builtins whose result is always #t or #f (every predicate is named with a `?`), so a
# truth test can use the value directly.
BOOLEAN_BUILTINS = frozenset(
    {name for name in BUILTINS if name.endswith("?")} | {*COMPARISONS, *EQUALITY, "not", "implies"}
)


def call(func: py_ast.expr, args: list[py_ast.expr]) -> py_ast.Call:
    return py_ast.Call(func=func, args=args, keywords=[])


def load(name: str) -> py_ast.Name:
    return py_ast.Name(id=name, ctx=py_ast.Load())


def is_number_constant(value: py_ast.expr) -> bool:
    return isinstance(value, py_ast.Constant) and type(value.value) in (int, float)


def plain_equality(literal: object) -> bool:
    """True if Python's `x == literal` (or `x is literal`) is ClaudeLang's `=` for every x.

    Strings compare equal only to strings; a number other than 0 and 1 only to numbers
    (Python's `True == 1` is why 0 and 1 are left to the full test).
    """
    kind = type(literal)
    return literal is None or kind is bool or kind is str or (kind in (int, float) and literal not in (0, 1))


def is_number(value: py_ast.expr) -> bool:
    """True for a numeric literal or an inlined arithmetic result (a number, or it raised)."""
    if isinstance(value, py_ast.UnaryOp):
        return isinstance(value.op, py_ast.USub | py_ast.UAdd)
    if isinstance(value, py_ast.IfExp):
        return isinstance(value.body, py_ast.BinOp)
    return isinstance(value, py_ast.BinOp) or is_number_constant(value)


class OperatorForms:
    def inlines(self: Compiler, node: a.Call) -> bool:
        """Whether `node` calls a builtin the compiler inlines, under a name still meaning it."""
        callee = node.callee
        return isinstance(callee, a.Name) and callee.name in INLINE_NAMES and self.is_builtin_name(callee)

    def inline_operator(self: Compiler, name: str, node: a.Call) -> py_ast.expr | None:
        """The operator form of the builtin call `node`, or None to compile a plain call."""
        count = len(node.args)
        if name in ARITHMETIC and count >= 2:
            return self.arithmetic(name, self.exprs(node.args, node))
        if name == "-" and count == 1:
            return py_ast.UnaryOp(op=py_ast.USub(), operand=self.expr(node.args[0]))
        if name in CHECKED and count == 2:
            return self.checked_operator(name, node)
        if name in COMPARISONS and count >= 2:
            values = self.exprs(node.args, node)
            ops = [COMPARISONS[name]() for _ in values[1:]]
            return py_ast.Compare(left=values[0], ops=ops, comparators=values[1:])
        if name in EQUALITY and count == 2:
            equal = self.equality(self.exprs(node.args, node))
            return py_ast.UnaryOp(op=py_ast.Not(), operand=equal) if EQUALITY[name] else equal
        if name == "/" and count == 2:
            return py_ast.Call(func=load(n.DIV), args=self.exprs(node.args, node), keywords=[])
        if name == "not" and count == 1:
            return py_ast.UnaryOp(op=py_ast.Not(), operand=self.test(node.args[0]))
        if name in LIST_ACCESSORS and count == 1:
            return self.list_operation(node, LIST_ACCESSORS[name], nonempty=True)
        if name in LIST_SIZES and count == 1:
            return self.list_operation(node, LIST_SIZES[name], nonempty=False)
        if name == "cons" and count == 2:
            return self.list_operation(node, "cons(item, x)", nonempty=False)
        if name == "dict-get" and count == 2:
            return self.map_operation(
                node, lambda m, key: call(py_ast.Attribute(value=m, attr="get", ctx=py_ast.Load()), [key])
            )
        if name == "dict-set" and count == 3:
            return self.map_operation(node, lambda *values: call(self.runtime_constant(_pmap.assoc), list(values)))
        return None

    def map_operation(self: Compiler, node: a.Call, fast: Callable[..., py_ast.expr]) -> py_ast.expr:
        """`(dict-get m k)` → `m.get(k) if type(m) is Map else dict_get(m, k)`, `(dict-set m k
        v)` → `assoc(m, k, v) if ... else dict_set(m, k, v)`: the map's own operation without
        the builtin's call and argument checks in between. `fast` makes it from the values."""
        m, *_ = values = [self.to_temp(value, node) for value in self.exprs(node.args, node)]
        test = self.type_is(m, Map)
        body = fast(*values)
        return py_ast.IfExp(test=test, body=body, orelse=call(self.expr(node.callee), values))

    def list_operation(self: Compiler, node: a.Call, fast: str, nonempty: bool) -> py_ast.expr:
        """`fast if type(x) is List [and x._len] else builtin(args)`, `x` the last argument.

        The arguments are evaluated once, in order, before the test.
        """
        values = [self.to_temp(value, node) for value in self.exprs(node.args, node)]
        subject = values[-1]
        known = self.known_list(node.args[-1])
        if known is not None:  # in a branch on `(empty? x)`: `x` is a List (True: not empty)
            test = "x._len" if nonempty and not known else None
        else:
            test = "type(x) is List and x._len" if nonempty else "type(x) is List"
        names = {
            "x": subject,
            "item": values[0],
            "type": load(n.TYPE),
            "List": self.runtime_constant(plist.List),
            "tail": self.runtime_constant(plist.tail),
            "cons": self.runtime_constant(plist.cons),
        }
        if test is None:
            return template(fast, names)
        builtin = self.expr(node.callee)
        slow = py_ast.Call(func=builtin, args=values, keywords=[])
        return py_ast.IfExp(test=template(test, names), body=template(fast, names), orelse=slow)

    def known_list(self: Compiler, node: a.Expr) -> bool | None:
        """What the branch being compiled knows of the variable `node`: None (nothing),
        False (a List), True (a non-empty List); see `control.list_versions`."""
        if not self.known_lists or not isinstance(node, a.Name):
            return None
        return self.known_lists.get(self.binding_of(node))  # type: ignore[arg-type]

    def type_is(self: Compiler, value: py_ast.expr, cls: type) -> py_ast.expr:
        """`type(value) is cls`, the exact-type test the inlined builtins make."""
        kind = py_ast.Call(func=load(n.TYPE), args=[value], keywords=[])
        return py_ast.Compare(left=kind, ops=[py_ast.Is()], comparators=[self.runtime_constant(cls)])

    def runtime_constant(self: Compiler, value: object) -> py_ast.expr:
        """The constant holding `value` in this form, added on first use."""
        for name, held in self.constants.items():
            if held is value:
                return load(name)
        return self.constant(value)

    def returns_boolean(self: Compiler, node: a.Expr) -> bool:
        """True when `node` calls a builtin predicate (and its name is not shadowed)."""
        callee = node.callee if isinstance(node, a.Call) else None
        return isinstance(callee, a.Name) and callee.name in BOOLEAN_BUILTINS and self.is_builtin_name(callee)

    def equality(self: Compiler, values: list[py_ast.expr]) -> py_ast.expr:
        """Structural `=`; Python's `==` or `is` where a literal operand makes them agree."""
        for index, value in enumerate(values):
            if isinstance(value, py_ast.Constant) and plain_equality(value.value):
                other = values[1 - index]
                op = py_ast.Is() if value.value is None or type(value.value) is bool else py_ast.Eq()
                return py_ast.Compare(left=other, ops=[op], comparators=[value])
        return py_ast.Call(func=load(n.EQ), args=values, keywords=[])

    def arithmetic(self: Compiler, name: str, values: list[py_ast.expr]) -> py_ast.expr:
        """`a + b + ...` or `a - b - ...`; for `+`, the first operand must be a number.

        With a number anywhere among the operands, Python raises by itself for a string or
        a list (`"a" + "b" + 1` fails at the `+ 1`), so no guard is needed.
        """
        result = values[0]
        if name == "+" and not any(is_number(value) for value in values):
            result = py_ast.UnaryOp(op=py_ast.UAdd(), operand=result)
        for value in values[1:]:
            result = py_ast.BinOp(left=result, op=ARITHMETIC[name](), right=value)
        return result

    def checked_operator(self: Compiler, name: str, node: a.Call) -> py_ast.expr:
        """`a OP b` when both are numbers, else the builtin (which raises the right error)."""
        operator, helper = CHECKED[name]
        values = self.exprs(node.args, node)
        if all(is_number(value) for value in values):
            return py_ast.BinOp(left=values[0], op=operator(), right=values[1])
        values = [self.to_temp(value, node) for value in values]
        unchecked = [value for value in values if not is_number(value)]
        if len(unchecked) == 2 and py_ast.dump(unchecked[0]) == py_ast.dump(unchecked[1]):
            unchecked = unchecked[:1]  # (* x x): one check
        checks = [
            py_ast.Compare(
                left=py_ast.Call(func=load(n.TYPE), args=[value], keywords=[]),
                ops=[py_ast.In()],
                comparators=[load(n.NUMBER_TYPES)],
            )
            for value in unchecked
        ]
        fast = py_ast.BinOp(left=values[0], op=operator(), right=values[1])
        test = checks[0] if len(checks) == 1 else py_ast.BoolOp(op=py_ast.And(), values=checks)
        slow = py_ast.Call(func=load(helper), args=values, keywords=[])
        return py_ast.IfExp(test=test, body=fast, orelse=slow)


POSITION_ATTRIBUTES = ("lineno", "col_offset", "end_lineno", "end_col_offset")


class _Fill(py_ast.NodeTransformer):
    def __init__(self, names: dict[str, py_ast.expr]) -> None:
        self.names = names

    def visit_Name(self, node: py_ast.Name) -> py_ast.expr:
        return self.names[node.id]


def template(source: str, names: dict[str, py_ast.expr]) -> py_ast.expr:
    """The expression `source` with each name replaced by its expression in `names`.

    The template's own nodes carry no position: they take the call's (`finish_locations`).
    """
    body = py_ast.parse(source, mode="eval").body
    for node in py_ast.walk(body):
        for attribute in POSITION_ATTRIBUTES:
            node.__dict__.pop(attribute, None)
    return _Fill(names).visit(body)


def is_boolean(value: py_ast.expr) -> bool:
    """True for generated expressions whose value is always a Python bool."""
    if isinstance(value, py_ast.Compare):
        return True
    if isinstance(value, py_ast.UnaryOp) and isinstance(value.op, py_ast.Not):
        return True
    if isinstance(value, py_ast.BoolOp):
        return all(is_boolean(v) for v in value.values)
    return isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name) and value.func.id == n.EQ
