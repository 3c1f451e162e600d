"""The facts of the semantic model: definitions, references and their kinds.

Produced once per top-level form by `claudelang.semantics.resolve`, and read by every
consumer: the editor's analysis, the compiler and the JIT's subset check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from claudelang.ast import nodes as a


class DefKind(Enum):
    FUNCTION = "function"
    VARIABLE = "variable"
    PARAMETER = "parameter"
    LOCAL = "local"
    CONSTRUCTOR = "constructor"
    TYPE = "type"
    IMPORT = "import"
    MODULE = "module"
    PATTERN = "pattern variable"
    LOOP = "loop"


@dataclass(eq=False)
class Definition:
    """One binding occurrence."""

    name: str
    node: a.Node  # the Binder (or Name) that introduces it
    kind: DefKind
    form: a.Node  # the top-level form it belongs to
    is_global: bool = False
    value: a.Node | None = None  # the defining expression (a Lambda for functions)
    scope: a.Node | None = None  # where a local binding is visible
    references: list[Reference] = field(default_factory=list)

    @property
    def lambda_node(self) -> a.Lambda | None:
        return self.value if isinstance(self.value, a.Lambda) else None

    def signature(self) -> str:
        fn = self.lambda_node
        if fn is None:
            if self.kind is DefKind.CONSTRUCTOR and isinstance(self.value, a.CtorDef):
                fields = " ".join(f.source for f in self.value.fields)
                return f"({self.name}{' ' + fields if fields else ''})"
            return self.name
        params = [p.name for p in fn.params]
        if fn.rest is not None:
            params.append("..." + fn.rest.name)
        return "(" + " ".join([self.name, *params]) + ")"

    @cached_property
    def shape(self) -> tuple[object, ...]:
        """What a call's checks read of it: kind (twice; an import's second is that of what it
        names), arity and parameter names. Made once: the facts of a form never change."""
        fn = self.lambda_node
        params = tuple(p.name for p in fn.params) + (("..." + fn.rest.name,) if fn.rest else ()) if fn else ()
        return (self.kind, self.kind, self.arity(), params)

    def arity(self) -> tuple[int, int | None] | None:
        fn = self.lambda_node
        if fn is not None:
            return len(fn.params), None if fn.rest else len(fn.params)
        if self.kind is DefKind.CONSTRUCTOR and isinstance(self.value, a.CtorDef):
            count = len(self.value.fields)
            return count, count
        return None


@dataclass(eq=False)
class Reference:
    """One use of a name.

    `target` is the local definition it names, or None for a free name of the form (a
    global, an import or a builtin, resolved against the document or the namespace).
    A name inside a contract clause that no inner binding captures has `contract` set:
    it names the contract target's parameter of that name (or, in `:ensures`, `result`)
    when there is one, and `target` otherwise. A constructor pattern's name is a
    `pattern` reference: matching goes by the constructor's name, so it is never unbound.
    A `deferred` reference runs only when the function around it is called; any other
    runs when its top-level form does, so it sees only the globals defined before.
    """

    node: a.Name
    target: Definition | None
    is_write: bool = False
    is_call: bool = False
    contract: a.Contract | None = None
    ensures: bool = False
    pattern: bool = False
    deferred: bool = False  # inside a function (or contract clause): runs when called, not here
    early: bool = False  # reads a define of its body (or a global's own init) before it has run


def unbound_message(name: str) -> str:
    """What `check` and `run` both say about an unbound name."""
    if name == "let":  # LANGUAGE.md §10: `let x = 42;` of a later, non-S-expression syntax
        return "unbound name 'let': the later syntax `let x = 42;` is not part of ClaudeLang 1.1; write (define x 42)"
    return f"unbound name '{name}'"


def early_message(name: str) -> str:
    """What `check` and `run` both say about a binding read before its definition ran
    (LANGUAGE.md 1.1 §3)."""
    return f"'{name}' used before its definition"
