"""Analysis: resolution, semantic diagnostics and effect inference, through the API and
`claudelang check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from claudelang import parse
from claudelang.analysis import ModuleInfo, analyze


def messages(source: str, resolver=None) -> list[tuple[str, str, str]]:
    result = analyze(parse(source), resolver) if resolver else analyze(parse(source))
    return sorted((str(d.span.start), d.code, d.message) for d in result.diagnostics)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(prnt 1)", ("1:2", "unbound-name", "unbound name 'prnt'; did you mean 'print'?")),
        ("(define (f x y) x)\n(f 1)", ("2:1", "arity", "'f' expects 2 arguments, got 1")),
        ("(range)", ("1:1", "arity", "'range' expects 1 to 3 arguments, got 0")),
        ("(data T (Pair a b))\n(Pair 1)", ("2:1", "arity", "'Pair' expects 2 arguments, got 1")),
        ("(let ((x 1)) 2)", ("1:8", "unused", "'x' is never used")),
        ("(set! nope 1)", ("1:7", "unbound-name", "set! of unbound name 'nope'")),
        ("(spec:contract g :requires [(> x 0)])", ("1:16", "contract-target", "contract for unknown function 'g'")),
        (
            "(define (g) (io:print 1))\n(spec:contract g :pure #t)",
            ("2:18", "impure", "'g' is declared :pure but performs effects: io (via io:print)"),
        ),
        ('(import "nowhere" (x))', ("1:9", "missing-module", 'cannot find module "nowhere"')),
    ],
)
def test_diagnostics(source: str, expected: tuple[str, str, str]) -> None:
    assert expected in messages(source)


def test_clean_program_has_no_diagnostics() -> None:
    source = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(spec:contract fib :requires [(>= n 0)] :ensures [(>= result 0)] :pure #t)
(data Option a (None) (Some a))
(define (get o d) (match o ((Some v) v) (None d)))
(let loop ((i 0)) (when (< i 3) (loop (+ i 1))))
(define (sum . xs) xs)
(try (fib 1) (catch (e) (error-message e)))
"""
    assert [m for m in messages(source) if m[1] != "unused"] == []


def test_not_exported_name() -> None:
    exports = ModuleInfo("/m.cl", {"square": None})
    found = messages('(import "lib/math" (square cube))', lambda path: exports)
    assert ("1:28", "not-exported", "module \"lib/math\" does not export 'cube'") in found


def test_effects_reach_a_fixed_point_through_mutual_recursion() -> None:
    source = """
(define (ping n) (if (= n 0) (io:print "done") (pong (- n 1))))
(define (pong n) (ping n))
(define (roll) (random:int 1 6))
(define (pure x) (* x 2))
"""
    result = analyze(parse(source))
    assert result.effects == {
        "ping": frozenset({"io"}),
        "pong": frozenset({"io"}),
        "roll": frozenset({"random"}),
        "pure": frozenset(),
    }


def test_cli_check_reports_analysis_and_resolves_imports(tmp_path: Path) -> None:
    (tmp_path / "lib.cl").write_text("(module lib (export double) (define (double x) (* 2 x)))\n")
    main = tmp_path / "main.cl"
    main.write_text('(import "lib" (double triple))\n(double 1 2)\n')
    result = subprocess.run(
        [sys.executable, "-m", "claudelang.cli.main", "check", str(main)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{main}:1:23: error: module \"lib\" does not export 'triple'" in result.stdout
    assert f"{main}:2:1: error: 'double' expects 1 argument, got 2" in result.stdout


def test_local_names_are_suggested_only_where_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    """A local close to an unbound name is suggested where it is visible; the locals visible
    at an unbound name are looked up only when some local of its form is a close match
    (a form an unclosed `"` turned inside out has thousands of unbound names)."""
    from claudelang.analysis.document import DocumentAnalysis

    source = "(define (f) (let ((counter 1)) (countr counter)) (countr 2) (zzz 1) (zzz 2) (qqq 3))"
    assert messages(source) == [
        ("1:33", "unbound-name", "unbound name 'countr'; did you mean 'counter'?"),
        ("1:51", "unbound-name", "unbound name 'countr'; did you mean 'concat'?"),  # out of its scope
        ("1:62", "unbound-name", "unbound name 'zzz'"),
        ("1:70", "unbound-name", "unbound name 'zzz'"),
        ("1:78", "unbound-name", "unbound name 'qqq'"),
    ]
    looked = []
    real = DocumentAnalysis.visible_locals
    monkeypatch.setattr(DocumentAnalysis, "visible_locals", lambda self, at: looked.append(at) or real(self, at))
    messages(source)
    assert len(looked) == 2  # the two `countr`, not `zzz` nor `qqq`
