"""Semantic highlighting (`analysis.highlight`): what each token is, the LSP encoding, and
the per-unit cache (an edit re-encodes only the unit it changed; the answer equals a fresh
computation, which the fuzzers in tests/fuzz check on random edits)."""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest
from claudelang.analysis import Analyzer, analyze
from claudelang.analysis import highlight as hl
from claudelang.syntax import Document, TextEdit, parse
from claudelang.syntax.cst import lexical_tokens

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from corpus import realistic_source

CONFORMANCE = sorted((Path(__file__).parents[1] / "conformance").rglob("*.cl"))


def decode(data: list[int]) -> list[tuple[int, int, int, str, int]]:
    """(line, UTF-16 column, length, type name, modifiers) of each encoded token."""
    out, line, col = [], 0, 0
    for index in range(0, len(data), 5):
        delta_line, delta_col, length, kind, modifiers = data[index : index + 5]
        line += delta_line
        col = col + delta_col if delta_line == 0 else delta_col
        out.append((line, col, length, hl.TOKEN_TYPES[kind], modifiers))
    return out


def reference(text: str) -> list[int]:
    """Whole-document tokens, the simple way: every form's names and every lexical token,
    sorted, one per start byte, encoded."""
    module = parse(text)
    analysis = analyze(module)
    raw = []
    for facts in analysis.forms:
        base = facts.form.anchor.base_byte
        for definition in facts.definitions:
            kind = hl.classify(definition)
            if kind is not None and definition.node.end > definition.node.start:
                raw.append((base + definition.node.start, base + definition.node.end, kind[0], kind[1] | 1))
        for reference in facts.references:  # (names the desugaring adds have no width)
            kind = hl.classify(analysis.target_of(reference))
            if kind is not None and reference.node.end > reference.node.start:
                raw.append((base + reference.node.start, base + reference.node.end, kind[0], kind[1]))
    for token in lexical_tokens(module):
        raw.append((token.start, token.end, hl.T["keyword" if token.kind == "special-form" else "property"], 0))
    raw.sort()
    data, line, col, last = [], 0, 0, -1
    for start, end, kind, modifiers in raw:
        if start == last:
            continue
        last = start
        first, after = module.lines.position(start), module.lines.position(end)
        if first.line != after.line:
            continue
        data += [first.line - line, first.col16 - col if first.line == line else first.col16]
        data += [after.col16 - first.col16, kind, modifiers]
        line, col = first.line, first.col16
    return data


def highlight(text: str) -> list[int]:
    return hl.Highlighter().data(analyze(parse(text))).tolist()


def test_what_each_token_is() -> None:
    text = '(define (area w h) (* w h))\n(data Shape (Square side))\n(io:print (area 2 3) :k "😀" pi)\n'
    tokens = {(line, col): (kind, modifiers) for line, col, _, kind, modifiers in decode(highlight(text))}
    assert tokens[(0, 1)] == ("keyword", 0)  # define
    assert tokens[(0, 9)] == ("function", hl.DECLARATION)  # area
    assert tokens[(0, 14)] == ("parameter", hl.DECLARATION)  # w
    assert tokens[(0, 20)] == ("function", hl.DEFAULT_LIBRARY)  # *
    assert tokens[(1, 13)] == ("enumMember", hl.DECLARATION)  # Square
    assert tokens[(2, 1)] == ("event", hl.DEFAULT_LIBRARY)  # io:print performs an effect
    assert tokens[(2, 21)] == ("property", 0)  # :k
    assert tokens[(2, 29)] == ("variable", hl.DEFAULT_LIBRARY | hl.READONLY)  # pi, after a surrogate pair


@pytest.mark.parametrize("path", CONFORMANCE[:40], ids=lambda p: p.stem)
def test_equals_the_whole_document_computation(path: Path) -> None:
    text = path.read_text()
    assert highlight(text) == reference(text)


def test_equals_the_whole_document_computation_on_the_corpus() -> None:
    text = realistic_source(20_000)
    assert highlight(text) == reference(text)


def test_an_edit_re_encodes_only_its_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    text = realistic_source(20_000)
    document, analyzer, highlighter = Document(text), Analyzer(), hl.Highlighter()
    highlighter.data(analyzer.analyze(document.module))
    encoded = []
    real = hl.encode_unit
    monkeypatch.setattr(hl, "encode_unit", lambda *args: encoded.append(args[1]) or real(*args))
    document.apply_edits([TextEdit((3, 2), (3, 2), "(+ 1 2) ")])  # inside the body of the first function
    data = highlighter.data(analyzer.analyze(document.module))
    assert len(encoded) == 1
    assert data.tolist() == reference(document.text)
    document.apply_edits([TextEdit((1, 9), (1, 20), "renamed")])  # the function's name: its callers change
    encoded.clear()
    data = highlighter.data(analyzer.analyze(document.module))
    assert 1 < len(encoded) < 5
    assert data.tolist() == reference(document.text)


def test_range_is_the_slice_of_the_full_answer() -> None:
    text = realistic_source(6_000)
    module = parse(text)
    analysis = analyze(module)
    highlighter = hl.Highlighter()
    full = decode(highlighter.data(analysis))
    start, end = module.lines.offset(10, 0), module.lines.offset(20, 0)
    ranged = decode(highlighter.data_in_range(analysis, start, end))
    assert ranged == [token for token in full if 10 <= token[0] <= 20 and (token[0] < 20 or token[1] == 0)]


def test_an_unclosed_bracket_keeps_tokens_in_order() -> None:
    text = "(define (f x)\n  (let ((y 1))\n(define (g) (f 2))\n(else 1)\n"
    data = highlight(text)
    positions = [(line, col) for line, col, *_ in decode(data)]
    assert positions == sorted(set(positions))
    assert (2, 1) in positions and (2, 9) in positions  # the hoisted definition of g is highlighted


def test_units_back_after_an_unclosed_quote_are_copied_in_one_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a `"` brings back every unit after it: their ints are copied from the answer
    before the `"` was typed, not appended unit by unit, and the answer is the fresh one.
    A unit's own ints are arrays of the answers' typecode (appended by memcpy)."""
    text = realistic_source(20_000)
    line = text.count("\n") // 2
    document, analyzer, highlighter = Document(text), Analyzer(), hl.Highlighter()
    highlighter.data(analyzer.analyze(document.module))
    document.apply_edits([TextEdit((line, 0), (line, 0), '(f "ab')])
    highlighter.data(analyzer.analyze(document.module))
    document.apply_edits([TextEdit((line, 6), (line, 6), '")')])
    analysis = analyzer.analyze(document.module)
    appended = []
    real = hl.append_entry
    monkeypatch.setattr(hl, "append_entry", lambda *args: appended.append(args[1]) or real(*args))
    assert highlighter.data(analysis).tolist() == reference(document.text)
    assert len(appended) < 5 < len(document.module.units) // 2
    entries = [highlighter.tokens_of(analysis, unit, None)[0] for unit in document.module.units]
    assert all(isinstance(entry.rest, array) and entry.rest.typecode == hl.TOKEN_INTS for entry in entries)
