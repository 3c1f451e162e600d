"""`match`: patterns compiled to nested Python `if`s over the subject.

Each clause is tried in order under `if not matched:`; its pattern becomes tests and
bindings nested inside each other, and the innermost level sets the flag and runs the
body. No match raises a ClaudeLang match error naming the value.
"""

from __future__ import annotations

import ast as py_ast
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler

Work = list[tuple[a.Pattern, py_ast.expr]]  # patterns still to test, with the values they test


class PatternMatching:
    def compile_match(self: Compiler, node: a.Match) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        result = self.function.temp("v")
        self.match_into(node, result)
        return load(result)

    def tail_match(self: Compiler, node: a.Match) -> None:
        self.match_into(node, None)

    def match_into(self: Compiler, node: a.Match, result: str | None) -> None:
        """Compile the clauses; assign the value to `result`, or return it when None.

        In tail position a matching clause leaves the function (`return` or a loop's
        `continue`), so the clauses simply follow each other; otherwise a flag records
        that one matched and guards the later ones.
        """
        from claudelang.compiler.codegen import load

        subject = self.function.temp("s")
        self.assign(subject, self.expr(node.subject), node.subject)
        matched = None if result is None else self.function.temp("m")
        if matched is not None:
            self.assign(matched, py_ast.Constant(False), node)
        for index, clause in enumerate(node.clauses):
            clause_body: list[py_ast.stmt] = []
            with self.block_of(clause_body), self.scope():
                self.pattern(clause.pattern, load(subject), clause, matched, result)
            if matched is None or index == 0:
                self.stmts.extend(clause_body)
            else:
                guard = py_ast.UnaryOp(op=py_ast.Not(), operand=load(matched))
                self.emit(py_ast.If(test=guard, body=clause_body, orelse=[]), clause)
        fail = py_ast.Expr(value=py_ast.Call(func=load(n.MATCH_FAIL), args=[load(subject)], keywords=[]))
        if matched is None:
            self.emit(fail, node)
        else:
            guard = py_ast.UnaryOp(op=py_ast.Not(), operand=load(matched))
            self.emit(py_ast.If(test=guard, body=[fail], orelse=[]), node)

    def pattern(
        self: Compiler,
        pattern: a.Pattern,
        value: py_ast.expr,
        clause: a.MatchClause,
        matched: str | None,
        result: str | None,
    ) -> None:
        """Emit tests for `pattern` against `value`; on success, the clause body."""
        self.pattern_chain([(pattern, value)], clause, matched, result)

    def pattern_chain(
        self: Compiler,
        work: Work,
        clause: a.MatchClause,
        matched: str | None,
        result: str | None,
    ) -> None:
        from claudelang.compiler.codegen import load

        if not work:
            if matched is not None:
                self.assign(matched, py_ast.Constant(True), clause)
            if result is None:
                self.body(clause.body, clause, tail=True)
            else:
                self.assign(result, self.body(clause.body, clause, tail=False), clause)
            return
        (pattern, value), rest = work[0], work[1:]
        if isinstance(pattern, a.PWildcard):
            self.pattern_chain(rest, clause, matched, result)
        elif isinstance(pattern, a.PVar):
            target = self.bind(self.block, pattern.binder)
            self.assign(target.py_name, value, pattern)
            self.pattern_chain(rest, clause, matched, result)
        elif isinstance(pattern, a.PLiteral):
            test = py_ast.Call(func=load(n.EQ), args=[value, self.compile_literal(pattern.value)], keywords=[])
            self.guarded(test, pattern, rest, clause, matched, result)
        elif isinstance(pattern, a.PList):
            self.list_pattern(pattern, value, rest, clause, matched, result)
        else:
            self.constructor_pattern(pattern, value, rest, clause, matched, result)

    def guarded(
        self: Compiler,
        test: py_ast.expr,
        pattern: a.Node,
        rest: Work,
        clause: a.MatchClause,
        matched: str | None,
        result: str | None,
    ) -> None:
        inner: list[py_ast.stmt] = []
        with self.block_of(inner):
            self.pattern_chain(rest, clause, matched, result)
        self.emit(py_ast.If(test=test, body=inner, orelse=[]), pattern)

    def list_pattern(
        self: Compiler,
        pattern: a.PList,
        value: py_ast.expr,
        rest: Work,
        clause: a.MatchClause,
        matched: str | None,
        result: str | None,
    ) -> None:
        from claudelang.compiler.codegen import load, store

        count = len(pattern.items)
        fields = self.function.temp("l")  # the items, then the rest (shared, O(1)): `plist.match_list`
        call = py_ast.Call(
            func=load(n.MATCH_LIST),
            args=[value, py_ast.Constant(count), py_ast.Constant(pattern.rest is not None)],
            keywords=[],
        )
        test = py_ast.Compare(
            left=py_ast.NamedExpr(target=store(fields), value=call),
            ops=[py_ast.IsNot()],
            comparators=[py_ast.Constant(None)],
        )
        items = [
            (item, py_ast.Subscript(value=load(fields), slice=py_ast.Constant(i), ctx=py_ast.Load()))
            for i, item in enumerate(pattern.items)
        ]
        if isinstance(pattern.rest, a.Binder):
            tail = py_ast.Subscript(value=load(fields), slice=py_ast.Constant(count), ctx=py_ast.Load())
            rest_var = a.PVar(pattern.rest.start, pattern.rest.end, pattern.rest.anchor, pattern.rest)
            items.append((rest_var, tail))
        self.guarded(test, pattern, items + rest, clause, matched, result)

    def constructor_pattern(
        self: Compiler,
        pattern: a.PConstructor,
        value: py_ast.expr,
        rest: Work,
        clause: a.MatchClause,
        matched: str | None,
        result: str | None,
    ) -> None:
        from claudelang.compiler.codegen import load, store

        fields = self.function.temp("f")
        call = py_ast.Call(
            func=load(n.MATCH_CTOR),
            args=[value, py_ast.Constant(pattern.name.name), py_ast.Constant(len(pattern.args))],
            keywords=[],
        )
        test = py_ast.Compare(
            left=py_ast.NamedExpr(target=store(fields), value=call),
            ops=[py_ast.IsNot()],
            comparators=[py_ast.Constant(None)],
        )
        items = [
            (arg, py_ast.Subscript(value=load(fields), slice=py_ast.Constant(i), ctx=py_ast.Load()))
            for i, arg in enumerate(pattern.args)
        ]
        self.guarded(test, pattern, items + rest, clause, matched, result)
