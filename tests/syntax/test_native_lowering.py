"""The C lowering of plain forms (`_lower.c`) builds exactly what the Python lowering builds,
and its `scan_units` reuses exactly the units `document.untouched_ends` reuses.

Each source is parsed twice, with `lower.PLAIN` and `document.SCAN` (the C paths) and
without them (everything in Python), and the two results are compared field by field:
node classes, positions, value types (a `BoolLit` holds a bool, not 1), the anchor each
node names, diagnostics and rewrites; after edits, also which units were reused.
Sources: every `.cl` file and grammar corpus case in the repository, the benchmarks'
realistic source, and generated text (broken, unclosed, unicode, NUL bytes, invalid
UTF-8), fresh and through incremental edits.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import tree_sitter
from claudelang.ast.nodes import Node
from claudelang.syntax import Document, Module, TextEdit, document, lower, native, parse
from claudelang.syntax.grammar import new_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import realistic_source  # noqa: E402

# With CLAUDELANG_PYTHON_LOWERING=1 the whole suite runs the Python path; these need C.
needs_c = pytest.mark.skipif(bool(os.environ.get("CLAUDELANG_PYTHON_LOWERING")), reason="C lowering turned off")


def without_c(work):  # type: ignore[no-untyped-def]
    """`work()` with every form lowered, and every unit matched, in Python."""
    saved = lower.PLAIN, document.SCAN, document.FRESH
    lower.PLAIN = document.SCAN = document.FRESH = None
    try:
        return work()
    finally:
        lower.PLAIN, document.SCAN, document.FRESH = saved


def difference(ours: object, theirs: object, path: str = "") -> str | None:
    """Where two lowerings differ, or None."""
    if type(ours) is not type(theirs):
        return f"{path}: {type(ours).__name__} != {type(theirs).__name__}"
    if isinstance(ours, list):
        if len(ours) != len(theirs):  # type: ignore[arg-type]
            return f"{path}: {len(ours)} items != {len(theirs)}"  # type: ignore[arg-type]
        for index, (one, other) in enumerate(zip(ours, theirs, strict=True)):  # type: ignore[call-overload]
            found = difference(one, other, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(ours, Node):
        for field in dataclasses.fields(ours):
            one, other = getattr(ours, field.name), getattr(theirs, field.name)
            if field.name == "anchor":
                if (one.base_byte, one.text) != (other.base_byte, other.text):
                    return f"{path}.anchor"
                continue
            found = difference(one, other, f"{path}.{type(ours).__name__}.{field.name}")
            if found:
                return found
        return None
    return None if ours == theirs else f"{path}: {ours!r} != {theirs!r}"


def picture(module: Module) -> tuple[object, ...]:
    return (
        [diagnostic.key() for diagnostic in module.diagnostics],
        [(rewrite.start, rewrite.end, rewrite.replacement) for rewrite in module.rewrites],
        [(unit.key, unit.anchor.text, unit.anchor.base_byte, unit.anchor.base) for unit in module.units],
    )


def check_same(ours: Module, theirs: Module) -> None:
    assert difference(ours.forms, theirs.forms) is None
    assert picture(ours) == picture(theirs)


def check_source(source: str | bytes) -> None:
    check_same(parse(source), without_c(lambda: parse(source)))


def repository_sources() -> list[tuple[str, str]]:
    files = [
        path for path in ROOT.rglob("*.cl") if not {"node_modules", "build", ".git"} & set(path.relative_to(ROOT).parts)
    ]
    sources = [(str(path.relative_to(ROOT)), path.read_text(errors="replace")) for path in sorted(files)]
    for path in sorted((ROOT / "grammar" / "test" / "corpus").glob("*.txt")):
        blocks = path.read_text().split("=" * 5)
        sources += [(f"{path.name}#{index}", block) for index, block in enumerate(blocks)]
    return sources


@needs_c
def test_the_c_lowering_is_in_use() -> None:
    """With py-tree-sitter 0.26.1 installed (pyproject pins it), the C path is taken."""
    assert tree_sitter.__version__ == native.RUNTIME_VERSION
    assert lower.PLAIN is not None
    assert document.SCAN is not None
    assert document.FRESH is not None


def test_every_repository_source_lowers_the_same() -> None:
    sources = repository_sources()
    assert len(sources) > 100
    for name, source in sources:
        ours, theirs = parse(source), without_c(lambda source=source: parse(source))
        assert difference(ours.forms, theirs.forms) is None, name
        assert picture(ours) == picture(theirs), name


def test_the_benchmark_source_lowers_the_same() -> None:
    check_source(realistic_source(60_000))


@needs_c
def test_a_long_list_is_lowered_in_one_c_call_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A quote opened mid-file turns the rest of the file inside out, and the list holding
    it swallows hundreds of forms: those go to C in one `lower_each` call, and lower as
    they do one by one in Python."""
    source = realistic_source(60_000)
    middle = source.index("\n(define", len(source) // 2) + 1
    broken = source[:middle] + '(io:print "total\n' + source[middle:]
    calls: list[int] = []
    each = lower.PLAIN_EACH
    monkeypatch.setattr(lower, "PLAIN_EACH", lambda nodes, *args: calls.append(len(nodes)) or each(nodes, *args))
    check_source(broken)
    assert max(calls) > 100


@pytest.mark.parametrize(
    "source",
    [
        "(define (f x y) (if (< x y) x y))",
        "(define f (lambda [a b] (+ a b)))",
        "(define (f ...rest) rest) (define (g a ... r) r) (define (h a a) a) (lambda (x ...) x)",
        "(let loop ((i 0)) (when (< i 3) (loop (+ i 1)))) (let* ((a 1) (b a)) b) (letrec () 1)",
        "(let ([x 1]) x) (let ((x)) x) (let ((1 2)) 3) (let x) (let) (let ((x 1)))",
        "(do) (begin 1 2) (and) (or #f true) (unless #t 1) (when) (if 1) (if 1 2 3 4)",
        '(f "a\\nb" "" "é😀" "\\q" "\\u{1F600}" "\\u{D800}") "open',
        "(f 99999999999999999 -99999999999999999 +5 007 1.5 -2.5e3 1. .5 1e999)",
        "(" + "1" * 5000 + ")",
        "{1 2 3} {} [1 [2 [3]]] (g {:a 1 :b [2 3]}) '(a b) (quote x)",
        "(define) (define x) (define x 1 2) (define (1 x) x) (define () 1) (define [f x] x)",
        "(lambda) (lambda x) (lambda (x)) (lambda (1) 2) (lambda (x) ; only a comment\n)",
        "(dotimes (i 3) i) (loop [i 0] (recur (+ i 1))) (effect io print 1) (io:print 1)",
        "(match x ((Some y) y) (_ 0)) (data T (A x)) (cond (#t 1) (else 2)) (try 1 (catch (e) e))",
        "(f (g (h (let ((x 1)) (i (j x))))))",
        '(match x ((Some [a b]) a) ([1 "s" :k nil #t 2.5] 0) (None 1) (_ 2) (Ünicode 3) (x 4))',
        "(match x ([a ...rest] a) ([a ... r] r) ((lower y) y) ((1 2) 3) ({1 2} 4) ('q 5) [(A) 6] (B))",
        "(match x) (match) (match x (A)) (match x ((A b c) (+ b c)) ((B (C d)) d))",
        '(data T) (data T a b (A a) (B b [a] {k v} (List a) 1 "s")) (data (T) (A)) (data T (A) b) (data T 1)',
        "(data T (A 'q)) (data T ()) (data T [A x])",
        '(spec:contract f :requires [(> x 0)] :ensures [(number? result)] :pure #t :doc "d")',
        "(spec:contract f :bogus 1) (spec:contract f :requires) (spec:contract 1 :pre x) (spec:contract f x 1)",
        "(cond) (cond (a 1) (else 2)) (cond [a 1]) (cond (else)) (cond ()) (cond (else 1 2) (b))",
        "((lambda (x) x) 1) ([1 2] 0) (#t) (nil) (:k {}) (1 2)",
    ],
    ids=lambda source: source[:30],
)
def test_forms_lower_the_same(source: str) -> None:
    check_source(source)


@pytest.mark.parametrize(
    "source",
    [
        "(" * 5000,
        "(" * 5000 + ")" * 5000,
        "[" * 199 + "x" + "]" * 199,
        "[" * 200 + "x" + "]" * 200,
        "(define (f) " + "(g " * 198 + "1" + ")" * 198 + ")",
        "(define (f) " + "(g " * 199 + "1" + ")" * 199 + ")",
        *(f"(match x ({'(A ' * n}y{')' * n} 1))" for n in (199, 200)),
        *(f"(match x ({'[' * n}y{']' * n} 1))" for n in (199, 200)),
        *(f"(data T (A {'(L ' * n}y{')' * n}))" for n in (199, 200)),
        *(f"(data T (A {'[' * n}y{']' * n}))" for n in (199, 200)),
        "(f \0 \0)",
        b'(f \xff\xfe "\xc3" \xc3) (define (g \xff) \xfe)',
        "\ud800 (f \udfff)",
    ],
    ids=lambda source: repr(source)[:30],
)
def test_hostile_sources_lower_the_same(source: str | bytes) -> None:
    check_source(source)


FRAGMENTS = [
    "(", ")", "[", "]", "{", "}", '"', "'", "\\", ";", "\n", "\r\n", "\r", " ", ",", "\0", "é", "😀", "\ud800",
    "define", "lambda", "let", "let*", "letrec", "if", "when", "unless", "do", "begin", "and",
    "or", "match", "loop", "recur", "cond", "else", "data", "spec:contract", ":requires", ":bogus",
    "_", "Some", "A", "x", "f", "1", "-2", "2.5", ":k", "#t", "false", "nil",
    '"s"', '"\\n"', "...", "...r", "(f x)", "(define (g a) a)", "((x 1))",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_generated_text_lowers_the_same(source: str) -> None:
    check_source(source)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_generated_bytes_lower_the_same(source: bytes) -> None:
    check_source(source)


SEED = """(define (square x) (* x x))
(define xs [1 2 3])
(let loop ((i 0) (acc 1))
  (if (< i 10) (loop (+ i 1) (* acc 2)) acc))
{"a" 1 :b "é😀"}
(define (f a b) (when (and a b) (do (g a) (h b))))
"""


def reuse(before: list[object], after: list[object]) -> list[int | None]:
    """For each unit of `after`, the index of the same object in `before`, or None."""
    index = {id(unit): position for position, unit in enumerate(before)}
    return [index.get(id(unit)) for unit in after]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 8),
            st.integers(0, 30),
            st.integers(0, 2),
            st.integers(0, 4),
            st.lists(st.sampled_from(FRAGMENTS), max_size=3),
        ),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_incremental_edits_lower_the_same(edits: list[tuple[int, int, int, int, list[str]]], settle: bool) -> None:
    ours, theirs = Document(SEED), without_c(lambda: Document(SEED))
    for line, col, lines, width, pieces in edits:
        edit = [TextEdit((line, col), (line + lines, col + width), "".join(pieces))]
        before = (list(ours.module.units), list(theirs.module.units))
        ours.apply_edits(edit, settle=settle)
        without_c(lambda edit=edit: theirs.apply_edits(edit, settle=settle))
        check_same(ours.module, theirs.module)
        assert reuse(before[0], ours.module.units) == reuse(before[1], theirs.module.units)
        assert [str(unit.anchor.base) for unit in ours.module.units] == [
            str(unit.anchor.base) for unit in theirs.module.units
        ]


def test_a_keystroke_in_a_big_file_reuses_the_same_units() -> None:
    source = realistic_source(30_000)
    ours, theirs = Document(source), without_c(lambda: Document(source))
    middle = ours.module.lines.line_count // 2
    for edit in (
        TextEdit((middle, 0), (middle, 0), " "),
        TextEdit((middle, 0), (middle, 1), ""),
        TextEdit((middle, 3), (middle, 3), "\n\n"),
        TextEdit((middle, 0), (middle + 2, 0), "(f"),
        TextEdit((middle, 0), (middle, 2), ""),
        TextEdit((middle, 0), (middle, 0), "\r"),
        TextEdit((middle - 1, 0), (middle, 0), ""),
        TextEdit((middle, 0), (middle, 0), "x\r\n"),
        TextEdit((middle, 0), (middle, 0), "\n"),
        TextEdit((middle + 1, 0), (middle + 1, 0), "y "),
    ):
        before = (list(ours.module.units), list(theirs.module.units))
        ours.apply_edits([edit], settle=False)
        without_c(lambda edit=edit: theirs.apply_edits([edit], settle=False))
        check_same(ours.module, theirs.module)
        reused = reuse(before[0], ours.module.units)
        assert reused == reuse(before[1], theirs.module.units)
        assert [unit.anchor.base for unit in ours.module.units] == [unit.anchor.base for unit in theirs.module.units]


@needs_c
def test_stand_in_nodes_and_foreign_objects_are_not_plain() -> None:
    """`lower` answers None for anything but a py-tree-sitter Node of the grammar."""
    anchor = parse("x").units[0].anchor
    assert lower.PLAIN is not None
    assert lower.PLAIN(object(), anchor, 0, 10) is None
    tree = new_parser().parse(b"(f 1)")
    assert lower.PLAIN(tree.root_node.children[0], SimpleNamespace(text="(f 1)"), 0, 10) is None  # not bytes
    assert lower.PLAIN(tree.root_node.children[0], anchor, 0, 10) is None  # outside the anchor's text
    with pytest.raises(TypeError):
        lower.PLAIN(tree.root_node)


def test_other_py_tree_sitter_releases_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    heads, clauses = lower.SPECIAL_FORMS | frozenset(lower.EARLIER_FORMS), lower.CONTRACT_CLAUSES
    monkeypatch.setattr(tree_sitter, "__version__", "0.27.0")
    assert native.load(heads, clauses) is None
    monkeypatch.undo()
    monkeypatch.setenv("CLAUDELANG_PYTHON_LOWERING", "1")
    assert native.load(heads, clauses) is None
    monkeypatch.delenv("CLAUDELANG_PYTHON_LOWERING")
    assert native.load(heads, clauses) is not None


@needs_c
def test_bind_refuses_other_layouts() -> None:
    from claudelang.syntax import _lower

    tree = new_parser().parse(b"x")
    classes = tuple(cls for cls, _ in native.CLASSES)
    with pytest.raises(TypeError):
        _lower.bind(tree_sitter.Parser, tree_sitter.Node, tree, classes, frozenset(), frozenset())
    with pytest.raises(TypeError):
        _lower.bind(tree_sitter.Tree, tree_sitter.Node, tree, classes[:-1], frozenset(), frozenset())
    with pytest.raises(TypeError):
        _lower.bind(tree_sitter.Tree, tree_sitter.Node, "x", classes, frozenset(), frozenset())
    heads = lower.SPECIAL_FORMS | frozenset(lower.EARLIER_FORMS)
    assert native.load(heads, lower.CONTRACT_CLAUSES) is not None  # bound again


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60).map(lambda b: bytes(b"ab\n\r"[c % 4] for c in b)))
def test_line_starts_in_c_are_the_line_index_s(data: bytes) -> None:
    from claudelang.ast.span import line_starts

    assert lower.NATIVE is not None
    assert lower.NATIVE.line_starts(data) == line_starts(data)


def test_many_parameters_and_duplicates() -> None:
    """Parameter lists of up to 8 names are checked pairwise for duplicates, longer ones
    with a set: both agree with lower.py."""
    for count in (7, 8, 9, 20):
        names = [f"p{index}" for index in range(count)]
        check_source(f"(define (f {' '.join(names)}) 1)")
        check_source(f"(lambda ({' '.join([*names, names[0]])}) 1)")
        check_source(f"(lambda ({' '.join([*names, names[-1]])}) 1)")


@needs_c
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([*FRAGMENTS, "catch", "finally", "export", "(try (f) (catch e 1))"]), max_size=40).map(
        " ".join
    ),
    st.lists(st.tuples(st.integers(-2, 300), st.integers(-2, 300), st.integers(-2, 300)), max_size=6),
)
def test_lexical_tokens_in_c_are_cst_s(source: str, ranges: list[tuple[int, int, int]]) -> None:
    """`_lower.lexical_tokens` walks and answers as `cst.python_lexical_tokens`: whole texts,
    each unit from its own start (as the highlighter asks), and any range and scope."""
    from claudelang.syntax.cst import lexical_tokens, python_lexical_tokens

    module = parse(source)
    asks = [(0, None, 0), *ranges]
    asks += [(u.anchor.base_byte, u.anchor.base_byte + len(u.anchor.text), u.anchor.base_byte) for u in module.units]
    for start, end, scope in asks:
        assert lexical_tokens(module, start, end, scope) == python_lexical_tokens(module, start, end, scope)


@needs_c
def test_lexical_tokens_of_the_benchmark_source_in_c_are_cst_s() -> None:
    from claudelang.syntax.cst import lexical_tokens, python_lexical_tokens

    module = parse(realistic_source(20_000))
    assert lexical_tokens(module) == python_lexical_tokens(module)
    for unit in module.units:
        start = unit.anchor.base_byte
        for end, scope in ((start + len(unit.anchor.text), start), (start, 0)):
            assert lexical_tokens(module, start, end, scope) == python_lexical_tokens(module, start, end, scope)
