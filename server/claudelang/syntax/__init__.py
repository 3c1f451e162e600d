"""The syntax layer: tree-sitter parsing, incremental documents, lowering to the AST.

The only package that imports `tree_sitter`. Parsing never fails: it returns a `Module`
with the forms it could build and diagnostics for everything else.
"""

from claudelang.syntax.document import Document, Module, TextEdit, parse
from claudelang.syntax.lower import MAX_DEPTH, SPECIAL_FORMS

__all__ = ["MAX_DEPTH", "SPECIAL_FORMS", "Document", "Module", "TextEdit", "parse"]
