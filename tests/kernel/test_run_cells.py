"""Run-cell you can trust (issue 15), through a real `claudelang-lsp` and a real kernel:
cancelling a run, a run while the kernel is busy, file positions in cells, source lines of
code earlier runs defined, imports from the document's folder, user IO next to the
protocol, deep values, the kernel's limits, URIs that name no file, and newlines."""

from __future__ import annotations

import asyncio
import subprocess

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.kernel.conftest import HANG, command, until
from tests.lsp.conftest import diagnostics_of, open_document


def start_run(client: LanguageClient, msg_id: str, uri: str, line: int) -> asyncio.Future:
    params = lsp.ExecuteCommandParams(command="claudelang.runCell", arguments=[uri, line])
    return asyncio.wrap_future(client.protocol.send_request("workspace/executeCommand", params, msg_id=msg_id))


LOOP = "(define y 1)\n;; %%\n(while #t nil)\n"


async def start_loop(client: LanguageClient, msg_id: str = "loop") -> tuple[str, asyncio.Future]:
    uri = await open_document(client, client.root / "loop.cl", LOOP)
    assert (await command(client, "runCell", uri, 0))["error"] is None
    client.states.clear()
    running = start_run(client, msg_id, uri, 2)
    await until(lambda: "busy" in client.states, "the kernel is busy")
    return uri, running


# ---------------------------------------------------------------- 1. cancel and busy


async def test_cancel_request_interrupts_the_run(client: LanguageClient) -> None:
    uri, running = await start_loop(client)
    client.protocol.notify("$/cancelRequest", lsp.CancelParams(id="loop"))
    with pytest.raises(Exception, match="cancel"):
        await asyncio.wait_for(running, HANG)
    await until(lambda: client.states[-1] == "idle", "the kernel is idle again")
    result = await command(client, "runRange", uri, 0, 0)
    assert result["error"] is None and result["values"][0]["value"] == "1"  # the same kernel, state kept


async def test_cancelling_the_progress_interrupts_the_run(client: LanguageClient) -> None:
    uri, running = await start_loop(client)

    def run_progress() -> list[str]:  # the tokens of runs still in progress
        reports = client.progress_reports.items()
        return [t for t, r in reports if r and r[0].title == "Running ClaudeLang" and r[-1].kind != "end"]

    await until(run_progress, "progress is shown")
    token = run_progress()[0]
    assert client.progress_reports[token][0].cancellable is True
    client.protocol.notify("window/workDoneProgress/cancel", lsp.WorkDoneProgressCancelParams(token=token))
    with pytest.raises(Exception, match="cancel"):
        await asyncio.wait_for(running, HANG)
    await until(lambda: client.states[-1] == "idle", "the kernel is idle again")
    assert (await command(client, "runRange", uri, 0, 0))["values"][0]["value"] == "1"


async def test_a_run_while_the_kernel_is_busy_is_answered_at_once(client: LanguageClient) -> None:
    uri, running = await start_loop(client)
    second = await command(client, "runRange", uri, 0, 0)
    assert second["error"]["kind"] == "busy" and "interrupt" in second["error"]["message"]
    await command(client, "interrupt", uri)
    assert (await asyncio.wait_for(running, HANG))["error"]["kind"] == "interrupted"
    assert (await command(client, "runRange", uri, 0, 0))["values"][0]["value"] == "1"


# ---------------------------------------------------------------- 2. and 3. positions and source lines


async def test_error_positions_in_a_cell_are_file_positions(client: LanguageClient) -> None:
    text = "(define a 1)\n(define b 2)\n(define c 3)\n;; %% broken\n(define d 4)\n\n(+ 1 2)\n(foo\n"
    uri = await open_document(client, client.root / "positions.cl", text)
    static = await diagnostics_of(client, uri, lambda ds: any(d.severity == 1 for d in ds))
    assert any("opened at 8:1" in d.message for d in static)
    result = await command(client, "runCell", uri, 4)
    error = result["error"]
    assert error["kind"] == "syntax" and "opened at 8:1" in error["message"], error
    assert error["location"]["line"] == 8


async def test_an_error_in_code_an_earlier_run_defined_shows_its_line(client: LanguageClient) -> None:
    text = ";; %% define\n(define (half n)\n  (/ n 0))\n;; %% call\n(half 4)\n"
    path = client.root / "earlier.cl"
    path.write_text(text)
    uri = await open_document(client, path, text)
    assert (await command(client, "runCell", uri, 0))["error"] is None
    report = (await command(client, "runCell", uri, 4))["error"]["report"]
    assert " 3 |   (/ n 0))" in report, report
    reloaded = ";; %% define\n(define (half n)\n  (/ n (- n n)))\n;; %% call\n(half 4)\n"
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=reloaded)],
        )
    )
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    await until(lambda: any("hot reload: half" in m.message for m in client.log_messages), "half is reloaded")
    report = (await command(client, "runCell", uri, 4))["error"]["report"]
    assert "earlier.cl:3:" in report and " 3 |   (/ n (- n n)))" in report, report


# ---------------------------------------------------------------- 4. imports


async def test_imports_resolve_from_the_documents_folder_as_run_does(client: LanguageClient) -> None:
    (client.root / "claudelang.toml").write_text("")
    (client.root / "lib").mkdir()
    (client.root / "lib" / "greet.cl").write_text('(module greet (export hi) (define hi "hi from the root"))\n')
    sub = client.root / "sub"
    sub.mkdir()
    (sub / "util.cl").write_text('(module util (export who) (define who "the sibling util"))\n')
    text = '(import "util" (who))\n(import "lib/greet" (hi))\n(io:print who hi)\n'
    path = sub / "a.cl"
    path.write_text(text)
    uri = await open_document(client, path, text)
    result = await command(client, "runFile", uri)
    assert result["error"] is None, result["error"]
    ran = subprocess.run(["claudelang", "run", str(path)], capture_output=True, text=True, cwd="/")
    assert result["output"] == ran.stdout == "the sibling util hi from the root\n"


# ---------------------------------------------------------------- 5. user IO


async def test_user_io_does_not_touch_the_protocol(client: LanguageClient) -> None:
    text = '(io:read-line)\n(io:write-file "/dev/stdout" "written to fd 1\\n")\n(io:print "after")\n(+ 1 2)\n'
    uri = await open_document(client, client.root / "io.cl", text)
    result = await command(client, "runFile", uri)
    assert result["error"] is None and [v["value"] for v in result["values"]][-1] == "3"
    assert sorted(result["output"].splitlines()) == ["after", "written to fd 1"]  # as buffered stdout may
    assert "written to fd 1\n" in "".join(client.outputs)
    assert (await command(client, "runRange", uri, 3, 3))["values"][0]["value"] == "3"


# ---------------------------------------------------------------- 6. deep values

DEEP = "(define deep (let loop ((i 0) (acc [])) (if (< i {n}) (loop (+ i 1) [acc]) acc)))\n(+ 1 1)\n"


async def test_deep_values_never_crash_the_kernel(client: LanguageClient) -> None:
    path = client.root / "deep.cl"
    text = DEEP.format(n=100000)
    path.write_text(text)
    uri = await open_document(client, path, text)
    assert (await command(client, "runFile", uri))["error"] is None
    value = (await command(client, "inspect", uri, "deep"))["value"]
    assert value is not None and len(value) <= 300  # printed and abbreviated, or said to be too deep
    changed = DEEP.format(n=100001)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=changed)],
        )
    )
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    await until(lambda: any("hot reload: deep" in m.message for m in client.log_messages), "deep is reloaded")
    assert (await command(client, "inspect", uri, "deep"))["value"] is not None
    assert (await command(client, "runRange", uri, 1, 1))["values"][0]["value"] == "2"
    assert "dead" not in client.states


# ---------------------------------------------------------------- 7. limits


@pytest.mark.parametrize("client", [{"trusted": True, "memoryLimitMb": 384}], indirect=True)
async def test_a_small_memory_limit_still_runs(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "small.cl", "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1)))))\n")
    assert (await command(client, "runFile", uri))["error"] is None
    result = await command(client, "runRange", uri, 0, 0)
    assert result["error"] is None, result


HUGE = '(error:raise (let loop ((s "x") (i 0)) (if (< i 26) (loop (string-append s s) (+ i 1)) s)))\n'


async def test_huge_error_messages_are_capped(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "huge.cl", HUGE)
    result = await command(client, "runFile", uri)
    error = result["error"]
    assert error["kind"] == "user" and error["message"].endswith("…")
    assert len(error["message"]) <= 2_000 and len(error["report"]) <= 20_000
    found = await diagnostics_of(client, uri, lambda ds: any(d.source == "claudelang-run" for d in ds))
    assert all(len(d.message) <= 20_000 for d in found)


# ---------------------------------------------------------------- 9. no Python error text


async def test_a_uri_that_names_no_file_works(client: LanguageClient) -> None:
    uri = "file:///home/u/a%00b.cl"
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="claudelang", version=1, text="(define x 4)\nx\n")
        )
    )
    found = await diagnostics_of(client, uri)
    assert not any("null byte" in d.message for d in found)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=0))
    )
    assert hover is not None
    result = await command(client, "runFile", uri)
    assert result["error"] is None and result["values"][-1]["value"] == "4"


@pytest.mark.parametrize("client", [{"trusted": True, "memoryLimitMb": 1024}], indirect=True)
async def test_running_out_of_memory_is_a_memory_error(client: LanguageClient) -> None:
    text = '(let loop ((s "x") (i 0)) (if (< i 28) (loop (string-append s s) (+ i 1)) s))\n'
    uri = await open_document(client, client.root / "oom.cl", text)
    error = (await command(client, "runFile", uri))["error"]
    assert error["kind"] == "memory" and "1024 MB" in error["message"], error
    assert "internal" not in error["report"] and "MemoryError" not in error["report"], error


# ---------------------------------------------------------------- 10. newlines


async def test_the_kernel_and_run_read_newlines_alike(client: LanguageClient) -> None:
    text = '(define s "a\r\nb")\r\n(io:print (string-length s))\r\n'
    path = client.root / "crlf.cl"
    path.write_bytes(text.encode())
    uri = await open_document(client, path, text)
    result = await command(client, "runFile", uri)
    ran = subprocess.run(["claudelang", "run", str(path)], capture_output=True, text=True)
    assert result["output"] == ran.stdout == "4\n"


async def test_fmt_keeps_a_raw_cr_in_a_string(client: LanguageClient) -> None:
    text = '(define   s "a\r\nb\rc")\n(io:print (string-length s))\n'
    path = client.root / "fmt.cl"
    path.write_bytes(text.encode())
    uri = await open_document(client, path, text)
    before = (await command(client, "runFile", uri))["output"]
    subprocess.run(["claudelang", "fmt", str(path)], check=True, capture_output=True)
    formatted = path.read_bytes().decode()
    assert '"a\r\nb\rc"' in formatted and formatted != text
    after = (await command(client, "runFile", await open_document(client, path, formatted)))["output"]
    assert before == after == "6\n"
