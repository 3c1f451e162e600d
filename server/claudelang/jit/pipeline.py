"""One compilation from start to end: infer → lower → entry points → LLVM → callables.

`compile_spec` runs the passes in order and returns a `Unit`: the machine code of one
program (a root spec and everything it calls natively), the globals it assumed, and a
way to make dispatchers for it. Inference runs before anything imports llvmlite, so a
function that turns out not to be compilable costs no LLVM at all.
"""

from __future__ import annotations

import ctypes
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from claudelang.jit.engine import MachineCode, Timings, engine_ready, get_engine
from claudelang.jit.infer import Globals, Program, Spec, infer_program
from claudelang.jit.types import Ty

_prefixes = itertools.count(1)


class Dependency(Protocol):
    def holds(self, namespace: dict[str, Any], key: str) -> bool:
        """Whether the global `key` still has what the native code assumed."""


@dataclass(eq=False)
class Unit:
    """The machine code of one program, and what it assumed about the namespace."""

    spec: Spec
    program: Program
    machine: MachineCode
    lowered: Any  # lower.LoweredModule
    entry: Any  # dispatch.EntryPoints
    deps: dict[str, Dependency]
    entry_kind: str  # "fastcall" or "ctypes"
    owner: Any = None  # the tiering object whose variant this is
    valid: ctypes.c_int8 = field(init=False)
    status: ctypes.c_int32 = field(init=False)
    deopts: int = 0

    def __post_init__(self) -> None:
        engine = get_engine()
        self.valid_address = engine.global_address(self.entry.valid_flag)
        self.status_address = engine.global_address(self.entry.status)
        self.valid = ctypes.c_int8.from_address(self.valid_address)
        self.status = ctypes.c_int32.from_address(self.status_address)

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def alive(self) -> bool:
        return bool(self.valid.value)

    @property
    def timings(self) -> Timings:
        return self.machine.timings

    @property
    def result_types(self) -> list[Ty]:
        if self.spec.kind == "while":
            return [self.spec.var_types[var] for var in self.spec.results]
        return [self.spec.ret]

    def invalidate(self) -> None:
        self.valid.value = 0

    def last_deopt(self) -> str:
        return self.lowered.site_of(self.status.value)

    def dispatcher(
        self, name: str, next_callable: Callable[..., Any], deopt: Callable[..., Any], vm: Callable[..., Any]
    ) -> Callable[..., Any]:
        """A callable that runs this code for matching arguments and defers otherwise."""
        from claudelang.jit import dispatch

        if self.entry_kind == "fastcall":
            address = self.machine.addresses[self.entry.dispatcher]
            return dispatch.make_fastcall_builtin(address, name, next_callable, deopt, vm)
        return dispatch.make_ctypes_dispatcher(
            name,
            self.machine.addresses[self.entry.ctypes_entry],
            list(self.spec.signature),
            self.result_types,
            self.valid_address,
            self.status_address,
            next_callable,
            deopt,
            vm,
        )


class DependencyRecorder(Globals, Protocol):
    deps: dict[str, Dependency]


def compile_spec(spec: Spec, resolver: DependencyRecorder, entry_kind: str) -> Unit:
    """Compile `spec` (and what it calls); raise `Unsupported` if it cannot be."""
    timings = Timings()
    cpu_start = time.thread_time()
    start = time.perf_counter()
    program = infer_program(spec, resolver)
    inferred = time.perf_counter()
    first_use = not engine_ready()
    engine = get_engine()  # the first time, this imports llvmlite (see `Engine.startup_seconds`)
    from claudelang.jit.dispatch import add_entry_points
    from claudelang.jit.lower import lower_program

    ready = time.perf_counter()
    lowered = lower_program(program, f"cl{next(_prefixes)}", engine.triple)
    entry = add_entry_points(lowered, entry_kind)
    lowered_at = time.perf_counter()
    timings.infer, timings.lower = inferred - start, lowered_at - ready
    exported = entry.dispatcher if entry_kind == "fastcall" else entry.ctypes_entry
    machine = engine.compile(lowered.module, [exported], timings)
    timings.cpu = time.thread_time() - cpu_start - (engine.startup_seconds if first_use else 0.0)
    return Unit(spec, program, machine, lowered, entry, dict(resolver.deps), entry_kind)
