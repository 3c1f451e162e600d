"""Self calls the compiler runs as loops behave exactly as the recursion they replace.

`compiler/recursion.py` turns a tail self call into `continue`, and a call in tail
position whose last argument is a self call (`(+ (head l) (f (tail l)))`) into a loop
that pushes the waiting operands and applies them innermost-first on return. Each
program here runs twice: as written, and with the self call hidden behind a second
function (`f` calls `f*`, which calls `f`), which the compiler cannot loop; the printed
output, the value and the error must be the same. Then the cases only the loop can do
(depth beyond Python's recursion limit) and the ones where the name stops meaning the
function (`set!`, contracts) are checked against their expected results.
"""

from __future__ import annotations

import pytest
from claudelang import Session
from claudelang.runtime import ClError
from claudelang.runtime.printer import show

HELPERS = """
(define (g a b) (io:print (list "g" a b)) (+ a b))
(define (noisy x) (io:print x) x)
"""

# (definition with SELF for the recursive name, calls to print)
PROGRAMS = [
    ("(define (f l) (if (empty? l) 0 (+ (head l) (SELF (tail l)))))", ["(f [1 2 3 4])", "(f [])", "(f (range 50))"]),
    ("(define (f l) (if (empty? l) 0 (+ 1 (SELF (tail l)))))", ["(f [1 2 3])"]),
    ("(define (f h l) (if (empty? l) [] (cons (h (head l)) (SELF h (tail l)))))", ["(f noisy [1 2 3])"]),
    (
        "(define (f n) (if (= n 0) (noisy 0) (g (noisy n) (SELF (noisy (- n 1))))))",
        ["(f 4)"],
    ),
    (
        "(define (f n) (cond ((= n 0) 0) ((even? n) (SELF (- n 1))) (else (+ n (SELF (- n 1))))))",
        ["(f 10)", "(f 7)"],
    ),
    ("(define (f op n) (if (= n 0) 1 (op n (SELF op (- n 1)))))", ["(f * 6)", "(f g 3)", "(f list 3)"]),
    ("(define (f n ...more) (if (= n 0) more (cons n (SELF (- n 1) n))))", ["(f 3)", "(f 2 9 9)"]),
    ('(define (f n) (if (= n 0) "end" (+ n (SELF (- n 1)))))', ["(f 3)"]),
    ('(define (f n) (if (< n 0) (error "below") (* 2 (SELF (- n 1)))))', ["(f 3)"]),
    ("(define (f n) (match n (0 []) (_ (cons n (SELF (- n 1))))))", ["(f 4)"]),
    ("(define (f n) (let ((m (- n 1))) (if (< m 0) 0 (- n (SELF m)))))", ["(f 5)"]),
    ("(define (f x) (if (empty? x) 0 (max (head x) (SELF (tail x)))))", ["(f [3 9 2])"]),
    ("(define (f n) (if (= n 0) 0 (+ (SELF (- n 1)) (SELF (- n 2)))))", ["(f 1)"]),
]


def outcome(program: str, calls: list[str]) -> list[tuple[str, str]]:
    """What each call prints and returns (or the error it raises)."""
    session = Session(jit="off")
    session.eval(HELPERS)
    session.eval(program)
    results = []
    for call in calls:
        try:
            results.append(("value", show(session.eval(f'(do (io:print "--") {call})'))))
        except ClError as error:
            results.append(("error", f"{error.kind}: {error.message}"))
    return results


@pytest.mark.parametrize(("definition", "calls"), PROGRAMS)
def test_looped_recursion_matches_real_recursion(definition: str, calls: list[str], capsys) -> None:
    looped = outcome(definition.replace("SELF", "f"), calls)
    looped_output = capsys.readouterr().out
    hidden = definition.replace("SELF", "f*") + "\n(define (f* ...args) (apply f args))"
    recursive = outcome(hidden, calls)
    assert looped == recursive
    assert looped_output == capsys.readouterr().out


def test_non_tail_recursion_runs_without_python_frames() -> None:
    """200,000 calls deep, on a thread with the default small stack (no big-stack thread)."""
    session = Session(jit="off")
    session.eval("(define (sum-list l) (if (empty? l) 0 (+ (head l) (sum-list (tail l)))))")
    session.eval("(define (my-map h l) (if (empty? l) [] (cons (h (head l)) (my-map h (tail l)))))")
    sum_list, my_map = session.globals["sum-list"], session.globals["my-map"]
    numbers = session.eval("(range 200000)")
    assert sum_list(numbers) == 19999900000
    assert len(my_map(abs, numbers)) == 200000


def test_unbounded_looped_recursion_is_a_recursion_error_at_the_self_call() -> None:
    session = Session(jit="off")
    session.eval("(define (forever n) (+ 1 (forever n)))", filename="deep.cl")
    with pytest.raises(ClError) as info:
        session.eval("(forever 1)")
    assert info.value.kind == "recursion"
    assert info.value.location is not None and (info.value.location.line, info.value.location.col) == (1, 26)
    assert len(info.value.frames) > 100_000  # the traceback stands for every call


def test_a_rebound_name_is_called_for_real() -> None:
    session = Session(jit="off")
    session.eval("(define (f n) (if (= n 0) 0 (+ (do (when (= n 3) (set! f (lambda (k) 100))) 1) (f (- n 1)))))")
    assert session.eval("(f 5)") == 103
    session.eval("(define (h n) (if (= n 0) 0 (do (when (= n 3) (set! h (lambda (k) 7))) (h (- n 1)))))")
    assert session.eval("(h 5)") == 7


def contracted(define: str, contract_first: bool) -> Session:
    """A session where `f`, defined by `define`, has the contract `(>= n 0)`, given before
    or after the definition."""
    contract = "(spec:contract f :requires [(>= n 0)])"
    session = Session(jit="off")
    session.eval(f"{contract}\n{define}" if contract_first else f"{define}\n{contract}")
    return session


@pytest.mark.parametrize("contract_first", [True, False])
def test_a_contract_is_checked_on_every_deferred_self_call(contract_first: bool) -> None:
    session = contracted("(define (f n) (if (<= n 0) n (+ n (f (- n 2)))))", contract_first)
    with pytest.raises(ClError) as info:
        session.eval("(f 5)")
    assert info.value.kind == "contract", info.value.message


@pytest.mark.parametrize("contract_first", [True, False])
def test_a_tail_self_call_loops_through_its_contract(contract_first: bool) -> None:
    """DECISIONS.md: a self tail call checks `:requires` once, on entry."""
    session = contracted("(define (f n) (if (<= n 0) n (f (- n 2))))", contract_first)
    assert session.eval("(f 5)") == -1
    assert session.eval("(f 1000001)") == -1  # deeper than recursion could go: a loop
    with pytest.raises(ClError):
        session.eval("(f -1)")
