"""The `claudelang` command line, run as a real subprocess: run, check, dis and the REPL."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PYTHON_TRACEBACK = "Traceback (most recent call last)"
Writer = Callable[[str, str], Path]


def claudelang(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `claudelang ARGS...` in `cwd`, feeding `stdin`."""
    return subprocess.run(
        [sys.executable, "-m", "claudelang.cli.main", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


# ---------------------------------------------------------------- run


def test_run_prints_output_and_exits_0(tmp_path: Path, write: Writer) -> None:
    write("ok.cl", '(define (sq x) (* x x))\n(io:print "squares" (map sq [1 2 3]))\n')
    result = claudelang("run", "ok.cl", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "squares [1 4 9]\n", "")


def test_run_runtime_error_exits_1_with_position_and_traceback(tmp_path: Path, write: Writer) -> None:
    write("bad.cl", '(io:print "before")\n(define (f x) (/ x 0))\n(f 1)\n(io:print "after")\n')
    result = claudelang("run", "bad.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "before\n"
    assert result.stderr.splitlines() == [
        "error[division-by-zero]: /: division by zero",
        "  --> bad.cl:2:15",
        "   |",
        " 2 | (define (f x) (/ x 0))",
        "   |               ^^^^^^^",
        "traceback (most recent call last):",
        "  bad.cl:3:1 in top level",
        "  bad.cl:2:15 in f",
    ]


def test_run_syntax_error_exits_1_before_running_anything(tmp_path: Path, write: Writer) -> None:
    write("syntax.cl", '(io:print "no")\n(let ((x 1) x)\n')
    result = claudelang("run", "syntax.cl", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("error[syntax]: ")
    assert "syntax.cl:2:" in result.stderr
    assert PYTHON_TRACEBACK not in result.stderr


def test_run_missing_file_exits_1(tmp_path: Path) -> None:
    result = claudelang("run", "nowhere.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error[io]: cannot read nowhere.cl")


def test_run_network_is_denied_unless_allowed(tmp_path: Path, write: Writer) -> None:
    write("net.cl", '(io:print (try (network:get "http://127.0.0.1:9/") (catch (e) (error-message e))))\n')
    denied = claudelang("run", "net.cl", cwd=tmp_path)
    assert "network access is not allowed" in denied.stdout
    allowed = claudelang("run", "net.cl", "--allow-network", cwd=tmp_path)
    assert allowed.returncode == 0
    assert "not allowed" not in allowed.stdout
    assert allowed.stdout.startswith("network:get: http://127.0.0.1:9/")


def test_run_no_contracts(tmp_path: Path, write: Writer) -> None:
    write("c.cl", "(spec:contract pos :requires [(> n 0)])\n(define (pos n) n)\n(io:print (pos -1))\n")
    assert claudelang("run", "c.cl", cwd=tmp_path).returncode == 1
    result = claudelang("run", "c.cl", "--no-contracts", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "-1\n")


def test_run_resolves_imports_from_the_files_folder(tmp_path: Path, write: Writer) -> None:
    write("project/lib/greet.cl", '(module greet (export hello) (define (hello n) (string-append "hi " n)))\n')
    write("project/main.cl", '(import "lib/greet" (hello))\n(io:print (hello "there"))\n')
    result = claudelang("run", "project/main.cl", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "hi there\n", "")


# ---------------------------------------------------------------- check


def test_check_clean_file_exits_0_silently(tmp_path: Path, write: Writer) -> None:
    write("clean.cl", "(define (f x) (+ x 1))\n(io:print (f 1))\n")
    result = claudelang("check", "clean.cl", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_check_reports_errors_as_file_line_col_and_exits_1(tmp_path: Path, write: Writer) -> None:
    write("errors.cl", '(io:print 1)\n(if)\n(define m {:a})\n"unterminated\n')
    result = claudelang("check", "errors.cl", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "errors.cl:2:1: error: malformed 'if': expected a test and a then branch: (if test then [else])"
    assert lines[1] == "errors.cl:3:12: error: map literal has an odd number of elements: this key has no value"
    assert lines[2].startswith("errors.cl:4:1: error: unterminated string")


def test_check_several_files(tmp_path: Path, write: Writer) -> None:
    write("a.cl", "(io:print 1)\n")
    write("b.cl", "(lambda)\n")
    result = claudelang("check", "a.cl", "b.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("b.cl:1:1: error: ")


def test_check_does_not_run_the_program(tmp_path: Path, write: Writer) -> None:
    write("effects.cl", '(io:print "ran!")\n')
    result = claudelang("check", "effects.cl", cwd=tmp_path)
    assert "ran!" not in result.stdout


# ---------------------------------------------------------------- dis


def test_dis_shows_the_python_of_each_form(tmp_path: Path, write: Writer) -> None:
    write("fib.cl", "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n\n(fib 10)\n")
    result = claudelang("dis", "fib.cl", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.count("def _toplevel():") == 2
    assert "# fib.cl:1:1" in result.stdout and "# fib.cl:3:1" in result.stdout
    assert "def fib(n):" in result.stdout
    assert "return fib(10)" in result.stdout


def test_dis_loop_for_a_self_tail_call(tmp_path: Path, write: Writer) -> None:
    write("loop.cl", "(define (count n) (if (= n 0) :done (count (- n 1))))\n")
    result = claudelang("dis", "loop.cl", cwd=tmp_path)
    assert "while True:" in result.stdout and "continue" in result.stdout


def test_dis_syntax_error(tmp_path: Path, write: Writer) -> None:
    write("bad.cl", "(define)\n")
    result = claudelang("dis", "bad.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error[syntax]: malformed 'define'")


# ---------------------------------------------------------------- repl


def test_repl_waits_for_balanced_forms_and_prints_values(tmp_path: Path) -> None:
    session = '(define (add a\n           b)\n  (+ a b))\n(add 1\n 2)\n[1 "s" {:k nil}]\n'
    result = claudelang("repl", cwd=tmp_path, stdin=session)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["#<function add>", "3", '[1 "s" {:k nil}]']


def test_repl_help_and_quit(tmp_path: Path) -> None:
    result = claudelang("repl", cwd=tmp_path, stdin=':help\n(+ 1 1)\n:quit\n(io:print "after quit")\n')
    assert result.returncode == 0
    assert ":quit" in result.stdout and ":help" in result.stdout
    assert result.stdout.rstrip().endswith("2")
    assert "after quit" not in result.stdout


def test_repl_errors_do_not_end_the_session(tmp_path: Path) -> None:
    stdin = "(define x 10)\n(car [])\n(undefined-fn 1)\n(if)\n(+ x 1)\n"
    result = claudelang("repl", cwd=tmp_path, stdin=stdin)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["10", "11"]
    assert "error[index]: car: empty list" in result.stderr
    assert "error[unbound-name]: unbound name 'undefined-fn'" in result.stderr
    assert "error[syntax]: malformed 'if'" in result.stderr
    assert PYTHON_TRACEBACK not in result.stderr


def test_repl_keeps_definitions_and_contracts_across_inputs(tmp_path: Path) -> None:
    stdin = "(spec:contract half :requires [(even? n)])\n(define (half n) (quot n 2))\n(half 4)\n(half 3)\n(half 8)\n"
    result = claudelang("repl", cwd=tmp_path, stdin=stdin)
    assert result.stdout.splitlines() == ["nil", "#<function half>", "2", "4"]
    assert "contract violation: half: precondition (even? n) failed (arguments: 3)" in result.stderr


def test_repl_output_and_value(tmp_path: Path) -> None:
    result = claudelang("repl", cwd=tmp_path, stdin='(do (io:print "side") 5)\n')
    assert result.stdout.splitlines() == ["side", "5"]


def test_repl_unclosed_input_at_end(tmp_path: Path) -> None:
    result = claudelang("repl", cwd=tmp_path, stdin="(+ 1\n")
    assert result.returncode == 0
    assert "error[syntax]: unclosed '('" in result.stderr


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path: Path, write: Writer) -> None:
    write("many.cl", "(define (f x) (* x 2))\n" * 3000)
    command = [sys.executable, "-m", "claudelang.cli.main", "dis", "many.cl"]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        errors = process.stderr.read().decode()
        assert process.wait(timeout=120) == 0
    assert "Traceback" not in errors and errors == ""


def test_a_global_may_be_named_like_the_compilers_wrapper(tmp_path: Path, write: Writer) -> None:
    write("names.cl", "(define <toplevel> 5)\n(io:print <toplevel>)\n")
    assert claudelang("run", "names.cl", cwd=tmp_path).stdout == "5\n"


def test_a_global_named_like_pythons_builtins_namespace(tmp_path: Path, write: Writer) -> None:
    write("builtins.cl", '(define __builtins__ {"a" 1})\n(io:print __builtins__)\n(io:print nope)\n')
    result = claudelang("run", "builtins.cl", cwd=tmp_path)
    assert result.stdout == '{"a" 1}\n'
    assert "error[unbound-name]: unbound name 'nope'" in result.stderr and "Traceback" not in result.stderr
