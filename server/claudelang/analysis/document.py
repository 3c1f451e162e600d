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
from itertools import chain, compress
from operator import attrgetter, itemgetter, not_

from claudelang.analysis.checks import (
    FormChecks,
    check_contracts,
    check_form,
    check_imports,
    check_pure_contracts,
    order_facts,
    shape,
)
from claudelang.analysis.contract_tables import ScopeEntry, cached_contract_scope, carry_contracts, first_contracts
from claudelang.analysis.effects import effects_after, infer_effects
from claudelang.analysis.form_diff import FormDiff, common_ends
from claudelang.analysis.form_index import FormIndex
from claudelang.analysis.global_table import bind_form_globals, first_wins, placed, rebind_form_globals
from claudelang.analysis.readers import Readers
from claudelang.analysis.suggest import Suggester
from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.runtime.registry import Builtin, builtins
from claudelang.semantics.resolve import FormFacts, import_prefix, resolve_form
from claudelang.semantics.symbols import Definition, DefKind, Reference
from claudelang.syntax import Module
from claudelang.syntax.document import Unit

FORM, FORMS, KEY = attrgetter("form"), attrgetter("forms"), attrgetter("key")  # for passes in C
GLOBALS, NAME, EFFECTS = attrgetter("globals"), attrgetter("name"), attrgetter("effects")
CONTRACTS, IMPORTS = attrgetter("contracts"), attrgetter("imports")
REBIND_FORMS = 64  # replaced forms up to which globals are updated rather than bound again


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
class DocumentAnalysis:
    module: Module
    forms: list[FormFacts]
    globals: dict[str, Definition] = field(default_factory=dict)
    contract_params: dict[Reference, Definition | None] = field(default_factory=dict)
    effects: dict[str, frozenset[str]] = field(default_factory=dict)
    effect_reasons: dict[str, dict[str, str]] = field(default_factory=dict)
    contracts: dict[str, a.Contract] = field(default_factory=dict)
    imported: dict[Definition, ModuleInfo | None] = field(default_factory=dict)
    shapes: dict[str, tuple[object, ...]] = field(default_factory=dict)
    checks: dict[int, FormChecks] = field(default_factory=dict)  # id(FormFacts) → checks
    suggester: Suggester | None = None  # close matches among the globals and builtins
    direct_effects: dict[str, tuple[dict[str, str], set[str]]] = field(default_factory=dict)
    redefinitions: dict[str, list[Definition]] = field(default_factory=dict)  # later top-level defines
    # Diagnostics not of one form's checks (`diagnostics` puts them all in order).
    import_diagnostics: list[Diagnostic] = field(default_factory=list)
    contract_diagnostics: list[Diagnostic] = field(default_factory=list)
    pure_diagnostics: list[Diagnostic] = field(default_factory=list)
    imported_names: set[str] = field(default_factory=set)  # names an import defines: their shapes follow other files
    # What the next version carries over (see `carry_globals`): the globals and
    # redefinitions the forms make (before imports add theirs), the names only star or
    # qualified imports define, the forms that import or hold contracts; each contract
    # form's parameter scope, with the target definitions it was computed for; each form's
    # index (which also finds its facts in `forms`).
    _form_globals: dict[str, Definition] = field(default_factory=dict)
    _form_redefinitions: dict[str, list[Definition]] = field(default_factory=dict)
    _star_names: set[str] = field(default_factory=set)
    _import_forms: list[FormFacts] = field(default_factory=list)
    _contract_forms: list[FormFacts] = field(default_factory=list)
    _scope_of: dict[int, ScopeEntry] = field(default_factory=dict)
    _index: FormIndex | None = None  # each top-level form's index, made on first use or from the last version's
    _by_index: dict[str, list[tuple[int, int, Definition]]] = field(default_factory=dict)
    _rank: dict[str, dict[int, int]] = field(default_factory=dict)  # name → id(definition) → rank
    _noisy: dict[int, FormFacts] = field(default_factory=dict)  # id(facts) → facts, of forms with diagnostics
    _readers: Readers | None = None  # which forms read each name, if this version owns the table (`readers_of`)
    _readers_token: object = None
    _diagnostics: list[Diagnostic] | None = None

    # ------------------------------------------------------------ queries

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every semantic diagnostic, in order: imports', each form's (in form order, without
        arity errors in a form still being typed), contracts', `:pure` ones. Assembled on
        first use, from the forms that have diagnostics, sorted by index (O(D log D) for D
        such forms, once the form index exists)."""
        if self._diagnostics is None:
            found = list(self.import_diagnostics)
            order = self.form_order()
            for facts in sorted(self._noisy.values(), key=lambda facts: order[facts.form]):
                diagnostics = self.checks[id(facts)].diagnostics
                if unfinished(self.module, facts.form):  # `(sq ` being typed: no arity error over the syntax error
                    found.extend(d for d in diagnostics if d.code != "arity")
                else:
                    found.extend(diagnostics)
            self._diagnostics = [*found, *self.contract_diagnostics, *self.pure_diagnostics]
        return self._diagnostics

    def facts_of(self, form: a.Node) -> FormFacts | None:
        index = self.form_order().get(form)
        return self.forms[index] if index is not None else None

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

    def form_order(self) -> FormIndex:
        """Top-level form → its index: the last version's index updated for the edit
        (`FormIndex.edited`), else made on first use (O(forms), in C)."""
        if self._index is None:
            self._index = FormIndex(self.forms)
        return self._index

    def defined_after(self, definition: Definition, form: a.Node) -> bool:
        """Whether `definition` belongs to a top-level form after `form`."""
        order = self.form_order()
        mine, theirs = order.get(form), order.get(definition.form)
        return mine is not None and theirs is not None and theirs > mine

    def in_force(self, definition: Definition, reference: Reference, form: a.Node) -> Definition:
        """Of a global's top-level definitions, the one a reference calls: for code that runs
        with its form, the last one made up to it; for code in a function, the last one."""
        if definition.name not in self.redefinitions:
            return definition
        indexed = self.definitions_by_index(definition.name)
        if reference.deferred:
            return indexed[-1][2]
        index = self.form_order().get(form)
        position = bisect_right(indexed, (-1 if index is None else index, sys.maxsize)) - 1
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
        return self.form_order().get(definition.form)

    def facts_at(self, offset: int) -> FormFacts | None:
        """The form whose source contains byte `offset` (its end included)."""
        index = bisect_right(self.forms, offset, key=form_start) - 1
        if index < 0:
            return None
        facts = self.forms[index]
        return facts if contains(facts.form, offset) else None  # (bytes: no positions made)

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


def unfinished(module: Module, form: a.Node) -> bool:
    """Whether the form's unit has a syntax error: a form being typed, whose calls may not
    have all their arguments yet."""
    index = unit_index(module.units, form)
    return index is not None and any(d.severity is Severity.ERROR for d in module.units[index].diagnostics)


def unit_index(units: list[Unit], form: a.Node) -> int | None:
    """The index of the unit holding the top-level `form` (None if none does): the last
    unit starting at or before it (units are in document order), a bisection, O(log
    units), checked (else a scan, O(units))."""
    found = bisect_right(units, form.anchor.base_byte + form.start, key=unit_start) - 1
    if found >= 0 and any(member is form for member in units[found].forms):
        return found
    return next((i for i, unit in enumerate(units) if any(member is form for member in unit.forms)), None)


def unit_start(unit: Unit) -> int:
    return unit.anchor.base_byte


def form_start(facts: FormFacts) -> int:
    return facts.form.anchor.base_byte + facts.form.start


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
        self._cache: dict[int, tuple[a.Node, FormFacts]] = {}  # id(form) → (form, facts), of the last version
        # Facts of forms that earlier versions had and the last one dropped, oldest first:
        # the syntax layer brings such forms back (`RetiredUnits`), after an unclosed `"`.
        # Not those of units it never reuses (a broken form's unit holds the rest of the file).
        # With each, what its checks were made for (`Kept`), for when it comes back.
        self._retired: dict[int, tuple[a.Node, FormFacts, Kept | None]] = {}
        self._units: list[Unit] = []  # the last version's units, and the facts of their forms
        self._facts: list[FormFacts] = []
        self._previous: DocumentAnalysis | None = None
        self._returning: dict[int, Kept] = {}  # id(FormFacts) → what was kept, of the forms `facts` brought back
        self._diff: tuple[list[FormFacts], FormDiff] | None = None  # the last `facts` call's: (old list, diff)

    def facts(self, module: Module) -> list[FormFacts]:
        """The facts of the module's forms: those of the forms the edit replaced made again (or
        brought back), the rest sliced from the last version's list. The units around the
        edit may be new objects holding the same forms, so the forms of the changed units are
        diffed too; every pass over all of them runs in C (O(changed forms) Python), the
        index of the first changed form read from the last analysis's form index (else
        found by identity, `list.index`, in the last list). The forms replaced, as a
        `FormDiff` of the two lists, are kept for `analyze`."""
        old, new = self._units, module.units
        prefix, suffix_units = common_ends(old, new)
        removed, added = old[prefix : len(old) - suffix_units], new[prefix : len(new) - suffix_units]
        old_forms, new_forms = (
            list(chain.from_iterable(map(FORMS, removed))),
            list(chain.from_iterable(map(FORMS, added))),
        )
        first, suffix = common_ends(old_forms, new_forms)
        gone, came = old_forms[first : len(old_forms) - suffix], new_forms[first : len(new_forms) - suffix]
        cache, retired, previous = self._cache, self._retired, self._previous
        # The index of the first changed form: that of the first old form from there on.
        after = chain(old_forms[first:], chain.from_iterable(map(FORMS, old[len(old) - suffix_units :])))
        old_facts = self._facts
        index_of = previous.form_order().__getitem__ if previous is not None and previous.forms is old_facts else None
        form = next(after, None)
        if form is None:
            start = len(old_facts)
        else:
            start = index_of(form) if index_of is not None else old_facts.index(cache[id(form)][1])
        dropped = {id(form): cache.pop(id(form)) for form in gone}
        made, self._returning = [], {}
        for form in came:
            key = id(form)
            entry = dropped.pop(key, None)
            if entry is None and key in retired:
                back, facts, kept = retired.pop(key)
                if back is form:
                    entry = (form, facts)
                    if kept is not None:
                        self._returning[id(facts)] = kept
            if entry is None or entry[0] is not form:
                entry = (form, resolve_form(form))
            cache[key] = entry
            made.append(entry[1])
        unreused = {id(form) for unit in compress(removed, map(not_, map(KEY, removed))) for form in unit.forms}
        for key, (form, facts) in dropped.items():
            if key not in unreused:
                retired[key] = (form, facts, kept_checks(previous, facts))
        excess = len(retired) - 2 * len(cache) - 64
        if excess > 0:
            for key in list(retired)[:excess]:
                del retired[key]
        replaced = old_facts[start : start + len(gone)]
        same, same_end = common_ends(replaced, made)  # (a form may come back as it was: the units are new)
        diff = FormDiff(start + same, replaced[same : len(replaced) - same_end], made[same : len(made) - same_end])
        self._units, self._facts = new, [*old_facts[:start], *made, *old_facts[start + len(gone) :]]
        self._diff = (old_facts, diff)
        return self._facts

    def analyze(self, module: Module, resolver: ModuleResolver = no_modules) -> DocumentAnalysis:
        forms, previous, last = self.facts(module), self._previous, self._diff
        diff = last[1] if last is not None and previous is not None and previous.forms is last[0] else None
        result = analyze_facts(module, forms, resolver, previous, self._returning, diff)
        self._previous = result
        return result


def analyze(module: Module, resolver: ModuleResolver = no_modules) -> DocumentAnalysis:
    return Analyzer().analyze(module, resolver)


def analyze_facts(
    module: Module,
    forms: list[FormFacts],
    resolver: ModuleResolver,
    previous: DocumentAnalysis | None = None,
    returning: dict[int, Kept] | None = None,
    diff: FormDiff | None = None,
) -> DocumentAnalysis:
    """The analysis of `forms`, from `previous` if given (`combine`); `diff` is the forms
    `forms` replaced in `previous.forms`, if known (else found: `FormDiff.between`)."""
    # Like lowering, analysis allocates many objects that all stay alive: pausing the cyclic
    # collector avoids full collections over every AST node in the process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return combine(module, forms, resolver, previous, returning or {}, diff)
    finally:
        if collecting:
            gc.enable()


def combine(
    module: Module,
    forms: list[FormFacts],
    resolver: ModuleResolver,
    previous: DocumentAnalysis | None,
    returning: dict[int, Kept],
    diff: FormDiff | None = None,
) -> DocumentAnalysis:
    """The analysis of `forms`. When the forms the edit replaced (and those replacing them)
    have nothing to do with a contract and either define the same globals and imports as
    before (typing inside a form) or import nothing (a global renamed, added or removed),
    the previous version's tables are carried over and made again for the names those forms
    define; only the replaced forms and the forms that read a name whose meaning changed
    are checked again. Otherwise the tables are rebuilt from every form. Forms brought back
    from an earlier version (`returning`) keep the checks they had there while what those
    read is the same. Either way the result equals a fresh analysis."""
    result = DocumentAnalysis(module, forms)
    if previous is not None and diff is None:
        diff = FormDiff.between(previous.forms, forms)
    if previous is not None and previous._index is not None and diff is not None:
        result._index = previous._index.edited(forms, diff.start, len(diff.removed), diff.added)
    if previous is not None and diff is not None and carries_over(previous, diff):
        carry(result, previous, diff, resolver, returning)
        return result
    bind_globals(result)
    check_imports(result, resolver)
    result.shapes = shapes(result)
    stale = StaleChecks(previous, result, diff, returning=returning)
    for facts in result._contract_forms:
        known = stale.scope_entry(facts)
        scope = cached_contract_scope(result, facts, known)
        result.contract_params.update(scope)
        if known is None or known[2] is not scope:
            stale.rescoped.add(id(facts))  # its checks read which of its names are parameters
    check_contracts(result)
    for facts in forms:
        record_checks(result, facts, stale.reusable(result, facts) or check_form(result, facts))
    result.direct_effects = collect_direct_effects(result)
    infer(
        result, previous, set() if previous is not None and previous.direct_effects == result.direct_effects else None
    )
    return result


def carry(
    result: DocumentAnalysis,
    kept: DocumentAnalysis,
    diff: FormDiff,
    resolver: ModuleResolver,
    returning: dict[int, Kept],
) -> None:
    """`combine` from the previous version's tables (`carries_over`): Python work for the
    replaced forms, the names they define and the forms reading those names; passes in C
    over every form (O(forms) C steps) when the set of global names changed."""
    same_layout = diff.keeps_layout
    if same_layout:
        carry_globals(result, kept, diff)
    else:
        relay_globals(result, kept, diff)
    check_imports(result, resolver)
    defined = diff.global_names
    names = carry_shapes(result, kept, diff, defined)
    same_names = kept._star_names == result._star_names if same_layout else None
    stale = StaleChecks(kept, result, diff, names, same_names, returning)
    rescoped = carry_contracts(result, kept, diff, stale.scope_entry)
    stale.rescoped.update(map(id, rescoped))
    # Unless the layout stayed, a name the replaced forms define may now have another
    # definition in force at load time (`ends_changed` is `changed` when it stayed).
    moved = frozenset() if same_layout else defined - stale.ends_changed
    again = readers(result, kept, diff, stale.ends_changed, stale.names_changed, moved)
    listed, added = set(map(id, again)), set(map(id, diff.added))
    again.extend(facts for facts in rescoped if id(facts) not in listed and id(facts) not in added)
    result.checks, result._noisy = dict(kept.checks), dict(kept._noisy)
    for facts in diff.removed:
        del result.checks[id(facts)]
        result._noisy.pop(id(facts), None)
    for facts in diff.added:
        record_checks(result, facts, stale.reusable(result, facts) or check_form(result, facts))
    for facts in again:
        record_checks(result, facts, check_form(result, facts))
    hand_over_readers(result, kept, diff, again)
    result.direct_effects, changed = carry_direct_effects(result, kept, diff, again)
    infer(result, kept, changed)


def infer(result: DocumentAnalysis, previous: DocumentAnalysis | None, changed: set[str] | None) -> None:
    """The effects fixed point and the `:pure` checks. `changed`: the functions whose direct
    effects differ from `previous`'s or moved (None: unknown). None changed, the previous
    tables; a few that reach no other function, the previous ones updated for them
    (`effects_after`); else the fixed point. The `:pure` checks are the previous ones while
    the contracts are and no changed function has one."""
    found = None
    if previous is not None and changed is not None:
        if not changed:
            found = previous.effects, previous.effect_reasons
        else:
            callers = possible_callers(result, changed)
            found = effects_after(result.direct_effects, previous.effects, previous.effect_reasons, changed, callers)
    result.effects, result.effect_reasons = found if found is not None else infer_effects(result.direct_effects)
    if (
        found is not None
        and previous is not None
        and changed is not None
        and previous.contracts is result.contracts
        and changed.isdisjoint(result.contracts)
    ):
        result.pure_diagnostics = previous.pure_diagnostics
    else:
        check_pure_contracts(result)


def readers(
    result: DocumentAnalysis,
    kept: DocumentAnalysis,
    diff: FormDiff,
    touched: set[str],
    names_changed: bool,
    moved: set[str] | frozenset[str] = frozenset(),
) -> list[FormFacts]:
    """The forms the edit left whose checks read one of the `touched` global names or, when
    the set of global names changed (`names_changed`), suggest names for an unbound one, or
    read one of the `moved` names at load time and find another definition there
    (`order_facts`; only forms after the edit can): the forms to check again, in form
    order. Looked up in `kept`'s readers table (`readers_of`): O(names + forms found), and
    Python work for the forms after the edit reading a `moved` name."""
    if not touched and not names_changed and not moved:
        return []
    table, removed, order = readers_of(kept), set(diff.removed), result.form_order()
    hits = table.of(touched)
    if names_changed:
        hits |= table.suggesting
    found = sorted(hits - removed, key=lambda facts: order[facts.form])
    if moved:  # (before the edit, the definitions in force and their ranks are the same)
        after = edit_start(result, diff)
        for facts in sorted(table.of(moved) - removed - hits, key=lambda facts: order[facts.form]):
            checks = kept.checks[id(facts)]
            if checks.order and order[facts.form] >= after and order_facts(result, facts) != checks.order:
                found.append(facts)
    return found


def possible_callers(result: DocumentAnalysis, names: set[str]) -> list[str] | None:
    """The functions that may call one of `names`: those of the forms whose checks depend
    on one, looked up in the readers table `result` owns, and, should a form resolve a call
    to its own definition (no free name), those of the forms defining one: O(names, their
    definitions and those forms). None (every function) if it owns no table."""
    table = result._readers
    if table is None or table.token is not result._readers_token:
        return None
    forms = table.of(names)
    for name in names:
        first = result._form_globals.get(name)
        for definition in (first, *result._form_redefinitions.get(name, ())) if first is not None else ():
            facts = result.facts_of(definition.form)
            if facts is not None:
                forms.add(facts)
    return [definition.name for facts in forms for definition in facts.globals]


def readers_of(analysis: DocumentAnalysis) -> Readers:
    """The analysis's readers table: the one it owns, else made from every form's checks
    (O(forms × names), once per chain of versions)."""
    table = analysis._readers
    if table is None or table.token is not analysis._readers_token:
        forms = analysis.forms
        table = Readers(zip(forms, map(analysis.checks.__getitem__, map(id, forms)), strict=True))
        analysis._readers, analysis._readers_token = table, table.token
    return table


def hand_over_readers(result: DocumentAnalysis, kept: DocumentAnalysis, diff: FormDiff, again: list[FormFacts]) -> None:
    """`kept`'s readers table, if it owns one, updated for `result` and owned by it from now
    on: O(names of the forms replaced and checked again)."""
    table = kept._readers
    if table is not None and table.token is kept._readers_token:
        result._readers = table
        result._readers_token = table.handed_over(kept.checks, result.checks, diff.removed, diff.added, again)


def edit_start(result: DocumentAnalysis, diff: FormDiff | None) -> int:
    """The index before which forms read at load time the definitions they read before the
    edit, with the same ranks: the first replaced form's, unless an import adds definitions
    (made after every form's, so a form's edit moves their ranks)."""
    return diff.start if diff is not None and not result.imported_names else 0


def record_checks(result: DocumentAnalysis, facts: FormFacts, checks: FormChecks) -> None:
    result.checks[id(facts)] = checks
    if checks.diagnostics:
        result._noisy[id(facts)] = facts
    else:
        result._noisy.pop(id(facts), None)


def carries_over(previous: DocumentAnalysis, diff: FormDiff) -> bool:
    """Whether the previous version's tables hold for this one but for the names the replaced
    forms define (and the contracts they hold or target, `carry_contracts`): either each
    defines the same globals and imports as the form taking its place (so names keep their
    order and their defining forms' indexes) or none of them imports anything (the imported
    names stay)."""
    return diff.keeps_layout or not diff.has_imports()


def bind_globals(result: DocumentAnalysis) -> None:
    """Globals, redefinitions and contracts from every form (O(forms) C steps; Python work
    per contract form and per redefinition)."""
    forms = result.forms
    result._form_globals, result._form_redefinitions = bind_form_globals(forms)
    result._import_forms = list(compress(forms, map(IMPORTS, forms)))
    expose_globals(result)
    result._contract_forms = list(compress(forms, map(CONTRACTS, forms)))
    result.contracts = first_contracts(result._contract_forms)


def expose_globals(result: DocumentAnalysis) -> None:
    """The globals and redefinitions: the very tables the forms make, unless a star or
    qualified import adds names to them (`check_imports`), which writes to copies."""
    if any(node.star or node.qualified for facts in result._import_forms for node in facts.imports):
        result.globals, result.redefinitions = dict(result._form_globals), dict(result._form_redefinitions)
    else:
        result.globals, result.redefinitions = result._form_globals, result._form_redefinitions


def relay_globals(result: DocumentAnalysis, kept: DocumentAnalysis, diff: FormDiff) -> None:
    """Globals and redefinitions bound again, for replaced forms that define other globals
    than before and import nothing: updated for the names they define (`rebind_form_globals`)
    while they are few, else from every form (in C: `bind_form_globals`); the import and
    contract forms are the previous version's."""
    if len(diff.removed) + len(diff.added) > REBIND_FORMS:
        result._form_globals, result._form_redefinitions = bind_form_globals(result.forms)
    else:
        order = kept.form_order()
        result._form_globals, result._form_redefinitions = rebind_form_globals(
            kept._form_globals,
            kept._form_redefinitions,
            diff,
            lambda definition: order[definition.form],
            lambda definition: result.forms[result.form_order()[definition.form]],
        )
    result._import_forms = kept._import_forms
    expose_globals(result)


def carry_globals(result: DocumentAnalysis, kept: DocumentAnalysis, diff: FormDiff) -> None:
    """The previous version's globals, redefinitions and form tables, with each replaced
    form's definitions swapped for those of the form at its index: O(changed forms × their
    names), plus C-speed copies of the tables (no Python work per form)."""
    replaced = diff.replaced_definitions()
    form_globals, redefinitions = dict(kept._form_globals), dict(kept._form_redefinitions)
    for name in {definition.name for facts in diff.added for definition in facts.globals}:
        first = form_globals[name]
        form_globals[name] = replaced.get(id(first), first)
        if name in redefinitions:
            redefinitions[name] = [replaced.get(id(d), d) for d in redefinitions[name]]
    result._form_globals, result._form_redefinitions = form_globals, redefinitions
    facts_of = diff.replaced_facts()
    result._import_forms = [facts_of.get(id(facts), facts) for facts in kept._import_forms]
    expose_globals(result)


def shapes(result: DocumentAnalysis) -> dict[str, tuple[object, ...]]:
    """The shape of every global (each definition's made once: `Definition.shape`)."""
    return {name: global_shape(result, name, definition) for name, definition in result.globals.items()}


def carry_shapes(
    result: DocumentAnalysis, kept: DocumentAnalysis, diff: FormDiff, defined: frozenset[str]
) -> frozenset[str]:
    """The previous version's shapes, made again for the globals the replaced forms define
    (`defined`) and those imports define (which follow other files); returns the names made
    again. While none of them differs (typing in a body), the previous version's table
    itself (never mutated once made), so a keystroke neither copies nor frees an O(globals)
    dict."""
    names = defined | result.imported_names | kept.imported_names
    made = {name: None if (d := result.globals.get(name)) is None else global_shape(result, name, d) for name in names}
    before = kept.shapes
    if all(before.get(name) == made[name] for name in names):
        result.shapes = before
        return names
    result.shapes = dict(before)
    for name, made_shape in made.items():
        if made_shape is None:
            result.shapes.pop(name, None)
        else:
            result.shapes[name] = made_shape
    return names


def global_shape(result: DocumentAnalysis, name: str, definition: Definition) -> tuple[object, ...]:
    """A global's shape, with those of its redefinitions."""
    later = tuple(shape(result, d) for d in result.redefinitions.get(name, ()))
    return (*shape(result, definition), later) if later else shape(result, definition)


Effects = tuple[dict[str, str], set[str]]


def collect_direct_effects(result: DocumentAnalysis) -> dict[str, Effects]:
    """Each global function's own effects and callees, from the first form (in order) whose
    checks give its name some (every name they give effects to is one of the form's
    globals): passes in C over the forms' checks (O(forms) C steps)."""
    checks = map(result.checks.__getitem__, map(id, result.forms))
    return first_wins(list(chain.from_iterable(map(dict.items, map(EFFECTS, checks)))))


def carry_direct_effects(
    result: DocumentAnalysis, kept: DocumentAnalysis, diff: FormDiff, again: list[FormFacts]
) -> tuple[dict[str, Effects], set[str] | None]:
    """`collect_direct_effects` from the previous version's, made again for the names the
    replaced and re-checked forms define: O(those names × their definitions), and, when
    one's effects now come from a form at another place, a bisection and a C rebuild of
    the dict (its order is the forms'). And the names whose entry changed or moved (None:
    not known, the table collected afresh, when the names are many)."""
    names = diff.global_names.union(*(map(NAME, facts.globals) for facts in again))
    if len(names) > REBIND_FORMS:
        direct = collect_direct_effects(result)
        return direct, set() if direct == kept.direct_effects else None
    direct, moved, same, changed = kept.direct_effects, {}, True, set()
    shift, end = len(diff.added) - len(diff.removed), diff.start + len(diff.removed)
    for name in names:
        before, after = effects_source(kept, name), effects_source(result, name)
        entry = result.checks[id(after)].effects[name] if after is not None else None
        stays = entry is not None and before is not None
        if stays:
            stays = effects_place(kept, before, name, (diff.start, end, shift)) == effects_place(result, after, name)
        if entry == direct.get(name) and (entry is None or stays):
            continue  # as it was
        changed.add(name)
        if same:  # the first change: the previous table is never mutated, so copied now (O(functions))
            direct, same = dict(direct), False
        if entry is None:
            direct.pop(name, None)
        elif stays:
            direct[name] = entry
        else:
            direct.pop(name, None)
            moved[name] = entry
    # (moved, the fixed point may iterate them in another order: its reasons could differ)
    return placed(direct, moved, lambda item: effects_place(result, effects_source(result, item[0]), item[0])), changed


def effects_place(
    result: DocumentAnalysis, facts: FormFacts | None, name: str, shift: tuple[int, int, int] | None = None
) -> tuple[int, int]:
    """Where a name's direct effects come in `collect_direct_effects`: the index of the form
    they come from and their rank among its functions. With `shift` (start, end, by), an
    index of the previous version as the next numbers it (in the replaced range, the same
    index if as many forms replace them, else -1)."""
    assert facts is not None
    index = result.form_order()[facts.form]
    if shift is not None:
        start, end, by = shift
        if start <= index < end:
            index = index if by == 0 else -1
        elif index >= end:
            index += by
    return index, list(result.checks[id(facts)].effects).index(name)


def effects_source(result: DocumentAnalysis, name: str) -> FormFacts | None:
    """The first of the forms defining `name` whose checks give it effects."""
    if name not in result._form_globals:
        return None
    for definition in (result._form_globals[name], *result._form_redefinitions.get(name, ())):
        facts = result.facts_of(definition.form)
        if facts is not None and name in result.checks[id(facts)].effects:
            return facts
    return None


class StaleChecks:
    """Which of the previous version's `FormChecks` still hold for this version: compared
    are the shapes of `names` (None: every global) and, unless `same_names` is given,
    the set of global names. Where each form's `order_facts` are compared again (the
    layout changed), only the first and last definitions of a redefined global matter
    (`ends`): an unclosed `"` that drops half the file drops some of the definitions of the
    constructors every section redefines, and their readers keep their checks.

    The checks of forms an earlier version had (`returning`, from `Analyzer._retired`) hold
    while the shapes of the names they read equal those of that version: O(their names)."""

    def __init__(
        self,
        previous: DocumentAnalysis | None,
        result: DocumentAnalysis,
        diff: FormDiff | None,
        names: frozenset[str] | None = None,
        same_names: bool | None = None,
        returning: dict[int, Kept] | None = None,
    ) -> None:
        self.previous = previous.checks if previous is not None else {}
        self.scopes = previous._scope_of if previous is not None else {}
        self.returning = returning or {}
        self.rescoped: set[int] = set()  # id(FormFacts) of forms whose contract scope changed
        before = previous.shapes if previous is not None else {}
        now = result.shapes
        if names is None:
            self.changed = changed_shapes(before, now)
        else:
            self.changed = {name for name in names if before.get(name) != now.get(name)}
        if same_names is None:
            same_names = previous is not None and before.keys() == now.keys()
        self.names_changed = not same_names
        # Where each form's globals and imports sit: while it stays, so do `order_facts`.
        self.same_layout = diff is not None and diff.keeps_layout
        self.start = edit_start(result, diff)
        self.ends_changed = self.changed
        if previous is not None and not self.same_layout:
            both = self.changed & before.keys() & now.keys()  # (a name gone or new is changed at both ends)
            self.ends_changed = (self.changed - both) | {n for n in both if ends(previous, n) != ends(result, n)}
        self.since: dict[int, tuple[bool, set[str]]] = {}  # id(an earlier version's shapes) → (same names, changed)
        last = previous.suggester if previous is not None else None
        if last is not None and same_names:
            result.suggester = last
        else:
            result.suggester = last.successor([*now, *builtins()]) if last else Suggester([*now, *builtins()])

    def after_edit(self, result: DocumentAnalysis, facts: FormFacts) -> bool:
        """Whether the form comes after the first replaced one: before it, the definitions
        in force and their ranks are those of the previous version, and the first ones'
        shapes are compared (`ends_changed`), so its `order_facts` are the same."""
        return result.form_order()[facts.form] >= self.start

    def scope_entry(self, facts: FormFacts) -> ScopeEntry | None:
        """The contract scope an earlier version made for the form, if any."""
        entry = self.scopes.get(id(facts))
        if entry is None and id(facts) in self.returning:
            entry = self.returning[id(facts)][2]
        return entry

    def reusable(self, result: DocumentAnalysis, facts: FormFacts) -> FormChecks | None:
        checks = self.previous.get(id(facts))
        if checks is None:
            return self.returned(result, facts)
        if id(facts) in self.rescoped:
            return None
        moved = checks.order and not self.same_layout and self.after_edit(result, facts)
        if moved and order_facts(result, facts) != checks.order:
            return None  # a global it reads at load time moved before or after it
        changed = self.ends_changed  # (`changed` itself when the layout stayed)
        if not changed:
            return checks
        if (checks.suggests and self.names_changed) or not changed.isdisjoint(checks.depends_on):
            return None
        return checks

    def returned(self, result: DocumentAnalysis, facts: FormFacts) -> FormChecks | None:
        """The checks a returning form had, if what they read is as it was then."""
        kept = self.returning.get(id(facts))
        if kept is None or id(facts) in self.rescoped:
            return None
        checks, then, _scope = kept
        found = self.since.get(id(then))
        if found is None:
            found = self.since[id(then)] = (then.keys() == result.shapes.keys(), changed_shapes(then, result.shapes))
        same_names, changed = found
        if (checks.suggests and not same_names) or not changed.isdisjoint(checks.depends_on):
            return None
        if checks.order and order_facts(result, facts) != checks.order:
            return None
        return checks


def changed_shapes(before: dict[str, tuple[object, ...]], now: dict[str, tuple[object, ...]]) -> set[str]:
    """The names whose shapes differ (or that only one has): a set operation in C over the
    two tables' items (shapes are hashable), O(globals) C steps."""
    return set(map(itemgetter(0), before.items() ^ now.items()))


# What a retired form's checks were made for: the checks, the shapes of that version's
# globals (a returned analysis's table, never mutated) and its contract scope entry.
Kept = tuple[FormChecks, dict[str, tuple[object, ...]], ScopeEntry | None]


def kept_checks(previous: DocumentAnalysis | None, facts: FormFacts) -> Kept | None:
    """What `previous` says about a form the edit dropped (O(1))."""
    checks = previous.checks.get(id(facts)) if previous is not None else None
    if previous is None or checks is None:
        return None
    return checks, previous.shapes, previous._scope_of.get(id(facts))


def ends(result: DocumentAnalysis, name: str) -> tuple[object, ...] | None:
    """The shapes of a global's first definition (what `target_of` reads) and of its last
    (what code in functions calls: `in_force`); None if it is not a global. The shapes of
    the definitions between matter only to forms that read them at load time, whose
    `order_facts` hold the shape of the one they read."""
    full = result.shapes.get(name)
    if full is None:
        return None
    if len(full) == 4:  # not redefined (`global_shape` adds the later ones' shapes)
        return (full, full)
    if result.imported_names:  # (an import's definitions come after the forms', wherever it is)
        return (full[:4], shape(result, result.definitions_by_index(name)[-1][2]))
    return (full[:4], full[4][-1])  # the forms' definitions are in form order
