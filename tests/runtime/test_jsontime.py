"""JSON conversion and datetime builtins."""

from __future__ import annotations

from datetime import datetime

import pytest
from claudelang.runtime import Map, lookup

from .helpers import check, check_error

VALUES = [
    ('(json-parse "null")', "nil"),
    ('(json-parse "true")', "#t"),
    ('(json-parse "[1, 2.5, \\"x\\", false]")', '[1 2.5 "x" #f]'),
    ('(json-parse "{\\"b\\": {\\"c\\": []}, \\"a\\": 1}")', '{"b" {"c" []} "a" 1}'),
    ('(json-parse "  \\"\\\\u00e9\\"  ")', '"é"'),
    ("(json-stringify nil)", '"null"'),
    ("(json-stringify [1 2.5 #f])", '"[1,2.5,false]"'),
    ('(json-stringify {:a 1 "b" [] 3 nil})', '"{\\"a\\":1,\\"b\\":[],\\"3\\":null}"'),
    ('(json-stringify "é")', '"\\"é\\""'),
    ("(json-stringify (set-new 1 2))", '"[1,2]"'),
    ("(json-stringify (tuple 1 :k 'sym))", '"[1,\\"k\\",\\"sym\\"]"'),
    ("(json-stringify {:a [1]} 2)", '"{\\n  \\"a\\": [\\n    1\\n  ]\\n}"'),
    ('(json-parse (json-stringify {"k" [1 {"n" nil}]}))', '{"k" [1 {"n" nil}]}'),
    ('(datetime:iso-format "2024-05-01T08:09:10")', '"2024-05-01T08:09:10"'),
    ('(datetime:year "1999-12-31")', "1999"),
    ('(datetime:month "1999-12-31")', "12"),
    ('(datetime:day "1999-12-31")', "31"),
    ('(datetime:add-days "2024-03-01" -1)', "#<datetime 2024-02-29T00:00:00>"),
    ('(datetime:add-days "2024-03-01" 0.5)', "#<datetime 2024-03-01T12:00:00>"),
    ('(datetime:day (datetime:add-days "2023-12-31" 1))', "1"),
]


@pytest.mark.parametrize(("source", "expected"), VALUES)
def test_value(source: str, expected: str) -> None:
    check(source, expected)


ERRORS = [
    ('(json-parse "{")', "value", None),
    ('(json-parse "[1,]")', "value", None),
    ("(json-parse 1)", "type", "json-parse: expected a string, got 1 (int)"),
    ("(json-stringify abs)", "type", None),
    ("(json-stringify {[1] 2})", "type", None),
    ("(json-stringify (sqrt -1))", "value", None),
    ("(json-stringify (* 1e308 10))", "value", "json-stringify: inf has no JSON form"),
    ("(json-stringify 1 :a)", "type", None),
    ('(datetime:year "yesterday")', "value", None),
    ("(datetime:year 2024)", "type", None),
    ('(datetime:add-days "2024-01-01" "1")', "type", None),
    ('(datetime:add-days "9999-12-31" 1)', "value", "datetime:add-days: date out of range"),
]


@pytest.mark.parametrize(("source", "kind", "message"), ERRORS)
def test_error(source: str, kind: str, message: str | None) -> None:
    check_error(source, kind, message)


def test_json_objects_become_maps_with_document_order() -> None:
    value = lookup("json-parse").fn('{"z": 1, "a": {"n": [true]}}')
    assert isinstance(value, Map) and list(value) == ["z", "a"]
    assert value.get("a").get("n") == (True,)


def test_datetimes_are_python_datetimes() -> None:
    now = lookup("datetime:now").fn()
    assert isinstance(now, datetime) and now.year >= 2024
    later = lookup("datetime:add-days").fn(now, 1)
    assert (later - now).days == 1
    assert lookup("datetime:iso-format").fn(datetime(2024, 1, 2)) == "2024-01-02T00:00:00"
