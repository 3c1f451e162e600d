"""Completion: names in scope, globals, builtins, special forms (snippets), contract clause
keywords and module paths inside import strings; documentation comes on resolve.

Like clangd, an answer is bounded: the names matching the typed prefix are ranked (prefix
matches first; then locals, globals of the document, builtins, special forms — special forms
before builtins at the head of a form) and at most `LIMIT` are sent, with `isIncomplete` set
when some were left out, so the client asks again as the user types; likewise while the
workspace is being indexed (`lsp.incomplete`), when other modules' names may be missing.
Snippets and markdown go only to clients that declare support for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types as lsp

from claudelang.analysis import DocumentAnalysis
from claudelang.analysis.describe import (
    describe_builtin,
    describe_definition,
    describe_special_form,
)
from claudelang.analysis.special_forms import CONTRACT_CLAUSES, SPECIAL_FORMS, SpecialForm
from claudelang.lsp.convert import from_lsp_position, markup, plain_text
from claudelang.lsp.incomplete import indexing
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin, builtins, lookup
from claudelang.semantics.symbols import Definition, DefKind

LIMIT = 100  # items in one answer; past it the list is marked incomplete
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
        start = offset - len(prefix.encode())
        in_head = start > 0 and doc.module.data[start - 1 : start] == b"("
        chosen = ranked(candidates(analysis, offset), prefix.lower(), in_head)
        make = ItemMaker(doc.uri, in_head, snippet_support(server))
        incomplete = len(chosen) > LIMIT or indexing(server)  # other modules' names may be missing
        return lsp.CompletionList(is_incomplete=incomplete, items=[make(c) for c in chosen[:LIMIT]])

    @server.feature(lsp.COMPLETION_ITEM_RESOLVE)
    def resolve(item: lsp.CompletionItem) -> lsp.CompletionItem:
        data = item.data if isinstance(item.data, dict) else {}
        kind, name = data.get("kind"), data.get("name", item.label)
        text = None
        builtin = lookup(name) if kind == "builtin" else None
        if builtin is not None:
            text = describe_builtin(builtin)
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
            item.documentation = documentation(text, documentation_formats(server))
        return item


# ------------------------------------------------------------------ candidates and ranking

LOCAL, GLOBAL, BUILTIN, SPECIAL = range(4)  # where a name comes from, best first...
AT_HEAD = {LOCAL: 0, GLOBAL: 1, SPECIAL: 2, BUILTIN: 3}  # ...except at the head of a form


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    tier: int
    source: Definition | Builtin | SpecialForm


def candidates(analysis: DocumentAnalysis, offset: int) -> dict[str, Candidate]:
    """Every name visible at `offset`, each once: a local hides a global, which hides a builtin."""
    found: dict[str, Candidate] = {}
    for definition in analysis.visible_locals(offset):  # innermost last, so it wins
        found[definition.name] = Candidate(definition.name, LOCAL, definition)
    for name, definition in analysis.globals.items():
        found.setdefault(name, Candidate(name, GLOBAL, definition))
    for name, builtin in builtins().items():
        found.setdefault(name, Candidate(name, BUILTIN, builtin))
    for name, form in SPECIAL_FORMS.items():
        found.setdefault(name, Candidate(name, SPECIAL, form))
    return found


def ranked(found: dict[str, Candidate], wanted: str, in_head: bool) -> list[tuple[str, Candidate]]:
    """The candidates matching the (lowercased) prefix, best first, each with its sort text:
    prefix matches before fuzzy ones, then by tier, then by name. At the head of a form, where
    they are likeliest, special forms come before builtins."""
    keyed = []
    for name, candidate in found.items():
        lowered = name.lower()
        if matches(wanted, lowered):
            tier = AT_HEAD[candidate.tier] if in_head else candidate.tier
            keyed.append((f"{0 if lowered.startswith(wanted) else 1}{tier}{name}", candidate))
    keyed.sort(key=lambda pair: pair[0])
    return keyed


@dataclass(frozen=True, slots=True)
class ItemMaker:
    """Builds the `CompletionItem` of a ranked candidate, as the client can take it."""

    uri: str
    in_head: bool
    snippets: bool

    def __call__(self, ranked_candidate: tuple[str, Candidate]) -> lsp.CompletionItem:
        sort_text, candidate = ranked_candidate
        name, source = candidate.name, candidate.source
        if isinstance(source, Definition):
            detail = source.kind.value if candidate.tier == LOCAL else source.signature()
            data = None if candidate.tier == LOCAL else {"kind": "global", "uri": self.uri, "name": name}
            return lsp.CompletionItem(
                label=name, kind=KINDS[source.kind], detail=detail, sort_text=sort_text, data=data
            )
        if isinstance(source, Builtin):
            kind = lsp.CompletionItemKind.Constant if source.is_constant else lsp.CompletionItemKind.Function
            return lsp.CompletionItem(
                label=name,
                kind=kind,
                detail=source.signature,
                sort_text=sort_text,
                data={"kind": "builtin", "name": name},
            )
        item = lsp.CompletionItem(
            label=name,
            kind=lsp.CompletionItemKind.Keyword,
            detail=source.usage,
            sort_text=sort_text,
            data={"kind": "special", "name": name},
        )
        if self.snippets:
            item.kind = lsp.CompletionItemKind.Snippet
            item.insert_text = snippet_body(source, self.in_head)
            item.insert_text_format = lsp.InsertTextFormat.Snippet
        return item


def snippet_body(form: SpecialForm, in_head: bool) -> str:
    """The form's snippet; after an open parenthesis, without its own parentheses."""
    if not in_head:
        return form.snippet
    snippet = form.snippet[1:]
    return snippet[:-1] if snippet.endswith(")") else snippet


# ------------------------------------------------------------------ what the client supports


def completion_item_capabilities(server: ClaudeLangServer) -> lsp.ClientCompletionItemOptions | None:
    text = server.client_capabilities.text_document
    completion = text.completion if text is not None else None
    return completion.completion_item if completion is not None else None


def snippet_support(server: ClaudeLangServer) -> bool:
    item = completion_item_capabilities(server)
    return bool(item is not None and item.snippet_support)


def documentation_formats(server: ClaudeLangServer) -> Sequence[lsp.MarkupKind] | None:
    item = completion_item_capabilities(server)
    return item.documentation_format if item is not None else None


def documentation(markdown: str, formats: Sequence[lsp.MarkupKind] | None) -> lsp.MarkupContent | str:
    """As `markup` for clients that list formats; else a bare string, plain text to every client."""
    return markup(markdown, formats) if formats else plain_text(markdown)


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
    return lsp.CompletionList(is_incomplete=indexing(server), items=items)
