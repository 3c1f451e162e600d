"""Map (`dict-*`) and set (`set-*`) builtins over the immutable `Map` and `Set` classes.

Every "update" returns a new map or set; the argument is unchanged. Keys follow ClaudeLang
equality (see `containers.py`). `dict-get` returns nil (or the given default) for a
missing key; `dict-items` returns `[key value]` lists; `dict-merge` lets later maps win.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import arity_error, expect_list, expect_map, expect_set, value_error
from claudelang.runtime.containers import Map, Set
from claudelang.runtime.plist import List, from_iterable, of

builtin = partial(registry.builtin, family="maps")

_MISSING: Any = object()  # an argument the caller did not pass, for builtins that count their own


def _check_count(who: str, min_args: int, max_args: int, params: tuple[Any, ...], extra: tuple[Any, ...]) -> None:
    """The arity error of a builtin that counts its own arguments (`dict-get`, `dict-set`), if any.

    They are the inner loop of map code, so they skip the registry's checking wrapper.
    With `extra` arguments every parameter was passed (an optional one included).
    """
    given = max_args + len(extra) if extra else sum(param is not _MISSING for param in params)
    if not min_args <= given <= max_args:
        raise arity_error(who, min_args, max_args, given)


@builtin(
    "dict-new",
    "...kvs",
    doc="A map from alternating keys and values; (dict-new) is {}.",
    example='(dict-new "a" 1 :b 2) ⇒ {"a" 1 :b 2}',
)
def _dict_new(*kvs: Any) -> Map:
    if len(kvs) % 2:
        raise value_error("dict-new", f"expected keys and values in pairs, got {len(kvs)} values")
    return Map.of(*kvs)


@builtin(
    "dict-get",
    "m key [default]",
    doc="The value for key, or default (nil) if absent.",
    example='(dict-get {"a" 1} "a") ⇒ 1',
    checks_arity=True,
)
def _dict_get(m: Any = _MISSING, key: Any = _MISSING, default: Any = None, *extra: Any) -> Any:
    if type(m) is Map and key is not _MISSING and not extra:
        return m.get(key, default)
    _check_count("dict-get", 2, 3, (m, key), extra)
    return expect_map("dict-get", m).get(key, default)


@builtin(
    "dict-get-or",
    "m key default",
    doc="The value for key, or default if absent.",
    example='(dict-get-or {"a" 1} "b" 0) ⇒ 0',
)
def _dict_get_or(m: Any, key: Any, default: Any) -> Any:
    return expect_map("dict-get-or", m).get(key, default)


@builtin(
    "dict-set",
    "m key value",
    doc="A new map with key set to value.",
    example='(dict-set {"a" 1} "b" 2) ⇒ {"a" 1 "b" 2}',
    checks_arity=True,
)
def _dict_set(m: Any = _MISSING, key: Any = _MISSING, value: Any = _MISSING, *extra: Any) -> Map:
    if type(m) is Map and value is not _MISSING and not extra:
        return m.assoc(key, value)
    _check_count("dict-set", 3, 3, (m, key, value), extra)
    return expect_map("dict-set", m).assoc(key, value)


@builtin(
    "dict-remove",
    "m key",
    doc="A new map without key.",
    example='(dict-remove {"a" 1 "b" 2} "a") ⇒ {"b" 2}',
)
def _dict_remove(m: Any, key: Any) -> Map:
    return expect_map("dict-remove", m).dissoc(key)


@builtin("dict-has?", "m key", doc="#t if the map has key.", example="(dict-has? {:a 1} :a) ⇒ #t")
def _dict_has(m: Any, key: Any) -> bool:
    return key in expect_map("dict-has?", m)


@builtin(
    "dict-keys",
    "m",
    doc="The keys, in insertion order.",
    example="(dict-keys {:a 1 :b 2}) ⇒ [:a :b]",
)
def _dict_keys(m: Any) -> List:
    return from_iterable(expect_map("dict-keys", m).keys())


@builtin(
    "dict-values",
    "m",
    doc="The values, in insertion order.",
    example="(dict-values {:a 1 :b 2}) ⇒ [1 2]",
)
def _dict_values(m: Any) -> List:
    return from_iterable(expect_map("dict-values", m).values())


@builtin(
    "dict-items",
    "m",
    doc="The [key value] pairs, in insertion order.",
    example="(dict-items {:a 1 :b 2}) ⇒ [[:a 1] [:b 2]]",
)
def _dict_items(m: Any) -> List:
    return from_iterable(of(key, value) for key, value in expect_map("dict-items", m).items())


@builtin("dict-size", "m", doc="The number of keys.", example="(dict-size {:a 1 :b 2}) ⇒ 2")
def _dict_size(m: Any) -> int:
    return len(expect_map("dict-size", m))


@builtin(
    "dict-merge",
    "...maps",
    doc="The maps merged left to right (later values win).",
    example="(dict-merge {:a 1} {:a 2 :b 3}) ⇒ {:a 2 :b 3}",
)
def _dict_merge(*maps: Any) -> Map:
    merged = Map()
    for m in maps:
        merged = merged.merge(expect_map("dict-merge", m))
    return merged


@builtin("set-new", "...xs", doc="A set of the arguments.", example="(set-new 1 2 2) ⇒ #{1 2}")
def _set_new(*xs: Any) -> Set:
    return Set(xs)


@builtin(
    "set-from-list",
    "lst",
    doc="A set of the list's elements (first occurrences, in order).",
    example="(set-from-list [3 1 3]) ⇒ #{3 1}",
)
def _set_from_list(lst: Any) -> Set:
    return Set(expect_list("set-from-list", lst))


@builtin("set-add", "s x", doc="A new set that also holds x.", example="(set-add (set-new 1) 2) ⇒ #{1 2}")
def _set_add(s: Any, x: Any) -> Set:
    return expect_set("set-add", s).add(x)


@builtin("set-has?", "s x", doc="#t if x is in the set.", example="(set-has? (set-new 1 2) 2) ⇒ #t")
def _set_has(s: Any, x: Any) -> bool:
    return x in expect_set("set-has?", s)


def _set_operation(name: str, combine: Callable[[Set, Set], Set], *, doc: str, example: str) -> None:
    """Register `(name s ...more)`: `combine` applied left to right over the sets."""

    def apply(s: Any, *more: Any) -> Set:
        result = expect_set(name, s)
        for other in more:
            result = combine(result, expect_set(name, other))
        return result

    registry.register(name, "s ...more", apply, doc=doc, example=example, family="maps")


_set_operation(
    "set-union",
    Set.union,
    doc="Elements in any of the sets.",
    example="(set-union (set-new 1 2) (set-new 2 3)) ⇒ #{1 2 3}",
)
_set_operation(
    "set-intersection",
    Set.intersection,
    doc="Elements in every one of the sets.",
    example="(set-intersection (set-new 1 2) (set-new 2 3)) ⇒ #{2}",
)
_set_operation(
    "set-difference",
    Set.difference,
    doc="Elements of the first set that are in none of the others.",
    example="(set-difference (set-new 1 2 3) (set-new 2)) ⇒ #{1 3}",
)


@builtin(
    "set-to-list",
    "s",
    doc="The elements as a list, in insertion order.",
    example="(set-to-list (set-new 2 1)) ⇒ [2 1]",
)
def _set_to_list(s: Any) -> List:
    return from_iterable(expect_set("set-to-list", s))
