"""Python exceptions raised by running ClaudeLang code, turned into ClaudeLang errors.

Generated code uses Python names, calls and operators directly, so some user mistakes
surface as Python exceptions: `NameError` for an unbound global, `TypeError` for a call
with the wrong number of arguments, for calling a number or for `(- "a")`. `to_error`
rewrites each into the `ClError` kind and message the runtime would have raised itself,
naming the ClaudeLang function (`sq`, `lambda`) instead of its Python qualified name and
ClaudeLang types (`string`, `list`) instead of Python's (`str`, `tuple`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claudelang.compiler.codegen import TOPLEVEL_NAME
from claudelang.runtime.errors import ClError, from_python_exception
from claudelang.runtime.unsupported import unsupported_feature
from claudelang.semantics.symbols import early_message, unbound_message

_TAKES = re.compile(
    r"^(?P<name>\S+?)\(\) takes (?P<want>\d+) positional arguments? but (?P<got>\d+) (?:was|were) given"
)
_MISSING = re.compile(r"^(?P<name>\S+?)\(\) missing \d+ required positional arguments?: (?P<names>.*)$")
_NOT_CALLABLE = re.compile(r"^'(?P<type>[^']+)' object is not callable")
_BINARY = re.compile(r"^unsupported operand type\(s\) for (?P<op>\S+?):? '(?P<a>[^']+)' and '(?P<b>[^']+)'")
_COMPARE = re.compile(r"^'(?P<op>\S+)' not supported between instances of '(?P<a>[^']+)' and '(?P<b>[^']+)'")
_CONCAT = re.compile(r'^can only concatenate (?P<a>\w+) \(not "(?P<b>[^"]+)"\) to \w+')
_UNARY = re.compile(r"^bad operand type for unary (?P<op>\S+): '(?P<a>[^']+)'")

PYTHON_TYPE_NAMES = {
    "int": "int",
    "float": "float",
    "str": "string",
    "tuple": "list",
    "List": "list",
    "NoneType": "nil",
    "bool": "bool",
    "Keyword": "keyword",
    "Symbol": "symbol",
    "Map": "map",
    "Set": "set",
    "Tuple": "tuple",
    "AdtValue": "data value",
    "StateCell": "state cell",
    "ClError": "error",
    "datetime": "datetime",
    "function": "function",
    "builtin_function_or_method": "function",
    "Constructor": "function",
}


def display_name(py_name: str) -> str:
    """A function's ClaudeLang name from its Python (qualified) name: `;toplevel.<locals>.f;1` → `f`."""
    if py_name == TOPLEVEL_NAME:
        return "top level"
    name = py_name.rsplit(".<locals>.", 1)[-1]
    return name.split(";", 1)[0] or name


def type_phrase(py_type: str) -> str:
    """`an int`, `a string`: a ClaudeLang type name with its article."""
    name = PYTHON_TYPE_NAMES.get(py_type, py_type)
    return ("an " if name[:1] in "aeiou" else "a ") + name


def plural(count: int) -> str:
    return f"{count} argument" if count == 1 else f"{count} arguments"


def to_error(exc: BaseException) -> ClError:
    """The ClaudeLang error value for any exception raised by ClaudeLang code."""
    if isinstance(exc, ClError):
        return exc
    convert = _CONVERTERS.get(type(exc))
    error = convert(exc) if convert is not None else None
    return error if error is not None else from_python_exception(exc)


def _unbound_local(exc: BaseException) -> ClError:
    match = re.search(r"'([^']+)'", str(exc))
    name = display_name(match.group(1)) if match else "?"
    return ClError("unbound-name", early_message(name))


def _name_error(exc: BaseException) -> ClError:
    name = display_name(getattr(exc, "name", None) or str(exc))
    if str(exc).startswith("cannot access free variable"):  # a letrec* binding read too soon
        return ClError("unbound-name", early_message(name))
    feature = unsupported_feature(name)
    if feature is not None:  # LANGUAGE.md §10: a feature of earlier releases, not of 1.1
        return ClError("unsupported", feature)
    return ClError("unbound-name", unbound_message(name))


def _type_error(exc: BaseException) -> ClError | None:
    text = str(exc)
    for pattern, convert in _TYPE_ERRORS:
        match = pattern.match(text)
        if match:
            return convert(match)
    return None


def _arity(match: re.Match[str]) -> ClError:
    want, got = int(match.group("want")), int(match.group("got"))
    return ClError("arity", f"{display_name(match.group('name'))}: expected {plural(want)}, got {got}")


def _missing(match: re.Match[str]) -> ClError:
    names = match.group("names").replace(" and ", ", ")
    return ClError("arity", f"{display_name(match.group('name'))}: missing argument {names}")


def _not_callable(match: re.Match[str]) -> ClError:
    return ClError("type", f"cannot call {type_phrase(match.group('type'))}: it is not a function")


def _operands(match: re.Match[str], op: str | None = None) -> ClError:
    op = op or match.group("op")
    wanted = "numbers or strings" if op in ("<", "<=", ">", ">=") else "numbers"
    a, b = (PYTHON_TYPE_NAMES.get(t, t) for t in (match.group("a"), match.group("b")))
    return ClError("type", f"{op}: expected {wanted}, got {a} and {b}")


def _unary(match: re.Match[str]) -> ClError:
    return ClError("type", f"{match.group('op')}: expected a number, got {type_phrase(match.group('a'))}")


_TYPE_ERRORS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], ClError]]] = [
    (_TAKES, _arity),
    (_MISSING, _missing),
    (_NOT_CALLABLE, _not_callable),
    (_BINARY, _operands),
    (_COMPARE, _operands),
    (_CONCAT, lambda match: _operands(match, "+")),
    (_UNARY, _unary),
]


def _zero_division(exc: BaseException) -> ClError:
    who = "mod" if "modulo" in str(exc) else "/"
    return ClError("division-by-zero", f"{who}: division by zero")


def _overflow(exc: BaseException) -> ClError:
    return ClError("value", f"number too large: {exc}")


_CONVERTERS: dict[type, Callable[[BaseException], ClError | None]] = {
    UnboundLocalError: _unbound_local,
    NameError: _name_error,
    TypeError: _type_error,
    ZeroDivisionError: _zero_division,
    OverflowError: _overflow,
}
