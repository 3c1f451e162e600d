"""Markdown descriptions of names for hover and completion documentation."""

from __future__ import annotations

from claudelang.analysis.document import DocumentAnalysis
from claudelang.analysis.special_forms import SPECIAL_FORMS
from claudelang.runtime.registry import Builtin
from claudelang.semantics.symbols import Definition, DefKind
from claudelang.syntax.cst import comment_before


def describe_builtin(builtin: Builtin) -> str:
    parts = [f"```claudelang\n{builtin.signature}\n```", builtin.doc]
    if builtin.alias_of:
        parts.append(f"Alias of `{builtin.alias_of}`.")
    if builtin.example:
        parts.append(f"Example: `{builtin.example}`")
    parts.append("Effects: " + (", ".join(sorted(builtin.effects)) if builtin.effects else "none (pure)"))
    return "\n\n".join(parts)


def describe_special_form(name: str) -> str | None:
    form = SPECIAL_FORMS.get(name)
    if form is None:
        return None
    return f"```claudelang\n{form.usage}\n```\n\nspecial form — {form.doc}"


def describe_definition(analysis: DocumentAnalysis | None, definition: Definition) -> str:
    kind = definition.kind.value
    parts = [f"```claudelang\n{definition.signature()}\n```", f"*{kind}*"]
    if definition.is_global and analysis is not None:
        doc = comment_before(analysis.module, definition.form.span.start_byte)
        if doc:
            parts.append(doc)
        contract = analysis.contracts.get(definition.name)
        if contract is not None:
            parts.append(f"Contract:\n```claudelang\n{contract.source}\n```")
        if definition.lambda_node is not None and definition.name in analysis.effects:
            effects = analysis.effects[definition.name]
            parts.append("Effects: " + (", ".join(sorted(effects)) if effects else "none (pure)"))
    if definition.kind is DefKind.CONSTRUCTOR and definition.value is not None:
        parts.append("constructor")
    return "\n\n".join(parts)
