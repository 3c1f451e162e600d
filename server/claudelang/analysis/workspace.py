"""The workspace index: every `.cl` file's top-level definitions and module exports.

Pure data: the language server reads files and feeds `update`; this module answers which
file an import path names (LANGUAGE.md §7 search order, over indexed files only), what a
module exports, whether importing it would load (`analysis.loading`), and which symbols
match a workspace-symbol query.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from claudelang.analysis.builtin_modules import builtin_module
from claudelang.analysis.document import DocumentAnalysis, ModuleInfo, ModuleResolver, analyze
from claudelang.analysis.loading import ModuleLoads
from claudelang.semantics.symbols import Definition
from claudelang.syntax import Module, parse


@dataclass(eq=False)
class IndexedFile:
    path: Path
    analysis: DocumentAnalysis
    module_name: str | None
    exports: dict[str, Definition | None]


def module_exports(analysis: DocumentAnalysis) -> tuple[str | None, dict[str, Definition | None]]:
    for facts in analysis.forms:
        for module in facts.modules:
            exports = {name: analysis.globals.get(name) for name in module.exported_names}
            return module.name.name, exports
    return None, {}


def index_file(path: Path, source: str | Module) -> IndexedFile:
    module = parse(source) if isinstance(source, str) else source
    analysis = analyze(module)
    name, exports = module_exports(analysis)
    return IndexedFile(path.resolve(), analysis, name, exports)


class WorkspaceIndex:
    def __init__(self, roots: list[Path] | None = None) -> None:
        self.roots = [Path(r).resolve() for r in roots or []]
        self.files: dict[Path, IndexedFile] = {}
        self.loads = ModuleLoads(self.find)

    def update(self, path: Path, source: str | Module) -> IndexedFile:
        entry = index_file(path, source)
        self.files[entry.path] = entry
        self.loads.forget_outcomes()
        return entry

    def remove(self, path: Path) -> None:
        self.files.pop(path.resolve(), None)
        self.loads.forget_outcomes()

    def find(self, import_path: str, from_file: Path | None) -> IndexedFile | None:
        for folder in self.search_dirs(from_file):
            for candidate in (folder / f"{import_path}.cl", folder / import_path / "module.cl"):
                entry = self.files.get(candidate.resolve()) if candidate.is_absolute() else None
                if entry is not None:
                    return entry
        return None

    def search_dirs(self, from_file: Path | None) -> list[Path]:
        dirs: list[Path] = []
        if from_file is not None:
            folder = from_file.resolve().parent
            dirs += [folder, folder / "modules"]
        dirs += self.roots
        dirs += [Path(p).resolve() for p in os.environ.get("CLAUDELANG_PATH", "").split(os.pathsep) if p]
        return dirs

    def resolver(self, from_file: Path | None) -> ModuleResolver:
        """Resolve imports from `from_file`, with why loading each would fail, if it would;
        a path no file provides may name a group of builtins (`builtin_module`)."""
        files = self.loads.resolver(from_file)

        def resolve(import_path: str) -> ModuleInfo | None:
            return files(import_path) or builtin_module(import_path)

        return resolve

    def module_paths(self, from_file: Path | None) -> list[str]:
        """Import paths (without `.cl`) that resolve from `from_file`, for completion."""
        out: set[str] = set()
        for folder in self.search_dirs(from_file):
            for path, entry in self.files.items():
                if entry.module_name is None or path == (from_file.resolve() if from_file else None):
                    continue
                try:
                    relative = path.relative_to(folder.resolve())
                except ValueError:
                    continue
                text = relative.as_posix()
                if text.endswith("/module.cl"):
                    text = text[: -len("/module.cl")]
                elif text.endswith(".cl"):
                    text = text[:-3]
                out.add(text)
        return sorted(out)
