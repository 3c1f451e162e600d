"""Cross-file answers asked for while the workspace is still being indexed: none waits for
the index; they answer from what is indexed and say so (`lsp/incomplete.py`): completion
lists are marked incomplete, one `window/showMessage` says that references, workspace
symbols and definitions may miss files, and no "cannot find module" is reported for a
module that may just not be indexed yet."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import (
    INDEXING,
    SERVER,
    diagnostics_of,
    initialize_in,
    open_document,
    wait_for_index,
    write_fillers,
)

FILLER = 400  # modules indexed before the imported one (the last, by name)
USER = '(import "zz_lib" (sq))\n(io:print (sq 3))\n'


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing comes from a cache
    folder = tmp_path / "project"
    folder.mkdir()
    write_fillers(folder, FILLER)
    (folder / "zz_lib.cl").write_text("(module zz_lib (export sq) (define (sq x) (* x x)))\n")
    (folder / "user.cl").write_text(USER)
    return folder


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, root: Path):
    await initialize_in(lsp_client, root, name="indexing")
    yield
    await lsp_client.shutdown_session()


def indexed(client: LanguageClient) -> bool:
    return any(isinstance(report, lsp.WorkDoneProgressEnd) for report in client.progress_reports.get(INDEXING, []))


async def test_cross_file_answers_while_indexing_say_they_may_be_incomplete(client: LanguageClient, root: Path) -> None:
    uri = await open_document(client, root / "user.cl", USER)
    document = lsp.TextDocumentIdentifier(uri=uri)
    asking = lsp.CompletionParams(text_document=document, position=lsp.Position(line=1, character=13))  # `(sq|`
    completion = await client.text_document_completion_async(asking)
    diagnostics = await diagnostics_of(client, uri)
    await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=document, position=lsp.Position(line=1, character=11), context=lsp.ReferenceContext(True)
        )
    )
    await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="sq"))
    assert not indexed(client)  # all answered while indexing runs: none waited for it
    assert completion is not None and completion.is_incomplete
    assert not any("cannot find module" in d.message for d in diagnostics), diagnostics

    await wait_for_index(client)
    completion = await client.text_document_completion_async(asking)
    assert completion is not None and not completion.is_incomplete
    assert "sq" in {item.label for item in completion.items}
    told = [m for m in client.messages if "still indexing" in m.message]
    assert len(told) == 1 and "may miss files" in told[0].message  # one message, not one per answer
    missing = lsp.TextDocumentIdentifier(uri=(root / "nowhere.cl").as_uri())
    await open_document(client, root / "nowhere.cl", '(import "no_such_module" (f))\n')
    found = await diagnostics_of(client, missing.uri, lambda ds: any("cannot find module" in d.message for d in ds))
    assert found  # once indexed, a module no file provides is reported
