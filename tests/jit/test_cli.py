"""`claudelang run --jit ... --jit-log` and `claudelang dis --llvm`."""

from __future__ import annotations

from pathlib import Path

import pytest
from claudelang.cli.main import main

PROGRAM = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (greet name) (print "hello" name))
(greet "jit")
(print (fib 18))
"""


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "prog.cl"
    path.write_text(PROGRAM)
    return path


def test_run_with_jit_log_reports_what_was_compiled_and_why_not(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(program), "--jit", "eager", "--jit-log"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "hello jit\n2584\n"
    assert "jit: compiled fib(int) in " in captured.err
    assert "jit: not compiled greet: a string is not compiled" in captured.err


@pytest.mark.parametrize("mode", ["auto", "eager", "off"])
def test_run_in_every_mode_prints_the_same(program: Path, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(program), "--jit", mode]) == 0
    assert capsys.readouterr().out == "hello jit\n2584\n"


def test_dis_llvm_prints_the_optimised_ir_of_what_got_compiled(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dis", "--llvm", str(program)]) == 0
    out = capsys.readouterr().out
    assert ";; fib(int): compiled in" in out
    assert "{ i64, i32 } @cl" in out and "define " in out
    assert "llvm.sadd.with.overflow.i64" in out or "llvm.ssub.with.overflow.i64" in out or "add nsw" in out
    assert ";; greet: not compiled: a string is not compiled" in out
    assert "hello" not in out  # the program's own output is discarded


def test_dis_without_llvm_shows_python_without_jit_counters(program: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dis", str(program)]) == 0
    assert "_jit" not in capsys.readouterr().out
