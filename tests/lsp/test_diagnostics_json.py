"""Diagnostics converted to LSP JSON once per diagnostic and position of its form
(`convert.DiagnosticsJson`): after every edit, what it returns must equal converting every
diagnostic afresh, and the JSON must be what lsprotocol's own conversion writes."""

from __future__ import annotations

from dataclasses import replace

from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.lsp import convert
from claudelang.lsp.convert import DiagnosticsJson, diagnostic_json
from claudelang.lsp.state import OpenDocument
from claudelang.syntax import Document, TextEdit
from hypothesis import given
from lsprotocol import types as lsp
from pygls.protocol import default_converter

from tests.fuzz.test_fuzz_syntax import edit_sessions, fuzz

CONVERTER = default_converter()
NOISY = "(define (f x) (g x))\n(define (h) (f 1 2))\n\n(unbound-here 1)\n(define (k y) (h y)) ; arity\n"


def diagnostics_of(doc: OpenDocument) -> list[Diagnostic]:
    return doc.module.diagnostics + doc.analysis().diagnostics


def check(doc: OpenDocument, converted: DiagnosticsJson) -> list[dict]:
    found = diagnostics_of(doc)
    served = converted.convert(found, doc.module.data)
    assert served == [diagnostic_json(d) for d in found]
    fresh = OpenDocument("file:///fresh.cl", 1, Document(doc.module.text))
    assert served == [diagnostic_json(d) for d in diagnostics_of(fresh)]
    return served


def test_forms_moved_by_an_edit_above_them_are_converted_again() -> None:
    doc = OpenDocument("file:///moved.cl", 1, Document(NOISY))
    converted = doc.diagnostics_json  # told of each edit by `OpenDocument.apply`
    before = check(doc, converted)
    assert before  # the text has diagnostics
    for version, edit in enumerate(
        [
            TextEdit((0, 0), (0, 0), "\n\n"),  # every form moves down
            TextEdit((3, 0), (3, 0), "  "),  # the form with diagnostics moves right
            TextEdit((5, 1), (5, 2), "unbound-here"),  # a diagnostic's own form edited
            TextEdit((0, 0), (2, 0), ""),  # every form moves up again
        ],
        start=2,
    ):
        doc.apply([edit], version)
        check(doc, converted)


def test_the_json_is_what_lsprotocol_writes() -> None:
    doc = OpenDocument("file:///shape.cl", 1, Document(NOISY))
    for diagnostic in diagnostics_of(doc):
        item = diagnostic_json(diagnostic)
        assert CONVERTER.unstructure(CONVERTER.structure(item, lsp.Diagnostic)) == item


@fuzz(100)
@given(edit_sessions())
def test_cached_conversion_equals_a_fresh_one_after_any_edits(session) -> None:  # type: ignore[no-untyped-def]
    text, edits = session
    doc = OpenDocument("file:///fuzz.cl", 1, Document(text))
    converted = doc.diagnostics_json
    converted.convert(diagnostics_of(doc), doc.module.data)
    for version, (start, end, new_text) in enumerate(edits, start=2):
        doc.apply([TextEdit(start, end, new_text)], version)
        if version % 3 == 0:  # sometimes several edits before a conversion
            continue
        found = diagnostics_of(doc)
        assert converted.convert(found, doc.module.data) == [diagnostic_json(d) for d in found]
        if doc.settle():
            found = diagnostics_of(doc)
            assert converted.convert(found, doc.module.data) == [diagnostic_json(d) for d in found]


def test_a_form_checked_again_to_the_same_effect_reuses_the_json(monkeypatch) -> None:
    """Equal diagnostics of an unchanged form (new objects: the analysis checked it again)
    are not converted again, and a changed field is."""
    doc = OpenDocument("file:///again.cl", 1, Document(NOISY))
    converted = DiagnosticsJson()
    found = diagnostics_of(doc)
    data = doc.module.data
    first = converted.convert(found, data)
    calls: list[Diagnostic] = []
    monkeypatch.setattr(convert, "diagnostic_json", lambda d: calls.append(d) or diagnostic_json(d))
    again = [replace(d) for d in found]
    assert converted.convert(again, data) == first and not calls
    changed = [
        replace(found[0], text=found[0].text + "!"),
        replace(found[0], severity=Severity.HINT),
        replace(found[0], tags=("unnecessary",)),
        replace(found[0], data={"other": 1}),
    ]
    for diagnostic in changed:
        assert converted.convert([diagnostic], data) == [diagnostic_json(diagnostic)]
    assert len(calls) == len(changed)


def typed(doc: OpenDocument, line: int, text: str, monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """Type `text` at the start of `line`, a character per keystroke, converting the
    diagnostics after each: how many were converted each time (each list is checked
    against converting every diagnostic afresh)."""
    calls: list[Diagnostic] = []
    monkeypatch.setattr(convert, "diagnostic_json", lambda d: calls.append(d) or diagnostic_json(d))
    counts = []
    for column, char in enumerate(text):
        doc.apply([TextEdit((line, column), (line, column), char)], doc.version + 1)
        found = diagnostics_of(doc)
        calls.clear()
        served = doc.diagnostics_json.convert(found, doc.module.data)
        counts.append(len(calls))
        assert served == [diagnostic_json(d) for d in found]
    return counts


FLIPPING = "".join(f'(define (show-{i}) (io:print "alpha beta gamma {i}"))\n' for i in range(60))


def test_an_unclosed_quote_converts_only_what_the_keystroke_changed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Typing after an unclosed `"`: the form holding it swallows the rest of the file and
    is lowered again on every keystroke, with new "unbound name" diagnostics for every
    word that was inside a string; those after the edited line keep their JSON."""
    doc = OpenDocument("file:///quote.cl", 1, Document("(define top 1)\n\n" + FLIPPING))
    doc.diagnostics_json.convert(diagnostics_of(doc), doc.module.data)
    counts = typed(doc, 1, '(io:print "still typing', monkeypatch)
    assert len(diagnostics_of(doc)) > 150  # the words of the 60 strings, now names
    opened = '(io:print "still typing'.index('"')
    assert counts[opened] > 150  # the keystroke that opened the string
    assert max(counts[opened + 1 :]) <= 3


def test_lines_typed_above_diagnostics_move_their_json(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = OpenDocument("file:///lines.cl", 1, Document("(define top 1)\n\n" + FLIPPING.replace('"', "")))
    doc.diagnostics_json.convert(diagnostics_of(doc), doc.module.data)
    counts = typed(doc, 1, "\n\n(x)\n", monkeypatch)
    assert len(diagnostics_of(doc)) > 150
    assert max(counts) <= 3
