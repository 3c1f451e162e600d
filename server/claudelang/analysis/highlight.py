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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from claudelang.analysis.document import DocumentAnalysis, FormChecks, form_start, unit_index
from claudelang.analysis.form_diff import common_prefix
from claudelang.analysis.shared_text import (
    ends_alike,
    shared_ends,
    shared_prefix,
    shared_suffix,
    starts_alike,
    units_before,
    units_from,
)
from claudelang.ast.nodes import Node
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


def unit_raw_tokens(
    analysis: DocumentAnalysis, unit: Unit, facts_of_forms: tuple[FormFacts | None, ...], limit: int
) -> list[Raw]:
    """The unit's tokens before byte `limit`, in document order, one per start byte
    (`facts_of_forms`: the facts of its forms)."""
    out: list[Raw] = []
    for form, facts in zip(unit.forms, facts_of_forms, strict=True):
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
    for start, end, kind, modifiers in unit_raw_tokens(analysis, unit, facts, limit):
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
    """A whole-document answer and what the next one compares with it: of the analysis it
    was made from, its units and text, the tables `meanings_kept` compares, its forms and
    their checks (not the analysis itself: the answer that let go of the last reference
    would pay for freeing its tables, ≈ 1-5 ms at 1 MB); how many ints each unit has, and
    the ints. `out` is written in place by the next answer unless that one cuts off the end
    (then `out` is kept as `Highlighter._whole`); `checks` (the forms' checks, in order) is
    listed only when the globals' meanings changed (`changed_checks`), once per answer."""

    units: list[Unit]
    text: bytes
    meanings: tuple[object, object, object]  # (shapes, contract scopes, imported modules)
    forms: list[FormFacts]
    checks_by_id: dict[int, FormChecks]
    counts: array[int]  # ints per unit: 5 per token
    out: array[int]
    checks: list[FormChecks | None] | None = None

    @staticmethod
    def of(
        analysis: DocumentAnalysis, counts: array[int], out: array[int], checks: list[FormChecks | None] | None
    ) -> Joined:
        module = analysis.module
        meanings = (analysis.shapes, analysis.contract_params, analysis.imported)
        return Joined(module.units, module.data, meanings, analysis.forms, analysis.checks, counts, out, checks)

    def listed_checks(self) -> list[FormChecks | None]:
        if self.checks is None:
            self.checks = list(map(self.checks_by_id.get, map(id, self.forms)))
        return self.checks

    def meanings_kept(self, analysis: DocumentAnalysis) -> bool:
        """Whether every name means to the tokens of an unchanged form what it meant: the
        globals' shapes table and the contract scopes shared (the analysis shares them while
        nothing in them changes), the imports' modules equal. A form's tokens read only its
        own facts and these (`UnitTokens`), so then no form outside the edit is compared."""
        shapes, scopes, imported = self.meanings
        return analysis.shapes is shapes and analysis.contract_params is scopes and analysis.imported == imported

    def offset(self, index: int) -> int:
        """Where the ints of `units[index]` start in `out`: a sum over the shorter side of
        `counts` (O(units) C steps over an array, no Python step)."""
        if 2 * index <= len(self.counts):
            return sum(self.counts[:index])
        return len(self.out) - sum(self.counts[index:])


@dataclass(slots=True, eq=False)
class Answer:
    """One whole-document answer of a `Highlighter` (the `number`th), as the edit it made
    to the one before: `delete_count` ints from `start` replaced by `ints[inserted]`,
    trimmed to the ints that changed (`delete_count` None: a first answer). `ints` is the
    highlighter's array, which its next answer writes: the inserted ints are read from it
    only while this is its last answer (`Highlighter.edit_since`)."""

    number: int
    start: int
    delete_count: int | None
    ints: array[int]
    inserted: range


MISSING = object()  # a reference that is not a contract parameter (`named_shapes`)
UNIT_START = attrgetter("anchor.base_byte")


def unit_end(unit: Unit) -> int:
    return unit.anchor.base_byte + len(unit.anchor.text)


@dataclass(slots=True)
class Splice:
    """An answer being made: its units from `start` up to the last `end` ones have the
    ints `middle` (and `counts`), the last `end` units keep theirs from `source`; written
    into the arrays of `into` (`last`, or `_whole` when an unclosed `"` closed and its
    leading ints are this answer's), else into new ones; `line` and `col` are the position
    of the last token before the kept trailing units."""

    start: int
    end: int
    source: Joined | None
    into: Joined | None
    middle: array[int]
    counts: array[int]
    line: int
    col: int


def listed_checks(analysis: DocumentAnalysis) -> list[FormChecks | None]:
    """The checks of the analysis's forms, in order (O(forms) dict lookups, in C)."""
    return list(map(analysis.checks.get, map(id, analysis.forms)))


class Highlighter:
    """Semantic tokens of successive versions of one document, reusing unchanged units.

    Each answer is spliced into the last one's array in place: the units before and after
    the ones an edit touched keep their ints (only the first token after the edit is
    re-based, LSP tokens being relative), and Python work is per unit re-encoded. Which
    units are kept is found without a step per unit: by identity of the unit lists (a C
    scan of pointers), by the texts' shared ends (`shared_text`: memcmp, then bisections
    over the units' starts; units in unchanged text keep their lines, or all move together),
    and, only when the globals' meanings changed (`meanings_kept`), by the forms' checks
    (two lists of O(forms) dict lookups). Where the kept units' ints start is a sum over an
    array of per-unit counts. An answer is handed out as its edit (`Answer`, O(ints
    changed)); the whole array is copied only when asked for (`whole`).

    The units after a unit that holds the rest of the file (an unclosed `"`) come back,
    when it closes, from the last answer whose end was not cut off (`_whole`, whose array
    later answers leave alone while they have fewer units and another last one): their ints
    are copied from it in one slice. Memory: an entry per current unit, at most as many
    (plus 64) of dropped ones, the last answer and `_whole` (O(tokens)).
    """

    def __init__(self) -> None:
        self._cache: dict[int, UnitTokens] = {}
        self._dropped: dict[int, None] = {}  # ids of cached units no longer current, oldest first
        self._last: Joined | None = None
        self._whole: Joined | None = None  # the last answer whose end no later one cut off
        self._answers = 0

    def tokens_of(self, analysis: DocumentAnalysis, unit: Unit, following: int | None) -> tuple[UnitTokens, bool]:
        """The unit's tokens, and whether they had to be computed. `following` is where the
        next unit starts: a unit broken by an unclosed bracket extends over the units
        hoisted out of it, and its own tokens stop where they begin."""
        # (FormFacts and FormChecks compare by identity; no live object has the id of None)
        facts = tuple(facts_of(analysis, form) for form in unit.forms)
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

    def encoded(self, analysis: DocumentAnalysis, batch: int = 200) -> Iterator[Answer | None]:
        """This version's answer (the last item), after a None for every `batch` units
        computed afresh (points where a server can serve others; an answer another request
        made meanwhile makes this one start again from it)."""
        units = analysis.module.units
        last, whole = self._last, self._whole
        start, end, source, into = 0, 0, last, last
        compared = [j for j in (last, whole) if j is not None]
        checks = None if all(j.meanings_kept(analysis) for j in compared) else listed_checks(analysis)
        if last is not None:
            start, end = self.kept_ends(last, analysis, checks)
            if whole is not None and whole is not last:
                whole_start, whole_end = self.kept_ends(whole, analysis, checks)
                if min(whole_end, len(units) - start) > end:  # (an unclosed `"` closed)
                    source, end = whole, min(whole_end, len(units) - start)
                    into = whole if whole_start >= start else None  # its leading ints are this answer's
        line, col = self.token_before(analysis, last, start)
        middle, counts = array(TOKEN_INTS), array(TOKEN_INTS)  # the ints and counts of the units between
        computed = 0
        for index in range(start, len(units) - end):
            entry, fresh = self.tokens_of(analysis, units[index], following_start(units, index))
            computed += fresh
            if fresh and computed % batch == 0:
                yield None
                if self._last is not last:  # another answer was made meanwhile
                    yield from self.encoded(analysis, batch)
                    return
            counts.append(5 * len(entry.starts))
            if entry.starts:
                line, col = append_entry(middle, entry, line, col)
        yield self.commit(analysis, Splice(start, end, source, into, middle, counts, line, col), checks)

    def commit(self, analysis: DocumentAnalysis, splice: Splice, checks: list[FormChecks | None] | None) -> Answer:
        """Make the answer `splice` describes."""
        units, last, whole = analysis.module.units, self._last, self._whole
        cut = whole is not None and len(units) < len(whole.units) and not (units and units[-1] is whole.units[-1])
        self._answers += 1
        if last is None or splice.source is None:
            self._last = Joined.of(analysis, splice.counts, splice.middle, checks)
            answer = Answer(self._answers, 0, None, splice.middle, range(0))
        else:
            if cut and splice.into is whole:
                splice.into = None  # `_whole` is kept as it is while the end stays cut off
            answer = self.splice(analysis, last, splice, checks)
            start, end = splice.start, splice.end
            if not (cut and last is whole):  # (the units an unclosed `"` cut off stay, as `_whole`'s)
                kept = end if splice.source is last else 0
                self.keep_recent(last.units[start : len(last.units) - kept], units[start : len(units) - end], units)
            self.bound_cache(units, whole if cut else None)
        if not cut:
            self._whole = self._last  # else its end was cut off, as by an unclosed `"`
        return answer

    def splice(
        self, analysis: DocumentAnalysis, last: Joined, splice: Splice, checks: list[FormChecks | None] | None
    ) -> Answer:
        """`commit` after a first answer: written into `splice.into`'s arrays (a memmove of
        the ints after the edit), else into copies of `last`'s and `source`'s parts."""
        start, end, source, into, middle = splice.start, splice.end, splice.source, splice.into, splice.middle
        assert source is not None
        offset = last.offset(start)
        old_end = len(source.units) - end
        replaced_to = (
            self.splice_suffix(analysis, source, old_end, middle, splice.line, splice.col) if end else len(source.out)
        )
        stop = replaced_to if source is last else len(last.out)  # the ints of `last` replaced end there
        after = len(last.out) - stop  # and so many follow them, in `last` as in this answer
        if into is last:  # (its replaced ints are compared before they are written over)
            front, back = shared_ends(last.out, range(offset, replaced_to), middle, range(len(middle)))
            out, counts = last.out, last.counts
            out[offset:replaced_to] = middle
            counts[start:old_end] = splice.counts
        else:
            if into is source:
                out, counts = source.out, source.counts
                out[offset:replaced_to] = middle
                counts[start:old_end] = splice.counts
            else:
                out = last.out[:offset]
                out += middle
                out += source.out[replaced_to:]
                counts = last.counts[:start]
                counts += splice.counts
                counts += source.counts[old_end:]
            front, back = shared_ends(last.out, range(offset, stop), out, range(offset, len(out) - after))
        self._last = Joined.of(analysis, counts, out, checks)
        inserted = range(offset + front, len(out) - after - back)
        return Answer(self._answers, offset + front, stop - offset - front - back, out, inserted)

    def update(self, analysis: DocumentAnalysis) -> Answer:
        """Make the answer of `analysis`."""
        *_, answer = self.encoded(analysis)
        assert answer is not None
        return answer

    def whole(self) -> array[int]:
        """A copy of the last answer's whole-document ints."""
        return array(TOKEN_INTS) if self._last is None else self._last.out[:]

    def data(self, analysis: DocumentAnalysis) -> array[int]:
        """The LSP `data` array of the whole document (a copy the highlighter never writes)."""
        self.update(analysis)
        return self.whole()

    def edit_since(self, previous: Answer, current: Answer) -> tuple[int, int, list[int]] | None:
        """`current` as one edit of `previous` (start, delete count, ints inserted) when it
        was made right after it and is the last answer; else None. O(ints inserted)."""
        if current.delete_count is None or current.number != previous.number + 1 or current.number != self._answers:
            return None
        with memoryview(current.ints) as view:  # (released at once: an exported array cannot be resized)
            return current.start, current.delete_count, view[current.inserted.start : current.inserted.stop].tolist()

    def kept_ends(
        self, last: Joined, analysis: DocumentAnalysis, checks: list[FormChecks | None] | None
    ) -> tuple[int, int]:
        """How many leading units keep their ints from `last` (unchanged and unmoved), and
        how many trailing ones (unchanged and moved together); `checks` are those of the
        analysis's forms, listed when some answer's meanings differ from the analysis's."""
        units, text, old_text = analysis.module.units, analysis.module.data, last.text
        shorter = min(len(last.units), len(units))
        start = common_prefix(last.units, units, shorter)
        if start and not starts_alike(old_text, text, unit_end(units[start - 1])):
            start = units_before(units, shared_prefix(old_text, text), start, UNIT_START, unit_end)
        end = common_prefix(reversed(last.units), reversed(units), shorter - start)
        if end and not ends_alike(old_text, text, len(text) - units[len(units) - end].anchor.base_byte):
            edge = len(text) - shared_suffix(old_text, text, min(len(old_text), len(text)))
            end = units_from(units, edge, end, UNIT_START)
        if checks is None or last.meanings_kept(analysis):
            return start, end
        return self.changed_checks(last, analysis, checks, start, end)

    @staticmethod
    def changed_checks(
        last: Joined, analysis: DocumentAnalysis, checks: list[FormChecks | None], start: int, end: int
    ) -> tuple[int, int]:
        """`start` and `end` (`kept_ends`) less the units whose forms' checks differ from
        those of `last`: compared in C over both versions' lists of checks, in form order."""
        units, facts, old = analysis.module.units, analysis.forms, last.listed_checks()
        forms = min(len(old), len(checks))
        start = min(start, unit_of(units, facts, common_prefix(old, checks, forms)) or 0)
        last_changed = len(checks) - 1 - common_prefix(reversed(old), reversed(checks), forms)
        changed_unit = unit_of(units, facts, last_changed) if last_changed >= 0 else -1
        end = min(end, len(units) - 1 - changed_unit if changed_unit is not None else 0, len(units) - start)
        return start, end

    def token_before(self, analysis: DocumentAnalysis, last: Joined | None, start: int) -> tuple[int, int]:
        """(line, UTF-16 column) of the last token of the units before `start` (kept from
        `last`, whose counts say which have tokens); (0, 0) if they have none."""
        units = analysis.module.units
        index = start - 1
        while index >= 0 and last is not None and not last.counts[index]:
            index -= 1
        if index < 0 or last is None:
            return 0, 0
        entry, _ = self.tokens_of(analysis, units[index], following_start(units, index))
        return entry.unit.anchor.base.line + entry.last_line, entry.last_col

    def splice_suffix(
        self, analysis: DocumentAnalysis, source: Joined, old_start: int, middle: array[int], line: int, col: int
    ) -> int:
        """Keep the trailing units of `source` from `old_start` on: the first token among
        them, re-based after the position (`line`, `col`) of the token before them, is
        appended to `middle`; return where the part of `source.out` they keep as it is
        starts (its end if they have no token)."""
        first = old_start
        while first < len(source.units) and not source.counts[first]:
            first += 1
        if first == len(source.units):
            return len(source.out)
        units = analysis.module.units
        index = len(units) - (len(source.units) - first)
        entry, _ = self.tokens_of(analysis, units[index], following_start(units, index))
        first_line = entry.unit.anchor.base.line + entry.first_line
        middle.extend((first_line - line, entry.first_col - col if first_line == line else entry.first_col))
        return source.offset(first) + 2

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

    def bound_cache(self, units: list[Unit], whole: Joined | None) -> None:
        """Keep at most 2 × (len(units) + len(whole.units)) + 64 entries: past that, only
        those of the current units, of the units dropped and of `whole`'s (O(units), once
        the bound is passed)."""
        if len(self._cache) > 2 * (len(units) + (len(whole.units) if whole is not None else 0)) + 64:
            kept = {id(unit) for unit in units}.union(self._dropped)
            if whole is not None:
                kept.update(map(id, whole.units))
            self._cache = {key: entry for key, entry in self._cache.items() if key in kept}

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


def facts_of(analysis: DocumentAnalysis, form: Node) -> FormFacts | None:
    """The facts of a top-level form: a bisection over the forms' starts, O(log forms),
    checked (else `DocumentAnalysis.facts_of`, whose index of every form is O(forms) to
    make once per version)."""
    forms = analysis.forms
    index = bisect_left(forms, form.anchor.base_byte + form.start, key=form_start)
    if index < len(forms) and forms[index].form is form:
        return forms[index]
    return analysis.facts_of(form)


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
