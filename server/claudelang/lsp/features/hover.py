"""Hover: signature, docs and examples for builtins; signature, doc comment, contract and
inferred effects for user functions; usage for special forms.

Markdown goes only to clients that declare it (`hover.contentFormat`); others get the same
text as plain text (`convert.markup`, which completion documentation uses too)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from lsprotocol import types as lsp

from claudelang.analysis import Definition
from claudelang.analysis.describe import (
    describe_builtin,
    describe_definition,
    describe_special_form,
)
from claudelang.lsp.convert import from_lsp_position, markup, offsets_to_lsp_range, to_lsp_range
from claudelang.lsp.features.common import UNIT_START, defining_file, locate_at, string_at
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin
from claudelang.syntax import Module
from claudelang.syntax.cst import lexical_tokens
from claudelang.syntax.earlier import Rewrite


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        module = doc.module
        offset = from_lsp_position(module.lines, params.position)
        earlier = earlier_spelling_hover(module, offset, content_formats(server))
        if earlier is not None:
            return earlier
        if string_at(module, offset) is not None:  # no name there: answered without the analysis (issue 19)
            return special_form_hover(module, offset, content_formats(server))
        located = locate_at(server, doc, offset)
        node = located.definition.node if located.definition else located.reference.node if located.reference else None
        target = located.target
        if isinstance(target, Definition) and target.name.startswith(";"):  # a name the desugaring made
            return earlier_spelling_hover(located.doc.module, located.offset, content_formats(server), anywhere=True)
        text: str | None = None
        if isinstance(target, Builtin):
            text = describe_builtin(target)
        elif isinstance(target, Definition):
            _uri, real = defining_file(server, located, target)
            analysis = located.analysis if real is target else None
            text = describe_definition(analysis, real)
        if text is None or node is None:
            return special_form_hover(located.doc.module, located.offset, content_formats(server))
        extra = getattr(server, "live_value", None)
        if extra is not None and isinstance(target, Definition) and target.is_global:
            value = extra(located.doc, target.name)
            if value is not None:
                text += f"\n\nLive value: `{value}`"
        return lsp.Hover(contents=markup(text, content_formats(server)), range=to_lsp_range(node.span))


def content_formats(server: ClaudeLangServer) -> Sequence[lsp.MarkupKind] | None:
    text = server.client_capabilities.text_document
    hover = text.hover if text is not None else None
    return hover.content_format if hover is not None else None


def earlier_spelling_hover(
    module: Module, offset: int, formats: Sequence[lsp.MarkupKind] | None, anywhere: bool = False
) -> lsp.Hover | None:
    """On the head of an earlier spelling (`effect`, `dotimes`, `loop`, …), or `anywhere` in
    it (for `recur`, which names no binding of its own): what it means in 1.1 (LANGUAGE.md
    §10), the text "rewrite in the 1.1 spelling" would write."""
    found = None
    for rewrite in rewrites_near(module, offset):
        span = rewrite.span
        start = span.start_byte + 1
        end = start
        while end < span.end_byte and module.data[end : end + 1] not in b" \t\r\n()[]{}":
            end += 1
        inside = span.start_byte <= offset <= span.end_byte if anywhere else start <= offset <= end and end > start
        if inside and (found is None or span.start_byte >= found[0].span.start_byte):
            found = rewrite, start, end
    if found is None:
        return None
    rewrite, start, end = found
    text = f"Earlier spelling (LANGUAGE.md §10) of {rewrite.what}; in 1.1:\n\n```clojure\n{rewrite.replacement}\n```"
    return lsp.Hover(contents=markup(text, formats), range=offsets_to_lsp_range(module.lines, start, end))


def rewrites_near(module: Module, offset: int) -> Iterator[Rewrite]:
    """The earlier spellings of the unit starting at or before `offset` and of the one
    before it (which may end where the next begins), in document order: the only ones that
    can hold `offset`. O(log units), where `module.rewrites` would be O(units) per version."""
    units = module.units
    index = bisect_right(units, offset, key=UNIT_START)
    for unit in units[max(0, index - 2) : index]:
        yield from unit.rewrites


def special_form_hover(module, offset: int, formats: Sequence[lsp.MarkupKind] | None) -> lsp.Hover | None:
    for token in lexical_tokens(module, offset, offset):
        if token.kind == "special-form" and token.start <= offset <= token.end:
            name = module.data[token.start : token.end].decode()
            text = describe_special_form(name)
            if text is not None:
                return lsp.Hover(
                    contents=markup(text, formats),
                    range=offsets_to_lsp_range(module.lines, token.start, token.end),
                )
    return None
