"""Semantic highlighting: what every name and special-form head of a document is, cached
per top-level unit so that a keystroke re-classifies only the unit it edited.

A unit's tokens depend only on its own text, the line prefix before it (both part of the
unit's cache key in `syntax.document`) and the checks of its forms, which the analysis
re-makes whenever a global a form names changes kind or parameters (`StaleChecks`). So
the tokens of a unit stay valid while the unit object and its forms' `FormChecks` objects
are the same — or, when the checks were made again, while its forms' `FormFacts` and the
shapes of the globals they name are. They are kept with line numbers relative to the
unit, in the LSP encoding (delta line, delta UTF-16 column, length, type, modifiers), and
a whole-document answer is the units' lists joined, with only each unit's first token
re-based. Units the document dropped are remembered for a while (an unclosed `"` drops
every unit after it; closing it brings them back).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claudelang.analysis.document import DocumentAnalysis, FormChecks
from claudelang.runtime.registry import Builtin
from claudelang.semantics.resolve import FormFacts
from claudelang.semantics.symbols import Definition, DefKind
from claudelang.syntax.cst import lexical_tokens
from claudelang.syntax.document import Unit

TOKEN_TYPES = ["keyword", "function", "parameter", "variable", "enumMember", "type", "property", "event", "namespace"]
TOKEN_MODIFIERS = ["declaration", "defaultLibrary", "readonly"]
T = {name: index for index, name in enumerate(TOKEN_TYPES)}
DECLARATION, DEFAULT_LIBRARY, READONLY = 1, 2, 4

DEF_TYPES = {
    DefKind.FUNCTION: "function",
    DefKind.VARIABLE: "variable",
    DefKind.LOCAL: "variable",
    DefKind.PARAMETER: "parameter",
    DefKind.CONSTRUCTOR: "enumMember",
    DefKind.TYPE: "type",
    DefKind.IMPORT: "variable",
    DefKind.MODULE: "namespace",
    DefKind.PATTERN: "variable",
    DefKind.LOOP: "function",
}

Raw = tuple[int, int, int, int]  # start byte, end byte, type index, modifier bits (absolute)


def classify(target: object) -> tuple[int, int] | None:
    """(type index, modifier bits) of what a name refers to; None if it is unknown."""
    if isinstance(target, Builtin):
        if target.is_constant:
            return T["variable"], DEFAULT_LIBRARY | READONLY
        kind = "event" if ":" in target.name and target.effects else "function"
        return T[kind], DEFAULT_LIBRARY
    if isinstance(target, Definition):
        kind = DEF_TYPES[target.kind]
        if target.kind is DefKind.IMPORT or (target.kind in (DefKind.VARIABLE, DefKind.LOCAL) and target.lambda_node):
            kind = "function" if target.lambda_node is not None else kind
        return T[kind], 0
    return None


@dataclass(slots=True)
class UnitTokens:
    """One unit's tokens, encoded relative to the unit; valid for `unit` with `checks`, or
    with `facts` while the globals they name keep their `shapes`."""

    unit: Unit
    checks: tuple[FormChecks | None, ...]
    facts: tuple[FormFacts | None, ...]
    shapes: tuple[object, ...]
    starts: list[int]  # byte offset of each token, relative to the unit
    data: list[int]  # 5 ints per token; the first token's line is relative to the unit's line
    first_col: int  # the first token's UTF-16 column
    last_line: int  # the last token's line (relative) and column
    last_col: int


def unit_raw_tokens(analysis: DocumentAnalysis, unit: Unit, limit: int) -> list[Raw]:
    """The unit's tokens before byte `limit`, in document order, one per start byte."""
    out: list[Raw] = []
    for form in unit.forms:
        facts = analysis.facts_of(form)
        if facts is None:
            continue
        base = form.anchor.base_byte
        for definition in facts.definitions:
            node = definition.node
            kind = classify(definition)
            if kind is not None and node.end > node.start:
                out.append((base + node.start, base + node.end, kind[0], kind[1] | DECLARATION))
        for reference in facts.references:
            node = reference.node
            kind = classify(analysis.target_of(reference)) if node.end > node.start else None
            if kind is not None:
                out.append((base + node.start, base + node.end, kind[0], kind[1]))
    start = unit.anchor.base_byte
    end = min(limit, start + len(unit.anchor.text))
    for token in lexical_tokens(analysis.module, start, end, scope_start=start):
        if start <= token.start < end:
            kind = T["keyword"] if token.kind == "special-form" else T["property"]
            out.append((token.start, token.end, kind, 0))
    out.sort()
    unique: list[Raw] = []
    for token in out:
        if not unique or unique[-1][0] != token[0]:
            unique.append(token)
    return unique


def named_shapes(analysis: DocumentAnalysis, checks: tuple[FormChecks | None, ...]) -> tuple[object, ...]:
    """The shape of every global the forms name (None for a builtin or an unbound name):
    all that their tokens depend on outside their own facts."""
    names = sorted({name for check in checks if check is not None for name in check.depends_on})
    return tuple(analysis.shapes.get(name) for name in names)


def encode_unit(
    analysis: DocumentAnalysis,
    unit: Unit,
    checks: tuple[FormChecks | None, ...],
    facts: tuple[FormFacts | None, ...],
    limit: int,
) -> UnitTokens:
    anchor = unit.anchor
    base, base_line = anchor.base_byte, anchor.base.line
    starts: list[int] = []
    data: list[int] = []
    first_col = previous_line = previous_col = 0
    for start, end, kind, modifiers in unit_raw_tokens(analysis, unit, limit):
        first, last = anchor.position(start - base), anchor.position(end - base)
        if last.line != first.line:
            continue  # LSP tokens cannot span lines
        line = first.line - base_line
        if not starts:  # encoded after (0, 0): its relative line and its own column
            first_col = first.col16
        delta_line = line - previous_line
        delta_col = first.col16 - previous_col if delta_line == 0 else first.col16
        data += [delta_line, delta_col, last.col16 - first.col16, kind, modifiers]
        starts.append(start - base)
        previous_line, previous_col = line, first.col16
    shapes = named_shapes(analysis, checks)
    return UnitTokens(unit, checks, facts, shapes, starts, data, first_col, previous_line, previous_col)


class Highlighter:
    """Semantic tokens of successive versions of one document, reusing unchanged units."""

    def __init__(self) -> None:
        self._cache: dict[int, UnitTokens] = {}

    def tokens_of(self, analysis: DocumentAnalysis, unit: Unit, following: int | None) -> tuple[UnitTokens, bool]:
        """The unit's tokens, and whether they had to be computed. `following` is where the
        next unit starts: a unit broken by an unclosed bracket extends over the units
        hoisted out of it, and its own tokens stop where they begin."""
        # (FormFacts and FormChecks compare by identity; no live object has the id of None)
        facts = tuple(map(analysis.facts_of, unit.forms))
        checks = tuple(map(analysis.checks.get, map(id, facts)))
        entry = self._cache.get(id(unit))
        if entry is not None and entry.unit is unit:
            if entry.checks == checks:
                return entry, False
            if entry.facts == facts and entry.shapes == named_shapes(analysis, checks):
                entry.checks = checks  # checked again, to the same effect on its tokens
                return entry, False
        end = unit.anchor.base_byte + len(unit.anchor.text)
        limit = end if following is None else min(end, following)
        entry = self._cache[id(unit)] = encode_unit(analysis, unit, checks, facts, limit)
        return entry, True

    def encoded(self, analysis: DocumentAnalysis, batch: int = 200) -> Iterator[list[int] | None]:
        """The LSP `data` array of the whole document (the last item), after a None for
        every `batch` units computed afresh (points where a server can serve others)."""
        units = analysis.module.units
        entries: list[UnitTokens] = []
        computed = 0
        cache, facts_of, checks_of = self._cache, analysis.facts_of, analysis.checks.get
        for index, unit in enumerate(units):
            entry = cache.get(id(unit))  # the common case, inline: the unit and its checks stayed
            if (
                entry is None
                or entry.unit is not unit
                or entry.checks != tuple([checks_of(id(facts_of(form))) for form in unit.forms])
            ):
                entry, fresh = self.tokens_of(analysis, unit, following_start(units, index))
                computed += fresh
                if fresh and computed % batch == 0:
                    yield None
            entries.append(entry)
        self.keep_recent(entries)
        out: list[int] = []
        line = col = 0  # of the last token emitted
        for entry in entries:
            if not entry.starts:
                continue
            anchor = entry.unit.anchor
            first_line = anchor.base.line + entry.data[0]
            out += [first_line - line, entry.first_col - col if first_line == line else entry.first_col]
            out += entry.data[2:]
            line, col = anchor.base.line + entry.last_line, entry.last_col
        yield out

    def keep_recent(self, entries: list[UnitTokens]) -> None:
        """Keep the entries of the current units, and of at most as many units dropped
        (the most recently computed) that the syntax layer may bring back (not a broken
        form's unit, which holds the rest of the file)."""
        current = {id(entry.unit): entry for entry in entries}
        dropped = [item for item in self._cache.items() if item[0] not in current and item[1].unit.key is not None]
        self._cache = dict(dropped[len(dropped) - len(entries) - 64 :] if len(dropped) > len(entries) + 64 else dropped)
        self._cache.update(current)

    def data(self, analysis: DocumentAnalysis) -> list[int]:
        """The LSP `data` array of the whole document."""
        *_, result = self.encoded(analysis)
        assert result is not None
        return result

    def data_in_range(self, analysis: DocumentAnalysis, start: int, end: int) -> list[int]:
        """The LSP `data` array of the tokens that start in, or overlap, bytes [start, end]."""
        units = analysis.module.units
        out: list[int] = []
        line = col = 0  # of the last token emitted
        for index, unit in enumerate(units):
            unit_start = unit.anchor.base_byte
            if unit_start > end:
                break
            if unit_start + len(unit.anchor.text) < start:
                continue
            entry, _ = self.tokens_of(analysis, unit, following_start(units, index))
            for token_start, token_line, token_col, length, kind, modifiers in absolute_tokens(entry):
                if token_start <= end and token_start + length >= start:  # length in UTF-16: a bound
                    delta_col = token_col - col if token_line == line else token_col
                    out += [token_line - line, delta_col, length, kind, modifiers]
                    line, col = token_line, token_col
        if len(self._cache) > 2 * len(units) + 100:
            live = {id(unit) for unit in units}
            self._cache = {key: entry for key, entry in self._cache.items() if key in live}
        return out


def following_start(units: list[Unit], index: int) -> int | None:
    return units[index + 1].anchor.base_byte if index + 1 < len(units) else None


Absolute = tuple[int, int, int, int, int, int]  # start byte, line, UTF-16 column, length, type, modifiers


def absolute_tokens(entry: UnitTokens) -> Iterator[Absolute]:
    """Each token of a unit with its absolute position."""
    anchor = entry.unit.anchor
    line, col = anchor.base.line, 0
    data = entry.data
    for index, start in enumerate(entry.starts):
        delta_line, delta_col, length, kind, modifiers = data[5 * index : 5 * index + 5]
        if index == 0:
            line, col = line + delta_line, delta_col
        else:
            line += delta_line
            col = col + delta_col if delta_line == 0 else delta_col
        yield anchor.base_byte + start, line, col, length, kind, modifiers
