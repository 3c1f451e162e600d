"""The editor understands the spellings of earlier releases (LANGUAGE.md §10) as the
runtime does, through real LSP messages: hover says what they mean, completion and rename see
through them, and the code actions rewrite them in the 1.1 spelling."""

from __future__ import annotations

from claudelang.syntax import parse
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import WORKSPACE, open_document

SOURCE = """(effect io print "hello")
(dotimes (i 3) (effect :io (print i)))
(define (fact n) (loop [k n acc 1] (if (<= k 1) acc (recur (- k 1) (* acc k)))))
"""


def text_of(hover: lsp.Hover | None) -> str:
    assert hover is not None
    contents = hover.contents
    return contents.value if isinstance(contents, lsp.MarkupContent) else str(contents)


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> str:
    params = lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line, character))
    return text_of(await client.text_document_hover_async(params))


async def test_hover_says_what_an_earlier_spelling_means(client: LanguageClient) -> None:
    uri = await open_document(client, WORKSPACE / "earlier.cl", SOURCE)
    assert '(io:print "hello")' in await hover_at(client, uri, 0, 3)  # on `effect`
    assert "io:print" in await hover_at(client, uri, 0, 12)  # on `print`: the builtin's documentation
    assert "(let dotimes-loop" in await hover_at(client, uri, 1, 3)  # on `dotimes`
    assert "(let loop ((k n) (acc 1))" in await hover_at(client, uri, 2, 20)  # on `loop`
    assert "(let loop" in await hover_at(client, uri, 2, 55)  # on `recur`


async def test_rename_and_completion_see_through_them(client: LanguageClient) -> None:
    uri = await open_document(client, WORKSPACE / "earlier.cl", SOURCE)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(text_document=doc, position=lsp.Position(2, 24), new_name="count")  # the loop's k
    )
    assert edit is not None and edit.changes is not None
    starts = sorted((e.range.start.line, e.range.start.character) for e in edit.changes[uri])
    assert starts == [(2, 24), (2, 43), (2, 62), (2, 74)]
    completion = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc, position=lsp.Position(1, 35))  # after `(print i`
    )
    items = completion.items if isinstance(completion, lsp.CompletionList) else completion or []
    assert "i" in [item.label for item in items]


async def test_code_actions_rewrite_in_the_11_spelling(client: LanguageClient) -> None:
    uri = await open_document(client, WORKSPACE / "earlier.cl", SOURCE)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(0, 2), end=lsp.Position(0, 2)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    by_title = {action.title: action for action in actions or [] if isinstance(action, lsp.CodeAction)}
    single = next(a for title, a in by_title.items() if title.startswith("Rewrite (effect"))
    assert [e.new_text for e in single.edit.changes[uri]] == ['(io:print "hello")']
    whole = by_title["Rewrite every earlier spelling in the file in the 1.1 spelling"]
    text = whole.edit.changes[uri][0].new_text
    assert parse(text).rewrites == [] and "(effect" not in text and "(recur" not in text


async def test_signature_help_inside_an_earlier_effect(client: LanguageClient) -> None:
    uri = await open_document(client, WORKSPACE / "earlier.cl", "(effect random randint 1 ")
    help_ = await client.text_document_signature_help_async(
        lsp.SignatureHelpParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 25))
    )
    assert help_ is not None and help_.signatures[0].label.startswith("(random:randint")
    assert help_.active_parameter == 1
