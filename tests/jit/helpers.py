"""Running the same ClaudeLang code with the JIT off and on, and comparing what comes out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claudelang.runtime.errors import ClError
from claudelang.runtime.printer import show
from claudelang.vm import Session


@dataclass(frozen=True)
class Outcome:
    """What evaluating something produced, in a form two runs can be compared by."""

    kind: str  # "value" or "error"
    detail: tuple[Any, ...]

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


def outcome(session: Session, text: str) -> Outcome:
    try:
        value = session.eval(text)
    except ClError as error:
        frames = tuple(str(frame) for frame in error.frames)
        return Outcome("error", (error.kind, error.message, str(error.location), frames))
    return Outcome("value", (type(value).__name__, show(value)))


def sessions(threshold: int | None = None, background: bool = False, **globals_: Any) -> tuple[Session, Session]:
    """A VM-only session and a JIT session (eager, or auto with `threshold`) with the same globals.

    In auto mode the JIT compiles at the threshold on this thread, unless `background`.
    """
    vm, jit = Session(jit="off"), Session(jit="eager" if threshold is None else "auto")
    if threshold is not None:
        assert jit.jit_manager is not None
        jit.jit_manager.threshold = threshold
        jit.jit_manager.background = background
    for session in (vm, jit):
        session.namespace.update(globals_)
    return vm, jit


def compare(definitions: str, call: str, threshold: int | None = None, **globals_: Any) -> tuple[Outcome, Session]:
    """Run `definitions` then `call` both ways; assert the outcomes match; return the JIT's.

    Without `threshold` the JIT is eager (native code from the first call or iteration);
    with one, it is in auto mode and switches in the middle of calls and loops.
    """
    vm, jit = sessions(threshold, **globals_)
    first = [outcome(session, definitions) for session in (vm, jit)]
    assert first[0] == first[1], f"definitions differ:\n  vm:  {first[0]}\n  jit: {first[1]}"
    results = [outcome(session, call) for session in (vm, jit)]
    assert results[0] == results[1], f"{call} differs:\n  vm:  {results[0]}\n  jit: {results[1]}\n{definitions}"
    return results[1], jit


def compiled(session: Session) -> list[str]:
    assert session.jit_manager is not None
    return session.jit_manager.compiled_labels()
