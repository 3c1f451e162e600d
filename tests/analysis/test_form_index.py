"""The layered form index (`analysis.form_index.FormIndex`) answers as an index made from
every form, after any sequence of edits, and a keystroke neither makes one from every form
nor diffs the two versions' forms again (the analyzer knows which forms it replaced)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from claudelang.analysis import Analyzer, form_index
from claudelang.analysis.form_diff import FormDiff
from claudelang.analysis.form_index import FormIndex
from claudelang.syntax import Document, TextEdit
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.oracles import analysis_picture

edits = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.integers(0, 4)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), edits)
def test_an_edited_index_equals_a_fresh_one(size: int, steps: list[tuple[int, int, int]]) -> None:
    forms = [SimpleNamespace(form=object()) for _ in range(size)]
    index = FormIndex(forms)
    index.get(object())  # (made from every form)
    gone: list[object] = []
    for at, removed, added in steps:
        start = min(at, len(forms))
        removed = min(removed, len(forms) - start)
        new = [SimpleNamespace(form=object()) for _ in range(added)]
        gone.extend(facts.form for facts in forms[start : start + removed])
        forms = [*forms[:start], *new, *forms[start + removed :]]
        index = index.edited(forms, start, removed, new)
        assert [index.get(facts.form) for facts in forms] == list(range(len(forms)))
        assert all(index.get(form) is None for form in gone)


def test_typing_neither_indexes_nor_diffs_every_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keystrokes in a body, a form added and one removed: the form index is the last
    version's, updated (`FormIndex.edited`), and the diff is the analyzer's."""
    passes: list[str] = []
    index_forms, between = form_index.index_forms, FormDiff.between
    monkeypatch.setattr(form_index, "index_forms", lambda forms: passes.append("index") or index_forms(forms))
    monkeypatch.setattr(FormDiff, "between", classmethod(lambda _cls, *lists: passes.append("diff") or between(*lists)))
    source = "".join(f"(define (f{n} x) (+ x {n}))\n(f{n} 1)\n" for n in range(40))
    document, analyzer = Document(source), Analyzer()
    analyzer.analyze(document.module).form_order().get(document.module.forms[0])
    typed = [  # in (define (f10 x) (+ x 10)): a digit typed and deleted; a form put in, taken out
        TextEdit((20, 17), (20, 17), "2"),
        TextEdit((20, 17), (20, 18), ""),
        TextEdit((21, 0), (21, 0), "(f3 2)\n"),
        TextEdit((21, 0), (22, 0), ""),
    ]
    for edit in typed:
        document.apply_edits([edit])
        passes.clear()
        incremental = analyzer.analyze(document.module)
        forms = incremental.forms
        assert [incremental.form_order().get(facts.form) for facts in forms] == list(range(len(forms)))
        assert passes == []
        assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module))
