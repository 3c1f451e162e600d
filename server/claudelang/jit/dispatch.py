"""Entering native code from the VM: generated METH_FASTCALL builtins (or ctypes).

A *dispatcher* replaces a function (or an on-stack-replacement site) in the namespace.
It is a CPython builtin whose C function is generated in LLVM IR, in the same module as
the code it calls, with the METH_FASTCALL signature `PyObject *(self, args, nargs)`:

1. if its module was invalidated (a callee was redefined), call the VM version;
2. while a deoptimised call is being redone in the VM (`vm_only`), or if the argument
   count or a type does not match — exact `int` fitting 64 bits (unboxed with
   `PyLong_AsLongLongAndOverflow`), exact `float`, `#t`/`#f` — call the *next* callable
   (the previous dispatcher, at the end the VM function);
3. set the native stack limit, call the native function, and box its result; a non-zero
   status (overflow, division by zero, any error) records the status and calls the
   *deopt handler*, which redoes the call in the VM.

`self` is a tuple `(next, deopt_handler, vm_version, keepalive)`: the builtin owns what it
calls, and the `PyMethodDef` lives as long as the builtin. Entering through a dispatcher
costs about as much as calling a C builtin; through ctypes (`make_ctypes_dispatcher`, used
where the object layout check fails or on request) it costs ten times more.
"""

from __future__ import annotations

import ctypes
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
class EntryPoints:
    """Symbol names in a lowered module that Python needs addresses of."""

    dispatcher: str
    ctypes_entry: str
    valid_flag: str
    status: str


class DispatcherBuilder:
    """Adds the dispatcher and the ctypes entry for the module's root function."""

    def __init__(self, lowered: LoweredModule) -> None:
        self.lowered = lowered
        self.module = lowered.module
        self.root = lowered.root_function
        self.spec = lowered.root
        prefix = lowered.prefix
        self.valid = ir.GlobalVariable(self.module, I8, f"{prefix}.valid")
        self.valid.initializer = ir.Constant(I8, 1)
        self.status = ir.GlobalVariable(self.module, I32, f"{prefix}.status")
        self.status.initializer = ir.Constant(I32, 0)
        self.names = EntryPoints(f"{prefix}.dispatch", f"{prefix}.entry", self.valid.name, self.status.name)

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

    def build(self, kind: str) -> EntryPoints:
        """The entry for `kind` ("fastcall" or "ctypes"; only one, to keep compile time down)."""
        if kind == "fastcall":
            self.build_dispatcher()
        else:
            self.build_ctypes_entry()
        return self.names

    def set_stack_limit(self, builder: ir.IRBuilder) -> None:
        frame_address = self.module.declare_intrinsic("llvm.frameaddress", [PTR], ir.FunctionType(PTR, [I32]))
        frame = builder.ptrtoint(builder.call(frame_address, [ir.Constant(I32, 0)]), I64)
        limit = builder.sub(frame, ir.Constant(I64, runtime.STACK_BUDGET))
        builder.store(limit, builder.inttoptr(ir.Constant(I64, runtime.word_address(runtime.STACK_LIMIT)), PTR))

    # ------------------------------------------------------------ the METH_FASTCALL builtin

    def build_dispatcher(self) -> None:
        fn = ir.Function(self.module, ir.FunctionType(PTR, [PTR, PTR, I64]), self.names.dispatcher)
        self_tuple, args, nargs = fn.args
        self_tuple.name, args.name, nargs.name = "self", "args", "nargs"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        mismatch, deopt, invalid = (fn.append_basic_block(name) for name in ("mismatch", "deopt", "invalid"))

        def check(ok: ir.Value, otherwise: ir.Block) -> None:
            cont = fn.append_basic_block()
            b.cbranch(ok, cont, otherwise)
            b.position_at_end(cont)

        check(b.icmp_unsigned("!=", b.load(self.valid, typ=I8), ir.Constant(I8, 0)), invalid)
        vm_only = b.load(b.inttoptr(ir.Constant(I64, runtime.word_address(runtime.VM_ONLY)), PTR), typ=I64)
        check(b.icmp_signed("==", vm_only, ir.Constant(I64, 0)), mismatch)
        params = self.spec.params
        check(b.icmp_signed("==", nargs, ir.Constant(I64, len(params))), mismatch)
        values = []
        for index, var in enumerate(params):
            item = b.load(b.gep(args, [ir.Constant(I64, index)], source_etype=PTR), typ=PTR)
            values.append(self.unbox(b, item, self.spec.var_types[var], mismatch, check))
        self.set_stack_limit(b)
        result = b.call(self.root, values)
        count = len(self.root.function_type.return_type.elements)
        status = b.extract_value(result, count - 1)
        check(b.icmp_unsigned("==", status, ir.Constant(I32, 0)), deopt)
        b.ret(self.box_results(b, result))

        for block, index in ((mismatch, 0), (deopt, 1), (invalid, 2)):
            b.position_at_end(block)
            if block is deopt:
                b.store(status, self.status)
            target = b.load(b.gep(self_tuple, [ir.Constant(I64, TUPLE_ITEMS + 8 * index)], source_etype=I8), typ=PTR)
            call = b.call(self.external("PyObject_Vectorcall"), [target, args, nargs, ir.Constant(PTR, None)])
            b.ret(call)

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

    def result_types(self) -> list[Ty]:
        if self.spec.kind == "while":
            return [self.spec.var_types[var] for var in self.spec.results]
        return [self.spec.ret]

    def box_results(self, b: ir.IRBuilder, result: ir.Value) -> ir.Value:
        types = self.result_types()
        if self.spec.kind != "while":
            return self.box(b, b.extract_value(result, 0), types[0])
        tuple_object = b.call(self.external("PyTuple_New"), [ir.Constant(I64, len(types))])
        for index, ty in enumerate(types):
            item = self.box(b, b.extract_value(result, index), ty)
            b.call(self.external("PyTuple_SetItem"), [tuple_object, ir.Constant(I64, index), item])
        return tuple_object

    # ------------------------------------------------------------ the ctypes entry

    def build_ctypes_entry(self) -> None:
        """`i32 entry(args..., ptr out)`: the native call with results stored through `out`."""
        arg_types = [llvm_type(self.spec.var_types[var]) for var in self.spec.params]
        fn = ir.Function(self.module, ir.FunctionType(I32, [*arg_types, PTR]), self.names.ctypes_entry)
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        self.set_stack_limit(b)
        result = b.call(self.root, list(fn.args[:-1]))
        out = fn.args[-1]
        for index, ty in enumerate(self.result_types()):
            slot = b.gep(out, [ir.Constant(I64, 8 * index)], source_etype=I8)
            value = b.extract_value(result, index)
            b.store(b.zext(value, I64) if llvm_type(ty) is I1 else value, slot)
        b.ret(b.extract_value(result, len(self.result_types())))


def add_entry_points(lowered: LoweredModule, kind: str) -> EntryPoints:
    """Generate the dispatcher (or the ctypes entry) for `lowered`'s root function."""
    return DispatcherBuilder(lowered).build(kind)


# ---------------------------------------------------------------- Python objects


class KeepAlive:
    """Holds what a generated builtin points to but does not own by reference counting."""

    def __init__(self, *objects: object) -> None:
        self.objects = objects


def make_fastcall_builtin(
    address: int, name: str, next_callable: Callable[..., Any], deopt: Callable[..., Any], vm: Callable[..., Any]
) -> Callable[..., Any]:
    """Wrap the generated dispatcher at `address` into a builtin named `name`."""
    encoded = name.encode("utf-8")
    method = PyMethodDef(encoded, address, METH_FASTCALL, None)
    holder = (next_callable, deopt, vm, KeepAlive(method, encoded))
    return _new_builtin(ctypes.addressof(method), holder, None)


CTYPES = {Ty.INT: ctypes.c_int64, Ty.FLOAT: ctypes.c_double, Ty.BOOL: ctypes.c_bool}


def make_ctypes_dispatcher(
    name: str,
    address: int,
    param_types: list[Ty],
    result_types: list[Ty],
    valid_address: int,
    status_address: int,
    next_callable: Callable[..., Any],
    deopt: Callable[..., Any],
    vm: Callable[..., Any],
) -> Callable[..., Any]:
    """A Python dispatcher calling the ctypes entry (slower; no object-layout assumptions)."""
    entry = ctypes.CFUNCTYPE(ctypes.c_int32, *(CTYPES[ty] for ty in param_types), ctypes.c_void_p)(address)
    out = (ctypes.c_int64 * max(1, len(result_types)))()
    out_address = ctypes.addressof(out)
    valid = ctypes.c_int8.from_address(valid_address)
    status_word = ctypes.c_int32.from_address(status_address)
    python_types = {Ty.INT: int, Ty.FLOAT: float, Ty.BOOL: bool}
    wanted = [python_types[ty] for ty in param_types]

    def read(index: int, ty: Ty) -> object:
        word = out[index]
        if ty is Ty.FLOAT:
            return ctypes.c_double.from_address(out_address + 8 * index).value
        if ty is Ty.BOOL:
            return bool(word & 1)
        if ty is Ty.NIL:
            return None
        return word

    def dispatch(*args: Any) -> Any:
        if not valid.value:
            return vm(*args)
        if runtime_vm_only() or len(args) != len(wanted):
            return next_callable(*args)
        for arg, kind in zip(args, wanted, strict=True):
            if type(arg) is not kind or (kind is int and not fits_i64(arg)):
                return next_callable(*args)
        status = entry(*args, out_address)
        if status:
            status_word.value = status
            return deopt(*args)
        values = [read(index, ty) for index, ty in enumerate(result_types)]
        return values[0] if len(values) == 1 else tuple(values)

    dispatch.__name__ = dispatch.__qualname__ = name
    return dispatch


def runtime_vm_only() -> bool:
    return bool(ctypes.c_int64.from_address(runtime.word_address(runtime.VM_ONLY)).value)
