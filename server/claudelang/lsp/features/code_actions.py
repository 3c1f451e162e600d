"""Quick fixes: replace an unbound name with the suggestion, remove an unused binding, add
the missing import for a name that a workspace module exports; and rewrites of earlier
spellings (LANGUAGE.md §10) in their 1.1 form, one at a time or for the whole file."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp

from claudelang.analysis import Definition, DocumentAnalysis
from claudelang.ast import nodes as a
from claudelang.format.modernize import modernize_source, outermost
from claudelang.lsp.convert import from_lsp_position, offsets_to_lsp_range, to_lsp_range
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.semantics.symbols import DefKind


def setup(server: ClaudeLangServer) -> None:
    kinds = [lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite, MODERNIZE_FILE]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=kinds))
    def code_actions(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        lines = doc.module.lines
        start = from_lsp_position(lines, params.range.start)
        end = from_lsp_position(lines, params.range.end)
        actions: list[lsp.CodeAction] = []
        for diagnostic in analysis.diagnostics:
            span = diagnostic.span
            if span.end_byte < start or span.start_byte > end:
                continue
            lsp_diagnostic = lsp.Diagnostic(range=to_lsp_range(span), message=diagnostic.message, code=diagnostic.code)
            if diagnostic.code == "unbound-name":
                actions += replace_actions(doc, diagnostic, lsp_diagnostic)
                actions += import_actions(server, doc, analysis, diagnostic, lsp_diagnostic)
            elif diagnostic.code == "unused":
                actions += unused_actions(doc, analysis, span.start_byte, lsp_diagnostic)
        actions += modernize_actions(doc, start, end)
        return actions


MODERNIZE_FILE = lsp.CodeActionKind.Source + ".modernize.claudelang"


def modernize_actions(doc: OpenDocument, start: int, end: int) -> list[lsp.CodeAction]:
    """ "Rewrite in the 1.1 spelling" for the outermost earlier spelling under the range, and
    the same for every one in the file."""
    rewrites = outermost(doc.module.rewrites)
    if not rewrites:
        return []
    lines = doc.module.lines
    actions = [
        lsp.CodeAction(
            title=f"Rewrite {rewrite.what} in the 1.1 spelling",
            kind=lsp.CodeActionKind.RefactorRewrite,
            edit=edit(
                doc.uri,
                [
                    lsp.TextEdit(
                        range=offsets_to_lsp_range(lines, rewrite.span.start_byte, rewrite.span.end_byte),
                        new_text=rewrite.replacement,
                    )
                ],
            ),
        )
        for rewrite in rewrites
        if rewrite.span.start_byte <= end and start <= rewrite.span.end_byte
    ]
    whole = offsets_to_lsp_range(lines, 0, len(doc.module.data))
    actions.append(
        lsp.CodeAction(
            title="Rewrite every earlier spelling in the file in the 1.1 spelling",
            kind=MODERNIZE_FILE,
            edit=edit(doc.uri, [lsp.TextEdit(range=whole, new_text=modernize_source(doc.module.text))]),
        )
    )
    return actions


def edit(uri: str, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={uri: edits})


def replace_actions(doc: OpenDocument, diagnostic, lsp_diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    return [
        lsp.CodeAction(
            title=f"Replace with '{suggestion}'",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[lsp_diagnostic],
            is_preferred=index == 0,
            edit=edit(doc.uri, [lsp.TextEdit(range=lsp_diagnostic.range, new_text=suggestion)]),
        )
        for index, suggestion in enumerate(diagnostic.data or [])
    ]


def import_actions(
    server: ClaudeLangServer, doc: OpenDocument, analysis: DocumentAnalysis, diagnostic, lsp_diagnostic: lsp.Diagnostic
) -> list[lsp.CodeAction]:
    name = doc.module.data[diagnostic.span.start_byte : diagnostic.span.end_byte].decode()
    here = server.path_of(doc.uri)
    actions = []
    for path, entry in sorted(server.index.files.items()):
        if name not in entry.exports or (here is not None and path == here.resolve()):
            continue
        import_path = module_path_for(server, here, path)
        text = f'(import "{import_path}" ({name}))\n'
        offset = insertion_offset(analysis)
        position = offsets_to_lsp_range(doc.module.lines, offset, offset)
        actions.append(
            lsp.CodeAction(
                title=f"Import '{name}' from \"{import_path}\"",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[lsp_diagnostic],
                edit=edit(doc.uri, [lsp.TextEdit(range=position, new_text=text)]),
            )
        )
    return actions


def module_path_for(server: ClaudeLangServer, here: Path | None, target: Path) -> str:
    """The shortest import path that resolves from `here` to `target`."""
    for folder in server.index.search_dirs(here):
        try:
            relative = target.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
        if relative.endswith("/module.cl"):
            return relative[: -len("/module.cl")]
        return relative[:-3] if relative.endswith(".cl") else relative
    return target.stem


def insertion_offset(analysis: DocumentAnalysis) -> int:
    """After the last top-level import, or at the start of the file."""
    offset = 0
    for facts in analysis.forms:
        if facts.imports and isinstance(facts.form, a.Import):
            line = analysis.module.lines.line_of(facts.form.span.end_byte)
            offset = (
                analysis.module.lines.starts[line + 1]
                if line + 1 < analysis.module.lines.line_count
                else len(analysis.module.data)
            )
    return offset


def unused_actions(
    doc: OpenDocument, analysis: DocumentAnalysis, offset: int, lsp_diagnostic: lsp.Diagnostic
) -> list[lsp.CodeAction]:
    definition, _reference, _target = analysis.occurrence_at(offset)
    if not isinstance(definition, Definition):
        return []
    scope = definition.scope
    if definition.kind is DefKind.LOCAL and isinstance(scope, a.Let):
        binding = next((b for b in scope.bindings if b.name is definition.node), None)
        if binding is not None:
            start, end = binding.span.start_byte, binding.span.end_byte
            data = doc.module.data
            while start > 0 and data[start - 1 : start] in (b" ", b"\t"):
                start -= 1  # take the space before the binding along
            return [
                lsp.CodeAction(
                    title=f"Remove unused binding '{definition.name}'",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diagnostic],
                    edit=edit(
                        doc.uri, [lsp.TextEdit(range=offsets_to_lsp_range(doc.module.lines, start, end), new_text="")]
                    ),
                )
            ]
    if definition.kind in (DefKind.PATTERN, DefKind.PARAMETER):
        return [
            lsp.CodeAction(
                title=f"Rename unused '{definition.name}' to '_{definition.name}'",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[lsp_diagnostic],
                edit=edit(
                    doc.uri, [lsp.TextEdit(range=to_lsp_range(definition.node.span), new_text=f"_{definition.name}")]
                ),
            )
        ]
    return []
