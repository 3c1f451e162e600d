"""The server's own bookkeeping stays bounded over many messages (in-process)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from claudelang.lsp.framing import Frame, handle_body
from claudelang.lsp.server import build_server


class NullWriter:
    def write(self, data: bytes) -> None:
        pass

    def close(self) -> None:
        pass


def test_notifications_leave_no_futures_behind(tmp_path: Path) -> None:
    """pygls stored the future of every didChange (a generator builtin) and never removed it:
    one leaked Future per keystroke."""

    async def session() -> int:
        server = build_server()
        server.protocol.set_writer(NullWriter())

        def send(method: str, params: object, request_id: int | None = None) -> None:
            message = {"jsonrpc": "2.0", "method": method, "params": params}
            if request_id is not None:
                message["id"] = request_id
            handle_body(server.protocol, Frame(json.dumps(message).encode()))

        send("initialize", {"capabilities": {}, "rootUri": tmp_path.as_uri()}, 1)
        send("initialized", {})
        uri = (tmp_path / "a.cl").as_uri()
        send(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "claudelang", "version": 1, "text": ""}}
        )
        for version in range(2, 302):
            change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}
            send(
                "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
            )
            send("workspace/executeCommand", {"command": "claudelang.inspect", "arguments": [uri, "x"]}, version)
            await asyncio.sleep(0)
        await asyncio.sleep(0.05)
        left = len(server.protocol._request_futures)
        for task in list(server.tasks):
            task.cancel()
        return left

    assert asyncio.run(session()) < 5


def test_keystrokes_spawn_no_tasks_and_still_publish_and_settle(tmp_path: Path) -> None:
    """The diagnostics debounce and the settling of a broken document are one timer per
    document, replaced by each keystroke, not a task per keystroke; the last revision's
    diagnostics are published once, and the document is settled after the pause."""
    sent: list[dict] = []

    class Recorder(NullWriter):
        def write(self, data: bytes) -> None:
            sent.append(json.loads(data.split(b"\r\n\r\n", 1)[1]))

    async def session() -> tuple[int, list[dict], bool]:
        server = build_server()
        server.protocol.set_writer(Recorder())

        def send(method: str, params: object, request_id: int | None = None) -> None:
            message = {"jsonrpc": "2.0", "method": method, "params": params}
            if request_id is not None:
                message["id"] = request_id
            handle_body(server.protocol, Frame(json.dumps(message).encode()))

        send("initialize", {"capabilities": {}, "rootUri": tmp_path.as_uri()}, 1)
        send("initialized", {})
        uri = (tmp_path / "a.cl").as_uri()
        document = {"uri": uri, "languageId": "claudelang", "version": 1, "text": "(define x 1)\n"}
        send("textDocument/didOpen", {"textDocument": document})
        await asyncio.sleep(0.05)
        before = set(server.tasks)
        sent.clear()
        for version, typed in enumerate("(f (g", start=2):
            change = {
                "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                "text": typed,
            }
            send(
                "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
            )
        spawned = len(set(server.tasks) - before)
        unsettled = server.documents[uri].unsettled
        await asyncio.sleep(0.5)
        for task in list(server.tasks):
            task.cancel()
        published = [m["params"] for m in sent if m.get("method") == "textDocument/publishDiagnostics"]
        return spawned, published, unsettled and not server.documents[uri].unsettled

    spawned, published, settled = asyncio.run(session())
    assert spawned == 0
    assert published and published[0]["version"] == 6
    assert settled
