"""The server's message dispatch (`lsp.dispatch`) decides what pygls's would, cheaper.

Differential: every shape of message is given pygls's kind, and a session of messages
(open, edits, hover, completion, a failing handler, an unknown method) gets the same
answers through pygls's own dispatch and through ours. Cost: a keystroke's messages make
no `concurrent.futures.Future` and no `isinstance` check against pygls's protocols.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from claudelang.lsp import dispatch
from claudelang.lsp.dispatch import Kind, kind
from claudelang.lsp.framing import Frame, handle_body
from claudelang.lsp.server import ClaudeLangProtocol, build_server
from pygls.protocol import json_rpc
from pygls.protocol.json_rpc import RPCNotification, RPCRequest, RPCResponse
from pygls.protocol.language_server import LanguageServerProtocol

FIELDS = ("id", "method", "params", "result", "error")


def pygls_kind(message: object) -> Kind:
    if isinstance(message, RPCRequest):
        return Kind.REQUEST
    if isinstance(message, RPCNotification):
        return Kind.NOTIFICATION
    if isinstance(message, RPCResponse):
        return Kind.RESPONSE
    return Kind.ERROR


@pytest.mark.parametrize(
    "present", [combo for size in range(len(FIELDS) + 1) for combo in itertools.combinations(FIELDS, size)]
)
def test_every_shape_of_message_gets_pyglss_kind(present: tuple[str, ...]) -> None:
    message = SimpleNamespace(jsonrpc="2.0", **{name: None for name in present})
    assert kind(message) is pygls_kind(message)


class Recorder:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def write(self, data: bytes) -> None:
        self.sent.append(json.loads(data.split(b"\r\n\r\n", 1)[1]))

    def close(self) -> None:
        pass


def comparable(message: dict[str, Any]) -> dict[str, Any]:
    """A message without what differs between two runs: the ids of the server's own
    requests, an internal error's traceback."""
    if "method" in message and "id" in message:
        return {**message, "id": "the server's"}
    error = message.get("error")
    if error is not None:
        return {**message, "error": {"code": error["code"], "message": error["message"].splitlines()[0]}}
    return message


def session(root: Path) -> list[dict[str, Any]]:
    """What the server sends for a session of open, edits, requests and a failing handler."""

    async def run() -> list[dict[str, Any]]:
        server = build_server()
        recorder = Recorder()
        server.protocol.set_writer(recorder)

        @server.feature("claudelang/fail")
        def fail(params: dict[str, Any]) -> None:
            raise ValueError("a handler failed")

        ids = itertools.count(1)

        def send(method: str, params: object, request: bool = True) -> None:
            message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
            if request:
                message["id"] = next(ids)
            handle_body(server.protocol, Frame(json.dumps(message).encode()))

        send("initialize", {"capabilities": {}, "rootUri": root.as_uri()})
        send("initialized", {}, request=False)
        uri = (root / "a.cl").as_uri()
        text = "(define (square x) (* x x))\n(square 4)\n"
        send(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "claudelang", "version": 1, "text": text}},
            False,
        )
        await asyncio.sleep(0.05)
        for version, (column, typed) in enumerate([(10, " "), (11, "("), (12, "s"), (13, "q")], start=2):
            edit = {
                "range": {"start": {"line": 1, "character": column}, "end": {"line": 1, "character": column}},
                "text": typed,
            }
            send(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]},
                False,
            )
            send("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}})
            send(
                "textDocument/completion",
                {"textDocument": {"uri": uri}, "position": {"line": 1, "character": column + 1}},
            )
            await asyncio.sleep(0.05)
        send("claudelang/fail", {})
        send("claudelang/fail", {}, request=False)
        send("textDocument/noSuchRequest", {})
        send("textDocument/didClose", {"textDocument": {"uri": uri}}, False)
        send("shutdown", None)
        await asyncio.sleep(0.05)
        for task in list(server.tasks):
            task.cancel()
        return [comparable(message) for message in recorder.sent]

    return asyncio.run(run())


def test_a_session_gets_the_answers_pyglss_dispatch_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = session(tmp_path)
    monkeypatch.setattr(
        ClaudeLangProtocol,
        "dispatch",
        lambda self, message, method: LanguageServerProtocol.handle_message(self, message),
    )
    monkeypatch.setattr(dispatch, "is_plain_sync", lambda handler: False)
    monkeypatch.setattr("claudelang.lsp.server.is_plain_sync", lambda handler: False)
    monkeypatch.setattr(
        ClaudeLangProtocol,
        "_send_response",
        lambda self, msg_id, result=None, error=None: LanguageServerProtocol._send_response(
            self, msg_id, result, error
        ),
    )
    theirs = session(tmp_path)
    assert any(message.get("method") == "textDocument/publishDiagnostics" for message in ours)
    assert any("error" in message for message in ours)
    assert ours == theirs


def test_a_keystroke_makes_no_future_and_no_protocol_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []

    class CountedFuture(json_rpc.Future):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            made.append(self)
            super().__init__()

    checked: list[object] = []
    base_handle = LanguageServerProtocol.handle_message

    def counted_handle(self: LanguageServerProtocol, message: object) -> None:
        checked.append(message)
        base_handle(self, message)

    monkeypatch.setattr(json_rpc, "Future", CountedFuture)
    monkeypatch.setattr(LanguageServerProtocol, "handle_message", counted_handle)

    async def run() -> None:
        server = build_server()
        server.protocol.set_writer(Recorder())

        def send(message: dict[str, Any]) -> None:
            handle_body(server.protocol, Frame(json.dumps({"jsonrpc": "2.0", **message}).encode()))

        send({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": tmp_path.as_uri()}})
        send({"method": "initialized", "params": {}})
        uri = (tmp_path / "a.cl").as_uri()
        document = {"uri": uri, "languageId": "claudelang", "version": 1, "text": "(define x 1)\n"}
        send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        await asyncio.sleep(0.05)
        made.clear()
        checked.clear()
        edit = {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"}
        send(
            {
                "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [edit]},
            }
        )
        send(
            {
                "id": 2,
                "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}},
            }
        )
        send(
            {
                "id": 3,
                "method": "textDocument/completion",
                "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}},
            }
        )
        await asyncio.sleep(0.05)
        for task in list(server.tasks):
            task.cancel()

    asyncio.run(run())
    assert made == []
    assert checked == []
