"""`claudelang run` and `check` refuse a `catch` clause of another shape than `(catch (err) ...)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import PYTHON_TRACEBACK, claudelang

PROGRAM = """(define (f x) (+ x 1))
(io:print "start")
(io:print (try (f "a")
  (catch ContractViolation e
    (io:print "caught"))))
"""
MESSAGE = "malformed 'catch': expected (catch (err) body ...)"


@pytest.mark.parametrize(
    ("command", "stream", "expected"),
    [
        ("check", "stdout", f"kind.cl:4:3: error: {MESSAGE}"),
        ("run", "stderr", f"error[syntax]: {MESSAGE}\n  --> kind.cl:4:3"),
    ],
)
def test_malformed_catch_is_a_syntax_error(tmp_path: Path, command: str, stream: str, expected: str) -> None:
    path = tmp_path / "kind.cl"
    path.write_text(PROGRAM, encoding="utf-8")
    result = claudelang(command, "kind.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert expected in getattr(result, stream)
    assert "start" not in result.stdout and "caught" not in result.stdout  # nothing ran
    assert PYTHON_TRACEBACK not in result.stdout + result.stderr
    path.write_text(PROGRAM.replace("ContractViolation e", "(e)"), encoding="utf-8")  # the documented shape
    result = claudelang(command, "kind.cl", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("start\ncaught\n") if command == "run" else "error" not in result.stdout
