"""ClaudeLang: an editor-first S-expression language.

The public Python API: `parse` (syntax layer: AST plus diagnostics), `Session` and
`evaluate` (the VM), and `ClError`, the error every ClaudeLang failure becomes.

The names are imported when first used, so that importing a subpackage (the language
server imports `claudelang.lsp`) does not import the VM, the compiler and the JIT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claudelang.lazy import lazy_exports

if TYPE_CHECKING:
    from claudelang.runtime.errors import ClError
    from claudelang.syntax import parse
    from claudelang.vm import ClSyntaxError, Session, evaluate

__version__ = "0.1.0"

__all__ = ["ClError", "ClSyntaxError", "Session", "__version__", "evaluate", "parse"]

__getattr__ = lazy_exports(
    __name__,
    {
        "claudelang.runtime.errors": ["ClError"],
        "claudelang.syntax": ["parse"],
        "claudelang.vm": ["ClSyntaxError", "Session", "evaluate"],
    },
)
