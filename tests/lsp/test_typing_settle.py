"""A document typed into a state tree-sitter recovers from differently when reparsing
incrementally: keystrokes cost only incremental work, and once typing pauses the server
settles the document, so that its diagnostics equal those of a fresh open (issue 19)."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import WORKSPACE, diagnostics_of, open_document

TEXT = (
    "  (match e\n    ((Num v) v)\n    ((Mul l r) (* (evaluate-2 l) (evaluate-2 r)))))\n"
    "(spec:contract safe-div-2 :requires [(!= y 0)] :ensures [(number? result)])\n"
    "(define (safe-div-2 x y) (/ x y))\n"
    '(define config-2 {"name" "unit-2" :size 2 :tags ["a" "b" "c"]})\n'
    '(io:print "unit" 2 (sum-squares-2 (range 10)) (evaluate-2 (Add (Nu'
)
EDITS = [((5, 5), (6, 7), ")]"), ((3, 6), (4, 13), "[d:#<spec"), ((1, 0), (2, 7), "&!zx;")]
TYPED = (  # TEXT after EDITS
    "  (match e\n&!zx;ul l r) (* (evaluate-2 l) (evaluate-2 r)))))\n"
    "(spec:[d:#<spec-div-2 x y) (/ x y))\n"
    '(defi)]nt "unit" 2 (sum-squares-2 (range 10)) (evaluate-2 (Add (Nu'
)


def key(diagnostics: list[lsp.Diagnostic]) -> list[tuple[object, ...]]:
    return sorted(
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message, d.code)
        for d in diagnostics
    )


async def test_a_typed_document_settles_to_the_diagnostics_of_a_fresh_open(client: LanguageClient) -> None:
    refreshed: list[None] = []

    @client.feature(lsp.WORKSPACE_SEMANTIC_TOKENS_REFRESH)
    def on_refresh(params: None) -> None:
        refreshed.append(params)

    uri = await open_document(client, WORKSPACE / "typed.cl", TEXT)
    for version, ((line, col), (end_line, end_col), text) in enumerate(EDITS, start=2):
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line, col), end=lsp.Position(end_line, end_col)), text=text
        )
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
            )
        )
    fresh_uri = await open_document(client, WORKSPACE / "fresh.cl", TYPED)
    fresh = key(await diagnostics_of(client, fresh_uri, lambda found: bool(found)))
    assert fresh
    await diagnostics_of(client, uri, lambda found: key(found) == fresh)
    workspace = client.capabilities.workspace
    if workspace and workspace.semantic_tokens and workspace.semantic_tokens.refresh_support:
        for _ in range(250):
            if refreshed:
                break
            await asyncio.sleep(0.02)
        assert refreshed, "the client was not asked to fetch semantic tokens again"
