"""Shared assertions: run ClaudeLang text with the mini evaluator, compare printed forms."""

from __future__ import annotations

import pytest
from claudelang.runtime import ClError

from .mini import run


def check(source: str, expected: str) -> None:
    """`source` evaluates to a value whose printed form is `expected`."""
    assert run(source) == expected, source


def check_error(source: str, kind: str, message: str | None = None) -> ClError:
    """`source` raises a ClError of `kind` (and exactly `message`, when given)."""
    with pytest.raises(ClError) as info:
        run(source)
    assert info.value.kind == kind, (source, info.value.kind, info.value.message)
    if message is not None:
        assert info.value.message == message
    return info.value
