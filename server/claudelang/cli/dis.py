"""`claudelang dis FILE`: the Python each top-level form compiles to."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claudelang.compiler import to_python_source
from claudelang.runtime.errors import ClError
from claudelang.vm import Session


def dis_command(args: argparse.Namespace) -> int:
    session = Session()
    path = Path(args.file)
    try:
        compiled = session.compile_source(path.read_text(encoding="utf-8"), str(path))
    except ClError as error:
        print(session.format_error(error), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{path}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for form in compiled:
        span = form.node.span
        print(f";; {path}:{span.start.line + 1}:{span.start.col + 1}")
        print(to_python_source(form))
        print()
    return 0
