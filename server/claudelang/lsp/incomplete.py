"""Cross-file answers while the workspace is still being indexed (`server.index_complete`).

No request waits for the index, except rename: a rename that missed importers would break
the program (`features/rename.py` waits up to 30 s, then refuses). The others answer from
the files indexed so far, and say so where the answer spans files:

- completion lists are marked incomplete (`isIncomplete`), so that the client asks again as
  the user types and gets the names of modules indexed meanwhile;
- references, workspace symbols and a definition through an import have no such mark in
  LSP: the first of them asked for while indexing shows one `window/showMessage` saying
  that they may miss files until indexing is done (once per session: indexing the
  workspace runs once, at start-up; `$/progress` shows how far it is);
- "cannot find module" is not reported while indexing, since the module may just not be
  indexed yet; open documents are checked again when indexing ends.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.lsp.server import ClaudeLangServer

MESSAGE = (
    "ClaudeLang is still indexing the workspace: references, workspace symbols and definitions"
    " in other files may miss files until it is done."
)


def indexing(server: ClaudeLangServer) -> bool:
    """Whether the workspace index is still incomplete."""
    return not server.index_complete  # type: ignore[attr-defined]


def tell_if_indexing(server: ClaudeLangServer) -> None:
    """Show `MESSAGE`, the first time a cross-file answer is given while indexing."""
    if indexing(server) and not server.told_incomplete:
        server.told_incomplete = True
        server.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=MESSAGE))
