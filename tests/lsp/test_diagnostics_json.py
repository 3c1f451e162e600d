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
    served = converted.convert(found)
    assert served == [diagnostic_json(d) for d in found]
    fresh = OpenDocument("file:///fresh.cl", 1, Document(doc.module.text))
    assert served == [diagnostic_json(d) for d in diagnostics_of(fresh)]
    return served


def test_forms_moved_by_an_edit_above_them_are_converted_again() -> None:
    doc = OpenDocument("file:///moved.cl", 1, Document(NOISY))
    converted = DiagnosticsJson()
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
    converted = DiagnosticsJson()
    converted.convert(diagnostics_of(doc))
    for version, (start, end, new_text) in enumerate(edits, start=2):
        doc.apply([TextEdit(start, end, new_text)], version)
        found = diagnostics_of(doc)
        assert converted.convert(found) == [diagnostic_json(d) for d in found]
        if doc.settle():
            found = diagnostics_of(doc)
            assert converted.convert(found) == [diagnostic_json(d) for d in found]


def test_a_form_checked_again_to_the_same_effect_reuses_the_json(monkeypatch) -> None:
    """Equal diagnostics of an unchanged form (new objects: the analysis checked it again)
    are not converted again, and a changed field is."""
    doc = OpenDocument("file:///again.cl", 1, Document(NOISY))
    converted = DiagnosticsJson()
    found = diagnostics_of(doc)
    first = converted.convert(found)
    calls: list[Diagnostic] = []
    monkeypatch.setattr(convert, "diagnostic_json", lambda d: calls.append(d) or diagnostic_json(d))
    again = [replace(d) for d in found]
    assert converted.convert(again) == first and not calls
    changed = [
        replace(found[0], text=found[0].text + "!"),
        replace(found[0], severity=Severity.HINT),
        replace(found[0], tags=("unnecessary",)),
        replace(found[0], data={"other": 1}),
    ]
    for diagnostic in changed:
        assert converted.convert([diagnostic]) == [diagnostic_json(diagnostic)]
    assert len(calls) == len(changed)
