"""The ClaudeLang runtime: values, printing, equality, errors, effects and the standard library.

Compiled ClaudeLang code (see `claudelang.compiler`) calls into this package; the editor
reads the builtin registry for hover, completion and signature help. The standard
library (`stdlib`) registers itself the first time the builtins are read
(`registry.builtins()`), and the names below are imported when first read: importing
`registry` for `Builtin` or `errors` for `ClError` stays cheap.

Code map:

- `errors`     — `ClError`, `Location`, `Frame`; `from_python_exception`
- `equality`   — `values_equal` (ClaudeLang `=`) and `key_of` (dict keys that agree with it)
- `values`     — `Keyword`, `Symbol`, `Tuple`, `Constructor`, `AdtValue`, `StateCell`, `truthy`
- `containers` — immutable insertion-ordered `Map` and `Set`
- `numeric`    — arbitrary-size int ↔ text, ClaudeLang number parsing
- `printer`    — `show`, `display`, `type_name`, `describe`
- `checks`     — argument checks and the type/arity errors builtins raise
- `ordering`   — natural order for sort, min/max and comparisons
- `settings`   — `Settings` (output stream, network permission, contracts flag, rng)
- `effects`    — `perform`, `handlers` (the dynamic handler stack), effect defaults
- `registry`   — `Builtin` records, `BUILTINS`, `lookup`, `check_arity`, `global_bindings`
- `stdlib/`    — every builtin of LANGUAGE.md §8, one module per family

Architecture invariant: the runtime imports nothing from `syntax`, `analysis` or `lsp`;
no builtin lets a Python exception escape for a user mistake (each raises `ClError`).
"""

from claudelang.lazy import lazy_exports

__getattr__ = lazy_exports(
    __name__,
    {
        "claudelang.runtime.containers": ["Map", "Set"],
        "claudelang.runtime.effects": ["EFFECT_KINDS", "handlers", "perform"],
        "claudelang.runtime.equality": ["key_of", "values_equal"],
        "claudelang.runtime.errors": ["ClError", "Frame", "Location", "from_python_exception"],
        "claudelang.runtime.printer": ["describe", "display", "show", "type_name"],
        "claudelang.runtime.registry": ["BUILTINS", "Builtin", "check_arity", "global_bindings", "lookup"],
        "claudelang.runtime.settings": ["DEFAULT_SETTINGS", "Settings", "get_settings", "use_settings"],
        "claudelang.runtime.values": [
            "AdtValue",
            "Constructor",
            "Keyword",
            "StateCell",
            "Symbol",
            "Tuple",
            "match_constructor",
            "truthy",
        ],
    },
)

__all__ = [
    "BUILTINS",
    "DEFAULT_SETTINGS",
    "EFFECT_KINDS",
    "AdtValue",
    "Builtin",
    "ClError",
    "Constructor",
    "Frame",
    "Keyword",
    "Location",
    "Map",
    "Set",
    "Settings",
    "StateCell",
    "Symbol",
    "Tuple",
    "check_arity",
    "describe",
    "display",
    "from_python_exception",
    "get_settings",
    "global_bindings",
    "handlers",
    "key_of",
    "lookup",
    "match_constructor",
    "perform",
    "show",
    "truthy",
    "type_name",
    "use_settings",
    "values_equal",
]
