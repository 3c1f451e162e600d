"""The workspace index: every `.cl` file's module, exports and top-level definitions.

Pure data: the language server reads files and feeds `update` (open documents, whose
analysis the index keeps) and `add` (closed files, of which it keeps only a compact
`FileSummary`); this module answers which file an import path names (LANGUAGE.md §7
search order, over indexed files only), what a module exports, whether importing it would
load (`analysis.loading`), and which symbols match a workspace-symbol query.

A closed file's full analysis is re-derived from its text on demand, through the
`reader` the server gives the index, and the most recently derived ones are kept
(`DERIVED_LIMIT`): memory grows with the number of files only by their summaries.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from claudelang.analysis.builtin_modules import builtin_module
from claudelang.analysis.document import (
    Analyzer,
    DocumentAnalysis,
    ModuleInfo,
    ModuleResolver,
    analyze,
    analyze_facts,
    no_modules,
)
from claudelang.analysis.loading import ModuleLoads, Step, load_resolver, steps_of
from claudelang.analysis.summaries import FileSummary, digest_of, summarise
from claudelang.semantics.symbols import Definition
from claudelang.syntax import Module, parse

DERIVED_LIMIT = 64  # closed files whose re-derived analysis is kept
Reader = Callable[[Path], bytes | None]  # a file's bytes, or None if it cannot be read


class IndexedFile:
    """One indexed file: its summary, and its analysis when it is held (an open document,
    or a file analysed in-process); a closed file's analysis is derived when asked for."""

    __slots__ = ("_analysis", "_derive", "_names", "path", "summary")

    def __init__(
        self,
        path: Path,
        summary: FileSummary,
        analysis: DocumentAnalysis | None = None,
        derive: Callable[[IndexedFile], DocumentAnalysis] | None = None,
    ) -> None:
        self.path = path
        self.summary = summary
        self._analysis = analysis
        self._derive = derive
        self._names: str | None = None

    @property
    def analysis(self) -> DocumentAnalysis:
        if self._analysis is not None:
            return self._analysis
        if self._derive is None:
            raise LookupError(f"no analysis of {self.path}")
        return self._derive(self)

    @property
    def held(self) -> bool:
        return self._analysis is not None

    @property
    def module_name(self) -> str | None:
        return self.summary.module_name

    @property
    def digest(self) -> str:
        return self.summary.digest

    @property
    def imports(self) -> tuple[str, ...]:
        return self.summary.imports

    @property
    def exports(self) -> Exports:
        return Exports(self)

    @property
    def symbol_names(self) -> str:
        """Its symbols' names, lowercased, one a line: a workspace-symbol query looks for
        itself in this one string before testing each name. Made on first use (O(symbols))."""
        if self._names is None:
            self._names = "\n".join([symbol[0].lower() for symbol in self.summary.symbols])
        return self._names


class Exports(Mapping[str, Definition | None]):
    """A module's exported names (from the summary) and, when read, their definitions."""

    __slots__ = ("file",)
    __eq__ = object.__eq__  # comparing two would derive both files
    __hash__ = object.__hash__

    def __init__(self, file: IndexedFile) -> None:
        self.file = file

    def __getitem__(self, name: str) -> Definition | None:
        if name not in self.file.summary.exports:
            raise KeyError(name)
        return self.file.analysis.globals.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.file.summary.exports

    def __iter__(self) -> Iterator[str]:
        return iter(self.file.summary.exports)

    def __len__(self) -> int:
        return len(self.file.summary.exports)


def module_exports(analysis: DocumentAnalysis) -> tuple[str | None, dict[str, Definition | None]]:
    for facts in analysis.forms:
        for module in facts.modules:
            exports = {name: analysis.globals.get(name) for name in module.exported_names}
            return module.name.name, exports
    return None, {}


def index_file(path: Path, source: str | Module, analyzer: Analyzer | None = None) -> IndexedFile:
    """An entry holding the analysis of `source` (the file at `path`). An open document's
    `analyzer` lends its facts (cached per form), so that indexing it does not resolve
    every form a second time (about a third of an analysis: 1 MB took 1 s on `didOpen`)."""
    module = parse(source) if isinstance(source, str) else source
    analysis = analyze(module) if analyzer is None else analyze_facts(module, analyzer.facts(module), no_modules)
    return IndexedFile(path.resolve(), summarise(analysis, digest_of(module.data)), analysis)


def stored_with(summary: FileSummary, steps: list[Step], targets: tuple[IndexedFile | None, ...]) -> FileSummary:
    """`summary` with load `steps` (positions copied out) and the files its imports found."""
    stored = tuple(
        (s.offset, s.at[1], s.at[2], s.error, s.import_path, str(s.target.path) if s.target else "") for s in steps
    )
    found = tuple((str(t.path), t.digest) if t is not None else ("", "") for t in targets)
    return summary.with_steps(stored, found)


class WorkspaceIndex:
    def __init__(self, roots: list[Path] | None = None, reader: Reader | None = None) -> None:
        self.roots = [Path(r).resolve() for r in roots or []]
        self.files: dict[Path, IndexedFile] = {}
        self.reader = reader
        self.loads = ModuleLoads(self.find)
        self._derived: OrderedDict[Path, tuple[str, DocumentAnalysis]] = OrderedDict()
        self.derived_limit = DERIVED_LIMIT
        # One bound method shared by every closed entry (not one more object per file for
        # the cyclic collector to traverse).
        self.derive: Callable[[IndexedFile], DocumentAnalysis] = self._derive

    def update(self, path: Path, source: str | Module, analyzer: Analyzer | None = None) -> IndexedFile:
        """Index `source` as the text of `path`, keeping its analysis (an open document,
        whose `analyzer` lends its facts)."""
        return self._put(index_file(path, source, analyzer))

    def add(self, path: Path, summary: FileSummary) -> IndexedFile:
        """Index a closed file by its summary."""
        return self._put(IndexedFile(path.resolve(), summary, None, self.derive))

    def _put(self, entry: IndexedFile) -> IndexedFile:
        self.files[entry.path] = entry
        self._derived.pop(entry.path, None)
        self.loads.forget_outcomes()
        return entry

    def remove(self, path: Path) -> None:
        self.files.pop(path.resolve(), None)
        self._derived.pop(path.resolve(), None)
        self.loads.forget_outcomes()

    def _derive(self, entry: IndexedFile) -> DocumentAnalysis:
        known = self._derived.get(entry.path)
        if known is not None and known[0] == entry.digest:
            self._derived.move_to_end(entry.path)
            return known[1]
        data = self.reader(entry.path) if self.reader is not None else None
        return self.keep_derived(entry.path, entry.digest, analyze(parse((data or b"").decode("utf-8", "replace"))))

    def keep_derived(self, path: Path, digest: str, analysis: DocumentAnalysis) -> DocumentAnalysis:
        """Keep `analysis` as the one closed entries of `path` with `digest` derive (the
        last `derived_limit` are kept; O(1))."""
        self._derived[path] = (digest, analysis)
        self._derived.move_to_end(path)
        while len(self._derived) > self.derived_limit:
            self._derived.popitem(last=False)
        return analysis

    def entry_at(self, path: Path) -> IndexedFile | None:
        """The indexed file at an absolute, resolved path."""
        return self.files.get(path)

    def find(self, import_path: str, from_file: Path | None) -> IndexedFile | None:
        """The indexed file `import_path` names from `from_file`. A candidate path that is
        itself an indexed file's (resolved) path is taken without resolving it again:
        walking a chain of 200 imports resolved some 2,000 paths, a few system calls each."""
        for folder in self.search_dirs(from_file):
            for candidate in (folder / f"{import_path}.cl", folder / import_path / "module.cl"):
                if not candidate.is_absolute():
                    continue
                entry = self.files.get(candidate) or self.entry_at(candidate.resolve())
                if entry is not None:
                    return entry
        return None

    def search_dirs(self, from_file: Path | None) -> list[Path]:
        dirs: list[Path] = []
        if from_file is not None:
            folder = (from_file if from_file in self.files else from_file.resolve()).parent
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

    def with_steps(self, entry: IndexedFile) -> FileSummary:
        """`entry`'s summary with the steps loading it takes, over the files indexed now."""
        steps, targets = self.loads.steps_and_targets(entry)
        return stored_with(entry.summary, steps, targets)

    def summarised(self, path: Path, source: str | DocumentAnalysis) -> IndexedFile:
        """An entry for `path` holding its analysis as loading it sees its imports, its
        summary with the load steps over the files indexed now: one analysis of `source`
        (the text), or one re-check of an analysis made without imports, reusing its facts."""
        path = path.resolve()
        resolver = load_resolver(path, self.find)
        if isinstance(source, str):
            module = parse(source)
            analysis = analyze(module, resolver)
        else:
            module = source.module
            analysis = analyze_facts(module, source.forms, resolver, source)
        summary = summarise(analysis, digest_of(module.data))
        targets = tuple(self.find(import_path, path) for import_path in summary.imports)
        return IndexedFile(path, stored_with(summary, steps_of(path, analysis, self.find), targets), analysis)

    def module_paths(self, from_file: Path | None) -> list[str]:
        """Import paths (without `.cl`) that resolve from `from_file`, for completion."""
        out: set[str] = set()
        here = from_file.resolve() if from_file else None
        for folder in self.search_dirs(from_file):
            base = folder.resolve()
            for path, entry in self.files.items():
                if entry.module_name is None or path == here:
                    continue
                try:
                    relative = path.relative_to(base)
                except ValueError:
                    continue
                text = relative.as_posix()
                if text.endswith("/module.cl"):
                    text = text[: -len("/module.cl")]
                elif text.endswith(".cl"):
                    text = text[:-3]
                out.add(text)
        return sorted(out)
