"""`claudelang check` and `claudelang run` read one semantic model: what one says about a
name, the other does (LANGUAGE.md §7, last paragraph). Each case is a program written in
someone else's style that once made the two disagree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ERROR_AT = re.compile(r"^error\[(?P<kind>[\w-]+)\]: .*\n  --> (?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+)", re.M)


def claudelang(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claudelang.cli.main", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def check_errors(root: Path, *names: str) -> list[str]:
    result = claudelang("check", *names, cwd=root)
    assert "Traceback" not in result.stderr + result.stdout
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def run_error(root: Path, name: str) -> tuple[str, str] | None:
    """(kind, file:line:col) of the error that stops `claudelang run`, or None."""
    result = claudelang("run", name, cwd=root)
    assert "Traceback" not in result.stderr
    found = ERROR_AT.search(result.stderr)
    if found is None:
        assert result.returncode == 0, result.stderr
        return None
    return found["kind"], f"{found['file']}:{found['line']}:{found['col']}"


AGREE_CLEAN = {
    "module exports bound by the body's let, read through a tuple": (
        {
            "m.cl": "(module m (export sq) (let ((sq (lambda (x) (* x x)))) (tuple sq)))\n",
            "main.cl": '(import "m" (sq))\n(io:print (sq 5))\n',
        },
        "25\n",
    ),
    "module exports bound by the body's let, without a tuple": (
        {
            "m.cl": "(module m (export add mul) (define (mul a b) (* a b)) (let ((add (lambda (a b) (+ a b)))) 'm))\n",
            "main.cl": '(import "m" (add mul))\n(io:print (add 1 2) (mul 2 3))\n',
        },
        "3 6\n",
    ),
    "module exports bound by a final tuple of values": (
        {"m.cl": "(module m (export a b) (tuple 1 (+ 1 1)))\n", "main.cl": '(import "m" (a b))\n(io:print a b)\n'},
        "1 2\n",
    ),
    "constructor patterns match tagged tuples without a data declaration": (
        {"main.cl": '(define o (tuple "Some" 42))\n(define d 0)\n(io:print (match o ((Some v) v) ((None) d)))\n'},
        "42\n",
    ),
    "a let init refers to its own name from inside a function (letrec*)": (
        {
            "main.cl": "(let ((fib (memoize (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))))\n"
            "  (io:print (fib 60)))\n"
        },
        "1548008755920\n",
    ),
    "a let init reads the outer binding of its own name directly": (
        {"main.cl": "(define v 1)\n(io:print (let ((v (+ v 1))) v))\n"},
        "2\n",
    ),
    "a contract's parameter is not the enclosing function's variable of that name": (
        {
            "main.cl": "(define (outer x)\n  (spec:contract inner :requires [(> x 0)])\n"
            "  (define (inner x) (* 2 x))\n  (inner (- x)))\n"
            "(io:print (try (outer 5) (catch (e) (error-message e))))\n"
        },
        None,  # a contract violation message, checked below
    ),
}


@pytest.mark.parametrize("case", sorted(AGREE_CLEAN), ids=lambda c: c.replace(" ", "-")[:60])
def test_programs_that_run_get_no_errors(tmp_path: Path, case: str) -> None:
    files, output = AGREE_CLEAN[case]
    write_files(tmp_path, files)
    assert check_errors(tmp_path, *files) == []
    result = claudelang("run", "main.cl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    if output is not None:
        assert result.stdout == output
    else:
        assert "contract violation" in result.stdout and "(> x 0)" in result.stdout


AGREE_ERROR = {
    "a define in a when body is local to it": (
        "(when #t (define x 5))\n(io:print x)\n",
        "unbound-name",
        "main.cl:2:11",
    ),
    "the operator is evaluated before arguments that need statements": (
        '(define (boom) (io:print "boom"))\n(nope (boom) (lambda (e) 1))\n',
        "unbound-name",
        "main.cl:2:2",
    ),
    "a define in a while body is local to it": (
        "(define i 0)\n(while (< i 1) (define y i) (set! i (+ i 1)))\n(io:print y)\n",
        "unbound-name",
        "main.cl:3:11",
    ),
    "a top-level form reads a global that a later form defines": (
        "(io:print (f 5))\n(define (f x) (* x 2))\n",
        "unbound-name",
        "main.cl:1:12",
    ),
    "a wrong arity to a known function": (
        "(define (f a b) (+ a b))\n(io:print (f 1))\n",
        "arity",
        "main.cl:2:11",
    ),
}


@pytest.mark.parametrize("case", sorted(AGREE_ERROR), ids=lambda c: c.replace(" ", "-")[:60])
def test_check_reports_the_error_run_raises_at_the_same_place(tmp_path: Path, case: str) -> None:
    source, kind, where = AGREE_ERROR[case]
    write_files(tmp_path, {"main.cl": source})
    line, col = where.split(":")[1:]
    errors = check_errors(tmp_path, "main.cl")
    assert any(e.startswith(f"main.cl:{line}:{col}: error: ") for e in errors), errors
    assert run_error(tmp_path, "main.cl") == (kind, where)
    if "boom" in source:
        assert "boom" not in claudelang("run", "main.cl", cwd=tmp_path).stdout


@pytest.mark.parametrize("source", ['(effect :io (print "x"))\n', '(effect "io:print" 1)\n'])
def test_check_reports_a_malformed_effect_without_crashing(tmp_path: Path, source: str) -> None:
    write_files(tmp_path, {"main.cl": source})
    result = claudelang("check", "main.cl", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    assert result.stderr == ""


def test_an_export_that_names_nothing_is_reported_where_run_raises_it(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"m.cl": "(module m (export a zz) (define a 1))\n", "main.cl": '(import "m" (a))\n(io:print a)\n'},
    )
    assert check_errors(tmp_path, "m.cl") == ["m.cl:1:21: error: unbound name 'zz'"]
    kind, where = run_error(tmp_path, "main.cl") or ("", "")
    assert (kind, where.endswith("m.cl:1:21")) == ("unbound-name", True)


def test_a_call_being_typed_gets_no_arity_error_over_its_syntax_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.cl": "(define (sq x) (* x x))\n(sq "})
    assert check_errors(tmp_path, "main.cl") == ["main.cl:2:1: error: unclosed '(' opened at 2:1: expected ')'"]
