"""Workspace indexing (with `$/progress`), watched-file updates and workspace symbols.

Indexing runs as a background task that yields to the event loop after every file, so
requests keep being answered while a large workspace is read.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.features.symbols import SYMBOL_KINDS
from claudelang.lsp.server import ClaudeLangServer, collect_garbage_when_idle
from claudelang.semantics.symbols import DefKind

log = logging.getLogger(__name__)
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", "build", "dist"}


def workspace_roots(server: ClaudeLangServer) -> list[Path]:
    roots: list[Path] = []
    workspace = server.workspace
    for folder in (workspace.folders or {}).values():
        path = server.path_of(folder.uri)
        if path is not None:
            roots.append(path)
    if not roots and workspace.root_path:
        roots.append(Path(workspace.root_path))
    return roots


def cl_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        found.extend(Path(folder) / name for name in files if name.endswith(".cl"))
    return found


async def index_workspace(server: ClaudeLangServer) -> None:
    roots = workspace_roots(server)
    server.index.roots = [r.resolve() for r in roots]
    files = [f for root in roots for f in cl_files(root)]
    token = "claudelang-indexing"
    progress = server.work_done_progress
    try:
        await progress.create_async(token)
        progress.begin(token, lsp.WorkDoneProgressBegin(title="Indexing ClaudeLang files", percentage=0))
    except Exception:
        token = None
    for count, path in enumerate(files, 1):
        if str(path) not in {doc.path for doc in server.documents.values()}:
            try:
                server.index.update(path, path.read_text(encoding="utf-8", errors="replace"))
            except OSError as exc:
                log.warning("cannot index %s: %s", path, exc)
        if token is not None and (count % 20 == 0 or count == len(files)):
            progress.report(
                token,
                lsp.WorkDoneProgressReport(
                    message=f"{count}/{len(files)} files", percentage=count * 100 // max(len(files), 1)
                ),
            )
        await asyncio.sleep(0)
    if token is not None:
        progress.end(token, lsp.WorkDoneProgressEnd(message=f"indexed {len(files)} files"))
    recheck_open_documents(server)


def recheck_open_documents(server: ClaudeLangServer) -> None:
    """The files the open documents import may have changed: what they find, and whether
    loading it fails. Re-analyse them and push their diagnostics again."""
    for doc in server.documents.values():
        doc.invalidate()
    schedule = getattr(server, "diagnostics_publisher", None)
    if schedule is not None:
        for uri in list(server.documents):
            schedule.schedule(uri)


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.INITIALIZED)
    def initialized(_params: lsp.InitializedParams) -> None:
        server.spawn(index_workspace(server))
        server.spawn(collect_garbage_when_idle())

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(params: lsp.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = server.path_of(change.uri)
            if path is None or path.suffix != ".cl" or change.uri in server.documents:
                continue
            if change.type == lsp.FileChangeType.Deleted:
                server.index.remove(path)
            else:
                try:
                    server.index.update(path, path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    server.index.remove(path)
        recheck_open_documents(server)

    @server.feature(lsp.WORKSPACE_SYMBOL)
    async def workspace_symbols(params: lsp.WorkspaceSymbolParams) -> list[lsp.SymbolInformation]:
        query = params.query.lower()
        out: list[lsp.SymbolInformation] = []
        for path, entry in list(server.index.files.items()):
            await asyncio.sleep(0)  # one file at a time: cancellable, and never blocks edits
            uri = from_fs_path(str(path)) or str(path)
            for name, definition in entry.analysis.globals.items():
                if query and query not in name.lower():
                    continue
                if definition.kind is DefKind.IMPORT:
                    continue
                out.append(
                    lsp.SymbolInformation(
                        name=name,
                        kind=SYMBOL_KINDS.get(definition.kind, lsp.SymbolKind.Variable),
                        location=lsp.Location(uri=uri, range=to_lsp_range(definition.node.span)),
                        container_name=entry.module_name,
                    )
                )
                if len(out) >= 500:
                    return out
        return out
