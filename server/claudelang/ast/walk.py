"""Generic traversal of AST nodes (for queries that do not care about node kinds)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from claudelang.ast.nodes import Node

_FIELDS: dict[type, tuple[str, ...]] = {}


def children(node: Node) -> Iterator[Node]:
    """The direct sub-nodes of `node`, in field order."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = tuple(f.name for f in fields(node) if f.name not in ("start", "end", "anchor"))
        _FIELDS[type(node)] = names
    for name in names:
        value = getattr(node, name)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    yield item


def path_to(root: Node, offset: int) -> list[Node]:
    """The nodes containing absolute byte `offset`, outermost first."""
    path: list[Node] = []
    node: Node | None = root
    while node is not None:
        path.append(node)
        base = node.anchor.base_byte
        node = next((c for c in children(node) if base + c.start <= offset <= base + c.end), None)
    return path
