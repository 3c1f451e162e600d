"""The rename differential's oracle: rename through a live server, then run both versions.

One `claudelang-lsp --stdio` serves many examples: each example's files are written into
its workspace folder, announced as changed on disk, and (re)opened; the rename request
goes over raw JSON-RPC (`benchmarks/lspwire.py`, synchronous, so Hypothesis can drive it).
The returned WorkspaceEdit is applied to the texts, and the program before and after runs
in-process (`claudelang.Session`, a fresh one per run, in a fresh folder) after a
`claudelang check` of every file (`cli.check.file_diagnostics`): the output must be the
same and both versions free of errors.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from claudelang import ClError, Session
from claudelang.ast.diagnostic import Severity
from claudelang.cli.check import file_diagnostics

from tests.lsp.rename_programs import Case

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from lspwire import Wire, lsp_offset

FRESH = "renamed-name"  # never in the generator's pool, never a builtin
CHANGED = 2  # FileChangeType.Changed


def position(text: str, offset: int) -> dict[str, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return {"line": text.count("\n", 0, offset), "character": offset - line_start}


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """`text` after a list of LSP TextEdits (JSON form), applied from the last to the first."""
    pairs = sorted(zip(offsets(text, edits), edits, strict=True), key=lambda item: item[0], reverse=True)
    for (start, end), edit in pairs:
        text = text[:start] + edit["newText"] + text[end:]
    return text


def offsets(text: str, edits: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The (start, end) str offsets of each edit's range in `text`."""
    out = []
    for edit in edits:
        start, end = edit["range"]["start"], edit["range"]["end"]
        out.append(
            (lsp_offset(text, start["line"], start["character"]), lsp_offset(text, end["line"], end["character"]))
        )
    return out


class RenameOracle:
    """A server and a scratch folder for checking many renames in a row."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder / "workspace"
        self.root.mkdir(parents=True, exist_ok=True)
        self.wire = Wire()
        self.wire.initialize(self.root)
        self.opened: dict[str, int] = {}
        self.runs = 0

    def close(self) -> None:
        self.wire.close()

    def uri(self, name: str) -> str:
        return (self.root / name).resolve().as_uri()

    def check(self, case: Case, open_module: bool) -> list[str]:
        """Raise AssertionError if renaming `case`'s occurrence to a fresh name changes anything;
        return the names of the files the rename edited."""
        files = case.program.files()
        before = self.run(files)
        edit = self.rename(case, open_module or case.file == "m.cl")
        after_files = {name: apply_edits(text, edit.get(self.uri(name), [])) for name, text in files.items()}
        spans = offsets(files[case.file], edit.get(self.uri(case.file), []))
        at = case.offset + sum(len(FRESH) - (end - start) for start, end in spans if start < case.offset)
        renamed = after_files[case.file]
        assert renamed[at : at + len(FRESH)] == FRESH, f"the occurrence was not renamed:\n{renamed}"
        after = self.run(after_files)
        assert after == before, f"output changed: {before!r} -> {after!r}\n{after_files}"
        return [name for name in files if edit.get(self.uri(name))]

    def rename(self, case: Case, open_module: bool) -> dict[str, list[dict[str, Any]]]:
        files = case.program.files()
        for name in list(self.opened):
            self.wire.notify("textDocument/didClose", {"textDocument": {"uri": self.uri(name)}})
            del self.opened[name]
        for name, text in files.items():
            (self.root / name).write_text(text)
        changes = [{"uri": self.uri(name), "type": CHANGED} for name in files]
        self.wire.notify("workspace/didChangeWatchedFiles", {"changes": changes})
        for name in ["m.cl"] * open_module + ["main.cl"]:
            self.wire.open(self.uri(name), files[name])
            self.opened[name] = 1
        text = files[case.file]
        response = self.wire.request(
            "textDocument/rename",
            {"textDocument": {"uri": self.uri(case.file)}, "position": position(text, case.offset), "newName": FRESH},
        )
        assert "error" not in response, f"renaming '{case.name}' was refused: {response['error']['message']}"
        return (response.get("result") or {}).get("changes") or {}

    def run(self, files: dict[str, str]) -> str:
        """What main.cl prints, after checking that no file has an error."""
        self.runs += 1
        folder = self.folder / f"run{self.runs}"
        folder.mkdir()
        try:
            for name, text in files.items():
                (folder / name).write_text(text)
            for name, text in files.items():
                errors = [d.message for d in file_diagnostics(text, folder / name) if d.severity is Severity.ERROR]
                assert not errors, f"{name}: {errors}\n{text}"
            session = Session(capture_output=True)
            try:
                session.run_file(folder / "main.cl")
            except ClError as error:
                return session.output() + f"error: {error}"
            return session.output()
        finally:
            shutil.rmtree(folder)
