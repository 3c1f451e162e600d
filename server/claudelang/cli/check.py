"""`claudelang check FILE...`: print diagnostics as `file:line:col: severity: message`."""

from __future__ import annotations

import sys
from pathlib import Path

from claudelang.analysis import analyze
from claudelang.analysis.workspace import IndexedFile, WorkspaceIndex, index_file
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.runtime.errors import ClError
from claudelang.syntax import parse
from claudelang.vm import loader


class DiskIndex(WorkspaceIndex):
    """Module files found on disk as `claudelang run` finds them (`vm.loader`), each read
    and analysed once per `check` run, however many files import it."""

    def find(self, import_path: str, from_file: Path | None) -> IndexedFile | None:
        try:
            file = loader.resolve(import_path, str(from_file) if from_file is not None else None, self.roots)
        except ClError:
            return None
        entry = self.files.get(file)
        if entry is None:
            try:
                text = file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            entry = self.files[file] = index_file(file, text)
        return entry


def file_diagnostics(text: str, path: Path | None = None, index: WorkspaceIndex | None = None) -> list[Diagnostic]:
    """Everything `check` reports for one source text: syntax and analysis diagnostics,
    with imports resolved, and their loading judged, as `claudelang run` does them."""
    module = parse(text)
    resolver = (index or DiskIndex([Path.cwd()])).resolver(path)
    return module.diagnostics + analyze(module, resolver).diagnostics


def check_command(files: list[str]) -> int:
    errors = 0
    index = DiskIndex([Path.cwd()])
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"{name}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        for diagnostic in sorted(file_diagnostics(text, Path(name), index), key=lambda d: d.span.start_byte):
            start = diagnostic.span.start
            severity = diagnostic.severity.name.lower()
            print(f"{name}:{start.line + 1}:{start.col + 1}: {severity}: {diagnostic.message}")
            errors += diagnostic.severity == Severity.ERROR
    return 1 if errors else 0
