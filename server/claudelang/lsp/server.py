"""The ClaudeLang language server: pygls plumbing, shared state and feature registration.

Documents are synchronised incrementally by our own `Document` (LSP's line breaks and
UTF-16 columns), not by pygls's workspace copy, which splits lines differently. Every
feature lives in its own module under `features/` with a `setup(server)` function.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import hmac
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, BinaryIO

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from claudelang import __version__
from claudelang.analysis import DocumentAnalysis, ModuleResolver, no_modules
from claudelang.analysis.workspace import WorkspaceIndex
from claudelang.lsp import framing
from claudelang.lsp.dispatch import Kind, is_plain_sync, kind, run_inline
from claudelang.lsp.early import Early, check_reply
from claudelang.lsp.framing import INVALID_REQUEST, SERVER_NOT_INITIALIZED, error_response
from claudelang.lsp.indexer import max_file_bytes
from claudelang.lsp.state import OpenDocument

log = logging.getLogger(__name__)


class ClaudeLangProtocol(LanguageServerProtocol):
    """pygls's protocol, minus its own text synchronisation, always in UTF-16.

    Before `initialize`, requests get the LSP's ServerNotInitialized error and
    notifications other than `exit` are dropped; after `shutdown`, requests get
    InvalidRequest (pygls would leave both unanswered or answer them as usual).
    When a `required_token` is set (a network transport), an `initialize` without it in
    `initializationOptions.token` is refused and the connection closed.
    """

    last_activity = 0.0
    initialize_seen = False
    required_token: str | None = None
    early: Early | None = None  # what `main` read before pygls was imported (`early.py`)

    def handle_message(self, message):  # type: ignore[no-untyped-def]
        ClaudeLangProtocol.last_activity = time.monotonic()
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
        if method == lsp.INITIALIZE and not self.initialize_seen and not self.authenticated(message):
            self._send_data(
                error_response(message.id, INVALID_REQUEST, "a valid initializationOptions.token is required")
            )
            close = getattr(self.writer, "close", None)
            if close is not None:
                close()
            return None
        if method == lsp.INITIALIZE:
            self.initialize_seen = True
        elif not self.initialize_seen and method not in (None, lsp.EXIT):
            if is_request:
                self._send_data(error_response(message.id, SERVER_NOT_INITIALIZED, "the server is not initialized"))
            return None
        if self._shutdown and is_request:
            self._send_data(error_response(message.id, INVALID_REQUEST, "the server is shutting down"))
            return None
        return self.dispatch(message, method)

    def dispatch(self, message, method: str | None) -> None:  # type: ignore[no-untyped-def]
        """pygls's `handle_message`, telling the message's kind by its attributes
        (`dispatch.kind`) instead of `isinstance` against pygls's `typing.Protocol`s."""
        if message.jsonrpc != self.VERSION:
            log.warning("Unknown message %r", message)
            return
        if self._shutdown and method != lsp.EXIT:
            log.warning("Server shutting down. No more requests!")
            return
        ctx = contextvars.copy_context()  # each handler runs in its own context
        found = kind(message)
        if found is Kind.REQUEST:
            ctx.run(self._handle_request, message.id, method, message.params)
        elif found is Kind.NOTIFICATION:
            ctx.run(self._handle_notification, method, message.params)
        elif found is Kind.RESPONSE:
            ctx.run(self._handle_response, message.id, message.result)
        else:
            ctx.run(self._handle_response, message.id, None, message.error)

    def _send_response(self, msg_id, result=None, error=None):  # type: ignore[no-untyped-def]
        """The reply to an `initialize` that `main` read first is checked against the one it
        sent from the cache (and kept for the next start), and sent only if none was.

        A result is sent as the dict pygls's converter would make of its response message,
        with the result unstructured alone (the message object and its unstructuring cost
        ≈ 3-9 µs per answer)."""
        early = self.early
        if early is not None and early.key is not None and msg_id == early.request_id and error is None:
            self.early = None
            if not check_reply(early, json.loads(json.dumps(result, default=self._serialize_message))):
                return
        if error is not None or msg_id in self._result_types:
            super()._send_response(msg_id, result, error)
        else:
            self._send_data({"id": msg_id, "jsonrpc": self.VERSION, "result": self._converter.unstructure(result)})

    def authenticated(self, message) -> bool:  # type: ignore[no-untyped-def]
        if self.required_token is None:
            return True
        options = getattr(message.params, "initialization_options", None)
        token = options.get("token") if isinstance(options, dict) else None
        return isinstance(token, str) and hmac.compare_digest(token.encode(), self.required_token.encode())

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):  # type: ignore[no-untyped-def]
        """pygls keeps the future of a generator or async handler in `_request_futures` until
        the response is sent; for notifications (didChange: one per keystroke) and for the
        handlers a builtin feature yields to, nothing ever removes it. Remove it when done.

        A handler a builtin feature yields to (a command: `workspace/executeCommand`) runs
        under its own future, which `$/cancelRequest` of the request would leave running:
        cancelling the request cancels it too, and cancelling it (a cancelled progress)
        answers the request as cancelled.

        A synchronous handler is called at once (`dispatch.run_inline`), its outcome handed
        to `callback` as pygls's `Future` would hand it, without making one.
        """

        if is_plain_sync(handler):  # nothing to keep, cancel or forget: run it now
            run_inline(handler, callback, args or (), kwargs or {})
            return
        request = getattr(callback, "keywords", {}).get("result_future")

        def callback_then_forget(future):  # type: ignore[no-untyped-def]
            try:
                if request is not None and future.cancelled():
                    request.cancel()  # the request is answered as cancelled
                else:
                    callback(future)
            finally:
                if self._request_futures.get(msg_id) is future:
                    del self._request_futures[msg_id]

        super()._execute_handler(msg_id, handler, callback_then_forget, args, kwargs)
        running = self._request_futures.get(msg_id)
        if request is not None and running is not None:
            request.add_done_callback(lambda done: done.cancelled() and running.cancel())

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):  # type: ignore[override]
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None  # we speak UTF-16 only
        return (yield from super().lsp_initialize(params))

    def call_feature(self, method: str, params: object) -> None:
        """Call our synchronous handler of a text synchronisation notification, if any, in
        place of pygls's builtin one (a generator yielding to it: a second pass through
        `_execute_handler`, its `Future` and callbacks, on every keystroke)."""
        handler = self.fm.features.get(method)
        if handler is not None:
            handler(params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:  # type: ignore[override]
        self.call_feature(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:  # type: ignore[override]
        self.call_feature(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:  # type: ignore[override]
        self.call_feature(lsp.TEXT_DOCUMENT_DID_CLOSE, params)


class ClaudeLangServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "claudelang-lsp",
            __version__,
            protocol_cls=ClaudeLangProtocol,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
        )
        self.documents: dict[str, OpenDocument] = {}
        self.tasks: set[asyncio.Future[object]] = set()
        self.index = WorkspaceIndex()
        self.max_file_bytes = max_file_bytes()  # over it: not indexed, and open documents are `large`
        self.told_incomplete = False  # `incomplete.tell_if_indexing` has shown its message
        # Each takes the client's settings (`initializationOptions`, `didChangeConfiguration`).
        self.settings_listeners: list[Callable[[Any], Awaitable[None] | None]] = []
        self.exit_code = 0

    def start_io(
        self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None, already_read: bytes = b""
    ) -> None:
        """Serve over stdio with our resynchronising reader (`framing`) instead of pygls's;
        `already_read` is what was read from stdin before (`early.py`), served first.

        `exit_code` is 0 after `shutdown` + `exit`, 1 after `exit` alone (as LSP asks).
        """
        self._stop_event = threading.Event()
        self.protocol.set_writer(framing.FrameWriter((stdout or sys.stdout.buffer).fileno()))
        stream = stdin or sys.stdin.buffer
        try:
            asyncio.run(serve_stream(self.protocol, stream, self._stop_event.is_set, already_read))
        except BrokenPipeError:
            log.error("the connection to the client is lost; shutting down")
        except SystemExit as exc:
            self.exit_code = exc.code if isinstance(exc.code, int) else 1
        except KeyboardInterrupt:
            pass
        finally:
            self.shutdown()

    def spawn(self, work: Coroutine[object, object, object]) -> asyncio.Future[object]:
        """Run `work` in the background, keeping a reference until it is done."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def supports_progress(self) -> bool:
        window = self.client_capabilities.window
        return bool(window is not None and window.work_done_progress)

    def document(self, uri: str) -> OpenDocument | None:
        return self.documents.get(uri)

    def file_of(self, doc: OpenDocument) -> Path | None:
        """The file a document is; None when untitled or when its URI cannot name a file
        (a NUL byte in it)."""
        path = doc.path
        return None if path is None or "\x00" in path else Path(path)

    def resolver_for(self, doc: OpenDocument) -> ModuleResolver:
        """The resolver of the document's imports, made once per open document: making one
        resolves the file's path (a `realpath`, system calls, ≈ 15-100 µs, on every
        keystroke's analysis otherwise). It asks the index at each lookup, so it follows the
        workspace; only the file's own real path is fixed while it is open."""
        if doc.resolver is None:
            path = self.file_of(doc)
            doc.resolver = no_modules if path is None else self.index.resolver(path)
        return doc.resolver

    def analysis(self, doc: OpenDocument) -> DocumentAnalysis:
        return doc.analysis(lambda: self.resolver_for(doc))  # made only when analysing

    def path_of(self, uri: str) -> Path | None:
        path = to_fs_path(uri)
        return Path(path) if path and "\x00" not in path else None


async def serve_stream(
    protocol: LanguageServerProtocol, stream: BinaryIO, stopped: Callable[[], bool], already_read: bytes = b""
) -> None:
    """Serve the frames of `stream`, after those of `already_read`, each chunk as it is read.

    A pipe or socket is read by the event loop when it is readable (`add_reader`: one
    thread, no wake-up of the loop from another); anything else the loop cannot watch (a
    file) is read on a daemon thread, which may block forever, handing each chunk to the
    loop. Either way the descriptor stays blocking: a readable pipe's `read` returns what
    is there."""
    loop = asyncio.get_running_loop()
    fd = stream.fileno()

    def start(feed: Callable[[bytes], None]) -> None:
        if already_read:
            feed(already_read)
        try:
            loop.add_reader(fd, read_ready, feed)
        except (OSError, ValueError, NotImplementedError):
            threading.Thread(target=read_forever, args=(feed,), name="lsp-stdin", daemon=True).start()

    def read_ready(feed: Callable[[bytes], None]) -> None:
        data = read_chunk(fd)
        if not data:
            loop.remove_reader(fd)
        feed(data)

    def read_forever(feed: Callable[[bytes], None]) -> None:
        while data := read_chunk(fd):
            loop.call_soon_threadsafe(feed, data)
        loop.call_soon_threadsafe(feed, b"")

    try:
        await framing.serve(protocol, start, stopped)
    finally:
        loop.remove_reader(fd)


def read_chunk(fd: int) -> bytes:
    """What `fd` has (at most 64 KB), b"" at its end or on an error."""
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return b""


async def collect_garbage_when_idle(
    idle_seconds: float = 2.0, young_every: float = 0.5, middle_every: float = 2.0, full_every: float = 10.0
) -> None:
    """Run the cyclic garbage collector between messages, never inside one.

    Large documents keep millions of AST objects alive; an automatic full collection in
    the middle of a request would stall it for hundreds of milliseconds. So collection is
    ours: a full one once the server has been idle for `idle_seconds`. An editing session
    may never pause that long, while every re-analysed form leaves its old AST and
    definitions behind in reference cycles that keep source bytes alive (a form broken by
    an unclosed bracket holds the rest of the file), so during activity there are young
    collections (only what was allocated since the last one) every `young_every`
    seconds, middle ones every `middle_every` and full ones every `full_every` seconds.
    A young collection walks every container still alive that was made since the last one:
    each keystroke's analysis tables (dict copies of O(forms) entries) and semantic-token
    arrays, replaced at the next keystroke. Collecting every 0.5 s rather than after every
    keystroke (0.1 s) walks those of one keystroke in five: at 1 MB, 4 ms of collection per
    keystroke instead of 7.5 ms (at 100 KB 0.26 ms instead of 0.5 ms), for at most 0.5 s
    more of cyclic garbage kept.

    What survives a full collection is frozen (`gc.freeze`): the next full collections
    while the user types walk only what was made since, not the whole of a big document's
    AST again (300-700 ms at 1 MB). Frozen objects that become cyclic garbage meanwhile
    (forms an edit replaced) wait for the next pause, where everything is unfrozen and
    collected. The first time while active, before any pause, what exists is frozen
    without a collection: the documents just opened (still in the young and middle
    generations), which any collection would walk whole (250-400 ms at 1 MB, as the user
    starts typing); what of it is garbage waits for the first pause likewise.
    """
    gc.disable()
    full_at = middle_at = 0.0  # 0: nothing frozen yet
    seen = ClaudeLangProtocol.last_activity
    while True:
        await asyncio.sleep(young_every)
        now, last = time.monotonic(), ClaudeLangProtocol.last_activity
        if now - last >= idle_seconds:
            if last > full_at:
                gc.unfreeze()
                gc.collect()
                gc.freeze()
                full_at = middle_at = time.monotonic()
        elif last != seen:
            if now - full_at >= full_every:
                if full_at:
                    gc.collect()
                gc.freeze()
                full_at = middle_at = time.monotonic()
            elif now - middle_at >= middle_every:
                gc.collect(1)
                middle_at = time.monotonic()
            else:
                gc.collect(0)
        seen = last


def build_server() -> ClaudeLangServer:
    from claudelang.lsp.features import FEATURES

    server = ClaudeLangServer()
    for feature in FEATURES:
        feature.setup(server)
    return server
