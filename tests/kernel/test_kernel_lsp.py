"""Run cells from the editor through real LSP messages: lenses, values, output, errors,
interrupts, crashes and hot reload."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp.conftest import diagnostics_of, open_document

SOURCE = """;; %% setup
(define x 41)
(io:print "hello from the kernel")
(+ x 1)
;; %% broken
(define (boom n) (/ n 0))
(boom 5)
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "claudelang.lsp.main", "--stdio"]),
)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    lsp_client.outputs = []  # type: ignore[attr-defined]
    lsp_client.states = []  # type: ignore[attr-defined]

    @lsp_client.feature("claudelang/output")
    def on_output(*args: object) -> None:
        lsp_client.outputs.append(args[-1].text)  # type: ignore[attr-defined]

    @lsp_client.feature("claudelang/kernelState")
    def on_state(*args: object) -> None:
        lsp_client.states.append((args[-1].state, args[-1].pid))  # type: ignore[attr-defined]

    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        initialization_options={"claudelang": {"hotReload": "onSave", "trusted": True}},
    )
    await lsp_client.initialize_session(params)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def command(client: LanguageClient, name: str, *args: object) -> dict:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=f"claudelang.{name}", arguments=list(args))
    )


async def hints(client: LanguageClient, uri: str) -> list[str]:
    result = await client.text_document_inlay_hint_async(
        lsp.InlayHintParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=99, character=0)),
        )
    )
    return [h.label for h in result if isinstance(h.label, str) and h.label.startswith("⇒")]


async def test_code_lenses(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "cells.cl", SOURCE)
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    seen = {(lens.range.start.line, lens.command.title) for lens in lenses}
    assert {(0, "Run File"), (0, "Restart Kernel"), (0, "Run Cell"), (4, "Run Cell"), (4, "Run Above")} <= seen


async def test_run_cell_values_output_and_hover(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "cells.cl", SOURCE)
    result = await command(client, "runCell", uri, 1)
    assert [v["value"] for v in result["values"]] == ["41", "nil", "42"]
    assert result["output"] == "hello from the kernel\n" and result["error"] is None
    assert await hints(client, uri) == ["⇒ 41", "⇒ nil", "⇒ 42"]
    assert "hello from the kernel\n" in "".join(client.outputs)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=3, character=4))
    )
    assert "Live value: `41`" in hover.contents.value


async def test_runtime_error_becomes_a_diagnostic_until_fixed(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "cells.cl", SOURCE)
    result = await command(client, "runCell", uri, 5)
    assert result["error"]["kind"] == "division-by-zero"
    found = await diagnostics_of(client, uri, lambda ds: any(d.source == "claudelang-run" for d in ds))
    run_errors = [d for d in found if d.source == "claudelang-run"]
    assert len(run_errors) == 1
    assert run_errors[0].range.start.line == 5 and "in boom" in run_errors[0].message
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(start=lsp.Position(line=5, character=22), end=lsp.Position(line=5, character=23)),
                    text="1",
                )
            ],
        )
    )
    await diagnostics_of(client, uri, lambda ds: not any(d.source == "claudelang-run" for d in ds))
    result = await command(client, "runCell", uri, 5)
    assert result["error"] is None and result["values"][-1]["value"] == "5"


async def test_interrupt_an_infinite_loop(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "loop.cl", "(define y 1)\n;; %%\n(while #t nil)\n")
    await command(client, "runCell", uri, 0)
    running = asyncio.ensure_future(command(client, "runCell", uri, 2))
    await asyncio.sleep(0.5)
    loop = asyncio.get_running_loop()
    started = loop.time()
    interrupted = await command(client, "interrupt", uri)
    result = await running
    assert loop.time() - started < 1.5 and interrupted["restarted"] is False
    assert result["error"]["kind"] == "interrupted"
    assert (await command(client, "runRange", uri, 0, 0))["values"][0]["value"] == "1"  # state survived


async def test_kernel_crash_is_reported_and_the_next_run_starts_fresh(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "crash.cl", "(define z 7)\n;; %%\n(while #t nil)\n")
    await command(client, "runCell", uri, 0)
    pid = next(pid for state, pid in reversed(client.states) if pid)
    running = asyncio.ensure_future(command(client, "runCell", uri, 2))
    await asyncio.sleep(0.3)
    os.kill(pid, signal.SIGKILL)
    result = await running
    assert result["error"]["kind"] == "kernel-died"
    fresh = await command(client, "runRange", uri, 0, 0)
    assert fresh["error"] is None and fresh["values"][0]["value"] == "7"
    assert any(state == "dead" for state, _pid in client.states)


async def test_restart_kernel_forgets_state(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "restart.cl", "(define w 3)\n;; %%\nw\n")
    await command(client, "runCell", uri, 0)
    assert (await command(client, "runCell", uri, 2))["values"][0]["value"] == "3"
    await command(client, "restartKernel", uri)
    result = await command(client, "runCell", uri, 2)
    assert result["error"]["kind"] == "unbound-name"


async def test_hot_reload_changes_a_running_loop(client: LanguageClient) -> None:
    text = """(define counter (state:new 0))
(define (step) (state:update counter (lambda (n) (+ n 1))))
;; %% loop
(while #t (step) (time:sleep 0.005))
"""
    path = client.root / "reload.cl"
    path.write_text(text)
    uri = await open_document(client, path, text)
    await command(client, "runCell", uri, 0)
    running = asyncio.ensure_future(command(client, "runCell", uri, 3))
    await asyncio.sleep(0.5)
    before = int((await command(client, "inspect", uri, "counter"))["value"].split()[-1].rstrip(">"))
    assert before > 0
    new_line = "(define (step) (state:update counter (lambda (n) (+ n 1000))))"
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(start=lsp.Position(line=1, character=0), end=lsp.Position(line=1, character=61)),
                    text=new_line,
                )
            ],
        )
    )
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    await asyncio.sleep(0.5)
    after = int((await command(client, "inspect", uri, "counter"))["value"].split()[-1].rstrip(">"))
    assert after >= before + 1000, (before, after)  # the loop now calls the new step, counter kept
    await command(client, "interrupt", uri)
    assert (await running)["error"]["kind"] == "interrupted"


async def test_untrusted_workspace_refuses_to_run(client: LanguageClient) -> None:
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"claudelang": {"trusted": False}})
    )
    uri = await open_document(client, client.root / "t.cl", "(+ 1 2)\n")
    result = await command(client, "runFile", uri)
    assert result["error"]["kind"] == "untrusted"


async def test_commands_accept_the_cursor_line_too(client: LanguageClient) -> None:
    """Editors send `[uri, line]` to every command; the file-wide ones ignore the line."""
    uri = await open_document(client, client.root / "args.cl", "(+ 1 2)\n")
    assert (await command(client, "runFile", uri, 0))["values"][0]["value"] == "3"
    assert "interrupted" in await command(client, "interrupt", uri, 0)
    assert (await command(client, "restartKernel", uri, 0))["restarted"] is True
