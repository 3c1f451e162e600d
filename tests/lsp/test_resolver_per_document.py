"""An open document's import resolver is made once (`ClaudeLangServer.resolver_for`), not
on every keystroke's analysis: making one resolves the file's real path, system calls on
the typing path. The resolver asks the index at each lookup, so the diagnostics still
follow the workspace."""

from __future__ import annotations

from pathlib import Path

from claudelang.lsp.server import ClaudeLangServer
from claudelang.lsp.state import OpenDocument
from claudelang.syntax import Document, TextEdit

IMPORTING = '(import "lib")\n(define (f x) (lib:g x))\n'


def missing_modules(server: ClaudeLangServer, doc: OpenDocument) -> list[str]:
    return [d.code for d in server.analysis(doc).diagnostics if d.code == "missing-module"]


def test_keystrokes_make_one_resolver_and_it_follows_the_index(tmp_path: Path, monkeypatch) -> None:
    server = ClaudeLangServer()
    made: list[Path] = []
    make = server.index.resolver
    monkeypatch.setattr(server.index, "resolver", lambda path: made.append(path) or make(path))
    doc = OpenDocument((tmp_path / "main.cl").as_uri(), 1, Document(IMPORTING))
    assert missing_modules(server, doc) == ["missing-module"]
    for version, char in enumerate("(define y 1)", start=2):
        doc.apply([TextEdit((2, version - 2), (2, version - 2), char)], version)
        server.analysis(doc)
    assert made == [tmp_path / "main.cl"]
    (tmp_path / "lib.cl").write_text("(module lib (export g))\n(define (g x) x)\n")
    server.index.update(tmp_path / "lib.cl", (tmp_path / "lib.cl").read_text())
    doc.invalidate()
    assert missing_modules(server, doc) == []
