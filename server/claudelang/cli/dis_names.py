"""Readable Python names for `claudelang dis`.

The compiler gives Python variables the ClaudeLang names as written (`io:print`,
`empty?`, `+`) and names its helpers and temporaries with a `;` (`;t1`, `;eq`, `x;1`,
`type;`), so they can never clash with user names. CPython compiles such an AST, but
`ast.unparse` then prints text that is not Python (`return io:print(+())`).

`NameMap` renames, in copies of the ASTs, every identifier that is not a Python
identifier (or is a keyword, or changes under the NFKC normalisation Python's parser
applies) to one that is, and that no other identifier of the whole printed output uses.
The rules, in order:

- `<name>` (the compiler's wrapper function) → `_name`;
- `->` → `_to_`; `-` between letters, `:` `;` and whitespace → `_` (so `;t1` → `_t1`,
  `x;1` → `x_1`, `type;` → `type_`);
- other punctuation → a word (`?` → `p`, `!` → `bang`, `*` → `star`, `+` → `plus`,
  `-` elsewhere → `minus`, ...), any other character → `uXXXX`;
- a leading digit gets a `_` before it, a keyword a `_` after it (`class` → `class_`);
- a name already taken gets `_2`, `_3`, ... (`a-b` → `a_b_2` when `a_b` is used too).

Valid names are never renamed. `legend` says which ClaudeLang name (or constant) each
renamed identifier of a form stands for.
"""

from __future__ import annotations

import ast
import copy
import keyword
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Sequence

from claudelang.runtime.printer import show

# Fields holding identifiers (a str, or a list of them), per node type.
IDENTIFIER_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {
    ast.Name: ("id",),
    ast.FunctionDef: ("name",),
    ast.AsyncFunctionDef: ("name",),
    ast.ClassDef: ("name",),
    ast.arg: ("arg",),
    ast.keyword: ("arg",),
    ast.Attribute: ("attr",),
    ast.Global: ("names",),
    ast.Nonlocal: ("names",),
    ast.ExceptHandler: ("name",),
    ast.MatchAs: ("name",),
    ast.MatchStar: ("name",),
    ast.MatchMapping: ("rest",),
    ast.MatchClass: ("kwd_attrs",),
}

WORDS = {
    "?": "p",
    "!": "bang",
    "*": "star",
    "+": "plus",
    "-": "minus",
    "/": "slash",
    "<": "lt",
    ">": "gt",
    "=": "eq",
    "%": "percent",
    "&": "and",
    ".": "dot",
    "$": "dollar",
    "@": "at",
    "^": "caret",
    "~": "tilde",
    "|": "bar",
    "#": "hash",
    ",": "comma",
    "\\": "backslash",
}
SEPARATORS = frozenset(":;")
TOKEN = re.compile(r"->|.", re.DOTALL)
LEGEND_WIDTH = 100
SHOWN_VALUE_WIDTH = 40
UNARY_PLUS_NOTE = "# +a + b is (+ a b): the unary + raises unless a is a number"


def is_python_name(name: str) -> bool:
    """True if `name` is printed and parsed back as itself."""
    return name.isidentifier() and not keyword.iskeyword(name) and unicodedata.normalize("NFKC", name) == name


def is_word_char(char: str, non_ascii: bool) -> bool:
    """True if `char` can stay as it is inside an identifier."""
    if not char.isascii():
        return non_ascii and ("_" + char).isidentifier() and unicodedata.normalize("NFKC", char) == char
    return char.isalnum() or char == "_"


def readable(name: str, non_ascii: bool = True) -> str:
    """A valid Python identifier that reads like `name` (not yet made unique).

    Letters beyond ASCII stay unless NFKC would combine them with their neighbours.
    """
    if len(name) > 2 and name[0] == "<" and name[-1] == ">":
        return "_" + readable(name[1:-1], non_ascii)
    words: list[str] = []
    run = ""
    leading = trailing = False
    tokens = TOKEN.findall(name)
    for index, token in enumerate(tokens):
        if is_word_char(token, non_ascii):
            run += token
            trailing = False
            continue
        if run:
            words.append(run)
            run = ""
        between_words = 0 < index < len(tokens) - 1 and all(
            is_word_char(tokens[neighbour], non_ascii) for neighbour in (index - 1, index + 1)
        )
        if token in SEPARATORS or token.isspace() or (token == "-" and between_words):
            leading = leading or not words
            trailing = True
        else:
            words.append("to" if token == "->" else WORDS.get(token, f"u{ord(token):04x}"))
            trailing = False
    if run:
        words.append(run)
    result = ("_" if leading else "") + "_".join(words) + ("_" if trailing and words else "")
    if not result or result[0].isdigit():
        result = "_" + result
    if keyword.iskeyword(result):
        result += "_"
    return result if is_python_name(result) else readable(name, non_ascii=False)


def in_reading_order(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `tree`, depth first (without recursion: generated trees can be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def identifiers(tree: ast.AST) -> Iterator[str]:
    """Every identifier of `tree`, roughly in the order they are printed."""
    for node in in_reading_order(tree):
        for field in IDENTIFIER_FIELDS.get(type(node), ()):
            value = getattr(node, field, None)
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                yield from value


class NameMap:
    """One renaming for all the forms of one printed output."""

    def __init__(self, trees: Sequence[ast.AST]) -> None:
        taken = {name for tree in trees for name in identifiers(tree) if is_python_name(name)}
        self.renamed: dict[str, str] = {}
        for tree in trees:
            for name in identifiers(tree):
                if name in self.renamed or is_python_name(name):
                    continue
                base = candidate = readable(name)
                suffix = 1
                while candidate in taken:
                    suffix += 1
                    candidate = f"{base}_{suffix}"
                taken.add(candidate)
                self.renamed[name] = candidate

    def name(self, name: str) -> str:
        return self.renamed.get(name, name)

    def apply(self, tree: ast.Module) -> ast.Module:
        """A copy of `tree` with every identifier renamed."""
        tree = copy.deepcopy(tree)
        for node in ast.walk(tree):
            for field in IDENTIFIER_FIELDS.get(type(node), ()):
                value = getattr(node, field, None)
                if isinstance(value, str):
                    setattr(node, field, self.name(value))
                elif isinstance(value, list):
                    setattr(node, field, [self.name(item) for item in value])
        return tree

    def legend(self, tree: ast.Module, constants: dict[str, object]) -> list[str]:
        """Comment lines: what the renamed identifiers of `tree` stand for, and notes."""
        wrappers = {stmt.name for stmt in tree.body if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)}
        entries: dict[str, str] = {}
        for name in identifiers(tree):
            if name in self.renamed and name not in wrappers and not any(char.isspace() for char in name):
                meaning = stands_for(name, constants)
                if meaning is not None:
                    entries.setdefault(self.renamed[name], meaning)
        lines = []
        if entries:
            text = ", ".join(f"{new} = {printable(old)}" for new, old in entries.items())
            lines = textwrap.wrap(
                text,
                LEGEND_WIDTH,
                initial_indent="# ",
                subsequent_indent="#   ",
                break_on_hyphens=False,
                break_long_words=False,
            )
        if any(isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd) for node in ast.walk(tree)):
            lines.append(UNARY_PLUS_NOTE)
        return lines


def printable(text: str) -> str:
    """`text` with the characters a comment cannot hold (line breaks, NUL) escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def stands_for(name: str, constants: dict[str, object]) -> str | None:
    """The ClaudeLang name (or constant value) behind the generated identifier `name`.

    None for the compiler's helpers and temporaries, which `readable` already marks with
    a leading `_`.
    """
    if name in constants:
        value = show(constants[name])
        return value if len(value) <= SHOWN_VALUE_WIDTH else value[: SHOWN_VALUE_WIDTH - 1] + "…"
    if name.startswith(";"):
        return None
    base, _, suffix = name.rpartition(";")
    return base if base and (not suffix or suffix.isdigit()) else name
