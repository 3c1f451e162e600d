"""Package attributes imported when first read (a PEP 562 module `__getattr__`).

A package whose `__init__` re-exports names of heavy submodules lists them with
`lazy_exports` instead of importing them, so that importing one light submodule (the
language server reads `Builtin` from `claudelang.runtime.registry`) does not import the
rest (the standard library, the VM, the compiler, the JIT).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, Sequence[str]]) -> Callable[[str], Any]:
    """The `__getattr__` of `package`: each name listed in `homes` (module → names) is
    imported from that module when first read, then kept as an ordinary attribute."""
    home_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
