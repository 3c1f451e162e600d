"""What runs in the index's worker processes: reading files and summarising them.

A worker imports this module and the analysis layer only, never the protocol stack
(lsprotocol's classes alone took 0.8-1.2 s to import per worker, before its first file).

Each worker holds a `WorkerIndex` of the discovered files and summarises a batch of them
in a child forked for that batch (`summarise_batch`): the analyses a batch makes are
reference cycles (definitions and their references, nodes and their spans), and freeing
them through the cyclic collector cost about a third of a worker's time (a collection
walks every object of every analysis, 5,000 per 11 KB file). The child keeps its
collector off and exits; the kernel takes its pages back at once. Only the summaries
travel back, pickled through a pipe.

Reading goes through `read_capped`, which opens without blocking, checks what it opened,
and reads at most the size limit (the server reads with it too).
"""

from __future__ import annotations

import gc
import os
import pickle
import stat
import sys
import threading
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

from claudelang.analysis.document import DocumentAnalysis
from claudelang.analysis.summaries import FileSummary
from claudelang.analysis.workspace import IndexedFile, WorkspaceIndex, index_file

# A file, its summary (None: it could not be read) and the summary's JSON text.
Summarised = tuple[Path, FileSummary | None, str]
# Source bytes a batch's child analyses before it lets go of its analyses and collects:
# its memory stays bounded (an analysis takes about 55 times its source), and a batch of
# ordinary files (32 of 11 KB) keeps every analysis, freeing none of them, until it exits.
KEEP_BYTES = 1 << 20


def read_capped(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else.

    Opening does not block (a FIFO would wait for a writer) and what was opened is checked
    after opening, so a file swapped for a device after discovery is still refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


class WorkerIndex(WorkspaceIndex):
    """A worker's view of the workspace: the discovered files, each analysed from disk
    when asked for and kept until `KEEP_BYTES` of source have been analysed.

    A file is analysed once: as loading sees its imports when it is summarised, or without
    imports when another file's import needs its exports first (then summarising it
    re-checks that analysis, reusing its per-form facts). Entries never hold an analysis,
    which would hold the entries of the files it imports and so on down every import
    chain: analyses are kept among the derived ones (`keep_derived`).

    `find` is memoised: which known files an import path may name from a file is worked
    out once (it resolves every candidate path, a few system calls each), not each of the
    three or more times summarising the file asks."""

    def __init__(self, roots: list[Path], paths: Iterable[Path], limit: int) -> None:
        super().__init__(roots, lambda path: read_capped(path, limit))
        self.known = set(paths)
        self.limit = limit
        self.derived_limit = sys.maxsize  # bounded by `KEEP_BYTES` instead (`read`)
        self.recent: dict[Path, IndexedFile | None] = {}
        self.read_bytes = 0  # source bytes read since the analyses were last let go
        # (import path, importing file) → the known files it may name, in search order;
        # O(1) per lookup, one entry per import of each file summarised.
        self.candidates: dict[tuple[str, Path | None], tuple[Path, ...]] = {}

    def find(self, import_path: str, from_file: Path | None) -> IndexedFile | None:
        key = (import_path, from_file)
        paths = self.candidates.get(key)
        if paths is None:
            paths = self.candidates[key] = tuple(self.named_by(import_path, from_file))
        for path in paths:
            entry = self.entry_at(path)
            if entry is not None:
                return entry
        return None

    def named_by(self, import_path: str, from_file: Path | None) -> Iterable[Path]:
        """The known files `import_path` names from `from_file`, as `WorkspaceIndex.find`
        tries them."""
        for folder in self.search_dirs(from_file):
            for candidate in (folder / f"{import_path}.cl", folder / import_path / "module.cl"):
                if candidate.is_absolute() and (resolved := candidate.resolve()) in self.known:
                    yield resolved

    def entry_at(self, path: Path) -> IndexedFile | None:
        if path not in self.known:
            return None
        if path in self.recent:
            return self.recent[path]
        data = self.read(path)
        return self.remember(path, self.closed(index_file(path, decode(data))) if data is not None else None)

    def summary(self, path: Path) -> FileSummary | None:
        if path in self.recent:
            known = self.recent[path]
            source: str | DocumentAnalysis | None = known.analysis if known is not None else None
        else:
            data = self.read(path)
            source = decode(data) if data is not None else None
        if source is None:
            return None
        entry = self.closed(self.summarised(path, source))
        self.remember(path, entry)
        return entry.summary

    def read(self, path: Path) -> bytes | None:
        """The file's bytes; first, if `KEEP_BYTES` of source were analysed, the analyses
        are let go and collected."""
        if self.read_bytes > KEEP_BYTES:
            self.recent.clear()
            self._derived.clear()
            gc.collect()
            self.read_bytes = 0
        data = read_capped(path, self.limit)
        self.read_bytes += len(data) if data is not None else 0
        return data

    def closed(self, held: IndexedFile) -> IndexedFile:
        """`held` as an entry that derives its analysis: the analysis is kept (for now)."""
        self.keep_derived(held.path, held.digest, held.analysis)
        return IndexedFile(held.path, held.summary, None, self.derive)

    def remember(self, path: Path, entry: IndexedFile | None) -> IndexedFile | None:
        """Keep `entry` (None: unreadable) until the analyses are let go (`read`)."""
        self.recent[path] = entry
        return entry


_worker: WorkerIndex | None = None


def start_worker(roots: list[Path], paths: list[Path], limit: int, parent: int) -> None:
    """Initialise a worker process: its index, a lower priority, no protocol streams."""
    global _worker
    _worker = WorkerIndex(roots, paths, limit)
    gc.disable()  # a worker's own objects live as long as it does; batches run in children
    gc.freeze()  # and those children never traverse them either
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # stdin and stdout carry the server's protocol: never touch them
    os.dup2(devnull, 1)
    os.close(devnull)
    os.nice(5)
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()


def exit_with_parent(parent: int) -> None:
    """The server may exit without shutting the pool down (os._exit): follow it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def summarised(path: Path, summary: FileSummary | None) -> Summarised:
    return path, summary, summary.to_text() if summary is not None else ""


class BatchFailed(RuntimeError):
    """The child summarising a batch died without sending its summaries."""


def summarise_batch(paths: list[Path]) -> list[Summarised]:
    """In a worker: each file with its summary and that summary's JSON text for the cache
    (made here rather than on the server's event loop), computed in a child forked for
    the batch, whose garbage is never collected but dropped with it."""
    assert _worker is not None, "start_worker runs first"
    worker = _worker
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: summarise, send, exit without any cleanup
        status = 1
        try:
            os.close(readable)
            data = pickle.dumps([summarised(path, worker.summary(path)) for path in paths], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:
            traceback.print_exc()  # to the server's stderr, its log
        finally:
            os._exit(status)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise BatchFailed(f"summarising {len(paths)} files from {paths[0]} failed ({status:#x})")
    return pickle.loads(data)
