"""What the JIT can compile: the numeric subset, checked on the AST with the VM's scoping.

`analyze_function(lambda)` and `analyze_toplevel(form)` walk code as the compiler compiles
it — the same blocks, the same predeclaration of internal defines, the same self-tail-call
rule — and read which binding every name means from the semantic model
(`claudelang.semantics.resolve`), the one the compiler and the editor read. They record,
without looking at any value:

- which binding (`Var`) or global name every `Name` refers to, and what every call calls
  (a builtin operation, a global function, a named-let loop, or itself in tail position);
- each named-let loop as a `Code` (it becomes its own native function) and each `while`
  loop as a `WhileSite`, with their free variables — these are also the places where a
  running VM function can switch to native code (on-stack replacement);
- every construct outside the subset, with the reason, attached to each enclosing code
  and loop, so a loop can still be compiled when something else in its function cannot.

Types come later (`infer`); nothing here imports llvmlite, so this runs at definition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from claudelang.ast import nodes as a
from claudelang.jit import operations as ops
from claudelang.jit.types import Unsupported, fits_i64
from claudelang.semantics.resolve import FormFacts, resolve_form


@dataclass(eq=False)
class Var:
    """One local binding (parameter, `let` name, loop parameter, internal define)."""

    name: str
    code: Code
    whiles: tuple[WhileSite, ...]  # while loops of `code` enclosing the binding
    predeclared: bool = False
    assigned: bool = True
    loop_code: Code | None = None  # set for the name a named let binds

    def __repr__(self) -> str:
        return f"Var({self.name})"


@dataclass(eq=False)
class Code:
    """A native function: the global function itself, or a named-let loop inside it."""

    node: a.Node  # the Lambda, the named Let, or the top-level form
    parent: Code | None
    name: str
    body: list[a.Expr]
    params: list[Var] = field(default_factory=list)
    is_function: bool = False  # a global function (its self tail calls loop too)
    refs: list[Var] = field(default_factory=list)  # read or assigned directly in this code
    children: list[Code] = field(default_factory=list)
    loop_calls: list[Code] = field(default_factory=list)  # loops this code calls (not tail self)
    free: list[Var] = field(default_factory=list)
    problem: Unsupported | None = None
    head: Block | None = None  # the scope at the start of the body

    def sees(self, var: Var) -> bool:
        """Whether `var`'s name, written at the start of the body, means `var`."""
        return self.head is not None and self.head.lookup(var.name) is var

    def encloses(self, other: Code) -> bool:
        code: Code | None = other
        while code is not None:
            if code is self:
                return True
            code = code.parent
        return False


@dataclass(eq=False)
class WhileSite:
    """A `while` loop: native code can take it over between two iterations."""

    node: a.While
    code: Code
    refs: list[Var] = field(default_factory=list)
    nested: list[Code] = field(default_factory=list)
    loop_calls: list[Code] = field(default_factory=list)
    assigned: list[Var] = field(default_factory=list)
    free: list[Var] = field(default_factory=list)
    problem: Unsupported | None = None
    head: Block | None = None

    def sees(self, var: Var) -> bool:
        return self.head is not None and self.head.lookup(var.name) is var


Container = Code | WhileSite


@dataclass(frozen=True)
class OpCall:
    op: ops.Operation


@dataclass(frozen=True)
class GlobalCall:
    name: str
    tail_self: bool = False  # a self tail call of the global function: a loop back-edge


@dataclass(frozen=True)
class LoopCall:
    code: Code
    tail_self: bool = False


CallTarget = OpCall | GlobalCall | LoopCall


@dataclass(frozen=True)
class GlobalRef:
    """A global name read as a value: a builtin constant or a user global (known later)."""

    name: str
    builtin_value: float | None = None


@dataclass(eq=False)
class Analysis:
    root: Code
    codes: list[Code] = field(default_factory=list)
    whiles: list[WhileSite] = field(default_factory=list)
    names: dict[int, Var | GlobalRef] = field(default_factory=dict)  # id(Name) → target
    calls: dict[int, CallTarget] = field(default_factory=dict)  # id(Call) → target
    defines: dict[int, Var] = field(default_factory=dict)  # id(Define) → the local it assigns
    lets: dict[int, list[Var]] = field(default_factory=dict)  # id(Let) → bound vars
    loops: dict[int, Code] = field(default_factory=dict)  # id(named Let) → its code
    sets: dict[int, Var] = field(default_factory=dict)  # id(SetBang) → target

    @property
    def problem(self) -> Unsupported | None:
        return self.root.problem

    def loop_problem(self, code: Code) -> Unsupported | None:
        """Why the loop `code` cannot be compiled on its own (it and the loops it calls)."""
        seen: set[int] = set()
        todo = [code]
        while todo:
            current = todo.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if current.problem is not None:
                return current.problem
            if not code.encloses(current):
                return Unsupported(f"it calls the enclosing loop {current.name}", code.node)
            todo.extend(current.loop_calls)
            todo.extend(current.children)
        return None

    def while_problem(self, site: WhileSite) -> Unsupported | None:
        if site.problem is not None:
            return site.problem
        for code in site.loop_calls:
            if code not in site.nested:
                return Unsupported(f"it calls the enclosing loop {code.name}", site.node)
            problem = self.loop_problem(code)
            if problem is not None:
                return problem
        for code in site.nested:
            problem = self.loop_problem(code)
            if problem is not None:
                return problem
        return None


class Block:
    """A lexical scope, as the compiler's `Block`: the code it belongs to and the variables it
    binds, which tell what a code's or loop's head sees (`Code.sees`)."""

    def __init__(self, code: Code, parent: Block | None, toplevel: bool = False) -> None:
        self.code = code
        self.parent = parent
        self.toplevel = toplevel
        self.names: dict[str, Var] = {}

    def lookup(self, name: str) -> Var | None:
        block: Block | None = self
        while block is not None:
            var = block.names.get(name)
            if var is not None:
                return var
            block = block.parent
        return None


class Analyzer:
    """One walk over one global function or top-level form."""

    def __init__(
        self, facts: FormFacts, user_globals: set[str] | frozenset[str], builtin_names: set[str] | frozenset[str]
    ) -> None:
        self.facts = facts
        self.vars: dict[int, Var] = {}  # id(binder node) → its variable
        self.user_globals = user_globals
        self.builtin_names = builtin_names
        self.open: list[Container] = []
        self.whiles: list[WhileSite] = []  # open while loops of the current code
        self.code: Code | None = None
        self.analysis: Analysis | None = None

    # ------------------------------------------------------------ entry points

    def function(self, lam: a.Lambda, name: str) -> Analysis:
        root = Code(lam, None, name, lam.body, is_function=True)
        self.start(root)
        block = Block(root, None)
        if lam.rest is not None:
            self.problem(lam, "variadic parameters")
        for binder in lam.params:
            root.params.append(self.bind(block, binder))
        root.head = block
        with self.inside(root):
            self.body(lam.body, block, tail=True, allow_define=True)
        return self.finish()

    def toplevel(self, form: a.Expr) -> Analysis:
        root = Code(form, None, "top level", [form])
        self.start(root)
        with self.inside(root):
            self.visit(form, Block(root, None, toplevel=True), tail=False)
        return self.finish()

    def start(self, root: Code) -> None:
        self.analysis = Analysis(root)
        self.analysis.codes.append(root)
        self.code = root

    def finish(self) -> Analysis:
        analysis = self.analysis
        assert analysis is not None
        compute_free_variables(analysis)
        return analysis

    # ------------------------------------------------------------ bookkeeping

    @contextmanager
    def inside(self, container: Container) -> Iterator[None]:
        saved_code, saved_whiles = self.code, self.whiles
        if isinstance(container, Code):
            self.code, self.whiles = container, []
        else:
            self.whiles = [*self.whiles, container]
        self.open.append(container)
        try:
            yield
        finally:
            self.open.pop()
            self.code, self.whiles = saved_code, saved_whiles

    def problem(self, node: a.Node, reason: str) -> None:
        error = Unsupported(reason, node)
        for container in self.open:
            if container.problem is None:
                container.problem = error

    def bind(self, block: Block, binder: a.Node, predeclared: bool = False) -> Var:
        name = binder.name  # type: ignore[attr-defined]
        var = Var(name, block.code, tuple(self.whiles), predeclared=predeclared, assigned=not predeclared)
        block.names[name] = self.vars[id(binder)] = var
        return var

    def var_of(self, node: a.Name) -> Var | None:
        """The local variable `node` means (None for a global), as the model resolved it."""
        reference = self.facts.reference_for(node)
        if reference is None or reference.target is None:
            return None
        var = self.vars.get(id(reference.target.node))
        if var is None:  # a binding the subset does not compile (a local function)
            self.problem(node, f"{node.name} is bound by code that is not compiled")
            var = Var(node.name, self.code, ())  # type: ignore[arg-type]
        return var

    def use(self, var: Var) -> None:
        code = self.code
        assert code is not None
        if var not in code.refs:
            code.refs.append(var)
        for site in self.whiles:
            if var not in site.refs:
                site.refs.append(var)

    # ------------------------------------------------------------ bodies

    def body(self, forms: list[a.Expr], block: Block, tail: bool, allow_define: bool) -> None:
        """A body: internal defines are bound first (as the compiler predeclares them)."""
        if allow_define and not block.toplevel:
            for form in forms:
                if isinstance(form, a.Define):
                    self.bind(block, form.name, predeclared=True)
        for index, form in enumerate(forms):
            last = index == len(forms) - 1
            if isinstance(form, a.Define) and allow_define:
                self.define(form, block)
            else:
                self.visit(form, block, tail and last)

    def define(self, node: a.Define, block: Block) -> None:
        if isinstance(node.value, a.Lambda):
            self.problem(node, "local functions are not compiled")
            return
        self.visit(node.value, block, tail=False)
        if block.toplevel:
            self.problem(node, "a global definition")
            return
        var = self.vars.get(id(node.name)) or self.bind(block, node.name)
        var.assigned = True
        self.use(var)
        assert self.analysis is not None
        self.analysis.defines[id(node)] = var

    # ------------------------------------------------------------ expressions

    def visit(self, node: a.Expr, block: Block, tail: bool) -> None:
        handler = VISITORS.get(type(node))
        if handler is None:
            self.problem(node, f"{describe(node)} is not compiled")
            return
        handler(self, node, block, tail)

    def visit_int(self, node: a.IntLit, block: Block, tail: bool) -> None:
        if not fits_i64(node.value):
            self.problem(node, "an integer literal beyond 64 bits")

    def visit_simple(self, node: a.Expr, block: Block, tail: bool) -> None:
        """Float, boolean and nil literals: nothing to check."""

    def visit_name(self, node: a.Name, block: Block, tail: bool) -> None:
        assert self.analysis is not None
        var = self.var_of(node)
        if var is None:
            builtin = ops.CONSTANTS.get(node.name) if self.is_builtin(node.name) else None
            self.analysis.names[id(node)] = GlobalRef(node.name, builtin)
            return
        if var.loop_code is not None:
            self.problem(node, f"the loop {node.name} used as a value")
        elif not var.assigned:
            self.problem(node, f"{node.name} is used before its definition")
        self.analysis.names[id(node)] = var
        self.use(var)

    def is_builtin(self, name: str) -> bool:
        return name not in self.user_globals and name in self.builtin_names

    def visit_call(self, node: a.Call, block: Block, tail: bool) -> None:
        assert self.analysis is not None and self.code is not None
        for arg in node.args:
            self.visit(arg, block, tail=False)
        callee = node.callee
        if not isinstance(callee, a.Name):
            self.problem(node, "a call of a computed function")
            self.visit(callee, block, tail=False)
            return
        var = self.var_of(callee)
        if var is not None:
            self.loop_call(node, var, tail)
            return
        name = callee.name
        if self.is_builtin(name):
            op = ops.lookup(name)
            if op is None:
                self.problem(node, f"{name} is not implemented in native code")
                return
            if len(node.args) < op.min_args or (op.max_args is not None and len(node.args) > op.max_args):
                self.problem(node, f"{name} with {len(node.args)} arguments")
                return
            self.analysis.calls[id(node)] = OpCall(op)
            return
        code = self.code
        tail_self = (
            tail
            and code.is_function
            and code.parent is None
            and name == code.name
            and len(node.args) == len(code.params)
        )
        self.analysis.calls[id(node)] = GlobalCall(name, tail_self)

    def loop_call(self, node: a.Call, var: Var, tail: bool) -> None:
        assert self.analysis is not None and self.code is not None
        loop = var.loop_code
        if loop is None:
            self.problem(node, f"a call of the local {var.name}")
            return
        if len(node.args) != len(loop.params):
            self.problem(node, f"{var.name} called with {len(node.args)} arguments")
            return
        tail_self = tail and loop is self.code
        self.analysis.calls[id(node)] = LoopCall(loop, tail_self)
        if not tail_self:
            for container in (self.code, *self.whiles):
                if loop not in container.loop_calls:
                    container.loop_calls.append(loop)

    def visit_lambda(self, node: a.Lambda, block: Block, tail: bool) -> None:
        self.problem(node, "closures are not compiled")

    def visit_define(self, node: a.Define, block: Block, tail: bool) -> None:
        self.problem(node, "a definition inside an expression")

    def visit_let(self, node: a.Let, block: Block, tail: bool) -> None:
        assert self.analysis is not None
        if node.loop is not None:
            self.named_let(node, block)
            return
        inner = Block(block.code, block)
        bound = []
        for binding in node.bindings:
            if isinstance(binding.value, a.Lambda):
                self.problem(binding, "local functions are not compiled")
                continue
            self.visit(binding.value, inner, tail=False)
            bound.append(self.bind(inner, binding.name))
        self.analysis.lets[id(node)] = bound
        self.body(node.body, inner, tail, allow_define=True)

    def named_let(self, node: a.Let, block: Block) -> None:
        assert self.analysis is not None and self.code is not None and node.loop is not None
        for binding in node.bindings:
            self.visit(binding.value, block, tail=False)
        scope = Block(block.code, block)
        loop_var = self.bind(scope, node.loop)
        code = Code(node, self.code, node.loop.name, node.body)
        loop_var.loop_code = code
        self.code.children.append(code)
        for site in self.whiles:
            site.nested.append(code)
        self.analysis.codes.append(code)
        self.analysis.loops[id(node)] = code
        inner = Block(code, scope)
        code.head = inner
        with self.inside(code):
            for binding in node.bindings:
                code.params.append(self.bind(inner, binding.name))
            self.body(node.body, inner, tail=True, allow_define=True)

    def visit_set(self, node: a.SetBang, block: Block, tail: bool) -> None:
        assert self.analysis is not None and self.code is not None
        self.visit(node.value, block, tail=False)
        var = self.var_of(node.target)
        if var is None:
            self.problem(node, "set! of a global")
            return
        if var.loop_code is not None:
            self.problem(node, "set! of a loop name")
            return
        if not var.assigned:
            self.problem(node, f"set! of {var.name} before its definition")
            return
        if var.code is not self.code:
            self.problem(node, f"set! of {var.name}, a variable outside this named let")
            return
        self.analysis.sets[id(node)] = var
        self.use(var)
        for site in self.whiles:
            if site not in var.whiles and var not in site.assigned:
                site.assigned.append(var)

    def branch(self, forms: list[a.Expr], block: Block, tail: bool) -> None:
        self.body(forms, Block(block.code, block), tail, allow_define=True)

    def visit_if(self, node: a.If, block: Block, tail: bool) -> None:
        self.visit(node.test, block, tail=False)
        self.branch([node.then], block, tail)
        if node.otherwise is not None:
            self.branch([node.otherwise], block, tail)

    def visit_cond(self, node: a.Cond, block: Block, tail: bool) -> None:
        for clause in cond_clauses(node):
            if clause.test is not None:
                self.visit(clause.test, block, tail=False)
            if clause.body:
                self.branch(clause.body, block, tail)

    def visit_when(self, node: a.When, block: Block, tail: bool) -> None:
        self.visit(node.test, block, tail=False)
        self.branch(node.body, block, tail)

    def visit_and_or(self, node: a.And | a.Or, block: Block, tail: bool) -> None:
        for item in node.items:
            self.visit(item, block, tail=False)

    def visit_do(self, node: a.Do, block: Block, tail: bool) -> None:
        self.body(node.body, block, tail, allow_define=False)

    def visit_while(self, node: a.While, block: Block, tail: bool) -> None:
        assert self.analysis is not None and self.code is not None
        site = WhileSite(node, self.code)
        self.analysis.whiles.append(site)
        with self.inside(site):  # native code taking the loop over evaluates the test too
            self.visit(node.test, block, tail=False)
            inner = Block(block.code, block)
            site.head = inner
            for form in node.body:
                self.visit(form, inner, tail=False)


def cond_clauses(node: a.Cond) -> list[a.CondClause]:
    """The clauses the compiler looks at: up to and including the first `else`."""
    clauses = []
    for clause in node.clauses:
        clauses.append(clause)
        if clause.test is None:
            break
    return clauses


def describe(node: a.Node) -> str:
    names = {
        a.StrLit: "a string",
        a.KeywordLit: "a keyword",
        a.Quote: "quoted data",
        a.ListLit: "a list",
        a.MapLit: "a map",
        a.Try: "try",
        a.Match: "match",
        a.Data: "data",
        a.Ascribe: "a type ascription",
        a.Effect: "an effect",
        a.Handler: "a handler",
        a.Contract: "a contract",
        a.ModuleForm: "a module",
        a.Import: "an import",
        a.ErrorNode: "a syntax error",
    }
    return names.get(type(node), type(node).__name__)


VISITORS: dict[type, Callable[[Analyzer, a.Expr, Block, bool], None]] = {
    a.IntLit: Analyzer.visit_int,
    a.FloatLit: Analyzer.visit_simple,
    a.BoolLit: Analyzer.visit_simple,
    a.NilLit: Analyzer.visit_simple,
    a.Name: Analyzer.visit_name,
    a.Call: Analyzer.visit_call,
    a.Lambda: Analyzer.visit_lambda,
    a.Define: Analyzer.visit_define,
    a.Let: Analyzer.visit_let,
    a.SetBang: Analyzer.visit_set,
    a.If: Analyzer.visit_if,
    a.Cond: Analyzer.visit_cond,
    a.When: Analyzer.visit_when,
    a.And: Analyzer.visit_and_or,
    a.Or: Analyzer.visit_and_or,
    a.Do: Analyzer.visit_do,
    a.While: Analyzer.visit_while,
}


# ---------------------------------------------------------------- free variables


def compute_free_variables(analysis: Analysis) -> None:
    """Free variables of loops: what their native function takes besides the loop parameters.

    A loop needs the variables it reads or assigns that are bound outside it, those of the
    loops nested in it, and those of every loop it calls (a call of an enclosing loop from
    an inner one passes the enclosing loop's free variables along). Computed to a fixed
    point, in first-use order.
    """
    changed = True
    while changed:
        changed = False
        for code in analysis.codes:
            needed = [*code.refs]
            for other in [*code.children, *code.loop_calls]:
                needed.extend(other.free)
            free = [var for var in dict.fromkeys(needed) if not code.encloses(var.code) and var.loop_code is None]
            if free != code.free:
                code.free = free
                changed = True
    for site in analysis.whiles:
        needed = [*site.refs]
        for other in [*site.nested, *site.loop_calls]:
            needed.extend(other.free)
        site.free = [
            var
            for var in dict.fromkeys(needed)
            if not (var.code is site.code and site in var.whiles)
            and not (var.code is not site.code and site.code.encloses(var.code))
        ]
        site.assigned = [var for var in site.assigned if var in site.free]


def analyze_function(define: a.Define, user_globals: set[str], builtin_names: set[str]) -> Analysis:
    """The analysis of a global function: the lambda of `(define (name ...) ...)`."""
    assert isinstance(define.value, a.Lambda)
    name = define.name.name
    return Analyzer(resolve_form(define), user_globals | {name}, builtin_names).function(define.value, name)


def analyze_toplevel(form: a.Expr, user_globals: set[str], builtin_names: set[str]) -> Analysis:
    """The analysis of a top-level form that is not a function definition (for its loops)."""
    return Analyzer(resolve_form(form), user_globals, builtin_names).toplevel(form)
