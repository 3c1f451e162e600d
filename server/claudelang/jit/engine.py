"""The LLVM engine: llvmlite imported on first use, the O2 pipeline, machine code in memory.

Importing llvmlite and initialising LLVM costs tens of milliseconds, so nothing imports
this module until something is about to be compiled: `claudelang run` of a program that
never gets hot never loads llvmlite (the JIT's other modules only use the AST, ctypes
and, for lowering, `llvmlite.ir`, which is imported just as lazily).

One MCJIT execution engine serves the whole process; each compiled program is one more
module in it. Machine code is never freed: a dispatcher captured before its function was
redefined may still be called, and must find (now invalidated) code to return from.
llvmlite 0.50 (LLVM 22) notes: `llvm.initialize()` raises — only the native target and
asm printer are initialised; the optimiser is the new pass manager's O2 pipeline; the
engine owns the target machine it is created with, so the pass builder gets its own.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from claudelang.jit import runtime

OPT_LEVEL = int(os.environ.get("CLAUDELANG_JIT_OPT", "2"))  # the optimiser's level (codegen stays at 2)


@dataclass
class Timings:
    """Seconds spent in each phase of one compilation."""

    infer: float = 0.0
    lower: float = 0.0
    parse: float = 0.0
    optimize: float = 0.0
    codegen: float = 0.0
    entry: float = 0.0  # the dispatcher of a new shape (compiled once per shape, then shared)
    cpu: float = 0.0  # CPU time of this thread over the whole compilation

    @property
    def total(self) -> float:
        return self.infer + self.lower + self.parse + self.optimize + self.codegen + self.entry


@dataclass
class MachineCode:
    """A compiled module: symbol addresses and the optimised IR (for `dis --llvm`)."""

    addresses: dict[str, int]
    optimized_ir: str
    timings: Timings = field(default_factory=Timings)


class Engine:
    """The process's LLVM: target machine, optimiser, MCJIT engine."""

    def __init__(self) -> None:
        started = time.perf_counter()
        import llvmlite.binding as llvm
        import llvmlite.ir  # noqa: F401  (lowering needs it; imported here so it is timed here)

        self.llvm: Any = llvm
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        for name, address in runtime.symbols().items():
            llvm.add_symbol(name, address)
        self.triple = llvm.get_process_triple()
        self.engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), self.target_machine())
        self.optimizer_machine = self.target_machine()
        self.lock = threading.Lock()
        self.startup_seconds = time.perf_counter() - started

    def target_machine(self) -> Any:
        llvm = self.llvm
        target = llvm.Target.from_triple(self.triple)
        return target.create_target_machine(
            cpu=llvm.get_host_cpu_name(),
            features=llvm.get_host_cpu_features().flatten(),
            opt=2,
            reloc="pic",
            codemodel="default",
            jit=True,
        )

    def compile(self, ir_module: object, exported: list[str], timings: Timings | None = None) -> MachineCode:
        """Optimise and load `ir_module`; return the addresses of the `exported` symbols."""
        llvm = self.llvm
        timings = timings or Timings()
        with self.lock:
            start = time.perf_counter()
            module = llvm.parse_assembly(str(ir_module))
            module.verify()
            parsed = time.perf_counter()
            options = llvm.create_pipeline_tuning_options(speed_level=OPT_LEVEL)
            builder = llvm.create_pass_builder(self.optimizer_machine, options)
            builder.getModulePassManager().run(module, builder)
            optimized_ir = str(module)
            optimized = time.perf_counter()
            self.engine.add_module(module)
            self.engine.finalize_object()
            addresses = {name: self.engine.get_function_address(name) for name in exported}
            done = time.perf_counter()
        timings.parse, timings.optimize, timings.codegen = parsed - start, optimized - parsed, done - optimized
        return MachineCode(addresses, optimized_ir, timings)

    def global_address(self, name: str) -> int:
        return int(self.engine.get_global_value_address(name))


_engine: Engine | None = None
_engine_lock = threading.Lock()


def engine_ready() -> bool:
    """Whether llvmlite is loaded and the engine exists already."""
    return _engine is not None


def get_engine() -> Engine:
    """The process's engine, created (and llvmlite imported) on first use."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine()
        return _engine
