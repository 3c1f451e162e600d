"""Text synchronisation: open, change (incremental, UTF-16), close, save; and diagnostics.

Diagnostics are pushed (for clients without pull support) after a short debounce, once
for the latest version of a burst of edits; pull requests (`textDocument/diagnostic`)
compute them for the current version. Both are computed for the newest snapshot only: a
publish waiting for its debounce is dropped when a newer revision arrives.

A keystroke costs only incremental work (`OpenDocument.apply`); a document left with
syntax errors is parsed afresh once typing pauses for `SETTLE_SECONDS` (`Settler`), and
its diagnostics published again if that changed them.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as lsp

from claudelang.analysis.workspace import index_file
from claudelang.ast.diagnostic import Diagnostic
from claudelang.lsp.convert import to_lsp_diagnostic
from claudelang.lsp.indexer import decode, max_file_bytes, read_capped
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import SEMANTIC_LIMIT, OpenDocument
from claudelang.syntax import Document, TextEdit

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.002  # long enough to coalesce a burst of queued edits
SETTLE_SECONDS = 0.3  # a pause in typing after which a broken document is parsed afresh


def all_diagnostics(server: ClaudeLangServer, doc: OpenDocument) -> list[Diagnostic]:
    return doc.module.diagnostics + server.analysis(doc).diagnostics


def lsp_diagnostics(server: ClaudeLangServer, doc: OpenDocument) -> list[lsp.Diagnostic]:
    run_errors = getattr(server, "run_diagnostics", None)
    extra = run_errors(doc) if run_errors is not None else []
    return [to_lsp_diagnostic(d) for d in all_diagnostics(server, doc)] + extra


def client_pulls(server: ClaudeLangServer) -> bool:
    text = server.client_capabilities.text_document
    return text is not None and text.diagnostic is not None


class DiagnosticsPublisher:
    """Publishes each document's diagnostics once per burst of edits, for the newest version."""

    def __init__(self, server: ClaudeLangServer) -> None:
        self.server = server
        self.pending: dict[str, asyncio.Task[None]] = {}

    def schedule(self, uri: str) -> None:
        if client_pulls(self.server):
            return
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        doc = self.server.document(uri)
        if doc is not None:
            self.pending[uri] = self.server.spawn(self.publish_later(uri, doc.revision))

    async def publish_later(self, uri: str, revision: int) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        doc = self.server.document(uri)
        if doc is None or doc.revision != revision:
            return  # a newer snapshot is on its way
        version = doc.version
        try:
            diagnostics = lsp_diagnostics(self.server, doc)
        except Exception:
            log.exception("diagnostics failed for %s", uri)
            return
        self.server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )
        self.pending.pop(uri, None)

    def clear(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


class Settler:
    """Once typing pauses, makes a document left with syntax errors equal a fresh parse
    (`OpenDocument.settle`); if that changed it, its diagnostics are published again (or
    the client asked to pull them) and the client asked to fetch semantic tokens again."""

    def __init__(self, server: ClaudeLangServer, publisher: DiagnosticsPublisher) -> None:
        self.server = server
        self.publisher = publisher
        self.pending: dict[str, asyncio.Task[None]] = {}

    def schedule(self, doc: OpenDocument) -> None:
        task = self.pending.pop(doc.uri, None)
        if task is not None:
            task.cancel()
        if doc.unsettled:
            self.pending[doc.uri] = self.server.spawn(self.settle_later(doc.uri, doc.revision))

    async def settle_later(self, uri: str, revision: int) -> None:
        await asyncio.sleep(SETTLE_SECONDS)
        self.pending.pop(uri, None)
        doc = self.server.document(uri)
        if doc is not None and doc.revision == revision and doc.settle():
            self.publisher.schedule(uri)
            workspace = self.server.client_capabilities.workspace
            diagnostics = workspace.diagnostics if workspace is not None else None
            if client_pulls(self.server) and diagnostics is not None and diagnostics.refresh_support:
                self.server.workspace_diagnostic_refresh(None)
            tokens = workspace.semantic_tokens if workspace is not None else None
            if tokens is not None and tokens.refresh_support:
                self.server.workspace_semantic_tokens_refresh(None)


def setup(server: ClaudeLangServer) -> None:
    publisher = DiagnosticsPublisher(server)
    server.diagnostics_publisher = publisher  # type: ignore[attr-defined]
    settler = Settler(server, publisher)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = OpenDocument(item.uri, item.version, Document(item.text, item.version))
        server.documents[item.uri] = doc
        reindex(server, doc)
        publisher.schedule(item.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            log.warning("change to a document that is not open: %s", params.text_document.uri)
            return
        version = params.text_document.version
        edits: list[TextEdit] = []
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                edits.append(TextEdit((start.line, start.character), (end.line, end.character), change.text))
            else:
                if edits:
                    doc.apply(edits, version)
                    edits = []
                doc.replace(change.text, version)
        if edits:
            doc.apply(edits, version)
        publisher.schedule(doc.uri)
        settler.schedule(doc)
        kernels = getattr(server, "kernels", None)
        if kernels is not None and kernels.settings.hot_reload == "onChange" and not doc.module.has_errors:
            server.spawn(server.hot_reload(doc.uri))  # type: ignore[attr-defined]

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        doc = server.document(params.text_document.uri)
        if doc is not None:
            reindex(server, doc)
            reload = getattr(server, "hot_reload", None)
            if reload is not None:
                server.spawn(reload(doc.uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        doc = server.documents.pop(params.text_document.uri, None)
        publisher.clear(params.text_document.uri)
        if doc is not None:
            forget_text(server, doc)

    @server.feature(
        lsp.TEXT_DOCUMENT_DIAGNOSTIC,
        lsp.DiagnosticOptions(identifier="claudelang", inter_file_dependencies=True, workspace_diagnostics=False),
    )
    def pull_diagnostics(params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
        doc = server.document(params.text_document.uri)
        items = lsp_diagnostics(server, doc) if doc is not None else []
        return lsp.RelatedFullDocumentDiagnosticReport(items=items)


def reindex(server: ClaudeLangServer, doc: OpenDocument) -> None:
    """Keep the workspace index's copy of an open file current; re-check its importers.
    A document too large for semantic analysis is not indexed: nothing imports it."""
    path = server.file_of(doc)
    if path is None or path.suffix != ".cl":
        return
    if len(doc.module.data) > SEMANTIC_LIMIT:
        server.index.remove(path)
    else:
        server.index.update(path, doc.module)
    for other in server.documents.values():
        if other is not doc:
            other.invalidate()


def forget_text(server: ClaudeLangServer, doc: OpenDocument) -> None:
    """A closed document's text and analysis are let go: the index goes back to the file
    on disk, by its summary (or forgets it, if it cannot be indexed)."""
    path = server.file_of(doc)
    if path is None or path.suffix != ".cl" or server.index.reader is None:
        return
    limit = max_file_bytes()
    data = read_capped(path, limit)
    if data is None:
        server.index.remove(path)
    else:
        server.index.add(path, index_file(path, decode(data)).summary)
    for other in server.documents.values():
        other.invalidate()
