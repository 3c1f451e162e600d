"""The binder: scopes, definitions and references of one top-level form.

It mirrors the compiler's scoping rules (LANGUAGE.md §3 and docs/DECISIONS.md): lambda
parameters; `let` bindings are sequential and a lambda-valued binding sees itself; a named
let's loop name is visible in its body; internal `define`s are visible in their whole
body; match patterns bind in their clause; `catch` binds its error name. Names that no
local scope defines are left for the document level, which resolves them against the
top-level definitions, imports and builtins.

Results are per form and depend only on the form, so they are cached with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from claudelang.analysis.symbols import Definition, DefKind, Reference
from claudelang.ast import nodes as a


@dataclass(eq=False)
class FormFacts:
    """Everything the binder learned from one top-level form."""

    form: a.Node
    definitions: list[Definition] = field(default_factory=list)  # local and global
    references: list[Reference] = field(default_factory=list)
    calls: list[a.Call] = field(default_factory=list)
    contracts: list[a.Contract] = field(default_factory=list)
    imports: list[a.Import] = field(default_factory=list)
    modules: list[a.ModuleForm] = field(default_factory=list)

    @cached_property
    def globals(self) -> list[Definition]:
        """The form's global definitions (asked for on every analysis of the document)."""
        return [d for d in self.definitions if d.is_global]

    def reference_for(self, node: a.Name) -> Reference | None:
        """The reference made by a `Name` node of this form."""
        index = self.__dict__.get("_by_node")
        if index is None:
            index = self.__dict__["_by_node"] = {id(r.node): r for r in self.references}
        return index.get(id(node))


class Scope:
    __slots__ = ("names", "parent")

    def __init__(self, parent: Scope | None) -> None:
        self.parent = parent
        self.names: dict[str, Definition] = {}

    def lookup(self, name: str) -> Definition | None:
        scope: Scope | None = self
        while scope is not None:
            found = scope.names.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None


class Binder:
    """Walks one form; `bind_form` is the entry point."""

    def __init__(self, form: a.Node) -> None:
        self.facts = FormFacts(form)
        self.form = form
        self.scope: Scope | None = None  # None: top level (globals)

    # ------------------------------------------------------------ definitions

    def define(
        self, binder: a.Node, name: str, kind: DefKind, value: a.Node | None = None, scope_node: a.Node | None = None
    ) -> Definition:
        definition = Definition(name, binder, kind, self.form, self.scope is None, value, scope_node)
        if self.scope is not None:
            self.scope.names[name] = definition
        self.facts.definitions.append(definition)
        return definition

    def reference(self, node: a.Name, *, write: bool = False, call: bool = False) -> None:
        target = self.scope.lookup(node.name) if self.scope is not None else None
        reference = Reference(node, target, write, call)
        if target is not None:
            target.references.append(reference)
        self.facts.references.append(reference)

    def push(self) -> Scope:
        self.scope = Scope(self.scope)
        return self.scope

    def pop(self, scope: Scope) -> None:
        self.scope = scope.parent

    # ------------------------------------------------------------ walking

    def visit(self, node: a.Node | None) -> None:
        if node is None:
            return
        method = VISITORS.get(type(node))
        if method is not None:
            method(self, node)
        # literals, quoted data and error nodes bind and use nothing

    def visit_all(self, nodes: list[a.Node]) -> None:
        for node in nodes:
            self.visit(node)

    def visit_body(self, body: list[a.Expr], owner: a.Node) -> None:
        """A body whose internal defines are visible throughout it."""
        if self.scope is not None:
            for form in body:
                if isinstance(form, a.Define):
                    self.define_name(form, owner)
        self.visit_all(body)

    def define_name(self, node: a.Define, owner: a.Node | None) -> Definition:
        existing = self.scope.names.get(node.name.name) if self.scope is not None else None
        if existing is not None and existing.node is node.name:
            return existing
        kind = DefKind.FUNCTION if isinstance(node.value, a.Lambda) else DefKind.VARIABLE
        if self.scope is not None and kind is DefKind.VARIABLE:
            kind = DefKind.LOCAL
        return self.define(node.name, node.name.name, kind, node.value, owner)

    def visit_name(self, node: a.Name) -> None:
        self.reference(node)

    def visit_call(self, node: a.Call) -> None:
        self.facts.calls.append(node)
        if isinstance(node.callee, a.Name):
            self.reference(node.callee, call=True)
        else:
            self.visit(node.callee)
        self.visit_all(node.args)

    def visit_define(self, node: a.Define) -> None:
        self.define_name(node, None)
        self.visit(node.value)

    def visit_lambda(self, node: a.Lambda) -> None:
        scope = self.push()
        for param in node.params:
            self.define(param, param.name, DefKind.PARAMETER, None, node)
        if node.rest is not None:
            self.define(node.rest, node.rest.name, DefKind.PARAMETER, None, node)
        self.visit_body(node.body, node)
        self.pop(scope)

    def visit_let(self, node: a.Let) -> None:
        if node.loop is not None:
            self.visit_all([b.value for b in node.bindings])
            outer = self.push()
            self.define(node.loop, node.loop.name, DefKind.LOOP, None, node)
            inner = self.push()
            for binding in node.bindings:
                self.define(binding.name, binding.name.name, DefKind.PARAMETER, None, node)
            self.visit_body(node.body, node)
            self.pop(inner)
            self.pop(outer)
            return
        scope = self.push()
        for binding in node.bindings:
            if isinstance(binding.value, a.Lambda):
                self.define(binding.name, binding.name.name, DefKind.FUNCTION, binding.value, node)
        for binding in node.bindings:
            if isinstance(binding.value, a.Lambda):
                self.visit(binding.value)
            else:
                self.visit(binding.value)
                self.define(binding.name, binding.name.name, DefKind.LOCAL, binding.value, node)
        self.visit_body(node.body, node)
        self.pop(scope)

    def visit_set(self, node: a.SetBang) -> None:
        self.reference(node.target, write=True)
        self.visit(node.value)

    def visit_match(self, node: a.Match) -> None:
        self.visit(node.subject)
        for clause in node.clauses:
            scope = self.push()
            self.visit_pattern(clause.pattern, clause)
            self.visit_body(clause.body, clause)
            self.pop(scope)

    def visit_pattern(self, pattern: a.Node, clause: a.MatchClause) -> None:
        if isinstance(pattern, a.PVar):
            self.define(pattern.binder, pattern.binder.name, DefKind.PATTERN, None, clause)
        elif isinstance(pattern, a.PList):
            for item in pattern.items:
                self.visit_pattern(item, clause)
            if isinstance(pattern.rest, a.Binder):
                self.define(pattern.rest, pattern.rest.name, DefKind.PATTERN, None, clause)
        elif isinstance(pattern, a.PConstructor):
            self.reference(pattern.name)
            for arg in pattern.args:
                self.visit_pattern(arg, clause)

    def visit_try(self, node: a.Try) -> None:
        scope = self.push()
        self.visit_body(node.body, node)
        self.pop(scope)
        if node.catch_body is not None:
            scope = self.push()
            if node.catch_var is not None:
                self.define(node.catch_var, node.catch_var.name, DefKind.LOCAL, None, node)
            self.visit_body(node.catch_body, node)
            self.pop(scope)
        if node.finally_body is not None:
            self.visit_all(node.finally_body)

    def visit_data(self, node: a.Data) -> None:
        self.define(node.name, node.name.name, DefKind.TYPE, node, None)
        for ctor in node.ctors:
            self.define(ctor.name, ctor.name.name, DefKind.CONSTRUCTOR, ctor, None)

    def visit_contract(self, node: a.Contract) -> None:
        self.facts.contracts.append(node)
        self.reference(node.target)
        scope = self.push()  # clause names are the target's parameters and `result`
        for clause in node.clauses:
            self.visit(clause.value)
        self.pop(scope)

    def visit_module(self, node: a.ModuleForm) -> None:
        self.facts.modules.append(node)
        self.define(node.name, node.name.name, DefKind.MODULE, node, None)
        self.visit_body(node.body, node)
        for export in node.exports:
            self.reference(export)

    def visit_import(self, node: a.Import) -> None:
        self.facts.imports.append(node)
        for entry in node.names:
            self.define(entry.alias, entry.alias.name, DefKind.IMPORT, entry, None)

    def visit_handler(self, node: a.Handler) -> None:
        for clause in node.clauses:
            self.visit(clause.fn)
        self.visit_body(node.body, node)

    def visit_effect(self, node: a.Effect) -> None:
        self.reference(node.op, call=True)
        self.visit_all(node.args)

    def visit_children(self, node: a.Node) -> None:
        """Forms without bindings: visit every sub-expression in order."""
        for value in CHILD_FIELDS[type(node)](node):
            if isinstance(value, list):
                for item in value:
                    self.visit(item)
            else:
                self.visit(value)


def bind_form(form: a.Node) -> FormFacts:
    binder = Binder(form)
    binder.visit(form)
    return binder.facts


CHILD_FIELDS = {
    a.ListLit: lambda n: [n.items],
    a.MapLit: lambda n: [n.items],
    a.If: lambda n: [n.test, n.then, n.otherwise],
    a.Cond: lambda n: [item for c in n.clauses for item in ([c.test] if c.test else []) + c.body],
    a.When: lambda n: [n.test, n.body],
    a.And: lambda n: [n.items],
    a.Or: lambda n: [n.items],
    a.Do: lambda n: [n.body],
    a.While: lambda n: [n.test, n.body],
    a.Ascribe: lambda n: [n.expr],
}

VISITORS = {
    a.Name: Binder.visit_name,
    a.Call: Binder.visit_call,
    a.Define: Binder.visit_define,
    a.Lambda: Binder.visit_lambda,
    a.Let: Binder.visit_let,
    a.SetBang: Binder.visit_set,
    a.Match: Binder.visit_match,
    a.Try: Binder.visit_try,
    a.Data: Binder.visit_data,
    a.Contract: Binder.visit_contract,
    a.ModuleForm: Binder.visit_module,
    a.Import: Binder.visit_import,
    a.Handler: Binder.visit_handler,
    a.Effect: Binder.visit_effect,
    **{cls: Binder.visit_children for cls in CHILD_FIELDS},
}
