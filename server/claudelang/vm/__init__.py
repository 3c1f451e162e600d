"""The VM: run compiled ClaudeLang (CPython code objects) in persistent sessions.

`Session` ties the pieces together: parse (`syntax`), compile (`compiler`), run with the
builtins and helpers (`runtime`, `vm.support`), map errors back to ClaudeLang source
(`vm.tracebacks`) and load modules (`vm.loader`).
"""

from claudelang.vm.session import ClSyntaxError, Session, evaluate

__all__ = ["ClSyntaxError", "Session", "evaluate"]
