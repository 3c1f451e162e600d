"""Number helpers shared by the printer and the number builtins.

CPython refuses `str(n)` and `int(text)` beyond 4300 digits (a denial-of-service guard,
`sys.set_int_max_str_digits`). ClaudeLang integers are arbitrary precision, so
`(factorial 2000)` must still print; these helpers convert in chunks instead of changing
that process-wide limit. `parse_number` reads ClaudeLang number syntax for
`string->number`.
"""

from __future__ import annotations

import re

_CHUNK = 4000
_CHUNK_POWER = 10**_CHUNK

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)")


def int_to_str(n: int) -> str:
    """Decimal digits of `n`, however many there are."""
    try:
        return str(n)
    except ValueError:
        pass
    sign, n = ("-", -n) if n < 0 else ("", n)
    chunks: list[str] = []
    while n:
        n, low = divmod(n, _CHUNK_POWER)
        chunks.append(str(low).zfill(_CHUNK) if n else str(low))
    return sign + "".join(reversed(chunks))


def str_to_int(text: str) -> int:
    """The integer written in `text` (optional sign, decimal digits), however long."""
    try:
        return int(text)
    except ValueError:
        if not _INT.fullmatch(text):
            raise
    sign, digits = (-1, text[1:]) if text[0] == "-" else (1, text.lstrip("+"))
    value = 0
    for start in range(0, len(digits), _CHUNK):
        piece = digits[start : start + _CHUNK]
        value = value * 10 ** len(piece) + int(piece)
    return sign * value


def parse_number(text: str) -> int | float | None:
    """The number that `text` spells in ClaudeLang syntax (`42`, `-1.5`, `2e3`), else None."""
    text = text.strip()
    if _INT.fullmatch(text):
        return str_to_int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return None
