"""The index cache on disk: file summaries in SQLite, in the user cache folder.

One database per set of workspace folders, in `$XDG_CACHE_HOME/claudelang` (else
`~/.cache/claudelang`). A row is a file's summary (JSON, `analysis.summaries`) keyed by
its path, with the size, modification time and content digest it was made from: a file
is taken from the cache only when all of them still match, so reopening an unchanged
workspace reads summaries instead of parsing. The database records the package version
and the schema it was written with; a database of another version, one that SQLite
cannot read, or a row that is not a summary is discarded, never trusted. Failing to use
the cache never fails indexing: it only makes it slower.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from claudelang import __version__
from claudelang.analysis.summaries import BadSummary, FileSummary, from_json
from claudelang.lsp.early import cache_folder

log = logging.getLogger(__name__)
SCHEMA = "2"
# Summaries read between two collections of the young generation. A summary is about 160
# new tuples, which the collector untracks at its first pass over them: 20,000 read on a
# thread left 3 million for the server's next collection, 0.4 s on the event loop.
YOUNG_EVERY = 500


def cache_file(roots: list[Path]) -> Path:
    key = hashlib.sha256("\0".join(sorted(str(r.resolve()) for r in roots)).encode()).hexdigest()[:20]
    return cache_folder() / f"index-{key}.sqlite"


@dataclass(frozen=True, slots=True)
class Cached:
    size: int
    mtime_ns: int
    summary: FileSummary


class IndexCache:
    """Summaries of one workspace's files, as they were when last indexed."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except (OSError, sqlite3.Error) as exc:
            log.warning("index cache discarded (%s): %s", file, exc)
            with contextlib.suppress(OSError):
                file.unlink()
            try:
                self.db = self._open()
            except (OSError, sqlite3.Error) as again:
                log.warning("index cache unavailable (%s): %s", file, again)

    def _open(self) -> sqlite3.Connection:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.file, timeout=1.0, check_same_thread=False)  # loaded on a thread, one use at a time
        try:
            db.execute("pragma synchronous = off")  # a lost write costs a re-parse, a damaged file is discarded
            db.execute("create table if not exists meta (key text primary key, value text not null)")
            stamp = dict(db.execute("select key, value from meta").fetchall())
            if stamp != {"version": __version__, "schema": SCHEMA}:
                if stamp:
                    log.info("index cache of another version discarded: %s", self.file)
                db.execute("drop table if exists files")
                db.execute("delete from meta")
                db.executemany("insert into meta values (?, ?)", [("version", __version__), ("schema", SCHEMA)])
            db.execute(
                "create table if not exists files (path text primary key, size integer not null,"
                " mtime_ns integer not null, summary text not null)"
            )
            db.commit()
            db.execute("select count(*) from files").fetchone()  # a damaged file fails here at the latest
        except BaseException:
            db.close()
            raise
        return db

    def load(self) -> dict[str, Cached]:
        """Every stored summary by path; rows that are not summaries are left out."""
        if self.db is None:
            return {}
        out: dict[str, Cached] = {}
        try:
            rows = self.db.execute("select path, size, mtime_ns, summary from files").fetchall()
        except sqlite3.Error as exc:
            log.warning("index cache unreadable, discarded: %s", exc)
            self.clear()
            return {}
        for count, (path, size, mtime_ns, text) in enumerate(rows, 1):
            if count % YOUNG_EVERY == 0:
                gc.collect(0)  # a pause of a few ms here, not one of 0.4 s later
            try:
                if not (isinstance(path, str) and isinstance(size, int) and isinstance(mtime_ns, int)):
                    raise BadSummary("bad key")
                out[path] = Cached(size, mtime_ns, from_json(json.loads(text)))
            except (BadSummary, TypeError, ValueError, RecursionError):
                continue
        return out

    def store(self, rows: list[tuple[Path, int, int, str]]) -> None:
        """Record summaries: path, size, modification time and the summary's JSON text
        (`FileSummary.to_text`, made where the summary was)."""
        if self.db is None or not rows:
            return
        try:
            with self.db:
                self.db.executemany(
                    "insert or replace into files values (?, ?, ?, ?)",
                    [(str(path), size, mtime, text) for path, size, mtime, text in rows],
                )
        except sqlite3.Error as exc:
            log.warning("index cache not written: %s", exc)

    def forget(self, paths: list[Path]) -> None:
        if self.db is None or not paths:
            return
        try:
            with self.db:
                self.db.executemany("delete from files where path = ?", [(str(p),) for p in paths])
        except sqlite3.Error as exc:
            log.warning("index cache not written: %s", exc)

    def clear(self) -> None:
        if self.db is None:
            return
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.execute("delete from files")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
