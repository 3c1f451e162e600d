"""Which top-level definition each global name means: the first one in form order (the
globals, a dict in the order a fresh analysis makes it: each name where its first
definition comes) and the later ones (redefinitions, in form order).

`bind_form_globals` binds them from every form, in C passes (O(forms) C steps). An edit
that renames, adds or removes a global (`rebind_form_globals`) updates the last version's
tables instead: Python work for the names the edit's forms define and their definitions,
and, when a name's first definition is another than before, one C rebuild of the globals
dict with the name at its place (O(globals) C steps, found by bisection).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import chain, compress
from operator import attrgetter, is_not, itemgetter
from typing import TypeVar

from claudelang.analysis.form_diff import FormDiff
from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition

GLOBALS, NAME = attrgetter("globals"), attrgetter("name")
V = TypeVar("V")
Globals = dict[str, Definition]
Redefinitions = dict[str, list[Definition]]


def first_wins(pairs: list[tuple[str, V]]) -> dict[str, V]:
    """{key: the value of its first pair}, keys in the order they first appear: in C."""
    first = dict(reversed(pairs))
    if len(first) == len(pairs):
        return dict(pairs)
    keys = dict.fromkeys(map(itemgetter(0), pairs))
    return dict(zip(keys, map(first.__getitem__, keys), strict=True))


def bind_form_globals(forms: Sequence[FormFacts]) -> tuple[Globals, Redefinitions]:
    """Each global's first top-level definition, in the order of the forms, and its later
    ones: passes in C over the forms (O(forms) C steps), Python work per redefinition."""
    definitions = list(chain.from_iterable(map(GLOBALS, forms)))
    names = list(map(NAME, definitions))
    first = first_wins(list(zip(names, definitions, strict=True)))
    redefinitions: Redefinitions = {}
    if len(first) < len(definitions):
        for definition in compress(definitions, map(is_not, map(first.__getitem__, names), definitions)):
            redefinitions.setdefault(definition.name, []).append(definition)
    return first, redefinitions


def rebind_form_globals(
    globals_: Globals,
    redefinitions: Redefinitions,
    diff: FormDiff,
    index_of: Callable[[Definition], int],
    facts_of: Callable[[Definition], FormFacts],
) -> tuple[Globals, Redefinitions]:
    """`bind_form_globals` of the version `diff` leads to, from the tables of the version it
    leads from. `index_of` gives the index a definition of an unchanged form had there;
    `facts_of` the facts of any definition's form in the new version."""
    start, end = diff.start, diff.start + len(diff.removed)
    shift = len(diff.added) - len(diff.removed)
    added = {id(facts): start + n for n, facts in enumerate(diff.added)}

    def place(definition: Definition) -> tuple[int, int]:
        """Where a definition comes in the new version: its form's index, its rank in the form."""
        facts = facts_of(definition)
        index = added.get(id(facts))
        if index is None:
            index = index_of(definition)
            index += shift if index >= end else 0
        return index, facts.globals.index(definition)

    made: dict[str, list[Definition]] = {}
    for facts in diff.added:
        for definition in facts.globals:
            made.setdefault(definition.name, []).append(definition)
    table, later = dict(globals_), dict(redefinitions)
    moved: dict[str, Definition] = {}
    moved_later: dict[str, list[Definition]] = {}
    for name in diff.global_names:
        old = [globals_[name], *redefinitions.get(name, ())] if name in globals_ else []
        kept = [(index_of(d), d) for d in old if not start <= index_of(d) < end]
        now = [d for index, d in kept if index < start] + made.get(name, []) + [d for index, d in kept if index >= end]
        # (in place while its definition is the same one and not of a replaced form, which
        # may come back at another index: the diff is by position)
        fresh = {id(definition) for definition in made.get(name, ())}
        if len(now) > 1 and len(old) > 1 and now[1] is old[1] and id(now[1]) not in fresh:
            later[name] = now[1:]  # keyed where its second definition comes
        else:
            later.pop(name, None)
            if len(now) > 1:
                moved_later[name] = now[1:]
        if not now:
            del table[name]
        elif now[0] is not (old[0] if old else None) or id(now[0]) in fresh:
            moved[name] = now[0]
            table.pop(name, None)
    return (
        placed(table, moved, lambda item: place(item[1])),
        placed(later, moved_later, lambda item: place(item[1][0])),
    )


def placed(table: dict[str, V], moved: dict[str, V], place: Callable[[tuple[str, V]], tuple[int, int]]) -> dict[str, V]:
    """`table` (its items in the order of `place`) with the `moved` items put at their
    place: bisections (O(log n) `place` calls each), and one C rebuild of the dict if any moved."""
    if not moved:
        return table
    items = list(table.items())
    for item in moved.items():
        items.insert(bisect_left(items, place(item), key=place), item)
    return dict(items)
