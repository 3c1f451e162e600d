"""\"Did you mean\" suggestions for unbound names, cheap enough to compute per keystroke.

The answer is exactly `difflib.get_close_matches` over every global, builtin and visible
local name, but found without scoring every candidate in Python (about 4 ms per name with
a thousand globals; an unclosed `"` in a big file makes thousands of unbound names at once,
which took 10-30 s). rapidfuzz's `fuzz.ratio` (C++) prefilters: it is the normalised
longest-common-subsequence similarity, never below difflib's ratio (whose matching blocks
are one common subsequence), so every candidate difflib would keep passes the prefilter;
difflib then scores the few that do. A `Suggester` also keeps the scored matches of each
name it was asked about, for one set of global names (the analysis keeps it while that set
is unchanged), and merges in the few local names visible at each place.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

COUNT = 3
CUTOFF = 0.6
PREFILTER = 100 * CUTOFF - 1e-6  # rapidfuzz scores 0-100; a hair lower for rounding
MEMO_LIMIT = 10_000  # names remembered per set of globals (a long session types many)

Scored = list[tuple[float, str]]


def scored_matches(word: str, candidates: Iterable[str]) -> Scored:
    """(difflib similarity, candidate) for every candidate at least `CUTOFF` similar to `word`."""
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    out: Scored = []
    for candidate, _score, _key in process.extract_iter(word, candidates, scorer=fuzz.ratio, score_cutoff=PREFILTER):
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        if ratio >= CUTOFF:
            out.append((ratio, candidate))
    return out


class Suggester:
    """Close matches for names among a fixed set of candidates plus some local names."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.candidates = frozenset(candidates)
        self.choices = tuple(self.candidates)  # what rapidfuzz scans fastest
        self.memo: dict[str, Scored] = {}

    def any_close(self, word: str, names: set[str]) -> bool:
        """Whether any of `names` that is not a candidate is a close enough match for `word`
        to be suggested (O(len(names)) in C, difflib only for those rapidfuzz lets through)."""
        others = names - self.candidates
        return bool(others) and bool(scored_matches(word, others))

    def suggest(self, word: str, local_names: Iterable[str] = ()) -> list[str]:
        """The best `COUNT` matches for `word`, best first (as `difflib.get_close_matches`)."""
        scored = self.memo.get(word)
        if scored is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            scored = self.memo[word] = scored_matches(word, self.choices)
        others = set(local_names) - self.candidates
        extra = scored_matches(word, others) if others else []
        return [candidate for _, candidate in heapq.nlargest(COUNT, [*scored, *extra])]
