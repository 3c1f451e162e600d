"""Persistent lists, maps and sets (issue 14): complexity, deep recursion, and model tests.

The complexity tests count allocated bytes with `tracemalloc`, never wall-clock time: a
`tail` or `cons` on a 10^6-element list, a `dict-set` or `set-add` on a 10^5-entry map or
set must allocate a small constant amount, where the tuple- and dict-copying
implementations allocated megabytes. The model tests run random programs of list, map and
set operations through the real builtins and compare every result with plain Python lists,
dicts and sets (printed form included, for the insertion order).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

from claudelang import Session
from claudelang.runtime import lookup
from claudelang.runtime.printer import show
from hypothesis import given, settings
from hypothesis import strategies as st

SMALL = 10_000  # bytes: a few small objects, whatever the size of the collection


def fn(name: str) -> Callable[..., Any]:
    return lookup(name).fn


def allocated(work: Callable[[], object]) -> int:
    """Peak bytes allocated while running `work` (what it keeps and what it drops)."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_tail_cons_rest_drop_of_a_million_element_list_allocate_constant_memory() -> None:
    big = fn("range")(1_000_000)
    built = fn("cons")(-1, fn("cons")(-2, big))
    for work in (
        lambda: fn("tail")(big),
        lambda: fn("rest")(big),
        lambda: fn("cons")(0, big),
        lambda: fn("cons")(0, fn("tail")(built)),
        lambda: fn("drop")(3, built),
        lambda: fn("length")(built),
        lambda: fn("nth")(big, 999_999),
    ):
        assert allocated(work) < SMALL


def test_pattern_rest_is_shared_not_copied() -> None:
    session = Session(jit="off")
    session.eval("(define (rest-of l) (match l ([x y ...more] more) (_ [])))")
    big = fn("range")(1_000_000)
    rest_of = session.globals["rest-of"]
    assert allocated(lambda: rest_of(big)) < SMALL
    assert fn("length")(rest_of(big)) == 999_998


def test_map_and_set_updates_allocate_logarithmic_memory() -> None:
    keys = list(range(100_000))
    table = fn("dict-new")(*[x for k in keys for x in (k, k)])
    items = fn("set-from-list")(fn("range")(100_000))
    for work in (
        lambda: fn("dict-set")(table, -1, 0),
        lambda: fn("dict-set")(table, 5, 0),
        lambda: fn("dict-remove")(table, 5),
        lambda: fn("set-add")(items, -1),
    ):
        assert allocated(work) < SMALL


def test_non_tail_recursion_over_a_hundred_thousand_element_list_finishes() -> None:
    session = Session(jit="off")
    source = """
    (define (sum-list l) (if (empty? l) 0 (+ (head l) (sum-list (tail l)))))
    (define (build n) (if (= n 0) [] (cons n (build (- n 1)))))
    (define (copy l) (match l ([] []) ([x ...more] (cons x (copy more)))))
    [(sum-list (range 100000)) (length (build 100000)) (sum-list (copy (range 100000)))]
    """
    assert show(session.eval(source)) == "[4999950000 100000 4999950000]"


def test_cons_built_lists_stay_correct_when_shared() -> None:
    session = Session(jit="off")
    source = """
    (define base (cons 1 (cons 2 [])))
    (define a (cons :a base))
    (define b (cons :b base))
    (define c (cons :c (tail a)))
    [a b c base (nth c 1) (reverse a) (append a b)]
    """
    assert show(session.eval(source)) == "[[:a 1 2] [:b 1 2] [:c 1 2] [1 2] 1 [2 1 :a] [:a 1 2 :b 1 2]]"


# --- model tests: every list operation against a Python list --------------------------------

values = st.integers(-5, 5)
LIST_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("cons"), values),
        st.tuples(st.just("tail"), st.none()),
        st.tuples(st.just("rest"), st.none()),
        st.tuples(st.just("drop"), st.integers(0, 4)),
        st.tuples(st.just("take"), st.integers(0, 6)),
        st.tuples(st.just("reverse"), st.none()),
        st.tuples(st.just("append"), st.lists(values, max_size=3)),
        st.tuples(st.just("map"), st.none()),
        st.tuples(st.just("filter"), st.none()),
        st.tuples(st.just("sort"), st.none()),
        st.tuples(st.just("branch"), values),  # cons onto an older version: stores are shared
    ),
    max_size=30,
)


def apply_list_op(op: str, arg: Any, lst: Any, model: list[int], older: tuple[Any, list[int]]) -> Any:
    """(new ClaudeLang list, new model) after `op`; `older` is an earlier version to branch from."""
    if op == "cons":
        return fn("cons")(arg, lst), [arg, *model]
    if op in ("tail", "rest"):
        if not model:
            return lst, model
        return fn(op)(lst), model[1:]
    if op == "drop":
        return fn("drop")(arg, lst), model[arg:]
    if op == "take":
        return fn("take")(arg, lst), model[:arg]
    if op == "reverse":
        return fn("reverse")(lst), model[::-1]
    if op == "append":
        return fn("append")(lst, fn("list")(*arg)), model + arg
    if op == "map":
        return fn("map")(fn("-"), lst), [-x for x in model]
    if op == "filter":
        return fn("filter")(fn("odd?"), lst), [x for x in model if x % 2]
    if op == "sort":
        return fn("sort")(lst), sorted(model)
    old_list, old_model = older
    return fn("cons")(arg, old_list), [arg, *old_model]


def check_list(lst: Any, model: list[int]) -> None:
    assert show(lst) == "[" + " ".join(map(str, model)) + "]"
    assert fn("length")(lst) == len(model) and fn("empty?")(lst) == (not model)
    assert list(lst) == model
    for i, x in enumerate(model):
        assert fn("nth")(lst, i) == x
    if model:
        assert fn("head")(lst) == model[0] and fn("last")(lst) == model[-1]
    assert fn("=")(lst, fn("list")(*model)) is True


@settings(max_examples=300, deadline=None)
@given(st.lists(values, max_size=8), LIST_OPS)
def test_list_operations_agree_with_python_lists(start: list[int], ops: list[tuple[str, Any]]) -> None:
    lst, model = fn("list")(*start), list(start)
    history = [(lst, model)]
    for op, arg in ops:
        lst, model = apply_list_op(op, arg, lst, model, history[len(history) // 2])
        history.append((lst, list(model)))
        check_list(lst, model)
    for old, old_model in history:  # no later operation changed an earlier list
        check_list(old, old_model)


# --- model tests: maps and sets against dicts and sets -------------------------------------

keys = st.one_of(st.integers(-3, 3), st.sampled_from([1.0, 2.5, True, False, "a"]))
MAP_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), keys, values),
        st.tuples(st.just("remove"), keys, st.none()),
        st.tuples(st.just("merge"), keys, values),
    ),
    max_size=30,
)


def model_key(key: Any) -> Any:
    """ClaudeLang map keys: 1 and 1.0 are one key, #t and 1 are two."""
    return (type(key) is bool, key)


def show_model(model: dict[Any, tuple[Any, Any]]) -> str:
    return "{" + " ".join(f"{show(k)} {show(v)}" for k, v in model.values()) + "}"


def apply_map_op(op: str, table: Any, model: dict[Any, tuple[Any, Any]], key: Any, value: Any) -> tuple[Any, dict]:
    """`op` ("set", "remove" or "merge") applied to the map `table` through the builtins,
    and to a copy of its model."""
    model = dict(model)
    if op == "set":
        table = fn("dict-set")(table, key, value)
        model[model_key(key)] = (key, value)
    elif op == "remove":
        table = fn("dict-remove")(table, key)
        model.pop(model_key(key), None)
    else:
        table = fn("dict-merge")(table, fn("dict-new")(key, value))
        model[model_key(key)] = (key, value)
    return table, model


@settings(max_examples=300, deadline=None)
@given(MAP_OPS)
def test_map_operations_agree_with_python_dicts(ops: list[tuple[str, Any, Any]]) -> None:
    table, model = fn("dict-new")(), {}
    history = [(table, dict(model))]
    for op, key, value in ops:
        table, model = apply_map_op(op, table, model, key, value)
        history.append((table, model))
    for old, old_model in history:
        assert show(old) == show_model(old_model)
        assert fn("dict-size")(old) == len(old_model)
        for key, value in old_model.values():
            assert fn("dict-has?")(old, key) and fn("dict-get")(old, key) == value
        assert show(fn("dict-keys")(old)) == show(fn("list")(*[key for key, _ in old_model.values()]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), keys), max_size=30))
def test_set_operations_agree_with_python_sets(ops: list[tuple[bool, Any]]) -> None:
    items, model = fn("set-new")(), {}
    history = [(items, dict(model))]
    for add, item in ops:
        if add:
            items = fn("set-add")(items, item)
            model.setdefault(model_key(item), item)
        else:
            items = fn("set-difference")(items, fn("set-new")(item))
            model.pop(model_key(item), None)
        history.append((items, dict(model)))
    for old, old_model in history:
        assert show(old) == "#{" + " ".join(map(show, old_model.values())) + "}"
        assert all(fn("set-has?")(old, item) for item in old_model.values())
        other = fn("set-from-list")(fn("list")(*old_model.values()))
        assert fn("=")(old, other) is True and hash(old) == hash(other)
        assert show(fn("set-union")(old, other)) == show(old)
        assert show(fn("set-intersection")(old, other)) == show(old)
