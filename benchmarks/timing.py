"""Median-of-many timing and table printing shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], *, runs: int = 0, budget: float = 1.0) -> float:
    """The median wall time of `work`, over `runs` runs or as many as fit in `budget` seconds."""
    work()  # warm-up
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    while (runs and len(samples) < runs) or (not runs and (time.perf_counter() < deadline or len(samples) < 5)):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_medians(
    work: Callable[[], object], baseline: Callable[[], object], *, runs: int
) -> tuple[float, float, float]:
    """Medians of `work` and `baseline` timed in turns (so a change in the machine's load
    hits both alike), and the median of the ratios of each pair."""
    work()
    baseline()
    pairs: list[tuple[float, float]] = []
    for _ in range(runs):
        times = []
        for job in (work, baseline):
            start = time.perf_counter()
            job()
            times.append(time.perf_counter() - start)
        pairs.append((times[0], times[1]))
    ratio = statistics.median(mine / theirs for mine, theirs in pairs)
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs), ratio


def format_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
