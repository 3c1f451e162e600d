"""\"Did you mean\" suggestions for unbound names, cheap enough to compute per keystroke.

`difflib.get_close_matches` over every global and builtin costs about a millisecond per
name, and a name being typed or renamed is unbound in many places at once. A `Suggester`
keeps the scored matches of each name it was asked about, for one set of global names
(the analysis keeps it while that set is unchanged), and merges in the few local names
visible at each place; the result is exactly `get_close_matches` over all of them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from difflib import SequenceMatcher

COUNT = 3
CUTOFF = 0.6
MEMO_LIMIT = 10_000  # names remembered per set of globals (a long session types many)

Scored = list[tuple[float, str]]


def scored_matches(word: str, candidates: Iterable[str]) -> Scored:
    """(similarity, candidate) for every candidate at least `CUTOFF` similar to `word`."""
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    out: Scored = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CUTOFF:
                out.append((ratio, candidate))
    return out


class Suggester:
    """Close matches for names among a fixed set of candidates plus some local names."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.candidates = frozenset(candidates)
        self.memo: dict[str, Scored] = {}

    def suggest(self, word: str, local_names: Iterable[str] = ()) -> list[str]:
        """The best `COUNT` matches for `word`, best first (as `difflib.get_close_matches`)."""
        scored = self.memo.get(word)
        if scored is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            scored = self.memo[word] = scored_matches(word, self.candidates)
        extra = scored_matches(word, set(local_names) - self.candidates)
        return [candidate for _, candidate in heapq.nlargest(COUNT, [*scored, *extra])]
