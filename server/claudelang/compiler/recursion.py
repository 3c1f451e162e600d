"""Self calls that become loops: tail calls, and calls waiting on a self call's result.

A function bound by `define`, `let` or named `let` runs in constant Python stack when
it calls itself

- in tail position, `(f a b)`: the new arguments are assigned to the parameters and the
  `while True:` wrapped around the body goes round again;
- as the last argument of a call in tail position, `(g x (f a b))` — the shape of
  `(+ (head l) (sum-list (tail l)))` and `(cons (h (head l)) (my-map h (tail l)))`: the
  values the waiting call already has (`g` unless it is an inlined builtin, `x`) are
  pushed on a list local to the call, the loop goes round with `a b`, and every `return v`
  of the function first applies the waiting calls innermost-first:
  `for x in reversed(pending): v = g(x, v)`.

Everything is evaluated exactly when the recursion would evaluate it (the operator, the
earlier arguments, the callee, the self call's arguments, and once the innermost call
returns, the waiting calls innermost-first), so the loop is the recursion without its
O(n) stack of Python frames. An error unwinds it the same way: the waiting calls are
dropped.

Both loop only while the function's name still means this very function when the self
call is made: `define` or `set!` may rebind it. The callee is read at its turn and
compared with the function itself (held by the enclosing function in a variable set
right after the `def`); if it differs the call is made for real. A JIT dispatcher
installed in the function's place counts as the function (`same_function`), so a
running loop stays in the VM until the tiering's entry counters move it to native code.
A contract around the function counts too for a tail call, which checks the contract
once, on entry; a deferred call goes through the contract every time, as the recursion
it replaces did (docs/DECISIONS.md, Contracts).
"""

from __future__ import annotations

import ast as py_ast
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.scope import Binding, Function

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler

LITERALS = (a.IntLit, a.FloatLit, a.StrLit, a.BoolLit, a.NilLit)  # evaluating them does nothing


@dataclass(slots=True, eq=False)
class Computed(a.Expr):
    """A value the compiler already holds in the Python variable `py_name`."""

    py_name: str


@dataclass(eq=False)
class Waiting:
    """The calls left waiting by a deferred self call, and how to finish them."""

    site: a.Call  # the one call in the function whose self call is deferred
    pending: str  # the list of the waiting calls' operands, innermost last
    result: str  # the value being returned, as the waiting calls apply to it
    finish: py_ast.For  # `for operands in reversed(pending): result = g(operands, result)`
    depth_checks: list[py_ast.stmt] = field(default_factory=list)  # one per round that pushes


@dataclass(eq=False)
class Recursion:
    """What the compiler knows of the self calls of the function being compiled."""

    binding: Binding  # the function's own name
    me: str  # the enclosing function's variable holding the function itself
    looped: bool = False  # some self call became `continue`
    tail_looped: bool = False  # some round pushes no waiting call (a plain tail call)
    guarded: bool = False  # some loop compares the callee with `me`
    waiting: Waiting | None = None
    # While a branch on `(empty? x)` is compiled knowing `x` a List (control.list_versions):
    # `x`, and for each round of the loop in it, whether `x` is still a List in the next.
    versioned: Binding | None = None
    rounds_keep_list: list[bool] = field(default_factory=list)
    # Such branches whose every round keeps `x` a List: each can loop by itself, without the
    # type test, if it is the first statement of the loop (`loop_around`).
    hoistable: list[py_ast.If] = field(default_factory=list)


class SelfCalls:
    # ------------------------------------------------------------ calls in tail position

    def tail_call(self: Compiler, node: a.Call) -> None:
        if self.recursion is not None:
            if self.is_self_call(node):
                self.loop_again(node)
                return
            if node.args and self.is_self_call(node.args[-1]) and self.may_defer(node):
                self.defer_and_loop(node)
                return
        self.emit(py_ast.Return(value=self.expr(node)), node)

    def is_self_call(self: Compiler, node: a.Expr) -> bool:
        """A call of the function being compiled, by its own name, with a fitting arity."""
        target = self.recursion.binding
        if not isinstance(node, a.Call):
            return False
        callee = node.callee
        if not (isinstance(callee, a.Name) and callee.name == target.name):
            return False
        if self.binding_of(callee) is not (None if target.is_global else target):
            return False
        fixed, rest = self.function.params, self.function.rest
        return len(node.args) == len(fixed) or (rest is not None and len(node.args) >= len(fixed))

    def may_defer(self: Compiler, node: a.Call) -> bool:
        """One call site per function defers; a later one is an ordinary call. A
        capitalised callee (maybe a constructor) keeps its call: it is checked by name."""
        callee = node.callee
        if isinstance(callee, a.Name) and callee.name[:1].isupper():
            return False
        waiting = self.recursion.waiting
        return waiting is None or waiting.site is node

    def loop_again(self: Compiler, call: a.Call, deferred: bool = False) -> None:
        """Read the callee and the arguments; while the callee is still this function,
        assign the parameters and `continue`, else return the call made for real.

        A tail call also loops through the function's own contract, which checks once,
        on entry; a deferred one goes through it on every call, as recursion does
        (docs/DECISIONS.md, Contracts)."""
        from claudelang.compiler.codegen import load

        self.recursion.tail_looped = self.recursion.tail_looped or not deferred
        if self.recursion.binding.fixed:  # nothing can rebind the name: no need to look
            self.assign_and_continue(call, self.exprs(call.args, call))
            return
        callee = self.to_temp(self.expr(call.callee), call.callee, hint="f", copy_variables=True)
        values = self.exprs(call.args, call)
        me = load(self.recursion.me)
        self.recursion.guarded = True
        changed = py_ast.BoolOp(
            op=py_ast.And(),
            values=[
                py_ast.Compare(left=callee, ops=[py_ast.IsNot()], comparators=[me]),
                py_ast.UnaryOp(
                    op=py_ast.Not(),
                    operand=py_ast.Call(
                        func=load(n.SAME_FUNCTION if deferred else n.SAME_LOOP), args=[callee, me], keywords=[]
                    ),
                ),
            ],
        )
        real_call = py_ast.Call(func=callee, args=copy.deepcopy(values), keywords=[])
        self.emit(py_ast.If(test=changed, body=[self.located(py_ast.Return(value=real_call), call)], orelse=[]), call)
        self.assign_and_continue(call, values)

    def assign_and_continue(self: Compiler, call: a.Call, values: list[py_ast.expr]) -> None:
        """The parameters take the self call's argument values; round the loop again."""
        from claudelang.compiler.codegen import load, store

        fixed, rest = self.function.params, self.function.rest
        targets = list(fixed)
        new_values = values[: len(fixed)]
        if rest:
            targets.append(rest)
            new_values.append(py_ast.Call(func=load(n.MAKE_LIST), args=values[len(fixed) :], keywords=[]))
        if self.recursion.versioned is not None:
            self.recursion.rounds_keep_list.append(self.keeps_list(call))
        if len(targets) == 1:
            self.emit(py_ast.Assign(targets=[store(targets[0])], value=new_values[0]), call)
        elif targets:
            assignment = py_ast.Assign(
                targets=[py_ast.Tuple(elts=[store(t) for t in targets], ctx=py_ast.Store())],
                value=py_ast.Tuple(elts=new_values, ctx=py_ast.Load()),
            )
            self.emit(assignment, call)
        self.emit(py_ast.Continue(), call)
        self.recursion.looped = True

    def keeps_list(self: Compiler, call: a.Call) -> bool:
        """Whether the self call `call` passes the versioned List `x` on as a List: as
        itself, as `(tail x)` (or `rest`, `cdr`) when `x` is known not empty, or as
        `(cons item x)`."""
        subject = self.recursion.versioned
        params = self.function.params
        index = params.index(subject.py_name) if subject is not None and subject.py_name in params else len(call.args)
        if index >= len(call.args):
            return False
        arg = call.args[index]
        if isinstance(arg, a.Name):
            return self.binding_of(arg) is subject
        if not (isinstance(arg, a.Call) and isinstance(arg.callee, a.Name) and self.is_builtin_name(arg.callee)):
            return False
        name, args = arg.callee.name, arg.args
        if name in ("tail", "rest", "cdr") and len(args) == 1:
            return self.known_list(args[0]) is True and self.binding_of(args[0]) is subject  # type: ignore[arg-type]
        return name == "cons" and len(args) == 2 and isinstance(args[1], a.Name) and self.binding_of(args[1]) is subject

    # ------------------------------------------------------------ deferred calls

    def defer_and_loop(self: Compiler, node: a.Call) -> None:
        """`(g x (f a b))` in tail position: push what `g` waits with, loop on `(f a b)`."""
        from claudelang.compiler.codegen import load

        waiting = self.recursion.waiting or self.waiting_for(node)
        self.recursion.waiting = waiting
        pushed = [item for item in self.operands(node) if not isinstance(item, LITERALS)]
        values = self.exprs(pushed, node)
        operand = values[0] if len(values) == 1 else py_ast.Tuple(elts=values, ctx=py_ast.Load())
        append = py_ast.Attribute(value=load(waiting.pending), attr="append", ctx=py_ast.Load())
        self.emit(py_ast.Expr(value=py_ast.Call(func=append, args=[operand], keywords=[])), node)
        check = depth_check(waiting.pending)
        waiting.depth_checks.append(check)
        self.emit(check, node.args[-1])
        self.loop_again(node.args[-1], deferred=True)

    def operands(self: Compiler, node: a.Call) -> list[a.Expr]:
        """What the waiting call evaluates before the self call: its callee unless it is
        an inlined builtin, then its earlier arguments."""
        earlier = list(node.args[:-1])
        return earlier if self.inlines(node) else [node.callee, *earlier]

    def waiting_for(self: Compiler, node: a.Call) -> Waiting:
        """The list of operands and the loop finishing the waiting calls of `node`."""
        from claudelang.compiler.codegen import load, store

        pending, result = self.function.temp("pending"), self.function.temp("result")
        stand_ins: dict[int, a.Expr] = {}
        targets: list[str] = []
        for item in self.operands(node):
            if isinstance(item, LITERALS):
                continue
            name = self.function.temp("w")
            targets.append(name)
            stand_ins[id(item)] = Computed(item.start, item.end, item.anchor, name)
        last = node.args[-1]
        args = [stand_ins.get(id(arg), arg) for arg in node.args[:-1]]
        args.append(Computed(last.start, last.end, last.anchor, result))
        callee = stand_ins.get(id(node.callee), node.callee)
        body: list[py_ast.stmt] = []
        with self.block_of(body):
            value = self.compile_call(a.Call(node.start, node.end, node.anchor, callee, args))
            self.assign(result, value, node)
        target = (
            store(targets[0])
            if len(targets) == 1
            else py_ast.Tuple(elts=[store(t) for t in targets], ctx=py_ast.Store())
        )
        reversed_pending = py_ast.Call(func=load(n.REVERSED), args=[load(pending)], keywords=[])
        finish = py_ast.For(target=target, iter=reversed_pending, body=body, orelse=[])
        self.located(finish, node)
        return Waiting(node, pending, result, finish)

    def compile_computed(self: Compiler, node: Computed) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        return load(node.py_name)


def loop_around(body: list[py_ast.stmt], recursion: Recursion, function: Function) -> list[py_ast.stmt]:
    """The body of a function whose self calls loop, wrapped in its loop.

    `while True:` in general. When every round pushes a waiting call, the rounds are the
    recursion's depth: `for _ in range(limit):` counts them (cheaper than a length check
    per round) and running out of rounds is the recursion error.
    """
    from claudelang.compiler.codegen import load, store

    waiting = recursion.waiting
    if waiting is None or recursion.tail_looped:
        body = hoist_list_versions(
            body, recursion, lambda: py_ast.While(test=py_ast.Constant(True), body=[], orelse=[])
        )
    if waiting is None:
        return [py_ast.While(test=py_ast.Constant(True), body=body, orelse=[])]
    start = py_ast.Assign(targets=[store(waiting.pending)], value=py_ast.List(elts=[], ctx=py_ast.Load()))
    if recursion.tail_looped:
        loop: py_ast.stmt = py_ast.While(
            test=py_ast.Constant(True), body=finish_waiting_calls(body, waiting), orelse=[]
        )
        return [start, loop]
    # One iterator of the rounds, so that a hoisted inner loop goes on counting them.
    rounds, round_var = function.temp("rounds"), function.temp("round")
    limit = py_ast.Call(func=load(n.RANGE), args=[load(n.DEPTH_LIMIT)], keywords=[])
    count_rounds = py_ast.Assign(
        targets=[store(rounds)], value=py_ast.Call(func=load(n.ITER), args=[limit], keywords=[])
    )

    def this_and_each_round() -> py_ast.For:  # the round being run counts once
        this_round = py_ast.Tuple(elts=[load(round_var)], ctx=py_ast.Load())
        both = py_ast.Call(func=load(n.CHAIN), args=[this_round, load(rounds)], keywords=[])
        return py_ast.For(target=store(round_var), iter=both, body=[], orelse=[])

    body = hoist_list_versions(body, recursion, this_and_each_round)
    counted = finish_waiting_calls(body, waiting, {id(check) for check in waiting.depth_checks})
    loop = py_ast.For(target=store(round_var), iter=load(rounds), body=counted, orelse=[])
    depth = py_ast.Call(func=load(n.LEN), args=[load(waiting.pending)], keywords=[])
    too_deep = py_ast.Expr(value=py_ast.Call(func=load(n.TOO_DEEP), args=[depth], keywords=[]))
    return [start, count_rounds, loop, py_ast.copy_location(too_deep, waiting.depth_checks[-1])]


def hoist_list_versions(
    body: list[py_ast.stmt], recursion: Recursion, new_loop: Callable[[], py_ast.While | py_ast.For]
) -> list[py_ast.stmt]:
    """`if type(x) is List: <branches>` first in the loop, with every round of the branches
    keeping `x` a List, becomes `if type(x) is List: <loop>: <branches>`: once `x` is a
    List the test is not made again. The rounds go on exactly as before (each branch ends
    in `return` or `continue`, and the test would pass). `new_loop` is the loop's own
    header: `while True:`, or `for round in rounds:` over the one iterator that counts the
    rounds against the depth limit (when it runs out, the inner loop ends, and so does
    the outer one at once)."""
    first = body[0] if body else None
    if not any(first is candidate for candidate in recursion.hoistable):
        return body
    assert isinstance(first, py_ast.If)
    inner = new_loop()
    inner.body = first.body
    hoisted = py_ast.If(test=first.test, body=[py_ast.copy_location(inner, first)], orelse=first.orelse)
    return [py_ast.copy_location(hoisted, first), *body[1:]]


def depth_check(pending: str) -> py_ast.stmt:
    """`if len(pending) > limit: too_deep(len(pending))`: as deep as Python recursion may go."""
    from claudelang.compiler.codegen import load

    depth = py_ast.Call(func=load(n.LEN), args=[load(pending)], keywords=[])
    too_deep = py_ast.Call(func=load(n.TOO_DEEP), args=[depth], keywords=[])
    test = py_ast.Compare(left=depth, ops=[py_ast.Gt()], comparators=[load(n.DEPTH_LIMIT)])
    return py_ast.If(test=test, body=[py_ast.Expr(value=too_deep)], orelse=[])


def finish_waiting_calls(body: list[py_ast.stmt], waiting: Waiting, drop: set[int] = frozenset()) -> list[py_ast.stmt]:
    """`body` with each `return v` of its function turned into `result = v`, the loop
    applying the waiting calls, and `return result` (nested functions keep theirs); the
    statements whose id is in `drop` are left out."""
    from claudelang.compiler.codegen import load, store

    out: list[py_ast.stmt] = []
    for stmt in body:
        if id(stmt) in drop:
            continue
        if isinstance(stmt, py_ast.Return):
            value = stmt.value if stmt.value is not None else py_ast.Constant(None)
            keep = py_ast.copy_location(py_ast.Assign(targets=[store(waiting.result)], value=value), stmt)
            give = py_ast.copy_location(py_ast.Return(value=load(waiting.result)), stmt)
            out.extend([keep, copy.deepcopy(waiting.finish), give])
            continue
        if not isinstance(stmt, (py_ast.FunctionDef, py_ast.AsyncFunctionDef, py_ast.ClassDef)):
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list):
                    setattr(stmt, field, finish_waiting_calls(inner, waiting, drop))
            for part in getattr(stmt, "handlers", []) + getattr(stmt, "cases", []):
                part.body = finish_waiting_calls(part.body, waiting, drop)
        out.append(stmt)
    return out
