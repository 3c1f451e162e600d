"""List construction, access and reshaping (the first-order half of the list family).

Lists are persistent `plist.List` values: `cons`, `head`, `tail`, `rest`, `empty?` and
`length` are O(1) and share the list they are given; `drop` shares the rest of the list
too. `head`, `tail`, `cons`, `empty?` and `length` check their own argument count
(`checks_arity`) and read the list's fields directly: they are the inner loop of every
recursive list function.

Access follows two traditions on purpose: `head`/`car` and `tail`/`cdr` are strict (an
empty list is an "index" error), while Clojure-style `first`, `second`, `last` return nil
and `rest` returns `[]` when there is nothing there. `member?` and `index-of` forgive
swapped arguments.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import (
    arity_error,
    expect_count,
    expect_int,
    expect_list,
    fail,
    value_error,
)
from claudelang.runtime.containers import Map, Set
from claudelang.runtime.equality import key_of, values_equal
from claudelang.runtime.errors import ClError
from claudelang.runtime.plist import EMPTY, List, from_iterable, from_reversed, of
from claudelang.runtime.plist import cons as cons_onto
from claudelang.runtime.plist import tail as tail_of
from claudelang.runtime.values import Tuple

builtin = partial(registry.builtin, family="lists")
fast_builtin = partial(builtin, checks_arity=True)

_MISSING: Any = object()  # an argument the caller did not pass, for builtins that count their own


def _count_error(who: str, wanted: int, extra: tuple[Any, ...], *params: Any) -> ClError:
    """The arity error of a `fast_builtin` called with `params` (some `_MISSING`) and `extra`."""
    given = sum(param is not _MISSING for param in params) + len(extra)
    return arity_error(who, wanted, wanted, given)


@builtin("list", "...xs", doc="A list of the arguments.", example="(list 1 2 3) ⇒ [1 2 3]")
def _list(*xs: Any) -> List:
    return of(*xs)


@builtin("tuple", "...xs", doc="A tuple of the arguments.", example='(tuple 1 "x") ⇒ (tuple 1 "x")')
def _tuple(*xs: Any) -> Tuple:
    return Tuple(*xs)


@fast_builtin("cons", "x lst", doc="A new list with x in front of lst.", example="(cons 0 [1 2]) ⇒ [0 1 2]")
def _cons(x: Any = _MISSING, lst: Any = _MISSING, *extra: Any) -> List:
    if type(lst) is List and not extra:
        return cons_onto(x, lst)
    if x is _MISSING or lst is _MISSING or extra:
        raise _count_error("cons", 2, extra, x, lst)
    if lst is None:
        return of(x)
    fail("cons", "a list", lst)


def _nonempty(who: str, lst: Any, extra: tuple[Any, ...]) -> List:
    """`lst`, or the error for calling `who` (head or tail) with these arguments."""
    if lst is _MISSING or extra:
        raise _count_error(who, 1, extra, lst)
    if not expect_list(who, lst):
        raise ClError("index", f"{who}: empty list")
    return lst


@fast_builtin(
    "head",
    "lst",
    doc="The first element; an error on [].",
    example="(head [1 2 3]) ⇒ 1",
    aliases=("car",),
)
def _head(lst: Any = _MISSING, *extra: Any) -> Any:
    if type(lst) is List and lst._len and not extra:
        return lst._store[lst._top]
    return _nonempty("head", lst, extra)


@fast_builtin(
    "tail",
    "lst",
    doc="All but the first element; an error on [].",
    example="(tail [1 2 3]) ⇒ [2 3]",
    aliases=("cdr",),
)
def _tail(lst: Any = _MISSING, *extra: Any) -> List:
    if type(lst) is List and lst._len and not extra:
        return tail_of(lst)
    return _nonempty("tail", lst, extra)


def _list_or_nil(who: str, lst: Any) -> List:
    return EMPTY if lst is None else expect_list(who, lst)


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
def _rest(lst: Any) -> List:
    items = _list_or_nil("rest", lst)
    return tail_of(items) if items else EMPTY


@builtin(
    "nth",
    "lst i",
    doc="Element i (0-based) of a list, tuple or string.",
    example="(nth [10 20 30] 1) ⇒ 20",
)
def _nth(lst: Any, i: Any) -> Any:
    items = lst.items if isinstance(lst, Tuple) else lst
    if not isinstance(items, List | tuple | str):
        fail("nth", "a list, tuple or string", lst)
    expect_int("nth", i)
    if not 0 <= i < len(items):
        raise ClError("index", f"nth: index {i} out of range for length {len(items)}")
    return items[i]


_SIZED = (List, str, Map, Set, Tuple)


def _sized(who: str, coll: Any, extra: tuple[Any, ...]) -> Any:
    """`coll`, or the error for calling `who` (length or empty?) with these arguments."""
    if coll is _MISSING or extra:
        raise _count_error(who, 1, extra, coll)
    if not isinstance(coll, _SIZED):
        fail(who, "a list, string, map, set or tuple", coll)
    return coll


@fast_builtin(
    "length",
    "coll",
    doc="Number of elements of a list, string, map, set or tuple.",
    example='(length "héllo") ⇒ 5',
)
def _length(coll: Any = _MISSING, *extra: Any) -> int:
    if type(coll) is List and not extra:
        return coll._len
    return len(_sized("length", coll, extra))


@fast_builtin(
    "empty?",
    "coll",
    doc="#t for an empty list, string, map or set, and for nil.",
    example="(empty? []) ⇒ #t",
)
def _is_empty(coll: Any = _MISSING, *extra: Any) -> bool:
    if type(coll) is List and not extra:
        return coll._len == 0
    if coll is None and not extra:
        return True
    return len(_sized("empty?", coll, extra)) == 0


@builtin(
    "null?",
    "x",
    doc="#t for nil and for the empty list; never an error.",
    example="(null? []) ⇒ #t",
)
def _is_null(x: Any) -> bool:
    return x is None or (type(x) is List and not x)


@builtin(
    "append",
    "...lsts",
    doc="The lists joined end to end.",
    example="(append [1] [2 3] []) ⇒ [1 2 3]",
)
def _append(*lsts: Any) -> List:
    for lst in lsts:
        expect_list("append", lst)
    if not lsts:
        return EMPTY
    front: list[Any] = []  # all but the last list are copied; the last one is shared
    for lst in lsts[:-1]:
        front.extend(lst)
    front.reverse()
    return from_reversed(front, lsts[-1])


@builtin("reverse", "seq", doc="A list or string reversed.", example="(reverse [1 2 3]) ⇒ [3 2 1]")
def _reverse(seq: Any) -> Any:
    if type(seq) is List:
        return seq.reverse()
    if not isinstance(seq, str):
        fail("reverse", "a list or string", seq)
    return seq[::-1]


@builtin(
    "range",
    "a [b] [step]",
    doc="(range n) is 0..n-1; (range a b [step]) counts from a up to, not including, b.",
    example="(range 1 10 3) ⇒ [1 4 7]",
)
def _range(a: Any, b: Any = None, step: Any = 1) -> List:
    start, stop = (0, a) if b is None else (a, b)
    for x in (start, stop, step):
        expect_int("range", x)
    if step == 0:
        raise value_error("range", "step must not be 0")
    return from_reversed(list(range(start, stop, step)[::-1]))


def _sliceable(who: str, seq: Any) -> Any:
    if not isinstance(seq, List | str):
        fail(who, "a list or string", seq)
    return seq


@builtin(
    "take",
    "n lst",
    doc="The first n elements (fewer if shorter).",
    example="(take 2 [1 2 3]) ⇒ [1 2]",
)
def _take(n: Any, lst: Any) -> Any:
    seq = _sliceable("take", lst)
    count = expect_count("take", n)
    return seq.take(count) if type(seq) is List else seq[:count]


@builtin("drop", "n lst", doc="All but the first n elements.", example="(drop 2 [1 2 3]) ⇒ [3]")
def _drop(n: Any, lst: Any) -> Any:
    seq = _sliceable("drop", lst)
    count = expect_count("drop", n)
    return seq.drop(count) if type(seq) is List else seq[count:]


@builtin(
    "zip",
    "lst ...more",
    doc="Lists of corresponding elements, as long as the shortest input.",
    example='(zip [1 2] ["a" "b"]) ⇒ [[1 "a"] [2 "b"]]',
    aliases=("list-zip",),
)
def _zip(*lsts: Any) -> List:
    for lst in lsts:
        expect_list("zip", lst)
    return from_iterable(map(of, *lsts))


@builtin(
    "flatten",
    "lst",
    doc="Nested lists flattened completely.",
    example="(flatten [1 [2 [3]] []]) ⇒ [1 2 3]",
)
def _flatten(lst: Any) -> List:
    out: list[Any] = []
    stack = [iter(expect_list("flatten", lst))]
    while stack:
        for item in stack[-1]:
            if type(item) is List:
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return from_iterable(out)


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
def _chunk(n: Any, lst: Any) -> List:
    size = _window_size("chunk", n)
    items = list(expect_list("chunk", lst))
    return from_iterable(from_iterable(items[i : i + size]) for i in range(0, len(items), size))


@builtin(
    "sliding-window",
    "n lst",
    doc="Every run of n consecutive elements, in order.",
    example="(sliding-window 2 [1 2 3]) ⇒ [[1 2] [2 3]]",
)
def _sliding_window(n: Any, lst: Any) -> List:
    size = _window_size("sliding-window", n)
    items = list(expect_list("sliding-window", lst))
    return from_iterable(from_iterable(items[i : i + size]) for i in range(len(items) - size + 1))


def _is_collection(x: Any) -> bool:
    return isinstance(x, List | str | Set | Map)


@builtin(
    "member?",
    "x coll",
    doc="#t if x is in a list or set, a key of a map, or a substring of a string.",
    example="(member? 2 [1 2 3]) ⇒ #t",
)
def _is_member(x: Any, coll: Any) -> bool:
    if not _is_collection(coll) and _is_collection(x):
        x, coll = coll, x
    if isinstance(coll, List):
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
    if not isinstance(lst, List | str) and isinstance(x, List | str):
        lst, x = x, lst
    if isinstance(lst, List):
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
def _list_unique(lst: Any) -> List:
    seen: dict[object, Any] = {}
    for item in expect_list("list-unique", lst):
        seen.setdefault(key_of(item), item)
    return from_iterable(seen.values())
