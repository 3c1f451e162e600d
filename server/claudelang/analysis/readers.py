"""Which forms read a global name: the forms' checks inverted (`FormChecks.depends_on`,
`suggests`), so that an edit finds the forms it makes stale without a pass over every form.

One `Readers` serves a chain of versions. It is owned by one analysis at a time (its
`token`, which the analysis keeps too): the next version made from the owner takes it over
and updates it in place for the forms whose checks it replaced (`handed_over`: O(their
names)). A version made from an analysis that no longer owns it (another version was made
from that one first), or after an edit too large to update it for, has none, and its
first query makes one from every form's checks (O(forms × names)). An analysis reads the
table only while it owns it, so handing it over changes nothing one can observe of a
returned analysis. A query is O(names asked + forms found).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claudelang.analysis.checks import FormChecks
from claudelang.semantics.resolve import FormFacts


class Readers:
    """name → the forms whose checks depend on it; the forms whose checks suggest names."""

    __slots__ = ("by_name", "suggesting", "token")

    def __init__(self, forms: Iterable[tuple[FormFacts, FormChecks]]) -> None:
        self.by_name: dict[str, set[FormFacts]] = {}
        self.suggesting: set[FormFacts] = set()
        self.token = object()
        for facts, checks in forms:
            self.add(facts, checks)

    def add(self, facts: FormFacts, checks: FormChecks) -> None:
        by_name = self.by_name
        for name in checks.depends_on:
            found = by_name.get(name)
            if found is None:
                by_name[name] = {facts}
            else:
                found.add(facts)
        if checks.suggests:
            self.suggesting.add(facts)

    def remove(self, facts: FormFacts, checks: FormChecks) -> None:
        by_name = self.by_name
        for name in checks.depends_on:
            found = by_name.get(name)
            if found is not None:
                found.discard(facts)
                if not found:
                    del by_name[name]
        self.suggesting.discard(facts)

    def of(self, names: Iterable[str]) -> set[FormFacts]:
        """The forms whose checks depend on one of `names`."""
        by_name = self.by_name
        return set().union(*(by_name.get(name, ()) for name in names))

    def handed_over(
        self,
        old: dict[int, FormChecks],
        new: dict[int, FormChecks],
        removed: Sequence[FormFacts],
        added: Sequence[FormFacts],
        again: Sequence[FormFacts],
    ) -> object:
        """Updated, for a version whose checks (`new`) replace the `removed` forms' by the
        `added` ones' and make those of `again` anew (`old`: the owner's checks); returns
        the new owner's token (the old owner's no longer matches)."""
        self.token = object()
        for facts in (*removed, *again):
            self.remove(facts, old[id(facts)])
        for facts in (*added, *again):
            self.add(facts, new[id(facts)])
        return self.token
