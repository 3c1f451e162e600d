"""Immutable, insertion-ordered maps and sets: an update is O(1) on the newest version of a
map and O(log n) with structure sharing on any other.

Keys follow ClaudeLang equality through `equality.key_of(x)`: `1` and `1.0` are the same
key, `1` and `#t` are not (a bare Python dict or `frozenset` would merge them). Maps and
sets print in insertion order (LANGUAGE.md); setting a key that is already there keeps
its place, as a Python dict does, and takes the new key's spelling (`1.0` for `1`).

A set, and a map that is used persistently, keeps its entries in a hash array mapped trie
(`immutables.Map`, the C HAMT behind `contextvars`): an update returns a new object that
shares all but O(log n) of the trie. Each trie entry is `(seq, key, value)` for a map,
`(seq, item)` for a set, `seq` its insertion number; iteration sorts by it once per
object (the order is cached).

A map that is updated linearly (each version updated at most once, the way a loop
accumulates one) keeps its entries in a Python dict instead, in place, as a *version
chain* (Baker's trick for persistent arrays). The newest version *owns* the dict;
updating it writes the dict and turns the old version into a *diff*: "the newer version,
except that `key` had value `old`" (or was absent). The update is then one dict store
(in C, `_pmap.c`): nothing is copied and nothing else is allocated but the new version.
The dict's order is the insertion order. Its values are the map's values, except that a
key whose spelling is not the dict's key object (a boolean, list or tuple, whose dict key
is `key_of(key)`, or `1.0` stored over `1`) has an `_Entry(key, value)`.

Every old version still reads its own contents: `get` on a diff walks at most `WALK`
diffs towards the dict. Anything else on a diff (an update of it, iteration, a longer
walk) *materialises* it: the owner's dict becomes a trie once (O(n)), and each diff on the
way gets its own trie from its newer neighbour's (O(log n) each), so the lineage goes on
persistently. A trie version goes back to a dict once it has been updated linearly (each
new version made from the newest one) as many times as a quarter of its size, which pays
for the copy. Removing a key from a dict owner makes a trie version first (removals are
rare in loops, and a dict keeps no position for a key that comes back). So every cost is
amortised O(1) (linear use) or O(log n) (any use); `test_map_versions.py` counts them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import itemgetter
from typing import Any

import immutables

from claudelang.runtime import _pmap
from claudelang.runtime.equality import key_of, values_equal
from claudelang.runtime.plist import List
from claudelang.runtime.values import Keyword, Symbol

_EMPTY_TRIE: immutables.Map = immutables.Map()
_SEQ = itemgetter(0)
_ITEM = itemgetter(1)
_KEY_VALUE = itemgetter(1, 2)
_VALUE = itemgetter(2)
_REKEYED = frozenset({bool, List, tuple})  # the types whose `key_of` is not themselves


WALK = 8  # how many diffs `get` follows towards the dict before materialising a trie
_PLAIN = (int, str, Keyword, Symbol, type(None))  # keys that are their own dict key and spelling


class _Entry:
    """The value of a dict owner's key whose spelling is not the dict's key object."""

    __slots__ = ("key", "value")

    def __init__(self, key: object, value: object) -> None:
        self.key, self.value = key, value


class Map:
    """The ClaudeLang map `{k v ...}`: hashable, compared by content (order ignored).

    One of three states (see the module docstring): a *trie* version (`_entries`,
    `_count` the next insertion number and `_run` how many linear updates led to it, -1
    once it has been updated), the *owner* of a dict (`_table`), or a *diff* (`_newer`,
    `_key`, and `_old`: the dict value the key had, or `_ABSENT`).
    """

    __slots__ = ("_count", "_entries", "_hash", "_key", "_newer", "_old", "_ordered", "_run", "_table")

    def __init__(self, pairs: Iterable[tuple[object, object]] | Map = ()) -> None:
        entries: dict[object, tuple[int, object, object]] = {}
        for key, value in pairs.items() if isinstance(pairs, Map) else pairs:
            k = key_of(key)
            old = entries.get(k)
            entries[k] = (len(entries) if old is None else old[0], key, value)
        _be_trie(self, immutables.Map(entries) if entries else _EMPTY_TRIE, len(entries), 0)

    @classmethod
    def of(cls, *flat: object) -> Map:
        """A map from alternating keys and values, as in a `{k v ...}` literal."""
        if len(flat) % 2:
            raise ValueError("Map.of needs an even number of arguments")
        return cls(zip(flat[::2], flat[1::2], strict=True))

    def get(self, key: object, default: object = None) -> object:
        k = key_of(key) if type(key) in _REKEYED else key
        table = self._table
        if table is not None:  # the newest version, inlined: `dict-get` calls this in loops
            value = table.get(k, _ABSENT)
            if type(value) is _Entry:
                return value.value
        else:
            value = _value_of(self, k)
        return default if value is _ABSENT else value

    def assoc(self, key: object, value: object) -> Map:
        return _pmap.assoc(self, key, value)

    def dissoc(self, key: object) -> Map:
        if self.get(key, _ABSENT) is _ABSENT:
            return self
        return _updated(self, _trie(self).delete(key_of(key)), self._count)

    def merge(self, other: Map) -> Map:
        merged = self
        for key, value in other.items():
            merged = _pmap.assoc(merged, key, value)
        return merged

    def _in_order(self) -> list[tuple[int, object, object]]:
        try:
            return self._ordered
        except AttributeError:
            if self._table is not None:  # the dict is in insertion order
                self._ordered = list(map(_dict_entry, itertools.count(), self._table.items()))
            else:
                self._ordered = sorted(_trie(self).values(), key=_SEQ)
            return self._ordered

    def _values_by_key(self) -> Iterator[tuple[object, object]]:
        """`(k, value)` for each entry, `k` the entry's key under `key_of`."""
        if self._table is not None:
            return ((k, v.value if type(v) is _Entry else v) for k, v in self._table.items())
        return ((k, entry[2]) for k, entry in _trie(self).items())

    def keys(self) -> Iterator[object]:
        return map(_ITEM, self._in_order())

    def values(self) -> Iterator[object]:
        return map(_VALUE, self._in_order())

    def items(self) -> Iterator[tuple[object, object]]:
        return map(_KEY_VALUE, self._in_order())

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def __len__(self) -> int:
        return len(self._table) if self._table is not None else len(_trie(self))

    def __iter__(self) -> Iterator[object]:
        return self.keys()

    def __eq__(self, other: object) -> bool:
        if type(other) is not Map or len(self) != len(other):
            return False
        for k, value in self._values_by_key():
            theirs = _value_of(other, k)
            if theirs is _ABSENT or not values_equal(value, theirs):
                return False
        return True

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = hash((Map, frozenset((k, key_of(v)) for k, v in self._values_by_key())))
            return self._hash

    def __repr__(self) -> str:
        return f"Map({list(self.items())!r})"


_ABSENT: Any = object()  # a key a map does not have (nil is a value)
_new_map = partial(object.__new__, Map)


def _dict_entry(seq: int, item: tuple[object, object]) -> tuple[int, object, object]:
    """The trie entry of a dict owner's item `(k, value)`, the `seq`-th in its order."""
    k, value = item
    return (seq, value.key, value.value) if type(value) is _Entry else (seq, k, value)


def _dict_value(k: object, entry: tuple[int, object, object]) -> object:
    """What a dict owner stores for the trie entry `entry` of `k`."""
    key = entry[1]
    return entry[2] if key is k and type(key) in _PLAIN else _Entry(key, entry[2])


def _be_trie(m: Map, entries: immutables.Map, count: int, run: int) -> None:
    m._entries, m._count, m._run = entries, count, run
    m._table = m._newer = m._key = m._old = None


def _owner(table: dict[object, object]) -> Map:
    new = _new_map()
    new._table = table
    new._entries = new._newer = new._key = new._old = new._run = new._count = None
    return new


def _value_of(m: Map, k: object) -> object:
    """The value of the key `k` (already under `key_of`) in `m`, or `_ABSENT`."""
    table = m._table
    if table is not None:
        value = table.get(k, _ABSENT)
    elif m._newer is None:
        entry = m._entries.get(k)
        return _ABSENT if entry is None else entry[2]
    else:
        value = _diff_get(m, k)
    return value.value if type(value) is _Entry else value


def _diff_get(m: Map, k: object) -> object:
    """The dict value (or `_ABSENT`) of `k` in the diff `m`, from the first diff on the way
    that changed `k`, or the dict at the end; the bare value from `m`'s trie if it is more
    than `WALK` diffs from a dict (or ends at a trie)."""
    node = m
    for _ in range(WALK):
        if node._newer is None:
            if node._table is None:
                break
            return node._table.get(k, _ABSENT)
        if node._key is k or node._key == k:
            return node._old
        node = node._newer
    entry = _trie(m).get(k)
    return _ABSENT if entry is None else entry[2]


def _trie(m: Map) -> immutables.Map:
    """The trie of `m`, materialised (and kept) if `m` is a diff or a dict owner; the owner
    at the end of a diff's chain becomes a trie version too (see the module docstring)."""
    if m._newer is None and m._table is None:
        return m._entries
    path = []
    node = m
    while node._newer is not None:
        path.append(node)
        node = node._newer
    if node._table is not None:  # the owner: from now on this lineage is persistent
        table = node._table
        _be_trie(node, immutables.Map(zip(table, node._in_order(), strict=True)), len(table), 0)
    trie, next_seq = node._entries, node._count
    for diff in reversed(path):  # each diff changed one key of its newer neighbour
        k, old = diff._key, diff._old
        if old is _ABSENT:
            trie = trie.delete(k)
        else:
            seq = trie[k][0]
            trie = trie.set(k, (seq, old.key, old.value) if type(old) is _Entry else (seq, k, old))
        _be_trie(diff, trie, next_seq, -1)
    return trie


def _updated(m: Map, entries: immutables.Map, count: int) -> Map:
    """The trie version after `m` with `entries`: a dict owner instead once the updates
    that led to it were linear and as many as a quarter of its size."""
    run = m._run + 1 if m._run >= 0 else 1
    m._run = -1
    if run * 4 >= len(entries):
        ordered = sorted(entries.items(), key=_item_seq)
        return _owner({k: _dict_value(k, entry) for k, entry in ordered})
    new = _new_map()
    _be_trie(new, entries, count, run)
    return new


def _item_seq(item: tuple[object, tuple[int, object, object]]) -> int:
    """The insertion number of a trie item `(k, entry)`."""
    return item[1][0]


def _assoc(m: Map, key: object, value: object) -> Map:
    """`dict-set` in every case but the one `_pmap.assoc` does in C: a dict owner's plain
    key whose value in the dict is not an `_Entry`."""
    k = key_of(key) if type(key) in _REKEYED else key
    table = m._table
    if table is not None:
        old = table.get(k, _ABSENT)
        plain = type(key) in _PLAIN
        # A bare old value's spelling is the dict's key object, which only a trie keeps
        # once another spelling replaces it (`1.0` over `1`): that rare case goes there.
        if plain or old is _ABSENT or type(old) is _Entry:
            table[k] = value if plain and type(old) is not _Entry else _Entry(key, value)
            new = _owner(table)
            m._newer, m._key, m._old, m._table = new, k, old, None
            return new
    entries, next_seq = _trie(m), m._count
    old_entry = entries.get(k)
    if old_entry is None:
        return _updated(m, entries.set(k, (next_seq, key, value)), next_seq + 1)
    return _updated(m, entries.set(k, (old_entry[0], key, value)), next_seq)  # it keeps its place


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


def _wrap(cls: type[Set], entries: immutables.Map, count: int) -> Set:
    """A set holding `entries`; its hash and order are computed when first asked for."""
    new = object.__new__(cls)
    new._entries = entries
    new._count = count
    return new


def _in_order(collection: Set) -> list[Any]:
    """The entries of `collection` sorted by insertion number (cached on it)."""
    try:
        return collection._ordered
    except AttributeError:
        collection._ordered = sorted(collection._entries.values(), key=_SEQ)
        return collection._ordered


_pmap.bind(Map, _assoc, _Entry, _ABSENT, _PLAIN)
