"""The effects of a version made from the last one's (`effects.effects_after`) equal the
fixed point's whenever it answers, and typing a new function's name and body, which no
other function calls, runs no fixed point over every function."""

from __future__ import annotations

import pytest
from claudelang.analysis import Analyzer
from claudelang.analysis import document as analysis_document
from claudelang.analysis.effects import effects_after, infer_effects
from claudelang.syntax import Document, TextEdit
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.oracles import analysis_picture

NAMES = [f"f{n}" for n in range(6)]
entries = st.tuples(
    st.dictionaries(st.sampled_from(["io", "random"]), st.just("b"), max_size=2),
    st.sets(st.sampled_from(NAMES), max_size=3),
)
tables = st.dictionaries(st.sampled_from(NAMES), entries)


@settings(max_examples=400, deadline=None)
@given(
    tables, st.dictionaries(st.sampled_from(NAMES), entries, max_size=2), st.sets(st.sampled_from(NAMES), max_size=2)
)
def test_effects_after_an_edit_equal_the_fixed_point(before: dict, updated: dict, removed: set[str]) -> None:
    after = {name: entry for name, entry in {**before, **updated}.items() if name not in removed}
    changed = {name for name in {*before, *after} if before.get(name) != after.get(name)}
    effects, reasons = infer_effects(before)
    found = effects_after(after, effects, reasons, changed)
    if found is not None:
        assert found == infer_effects(after)


def test_typing_a_new_function_runs_no_fixed_point(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "".join(f"(define (f{n} x) (g{n} x))\n(define (g{n} y) (io:print y))\n" for n in range(30))
    document, analyzer = Document(source), Analyzer()
    analyzer.analyze(document.module)
    runs: list[int] = []
    fixed_point = analysis_document.infer_effects
    monkeypatch.setattr(analysis_document, "infer_effects", lambda direct: runs.append(1) or fixed_point(direct))
    typed = "(define (hx y) (io:print y))"  # at the end, where its brackets swallow no form
    for col, char in enumerate(typed):
        document.apply_edits([TextEdit((60, col), (60, col), char)])
        incremental = analyzer.analyze(document.module)
        assert runs == [], typed[: col + 1]
        assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module))
        runs.clear()
    assert incremental.effects["hx"] == {"io"}


def test_a_call_within_the_defining_form_reaches_the_caller() -> None:
    """`f` calls `n`, which its own form redefines; `n`'s effects come from its first
    definition, edited elsewhere, and must reach `f` while the callers are looked up in the
    readers table (made by the rename before)."""
    source = "(define (n) 1)\n(do (define (n) (io:print 1)) (define (f) (n)))\n(define (k) 2)\n"
    document, analyzer = Document(source), Analyzer()
    analyzer.analyze(document.module)
    for edit in [TextEdit((2, 9), (2, 9), "x"), TextEdit((0, 12), (0, 13), "(io:print 2)")]:  # kx: makes the table
        document.apply_edits([edit])
        incremental = analyzer.analyze(document.module)
        assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module))
    assert incremental._readers is not None and incremental.effects["f"] == {"io"}
