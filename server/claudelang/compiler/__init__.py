"""The compiler: ClaudeLang AST → Python `ast` → CPython code objects ("the VM").

`compile_form` turns one top-level form into a code object defining `;toplevel`; the
`claudelang.vm` package runs it in a namespace that holds the builtins and the runtime
helpers the generated code calls.
"""

from __future__ import annotations

import warnings

from claudelang.ast import nodes as a
from claudelang.compiler.codegen import CompiledForm, CompileEnv, CompileError, Compiler

__all__ = ["CompileEnv", "CompileError", "CompiledForm", "Compiler", "compile_form"]


def compile_form(compiler: Compiler, node: a.Expr) -> CompiledForm:
    """Compile one top-level form to a code object (stored in `.code`)."""
    compiled = compiler.compile_toplevel(node)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # `(5 1)` is a run-time error, not a warning
        compiled.code = compile(compiled.module, compiler.filename, "exec")
    return compiled
