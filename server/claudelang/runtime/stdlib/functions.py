"""Function combinators (`identity compose partial apply memoize`) and the contract switches.

The functions these builtins return are ordinary Python closures carrying a ClaudeLang
name in `__cl_name__` (`composed`, `partial`, or the memoized function's own name), which
is what `#<function ...>` prints. `disable-contract-checking!` and
`enable-contract-checking!` flip `contracts_enabled` on the current `Settings`; compiled
contract checks read that flag on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_function, expect_list
from claudelang.runtime.equality import key_of
from claudelang.runtime.printer import function_name
from claudelang.runtime.settings import get_settings

builtin = partial(registry.builtin, family="functions")

_MISS = object()


def _named(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    fn.__cl_name__ = name  # type: ignore[attr-defined]
    return fn


@builtin("identity", "x", doc="Returns its argument.", example="(identity 5) ⇒ 5")
def _identity(x: Any) -> Any:
    return x


@builtin(
    "compose",
    "...fs",
    doc="Right-to-left composition: ((compose f g) x) is (f (g x)).",
    example="((compose abs -) 5) ⇒ 5",
)
def _compose(*fs: Any) -> Callable[..., Any]:
    for f in fs:
        expect_function("compose", f)
    if not fs:
        return _named(lambda x: x, "identity")
    *outer, inner = fs

    def composed(*args: Any) -> Any:
        result = inner(*args)
        for f in reversed(outer):
            result = f(result)
        return result

    return _named(composed, "composed")


@builtin(
    "partial",
    "f ...args",
    doc="f with its first arguments fixed.",
    example="((partial + 10) 5) ⇒ 15",
)
def _partial(f: Any, *fixed: Any) -> Callable[..., Any]:
    expect_function("partial", f)

    def partially_applied(*args: Any) -> Any:
        return f(*fixed, *args)

    return _named(partially_applied, "partial")


@builtin(
    "apply",
    "f ...args lst",
    doc="Call f with the args followed by the elements of lst.",
    example="(apply + 1 [2 3]) ⇒ 6",
)
def _apply(f: Any, *args: Any) -> Any:
    expect_function("apply", f)
    return f(*args[:-1], *expect_list("apply", args[-1]))


@builtin(
    "memoize",
    "f",
    doc="f with its results cached by (structurally equal) arguments.",
    example="((memoize abs) -3) ⇒ 3",
)
def _memoize(f: Any) -> Callable[..., Any]:
    expect_function("memoize", f)
    cache: dict[object, Any] = {}

    def memoized(*args: Any) -> Any:
        key = key_of(args)
        found = cache.get(key, _MISS)
        if found is _MISS:
            found = cache[key] = f(*args)
        return found

    return _named(memoized, function_name(f))


@builtin(
    "disable-contract-checking!",
    "",
    family="contracts",
    doc="Stop checking :requires/:ensures contracts and type ascriptions; returns nil.",
    example="(disable-contract-checking!) ⇒ nil",
)
def _disable_contracts() -> None:
    get_settings().contracts_enabled = False


@builtin(
    "enable-contract-checking!",
    "",
    family="contracts",
    doc="Resume checking contracts and type ascriptions (the default); returns nil.",
    example="(enable-contract-checking!) ⇒ nil",
)
def _enable_contracts() -> None:
    get_settings().contracts_enabled = True
