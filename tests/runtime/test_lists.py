"""List builtins (lists.py and listfns.py), written as ClaudeLang expressions."""

from __future__ import annotations

import pytest
from claudelang.runtime import Constructor, lookup
from claudelang.runtime.plist import of

from .helpers import check, check_error

VALUES = [
    ("(list)", "[]"),
    ("(list 1 [2] nil)", "[1 [2] nil]"),
    ('(tuple 1 "x" [2])', '(tuple 1 "x" [2])'),
    ("(tuple)", "(tuple)"),
    ("(cons 1 [])", "[1]"),
    ("(cons 1 nil)", "[1]"),
    ("(cons [0] [1])", "[[0] 1]"),
    ("(head [1 2])", "1"),
    ("(car [[1] 2])", "[1]"),
    ("(tail [1])", "[]"),
    ("(cdr [1 2 3])", "[2 3]"),
    ("(first [])", "nil"),
    ("(first nil)", "nil"),
    ("(second [1])", "nil"),
    ("(second [1 2 3])", "2"),
    ("(last [])", "nil"),
    ("(last [1 2])", "2"),
    ("(rest [])", "[]"),
    ("(rest [1 2])", "[2]"),
    ("(nth [1 2 3] 0)", "1"),
    ('(nth "abc" 2)', '"c"'),
    ('(nth (tuple 1 "x") 1)', '"x"'),
    ("(length [])", "0"),
    ('(length "")', "0"),
    ("(length {:a 1})", "1"),
    ("(length (set-new 1 2 2))", "2"),
    ("(length (tuple 1 2 3))", "3"),
    ('(empty? "")', "#t"),
    ("(empty? {})", "#t"),
    ("(empty? nil)", "#t"),
    ("(empty? [nil])", "#f"),
    ("(null? nil)", "#t"),
    ("(null? [1])", "#f"),
    ("(null? 0)", "#f"),
    ("(append)", "[]"),
    ("(append [1] [] [[2]])", "[1 [2]]"),
    ('(reverse "abc")', '"cba"'),
    ("(reverse [])", "[]"),
    ("(range 0)", "[]"),
    ("(range -2)", "[]"),
    ("(range 3)", "[0 1 2]"),
    ("(range 2 5)", "[2 3 4]"),
    ("(range 5 0 -2)", "[5 3 1]"),
    ("(take 0 [1 2])", "[]"),
    ("(take 5 [1 2])", "[1 2]"),
    ('(take 2 "hello")', '"he"'),
    ("(drop 5 [1 2])", "[]"),
    ('(drop 3 "hello")', '"lo"'),
    ("(zip [1 2 3] [4 5])", "[[1 4] [2 5]]"),
    ("(list-zip [1] [2] [3])", "[[1 2 3]]"),
    ("(zip [1 2])", "[[1] [2]]"),
    ("(flatten [])", "[]"),
    ("(flatten [[[]] [1 [2 [3 [4]]]] 5])", "[1 2 3 4 5]"),
    ("(flatten [(tuple 1 2)])", "[(tuple 1 2)]"),
    ("(chunk 2 [])", "[]"),
    ("(chunk 3 [1 2 3 4 5 6])", "[[1 2 3] [4 5 6]]"),
    ("(sliding-window 3 [1 2])", "[]"),
    ("(sliding-window 1 [1 2])", "[[1] [2]]"),
    ("(member? 1.0 [1 2])", "#t"),
    ("(member? #t [1 2])", "#f"),
    ("(member? [1] [[1] 2])", "#t"),
    ("(member? [1 2 3] 2)", "#t"),
    ("(member? 2 (set-new 1 2))", "#t"),
    ("(member? :a {:a 1})", "#t"),
    ('(member? "ell" "hello")', "#t"),
    ('(member? 1 "hello")', "#f"),
    ("(index-of [1 2 3] 4)", "nil"),
    ("(index-of [1 2 1] 1)", "0"),
    ("(index-of 2 [1 2 3])", "1"),
    ('(index-of "hello" "l")', "2"),
    ('(index-of "hello" "z")', "nil"),
    ("(list-unique [])", "[]"),
    ("(list-unique [1 1.0 #t [1] [1]])", "[1 #t [1]]"),
]

HIGHER_ORDER = [
    ("(map (lambda (x) (* x 2)) [])", "[]"),
    ("(map (lambda (x) (* x 2)) [1 2])", "[2 4]"),
    ("(map list [1 2 3] [:a :b])", "[[1 :a] [2 :b]]"),
    ("(filter (lambda (x) x) [1 nil #f 0 []])", "[1 0 []]"),
    ("(fold (lambda (acc x) (cons x acc)) [] [1 2 3])", "[3 2 1]"),
    ("(fold + 0 [])", "0"),
    ("(foldr (lambda (x acc) (cons x acc)) [] [1 2 3])", "[1 2 3]"),
    ("(foldr - 0 [1 2 3])", "2"),
    ("(reduce + [5])", "5"),
    ("(reduce + 10 [1 2])", "13"),
    ("(reduce + 10 [])", "10"),
    ("(map-indexed (lambda (i x) (* i x)) [5 5 5])", "[0 5 10]"),
    ("(for-each (lambda (x) x) [])", "nil"),
    ("(sort [])", "[]"),
    ("(sort [3 1.5 2])", "[1.5 2 3]"),
    ('(sort ["b" "a" "C"])', '["C" "a" "b"]'),
    ("(sort [[2 1] [1 2] [1]])", "[[1] [1 2] [2 1]]"),
    ("(sort [:b :a])", "[:a :b]"),
    ("(sort [#t #f])", "[#f #t]"),
    ("(sort [3 1 2] >)", "[3 2 1]"),
    ("(sort > [3 1 2])", "[3 2 1]"),
    ("(list-sort [2 1])", "[1 2]"),
    ("(sort-by (lambda (p) (second p)) [[:a 2] [:b 1] [:c 2]])", "[[:b 1] [:a 2] [:c 2]]"),
    ("(sort-by (lambda (x) [(mod x 2) x]) [4 3 2 1])", "[2 4 1 3]"),
    ("(sort-by - [1 3 2])", "[3 2 1]"),
    ("(any? even? [])", "#f"),
    ("(all? even? [])", "#t"),
    ("(any? (lambda (x) nil) [1])", "#f"),
    ("(all? (lambda (x) 0) [1 2])", "#t"),
    ("(find even? [1 3])", "nil"),
    ("(list-find (lambda (x) (> x 1)) [1 2 3])", "2"),
    ("(list-partition even? [])", "[[] []]"),
    ('(group-by string-length ["a" "bb" "c" "dd" "eee"])', '{1 ["a" "c"] 2 ["bb" "dd"] 3 ["eee"]}'),
    ("(group-by (lambda (x) x) [1 1.0 #t])", "{1 [1 1.0] #t [#t]}"),
    ("(sum [])", "0"),
    ("(sum [0.1 0.2])", "0.30000000000000004"),
    ("(product [])", "1"),
    ("(product [2 2.5])", "5.0"),
]


@pytest.mark.parametrize(("source", "expected"), VALUES + HIGHER_ORDER)
def test_value(source: str, expected: str) -> None:
    check(source, expected)


ERRORS = [
    ("(head [])", "index", "head: empty list"),
    ("(car [])", "index", "car: empty list"),
    ("(tail [])", "index", "tail: empty list"),
    ("(head 42)", "type", "head: expected a list, got 42 (int)"),
    ('(first "abc")', "type", 'first: expected a list, got "abc" (string)'),
    ("(cons 1 2)", "type", "cons: expected a list, got 2 (int)"),
    ("(nth [1 2] 2)", "index", "nth: index 2 out of range for length 2"),
    ("(nth [1 2] -1)", "index", "nth: index -1 out of range for length 2"),
    ("(nth [1 2] 1.0)", "type", "nth: expected an int, got 1.0 (float)"),
    ("(nth 5 0)", "type", "nth: expected a list, tuple or string, got 5 (int)"),
    ("(length 5)", "type", "length: expected a list, string, map, set or tuple, got 5 (int)"),
    ("(empty? 0)", "type", None),
    ("(append [1] 2)", "type", "append: expected a list, got 2 (int)"),
    ("(reverse {})", "type", None),
    ("(range 1 5 0)", "value", "range: step must not be 0"),
    ("(range 2.5)", "type", "range: expected an int, got 2.5 (float)"),
    ("(take -1 [1])", "type", "take: expected a non-negative int, got -1 (int)"),
    ("(take 1 5)", "type", "take: expected a list or string, got 5 (int)"),
    ("(drop [1] 1)", "type", None),
    ("(zip [1] 2)", "type", None),
    ("(flatten 5)", "type", None),
    ("(chunk 0 [1])", "value", "chunk: size must be at least 1, got 0"),
    ("(sliding-window 0 [1])", "value", None),
    ("(member? 1 2)", "type", "member?: expected a list, set, map or string, got 2 (int)"),
    ("(index-of 1 2)", "type", "index-of: expected a list or string, got 1 (int)"),
    ('(index-of "abc" 1)', "type", None),
    ("(list-unique 1)", "type", None),
    ("(map 1 [1])", "type", "map: expected a function, got 1 (int)"),
    ("(map abs 1)", "type", "map: expected a list, got 1 (int)"),
    ("(map + [1] 2)", "type", None),
    ("(filter even? {})", "type", None),
    ("(fold + 0 nil)", "type", None),
    ("(foldr 1 0 [])", "type", None),
    ("(reduce + [])", "value", "reduce: empty list and no initial value"),
    ("(reduce 1 [1])", "type", None),
    ("(map-indexed + 1)", "type", None),
    ("(for-each 1 [])", "type", None),
    ('(sort [1 "a"])', "type", 'sort: cannot compare "a" (string) with 1 (int)'),
    ("(sort [{} {}])", "type", None),
    ("(sort [nil 1])", "type", None),
    ("(sort 5)", "type", None),
    ("(sort [1] 5)", "type", None),
    ('(sort-by identity [1 "a"])', "type", None),
    ("(any? even? 1)", "type", None),
    ("(all? 1 [])", "type", None),
    ("(find 1 [])", "type", None),
    ("(list-partition 1 [])", "type", None),
    ("(group-by 1 [])", "type", None),
    ('(sum [1 "2"])', "type", 'sum: expected numbers, got "2" (string)'),
    ("(sum [1 #t])", "type", "sum: expected numbers, got #t (bool)"),
    ("(product 3)", "type", "product: expected a list, got 3 (int)"),
]


@pytest.mark.parametrize(("source", "kind", "message"), ERRORS)
def test_error(source: str, kind: str, message: str | None) -> None:
    check_error(source, kind, message)


def test_higher_order_builtins_accept_constructors_and_builtins() -> None:
    some = Constructor("Some", 1, "Option")
    assert lookup("map").fn(some, of(1, 2)) == (some(1), some(2))
    assert lookup("map").fn(lookup("abs").fn, of(-1, 2)) == (1, 2)


def test_sort_is_stable_with_a_predicate() -> None:
    check(
        "(sort [[1 :a] [0 :b] [1 :c]] (lambda (x y) (< (first x) (first y))))",
        "[[0 :b] [1 :a] [1 :c]]",
    )


def test_big_lists() -> None:
    check("(length (range 100000))", "100000")
    check("(sum (map (lambda (x) (* x x)) (range 1000)))", "332833500")
