"""What the JIT accepts, and the reasons it gives when it does not (no types, no llvmlite)."""

from __future__ import annotations

import pytest
from claudelang.ast import nodes as a
from claudelang.jit import subset
from claudelang.runtime import stdlib  # noqa: F401  (registers the builtins)
from claudelang.runtime.registry import global_bindings
from claudelang.syntax import parse

BUILTINS = set(global_bindings())


def analyze(source: str, user_globals: frozenset[str] = frozenset()) -> subset.Analysis:
    form = parse(source).forms[0]
    assert isinstance(form, a.Define) and isinstance(form.value, a.Lambda)
    return subset.analyze_function(form, set(user_globals), BUILTINS)


def reason(source: str, user_globals: frozenset[str] = frozenset()) -> str | None:
    problem = analyze(source, user_globals).problem
    return problem.reason if problem is not None else None


@pytest.mark.parametrize(
    "source",
    [
        "(define (f x) (+ x 1))",
        "(define (f x y) (if (< x y) (* x 2.5) (sqrt y)))",
        "(define (f n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc i)) acc)))",
        "(define (f n) (let ((s 0) (i 0)) (while (< i n) (set! s (+ s i)) (set! i (+ i 1))) s))",
        "(define (f x) (define y (* x 2)) (+ y 1))",
        "(define (f x) (cond ((< x 0) -1) ((= x 0) 0) (else 1)))",
        "(define (f x) (and (> x 0) (or (< x 10) (not (even? x)))))",
        "(define (f x) (do (g x) (f (- x 1))))",  # g: a global, resolved when compiling
        "(define (f x) (* pi x))",
    ],
)
def test_accepted(source: str) -> None:
    assert reason(source) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(define (f x) (print x))", "print is not implemented in native code"),
        ('(define (f x) (+ x (string-length "a")))', "a string is not compiled"),
        ("(define (f x) (map (lambda (y) y) [x]))", "closures are not compiled"),
        ("(define (f x) (+ x (length [x])))", "a list is not compiled"),
        ("(define (f x) (lambda (y) y))", "closures are not compiled"),
        ("(define (f x) ((if x + -) 1 2))", "a call of a computed function"),
        ("(define (f x) (set! counter x))", "set! of a global"),
        ("(define (f x . rest) x)", None),
        ("(define (f x) (+ x 123456789012345678901234567890))", "an integer literal beyond 64 bits"),
        ("(define (f x) (let ((g (lambda () x))) (g)))", "local functions are not compiled"),
        ("(define (f x) (+ y x) (define y 1))", "y is used before its definition"),
        ("(define (f x) (try x (catch (e) 0)))", "try is not compiled"),
        ("(define (f x) (- ))", "- with 0 arguments"),
        ("(define (f x) (let loop ((i 0)) (loop)))", "loop called with 0 arguments"),
        ("(define (f x) (let loop ((i 0)) (+ 1 loop)))", "the loop loop used as a value"),
    ],
)
def test_rejected_with_reason(source: str, expected: str | None) -> None:
    if expected is None:
        return
    assert reason(source) == expected


def test_set_of_an_outer_variable_inside_a_named_let_is_rejected() -> None:
    source = "(define (f n) (let ((s 0)) (let loop ((i 0)) (when (< i n) (set! s (+ s i)) (loop (+ i 1)))) s))"
    assert reason(source) == "set! of s, a variable outside this named let"


def test_redefined_operator_is_not_the_builtin() -> None:
    assert reason("(define (f x) (sqrt x))", frozenset({"sqrt"})) is None  # a user function, resolved later
    analysis = analyze("(define (f x) (sqrt x))", frozenset({"sqrt"}))
    call = next(iter(analysis.calls.values()))
    assert isinstance(call, subset.GlobalCall) and call.name == "sqrt"


def test_self_tail_call_is_a_loop_but_other_calls_are_not() -> None:
    analysis = analyze("(define (f x) (if (< x 1) (f 0) (+ 1 (f (- x 1)))))")
    kinds = sorted(
        (call.tail_self, call.name) for call in analysis.calls.values() if isinstance(call, subset.GlobalCall)
    )
    assert kinds == [(False, "f"), (True, "f")]


def test_loop_free_variables_include_those_of_nested_loops() -> None:
    source = """(define (f n m)
      (let outer ((i 0) (acc 0))
        (if (< i n)
            (outer (+ i 1) (let inner ((j 0) (s acc)) (if (< j m) (inner (+ j 1) (+ s j)) s)))
            acc)))"""
    analysis = analyze(source)
    outer, inner = (code for code in analysis.codes if code is not analysis.root)
    assert [var.name for var in inner.free] == ["m"]
    assert [var.name for var in outer.free] == ["n", "m"]


def test_problem_in_a_function_leaves_its_loops_compilable() -> None:
    source = '(define (f n) (print "start") (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))'
    analysis = analyze(source)
    loop = next(code for code in analysis.codes if code is not analysis.root)
    assert analysis.problem is not None
    assert analysis.loop_problem(loop) is None


def test_while_site_records_what_it_assigns() -> None:
    analysis = analyze("(define (f n) (let ((s 0) (i 0) (k 5)) (while (< i n) (set! s (+ s k)) (set! i (+ i 1))) s))")
    (site,) = analysis.whiles
    assert [var.name for var in site.free] == ["i", "n", "s", "k"]
    assert [var.name for var in site.assigned] == ["s", "i"]
