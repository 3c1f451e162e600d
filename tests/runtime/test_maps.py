"""Map (`dict-*`) and set (`set-*`) builtins."""

from __future__ import annotations

import pytest

from .helpers import check, check_error

VALUES = [
    ("(dict-new)", "{}"),
    ("(dict-new :a 1 :a 2)", "{:a 2}"),
    ("(dict-get {:a 1} :b)", "nil"),
    ("(dict-get {:a 1} :b 0)", "0"),
    ("(dict-get {1 :int} 1.0)", ":int"),
    ("(dict-get {1 :int} #t)", "nil"),
    ("(dict-get {[1 2] :list} [1 2])", ":list"),
    ("(dict-get {(tuple 1) :tup} (tuple 1))", ":tup"),
    ("(dict-get {{:a 1} :map} {:a 1})", ":map"),
    ("(dict-get {nil :nil} nil)", ":nil"),
    ("(dict-get-or {:a nil} :a 5)", "nil"),
    ("(dict-set {} :a 1)", "{:a 1}"),
    ("(dict-set {:a 1 :b 2} :a 3)", "{:a 3 :b 2}"),
    ("(let ((m {:a 1})) (dict-set m :b 2) m)", "{:a 1}"),
    ("(dict-remove {:a 1} :z)", "{:a 1}"),
    ("(dict-remove {:a 1} :a)", "{}"),
    ("(dict-has? {:a nil} :a)", "#t"),
    ("(dict-has? {} :a)", "#f"),
    ("(dict-keys {})", "[]"),
    ('(dict-keys {"b" 1 "a" 2})', '["b" "a"]'),
    ("(dict-values {:x [1]})", "[[1]]"),
    ("(dict-items {})", "[]"),
    ("(dict-size {})", "0"),
    ("(dict-merge)", "{}"),
    ("(dict-merge {:a 1})", "{:a 1}"),
    ("(dict-merge {:a 1 :b 1} {:b 2} {:c 3 :a 4})", "{:a 4 :b 2 :c 3}"),
    ("(set-new)", "#{}"),
    ("(set-new 1 1.0 #t)", "#{1 #t}"),
    ("(set-from-list [])", "#{}"),
    ("(set-from-list [[1] [1]])", "#{[1]}"),
    ("(set-add (set-new 1) 1)", "#{1}"),
    ("(set-has? (set-new [1 2]) [1 2])", "#t"),
    ("(set-has? (set-new 1) #t)", "#f"),
    ("(set-union (set-new 1))", "#{1}"),
    ("(set-union (set-new 1) (set-new 2) (set-new 3 1))", "#{1 2 3}"),
    ("(set-intersection (set-new 1 2 3) (set-new 3 2) (set-new 2))", "#{2}"),
    ("(set-difference (set-new 1 2 3) (set-new 1) (set-new 3))", "#{2}"),
    ("(set-to-list (set-new))", "[]"),
    ("(= (set-new 1 2) (set-new 2 1))", "#t"),
    ("(= {:a 1} {:a 1.0})", "#t"),
]


@pytest.mark.parametrize(("source", "expected"), VALUES)
def test_value(source: str, expected: str) -> None:
    check(source, expected)


ERRORS = [
    ("(dict-new :a)", "value", "dict-new: expected keys and values in pairs, got 1 values"),
    ("(dict-get [1] 0)", "type", "dict-get: expected a map, got [1] (list)"),
    ("(dict-get nil :a)", "type", "dict-get: expected a map, got nil (nil)"),
    ("(dict-get-or 1 :a 0)", "type", None),
    ("(dict-set [] :a 1)", "type", None),
    ("(dict-remove 1 :a)", "type", None),
    ("(dict-has? 1 :a)", "type", None),
    ("(dict-keys 1)", "type", None),
    ("(dict-values 1)", "type", None),
    ("(dict-items 1)", "type", None),
    ("(dict-size [])", "type", "dict-size: expected a map, got [] (list)"),
    ("(dict-merge {} 1)", "type", None),
    ("(set-from-list 1)", "type", None),
    ("(set-add [1] 2)", "type", "set-add: expected a set, got [1] (list)"),
    ("(set-has? {} 1)", "type", "set-has?: expected a set, got {} (map)"),
    ("(set-union (set-new) [])", "type", None),
    ("(set-intersection [] (set-new))", "type", None),
    ("(set-difference (set-new) 1)", "type", None),
    ("(set-to-list [])", "type", None),
]


@pytest.mark.parametrize(("source", "kind", "message"), ERRORS)
def test_error(source: str, kind: str, message: str | None) -> None:
    check_error(source, kind, message)


def test_many_updates() -> None:
    check("(dict-size (fold (lambda (m i) (dict-set m i (* i i))) {} (range 2000)))", "2000")
