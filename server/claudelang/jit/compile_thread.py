"""The compile thread: compilations tiering asked for run here while the VM keeps going.

`submit(work)` queues a compilation and returns its future at once; the VM goes on running
the function (or loop) it wanted compiled and looks at `done()` at its next counted call
or iteration (`tiering.Entry`), where it installs the result itself. Nothing the thread
produces reaches the namespace or the log except through the VM's thread.

One thread for the process, started when work arrives and gone when the queue is empty,
so a session that stops asking leaves no thread behind. LLVM's optimiser and code
generator release the GIL (llvmlite calls them through ctypes), so on a machine with two
cores the VM loses little while a function is compiled. Each of the 16 or so llvmlite
calls of a compilation must take the GIL back from the running VM when it returns, which
at CPython's default switch interval (5 ms) can cost 5 ms a call: while the thread works
the interval is lowered to `SWITCH_INTERVAL` (the VM then yields the GIL sooner when
asked; nothing changes while nobody asks). Jobs still queued when the main
thread has finished (interpreter exit) are dropped, not compiled.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

THREAD_NAME = "claudelang-jit-compile"
SWITCH_INTERVAL = float(os.environ.get("CLAUDELANG_JIT_SWITCH_INTERVAL", "0.0005"))


_queue: deque[tuple[Future[Any], Callable[[], Any]]] = deque()
_lock = threading.Lock()
_thread: threading.Thread | None = None


def submit(work: Callable[[], Any]) -> Future[Any]:
    """Queue `work` for the compile thread (started if none is running); return its future."""
    global _thread
    job: Future[Any] = Future()
    with _lock:
        _queue.append((job, work))
        if _thread is None:
            _thread = threading.Thread(target=_drain, name=THREAD_NAME)
            _thread.start()
    return job


def run_now(work: Callable[[], Any]) -> Future[Any]:
    """`work` run on the calling thread, as a future that is already done (synchronous mode)."""
    job: Future[Any] = Future()
    _run(job, work)
    return job


def _run(job: Future[Any], work: Callable[[], Any]) -> None:
    try:
        job.set_result(work())
    except BaseException as error:  # handed to the VM's thread, which decides what it means
        job.set_exception(error)


def _drain() -> None:
    global _thread
    previous = sys.getswitchinterval()  # (the next thread starts after this one restored it)
    sys.setswitchinterval(min(previous, SWITCH_INTERVAL))
    while True:
        with _lock:
            if not _queue or not threading.main_thread().is_alive():
                _queue.clear()
                sys.setswitchinterval(previous)
                _thread = None
                return
            job, work = _queue.popleft()
        _run(job, work)  # (never raises)
        del job, work  # what they referenced (a spec, a namespace) need not outlive the job


def wait_idle(timeout: float | None = None) -> bool:
    """Wait until every queued job has run and the thread has ended; False on timeout."""
    with _lock:
        thread = _thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True


__all__ = ["THREAD_NAME", "run_now", "submit", "wait_idle"]
