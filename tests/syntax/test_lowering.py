"""Lowering: special forms become typed nodes; malformed ones get precise diagnostics."""

from __future__ import annotations

import pytest
from claudelang import parse
from claudelang.ast import nodes as a


def diagnostics(source: str) -> list[tuple[str, str]]:
    return [(str(d.span.start), d.message) for d in parse(source).diagnostics]


def only_form(source: str) -> a.Node:
    module = parse(source)
    assert not module.diagnostics, [str(d) for d in module.diagnostics]
    (form,) = module.forms
    return form


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("42", (a.IntLit, 42)),
        ("-17", (a.IntLit, -17)),
        ("+5", (a.IntLit, 5)),
        ("123456789012345678901234567890", (a.IntLit, 123456789012345678901234567890)),
        ("3.14", (a.FloatLit, 3.14)),
        ("3.", (a.FloatLit, 3.0)),
        ("2.5E-3", (a.FloatLit, 0.0025)),
        ("1e5", (a.FloatLit, 100000.0)),
        ('"a\\n\\"b\\""', (a.StrLit, 'a\n"b"')),
        ('"\\u{1F600}\\t\\0\\\\"', (a.StrLit, "😀\t\0\\")),
        ("#t", (a.BoolLit, True)),
        ("false", (a.BoolLit, False)),
        (":name", (a.KeywordLit, "name")),
        ("io:print", (a.Name, "io:print")),
        ("string->list", (a.Name, "string->list")),
    ],
)
def test_literals(source: str, expected: tuple[type, object]) -> None:
    form = only_form(source)
    cls, value = expected
    assert isinstance(form, cls)
    assert getattr(form, "value", getattr(form, "name", None)) == value


def test_nil_and_collections() -> None:
    assert isinstance(only_form("nil"), a.NilLit)
    vector = only_form("[1, 2 (+ 1 1)]")
    assert isinstance(vector, a.ListLit) and len(vector.items) == 3
    assert isinstance(vector.items[2], a.Call)
    mapping = only_form('{"a" 1 :b 2}')
    assert isinstance(mapping, a.MapLit) and len(mapping.items) == 4
    assert isinstance(only_form("()"), a.ListLit)


def test_quote_builds_data() -> None:
    form = only_form("'(a (b) [c])")
    assert isinstance(form, a.Quote)
    datum = form.datum
    assert isinstance(datum, a.QuotedList)
    assert [type(item).__name__ for item in datum.items] == ["QuotedSymbol", "QuotedList", "QuotedList"]
    assert isinstance(only_form("(quote x)").datum, a.QuotedSymbol)


def test_define_function_with_rest() -> None:
    form = only_form("(define (f a b ...rest) (+ a b))")
    assert isinstance(form, a.Define) and form.is_function
    fn = form.value
    assert isinstance(fn, a.Lambda) and fn.name == "f"
    assert [p.name for p in fn.params] == ["a", "b"] and fn.rest.name == "rest"


def test_named_let_and_bindings() -> None:
    form = only_form("(let loop ((i 0) (acc 1)) (loop (+ i 1) acc))")
    assert isinstance(form, a.Let) and form.loop.name == "loop"
    assert [b.name.name for b in form.bindings] == ["i", "acc"]


def test_control_forms() -> None:
    assert isinstance(only_form("(if a b)"), a.If)
    cond = only_form("(cond ((< x 0) -1) (else 1))")
    assert cond.clauses[-1].test is None
    assert only_form("(unless x 1)").negated
    assert isinstance(only_form("(begin 1 2)"), a.Do)
    assert isinstance(only_form("(while #f nil)"), a.While)
    assert isinstance(only_form("(set! x 1)"), a.SetBang)
    assert isinstance(only_form("(and 1 2)"), a.And)


def test_try_catch_finally() -> None:
    form = only_form("(try (f) (catch (e) (g e)) (finally (h)))")
    assert isinstance(form, a.Try)
    assert form.catch_var.name == "e" and len(form.catch_body) == 1 and len(form.finally_body) == 1


def test_match_patterns() -> None:
    form = only_form('(match v (0 "zero") ([] 1) ([x y ...rest] 2) ([a, ... b] 3) ((Some x) 4) (None 5) (_ 6))')
    patterns = [clause.pattern for clause in form.clauses]
    assert isinstance(patterns[0], a.PLiteral)
    assert isinstance(patterns[1], a.PList) and patterns[1].items == []
    assert patterns[2].rest.name == "rest" and len(patterns[2].items) == 2
    assert patterns[3].rest.name == "b"
    assert isinstance(patterns[4], a.PConstructor) and patterns[4].name.name == "Some"
    assert patterns[5].bare
    assert isinstance(patterns[6], a.PWildcard)


def test_data_effects_contracts_modules() -> None:
    data = only_form("(data Option a (None) (Some a))")
    assert [c.name.name for c in data.ctors] == ["None", "Some"] and data.type_vars[0].name == "a"
    handler = only_form("(handler ((io:print (lambda (x) x)) (random (lambda (op) 4))) (f))")
    assert [c.op.name for c in handler.clauses] == ["io:print", "random"]
    assert isinstance(only_form("(effect io:print 1)"), a.Effect)
    contract = only_form("(spec:contract f :requires [(> x 0)] :pure #t)")
    assert [c.key for c in contract.clauses] == ["requires", "pure"]
    module = only_form("(module m (export a b) (define a 1) (define b 2))")
    assert [e.name for e in module.exports] == ["a", "b"] and len(module.body) == 2
    imp = only_form('(import "lib/math" (square [factorial as fact]))')
    assert [(n.name.name, n.alias.name) for n in imp.names] == [("square", "square"), ("factorial", "fact")]
    assert only_form('(import "lib/math" *)').star
    assert isinstance(only_form("(: x Int)"), a.Ascribe)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(if)", [("1:1", "malformed 'if': expected a test and a then branch: (if test then [else])")]),
        ("(let (x) 1)", [("1:7", "expected a binding '(name value)'")]),
        ("(let x)", [("1:1", "expected a binding list: (let ((name value) ...) body ...)")]),
        ("(lambda x)", [("1:9", "'lambda' expects a parameter list: (lambda (param ...) body ...)")]),
        ("{1 2 3}", [("1:6", "map literal has an odd number of elements: this key has no value")]),
        ('"a\\qb"', [("1:3", "unknown escape '\\q' (valid: \\\\ \\\" \\n \\t \\r \\0 \\u{...})")]),
        ("\n\n    (f (g 1)", [("3:5", "unclosed '(' opened at 3:5: expected ')'")]),
        ("(f))", [("1:4", "unexpected ')' with no matching opening bracket")]),
        ('(f "abc', [("1:4", "unterminated string starting at 1:4")]),
        ("(define (f x x) x)", [("1:14", "duplicate parameter 'x'")]),
        ("(spec:contract f :bogus 1)", [("1:18", "unknown contract clause ':bogus'")]),
    ],
)
def test_malformed_forms(source: str, expected: list[tuple[str, str]]) -> None:
    found = diagnostics(source)
    for item in expected:
        assert item in found, found


def test_lowering_continues_after_errors() -> None:
    module = parse("(if)\n(define x 1)\n(let (y) 2)\n(define z 3)\n")
    assert len(module.diagnostics) == 2
    defines = [f for f in module.forms if isinstance(f, a.Define)]
    assert [d.name.name for d in defines] == ["x", "z"]


def test_unclosed_paren_does_not_swallow_later_definitions() -> None:
    module = parse("(define (f x)\n  (+ x 1)\n\n(define y 2)\n(define z 3)\n")
    names = [f.name.name for f in module.forms if isinstance(f, a.Define)]
    assert "y" in names and "z" in names
    assert [d.message for d in module.diagnostics] == ["unclosed '(' opened at 1:1: expected ')'"]


def test_spans_carry_lines_columns_and_utf16() -> None:
    module = parse('(f "😀" x)')
    call = module.forms[0]
    x = call.args[1]
    span = x.span
    assert (span.start_byte, span.end_byte) == (10, 11)
    assert (span.start.line, span.start.col, span.start.col16) == (0, 7, 8)


def test_crlf_and_lone_cr_count_as_line_breaks() -> None:
    module = parse("(a)\r\n(b)\r(c)")
    assert [str(f.span.start) for f in module.forms] == ["1:1", "2:1", "3:1"]
