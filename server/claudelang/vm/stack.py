"""Running evaluations on threads with a large C stack, reused from one evaluation to the next.

Non-tail recursion 100,000 deep needs a high recursion limit, and calls that pass through
C (a builtin such as `map` calling a closure) need C stack: about 1.2 KB per level, far
more than the main thread's 8 MB. Evaluations therefore run on worker threads started
with a 512 MB stack (reserved address space; only the pages used are committed).

Starting a thread costs far more than evaluating `(+ 1 2)`, so a worker is kept after its
job and handed the next one; a second evaluation that starts while every worker is busy
(another thread using another session) gets a new worker. Code already running on a
worker (an evaluation started from inside an evaluation) runs in place.

Ctrl-C in the waiting thread is forwarded to the worker as a `KeyboardInterrupt`, which
stops the ClaudeLang code there; the waiting thread then re-raises it. An interrupt that
reaches a worker after its job finished is dropped, never charged to the next job.
"""

from __future__ import annotations

import ctypes
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any

STACK_SIZE = 512 * 1024 * 1024
RECURSION_LIMIT = 250_000

_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_on_worker = threading.local()


class _Job:
    """One piece of work and its outcome."""

    __slots__ = ("done", "error", "value", "work")

    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work
        self.value: Any = None
        self.error: BaseException | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            self.value = self.work()
        except BaseException as exc:  # handed to the waiting thread
            self.error = exc
        finally:
            self.done.set()


class _Worker:
    """A daemon thread with a large stack that runs the jobs put on its queue."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        previous = threading.stack_size(STACK_SIZE)
        try:
            self.thread = threading.Thread(target=self._loop, name="claudelang-eval", daemon=True)
            self.thread.start()
        finally:
            threading.stack_size(previous)

    def _loop(self) -> None:
        _on_worker.active = True
        while True:
            try:
                job = self.jobs.get()
            except BaseException:  # a stray Ctrl-C that arrived while idle
                continue
            while not job.done.is_set():
                try:
                    job.run()
                except BaseException:  # a Ctrl-C meant for the previous job: run this one
                    continue


def _take_worker() -> _Worker:
    with _idle_lock:
        if _idle:
            return _idle.pop()
    return _Worker()


def _release(worker: _Worker) -> None:
    with _idle_lock:
        _idle.append(worker)


def run_on_big_stack(
    work: Callable[[], Any], on_worker: Callable[[threading.Thread | None], None] | None = None
) -> Any:
    """Run `work` on a large-stack worker thread; return its value or re-raise its error.

    `on_worker` is told the worker thread while it runs `work` (None afterwards), so that
    another thread can interrupt it.
    """
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    if getattr(_on_worker, "active", False):
        return work()
    worker = _take_worker()
    job = _Job(work)
    if on_worker is not None:
        on_worker(worker.thread)
    worker.jobs.put(job)
    try:
        _wait(job, worker)
    finally:
        if on_worker is not None:
            on_worker(None)
        _release(worker)
    if job.error is not None:
        raise job.error
    return job.value


def _wait(job: _Job, worker: _Worker) -> None:
    """Wait for `job`; Ctrl-C here interrupts the ClaudeLang code running on `worker`."""
    try:
        job.done.wait()
    except KeyboardInterrupt:
        interrupt_thread(worker.thread)
        job.done.wait()
        raise


# Told of every interrupt: code that runs without bytecode boundaries (the JIT's native
# loops) cannot see an asynchronous exception and stops on this signal instead.
INTERRUPT_LISTENERS: list[Callable[[], None]] = []


def interrupt_thread(thread: threading.Thread) -> None:
    """Raise KeyboardInterrupt inside `thread` at its next bytecode boundary."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(KeyboardInterrupt))
    for listener in INTERRUPT_LISTENERS:
        listener()


def start_big_stack_thread(target: Callable[[], Any], name: str) -> threading.Thread:
    """Start a daemon thread with the large stack on which evaluations then run in place.

    For hosts that own their evaluation thread (the kernel interrupts it directly).
    """
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)

    def run() -> None:
        _on_worker.active = True
        target()

    previous = threading.stack_size(STACK_SIZE)
    try:
        thread = threading.Thread(target=run, name=name, daemon=True)
        thread.start()
    finally:
        threading.stack_size(previous)
    return thread
