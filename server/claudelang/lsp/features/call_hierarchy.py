"""Call hierarchy: incoming and outgoing calls between top-level functions (and builtins)."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis import Definition, DocumentAnalysis
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.common import locate
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin


def item_for(uri: str, definition: Definition) -> lsp.CallHierarchyItem:
    return lsp.CallHierarchyItem(
        name=definition.name,
        kind=lsp.SymbolKind.Function,
        uri=uri,
        range=to_lsp_range(definition.value.span if definition.value is not None else definition.node.span),
        selection_range=to_lsp_range(definition.node.span),
        detail=definition.signature(),
        data={"name": definition.name},
    )


def enclosing_function(analysis: DocumentAnalysis, offset: int) -> Definition | None:
    facts = analysis.facts_at(offset)
    if facts is None:
        return None
    for definition in facts.globals:
        fn = definition.lambda_node
        if fn is not None and fn.span.start_byte <= offset <= fn.span.end_byte:
            return definition
    return None


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    def prepare(params: lsp.CallHierarchyPrepareParams) -> list[lsp.CallHierarchyItem] | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None:
            return None
        target = located.target
        if isinstance(target, Definition) and target.lambda_node is not None:
            return [item_for(located.doc.uri, target)]
        return None

    @server.feature(lsp.CALL_HIERARCHY_INCOMING_CALLS)
    def incoming(params: lsp.CallHierarchyIncomingCallsParams) -> list[lsp.CallHierarchyIncomingCall]:
        doc = server.document(params.item.uri)
        if doc is None:
            return []
        analysis = server.analysis(doc)
        target = analysis.globals.get(params.item.name)
        if target is None:
            return []
        grouped: dict[str, tuple[Definition, list[lsp.Range]]] = {}
        for reference in analysis.references_to(target):
            caller = enclosing_function(analysis, reference.node.span.start_byte)
            if caller is None:
                continue
            entry = grouped.setdefault(caller.name, (caller, []))
            entry[1].append(to_lsp_range(reference.node.span))
        return [
            lsp.CallHierarchyIncomingCall(from_=item_for(doc.uri, caller), from_ranges=ranges)
            for caller, ranges in grouped.values()
        ]

    @server.feature(lsp.CALL_HIERARCHY_OUTGOING_CALLS)
    def outgoing(params: lsp.CallHierarchyOutgoingCallsParams) -> list[lsp.CallHierarchyOutgoingCall]:
        doc = server.document(params.item.uri)
        if doc is None:
            return []
        analysis = server.analysis(doc)
        caller = analysis.globals.get(params.item.name)
        if caller is None or caller.lambda_node is None:
            return []
        fn = caller.lambda_node
        facts = analysis.facts_at(fn.span.start_byte)
        grouped: dict[str, tuple[lsp.CallHierarchyItem, list[lsp.Range]]] = {}
        for reference in facts.references if facts else []:
            span = reference.node.span
            if not (fn.span.start_byte <= span.start_byte <= fn.span.end_byte and reference.is_call):
                continue
            target = analysis.target_of(reference)
            if isinstance(target, Definition) and target.is_global and target.lambda_node is not None:
                item = item_for(doc.uri, target)
            elif isinstance(target, Builtin):
                item = lsp.CallHierarchyItem(
                    name=target.name,
                    kind=lsp.SymbolKind.Function,
                    uri=doc.uri,
                    detail="builtin",
                    range=to_lsp_range(span),
                    selection_range=to_lsp_range(span),
                )
            else:
                continue
            grouped.setdefault(item.name, (item, []))[1].append(to_lsp_range(span))
        return [lsp.CallHierarchyOutgoingCall(to=item, from_ranges=ranges) for item, ranges in grouped.values()]
