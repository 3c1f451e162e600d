"""Hostile input to the syntax layer: diagnostics, never an exception or a RecursionError."""

from __future__ import annotations

import os

import pytest
from claudelang import parse
from claudelang.syntax import MAX_DEPTH, Document, TextEdit
from hypothesis import given, settings
from hypothesis import strategies as st


def check_sane(source: str | bytes) -> None:
    module = parse(source)
    size = len(module.data)
    for diagnostic in module.diagnostics:
        span = diagnostic.span
        assert 0 <= span.start_byte <= span.end_byte <= size
        assert diagnostic.message


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("100,000 nested (", "(" * 100_000),
        ("100,000 nested [ on separate lines", "[\n" * 100_000),
        ("deep but balanced", "(" * 100_000 + ")" * 100_000),
        ("100,000 quotes", "'" * 100_000 + "x"),
        ("100,000 stray )", ")" * 100_000),
        ("many quotes", '"' * 10_001),
        ("invalid utf-8", b'(f \xff\xfe "\xc3")'),
        ("nul bytes", "(f \0 \0)"),
        ("lone surrogate escapes", '"\\u{D800}"'),
    ],
)
def test_hostile_sources(name: str, source: str | bytes) -> None:
    check_sane(source)


def test_deep_nesting_is_reported_once() -> None:
    module = parse("(" * 1000 + ")" * 1000)
    messages = [d.message for d in module.diagnostics]
    assert messages == [f"form nested too deeply (more than {MAX_DEPTH} levels)"]


def test_random_bytes() -> None:
    for seed in range(20):
        check_sane(os.urandom(5_000 + seed))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("()[]{}\"\\';:, \n\ra1.-+#tfé😀\0")), max_size=300))
def test_random_text(source: str) -> None:
    check_sane(source)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=500))
def test_random_binary(source: bytes) -> None:
    check_sane(source)


def test_ten_megabyte_file() -> None:
    source = '(define (f x) (+ x 1 "s" [1 2 3] {:a 1}))\n' * 240_000
    module = parse(source)
    assert len(module.data) > 10_000_000
    assert len(module.forms) == 240_000 and not module.diagnostics


def test_edits_past_the_end_are_clamped() -> None:
    document = Document("(a)\n")
    document.apply_edits([TextEdit((50, 3), (99, 0), "(b)")])
    assert document.text == "(a)\n(b)"
    document.apply_edits([TextEdit((0, 99), (0, 200), "x")])
    assert document.text == "(a)x\n(b)"
