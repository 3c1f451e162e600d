"""Semantic tokens spliced from the last answer (`Highlighter.encoded`): after each edit,
the whole-document array must equal a fresh highlighter's over a fresh analysis, for edits
that move the units after them, move every unit (an edit above them, a full-text change),
re-check distant units (a global renamed) and touch two forms sharing a line; and the
edit the answer makes to the previous one (`edit_since`) must turn one into the other."""

from __future__ import annotations

import gc
import random
from array import array

import pytest
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
        previous, answered = getattr(self, "tokens", None), getattr(self, "answer", None)
        answer = self.answer = self.highlighter.update(self.analyzer.analyze(self.document.module))
        tokens = self.tokens = self.highlighter.whole()
        assert tokens == Highlighter().data(analyze(parse(self.document.text)))
        whole = self.highlighter._whole
        kept = 0 if whole is None or whole is self.highlighter._last else len(whole.units)
        assert len(self.highlighter._cache) <= 2 * (len(self.document.module.units) + kept) + 64
        if previous is not None and answered is not None:  # the delta a `full/delta` request sends
            spliced = self.highlighter.edit_since(answered, answer)
            assert spliced is not None
            start, delete_count, inserted = spliced
            assert previous[:start] + array("q", inserted) + previous[start + delete_count :] == tokens

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


def test_an_answer_is_written_in_place_into_an_array_the_collector_does_not_walk() -> None:
    """An answer after an edit writes the edited units' ints into the last answer's array
    (no copy of the whole: 500,000 ints at 1 MB), which is an array (the collector visits
    only its type, not each int: a list of 500,000 ints cost every collection ≈ 2-13 ms
    while it was young); typing in a body lists no form's checks (the globals' meanings
    are shared), a global renamed does (its distant readers change)."""
    typist = Typist(TEXT)
    before = typist.highlighter._last
    assert before is not None
    row = typist.line_of("(f7 (helper 7))")
    typist.edit((row, 1), (row, 3), "helper")  # a body: the same globals, the same shapes
    last = typist.highlighter._last
    assert last is not None and last.out is before.out and last.counts is before.counts
    assert last.checks is None
    assert isinstance(last.out, array) and len(last.out) > 100 and len(gc.get_referents(last.out)) <= 1
    helper = typist.line_of("(define (helper")
    typist.edit((helper, 9), (helper, 15), "assist")
    last = typist.highlighter._last
    assert last is not None and last.checks is not None and last.out is before.out


ALPHABET = '()[] \n\n"ab1;+'  # brackets and quotes left open, comments, names that come and go


@pytest.mark.parametrize("seed", range(8))
def test_random_edits_spliced_equal_a_fresh_answer(seed: int) -> None:
    """After random edits (one to three between answers, anywhere: the units kept at either
    end may have moved, or not, and gaps between them may change), the answer equals a
    fresh one and its edit turns the previous answer into it (`Typist.check`)."""
    rng = random.Random(seed)
    typist = Typist(TEXT)
    for _ in range(150):
        edits = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            text = typist.document.text
            lines = text.split("\n")
            row = rng.randrange(len(lines))
            col = rng.randrange(len(lines[row]) + 1)
            if rng.random() < 0.3 and col < len(lines[row]):
                edits.append(((row, col), (row, min(len(lines[row]), col + rng.randint(1, 4))), ""))
            else:
                edits.append(((row, col), (row, col), "".join(rng.choices(ALPHABET, k=rng.randint(1, 3)))))
            typist.document.apply_edits([TextEdit(*edits[-1])])
        typist.check()


QUOTED = "(define (a) 1)\n(define (c) (a))\n" + "".join(f"(define (g{i}) (+ {i} (a)))\n" for i in range(20)) + "(z)\n"


def test_an_unclosed_string_cuts_off_the_rest_and_closing_it_brings_it_back() -> None:
    """A `"` left open swallows the units after it (the answer cuts off its end, kept as
    `_whole`); closing it brings their ints back from `_whole`, written into its array when
    its units before the edit are this answer's, else copied (one above the quote was
    edited meanwhile)."""
    for edit_above in (False, True):
        typist = Typist(QUOTED)
        row = typist.line_of("(define (g10)")
        typist.edit((row, 14), (row, 14), '"')
        whole = typist.highlighter._whole
        assert whole is not None and whole is not typist.highlighter._last
        typist.edit((row, 15), (row, 15), "ab")
        if edit_above:
            typist.edit((1, 15), (1, 15), " ")
        typist.edit((row, 17), (row, 17), '"')
        last = typist.highlighter._last
        assert last is typist.highlighter._whole
        assert (last.out is whole.out) is not edit_above
