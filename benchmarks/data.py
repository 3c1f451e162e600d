"""Data-structure benchmark: persistent lists, maps and sets next to CPython doing the same work.

Each case runs the ClaudeLang function (defined once in a `Session` with the JIT off, then
called directly on the session's big-stack thread, so the timing is the generated code
and the runtime alone) and the plain-Python equivalent in the same process, in turns (so
the shared machine's load weighs on both alike), and prints the medians of several runs,
the median of the pairs' ratios, and the peak memory of one run of each (traced
by `tracemalloc`, in a separate run so that tracing does not slow the timed ones). The
targets are issue 14's ("no slower than today" is read as within 10%, the noise of a
shared machine). The last rows time `map`, `filter` and `fold` against the
tuple-based implementations they replaced (`tuple(map(f, t))`, ...), run here on Python
tuples with the same ClaudeLang function: "before" and "after" in one run.

Run: `python benchmarks/data.py` (`--quick` for fewer runs).
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from claudelang import Session
from claudelang.runtime import lookup
from timing import format_time, paired_medians, print_table

CLAUDELANG = """
(define (sum-list l) (if (empty? l) 0 (+ (head l) (sum-list (tail l)))))

(define (sum-loop xs) (let loop ((l xs) (acc 0)) (if (empty? l) acc (loop (tail l) (+ acc (head l))))))

(define (build n) (let loop ((i 0) (acc [])) (if (< i n) (loop (+ i 1) (cons i acc)) (reverse acc))))

(define (fill n) (let loop ((i 0) (m {})) (if (< i n) (loop (+ i 1) (dict-set m i i)) m)))

(define (lookups m n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc (dict-get m i))) acc)))

(define (inc x) (+ x 1))
(define (map-inc xs) (map inc xs))
(define (filter-even xs) (filter even? xs))
(define (fold-add xs) (fold + 0 xs))
"""


def py_sum(items: list[int]) -> int:
    total = 0
    for x in items:
        total = total + x
    return total


def py_append(n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(i)
    return out


def py_fill(n: int) -> dict[int, int]:
    table = {}
    for i in range(n):
        table[i] = i
    return table


def py_lookups(table: dict[int, int], n: int) -> int:
    total = 0
    for i in range(n):
        total = total + table[i]
    return total


Case = tuple[str, Callable[[], object], Callable[[], object], float | None]


def cases(session: Session) -> list[Case]:
    """(name, ClaudeLang thunk, baseline thunk, target ratio or None)."""
    g = session.globals
    small, big = lookup("range").fn(100_000), lookup("range").fn(1_000_000)
    py_small, py_big = list(range(100_000)), list(range(1_000_000))
    filled, py_filled = g["fill"](100_000), py_fill(100_000)
    assert g["sum-list"](small) == py_sum(py_small) and g["sum-loop"](big) == py_sum(py_big)
    assert list(g["build"](1000)) == py_append(1000)
    assert g["lookups"](filled, 100_000) == py_lookups(py_filled, 100_000)
    as_tuple, inc, even, plus = tuple(py_big), g["inc"], lookup("even?").fn, lookup("+").fn
    return [
        ("sum-list (non-tail recursion), 10^5", lambda: g["sum-list"](small), lambda: py_sum(py_small), 10),
        ("named-let head/tail loop, 10^6", lambda: g["sum-loop"](big), lambda: py_sum(py_big), 5),
        ("cons 10^6 onto an accumulator, reverse", lambda: g["build"](1_000_000), lambda: py_append(1_000_000), 5),
        ("dict-set 10^5 into a growing map", lambda: g["fill"](100_000), lambda: py_fill(100_000), 5),
        ("dict-get 10^5", lambda: g["lookups"](filled, 100_000), lambda: py_lookups(py_filled, 100_000), 5),
        ("map over 10^6 (vs the tuple version)", lambda: g["map-inc"](big), lambda: tuple(map(inc, as_tuple)), 1.1),
        (
            "filter over 10^6 (vs the tuple version)",
            lambda: g["filter-even"](big),
            lambda: tuple(x for x in as_tuple if (k := even(x)) is not False and k is not None),
            1.1,
        ),
        ("fold over 10^6 (vs the tuple version)", lambda: g["fold-add"](big), lambda: tuple_fold(plus, as_tuple), 1.1),
    ]


def tuple_fold(f: Callable[[int, int], int], items: tuple[int, ...]) -> int:
    acc = 0
    for x in items:
        acc = f(acc, x)
    return acc


def peak_bytes(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one run of `work`, beyond what existed before it."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def megabytes(count: int) -> str:
    return f"{count / 1e6:.1f} MB"


def main() -> None:
    runs = 3 if "--quick" in sys.argv else 9
    session = Session(jit="off")  # the compiler to CPython code objects; benchmarks/jit.py times the JIT
    session.eval(CLAUDELANG)
    rows = []
    for name, claudelang, baseline, target in session.on_big_stack(lambda: cases(session)):
        cl_time, py_time, ratio = session.on_big_stack(
            lambda claudelang=claudelang, baseline=baseline: paired_medians(claudelang, baseline, runs=runs)
        )
        cl_peak = session.on_big_stack(lambda claudelang=claudelang: peak_bytes(claudelang))
        py_peak = peak_bytes(baseline)
        verdict = "" if target is None else f"≤ {target}x: {'met' if ratio <= target else 'MISSED'}"
        times = [format_time(cl_time), format_time(py_time), f"{ratio:.2f}x"]
        rows.append([name, *times, megabytes(cl_peak), megabytes(py_peak), verdict])
    headers = ["case", "ClaudeLang", "baseline", "ratio", "memory", "baseline memory", "target"]
    print_table(headers, rows)


if __name__ == "__main__":
    main()
