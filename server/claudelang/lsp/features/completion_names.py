"""The names completion looks through, indexed so that a keystroke's lookup costs what it
finds, not what the document defines (issue 19).

`Names` holds the names of one origin (locals, the document's globals, builtins, special
forms) sorted, and finds those matching a typed prefix in C; the names holding the
prefix's characters in order (what fuzzy clients show) are kept as a narrower `Names`, so
that typing on (`ty` → `type`) searches the last answer, not every name again.
`GlobalNames` keeps the globals' `Names` while typing changes a few of them (a function's
name being typed renames a global on every keystroke): the few changed names are
searched beside the kept ones instead of sorting every name again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from heapq import merge
from itertools import accumulate, filterfalse

REBASE = 64  # names added since the kept globals' `Names` past which it is made again


@lru_cache(maxsize=64)
def subsequence(wanted: str) -> re.Pattern[str]:
    """Matches a name (after its newline) holding the characters of `wanted` in order: each
    character sought by a possessive run of other characters, linear in the name, from the
    literal newline (which the engine seeks with its literal-prefix scan, not a step per
    character as `^` under `re.M` costs). Compiling one costs ≈ 0.1 ms, once per prefix."""
    seek = "".join(f"[^\\n{re.escape(char)}]*+{re.escape(char)}" for char in wanted)
    return re.compile(f"\\n{seek}[^\\n]*")


class Names:
    """Names of one origin, sorted, for finding those that match a prefix in C.

    `text` is the lowered names, each after a newline; `starts[i]` is where the newline
    before `names[i]` is in it. Made in O(n log n) C steps (O(n) from sorted names). Names
    starting with a prefix are found by `str.find` of the newline and the prefix; a match
    is mapped back to its name by bisection. The names holding a prefix's characters in
    order are found by one regular-expression scan (`subsequence`) and, when the scan was
    read to its end, kept as `narrowed`: a `Names` of those names only, keyed by the
    prefix. Every later lookup for a longer prefix (each of its names holds the shorter
    prefix's characters in order too) searches that one, and so on down the chain (one
    entry per `Names`, replaced by the next prefix that does not extend its key: memory at
    most the names of each link). A lookup costs C work over the text of the narrowest
    link plus Python work per name returned (or hidden by a name of a better origin).
    """

    __slots__ = ("key", "names", "narrowed", "starts", "text")

    def __init__(self, names: Iterable[str], key: str = "", ordered: bool = False) -> None:
        self.key = key  # every name holds its characters in order ("" : any name)
        self.names = list(names) if ordered else sorted(names)
        lowered = list(map(str.lower, self.names))
        self.text = "".join(map("\n".__add__, lowered))
        self.starts = list(accumulate(map((1).__add__, map(len, lowered)), initial=0))
        self.narrowed: Names | None = None

    def within(self, wanted: str) -> Names:
        """The narrowest link known to hold every name holding `wanted`'s characters in order."""
        names = self
        while names.narrowed is not None and wanted.startswith(names.narrowed.key):
            names = names.narrowed
        return names

    def prefixed(self, wanted: str) -> Iterator[str]:
        """The names whose lowered spelling starts with `wanted`, in order."""
        names = self.within(wanted)
        text, found, starts, sought = names.text, names.names, names.starts, "\n" + wanted
        at = text.find(sought)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            yield found[index]
            at = text.find(sought, starts[index + 1])

    def fuzzy(self, wanted: str) -> Iterator[str]:
        """The names whose lowered spelling holds `wanted`'s characters in order but does not
        start with it, in order; a scan read to its end is kept as the narrowest link."""
        names = self.within(wanted)
        text, found, starts = names.text, names.names, names.starts
        if names.key == wanted:
            for index, name in enumerate(found):
                if not text.startswith(wanted, starts[index] + 1):
                    yield name
            return
        holding = []
        for match in subsequence(wanted).finditer(text):
            at = match.start()
            name = found[bisect_right(starts, at) - 1]
            holding.append(name)
            if not text.startswith(wanted, at + 1):
                yield name
        names.narrowed = Names(holding, wanted, ordered=True)


class Amended:
    """Kept `Names` with a few names removed and a few added: lookups read both, merged in
    order (Python work per name returned, plus one set test per kept name returned)."""

    __slots__ = ("added", "base", "removed")

    def __init__(self, base: Names, removed: frozenset[str], added: Names) -> None:
        self.base, self.removed, self.added = base, removed, added

    def prefixed(self, wanted: str) -> Iterator[str]:
        return self.both(self.base.prefixed(wanted), self.added.prefixed(wanted))

    def fuzzy(self, wanted: str) -> Iterator[str]:
        return self.both(self.base.fuzzy(wanted), self.added.fuzzy(wanted))

    def both(self, kept: Iterator[str], added: Iterator[str]) -> Iterator[str]:
        """The kept names found that were not removed, merged with the added ones (merged in
        Python only when names were added: otherwise C filtering alone)."""
        found = filterfalse(self.removed.__contains__, kept) if self.removed else kept
        return merge(found, added) if self.added.names else found


def common_ends(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int]:
    """(common prefix, common suffix) of two tuples of names, not overlapping."""
    prefix = common_prefix(old, new, min(len(old), len(new)))
    return prefix, common_prefix(old[::-1], new[::-1], min(len(old), len(new)) - prefix)


def common_prefix(old: tuple[str, ...], new: tuple[str, ...], limit: int, step: int = 256) -> int:
    """How many leading names are equal, at most `limit`: compared a slice of `step` at a
    time in C (tuple equality: identity first, so no string read while the names are the
    same objects), then name by name in the slice that differs: O(n) C steps plus
    O(step) Python steps."""
    prefix = 0
    while prefix + step <= limit and old[prefix : prefix + step] == new[prefix : prefix + step]:
        prefix += step
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    return prefix


class GlobalNames:
    """The `Names` of the document's globals, kept across versions.

    The very table asked about last costs nothing. Otherwise the names, in their order,
    are compared with the last ones seen (`common_ends`: O(globals) C steps, by identity,
    no string read while the names are those objects), and only the names between their common
    prefix and suffix are looked at: none while typing inside a form, one while typing a
    function's name (which renames a global on every keystroke). The names added and
    removed since the kept `Names` are kept up to date from those; up to `REBASE` added
    are searched beside it (`Amended`), more make it again (O(globals log globals)).
    Removed names are skipped in C however many they are: an unclosed `"` drops the
    globals after it until it is closed, and they come back with the names kept (a
    document cut down for good keeps its old names until `REBASE` new ones are added: C
    work per lookup as if they were still there)."""

    def __init__(self) -> None:
        self.order: tuple[str, ...] = ()  # the names of the globals last seen, in their order
        self.kept = Names(())
        self.kept_set: frozenset[str] = frozenset()
        self.added: set[str] = set()  # names of the globals last seen not in `kept`
        self.removed: set[str] = set()  # names in `kept` not among the globals last seen
        self.view: Names | Amended = self.kept
        self.seen: Mapping[str, object] | None = None  # the table last asked about (never mutated once made)

    def of(self, globals_: Mapping[str, object]) -> Names | Amended:
        if globals_ is self.seen:  # the very table (a keystroke that shares it): O(1)
            return self.view
        self.seen = globals_
        order, last = tuple(globals_), self.order
        if order == last:
            return self.view
        prefix, suffix = common_ends(last, order)
        self.order = order
        before, after = set(last[prefix : len(last) - suffix]), set(order[prefix : len(order) - suffix])
        gone, came = before - after, after - before  # (a key is in one place of its table)
        self.added = (self.added - gone) | (came - self.kept_set)
        self.removed = (self.removed - came) | (gone & self.kept_set)
        if len(self.added) > REBASE:
            self.kept_set, self.added, self.removed = frozenset(order), set(), set()
            self.kept = self.view = Names(order)
        elif self.added or self.removed:
            self.view = Amended(self.kept, frozenset(self.removed), Names(self.added))
        else:
            self.view = self.kept
        return self.view
