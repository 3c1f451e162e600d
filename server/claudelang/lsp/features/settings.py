"""The client's settings: `initializationOptions` and `workspace/didChangeConfiguration`.

Both carry the same settings (under `claudelang`, or bare); each feature that has settings
adds a listener to `server.settings_listeners`, which this module calls with what the
client sent, awaiting what a listener returns. This module's own setting is the size limit
`maxFileBytes` (over it a file is not indexed and an open document gets syntax-level
features only); it wins over `CLAUDELANG_MAX_FILE_BYTES`, which wins over 4 MB.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from lsprotocol import types as lsp

from claudelang.lsp.server import ClaudeLangServer

log = logging.getLogger(__name__)


def section(values: Any) -> dict[str, Any]:
    """The `claudelang` settings in what a client sent (they may come bare); {} if none."""
    if not isinstance(values, dict):
        return {}
    values = values.get("claudelang", values)
    return values if isinstance(values, dict) else {}


def setup(server: ClaudeLangServer) -> None:
    def take_limit(values: Any) -> None:
        limit = section(values).get("maxFileBytes")
        if limit is None:
            return
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            log.warning("ignoring setting claudelang.maxFileBytes = %r", limit)
            return
        server.max_file_bytes = limit
        for doc in list(server.documents.values()):
            if doc.fit(limit):
                server.document_refit(doc)  # type: ignore[attr-defined]

    server.settings_listeners.append(take_limit)

    def each_listener(values: Any) -> list[Awaitable[None]]:
        pending = []
        for listener in server.settings_listeners:
            result = listener(values)
            if result is not None:
                pending.append(result)
        return pending

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        for work in each_listener(params.initialization_options):
            server.spawn(work)  # type: ignore[arg-type]

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration_changed(params: lsp.DidChangeConfigurationParams) -> None:
        # synchronous, so that a setting is in force for the very next message (an async
        # handler starts as a task, after requests already read); slow work is spawned
        for work in each_listener(params.settings):
            server.spawn(work)  # type: ignore[arg-type]
