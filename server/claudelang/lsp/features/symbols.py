"""Hierarchical document symbols: functions, variables, data types with their constructors,
modules with their definitions, and `;; %%` cells."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis import DocumentAnalysis
from claudelang.ast import nodes as a
from claudelang.lsp.convert import to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.semantics.symbols import DefKind

MAX_SYMBOLS = 5000  # top-level symbols in one reply: an outline beyond that helps nobody

SYMBOL_KINDS = {
    DefKind.FUNCTION: lsp.SymbolKind.Function,
    DefKind.VARIABLE: lsp.SymbolKind.Variable,
    DefKind.LOCAL: lsp.SymbolKind.Variable,
    DefKind.PARAMETER: lsp.SymbolKind.Variable,
    DefKind.CONSTRUCTOR: lsp.SymbolKind.EnumMember,
    DefKind.TYPE: lsp.SymbolKind.Enum,
    DefKind.IMPORT: lsp.SymbolKind.Variable,
    DefKind.MODULE: lsp.SymbolKind.Module,
    DefKind.PATTERN: lsp.SymbolKind.Variable,
    DefKind.LOOP: lsp.SymbolKind.Function,
}


def form_symbols(analysis: DocumentAnalysis, form: a.Node) -> list[lsp.DocumentSymbol]:
    if isinstance(form, a.Define):
        facts = analysis.facts_of(form)
        definitions = facts.definitions if facts is not None else []
        definition = next((d for d in definitions if d.node is form.name), None)
        kind = SYMBOL_KINDS[definition.kind] if definition else lsp.SymbolKind.Variable
        children = [
            symbol(d.name, SYMBOL_KINDS[d.kind], d.node, d.node)
            for d in definitions
            if d.kind is DefKind.FUNCTION and not d.is_global
        ]
        detail = definition.signature() if definition else None
        return [symbol(form.name.name, kind, form, form.name, children, detail)]
    if isinstance(form, a.Data):
        children = [symbol(c.name.name, lsp.SymbolKind.EnumMember, c, c.name) for c in form.ctors]
        return [symbol(form.name.name, lsp.SymbolKind.Enum, form, form.name, children)]
    if isinstance(form, a.ModuleForm):
        children = [s for item in form.body for s in form_symbols(analysis, item)]
        return [symbol(form.name.name, lsp.SymbolKind.Module, form, form.name, children)]
    if isinstance(form, a.Do):
        return [s for item in form.body for s in form_symbols(analysis, item)]
    return []


def symbol(
    name: str,
    kind: lsp.SymbolKind,
    whole: a.Node,
    name_node: a.Node,
    children: list[lsp.DocumentSymbol] | None = None,
    detail: str | None = None,
) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(
        name=name or "?",
        kind=kind,
        range=to_lsp_range(whole.span),
        selection_range=to_lsp_range(name_node.span),
        children=children or None,
        detail=detail,
    )


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return []
        analysis = server.analysis(doc)
        out: list[lsp.DocumentSymbol] = []
        for form in doc.module.forms:
            out.extend(form_symbols(analysis, form))
            if len(out) >= MAX_SYMBOLS:  # every reply has a bound (a 50 MB file has millions)
                return out[:MAX_SYMBOLS]
        return out
