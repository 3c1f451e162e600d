"""The runtime helpers that generated code calls, installed in every namespace.

The compiler refers to these by the `;`-prefixed names of `claudelang.compiler.names`;
`HELPERS` maps those names to the functions below.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from claudelang.compiler import names as n
from claudelang.runtime.containers import Map
from claudelang.runtime.effects import handlers
from claudelang.runtime.equality import values_equal
from claudelang.runtime.errors import ClError, arity_message
from claudelang.runtime.plist import List, from_iterable, match_list, of
from claudelang.runtime.printer import describe, show
from claudelang.runtime.settings import get_settings
from claudelang.runtime.stdlib.math import mod
from claudelang.runtime.stdlib.operators import div, mul
from claudelang.runtime.values import AdtValue, Constructor, Tuple, match_constructor
from claudelang.semantics.resolve import qualified_names
from claudelang.vm.pyerrors import to_error
from claudelang.vm.stack import RECURSION_LIMIT


def match_fail(value: object) -> None:
    raise ClError("match", f"no match clause matched {describe(value)}")


def capitalised_call(fn: Any, *args: object) -> Any:
    """`(F ...)` for a capitalised name: a nullary constructor's value is itself when called
    with no fields, `(None)` ≡ `None`, and an arity error with some (LANGUAGE.md §3)."""
    if type(fn) is AdtValue and not fn.fields:
        if args:
            raise ClError("arity", f"{fn.name}: expected 0 arguments, got {len(args)}")
        return fn
    return fn(*args)


def same_function(candidate: object, function: object) -> bool:
    """Whether calling `candidate` runs `function` though it is another object: a JIT
    dispatcher installed in its place. `jit.dispatch` makes a dispatcher a builtin whose
    `__self__` is the tuple `(next, deopt_handler, vm_version, ...)`."""
    owner = getattr(candidate, "__self__", None)
    return type(owner) is tuple and len(owner) > 2 and owner[2] is function


def same_loop(candidate: object, function: object) -> bool:
    """`same_function`, or `function` under its contract: a self *tail* call loops through
    the contract, which checks once, on entry (docs/DECISIONS.md, Contracts)."""
    return getattr(candidate, "__cl_impl__", None) is function or same_function(candidate, function)


def too_deep(depth: int) -> NoReturn:
    """A recursion the compiler runs as a loop went as deep as Python recursion may."""
    error = to_error(RecursionError())  # the error real recursion would end in
    error.looped_calls = depth
    raise error


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
    """`fn` wrapped so that each call checks the contract while checking is enabled.

    The argument count is checked first, so that a wrong call is an arity error naming
    the function rather than a failure inside a clause.
    """
    impl = getattr(fn, "__cl_impl__", fn)
    code = impl.__code__
    wanted = code.co_argcount
    variadic = bool(code.co_flags & inspect.CO_VARARGS)

    def checked(*args: Any) -> Any:
        if not get_settings().contracts_enabled:
            return impl(*args)
        if len(args) != wanted and not (variadic and len(args) > wanted):
            raise ClError("arity", arity_message(name, wanted, None if variadic else wanted, len(args)))
        for check, source in requires:
            if not truthy(check(*args)):
                shown = " ".join(show(arg) for arg in args)
                raise ClError(
                    "contract", f"contract violation: {name}: precondition {source} failed (arguments: {shown})"
                )
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
    "List": lambda v: type(v) is List,
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


def export(
    namespace: dict[str, Any], module: str, names: tuple[str, ...], value: object, bound: dict[str, object]
) -> None:
    """Record a module's exports: from a final tuple with one value per export, else the
    values the compiler read for each name (LANGUAGE.md §7)."""
    if isinstance(value, Tuple) and len(value) == len(names) and len(names) > 0:
        exports = dict(zip(names, value, strict=True))
    else:
        missing = [name for name in names if name not in bound]
        if missing:  # a final tuple was expected, and the body's value was something else
            raise ClError("unbound-name", f"module {module}: exported name '{missing[0]}' is not defined")
        exports = {name: bound[name] for name in names}
    namespace[";exports"] = exports
    namespace[";module"] = module


def import_names(
    namespace: dict[str, Any], path: str, bind_all: bool, prefix: str | None = None
) -> dict[str, object] | None:
    """Load module `path` for `namespace`'s file and return its exports (each imported name
    is then taken by `exported`, at its own position); with `bind_all`, bind every export
    instead (as `prefix.x` and `prefix:x` when a prefix is given)."""
    session = namespace[";session"]
    exports: dict[str, object] = session.load_module(path, namespace.get(";file"))
    if not bind_all:
        return exports
    for name, value in exports.items():
        for bound in (name,) if prefix is None else qualified_names(prefix, name):
            namespace[n.mangle(bound)] = value
    return None


def exported(exports: dict[str, object], path: str, name: str) -> object:
    """The export `name` of the module loaded from `path`, or the import error."""
    try:
        return exports[name]
    except KeyError:
        listing = ", ".join(sorted(exports)) or "nothing"
        raise ClError("import", f'module "{path}" does not export {name} (it exports {listing})') from None


HELPERS: dict[str, object] = {
    n.EQ: values_equal,
    n.DIV: div,
    n.MATCH_CTOR: match_constructor,
    n.MATCH_FAIL: match_fail,
    n.HANDLERS: handlers,
    n.TO_ERROR: to_error,
    n.MAKE_MAP: make_map,
    n.MAKE_LIST: of,
    n.REST_LIST: from_iterable,
    n.MATCH_LIST: match_list,
    n.CONTRACT: with_contract,
    n.CONSTRUCTOR: constructor,
    n.IMPORT: import_names,
    n.EXPORTED: exported,
    n.EXPORT: export,
    n.ASCRIBE: ascribe,
    n.SET_GLOBAL: set_global,
    n.MUL: mul,
    n.MOD: mod,
    n.CAPITALISED_CALL: capitalised_call,
    n.NUMBER_TYPES: frozenset({int, float}),
    n.EXCEPTION: Exception,
    n.TYPE: type,
    n.REVERSED: reversed,
    n.SAME_FUNCTION: same_function,
    n.SAME_LOOP: same_loop,
    n.TOO_DEEP: too_deep,
    n.DEPTH_LIMIT: RECURSION_LIMIT,
    n.LEN: len,
    n.RANGE: range,
    n.ITER: iter,
    n.CHAIN: itertools.chain,
}
