"""Effect inference: which effect kinds each top-level function may perform.

A function's direct effects come from the effectful builtins it names (`io:print`,
`random:int`, …, whether called or passed as values); calls to other top-level functions
add their effects, iterated to a fixed point so recursion and mutual recursion converge.
Handlers are not subtracted: the result is an upper bound. Direct effects are computed
per form (and cached with the form's checks); only the fixed point runs per version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claudelang.runtime.registry import Builtin
from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition

if TYPE_CHECKING:
    from claudelang.analysis.document import DocumentAnalysis


def direct_effects(result: DocumentAnalysis, facts: FormFacts) -> dict[str, tuple[dict[str, str], set[str]]]:
    """For each top-level function defined in `facts`: (effect kind → cause, callees)."""
    out: dict[str, tuple[dict[str, str], set[str]]] = {}
    for definition in facts.globals:
        fn = definition.lambda_node
        if fn is None:
            continue
        reasons: dict[str, str] = {}
        callees: set[str] = set()
        for reference in facts.references:
            node = reference.node
            if node.anchor is not fn.anchor or not fn.start <= node.start <= fn.end:
                continue
            target = result.target_of(reference)
            if isinstance(target, Builtin):
                for kind in target.effects:
                    reasons.setdefault(kind, target.name)
            elif isinstance(target, Definition) and target.is_global and target.lambda_node is not None:
                callees.add(target.name)
        out[definition.name] = (reasons, callees)
    return out


def infer_effects(
    direct: dict[str, tuple[dict[str, str], set[str]]],
) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    """From each function's own (effect kind → cause, callees): (effects per function name,
    for each effect kind the name that causes it), to a fixed point over the calls."""
    effects = {name: dict(reasons) for name, (reasons, _) in direct.items()}
    calls = {name: callees for name, (_, callees) in direct.items()}
    changed = True
    while changed:
        changed = False
        for name, callees in calls.items():
            mine = effects[name]
            for callee in callees:
                for kind in effects.get(callee, {}):
                    if kind not in mine:
                        mine[kind] = callee
                        changed = True
    return {name: frozenset(kinds) for name, kinds in effects.items()}, effects
