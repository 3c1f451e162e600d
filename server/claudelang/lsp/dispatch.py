"""What pygls's message dispatch decides, decided without its per-message overheads.

pygls tells a message's kind by `isinstance` against its `typing.Protocol` classes
(`RPCRequest`, `RPCNotification`, `RPCResponse`): a runtime protocol check lists the
protocol's members and tests each with `hasattr`, ≈ 8 µs per check, one or two per
message. `kind` tests the same attributes directly (≈ 0.3 µs). pygls runs a synchronous
handler under a `concurrent.futures.Future` (a lock and a condition per message) only to
hand its outcome to a callback; `run_inline` hands over a `Done` instead, and
`is_plain_sync` remembers which handlers are synchronous (the `inspect` tests, ≈ 2 µs,
made once per handler: O(handlers) memory).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

from pygls.feature_manager import is_thread_function

log = logging.getLogger(__name__)


class Kind(Enum):
    REQUEST = "request"
    NOTIFICATION = "notification"
    RESPONSE = "response"
    ERROR = "error"


def kind(message: object) -> Kind:
    """The kind pygls's `handle_message` gives `message` (its protocols' attributes, in
    its order: request, notification, response, else error)."""
    if hasattr(message, "method") and hasattr(message, "params"):
        return Kind.REQUEST if hasattr(message, "id") else Kind.NOTIFICATION
    if hasattr(message, "id") and hasattr(message, "result"):
        return Kind.RESPONSE
    return Kind.ERROR


class Done:
    """The outcome of a handler that has run, with the methods pygls's callbacks call on
    the `Future` it would have made (`cancelled`, `result`, `exception`, `done`)."""

    __slots__ = ("_exception", "_result")

    def __init__(self, result: Any = None, exception: BaseException | None = None) -> None:
        self._result = result
        self._exception = exception

    def cancelled(self) -> bool:
        return False

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self) -> BaseException | None:
        return self._exception


_sync: dict[Callable[..., Any], bool] = {}  # handler → whether `run_inline` may run it


def is_plain_sync(handler: Callable[..., Any]) -> bool:
    """Whether pygls would run `handler` as a plain call (not a coroutine function, not
    marked to run on a thread, not a generator function)."""
    found = _sync.get(handler)
    if found is None:
        found = _sync[handler] = not (
            asyncio.iscoroutinefunction(handler) or is_thread_function(handler) or inspect.isgeneratorfunction(handler)
        )
    return found


def run_inline(
    handler: Callable[..., Any], callback: Callable[[Done], object], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Call a synchronous handler and give its outcome to `callback`, as pygls does with a
    `Future`: an exception of the handler becomes the outcome's, one of the callback is
    logged."""
    try:
        done = Done(handler(*args, **kwargs))
    except Exception as exc:
        done = Done(exception=exc)
    try:
        callback(done)
    except Exception:
        log.exception("exception calling callback for %r", handler)
