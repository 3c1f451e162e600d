"""The list accessors the compiler inlines behave exactly as the builtins they stand for.

`head`/`car`/`first`, `tail`/`cdr`/`rest`, `empty?`, `length` and `cons` compile to a type
test and a direct read of the list (compiler/operators.py). Each case here runs the
inlined call and the same builtin reached through `apply` (never inlined) on the same
arguments, and compares the printed results or the errors, which must name the builtin
as the user wrote it (`car: empty list`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from claudelang import Session
from claudelang.runtime import ClError
from claudelang.runtime.printer import show
from claudelang.vm.stack import RECURSION_LIMIT

ONE_ARGUMENT = ("head", "car", "first", "tail", "cdr", "rest", "empty?", "length")
ARGUMENTS = ("[]", "[1 2 3]", "(tail [1 2])", "(cons 0 [9])", "nil", '"ab"', '""', "{:a 1}", "#{1}", "5", "#t")


def outcome(session: Session, source: str) -> tuple[str, str]:
    """("value", printed value) or ("error", kind and message)."""
    try:
        return ("value", show(session.eval(source)))
    except ClError as error:
        return ("error", f"{error.kind}: {error.message}")


@pytest.mark.parametrize("name", ONE_ARGUMENT)
def test_inlined_accessor_agrees_with_the_builtin(name: str) -> None:
    session = Session(jit="off")
    for argument in ARGUMENTS:
        inlined = outcome(session, f"({name} {argument})")
        assert inlined == outcome(session, f"(apply {name} [{argument}])"), argument


def test_inlined_cons_agrees_with_the_builtin() -> None:
    session = Session(jit="off")
    for argument in ARGUMENTS:
        inlined = outcome(session, f"(cons 0 {argument})")
        assert inlined == outcome(session, f"(apply cons [0 {argument}])"), argument


def test_errors_name_the_alias_written() -> None:
    session = Session(jit="off")
    assert outcome(session, "(car [])") == ("error", "index: car: empty list")
    assert outcome(session, "(cdr [])") == ("error", "index: cdr: empty list")
    assert outcome(session, "(head [])") == ("error", "index: head: empty list")


def test_lists_are_read_without_calling_the_builtin() -> None:
    session = Session(jit="off")
    session.eval("(define (second-of l) (head (tail l))) (define (size l) (if (empty? l) 0 (length l)))")

    def unreachable(*_: object) -> object:
        raise AssertionError("the builtin was called")

    for name in ("head", "tail", "empty?", "length"):
        session.namespace[name] = unreachable
    assert session.eval("(second-of [7 8 9])") == 8
    assert session.eval("(size [7 8 9])") == 3


def test_shadowed_and_redefined_names_are_not_inlined() -> None:
    session = Session(jit="off")
    assert session.eval("(let ((head (lambda (l) :mine))) (head [1 2]))") == session.eval(":mine")
    session.eval("(define (cons x l) [:consed x])")
    assert show(session.eval("(cons 1 [2])")) == "[:consed 1]"


def test_arguments_are_evaluated_once_and_in_order() -> None:
    session = Session(jit="off")
    source = """
    (let ((log []))
      (define (note x) (set! log (cons x log)) x)
      (cons (note 1) (note [2]))
      (head (note [3]))
      (reverse log))
    """
    assert show(session.eval(source)) == "[1 [2] [3]]"


BRANCH_BODIES = [
    "(if (TEST x) (head x) (head x))",
    "(if (TEST x) :empty (list (head x) (tail x) (length x) (cons 0 x) (empty? x)))",
    "(cond ((TEST x) (length x)) ((= (head x) 1) (first (rest x))) (else (car (cdr x))))",
    "(if (TEST x) (tail x) (let ((x (tail x))) (head x)))",
    "(if (TEST x) (cons 1 x) (do (io:print (head x)) (rest x)))",
]


@pytest.mark.parametrize("body", BRANCH_BODIES)
def test_branches_on_empty_agree_with_the_unversioned_code(body: str) -> None:
    """A tail `(if (empty? x) ...)` is compiled twice, once knowing `x` is a List
    (compiler/control.py `list_versions`); `(apply empty? [x])` is never versioned."""
    session = Session(jit="off")
    session.eval(f"(define (versioned x) {body.replace('(TEST x)', '(empty? x)')})")
    session.eval(f"(define (plain x) {body.replace('(TEST x)', '(apply empty? [x])')})")
    for argument in (*ARGUMENTS, "[1 2 3]", "[1]", "[2 3]"):
        assert outcome(session, f"(versioned {argument})") == outcome(session, f"(plain {argument})"), argument


def test_inlined_dict_get_agrees_with_the_builtin() -> None:
    session = Session(jit="off")
    maps = ("{1 2}", "{1.0 :float}", "{#t :true 1 :one}", '{[1 2] :list "a" :str}', "{}", "#{1}", "nil", "[1 2]", "5")
    keys = ("1", "1.0", "#t", "[1 2]", "[1.0 2]", '"a"', ":k", "nil", "2")
    for m in maps:
        for key in keys:
            inlined = outcome(session, f"(dict-get {m} {key})")
            assert inlined == outcome(session, f"(apply dict-get [{m} {key}])"), (m, key)


def test_inlined_dict_set_agrees_with_the_builtin() -> None:
    session = Session(jit="off")
    maps = ("{1 2}", "{1.0 :float}", "{#t :true 1 :one}", '{[1 2] :list "a" :str}', "{}", "#{1}", "nil", "5")
    keys = ("1", "1.0", "#t", "[1 2]", "[1.0 2]", '"a"', ":k", "nil")
    for m in maps:
        for key in keys:
            inlined = outcome(session, f"(let ((m {m})) [(dict-set m {key} 0) (dict-set m {key} 1) m])")
            applied = outcome(session, f"(let ((m {m})) [(apply dict-set [m {key} 0]) (apply dict-set [m {key} 1]) m])")
            assert inlined == applied, (m, key)


# Named-let loops over a list; those marked True go round inside the List branch without
# testing the type again (compiler/recursion.py `hoist_list_versions`).
LOOP_BODIES = [
    ("(let loop ((x x) (acc 0)) (if (TEST x) acc (loop (tail x) (+ acc (head x)))))", True),
    ("(let loop ((x x) (n 0)) (if (TEST x) n (if (> n 5) (loop (rest x) (+ n 1)) (loop x (+ n 1)))))", True),
    ("(let loop ((x x) (n 0)) (if (TEST x) n (if (< n 3) (loop (cons n x) (+ n 1)) [n x])))", True),
    ("(let loop ((x x) (n 0)) (if (TEST x) n (loop (if (> n 1) nil (tail x)) (+ n 1))))", False),
    ("(let loop ((x x) (n 0)) (if (TEST x) n (loop (tail (tail x)) (+ n 1))))", False),
    ("(let loop ((i 0)) (let ((x (if (< i 3) [1 2] []))) (if (TEST x) i (loop (+ i 1)))))", False),
    ("(let loop ((x x) (n 0)) (set! log (cons n log)) (if (TEST x) n (loop (tail x) (+ n 1))))", False),
    ("(let loop ((x x) (n 0)) (if (TEST x) n (do (set! log (cons (head x) log)) (loop (cdr x) (+ n 1)))))", True),
]


@pytest.mark.parametrize(("body", "hoisted"), LOOP_BODIES)
def test_loops_over_a_list_agree_with_the_unversioned_code(body: str, hoisted: bool, tmp_path: Path) -> None:
    session = Session(jit="off")
    session.eval("(define log [])")
    session.eval(f"(define (versioned x) {body.replace('(TEST x)', '(empty? x)')})")
    session.eval(f"(define (plain x) {body.replace('(TEST x)', '(apply empty? [x])')})")
    for argument in (*ARGUMENTS, "[1 2 3]", "[1]", "[2 3]", "(range 50)"):
        results = [outcome(session, f"(do (set! log []) [({name} {argument}) log])") for name in ("versioned", "plain")]
        assert results[0] == results[1], argument
    source = tmp_path / "loop.cl"
    source.write_text(f"(define log [])\n(define (versioned x) {body.replace('(TEST x)', '(empty? x)')})\n")
    listing = subprocess.run(
        [sys.executable, "-m", "claudelang.cli.main", "dis", str(source)], capture_output=True, text=True, check=True
    ).stdout
    assert listing.count("while True:") == (2 if hoisted else 1), listing


def test_a_hoisted_recursion_counts_its_depth_like_the_unversioned_one() -> None:
    """Non-tail recursion over a list counts its rounds against the recursion limit; the
    hoisted List branch goes on counting from the same iterator (`hoist_list_versions`)."""
    session = Session(jit="off")
    body = "(if (TEST l) 0 (+ (head l) (NAME (tail l))))"
    session.eval(f"(define (versioned l) {body.replace('(TEST l)', '(empty? l)').replace('NAME', 'versioned')})")
    session.eval(f"(define (plain l) {body.replace('(TEST l)', '(apply empty? [l])').replace('NAME', 'plain')})")
    for length in (RECURSION_LIMIT - 1, RECURSION_LIMIT, RECURSION_LIMIT + 1):
        results = [outcome(session, f"({name} (range {length}))") for name in ("versioned", "plain")]
        assert results[0] == results[1], length
    assert outcome(session, f"(versioned (range {RECURSION_LIMIT + 1}))")[0] == "error"
