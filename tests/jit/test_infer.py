"""Type inference: which signature gives which types, and why some do not compile."""

from __future__ import annotations

import pytest
from claudelang.ast import nodes as a
from claudelang.jit import subset
from claudelang.jit.infer import function_spec, infer_program
from claudelang.jit.types import Ty, Unsupported, join
from claudelang.runtime import stdlib  # noqa: F401
from claudelang.runtime.registry import global_bindings
from claudelang.syntax import parse

BUILTINS = set(global_bindings())
I, F, B, N = Ty.INT, Ty.FLOAT, Ty.BOOL, Ty.NIL  # noqa: E741  (short names keep the tables readable)


class Source:
    def __init__(self, name: str, analysis: subset.Analysis) -> None:
        self.name = name
        self.analysis = analysis


class Globals:
    """A namespace of the functions in one source text; every builtin still a builtin."""

    def __init__(self, text: str, constants: dict[str, object] | None = None) -> None:
        self.functions: dict[str, Source] = {}
        self.constants = constants or {}
        for form in parse(text).forms:
            assert isinstance(form, a.Define) and isinstance(form.value, a.Lambda)
            name = form.name.name
            self.functions[name] = Source(name, subset.analyze_function(form, set(), BUILTINS))

    def function(self, name: str, node: a.Node) -> Source:
        if name not in self.functions:
            raise Unsupported(f"{name} is not a global function defined with define", node)
        return self.functions[name]

    def value(self, name: str, node: a.Node) -> object:
        if name not in self.constants:
            raise Unsupported(f"{name} is not defined (yet)", node)
        return self.constants[name]

    def require_builtin(self, name: str, node: a.Node) -> None:
        return None


def infer(text: str, signature: tuple[Ty, ...], name: str = "f", **constants: object) -> Ty:
    world = Globals(text, constants)
    program = infer_program(function_spec(world.functions[name], signature), world)
    return program.root.ret


def why_not(text: str, signature: tuple[Ty, ...]) -> str:
    with pytest.raises(Unsupported) as info:
        infer(text, signature)
    return info.value.reason


def test_join() -> None:
    assert join(I, I) is I
    assert join(Ty.BOTTOM, F) is F
    assert join(I, F) is Ty.MIXED


@pytest.mark.parametrize(
    ("text", "signature", "expected"),
    [
        ("(define (f x y) (+ x y))", (I, I), I),
        ("(define (f x y) (+ x y))", (I, F), F),
        ("(define (f x y) (< x y))", (I, F), B),
        ("(define (f x) (/ x 2.0))", (I,), F),
        ("(define (f x) (/ x 1))", (I,), I),
        ("(define (f x) (/ x -1))", (I,), I),
        ("(define (f x y) (quot x y))", (I, I), I),
        ("(define (f x y) (quot x y))", (F, I), F),
        ("(define (f x) (sqrt x))", (I,), F),
        ("(define (f x) (floor x))", (F,), I),
        ("(define (f x) (pow x 3))", (I,), I),
        ("(define (f x) (pow x -3))", (I,), F),
        ("(define (f x) (pow x 0.5))", (I,), F),
        ("(define (f x) (if x 1 2))", (B,), I),
        ("(define (f x) (if x 1 2))", (I,), I),  # 0 is true, but both branches are ints anyway
        ("(define (f x) (and x 5))", (I,), I),  # a number is always true: the value is the last item
        ("(define (f x) (or (< x 0) (> x 9)))", (I,), B),
        ("(define (f x) (when (< x 0) (set! x 0)))", (I,), N),
        ("(define (f x) (* x pi))", (I,), F),
        ("(define (f x) (+ x N))", (I,), I),
        ("(define (f n) (if (< n 2) n (+ (f (- n 1)) (f (- n 2)))))", (I,), I),
        ("(define (f n) (let loop ((i 0) (acc 0.0)) (if (< i n) (loop (+ i 1) (+ acc i)) acc)))", (I,), F),
    ],
)
def test_result_types(text: str, signature: tuple[Ty, ...], expected: Ty) -> None:
    assert infer(text, signature, N=7) is expected


def test_mutual_recursion_settles() -> None:
    text = "(define (ev n) (if (= n 0) #t (od (- n 1))))\n(define (od n) (if (= n 0) #f (ev (- n 1))))"
    assert infer(text, (I,), name="ev") is B


def test_recursion_through_another_function() -> None:
    text = "(define (f n) (if (< n 1) 0.5 (g (- n 1))))\n(define (g n) (* 2.0 (f n)))"
    assert infer(text, (I,)) is F


@pytest.mark.parametrize(
    ("text", "signature", "expected"),
    [
        ("(define (f x y) (/ x y))", (I, I), "/ of two ints is an int or a float depending on the values"),
        ("(define (f x) (if (< x 0) 1 2.5))", (I,), "the return value is of different types on different paths"),
        ("(define (f x) (+ x 1))", (B,), "+: bool is not a number here"),
        ("(define (f x) (let ((s 0)) (set! s 0.5) s))", (I,), "s holds an int, then a float"),
        ("(define (f x) (min x 2.5))", (I,), "min of ints and floats returns either, depending on the values"),
        ("(define (f x) (pow x x))", (I,), "pow of two ints is an int or a float depending on the exponent's sign"),
        ("(define (f x) (even? x))", (F,), "even?: float is not accepted"),
        ("(define (f x) (f x))", (I,), "f never returns a value"),
        ("(define (f x) (g x))", (I,), "g is not a global function defined with define"),
        ("(define (f x) (if (< x 1) x (f (* x 0.5))))", (I,), "x holds an int, then a float"),
    ],
)
def test_not_compilable_for_a_signature(text: str, signature: tuple[Ty, ...], expected: str) -> None:
    assert why_not(text, signature) == expected
