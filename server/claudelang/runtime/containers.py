"""Immutable, insertion-ordered maps and sets, persistent: an update is O(log n) and shares.

Both keep their entries in a hash array mapped trie (`immutables.Map`, the C HAMT behind
`contextvars`) keyed by `equality.key_of(x)`, so lookups follow ClaudeLang equality: `1`
and `1.0` are the same key, `1` and `#t` are not (a bare Python dict or `frozenset` would
merge them). An update returns a new object that shares all but O(log n) of the trie.

A trie has no order, and LANGUAGE.md prints maps and sets in insertion order, so each
entry carries its insertion number: `(seq, key, value)` for a map, `(seq, item)` for a
set. Iteration sorts the entries by it (O(n log n) at C speed, once per object: the order
is cached). Setting a key that is already there keeps its place, as a Python dict does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

import immutables

from claudelang.runtime.equality import key_of, values_equal

_EMPTY_TRIE: immutables.Map = immutables.Map()
_SEQ = itemgetter(0)
_ITEM = itemgetter(1)
_KEY_VALUE = itemgetter(1, 2)
_VALUE = itemgetter(2)


class Map:
    """The ClaudeLang map `{k v ...}`: hashable, compared by content (order ignored)."""

    __slots__ = ("_count", "_entries", "_hash", "_ordered")

    def __init__(self, pairs: Iterable[tuple[object, object]] | Map = ()) -> None:
        entries: dict[object, tuple[int, object, object]] = {}
        for key, value in pairs.items() if isinstance(pairs, Map) else pairs:
            k = key_of(key)
            old = entries.get(k)
            entries[k] = (len(entries) if old is None else old[0], key, value)
        self._entries = immutables.Map(entries) if entries else _EMPTY_TRIE
        self._count = len(entries)
        self._hash: int | None = None
        self._ordered: list[tuple[int, object, object]] | None = None

    @classmethod
    def of(cls, *flat: object) -> Map:
        """A map from alternating keys and values, as in a `{k v ...}` literal."""
        if len(flat) % 2:
            raise ValueError("Map.of needs an even number of arguments")
        return cls(zip(flat[::2], flat[1::2], strict=True))

    @classmethod
    def _wrap(cls, entries: immutables.Map, count: int) -> Map:
        new = object.__new__(cls)
        new._entries = entries
        new._count = count
        new._hash = None
        new._ordered = None
        return new

    def get(self, key: object, default: object = None) -> object:
        entry = self._entries.get(key_of(key))
        return default if entry is None else entry[2]

    def assoc(self, key: object, value: object) -> Map:
        k = key_of(key)
        old = self._entries.get(k)
        if old is None:
            return Map._wrap(self._entries.set(k, (self._count, key, value)), self._count + 1)
        return Map._wrap(self._entries.set(k, (old[0], key, value)), self._count)

    def dissoc(self, key: object) -> Map:
        k = key_of(key)
        if k not in self._entries:
            return self
        return Map._wrap(self._entries.delete(k), self._count)

    def merge(self, other: Map) -> Map:
        count = self._count
        with self._entries.mutate() as entries:
            for key, value in other.items():
                k = key_of(key)
                old = entries.get(k)
                if old is None:
                    entries[k] = (count, key, value)
                    count += 1
                else:
                    entries[k] = (old[0], key, value)
            return Map._wrap(entries.finish(), count)

    def _in_order(self) -> list[tuple[int, object, object]]:
        if self._ordered is None:
            self._ordered = sorted(self._entries.values(), key=_SEQ)
        return self._ordered

    def keys(self) -> Iterator[object]:
        return map(_ITEM, self._in_order())

    def values(self) -> Iterator[object]:
        return map(_VALUE, self._in_order())

    def items(self) -> Iterator[tuple[object, object]]:
        return map(_KEY_VALUE, self._in_order())

    def __contains__(self, key: object) -> bool:
        return key_of(key) in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[object]:
        return self.keys()

    def __eq__(self, other: object) -> bool:
        if type(other) is not Map:
            return False
        if len(self._entries) != len(other._entries):
            return False
        theirs = other._entries
        for k, (_, _, value) in self._entries.items():
            entry = theirs.get(k)
            if entry is None or not values_equal(value, entry[2]):
                return False
        return True

    def __hash__(self) -> int:
        if self._hash is None:
            pairs = frozenset((k, key_of(v)) for k, (_, _, v) in self._entries.items())
            self._hash = hash((Map, pairs))
        return self._hash

    def __repr__(self) -> str:
        return f"Map({list(self.items())!r})"


class Set:
    """The ClaudeLang set: hashable, insertion-ordered, compared by content."""

    __slots__ = ("_count", "_entries", "_hash", "_ordered")

    def __init__(self, items: Iterable[object] = ()) -> None:
        entries: dict[object, tuple[int, object]] = {}
        for item in items:
            k = key_of(item)
            if k not in entries:
                entries[k] = (len(entries), item)
        self._entries = immutables.Map(entries) if entries else _EMPTY_TRIE
        self._count = len(entries)
        self._hash: int | None = None
        self._ordered: list[tuple[int, object]] | None = None

    @classmethod
    def of(cls, *items: object) -> Set:
        return cls(items)

    @classmethod
    def _wrap(cls, entries: immutables.Map, count: int) -> Set:
        new = object.__new__(cls)
        new._entries = entries
        new._count = count
        new._hash = None
        new._ordered = None
        return new

    def add(self, item: object) -> Set:
        k = key_of(item)
        if k in self._entries:
            return self
        return Set._wrap(self._entries.set(k, (self._count, item)), self._count + 1)

    def remove(self, item: object) -> Set:
        k = key_of(item)
        if k not in self._entries:
            return self
        return Set._wrap(self._entries.delete(k), self._count)

    def union(self, other: Set) -> Set:
        count = self._count
        with self._entries.mutate() as entries:
            for item in other:
                k = key_of(item)
                if k not in entries:
                    entries[k] = (count, item)
                    count += 1
            return Set._wrap(entries.finish(), count)

    def intersection(self, other: Set) -> Set:
        return self._keeping(lambda k: k in other._entries)

    def difference(self, other: Set) -> Set:
        return self._keeping(lambda k: k not in other._entries)

    def _keeping(self, keep: Callable[[object], bool]) -> Set:
        with self._entries.mutate() as entries:
            for k in self._entries:
                if not keep(k):
                    del entries[k]
            return Set._wrap(entries.finish(), self._count)

    def _in_order(self) -> list[tuple[int, object]]:
        if self._ordered is None:
            self._ordered = sorted(self._entries.values(), key=_SEQ)
        return self._ordered

    def __contains__(self, item: object) -> bool:
        return key_of(item) in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Any]:
        return map(_ITEM, self._in_order())

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is Set
            and len(self._entries) == len(other._entries)
            and all(k in other._entries for k in self._entries)
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((Set, frozenset(self._entries)))
        return self._hash

    def __repr__(self) -> str:
        return f"Set({list(self)!r})"
