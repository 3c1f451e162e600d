"""Compiling on the compile thread: the VM keeps running meanwhile, the next call after the
compilation installs it, code whose globals changed meanwhile is discarded, and the thread
is gone once there is nothing left to compile."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest
from claudelang.jit import compile_thread, tiering
from claudelang.vm import Session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.jit.helpers import compiled, outcome, sessions
from tests.jit.programs import programs

pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

FIB = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"


class HeldCompiles:
    """Stands in for the compile thread: each job is compiled at once, against the namespace
    as it is then, but reported done only when the test releases it."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Future[Any], Any]] = []

    def submit(self, work: Callable[[], Any]) -> Future[Any]:
        job: Future[Any] = Future()
        self.jobs.append((job, work()))
        return job

    def release(self) -> None:
        for job, unit in self.jobs:
            job.set_result(unit)
        self.jobs.clear()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCompiles]:
    compiles = HeldCompiles()
    monkeypatch.setattr(compile_thread, "submit", compiles.submit)
    yield compiles


def background_session(threshold: int = 20) -> Session:
    session = Session(jit="auto")
    assert session.jit_manager is not None
    session.jit_manager.threshold = threshold
    session.jit_manager.background = True
    return session


def events(session: Session, kind: str) -> list[str]:
    assert session.jit_manager is not None
    return [str(event) for event in session.jit_manager.log.of_kind(kind)]


def test_the_vm_runs_the_function_until_its_compilation_is_done(held: HeldCompiles) -> None:
    session = background_session()
    session.eval(FIB)
    assert session.eval("(fib 15)") == 610  # hot: compilation asked for, the VM goes on
    assert len(held.jobs) == 1 and compiled(session) == []
    assert session.eval("(fib 15)") == 610
    held.release()
    assert session.eval("(fib 15)") == 610  # its first call installs the code
    assert compiled(session) == ["fib(int)"]
    assert session.jit_manager is not None
    assert session.jit_manager.function_state(session.namespace, "fib") == "native"
    assert "after 20 calls, on the compile thread" in events(session, "compiled")[0]
    assert session.jit_manager.units[0].installed_after > 0


def test_a_callee_redefined_during_compilation_discards_the_code(held: HeldCompiles) -> None:
    session = background_session()
    session.eval("(define (g x) 1)")
    session.eval("(define (f x) (+ (g x) 0))")
    for _ in range(25):
        assert session.eval("(f 1)") == 1
    session.eval("(define (g x) 2)")  # hot reload while f is being compiled against the old g
    held.release()
    assert session.eval("(f 1)") == 2
    assert any("g changed while it was compiled" in line for line in events(session, "discarded"))
    assert "f(int)" not in compiled(session)
    for _ in range(25):
        assert session.eval("(f 1)") == 2
    held.release()  # compiled again, against the new g
    assert session.eval("(f 1)") == 2
    assert "f(int)" in compiled(session)


def test_a_function_redefined_during_compilation_never_gets_the_old_code(held: HeldCompiles) -> None:
    session = background_session()
    session.eval("(define (f x) (+ x 1))")
    for _ in range(25):
        session.eval("(f 1)")
    session.eval("(define (f x) (+ x 2))")
    held.release()
    for _ in range(25):
        assert session.eval("(f 1)") == 3
    assert compiled(session) == []
    held.release()
    assert session.eval("(f 1)") == 3
    assert compiled(session) == ["f(int)"]


def test_a_running_loop_switches_once_its_compilation_is_done() -> None:
    session = background_session(threshold=100)
    session.eval("(define (sum-to n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc i)) acc)))")
    assert session.eval("(sum-to 100000)") == 4999950000
    assert compile_thread.wait_idle(timeout=120)
    assert session.eval("(sum-to 100000)") == 4999950000  # its first iteration installs the code
    assert compiled(session) == ["sum-to/loop(int, int, int)"]


def test_the_compile_thread_is_gone_when_there_is_nothing_to_compile() -> None:
    interval = sys.getswitchinterval()
    session = background_session(threshold=10)
    session.eval(FIB)
    assert session.eval("(fib 18)") == 2584
    assert compile_thread.wait_idle(timeout=120)
    assert not [thread for thread in threading.enumerate() if thread.name == compile_thread.THREAD_NAME]
    assert sys.getswitchinterval() == interval  # lowered only while it worked
    assert session.eval("(fib 18)") == 2584
    assert compiled(session) == ["fib(int)"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(min_value=2, max_value=4))
def test_background_compilation_agrees_with_the_vm(program: tuple[str, str, list[object]], threshold: int) -> None:
    """The compile thread works while the same program runs; results never differ."""
    definitions, call, args = program
    vm, jit = sessions(threshold, background=True, **{f"a{i}": value for i, value in enumerate(args)})
    for text in (definitions, f"(do {call} {call} {call})", call, call):
        results = [outcome(session, text) for session in (vm, jit)]
        assert results[0] == results[1], f"{text} differs:\n  vm:  {results[0]}\n  jit: {results[1]}\n{definitions}"
        assert compile_thread.wait_idle(timeout=120)


def test_auto_mode_compiles_in_the_background_unless_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def background(mode: str) -> bool | None:
        manager = Session(jit=mode).jit_manager
        assert manager is not None
        return manager.background

    monkeypatch.setattr(tiering, "BACKGROUND", True)  # the default
    assert background("auto") is True
    assert background("eager") is False
    monkeypatch.setattr(tiering, "BACKGROUND", False)  # CLAUDELANG_JIT_BACKGROUND=0
    assert background("auto") is False
