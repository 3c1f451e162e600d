"""Serving a stream (`server.serve_stream`, `framing.serve`): every frame of a pipe written
in pieces is dispatched in order, an over-long body is handed over once input is silent,
and a pipe is read by the event loop itself, with no thread and no task per chunk; a
stream the loop cannot watch (a file) is read on a thread."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import threading
import time
from typing import Any

from claudelang.lsp import framing
from claudelang.lsp.server import serve_stream


class Recorder:
    """Stands for the protocol: `handle_body` passes it each message it parses."""

    def __init__(self) -> None:
        self.handled: list[Any] = []

    def structure_message(self, message: dict[str, Any]) -> dict[str, Any]:
        return message

    def handle_message(self, message: dict[str, Any]) -> None:
        self.handled.append(message)

    def _send_data(self, data: Any) -> None:
        self.handled.append(("sent", data))


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


MESSAGES = [{"jsonrpc": "2.0", "method": "note", "params": {"n": n, "text": "é" * n}} for n in range(40)]


def serve_pipe(pieces: list[bytes], pause: float) -> tuple[Recorder, set[str], int]:
    """Serve a pipe written `pieces` apart by `pause` seconds: the recorder, the names of
    threads started meanwhile, and the most tasks alive at once."""
    recorder = Recorder()
    read_end, write_end = os.pipe()
    before = {thread.name for thread in threading.enumerate()}

    def write() -> None:
        for piece in pieces:
            os.write(write_end, piece)
            time.sleep(pause)
        os.close(write_end)

    async def run() -> tuple[set[str], int]:
        most = 0

        async def watch() -> None:
            nonlocal most
            while True:
                most = max(most, len(asyncio.all_tasks()))
                await asyncio.sleep(0.001)

        watcher = asyncio.ensure_future(watch())
        threading.Thread(target=write, name="test-writer", daemon=True).start()
        with os.fdopen(read_end, "rb", buffering=0) as stream:
            await serve_stream(recorder, stream, lambda: False)
        started = {thread.name for thread in threading.enumerate()} - before - {"test-writer"}
        watcher.cancel()
        return started, most

    started, most = asyncio.run(run())
    return recorder, started, most


def test_a_pipe_written_in_pieces_is_served_in_order_by_the_loop_alone() -> None:
    data = b"".join(frame(message) for message in MESSAGES)
    pieces = [data[i : i + 37] for i in range(0, len(data), 37)]
    recorder, started, most = serve_pipe(pieces, 0.0005)
    assert recorder.handled == MESSAGES
    assert started == set()  # no reader thread
    assert most <= 2  # the main task and the watcher: none per chunk


def test_an_over_long_body_is_handed_over_when_input_is_silent() -> None:
    recorder = Recorder()

    async def run() -> None:
        loop = asyncio.get_running_loop()

        def start(feed) -> None:  # type: ignore[no-untyped-def]
            feed(b'Content-Length: 100\r\n\r\n{"jsonrpc": "2.0", "method": "late"}')
            loop.call_later(0.3, feed, frame(MESSAGES[0]))
            loop.call_later(0.35, feed, b"")

        await framing.serve(recorder, start, lambda: False, idle_seconds=0.1)

    asyncio.run(run())
    assert recorder.handled == [{"jsonrpc": "2.0", "method": "late"}, MESSAGES[0]]


def test_a_file_is_read_on_a_thread() -> None:
    recorder = Recorder()
    with tempfile.TemporaryFile() as file:
        file.write(b"".join(frame(message) for message in MESSAGES))
        file.seek(0)
        asyncio.run(serve_stream(recorder, file, lambda: False))
    assert recorder.handled == MESSAGES


def test_serving_ends_when_stopped() -> None:
    recorder = Recorder()
    read_end, write_end = os.pipe()
    os.write(write_end, frame(MESSAGES[0]))  # the pipe stays open: only `stopped` ends it
    with os.fdopen(read_end, "rb", buffering=0) as stream:
        asyncio.run(asyncio.wait_for(serve_stream(recorder, stream, lambda: bool(recorder.handled)), 5))
    os.close(write_end)
    assert recorder.handled == [MESSAGES[0]]
