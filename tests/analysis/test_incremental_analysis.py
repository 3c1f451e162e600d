"""Re-analysis after an edit re-checks only the forms the edit can affect, and still agrees
with a fresh analysis: a form is re-checked when it changed, when a global it names
changed kind or parameters, or (if it has an unbound name, whose "did you mean" depends on
every global) when a global was added or removed."""

from __future__ import annotations

import pytest
from claudelang.analysis import Analyzer, analyze
from claudelang.analysis.suggest import Suggester
from claudelang.syntax import Document, TextEdit, parse
from hypothesis import given, settings
from hypothesis import strategies as st

SOURCE = """(define (area w h) (* w h))
(define (perimeter w h) (* 2 (+ w h)))
(define (report w) (io:print (area w w)))
(define (other x) (+ x 1))
(define (typo) (aera 1 2))
"""


def reanalyze(edits: list[tuple[tuple[int, int], tuple[int, int], str]]) -> tuple[list, list, list]:
    """(diagnostics after the edits, incrementally; the same from a fresh analysis; the
    forms whose checks were reused, by 0-based first line)."""
    document = Document(SOURCE)
    analyzer = Analyzer()
    before = analyzer.analyze(document.module)
    old_checks = {id(checks) for checks in before.checks.values()}
    for start, end, text in edits:
        document.apply_edits([TextEdit(start, end, text)])
    after = analyzer.analyze(document.module)
    fresh = analyze(parse(document.text))
    reused = [facts.form.span.start.line for facts in after.forms if id(after.checks[id(facts)]) in old_checks]
    return [d.key() for d in after.diagnostics], [d.key() for d in fresh.diagnostics], reused


def messages(keys: list) -> list[str]:
    return [key[-1] for key in keys]


def test_a_keystroke_in_a_body_rechecks_that_form_only() -> None:
    incremental, fresh, reused = reanalyze([((3, 23), (3, 24), "2")])
    assert incremental == fresh
    assert reused == [0, 1, 2, 4]


def test_adding_a_parameter_rechecks_the_callers() -> None:
    incremental, fresh, reused = reanalyze([((0, 17), (0, 17), " d")])  # (area w h d)
    assert incremental == fresh
    assert "'area' expects 3 arguments, got 2" in messages(incremental)
    assert reused == [1, 3, 4]  # not area (edited) nor report (calls it)


def test_renaming_a_function_makes_its_callers_unbound_and_updates_suggestions() -> None:
    incremental, fresh, reused = reanalyze([((0, 9), (0, 13), "surface")])
    assert incremental == fresh
    assert "unbound name 'area'; did you mean 'surface'?" not in messages(incremental)
    assert "unbound name 'aera'; did you mean 'area'?" not in messages(incremental)
    assert any(m.startswith("unbound name 'area'") for m in messages(incremental))
    assert reused == [1, 3]  # typo is re-checked: the set of globals changed


def test_defining_the_misspelt_name_binds_it() -> None:
    incremental, fresh, reused = reanalyze([((4, 0), (4, 0), "(define (aera a b) a)\n")])
    assert incremental == fresh
    assert not any("aera" in m for m in messages(incremental))
    assert reused == [0, 1, 2, 3]


def test_a_new_global_changes_the_suggestion_for_an_unrelated_unbound_name() -> None:
    incremental, fresh, _ = reanalyze([((4, 0), (4, 0), "(define (aerb a b) a)\n")])
    assert incremental == fresh


@pytest.mark.parametrize("word", ["aera", "prnt", "x", "", "zzzzzzzz", "io:prin"])
def test_suggestions_match_difflib(word: str) -> None:
    import difflib

    candidates = ["area", "print", "io:print", "x1", "xs", "perimeter", "map", "max"]
    local_names = ["x", "aerb", "print"]
    expected = difflib.get_close_matches(word, sorted(set(candidates) | set(local_names)), n=3, cutoff=0.6)
    suggester = Suggester(candidates)
    assert suggester.suggest(word, local_names) == expected
    assert suggester.suggest(word, local_names) == expected  # from the memo


NAMES = st.text(alphabet="abcde:-", max_size=9)


@settings(max_examples=300, deadline=None)
@given(word=NAMES, candidates=st.lists(NAMES, max_size=40), local_names=st.lists(NAMES, max_size=5))
def test_suggestions_match_difflib_for_any_names(word: str, candidates: list[str], local_names: list[str]) -> None:
    """The rapidfuzz prefilter never drops a candidate difflib would keep (analysis/suggest.py)."""
    import difflib

    expected = difflib.get_close_matches(word, sorted(set(candidates) | set(local_names)), n=3, cutoff=0.6)
    assert Suggester(candidates).suggest(word, local_names) == expected


def test_an_effect_added_to_a_callee_reaches_a_pure_contract_and_goes_again() -> None:
    source = "(define (g) 1)\n(define (f) (g))\n(spec:contract f :pure #t)\n"
    document, analyzer = Document(source), Analyzer()
    assert not analyzer.analyze(document.module).diagnostics
    document.apply_edits([TextEdit((0, 12), (0, 13), "(io:print 1)")])
    impure = analyzer.analyze(document.module).diagnostics
    assert [d.message for d in impure] == ["'f' is declared :pure but performs effects: io (via g)"]
    assert [d.key() for d in impure] == [d.key() for d in analyze(parse(document.text)).diagnostics]
    document.apply_edits([TextEdit((0, 12), (0, 24), "2")])
    assert not analyzer.analyze(document.module).diagnostics


def test_changing_a_contract_target_parameters_updates_the_contract_scope() -> None:
    source = "(define (f x) x)\n(spec:contract f :requires [(> x 0)])\n"
    document, analyzer = Document(source), Analyzer()
    assert not analyzer.analyze(document.module).diagnostics
    document.apply_edits([TextEdit((0, 11), (0, 12), "y")])  # (define (f y) y): x is unbound now
    after = analyzer.analyze(document.module).diagnostics
    assert [d.key() for d in after] == [d.key() for d in analyze(parse(document.text)).diagnostics]
    assert any(d.message.startswith("unbound name 'x'") for d in after)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(NAMES, min_size=1, max_size=4),
    versions=st.lists(st.lists(NAMES, max_size=20), min_size=1, max_size=5),
    local_names=st.lists(NAMES, max_size=3),
)
def test_a_successor_suggests_what_a_fresh_suggester_does(
    words: list[str], versions: list[list[str]], local_names: list[str]
) -> None:
    """Suggesters of successive versions share what they scored (`suggest.Pool`), each
    keeping only its own candidates' matches: asking in any order answers as a fresh one."""
    suggester = Suggester(versions[0])
    for candidates in versions:
        suggester = suggester.successor(candidates)
        for word in words:
            assert suggester.suggest(word, local_names) == Suggester(candidates).suggest(word, local_names)
