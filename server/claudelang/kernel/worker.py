"""The kernel process: `python -m claudelang.kernel.worker [--memory-limit MB] [...]`.

The protocol travels on copies of the file descriptors the server gave as stdin and
stdout; user code gets a stdin that reads as end of file and a stdout (fd 1, so also
`/dev/stdout`) whose text is sent as the running evaluation's output. The main thread
reads requests. Evaluations run one at a time on an evaluator thread with a big stack;
`interrupt` raises KeyboardInterrupt in that thread; `reload` and `describe` are served
at once, one at a time, on a second big-stack thread, so that hot reload can replace a
function while a long cell is running and code that calls it by name picks up the new
definition, and so that printing a deeply nested value never runs on a small stack.
Under a memory limit the two stacks take at most a quarter of it each (the recursion
limit shrinks with them) and malloc keeps to two arenas, since reserved address space
counts against the limit.

`io:print` output is streamed back in batches while the evaluation runs (at most
`FLUSH_SECONDS` late, even when the cell then blocks), and capped per evaluation so that an
output flood cannot drown the editor.

An interrupt names the evaluation it stops (a cancelled request), or else stops the
oldest unanswered one: the running one, or, when it arrives before that evaluation has
started, the one about to start. An interrupt of nothing unanswered is dropped, so it is
never charged to a later cell. Error messages and reports are capped like values.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import ctypes
import fcntl
import os
import queue
import select
import struct
import termios
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO

from claudelang.compiler import CompiledForm
from claudelang.kernel.protocol import MAX_FRAME, encode, read_frame
from claudelang.runtime.errors import ClError
from claudelang.runtime.printer import show
from claudelang.vm import Session, stack
from claudelang.vm.stack import interrupt_thread, start_big_stack_thread

VALUE_LIMIT = 300
MESSAGE_LIMIT = 2_000  # characters of an error message
REPORT_LIMIT = 20_000  # characters of an error report (message, source line, traceback)
MEMORY_LIMIT_MB = [0]  # the address-space limit this kernel runs under (0: none)
OUTPUT_LIMIT = 2_000_000  # characters of output streamed per evaluation
FLUSH_SECONDS = 0.05
M_ARENA_MAX = -8  # glibc's mallopt parameter


def abbreviate(text: str, limit: int = VALUE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: Any) -> str:
    """The abbreviated printed form of `value`; one nested too deeply to print says so."""
    try:
        return abbreviate(show(value))
    except RecursionError:
        return "#<value nested too deeply to print>"


class Channel:
    """Writes frames to the server; safe to use from several threads."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        data = encode(message)
        if len(data) > MAX_FRAME:  # the server would reject it: answer that instead
            too_large = ValueError(f"the kernel's answer is too large ({len(data):,} bytes)")
            data = encode(failed_response(message, too_large))
        with self.lock:
            self.stream.write(data)
            self.stream.flush()


class StreamedOutput:
    """A text stream for `io:print` that forwards output in batches, up to a cap."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.lock = threading.Lock()
        self.sending = threading.Lock()  # one flush at a time, so batches keep their order
        self.waiting = threading.Event()  # set while output waits in the buffer
        self.buffer: list[str] = []
        self.request_id: int | None = None
        self.sent = 0
        self.dropped = 0
        self.last_flush = time.monotonic()
        threading.Thread(target=self.flush_late_output, name="kernel-output", daemon=True).start()

    def start(self, request_id: int) -> None:
        with self.lock:
            self.request_id, self.sent, self.dropped, self.buffer = request_id, 0, 0, []

    def write(self, text: str) -> int:
        with self.lock:
            room = OUTPUT_LIMIT - self.sent
            if room <= 0:
                self.dropped += len(text)
                return len(text)
            self.buffer.append(text[:room])
            self.sent += min(len(text), room)
            self.dropped += max(0, len(text) - room)
        if time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            self.flush()
        else:
            self.waiting.set()
        return len(text)

    def flush(self) -> None:
        with self.sending:
            with self.lock:
                text, self.buffer = "".join(self.buffer), []
                request_id = self.request_id
                self.last_flush = time.monotonic()
            if text and request_id is not None:
                self.channel.send({"id": request_id, "event": "output", "text": text})

    def flush_late_output(self) -> None:
        """Send buffered output within `FLUSH_SECONDS` even if no further write comes."""
        while True:
            self.waiting.wait()
            time.sleep(FLUSH_SECONDS)
            self.waiting.clear()
            self.flush()

    def finish(self) -> int:
        """Flush what is left; the number of characters dropped by the cap."""
        self.flush()
        return self.dropped


class UserStdout:
    """fd 1 of the kernel: a pipe whose text is written to the evaluation's output."""

    def __init__(self, output: StreamedOutput) -> None:
        self.output = output
        self.read_end, write_end = os.pipe()
        os.dup2(write_end, 1)
        os.close(write_end)
        self.idle = threading.Event()
        self.idle.set()
        threading.Thread(target=self.forward, name="kernel-stdout", daemon=True).start()

    def forward(self) -> None:
        """Copy the pipe to the output. `idle` is cleared while the pipe still holds what is
        about to be read (so `drain` never sees an empty pipe and an idle forwarder while a
        write is on its way), and set again once it has reached the output."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            self.idle.set()
            select.select([self.read_end], [], [])
            self.idle.clear()
            data = os.read(self.read_end, 1 << 16)
            if not data:
                self.idle.set()
                return
            self.output.write(decoder.decode(data))

    def drain(self, timeout: float = 1.0) -> None:
        """Wait (a little) until what user code wrote to fd 1 has reached the output."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and (self.unread() or not self.idle.is_set()):
            time.sleep(0.001)

    def unread(self) -> int:
        buffer = fcntl.ioctl(self.read_end, termios.FIONREAD, b"\0\0\0\0")
        return int(struct.unpack("i", buffer)[0])


class Kernel:
    def __init__(self, channel: Channel, session: Session, output: StreamedOutput, stdout: UserStdout) -> None:
        self.channel = channel
        self.session = session
        self.output = output
        self.stdout = stdout
        self.requests: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.side_work: queue.Queue[Callable[[], None]] = queue.Queue()
        self.evaluator: threading.Thread | None = None
        # Interrupt bookkeeping, all under `state`: the evaluations not started yet, in
        # order; those of them interrupted before they started; the running one; whether
        # it can still be interrupted (not interrupted yet).
        self.state = threading.Lock()
        self.queued: list[Any] = []
        self.cancelled: set[Any] = set()
        self.current: Any = None
        self.running = False

    # ------------------------------------------------------------ evaluation

    def evaluate(self, request: dict[str, Any]) -> dict[str, Any]:
        request_id = request["id"]
        self.output.start(request_id)
        started = time.perf_counter()
        values: list[dict[str, Any]] = []
        error = None

        def on_value(form: CompiledForm, value: Any) -> None:
            span = form.node.span
            values.append(
                {
                    "start_line": span.start.line,
                    "end_line": span.end.line,
                    "end_col16": span.end.col16,
                    "source": form.node.source,
                    "value": shown(value),
                    "defines": defined_name(form),
                }
            )

        try:
            line_offset = int(request.get("line_offset", 0))
            self.session.eval_forms(request["source"], request.get("path") or "<cell>", line_offset, on_value)
        except ClError as exc:
            error = error_payload(self.session, exc)
        except KeyboardInterrupt:
            error = INTERRUPTED
        except Exception as exc:
            error = internal_error(exc)
        self.stdout.drain()
        dropped = self.output.finish()
        return {
            "id": request_id,
            "event": "result",
            "values": values,
            "error": error,
            "duration": time.perf_counter() - started,
            "output_dropped": dropped,
            "globals": self.describe_globals([v["defines"] for v in values if v["defines"]]),
        }

    def describe_globals(self, names: list[str]) -> dict[str, str]:
        found = {}
        for name in names:
            value = self.session.globals.get(name)
            if name in self.session.globals:
                found[name] = shown(value)
        return found

    def run_evaluations(self) -> None:
        while True:
            request = self.requests.get()
            if request is None:
                return
            response = self.evaluate_interruptibly(request)
            with self.state:
                self.current = None
            self.channel.send(response)

    def evaluate_interruptibly(self, request: dict[str, Any]) -> dict[str, Any]:
        """Evaluate, turning an interrupt that lands anywhere into an "interrupted" answer.

        `interrupt` raises at most one exception per evaluation, and only while `running`
        is set; `settle` clears it, so when this returns none can still be on its way to
        this thread (to land in a half-written frame or in the next evaluation).
        """
        request_id = request.get("id")
        with self.state:
            if request_id in self.queued:
                self.queued.remove(request_id)
            cancelled = request_id in self.cancelled
            self.cancelled.discard(request_id)
            self.current, self.running = request_id, not cancelled
        response = interrupted_response(request)
        try:
            try:
                if not cancelled:
                    response = self.evaluate(request)
            except Exception as exc:  # never leave a request unanswered
                response = failed_response(request, exc)
        except KeyboardInterrupt:  # landed outside the evaluation's own handler
            response = interrupted_response(request)
        self.settle()
        return response

    def settle(self) -> None:
        """Accept no more interrupts for this evaluation, absorbing one already sent."""
        while True:
            try:
                with self.state:
                    self.running = False
                checkpoint()  # delivers an interrupt sent before `running` was cleared
                return
            except KeyboardInterrupt:
                continue

    def interrupt(self, target: Any = None) -> None:
        """Stop evaluation `target` (default: the oldest unanswered one)."""
        with self.state:
            if target is None:
                target = self.current if self.current is not None else next(iter(self.queued), None)
            if target is None:
                return
            if target in self.queued:
                self.cancelled.add(target)
            elif target == self.current and self.running and self.evaluator is not None:
                self.running = False  # one interrupt per evaluation: a second would land anywhere
                interrupt_thread(self.evaluator)

    # ------------------------------------------------------------ concurrent requests

    def serve_side_work(self) -> None:
        """Run reloads and descriptions, one at a time, on this big-stack thread."""
        while True:
            work = self.side_work.get()
            try:
                work()
            except BaseException:  # a stray interrupt; the work answered already or cannot
                continue

    def reload(self, request: dict[str, Any]) -> None:
        """Re-evaluate definitions now, even while a cell runs (hot reload)."""
        try:
            response = self.evaluate_quietly(request)
        except (Exception, KeyboardInterrupt) as exc:
            response = failed_response(request, exc)
        self.channel.send(response)

    def evaluate_quietly(self, request: dict[str, Any]) -> dict[str, Any]:
        """Evaluate each form of `forms` ([source, line, column]) where it stands in its file."""
        defined: list[str] = []
        error = None
        for source, line, column in request.get("forms", []):
            try:
                self.session.eval_forms(
                    " " * int(column) + str(source),
                    request.get("path") or "<reload>",
                    int(line),
                    lambda form, _value: defined.append(defined_name(form) or ""),
                )
            except ClError as exc:
                error = error_payload(self.session, exc)
                break
        return {
            "id": request["id"],
            "event": "result",
            "values": [],
            "error": error,
            "duration": 0.0,
            "globals": self.describe_globals([d for d in defined if d]),
        }

    def describe(self, request: dict[str, Any]) -> None:
        names = [name for name in request.get("names", []) if isinstance(name, str)]
        try:
            response = {"id": request["id"], "event": "described", "globals": self.describe_globals(names)}
        except (Exception, KeyboardInterrupt) as exc:
            response = failed_response(request, exc)
        self.channel.send(response)

    def serve(self, stream: BinaryIO) -> None:
        self.evaluator = start_big_stack_thread(self.run_evaluations, "kernel-evaluator")
        start_big_stack_thread(self.serve_side_work, "kernel-side")
        self.channel.send({"event": "ready"})
        while True:
            request = read_frame(stream)
            if request is None or request.get("op") == "shutdown":
                self.requests.put(None)
                return
            try:
                self.dispatch(request)
            except Exception as exc:  # a malformed request must not stop the kernel
                self.channel.send(failed_response(request, exc))

    def dispatch(self, request: dict[str, Any]) -> None:
        op = request.get("op")
        if op == "eval":
            with self.state:
                self.queued.append(request.get("id"))
            self.requests.put(request)
        elif op == "interrupt":
            self.interrupt(request.get("target"))
        elif op == "reload":
            self.side_work.put(lambda: self.reload(request))
        elif op == "describe":
            self.side_work.put(lambda: self.describe(request))
        elif op == "ping":
            self.channel.send({"id": request["id"], "event": "pong"})


def defined_name(form: CompiledForm) -> str | None:
    node = form.node
    name = getattr(node, "name", None)
    return getattr(name, "name", None) if name is not None and type(node).__name__ == "Define" else None


INTERRUPTED = {"kind": "interrupted", "message": "evaluation interrupted", "location": None, "report": "interrupted"}


def checkpoint() -> None:
    """A call: CPython delivers a pending asynchronous exception on entering a function."""


def error_response(request: dict[str, Any], error: dict[str, Any]) -> dict[str, Any]:
    """The answer to an evaluation that produced nothing but `error`."""
    return {
        "id": request.get("id"),
        "event": "result",
        "values": [],
        "error": error,
        "duration": 0.0,
        "output_dropped": 0,
        "globals": {},
    }


def interrupted_response(request: dict[str, Any]) -> dict[str, Any]:
    return error_response(request, INTERRUPTED)


def failed_response(request: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    """The answer to a request whose evaluation failed inside the kernel itself."""
    if isinstance(exc, KeyboardInterrupt):
        return interrupted_response(request)
    return error_response(request, internal_error(exc))


def internal_error(exc: Exception) -> dict[str, Any]:
    """The error payload of a Python exception that escaped an evaluation."""
    if isinstance(exc, MemoryError):
        return {"kind": "memory", "message": out_of_memory(), "location": None, "report": out_of_memory()}
    message = abbreviate(f"{type(exc).__name__}: {exc}", MESSAGE_LIMIT)
    return {"kind": "internal", "message": message, "location": None, "report": f"internal error: {message}"}


def out_of_memory() -> str:
    return f"out of memory (the kernel is limited to {MEMORY_LIMIT_MB[0]} MB: claudelang.memoryLimitMb)"


def error_report(session: Session, error: ClError) -> str:
    try:
        return session.format_error(error)
    except Exception as exc:  # a bug in the report must not lose the error itself
        return f"error[{error.kind}]: {error.message}\n(no traceback: {type(exc).__name__}: {exc})"


def error_payload(session: Session, error: ClError) -> dict[str, Any]:
    location = error.location
    kind, message = error.kind, error.message
    if kind == "internal" and message.startswith("MemoryError"):  # the kernel's limit, not a bug
        kind, message = "memory", out_of_memory()
    error.kind, error.message = kind, abbreviate(message, MESSAGE_LIMIT)  # the report quotes both
    return {
        "kind": kind,
        "message": error.message,
        "location": None
        if location is None
        else {
            "file": location.file,
            "line": location.line,
            "col": location.col,
            "end_line": location.end_line,
            "end_col": location.end_col,
        },
        "report": abbreviate(error_report(session, error), REPORT_LIMIT),
    }


def limit_memory(megabytes: int) -> None:
    """Limit the address space, and size the big stacks (two of them) to fit in it."""
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without limits
        return
    full = stack.STACK_SIZE
    stack.STACK_SIZE = min(full, limit // 4)
    stack.RECURSION_LIMIT = stack.RECURSION_LIMIT * stack.STACK_SIZE // full
    with contextlib.suppress(OSError, AttributeError):  # one malloc arena per thread reserves 64 MB each
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)


def protocol_streams() -> tuple[BinaryIO, BinaryIO]:
    """Move the protocol off fds 0 and 1; user code gets /dev/null as stdin."""
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return requests, answers


def main() -> None:
    parser = argparse.ArgumentParser(description="ClaudeLang evaluation kernel (started by claudelang-lsp)")
    parser.add_argument("--memory-limit", type=int, default=2048, help="address-space limit in MB (0: none)")
    parser.add_argument("--allow-network", action="store_true")
    parser.add_argument("--no-contracts", action="store_true")
    parser.add_argument("--jit", default="auto")
    args = parser.parse_args()
    if args.memory_limit:
        limit_memory(args.memory_limit)
        MEMORY_LIMIT_MB[0] = args.memory_limit
    requests, answers = protocol_streams()
    channel = Channel(answers)
    output = StreamedOutput(channel)
    stdout = UserStdout(output)
    session = Session(stdout=output, allow_network=args.allow_network, contracts=not args.no_contracts, jit=args.jit)  # type: ignore[arg-type]
    Kernel(channel, session, output, stdout).serve(requests)


if __name__ == "__main__":
    main()
