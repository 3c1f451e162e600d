"""Binding forms: lambda, define, let (plain and named) and set!.

A lambda becomes a nested Python `def`. Self calls of a function bound by `define`, `let`
or named `let` may become a loop (`recursion`): then a `while True:` is wrapped around the
body, and the enclosing function keeps the function itself in a variable, set right after
the `def`, to tell whether its name still means it. If an inner lambda captures one of
the function's own variables, looping would let that closure see the variable change, so
the function is compiled again without the loop.
"""

from __future__ import annotations

import ast as py_ast
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.recursion import Recursion, loop_around
from claudelang.compiler.scope import Binding, Block, Function

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler


def rest_list(rest: str) -> py_ast.stmt:
    """`rest = ;rest_list(rest)`: a rest parameter's Python tuple made a ClaudeLang list."""
    from claudelang.compiler.codegen import load, store

    return py_ast.Assign(
        targets=[store(rest)], value=py_ast.Call(func=load(n.REST_LIST), args=[load(rest)], keywords=[])
    )


class FunctionForms:
    # ------------------------------------------------------------ lambda

    def compile_lambda(self: Compiler, node: a.Lambda) -> py_ast.expr:
        return self.function_value(node, None)

    def function_value(self: Compiler, node: a.Lambda, binding: Binding | None) -> py_ast.expr:
        """Emit the `def` for `node` (bound to `binding` if given) and return its name."""
        from claudelang.compiler.codegen import load

        fn_def, me = self.function_def(node, binding, allow_loop=True)
        self.emit(fn_def, node)
        if me is not None:
            self.assign(me, load(fn_def.name), node)
        if binding is not None:
            return load(binding.py_name)
        temp = self.function.temp("fn")
        self.assign(temp, load(fn_def.name), node)
        return load(temp)

    def function_def(
        self: Compiler, node: a.Lambda, binding: Binding | None, allow_loop: bool
    ) -> tuple[py_ast.FunctionDef, str | None]:
        """The `def` of `node`, and the variable the enclosing function must set to the
        function right after it (None if no self call loops)."""
        saved = (self.function, self.block, self.stmts, self.recursion, self.known_lists)
        saved_contract = self.contract_params
        function = Function(node.name or "lambda", saved[0], reserved=self.reserved)
        self.function = function
        self.block = Block(function, saved[1])
        self.stmts = []
        recursion = Recursion(binding, saved[0].temp("self")) if binding is not None and allow_loop else None
        self.recursion = recursion
        self.known_lists = {}  # what the enclosing function knows may change before a call
        try:
            params = [self.bind(self.block, p).py_name for p in node.params]
            rest = self.bind(self.block, node.rest).py_name if node.rest else None
            if node is self.contract_lambda:  # a contract's check: its clauses name these
                binders = [*node.params, *([node.rest] if node.rest else [])]
                self.contract_params = {b.name: self.locals[id(b)] for b in binders}
            function.params, function.rest = params, rest
            self.body(node.body, node, tail=True)
            body = self.stmts
        finally:
            outer_captures = function.captured
            self.function, self.block, self.stmts, self.recursion, self.known_lists = saved
            self.contract_params = saved_contract
        looped = recursion is not None and recursion.looped
        if looped and outer_captures:
            return self.function_def(node, binding, allow_loop=False)
        if looped:
            around = loop_around(body, recursion, function)  # type: ignore[arg-type]
            body = [stmt if hasattr(stmt, "lineno") else self.located(stmt, node) for stmt in around]
        if rest:  # Python passes the rest arguments as a tuple; ClaudeLang sees a list
            body = [self.located(rest_list(rest), node.rest), *body]
        name = binding.py_name if binding is not None else (node.name or "lambda")
        fn_def = py_ast.FunctionDef(
            name=name,
            args=py_ast.arguments(
                posonlyargs=[],
                args=[py_ast.arg(arg=p) for p in params],
                vararg=py_ast.arg(arg=rest) if rest else None,
                kwonlyargs=[],
                kw_defaults=[],
                kwarg=None,
                defaults=[],
            ),
            body=self.scope_declarations(function) + body,
            decorator_list=[],
            returns=None,
            type_params=[],
        )
        return fn_def, recursion.me if looped and recursion.guarded else None

    # ------------------------------------------------------------ define

    def predeclare(self: Compiler, forms: list[a.Expr]) -> None:
        """Bind the names of internal defines first, so that they can refer to each other."""
        if self.block is self.toplevel_block:
            return
        for form in forms:
            if isinstance(form, a.Define):
                self.bind(self.block, form.name)

    def define_target(self: Compiler, binder: a.Binder) -> Binding:
        if self.block is self.toplevel_block:
            name = binder.name
            py_name = self.global_name(name)
            self.function.globals.add(py_name)
            self.env.user_globals.add(name)
            return Binding(name, py_name, self.function, is_global=True)
        binding = self.locals.get(id(binder))
        return binding if binding is not None else self.bind(self.block, binder)

    def compile_define(self: Compiler, node: a.Define) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        binding = self.define_target(node.name)
        value = node.value
        if isinstance(value, a.Lambda):
            result = self.function_value(value, binding)
            if not (isinstance(result, py_ast.Name) and result.id == binding.py_name):
                self.assign(binding.py_name, result, node)
            self.note_function(binding, node.name, value, node)
        else:
            self.assign(binding.py_name, self.expr(value), node)
            self.note_function(binding, node.name, None, node)
        return load(binding.py_name)

    # ------------------------------------------------------------ let

    def compile_let(self: Compiler, node: a.Let) -> py_ast.expr:
        return self.let_into(node, tail=False)

    def tail_let(self: Compiler, node: a.Let) -> None:
        self.let_into(node, tail=True)

    def let_into(self: Compiler, node: a.Let, tail: bool) -> py_ast.expr | None:
        if node.loop is not None:
            return self.named_let(node, tail)
        with self.scope() as block:
            for binding in node.bindings:  # letrec*: every binding exists before any init runs
                self.bind(block, binding.name)
            for binding in node.bindings:
                target = self.locals[id(binding.name)]
                if isinstance(binding.value, a.Lambda):
                    result = self.function_value(binding.value, target)
                    if not (isinstance(result, py_ast.Name) and result.id == target.py_name):
                        self.assign(target.py_name, result, binding)
                    self.note_function(target, binding.name, binding.value, binding)
                else:
                    self.assign(target.py_name, self.expr(binding.value), binding)
            return self.body(node.body, node, tail)

    def named_let(self: Compiler, node: a.Let, tail: bool) -> py_ast.expr | None:
        from claudelang.compiler.codegen import load

        initial = self.exprs([b.value for b in node.bindings], node)
        params = [b.name for b in node.bindings]
        fn = a.Lambda(node.start, node.end, node.anchor, params, None, node.body, node.loop.name)
        with self.scope() as block:
            loop = self.bind(block, node.loop)
            self.function_value(fn, loop)
            call = self.located(py_ast.Call(func=load(loop.py_name), args=initial, keywords=[]), node)
        if tail:
            self.emit(py_ast.Return(value=call), node)
            return None
        return call

    # ------------------------------------------------------------ set!

    def compile_set(self: Compiler, node: a.SetBang) -> py_ast.expr:
        from claudelang.compiler.codegen import load, store

        value = self.expr(node.value)
        binding = self.resolve(node.target)
        if binding is None:
            name = py_ast.Constant(node.target.name)
            call = py_ast.Call(func=load(n.SET_GLOBAL), args=[load(n.NAMESPACE), name, value], keywords=[])
            self.emit(py_ast.Expr(value=call), node.target)  # an unbound target is reported at its name
            return py_ast.Constant(None)
        if binding.function is not self.function:
            self.function.nonlocals.add(binding.py_name)
        self.emit(py_ast.Assign(targets=[store(binding.py_name)], value=value), node)
        return py_ast.Constant(None)
