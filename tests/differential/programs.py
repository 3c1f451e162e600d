"""A hypothesis strategy for whole ClaudeLang programs, for the check-vs-run differential test.

Programs are written from the grammar of LANGUAGE.md in several styles: top-level and
internal `define`s, lambdas (also variadic), `let`/`let*`/`letrec` with shadowing and
recursive lambda bindings, named let, `set!`, `if`/`cond`/`when`/`unless`/`and`/`or`/`do`,
`while` with a decreasing counter, `match` (list, literal, constructor and tagged-tuple
patterns), `data`, `try`/`catch`/`finally`, `handler`, `spec:contract` (top level and in
bodies) and modules in other files imported by list, by `*` and with aliases.

Into them go deliberate mistakes (`mistake`): unbound names (never bound, or bound only in
another scope), wrong-arity calls to builtins, user functions, local lambdas, constructors
and imported functions, `set!` of an unbound name, bad imports; some where they run (often
inside a `try`, so the run goes on), some where they never run (an untaken branch, a
function nobody calls, a handler whose effect is never performed).

The generator's own model of scopes only steers it towards programs that run long enough
to be interesting; the test's verdict never relies on it (it compares check with run).
Every program terminates quickly: a function only calls functions defined before it,
recursion is a countdown from a small number, loops run at most three times.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claudelang.runtime.registry import BUILTINS
from hypothesis import strategies as st

MAIN = "main.cl"


@dataclass(frozen=True)
class Fn:
    """What the generator knows about a callable name: fixed parameters, variadic or not."""

    params: int
    variadic: bool = False

    def counts(self) -> tuple[int, int | None]:
        return self.params, None if self.variadic else self.params


Env = dict[str, Fn | None]  # name → callable shape, or None for an int value

# Builtins called with ints (or lists of ints) the right way, as templates over int expressions.
INT_BUILTINS = [
    "(abs {0})", "(max {0} {1})", "(min {0} {1} 7)", "(mod {0} 3)", "(quot {0} 2)", "(length (list {0} {1}))",
    "(car (list {0}))", "(nth (list {0} {1}) 1)", "(gcd {0} {1})", "(identity {0})", "(clamp {0} 0 10)",
    "(sum (list {0} {1}))", "(+ {0} {1} 1)", "(- {0})", "(* {0} 2)", "(head (cons {0} []))",
    "(string-length (to-string {0}))", "(apply + (list {0} {1}))", "(length (range {0}))", "(fold + 0 [{0} {1}])",
]  # fmt: skip
# Builtins called with a wrong number of arguments.
ARITY_BUILTINS = ["abs", "mod", "quot", "length", "car", "nth", "identity", "clamp", "range", "even?", "not", "cons"]
GLOBAL_NAMES = ["f", "g", "h", "add", "twice", "step"]
VALUE_NAMES = ["v", "w", "total", "count"]
LOCAL_NAMES = ["a", "b", "x", "y", "n", "acc", "f", "g", "v"]  # overlap with globals: shadowing
NEVER_BOUND = ["nope", "undefined-thing", "lenght", "x2", "qq"]
MODULE_FUNCS = ["sq", "inc", "plus"]


@dataclass(frozen=True)
class Program:
    files: dict[str, str]  # file name → source; the program runs MAIN
    main: str = MAIN

    def __str__(self) -> str:
        return "\n".join(f";; ---- {name}\n{text}" for name, text in self.files.items())


@dataclass
class Writer:
    """Draws one program; `seen` collects every name bound anywhere (for out-of-scope uses)."""

    draw: st.DrawFn
    seen: set[str] = field(default_factory=set)
    constructors: dict[str, int] = field(default_factory=dict)
    budget: int = 60  # nodes left: keeps programs small

    # ------------------------------------------------------------ choices

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 999)) < p * 1000

    def pick(self, items: list[str] | tuple[str, ...]) -> str:
        return self.draw(st.sampled_from(list(items)))

    def num(self, low: int = 0, high: int = 5) -> int:
        return self.draw(st.integers(low, high))

    def bind(self, env: Env, name: str, shape: Fn | None) -> Env:
        self.seen.add(name)
        return {**env, name: shape}

    # ------------------------------------------------------------ expressions (int-valued)

    def expr(self, env: Env, depth: int, live: bool) -> str:
        """An expression whose value is an int when nothing goes wrong."""
        self.budget -= 1
        if self.chance(0.07):
            return self.mistake(env, depth, live)
        if depth <= 0 or self.budget <= 0:
            return self.atom(env)
        kind = self.pick(
            ["atom", "arith", "builtin", "call", "call", "if", "cond", "let", "letrec", "named-let", "do",
             "andor", "lambda", "match", "try", "handler", "when-dead", "while", "ascribe"]
        )  # fmt: skip
        return getattr(self, "e_" + kind.replace("-", "_"))(env, depth - 1, live)

    def atom(self, env: Env) -> str:
        values = [name for name, shape in env.items() if shape is None]
        if values and self.chance(0.6):
            return self.pick(values)
        return str(self.num(0, 9))

    def e_atom(self, env: Env, depth: int, live: bool) -> str:
        return self.atom(env)

    def e_arith(self, env: Env, depth: int, live: bool) -> str:
        op = self.pick(["+", "-", "*", "max"])
        return f"({op} {self.expr(env, depth, live)} {self.expr(env, depth, live)})"

    def e_builtin(self, env: Env, depth: int, live: bool) -> str:
        template = self.pick(INT_BUILTINS)
        return template.format(self.expr(env, depth, live), self.expr(env, depth, live))

    def e_call(self, env: Env, depth: int, live: bool) -> str:
        callables = sorted(name for name, shape in env.items() if shape is not None)
        if not callables:
            return self.e_builtin(env, depth, live)
        name = self.pick(callables)
        shape = env[name]
        assert shape is not None
        extra = self.num(0, 2) if shape.variadic else 0
        args = " ".join(self.expr(env, depth, live) for _ in range(shape.params + extra))
        return f"({name} {args})".replace(" )", ")")

    def e_if(self, env: Env, depth: int, live: bool) -> str:
        taken = self.chance(0.5)
        test = self.pick(["#t", "(< 1 2)", "(= 0 0)"] if taken else ["#f", "nil", "(> 1 2)"])
        then = self.expr(env, depth, live and taken)
        other = self.expr(env, depth, live and not taken)
        return f"(if {test} {then} {other})"

    def e_cond(self, env: Env, depth: int, live: bool) -> str:
        first = self.expr(env, depth, False)
        second = self.expr(env, depth, live)
        return f"(cond ((= 1 2) {first}) ((even? 2) {second}) (else 0))"

    def bindings(self, env: Env, depth: int, live: bool, sequential: bool) -> tuple[list[str], Env]:
        parts, inner = [], env
        for _ in range(self.num(1, 2)):
            name = self.pick(LOCAL_NAMES)
            if self.chance(0.3):  # its body cannot see itself: a call would recurse without end
                params = self.num(0, 2)
                lam = self.lambda_text(without(inner if sequential else env, name), params, depth, live=False)
                parts.append(f"({name} {lam})")
                inner = self.bind(inner, name, Fn(params))
            else:
                parts.append(f"({name} {self.expr(inner if sequential else env, depth, live)})")
                inner = self.bind(inner, name, None)
        return parts, inner

    def e_let(self, env: Env, depth: int, live: bool) -> str:
        head = self.pick(["let", "let*", "letrec"])
        parts, inner = self.bindings(env, depth, live, sequential=head != "let" or self.chance(0.5))
        body = self.body(inner, depth, live)
        return f"({head} ({' '.join(parts)}) {body})"

    def e_letrec(self, env: Env, depth: int, live: bool) -> str:
        """A recursive lambda bound by let: a countdown, called with a small number."""
        name = self.pick(["r", "loop", "f", "down"])
        inner = self.bind(without(env, name), "k", None)  # the step never calls the countdown itself
        step = self.expr(inner, depth - 1, live=False)
        self.seen.add(name)
        head = self.pick(["let", "letrec", "let*"])
        lam = f"(lambda (k) (if (<= k 0) 0 (+ {step} ({name} (- k 1)))))"
        return f"({head} (({name} {lam})) ({name} {self.num(0, 2)}))"

    def e_named_let(self, env: Env, depth: int, live: bool) -> str:
        name = self.pick(["loop", "again", "f"])
        inner = self.bind(self.bind(without(env, name), "i", None), "acc", None)
        step = self.expr(inner, depth, live)
        self.seen.add(name)
        start = self.expr(env, depth, live)
        return f"(let {name} ((i 0) (acc {start})) (if (< i 2) ({name} (+ i 1) (+ acc {step})) acc))"

    def body(self, env: Env, depth: int, live: bool) -> str:
        """One or more forms: statements, internal defines, then an int-valued last form."""
        parts = []
        for _ in range(self.num(0, 2)):
            text, env = self.statement(env, depth, live)
            parts.append(text)
        parts.append(self.expr(env, depth, live))
        return " ".join(parts)

    def e_do(self, env: Env, depth: int, live: bool) -> str:
        return f"({self.pick(['do', 'begin'])} {self.body(env, depth, live)})"

    def e_andor(self, env: Env, depth: int, live: bool) -> str:
        if self.chance(0.5):
            return f"(and {self.expr(env, depth, live)} {self.expr(env, depth, live)})"
        return f"(or {self.expr(env, depth, live)} {self.expr(env, depth, False)})"

    def lambda_text(self, env: Env, params: int, depth: int, live: bool, variadic: bool = False) -> str:
        names = [f"p{i}" for i in range(params)]
        inner = env
        for name in names:
            inner = self.bind(inner, name, None)
        rest = ""
        if variadic:
            rest = " ...rest"
            inner = self.bind(inner, "rest", None)
        body = self.body(inner, depth, live)
        if variadic and self.chance(0.7):
            body = f"(+ (length rest) (do {body}))"
        return f"(lambda ({' '.join(names)}{rest}) {body})".replace("( ", "(")

    def e_lambda(self, env: Env, depth: int, live: bool) -> str:
        params = self.num(0, 2)
        variadic = self.chance(0.3)
        lam = self.lambda_text(env, params, depth, live, variadic)
        args = " ".join(self.expr(env, depth, live) for _ in range(params + (self.num(0, 2) if variadic else 0)))
        return f"({lam} {args})".replace(" )", ")")

    def e_match(self, env: Env, depth: int, live: bool) -> str:
        style = self.pick(["list", "literal", "ctor", "tuple"])
        if style == "list":
            items = " ".join(self.expr(env, depth, live) for _ in range(self.num(0, 3)))
            inner = self.bind(self.bind(self.bind(env, "x", None), "y", None), "more", None)
            one = self.bind(env, "x", None)
            return (
                f"(match [{items}] ([] {self.expr(env, depth, live)}) ([x] {self.expr(one, depth, live)}) "
                f"([x y ...more] (+ x y {self.expr(inner, depth, live)})))"
            )
        if style == "literal":
            return f"(match {self.expr(env, depth, live)} (0 1) (1 {self.expr(env, depth, live)}) (_ 3))"
        if style == "ctor" and "Some" in self.constructors:
            inner = self.bind(env, "val", None)
            value = self.pick([f"(Some {self.expr(env, depth, live)})", "None", "(None)"])
            return f"(match {value} ((Some val) {self.expr(inner, depth, live)}) (None 0))"
        inner = self.bind(self.bind(env, "l", None), "r", None)
        return (
            f'(match (tuple "Pair" {self.expr(env, depth, live)} 2) ((Pair l r) {self.expr(inner, depth, live)}) (_ 0))'
        )

    def e_try(self, env: Env, depth: int, live: bool) -> str:
        var = self.pick(["e", "err", "x"])
        handled = self.bind(env, var, None)
        catch = f"(catch ({var}) (do (error-message {var}) {self.expr(handled, depth, live)}))"
        final = ' (finally (io:print "done"))' if self.chance(0.3) else ""
        return f"(try {self.expr(env, depth, live)} {catch}{final})"

    def e_handler(self, env: Env, depth: int, live: bool) -> str:
        lo = self.bind(self.bind(env, "lo", None), "hi", None)
        clause = f"(random:int (lambda (lo hi) {self.expr(lo, depth, live)}))"
        dead = f"(time:now (lambda () {self.expr(env, depth, False)}))"
        printer = f"(io:print (lambda (...args) {self.num(0, 3)}))"
        return f'(handler ({clause} {dead} {printer}) (do (io:print "h") (random:int 1 {self.num(2, 9)})))'

    def e_when_dead(self, env: Env, depth: int, live: bool) -> str:
        head = self.pick(["when", "unless"])
        test = "(> 1 2)" if head == "when" else "(< 1 2)"
        return f"(or ({head} {test} {self.expr(env, depth, False)}) {self.expr(env, depth, live)})"

    def e_while(self, env: Env, depth: int, live: bool) -> str:
        inner = self.bind(self.bind(env, "c", None), "s", None)
        return (
            f"(let ((c {self.num(0, 3)}) (s 0)) (while (> c 0) (set! s (+ s {self.expr(inner, depth, live)})) "
            f"(set! c (- c 1))) s)"
        )

    def e_ascribe(self, env: Env, depth: int, live: bool) -> str:
        return f"(: {self.expr(env, depth, live)} Int)"

    # ------------------------------------------------------------ statements

    def statement(self, env: Env, depth: int, live: bool) -> tuple[str, Env]:
        """A form of a body, and the environment after it (internal defines extend it)."""
        kind = self.pick(["print", "set", "define", "define-fn", "when", "contract-fn"])
        values = [name for name, shape in env.items() if shape is None]
        if kind == "set" and values:
            return f"(set! {self.pick(values)} {self.expr(env, depth, live)})", env
        if kind == "define":
            name = self.pick(LOCAL_NAMES)
            return f"(define {name} {self.expr(env, depth, live)})", self.bind(env, name, None)
        if kind in ("define-fn", "contract-fn"):
            name = self.pick(["helper", "f", "g", "local-fn"])
            params = self.num(0, 2)
            inner = without(env, name)
            for i in range(params):
                inner = self.bind(inner, f"q{i}", None)
            names = " ".join(f"q{i}" for i in range(params))
            text = f"(define ({name} {names}) {self.body(inner, depth, live=False)})".replace(" )", ")")
            if kind == "contract-fn":
                text = f"{self.contract(name, params, env)} {text}"
            return text, self.bind(env, name, Fn(params))
        if kind == "when":
            return f"(when (< 0 1) {self.expr(env, depth, live)})", env
        return f'(io:print "s" {self.expr(env, depth, live)})', env

    def contract(self, name: str, params: int, env: Env) -> str:
        """A contract for `name` (parameters q0 ...); sometimes with a mistake in a clause."""
        param = "q0" if params else "result"
        clause = self.pick([f"(number? {param})", f"(>= (abs {param}) 0)", "(number? result)"])
        if self.chance(0.25):
            clause = self.pick([f"(number? {self.pick(NEVER_BOUND)})", f"(abs {param} 1)", "(number? p9)"])
        key = self.pick([":requires", ":ensures", ":pre"])
        return f"(spec:contract {name} {key} [{clause}])"

    # ------------------------------------------------------------ mistakes

    def mistake(self, env: Env, depth: int, live: bool) -> str:
        """An unbound name or a wrong-arity call; when live, usually inside a `try`."""
        kind = self.pick(["unbound", "out-of-scope", "arity-builtin", "arity-user", "arity-ctor", "set"])
        if kind == "unbound" or (kind == "out-of-scope" and not (self.seen - env.keys())):
            text = self.use(self.pick(NEVER_BOUND), env, depth)
        elif kind == "out-of-scope":  # only read: calling it could recurse without end
            text = self.pick(["(+ 1 {})", "{}"]).format(self.pick(sorted(self.seen - env.keys())))
        elif kind == "arity-builtin":
            name = self.pick(ARITY_BUILTINS)
            builtin = BUILTINS[name]
            text = self.call_with_wrong_count(name, Fn(builtin.min_args, builtin.max_args is None), env, depth)
            if builtin.max_args is not None and builtin.max_args != builtin.min_args:
                text = f"({name} {' '.join(['1'] * (builtin.max_args + 1))})"
        elif kind == "arity-user" and any(shape is not None for shape in env.values()):
            name = self.pick(sorted(n for n, s in env.items() if s is not None))
            shape = env[name]
            assert shape is not None
            text = self.call_with_wrong_count(name, shape, env, depth)
        elif kind == "arity-ctor" and self.constructors:
            name = self.pick(sorted(self.constructors))
            text = self.call_with_wrong_count(name, Fn(self.constructors[name]), env, depth)
        elif kind == "set":
            text = f"(do (set! {self.pick(NEVER_BOUND)} 1) 0)"
        else:
            text = self.use(self.pick(NEVER_BOUND), env, depth)
        if live and self.chance(0.8):
            return f"(try {text} (catch (e) 0))"
        return text

    def use(self, name: str, env: Env, depth: int) -> str:
        """A use of `name`: as a value or as a callee."""
        return self.pick([f"(+ 1 {name})", f"({name} 1)", name])

    def call_with_wrong_count(self, name: str, shape: Fn, env: Env, depth: int) -> str:
        low, high = shape.counts()
        wrong = [n for n in range(0, low + 3) if n < low or (high is not None and n > high)]
        count = self.pick([str(n) for n in wrong]) if wrong else "0"
        args = " ".join(self.atom(env) for _ in range(int(count)))
        return f"({name} {args})".replace(" )", ")")


@st.composite
def programs(draw: st.DrawFn) -> Program:
    """A main file and 0–2 module files (see the module docstring)."""
    writer = Writer(draw)
    files: dict[str, str] = {}
    forms: list[str] = []
    env: Env = {}
    modules = draw(st.integers(0, 2))
    for index in range(modules):
        name = f"m{index}"
        text, exports = module_source(writer, name)
        files[f"{name}.cl"] = text
        forms.append(import_form(writer, name, exports))
        env = {**env, **import_env(forms[-1], exports)}
    if writer.chance(0.6):
        forms.append("(data Option a (None) (Some a))")
        writer.constructors["Some"] = 1
        env = {**env, "Some": Fn(1)}
    defined: list[tuple[str, Fn]] = []
    for index in range(draw(st.integers(1, 4))):
        env, name, form = top_level_definition(writer, env, index)
        forms.append(form)
        shape = env[name]
        if shape is not None:
            defined.append((name, shape))
        if writer.chance(0.3):
            forms.append(top_level_statement(writer, env))
    for name, shape in defined:  # every defined function runs at least once
        args = " ".join(str(writer.num(0, 3)) for _ in range(shape.params))
        forms.append(f"(io:print ({name} {args}))".replace(" )", ")"))
    if writer.chance(0.3):
        forms.append(dead_function(writer, env))
    for _ in range(draw(st.integers(0, 2))):
        forms.append(top_level_statement(writer, env))
    if defined and writer.chance(0.1):  # a call of a function defined later: unbound when it runs
        forms.insert(len(forms) // 2, f"(io:print ({defined[-1][0]}{' 1' * defined[-1][1].params}))")
    if writer.chance(0.15):  # last, since a bad import stops the run
        forms.append(writer.pick(['(import "nomod" (x))', '(import "m0" (hidden))', '(import "m1" *)']))
    files[MAIN] = "\n".join(forms) + "\n"
    return Program({**{k: files[k] for k in files if k != MAIN}, MAIN: files[MAIN]})


def without(env: Env, name: str) -> Env:
    return {key: shape for key, shape in env.items() if key != name}


def top_level_definition(writer: Writer, env: Env, index: int) -> tuple[Env, str, str]:
    name = GLOBAL_NAMES[index] if not writer.chance(0.15) else writer.pick(GLOBAL_NAMES)
    env = without(env, name)  # a redefinition's body must not call itself
    if writer.chance(0.3):
        name = VALUE_NAMES[index % len(VALUE_NAMES)]
        form = f"(define {name} {writer.expr(env, 2, live=True)})"
        return writer.bind(env, name, None), name, form
    params = writer.num(0, 2)
    variadic = writer.chance(0.2)
    inner = env
    for i in range(params):
        inner = writer.bind(inner, f"p{i}", None)
    if variadic:
        inner = writer.bind(inner, "rest", None)
    shape = Fn(params, variadic)
    names = " ".join([*(f"p{i}" for i in range(params)), *(["...rest"] if variadic else [])])
    body = writer.body(inner, 3, live=True)
    form = f"(define ({name} {names}) {body})".replace(" )", ")")
    if writer.chance(0.25):
        contract = writer.contract(name, 0, env).replace("q0", "p0" if params else "result")
        form = f"{contract}\n{form}" if writer.chance(0.5) else f"{form}\n{contract}"
    return writer.bind(env, name, shape), name, form


def top_level_statement(writer: Writer, env: Env) -> str:
    if writer.chance(0.3):
        return writer.mistake(env, 1, live=True)
    return f"(io:print {writer.expr(env, 2, live=True)})"


def dead_function(writer: Writer, env: Env) -> str:
    """A function nobody calls, holding a mistake."""
    inner = writer.bind(env, "z", None)
    return f"(define (never-called z) (+ z {writer.mistake(inner, 1, live=False)}))"


def module_source(writer: Writer, name: str) -> tuple[str, dict[str, Fn | None]]:
    """A module file exporting some functions and a value, with a hidden helper."""
    exports: dict[str, Fn | None] = {}
    env: Env = {}
    defs = []
    hidden_env = writer.bind(env, "x", None)
    defs.append(f"(define (hidden x) (* x {writer.expr(hidden_env, 1, live=True)}))")
    env = writer.bind(env, "hidden", Fn(1))
    for fn_name in MODULE_FUNCS[: writer.num(1, 3)]:
        params = writer.num(1, 2)
        inner = env
        for i in range(params):
            inner = writer.bind(inner, f"p{i}", None)
        body = writer.body(inner, 2, live=True)
        defs.append(f"(define ({fn_name} {' '.join(f'p{i}' for i in range(params))}) {body})")
        env = writer.bind(env, fn_name, Fn(params))
        exports[fn_name] = Fn(params)
    defs.append(f"(define base {writer.expr(env, 1, live=True)})")
    exports["base"] = None
    export_names = list(exports)
    if writer.chance(0.1):
        export_names.append("ghost")  # exported but never defined
    text = f"(module {name} (export {' '.join(export_names)})\n  " + "\n  ".join(defs) + ")\n"
    return text, exports


def import_form(writer: Writer, module: str, exports: dict[str, Fn | None]) -> str:
    if writer.chance(0.35):
        return f'(import "{module}" *)'
    names = [n for n in exports if writer.chance(0.7)] or [next(iter(exports))]
    parts = [f"[{n} as {module}-{n}]" if writer.chance(0.3) else n for n in names]
    return f'(import "{module}" ({" ".join(parts)}))'


def import_env(form: str, exports: dict[str, Fn | None]) -> Env:
    """The names an import form binds, with the shapes of what they name."""
    if form.endswith("*)"):
        return dict(exports)
    env: Env = {}
    for name, shape in exports.items():
        alias = f"{form.split()[1].strip(chr(34))}-{name}"
        if f"as {alias}]" in form:
            env[alias] = shape
        elif f" {name}" in form or f"({name}" in form:
            env[name] = shape
    return env
