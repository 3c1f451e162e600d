"""Inlay hints: parameter names at call sites of user functions with two or more
parameters (and, once the kernel has run code, its values: see the kernel feature)."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis import Definition
from claudelang.ast import nodes as a
from claudelang.lsp.convert import from_lsp_position, to_lsp_position
from claudelang.lsp.server import ClaudeLangServer


def parameter_hints(server: ClaudeLangServer, doc, start: int, end: int) -> list[lsp.InlayHint]:
    analysis = server.analysis(doc)
    hints: list[lsp.InlayHint] = []
    for facts in analysis.forms:
        span = facts.form.span
        if span.end_byte < start or span.start_byte > end:
            continue
        callees = {id(r.node): r for r in facts.references if r.is_call}
        for call in facts.calls:
            reference = callees.get(id(call.callee))
            target = analysis.target_of(reference) if reference is not None else None
            if not isinstance(target, Definition) or target.lambda_node is None:
                continue
            params = target.lambda_node.params
            if len(params) < 2:
                continue
            for param, arg in zip(params, call.args, strict=False):
                if isinstance(arg, a.Name) and arg.name == param.name:
                    continue
                position = arg.span
                if not start <= position.start_byte <= end:
                    continue
                hints.append(
                    lsp.InlayHint(
                        position=to_lsp_position(position.start),
                        label=f"{param.name}:",
                        kind=lsp.InlayHintKind.Parameter,
                        padding_right=True,
                    )
                )
    return hints


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT)
    def inlay_hints(params: lsp.InlayHintParams) -> list[lsp.InlayHint] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        hints = parameter_hints(server, doc, start, end)
        extra = getattr(server, "value_hints", None)
        if extra is not None:
            hints += extra(doc, start, end)
        return hints
