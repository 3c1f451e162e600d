"""The kernel process: `python -m claudelang.kernel.worker [--memory-limit MB] [...]`.

The main thread reads requests from stdin. Evaluations run one at a time on an evaluator
thread (the Session puts each on its own big-stack thread); `interrupt` raises
KeyboardInterrupt in that thread; `reload` and `describe` are served at once on their own
threads, so that hot reload can replace a function while a long cell is running and
code that calls it by name picks up the new definition.

`io:print` output is streamed back in batches while the evaluation runs (at most
`FLUSH_SECONDS` late, even when the cell then blocks), and capped per evaluation so that an
output flood cannot drown the editor.

An interrupt stops the oldest unanswered evaluation: the running one, or, when it arrives
before that evaluation has started, the one about to start. An interrupt with nothing
unanswered is dropped, so it is never charged to a later cell.
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time
from typing import Any, BinaryIO

from claudelang.compiler import CompiledForm
from claudelang.kernel.protocol import encode, read_frame
from claudelang.runtime.errors import ClError
from claudelang.runtime.printer import show
from claudelang.vm import Session
from claudelang.vm.stack import interrupt_thread, start_big_stack_thread

VALUE_LIMIT = 300
MEMORY_LIMIT_MB = [0]  # the address-space limit this kernel runs under (0: none)
OUTPUT_LIMIT = 2_000_000  # characters of output streamed per evaluation
FLUSH_SECONDS = 0.05


def abbreviate(text: str, limit: int = VALUE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Channel:
    """Writes frames to the server; safe to use from several threads."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        data = encode(message)
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


class Kernel:
    def __init__(self, channel: Channel, session: Session, output: StreamedOutput) -> None:
        self.channel = channel
        self.session = session
        self.output = output
        self.requests: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.evaluator: threading.Thread | None = None
        # Interrupt bookkeeping, all under `state`: how many evaluations are not answered
        # yet; whether the oldest has started; whether it can still be interrupted
        # (running, and not interrupted yet); whether it was interrupted before it started.
        self.state = threading.Lock()
        self.unanswered = 0
        self.started = False
        self.running = False
        self.cancel_next = False

    # ------------------------------------------------------------ evaluation

    def evaluate(self, request: dict[str, Any]) -> dict[str, Any]:
        request_id = request["id"]
        self.output.start(request_id)
        started = time.perf_counter()
        values: list[dict[str, Any]] = []
        error = None
        line_offset = int(request.get("line_offset", 0))

        def on_value(form: CompiledForm, value: Any) -> None:
            span = form.node.span
            values.append(
                {
                    "start_line": span.start.line + line_offset,
                    "end_line": span.end.line + line_offset,
                    "end_col16": span.end.col16,
                    "source": form.node.source,
                    "value": abbreviate(show(value)),
                    "defines": defined_name(form),
                }
            )

        try:
            self.session.eval_forms(request["source"], request.get("path") or "<cell>", line_offset, on_value)
        except ClError as exc:
            error = error_payload(self.session, exc)
        except KeyboardInterrupt:
            error = INTERRUPTED
        except Exception as exc:
            error = {
                "kind": "internal",
                "message": f"{type(exc).__name__}: {exc}",
                "location": None,
                "report": f"internal error: {exc}",
            }
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
                found[name] = abbreviate(show(value))
        return found

    def run_evaluations(self) -> None:
        while True:
            request = self.requests.get()
            if request is None:
                return
            response = self.evaluate_interruptibly(request)
            with self.state:
                self.unanswered -= 1
                self.started = False
            self.channel.send(response)

    def evaluate_interruptibly(self, request: dict[str, Any]) -> dict[str, Any]:
        """Evaluate, turning an interrupt that lands anywhere into an "interrupted" answer.

        `interrupt` raises at most one exception per evaluation, and only while `running`
        is set; `settle` clears it, so when this returns none can still be on its way to
        this thread (to land in a half-written frame or in the next evaluation).
        """
        with self.state:
            cancelled, self.cancel_next = self.cancel_next, False
            self.started, self.running = True, not cancelled
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

    # ------------------------------------------------------------ concurrent requests

    def reload(self, request: dict[str, Any]) -> None:
        """Re-evaluate definitions now, even while a cell runs (hot reload)."""
        try:
            response = self.evaluate_quietly(request)
        except (Exception, KeyboardInterrupt) as exc:
            response = failed_response(request, exc)
        self.channel.send(response)

    def evaluate_quietly(self, request: dict[str, Any]) -> dict[str, Any]:
        line_offset = int(request.get("line_offset", 0))
        defined: list[str] = []
        try:
            self.session.eval_forms(
                request["source"],
                request.get("path") or "<reload>",
                line_offset,
                lambda form, _value: defined.append(defined_name(form) or ""),
            )
            error = None
        except ClError as exc:
            error = error_payload(self.session, exc)
        return {
            "id": request["id"],
            "event": "result",
            "values": [],
            "error": error,
            "duration": 0.0,
            "globals": self.describe_globals([d for d in defined if d]),
        }

    def interrupt(self) -> None:
        with self.state:
            if not self.unanswered:
                return
            if not self.started:
                self.cancel_next = True
            elif self.running and self.evaluator is not None:
                self.running = False  # one interrupt per evaluation: a second would land anywhere
                interrupt_thread(self.evaluator)

    def serve(self, stream: BinaryIO) -> None:
        self.evaluator = start_big_stack_thread(self.run_evaluations, "kernel-evaluator")
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
                self.unanswered += 1
            self.requests.put(request)
        elif op == "interrupt":
            self.interrupt()
        elif op == "reload":
            threading.Thread(target=self.reload, args=(request,), daemon=True).start()
        elif op == "describe":
            names = [name for name in request.get("names", []) if isinstance(name, str)]
            self.channel.send({"id": request["id"], "event": "described", "globals": self.describe_globals(names)})
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
    message = f"{type(exc).__name__}: {exc}"
    return error_response(
        request, {"kind": "internal", "message": message, "location": None, "report": f"internal error: {message}"}
    )


def error_report(session: Session, error: ClError) -> str:
    try:
        return session.format_error(error)
    except Exception as exc:  # a bug in the report must not lose the error itself
        return f"error[{error.kind}]: {error.message}\n(no traceback: {type(exc).__name__}: {exc})"


def error_payload(session: Session, error: ClError) -> dict[str, Any]:
    location = error.location
    kind, message = error.kind, error.message
    if kind == "internal" and message.startswith("MemoryError"):  # the kernel's limit, not a bug
        limit = MEMORY_LIMIT_MB[0]
        kind, message = "memory", f"out of memory (the kernel is limited to {limit} MB: claudelang.memoryLimitMb)"
    return {
        "kind": kind,
        "message": message,
        "location": None
        if location is None
        else {
            "file": location.file,
            "line": location.line,
            "col": location.col,
            "end_line": location.end_line,
            "end_col": location.end_col,
        },
        "report": error_report(session, error),
    }


def limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without limits
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description="ClaudeLang evaluation kernel (started by claudelang-lsp)")
    parser.add_argument("--memory-limit", type=int, default=2048, help="address-space limit in MB (0: none)")
    parser.add_argument("--allow-network", action="store_true")
    parser.add_argument("--no-contracts", action="store_true")
    parser.add_argument("--jit", default="auto")
    parser.add_argument("--root", action="append", default=[])
    args = parser.parse_args()
    if args.memory_limit:
        limit_memory(args.memory_limit)
        MEMORY_LIMIT_MB[0] = args.memory_limit
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the server's pipe
    channel = Channel(stdout)
    output = StreamedOutput(channel)
    session = Session(
        stdout=output,
        allow_network=args.allow_network,
        contracts=not args.no_contracts,
        workspace_roots=args.root,
        jit=args.jit,
    )  # type: ignore[arg-type]
    Kernel(channel, session, output).serve(stdin)


if __name__ == "__main__":
    main()
