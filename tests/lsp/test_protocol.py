"""Protocol behaviour: bursts of edits, cancellation, and bad input that must not hurt."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp.conftest import WORKSPACE, open_document, uri_of


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "claudelang.lsp.main"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("neovim@v0.9.1"), root_uri=uri_of(WORKSPACE))
    )
    yield
    await lsp_client.shutdown_session()


def change(uri: str, version: int, line: int, text: str) -> lsp.DidChangeTextDocumentParams:
    position = lsp.Position(line=line, character=0)
    return lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[
            lsp.TextDocumentContentChangePartial(range=lsp.Range(start=position, end=position), text=text)
        ],
    )


async def hover(client: LanguageClient, uri: str, line: int, character: int) -> lsp.Hover | None:
    return await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=character)
        )
    )


async def test_a_burst_of_edits_publishes_only_the_latest_version(client: LanguageClient) -> None:
    published: list[int | None] = []
    features = client.protocol.fm.features
    keep = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def on_publish(*args: object) -> None:
        published.append(args[-1].version)
        keep(*args)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish

    uri = await open_document(client, WORKSPACE / "burst.cl", "(define x 1)\n")
    await asyncio.sleep(0.3)
    published.clear()
    for version in range(2, 42):
        client.text_document_did_change(change(uri, version, 0, " "))
    for _ in range(100):
        if 41 in published:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    assert published[-1] == 41
    assert len(published) < 10, published  # not one analysis per keystroke
    assert published == sorted(published)  # never an older version after a newer one


async def test_cancelled_request_leaves_the_server_serving(client: LanguageClient) -> None:
    text = "(define (f x) (+ x 1))\n" * 20_000
    uri = await open_document(client, WORKSPACE / "big.cl", text)
    params = lsp.SemanticTokensParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    future = client.protocol.send_request(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, params)
    future.cancel()
    result = await hover(client, uri, 0, 10)
    assert result is not None and "(f x)" in result.contents.value


@pytest.mark.parametrize(
    ("line", "character"),
    [(0, 10_000), (10_000, 0), (0, 1), (0, 2)],  # past the end, inside a surrogate pair
)
async def test_positions_out_of_range_or_inside_a_surrogate_pair(
    client: LanguageClient, line: int, character: int
) -> None:
    uri = await open_document(client, WORKSPACE / "emoji.cl", '"😀" (define y 2)\n')
    await hover(client, uri, line, character)
    completion = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=character)
        )
    )
    assert completion is not None
    assert (await hover(client, uri, 0, 13)) is not None  # still serving, positions still right


async def test_unknown_documents_get_empty_results(client: LanguageClient) -> None:
    uri = uri_of(WORKSPACE / "never-opened.cl")
    assert await hover(client, uri, 0, 0) is None
    client.text_document_did_change(change(uri, 2, 0, "x"))  # an edit to an unopened document
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols == [] or symbols is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.cl", "(" * 100_000),
        ("huge.cl", '(define (f x) (+ x 1 "s" [1 2 3] {:a 1}))\n' * 240_000),
    ],
    ids=["100k-nested-parens", "10MB"],
)
async def test_hostile_documents(client: LanguageClient, name: str, text: str) -> None:
    uri = await open_document(client, WORKSPACE / name, text)
    identifier = lsp.TextDocumentIdentifier(uri=uri)
    await hover(client, uri, 0, 3)
    await client.text_document_folding_range_async(lsp.FoldingRangeParams(text_document=identifier))
    if len(text) < 1_000_000:
        options = lsp.FormattingOptions(tab_size=2, insert_spaces=True)
        await client.text_document_formatting_async(
            lsp.DocumentFormattingParams(text_document=identifier, options=options)
        )
    await client.text_document_semantic_tokens_range_async(
        lsp.SemanticTokensRangeParams(
            text_document=identifier,
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=5, character=0)),
        )
    )
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(text_document=identifier))
    assert symbols is not None  # answered, not crashed
