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

    def serves(self, diagnostic: Diagnostic) -> bool:
        """Whether `diagnostic`, at its form's position now, has this JSON: the same object
        or an equal one on the same anchor (a form checked again without changing), with
        the anchor where it was."""
        mine = self.diagnostic
        if mine is not diagnostic and not (
            mine.anchor is diagnostic.anchor
            and mine.text == diagnostic.text
            and mine.severity == diagnostic.severity
            and mine.tags == diagnostic.tags
            and mine.at == diagnostic.at
            and mine.data == diagnostic.data
        ):
            return False
        return self.base == diagnostic.anchor.base


class DiagnosticsJson:
    """A document's diagnostics as LSP JSON, each converted once per position of its form.

    A diagnostic's offsets are relative to its form's `Anchor`: its JSON is reused while
    the anchor's base is where it was (an edit above the form moves it, and it is converted
    again). An unchanged form keeps its anchor, and its diagnostics are the same objects
    while the analysis carries its checks over, or equal ones when it checks the form again
    (during an unclosed `"` at 1 MB, 3,000 "unbound name"s on every keystroke): entries are
    found by anchor, range and code, and reused when the diagnostic is the same or equal.
    Holds the entries of the last list converted: O(D) memory for D diagnostics, O(D) dict
    lookups and comparisons per call plus the conversions.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[int, int, int, str], Converted] = {}  # (id(anchor), start, end, code) → entry

    def convert(self, diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
        previous, entries = self.entries, {}
        out = []
        for diagnostic in diagnostics:
            key = (id(diagnostic.anchor), diagnostic.start, diagnostic.end, diagnostic.code)
            entry = previous.get(key)
            if entry is None or not entry.serves(diagnostic):
                entry = Converted(diagnostic, diagnostic.anchor.base, diagnostic_json(diagnostic))
            entries[key] = entry
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
