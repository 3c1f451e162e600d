"""Semantic tokens spliced from the last answer (`Highlighter.encoded`): after each edit,
the whole-document array must equal a fresh highlighter's over a fresh analysis, for edits
that move the units after them, move every unit (an edit above them, a full-text change),
re-check distant units (a global renamed) and touch two forms sharing a line; and the
edit the answer makes to the previous one (`edit_since`) must turn one into the other."""

from __future__ import annotations

import gc
from array import array

from claudelang.analysis import Analyzer, analyze
from claudelang.analysis.highlight import Highlighter
from claudelang.syntax import Document, TextEdit, parse

FORMS = "".join(f"(define (f{i} x) (+ x {i}))\n(f{i} (helper {i}))\n" for i in range(30))
TEXT = (
    "(define (helper y) y)\n(define (early) (late 1))\n"
    + FORMS
    + "(define a 1) (define b (+ a 1))\n(helper a)\n(define (late q) q)\n"
)


class Typist:
    def __init__(self, text: str) -> None:
        self.document = Document(text)
        self.analyzer = Analyzer()
        self.highlighter = Highlighter()
        self.check()

    def check(self) -> None:
        previous = getattr(self, "tokens", None)
        tokens = self.tokens = self.highlighter.data(self.analyzer.analyze(self.document.module))
        assert tokens == Highlighter().data(analyze(parse(self.document.text)))
        assert len(self.highlighter._cache) <= 2 * len(self.document.module.units) + 64
        if previous is not None:  # the delta a `full/delta` request sends, when spliced
            spliced = self.highlighter.edit_since(previous, tokens)
            assert spliced is not None
            start, delete_count, data = spliced
            assert previous[:start] + data + previous[start + delete_count :] == tokens

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        self.document.apply_edits([TextEdit(start, end, text)])
        self.check()

    def line_of(self, text: str) -> int:
        return self.document.text[: self.document.text.index(text)].count("\n")

    def replace(self, text: str) -> None:
        self.document.replace(text)
        self.check()


def test_edits_that_move_units_rename_globals_and_share_lines() -> None:
    typist = Typist(TEXT)
    typist.edit((10, 0), (10, 0), "\n\n")  # the units below move down
    typist.edit((10, 0), (12, 0), "")  # and back up
    typist.edit((0, 0), (0, 0), "; a comment above everything\n")  # every unit moves
    typist.edit((5, 3), (5, 3), "(")  # unbalanced: units after it are hoisted out of it
    typist.edit((5, 3), (5, 4), "")
    helper = typist.line_of("(define (helper")
    typist.edit((helper, 9), (helper, 15), "assist")  # `helper` renamed: its distant readers change
    typist.edit((helper, 9), (helper, 15), "helper")
    late = typist.line_of("(define (late")
    typist.edit((late, 9), (late, 13), "later")  # `late` renamed: a unit before it changes
    shared = typist.line_of("(define a 1)")
    typist.edit((shared, 12), (shared, 12), " (define c a)")  # a third form on a shared line
    typist.edit((shared, 0), (shared, 0), "   ")  # the shared line's forms move right
    typist.replace("\n" + typist.document.text)  # a full-text change moves every unit
    typist.replace(typist.document.text[40:])  # and one that drops the first units
    typist.replace(typist.document.text.replace("))\n(f1", "))\n\n(f1"))  # gaps change between kept units


def test_typing_a_form_character_by_character() -> None:
    typist = Typist(TEXT)
    line = 20
    typist.edit((line, 0), (line, 0), "\n")
    for col, char in enumerate("(define (g z) (f3 z))"):
        typist.edit((line, col), (line, col), char)


def test_an_answer_is_an_array_the_collector_does_not_walk() -> None:
    """The whole-document answer after an edit is an array (the collector visits only its
    type, not each int), made by one copy of the last with the edited units' ints replaced:
    a list of 500,000 ints (1 MB) cost every collection ≈ 2-13 ms while it was young, and
    slicing and extending it 3 ms."""
    typist = Typist(TEXT)
    row = typist.line_of("(f7 (helper 7))")
    typist.edit((row, 1), (row, 3), "helper")
    last = typist.highlighter._last
    assert last is not None and last.since is not None
    assert isinstance(typist.tokens, array) and len(typist.tokens) > 100
    assert len(gc.get_referents(typist.tokens)) <= 1
    assert len(gc.get_referents(last.since[0])) <= 1  # the previous answer, kept for the delta
