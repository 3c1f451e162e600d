"""Kernel faults through a live `claudelang-lsp`: each is contained, reported, and followed
by a working kernel, while the server keeps answering.

kill -9 during an evaluation, a recursion bomb, runaway allocation under a small memory
limit (and a limit too small to start), an output flood of 10^7 lines, cells that never
yield (a busy loop and a blocking sleep), an untrusted workspace, and network effects
that stay off unless allowed. Driven over raw JSON-RPC (`benchmarks/lspwire.py`).
"""

from __future__ import annotations

import http.server
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from lspwire import Wire

HANG = 60.0  # seconds: only a hang takes this long (no test here measures speed)


class Editor:
    """A server with one open document and helpers for the kernel commands."""

    def __init__(self, root: Path, options: dict[str, Any] | None = None) -> None:
        self.wire = Wire(cwd=root)
        self.wire.initialize(root, {"claudelang": options or {}})
        self.root = root
        self.uri = self.text = ""

    def open(self, text: str, name: str = "cells.cl") -> str:
        path = self.root / name
        path.write_text(text)
        self.uri = path.as_uri()
        self.text = text
        self.wire.open(self.uri, text)
        return self.uri

    def command(self, name: str, *arguments: object, timeout: float = HANG) -> dict[str, Any]:
        response = self.wire.request(
            "workspace/executeCommand", {"command": f"claudelang.{name}", "arguments": list(arguments)}, timeout
        )
        assert "result" in response, response
        return response["result"]

    def start(self, name: str, *arguments: object) -> int | str:
        params = {"command": f"claudelang.{name}", "arguments": list(arguments)}
        return self.wire.request_async("workspace/executeCommand", params)

    def result(self, request_id: int | str) -> dict[str, Any]:
        response = self.wire.wait(request_id, HANG)
        assert "result" in response, response
        return response["result"]

    def run_lines(self, first: int, last: int) -> dict[str, Any]:
        return self.command("runRange", self.uri, first, last)

    def states(self) -> list[tuple[str, int | None]]:
        return [
            (n["params"]["state"], n["params"]["pid"])
            for n in self.wire.notifications
            if n["method"] == "claudelang/kernelState"
        ]

    def wait_busy(self) -> int:
        note = self.wire.wait_for(
            lambda n: n["method"] == "claudelang/kernelState" and n["params"]["state"] == "busy", HANG
        )
        self.wire.notifications.remove(note)
        return note["params"]["pid"]

    def hover_works(self) -> None:
        """The server answers a hover on the first `(define x` or the first form."""
        lines = self.text.split("\n")
        at = next(((n, line.index("(define x") + 9) for n, line in enumerate(lines) if "(define x" in line), (0, 1))
        response = self.wire.hover(self.uri, *at, HANG)
        assert response.get("result") is not None, response

    def errors_shown(self) -> list[str]:
        return [
            n["params"]["message"]
            for n in self.wire.notifications
            if n["method"] == "window/showMessage" and n["params"]["type"] == 1
        ]


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    current = Editor(tmp_path)
    yield current
    current.hover_works()
    assert current.wire.close() == 0


CELLS = ";; %% setup\n(define x 41)\n;; %% work\n{work}\n;; %% check\n(+ x 1)\n"


def open_cells(editor: Editor, work: str) -> None:
    """Open setup / work / check cells and run the setup; `editor.check` runs `(+ x 1)`."""
    text = CELLS.format(work=work)
    editor.open(text)
    line = text.split("\n").index("(+ x 1)")
    editor.check = lambda: editor.run_lines(line, line)  # type: ignore[attr-defined]
    assert editor.run_lines(1, 1)["error"] is None  # x is defined in the kernel


def test_kill_9_during_evaluation(editor: Editor) -> None:
    open_cells(editor, "(while #t nil)")
    running = editor.start("runRange", editor.uri, 3, 3)
    pid = editor.wait_busy()
    editor.hover_works()
    os.kill(pid, signal.SIGKILL)
    result = editor.result(running)
    assert result["error"]["kind"] == "kernel-died" and "exit code -9" in result["error"]["message"]
    assert any("exit code -9" in message for message in editor.errors_shown())  # reported to the user
    assert ("dead", None) in editor.states()
    fresh = editor.check()  # a new kernel: x is gone, the run works
    assert fresh["error"]["kind"] == "unbound-name"
    assert editor.run_lines(1, 1)["error"] is None and editor.check()["values"][0]["value"] == "42"


def test_recursion_bomb_is_a_clean_error(editor: Editor) -> None:
    open_cells(editor, "(define (f n) (+ 1 (f (+ n 1))))\n(f 0)")
    pid = next(pid for state, pid in reversed(editor.states()) if pid)
    result = editor.run_lines(3, 4)
    assert result["error"]["kind"] == "recursion"
    assert "in f" in result["error"]["report"]  # a ClaudeLang traceback, collapsed
    assert editor.check()["values"][0]["value"] == "42"  # same kernel, state kept
    assert all(pid_ in (pid, None) for _state, pid_ in editor.states())


def test_runaway_allocation_under_a_small_memory_limit(tmp_path: Path) -> None:
    editor = Editor(tmp_path, {"memoryLimitMb": 1024})
    try:
        open_cells(editor, "(define (grow xs) (grow (append xs xs)))\n(grow [1 2 3 4 5 6 7 8])")
        server_memory = editor.wire.rss_kb()
        running = editor.start("runRange", editor.uri, 3, 4)
        editor.hover_works()
        result = editor.result(running)
        assert result["error"]["kind"] in ("memory", "kernel-died"), result  # contained either way
        if result["error"]["kind"] == "memory":
            assert "1024 MB" in result["error"]["message"]
        assert editor.wire.rss_kb() - server_memory < 50_000  # the server did not take the blow
        editor.hover_works()
        assert editor.run_lines(1, 1)["error"] is None  # the next run works
        check = editor.check()
        assert check["values"][0]["value"] == "42", check
    finally:
        assert editor.wire.close() == 0


def test_a_memory_limit_too_small_to_start_is_reported(tmp_path: Path) -> None:
    editor = Editor(tmp_path, {"memoryLimitMb": 40})
    try:
        editor.open("(define x 1)\n")
        for _ in range(2):
            result = editor.run_lines(0, 0)
            assert result["error"]["kind"] == "kernel-died" and "did not start" in result["error"]["message"]
        editor.hover_works()
    finally:
        assert editor.wire.close() == 0


def test_output_flood_of_ten_million_lines(editor: Editor) -> None:
    open_cells(editor, "(let loop ((i 0)) (when (< i 10000000) (io:print i) (loop (+ i 1))))")
    running = editor.start("runRange", editor.uri, 3, 3)
    editor.wait_busy()
    editor.hover_works()  # the server keeps answering during the flood
    result = editor.result(running)
    assert result["error"] is None
    output = result["output"]
    assert output.startswith("0\n1\n2\n") and output.endswith(" more characters were not shown]\n")
    assert len(output) < 2_100_000  # capped (the whole would be 78,888,890 characters)
    streamed = [n for n in editor.wire.notifications if n["method"] in ("claudelang/output", "window/logMessage")]
    streamed_chars = sum(len(n["params"].get("text", n["params"].get("message", ""))) for n in streamed)
    assert streamed_chars < 4_200_000 and len(streamed) < 2_000  # batched, and capped: not flooded
    assert editor.check()["values"][0]["value"] == "42"  # the kernel is responsive


def test_a_busy_loop_is_interrupted_and_the_kernel_kept(editor: Editor) -> None:
    open_cells(editor, "(while #t nil)")
    running = editor.start("runRange", editor.uri, 3, 3)
    editor.wait_busy()
    interrupted = editor.command("interrupt", editor.uri)
    assert interrupted == {"interrupted": True, "restarted": False}
    assert editor.result(running)["error"]["kind"] == "interrupted"
    assert editor.check()["values"][0]["value"] == "42"  # state survived


def test_a_blocking_sleep_is_killed_and_the_kernel_restarted(editor: Editor) -> None:
    open_cells(editor, '(io:print "sleeping") (time:sleep 100)')
    running = editor.start("runRange", editor.uri, 3, 3)
    editor.wire.wait_for(lambda n: n["method"] == "claudelang/output" and "sleeping" in n["params"]["text"], HANG)
    started = time.monotonic()
    interrupted = editor.command("interrupt", editor.uri)
    assert interrupted == {"interrupted": True, "restarted": True}  # it could not be interrupted
    result = editor.result(running)
    assert time.monotonic() - started < HANG
    assert result["error"]["kind"] == "interrupted" and "restarted" in result["error"]["message"]
    assert not editor.errors_shown()  # one warning, no "the kernel died" error on top
    assert editor.check()["error"]["kind"] == "unbound-name"  # a fresh kernel
    assert editor.run_lines(1, 1)["error"] is None and editor.check()["values"][0]["value"] == "42"


def test_untrusted_workspace_never_evaluates(tmp_path: Path) -> None:
    editor = Editor(tmp_path, {"trusted": False, "hotReload": "onChange"})
    try:
        uri = editor.open("(define x 1)\n;; %%\n(+ x 1)\n")
        for name, arguments in [
            ("runFile", [uri]),
            ("runCell", [uri, 2]),
            ("runAbove", [uri, 2]),
            ("runRange", [uri, 0, 2]),
        ]:
            assert editor.command(name, *arguments)["error"]["kind"] == "untrusted"
        editor.text = "(define x 2)\n"
        editor.wire.change(uri, 2, [{"text": editor.text}])
        editor.wire.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        editor.hover_works()
        assert editor.states() == []  # no kernel process was ever started
    finally:
        assert editor.wire.close() == 0


def test_revoking_trust_stops_evaluation_and_reload(editor: Editor) -> None:
    open_cells(editor, "(define (g) x)")
    assert editor.run_lines(3, 3)["error"] is None
    editor.wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": {"trusted": False}}})
    assert editor.command("runFile", editor.uri)["error"]["kind"] == "untrusted"
    editor.text = CELLS.format(work="(define (g) (+ x 1))")
    editor.wire.change(editor.uri, 2, [{"text": editor.text}])
    editor.wire.notify("textDocument/didSave", {"textDocument": {"uri": editor.uri}})
    editor.hover_works()
    editor.wire.wait_for(  # the kernel was shut down
        lambda n: n["method"] == "claudelang/kernelState" and n["params"]["state"] == "stopped", HANG
    )
    reloads = [n for n in editor.wire.notifications if "hot reload" in str(n["params"].get("message", ""))]
    assert not reloads


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"hello from the test server")

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_network_effects_are_off_unless_allowed(tmp_path: Path, web: str) -> None:
    editor = Editor(tmp_path)
    try:
        editor.open(f'(define x 1)\n(network:get "{web}")\n')
        assert editor.run_lines(1, 1)["error"]["kind"] == "effect-denied"
        editor.wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": {"allowNetwork": True}}})
        assert editor.run_lines(1, 1)["values"][0]["value"] == '"hello from the test server"'
        editor.wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": {"allowNetwork": False}}})
        assert editor.run_lines(1, 1)["error"]["kind"] == "effect-denied"  # the kernel was restarted
    finally:
        assert editor.wire.close() == 0
    editor = Editor(tmp_path, {"allowNetwork": True})
    try:
        editor.open(f'(network:get "{web}")\n')
        assert editor.run_lines(0, 0)["values"][0]["value"] == '"hello from the test server"'
    finally:
        assert editor.wire.close() == 0


def test_settings_of_the_wrong_type_are_ignored(tmp_path: Path) -> None:
    editor = Editor(tmp_path, {"memoryLimitMb": "lots", "trusted": "yes", "allowNetwork": None, "jit": 5})
    try:
        editor.open("(define x 41)\n(+ x 1)\n")
        assert editor.run_lines(0, 1)["values"][-1]["value"] == "42"
        editor.wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": ["not", "a", "map"]}})
        editor.wire.notify("workspace/didChangeConfiguration", {"settings": "nonsense"})
        assert editor.run_lines(1, 1)["values"][-1]["value"] == "42"
    finally:
        assert editor.wire.close() == 0
