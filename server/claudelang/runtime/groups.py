"""The builtin groups an import can name, as earlier releases allowed (LANGUAGE.md §10).

`(import "math" (sin cos))` where no module file `math` exists imports builtins: `math`,
`list`, `string`, `io`, `time`, `random` and `json` name groups of the registry, and the
group behaves as a module exporting its builtins under their own names. A module file of
the same name comes first: the group is only the fallback when the search finds no file.

The groups follow §8 and §5: `math`, `list` and `string` are the registry families of those
names; `io` and `random` the builtins performing that effect (aliases included); `time` the
`time:*` effects and the `datetime:*` functions; `json` the `json-*` functions. Both
`claudelang run` (`Session.load_module`) and the analysis (the workspace's resolver) read
this module, so they agree on what each group exports.
"""

from __future__ import annotations

from collections.abc import Callable

from claudelang.runtime.registry import Builtin, builtins

_MEMBERS: dict[str, Callable[[Builtin], bool]] = {
    "math": lambda b: b.family == "math",
    "list": lambda b: b.family == "lists",
    "string": lambda b: b.family == "strings",
    "io": lambda b: "io" in b.effects,
    "time": lambda b: b.name.startswith(("time:", "datetime:")),
    "random": lambda b: "random" in b.effects,
    "json": lambda b: b.name.startswith("json-"),
}

GROUPS: tuple[str, ...] = tuple(_MEMBERS)


def group_names(import_path: str) -> tuple[str, ...] | None:
    """The builtin names the group `import_path` exports, or None if it names no group."""
    member = _MEMBERS.get(import_path)
    if member is None:
        return None
    return tuple(name for name, entry in builtins().items() if member(entry))


def group_exports(import_path: str) -> dict[str, object] | None:
    """Name → value of the builtins the group `import_path` exports (None: not a group)."""
    names = group_names(import_path)
    table = builtins()
    return None if names is None else {name: table[name].value for name in names}
