"""The third execution tier: native code (llvmlite) for hot, type-stable numeric functions.

The pipeline, one small module per step:

    subset     what can be compiled (AST + the VM's scoping), and why not
    types      int (i64) / float (double) / bool / nil, and `join`
    operations the type each builtin returns (the registry's typing half)
    infer      a signature in, a type for every expression out (to a fixed point)
    lower      typed specs → LLVM IR; `lower_ops`: each builtin in IR (the other half)
    dispatch   METH_FASTCALL builtins (or ctypes) that unbox, call, box, or defer
    engine     llvmlite, imported on first use; the O2 pipeline; MCJIT
    pipeline   one compilation, start to end
    compile_thread  where auto mode's compilations run while the VM keeps going
    instrument counters and on-stack-replacement points added to the VM's code
    tiering    when to compile, where to install, what to invalidate
    runtime    words shared with native code (VM-only, stack limit, interrupt)
    log        `--jit-log`

Native code never changes a result: anything it cannot do exactly as the VM does (an
overflow beyond 64 bits, a division by zero, a NaN compared by identity...) makes the
call (or the rest of the loop) run in the VM instead. Nothing here imports llvmlite until
something is about to be compiled.
"""

from __future__ import annotations

from claudelang.jit.log import JitLog
from claudelang.jit.tiering import JitManager, mode_from

__all__ = ["JitLog", "JitManager", "mode_from"]
