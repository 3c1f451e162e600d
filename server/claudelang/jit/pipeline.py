"""One compilation from start to end: infer → lower → entry points → LLVM → callables.

`compile_spec` runs the passes in order and returns a `Unit`: the machine code of one
program (a root spec and everything it calls natively), the globals it assumed, and a
way to make dispatchers for it. Inference runs before anything imports llvmlite, so a
function that turns out not to be compilable costs no LLVM at all.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
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
    deps: dict[str, Dependency]
    entry_kind: str  # "fastcall" or "ctypes"
    shape: Any  # dispatch.Shape
    control: Any  # dispatch.Control: the native function, valid flag, last status
    ctypes_entry: int = 0
    owner: Any = None  # the tiering object whose variant this is
    deopts: int = 0
    installed_after: float = 0.0  # compiled in the background: seconds from the request to installation

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def alive(self) -> bool:
        return bool(self.control.valid)

    @property
    def timings(self) -> Timings:
        return self.machine.timings

    @property
    def result_types(self) -> list[Ty]:
        return list(self.shape.results)

    def invalidate(self) -> None:
        self.control.invalidate()

    def last_deopt(self) -> str:
        return str(self.lowered.site_of(self.control.status))

    def dispatcher(
        self, name: str, next_callable: Callable[..., Any], deopt: Callable[..., Any], vm: Callable[..., Any]
    ) -> Callable[..., Any]:
        """A callable that runs this code for matching arguments and defers otherwise."""
        from claudelang.jit import dispatch

        if self.entry_kind == "fastcall":
            return dispatch.make_fastcall_builtin(self.shape, self.control, name, next_callable, deopt, vm)
        return dispatch.make_ctypes_dispatcher(
            self.shape, self.control, self.ctypes_entry, name, next_callable, deopt, vm
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
    from claudelang.jit import dispatch
    from claudelang.jit.lower import lower_program

    ready = time.perf_counter()
    lowered = lower_program(program, f"cl{next(_prefixes)}", engine.triple)
    lowered.root_function.linkage = ""  # exported: the dispatcher calls it through its address
    exported = [lowered.root_function.name]
    if entry_kind == "ctypes":
        exported.append(dispatch.add_ctypes_entry(lowered))
    lowered_at = time.perf_counter()
    timings.infer, timings.lower = inferred - start, lowered_at - ready
    machine = engine.compile(lowered.module, exported, timings)
    shape = dispatch.shape_of(lowered)
    if entry_kind == "fastcall":
        entry_start = time.perf_counter()
        dispatch.dispatcher_address(shape)  # compiled once per shape, shared by every unit of that shape
        timings.entry = time.perf_counter() - entry_start
    timings.cpu = time.thread_time() - cpu_start - (engine.startup_seconds if first_use else 0.0)
    control = dispatch.Control(machine.addresses[exported[0]])
    ctypes_entry = machine.addresses[exported[1]] if entry_kind == "ctypes" else 0
    return Unit(spec, program, machine, lowered, dict(resolver.deps), entry_kind, shape, control, ctypes_entry)
