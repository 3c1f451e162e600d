"""A tiny evaluator for the runtime tests, so they can be written as ClaudeLang text.

It knows just enough to run the registry's examples and short test expressions:
literals, `[...]`, `{...}`, `'datum`, calls, `(lambda (x ...) body)`, `(let ((x e) ...)
body)`, `(if c a b)`, `(handler ((kind:op fn) ...) body)` and `(try body (catch (e) h))`.
It is not the compiler; it only feeds values to the real runtime.
"""

from __future__ import annotations

import re
from typing import Any

from claudelang.runtime import (
    BUILTINS,
    ClError,
    Keyword,
    Map,
    Symbol,
    handlers,
    show,
)
from claudelang.runtime.plist import from_iterable

_TOKEN = re.compile(r'\s+|,|;[^\n]*|"(?:\\.|[^"\\])*"|[()\[\]{}\']|[^\s,()\[\]{}";\']+')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"'}
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?\d+\.\d*(?:[eE][+-]?\d+)?|[+-]?\d+[eE][+-]?\d+")


class _Quote:
    def __init__(self, datum: Any) -> None:
        self.datum = datum


def read(text: str) -> Any:
    """The first form in `text` as nested Python lists (calls) and tagged tuples."""
    tokens = [t for t in _TOKEN.findall(text) if t.strip() and t != "," and t[0] != ";"]
    form, rest = _read(tokens)
    assert not rest, f"trailing tokens {rest}"
    return form


def _read(tokens: list[str]) -> tuple[Any, list[str]]:
    token, rest = tokens[0], tokens[1:]
    closers = {"(": ")", "[": "]", "{": "}"}
    if token in closers:
        items = []
        while rest[0] != closers[token]:
            item, rest = _read(rest)
            items.append(item)
        return (token, items), rest[1:]
    if token == "'":
        datum, rest = _read(rest)
        return _Quote(datum), rest
    return _atom(token), rest


def _atom(token: str) -> Any:
    if token.startswith('"'):
        body = token[1:-1]
        body = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), body)
        return ("str", re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], body))
    if _INT.fullmatch(token):
        return ("lit", int(token))
    if _FLOAT.fullmatch(token):
        return ("lit", float(token))
    literals = {"#t": True, "true": True, "#f": False, "false": False, "nil": None}
    if token in literals:
        return ("lit", literals[token])
    if token.startswith(":"):
        return ("lit", Keyword(token[1:]))
    return ("sym", token)


def evaluate(text: str, env: dict[str, Any] | None = None) -> Any:
    """Evaluate `text`; closures see later additions to `env` (for recursive globals)."""
    return _eval(read(text), {} if env is None else env)


def _eval(form: Any, env: dict[str, Any]) -> Any:
    if isinstance(form, _Quote):
        return _datum(form.datum)
    tag, body = form
    if tag in ("lit", "str"):
        return body
    if tag == "sym":
        if body in env:
            return env[body]
        return BUILTINS[body].value
    if tag == "[":
        return from_iterable(_eval(x, env) for x in body)
    if tag == "{":
        return Map.of(*(_eval(x, env) for x in body))
    head = body[0]
    special = _SPECIAL.get(head[1]) if head[0] == "sym" and head[1] not in env else None
    if special is not None:
        return special(body, env)
    fn = _eval(head, env)
    return fn(*(_eval(x, env) for x in body[1:]))


def _datum(form: Any) -> Any:
    tag, body = form
    if tag in ("lit", "str"):
        return body
    if tag == "sym":
        return Symbol(body)
    return from_iterable(map(_datum, body))


def _lambda(body: list[Any], env: dict[str, Any]) -> Any:
    params = [p[1] for p in body[1][1]]
    rest = params.index("...") if "..." in params else None

    def closure(*args: Any) -> Any:
        local = dict(env)  # a snapshot at call time, so later globals are visible
        if rest is None:
            local.update(zip(params, args, strict=True))
        else:
            local.update(zip(params[:rest], args, strict=False))
            local[params[rest + 1]] = args[rest:]
        return _body(body[2:], local)

    return closure


def _body(forms: list[Any], env: dict[str, Any]) -> Any:
    value = None
    for form in forms:
        value = _eval(form, env)
    return value


def _if(body: list[Any], env: dict[str, Any]) -> Any:
    test = _eval(body[1], env)
    if test is not False and test is not None:
        return _eval(body[2], env)
    return _eval(body[3], env) if len(body) > 3 else None


def _let(body: list[Any], env: dict[str, Any]) -> Any:
    local = dict(env)
    for _, (name, expr) in body[1][1]:
        local[name[1]] = _eval(expr, local)
    return _body(body[2:], local)


def _try(body: list[Any], env: dict[str, Any]) -> Any:
    *forms, catch = body[1:]
    name = catch[1][1][1][0][1]
    try:
        return _body(forms, env)
    except ClError as err:
        return _body(catch[1][2:], {**env, name: err})


def _handler(body: list[Any], env: dict[str, Any]) -> Any:
    clauses = {name[1]: _eval(fn, env) for _, (name, fn) in body[1][1]}
    with handlers(clauses):
        return _body(body[2:], env)


_SPECIAL = {"if": _if, "lambda": _lambda, "let": _let, "try": _try, "handler": _handler}


def run(text: str) -> str:
    """The printed form of evaluating `text`."""
    return show(evaluate(text))
