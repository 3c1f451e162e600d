"""Semantic tokens (full, range, full/delta): special forms, builtins (`defaultLibrary`),
user functions, parameters, locals, constructors, keywords, effect ops, types, modules.

The tokens come from `analysis.highlight`, which keeps them per top-level unit of each open
document (a whole-document answer is an `array`, made a list only where JSON is written);
this module serves them and computes deltas against the previous answer.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Sequence
from typing import Any

from lsprotocol import types as lsp

from claudelang.analysis.highlight import TOKEN_MODIFIERS, TOKEN_TYPES
from claudelang.lsp.convert import from_lsp_position
from claudelang.lsp.plain import Plain
from claudelang.lsp.plain import install as install_plain
from claudelang.lsp.server import ClaudeLangServer

LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)


BLOCK = 512  # ints compared at once (in C) before looking at single ones


def common_prefix(old: Sequence[int], new: Sequence[int], limit: int) -> int:
    """How many leading ints `old` and `new` share, up to `limit`: block by block, so that
    a keystroke's delta on a big file costs little Python work."""
    prefix = 0
    while prefix + BLOCK <= limit and old[prefix : prefix + BLOCK] == new[prefix : prefix + BLOCK]:
        prefix += BLOCK
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    return prefix


def diff(old: Sequence[int], new: Sequence[int]) -> list[dict[str, Any]]:
    """The `SemanticTokensEdit`s (plain JSON) that turn `old` into `new`: none, or one."""
    limit = min(len(old), len(new))
    prefix = common_prefix(old, new, limit)
    if prefix == len(old) == len(new):
        return []
    suffix = common_prefix(old[::-1], new[::-1], limit - prefix)
    inserted = as_list(new[prefix : len(new) - suffix])
    return [{"start": prefix, "deleteCount": len(old) - prefix - suffix, "data": inserted}]


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

    async def full_data(uri: str) -> tuple[str, array[int]] | None:
        doc = server.document(uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        data: array[int] | None = None
        for data in doc.highlighter.encoded(analysis):
            if data is None:
                await asyncio.sleep(0)  # let `$/cancelRequest` and edits in
        assert data is not None
        counter[0] += 1
        result_id = f"{doc.version}.{counter[0]}"
        doc.semantic_tokens = (result_id, data)
        return result_id, data

    options = lsp.SemanticTokensRegistrationOptions(
        legend=LEGEND,
        full=lsp.SemanticTokensFullDelta(delta=True),
        range=True,
        document_selector=[lsp.TextDocumentFilterLanguage(language="claudelang")],
    )

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, options)
    async def full(params: lsp.SemanticTokensParams) -> lsp.SemanticTokens | None:
        result = await full_data(params.text_document.uri)
        return None if result is None else lsp.SemanticTokens(result_id=result[0], data=result[1])

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA)
    async def delta(params: lsp.SemanticTokensDeltaParams) -> lsp.SemanticTokens | Plain | None:
        uri = params.text_document.uri
        doc = server.document(uri)
        old = doc.semantic_tokens if doc is not None else None
        result = await full_data(uri)
        if result is None:
            return None
        if old is None or old[0] != params.previous_result_id:
            return lsp.SemanticTokens(result_id=result[0], data=result[1])
        spliced = doc.highlighter.edit_since(old[1], result[1]) if doc is not None else None
        if spliced is None:
            return Plain({"resultId": result[0], "edits": diff(old[1], result[1])})
        start, delete_count, data = spliced
        edits = diff(old[1][start : start + delete_count], data)  # trimmed to the ints that changed
        for edit in edits:
            edit["start"] += start
        return Plain({"resultId": result[0], "edits": edits})

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
