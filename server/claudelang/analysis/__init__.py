"""Static analysis over the AST: scopes, resolution, diagnostics, effects, workspace.

Pure functions of syntax snapshots (no IO, no LSP): the language server's features are
thin adapters over what this package computes.
"""

from claudelang.analysis.document import (
    Analyzer,
    DocumentAnalysis,
    ModuleInfo,
    ModuleResolver,
    analyze,
    no_modules,
)
from claudelang.semantics.symbols import Definition, DefKind, Reference

__all__ = [
    "Analyzer",
    "DefKind",
    "Definition",
    "DocumentAnalysis",
    "ModuleInfo",
    "ModuleResolver",
    "Reference",
    "analyze",
    "no_modules",
]
