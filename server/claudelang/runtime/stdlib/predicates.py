"""Type predicates and boolean helpers: `number? int? … error? sorted? not implies`.

Type predicates never raise. `#t` is not a number (`(number? #t)` is #f, although Python's
bool is an int). `list?` is true for lists only, not tuples; `function?` for anything
callable (closures, builtins, constructors). `not` and `implies` use ClaudeLang truth.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_function, expect_list
from claudelang.runtime.containers import Map, Set
from claudelang.runtime.errors import ClError
from claudelang.runtime.ordering import compare
from claudelang.runtime.plist import List
from claudelang.runtime.values import Keyword, Symbol, Tuple, truthy

builtin = partial(registry.builtin, family="predicates")


def _type_predicate(
    name: str, test: Callable[[Any], bool], what: str, example: str, aliases: tuple[str, ...] = ()
) -> None:
    registry.register(
        name,
        "x",
        test,
        doc=f"#t if x is {what}.",
        example=example,
        family="predicates",
        aliases=aliases,
    )


_type_predicate(
    "number?",
    lambda x: type(x) is int or type(x) is float,
    "an int or a float",
    "(number? 1.5) ⇒ #t",
)
_type_predicate("int?", lambda x: type(x) is int, "an int (not a bool)", "(int? 2.0) ⇒ #f")
_type_predicate("float?", lambda x: type(x) is float, "a float", "(float? 2.0) ⇒ #t")
_type_predicate("string?", lambda x: type(x) is str, "a string", '(string? "a") ⇒ #t')
_type_predicate("bool?", lambda x: type(x) is bool, "#t or #f", "(bool? #f) ⇒ #t", aliases=("boolean?",))
_type_predicate("list?", lambda x: type(x) is List, "a list", "(list? [1]) ⇒ #t")
_type_predicate("map?", lambda x: type(x) is Map, "a map", "(map? {}) ⇒ #t")
_type_predicate("set?", lambda x: type(x) is Set, "a set", "(set? (set-new)) ⇒ #t")
_type_predicate("tuple?", lambda x: type(x) is Tuple, "a tuple", "(tuple? (tuple 1)) ⇒ #t")
_type_predicate("function?", callable, "a function (closure, builtin or constructor)", "(function? +) ⇒ #t")
_type_predicate("nil?", lambda x: x is None, "nil", "(nil? nil) ⇒ #t")
_type_predicate("keyword?", lambda x: type(x) is Keyword, "a keyword", "(keyword? :a) ⇒ #t")
_type_predicate("symbol?", lambda x: type(x) is Symbol, "a symbol (from quote)", "(symbol? 'a) ⇒ #t")
_type_predicate(
    "error?",
    lambda x: isinstance(x, ClError),
    "an error value (from catch)",
    '(error? "oops") ⇒ #f',
)


@builtin(
    "sorted?",
    "lst [less?]",
    doc="#t if the list is in non-decreasing natural order (or by a less-than predicate).",
    example="(sorted? [1 2 2 5]) ⇒ #t",
)
def _is_sorted(lst: Any, less: Any = None) -> bool:
    items = expect_list("sorted?", lst)
    if less is None:
        return all(compare(a, b, "sorted?") <= 0 for a, b in pairwise(items))
    expect_function("sorted?", less)
    return not any(truthy(less(b, a)) for a, b in pairwise(items))


@builtin("not", "x", doc="#t if x is #f or nil, else #f.", example="(not nil) ⇒ #t")
def _not(x: Any) -> bool:
    return x is False or x is None


@builtin(
    "implies",
    "a b",
    doc="Logical implication: #f only when a is true and b is false.",
    example="(implies #f #f) ⇒ #t",
)
def _implies(a: Any, b: Any) -> bool:
    return not truthy(a) or truthy(b)
