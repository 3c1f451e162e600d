"""A CI-sized soak (`benchmarks/soak.py`): thousands of edits with hover, completion and
semantic tokens in between, on a 100 KB document, through the real server over stdio.

Checks: the final state equals a fresh open of the same text; resident memory grows by
less than 50 MB; p95 latencies at the end are within 20% of the start. This is the one
test here that compares times, so it is built not to fail on a busy machine: the session
is a series of identical rounds (same work at start and end), "start" and "end" are the
medians of the per-round p95 over the first and the last three rounds, and a latency
regression only fails the test if the server's own CPU time per edit regressed as well
(a slowdown without extra CPU is another process taking the machine).
`CLAUDELANG_SOAK_EDITS` sets the length (default 2,000; the full run is 20,000).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from soak import report, run_soak

EDITS = int(os.environ.get("CLAUDELANG_SOAK_EDITS", "2000"))


def test_soak_session_stays_fast_small_and_correct(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_soak(edits=EDITS, size=100_000, seed=1, windows=10)
    with capsys.disabled():
        print()
        report(result)
    assert result.edits >= EDITS * 0.8 and result.requests == result.edits
    assert not result.problems()
