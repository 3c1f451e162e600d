"""Helpers shared by feature modules: find the document, offset and name under a position."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from claudelang.analysis import Definition, DocumentAnalysis, Reference
from claudelang.analysis.document import Target
from claudelang.ast import nodes as a
from claudelang.ast.walk import path_to
from claudelang.lsp.convert import from_lsp_position, to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.semantics.symbols import DefKind
from claudelang.syntax import Module

UNIT_START = attrgetter("anchor.base_byte")
NOT_IN_NAMES = frozenset(b" \t\r\n()[]{}\";',")  # bytes no name holds


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
    return locate_at(server, doc, from_lsp_position(doc.module.lines, position))


def locate_at(server: ClaudeLangServer, doc: OpenDocument, offset: int) -> Located:
    analysis = server.analysis(doc)
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


class StringAt(NamedTuple):
    """A string literal at an offset (`string_at`), with where it is."""

    literal: a.StrLit
    holder: a.Node  # the node the literal is a part of (the literal itself at the top level)
    start: int  # bytes: its opening quote
    end: int  # after its closing quote (or where an unclosed one ends)


def form_at(module: Module, offset: int) -> a.Node | None:
    """The top-level form whose source holds byte `offset` (its end included), as
    `DocumentAnalysis.facts_at` finds it, from the syntax alone: the last form starting
    at or before it. O(log units), plus the units without forms stepped back over."""
    units = module.units
    index = bisect_right(units, offset, key=UNIT_START) - 1
    while index >= 0:
        for form in reversed(units[index].forms):
            base = form.anchor.base_byte
            if base + form.start <= offset:
                return form if offset <= base + form.end else None
        index -= 1
    return None


def string_at(module: Module, offset: int) -> StringAt | None:
    """The string literal holding byte `offset` when no name can: inside its quotes, or on
    an outer side of one where no name begins or ends (names are leaves beside the
    literal, so no definition or reference holds the offset). A request there needs no
    analysis: read from the syntax alone, O(log units + the nodes before it on its path)."""
    form = form_at(module, offset)
    if form is None:
        return None
    path = path_to(form, offset)
    string = path[-1]
    if not isinstance(string, a.StrLit):
        return None
    data, base = module.data, string.anchor.base_byte
    start, end = base + string.start, base + string.end
    if offset == start and offset > 0 and data[offset - 1] not in NOT_IN_NAMES:
        return None
    if offset == end and offset < len(data) and data[offset] not in NOT_IN_NAMES:
        return None
    return StringAt(string, path[-2] if len(path) > 1 else string, start, end)
