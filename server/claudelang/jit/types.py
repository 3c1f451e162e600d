"""The JIT's value types: what a number, boolean or nil is in native code.

ClaudeLang values are dynamically typed; native code is not. The JIT compiles a function
for one *signature* (the types of its arguments at a call) and infers one type for every
expression. Only five outcomes exist:

- `INT`   — a ClaudeLang int that fits in a signed 64-bit machine word (`i64`);
- `FLOAT` — an IEEE double (`double`);
- `BOOL`  — `#t` / `#f` (`i1`);
- `NIL`   — `nil`, which needs no bits at all;
- `BOTTOM` — "no value yet": a path that never returns (a self tail call) or a recursive
  call whose return type is still being inferred. It is the identity of `join`.

`MIXED` is what `join` gives for two different types: native code cannot hold a value
that is an int on one path and a float on another, so a MIXED value that is *used* makes
the function not compilable for that signature (a MIXED value that is discarded is fine).
"""

from __future__ import annotations

from enum import Enum

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1


class Ty(Enum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    NIL = "nil"
    BOTTOM = "bottom"
    MIXED = "mixed"

    def __str__(self) -> str:
        return self.value

    @property
    def is_number(self) -> bool:
        return self is Ty.INT or self is Ty.FLOAT

    @property
    def is_concrete(self) -> bool:
        """A type native code can hold (BOTTOM and MIXED are not)."""
        return self in CONCRETE


CONCRETE = frozenset({Ty.INT, Ty.FLOAT, Ty.BOOL, Ty.NIL})

Signature = tuple[Ty, ...]


def join(a: Ty, b: Ty) -> Ty:
    """The type of a value that comes from a path of type `a` or one of type `b`."""
    if a is b or b is Ty.BOTTOM:
        return a
    if a is Ty.BOTTOM:
        return b
    return Ty.MIXED


def join_all(types: list[Ty]) -> Ty:
    result = Ty.BOTTOM
    for ty in types:
        result = join(result, ty)
    return result


def fits_i64(value: int) -> bool:
    return I64_MIN <= value <= I64_MAX


def type_of(value: object) -> Ty | None:
    """The JIT type of a runtime value, or None when native code cannot take it."""
    kind = type(value)
    if kind is int:
        return Ty.INT if fits_i64(value) else None  # type: ignore[arg-type]
    if kind is float:
        return Ty.FLOAT
    if kind is bool:
        return Ty.BOOL
    return None


def signature_of(values: tuple[object, ...] | list[object]) -> Signature | None:
    """The signature of a call with these arguments, or None if one cannot be native."""
    types = []
    for value in values:
        ty = type_of(value)
        if ty is None:
            return None
        types.append(ty)
    return tuple(types)


def show_signature(signature: Signature) -> str:
    return "(" + ", ".join(str(ty) for ty in signature) + ")"


class Unsupported(Exception):
    """Why a function (or one signature of it) stays in the VM, with the offending node."""

    def __init__(self, reason: str, node: object = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.node = node

    def __str__(self) -> str:
        span = getattr(self.node, "span", None)
        return f"{self.reason} (at {span})" if span is not None else self.reason
