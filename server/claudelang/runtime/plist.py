"""The ClaudeLang list: persistent, with O(1) `cons`/`head`/`tail`/`length` and shared structure.

A `List` is a chain of *segments*. A segment is a window on a Python `list` (the *store*)
that holds elements last-first: the segment's head is `store[top]`, the element after it
`store[top - 1]`, and so on down to `store[0]`; after `store[0]` the list goes on with
`next`, another `List` (`EMPTY` at the end).

- `tail` is the same store with `top - 1` (or `next` once the segment is used up): one
  small object, nothing copied, the rest of the list shared.
- `tail` and `cons` are written in C (`_plist.c`): they write the slots of this class
  directly, at the offsets `_plist.bind` reads from its member descriptors.
- `cons` onto a list whose head is the newest element of its store appends to that store
  and shares it (amortised O(1)); a store only ever grows at its end, and each slot is
  claimed by exactly one `cons`, so every list ever made keeps seeing the same elements.
  A `cons` onto any other list (its store was already extended by another `cons`, or it
  is empty) starts a new one-element segment whose `next` is that list.
- Bulk builtins (`map`, `filter`, `range`, literals, ...) make one segment: indexing is
  O(1) on them, iteration is CPython's own reversed-list iterator.

Why this design and not cons cells (see docs/DECISIONS.md, "Persistent lists"): a million
live cons cells are a million objects the cyclic garbage collector keeps re-scanning, which
made building a list with `cons` 3-4x slower than appending to a shared store; walking a
list costs the same in both.

Python-side, a `List` is a read-only sequence; it compares equal to a Python tuple or
list with equal elements (ClaudeLang equality per element), which the Python API relies
on: `evaluate("[1 2]") == (1, 2)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from claudelang.runtime import _plist


class List:
    """An immutable ClaudeLang list; build one with `from_iterable`, `of` or `cons`."""

    __slots__ = ("_len", "_next", "_store", "_top")

    _store: list[Any]
    _top: int
    _next: List
    _len: int

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len != 0

    def __iter__(self) -> Iterator[Any]:
        if self._len == self._top + 1:  # one segment
            return _segment(self)
        return chain.from_iterable(map(_segment, self.segments()))

    def segments(self) -> Iterator[List]:
        """The list and each list that follows a segment, while not empty."""
        lst = self
        while lst._len:
            yield lst
            lst = lst._next

    def __getitem__(self, index: int) -> Any:
        """Element `index` (negative counts from the end): O(number of segments skipped)."""
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("list index out of range")
        lst = self
        while index > lst._top:
            index -= lst._top + 1
            lst = lst._next
        return lst._store[lst._top - index]

    def drop(self, count: int) -> List:
        """All but the first `count` elements, sharing them: O(number of segments skipped)."""
        lst = self
        if count >= lst._len:
            return EMPTY
        while count > lst._top:
            count -= lst._top + 1
            lst = lst._next
        if count == 0:
            return lst
        return _make(lst._store, lst._top - count, lst._next, lst._len - count)

    def take(self, count: int) -> List:
        """The first `count` elements (a copy of them)."""
        if count >= self._len:
            return self
        return from_iterable(islice(self, count))

    def reverse(self) -> List:
        # the reversed list holds its elements last-first exactly as this one iterates
        return from_reversed(list(self))

    def __reversed__(self) -> Iterator[Any]:
        return reversed(list(self))

    def __eq__(self, other: object) -> bool:
        from claudelang.runtime.equality import values_equal  # equality dispatches on List

        if not isinstance(other, List | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(map(values_equal, self, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"List({list(self)!r})"

    def __reduce__(self) -> tuple[Any, tuple[list[Any]]]:
        return (from_iterable, (list(self),))


def _make(store: list[Any], top: int, after: List, length: int) -> List:
    lst = List()
    lst._store = store
    lst._top = top
    lst._next = after
    lst._len = length
    return lst


def _segment(lst: List) -> Iterator[Any]:
    """The elements of `lst`'s first segment, in order."""
    store, top = lst._store, lst._top
    if top == len(store) - 1:
        return reversed(store)
    return reversed(store[: top + 1])


_plist.bind(List)
# `cons(item, lst)`: `item` in front of `lst`, sharing `lst`, amortised O(1); and `tail(lst)`:
# all but the first element of a non-empty `lst`, sharing them, O(1). The inner loop of
# recursive list code, so written in C (`_plist.c`, same semantics, 2x faster).
cons = _plist.cons
tail = _plist.tail

EMPTY = _make([], -1, None, 0)  # type: ignore[arg-type]  # `next` of the empty list is never read


def from_reversed(store: list[Any], after: List = EMPTY) -> List:
    """The elements of `store` read last-first, then those of `after` (shared, not copied).

    Takes ownership of `store`: later `cons`es may append to it.
    """
    if not store:
        return after
    return _make(store, len(store) - 1, after, len(store) + after._len)


def from_iterable(items: Iterable[Any]) -> List:
    """A list of `items`, in order (one segment)."""
    store = list(items)
    store.reverse()
    return from_reversed(store)


def of(*items: Any) -> List:
    """The list of the arguments: what a `[a b c]` literal builds."""
    return from_reversed(list(reversed(items)))


def head(lst: List) -> Any:
    """The first element of a non-empty `lst`."""
    return lst._store[lst._top]


def match_list(value: object, count: int, has_rest: bool) -> tuple[Any, ...] | None:
    """For the pattern `[p1 ... p_count]` (`...rest` if `has_rest`): the values to match
    against p1..p_count, then the rest (shared, not copied) if `has_rest`; None if `value`
    is not a list of a matching length."""
    if type(value) is not List:
        return None
    length = value._len
    if length < count or (length > count and not has_rest):
        return None
    items = tuple(islice(value, count))
    return (*items, value.drop(count)) if has_rest else items
