"""Every generated Python node carries the position of the ClaudeLang code it came from.

Hy's trick: compile a program, then the same program with a newline in front, and check
that every node of the generated Python moved down by exactly one line and kept its
columns. A node positioned from anything but the ClaudeLang source (a constant line, a
missing position filled with a default) would not move. The programs are the whole
conformance suite, which uses every special form.
"""

from __future__ import annotations

import ast as py_ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from claudelang.ast.diagnostic import Severity
from claudelang.compiler import CompileEnv, Compiler, compile_form
from claudelang.syntax import parse


def has_syntax_errors(path: Path) -> bool:
    return any(d.severity == Severity.ERROR for d in parse(path.read_text(encoding="utf-8")).diagnostics)


PROGRAMS = [
    path
    for path in sorted((Path(__file__).resolve().parents[1] / "conformance").rglob("*.cl"))
    if not has_syntax_errors(path)
]
ATTRIBUTES = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def compiled_nodes(text: str) -> list[list[py_ast.AST]]:
    """The generated Python nodes of each top-level form of `text`, in walk order."""
    module = parse(text)
    compiler = Compiler(CompileEnv(), "program.cl")
    return [list(walk(compile_form(compiler, form).module)) for form in module.forms]


def walk(node: py_ast.AST) -> Iterator[py_ast.AST]:
    """The nodes of `node` that carry positions (py_ast.walk includes operators and contexts)."""
    for child in py_ast.walk(node):
        if "lineno" in child._attributes:
            yield child


def test_there_are_programs() -> None:
    assert len(PROGRAMS) > 100


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda path: path.name)
def test_every_node_moves_with_the_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, after = compiled_nodes(text), compiled_nodes("\n" + text)
    assert len(before) == len(after)
    for form_before, form_after in zip(before, after, strict=True):
        assert [type(node) for node in form_before] == [type(node) for node in form_after]
        for old, new in zip(form_before, form_after, strict=True):
            positions = [getattr(old, name) for name in ATTRIBUTES]
            assert None not in positions, py_ast.dump(old)
            assert new.lineno == old.lineno + 1, py_ast.dump(old)
            assert new.end_lineno == old.end_lineno + 1, py_ast.dump(old)
            assert (new.col_offset, new.end_col_offset) == (old.col_offset, old.end_col_offset)


def test_positions_point_into_the_form() -> None:
    text = "(define x 1)\n\n(define (f a)\n  (let ((b (* a 2)))\n    (+ a b)))\n"
    nodes = compiled_nodes(text)
    assert {node.lineno for node in nodes[0]} == {1}
    assert {node.lineno for node in nodes[1]} <= {3, 4, 5}
    body = [node for node in nodes[1] if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.Mult)]
    assert [(node.lineno, node.col_offset) for node in body] == [(4, 11)]
