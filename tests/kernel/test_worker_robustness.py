"""The kernel process itself (`python -m claudelang.kernel.worker`) survives bad requests.

Found by protocol sweeps and the fault tests: an exception while building an error report
(a negative line offset made the traceback formatter fail) killed the evaluator thread,
so that request and every later one waited forever; a malformed request killed the
reading thread; an interrupt that arrived before the evaluation had started was lost.
"""

from __future__ import annotations

import select
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from claudelang.kernel.protocol import HEADER, decode, encode


class Kernel:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "claudelang.kernel.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.read() == {"event": "ready"}

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(encode(message))
        self.process.stdin.flush()

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        assert ready, "the kernel did not answer (hung)"
        (length,) = HEADER.unpack(self.process.stdout.read(HEADER.size))
        return decode(self.process.stdout.read(length))

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        while True:
            answer = self.read()
            if answer.get("event") != "output":
                return answer


@pytest.fixture
def kernel() -> Iterator[Kernel]:
    current = Kernel()
    yield current
    current.process.kill()
    current.process.wait()


def test_an_error_whose_report_fails_is_still_answered(kernel: Kernel) -> None:
    answer = kernel.ask({"op": "eval", "id": 1, "source": '"x" (f 3)', "path": "/tmp/x.cl", "line_offset": -5})
    assert answer["id"] == 1 and answer["error"]["kind"] == "unbound-name"
    assert kernel.ask({"op": "eval", "id": 2, "source": "(+ 1 2)", "line_offset": 0})["values"][0]["value"] == "3"


def test_malformed_requests_do_not_stop_the_kernel(kernel: Kernel) -> None:
    assert kernel.ask({"op": "describe", "id": 1, "names": [{"a": 1}, None, "x"]})["globals"] == {}
    assert kernel.ask({"op": "eval", "id": 2})["error"]["kind"] == "internal"  # no source
    kernel.send({"op": "no-such-op", "id": 3})  # ignored
    assert kernel.ask({"op": "describe"})["error"]["kind"] == "internal"  # no id: answered anyway
    assert kernel.ask({"op": "ping", "id": 4}) == {"id": 4, "event": "pong"}


def test_lone_surrogates_in_values_cross_the_pipe(kernel: Kernel) -> None:
    answer = kernel.ask({"op": "eval", "id": 1, "source": '(define s "a")', "line_offset": 0})
    assert answer["error"] is None
    assert decode(encode({"text": "a\ud800b"})[HEADER.size :]) == {"text": "a\ud800b"}


def test_an_interrupt_right_after_the_request_is_never_lost(kernel: Kernel) -> None:
    for index in range(60):
        kernel.send({"op": "eval", "id": index, "source": "(while #t nil)", "line_offset": 0})
        if index % 3:
            time.sleep(0.001 * (index % 7))  # before, as and after the evaluation starts
        kernel.send({"op": "interrupt"})
        answer = kernel.read()
        assert answer["id"] == index and answer["error"]["kind"] == "interrupted", answer
    kernel.send({"op": "interrupt"})  # nothing running: ignored, not kept for the next one
    assert kernel.ask({"op": "eval", "id": 99, "source": "(+ 1 2)", "line_offset": 0})["values"][0]["value"] == "3"


def test_output_before_a_blocking_call_is_streamed_while_it_blocks(kernel: Kernel) -> None:
    """Output waited in the buffer until the next write or the end of the evaluation."""
    kernel.ask({"op": "eval", "id": 1, "source": "(+ 1 2)", "line_offset": 0})  # a batch just went out
    kernel.send({"op": "eval", "id": 2, "source": '(io:print "early") (time:sleep 3)', "line_offset": 0})
    first = kernel.read()
    assert first == {"id": 2, "event": "output", "text": "early\n"}  # before the result, not with it
    assert kernel.read()["event"] == "result"
