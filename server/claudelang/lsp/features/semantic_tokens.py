"""Semantic tokens (full, range, full/delta): special forms, builtins (`defaultLibrary`),
user functions, parameters, locals, constructors, keywords, effect ops, types, modules."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from lsprotocol import types as lsp

from claudelang.analysis import Definition, DocumentAnalysis
from claudelang.analysis.symbols import DefKind
from claudelang.lsp.convert import from_lsp_position
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin
from claudelang.syntax.cst import lexical_tokens

TOKEN_TYPES = ["keyword", "function", "parameter", "variable", "enumMember", "type", "property", "event", "namespace"]
TOKEN_MODIFIERS = ["declaration", "defaultLibrary", "readonly"]
T = {name: index for index, name in enumerate(TOKEN_TYPES)}
DECLARATION, DEFAULT_LIBRARY, READONLY = 1, 2, 4
LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)

DEF_TYPES = {
    DefKind.FUNCTION: "function",
    DefKind.VARIABLE: "variable",
    DefKind.LOCAL: "variable",
    DefKind.PARAMETER: "parameter",
    DefKind.CONSTRUCTOR: "enumMember",
    DefKind.TYPE: "type",
    DefKind.IMPORT: "variable",
    DefKind.MODULE: "namespace",
    DefKind.PATTERN: "variable",
    DefKind.LOOP: "function",
}

Raw = tuple[int, int, int, int]  # start byte, end byte, type index, modifier bits


def classify(target: object) -> tuple[int, int] | None:
    if isinstance(target, Builtin):
        if target.is_constant:
            return T["variable"], DEFAULT_LIBRARY | READONLY
        kind = "event" if ":" in target.name and target.effects else "function"
        return T[kind], DEFAULT_LIBRARY
    if isinstance(target, Definition):
        kind = DEF_TYPES[target.kind]
        if target.kind is DefKind.IMPORT or (target.kind in (DefKind.VARIABLE, DefKind.LOCAL) and target.lambda_node):
            kind = "function" if target.lambda_node is not None else kind
        return T[kind], 0
    return None


def raw_tokens(analysis: DocumentAnalysis, start: int = 0, end: int | None = None) -> list[Raw]:
    return sorted_tokens([t for chunk in token_chunks(analysis, start, end) for t in chunk], start, end, analysis)


async def raw_tokens_async(analysis: DocumentAnalysis) -> list[Raw]:
    """`raw_tokens` in chunks, yielding to the event loop so `$/cancelRequest` can stop it."""
    tokens: list[Raw] = []
    for chunk in token_chunks(analysis, 0, None):
        tokens += chunk
        await asyncio.sleep(0)
    return sorted_tokens(tokens, 0, None, analysis)


def sorted_tokens(tokens: list[Raw], start: int, end: int | None, analysis: DocumentAnalysis) -> list[Raw]:
    stop = len(analysis.module.data) if end is None else end
    tokens.sort()
    return [t for t in tokens if t[1] >= start and t[0] <= stop]


def token_chunks(analysis: DocumentAnalysis, start: int, end: int | None, size: int = 300) -> Iterator[list[Raw]]:
    stop = len(analysis.module.data) if end is None else end
    out: list[Raw] = []
    for index, facts in enumerate(analysis.forms):
        form = facts.form
        base = form.anchor.base_byte
        if base + form.end < start or base + form.start > stop:
            continue
        for definition in facts.definitions:
            node = definition.node
            kind = classify(definition)
            if kind is not None and node.end > node.start:
                out.append((base + node.start, base + node.end, kind[0], kind[1] | DECLARATION))
        for reference in facts.references:
            kind = classify(analysis.target_of(reference))
            if kind is not None:
                node = reference.node
                out.append((base + node.start, base + node.end, kind[0], kind[1]))
        if index % size == size - 1:
            yield out
            out = []
    for token in lexical_tokens(analysis.module, start, stop):
        kind = T["keyword"] if token.kind == "special-form" else T["property"]
        out.append((token.start, token.end, kind, 0))
    yield out


def encode(analysis: DocumentAnalysis, tokens: list[Raw]) -> list[int]:
    lines = analysis.module.lines
    data: list[int] = []
    previous_line = previous_col = 0
    last_start = -1
    for start, end, kind, modifiers in tokens:
        if start == last_start:
            continue  # one token per position
        last_start = start
        first = lines.position(start)
        last = lines.position(end)
        if last.line != first.line:
            continue
        delta_line = first.line - previous_line
        delta_col = first.col16 - previous_col if delta_line == 0 else first.col16
        data += [delta_line, delta_col, last.col16 - first.col16, kind, modifiers]
        previous_line, previous_col = first.line, first.col16
    return data


def diff(old: list[int], new: list[int]) -> list[lsp.SemanticTokensEdit]:
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if prefix == len(old) == len(new):
        return []
    return [
        lsp.SemanticTokensEdit(
            start=prefix, delete_count=len(old) - prefix - suffix, data=new[prefix : len(new) - suffix]
        )
    ]


def setup(server: ClaudeLangServer) -> None:
    previous: dict[str, tuple[str, list[int]]] = {}
    counter = [0]

    async def full_data(uri: str) -> tuple[str, list[int]] | None:
        doc = server.document(uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        data = encode(analysis, await raw_tokens_async(analysis))
        counter[0] += 1
        result_id = f"{doc.version}.{counter[0]}"
        previous[uri] = (result_id, data)
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
    async def delta(params: lsp.SemanticTokensDeltaParams) -> lsp.SemanticTokens | lsp.SemanticTokensDelta | None:
        uri = params.text_document.uri
        old = previous.get(uri)
        result = await full_data(uri)
        if result is None:
            return None
        if old is None or old[0] != params.previous_result_id:
            return lsp.SemanticTokens(result_id=result[0], data=result[1])
        return lsp.SemanticTokensDelta(result_id=result[0], edits=diff(old[1], result[1]))

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE)
    def token_range(params: lsp.SemanticTokensRangeParams) -> lsp.SemanticTokens | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        return lsp.SemanticTokens(data=encode(analysis, raw_tokens(analysis, start, end)))
