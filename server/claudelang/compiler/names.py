"""Python identifiers for ClaudeLang names, and the names of the runtime helpers.

CPython's compiler accepts any string as an identifier in an AST, so `string->list` and
`empty?` stay as written (tracebacks and `claudelang dis` stay readable). Only the names
CPython refuses (`None`, `True`, `False`, `__debug__`) get a `;` suffix. A `;` can never
occur in a ClaudeLang symbol, so the helpers and temporaries the compiler adds, which all
contain one, can never collide with user names.
"""

from __future__ import annotations

RESERVED = frozenset({"None", "True", "False", "__debug__", "__builtins__"})  # names Python gives a meaning


def mangle(name: str) -> str:
    """The Python identifier of a ClaudeLang global or local name."""
    return name + ";" if name in RESERVED else name


def helper(name: str) -> str:
    """The global under which the runtime helper `name` is installed in every namespace."""
    return ";" + name


# Helpers the generated code calls; `claudelang.runtime.support.HELPERS` provides them.
EQ = helper("eq")
DIV = helper("div")
MATCH_CTOR = helper("match_ctor")
MATCH_FAIL = helper("match_fail")
HANDLERS = helper("handlers")
TO_ERROR = helper("to_error")
MAKE_MAP = helper("make_map")
MAKE_LIST = helper("make_list")
REST_LIST = helper("rest_list")
MATCH_LIST = helper("match_list")
CONTRACT = helper("with_contract")
CONSTRUCTOR = helper("constructor")
IMPORT = helper("import_names")
EXPORT = helper("export")
EXPORTED = helper("exported")
ASCRIBE = helper("ascribe")
SET_GLOBAL = helper("set_global")
UNBOUND_LOCAL = helper("unbound_local")
NAMESPACE = helper("ns")
MUL = helper("mul")
MOD = helper("mod")
CAPITALISED_CALL = helper("capitalised_call")
NUMBER_TYPES = helper("number_types")
SAME_FUNCTION = helper("same_function")
SAME_LOOP = helper("same_loop")
TOO_DEEP = helper("too_deep")
DEPTH_LIMIT = helper("depth_limit")

# Python builtins the generated code uses, installed under `;`-suffixed names (the
# namespace has no `__builtins__`, so user code can never reach Python's own).
TYPE = "type;"
REVERSED = "reversed;"
LEN = "len;"
RANGE = "range;"
ITER = "iter;"
CHAIN = "chain;"

EXCEPTION = "Exception;"
