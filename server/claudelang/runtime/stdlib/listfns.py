"""Higher-order and aggregate list builtins: map, filter, folds, sorting, searching, grouping.

Function arguments are plain Python callables — ClaudeLang closures, builtins and ADT
constructors alike — and are called directly; whatever they raise passes through.
Predicates use ClaudeLang truth (only #f and nil are false). Sorting is stable: `sort`
uses natural order or a "less than" predicate, `sort-by` sorts by a key function.
Results are built as Python lists by CPython's own loops (`map`, comprehensions, `sorted`)
and become one-segment `List`s (`plist.from_iterable`), so they index in O(1).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_function, expect_list, expect_numbers
from claudelang.runtime.containers import Map
from claudelang.runtime.equality import key_of
from claudelang.runtime.errors import ClError
from claudelang.runtime.ordering import sort_by_keys, sort_values, sort_with
from claudelang.runtime.plist import List, from_iterable, from_reversed, head, tail
from claudelang.runtime.values import truthy

builtin = partial(registry.builtin, family="lists")

_NONE = object()


@builtin(
    "map",
    "f lst ...more",
    doc="A list of (f x) for each x; with several lists, f takes one element of each.",
    example="(map + [1 2] [10 20]) ⇒ [11 22]",
)
def _map(f: Any, lst: Any, *more: Any) -> List:
    expect_function("map", f)
    if not more:
        return from_iterable(map(f, expect_list("map", lst)))
    for items in (lst, *more):
        expect_list("map", items)
    return from_iterable(map(f, lst, *more))


@builtin(
    "filter",
    "pred lst",
    doc="The elements for which (pred x) is true.",
    example="(filter odd? [1 2 3 4 5]) ⇒ [1 3 5]",
)
def _filter(pred: Any, lst: Any) -> List:
    expect_function("filter", pred)
    kept = [x for x in expect_list("filter", lst) if (keep := pred(x)) is not False and keep is not None]
    kept.reverse()
    return from_reversed(kept)


@builtin(
    "fold",
    "f init lst",
    doc="Left fold: (f (f init x1) x2) …; f takes (acc x).",
    example="(fold - 10 [1 2 3]) ⇒ 4",
)
def _fold(f: Any, init: Any, lst: Any) -> Any:
    expect_function("fold", f)
    acc = init
    for x in expect_list("fold", lst):
        acc = f(acc, x)
    return acc


@builtin(
    "foldr",
    "f init lst",
    doc="Right fold: (f x1 (f x2 … init)); f takes (x acc).",
    example="(foldr cons [] [1 2 3]) ⇒ [1 2 3]",
)
def _foldr(f: Any, init: Any, lst: Any) -> Any:
    expect_function("foldr", f)
    acc = init
    for x in reversed(expect_list("foldr", lst)):
        acc = f(x, acc)
    return acc


@builtin(
    "reduce",
    "f [init] lst",
    doc="Left fold; without init, starts from the first element (an error on []).",
    example="(reduce * [1 2 3 4]) ⇒ 24",
)
def _reduce(f: Any, init_or_lst: Any, lst: Any = _NONE) -> Any:
    expect_function("reduce", f)
    if lst is _NONE:
        items = expect_list("reduce", init_or_lst)
        if not items:
            raise ClError("value", "reduce: empty list and no initial value")
        return _fold(f, head(items), tail(items))
    return _fold(f, init_or_lst, expect_list("reduce", lst))


@builtin(
    "map-indexed",
    "f lst",
    doc="A list of (f i x) with i the 0-based index.",
    example="(map-indexed list [:a :b]) ⇒ [[0 :a] [1 :b]]",
)
def _map_indexed(f: Any, lst: Any) -> List:
    expect_function("map-indexed", f)
    return from_iterable([f(i, x) for i, x in enumerate(expect_list("map-indexed", lst))])


@builtin(
    "for-each",
    "f lst",
    doc="Call (f x) for each x, for its effects; returns nil.",
    example="(for-each identity [1 2]) ⇒ nil",
)
def _for_each(f: Any, lst: Any) -> None:
    expect_function("for-each", f)
    for x in expect_list("for-each", lst):
        f(x)


@builtin(
    "sort",
    "lst [less?]",
    doc="The list in natural order (numbers, strings…), or ordered by a less-than predicate.",
    example="(sort [3 1 2]) ⇒ [1 2 3]",
    aliases=("list-sort",),
)
def _sort(lst: Any, less: Any = None) -> List:
    if callable(lst) and isinstance(less, List):
        lst, less = less, lst
    items = expect_list("sort", lst)
    if less is None:
        return from_iterable(sort_values(items, "sort"))
    return from_iterable(sort_with(items, expect_function("sort", less)))


@builtin(
    "sort-by",
    "f lst",
    doc="The list ordered by the natural order of (f x); stable.",
    example='(sort-by string-length ["ccc" "a" "bb"]) ⇒ ["a" "bb" "ccc"]',
)
def _sort_by(f: Any, lst: Any) -> List:
    expect_function("sort-by", f)
    items = list(expect_list("sort-by", lst))
    return from_iterable(sort_by_keys(items, [f(x) for x in items], "sort-by"))


@builtin(
    "any?",
    "pred lst",
    doc="#t if (pred x) is true for some x.",
    example="(any? even? [1 3 4]) ⇒ #t",
)
def _any(pred: Any, lst: Any) -> bool:
    expect_function("any?", pred)
    return any(truthy(pred(x)) for x in expect_list("any?", lst))


@builtin("all?", "pred lst", doc="#t if (pred x) is true for every x.", example="(all? even? [2 4]) ⇒ #t")
def _all(pred: Any, lst: Any) -> bool:
    expect_function("all?", pred)
    return all(truthy(pred(x)) for x in expect_list("all?", lst))


@builtin(
    "find",
    "pred lst",
    doc="The first x for which (pred x) is true, else nil.",
    example="(find even? [1 4 6]) ⇒ 4",
    aliases=("list-find",),
)
def _find(pred: Any, lst: Any) -> Any:
    expect_function("find", pred)
    return next((x for x in expect_list("find", lst) if truthy(pred(x))), None)


@builtin(
    "list-partition",
    "pred lst",
    doc="[matching non-matching]: the list split by pred.",
    example="(list-partition even? [1 2 3 4]) ⇒ [[2 4] [1 3]]",
)
def _list_partition(pred: Any, lst: Any) -> List:
    expect_function("list-partition", pred)
    yes: list[Any] = []
    no: list[Any] = []
    for x in expect_list("list-partition", lst):
        (yes if truthy(pred(x)) else no).append(x)
    return from_iterable([from_iterable(yes), from_iterable(no)])


@builtin(
    "group-by",
    "f lst",
    doc="A map from (f x) to the list of those x, keys in first-seen order.",
    example="(group-by even? [1 2 3]) ⇒ {#f [1 3] #t [2]}",
)
def _group_by(f: Any, lst: Any) -> Map:
    expect_function("group-by", f)
    groups: dict[object, tuple[Any, list[Any]]] = {}
    for x in expect_list("group-by", lst):
        key = f(x)
        groups.setdefault(key_of(key), (key, []))[1].append(x)
    return Map((key, from_iterable(members)) for key, members in groups.values())


@builtin("sum", "lst", doc="Sum of a list of numbers; 0 for [].", example="(sum [1 2 3.5]) ⇒ 6.5")
def _sum(lst: Any) -> int | float:
    return sum(expect_numbers("sum", expect_list("sum", lst)))


@builtin(
    "product",
    "lst",
    doc="Product of a list of numbers; 1 for [].",
    example="(product [2 3 4]) ⇒ 24",
)
def _product(lst: Any) -> int | float:
    total: int | float = 1
    for x in expect_numbers("product", expect_list("product", lst)):
        total *= x
    return total
