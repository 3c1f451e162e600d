"""String builtins. Strings are Python `str`; lengths and indexes count code points.

`concat`, `string-concat` and `string-append` join any number of strings (LANGUAGE.md §8:
another argument is a type error, as for every string builtin); `concat` also concatenates
lists when every argument is a list. `str` and `str-concat` (earlier releases, §10) join the
printed forms of any values, strings raw (`(str "n=" 5)` is "n=5"; `(str)` is ""). `string-join` accepts its
arguments in either order (list and separator). `string-split` keeps empty fields
(`(string-split "a,,b" ",")` has three); with no separator it splits on runs of
whitespace; with "" it splits into characters.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import partial
from itertools import chain
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_int, expect_list, expect_string
from claudelang.runtime.errors import ClError
from claudelang.runtime.numeric import parse_number
from claudelang.runtime.plist import List, from_iterable
from claudelang.runtime.printer import display

builtin = partial(registry.builtin, family="strings")


@builtin(
    "string-length",
    "s",
    doc="Number of characters (code points).",
    example='(string-length "héllo") ⇒ 5',
)
def _string_length(s: Any) -> int:
    return len(expect_string("string-length", s))


@builtin(
    "substring",
    "s start [end]",
    doc="Characters from start up to, not including, end.",
    example='(substring "hello" 1 3) ⇒ "el"',
)
def _substring(s: Any, start: Any, end: Any = None) -> str:
    expect_string("substring", s)
    expect_int("substring", start)
    stop = len(s) if end is None else expect_int("substring", end)
    if not 0 <= start <= stop <= len(s):
        raise ClError("index", f"substring: range {start}..{stop} out of bounds for length {len(s)}")
    return s[start:stop]


@builtin(
    "string-split",
    "s [sep]",
    doc="Split at each sep (empty fields kept); no sep: whitespace.",
    example='(string-split "a,b,,c" ",") ⇒ ["a" "b" "" "c"]',
)
def _string_split(s: Any, sep: Any = None) -> List:
    expect_string("string-split", s)
    if sep is None:
        return from_iterable(s.split())
    if expect_string("string-split", sep) == "":
        return from_iterable(s)
    return from_iterable(s.split(sep))


@builtin(
    "string-join",
    "lst [sep]",
    doc='The elements joined with sep between them (default "").',
    example='(string-join ["a" "b" "c"] ", ") ⇒ "a, b, c"',
)
def _string_join(lst: Any, sep: Any = "") -> str:
    if isinstance(lst, str) and isinstance(sep, List):
        lst, sep = sep, lst
    expect_list("string-join", lst)
    return expect_string("string-join", sep).join(map(display, lst))


def _unary(name: str, method: str, doc: str, example: str, aliases: tuple[str, ...] = ()) -> None:
    def apply(s: Any) -> str:
        return getattr(expect_string(name, s), method)()

    registry.register(name, "s", apply, doc=doc, example=example, family="strings", aliases=aliases)


_unary(
    "string-trim",
    "strip",
    "Without leading and trailing whitespace.",
    '(string-trim "  hi ") ⇒ "hi"',
)
_unary("string-upper", "upper", "In upper case.", '(string-upper "abc") ⇒ "ABC"', ("string-upcase",))
_unary("string-lower", "lower", "In lower case.", '(string-lower "ABC") ⇒ "abc"', ("string-downcase",))


def _two_strings(name: str, a: Any, b: Any) -> tuple[str, str]:
    return expect_string(name, a), expect_string(name, b)


def _string_test(name: str, params: str, test: Callable[[str, str], bool], *, doc: str, example: str) -> None:
    """Register `(name s other)`: `test` on two strings."""

    def apply(s: Any, other: Any) -> bool:
        return test(*_two_strings(name, s, other))

    registry.register(name, params, apply, doc=doc, example=example, family="strings")


_string_test(
    "string-contains?",
    "s sub",
    operator.contains,
    doc="#t if sub occurs in s.",
    example='(string-contains? "hello" "ell") ⇒ #t',
)
_string_test(
    "string-starts-with?",
    "s prefix",
    str.startswith,
    doc="#t if s begins with prefix.",
    example='(string-starts-with? "hello" "he") ⇒ #t',
)
_string_test(
    "string-ends-with?",
    "s suffix",
    str.endswith,
    doc="#t if s ends with suffix.",
    example='(string-ends-with? "hello" "lo") ⇒ #t',
)


@builtin(
    "string-replace",
    "s old new",
    doc="s with every occurrence of old replaced by new.",
    example='(string-replace "a-b-c" "-" "+") ⇒ "a+b+c"',
)
def _string_replace(s: Any, old: Any, new: Any) -> str:
    s, old = _two_strings("string-replace", s, old)
    return s.replace(old, expect_string("string-replace", new))


@builtin(
    "string->list",
    "s",
    doc="The list of the characters of s (1-character strings).",
    example='(string->list "abc") ⇒ ["a" "b" "c"]',
)
def _string_to_list(s: Any) -> List:
    return from_iterable(expect_string("string->list", s))


@builtin(
    "list->string",
    "lst",
    doc="The elements (characters or strings) joined into one string.",
    example='(list->string ["a" "b" "c"]) ⇒ "abc"',
)
def _list_to_string(lst: Any) -> str:
    return "".join(map(display, expect_list("list->string", lst)))


@builtin(
    "to-string",
    "x",
    doc="The printed form of x; a string is returned as it is.",
    example='(to-string [1 "a"]) ⇒ "[1 \\"a\\"]"',
    aliases=("int->string", "number->string"),
)
def _to_string(x: Any) -> str:
    return display(x)


@builtin(
    "string->number",
    "s",
    doc="The number s spells (ClaudeLang syntax), or nil.",
    example='(string->number "2.5") ⇒ 2.5',
    aliases=("string->int",),
)
def _string_to_number(s: Any) -> int | float | None:
    return parse_number(expect_string("string->number", s))


@builtin(
    "concat",
    "...xs",
    doc="The strings joined, or the lists joined when every argument is a list.",
    example='(concat "ab" "cd") ⇒ "abcd"',
)
def _concat(*xs: Any) -> Any:
    if xs and all(isinstance(x, List) for x in xs):
        return from_iterable(chain.from_iterable(xs))
    return "".join(expect_string("concat", x) for x in xs)


@builtin(
    "string-concat",
    "...xs",
    doc="The strings joined.",
    example='(string-concat "a" "b" "c") ⇒ "abc"',
    aliases=("string-append",),
)
def _string_concat(*xs: Any) -> str:
    return "".join(expect_string("string-concat", x) for x in xs)


@builtin(
    "str",
    "...xs",
    doc="The printed forms joined, strings raw (Clojure's str; earlier releases, LANGUAGE.md §10).",
    example='(str "n=" 5 " " [1 "a"]) ⇒ "n=5 [1 \\"a\\"]"',
    aliases=("str-concat",),
)
def _str(*xs: Any) -> str:
    return "".join(map(display, xs))
