"""Maps as version chains (`runtime/containers.py`): every version keeps its contents, whatever
order versions are updated and read in, and the costs stay amortised O(1) or O(log n).

A map updated linearly owns a dict and turns its old versions into diffs; reading or
updating an old version materialises tries. The model test forks and reads random versions
(the newest, one a few diffs back, one far back) so that every state and every transition
between them is taken, and compares each with a plain Python model, printed order, size,
equality and hash included. The cost tests count the O(n) conversions from a dict to a
trie (never wall-clock time) and allocated bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import immutables
import pytest
from claudelang.runtime import containers, lookup
from claudelang.runtime.containers import Map
from claudelang.runtime.plist import of
from claudelang.runtime.printer import show
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.runtime.test_persistent import SMALL, allocated, apply_map_op, show_model


def fn(name: str) -> Callable[..., Any]:
    return lookup(name).fn


KEYS = st.sampled_from([0, 1, 1.0, 2, True, False, "a", "b", None, of(1, 2), of(True), (1,), (1.0,)])
VALUES = st.integers(-3, 3)
# (operation, which version: 0 the newest, 1..WALK+2 that many back, -1 the oldest, or random)
WHICH = st.one_of(st.integers(0, containers.WALK + 2), st.just(-1))
OPS = st.lists(
    st.tuples(st.sampled_from(["set", "set", "set", "remove", "merge", "read"]), WHICH, KEYS, VALUES),
    max_size=60,
)


def check(table: Map, model: dict[Any, tuple[Any, Any]]) -> None:
    assert show(table) == show_model(model)
    assert len(table) == len(model)
    for key, value in model.values():
        assert table.get(key, "absent") == value and key in table
    fresh = Map(model.values())
    assert table == fresh and hash(table) == hash(fresh)


@settings(max_examples=400, deadline=None)
@given(OPS)
def test_every_version_agrees_with_a_model_whatever_the_order_of_updates_and_reads(
    ops: list[tuple[str, int, Any, int]],
) -> None:
    versions: list[tuple[Map, dict[Any, tuple[Any, Any]]]] = [(fn("dict-new")(), {})]
    for op, back, key, value in ops:
        table, model = versions[max(len(versions) - 1 - back, 0) if back >= 0 else 0]
        if op == "read":
            check(table, model)
            continue
        versions.append(apply_map_op(op, table, model, key, value))
    for table, model in reversed(versions):
        check(table, model)


def test_a_linear_update_writes_the_newest_dict_in_place() -> None:
    table = fn("dict-new")()
    for i in range(100):
        table = fn("dict-set")(table, i, i)
    newest = fn("dict-set")(table, 100, 100)
    assert newest._table is not None and table._table is None  # the dict moved on
    assert table.get(100) is None and newest.get(100) == 100
    big = Map((i, i) for i in range(100_000))
    for _ in range(30_000):  # a quarter of its size in linear updates: a dict again
        big = fn("dict-set")(big, -1, 0)
    owner = big
    assert allocated(lambda: fn("dict-set")(owner, -2, 0)) < SMALL


class CountingTries:
    """`immutables`, counting the entries of the tries made from a whole dict (an O(n)
    conversion)."""

    def __init__(self) -> None:
        self.converted = 0

    def Map(self, *args: Any) -> immutables.Map:  # stands in for immutables.Map
        if args and isinstance(args[0], dict):
            self.converted += len(args[0])
        return immutables.Map(*args)


@pytest.fixture
def tries(monkeypatch: pytest.MonkeyPatch) -> CountingTries:
    counting = CountingTries()
    monkeypatch.setattr(containers, "immutables", counting)
    return counting


def history(n: int) -> list[Map]:
    versions = [fn("dict-new")()]
    for i in range(n):
        versions.append(fn("dict-set")(versions[-1], i, i))
    return versions


@pytest.mark.parametrize("order", ["newest first", "oldest first"])
def test_reading_every_old_version_converts_the_dict_once(tries: CountingTries, order: str) -> None:
    n = 20_000
    versions = history(n)
    indexes = range(len(versions) - 1, -1, -1) if order == "newest first" else range(len(versions))
    for i in indexes:
        assert len(versions[i]) == i and versions[i].get(i - 1) == (i - 1 if i else None)
    assert tries.converted <= n


def test_reading_a_version_a_little_behind_after_every_update_stays_linear(tries: CountingTries) -> None:
    n = 20_000
    versions = [fn("dict-new")()]
    for i in range(n):
        versions.append(fn("dict-set")(versions[-1], i, i))
        behind = versions[max(len(versions) - 1 - 2 * containers.WALK, 0)]
        assert behind.get(0) == (0 if len(versions) > 2 * containers.WALK + 1 else None)
        del versions[: -2 * containers.WALK - 1]
    # a conversion of s entries is followed by s/4 trie updates before the next: the sizes
    # converted grow geometrically, by 5/4, so they add up to at most 5n
    assert tries.converted <= 5 * n


def test_forking_the_newest_version_keeps_both_branches(tries: CountingTries) -> None:
    base = history(5_000)[-1]
    before = tries.converted
    left, right = fn("dict-set")(base, "side", "left"), fn("dict-set")(base, "side", "right")
    assert (left.get("side"), right.get("side"), base.get("side")) == ("left", "right", None)
    assert len(left) == len(right) == len(base) + 1
    assert tries.converted - before <= 5_001  # once, when `base` was updated the second time


def test_a_long_chain_of_old_versions_is_freed_without_deep_recursion() -> None:
    versions = history(300_000)
    del versions  # 300,000 diffs, each holding the next: freed one after another
