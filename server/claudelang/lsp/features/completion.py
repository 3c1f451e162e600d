"""Completion: names in scope, globals, builtins, special forms (snippets), contract clause
keywords and module paths inside import strings (nothing inside other strings, answered
from the syntax alone); documentation comes on resolve.

Like clangd, an answer is bounded: the names matching the typed prefix are ranked (prefix
matches first; then locals, globals of the document, builtins, special forms — special forms
before builtins at the head of a form) and at most `LIMIT` are sent, with `isIncomplete` set
when some were left out, so the client asks again as the user types; likewise while the
workspace is being indexed (`lsp.incomplete`), when other modules' names may be missing.
Snippets and markdown go only to clients that declare support for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from lsprotocol import types as lsp

from claudelang.analysis import DocumentAnalysis
from claudelang.analysis.describe import (
    describe_builtin,
    describe_definition,
    describe_special_form,
)
from claudelang.analysis.special_forms import CONTRACT_CLAUSES, SPECIAL_FORMS, SpecialForm
from claudelang.ast import nodes as a
from claudelang.lsp.convert import from_lsp_position, markup, plain_text
from claudelang.lsp.features.common import string_at
from claudelang.lsp.features.completion_names import Amended, GlobalNames, Names
from claudelang.lsp.incomplete import indexing
from claudelang.lsp.plain import Plain
from claudelang.lsp.plain import install as install_plain
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin, builtins, lookup
from claudelang.semantics.symbols import Definition, DefKind

LIMIT = 100  # items in one answer; past it the list is marked incomplete
STOP = set(" \t\r\n()[]{}\";',")
KIND_VALUES = {  # the LSP item kind of each kind of definition
    DefKind.FUNCTION: lsp.CompletionItemKind.Function.value,
    DefKind.VARIABLE: lsp.CompletionItemKind.Variable.value,
    DefKind.LOCAL: lsp.CompletionItemKind.Variable.value,
    DefKind.PARAMETER: lsp.CompletionItemKind.Variable.value,
    DefKind.CONSTRUCTOR: lsp.CompletionItemKind.EnumMember.value,
    DefKind.TYPE: lsp.CompletionItemKind.Enum.value,
    DefKind.IMPORT: lsp.CompletionItemKind.Reference.value,
    DefKind.MODULE: lsp.CompletionItemKind.Module.value,
    DefKind.PATTERN: lsp.CompletionItemKind.Variable.value,
    DefKind.LOOP: lsp.CompletionItemKind.Function.value,
}


def prefix_at(text: bytes, offset: int) -> str:
    start = offset
    while start > 0 and chr(text[start - 1]) not in STOP:
        start -= 1
    return text[start:offset].decode("utf-8", errors="replace")


def setup(server: ClaudeLangServer) -> None:
    install_plain(server)
    global_names = GlobalNames()

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=["(", ":", '"', "/"], resolve_provider=True),
    )
    def completion(params: lsp.CompletionParams) -> lsp.CompletionList | Plain | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        offset = from_lsp_position(doc.module.lines, params.position)
        string = string_at(doc.module, offset)
        if string is not None and offset > string.start:  # answered without the analysis (issue 19)
            holder = string.holder
            if isinstance(holder, a.Import) and holder.path is string.literal and offset < string.end:
                return module_path_items(server, doc)
            return Plain({"isIncomplete": False, "items": []})  # no name is typed in a string
        analysis = server.analysis(doc)
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
        chosen = ranked(analysis, offset, prefix.lower(), in_head, global_names, LIMIT + 1)
        make = ItemMaker(doc.uri, in_head, snippet_support(server))
        incomplete = len(chosen) > LIMIT or indexing(server)  # other modules' names may be missing
        return Plain({"isIncomplete": incomplete, "items": [make(c) for c in chosen[:LIMIT]]})

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
AT_HEAD = (LOCAL, GLOBAL, SPECIAL, BUILTIN)  # ...except at the head of a form


def searches(wanted: str) -> Iterator[Callable[[Names | Amended], Iterator[str]]]:
    """The lookups for the (lowered) prefix `wanted`, best first: the names starting with
    it, then (unless it is empty, which every name starts with) the others holding its
    characters in order, what fuzzy clients show (the latter's regular expression is
    compiled only when asked for, once the names starting with the prefix have not filled
    the answer)."""
    yield lambda names: names.prefixed(wanted)
    if wanted:
        yield lambda names: names.fuzzy(wanted)


@cache
def static_names() -> tuple[Names, Names]:
    """The builtins' and the special forms' names (fixed for the life of the server)."""
    return Names(builtins()), Names(SPECIAL_FORMS)


class Candidate(NamedTuple):
    name: str
    tier: int
    source: Definition | Builtin | SpecialForm


def ranked(
    analysis: DocumentAnalysis, offset: int, wanted: str, in_head: bool, global_names: GlobalNames, limit: int
) -> list[tuple[str, Candidate]]:
    """At most `limit` names visible at `offset` that match the (lowercased) prefix, best
    first, each with its sort text: prefix matches before fuzzy ones, then by origin, then
    by name. A local hides a global, which hides a builtin, which hides a special form; at
    the head of a form, where they are likeliest, special forms come before builtins."""
    local = {definition.name: definition for definition in analysis.visible_locals(offset)}  # innermost wins
    builtin_names, special_names = static_names()
    origins = {
        LOCAL: (Names(local), local),
        GLOBAL: (global_names.of(analysis.globals), analysis.globals),
        BUILTIN: (builtin_names, builtins()),
        SPECIAL: (special_names, SPECIAL_FORMS),
    }
    better: dict[int, tuple[Mapping[str, object], ...]] = {
        LOCAL: (),
        GLOBAL: (local,),
        BUILTIN: (local, analysis.globals),
        SPECIAL: (local, analysis.globals, builtins()),
    }
    order = AT_HEAD if in_head else (LOCAL, GLOBAL, BUILTIN, SPECIAL)
    chosen: list[tuple[str, Candidate]] = []
    for kind, search in enumerate(searches(wanted)):
        for rank, tier in enumerate(order):
            names, sources = origins[tier]
            hidden = better[tier]
            for name in search(names):
                if any(name in other for other in hidden):
                    continue
                chosen.append((f"{kind}{rank}{name}", Candidate(name, tier, sources[name])))
                if len(chosen) == limit:
                    return chosen
    return chosen


@dataclass(frozen=True, slots=True)
class ItemMaker:
    """Builds the LSP `CompletionItem` (plain JSON) of a ranked candidate, as the client can take it."""

    uri: str
    in_head: bool
    snippets: bool

    def __call__(self, ranked_candidate: tuple[str, Candidate]) -> dict[str, Any]:
        sort_text, (name, tier, source) = ranked_candidate
        if isinstance(source, Definition):
            kind = KIND_VALUES[source.kind]
            if tier == LOCAL:
                return {"label": name, "kind": kind, "sortText": sort_text, "detail": source.kind.value}
            return {
                "label": name,
                "kind": kind,
                "sortText": sort_text,
                "detail": source.signature(),
                "data": {"kind": "global", "uri": self.uri},
            }
        if isinstance(source, Builtin):
            return {**builtin_item(name), "sortText": sort_text}
        return {**special_item(name, self.snippets, self.in_head), "sortText": sort_text}


@cache
def builtin_item(name: str) -> dict[str, Any]:
    """A builtin's item but its sort text (made once per builtin; copied per answer). The
    `data` that resolve reads names no name: the item's label is it."""
    builtin = builtins()[name]
    kind = lsp.CompletionItemKind.Constant if builtin.is_constant else lsp.CompletionItemKind.Function
    return {"label": builtin.name, "kind": kind.value, "detail": builtin.signature, "data": {"kind": "builtin"}}


@cache
def special_item(name: str, snippets: bool, in_head: bool) -> dict[str, Any]:
    """A special form's item but its sort text, as a snippet for clients that take them."""
    form = SPECIAL_FORMS[name]
    item = {
        "label": form.name,
        "kind": lsp.CompletionItemKind.Keyword.value,
        "detail": form.usage,
        "data": {"kind": "special"},
    }
    if snippets:
        item["kind"] = lsp.CompletionItemKind.Snippet.value
        item["insertText"] = snippet_body(form, in_head)
        item["insertTextFormat"] = lsp.InsertTextFormat.Snippet.value
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


def module_path_items(server: ClaudeLangServer, doc) -> lsp.CompletionList:
    path = server.path_of(doc.uri)
    items = [
        lsp.CompletionItem(label=module, kind=lsp.CompletionItemKind.Module)
        for module in server.index.module_paths(path)
    ]
    return lsp.CompletionList(is_incomplete=indexing(server), items=items)
