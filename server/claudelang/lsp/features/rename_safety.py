"""Why a rename would change what a program means, or None when it would not.

A rename is refused when the new name is not a plain symbol (a literal, a keyword, a
special form, `else`, `_`, a `...rest` marker or an effect operation's `kind:op`), when
another binding of the same scope already has it, and when, after the edit, any name in
the affected files — the edited ones and every file importing them — would resolve
differently: a renamed occurrence captured by another binding, or an existing use of the
new name captured by the renamed one. The check re-analyses the edited texts against a
copy of the workspace index holding them, and compares every reference's target and every
binding's place with the current text's, positions shifted by the edits (a rename never
adds a line, so lines stay put).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claudelang.analysis import Definition, DefKind, DocumentAnalysis, analyze
from claudelang.analysis.document import Target
from claudelang.analysis.workspace import WorkspaceIndex
from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Severity
from claudelang.lsp.features.occurrences import Files, Occurrences, SourceFile
from claudelang.runtime.effects import EFFECT_KINDS
from claudelang.runtime.registry import Builtin
from claudelang.syntax import SPECIAL_FORMS, Module, parse

RESERVED = frozenset({"else", "_"})


def refusal(files: Files, found: Occurrences, new_name: str) -> str | None:
    """The reason renaming `found` to `new_name` is refused, or None if it is safe."""
    return invalid_name(new_name) or duplicate(found, new_name) or changed_meaning(files, found, new_name)


def invalid_name(name: str) -> str | None:
    parsed = parse(name)
    forms = parsed.forms
    plain = len(forms) == 1 and isinstance(forms[0], a.Name) and forms[0].name == name and not parsed.diagnostics
    if not plain or name in SPECIAL_FORMS or name in RESERVED or name.startswith("..."):
        return f"'{name}' is not a valid ClaudeLang name"
    kind, colon, _op = name.partition(":")
    if colon and kind in EFFECT_KINDS:
        return f"'{name}' is reserved: '{kind}:…' names are effect operations"
    return None


def duplicate(found: Occurrences, name: str) -> str | None:
    """Another binding of the same scope that already has the new name."""
    for uri, binders in found.binders.items():
        file = found.files[uri]
        for binder in binders:
            for facts in file.analysis.forms:
                for other in facts.definitions:
                    if other.name == name and same_scope(binder, other):
                        clash = f"{describe(other)} is in the same scope ({place(file, other.node)})"
                        return f"cannot rename '{found.name}' to '{name}': {clash}"
    return None


def same_scope(binder: Definition, other: Definition) -> bool:
    if binder.is_global or other.is_global:
        return binder.is_global and other.is_global
    return other.scope is binder.scope


@dataclass
class Edited:
    """One affected file: its current module and, if the rename edits it, its new text."""

    file: SourceFile
    spans: list[tuple[int, int]]
    new_source: bytes | None

    def shift(self, offset: int, width: int) -> int:
        """Where a current byte offset lands after the edits."""
        return offset + sum(width - (end - start) for start, end in self.spans if end <= offset)


def changed_meaning(files: Files, found: Occurrences, name: str) -> str | None:
    affected: dict[int, Edited] = {}
    for uri, nodes in found.sites.items():
        file = found.files[uri]
        spans = sorted({(node.span.start_byte, node.span.end_byte) for node in nodes})
        affected[id(file)] = Edited(file, spans, replaced(file.module.data, spans, name.encode()))
    for edited in list(affected.values()):
        for importer, _node in files.importers(edited.file):
            affected.setdefault(id(importer), Edited(importer, [], None))
    width = len(name.encode())
    by_path = {str(e.file.path): e for e in affected.values() if e.file.path is not None}

    def shift(path: str | None, offset: int) -> int:
        edited = by_path.get(str(path)) if path is not None else None
        return edited.shift(offset, width) if edited is not None else offset

    paths = [e for e in affected.values() if e.file.path is not None]
    before = overlay(files.server.index, {e.file.path: e.file.module for e in paths})  # type: ignore[misc]
    after = overlay(files.server.index, {e.file.path: e.new_source or e.file.module for e in paths})  # type: ignore[misc]
    for edited in affected.values():
        file, path = edited.file, edited.file.path
        old = analyze(file.module, before.resolver(path)) if path else analyze(file.module)
        module = parse(edited.new_source) if edited.new_source is not None else file.module
        new = analyze(module, after.resolver(path)) if path else analyze(module)
        problem = compare(found, name, edited, old, new, before, after, shift)
        if problem is not None:
            return problem
    return None


def replaced(data: bytes, spans: list[tuple[int, int]], text: bytes) -> bytes:
    out, last = [], 0
    for start, end in spans:
        out += [data[last:start], text]
        last = end
    out.append(data[last:])
    return b"".join(out)


def overlay(index: WorkspaceIndex, sources: dict[Path, Module | bytes]) -> WorkspaceIndex:
    """A copy of the index in which the given files have the given texts."""
    copy = WorkspaceIndex()
    copy.roots = index.roots
    copy.files = dict(index.files)
    for path, source in sources.items():
        copy.update(path, source if isinstance(source, Module) else source.decode("utf-8", "replace"))
    return copy


def compare(
    found: Occurrences,
    name: str,
    edited: Edited,
    old: DocumentAnalysis,
    new: DocumentAnalysis,
    before: WorkspaceIndex,
    after: WorkspaceIndex,
    shift,  # type: ignore[no-untyped-def]
) -> str | None:
    file = edited.file
    path = str(file.path) if file.path is not None else None
    renamed = {shift(path, start) for start, _end in edited.spans}
    old_defs = {(shift(path, d.node.span.start_byte), d.kind, d.is_global) for f in old.forms for d in f.definitions}
    new_defs = {(d.node.span.start_byte, d.kind, d.is_global) for f in new.forms for d in f.definitions}
    old_refs = {shift(path, r.node.span.start_byte): r for f in old.forms for r in f.references}
    new_refs = {r.node.span.start_byte: r for f in new.forms for r in f.references}
    if old_defs != new_defs or old_refs.keys() != new_refs.keys():
        moved = sorted({d[0] for d in old_defs ^ new_defs} | (old_refs.keys() ^ new_refs.keys()))
        line = next(iter(moved), 0)
        return f"cannot rename '{found.name}' to '{name}': it would change how {at_new(file, new, line)} is read"
    for key, reference in old_refs.items():
        was = identity(old.target_of(reference), old, before, path, shift)
        now = identity(new.target_of(new_refs[key]), new, after, path, lambda _p, offset: offset)
        if was != now:
            where = place(file, reference.node)
            target = new.target_of(new_refs[key])
            renamed_binder = isinstance(target, Definition) and target.node.span.start_byte in renamed
            then = describe(target, found.name if renamed_binder else None)
            if key in renamed:
                return f"cannot rename '{found.name}' to '{name}': the use at {where} would then refer to {then}"
            return (
                f"cannot rename '{found.name}' to '{name}': the existing use of '{name}' at {where} "
                f"would then refer to {then} instead of {describe(old.target_of(reference))}"
            )
    grown = Counter(errors(new)) - Counter(errors(old))
    if grown:
        code = next(iter(grown))
        message = next(d.message for d in [*new.module.diagnostics, *new.diagnostics] if d.code == code)
        return f"cannot rename '{found.name}' to '{name}': it would cause the error “{message}”"
    return None


def errors(analysis: DocumentAnalysis) -> list[str]:
    everything = [*analysis.module.diagnostics, *analysis.diagnostics]
    return [d.code or "" for d in everything if d.severity is Severity.ERROR]


def identity(target: Target | None, analysis: DocumentAnalysis, index: WorkspaceIndex, path, shift) -> tuple:  # type: ignore[no-untyped-def]
    """What a reference names, as positions in the renamed texts."""
    if target is None:
        return ("unbound",)
    if isinstance(target, Builtin):
        return ("builtin", target.name)
    if target.kind is not DefKind.IMPORT:
        return ("definition", shift(path, target.node.span.start_byte))
    value = target.value
    if isinstance(value, a.Import):  # bound by `*`
        module = index.find(value.path.value, Path(path) if path else None)
        exported = module.exports.get(target.name) if module is not None else None
        local = ("star", shift(path, value.span.start_byte))
        home = str(module.path) if module is not None else None
    else:
        info = analysis.imported.get(target)
        exported = analysis.follow_import(target)
        local = ("import", shift(path, target.node.span.start_byte))
        home = info.path if info is not None else None
    if exported is None or exported is target or home is None:
        return local
    return (*local, home, shift(home, exported.node.span.start_byte))


def describe(target: Target | None, renamed_from: str | None = None) -> str:
    """`the parameter 'x' of line 3`; `the renamed local 'c' of line 2` for the renamed binding."""
    if target is None:
        return "nothing (an unbound name)"
    if isinstance(target, Builtin):
        return f"the builtin '{target.name}'"
    kind = "global" if target.is_global and target.kind is DefKind.VARIABLE else target.kind.value
    name = target.name if renamed_from is None else renamed_from
    return f"the {'renamed ' * (renamed_from is not None)}{kind} '{name}' of line {target.node.span.start.line + 1}"


def place(file: SourceFile, node: a.Node) -> str:
    label = file.path.name if file.path is not None else file.uri
    return f"{label}:{node.span.start}"


def at_new(file: SourceFile, new: DocumentAnalysis, offset: int) -> str:
    label = file.path.name if file.path is not None else file.uri
    return f"{label}:{new.module.lines.position(offset)}"
