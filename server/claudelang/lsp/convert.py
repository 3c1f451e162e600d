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


@dataclass(frozen=True, slots=True)
class Move:
    """How one edit moved a text: bytes [start, old_end) became `delta` bytes longer, and
    the lines from `after` on (the start of the line after `old_end`'s, before the edit)
    moved down by `lines`, keeping their columns."""

    start: int
    old_end: int
    delta: int
    after: int
    lines: int


def move_of(before: LineIndex, after: LineIndex, start: tuple[int, int], end: tuple[int, int]) -> Move:
    """The `Move` of an edit of the LSP range `start`-`end`, from the text `before` indexes
    to the one `after` does (O(log lines + the edited line's length))."""
    first = before.offset(*start)
    last = max(first, before.offset(*end))
    line = before.line_of(last) + 1
    following = before.line_start(line) if line < before.line_count else len(before.data) + 1
    return Move(first, last, len(after.data) - len(before.data), following, after.line_count - before.line_count)


def moved_back(start: int, end: int, moves: list[Move]) -> tuple[int, int, int] | None:
    """Where the byte range [start, end) of the text after `moves` was before them, and by
    how many lines they moved it; None if an edit touched its lines (its columns may have
    changed). A range before an edit kept its position; one from the line after an edit
    on kept its columns (`Move`)."""
    lines = 0
    for move in reversed(moves):
        if end < move.start:  # every byte up to `end` as it was (a `\r` before it too)
            continue
        if start < move.after + move.delta:
            return None
        start -= move.delta
        end -= move.delta
        lines += move.lines
    return start, end, lines


def shifted(item: dict[str, Any], lines: int) -> dict[str, Any]:
    """A diagnostic's JSON moved down by `lines` (a copy: JSON handed out is never changed)."""
    start, end = item["range"]["start"], item["range"]["end"]
    moved = {
        "start": {"line": start["line"] + lines, "character": start["character"]},
        "end": {"line": end["line"] + lines, "character": end["character"]},
    }
    return {**item, "range": moved}


@dataclass(slots=True)
class Converted:
    diagnostic: Diagnostic
    at: int | None  # the absolute offset its message names, if any
    json: dict[str, Any]

    def serves(self, diagnostic: Diagnostic, at: int | None) -> bool:
        """Whether `diagnostic`, found at this entry's range, has this JSON (up to a move
        of lines): the same object or an equal one, naming the same position if any."""
        mine = self.diagnostic
        return self.at == at and (
            mine is diagnostic
            or (
                mine.text == diagnostic.text
                and mine.severity == diagnostic.severity
                and mine.tags == diagnostic.tags
                and mine.data == diagnostic.data
            )
        )


Key = tuple[int, int, str]  # absolute start and end bytes, code


class DiagnosticsJson:
    """A document's diagnostics as LSP JSON, each converted once while the text around it
    stays as it was.

    A diagnostic's JSON is a function of its absolute byte range, the text, and its
    message, severity, code, tags and data. Entries are kept by absolute range and code,
    and the edits since the last call (`edited`, one `Move` each) map a diagnostic's range
    back to where it was then: before an edit, it kept its position; from the line after
    an edit on, its columns, its lines moved by the edit's (the JSON is copied with new
    line numbers). That holds for any diagnostic, whatever made it: an unchanged form's,
    one checked again to the same effect, or one of a form lowered again (a form with an
    unclosed `"` swallows the rest of the file and is lowered on every keystroke; at 1 MB
    its checks have 3,000 "unbound name"s, each a new object). A diagnostic whose message
    names a position is reused only while the text is unchanged. A text changed in a way
    no `Move` describes (`edited(None, ...)`), or not the one the last edit made (a
    `convert` of another text), has everything converted again.

    O(D) memory for the D diagnostics of the last list converted; per call, O(D × edits
    since the last one) dict lookups and comparisons, plus a conversion per diagnostic on
    an edited line, in an edited form's new text, or new.
    """

    MOVES = 32  # past this many edits between two calls, everything is converted again

    def __init__(self) -> None:
        self.entries: dict[Key, Converted] = {}
        self.moves: list[Move] | None = []  # since the entries were made; None: unknown
        self.data: bytes | None = None  # the text the entries and moves lead to

    def edited(self, move: Move | None, data: bytes) -> None:
        """The text changed to `data`, by `move` (None: in a way no `Move` describes)."""
        if self.moves is not None and move is not None and len(self.moves) < self.MOVES:
            self.moves.append(move)
        else:
            self.moves = None
        self.data = data

    def convert(self, diagnostics: list[Diagnostic], data: bytes) -> list[dict[str, Any]]:
        """The JSON of `diagnostics`, which are those of the text `data`."""
        known = self.moves is not None and data is self.data
        moves = self.moves if known and self.moves else []
        lookup = self.entries.get if known else {}.get
        entries: dict[Key, Converted] = {}
        out = []
        for diagnostic in diagnostics:
            base = diagnostic.anchor.base_byte
            start, end, code, at = base + diagnostic.start, base + diagnostic.end, diagnostic.code, diagnostic.at
            if at is not None:
                at += base
            key = (start, end, code)
            lines = 0
            if not moves:
                entry = lookup(key)
            elif at is None and (was := moved_back(start, end, moves)) is not None:
                entry = lookup((was[0], was[1], code))
                lines = was[2]
            else:
                entry = None
            if entry is None or not entry.serves(diagnostic, at):
                entry = Converted(diagnostic, at, diagnostic_json(diagnostic))
            elif lines:
                entry = Converted(entry.diagnostic, at, shifted(entry.json, lines))
            entries[key] = entry
            out.append(entry.json)
        self.entries, self.moves, self.data = entries, [], data
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
