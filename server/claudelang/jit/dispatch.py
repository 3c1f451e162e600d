"""Entering native code from the VM: generated METH_FASTCALL builtins (or ctypes).

A *dispatcher* replaces a function (or an on-stack-replacement entry) in the namespace.
It is a CPython builtin whose C function is generated in LLVM IR with the METH_FASTCALL
signature `PyObject *(self, args, nargs)`:

1. if its code was invalidated (a callee was redefined), call the VM version;
2. while a deoptimised call is being redone in the VM (`vm_only`), or if the argument
   count or a type does not match — exact `int` fitting 64 bits (unboxed with
   `PyLong_AsLongLongAndOverflow`), exact `float`, `#t`/`#f` — call the *next* callable
   (the previous dispatcher, at the end the VM function);
3. set the native stack limit, call the native function, and box its result; a non-zero
   status (overflow, division by zero, any error) is recorded and the *deopt handler*
   redoes the call in the VM.

The C function depends only on the *shape* (argument and result types), so one is
generated per shape and shared: the native function to call and its valid/status words
live in a per-unit `Control` block, whose address is in the builtin's `self`, a tuple
`(next, deopt_handler, vm_version, control_address, keepalive)`. The builtin owns what it
calls, and the `PyMethodDef` and the control block live as long as the builtin.

Entering through a dispatcher costs about as much as calling a C builtin. The ctypes
path (`make_ctypes_dispatcher`, used where the object-layout check fails or on request)
calls a per-module `entry(args..., out)` function and costs a few microseconds.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import llvmlite.ir as ir

from claudelang.jit import runtime
from claudelang.jit.lower import F64, I1, I8, I32, I64, PTR, VOID, LoweredModule, llvm_type
from claudelang.jit.types import Ty, fits_i64

METH_FASTCALL = 0x0080
TUPLE_ITEMS = 24  # offsetof(PyTupleObject, ob_item)
OB_TYPE = 8
FLOAT_VALUE = 16
SELF_NEXT, SELF_DEOPT, SELF_VM, SELF_CONTROL = range(4)
FUNCTION, VALID, STATUS = range(3)  # the words of a control block


class PyMethodDef(ctypes.Structure):
    _fields_ = [
        ("ml_name", ctypes.c_char_p),
        ("ml_meth", ctypes.c_void_p),
        ("ml_flags", ctypes.c_int),
        ("ml_doc", ctypes.c_char_p),
    ]


_new_builtin = ctypes.pythonapi.PyCFunction_NewEx
_new_builtin.restype = ctypes.py_object
_new_builtin.argtypes = [ctypes.c_void_p, ctypes.py_object, ctypes.c_void_p]


@dataclass(frozen=True)
class Shape:
    """What a dispatcher converts: argument types in, result types out."""

    params: tuple[Ty, ...]
    results: tuple[Ty, ...]
    as_tuple: bool  # a while loop's variables come back as a tuple, even just one

    @property
    def name(self) -> str:
        letters = {Ty.INT: "i", Ty.FLOAT: "f", Ty.BOOL: "b", Ty.NIL: "n"}
        params = "".join(letters[ty] for ty in self.params)
        results = "".join(letters[ty] for ty in self.results)
        return f"cl.dispatch.{params}_{results}{'_t' if self.as_tuple else ''}"

    def native_type(self) -> ir.FunctionType:
        """The LLVM type of the native functions of this shape (see `lower`)."""
        ret = ir.LiteralStructType([*(llvm_type(ty) for ty in self.results), I32])
        return ir.FunctionType(ret, [llvm_type(ty) for ty in self.params])


class Control:
    """The words a dispatcher reads: the native function, a valid flag, the last status."""

    def __init__(self, function_address: int) -> None:
        self.words = (ctypes.c_int64 * 3)(function_address, 1, 0)
        self.address = ctypes.addressof(self.words)

    @property
    def valid(self) -> bool:
        return bool(self.words[VALID])

    def invalidate(self) -> None:
        self.words[VALID] = 0

    @property
    def status(self) -> int:
        return int(self.words[STATUS])

    def record_status(self, status: int) -> None:
        self.words[STATUS] = status


class IRHelpers:
    """C-API declarations and the stack-limit store, shared by the generated entry points."""

    def __init__(self, module: ir.Module) -> None:
        self.module = module

    def external(self, name: str) -> ir.Function:
        ret, args = runtime.C_API[name]
        types = {"ptr": PTR, "i64": I64, "i32": I32, "double": F64, "void": VOID}
        existing = self.module.globals.get(name)
        if isinstance(existing, ir.Function):
            return existing
        return ir.Function(self.module, ir.FunctionType(types[ret], [types[t] for t in args]), name)

    def object(self, name: str) -> ir.GlobalVariable:
        existing = self.module.globals.get(name)
        if isinstance(existing, ir.GlobalVariable):
            return existing
        return ir.GlobalVariable(self.module, I8, name)

    def word(self, builder: ir.IRBuilder, index: int) -> ir.Value:
        return builder.inttoptr(ir.Constant(I64, runtime.word_address(index)), PTR)

    def set_stack_limit(self, builder: ir.IRBuilder) -> None:
        frame_address = self.module.declare_intrinsic("llvm.frameaddress", [PTR], ir.FunctionType(PTR, [I32]))
        frame = builder.ptrtoint(builder.call(frame_address, [ir.Constant(I32, 0)]), I64)
        limit = builder.sub(frame, ir.Constant(I64, runtime.STACK_BUDGET))
        builder.store(limit, self.word(builder, runtime.STACK_LIMIT))


# ---------------------------------------------------------------- the METH_FASTCALL dispatcher


class DispatcherBuilder(IRHelpers):
    """The dispatcher C function for one shape, in a module of its own."""

    def __init__(self, shape: Shape, triple: str) -> None:
        module = ir.Module(name=shape.name)
        module.triple = triple
        super().__init__(module)
        self.shape = shape

    def build(self) -> ir.Module:
        fn = ir.Function(self.module, ir.FunctionType(PTR, [PTR, PTR, I64]), self.shape.name)
        self_tuple, args, nargs = fn.args
        self_tuple.name, args.name, nargs.name = "self", "args", "nargs"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        blocks = {index: fn.append_basic_block(name) for index, name in enumerate(("mismatch", "deopt", "vm"))}

        def item(index: int) -> ir.Value:
            address = b.gep(self_tuple, [ir.Constant(I64, TUPLE_ITEMS + 8 * index)], source_etype=I8)
            return b.load(address, typ=PTR)

        def check(ok: ir.Value, otherwise: ir.Block) -> None:
            cont = fn.append_basic_block()
            b.cbranch(ok, cont, otherwise)
            b.position_at_end(cont)

        control = b.call(self.external("PyLong_AsVoidPtr"), [item(SELF_CONTROL)])

        def control_word(index: int) -> ir.Value:
            return b.gep(control, [ir.Constant(I64, index)], source_etype=I64)

        check(b.icmp_signed("!=", b.load(control_word(VALID), typ=I64), ir.Constant(I64, 0)), blocks[SELF_VM])
        vm_only = b.load(self.word(b, runtime.VM_ONLY), typ=I64)
        check(b.icmp_signed("==", vm_only, ir.Constant(I64, 0)), blocks[SELF_NEXT])
        check(b.icmp_signed("==", nargs, ir.Constant(I64, len(self.shape.params))), blocks[SELF_NEXT])
        values = []
        for index, ty in enumerate(self.shape.params):
            arg = b.load(b.gep(args, [ir.Constant(I64, index)], source_etype=PTR), typ=PTR)
            values.append(self.unbox(b, arg, ty, blocks[SELF_NEXT], check))
        self.set_stack_limit(b)
        native = b.inttoptr(b.load(control_word(FUNCTION), typ=I64), self.shape.native_type().as_pointer())
        result = b.call(native, values)
        status = b.extract_value(result, len(self.shape.results))
        check(b.icmp_unsigned("==", status, ir.Constant(I32, 0)), blocks[SELF_DEOPT])
        b.ret(self.box_results(b, result))
        for index, block in blocks.items():
            b.position_at_end(block)
            if index == SELF_DEOPT:
                b.store(b.zext(status, I64), control_word(STATUS))
            call = b.call(self.external("PyObject_Vectorcall"), [item(index), args, nargs, ir.Constant(PTR, None)])
            b.ret(call)
        return self.module

    def unbox(
        self, b: ir.IRBuilder, item: ir.Value, ty: Ty, mismatch: ir.Block, check: Callable[..., None]
    ) -> ir.Value:
        if ty is Ty.BOOL:
            is_true = b.icmp_unsigned("==", item, self.object("_Py_TrueStruct"))
            is_false = b.icmp_unsigned("==", item, self.object("_Py_FalseStruct"))
            check(b.or_(is_true, is_false), mismatch)
            return is_true
        type_pointer = b.load(b.gep(item, [ir.Constant(I64, OB_TYPE)], source_etype=I8), typ=PTR)
        if ty is Ty.FLOAT:
            check(b.icmp_unsigned("==", type_pointer, self.object("PyFloat_Type")), mismatch)
            return b.load(b.gep(item, [ir.Constant(I64, FLOAT_VALUE)], source_etype=I8), typ=F64)
        assert ty is Ty.INT
        check(b.icmp_unsigned("==", type_pointer, self.object("PyLong_Type")), mismatch)
        with b.goto_entry_block():
            overflow = b.alloca(I32)
        value = b.call(self.external("PyLong_AsLongLongAndOverflow"), [item, overflow])
        check(b.icmp_signed("==", b.load(overflow, typ=I32), ir.Constant(I32, 0)), mismatch)
        return value

    def box(self, b: ir.IRBuilder, value: ir.Value, ty: Ty) -> ir.Value:
        if ty is Ty.INT:
            return b.call(self.external("PyLong_FromLongLong"), [value])
        if ty is Ty.FLOAT:
            return b.call(self.external("PyFloat_FromDouble"), [value])
        if ty is Ty.BOOL:
            return b.call(self.external("PyBool_FromLong"), [b.zext(value, I64)])
        none = self.object("_Py_NoneStruct")
        b.call(self.external("Py_IncRef"), [none])
        return none

    def box_results(self, b: ir.IRBuilder, result: ir.Value) -> ir.Value:
        types = self.shape.results
        if not self.shape.as_tuple:
            return self.box(b, b.extract_value(result, 0), types[0])
        tuple_object = b.call(self.external("PyTuple_New"), [ir.Constant(I64, len(types))])
        for index, ty in enumerate(types):
            item = self.box(b, b.extract_value(result, index), ty)
            b.call(self.external("PyTuple_SetItem"), [tuple_object, ir.Constant(I64, index), item])
        return tuple_object


_dispatchers: dict[Shape, int] = {}
_dispatchers_lock = threading.Lock()


def dispatcher_address(shape: Shape) -> int:
    """The dispatcher C function for `shape`, compiled the first time it is needed."""
    from claudelang.jit.engine import get_engine

    with _dispatchers_lock:
        address = _dispatchers.get(shape)
        if address is None:
            engine = get_engine()
            module = DispatcherBuilder(shape, engine.triple).build()
            address = _dispatchers[shape] = engine.compile(module, [shape.name]).addresses[shape.name]
        return address


def shape_of(lowered: LoweredModule) -> Shape:
    spec = lowered.root
    results = tuple(spec.var_types[var] for var in spec.results) if spec.kind == "while" else (spec.ret,)
    return Shape(tuple(spec.signature), results, spec.kind == "while")


# ---------------------------------------------------------------- the ctypes entry


def add_ctypes_entry(lowered: LoweredModule) -> str:
    """`i32 entry(args..., ptr out)`: the native call, with its results stored through `out`."""
    helpers = IRHelpers(lowered.module)
    shape = shape_of(lowered)
    name = f"{lowered.prefix}.entry"
    fn = ir.Function(lowered.module, ir.FunctionType(I32, [*(llvm_type(ty) for ty in shape.params), PTR]), name)
    b = ir.IRBuilder(fn.append_basic_block("entry"))
    helpers.set_stack_limit(b)
    result = b.call(lowered.root_function, list(fn.args[:-1]))
    out = fn.args[-1]
    for index, ty in enumerate(shape.results):
        slot = b.gep(out, [ir.Constant(I64, 8 * index)], source_etype=I8)
        value = b.extract_value(result, index)
        b.store(b.zext(value, I64) if llvm_type(ty) is I1 else value, slot)
    b.ret(b.extract_value(result, len(shape.results)))
    return name


# ---------------------------------------------------------------- Python objects


class KeepAlive:
    """Holds what a generated builtin points to but does not own by reference counting."""

    def __init__(self, *objects: object) -> None:
        self.objects = objects


def make_fastcall_builtin(
    shape: Shape,
    control: Control,
    name: str,
    next_callable: Callable[..., Any],
    deopt: Callable[..., Any],
    vm: Callable[..., Any],
) -> Callable[..., Any]:
    """A builtin named `name` that runs `control`'s native function through `shape`'s dispatcher."""
    encoded = name.encode("utf-8")
    method = PyMethodDef(encoded, dispatcher_address(shape), METH_FASTCALL, None)
    holder = (next_callable, deopt, vm, control.address, KeepAlive(method, encoded, control))
    return _new_builtin(ctypes.addressof(method), holder, None)


CTYPES = {Ty.INT: ctypes.c_int64, Ty.FLOAT: ctypes.c_double, Ty.BOOL: ctypes.c_bool}
PYTHON_TYPES = {Ty.INT: int, Ty.FLOAT: float, Ty.BOOL: bool}


def make_ctypes_dispatcher(
    shape: Shape,
    control: Control,
    entry_address: int,
    name: str,
    next_callable: Callable[..., Any],
    deopt: Callable[..., Any],
    vm: Callable[..., Any],
) -> Callable[..., Any]:
    """A Python dispatcher calling the ctypes entry (slower; no object-layout assumptions)."""
    entry = ctypes.CFUNCTYPE(ctypes.c_int32, *(CTYPES[ty] for ty in shape.params), ctypes.c_void_p)(entry_address)
    out = (ctypes.c_int64 * max(1, len(shape.results)))()
    out_address = ctypes.addressof(out)
    wanted = [PYTHON_TYPES[ty] for ty in shape.params]

    def read(index: int, ty: Ty) -> object:
        if ty is Ty.FLOAT:
            return ctypes.c_double.from_address(out_address + 8 * index).value
        if ty is Ty.BOOL:
            return bool(out[index] & 1)
        return None if ty is Ty.NIL else out[index]

    def dispatch(*args: Any) -> Any:
        if not control.valid:
            return vm(*args)
        if runtime.vm_only_active() or len(args) != len(wanted):
            return next_callable(*args)
        for arg, kind in zip(args, wanted, strict=True):
            if type(arg) is not kind or (kind is int and not fits_i64(arg)):
                return next_callable(*args)
        status = entry(*args, out_address)
        if status:
            control.record_status(status)
            return deopt(*args)
        values = [read(index, ty) for index, ty in enumerate(shape.results)]
        return tuple(values) if shape.as_tuple else values[0]

    dispatch.__name__ = dispatch.__qualname__ = name
    return dispatch
