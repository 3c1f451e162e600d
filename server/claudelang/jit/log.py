"""The JIT log (`claudelang run --jit-log`): what was compiled, for which types, how long it
took, why something was not compiled, when native code gave up on a call, and what a
redefinition invalidated.

Events are kept (tests and `Session.jit.log.events` read them) and, when a stream is
given, also written there one line each as they happen — stderr for the CLI, so the
program's own output is not disturbed. A deopt already written for the same function and
place is not written again (a function deoptimises at every call that leaves its types).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from claudelang.jit.engine import Timings


@dataclass(frozen=True)
class Event:
    kind: str  # "compiled", "rejected", "deopt", "invalidated"
    subject: str  # e.g. "fib(int)" or "mandel/loop(float, float)"
    detail: str = ""
    seconds: float | None = None

    def __str__(self) -> str:
        timing = f" in {self.seconds * 1e3:.1f} ms" if self.seconds is not None else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"jit: {self.kind} {self.subject}{timing}{detail}"


class JitLog:
    """Collects events; writes them to `stream` as well when one is set."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.events: list[Event] = []
        self._written_deopts: set[tuple[str, str]] = set()

    def add(self, event: Event) -> None:
        self.events.append(event)
        if self.stream is None:
            return
        if event.kind == "deopt":
            key = (event.subject, event.detail)
            if key in self._written_deopts:
                return
            self._written_deopts.add(key)
        print(event, file=self.stream, flush=True)

    def compiled(self, subject: str, timings: Timings, trigger: str) -> None:
        phases = (
            f"infer {timings.infer * 1e3:.1f}, lower {timings.lower * 1e3:.1f}, llvm parse {timings.parse * 1e3:.1f}, "
            f"O2 {timings.optimize * 1e3:.1f}, codegen {timings.codegen * 1e3:.1f}, entry {timings.entry * 1e3:.1f} ms"
        )
        self.add(Event("compiled", subject, f"{trigger}; {phases}", timings.total))

    def rejected(self, subject: str, reason: str) -> None:
        self.add(Event("not compiled", subject, reason))

    def deopt(self, subject: str, where: str) -> None:
        self.add(Event("deopt", subject, f"{where}; redone in the VM"))

    def invalidated(self, subject: str, cause: str) -> None:
        self.add(Event("invalidated", subject, cause))

    def of_kind(self, kind: str) -> list[Event]:
        return [event for event in self.events if event.kind == kind]
