"""Tiering: auto mode switches to native code when hot, redefinition invalidates it,
native code gives up exactly where the VM's semantics need it, and llvmlite stays unloaded
for programs that never get hot."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from claudelang.jit import runtime
from claudelang.runtime.errors import ClError
from claudelang.vm import Session

from tests.jit.helpers import compare, compiled

FIB = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"


def auto_session(threshold: int = 50) -> Session:
    session = Session(jit="auto")
    assert session.jit_manager is not None
    session.jit_manager.threshold = threshold
    session.jit_manager.background = False  # compiled at the threshold, on this thread
    return session


def events(session: Session, kind: str) -> list[str]:
    assert session.jit_manager is not None
    return [str(event) for event in session.jit_manager.log.of_kind(kind)]


# ---------------------------------------------------------------- auto mode


def test_auto_mode_compiles_a_hot_function_and_swaps_in_a_dispatcher() -> None:
    session = auto_session()
    session.eval(FIB)
    assert session.jit_manager is not None
    assert session.jit_manager.function_state(session.namespace, "fib") == "vm"
    assert session.eval("(fib 3)") == 2
    assert compiled(session) == []  # not hot yet
    assert session.eval("(fib 20)") == 6765
    assert compiled(session) == ["fib(int)"]
    assert session.jit_manager.function_state(session.namespace, "fib") == "native"
    assert "after 50 calls" in events(session, "compiled")[0]
    assert session.eval("(fib 25)") == 75025
    assert session.eval("fib") is session.namespace["fib"]
    assert session.eval("(to-string fib)") == "#<function fib>"


def test_a_running_loop_switches_to_native_code() -> None:
    session = auto_session(threshold=100)
    session.eval("(define (sum-to n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc i)) acc)))")
    assert session.eval("(sum-to 1000000)") == 499999500000  # called once: on-stack replacement
    assert compiled(session) == ["sum-to/loop(int, int, int)"]


def test_a_running_while_loop_switches_and_hands_its_variables_back() -> None:
    session = auto_session(threshold=100)
    session.eval(
        """(define (count n)
             (let ((s 0) (i 0) (odd 0))
               (while (< i n) (set! s (+ s i)) (when (odd? i) (set! odd (+ odd 1))) (set! i (+ i 1)))
               (+ (* s 1000) odd)))"""
    )
    assert session.eval("(count 100000)") == 4999950000 * 1000 + 50000
    assert compiled(session) == ["count/while@3(int, int, int, int)"]


def test_a_self_tail_calling_function_switches_while_it_runs() -> None:
    session = auto_session(threshold=100)
    session.eval("(define (sum-to i acc) (if (= i 0) acc (sum-to (- i 1) (+ acc i))))")
    assert session.eval("(sum-to 1000000 0)") == 500000500000
    assert compiled(session) == ["sum-to(int, int)"]


def test_polymorphic_calls_compile_one_variant_per_signature() -> None:
    session = auto_session(threshold=10)
    session.eval("(define (twice x) (* 2 x))")
    session.eval("(define (run f0 n) (let loop ((i 0) (acc f0)) (if (< i n) (loop (+ i 1) (+ acc (twice i))) acc)))")
    assert session.eval("(run 0 50)") == 2450
    assert session.eval("(run 0.5 50)") == 2450.5
    for _ in range(20):
        session.eval("(twice 1.5)")
    assert "twice(float)" in compiled(session)
    assert session.eval("(twice 2)") == 4
    assert session.eval("(twice 2.5)") == 5.0
    with pytest.raises(ClError) as info:
        session.eval('(twice "a")')
    assert info.value.kind == "type"


# ---------------------------------------------------------------- invalidation


def test_redefinition_reaches_callers_that_called_natively() -> None:
    session = auto_session(threshold=20)
    session.eval("(define (step x) (+ x 1))")
    session.eval("(define (walk n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (step acc)) acc)))")
    session.eval("(define (use n) (walk n))")
    for _ in range(30):
        assert session.eval("(use 100)") == 100
    assert "use(int)" in compiled(session)
    session.eval("(define (step x) (+ x 2))")  # REPL: redefine the callee
    assert session.eval("(use 100)") == 200
    assert any("step" in line for line in events(session, "invalidated"))
    for _ in range(30):
        assert session.eval("(use 100)") == 200


def test_redefined_global_constant_is_seen() -> None:
    session = Session(jit="eager")
    session.eval("(define scale 3)")
    session.eval("(define (f x) (* x scale))")
    assert session.eval("(f 2)") == 6
    session.eval("(define scale 2.5)")
    assert session.eval("(f 2)") == 5.0


def test_set_of_a_global_function_in_the_middle_of_a_form() -> None:
    source = """
      (define (g x) 1)
      (define (f x) (+ (g x) 0))
      (f 1)
      (do (set! g (lambda (x) 2)) (f 1))"""
    result, _ = compare(source, "(f 1)")
    assert result.detail == ("int", "2")
    session = Session(jit="eager")
    assert [value for _, value in session.eval_forms(source)][-1] == 2


def test_definition_inside_a_toplevel_do_is_seen_by_the_rest_of_it() -> None:
    session = Session(jit="eager")
    session.eval("(define (g x) 1)")
    session.eval("(define (f x) (g x))")
    assert session.eval("(f 0)") == 1
    assert session.eval("(do (define (g x) 2) (f 0))") == 2


def test_contract_added_after_compilation_is_checked() -> None:
    session = Session(jit="eager")
    session.eval("(define (half x) (/ x 2.0))")
    assert session.eval("(half 3)") == 1.5
    session.eval("(spec:contract half :requires [(> x 0)])")
    with pytest.raises(ClError) as info:
        session.eval("(half -1)")
    assert info.value.kind == "contract"


def test_reference_taken_before_compilation_still_gives_the_right_answer() -> None:
    session = auto_session(threshold=10)
    session.eval("(define (sq x) (* x x))")
    session.eval("(define old-sq sq)")
    for _ in range(20):
        session.eval("(sq 3)")
    assert compiled(session) == ["sq(int)"]
    assert session.eval("(old-sq 4)") == 16
    session.eval("(define (sq x) (+ x x))")
    assert session.eval("(old-sq 4)") == 16  # the old function, as in the VM
    assert session.eval("(sq 4)") == 8


# ---------------------------------------------------------------- falling back


def test_overflow_falls_back_to_exact_big_integers() -> None:
    result, session = compare("(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))", "(fact 30)")
    assert result.detail == ("int", "265252859812191058636308480000000")
    assert "fact(int)" in compiled(session)
    assert "integer overflow" in events(session, "deopt")[0]


def test_division_by_zero_reports_the_vms_error_and_position() -> None:
    source = "(define (ratio a b)\n  (let ((d (- b b)))\n    (quot a d)))"
    vm, jit = Session(jit="off"), Session(jit="eager")
    reports = []
    for session in (vm, jit):
        session.eval(source, "ratio.cl")
        with pytest.raises(ClError) as info:
            session.eval("(ratio 10 3)", "main.cl")
        reports.append(session.format_error(info.value))
    assert reports[0] == reports[1]
    assert "ratio.cl:3:5" in reports[1]
    assert "ratio(int, int)" in compiled(jit)


def test_deep_recursion_beyond_the_native_stack_budget_is_done_by_the_vm() -> None:
    result, session = compare("(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))", "(depth 100000)")
    assert result.detail == ("int", "100000")
    assert "recursion deeper than native code allows" in events(session, "deopt")[0]


def test_wrong_argument_count_is_the_vms_arity_error() -> None:
    compare("(define (f x) (+ x 1))", "(f 1 2)")


def test_unsupported_argument_types_run_in_the_vm() -> None:
    compare("(define (f x) (if (< x 0) 1 2))", '(f "a")')
    compare("(define (f x) (+ x 1))", "(f 100000000000000000000000)")
    compare("(define (f x) (not x))", "(f nil)")


def test_an_interrupt_makes_a_native_loop_give_up() -> None:
    session = Session(jit="eager")
    session.eval("(define (spin n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc 1)) acc)))")
    runtime.request_interrupt()
    try:
        assert session.eval("(spin 10000000)") == 10000000
    finally:
        runtime.clear_interrupt()
    assert "interrupted" in events(session, "deopt")[0]


def test_ctypes_entry_gives_the_same_results() -> None:
    session = Session(jit="eager")
    assert session.jit_manager is not None
    session.jit_manager.entry_kind = "ctypes"
    session.eval(FIB)
    assert session.eval("(fib 20)") == 6765
    session.eval("(define (f x y) (if (< x y) (* x 1.5) (/ y 0.0)))")
    assert session.eval("(f 1 2)") == 1.5
    with pytest.raises(ClError):
        session.eval("(f 2 1)")
    assert session.eval("(to-string fib)") == "#<function fib>"
    assert "fib(int)" in compiled(session)


# ---------------------------------------------------------------- no llvmlite unless needed


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_llvmlite_is_not_imported_by_a_program_that_never_gets_hot(tmp_path: Path) -> None:
    program = tmp_path / "cold.cl"
    program.write_text(
        FIB + "\n(define (loop n) (let l ((i 0)) (if (< i n) (l (+ i 1)) i)))\n(print (fib 10) (loop 50))\n"
    )
    output = run_python(
        f"""
        import sys
        from claudelang.cli.main import main
        status = main(["run", {str(program)!r}, "--jit", "auto"])
        print(status, "llvmlite" in sys.modules)
        """
    )
    assert output.splitlines() == ["55 50", "0 False"]


def test_llvmlite_is_imported_once_something_gets_hot(tmp_path: Path) -> None:
    program = tmp_path / "hot.cl"
    program.write_text(FIB + "\n(print (fib 22))\n")
    output = run_python(
        f"""
        import sys
        from claudelang.cli.main import main
        from claudelang.jit import compile_thread
        main(["run", {str(program)!r}])
        compile_thread.wait_idle()  # (auto mode compiles on the compile thread)
        print("llvmlite" in sys.modules)
        """
    )
    assert output.splitlines() == ["17711", "True"]


def test_environment_switch_turns_the_jit_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUDELANG_JIT", "off")
    session = Session(jit="eager")
    assert session.jit == "off" and session.jit_manager is None


# ---------------------------------------------------------------- on-stack replacement corners


def test_a_toplevel_loop_switches_to_native_code() -> None:
    session = auto_session(threshold=100)
    assert session.eval("(let loop ((i 0) (acc 0)) (if (< i 200000) (loop (+ i 1) (+ acc i)) acc))") == 19999900000
    assert compiled(session) == ["top level/loop(int, int)"]


def test_a_loop_that_overflows_part_way_finishes_exactly_in_the_vm() -> None:
    source = "(define (grow n) (let ((x 1) (i 0)) (while (< i n) (set! x (* x 3)) (set! i (+ i 1))) x))"
    result, session = compare(source, "(grow 100)")
    assert result.detail == ("int", str(3**100))
    assert any("integer overflow" in line for line in events(session, "deopt"))


def test_a_loop_returning_booleans_stays_correct() -> None:
    source = "(define (any-neg? n) (let loop ((i 0)) (cond ((>= i n) #f) ((< (- 50 i) 0) #t) (else (loop (+ i 1))))))"
    for call in ("(any-neg? 10)", "(any-neg? 100)"):
        compare(source, call)
    session = auto_session(threshold=10)
    session.eval(source)
    assert session.eval("(any-neg? 10000)") is True
    assert session.eval("(any-neg? 20)") is False


def test_global_constants_used_by_a_loop_are_embedded_and_tracked() -> None:
    session = auto_session(threshold=100)
    session.eval("(define limit 50000)")
    session.eval("(define (count-to) (let loop ((i 0)) (if (< i limit) (loop (+ i 1)) i)))")
    assert session.eval("(count-to)") == 50000
    session.eval("(define limit 70000)")
    assert session.eval("(count-to)") == 70000
