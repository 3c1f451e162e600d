"""The canonical formatter: golden layouts, idempotence, comments and meaning preserved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from claudelang import parse
from claudelang.ast import dump
from claudelang.format import FormatError, format_range, format_source
from claudelang.syntax.cst import walk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from corpus import realistic_source  # noqa: E402

GOLDEN = [
    ("(define   (f x)\n  (+ x 1))", "(define (f x) (+ x 1))\n"),
    ("[1,2,  3]", "[1 2 3]\n"),
    ("(a)\n\n\n\n(b)", "(a)\n\n(b)\n"),
    ("(f x) ; trailing\n; own line\n(g)", "(f x) ; trailing\n; own line\n(g)\n"),
    ("(f a ; about a\n b)", "(f a ; about a\n   b)\n"),
    ("(f a\n ; last\n)", "(f a\n   ; last\n)\n"),
    (
        "(define (quicksort lst) (if (empty? lst) [] (let ((pivot (head lst)) (rest (tail lst)))"
        " (append (quicksort (filter (lambda (x) (< x pivot)) rest)) [pivot]))))",
        "(define (quicksort lst)\n"
        "  (if (empty? lst)\n"
        "      []\n"
        "      (let ((pivot (head lst)) (rest (tail lst)))\n"
        "        (append (quicksort (filter (lambda (x) (< x pivot)) rest)) [pivot]))))\n",
    ),
    (
        "(spec:contract safe-div :requires [(number? x) (number? y) (!= y 0) (> x 1000000)]"
        " :ensures [(number? result)])",
        "(spec:contract safe-div\n"
        "  :requires [(number? x) (number? y) (!= y 0) (> x 1000000)]\n"
        "  :ensures [(number? result)])\n",
    ),
    ('(io:print "multi\nline" x)', '(io:print "multi\nline"\n          x)\n'),
]


@pytest.mark.parametrize(("source", "expected"), GOLDEN)
def test_golden_layouts(source: str, expected: str) -> None:
    assert format_source(source) == expected
    assert format_source(expected) == expected


def ast_picture(text: str) -> list[object]:
    """The AST without positions: what formatting must never change."""

    def strip(value: object) -> object:
        if isinstance(value, tuple):
            return tuple(strip(v) for i, v in enumerate(value) if i != 1)
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return [strip(dump(form)) for form in parse(text).forms]


def comments(text: str) -> list[str]:
    module = parse(text)
    return [module.data[n.start_byte : n.end_byte].decode().rstrip() for n in walk(module) if n.type == "comment"]


def test_realistic_file_is_stable_and_keeps_meaning() -> None:
    source = realistic_source(20_000)
    once = format_source(source)
    assert format_source(once) == once
    assert ast_picture(once) == ast_picture(source)
    assert comments(once) == comments(source)


ATOMS = st.sampled_from(["x", "foo-bar", "1", "-2.5", '"s"', ":k", "#t", "nil", "'q", '"a\\nb"', "io:print"])
HEADS = st.sampled_from(
    ["define", "let", "if", "f", "when", "match", "cond", "lambda", "handler", "long-function-name"]
)


@st.composite
def forms(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(ATOMS)
    kind = draw(st.sampled_from(["list", "vector", "map"]))
    items = draw(st.lists(forms(depth + 1), max_size=6))
    if kind == "list":
        items = [draw(HEADS), *items]
        if draw(st.booleans()):
            items.insert(draw(st.integers(0, len(items))), "; note\n")
        return "(" + " ".join(items) + "\n)"
    if kind == "map" and len(items) % 2:
        items = items[:-1]
    return ("[" if kind == "vector" else "{") + ", ".join(items) + ("]" if kind == "vector" else "}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(forms(), min_size=1, max_size=5), st.sampled_from(["\n", "\n\n\n", " ; c\n"]))
def test_idempotent_and_meaning_preserving(items: list[str], separator: str) -> None:
    source = separator.join(items)
    if parse(source).has_errors:
        with pytest.raises(FormatError):
            format_source(source)
        return
    once = format_source(source)
    assert format_source(once) == once
    assert ast_picture(once) == ast_picture(source)
    assert comments(once) == comments(source)


def test_syntax_errors_are_refused() -> None:
    with pytest.raises(FormatError, match="unclosed"):
        format_source("(f (")


def test_range_formatting_touches_only_overlapping_forms() -> None:
    text = "(a   b)\n(c   d)\n(e   f)\n"
    edits = format_range(text, 9, 10)
    assert edits == [(8, 15, "(c d)")]


def test_cli_fmt_rewrites_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "x.cl"
    path.write_text("(define   (f x)\n (+ x 1))\n")
    run = [sys.executable, "-m", "claudelang.cli.main", "fmt"]
    check = subprocess.run([*run, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 1 and "would be reformatted" in check.stdout
    subprocess.run([*run, str(path)], check=True, capture_output=True)
    assert path.read_text() == "(define (f x) (+ x 1))\n"
    assert subprocess.run([*run, "--check", str(path)], capture_output=True).returncode == 0
    path.write_text("(f (")
    broken = subprocess.run([*run, str(path)], capture_output=True, text=True)
    assert broken.returncode == 1 and "unclosed" in broken.stderr and path.read_text() == "(f ("
