"""Unfinished forms (the state of a file being typed) lower to the AST already typed.

Each unclosed bracket counts as closed at the end of its unit (the end of the file, or just
before the next form in column 0), the nodes keep their real positions, and the syntax
errors stay the unclosed brackets.
"""

from __future__ import annotations

from claudelang import parse
from claudelang.ast import dump
from claudelang.ast import nodes as a
from claudelang.syntax import Document, TextEdit

from tests.fuzz.oracles import check_edits, check_source, picture


def messages(source: str) -> list[str]:
    return [f"{d.span.start}: {d.message}" for d in parse(source).diagnostics]


def binders(form: a.Node) -> list[str]:
    """The names bound in `form`, in source order."""
    return names_in(dump(form))


def names_in(value: object) -> list[str]:
    if isinstance(value, tuple) and value and value[0] == "Binder":
        return [value[2]]
    if isinstance(value, tuple | list):
        return [name for item in value for name in names_in(item)]
    return []


def test_unclosed_let_at_the_end_of_the_file() -> None:
    source = "(define (f n) (let ((alpha 1) (beta 2)) (+ al"
    (form,) = parse(source).forms
    assert dump(form) == (
        "Define", (0, 45, "1:1"), ("Binder", (9, 10, "1:10"), "f"),
        ("Lambda", (0, 45, "1:1"), [("Binder", (11, 12, "1:12"), "n")], None, [
            ("Let", (14, 45, "1:15"), "let", [
                ("LetBinding", (20, 29, "1:21"),
                 ("Binder", (21, 26, "1:22"), "alpha"), ("IntLit", (27, 28, "1:28"), 1)),
                ("LetBinding", (30, 38, "1:31"),
                 ("Binder", (31, 35, "1:32"), "beta"), ("IntLit", (36, 37, "1:37"), 2)),
            ], [("Call", (40, 45, "1:41"), ("Name", (41, 42, "1:42"), "+"), [("Name", (43, 45, "1:44"), "al")])], None),
        ], "f"), True,
    )  # fmt: skip
    assert messages(source) == ["1:1: unclosed '(' opened at 1:1: expected ')'"]


def test_unclosed_form_ends_before_the_next_column_0_form() -> None:
    source = "(define (f n) (let ((alpha 1)) (+ al\n(define (g) 1)\n"
    first, second = parse(source).forms
    assert dump(first) == (
        "Define", (0, 37, "1:1"), ("Binder", (9, 10, "1:10"), "f"),
        ("Lambda", (0, 37, "1:1"), [("Binder", (11, 12, "1:12"), "n")], None, [
            ("Let", (14, 37, "1:15"), "let", [
                ("LetBinding", (20, 29, "1:21"),
                 ("Binder", (21, 26, "1:22"), "alpha"), ("IntLit", (27, 28, "1:28"), 1)),
            ], [("Call", (31, 37, "1:32"), ("Name", (32, 33, "1:33"), "+"), [("Name", (34, 36, "1:35"), "al")])], None),
        ], "f"), True,
    )  # fmt: skip
    assert isinstance(second, a.Define) and second.name.name == "g" and second.span.start_byte == 37
    assert messages(source) == ["1:1: unclosed '(' opened at 1:1: expected ')'"]


def test_unclosed_form_runs_to_the_end_of_the_file_after_spaces() -> None:
    """What one types after a space at the end is still inside the unfinished forms."""
    source = "(define (f n) (let ((alpha 1)) (+ \n\n"
    (form,) = parse(source).forms
    assert form.span.end_byte == len(source)
    assert form.value.body[0].body[0].span.end_byte == len(source)  # the call (+
    source = "(define (f n)\n  (let ((alpha 1))\n    (+ al)  \n  \n"  # a missing ')', not an ERROR
    (form,) = parse(source).forms
    assert form.span.end_byte == form.value.body[0].span.end_byte == len(source)
    assert messages(source) == [
        "1:1: unclosed '(' opened at 1:1: expected ')'",
        "2:3: unclosed '(' opened at 2:3: expected ')'",
    ]


def test_malformed_unfinished_let_keeps_its_complete_bindings() -> None:
    source = "(let ((alpha 1"
    (form,) = parse(source).forms
    assert isinstance(form, a.Let) and binders(form) == ["alpha"]
    assert dump(form.bindings[0]) == (
        "LetBinding",
        (6, 14, "1:7"),
        ("Binder", (7, 12, "1:8"), "alpha"),
        ("IntLit", (13, 14, "1:14"), 1),
    )
    assert messages(source) == ["1:1: unclosed '(' opened at 1:1: expected ')'"]
    (form,) = parse("(let ((alpha 1) (be").forms
    assert isinstance(form, a.Let) and binders(form) == ["alpha"]  # the incomplete binding is dropped


def test_unfinished_clauses_keep_their_binders() -> None:
    (form,) = parse("(define (area s)\n  (match s\n    ((Rect w h) ").forms
    assert binders(form) == ["area", "s", "w", "h"]
    (form,) = parse("(try (f) (catch (err) (g err)) (fin").forms
    assert isinstance(form, a.Try) and form.catch_var.name == "err"
    (form,) = parse("(define (f xs) (map (lambda (x) (* x").forms
    assert binders(form) == ["f", "xs", "x"]


def test_quote_and_collections_are_rebuilt() -> None:
    (form,) = parse("(define x '(a b (c").forms
    assert dump(form.value) == (
        "Quote", (10, 18, "1:11"), ("QuotedList", (11, 18, "1:12"), [
            ("QuotedSymbol", (12, 13, "1:13"), "a"), ("QuotedSymbol", (14, 15, "1:15"), "b"),
            ("QuotedList", (16, 18, "1:17"), [("QuotedSymbol", (17, 18, "1:18"), "c")]),
        ]),
    )  # fmt: skip
    (form,) = parse("(define (f n) [1 (let ((x n)) {:a (+ x").forms
    assert binders(form) == ["f", "n", "x"]


def test_each_unclosed_column_0_form_stands_alone() -> None:
    source = "(define (f n) (+ n\n(define (g m) (h m"
    first, second = parse(source).forms
    assert binders(first) == ["f", "n"] and binders(second) == ["g", "m"]
    assert first.span.end_byte == second.span.start_byte == source.index("\n") + 1
    assert messages(source) == [
        "1:1: unclosed '(' opened at 1:1: expected ')'",
        "2:1: unclosed '(' opened at 2:1: expected ')'",
    ]


def test_problems_inside_an_unfinished_form_are_still_reported() -> None:
    """Complete forms inside are checked; only the shape of the unfinished one is not."""
    source = "(define (f n) (let ((x)) x) (if"
    (form,) = parse(source).forms
    assert binders(form) == ["f", "n"] and isinstance(form.value.body[1], a.ErrorNode)  # (if: not a node yet
    assert messages(source) == [
        "1:21: expected a binding '(name value)'",
        "1:1: unclosed '(' opened at 1:1: expected ')'",
    ]


def test_typing_an_unfinished_form_matches_a_fresh_parse() -> None:
    text = "(define (f n) (let ((alpha 1)) (+ al\n(define (g) 1)\n"
    cut = text.index("\n")
    edits = [((0, i), (0, i), text[i]) for i in range(cut)]
    document = check_edits(text[cut:], edits)
    assert picture(document.module) == picture(parse(text))
    edited = Document(text)
    edited.apply_edits([TextEdit((0, cut), (0, cut), " ")])
    assert binders(edited.module.forms[0]) == ["f", "n", "alpha"]


EVERY_FORM = """(define (f n ...rest) (let loop ((i 0) (acc [])) (if (< i n) (loop (+ i 1) (cons i acc)) acc)))
(define g (lambda (x) (let* ((y x)) (letrec ((h (lambda () y))) (h)))))
(cond ((> 1 0) (when #t 1) (unless #f 2)) (else (and 1 (or 2 3)) (do 1) (begin 2)))
(while #f (set! g 1))
(match '(a {:k v}) ((Some [x ...xs]) x) (_ (quote y)))
(data Shape (Circle r) (Rect w h))
(: 1 Int)
(try (f 1) (catch (e) (error-message e)) (finally 1))
(handler ((io:print (lambda (x) x))) (effect io:print "x"))
(spec:contract f :requires [(> n 0)] :ensures (fn [r] r))
(module m (export a) (define a 1))
(import "m" (a [a as b]))
(effect io print "x") (effect :io (print "y")) (dotimes (i 3) (io:print i))
(loop [i 0] (if (< i 3) (recur (+ i 1)) i)) (cond [#t 1]) (let [(a 1)] a)
(module n (define c 1)) (module o (define d 1) (export d)) (import "m")
"""


def test_every_prefix_of_every_form_lowers() -> None:
    """Cut anywhere, the special forms and the earlier spellings (LANGUAGE.md §10) lower
    without raising, with diagnostics inside the document; so does the text at each cut
    with the rest of the file after a line break (an unfinished form before others)."""
    lines = EVERY_FORM.splitlines(keepends=True)
    for index, line in enumerate(lines):
        rest = "".join(lines[index + 1 :])
        for cut in range(len(line)):
            check_source(line[:cut])
            check_source(line[:cut] + "\n" + rest)
