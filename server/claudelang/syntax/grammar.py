"""Loads the compiled ClaudeLang grammar; the only module that creates tree-sitter parsers."""

from __future__ import annotations

from functools import cache

from tree_sitter import Language, Parser

from claudelang.syntax._grammar import language as _language_capsule


@cache
def language() -> Language:
    """The ClaudeLang `tree_sitter.Language`."""
    return Language(_language_capsule())


def new_parser() -> Parser:
    """A fresh parser (parsers are not thread-safe: one per document or thread)."""
    return Parser(language())
