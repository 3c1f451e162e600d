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
