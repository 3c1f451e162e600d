"""The rename differential at scale: thousands of generated renames through a live server.

Runs the property of `tests/lsp/test_rename_differential.py` (same generator, same oracle)
for `--examples` programs from `--seed`, and prints how many renames edited one file or
both, and of which kind of name; a failure is shrunk by Hypothesis and printed.

    python benchmarks/rename_differential.py [--examples N] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.lsp.rename_oracle import RenameOracle
from tests.lsp.rename_programs import Case, cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        oracle = RenameOracle(Path(folder))

        @seed(args.seed)
        @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=cases(), open_module=st.booleans())
        def prop(case: Case, open_module: bool) -> None:
            files = oracle.check(case, open_module)
            tally[f"renamed in {case.file}, edits in {' and '.join(sorted(files)) or 'no file'}"] += 1

        started = time.monotonic()
        try:
            prop()
        finally:
            oracle.close()
    print(f"seed {args.seed}: {sum(tally.values())} renames in {time.monotonic() - started:.0f} s")
    for key, count in sorted(tally.items()):
        print(f"  {count:6d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
