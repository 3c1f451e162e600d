"""The direct evaluator (`vm.direct`) against the compiled path: same values, output, errors.

Each program runs in two sessions, one with `direct` on (the default) and one compiling
every form, and everything observable is compared: each form's value (type and printed
form), the printed output, and any error's kind, message, location and ClaudeLang frames.
The programs are generated ones (hypothesis), mostly inside the subset the evaluator takes
and some just outside it (locals and user definitions shadowing builtins, lambdas in `let`
inits naming later bindings, wrong arities, unbound names, division by zero), and every
example and conformance program, whole and form by form. `evaluate` is compared with a
fresh compiling session the same way; and the seed's forms are checked to need neither
name resolution nor, for `evaluate`, a session.
"""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from claudelang import ClError, Session, evaluate, parse
from claudelang.ast.nodes import Node
from claudelang.runtime.printer import show
from claudelang.semantics.resolve import Resolver
from claudelang.syntax.document import plain_forms
from claudelang.vm.direct import DirectForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted([*ROOT.glob("examples/**/*.cl"), *ROOT.glob("tests/conformance/**/*.cl")])
CLOCKED = {"effects_time_random.cl"}  # values read from the clock differ between any two runs

PRELUDE = """
(define v 5)
(define w 2.5)
(define s "str")
(define lst [1 2 3])
(define (f x) (* x 2))
"""


def observe(session: Session, text: str, filename: str = "<input>", line_offset: int = 0) -> tuple[object, ...]:
    """What running `text` shows: values, output and the error, if any."""
    try:
        values = [(type(value).__name__, show(value)) for _, value in session.eval_forms(text, filename, line_offset)]
        error = None
    except ClError as exc:
        values = []
        error = (exc.kind, exc.message, exc.location, list(exc.frames))
    return values, session.take_output(), error


def sessions() -> tuple[Session, Session]:
    direct, compiled = Session(capture_output=True, jit="off"), Session(capture_output=True, jit="off")
    compiled.direct = False
    return direct, compiled


def assert_same(text: str, prelude: str = PRELUDE) -> None:
    direct, compiled = sessions()
    for session in (direct, compiled):
        session.eval(prelude)
    assert observe(direct, text) == observe(compiled, text), text


def directly_run(text: str) -> bool:
    session = Session(jit="off")
    session.eval(PRELUDE)
    try:
        return all(type(form) is DirectForm for form in session.compile_source(text, "<input>", direct=True))
    except ClError:  # a syntax error (a duplicate parameter)
        return False


# ---------------------------------------------------------------- generated programs

LOCALS = ["x", "y", "v", "acc", "abs", "+", "map"]  # `v` shadows a global, the others builtins
GLOBALS = ["v", "w", "s", "lst", "nope"]  # `nope` is never bound
OPERATORS = ["+", "-", "*", "/", "mod", "%", "abs", "list", "range", "even?", "zero?", "sqrt", "floor", "round"]
OUTSIDE = ["print", "f", "<", "=", "head", "length", "str"]  # calls the evaluator leaves to the compiler


@st.composite
def expressions(draw: st.DrawFn, scope: tuple[str, ...] = (), depth: int = 0) -> str:
    leaves = st.one_of(
        st.integers(-3, 3).map(str),
        st.sampled_from(["10000000000000000000000", "1.5", "-0.0", '"a"', '""', "#t", "#f", "nil", ":k"]),
        st.sampled_from([*GLOBALS, *scope] or GLOBALS),
    )
    if depth >= 3 or draw(st.integers(0, 4)) == 0:
        return draw(leaves)
    inner = expressions(scope, depth + 1)
    shape = draw(st.sampled_from(["call", "call", "call", "list", "let", "lambda", "map", "filter", "fold", "outside"]))
    if shape == "call":
        op = draw(st.sampled_from([*OPERATORS, *scope]))  # a local as the head: maybe a shadowed builtin
        return f"({op} {' '.join(draw(st.lists(inner, max_size=3)))})"
    if shape == "list":
        return f"[{' '.join(draw(st.lists(inner, max_size=3)))}]"
    if shape == "let":
        names = draw(st.lists(st.sampled_from(LOCALS), min_size=0, max_size=2, unique=draw(st.booleans())))
        ahead = draw(st.booleans())  # an init may name a binding after it (seen from inside a function)
        bindings = " ".join(
            f"({name} {draw(expressions((*scope, *(names if ahead else names[:i])), depth + 1))})"
            for i, name in enumerate(names)
        )
        body = draw(st.lists(expressions((*scope, *names), depth + 1), min_size=1, max_size=2))
        return f"(let ({bindings}) {' '.join(body)})"
    if shape in ("lambda", "map", "filter", "fold"):
        count = {"map": 1, "filter": 1, "fold": 2}.get(shape, draw(st.integers(0, 2)))
        if draw(st.integers(0, 5)) == 0:
            count += 1  # a lambda of the wrong arity
        params = draw(st.lists(st.sampled_from(LOCALS), min_size=count, max_size=count, unique=draw(st.booleans())))
        body = " ".join(draw(st.lists(expressions((*scope, *params), depth + 1), min_size=1, max_size=2)))
        fn = f"(lambda ({' '.join(params)}) {body})"
        if shape == "lambda":
            return f"({fn} {' '.join(draw(st.lists(inner, min_size=len(params), max_size=len(params))))})"
        items = draw(st.one_of(inner, st.lists(inner, max_size=3).map(lambda xs: f"[{' '.join(xs)}]")))
        return f"({shape} {fn} {draw(inner)} {items})" if shape == "fold" else f"({shape} {fn} {items})"
    op = draw(st.sampled_from(OUTSIDE))
    return f"({op} {' '.join(draw(st.lists(inner, min_size=1, max_size=2)))})"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_generated_forms_run_alike(text: str) -> None:
    assert_same(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(expressions(), min_size=2, max_size=4))
def test_generated_sources_of_several_forms_run_alike(forms: list[str]) -> None:
    assert_same("\n".join(forms))


def test_the_generator_mostly_stays_inside_the_subset() -> None:
    """Most generated forms run directly, so the tests above exercise the evaluator."""
    samples = [expressions().example() for _ in range(200)]
    assert sum(map(directly_run, samples)) > len(samples) // 3


# ---------------------------------------------------------------- hand-picked cases

CASES = [
    "(+ 1 2)",
    "(* (+ 1 2) (- 4 3))",
    "(let ((x 10) (y 20)) (+ x y))",
    "((lambda (x y) (+ x y)) 3 4)",
    "[1 2 3 4 5 6 7 8 9 10]",
    "(map (lambda (x) (* x x)) [1 2 3])",
    '(+ 1 "a")',
    '(+ "a" 1)',
    '(- "a")',
    "(+ #t 1)",
    '(* "ab" 3)',
    '(* (* "ab" 2) 3)',
    "(/ 1 0)",
    "(mod 5 0)",
    "(% 7.5 2)",
    "(+ 1 nope)",
    "(nope 1)",
    '(map (lambda (x) (* x "a")) [1 2 3])',
    "(map (lambda (x y) x) [1 2])",
    "(fold (lambda (a x) (+ a (/ 1 x))) 0 [1 0])",
    "(filter (lambda (x) (even? x)) (range 10))",
    "(map abs [-1 2 -3])",
    "(map + [1 2] [10 20])",
    "(let ((x 1) (y x)) (+ x y))",
    "(let ((x y) (y 1)) x)",
    "(let ((v 1)) (let ((v (+ v 1))) v))",
    "((lambda (x) ((lambda (y) (+ x y)) 2)) 1)",
    "((lambda (x) (+ x 1)))",
    "(+ 1 2 3 (* 2 v) (- w))",
    "(abs)",
    "(range 3 0 -1)",
    "(sqrt -1)",
    "(** 2 3)",
    "(+ 10000000000000000000000 1.5)",
    "(* 1e308 10.0)",
    "(floor 1e400)",
    "(let ((+ 5)) (+ 1 2))",
    "(let ((abs 5)) (abs 2))",
    "((lambda (abs) (abs -2)) 5)",
    "(map (lambda (map) (map 1)) [1])",
    "(let ((x (map (lambda (q) v) [1])) (v 2)) x)",
    "(let ((x ((lambda () v))) (v 2)) x)",
    "(let ((x (let ((v 1)) (map (lambda (q) v) [1]))) (v 2)) x)",
    "(let ((v (+ v 1))) v)",
    "(let ((x 1) (x (+ x 1))) x)",
    "((lambda (x x) x) 1 2)",
    "(map (lambda (x x) x) [1 2] [3 4])",
]


@pytest.mark.parametrize("text", CASES)
def test_cases_run_alike(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("text", CASES[:6])
def test_the_seed_cases_run_directly(text: str) -> None:
    assert directly_run(text)


@pytest.mark.parametrize(
    "text",
    [
        "(define x 1)",
        "(print 1)",
        "(f 1)",
        "(< 1 2)",
        '(+ "a" (let ((x 1)) x))',  # the compiler reads the let first: order differs
        "(map f lst)",
        "((lambda (x) x) 1 2)",
        "(let loop ((i 0)) i)",
        "(let ((g (lambda (x) x))) (g 1))",
    ],
)
def test_forms_outside_the_subset_are_compiled(text: str) -> None:
    assert not directly_run(text)
    assert_same(text)


def test_a_redefined_builtin_is_not_run_directly() -> None:
    prelude = PRELUDE + "(define (abs x) (f x))\n(define (+ a b) 42)"
    assert_same("(+ (abs 2) 1)", prelude)
    assert_same("(map abs [1 2])", prelude)


def test_an_error_after_a_line_offset_names_the_file_line() -> None:
    direct, compiled = sessions()
    for session in (direct, compiled):
        session.eval("(define v 1)")
    cell = '\n(+ v "a")'
    assert observe(direct, cell, "cell.cl", 7) == observe(compiled, cell, "cell.cl", 7)
    assert direct.format_error(_error(direct, cell)) == compiled.format_error(_error(compiled, cell))


def _error(session: Session, text: str) -> ClError:
    with pytest.raises(ClError) as info:
        session.eval(text, "cell.cl", 7)
    return info.value


# ---------------------------------------------------------------- the public entry points

REDEFINITIONS = [
    "(define (abs x) (* x 100))",
    "(define (+ a b) (- a b))",
    "(define list 5)",
    "(define (map f xs) xs)",
    "(define x 7)",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(), st.lists(st.sampled_from(REDEFINITIONS), max_size=2, unique=True))
def test_generated_forms_run_alike_after_builtins_are_redefined(text: str, redefinitions: list[str]) -> None:
    assert_same(text, "\n".join([PRELUDE, *redefinitions]))


def outcome(run: Callable[[str], object], text: str) -> tuple[object, ...]:
    """The value `run(text)` returns (type and printed form), or its error."""
    try:
        value = run(text)
    except ClError as exc:
        return "error", exc.kind, exc.message, exc.location, list(exc.frames)
    return type(value).__name__, show(value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(expressions(), min_size=1, max_size=2))
def test_evaluate_gives_what_a_compiling_session_gives(forms: list[str]) -> None:
    """`evaluate`, which runs what `vm.direct` accepts against the shared builtins table,
    against a fresh session compiling every form: the same value, or the same error at
    the same place."""
    text = "\n".join(forms)
    compiled = Session()
    compiled.direct = False
    assert outcome(evaluate, text) == outcome(compiled.eval, text), text


def refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("not expected here")


def test_the_seed_cases_need_no_name_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vm.direct` scopes its subset itself: resolving a `let` was a third of `Session.eval`."""
    expected = [show(evaluate(text)) for text in CASES[:6]]
    monkeypatch.setattr(Resolver, "visit", refuse)
    session = Session()
    assert [show(session.eval(text)) for text in CASES[:6]] == expected
    assert [show(evaluate(text)) for text in CASES[:6]] == expected


def test_evaluate_makes_a_session_only_for_what_it_does_not_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [show(Session().eval(text)) for text in CASES[:6]]
    monkeypatch.setattr(Session, "__init__", refuse)
    assert [show(evaluate(text)) for text in CASES[:6]] == expected
    with pytest.raises(AssertionError):
        evaluate("(define x 1) x")


POSITION_FIELDS = ("start", "end", "anchor")


def shape(node: object) -> object:
    """A node as plain data: its class, source range and fields (anchors compared by the
    positions they give)."""
    if isinstance(node, list):
        return [shape(item) for item in node]
    if not isinstance(node, Node):
        return type(node).__name__, node
    span = node.span
    fields = [
        shape(getattr(node, f.name)) for f in dataclasses.fields(node) if f.name not in ("start", "end", "anchor")
    ]
    return type(node).__name__, span.start_byte, span.end_byte, str(span.start), span.end.col16, fields


@settings(max_examples=200, deadline=None)
@given(st.lists(expressions(), max_size=3), st.sampled_from([" ", "\n", "\r\n", " ; note\n"]), st.integers(0, 3))
def test_plain_forms_are_the_forms_parse_gives(forms: list[str], separator: str, lines_before: int) -> None:
    """What `Session.eval` and `evaluate` read (`syntax.document.plain_forms`), or None."""
    text = "\n" * lines_before + separator.join(forms)
    plain = plain_forms(text)
    module = parse(text)
    if plain is None:
        return
    assert not module.diagnostics
    assert shape(plain) == shape(module.forms)


@pytest.mark.parametrize("text", ["(+ 1", "(+ 1 2))", "'(1 2)", "(set! x 1)", "(let ((x)) x)", "x" * 5000])
def test_plain_forms_leave_other_texts_to_parse(text: str) -> None:
    """Syntax errors, forms lowered in Python (they may warn) and big texts."""
    assert plain_forms(text) is None


# ---------------------------------------------------------------- every example and conformance program


def run_file(session: Session, path: Path) -> tuple[object, ...]:
    try:
        value = show(session.run_file(path))
        error = None
    except ClError as exc:
        value, error = None, (exc.kind, exc.message, exc.location, list(exc.frames))
    return value, session.take_output(), error


@pytest.fixture
def no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.mark.usefixtures("no_stdin")
@pytest.mark.parametrize("path", PROGRAMS, ids=lambda path: str(path.relative_to(ROOT)))
def test_programs_run_alike(path: Path) -> None:
    direct, compiled = sessions()
    assert run_file(direct, path) == run_file(compiled, path) or path.name in CLOCKED


@pytest.mark.usefixtures("no_stdin")
@pytest.mark.parametrize("path", PROGRAMS, ids=lambda path: str(path.relative_to(ROOT)))
def test_programs_run_alike_form_by_form(path: Path) -> None:
    """Each top-level form as its own cell, so that forms after a compiled one run directly too."""
    text = path.read_text(encoding="utf-8")
    direct, compiled = sessions()
    for form in parse(text).forms:
        start = form.span.start
        cell = " " * start.col + form.source
        seen = [observe(session, cell, str(path), start.line) for session in (direct, compiled)]
        assert seen[0] == seen[1] or path.name in CLOCKED, form.source
        if seen[0][2] is not None:
            break
