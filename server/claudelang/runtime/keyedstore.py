"""The keyed state store of earlier ClaudeLang releases (LANGUAGE.md §10).

Earlier programs kept their state under names: `(state:set "users" [])`, `(state:get
:users)`. When the first argument of `state:get`, `state:set`, `state:update` or
`state:delete` is a string, keyword or symbol instead of a cell, the op reads or writes this
map; `"users"`, `:users` and `'users` name the same entry. A missing key reads as nil;
`set` and `delete` return the entry's old value, `update` the new one.

Transactions snapshot the map: `begin` pushes a copy, `commit` drops the newest snapshot
(keeping the changes), `rollback` restores it; they nest, so rolling back an outer
transaction also undoes the inner ones it contains, committed or not. Values are immutable,
so a snapshot is a shallow copy. Cells made by `state:new` are not part of the store.

One store belongs to each `Settings`, so each `Session` (the kernel's too) has its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claudelang.runtime.checks import type_error
from claudelang.runtime.errors import ClError
from claudelang.runtime.values import Keyword, Symbol

KEY_TYPES = (str, Keyword, Symbol)


def is_key(value: object) -> bool:
    """Whether `value` names an entry of the store (rather than being a cell)."""
    return isinstance(value, KEY_TYPES)


def key_name(who: str, key: object) -> str:
    """The entry a string, keyword or symbol names; a type error naming `who` otherwise."""
    if isinstance(key, str):
        return key
    if isinstance(key, (Keyword, Symbol)):
        return key.name
    raise type_error(who, "a key (a string, keyword or symbol)", key)


class KeyedStore:
    """A session's keyed entries and its stack of open transactions' snapshots."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}
        self.snapshots: list[dict[str, Any]] = []

    def get(self, who: str, key: object) -> Any:
        return self.entries.get(key_name(who, key))

    def set(self, who: str, key: object, value: Any) -> Any:
        name = key_name(who, key)
        old = self.entries.get(name)
        self.entries[name] = value
        return old

    def update(self, who: str, key: object, f: Callable[[Any], Any]) -> Any:
        name = key_name(who, key)
        value = self.entries[name] = f(self.entries.get(name))
        return value

    def delete(self, who: str, key: object) -> Any:
        return self.entries.pop(key_name(who, key), None)

    def begin(self) -> None:
        self.snapshots.append(dict(self.entries))

    def commit(self, who: str) -> None:
        self._innermost(who)

    def rollback(self, who: str) -> None:
        self.entries = self._innermost(who)

    def _innermost(self, who: str) -> dict[str, Any]:
        if not self.snapshots:
            raise ClError("state", f"{who}: no transaction is open (start one with state:begin-transaction)")
        return self.snapshots.pop()
