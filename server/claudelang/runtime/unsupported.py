"""Names of earlier releases' features that are not part of ClaudeLang 1.1 (LANGUAGE.md §10).

Mutable pairs (`set-car!`, `set-cdr!`) and the `graph:`, `trace:`, `optimize:` and
`semantic:` operations (whatever the op after the colon) are not builtins: a program that
uses one, without defining that name itself, refers to an unbound name. Instead of
"unbound name", `claudelang run` (kind "unsupported", `vm.pyerrors`) and `claudelang check`
(`analysis.checks.report_unbound`) both give the message below, which names the feature.
"""

from __future__ import annotations

MUTABLE_PAIRS = frozenset({"set-car!", "set-cdr!"})
NEVER_RAN = ("graph", "trace", "optimize", "semantic")


def unsupported_feature(name: str) -> str | None:
    """Why the unbound `name` is a feature ClaudeLang 1.1 does not have, or None."""
    if name in MUTABLE_PAIRS:
        return f"{name}: mutable pairs are not supported: lists are immutable (build a new list instead)"
    kind, colon, op = name.partition(":")
    if colon and op and kind in NEVER_RAN:
        return f"{name}: the {kind}: operations never ran in any ClaudeLang release and are not part of 1.1"
    return None
