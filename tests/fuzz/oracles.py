"""The invariants every fuzzer checks, shared by the hypothesis tests and `fuzz_syntax.py`.

- parsing, lowering and analysis never raise;
- every diagnostic lies inside the document and its positions agree with the line index;
- an incrementally edited `Document` (and its reused `Analyzer` and `Highlighter`) equals a
  fresh parse, and its analysis equals a fresh one in every table (`analysis_picture`);
- the formatter refuses (FormatError) exactly when there are syntax errors, and otherwise
  is idempotent, keeps the AST (without positions) and keeps every comment.
"""

from __future__ import annotations

from claudelang.analysis import Analyzer, DocumentAnalysis, analyze
from claudelang.analysis.highlight import Highlighter
from claudelang.ast import dump
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.span import LineIndex
from claudelang.format import FormatError, format_source
from claudelang.semantics.symbols import Definition
from claudelang.syntax import Document, Module, TextEdit, parse
from claudelang.syntax.cst import walk

Edit = tuple[tuple[int, int], tuple[int, int], str]


def strip_positions(value: object) -> object:
    """A `dump` without the (start, end, line:col) element of each node."""
    if isinstance(value, tuple):
        return tuple(strip_positions(v) for i, v in enumerate(value) if i != 1)
    if isinstance(value, list):
        return [strip_positions(v) for v in value]
    return value


def ast_picture(module: Module) -> list[object]:
    return [strip_positions(dump(form)) for form in module.forms]


def picture(module: Module) -> tuple[object, ...]:
    """Everything the syntax layer produces, positions included."""
    return (module.sexp(), [dump(form) for form in module.forms], [d.key() for d in module.diagnostics])


def place(node: object) -> tuple[int, int]:
    """Where a node is in the current text (definitions of two versions are other objects)."""
    return node.anchor.base_byte + node.start, node.anchor.base_byte + node.end  # type: ignore[attr-defined]


def definition_picture(definition: Definition | None) -> object:
    if definition is None:
        return None
    return definition.name, definition.kind, place(definition.node), place(definition.form)


def analysis_picture(analysis: DocumentAnalysis) -> tuple[object, ...]:
    """Every table of an analysis, definitions by name, kind and place: what a version
    carried over from the previous one must equal in a fresh analysis."""
    globals_ = [(name, definition_picture(d)) for name, d in analysis.globals.items()]
    later = {name: [definition_picture(d) for d in ds] for name, ds in analysis.redefinitions.items() if ds}
    forms = [place(facts.form) for facts in analysis.forms]
    checks = [analysis.checks_of(facts.form) for facts in analysis.forms]
    return (
        globals_,
        later,
        [(name, definition_picture(analysis.follow_import(d))) for name, d in analysis.globals.items()],
        analysis.shapes,
        [(name, analysis.form_index(d)) for name, d in analysis.globals.items()],
        [[analysis.rank_of(d) for d in ds] for ds in analysis.redefinitions.values()],
        [(d.key(), d.data) for d in analysis.diagnostics],
        [(c.depends_on, c.suggests, c.order, c.effects) for c in checks if c is not None],
        len(checks) == len(forms) and None not in checks,
        analysis.direct_effects,
        analysis.effects,
        analysis.effect_reasons,
        {name: place(contract) for name, contract in analysis.contracts.items()},
        sorted((place(r.node), definition_picture(d)) for r, d in analysis.contract_params.items()),
        sorted(analysis.imported_names),
        [place(analysis.facts_at(start).form) for start, _ in forms],  # type: ignore[union-attr]
    )


def check_diagnostics(module: Module, diagnostics: list[Diagnostic]) -> None:
    size = len(module.data)
    lines = module.lines
    for diagnostic in diagnostics:
        span = diagnostic.span
        assert 0 <= span.start_byte <= span.end_byte <= size, (diagnostic, size)
        assert span.start == lines.position(span.start_byte), (diagnostic, span.start)
        assert span.end == lines.position(span.end_byte), (diagnostic, span.end)
        assert diagnostic.message


def check_source(source: str | bytes) -> Module:
    """Parse and analyse `source`; check diagnostics and form spans. Returns the module."""
    module = parse(source)
    assert module.lines.starts == LineIndex(module.data).starts
    check_diagnostics(module, module.diagnostics)
    size = len(module.data)
    for form in module.forms:
        span = form.span
        assert 0 <= span.start_byte <= span.end_byte <= size
        assert span.start == module.lines.position(span.start_byte)
    analysis = analyze(module)
    check_diagnostics(module, analysis.diagnostics)
    for offset in sorted({0, size // 3, size // 2, size}):
        analysis.occurrence_at(offset)
        analysis.visible_locals(offset)
    return module


def comments(module: Module) -> list[str]:
    return [
        module.data[node.start_byte : node.end_byte].decode("utf-8", "replace").rstrip()
        for node in walk(module)
        if node.type == "comment"
    ]


def check_format(text: str) -> str | None:
    """Format `text`: refused on syntax errors, else idempotent and meaning-preserving."""
    module = parse(text)
    has_errors = any(d.severity == Severity.ERROR for d in module.diagnostics)
    try:
        once = format_source(text)
    except FormatError:
        assert has_errors, "FormatError without a syntax error"
        return None
    assert not has_errors, "formatted a source with syntax errors"
    formatted = parse(once)
    assert not any(d.severity == Severity.ERROR for d in formatted.diagnostics), once
    assert ast_picture(formatted) == ast_picture(module), once
    assert comments(formatted) == comments(module), once
    assert format_source(once) == once, once
    return once


def check_token_order(data: list[int]) -> None:
    """Semantic tokens come in strictly increasing positions with positive lengths."""
    deltas = [(data[i], data[i + 1]) for i in range(0, len(data), 5)]
    assert all(line > 0 or col > 0 for line, col in deltas[1:]), "semantic tokens out of order"
    assert all(data[i + 2] > 0 for i in range(0, len(data), 5)), "empty semantic token"


def check_edits(text: str, edits: list[Edit]) -> Document:
    """Apply `edits` one by one: each version equals a fresh parse and a fresh analysis."""
    document = Document(text)
    analyzer = Analyzer()
    highlighter = Highlighter()
    highlighter.data(analyzer.analyze(document.module))
    for start, end, new_text in edits:
        document.apply_edits([TextEdit(start, end, new_text)])
        module = document.module
        fresh = parse(document.text)
        assert picture(module) == picture(fresh)
        assert module.lines.starts == LineIndex(module.data).starts
        analysis, fresh_analysis = analyzer.analyze(module), analyze(fresh)
        assert analysis_picture(analysis) == analysis_picture(fresh_analysis)
        tokens = highlighter.data(analysis)
        assert tokens == Highlighter().data(fresh_analysis)
        check_token_order(tokens)
    check_diagnostics(document.module, document.module.diagnostics)
    return document
