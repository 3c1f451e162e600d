"""Tiering: when the VM hands a function or loop to native code, and when it takes it back.

A `JitManager` belongs to a `Session` and hooks into it at three points:

- `instrument(form)` before a top-level form is compiled: `instrument.plan_form` adds
  call and iteration counters where native code could take over;
- `before_form` before it runs: installs the counters (`;jit-hot-K`, `;jit-K`) in the
  namespace, and takes native code away from a function that is about to get a contract;
- `after_form` after it ran (also after an error): registers the global functions it
  defined, and checks every piece of native code against the globals it assumed.

Counters live in `Entry` objects. In auto mode an entry compiles after `THRESHOLD`
calls or iterations for the argument types of the call at hand (eager mode: at the first
one, and functions also at definition, speculatively for ints then floats). A compiled
function gets a dispatcher in the namespace in its place — callers in the VM then enter
native code directly — and its entry becomes a dispatcher too, so a running VM call
(a long self-tail loop) or a reference taken before compilation switches to native code
at its next iteration. A loop entry switches the rest of the loop.

Where: in auto mode the compilation runs on the compile thread (`compile_thread`) and the
VM keeps running the function meanwhile; the entry keeps being called, and the first call
or iteration after the compilation finished installs it — on the VM's thread, and only
if every global the code assumed still holds (else it is discarded and compiled again
later). Eager mode, and `CLAUDELANG_JIT_BACKGROUND=0` or `JitManager.background = False`
(what tests that check compiled code use), compile on the VM's thread at the threshold.

Invalidation: native code calls other global functions directly and embeds global
constants, so each `Unit` lists the globals it assumed. Whenever a form has run (and
after a `set!` of a global or a definition inside a top-level `do`), units whose globals
changed are invalidated: their dispatchers fall back to the VM and the namespace gets the
VM function back, to be compiled again later against the new definitions.
"""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from types import CodeType, FunctionType
from typing import Any

from claudelang.ast import nodes as a
from claudelang.compiler import names as n
from claudelang.compiler.names import mangle
from claudelang.jit import compile_thread, runtime
from claudelang.jit.infer import Spec, function_spec, loop_spec, while_spec
from claudelang.jit.instrument import GET, SYNC, EntryPlan, FormPlan, may_plan, plan_form
from claudelang.jit.log import Event, JitLog
from claudelang.jit.pipeline import Unit, compile_spec
from claudelang.jit.subset import Analysis
from claudelang.jit.types import Signature, Ty, Unsupported, signature_of

THRESHOLD = int(os.environ.get("CLAUDELANG_JIT_THRESHOLD", "1000"))
BACKGROUND = os.environ.get("CLAUDELANG_JIT_BACKGROUND", "1") != "0"  # 0: compile on the VM's thread
MAX_ATTEMPTS = 4  # compilations (or failures) per entry before it stops counting
MAX_VARIANTS = 4  # signatures compiled per function
MAX_DEOPT_LOGS = 3


def _none(*args: Any) -> None:
    return None


# ---------------------------------------------------------------- dependencies


@dataclass(frozen=True, eq=False)
class ValueDep:
    """A global (constant or builtin) whose value native code embedded."""

    value: object

    def holds(self, namespace: dict[str, Any], key: str) -> bool:
        return namespace.get(key, _MISSING) is self.value


@dataclass(frozen=True, eq=False)
class FunctionDep:
    """A global function native code calls directly."""

    record: FunctionRecord

    def holds(self, namespace: dict[str, Any], key: str) -> bool:
        return self.record.alive and self.record.owns(namespace.get(key))


_MISSING = object()


class Resolver:
    """The namespace as inference sees it; records every global the code will assume."""

    def __init__(self, space: Space) -> None:
        self.space = space
        self.deps: dict[str, Any] = {}

    def function(self, name: str, node: a.Node) -> FunctionRecord:
        key = mangle(name)
        record = self.space.functions.get(key)
        if record is None or not record.alive or not record.owns(self.space.namespace.get(key)):
            raise Unsupported(f"{name} is not a global function defined with define", node)
        if record.analysis.problem is not None:
            raise Unsupported(f"it calls {name}, which cannot be compiled: {record.analysis.problem}", node)
        self.deps[key] = FunctionDep(record)
        return record

    def value(self, name: str, node: a.Node) -> object:
        key = mangle(name)
        if key not in self.space.namespace:
            raise Unsupported(f"{name} is not defined (yet)", node)
        value = self.space.namespace[key]
        self.deps[key] = ValueDep(value)
        return value

    def require_builtin(self, name: str, node: a.Node) -> None:
        key = mangle(name)
        value = self.space.namespace.get(key, _MISSING)
        if value is not self.space.manager.builtins.get(key):
            raise Unsupported(f"{name} no longer means the builtin", node)
        self.deps[key] = ValueDep(value)


# ---------------------------------------------------------------- entries


class Target:
    """What a compilation is for — a loop's entry, or a global function — and its variants."""

    variants: dict[Signature, Unit]
    alive: bool

    def spec(self, signature: Signature) -> Spec:
        raise NotImplementedError

    def publish(self) -> None:
        raise NotImplementedError

    def adopt(self, signature: Signature, unit: Unit) -> None:
        unit.owner = self
        self.variants[signature] = unit
        self.publish()


@dataclass(eq=False)
class Pending:
    """A compilation asked for and not installed yet."""

    target: Target  # what gets the unit
    signature: Signature
    label: str
    trigger: str
    job: Future[Unit]
    background: bool
    requested: float  # perf_counter() when it was asked for


class Entry(Target):
    """The counter at one entry point, and the native variants compiled for it."""

    def __init__(self, space: Space, plan: EntryPlan) -> None:
        self.space = space
        self.plan = plan
        self.count = 0
        self.attempts = 0
        self.wasted = 0
        self.skip = 0
        self.deopts = 0
        self.variants: dict[Signature, Unit] = {}
        self.failed: dict[Signature, str] = {}
        self.record: FunctionRecord | None = None
        self.pending: Pending | None = None
        self.alive = True  # (as a compile target: a loop's code is never redefined, only dropped)

    @property
    def manager(self) -> JitManager:
        return self.space.manager

    def install(self) -> None:
        namespace = self.space.namespace
        namespace[self.plan.hot_name] = True
        namespace[self.plan.entry_name] = self.tick

    def stop(self) -> None:
        self.space.namespace[self.plan.hot_name] = False

    def tick(self, *args: Any) -> Any:
        """Called by the VM at every call or iteration while counting; returns nil to go on."""
        try:
            return self.count_call(args)
        except RecursionError:  # the program's, not the JIT's: the VM reports it
            raise
        except Exception as error:  # a bug in the JIT must not become the program's error
            self.manager.disable(error)
            return None

    def count_call(self, args: tuple[Any, ...]) -> Any:
        if runtime.vm_only_active():
            return None
        if self.pending is not None:
            return self.collect(args)
        if self.skip:
            self.skip -= 1
            if not self.skip:
                self.publish()
            return None
        self.count += 1
        if self.count < self.manager.threshold:
            return None
        self.count = 0
        if self.plan.kind == "function":
            if self.record is None or not self.record.alive:
                self.stop()
                return None
            return self.request(args, self.record)
        return self.request(args, self)

    def request(self, args: tuple[Any, ...], target: Target) -> Any:
        """The threshold is reached: have `target` compiled for the types of these arguments.

        In the background the VM carries on meanwhile; otherwise the result is installed now.
        """
        signature = signature_of(args)
        if signature is None or signature in self.failed or signature in target.variants:
            self.waste()
            return None
        self.attempts += 1
        self.pending = self.space.request(target, signature, self.trigger(), self.manager.background)
        return self.collect(args)

    def trigger(self) -> str:
        if self.plan.kind != "function":
            return f"after {self.manager.threshold} iterations"
        return "at the first call" if self.manager.mode == "eager" else f"after {self.manager.threshold} calls"

    def collect(self, args: tuple[Any, ...]) -> Any:
        """Install the pending compilation if it is done; this call or iteration then runs natively."""
        pending = self.pending
        assert pending is not None
        if not pending.job.done():
            return None
        self.pending = None
        unit = self.space.finish(pending)
        if unit is not None:
            pending.target.adopt(pending.signature, unit)
        elif pending.job.exception() is not None:
            self.failed[pending.signature] = "not compilable"
        if self.counted_enough(unit is not None, len(pending.target.variants)):
            self.stop()
        head = self.space.namespace.get(self.plan.entry_name)
        if unit is not None and head is not None and head is not self.tick:
            return head(*args)
        return None

    def counted_enough(self, compiled: bool, variants: int) -> bool:
        """Whether to stop counting (a loop's entry is also its way into native code)."""
        if self.plan.kind == "function":
            return self.attempts >= MAX_ATTEMPTS or variants >= MAX_VARIANTS
        return not compiled and self.attempts >= MAX_ATTEMPTS

    def waste(self) -> None:
        self.wasted += 1
        if self.wasted >= MAX_ATTEMPTS or self.attempts >= MAX_ATTEMPTS:
            self.stop()

    def spec(self, signature: Signature) -> Spec:
        plan = self.plan
        if plan.kind == "loop":
            assert plan.code is not None
            return loop_spec(plan.analysis, plan.code, signature, plan.owner)
        assert plan.site is not None
        return while_spec(plan.analysis, plan.site, signature, plan.owner)

    def publish(self) -> None:
        """Make the namespace entry the chain of native variants (ending in `tick`)."""
        if self.plan.count_only:
            return
        head: Callable[..., Any] = self.tick
        for unit in self.variants.values():
            # the VM tells "native result" from "carry on" by truthiness: #f or nil cannot pass
            truthy = unit.spec.kind == "while" or all(ty.is_number for ty in unit.result_types)
            if unit.alive and truthy:
                head = unit.dispatcher(self.plan.label, head, self.on_deopt, _none)
        self.space.namespace[self.plan.entry_name] = head

    def on_deopt(self, *args: Any) -> None:
        """Native code gave up in the middle: the VM carries on; stay away for a while."""
        self.deopts += 1
        unit = next((u for u in self.variants.values() if u.control.status), None)
        if unit is not None and self.deopts <= MAX_DEOPT_LOGS:
            self.manager.log.deopt(unit.label, unit.last_deopt())
        if runtime.interrupt_requested():
            runtime.clear_interrupt()
        self.skip = min(2 ** min(self.deopts, 20), 1 << 20)
        self.space.namespace[self.plan.entry_name] = self.tick
        return None

    def drop(self, unit: Unit) -> None:
        for signature, variant in list(self.variants.items()):
            if variant is unit:
                del self.variants[signature]
        self.count = self.attempts = self.wasted = 0
        self.failed.clear()
        self.space.namespace[self.plan.hot_name] = True
        if not self.skip:
            self.publish()


# ---------------------------------------------------------------- global functions


class FunctionRecord(Target):
    """A global function defined by `define`, as the JIT knows it (`infer.FunctionSource`)."""

    def __init__(
        self, space: Space, name: str, analysis: Analysis, vm_fn: Callable[..., Any], entry: Entry | None
    ) -> None:
        self.space = space
        self.name = name
        self.key = mangle(name)
        self.analysis = analysis
        self.vm_fn = vm_fn
        self.entry = entry
        self.alive = True
        self.head: Callable[..., Any] | None = None
        self.variants: dict[Signature, Unit] = {}
        if entry is not None:
            entry.record = self

    def owns(self, value: object) -> bool:
        return value is self.vm_fn or (self.head is not None and value is self.head)

    def spec(self, signature: Signature) -> Spec:
        return function_spec(self, signature)

    def compile(self, signature: Signature, trigger: str) -> bool:
        """Compile for `signature` now, on this thread (eager mode's speculation)."""
        unit = self.space.finish(self.space.request(self, signature, trigger, background=False))
        if unit is not None:
            self.adopt(signature, unit)
        return unit is not None

    def publish(self) -> None:
        """Install the dispatcher chain in the namespace (and in the function's own entry)."""
        namespace = self.space.namespace
        owned = self.owns(namespace.get(self.key))
        head: Callable[..., Any] = self.vm_fn
        for unit in self.variants.values():
            head = unit.dispatcher(self.name, head, self.redo_for(unit), self.vm_fn)
        self.head = head if self.variants else None
        if owned:
            namespace[self.key] = head
        if self.entry is not None:
            self.entry.variants = self.variants
            self.entry.publish()

    def redo_for(self, unit: Unit) -> Callable[..., Any]:
        vm_fn, log = self.vm_fn, self.space.manager.log

        def redo(*args: Any) -> Any:
            """Native code gave up: the whole call again in the VM, without native code."""
            unit.deopts += 1
            if unit.deopts <= MAX_DEOPT_LOGS:
                log.deopt(unit.label, unit.last_deopt())
            if runtime.interrupt_requested():
                runtime.clear_interrupt()
            runtime.vm_only_enter()
            try:
                return vm_fn(*args)
            finally:
                runtime.vm_only_leave()

        return redo

    def drop(self, unit: Unit) -> None:
        for signature, variant in list(self.variants.items()):
            if variant is unit:
                del self.variants[signature]
        if self.alive:
            self.publish()
            if self.entry is not None:
                self.entry.drop(unit)

    def kill(self) -> None:
        """The name now means something else: this function's native code must not run."""
        self.alive = False
        for unit in list(self.variants.values()):
            self.space.invalidate(unit, f"{self.name} was redefined")
        if self.entry is not None:
            self.entry.stop()


# ---------------------------------------------------------------- one namespace


class Space:
    """The JIT's state for one namespace (the session's, or a module's)."""

    def __init__(self, manager: JitManager, namespace: dict[str, Any]) -> None:
        self.manager = manager
        self.namespace = namespace
        self.functions: dict[str, FunctionRecord] = {}
        self.units: list[Unit] = []
        self.entries: dict[int, Entry] = {}
        set_global = namespace.get(n.SET_GLOBAL)
        namespace[GET] = operator.getitem
        namespace[SYNC] = self.sync
        if set_global is not None and not getattr(set_global, "__jit_sync__", False):
            namespace[n.SET_GLOBAL] = self.syncing_set_global(set_global)

    def syncing_set_global(self, original: Callable[..., None]) -> Callable[..., None]:
        def set_global(namespace: dict[str, Any], name: str, value: object) -> None:
            original(namespace, name, value)
            self.sync()

        set_global.__jit_sync__ = True  # type: ignore[attr-defined]
        return set_global

    def install(self, plan: EntryPlan) -> Entry:
        entry = Entry(self, plan)
        self.entries[plan.ident] = entry
        entry.install()
        return entry

    def request(self, target: Target, signature: Signature, trigger: str, background: bool) -> Pending:
        """Start compiling `target` for `signature`: on the compile thread, or now on this one."""
        spec = target.spec(signature)
        work = partial(compile_spec, spec, Resolver(self), self.manager.entry_kind)
        job = compile_thread.submit(work) if background else compile_thread.run_now(work)
        return Pending(target, signature, spec.label, trigger, job, background, time.perf_counter())

    def finish(self, pending: Pending) -> Unit | None:
        """On the VM's thread: the unit to install, or None (logged why)."""
        manager = self.manager
        try:
            unit: Unit = pending.job.result()
        except Unsupported as reason:
            manager.log.rejected(pending.label, str(reason))
            return None
        except Exception as error:  # a bug in the JIT must not become the program's error
            manager.log.add(Event("internal error", pending.label, f"{error!r}; it stays in the VM"))
            return None
        stale = self.stale(pending, unit)
        if stale is not None:
            unit.invalidate()
            manager.log.add(Event("discarded", unit.label, f"{stale} while it was compiled; it stays in the VM"))
            return None
        if pending.background:
            unit.installed_after = time.perf_counter() - pending.requested
        self.units.append(unit)
        manager.units.append(unit)
        trigger = f"{pending.trigger}, on the compile thread" if pending.background else pending.trigger
        manager.log.compiled(unit.label, unit.timings, trigger)
        return unit

    def stale(self, pending: Pending, unit: Unit) -> str | None:
        """Why `unit` must not be installed now, if so: what it was compiled against has changed."""
        for key, dep in unit.deps.items():
            if not dep.holds(self.namespace, key):
                return f"{key} changed"
        if not pending.target.alive:
            return "its function was redefined"
        return "the JIT was disabled" if self.manager.disabled else None

    def define(self, plan: FormPlan, code: CodeType | None) -> None:
        """After `(define (f ...) ...)` ran: remember f if the namespace holds the function it made."""
        assert plan.function_name is not None and plan.analysis is not None
        key = mangle(plan.function_name)
        value = self.namespace.get(key)
        if not isinstance(value, FunctionType) or code is None or value.__code__ not in nested_codes(code):
            return
        entry = self.entries.get(plan.function.ident) if plan.function is not None else None
        record = FunctionRecord(self, plan.function_name, plan.analysis, value, entry)
        self.functions[key] = record
        if plan.analysis.problem is not None:
            self.manager.log.rejected(plan.function_name, str(plan.analysis.problem))
            return
        if self.manager.mode == "eager":
            self.speculate(record)

    def speculate(self, record: FunctionRecord) -> None:
        """Eager mode: compile at definition, guessing all-int, then all-float arguments."""
        count = len(record.analysis.root.params)
        for ty in (Ty.INT, Ty.FLOAT):
            signature = (ty,) * count
            spec = function_spec(record, signature)
            try:
                from claudelang.jit.infer import infer_program

                infer_program(spec, Resolver(self))
            except Unsupported:
                continue
            record.compile(signature, "eager, at definition")
            return

    def demote(self, name: str) -> None:
        """`name` is about to get a contract: the namespace must hold the VM function."""
        record = self.functions.get(mangle(name))
        if record is not None and record.alive:
            if record.owns(self.namespace.get(record.key)):
                self.namespace[record.key] = record.vm_fn
            record.kill()

    def sync(self) -> None:
        """Invalidate whatever native code assumed a global that has changed since."""
        for key, record in list(self.functions.items()):
            if not record.owns(self.namespace.get(key)):
                del self.functions[key]
                if record.alive:
                    record.kill()
        for unit in list(self.units):
            for key, dep in unit.deps.items():
                if not dep.holds(self.namespace, key):
                    self.invalidate(unit, f"{key} changed")
                    break

    def invalidate(self, unit: Unit, cause: str) -> None:
        if not unit.alive:
            return
        unit.invalidate()
        if unit in self.units:
            self.units.remove(unit)
        self.manager.log.invalidated(unit.label, cause)
        if unit.owner is not None:
            unit.owner.drop(unit)


def nested_codes(code: CodeType) -> set[CodeType]:
    """Every code object inside `code` (a compiled form defines its functions in there)."""
    found: set[CodeType] = set()
    todo = [code]
    while todo:
        current = todo.pop()
        for const in current.co_consts:
            if isinstance(const, CodeType) and const not in found:
                found.add(const)
                todo.append(const)
    return found


# ---------------------------------------------------------------- the manager


@dataclass(eq=False)
class JitManager:
    """The JIT of one session: hooks called by `Session`, and what was compiled."""

    mode: str  # "auto" or "eager"
    log: JitLog = field(default_factory=JitLog)
    entry_kind: str = ""
    threshold: int = 0
    units: list[Unit] = field(default_factory=list)
    background: bool | None = None  # compile on the compile thread (default: auto mode, unless turned off)

    def __post_init__(self) -> None:
        if self.mode not in ("auto", "eager"):
            raise ValueError(f"unknown JIT mode {self.mode!r}")
        if not self.threshold:
            self.threshold = 1 if self.mode == "eager" else THRESHOLD
        if self.background is None:
            self.background = self.mode == "auto" and BACKGROUND
        requested = self.entry_kind or os.environ.get("CLAUDELANG_JIT_ENTRY", "fastcall")
        self.entry_kind = "fastcall" if requested == "fastcall" and runtime.fastcall_supported() else "ctypes"
        from claudelang.vm import session, stack  # (the VM imports this module: import them late)

        self.builtins, self.builtin_names = session.builtin_globals()
        self.plans: dict[int, FormPlan] = {}
        self.spaces: dict[int, Space] = {}
        self.disabled = False
        if runtime.request_interrupt not in stack.INTERRUPT_LISTENERS:
            stack.INTERRUPT_LISTENERS.append(runtime.request_interrupt)

    # ------------------------------------------------------------ session hooks

    def instrument(self, form: a.Expr, user_globals: set[str]) -> a.Expr:
        """The form to compile instead of `form` (the same, plus counters)."""
        if self.disabled or not may_plan(form):
            return form
        try:
            plan = plan_form(form, set(user_globals), self.builtin_names)
        except RecursionError:
            return form
        except Exception as error:
            self.disable(error)
            return form
        if plan.node is form and not plan.contracts and plan.function_name is None:
            return form
        self.plans[id(plan.node)] = plan
        return plan.node

    def before_form(self, compiled: Any, namespace: dict[str, Any]) -> None:
        plan = self.plans.get(id(compiled.node))
        if plan is None:
            return
        if self.disabled:
            for entry_plan in plan.entries:  # the form still reads its counters' names
                namespace[entry_plan.hot_name], namespace[entry_plan.entry_name] = False, _none
            return
        try:
            space = self.space(namespace)
            for name in plan.contracts:
                space.demote(name)
            for entry_plan in plan.entries:
                space.install(entry_plan)
        except Exception as error:
            self.disable(error)
            self.before_form(compiled, namespace)

    def after_form(self, compiled: Any, namespace: dict[str, Any]) -> None:
        try:
            self.form_ran(compiled, namespace)
        except Exception as error:
            self.disable(error)

    def disable(self, error: Exception) -> None:
        """A bug in the JIT: from now on everything runs in the VM (and the log says why)."""
        if self.disabled:
            return
        self.disabled = True
        self.log.add(Event("disabled", "the JIT", f"internal error {error!r}; everything runs in the VM"))
        for space in self.spaces.values():
            for unit in space.units:
                unit.invalidate()
            for key, record in space.functions.items():
                if record.owns(space.namespace.get(key)):
                    space.namespace[key] = record.vm_fn
                record.alive = False
            for entry in space.entries.values():
                entry.stop()
                space.namespace[entry.plan.entry_name] = _none

    def form_ran(self, compiled: Any, namespace: dict[str, Any]) -> None:
        runtime.clear_interrupt()  # an interrupt stopped this form (if it came): it is handled
        if self.disabled:
            return
        space = self.spaces.get(id(namespace))
        plan = self.plans.pop(id(compiled.node), None)
        if space is None:
            if plan is None or plan.function_name is None:
                return
            space = self.space(namespace)
        space.sync()
        if plan is not None and plan.function_name is not None:
            space.define(plan, getattr(compiled, "code", None))

    def space(self, namespace: dict[str, Any]) -> Space:
        space = self.spaces.get(id(namespace))
        if space is None or space.namespace is not namespace:
            space = self.spaces[id(namespace)] = Space(self, namespace)
        return space

    # ------------------------------------------------------------ inspection

    def compiled_labels(self) -> list[str]:
        """What has native code now (`f(int)`, `f/loop(float, int)`), in compile order."""
        return [unit.label for unit in self.units if unit.alive]

    def function_state(self, namespace: dict[str, Any], name: str) -> str:
        """`native` when `name` is bound to its dispatcher, `vm` when to its VM function, else `unknown`."""
        space = self.spaces.get(id(namespace))
        record = space.functions.get(mangle(name)) if space is not None else None
        if record is None:
            return "unknown"
        value = namespace.get(record.key)
        return "native" if record.head is not None and value is record.head else "vm"


def mode_from(requested: str | None) -> str:
    """The JIT mode to use: `CLAUDELANG_JIT` (e.g. `off`) overrides what the host asked for."""
    override = os.environ.get("CLAUDELANG_JIT", "").strip().lower()
    mode = override or (requested or "off")
    if mode not in ("auto", "eager", "off"):
        raise ValueError(f"unknown JIT mode {mode!r} (expected auto, eager or off)")
    return mode


__all__ = ["JitManager", "mode_from"]
