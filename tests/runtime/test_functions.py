"""Function combinators, predicates, `not`/`implies` and the contract switches."""

from __future__ import annotations

import pytest
from claudelang.runtime import Constructor, Settings, get_settings, lookup, show, use_settings

from .helpers import check, check_error
from .mini import evaluate

FUNCTIONS = [
    ("(identity [1])", "[1]"),
    ("((compose) 5)", "5"),
    ("((compose abs) -5)", "5"),
    ("((compose (lambda (x) (* x 2)) (lambda (x) (+ x 1))) 3)", "8"),
    ("((compose list +) 1 2)", "[3]"),
    ("((partial +) 1)", "1"),
    ("((partial list 1 2) 3 4)", "[1 2 3 4]"),
    ("(apply + [])", "0"),
    ("(apply list 1 2 [3])", "[1 2 3]"),
    ("(apply max [3 9 2])", "9"),
    ("((memoize +) 1 2)", "3"),
    ("(compose)", "#<function identity>"),
    ("(compose abs)", "#<function composed>"),
    ("(partial +)", "#<function partial>"),
    ("(memoize abs)", "#<function abs>"),
]

PREDICATES = [
    ("(number? 1)", "#t"),
    ("(number? #t)", "#f"),
    ('(number? "1")', "#f"),
    ("(int? 1)", "#t"),
    ("(int? #t)", "#f"),
    ("(int? 1.0)", "#f"),
    ("(float? 1)", "#f"),
    ("(string? :a)", "#f"),
    ("(bool? nil)", "#f"),
    ("(boolean? #t)", "#t"),
    ("(bool? 0)", "#f"),
    ("(list? [])", "#t"),
    ("(list? (tuple 1))", "#f"),
    ('(list? "ab")', "#f"),
    ("(map? [])", "#f"),
    ("(set? {})", "#f"),
    ("(tuple? [1])", "#f"),
    ("(function? (lambda (x) x))", "#t"),
    ("(function? abs)", "#t"),
    ("(function? :a)", "#f"),
    ("(function? {})", "#f"),
    ("(nil? #f)", "#f"),
    ("(nil? [])", "#f"),
    ('(keyword? "a")', "#f"),
    ("(symbol? :a)", "#f"),
    ("(symbol? (first '(a b)))", "#t"),
    ("(error? (try (head []) (catch (e) e)))", "#t"),
    ("(sorted? [])", "#t"),
    ("(sorted? [1])", "#t"),
    ("(sorted? [2 1])", "#f"),
    ('(sorted? ["a" "b"])', "#t"),
    ("(sorted? [3 2 2] >)", "#t"),
    ("(sorted? [3 4] >)", "#f"),
    ("(not #f)", "#t"),
    ("(not 0)", "#f"),
    ("(not [])", "#f"),
    ('(not "")', "#f"),
    ("(implies #t #f)", "#f"),
    ("(implies #t 1)", "#t"),
    ("(implies nil #f)", "#t"),
]


@pytest.mark.parametrize(("source", "expected"), FUNCTIONS + PREDICATES)
def test_value(source: str, expected: str) -> None:
    check(source, expected)


ERRORS = [
    ("(compose abs 1)", "type", "compose: expected a function, got 1 (int)"),
    ("(partial 1)", "type", "partial: expected a function, got 1 (int)"),
    ("(apply 1 [])", "type", "apply: expected a function, got 1 (int)"),
    ("(apply + 1)", "type", "apply: expected a list, got 1 (int)"),
    ("(apply +)", "arity", "apply: expected at least 2 arguments, got 1"),
    ("(memoize 1)", "type", "memoize: expected a function, got 1 (int)"),
    ('(sorted? [1 "a"])', "type", None),
    ("(sorted? 1)", "type", "sorted?: expected a list, got 1 (int)"),
    ("(sorted? [1 2] 1)", "type", None),
]


@pytest.mark.parametrize(("source", "kind", "message"), ERRORS)
def test_error(source: str, kind: str, message: str | None) -> None:
    check_error(source, kind, message)


def test_memoize_caches_by_structural_arguments() -> None:
    calls = []

    def slow(x: object) -> object:
        calls.append(x)
        return (x,)

    fast = lookup("memoize").fn(slow)
    assert fast(1) == (1,) and fast(1.0) == (1,) and fast((1, 2)) == ((1, 2),)
    assert fast((1, 2)) == ((1, 2),) and fast(True) == (True,)
    assert calls == [1, (1, 2), True]
    assert show(fast) == "#<function slow>"


def test_memoize_recursive_fibonacci() -> None:
    env: dict[str, object] = {}
    env["fib"] = evaluate("(memoize (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))", env)
    assert evaluate("(fib 80)", env) == 23416728348467685


def test_constructors_are_functions() -> None:
    some = Constructor("Some", 1, "Option")
    assert evaluate("(function? Some)", {"Some": some}) is True
    assert show(evaluate("(map Some [1])", {"Some": some})) == "[(Some 1)]"


def test_contract_switches_flip_the_current_settings() -> None:
    with use_settings(Settings()):
        assert evaluate("(disable-contract-checking!)") is None
        assert get_settings().contracts_enabled is False
        assert evaluate("(enable-contract-checking!)") is None
        assert get_settings().contracts_enabled is True
