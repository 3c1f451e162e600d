"""Trust (issue 15) through a real `claudelang-lsp`: VS Code's workspace-trust model per
folder, restart in an untrusted folder, and a network transport that needs a token."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.kernel.conftest import command, until
from tests.lsp.conftest import open_document

SERVER = [sys.executable, "-m", "claudelang.lsp.main"]
COUNTER = "(define counter (state:new 0))\n(define (step) 1)\n"


async def saved_change(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))


@pytest.mark.parametrize("client", [{"hotReload": "onSave"}], indirect=True)
async def test_a_client_with_no_trust_runs_commands_but_never_evaluates_by_itself(client: LanguageClient) -> None:
    path = client.root / "plain.cl"
    path.write_text(COUNTER)
    uri = await open_document(client, path, COUNTER)
    assert (await command(client, "runFile", uri))["error"] is None  # an explicit command, as a terminal
    await saved_change(client, uri, COUNTER.replace("(step) 1", "(step) 2"))
    hover = await client.text_document_hover_async(  # the server has handled the save
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=9))
    )
    assert hover is not None
    assert not any("hot reload" in m.message for m in client.log_messages)
    assert (await command(client, "runRange", uri, 1, 1))["error"] is None


@pytest.mark.parametrize("client", [{"hotReload": "onSave", "trusted": False}], indirect=True)
async def test_trust_is_per_folder(client: LanguageClient) -> None:
    trusted, other = client.root, Path(tempfile.mkdtemp())  # other: outside the workspace folder
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(
            settings={"claudelang": {"trusted": False, "trustedFolders": [trusted.as_uri()], "hotReload": "onSave"}}
        )
    )
    (trusted / "a.cl").write_text(COUNTER)
    (other / "b.cl").write_text(COUNTER)
    good = await open_document(client, trusted / "a.cl", COUNTER)
    bad = await open_document(client, other / "b.cl", COUNTER)
    assert (await command(client, "runFile", bad))["error"]["kind"] == "untrusted"
    assert (await command(client, "restartKernel", bad))["error"]["kind"] == "untrusted"
    assert (await command(client, "runFile", good))["error"] is None
    await saved_change(client, good, COUNTER.replace("(step) 1", "(step) 2"))
    await until(lambda: any("hot reload: step" in m.message for m in client.log_messages), "step is reloaded")
    assert (await command(client, "inspect", good, "step"))["value"] is not None


@pytest.mark.parametrize("client", [{"trusted": False}], indirect=True)
async def test_restart_kernel_never_starts_a_kernel_in_an_untrusted_workspace(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "t.cl", "(+ 1 2)\n")
    result = await command(client, "restartKernel", uri)
    assert result["restarted"] is False and result["error"]["kind"] == "untrusted"
    assert client.states == []  # no kernel process was started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def initialize_over_tcp(port: int, options: dict) -> bytes:
    for _ in range(100):
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            break
        except OSError:
            time.sleep(0.1)
    params = {"capabilities": {}, "initializationOptions": options}
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}).encode()
    connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    reply = b""
    while b'"id":1' not in reply.replace(b" ", b"") or not reply.rstrip().endswith(b"}"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        reply += chunk
    connection.close()
    return reply


def test_tcp_needs_a_token(tmp_path: Path) -> None:
    refused = subprocess.run([*SERVER, "--tcp", "--port", str(free_port())], capture_output=True, text=True)
    assert refused.returncode == 2 and "token" in refused.stderr
    for options, answered in [({}, False), ({"token": "wrong"}, False), ({"token": "s3cret"}, True)]:
        port = free_port()
        server = subprocess.Popen(
            [*SERVER, "--tcp", "--port", str(port), "--token", "s3cret"], stderr=subprocess.DEVNULL, cwd=tmp_path
        )
        try:
            reply = initialize_over_tcp(port, options)
            assert (b'"capabilities"' in reply) is answered, reply
            if not answered:
                assert b"token" in reply
        finally:
            server.kill()
            server.wait()
