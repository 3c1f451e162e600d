"""An unclosed `"` typed into a file drops every form after it (the syntax layer makes the
rest of the file one broken form) and closing it brings them back (`RetiredUnits`). The
analysis of each version equals a fresh analysis of the same module (`analysis_picture`),
and the work it does is what the edit touched: the forms before the quote keep their
checks although half the definitions of the constructors every section redefines went
away (only a redefined global's first and last definitions matter to code in functions;
`order_facts` holds the one a form reads at load time), and the forms that come back keep
the checks they had while what those read is as it was. Counted in `check_form` calls,
not time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from claudelang.analysis import Analyzer
from claudelang.analysis import document as analysis_document
from claudelang.analysis.checks import SUGGESTED_NAMES
from claudelang.analysis.document import DocumentAnalysis
from claudelang.syntax import Document, TextEdit
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.oracles import analysis_picture

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from corpus import realistic_source

SECTION = """(data E (Num v) (Add l r))
(spec:contract f{n} :requires [(> x 0)])
(define (f{n} x) (g x))
(define (g x) (+ x {n}))
(io:print "s{n}" (f{n} 1) (Num {n}) (Add (Num 1) (Num 2)))
(define (h{n}) (Add (Num 1) (g 2)))
"""

LINES = [
    "(define (g x y) (+ x y))",
    "(define (g x) x)",
    "(data E (Num v w))",
    "(data E (Num v) (Add l r))",
    "(define Num 3)",
    "(io:print (Num 1 2))",
    "(spec:contract g :pure #t)",
    "(define (k) (io:print 1))",
    "",
]


def agrees(document: Document, analyzer: Analyzer) -> DocumentAnalysis:
    incremental = analyzer.analyze(document.module)
    assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module))
    return incremental


@pytest.fixture
def check_forms(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The facts of every form `check_form` checks, from the moment the fixture is made."""
    checked: list[object] = []
    original = analysis_document.check_form

    def counting(result: DocumentAnalysis, facts: object) -> object:
        checked.append(facts)
        return original(result, facts)

    monkeypatch.setattr(analysis_document, "check_form", counting)
    return checked


def open_and_close_a_quote(text: str, row: int, check_forms: list[object]) -> list[int]:
    """How many of the forms the file had before are checked again when `"` is typed at the
    start of `row` and when it is deleted (new forms, such as the broken one, are not counted)."""
    document, analyzer = Document(text), Analyzer()
    before = {id(facts) for facts in agrees(document, analyzer).forms}
    counts = []
    for start, end, new in [((row, 0), (row, 0), '"'), ((row, 0), (row, 1), "")]:
        check_forms.clear()
        document.apply_edits([TextEdit(start, end, new)], settle=False)
        analyzer.analyze(document.module)
        counts.append(sum(id(facts) in before for facts in check_forms))
        agrees(document, analyzer)
    return counts


def test_an_unclosed_quote_checks_no_form_it_did_not_touch(check_forms: list[object]) -> None:
    text = "".join(SECTION.format(n=n) for n in range(40))
    dropped, returned = open_and_close_a_quote(text, text.count("\n") // 2, check_forms)
    assert dropped == 0  # before: every form reading Num or Add (2 per section)
    assert returned == 0  # before: every form that came back


def test_the_realistic_corpus_keeps_its_checks_through_the_quote(check_forms: list[object]) -> None:
    text = realistic_source(30_000)
    lines = text.split("\n")
    row = next(i for i in range(len(lines) // 2, len(lines)) if not lines[i])
    assert open_and_close_a_quote(text, row, check_forms) == [0, 0]


def test_suggestions_stop_after_the_first_hundred_names_of_a_form() -> None:
    names = " ".join(f"abcd{n:03d}" for n in range(SUGGESTED_NAMES + 20))
    analysis = Analyzer().analyze(Document(f"(define (abcde) 1)\n(io:print {names} abcd005)\n").module)
    messages = [d.message for d in analysis.diagnostics]
    assert len(messages) == SUGGESTED_NAMES + 21
    assert messages[0] == "unbound name 'abcd000'; did you mean 'abcde'?"
    assert messages[SUGGESTED_NAMES - 1].endswith("did you mean 'abcde'?")
    assert messages[SUGGESTED_NAMES] == f"unbound name 'abcd{SUGGESTED_NAMES:03d}'"
    assert messages[-1] == "unbound name 'abcd005'; did you mean 'abcde'?"  # a name already suggested for


@settings(max_examples=60, deadline=None)
@given(
    sections=st.integers(2, 6),
    at=st.integers(0, 40),
    steps=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(LINES), st.booleans()), max_size=4),
    close=st.booleans(),
)
def test_edits_while_a_quote_is_open_equal_a_fresh_analysis(
    sections: int, at: int, steps: list[tuple[int, str, bool]], close: bool
) -> None:
    """While the quote is open, lines before it are replaced or inserted (a constructor or
    function gains a parameter, a global is redefined, a contract comes): the forms that
    come back must not keep checks that no longer hold."""
    document, analyzer = Document("".join(SECTION.format(n=n) for n in range(sections))), Analyzer()
    agrees(document, analyzer)
    at = min(at, document.text.count("\n"))
    document.apply_edits([TextEdit((at, 0), (at, 0), '"')], settle=False)
    agrees(document, analyzer)
    for row, line, insert in steps:
        row = min(row, at)
        if row == at:
            insert = True
        old = document.text.split("\n")[row]
        end = (row, 0) if insert else (row, len(old))
        document.apply_edits([TextEdit((row, 0), end, line + "\n" if insert else line)], settle=False)
        at += 1 if insert else 0
        agrees(document, analyzer)
    if close:
        document.apply_edits([TextEdit((at, 0), (at, 1), "")], settle=False)
        agrees(document, analyzer)


def test_a_form_reading_a_middle_definition_at_load_time_is_checked_again() -> None:
    """Only a redefined global's first and last definitions are compared (`ends`) where the
    tables are rebuilt; a form that runs a middle one keeps its checks only while the shape
    of that one stays (`order_facts`)."""
    lines = ["(define (f x) x)", "(spec:contract g :pure #t)", "(define (f x) x)", "(f 1)", "(define (f x) x)"]
    document, analyzer = Document("\n".join(lines) + "\n"), Analyzer()
    agrees(document, analyzer)
    document.apply_edits([TextEdit((1, 0), (2, len(lines[2])), "(define (k) 1)\n(define (f x y) x)")])
    after = agrees(document, analyzer)
    assert [d.message for d in after.diagnostics if d.code == "arity"] == ["'f' expects 2 arguments, got 1"]
