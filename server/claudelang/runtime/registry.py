"""The builtin registry: one record per standard-library name, for runtime and editor alike.

A `Builtin` carries what hover, completion and signature help show (params, doc, example,
effects) and what the compiler binds (`value`: the arity-checked callable, or a constant
such as `pi`). Standard-library modules register with the `@builtin` decorator:

    @builtin("range", "a [b] [step]", doc="...", example="(range 3) ⇒ [0 1 2]")
    def _range(a, b=None, step=1): ...

Params use `[name]` for an optional parameter and `...name` for the variadic rest, which
yields `min_args`/`max_args` (None = variadic). The registered callable checks the
argument count itself and raises `ClError(kind="arity")` naming the builtin; it does not
catch anything, so errors raised by callbacks pass through untouched. `impl` is the raw
function for callers that have already checked arity. A hot builtin (`head`, `tail`,
`cons`...) may check its own argument count (`checks_arity=True`), which saves the
checking wrapper's extra call on every use.

Aliases (`car` for `head`) are separate entries with `alias_of` naming the original, and
callables of their own that report errors under the name the user called (`car: empty
list`, not `head: empty list`).

The standard library registers itself the first time the table is read (`builtins()`,
`lookup`, or the name `BUILTINS`), not when this module is imported: the editor imports it
for `Builtin` before any document needs the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from claudelang.runtime.checks import arity_error
from claudelang.runtime.errors import ClError

Fn = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Builtin:
    """One registry entry. `fn` is None for constants (`pi`, `e`); `value` is always set."""

    name: str
    params: tuple[str, ...]
    min_args: int
    max_args: int | None
    effects: frozenset[str]
    doc: str
    example: str
    family: str
    value: Any
    fn: Fn | None
    impl: Fn | None
    alias_of: str | None = None

    @property
    def is_constant(self) -> bool:
        return self.fn is None

    @property
    def signature(self) -> str:
        """`(range a [b] [step])`; a constant's signature is its bare name."""
        if self.is_constant:
            return self.name
        return "(" + " ".join([self.name, *self.params]) + ")"


_BUILTINS: dict[str, Builtin] = {}  # filled by `register` while the standard library is imported
_registered = False  # the standard library's import has returned: `_BUILTINS` is complete


def builtins() -> dict[str, Builtin]:
    """Every builtin by name (the standard library is imported, and so registered, on the
    first call; a call on another thread while it is being imported waits for it)."""
    global _registered
    if not _registered:
        importlib.import_module("claudelang.runtime.stdlib")
        _registered = True
    return _BUILTINS


def __getattr__(name: str) -> Any:
    """`BUILTINS` is `builtins()`, kept as a plain attribute once read."""
    if name != "BUILTINS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = table = builtins()
    return table


def lookup(name: str) -> Builtin | None:
    """The registry entry for `name`, or None."""
    return builtins().get(name)


def global_bindings() -> dict[str, Any]:
    """Name → value for every builtin: the initial global environment."""
    return {name: entry.value for name, entry in builtins().items()}


def parse_params(params: str | Iterable[str]) -> tuple[tuple[str, ...], int, int | None]:
    """(`params`, min_args, max_args) from `"lst [n] ...more"`."""
    names = tuple(params.split() if isinstance(params, str) else params)
    required = sum(1 for p in names if not p.startswith(("[", "...")))
    variadic = any(p.startswith("...") for p in names)
    return names, required, None if variadic else len(names)


def check_arity(entry: Builtin, nargs: int) -> None:
    """Raise the arity error for calling `entry` with `nargs` arguments, if it is one."""
    if nargs < entry.min_args or (entry.max_args is not None and nargs > entry.max_args):
        raise arity_error(entry.name, entry.min_args, entry.max_args, nargs)


def checked(name: str, impl: Fn, min_args: int, max_args: int | None) -> Fn:
    """`impl` behind an explicit argument-count check that raises ClError(kind="arity")."""
    if max_args is None:
        if min_args == 0:
            return impl

        def at_least(*args: Any) -> Any:
            if len(args) < min_args:
                raise arity_error(name, min_args, None, len(args))
            return impl(*args)

        return at_least
    if min_args == max_args:

        def exactly(*args: Any) -> Any:
            if len(args) != min_args:
                raise arity_error(name, min_args, max_args, len(args))
            return impl(*args)

        return exactly

    def between(*args: Any) -> Any:
        if not min_args <= len(args) <= max_args:
            raise arity_error(name, min_args, max_args, len(args))
        return impl(*args)

    return between


def _forwarder(impl: Fn) -> Fn:
    def forward(*args: Any) -> Any:
        return impl(*args)

    return forward


def register(
    name: str,
    params: str | Iterable[str],
    impl: Fn,
    *,
    doc: str,
    example: str,
    family: str,
    effects: Iterable[str] = (),
    aliases: Iterable[str] = (),
    checks_arity: bool = False,
) -> Builtin:
    """Add `name` (and its aliases) to the registry; returns the main entry."""
    names, min_args, max_args = parse_params(params)
    fn = impl if checks_arity else checked(name, impl, min_args, max_args)
    if fn is impl and not hasattr(impl, "__dict__"):
        fn = _forwarder(impl)  # a C function takes no attributes
    fn.__cl_name__ = name  # type: ignore[attr-defined]
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    entry = Builtin(name, names, min_args, max_args, frozenset(effects), doc, example, family, fn, fn, impl)
    _add(entry)
    for alias in aliases:
        _add(_alias(entry, alias))
    return entry


def register_constant(name: str, value: Any, *, doc: str, example: str, family: str) -> None:
    _add(Builtin(name, (), 0, 0, frozenset(), doc, example, family, value, None, None))


def _renaming_errors(impl: Fn, original: str, alias: str) -> Fn:
    """`impl`, with its own errors (not those of user code it called back) naming `alias`."""
    prefix = f"{original}:"

    def call(*args: Any) -> Any:
        try:
            return impl(*args)
        except ClError as error:
            if not error.frames and error.message.startswith(prefix):
                error.message = alias + error.message[len(original) :]
                error.args = (error.message,)
            raise

    return call


def _alias(entry: Builtin, alias: str) -> Builtin:
    assert entry.impl is not None
    impl = _renaming_errors(entry.impl, entry.name, alias)
    fn = checked(alias, impl, entry.min_args, entry.max_args)
    fn.__cl_name__ = alias  # type: ignore[attr-defined]
    fn.__name__ = fn.__qualname__ = alias
    fn.__doc__ = entry.doc
    return Builtin(
        alias,
        entry.params,
        entry.min_args,
        entry.max_args,
        entry.effects,
        f"Alias of `{entry.name}`. {entry.doc}",
        entry.example.replace(f"({entry.name} ", f"({alias} ", 1),
        entry.family,
        fn,
        fn,
        impl,
        alias_of=entry.name,
    )


def _add(entry: Builtin) -> None:
    if entry.name in _BUILTINS:
        raise ClError("internal", f"builtin '{entry.name}' registered twice")
    _BUILTINS[entry.name] = entry


def builtin(
    name: str,
    params: str | Iterable[str] = (),
    *,
    doc: str,
    example: str,
    family: str,
    effects: Iterable[str] = (),
    aliases: Iterable[str] = (),
    checks_arity: bool = False,
) -> Callable[[Fn], Fn]:
    """Decorator form of `register`; returns the undecorated implementation."""

    def decorate(impl: Fn) -> Fn:
        register(
            name,
            params,
            impl,
            doc=doc,
            example=example,
            family=family,
            effects=effects,
            aliases=aliases,
            checks_arity=checks_arity,
        )
        return impl

    return decorate
