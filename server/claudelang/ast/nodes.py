"""AST node classes produced by lowering (`claudelang.syntax.lower`).

Every node carries `start`/`end` byte offsets relative to its top-level form's `Anchor`;
`node.span` gives the absolute `Span`. Nodes compare by identity; `dump()` prints a tree
with absolute positions, which is what tests compare.

Families: literals and names; quoted data; collections and calls; binding forms;
control flow; pattern matching; data types, effects, contracts and modules; `ErrorNode`
where lowering reported a diagnostic and could not build anything better.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from claudelang.ast.span import Anchor, Span

__all__ = [
    "And",
    "Ascribe",
    "Binder",
    "BoolLit",
    "Call",
    "Cond",
    "CondClause",
    "Contract",
    "ContractClause",
    "CtorDef",
    "Data",
    "Define",
    "Do",
    "Effect",
    "ErrorNode",
    "Expr",
    "FloatLit",
    "Handler",
    "HandlerClause",
    "If",
    "Import",
    "ImportName",
    "IntLit",
    "KeywordLit",
    "Lambda",
    "Let",
    "LetBinding",
    "ListLit",
    "Literal",
    "MapLit",
    "Match",
    "MatchClause",
    "ModuleForm",
    "Name",
    "NilLit",
    "Node",
    "Or",
    "PConstructor",
    "PList",
    "PLiteral",
    "PVar",
    "PWildcard",
    "Pattern",
    "Quote",
    "QuotedList",
    "QuotedMap",
    "QuotedSymbol",
    "SetBang",
    "StrLit",
    "Try",
    "When",
    "While",
    "dump",
]


@dataclass(slots=True, eq=False)
class Node:
    start: int
    end: int
    anchor: Anchor

    @property
    def span(self) -> Span:
        return self.anchor.span(self.start, self.end)

    @property
    def source(self) -> str:
        """The node's source text."""
        return self.anchor.source(self.start, self.end)


class Expr(Node):
    """Marker base for nodes that evaluate to a value."""

    __slots__ = ()


# ---------------------------------------------------------------- literals and names


@dataclass(slots=True, eq=False)
class IntLit(Expr):
    value: int


@dataclass(slots=True, eq=False)
class FloatLit(Expr):
    value: float


@dataclass(slots=True, eq=False)
class StrLit(Expr):
    value: str


@dataclass(slots=True, eq=False)
class BoolLit(Expr):
    value: bool


@dataclass(slots=True, eq=False)
class NilLit(Expr):
    pass


@dataclass(slots=True, eq=False)
class KeywordLit(Expr):
    name: str  # without the leading ':'


Literal = IntLit | FloatLit | StrLit | BoolLit | NilLit | KeywordLit


@dataclass(slots=True, eq=False)
class Name(Expr):
    """A reference to a binding."""

    name: str


@dataclass(slots=True, eq=False)
class Binder(Node):
    """A binding occurrence: a defined name, a parameter, a pattern variable."""

    name: str


@dataclass(slots=True, eq=False)
class ErrorNode(Expr):
    """Stands where lowering reported an error; evaluating it raises that error."""

    message: str


# ---------------------------------------------------------------- quoted data


@dataclass(slots=True, eq=False)
class QuotedSymbol(Node):
    name: str


@dataclass(slots=True, eq=False)
class QuotedList(Node):
    items: list[Node]


@dataclass(slots=True, eq=False)
class QuotedMap(Node):
    items: list[Node]  # alternating keys and values


@dataclass(slots=True, eq=False)
class Quote(Expr):
    datum: Node  # a literal, QuotedSymbol, QuotedList or QuotedMap


# ---------------------------------------------------------------- collections and calls


@dataclass(slots=True, eq=False)
class ListLit(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class MapLit(Expr):
    items: list[Expr]  # alternating keys and values


@dataclass(slots=True, eq=False)
class Call(Expr):
    callee: Expr
    args: list[Expr]


# ---------------------------------------------------------------- binding forms


@dataclass(slots=True, eq=False)
class Lambda(Expr):
    params: list[Binder]
    rest: Binder | None
    body: list[Expr]
    name: str | None  # the defined name for `(define (f ...) ...)`


@dataclass(slots=True, eq=False)
class Define(Expr):
    name: Binder
    value: Expr
    is_function: bool  # written `(define (f ...) ...)`


@dataclass(slots=True, eq=False)
class LetBinding(Node):
    name: Binder
    value: Expr


@dataclass(slots=True, eq=False)
class Let(Expr):
    keyword: str  # let, let*, letrec
    bindings: list[LetBinding]
    body: list[Expr]
    loop: Binder | None  # named let


@dataclass(slots=True, eq=False)
class SetBang(Expr):
    target: Name
    value: Expr


# ---------------------------------------------------------------- control flow


@dataclass(slots=True, eq=False)
class If(Expr):
    test: Expr
    then: Expr
    otherwise: Expr | None


@dataclass(slots=True, eq=False)
class CondClause(Node):
    test: Expr | None  # None for `else`
    body: list[Expr]


@dataclass(slots=True, eq=False)
class Cond(Expr):
    clauses: list[CondClause]


@dataclass(slots=True, eq=False)
class When(Expr):
    test: Expr
    body: list[Expr]
    negated: bool  # `unless`


@dataclass(slots=True, eq=False)
class And(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class Or(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class Do(Expr):
    body: list[Expr]


@dataclass(slots=True, eq=False)
class While(Expr):
    test: Expr
    body: list[Expr]


@dataclass(slots=True, eq=False)
class Try(Expr):
    body: list[Expr]
    catch_var: Binder | None
    catch_body: list[Expr] | None
    finally_body: list[Expr] | None


# ---------------------------------------------------------------- pattern matching


@dataclass(slots=True, eq=False)
class PLiteral(Node):
    value: Literal


@dataclass(slots=True, eq=False)
class PWildcard(Node):
    pass


@dataclass(slots=True, eq=False)
class PVar(Node):
    binder: Binder


@dataclass(slots=True, eq=False)
class PList(Node):
    items: list[Pattern]
    rest: Binder | PWildcard | None


@dataclass(slots=True, eq=False)
class PConstructor(Node):
    name: Name
    args: list[Pattern]
    bare: bool  # written `None` rather than `(None)`


Pattern = PLiteral | PWildcard | PVar | PList | PConstructor


@dataclass(slots=True, eq=False)
class MatchClause(Node):
    pattern: Pattern
    body: list[Expr]


@dataclass(slots=True, eq=False)
class Match(Expr):
    subject: Expr
    clauses: list[MatchClause]


# ---------------------------------------------------------------- data, effects, contracts, modules


@dataclass(slots=True, eq=False)
class CtorDef(Node):
    name: Binder
    fields: list[Node]  # field types, kept as quoted data


@dataclass(slots=True, eq=False)
class Data(Expr):
    name: Binder
    type_vars: list[Binder]
    ctors: list[CtorDef]


@dataclass(slots=True, eq=False)
class Ascribe(Expr):
    expr: Expr
    type: Node  # quoted data: a type name or a type application


@dataclass(slots=True, eq=False)
class Effect(Expr):
    op: Name  # `kind:op`
    args: list[Expr]


@dataclass(slots=True, eq=False)
class HandlerClause(Node):
    op: Name  # `kind:op` or a whole kind such as `io`
    fn: Expr


@dataclass(slots=True, eq=False)
class Handler(Expr):
    clauses: list[HandlerClause]
    body: list[Expr]


@dataclass(slots=True, eq=False)
class ContractClause(Node):
    key: str  # keyword name without ':' (aliases kept as written)
    value: Expr  # a ListLit of conditions for :requires/:ensures, else any expression


@dataclass(slots=True, eq=False)
class Contract(Expr):
    target: Name
    clauses: list[ContractClause]


@dataclass(slots=True, eq=False)
class ModuleForm(Expr):
    name: Binder
    exports: list[Name]
    body: list[Expr]
    export_all: bool = False  # no export list (LANGUAGE.md §10): every top-level definition

    @property
    def exported_names(self) -> list[str]:
        """The export list's names, or with none, the body's top-level definitions."""
        if not self.export_all:
            return [export.name for export in self.exports]
        names: list[str] = []
        for form in self.body:
            if isinstance(form, Define):
                names.append(form.name.name)
            elif isinstance(form, Data):
                names.extend(ctor.name.name for ctor in form.ctors)
        return names


@dataclass(slots=True, eq=False)
class ImportName(Node):
    name: Name  # the exported name
    alias: Binder  # the local name (same text as `name` when there is no alias)


@dataclass(slots=True, eq=False)
class Import(Expr):
    path: StrLit
    names: list[ImportName]
    star: bool
    qualified: bool = False  # `(import "lib/m")`: every export, as m.x and m:x (LANGUAGE.md §10)


# ---------------------------------------------------------------- printing


def dump(node: object) -> object:
    """A nested-tuple picture of `node` with absolute spans, for tests and debugging."""
    if isinstance(node, list):
        return [dump(item) for item in node]
    if not isinstance(node, Node):
        return node
    span = node.span
    parts: list[object] = [type(node).__name__, (span.start_byte, span.end_byte, str(span.start))]
    for field in fields(node):
        if field.name not in ("start", "end", "anchor"):
            parts.append(dump(getattr(node, field.name)))
    return tuple(parts)
