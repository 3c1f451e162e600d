"""Source positions for every generated Python node, and what the finished code calls.

The compiler positions each statement and expression it builds for a ClaudeLang node
(`Compiler.located`); the small nodes built inside those (the `Name` of a callee, an
operator's operands) take the position of their nearest positioned ancestor here, so no
node is left without a ClaudeLang position. It is `ast.fix_missing_locations` without its
generators, several times faster, and it notes on the way whether the code calls anything
that could run user code or recurse deeply (`calls_out`): a form that does not can run on
the caller's thread instead of a large-stack worker.
"""

from __future__ import annotations

import ast as py_ast
from collections.abc import Iterable

_POSITIONED = frozenset(
    cls for cls in vars(py_ast).values() if isinstance(cls, type) and "lineno" in getattr(cls, "_attributes", ())
)


_ORDERINGS = frozenset({py_ast.Lt, py_ast.LtE, py_ast.Gt, py_ast.GtE})


def finish_locations(root: py_ast.AST, safe_calls: Iterable[str]) -> bool:
    """Give every node of `root` a position; True if it calls something not in `safe_calls`."""
    safe = frozenset(safe_calls)
    calls_out = False
    todo: list[tuple[py_ast.AST, tuple[int, int, int, int]]] = [(root, (1, 0, 1, 0))]
    while todo:
        node, position = todo.pop()
        fields = node.__dict__
        if type(node) in _POSITIONED:
            if "lineno" in fields:
                position = (fields["lineno"], fields["col_offset"], fields["end_lineno"], fields["end_col_offset"])
            else:
                node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = position
            if type(node) is py_ast.Call:
                func = node.func
                calls_out = calls_out or not (type(func) is py_ast.Name and func.id in safe)
            elif type(node) is py_ast.Compare:  # `<` between nested lists recurses in C
                calls_out = calls_out or any(type(op) in _ORDERINGS for op in node.ops)
        for name in node._fields:
            value = fields.get(name)
            if type(value) is list:
                todo.extend((item, position) for item in value if isinstance(item, py_ast.AST))
            elif isinstance(value, py_ast.AST):
                todo.append((value, position))
    return calls_out
