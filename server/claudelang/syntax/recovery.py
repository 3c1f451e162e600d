"""Lowering of unfinished code: rebuild the forms that error recovery left as loose tokens.

While a form is being typed its brackets are not closed yet. Tree-sitter then often gives
up on the structure and returns a flat top-level ERROR node: the opening brackets and the
complete forms inside them, in order. Reporting that as one broken form would hide every
local binding from completion at the very place one types.

`PartialLowerer` reassembles the pieces: each unclosed bracket becomes an `Unfinished`
node (a stand-in for the tree-sitter node with the same interface the `Lowerer` reads),
closed at the end of its unit (the end of the file, or just before the next piece that
starts in column 0 on a later line, the way Lisp editors read indentation). The nodes are
then lowered like any other, at their real positions. Diagnostics stay those of the loose
pieces, as before (the outermost unclosed bracket, stray tokens, the problems of each
complete form inside): shape errors of a form not finished yet would be noise.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from claudelang.ast import nodes as a
from claudelang.ast.span import Anchor
from claudelang.syntax.grammar import language
from claudelang.syntax.lower import FORM_TYPES, Lowerer, flatten_errors

OPENED = {"(": "list", "[": "vector", "{": "map", "'": "quote"}
CLOSERS = frozenset({")", "]", "}"})
KIND_IDS = {kind: language().id_for_node_kind(kind, True) for kind in OPENED.values()}


class Unfinished:
    """A collection or quote rebuilt from the loose pieces of an ERROR node.

    It answers the subset of `tree_sitter.Node` that lowering reads. While its bracket is
    unclosed, it ends where its unit ends.
    """

    __slots__ = ("_source", "children", "end_byte", "kind_id", "start_byte", "type")

    is_missing = False
    has_error = True  # lowering then reads `children` one by one, skipping the brackets

    def __init__(self, opener: TsNode, source: Anchor) -> None:
        self.type = OPENED[opener.type]
        self.kind_id = KIND_IDS[self.type]
        self.start_byte = opener.start_byte
        self.end_byte = opener.end_byte
        self.children: list[TsNode | Unfinished] = [opener]
        self._source = source

    @property
    def child_count(self) -> int:
        return len(self.children)

    def child(self, index: int) -> TsNode | Unfinished | None:
        return self.children[index] if -len(self.children) <= index < len(self.children) else None

    def child_by_field_name(self, name: str) -> TsNode | Unfinished | None:
        """The quoted form of a quote (its only field)."""
        return self.children[1] if name == "value" and self.type == "quote" and len(self.children) > 1 else None

    @property
    def named_child_count(self) -> int:
        return sum(1 for child in self.children if child.type in FORM_TYPES)

    def named_child(self, index: int) -> TsNode | Unfinished | None:
        forms = [child for child in self.children if child.type in FORM_TYPES]
        return forms[index] if -len(forms) <= index < len(forms) else None

    @property
    def text(self) -> bytes:
        base = self._source.base_byte
        return self._source.text[self.start_byte - base : self.end_byte - base]

    @property
    def start_row(self) -> int:
        return self.children[0].start_point.row

    def add(self, item: TsNode | Unfinished) -> None:
        self.children.append(item)
        self.end_byte = item.end_byte


class PartialLowerer(Lowerer):
    """Lowers a top-level ERROR node whose unit ends at byte `unit_end`."""

    def __init__(self, anchor: Anchor, unit_end: int) -> None:
        super().__init__(anchor, anchor.base_byte)
        self.unit_end = unit_end
        self._lowered: dict[int, a.Expr] = {}  # complete pieces inside unfinished forms, by id

    def expr(self, node: TsNode | Unfinished) -> a.Expr:  # type: ignore[override]
        lowered = self._lowered.pop(id(node), None)
        return super().expr(node) if lowered is None else lowered

    def lower_error(self, error: TsNode) -> list[a.Expr]:
        """The forms of a top-level ERROR node, unfinished ones completed."""
        forms: list[a.Expr] = []
        unclosed: list[Unfinished] = []  # innermost last
        for piece in flatten_errors(error):
            kind = piece.type
            if kind == "comment":
                continue
            if unclosed and kind not in CLOSERS and starts_line(piece, unclosed[0].start_row):
                self.finish(unclosed, piece.start_byte, forms)
            if kind in OPENED:
                unclosed.append(Unfinished(piece, self.anchor))
            elif kind in CLOSERS:
                self.close(piece, unclosed, forms)
            elif kind in FORM_TYPES:
                self.place(piece, unclosed, forms)
            else:
                self.stray_token(piece)
        self.finish(unclosed, self.unit_end, forms)
        return forms

    def place(self, item: TsNode | Unfinished, unclosed: list[Unfinished], forms: list[a.Expr]) -> None:
        """Put a complete form into the innermost open node; a quote completes with it.

        A complete piece is lowered on its own at once, for its diagnostics (and as the
        node used where the unfinished form takes it as an expression)."""
        if unclosed and type(item) is not Unfinished:
            self._lowered[id(item)] = self.expr(item)
        while unclosed:
            parent = unclosed[-1]
            parent.add(item)
            if parent.type != "quote":
                return
            unclosed.pop()
            item = parent
        forms.append(self.lower_unfinished(item))

    def close(self, closer: TsNode, unclosed: list[Unfinished], forms: list[a.Expr]) -> None:
        while unclosed and unclosed[-1].type == "quote":  # a quote with nothing to quote
            self.stray_token(unclosed.pop().children[0])
        if not unclosed:
            self.stray_token(closer)
            return
        node = unclosed.pop()
        node.add(closer)
        self.place(node, unclosed, forms)

    def finish(self, unclosed: list[Unfinished], end: int, forms: list[a.Expr]) -> None:
        """Close every open node at byte `end`; report the outermost unclosed bracket."""
        outermost = next((node for node in unclosed if node.type != "quote"), None)
        if outermost is not None:
            self.report_unclosed_token(outermost.children[0])
        item: Unfinished | None = None
        while unclosed:
            node = unclosed.pop()
            if item is not None:
                node.children.append(item)
            elif node.type == "quote":
                self.stray_token(node.children[0])
                continue
            node.end_byte = end
            item = node
        if item is not None:
            forms.append(self.lower_unfinished(item))

    def lower_unfinished(self, node: TsNode | Unfinished) -> a.Expr:
        """Lower a rebuilt form without reporting its shape (its pieces were reported) and
        without offering to rewrite an earlier spelling that is not finished yet."""
        if type(node) is not Unfinished:
            return self.expr(node)
        reported, self.diagnostics = self.diagnostics, []
        rewrites = len(self.rewrites)
        try:
            return self.expr(node)
        finally:
            self.diagnostics = reported
            del self.rewrites[rewrites:]


def starts_line(piece: TsNode, row: int) -> bool:
    """Whether `piece` starts in column 0 on a line after `row`: a new top-level form."""
    point = piece.start_point
    return point.column == 0 and point.row > row
