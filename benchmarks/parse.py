"""Parse-to-AST benchmark: small expressions, whole files, and one keystroke incrementally.

Prints the median of many runs for each case against the targets of issue 2, and, for a
keystroke in the middle of a 1 MB file, a full parse+lower next to the incremental update
measured in the same run. Run: `python benchmarks/parse.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from claudelang import parse
from claudelang.syntax import Document, TextEdit
from corpus import realistic_source
from timing import format_time, median_seconds, print_table

SMALL = {
    "(+ 1 2)": "(+ 1 2)",
    "(* (+ 1 2) (- 4 3))": "(* (+ 1 2) (- 4 3))",
    "(lambda (x y) (+ x y))": "(lambda (x y) (+ x y))",
    "(let ((x 10) (y 20)) (+ x y))": "(let ((x 10) (y 20)) (+ x y))",
    "[1 2 3 4 5 6 7 8 9 10]": "[1 2 3 4 5 6 7 8 9 10]",
    "recursive map": "(define (my-map f xs) (if (empty? xs) [] (cons (f (head xs)) (my-map f (tail xs)))))",
    "quicksort": (
        "(define (qs l) (if (empty? l) [] (let ((p (head l)))"
        " (append (qs (filter (lambda (x) (< x p)) (tail l))) [p]"
        " (qs (filter (lambda (x) (>= x p)) (tail l)))))))"
    ),
}

TARGETS = {"(+ 1 2)": 5e-6, "100 KB file": 40e-3, "keystroke, incremental": 15e-3}


def keystroke_cases(source: str) -> tuple[float, float]:
    """(full parse+lower, incremental update) for typing one character mid-file."""
    document = Document(source)
    middle = document.module.lines.line_count // 2
    toggle = [False]

    def incremental() -> None:
        toggle[0] = not toggle[0]
        if toggle[0]:
            document.apply_edits([TextEdit((middle, 0), (middle, 0), " ")])
        else:
            document.apply_edits([TextEdit((middle, 0), (middle, 1), "")])

    edited = source.split("\n")
    edited[middle] = " " + edited[middle]
    edited_text = "\n".join(edited)
    full = median_seconds(lambda: parse(edited_text), runs=7)
    return full, median_seconds(incremental, runs=41)


def main() -> None:
    rows = []
    for name, text in SMALL.items():
        seconds = median_seconds(lambda text=text: parse(text), budget=0.5)
        rows.append([name, format_time(seconds), target(name, seconds)])
    for name, size in (("100 KB file", 100_000), ("1 MB file", 1_000_000)):
        source = realistic_source(size)
        seconds = median_seconds(lambda source=source: parse(source), runs=7 if size > 500_000 else 15)
        rows.append([name, format_time(seconds), target(name, seconds)])
    full, incremental = keystroke_cases(realistic_source(1_000_000))
    rows.append(["keystroke, full parse+lower (1 MB)", format_time(full), "baseline"])
    rows.append(
        [
            "keystroke, incremental",
            format_time(incremental),
            target("keystroke, incremental", incremental) + f" ({full / incremental:.0f}x faster)",
        ]
    )
    print_table(["parse to AST", "median", "target"], rows)


def target(name: str, seconds: float) -> str:
    limit = TARGETS.get(name)
    if limit is None:
        return ""
    verdict = "met" if seconds <= limit else "MISSED"
    return f"≤ {format_time(limit)}: {verdict}"


if __name__ == "__main__":
    main()
