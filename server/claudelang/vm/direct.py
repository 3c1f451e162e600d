"""Top-level forms run straight from the AST, without compiling them to a code object.

A form typed at a prompt or given to `evaluate` runs once, and compiling it (Python
`ast`, positions, `compile()`) costs 10–50× more than running it: `(+ 1 2)` took 60 µs
to compile and 1 µs to run. `plan` picks the forms that can run here instead, by walking
the resolved form once; `run` then evaluates them on the caller's thread. Every other form
is compiled as before.

The subset is chosen so that running it here cannot be told apart from running its
compiled code (`tests/vm/test_direct.py` checks both on generated programs and on every
example and conformance program):

- literals (not quote), names, list literals, `let` (not named, no lambda values, no
  binding read before it is set), calls of a lambda literal with as many arguments as it
  has parameters;
- the operators the compiler inlines as Python arithmetic (`+ - * / mod %`), done with
  the same Python operations and the same guards, so they give the same values and the
  same Python exceptions (turned into ClaudeLang errors by `pyerrors.to_error` as usual);
  an operand after the first that the compiler would compile to statements is outside the
  subset, since the compiler then evaluates it before applying the operators on its left;
- calls of a few builtins (still meaning the builtin) that run no user code and cannot
  recurse deeply (`LEAF_BUILTINS`), and of `map`, `filter` and `fold` with a lambda
  literal of the arity they call it with, or one of those builtins, as the function.

So a planned form calls no user code except its own lambdas, and its depth is at most
`MAX_DEPTH`: it needs no large-stack thread (`vm.stack`). A lambda literal never escapes
(`map`, `filter` and `fold` keep nothing), so it runs as a plain closure here.

Errors: where the compiled function would stop at an instruction, the evaluation notes
the node it stood for (`Evaluation.at`); each function activation (the top level, a
lambda) keeps, when an error passes through it, the ClaudeLang frame the compiled code's
position table would have given, in a local that `tracebacks.attach_traceback` reads.

Cost: `plan` and `run` are O(nodes of the form) each.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.codegen import TOPLEVEL_NAME, CompiledForm
from claudelang.compiler.operators import CHECKED, COMPARISONS, EQUALITY, INLINE_NAMES, LIST_ACCESSORS, LIST_SIZES
from claudelang.runtime.errors import Frame, Location
from claudelang.runtime.values import Keyword
from claudelang.semantics.resolve import FormFacts, resolve_form
from claudelang.vm.pyerrors import display_name
from claudelang.vm.support import HELPERS
from claudelang.vm.tracebacks import INTERPRETED_FRAMES

MAX_DEPTH = 48  # nesting of a planned form: a few Python frames per level, on any stack

# Builtins that call no function they are given, and whose work does not recurse on
# their arguments' structure (no printing, comparing or hashing of nested values).
LEAF_BUILTINS = frozenset(
    {"+", "-", "*", "/", "mod", "%", "abs", "list", "range", "even?", "odd?", "zero?", "sqrt", "floor", "round"}
)
# Builtins calling a function argument (always the first): how many arguments they pass
# it, from their own argument count (None: not planned).
HIGHER_ORDER: dict[str, Callable[[int], int | None]] = {
    "map": lambda count: count - 1 if count >= 2 else None,
    "filter": lambda count: 1 if count == 2 else None,
    "fold": lambda count: 2 if count == 3 else None,
}
LITERALS = (a.IntLit, a.FloatLit, a.StrLit, a.BoolLit, a.NilLit)
NUMBER_TYPES = frozenset({int, float})
ARITHMETIC = {"+": operator.add, "-": operator.sub}
CHECKED_OPS = {name: (operator.mul if op is CHECKED["*"][0] else operator.mod) for name, (op, _) in CHECKED.items()}
CHECKED_HELPERS = {name: HELPERS[helper] for name, (_, helper) in CHECKED.items()}
DIV = HELPERS[n.DIV]
MAKE_LIST = HELPERS[n.MAKE_LIST]


class DirectForm(CompiledForm):
    """A top-level form `plan` accepted: run by `run`, never compiled (no Python module,
    code or constants; runs in place)."""

    def __init__(self, node: a.Expr, facts: FormFacts | None, operations: dict[int, Operation], filename: str) -> None:
        self.node = node
        self.facts = facts
        self.operations = operations
        self.filename = filename

    module = None
    constants: Mapping[str, object] = MappingProxyType({})
    code = None
    calls_out = False


# How an inlined operator call runs: its kind (`inline_kind`), its name, and for `+` whether
# the first operand needs the guard `+a`, for `*`/`mod`/`%` whether every operand is a
# number already (as `operators.is_number` sees the compiled operands).
Operation = tuple[str, str, bool]


class Planner:
    """Decides whether one resolved form is in the subset (see the module docstring)."""

    def __init__(self, form: a.Expr, user_globals: set[str], namespace: dict[str, Any], builtins: dict[str, Any]):
        self.form = form
        self.facts: FormFacts | None = None  # resolved on meeting the first binding form
        self.scoped = 0  # how many binding forms (let, lambda) enclose the node being planned
        self.user_globals = user_globals
        self.namespace = namespace
        self.builtins = builtins
        self.unset: set[int] = set()  # id(binder) of let bindings whose value is being computed
        self.operations: dict[int, Operation] = {}  # id(call) → how the inlined operator runs

    def resolve(self) -> FormFacts:
        if self.facts is None:
            self.facts = resolve_form(self.form)
        return self.facts

    def is_global(self, node: a.Name) -> bool:
        """Whether `node` names a global. Outside every binding form of the subset (`let`,
        `lambda`: the only nodes here that bind), nothing can bind it: the resolver is
        asked only about names inside one."""
        if not self.scoped:
            return True
        reference = self.resolve().reference_for(node)
        return reference is not None and reference.target is None

    def builtin(self, node: a.Expr) -> str | None:
        """The name of the builtin `node` names (unshadowed, never redefined), else None."""
        if type(node) is not a.Name or node.name in self.user_globals or not self.is_global(node):
            return None
        return node.name

    def leaf(self, node: a.Expr) -> bool:
        """`node` names a leaf builtin, and the namespace still holds that builtin."""
        name = self.builtin(node)
        if name not in LEAF_BUILTINS:
            return False
        key = n.mangle(name)  # type: ignore[arg-type]
        return key in self.builtins and self.namespace.get(key) is self.builtins[key]

    def accepts(self, node: a.Expr, depth: int = 0) -> bool:
        if depth > MAX_DEPTH:
            return False
        kind = type(node)
        if kind in LITERALS or kind is a.KeywordLit:
            return True
        if kind is a.Name:
            if not self.scoped:
                return True
            reference = self.resolve().reference_for(node)  # type: ignore[arg-type]
            return reference is not None and (reference.target is None or id(reference.target.node) not in self.unset)
        if kind is a.ListLit:
            return self.all_accepted(node.items, depth)  # type: ignore[attr-defined]
        if kind is a.Let:
            return self.accepts_let(node, depth)  # type: ignore[arg-type]
        if kind is a.Call:
            return self.accepts_call(node, depth)  # type: ignore[arg-type]
        return False

    def accepts_let(self, node: a.Let, depth: int) -> bool:
        if node.loop is not None:
            return False
        self.scoped += 1
        try:
            return self.accepts_bindings(node, depth)
        finally:
            self.scoped -= 1

    def accepts_bindings(self, node: a.Let, depth: int) -> bool:
        binders = {id(binding.name) for binding in node.bindings}
        self.unset |= binders
        for binding in node.bindings:
            if isinstance(binding.value, a.Lambda) or not self.accepts(binding.value, depth + 1):
                return False
            self.unset.discard(id(binding.name))
        return all(self.accepts(form, depth + 1) for form in node.body)

    def accepts_call(self, node: a.Call, depth: int) -> bool:
        callee, args = node.callee, node.args
        if type(callee) is a.Lambda:
            return self.accepts_lambda(callee, len(args), depth) and self.all_accepted(args, depth)
        name = self.builtin(callee)
        if name is None:
            return False
        kind = inline_kind(name, len(args)) if name in INLINE_NAMES else None
        if kind is not None:
            if kind == "other":
                return False
            if kind == "arithmetic" and not all(self.no_statements(arg) for arg in args[1:]):
                return False
            numbers = [self.is_number(arg) for arg in args]
            flag = not any(numbers) if kind == "arithmetic" else all(numbers)
            self.operations[id(node)] = (kind, name, flag)
            return self.all_accepted(args, depth)
        arity = HIGHER_ORDER.get(name)
        if arity is not None:
            return self.accepts_higher_order(node, arity(len(args)), depth)
        return self.leaf(callee) and self.all_accepted(args, depth)

    def accepts_higher_order(self, node: a.Call, wanted: int | None, depth: int) -> bool:
        key = n.mangle(node.callee.name)  # type: ignore[attr-defined]
        if wanted is None or key not in self.builtins or self.namespace.get(key) is not self.builtins[key]:
            return False
        function, rest = node.args[0], node.args[1:]
        lambda_ = type(function) is a.Lambda
        accepted = self.accepts_lambda(function, wanted, depth) if lambda_ else self.leaf(function)  # type: ignore[arg-type]
        return accepted and self.all_accepted(rest, depth)

    def accepts_lambda(self, node: a.Lambda, count: int, depth: int) -> bool:
        if node.rest is not None or len(node.params) != count:
            return False
        self.scoped += 1
        try:
            return self.all_accepted(node.body, depth)
        finally:
            self.scoped -= 1

    def all_accepted(self, nodes: list[a.Expr], depth: int) -> bool:
        for item in nodes:  # noqa: SIM110 (`all` of a generator costs more per call)
            if not self.accepts(item, depth + 1):
                return False
        return True

    def no_statements(self, node: a.Expr) -> bool:
        """Whether the compiler certainly compiles `node` to an expression alone (no
        statement before it); False when unsure, which only keeps a form out."""
        kind = type(node)
        if kind in LITERALS or kind is a.KeywordLit or kind is a.Name:
            return True
        if kind is a.ListLit:
            return all(self.no_statements(item) for item in node.items)  # type: ignore[attr-defined]
        if kind is not a.Call or type(node.callee) is a.Lambda:  # type: ignore[attr-defined]
            return False
        args = node.args  # type: ignore[attr-defined]
        if not all(self.no_statements(arg) for arg in args):
            return False
        name = self.builtin(node.callee)  # type: ignore[attr-defined]
        if name in CHECKED and len(args) == 2 and not all(self.is_number(arg) for arg in args):
            return all(type(arg) in LITERALS or type(arg) in (a.KeywordLit, a.Name) for arg in args)  # no temporaries
        return name not in HIGHER_ORDER

    def is_number(self, node: a.Expr) -> bool:
        """`operators.is_number` of what the compiler makes of `node`: a numeric literal or
        an inlined arithmetic operation."""
        if type(node) in (a.IntLit, a.FloatLit):
            return type(node.value) in NUMBER_TYPES  # type: ignore[attr-defined]
        if type(node) is not a.Call:
            return False
        name = self.builtin(node.callee)  # type: ignore[attr-defined]
        return name is not None and inline_kind(name, len(node.args)) in ("arithmetic", "negate", "checked")  # type: ignore[attr-defined]


def inline_kind(name: str, count: int) -> str | None:
    """How `operators.inline_operator` compiles a call of the builtin `name` (one of
    `INLINE_NAMES`) with `count` arguments: one of the kinds run here, `other` (inlined,
    not run here: any name not listed below, so an operator added to the compiler later
    keeps its forms out), or None (compiled as a plain call)."""
    if name in ARITHMETIC and count >= 2:
        return "arithmetic"
    if name == "-" and count == 1:
        return "negate"
    if name in CHECKED and count == 2:
        return "checked"
    if name == "/" and count == 2:
        return "divide"
    if name in ARITHMETIC or name in CHECKED or name == "/":
        return None
    inlined = INLINED_COUNTS.get(name)
    return "other" if inlined is None or inlined(count) else None


# When the compiler inlines the operators not run here, by their argument count.
INLINED_COUNTS: dict[str, Callable[[int], bool]] = {
    **dict.fromkeys(COMPARISONS, lambda count: count >= 2),
    **dict.fromkeys([*EQUALITY, "cons", "dict-get"], lambda count: count == 2),
    **dict.fromkeys(["not", *LIST_ACCESSORS, *LIST_SIZES], lambda count: count == 1),
}


def plan(
    node: a.Expr, user_globals: set[str], namespace: dict[str, Any], builtins: dict[str, Any], filename: str
) -> tuple[DirectForm | None, FormFacts | None]:
    """`node` as a `DirectForm` if, run next in `namespace` (which started as `builtins`),
    it runs here exactly as its compiled code would; and its resolution, if planning needed
    it (None for a form without a binding form: every name in it is global)."""
    planner = Planner(node, user_globals, namespace, builtins)
    accepted = planner.accepts(node)
    return (DirectForm(node, planner.facts, planner.operations, filename) if accepted else None), planner.facts


class Evaluation:
    """One run of one planned form."""

    def __init__(self, form: DirectForm, namespace: dict[str, Any]) -> None:
        self.facts = form.facts  # None: every name is global
        self.operations = form.operations
        self.namespace = namespace
        self.filename = form.filename
        self.at: a.Node = form.node  # the node whose operation is running (for errors)

    def frame(self, function: str) -> Frame:
        """The traceback entry the compiled function `function` would show now."""
        node = self.at
        anchor = node.anchor
        start, end = anchor.position(node.start), anchor.position(node.end)
        location = Location(self.filename, start.line + 1, start.col + 1, end.line + 1, end.col + 1)
        return Frame(function, location)

    def value(self, node: a.Expr, env: dict[int, Any]) -> Any:
        kind = type(node)
        if kind is a.Call:
            return self.call(node, env)  # type: ignore[arg-type]
        if kind in LITERALS:
            return None if kind is a.NilLit else node.value  # type: ignore[attr-defined]
        if kind is a.Name:
            return self.name(node, env)  # type: ignore[arg-type]
        if kind is a.ListLit:
            items = [self.value(item, env) for item in node.items]  # type: ignore[attr-defined]
            return MAKE_LIST(*items)
        if kind is a.Let:
            return self.let(node, env)  # type: ignore[arg-type]
        return Keyword(node.name)  # type: ignore[attr-defined]

    def name(self, node: a.Name, env: dict[int, Any]) -> Any:
        if self.facts is not None:
            target = self.facts.reference_for(node).target  # type: ignore[union-attr]
            if target is not None:
                return env[id(target.node)]
        key = n.mangle(node.name)
        try:
            return self.namespace[key]
        except KeyError:
            self.at = node
            raise NameError(f"name '{key}' is not defined", name=key) from None

    def let(self, node: a.Let, env: dict[int, Any], for_effects: bool = False) -> Any:
        env = dict(env)
        for binding in node.bindings:
            env[id(binding.name)] = self.value(binding.value, env)
        return self.forms(node.body, env, for_effects)

    def forms(self, body: list[a.Expr], env: dict[int, Any], for_effects: bool = False) -> Any:
        """A body's value (with `for_effects`, none)."""
        for form in body[:-1]:
            self.effects(form, env)
        if not body:
            return None
        return self.effects(body[-1], env) if for_effects else self.value(body[-1], env)

    def effects(self, node: a.Expr, env: dict[int, Any]) -> None:
        """Run `node` for its effects only, as the compiler does: where its value would be
        a name or a constant, that value is never read (so an unbound global there raises
        nothing)."""
        kind = type(node)
        if kind is a.Let:
            self.let(node, env, for_effects=True)  # type: ignore[arg-type]
        elif kind is not a.Name and kind not in LITERALS and kind is not a.KeywordLit:
            self.value(node, env)

    def call(self, node: a.Call, env: dict[int, Any]) -> Any:
        callee, args = node.callee, node.args
        if type(callee) is a.Lambda:
            function = self.closure(callee, env)
            values = [self.value(arg, env) for arg in args]
            self.at = node
            return function(*values)
        operation = self.operations.get(id(node))
        if operation is not None:
            return self.operator(operation, node, env)
        function = self.name(callee, env)  # type: ignore[arg-type]
        values = [self.lambda_or_value(arg, env) for arg in args]
        self.at = node
        return function(*values)

    def lambda_or_value(self, node: a.Expr, env: dict[int, Any]) -> Any:
        return self.closure(node, env) if type(node) is a.Lambda else self.value(node, env)  # type: ignore[arg-type]

    def operator(self, operation: Operation, node: a.Call, env: dict[int, Any]) -> Any:
        """The inlined operator, in the compiled code's order of operations."""
        kind, name, flag = operation
        args = node.args
        if kind == "arithmetic":
            op = ARITHMETIC[name]
            result = self.value(args[0], env)
            if flag:  # `(+ a b)` → `(+a) + b`
                self.at = node
                result = +result
            for arg in args[1:]:
                right = self.value(arg, env)
                self.at = node
                result = op(result, right)
            return result
        if kind == "negate":
            operand = self.value(args[0], env)
            self.at = node
            return -operand
        left, right = self.value(args[0], env), self.value(args[1], env)
        self.at = node
        if kind == "divide":
            return DIV(left, right)
        if flag or (type(left) in NUMBER_TYPES and type(right) in NUMBER_TYPES):
            return CHECKED_OPS[name](left, right)
        return CHECKED_HELPERS[name](left, right)

    def closure(self, node: a.Lambda, env: dict[int, Any]) -> Callable[..., Any]:
        params = [id(param) for param in node.params]

        def function(*args: Any) -> Any:
            inner = dict(env)
            inner.update(zip(params, args, strict=True))  # planned: as many as it has
            return self.body(node, inner)

        return function

    def body(self, node: a.Lambda, env: dict[int, Any]) -> Any:
        """A lambda's activation: one frame `lambda` of the ClaudeLang traceback."""
        outer = self.at
        shown = None  # read by `tracebacks.attach_traceback` when an error passes
        try:
            return self.forms(node.body, env)
        except BaseException:
            shown = self.frame(display_name("lambda"))  # noqa: F841
            raise
        finally:
            self.at = outer


def run(form: DirectForm, namespace: dict[str, Any]) -> Any:
    """Evaluate a planned form: the top level's activation."""
    evaluation = Evaluation(form, namespace)
    shown = None  # read by `tracebacks.attach_traceback` when an error passes
    try:
        return evaluation.value(form.node, {})  # type: ignore[arg-type]
    except BaseException:
        shown = evaluation.frame(display_name(TOPLEVEL_NAME))  # noqa: F841
        raise


INTERPRETED_FRAMES.update({run.__code__, Evaluation.body.__code__})
