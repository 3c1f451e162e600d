"""All conversions between LSP types and ClaudeLang's internal positions, diagnostics and
documentation markup (markdown, or plain text for clients that do not render it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp

from claudelang.ast.diagnostic import Diagnostic
from claudelang.ast.span import LineIndex, Position, Span


def to_lsp_position(position: Position) -> lsp.Position:
    return lsp.Position(line=position.line, character=position.col16)


def to_lsp_range(span: Span) -> lsp.Range:
    return lsp.Range(start=to_lsp_position(span.start), end=to_lsp_position(span.end))


def offsets_to_lsp_range(lines: LineIndex, start: int, end: int) -> lsp.Range:
    return lsp.Range(start=to_lsp_position(lines.position(start)), end=to_lsp_position(lines.position(end)))


def from_lsp_position(lines: LineIndex, position: lsp.Position) -> int:
    """Byte offset of an LSP position, clamped into the document."""
    return lines.offset(position.line, position.character)


def diagnostic_json(diagnostic: Diagnostic, source: str = "claudelang") -> dict[str, Any]:
    """The LSP `Diagnostic` as plain JSON (`lsp.plain`)."""
    span = diagnostic.span
    start, end = span.start, span.end
    item: dict[str, Any] = {
        "range": {
            "start": {"line": start.line, "character": start.col16},
            "end": {"line": end.line, "character": end.col16},
        },
        "message": diagnostic.message,
        "severity": int(diagnostic.severity),  # numbered as LSP numbers them
        "code": diagnostic.code,
        "source": source,
    }
    if "unnecessary" in diagnostic.tags:
        item["tags"] = [lsp.DiagnosticTag.Unnecessary.value]
    if isinstance(diagnostic.data, (list, dict, str)):
        item["data"] = diagnostic.data
    return item


@dataclass(slots=True)
class Converted:
    diagnostic: Diagnostic
    base: Position  # its form's position when converted
    json: dict[str, Any]


class DiagnosticsJson:
    """A document's diagnostics as LSP JSON, each converted once per position of its form.

    A diagnostic stays the same object while its form is unchanged (the analysis carries
    the form's checks over), and its offsets are relative to the form's `Anchor`: its JSON
    is reused while the anchor's base is where it was (an edit above the form moves it,
    and it is converted again). Holds the entries of the last list converted: O(D) memory
    for D diagnostics, O(D) dict lookups per call plus the conversions.
    """

    def __init__(self) -> None:
        self.entries: dict[int, Converted] = {}  # id(diagnostic) → entry

    def convert(self, diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
        previous, entries = self.entries, {}
        out = []
        for diagnostic in diagnostics:
            entry = previous.get(id(diagnostic))
            base = diagnostic.anchor.base
            if entry is None or entry.diagnostic is not diagnostic or entry.base != base:
                entry = Converted(diagnostic, base, diagnostic_json(diagnostic))
            entries[id(diagnostic)] = entry
            out.append(entry.json)
        self.entries = entries
        return out


def markup(markdown: str, formats: Sequence[lsp.MarkupKind] | None) -> lsp.MarkupContent:
    """`markdown` as markdown if the client lists it among `formats`, else as plain text."""
    if formats and lsp.MarkupKind.Markdown in formats:
        return lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=markdown)
    return lsp.MarkupContent(kind=lsp.MarkupKind.PlainText, value=plain_text(markdown))


FENCE = re.compile(r"```[\w-]*\n(.*?)\n?```", re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
EMPHASIS_LINE = re.compile(r"^\*([^*\n]+)\*$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The markdown that `claudelang.analysis.describe` writes, without its markup: code
    fences and code spans keep their contents, a line in `*emphasis*` loses the stars.
    Code inside fences is left exactly as written."""
    parts = FENCE.split(markdown)  # prose, code, prose, code, ..., prose
    for index in range(0, len(parts), 2):
        parts[index] = EMPHASIS_LINE.sub(r"\1", CODE_SPAN.sub(r"\1", parts[index]))
    return "".join(parts)
