"""Declarations and effects: data, contracts, ascriptions, modules, imports, handlers.

These forms mostly call runtime helpers (`claudelang.vm.support`) with what the compiler
knows statically: constructor names and arities, contract clauses compiled into small
functions of the target's parameters, the names an import binds.
"""

from __future__ import annotations

import ast as py_ast
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.scope import Binding
from claudelang.semantics.resolve import import_prefix

if TYPE_CHECKING:
    from claudelang.compiler.codegen import Compiler

REQUIRES = ("requires", "pre")
SHADOWED = " result"  # a parameter named `result`: in :ensures `result` is the return value
ENSURES = ("ensures", "post")


def call(helper: str, *args: py_ast.expr) -> py_ast.Call:
    return py_ast.Call(func=py_ast.Name(id=helper, ctx=py_ast.Load()), args=list(args), keywords=[])


def const(value: object) -> py_ast.Constant:
    return py_ast.Constant(value)


class Declarations:
    # ------------------------------------------------------------ data

    def compile_data(self: Compiler, node: a.Data) -> py_ast.expr:
        for ctor in node.ctors:
            binding = self.define_target(ctor.name)
            fields = py_ast.Tuple(elts=[const(f.source) for f in ctor.fields], ctx=py_ast.Load())
            value = call(n.CONSTRUCTOR, const(ctor.name.name), const(len(ctor.fields)), const(node.name.name), fields)
            self.assign(binding.py_name, value, ctor)
        return const(None)

    def compile_ascribe(self: Compiler, node: a.Ascribe) -> py_ast.expr:
        return call(n.ASCRIBE, self.expr(node.expr), const(node.type.source))

    # ------------------------------------------------------------ effects

    def compile_effect(self: Compiler, node: a.Effect) -> py_ast.expr:
        values = self.exprs([node.op, *node.args], node)
        return py_ast.Call(func=values[0], args=values[1:], keywords=[])

    def compile_handler(self: Compiler, node: a.Handler) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        keys = [const(clause.op.name) for clause in node.clauses]
        fns = self.exprs([clause.fn for clause in node.clauses], node)
        clauses = py_ast.Dict(keys=keys, values=fns)
        result = self.function.temp("v")
        body: list[py_ast.stmt] = []
        with self.block_of(body), self.scope():
            self.assign(result, self.body(node.body, node, tail=False), node)
        item = py_ast.withitem(context_expr=call(n.HANDLERS, clauses), optional_vars=None)
        self.emit(py_ast.With(items=[item], body=body), node)
        return load(result)

    # ------------------------------------------------------------ contracts

    def compile_contract(self: Compiler, node: a.Contract) -> py_ast.expr:
        """A top-level contract belongs to the session: record it by name, and wrap its global
        function now if it exists (it may also come in a later form or input).

        A contract in a body compiles to nothing here: the semantic model attached it to
        its functions (`FormFacts.contract_of`), which are wrapped where they are bound.
        """
        if self.block is not self.toplevel_block:
            return const(None)
        name = node.target.name
        replaced = self.env.contracts.get(name)
        if replaced is not None:
            self.env.contract_facts.pop(id(replaced), None)
        self.env.contract_facts[id(node)] = self.facts
        self.env.contracts[name] = node
        signature = self.env.function_params.get(name)
        if signature is not None:
            self.wrap_with_contract(self.define_target(node.target), node, node, signature)
        return const(None)

    def note_function(self: Compiler, binding: Binding, binder: a.Binder, fn: a.Lambda | None, node: a.Node) -> None:
        """Wrap a function just bound with the contract that attaches to it, if any.

        A global's contract is the session's of that name (and its signature is recorded
        for a contract that comes later). A local function takes the one the model attached;
        failing that, a top-level contract of its name that has no global function.
        """
        signature = ([p.name for p in fn.params], fn.rest.name if fn.rest else None) if fn is not None else None
        if binding.is_global:
            if signature is None:
                self.env.function_params.pop(binding.name, None)
                return
            self.env.function_params[binding.name] = signature
            contract = self.env.contracts.get(binding.name)
        elif signature is None:
            return
        else:
            contract = self.facts.contract_of.get(id(binder))
            if contract is None and binding.name not in self.env.function_params:
                contract = self.env.contracts.get(binding.name)
        if contract is not None and signature is not None:
            self.wrap_with_contract(binding, contract, node, signature)

    def wrap_with_contract(
        self: Compiler,
        binding: Binding,
        contract: a.Contract,
        node: a.Node,
        signature: tuple[list[str], str | None],
    ) -> None:
        from claudelang.compiler.codegen import load

        params, rest = signature
        requires = self.contract_checks(contract, REQUIRES, params, rest, with_result=False)
        ensures = self.contract_checks(contract, ENSURES, params, rest, with_result=True)
        wrapped = call(n.CONTRACT, load(binding.py_name), const(binding.name), requires, ensures)
        self.assign(binding.py_name, wrapped, node)

    def contract_checks(
        self: Compiler,
        contract: a.Contract,
        keys: tuple[str, ...],
        params: list[str],
        rest: str | None,
        with_result: bool,
    ) -> py_ast.expr:
        """A list of (check function, clause source) pairs for the clauses under `keys`."""
        pairs: list[py_ast.expr] = []
        for clause in contract.clauses:
            if clause.key not in keys:
                continue
            conditions = clause.value.items if isinstance(clause.value, a.ListLit) else [clause.value]
            for condition in conditions:
                names = (["result", *(SHADOWED if p == "result" else p for p in params)]) if with_result else params
                fn = a.Lambda(
                    condition.start,
                    condition.end,
                    condition.anchor,
                    [a.Binder(condition.start, condition.start, condition.anchor, p) for p in names],
                    a.Binder(condition.start, condition.start, condition.anchor, rest) if rest else None,
                    [condition],
                    f"{contract.target.name}:contract",
                )
                check = self.contract_check(contract, fn)
                pairs.append(py_ast.Tuple(elts=[check, const(condition.source)], ctx=py_ast.Load()))
        return py_ast.List(elts=pairs, ctx=py_ast.Load())

    def contract_check(self: Compiler, contract: a.Contract, fn: a.Lambda) -> py_ast.expr:
        """Compile one clause's check function; its names resolve in the contract's form."""
        saved = self.contract_facts, self.contract_lambda
        self.contract_facts = self.env.contract_facts.get(id(contract))
        self.contract_lambda = fn
        try:
            return self.compile_lambda(fn)
        finally:
            self.contract_facts, self.contract_lambda = saved

    # ------------------------------------------------------------ modules

    def compile_module(self: Compiler, node: a.ModuleForm) -> py_ast.expr:
        from claudelang.compiler.codegen import load

        value = self.body(node.body, node, tail=False) if node.body else const(None)
        exported = node.exported_names
        if node.export_all:  # the body's top-level definitions: its own globals
            keys, values = exported, [load(self.global_name(name)) for name in exported]
        else:  # each read at its own position, unless a final tuple binds them all
            by_tuple = bool(node.exports) and id(node.exports[0]) in self.facts.tuple_exports
            read = [] if by_tuple else node.exports
            keys, values = [e.name for e in read], self.exprs(list(read), node)
        names = py_ast.Tuple(elts=[const(name) for name in exported], ctx=py_ast.Load())
        bound = py_ast.Dict(keys=[const(key) for key in keys], values=values)
        return call(n.EXPORT, load(n.NAMESPACE), const(node.name.name), names, value, bound)

    def compile_import(self: Compiler, node: a.Import) -> py_ast.expr:
        """Load the module at the path (where loading errors are reported), then take each
        name at its own position (where a name the module does not export is reported)."""
        from claudelang.compiler.codegen import load

        path = const(node.path.value)
        if node.star or node.qualified:
            prefix = import_prefix(node.path.value) if node.qualified else None
            self.emit(py_ast.Expr(value=call(n.IMPORT, load(n.NAMESPACE), path, const(True), const(prefix))), node.path)
            return const(None)
        exports = self.function.temp("imp")
        self.assign(exports, call(n.IMPORT, load(n.NAMESPACE), path, const(False)), node.path)
        for entry in node.names:
            binding = self.define_target(entry.alias)
            self.assign(binding.py_name, call(n.EXPORTED, load(exports), path, const(entry.name.name)), entry.name)
        return const(None)
