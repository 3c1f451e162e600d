"""Incremental parsing equals a fresh parse, after any sequence of edits (hypothesis)."""

from __future__ import annotations

from claudelang.ast import dump
from claudelang.ast.span import LineIndex
from claudelang.syntax import Document, Module, TextEdit, parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "(", ")", "[", "]", "{", "}", '"', "\\", ";", ";; %%", "\n", "\r\n", "\r", " ", ",",
    "define", "(define (f x) (+ x 1))", "let", "((x 1))", "x", "1", "-2.5", "é", "😀",
    ":k", "'", "#t", "nil", "\\n", "\\q", "(if)", "(lambda x)", "{1 2 3}", "...rest",
]  # fmt: skip

SEED = """(define (square x) (* x x))
;; %% cell
(define xs [1, 2, 3])
(let loop ((i 0) (acc 1))
  (if (< i 10) (loop (+ i 1) (* acc 2)) acc))
{"a" 1 :b "é😀"}
"""


def picture(module: Module) -> tuple[object, ...]:
    return (
        module.sexp(),
        [dump(form) for form in module.forms],
        [diag.key() for diag in module.diagnostics],
    )


def positions(text: str) -> st.SearchStrategy[tuple[int, int]]:
    lines = text.split("\n")
    return st.integers(0, len(lines)).flatmap(
        lambda line: st.tuples(st.just(line), st.integers(0, 8 + len(lines[min(line, len(lines) - 1)])))
    )


edit_strategy = st.tuples(
    st.integers(0, 40), st.integers(0, 12), st.integers(0, 3), st.integers(0, 6),
    st.lists(st.sampled_from(FRAGMENTS), max_size=3).map("".join),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit_strategy, min_size=1, max_size=12))
def test_incremental_equals_fresh_parse(edits: list[tuple[int, int, int, int, str]]) -> None:
    document = Document(SEED)
    for line, col, line_span, col_end, text in edits:
        start = (line % (document.module.lines.line_count + 1), col)
        end = (start[0] + line_span, col_end)
        if end < start:
            end = start
        document.apply_edits([TextEdit(start, end, text)])
        assert picture(document.module) == picture(parse(document.text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5), st.sampled_from(FRAGMENTS)), max_size=8))
def test_edits_apply_like_string_splicing(splices: list[tuple[int, int, str]]) -> None:
    """ASCII-only model: LSP positions map to the right offsets."""
    text = SEED.replace("é😀", "ee")
    document = Document(text)
    for offset, length, fragment in splices:
        fragment = fragment.replace("é", "e").replace("😀", "o").replace("\r", "")
        offset = min(offset, len(text))
        end = min(offset + length, len(text))
        start_pos = position_of(text, offset)
        end_pos = position_of(text, end)
        text = text[:offset] + fragment + text[end:]
        document.apply_edits([TextEdit(start_pos, end_pos, fragment)])
        assert document.text == text


def position_of(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def test_several_edits_in_one_change() -> None:
    document = Document("(a)\n(b)\n(c)\n")
    document.apply_edits([TextEdit((0, 1), (0, 2), "x"), TextEdit((2, 1), (2, 2), "zz")])
    assert document.text == "(x)\n(b)\n(zz)\n"
    assert picture(document.module) == picture(parse(document.text))


def test_unchanged_forms_are_reused_and_moved() -> None:
    document = Document("(define a 1)\n(define b 2)\n(define c 3)\n")
    before = document.module.forms
    document.apply_edits([TextEdit((0, 10), (0, 11), "100")])
    after = document.module.forms
    assert after[0] is not before[0]  # the edited form was lowered again
    assert after[1] is before[1] and after[2] is before[2]  # the others were reused
    assert after[2].span.start_byte == 28
    assert str(after[2].name.span.start) == "3:9"


def test_utf16_columns_follow_moved_forms() -> None:
    document = Document('"😀" (f x)\n')
    form = document.module.forms[1]
    assert (form.span.start.col, form.span.start.col16) == (4, 5)
    document.apply_edits([TextEdit((1, 0), (1, 0), "(g)\n")])
    assert document.module.forms[1] is form
    assert (form.span.start.col, form.span.start.col16) == (4, 5)


@settings(max_examples=300, deadline=None)
@given(st.lists(edit_strategy, min_size=1, max_size=8))
def test_line_index_updates_equal_a_fresh_index(edits: list[tuple[int, int, int, int, str]]) -> None:
    document = Document(SEED)
    for line, col, line_span, col_end, text in edits:
        start = (line % (document.module.lines.line_count + 1), col)
        end = (start[0] + line_span, max(col_end, 0))
        document.apply_edits([TextEdit(start, max(start, end), text)])
        assert document.module.lines.starts == LineIndex(document.module.data).starts


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40).map(lambda b: bytes(b"ab\n\r "[c % 5] for c in b)), st.data())
def test_tree_sitter_points_from_the_line_index(data: bytes, draw: st.DataObject) -> None:
    """`ts_point` reads rows off the line index when there is no `\\r`, and `point_after`
    counts only the bytes after a known point: both answer what counting `\\n` answers."""
    from claudelang.syntax.document import point_after, ts_point

    def counted(offset: int) -> tuple[int, int]:
        return data.count(b"\n", 0, offset), offset - (data.rfind(b"\n", 0, offset) + 1)

    offset = draw.draw(st.integers(0, len(data)))
    later = draw.draw(st.integers(offset, len(data)))
    point = ts_point(data, offset, LineIndex(data))
    assert tuple(point) == counted(offset)
    assert tuple(point_after(data, offset, point, later)) == counted(later)
