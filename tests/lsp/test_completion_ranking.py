"""Completion ranking (`completion.ranked`) against its definition, name by name.

`ranked` finds matching names with regular expressions over sorted name lists and stops
at the limit; the oracle below is the plain algorithm it replaced: every visible name once
(a local hides a global, which hides a builtin, which hides a special form), kept if the
prefix's characters occur in it in order, sorted by prefix match, origin and name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claudelang.analysis.special_forms import SPECIAL_FORMS
from claudelang.lsp.features import completion_names
from claudelang.lsp.features.completion import AT_HEAD, ranked
from claudelang.lsp.features.completion_names import REBASE, Amended, GlobalNames, Names
from claudelang.runtime.registry import builtins
from hypothesis import given, settings
from hypothesis import strategies as st

LOCAL, GLOBAL, BUILTIN, SPECIAL = range(4)


@dataclass(frozen=True)
class Named:
    name: str


class FakeAnalysis:
    """What `ranked` reads of an analysis: the globals, and the locals at an offset."""

    def __init__(self, globals_: list[str], locals_: list[str]) -> None:
        self.globals = {name: Named(name) for name in globals_}
        self.locals = [Named(name) for name in locals_]

    def visible_locals(self, offset: int) -> list[Named]:
        return self.locals


def subsequence(prefix: str, name: str) -> bool:
    position = 0
    for char in prefix:
        position = name.find(char, position) + 1
        if position == 0:
            return False
    return True


def oracle(analysis: FakeAnalysis, wanted: str, in_head: bool, limit: int) -> list[tuple[str, str, int]]:
    found: dict[str, int] = {}
    for definition in analysis.locals:
        found[definition.name] = LOCAL
    for tier, names in ((GLOBAL, analysis.globals), (BUILTIN, builtins()), (SPECIAL, SPECIAL_FORMS)):
        for name in names:
            found.setdefault(name, tier)
    keyed = []
    for name, tier in found.items():
        lowered = name.lower()
        if subsequence(wanted, lowered):
            rank = AT_HEAD.index(tier) if in_head else tier
            keyed.append((f"{0 if lowered.startswith(wanted) else 1}{rank}{name}", name, tier))
    return sorted(keyed)[:limit]


def outcome(analysis: FakeAnalysis, wanted: str, in_head: bool, limit: int) -> list[tuple[str, str, int]]:
    chosen = ranked(analysis, 0, wanted, in_head, GlobalNames(), limit)  # type: ignore[arg-type]
    return [(sort_text, candidate.name, candidate.tier) for sort_text, candidate in chosen]


NAME_CHARS = "abcmpzAZ-?!*.+[]\\^$|(){}İß"  # regular-expression syntax, and letters that change length when lowered
names = st.text(NAME_CHARS, min_size=1, max_size=8)
real_names = st.sampled_from(sorted([*builtins(), *SPECIAL_FORMS]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(names, real_names), max_size=30),
    st.lists(st.one_of(names, real_names), max_size=5),
    st.text(NAME_CHARS, max_size=4),
    st.booleans(),
    st.sampled_from([1, 5, 101, 100_000]),
)
def test_ranked_equals_the_plain_algorithm(
    globals_: list[str], locals_: list[str], prefix: str, in_head: bool, limit: int
) -> None:
    analysis = FakeAnalysis(globals_, locals_)
    wanted = prefix.lower()
    assert outcome(analysis, wanted, in_head, limit) == oracle(analysis, wanted, in_head, limit)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(names, real_names), max_size=80),
    st.lists(
        st.tuples(
            st.lists(st.one_of(names, real_names), max_size=3),  # globals added
            st.integers(0, 70),  # globals removed (from the front)
            st.text(NAME_CHARS, max_size=3),  # typed on
            st.integers(0, 3),  # characters deleted before that
            st.booleans(),
            st.integers(0, 80),  # where the added globals go
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([1, 5, 101, 100_000]),
)
def test_ranked_while_typing_equals_the_plain_algorithm(
    start: list[str], steps: list[tuple[list[str], int, str, int, bool, int]], limit: int
) -> None:
    """One `GlobalNames` (and the builtins' narrowed names) across a typing session: globals
    renamed, added and removed, the prefix typed on and cut back, every answer the oracle's."""
    cache = GlobalNames()
    globals_, prefix = list(dict.fromkeys(start)), ""
    for added, removed, typed, deleted, in_head, at in steps:
        kept = globals_[removed:]
        globals_ = list(dict.fromkeys(kept[:at] + added + kept[at:]))
        prefix = prefix[: max(0, len(prefix) - deleted)] + typed
        analysis, wanted = FakeAnalysis(globals_, []), prefix.lower()
        chosen = ranked(analysis, 0, wanted, in_head, cache, limit)  # type: ignore[arg-type]
        got = [(sort_text, candidate.name, candidate.tier) for sort_text, candidate in chosen]
        assert got == oracle(analysis, wanted, in_head, limit)


def found(names: Names | Amended, wanted: str) -> list[str]:
    return [*names.prefixed(wanted), *names.fuzzy(wanted)] if wanted else list(names.prefixed(wanted))


def test_global_names_follow_the_set_of_globals() -> None:
    """The sorted names are kept while the set of globals stays; a few names renamed are
    searched beside them (not sorted again); many changed make them again."""
    cache = GlobalNames()
    many = {f"g{index}": Named(f"g{index}") for index in range(REBASE + 1)}
    first = cache.of(many)
    assert first is cache.kept and sorted(found(first, "g1")) == sorted(name for name in many if "1" in name)
    assert cache.of({name: Named(name + "2") for name in many}) is first  # same names, other definitions
    renamed = {("typed" if name == "g7" else name): value for name, value in many.items()}
    view = cache.of(renamed)
    assert cache.kept is first and found(view, "") == sorted(renamed)
    assert "g7" not in found(view, "g7") and found(view, "ty") == ["typed"] and found(view, "d") == ["typed"]
    assert found(cache.of({"a": Named("a"), "c": Named("c")}), "") == ["a", "c"] and cache.kept is first
    fresh = {f"h{index}": Named(f"h{index}") for index in range(REBASE + 1)}
    assert found(cache.of(fresh), "") == sorted(fresh) and cache.kept is not first


def test_fuzzy_pattern_compiled_only_when_prefix_matches_leave_room(monkeypatch) -> None:
    """Names starting with the prefix are found without a regular expression, and the fuzzy
    one (≈ 0.1 ms to compile for each new prefix while typing) is compiled only when those
    names have not filled the answer."""
    compiled: list[str] = []
    completion_names.subsequence.cache_clear()
    real_compile = re.compile
    monkeypatch.setattr(re, "compile", lambda pattern, *args: compiled.append(pattern) or real_compile(pattern, *args))
    analysis = FakeAnalysis([f"fresh-name-{index}" for index in range(10)], [])
    assert len(outcome(analysis, "fresh-", False, 5)) == 5
    assert compiled == []
    assert [name for _, name, _ in outcome(analysis, "fn9", False, 5)] == ["fresh-name-9"]
    assert len(compiled) == 1


def test_typing_on_searches_the_last_answer() -> None:
    """The names holding `ty` in order are kept once a lookup read them all; `typ` and
    `type` search those, not every name again."""
    names = Names([f"name-{index}" for index in range(500)] + ["type", "typed-total", "pretty"])
    assert list(names.fuzzy("ty")) == ["pretty"]
    assert names.within("typ") is names.narrowed and names.narrowed.names == ["pretty", "type", "typed-total"]
    assert list(names.prefixed("type")) == ["type", "typed-total"] and list(names.fuzzy("typ")) == []
    assert names.within("type") is names.narrowed.narrowed and names.within("t") is names
