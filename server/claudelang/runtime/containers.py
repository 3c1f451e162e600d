"""Immutable, insertion-ordered maps and sets, persistent: an update is O(log n) and shares.

Both keep their entries in a hash array mapped trie (`immutables.Map`, the C HAMT behind
`contextvars`) keyed by `equality.key_of(x)`, so lookups follow ClaudeLang equality: `1`
and `1.0` are the same key, `1` and `#t` are not (a bare Python dict or `frozenset` would
merge them). An update returns a new object that shares all but O(log n) of the trie.

A trie has no order, and LANGUAGE.md prints maps and sets in insertion order, so each
entry carries its insertion number: `(seq, key, value)` for a map, `(seq, item)` for a
set. Iteration sorts the entries by it (O(n log n) at C speed, once per object: the order
is cached). Setting a key that is already there keeps its place, as a Python dict does.

`get`, `assoc` and `add` are the inner loop of map code, so they skip `key_of` for the
keys it leaves alone (all but booleans, lists and tuples), `assoc` learns whether a key
is new from the trie's length instead of a second lookup, and the hash and order caches
stay unset until they are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import itemgetter
from typing import Any

import immutables

from claudelang.runtime.equality import key_of, values_equal
from claudelang.runtime.plist import List

_EMPTY_TRIE: immutables.Map = immutables.Map()
_SEQ = itemgetter(0)
_ITEM = itemgetter(1)
_KEY_VALUE = itemgetter(1, 2)
_VALUE = itemgetter(2)
_REKEYED = frozenset({bool, List, tuple})  # the types whose `key_of` is not themselves


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

    @classmethod
    def of(cls, *flat: object) -> Map:
        """A map from alternating keys and values, as in a `{k v ...}` literal."""
        if len(flat) % 2:
            raise ValueError("Map.of needs an even number of arguments")
        return cls(zip(flat[::2], flat[1::2], strict=True))

    def get(self, key: object, default: object = None) -> object:
        entry = self._entries.get(key_of(key) if type(key) in _REKEYED else key)
        return default if entry is None else entry[2]

    def assoc(self, key: object, value: object) -> Map:
        k = key_of(key) if type(key) in _REKEYED else key
        entries, count = self._entries, self._count
        new = _new_map()
        new._entries = entries.set(k, (count, key, value))
        if len(new._entries) > len(entries):
            new._count = count + 1
        else:  # the key was there: it keeps its place
            new._entries = entries.set(k, (entries[k][0], key, value))
            new._count = count
        return new

    def dissoc(self, key: object) -> Map:
        k = key_of(key)
        if k not in self._entries:
            return self
        return _wrap(Map, self._entries.delete(k), self._count)

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
            return _wrap(Map, entries.finish(), count)

    def _in_order(self) -> list[tuple[int, object, object]]:
        return _in_order(self)

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
        try:
            return self._hash
        except AttributeError:
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

    @classmethod
    def of(cls, *items: object) -> Set:
        return cls(items)

    def add(self, item: object) -> Set:
        k = key_of(item) if type(item) in _REKEYED else item
        if k in self._entries:
            return self
        return _wrap(Set, self._entries.set(k, (self._count, item)), self._count + 1)

    def remove(self, item: object) -> Set:
        k = key_of(item)
        if k not in self._entries:
            return self
        return _wrap(Set, self._entries.delete(k), self._count)

    def union(self, other: Set) -> Set:
        count = self._count
        with self._entries.mutate() as entries:
            for item in other:
                k = key_of(item)
                if k not in entries:
                    entries[k] = (count, item)
                    count += 1
            return _wrap(Set, entries.finish(), count)

    def intersection(self, other: Set) -> Set:
        return self._keeping(lambda k: k in other._entries)

    def difference(self, other: Set) -> Set:
        return self._keeping(lambda k: k not in other._entries)

    def _keeping(self, keep: Callable[[object], bool]) -> Set:
        with self._entries.mutate() as entries:
            for k in self._entries:
                if not keep(k):
                    del entries[k]
            return _wrap(Set, entries.finish(), self._count)

    def _in_order(self) -> list[tuple[int, object]]:
        return _in_order(self)

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
        try:
            return self._hash
        except AttributeError:
            self._hash = hash((Set, frozenset(self._entries)))
            return self._hash

    def __repr__(self) -> str:
        return f"Set({list(self)!r})"


_new_map = partial(object.__new__, Map)


def _wrap(cls: type[Map] | type[Set], entries: immutables.Map, count: int) -> Any:
    """A `cls` holding `entries`; its hash and order are computed when first asked for."""
    new = object.__new__(cls)
    new._entries = entries
    new._count = count
    return new


def _in_order(collection: Map | Set) -> list[Any]:
    """The entries of `collection` sorted by insertion number (cached on it)."""
    try:
        return collection._ordered
    except AttributeError:
        collection._ordered = sorted(collection._entries.values(), key=_SEQ)
        return collection._ordered
