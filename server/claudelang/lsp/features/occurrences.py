"""Every occurrence of one binding across the workspace, for references and rename.

A local binding lives in one file. A global one is followed to the file that owns it (an
import without an alias, or a `*` import, is the module's binding under another roof) and
from there to every file that imports it, transitively: their import entries, and their
uses when the import binds the same name (`[name as alias]` binds another name, so only
the entry's exported name belongs to the binding). Files are read through their current
analysis: the open document's, else the indexed text analysed with the importing file's
resolver; definitions are matched by name, never by object identity across analyses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pygls.uris import from_fs_path

from claudelang.analysis import Definition, DefKind, DocumentAnalysis, analyze
from claudelang.ast import nodes as a
from claudelang.lsp.features.common import Located
from claudelang.lsp.server import ClaudeLangServer
from claudelang.syntax import Module


@dataclass(eq=False)
class SourceFile:
    """One workspace file as the server currently sees it.

    `syntax` is an analysis good for what does not depend on other files (its import
    forms): the open document's own, or the index's; `analysis` resolves imports too."""

    uri: str
    path: Path | None
    module: Module
    server: ClaudeLangServer
    syntax: DocumentAnalysis

    @cached_property
    def analysis(self) -> DocumentAnalysis:
        doc = self.server.document(self.uri)
        if doc is not None:
            return self.server.analysis(doc)
        return analyze(self.module, self.server.index.resolver(self.path)) if self.path else self.syntax

    def facts_imports(self) -> Iterator[a.Import]:
        for facts in self.syntax.forms:
            yield from facts.imports


class Files:
    """The workspace's files by path, open documents first; each analysed at most once."""

    def __init__(self, server: ClaudeLangServer) -> None:
        self.server = server
        self._by_key: dict[str, SourceFile] = {}
        self._open_by_path = {
            Path(doc.path).resolve(): doc for doc in server.documents.values() if doc.path is not None
        }

    def by_uri(self, uri: str) -> SourceFile | None:
        doc = self.server.document(uri)
        if doc is not None:
            return self._open(doc)
        path = self.server.path_of(uri)
        return self.by_path(path.resolve()) if path is not None else None

    def by_path(self, path: Path) -> SourceFile | None:
        doc = self._open_by_path.get(path)
        if doc is not None:
            return self._open(doc)
        found = self._by_key.get(str(path))
        if found is None:
            entry = self.server.index.files.get(path)
            if entry is None:
                return None
            uri = from_fs_path(str(path)) or str(path)
            found = self._by_key[str(path)] = SourceFile(uri, path, entry.analysis.module, self.server, entry.analysis)
        return found

    def _open(self, doc) -> SourceFile:  # type: ignore[no-untyped-def]
        found = self._by_key.get(doc.uri)
        if found is None:
            path = Path(doc.path).resolve() if doc.path is not None else None
            found = self._by_key[doc.uri] = SourceFile(
                doc.uri, path, doc.module, self.server, self.server.analysis(doc)
            )
            if path is not None:
                self._by_key[str(path)] = found
        return found

    def every(self, wanted: Callable[[Path], bool]) -> Iterator[SourceFile]:
        """The files whose path is `wanted` (closed ones are analysed only then)."""
        seen: set[int] = set()
        for path in [*self._open_by_path, *list(self.server.index.files)]:
            found = self.by_path(path) if wanted(path) else None
            if found is not None and id(found) not in seen:
                seen.add(id(found))
                yield found

    def imported_by(self, file: SourceFile, node: a.Import) -> SourceFile | None:
        """The file an import form of `file` names, if the workspace has it."""
        entry = self.server.index.find(node.path.value, file.path)
        return self.by_path(entry.path) if entry is not None else None

    def may_import(self, path: Path, module: SourceFile) -> bool:
        """Whether the file at `path` may import `module`: an open document may (its text
        is newer than the index); a closed file if its summary's imports name it."""
        entry = self.server.index.files.get(path)
        if path in self._open_by_path or entry is None:
            return True
        for import_path in entry.imports:
            found = self.server.index.find(import_path, path)
            if found is not None and found.path == module.path:
                return True
        return False

    def importers(self, module: SourceFile) -> Iterator[tuple[SourceFile, a.Import]]:
        """(file, import form) for every import of `module` in the workspace."""
        for file in self.every(lambda path: self.may_import(path, module)):
            if file is module or file.path is None:
                continue
            for node in file.facts_imports():
                if self.imported_by(file, node) is module:
                    yield file, node


def is_aliased(entry: a.ImportName) -> bool:
    return entry.alias.start != entry.name.start


def import_of(file: SourceFile, entry: a.Node) -> a.Import | None:
    """The import form that holds an `ImportName` entry (or is the node itself)."""
    for node in file.facts_imports():
        if node is entry or any(item is entry for item in node.names):
            return node
    return None


def definition_of_entry(file: SourceFile, entry: a.ImportName) -> Definition | None:
    for facts in file.analysis.forms:
        for definition in facts.definitions:
            if definition.node is entry.alias:
                return definition
    return None


@dataclass
class Occurrences:
    """The nodes that spell one binding, per file; `binders` are its defining ones."""

    name: str
    sites: dict[str, list[a.Node]] = field(default_factory=dict)
    binders: dict[str, list[Definition]] = field(default_factory=dict)
    files: dict[str, SourceFile] = field(default_factory=dict)
    _seen: set[tuple[str, int]] = field(default_factory=set)

    def add(self, file: SourceFile, node: a.Node) -> None:
        key = (file.uri, node.span.start_byte)
        if key not in self._seen:
            self._seen.add(key)
            self.files[file.uri] = file
            self.sites.setdefault(file.uri, []).append(node)

    def bind(self, file: SourceFile, definition: Definition) -> None:
        self.binders.setdefault(file.uri, []).append(definition)
        self.add(file, definition.node)

    def is_binder(self, uri: str, node: a.Node) -> bool:
        return any(d.node is node for d in self.binders.get(uri, []))


def occurrences_at(server: ClaudeLangServer, located: Located) -> Occurrences | None:
    """Every occurrence of the binding under the cursor, or None if nothing renamable is there."""
    files = Files(server)
    home = files.by_uri(located.doc.uri)
    if home is None:
        return None
    target = located.target
    if isinstance(target, Definition):
        if not target.is_global:
            found = Occurrences(target.name)
            found.bind(home, target)
            for reference in home.analysis.references_to(target):
                found.add(home, reference.node)
            return found
        owner = owner_of(files, home, target)
        return global_occurrences(files, *owner) if owner is not None else None
    entry = aliased_entry_at(home, located.offset)
    if entry is not None:
        module = files.imported_by(home, import_of(home, entry))  # type: ignore[arg-type]
        if module is not None:
            return global_occurrences(files, *canonical(files, module, entry.name.name))
    return None


def aliased_entry_at(file: SourceFile, offset: int) -> a.ImportName | None:
    """The `[name as alias]` entry whose exported name is under `offset`."""
    for node in file.facts_imports():
        for entry in node.names:
            span = entry.name.span
            if is_aliased(entry) and span.start_byte <= offset <= span.end_byte:
                return entry
    return None


def owner_of(files: Files, home: SourceFile, target: Definition) -> tuple[SourceFile, str] | None:
    """The file and name of the binding a global definition belongs to."""
    if target.kind is not DefKind.IMPORT:
        return canonical(files, home, target.name)
    entry = target.value
    if isinstance(entry, a.ImportName):
        if is_aliased(entry):
            return home, target.name
        return canonical(files, home, target.name)
    if isinstance(entry, a.Import):  # a name bound by `*`: it belongs to the module
        module = files.imported_by(home, entry)
        return canonical(files, module, target.name) if module is not None else None
    return None


def canonical(files: Files, file: SourceFile, name: str) -> tuple[SourceFile, str]:
    """Follow a global through imports that keep its name to the file that defines it."""
    seen: set[int] = set()
    while id(file) not in seen:
        seen.add(id(file))
        binding = file.analysis.globals.get(name)
        if binding is None or binding.kind is not DefKind.IMPORT:
            break
        entry = binding.value
        if isinstance(entry, a.ImportName) and is_aliased(entry):
            break
        node = import_of(file, entry) if entry is not None else None
        module = files.imported_by(file, node) if node is not None else None
        if module is None:
            break
        file = module
    return file, name


def global_occurrences(files: Files, owner: SourceFile, name: str) -> Occurrences:
    found = Occurrences(name)
    for facts in owner.analysis.forms:
        for definition in facts.globals:
            if definition.name == name:
                found.bind(owner, definition)
    pending = [(owner, name)]
    done: set[int] = set()
    while pending:
        file, spelled = pending.pop()
        if id(file) in done:
            continue
        done.add(id(file))
        binding = file.analysis.globals.get(spelled)
        if binding is not None:
            for reference in file.analysis.references_to(binding):
                found.add(file, reference.node)
        for importer, node in files.importers(file):
            for entry in node.names:
                if entry.name.name != spelled:
                    continue
                if is_aliased(entry):
                    found.add(importer, entry.name)
                    continue
                definition = definition_of_entry(importer, entry)
                if definition is not None:
                    found.bind(importer, definition)
                    if importer.analysis.globals.get(spelled) is definition:
                        pending.append((importer, spelled))
            bound = importer.analysis.globals.get(spelled)
            if node.star and bound is not None and bound.value is node:
                pending.append((importer, spelled))
    return found
