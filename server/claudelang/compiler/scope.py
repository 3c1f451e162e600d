"""Lexical scopes while compiling: which Python variable each ClaudeLang binding became.

A `Function` is one generated Python function (every top-level form is compiled to one,
and so is every lambda). Inside it, `Block`s follow the ClaudeLang binding forms (`let`,
`match` clauses, bodies with internal `define`); each binding gets a Python name that is
unique within its function, so shadowing never needs a new Python scope.

Which binding a name means is not decided here: the semantic model
(`claudelang.semantics.resolve`) resolved it once for every reader, and the compiler maps
each definition it names to the `Binding` made for it. A binding owned by an enclosing
function is a closure variable: assigning it needs a `nonlocal` declaration, and capturing one is
recorded so that self-tail-call loops can tell whether a closure might see a loop
variable change under it. Free names are globals of the namespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claudelang.compiler.names import mangle


@dataclass(eq=False)
class Function:
    name: str
    parent: Function | None
    used: set[str] = field(default_factory=set)  # Python names taken in this function
    nonlocals: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)  # globals this function assigns
    captured: set[str] = field(default_factory=set)  # own locals that inner lambdas use
    params: list[str] = field(default_factory=list)
    rest: str | None = None
    temp_counter: int = 0
    global_refs: set[str] = field(default_factory=set)  # globals read here or in inner functions
    reserved: set[str] = field(default_factory=set)  # never local names (shared by a whole form)

    def fresh(self, name: str) -> str:
        """A Python name for a new local, distinct from every name it could be confused with.

        Python scopes are whole functions: a local named like a global this function (or
        an inner one) reads, or like a variable of an enclosing function, would capture
        those references. Such names get a `;n` suffix.
        """
        base = mangle(name)
        candidate, n = base, 0
        while self.is_taken(candidate):
            n += 1
            candidate = f"{base};{n}"
        self.used.add(candidate)
        return candidate

    def is_taken(self, candidate: str) -> bool:
        if candidate in self.global_refs or candidate in self.reserved:
            return True
        function: Function | None = self
        while function is not None:
            if candidate in function.used:
                return True
            function = function.parent
        return False

    def note_global(self, py_name: str) -> bool:
        """Record that `py_name` is read as a global here; False if a local already has it."""
        clash = False
        function: Function | None = self
        while function is not None:
            clash = clash or py_name in function.used
            function.global_refs.add(py_name)
            function = function.parent
        return not clash

    def temp(self, hint: str = "t") -> str:
        self.temp_counter += 1
        name = f";{hint}{self.temp_counter}"
        self.used.add(name)
        return name


@dataclass(eq=False)
class Binding:
    name: str
    py_name: str
    function: Function
    is_global: bool = False
    fixed: bool = False  # a local that nothing rebinds: no `set!` of it, no contract wraps it


@dataclass(eq=False)
class Block:
    function: Function
    parent: Block | None

    def bind(self, name: str) -> Binding:
        """A new Python variable for a binding of `name` made in this block."""
        return Binding(name, self.function.fresh(name), self.function)
