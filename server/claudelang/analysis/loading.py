"""Whether importing a module would load, judged without running it (LANGUAGE.md §7).

`claudelang run` loads an imported module by compiling its file and executing its top-level
forms in order, each of its own imports loading in turn (`Session.load_module`). This module
replays that walk over syntax and analysis, so that `check` and the editor report at an
import what `run` would raise there. The rule for what makes loading fail, in the order
`run` meets it:

1. a syntax error anywhere in the module file (it is compiled before any of it runs);
2. then, in source order, the first of:
   - an error of the module's own analysis that `run` raises while executing a top-level
     form: an unbound name, a wrong arity, a module no file provides, a name a module does
     not export (`LOAD_TIME`) — but not inside a function body or a contract clause, which
     run only when called, nor inside the body of a `try` with a `catch`, which catches it;
   - an import of a module that fails to load, or that is still loading (an import cycle,
     named in order as `run` names it: `a.cl -> b.cl -> a.cl`);
   - an import of a file without a `(module ...)` form;
3. nothing else: the module loads.

Like every analysis diagnostic, a top-level error counts when running could raise it: one
in a branch that is never taken still counts, and a function called at the top level is not
followed into. The checked file itself is at the bottom of the loading stack, as it is for
any file that imports it, so an import cycle through it is named from it.

Outcomes are memoised by file while they do not depend on which files were loading around
them (an outcome that met a file lower on the stack is recomputed for each stack); each
file's own facts are memoised while the file and the files its imports name stay the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claudelang.analysis.builtin_modules import builtin_module
from claudelang.analysis.document import DocumentAnalysis, ModuleInfo, ModuleResolver, analyze_facts
from claudelang.ast import nodes as a
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.walk import children

if TYPE_CHECKING:
    from claudelang.analysis.workspace import IndexedFile

# `locate(import_path, from_file)` → the indexed file an import names, or None.
Locate = Callable[[str, Path | None], "IndexedFile | None"]

LOAD_TIME = frozenset({"unbound-name", "arity", "missing-module", "not-exported", "unsupported"})
DEFERRED = (a.Lambda, a.Contract)  # code that runs only when called
MAX_NESTING = 200  # imports nested deeper than this are assumed to load (never cached)


Place = tuple[Path, int, int]  # a file and a 1-based line and column, like the CLI's positions


@dataclass(frozen=True)
class Failure:
    """Why loading a module fails: the first error `run` meets, and where it meets it
    (None: at the checked file's own import, where `check_imports` reports it)."""

    message: str
    at: Place | None
    cycle: tuple[Path, ...] = ()  # the files of an import cycle, first = last

    def located(self, folder: Path | None) -> str:
        if self.at is None:
            return self.message
        file, line, col = self.at
        shown = Path(os.path.relpath(file, folder)).as_posix() if folder is not None else str(file)
        return f"{shown}:{line}:{col}: {self.message}"


@dataclass(frozen=True)
class Step:
    """One thing loading a file does that can fail: an error of its own, or an import."""

    offset: int  # absolute byte offset, for source order
    at: Place
    error: str = ""  # the file's own error
    target: IndexedFile | None = None  # or the file an import loads, and the path it wrote
    import_path: str = ""


@dataclass(eq=False)
class FileSteps:
    entry: IndexedFile
    targets: tuple[IndexedFile | None, ...]  # what each import named when the steps were made
    steps: list[Step]


class ModuleLoads:
    """The load outcome of each module file, over the files `locate` finds."""

    def __init__(self, locate: Locate) -> None:
        self.locate = locate
        self._outcomes: dict[Path, Failure | None] = {}
        self._steps: dict[Path, FileSteps] = {}

    def forget_outcomes(self) -> None:
        """A file was added, changed or removed: every outcome may have changed."""
        self._outcomes.clear()

    def resolver(self, from_file: Path | None) -> ModuleResolver:
        """Resolve the imports of `from_file`: exports, and why loading fails if it does."""
        here = from_file.resolve() if from_file is not None else None
        folder = here.parent if here is not None else None

        def resolve(import_path: str) -> ModuleInfo | None:
            entry = self.locate(import_path, here)
            if entry is None:
                return None
            stack = [here] if here is not None else []
            failure, _low = self._import(entry, import_path, stack, None)
            if failure is None:
                return ModuleInfo(str(entry.path), entry.exports)
            if failure.cycle and failure.cycle[0] == here:
                names = tuple(p.name for p in failure.cycle)
                return ModuleInfo(str(entry.path), entry.exports, cycle=names)
            message = failure.located(folder)
            if failure.at is not None:
                message = f'cannot load module "{import_path}": {message}'
            return ModuleInfo(str(entry.path), entry.exports, load_error=message)

        return resolve

    # ------------------------------------------------------------ the walk `run` makes

    def _import(
        self, target: IndexedFile, import_path: str, stack: list[Path], at: Place | None
    ) -> tuple[Failure | None, int]:
        """Importing `target` at `at` while `stack` is loading: the failure, if any, and
        the lowest stack index the walk ran into (`len(stack)` when none)."""
        if target.path in stack:
            start = stack.index(target.path)
            cycle = (*stack[start:], target.path)
            return Failure("import cycle: " + " -> ".join(p.name for p in cycle), at, cycle), start
        failure, low = self._load(target, stack)
        if failure is None and target.module_name is None:
            message = f'"{import_path}" ({target.path.name}) has no (module name (export ...) ...) form'
            failure = Failure(message, at)
        return failure, low

    def _load(self, entry: IndexedFile, stack: list[Path]) -> tuple[Failure | None, int]:
        """Loading `entry`; its outcome is memoised when it met no file lower on the stack
        (a low of -1: it depends on the depth it was met at)."""
        if entry.path in self._outcomes:
            return self._outcomes[entry.path], len(stack)
        own = len(stack)
        if own > MAX_NESTING:
            return None, -1  # assumed to load, for this stack only
        stack.append(entry.path)
        try:
            failure, low = self._run(entry, stack)
        finally:
            stack.pop()
        if low >= own:
            self._outcomes[entry.path] = failure
        return failure, low

    def _run(self, entry: IndexedFile, stack: list[Path]) -> tuple[Failure | None, int]:
        low = len(stack)
        syntax = entry.summary.syntax_error
        if syntax is not None:
            message, line, col = syntax
            return Failure(message, (entry.path, line, col)), low
        for step in self.steps(entry):
            if step.target is None:
                return Failure(step.error, step.at), low
            failure, step_low = self._import(step.target, step.import_path, stack, step.at)
            low = min(low, step_low)
            if failure is not None:
                return failure, low
        return None, low

    # ------------------------------------------------------------ one file's own facts

    def steps(self, entry: IndexedFile) -> list[Step]:
        """What loading `entry` does that can fail, in source order."""
        return self.steps_and_targets(entry)[0]

    def steps_and_targets(self, entry: IndexedFile) -> tuple[list[Step], tuple[IndexedFile | None, ...]]:
        """`steps`, and the file each import of `entry` names (None: none), in order."""
        targets = tuple(self.locate(import_path, entry.path) for import_path in entry.imports)
        known = self._steps.get(entry.path)
        if known is None or known.entry is not entry or known.targets != targets:
            steps = stored_steps(entry, targets)
            if steps is None:
                steps = derived_steps(entry, self.locate)
            known = self._steps[entry.path] = FileSteps(entry, targets, steps)
        return known.steps, targets

    def forget_steps(self) -> None:
        """Drop every file's memoised steps (they hold the files they import)."""
        self._steps.clear()


def stored_steps(entry: IndexedFile, targets: tuple[IndexedFile | None, ...]) -> list[Step] | None:
    """The steps in `entry`'s summary, if each import still finds the file it found then."""
    summary = entry.summary
    found = tuple((str(t.path), t.digest) if t is not None else ("", "") for t in targets)
    if summary.steps is None or summary.step_targets != found:
        return None
    by_path = {str(t.path): t for t in targets if t is not None}
    return [
        Step(offset, (entry.path, line, col), error, by_path.get(target), import_path)
        for offset, line, col, error, import_path, target in summary.steps
    ]


def load_resolver(path: Path, locate: Locate) -> ModuleResolver:
    """What loading the file at `path` finds at each import: the exports of the file the
    import names (or a builtin group, as `run` finds it), never whether that file loads."""

    def exports_only(import_path: str) -> ModuleInfo | None:
        target = locate(import_path, path)
        if target is None:  # no file: perhaps a builtin group (LANGUAGE.md §10)
            return builtin_module(import_path)
        return ModuleInfo(str(target.path), target.exports)

    return exports_only


def derived_steps(entry: IndexedFile, locate: Locate) -> list[Step]:
    """The steps of `entry` from its analysis, imports resolved by `locate`."""
    analysis = entry.analysis
    # The file's own facts and the checks no import changes are reused (`Analyzer`'s rule).
    loaded = analyze_facts(analysis.module, analysis.forms, load_resolver(entry.path, locate), analysis)
    return steps_of(entry.path, loaded, locate)


def steps_of(path: Path, analysis: DocumentAnalysis, locate: Locate) -> list[Step]:
    """The steps loading the file at `path` takes, from its analysis under `load_resolver`."""
    imports = [node for facts in analysis.forms for node in facts.imports]
    forms = analysis.module.forms
    errors = [d for d in analysis.diagnostics if d.severity == Severity.ERROR and d.code in LOAD_TIME]
    steps = [
        Step(d.span.start_byte, place(path, d), d.message) for d in errors if not deferred(forms, d.span.start_byte)
    ]
    for node in imports:
        target = locate(node.path.value, path)
        if target is not None and not deferred(forms, node.path.span.start_byte):
            steps.append(Step(node.path.span.start_byte, place(path, node.path), "", target, node.path.value))
    steps.sort(key=lambda step: step.offset)
    return steps


def first_error(diagnostics: list[Diagnostic]) -> Diagnostic | None:
    errors = [d for d in diagnostics if d.severity == Severity.ERROR]
    return min(errors, key=lambda d: d.span.start_byte) if errors else None


def place(file: Path, node: Diagnostic | a.Node) -> Place:
    start = node.span.start
    return file, start.line + 1, start.col + 1


def deferred(forms: list[a.Node], offset: int) -> bool:
    """Whether an error at `offset` cannot fail loading: it is in a function body or a
    contract (loading does not run them) or in the body of a `try` with a `catch` (which
    catches it). Only the nodes around `offset` are visited: O(depth × width) per call,
    not a walk of the file."""
    pending = [form for form in forms if covers(form, offset)]
    while pending:
        node = pending.pop()
        if isinstance(node, DEFERRED):
            return True
        if isinstance(node, a.Try) and node.catch_body is not None:
            if any(covers(expr, offset) for expr in node.body):
                return True
            pending.extend(expr for expr in node.catch_body + (node.finally_body or []) if covers(expr, offset))
        else:
            pending.extend(child for child in children(node) if covers(child, offset))
    return False


def covers(node: a.Node, offset: int) -> bool:
    """Whether `node`'s bytes include `offset` (from byte offsets: no line or column)."""
    base = node.anchor.base_byte
    return base + node.start <= offset < base + node.end
