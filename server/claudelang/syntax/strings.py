"""Decoding string literals: escape sequences to characters, with precise error ranges."""

from __future__ import annotations

from tree_sitter import Node as TsNode

SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def decode_string(node: TsNode) -> tuple[str, list[tuple[TsNode, str]]]:
    """The value of a `string` node and the problems found in its escapes."""
    pieces: list[str] = []
    problems: list[tuple[TsNode, str]] = []
    for child in node.children:
        kind = child.type
        if kind == "string_content":
            pieces.append(child.text.decode("utf-8", errors="replace"))
        elif kind == "escape_sequence":
            value, problem = decode_escape(child.text.decode("utf-8", errors="replace"))
            if problem:
                problems.append((child, problem))
            pieces.append(value)
    return "".join(pieces), problems


def decode_escape(text: str) -> tuple[str, str | None]:
    """(character, problem) for one escape sequence such as `\\n` or `\\u{1F600}`."""
    body = text[1:]
    if body in SIMPLE_ESCAPES:
        return SIMPLE_ESCAPES[body], None
    if body.startswith("u{") and body.endswith("}"):
        digits = body[2:-1]
        try:
            code = int(digits, 16)
        except ValueError:
            return "", f"invalid unicode escape '{text}': expected hex digits, as in \\u{{1F600}}"
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "", f"invalid unicode escape '{text}': not a Unicode scalar value"
        return chr(code), None
    if body.startswith("u"):
        return "", f"invalid unicode escape '{text}': write \\u{{XXXX}}"
    shown = body.replace("\n", "\\n") if body else ""
    return "", f"unknown escape '\\{shown}' (valid: \\\\ \\\" \\n \\t \\r \\0 \\u{{...}})"
