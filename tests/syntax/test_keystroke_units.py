"""A keystroke's units (issue 19): what the typing path reuses equals a fresh lowering.

While one types, `apply_edits(settle=False)` keeps tree-sitter's incremental tree, and the
units are built from it reusing the last version's: units before and after the edit are
matched in C (`_lower.scan_units`), including the forms an unclosed bracket swallowed,
which are hoisted into units of their own (`unit_nodes`); only the units in between go
through Python. Whatever was reused must be exactly what lowering that same tree afresh
gives, in C and in the Python reference, and the Python work per keystroke must be the
units the edit touched, not the units the file holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from claudelang.ast import dump
from claudelang.syntax import Document, Module, TextEdit, parse
from claudelang.syntax import document as doc
from hypothesis import given, settings
from hypothesis import strategies as st

FORMS = [
    '(define (greet name)\n  (io:print "hello" name))',
    "(spec:contract area :requires [(> r 0)] :ensures [(number? result)])",
    "(define (area r)\n  (let ((pi 3.14))\n    (* pi r r)))",
    ";; a comment\n(define xs [1 2 3])",
    '(define config {"name" "unit" :size 2})',
    "(define (total xs)\n  (fold + 0 xs))",
    '(io:print "total" (total xs))',
]
SOURCE = "\n\n".join(FORMS) + "\n"
# A function typed in full, brackets left open until its end (a quote opened mid-file is
# another story: every later string's quotes change sides, and the forms between them
# change with them).
TYPED = "(define (f x)\n  (let ((n (g {:a x})))\n    [n (h x)]))\n"


def unit_picture(module: Module) -> list[object]:
    """Every unit as the later stages read it: its key, text, place, forms and diagnostics."""
    return [
        (
            unit.key,
            unit.anchor.text,
            unit.anchor.base_byte,
            unit.anchor.base,
            [dump(form) for form in unit.forms],
            [diagnostic.key() for diagnostic in unit.diagnostics],
        )
        for unit in module.units
    ]


def lowered_afresh(module: Module) -> Module:
    """The same tree lowered with nothing to reuse."""
    return doc.build_module(module.text, module.data, module.tree, [], module.version)


@contextmanager
def python_scan() -> Iterator[None]:
    """The Python reference (`unit_nodes`, `untouched_ends`) instead of `_lower.scan_units`."""
    scan, doc.SCAN = doc.SCAN, None
    try:
        yield
    finally:
        doc.SCAN = scan


class Counting:
    """Counts the units `lower_middle` (the Python path) is given per keystroke."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.units = 0
        lower_middle = doc.lower_middle

        def counted(nodes: list[doc.UnitNode], *args: object, **kwargs: object) -> list[doc.Unit]:
            self.units += len(nodes)
            return lower_middle(nodes, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(doc, "lower_middle", counted)


def offset_edit(document: Document, start: int, end: int, text: str) -> TextEdit:
    """The LSP edit replacing bytes [start, end) of an ASCII document."""
    lines = document.module.lines
    to_lsp = lambda offset: (lines.line_of(offset), offset - lines.starts[lines.line_of(offset)])  # noqa: E731
    return TextEdit(to_lsp(start), to_lsp(end), text)


keystrokes = st.lists(
    st.tuples(st.floats(0, 1), st.sampled_from(["(", ")", '"', "[", "]", "x", " ", "\n", None])),
    min_size=1,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(keystrokes)
def test_each_keystroke_reuses_exactly_what_a_fresh_lowering_of_its_tree_gives(
    strokes: list[tuple[float, str | None]],
) -> None:
    """Characters typed or deleted anywhere (brackets and quotes left open included); after
    each one, the units the C scan reused and those the Python reference reused equal the
    Python lowering of the same tree afresh, and the records kept for the next keystroke
    (and the indices of the units with diagnostics or rewrites) equal a fresh scan's;
    settled, the units equal a fresh parse's."""
    native, reference = Document(SOURCE), Document(SOURCE)
    for where, char in strokes:
        size = len(native.module.data)
        at = min(size, int(where * size))
        start, end, text = (at, at, char) if char is not None else (max(0, at - 1), at, "")
        native.apply_edits([offset_edit(native, start, end, text)], settle=False)
        with python_scan():
            reference.apply_edits([offset_edit(reference, start, end, text)], settle=False)
        with python_scan():
            expected = unit_picture(lowered_afresh(native.module))
        assert unit_picture(native.module) == expected
        assert unit_picture(reference.module) == expected
        for module in (native.module, reference.module):  # carried across the edit: the same
            assert module.notable == doc.notable_units(module.units)
        if doc.SCAN is not None and native.module.tree.root_node.type != "ERROR":
            assert native.module.tops == lowered_afresh(native.module).tops
    native.settle()  # typing pauses: the units equal those of a fresh parse of the text
    assert unit_picture(native.module) == unit_picture(parse(native.text))


@pytest.mark.skipif(doc.SCAN is None, reason="the C scan is not loaded")
def test_typing_a_function_in_the_middle_lowers_only_the_typed_unit_in_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the typed `(` is unclosed, tree-sitter puts every later form inside it; those
    are matched and moved in C, so Python sees the typed unit only, however many follow."""
    source = "\n\n".join(FORMS * 20) + "\n"
    middle = source.index("\n\n", len(source) // 2) + 2
    document = Document(source)
    counting = Counting(monkeypatch)
    worst = 0
    for index, char in enumerate(TYPED):
        counting.units = 0
        document.apply_edits([offset_edit(document, middle + index, middle + index, char)], settle=False)
        worst = max(worst, counting.units)
    assert len(document.module.units) > 100
    assert worst <= 2
    assert unit_picture(document.module) == unit_picture(lowered_afresh(document.module))


@pytest.mark.skipif(doc.SCAN is None, reason="the C scan is not loaded")
def test_the_c_scan_reads_a_long_file_as_the_reference_does() -> None:
    """Two thousand top-level forms with comments between (the root's hidden repetition
    nodes over them a dozen deep, which `_lower.collect` flattens itself), and a function
    typed in the middle whose open brackets swallow the rest of the file: after each
    keystroke the C scan's units and records equal the Python reference's."""
    source = "\n; note\n".join(FORMS * 300) + "\n"
    middle = source.index("\n(", len(source) // 2) + 1
    native, reference = Document(source), Document(source)
    for index, char in enumerate(TYPED[:24]):
        native.apply_edits([offset_edit(native, middle + index, middle + index, char)], settle=False)
        with python_scan():
            reference.apply_edits([offset_edit(reference, middle + index, middle + index, char)], settle=False)
        assert unit_picture(native.module) == unit_picture(reference.module)
    assert native.module.tops == lowered_afresh(native.module).tops
    assert len(native.module.units) > 2000
