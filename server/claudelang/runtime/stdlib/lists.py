"""List construction, access and reshaping (the first-order half of the list family).

Lists are Python tuples, so every builtin here returns a new tuple. Access follows two
traditions on purpose: `head`/`car` and `tail`/`cdr` are strict (an empty list is an
"index" error), while Clojure-style `first`, `second`, `last` return nil and `rest` returns
`[]` when there is nothing there. `member?` and `index-of` forgive swapped arguments.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import (
    expect_count,
    expect_int,
    expect_list,
    fail,
    value_error,
)
from claudelang.runtime.containers import Map, Set
from claudelang.runtime.equality import key_of, values_equal
from claudelang.runtime.errors import ClError
from claudelang.runtime.values import Tuple

builtin = partial(registry.builtin, family="lists")


@builtin("list", "...xs", doc="A list of the arguments.", example="(list 1 2 3) ⇒ [1 2 3]")
def _list(*xs: Any) -> tuple[Any, ...]:
    return xs


@builtin("tuple", "...xs", doc="A tuple of the arguments.", example='(tuple 1 "x") ⇒ (tuple 1 "x")')
def _tuple(*xs: Any) -> Tuple:
    return Tuple(*xs)


@builtin("cons", "x lst", doc="A new list with x in front of lst.", example="(cons 0 [1 2]) ⇒ [0 1 2]")
def _cons(x: Any, lst: Any) -> tuple[Any, ...]:
    if lst is None:
        return (x,)
    return (x, *expect_list("cons", lst))


def _nonempty(who: str, lst: Any) -> tuple[Any, ...]:
    if not expect_list(who, lst):
        raise ClError("index", f"{who}: empty list")
    return lst


@builtin(
    "head",
    "lst",
    doc="The first element; an error on [].",
    example="(head [1 2 3]) ⇒ 1",
    aliases=("car",),
)
def _head(lst: Any) -> Any:
    return _nonempty("head", lst)[0]


@builtin(
    "tail",
    "lst",
    doc="All but the first element; an error on [].",
    example="(tail [1 2 3]) ⇒ [2 3]",
    aliases=("cdr",),
)
def _tail(lst: Any) -> tuple[Any, ...]:
    return _nonempty("tail", lst)[1:]


def _list_or_nil(who: str, lst: Any) -> tuple[Any, ...]:
    return () if lst is None else expect_list(who, lst)


@builtin("first", "lst", doc="The first element, or nil for [].", example="(first [7 8]) ⇒ 7")
def _first(lst: Any) -> Any:
    items = _list_or_nil("first", lst)
    return items[0] if items else None


@builtin("second", "lst", doc="The second element, or nil.", example="(second [7 8]) ⇒ 8")
def _second(lst: Any) -> Any:
    items = _list_or_nil("second", lst)
    return items[1] if len(items) > 1 else None


@builtin("last", "lst", doc="The last element, or nil for [].", example="(last [7 8 9]) ⇒ 9")
def _last(lst: Any) -> Any:
    items = _list_or_nil("last", lst)
    return items[-1] if items else None


@builtin("rest", "lst", doc="All but the first element; [] for [].", example="(rest [1]) ⇒ []")
def _rest(lst: Any) -> tuple[Any, ...]:
    return _list_or_nil("rest", lst)[1:]


@builtin(
    "nth",
    "lst i",
    doc="Element i (0-based) of a list, tuple or string.",
    example="(nth [10 20 30] 1) ⇒ 20",
)
def _nth(lst: Any, i: Any) -> Any:
    items = lst.items if isinstance(lst, Tuple) else lst
    if not isinstance(items, tuple | str):
        fail("nth", "a list, tuple or string", lst)
    expect_int("nth", i)
    if not 0 <= i < len(items):
        raise ClError("index", f"nth: index {i} out of range for length {len(items)}")
    return items[i]


_SIZED = (tuple, str, Map, Set, Tuple)


@builtin(
    "length",
    "coll",
    doc="Number of elements of a list, string, map, set or tuple.",
    example='(length "héllo") ⇒ 5',
)
def _length(coll: Any) -> int:
    if not isinstance(coll, _SIZED):
        fail("length", "a list, string, map, set or tuple", coll)
    return len(coll)


@builtin(
    "empty?",
    "coll",
    doc="#t for an empty list, string, map or set, and for nil.",
    example="(empty? []) ⇒ #t",
)
def _is_empty(coll: Any) -> bool:
    if coll is None:
        return True
    if not isinstance(coll, _SIZED):
        fail("empty?", "a list, string, map, set or tuple", coll)
    return len(coll) == 0


@builtin(
    "null?",
    "x",
    doc="#t for nil and for the empty list; never an error.",
    example="(null? []) ⇒ #t",
)
def _is_null(x: Any) -> bool:
    return x is None or (type(x) is tuple and not x)


@builtin(
    "append",
    "...lsts",
    doc="The lists joined end to end.",
    example="(append [1] [2 3] []) ⇒ [1 2 3]",
)
def _append(*lsts: Any) -> tuple[Any, ...]:
    out: list[Any] = []
    for lst in lsts:
        out.extend(expect_list("append", lst))
    return tuple(out)


@builtin("reverse", "seq", doc="A list or string reversed.", example="(reverse [1 2 3]) ⇒ [3 2 1]")
def _reverse(seq: Any) -> Any:
    if not isinstance(seq, tuple | str):
        fail("reverse", "a list or string", seq)
    return seq[::-1]


@builtin(
    "range",
    "a [b] [step]",
    doc="(range n) is 0..n-1; (range a b [step]) counts from a up to, not including, b.",
    example="(range 1 10 3) ⇒ [1 4 7]",
)
def _range(a: Any, b: Any = None, step: Any = 1) -> tuple[int, ...]:
    start, stop = (0, a) if b is None else (a, b)
    for x in (start, stop, step):
        expect_int("range", x)
    if step == 0:
        raise value_error("range", "step must not be 0")
    return tuple(range(start, stop, step))


def _sliceable(who: str, seq: Any) -> Any:
    if not isinstance(seq, tuple | str):
        fail(who, "a list or string", seq)
    return seq


@builtin(
    "take",
    "n lst",
    doc="The first n elements (fewer if shorter).",
    example="(take 2 [1 2 3]) ⇒ [1 2]",
)
def _take(n: Any, lst: Any) -> Any:
    return _sliceable("take", lst)[: expect_count("take", n)]


@builtin("drop", "n lst", doc="All but the first n elements.", example="(drop 2 [1 2 3]) ⇒ [3]")
def _drop(n: Any, lst: Any) -> Any:
    return _sliceable("drop", lst)[expect_count("drop", n) :]


@builtin(
    "zip",
    "lst ...more",
    doc="Lists of corresponding elements, as long as the shortest input.",
    example='(zip [1 2] ["a" "b"]) ⇒ [[1 "a"] [2 "b"]]',
    aliases=("list-zip",),
)
def _zip(*lsts: Any) -> tuple[tuple[Any, ...], ...]:
    for lst in lsts:
        expect_list("zip", lst)
    return tuple(zip(*lsts, strict=False))


@builtin(
    "flatten",
    "lst",
    doc="Nested lists flattened completely.",
    example="(flatten [1 [2 [3]] []]) ⇒ [1 2 3]",
)
def _flatten(lst: Any) -> tuple[Any, ...]:
    out: list[Any] = []
    stack = [iter(expect_list("flatten", lst))]
    while stack:
        for item in stack[-1]:
            if type(item) is tuple:
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return tuple(out)


def _window_size(who: str, n: Any) -> int:
    if expect_int(who, n) < 1:
        raise value_error(who, f"size must be at least 1, got {n}")
    return n


@builtin(
    "chunk",
    "n lst",
    doc="The list cut into lists of n (the last may be shorter).",
    example="(chunk 2 [1 2 3 4 5]) ⇒ [[1 2] [3 4] [5]]",
)
def _chunk(n: Any, lst: Any) -> tuple[tuple[Any, ...], ...]:
    size = _window_size("chunk", n)
    items = expect_list("chunk", lst)
    return tuple(items[i : i + size] for i in range(0, len(items), size))


@builtin(
    "sliding-window",
    "n lst",
    doc="Every run of n consecutive elements, in order.",
    example="(sliding-window 2 [1 2 3]) ⇒ [[1 2] [2 3]]",
)
def _sliding_window(n: Any, lst: Any) -> tuple[tuple[Any, ...], ...]:
    size = _window_size("sliding-window", n)
    items = expect_list("sliding-window", lst)
    return tuple(items[i : i + size] for i in range(len(items) - size + 1))


def _is_collection(x: Any) -> bool:
    return isinstance(x, tuple | str | Set | Map)


@builtin(
    "member?",
    "x coll",
    doc="#t if x is in a list or set, a key of a map, or a substring of a string.",
    example="(member? 2 [1 2 3]) ⇒ #t",
)
def _is_member(x: Any, coll: Any) -> bool:
    if not _is_collection(coll) and _is_collection(x):
        x, coll = coll, x
    if isinstance(coll, tuple):
        return any(values_equal(x, item) for item in coll)
    if isinstance(coll, Set | Map):
        return x in coll
    if isinstance(coll, str):
        return isinstance(x, str) and x in coll
    fail("member?", "a list, set, map or string", coll)


@builtin(
    "index-of",
    "lst x",
    doc="Index of the first element equal to x (or of substring x in a string), else nil.",
    example="(index-of [5 6 7] 6) ⇒ 1",
)
def _index_of(lst: Any, x: Any) -> int | None:
    if not isinstance(lst, tuple | str) and isinstance(x, tuple | str):
        lst, x = x, lst
    if isinstance(lst, tuple):
        return next((i for i, item in enumerate(lst) if values_equal(item, x)), None)
    if isinstance(lst, str):
        if not isinstance(x, str):
            fail("index-of", "a string to search for in a string", x)
        found = lst.find(x)
        return None if found < 0 else found
    fail("index-of", "a list or string", lst)


@builtin(
    "list-unique",
    "lst",
    doc="The list without repeated elements, first occurrences kept.",
    example="(list-unique [1 2 1 3 2]) ⇒ [1 2 3]",
)
def _list_unique(lst: Any) -> tuple[Any, ...]:
    seen: dict[object, Any] = {}
    for item in expect_list("list-unique", lst):
        seen.setdefault(key_of(item), item)
    return tuple(seen.values())
