"""A cross-file rename asked for while the workspace is still being indexed waits for the
index: renaming then would miss importers not indexed yet and break the program."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import SERVER, initialize_in, open_document, uri_of, write_fillers

FILLER = 300  # modules to index before the importer is known


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_fillers(tmp_path, FILLER)
    (tmp_path / "lib.cl").write_text("(module lib (export sq) (define (sq x) (* x x)))\n")
    (tmp_path / "zz_user.cl").write_text('(import "lib" (sq))\n(io:print (sq 3))\n')
    return tmp_path


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, root: Path):
    await initialize_in(lsp_client, root, name="indexing")
    yield
    await lsp_client.shutdown_session()


async def test_rename_right_after_startup_reaches_every_importer(client: LanguageClient, root: Path) -> None:
    uri = await open_document(client, root / "lib.cl")
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 35), new_name="square"
        )
    )
    assert edit is not None and edit.changes is not None
    assert uri_of(root / "zz_user.cl") in edit.changes
