"""Effect inference: which effect kinds each top-level function may perform.

A function's direct effects come from the effectful builtins it names (`io:print`,
`random:int`, …, whether called or passed as values); calls to other top-level functions
add their effects, iterated to a fixed point so recursion and mutual recursion converge.
Handlers are not subtracted: the result is an upper bound. Direct effects are computed
per form (and cached with the form's checks); only the fixed point runs per version.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.runtime.registry import Builtin
from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition, Reference

if TYPE_CHECKING:
    from claudelang.analysis.document import DocumentAnalysis


def direct_effects(result: DocumentAnalysis, facts: FormFacts) -> dict[str, tuple[dict[str, str], set[str]]]:
    """For each top-level function defined in `facts`: (effect kind → cause, callees)."""
    out: dict[str, tuple[dict[str, str], set[str]]] = {}
    functions = [(definition, fn) for definition in facts.globals if (fn := definition.lambda_node) is not None]
    if not functions:
        return out
    spans = ReferenceSpans(facts.references)
    for definition, fn in functions:
        reasons: dict[str, str] = {}
        callees: set[str] = set()
        for reference in spans.within(fn):
            target = result.target_of(reference)
            if isinstance(target, Builtin):
                for kind in target.effects:
                    reasons.setdefault(kind, target.name)
            elif isinstance(target, Definition) and target.is_global and target.lambda_node is not None:
                callees.add(target.name)
        out[definition.name] = (reasons, callees)
    return out


class ReferenceSpans:
    """A form's references grouped by anchor and sorted by start, to find those inside a node.

    Built in O(R log R) for R references; `within` is O(log R + k log k) for k found (a
    module form defines many functions: scanning every reference for each was O(F·R))."""

    def __init__(self, references: list[Reference]) -> None:
        self.references = references
        grouped: dict[int, list[tuple[int, int]]] = {}
        for position, reference in enumerate(references):
            grouped.setdefault(id(reference.node.anchor), []).append((reference.node.start, position))
        self.by_anchor: dict[int, tuple[list[int], list[int]]] = {}
        for key, pairs in grouped.items():
            pairs.sort()
            self.by_anchor[key] = ([start for start, _ in pairs], [position for _, position in pairs])

    def within(self, node: a.Node) -> list[Reference]:
        """The references inside `node` (same anchor, start within its span), in their order."""
        starts, positions = self.by_anchor.get(id(node.anchor), ([], []))
        found = sorted(positions[bisect_left(starts, node.start) : bisect_right(starts, node.end)])
        return [self.references[position] for position in found]


def infer_effects(
    direct: dict[str, tuple[dict[str, str], set[str]]],
) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    """From each function's own (effect kind → cause, callees): (effects per function name,
    for each effect kind the name that causes it), to a fixed point over the calls. The
    tables are made in C passes; each round visits only the functions that call one."""
    entries = direct.values()
    effects = dict(zip(direct, map(dict, map(itemgetter(0), entries)), strict=True))
    calling = [(effects[name], callees) for name, (_, callees) in direct.items() if callees]
    changed = True
    while changed:
        changed = False
        for mine, callees in calling:
            for callee in callees:
                for kind in effects.get(callee, ()):
                    if kind not in mine:
                        mine[kind] = callee
                        changed = True
    return dict(zip(effects, map(frozenset, effects.values()), strict=True)), effects


def effects_after(
    direct: dict[str, tuple[dict[str, str], set[str]]],
    effects: dict[str, frozenset[str]],
    reasons: dict[str, dict[str, str]],
    changed: Collection[str],
    callers: Iterable[str] | None = None,
) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]] | None:
    """`infer_effects(direct)` from the last version's fixed point (`effects`, `reasons`),
    when the functions whose direct effects changed or moved (`changed`) reach no other:
    no function calls one, and each calls only functions without effects, so no round of
    the fixed point reads them or finds a kind through them, and every other function's
    effects and reasons are as they were. None otherwise. `callers`: the functions that
    may call a changed one (None: every function); a pass in C over their callees, copies
    of the two tables, and O(changed) Python steps; the fixed point itself is O(rounds ×
    calls)."""
    names = frozenset(changed)
    entries = direct.values() if callers is None else [direct[name] for name in callers if name in direct]
    if not all(map(names.isdisjoint, map(itemgetter(1), entries))):
        return None  # a changed function is called
    for name in names:
        entry = direct.get(name)
        if entry is not None and any(callee in names or effects.get(callee) for callee in entry[1]):
            return None  # it may find a kind through a callee
    effects, reasons = dict(effects), dict(reasons)
    for name in names:
        entry = direct.get(name)
        if entry is None:
            effects.pop(name, None)
            reasons.pop(name, None)
        else:
            reasons[name] = dict(entry[0])
            effects[name] = frozenset(reasons[name])
    return effects, reasons
