"""Completion: names in scope, globals, builtins, special forms (snippets), contract clause
keywords and module paths inside import strings; documentation comes on resolve."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis.describe import (
    describe_builtin,
    describe_definition,
    describe_special_form,
)
from claudelang.analysis.special_forms import CONTRACT_CLAUSES, SPECIAL_FORMS
from claudelang.analysis.symbols import DefKind
from claudelang.lsp.convert import from_lsp_position
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import BUILTINS

STOP = set(" \t\r\n()[]{}\";',")
KINDS = {
    DefKind.FUNCTION: lsp.CompletionItemKind.Function,
    DefKind.VARIABLE: lsp.CompletionItemKind.Variable,
    DefKind.LOCAL: lsp.CompletionItemKind.Variable,
    DefKind.PARAMETER: lsp.CompletionItemKind.Variable,
    DefKind.CONSTRUCTOR: lsp.CompletionItemKind.EnumMember,
    DefKind.TYPE: lsp.CompletionItemKind.Enum,
    DefKind.IMPORT: lsp.CompletionItemKind.Reference,
    DefKind.MODULE: lsp.CompletionItemKind.Module,
    DefKind.PATTERN: lsp.CompletionItemKind.Variable,
    DefKind.LOOP: lsp.CompletionItemKind.Function,
}


def prefix_at(text: bytes, offset: int) -> str:
    start = offset
    while start > 0 and chr(text[start - 1]) not in STOP:
        start -= 1
    return text[start:offset].decode("utf-8", errors="replace")


def setup(server: ClaudeLangServer) -> None:
    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=["(", ":", '"', "/"], resolve_provider=True),
    )
    def completion(params: lsp.CompletionParams) -> lsp.CompletionList | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        offset = from_lsp_position(doc.module.lines, params.position)
        facts = analysis.facts_at(offset)
        if facts is not None:
            for node in facts.imports:
                span = node.path.span
                if span.start_byte < offset < span.end_byte:
                    return module_path_items(server, doc)
        prefix = prefix_at(doc.module.data, offset)
        if prefix.startswith(":"):
            return lsp.CompletionList(
                is_incomplete=False,
                items=[
                    lsp.CompletionItem(label=f":{key}", kind=lsp.CompletionItemKind.Keyword, documentation=doc_text)
                    for key, doc_text in CONTRACT_CLAUSES.items()
                ],
            )
        items: dict[str, lsp.CompletionItem] = {}
        for definition in analysis.visible_locals(offset):
            items[definition.name] = lsp.CompletionItem(
                label=definition.name,
                kind=KINDS[definition.kind],
                detail=definition.kind.value,
                sort_text=f"0{definition.name}",
            )
        for name, definition in analysis.globals.items():
            items.setdefault(
                name,
                lsp.CompletionItem(
                    label=name,
                    kind=KINDS[definition.kind],
                    detail=definition.signature(),
                    sort_text=f"1{name}",
                    data={"kind": "global", "uri": doc.uri, "name": name},
                ),
            )
        for name, builtin in BUILTINS.items():
            items.setdefault(
                name,
                lsp.CompletionItem(
                    label=name,
                    kind=lsp.CompletionItemKind.Function
                    if not builtin.is_constant
                    else lsp.CompletionItemKind.Constant,
                    detail=builtin.signature,
                    sort_text=f"2{name}",
                    data={"kind": "builtin", "name": name},
                ),
            )
        in_head = (
            offset - len(prefix.encode()) > 0
            and doc.module.data[offset - len(prefix.encode()) - 1 : offset - len(prefix.encode())] == b"("
        )
        for name, form in SPECIAL_FORMS.items():
            snippet = form.snippet[1:] if in_head else form.snippet
            if in_head and snippet.endswith(")"):
                snippet = snippet[:-1]
            items.setdefault(
                name,
                lsp.CompletionItem(
                    label=name,
                    kind=lsp.CompletionItemKind.Snippet,
                    detail=form.usage,
                    insert_text=snippet,
                    insert_text_format=lsp.InsertTextFormat.Snippet,
                    sort_text=f"3{name}",
                    data={"kind": "special", "name": name},
                ),
            )
        wanted = prefix.lower()
        chosen = [item for name, item in items.items() if matches(wanted, name.lower())]
        return lsp.CompletionList(is_incomplete=False, items=chosen)

    @server.feature(lsp.COMPLETION_ITEM_RESOLVE)
    def resolve(item: lsp.CompletionItem) -> lsp.CompletionItem:
        data = item.data if isinstance(item.data, dict) else {}
        kind, name = data.get("kind"), data.get("name", item.label)
        text = None
        if kind == "builtin" and name in BUILTINS:
            text = describe_builtin(BUILTINS[name])
        elif kind == "special":
            text = describe_special_form(name)
        elif kind == "global":
            doc = server.document(data.get("uri", ""))
            if doc is not None:
                analysis = server.analysis(doc)
                definition = analysis.globals.get(name)
                if definition is not None:
                    text = describe_definition(analysis, definition)
        if text is not None:
            item.documentation = lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text)
        return item


def matches(prefix: str, name: str) -> bool:
    """True when the prefix's characters occur in `name` in order (what fuzzy clients show)."""
    position = 0
    for char in prefix:
        position = name.find(char, position) + 1
        if position == 0:
            return False
    return True


def module_path_items(server: ClaudeLangServer, doc) -> lsp.CompletionList:
    path = server.path_of(doc.uri)
    items = [
        lsp.CompletionItem(label=module, kind=lsp.CompletionItemKind.Module)
        for module in server.index.module_paths(path)
    ]
    return lsp.CompletionList(is_incomplete=False, items=items)
