"""Workspaces with files that fight back, and the index cache, through a live server.

A FIFO and symlinks to `/dev/stdin`, `/dev/zero` and `/dev/urandom` named `*.cl`, a file
over the size limit, forms nested far deeper than anyone writes: the server indexes what
it can, says once what it left out, and keeps answering (each test ends with requests
that must be answered and a `shutdown` that must be). The index cache in the user cache
folder is reused for unchanged files, not for changed ones, and a damaged one is replaced.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from lspwire import Wire

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


def start(root: Path) -> Wire:
    wire = Wire(cwd=root)
    wire.initialize(root)
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

    def started(root: Path = project) -> Wire:
        wires.append(start(root))
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


DEEP = 500


def test_deep_nesting_gets_answers_from_every_structural_request(project: Path, server: Any) -> None:
    text = "(define deep " + "(" * DEEP + "x" + ")" * DEEP + ")\n"
    deep = project / "deep.cl"
    wire = server()
    indexing_ended(wire)
    wire.open(deep.as_uri(), text)
    document = {"textDocument": {"uri": deep.as_uri()}}
    middle = {"line": 0, "character": 13 + DEEP}
    selection = wire.request("textDocument/selectionRange", {**document, "positions": [middle]})
    assert "result" in selection, selection
    chain, depth = selection["result"][0], 0
    while chain is not None:
        outermost, chain, depth = chain["range"], chain.get("parent"), depth + 1
    assert depth == 100  # the documented cap: the innermost 99 and the outermost
    assert outermost == {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}  # the file
    requests = [
        ("textDocument/foldingRange", document),
        ("textDocument/documentSymbol", document),
        ("textDocument/semanticTokens/full", document),
        ("textDocument/formatting", {**document, "options": {"tabSize": 2, "insertSpaces": True}}),
        ("textDocument/hover", {**document, "position": middle}),
    ]
    for method, params in requests:
        response = wire.request(method, params, timeout=60)
        assert "result" in response, (method, response)
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
