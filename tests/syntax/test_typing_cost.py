"""What a keystroke costs (issue 19), through the `Document` and `Analyzer` an editor uses.

A keystroke is incremental work only: `apply_edits(settle=False)` keeps tree-sitter's
incremental parse even when it has syntax errors, and `settle()` (when typing pauses)
makes the document equal a fresh parse. Forms an unclosed `"` turned into string come
back, as the same objects (and with the same semantic tokens), when it is closed.
"""

from __future__ import annotations

from claudelang.analysis import Analyzer, analyze
from claudelang.analysis.highlight import Highlighter, following_start
from claudelang.syntax import Document, TextEdit, parse

from tests.fuzz.oracles import picture

# tree-sitter recovers from these edits differently when reparsing incrementally (an
# ERROR root) than when parsing afresh (a list with a MISSING bracket).
DIVERGING = (
    "  (match e\n    ((Num v) v)\n    ((Mul l r) (* (evaluate-2 l) (evaluate-2 r)))))\n"
    "(spec:contract safe-div-2 :requires [(!= y 0)] :ensures [(number? result)])\n"
    "(define (safe-div-2 x y) (/ x y))\n"
    '(define config-2 {"name" "unit-2" :size 2 :tags ["a" "b" "c"]})\n'
    '(io:print "unit" 2 (sum-squares-2 (range 10)) (evaluate-2 (Add (Nu'
)
DIVERGING_EDITS = [((5, 5), (6, 7), ")]"), ((3, 6), (4, 13), "[d:#<spec"), ((1, 0), (2, 7), "&!zx;")]


def test_a_keystroke_keeps_the_incremental_parse_until_the_document_is_settled() -> None:
    document = Document(DIVERGING)
    for start, end, text in DIVERGING_EDITS:
        document.apply_edits([TextEdit(start, end, text)], settle=False)
    assert document.unsettled
    assert picture(document.module) != picture(parse(document.text))  # what tree-sitter gave
    version = document.module.version
    assert document.settle()
    assert not document.unsettled and document.module.version == version
    assert picture(document.module) == picture(parse(document.text))
    assert not document.settle()  # nothing left to do


def test_apply_edits_settles_by_default() -> None:
    document = Document(DIVERGING)
    for start, end, text in DIVERGING_EDITS:
        document.apply_edits([TextEdit(start, end, text)])
        assert not document.unsettled
        assert picture(document.module) == picture(parse(document.text))


def test_forms_an_unclosed_string_swallowed_come_back_when_it_is_closed() -> None:
    """Typing `"` turned every later form into string; closing it used to lower, resolve
    and highlight all of them again (half the file per `"` typed in the middle)."""
    lines = [f"(define (f{n} x) (g{n} x))" for n in range(6)]
    document = Document("\n".join(lines) + "\n")
    analyzer = Analyzer()
    before = analyzer.analyze(document.module)
    later_forms = document.module.forms[3:]
    document.apply_edits([TextEdit((2, 0), (2, 0), '(io:print "')], settle=False)
    analyzer.analyze(document.module)
    assert not any(form is later_forms[0] for form in document.module.forms)  # swallowed
    document.apply_edits([TextEdit((2, 11), (2, 11), 'x")')], settle=False)
    after = analyzer.analyze(document.module)
    assert all(new is old for new, old in zip(document.module.forms[4:], later_forms, strict=True))
    assert all(new is old for new, old in zip(after.forms[4:], before.forms[3:], strict=True))
    assert picture(document.module) == picture(parse(document.text))


def test_semantic_tokens_of_forms_an_unclosed_string_swallowed_are_not_computed_again() -> None:
    lines = [f"(define (f{n} x) (g{n} x))" for n in range(6)]
    document = Document("\n".join(lines) + "\n")
    analyzer, highlighter = Analyzer(), Highlighter()
    highlighter.data(analyzer.analyze(document.module))
    document.apply_edits([TextEdit((2, 0), (2, 0), '(io:print "')], settle=False)
    highlighter.data(analyzer.analyze(document.module))
    document.apply_edits([TextEdit((2, 11), (2, 11), 'x")\n')], settle=False)
    analysis = analyzer.analyze(document.module)
    units = document.module.units
    computed = [highlighter.tokens_of(analysis, unit, following_start(units, i))[1] for i, unit in enumerate(units)]
    assert computed == [False, False, True, False, False, False, False]
    assert highlighter.data(analysis) == Highlighter().data(analyze(parse(document.text)))
