"""The C lowering of plain forms (`_lower.c`), handed out only where it reads trees right.

`_lower` reads py-tree-sitter's `Node` objects with its own copy of the tree-sitter
runtime (grammar/runtime), which is sound only for the py-tree-sitter release that copy
came from. `load` returns the bound `_lower` module when the installed py-tree-sitter is
that release, its object layouts are that release's, the AST classes have the slots the C
code fills, and a walk of a known tree in C agrees with py-tree-sitter's own answers;
otherwise None, and `lower.py` and `document.py` do everything in Python (the same
result, slower). `CLAUDELANG_PYTHON_LOWERING=1` asks for the Python path (to compare).
"""

from __future__ import annotations

import os
from dataclasses import fields
from types import ModuleType

import tree_sitter
from tree_sitter import Node, Tree

from claudelang.ast import nodes as a
from claudelang.syntax.grammar import new_parser

RUNTIME_VERSION = "0.26.1"  # grammar/runtime is this release's runtime

# What `_lower.build` makes, in its order, and each class's fields after (start, end, anchor).
CLASSES: tuple[tuple[type, tuple[str, ...]], ...] = (
    (a.Name, ("name",)),
    (a.IntLit, ("value",)),
    (a.FloatLit, ("value",)),
    (a.StrLit, ("value",)),
    (a.BoolLit, ("value",)),
    (a.NilLit, ()),
    (a.KeywordLit, ("name",)),
    (a.Call, ("callee", "args")),
    (a.ListLit, ("items",)),
    (a.MapLit, ("items",)),
    (a.Binder, ("name",)),
    (a.Lambda, ("params", "rest", "body", "name")),
    (a.Define, ("name", "value", "is_function")),
    (a.LetBinding, ("name", "value")),
    (a.Let, ("keyword", "bindings", "body", "loop")),
    (a.If, ("test", "then", "otherwise")),
    (a.When, ("test", "body", "negated")),
    (a.And, ("items",)),
    (a.Or, ("items",)),
    (a.Do, ("body",)),
    (a.CondClause, ("test", "body")),
    (a.Cond, ("clauses",)),
    (a.MatchClause, ("pattern", "body")),
    (a.Match, ("subject", "clauses")),
    (a.PWildcard, ()),
    (a.PVar, ("binder",)),
    (a.PConstructor, ("name", "args", "bare")),
    (a.PLiteral, ("value",)),
    (a.PList, ("items", "rest")),
    (a.QuotedSymbol, ("name",)),
    (a.QuotedList, ("items",)),
    (a.QuotedMap, ("items",)),
    (a.CtorDef, ("name", "fields")),
    (a.Data, ("name", "type_vars", "ctors")),
    (a.ContractClause, ("key", "value")),
    (a.Contract, ("target", "clauses")),
)

# Every kind of node, errors, a MISSING token and a multi-byte character, for the check.
SAMPLE = (
    '(define (f x) ; note\n  [1 -2.5e3 "s\\n\u00e9" :k nil #t \'q {1 2} (g x)])\n'
    ")\n(h [1 (2 3\n(let ((y 'z)) (+ y 1)) \"open"
).encode()


def py_preorder(node: Node) -> list[tuple[int, int, int, bool, bool, int]]:
    """What `_lower.preorder` answers, read through py-tree-sitter."""
    out = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(
            (
                current.kind_id,
                current.start_byte,
                current.end_byte,
                current.has_error,
                current.is_missing,
                current.child_count,
            )
        )
        stack.extend(reversed(current.children))
    return out


def load(special_heads: frozenset[str], contract_clauses: frozenset[str]) -> ModuleType | None:
    """`_lower`, bound to leave lists headed by `special_heads` (other than the forms it
    lowers itself), and contracts with a clause not in `contract_clauses`, to Python; or
    None when it cannot be trusted here."""
    if os.environ.get("CLAUDELANG_PYTHON_LOWERING") or tree_sitter.__version__ != RUNTIME_VERSION:
        return None
    if any(tuple(f.name for f in fields(cls)) != ("start", "end", "anchor", *names) for cls, names in CLASSES):
        return None
    try:
        from claudelang.syntax import _lower
    except ImportError:
        return None
    tree = new_parser().parse(SAMPLE)
    try:
        _lower.bind(Tree, Node, tree, tuple(cls for cls, _ in CLASSES), special_heads, contract_clauses)
    except TypeError:
        return None
    if _lower.preorder(tree.root_node) != py_preorder(tree.root_node):
        return None
    return _lower
