"""Run the coverage-guided fuzzer (`fuzz_syntax.py`, atheris) for a bounded time in CI.

`CLAUDELANG_FUZZ_SECONDS` sets the budget (default 40 s); a longer local run is
`python tests/fuzz/fuzz_syntax.py --seconds 600`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("fuzz_syntax.py")
SECONDS = float(os.environ.get("CLAUDELANG_FUZZ_SECONDS", "40"))


def test_coverage_guided_fuzzer_finds_nothing(tmp_path: Path) -> None:
    artifacts = tmp_path / "artifacts"
    command = [sys.executable, str(SCRIPT), "--seconds", str(SECONDS), "--corpus", str(tmp_path / "corpus")]
    run = subprocess.run(
        [*command, "--artifacts", str(artifacts)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=SECONDS + 120,
    )
    output = run.stdout + run.stderr
    crashes = sorted(p.name for p in artifacts.glob("*")) if artifacts.exists() else []
    assert run.returncode == 0 and not crashes, f"fuzzer failed ({crashes}):\n{output[-6000:]}"
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", output)
    assert executed is not None and int(executed.group(1)) > 100, output[-2000:]


def test_fuzz_target_reproduces_saved_inputs(tmp_path: Path) -> None:
    """The reproduction mode runs given inputs through the same checks."""
    inputs = [b"\x01(f ' ; c\n x)", b"\x00(\xff\xfe)", b"\x02a\rb\n\0\0\1\0\1\1\3", b""]
    paths = []
    for index, data in enumerate(inputs):
        path = tmp_path / f"input-{index}"
        path.write_bytes(data)
        paths.append(str(path))
    run = subprocess.run([sys.executable, str(SCRIPT), *paths], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "4 inputs pass" in run.stdout
