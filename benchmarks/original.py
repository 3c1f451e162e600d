"""The original Python prototype (the seed's "Before" column), loaded as a baseline only.

Its folder comes from `CLAUDELANG_ORIGINAL` (e.g. `../shared/seed/original-prototype`); when
the variable is unset or the folder does not load, `load()` returns None and the benchmarks
leave that column out. Nothing of the prototype is part of ClaudeLang.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Original:
    """The prototype's `parse(text)` and a warm interpreter's `evaluate(text)`."""

    parse: Callable[[str], Any]
    evaluate: Callable[[str], Any]


def load() -> Original | None:
    folder = os.environ.get("CLAUDELANG_ORIGINAL")
    if not folder:
        return None
    sys.path.insert(0, os.path.abspath(folder))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 100_000))
    try:
        from src.interpreter import Interpreter
        from src.parser.sexpr_parser import parse
    except ImportError as error:
        print(f"CLAUDELANG_ORIGINAL={folder}: cannot load the prototype ({error}); its column is left out")
        return None
    interpreter = Interpreter()  # reused: the prototype's cheapest parse+eval
    return Original(parse, lambda text: interpreter.interpret(parse(text)))
