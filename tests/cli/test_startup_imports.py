"""`claudelang run` imports only what the program needs (issue 17: startup).

A child process runs the command's `main` and lists `sys.modules` afterwards; only module
names are compared, never times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys
from claudelang.cli.main import main
code = main(["run", sys.argv[1]])
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# The editor's side (analysis, formatter, server) and llvmlite, which only compiling a
# hot numeric function needs.
NOT_FOR_HELLO = ("claudelang.analysis", "claudelang.format", "claudelang.lsp", "pygls", "lsprotocol", "llvmlite")


def test_run_of_a_tiny_program_imports_no_editor_or_native_code(tmp_path: Path) -> None:
    hello = tmp_path / "hello.cl"
    hello.write_text('(io:print "hello")\n')
    child = subprocess.run([sys.executable, "-c", CHILD, str(hello)], capture_output=True, text=True, timeout=120)
    assert child.stdout == "hello\n"
    report = json.loads(child.stderr)
    assert report["code"] == 0
    for package in NOT_FOR_HELLO:
        loaded = [name for name in report["modules"] if name == package or name.startswith(package + ".")]
        assert not loaded, f"`claudelang run hello.cl` imported {loaded}"
