"""`claudelang check FILE...`: print diagnostics as `file:line:col: severity: message`."""

from __future__ import annotations

import sys
from pathlib import Path

from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.syntax import parse


def file_diagnostics(text: str) -> list[Diagnostic]:
    """Everything `check` reports for one source text."""
    return parse(text).diagnostics


def check_command(files: list[str]) -> int:
    errors = 0
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"{name}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        for diagnostic in sorted(file_diagnostics(text), key=lambda d: d.span.start_byte):
            start = diagnostic.span.start
            severity = diagnostic.severity.name.lower()
            print(f"{name}:{start.line + 1}:{start.col + 1}: {severity}: {diagnostic.message}")
            errors += diagnostic.severity == Severity.ERROR
    return 1 if errors else 0
