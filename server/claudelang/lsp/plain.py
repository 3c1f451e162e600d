"""Answers built as plain JSON values, sent without lsprotocol's classes and cattrs.

The answers sent on every keystroke (completion lists, semantic-token deltas, published
diagnostics) are many small objects: building them as lsprotocol classes (attrs, with
validators) and then unstructuring them again with cattrs cost several times what the
`json` module's C encoder takes for the same dicts and lists. A feature returns
`Plain(value)` instead, where `value` is what the LSP specification writes (camelCase
keys, enums as their numbers, no null members); `install` makes the protocol's converter
pass it through untouched (O(1)), and `notify` sends a notification the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claudelang.lsp.server import ClaudeLangServer


class Plain:
    """A JSON-ready LSP result: dicts, lists, strings, numbers, booleans, None."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Plain({self.value!r})"


def unwrap(plain: Plain) -> Any:
    return plain.value


def install(server: ClaudeLangServer, *hooks: tuple[type, Callable[[Any], Any]]) -> None:
    """Let `server`'s protocol send `Plain` results as they are, and the lsprotocol classes
    of `hooks` (a result type declared as one class, where `Plain` cannot stand) by their
    own function instead of cattrs's. Each hook is registered once per server."""
    converter = server.protocol._converter
    for cls, to_json in ((Plain, unwrap), *hooks):
        if converter.get_unstructure_hook(cls) is not to_json:
            converter.register_unstructure_hook(cls, to_json)


def notify(server: ClaudeLangServer, method: str, params: dict[str, Any]) -> None:
    """Send a notification whose `params` are already plain JSON."""
    server.protocol._send_data({"jsonrpc": "2.0", "method": method, "params": params})


def plain_json(server: ClaudeLangServer, value: object) -> Any:
    """An lsprotocol object as plain JSON (for mixing it into a `Plain` value)."""
    return server.protocol._converter.unstructure(value)
