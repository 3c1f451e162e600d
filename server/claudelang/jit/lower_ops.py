"""How each builtin operation is implemented in LLVM IR (the typing rules are in `operations`).

Every implementation reproduces the VM bit for bit or deoptimises. The VM's rules that
shape the code here:

- integers are unbounded: `+ - *` use `llvm.s*.with.overflow` and give up on overflow;
  `quot`, `mod` and `/` give up on a zero divisor (the VM raises division-by-zero);
- `int` with `float` converts the int to the nearest double (as Python does), but a
  comparison is exact in Python, so an int beyond ±2⁵³ compared with a float deoptimises;
- `=` on two floats that are both NaN deoptimises: the VM's `=` is true for the *same*
  NaN object and false for two different ones, which native code cannot tell apart;
- `math` functions follow CPython's `math_1` rule: a NaN from a non-NaN argument or an
  infinity from a finite one is an error in the VM, so native code gives up there;
- libm functions are called by private symbol names (`cl.libm.*`) so LLVM cannot fold or
  rewrite them: the results are those of the very functions `math` calls.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

import llvmlite.ir as ir

from claudelang.ast import nodes as a
from claudelang.jit.types import Ty

if TYPE_CHECKING:
    from claudelang.jit.lower import FunctionLowering

I1 = ir.IntType(1)
I64 = ir.IntType(64)
F64 = ir.DoubleType()

TWO_53 = 2**53
INFINITY = float("inf")
PI = 3.141592653589793

Value = ir.Value
Args = list[tuple[ir.Value, Ty]]


class Ops:
    """The operations, bound to the function being lowered (its builder and guards)."""

    def __init__(self, fl: FunctionLowering, node: a.Call) -> None:
        self.fl = fl
        self.b = fl.builder
        self.node = node

    # ------------------------------------------------------------ helpers

    def guard(self, bad: Value, reason: str) -> None:
        self.fl.guard(bad, reason, self.node)

    def i64(self, value: int) -> ir.Constant:
        return ir.Constant(I64, value)

    def f64(self, value: float) -> ir.Constant:
        return ir.Constant(F64, value)

    def true(self) -> ir.Constant:
        return ir.Constant(I1, 1)

    def false(self) -> ir.Constant:
        return ir.Constant(I1, 0)

    def to_float(self, value: Value, ty: Ty) -> Value:
        return self.b.sitofp(value, F64) if ty is Ty.INT else value

    def exact_float(self, value: Value) -> Value:
        """An int as a double, giving up unless the conversion is exact (|v| ≤ 2⁵³)."""
        shifted = self.b.add(value, self.i64(TWO_53))
        self.guard(
            self.b.icmp_unsigned(">", shifted, self.i64(2 * TWO_53)), "an int beyond 2**53 compared with a float"
        )
        return self.b.sitofp(value, F64)

    def checked(self, kind: str, left: Value, right: Value) -> Value:
        method = {"add": self.b.sadd_with_overflow, "sub": self.b.ssub_with_overflow, "mul": self.b.smul_with_overflow}
        result = method[kind](left, right)
        self.guard(self.b.extract_value(result, 1), "integer overflow")
        return self.b.extract_value(result, 0)

    def intrinsic(self, name: str, *args: Value) -> Value:
        fn = self.fl.owner.module.declare_intrinsic(name, [F64])
        return self.b.call(fn, list(args))

    def libm(self, name: str, *args: Value) -> Value:
        fn = self.fl.owner.external(f"cl.libm.{name}", F64, [F64] * len(args))
        return self.b.call(fn, list(args))

    def is_nan(self, value: Value) -> Value:
        return self.b.fcmp_unordered("uno", value, value)

    def is_finite(self, value: Value) -> Value:
        return self.b.fcmp_ordered("one", self.intrinsic("llvm.fabs", value), self.f64(INFINITY))

    def is_inf(self, value: Value) -> Value:
        return self.b.fcmp_ordered("oeq", self.intrinsic("llvm.fabs", value), self.f64(INFINITY))

    def math_result(self, argument: Value, result: Value, name: str) -> Value:
        """CPython's `math_1` error rule: NaN from non-NaN, or ±inf from a finite argument."""
        b = self.b
        domain = b.and_(self.is_nan(result), b.not_(self.is_nan(argument)))
        overflow = b.and_(self.is_inf(result), self.is_finite(argument))
        self.guard(b.or_(domain, overflow), f"{name}: an error in the VM (domain or range)")
        return result

    def is_zero(self, value: Value, ty: Ty) -> Value:
        if ty is Ty.INT:
            return self.b.icmp_signed("==", value, self.i64(0))
        return self.b.fcmp_ordered("oeq", value, self.f64(0.0))

    def to_int(self, value: Value, name: str) -> Value:
        """A float that holds an integral value, as an i64 (giving up beyond the i64 range)."""
        b = self.b
        low = b.fcmp_ordered("<", value, self.f64(-(2.0**63)))
        high = b.fcmp_ordered(">=", value, self.f64(2.0**63))
        self.guard(b.or_(low, high), f"{name}: an int beyond 64 bits")
        return b.fptosi(value, I64)

    def finite_or_give_up(self, value: Value, name: str) -> None:
        self.guard(self.b.not_(self.is_finite(value)), f"{name}: not a finite number")

    # ------------------------------------------------------------ arithmetic

    def binary(self, kind: str, left: tuple[Value, Ty], right: tuple[Value, Ty]) -> tuple[Value, Ty]:
        (lv, lt), (rv, rt) = left, right
        if lt is Ty.INT and rt is Ty.INT:
            return self.checked(kind, lv, rv), Ty.INT
        float_op = {"add": self.b.fadd, "sub": self.b.fsub, "mul": self.b.fmul}[kind]
        return float_op(self.to_float(lv, lt), self.to_float(rv, rt)), Ty.FLOAT

    def fold(self, kind: str, args: Args) -> Value:
        acc = args[0]
        for item in args[1:]:
            acc = self.binary(kind, acc, item)
        return acc[0]

    def op_add(self, args: Args, result: Ty) -> Value:
        if not args:
            return self.i64(0)
        if len(args) == 1:  # the builtin: sum((x,)) is 0 + x, which turns -0.0 into 0.0
            value, ty = args[0]
            return value if ty is Ty.INT else self.b.fadd(self.f64(0.0), value)
        return self.fold("add", args)

    def op_sub(self, args: Args, result: Ty) -> Value:
        if len(args) == 1:
            value, ty = args[0]
            return self.checked("sub", self.i64(0), value) if ty is Ty.INT else self.b.fneg(value)
        return self.fold("sub", args)

    def op_mul(self, args: Args, result: Ty) -> Value:
        if not args:
            return self.i64(1)
        if len(args) == 1:  # 1 * x is x exactly, for ints and floats (-0.0 and NaN too)
            return args[0][0]
        return self.fold("mul", args)

    def divide(self, left: tuple[Value, Ty], right: tuple[Value, Ty], divisor: a.Expr) -> tuple[Value, Ty]:
        (lv, lt), (rv, rt) = left, right
        if lt is Ty.INT and rt is Ty.INT:  # typing allowed this only for a literal ±1 divisor
            assert isinstance(divisor, a.IntLit)
            return (lv if divisor.value == 1 else self.checked("sub", self.i64(0), lv)), Ty.INT
        self.guard(self.is_zero(rv, rt), "division by zero")
        return self.b.fdiv(self.to_float(lv, lt), self.to_float(rv, rt)), Ty.FLOAT

    def op_div(self, args: Args, result: Ty) -> Value:
        nodes = self.node.args
        if len(args) == 1:
            return self.divide((self.i64(1), Ty.INT), args[0], nodes[0])[0]
        acc = args[0]
        for item, divisor in zip(args[1:], nodes[1:], strict=True):
            acc = self.divide(acc, item, divisor)
        return acc[0]

    def op_quot(self, args: Args, result: Ty) -> Value:
        b = self.b
        (lv, lt), (rv, rt) = args
        self.guard(self.is_zero(rv, rt), "division by zero")
        if result is Ty.INT:
            minimum = b.icmp_signed("==", lv, self.i64(-(2**63)))
            minus_one = b.icmp_signed("==", rv, self.i64(-1))
            self.guard(b.and_(minimum, minus_one), "integer overflow")
            return b.sdiv(lv, rv)
        quotient = b.fdiv(self.to_float(lv, lt), self.to_float(rv, rt))
        self.finite_or_give_up(quotient, "quot")
        # float(math.trunc(q)): the int in between turns -0.0 into 0.0, as adding +0.0 does
        return b.fadd(self.intrinsic("llvm.trunc", quotient), self.f64(0.0))

    def op_mod(self, args: Args, result: Ty) -> Value:
        b = self.b
        (lv, lt), (rv, rt) = args
        self.guard(self.is_zero(rv, rt), "division by zero")
        if result is Ty.INT:
            minus_one = b.icmp_signed("==", rv, self.i64(-1))
            safe_divisor = b.select(minus_one, self.i64(1), rv)  # x srem -1 traps for the minimum
            remainder = b.srem(lv, safe_divisor)
            differ = b.icmp_signed("<", b.xor(remainder, rv), self.i64(0))
            adjust = b.and_(b.icmp_signed("!=", remainder, self.i64(0)), differ)
            return b.select(adjust, b.add(remainder, rv), remainder)
        x, y = self.to_float(lv, lt), self.to_float(rv, rt)
        remainder = b.frem(x, y)
        nonzero = b.fcmp_unordered("une", remainder, self.f64(0.0))
        signs_differ = b.xor(b.fcmp_ordered("<", y, self.f64(0.0)), b.fcmp_ordered("<", remainder, self.f64(0.0)))
        adjusted = b.select(signs_differ, b.fadd(remainder, y), remainder)
        signed_zero = self.copysign(self.f64(0.0), y)
        return b.select(nonzero, adjusted, signed_zero)

    def copysign(self, magnitude: Value, sign: Value) -> Value:
        fn = self.fl.owner.module.declare_intrinsic("llvm.copysign", [F64], ir.FunctionType(F64, [F64, F64]))
        return self.b.call(fn, [magnitude, sign])

    def op_abs(self, args: Args, result: Ty) -> Value:
        value, ty = args[0]
        if ty is Ty.FLOAT:
            return self.intrinsic("llvm.fabs", value)
        negative = self.b.icmp_signed("<", value, self.i64(0))
        return self.b.select(negative, self.checked("sub", self.i64(0), value), value)

    def less(self, left: tuple[Value, Ty], right: tuple[Value, Ty], op: str) -> Value:
        """`left op right` for numbers, with Python's exact int/float comparison."""
        (lv, lt), (rv, rt) = left, right
        if lt is Ty.INT and rt is Ty.INT:
            return self.b.icmp_signed(op, lv, rv)
        lf = self.exact_float(lv) if lt is Ty.INT else lv
        rf = self.exact_float(rv) if rt is Ty.INT else rv
        return self.b.fcmp_ordered(op, lf, rf)

    def extreme(self, args: Args, op: str) -> Value:
        best = args[0]
        for item in args[1:]:
            better = self.less(item, best, op)
            best = (self.b.select(better, item[0], best[0]), best[1])
        return best[0]

    def op_min(self, args: Args, result: Ty) -> Value:
        return self.extreme(args, "<")

    def op_max(self, args: Args, result: Ty) -> Value:
        return self.extreme(args, ">")

    def op_clamp(self, args: Args, result: Ty) -> Value:
        x, lo, hi = args
        self.guard(self.less(lo, hi, ">"), "clamp: lower bound above upper bound")
        above = self.b.select(self.less(x, hi, ">"), hi[0], x[0])
        return self.b.select(self.less(x, lo, "<"), lo[0], above)

    # ------------------------------------------------------------ comparisons and logic

    def chain(self, args: Args, pair: Callable[[tuple[Value, Ty], tuple[Value, Ty]], Value]) -> Value:
        result: Value = self.true()
        for left, right in pairwise(args):
            result = self.b.and_(result, pair(left, right))
        return result

    def comparison(self, op: str) -> Callable[[Args, Ty], Value]:
        def emit(args: Args, result: Ty) -> Value:
            return self.chain(args, lambda left, right: self.less(left, right, op))

        return emit

    def equal(self, left: tuple[Value, Ty], right: tuple[Value, Ty]) -> Value:
        (lv, lt), (rv, rt) = left, right
        b = self.b
        if lt is Ty.NIL or rt is Ty.NIL:
            return ir.Constant(I1, int(lt is rt))
        if lt is Ty.BOOL or rt is Ty.BOOL:
            return b.icmp_unsigned("==", lv, rv) if lt is rt else self.false()
        if lt is Ty.INT and rt is Ty.INT:
            return b.icmp_signed("==", lv, rv)
        if lt is Ty.FLOAT and rt is Ty.FLOAT:
            # `(= x x)` is #t for a NaN object compared with itself: only the VM knows identity
            self.guard(b.and_(self.is_nan(lv), self.is_nan(rv)), "= of two NaNs")
            return b.fcmp_ordered("oeq", lv, rv)
        return self.less(left, right, "==")

    def op_eq(self, args: Args, result: Ty) -> Value:
        return self.chain(args, self.equal)

    def op_ne(self, args: Args, result: Ty) -> Value:
        return self.b.not_(self.op_eq(args, result))

    def op_not(self, args: Args, result: Ty) -> Value:
        value, ty = args[0]
        if ty is Ty.BOOL:
            return self.b.not_(value)
        return ir.Constant(I1, int(ty is Ty.NIL))

    def type_test(self, accepted: frozenset[Ty]) -> Callable[[Args, Ty], Value]:
        def emit(args: Args, result: Ty) -> Value:
            return ir.Constant(I1, int(args[0][1] in accepted))

        return emit

    # ------------------------------------------------------------ rounding

    def op_floor(self, args: Args, result: Ty) -> Value:
        return self.rounding(args, "floor")

    def op_ceil(self, args: Args, result: Ty) -> Value:
        return self.rounding(args, "ceil")

    def rounding(self, args: Args, name: str) -> Value:
        value, ty = args[0]
        if ty is Ty.INT:
            return value
        self.finite_or_give_up(value, name)
        return self.to_int(self.intrinsic(f"llvm.{name}", value), name)

    def op_round(self, args: Args, result: Ty) -> Value:
        """Halves away from zero: `low + 1 if frac > 0.5 or (frac == 0.5 and x > 0) else low`."""
        value, ty = args[0]
        if ty is Ty.INT:
            return value
        b = self.b
        self.finite_or_give_up(value, "round")
        low = self.intrinsic("llvm.floor", value)
        low_int = self.to_int(low, "round")
        fraction = b.fsub(value, low)
        above = b.fcmp_ordered(">", fraction, self.f64(0.5))
        half_up = b.and_(b.fcmp_ordered("==", fraction, self.f64(0.5)), b.fcmp_ordered(">", value, self.f64(0.0)))
        step = b.zext(b.or_(above, half_up), I64)
        return self.checked("add", low_int, step)

    # ------------------------------------------------------------ math functions

    def unary_math(self, name: str) -> Callable[[Args, Ty], Value]:
        def emit(args: Args, result: Ty) -> Value:
            x = self.to_float(*args[0])
            computed = self.intrinsic("llvm.sqrt", x) if name == "sqrt" else self.libm(name, x)
            return self.math_result(x, computed, name)

        return emit

    def op_log(self, args: Args, result: Ty) -> Value:
        x = self.to_float(*args[0])
        numerator = self.math_result(x, self.libm("log", x), "log")
        if len(args) == 1:
            return numerator
        base = self.to_float(*args[1])
        denominator = self.math_result(base, self.libm("log", base), "log")
        self.guard(self.b.fcmp_ordered("oeq", denominator, self.f64(0.0)), "log: division by zero")
        return self.b.fdiv(numerator, denominator)

    def op_atan(self, args: Args, result: Ty) -> Value:
        if len(args) == 1:
            return self.unary_math("atan")(args, result)
        return self.op_atan2(args, result)

    def op_atan2(self, args: Args, result: Ty) -> Value:
        """`math.atan2(y, x)` for finite arguments (CPython special-cases y == 0 itself)."""
        b = self.b
        y, x = self.to_float(*args[0]), self.to_float(*args[1])
        self.finite_or_give_up(y, "atan2")
        self.finite_or_give_up(x, "atan2")
        computed = self.libm("atan2", y, x)
        positive_x = b.fcmp_ordered("==", self.copysign(self.f64(1.0), x), self.f64(1.0))
        on_axis = b.select(positive_x, self.copysign(self.f64(0.0), y), self.copysign(self.f64(PI), y))
        return b.select(b.fcmp_ordered("==", y, self.f64(0.0)), on_axis, computed)

    def op_pow(self, args: Args, result: Ty) -> Value:
        b = self.b
        (xv, xt), (yv, yt) = args
        if result is Ty.INT:
            exponent = self.node.args[1]
            assert isinstance(exponent, a.IntLit)
            return self.int_power(xv, exponent.value)
        # _pow: zero to a negative power is division by zero; then math.pow's rules
        negative = (
            self.less((yv, yt), (self.i64(0), Ty.INT), "<") if yt is Ty.INT else b.fcmp_ordered("<", yv, self.f64(0.0))
        )
        self.guard(b.and_(self.is_zero(xv, xt), negative), "pow: zero to a negative power")
        x, y = self.to_float(xv, xt), self.to_float(yv, yt)
        self.finite_or_give_up(x, "pow")
        self.finite_or_give_up(y, "pow")
        computed = self.libm("pow", x, y)
        self.finite_or_give_up(computed, "pow")
        return computed

    def int_power(self, base: Value, exponent: int) -> Value:
        """`base ** exponent` by squaring, unrolled for the literal exponent, every step checked."""
        result: Value = self.i64(1)
        while exponent:
            if exponent & 1:
                result = self.checked("mul", result, base)
            exponent >>= 1
            if exponent:
                base = self.checked("mul", base, base)
        return result

    # ------------------------------------------------------------ predicates

    def op_even(self, args: Args, result: Ty) -> Value:
        low_bit = self.b.and_(args[0][0], self.i64(1))
        return self.b.icmp_signed("==", low_bit, self.i64(0))

    def op_odd(self, args: Args, result: Ty) -> Value:
        return self.b.not_(self.op_even(args, result))

    def sign_test(self, op: str) -> Callable[[Args, Ty], Value]:
        def emit(args: Args, result: Ty) -> Value:
            return self.less(args[0], (self.i64(0), Ty.INT) if args[0][1] is Ty.INT else (self.f64(0.0), Ty.FLOAT), op)

        return emit


# Builtin name → the emitter of its operation, made for the call site at hand.
EMITTERS: dict[str, Callable[[Ops], Callable[[Args, Ty], Value]]] = {
    "+": lambda ops: ops.op_add,
    "-": lambda ops: ops.op_sub,
    "*": lambda ops: ops.op_mul,
    "/": lambda ops: ops.op_div,
    "quot": lambda ops: ops.op_quot,
    "mod": lambda ops: ops.op_mod,
    "abs": lambda ops: ops.op_abs,
    "min": lambda ops: ops.op_min,
    "max": lambda ops: ops.op_max,
    "clamp": lambda ops: ops.op_clamp,
    "<": lambda ops: ops.comparison("<"),
    "<=": lambda ops: ops.comparison("<="),
    ">": lambda ops: ops.comparison(">"),
    ">=": lambda ops: ops.comparison(">="),
    "=": lambda ops: ops.op_eq,
    "!=": lambda ops: ops.op_ne,
    "not": lambda ops: ops.op_not,
    "floor": lambda ops: ops.op_floor,
    "ceil": lambda ops: ops.op_ceil,
    "round": lambda ops: ops.op_round,
    "sqrt": lambda ops: ops.unary_math("sqrt"),
    "exp": lambda ops: ops.unary_math("exp"),
    "log": lambda ops: ops.op_log,
    "sin": lambda ops: ops.unary_math("sin"),
    "cos": lambda ops: ops.unary_math("cos"),
    "tan": lambda ops: ops.unary_math("tan"),
    "atan": lambda ops: ops.op_atan,
    "atan2": lambda ops: ops.op_atan2,
    "pow": lambda ops: ops.op_pow,
    "even?": lambda ops: ops.op_even,
    "odd?": lambda ops: ops.op_odd,
    "zero?": lambda ops: ops.sign_test("=="),
    "positive?": lambda ops: ops.sign_test(">"),
    "negative?": lambda ops: ops.sign_test("<"),
    "number?": lambda ops: ops.type_test(frozenset({Ty.INT, Ty.FLOAT})),
    "int?": lambda ops: ops.type_test(frozenset({Ty.INT})),
    "float?": lambda ops: ops.type_test(frozenset({Ty.FLOAT})),
    "bool?": lambda ops: ops.type_test(frozenset({Ty.BOOL})),
    "nil?": lambda ops: ops.type_test(frozenset({Ty.NIL})),
}


def emit_operation(
    fl: FunctionLowering, name: str, node: a.Call, values: list[Value], types: list[Ty], result: Ty
) -> Value:
    """The value of builtin `name` applied to already-evaluated arguments."""
    return EMITTERS[name](Ops(fl, node))(list(zip(values, types, strict=True)), result)
