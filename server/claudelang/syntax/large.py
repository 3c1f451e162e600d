"""Documents over the size limit: tree-sitter only, parsed in slices and windows, no tree kept.

A document larger than the limit (`document_for`; the server's limit is the one of files it
indexes, 4 MB by default) gets syntax-level features only: syntax diagnostics, folding and
selection ranges. It is never lowered, so it has no forms, and nothing analyses it.

Time. Parsing 50 MB takes tree-sitter 4–10 s and py-tree-sitter holds the GIL throughout (a
thread would not help). So `LargeDocument.step` works for at most a time budget: tree-sitter
halts when its progress callback says so and resumes where it stopped on the next call, and
the caller (the server's event loop) answers other requests between steps.

Memory. A tree takes about 20 bytes per byte of text, so the text is parsed in windows of
`WINDOW` bytes, one tree at a time, each let go once outlined. A window keeps the top-level
nodes that end before its last 1/`MARGIN` (where error recovery may see the cut); the next
starts at the first node left out. A window inside one form doubles, up to `MAX_WINDOW`,
past which the form is cut (and reported as syntax errors at the cut). What is kept is an
`Outline`: each top-level node's bytes, the first `MAX_FOLDS` multi-line forms and the first
`MAX_ERRORS` syntax errors. Selection ranges parse the one top-level node around the
position (up to `MAX_TOP_PARSE` bytes). An edit parses the whole text again, in slices.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_right
from collections.abc import Generator, Iterator
from dataclasses import dataclass

from tree_sitter import Node as TsNode
from tree_sitter import Point

from claudelang.ast.diagnostic import Diagnostic
from claudelang.ast.span import Anchor, LineIndex, Position
from claudelang.syntax.cst import ranges_around
from claudelang.syntax.document import Document, Module, TextEdit, Unit, decode, edit_text
from claudelang.syntax.grammar import new_parser
from claudelang.syntax.lower import COLLECTIONS, OPENER_CLOSERS

MAX_FOLDS = 5000  # folding ranges kept, in document order (VS Code shows at most 5,000)
MAX_ERRORS = 100  # syntax errors reported, in document order
MAX_TOP_PARSE = 1_000_000  # bytes of one top-level node parsed for a selection range
WINDOW = 1 << 20  # bytes parsed at a time (a tree takes about 20 bytes per byte)
MAX_WINDOW = 8 << 20  # a window grows to this for a top-level form that fills it, then cuts it
MARGIN = 16  # the last 1/MARGIN of a window is parsed again with the next (error recovery at the cut)
NODES_PER_LOOK = 2000  # nodes outlined between two looks at the clock
CHUNK = 1 << 16  # bytes handed to tree-sitter at a time
SHOWN = 40  # characters of an unexpected token quoted in its message


def document_for(source: str | bytes, version: int, limit: int) -> Document | LargeDocument:
    """A `Document`, or a `LargeDocument` when the text is over `limit` bytes."""
    text = decode(source)
    if len(text) > limit or len(text.encode("utf-8")) > limit:
        return LargeDocument(text, version)
    return Document(text, version)


@dataclass(slots=True)
class Outline:
    """What a parse of a large document leaves behind."""

    starts: array[int]  # the first byte of each top-level node
    ends: array[int]  # and the byte after its last
    folds: list[tuple[int, int, str]]  # (first line, last line, "region") of multi-line forms
    diagnostics: list[Diagnostic]

    def top_around(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset <= self.ends[index]:
            return self.starts[index], self.ends[index]
        return None


class LargeDocument:
    """A text kept only as text and an `Outline`: the same surface as `Document`, plus `step`."""

    unsettled = False  # every parse is a fresh one

    def __init__(self, source: str | bytes, version: int = 0) -> None:
        self._parser = new_parser()
        self._chunks = Chunks()
        text = decode(source)
        data = text.encode("utf-8")
        self._restart(text, data, LineIndex(data), version)

    @property
    def text(self) -> str:
        return self.module.text

    @property
    def ready(self) -> bool:
        """Whether the current text is parsed (its outline and diagnostics are known)."""
        return self.outline is not None

    def step(self, budget: float) -> bool:
        """Parse and outline for about `budget` seconds; True once done."""
        self._deadline = time.perf_counter() + budget
        for _ in self._work:
            if time.perf_counter() >= self._deadline:
                break
        return self.ready

    def apply_edits(self, edits: list[TextEdit], version: int | None = None, settle: bool = True) -> Module:
        module = self.module
        data, lines, _shift = edit_text(module.data, module.lines, edits)
        next_version = module.version + 1 if version is None else version
        self._restart(data.decode("utf-8", errors="replace"), data, lines, next_version)
        return self.module

    def replace(self, source: str | bytes, version: int | None = None) -> Module:
        text = decode(source)
        data = text.encode("utf-8")
        self._restart(text, data, LineIndex(data), self.module.version + 1 if version is None else version)
        return self.module

    def settle(self) -> bool:
        return False

    def ranges_around(self, offset: int) -> list[tuple[int, int]]:
        """Byte ranges of the token and forms around `offset`, innermost first, ending with
        the whole text; only the whole text while parsing, or in a top-level node over
        `MAX_TOP_PARSE` bytes."""
        whole = (0, len(self.module.data))
        top = self.outline.top_around(offset) if self.outline is not None else None
        if top is None:
            return [whole]
        start, end = top
        if end - start > MAX_TOP_PARSE:
            return [top, whole] if top != whole else [whole]
        tree = new_parser().parse(self.module.data[start:end])
        inner = [(s + start, e + start) for s, e in ranges_around(tree.root_node, offset - start)]
        return inner if inner and inner[-1] == whole else [*inner, whole]

    # ------------------------------------------------------------ parsing in slices

    def _restart(self, text: str, data: bytes, lines: LineIndex, version: int) -> None:
        self.module = Module(text, data, new_parser().parse(b""), [], lines, version)
        self.outline: Outline | None = None
        self._parser.reset()
        self._deadline = 0.0
        self._halted = False
        self._work = self._parse_and_outline(text, data, lines, version)

    def _halt(self, _offset: int, _has_error: bool) -> bool:
        self._halted = time.perf_counter() >= self._deadline
        return self._halted

    def _parse_and_outline(self, text: str, data: bytes, lines: LineIndex, version: int) -> Iterator[None]:
        outline = Outline(array("q"), array("q"), [], [])
        start, size = 0, WINDOW
        while start < len(data):
            end = min(len(data), start + size)
            tree = yield from self._parse_window(memoryview(data)[start:end])
            last = end == len(data) or size >= MAX_WINDOW  # take every node, cut or not
            stop = None if last else end - start - size // MARGIN  # error recovery near the cut
            done = yield from outline_of(tree.root_node, data, lines, outline, start, stop)
            del tree  # the memory of one window at a time
            if done > start:
                start, size = done, WINDOW
            elif last:
                start = end
            else:
                size *= 2  # one top-level form fills the window: look further
        anchor = Anchor(b"", 0, Position(0, 0, 0))
        unit = Unit(None, anchor, [], outline.diagnostics, [])
        self.module = Module(text, data, self.module.tree, [unit], lines, version)
        self.outline = outline

    def _parse_window(self, window: memoryview) -> Iterator[None]:  # returns the tree
        def read(byte: int, _point: Point) -> bytes | bytearray:
            return self._chunks.fill(window, byte)

        self._parser.reset()
        while True:
            self._halted = False
            try:
                return self._parser.parse(read, progress_callback=self._halt)
            except ValueError:
                if not self._halted:
                    raise
                yield  # tree-sitter resumes where it halted


class Chunks:
    """The buffers a document's parses are read through.

    py-tree-sitter (0.26) keeps a reference to every object a read callback returns, for
    good: returning slices of the text would keep a copy of it (or, through memoryviews,
    the text itself) alive after the document is closed. So every read returns one of these
    buffers, refilled: `CHUNK` bytes, or a power of two under it near the end of the text.
    They are never freed (about 128 KB per large document opened)."""

    def __init__(self) -> None:
        self.buffers = {1 << bits: bytearray(1 << bits) for bits in range(CHUNK.bit_length())}

    def fill(self, view: memoryview, byte: int) -> bytes | bytearray:
        left = len(view) - byte
        if left <= 0:
            return b""
        buffer = self.buffers[CHUNK if left >= CHUNK else 1 << (left.bit_length() - 1)]
        buffer[:] = view[byte : byte + len(buffer)]
        return buffer


def outline_of(
    root: TsNode, data: bytes, lines: LineIndex, outline: Outline, base: int, stop: int | None
) -> Generator[None, None, int]:
    """Add to `outline` the top-level nodes of a window's tree (the window starting at byte
    `base` of `data`) that end before `stop` (a node reaching it may be cut; None: all of
    them), in document order, yielding every `NODES_PER_LOOK` nodes; return the byte where
    the nodes left out start (the window's end, if none were).

    Iterative (any depth); a subtree is entered only while it can still add a fold (it
    spans lines) or an error (it has one) and the respective list is not full."""
    hopeless = root.type == "ERROR"  # nothing parsed (say 100,000 `(`): its children are tokens
    if hopeless and stop is not None:
        return base  # the window is inside one form: look further
    cursor = root.walk()
    visited = 0
    node: TsNode | None = root
    while node is not None:
        depth = cursor.depth
        if depth == 1:
            if stop is not None and node.end_byte >= stop:
                return base + node.start_byte
            outline.starts.append(base + node.start_byte)
            outline.ends.append(base + node.end_byte)
            if hopeless and len(outline.diagnostics) < MAX_ERRORS:
                outline.diagnostics.append(syntax_error(root, data, lines, base))
                hopeless = False
        multi_line = node.end_point.row > node.start_point.row
        if multi_line and node.type in COLLECTIONS and len(outline.folds) < MAX_FOLDS:
            first, last = lines.line_of(base + node.start_byte), lines.line_of(base + node.end_byte)
            outline.folds.append((first, last, "region"))
        if depth and (node.is_missing or node.type == "ERROR") and len(outline.diagnostics) < MAX_ERRORS:
            outline.diagnostics.append(syntax_error(node, data, lines, base))
        visited += 1
        if visited % NODES_PER_LOOK == 0:
            yield
        wanted = (multi_line and len(outline.folds) < MAX_FOLDS) or (
            node.has_error and len(outline.diagnostics) < MAX_ERRORS
        )
        if (depth == 0 or wanted) and cursor.goto_first_child():
            node = cursor.node
            continue
        node = None
        while cursor.depth > 0:
            if cursor.goto_next_sibling():
                node = cursor.node
                break
            cursor.goto_parent()
    return base + root.end_byte


def syntax_error(node: TsNode, data: bytes, lines: LineIndex, base: int) -> Diagnostic:
    """A missing token, or the first token of an ERROR node (of a tree of the text from
    byte `base`), as a diagnostic."""
    if node.is_missing:
        message = f"missing '{node.type}'"
    else:
        while node.child_count:
            node = node.child(0)  # type: ignore[assignment]
        token = data[base + node.start_byte : base + node.end_byte].decode("utf-8", "replace")
        shown = token if len(token) <= SHOWN else token[:SHOWN] + "…"
        closer = OPENER_CLOSERS.get(token)
        message = f"unclosed '{token}': expected '{closer}'" if closer else f"unexpected '{shown}'"
    start = base + node.start_byte
    end = min(base + node.end_byte, start + 4 * SHOWN)
    anchor = Anchor(data[start:end], start, lines.position(start))
    return Diagnostic(0, end - start, anchor, message)
