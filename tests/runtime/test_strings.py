"""String builtins, `to-string` and `string->number`."""

from __future__ import annotations

import pytest

from .helpers import check, check_error

VALUES = [
    ('(string-length "")', "0"),
    ('(string-length "😀a")', "2"),
    ('(substring "hello" 0 0)', '""'),
    ('(substring "hello" 2)', '"llo"'),
    ('(substring "hello" 0 5)', '"hello"'),
    ('(substring "héllo" 1 2)', '"é"'),
    ('(string-split "a,b" ",")', '["a" "b"]'),
    ('(string-split "" ",")', '[""]'),
    ('(string-split ",a," ",")', '["" "a" ""]'),
    ('(string-split "a--b" "--")', '["a" "b"]'),
    ('(string-split "  a  b ")', '["a" "b"]'),
    ('(string-split "abc" "")', '["a" "b" "c"]'),
    ('(string-join ["a" "b"])', '"ab"'),
    ('(string-join [] ",")', '""'),
    ('(string-join [1 "a" :k] "-")', '"1-a-:k"'),
    ('(string-join ", " ["x" "y"])', '"x, y"'),
    ('(string-trim "\\t x \\n")', '"x"'),
    ('(string-upper "straße")', '"STRASSE"'),
    ('(string-upcase "a")', '"A"'),
    ('(string-lower "ÀB")', '"àb"'),
    ('(string-downcase "A")', '"a"'),
    ('(string-contains? "abc" "")', "#t"),
    ('(string-contains? "abc" "d")', "#f"),
    ('(string-starts-with? "abc" "abc")', "#t"),
    ('(string-starts-with? "abc" "b")', "#f"),
    ('(string-ends-with? "abc" "bc")', "#t"),
    ('(string-ends-with? "abc" "a")', "#f"),
    ('(string-replace "aaa" "a" "bb")', '"bbbbbb"'),
    ('(string-replace "abc" "x" "y")', '"abc"'),
    ('(string->list "")', "[]"),
    ('(string->list "a\\nb")', '["a" "\\n" "b"]'),
    ("(list->string [])", '""'),
    ('(list->string ["ab" "c" 1])', '"abc1"'),
    ('(to-string "raw")', '"raw"'),
    ("(to-string 42)", '"42"'),
    ("(to-string 4.0)", '"4.0"'),
    ("(to-string nil)", '"nil"'),
    ('(to-string ["a" :b])', '"[\\"a\\" :b]"'),
    ('(to-string {"k" "v"})', '"{\\"k\\" \\"v\\"}"'),
    ("(to-string (tuple 1))", '"(tuple 1)"'),
    ('(string->number "42")', "42"),
    ('(string->number " -17 ")', "-17"),
    ('(string->number "+5")', "5"),
    ('(string->number "3.")', "3.0"),
    ('(string->number "1e5")', "100000.0"),
    ('(string->number "2.5E-3")', "0.0025"),
    ('(string->number "abc")', "nil"),
    ('(string->number "")', "nil"),
    ('(string->number "1.2.3")', "nil"),
    ('(string->number "inf")', "nil"),
    ('(string->number "0x10")', "nil"),
    ("(concat)", '""'),
    ('(concat "a" "b" "c")', '"abc"'),
    ('(str "n=" 5 " " nil)', '"n=5 nil"'),
    ("(concat [1] [2 3] [])", "[1 2 3]"),
    ('(str [1] "a")', '"[1]a"'),
    ("(string-concat)", '""'),
    ('(str-concat "a" 1.5)', '"a1.5"'),
    ('(string-append "x" "y")', '"xy"'),
]


@pytest.mark.parametrize(("source", "expected"), VALUES)
def test_value(source: str, expected: str) -> None:
    check(source, expected)


ERRORS = [
    ("(string-length 5)", "type", "string-length: expected a string, got 5 (int)"),
    ('(string-append "a" 1)', "type", "string-append: expected a string, got 1 (int)"),
    ('(string-concat "a" nil)', "type", "string-concat: expected a string, got nil (nil)"),
    ('(concat "a" [1])', "type", "concat: expected a string, got [1] (list)"),
    ("(string-length [])", "type", None),
    ('(substring "abc" 2 1)', "index", "substring: range 2..1 out of bounds for length 3"),
    ('(substring "abc" 0 4)', "index", None),
    ('(substring "abc" -1 2)', "index", None),
    ('(substring "abc" 0.5)', "type", None),
    ("(substring 1 0 1)", "type", None),
    ('(string-split "a" 1)', "type", "string-split: expected a string, got 1 (int)"),
    ('(string-join "ab" "c")', "type", 'string-join: expected a list, got "ab" (string)'),
    ('(string-join ["a"] 1)', "type", None),
    ("(string-trim nil)", "type", "string-trim: expected a string, got nil (nil)"),
    ("(string-upper :a)", "type", None),
    ("(string-upcase 1)", "type", "string-upcase: expected a string, got 1 (int)"),
    ("(string-lower 1)", "type", None),
    ('(string-contains? "a" 1)', "type", None),
    ('(string-starts-with? 1 "a")', "type", None),
    ('(string-ends-with? "a" nil)', "type", None),
    ('(string-replace "a" "a" 1)', "type", None),
    ("(string->list 1)", "type", None),
    ('(list->string "ab")', "type", None),
    ("(string->number 42)", "type", "string->number: expected a string, got 42 (int)"),
]


@pytest.mark.parametrize(("source", "kind", "message"), ERRORS)
def test_error(source: str, kind: str, message: str | None) -> None:
    check_error(source, kind, message)


def test_huge_number_strings() -> None:
    digits = "9" * 5000
    check(f'(string-length (to-string (string->number "{digits}")))', "5000")
