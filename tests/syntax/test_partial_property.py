"""Property: a program cut at any byte still lowers the scopes that were already typed.

The prefixes are those of the conformance programs, as an editor sees them while the user
types: lowering never raises, and every local whose binding form encloses the cut and was
already typed in full is a binder of the partial AST, at its real position.
"""

from __future__ import annotations

from pathlib import Path

from claudelang import parse
from claudelang.ast import nodes as a
from claudelang.ast.walk import children
from hypothesis import given, settings
from hypothesis import strategies as st

PROGRAMS = sorted((Path(__file__).parents[1] / "conformance").glob("*.cl"))
SOURCES = [path.read_bytes() for path in PROGRAMS]

Bound = tuple[str, int]  # a binder's name and absolute start byte


def nodes_of(form: a.Node) -> list[a.Node]:
    out, stack = [], [form]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(children(node))
    return out


def absolute(node: a.Node) -> int:
    return node.anchor.base_byte + node.start


def started(body: list[a.Expr] | None, cut: int) -> bool:
    """Whether the text before `cut` reaches the first body form: its binders are typed."""
    return bool(body) and absolute(body[0]) <= cut


def closed_before(source: bytes, node: a.Node, cut: int) -> bool:
    """Whether `node` is a bracketed clause, such as `(name value)`, closed before `cut`."""
    end = absolute(node) + node.end - node.start
    return end <= cut and source[end - 1 : end] in (b")", b"]")


def typed_binders(source: bytes, node: a.Node, cut: int) -> list[a.Binder]:
    """The binders of `node` (a form enclosing the cut) whose binding was typed in full."""
    if isinstance(node, a.Lambda) and started(node.body, cut):
        return node.params + ([node.rest] if node.rest else [])
    if isinstance(node, a.Let):
        done = [binding.name for binding in node.bindings if closed_before(source, binding, cut)]
        return done + ([node.loop] if node.loop and started(node.body, cut) else [])
    if isinstance(node, a.MatchClause) and started(node.body, cut):
        return [n for n in nodes_of(node.pattern) if isinstance(n, a.Binder)]
    if isinstance(node, a.Try) and node.catch_var and started(node.catch_body, cut):
        return [node.catch_var]
    return []


def expected_bound(source: bytes, cut: int) -> set[Bound]:
    """Locals of the full program bound by an enclosing binding form typed before `cut`
    (not the names that desugaring introduces, which start with ';': nobody types them)."""
    found: set[Bound] = set()
    for form in parse(source).forms:
        for node in nodes_of(form):
            start = absolute(node)
            if start < cut <= start + node.end - node.start:
                found.update(
                    (b.name, absolute(b)) for b in typed_binders(source, node, cut) if not b.name.startswith(";")
                )
    return found


def bound_in(source: bytes) -> set[Bound]:
    module = parse(source)
    return {(n.name, absolute(n)) for form in module.forms for n in nodes_of(form) if isinstance(n, a.Binder)}


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_prefix_keeps_the_typed_scopes(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(SOURCES))
    cut = data.draw(st.integers(0, len(source)))
    expected = expected_bound(source, cut)
    assert expected <= bound_in(source[:cut]), (source[:cut][-200:], expected - bound_in(source[:cut]))


def test_the_property_sees_binders() -> None:
    """The conformance programs do exercise the property: many cuts have typed locals."""
    source = next(s for path, s in zip(PROGRAMS, SOURCES, strict=True) if path.name == "let_shadowing.cl")
    assert sum(bool(expected_bound(source, cut)) for cut in range(len(source))) > len(source) // 5
