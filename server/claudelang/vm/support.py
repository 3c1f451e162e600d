"""The runtime helpers that generated code calls, installed in every namespace.

The compiler refers to these by the `;`-prefixed names of `claudelang.compiler.names`;
`HELPERS` maps those names to the functions below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from claudelang.compiler import names as n
from claudelang.runtime.containers import Map
from claudelang.runtime.effects import handlers
from claudelang.runtime.equality import values_equal
from claudelang.runtime.errors import ClError, from_python_exception
from claudelang.runtime.printer import describe, show
from claudelang.runtime.settings import get_settings
from claudelang.runtime.stdlib.operators import div
from claudelang.runtime.values import AdtValue, Constructor, Tuple, match_constructor

_TAKES = re.compile(r"^(?P<name>\S+?)\(\) takes (?P<want>\d+) positional arguments? but (?P<got>\d+) (?:was|were) given")
_MISSING = re.compile(r"^(?P<name>\S+?)\(\) missing \d+ required positional arguments?: (?P<names>.*)$")


def display_name(py_name: str) -> str:
    """A function's ClaudeLang name from its Python name (`f;1` → `f`)."""
    if py_name == "<toplevel>":
        return "top level"
    return py_name.split(";", 1)[0] or py_name


def to_error(exc: BaseException) -> ClError:
    """The ClaudeLang error value for any exception raised by ClaudeLang code."""
    if isinstance(exc, ClError):
        return exc
    text = str(exc)
    if isinstance(exc, UnboundLocalError):
        match = re.search(r"'([^']+)'", text)
        name = display_name(match.group(1)) if match else "?"
        return ClError("unbound-name", f"'{name}' is used before it is defined")
    if isinstance(exc, NameError):
        name = display_name(getattr(exc, "name", None) or text)
        return ClError("unbound-name", f"unbound name '{name}'")
    if isinstance(exc, TypeError):
        match = _TAKES.match(text)
        if match:
            name = display_name(match.group("name"))
            want, got = int(match.group("want")), int(match.group("got"))
            return ClError("arity", f"{name}: expected {plural(want)}, got {got}")
        match = _MISSING.match(text)
        if match:
            name = display_name(match.group("name"))
            return ClError("arity", f"{name}: missing argument {match.group('names').replace(' and ', ', ')}")
        if "not callable" in text:
            kind = re.search(r"'(\w+)' object", text)
            shown = kind.group(1) if kind else "value"
            return ClError("type", f"cannot call a {python_type_name(shown)}: it is not a function")
        if "unsupported operand" in text or "not supported between" in text or "can only concatenate" in text:
            return ClError("type", f"wrong argument types: {text}")
    return from_python_exception(exc)


def plural(count: int) -> str:
    return f"{count} argument" if count == 1 else f"{count} arguments"


def python_type_name(name: str) -> str:
    return {"int": "integer", "str": "string", "tuple": "list", "NoneType": "nil", "bool": "boolean"}.get(name, name)


def match_fail(value: object) -> None:
    raise ClError("match", f"no match clause matched {describe(value)}")


def make_map(*items: object) -> Map:
    return Map(zip(items[::2], items[1::2], strict=True))


def constructor(name: str, arity: int, type_name: str, fields: Sequence[str]) -> object:
    """The value a `data` declaration binds: the constructor, or a nullary one's value."""
    ctor = Constructor(name, arity, type_name, fields)
    return ctor.value if arity == 0 else ctor


def with_contract(
    fn: Callable[..., Any],
    name: str,
    requires: list[tuple[Callable[..., Any], str]],
    ensures: list[tuple[Callable[..., Any], str]],
) -> Callable[..., Any]:
    """`fn` wrapped so that each call checks the contract while checking is enabled."""
    impl = getattr(fn, "__cl_impl__", fn)

    def checked(*args: Any) -> Any:
        if not get_settings().contracts_enabled:
            return impl(*args)
        for check, source in requires:
            if not truthy(check(*args)):
                shown = " ".join(show(arg) for arg in args)
                raise ClError("contract", f"contract violation: {name}: precondition {source} failed (arguments: {shown})")
        result = impl(*args)
        for check, source in ensures:
            if not truthy(check(result, *args)):
                raise ClError(
                    "contract", f"contract violation: {name}: postcondition {source} failed (result: {show(result)})"
                )
        return result

    checked.__name__ = checked.__qualname__ = name
    checked.__cl_impl__ = impl  # type: ignore[attr-defined]
    checked.__wrapped__ = impl  # type: ignore[attr-defined]
    return checked


def truthy(value: object) -> bool:
    return value is not False and value is not None


TYPE_CHECKS: dict[str, Callable[[object], bool]] = {
    "Int": lambda v: type(v) is int,
    "Float": lambda v: type(v) is float,
    "Number": lambda v: type(v) in (int, float),
    "String": lambda v: type(v) is str,
    "Str": lambda v: type(v) is str,
    "Bool": lambda v: type(v) is bool,
    "Boolean": lambda v: type(v) is bool,
    "List": lambda v: type(v) is tuple,
    "Map": lambda v: isinstance(v, Map),
    "Nil": lambda v: v is None,
    "Tuple": lambda v: isinstance(v, Tuple),
    "Function": callable,
    "Fn": callable,
    "Any": lambda v: True,
}


def ascribe(value: object, type_source: str) -> object:
    """`(: expr Type)`: check the value's outer type while contracts are on."""
    if not get_settings().contracts_enabled:
        return value
    head = type_source.strip("()[] ").split()[0] if type_source.strip("()[] ") else "Any"
    check = TYPE_CHECKS.get(head)
    if check is not None:
        ok = check(value)
    elif head[:1].islower():
        ok = True  # a type variable
    else:
        ok = isinstance(value, AdtValue) and value.type_name == head
    if not ok:
        raise ClError("type", f"type ascription failed: expected {type_source}, got {describe(value)}")
    return value


def set_global(namespace: dict[str, object], name: str, value: object) -> None:
    key = n.mangle(name)
    if key not in namespace:
        raise ClError("unbound-name", f"set!: '{name}' is not defined")
    namespace[key] = value


def export(namespace: dict[str, Any], module: str, names: tuple[str, ...], value: object) -> None:
    """Record a module's exports (from its definitions, or from a final tuple)."""
    if isinstance(value, Tuple) and len(value) == len(names) and len(names) > 0:
        exports = dict(zip(names, value, strict=True))
    else:
        exports = {}
        for name in names:
            key = n.mangle(name)
            if key not in namespace:
                raise ClError("unbound-name", f"module {module}: exported name '{name}' is not defined")
            exports[name] = namespace[key]
    namespace[";exports"] = exports
    namespace[";module"] = module


def import_names(namespace: dict[str, Any], path: str, wanted: tuple[str, ...] | None) -> tuple[object, ...] | None:
    """Load module `path` for `namespace`'s file; return the `wanted` exports in order."""
    session = namespace[";session"]
    exports: dict[str, object] = session.load_module(path, namespace.get(";file"))
    if wanted is None:
        for name, value in exports.items():
            namespace[n.mangle(name)] = value
        return None
    missing = [name for name in wanted if name not in exports]
    if missing:
        listing = ", ".join(sorted(exports)) or "nothing"
        raise ClError("import", f'module "{path}" does not export {", ".join(missing)} (it exports {listing})')
    return tuple(exports[name] for name in wanted)


HELPERS: dict[str, object] = {
    n.EQ: values_equal,
    n.DIV: div,
    n.MATCH_CTOR: match_constructor,
    n.MATCH_FAIL: match_fail,
    n.HANDLERS: handlers,
    n.TO_ERROR: to_error,
    n.MAKE_MAP: make_map,
    n.CONTRACT: with_contract,
    n.CONSTRUCTOR: constructor,
    n.IMPORT: import_names,
    n.EXPORT: export,
    n.ASCRIBE: ascribe,
    n.SET_GLOBAL: set_global,
    "Exception;": Exception,
    "type;": type,
    "tuple;": tuple,
    "len;": len,
}
