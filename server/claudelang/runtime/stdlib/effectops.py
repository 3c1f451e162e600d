"""The effectful builtins (`io:* state:* error:* time:* random:* network:*`) and error values.

Each `kind:op` builtin is registered with `effect_op`: the decorated function becomes the
op's *default* implementation (`effects.set_default`), and the registered callable checks
the argument count and then calls `effects.perform(kind, op, args)`, so an installed
handler can intercept it (LANGUAGE.md §5). Aliases (`print`, `error`) share the callable.

Defaults read the current `Settings`: `io:print` writes to `settings.output()`, file paths
resolve against `settings.base_dir`, `random:*` draw from `settings.rng`, and `network:get`
is refused ("effect-denied") unless `settings.allow_network` is set. `random:int lo hi`
includes both bounds. On a cell, `state:set` and `state:update` return the new value; on a
key of the session's keyed store (`settings.store`), `state:set` returns the old one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import (
    expect_function,
    expect_int,
    expect_list,
    expect_number,
    expect_string,
    instance_check,
    value_error,
)
from claudelang.runtime.effects import perform, set_default
from claudelang.runtime.errors import ClError
from claudelang.runtime.keyedstore import KeyedStore, is_key
from claudelang.runtime.plist import List, of
from claudelang.runtime.printer import display, quote_string
from claudelang.runtime.settings import get_settings
from claudelang.runtime.values import StateCell

Fn = Callable[..., Any]


def effect_op(name: str, params: str, *, doc: str, example: str, aliases: tuple[str, ...] = ()) -> Callable[[Fn], Fn]:
    """Register `kind:op` performing through the handler stack, with the decorated default."""
    kind, op = name.split(":", 1)

    def decorate(default: Fn) -> Fn:
        set_default(kind, op, default)

        def perform_op(*args: Any) -> Any:
            return perform(kind, op, args)

        registry.register(
            name,
            params,
            perform_op,
            doc=doc,
            example=example,
            family="effects",
            effects=(kind,),
            aliases=aliases,
        )
        return default

    return decorate


# --- io ---------------------------------------------------------------------------------


@effect_op(
    "io:print",
    "...xs",
    aliases=("print", "println", "io:print-line"),
    doc="Write the values (strings raw) separated by spaces, then a newline; returns nil.",
    example='(io:print "x =" 42) ⇒ nil',
)
def _print(*xs: Any) -> None:
    get_settings().output().write(" ".join(map(display, xs)) + "\n")


@effect_op(
    "io:read-line",
    "",
    doc="The next input line without its newline, or nil at end of input.",
    example='(io:read-line) ⇒ "hello"',
)
def _read_line() -> str | None:
    line = get_settings().input().readline()
    if not line:
        return None
    return line.removesuffix("\n").removesuffix("\r")


def _io_error(who: str, path: str, exc: Exception) -> ClError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return ClError("io", f"{who}: cannot access {quote_string(path)}: {reason}")


@effect_op(
    "io:read-file",
    "path",
    doc="The contents of a UTF-8 text file.",
    example='(io:read-file "notes.txt") ⇒ "..."',
)
def _read_file(path: Any) -> str:
    resolved = get_settings().resolve(expect_string("io:read-file", path))
    try:
        return resolved.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _io_error("io:read-file", path, exc) from None


@effect_op(
    "io:write-file",
    "path text",
    doc="Write text (or a value's printed form) to a file; nil.",
    example='(io:write-file "out.txt" "hi") ⇒ nil',
)
def _write_file(path: Any, text: Any) -> None:
    resolved = get_settings().resolve(expect_string("io:write-file", path))
    try:
        resolved.write_text(display(text), encoding="utf-8")
    except OSError as exc:
        raise _io_error("io:write-file", path, exc) from None


# --- state ------------------------------------------------------------------------------
# A cell argument reads or writes the cell; a string, keyword or symbol, the session's keyed
# store (`runtime.keyedstore`, the spelling of earlier releases: LANGUAGE.md §10).


_cell = instance_check(StateCell, "a state cell or a key (a string, keyword or symbol)")


def _store() -> KeyedStore:
    return get_settings().store


@effect_op(
    "state:new",
    "value",
    doc="A new mutable cell holding value.",
    example="(state:new 0) ⇒ #<state 0>",
)
def _state_new(value: Any) -> StateCell:
    return StateCell(value)


@effect_op(
    "state:get",
    "cell-or-key",
    doc="The cell's current value; for a key, the session's keyed entry (nil if none).",
    example="(state:get (state:new 5)) ⇒ 5",
)
def _state_get(target: Any) -> Any:
    if is_key(target):
        return _store().get("state:get", target)
    return _cell("state:get", target).value


@effect_op(
    "state:set",
    "cell-or-key value",
    doc="Store value in the cell (returns value), or under a key of the session's store (returns the old value).",
    example="(state:set (state:new 0) 7) ⇒ 7",
)
def _state_set(target: Any, value: Any) -> Any:
    if is_key(target):
        return _store().set("state:set", target, value)
    _cell("state:set", target).value = value
    return value


@effect_op(
    "state:update",
    "cell-or-key f",
    doc="Store (f current) in the cell or under the key (current is nil for a new key); returns the new value.",
    example="(state:update (state:new 1) (partial + 10)) ⇒ 11",
)
def _state_update(target: Any, f: Any) -> Any:
    fn = expect_function("state:update", f)
    if is_key(target):
        return _store().update("state:update", target, fn)
    cell = _cell("state:update", target)
    cell.value = fn(cell.value)
    return cell.value


@effect_op(
    "state:delete",
    "key",
    doc="Remove a key from the session's keyed store; returns its old value (nil if none).",
    example="(list (state:set :n 1) (state:delete :n) (state:get :n)) ⇒ [nil 1 nil]",
)
def _state_delete(key: Any) -> Any:
    return _store().delete("state:delete", key)


@effect_op(
    "state:begin-transaction",
    "",
    doc="Snapshot the session's keyed store; transactions nest. nil.",
    example="(state:begin-transaction) ⇒ nil",
)
def _begin_transaction() -> None:
    _store().begin()


@effect_op(
    "state:commit-transaction",
    "",
    doc="Keep the changes since the innermost state:begin-transaction (drop its snapshot). nil.",
    example="(list (state:begin-transaction) (state:commit-transaction)) ⇒ [nil nil]",
)
def _commit_transaction() -> None:
    _store().commit("state:commit-transaction")


@effect_op(
    "state:rollback-transaction",
    "",
    doc="Restore the keyed store to the innermost state:begin-transaction's snapshot. nil.",
    example="(list (state:set :n 1) (state:begin-transaction) (state:set :n 2) (state:rollback-transaction)"
    " (state:get :n)) ⇒ [nil nil 1 nil 1]",
)
def _rollback_transaction() -> None:
    _store().rollback("state:rollback-transaction")


# --- error ------------------------------------------------------------------------------


@effect_op(
    "error:raise",
    "message [data]",
    aliases=("error",),
    doc="Raise an error value with a message and optional data; caught by try/catch.",
    example='(error:raise "boom" {:code 1}) ⇒ error: boom',
)
def _raise(message: Any, data: Any = None) -> None:
    if isinstance(message, ClError) and data is None:
        raise message
    raise ClError("user", display(message), data)


_error = instance_check(ClError, "an error value")


@registry.builtin(
    "error-message",
    "err",
    family="errors",
    doc="The message of an error value.",
    example='(error-message (try (error "boom") (catch (e) e))) ⇒ "boom"',
)
def _error_message(err: Any) -> str:
    return _error("error-message", err).message


@registry.builtin(
    "error-data",
    "err",
    family="errors",
    doc="The data given to error:raise (nil for runtime errors).",
    example='(error-data (try (error "boom" 42) (catch (e) e))) ⇒ 42',
)
def _error_data(err: Any) -> Any:
    return _error("error-data", err).data


# --- time -------------------------------------------------------------------------------


@effect_op(
    "time:now",
    "",
    doc="Seconds since the Unix epoch, a float.",
    example="(time:now) ⇒ 1714557600.25",
)
def _now() -> float:
    return time.time()


@effect_op(
    "time:sleep",
    "seconds",
    doc="Pause for a number of seconds; nil.",
    example="(time:sleep 0.1) ⇒ nil",
)
def _sleep(seconds: Any) -> None:
    if expect_number("time:sleep", seconds) < 0:
        raise value_error("time:sleep", f"expected a non-negative duration, got {seconds!r}")
    time.sleep(seconds)


@effect_op(
    "time:measure",
    "thunk",
    doc="Call thunk; returns [result seconds-taken].",
    example="(time:measure (lambda () 42)) ⇒ [42 0.0001]",
)
def _measure(thunk: Any) -> List:
    expect_function("time:measure", thunk)
    start = time.perf_counter()
    result = thunk()
    return of(result, time.perf_counter() - start)


# --- random -----------------------------------------------------------------------------


@effect_op(
    "random:int",
    "lo hi",
    aliases=("random:randint",),
    doc="A random int from lo to hi, both included.",
    example="(random:int 1 6) ⇒ 4",
)
def _random_int(lo: Any, hi: Any) -> int:
    expect_int("random:int", lo)
    if expect_int("random:int", hi) < lo:
        raise value_error("random:int", f"empty range {lo}..{hi}")
    return get_settings().rng.randint(lo, hi)


@effect_op("random:float", "", doc="A random float in [0, 1).", example="(random:float) ⇒ 0.37")
def _random_float() -> float:
    return get_settings().rng.random()


@effect_op(
    "random:choice",
    "lst",
    doc="A random element of a non-empty list.",
    example="(random:choice [:a :b :c]) ⇒ :b",
)
def _random_choice(lst: Any) -> Any:
    items = expect_list("random:choice", lst)
    if not items:
        raise value_error("random:choice", "empty list")
    return get_settings().rng.choice(items)


@effect_op(
    "random:seed",
    "n",
    doc="Seed the session's generator, making later draws repeatable; nil.",
    example="(random:seed 42) ⇒ nil",
)
def _random_seed(n: Any) -> None:
    get_settings().rng.seed(expect_int("random:seed", n))


# --- network ----------------------------------------------------------------------------


@effect_op(
    "network:get",
    "url",
    doc="The body of an HTTP(S) GET; denied unless the host allows network.",
    example='(network:get "https://example.com") ⇒ "<!doctype html>..."',
)
def _network_get(url: Any) -> str:
    settings = get_settings()
    expect_string("network:get", url)
    if not settings.allow_network:
        raise ClError(
            "effect-denied",
            "network:get: network access is not allowed here (the host program has not enabled network effects)",
        )
    import urllib.error  # imported here: it is slow to import and rarely needed
    import urllib.request

    if not url.startswith(("http://", "https://")):
        raise value_error("network:get", f"expected an http:// or https:// URL, got {url!r}")
    try:
        with urllib.request.urlopen(url, timeout=settings.network_timeout) as response:
            charset = response.headers.get_content_charset() or "utf-8"
            return response.read().decode(charset, errors="replace")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ClError("network", f"network:get: {url}: {reason}") from None
