"""Document and range formatting with the canonical formatter (`claudelang fmt`).

Whole-document formatting answers with edits of the whitespace between tokens only: the
formatter changes nothing else, and the server's copy of the text may differ from the
client's inside tokens (a lone surrogate, which the server holds as U+FFFD), which a
replacement of the whole text would then change. A document over the size limit is not
formatted (no edits, and a log message saying why).
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from claudelang.format import FormatError, format_range, format_source
from claudelang.lsp.convert import from_lsp_position, offsets_to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    async def formatting(params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        await asyncio.sleep(0)  # a cancel sent right after the request is honoured here
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        if too_large(server, doc):
            return []
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
        edits = whitespace_edits(doc.module.data, formatted.encode("utf-8"))
        if edits is None:  # not only whitespace changed: never expected of the formatter
            if "\ufffd" in doc.module.text:
                return []  # the whole text would replace what the client holds as a lone surrogate
            return [lsp.TextEdit(range=offsets_to_lsp_range(lines, 0, len(doc.module.data)), new_text=formatted)]
        return [lsp.TextEdit(range=offsets_to_lsp_range(lines, s, e), new_text=text) for s, e, text in edits]

    @server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
    def range_formatting(params: lsp.DocumentRangeFormattingParams) -> list[lsp.TextEdit] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        if too_large(server, doc):
            return []
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        try:
            edits = format_range(doc.module.text, start, end)
        except FormatError:
            return []
        return [lsp.TextEdit(range=offsets_to_lsp_range(lines, s, e), new_text=text) for s, e, text in edits]


def too_large(server: ClaudeLangServer, doc: OpenDocument) -> bool:
    """True (and a log message) for a document over the size limit."""
    if doc.large:
        message = f"not formatted: the document is over the size limit of {doc.limit:,} bytes (setting maxFileBytes)"
        server.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info, message=message))
    return doc.large


SPACE = frozenset(b" \t\r\n,")  # commas are whitespace in ClaudeLang


def whitespace_edits(old: bytes, new: bytes) -> list[tuple[int, int, str]] | None:
    """Edits turning `old` into `new` that replace only runs of whitespace (byte offsets in
    `old`), or None if anything else differs."""
    edits: list[tuple[int, int, str]] = []
    i = j = 0
    while True:
        i_end, j_end = i, j
        while i_end < len(old) and old[i_end] in SPACE:
            i_end += 1
        while j_end < len(new) and new[j_end] in SPACE:
            j_end += 1
        if old[i:i_end] != new[j:j_end]:
            edits.append((i, i_end, new[j:j_end].decode("utf-8")))
        if i_end == len(old) or j_end == len(new):
            return edits if i_end == len(old) and j_end == len(new) else None
        if old[i_end] != new[j_end]:
            return None
        i, j = i_end + 1, j_end + 1
