"""A summary read back from the index cache's JSON (`summaries.from_json`) is the summary
that was stored, and anything that is not exactly a summary is refused: a cache file is
not trusted."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest
from claudelang.analysis.summaries import BadSummary, FileSummary, from_json
from claudelang.analysis.workspace import WorkspaceIndex
from hypothesis import given, settings
from hypothesis import strategies as st

SOURCES = {
    "lib.cl": "(module lib (export f g Point)\n  (define (f x . more) x)\n  (define g 1)\n"
    "  (data Shape (Point x y))\n  (define (h) (f 1)))\n",
    "main.cl": '(import "lib" (f g))\n(define (twice z) (f (f z)))\n(print (car 1 2))\n(print g)\n',
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> list[FileSummary]:
    root = tmp_path_factory.mktemp("summaries")
    for name, text in SOURCES.items():
        (root / name).write_text(text)
    index = WorkspaceIndex([root], lambda path: path.read_bytes())
    paths = [root / name for name in SOURCES]
    for path in paths:
        index.add(path, index.summarised(path, path.read_text()).summary)
    return [index.summarised(path, path.read_text()).summary for path in paths]


def test_a_stored_summary_reads_back_equal(stored: list[FileSummary]) -> None:
    assert all(summary.symbols for summary in stored) and any(summary.steps for summary in stored)
    for summary in stored:
        assert from_json(json.loads(summary.to_text())) == summary


LEAVES = st.sampled_from([True, None, 1.5, "x", -1, [], {}, [1, 2, 3, 4]])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), leaf=LEAVES)
def test_a_symbol_or_step_with_a_field_of_another_type_is_refused(
    stored: list[FileSummary], data: st.DataObject, leaf: object
) -> None:
    summary = json.loads(stored[1].to_text())
    field = data.draw(st.sampled_from(["symbols", "steps"]))
    items = summary[field]
    item = items[data.draw(st.integers(0, len(items) - 1))]
    position = data.draw(st.integers(0, len(item) - 1))
    path = [position]
    if isinstance(item[position], list):  # a symbol's range
        path.append(data.draw(st.integers(0, len(item[position]) - 1)))
    old = item[path[0]] if len(path) == 1 else item[path[0]][path[1]]
    if type(old) is type(leaf):
        return  # the same type: a summary of other values, not a bad one
    broken = copy.deepcopy(item)
    if len(path) == 1:
        broken[path[0]] = leaf
    else:
        broken[path[0]][path[1]] = leaf
    items[items.index(item)] = broken
    with pytest.raises(BadSummary):
        from_json(summary)


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s["symbols"][0].__setitem__(1, "not a kind"),
        lambda s: s["symbols"][0].append("extra"),
        lambda s: s["symbols"][0][2].pop(),
        lambda s: s["steps"][0].pop(),
        lambda s: s.__setitem__("symbols", "f"),
        lambda s: s.__setitem__("extra", 1),
    ],
)
def test_a_wrong_shape_is_refused(stored: list[FileSummary], change: Callable[[dict], object]) -> None:
    summary = json.loads(stored[1].to_text())
    change(summary)
    with pytest.raises(BadSummary):
        from_json(summary)


def test_kinds_are_shared_strings(stored: list[FileSummary]) -> None:
    first, second = (from_json(json.loads(summary.to_text())) for summary in stored)
    kinds = {id(kind) for _name, kind, _range, _signature in first.symbols + second.symbols if kind == "function"}
    assert len(kinds) == 1
