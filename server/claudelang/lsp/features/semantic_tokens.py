"""Semantic tokens (full, range, full/delta): special forms, builtins (`defaultLibrary`),
user functions, parameters, locals, constructors, keywords, effect ops, types, modules.

The tokens come from `analysis.highlight`, which keeps them per top-level unit of each open
document and makes each answer as an edit of the one before (`Answer`); this module serves
them: a delta is that edit (O(ints changed)), and a full answer the highlighter's whole
array, listed only then.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Sequence
from typing import Any

from lsprotocol import types as lsp

from claudelang.analysis.highlight import TOKEN_MODIFIERS, TOKEN_TYPES, Answer
from claudelang.lsp.convert import from_lsp_position
from claudelang.lsp.plain import Plain
from claudelang.lsp.plain import install as install_plain
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument

LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)


def as_list(ints: Sequence[int]) -> list[int]:
    """`ints` as the list JSON needs (a `highlight` answer is an array)."""
    if isinstance(ints, array):
        return ints.tolist()
    return ints if isinstance(ints, list) else list(ints)


def tokens_json(tokens: lsp.SemanticTokens) -> dict[str, Any]:
    """`SemanticTokens` as JSON without cattrs visiting each of its ints."""
    if tokens.result_id is None:
        return {"data": as_list(tokens.data)}
    return {"resultId": tokens.result_id, "data": as_list(tokens.data)}


def setup(server: ClaudeLangServer) -> None:
    install_plain(server, (lsp.SemanticTokens, tokens_json))
    counter = [0]

    async def full_data(uri: str) -> tuple[OpenDocument, str, Answer] | None:
        doc = server.document(uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        answer: Answer | None = None
        for answer in doc.highlighter.encoded(analysis):
            if answer is None:
                await asyncio.sleep(0)  # let `$/cancelRequest` and edits in
        assert answer is not None
        counter[0] += 1
        result_id = f"{doc.version}.{counter[0]}"
        doc.semantic_tokens = (result_id, answer)
        return doc, result_id, answer

    def whole(doc: OpenDocument, result_id: str) -> Plain:
        """The whole-document answer, its ints listed now (the highlighter writes its array
        in place on the next answer)."""
        return Plain({"resultId": result_id, "data": doc.highlighter.whole().tolist()})

    options = lsp.SemanticTokensRegistrationOptions(
        legend=LEGEND,
        full=lsp.SemanticTokensFullDelta(delta=True),
        range=True,
        document_selector=[lsp.TextDocumentFilterLanguage(language="claudelang")],
    )

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, options)
    async def full(params: lsp.SemanticTokensParams) -> Plain | None:
        result = await full_data(params.text_document.uri)
        return None if result is None else whole(result[0], result[1])

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA)
    async def delta(params: lsp.SemanticTokensDeltaParams) -> Plain | None:
        uri = params.text_document.uri
        doc = server.document(uri)
        old = doc.semantic_tokens if doc is not None else None
        result = await full_data(uri)
        if result is None:
            return None
        doc, result_id, answer = result
        spliced = doc.highlighter.edit_since(old[1], answer) if old is not None else None
        if old is None or old[0] != params.previous_result_id or spliced is None:
            return whole(doc, result_id)
        start, delete_count, inserted = spliced
        edits = [{"start": start, "deleteCount": delete_count, "data": inserted}]
        return Plain({"resultId": result_id, "edits": edits if delete_count or inserted else []})

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE)
    def token_range(params: lsp.SemanticTokensRangeParams) -> lsp.SemanticTokens | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        return lsp.SemanticTokens(data=doc.highlighter.data_in_range(analysis, start, end))
