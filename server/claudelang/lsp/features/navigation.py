"""Go to definition, find references and document highlight (local, global, imported)."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from claudelang.analysis import Definition
from claudelang.ast.nodes import ImportName
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.common import (
    Located,
    defining_file,
    exported_name,
    locate,
    location_of,
)
from claudelang.lsp.server import ClaudeLangServer


def all_references(server: ClaudeLangServer, located: Located, include_declaration: bool) -> list[lsp.Location]:
    """Every use of the name under the cursor, across the workspace for exported names."""
    target = located.target
    if not isinstance(target, Definition):
        return []
    uri, definition = defining_file(server, located, target)
    out: list[lsp.Location] = []
    seen: set[tuple[str, int]] = set()

    def add(location_uri: str, node) -> None:
        key = (location_uri, node.span.start_byte)
        if key not in seen:
            seen.add(key)
            out.append(lsp.Location(uri=location_uri, range=to_lsp_range(node.span)))

    home = located.analysis if uri == located.doc.uri else analysis_for(server, uri)
    if include_declaration:
        add(uri, definition.node)
    if home is not None:
        for reference in home.references_to(definition):
            add(uri, reference.node)
    if definition.is_global:
        for importer_uri, importer, imported in importers(server, uri, definition.name):
            entry = imported.value
            add(importer_uri, entry.name if isinstance(entry, ImportName) else imported.node)
            if isinstance(entry, ImportName) and entry.alias.name != entry.name.name:
                continue  # `[name as alias]`: uses go by the alias, which is another name
            for reference in importer.references_to(imported):
                add(importer_uri, reference.node)
    return out


def analysis_for(server: ClaudeLangServer, uri: str):
    doc = server.document(uri)
    if doc is not None:
        return server.analysis(doc)
    path = server.path_of(uri)
    entry = server.index.files.get(path.resolve()) if path else None
    return entry.analysis if entry else None


def importers(server: ClaudeLangServer, module_uri: str, name: str):
    """(uri, analysis, import definition) for every file that imports `name` from the module."""
    module_path = server.path_of(module_uri)
    if module_path is None:
        return
    module_path = module_path.resolve()
    for path in list(server.index.files):
        uri = from_fs_path(str(path)) or str(path)
        analysis = analysis_for(server, uri)
        if analysis is None:
            continue
        for definition, info in analysis.imported.items():
            if info is None or str(module_path) != info.path:
                continue
            if exported_name(definition) == name:
                yield uri, analysis, definition


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None or not isinstance(located.target, Definition):
            return None
        uri, target = defining_file(server, located, located.target)
        return [location_of(uri, target)]

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def references(params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        await asyncio.sleep(0)  # a cancel sent right after the request is honoured here
        located = locate(server, params.text_document.uri, params.position)
        if located is None:
            return None
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
