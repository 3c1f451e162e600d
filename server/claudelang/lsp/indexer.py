"""Indexing a workspace off the event loop: which files, read how, summarised where.

Files: only regular `.cl` files are indexed — never FIFOs, devices or sockets (reading one
could block forever or never end), and a symlink only when it resolves to a regular file
inside a workspace folder. A file over the size limit (`max_file_bytes`, the limit of
semantic analysis for open documents) is skipped and reported once. Every read goes
through `read_capped` (`lsp.index_worker`, used from here by the server too), which opens
without blocking, checks what it opened, and reads at most the limit.

Work: files are summarised (`analysis.summaries`) in worker processes, one per core,
niced so that the server's own process keeps the CPU it needs to answer requests. Each
worker (`lsp.index_worker`) holds its own `WorkerIndex` of the discovered files,
analysing from disk the few files that an import needs in order to compute a file's load
steps. The event loop only submits batches and merges the summaries that come back.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from claudelang.lsp.index_worker import Summarised, start_worker, summarise_batch
from claudelang.lsp.state import SEMANTIC_LIMIT

SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", "build", "dist"}
BATCH = 32  # files per task sent to a worker


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
