"""The server's message reader (`lsp.framing.FrameParser`): any chunking, and recovery
after malformed frames, checked with hypothesis; and its writer (`FrameWriter`), which
keeps each frame whole when the pipe takes it only in part."""

from __future__ import annotations

import json
import os
import threading
import time

from claudelang.lsp.framing import FrameParser, FrameWriter
from hypothesis import given, settings
from hypothesis import strategies as st

messages = st.lists(
    st.fixed_dictionaries(
        {"jsonrpc": st.just("2.0"), "id": st.integers(0, 10**6), "method": st.text(max_size=20)},
        optional={"params": st.dictionaries(st.text(max_size=5), st.text(max_size=30) | st.integers(), max_size=3)},
    ),
    min_size=1,
    max_size=6,
)


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def feed_in_chunks(data: bytes, cuts: list[int]) -> list[dict]:
    parser = FrameParser()
    frames = []
    previous = 0
    for cut in [*sorted(cut % (len(data) + 1) for cut in cuts), len(data)]:
        frames.extend(parser.feed(data[previous:cut]))
        previous = max(previous, cut)
    return [message for f in frames if f.body is not None and (message := parse(f.body)) is not None]


def parse(body: bytes) -> dict | None:
    try:
        return json.loads(body)
    except ValueError:
        return None  # a broken frame: the server answers it with a parse error


@settings(max_examples=200, deadline=None)
@given(messages, st.lists(st.integers(0, 10**6), max_size=10))
def test_any_chunking_gives_the_same_messages(sent: list[dict], cuts: list[int]) -> None:
    data = b"".join(frame(m) for m in sent)
    assert feed_in_chunks(data, cuts) == sent


BROKEN = [
    lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) - 3) + body,  # too short
    lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) + 9) + body,  # too long
    lambda body: b"Content-Length: abc\r\n\r\n" + body,  # not a number
    lambda body: b"junk" + body,  # no header at all
    lambda body: b"Content-Length: 5\r\n" + body,  # no blank line
]


@settings(max_examples=200, deadline=None)
@given(messages, st.integers(0, 5), st.sampled_from(range(len(BROKEN))), st.lists(st.integers(0, 10**6), max_size=6))
def test_messages_after_a_broken_frame_survive(sent: list[dict], at: int, kind: int, cuts: list[int]) -> None:
    at = at % len(sent)
    broken = BROKEN[kind](json.dumps({"jsonrpc": "2.0", "id": "broken", "method": "x"}).encode())
    data = b"".join(frame(m) for m in sent[:at]) + broken + b"".join(frame(m) for m in sent[at:])
    received = [m for m in feed_in_chunks(data, cuts) if m.get("id") != "broken"]
    assert received == sent


def test_an_over_long_body_ends_when_input_stops() -> None:
    parser = FrameParser()
    assert parser.feed(b'Content-Length: 100\r\n\r\n{"jsonrpc": "2.0", "id": 1}') == []
    (frame_,) = parser.flush_idle()
    assert json.loads(frame_.body) == {"jsonrpc": "2.0", "id": 1} and frame_.problem
    assert parser.flush_idle() == []
    assert [json.loads(f.body) for f in parser.feed(frame({"id": 2}))] == [{"id": 2}]


def test_frames_stay_whole_when_the_pipe_takes_them_in_parts() -> None:
    """A non-blocking pipe read slowly takes a large frame a piece at a time; another
    thread's frame must not land in the middle of it, and nothing may be lost."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    writer = FrameWriter(write_end)
    big = [frame({"jsonrpc": "2.0", "id": n, "result": {"data": list(range(40_000))}}) for n in range(3)]
    small = [frame({"jsonrpc": "2.0", "method": "note", "params": {"n": n}}) for n in range(50)]
    received = bytearray()

    def read_slowly() -> None:
        while chunk := os.read(read_end, 4096):
            received.extend(chunk)
            time.sleep(0.0005)

    reader = threading.Thread(target=read_slowly)
    reader.start()
    notes = threading.Thread(target=lambda: [writer.write(data) for data in small])
    notes.start()
    for data in big:
        writer.write(data)
    notes.join()
    os.close(write_end)
    reader.join()
    os.close(read_end)
    bodies = [frame.body for frame in FrameParser().feed(bytes(received))]
    assert sorted(bodies) == sorted(data.split(b"\r\n\r\n", 1)[1] for data in big + small)
