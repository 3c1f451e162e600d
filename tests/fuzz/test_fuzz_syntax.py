"""Property-based fuzzing of lowering, analysis, incremental parsing and the formatter.

Random text, random bytes, generated programs, mutated realistic sources and random edit
sequences, all checked against `oracles`. The explicit tests at the end are the minimal
reproductions of bugs these fuzzers found, kept as regression tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from claudelang.format import FormatError, format_source
from claudelang.syntax import Document, TextEdit, parse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.fuzz.oracles import check_edits, check_format, check_source, picture

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from corpus import realistic_source


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )


# Pieces of ClaudeLang, and characters that trouble lexers and position arithmetic:
# every LSP line break, the line breaks LSP does not count, NUL, astral characters
# (two UTF-16 units) and lone surrogates (which JSON, so an LSP client, can send).
TOKENS = [
    "(", ")", "[", "]", "{", "}", '"', "\\", "'", ";", ";; %%", ",", ":", "#", "#t", "#f", "nil",
    "\n", "\r\n", "\r", " ", "\t", "\f", "\v", "\u2028", "\x00", "\x7f", "é", "😀", "\ud800", "\udc00",
    "define", "lambda", "let", "let*", "letrec", "if", "cond", "match", "data", "module", "import",
    "export", "try", "catch", "finally", "handler", "effect", "while", "do", "begin", "set!", "quote",
    "spec:contract", ":requires", ":ensures", "...", "...rest", "&", "_", "x", "f", "io:print",
    "1", "-2.5", "1e309", "0x1F", "1/0", '"s"', '"\\n"', '"\\u{1F600}"', '"\\u{D800}"', '"\\q"',
]  # fmt: skip

texts = st.lists(st.sampled_from(TOKENS) | st.characters(codec="utf-8"), max_size=80).map("".join)

ATOMS = ["x", "foo-bar", "1", "-2.5", '"s"', '"a\\nb"', '"😀"', ":k", "#t", "nil", "'q", "io:print", "..."]
HEADS = ["f", "define", "let", "if", "when", "match", "cond", "lambda", "handler", "do", "long-function-name"]
SEPARATORS = [" ", "\n", "\r\n", "\r", "  ", " ; note\n", "\n;; %% cell\n", " ;; 😀 é\r\n"]


@st.composite
def forms(draw: st.DrawFn, depth: int = 0) -> str:
    """A syntactically balanced form, with comments and line breaks in odd places."""
    if depth > 3 or draw(st.integers(0, 2)) == 0:
        atom = draw(st.sampled_from(ATOMS))
        if draw(st.integers(0, 5)) == 0:  # a quote with a comment before its datum
            return "'" + draw(st.sampled_from(["", " ", "; c\n", " ;; c\r\n"])) + atom
        return atom
    kind = draw(st.sampled_from(["list", "list", "vector", "map", "quote"]))
    if kind == "quote":
        return "'" + draw(forms(depth + 1))
    items = draw(st.lists(forms(depth + 1), max_size=5))
    if kind == "list":
        items = [draw(st.sampled_from(HEADS)), *items]
    if kind == "map" and len(items) % 2:
        items = items[:-1]
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in items]
    body = "".join(item + sep for item, sep in zip(items, separators, strict=True)).rstrip(" ")
    if body.endswith(("note", "cell")) or ";" in body.rsplit("\n", 1)[-1]:
        body += "\n"  # a closing bracket must not end up inside a comment
    opener, closer = {"list": "()", "vector": "[]", "map": "{}"}[kind]
    return opener + body + closer


programs = st.lists(forms(), min_size=1, max_size=6).flatmap(
    lambda items: st.lists(st.sampled_from(SEPARATORS[1:]), min_size=len(items), max_size=len(items)).map(
        lambda seps: "".join(item + sep for item, sep in zip(items, seps, strict=True))
    )
)

CORPUS = realistic_source(4_000)


@st.composite
def mutated_sources(draw: st.DrawFn) -> str:
    """A slice of realistic code with a few random deletions, insertions and duplications."""
    start = draw(st.integers(0, len(CORPUS) - 1))
    text = CORPUS[start : start + draw(st.integers(0, 600))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 12)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if action == "delete":
            text = text[:at] + text[end:]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            text = text[:at] + text[at:end] + text[at:]
    return text


@st.composite
def edit_sessions(draw: st.DrawFn) -> tuple[str, list[tuple[tuple[int, int], tuple[int, int], str]]]:
    """A starting text and edits whose positions may lie past line ends, past the end of
    the document or between the two halves of a surrogate pair."""
    text = draw(st.sampled_from([CORPUS[:800], CORPUS[800:1600].replace("\n", "\r\n"), ""])) + draw(texts)
    edits = []
    for _ in range(draw(st.integers(1, 8))):
        line = draw(st.integers(0, text.count("\n") + 2))
        col = draw(st.integers(0, 90))
        end = (line + draw(st.integers(0, 2)), draw(st.integers(0, 90)))
        edits.append(((line, col), max(end, (line, col)), draw(texts.map(lambda s: s[:12]))))
    return text, edits


@fuzz(400)
@given(texts)
def test_random_text(text: str) -> None:
    check_source(text)
    event("formatted" if check_format(text) is not None else "refused")


@fuzz(200)
@given(st.binary(max_size=400) | st.binary(max_size=100).map(lambda b: CORPUS[:300].encode() + b))
def test_random_bytes(data: bytes) -> None:
    module = check_source(data)
    check_format(module.text)


@fuzz(200)
@given(programs)
def test_generated_programs(program: str) -> None:
    check_source(program)
    event("formatted" if check_format(program) is not None else "refused")


@fuzz(300)
@given(mutated_sources())
def test_mutated_realistic_sources(text: str) -> None:
    check_source(text)
    event("formatted" if check_format(text) is not None else "refused")


@fuzz(150)
@given(edit_sessions())
def test_random_edits_equal_a_fresh_parse(session: tuple[str, list]) -> None:
    text, edits = session
    check_edits(text, edits)


# ---------------------------------------------------------------- regressions


def test_lone_surrogates_become_replacement_characters() -> None:
    """A lone surrogate used to reach `bytes.decode()` in lowering (UnicodeDecodeError)."""
    for source in ["(data T (A \ud800))", "(match x ((A \udc00) 1))", '"\ud800" (f 3)']:
        module = check_source(source)
        assert "\ufffd" in module.text and "\ud800" not in module.text
    document = Document('(a "😀")')
    document.apply_edits([TextEdit((0, 5), (0, 5), "\udc00")])  # inside the surrogate pair
    assert document.text == '(a "\ufffd😀")'
    assert picture(document.module) == picture(parse(document.text))


def test_comment_between_quote_and_datum_survives_formatting() -> None:
    """`'; c⏎x` was formatted as `'; c` (the quoted form was dropped)."""
    assert format_source("';\re") == "';\n e\n"
    assert format_source("(f ' ; c\n  x y)") == "(f '; c\n    x\n   y)\n"
    check_format("[' ;a\n;b\n(x ; c\n)]")


@pytest.mark.parametrize("source", ["'\x00e", "'}i", "(f \x00 x)", "\x00"])
def test_stray_characters_are_reported(source: str) -> None:
    """A stray token inside a quote, or a NUL anywhere, used to vanish without a diagnostic,
    so the formatter "formatted" it into different code."""
    assert parse(source).has_errors
    with pytest.raises(FormatError):
        format_source(source)


def test_error_units_are_not_reused_across_different_recoveries() -> None:
    """Identical bytes with syntax errors may be parsed differently in another context;
    the incremental document reused the old lowering and its diagnostics."""
    text = (
        '(io:print "unit" 0 (sum-squares-0 (range 10)) (evaluate-0 (Add (Num 1) (Mul (Num 2) (Num 3)))))\n'
        ";; %% Section 1: list utilities and a small interpreter\n(define (sum-squares-1 xs)\n"
        "  (fold (lambda (acc x) (+ acc (* x x))) 0 (filter even? xs)))\n\n(define (quicksort-1 lst)\n  (if ("
    )
    check_edits(text, [((4, 10), (4, 10), "\x0bdata2")])


def test_deleting_between_cr_and_lf_joins_them_into_one_line_break() -> None:
    """The line index was updated from the edited line only, leaving a stale line start."""
    text = "  ; the sum of the squares of the even numbers\n  (fold xs)\n\n        (append (quicksort-1 (filter"
    check_edits(text, [((0, 26), (2, 28), "\rmodule)"), ((1, 0), (2, 23), "\n")])
    check_edits("a\rb\n", [((1, 0), (1, 1), "\n")])


def test_error_recovery_does_not_depend_on_the_edit_history() -> None:
    """tree-sitter's incremental reparse of broken code recovered differently from a fresh
    parse (an ERROR root instead of a list with a MISSING bracket)."""
    text = (
        "  (match e\n    ((Num v) v)\n    ((Mul l r) (* (evaluate-2 l) (evaluate-2 r)))))\n"
        "(spec:contract safe-div-2 :requires [(!= y 0)] :ensures [(number? result)])\n"
        "(define (safe-div-2 x y) (/ x y))\n"
        '(define config-2 {"name" "unit-2" :size 2 :tags ["a" "b" "c"]})\n'
        '(io:print "unit" 2 (sum-squares-2 (range 10)) (evaluate-2 (Add (Nu'
    )
    check_edits(text, [((5, 5), (6, 7), ")]"), ((3, 6), (4, 13), "[d:#<spec"), ((1, 0), (2, 7), "&!zx;")])


def test_forms_swallowed_by_an_unclosed_bracket_are_reused() -> None:
    """Typing `(` inside the first form used to lower (and analyse) the rest of the file
    again on every keystroke, since it all hung under one broken top-level node; found by
    the soak (100-250 ms per keystroke on 100 KB)."""
    document = Document("(define (f x)\n  (g x))\n(define (h y) y)\n(define (k z) z)\n")
    before = document.module.forms
    document.apply_edits([TextEdit((1, 7), (1, 7), "(")])
    assert document.module.has_errors
    assert document.module.forms[1] is before[1] and document.module.forms[2] is before[2]
    after_open = document.module.forms
    document.apply_edits([TextEdit((1, 8), (1, 8), "q")])
    assert document.module.forms[1] is after_open[1] and document.module.forms[2] is after_open[2]
    assert picture(document.module) == picture(parse(document.text))


def test_a_form_hoisted_out_of_an_unclosed_list_is_highlighted_alike() -> None:
    """`define` at column 0 became the head of an unclosed list opened before it: a fresh
    highlight counted it as a special-form head of that list, the reused unit did not
    (found by the coverage-guided fuzzer)."""
    check_edits("x\ndefine\n(f)\n", [((0, 0), (0, 1), "(;c")])


def test_a_unit_after_an_edit_on_its_own_line_is_not_moved_blindly() -> None:
    """Deleting `)` before `:` on the same line: the unit kept its old column when moved
    as an untouched unit after the edit (found by hypothesis)."""
    check_edits("", [((0, 0), (0, 0), "):"), ((0, 0), (0, 1), "")])


def test_a_contract_whose_names_change_meaning_gets_new_tokens() -> None:
    """The highlighter reused a `spec:contract` unit's tokens when its facts and the shapes of
    the globals it names were the same, though its clauses' names had changed meaning (the
    target became known, so `y` became its parameter): found by the coverage fuzzer."""
    text = (
        "\n\n\n \x01(f '* (evaluate-1 l) (evaluate-1 r)))))\n\n(spec:contract"
        + " safe-div-1 :requires [(!= y 0)] :ensures [(number? result)]"
        + ")\n (fold (lambda (acst utilities and a small interpterer\n("
        + "\ufffd" * 2
        + "fine (sum-squares-0 xs)\n  (fold (lambda (acc x) ("
        + "\ufffd" * 27
        + "(define (safe-div-1 x y) (/ x y))\n(define con"
        + "\ufffd" * 37
        + "r (lambda (x) (>= x pivot)) rest))))))\n(data Expr-0 (Num\x01\x00 v"
        + "alue) (Add left right) (MB"
    )
    check_edits(text, [((0, 0), (0, 0), "("), ((6, 50), (6, 50), "[")])
