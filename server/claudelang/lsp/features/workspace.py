"""Workspace indexing (with `$/progress`), watched-file updates and workspace symbols.

Indexing never runs on the event loop: the files are found on a thread, summarised in
worker processes (`lsp.indexer`) and merged here batch by batch, so requests keep being
answered while a large workspace is read. Summaries of unchanged files come from the
index cache (`lsp.index_cache`) instead. A closed file is indexed by its summary; an
open document by its current text (`sync.reindex`), whatever is on disk.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from claudelang.analysis.summaries import FileSummary, digest_of
from claudelang.lsp.features.symbols import SYMBOL_KINDS
from claudelang.lsp.features.sync import refresh_pulled_diagnostics
from claudelang.lsp.incomplete import tell_if_indexing
from claudelang.lsp.index_cache import Cached, IndexCache, cache_file
from claudelang.lsp.index_worker import Summarised, decode, read_capped, summarised
from claudelang.lsp.indexer import Found, checked, discover, submit_batches, worker_pool
from claudelang.lsp.server import ClaudeLangServer, collect_garbage_when_idle
from claudelang.semantics.symbols import DefKind

log = logging.getLogger(__name__)
TOKEN = "claudelang-indexing"
IN_PROCESS = 8  # fewer changed files than this are summarised without starting workers,
IN_PROCESS_BYTES = 128_000  # if they are this small together (about 0.1 s on the event loop)
MAX_SYMBOLS = 500
CACHED_SLICE = 500  # cached summaries indexed between two looks at the event loop's queue


def workspace_roots(server: ClaudeLangServer) -> list[Path]:
    roots: list[Path] = []
    workspace = server.workspace
    for folder in (workspace.folders or {}).values():
        path = server.path_of(folder.uri)
        if path is not None:
            roots.append(path)
    if not roots and workspace.root_path:
        roots.append(Path(workspace.root_path))
    return roots


def open_paths(server: ClaudeLangServer) -> set[Path]:
    return {Path(doc.path).resolve() for doc in server.documents.values() if doc.path is not None}


def unchanged(found: list[Found], stored: dict[str, Cached], limit: int) -> dict[Path, FileSummary]:
    """The cached summaries of files whose size, time and content are as recorded (a thread)."""
    out: dict[Path, FileSummary] = {}
    for file in found:
        cached = stored.get(str(file.path))
        if cached is None or (cached.size, cached.mtime_ns) != (file.size, file.mtime_ns):
            continue
        data = read_capped(file.path, limit)
        if data is not None and digest_of(decode(data).encode()) == cached.summary.digest:
            out[file.path] = cached.summary
    return out


class Progress:
    """`$/progress` for one indexing run, if the client supports it."""

    def __init__(self, server: ClaudeLangServer) -> None:
        self.server = server
        self.token: str | None = None

    async def begin(self) -> None:
        progress = self.server.work_done_progress
        try:
            await progress.create_async(TOKEN)
            progress.begin(TOKEN, lsp.WorkDoneProgressBegin(title="Indexing ClaudeLang files", percentage=0))
            self.token = TOKEN
        except Exception:
            self.token = None

    def report(self, done: int, total: int) -> None:
        if self.token is not None:
            report = lsp.WorkDoneProgressReport(message=f"{done}/{total} files", percentage=done * 100 // max(total, 1))
            self.server.work_done_progress.report(self.token, report)

    def end(self, total: int, cached: int) -> None:
        if self.token is not None:
            message = f"indexed {total} files ({cached} from the cache)"
            self.server.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=message))


async def index_workspace(server: ClaudeLangServer) -> None:
    loop = asyncio.get_running_loop()
    roots = workspace_roots(server)
    limit = server.max_file_bytes
    index = server.index
    index.roots = [r.resolve() for r in roots]
    index.reader = lambda path: read_capped(path, limit)
    progress = Progress(server)
    await progress.begin()
    found, skipped = await loop.run_in_executor(None, discover, roots, limit)
    if skipped:
        shown = "\n".join(skipped[:20]) + (f"\n… and {len(skipped) - 20} more" if len(skipped) > 20 else "")
        server.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Warning, message=f"not indexed:\n{shown}"))
    cache = IndexCache(cache_file(roots)) if roots else None
    stored = await loop.run_in_executor(None, cache.load) if cache is not None else {}
    known = await loop.run_in_executor(None, unchanged, found, stored, limit)
    await add_cached(server, known)
    fresh = [file for file in found if file.path not in known]
    progress.report(len(known), len(found))
    await summarise(server, fresh, [f.path for f in found], limit, cache, progress, len(known), len(found))
    if cache is not None:
        on_disk = {str(file.path) for file in found}
        cache.forget([Path(path) for path in stored if path not in on_disk])
        cache.close()
    server.index_complete = True  # type: ignore[attr-defined]
    progress.end(len(found), len(known))
    recheck_open_documents(server)


async def add_cached(server: ClaudeLangServer, known: dict[Path, FileSummary]) -> None:
    """Index the cached summaries of closed files, a slice at a time (adding one costs a
    path resolution: 20,000 took 0.66 s), so that requests are answered in between."""
    items = list(known.items())
    for start in range(0, len(items), CACHED_SLICE):
        if start:
            await asyncio.sleep(0)
        is_open = open_paths(server)  # a document may have been opened meanwhile: it stays as it is
        for path, summary in items[start : start + CACHED_SLICE]:
            if path not in is_open:
                server.index.add(path, summary)


async def summarise(
    server: ClaudeLangServer,
    files: list[Found],
    known: list[Path],
    limit: int,
    cache: IndexCache | None,
    progress: Progress | None = None,
    done: int = 0,
    total: int = 0,
) -> None:
    """Summarise `files` and add them to the index (and the cache): in-process for a few,
    else in worker processes that know the `known` files their imports may name."""
    if not files:
        return
    by_path = {file.path: file for file in files}
    index = server.index
    if few_and_small(files):
        summarise_in_process(server, files, limit, cache)
        return
    loop = asyncio.get_running_loop()
    pool = worker_pool(index.roots, known, limit)
    try:
        submitted = await loop.run_in_executor(None, submit_batches, pool, list(by_path))
        # Batches are taken as they finish and nothing keeps one after its merge: holding
        # every result until the end kept each file's JSON text (240 MB for 20,000 files).
        finished: asyncio.Queue[asyncio.Future[list[Summarised]]] = asyncio.Queue()
        for future in submitted:
            asyncio.wrap_future(future).add_done_callback(finished.put_nowait)
        count = len(submitted)
        del submitted
        for _ in range(count):
            results = (await finished.get()).result()
            merge(server, results, by_path, cache)
            done += len(results)
            if progress is not None:
                progress.report(done, total)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def few_and_small(files: list[Found]) -> bool:
    """Whether summarising `files` on the event loop is quicker than starting workers and
    short enough not to be felt: a 1 MB file took 1.6-2.6 s there, blocking every request."""
    return len(files) < IN_PROCESS and sum(file.size for file in files) <= IN_PROCESS_BYTES


def summarise_in_process(server: ClaudeLangServer, files: list[Found], limit: int, cache: IndexCache | None) -> None:
    """Summarise a few files here and now, and add them to the index."""
    results = [summarised(f.path, summarise_here(server, f.path, limit)) for f in files]
    merge(server, results, {file.path: file for file in files}, cache)


def summarise_here(server: ClaudeLangServer, path: Path, limit: int) -> FileSummary | None:
    data = read_capped(path, limit)
    if data is None:
        return None
    return server.index.summarised(path, decode(data)).summary


def merge(
    server: ClaudeLangServer, results: list[Summarised], by_path: dict[Path, Found], cache: IndexCache | None
) -> None:
    is_open = open_paths(server)
    rows = []
    for path, summary, text in results:
        if summary is None:
            server.index.remove(path)
            continue
        if path not in is_open:
            server.index.add(path, summary)
        file = by_path[path]
        rows.append((path, file.size, file.mtime_ns, text))
    if cache is not None:
        cache.store(rows)


def recheck_open_documents(server: ClaudeLangServer) -> None:
    """The files the open documents import may have changed: what they find, and whether
    loading it fails. Re-analyse them and push their diagnostics again."""
    for doc in server.documents.values():
        doc.invalidate()
    schedule = getattr(server, "diagnostics_publisher", None)
    if schedule is not None:
        for uri in list(server.documents):
            schedule.schedule(uri)
    refresh_pulled_diagnostics(server)


def changed_files(server: ClaudeLangServer, paths: list[Path], limit: int) -> list[Found]:
    """The changed files that can be indexed; the others leave the index."""
    skipped: list[str] = []
    files = []
    for path in paths:
        file = checked(path, server.index.roots, limit, skipped)
        if file is None:
            server.index.remove(path)
        else:
            files.append(file)
    return files


async def files_changed(server: ClaudeLangServer, files: list[Found]) -> None:
    """Re-index changed or created files in workers (none of them open)."""
    known = sorted({*server.index.files, *(f.path for f in files)}, key=str)
    await summarise(server, files, known, server.max_file_bytes, None)
    recheck_open_documents(server)


async def index_then_complete(server: ClaudeLangServer) -> None:
    """Index the workspace; the index counts as complete afterwards even if that failed
    (cross-file renames wait for `index_done`)."""
    try:
        await index_workspace(server)
    finally:
        server.index_complete = True  # type: ignore[attr-defined]
        server.index_done.set()  # type: ignore[attr-defined]


def setup(server: ClaudeLangServer) -> None:
    server.index_complete = False  # type: ignore[attr-defined]
    server.index_done = asyncio.Event()  # type: ignore[attr-defined]

    @server.feature(lsp.INITIALIZED)
    def initialized(_params: lsp.InitializedParams) -> None:
        server.spawn(index_then_complete(server))
        server.spawn(collect_garbage_when_idle())

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = []
        for change in params.changes:
            path = server.path_of(change.uri)
            if path is None or path.suffix != ".cl" or change.uri in server.documents:
                continue
            if change.type == lsp.FileChangeType.Deleted:
                server.index.remove(path)
            else:
                paths.append(path)
        limit = server.max_file_bytes
        files = changed_files(server, paths, limit)
        if not few_and_small(files):
            server.spawn(files_changed(server, files))
            return
        if files:  # a few small ones: before the next request, which may depend on them
            summarise_in_process(server, files, limit, None)
        recheck_open_documents(server)

    @server.feature(lsp.WORKSPACE_SYMBOL)
    async def workspace_symbols(params: lsp.WorkspaceSymbolParams) -> list[lsp.SymbolInformation]:
        tell_if_indexing(server)  # files not indexed yet are missed
        query = params.query.lower()
        out: list[lsp.SymbolInformation] = []
        for count, (path, entry) in enumerate(list(server.index.files.items())):
            if count % 200 == 0:
                await asyncio.sleep(0)  # cancellable, and never blocks edits for long
            if query not in entry.symbol_names:
                continue
            uri: str | None = None
            for name, kind, (line, character, end_line, end_character), _signature in entry.summary.symbols:
                if query and query not in name.lower():
                    continue
                uri = uri or from_fs_path(str(path)) or str(path)
                where = lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character))
                out.append(
                    lsp.SymbolInformation(
                        name=name,
                        kind=SYMBOL_KINDS.get(DefKind(kind), lsp.SymbolKind.Variable),
                        location=lsp.Location(uri=uri, range=where),
                        container_name=entry.module_name,
                    )
                )
                if len(out) >= MAX_SYMBOLS:
                    return out
        return out
