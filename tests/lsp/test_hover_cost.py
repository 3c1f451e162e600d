"""What a hover costs on a big document (issue 19): the earlier spellings it looks at are
those of the units around the cursor, not the whole module's (`Module.rewrites`, a list
made once per version: O(units) per keystroke), with the same answers."""

from __future__ import annotations

from claudelang.lsp.features.hover import earlier_spelling_hover
from claudelang.syntax import Module, parse
from hypothesis import given, settings
from hypothesis import strategies as st

UNITS = [
    '(effect io print "hello")',
    "(dotimes (i 3) (effect :io (print i)))",
    "(define (fact n) (loop [k n acc 1] (if (<= k 1) acc (recur (- k 1) (* acc k)))))",
    "(define (f x) (+ x 1))",
    "(loop [k 3] (when (> k 0) (recur (- k 1))",  # unclosed: the rest is hoisted out of it
    '(define s "unclosed',
]


def reference(module: Module, offset: int, anywhere: bool) -> tuple[int, int] | None:
    """The range the hover names, found among every earlier spelling of the module."""
    found = None
    for rewrite in module.rewrites:
        span = rewrite.span
        start = end = span.start_byte + 1
        while end < span.end_byte and module.data[end : end + 1] not in b" \t\r\n()[]{}":
            end += 1
        inside = span.start_byte <= offset <= span.end_byte if anywhere else start <= offset <= end and end > start
        if inside and (found is None or span.start_byte >= found[0]):
            found = span.start_byte, start, end
    return None if found is None else (found[1], found[2])


def hover_range(module: Module, offset: int, anywhere: bool) -> tuple[int, int] | None:
    hover = earlier_spelling_hover(module, offset, None, anywhere)
    if hover is None:
        return None
    lines, range_ = module.lines, hover.range
    return lines.offset(range_.start.line, range_.start.character), lines.offset(range_.end.line, range_.end.character)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(UNITS), min_size=1, max_size=8), st.sampled_from(["\n", "", " \n\n"]))
def test_the_hover_on_an_earlier_spelling_is_the_one_every_spelling_gives(units: list[str], gap: str) -> None:
    module = parse(gap.join(units))
    for offset in range(len(module.data) + 1):
        for anywhere in (False, True):
            assert hover_range(module, offset, anywhere) == reference(module, offset, anywhere)


def test_a_hover_reads_only_the_units_around_the_cursor(monkeypatch) -> None:
    module = parse("\n".join(UNITS[:3] * 50))
    expected = reference(module, 3, False)
    monkeypatch.setattr(Module, "rewrites", property(lambda _: (_ for _ in ()).throw(AssertionError("O(units)"))))
    assert expected is not None and hover_range(module, 3, False) == expected
