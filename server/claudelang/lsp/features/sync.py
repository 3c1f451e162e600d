"""Text synchronisation: open, change (incremental, UTF-16), close, save; and diagnostics.

Diagnostics are pushed (for clients without pull support) after a short debounce, once
for the latest version of a burst of edits; pull requests (`textDocument/diagnostic`)
compute them for the current version. Both are computed for the newest snapshot only: a
publish waiting for its debounce is dropped when a newer revision arrives.

A keystroke costs only incremental work (`OpenDocument.apply`); a document left with
syntax errors is parsed afresh once typing pauses for `SETTLE_SECONDS` (`Settler`), and
its diagnostics published again if that changed them.

A document over the size limit (`server.max_file_bytes`) is parsed in slices of
`SLICE_SECONDS` (`Slicer`), between which every other message is handled; requests for its
syntax (folding, selection ranges, pulled diagnostics) wait for the slices (`Slicer.parsed`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from claudelang.analysis.workspace import index_file
from claudelang.ast.diagnostic import Diagnostic
from claudelang.lsp.incomplete import indexing
from claudelang.lsp.index_worker import decode, read_capped
from claudelang.lsp.plain import Plain, notify, plain_json
from claudelang.lsp.plain import install as install_plain
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.syntax import TextEdit
from claudelang.syntax.large import LargeDocument, document_for

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.002  # long enough to coalesce a burst of queued edits
SETTLE_SECONDS = 0.3  # a pause in typing after which a broken document is parsed afresh
SLICE_SECONDS = 0.02  # parsing of a large document between two looks at other messages


def all_diagnostics(server: ClaudeLangServer, doc: OpenDocument) -> list[Diagnostic]:
    """Syntax and analysis diagnostics; while indexing, without "cannot find module" (the
    module may not be indexed yet: `lsp.incomplete`)."""
    found = server.analysis(doc).diagnostics
    if indexing(server):
        found = [d for d in found if d.code != "missing-module"]
    return doc.module.diagnostics + found


def lsp_diagnostics(server: ClaudeLangServer, doc: OpenDocument) -> list[dict[str, Any]]:
    """The document's diagnostics as LSP JSON (`lsp.plain`), with the kernel's run errors."""
    run_errors = getattr(server, "run_diagnostics", None)
    extra = run_errors(doc) if run_errors is not None else []
    items = doc.diagnostics_json.convert(all_diagnostics(server, doc), doc.module.data)
    return items + [plain_json(server, d) for d in extra] if extra else items


def client_pulls(server: ClaudeLangServer) -> bool:
    text = server.client_capabilities.text_document
    return text is not None and text.diagnostic is not None


class Timers:
    """At most one pending call per URI, on the event loop's timer heap: a keystroke
    replaces its document's call by cancelling a handle and adding one (≈ 2 µs), where a
    task sleeping in a coroutine cost ≈ 8 µs and a cancelled task's wake-up."""

    def __init__(self) -> None:
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def call_later(self, uri: str, delay: float, call: Callable[[str, int], None], revision: int) -> None:
        """Call `call(uri, revision)` after `delay` seconds, in place of `uri`'s pending call."""
        self.cancel(uri)
        self.pending[uri] = asyncio.get_running_loop().call_later(delay, self.run, uri, call, revision)

    def run(self, uri: str, call: Callable[[str, int], None], revision: int) -> None:
        self.pending.pop(uri, None)  # this call: a newer one would have cancelled it
        call(uri, revision)


class DiagnosticsPublisher:
    """Publishes each document's diagnostics once per burst of edits, for the newest version."""

    def __init__(self, server: ClaudeLangServer) -> None:
        self.server = server
        self.timers = Timers()

    def schedule(self, uri: str) -> None:
        if client_pulls(self.server):
            return
        doc = self.server.document(uri)
        if doc is None:
            self.timers.cancel(uri)
        else:
            self.timers.call_later(uri, DEBOUNCE_SECONDS, self.publish, doc.revision)

    def publish(self, uri: str, revision: int) -> None:
        doc = self.server.document(uri)
        if doc is None or doc.revision != revision:
            return  # a newer snapshot is on its way
        version = doc.version
        try:
            diagnostics = lsp_diagnostics(self.server, doc)
        except Exception:
            log.exception("diagnostics failed for %s", uri)
            return
        notify(
            self.server,
            lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            {"uri": uri, "diagnostics": diagnostics, "version": version},
        )

    def clear(self, uri: str) -> None:
        self.timers.cancel(uri)
        self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def refresh_pulled_diagnostics(server: ClaudeLangServer) -> None:
    """Ask a client that pulls diagnostics to pull them again, if it can be asked."""
    workspace = server.client_capabilities.workspace
    diagnostics = workspace.diagnostics if workspace is not None else None
    if client_pulls(server) and diagnostics is not None and diagnostics.refresh_support:
        server.workspace_diagnostic_refresh(None)


def ask_again(server: ClaudeLangServer, tokens: bool = True) -> None:
    """Ask the client to fetch pulled diagnostics, folding ranges and (with `tokens`) semantic
    tokens again, where it can be asked: a document's syntax changed without an edit."""
    refresh_pulled_diagnostics(server)
    workspace = server.client_capabilities.workspace
    if workspace is None:
        return
    semantic = workspace.semantic_tokens
    if tokens and semantic is not None and semantic.refresh_support:
        server.workspace_semantic_tokens_refresh(None)
    folding = workspace.folding_range
    if folding is not None and folding.refresh_support:
        server.workspace_folding_range_refresh(None)


class Settler:
    """Once typing pauses, makes a document left with syntax errors equal a fresh parse
    (`OpenDocument.settle`); if that changed it, its diagnostics are published again and
    the client asked to fetch what depends on them again (`ask_again`)."""

    def __init__(self, server: ClaudeLangServer, publisher: DiagnosticsPublisher) -> None:
        self.server = server
        self.publisher = publisher
        self.timers = Timers()

    def schedule(self, doc: OpenDocument) -> None:
        if doc.unsettled:
            self.timers.call_later(doc.uri, SETTLE_SECONDS, self.settle, doc.revision)
        else:
            self.timers.cancel(doc.uri)

    def settle(self, uri: str, revision: int) -> None:
        doc = self.server.document(uri)
        if doc is not None and doc.revision == revision and doc.settle():
            self.publisher.schedule(uri)
            ask_again(self.server)


class Slicer:
    """Parses each large document (`LargeDocument`) in slices on the event loop, so that
    every other document stays responsive (py-tree-sitter holds the GIL while it parses: a
    thread would not help); once parsed, its diagnostics are published again and the client
    asked to fetch what depends on its syntax again."""

    def __init__(self, server: ClaudeLangServer, publisher: DiagnosticsPublisher) -> None:
        self.server = server
        self.publisher = publisher
        self.pending: dict[str, asyncio.Future[object]] = {}

    def schedule(self, doc: OpenDocument) -> None:
        if isinstance(doc.document, LargeDocument) and not doc.document.ready and doc.uri not in self.pending:
            self.pending[doc.uri] = self.server.spawn(self.parse(doc.uri))

    async def parse(self, uri: str) -> None:
        try:
            while True:
                doc = self.server.document(uri)
                if doc is None or not isinstance(doc.document, LargeDocument):
                    return
                if doc.document.step(SLICE_SECONDS):
                    break
                await asyncio.sleep(0)
        finally:
            self.pending.pop(uri, None)
        doc.revision += 1
        self.publisher.schedule(uri)
        ask_again(self.server, tokens=False)  # a large document has none

    async def parsed(self, doc: OpenDocument) -> None:
        """Return once `doc` is parsed (at once for a document under the limit), or closed."""
        while isinstance(doc.document, LargeDocument) and not doc.document.ready and doc.uri in self.pending:
            await asyncio.sleep(SLICE_SECONDS)


def setup(server: ClaudeLangServer) -> None:
    install_plain(server)
    publisher = DiagnosticsPublisher(server)
    server.diagnostics_publisher = publisher  # type: ignore[attr-defined]
    settler = Settler(server, publisher)
    slicer = Slicer(server, publisher)
    server.slicer = slicer  # type: ignore[attr-defined]

    def refit(doc: OpenDocument) -> None:
        """`doc` changed kind (the limit changed): index it or not, parse it, publish."""
        reindex(server, doc)
        slicer.schedule(doc)
        publisher.schedule(doc.uri)
        ask_again(server)

    server.document_refit = refit  # type: ignore[attr-defined]

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        limit = server.max_file_bytes
        doc = OpenDocument(item.uri, item.version, document_for(item.text, item.version, limit), limit)
        server.documents[item.uri] = doc
        reindex(server, doc)
        slicer.schedule(doc)
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
        slicer.schedule(doc)
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
    async def pull_diagnostics(params: lsp.DocumentDiagnosticParams) -> Plain:
        doc = server.document(params.text_document.uri)
        if doc is not None:
            await slicer.parsed(doc)
        items = lsp_diagnostics(server, doc) if doc is not None else []
        return Plain({"kind": "full", "items": items})


def reindex(server: ClaudeLangServer, doc: OpenDocument) -> None:
    """Keep the workspace index's copy of an open file current; re-check its importers.
    A document too large for semantic analysis is not indexed: nothing imports it."""
    path = server.file_of(doc)
    if path is None or path.suffix != ".cl":
        return
    if doc.large:
        server.index.remove(path)
    else:
        server.index.update(path, doc.module, doc.analyzer)
    for other in server.documents.values():
        if other is not doc:
            other.invalidate()


def forget_text(server: ClaudeLangServer, doc: OpenDocument) -> None:
    """A closed document's text and analysis are let go: the index goes back to the file
    on disk, by its summary (or forgets it, if it cannot be indexed)."""
    path = server.file_of(doc)
    if path is None or path.suffix != ".cl" or server.index.reader is None:
        return
    data = read_capped(path, server.max_file_bytes)
    if data is None:
        server.index.remove(path)
    else:
        server.index.add(path, index_file(path, decode(data)).summary)
    for other in server.documents.values():
        other.invalidate()
