"""An `Anchor`'s positions (issue 19): the same as from a scan of its whole text, while a
position near its start scans only the text up to it.

A form broken by an unclosed bracket gets an anchor holding the rest of the file; every
keystroke makes a new one, and the first position asked of it (a diagnostic, a hover, its
semantic tokens) scanned the line breaks of all that text: ≈ 2 ms per keystroke on 1 MB.
"""

from __future__ import annotations

import sys

from claudelang.ast import span
from claudelang.ast.span import Anchor, Position, line_starts
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [b"a", b"(", b" ", b"\r", b"\n", b"\r\n", "é".encode(), "😀".encode()]


def whole_text_anchor(text: bytes, base: Position) -> Anchor:
    anchor = Anchor(text, 7, base)
    anchor._breaks = (sys.maxsize, line_starts(text))
    return anchor


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=6000).map(b"".join),
    st.lists(st.integers(0, 20_000), max_size=12),
)
def test_positions_equal_those_of_a_whole_text_scan(text: bytes, offsets: list[int]) -> None:
    base = Position(3, 4, 5)
    anchor, reference = Anchor(text, 7, base), whole_text_anchor(text, base)
    for offset in offsets:  # in any order: the scanned prefix only grows
        assert anchor.position(offset) == reference.position(offset)


def test_a_position_near_the_start_of_a_long_text_scans_only_a_prefix(monkeypatch) -> None:
    scanned: list[int] = []

    def counting(data: bytes) -> list[int]:
        scanned.append(len(data))
        return line_starts(data)

    monkeypatch.setattr(span, "line_starts", counting)
    text = b"(define (f x)\n  (+ x 1\n" + b"(define (g y) y)\n" * 60_000  # ≈ 1 MB after the break
    anchor = Anchor(text, 0, Position(0, 0, 0))
    assert anchor.position(20) == Position(1, 6, 6)
    assert anchor.span(0, 22).end == Position(1, 8, 8)
    assert sum(scanned) <= 4096
    assert anchor.position(len(text)) == Position(60_002, 0, 0)  # the end still scans it all
