"""ClaudeLang: an editor-first S-expression language.

The public Python API: `parse` (syntax layer: AST plus diagnostics), `Session` and
`evaluate` (the VM), and `ClError`, the error every ClaudeLang failure becomes.
"""

from claudelang.runtime.errors import ClError
from claudelang.syntax import parse
from claudelang.vm import ClSyntaxError, Session, evaluate

__version__ = "0.1.0"

__all__ = ["ClError", "ClSyntaxError", "Session", "__version__", "evaluate", "parse"]
