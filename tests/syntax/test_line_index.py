"""`LineIndex.edited` (issue 19): an index edited any number of times answers every query
as a fresh index of the same text does, while an edit rescans only the blocks it touched
and leaves the later blocks' starts where they are (their deltas change).

Before, every keystroke copied and shifted the start of every later line: ≈ 0.5-1 ms per
keystroke on a 1 MB document.
"""

from __future__ import annotations

from claudelang.ast.span import LineIndex
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [b"a", b"(", b" ", b"\r", b"\n", b"\r\n", "é".encode(), "😀".encode()]
TEXT = st.lists(st.sampled_from(PIECES), max_size=80).map(b"".join)
EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 12), TEXT), min_size=1, max_size=10)


def assert_same_answers(index: LineIndex, fresh: LineIndex) -> None:
    data = fresh.data
    assert index.line_count == fresh.line_count
    for offset in range(-1, len(data) + 2):
        assert index.line_of(offset) == fresh.line_of(offset)
        assert index.position(offset) == fresh.position(offset)
        assert index.line_start_at(max(0, offset)) == fresh.line_start(max(0, fresh.line_of(max(0, offset))))
    for line in range(-1, fresh.line_count + 1):
        if 0 <= line < fresh.line_count:
            assert index.line_start(line) == fresh.line_start(line)
            assert index.line_end(line) == fresh.line_end(line)
        for col16 in range(6):
            assert index.offset(line, col16) == fresh.offset(line, col16)
    assert index.starts == fresh.starts


@settings(max_examples=300, deadline=None)
@given(TEXT, EDITS, st.sampled_from([1, 2, 3, 256]))
def test_an_edited_index_answers_as_a_fresh_one(text: bytes, edits: list[tuple[int, int, bytes]], block: int) -> None:
    saved, LineIndex.BLOCK = LineIndex.BLOCK, block  # small blocks: edits across several of them
    try:
        data, index = text, LineIndex(text)
        for where, length, inserted in edits:
            start = where % (len(data) + 1)
            end = min(len(data), start + length)
            data = data[:start] + inserted + data[end:]
            index = index.edited(start, end, inserted, data)
            assert_same_answers(index, LineIndex(data))
    finally:
        LineIndex.BLOCK = saved


def test_an_edit_leaves_the_later_blocks_in_place() -> None:
    data = b"(f x)\n" * 100_000
    index = LineIndex(data)
    middle = len(data) // 2
    edited = index.edited(middle, middle, b"(g\n", data[:middle] + b"(g\n" + data[middle:])
    later = index._blocks[-10:]
    assert all(new is old for new, old in zip(edited._blocks[-10:], later, strict=True))
    assert edited._flat is None  # no flat list of every line start was made
    assert edited.line_start(edited.line_count - 1) == len(data) + 3  # the empty last line
