"""All conversions between LSP types and ClaudeLang's internal positions, diagnostics and
documentation markup (markdown, or plain text for clients that do not render it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.span import LineIndex, Position, Span

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFORMATION: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}


def to_lsp_position(position: Position) -> lsp.Position:
    return lsp.Position(line=position.line, character=position.col16)


def to_lsp_range(span: Span) -> lsp.Range:
    return lsp.Range(start=to_lsp_position(span.start), end=to_lsp_position(span.end))


def offsets_to_lsp_range(lines: LineIndex, start: int, end: int) -> lsp.Range:
    return lsp.Range(start=to_lsp_position(lines.position(start)), end=to_lsp_position(lines.position(end)))


def from_lsp_position(lines: LineIndex, position: lsp.Position) -> int:
    """Byte offset of an LSP position, clamped into the document."""
    return lines.offset(position.line, position.character)


def to_lsp_diagnostic(diagnostic: Diagnostic, source: str = "claudelang") -> lsp.Diagnostic:
    tags = [lsp.DiagnosticTag.Unnecessary] if "unnecessary" in diagnostic.tags else None
    data = diagnostic.data if isinstance(diagnostic.data, (list, dict, str)) else None
    return lsp.Diagnostic(
        range=to_lsp_range(diagnostic.span),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source=source,
        tags=tags,
        data=data,
    )


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
