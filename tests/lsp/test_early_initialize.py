"""`claudelang-lsp --stdio` answers a known `initialize` before importing pygls (`lsp/early.py`).

Each test starts real server processes over pipes with their own cache folder. The second
start with the same client answers from the kept reply (its log says so) with exactly the
reply the first computed, and then serves the session as usual: the `initialize` it read
itself still reaches pygls (the settings it carries are in force). A kept reply that is
out of date, a cache file that is not JSON, a different client and a first message that
is not `initialize` are each handled without an early answer going wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

EARLY = "answered initialize from the reply kept for this client"
OUT_OF_DATE = "was out of date"
HOVER_SOURCE = "(define (greet name) (str name))\n(greet 1)\n"


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


class Server:
    """A `claudelang-lsp --stdio` process whose cache folder is `cache`."""

    def __init__(self, cache: Path) -> None:
        environment = dict(os.environ, XDG_CACHE_HOME=str(cache))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "claudelang.lsp.main", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )

    def send(self, *messages: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"".join(frame(message) for message in messages))
        self.process.stdin.flush()

    def reply(self, id: int) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = 0
            while (line := stdout.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            assert length, "the server closed its output"
            message = json.loads(stdout.read(length))
            if message.get("id") == id:
                return message

    def finish(self) -> str:
        """Shut the server down; its log."""
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"})
        _, errors = self.process.communicate(timeout=60)
        return errors.decode()


def initialize(capabilities: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    params = {"processId": None, "rootUri": None, "capabilities": capabilities, "initializationOptions": options}
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}


def session(cache: Path, capabilities: dict[str, Any], options: dict[str, Any] | None = None) -> tuple[Any, Any, str]:
    """Initialize, open a document and hover in it: the initialize result, the hover's
    reply and the server's log."""
    server = Server(cache)
    server.send(initialize(capabilities, options))
    result = server.reply(1)["result"]
    uri = "file:///tmp/early.cl"
    document = {"uri": uri, "languageId": "claudelang", "version": 1, "text": HOVER_SOURCE}
    server.send(
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}},
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}},
        },
    )
    hover = server.reply(2)
    return result, hover, server.finish()


def test_the_second_start_answers_from_the_kept_reply_and_serves_as_usual(tmp_path: Path) -> None:
    first, first_hover, first_log = session(tmp_path, {})
    second, second_hover, second_log = session(tmp_path, {})
    assert EARLY not in first_log and EARLY in second_log
    assert second == first and second_hover == first_hover
    assert "greet" in json.dumps(second_hover["result"])


def test_a_different_client_gets_its_own_reply(tmp_path: Path) -> None:
    session(tmp_path, {})
    rename = {"textDocument": {"rename": {"prepareSupport": True}}}
    result, _, log = session(tmp_path, rename)
    assert EARLY not in log
    assert result["capabilities"]["renameProvider"] == {"prepareProvider": True}
    again, _, log = session(tmp_path, rename)
    assert EARLY in log and again == result


def test_an_out_of_date_reply_is_replaced(tmp_path: Path) -> None:
    right, _, _ = session(tmp_path, {})
    kept = tmp_path / "claudelang" / "initialize-replies.json"
    replies = json.loads(kept.read_text())
    (key,) = replies
    replies[key] = {"capabilities": {}, "serverInfo": {"name": "stale"}}
    kept.write_text(json.dumps(replies))
    sent, _, log = session(tmp_path, {})
    assert sent["serverInfo"]["name"] == "stale" and OUT_OF_DATE in log
    assert json.loads(kept.read_text())[key] == right
    again, _, _ = session(tmp_path, {})
    assert again == right


def test_a_cache_file_that_is_not_json_is_ignored_and_rewritten(tmp_path: Path) -> None:
    kept = tmp_path / "claudelang" / "initialize-replies.json"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\x00not json{")
    result, hover, log = session(tmp_path, {})
    assert EARLY not in log and "capabilities" in result and "greet" in json.dumps(hover["result"])
    assert list(json.loads(kept.read_text()).values()) == [result]


def test_settings_sent_with_an_early_initialize_are_in_force(tmp_path: Path) -> None:
    options = {"maxFileBytes": 10}  # HOVER_SOURCE is larger: a syntax-only document
    session(tmp_path, {}, options)
    _, hover, log = session(tmp_path, {}, options)
    assert EARLY in log
    assert hover["result"] is None


def test_a_request_before_initialize_is_still_refused(tmp_path: Path) -> None:
    server = Server(tmp_path)
    position = {"textDocument": {"uri": "file:///tmp/early.cl"}, "position": {"line": 0, "character": 0}}
    server.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": position})
    assert server.reply(5)["error"]["code"] == -32002  # ServerNotInitialized
    server.send(initialize({}))
    assert "capabilities" in server.reply(1)["result"]
    server.finish()
