"""Completion at the end of an unfinished form offers the locals already typed in it.

The normal state of a file being typed: the brackets around the cursor are not closed yet,
at the end of the file or before the next top-level form.
"""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import WORKSPACE, open_document
from tests.lsp.test_completion import complete

UNFINISHED = [
    ("at_end.cl", "(define (f n) (let ((alpha 1) (beta 2)) (+ ", ""),
    ("before_next.cl", "(define (f n) (let ((alpha 1)) (+ ", "\n(define (g) 1)\n"),
]


def typed(uri: str, version: int, character: int, text: str) -> lsp.DidChangeTextDocumentParams:
    position = lsp.Position(line=0, character=character)
    return lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[
            lsp.TextDocumentContentChangePartial(range=lsp.Range(start=position, end=position), text=text)
        ],
    )


@pytest.mark.parametrize(("name", "typing", "after"), UNFINISHED)
async def test_locals_are_offered_in_an_unfinished_form(
    client: LanguageClient, name: str, typing: str, after: str
) -> None:
    uri = await open_document(client, WORKSPACE / "app" / name, typing + after)
    end = len(typing)
    labels = {item.label for item in (await complete(client, uri, 0, end)).items}
    assert {"n", "alpha"} <= labels
    client.text_document_did_change(typed(uri, 2, end, "al"))  # the user goes on typing
    labels = {item.label for item in (await complete(client, uri, 0, end + 2)).items}
    assert "alpha" in labels
