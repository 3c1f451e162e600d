"""Folding ranges (multi-line forms, comment blocks, cells) and selection ranges (expand
by token, form contents, form, enclosing forms).

At most `MAX_FOLDS` folding ranges are sent (VS Code shows no more). A document over the
size limit is answered from its outline once its slices are parsed (`sync.Slicer`): its
multi-line forms (no comment blocks or cells), and selection ranges inside one top-level
form, then the whole text (`syntax.large`).

A selection range is a chain of parents, which the client library serialises recursively:
past `MAX_SELECTION_DEPTH` ranges, the chain keeps the innermost ones and the outermost
form, so that deep nesting gets an answer (one jump from the deepest kept range to the
top-level form) instead of a RecursionError.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.lsp.convert import from_lsp_position, offsets_to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.syntax.cst import enclosing_ranges, folding_ranges
from claudelang.syntax.large import MAX_FOLDS, LargeDocument

MAX_SELECTION_DEPTH = 100
FOLD_KINDS = {"region": lsp.FoldingRangeKind.Region, "comment": lsp.FoldingRangeKind.Comment}


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding(params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        await server.slicer.parsed(doc)  # type: ignore[attr-defined]
        document = doc.document
        if isinstance(document, LargeDocument):
            folds = document.outline.folds if document.outline is not None else []
        else:
            folds = folding_ranges(document.module)[:MAX_FOLDS]
        return [lsp.FoldingRange(start_line=first, end_line=last, kind=FOLD_KINDS[kind]) for first, last, kind in folds]

    @server.feature(lsp.TEXT_DOCUMENT_SELECTION_RANGE)
    async def selection(params: lsp.SelectionRangeParams) -> list[lsp.SelectionRange] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        await server.slicer.parsed(doc)  # type: ignore[attr-defined]
        document = doc.document
        lines = document.module.lines
        out = []
        for position in params.positions:
            offset = from_lsp_position(lines, position)
            if isinstance(document, LargeDocument):
                ranges = document.ranges_around(offset)
            else:
                ranges = enclosing_ranges(document.module, offset)
            current: lsp.SelectionRange | None = None
            for start, end in reversed(capped(ranges)):
                current = lsp.SelectionRange(range=offsets_to_lsp_range(lines, start, end), parent=current)
            out.append(current or lsp.SelectionRange(range=lsp.Range(start=position, end=position)))
        return out


def capped(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """At most `MAX_SELECTION_DEPTH` ranges, innermost first: the innermost and the outermost."""
    if len(ranges) <= MAX_SELECTION_DEPTH:
        return ranges
    return [*ranges[: MAX_SELECTION_DEPTH - 1], ranges[-1]]
