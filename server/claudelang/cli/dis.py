"""`claudelang dis FILE`: the Python each top-level form compiles to.

The output is Python source that `ast.parse` accepts: the compiler's identifiers that are
not Python names (`io:print`, `;t1`) are renamed consistently over the whole output (see
`dis_names`), and each form ends with a legend of the ClaudeLang names behind them.

`claudelang dis --llvm FILE` instead runs the program with the JIT in eager mode (its
output is discarded) and prints the optimised LLVM IR of everything that got compiled.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from claudelang.cli.dis_names import NameMap
from claudelang.runtime.errors import ClError
from claudelang.vm import Session


def dis_command(args: argparse.Namespace) -> int:
    if getattr(args, "llvm", False):
        return llvm_command(Path(args.file))
    session = Session(jit="off")
    path = Path(args.file)
    try:
        compiled = session.compile_source(path.read_text(encoding="utf-8"), str(path))
    except ClError as error:
        print(session.format_error(error), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{path}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    names = NameMap([form.module for form in compiled])
    for form in compiled:
        span = form.node.span
        print(f"# {path}:{span.start.line + 1}:{span.start.col + 1}")
        print(ast.unparse(names.apply(form.module)))
        for line in names.legend(form.module, form.constants):
            print(line)
        print()
    return 0


def llvm_command(path: Path) -> int:
    """Run `path` with an eager JIT; print the optimised IR of each compiled program."""
    session = Session(jit="eager", capture_output=True)
    manager = session.jit_manager
    if manager is None:
        print("the JIT is off (CLAUDELANG_JIT)", file=sys.stderr)
        return 1
    status = 0
    try:
        session.run_file(path)
    except ClError as error:
        print(session.format_error(error), file=sys.stderr)
        status = 1
    for event in manager.log.of_kind("not compiled"):
        print(f";; {event.subject}: not compiled: {event.detail}")
    for unit in manager.units:
        print(f";; {unit.label}: compiled in {unit.timings.total * 1e3:.1f} ms")
        print(unit.machine.optimized_ir)
    if not manager.units:
        print(f";; {path}: nothing was compiled")
    return status
