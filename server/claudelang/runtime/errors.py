"""Runtime errors: the one exception class every ClaudeLang failure becomes.

A ClaudeLang program never sees a raw Python exception. Builtins raise `ClError` directly;
the compiler attaches a source `Location` and appends a `Frame` per ClaudeLang function the
error unwinds through; `from_python_exception` turns anything that slipped through (a
`RecursionError`, a bug) into a `ClError` at the session's top level.

The error *value* a `(catch (err) ...)` clause binds is the `ClError` instance itself.
`error:raise` produces kind "user" with the raised data in `data`; every other kind comes
from the runtime. The kinds in use are listed in `ERROR_KINDS`.

This module imports nothing else from the runtime, so every other module may import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ERROR_KINDS: dict[str, str] = {
    "unbound-name": "a name with no binding",
    "arity": "a function called with the wrong number of arguments",
    "type": "an argument of the wrong type",
    "value": "an argument of the right type but an unusable value (sqrt of -1, step 0)",
    "index": "an index or range outside a list or string",
    "division-by-zero": "division or modulo by zero",
    "match": "no clause of a match matched",
    "contract": "a contract clause failed",
    "user": "raised by error:raise",
    "effect": "an unknown effect or a malformed handler",
    "effect-denied": "an effect the host program does not allow (network)",
    "io": "a failed file or stream operation",
    "network": "a failed network request",
    "recursion": "recursion too deep",
    "state": "a transaction of the keyed state store committed or rolled back while none is open",
    "unsupported": "a feature of earlier ClaudeLang releases that is not part of 1.1 (set-car!, graph:...)",
    "internal": "a bug in ClaudeLang itself",
}


@dataclass(frozen=True, slots=True)
class Location:
    """A source range in messages: file (None for unsaved input), 1-based line and column."""

    file: str | None
    line: int
    col: int
    end_line: int | None = None
    end_col: int | None = None

    def __str__(self) -> str:
        return f"{self.file or '<input>'}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Frame:
    """One ClaudeLang traceback entry: the function and where in it the call happened."""

    function: str
    location: Location | None = None

    def __str__(self) -> str:
        where = f" at {self.location}" if self.location else ""
        return f"in {self.function}{where}"


class ClError(Exception):
    """A ClaudeLang runtime error; also the error value that `catch` binds.

    `frames` lists traceback entries innermost first, in the order the compiler appends
    them while the error unwinds. `looped_calls` counts the calls of the innermost
    function that ran as a loop (`compiler.recursion`): its traceback entry stands for
    that many more.
    """

    def __init__(
        self,
        kind: str,
        message: str,
        data: object = None,
        *,
        location: Location | None = None,
        frames: Iterable[Frame] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.data = data
        self.location = location
        self.frames: list[Frame] = list(frames)
        self.looped_calls = 0

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ClError({self.kind!r}, {self.message!r})"

    def with_location(self, location: Location | None) -> ClError:
        """Set the location unless one is already known (the innermost form wins)."""
        if self.location is None:
            self.location = location
        return self

    def add_frame(self, function: str, location: Location | None = None) -> None:
        self.frames.append(Frame(function, location))

    def format(self) -> str:
        """The message, where it happened and a ClaudeLang traceback, most recent call last."""
        lines = [f"error[{self.kind}]: {self.message}"]
        if self.location is not None:
            lines.append(f"  at {self.location}")
        if self.frames:
            lines.append("traceback (most recent call last):")
            lines.extend(f"  {frame}" for frame in reversed(self.frames))
        return "\n".join(lines)


def arity_message(name: str, min_args: int, max_args: int | None, got: int) -> str:
    """`range: expected 1 to 3 arguments, got 0` and its variants."""
    if max_args is None:
        wanted = f"at least {_count(min_args)}"
    elif min_args == max_args:
        wanted = _count(min_args)
    else:
        wanted = f"{min_args} to {max_args} arguments"
    return f"{name}: expected {wanted}, got {got}"


def _count(n: int) -> str:
    return f"{n} argument" if n == 1 else f"{n} arguments"


_PY_ARITY = re.compile(r"^(?P<name>[^()\s]+)\(\) (?P<rest>(?:takes|missing) .*)$", re.DOTALL)


def from_python_exception(exc: BaseException) -> ClError:
    """A `ClError` for an exception that escaped ClaudeLang code (never returns the input)."""
    if isinstance(exc, ClError):
        return exc
    if isinstance(exc, RecursionError):
        return ClError("recursion", "maximum recursion depth exceeded")
    if isinstance(exc, ZeroDivisionError):
        return ClError("division-by-zero", "division by zero")
    text = str(exc)
    if isinstance(exc, TypeError):
        match = _PY_ARITY.match(text)
        if match:
            name = match.group("name").rsplit(".", 1)[-1]
            return ClError("arity", f"{name}: {match.group('rest')}")
        if "not callable" in text:
            return ClError("type", f"cannot call a value that is not a function ({text})")
    return ClError("internal", f"{type(exc).__name__}: {text}")
