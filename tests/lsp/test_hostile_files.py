"""Workspaces with files that fight back, and the index cache, through a live server.

A FIFO and symlinks to `/dev/stdin`, `/dev/zero` and `/dev/urandom` named `*.cl`, a file
over the size limit, a document opened in the editor far over it, forms nested far deeper
than anyone writes: the server indexes what it can, says once what it left out, and keeps
answering (each test ends with requests that must be answered and a `shutdown` that must
be), other documents too, and gives back its memory. The index cache in the user cache
folder is reused for unchanged files, not for changed ones, and a damaged one is replaced.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from lspwire import Wire, range_

LIB = "(module lib (export area)\n  (define (area r) (* 3 r r)))\n"
MAIN = '(import "lib" (area))\n(define total (area 2))\n'
TOKEN = "claudelang-indexing"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def project(tmp_path: Path, cache: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "lib.cl").write_text(LIB)
    (root / "main.cl").write_text(MAIN)
    return root


def start(root: Path, options: dict[str, Any] | None = None) -> Wire:
    wire = Wire(cwd=root)
    wire.initialize(root, options)
    return wire


def indexing_ended(wire: Wire) -> str:
    """The message of the end of indexing, waiting for it."""
    note = wire.wait_for(
        lambda n: (
            n.get("method") == "$/progress" and n["params"]["token"] == TOKEN and n["params"]["value"]["kind"] == "end"
        ),
        timeout=60,
    )
    return note["params"]["value"]["message"]


def symbols(wire: Wire, query: str) -> list[str]:
    result = wire.request("workspace/symbol", {"query": query}, timeout=30)["result"]
    return sorted(f"{s['name']}@{Path(s['location']['uri']).name}" for s in result)


def log_messages(wire: Wire) -> list[str]:
    return [n["params"]["message"] for n in wire.notifications if n.get("method") == "window/logMessage"]


def still_answers(wire: Wire, root: Path) -> None:
    """Hover on an open document works and `shutdown` is answered."""
    main = root / "main.cl"
    wire.open(main.as_uri(), MAIN)
    hover = wire.hover(main.as_uri(), 1, 15, timeout=30)
    assert "area" in json.dumps(hover["result"]), hover
    assert "result" in wire.request("shutdown", None, timeout=30)


@pytest.fixture
def server(project: Path) -> Iterator[Any]:
    wires: list[Wire] = []

    def started(root: Path = project, options: dict[str, Any] | None = None) -> Wire:
        wires.append(start(root, options))
        return wires[-1]

    yield started
    for wire in wires:
        wire.close()


def test_fifos_and_device_symlinks_are_not_read(project: Path, server: Any) -> None:
    os.mkfifo(project / "pipe.cl")
    for name, device in [("notes.cl", "/dev/stdin"), ("zero.cl", "/dev/zero"), ("noise.cl", "/dev/urandom")]:
        (project / name).symlink_to(device)
    wire = server()
    before = wire.rss_kb()
    assert indexing_ended(wire) == "indexed 2 files (0 from the cache)"
    assert symbols(wire, "area") == ["area@lib.cl"]
    (logged,) = [m for m in log_messages(wire) if m.startswith("not indexed")]
    for name in ("pipe.cl", "notes.cl", "zero.cl", "noise.cl"):
        assert name in logged
    assert wire.rss_kb() - before < 50_000  # nothing read from /dev/zero or /dev/urandom
    still_answers(wire, project)


def test_symlinks_outside_the_workspace_are_not_followed(project: Path, tmp_path: Path, server: Any) -> None:
    outside = tmp_path / "elsewhere.cl"
    outside.write_text("(define (secret) 1)\n")
    (project / "inside.cl").symlink_to(outside)
    (project / "alias.cl").symlink_to(project / "lib.cl")  # inside: the same file, once
    wire = server()
    assert indexing_ended(wire) == "indexed 2 files (0 from the cache)"
    assert symbols(wire, "secret") == []
    assert symbols(wire, "area") == ["area@lib.cl"]
    still_answers(wire, project)


def test_a_file_over_the_size_limit_is_skipped_with_one_message(
    project: Path, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUDELANG_MAX_FILE_BYTES", "100000")
    big = project / "big.cl"
    big.write_text("(define (huge-one) 1)\n" + "(define x 1)\n" * 20_000)
    wire = server()
    assert indexing_ended(wire) == "indexed 2 files (0 from the cache)"
    assert symbols(wire, "huge-one") == []
    logged = [m for m in log_messages(wire) if "big.cl" in m]
    assert len(logged) == 1 and "over the limit of 100,000" in logged[0]
    still_answers(wire, project)


def nested(depth: int) -> str:
    return "(define deep " + "(" * depth + "x" + ")" * depth + ")\n"


def unclosed(depth: int) -> str:
    return "(define deep " + "(" * depth + "x\n"


@pytest.mark.parametrize(
    "text",
    [nested(500), nested(5000), unclosed(500), unclosed(5000)],
    ids=["500-nested", "5000-nested", "500-unclosed", "5000-unclosed"],
)
def test_deep_nesting_gets_answers_from_every_structural_request(project: Path, server: Any, text: str) -> None:
    deep = project / "deep.cl"
    wire = server()
    indexing_ended(wire)
    wire.open(deep.as_uri(), text)
    document = {"textDocument": {"uri": deep.as_uri()}}
    middle = {"line": 0, "character": 13 + text.count("(") // 2}
    selection = wire.request("textDocument/selectionRange", {**document, "positions": [middle]}, timeout=60)
    assert "result" in selection, selection
    chain, depth = selection["result"][0], 0
    while chain is not None:
        outermost, chain, depth = chain["range"], chain.get("parent"), depth + 1
    assert depth <= 100  # the documented cap: the innermost 99 and the outermost
    assert outermost["start"] == {"line": 0, "character": 0}  # the top-level form, or the file
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}
    options = {"tabSize": 2, "insertSpaces": True}
    requests = [
        ("textDocument/foldingRange", document),
        ("textDocument/documentSymbol", document),
        ("textDocument/semanticTokens/full", document),
        ("textDocument/formatting", {**document, "options": options}),
        ("textDocument/rangeFormatting", {**document, "range": whole, "options": options}),
        ("textDocument/hover", {**document, "position": middle}),
        ("textDocument/completion", {**document, "position": middle}),
        ("textDocument/documentHighlight", {**document, "position": middle}),
        ("textDocument/inlayHint", {**document, "range": whole}),
        ("textDocument/codeAction", {**document, "range": whole, "context": {"diagnostics": []}}),
        ("textDocument/codeLens", document),
        ("textDocument/diagnostic", document),
    ]
    for method, params in requests:
        response = wire.request(method, params, timeout=60)
        assert "result" in response, (method, response)
    still_answers(wire, project)


def huge_source(size: int) -> str:
    """About `size` bytes of multi-line definitions, with one stray `)` near the end."""
    unit = "(define (f{n} x)\n  (let ((y (* x 2)))\n    (+ y {n})))\n"
    count = size // len(unit.format(n=10_000))
    return "".join(unit.format(n=n) for n in range(count)) + "(define broken 1))\n(define (g) 2)\n"


class PeakMemory:
    """The server's highest VmRSS, sampled on a thread until `stop`."""

    def __init__(self, wire: Wire) -> None:
        self.wire = wire
        self.peak = wire.rss_kb()
        self.sampling = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while self.sampling:
            try:
                self.peak = max(self.peak, self.wire.rss_kb())
            except (OSError, RuntimeError):  # the server is gone: the test fails elsewhere
                return
            time.sleep(0.02)

    def stop(self) -> int:
        self.sampling = False
        self.thread.join()
        return self.peak


def memory_settles(wire: Wire, below_kb: int, timeout: float = 60) -> int:
    """The server's VmRSS once it is under `below_kb` (it collects garbage when idle), or
    when `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while (rss := wire.rss_kb()) >= below_kb and time.monotonic() < deadline:
        time.sleep(0.5)
    return rss


def published(wire: Wire, uri: str, words: str) -> list[str]:
    """The messages of the first diagnostics published for `uri` with one containing `words`."""
    note = wire.wait_for(
        lambda n: (
            n.get("method") == "textDocument/publishDiagnostics"
            and n["params"]["uri"] == uri
            and any(words in d["message"] for d in n["params"]["diagnostics"])
        ),
        timeout=120,
    )
    return [d["message"] for d in note["params"]["diagnostics"]]


def test_a_huge_document_gets_syntax_features_while_others_stay_responsive(project: Path, server: Any) -> None:
    wire = server(options={"claudelang": {"maxFileBytes": 1_000_000}})
    indexing_ended(wire)
    main, huge = project / "main.cl", project / "huge.cl"
    wire.open(main.as_uri(), MAIN)
    assert "area" in json.dumps(wire.hover(main.as_uri(), 1, 15)["result"])
    before = wire.rss_kb()
    memory = PeakMemory(wire)
    text = huge_source(3_000_000)
    wire.open(huge.as_uri(), text)
    document = {"textDocument": {"uri": huge.as_uri()}}
    folding = wire.request_async("textDocument/foldingRange", document)
    hover = wire.hover(main.as_uri(), 1, 15, timeout=60)  # sent after the folding request...
    assert "area" in json.dumps(hover["result"])
    assert folding not in wire.responses  # ...answered while the huge document is still parsed
    folds = wire.wait(folding, timeout=120)["result"]
    assert 0 < len(folds) <= 5000 and folds[0] == {"startLine": 0, "endLine": 2, "kind": "region"}
    messages = published(wire, huge.as_uri(), "unexpected ')'")
    assert "semantic analysis is off for documents over 1,000,000 bytes (setting maxFileBytes)" in messages
    last = text.count("\n") - 2  # the line of the stray `)`
    selection = wire.request("textDocument/selectionRange", {**document, "positions": [{"line": 1, "character": 9}]})
    ranges = []
    chain = selection["result"][0]
    while chain is not None:
        ranges.append(chain["range"])
        chain = chain.get("parent")
    assert ranges[0] == {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 10}}  # y
    assert ranges[-1] == {"start": {"line": 0, "character": 0}, "end": {"line": last + 2, "character": 0}}
    assert {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 13}} in ranges  # the define
    assert wire.request("textDocument/documentSymbol", document)["result"] == []
    assert wire.request("textDocument/semanticTokens/full", document)["result"]["data"] == []
    options = {"tabSize": 2, "insertSpaces": True}
    assert wire.request("textDocument/formatting", {**document, "options": options})["result"] == []
    completion = wire.request("textDocument/completion", {**document, "position": {"line": 2, "character": 5}})
    assert len(completion["result"]["items"]) <= 100
    assert "result" in wire.request("textDocument/hover", {**document, "position": {"line": 0, "character": 2}})
    assert len(json.dumps(wire.request("textDocument/codeLens", document)["result"])) < 2_000_000
    peak = memory.stop()
    assert peak - before < 60 * len(text) // 1024  # lowered and analysed, it took about 150 bytes per byte
    wire.notify("textDocument/didClose", document)
    assert memory_settles(wire, before + 64_000) - before < 64_000
    still_answers(wire, project)


def test_the_size_limit_is_a_setting(project: Path, server: Any) -> None:
    (project / "big.cl").write_text("(define (big) 1)\n" * 10_000)  # 170,000 bytes
    wire = server(options={"claudelang": {"maxFileBytes": 100_000}})
    indexing_ended(wire)
    assert any("big.cl" in m and "over the limit of 100,000" in m for m in log_messages(wire))
    mid = project / "mid.cl"
    text = "".join(f"(define (mid-{n} x) (* x {n}))\n" for n in range(4_000))
    assert 100_000 < len(text) < 1_000_000
    wire.open(mid.as_uri(), text)
    document = {"textDocument": {"uri": mid.as_uri()}}
    published(wire, mid.as_uri(), "semantic analysis is off for documents over 100,000 bytes")
    assert wire.request("textDocument/documentSymbol", document)["result"] == []
    wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": {"maxFileBytes": 1_000_000}}})
    symbols = wire.request("textDocument/documentSymbol", document)["result"]
    assert len(symbols) == 4_000
    wire.notify("workspace/didChangeConfiguration", {"settings": {"claudelang": {"maxFileBytes": "lots"}}})
    assert len(wire.request("textDocument/documentSymbol", document)["result"]) == 4_000  # ignored
    still_answers(wire, project)


def test_edits_to_a_large_document_are_parsed_again_and_move_it_across_the_limit(project: Path, server: Any) -> None:
    wire = server(options={"claudelang": {"maxFileBytes": 10_000}})
    big = project / "big.cl"
    text = "".join(f"(define (f{n} x)\n  (+ x {n}))\n" for n in range(2_000))
    wire.open(big.as_uri(), text)
    document = {"textDocument": {"uri": big.as_uri()}}
    assert len(wire.request("textDocument/foldingRange", document)["result"]) == 2_000
    wire.change(big.as_uri(), 2, [{"range": range_(0, 0, 0, 0), "text": ")"}])
    assert len(wire.request("textDocument/foldingRange", document)["result"]) == 2_000
    assert "unexpected ')'" in published(wire, big.as_uri(), "unexpected ')'")
    wire.change(big.as_uri(), 3, [{"text": "(define (small) 1)\n"}])  # under the limit: analysed
    assert [s["name"] for s in wire.request("textDocument/documentSymbol", document)["result"]] == ["small"]
    wire.change(big.as_uri(), 4, [{"text": text}])  # over it again
    assert wire.request("textDocument/documentSymbol", document)["result"] == []
    assert len(wire.request("textDocument/foldingRange", document)["result"]) == 2_000
    still_answers(wire, project)


def test_an_unchanged_workspace_is_read_from_the_cache(project: Path, cache: Path, server: Any) -> None:
    first = server()
    assert indexing_ended(first) == "indexed 2 files (0 from the cache)"
    first.close()
    (database,) = (cache / "claudelang").glob("index-*.sqlite")
    again = server()
    assert indexing_ended(again) == "indexed 2 files (2 from the cache)"
    assert symbols(again, "area") == ["area@lib.cl"]
    again.close()
    (project / "lib.cl").write_text(LIB.replace("area", "surface"))
    changed = server()
    assert indexing_ended(changed) == "indexed 2 files (1 from the cache)"
    assert symbols(changed, "area") == [] and symbols(changed, "surface") == ["surface@lib.cl"]
    changed.close()
    assert database.exists()


@pytest.mark.parametrize(
    "damage",
    ["not a database", "another version", "rows that are not summaries"],
)
def test_a_damaged_cache_is_discarded(project: Path, cache: Path, server: Any, damage: str) -> None:
    first = server()
    indexing_ended(first)
    first.close()
    (database,) = (cache / "claudelang").glob("index-*.sqlite")
    if damage == "not a database":
        database.write_bytes(b"\x00garbage" * 1000)
    else:
        with sqlite3.connect(database) as db:
            if damage == "another version":
                db.execute("update meta set value = '0.0.0-other' where key = 'version'")
            else:
                db.execute("update files set summary = '{\"digest\": 1}'")
    wire = server()
    assert indexing_ended(wire) == "indexed 2 files (0 from the cache)"
    assert symbols(wire, "area") == ["area@lib.cl"]
    still_answers(wire, project)
    wire.close()
    again = server()
    assert indexing_ended(again) == "indexed 2 files (2 from the cache)"


def test_a_few_big_files_are_indexed_by_workers_not_on_the_event_loop(project: Path, server: Any) -> None:
    """Fewer than 8 files are summarised in the server only when they are small together:
    a 1 MB file took 1.6-2.6 s there, blocking every request (features/workspace.py)."""
    from claudelang.lsp.features.workspace import IN_PROCESS_BYTES, few_and_small
    from claudelang.lsp.indexer import Found

    assert few_and_small([Found(project / "a.cl", 10_000, 0)] * 3)
    assert not few_and_small([Found(project / "a.cl", IN_PROCESS_BYTES + 1, 0)])
    assert not few_and_small([Found(project / "a.cl", 10, 0)] * 8)
    (project / "big.cl").write_text("".join(f"(define (big-{n} x) (* x {n}))\n" for n in range(12_000)))
    wire = server()
    assert indexing_ended(wire) == "indexed 3 files (0 from the cache)"
    assert symbols(wire, "big-11999") == ["big-11999@big.cl"]
    still_answers(wire, project)
