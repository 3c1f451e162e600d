"""A real `claudelang-lsp` over stdio, driven by pytest-lsp with real clients' capabilities."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

WORKSPACE = Path(__file__).parent / "workspace"
CLIENTS = ["visual-studio-code", "neovim", "emacs"]
INDEXING = "claudelang-indexing"  # the server's `$/progress` token for indexing the workspace


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "claudelang.lsp.main", "--stdio"])


async def initialize_in(
    client: LanguageClient, root: Path, client_name: str = "visual-studio-code", name: str = "workspace"
) -> lsp.InitializeResult:
    """Start a session as `client_name` would, with the folder `root` as its workspace."""
    params = lsp.InitializeParams(
        capabilities=client_capabilities(client_name),
        root_uri=uri_of(root),
        workspace_folders=[lsp.WorkspaceFolder(uri=uri_of(root), name=name)],
    )
    return await client.initialize_session(params)


@pytest_lsp.fixture(params=CLIENTS, config=SERVER)
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient):
    result = await initialize_in(lsp_client, WORKSPACE, request.param)
    lsp_client.client_name = request.param  # type: ignore[attr-defined]
    lsp_client.server_capabilities = result.capabilities  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id="claudelang", version=1, text=path.read_text() if text is None else text
            )
        )
    )
    return uri


async def diagnostics_of(
    client: LanguageClient, uri: str, until: Callable[[list[lsp.Diagnostic]], bool] = lambda _d: True
) -> list[lsp.Diagnostic]:
    """The document's diagnostics once `until` holds: pulled where the client can, else pushed."""
    capabilities = client.capabilities if hasattr(client, "capabilities") else None
    text = capabilities.text_document if capabilities else None
    pulls = text is not None and text.diagnostic is not None
    found: list[lsp.Diagnostic] = []
    for _ in range(250):
        if pulls:
            report = await client.text_document_diagnostic_async(
                lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
            )
            found = list(report.items)
        elif uri in client.diagnostics:
            found = list(client.diagnostics[uri])
        else:
            await asyncio.sleep(0.02)
            continue
        if until(found):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"diagnostics for {uri} never matched: {found}")


async def wait_for_index(client: LanguageClient) -> None:
    """Wait until background indexing has ended (its `$/progress` ended): the index is complete."""
    for _ in range(3000):
        if any(isinstance(report, lsp.WorkDoneProgressEnd) for report in client.progress_reports.get(INDEXING, [])):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the workspace was never indexed")


def write_fillers(folder: Path, count: int) -> None:
    """`count` small modules named `filler000.cl`, ...: files the indexer takes before a
    later one (by name), so that a test can ask while the index is still incomplete."""
    for number in range(count):
        (folder / f"filler{number:03}.cl").write_text(f"(module filler{number} (export v) (define v {number}))\n")
