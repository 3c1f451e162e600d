"""The checks of one top-level form: what the editor reports about it, and what they depend on.

`check_form` finds, for a form whose names the semantic model has resolved, the unbound
names (with "did you mean" suggestions), names used before they are defined, calls with
the wrong number of arguments and unused locals, and records what the result depends on
(`FormChecks.depends_on`, `suggests`, `order`), so that `document.py` can keep the checks
of a form while an edit elsewhere leaves those the same. The whole-document checks
(imports, contracts) are here too. Every function reads the analysis it is given and
writes only the `FormChecks` or diagnostics it returns or is handed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claudelang.analysis.effects import direct_effects
from claudelang.analysis.suggest import Suggester
from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.runtime.registry import Builtin, builtins
from claudelang.runtime.unsupported import unsupported_feature
from claudelang.semantics.resolve import FormFacts, import_prefix, qualified_names
from claudelang.semantics.symbols import Definition, DefKind, Reference, early_message, unbound_message

if TYPE_CHECKING:
    from claudelang.analysis.document import DocumentAnalysis, ModuleResolver, Target

UNNECESSARY = ("unnecessary",)
SUGGESTED_NAMES = 100  # distinct unbound names per form given suggestions (`FormSuggestions`)


@dataclass(eq=False)
class FormChecks:
    """What checking one form found; reusable while the form and the shapes of the globals
    it names stay the same (and, if it suggested names, while the set of globals does)."""

    diagnostics: list[Diagnostic]
    effects: dict[str, tuple[dict[str, str], set[str]]]  # function → (kind → cause, callees)
    depends_on: frozenset[str] = frozenset()  # the global names the form refers to
    suggests: bool = False  # it has an unbound name, whose suggestions depend on every global
    order: tuple[object, ...] = ()  # which definitions of the globals it reads at load time come later


def order_facts(result: DocumentAnalysis, facts: FormFacts) -> tuple[object, ...]:
    """For each global the form reads when it runs (not from inside a function): whether
    its first definition comes after the form, and which definition is in force there and
    its shape — what `defined_after` and `in_force` decide. Empty for most forms (function
    definitions). With them, a form's checks depend on a redefined global's first and last
    definitions only (`document.StaleChecks`)."""
    out = []
    for reference in facts.references:
        if reference.target is not None or reference.deferred or reference.pattern:
            continue
        name = reference.node.name
        first = result.globals.get(name)
        if first is not None:
            chosen = result.in_force(first, reference, facts.form)
            rank = 0 if chosen is first else result.rank_of(chosen)
            out.append((name, result.defined_after(first, facts.form), rank, shape(result, chosen)))
    return tuple(out)


def shape(result: DocumentAnalysis, definition: Definition) -> tuple[object, ...]:
    """What other forms' checks depend on: kind, arity and parameter names (and, added by
    `document.shapes`, those of its later definitions; their order is each form's
    `order_facts`). An import's is that of what it names in the other file."""
    if definition.kind is not DefKind.IMPORT:
        return definition.shape
    return (DefKind.IMPORT, *result.follow_import(definition).shape[1:])


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
    suggestions = FormSuggestions(facts)
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
        report_unbound(result, reference, checks, suggestions)


class FormSuggestions:
    """Which unbound names of one form get "did you mean" suggestions: the first
    `SUGGESTED_NAMES` distinct ones. An unclosed `"` turns the rest of a file inside out
    into one form with thousands of unbound names, each scored against every global
    (≈ 0.2 ms each at 1 MB); the names after those get the plain message.

    A name's suggestions depend on where it is only if a local name of the form at all (not
    a global or builtin) is a close match; finding the ones visible at the name walks every
    definition of the form (`visible_locals`). So that is asked once per name, and the
    suggestions of a name no local matches are made once per name, not per occurrence."""

    def __init__(self, facts: FormFacts) -> None:
        self.facts = facts
        self.pool: set[str] | None = None
        self.answers: dict[str, bool] = {}
        self.named: set[str] = set()
        self.plain: dict[str, list[str]] = {}  # the suggestions of names no local matches

    def suggest(self, result: DocumentAnalysis, node: a.Name) -> list[str]:
        """The suggestions for the unbound name `node` (none past the first names)."""
        name = node.name
        known = self.plain.get(name)
        if known is not None:
            return list(known)
        if name not in self.named:
            if len(self.named) >= SUGGESTED_NAMES:
                return []
            self.named.add(name)
        suggester = result.suggester
        assert suggester is not None
        if self.locals_matter(suggester, name):
            return suggester.suggest(name, {d.name for d in result.visible_locals(node.anchor.base_byte + node.start)})
        found = self.plain[name] = suggester.suggest(name)
        return list(found)

    def locals_matter(self, suggester: Suggester, name: str) -> bool:
        answer = self.answers.get(name)
        if answer is None:
            if self.pool is None:
                self.pool = {d.name for d in self.facts.definitions if not d.is_global}
            answer = self.answers[name] = suggester.any_close(name, self.pool)
        return answer


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


def report_unbound(
    result: DocumentAnalysis, reference: Reference, checks: FormChecks, suggestions: FormSuggestions
) -> None:
    name = reference.node.name
    node = reference.node
    feature = unsupported_feature(name)
    if feature is not None and not reference.is_write:  # LANGUAGE.md §10: not part of 1.1
        checks.diagnostics.append(Diagnostic(node.start, node.end, node.anchor, feature, Severity.ERROR, "unsupported"))
        return
    found = suggestions.suggest(result, node)
    checks.suggests = True
    message = unbound_message(name)
    if reference.is_write:
        message = f"set! of unbound name '{name}'"
    if found and message == f"unbound name '{name}'":
        message += f"; did you mean '{found[0]}'?"
    checks.diagnostics.append(
        Diagnostic(node.start, node.end, node.anchor, message, Severity.ERROR, "unbound-name", data=found)
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
    does not export (run never gets that far otherwise). Star and qualified imports add
    globals (after those of the forms: a form's definition wins)."""
    for facts in result._import_forms:
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
                failed = Diagnostic(path.start, path.end, path.anchor, message, Severity.ERROR, code)
                result.import_diagnostics.append(failed)
            for entry in node.names:
                definition = next(d for d in facts.definitions if d.node is entry.alias)
                result.imported[definition] = info
                result.imported_names.add(definition.name)
                if failure is None and info is not None and entry.name.name not in info.exports:
                    message = f"module \"{path.value}\" does not export '{entry.name.name}'"
                    name = entry.name
                    result.import_diagnostics.append(
                        Diagnostic(name.start, name.end, name.anchor, message, Severity.ERROR, "not-exported")
                    )
            if (node.star or node.qualified) and info is not None:
                prefix = import_prefix(node.path.value)
                for exported in info.exports:
                    for name in qualified_names(prefix, exported) if node.qualified else (exported,):
                        definition = Definition(name, node, DefKind.IMPORT, node, True, node)
                        result.imported[definition] = info  # hover and definition follow it
                        result.imported_names.add(name)
                        if name not in result.globals:
                            result.globals[name] = definition
                            result._star_names.add(name)
                        else:  # a new list: those of the forms' redefinitions are shared with the next version
                            result.redefinitions[name] = [*result.redefinitions.get(name, ()), definition]


def check_contracts(result: DocumentAnalysis) -> None:
    for facts in result._contract_forms:
        for contract in facts.contracts:
            target = contract.target
            definition = contract_target(result, facts, contract)
            if definition is None or definition.lambda_node is None:
                what = "unknown function" if definition is None else "name that is not a function"
                message = f"contract for {what} '{target.name}'"
                result.contract_diagnostics.append(
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
                result.pure_diagnostics.append(
                    Diagnostic(clause.start, clause.end, clause.anchor, message, Severity.WARNING, "impure")
                )
