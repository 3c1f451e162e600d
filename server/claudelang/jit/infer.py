"""Type inference: a signature in, one type for every expression and variable out.

A `Spec` is one native function to generate: a global function, a named-let loop or a
`while` loop (the last two for on-stack replacement) specialised to argument types.
Inferring it walks the body with the `subset` analysis: literals have their type,
variables the type they were bound with (`set!` must keep it), builtins follow
`operations`, and a call of another global function asks for *that* function's spec at
the argument types — so one inference reaches every function the root calls natively.

Recursion makes return types circular; `infer_program` therefore iterates: unknown
return types start at BOTTOM (the identity of `join`), every spec is inferred again with
the previous round's guesses, until no guess changes (they only grow: BOTTOM → a type →
MIXED). Then every type in use must be concrete, or the root stays in the VM with the
first reason found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from claudelang.ast import nodes as a
from claudelang.jit import operations as ops
from claudelang.jit.subset import (
    Analysis,
    Code,
    GlobalCall,
    GlobalRef,
    LoopCall,
    OpCall,
    Var,
    WhileSite,
    cond_clauses,
)
from claudelang.jit.types import Signature, Ty, Unsupported, join, show_signature, type_of

MAX_ROUNDS = 16


class FunctionSource(Protocol):
    """What inference needs to know about a global function the root calls."""

    name: str
    analysis: Analysis


class Globals(Protocol):
    """The namespace as inference sees it (implemented by the tiering manager)."""

    def function(self, name: str, node: a.Node) -> FunctionSource:
        """The compilable global function `name` is bound to, or raise `Unsupported`."""

    def value(self, name: str, node: a.Node) -> object:
        """The value of the global constant `name` (recorded as a dependency)."""

    def require_builtin(self, name: str, node: a.Node) -> None:
        """Raise `Unsupported` unless `name` is still bound to its builtin."""


@dataclass(eq=False)
class Spec:
    """One native function: what it is, its signature, and (after inference) its types."""

    key: tuple[Any, ...]
    kind: str  # "function", "loop" or "while"
    name: str
    analysis: Analysis
    code: Code  # the function or loop; for a while loop, the code containing it
    params: list[Var]
    signature: Signature
    source: FunctionSource | None = None
    site: WhileSite | None = None
    # filled by inference (replaced every round)
    var_types: dict[Var, Ty] = field(default_factory=dict)
    node_types: dict[int, Ty] = field(default_factory=dict)
    callees: dict[int, Spec] = field(default_factory=dict)
    constants: dict[int, object] = field(default_factory=dict)
    loop_returns: dict[int, Ty] = field(default_factory=dict)  # id(loop Code) → return type
    ret: Ty = Ty.BOTTOM

    @property
    def label(self) -> str:
        return f"{self.name}{show_signature(self.signature)}"

    @property
    def results(self) -> list[Var]:
        """For a while loop: the outer variables it assigns, returned to the VM."""
        return self.site.assigned if self.site is not None else []

    def loop_key(self, code: Code) -> tuple[Any, ...]:
        return (*self.key, "loop", id(code))


def function_spec(source: FunctionSource, signature: Signature) -> Spec:
    code = source.analysis.root
    key = ("function", id(source), signature)
    return Spec(key, "function", source.name, source.analysis, code, code.params, signature, source=source)


def loop_spec(analysis: Analysis, code: Code, signature: Signature, name: str) -> Spec:
    key = ("loop", id(analysis), id(code), signature)
    return Spec(key, "loop", f"{name}/{code.name}", analysis, code, [*code.params, *code.free], signature)


def while_spec(analysis: Analysis, site: WhileSite, signature: Signature, name: str) -> Spec:
    key = ("while", id(analysis), id(site), signature)
    line = site.node.span.start.line + 1
    return Spec(key, "while", f"{name}/while@{line}", analysis, site.code, site.free, signature, site=site)


@dataclass(eq=False)
class Program:
    """Every spec reachable from a root, with return types settled to a fixed point."""

    root: Spec
    globals: Globals
    specs: dict[tuple[Any, ...], Spec] = field(default_factory=dict)
    returns: dict[tuple[Any, ...], Ty] = field(default_factory=dict)
    changed: bool = False

    def spec(self, source: FunctionSource, signature: Signature) -> Spec:
        fresh = function_spec(source, signature)
        return self.specs.setdefault(fresh.key, fresh)

    def guess(self, key: tuple[Any, ...]) -> Ty:
        return self.returns.get(key, Ty.BOTTOM)

    def settle(self, key: tuple[Any, ...], ty: Ty) -> Ty:
        old = self.guess(key)
        new = join(old, ty)
        if new is not old:
            self.returns[key] = new
            self.changed = True
        return new


def infer_program(root: Spec, globals_: Globals) -> Program:
    """Infer `root` and everything it calls; raise `Unsupported` if any type is not settled."""
    program = Program(root, globals_)
    program.specs[root.key] = root
    for _ in range(MAX_ROUNDS):
        program.changed = False
        done: set[tuple[Any, ...]] = set()
        todo = [root]
        while todo:
            spec = todo.pop()
            if spec.key in done:
                continue
            done.add(spec.key)
            Inferrer(program, spec).run()
            todo.extend(spec.callees.values())
        if not program.changed:
            for key in list(program.specs):
                if key not in done:
                    del program.specs[key]
            validate(program)
            return program
    raise Unsupported("the types of its recursive calls do not settle", root.code.node)


def validate(program: Program) -> None:
    for spec in program.specs.values():
        node = spec.code.node
        for var, ty in spec.var_types.items():
            if not ty.is_concrete:
                raise Unsupported(f"{var.name} never gets a value", node)
        if spec.kind == "while":
            continue
        if spec.ret is Ty.MIXED:
            raise Unsupported(f"{spec.name} returns values of different types", node)
        if spec.ret is Ty.BOTTOM:
            raise Unsupported(f"{spec.name} never returns a value", node)
        for ty in spec.loop_returns.values():
            if not ty.is_concrete:
                raise Unsupported(f"a loop in {spec.name} does not return one type", node)


class Inferrer:
    """One round of inference over one spec."""

    def __init__(self, program: Program, spec: Spec) -> None:
        self.program = program
        self.spec = spec
        spec.var_types, spec.node_types, spec.callees, spec.constants, spec.loop_returns = {}, {}, {}, {}, {}

    def run(self) -> None:
        spec = self.spec
        if len(spec.signature) != len(spec.params):
            raise Unsupported(f"{spec.name} takes {len(spec.params)} arguments", spec.code.node)
        for var, ty in zip(spec.params, spec.signature, strict=True):
            self.spec.var_types[var] = ty
        if spec.kind == "while":
            assert spec.site is not None
            self.infer(spec.site.node)
            spec.ret = Ty.NIL
            return
        ret = self.body(spec.code.body)
        key = spec.key if spec.kind == "function" else spec.loop_key(spec.code)
        spec.ret = self.program.settle(key, self.value(ret, spec.code.node, "the return value"))
        if spec.kind == "loop":
            spec.loop_returns[id(spec.code)] = spec.ret

    # ------------------------------------------------------------ helpers

    @property
    def analysis(self) -> Analysis:
        return self.spec.analysis

    def value(self, ty: Ty, node: a.Node, what: str) -> Ty:
        """`ty` where a value is used: it must be a single type."""
        if ty is Ty.MIXED:
            raise Unsupported(f"{what} is of different types on different paths", node)
        return ty

    def bind(self, var: Var, ty: Ty, node: a.Node) -> None:
        ty = self.value(ty, node, var.name)
        old = self.spec.var_types.get(var)
        if old is None or old is Ty.BOTTOM:
            self.spec.var_types[var] = ty
        elif ty is not Ty.BOTTOM and ty is not old:
            raise Unsupported(f"{var.name} holds {article(old)}, then {article(ty)}", node)

    def body(self, forms: list[a.Expr]) -> Ty:
        result = Ty.NIL
        for form in forms:
            result = self.infer(form)
        return result

    def infer(self, node: a.Expr) -> Ty:
        rule = RULES[type(node)]
        ty = rule(self, node)
        self.spec.node_types[id(node)] = ty
        return ty

    def truth(self, node: a.Expr) -> Ty:
        return self.value(self.infer(node), node, "this test")

    # ------------------------------------------------------------ literals and names

    def literal(self, node: a.Expr) -> Ty:
        return LITERALS[type(node)]

    def name(self, node: a.Name) -> Ty:
        target = self.analysis.names[id(node)]
        if isinstance(target, Var):
            ty = self.spec.var_types.get(target)
            if ty is None:
                raise Unsupported(f"{node.name} has no value here", node)
            return ty
        return self.global_value(target, node)

    def global_value(self, ref: GlobalRef, node: a.Name) -> Ty:
        if ref.builtin_value is not None:
            self.program.globals.require_builtin(ref.name, node)
            value: object = ref.builtin_value
        else:
            value = self.program.globals.value(ref.name, node)
        ty = type_of(value)
        if ty is None:
            raise Unsupported(f"the global {ref.name} is not a number or boolean", node)
        self.spec.constants[id(node)] = value
        return ty

    # ------------------------------------------------------------ calls

    def call(self, node: a.Call) -> Ty:
        types = [self.value(self.infer(arg), arg, "an argument") for arg in node.args]
        target = self.analysis.calls[id(node)]
        if isinstance(target, OpCall):
            assert isinstance(node.callee, a.Name)
            self.program.globals.require_builtin(node.callee.name, node)
            return target.op.rule(types, node.args, node)
        if isinstance(target, LoopCall):
            return self.loop_call(node, target, types)
        assert isinstance(target, GlobalCall)
        return self.global_call(node, target, types)

    def loop_call(self, node: a.Call, target: LoopCall, types: list[Ty]) -> Ty:
        for var, ty, arg in zip(target.code.params, types, node.args, strict=True):
            self.bind(var, ty, arg)
        if target.tail_self:
            return Ty.BOTTOM
        return self.program.guess(self.spec.loop_key(target.code))

    def global_call(self, node: a.Call, target: GlobalCall, types: list[Ty]) -> Ty:
        if target.tail_self:
            for var, ty, arg in zip(self.spec.code.params, types, node.args, strict=True):
                self.bind(var, ty, arg)
            return Ty.BOTTOM
        source = self.program.globals.function(target.name, node)
        if len(source.analysis.root.params) != len(types):
            raise Unsupported(f"{target.name} called with {len(types)} arguments", node)
        if Ty.BOTTOM in types:
            return Ty.BOTTOM  # the argument types are not known yet (next round)
        callee = self.program.spec(source, tuple(types))
        self.spec.callees[id(node)] = callee
        return self.program.guess(callee.key)

    # ------------------------------------------------------------ binding forms

    def let(self, node: a.Let) -> Ty:
        if node.loop is not None:
            return self.named_let(node)
        bound = iter(self.analysis.lets[id(node)])
        for binding in node.bindings:
            var = next(bound)
            self.bind(var, self.infer(binding.value), binding)
        return self.body(node.body)

    def named_let(self, node: a.Let) -> Ty:
        code = self.analysis.loops[id(node)]
        for var, binding in zip(code.params, node.bindings, strict=True):
            self.bind(var, self.infer(binding.value), binding)
        key = self.spec.loop_key(code)
        ret = self.program.settle(key, self.value(self.body(code.body), node, "the loop's value"))
        self.spec.loop_returns[id(code)] = ret
        return ret

    def define(self, node: a.Define) -> Ty:
        ty = self.infer(node.value)
        self.bind(self.analysis.defines[id(node)], ty, node)
        return ty

    def set_bang(self, node: a.SetBang) -> Ty:
        self.bind(self.analysis.sets[id(node)], self.infer(node.value), node)
        return Ty.NIL

    # ------------------------------------------------------------ control flow

    def if_(self, node: a.If) -> Ty:
        self.truth(node.test)
        then = self.infer(node.then)
        otherwise = self.infer(node.otherwise) if node.otherwise is not None else Ty.NIL
        return join(then, otherwise)

    def cond(self, node: a.Cond) -> Ty:
        result = Ty.BOTTOM
        has_else = False
        for clause in cond_clauses(node):
            if clause.test is None:
                has_else = True
                result = join(result, self.body(clause.body))
                continue
            test = self.truth(clause.test)
            result = join(result, self.body(clause.body) if clause.body else test)
        return result if has_else else join(result, Ty.NIL)

    def when(self, node: a.When) -> Ty:
        self.truth(node.test)
        return join(self.body(node.body), Ty.NIL)

    def and_or(self, node: a.And | a.Or) -> Ty:
        """The deciding value: `and` stops at the first false item, `or` at the first true."""
        is_and = isinstance(node, a.And)
        if not node.items:
            return Ty.BOOL
        result = Ty.BOTTOM
        for index, item in enumerate(node.items):
            ty = self.infer(item)
            if index == len(node.items) - 1:
                result = join(result, ty)
                break
            ty = self.value(ty, item, "this operand")
            can_decide = ty in (Ty.BOOL, Ty.NIL) if is_and else ty is not Ty.NIL
            if can_decide:
                result = join(result, ty)
        return result

    def do(self, node: a.Do) -> Ty:
        return self.body(node.body)

    def while_(self, node: a.While) -> Ty:
        self.truth(node.test)
        for form in node.body:
            self.infer(form)
        return Ty.NIL


def article(ty: Ty) -> str:
    return f"an {ty}" if ty is Ty.INT else f"a {ty}"


LITERALS = {a.IntLit: Ty.INT, a.FloatLit: Ty.FLOAT, a.BoolLit: Ty.BOOL, a.NilLit: Ty.NIL}

RULES: dict[type, Callable[[Inferrer, Any], Ty]] = {
    a.IntLit: Inferrer.literal,
    a.FloatLit: Inferrer.literal,
    a.BoolLit: Inferrer.literal,
    a.NilLit: Inferrer.literal,
    a.Name: Inferrer.name,
    a.Call: Inferrer.call,
    a.Let: Inferrer.let,
    a.Define: Inferrer.define,
    a.SetBang: Inferrer.set_bang,
    a.If: Inferrer.if_,
    a.Cond: Inferrer.cond,
    a.When: Inferrer.when,
    a.And: Inferrer.and_or,
    a.Or: Inferrer.and_or,
    a.Do: Inferrer.do,
    a.While: Inferrer.while_,
}

__all__ = ["Globals", "Program", "Spec", "function_spec", "infer_program", "loop_spec", "ops", "while_spec"]
