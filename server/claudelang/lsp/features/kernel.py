"""Run code from the editor: cells, code lenses, inline values, output, run errors, hot reload.

User code runs in a kernel child process per workspace folder (`claudelang.kernel`),
started on first use. Commands (`workspace/executeCommand`) run a cell, the cells above,
the file or a line range, interrupt, restart, or inspect a global; each returns a JSON
summary. Results come back as `⇒ value` inlay hints at the end of each evaluated form,
output as `window/logMessage` plus a `claudelang/output` notification, and a runtime
error as a `claudelang-run` diagnostic carrying the ClaudeLang traceback.

Trust follows VS Code's workspace trust, per folder (`trust_of`): automatic evaluation (hot
reload) happens only in folders the client declared trusted (`trusted`, `trustedFolders`);
an explicit command (run, restart) runs unless the client declared the folder untrusted,
as a terminal would for a client with no notion of trust. One run at a time per kernel: a
run asked for while another runs is answered at once with the error kind `busy`.
Cancelling a run (`$/cancelRequest`, or cancelling its progress) interrupts it exactly as
`claudelang.interrupt` does.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.uris import to_fs_path

from claudelang.ast import nodes as a
from claudelang.kernel.client import KernelBusy, KernelClient, KernelDied
from claudelang.kernel.reload import changed_definitions, definition_key
from claudelang.lsp.convert import to_lsp_position
from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.syntax.cst import cells

log = logging.getLogger(__name__)
HINT_LIMIT = 60
PROGRESS_AFTER = 0.5
MAX_CELL_LENSES = 2500  # cells given "Run Cell"/"Run Above" lenses in one reply: every reply has a bound
COMMANDS = ["runCell", "runAbove", "runFile", "runRange", "interrupt", "restartKernel", "inspect"]


@dataclass
class Settings:
    """Initialization options (and `workspace/didChangeConfiguration` settings)."""

    jit: str = "auto"
    contracts: bool = True
    hot_reload: str = "onSave"  # "off" | "onSave" | "onChange"
    allow_network: bool = False
    memory_limit_mb: int = 2048
    trusted: bool | None = None  # the client's word for the whole workspace; None: it has no notion of trust
    trusted_folders: list[str] | None = None  # folders (paths or file URIs) the client trusts

    def update(self, values: Any) -> None:
        """Take the settings a client sent; a value of the wrong type is ignored (logged)."""
        if not isinstance(values, dict):
            return
        values = values.get("claudelang", values)
        if not isinstance(values, dict):
            return
        for key, attribute, kind in SETTINGS:
            if key not in values:
                continue
            value = values[key]
            valid = isinstance(value, kind) and (kind is not int or (not isinstance(value, bool) and value >= 0))
            valid = valid and (kind is not list or all(isinstance(item, str) for item in value))
            if valid:
                setattr(self, attribute, value)
            else:
                log.warning("ignoring setting claudelang.%s = %r", key, value)

    def trust_of(self, folder: Path) -> str:
        """ "trusted", "untrusted" (declared so by the client) or "unknown" (no word on it)."""
        listed = self.trusted_folders
        if listed is not None and any(same_folder(item, folder) for item in listed):
            return "trusted"
        if self.trusted is not None:
            return "trusted" if self.trusted else "untrusted"
        return "untrusted" if listed is not None else "unknown"

    def trust(self) -> tuple[bool | None, tuple[str, ...] | None]:
        return self.trusted, None if self.trusted_folders is None else tuple(self.trusted_folders)

    def kernel_options(self) -> list[str]:
        options = ["--memory-limit", str(self.memory_limit_mb), "--jit", self.jit]
        if self.allow_network:
            options.append("--allow-network")
        if not self.contracts:
            options.append("--no-contracts")
        return options


SETTINGS = [  # (client key, attribute, type)
    ("jit", "jit", str),
    ("contracts", "contracts", bool),
    ("hotReload", "hot_reload", str),
    ("allowNetwork", "allow_network", bool),
    ("memoryLimitMb", "memory_limit_mb", int),
    ("trusted", "trusted", bool),
    ("trustedFolders", "trusted_folders", list),
]
UNTRUSTED = {"kind": "untrusted", "message": "evaluation is disabled in an untrusted workspace", "location": None}
BUSY = {
    "kind": "busy",
    "message": "the kernel is running another cell: wait for it, or stop it (claudelang.interrupt)",
    "location": None,
}


def same_folder(item: str, folder: Path) -> bool:
    """Whether a folder the client named (a path or a file URI) is `folder`."""
    path = to_fs_path(item) if item.startswith("file:") else item
    try:
        return path is not None and Path(path).resolve() == folder
    except (OSError, ValueError):
        return False


@dataclass
class RunState:
    """What the last runs left in one document: inline values, errors, kernel snapshot."""

    values: dict[str, str] = field(default_factory=dict)  # form source → shown value
    errors: list[tuple[str, lsp.Diagnostic]] = field(default_factory=list)  # (form source, diagnostic)
    snapshot: dict[str, str] = field(default_factory=dict)  # definition key → source the kernel has


class Kernels:
    def __init__(self, server: ClaudeLangServer) -> None:
        self.server = server
        self.settings = Settings()
        self.clients: dict[Path, KernelClient] = {}
        self.runs: dict[str, RunState] = {}
        self.live: dict[Path, dict[str, str]] = {}

    # ------------------------------------------------------------ kernels

    def folder_of(self, doc: OpenDocument) -> Path:
        file = self.server.file_of(doc)
        if file is None:
            return Path.cwd()
        path = file.resolve()
        for root in self.server.index.roots:
            if path.is_relative_to(root):
                return root
        return path.parent

    def trust_of(self, doc: OpenDocument) -> str:
        return self.settings.trust_of(self.folder_of(doc))

    def client_for(self, doc: OpenDocument) -> KernelClient:
        folder = self.folder_of(doc)
        client = self.clients.get(folder)
        if client is None:
            client = KernelClient(self.settings.kernel_options(), cwd=folder)
            client.on_state = lambda state, client=client: self.notify_state(folder, client, state)
            self.clients[folder] = client
        return client

    def notify_state(self, folder: Path, client: KernelClient, state: str) -> None:
        pid = client.process.pid if client.process is not None and client.alive else None
        self.server.protocol.notify("claudelang/kernelState", {"folder": str(folder), "state": state, "pid": pid})

    async def apply_settings(self, values: Any) -> None:
        """Take new settings; kernels started with other options (network, memory limit,
        JIT, contracts) or in a workspace no longer trusted are shut down, so the next run
        starts one that follows the new settings."""
        before = (self.settings.kernel_options(), self.settings.trust())
        self.settings.update(values)
        if (self.settings.kernel_options(), self.settings.trust()) == before:
            return
        clients, self.clients = list(self.clients.values()), {}
        self.live.clear()
        for state in self.runs.values():
            state.values.clear()
            state.snapshot.clear()
        for client in clients:
            await client.shutdown()

    def run_state(self, uri: str) -> RunState:
        return self.runs.setdefault(uri, RunState())

    # ------------------------------------------------------------ running

    async def run(self, doc: OpenDocument, first_line: int, last_line: int) -> dict[str, Any]:
        if self.trust_of(doc) == "untrusted":
            return {"error": UNTRUSTED}
        lines = doc.module.lines
        first_line, last_line = max(first_line, 0), min(last_line, lines.line_count - 1)
        if first_line > last_line:
            return {"values": [], "output": "", "error": None, "duration": 0.0}
        start, end = lines.starts[first_line], lines.line_end(last_line)
        source = doc.module.data[start:end].decode("utf-8", "replace")
        client = self.client_for(doc)
        output: list[str] = []

        def on_output(text: str) -> None:
            output.append(text)
            self.server.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Log, message=text.rstrip("\n")))
            self.server.protocol.notify("claudelang/output", {"uri": doc.uri, "text": text})

        path = self.server.file_of(doc)
        progress = self.server.spawn(self.progress_while(client, asyncio.current_task()))
        try:
            response = await client.evaluate(source, str(path) if path else None, first_line, on_output)
        except KernelBusy:
            return {"values": [], "output": "", "error": BUSY, "duration": 0.0}
        except KernelDied as exc:
            if exc.interrupted:  # killed by `interrupt`, which has told the user
                error = {"kind": "interrupted", "message": f"evaluation interrupted: {exc}", "location": None}
            else:
                error = {
                    "kind": "kernel-died",
                    "message": f"{exc}; it will be restarted on the next run",
                    "location": None,
                }
                self.server.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=str(exc)))
            response = {"values": [], "error": error, "duration": 0.0}
        finally:
            progress.cancel()
        dropped = response.get("output_dropped") or 0
        if dropped:
            on_output(f"\n[output truncated: {dropped:,} more characters were not shown]\n")
        self.record(doc, response)
        return {
            "values": [{"line": v["start_line"], "value": v["value"]} for v in response.get("values", [])],
            "output": "".join(output),
            "error": response.get("error"),
            "duration": response.get("duration", 0.0),
        }

    async def progress_while(self, client: KernelClient, run: asyncio.Task[Any] | None) -> None:
        """Show progress while `run` waits for the kernel; cancelling it cancels `run`."""
        await asyncio.sleep(PROGRESS_AFTER)
        if not self.server.supports_progress():
            return
        token = f"claudelang-run-{time.monotonic_ns()}"
        progress = self.server.work_done_progress
        try:
            await progress.create_async(token)
            progress.begin(token, lsp.WorkDoneProgressBegin(title="Running ClaudeLang", cancellable=True))
            if run is not None:
                progress.tokens[token].add_done_callback(lambda done: done.cancelled() and cancel_soon(run))
            while client.busy:
                await asyncio.sleep(0.2)
        except asyncio.CancelledError:
            pass
        except Exception:
            return
        progress.end(token, lsp.WorkDoneProgressEnd(message="done"))

    def record(self, doc: OpenDocument, response: dict[str, Any]) -> None:
        """Keep inline values, run errors and the kernel snapshot from one response."""
        state = self.run_state(doc.uri)
        evaluated = {v["source"] for v in response.get("values", [])}
        for value in response.get("values", []):
            state.values[value["source"]] = value["value"]
        error = response.get("error")
        failing = self.failing_form(doc, error)
        evaluated |= {failing.source} if failing is not None else set()
        state.errors = [(src, diag) for src, diag in state.errors if src not in evaluated]
        if failing is not None:
            state.values.pop(failing.source, None)
            state.errors.append((failing.source, self.run_diagnostic(doc, failing, error)))
        for form in doc.module.forms:
            key = definition_key(form)
            if key is not None and form.source in evaluated:
                state.snapshot[key] = form.source
        folder = self.folder_of(doc)
        self.live.setdefault(folder, {}).update(response.get("globals", {}))
        self.refresh(doc)

    def failing_form(self, doc: OpenDocument, error: dict[str, Any] | None) -> a.Node | None:
        location = (error or {}).get("location")
        file = self.server.file_of(doc)
        if not location or (location.get("file") and file and location["file"] != str(file)):
            return None
        if not isinstance(location.get("line"), int) or not isinstance(location.get("col"), int):
            return None
        line = location["line"] - 1
        for form in doc.module.forms:
            span = form.span
            if span.start.line <= line <= span.end.line:
                return form
        return None

    def run_diagnostic(self, doc: OpenDocument, form: a.Node, error: dict[str, Any]) -> lsp.Diagnostic:
        location = error["location"]
        lines = doc.module.lines
        last = lines.line_count - 1
        line = min(max(location["line"] - 1, 0), last)
        start = to_lsp_position(lines.position(lines.starts[line] + char_offset(doc, line, location["col"] - 1)))
        end_line = min(max((location.get("end_line") or location["line"]) - 1, line), last)
        end_col = (location.get("end_col") or location["col"] + 1) - 1
        end = to_lsp_position(lines.position(lines.starts[end_line] + char_offset(doc, end_line, end_col)))
        return lsp.Diagnostic(
            range=lsp.Range(start=start, end=end),
            message=error.get("report") or error["message"],
            severity=lsp.DiagnosticSeverity.Error,
            source="claudelang-run",
            code=error.get("kind"),
        )

    def refresh(self, doc: OpenDocument) -> None:
        """Ask the client to fetch inlay hints and diagnostics again."""
        capabilities = self.server.client_capabilities.workspace
        if capabilities and capabilities.inlay_hint and capabilities.inlay_hint.refresh_support:
            self.server.workspace_inlay_hint_refresh(None)
        publisher = getattr(self.server, "diagnostics_publisher", None)
        if publisher is not None:
            publisher.schedule(doc.uri)
        if capabilities and capabilities.diagnostics and capabilities.diagnostics.refresh_support:
            self.server.workspace_diagnostic_refresh(None)

    # ------------------------------------------------------------ what the editor shows

    def value_hints(self, doc: OpenDocument, start: int, end: int) -> list[lsp.InlayHint]:
        state = self.runs.get(doc.uri)
        if state is None or not state.values:
            return []
        hints = []
        for form in doc.module.forms:
            span = form.span
            if span.end_byte < start or span.start_byte > end:
                continue
            value = state.values.get(form.source)
            if value is not None:
                label = value if len(value) <= HINT_LIMIT else value[: HINT_LIMIT - 1] + "…"
                hints.append(lsp.InlayHint(position=to_lsp_position(span.end), label=f"⇒ {label}", padding_left=True))
        return hints

    def run_diagnostics(self, doc: OpenDocument) -> list[lsp.Diagnostic]:
        state = self.runs.get(doc.uri)
        if state is None or not state.errors:
            return []
        present = {form.source for form in doc.module.forms}
        state.errors = [(src, diag) for src, diag in state.errors if src in present]  # edited forms: cleared
        return [diag for _src, diag in state.errors]

    def live_value(self, doc: OpenDocument, name: str) -> str | None:
        return self.live.get(self.folder_of(doc), {}).get(name)

    # ------------------------------------------------------------ hot reload

    async def hot_reload(self, doc: OpenDocument) -> dict[str, Any] | None:
        client = self.clients.get(self.folder_of(doc))
        state = self.runs.get(doc.uri)
        if self.trust_of(doc) != "trusted":  # automatic evaluation: only where the client said so
            return None
        if client is None or not client.alive or state is None or not state.snapshot:
            return None
        forms = changed_definitions(self.server.analysis(doc), state.snapshot)
        if not forms:
            return None
        path = self.server.file_of(doc)
        placed = [(form.source, form.span.start.line, form.span.start.col) for form in forms]
        response = await client.reload(placed, str(path) if path else None)
        if response.get("error") is None:
            for form in forms:
                state.snapshot[definition_key(form)] = form.source
        self.live.setdefault(self.folder_of(doc), {}).update(response.get("globals", {}))
        self.server.window_log_message(
            lsp.LogMessageParams(
                type=lsp.MessageType.Info, message=f"hot reload: {', '.join(definition_key(f) for f in forms)}"
            )
        )
        return response


def cancel_soon(task: asyncio.Task[Any]) -> None:
    """Cancel `task` from any thread (pygls cancels progress tokens' futures on its own)."""
    task.get_loop().call_soon_threadsafe(task.cancel)


def char_offset(doc: OpenDocument, line: int, col: int) -> int:
    """Byte offset within `line` of code-point column `col`."""
    lines = doc.module.lines
    text = doc.module.data[lines.starts[line] : lines.line_end(line)].decode("utf-8", "replace")
    return len(text[: max(col, 0)].encode("utf-8"))


def setup(server: ClaudeLangServer) -> None:
    kernels = Kernels(server)
    server.kernels = kernels  # type: ignore[attr-defined]
    server.value_hints = kernels.value_hints  # type: ignore[attr-defined]
    server.live_value = kernels.live_value  # type: ignore[attr-defined]
    server.run_diagnostics = kernels.run_diagnostics  # type: ignore[attr-defined]

    def document(uri: str) -> OpenDocument:
        doc = server.document(uri) if isinstance(uri, str) else None
        if doc is None:
            raise JsonRpcInvalidParams(f"document not open: {uri}")
        return doc

    def cell_at(doc: OpenDocument, line: int) -> tuple[int, int]:
        for first, last, _title in cells(doc.module):
            if first <= line <= last:
                return first, last
        return line, line

    @server.command("claudelang.runCell")
    async def run_cell(uri: str, line: int) -> dict[str, Any]:
        doc = document(uri)
        return await kernels.run(doc, *cell_at(doc, int(line)))

    @server.command("claudelang.runAbove")
    async def run_above(uri: str, line: int) -> dict[str, Any]:
        doc = document(uri)
        first, _last = cell_at(doc, int(line))
        return await kernels.run(doc, 0, first - 1)

    @server.command("claudelang.runFile")
    async def run_file(uri: str, *_position: object) -> dict[str, Any]:
        doc = document(uri)
        return await kernels.run(doc, 0, doc.module.lines.line_count - 1)

    @server.command("claudelang.runRange")
    async def run_range(uri: str, first: int, last: int) -> dict[str, Any]:
        return await kernels.run(document(uri), int(first), int(last))

    @server.command("claudelang.interrupt")
    async def interrupt(uri: str, *_position: object) -> dict[str, Any]:
        client = kernels.clients.get(kernels.folder_of(document(uri)))
        restarted = await client.interrupt() if client is not None else False
        if restarted:
            server.window_show_message(
                lsp.ShowMessageParams(
                    type=lsp.MessageType.Warning, message="The kernel did not stop within 1 s and was restarted."
                )
            )
        return {"interrupted": client is not None, "restarted": restarted}

    @server.command("claudelang.restartKernel")
    async def restart_kernel(uri: str, *_position: object) -> dict[str, Any]:
        doc = document(uri)
        if kernels.trust_of(doc) == "untrusted":
            return {"restarted": False, "error": UNTRUSTED}
        client = kernels.client_for(doc)
        await client.restart()
        kernels.live.pop(kernels.folder_of(doc), None)
        for state in kernels.runs.values():
            state.values.clear()
            state.snapshot.clear()
        kernels.refresh(doc)
        return {"restarted": True}

    @server.command("claudelang.inspect")
    async def inspect(uri: str, name: str) -> dict[str, Any]:
        client = kernels.clients.get(kernels.folder_of(document(uri)))
        if client is None or not client.alive:
            return {"value": None}
        values = await client.describe([str(name)])
        return {"value": values.get(str(name))}

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(params: lsp.CodeLensParams) -> list[lsp.CodeLens] | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        uri = doc.uri
        top = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
        lenses = [
            lsp.CodeLens(
                range=top, command=lsp.Command(title="Run File", command="claudelang.runFile", arguments=[uri])
            ),
            lsp.CodeLens(
                range=top,
                command=lsp.Command(title="Restart Kernel", command="claudelang.restartKernel", arguments=[uri]),
            ),
        ]
        for first, _last, _title in cells(doc.module)[:MAX_CELL_LENSES]:
            at = lsp.Range(start=lsp.Position(line=first, character=0), end=lsp.Position(line=first, character=0))
            lenses.append(
                lsp.CodeLens(
                    range=at,
                    command=lsp.Command(title="Run Cell", command="claudelang.runCell", arguments=[uri, first]),
                )
            )
            lenses.append(
                lsp.CodeLens(
                    range=at,
                    command=lsp.Command(title="Run Above", command="claudelang.runAbove", arguments=[uri, first]),
                )
            )
        return lenses

    server.settings_listeners.append(kernels.apply_settings)  # no kernel runs before `initialize`

    @server.feature(lsp.SHUTDOWN)
    async def shutdown(_params: None) -> None:
        for client in kernels.clients.values():
            await client.shutdown()

    async def reload_document(uri: str) -> None:
        doc = server.document(uri)
        if doc is None or kernels.settings.hot_reload == "off":
            return
        try:
            await kernels.hot_reload(doc)
        except KernelDied as exc:
            log.warning("hot reload failed: %s", exc)

    server.hot_reload = reload_document  # type: ignore[attr-defined]
