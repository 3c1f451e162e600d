"""JSON conversion and datetimes.

JSON objects become maps with string keys (in document order), arrays become lists,
`null` nil. `json-stringify` writes maps as objects — keys must be strings, keywords,
symbols or numbers (written as their name or digits) — lists, sets and tuples as arrays,
and refuses other values and non-finite floats. Output is compact unless an indent is
given.

Datetimes are Python `datetime.datetime` values (naive, local time), printed
`#<datetime 2024-05-01T12:00:00>`. Every `datetime:*` function also accepts an ISO-8601
string (`"2024-05-01"`, `"2024-05-01T12:00:00"`) in place of a datetime. `datetime:now`
reads the clock through the `time:now` effect, so a `time` handler controls it too.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from claudelang.runtime import registry
from claudelang.runtime.checks import expect_number, expect_string, fail, type_error, value_error
from claudelang.runtime.containers import Map, Set
from claudelang.runtime.effects import perform
from claudelang.runtime.plist import List, from_iterable
from claudelang.runtime.values import Keyword, Symbol, Tuple

builtin = partial(registry.builtin, family="json-time")


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return from_iterable(map(_from_json, value))
    if isinstance(value, dict):
        return Map((k, _from_json(v)) for k, v in value.items())
    return value


@builtin(
    "json-parse",
    "text",
    doc="The value a JSON text denotes (objects become maps).",
    example='(json-parse "{\\"a\\": [1, 2.5, null]}") ⇒ {"a" [1 2.5 nil]}',
)
def _json_parse(text: Any) -> Any:
    try:
        return _from_json(json.loads(expect_string("json-parse", text)))
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise value_error("json-parse", f"invalid JSON at {where}: {exc.msg}") from None
    except ValueError as exc:
        raise value_error("json-parse", str(exc)) from None


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, Keyword | Symbol):
        return key.name
    if type(key) is int or type(key) is float:
        return json.dumps(key)
    raise type_error("json-stringify", "string, keyword or number map keys", key)


def _to_json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise value_error("json-stringify", f"{value!r} has no JSON form")
        return value
    if isinstance(value, List | Set | Tuple):
        return [_to_json(x) for x in value]
    if isinstance(value, Map):
        return {_json_key(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, Keyword | Symbol):
        return value.name
    raise type_error("json-stringify", "a value with a JSON form", value)


@builtin(
    "json-stringify",
    "x [indent]",
    doc="JSON text for x; compact, or indented by indent spaces.",
    example='(json-stringify {"a" [1 #t nil]}) ⇒ "{\\"a\\":[1,true,null]}"',
)
def _json_stringify(x: Any, indent: Any = None) -> str:
    data = _to_json(x)
    layout: dict[str, Any] = {"separators": (",", ":")}
    if indent is not None:
        layout = {"indent": int(expect_number("json-stringify", indent))}
    try:
        return json.dumps(data, ensure_ascii=False, **layout)
    except ValueError as exc:
        raise value_error("json-stringify", str(exc)) from None


def _datetime(who: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        fail(who, "a datetime or an ISO-8601 string", value)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise value_error(who, f"not an ISO-8601 date or datetime: {value!r}") from None


@builtin(
    "datetime:now",
    "",
    effects=("time",),
    doc="The current local date and time.",
    example="(datetime:now) ⇒ #<datetime 2024-05-01T12:00:00>",
)
def _datetime_now() -> datetime:
    return datetime.fromtimestamp(perform("time", "now", ()))


@builtin(
    "datetime:iso-format",
    "dt",
    doc="The ISO-8601 text of a datetime.",
    example='(datetime:iso-format "2024-05-01") ⇒ "2024-05-01T00:00:00"',
)
def _iso_format(dt: Any) -> str:
    return _datetime("datetime:iso-format", dt).isoformat()


def _field(name: str, field: str, *, doc: str, example: str) -> None:
    """Register `(name dt)`: one int field of the datetime."""

    def apply(dt: Any) -> int:
        return getattr(_datetime(name, dt), field)

    registry.register(name, "dt", apply, doc=doc, example=example, family="json-time")


_field("datetime:year", "year", doc="The year of a datetime.", example='(datetime:year "2024-05-01") ⇒ 2024')
_field("datetime:month", "month", doc="The month (1-12).", example='(datetime:month "2024-05-01") ⇒ 5')
_field("datetime:day", "day", doc="The day of the month (1-31).", example='(datetime:day "2024-05-01") ⇒ 1')


@builtin(
    "datetime:add-days",
    "dt n",
    doc="The datetime n days later (n may be negative or fractional).",
    example='(datetime:add-days "2024-02-28" 2) ⇒ #<datetime 2024-03-01T00:00:00>',
)
def _add_days(dt: Any, n: Any) -> datetime:
    start = _datetime("datetime:add-days", dt)
    try:
        return start + timedelta(days=expect_number("datetime:add-days", n))
    except OverflowError:
        raise value_error("datetime:add-days", "date out of range") from None
