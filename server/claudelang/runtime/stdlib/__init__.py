"""The standard library of LANGUAGE.md §8, one module per family.

Importing this package registers every builtin in `claudelang.runtime.registry.BUILTINS`;
the modules are imported for that side effect only. Families: operators (arithmetic,
comparison, equality), lists, listfns (higher-order list functions), functions, strings,
math, maps (maps and sets), predicates, jsontime (JSON and datetimes) and effectops (the
effectful `kind:op` builtins, error values and contract switches).
"""

from claudelang.runtime.stdlib import (
    effectops,
    functions,
    jsontime,
    listfns,
    lists,
    maps,
    math,
    operators,
    predicates,
    strings,
)

__all__ = [
    "effectops",
    "functions",
    "jsontime",
    "listfns",
    "lists",
    "maps",
    "math",
    "operators",
    "predicates",
    "strings",
]
