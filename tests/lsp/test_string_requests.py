"""Hover and completion in a string literal answer from the syntax alone (issue 19): the
whole-document analysis of a keystroke typing a string (an unclosed `"` makes the rest of
the file one broken form) is not waited for. `common.string_at` must then be exactly
where no definition or reference is (what `occurrence_at` would find) and hold every
import path (where completion offers module paths), in typed and fresh modules alike."""

from __future__ import annotations

import json

from claudelang.analysis import Analyzer, DocumentAnalysis
from claudelang.lsp.features.common import form_at, string_at
from claudelang.syntax import Document, TextEdit, parse
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from lsprotocol.converters import get_converter
from pytest_lsp import LanguageClient

from tests.lsp.conftest import WORKSPACE, open_document, wait_for_index

converter = get_converter()

PIECES = [
    '(import "math" (sin))',
    '(import "lib/m")',
    '(define (f x) (io:print "total" x))',
    '(f"x" y"z")',
    '"top"',
    '(io:print "a\\"b" (f 1))',
    '(let ((s "x")) s)',
    '(define s "unclosed',
    '(str "',
    '; a comment with "quotes"',
    "(define (g) (f",
    "",
]


def agrees_at_every_offset(module, analysis: DocumentAnalysis) -> None:
    paths = [(node.path.span.start_byte, node.path.span.end_byte) for facts in analysis.forms for node in facts.imports]
    for offset in range(len(module.data) + 1):
        facts = analysis.facts_at(offset)
        assert form_at(module, offset) is (facts.form if facts is not None else None), offset
        string = string_at(module, offset)
        in_path = any(start < offset < end for start, end in paths)
        if string is None:
            assert not in_path, offset
            continue
        assert analysis.occurrence_at(offset) == (None, None, None), offset
        is_path = string.holder is not string.literal and getattr(string.holder, "path", None) is string.literal
        assert in_path == (is_path and string.start < offset < string.end), offset


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.sampled_from(["\n", " ", ""]))
def test_a_string_holds_no_name_and_every_import_path(pieces: list[str], gap: str) -> None:
    module = parse(gap.join(pieces))
    agrees_at_every_offset(module, Analyzer().analyze(module))


def test_typing_a_string_into_a_file() -> None:
    """Each keystroke's module (the quote unclosed, then closed) against its own analysis."""
    text = "".join(f'(define (f{n} x) (io:print "s{n}" x))\n(import "m{n}")\n' for n in range(6))
    document, analyzer = Document(text), Analyzer()
    row, column = 6, 0
    for char in '(io:print "total" n)\n':
        document.apply_edits([TextEdit((row, column), (row, column), char)], settle=False)
        row, column = (row + 1, 0) if char == "\n" else (row, column + 1)
        agrees_at_every_offset(document.module, analyzer.analyze(document.module))


PROGRAM = '(import "lib/math" (square))\n(define (f x) (square x))\n\n(f 2)\n'
TYPED = '(io:print "total" (f 1) "")\n(import "lib/m")\n'


def answer(result: object, uri: str) -> str:
    """A hover or completion answer as JSON, the document's URI left out."""
    return json.dumps(converter.unstructure(result), sort_keys=True).replace(uri, "<uri>")


async def test_typing_strings_answers_as_a_fresh_open(client: LanguageClient) -> None:
    """After every keystroke typing strings (one left unclosed while typed) and an import
    path, hover and completion at the cursor answer as in a document opened with that text."""
    await wait_for_index(client)
    uri = await open_document(client, WORKSPACE / "app" / "typing-strings.cl", PROGRAM)
    text, line, column = PROGRAM, 2, 0
    for version, char in enumerate(TYPED, start=2):
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line, column), end=lsp.Position(line, column)), text=char
        )
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
            )
        )
        lines = text.split("\n")
        lines[line] = lines[line][:column] + char + lines[line][column:]
        text = "\n".join(lines)
        line, column = (line + 1, 0) if char == "\n" else (line, column + 1)
        fresh = await open_document(client, WORKSPACE / "app" / f"fresh-{version}.cl", text)
        position = lsp.Position(line, column)
        for target in (uri, fresh):
            document = lsp.TextDocumentIdentifier(uri=target)
            hover = await client.text_document_hover_async(lsp.HoverParams(text_document=document, position=position))
            completion = await client.text_document_completion_async(
                lsp.CompletionParams(text_document=document, position=position)
            )
            if target == uri:
                typed = answer(hover, uri), answer(completion, uri)
            else:
                assert (answer(hover, fresh), answer(completion, fresh)) == typed, (text, position)
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(fresh)))
    inside_path = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(3, 13))
    )
    assert "lib/math" in {item.label for item in inside_path.items}
    inside_string = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(2, 13))
    )
    assert not inside_string.items
