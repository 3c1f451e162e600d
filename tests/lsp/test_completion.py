"""Completion and hover as the client can take them (snippets, markdown), and bounded answers."""

from __future__ import annotations

import sys

import pytest_lsp
from claudelang.lsp.features.completion import LIMIT
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp.conftest import WORKSPACE, open_document, uri_of, wait_for_index


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "claudelang.lsp.main", "--stdio"]))
async def plain_client(lsp_client: LanguageClient):
    """Emacs's capabilities, but plain text only for hover and completion documentation."""
    capabilities = client_capabilities("emacs")
    capabilities.text_document.hover.content_format = [lsp.MarkupKind.PlainText]
    capabilities.text_document.completion.completion_item.documentation_format = [lsp.MarkupKind.PlainText]
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities, root_uri=uri_of(WORKSPACE)))
    yield
    await lsp_client.shutdown_session()


async def complete(client: LanguageClient, uri: str, line: int, character: int) -> lsp.CompletionList:
    return await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=character)
        )
    )


def supports_snippets(client: LanguageClient) -> bool:
    return bool(client.capabilities.text_document.completion.completion_item.snippet_support)


def supports_markdown_docs(client: LanguageClient) -> bool:
    formats = client.capabilities.text_document.completion.completion_item.documentation_format
    return lsp.MarkupKind.Markdown in (formats or [])


OUTER = "(define (outer zeta) (let ((zulu 1)) ()))"
INSIDE_OUTER = OUTER.index("()") + 1  # right after the '(' of the empty call


def many_globals(count: int) -> str:
    """`count` one-line functions `g-000` …, then `OUTER`, a function with locals."""
    return "".join(f"(define (g-{index:03} x) x)\n" for index in range(count)) + OUTER + "\n"


async def test_snippets_only_for_clients_that_support_them(client: LanguageClient) -> None:
    uri = await open_document(client, WORKSPACE / "app" / "snippets.cl", "(define (f x) (le))\n")
    items = {item.label: item for item in (await complete(client, uri, 0, 17)).items}
    let = items["let"]
    if supports_snippets(client):
        assert let.insert_text_format == lsp.InsertTextFormat.Snippet
        assert let.insert_text.startswith("let ((${1:name}")  # without its own parenthesis after '('
    else:
        assert let.insert_text_format in (None, lsp.InsertTextFormat.PlainText)
        assert "$" not in (let.insert_text or let.label)
    resolved = await client.completion_item_resolve_async(let)
    if supports_markdown_docs(client):
        assert resolved.documentation.kind == lsp.MarkupKind.Markdown
        assert "```claudelang" in resolved.documentation.value
    else:
        assert isinstance(resolved.documentation, str)  # a bare string is plain text
        assert "(let ((name expr) ...) body ...)" in resolved.documentation and "`" not in resolved.documentation


async def test_plain_text_hover_and_documentation_for_clients_without_markdown(plain_client: LanguageClient) -> None:
    text = "; Add two numbers.\n(define (add a b) (+ a b))\n(add 1 2)\n(if true 1 2)\n(map add [])\n"
    uri = await open_document(plain_client, WORKSPACE / "app" / "plain.cl", text)
    for line, character in [(2, 2), (3, 1), (4, 2)]:  # a user function, a special form, a builtin
        hover = await plain_client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=character)
            )
        )
        assert hover.contents.kind == lsp.MarkupKind.PlainText
        assert "`" not in hover.contents.value and "*" not in hover.contents.value, hover.contents.value
    assert hover.contents.value.startswith("(map f lst")
    items = {item.label: item for item in (await complete(plain_client, uri, 2, 3)).items}
    resolved = await plain_client.completion_item_resolve_async(items["add"])
    assert resolved.documentation.kind == lsp.MarkupKind.PlainText
    assert resolved.documentation.value.startswith("(add a b)\n\nfunction\n\nAdd two numbers.")


async def test_a_long_answer_is_cut_at_the_limit_and_marked_incomplete(client: LanguageClient) -> None:
    await wait_for_index(client)  # while indexing, every list is marked incomplete
    count = LIMIT + 50
    last = f"g-{count - 1:03}"
    text = many_globals(count) + f"(g-)\n({last})\n(string-up)\n"
    uri = await open_document(client, WORKSPACE / "app" / "many.cl", text)
    first = await complete(client, uri, count, INSIDE_OUTER)
    labels = {item.label for item in first.items}
    assert first.is_incomplete and len(labels) <= LIMIT
    assert last not in labels and "string-upcase" not in labels
    typed = await complete(client, uri, count + 1, 3)  # `(g-|)`: every global still matches
    assert typed.is_incomplete and last not in {item.label for item in typed.items}
    # typing more finds the global that was left out, and a builtin that never made the first page
    narrowed = await complete(client, uri, count + 2, 1 + len(last))
    found = {item.label: item for item in narrowed.items}
    assert last in found and not narrowed.is_incomplete
    resolved = await client.completion_item_resolve_async(found[last])
    documentation = resolved.documentation
    assert f"({last} x)" in (documentation if isinstance(documentation, str) else documentation.value)
    assert "string-upcase" in {item.label for item in (await complete(client, uri, count + 3, 10)).items}


async def test_locals_rank_first_and_survive_the_limit(client: LanguageClient) -> None:
    count = LIMIT + 50
    uri = await open_document(client, WORKSPACE / "app" / "ranked.cl", many_globals(count))
    result = await complete(client, uri, count, INSIDE_OUTER)
    assert result.is_incomplete
    ordered = [item.label for item in sorted(result.items, key=lambda item: item.sort_text or item.label)]
    assert ordered[:2] == ["zeta", "zulu"]
    assert ordered[2:5] == ["g-000", "g-001", "g-002"]  # then the document's globals


async def test_items_resolve_by_their_label(client: LanguageClient) -> None:
    """Items carry only what resolve needs besides their label (a global's document), and
    each kind resolves to its documentation."""
    uri = await open_document(
        client, WORKSPACE / "app" / "resolving.cl", "(define (twice x) (* 2 x))\n(tw)\n(string-up)\n(le)\n"
    )
    for line, character, label, expected in [
        (1, 3, "twice", "(twice x)"),
        (2, 10, "string-upcase", "string-upcase"),
        (3, 3, "let", "let"),
    ]:
        items = {item.label: item for item in (await complete(client, uri, line, character)).items}
        assert "name" not in items[label].data
        documentation = (await client.completion_item_resolve_async(items[label])).documentation
        assert expected in (documentation if isinstance(documentation, str) else documentation.value)
