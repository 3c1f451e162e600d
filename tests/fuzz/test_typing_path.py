"""The editor's typing path (issue 19), fuzzed: keystrokes applied without settling.

The server applies each keystroke with `apply_edits(settle=False)`, so that it costs what
it edited: until typing pauses, a document with syntax errors keeps tree-sitter's
incremental recovery, which may differ from a fresh parse. What it serves meanwhile must
be sound (diagnostics inside the document, semantic tokens in order), and once settled
the document, its reused `Analyzer` and `Highlighter` must equal a fresh computation.
"""

from __future__ import annotations

from claudelang.analysis import Analyzer, analyze
from claudelang.analysis.highlight import Highlighter
from claudelang.syntax import Document, TextEdit, parse
from hypothesis import given

from tests.fuzz.oracles import Edit, check_diagnostics, check_token_order, picture
from tests.fuzz.test_fuzz_syntax import edit_sessions, fuzz


def check_typing(text: str, edits: list[Edit]) -> None:
    document = Document(text)
    analyzer, highlighter = Analyzer(), Highlighter()
    highlighter.data(analyzer.analyze(document.module))
    for start, end, new_text in edits:
        document.apply_edits([TextEdit(start, end, new_text)], settle=False)
        served = analyzer.analyze(document.module)
        check_diagnostics(document.module, document.module.diagnostics + served.diagnostics)
        check_token_order(highlighter.data(served))
        document.settle()
        fresh = parse(document.text)
        assert picture(document.module) == picture(fresh)
        settled, fresh_analysis = analyzer.analyze(document.module), analyze(fresh)
        assert [d.key() for d in settled.diagnostics] == [d.key() for d in fresh_analysis.diagnostics]
        assert highlighter.data(settled) == Highlighter().data(fresh_analysis)


@fuzz(150)
@given(edit_sessions())
def test_typing_unsettled_is_sound_and_settles_to_a_fresh_parse(session: tuple[str, list[Edit]]) -> None:
    check_typing(*session)


@fuzz(100)
@given(edit_sessions())
def test_the_unit_found_for_a_form_is_the_one_holding_it(session: tuple[str, list[Edit]]) -> None:
    """`document.unfinished` finds a form's unit by bisection over the units' starts, also
    in the unsettled modules of the typing path (hoisted and retired units)."""
    from claudelang.analysis.document import unfinished
    from claudelang.ast.diagnostic import Severity

    text, edits = session
    document = Document(text)
    for start, end, new_text in edits:
        document.apply_edits([TextEdit(start, end, new_text)], settle=False)
        module = document.module
        for unit in module.units:
            broken = any(d.severity is Severity.ERROR for d in unit.diagnostics)
            assert all(unfinished(module, form) == broken for form in unit.forms)
