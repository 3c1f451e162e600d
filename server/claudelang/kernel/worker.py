"""The kernel process: `python -m claudelang.kernel.worker [--memory-limit MB] [...]`.

The main thread reads requests from stdin. Evaluations run one at a time on an evaluator
thread (the Session puts each on its own big-stack thread); `interrupt` raises
KeyboardInterrupt in that thread; `reload` and `describe` are served at once on their own
threads, so that hot reload can replace a function while a long cell is running and
code that calls it by name picks up the new definition.

`io:print` output is streamed back in batches while the evaluation runs, and capped per
evaluation so that an output flood cannot drown the editor.
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
        self.buffer: list[str] = []
        self.request_id: int | None = None
        self.sent = 0
        self.dropped = 0
        self.last_flush = time.monotonic()

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
        return len(text)

    def flush(self) -> None:
        with self.lock:
            text, self.buffer = "".join(self.buffer), []
            self.last_flush = time.monotonic()
        if text and self.request_id is not None:
            self.channel.send({"id": self.request_id, "event": "output", "text": text})

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
        self.busy = threading.Event()
        self.evaluator: threading.Thread | None = None

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
            error = {
                "kind": "interrupted",
                "message": "evaluation interrupted",
                "location": None,
                "report": "interrupted",
            }
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
            self.busy.set()
            try:
                try:
                    response = self.evaluate(request)
                except (Exception, KeyboardInterrupt) as exc:  # never leave a request unanswered
                    response = failed_response(request, exc)
                self.channel.send(response)
            finally:
                self.busy.clear()

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
        if self.busy.is_set() and self.evaluator is not None and self.evaluator.is_alive():
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


def failed_response(request: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    """The answer to a request whose evaluation failed inside the kernel itself."""
    message = f"{type(exc).__name__}: {exc}"
    return {
        "id": request.get("id"),
        "event": "result",
        "values": [],
        "error": {"kind": "internal", "message": message, "location": None, "report": f"internal error: {message}"},
        "duration": 0.0,
        "output_dropped": 0,
        "globals": {},
    }


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
