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

Whole-document answers are `array("q")`s, not lists: copying one is a memcpy, and the
garbage collector does not track it. A list of 500,000 ints (1 MB of source) is walked by
every collection while it is young, ≈ 13 ms each, and then by the middle and full ones.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter, eq, indexOf, sub

from claudelang.analysis.document import DocumentAnalysis, FormChecks, unit_index
from claudelang.analysis.form_diff import common_prefix
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
TOKEN_INTS = "q"  # the typecode of the answers' arrays (64-bit ints, as Python's would be)


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
    first_line: int  # the first token's line, relative to the unit's line
    first_col: int  # the first token's UTF-16 column
    rest: array[int]  # the 5 ints per token after those two, copied into answers by memcpy
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


def named_shapes(
    analysis: DocumentAnalysis, checks: tuple[FormChecks | None, ...], facts: tuple[FormFacts | None, ...]
) -> tuple[object, ...]:
    """The shape of every global the forms name (None for a builtin or an unbound name),
    then what each name in a contract's clauses means (a parameter of the contract's target,
    a global, or nothing while the target is unknown; not a global, so not in the shapes):
    all that their tokens depend on outside their own facts."""
    names = sorted({name for check in checks if check is not None for name in check.depends_on})
    scoped = [
        analysis.contract_params.get(reference, MISSING)
        for form in facts
        if form is not None and form.contracts
        for reference in form.references
    ]
    return (*(analysis.shapes.get(name) for name in names), *scoped)


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
    data = array(TOKEN_INTS)
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
        data.extend((delta_line, delta_col, last.col16 - first.col16, kind, modifiers))
        starts.append(start - base)
        previous_line, previous_col = line, first.col16
    shapes = named_shapes(analysis, checks, facts)
    first_line = data[0] if data else 0
    return UnitTokens(unit, checks, facts, shapes, starts, first_line, first_col, data[2:], previous_line, previous_col)


@dataclass(slots=True)
class Joined:
    """The last whole-document answer, with what is needed to tell which of its units the
    next version left alone: per unit, the unit object, its line and where its ints start
    in `out`; per form (all units' forms in order), its checks."""

    units: list[Unit]
    checks: list[FormChecks | None]
    lines: list[int]  # each unit's first line
    entries: list[UnitTokens]
    at: list[int]  # where each unit's ints start in `out`, then len(out)
    out: array[int]
    since: tuple[array[int], int, int] | None  # (previous out, a, b): out is previous with [a:b] replaced


BASE_LINE = attrgetter("anchor.base.line")
MISSING = object()  # a reference that is not a contract parameter (`named_shapes`)


def common_prefix_eq(old: Iterable[object], new: Iterable[object], limit: int) -> int:
    """How many leading items are equal, at most `limit` (in C, like `common_prefix`)."""
    try:
        return min(indexOf(map(eq, old, new), False), limit)
    except ValueError:
        return limit


class Highlighter:
    """Semantic tokens of successive versions of one document, reusing unchanged units.

    The whole-document answer is spliced: units before and after the ones an edit touched
    keep their slices of the last answer (only the first token after the edit is re-based,
    LSP tokens being relative), found by C scans over the units, their lines and their
    forms' checks; Python work is per unit re-encoded. The units after a unit that holds
    the rest of the file (an unclosed `"`) come back, when it closes, from the last answer
    whose end was not cut off (`_whole`, kept while later answers have fewer units and
    another last one): their ints are copied from it in one slice, not unit by unit (one
    more O(units) C scan per answer while it is kept). Memory: an entry per current unit,
    at most as many (plus 64) of dropped ones, the last answer and `_whole` (O(tokens)).
    """

    def __init__(self) -> None:
        self._cache: dict[int, UnitTokens] = {}
        self._dropped: dict[int, None] = {}  # ids of cached units no longer current, oldest first
        self._last: Joined | None = None
        self._whole: Joined | None = None  # the last answer whose end no later one cut off

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
            if entry.facts == facts and entry.shapes == named_shapes(analysis, checks, facts):
                entry.checks = checks  # checked again, to the same effect on its tokens
                return entry, False
        end = unit.anchor.base_byte + len(unit.anchor.text)
        limit = end if following is None else min(end, following)
        entry = self._cache[id(unit)] = encode_unit(analysis, unit, checks, facts, limit)
        return entry, True

    def encoded(self, analysis: DocumentAnalysis, batch: int = 200) -> Iterator[array[int] | None]:
        """The LSP `data` array of the whole document (the last item), after a None for
        every `batch` units computed afresh (points where a server can serve others).

        The units an edit left alone keep their ints: the answer is a copy of the last one
        with the ints of the units between replaced (a memcpy and a move of the tail, no
        Python step per int)."""
        units = analysis.module.units
        checks = list(map(analysis.checks.get, map(id, analysis.forms)))
        lines = list(map(BASE_LINE, units))
        last = self._last
        start, end = self.unchanged_ends(last, analysis, checks, lines) if last is not None else (0, 0)
        source = last  # the answer whose trailing `end` units are kept
        whole = self._whole
        if whole is not None and whole is not last:
            whole_end = min(self.unchanged_ends(whole, analysis, checks, lines)[1], len(units) - start)
            if whole_end > end:
                source, end = whole, whole_end
        if last is not None:
            offset, at, entries = last.at[start], last.at[:start], last.entries[:start]
        else:
            offset, at, entries = 0, [], []
        line, col = last_token(entries)
        middle = array(TOKEN_INTS)  # the ints that take the place of out[offset:replaced_to]
        computed = 0
        replaced = range(start, len(units) - end)
        for index in replaced:
            entry, fresh = self.tokens_of(analysis, units[index], following_start(units, index))
            computed += fresh
            if fresh and computed % batch == 0:
                yield None
            at.append(offset + len(middle))
            entries.append(entry)
            if entry.starts:
                line, col = append_entry(middle, entry, line, col)
        since = None
        if last is None or source is None:
            out = middle
        else:
            old_end = len(source.units) - end
            replaced_to = (
                self.splice_suffix(source, old_end, offset, middle, at, entries, line, col) if end else len(source.out)
            )
            if source is last and replaced_to < len(last.out):
                out = last.out[:]
                out[offset:replaced_to] = middle
            else:
                out = last.out[:offset]
                out += middle
                out += source.out[replaced_to:]
            since = (last.out, offset, replaced_to if source is last else len(last.out))
        at.append(len(out))
        kept_from_last = end if source is last else 0
        removed = last.units[start : len(last.units) - kept_from_last] if last is not None else []
        self.keep_recent(removed, units[start : len(units) - kept_from_last], units)
        self._last = Joined(units, checks, lines, entries, at, out, since)
        if whole is None or len(units) >= len(whole.units) or (units and units[-1] is whole.units[-1]):
            self._whole = self._last  # else its end was cut off, as by an unclosed `"`
        yield out

    def edit_since(self, previous: array[int], current: array[int]) -> tuple[int, int, array[int]] | None:
        """`current` as one edit of `previous` (start, delete count, ints inserted) when the
        last answer, `current`, was spliced from `previous`; else None. O(ints inserted)."""
        last = self._last
        if last is None or last.out is not current or last.since is None or last.since[0] is not previous:
            return None
        _, start, stop = last.since
        return start, stop - start, current[start : len(current) - (len(previous) - stop)]

    @staticmethod
    def unchanged_ends(
        last: Joined, analysis: DocumentAnalysis, checks: list[object], lines: list[int]
    ) -> tuple[int, int]:
        """How many leading units are unchanged and unmoved, and how many trailing units are
        unchanged and moved together (by lines): each kept, with its ints, from `last`.
        `checks` are the checks of `analysis.forms`, one per form in document order."""
        units, facts = analysis.module.units, analysis.forms
        shorter, forms = min(len(last.units), len(units)), min(len(last.checks), len(checks))
        start = min(
            common_prefix(last.units, units, shorter),
            common_prefix_eq(last.lines, lines, shorter),
            unit_of(units, facts, common_prefix(last.checks, checks, forms)) or 0,
        )
        room = shorter - start
        gaps_old = list(map(sub, last.lines[1:], last.lines[:-1]))
        gaps_new = list(map(sub, lines[1:], lines[:-1]))
        last_changed = len(checks) - 1 - common_prefix(reversed(last.checks), reversed(checks), forms)
        changed_unit = unit_of(units, facts, last_changed) if last_changed >= 0 else -1
        end = min(
            common_prefix(reversed(last.units), reversed(units), room),
            common_prefix_eq(reversed(gaps_old), reversed(gaps_new), room) + 1,  # the first one's gap may change
            len(units) - 1 - changed_unit if changed_unit is not None else 0,
            room,
        )
        return start, end

    @staticmethod
    def splice_suffix(
        last: Joined,
        old_start: int,
        offset: int,
        middle: array[int],
        at: list[int],
        entries: list[UnitTokens],
        line: int,
        col: int,
    ) -> int:
        """Keep the last answer's trailing units from `old_start` on, after the ints of
        `middle` (which start at `offset`): their entries and starts are appended, and their
        first token, re-based after the position (`line`, `col`) of the token before them,
        to `middle`; return where the part of the last answer they keep as it is starts."""
        kept = last.entries[old_start:]
        first = next((i for i, entry in enumerate(kept) if entry.starts), None)
        shift = offset + len(middle) - last.at[old_start]
        at += map(shift.__add__, last.at[old_start:-1])
        entries += kept
        if first is None:
            return len(last.out)
        entry = kept[first]
        first_line = entry.unit.anchor.base.line + entry.first_line
        middle.extend((first_line - line, entry.first_col - col if first_line == line else entry.first_col))
        return last.at[old_start + first] + 2

    def keep_recent(self, removed: list[Unit], added: list[Unit], units: list[Unit]) -> None:
        """Keep the entries of the current `units`, and of at most as many units dropped
        (the most recently dropped) that the syntax layer may bring back (not a broken
        form's unit, which holds the rest of the file): O(units an edit replaced), and
        O(units) when requests interleaved left more entries than that."""
        back = {id(unit) for unit in added}
        for unit in removed:
            if id(unit) in back:
                continue
            if unit.key is None:
                self._cache.pop(id(unit), None)
            else:
                self._dropped.pop(id(unit), None)
                self._dropped[id(unit)] = None
        for key in back:
            self._dropped.pop(key, None)
        while len(self._dropped) > len(units) + 64:
            self._cache.pop(self._dropped.pop(next(iter(self._dropped))), None)
        if len(self._cache) > 2 * len(units) + 64:
            kept = {id(unit) for unit in units}.union(self._dropped)
            self._cache = {key: entry for key, entry in self._cache.items() if key in kept}

    def data(self, analysis: DocumentAnalysis) -> array[int]:
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
            self._dropped.clear()
        return out


def last_token(entries: list[UnitTokens]) -> tuple[int, int]:
    """(line, UTF-16 column) of the last token of `entries`; (0, 0) if they have none."""
    for entry in reversed(entries):
        if entry.starts:
            return entry.unit.anchor.base.line + entry.last_line, entry.last_col
    return 0, 0


def append_entry(out: array[int], entry: UnitTokens, line: int, col: int) -> tuple[int, int]:
    """Append a unit's ints after the token at (`line`, `col`); the position of its last token."""
    first_line = entry.unit.anchor.base.line + entry.first_line
    out.extend((first_line - line, entry.first_col - col if first_line == line else entry.first_col))
    out += entry.rest
    return entry.unit.anchor.base.line + entry.last_line, entry.last_col


def unit_of(units: list[Unit], forms: list[FormFacts], index: int) -> int | None:
    """The index of the unit holding `forms[index]` (len(units) past the last form; None if
    no unit holds it): a bisection over the units' starts, O(log units), checked (else a
    scan, O(units))."""
    return len(units) if index >= len(forms) else unit_index(units, forms[index].form)


def following_start(units: list[Unit], index: int) -> int | None:
    return units[index + 1].anchor.base_byte if index + 1 < len(units) else None


Absolute = tuple[int, int, int, int, int, int]  # start byte, line, UTF-16 column, length, type, modifiers


def absolute_tokens(entry: UnitTokens) -> Iterator[Absolute]:
    """Each token of a unit with its absolute position."""
    anchor = entry.unit.anchor
    line, col = anchor.base.line, 0
    data = (entry.first_line, entry.first_col, *entry.rest)
    for index, start in enumerate(entry.starts):
        delta_line, delta_col, length, kind, modifiers = data[5 * index : 5 * index + 5]
        if index == 0:
            line, col = line + delta_line, delta_col
        else:
            line += delta_line
            col = col + delta_col if delta_line == 0 else delta_col
        yield anchor.base_byte + start, line, col, length, kind, modifiers
