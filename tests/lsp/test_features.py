"""End-to-end LSP features over stdio, for VS Code's, Neovim's and Emacs's capabilities."""

from __future__ import annotations

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import WORKSPACE, diagnostics_of, open_document, uri_of, wait_for_index

MAIN = WORKSPACE / "app" / "main.cl"
MATH = WORKSPACE / "lib" / "math.cl"


def doc_id(uri: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=uri)


def pos(line: int, character: int) -> lsp.Position:
    return lsp.Position(line=line, character=character)


async def test_initialize_advertises_every_feature(client: LanguageClient) -> None:
    caps = client.server_capabilities
    assert caps.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
    assert caps.text_document_sync.change == lsp.TextDocumentSyncKind.Incremental
    for name in [
        "hover_provider", "completion_provider", "signature_help_provider", "definition_provider",
        "references_provider", "document_highlight_provider", "document_symbol_provider", "workspace_symbol_provider",
        "rename_provider", "semantic_tokens_provider", "folding_range_provider", "selection_range_provider",
        "document_formatting_provider", "document_range_formatting_provider", "code_action_provider",
        "call_hierarchy_provider", "inlay_hint_provider", "diagnostic_provider", "code_lens_provider",
    ]:  # fmt: skip
        assert getattr(caps, name), name
    # a plain bool when the client lacks prepareSupport
    assert caps.rename_provider is True or caps.rename_provider.prepare_provider
    assert caps.completion_provider.resolve_provider
    assert caps.semantic_tokens_provider.full.delta and caps.semantic_tokens_provider.range
    assert {"claudelang.runCell", "claudelang.interrupt"} <= set(caps.execute_command_provider.commands)


async def test_diagnostics_for_unbound_names_arity_and_syntax(client: LanguageClient) -> None:
    text = "(define (f x y) (+ x y))\n(f 1)\n(prnt 1)\n(if)\n"
    uri = await open_document(client, WORKSPACE / "scratch.cl", text)
    found = {(d.range.start.line, d.code, d.message) for d in await diagnostics_of(client, uri)}
    assert (1, "arity", "'f' expects 2 arguments, got 1") in found
    assert any(line == 2 and code == "unbound-name" and "did you mean 'print'" in msg for line, code, msg in found)
    assert any(line == 3 and code == "syntax" for line, code, _msg in found)


async def test_hover_builtin_and_user_function(client: LanguageClient) -> None:
    uri = await open_document(client, MAIN)
    hover = await client.text_document_hover_async(lsp.HoverParams(text_document=doc_id(uri), position=pos(8, 34)))
    assert hover is not None and "string-upcase" in hover.contents.value
    hover = await client.text_document_hover_async(lsp.HoverParams(text_document=doc_id(uri), position=pos(11, 16)))
    value = hover.contents.value
    assert "(add a b)" in value and "Add two numbers." in value and "spec:contract" in value
    assert "Effects: none (pure)" in value
    hover = await client.text_document_hover_async(lsp.HoverParams(text_document=doc_id(uri), position=pos(8, 10)))
    assert "Effects: io" in hover.contents.value


async def test_definition_local_global_and_imported(client: LanguageClient) -> None:
    await wait_for_index(client)
    uri = await open_document(client, MAIN)
    result = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc_id(uri), position=pos(11, 16))
    )
    assert result[0].uri == uri and result[0].range.start.line == 4
    result = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc_id(uri), position=pos(11, 21))
    )
    assert result[0].uri == uri_of(MATH) and result[0].range.start.line == 3


async def test_references_and_highlight(client: LanguageClient) -> None:
    uri = await open_document(client, MAIN)
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc_id(uri), position=pos(4, 9), context=lsp.ReferenceContext(include_declaration=True)
        )
    )
    assert sorted(r.range.start.line for r in refs) == [4, 6, 11]
    highlights = await client.text_document_document_highlight_async(
        lsp.DocumentHighlightParams(text_document=doc_id(uri), position=pos(4, 14))
    )
    assert len(highlights) == 3  # the parameter, its use, and its use in the contract


async def test_rename_across_files_and_refusals(client: LanguageClient) -> None:
    await wait_for_index(client)
    uri = await open_document(client, MAIN)
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(text_document=doc_id(uri), position=pos(11, 21))
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        lsp.RenameParams(text_document=doc_id(uri), position=pos(11, 21), new_name="sq")
    )
    assert uri in edit.changes and uri_of(MATH) in edit.changes
    assert len(edit.changes[uri_of(MATH)]) == 3  # export list, definition, use in cube
    try:
        await client.text_document_prepare_rename_async(
            lsp.PrepareRenameParams(text_document=doc_id(uri), position=pos(4, 19))
        )
        refused = False
    except Exception:
        refused = True
    assert refused, "renaming the builtin + must be refused"


async def test_completion_and_resolve(client: LanguageClient) -> None:
    await wait_for_index(client)
    text = '(define (area width height) (* width heig))\n(import "" (x))\n(define (f width) ())\n(f ma)\n'
    uri = await open_document(client, WORKSPACE / "app" / "complete.cl", text)
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc_id(uri), position=pos(0, 40))
    )
    assert "height" in {item.label for item in result.items}
    assert "map" not in {item.label for item in result.items}  # filtered by the typed prefix
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc_id(uri), position=pos(2, 19))
    )
    labels = {item.label: item for item in result.items}
    assert {"width", "area", "f", "define", "let"} <= set(labels)
    assert "height" not in labels  # another function's parameter
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc_id(uri), position=pos(3, 5))
    )
    labels = {item.label: item for item in result.items}
    resolved = await client.completion_item_resolve_async(labels["map"])
    documentation = resolved.documentation
    assert "map" in (documentation if isinstance(documentation, str) else documentation.value)
    modules = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc_id(uri), position=pos(1, 9))
    )
    assert "lib/math" in {item.label for item in modules.items}


async def test_signature_help(client: LanguageClient) -> None:
    text = "(define (add a b) (+ a b))\n(add 1 )\n(range 1 )\n"
    uri = await open_document(client, WORKSPACE / "sig.cl", text)
    help_ = await client.text_document_signature_help_async(
        lsp.SignatureHelpParams(text_document=doc_id(uri), position=pos(1, 7))
    )
    assert help_.signatures[0].label == "(add a b)" and help_.active_parameter == 1
    help_ = await client.text_document_signature_help_async(
        lsp.SignatureHelpParams(text_document=doc_id(uri), position=pos(2, 9))
    )
    assert help_.signatures[0].label.startswith("(range")


async def test_symbols_folding_selection(client: LanguageClient) -> None:
    uri = await open_document(client, MATH)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(text_document=doc_id(uri)))
    assert symbols[0].name == "math"
    assert [c.name for c in symbols[0].children] == ["square", "cube", "factorial"]
    folds = await client.text_document_folding_range_async(lsp.FoldingRangeParams(text_document=doc_id(uri)))
    assert any(f.start_line == 1 and f.end_line == 5 for f in folds)
    ranges = await client.text_document_selection_range_async(
        lsp.SelectionRangeParams(text_document=doc_id(uri), positions=[pos(3, 21)])
    )
    chain = []
    node = ranges[0]
    while node is not None:
        chain.append(node.range)
        node = node.parent
    assert len(chain) >= 4


async def test_workspace_symbols(client: LanguageClient) -> None:
    await wait_for_index(client)
    symbols = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="fact"))
    assert any(s.name == "factorial" for s in symbols)


async def test_semantic_tokens_full_delta_and_range(client: LanguageClient) -> None:
    uri = await open_document(client, MAIN)
    full = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(text_document=doc_id(uri)))
    assert full.data and len(full.data) % 5 == 0
    delta = await client.text_document_semantic_tokens_full_delta_async(
        lsp.SemanticTokensDeltaParams(text_document=doc_id(uri), previous_result_id=full.result_id)
    )
    assert isinstance(delta, lsp.SemanticTokensDelta) and not delta.edits
    ranged = await client.text_document_semantic_tokens_range_async(
        lsp.SemanticTokensRangeParams(text_document=doc_id(uri), range=lsp.Range(start=pos(4, 0), end=pos(5, 0)))
    )
    assert 0 < len(ranged.data) < len(full.data)


def apply_lsp_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """`text` (as the client holds it) with LSP edits applied, counting UTF-16 units."""
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        units, index, line = 0, 0, lines[position.line] if position.line < len(lines) else ""
        while units < position.character and index < len(line):
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def format_document(client: LanguageClient, uri: str) -> list[lsp.TextEdit]:
    options = lsp.FormattingOptions(tab_size=2, insert_spaces=True)
    return await client.text_document_formatting_async(
        lsp.DocumentFormattingParams(text_document=doc_id(uri), options=options)
    )


async def test_formatting(client: LanguageClient) -> None:
    text = "(define   (f x)\n        (+ x 1))   ; inc\n\n\n\n(f  2)"
    uri = await open_document(client, WORKSPACE / "fmt.cl", text)
    assert apply_lsp_edits(text, await format_document(client, uri)) == "(define (f x) (+ x 1)) ; inc\n\n(f 2)\n"


async def test_formatting_never_changes_a_lone_surrogate(client: LanguageClient) -> None:
    text = '(define   s  "a\ud800b")\n(io:print   s)'
    uri = await open_document(client, WORKSPACE / "surrogate.cl", text)
    assert apply_lsp_edits(text, await format_document(client, uri)) == '(define s "a\ud800b")\n(io:print s)\n'


async def test_code_actions(client: LanguageClient) -> None:
    await wait_for_index(client)
    text = "(define (f lst) (let ((unused 1)) (lenght lst)))\n(cube 2)\n"
    uri = await open_document(client, WORKSPACE / "app" / "actions.cl", text)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=doc_id(uri),
            range=lsp.Range(start=pos(0, 0), end=pos(2, 0)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    titles = [a.title for a in actions]
    assert "Replace with 'length'" in titles
    assert "Remove unused binding 'unused'" in titles
    assert "Import 'cube' from \"lib/math\"" in titles


async def test_call_hierarchy(client: LanguageClient) -> None:
    uri = await open_document(client, MATH)
    items = await client.text_document_prepare_call_hierarchy_async(
        lsp.CallHierarchyPrepareParams(text_document=doc_id(uri), position=pos(3, 12))
    )
    incoming = await client.call_hierarchy_incoming_calls_async(lsp.CallHierarchyIncomingCallsParams(item=items[0]))
    assert [c.from_.name for c in incoming] == ["cube"]
    items = await client.text_document_prepare_call_hierarchy_async(
        lsp.CallHierarchyPrepareParams(text_document=doc_id(uri), position=pos(4, 12))
    )
    outgoing = await client.call_hierarchy_outgoing_calls_async(lsp.CallHierarchyOutgoingCallsParams(item=items[0]))
    assert {c.to.name for c in outgoing} == {"*", "square"}


async def test_inlay_hints(client: LanguageClient) -> None:
    uri = await open_document(client, MAIN)
    hints = await client.text_document_inlay_hint_async(
        lsp.InlayHintParams(text_document=doc_id(uri), range=lsp.Range(start=pos(0, 0), end=pos(13, 0)))
    )
    assert [h.label for h in hints] == ["a:", "b:"]


async def test_document_symbols_are_bounded(client: LanguageClient) -> None:
    text = "".join(f"(define v{i} {i})\n" for i in range(6000))
    uri = await open_document(client, WORKSPACE / "many.cl", text)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(text_document=doc_id(uri)))
    assert len(symbols) == 5000 and symbols[0].name == "v0"
