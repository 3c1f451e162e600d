"""Name resolution of one top-level form: the single place where scoping is decided.

Every consumer reads its result instead of walking scopes itself: the editor's analysis
(diagnostics, hover, references, rename, completion, semantic tokens), the compiler (which
Python variable each name is) and the JIT's subset check. The scoping rules of LANGUAGE.md
1.1 §3 and §7, written once:

- lambda parameters; internal `define`s are visible in their whole body (reading one before
  its definition ran is a runtime error);
- `let` (and `let*`, `letrec`) is letrec*: a lambda-valued binding sees itself and every
  binding of the same `let`; another binding's init sees the bindings before it directly
  (`(let ((v (+ v 1))) v)` reads the outer `v`), and sees every binding of the `let` from
  inside a function it creates (`(let ((f (memoize (lambda (n) (f n))))) ...)`);
- a named let's loop name is visible in its body, its inits are outside;
- every body is a scope of its own (branches of `if`/`cond`/`when`, `while`, `try`,
  `catch`, `finally`, handler bodies), except `do`, whose defines belong to the enclosing
  body;
- match patterns bind in their clause; a constructor pattern matches by name, so its name
  is never unbound (`(Some v)` also matches `(tuple "Some" 1)`);
- `catch` binds its error name;
- a contract in a body attaches to the function of its name in the same scope (bound by
  `define` or by `let`, before or after it); failing that, to the functions of that name
  bound in scopes nested inside it (`FormFacts.contract_of`). Its clauses see the target's
  parameters (and `result` in `:ensures`), which the compiler supplies when the contract
  attaches (`Reference.contract`). Top-level contracts attach by name across forms (the
  document and the session know the globals);
- module exports name the body's top-level definitions or, failing that, the bindings of
  the `let` forms in tail position of the body, in scope at the body's end; when the body
  ends in `(tuple v ...)` with one value per export, that tuple binds them instead.

Names that no local scope defines are free (`Reference.target` is None): the document
resolves them against top-level definitions, imports and builtins, and the compiler reads
them from the session's namespace. Results depend only on the form, so they are cached
with it (`FormFacts` per form object).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from claudelang.ast import nodes as a
from claudelang.semantics.symbols import Definition, DefKind, Reference

ENSURES_KEYS = ("ensures", "post")


@dataclass(eq=False)
class FormFacts:
    """Everything resolution learned from one top-level form."""

    form: a.Node
    definitions: list[Definition] = field(default_factory=list)  # local and global
    references: list[Reference] = field(default_factory=list)
    calls: list[a.Call] = field(default_factory=list)
    contracts: list[a.Contract] = field(default_factory=list)
    imports: list[a.Import] = field(default_factory=list)
    modules: list[a.ModuleForm] = field(default_factory=list)
    contract_targets: dict[int, Definition] = field(default_factory=dict)  # id(Contract) → local function
    contract_of: dict[int, a.Contract] = field(default_factory=dict)  # id(function's binder) → its contract
    body_contracts: set[int] = field(default_factory=set)  # id(Contract) of those in a body (not top level)
    export_targets: dict[int, Definition] = field(default_factory=dict)  # id(export Name) → let binding
    tuple_exports: set[int] = field(default_factory=set)  # id(export Name) bound by the body's final tuple

    @cached_property
    def globals(self) -> list[Definition]:
        """The form's global definitions (asked for on every analysis of the document)."""
        return [d for d in self.definitions if d.is_global]

    @cached_property
    def layout(self) -> tuple[object, ...]:
        """The globals the form defines and the modules it imports (what the order of forms
        means for the names others read)."""
        imports = tuple((i.path.value, i.star, i.qualified) for i in self.imports)
        return tuple(d.name for d in self.globals), imports

    def reference_for(self, node: a.Name) -> Reference | None:
        """The reference made by a `Name` node of this form."""
        index = self.__dict__.get("_by_node")
        if index is None:
            index = self.__dict__["_by_node"] = {id(r.node): r for r in self.references}
        return index.get(id(node))


@dataclass(eq=False)
class ContractFrame:
    """The scope of one contract clause: the names the target's parameters take."""

    contract: a.Contract
    ensures: bool
    params: frozenset[str]  # the parameters of a local target function (empty for a global one)

    def names_parameter(self, name: str) -> bool:
        return name in self.params or (self.ensures and name == "result")


class Scope:
    """Names bound here; `later` holds a `let`'s bindings that only functions see yet."""

    __slots__ = ("contract", "contracts", "first_definition", "function", "later", "names", "parent")

    def __init__(self, parent: Scope | None, first_definition: int, function: bool = False) -> None:
        self.parent = parent
        self.first_definition = first_definition  # definitions made while it is open start here
        self.contracts: list[a.Contract] = []  # `spec:contract` forms of this body
        self.function = function  # the scope of a lambda's parameters
        self.names: dict[str, Definition] = {}
        self.later: dict[str, Definition] = {}
        self.contract: ContractFrame | None = None


class Resolver:
    """Walks one form; `resolve_form` is the entry point."""

    def __init__(self, form: a.Node) -> None:
        self.facts = FormFacts(form)
        self.form = form
        self.scope: Scope | None = None  # None: top level (globals)
        self.functions = 0  # how many lambdas (or contract clauses) enclose the walk
        self.pending: set[int] = set()  # id() of internal defines whose define has not run yet
        self.defining: list[list[object]] = []  # top-level defines being walked: [name, depth, bound]
        self.kept: dict[int, Scope] = {}  # id(Let) → its scope, for module exports
        self.keep: set[int] = set()

    # ------------------------------------------------------------ definitions

    def define(
        self, binder: a.Node, name: str, kind: DefKind, value: a.Node | None = None, scope_node: a.Node | None = None
    ) -> Definition:
        definition = Definition(name, binder, kind, self.form, self.scope is None, value, scope_node)
        if self.scope is not None:
            self.scope.names[name] = definition
            self.scope.later.pop(name, None)
        self.facts.definitions.append(definition)
        return definition

    def lookup(self, name: str) -> tuple[Definition | None, ContractFrame | None, bool]:
        """The local definition `name` means here, the contract clause it crosses, and
        whether it is found across a function boundary (so read only when that runs)."""
        scope, crossed_function, frame = self.scope, False, None
        while scope is not None:
            if scope.contract is not None and frame is None:
                frame = scope.contract
                if frame.names_parameter(name):
                    return None, frame, crossed_function
            found = scope.names.get(name)
            if found is None and crossed_function:
                found = scope.later.get(name)
            if found is not None:
                return found, frame, crossed_function
            crossed_function = crossed_function or scope.function
            scope = scope.parent
        return None, frame, crossed_function

    def reference(self, node: a.Name, *, write: bool = False, call: bool = False) -> None:
        target, frame, crossed = self.lookup(node.name)
        reference = Reference(node, target, write, call, deferred=self.functions > 0)
        if target is not None:
            reference.early = id(target) in self.pending and not crossed
        else:
            reference.early = any(
                name == node.name and depth == self.functions and not bound for name, depth, bound in self.defining
            )
        if frame is not None:
            reference.contract, reference.ensures = frame.contract, frame.ensures
        if target is not None:
            target.references.append(reference)
        self.facts.references.append(reference)

    def push(self, function: bool = False) -> Scope:
        self.scope = Scope(self.scope, len(self.facts.definitions), function)
        return self.scope

    def pop(self, scope: Scope) -> None:
        if scope.contracts:
            self.attach_contracts(scope)
        self.scope = scope.parent

    def attach_contracts(self, scope: Scope) -> None:
        """Each contract of a body goes to the function of its name in that body, or else to
        the functions of that name bound in scopes nested inside it (LANGUAGE.md §6)."""
        made = self.facts.definitions[scope.first_definition :]
        own = {id(d) for d in scope.names.values()}
        for contract in scope.contracts:
            name = contract.target.name
            same = scope.names.get(name)
            if same is not None and same.lambda_node is not None:
                targets = [same]
            else:
                targets = [d for d in made if d.name == name and d.lambda_node is not None and id(d) not in own]
            for target in targets:
                self.facts.contract_of.setdefault(id(target.node), contract)
            if targets:
                self.facts.contract_targets.setdefault(id(contract), targets[0])

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
                    self.pending.add(id(self.define_name(form, owner)))
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
        elif isinstance(node.callee, a.Lambda):  # ((lambda () ...)): its body runs right here
            self.visit_lambda(node.callee, immediate=True)
        else:
            self.visit(node.callee)
        self.visit_all(node.args)

    def visit_define(self, node: a.Define) -> None:
        definition = self.define_name(node, None)
        if definition.is_global:
            self.defining.append([definition.name, self.functions, False])
        self.visit(node.value)
        if definition.is_global:
            self.defining.pop()
            for entry in self.defining:  # an inner define of the same name has now run
                if entry[0] == definition.name:
                    entry[2] = True
        self.pending.discard(id(definition))

    def visit_lambda(self, node: a.Lambda, immediate: bool = False) -> None:
        deferred = 0 if immediate else 1
        self.functions += deferred
        scope = self.push(function=True)
        for param in node.params:
            self.define(param, param.name, DefKind.PARAMETER, None, node)
        if node.rest is not None:
            self.define(node.rest, node.rest.name, DefKind.PARAMETER, None, node)
        self.visit_body(node.body, node)
        self.pop(scope)
        self.functions -= deferred

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
        waiting: dict[int, Definition] = {}  # id(binder) → a non-lambda binding before its init
        for binding in node.bindings:
            if isinstance(binding.value, a.Lambda):
                self.define(binding.name, binding.name.name, DefKind.FUNCTION, binding.value, node)
            else:  # letrec*: seen from inside functions before its init has run
                name = binding.name.name
                definition = Definition(name, binding.name, DefKind.LOCAL, self.form, False, binding.value, node)
                waiting[id(binding.name)] = scope.later[name] = definition
        for binding in node.bindings:
            self.visit(binding.value)
            definition = waiting.get(id(binding.name))
            if definition is not None:
                scope.names[definition.name] = definition
                if scope.later.get(definition.name) is definition:
                    del scope.later[definition.name]
                self.facts.definitions.append(definition)
        self.visit_body(node.body, node)
        if id(node) in self.keep:
            self.kept[id(node)] = scope
        self.pop(scope)

    def visit_scoped(self, body: list[a.Expr], owner: a.Node) -> None:
        """A body that is a scope of its own (branches, loop and handler bodies)."""
        scope = self.push()
        self.visit_body(body, owner)
        self.pop(scope)

    def visit_if(self, node: a.If) -> None:
        self.visit(node.test)
        self.visit_scoped([node.then], node)
        if node.otherwise is not None:
            self.visit_scoped([node.otherwise], node)

    def visit_cond(self, node: a.Cond) -> None:
        for clause in node.clauses:
            self.visit(clause.test)
            self.visit_scoped(clause.body, clause)

    def visit_when(self, node: a.When) -> None:
        self.visit(node.test)
        self.visit_scoped(node.body, node)

    def visit_while(self, node: a.While) -> None:
        self.visit(node.test)
        self.visit_scoped(node.body, node)

    def visit_do(self, node: a.Do) -> None:
        self.visit_body(node.body, node)

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
            self.facts.references.append(Reference(pattern.name, None, pattern=True))
            for arg in pattern.args:
                self.visit_pattern(arg, clause)

    def visit_try(self, node: a.Try) -> None:
        self.visit_scoped(node.body, node)
        if node.catch_body is not None:
            scope = self.push()
            if node.catch_var is not None:
                self.define(node.catch_var, node.catch_var.name, DefKind.LOCAL, None, node)
            self.visit_body(node.catch_body, node)
            self.pop(scope)
        if node.finally_body is not None:
            self.visit_scoped(node.finally_body, node)

    def visit_data(self, node: a.Data) -> None:
        self.define(node.name, node.name.name, DefKind.TYPE, node, None)
        for ctor in node.ctors:
            self.define(ctor.name, ctor.name.name, DefKind.CONSTRUCTOR, ctor, None)

    def visit_contract(self, node: a.Contract) -> None:
        self.facts.contracts.append(node)
        params: frozenset[str] = frozenset()
        target = self.scope.names.get(node.target.name) if self.scope is not None else None
        if self.scope is not None:
            self.scope.contracts.append(node)
            self.facts.body_contracts.add(id(node))
        if target is not None and target.lambda_node is not None:
            fn = target.lambda_node
            params = frozenset(p.name for p in [*fn.params, *([fn.rest] if fn.rest else [])])
        self.reference(node.target)
        target_reference = self.facts.references[-1]  # names the function; never reads it
        target_reference.deferred, target_reference.early = True, False
        for clause in node.clauses:
            scope = self.push()
            scope.contract = ContractFrame(node, clause.key in ENSURES_KEYS, params)
            self.functions += 1  # clauses run inside the check functions the compiler makes
            self.visit(clause.value)
            self.functions -= 1
            self.pop(scope)

    def visit_module(self, node: a.ModuleForm) -> None:
        self.facts.modules.append(node)
        self.define(node.name, node.name.name, DefKind.MODULE, node, None)
        tail_lets, last = tail_of(node.body)
        if is_tuple_of(last, len(node.exports)):
            self.facts.tuple_exports.update(id(export) for export in node.exports)
        self.keep.update(id(let) for let in tail_lets)
        self.visit_body(node.body, node)
        end = self.kept.get(id(tail_lets[-1])) if tail_lets else None
        defined = {d.name for d in self.facts.globals}
        saved = self.scope
        for export in node.exports:
            self.scope = saved if export.name in defined else end
            self.reference(export)
            reference = self.facts.references[-1]
            if reference.target is not None:
                self.facts.export_targets[id(export)] = reference.target
        self.scope = saved

    def visit_import(self, node: a.Import) -> None:
        self.facts.imports.append(node)
        for entry in node.names:
            self.define(entry.alias, entry.alias.name, DefKind.IMPORT, entry, None)

    def visit_handler(self, node: a.Handler) -> None:
        for clause in node.clauses:
            self.visit(clause.fn)
        self.visit_scoped(node.body, node)

    def visit_effect(self, node: a.Effect) -> None:
        if node.op is not None:  # None: lowering reported a malformed operation
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


def tail_of(body: list[a.Expr]) -> tuple[list[a.Let], a.Expr | None]:
    """The plain `let` forms in tail position of a body (outermost first), and the last form."""
    lets: list[a.Let] = []
    while body and isinstance(body[-1], a.Let) and body[-1].loop is None:
        lets.append(body[-1])
        body = body[-1].body
    return lets, body[-1] if body else None


def import_prefix(path: str) -> str:
    """The qualifier of `(import "lib/m")` (LANGUAGE.md §10): the path's last segment, `m`."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def qualified_names(prefix: str, name: str) -> tuple[str, str]:
    """The names `(import "lib/m")` binds an export `x` under: `m.x` and `m:x`."""
    return f"{prefix}.{name}", f"{prefix}:{name}"


def is_tuple_of(form: a.Expr | None, count: int) -> bool:
    """`(tuple v ...)` with `count` values: a module's exports, bound in order (§7)."""
    return (
        count > 0
        and isinstance(form, a.Call)
        and isinstance(form.callee, a.Name)
        and form.callee.name == "tuple"
        and len(form.args) == count
    )


def resolve_form(form: a.Node) -> FormFacts:
    """The definitions and references of one top-level form."""
    resolver = Resolver(form)
    resolver.visit(form)
    return resolver.facts


CHILD_FIELDS = {
    a.ListLit: lambda n: [n.items],
    a.MapLit: lambda n: [n.items],
    a.And: lambda n: [n.items],
    a.Or: lambda n: [n.items],
    a.Ascribe: lambda n: [n.expr],
}

VISITORS = {
    a.Name: Resolver.visit_name,
    a.Call: Resolver.visit_call,
    a.Define: Resolver.visit_define,
    a.Lambda: Resolver.visit_lambda,
    a.Let: Resolver.visit_let,
    a.SetBang: Resolver.visit_set,
    a.Match: Resolver.visit_match,
    a.Try: Resolver.visit_try,
    a.Data: Resolver.visit_data,
    a.Contract: Resolver.visit_contract,
    a.ModuleForm: Resolver.visit_module,
    a.Import: Resolver.visit_import,
    a.Handler: Resolver.visit_handler,
    a.Effect: Resolver.visit_effect,
    a.If: Resolver.visit_if,
    a.Cond: Resolver.visit_cond,
    a.When: Resolver.visit_when,
    a.While: Resolver.visit_while,
    a.Do: Resolver.visit_do,
    **{cls: Resolver.visit_children for cls in CHILD_FIELDS},
}
