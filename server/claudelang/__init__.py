"""ClaudeLang: an editor-first S-expression language.

The public Python API: `parse` (syntax layer: AST plus diagnostics), `Session` and
`evaluate` (the VM), and `ClError`, the error every ClaudeLang failure becomes.

The names are imported when first used, so that importing a subpackage (the language
server imports `claudelang.lsp`) does not import the VM, the compiler and the JIT.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claudelang.runtime.errors import ClError
    from claudelang.syntax import parse
    from claudelang.vm import ClSyntaxError, Session, evaluate

__version__ = "0.1.0"

__all__ = ["ClError", "ClSyntaxError", "Session", "__version__", "evaluate", "parse"]

_HOMES = {
    "ClError": "claudelang.runtime.errors",
    "parse": "claudelang.syntax",
    "ClSyntaxError": "claudelang.vm",
    "Session": "claudelang.vm",
    "evaluate": "claudelang.vm",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'claudelang' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
