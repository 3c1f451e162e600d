"""Framing between the server and its kernel: a 4-byte big-endian length, then UTF-8 JSON."""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")
MAX_FRAME = 64 * 1024 * 1024


def encode(message: dict[str, Any]) -> bytes:
    # A lone surrogate (only inside JSON strings here) becomes its JSON escape `\\udXXX`.
    body = json.dumps(message, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
    return HEADER.pack(len(body)) + body


def decode(body: bytes) -> dict[str, Any]:
    return json.loads(body.decode("utf-8"))


def read_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """The next message, or None at end of stream."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"kernel frame too large: {length} bytes")
    body = stream.read(length)
    if len(body) < length:
        return None
    return decode(body)
