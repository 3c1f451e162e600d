"""The index worker (`lsp.index_worker`): summaries made in a forked child per batch equal
those the server makes in-process, whatever the batch boundaries and however much the
child lets go of; a child that dies is an error, not missing files; and the worker's
module does not import the protocol stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from claudelang.analysis.workspace import WorkspaceIndex
from claudelang.lsp import index_worker
from claudelang.lsp.index_worker import BatchFailed, WorkerIndex, read_capped, summarise_batch

LIMIT = 1_000_000


def write_workspace(root: Path) -> list[Path]:
    """A chain of modules (each importing the previous one), a file with a load-time error
    and one importing it, a syntax error, a missing import, a builtin group, a package
    module, an import path naming another file from another folder, and a file that is not
    valid UTF-8."""
    (root / "lib").mkdir()
    files = {
        f"m{n}.cl": (
            f'(module m{n} (export f{n})\n  (import "m{n - 1}" (f{n - 1}))\n  (define (f{n} x) (f{n - 1} x)))\n'
            if n
            else "(module m0 (export f0) (define (f0 x) x))\n"
        )
        for n in range(6)
    }
    files |= {
        "broken.cl": "(module broken (export b)\n  (define b (car 1 2)))\n",
        "uses_broken.cl": '(import "broken" (b))\n(define c b)\n',
        "syntax.cl": "(module syntax (export s) (define s (+ 1 2)\n",
        "missing.cl": '(import "nowhere" (x))\n(print x)\n',
        "maths.cl": '(import "math" (sin))\n(define (wave t) (sin t))\n(print (wave 1 2))\n',
        "lib/module.cl": "(module lib (export helper) (define (helper) 1))\n",
        "app.cl": '(import "lib" (helper))\n(print (helper))\n',
        "lib/m0.cl": "(module inner (export g0) (define g0 0))\n",  # what "m0" names from lib/
        "lib/user.cl": '(import "m0" (f0))\n(print f0)\n',
    }
    for name, text in files.items():
        (root / name).write_text(text)
    (root / "latin1.cl").write_bytes(b'(define caf\xe9 "\xff")\n')
    return sorted(path.resolve() for path in root.rglob("*.cl"))


def in_process(root: Path, paths: list[Path]) -> dict[Path, str]:
    """The summaries the server makes itself (`WorkspaceIndex.summarised`), every file indexed."""
    index = WorkspaceIndex([root], lambda path: read_capped(path, LIMIT))
    for path in paths:
        index.add(path, index.summarised(path, path.read_bytes().decode("utf-8", "replace")).summary)
    return {
        path: index.summarised(path, path.read_bytes().decode("utf-8", "replace")).summary.to_text() for path in paths
    }


def in_batches(root: Path, paths: list[Path], size: int) -> dict[Path, str]:
    index_worker._worker = WorkerIndex([root], paths, LIMIT)
    try:
        out = {}
        for start in range(0, len(paths), size):
            for path, summary, text in summarise_batch(paths[start : start + size]):
                assert summary is not None and text == summary.to_text()
                out[path] = text
        return out
    finally:
        index_worker._worker = None


@pytest.mark.parametrize("size", [1, 3, 32])
def test_batches_summarise_as_the_server_does(tmp_path: Path, size: int) -> None:
    paths = write_workspace(tmp_path)
    assert in_batches(tmp_path, paths, size) == in_process(tmp_path, paths)


def test_letting_analyses_go_changes_no_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_workspace(tmp_path)
    expected = in_process(tmp_path, paths)
    monkeypatch.setattr(index_worker, "KEEP_BYTES", 0)  # let go before every file read
    assert in_batches(tmp_path, paths, 32) == expected


def test_an_unreadable_file_has_no_summary(tmp_path: Path) -> None:
    paths = write_workspace(tmp_path)
    gone = paths[0]
    gone.unlink()
    index_worker._worker = WorkerIndex([tmp_path], paths, LIMIT)
    try:
        results = {path: summary for path, summary, _text in summarise_batch(paths)}
    finally:
        index_worker._worker = None
    assert results[gone] is None
    assert all(summary is not None for path, summary in results.items() if path != gone)


def test_a_child_that_dies_fails_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_workspace(tmp_path)

    def crash(_path: Path) -> None:
        raise MemoryError("no room")

    index_worker._worker = WorkerIndex([tmp_path], paths, LIMIT)
    monkeypatch.setattr(index_worker._worker, "summary", crash)
    try:
        with pytest.raises(BatchFailed):
            summarise_batch(paths)
    finally:
        index_worker._worker = None


def test_the_worker_module_does_not_import_the_protocol_stack() -> None:
    code = (
        "import sys, claudelang.lsp.index_worker\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')))"
    )
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert child.stdout.strip() == "[]"
