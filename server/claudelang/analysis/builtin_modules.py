"""The builtin groups as modules for the analysis: `(import "math" (sin cos))` where no file
`math` exists (LANGUAGE.md §10).

`runtime.groups` decides what each group exports, for `claudelang run` and the editor
alike; here a group becomes the `ModuleInfo` a resolver answers when no file provides the
path. Its exports have no `Definition` (they are builtins, not code in a file).
"""

from __future__ import annotations

from claudelang.analysis.document import ModuleInfo
from claudelang.runtime.groups import group_names


def builtin_module(import_path: str) -> ModuleInfo | None:
    """The module the builtin group `import_path` forms, or None if it names no group."""
    names = group_names(import_path)
    if names is None:
        return None
    return ModuleInfo(f"<builtin {import_path}>", dict.fromkeys(names))
