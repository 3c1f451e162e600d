"""Control flow: if, cond, when/unless, and/or, do/begin, while, try/catch/finally.

Branches that need statements are compiled into sub-blocks; the value travels through a
temporary. Branches that are plain expressions become Python conditional expressions.
Branches in tail position on `(empty? x)` get a second version for `x` a `List`, where
the list accessors of `x` need no type test (the inner loop of recursive list code).
"""

from __future__ import annotations

import ast as py_ast
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.operators import is_boolean
from claudelang.runtime import plist

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler
    from claudelang.compiler.scope import Binding


class ControlForms:
    # ------------------------------------------------------------ if / cond / when

    def compile_if(self: Compiler, node: a.If) -> py_ast.expr:
        return self.branches([(node.test, [node.then])], [node.otherwise] if node.otherwise else [], node)

    def tail_if(self: Compiler, node: a.If) -> None:
        otherwise = [node.otherwise] if node.otherwise else []
        self.tail_branches([(node.test, [node.then])], otherwise, node)

    def cond_parts(self: Compiler, node: a.Cond) -> tuple[list[tuple[a.Expr, list[a.Expr]]], list[a.Expr] | None]:
        clauses, otherwise = [], None
        for clause in node.clauses:
            if clause.test is None:
                otherwise = clause.body
                break
            clauses.append((clause.test, clause.body))
        return clauses, otherwise

    def compile_cond(self: Compiler, node: a.Cond) -> py_ast.expr:
        clauses, otherwise = self.cond_parts(node)
        return self.branches(clauses, otherwise or [], node)

    def tail_cond(self: Compiler, node: a.Cond) -> None:
        clauses, otherwise = self.cond_parts(node)
        self.tail_branches(clauses, otherwise or [], node)

    def when_parts(self: Compiler, node: a.When) -> tuple[list[tuple[a.Expr, list[a.Expr]]], list[a.Expr]]:
        if node.negated:
            nil = a.NilLit(node.start, node.end, node.anchor)
            return [(node.test, [nil])], node.body
        return [(node.test, node.body)], []

    def compile_when(self: Compiler, node: a.When) -> py_ast.expr:
        return self.branches(*self.when_parts(node), node)

    def tail_when(self: Compiler, node: a.When) -> None:
        self.tail_branches(*self.when_parts(node), node)

    def branches(
        self: Compiler, clauses: list[tuple[a.Expr, list[a.Expr]]], otherwise: list[a.Expr], node: a.Node
    ) -> py_ast.expr:
        """`if/elif/else` as an expression; a clause with an empty body yields its test."""
        from claudelang.compiler.codegen import load

        result = self.function.temp("v")
        chain: list[py_ast.stmt] = []
        current = chain
        for index, (test_node, body) in enumerate(clauses):
            with self.block_of(current):
                if body:
                    test = self.test(test_node)
                    then: list[py_ast.stmt] = []
                    with self.block_of(then), self.scope():
                        self.assign(result, self.body(body, node, tail=False), node)
                else:  # (cond (x)) yields x when x is truthy
                    value = self.to_temp(self.expr(test_node), node)
                    test = self.test_value(value)
                    then = [self.located(py_ast.Assign(targets=[store_name(result)], value=value), node)]
                orelse: list[py_ast.stmt] = []
                self.emit(py_ast.If(test=test, body=then, orelse=orelse), node)
            current = orelse
            del index
        with self.block_of(current), self.scope():
            self.assign(result, self.body(otherwise, node, tail=False) if otherwise else py_ast.Constant(None), node)
        simple = self.as_conditional_expression(chain, result)
        if simple is not None:
            return simple
        self.stmts.extend(chain)
        return load(result)

    def as_conditional_expression(self: Compiler, chain: list[py_ast.stmt], result: str) -> py_ast.expr | None:
        """`a if t else b` when every branch is a single assignment to `result`."""
        if len(chain) != 1 or not isinstance(chain[0], py_ast.If):
            return None
        stmt = chain[0]
        then, orelse = stmt.body, stmt.orelse
        if len(then) != 1 or not is_assign_to(then[0], result):
            return None
        if len(orelse) == 1 and is_assign_to(orelse[0], result):
            other = orelse[0].value
        else:
            other = self.as_conditional_expression(orelse, result)
            if other is None:
                return None
        return py_ast.IfExp(test=stmt.test, body=then[0].value, orelse=other)

    def tail_branches(
        self: Compiler,
        clauses: list[tuple[a.Expr, list[a.Expr]]],
        otherwise: list[a.Expr],
        node: a.Node,
        version: bool = True,
    ) -> None:
        subject = self.tested_list(clauses) if version else None
        if subject is not None:
            self.list_versions(subject, clauses, otherwise, node)
            return
        current = self.stmts
        for test_node, body in clauses:
            with self.block_of(current):
                if body:
                    test = self.test(test_node)
                    then: list[py_ast.stmt] = []
                    with self.block_of(then), self.scope():
                        self.body(body, node, tail=True)
                else:
                    value = self.to_temp(self.expr(test_node), node)
                    test = self.test_value(value)
                    then = [self.located(py_ast.Return(value=value), node)]
                orelse: list[py_ast.stmt] = []
                self.emit(py_ast.If(test=test, body=then, orelse=orelse), node)
            current = orelse
        with self.block_of(current), self.scope():
            self.body(otherwise, node, tail=True)

    # ------------------------------------------------------------ branches on (empty? x)

    def tested_list(self: Compiler, clauses: list[tuple[a.Expr, list[a.Expr]]]) -> Binding | None:
        """The local variable `x` of a first test `(empty? x)`, if its branches are worth a
        version for `x` a `List`: `x` is this function's own and no `set!` assigns it, and
        no version is being compiled already (one level, so code grows at most twofold)."""
        if self.known_lists or not clauses or not clauses[0][1]:
            return None
        test = clauses[0][0]
        if not (isinstance(test, a.Call) and isinstance(test.callee, a.Name) and len(test.args) == 1):
            return None
        subject = test.args[0]
        if test.callee.name != "empty?" or not isinstance(subject, a.Name) or not self.is_builtin_name(test.callee):
            return None
        binding = self.binding_of(subject)
        if binding is None or not binding.fixed or binding.function is not self.function:
            return None
        return binding

    def list_versions(
        self: Compiler,
        subject: Binding,
        clauses: list[tuple[a.Expr, list[a.Expr]]],
        otherwise: list[a.Expr],
        node: a.Node,
    ) -> None:
        """`if type(x) is List:` the branches compiled knowing it (so `(empty? x)` is
        `x._len == 0` and, after it, `(head x)`/`(tail x)` read `x` without a test), `else:`
        the branches as usual. The variable changes only where the loop goes round again,
        after every use in the branch (`recursion.py`), so what is known holds throughout;
        if every round keeps it a List, the loop may go round inside the first branch
        (`recursion.hoist_list_versions`)."""
        from claudelang.compiler.codegen import load

        known: list[py_ast.stmt] = []
        recursion = self.recursion
        if recursion is not None:
            recursion.versioned, recursion.rounds_keep_list = subject, []
        with self.block_of(known):
            self.known_lists = {subject: False}
            try:
                test = self.test(clauses[0][0])
                then: list[py_ast.stmt] = []
                with self.block_of(then), self.scope():
                    self.body(clauses[0][1], node, tail=True)
                self.known_lists = {subject: True}
                rest: list[py_ast.stmt] = []
                with self.block_of(rest):
                    self.tail_branches(clauses[1:], otherwise, node, version=False)
            finally:
                self.known_lists = {}
                if recursion is not None:
                    recursion.versioned = None
            self.emit(py_ast.If(test=test, body=then, orelse=rest), node)
        generic: list[py_ast.stmt] = []
        with self.block_of(generic):
            self.tail_branches(clauses, otherwise, node, version=False)
        is_list = self.type_is(load(subject.py_name), plist.List)
        versions = py_ast.If(test=is_list, body=known, orelse=generic)
        self.emit(versions, node)
        if recursion is not None and recursion.rounds_keep_list and all(recursion.rounds_keep_list):
            recursion.hoistable.append(versions)

    # ------------------------------------------------------------ and / or

    def compile_and_or(self: Compiler, node: a.And | a.Or) -> py_ast.expr:
        """Short-circuit, returning the deciding value (not a bool).

        When every operand but the last is a bool and none needs statements, Python's own
        `and`/`or` agree with ClaudeLang's and are used; otherwise a chain of `if`s.
        """
        from claudelang.compiler.codegen import load

        is_and = isinstance(node, a.And)
        if not node.items:
            return py_ast.Constant(is_and)
        pieces = self.operand_pieces(node.items)
        self.stmts.extend(pieces[0][0])
        if all(not stmts for stmts, _, _ in pieces[1:]) and all(boolean for _, _, boolean in pieces[:-1]):
            values = [value for _, value, _ in pieces]
            return values[0] if len(values) == 1 else py_ast.BoolOp(op=AND_OR[is_and](), values=values)
        result = self.function.temp("v")
        current = self.stmts
        for index, ((stmts, value, _), item) in enumerate(zip(pieces, node.items, strict=True)):
            with self.block_of(current):
                if index:
                    self.stmts.extend(stmts)
                self.assign(result, value, item)
                if index == len(node.items) - 1:
                    break
                truthy = self.test_value(load(result))
                test = truthy if is_and else py_ast.UnaryOp(op=py_ast.Not(), operand=truthy)
                inner: list[py_ast.stmt] = []
                self.emit(py_ast.If(test=test, body=inner, orelse=[]), item)
            current = inner
        return load(result)

    def tail_and_or(self: Compiler, node: a.And | a.Or) -> None:
        """`and`/`or` in tail position: the last operand is in tail position too."""
        is_and = isinstance(node, a.And)
        if not node.items:
            self.emit(py_ast.Return(value=py_ast.Constant(is_and)), node)
            return
        for item in node.items[:-1]:
            value = self.expr(item)
            if self.returns_boolean(item) or is_boolean(value):
                test, decided = value, py_ast.Constant(not is_and)  # a bool decides as itself
            else:
                decided = self.to_temp(value, item, copy_variables=True)
                test = self.test_value(decided)
            if is_and:
                test = py_ast.UnaryOp(op=py_ast.Not(), operand=test)
            self.emit(py_ast.If(test=test, body=[self.located(py_ast.Return(value=decided), item)], orelse=[]), item)
        self.tail(node.items[-1])

    def operand_pieces(self: Compiler, items: list[a.Expr]) -> list[tuple[list[py_ast.stmt], py_ast.expr, bool]]:
        """(statements, value, is a bool) for each operand, compiled in order."""
        pieces = []
        for item in items:
            stmts: list[py_ast.stmt] = []
            with self.block_of(stmts):
                value = self.expr(item)
            pieces.append((stmts, value, self.returns_boolean(item) or is_boolean(value)))
        return pieces

    # ------------------------------------------------------------ do / while

    def compile_do(self: Compiler, node: a.Do) -> py_ast.expr:
        return self.body(node.body, node, tail=False)

    def tail_do(self: Compiler, node: a.Do) -> None:
        self.body(node.body, node, tail=True)

    def compile_while(self: Compiler, node: a.While) -> py_ast.expr:
        loop_body: list[py_ast.stmt] = []
        test_stmts: list[py_ast.stmt] = []
        with self.block_of(test_stmts):
            test = self.test(node.test)
        with self.block_of(loop_body), self.scope():
            self.predeclare(node.body)
            for form in node.body:
                self.statement(form)
        if test_stmts:  # the test needs statements: `while True: <stmts>; if not test: break`
            check = py_ast.If(test=py_ast.UnaryOp(op=py_ast.Not(), operand=test), body=[py_ast.Break()], orelse=[])
            body = [*test_stmts, self.located(check, node), *loop_body]
            self.emit(py_ast.While(test=py_ast.Constant(True), body=body, orelse=[]), node)
        else:
            self.emit(py_ast.While(test=test, body=loop_body or [py_ast.Pass()], orelse=[]), node)
        return py_ast.Constant(None)

    # ------------------------------------------------------------ try

    def compile_try(self: Compiler, node: a.Try) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        result = self.function.temp("v")
        body: list[py_ast.stmt] = []
        with self.block_of(body), self.scope():
            self.assign(result, self.body(node.body, node, tail=False), node)
        handlers: list[py_ast.excepthandler] = []
        if node.catch_body is not None:
            caught = self.function.temp("exc")
            catch_stmts: list[py_ast.stmt] = []
            with self.block_of(catch_stmts), self.scope() as block:
                error = py_ast.Call(func=load(n.TO_ERROR), args=[load(caught)], keywords=[])
                if node.catch_var is not None:
                    target = self.bind(block, node.catch_var)
                    self.assign(target.py_name, error, node)
                self.assign(result, self.body(node.catch_body, node, tail=False), node)
            handlers.append(
                self.located(py_ast.ExceptHandler(type=load(n.EXCEPTION), name=caught, body=catch_stmts), node)
            )
        final: list[py_ast.stmt] = []
        if node.finally_body is not None:
            with self.block_of(final), self.scope():
                self.predeclare(node.finally_body)
                for form in node.finally_body:
                    self.statement(form)
                if not final:
                    final.append(py_ast.Pass())
        if not handlers and not final:
            self.stmts.extend(body)
            return load(result)
        self.emit(py_ast.Try(body=body, handlers=handlers, orelse=[], finalbody=final), node)
        return load(result)


AND_OR = {True: py_ast.And, False: py_ast.Or}


def store_name(name: str) -> py_ast.Name:
    return py_ast.Name(id=name, ctx=py_ast.Store())


def is_assign_to(stmt: py_ast.stmt, name: str) -> bool:
    return (
        isinstance(stmt, py_ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], py_ast.Name)
        and stmt.targets[0].id == name
    )
