"""`IndexedFile.symbol_names`, the one string a workspace-symbol query is looked for in
before each name is tested: whatever the names, a query found in a lowercased name is
found there too (it may only let through files that have no match)."""

from __future__ import annotations

from pathlib import Path

from claudelang.analysis.summaries import FileSummary
from claudelang.analysis.workspace import IndexedFile
from hypothesis import given
from hypothesis import strategies as st


def entry_with(names: list[str]) -> IndexedFile:
    symbols = tuple((name, "function", (0, 0, 0, 1), f"({name})") for name in names)
    return IndexedFile(Path("/w/a.cl"), FileSummary("d", None, (), symbols, (), None))


@given(names=st.lists(st.text(min_size=1), min_size=1), data=st.data())
def test_a_query_in_a_name_is_in_the_names(names: list[str], data: st.DataObject) -> None:
    lowered = data.draw(st.sampled_from(names)).lower()
    start = data.draw(st.integers(0, len(lowered)))
    query = lowered[start : data.draw(st.integers(start, len(lowered)))]
    assert query in entry_with(names).symbol_names


def test_a_file_without_symbols_matches_only_the_empty_query() -> None:
    entry = entry_with([])
    assert "" in entry.symbol_names
    assert "f" not in entry.symbol_names
