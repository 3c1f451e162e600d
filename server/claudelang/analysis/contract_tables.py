"""The contract tables of a document's analysis: the forms holding contracts, the first
contract of each target name, each contract form's parameter scope (which names in its
clauses are the target's parameters) and the diagnostics of unknown targets.

`carry_contracts` makes them for a version from the previous version's: the contract
forms list is filtered (O(contract forms) Python steps), and scopes are made again only
for the contract forms the edit added or whose targets' names an edited form defines (a
target that is no global may be any form's nested function, so names at any depth
count); the diagnostics are made again when either happened. A fresh analysis makes them
from every contract form (`document.combine`); both give the same tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from claudelang.analysis.checks import check_contracts, contract_scope, contract_target
from claudelang.analysis.form_diff import FormDiff
from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition, Reference

if TYPE_CHECKING:
    from claudelang.analysis.document import DocumentAnalysis

# A contract form's parameter scope, with the form and its targets' definitions it was made for.
ScopeEntry = tuple[FormFacts, tuple[Definition | None, ...], dict[Reference, Definition | None]]


def cached_contract_scope(
    result: DocumentAnalysis, facts: FormFacts, entry: ScopeEntry | None
) -> dict[Reference, Definition | None]:
    """`contract_scope`, reused from `entry` (an earlier version's) while the form and the
    definitions of its targets stay (a target that is no global may be any form's nested
    function: `contract_target`)."""
    targets = tuple(contract_target(result, facts, contract) for contract in facts.contracts)
    if entry is None or entry[0] is not facts or not all(a is b for a, b in zip(entry[1], targets, strict=True)):
        entry = (facts, targets, contract_scope(result, facts))
    result._scope_of[id(facts)] = entry
    return entry[2]


def first_contracts(forms: list[FormFacts]) -> dict[str, object]:
    """Each target name's first contract, in the order of the forms."""
    found: dict[str, object] = {}
    for facts in forms:
        for contract in facts.contracts:
            found.setdefault(contract.target.name, contract)
    return found


def carry_contracts(
    result: DocumentAnalysis,
    kept: DocumentAnalysis,
    diff: FormDiff,
    earlier: Callable[[FormFacts], ScopeEntry | None],
) -> list[FormFacts]:
    """The contract tables of `result` from those of `kept`, the version `diff` leads from
    (`result`'s globals already bound); `earlier` gives the scope an earlier version made
    for a form (`kept`'s, or one kept with a form the syntax layer brought back). Returns
    the contract forms whose scope changed: their checks read which of their names are
    parameters."""
    names = diff.names
    if diff.has_contracts():
        order, end = kept.form_order(), diff.start + len(diff.removed)
        result._contract_forms = [
            *(facts for facts in kept._contract_forms if order[facts.form] < diff.start),
            *(facts for facts in diff.added if facts.contracts),
            *(facts for facts in kept._contract_forms if order[facts.form] >= end),
        ]
        result.contracts = first_contracts(result._contract_forms)  # type: ignore[assignment]
    else:
        result._contract_forms, result.contracts = kept._contract_forms, kept.contracts
    touched = not names.isdisjoint(result.contracts) or not names.isdisjoint(kept.contracts)
    if not diff.has_contracts() and not touched:
        result.contract_params, result._scope_of = kept.contract_params, kept._scope_of
        result.contract_diagnostics = kept.contract_diagnostics
        return []
    result._scope_of = dict(kept._scope_of)
    params = dict(kept.contract_params)
    staying = set(map(id, diff.added))  # (a form may be among both: the diff is by position)
    for facts in diff.removed:
        entry = result._scope_of.pop(id(facts), None) if id(facts) not in staying else None
        for reference in entry[2] if entry is not None else ():
            params.pop(reference, None)
    rescoped = []
    for facts in result._contract_forms:
        present = id(facts) in kept._scope_of  # (else its references are not in `params`)
        if present and names.isdisjoint(contract.target.name for contract in facts.contracts):
            continue
        known = earlier(facts)
        scope = cached_contract_scope(result, facts, known)
        if known is None or known[2] is not scope:
            rescoped.append(facts)
            for reference in known[2] if known is not None and present else ():
                params.pop(reference, None)
        if not present or known is None or known[2] is not scope:
            params.update(scope)
    result.contract_params = params
    check_contracts(result)
    return rescoped
