"""Go to definition, find references and document highlight (local, global, imported).

While the workspace is being indexed, references and a definition through an import say
once that they may miss files (`lsp.incomplete`)."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from claudelang.analysis import Definition, DefKind
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.common import Located, defining_file, locate, location_of
from claudelang.lsp.features.occurrences import occurrences_at
from claudelang.lsp.incomplete import tell_if_indexing
from claudelang.lsp.server import ClaudeLangServer


def all_references(server: ClaudeLangServer, located: Located, include_declaration: bool) -> list[lsp.Location]:
    """Every use of the name under the cursor, across the workspace for exported names."""
    found = occurrences_at(server, located)
    if found is None:
        return []
    return [
        lsp.Location(uri=uri, range=to_lsp_range(node.span))
        for uri, nodes in found.sites.items()
        for node in nodes
        if include_declaration or not found.is_binder(uri, node)
    ]


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None or not isinstance(located.target, Definition):
            return None
        if located.target.kind is DefKind.IMPORT:
            tell_if_indexing(server)  # the module may not be indexed yet
        uri, target = defining_file(server, located, located.target)
        return [location_of(uri, target)]

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def references(params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        await asyncio.sleep(0)  # a cancel sent right after the request is honoured here
        located = locate(server, params.text_document.uri, params.position)
        if located is None:
            return None
        tell_if_indexing(server)  # importers not indexed yet are missed
        return all_references(server, located, params.context.include_declaration)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlight(params: lsp.DocumentHighlightParams) -> list[lsp.DocumentHighlight] | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None or not isinstance(located.target, Definition):
            return None
        target = located.target
        out = []
        if any(target.form is facts.form for facts in located.analysis.forms):
            out.append(
                lsp.DocumentHighlight(range=to_lsp_range(target.node.span), kind=lsp.DocumentHighlightKind.Write)
            )
        for reference in located.analysis.references_to(target):
            kind = lsp.DocumentHighlightKind.Write if reference.is_write else lsp.DocumentHighlightKind.Read
            out.append(lsp.DocumentHighlight(range=to_lsp_range(reference.node.span), kind=kind))
        return out
