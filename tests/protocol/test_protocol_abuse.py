"""Protocol abuse against a live `claudelang-lsp --stdio`, through raw JSON-RPC bytes.

Malformed JSON, wrong Content-Length headers, unknown methods, requests before
`initialize` and after `shutdown`, parameters of the wrong type, positions past the end
and inside surrogate pairs, edits to unopened documents, a burst of 1,000 requests and
cancellations of finished ones. Every request must get exactly one proper answer (a
result, or an error other than an internal error), and the server must keep serving:
each test ends with a hover that has to work.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from lspwire import Wire, apply_change, range_

TEXT = '(define (square x) (* x x))\n(square 4)\n"😀😀" (square 5) ; 😀\r\n(let ((y 1)) y)\r(io:print "é")\n'
HOVER_AT = (1, 2)  # `square` in `(square 4)`
INTERNAL_ERROR = -32603


def frame(body: bytes, length: int | str | None = None) -> bytes:
    length = len(body) if length is None else length
    return b"Content-Length: %s\r\n\r\n" % str(length).encode() + body


def hover_body(request_id: int | str, uri: str, line: int = HOVER_AT[0], character: int = HOVER_AT[1]) -> bytes:
    params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
    return json.dumps({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/hover", "params": params}).encode()


class Session:
    """A started, initialized server with one open document."""

    def __init__(self, wire: Wire, root: Path) -> None:
        self.wire = wire
        self.root = root
        self.uri = (root / "doc.cl").as_uri()

    def hover_works(self) -> None:
        response = self.wire.hover(self.uri, *HOVER_AT, timeout=30)
        assert "square" in json.dumps(response.get("result")), response

    def answered(self, response: dict[str, Any]) -> dict[str, Any]:
        """`response` is a proper answer: a result, or an error that is not an internal one."""
        if "error" in response:
            assert response["error"]["code"] != INTERNAL_ERROR, response
            assert isinstance(response["error"].get("message"), str)
        else:
            assert "result" in response, response
        return response


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    wire = Wire(cwd=tmp_path)
    try:
        wire.initialize(tmp_path)
        current = Session(wire, tmp_path)
        wire.open(current.uri, TEXT)
        current.hover_works()
        yield current
        current.hover_works()  # still serving after the abuse
        assert wire.alive() and not wire.garbage and not wire.duplicates
        errors = [n for n in wire.notifications if n["method"] == "window/showMessage" and n["params"]["type"] == 1]
        assert not errors, errors
    finally:
        code = wire.close()
    assert code == 0, wire.stderr()[-3000:]


def test_requests_before_initialize_are_refused(tmp_path: Path) -> None:
    with Wire(cwd=tmp_path) as wire:
        uri = (tmp_path / "early.cl").as_uri()
        early = wire.hover(uri, 0, 1)
        assert early["error"]["code"] == -32002  # ServerNotInitialized
        wire.open(uri, "(define (early x) x)\n(early 1)\n")  # a notification: dropped
        assert wire.request("workspace/symbol", {"query": ""})["error"]["code"] == -32002
        wire.initialize(tmp_path)
        assert wire.hover(uri, 1, 2)["result"] is None  # the early didOpen never happened
        wire.open(uri, "(define (early x) x)\n(early 1)\n")
        assert "early" in json.dumps(wire.hover(uri, 1, 2)["result"])


def test_malformed_json_gets_parse_errors(session: Session) -> None:
    wire = session.wire
    for body in [b"{not json", b"", b'{"jsonrpc": "2.0", "id": 1, "method": ', b"\xff\xfe{}", b"[1, 2"]:
        wire.send_bytes(frame(body))
    session.hover_works()
    parse_errors = [r for r in wire.orphans if r["error"]["code"] == -32700]
    assert len(parse_errors) == 5, wire.orphans


def test_json_that_is_not_a_message_gets_invalid_request(session: Session) -> None:
    wire = session.wire
    for body in ["[1, 2]", "42", "null", '"text"', "{}", '{"id": 7, "method": "textDocument/hover"}']:
        wire.send(body)
    session.hover_works()
    assert [r["error"]["code"] for r in wire.orphans] == [-32600] * 5
    assert wire.wait(7)["error"]["code"] == -32600  # no "jsonrpc": "2.0"
    for request_id in [True, 1.5, [1], {"a": 1}]:
        wire.send({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/hover", "params": {}})
    session.hover_works()
    assert [r["error"]["code"] for r in wire.orphans[5:]] == [-32600] * 4


def test_content_length_too_short(session: Session) -> None:
    body = hover_body("short", session.uri)
    session.wire.send_bytes(frame(body, len(body) - 10))
    session.hover_works()  # the rest of the body was skipped; the next frame is read
    assert [r["error"]["code"] for r in session.wire.orphans] == [-32700]


def test_content_length_too_long_then_another_request(session: Session) -> None:
    body = hover_body("long", session.uri)
    session.wire.send_bytes(frame(body, len(body) + 40))
    session.hover_works()
    session.answered(session.wire.wait("long"))  # the message itself was recovered


def test_content_length_too_long_and_then_silence(session: Session) -> None:
    body = hover_body("long-alone", session.uri)
    session.wire.send_bytes(frame(body, len(body) + 1000))
    assert "square" in json.dumps(session.wire.wait("long-alone", timeout=10)["result"])


@pytest.mark.parametrize("length", ["abc", "-5", "", "1e3", "0x20", "99999999999999999999999"])
def test_content_length_unreadable(session: Session, length: str) -> None:
    session.wire.send_bytes(frame(hover_body("odd", session.uri), length))
    session.hover_works()
    if length == "99999999999999999999999":  # a number: the server waits for that many bytes,
        return  # until the next header shows where the body ended (checked by the hover above)
    assert "square" in json.dumps(session.wire.wait("odd", timeout=10)["result"])


def test_headers_in_other_shapes(session: Session) -> None:
    wire = session.wire
    body = hover_body("typed", session.uri)
    wire.send_bytes(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frame(body))
    session.answered(wire.wait("typed"))
    body = hover_body("lower", session.uri)
    wire.send_bytes(b"content-length: %d\r\n\r\n" % len(body) + body)
    session.answered(wire.wait("lower"))
    wire.send_bytes(b"garbage between frames\r\n\r\n\r\n")
    wire.send_bytes(hover_body("no-header", session.uri))  # a body without any header
    session.hover_works()
    body = hover_body("split", session.uri)
    data = frame(body)
    for index in range(0, len(data), 7):  # one frame in many small writes
        wire.send_bytes(data[index : index + 7])
    session.answered(wire.wait("split"))


def test_unknown_methods(session: Session) -> None:
    wire = session.wire
    assert wire.request("claudelang/noSuchThing", {"x": 1})["error"]["code"] == -32601
    assert wire.request("textDocument/noSuchFeature", None)["error"]["code"] == -32601
    wire.notify("claudelang/noSuchNotification", {"x": 1})
    wire.notify("$/noSuchProtocolNotification")


POSITIONED = [
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/signatureHelp",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/prepareCallHierarchy",
]
WHOLE_DOCUMENT = [
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/semanticTokens/full",
    "textDocument/formatting",
    "textDocument/codeLens",
    "textDocument/diagnostic",
]


def positioned_params(method: str, uri: str, line: int, character: int) -> dict[str, Any]:
    params: dict[str, Any] = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
    if method == "textDocument/references":
        params["context"] = {"includeDeclaration": True}
    if method == "textDocument/rename":
        params["newName"] = "renamed"
    return params


def test_params_of_the_wrong_type_get_invalid_params(session: Session) -> None:
    wire = session.wire
    uri = session.uri
    bad_params: list[Any] = [
        [1, 2],
        "text",
        42,
        {},
        {"textDocument": 5, "position": "x"},
        {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
        {"textDocument": {"uri": uri}, "position": {"line": "1", "character": None}},
        {"textDocument": {"uri": uri}, "position": {"line": 2**40, "character": 0}},
    ]
    for method in POSITIONED + WHOLE_DOCUMENT:
        # (a whole-document request ignores a position, so only the first five are wrong for it)
        for params in bad_params if method in POSITIONED else bad_params[:5]:
            response = wire.request(method, params)
            assert response.get("error", {}).get("code") == -32602, (method, params, response)
    for params in [{"command": 5}, {"command": "claudelang.runCell", "arguments": "x"}]:
        assert wire.request("workspace/executeCommand", params)["error"]["code"] == -32602
    for arguments in [[], [5], [None, 1], [uri, "x"], [uri, {"a": 1}], ["file:///not/open.cl", 0]]:
        response = wire.request("workspace/executeCommand", {"command": "claudelang.runCell", "arguments": arguments})
        assert response["error"]["code"] == -32602, (arguments, response)
    # Notifications with bad params are dropped without an answer (and without effect).
    wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": "x"}, "contentChanges": 5})
    wire.notify("textDocument/didOpen", [1, 2, 3])
    wire.notify("$/cancelRequest", {"id": [1]})
    wire.notify("$/cancelRequest", None)


ODD_POSITIONS = [
    (0, 0),
    (0, 10_000),  # past the end of a line
    (2, 1),  # inside the first 😀 (UTF-16 column 1 of 2)
    (2, 3),  # inside the second 😀
    (2, 2**31 - 1),
    (4, 0),  # the line after a lone `\r`
    (5, 0),  # the empty last line
    (6, 0),  # past the last line
    (2**31 - 1, 2**31 - 1),
]


def test_positions_past_the_end_and_inside_surrogate_pairs(session: Session) -> None:
    wire = session.wire
    for method in POSITIONED:
        for line, character in ODD_POSITIONS:
            session.answered(wire.request(method, positioned_params(method, session.uri, line, character)))
    for start, end in [((0, 0), (2**31 - 1, 0)), ((2, 1), (2, 3)), ((9, 9), (0, 0)), ((6, 0), (7, 0))]:
        whole = range_(*start, *end)
        for method, params in [
            ("textDocument/semanticTokens/range", {"range": whole}),
            ("textDocument/inlayHint", {"range": whole}),
            ("textDocument/rangeFormatting", {"range": whole, "options": {"tabSize": 2, "insertSpaces": True}}),
            ("textDocument/codeAction", {"range": whole, "context": {"diagnostics": []}}),
            ("textDocument/selectionRange", {"positions": [{"line": start[0], "character": start[1]}]}),
        ]:
            session.answered(wire.request(method, {"textDocument": {"uri": session.uri}, **params}))
    for method in WHOLE_DOCUMENT:
        params: dict[str, Any] = {"textDocument": {"uri": session.uri}}
        if method == "textDocument/formatting":
            params["options"] = {"tabSize": 2, "insertSpaces": True}
        session.answered(wire.request(method, params))


# ---------------------------------------------------------------- edits


def document_picture(wire: Wire, uri: str) -> tuple[object, ...]:
    document = {"textDocument": {"uri": uri}}
    diagnostics = wire.request("textDocument/diagnostic", document)["result"]["items"]
    return (
        wire.request("textDocument/semanticTokens/full", document)["result"]["data"],
        sorted(json.dumps({k: d[k] for k in ("range", "message", "code")}, sort_keys=True) for d in diagnostics),
        wire.request("textDocument/documentSymbol", document)["result"],
        wire.request("textDocument/foldingRange", document)["result"],
    )


def test_odd_edit_ranges_keep_the_document_consistent(session: Session) -> None:
    """Edits past the end, reversed, inside surrogate pairs and across CR LF apply as the
    LSP describes (clamped); the result equals a fresh open of the expected text."""
    wire = session.wire
    text = TEXT
    edits = [
        ((2, 1), (2, 3), "(mid)"),  # both ends inside surrogate pairs
        ((0, 500), (0, 600), " ; past the end of line 0"),
        ((40, 0), (50, 0), "\n(appended)"),  # past the end of the document
        ((1, 5), (1, 2), "X"),  # end before start
        ((3, 15), (4, 0), ""),  # joins a CR LF line break with the next line
        ((0, 0), (0, 0), "\r"),
        ((1, 0), (1, 0), "\n(after-cr)"),  # a CR and a LF become one line break
        ((2, 0), (2, 2**31 - 1), "\ud83d"),  # a lone surrogate
    ]
    for version, (start, end, new) in enumerate(edits, start=2):
        wire.change(session.uri, version, [{"range": range_(*start, *end), "text": new}])
        text = apply_change(text, start, end, new)
    fresh = (session.root / "fresh.cl").as_uri()
    wire.open(fresh, text.replace("\ud83d", "\ufffd"))
    assert document_picture(wire, session.uri) == document_picture(wire, fresh)
    wire.change(session.uri, 99, [{"text": TEXT}])  # back to the original by a full replacement


def test_edits_to_unopened_documents(session: Session) -> None:
    wire = session.wire
    ghost = (session.root / "ghost.cl").as_uri()
    wire.change(ghost, 2, [{"range": range_(0, 0, 0, 0), "text": "(x)"}])
    wire.notify("textDocument/didSave", {"textDocument": {"uri": ghost}})
    wire.notify("textDocument/didClose", {"textDocument": {"uri": ghost}})
    assert wire.hover(ghost, 0, 1)["result"] is None
    for method in WHOLE_DOCUMENT:
        params: dict[str, Any] = {"textDocument": {"uri": ghost}}
        if method == "textDocument/formatting":
            params["options"] = {"tabSize": 2, "insertSpaces": True}
        session.answered(wire.request(method, params))
    for uri in ["not a uri", "file://", "untitled:Untitled-1", "file:///%zz/x.cl", "http://example.com/x.cl"]:
        wire.open(uri, "(define (odd-uri x) x)\n(odd-uri 1)\n")
        session.answered(wire.hover(uri, 1, 2))
        wire.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def test_a_burst_of_1000_requests(session: Session) -> None:
    wire = session.wire
    document = {"textDocument": {"uri": session.uri}}
    kinds = [
        ("textDocument/hover", {**document, "position": {"line": 1, "character": 2}}),
        ("textDocument/completion", {**document, "position": {"line": 1, "character": 3}}),
        ("textDocument/semanticTokens/full", document),
        ("textDocument/documentSymbol", document),
        ("textDocument/definition", {**document, "position": {"line": 1, "character": 2}}),
    ]
    ids = [wire.request_async(*kinds[index % len(kinds)]) for index in range(1000)]
    for request_id in ids:
        session.answered(wire.wait(request_id, timeout=120))
    assert not wire.duplicates


def test_cancelling_finished_pending_and_unknown_requests(session: Session) -> None:
    wire = session.wire
    finished = wire.request_async(
        "textDocument/hover", {"textDocument": {"uri": session.uri}, "position": {"line": 1, "character": 2}}
    )
    session.answered(wire.wait(finished))
    wire.notify("$/cancelRequest", {"id": finished})
    wire.notify("$/cancelRequest", {"id": finished})
    wire.notify("$/cancelRequest", {"id": "never-sent"})
    document = {"textDocument": {"uri": session.uri}}
    pending = [wire.request_async("textDocument/semanticTokens/full", document) for _ in range(50)]
    for request_id in pending:
        wire.notify("$/cancelRequest", {"id": request_id})
    for request_id in pending:
        response = session.answered(wire.wait(request_id))
        assert "result" in response or response["error"]["code"] == -32800  # RequestCancelled


def test_requests_after_shutdown_are_refused_and_exit_ends_the_process(tmp_path: Path) -> None:
    with Wire(cwd=tmp_path) as wire:
        wire.initialize(tmp_path)
        assert wire.request("shutdown")["result"] is None
        assert wire.hover((tmp_path / "x.cl").as_uri(), 0, 0)["error"]["code"] == -32600
        wire.notify("exit")
        assert wire.process.wait(10) == 0


def test_a_one_megabyte_message(session: Session) -> None:
    big = (session.root / "big.cl").as_uri()
    session.wire.open(big, "(define (big-one x) (+ x 1))\n" * 36_000)
    assert "big-one" in json.dumps(session.wire.hover(big, 35_999, 10, timeout=120)["result"])


def test_exit_without_shutdown_and_a_closed_input_end_the_process(tmp_path: Path) -> None:
    with Wire(cwd=tmp_path) as wire:
        wire.initialize(tmp_path)
        wire.notify("exit")
        assert wire.process.wait(10) == 1  # exit without shutdown: code 1, as LSP asks
    with Wire(cwd=tmp_path) as wire:
        wire.initialize(tmp_path)
        assert wire.process.stdin is not None
        wire.process.stdin.close()  # the client went away
        assert wire.process.wait(10) == 0


@pytest.mark.parametrize("extra", [1000, "abc"])
def test_a_first_initialize_with_a_wrong_length_and_then_silence_is_answered(tmp_path: Path, extra: int | str) -> None:
    """The server reads its first message itself (`lsp/early.py`); a frame that only ends
    when input stops is handed on to the usual reader, which answers it."""
    with Wire(cwd=tmp_path) as wire:
        params = {"processId": None, "rootUri": None, "capabilities": {}}
        body = json.dumps({"jsonrpc": "2.0", "id": "first", "method": "initialize", "params": params}).encode()
        wire.send_bytes(frame(body, len(body) + extra if isinstance(extra, int) else extra))
        assert "capabilities" in wire.wait("first", timeout=30)["result"]
