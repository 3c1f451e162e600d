"""Canonical layout of ClaudeLang source: idempotent, comment-preserving, AST-preserving.

A form that fits in the line width without comments or multi-line strings is printed on
one line. Otherwise it breaks: body forms (`define`, `let`, `when`, …) keep their header
on the first line and indent the body by two; calls keep the first argument next to the
function and align the rest under it; collections align their elements after the
bracket. A keyword keeps its value on the same line (`:requires [...]`). Comments stay
where they were relative to their neighbours (trailing or on their own line); a closing
bracket after a line comment goes on a new line. Between top-level forms, at most one
blank line is kept. Layout depends only on the syntax tree, which makes it idempotent.
"""

from __future__ import annotations

from claudelang.ast.diagnostic import Severity
from claudelang.syntax import parse
from claudelang.syntax.cst import CNode, concrete_node, concrete_tree

WIDTH = 80
BRACKETS = {"list": ("(", ")"), "vector": ("[", "]"), "map": ("{", "}")}
# Special forms whose first N items stay on the head's line; the rest is an indented body.
BODY_FORMS = {
    "define": 1, "lambda": 1, "let": 1, "let*": 1, "letrec": 1, "when": 1, "unless": 1, "while": 1,
    "match": 1, "handler": 1, "catch": 1, "data": 1, "spec:contract": 1, "module": 2, "do": 0,
    "begin": 0, "try": 0, "finally": 0, "cond": 0,
}  # fmt: skip


class FormatError(Exception):
    """The source has syntax errors; formatting would risk changing its meaning."""


def format_source(text: str) -> str:
    """The canonically formatted text; raises FormatError on syntax errors."""
    module = parse(text)
    errors = [d for d in module.diagnostics if d.severity == Severity.ERROR]
    if errors:
        first = errors[0]
        raise FormatError(f"{first.span.start}: {first.message}")
    items = concrete_tree(module)
    out: list[str] = []
    previous: CNode | None = None
    for item in items:
        if previous is not None:
            if item.kind == "comment" and item.start_row == previous.end_row:
                out.append(" " + item.text.rstrip())
                previous = item
                continue
            out.append("\n\n" if item.start_row - previous.end_row > 1 else "\n")
        out.append(layout(item, 0))
        previous = item
    return "".join(out) + "\n" if out else ""


def format_range(text: str, start_byte: int, end_byte: int) -> list[tuple[int, int, str]]:
    """(start, end, new text) for each top-level form overlapping [start_byte, end_byte]."""
    module = parse(text)
    if any(d.severity == Severity.ERROR for d in module.diagnostics):
        raise FormatError("the document has syntax errors")
    edits = []
    lines = module.lines
    for node in module.tree.root_node.children:
        if not node.is_named or node.type == "comment":
            continue
        if node.end_byte < start_byte or node.start_byte > end_byte:
            continue
        column = lines.position(node.start_byte).col
        new = layout(concrete_node(module, node), column)
        old = module.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        if new != old:
            edits.append((node.start_byte, node.end_byte, new))
    return edits


# ---------------------------------------------------------------- layout


def flat(node: CNode) -> str | None:
    """The one-line form of `node`, or None if it cannot be on one line."""
    if node.kind == "comment":
        return None
    if node.kind == "quote":
        inner = flat(node.children[0]) if node.children else ""
        return None if inner is None else "'" + inner
    if node.kind in BRACKETS:
        parts = [flat(child) for child in node.children]
        if any(part is None for part in parts):
            return None
        open_, close = BRACKETS[node.kind]
        return open_ + " ".join(parts) + close  # type: ignore[arg-type]
    return None if "\n" in node.text or "\r" in node.text else node.text


def layout(node: CNode, column: int) -> str:
    """`node` printed starting at `column` (continuation lines carry their indentation)."""
    one_line = flat(node)
    if one_line is not None and column + len(one_line) <= WIDTH:
        return one_line
    if node.kind == "comment":
        return node.text.rstrip()
    if node.kind == "quote":  # comments may sit between the quote and its form
        indent = "\n" + " " * (column + 1)
        return "'" + indent.join(layout(child, column + 1) for child in node.children)
    if node.kind not in BRACKETS:
        return node.text
    return layout_collection(node, column)


def layout_collection(node: CNode, column: int) -> str:
    open_, close = BRACKETS[node.kind]
    children = node.children
    same_line, indent = plan(node, column)
    text = open_
    current = column + len(open_)  # column at the end of `text`
    previous: CNode | None = None
    force_break = False
    for index, child in enumerate(children):
        trailing_comment = child.kind == "comment" and previous is not None and child.start_row == previous.end_row
        keyword_value = previous is not None and previous.kind == "keyword" and child.kind != "comment"
        if index == 0:
            separator = ""
        elif trailing_comment or ((index < same_line or keyword_value) and not force_break):
            separator = " "
        else:
            separator = "\n" + " " * indent
        if separator.startswith("\n"):
            current = indent
        else:
            current += len(separator)
        piece = layout(child, current)
        text += separator + piece
        current = last_line_width(piece, current)
        force_break = child.kind == "comment" or "\n" in piece
        previous = child
    if children and children[-1].kind == "comment":
        text += "\n" + " " * column
    return text + close


def plan(node: CNode, column: int) -> tuple[int, int]:
    """(how many leading children share the first line, indent of the other lines)."""
    children = node.children
    if node.kind == "list" and children and children[0].kind == "symbol":
        head = children[0].text
        headers = BODY_FORMS.get(head)
        if head in ("let", "let*", "letrec") and len(children) > 1 and children[1].kind == "symbol":
            headers = 2  # named let: the loop name and the bindings
        if headers is not None:
            return 1 + headers, column + 2
        if len(head) <= 20:
            return 2, column + len(head) + 2  # align arguments under the first one
        return 1, column + 2
    return 1, column + 1


def last_line_width(piece: str, start: int) -> int:
    newline = piece.rfind("\n")
    return start + len(piece) if newline < 0 else len(piece) - newline - 1
