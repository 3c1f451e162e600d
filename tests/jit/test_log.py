"""The JIT log writes each distinct deopt once (the events keep every one)."""

from __future__ import annotations

import io

from claudelang.jit.log import JitLog


def test_a_repeated_deopt_is_written_once() -> None:
    stream = io.StringIO()
    log = JitLog(stream)
    for _ in range(4):
        log.deopt("f(int)", "1:10 got a float")
    log.deopt("f(int)", "2:3 got a string")
    assert stream.getvalue().count("jit: deopt") == 2
    assert len(log.of_kind("deopt")) == 5
