"""Rewrite earlier spellings (LANGUAGE.md §10) in their 1.1 form, for `claudelang fmt
--modernize` and the editor's "rewrite in the 1.1 spelling" code action.

Lowering records each earlier spelling with its 1.1 text (`Module.rewrites`, made in
`syntax/earlier.py`, the one place that knows them). A rewrite's text keeps the source of the
forms inside it as written, so the earlier spellings nested in it are rewritten by the next
pass: each pass applies the outermost rewrites, and the text is parsed again, until none is
left. The program means the same before and after (tests run both).
"""

from __future__ import annotations

from claudelang.ast.diagnostic import Severity
from claudelang.syntax import parse
from claudelang.syntax.earlier import Rewrite

MAX_PASSES = 64  # a bound on nesting depth; every pass removes the outermost layer


def outermost(rewrites: list[Rewrite]) -> list[Rewrite]:
    """The rewrites not inside another one, in document order."""
    kept: list[Rewrite] = []
    for rewrite in sorted(rewrites, key=lambda r: (r.span.start_byte, -r.span.end_byte)):
        if kept and rewrite.span.start_byte < kept[-1].span.end_byte:
            continue
        kept.append(rewrite)
    return kept


def apply_rewrites(data: bytes, rewrites: list[Rewrite]) -> bytes:
    """`data` with each (non-overlapping) rewrite's range replaced by its text."""
    for rewrite in sorted(rewrites, key=lambda r: r.span.start_byte, reverse=True):
        span = rewrite.span
        data = data[: span.start_byte] + rewrite.replacement.encode("utf-8") + data[span.end_byte :]
    return data


def modernize_source(text: str) -> str:
    """`text` with every earlier spelling rewritten in its 1.1 form; unchanged while it has a
    syntax error (a rewrite could then change what the program means, or make it run)."""
    for _ in range(MAX_PASSES):
        module = parse(text)
        if any(d.severity is Severity.ERROR for d in module.diagnostics):
            return text
        rewrites = outermost(module.rewrites)
        if not rewrites:
            return text
        rewritten = apply_rewrites(module.data, rewrites).decode("utf-8", errors="surrogateescape")
        if rewritten == text:
            return text
        text = rewritten
    return text
