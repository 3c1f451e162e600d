"""Indexing a workspace off the event loop: which files, read how, summarised where.

Files: only regular `.cl` files are indexed — never FIFOs, devices or sockets (reading one
could block forever or never end), and a symlink only when it resolves to a regular file
inside a workspace folder. A file over the size limit (`max_file_bytes`, the limit of
semantic analysis for open documents) is skipped and reported once. Every read goes
through `read_capped`, which opens without blocking, checks what it opened, and reads at
most the limit.

Work: files are summarised (`analysis.summaries`) in worker processes, one per core,
niced so that the server's own process keeps the CPU it needs to answer requests. Each
worker holds its own `WorkerIndex` of the discovered files, analysing from disk the few
files that an import needs in order to compute a file's load steps. The event loop only
submits batches and merges the summaries that come back.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from claudelang.analysis.document import DocumentAnalysis
from claudelang.analysis.summaries import FileSummary
from claudelang.analysis.workspace import IndexedFile, WorkspaceIndex, index_file
from claudelang.lsp.state import SEMANTIC_LIMIT

# A file, its summary (None: it could not be read) and the summary's JSON text.
Summarised = tuple[Path, FileSummary | None, str]
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", "build", "dist"}
BATCH = 32  # files per task sent to a worker
WORKER_CACHE = 16  # analysed files a worker keeps for the imports of the next ones


def max_file_bytes() -> int:
    """The size limit for indexing (`CLAUDELANG_MAX_FILE_BYTES`, else the limit of semantic
    analysis of open documents)."""
    try:
        return max(0, int(os.environ.get("CLAUDELANG_MAX_FILE_BYTES", SEMANTIC_LIMIT)))
    except ValueError:
        return SEMANTIC_LIMIT


@dataclass(frozen=True, slots=True)
class Found:
    path: Path  # resolved
    size: int
    mtime_ns: int


def discover(roots: list[Path], limit: int) -> tuple[list[Found], list[str]]:
    """The `.cl` files to index under `roots`, and a note for each one left out."""
    found: dict[Path, Found] = {}
    skipped: list[str] = []
    resolved_roots = [root.resolve() for root in roots]
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
            for name in files:
                if not name.endswith(".cl"):
                    continue
                entry = checked(Path(folder) / name, resolved_roots, limit, skipped)
                if entry is not None:
                    found.setdefault(entry.path, entry)
    return sorted(found.values(), key=lambda f: str(f.path)), skipped


def checked(path: Path, roots: list[Path], limit: int, skipped: list[str]) -> Found | None:
    """`path` as a file to index, or None (with a note in `skipped` when it is odd)."""
    try:
        target = path.resolve()
        if path.is_symlink() and not any(target.is_relative_to(root) for root in roots):
            skipped.append(f"{path}: a symlink to {target}, outside the workspace folders")
            return None
        info = os.stat(target)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        skipped.append(f"{path}: cannot be read ({exc})")
        return None
    if not stat.S_ISREG(info.st_mode):
        skipped.append(f"{path}: not a regular file")
        return None
    if info.st_size > limit:
        skipped.append(f"{path}: {info.st_size:,} bytes, over the limit of {limit:,}")
        return None
    return Found(target, info.st_size, info.st_mtime_ns)


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


# ---------------------------------------------------------------- the worker processes


class WorkerIndex(WorkspaceIndex):
    """A worker's view of the workspace: the discovered files, each analysed from disk
    when asked for, the last `WORKER_CACHE` of them kept.

    A file is analysed once: as loading sees its imports when it is summarised, or without
    imports when another file's import needs its exports first (then summarising it
    re-checks that analysis, reusing its per-form facts). Entries never hold an analysis,
    which would hold the entries of the files it imports and so on down every import
    chain: analyses are kept among the derived ones (`keep_derived`), a bounded LRU."""

    def __init__(self, roots: list[Path], paths: Iterable[Path], limit: int) -> None:
        super().__init__(roots, lambda path: read_capped(path, limit))
        self.known = set(paths)
        self.limit = limit
        self.derived_limit = WORKER_CACHE
        self.recent: OrderedDict[Path, IndexedFile | None] = OrderedDict()

    def entry_at(self, path: Path) -> IndexedFile | None:
        if path not in self.known:
            return None
        if path in self.recent:
            self.recent.move_to_end(path)
            return self.recent[path]
        data = read_capped(path, self.limit)
        return self.remember(path, self.closed(index_file(path, decode(data))) if data is not None else None)

    def summary(self, path: Path) -> FileSummary | None:
        if path in self.recent:
            known = self.recent[path]
            source: str | DocumentAnalysis | None = known.analysis if known is not None else None
        else:
            data = read_capped(path, self.limit)
            source = decode(data) if data is not None else None
        if source is None:
            return None
        entry = self.closed(self.summarised(path, source))
        self.remember(path, entry)
        return entry.summary

    def closed(self, held: IndexedFile) -> IndexedFile:
        """`held` as an entry that derives its analysis: the analysis is kept (for now)."""
        self.keep_derived(held.path, held.digest, held.analysis)
        return IndexedFile(held.path, held.summary, None, self.derive)

    def remember(self, path: Path, entry: IndexedFile | None) -> IndexedFile | None:
        """Keep `entry` (None: unreadable) as the latest of the last `WORKER_CACHE`; O(1)."""
        self.recent[path] = entry
        self.recent.move_to_end(path)
        while len(self.recent) > WORKER_CACHE:
            self.recent.popitem(last=False)
        return entry


_worker: WorkerIndex | None = None


def start_worker(roots: list[Path], paths: list[Path], limit: int, parent: int) -> None:
    """Initialise a worker process: its index, a lower priority, no protocol streams."""
    global _worker
    _worker = WorkerIndex(roots, paths, limit)
    gc.disable()  # collected after each batch (`summarise_batch`), see there
    gc.freeze()  # what the worker lives on (modules, the paths) is never traversed again
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


def summarise_batch(paths: list[Path]) -> list[Summarised]:
    """In a worker: each file with its summary and that summary's JSON text for the cache,
    made here rather than on the server's event loop."""
    assert _worker is not None, "start_worker runs first"
    summaries = [summarised(path, _worker.summary(path)) for path in paths]
    # Every analysis is cyclic garbage once it leaves the worker's cache. Left to itself the
    # collector ran full collections over the kept analyses every few files (up to 1.5 s
    # each under load); one collection per batch costs a traversal of what was made.
    gc.collect()
    return summaries


def worker_pool(roots: list[Path], paths: list[Path], limit: int) -> Executor:
    """One niced worker process per core, each knowing the files to index."""
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 2,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(roots, paths, limit, os.getpid()),
    )


def submit_batches(pool: Executor, paths: list[Path]) -> list[Future[list[Summarised]]]:
    """Submit `paths` to `pool` in batches of consecutive paths (a file and the modules it
    imports are often neighbours). Call it on a thread, not on the event loop: the first
    submissions start the workers, and starting one writes its arguments — every known
    path, a megabyte for 20,000 files — to a pipe the new process reads only once Python is
    up and the worker module imported (measured: a request blocked 783 ms)."""
    return [pool.submit(summarise_batch, paths[start : start + BATCH]) for start in range(0, len(paths), BATCH)]
