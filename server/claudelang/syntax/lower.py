"""Lowering: tree-sitter syntax tree → typed AST plus syntax diagnostics.

The grammar only knows literals and collections; this pass recognises the special forms
of LANGUAGE.md §3 by their head symbol and checks their shape. It never raises: a
malformed form yields a diagnostic with a precise range and an `ErrorNode` (or the best
partial node), and lowering carries on with the rest of the file.

Lowering recurses once per nesting level; beyond `MAX_DEPTH` levels it reports
"nested too deeply" instead of recursing, so 100,000 nested `(` cannot exhaust the stack.

Plain forms (names, literals, calls, vectors, maps, and well-formed define, lambda, let,
if, cond, when, do, and/or, match, data and contracts, all without errors) are lowered
in C when `native.load` allows it: `expr` asks `_lower.lower` first, which builds the
same AST or answers None, and everything else stays here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat

from tree_sitter import Node as TsNode

from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.span import Anchor
from claudelang.syntax import native
from claudelang.syntax.earlier import EARLIER_FORMS, EarlierSpellings, Rewrite
from claudelang.syntax.grammar import language
from claudelang.syntax.strings import decode_string

MAX_DEPTH = 200

FORM_TYPES = frozenset(
    {"float", "integer", "string", "boolean", "nil", "keyword", "symbol", "quote", "list",
     "vector", "map"}
)  # fmt: skip
COLLECTIONS = frozenset({"list", "vector", "map"})
COMPOUND = COLLECTIONS | {"quote"}  # forms that nest: the depth guard counts these
FORM_IDS = frozenset(language().id_for_node_kind(kind, True) for kind in FORM_TYPES)
SYMBOL_ID = language().id_for_node_kind("symbol", True)
INTEGER_ID = language().id_for_node_kind("integer", True)
OPENER_CLOSERS = {"(": ")", "[": "]", "{": "}", '"': '"'}

SPECIAL_FORMS = frozenset(
    {"define", "lambda", "let", "let*", "letrec", "if", "cond", "when", "unless", "and", "or",
     "do", "begin", "set!", "while", "quote", "match", "data", ":", "try", "effect", "handler",
     "spec:contract", "module", "import"}
)  # fmt: skip

CONTRACT_CLAUSES = frozenset({"requires", "pre", "ensures", "post", "complexity", "pure", "doc", "effects"})


def form_children(node: TsNode) -> list[TsNode]:
    """The child nodes of `node` that are forms (no brackets, comments or errors)."""
    return [c for c in node.children if c.type in FORM_TYPES]


def is_unclosed(node: TsNode) -> bool:
    """True when a collection's closing bracket was inserted by error recovery."""
    last = node.child(node.child_count - 1) if node.child_count else None
    return last is not None and last.is_missing


def split_unclosed(node: TsNode) -> int | None:
    """Where to cut an unclosed top-level form so that later definitions stand alone.

    Error recovery makes an unclosed `(` swallow the rest of the file. Following the chain
    of unclosed collections, the first child that starts in column 0 on a later line is
    taken as the next top-level form (the way Lisp editors read indentation); returns its
    start byte, or None.
    """
    first_row = node.start_point.row
    current = node
    while current.type in COLLECTIONS and is_unclosed(current):
        children = form_children(current)
        for child in children:
            point = child.start_point
            if point.column == 0 and point.row > first_row:
                return child.start_byte
        if not children:
            return None
        current = children[-1]
    return None


class Lowerer(EarlierSpellings):
    """Lowers the tree-sitter nodes of one top-level unit that share one `Anchor`."""

    def __init__(
        self,
        anchor: Anchor,
        base_byte: int,
        stop_byte: int | None = None,
        *,
        open_end: int = sys.maxsize,
        close_at: int = 0,
    ) -> None:
        self.anchor = anchor
        self.base = base_byte
        self.stop = stop_byte  # children starting at or after this byte are ignored
        # An unclosed collection ending at or after `open_end` (its closing bracket was
        # swallowed by the end of the unit) ends at `close_at`: where its unit ends.
        self.open_end = open_end
        self.close_at = close_at
        self.diagnostics: list[Diagnostic] = []
        self.rewrites: list[Rewrite] = []  # earlier spellings met, with their 1.1 text
        self.loops: list[list[tuple[a.Call, TsNode]]] = []  # open `loop`s and their `recur`s
        self.depth = 0
        self._too_deep_reported = False
        self.plain = PLAIN if stop_byte is None else None  # the C lowering of plain forms
        # the same for a list of nodes, unless a subclass's `expr` must see each (PartialLowerer)
        self.plain_each = PLAIN_EACH if self.plain is not None and type(self).expr is Lowerer.expr else None

    # ------------------------------------------------------------ helpers

    def rel(self, node: TsNode) -> tuple[int, int]:
        end = node.end_byte
        if end >= self.open_end and node.type in COLLECTIONS and is_unclosed(node):
            end = self.close_at
        return node.start_byte - self.base, end - self.base

    def error(self, node: TsNode, message: str, *, end_node: TsNode | None = None) -> None:
        start, end = self.rel(node)
        if end_node is not None:
            end = self.rel(end_node)[1]
        self.diagnostics.append(Diagnostic(start, end, self.anchor, message))

    def warn(self, node: TsNode, message: str, code: str = "syntax") -> None:
        start, end = self.rel(node)
        self.diagnostics.append(Diagnostic(start, end, self.anchor, message, Severity.WARNING, code))

    def error_node(self, node: TsNode, message: str) -> a.ErrorNode:
        self.error(node, message)
        start, end = self.rel(node)
        return a.ErrorNode(start, end, self.anchor, message)

    def children(self, node: TsNode) -> list[TsNode]:
        """Form children of a collection, reporting stray tokens and an unclosed bracket."""
        stop = self.stop
        if stop is None and not node.has_error:
            return [child for child in node.children if child.kind_id in FORM_IDS]
        out: list[TsNode] = []
        for child in node.children if stop is None else children_before(node, stop):
            if child.kind_id in FORM_IDS:  # FORM_TYPES, without making the type's string
                out.append(child)
                continue
            kind = child.type
            if kind == "ERROR":
                self.recover(child, out)
            elif child.is_missing:
                self.report_unclosed(node)
        if stop is not None and node.end_byte > stop and node.type in COLLECTIONS:
            self.report_unclosed(node)
        return out

    def report_unclosed(self, node: TsNode) -> None:
        opener = node.child(0)
        if opener is not None:
            self.report_unclosed_token(opener)

    def report_unclosed_token(self, opener: TsNode) -> None:
        start = opener.start_byte - self.base
        closer = OPENER_CLOSERS.get(opener.type, ")")
        message = f"unclosed '{opener.type}' opened at {{at}}: expected '{closer}'"
        self.diagnostics.append(Diagnostic(start, start + 1, self.anchor, message, at=start))

    def recover(self, error: TsNode, out: list[TsNode]) -> None:
        """Keep the complete forms inside an ERROR node; report its stray tokens."""
        for child in flatten_errors(error):
            kind = child.type
            if kind in FORM_TYPES:
                out.append(child)
            elif kind != "comment":
                self.stray_token(child)

    def stray_token(self, token: TsNode) -> None:
        text = token.text.decode("utf-8", errors="replace") if token.text else token.type
        if token.type in ("string_content", "escape_sequence"):
            return  # the pieces of an unterminated string, reported at its quote
        if text == '"':
            self.unterminated(token)
        elif text in (")", "]", "}"):
            self.error(token, f"unexpected '{text}' with no matching opening bracket")
        else:
            shown = text if text.isprintable() else ascii(text)[1:-1]
            self.error(token, f"unexpected '{shown}'")

    # ------------------------------------------------------------ expressions

    def expr(self, node: TsNode) -> a.Expr:
        plain = self.plain
        if plain is not None:
            lowered = plain(node, self.anchor, self.base, MAX_DEPTH - self.depth)
            if lowered is not None:
                return lowered
        kind_id = node.kind_id
        if kind_id in (SYMBOL_ID, INTEGER_ID):  # the commonest leaves, fast path
            start, end = node.start_byte - self.base, node.end_byte - self.base
            text = self.anchor.text[start:end]
            if not text:
                return self.literal(node)
            if kind_id == SYMBOL_ID:
                return a.Name(start, end, self.anchor, text.decode("utf-8", errors="replace"))
            return self.integer(node, start, end, text)
        kind = node.type
        if kind in COMPOUND:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    return self.too_deep(node)
                return self.compound(node)
            finally:
                self.depth -= 1
        return self.literal(node)

    def lowered(self, nodes: list[TsNode]) -> Iterable[tuple[TsNode, a.Expr | None]]:
        """Each node with its C lowering (None where C declines) when the list is long, one
        C call for all (a list an unclosed `"` stretched to the end of the file has thousands
        of children); else each with None. The caller lowers the Nones with `expr` in its own
        comprehension, so that nesting costs no Python frame more per level (MAX_DEPTH levels
        must fit in the interpreter's recursion limit)."""
        plain_each = self.plain_each
        if plain_each is None or len(nodes) < LONG_LIST:
            return zip(nodes, repeat(None))
        return zip(nodes, plain_each(nodes, self.anchor, self.base, MAX_DEPTH - self.depth), strict=True)

    def compound(self, node: TsNode) -> a.Expr:
        kind = node.type
        if kind == "list":
            return self.lower_list(node)
        if kind == "quote":
            return self.lower_quote(node)
        items = [self.expr(child) if form is None else form for child, form in self.lowered(self.children(node))]
        if kind == "vector":
            return a.ListLit(*self.rel(node), self.anchor, items)
        return self.lower_map(node, items)

    def too_deep(self, node: TsNode) -> a.ErrorNode:
        message = f"form nested too deeply (more than {MAX_DEPTH} levels)"
        if not self._too_deep_reported:
            self._too_deep_reported = True
            return self.error_node(node, message)
        return a.ErrorNode(*self.rel(node), self.anchor, message)

    def text(self, node: TsNode) -> str:
        """Source text of a node (sliced from the anchor: cheaper than `node.text`)."""
        start = node.start_byte - self.base
        return self.anchor.text[start : start + node.end_byte - node.start_byte].decode("utf-8", errors="replace")

    def literal(self, node: TsNode) -> a.Expr:
        kind = node.type
        start, end = self.rel(node)
        text = self.text(node)
        if not text:  # a MISSING token inserted by error recovery
            return self.error_node(node, f"expected a form here (missing {kind})")
        if kind == "float":
            return a.FloatLit(start, end, self.anchor, float(text))
        if kind == "string":
            return a.StrLit(start, end, self.anchor, self.string_value(node))
        if kind == "boolean":
            return a.BoolLit(start, end, self.anchor, text in ("#t", "true"))
        if kind == "nil":
            return a.NilLit(start, end, self.anchor)
        if kind == "keyword":
            return a.KeywordLit(start, end, self.anchor, text[1:])
        if kind == "symbol":
            return a.Name(start, end, self.anchor, text)
        if kind == "integer":
            return self.integer(node, start, end, text)
        return self.error_node(node, f"unexpected {kind}")

    def integer(self, node: TsNode, start: int, end: int, text: str | bytes) -> a.Expr:
        try:
            return a.IntLit(start, end, self.anchor, int(text))
        except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
            return self.error_node(node, f"integer literal too long (more than {sys.get_int_max_str_digits()} digits)")

    def string_value(self, node: TsNode) -> str:
        value, problems = decode_string(node)
        for problem_node, message in problems:
            self.error(problem_node, message)
        if node.child_count and node.child(node.child_count - 1).is_missing:
            self.unterminated(node)
        return value

    def unterminated(self, node: TsNode) -> None:
        start, end = self.rel(node)
        message = "unterminated string starting at {at}"
        self.diagnostics.append(Diagnostic(start, end, self.anchor, message, at=start))

    def lower_map(self, node: TsNode, items: list[a.Expr]) -> a.Expr:
        if len(items) % 2:
            last = items[-1]
            self.diagnostics.append(
                Diagnostic(
                    last.start,
                    last.end,
                    self.anchor,
                    "map literal has an odd number of elements: this key has no value",
                )
            )
            items = items[:-1]
        return a.MapLit(*self.rel(node), self.anchor, items)

    def lower_list(self, node: TsNode) -> a.Expr:
        children = self.children(node)
        if not children:
            return a.ListLit(*self.rel(node), self.anchor, [])
        head = children[0]
        if head.kind_id == SYMBOL_ID:
            name = self.text(head)
            lower_special = SPECIAL_LOWERERS.get(name)
            if lower_special is not None:
                return lower_special(self, node, children)
            lower_earlier = EARLIER_FORMS.get(name)
            if lower_earlier is not None:
                lowered = lower_earlier(self, node, children)
                if lowered is not None:
                    return lowered
        callee = self.expr(head)
        args = [self.expr(child) if form is None else form for child, form in self.lowered(children[1:])]
        return a.Call(*self.rel(node), self.anchor, callee, args)

    def body(self, node: TsNode, forms: list[TsNode], what: str) -> list[a.Expr]:
        if not forms:
            self.error(node, f"'{what}' needs at least one body form")
        return [self.expr(form) if lowered is None else lowered for form, lowered in self.lowered(forms)]

    def binder(self, node: TsNode, what: str = "a name") -> a.Binder | None:
        if node.type != "symbol":
            self.error(node, f"expected {what}, got {describe(node)}")
            return None
        start, end = self.rel(node)
        return a.Binder(start, end, self.anchor, self.text(node))

    def name(self, node: TsNode, what: str = "a name") -> a.Name | None:
        if node.type != "symbol":
            self.error(node, f"expected {what}, got {describe(node)}")
            return None
        start, end = self.rel(node)
        return a.Name(start, end, self.anchor, self.text(node))

    def shape_error(self, node: TsNode, children: list[TsNode], usage: str) -> a.ErrorNode:
        head = children[0].text.decode()
        message = f"malformed '{head}': expected {usage}"
        for child in children[1:]:
            self.expr(child)  # still report problems inside the pieces
        return self.error_node(node, message)

    # ------------------------------------------------------------ binding forms

    def params(self, items: list[TsNode]) -> tuple[list[a.Binder], a.Binder | None]:
        params: list[a.Binder] = []
        rest: a.Binder | None = None
        index = 0
        seen: set[str] = set()
        while index < len(items):
            item = items[index]
            binder = self.binder(item, "a parameter name")
            index += 1
            if binder is None:
                continue
            if binder.name == "..." and index < len(items):
                binder = self.binder(items[index], "a rest parameter name")
                index += 1
                if binder is None:
                    continue
                binder.start = item.start_byte - self.base
                rest = self.rest_binder(binder, items[index:])
                break
            if binder.name.startswith("...") and len(binder.name) > 3:
                binder.name = binder.name[3:]
                rest = self.rest_binder(binder, items[index:])
                break
            if binder.name in seen:
                self.error(item, f"duplicate parameter '{binder.name}'")
            seen.add(binder.name)
            params.append(binder)
        return params, rest

    def rest_binder(self, binder: a.Binder, after: list[TsNode]) -> a.Binder:
        if after:
            self.error(after[0], "the rest parameter must be the last one", end_node=after[-1])
        return binder

    def lower_define(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        usage = "(define name value) or (define (name param ...) body ...)"
        if len(children) < 2:
            return self.shape_error(node, children, usage)
        target = children[1]
        if target.type == "list":
            parts = self.children(target)
            if not parts:
                return self.shape_error(node, children, usage)
            binder = self.binder(parts[0], "a function name")
            params, rest = self.params(parts[1:])
            body = self.body(node, children[2:], "define")
            if binder is None:
                return a.ErrorNode(*self.rel(node), self.anchor, "bad function name")
            fn = a.Lambda(*self.rel(node), self.anchor, params, rest, body, binder.name)
            return a.Define(*self.rel(node), self.anchor, binder, fn, True)
        binder = self.binder(target, "a name to define")
        if len(children) != 3:
            return self.shape_error(node, children, usage)
        value = self.expr(children[2])
        if binder is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "bad definition name")
        if isinstance(value, a.Lambda) and value.name is None:
            value.name = binder.name
        return a.Define(*self.rel(node), self.anchor, binder, value, False)

    def lower_lambda(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) < 2 or children[1].type not in ("list", "vector"):
            bad = children[1] if len(children) > 1 else node
            self.error(bad, "'lambda' expects a parameter list: (lambda (param ...) body ...)")
            for child in children[2:]:
                self.expr(child)
            return a.ErrorNode(*self.rel(node), self.anchor, "malformed lambda")
        params, rest = self.params(self.children(children[1]))
        body = self.body(node, children[2:], "lambda")
        return a.Lambda(*self.rel(node), self.anchor, params, rest, body, None)

    def lower_let(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        keyword = children[0].text.decode()
        index = 1
        loop = None
        if len(children) > 1 and children[1].type == "symbol":
            loop = self.binder(children[1])
            index = 2
        if len(children) <= index or children[index].type not in ("list", "vector"):
            bad = children[index] if len(children) > index else node
            self.error(bad, f"expected a binding list: ({keyword} ((name value) ...) body ...)")
            for child in children[index + 1 :]:
                self.expr(child)
            return a.ErrorNode(*self.rel(node), self.anchor, "malformed let")
        bindings = []
        for item in self.children(children[index]):
            binding = self.let_binding(item)
            if binding is not None:
                bindings.append(binding)
        body = self.body(node, children[index + 1 :], keyword)
        return a.Let(*self.rel(node), self.anchor, keyword, bindings, body, loop)

    def let_binding(self, item: TsNode) -> a.LetBinding | None:
        parts = self.clause_parts(item) if item.type in ("list", "vector") else None
        if parts is None or len(parts) != 2:
            self.error(item, "expected a binding '(name value)'")
            for part in parts or []:
                self.expr(part)
            return None
        binder = self.binder(parts[0], "a name to bind")
        value = self.expr(parts[1])
        if binder is None:
            return None
        if isinstance(value, a.Lambda) and value.name is None:
            value.name = binder.name
        return a.LetBinding(*self.rel(item), self.anchor, binder, value)

    def lower_set(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) != 3:
            return self.shape_error(node, children, "(set! name value)")
        target = self.name(children[1], "a name to assign")
        value = self.expr(children[2])
        if target is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "bad set! target")
        return a.SetBang(*self.rel(node), self.anchor, target, value)

    # ------------------------------------------------------------ control flow

    def lower_if(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) not in (3, 4):
            return self.shape_error(node, children, "a test and a then branch: (if test then [else])")
        test, then = self.expr(children[1]), self.expr(children[2])
        otherwise = self.expr(children[3]) if len(children) == 4 else None
        return a.If(*self.rel(node), self.anchor, test, then, otherwise)

    def lower_cond(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        clauses = []
        for item in children[1:]:
            parts = self.clause_parts(item)
            if not parts:
                self.error(item, "expected a cond clause '(test body ...)'")
                continue
            head = parts[0]
            is_else = head.type == "symbol" and head.text == b"else"
            test = None if is_else else self.expr(head)
            body = [self.expr(part) for part in parts[1:]]
            if is_else and not body:
                self.error(item, "'else' clause needs a body")
            clauses.append(a.CondClause(*self.rel(item), self.anchor, test, body))
        return a.Cond(*self.rel(node), self.anchor, clauses)

    def lower_when(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        head = children[0].text.decode()
        if len(children) < 2:
            return self.shape_error(node, children, f"a test: ({head} test body ...)")
        test = self.expr(children[1])
        body = [self.expr(child) for child in children[2:]]
        return a.When(*self.rel(node), self.anchor, test, body, head == "unless")

    def lower_and_or(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        items = [self.expr(child) for child in children[1:]]
        cls = a.And if children[0].text == b"and" else a.Or
        return cls(*self.rel(node), self.anchor, items)

    def lower_do(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        return a.Do(*self.rel(node), self.anchor, [self.expr(child) for child in children[1:]])

    def lower_while(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) < 2:
            return self.shape_error(node, children, "a test: (while test body ...)")
        test = self.expr(children[1])
        body = [self.expr(child) for child in children[2:]]
        return a.While(*self.rel(node), self.anchor, test, body)

    def lower_try(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        body_nodes: list[TsNode] = []
        catch_var = catch_body = finally_body = None
        handlers = {"catch": None, "finally": None}
        after_body = True
        for child in reversed(children[1:]):  # a clause out of place is reported, still lowered
            name = head_name(child)
            if name not in handlers:
                after_body = False
                body_nodes.append(child)
                continue
            if not after_body:
                self.error(child, f"'{name}' must come after the body of 'try'")
            if handlers[name] is not None:
                self.error(child, f"more than one '{name}' clause")
            handlers[name] = child
        body_nodes.reverse()
        if handlers["catch"] is not None:
            catch_var, catch_body = self.catch_clause(handlers["catch"])
        if handlers["finally"] is not None:
            finally_body = [self.expr(p) for p in self.children(handlers["finally"])[1:]]
        body = self.body(node, body_nodes, "try")
        return a.Try(*self.rel(node), self.anchor, body, catch_var, catch_body, finally_body)

    def catch_clause(self, clause: TsNode) -> tuple[a.Binder | None, list[a.Expr] | None]:
        """The error's name and the body of `(catch (err) body ...)`; any other shape, such
        as `(catch Kind e ...)`, is reported at the clause and dropped."""
        parts = self.children(clause)[1:]
        names = self.children(parts[0]) if parts and parts[0].type == "list" else []
        if len(names) != 1 or names[0].type != "symbol":
            self.error(clause, "malformed 'catch': expected (catch (err) body ...)")
            for part in parts:
                self.expr(part)  # still report problems inside the pieces
            return None, None
        return self.binder(names[0]), [self.expr(part) for part in parts[1:]]

    # ------------------------------------------------------------ quote and patterns

    def lower_quote(self, node: TsNode) -> a.Expr:
        value = self.quote_value(node)
        if value is None:
            return self.error_node(node, "expected a form after '")
        return a.Quote(*self.rel(node), self.anchor, self.datum(value))

    def quote_value(self, node: TsNode) -> TsNode | None:
        """The form quoted by `'`, reporting stray tokens between the two."""
        if node.has_error:
            for child in node.children:
                if child.type == "ERROR":
                    stray: list[TsNode] = []
                    self.recover(child, stray)
                    for form in stray:
                        self.error(form, "unexpected form between ' and the quoted form")
        value = node.child_by_field_name("value")
        return None if value is None or value.is_missing else value

    def lower_quote_form(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) != 2:
            return self.shape_error(node, children, "one form: (quote datum)")
        return a.Quote(*self.rel(node), self.anchor, self.datum(children[1]))

    def datum(self, node: TsNode) -> a.Node:
        kind = node.type
        if kind == "symbol":
            return a.QuotedSymbol(*self.rel(node), self.anchor, node.text.decode())
        if kind not in COMPOUND:
            return self.literal(node)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                return self.too_deep(node)
            return self.compound_datum(node)
        finally:
            self.depth -= 1

    def compound_datum(self, node: TsNode) -> a.Node:
        start, end = self.rel(node)
        if node.type == "quote":
            value = self.quote_value(node)
            if value is None:
                self.error(node, "expected a form after '")
            marker = a.QuotedSymbol(start, start + 1, self.anchor, "quote")
            inner = [marker] if value is None else [marker, self.datum(value)]
            return a.QuotedList(start, end, self.anchor, inner)
        items = [self.datum(child) for child in self.children(node)]
        if node.type == "map":
            if len(items) % 2:
                self.error(node, "map literal has an odd number of elements")
                items = items[:-1]
            return a.QuotedMap(start, end, self.anchor, items)
        return a.QuotedList(start, end, self.anchor, items)

    def lower_match(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) < 2:
            return self.shape_error(node, children, "(match expr (pattern body ...) ...)")
        subject = self.expr(children[1])
        clauses = []
        for item in children[2:]:
            parts = self.clause_parts(item)
            if len(parts) < 2:
                self.error(item, "expected a match clause '(pattern body ...)'")
                if not parts:
                    continue
            pattern = self.pattern(parts[0])
            body = [self.expr(part) for part in parts[1:]]
            clauses.append(a.MatchClause(*self.rel(item), self.anchor, pattern, body))
        return a.Match(*self.rel(node), self.anchor, subject, clauses)

    def pattern(self, node: TsNode) -> a.Pattern:
        kind = node.type
        start, end = self.rel(node)
        if kind == "symbol":
            text = node.text.decode()
            if text == "_":
                return a.PWildcard(start, end, self.anchor)
            if text[:1].isupper():
                name = a.Name(start, end, self.anchor, text)
                return a.PConstructor(start, end, self.anchor, name, [], True)
            return a.PVar(start, end, self.anchor, a.Binder(start, end, self.anchor, text))
        if kind in ("vector", "list") and self.depth < MAX_DEPTH:
            self.depth += 1
            try:
                return self.collection_pattern(node)
            finally:
                self.depth -= 1
        if kind in ("integer", "float", "string", "boolean", "nil", "keyword"):
            return a.PLiteral(start, end, self.anchor, self.literal(node))
        self.error(node, f"expected a pattern, got {describe(node)}")
        return a.PWildcard(start, end, self.anchor)

    def collection_pattern(self, node: TsNode) -> a.Pattern:
        start, end = self.rel(node)
        parts = self.children(node)
        if node.type == "list":
            if not parts or parts[0].type != "symbol" or not parts[0].text[:1].isupper():
                self.error(node, "expected a constructor pattern such as (Some x)")
                return a.PWildcard(start, end, self.anchor)
            name = self.name(parts[0])
            args = [self.pattern(part) for part in parts[1:]]
            return a.PConstructor(start, end, self.anchor, name, args, False)
        items: list[a.Pattern] = []
        rest: a.Binder | a.PWildcard | None = None
        index = 0
        while index < len(parts):
            part = parts[index]
            text = part.text.decode() if part.type == "symbol" else ""
            if text.startswith("..."):
                rest_name = text[3:]
                rest_start = part.start_byte - self.base
                if not rest_name and index + 1 < len(parts) and parts[index + 1].type == "symbol":
                    index += 1
                    part = parts[index]
                    rest_name = part.text.decode()
                rest_end = part.end_byte - self.base
                if not rest_name or rest_name == "_":
                    rest = a.PWildcard(rest_start, rest_end, self.anchor)
                else:
                    rest = a.Binder(rest_start, rest_end, self.anchor, rest_name)
                if index + 1 < len(parts):
                    self.error(parts[index + 1], "nothing may follow the rest pattern")
                break
            items.append(self.pattern(part))
            index += 1
        return a.PList(start, end, self.anchor, items, rest)

    # ------------------------------------------------------------ data, effects, contracts, modules

    def lower_data(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) < 2:
            return self.shape_error(node, children, "(data Name tvar ... (Ctor type ...) ...)")
        name = self.binder(children[1], "a type name")
        type_vars, ctors = [], []
        for item in children[2:]:
            if item.type == "symbol" and not ctors:
                type_vars.append(self.binder(item))
            elif item.type == "list":
                parts = self.children(item)
                ctor = self.binder(parts[0], "a constructor name") if parts else None
                if ctor is None:
                    if not parts:
                        self.error(item, "expected a constructor '(Ctor type ...)'")
                    continue
                fields = [self.datum(part) for part in parts[1:]]
                ctors.append(a.CtorDef(*self.rel(item), self.anchor, ctor, fields))
            else:
                self.error(item, "expected a constructor '(Ctor type ...)'")
        if name is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "bad data type name")
        return a.Data(*self.rel(node), self.anchor, name, type_vars, ctors)

    def lower_ascribe(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) != 3:
            return self.shape_error(node, children, "(: expr Type)")
        return a.Ascribe(*self.rel(node), self.anchor, self.expr(children[1]), self.datum(children[2]))

    def lower_handler(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        usage = "(handler ((kind:op fn) ...) body ...)"
        if len(children) < 2 or children[1].type != "list":
            return self.shape_error(node, children, usage)
        clauses = []
        for item in self.children(children[1]):
            parts = self.clause_parts(item)
            if len(parts) != 2 or parts[0].type != "symbol":
                self.error(item, "expected a handler clause '(kind:op fn)'")
                continue
            op = self.name(parts[0])
            clauses.append(a.HandlerClause(*self.rel(item), self.anchor, op, self.expr(parts[1])))
        body = self.body(node, children[2:], "handler")
        return a.Handler(*self.rel(node), self.anchor, clauses, body)

    def lower_contract(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        if len(children) < 2:
            return self.shape_error(node, children, "(spec:contract fname :clause value ...)")
        target = self.name(children[1], "the name of the function the contract is for")
        clauses = []
        rest = children[2:]
        for index in range(0, len(rest), 2):
            key = rest[index]
            if key.type != "keyword":
                self.error(
                    key,
                    f"expected a contract clause keyword such as :requires, got {describe(key)}",
                )
                continue
            if index + 1 >= len(rest):
                self.error(key, f"contract clause {key.text.decode()} has no value")
                continue
            name = key.text.decode()[1:]
            if name not in CONTRACT_CLAUSES:
                self.warn(key, f"unknown contract clause ':{name}'", "unknown-contract-clause")
            value = self.expr(rest[index + 1])
            start = key.start_byte - self.base
            clauses.append(a.ContractClause(start, value.end, self.anchor, name, value))
        if target is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "bad contract target")
        return a.Contract(*self.rel(node), self.anchor, target, clauses)

    def lower_module(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        usage = "(module name (export sym ...) body ...)"
        if len(children) < 2:
            return self.shape_error(node, children, usage)
        name = self.binder(children[1], "a module name")
        if len(children) > 2 and children[2].type == "list" and head_name(children[2]) == "export":
            exports = [n for n in (self.name(e) for e in self.children(children[2])[1:]) if n is not None]
            body = [self.expr(child) for child in children[3:]]
            export_all, body_nodes = False, None
        else:  # earlier spellings: (export ...) forms in the body, or no exports named at all
            body_nodes, exports, export_all = self.module_exports(children[2:])
            body = [self.expr(child) for child in body_nodes]
        if name is None:
            return a.ErrorNode(*self.rel(node), self.anchor, "bad module name")
        module = a.ModuleForm(*self.rel(node), self.anchor, name, exports, body, export_all)
        if len(children) > 2 and body_nodes is not None:
            self.modernize_module(node, module, body_nodes)
        return module

    def lower_import(self, node: TsNode, children: list[TsNode]) -> a.Expr:
        usage = '(import "path" (name ... [name as alias] ...)) or (import "path" *)'
        if len(children) not in (2, 3) or children[1].type != "string":
            return self.shape_error(node, children, usage)
        path = self.literal(children[1])
        if len(children) == 2 and isinstance(path, a.StrLit):  # (import "m"): qualified names
            return a.Import(*self.rel(node), self.anchor, path, [], False, True)
        spec = children[2]
        if spec.type == "symbol" and spec.text == b"*":
            return a.Import(*self.rel(node), self.anchor, path, [], True)
        if spec.type != "list":
            return self.shape_error(node, children, usage)
        names = []
        for item in self.children(spec):
            entry = self.import_name(item)
            if entry is not None:
                names.append(entry)
        return a.Import(*self.rel(node), self.anchor, path, names, False)

    def import_name(self, item: TsNode) -> a.ImportName | None:
        if item.type == "symbol":
            name = self.name(item)
            start, end = self.rel(item)
            return a.ImportName(start, end, self.anchor, name, a.Binder(start, end, self.anchor, name.name))
        parts = self.children(item) if item.type == "vector" else []
        if len(parts) == 3 and parts[1].text == b"as":
            name = self.name(parts[0], "an exported name")
            alias = self.binder(parts[2], "an alias")
            if name is not None and alias is not None:
                return a.ImportName(*self.rel(item), self.anchor, name, alias)
            return None
        self.error(item, "expected a name or [name as alias]")
        return None


def flatten_errors(error: TsNode) -> list[TsNode]:
    """The children of an ERROR node, with nested ERROR nodes spliced in, iteratively.

    An ERROR node without children (an unexpected character such as NUL) is itself a
    stray token.
    """
    if error.child_count == 0:
        return [error]
    out: list[TsNode] = []
    stack = [iter(error.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.type == "ERROR" and child.child_count:
            stack.append(iter(child.children))
        else:
            out.append(child)
    return out


def children_before(node: TsNode, stop: int) -> Iterator[TsNode]:
    """The children of `node` that start before byte `stop`, read one by one: the last
    collection of an unclosed chain holds every later form of the file, and reading its
    `children` made a Node for each of them on every keystroke."""
    cursor = node.walk()
    found = cursor.goto_first_child()
    while found:
        child = cursor.node
        if child is None or child.start_byte >= stop:
            return
        yield child
        found = cursor.goto_next_sibling()


def head_name(node: TsNode) -> str | None:
    """The head symbol of a list node, if any."""
    if node.type != "list":
        return None
    for child in node.children:
        if child.type in FORM_TYPES:
            return child.text.decode() if child.type == "symbol" else None
    return None


def describe(node: TsNode) -> str:
    """A short description of a node for messages: `a list`, `the integer 5`."""
    kind = node.type
    text = node.text.decode("utf-8", errors="replace") if node.text else ""
    if len(text) > 20:
        text = text[:17] + "..."
    if kind in COLLECTIONS:
        return f"a {kind}"
    return f"{kind} '{text}'"


SPECIAL_LOWERERS: dict[str, Callable[[Lowerer, TsNode, list[TsNode]], a.Expr]] = {
    "define": Lowerer.lower_define,
    "lambda": Lowerer.lower_lambda,
    "let": Lowerer.lower_let,
    "let*": Lowerer.lower_let,
    "letrec": Lowerer.lower_let,
    "set!": Lowerer.lower_set,
    "if": Lowerer.lower_if,
    "cond": Lowerer.lower_cond,
    "when": Lowerer.lower_when,
    "unless": Lowerer.lower_when,
    "and": Lowerer.lower_and_or,
    "or": Lowerer.lower_and_or,
    "do": Lowerer.lower_do,
    "begin": Lowerer.lower_do,
    "while": Lowerer.lower_while,
    "try": Lowerer.lower_try,
    "quote": Lowerer.lower_quote_form,
    "match": Lowerer.lower_match,
    "data": Lowerer.lower_data,
    ":": Lowerer.lower_ascribe,
    "effect": Lowerer.lower_effect,
    "handler": Lowerer.lower_handler,
    "spec:contract": Lowerer.lower_contract,
    "module": Lowerer.lower_module,
    "import": Lowerer.lower_import,
}
assert set(SPECIAL_LOWERERS) == SPECIAL_FORMS

NATIVE = native.load(SPECIAL_FORMS | frozenset(EARLIER_FORMS), CONTRACT_CLAUSES)  # None: everything in Python
PLAIN = NATIVE.lower if NATIVE is not None else None
PLAIN_EACH = NATIVE.lower_each if NATIVE is not None else None  # PLAIN of each node of a list
LONG_LIST = 16  # nodes: a shorter list is lowered node by node (no list of results made)
