"""ClaudeLang: an editor-first S-expression language.

The public Python API lives here: `parse` (syntax layer) now; `Session` and `evaluate`
(the VM) are added by `claudelang.runtime`.
"""

from claudelang.syntax import parse

__version__ = "0.1.0"

__all__ = ["__version__", "parse"]
