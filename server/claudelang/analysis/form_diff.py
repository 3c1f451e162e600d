"""What an edit changed in a document's top-level forms, between two analyses.

The forms an edit did not touch are the same `FormFacts` objects in both versions, so the
changed ones are what lies between the longest common prefix and suffix of the two lists,
compared by identity. Both scans run in C (`operator.indexOf` over `map(is_, ...)`): O(forms)
pointer comparisons, with Python work only for the changed forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import indexOf, is_

from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition


def common_prefix(old: Iterable[object], new: Iterable[object], limit: int) -> int:
    """How many leading items are the same objects, at most `limit`."""
    try:
        return min(indexOf(map(is_, old, new), False), limit)
    except ValueError:  # all the same, as far as the shorter one goes
        return limit


def common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """(common prefix, common suffix) by identity, not overlapping: what lies between changed."""
    shorter = min(len(old), len(new))
    prefix = common_prefix(old, new, shorter)
    return prefix, common_prefix(reversed(old), reversed(new), shorter - prefix)


@dataclass(frozen=True)
class FormDiff:
    """The forms of the old version an edit replaced (`removed`) by those of the new one
    (`added`), at the same index `start` in both."""

    start: int
    removed: Sequence[FormFacts]
    added: Sequence[FormFacts]

    @classmethod
    def between(cls, old: Sequence[FormFacts], new: Sequence[FormFacts]) -> FormDiff:
        prefix, suffix = common_ends(old, new)
        return cls(prefix, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])

    @cached_property
    def keeps_layout(self) -> bool:
        """Whether each replaced form defines the same globals and imports the same modules as
        the form taking its place: then every global is defined by the forms at the same
        indexes as before, and only the definition objects of the replaced forms change.

        Not when a form moved: the syntax layer reuses a unit of the same text wherever it
        lands (`syntax/document.py`), so a form's facts may come back at another index,
        where what is defined before it differs (`checks.order_facts`)."""
        if len(self.removed) != len(self.added):
            return False
        removed = {id(old): index for index, old in enumerate(self.removed)}
        return all(
            old.layout == new.layout and removed.get(id(new), index) == index
            for index, (old, new) in enumerate(zip(self.removed, self.added, strict=True))
        )

    def replaced_facts(self) -> dict[int, FormFacts]:
        """id(replaced form's facts) → the facts of the form at its index (with `keeps_layout`)."""
        return {id(old): new for old, new in zip(self.removed, self.added, strict=True)}

    def replaced_definitions(self) -> dict[int, Definition]:
        """id(replaced global definition) → the definition taking its place (with `keeps_layout`)."""
        return {
            id(before): after
            for old, new in zip(self.removed, self.added, strict=True)
            for before, after in zip(old.globals, new.globals, strict=True)
        }

    @cached_property
    def names(self) -> frozenset[str]:
        """Every name a replaced or replacing form defines, at any depth (made once: an
        edit that drops thousands of forms, an unclosed `"`, asks several times)."""
        return frozenset(definition.name for facts in (*self.removed, *self.added) for definition in facts.definitions)

    @cached_property
    def global_names(self) -> frozenset[str]:
        """The globals a replaced or replacing form defines (made once)."""
        return frozenset(definition.name for facts in (*self.removed, *self.added) for definition in facts.globals)

    def has_contracts(self) -> bool:
        return any(facts.contracts for facts in (*self.removed, *self.added))

    def has_imports(self) -> bool:
        return any(facts.imports for facts in (*self.removed, *self.added))
