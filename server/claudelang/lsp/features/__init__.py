"""LSP features, one module each; `FEATURES` is the order they are set up in."""

from claudelang.lsp.features import (
    call_hierarchy,
    code_actions,
    completion,
    formatting,
    hover,
    inlay_hints,
    kernel,
    navigation,
    rename,
    semantic_tokens,
    settings,
    signature_help,
    structure,
    symbols,
    sync,
    workspace,
)

FEATURES = [
    sync,
    settings,
    workspace,
    hover,
    completion,
    signature_help,
    navigation,
    rename,
    symbols,
    semantic_tokens,
    structure,
    formatting,
    code_actions,
    call_hierarchy,
    inlay_hints,
    kernel,
]
