"""Incremental documents: apply edits, reparse incrementally, re-lower only what changed.

A `Document` owns the text, the tree-sitter tree and the lowered top-level units. An edit
is applied to the text, described to the old tree with `tree.edit`, and the text is
reparsed with the old tree. Each top-level node is then looked up by its source bytes
(and the text before it on its line) among the previous version's units: an identical
unit is reused, with its `Anchor` moved to the new position, so only changed forms are
lowered again. `Module` is the immutable-by-convention result that every later stage reads.

Tree-sitter's error recovery after an incremental parse can differ from a fresh parse of
the same text. So a document whose incremental parse has syntax errors is *unsettled*:
`settle()` parses it from scratch (whole-file work) and, if the trees differ, lowers
again what differs. `apply_edits` settles at once by default; an editor's typing path
passes `settle=False` and settles when typing pauses, so that a keystroke costs what it
edited, not what the file holds.

Where `native` allows it, the bookkeeping per top-level unit runs in C (DECISIONS.md,
"Parsing in C"): `SCAN` splits the tree into units (`unit_nodes`: the forms an unclosed
bracket swallowed are units of their own) and finds those a keystroke left alone
(`untouched_ends`) from `Module.tops`, moving the ones after the edit, so that Python
handles only the units in between; `FRESH` builds the units of a file parsed afresh
(`lower_middle`). The Python functions stay the reference and run whenever C declines.
"""

from __future__ import annotations

import gc
import re
import threading
from bisect import bisect_left
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node as TsNode
from tree_sitter import Parser, Point, Tree

from claudelang.ast.diagnostic import Diagnostic
from claudelang.ast.nodes import Expr
from claudelang.ast.span import Anchor, LineIndex, Position
from claudelang.syntax import lower as lowering
from claudelang.syntax.earlier import Rewrite
from claudelang.syntax.grammar import new_parser
from claudelang.syntax.lower import (
    FORM_TYPES,
    MAX_DEPTH,
    NATIVE,
    Lowerer,
    form_children,
    is_unclosed,
    split_unclosed,
)
from claudelang.syntax.recovery import PartialLowerer

# Node type, source bytes, text before it on its line, and for a node with syntax errors its
# tree shape (`SHAPE`, else b""): error recovery may parse the same bytes differently in
# another context.
# A unit cut short by an unclosed bracket has no key: it is lowered again every time.
UnitKey = tuple[str, bytes, bytes, bytes]


@dataclass(slots=True, eq=False)
class Unit:
    """One top-level tree-sitter node, lowered: the unit of caching."""

    key: UnitKey | None
    anchor: Anchor
    forms: list[Expr]
    diagnostics: list[Diagnostic]
    rewrites: list[Rewrite]  # earlier spellings (LANGUAGE.md §10) and their 1.1 text


@dataclass(slots=True, eq=False)
class TextEdit:
    """Replace the text between two LSP positions (line, UTF-16 column) with `text`."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str


class Module:
    """A parsed document: text, syntax tree, top-level forms and syntax diagnostics."""

    __slots__ = ("_rewrites", "data", "lines", "notable", "text", "tops", "tree", "units", "version")

    def __init__(
        self,
        text: str,
        data: bytes,
        tree: Tree,
        units: list[Unit],
        lines: LineIndex,
        version: int,
        tops: bytes | None = None,
        notable: list[int] | None = None,
    ) -> None:
        self.text = text
        self.data = data
        self.tree = tree
        self.units = units
        self.lines = lines
        self.version = version
        self.tops = tops  # what the next edit compares of the tree's units (_lower.scan_units)
        # the indices of the units with diagnostics or rewrites, in order: what the properties
        # below read, so that a keystroke's publish costs the units that have some, not all
        self.notable = notable_units(units) if notable is None else notable
        self._rewrites: list[Rewrite] | None = None

    @property
    def forms(self) -> list[Expr]:
        return [form for unit in self.units for form in unit.forms]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        units = self.units
        return [diag for index in self.notable for diag in units[index].diagnostics]

    @property
    def rewrites(self) -> list[Rewrite]:
        """The earlier spellings in the document, each with its 1.1 text (found once per
        module: a module never changes)."""
        if self._rewrites is None:
            units = self.units
            self._rewrites = [rewrite for index in self.notable for rewrite in units[index].rewrites]
        return self._rewrites

    @property
    def has_errors(self) -> bool:
        units = self.units
        return any(units[index].diagnostics for index in self.notable)

    def sexp(self) -> str:
        return str(self.tree.root_node)


def notable_units(units: list[Unit], offset: int = 0) -> list[int]:
    """The indices (counted from `offset`) of the `units` with diagnostics or rewrites."""
    return [offset + index for index, unit in enumerate(units) if unit.diagnostics or unit.rewrites]


def carry_notable(notable: list[int], count: int, head: int, middle: list[Unit], tail: int) -> list[int]:
    """`notable_units` of the units an edit made of `count` previous ones whose notable
    indices were `notable`: the first `head` and last `tail` of those kept, `middle` new
    between them. O(log count + the notable units + the middle), not O(units)."""
    kept = bisect_left(notable, head)
    moved = bisect_left(notable, count - tail)
    shift = head + len(middle) - (count - tail)
    return [*notable[:kept], *notable_units(middle, head), *(index + shift for index in notable[moved:])]


def lower_unit(
    node: TsNode, anchor: Anchor, cut: int | None = None
) -> tuple[list[Expr], list[Diagnostic], list[Rewrite]]:
    """Lower one top-level node; with `cut`, only its part before that byte (the rest was
    swallowed by an unclosed bracket and is lowered as units of its own).

    A bracket left unclosed is closed where the unit ends: at `cut`, else at the end of
    the anchor's text (which then runs to the next unit or the end of the file)."""
    unit_end = anchor.base_byte + len(anchor.text)
    plain = lowering.PLAIN
    if plain is not None and cut is None and unit_end == node.end_byte:  # a plain form: no Lowerer needed
        form = plain(node, anchor, anchor.base_byte, MAX_DEPTH)
        if form is not None:
            return [form], [], []
    if node.type == "ERROR":
        partial = PartialLowerer(anchor, unit_end)
        return partial.lower_error(node), partial.diagnostics, partial.rewrites
    if cut is not None:
        lowerer = Lowerer(anchor, anchor.base_byte, cut, open_end=cut + 1, close_at=cut)
    elif unit_end > node.end_byte:
        lowerer = Lowerer(anchor, anchor.base_byte, open_end=node.end_byte, close_at=unit_end)
    else:
        lowerer = Lowerer(anchor, anchor.base_byte)
    return [lowerer.expr(node)], lowerer.diagnostics, lowerer.rewrites


def unit_end(node: TsNode, following: int) -> int:
    """Where the unit of `node` ends, `following` being where the next one starts: an
    unfinished form (an ERROR, or a collection whose closing bracket is missing) runs up
    to it, so that the typing at its end, after spaces too, is inside it."""
    if node.has_error and (node.type == "ERROR" or is_unclosed(node)):
        return following
    return node.end_byte


def hoisted_after(node: TsNode, cut: int) -> list[TsNode]:
    """The forms at or after byte `cut` in the chain of unclosed collections from `node`."""
    current = node
    while True:
        children = form_children(current)
        after = [child for child in children if child.start_byte >= cut]
        if after:
            return after
        current = children[-1]


def ts_point(data: bytes, offset: int, lines: LineIndex | None = None) -> Point:
    """Tree-sitter's (row, byte column) for a byte offset; rows count `\\n` only, so they are
    the lines of `lines` (the index of `data`) when there is no `\\r` (found at memchr speed,
    not by counting a megabyte of line breaks)."""
    if lines is not None and b"\r" not in data:
        row = lines.line_of(offset)
        return Point(row, offset - lines.line_start(row))
    row = data.count(b"\n", 0, offset)
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Point(row, offset - line_start)


def point_after(data: bytes, offset: int, point: Point, later: int) -> Point:
    """The point of byte `later` of `data`, byte `offset` being at `point`: only the bytes
    between are looked at."""
    breaks = data.count(b"\n", offset, later)
    if not breaks:
        return Point(point.row, point.column + later - offset)
    return Point(point.row + breaks, later - data.rfind(b"\n", offset, later) - 1)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(source: str | bytes) -> str:
    """Text of a source; invalid UTF-8 and lone surrogates become U+FFFD.

    A lone surrogate (which JSON, and so an LSP client, can send) is one UTF-16 unit, like
    U+FFFD, so positions stay those of the client; the bytes stay valid UTF-8.
    """
    if isinstance(source, bytes):
        return source.decode("utf-8", errors="replace")
    return _LONE_SURROGATE.sub("\ufffd", source) if not source.isascii() else source


class Document:
    """A source text kept parsed and lowered across edits."""

    def __init__(self, source: str | bytes = "", version: int = 0) -> None:
        self._parser = new_parser()
        text = decode(source)
        data = text.encode("utf-8")
        tree = self._parser.parse(data)
        self.module = build_module(text, data, tree, [], version)
        self.unsettled = False  # the tree came from an incremental parse with syntax errors
        self.retired = RetiredUnits()

    @property
    def text(self) -> str:
        return self.module.text

    def apply_edits(self, edits: list[TextEdit], version: int | None = None, settle: bool = True) -> Module:
        """Apply LSP-style edits in order and return the new `Module`; without `settle`, a
        result with syntax errors may differ from a fresh parse until `settle()`."""
        module = self.module
        tree = module.tree.copy()  # the previous Module keeps its own, unedited tree
        data, lines, shift = edit_text(module.data, module.lines, edits, tree)
        text = data.decode("utf-8", errors="replace")
        new_tree = self._parser.parse(data, tree)
        next_version = module.version + 1 if version is None else version
        self.module = build_module(
            text, data, new_tree, module.units, next_version, lines, shift, self.retired, module.tops, module.notable
        )
        self.unsettled = new_tree.root_node.has_error
        if settle:
            self.settle()
        return self.module

    def settle(self) -> bool:
        """Make the module equal a fresh parse of its text; True if that changed it."""
        if not self.unsettled:
            return False
        self.unsettled = False
        module = self.module
        tree = self._parser.parse(module.data)
        if SHAPE(tree.root_node) == SHAPE(module.tree.root_node):  # the same tree (1 MB: 10 ms each, str() 44)
            return False
        self.module = build_module(
            module.text, module.data, tree, module.units, module.version, module.lines, retired=self.retired
        )
        return True

    def replace(self, source: str | bytes, version: int | None = None) -> Module:
        """Replace the whole text (full sync), still reusing unchanged units."""
        text = decode(source)
        data = text.encode("utf-8")
        tree = self._parser.parse(data)
        next_version = self.module.version + 1 if version is None else version
        self.module = build_module(text, data, tree, self.module.units, next_version, retired=self.retired)
        self.unsettled = False
        return self.module


def edit_text(
    data: bytes, lines: LineIndex, edits: list[TextEdit], tree: Tree | None = None
) -> tuple[bytes, LineIndex, Shift | None]:
    """The text after `edits` (applied in order), its line index and, for a single edit, how
    it moved the text; each edit is also described to `tree`, if given."""
    shift: Shift | None = None
    for edit in edits:
        start = lines.offset(*edit.start)
        end = max(start, lines.offset(*edit.end))
        inserted = decode(edit.text).encode("utf-8")
        view = memoryview(data)  # one copy of the text, not three (slices, then their sum)
        new_data = b"".join((view[:start], inserted, view[end:]))
        if tree is not None:
            start_point = ts_point(data, start, lines)
            tree.edit(
                start_byte=start,
                old_end_byte=end,
                new_end_byte=start + len(inserted),
                start_point=start_point,
                old_end_point=point_after(data, start, start_point, end),
                new_end_point=point_after(new_data, start, start_point, start + len(inserted)),
            )
        new_lines = lines.edited(start, end, inserted, new_data)
        shift = (
            Shift(start, end, len(inserted) - (end - start), new_lines.line_count - lines.line_count)
            if len(edits) == 1
            else None
        )
        data, lines = new_data, new_lines
    return data, lines, shift


@dataclass(frozen=True, slots=True)
class Shift:
    """How one edit moved the text: bytes [start, old_end) became `delta` bytes longer."""

    start: int
    old_end: int
    delta: int
    line_delta: int


class RetiredUnits:
    """Units that earlier versions had and later ones dropped, for a while: typing an
    unclosed `"` turns every form after it into string and back when the `"` is closed,
    and those forms come back from here instead of being lowered again. Holds at most
    twice as many units as the document (and 64), forgetting the oldest first."""

    def __init__(self) -> None:
        self._units: dict[UnitKey, list[Unit]] = {}
        self._count = 0

    def take(self, key: UnitKey) -> Unit | None:
        found = self._units.get(key)
        if not found:
            return None
        unit = found.pop()
        if not found:
            del self._units[key]
        self._count -= 1
        return unit

    def retire(self, dropped: dict[UnitKey, list[Unit]], size: int) -> None:
        """Keep the `dropped` units (by key) of a version of `size` units."""
        for key, units in dropped.items():
            if units:
                self._units.setdefault(key, []).extend(units)
                self._count += len(units)
        limit = 2 * size + 64
        while self._count > limit:
            oldest = next(iter(self._units))
            self._count -= len(self._units.pop(oldest))


def unit_cache(units: list[Unit]) -> dict[UnitKey, list[Unit]]:
    cache: dict[UnitKey, list[Unit]] = {}
    for unit in units:
        if unit.key is not None:
            cache.setdefault(unit.key, []).append(unit)
    return cache


def take_unit(candidates: list[Unit], start: int, shift: Shift | None) -> tuple[Unit, bool]:
    """A cached unit for a node at `start`; True if it provably kept its position."""
    if shift is not None:
        for index, unit in enumerate(candidates):
            old = unit.anchor.base_byte
            if old + len(unit.anchor.text) <= shift.start and old == start:
                return candidates.pop(index), True
            if old >= shift.old_end and old + shift.delta == start:
                unit = candidates.pop(index)
                unit.anchor.move(start, moved(unit.anchor.base, shift.line_delta))
                return unit, True
    return candidates.pop(), False


def build_module(
    text: str,
    data: bytes,
    tree: Tree,
    previous: list[Unit],
    version: int,
    lines: LineIndex | None = None,
    shift: Shift | None = None,
    retired: RetiredUnits | None = None,
    tops: bytes | None = None,
    notable: list[int] | None = None,
) -> Module:
    """Lower every top-level node of `tree`, reusing the `previous` units that still fit
    (and, when given, `retired` units of earlier versions; `tops` and `notable` are the
    records of the previous units' tree and the indices of its notable units, from its
    `Module`)."""
    # Lowering allocates many small objects that all stay alive: cyclic garbage
    # collection during it only costs time (30 s instead of 3 s on a 10 MB file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if lines is None:
            lines = LineIndex(data, None if NATIVE is None else NATIVE.line_starts(data))
        return lower_units(text, data, tree, previous, version, lines, shift, retired, tops, notable)
    finally:
        if collecting:
            gc.enable()


def lower_units(
    text: str,
    data: bytes,
    tree: Tree,
    previous: list[Unit],
    version: int,
    lines: LineIndex,
    shift: Shift | None,
    retired: RetiredUnits | None,
    tops: bytes | None = None,
    notable: list[int] | None = None,
) -> Module:
    root = tree.root_node
    new_tops = None
    if FRESH is not None and not previous and shift is None and retired is None:
        made = FRESH(root, data, lines.starts, MAX_DEPTH)  # lower_middle for a file without errors, in C
        if made is not None:
            units, holes, new_tops = made
            for index, child in holes:  # units whose forms are not plain
                unit = units[index]
                unit.forms, unit.diagnostics, unit.rewrites = lower_unit(root.child(child), unit.anchor)
            return Module(text, data, tree, units, lines, version, new_tops)
    if SCAN is not None and root.type != "ERROR":
        # the same as below, in C: no Python step per unit the edit left alone
        ends = None if shift is None else (shift.start, shift.old_end, shift.delta, shift.line_delta)
        head, tail, nodes, after, new_tops = SCAN(root, previous, tops, data, lines.line_start_at, ends)
    else:
        # On hopeless input (say 100,000 `(`) the root itself is the ERROR node.
        top = [root] if root.type == "ERROR" else root.children
        nodes = unit_nodes([node for node in top if node.type in UNIT_TYPES])
        head, tail = untouched_ends(nodes, previous, data, lines, shift) if shift is not None else (0, 0)
        after = nodes[len(nodes) - tail][0].start_byte if tail else len(data)
        nodes = nodes[head : len(nodes) - tail]
    cache = unit_cache(previous[head : len(previous) - tail])
    middle = lower_middle(nodes, after, data, lines, cache, shift, retired)
    units = previous[:head] + middle + (previous[len(previous) - tail :] if tail else [])
    if retired is not None:
        retired.retire(cache, len(units))  # what is left in the cache was not reused
    if notable is not None:
        notable = carry_notable(notable, len(previous), head, middle, tail)
    return Module(text, data, tree, units, lines, version, new_tops, notable)


# A node that makes a unit, and for an unclosed one the byte where its own part ends.
UnitNode = tuple[TsNode, int | None]


def unit_nodes(nodes: list[TsNode]) -> list[UnitNode]:
    """One entry per unit: an unclosed bracket swallowed the forms after it, which become
    units of their own (so that they stay cached, and are moved like any other unit after
    the edit, while one types inside the broken form)."""
    out: list[UnitNode] = []
    work: deque[TsNode] = deque(nodes)
    while work:
        node = work.popleft()
        cut = split_unclosed(node) if node.has_error and node.type != "ERROR" else None
        if cut is not None:
            work.extendleft(reversed(hoisted_after(node, cut)))
        out.append((node, cut))
    return out


def untouched_ends(
    nodes: list[UnitNode], previous: list[Unit], data: bytes, lines: LineIndex, shift: Shift
) -> tuple[int, int]:
    """How many units at the start and at the end of the document the edit left as they
    were (same node type and bytes, no error; for those after it, the same text before
    them on their line), so that only the units in between are looked up by key; the ones
    at the end are moved to their new place."""
    limit = min(len(nodes), len(previous))
    head = 0
    while head < limit:
        node, unit = nodes[head][0], previous[head]
        if node.end_byte > shift.start or not same_unit(node, unit, node.start_byte):
            break
        head += 1
    new_end = shift.old_end + shift.delta
    tail = 0
    while tail < limit - head:
        node, unit = nodes[-1 - tail][0], previous[-1 - tail]
        start = node.start_byte
        if start < new_end or not same_unit(node, unit, start - shift.delta):
            break
        assert unit.key is not None  # same_unit
        if unit.key[2] != data[lines.line_start_at(start) : start]:  # the text before it on its line
            break
        unit.anchor.move(start, moved(unit.anchor.base, shift.line_delta))
        tail += 1
    return head, tail


def moved(base: Position, line_delta: int) -> Position:
    """`base`, `line_delta` lines further down."""
    return Position(base.line + line_delta, base.col, base.col16)


def same_unit(node: TsNode, unit: Unit, old_start: int) -> bool:
    """Whether `unit` (at `old_start` before the edit) is the lowering of `node` (the C
    `scan_units` asks the same)."""
    key = unit.key
    return (
        key is not None
        and unit.anchor.base_byte == old_start
        and len(unit.anchor.text) == node.end_byte - node.start_byte
        and key[0] == node.type
        and not key[3]
        and not node.has_error
    )


def lower_middle(
    nodes: list[UnitNode],
    after: int,
    data: bytes,
    lines: LineIndex,
    cache: dict[UnitKey, list[Unit]],
    shift: Shift | None,
    retired: RetiredUnits | None = None,
) -> list[Unit]:
    """Units for `nodes`, which end where byte `after` starts the rest, reusing cached
    (then retired) units with the same key (text, line prefix)."""
    units: list[Unit] = []
    for index, (node, cut) in enumerate(nodes):
        kind = node.type
        start = node.start_byte
        if cut is not None:
            anchor = Anchor(data[start : node.end_byte], start, lines.position(start))
            units.append(Unit(None, anchor, *lower_unit(node, anchor, cut)))
            continue
        line_start = lines.line_start_at(start)
        end = unit_end(node, nodes[index + 1][0].start_byte if index + 1 < len(nodes) else after)
        key = (kind, data[start:end], data[line_start:start], SHAPE(node) if node.has_error else b"")
        reusable = cache.get(key)
        revived = None if reusable or retired is None else retired.take(key)
        if reusable:
            unit, placed = take_unit(reusable, start, shift)
            if not placed:
                unit.anchor.move(start, lines.position(start))
        elif revived is not None:
            unit = revived
            unit.anchor.move(start, lines.position(start))
        else:
            anchor = Anchor(key[1], start, lines.position(start))
            unit = Unit(key, anchor, *lower_unit(node, anchor))
        units.append(unit)
    return units


UNIT_TYPES = FORM_TYPES | {"ERROR"}


if NATIVE is not None:
    NATIVE.bind_units(Unit, Anchor, Position)
# unit_nodes and untouched_ends, and lower_middle of a fresh file without errors, in C
SCAN: Callable[..., tuple[int, int, list[UnitNode], int, bytes]] | None = None if NATIVE is None else NATIVE.scan_units
FRESH: Callable[..., tuple[list[Unit], list[tuple[int, int]], bytes] | None] | None = (
    None if NATIVE is None else NATIVE.fresh_units
)


def sexp_shape(node: TsNode) -> bytes:
    """The tree shape of a unit with errors (UnitKey[3]) without C: its S-expression."""
    return str(node).encode()


# in C: the symbol, child count and length of every node, half the cost of the S-expression
SHAPE: Callable[[TsNode], bytes] = sexp_shape if NATIVE is None else NATIVE.shape


_local = threading.local()


def parse(source: str | bytes) -> Module:
    """Parse and lower a whole source text. Never raises; problems are diagnostics."""
    text = decode(source)
    data = text.encode("utf-8")
    parser = getattr(_local, "parser", None) or thread_parser()
    return build_module(text, data, parser.parse(data), [], 0)


PLAIN_LIMIT = 4096  # characters: a bigger text is parsed once, by `parse`


def plain_forms(source: str) -> list[Expr] | None:
    """`parse(source).forms` when C lowers every form and nothing is wrong, else None (then
    `parse` says what). For a prompt's input, which `Session.eval` and `evaluate` only need
    the forms of: no `Module`, line index or pause of the collector around the C call."""
    if FRESH is None or len(source) > PLAIN_LIMIT:
        return None
    data = decode(source).encode("utf-8")
    made = FRESH(thread_parser().parse(data).root_node, data, NATIVE.line_starts(data), MAX_DEPTH)
    if made is None or made[1]:  # syntax errors, or forms lowered in Python (they may warn)
        return None
    units = made[0]
    return units[0].forms if len(units) == 1 else [form for unit in units for form in unit.forms]


def thread_parser() -> Parser:
    """This thread's parser for whole texts (a parser is not thread-safe)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = new_parser()
    return parser
