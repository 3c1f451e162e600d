"""Diagnostics: a message attached to a source range, shared by every stage that reports.

Like AST nodes, a diagnostic stores offsets relative to its top-level form's `Anchor`, so
diagnostics cached with an unchanged form move with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from claudelang.ast.span import Anchor, Span


class Severity(IntEnum):
    """Numbered as LSP numbers them."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4


@dataclass(slots=True, eq=False)
class Diagnostic:
    start: int
    end: int
    anchor: Anchor
    text: str  # the message; with `at`, a template whose `{at}` names a position
    severity: Severity = Severity.ERROR
    code: str = "syntax"
    tags: tuple[str, ...] = field(default=())  # e.g. ("unnecessary",)
    data: object = None  # feature-specific payload (e.g. a suggested replacement)
    at: int | None = None  # relative offset of a position the message mentions

    @property
    def message(self) -> str:
        """The message, naming positions as they are now (forms move between versions)."""
        if self.at is None:
            return self.text
        return self.text.replace("{at}", str(self.anchor.position(self.at)))

    @property
    def span(self) -> Span:
        return self.anchor.span(self.start, self.end)

    def key(self) -> tuple[object, ...]:
        """A value-comparable picture of this diagnostic, with its absolute span."""
        span = self.span
        return (span.start_byte, span.end_byte, self.severity, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.span.start}: {self.severity.name.lower()}: {self.message}"
