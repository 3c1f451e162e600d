"""The forms a keystroke makes stale are found in the readers table (`analysis.readers`),
which the next version takes over and updates, not by a pass over every form's checks:
typing a global's name makes the table from every form once, and the analyses equal fresh
ones throughout (the table being wrong would leave a reader with stale checks)."""

from __future__ import annotations

import pytest
from claudelang.analysis import Analyzer, readers
from claudelang.syntax import Document, TextEdit

from tests.fuzz.oracles import analysis_picture


def test_renaming_a_global_finds_its_readers_in_the_carried_table(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    original = readers.Readers.__init__

    def counting(self: readers.Readers, forms: object) -> None:
        made.append(1)
        original(self, forms)  # type: ignore[arg-type]

    monkeypatch.setattr(readers.Readers, "__init__", counting)
    source = "".join(f"(define (f{n} x) (g{n} x))\n(define (g{n} y) (io:print y))\n(f{n} {n})\n" for n in range(50))
    document, analyzer = Document(source), Analyzer()
    analyzer.analyze(document.module)
    typed = [TextEdit((61, 12), (61, 12), "x"), TextEdit((61, 13), (61, 13), "y"), TextEdit((61, 12), (61, 14), "")]
    for edit in typed:  # (define (g20xy y) ...): g20 unbound in f20, then bound again
        document.apply_edits([edit])
        incremental = analyzer.analyze(document.module)
        fresh = Analyzer().analyze(document.module)  # (makes no table: nothing asks it)
        assert analysis_picture(incremental) == analysis_picture(fresh)
    assert made == [1]
    assert [d.message for d in incremental.diagnostics] == []


def test_an_unclosed_quote_keeps_the_readers_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quote drops every later form and closing it brings them back: the table is
    updated for them both times, not made again from every form afterwards."""
    made: list[int] = []
    original = readers.Readers.__init__

    def counting(self: readers.Readers, forms: object) -> None:
        made.append(1)
        original(self, forms)  # type: ignore[arg-type]

    monkeypatch.setattr(readers.Readers, "__init__", counting)
    source = "".join(f"(define (f{n} x) (g{n} x))\n(define (g{n} y) (io:print y))\n(f{n} {n})\n" for n in range(50))
    document, analyzer = Document(source), Analyzer()
    analyzer.analyze(document.module)
    typed = [
        TextEdit((61, 12), (61, 12), "x"),  # (define (g20x y) ...): makes the table
        TextEdit((30, 0), (30, 0), '"'),
        TextEdit((30, 1), (30, 1), '"'),
        TextEdit((61, 13), (61, 13), "y"),
        TextEdit((61, 12), (61, 14), ""),
    ]
    for edit in typed:
        document.apply_edits([edit], settle=False)
        incremental = analyzer.analyze(document.module)
        assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module))
    assert made == [1]
