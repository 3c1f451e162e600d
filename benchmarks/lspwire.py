"""A raw JSON-RPC client for `claudelang-lsp --stdio`, for abuse, soak and reliability runs.

pytest-lsp and pygls's client validate every message, so they cannot send malformed
frames; this client writes bytes as given. A reader thread splits the server's output
into messages: responses go to per-id slots, notifications to a list, and requests from
the server (`workspace/configuration`, progress creation, refreshes) are answered with
`null` so that the server never waits on us.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "claudelang.lsp.main", "--stdio"]


class ServerGone(Exception):
    """The server closed its output (it exited or crashed)."""


class Wire:
    """One server process and the raw byte stream to and from it."""

    def __init__(self, command: list[str] | None = None, cwd: str | Path | None = None) -> None:
        self.process = subprocess.Popen(
            command or SERVER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.pid = self.process.pid
        self.write_lock = threading.Lock()
        self.responses: dict[int | str, dict[str, Any]] = {}
        self.arrived = threading.Condition()
        self.notifications: list[dict[str, Any]] = []
        self.server_requests: list[dict[str, Any]] = []
        self.garbage: list[bytes] = []  # frames that were not JSON (there should be none)
        self.orphans: list[dict[str, Any]] = []  # responses with a null id (parse errors)
        self.duplicates: list[dict[str, Any]] = []  # second responses to one id (there should be none)
        self.closed = False
        self.next_id = 0
        self.stderr_lines: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # ------------------------------------------------------------ writing

    def send_bytes(self, data: bytes) -> None:
        with self.write_lock:
            assert self.process.stdin is not None
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def send(self, message: dict[str, Any] | list[Any] | str) -> None:
        """Frame and send a message (a str is sent as the body, unchanged)."""
        body = message.encode() if isinstance(message, str) else json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def request_async(self, method: str, params: Any = None, request_id: int | str | None = None) -> int | str:
        request_id = self.new_id() if request_id is None else request_id
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return request_id

    def request(self, method: str, params: Any = None, timeout: float = 30.0) -> dict[str, Any]:
        """Send a request and wait for its response (the whole message, result or error)."""
        return self.wait(self.request_async(method, params), timeout)

    def notify(self, method: str, params: Any = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    # ------------------------------------------------------------ reading

    def wait(self, request_id: int | str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while request_id not in self.responses:
                left = deadline - time.monotonic()
                if self.closed:
                    raise ServerGone(f"the server exited (code {self.process.poll()}) before answering {request_id}")
                if left <= 0:
                    raise TimeoutError(f"no response to request {request_id} within {timeout} s")
                self.arrived.wait(min(left, 0.5))
            return self.responses.pop(request_id)

    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 30.0, source: str = "notifications"
    ) -> dict[str, Any]:
        """The first notification (or orphan response) that satisfies `predicate`, waiting for it."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for note in getattr(self, source):
                    if predicate(note):
                        return note
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise TimeoutError("no matching notification")
                self.arrived.wait(min(left, 0.5))

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = stream.read(length)
                try:
                    message = json.loads(body)
                except ValueError:
                    self.garbage.append(body)
                    continue
                self._dispatch(message)
        finally:
            with self.arrived:
                self.closed = True
                self.arrived.notify_all()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # a request from the server: answer null
            self.server_requests.append(message)
            with contextlib.suppress(OSError, ValueError):  # the input may be closed already
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            return
        with self.arrived:
            if "method" in message:
                self.notifications.append(message)
            elif message.get("id") is None:
                self.orphans.append(message)
            else:
                if message["id"] in self.responses:
                    self.duplicates.append(message)
                self.responses[message["id"]] = message
            self.arrived.notify_all()

    def _drain_stderr(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        for line in stream:
            self.stderr_lines.put(line)

    def stderr(self) -> str:
        lines = []
        while not self.stderr_lines.empty():
            lines.append(self.stderr_lines.get_nowait())
        return b"".join(lines).decode("utf-8", "replace")

    # ------------------------------------------------------------ session helpers

    def initialize(self, root: Path | None = None, options: dict[str, Any] | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {
            "processId": os.getpid(),
            "rootUri": root.resolve().as_uri() if root else None,
            "capabilities": {
                "textDocument": {
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"snippetSupport": True}},
                    "semanticTokens": {
                        "requests": {"full": {"delta": True}, "range": True},
                        "tokenTypes": [],
                        "tokenModifiers": [],
                        "formats": ["relative"],
                    },
                    "publishDiagnostics": {"versionSupport": True},
                },
                "workspace": {"configuration": True, "workspaceFolders": True},
                "window": {"workDoneProgress": True},
            },
        }
        if root is not None:
            params["workspaceFolders"] = [{"uri": root.resolve().as_uri(), "name": root.name}]
        if options is not None:
            params["initializationOptions"] = options
        response = self.request("initialize", params)
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "claudelang", "version": version, "text": text}},
        )

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def hover(self, uri: str, line: int, character: int, timeout: float = 30.0) -> dict[str, Any]:
        return self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
            timeout,
        )

    def rss_kb(self) -> int:
        """The server's resident memory (VmRSS) in kB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (user + system), from /proc/PID/stat."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self, timeout: float = 30.0) -> int | None:
        """Shut down politely if possible, then make sure the process is gone."""
        if self.alive() and not self.closed:
            with contextlib.suppress(Exception):
                self.request("shutdown", None, timeout)
                self.notify("exit")
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            with contextlib.suppress(Exception):
                stream.close()  # type: ignore[union-attr]
        return self.process.returncode

    def __enter__(self) -> Wire:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def range_(line: int, character: int, end_line: int, end_character: int) -> dict[str, Any]:
    return {
        "start": {"line": line, "character": character},
        "end": {"line": end_line, "character": end_character},
    }


_BREAK = re.compile(r"\r\n|\r|\n")


def lsp_offset(text: str, line: int, character: int) -> int:
    """The str index of an LSP position in `text`, clamped the way the server clamps it:
    lines break at \\n, \\r\\n and \\r; a column past the end of its line is the line's
    end; a column inside a surrogate pair is the start of that character."""
    start = 0
    if line > 0:
        for count, match in enumerate(_BREAK.finditer(text), 1):
            if count == line:
                start = match.end()
                break
        else:
            return len(text)
    found = _BREAK.search(text, start)
    end = found.start() if found else len(text)
    units = 0
    for offset in range(start, end):
        width = 2 if ord(text[offset]) > 0xFFFF else 1
        if units + width > character:
            return offset
        units += width
    return end


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    """`text` after an LSP range change (an end before the start means an empty range)."""
    first = lsp_offset(text, *start)
    last = max(first, lsp_offset(text, *end))
    return text[:first] + new + text[last:]
