"""Whole-document analysis: global resolution, semantic diagnostics and effects.

`analyze(module, resolver)` combines the per-form `FormFacts` (cached per form object, so
an edit re-binds only the forms it changed) into a `DocumentAnalysis`: which definition
each name refers to, the diagnostics of LANGUAGE.md-level mistakes, and the inferred
effects of every top-level function. Analysis is pure: anything outside the document
(other files' exports) comes in through the `ModuleResolver`.
"""

from __future__ import annotations

import gc
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from claudelang.analysis.effects import direct_effects, infer_effects
from claudelang.analysis.suggest import Suggester
from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.runtime.registry import Builtin, builtins
from claudelang.runtime.unsupported import unsupported_feature
from claudelang.semantics.resolve import FormFacts, import_prefix, qualified_names, resolve_form
from claudelang.semantics.symbols import Definition, DefKind, Reference, early_message, unbound_message
from claudelang.syntax import Module

UNNECESSARY = ("unnecessary",)


@dataclass(frozen=True)
class ModuleInfo:
    """What another file's module offers: its exported names and their definitions."""

    path: str  # the file it was found in
    exports: dict[str, Definition | None]
    load_error: str | None = None  # why loading it fails, as reported at the import's path
    cycle: tuple[str, ...] = ()  # the import cycle importing it closes: file names, first = last


# `resolver(import_path)` → the module, or None if no file provides it.
ModuleResolver = Callable[[str], ModuleInfo | None]


def no_modules(_path: str) -> ModuleInfo | None:
    return None


Target = Definition | Builtin


@dataclass(eq=False)
class FormChecks:
    """What checking one form found; reusable while the form and the shapes of the globals
    it names stay the same (and, if it suggested names, while the set of globals does)."""

    diagnostics: list[Diagnostic]
    effects: dict[str, tuple[dict[str, str], set[str]]]  # function → (kind → cause, callees)
    depends_on: frozenset[str] = frozenset()  # the global names the form refers to
    suggests: bool = False  # it has an unbound name, whose suggestions depend on every global
    order: tuple[object, ...] = ()  # which definitions of the globals it reads at load time come later


@dataclass(eq=False)
class DocumentAnalysis:
    module: Module
    forms: list[FormFacts]
    globals: dict[str, Definition] = field(default_factory=dict)
    contract_params: dict[Reference, Definition | None] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    effects: dict[str, frozenset[str]] = field(default_factory=dict)
    effect_reasons: dict[str, dict[str, str]] = field(default_factory=dict)
    contracts: dict[str, a.Contract] = field(default_factory=dict)
    imported: dict[Definition, ModuleInfo | None] = field(default_factory=dict)
    shapes: dict[str, tuple[object, ...]] = field(default_factory=dict)
    checks: dict[int, FormChecks] = field(default_factory=dict)  # id(FormFacts) → checks
    suggester: Suggester | None = None  # close matches among the globals and builtins
    direct_effects: dict[str, tuple[dict[str, str], set[str]]] = field(default_factory=dict)
    # What the next version can reuse: each global's shape, by definition object; each
    # contract form's parameter scope, with the target definitions it was computed for.
    _shape_of: dict[int, tuple[Definition, tuple[object, ...]]] = field(default_factory=dict)
    _scope_of: dict[int, tuple[FormFacts, tuple[Definition | None, ...], dict]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _by_form: dict[int, FormFacts] = field(default_factory=dict)
    _order: dict[int, int] = field(default_factory=dict)  # id(top-level form) → its index
    redefinitions: dict[str, list[Definition]] = field(default_factory=dict)  # later top-level defines
    _by_index: dict[str, list[tuple[int, int, Definition]]] = field(default_factory=dict)
    _rank: dict[str, dict[int, int]] = field(default_factory=dict)  # name → id(definition) → rank
    layout: tuple[object, ...] = ()  # per form, the globals it defines and the modules it imports

    # ------------------------------------------------------------ queries

    def facts_of(self, form: a.Node) -> FormFacts | None:
        if not self._by_form:
            self._by_form = {id(facts.form): facts for facts in self.forms}
        return self._by_form.get(id(form))

    def checks_of(self, form: a.Node) -> FormChecks | None:
        facts = self.facts_of(form)
        return self.checks.get(id(facts)) if facts is not None else None

    def follow_import(self, definition: Definition) -> Definition:
        """The exported definition an import binding names, when the module is known."""
        if definition.kind is DefKind.IMPORT:
            info = self.imported.get(definition)
            entry = definition.value
            name = entry.name.name if isinstance(entry, a.ImportName) else definition.name
            if isinstance(entry, a.Import) and entry.qualified:  # m.x or m:x names export x
                name = name[len(import_prefix(entry.path.value)) + 1 :]
            exported = info.exports.get(name) if info is not None else None
            if exported is not None:
                return exported
        return definition

    def target_of(self, reference: Reference | None) -> Target | None:
        """What a reference names: a local, a contract parameter, a global or a builtin."""
        if reference is None:
            return None
        if reference.target is not None:
            return reference.target
        if reference in self.contract_params:
            return self.contract_params[reference]
        name = reference.node.name
        found = self.globals.get(name)
        if found is None:
            return builtins().get(name)
        return self.imported_builtin(found) or found

    def imported_builtin(self, definition: Definition) -> Builtin | None:
        """The builtin an import of a builtin group (`(import "math" (sin))`) binds."""
        if definition.kind is not DefKind.IMPORT:
            return None
        info = self.imported.get(definition)
        if info is None or not info.path.startswith("<builtin "):
            return None
        entry = definition.value
        return builtins().get(entry.name.name if isinstance(entry, a.ImportName) else definition.name)

    def references_to(self, definition: Definition) -> list[Reference]:
        found = list(definition.references)
        if definition.is_global or definition.kind is DefKind.PARAMETER:
            name = definition.name
            for facts in self.forms:
                found.extend(
                    reference
                    for reference in facts.references
                    if reference.target is None
                    and reference.node.name == name
                    and self.target_of(reference) is definition
                )
        return found

    def form_order(self) -> dict[int, int]:
        """id(top-level form) → its index, built on first use (O(forms))."""
        if not self._order:
            self._order = {id(facts.form): index for index, facts in enumerate(self.forms)}
        return self._order

    def defined_after(self, definition: Definition, form: a.Node) -> bool:
        """Whether `definition` belongs to a top-level form after `form`."""
        order = self.form_order()
        mine, theirs = order.get(id(form)), order.get(id(definition.form))
        return mine is not None and theirs is not None and theirs > mine

    def in_force(self, definition: Definition, reference: Reference, form: a.Node) -> Definition:
        """Of a global's top-level definitions, the one a reference calls: for code that runs
        with its form, the last one made up to it; for code in a function, the last one."""
        if definition.name not in self.redefinitions:
            return definition
        indexed = self.definitions_by_index(definition.name)
        if reference.deferred:
            return indexed[-1][2]
        position = bisect_right(indexed, (self.form_order().get(id(form), -1), sys.maxsize)) - 1
        return indexed[position][2] if position >= 0 else definition

    def definitions_by_index(self, name: str) -> list[tuple[int, int, Definition]]:
        """A redefined global's definitions as (form index, order made, definition), sorted."""
        found = self._by_index.get(name)
        if found is None:
            first = self.globals[name]
            everything = [first, *self.redefinitions[name]]
            found = self._by_index[name] = sorted((self.form_index(d) or 0, n, d) for n, d in enumerate(everything))
        return found

    def rank_of(self, definition: Definition) -> int:
        """Which of its name's top-level definitions `definition` is (0: the first)."""
        ranks = self._rank.get(definition.name)
        if ranks is None:
            entries = self.definitions_by_index(definition.name)
            ranks = self._rank[definition.name] = {id(d): n for _index, n, d in entries}
        return ranks.get(id(definition), 0)

    def form_index(self, definition: Definition) -> int | None:
        """The index of the top-level form a definition belongs to."""
        return self.form_order().get(id(definition.form))

    def facts_at(self, offset: int) -> FormFacts | None:
        """The form whose source contains byte `offset` (its end included)."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        facts = self.forms[index]
        span = facts.form.span
        return facts if span.start_byte <= offset <= span.end_byte else None

    def occurrence_at(self, offset: int) -> tuple[Definition | None, Reference | None, Target | None]:
        """The definition or reference under byte `offset`, and what it names."""
        facts = self.facts_at(offset)
        if facts is None:
            return None, None, None
        for definition in facts.definitions:
            if contains(definition.node, offset) and definition.node.end > definition.node.start:
                return definition, None, definition
        for reference in facts.references:
            if contains(reference.node, offset) and reference.node.end > reference.node.start:
                return None, reference, self.target_of(reference)
        return None, None, None

    def visible_locals(self, offset: int) -> list[Definition]:
        """Local definitions whose scope contains `offset` (innermost last)."""
        facts = self.facts_at(offset)
        if facts is None:
            return []
        out = []
        for definition in facts.definitions:
            scope = definition.scope
            if definition.is_global or scope is None or not contains(scope, offset):
                continue
            if definition.kind is DefKind.LOCAL and definition.node.span.start_byte > offset:
                continue
            out.append(definition)
        return out


def contains(node: a.Node, offset: int) -> bool:
    base = node.anchor.base_byte
    return base + node.start <= offset <= base + node.end


class Analyzer:
    """Keeps per-form results across versions of one document.

    Binding (`FormFacts`) is cached per form object. Checking (`FormChecks`) is cached
    per form too, and reused while the *shape* (kind, parameter list) of every global the
    form names is unchanged: a keystroke re-checks the form it edited, and renaming a
    function re-checks only the forms that name it.
    """

    def __init__(self) -> None:
        self._cache: dict[int, tuple[a.Node, FormFacts]] = {}
        # Facts of forms that earlier versions had and the last one dropped, oldest first:
        # the syntax layer brings such forms back (`RetiredUnits`), after an unclosed `"`.
        # Not those of units it never reuses (a broken form's unit holds the rest of the file).
        self._retired: dict[int, tuple[a.Node, FormFacts]] = {}
        self._unreused: set[int] = set()
        self._previous: DocumentAnalysis | None = None

    def facts(self, module: Module) -> list[FormFacts]:
        cache, retired = self._cache, self._retired
        fresh: dict[int, tuple[a.Node, FormFacts]] = {}
        out = []
        for form in module.forms:
            key = id(form)
            entry = cache.pop(key, None) or retired.pop(key, None)
            if entry is None or entry[0] is not form:
                entry = (form, resolve_form(form))
            fresh[key] = entry
            out.append(entry[1])
        retired.update(item for item in cache.items() if item[0] not in self._unreused)  # the forms dropped
        self._unreused = {id(form) for unit in module.units if unit.key is None for form in unit.forms}
        excess = len(retired) - 2 * len(fresh) - 64
        if excess > 0:
            for key in list(retired)[:excess]:
                del retired[key]
        self._cache = fresh
        return out

    def analyze(self, module: Module, resolver: ModuleResolver = no_modules) -> DocumentAnalysis:
        result = analyze_facts(module, self.facts(module), resolver, self._previous)
        self._previous = result
        return result


def analyze(module: Module, resolver: ModuleResolver = no_modules) -> DocumentAnalysis:
    return Analyzer().analyze(module, resolver)


def analyze_facts(
    module: Module, forms: list[FormFacts], resolver: ModuleResolver, previous: DocumentAnalysis | None = None
) -> DocumentAnalysis:
    # Like lowering, analysis allocates many objects that all stay alive: pausing the cyclic
    # collector avoids full collections over every AST node in the process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return combine(module, forms, resolver, previous)
    finally:
        if collecting:
            gc.enable()


def combine(
    module: Module, forms: list[FormFacts], resolver: ModuleResolver, previous: DocumentAnalysis | None
) -> DocumentAnalysis:
    result = DocumentAnalysis(module, forms)
    result._starts = [facts.form.anchor.base_byte + facts.form.start for facts in forms]
    result.layout = tuple(facts.layout for facts in forms)
    for facts in forms:
        for definition in facts.globals:
            if result.globals.setdefault(definition.name, definition) is not definition:
                result.redefinitions.setdefault(definition.name, []).append(definition)
        for contract in facts.contracts:
            result.contracts.setdefault(contract.target.name, contract)
    check_imports(result, resolver)
    result.shapes = shapes(result, previous)
    for facts in forms:
        if facts.contracts:
            result.contract_params.update(cached_contract_scope(result, facts, previous))
    stale = StaleChecks(previous, result)
    unfinished = unfinished_forms(module)
    for facts in forms:
        checks = stale.reusable(result, facts)
        if checks is None:
            checks = check_form(result, facts)
        result.checks[id(facts)] = checks
        if id(facts.form) in unfinished:  # `(sq ` being typed: no arity error over the syntax error
            result.diagnostics.extend(d for d in checks.diagnostics if d.code != "arity")
        else:
            result.diagnostics.extend(checks.diagnostics)
    check_contracts(result)
    result.direct_effects = collect_direct_effects(result)
    if previous is not None and previous.direct_effects == result.direct_effects:
        result.effects, result.effect_reasons = previous.effects, previous.effect_reasons
    else:
        result.effects, result.effect_reasons = infer_effects(result.direct_effects)
    check_pure_contracts(result)
    return result


def unfinished_forms(module: Module) -> set[int]:
    """id() of the forms of units with a syntax error: forms being typed, whose calls may not
    have all their arguments yet."""
    return {
        id(form)
        for unit in module.units
        if any(d.severity is Severity.ERROR for d in unit.diagnostics)
        for form in unit.forms
    }


def shapes(result: DocumentAnalysis, previous: DocumentAnalysis | None) -> dict[str, tuple[object, ...]]:
    """The shape of every global, reusing those of unchanged definitions (not imports,
    whose shape depends on the other file)."""
    known = previous._shape_of if previous is not None else {}
    out = {}
    for name, definition in result.globals.items():
        entry = known.get(id(definition))
        if entry is None or entry[0] is not definition or definition.kind is DefKind.IMPORT:
            entry = (definition, shape(result, definition))
        result._shape_of[id(definition)] = entry
        later = tuple(shape(result, d) for d in result.redefinitions.get(name, ()))
        out[name] = (*entry[1], later) if later else entry[1]
    return out


def cached_contract_scope(
    result: DocumentAnalysis, facts: FormFacts, previous: DocumentAnalysis | None
) -> dict[Reference, Definition | None]:
    """`contract_scope`, reused while the form and the definitions of its targets stay."""
    targets = tuple(result.globals.get(contract.target.name) for contract in facts.contracts)
    entry = previous._scope_of.get(id(facts)) if previous is not None else None
    if entry is None or entry[0] is not facts or not all(a is b for a, b in zip(entry[1], targets, strict=True)):
        entry = (facts, targets, contract_scope(result, facts))
    result._scope_of[id(facts)] = entry
    return entry[2]


def collect_direct_effects(result: DocumentAnalysis) -> dict[str, tuple[dict[str, str], set[str]]]:
    """Each global function's own effects and callees (the first definition of a name)."""
    direct: dict[str, tuple[dict[str, str], set[str]]] = {}
    for facts in result.forms:
        for name, entry in result.checks[id(facts)].effects.items():
            if name not in direct and result.globals.get(name) is not None:
                direct[name] = entry
    return direct


class StaleChecks:
    """Which of the previous version's `FormChecks` still hold for this version."""

    def __init__(self, previous: DocumentAnalysis | None, result: DocumentAnalysis) -> None:
        self.previous = previous.checks if previous is not None else {}
        before = previous.shapes if previous is not None else {}
        now = result.shapes
        self.changed = {name for name in before.keys() | now.keys() if before.get(name) != now.get(name)}
        same_names = previous is not None and before.keys() == now.keys()
        self.names_changed = not same_names
        # Where each form's globals and imports sit: while it stays, so do `order_facts`.
        self.same_layout = previous is not None and previous.layout == result.layout
        keep = previous is not None and same_names and previous.suggester is not None
        result.suggester = previous.suggester if keep else Suggester([*now, *builtins()])  # type: ignore[union-attr]

    def reusable(self, result: DocumentAnalysis, facts: FormFacts) -> FormChecks | None:
        checks = self.previous.get(id(facts))
        if checks is None:
            return None
        if checks.order and not self.same_layout and order_facts(result, facts) != checks.order:
            return None  # a global it reads at load time moved before or after it
        if not self.changed:
            return checks
        if (checks.suggests and self.names_changed) or not self.changed.isdisjoint(checks.depends_on):
            return None
        return checks


def order_facts(result: DocumentAnalysis, facts: FormFacts) -> tuple[object, ...]:
    """For each global the form reads when it runs (not from inside a function): whether
    its first definition comes after the form, and which definition is in force there —
    what `defined_after` and `in_force` decide. Empty for most forms (function definitions)."""
    out = []
    for reference in facts.references:
        if reference.target is not None or reference.deferred or reference.pattern:
            continue
        name = reference.node.name
        first = result.globals.get(name)
        if first is not None:
            chosen = result.in_force(first, reference, facts.form)
            rank = 0 if chosen is first else result.rank_of(chosen)
            out.append((name, result.defined_after(first, facts.form), rank))
    return tuple(out)


def shape(result: DocumentAnalysis, definition: Definition) -> tuple[object, ...]:
    """What other forms' checks depend on: kind, arity and parameter names (and, added by
    `shapes`, those of its later definitions; their order is each form's `order_facts`)."""
    target = result.follow_import(definition)
    fn = target.lambda_node
    params = tuple(p.name for p in fn.params) + (("..." + fn.rest.name,) if fn.rest else ()) if fn else ()
    return (definition.kind, target.kind, target.arity(), params)


def check_form(result: DocumentAnalysis, facts: FormFacts) -> FormChecks:
    free = frozenset(reference.node.name for reference in facts.references if reference.target is None)
    checks = FormChecks([], {}, free)
    check_references(result, facts, checks)
    check_calls(result, facts, checks)
    check_unused(facts, checks)
    checks.effects = direct_effects(result, facts)
    checks.order = order_facts(result, facts)
    return checks


# ---------------------------------------------------------------- resolution


def check_references(result: DocumentAnalysis, facts: FormFacts, checks: FormChecks) -> None:
    contract_targets = {id(contract.target) for contract in facts.contracts}
    known = builtins()
    for reference in facts.references:
        if reference.early and reference.target is not None:
            report_early(reference, checks)
            continue
        if reference.target is not None or reference.pattern or reference in result.contract_params:
            continue
        if id(reference.node) in facts.tuple_exports:  # bound by the module body's final tuple
            continue
        name = reference.node.name
        definition = result.globals.get(name)
        if definition is not None:
            if not reference.deferred and result.defined_after(definition, facts.form):
                report_defined_later(result, reference, checks)
            elif reference.early and definition.form is facts.form and name not in known:  # `(define v (- v))`
                report_early(reference, checks)
            continue
        if name in known or id(reference.node) in contract_targets:
            continue  # an unknown contract target is reported by check_contracts
        report_unbound(result, reference, checks)


def report_early(reference: Reference, checks: FormChecks) -> None:
    """A define's value (or a body before the define) reads the name before it is bound:
    run raises this there, whenever that code runs."""
    node = reference.node
    message = early_message(node.name)
    checks.diagnostics.append(Diagnostic(node.start, node.end, node.anchor, message, Severity.ERROR, "unbound-name"))


def report_defined_later(result: DocumentAnalysis, reference: Reference, checks: FormChecks) -> None:
    """A top-level form reads a global that only a later form defines: when it runs, the
    name is still unbound (unless it is a builtin the definition will replace)."""
    if reference.node.name in builtins():
        return
    node = reference.node  # (no line number in the message: it would go stale as lines move)
    message = f"unbound name '{node.name}': it is only defined by a later form"
    checks.diagnostics.append(Diagnostic(node.start, node.end, node.anchor, message, Severity.ERROR, "unbound-name"))


def contract_scope(result: DocumentAnalysis, facts: FormFacts) -> dict[Reference, Definition | None]:
    """References in contract clauses that name the target's parameters (or `result`).

    The resolver marks every name a clause uses without an inner binding capturing it
    (`Reference.contract`); which of them are parameters depends on the target function,
    which may be a global defined in another form.
    """
    out: dict[Reference, Definition | None] = {}
    clauses: dict[int, list[Reference]] = {}  # id(contract) → its references, in order: O(R) once, not per contract
    for reference in facts.references:
        if reference.contract is not None:
            clauses.setdefault(id(reference.contract), []).append(reference)
    for contract in facts.contracts:
        target = contract_target(result, facts, contract)
        known_target = target is not None and target.lambda_node is not None
        params: dict[str, Definition | None] = {}
        if known_target:
            for definition in target_param_definitions(result, target):
                params[definition.name] = definition
        for reference in clauses.get(id(contract), ()):
            name = reference.node.name
            if reference.ensures and name == "result":
                out[reference] = None
            elif name in params:
                out[reference] = params[name]
            elif not known_target and reference.target is None:  # unknown target: reported once, there
                out[reference] = None
    return out


def contract_target(result: DocumentAnalysis, facts: FormFacts, contract: a.Contract) -> Definition | None:
    """The function a contract attaches to: the model's local target; for a top-level
    contract, the global function of its name or else (LANGUAGE.md §6) a function of that
    name bound in a nested scope of another form that no contract of its own claims."""
    local = facts.contract_targets.get(id(contract))
    if local is not None or id(contract) in facts.body_contracts:
        return local
    name = contract.target.name
    found = result.globals.get(name)
    if found is not None:
        return found
    for other in result.forms:
        for definition in other.definitions:
            if (
                definition.name == name
                and not definition.is_global
                and definition.lambda_node is not None
                and id(definition.node) not in other.contract_of
            ):
                return definition
    return None


def target_param_definitions(result: DocumentAnalysis, target: Definition) -> list[Definition]:
    fn = target.lambda_node
    facts = result.facts_of(target.form)
    if fn is None or facts is None:
        return []
    binders = {id(p) for p in fn.params} | ({id(fn.rest)} if fn.rest else set())
    return [d for d in facts.definitions if id(d.node) in binders]


def report_unbound(result: DocumentAnalysis, reference: Reference, checks: FormChecks) -> None:
    name = reference.node.name
    node = reference.node
    feature = unsupported_feature(name)
    if feature is not None and not reference.is_write:  # LANGUAGE.md §10: not part of 1.1
        checks.diagnostics.append(Diagnostic(node.start, node.end, node.anchor, feature, Severity.ERROR, "unsupported"))
        return
    local_names = {d.name for d in result.visible_locals(node.span.start_byte)}
    assert result.suggester is not None
    suggestions = result.suggester.suggest(name, local_names)
    checks.suggests = True
    message = unbound_message(name)
    if reference.is_write:
        message = f"set! of unbound name '{name}'"
    if suggestions and message == f"unbound name '{name}'":
        message += f"; did you mean '{suggestions[0]}'?"
    checks.diagnostics.append(
        Diagnostic(node.start, node.end, node.anchor, message, Severity.ERROR, "unbound-name", data=suggestions)
    )


# ---------------------------------------------------------------- checks


def arity_of(target: Target | None) -> tuple[int, int | None] | None:
    if isinstance(target, Builtin):
        return None if target.is_constant else (target.min_args, target.max_args)
    if isinstance(target, Definition):
        return target.arity()
    return None


def check_calls(result: DocumentAnalysis, facts: FormFacts, checks: FormChecks) -> None:
    for call in facts.calls:
        if not isinstance(call.callee, a.Name):
            continue
        reference = facts.reference_for(call.callee)
        target = result.target_of(reference)
        if isinstance(target, Definition) and reference is not None and reference.target is None:
            target = result.in_force(target, reference, facts.form)
        if isinstance(target, Definition):
            target = result.follow_import(target)
        arity = arity_of(target)
        if arity is None:
            continue
        low, high = arity
        count = len(call.args)
        if count < low or (high is not None and count > high):
            message = f"'{call.callee.name}' expects {describe_arity(low, high)}, got {count}"
            checks.diagnostics.append(Diagnostic(call.start, call.end, call.anchor, message, Severity.ERROR, "arity"))


def describe_arity(low: int, high: int | None) -> str:
    if high is None:
        return f"at least {low} argument{'s' * (low != 1)}"
    if low == high:
        return f"{low} argument{'s' * (low != 1)}"
    return f"{low} to {high} arguments"


def check_unused(facts: FormFacts, checks: FormChecks) -> None:
    for definition in facts.definitions:
        if definition.is_global or definition.name.startswith("_") or definition.references:
            continue
        if definition.kind is DefKind.LOOP:
            continue
        node = definition.node
        message = f"'{definition.name}' is never used"
        checks.diagnostics.append(
            Diagnostic(node.start, node.end, node.anchor, message, Severity.HINT, "unused", UNNECESSARY)
        )


def check_imports(result: DocumentAnalysis, resolver: ModuleResolver) -> None:
    """At an import's path: a module no file provides, one whose loading fails, or one that
    closes an import cycle; at an imported name, only for a module that loads: a name it
    does not export (run never gets that far otherwise)."""
    for facts in result.forms:
        for node in facts.imports:
            info = resolver(node.path.value)
            path = node.path
            if info is None:
                failure: tuple[str, str] | None = (f'cannot find module "{path.value}"', "missing-module")
            elif info.cycle:
                failure = ("import cycle: " + " -> ".join(info.cycle), "import-cycle")
            elif info.load_error is not None:
                failure = (info.load_error, "module-load")
            else:
                failure = None
            if failure is not None:
                message, code = failure
                result.diagnostics.append(Diagnostic(path.start, path.end, path.anchor, message, Severity.ERROR, code))
            for entry in node.names:
                definition = next(d for d in facts.definitions if d.node is entry.alias)
                result.imported[definition] = info
                if failure is None and info is not None and entry.name.name not in info.exports:
                    message = f"module \"{path.value}\" does not export '{entry.name.name}'"
                    name = entry.name
                    result.diagnostics.append(
                        Diagnostic(name.start, name.end, name.anchor, message, Severity.ERROR, "not-exported")
                    )
            if (node.star or node.qualified) and info is not None:
                prefix = import_prefix(node.path.value)
                for exported in info.exports:
                    for name in qualified_names(prefix, exported) if node.qualified else (exported,):
                        definition = Definition(name, node, DefKind.IMPORT, node, True, node)
                        result.imported[definition] = info  # hover and definition follow it
                        if result.globals.setdefault(name, definition) is not definition:
                            result.redefinitions.setdefault(name, []).append(definition)


def check_contracts(result: DocumentAnalysis) -> None:
    for facts in result.forms:
        for contract in facts.contracts:
            target = contract.target
            definition = contract_target(result, facts, contract)
            if definition is None or definition.lambda_node is None:
                what = "unknown function" if definition is None else "name that is not a function"
                message = f"contract for {what} '{target.name}'"
                result.diagnostics.append(
                    Diagnostic(target.start, target.end, target.anchor, message, Severity.ERROR, "contract-target")
                )


def check_pure_contracts(result: DocumentAnalysis) -> None:
    for name, contract in result.contracts.items():
        for clause in contract.clauses:
            if clause.key != "pure" or not isinstance(clause.value, a.BoolLit) or not clause.value.value:
                continue
            effects = result.effects.get(name)
            if effects:
                reasons = result.effect_reasons.get(name, {})
                detail = ", ".join(f"{kind} (via {reasons.get(kind, '?')})" for kind in sorted(effects))
                message = f"'{name}' is declared :pure but performs effects: {detail}"
                result.diagnostics.append(
                    Diagnostic(clause.start, clause.end, clause.anchor, message, Severity.WARNING, "impure")
                )
