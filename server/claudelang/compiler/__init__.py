"""The compiler: ClaudeLang AST → Python `ast` → CPython code objects ("the VM").

`compile_form` turns one top-level form into a code object defining `;toplevel`; the
`claudelang.vm` package runs it in a namespace that holds the builtins and the runtime
helpers the generated code calls.
"""

from __future__ import annotations

import warnings

from claudelang.ast import nodes as a
from claudelang.compiler.codegen import CompiledForm, CompileEnv, CompileError, Compiler
from claudelang.semantics.resolve import FormFacts

__all__ = ["CompileEnv", "CompileError", "CompiledForm", "Compiler", "compile_form"]


def compile_form(compiler: Compiler, node: a.Expr, facts: FormFacts | None = None) -> CompiledForm:
    """Compile one top-level form (resolved as `facts`, if given) to a code object (in `.code`)."""
    compiled = compiler.compile_toplevel(node, facts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # `(5 1)` is a run-time error, not a warning
        compiled.code = compile(compiled.module, compiler.filename, "exec")
    return compiled
