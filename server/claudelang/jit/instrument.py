"""Counting calls and loop iterations in the VM, by rewriting the AST before it is compiled.

The VM has no counters of its own, so the JIT adds them to the code it compiles — only
where native code could take over (the `subset` analysis decides), so other programs run
unchanged. Every entry point gets a global flag `;jit-hot-K` and a callable `;jit-K`
(names with `;` cannot clash with ClaudeLang names), installed by the tiering manager:

    (define (f x) body...)
      → (define (f x) (let ((;r (and ;jit-hot-K (;jit-K x)))) (if ;r ;r (do body...))))
    (let loop ((i 0)) body...)
      → (let loop ((i 0)) (let ((;r (and ;jit-hot-K (;jit-K i free...)))) (if ;r ;r (do body...))))
    (while test body...)
      → (while test (let ((;r (and ;jit-hot-K (;jit-K vars...))))
                      (if ;r (do (set! v (;jit-get ;r 0)) ...) (do body...))))

`;jit-K` counts; once native code exists for the argument types it *is* that native code
(a dispatcher returning the result, or nil to carry on in the VM): the function's or the
loop's remaining work then runs natively — on-stack replacement at the top of an
iteration. A `while` returns the variables it assigned; the VM stores them and, as the
test is pure, leaves the loop. When counting stops (nothing to compile), the flag turns
#f and the cost is one global lookup per call or iteration.

Rewritten nodes keep the spans of the originals, and the original AST (with its analysis)
is what gets compiled to native code.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, fields, replace

from claudelang.ast import nodes as a
from claudelang.ast.walk import children
from claudelang.jit import subset
from claudelang.jit.subset import Analysis, Code, Var, WhileSite

RESULT = ";r"
GET = ";jit-get"
SYNC = ";jit-sync"
_ids = itertools.count(1)


@dataclass(eq=False)
class EntryPlan:
    """One place the VM counts and may switch to native code."""

    kind: str  # "function", "loop" or "while"
    owner: str  # the global function's name, or "top level"
    analysis: Analysis
    params: list[Var]
    code: Code | None = None
    site: WhileSite | None = None
    count_only: bool = False  # the VM cannot use a native result here: never run native code
    ident: int = field(default_factory=lambda: next(_ids))

    @property
    def hot_name(self) -> str:
        return f";jit-hot-{self.ident}"

    @property
    def entry_name(self) -> str:
        return f";jit-{self.ident}"

    @property
    def label(self) -> str:
        if self.kind == "function":
            return self.owner
        if self.kind == "loop":
            assert self.code is not None
            return f"{self.owner}/{self.code.name}"
        assert self.site is not None
        return f"{self.owner}/while@{self.site.node.span.start.line + 1}"


@dataclass(eq=False)
class FormPlan:
    """What the JIT did to one top-level form."""

    original: a.Expr
    node: a.Expr
    function: EntryPlan | None = None  # for `(define (f ...) ...)`: f's own entry
    function_name: str | None = None
    analysis: Analysis | None = None
    entries: list[EntryPlan] = field(default_factory=list)
    contracts: list[str] = field(default_factory=list)  # functions this form gives contracts
    syncs: bool = False  # `;jit-sync` calls were inserted


def may_plan(form: a.Expr) -> bool:
    """Whether `plan_form` could change `form` or record anything for it: a function
    definition, a contract, a `do` (sync points) or a loop somewhere inside. Most forms
    typed at a prompt are none of these, and checking is far cheaper than the analysis."""
    if isinstance(form, (a.Do, a.Contract)) or (isinstance(form, a.Define) and isinstance(form.value, a.Lambda)):
        return True
    work: list[a.Node] = [form]
    while work:
        node = work.pop()
        if isinstance(node, a.While) or (isinstance(node, a.Let) and node.loop is not None):
            return True
        work.extend(children(node))
    return False


def plan_form(form: a.Expr, user_globals: set[str], builtin_names: set[str]) -> FormPlan:
    """Analyse one top-level form and rewrite it with counters where native code may help."""
    plan = FormPlan(form, form)
    plan.contracts = contract_targets(form)
    if isinstance(form, a.Define) and isinstance(form.value, a.Lambda):
        name = form.name.name
        analysis = subset.analyze_function(form, user_globals, builtin_names)
        plan.function_name, plan.analysis = name, analysis
        replacements = loop_entries(plan, analysis, name)
        root = analysis.root
        if analysis.problem is None and form.value.body and all(map(root.sees, root.params)):
            entry = EntryPlan("function", name, analysis, root.params, code=root, count_only=has_defines(root.body))
            plan.function = entry
            plan.entries.insert(0, entry)
            replacements[id(form.value)] = function_with_entry(form.value, entry)
        plan.node = rebuild(form, replacements)
        return plan
    target = form.value if isinstance(form, a.Define) else form
    analysis = subset.analyze_toplevel(target, user_globals, builtin_names)
    plan.analysis = analysis
    replacements = loop_entries(plan, analysis, "top level")
    if isinstance(form, a.Do):
        replacements.update(sync_points(form))
        plan.syncs = True
    plan.node = rebuild(form, replacements)
    return plan


def loop_entries(plan: FormPlan, analysis: Analysis, owner: str) -> dict[int, a.Node]:
    """Entries for every named let and while loop that native code could take over."""
    replacements: dict[int, a.Node] = {}
    for code in analysis.codes:
        if code is analysis.root or not isinstance(code.node, a.Let):
            continue
        params = [*code.params, *code.free]
        if analysis.loop_problem(code) is not None or has_defines(code.body) or not all(map(code.sees, params)):
            continue
        entry = EntryPlan("loop", owner, analysis, params, code=code)
        plan.entries.append(entry)
        replacements[id(code.node)] = replace(code.node, body=[guarded_body(entry, code.node, code.body)])
    for site in analysis.whiles:
        if analysis.while_problem(site) is not None or not site.assigned or not all(map(site.sees, site.free)):
            continue
        entry = EntryPlan("while", owner, analysis, site.free, site=site)
        plan.entries.append(entry)
        replacements[id(site.node)] = replace(site.node, body=[guarded_while_body(entry, site)])
    return replacements


def has_defines(forms: list[a.Expr]) -> bool:
    return any(isinstance(form, a.Define) for form in forms)


def function_with_entry(lam: a.Lambda, entry: EntryPlan) -> a.Lambda:
    if entry.count_only:  # wrapping would move the defines into another scope: count only
        return replace(lam, body=[counter(entry, lam), *lam.body])
    return replace(lam, body=[guarded_body(entry, lam, lam.body)])


# ---------------------------------------------------------------- node construction


class Make:
    """Builds nodes positioned at `at` (so any position they report is the original's)."""

    def __init__(self, at: a.Node) -> None:
        self.at = at

    def span(self) -> tuple[int, int, object]:
        return self.at.start, self.at.end, self.at.anchor

    def name(self, text: str) -> a.Name:
        return a.Name(*self.span(), text)  # type: ignore[arg-type]

    def binder(self, text: str) -> a.Binder:
        return a.Binder(*self.span(), text)  # type: ignore[arg-type]

    def call(self, callee: str, args: list[a.Expr]) -> a.Call:
        return a.Call(*self.span(), self.name(callee), args)  # type: ignore[arg-type]

    def entry_call(self, entry: EntryPlan) -> a.And:
        args: list[a.Expr] = [self.name(var.name) for var in entry.params]
        return a.And(*self.span(), [self.name(entry.hot_name), self.call(entry.entry_name, args)])  # type: ignore[arg-type]

    def let_result(self, value: a.Expr, body: a.Expr) -> a.Let:
        binding = a.LetBinding(*self.span(), self.binder(RESULT), value)  # type: ignore[arg-type]
        return a.Let(*self.span(), "let", [binding], [body], None)  # type: ignore[arg-type]

    def if_(self, test: a.Expr, then: a.Expr, otherwise: a.Expr) -> a.If:
        return a.If(*self.span(), test, then, otherwise)  # type: ignore[arg-type]

    def do(self, body: list[a.Expr]) -> a.Do:
        return a.Do(*self.span(), body)  # type: ignore[arg-type]


def counter(entry: EntryPlan, at: a.Node) -> a.Expr:
    """Count only (the native result cannot be used here): `(and ;jit-hot-K (;jit-K args...))`."""
    return Make(at).entry_call(entry)


def guarded_body(entry: EntryPlan, at: a.Node, body: list[a.Expr]) -> a.Expr:
    make = Make(at)
    return make.let_result(make.entry_call(entry), make.if_(make.name(RESULT), make.name(RESULT), make.do(body)))


def guarded_while_body(entry: EntryPlan, site: WhileSite) -> a.Expr:
    make = Make(site.node)
    stores: list[a.Expr] = []
    for index, var in enumerate(site.assigned):
        value = make.call(GET, [make.name(RESULT), a.IntLit(*make.span(), index)])  # type: ignore[arg-type]
        stores.append(a.SetBang(*make.span(), make.name(var.name), value))  # type: ignore[arg-type]
    return make.let_result(
        make.entry_call(entry), make.if_(make.name(RESULT), make.do(stores), make.do(site.node.body))
    )


def sync_points(form: a.Do) -> dict[int, a.Node]:
    """In a top-level `do`, check compiled code right after each definition that is not last."""
    replacements: dict[int, a.Node] = {}
    body: list[a.Expr] = []
    changed = False
    for index, item in enumerate(form.body):
        body.append(item)
        if index < len(form.body) - 1 and binds_globals(item):
            body.append(Make(item).call(SYNC, []))
            changed = True
    if changed:
        replacements[id(form)] = replace(form, body=body)
    return replacements


def binds_globals(node: a.Expr) -> bool:
    return isinstance(node, (a.Define, a.Import, a.Data, a.ModuleForm, a.Contract, a.Do))


def contract_targets(form: a.Expr) -> list[str]:
    """Functions that a top-level form (or a `do` there) attaches contracts to."""
    if isinstance(form, a.Contract):
        return [form.target.name]
    if isinstance(form, a.Do):
        return [name for item in form.body for name in contract_targets(item)]
    return []


# ---------------------------------------------------------------- rebuilding


def rebuild(node: a.Node, replacements: dict[int, a.Node]) -> a.Node:
    """`node` with the replaced subtrees swapped in; unchanged subtrees are shared."""
    if not replacements:
        return node
    return _rebuild(node, replacements)


def _rebuild(node: a.Node, replacements: dict[int, a.Node]) -> a.Node:
    replacement = replacements.get(id(node))
    if replacement is not None:
        node = replacement
    changes = {}
    for item in fields(node):
        value = getattr(node, item.name)
        new = _rebuild_value(value, replacements)
        if new is not value:
            changes[item.name] = new
    return replace(node, **changes) if changes else node


def _rebuild_value(value: object, replacements: dict[int, a.Node]) -> object:
    if isinstance(value, a.Node):
        return _rebuild(value, replacements)
    if isinstance(value, list):
        items = [_rebuild_value(item, replacements) for item in value]
        return items if any(new is not old for new, old in zip(items, value, strict=True)) else value
    return value
