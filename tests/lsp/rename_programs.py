"""Hypothesis strategies for two-file programs whose output depends on how names resolve.

A module file `m.cl` defines one to three exported values and functions (later ones use
earlier ones, so the module's body names its exports too); `main.cl` imports some of them
(a plain entry, `[name as alias]`, or `*`), defines its own globals and prints values.
Every expression only names what is in scope, with locals, parameters, `let` and named
`let` bindings, `match` pattern variables and lambdas drawn from a small pool of names,
so shadowing is frequent. Names are never printed: a rename must not change the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

POOL = ["a", "b", "c", "f", "g", "k", "n", "p", "q", "x", "y"]
TOKEN = re.compile(r"""[^\s()\[\]{}";',]+""")


@dataclass(frozen=True)
class Program:
    module: str
    main: str

    def files(self) -> dict[str, str]:
        return {"m.cl": self.module, "main.cl": self.main}


@dataclass(frozen=True)
class Case:
    """A program and the occurrence of a name to rename: file and character offset."""

    program: Program
    file: str
    offset: int

    @property
    def name(self) -> str:
        text = self.program.files()[self.file]
        return TOKEN.match(text, self.offset).group()  # type: ignore[union-attr]


Scope = dict[str, int | None]  # name → arity (None: a value)


@st.composite
def expression(draw: st.DrawFn, scope: Scope, depth: int = 3) -> str:
    values = sorted(n for n, arity in scope.items() if arity is None)
    functions = sorted(n for n, arity in scope.items() if arity is not None)
    choices = ["int"] + ["name"] * 3 * bool(values)
    if depth > 0:
        choices += ["arith", "if", "let", "let", "match", "lambda", "loop"] + ["call"] * 2 * bool(functions)
    kind = draw(st.sampled_from(choices))
    inner = depth - 1
    if kind == "int":
        return str(draw(st.integers(-5, 9)))
    if kind == "name":
        return draw(st.sampled_from(values))
    if kind == "arith":
        op = draw(st.sampled_from(["+", "-", "*"]))
        return f"({op} {draw(expression(scope, inner))} {draw(expression(scope, inner))})"
    if kind == "if":
        test = f"(> {draw(expression(scope, inner))} {draw(expression(scope, inner))})"
        return f"(if {test} {draw(expression(scope, inner))} {draw(expression(scope, inner))})"
    if kind == "call":
        fn = draw(st.sampled_from(functions))
        args = [draw(expression(scope, inner)) for _ in range(scope[fn] or 0)]
        return f"({' '.join([fn, *args])})"
    if kind == "let":
        names = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=2, unique=True))
        inside, bindings = dict(scope), []
        for count, name in enumerate(names):  # an init names the bindings before it, never its own (letrec*)
            init_scope = {n: arity for n, arity in inside.items() if n not in names[count:]}
            bindings.append(f"({name} {draw(expression(init_scope, inner))})")
            inside[name] = None
        return f"(let ({' '.join(bindings)}) {draw(expression(inside, inner))})"
    if kind == "match":
        first, second = draw(st.lists(st.sampled_from(POOL), min_size=2, max_size=2, unique=True))
        subject = f"[{draw(expression(scope, inner))} {draw(expression(scope, inner))}]"
        inside = {**scope, first: None, second: None}
        return f"(match {subject} ([{first} {second}] {draw(expression(inside, inner))}) (_ 0))"
    if kind == "lambda":
        param = draw(st.sampled_from(POOL))
        body = draw(expression({**scope, param: None}, inner))
        return f"((lambda ({param}) {body}) {draw(expression(scope, inner))})"
    loop, counter = draw(st.lists(st.sampled_from(POOL), min_size=2, max_size=2, unique=True))
    inside = {**scope, counter: None}
    inside.pop(loop, None)  # the body does not call the loop (it would not terminate) nor what it shadows
    body = draw(expression(inside, inner))
    start = draw(st.integers(0, 3))
    return f"(let {loop} (({counter} {start})) (if (> {counter} 0) (+ {body} ({loop} (- {counter} 1))) 0))"


@st.composite
def using(draw: st.DrawFn, scope: Scope, names: list[str]) -> str:
    """An expression that surely names one of `names` (each still visible in `scope`)."""
    name = draw(st.sampled_from(names))
    arity = scope[name]
    use = name if arity is None else f"({' '.join([name, *(draw(expression(scope, 1)) for _ in range(arity))])})"
    return f"(+ {use} {draw(expression(scope))})"


@st.composite
def definition(draw: st.DrawFn, name: str, scope: Scope, uses: list[str]) -> tuple[str, int | None]:
    """`(define name expr)` or `(define (name params) expr)`, its arity; it names one of `uses`."""
    if draw(st.booleans()):
        body = draw(using(scope, uses)) if uses else draw(expression(scope))
        return f"(define {name} {body})", None
    params = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=2, unique=True))
    inside = {**scope, **dict.fromkeys(params)}
    visible = [n for n in uses if n not in params]
    body = draw(using(inside, visible)) if visible else draw(expression(inside))
    return f"(define ({' '.join([name, *params])}) {body})", len(params)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    names = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True))
    scope: Scope = {}
    defines = []
    for name in names:  # each definition after the first uses an earlier one
        text, arity = draw(definition(name, scope, list(scope)))
        defines.append(text)
        scope[name] = arity
    module = f"(module m (export {' '.join(names)})\n  " + "\n  ".join(defines) + ")\n"
    main_scope: Scope = {}
    if draw(st.booleans()):
        imports = '(import "m" *)'
        main_scope.update(scope)
    else:
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
        entries = []
        for name in chosen:
            free = [n for n in POOL if n not in main_scope and n not in chosen]
            alias = draw(st.sampled_from(free)) if free and draw(st.booleans()) else name
            entries.append(name if alias == name else f"[{name} as {alias}]")
            main_scope[alias] = scope[name]
        imports = f'(import "m" ({" ".join(entries)}))'
    imported = list(main_scope)
    lines = [imports]
    for name in draw(st.lists(st.sampled_from([n for n in POOL if n not in main_scope]), max_size=2, unique=True)):
        text, arity = draw(definition(name, main_scope, imported))
        lines.append(text)
        main_scope[name] = arity
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"(io:print {draw(using(main_scope, imported))})")
    return Program(module, "\n".join(lines) + "\n")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A program and one occurrence of one of its names (definition, use, import entry)."""
    program = draw(programs())
    spots: dict[str, list[int]] = {}
    for file, text in program.files().items():
        found = [m.start() for m in TOKEN.finditer(text) if m.group() in POOL and text[m.start() - 1] != '"']
        if found:
            spots[file] = found
    file = draw(st.sampled_from(sorted(spots)))  # each file as often, whatever its size
    return Case(program, file, draw(st.sampled_from(spots[file])))
