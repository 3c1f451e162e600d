"""The two sides of the differential test, and how their answers are compared.

LANGUAGE.md §7: `claudelang check` reports an error at a position exactly when running the
program could raise that error there (an unbound name, a wrong arity to a known function, a
bad import). This module answers both halves for a program written to a folder:

- `check_errors`: the diagnostics `claudelang check` prints for every file of the program
  (in process, through `cli.check.file_diagnostics`), keeping the codes `unbound-name`,
  `arity`, `missing-module` and `not-exported` (the last two are the "import" family);
- `run_program`: the program run exactly as `claudelang run MAIN` runs it (a `Session`
  and `run_file`, JIT off so that every instruction is Python byte code), under a tracer
  that records every instruction executed in the program's files (their ClaudeLang
  line:col, from CPython's position table) and every error *raised* there, caught by a
  `try` or not: its kind, and the position of the first ClaudeLang frame that saw it
  (the same position `vm.tracebacks` gives an uncaught error).

Running stops at the first uncaught error, as `claudelang run` does: nothing after it is
observed, so no observation comes from a state `run` never reaches.

`disagreements` then states the property (see `test_check_vs_run`).
"""

from __future__ import annotations

import dis
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType, FrameType, TracebackType
from typing import Any

from claudelang import ClError, Session
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.cli.check import file_diagnostics
from claudelang.vm.pyerrors import to_error

# check's diagnostic codes, by the runtime error kind each stands for
CHECK_KINDS = {
    "unbound-name": "unbound-name",
    "arity": "arity",
    "missing-module": "import",
    "not-exported": "import",
    "import-cycle": "import",
    "module-load": "import",
}
RUN_KINDS = frozenset(CHECK_KINDS.values())

Position = tuple[str, int, int]  # file name (not path), 1-based line and column


@dataclass(frozen=True)
class Reported:
    """One error check reports: kind, where it starts, and where the flagged node ends."""

    kind: str
    at: Position
    end: tuple[int, int]
    message: str


@dataclass(frozen=True)
class Raised:
    """One error raised while running (of any kind), caught or not."""

    kind: str
    at: Position
    message: str
    caught: bool


@dataclass
class RunResult:
    raised: list[Raised] = field(default_factory=list)
    executed: dict[Position, set[str]] = field(default_factory=dict)  # position → opcodes run there
    output: str = ""
    uncaught: ClError | None = None
    crash: str | None = None  # a Python exception that escaped `run_file`
    exhausted: bool = False  # stopped by the tracer's budget (`Budget`)


class Budget(BaseException):
    """Raised by the tracer when a run goes too deep or too long (not an `Exception`, so no
    ClaudeLang `try` catches it). Generated programs never reach it; shrunk ones may."""


MAX_DEPTH = 400  # nested ClaudeLang calls
MAX_STEPS = 3_000_000  # instructions


@dataclass(frozen=True)
class Disagreement:
    """`direction` is "run-only" (run raised it, check did not report it there) or
    "check-only" (check reported it, run executed that position without raising it)."""

    direction: str
    kind: str
    at: Position
    message: str

    def __str__(self) -> str:
        file, line, col = self.at
        return f"{self.direction} {self.kind} at {file}:{line}:{col}: {self.message}"


def restates(diagnostic: Diagnostic) -> bool:
    """A module that fails to load because of an error inside it: check reports it at the
    import too, while run raises it (once) where it is, in the module, which check also
    reports; compared there."""
    return diagnostic.code == "module-load" and diagnostic.message.startswith("cannot load module")


def write_program(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def check_errors(folder: Path, files: dict[str, str]) -> list[Reported]:
    """What `claudelang check` reports for each file, of the kinds compared here."""
    out = []
    for name, text in files.items():
        for diagnostic in file_diagnostics(text, folder / name):
            kind = CHECK_KINDS.get(diagnostic.code)
            if kind is None or diagnostic.severity != Severity.ERROR or restates(diagnostic):
                continue
            span = diagnostic.span
            at = (name, span.start.line + 1, span.start.col + 1)
            out.append(Reported(kind, at, (span.end.line + 1, span.end.col + 1), diagnostic.message))
    return out


class Tracer:
    """`sys.settrace` hook recording executed positions and raised errors in `files`."""

    def __init__(self, folder: Path, result: RunResult) -> None:
        self.names = {str(p.resolve()): p.name for p in folder.iterdir() if p.suffix == ".cl"}
        self.names.update({str(p): p.name for p in folder.iterdir() if p.suffix == ".cl"})
        self.result = result
        self.seen: list[BaseException] = []  # kept alive so that identities stay unique
        self.positions: dict[CodeType, list[tuple[Any, ...]]] = {}
        self.depth = 0
        self.steps = 0

    def position(self, frame: FrameType) -> Position | None:
        code = frame.f_code
        table = self.positions.get(code)
        if table is None:
            table = self.positions[code] = list(code.co_positions())
        index = frame.f_lasti // 2
        if index >= len(table) or table[index][0] is None:
            return None
        line, _end_line, col, _end_col = table[index]
        return (self.names[code.co_filename], line, (col or 0) + 1)

    def on_call(self, frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        if frame.f_code.co_filename not in self.names:
            return None
        frame.f_trace_opcodes = True
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Budget
        return self.local

    def local(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        if event == "opcode":
            at = self.position(frame)
            if at is not None:
                opname = dis.opname[frame.f_code.co_code[frame.f_lasti]]
                self.result.executed.setdefault(at, set()).add(opname)
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise Budget
        elif event == "return":
            self.depth -= 1
        elif event == "exception":
            self.exception(frame, arg[1], arg[2])
        return self.local

    def exception(self, frame: FrameType, exc: BaseException, tb: TracebackType | None) -> None:
        if any(exc is seen for seen in self.seen):
            return  # still unwinding
        from_callee = tb is not None and tb.tb_next is not None  # raised by runtime code this frame called
        if (from_callee or exc.__suppress_context__) and self.converts(exc):
            return  # the runtime's conversion of an error already recorded
        self.seen.append(exc)
        error = to_error(exc)
        at = self.position(frame)
        if at is not None:
            self.result.raised.append(Raised(error.kind, at, error.message, caught=True))

    def converts(self, exc: BaseException) -> bool:
        """True when `exc` restates an error already recorded (its context, converted):
        not a new error raised while a `catch` handles an earlier one."""
        context = exc.__context__
        return self.known(context) and context is not None and to_error(context).message == to_error(exc).message

    def known(self, exc: BaseException | None) -> bool:
        """True for an exception already seen, or raised while handling one."""
        while exc is not None:
            if any(exc is seen for seen in self.seen):
                return True
            exc = exc.__context__
        return False


def run_program(folder: Path, main: str) -> RunResult:
    """Run `folder/main` as `claudelang run` does, tracing it."""
    result = RunResult()
    session = Session(capture_output=True, jit="off")
    tracer = Tracer(folder, result)

    def traced() -> None:
        sys.settrace(tracer.on_call)
        try:
            session.run_file(folder / main)
        finally:
            sys.settrace(None)

    try:
        session.on_big_stack(traced)
    except Budget:
        result.exhausted = True
    except ClError as error:
        result.uncaught = error
        mark_uncaught(result, error)
    except Exception as exc:  # a crash of the runtime: reported, never hidden
        result.crash = f"{type(exc).__name__}: {exc}"
    result.output = session.output()
    return result


def mark_uncaught(result: RunResult, error: ClError) -> None:
    """The last raised error of the uncaught one's kind and place was not caught."""
    location = error.location
    if location is None:
        return
    at = (Path(location.file or "").name, location.line, location.col)
    for index in range(len(result.raised) - 1, -1, -1):
        raised = result.raised[index]
        if raised.kind == error.kind and raised.at == at:
            result.raised[index] = Raised(raised.kind, raised.at, raised.message, caught=False)
            return
    result.raised.append(Raised(error.kind, at, error.message, caught=False))


def import_form_starts(files: dict[str, str]) -> dict[str, list[tuple[int, int, int]]]:
    """Per file, (first line, last line, column) of each top-level `(import` form."""
    from claudelang.syntax import parse

    out: dict[str, list[tuple[int, int, int]]] = {}
    for name, text in files.items():
        for form in parse(text).forms:
            span = form.span
            if text.encode()[span.start_byte : span.start_byte + 7] == b"(import":
                out.setdefault(name, []).append((span.start.line + 1, span.end.line + 1, span.start.col + 1))
    return out


def normalise(kind: str, at: Position, imports: dict[str, list[tuple[int, int, int]]]) -> Position:
    """Import errors are compared by the import form they lie in: run reports the form,
    check the path or the name inside it (a difference kept as its own regression test)."""
    if kind != "import":
        return at
    file, line, _col = at
    for first, last, col in imports.get(file, []):
        if first <= line <= last:
            return (file, first, col)
    return at


def disagreements(files: dict[str, str], reported: list[Reported], run: RunResult) -> list[Disagreement]:
    """Every way the two sides differ (empty when they agree).

    run-only: an error of kind unbound-name, arity or import that running raised (caught or
    not) at a position where check reported no error of that kind.
    check-only: an error check reported at position P, where running reached P (`reached`),
    raised no error of that kind at P, and raised no error at all inside the flagged node
    (which would have stopped it before the error could occur).
    """
    imports = import_form_starts(files)
    checked = {(r.kind, normalise(r.kind, r.at, imports)) for r in reported}
    raised_at = {(r.kind, normalise(r.kind, r.at, imports)) for r in run.raised}
    found = []
    for raised in run.raised:
        if raised.kind in RUN_KINDS and (raised.kind, normalise(raised.kind, raised.at, imports)) not in checked:
            found.append(Disagreement("run-only", raised.kind, raised.at, raised.message))
    all_raised = [r.at for r in run.raised]
    for report in reported:
        if (report.kind, normalise(report.kind, report.at, imports)) in raised_at:
            continue
        if reached(files, report, run.executed) and not any(inside(at, report) for at in all_raised):
            found.append(Disagreement("check-only", report.kind, report.at, report.message))
    return sorted(set(found), key=str)


# Instructions that make a function or load a constant: running them at a position does
# not evaluate the expression there (a contract clause is compiled into a function).
NOT_EVALUATION = frozenset({"MAKE_FUNCTION", "LOAD_CONST", "LOAD_CLOSURE", "BUILD_TUPLE", "NOP", "RESUME"})
CALLS = frozenset({"CALL", "CALL_FUNCTION_EX"})
NAME_ACCESS = frozenset(
    {"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST", "LOAD_DEREF", "LOAD_CLASSDEREF", "STORE_GLOBAL", "STORE_NAME",
     "STORE_FAST", "STORE_DEREF"}
)  # fmt: skip


def reached(files: dict[str, str], report: Reported, executed: dict[Position, set[str]]) -> bool:
    """Whether running evaluated the flagged node: for an arity error, a call instruction
    positioned at the call ran; for an unbound name, an instruction reading or writing a
    variable positioned at the name, or, for a name heading a list form (a callee, a
    constructor pattern), any evaluating instruction positioned at that form."""
    file, line, col = report.at
    here = executed.get(report.at, set())
    if report.kind == "arity":
        return bool(here & CALLS)
    if report.kind != "unbound-name":
        return False
    if here & NAME_ACCESS:
        return True
    text = files[file].split("\n")[line - 1]
    return col >= 2 and text[col - 2] == "(" and bool(executed.get((file, line, col - 1), set()) - NOT_EVALUATION)


def inside(at: Position, report: Reported) -> bool:
    file, line, col = at
    start, end = report.at[1:], report.end
    return file == report.at[0] and start <= (line, col) < end


@dataclass
class Verdict:
    reported: list[Reported]
    run: RunResult
    found: list[Disagreement]


def compare(folder: Path, files: dict[str, str], main: str) -> Verdict:
    """Write the program to `folder`, check it, run it, and compare.

    A Python exception out of check, one out of run, or an uncaught error of kind
    "internal" (ClaudeLang's name for its own bug) is a disagreement of its own ("crash").
    """
    write_program(folder, files)
    crashes = []
    try:
        reported = check_errors(folder, files)
    except Exception as exc:
        reported = []
        crashes.append(Disagreement("crash", "check", (main, 0, 0), f"{type(exc).__name__}: {exc}"))
    run = run_program(folder, main)
    if run.exhausted:
        crashes.append(Disagreement("crash", "generator", (main, 0, 0), "the program ran too long or too deep"))
    elif run.crash is not None:
        crashes.append(Disagreement("crash", "run", (main, 0, 0), run.crash))
    elif run.uncaught is not None and run.uncaught.kind == "internal":
        crashes.append(Disagreement("crash", "run", (main, 0, 0), run.uncaught.message))
    return Verdict(reported, run, crashes + disagreements(files, reported, run))
