"""Hot reload planning: which top-level definitions changed, in dependency order.

The server remembers the source of every `define`, `data` and contract form it has
evaluated in a kernel (`snapshot`, keyed by `definition_key`). On save, each such form
whose source differs is re-evaluated: data types first, then functions and values so that
a definition comes after those it uses, then contracts. Forms the kernel never saw are
left alone, and so are other globals (state cells keep their values).
"""

from __future__ import annotations

from claudelang.analysis import Definition, DocumentAnalysis
from claudelang.ast import nodes as a


def definition_key(form: a.Node) -> str | None:
    if isinstance(form, a.Define):
        return form.name.name
    if isinstance(form, a.Data):
        return f"data {form.name.name}"
    if isinstance(form, a.Contract):
        return f"contract {form.target.name}"
    return None


def changed_definitions(analysis: DocumentAnalysis, snapshot: dict[str, str]) -> list[a.Node]:
    changed = [
        facts.form
        for facts in analysis.forms
        if (key := definition_key(facts.form)) in snapshot and snapshot[key] != facts.form.source
    ]
    data = [f for f in changed if isinstance(f, a.Data)]
    defines = [f for f in changed if isinstance(f, a.Define)]
    contracts = [f for f in changed if isinstance(f, a.Contract)]
    return data + dependency_order(analysis, defines) + contracts


def dependency_order(analysis: DocumentAnalysis, defines: list[a.Define]) -> list[a.Define]:
    """Definitions sorted so that each comes after the changed definitions it refers to."""
    names = {d.name.name: d for d in defines}
    uses: dict[str, set[str]] = {}
    for define in defines:
        facts = analysis.facts_of(define)
        targets = {analysis.target_of(r) for r in facts.references} if facts else set()
        uses[define.name.name] = {
            t.name for t in targets if isinstance(t, Definition) and t.name in names and t.name != define.name.name
        }
    ordered: list[a.Define] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name in visiting:
            return  # a cycle: keep source order for the rest
        visiting.add(name)
        for dependency in sorted(uses[name]):
            visit(dependency)
        visiting.discard(name)
        done.add(name)
        ordered.append(names[name])

    for define in defines:
        visit(define.name.name)
    return ordered
