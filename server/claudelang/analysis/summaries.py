"""Compact summaries of workspace files: what cross-file features need of a closed file.

A workspace of thousands of files cannot keep every file's AST and analysis alive. For a
file that is not open, the index keeps a `FileSummary` instead: module name and exports,
top-level definitions with their LSP ranges and signatures (workspace symbols), the import
paths it writes (who imports whom), its first syntax error and the steps loading it takes
(`analysis.loading`), with the files each import named when those steps were computed.
Everything else is re-derived from the file's text on demand.

Summaries are plain data: they travel from the worker processes that compute them, and
they are stored in the on-disk index cache as JSON (never pickle: a cache file is not
trusted). `from_json` rejects anything that is not exactly a summary.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from claudelang.analysis.document import DocumentAnalysis
from claudelang.analysis.loading import first_error
from claudelang.ast.span import Span
from claudelang.semantics.symbols import DefKind

Range = tuple[int, int, int, int]  # LSP start line, start character (UTF-16), end line, end character


class BadSummary(ValueError):
    """Stored data that is not a summary of this version's shape."""


# A top-level definition (not an import), for workspace symbols: its name, kind (a `DefKind`
# value), LSP range and signature. A plain tuple of strings and integers, which the cyclic
# garbage collector stops tracking: an index holds tens of thousands of symbols, and a
# full collection in the server would otherwise traverse every one of them.
Symbol = tuple[str, str, Range, str]


# One step of loading the file (`analysis.loading.Step`), with positions copied out: its
# byte offset, 1-based line and column (like `loading.Place`), the file's own error (or ""
# for an import), the import path and the path of the file the import loads. A plain
# tuple, like `Symbol`, for the same reason.
LoadStep = tuple[int, int, int, str, str, str]


@dataclass(frozen=True, slots=True)
class FileSummary:
    digest: str  # of the file's bytes
    module_name: str | None
    exports: tuple[str, ...]
    symbols: tuple[Symbol, ...]
    imports: tuple[str, ...]  # every import path the file writes, in source order
    syntax_error: tuple[str, int, int] | None  # message, 1-based line and column
    # The load steps, valid while each import finds the file (path, digest) it found then.
    steps: tuple[LoadStep, ...] | None = None
    step_targets: tuple[tuple[str, str], ...] = ()

    def with_steps(self, steps: tuple[LoadStep, ...], targets: tuple[tuple[str, str], ...]) -> FileSummary:
        return FileSummary(
            self.digest, self.module_name, self.exports, self.symbols, self.imports, self.syntax_error, steps, targets
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "module_name": self.module_name,
            "exports": self.exports,
            "symbols": self.symbols,
            "imports": self.imports,
            "syntax_error": self.syntax_error,
            "steps": self.steps,
            "step_targets": self.step_targets,
        }

    def to_text(self) -> str:
        """The JSON text stored in the index cache."""
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))


def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def lsp_range(span: Span) -> Range:
    return (span.start.line, span.start.col16, span.end.line, span.end.col16)


def summarise(analysis: DocumentAnalysis, digest: str) -> FileSummary:
    """The summary of an analysed file (without load steps: those need the other files)."""
    module_name: str | None = None
    exports: tuple[str, ...] = ()
    for facts in analysis.forms:
        if facts.modules:
            module_name = facts.modules[0].name.name
            exports = tuple(facts.modules[0].exported_names)
            break
    symbols = tuple(
        (name, definition.kind.value, lsp_range(definition.node.span), definition.signature())
        for name, definition in analysis.globals.items()
        if definition.kind is not DefKind.IMPORT
    )
    imports = tuple(node.path.value for facts in analysis.forms for node in facts.imports)
    first = first_error(analysis.module.diagnostics)
    syntax = (first.message, first.span.start.line + 1, first.span.start.col + 1) if first is not None else None
    return FileSummary(digest, module_name, exports, symbols, imports, syntax)


# ---------------------------------------------------------------- JSON, checked field by field


def from_json(data: object) -> FileSummary:
    """The summary stored as `data`; BadSummary if it is anything else."""
    try:
        _need(isinstance(data, dict))
        steps_data = data["steps"]
        summary = FileSummary(
            digest=_str(data["digest"]),
            module_name=None if data["module_name"] is None else _str(data["module_name"]),
            exports=tuple(_str(name) for name in _list(data["exports"])),
            symbols=tuple(_symbol(item) for item in _list(data["symbols"])),
            imports=tuple(_str(path) for path in _list(data["imports"])),
            syntax_error=None if data["syntax_error"] is None else _error(data["syntax_error"]),
            steps=None if steps_data is None else tuple(_step(item) for item in _list(steps_data)),
            step_targets=tuple(_pair(item) for item in _list(data["step_targets"])),
        )
        _need(len(data) == 8)
        return summary
    except (KeyError, TypeError, ValueError) as exc:
        raise BadSummary(str(exc) or type(exc).__name__) from None


def _need(condition: bool) -> None:
    if not condition:
        raise BadSummary("unexpected shape")


def _str(value: object) -> str:
    _need(isinstance(value, str))
    return value


def _int(value: object) -> int:
    _need(isinstance(value, int) and not isinstance(value, bool))
    return value


def _list(value: object) -> list[object]:
    _need(isinstance(value, list | tuple))
    return list(value)


# Symbols and steps are most of a cache: their checks are written out, without a call per
# field (20,000 files of 80 symbols took 6 s to load, field by field). `type(x) is int`:
# JSON's `true` is no line number.
KINDS = {kind.value: kind.value for kind in DefKind}  # one string object per kind


def _symbol(item: object) -> Symbol:
    if isinstance(item, list | tuple) and len(item) == 4:
        name, kind, where, signature = item
        if type(name) is str and type(signature) is str and isinstance(where, list | tuple) and len(where) == 4:
            line, character, end_line, end_character = where
            if type(line) is int and type(character) is int and type(end_line) is int and type(end_character) is int:
                return name, KINDS[kind], (line, character, end_line, end_character), signature
    raise BadSummary("not a symbol")


def _step(item: object) -> LoadStep:
    if isinstance(item, list | tuple) and len(item) == 6:
        offset, line, col, error, import_path, target = item
        numbers = type(offset) is int and type(line) is int and type(col) is int
        if numbers and type(error) is str and type(import_path) is str and type(target) is str:
            return offset, line, col, error, import_path, target
    raise BadSummary("not a load step")


def _error(item: object) -> tuple[str, int, int]:
    message, line, col = _fixed(item, 3)
    return _str(message), _int(line), _int(col)


def _pair(item: object) -> tuple[str, str]:
    path, digest = _fixed(item, 2)
    return _str(path), _str(digest)


def _fixed(value: object, length: int) -> list[object]:
    """`value` as a JSON array of `length` items."""
    items = _list(value)
    _need(len(items) == length)
    return items
