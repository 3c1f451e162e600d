"""Process-wide state shared by native code and Python, and the CPython symbols native code uses.

Native code reads three machine words at fixed addresses (they are baked into the IR):

- `vm_only`: while non-zero, every dispatcher goes straight to the VM. A call that
  deoptimised is redone entirely in the VM with it raised, so nested calls do not
  re-enter native code only to fail again (which would make a deep failure quadratic);
- `stack_limit`: recursive native functions deoptimise when the stack pointer drops
  below it; each native entry sets it `STACK_BUDGET` bytes below its own frame;
- `interrupted`: set when Ctrl-C is forwarded to an evaluation; native loops look at it
  every `POLL_INTERVAL` back-edges, after briefly releasing the GIL so the main thread
  can receive the signal at all.

This module uses ctypes only (no llvmlite), so tiering can touch the words for free.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

STACK_BUDGET = 1 << 20  # bytes of C stack native recursion may use below its entry
POLL_INTERVAL = 1 << 22  # loop back-edges between two interrupt checks

_WORDS = (ctypes.c_int64 * 4)()
VM_ONLY, STACK_LIMIT, INTERRUPTED = 0, 1, 2

# Deoptimisation codes below this are reserved; sites are numbered from FIRST_SITE.
INTERRUPT_CODE = 1
FIRST_SITE = 2


def word_address(index: int) -> int:
    return ctypes.addressof(_WORDS) + 8 * index


def vm_only_enter() -> None:
    _WORDS[VM_ONLY] += 1


def vm_only_leave() -> None:
    _WORDS[VM_ONLY] -= 1


def vm_only_active() -> bool:
    return bool(_WORDS[VM_ONLY])


def request_interrupt() -> None:
    """Make running native loops stop (they deoptimise; the VM then sees the interrupt)."""
    _WORDS[INTERRUPTED] = 1


def clear_interrupt() -> None:
    _WORDS[INTERRUPTED] = 0


def interrupt_requested() -> bool:
    return bool(_WORDS[INTERRUPTED])


def _address(function: object) -> int:
    value = ctypes.cast(function, ctypes.c_void_p).value
    assert value is not None
    return value


# The C-API functions the generated code calls, with their LLVM signatures.
C_API = {
    "PyLong_AsLongLongAndOverflow": ("i64", ["ptr", "ptr"]),
    "PyLong_FromLongLong": ("ptr", ["i64"]),
    "PyFloat_FromDouble": ("ptr", ["double"]),
    "PyBool_FromLong": ("ptr", ["i64"]),
    "PyTuple_New": ("ptr", ["i64"]),
    "PyTuple_SetItem": ("i32", ["ptr", "i64", "ptr"]),
    "PyObject_Vectorcall": ("ptr", ["ptr", "ptr", "i64", "ptr"]),
    "PyLong_AsVoidPtr": ("ptr", ["ptr"]),
    "Py_IncRef": ("void", ["ptr"]),
    "PyEval_SaveThread": ("ptr", []),
    "PyEval_RestoreThread": ("void", ["ptr"]),
}
C_OBJECTS = ("PyLong_Type", "PyFloat_Type", "_Py_NoneStruct", "_Py_TrueStruct", "_Py_FalseStruct")
LIBM = ("sin", "cos", "tan", "exp", "log", "atan", "atan2", "pow")


@cache
def symbols() -> dict[str, int]:
    """Addresses of everything the generated code links against, by symbol name.

    libm functions get a `cl.libm.` prefix so that LLVM does not recognise them as the
    C library's and rewrite or constant-fold them: native code must call exactly the
    functions CPython's `math` module calls.
    """
    api = ctypes.pythonapi
    table = {name: _address(getattr(api, name)) for name in C_API}
    for name in C_OBJECTS:
        table[name] = ctypes.addressof(ctypes.c_char.in_dll(api, name))
    libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    for name in LIBM:
        table[f"cl.libm.{name}"] = _address(getattr(libm, name))
    return table


@cache
def fastcall_supported() -> bool:
    """Whether this CPython has the object layout the generated dispatchers assume.

    A dispatcher reads `ob_type` at offset 8, a float's value at 16 and a tuple's items
    from 24: true for CPython 3.8–3.13 release builds on 64-bit platforms. Checked once
    against live objects; if anything differs, dispatch falls back to ctypes.
    """
    if sys.implementation.name != "cpython" or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False
    if hasattr(sys, "gettotalrefcount"):  # a debug build has extra header fields
        return False
    probe = 2.5
    pair = (probe, None)
    try:
        float_type = ctypes.c_void_p.from_address(id(probe) + 8).value
        float_value = ctypes.c_double.from_address(id(probe) + 16).value
        first_item = ctypes.c_void_p.from_address(id(pair) + 24).value
    except (ValueError, OSError):
        return False
    return float_type == id(float) and float_value == probe and first_item == id(probe)
