"""A self-call loop keeps looping in the VM when the JIT has put a dispatcher in its place.

The compiler loops on a self call only while the function's name still means the
function (`compiler/recursion.py`); a JIT dispatcher for it counts as the function
(`vm.support.same_function`). Without that, a loop the dispatcher hands back to the VM
(arguments native code does not take, such as integers beyond 64 bits) would call the
dispatcher on every iteration and nest one Python call deeper each time, until the
recursion limit.
"""

from __future__ import annotations

import types

from claudelang import Session
from claudelang.jit import dispatch

BIG = 2**70  # not a 64-bit int: a dispatcher hands such a call to the VM function


def test_the_dispatcher_layout_same_function_reads() -> None:
    assert dispatch.SELF_VM == 2  # vm.support.same_function reads the VM version there


def test_a_tail_loop_under_a_dispatcher_runs_in_constant_stack() -> None:
    session = Session(jit="eager")
    session.eval("(define (count n acc) (if (= n 0) acc (count (- n 1) (+ acc 1))))")
    assert session.eval("(count 10 0)") == 10
    assert isinstance(session.globals["count"], types.BuiltinFunctionType)  # the dispatcher
    assert session.eval(f"(count 300000 {BIG})") == BIG + 300000


def test_a_deferred_loop_under_a_dispatcher_runs_in_constant_stack() -> None:
    session = Session(jit="eager")
    session.eval("(define (total n k) (if (= n 0) k (+ n (total (- n 1) k))))")
    assert session.eval("(total 10 0)") == 55
    assert isinstance(session.globals["total"], types.BuiltinFunctionType)
    assert session.eval(f"(total 240000 {BIG})") == BIG + 240000 * 240001 // 2
