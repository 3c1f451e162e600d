"""Effects and handlers (LANGUAGE.md §5): `perform` and the dynamic handler stack.

Every effectful builtin (`io:print`, `state:get`, …) calls `perform(kind, op, args)`.
`perform` walks the handler frames installed by `(handler ...)` — the compiler emits
`with handlers({...}):` — innermost first. In each frame an exact `kind:op` clause is
called with the arguments; failing that, a whole-kind clause (`io`) is called with the op
name first (`"print"`). With no matching clause the op's default implementation runs
(registered by `stdlib/effectops.py` with `set_default`).

A handler runs with the stack as it was *outside* its own frame, so an `io:print` inside
an `io:print` handler reaches the next handler out (or the real output), never itself.

The stack is an immutable linked list `(clauses, parent)` in a context variable, so it
has dynamic extent, is per thread, and costs one lookup when no handler is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from claudelang.runtime.checks import type_error
from claudelang.runtime.errors import ClError

EFFECT_KINDS: tuple[str, ...] = ("io", "state", "error", "time", "random", "network")

_Frame = tuple[Mapping[str, Callable[..., Any]], "_Frame | None"]

_stack: ContextVar[_Frame | None] = ContextVar("claudelang_handlers", default=None)

DEFAULTS: dict[str, Callable[..., Any]] = {}


def set_default(kind: str, op: str, fn: Callable[..., Any]) -> None:
    """Register the implementation `kind:op` gets when no handler intercepts it."""
    DEFAULTS[f"{kind}:{op}"] = fn


def perform(kind: str, op: str, args: tuple[Any, ...]) -> Any:
    """Perform effect `kind:op` with `args`: the innermost matching handler, else the default."""
    frame = _stack.get()
    key = f"{kind}:{op}"
    while frame is not None:
        clauses, parent = frame
        fn = clauses.get(key)
        if fn is not None:
            return _run_handler(fn, args, parent)
        fn = clauses.get(kind)
        if fn is not None:
            return _run_handler(fn, (op, *args), parent)
        frame = parent
    default = DEFAULTS.get(key)
    if default is None:
        raise ClError("effect", f"{key}: unknown effect operation with no handler installed")
    return default(*args)


def _run_handler(fn: Callable[..., Any], args: tuple[Any, ...], outer: _Frame | None) -> Any:
    token = _stack.set(outer)
    try:
        return fn(*args)
    finally:
        _stack.reset(token)


def check_clause_name(name: str) -> None:
    """Raise unless `name` is `kind` or `kind:op` for one of the six effect kinds."""
    kind = name.split(":", 1)[0]
    if kind not in EFFECT_KINDS:
        raise ClError(
            "effect",
            f"handler: unknown effect kind '{kind}' in clause '{name}' (kinds: {' '.join(EFFECT_KINDS)})",
        )


@contextmanager
def handlers(clauses: Mapping[str, Callable[..., Any]]) -> Iterator[None]:
    """Install handler clauses (`{"io:print": fn, "random": fn}`) for the `with` body."""
    for name, fn in clauses.items():
        check_clause_name(name)
        if not callable(fn):
            raise type_error(f"handler clause {name}", "a function", fn)
    token = _stack.set((dict(clauses), _stack.get()))
    try:
        yield
    finally:
        _stack.reset(token)


def installed_clauses() -> list[str]:
    """The clause names currently installed, innermost frame first (for debugging/tests)."""
    names: list[str] = []
    frame = _stack.get()
    while frame is not None:
        names.extend(frame[0])
        frame = frame[1]
    return names
