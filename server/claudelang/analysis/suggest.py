"""\"Did you mean\" suggestions for unbound names, cheap enough to compute per keystroke.

The answer is exactly `difflib.get_close_matches` over every global, builtin and visible
local name, but found without scoring every candidate in Python (about 4 ms per name with
a thousand globals; an unclosed `"` in a big file makes thousands of unbound names at once,
which took 10-30 s). rapidfuzz's `Indel.normalized_similarity` (C++, the whole scan in
one `process.extract` call) prefilters: it is the normalised longest-common-subsequence
similarity, never below difflib's ratio (whose matching blocks are one common
subsequence), so every candidate difflib would keep passes the prefilter; difflib then
scores the few that do. Only candidates of a length that can reach the cutoff are
scanned (difflib's ratio is 2·matches / total length, and matches ≤ the shorter length):
a short name typed in a file of long names scans a few of them. A `Suggester` keeps the
scored matches of each name it was asked about across the versions of a document, and
merges in the few local names visible at each place.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from difflib import SequenceMatcher

from rapidfuzz import process
from rapidfuzz.distance import Indel

COUNT = 3
CUTOFF = 0.6
PREFILTER = CUTOFF - 1e-8  # a hair lower for rounding
MEMO_LIMIT = 10_000  # names remembered (a long session types many)
GENERATIONS = 4  # sets of candidates the memo's entries may have been scored against

Scored = list[tuple[float, str]]


def scored_matches(word: str, candidates: Iterable[str]) -> Scored:
    """(difflib similarity, candidate) for every candidate at least `CUTOFF` similar to `word`."""
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    out: Scored = []
    passed = process.extract(word, candidates, scorer=Indel.normalized_similarity, score_cutoff=PREFILTER, limit=None)
    for candidate, _score, _key in passed:
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        if ratio >= CUTOFF:
            out.append((ratio, candidate))
    return out


class Suggester:
    """Close matches for names among a fixed set of candidates plus some local names.

    The scored matches of each name asked about are kept in a memo shared with the
    suggesters of the document's later versions (`successor`), each entry with the set of
    candidates it was scored against: a later set of globals (a rename, half the file
    dropped by an unclosed `"`) filters it and scores the name only against the candidates
    gained, O(gained) per name instead of O(candidates). Entries scored against sets older
    than the last `GENERATIONS` are dropped (O(memo) once per that many sets), so that the
    memo keeps few sets alive."""

    def __init__(self, candidates: Iterable[str], memo: Memo | None = None) -> None:
        self.candidates = frozenset(candidates)
        self.memo = memo if memo is not None else Memo()
        self.memo.generation(self.candidates)
        self.gains: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}  # id(an older set) → it, what this has more
        self.by_length: dict[int, list[str]] | None = None  # the candidates by length, made on first scan

    def successor(self, candidates: Iterable[str]) -> Suggester:
        """A suggester for another set of candidates, reusing what this one scored."""
        return Suggester(candidates, self.memo)

    def any_close(self, word: str, names: set[str]) -> bool:
        """Whether any of `names` that is not a candidate is a close enough match for `word`
        to be suggested (O(len(names)) in C, difflib only for those rapidfuzz lets through)."""
        others = names - self.candidates
        return bool(others) and bool(scored_matches(word, others))

    def suggest(self, word: str, local_names: Iterable[str] = ()) -> list[str]:
        """The best `COUNT` matches for `word`, best first (as `difflib.get_close_matches`)."""
        others = set(local_names) - self.candidates
        extra = scored_matches(word, others) if others else []
        return [candidate for _, candidate in heapq.nlargest(COUNT, [*self.scored(word), *extra])]

    def scored(self, word: str) -> Scored:
        candidates, entries = self.candidates, self.memo.entries
        entry = entries.get(word)
        if entry is not None and entry[1] is candidates:
            return entry[0]
        if entry is None:
            scored = scored_matches(word, self.within_reach(word))
        else:
            scored = [match for match in entry[0] if match[1] in candidates]
            scored.extend(scored_matches(word, self.gained(entry[1])))
        if len(entries) >= MEMO_LIMIT:
            entries.clear()
        entries[word] = (scored, candidates)
        return scored

    def within_reach(self, word: str) -> list[str]:
        """The candidates whose length lets them be `CUTOFF` similar to `word`: O(lengths +
        those), after grouping the candidates by length once per suggester (O(candidates))."""
        if self.by_length is None:
            self.by_length = {}
            for candidate in self.candidates:
                self.by_length.setdefault(len(candidate), []).append(candidate)
        size = len(word)
        return [
            candidate
            for length, group in self.by_length.items()
            if 2 * min(size, length) >= PREFILTER * (size + length)
            for candidate in group
        ]

    def gained(self, older: frozenset[str]) -> tuple[str, ...]:
        """The candidates not in `older` (a set difference in C, once per older set)."""
        found = self.gains.get(id(older))
        if found is None or found[0] is not older:
            found = self.gains[id(older)] = (older, tuple(self.candidates - older))
        return found[1]


class Memo:
    """Each name's scored matches with the candidates they were scored against, shared by the
    suggesters of one document's versions."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[Scored, frozenset[str]]] = {}
        self.sets: list[frozenset[str]] = []  # the candidate sets of the last suggesters

    def generation(self, candidates: frozenset[str]) -> None:
        self.sets.append(candidates)
        if len(self.sets) > GENERATIONS:
            del self.sets[0]
            recent = set(map(id, self.sets))
            self.entries = {word: entry for word, entry in self.entries.items() if id(entry[1]) in recent}
