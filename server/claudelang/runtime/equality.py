"""Structural equality (`=`) and the hashing discipline that agrees with it.

ClaudeLang equality differs from Python's in two ways: booleans are never equal to numbers
(Python has `True == 1`), and a list (`plist.List`) is never equal to a `Tuple` value.
Python tuples appear inside runtime values (a `Tuple`'s items, an ADT value's fields) and
compare element by element here too.
Numbers compare numerically (`(= 1 1.0)` is #t). Maps and sets compare by content, ignoring
insertion order.

`key_of` maps a value to a Python dict key that is equal exactly when the values are
`values_equal`, so maps, sets, `list-unique`, `group-by` and `memoize` can use Python dicts.
Container classes (`Tuple`, `AdtValue`, `Map`, `Set`) implement `__eq__` with `values_equal`
and `__hash__` with `key_of`, which is why this module needs none of them.
"""

from __future__ import annotations

from typing import Any

from claudelang.runtime.plist import List


class _BoolKey:
    """Stands in for #t / #f inside dict keys, so they never collide with 1 / 0."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "#t" if self.value else "#f"


_TRUE_KEY = _BoolKey(True)
_FALSE_KEY = _BoolKey(False)


def key_of(value: Any) -> object:
    """A hashable stand-in for `value`: equal keys exactly for `values_equal` values."""
    kind = type(value)
    if kind is bool:
        return _TRUE_KEY if value else _FALSE_KEY
    if kind is List or kind is tuple:
        return tuple(map(key_of, value))
    return value


def values_equal(a: Any, b: Any) -> bool:
    """ClaudeLang `=`: structural, numeric across int/float, bools apart from numbers."""
    if a is b:
        return True
    kind_a, kind_b = type(a), type(b)
    if kind_a is kind_b:
        if kind_a is List or kind_a is tuple:
            return len(a) == len(b) and all(map(values_equal, a, b))
        return bool(a == b)
    if kind_a is bool or kind_b is bool:
        return False
    if (kind_a is int or kind_a is float) and (kind_b is int or kind_b is float):
        return bool(a == b)
    return False
