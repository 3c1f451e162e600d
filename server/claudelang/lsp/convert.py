"""All conversions between LSP types and ClaudeLang's internal positions and diagnostics."""

from __future__ import annotations

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
