"""Differential fuzzing of `claudelang check` against `claudelang run`, at scale.

Runs the generator of `tests/differential` over many programs (default 3,000), groups the
disagreements it finds by class (`tests.differential.minimise.signature`), shrinks one
program per class and prints each: the program, what check reports and what run raises.
The CI test (`tests/differential/test_check_vs_run.py`) runs the same property on a
fixed set of about 200 programs; this script is for hunting new classes.

    python benchmarks/differential.py [--examples N] [--seed S] [--no-minimise]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.differential.minimise import minimise, run_signatures, signature
from tests.differential.oracle import compare
from tests.differential.programs import MAIN, Program, programs


def hunt(examples: int, random_seed: int) -> dict[str, Program]:
    """The smallest program seen for each class of disagreement."""
    found: dict[str, Program] = {}

    @seed(random_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(programs())
    def explore(program: Program) -> None:
        with tempfile.TemporaryDirectory() as folder:
            verdict = compare(Path(folder), program.files, program.main)
        for disagreement in verdict.found:
            key = signature(program.files, disagreement)
            if key not in found or len(str(program)) < len(str(found[key])):
                found[key] = program

    explore()
    return found


def describe(program: Program) -> str:
    with tempfile.TemporaryDirectory() as folder:
        verdict = compare(Path(folder), program.files, program.main)
    lines = [str(program).rstrip()]
    lines += [f"  check: {r.kind} at {':'.join(map(str, r.at))}: {r.message}" for r in verdict.reported]
    lines += [
        f"  run:   {r.kind} at {':'.join(map(str, r.at))}: {r.message}{' (caught)' if r.caught else ''}"
        for r in verdict.run.raised
    ]
    lines += [f"  => {d}" for d in verdict.found]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-minimise", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    found = hunt(args.examples, args.seed)
    print(f"{args.examples} programs, {len(found)} classes of disagreement, {time.perf_counter() - started:.0f} s\n")
    for key, program in sorted(found.items()):
        if not args.no_minimise:
            program = Program(minimise(program.files, MAIN, lambda files, key=key: key in run_signatures(files, MAIN)))
        print(f"=== {key}\n{describe(program)}\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
