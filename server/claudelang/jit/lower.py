"""Lowering: typed specs → LLVM IR (llvmlite.ir), one module per compiled program.

Every spec and every named-let loop inside it becomes an internal LLVM function
returning `{value, i32 status}`: status 0 is success, anything else is a
*deoptimisation code* — the call must be redone in the VM, which then produces the exact
big integer, or the ClaudeLang error with its position. A callee's non-zero status is
returned unchanged, so the outermost native frame learns why. Codes number the `sites`
(the operation and its source position) for the JIT log.

Locals live in allocas (SROA/mem2reg turn them into registers); a self tail call stores
the new arguments and jumps back to the top, as the VM's loop does. Loop back-edges
count down to an interrupt poll; recursive functions check the stack pointer against
the runtime's limit. Operations themselves are in `lower_ops`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import llvmlite.ir as ir

from claudelang.ast import nodes as a
from claudelang.jit import runtime
from claudelang.jit.infer import Program, Spec
from claudelang.jit.lower_ops import emit_operation
from claudelang.jit.subset import Code, GlobalCall, GlobalRef, LoopCall, OpCall, Var, cond_clauses
from claudelang.jit.types import Ty

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
F64 = ir.DoubleType()
PTR = ir.PointerType()
VOID = ir.VoidType()

LLVM_TYPES: dict[Ty, ir.Type] = {Ty.INT: I64, Ty.FLOAT: F64, Ty.BOOL: I1, Ty.NIL: I1}


def llvm_type(ty: Ty) -> ir.Type:
    return LLVM_TYPES[ty]


def zero(ty: Ty) -> ir.Constant:
    return ir.Constant(llvm_type(ty), 0)


def constant(ty: Ty, value: object) -> ir.Constant:
    if ty is Ty.NIL:
        return ir.Constant(I1, 0)
    if ty is Ty.BOOL:
        return ir.Constant(I1, int(bool(value)))
    if ty is Ty.FLOAT:
        return ir.Constant(F64, float(value))  # type: ignore[arg-type]
    return ir.Constant(I64, int(value))  # type: ignore[call-overload]


@dataclass
class Site:
    """A place where native code gives up: what happened and where."""

    reason: str
    node: a.Node

    def __str__(self) -> str:
        return f"{self.reason} at {self.node.span}"


@dataclass(eq=False)
class LoweredModule:
    """The IR of one program plus what the dispatcher and the log need to know about it."""

    module: ir.Module
    root: Spec
    root_function: ir.Function
    prefix: str
    sites: list[Site] = field(default_factory=list)

    def site_of(self, code: int) -> str:
        if code == runtime.INTERRUPT_CODE:
            return "interrupted"
        index = code - runtime.FIRST_SITE
        return str(self.sites[index]) if 0 <= index < len(self.sites) else f"status {code}"


def symbol_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]", "_", text)


class ModuleLowering:
    """Declares a function per spec and per nested loop, then lowers each body."""

    def __init__(self, program: Program, prefix: str, triple: str = "") -> None:
        self.program = program
        self.prefix = prefix
        self.module = ir.Module(name=prefix)
        if triple:
            self.module.triple = triple
        self.sites: list[Site] = []
        self.functions: dict[tuple[Any, ...], ir.Function] = {}
        self.recursive: set[tuple[Any, ...]] = set()
        self.declared: dict[str, ir.Function] = {}
        self.twins: dict[tuple[Any, ...], ir.Function] = {}
        self.poll: ir.Function | None = None

    # ------------------------------------------------------------ declarations

    def lower(self) -> LoweredModule:
        for spec in self.program.specs.values():
            self.declare(spec, spec.code)
            for code in nested_loops(spec):
                self.declare(spec, code)
        self.recursive = find_recursive(self.program)
        for spec in self.program.specs.values():
            if any(callee is spec for callee in spec.callees.values()):
                self.declare_twin(spec)
        for spec in self.program.specs.values():
            FunctionLowering(self, spec, spec.code).emit()
            if spec.key in self.twins:
                FunctionLowering(self, spec, spec.code, twin=True).emit()
            for code in nested_loops(spec):
                FunctionLowering(self, spec, code).emit()
        root = self.program.root
        return LoweredModule(self.module, root, self.function(root, root.code), self.prefix, self.sites)

    def declare(self, spec: Spec, code: Code) -> None:
        key = function_key(spec, code)
        if key in self.functions:
            return
        params = parameters(spec, code)
        arg_types = [llvm_type(spec.var_types[var]) for var in params]
        fn_type = ir.FunctionType(return_struct(spec, code), arg_types)
        label = spec.label if code is spec.code else f"{spec.label}/{code.name}"
        name = f"{self.prefix}.{symbol_name(label)}.{len(self.functions)}"
        fn = ir.Function(self.module, fn_type, name)
        fn.linkage = "internal"
        for arg, var in zip(fn.args, params, strict=True):
            arg.name = symbol_name(var.name)
        self.functions[key] = fn

    def declare_twin(self, spec: Spec) -> None:
        """A copy of a directly recursive function: the two call each other, and LLVM
        inlines the copy into the original, so each native call does two levels of the
        recursion (fib(30) runs 1.3–1.6× faster)."""
        original = self.function(spec, spec.code)
        twin = ir.Function(self.module, original.function_type, f"{original.name}.twin")
        twin.linkage = "internal"
        twin.attributes.add("alwaysinline")
        for arg, model in zip(twin.args, original.args, strict=True):
            arg.name = model.name
        self.twins[spec.key] = twin

    def function(self, spec: Spec, code: Code) -> ir.Function:
        return self.functions[function_key(spec, code)]

    def callee(self, caller: FunctionLowering, callee: Spec) -> ir.Function:
        """The function a call of `callee` goes to (a recursive call alternates with its twin)."""
        twin = self.twins.get(callee.key)
        if twin is not None and callee is caller.spec and caller.code is caller.spec.code:
            return self.function(callee, callee.code) if caller.twin else twin
        return self.function(callee, callee.code)

    def site(self, reason: str, node: a.Node) -> int:
        self.sites.append(Site(reason, node))
        return runtime.FIRST_SITE + len(self.sites) - 1

    def external(self, name: str, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
        """A declared external function (a libm routine or a CPython C-API function)."""
        fn = self.declared.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, args), name)
            self.declared[name] = fn
        return fn

    def word(self, builder: ir.IRBuilder, index: int) -> ir.Value:
        """A pointer to one of the runtime's shared words."""
        return builder.inttoptr(ir.Constant(I64, runtime.word_address(index)), PTR)

    def poll_function(self) -> ir.Function:
        """`i1 poll()`: let other threads run for a moment, then report an interrupt."""
        if self.poll is not None:
            return self.poll
        fn = ir.Function(self.module, ir.FunctionType(I1, []), f"{self.prefix}.poll")
        fn.linkage = "internal"
        fn.attributes.add("noinline")
        fn.attributes.add("cold")
        builder = ir.IRBuilder(fn.append_basic_block("entry"))
        limit_word = self.word(builder, runtime.STACK_LIMIT)
        saved_limit = builder.load(limit_word, typ=I64)
        state = builder.call(self.external("PyEval_SaveThread", PTR, []), [])
        builder.call(self.external("PyEval_RestoreThread", VOID, [PTR]), [state])
        builder.store(saved_limit, limit_word)
        flag = builder.load(self.word(builder, runtime.INTERRUPTED), typ=I64)  # after the calls: re-read
        builder.ret(builder.icmp_unsigned("!=", flag, ir.Constant(I64, 0)))
        self.poll = fn
        return fn


def function_key(spec: Spec, code: Code) -> tuple[Any, ...]:
    return spec.key if code is spec.code else spec.loop_key(code)


def parameters(spec: Spec, code: Code) -> list[Var]:
    return spec.params if code is spec.code else [*code.params, *code.free]


def return_struct(spec: Spec, code: Code) -> ir.LiteralStructType:
    if spec.kind == "while" and code is spec.code:
        return ir.LiteralStructType([*(llvm_type(spec.var_types[v]) for v in spec.results), I32])
    ret = spec.ret if code is spec.code else spec.loop_returns[id(code)]
    return ir.LiteralStructType([llvm_type(ret), I32])


def nested_loops(spec: Spec) -> list[Code]:
    """The named-let loops lowered as their own functions within `spec`."""
    return [code for code in spec.analysis.codes if id(code) in spec.loop_returns and code is not spec.code]


def find_recursive(program: Program) -> set[tuple[Any, ...]]:
    """Functions that can reach themselves through non-tail calls (they need a stack guard)."""
    edges: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    for spec in program.specs.values():
        for code in [spec.code, *nested_loops(spec)]:
            key = function_key(spec, code)
            targets = {callee.key for callee in spec.callees.values()}
            targets.update(spec.loop_key(other) for other in code.loop_calls if id(other) in spec.loop_returns)
            targets.update(spec.loop_key(child) for child in code.children if id(child) in spec.loop_returns)
            edges[key] = targets
    recursive = set()
    for start in edges:
        seen: set[tuple[Any, ...]] = set()
        todo = list(edges[start])
        while todo:
            key = todo.pop()
            if key == start:
                recursive.add(start)
                break
            if key in seen:
                continue
            seen.add(key)
            todo.extend(edges.get(key, ()))
    return recursive


class FunctionLowering:
    """The body of one LLVM function: a spec's own code, or one of its loops."""

    def __init__(self, owner: ModuleLowering, spec: Spec, code: Code, twin: bool = False) -> None:
        self.owner = owner
        self.spec = spec
        self.code = code
        self.twin = twin
        self.fn = owner.twins[spec.key] if twin else owner.function(spec, code)
        self.ret_type: ir.LiteralStructType = self.fn.function_type.return_type
        self.entry = self.fn.append_basic_block("entry")
        self.builder = ir.IRBuilder(self.entry)
        self.slots: dict[Var, ir.AllocaInstr] = {}
        self.deopt_block: ir.Block | None = None
        self.deopt_phi: ir.PhiInstr | None = None
        self.header: ir.Block | None = None
        self.poll_counter: ir.AllocaInstr | None = None

    # ------------------------------------------------------------ structure

    def emit(self) -> None:
        params = parameters(self.spec, self.code)
        for arg, var in zip(self.fn.args, params, strict=True):
            self.builder.store(arg, self.slot(var))
        if function_key(self.spec, self.code) in self.owner.recursive and not self.twin:
            self.stack_guard()
        self.header = self.fn.append_basic_block("top")
        self.builder.branch(self.header)
        self.builder.position_at_end(self.header)
        if self.spec.kind == "while" and self.code is self.spec.code:
            self.while_root()
        else:
            self.tail_body(self.code.body, self.code.node)
        if not self.builder.block.is_terminated:
            self.builder.unreachable()

    def slot(self, var: Var) -> ir.AllocaInstr:
        slot = self.slots.get(var)
        if slot is None:
            with self.builder.goto_block(self.entry):
                self.builder.position_at_start(self.entry)
                slot = self.builder.alloca(llvm_type(self.spec.var_types[var]), name=var.name)
            self.slots[var] = slot
        return slot

    def new_block(self, name: str = "") -> ir.Block:
        return self.fn.append_basic_block(name)

    def ty(self, node: a.Node) -> Ty:
        return self.spec.node_types[id(node)]

    # ------------------------------------------------------------ deoptimisation

    def deopt_target(self) -> tuple[ir.Block, ir.PhiInstr]:
        if self.deopt_block is None or self.deopt_phi is None:
            block = self.new_block("deopt")
            with self.builder.goto_block(block):
                phi = self.builder.phi(I32, name="status")
                failed = ir.Constant(self.ret_type, ir.Undefined)
                self.builder.ret(self.builder.insert_value(failed, phi, len(self.ret_type.elements) - 1))
            self.deopt_block, self.deopt_phi = block, phi
        return self.deopt_block, self.deopt_phi

    def guard(self, bad: ir.Value, reason: str, node: a.Node) -> None:
        """Continue when `bad` is false; otherwise leave with a fresh deoptimisation code."""
        self.leave_if(bad, ir.Constant(I32, self.owner.site(reason, node)))

    def leave_if(self, bad: ir.Value, status: ir.Value) -> None:
        block, phi = self.deopt_target()
        cont = self.new_block()
        branch = self.builder.cbranch(bad, block, cont)
        branch.set_weights([1, 1 << 20])
        phi.add_incoming(status, self.builder.block)
        self.builder.position_at_end(cont)

    def checked_call(self, fn: ir.Function, args: list[ir.Value]) -> ir.Value:
        """Call a native function; pass a non-zero status straight up."""
        result = self.builder.call(fn, args)
        status = self.builder.extract_value(result, len(fn.function_type.return_type.elements) - 1)
        self.leave_if(self.builder.icmp_unsigned("!=", status, ir.Constant(I32, 0)), status)
        return self.builder.extract_value(result, 0)

    def stack_guard(self) -> None:
        frame_address = self.owner.module.declare_intrinsic("llvm.frameaddress", [PTR], ir.FunctionType(PTR, [I32]))
        frame = self.builder.ptrtoint(self.builder.call(frame_address, [ir.Constant(I32, 0)]), I64)
        limit = self.builder.load(self.owner.word(self.builder, runtime.STACK_LIMIT), typ=I64)
        self.guard(
            self.builder.icmp_unsigned("<", frame, limit), "recursion deeper than native code allows", self.code.node
        )

    def back_edge(self) -> None:
        """Count a loop iteration; every `POLL_INTERVAL` of them, look for an interrupt."""
        if self.poll_counter is None:
            with self.builder.goto_block(self.entry):
                self.builder.position_at_start(self.entry)
                self.poll_counter = self.builder.alloca(I32, name="poll")
            with self.builder.goto_block(self.entry):  # before the entry block's branch
                self.builder.store(ir.Constant(I32, runtime.POLL_INTERVAL), self.poll_counter)
        count = self.builder.sub(self.builder.load(self.poll_counter, typ=I32), ir.Constant(I32, 1))
        self.builder.store(count, self.poll_counter)
        due = self.builder.icmp_unsigned("==", count, ir.Constant(I32, 0))
        poll, after = self.new_block("poll"), self.new_block()
        self.builder.cbranch(due, poll, after).set_weights([1, 1 << 20])
        self.builder.position_at_end(poll)
        self.builder.store(ir.Constant(I32, runtime.POLL_INTERVAL), self.poll_counter)
        interrupted = self.builder.call(self.owner.poll_function(), [])
        self.leave_if(interrupted, ir.Constant(I32, runtime.INTERRUPT_CODE))
        self.builder.branch(after)
        self.builder.position_at_end(after)

    # ------------------------------------------------------------ tail position

    def tail_body(self, forms: list[a.Expr], node: a.Node) -> None:
        if not forms:
            self.return_value(ir.Constant(I1, 0))
            return
        for form in forms[:-1]:
            self.lower(form, want=False)
        self.tail(forms[-1])

    def tail(self, node: a.Expr) -> None:
        """Lower `node` in tail position: every path returns or loops back."""
        if isinstance(node, a.If):
            self.branches([(node.test, [node.then])], [node.otherwise] if node.otherwise else None, node, tail=True)
        elif isinstance(node, a.Cond):
            self.cond(node, tail=True)
        elif isinstance(node, a.When):
            self.when(node, tail=True)
        elif isinstance(node, a.Do):
            self.tail_body(node.body, node)
        elif isinstance(node, a.Let) and node.loop is None:
            self.bind_let(node)
            self.tail_body(node.body, node)
        elif isinstance(node, a.Call) and self.is_self_tail_call(node):
            self.loop_again(node)
        else:
            value = self.lower(node, want=True)
            self.return_value(value if value is not None else ir.Constant(I1, 0))

    def return_value(self, value: ir.Value) -> None:
        result = ir.Constant(self.ret_type, ir.Undefined)
        result = self.builder.insert_value(result, value, 0)
        self.builder.ret(self.builder.insert_value(result, ir.Constant(I32, 0), 1))

    def is_self_tail_call(self, node: a.Call) -> bool:
        target = self.spec.analysis.calls.get(id(node))
        if isinstance(target, LoopCall):
            return target.tail_self and target.code is self.code
        return isinstance(target, GlobalCall) and target.tail_self and self.code is self.spec.code

    def loop_again(self, node: a.Call) -> None:
        values = [self.value(arg) for arg in node.args]
        for var, value in zip(self.code.params, values, strict=True):
            self.builder.store(value, self.slot(var))
        self.back_edge()
        assert self.header is not None
        self.builder.branch(self.header)

    def while_root(self) -> None:
        """A while loop entered between iterations: run the body first, then loop as usual."""
        site = self.spec.site
        assert site is not None
        body, exit_block = self.new_block("body"), self.new_block("done")
        self.builder.branch(body)
        self.builder.position_at_end(body)
        self.while_body(site.node)
        self.back_edge()
        test = self.test(site.node.test)
        self.builder.cbranch(test, body, exit_block)
        self.builder.position_at_end(exit_block)
        result = ir.Constant(self.ret_type, ir.Undefined)
        for index, var in enumerate(self.spec.results):
            loaded = self.builder.load(self.slot(var), typ=llvm_type(self.spec.var_types[var]))
            result = self.builder.insert_value(result, loaded, index)
        self.builder.ret(self.builder.insert_value(result, ir.Constant(I32, 0), len(self.spec.results)))

    # ------------------------------------------------------------ expressions

    def value(self, node: a.Expr) -> ir.Value:
        value = self.lower(node, want=True)
        assert value is not None
        return value

    def lower(self, node: a.Expr, want: bool) -> ir.Value | None:
        """Emit `node`; return its value when `want` (None for nil or when discarded)."""
        method = LOWERINGS[type(node)]
        value = method(self, node, want)
        if want and value is None:
            return ir.Constant(I1, 0)
        return value

    def literal(self, node: a.Expr, want: bool) -> ir.Value | None:
        return constant(self.ty(node), getattr(node, "value", None))

    def name(self, node: a.Name, want: bool) -> ir.Value | None:
        target = self.spec.analysis.names[id(node)]
        if isinstance(target, GlobalRef):
            return constant(self.ty(node), self.spec.constants[id(node)])
        return self.builder.load(self.slot(target), typ=llvm_type(self.spec.var_types[target]))

    def test(self, node: a.Expr) -> ir.Value:
        """An i1 that is true when `node`'s value is truthy (anything but #f and nil)."""
        ty = self.ty(node)
        value = self.lower(node, want=ty is Ty.BOOL)
        if ty is Ty.BOOL:
            assert value is not None
            return value
        return ir.Constant(I1, 0 if ty is Ty.NIL else 1)

    def call(self, node: a.Call, want: bool) -> ir.Value | None:
        target = self.spec.analysis.calls[id(node)]
        args = [self.value(arg) for arg in node.args]
        if isinstance(target, OpCall):
            types = [self.ty(arg) for arg in node.args]
            return emit_operation(self, target.op.name, node, args, types, self.ty(node))
        if isinstance(target, LoopCall):
            code = target.code
            free = [self.load(var) for var in code.free]
            return self.checked_call(self.owner.function(self.spec, code), [*args, *free])
        callee = self.spec.callees[id(node)]
        return self.checked_call(self.owner.callee(self, callee), args)

    def load(self, var: Var) -> ir.Value:
        return self.builder.load(self.slot(var), typ=llvm_type(self.spec.var_types[var]))

    def let(self, node: a.Let, want: bool) -> ir.Value | None:
        if node.loop is not None:
            code = self.spec.analysis.loops[id(node)]
            inits = [self.value(binding.value) for binding in node.bindings]
            free = [self.load(var) for var in code.free]
            return self.checked_call(self.owner.function(self.spec, code), [*inits, *free])
        self.bind_let(node)
        return self.body(node.body, want)

    def bind_let(self, node: a.Let) -> None:
        for binding, var in zip(node.bindings, self.spec.analysis.lets[id(node)], strict=True):
            self.builder.store(self.value(binding.value), self.slot(var))

    def body(self, forms: list[a.Expr], want: bool) -> ir.Value | None:
        if not forms:
            return None
        for form in forms[:-1]:
            self.lower(form, want=False)
        return self.lower(forms[-1], want)

    def define(self, node: a.Define, want: bool) -> ir.Value | None:
        value = self.value(node.value)
        self.builder.store(value, self.slot(self.spec.analysis.defines[id(node)]))
        return value

    def set_bang(self, node: a.SetBang, want: bool) -> ir.Value | None:
        self.builder.store(self.value(node.value), self.slot(self.spec.analysis.sets[id(node)]))
        return None

    def do(self, node: a.Do, want: bool) -> ir.Value | None:
        return self.body(node.body, want)

    # ------------------------------------------------------------ branches

    def if_(self, node: a.If, want: bool) -> ir.Value | None:
        otherwise = [node.otherwise] if node.otherwise is not None else None
        return self.branches([(node.test, [node.then])], otherwise, node, tail=False, want=want)

    def cond(self, node: a.Cond, want: bool = False, tail: bool = False) -> ir.Value | None:
        clauses: list[tuple[a.Expr, list[a.Expr]]] = []
        otherwise: list[a.Expr] | None = None
        for clause in cond_clauses(node):
            if clause.test is None:
                otherwise = clause.body
            else:
                clauses.append((clause.test, clause.body))
        return self.branches(clauses, otherwise, node, tail=tail, want=want)

    def cond_value(self, node: a.Cond, want: bool) -> ir.Value | None:
        return self.cond(node, want=want)

    def when(self, node: a.When, want: bool = False, tail: bool = False) -> ir.Value | None:
        if node.negated:
            return self.branches([(node.test, [])], node.body, node, tail=tail, want=want, empty_is_nil=True)
        return self.branches([(node.test, node.body)], None, node, tail=tail, want=want)

    def when_value(self, node: a.When, want: bool) -> ir.Value | None:
        return self.when(node, want=want)

    def branches(
        self,
        clauses: list[tuple[a.Expr, list[a.Expr]]],
        otherwise: list[a.Expr] | None,
        node: a.Expr,
        tail: bool,
        want: bool = False,
        empty_is_nil: bool = False,
    ) -> ir.Value | None:
        """if / cond / when: each clause's test, then its body (a test-only clause yields the test)."""
        ty = self.ty(node)
        keep = want and not tail and ty is not Ty.NIL
        result = self.temporary(ty) if keep else None
        done = None if tail else self.new_block("endif")
        for test_node, body in clauses:
            then_block, next_block = self.new_block("then"), self.new_block("else")
            if body or empty_is_nil:
                self.builder.cbranch(self.test(test_node), then_block, next_block)
                self.builder.position_at_end(then_block)
                self.finish_branch(body, node, tail, result, done)
            else:
                value = self.lower(test_node, want=True)
                truthy = value if self.ty(test_node) is Ty.BOOL else ir.Constant(I1, self.ty(test_node) is not Ty.NIL)
                self.builder.cbranch(truthy, then_block, next_block)
                self.builder.position_at_end(then_block)
                self.finish_value(value, tail, result, done)
            self.builder.position_at_end(next_block)
        self.finish_branch(otherwise or [], node, tail, result, done)
        if done is None:
            return None
        self.builder.position_at_end(done)
        if result is None:
            return None
        return self.builder.load(result, typ=llvm_type(ty))

    def finish_branch(
        self, body: list[a.Expr], node: a.Node, tail: bool, result: ir.AllocaInstr | None, done: ir.Block | None
    ) -> None:
        if tail:
            self.tail_body(body, node)
            return
        value = self.body(body, want=result is not None)
        self.finish_value(value, tail, result, done)

    def finish_value(
        self, value: ir.Value | None, tail: bool, result: ir.AllocaInstr | None, done: ir.Block | None
    ) -> None:
        if tail:
            self.return_value(value if value is not None else ir.Constant(I1, 0))
            return
        if self.builder.block.is_terminated:
            return
        if result is not None and value is not None:
            self.builder.store(value, result)
        assert done is not None
        self.builder.branch(done)

    def temporary(self, ty: Ty) -> ir.AllocaInstr:
        with self.builder.goto_block(self.entry):
            self.builder.position_at_start(self.entry)
            return self.builder.alloca(llvm_type(ty), name="v")

    def and_or(self, node: a.And | a.Or, want: bool) -> ir.Value | None:
        """Short-circuit; the value is the deciding item's (never a conversion to bool)."""
        is_and = isinstance(node, a.And)
        if not node.items:
            return ir.Constant(I1, int(is_and))
        ty = self.ty(node)
        result = self.temporary(ty) if want and ty is not Ty.NIL else None
        done = self.new_block("endlogic")
        for index, item in enumerate(node.items):
            item_ty = self.ty(item)
            value = self.lower(item, want=True)
            if index == len(node.items) - 1:
                self.store_if(result, value)
                self.builder.branch(done)
                break
            if item_ty is Ty.BOOL:
                decide, cont = self.new_block(), self.new_block()
                if is_and:
                    self.builder.cbranch(value, cont, decide)
                else:
                    self.builder.cbranch(value, decide, cont)
                self.builder.position_at_end(decide)
                self.store_if(result, value)
                self.builder.branch(done)
                self.builder.position_at_end(cont)
            elif (item_ty is Ty.NIL) == is_and:  # always decides: nil for `and`, a number for `or`
                self.store_if(result, value)
                self.builder.branch(done)
                break
        self.builder.position_at_end(done)
        return self.builder.load(result, typ=llvm_type(ty)) if result is not None else None

    def store_if(self, result: ir.AllocaInstr | None, value: ir.Value | None) -> None:
        if result is not None and value is not None:
            self.builder.store(value, result)

    def while_(self, node: a.While, want: bool) -> ir.Value | None:
        head, body, done = self.new_block("while"), self.new_block("body"), self.new_block("endwhile")
        self.builder.branch(head)
        self.builder.position_at_end(head)
        self.builder.cbranch(self.test(node.test), body, done)
        self.builder.position_at_end(body)
        self.while_body(node)
        self.back_edge()
        self.builder.branch(head)
        self.builder.position_at_end(done)
        return None

    def while_body(self, node: a.While) -> None:
        for form in node.body:
            self.lower(form, want=False)


LOWERINGS = {
    a.IntLit: FunctionLowering.literal,
    a.FloatLit: FunctionLowering.literal,
    a.BoolLit: FunctionLowering.literal,
    a.NilLit: FunctionLowering.literal,
    a.Name: FunctionLowering.name,
    a.Call: FunctionLowering.call,
    a.Let: FunctionLowering.let,
    a.Define: FunctionLowering.define,
    a.SetBang: FunctionLowering.set_bang,
    a.If: FunctionLowering.if_,
    a.Cond: FunctionLowering.cond_value,
    a.When: FunctionLowering.when_value,
    a.And: FunctionLowering.and_or,
    a.Or: FunctionLowering.and_or,
    a.Do: FunctionLowering.do,
    a.While: FunctionLowering.while_,
}


def lower_program(program: Program, prefix: str, triple: str = "") -> LoweredModule:
    """The LLVM module for `program`; its root function is `LoweredModule.root_function`."""
    return ModuleLowering(program, prefix, triple).lower()
