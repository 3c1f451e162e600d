"""Make `claudelang.runtime` importable for these tests, whatever state the rest is in.

The runtime needs nothing from `claudelang/__init__.py` (which imports the syntax layer,
possibly mid-edit on another branch of work). If that import fails, register a bare
`claudelang` package so `claudelang.runtime` still imports.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

SERVER = Path(__file__).resolve().parents[2] / "server"
if str(SERVER) not in sys.path:
    sys.path.insert(0, str(SERVER))

try:
    import claudelang  # noqa: F401
except Exception:  # the syntax layer is broken: load the runtime without it
    for name in [n for n in sys.modules if n == "claudelang" or n.startswith("claudelang.")]:
        del sys.modules[name]
    package = types.ModuleType("claudelang")
    package.__path__ = [str(SERVER / "claudelang")]
    sys.modules["claudelang"] = package
