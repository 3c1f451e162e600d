"""`dict-get` and `dict-set` count their own arguments and take a fast path for maps.

They skip the registry's checking wrapper (runtime/stdlib/maps.py) and `Map.get`/`assoc`
skip `key_of` for plain keys (runtime/containers.py): the arity errors, the keys that
ClaudeLang equality merges or keeps apart, and the lazily computed hash and order must
be what they were.
"""

from __future__ import annotations

import pytest

from .helpers import check, check_error


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("(dict-get)", "dict-get: expected 2 to 3 arguments, got 0"),
        ("(dict-get {:a 1})", "dict-get: expected 2 to 3 arguments, got 1"),
        ("(dict-get {:a 1} :a 2 3)", "dict-get: expected 2 to 3 arguments, got 4"),
        ("(dict-set {} :a)", "dict-set: expected 3 arguments, got 2"),
        ("(dict-set {} :a 1 2 3)", "dict-set: expected 3 arguments, got 5"),
    ],
)
def test_argument_counts_are_checked(source: str, message: str) -> None:
    check_error(source, "arity", message)


def test_a_non_map_is_a_type_error() -> None:
    check_error("(dict-get [1] 0)", "type", "dict-get: expected a map, got [1] (list)")
    check_error("(dict-set nil :a 1)", "type", "dict-set: expected a map, got nil (nil)")


def test_keys_follow_claudelang_equality() -> None:
    check("(dict-get (dict-set {1 :int} 1.0 :float) 1)", ":float")
    check("(dict-set (dict-set {1 :one} #t :true) [1] :list)", "{1 :one #t :true [1] :list}")
    check("(dict-get {[1 2] :pair} [1 2])", ":pair")
    check("(dict-get {#f :no} 0 :absent)", ":absent")


def test_overwriting_keeps_the_place_and_the_default_applies_only_when_absent() -> None:
    check("(dict-set (dict-set (dict-set {} :a 1) :b 2) :a 3)", "{:a 3 :b 2}")
    check("(dict-get {:a nil} :a 5)", "nil")


def test_updated_maps_and_sets_hash_by_content() -> None:
    check("(set-add (set-add (set-new) (dict-set {} :a 1)) (dict-set {} :a 1))", "#{{:a 1}}")
    check("(= (set-add (set-new 1) 2) (set-add (set-new 2) 1))", "#t")
