"""The language server (`claudelang-lsp`): pygls adapters over `claudelang.analysis`.

The only package that imports pygls and lsprotocol.
"""
