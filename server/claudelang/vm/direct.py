"""Top-level forms evaluated straight from the AST, without compiling them to a code object.

A form typed at a prompt or given to `evaluate` runs once, and compiling it (name
resolution, Python `ast`, positions, `compile()`) costs 10–50× more than running it:
`(+ 1 2)` took 60 µs to compile and 1 µs to run. `value_of` walks the form once, deciding
as it goes whether the form is in the subset below and computing its value; the first
thing outside the subset, and any exception at all, makes it answer `DECLINED`, and the
session compiles the form as before. So the compiled code is the only source of errors
(messages, locations, tracebacks): a form that fails is always compiled and run again.

That is sound because the subset is pure: it calls no user code but its own lambda
literals, and only builtins that have no effect and keep nothing (`LEAF_BUILTINS`, and
`map`, `filter`, `fold` calling a lambda literal or a leaf builtin), so a declined
evaluation leaves no trace, and running the form again computes the same thing. What
remains to match is the value of a form that does not fail (`tests/vm/test_direct.py`
compares the two paths on generated programs and on every example and conformance program):

- literals (not quote), names, list literals, `let` (not named), calls of a lambda literal
  with as many arguments as it has parameters;
- scoping, for this subset only, done here on the names as they are spelled (LANGUAGE.md
  §3; `semantics/resolve.py` decides it for everything else): `let` binds in order, each
  init seeing the bindings before it and, for names bound later, the outer binding; a
  lambda's parameters shadow. Functions see a `let`'s later bindings too, so a lambda made
  while a `let` init runs is declined; a call's head bound locally or redefined globally
  is declined (the compiler would call user code);
- the operators the compiler inlines as Python arithmetic (`+ - * / mod %`) while they
  still mean the builtin: `+` and `-` chain Python's operators, `+` with its guard `+a` on
  the first operand; `*`, `mod`, `%` apply the Python operator to two numbers, else the
  helper the compiled code calls; `/` is the helper `div`. Where the compiler leaves a
  guard out (a numeric literal among the operands) the outcome is the same: an inlined
  operator on numbers gives a number (`#t` counts as 1), and any non-number then fails
  anyway. The order in which operands are evaluated cannot change a value (nothing here
  has an effect), only which error comes first, and errors are the compiled code's;
- calls of the builtins in `LEAF_BUILTINS` and of `map`, `filter` and `fold`, each name
  still meaning its builtin: not bound locally, not redefined by the user, and the
  namespace holding the builtin itself.

Depth needs no limit of its own: a form is at most `syntax.MAX_DEPTH` deep, no function
here can call itself, and a `RecursionError` is declined like any other exception.

Cost: O(nodes evaluated), one pass; besides its values, a form allocates one dict per
scope entered and one Python function per lambda given to `map`, `filter` or `fold`. A form
that fails is evaluated up to its error here, then compiled and run in full.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Mapping
from types import MappingProxyType
from typing import Any

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.codegen import CompiledForm
from claudelang.compiler.operators import CHECKED
from claudelang.runtime.values import Keyword
from claudelang.vm.support import HELPERS

# Builtins that call no function they are given, have no effect, keep nothing and do not
# recurse on their arguments' structure.
LEAF_BUILTINS = frozenset(
    {"+", "-", "*", "/", "mod", "%", "abs", "list", "range", "even?", "odd?", "zero?", "sqrt", "floor", "round"}
)
VALUE_LITERALS = frozenset({a.IntLit, a.FloatLit, a.StrLit, a.BoolLit})
QUIET = frozenset({*VALUE_LITERALS, a.NilLit, a.KeywordLit, a.Name})  # what a body's non-final form skips
NUMBER_TYPES = HELPERS[n.NUMBER_TYPES]  # what the compiled check tests: int and float, not bool
CHECKED_OPS = {name: (operator.mul if op is CHECKED["*"][0] else operator.mod) for name, (op, _) in CHECKED.items()}
CHECKED_HELPERS = {name: HELPERS[helper] for name, (_, helper) in CHECKED.items()}
DIV = HELPERS[n.DIV]
MAKE_LIST = HELPERS[n.MAKE_LIST]
RESERVED = n.RESERVED

DECLINED: Any = object()  # what `value_of` answers for a form it leaves to the compiler
ABSENT = object()


class Declined(Exception):
    """The form leaves the subset (raised inside `Evaluation`, answered `DECLINED`)."""


class DirectForm(CompiledForm):
    """A top-level form `value_of` evaluated, with its value (no Python module, code or
    constants; nothing left to run)."""

    __slots__ = ("node", "value")

    def __init__(self, node: a.Expr, value: Any) -> None:
        self.node = node
        self.value = value

    module = None
    constants: Mapping[str, object] = MappingProxyType({})
    code = None
    calls_out = False


def leading_values(
    forms: list[a.Expr], namespace: Mapping[str, Any], user_globals: Collection[str], builtins: Mapping[str, Any]
) -> list[Any]:
    """The values of `forms`, run in order in `namespace`, up to the first one `value_of`
    declines (the forms after it run in a namespace not yet known)."""
    values = []
    for form in forms:
        value = value_of(form, namespace, user_globals, builtins)
        if value is DECLINED:
            break
        values.append(value)
    return values


def value_of(
    node: a.Expr, namespace: Mapping[str, Any], user_globals: Collection[str], builtins: Mapping[str, Any]
) -> Any:
    """The value of top-level form `node` run next in `namespace`, or `DECLINED`.
    `namespace` started as `builtins` (every builtin by its Python name); `user_globals`
    are the names the user has defined since."""
    try:
        return Evaluation(namespace, user_globals, builtins).value(node, {})
    except Exception:  # Declined, or an error that the compiled code will report
        return DECLINED


class Evaluation:
    """One evaluation of one top-level form; `env` maps the local names in scope to values."""

    __slots__ = ("builtins", "initializing", "namespace", "user_globals")

    def __init__(
        self, namespace: Mapping[str, Any], user_globals: Collection[str], builtins: Mapping[str, Any]
    ) -> None:
        self.namespace = namespace
        self.user_globals = user_globals
        self.builtins = builtins
        self.initializing = 0  # how many `let` inits (other than a literal or a name) are running

    def value(self, node: a.Expr, env: dict[str, Any]) -> Any:
        kind = type(node)
        if kind is a.Call:
            return self.call(node, env)  # type: ignore[arg-type]
        if kind is a.Name:
            value = env.get(node.name, ABSENT)  # type: ignore[attr-defined]
            return self.global_value(node.name) if value is ABSENT else value  # type: ignore[attr-defined]
        if kind in VALUE_LITERALS:
            return node.value  # type: ignore[attr-defined]
        if kind is a.ListLit:
            return MAKE_LIST(*[self.value(item, env) for item in node.items])  # type: ignore[attr-defined]
        if kind is a.Let:
            return self.let(node, env)  # type: ignore[arg-type]
        if kind is a.NilLit:
            return None
        if kind is a.KeywordLit:
            return Keyword(node.name)  # type: ignore[attr-defined]
        raise Declined

    def global_value(self, name: str) -> Any:
        return self.namespace[name + ";" if name in RESERVED else name]  # KeyError: unbound, declined

    def builtin(self, name: str, env: dict[str, Any]) -> Any:
        """The builtin `name` still means here (Declined if a local or the user's global)."""
        function = self.builtins.get(name)  # no builtin's name is mangled (RESERVED)
        if function is None or name in env or name in self.user_globals or self.namespace.get(name) is not function:
            raise Declined
        return function

    def let(self, node: a.Let, env: dict[str, Any]) -> Any:
        if node.loop is not None:
            raise Declined
        inner = env.copy()
        for binding in node.bindings:
            init = binding.value
            if type(init) in VALUE_LITERALS:
                inner[binding.name.name] = init.value  # type: ignore[attr-defined]
            elif type(init) in QUIET:
                inner[binding.name.name] = self.value(init, inner)
            else:
                self.initializing += 1
                inner[binding.name.name] = self.value(init, inner)
                self.initializing -= 1
        return self.body(node.body, inner)

    def body(self, forms: list[a.Expr], env: dict[str, Any]) -> Any:
        """A body's value; its other forms run for their effects, which a literal or a name
        does not have (the compiled code does not read them)."""
        if len(forms) != 1:
            if not forms:
                return None
            for form in forms[:-1]:
                if type(form) not in QUIET:
                    self.value(form, env)
        return self.value(forms[-1], env)

    def call(self, node: a.Call, env: dict[str, Any]) -> Any:
        callee, args = node.callee, node.args
        if type(callee) is a.Lambda:  # its body runs right here, with its parameters bound
            params = callee.params  # type: ignore[attr-defined]
            if self.initializing or callee.rest is not None or len(params) != len(args):  # type: ignore[attr-defined]
                raise Declined
            inner = env.copy()
            for param, arg in zip(params, args, strict=True):
                inner[param.name] = arg.value if type(arg) in VALUE_LITERALS else self.value(arg, env)  # type: ignore[attr-defined]
            return self.body(callee.body, inner)  # type: ignore[attr-defined]
        if type(callee) is not a.Name:
            raise Declined
        name = callee.name  # type: ignore[attr-defined]
        return CALLS[name](self, self.builtin(name, env), args, env)  # KeyError: declined

    def function(self, node: a.Expr, count: int, env: dict[str, Any]) -> Callable[..., Any]:
        """The function argument of `map`, `filter` or `fold`, called with `count` arguments."""
        if type(node) is a.Lambda:
            return self.closure(node, count, env)  # type: ignore[arg-type]
        if type(node) is not a.Name or node.name not in LEAF_BUILTINS:  # type: ignore[attr-defined]
            raise Declined
        return self.builtin(node.name, env)  # type: ignore[attr-defined]

    def closure(self, node: a.Lambda, count: int, env: dict[str, Any]) -> Callable[..., Any]:
        """Lambda literal `node`, to be called with `count` arguments, as a Python function."""
        params = [param.name for param in node.params]
        if self.initializing or node.rest is not None or len(params) != count:
            raise Declined
        forms, body = node.body, self.body
        if count == 1:
            (param,) = params

            def one(value: Any) -> Any:
                inner = env.copy()
                inner[param] = value
                return body(forms, inner)

            return one

        def function(*values: Any) -> Any:
            inner = env.copy()
            inner.update(zip(params, values, strict=True))  # else declined
            return body(forms, inner)

        return function


# ---------------------------------------------------------------- builtin calls
# Each takes (evaluation, the builtin, the argument nodes, env).


def plus(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
    value = evaluation.value
    if len(args) == 2:
        return +value(args[0], env) + value(args[1], env)
    if len(args) < 2:
        return leaf(evaluation, builtin, args, env)
    result = +value(args[0], env)
    for arg in args[1:]:
        result = result + value(arg, env)
    return result


def minus(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
    if not args:
        return leaf(evaluation, builtin, args, env)
    value = evaluation.value
    result = value(args[0], env)
    if len(args) == 1:
        return -result
    for arg in args[1:]:
        result = result - value(arg, env)
    return result


def checked(name: str) -> Callable[[Evaluation, Any, list[a.Expr], dict[str, Any]], Any]:
    """`*`, `mod` or `%`: the Python operator on two numbers, else the compiled code's helper."""
    op, helper = CHECKED_OPS[name], CHECKED_HELPERS[name]

    def run(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
        if len(args) != 2:
            return leaf(evaluation, builtin, args, env)
        left, right = evaluation.value(args[0], env), evaluation.value(args[1], env)
        if type(left) in NUMBER_TYPES and type(right) in NUMBER_TYPES:
            return op(left, right)
        return helper(left, right)

    return run


def divide(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
    if len(args) != 2:
        return leaf(evaluation, builtin, args, env)
    return DIV(evaluation.value(args[0], env), evaluation.value(args[1], env))


def leaf(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
    value = evaluation.value
    return builtin(*[value(arg, env) for arg in args])


def higher_order(wanted: Callable[[int], int | None]) -> Callable[..., Any]:
    """`map`, `filter` or `fold`, whose function (the first argument) is called with
    `wanted(len(args))` arguments (None: declined)."""

    def run(evaluation: Evaluation, builtin: Any, args: list[a.Expr], env: dict[str, Any]) -> Any:
        count = wanted(len(args))
        if count is None:
            raise Declined
        function = evaluation.function(args[0], count, env)
        value = evaluation.value
        return builtin(function, *[value(arg, env) for arg in args[1:]])

    return run


CALLS: dict[str, Callable[[Evaluation, Any, list[a.Expr], dict[str, Any]], Any]] = {
    **dict.fromkeys(LEAF_BUILTINS, leaf),
    "+": plus,
    "-": minus,
    **{name: checked(name) for name in CHECKED},
    "/": divide,
    "map": higher_order(lambda count: count - 1 if count >= 2 else None),
    "filter": higher_order(lambda count: 1 if count == 2 else None),
    "fold": higher_order(lambda count: 2 if count == 3 else None),
}
