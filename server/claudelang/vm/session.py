"""`Session`: a persistent ClaudeLang environment that compiles and runs source text.

Globals persist across `eval` calls (the REPL, the kernel and notebooks-style cells rely
on it). Each evaluation runs on a worker thread with a large stack and a high recursion
limit (`vm.stack`), so non-tail recursion 100,000 deep works. Every failure reaches the
caller as a `ClError` with a ClaudeLang location and traceback; a syntax error anywhere in
the source is reported before any of it runs.

Source given with a `line_offset` (a cell of a file) is parsed where it stands in its file,
so every position it reports, including those inside messages, is a file position; its
lines replace those lines of the session's copy of the file, so that errors in code an
earlier run defined from other lines of the file still show their source line. A file is
read as its bytes say (no newline translation), as the editor sends it, and imports
resolve from the file being run and its workspace root (`loader.workspace_root`).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.compiler import CompiledForm, CompileEnv, CompileError, Compiler, compile_form
from claudelang.compiler.codegen import TOPLEVEL_NAME
from claudelang.compiler.names import mangle
from claudelang.jit import JitManager, mode_from
from claudelang.runtime.errors import ClError, Location
from claudelang.runtime.groups import group_exports
from claudelang.runtime.registry import BUILTINS, global_bindings
from claudelang.runtime.settings import Settings, use_settings
from claudelang.syntax import parse
from claudelang.syntax.document import plain_forms
from claudelang.vm import loader
from claudelang.vm.direct import DirectForm, leading_values
from claudelang.vm.stack import interrupt_thread, run_on_big_stack  # noqa: F401 (kernel uses it)
from claudelang.vm.support import HELPERS, to_error
from claudelang.vm.tracebacks import LINE_BREAK, attach_traceback, format_error


class ClSyntaxError(ClError):
    """Syntax diagnostics that stopped a source from running."""

    def __init__(self, filename: str, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        span = first.span
        location = Location(filename, span.start.line + 1, span.start.col + 1, span.end.line + 1, span.end.col + 1)
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__("syntax", f"{first.message}{more}", location=location)
        self.diagnostics = diagnostics


class Session:
    """A ClaudeLang session: `eval(text)`, `run_file(path)`, persistent `globals`."""

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        capture_output: bool = False,
        allow_network: bool = False,
        contracts: bool = True,
        workspace_roots: Iterable[str | Path] = (),
        jit: str = "auto",
    ) -> None:
        self._captured = io.StringIO() if capture_output else None
        self.settings = Settings(
            stdout=self._captured or stdout, allow_network=allow_network, contracts_enabled=contracts
        )
        self.env = CompileEnv()
        self.sources: dict[str, str] = {}
        self.roots = [Path(root) for root in workspace_roots]
        self.jit = mode_from(jit)  # CLAUDELANG_JIT=off overrides
        self._jit_manager: JitManager | None = None
        self.builtins = builtin_globals()[0]  # what `new_namespace` starts from
        self.namespace = self.new_namespace("<session>")
        self._modules: dict[Path, dict[str, object]] = {}
        self.current_worker: threading.Thread | None = None
        self._loading: list[Path] = []
        self.direct = True  # run the forms `vm.direct` accepts from their AST (tests compare with False)

    # ------------------------------------------------------------ public API

    @property
    def jit_manager(self) -> JitManager | None:
        """This session's JIT (None when it is off), made when first asked for: a session
        whose forms all run from the AST (`vm.direct`, what `evaluate` mostly sees) never
        needs one."""
        if self._jit_manager is None and self.jit != "off":
            self._jit_manager = JitManager(self.jit)
        return self._jit_manager

    def eval(self, text: str, filename: str = "<input>", line_offset: int = 0) -> Any:
        """Run every form of `text`; return the value of the last one."""
        values = self.eval_forms(text, filename, line_offset)
        return values[-1][1] if values else None

    def eval_forms(
        self,
        text: str,
        filename: str = "<input>",
        line_offset: int = 0,
        on_value: Callable[[CompiledForm, Any], None] | None = None,
    ) -> list[tuple[CompiledForm, Any]]:
        """Run every form of `text`; return (form, value) pairs in order."""
        compiled = self.compile_source(text, filename, line_offset, direct=self.direct)
        if not filename.startswith("<"):  # imports resolve from this file (LANGUAGE.md §7)
            self.namespace[";file"] = filename
        if self._jit_manager is None and (not compiled or type(compiled[-1]) is DirectForm):
            return self._run_all(compiled, self.namespace, on_value)  # all evaluated: no thread, no frame
        run = self.on_big_stack if any(form.calls_out for form in compiled) else self.in_place
        return run(lambda: self._run_all(compiled, self.namespace, on_value))

    def run_file(self, path: str | Path) -> Any:
        """Run a `.cl` file in this session; imports resolve from its folder."""
        file = Path(path)
        try:
            text = read_source(file)
        except OSError as exc:
            raise ClError("io", f"cannot read {file}: {exc.strerror or exc}") from None
        return self.eval(text, str(file))

    @property
    def globals(self) -> dict[str, Any]:
        """The names this session's code defined, with their values."""
        return {
            name: self.namespace[mangle(name)]
            for name in sorted(self.env.user_globals)
            if mangle(name) in self.namespace
        }

    def output(self) -> str:
        """Text printed so far (when created with `capture_output=True`)."""
        return self._captured.getvalue() if self._captured is not None else ""

    def take_output(self) -> str:
        text = self.output()
        if self._captured is not None:
            self._captured.seek(0)
            self._captured.truncate()
        return text

    def format_error(self, error: ClError) -> str:
        return format_error(error, self.sources)

    # ------------------------------------------------------------ compiling and running

    def compile_source(
        self, text: str, filename: str, line_offset: int = 0, direct: bool = False
    ) -> list[CompiledForm]:
        """Every form of `text` compiled; with `direct`, the forms `vm.direct` evaluates
        (before any form is compiled: they have no effect) are its `DirectForm`s instead."""
        line_offset = max(line_offset, 0)
        source = "\n" * line_offset + text if line_offset else text
        self.sources[filename] = splice_lines(self.sources.get(filename, ""), text, line_offset)
        forms = plain_forms(source)
        if forms is None:
            module = parse(source)
            errors = [d for d in module.diagnostics if d.severity == Severity.ERROR]
            if errors:
                raise ClSyntaxError(filename, errors)
            forms = module.forms
        compiled: list[CompiledForm] = []
        if direct:  # only up to the first compiled form: the namespace a later form runs in is not yet known
            values = leading_values(forms, self.namespace, self.env.user_globals, self.builtins)
            compiled.extend(map(DirectForm, forms, values))
            if len(compiled) == len(forms):
                return compiled
        compiler = None
        for form in forms[len(compiled) :]:
            try:
                compiler = compiler or Compiler(self.env, filename)
                if self.jit_manager is not None:  # adds call and loop counters where native code may help
                    form = self.jit_manager.instrument(form, self.env.user_globals)
                compiled.append(compile_form(compiler, form))
            except CompileError as exc:
                span = exc.node.span
                location = Location(filename, span.start.line + 1, span.start.col + 1)
                raise ClError("syntax", str(exc), location=location) from None
            except Exception as exc:  # a compiler bug, reported as one rather than as a Python traceback
                span = form.span
                location = Location(filename, span.start.line + 1, span.start.col + 1)
                message = f"cannot compile this form (a bug in ClaudeLang): {type(exc).__name__}: {exc}"
                raise ClError("internal", message, location=location) from None
        return compiled

    def _run_all(
        self,
        compiled: list[CompiledForm],
        namespace: dict[str, Any],
        on_value: Callable[[CompiledForm, Any], None] | None = None,
    ) -> list[tuple[CompiledForm, Any]]:
        results = []
        for form in compiled:
            value = self.run_compiled(form, namespace)
            results.append((form, value))
            if on_value is not None:
                on_value(form, value)
        return results

    def run_compiled(self, form: CompiledForm, namespace: dict[str, Any]) -> Any:
        if type(form) is DirectForm:
            return self.run_direct(form, namespace)
        jit = self.jit_manager
        namespace.update(form.constants)
        if jit is not None:
            jit.before_form(form, namespace)
        try:
            exec(form.code, namespace)
            return namespace[TOPLEVEL_NAME]()
        except ClError as exc:
            raise attach_traceback(exc, exc.__traceback__, self.sources) from None
        except Exception as exc:
            raise attach_traceback(to_error(exc), exc.__traceback__, self.sources) from None
        finally:
            if jit is not None:  # registers functions this form defined; drops stale native code
                jit.after_form(form, namespace)

    def run_direct(self, form: DirectForm, namespace: dict[str, Any]) -> Any:
        """`run_compiled` for a form `vm.direct` evaluated: its value (it has no constants,
        and the JIT no plan for it)."""
        if self._jit_manager is not None:  # drops native code a changed global invalidated
            self._jit_manager.after_form(form, namespace)
        return form.value

    def on_big_stack(self, work: Callable[[], Any]) -> Any:
        """Run `work` on a large-stack worker thread with this session's settings."""

        def with_settings() -> Any:
            with use_settings(self.settings):
                return work()

        return run_on_big_stack(with_settings, self._set_worker)

    def in_place(self, work: Callable[[], Any]) -> Any:
        """Run `work` on this thread (it calls nothing that could recurse deeply)."""
        with use_settings(self.settings):
            return work()

    def _set_worker(self, thread: threading.Thread | None) -> None:
        self.current_worker = thread

    # ------------------------------------------------------------ namespaces and modules

    def new_namespace(self, filename: str) -> dict[str, Any]:
        namespace: dict[str, Any] = {**self.builtins, **HELPERS}
        namespace["__builtins__"] = {}
        namespace[";ns"] = namespace
        namespace[";session"] = self
        namespace[";file"] = filename
        return namespace

    def load_module(self, path: str, from_file: str | None) -> dict[str, object]:
        """The exports of module `path`, loading it once per session; a path no file
        provides may name a group of builtins (`runtime.groups`, LANGUAGE.md §10)."""
        try:
            file = loader.resolve(path, from_file, [*self.roots, *loader.workspace_roots(self.namespace.get(";file"))])
        except ClError:
            group = group_exports(path)
            if group is None:
                raise
            return group
        if file in self._modules:
            return self._modules[file]
        if file in self._loading:
            raise loader.cycle_error(self._loading, file)
        self._loading.append(file)
        try:
            text = read_source(file)
            namespace = self.new_namespace(str(file))
            saved_env = self.env
            self.env = CompileEnv()
            try:
                compiled = self.compile_source(text, str(file))
            finally:
                self.env = saved_env
            self._run_all(compiled, namespace)
            exports = namespace.get(";exports")
            if exports is None:
                raise ClError("import", f'"{path}" ({file.name}) has no (module name (export ...) ...) form')
            self._modules[file] = exports
            return exports
        finally:
            self._loading.pop()


_BUILTIN_GLOBALS: dict[int, tuple[dict[str, Any], frozenset[str]]] = {}


def builtin_globals() -> tuple[dict[str, Any], frozenset[str]]:
    """Every builtin by its Python (mangled) name, and the set of builtin names; read-only.

    Built once per size of the registry (builtins are registered when their modules are
    imported and never removed) and shared by every namespace and JIT, instead of being
    rebuilt by every `Session` (a third of what `evaluate("(+ 1 2)")` cost)."""
    count = len(BUILTINS)
    tables = _BUILTIN_GLOBALS.get(count)
    if tables is None:
        bindings = global_bindings()
        tables = _BUILTIN_GLOBALS[count] = ({mangle(k): v for k, v in bindings.items()}, frozenset(bindings))
    return tables


def read_source(file: Path) -> str:
    """A source file's text with its line breaks as written (a raw CR in a string stays)."""
    with file.open(encoding="utf-8", errors="replace", newline="") as stream:
        return stream.read()


def splice_lines(old: str, text: str, line_offset: int) -> str:
    """`old` with its lines from `line_offset` on replaced by the lines of `text`."""
    if not line_offset and "\r" not in text and "\r" not in old and old.count("\n") <= text.count("\n"):
        return text  # every line of `old` replaced (the REPL's usual case)
    lines = LINE_BREAK.split(old) if old else []
    new = LINE_BREAK.split(text)
    lines += [""] * (line_offset - len(lines))
    lines[line_offset : line_offset + len(new)] = new
    return "\n".join(lines)


def evaluate(text: str, **options: Any) -> Any:
    """Evaluate `text` in a fresh session and return the value of its last form.

    Without options, a text whose forms `vm.direct` all evaluates is evaluated against the
    shared builtins table, which is what a fresh session's namespace holds for every name
    such a form can read: no session is made."""
    forms = plain_forms(text) if not options else None
    if forms is not None:
        builtins = builtin_globals()[0]
        values = leading_values(forms, builtins, (), builtins)
        if len(values) == len(forms):
            return values[-1] if values else None
    return Session(**options).eval(text)
