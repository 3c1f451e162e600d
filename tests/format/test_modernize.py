"""`claudelang fmt --modernize` and the "rewrite in the 1.1 spelling" rewrites: every earlier
spelling (LANGUAGE.md §10) gets its 1.1 text, and a program means the same afterwards."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from claudelang.format.modernize import modernize_source
from claudelang.syntax import parse

from tests.conformance.expectations import read_expectation

CONFORMANCE = Path(__file__).parent.parent / "conformance"
EARLIER_FILES = [path for path in CONFORMANCE.rglob("*.cl") if parse(path.read_text()).rewrites]
# The programs to run: those with earlier spellings, and those importing such modules.
EARLIER = sorted({path.name for path in EARLIER_FILES if path.parent == CONFORMANCE} | {"earlier_modules.cl"})


def claudelang(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claudelang.cli.main", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("source", "modern"),
    [
        ('(effect io print "x")', '(io:print "x")'),
        ('(effect :io print "x" 1)', '(io:print "x" 1)'),
        ('(effect io "print" "x")', '(io:print "x")'),
        ('(effect :io (print "x"))', '(io:print "x")'),
        ('(effect error "msg")', '(error:raise "msg")'),
        ('(effect error raise "msg")', '(error:raise "msg")'),
        ("(cond [(f) 1] [else 2])", "(cond ((f) 1) (else 2))"),
        ("(let ([x 1]) x)", "(let ((x 1)) x)"),
        ("(match v [[a] a])", "(match v ([a] a))"),
        ("(loop [i 0] (if (< i 3) (recur (+ i 1)) i))", "(let loop ((i 0)) (if (< i 3) (loop (+ i 1)) i))"),
        (
            "(dotimes (k n) (io:print k))",
            "(let ((dotimes-count n)) (let dotimes-loop ((k 0)) "
            "(when (< k dotimes-count) (io:print k) (dotimes-loop (+ k 1)))))",
        ),
        ("(module m (define a 1) (define (f) a))", "(module m (export a f) (define a 1) (define (f) a))"),
        ("(module m (define a 1) (define b 2) (export a))", "(module m (export a) (define a 1) (define b 2))"),
    ],
)
def test_each_earlier_spelling_has_its_11_text(source: str, modern: str) -> None:
    assert modernize_source(source) == modern
    assert parse(modern).rewrites == []


def test_nested_earlier_spellings_are_all_rewritten() -> None:
    source = "(dotimes (i 2) (loop [j 0] (if (< j 1) (recur (+ j 1)) (effect io print i j))))"
    modern = modernize_source(source)
    assert parse(modern).rewrites == [] and "effect" not in modern and "recur" not in modern


def test_the_conformance_suite_has_earlier_programs() -> None:
    names = {path.name for path in EARLIER_FILES}
    assert {"earlier_effects.cl", "earlier_loops.cl", "earlier_clauses.cl", "shapes_old.cl", "counter_old.cl"} <= names


def test_a_program_with_a_syntax_error_is_left_as_it_is() -> None:
    source = "(loop [i 0] (+ 1 (recur i)))\n(effect io print 1)\n"
    assert modernize_source(source) == source


@pytest.mark.parametrize("name", EARLIER)
def test_modernized_programs_print_the_same(tmp_path: Path, name: str) -> None:
    expectation = read_expectation(CONFORMANCE / name)
    folder = tmp_path / "conformance"
    shutil.copytree(CONFORMANCE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    changed = [str(path.relative_to(CONFORMANCE)) for path in EARLIER_FILES]
    result = claudelang("fmt", "--modernize", *changed, cwd=folder)
    assert all(parse((folder / path).read_text()).rewrites == [] for path in changed), result.stderr
    run = claudelang("run", name, *expectation.args, cwd=folder)
    assert (run.returncode, run.stdout.splitlines()) == (expectation.exit_code, expectation.stdout)
    if expectation.exit_code == 0:
        assert claudelang("check", name, cwd=folder).stdout == ""


@pytest.mark.parametrize("name", EARLIER)
def test_check_reports_nothing_on_earlier_programs(name: str) -> None:
    expectation = read_expectation(CONFORMANCE / name)
    result = claudelang("check", name, cwd=CONFORMANCE)
    assert "Traceback" not in result.stderr
    if expectation.exit_code == 0:
        assert (result.stdout, result.returncode) == ("", 0)
