"""Rename with prepareRename: every occurrence of the binding, across files, or a refusal.

What is renamed is what `occurrences_at` finds (the compiler's scoping; for an exported
name, the module's definition, export entry and uses, and every importer's entry and uses,
an alias staying as it is). Builtins and special forms cannot be renamed; a new name that
is not a plain symbol, or that would capture or be captured by another binding, is refused
with the reason `rename_safety` gives.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from claudelang.analysis import Definition
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.common import Located, locate
from claudelang.lsp.features.occurrences import Files, Occurrences, occurrences_at
from claudelang.lsp.features.rename_safety import refusal
from claudelang.lsp.server import ClaudeLangServer

INDEX_WAIT_SECONDS = 30.0  # how long a cross-file rename waits for the workspace index


def renamable(server: ClaudeLangServer, uri: str, position: lsp.Position) -> tuple[Located, Occurrences]:
    """The binding under the cursor and its occurrences; raises an LSP error if there is none."""
    located = locate(server, uri, position)
    found = occurrences_at(server, located) if located is not None else None
    if located is None or found is None:
        name = getattr(located.reference.node, "name", None) if located and located.reference else None
        if name is not None and not isinstance(located.target, Definition):  # type: ignore[union-attr]
            raise JsonRpcInvalidParams(f"'{name}' is a builtin or special form and cannot be renamed")
        raise JsonRpcInvalidParams("nothing renamable here (builtins and special forms cannot be renamed)")
    return located, found


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: lsp.PrepareRenameParams) -> lsp.PrepareRenameResult | None:
        located, found = renamable(server, params.text_document.uri, params.position)
        for node in found.sites.get(located.doc.uri, []):
            if node.span.start_byte <= located.offset <= node.span.end_byte:
                return lsp.PrepareRenamePlaceholder(range=to_lsp_range(node.span), placeholder=found.name)
        return None

    @server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
    async def rename(params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        _located, found = renamable(server, params.text_document.uri, params.position)
        if params.new_name == found.name:
            return lsp.WorkspaceEdit(changes={})
        indexed = getattr(server, "index_done", None)
        if (
            indexed is not None
            and not indexed.is_set()
            and any(d.is_global for ds in found.binders.values() for d in ds)
        ):
            try:  # importers not indexed yet would keep the old name: the program would break
                await asyncio.wait_for(indexed.wait(), INDEX_WAIT_SECONDS)
            except TimeoutError:
                message = f"the workspace is still being indexed; rename '{found.name}' once it is done"
                raise JsonRpcInvalidParams(message) from None
            _located, found = renamable(server, params.text_document.uri, params.position)
        reason = refusal(Files(server), found, params.new_name)
        if reason is not None:
            raise JsonRpcInvalidParams(reason)
        return lsp.WorkspaceEdit(
            changes={
                uri: [lsp.TextEdit(range=to_lsp_range(node.span), new_text=params.new_name) for node in nodes]
                for uri, nodes in found.sites.items()
            }
        )
