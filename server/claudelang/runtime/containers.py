"""Immutable, insertion-ordered maps and sets.

Both wrap a Python dict keyed by `equality.key_of(x)`, so lookups follow ClaudeLang
equality: `1` and `1.0` are the same key, `1` and `#t` are not (a bare Python dict or
`frozenset` would merge them). Every "update" returns a new object; updates copy the dict,
which is O(n) per update — simple and fast enough for the sizes scripts use.

Sets are our own `Set` class rather than `frozenset` for two reasons: the bool/number key
problem above, and a stable printed order (`#{1 2}` in insertion order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from claudelang.runtime.equality import key_of, values_equal


class Map:
    """The ClaudeLang map `{k v ...}`: hashable, compared by content (order ignored)."""

    __slots__ = ("_entries", "_hash")

    def __init__(self, pairs: Iterable[tuple[object, object]] | Map = ()) -> None:
        entries: dict[object, tuple[object, object]] = {}
        for key, value in pairs.items() if isinstance(pairs, Map) else pairs:
            entries[key_of(key)] = (key, value)
        self._entries = entries
        self._hash: int | None = None

    @classmethod
    def of(cls, *flat: object) -> Map:
        """A map from alternating keys and values, as in a `{k v ...}` literal."""
        if len(flat) % 2:
            raise ValueError("Map.of needs an even number of arguments")
        return cls(zip(flat[::2], flat[1::2], strict=True))

    @classmethod
    def _wrap(cls, entries: dict[object, tuple[object, object]]) -> Map:
        new = object.__new__(cls)
        new._entries = entries
        new._hash = None
        return new

    def get(self, key: object, default: object = None) -> object:
        entry = self._entries.get(key_of(key))
        return default if entry is None else entry[1]

    def assoc(self, key: object, value: object) -> Map:
        entries = self._entries.copy()
        entries[key_of(key)] = (key, value)
        return Map._wrap(entries)

    def dissoc(self, key: object) -> Map:
        k = key_of(key)
        if k not in self._entries:
            return self
        entries = self._entries.copy()
        del entries[k]
        return Map._wrap(entries)

    def merge(self, other: Map) -> Map:
        entries = self._entries.copy()
        entries.update(other._entries)
        return Map._wrap(entries)

    def keys(self) -> Iterator[object]:
        return (key for key, _ in self._entries.values())

    def values(self) -> Iterator[object]:
        return (value for _, value in self._entries.values())

    def items(self) -> Iterator[tuple[object, object]]:
        return iter(self._entries.values())

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
        for k, (_, value) in self._entries.items():
            entry = other._entries.get(k)
            if entry is None or not values_equal(value, entry[1]):
                return False
        return True

    def __hash__(self) -> int:
        if self._hash is None:
            pairs = frozenset((k, key_of(v)) for k, (_, v) in self._entries.items())
            self._hash = hash((Map, pairs))
        return self._hash

    def __repr__(self) -> str:
        return f"Map({list(self.items())!r})"


class Set:
    """The ClaudeLang set: hashable, insertion-ordered, compared by content."""

    __slots__ = ("_entries", "_hash")

    def __init__(self, items: Iterable[object] = ()) -> None:
        entries: dict[object, object] = {}
        for item in items:
            entries.setdefault(key_of(item), item)
        self._entries = entries
        self._hash: int | None = None

    @classmethod
    def of(cls, *items: object) -> Set:
        return cls(items)

    @classmethod
    def _wrap(cls, entries: dict[object, object]) -> Set:
        new = object.__new__(cls)
        new._entries = entries
        new._hash = None
        return new

    def add(self, item: object) -> Set:
        k = key_of(item)
        if k in self._entries:
            return self
        entries = self._entries.copy()
        entries[k] = item
        return Set._wrap(entries)

    def remove(self, item: object) -> Set:
        k = key_of(item)
        if k not in self._entries:
            return self
        entries = self._entries.copy()
        del entries[k]
        return Set._wrap(entries)

    def union(self, other: Set) -> Set:
        entries = self._entries.copy()
        for k, item in other._entries.items():
            entries.setdefault(k, item)
        return Set._wrap(entries)

    def intersection(self, other: Set) -> Set:
        return Set._wrap({k: x for k, x in self._entries.items() if k in other._entries})

    def difference(self, other: Set) -> Set:
        return Set._wrap({k: x for k, x in self._entries.items() if k not in other._entries})

    def __contains__(self, item: object) -> bool:
        return key_of(item) in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._entries.values())

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
