"""Helpers shared by feature modules: find the document, offset and name under a position."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from claudelang.analysis import Definition, DocumentAnalysis, Reference
from claudelang.analysis.document import Target
from claudelang.lsp.convert import from_lsp_position, to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.semantics.symbols import DefKind


@dataclass
class Located:
    doc: OpenDocument
    analysis: DocumentAnalysis
    offset: int
    definition: Definition | None
    reference: Reference | None
    target: Target | None


def locate(server: ClaudeLangServer, uri: str, position: lsp.Position) -> Located | None:
    doc = server.document(uri)
    if doc is None:
        return None
    analysis = server.analysis(doc)
    offset = from_lsp_position(doc.module.lines, position)
    definition, reference, target = analysis.occurrence_at(offset)
    return Located(doc, analysis, offset, definition, reference, target)


def defining_file(server: ClaudeLangServer, located: Located, definition: Definition) -> tuple[str, Definition]:
    """Follow an imported name to the definition in the module that exports it."""
    if definition.kind is DefKind.IMPORT:
        info = located.analysis.imported.get(definition)
        target = located.analysis.follow_import(definition)
        if info is not None and target is not definition:
            return from_fs_path(info.path) or info.path, target
    return located.doc.uri, definition


def location_of(uri: str, definition: Definition) -> lsp.Location:
    return lsp.Location(uri=uri, range=to_lsp_range(definition.node.span))
