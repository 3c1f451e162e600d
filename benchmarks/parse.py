"""Parse-to-AST benchmark: the seed's expressions, whole files, and one keystroke incrementally.

Every row has its baseline measured in the same run (issue 17): the seed's expressions
against the original Python prototype (`CLAUDELANG_ORIGINAL=<its folder>`; the column is
left out without it), whole files against tree-sitter's own parse of the same bytes (the
part of `parse` that is C), and a keystroke in the middle of a 1 MB file against
tree-sitter's incremental reparse of that edit. Each row times ours and its baseline in
turns (`timing.paired_medians`), so the shared machine's load weighs on both alike;
medians of many runs, and the ratio is the median of the pairs' ratios.
Run: `CLAUDELANG_ORIGINAL=../shared/seed/original-prototype python benchmarks/parse.py`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import original
from claudelang import parse
from claudelang.syntax import Document, TextEdit
from claudelang.syntax.grammar import new_parser
from claudelang.syntax.lower import NATIVE
from corpus import realistic_source
from timing import format_time, median_seconds, paired_medians, print_table

# The seed's parser cases (PERFORMANCE_SUMMARY.md), then a bigger one of our own.
SMALL = {
    "(+ 1 2)": "(+ 1 2)",
    "(* (+ 1 2) (- 4 3))": "(* (+ 1 2) (- 4 3))",
    "(lambda (x y) (+ x y))": "(lambda (x y) (+ x y))",
    "(let ((x 10) (y 20)) (+ x y))": "(let ((x 10) (y 20)) (+ x y))",
    "[1 2 3 4 5 6 7 8 9 10]": "[1 2 3 4 5 6 7 8 9 10]",
    "map example": "(map (lambda (x) (* x x)) [1 2 3 4 5])",
    "recursive map": "(define (my-map f xs) (if (empty? xs) [] (cons (f (head xs)) (my-map f (tail xs)))))",
}

SPEEDUP_TARGET = 5.0  # × faster than the original prototype
FILE_TARGET = 3.0  # parse+lower ≤ 3× tree-sitter's parse of the same bytes
SMALL_RUNS, BATCH = 31, 200  # pairs of batches of parses of a seed case
KEYSTROKE_TARGET = (2.0, 1e-3)  # incremental update ≤ 2× tree-sitter's reparse + 1 ms


def batch(parse_text: Callable[[str], object], text: str) -> None:
    """`BATCH` parses of `text` (a seed case takes microseconds: timing one at a time, in
    turns with the baseline, would time the other's cache misses and the clock)."""
    for _ in range(BATCH):
        parse_text(text)


def small_rows(baseline: original.Original | None) -> list[list[str]]:
    rows = []
    for name, text in SMALL.items():
        if baseline is None:
            ours = median_seconds(lambda text=text: parse(text), budget=0.5)
            rows.append([name, format_time(ours), "-", "-", "(set CLAUDELANG_ORIGINAL)"])
            continue
        ours, theirs, ratio = paired_medians(
            lambda text=text: batch(parse, text), lambda text=text: batch(baseline.parse, text), runs=SMALL_RUNS
        )
        ours, theirs, speedup = ours / BATCH, theirs / BATCH, 1 / ratio
        verdict = "met" if speedup >= SPEEDUP_TARGET else "MISSED"
        rows.append(
            [
                name,
                format_time(ours),
                format_time(theirs),
                f"{speedup:.1f}x faster",
                f"≥ {SPEEDUP_TARGET:.0f}x: {verdict}",
            ]
        )
    return rows


def file_rows() -> list[list[str]]:
    rows = []
    parser = new_parser()
    for name, size in (("100 KB file", 100_000), ("1 MB file", 1_000_000)):
        source = realistic_source(size)
        data = source.encode()
        runs = 7 if size > 500_000 else 15
        ours, tree_sitter, ratio = paired_medians(
            lambda source=source: parse(source), lambda data=data: parser.parse(data), runs=runs
        )
        verdict = f"≤ {FILE_TARGET:.0f}x: {'met' if ratio <= FILE_TARGET else 'MISSED'}"
        rows.append([name, format_time(ours), format_time(tree_sitter), f"{ratio:.1f}x", verdict])
    return rows


def keystroke_row(source: str) -> list[str]:
    """Typing one character mid-file (and deleting it again): `Document` against
    tree-sitter's own incremental reparse of the same edits."""
    document = Document(source)
    middle = document.module.lines.line_count // 2
    typed = [False]

    def incremental() -> None:
        typed[0] = not typed[0]
        end = (middle, 0) if typed[0] else (middle, 1)
        document.apply_edits([TextEdit((middle, 0), end, " " if typed[0] else "")])

    lines = source.split("\n")
    at = sum(len(line.encode()) + 1 for line in lines[:middle])
    texts = [source.encode(), "\n".join([*lines[:middle], " " + lines[middle], *lines[middle + 1 :]]).encode()]
    parser = new_parser()
    trees: list = [parser.parse(texts[0])]

    def tree_sitter() -> None:
        inserting = len(trees) == 1  # trees holds the tree of the current text, after a marker when it is typed
        old_end, new_end = (at, at + 1) if inserting else (at + 1, at)
        tree = trees[-1]
        tree.edit(at, old_end, new_end, (middle, 0), (middle, old_end - at), (middle, new_end - at))
        trees[:] = [None, parser.parse(texts[1], tree)] if inserting else [parser.parse(texts[0], tree)]

    ours, theirs, ratio = paired_medians(incremental, tree_sitter, runs=41)
    factor, extra = KEYSTROKE_TARGET
    limit = factor * theirs + extra
    verdict = f"≤ {factor:.0f}x + {format_time(extra)}: {'met' if ours <= limit else 'MISSED'}"
    return ["keystroke in 1 MB, incremental", format_time(ours), format_time(theirs), f"{ratio:.1f}x", verdict]


def main() -> None:
    baseline = original.load()
    print_table(["seed's cases", "ClaudeLang", "original prototype", "ratio", "target"], small_rows(baseline))
    print()
    rows = [*file_rows(), keystroke_row(realistic_source(1_000_000))]
    print_table(["parse to AST", "ClaudeLang", "tree-sitter alone", "ratio", "target"], rows)
    lowering = "in C (syntax/native.py)" if NATIVE is not None else "in Python only"
    print(f"\nplain forms lowered {lowering}; load average {os.getloadavg()[0]:.2f} (timings on a shared machine)")


if __name__ == "__main__":
    main()
