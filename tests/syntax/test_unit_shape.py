"""The tree shape in a broken unit's key (`document.SHAPE`, `_lower.shape` in C) tells apart
at least the trees that py-tree-sitter's S-expression, the key it replaced, tells apart, and
is the same for the same tree: a unit is reused only where the S-expression allowed it.

The S-expression of a form an unclosed `"` stretched to the end of a 1 MB file cost ≈ 2 ms
on every keystroke while the quote was open (issue 19).
"""

from __future__ import annotations

from claudelang.syntax import document
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = ["(", ")", "[", "]", "{", "}", '"', "a", "1", " ", "\n", "'", ";", "#t", "é"]


def unit_nodes(source: str) -> list:
    root = document.thread_parser().parse(source.encode()).root_node
    return [node for node in root.children if node.has_error]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), min_size=1, max_size=6))
def test_equal_shapes_are_equal_s_expressions(sources: list[str]) -> None:
    nodes = [node for source in sources for node in unit_nodes(source)]
    by_shape: dict[bytes, str] = {}
    for node in nodes:
        shape = document.SHAPE(node)
        assert shape, "a unit with errors has a non-empty shape (its key tells it has errors)"
        assert document.SHAPE(node) == shape
        assert by_shape.setdefault(shape, str(node)) == str(node)
