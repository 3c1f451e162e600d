"""Concrete-syntax queries for editor features that need more than the AST.

The AST drops what evaluation does not need (the head symbol of a special form, comments,
bracket positions); highlighting, folding and selection ranges read them from the
tree-sitter tree here, so that no other package has to import `tree_sitter`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node as TsNode

from claudelang.syntax.document import Module
from claudelang.syntax.lower import COLLECTIONS, FORM_TYPES, NATIVE, SPECIAL_FORMS

CLAUSE_HEADS = frozenset({"catch", "finally", "export", "else"})
CELL_MARKER = b";; %%"
_CELL_MARKER = re.compile(re.escape(CELL_MARKER))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    kind: str  # "special-form", "keyword", "comment", "string", "number"


def walk(module: Module, start: int = 0, end: int | None = None) -> Iterator[object]:
    """Every tree-sitter node overlapping [start, end] in document order, iteratively.

    Siblings before `start` and after `end` are skipped without being visited.
    """
    stop = len(module.data) if end is None else end
    cursor = module.tree.walk()
    yield cursor.node
    while True:
        descended = cursor.goto_first_child_for_byte(start - 1) is not None if start else cursor.goto_first_child()
        if not descended:
            while True:
                if cursor.goto_next_sibling():
                    break
                if not cursor.goto_parent():
                    return
        while cursor.node.start_byte > stop:  # past the range: finish this level
            if not cursor.goto_parent():
                return
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    return
        yield cursor.node


def lexical_tokens(module: Module, start: int = 0, end: int | None = None, scope_start: int = 0) -> list[Token]:
    """Special-form heads, clause heads and keyword literals between two byte offsets.

    Only lists that start at or after `scope_start` have their heads looked at, and a
    clause head (`catch`, `else`, ...) counts only inside such a list, so that a top-level
    unit's tokens do not depend on the text before it (a form hoisted out of an unclosed
    bracket is not the head of that bracket's list). In C where `native` allows it
    (`_lower.lexical_tokens`, the same walk); `python_lexical_tokens` is the reference.
    """
    if NATIVE is None:
        return python_lexical_tokens(module, start, end, scope_start)
    stop = len(module.data) if end is None else end
    found = NATIVE.lexical_tokens(
        module.tree.root_node, module.data, start, stop, scope_start, SPECIAL_FORMS, CLAUSE_HEADS
    )
    return [Token(*token) for token in found]


def python_lexical_tokens(module: Module, start: int = 0, end: int | None = None, scope_start: int = 0) -> list[Token]:
    """`lexical_tokens` read through py-tree-sitter."""
    out: list[Token] = []
    for node in walk(module, start, end):
        kind = node.type
        if kind == "keyword":
            out.append(Token(node.start_byte, node.end_byte, "keyword"))
        elif kind == "list" and node.start_byte >= scope_start:
            head = next((c for c in node.children if c.type in FORM_TYPES), None)
            if head is not None and head.type == "symbol":
                text = module.data[head.start_byte : head.end_byte].decode("utf-8", "replace")
                parent = node.parent
                in_special = parent is not None and parent.type == "list" and parent.start_byte >= scope_start
                if text in SPECIAL_FORMS or (text in CLAUSE_HEADS and in_special):
                    out.append(Token(head.start_byte, head.end_byte, "special-form"))
    return out


def folding_ranges(module: Module) -> list[tuple[int, int, str]]:
    """(first line, last line, kind) for multi-line forms, comment blocks and cells."""
    lines = module.lines
    out: list[tuple[int, int, str]] = []
    for node in walk(module):
        if node.type in COLLECTIONS:
            first, last = node.start_point.row, node.end_point.row
            if last > first:
                out.append((lines.line_of(node.start_byte), lines.line_of(node.end_byte), "region"))
    comment_run: list[int] = []
    cells: list[int] = []
    for line in range(lines.line_count):
        text = module.data[lines.line_start(line) : lines.line_end(line)].lstrip()
        if text.startswith(CELL_MARKER):
            cells.append(line)
        if text.startswith(b";") and not text.startswith(CELL_MARKER):
            comment_run.append(line)
            continue
        if len(comment_run) > 1:
            out.append((comment_run[0], comment_run[-1], "comment"))
        comment_run = []
    if len(comment_run) > 1:
        out.append((comment_run[0], comment_run[-1], "comment"))
    last_line = lines.line_count - 1
    for index, line in enumerate(cells):
        end = cells[index + 1] - 1 if index + 1 < len(cells) else last_line
        while end > line and not module.data[lines.line_start(end) : lines.line_end(end)].strip():
            end -= 1
        if end > line:
            out.append((line, end, "region"))
    return out


def enclosing_ranges(module: Module, offset: int) -> list[tuple[int, int]]:
    """Byte ranges of the token and forms around `offset`, innermost first."""
    return ranges_around(module.tree.root_node, offset)


def ranges_around(root: TsNode, offset: int) -> list[tuple[int, int]]:
    """Byte ranges of the token and nodes under `root` around `offset`, innermost first."""
    node = root.descendant_for_byte_range(offset, offset)
    out: list[tuple[int, int]] = []
    while node is not None:
        if node.type in ("string_content", "escape_sequence") or not node.is_named:
            node = node.parent
            continue
        span = (node.start_byte, node.end_byte)
        if not out or out[-1] != span:
            if node.type == "list" and out and node.child_count > 2:
                inner = (node.child(0).end_byte, node.child(node.child_count - 1).start_byte)
                if inner != out[-1] and inner[0] <= out[-1][0] and out[-1][1] <= inner[1]:
                    out.append(inner)  # the list's contents, before the whole list
            out.append(span)
        node = node.parent
    return out


def cells(module: Module) -> list[tuple[int, int, str]]:
    """(first line, last line, title) of each `;; %%` cell; text before the first is a cell too."""
    lines = module.lines
    markers: list[tuple[int, str]] = []
    for found in _CELL_MARKER.finditer(module.data):  # in C: a 50 MB document has 1.5 M lines
        line = lines.line_of(found.start())
        if lines.line_start(line) == found.start():
            title = module.data[found.end() : lines.line_end(line)]
            markers.append((line, title.decode("utf-8", "replace").strip()))
    out: list[tuple[int, int, str]] = []
    first_marker = markers[0][0] if markers else lines.line_count
    if first_marker > 0 and module.data[: lines.line_start(first_marker) if markers else len(module.data)].strip():
        out.append((0, first_marker - 1, ""))
    for index, (line, title) in enumerate(markers):
        end = markers[index + 1][0] - 1 if index + 1 < len(markers) else lines.line_count - 1
        out.append((line, end, title))
    return out


def comment_before(module: Module, start_byte: int) -> str | None:
    """The `;` comment lines directly above the line holding `start_byte`, without `;`."""
    lines = module.lines
    line = lines.line_of(start_byte) - 1
    collected: list[str] = []
    while line >= 0:
        text = module.data[lines.line_start(line) : lines.line_end(line)].decode("utf-8", "replace").strip()
        if not text.startswith(";") or text.startswith(";; %%"):
            break
        collected.append(text.lstrip(";").strip())
        line -= 1
    return "\n".join(reversed(collected)) if collected else None


@dataclass(slots=True)
class CNode:
    """A concrete-syntax node for the formatter: kind, source text, children (incl. comments)."""

    kind: str
    text: str
    children: list[CNode]
    start_row: int
    end_row: int


def concrete_tree(module: Module) -> list[CNode]:
    """The top-level forms and comments of `module` as `CNode`s (callers check for errors first)."""
    return [concrete_node(module, child) for child in module.tree.root_node.children if child.is_named]


def concrete_node(module: Module, node: object) -> CNode:
    """One tree-sitter node (and its subtree) as a `CNode`."""
    kind = node.type
    text = module.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
    children: list[CNode] = []
    if kind in COLLECTIONS or kind == "quote":
        children = [concrete_node(module, child) for child in node.children if child.is_named]
    rows = (module.lines.line_of(node.start_byte), module.lines.line_of(node.end_byte))
    return CNode(kind, text, children, *rows)
