"""Robust JSON-RPC framing for the server's input: resynchronising after bad frames.

pygls's reader trusts every `Content-Length` header: a length that is too short, too long
or not a number leaves the rest of a body glued to the next header, and from then on every
message is lost. `FrameParser` is a byte-level state machine that recovers instead:

- headers are found by searching for `Content-Length:` (anything before it is garbage);
- a body whose declared length runs past the start of the next frame ends there (a raw
  `Content-Length: N` + CRLF cannot occur inside JSON text, where line breaks are escaped);
- a body with an unreadable length ends where a complete JSON value ends;
- when input stops arriving in the middle of an over-long body, `flush_idle` hands over
  what came if it is a complete JSON value.

Output goes through `FrameWriter`, which writes every frame whole: a large answer that
the pipe takes only in part (a signal, a stopped process, a non-blocking descriptor) is
finished before the next message starts, instead of being cut off and interleaved with
it (found with py-spy attached to the server: a semantic-tokens answer lost its last
800 bytes to a diagnostics notification, and the client waited forever).

`serve` feeds it from a byte stream and dispatches each body through pygls's protocol,
answering what the protocol cannot: a parse error (-32700) for a body that is not JSON,
an invalid-request error (-32600) for JSON that is not a message, and an invalid-params
error (-32602) for a request whose parameters do not fit the method's types.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

HEADER = re.compile(rb"Content-Length:[ \t]*([^\r\n]*)\r\n((?:[A-Za-z0-9-]+:[^\r\n]*\r\n)*)\r\n", re.IGNORECASE)
NEXT_HEADER = re.compile(rb"Content-Length:[ \t]*\d+\r\n", re.IGNORECASE)
MAX_HEADER = 4096  # bytes kept while looking for a header that has not fully arrived
_decoder = json.JSONDecoder()

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002


@dataclass(frozen=True, slots=True)
class Frame:
    """One body (to be parsed as JSON), or a framing problem (`body` is None)."""

    body: bytes | None
    problem: str | None = None


class FrameParser:
    """Splits a byte stream into message bodies, recovering from malformed frames."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.length: int | None = None  # declared body length; None while reading headers
        self.unknown_length = False  # in a body whose length header was unreadable
        self.searched = 0  # bytes of the current body already searched for a next header

    def feed(self, data: bytes) -> list[Frame]:
        self.buffer += data
        frames: list[Frame] = []
        while True:
            frame = self._next()
            if frame is None:
                return frames
            frames.append(frame)

    def flush_idle(self) -> list[Frame]:
        """Input has stopped: a body still waiting for bytes ends if it is complete JSON."""
        if (self.length is not None or self.unknown_length) and complete_json(self.buffer) == len(self.buffer):
            body = bytes(self.buffer)
            self._start_headers(len(self.buffer))
            return [Frame(body, "Content-Length longer than the body")]
        return []

    def _start_headers(self, consumed: int) -> None:
        del self.buffer[:consumed]
        self.length = None
        self.unknown_length = False
        self.searched = 0

    def _next(self) -> Frame | None:
        if self.length is None and not self.unknown_length:
            return self._header()
        return self._body()

    def _header(self) -> Frame | None:
        match = HEADER.search(self.buffer)
        if match is None:
            start = find_header_start(self.buffer)
            if start < 0:  # no header begins here: keep a tail that might become one
                garbage = bytes(self.buffer[: max(0, len(self.buffer) - MAX_HEADER)])
                del self.buffer[: len(garbage)]
                return Frame(None, "bytes outside any frame") if garbage.strip() else None
            if start > 0:
                garbage = bytes(self.buffer[:start])
                del self.buffer[:start]
                return Frame(None, "bytes outside any frame") if garbage.strip() else None
            if len(self.buffer) > MAX_HEADER:  # a header that never ends: drop its first byte
                del self.buffer[:1]
            return None
        garbage = bytes(self.buffer[: match.start()])
        value = match.group(1).strip()
        del self.buffer[: match.end()]
        self.searched = 0
        if value.isdigit():
            self.length = int(value)
        else:
            self.unknown_length = True
        if garbage.strip():
            return Frame(None, "bytes outside any frame")
        if self.unknown_length:
            return Frame(None, f"invalid Content-Length {value[:40]!r}")
        return self._body()

    def _body(self) -> Frame | None:
        buffer = self.buffer
        if self.length is not None and len(buffer) >= self.length:
            body = bytes(buffer[: self.length])
            following = NEXT_HEADER.search(body, max(0, self.searched - 64))
            if following is not None and following.start() > 0:  # too long: swallowed a header
                return self._cut(following.start(), "Content-Length longer than the body")
            if not body.rstrip().endswith((b"}", b"]")):  # too long: swallowed part of a header?
                end = complete_json(body)
                if end is not None:
                    return self._cut(end, "Content-Length longer than the body")
            self._start_headers(self.length)
            return Frame(body)
        following = NEXT_HEADER.search(buffer, max(0, self.searched - 64))
        self.searched = len(buffer)
        if following is not None:
            problem = "Content-Length longer than the body" if self.length is not None else None
            return self._cut(following.start(), problem)
        if self.unknown_length:
            end = complete_json(buffer)
            if end is not None and not buffer[end:].strip():
                return self._cut(len(buffer), None)
        return None

    def _cut(self, end: int, problem: str | None) -> Frame:
        body = bytes(self.buffer[:end])
        self._start_headers(end)
        return Frame(body, problem)


def find_header_start(buffer: bytearray) -> int:
    """Where a `Content-Length` header (or a prefix of one, at the end) starts, or -1."""
    lowered = bytes(buffer[-MAX_HEADER:]).lower() if len(buffer) > MAX_HEADER else bytes(buffer).lower()
    offset = len(buffer) - len(lowered)
    at = lowered.find(b"content-length:")
    if at >= 0:
        return offset + at
    name = b"content-length:"
    for size in range(min(len(name) - 1, len(lowered)), 0, -1):
        if lowered.endswith(name[:size]):
            return offset + len(lowered) - size
    return -1


def complete_json(data: bytes | bytearray) -> int | None:
    """The end of the JSON value at the start of `data` (after whitespace), or None."""
    text = bytes(data).decode("utf-8", errors="replace")
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        _value, end = _decoder.raw_decode(stripped)
    except ValueError:
        return None
    return len(text[: len(text) - len(stripped) + end].encode("utf-8"))


# ---------------------------------------------------------------- writing


class FrameWriter:
    """pygls's writer interface over a file descriptor: each `write` sends all its bytes
    before any other write starts, whatever the descriptor accepts per call."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lock = threading.Lock()

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        with self.lock:
            while view:
                try:
                    written = os.write(self.fd, view)
                except BlockingIOError:  # a non-blocking descriptor with a full pipe
                    select.select([], [self.fd], [])
                    continue
                view = view[written:]

    def close(self) -> None:
        """The descriptor belongs to the process (stdout): nothing to release."""


# ---------------------------------------------------------------- dispatching


def error_response(request_id: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}


def handle_body(protocol: Any, frame: Frame) -> None:
    """Parse one body and pass it to pygls's protocol, answering errors pygls would not."""
    if frame.problem is not None:
        log.warning("malformed frame: %s", frame.problem)
    if frame.body is None:
        return
    try:
        message = json.loads(frame.body)
    except ValueError as exc:
        protocol._send_data(error_response(None, PARSE_ERROR, f"Parse error: {exc}"))
        return
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        request_id = message.get("id") if isinstance(message, dict) else None
        protocol._send_data(
            error_response(valid_id(request_id), INVALID_REQUEST, "Invalid request: not a JSON-RPC 2.0 message")
        )
        return
    is_request = "method" in message and "id" in message
    if is_request and valid_id(message["id"]) != message["id"]:
        protocol._send_data(error_response(None, INVALID_REQUEST, "Invalid request: bad id"))
        return
    try:
        structured = protocol.structure_message(message)
    except Exception as exc:
        method = message.get("method")
        log.warning("invalid message %s: %s", method, exc)
        if is_request and not known_method(protocol, method):
            protocol._send_data(error_response(message["id"], METHOD_NOT_FOUND, f"Method not found: {method}"))
        elif is_request:
            protocol._send_data(error_response(message["id"], INVALID_PARAMS, f"Invalid params for {method}"))
        return
    try:
        protocol.handle_message(structured)
    except Exception:  # pygls answers requests itself; this is a last resort
        log.exception("failed to handle %s", message.get("method"))
        if is_request:
            protocol._send_data(error_response(message["id"], -32603, "Internal error"))


def known_method(protocol: Any, method: object) -> bool:
    features = protocol.fm
    return isinstance(method, str) and (method in features.features or method in features.builtin_features)


def valid_id(request_id: Any) -> int | str | None:
    """The id if JSON-RPC allows it (a string or an integer), else None."""
    if isinstance(request_id, str) or (isinstance(request_id, int) and not isinstance(request_id, bool)):
        return request_id
    return None


class Feed:
    """Dispatches the frames of each chunk of input as it arrives: `feed` is called on the
    event loop with every chunk (b"" at the end of input). A body waiting for bytes that do
    not come is handed over once input has been silent for `idle_seconds`
    (`FrameParser.flush_idle`), by one timer that moves itself to the last chunk's time
    plus `idle_seconds` when it fires (O(1) per chunk: no task, wait or queue each)."""

    def __init__(self, protocol: Any, stopped: Callable[[], bool], idle_seconds: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.protocol = protocol
        self.stopped = stopped
        self.idle_seconds = idle_seconds
        self.parser = FrameParser()
        self.ended: asyncio.Future[None] = self.loop.create_future()
        self.last = self.loop.time()  # when the last chunk came
        self.timer = self.loop.call_later(idle_seconds, self.tick)

    def feed(self, data: bytes) -> None:
        if self.ended.done():
            return
        if not data:
            self.ended.set_result(None)
            return
        self.last = self.loop.time()
        self.dispatch(self.parser.feed, data)

    def tick(self) -> None:
        wait = self.last + self.idle_seconds - self.loop.time()
        if wait <= 0 and not self.ended.done():
            self.dispatch(lambda _: self.parser.flush_idle(), b"")
            wait = self.idle_seconds
        self.timer = self.loop.call_later(wait, self.tick)

    def dispatch(self, frames_of: Callable[[bytes], list[Frame]], data: bytes) -> None:
        """Handle the frames `frames_of(data)` gives; an exception ends `serve` with it."""
        try:
            for frame in frames_of(data):
                handle_body(self.protocol, frame)
        except Exception as exc:
            if not self.ended.done():
                self.ended.set_exception(exc)
            return
        if self.stopped() and not self.ended.done():
            self.ended.set_result(None)


async def serve(
    protocol: Any,
    start: Callable[[Callable[[bytes], None]], None],
    stopped: Callable[[], bool],
    idle_seconds: float = 1.0,
) -> None:
    """Dispatch every frame of the input until its end (or `stopped()`): `start` is given
    the function to call on the event loop with each chunk read (b"" at the end)."""
    feed = Feed(protocol, stopped, idle_seconds)
    try:
        start(feed.feed)
        await feed.ended
    finally:
        feed.timer.cancel()
