"""LANGUAGE.md §10: the spellings of earlier ClaudeLang releases, lowered here and only here.

Each earlier spelling becomes the AST of the 1.1 form it stands for, so the analysis, the
compiler and the JIT never see a difference (hover on `print` in `(effect io print "x")`
describes `io:print`, rename sees through `loop`/`recur`, and so on). Lowering also records,
for each one, a `Rewrite`: its range and its text in the 1.1 spelling, which the
"rewrite in the 1.1 spelling" code action and `claudelang fmt --modernize` apply.

The rows handled here: the effect spellings, `dotimes`, `loop`/`recur`, module bodies without
an export list or with `(export ...)` forms, and `(import "m")` with qualified names. The
`[ ... ]` clauses of `cond`, `match`, `handler` and `let` are accepted where those forms are
lowered. Names that the desugaring introduces start with `;`, which no ClaudeLang symbol can
hold, so they never capture a user's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claudelang.ast import nodes as a
from claudelang.ast.span import Anchor, Span

if TYPE_CHECKING:
    from tree_sitter import Node as TsNode

    from claudelang.syntax.lower import Lowerer

LOOP_NAME = ";loop"  # the named let that `loop` stands for; `recur` calls it
COUNT_NAME = ";count"  # the evaluated count of a `dotimes`


@dataclass(frozen=True, slots=True)
class Rewrite:
    """An earlier spelling at [start, end) (relative to its anchor) and its 1.1 text."""

    start: int
    end: int
    anchor: Anchor
    replacement: str
    what: str  # e.g. "(effect io print ...)", for the code action's title

    @property
    def span(self) -> Span:
        return self.anchor.span(self.start, self.end)


def effect_kind(node: TsNode) -> str | None:
    """The kind an effect's first part names: `io`, `:io` or `"io"`."""
    text = node.text.decode("utf-8", errors="replace") if node.text else ""
    if node.type == "symbol" and ":" not in text:
        return text
    if node.type == "keyword":
        return text[1:]
    if node.type == "string" and len(text) >= 2:
        return text[1:-1]
    return None


def op_name(node: TsNode) -> str | None:
    """An operation written as a symbol or a string: `print`, `"print"`."""
    text = node.text.decode("utf-8", errors="replace") if node.text else ""
    if node.type == "symbol":
        return text
    if node.type == "string" and len(text) >= 2:
        return text[1:-1]
    return None


class EarlierSpellings:
    """Lowering of the §10 forms; a mixin of `Lowerer`."""

    def rewrite(self: Lowerer, node: TsNode, replacement: str, what: str) -> None:
        start, end = self.rel(node)
        self.rewrites.append(Rewrite(start, end, self.anchor, replacement, what))

    def clause_parts(self: Lowerer, item: TsNode) -> list[TsNode]:
        """The parts of a clause written `( ... )`, or Racket style `[ ... ]`."""
        if item.type == "list":
            return self.children(item)
        if item.type != "vector":
            return []
        parts = self.children(item)
        inner = self.text(item)[1:-1] if is_closed(item) else None
        if parts and inner is not None:
            self.rewrite(item, f"({inner})", "a [ ... ] clause")
        return parts

    # ------------------------------------------------------------ effects

    def lower_effect(self: Lowerer, node: TsNode, children: list[TsNode]) -> a.Expr:
        """`(effect kind:op arg ...)`, and the earlier `(effect io print arg ...)`,
        `(effect :io print ...)`, `(effect io "print" ...)`, `(effect :io (print ...))`,
        `(effect error "msg")` — all the call `(kind:op arg ...)`."""
        usage = "(effect kind:op arg ...)"
        if len(children) < 2:
            return self.shape_error(node, children, usage)
        first = children[1]
        if first.type == "symbol" and b":" in (first.text or b""):
            op = self.name(first, "an effect operation such as io:print")
            args = [self.expr(child) for child in children[2:]]
            return a.Effect(*self.rel(node), self.anchor, op, args)
        kind = effect_kind(first)
        if kind is None:
            return self.shape_error(node, children, usage)
        rest = children[2:]
        if rest and rest[0].type == "list" and not [c for c in children[3:]]:
            parts = self.children(rest[0])
            inner = op_name(parts[0]) if parts else None
            if inner is not None and parts[0].type == "symbol":  # (effect :io (print "x"))
                return self.earlier_effect(node, f"{kind}:{inner}", parts[0], parts[0], parts[1:])
        op = op_name(rest[0]) if rest else None
        if op is not None and (rest[0].type == "symbol" or kind != "error" or op == "raise"):
            return self.earlier_effect(node, f"{kind}:{op}", first, rest[0], rest[1:])
        if kind == "error":  # (effect error "msg" ...): raise (a string is the message, not an op)
            return self.earlier_effect(node, "error:raise", first, first, rest)
        return self.shape_error(node, children, usage)

    def earlier_effect(
        self: Lowerer, node: TsNode, op: str, op_start: TsNode, op_end: TsNode, arg_nodes: list[TsNode]
    ) -> a.Expr:
        start, end = op_start.start_byte - self.base, op_end.end_byte - self.base
        name = a.Name(start, end, self.anchor, op)
        args = [self.expr(child) for child in arg_nodes]
        text = " ".join([op, *(self.text(child) for child in arg_nodes)])
        self.rewrite(node, f"({text})", "(effect kind op ...)")
        return a.Effect(*self.rel(node), self.anchor, name, args)

    # ------------------------------------------------------------ dotimes

    def lower_dotimes(self: Lowerer, node: TsNode, children: list[TsNode]) -> a.Expr | None:
        """`(dotimes (i n) body ...)`: body with `i` = 0 … n-1, value nil. It is the named let
        `(let ((;count n)) (let ;loop ((i 0)) (when (< i ;count) body ... (;loop (+ i 1)))))`."""
        spec = self.children(children[1]) if len(children) > 2 and children[1].type in ("list", "vector") else []
        if len(spec) != 2 or spec[0].type != "symbol":
            return None  # not the earlier form: a call of a function named dotimes
        binder = self.binder(spec[0], "a counter name")
        count = self.expr(spec[1])
        body = self.body(node, children[2:], "dotimes")
        if binder is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "malformed dotimes")
        start, end = self.rel(node)
        anchor = self.anchor

        def name(text: str) -> a.Name:
            return a.Name(start, start, anchor, text)

        def binder_of(text: str, at: a.Node) -> a.Binder:
            return a.Binder(at.start, at.start, anchor, text)

        counter = a.Name(binder.start, binder.end, anchor, binder.name)
        zero, one = a.IntLit(start, start, anchor, 0), a.IntLit(start, start, anchor, 1)
        test = a.Call(start, end, anchor, name("<"), [counter, name(COUNT_NAME)])
        again = a.Call(start, end, anchor, name(LOOP_NAME), [a.Call(start, end, anchor, name("+"), [counter, one])])
        step = a.When(start, end, anchor, test, [*body, again], False)
        loop = a.Let(
            start,
            end,
            anchor,
            "let",
            [a.LetBinding(start, end, anchor, binder, zero)],
            [step],
            binder_of(LOOP_NAME, node_at(start, anchor)),
        )
        counted = a.LetBinding(start, end, anchor, binder_of(COUNT_NAME, count), count)
        body_text = " ".join(self.text(child) for child in children[2:])
        loop_name = fresh_name("dotimes-loop", body_text)
        count_name = fresh_name("dotimes-count", body_text)
        self.rewrite(
            node,
            f"(let (({count_name} {self.text(spec[1])})) (let {loop_name} (({binder.name} 0)) "
            f"(when (< {binder.name} {count_name}) {body_text} ({loop_name} (+ {binder.name} 1)))))",
            "(dotimes ...)",
        )
        return a.Let(start, end, anchor, "let", [counted], [loop], None)

    # ------------------------------------------------------------ loop / recur

    def lower_loop(self: Lowerer, node: TsNode, children: list[TsNode]) -> a.Expr | None:
        """`(loop [i 0 acc 1] body ...)` with `(recur e ...)` in tail position: the named let
        `(let ;loop ((i 0) (acc 1)) body ...)` where `recur` calls `;loop`."""
        if len(children) < 3 or children[1].type != "vector":
            return None  # `(loop (+ i 1))`: a call, e.g. of a named let called loop
        pairs = self.children(children[1])
        if len(pairs) % 2:
            self.error(children[1], "a loop's bindings come in pairs: [name init ...]")
        bindings = []
        for name_node, init_node in zip(pairs[::2], pairs[1::2], strict=False):
            binder = self.binder(name_node, "a loop variable")
            init = self.expr(init_node)
            if binder is not None:
                bindings.append(a.LetBinding(binder.start, self.rel(init_node)[1], self.anchor, binder, init))
        self.loops.append([])
        try:
            body = self.body(node, children[2:], "loop")
        finally:
            recurs = self.loops.pop()
        start, end = self.rel(node)
        head = children[0]
        at = head.start_byte - self.base  # (no width: hovering `loop` shows the earlier spelling's meaning)
        loop_binder = a.Binder(at, at, self.anchor, LOOP_NAME)
        allowed = {id(call) for call in tail_calls(body, LOOP_NAME)}
        misplaced = [recur_node for call, recur_node in recurs if id(call) not in allowed]
        for recur_node in misplaced:
            self.error(recur_node, "'recur' must be in tail position of its 'loop'")
        if not misplaced:  # (with one, the named let would mean something else: no 1.1 text)
            self.rewrite_loop(node, children, pairs, [recur_node for _call, recur_node in recurs])
        return a.Let(start, end, self.anchor, "let", bindings, body, loop_binder)

    def rewrite_loop(
        self: Lowerer, node: TsNode, children: list[TsNode], pairs: list[TsNode], recurs: list[TsNode]
    ) -> None:
        """`(let loop ((i 0) ...) body)`, each `recur` now a call of `loop`."""
        loop_name = fresh_name("loop", " ".join(self.text(child) for child in children[1:]))
        replacement = self.text(node)
        base = node.start_byte
        for recur in sorted(recurs, key=lambda r: r.start_byte, reverse=True):  # the symbol after "("
            replacement = (
                replacement[: recur.start_byte + 1 - base] + loop_name + replacement[recur.start_byte + 6 - base :]
            )
        spec_end = children[1].end_byte - base
        pair_text = " ".join(f"({self.text(n)} {self.text(i)})" for n, i in zip(pairs[::2], pairs[1::2], strict=False))
        head_start = children[0].start_byte - base
        replacement = replacement[:head_start] + f"let {loop_name} ({pair_text})" + replacement[spec_end:]
        self.rewrite(node, replacement, "(loop [...] ... (recur ...))")

    def lower_recur(self: Lowerer, node: TsNode, children: list[TsNode]) -> a.Expr | None:
        if not self.loops:
            return None  # outside a `loop`: a call of a function named recur
        head = children[0]
        start, end = self.rel(head)
        callee = a.Name(start, end, self.anchor, LOOP_NAME)
        call = a.Call(*self.rel(node), self.anchor, callee, [self.expr(child) for child in children[1:]])
        self.loops[-1].append((call, node))
        return call

    # ------------------------------------------------------------ modules and imports

    def module_exports(self: Lowerer, body_nodes: list[TsNode]) -> tuple[list[TsNode], list[a.Name], bool]:
        """A module body without an export list: its `(export ...)` forms name the exports
        (they are taken out of the body); with none, every top-level definition is exported."""
        kept, exports = [], []
        found = False
        for child in body_nodes:
            parts = self.children(child) if child.type == "list" else []
            if parts and parts[0].type == "symbol" and self.text(parts[0]) == "export":
                found = True
                exports.extend(n for n in (self.name(e) for e in parts[1:]) if n is not None)
            else:
                kept.append(child)
        return kept, exports, not found

    def modernize_module(self: Lowerer, node: TsNode, module: a.ModuleForm, body_nodes: list[TsNode]) -> None:
        """The 1.1 text of a module written without an export list."""
        body_text = " ".join(self.text(child) for child in body_nodes)
        exports = " ".join(module.exported_names)
        text = f"(module {module.name.name} (export {exports}) {body_text})"
        self.rewrite(node, text, "a module without an export list")


def is_closed(node: TsNode) -> bool:
    """A collection whose closing bracket is really there (not inserted by recovery)."""
    last = node.child(node.child_count - 1) if node.child_count else None
    return last is not None and not last.is_missing and last.type in ")]}"


def node_at(offset: int, anchor: object) -> a.Node:
    return a.Node(offset, offset, anchor)  # type: ignore[arg-type]


def fresh_name(base: str, text: str) -> str:
    """`base`, or `base-2`, `base-3` …: a name that does not occur in `text`."""
    candidate, number = base, 1
    while candidate in text:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def tail_calls(body: list[a.Expr], callee: str) -> list[a.Call]:
    """The calls of `callee` in tail position of a body (through if, cond, when, do, let,
    match and nested tail forms, but not into lambdas or nested loops of the same name)."""
    found: list[a.Call] = []
    todo: list[a.Expr] = body[-1:] if body else []
    while todo:
        node = todo.pop()
        if isinstance(node, a.Call):
            if isinstance(node.callee, a.Name) and node.callee.name == callee:
                found.append(node)
        elif isinstance(node, a.If):
            todo.extend(x for x in (node.then, node.otherwise) if x is not None)
        elif isinstance(node, a.Cond):
            todo.extend(c.body[-1] if c.body else c.test for c in node.clauses if c.body or c.test is not None)
        elif isinstance(node, a.When | a.Do | a.Let):  # (a nested loop's recur is its own)
            if not (isinstance(node, a.Let) and node.loop is not None and node.loop.name == callee):
                todo.extend(node.body[-1:])
        elif isinstance(node, a.Match):
            todo.extend(c.body[-1] for c in node.clauses if c.body)
    return found


# Heads that are an earlier spelling only in their earlier shape (`loop` with a vector,
# `recur` inside one, `dotimes` with `(name count)`); otherwise they are ordinary calls, so
# that `(loop (+ i 1))` in a named let called loop keeps working. Not special forms.
EARLIER_FORMS: dict[str, Callable[[Lowerer, TsNode, list[TsNode]], a.Expr | None]] = {
    "dotimes": EarlierSpellings.lower_dotimes,
    "loop": EarlierSpellings.lower_loop,
    "recur": EarlierSpellings.lower_recur,
}
