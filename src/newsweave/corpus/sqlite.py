"""The SQLite corpus backend, the default: one file, WAL mode, FTS5 over title and text.

Migrations are numbered SQL scripts, frozen as written (an old step never
changes with today's code), counted in `PRAGMA user_version`.

Writes keep the promises of corpus/store.py (one transaction per article, several
writers at once); here they rest on SQLite's write lock (BEGIN IMMEDIATE), waited
for while other writers keep committing.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from newsweave.corpus.store import LOCK_WAIT, query_words
from newsweave.corpus.tables import Briefs, SQLStore
from newsweave.errors import InputError

SCHEMA_1 = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published TEXT,
    updated TEXT NOT NULL,
    -- bumped whenever an article joins: cached briefs of older versions are stale
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT,
    canonical_url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    author TEXT,
    outlet TEXT,
    published TEXT,
    text TEXT NOT NULL,
    source TEXT,
    wire TEXT,
    story_id INTEGER REFERENCES stories(id),
    copy_of INTEGER REFERENCES articles(id),
    added TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_url ON articles(url);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TABLE brief_cache (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id),
    key TEXT NOT NULL,
    brief BLOB NOT NULL,
    created TEXT NOT NULL
);
"""


# The duplicate index and story-clustering index (corpus/dedup.py, corpus/cluster.py), as this step
# created them (then `cluster.tables_sql()`; IF NOT EXISTS because some corpora had them made at run time).
SCHEMA_2 = """
CREATE TABLE IF NOT EXISTS cluster_stories (
    story_id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    first_day REAL,
    last_day REAL,
    terms TEXT NOT NULL DEFAULT '{}',
    names TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS cluster_members (
    article_id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS cluster_members_story ON cluster_members (story_id);
CREATE TABLE IF NOT EXISTS cluster_postings (
    key TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    seen INTEGER NOT NULL,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cluster_postings_seen ON cluster_postings (key, seen);
CREATE TABLE IF NOT EXISTS cluster_frequencies (
    key TEXT PRIMARY KEY,
    documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_totals (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dedup_signatures (
    article_id INTEGER PRIMARY KEY,
    shingles INTEGER NOT NULL,
    wire TEXT,
    hashes BLOB NOT NULL,
    duplicate_of INTEGER,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS dedup_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
"""


# Step 3: a story's articles by outlet, so an article joining a story counts its outlets without
# reading every article of the story (a 2,000-article story took 7 ms an article: docs/benchmarks.md).
SCHEMA_3 = """
CREATE INDEX IF NOT EXISTS articles_story_outlet ON articles(story_id, outlet);
"""


def migrations() -> list[str]:
    """The ordered migration steps (SQL scripts): step N brings user_version from N-1 to N. Only ever append."""
    return [SCHEMA_1, SCHEMA_2, SCHEMA_3]


def statements(script: str) -> list[str]:
    """Split a schema script into statements (executescript would commit mid-migration)."""
    found, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            found.append(joined)
            current = []
    return found


# WAL pages between two automatic checkpoints (SQLite's default: 1,000).
WAL_CHECKPOINT_PAGES = 10_000

# One wait inside SQLite's own busy handler, between two looks at whether the others progress.
_BUSY_SLICE_MS = 2000


def _is_busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        words in str(exc) for words in ("database is locked", "database is busy", "database table is locked")
    )


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path, readonly: bool = False, lock_wait: float = LOCK_WAIT):
        self.path = Path(path)
        self.readonly = readonly
        self.lock_wait = lock_wait
        self._lock = threading.RLock()
        self._batch: dict | None = None
        if readonly:
            if not self.path.is_file():
                raise InputError(f"{self.path}: no such corpus database")
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            if not self.path.parent.is_dir():
                raise InputError(f"{self.path}: no folder {self.path.parent}")
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {_BUSY_SLICE_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                # Switching a new file to WAL takes the write lock: wait for it like any write.
                self._patiently(lambda: self.conn.execute("PRAGMA journal_mode = WAL").fetchone())
                # WAL + NORMAL: a crash can lose the last commits, never consistency.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # An article touches some 200 pages scattered over the indexes (dedup buckets, term
                # frequencies, postings), so SQLite's default checkpoint every 1,000 WAL pages came every
                # ~5 articles, each writing and syncing a thousand pages. Every 10,000 (a WAL of ~40 MB)
                # writes a page changed by many articles back once and syncs a tenth as often.
                self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if _is_busy(exc):
                raise InputError(f"{self.path}: {exc}") from None
            raise InputError(f"{self.path}: not a newsweave corpus database ({exc})") from None
        except BaseException:
            self.conn.close()
            raise

    # --- migrations --------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        steps = migrations()
        version = self._patiently(lambda: self.schema_version)
        if version > len(steps):
            raise InputError(f"{self.path}: corpus schema version {version} is newer than this newsweave knows ({len(steps)})")
        if version == len(steps):
            return
        if self.readonly and version == 0:
            raise InputError(f"{self.path}: not a newsweave corpus database (no corpus tables)")
        if self.readonly:
            raise InputError(f"{self.path}: corpus schema version {version} needs upgrading; run `newsweave ingest` on it once")
        # The check and the steps share one write transaction: of several processes opening a new
        # file at once, the first migrates and the others find the schema in place.
        with self._transaction():
            version = self.schema_version
            if version > len(steps):
                raise InputError(f"{self.path}: corpus schema version {version} is newer than this newsweave knows ({len(steps)})")
            for number, step in enumerate(steps[version:], start=version + 1):
                for statement in statements(step):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")

    def _patiently(self, action: Callable, lock_wait: float | None = None):
        """Run `action` (a statement that needs a lock), retrying while the database is busy.

        Each try waits up to `_BUSY_SLICE_MS` inside SQLite. Between tries, a
        changed `PRAGMA data_version` means another connection committed: the
        lock is changing hands, not stuck, so the deadline starts again. Only
        `lock_wait` seconds without any commit end the wait (a hung writer).
        SQLite's busy handler alone is not enough: it polls, so a writer that
        commits often (an ingest in batches) can keep others out well past
        any fixed timeout, and some lock upgrades fail at once without waiting.
        """
        lock_wait = self.lock_wait if lock_wait is None else lock_wait
        deadline = time.monotonic() + lock_wait
        seen = None
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                try:
                    version = self.conn.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.OperationalError:
                    version = seen
                if version != seen:
                    seen, deadline = version, time.monotonic() + lock_wait
                elif time.monotonic() >= deadline:
                    raise sqlite3.OperationalError(
                        f"database is locked: another process has held the corpus for {lock_wait:g} s without committing"
                    ) from None
                time.sleep(0.01)

    def _begin(self, lock_wait: float | None = None) -> None:
        self._patiently(lambda: self.conn.execute("BEGIN IMMEDIATE"), lock_wait)

    @contextmanager
    def _transaction(self, lock_wait: float | None = None):
        """One unit of work (an article): its own transaction, or inside `batch` a savepoint."""
        with self._lock:
            if self._batch is None:
                self._begin(lock_wait)
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
                return
            if not self.conn.in_transaction:
                self._begin(lock_wait)
                self._batch.update(units=0, started=time.monotonic())
            self.conn.execute("SAVEPOINT unit")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO unit")
                self.conn.execute("RELEASE unit")
                raise
            self.conn.execute("RELEASE unit")
            self._batch["units"] += 1
            if self._batch["units"] >= self._batch["size"] or time.monotonic() - self._batch["started"] >= self._batch["seconds"]:
                self.conn.execute("COMMIT")

    @contextmanager
    def batch(self, size: int = 200, seconds: float = 1.0):
        """Commit the articles added inside in groups of `size`, or every `seconds`, instead of one by one.

        Each article is still all or nothing (a savepoint); a killed process
        loses at most the group in flight. For fast local sources only: the
        group holds the write lock until it commits.
        """
        with self._lock:
            self._batch = {"size": size, "seconds": seconds}
            try:
                yield self
            finally:
                self._batch = None
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")  # every released savepoint is a whole article

    def _rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        with self._lock:
            return self._patiently(lambda: self.conn.execute(sql, params).fetchall())

    # --- reading -----------------------------------------------------------
    def _story_filter(self, query: str | None) -> tuple[str, tuple]:
        if not fts_query(query):
            return "", ()
        return (
            "AND id IN (SELECT story_id FROM articles WHERE id IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
            (fts_query(query),),
        )

    def search(self, query: str, limit: int = 20, mark: tuple[str, str] = ("[", "]")) -> list[dict]:
        match = fts_query(query)
        if not match:
            return []
        rows = self._rows(
            "SELECT a.id, a.title, a.story_id, a.outlet, a.published, "
            "snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 2.0, 1.0) LIMIT ?",
            (mark[0], mark[1], match, int(limit)),
        )
        return [
            {
                "document": str(row["id"]),
                "title": row["title"],
                "snippet": row["snippet"],
                "story": row["story_id"],
                "outlet": row["outlet"],
                "published": row["published"],
            }
            for row in rows
        ]

    def cache_brief(self, story_id: int, key: str, data: bytes) -> None:
        """Keep a story's brief (a read-only store never writes; a busy corpus is not waited on long)."""
        if self.readonly:
            return
        try:
            with self._transaction(lock_wait=5.0) as conn:
                Briefs(conn).keep(story_id, key, data)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()


def fts_query(text: str | None) -> str:
    """A user's words as an FTS5 query: every word must appear (quoted, so no word is taken for syntax)."""
    return " ".join(f'"{word}"' for word in query_words(text))
