"""Hover: signature, docs and examples for builtins; signature, doc comment, contract and
inferred effects for user functions; usage for special forms."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis import Definition
from claudelang.analysis.describe import (
    describe_builtin,
    describe_definition,
    describe_special_form,
)
from claudelang.lsp.convert import offsets_to_lsp_range, to_lsp_range
from claudelang.lsp.features.common import defining_file, locate
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin
from claudelang.syntax.cst import lexical_tokens


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None:
            return None
        node = located.definition.node if located.definition else located.reference.node if located.reference else None
        target = located.target
        text: str | None = None
        if isinstance(target, Builtin):
            text = describe_builtin(target)
        elif isinstance(target, Definition):
            _uri, real = defining_file(server, located, target)
            analysis = located.analysis if real is target else None
            text = describe_definition(analysis, real)
        if text is None or node is None:
            return special_form_hover(located.doc.module, located.offset)
        extra = getattr(server, "live_value", None)
        if extra is not None and isinstance(target, Definition) and target.is_global:
            value = extra(located.doc, target.name)
            if value is not None:
                text += f"\n\nLive value: `{value}`"
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=to_lsp_range(node.span)
        )


def special_form_hover(module, offset: int) -> lsp.Hover | None:
    for token in lexical_tokens(module, offset, offset):
        if token.kind == "special-form" and token.start <= offset <= token.end:
            name = module.data[token.start : token.end].decode()
            text = describe_special_form(name)
            if text is not None:
                return lsp.Hover(
                    contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                    range=offsets_to_lsp_range(module.lines, token.start, token.end),
                )
    return None
