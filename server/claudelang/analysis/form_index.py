"""Where each top-level form of a version sits (its index in the version's forms), shared
across versions instead of copied per keystroke.

A version's `FormIndex` is layered: a base table (id(form) → index, made from every form of
some earlier version, never mutated, shared by every version derived from it), the shifts of
the edits since that moved the forms after them (`(end, by)`: indexes from `end` on move by
`by`), and `placed`, the forms added since (id(form) → index). A lookup tries `placed`, else
moves the base index by each shift since, and checks the answer against the version's forms
(`forms[index].form is form`), which also rejects a form an edit replaced, or a dead form's
id reused by another object: O(1 + shifts). Deriving the next version's index is O(placed +
the edit's forms); once the shifts or `placed` grow past `SHIFTS` or `PLACED`, the next
lookup rebuilds the base from every form (O(forms) C steps), so that cost is amortised over
as many edits. Typing inside a form replaces it by as many forms: no shift, one entry placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from operator import attrgetter

from claudelang.ast import nodes as a
from claudelang.semantics.resolve import FormFacts

FORM = attrgetter("form")
SHIFTS = 8  # shifting edits kept before the base is made again
PLACED = 64  # forms placed since the base before it is made again


class FormIndex:
    """id(top-level form) → its index in `forms` (see the module docstring)."""

    __slots__ = ("base", "forms", "placed", "shifts")

    def __init__(
        self,
        forms: Sequence[FormFacts],
        base: dict[int, int] | None = None,
        shifts: tuple[tuple[int, int], ...] = (),
        placed: dict[int, int] | None = None,
    ) -> None:
        self.forms = forms
        self.base = base  # None: made from every form on first lookup
        self.shifts = shifts
        self.placed = placed if placed is not None else {}

    def get(self, form: a.Node) -> int | None:
        """The form's index in this version, None if it is not one of its forms."""
        index = self.placed.get(id(form))
        if index is None:
            base = self.base
            if base is None:
                base = self.base = index_forms(self.forms)
                self.shifts, self.placed = (), {}
            index = base.get(id(form))
            if index is None:
                return None
            for end, by in self.shifts:
                if index >= end:
                    index += by
        forms = self.forms
        return index if 0 <= index < len(forms) and forms[index].form is form else None

    def __getitem__(self, form: a.Node) -> int:
        index = self.get(form)
        if index is None:
            raise KeyError(form)
        return index

    def edited(self, forms: Sequence[FormFacts], start: int, removed: int, added: Sequence[FormFacts]) -> FormIndex:
        """The index of the version whose `forms` replace `removed` forms at `start` by
        `added`: this one's base shared, its placed forms moved (those replaced dropped)."""
        if self.base is None or len(self.shifts) >= SHIFTS or len(self.placed) >= PLACED:
            return FormIndex(forms)
        end, by = start + removed, len(added) - removed
        placed = {key: i + by if i >= end else i for key, i in self.placed.items() if not start <= i < end}
        placed.update(zip(map(id, map(FORM, added)), count(start)))
        return FormIndex(forms, self.base, (*self.shifts, (end, by)) if by else self.shifts, placed)


def index_forms(forms: Sequence[FormFacts]) -> dict[int, int]:
    """id(form) → index of every form: the base of a `FormIndex` (O(forms) C steps)."""
    return dict(zip(map(id, map(FORM, forms)), count()))
