"""An analysis that carries the previous version's tables over (globals, redefinitions,
shapes, direct effects, contract scopes, form indexes; `document.carry_globals`) equals a
fresh analysis of the same module, in every table (`analysis_picture`), after any sequence
of edits: lines of a small vocabulary that redefine globals, change their parameters and
effects, read them before their definition, import them and attach contracts to them, put
in, taken out, replaced whole or typed character by character."""

from __future__ import annotations

import pytest
from claudelang.analysis import Analyzer, ModuleInfo, analyze
from claudelang.analysis.document import DocumentAnalysis
from claudelang.syntax import Document, TextEdit, parse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.fuzz.oracles import analysis_picture

LINES = [
    "(define (f x) (io:print x))",
    "(define (f x) (+ x 1))",
    "(define (f x y) (+ x y))",
    "(define f 3)",
    "(define f (lambda (a) (random:int a)))",
    "(define (g) (f 1))",
    "(define g (f 2))",
    "(f 1)",
    "(io:print g)",
    "(define (h) (g))",
    "(define (h) (random:int 3))",
    "(define (k) (h))",
    "(spec:contract h :pure #t)",
    "(spec:contract f :requires [(> x 0)])",
    "(define (m) (ff 1))",
    "(define (outer) (define (f z) z) (f 1))",
    '(import "m" *)',
    '(import "m" (q))',
    '(import "gone" (f))',
    "(q 1 2)",
    "(define (q) 1)",
    "",
]

EXPORTS = {"f": None, "q": None, "r": None}


def resolver(path: str) -> ModuleInfo | None:
    return ModuleInfo("m.cl", dict(EXPORTS)) if path == "m" else None


edits = st.tuples(st.sampled_from(["replace", "type", "insert", "delete"]), st.integers(0, 12), st.sampled_from(LINES))


def analyses_agree(document: Document, analyzer: Analyzer) -> DocumentAnalysis:
    incremental = analyzer.analyze(document.module, resolver)
    assert analysis_picture(incremental) == analysis_picture(Analyzer().analyze(document.module, resolver))
    return incremental


def edit(document: Document, analyzer: Analyzer, kind: str, row: int, line: str, settle: bool) -> None:
    lines = document.text.split("\n")
    row = min(row, len(lines) - 1)
    old = lines[row]
    if kind == "insert":
        document.apply_edits([TextEdit((row, 0), (row, 0), line + "\n")], settle=settle)
    elif kind == "delete":
        document.apply_edits([TextEdit((row, 0), (row + 1, 0), "")], settle=settle)
    elif kind == "replace":
        document.apply_edits([TextEdit((row, 0), (row, len(old)), line)], settle=settle)
    else:  # keep the common start, delete the rest, type the new end a character at a time
        common = next((n for n, (a, b) in enumerate(zip(old, line, strict=False)) if a != b), min(len(old), len(line)))
        document.apply_edits([TextEdit((row, common), (row, len(old)), "")], settle=settle)
        analyses_agree(document, analyzer)
        for col in range(common, len(line)):
            document.apply_edits([TextEdit((row, col), (row, col), line[col])], settle=settle)
            analyses_agree(document, analyzer)
        return
    analyses_agree(document, analyzer)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=10), st.lists(edits, max_size=6), st.booleans())
# Closing the bracket makes the first line the text of the last form, whose unit the syntax
# layer reuses there: a form that moved must not keep the checks of its old place.
@example(
    ["(define (f x) (io:print x))", "(define (f x) (io:print x))", "(define g (f 2))"],
    [("type", 0, "(define g (f 2))")],
    False,
)
def test_carried_tables_equal_a_fresh_analysis(start: list[str], steps: list, settle: bool) -> None:
    document, analyzer = Document("\n".join(start) + "\n"), Analyzer()
    analyses_agree(document, analyzer)
    for kind, row, line in steps:
        edit(document, analyzer, kind, row, line, settle)


def test_typing_in_a_body_carries_the_tables_over() -> None:
    """The path the property test must reach: a keystroke inside a function body keeps the
    globals' order, so the next version copies the tables instead of rebuilding them."""
    document, analyzer = Document("(define (f x) (+ x 1))\n(define (g) (f 1))\n(f 2)\n"), Analyzer()
    before = analyses_agree(document, analyzer)
    document.apply_edits([TextEdit((0, 20), (0, 21), "2")])
    after = analyses_agree(document, analyzer)
    assert after.globals["g"] is before.globals["g"] and after.globals["f"] is not before.globals["f"]
    assert after.checks_of(document.module.forms[1]) is before.checks_of(document.module.forms[1])


def test_typing_in_a_body_shares_the_unchanged_tables() -> None:
    """A keystroke that leaves every global's shape and direct effects as they were hands the
    next version the previous tables themselves (no whole-document copy per keystroke); one
    that changes an effect makes a new direct-effects table and leaves the old one as it was."""
    document, analyzer = Document("(define (f x) (+ x 1))\n(define (g) (f 1))\n(f 2)\n"), Analyzer()
    before = analyses_agree(document, analyzer)
    document.apply_edits([TextEdit((0, 20), (0, 21), "2")])
    after = analyses_agree(document, analyzer)
    assert after.shapes is before.shapes and after.direct_effects is before.direct_effects
    kept = dict(after.direct_effects)
    document.apply_edits([TextEdit((0, 14), (0, 21), "(io:print x)")])
    effectful = analyses_agree(document, analyzer)
    assert effectful.direct_effects is not after.direct_effects and after.direct_effects == kept
    assert effectful.shapes is after.shapes


def test_renaming_a_global_carries_the_tables_over() -> None:
    """A keystroke that renames a global binds the globals again (in C) but carries the other
    tables over, checking again only the forms that read the old or the new name, or that
    suggest names for an unbound one (the set of names changed)."""
    source = "(spec:contract f :requires [(> x 0)])\n(define (f x) (+ x 1))\n(define (g) (f 1))\n(define (h) (g))\n"
    document, analyzer = Document(source + "(define (k) 2)\n(define (m) (gx))\n"), Analyzer()
    before = analyses_agree(document, analyzer)
    document.apply_edits([TextEdit((2, 10), (2, 10), "x")])  # (define (gx) (f 1))
    after = analyses_agree(document, analyzer)
    forms = document.module.forms
    assert after.contract_params is before.contract_params  # not made again
    assert after.checks_of(forms[4]) is before.checks_of(forms[4])  # (define (k) 2)
    assert after.checks_of(forms[3]) is not before.checks_of(forms[3])  # reads g, now unbound
    assert after.checks_of(forms[5]) is not before.checks_of(forms[5])  # suggested names for gx
    assert [d.message for d in after.diagnostics] == ["unbound name 'g'; did you mean 'gx'?"]


def test_an_effect_typed_into_a_body_reaches_its_callers() -> None:
    document, analyzer = Document("(define (f x) (+ x 1))\n(define (g) (f 1))\n"), Analyzer()
    analyses_agree(document, analyzer)
    document.apply_edits([TextEdit((0, 14), (0, 21), "(io:print x)")])  # same globals: carried over
    after = analyses_agree(document, analyzer)
    assert after.effects["g"] == {"io"} and after.effect_reasons["g"] == {"io": "f"}


def test_an_imported_function_that_gains_a_parameter_in_its_file_is_checked_again() -> None:
    """The other file changes (the server re-analyses the importer, `invalidate`), and the
    next keystroke in the importer carries its tables over: the import's shape follows."""
    other = ["(define (q a) a)"]

    def files(path: str) -> ModuleInfo | None:
        exports = analyze(parse(other[0])).globals
        return ModuleInfo("m.cl", {"q": exports["q"]}) if path == "m" else None

    document, analyzer = Document('(import "m" *)\n(define (f) (q 1))\n(define (g) 1)\n'), Analyzer()
    assert not analyzer.analyze(document.module, files).diagnostics
    other[0] = "(define (q a b) a)"
    document.apply_edits([TextEdit((2, 12), (2, 13), "2")])
    after = analyzer.analyze(document.module, files)
    assert analysis_picture(after) == analysis_picture(Analyzer().analyze(document.module, files))
    assert [d.message for d in after.diagnostics] == ["'q' expects 2 arguments, got 1"]


def test_renaming_a_global_does_not_bind_every_form_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A keystroke that renames a global updates the globals and the direct effects for the
    names its form defines (`global_table.rebind_form_globals`, `carry_direct_effects`);
    binding or collecting them from every form is O(forms)."""
    from claudelang.analysis import document as analysis_document

    source = "".join(f"(define (f{n} x) (g{n} x))\n(define (g{n} y) (io:print y))\n(f{n} {n})\n" for n in range(50))
    document, analyzer = Document(source), Analyzer()
    analyses_agree(document, analyzer)
    passes: list[str] = []
    for name in ("bind_form_globals", "collect_direct_effects"):
        original = getattr(analysis_document, name)

        def counting(*args: object, _name: str = name, _original=original) -> object:  # type: ignore[no-untyped-def]
            passes.append(_name)
            return _original(*args)

        monkeypatch.setattr(analysis_document, name, counting)
    for col, char in enumerate("xy", start=12):  # (define (g20xy y) ...): g20 unbound in f20
        document.apply_edits([TextEdit((61, col), (61, col), char)])
        analyzer.analyze(document.module, resolver)
        assert passes == []
        analyses_agree(document, analyzer)  # (a fresh analysis binds every form)
        passes.clear()
    after = analyzer.analyze(document.module)
    assert after.effects["g20xy"] == {"io"} and "io" not in after.effects["f20"]


def test_typing_in_a_contract_carries_the_tables_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """A keystroke in a contract, or in the function it targets, makes again only the scopes
    of the contracts of the names the edited forms define (`contract_tables.carry_contracts`);
    the tables are not rebuilt from every form."""
    from claudelang.analysis import document as analysis_document

    source = "".join(f"(spec:contract f{n} :requires [(> x 0)])\n(define (f{n} x) (+ x {n}))\n" for n in range(30))
    document, analyzer = Document(source), Analyzer()
    analyses_agree(document, analyzer)
    rebuilt: list[int] = []
    original = analysis_document.bind_globals

    def counting(result: DocumentAnalysis) -> None:
        rebuilt.append(1)
        original(result)

    monkeypatch.setattr(analysis_document, "bind_globals", counting)
    edits = [((20, 31), (20, 32), "y"), ((21, 12), (21, 12), "z"), ((21, 14), (21, 15), "y")]
    for start, end, text in edits:  # (> y 0), then (define (f10z x) ...), then (define (f10z y) (+ x 10))
        document.apply_edits([TextEdit(start, end, text)])
        analyzer.analyze(document.module, resolver)
        assert rebuilt == []
        after = analyses_agree(document, analyzer)
        rebuilt.clear()
    assert "contract for unknown function 'f10'" in [d.message for d in after.diagnostics]
