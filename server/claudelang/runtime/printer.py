"""The printed form of values (LANGUAGE.md §2) and their type names for messages.

`show` is the printed form used inside containers, by the REPL and for inline results:
strings are quoted with escapes. `display` is what `io:print` and `to-string` write at the
top level: a string is written raw, anything else as `show`. `type_name` and `describe`
feed error messages ("got 42 (int)").

Functions print as `#<function name>`: a builtin's registry name (`__cl_name__`), else
the callable's `__name__`; a Python `<lambda>` or a missing name prints as `lambda`.
A state cell that (indirectly) contains itself prints as `#<state ...>` the second time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from claudelang.runtime.containers import Map, Set
from claudelang.runtime.errors import ClError
from claudelang.runtime.numeric import int_to_str
from claudelang.runtime.plist import List
from claudelang.runtime.values import AdtValue, Constructor, Keyword, StateCell, Symbol, Tuple

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\t"): "\\t"}
_ESCAPES |= {ord("\r"): "\\r", ord("\0"): "\\0"}
for _code in [*range(0x20), 0x7F]:
    _ESCAPES.setdefault(_code, f"\\u{{{_code:X}}}")
_NEEDS_ESCAPE = frozenset(chr(code) for code in _ESCAPES)

_cells_in_progress = threading.local()


def quote_string(text: str) -> str:
    """A string literal that reads back as `text`: `"a\\n\\"b\\""`."""
    if _NEEDS_ESCAPE.isdisjoint(text):
        return '"' + text + '"'
    return '"' + text.translate(_ESCAPES) + '"'


def function_name(fn: object) -> str:
    """The ClaudeLang name of a callable, `lambda` when it has none."""
    name = getattr(fn, "__cl_name__", None) or getattr(fn, "__name__", None)
    if not isinstance(name, str) or not name or name.startswith("<"):
        return "lambda"
    return name


def show(value: Any) -> str:
    """The printed form: `42`, `"a"`, `[1 2]`, `{:a 1}`, `(Some 42)`, `#<function f>`."""
    kind = type(value)
    if kind is str:
        return quote_string(value)
    if kind is int:
        return int_to_str(value)
    if kind is bool:
        return "#t" if value else "#f"
    if value is None:
        return "nil"
    if kind is float:
        return repr(value)
    if kind is List:
        return "[" + " ".join(map(show, value)) + "]"
    shower = _SHOWERS.get(kind)
    if shower is not None:
        return shower(value)
    return _show_other(value)


def display(value: Any) -> str:
    """The top-level printed form: a string raw, anything else as `show`."""
    return value if type(value) is str else show(value)


def _show_map(value: Map) -> str:
    return "{" + " ".join(f"{show(k)} {show(v)}" for k, v in value.items()) + "}"


def _show_adt(value: AdtValue) -> str:
    if not value.fields:
        return value.ctor.name
    return "(" + " ".join([value.ctor.name, *map(show, value.fields)]) + ")"


def _show_cell(cell: StateCell) -> str:
    active: set[int] | None = getattr(_cells_in_progress, "ids", None)
    if active is None:
        active = _cells_in_progress.ids = set()
    if id(cell) in active:
        return "#<state ...>"
    active.add(id(cell))
    try:
        return f"#<state {show(cell.value)}>"
    finally:
        active.discard(id(cell))


def _show_other(value: object) -> str:
    if isinstance(value, ClError):
        return f"#<error {value.message}>"
    if isinstance(value, datetime):
        return f"#<datetime {value.isoformat()}>"
    if callable(value):
        return f"#<function {function_name(value)}>"
    return f"#<python {type(value).__name__}>"


_SHOWERS: dict[type, Callable[..., str]] = {
    Keyword: lambda kw: ":" + kw.name,
    Symbol: lambda sym: sym.name,
    Map: _show_map,
    Set: lambda s: "#{" + " ".join(map(show, s)) + "}",
    Tuple: lambda t: "(" + " ".join(["tuple", *map(show, t.items)]) + ")",
    AdtValue: _show_adt,
    StateCell: _show_cell,
    Constructor: lambda c: f"#<function {c.name}>",
}

_TYPE_NAMES: dict[type, str] = {
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "nil",
    str: "string",
    List: "list",
    Keyword: "keyword",
    Symbol: "symbol",
    Map: "map",
    Set: "set",
    Tuple: "tuple",
    StateCell: "state",
    Constructor: "function",
}


def type_name(value: object) -> str:
    """The ClaudeLang type name for messages: `int`, `list`, `map`, `Option` (an ADT)…"""
    name = _TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    if isinstance(value, AdtValue):
        return value.ctor.type_name
    if isinstance(value, ClError):
        return "error"
    if isinstance(value, datetime):
        return "datetime"
    if callable(value):
        return "function"
    return f"python {type(value).__name__}"


def describe(value: object, limit: int = 60) -> str:
    """`42 (int)`, `"a" (string)`: a value and its type for messages, shortened if long."""
    text = show(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{text} ({type_name(value)})"
