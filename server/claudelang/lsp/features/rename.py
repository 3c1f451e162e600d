"""Rename with prepareRename: every occurrence, across files for exported names.

Builtins and special forms cannot be renamed; neither can a name to something that is not
a valid symbol.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from claudelang.analysis import Definition
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.common import locate
from claudelang.lsp.features.navigation import all_references
from claudelang.lsp.server import ClaudeLangServer
from claudelang.syntax import SPECIAL_FORMS

VALID_NAME = re.compile(r"""^[^\s()\[\]{}";',]+$""")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\d+[eE][+-]?\d+)$")


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: lsp.PrepareRenameParams) -> lsp.PrepareRenameResult | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None:
            return None
        node = located.definition.node if located.definition else located.reference.node if located.reference else None
        if node is None:
            return None
        if not isinstance(located.target, Definition):
            raise JsonRpcInvalidParams(
                f"'{getattr(node, 'name', '?')}' is a builtin or special form and cannot be renamed"
            )
        return lsp.PrepareRenamePlaceholder(range=to_lsp_range(node.span), placeholder=located.target.name)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
    def rename(params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        located = locate(server, params.text_document.uri, params.position)
        if located is None or not isinstance(located.target, Definition):
            raise JsonRpcInvalidParams("nothing renamable here (builtins and special forms cannot be renamed)")
        new_name = params.new_name
        if not VALID_NAME.match(new_name) or NUMBER.match(new_name) or new_name in SPECIAL_FORMS:
            raise JsonRpcInvalidParams(f"'{new_name}' is not a valid ClaudeLang name")
        changes: dict[str, list[lsp.TextEdit]] = {}
        for location in all_references(server, located, include_declaration=True):
            changes.setdefault(location.uri, []).append(lsp.TextEdit(range=location.range, new_text=new_name))
        return lsp.WorkspaceEdit(changes=changes)
