"""`claudelang check FILE...`: print diagnostics as `file:line:col: severity: message`."""

from __future__ import annotations

import sys
from pathlib import Path

from claudelang.analysis import ModuleInfo, ModuleResolver, analyze
from claudelang.analysis.workspace import module_exports
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.runtime.errors import ClError
from claudelang.syntax import parse
from claudelang.vm import loader


def file_diagnostics(text: str, path: Path | None = None) -> list[Diagnostic]:
    """Everything `check` reports for one source text: syntax and analysis diagnostics."""
    module = parse(text)
    return module.diagnostics + analyze(module, disk_resolver(path)).diagnostics


def disk_resolver(path: Path | None) -> ModuleResolver:
    """Resolve imports the way `claudelang run` does, reading module files from disk."""
    from_file = str(path) if path is not None else None

    def resolve(import_path: str) -> ModuleInfo | None:
        try:
            file = loader.resolve(import_path, from_file, [Path.cwd()])
            source = file.read_text(encoding="utf-8", errors="replace")
        except (ClError, OSError):
            return None
        _name, exports = module_exports(analyze(parse(source)))
        return ModuleInfo(str(file), exports)

    return resolve


def check_command(files: list[str]) -> int:
    errors = 0
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"{name}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        for diagnostic in sorted(file_diagnostics(text, Path(name)), key=lambda d: d.span.start_byte):
            start = diagnostic.span.start
            severity = diagnostic.severity.name.lower()
            print(f"{name}:{start.line + 1}:{start.col + 1}: {severity}: {diagnostic.message}")
            errors += diagnostic.severity == Severity.ERROR
    return 1 if errors else 0
