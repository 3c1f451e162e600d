"""Document and range formatting with the canonical formatter (`claudelang fmt`)."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from claudelang.format import FormatError, format_range, format_source
from claudelang.lsp.convert import from_lsp_position, offsets_to_lsp_range
from claudelang.lsp.server import ClaudeLangServer


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    async def formatting(params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        await asyncio.sleep(0)  # a cancel sent right after the request is honoured here
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        try:
            formatted = format_source(doc.module.text)
        except FormatError as error:
            server.window_log_message(
                lsp.LogMessageParams(type=lsp.MessageType.Info, message=f"not formatted: {error}")
            )
            return []
        if formatted == doc.module.text:
            return []
        lines = doc.module.lines
        return [lsp.TextEdit(range=offsets_to_lsp_range(lines, 0, len(doc.module.data)), new_text=formatted)]

    @server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
    def range_formatting(params: lsp.DocumentRangeFormattingParams) -> list[lsp.TextEdit] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        try:
            edits = format_range(doc.module.text, start, end)
        except FormatError:
            return []
        return [lsp.TextEdit(range=offsets_to_lsp_range(lines, s, e), new_text=text) for s, e, text in edits]
