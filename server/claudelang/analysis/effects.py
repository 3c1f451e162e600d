"""Effect inference: which effect kinds each top-level function may perform.

A function's direct effects come from the effectful builtins it names (`io:print`,
`random:int`, …, whether called or passed as values); calls to other top-level functions
add their effects, iterated to a fixed point so recursion and mutual recursion converge.
Handlers are not subtracted: the result is an upper bound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claudelang.analysis.symbols import Definition
from claudelang.runtime.registry import Builtin

if TYPE_CHECKING:
    from claudelang.analysis.document import DocumentAnalysis


def infer_effects(result: DocumentAnalysis) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    """(effects per function name, for each effect kind the name that causes it)."""
    direct: dict[str, dict[str, str]] = {}
    calls: dict[str, set[str]] = {}
    for facts in result.forms:
        for definition in facts.globals:
            fn = definition.lambda_node
            if fn is None or result.globals.get(definition.name) is not definition:
                continue
            start, end = fn.start, fn.end
            reasons: dict[str, str] = {}
            callees: set[str] = set()
            for reference in facts.references:
                node = reference.node
                if node.anchor is not fn.anchor or not start <= node.start <= end:
                    continue
                target = result.target_of(reference)
                if isinstance(target, Builtin):
                    for kind in target.effects:
                        reasons.setdefault(kind, target.name)
                elif isinstance(target, Definition) and target.is_global and target.lambda_node is not None:
                    callees.add(target.name)
            direct[definition.name] = reasons
            calls[definition.name] = callees
    effects = {name: dict(reasons) for name, reasons in direct.items()}
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
