"""Natural order: what `sort`, `min`, `max`, `sorted?` and `< <= > >=` compare by.

Numbers compare numerically and strings lexicographically (by code point); `< <= > >=`
accept either, but not a mix. `sort` also orders keywords and symbols by name, booleans
(#f before #t), and lists and tuples lexicographically by these same rules. Values of
different kinds, or of an unordered kind (maps, functions, nil), raise a type error
naming the builtin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cmp_to_key
from typing import Any

from claudelang.runtime.checks import type_error
from claudelang.runtime.errors import ClError
from claudelang.runtime.plist import List
from claudelang.runtime.printer import describe
from claudelang.runtime.values import Keyword, Symbol, Tuple, truthy


def _rank(value: object) -> int:
    """Values of equal rank are mutually comparable; -1 means unordered."""
    kind = type(value)
    if kind is int or kind is float:
        return 0
    return _RANKS.get(kind, -1)


_RANKS = {str: 1, Keyword: 2, Symbol: 3, bool: 4, List: 5, Tuple: 6}


def compare(a: Any, b: Any, who: str) -> int:
    """-1, 0 or 1 as `a` sorts before, with or after `b`."""
    rank = _rank(a)
    if rank < 0 or rank != _rank(b):
        raise ClError("type", f"{who}: cannot compare {describe(a)} with {describe(b)}")
    if rank in (2, 3):
        a, b = a.name, b.name
    elif rank in (5, 6):
        return _compare_sequences(tuple(a), tuple(b), who)
    return -1 if a < b else (1 if a > b else 0)


def _compare_sequences(a: tuple[object, ...], b: tuple[object, ...], who: str) -> int:
    for x, y in zip(a, b, strict=False):
        order = compare(x, y, who)
        if order:
            return order
    return (len(a) > len(b)) - (len(a) < len(b))


def sort_values(items: Iterable[Any], who: str) -> list[Any]:
    """`items` in natural order; a stable sort."""
    items = list(items)
    if all(type(x) is int or type(x) is float for x in items) or all(type(x) is str for x in items):
        return sorted(items)
    return sorted(items, key=cmp_to_key(lambda a, b: compare(a, b, who)))


def sort_by_keys(items: list[Any] | tuple[Any, ...], keys: list[Any], who: str) -> list[Any]:
    """`items` ordered by the natural order of the matching `keys` (stable)."""
    if all(type(k) is int or type(k) is float for k in keys) or all(type(k) is str for k in keys):
        order = sorted(range(len(items)), key=keys.__getitem__)
    else:
        order = sorted(range(len(items)), key=cmp_to_key(lambda i, j: compare(keys[i], keys[j], who)))
    return [items[i] for i in order]


def sort_with(items: Iterable[object], less: Callable[..., object]) -> list[Any]:
    """`items` ordered by a ClaudeLang "less than" predicate (stable)."""

    def order(a: object, b: object) -> int:
        if truthy(less(a, b)):
            return -1
        return 1 if truthy(less(b, a)) else 0

    return sorted(items, key=cmp_to_key(order))


def check_comparable(who: str, args: tuple[object, ...]) -> None:
    """For `< <= > >=`: all numbers, or all strings."""
    first = args[0]
    if type(first) is str:
        for arg in args:
            if type(arg) is not str:
                raise type_error(who, "strings (or numbers, not a mix)", arg)
        return
    for arg in args:
        if type(arg) is not int and type(arg) is not float:
            raise type_error(who, "numbers", arg)
