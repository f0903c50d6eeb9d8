"""The corpus store: articles, the stories they belong to, and a full-text index.

`Store` is the interface the rest of newsweave uses (ingest, the command line,
the web app); `SQLiteStore` is the default backend: one file, WAL mode,
numbered migrations (`PRAGMA user_version`), FTS5 over title and text.
`open_store` opens a `postgresql://` URL with `PostgresStore`
(corpus/postgres.py) instead: one corpus a team shares.

Every write of one article (the row, its duplicate check, its story) happens in
one transaction, so a killed ingest leaves either the whole article or none of it.

Several processes may write one corpus at once (parallel `ingest`s, even into
a file none of them has created yet): a writer waits for the write lock as long
as the others keep committing, and gives up only when no one has committed for
`lock_wait` seconds (a writer that hangs).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from newsweave.errors import InputError
from newsweave.story import Document


@dataclass
class Article:
    """One article as a source reads it, before it is stored."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None  # where it was read from: a URL, or a path
    canonical_url: str | None = None
    source: str | None = None  # the ingest source, e.g. "feeds.opml" or "export.jsonl line 3"
    # What storing it needs that depends on it alone, worked out ahead by an engine (corpus/ingest.py `prepare`).
    prepared: Any = field(default=None, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """The same words in the same order hash alike, whatever the spacing or case."""
    normalized = " ".join(text.casefold().split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


class StoreError(Exception):
    """An article the backend could not store (refused data, a lock never released): that article's error."""


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store(ABC):
    """What newsweave needs from a corpus backend."""

    # --- reading -----------------------------------------------------------
    @abstractmethod
    def stories(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Stories, biggest and newest first: {"id", "title", "articles", "outlets",
        "first_published", "last_published", "updated"}. `query` keeps the stories
        with an article matching that full-text search."""

    @abstractmethod
    def count_stories(self, query: str | None = None) -> int: ...

    @abstractmethod
    def story(self, story_id: int) -> dict | None: ...

    @abstractmethod
    def story_documents(self, story_id: int) -> list[Document]:
        """The story's articles as `Document`s, oldest first; `copy_of` marks syndicated copies."""

    @abstractmethod
    def document(self, document_id: str) -> Document | None: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Articles matching a full-text query, best first:
        {"document", "title", "snippet", "story", "outlet", "published"}."""

    @abstractmethod
    def count_articles(self) -> int: ...

    # --- writing -----------------------------------------------------------
    @abstractmethod
    def has_url(self, url: str) -> bool:
        """True when an article read from, or canonically at, `url` is stored (so it need not be fetched again)."""

    @abstractmethod
    def add_article(self, article: Article) -> int | None:
        """Store a new article with its duplicate check and story, in one transaction.
        Returns its id, or None when the same article (canonical URL or content hash) is already stored."""

    def batch(self, size: int = 200, seconds: float = 1.0):
        """A context in which `add_article`s may be committed in groups (a backend may ignore it)."""
        return nullcontext(self)

    @abstractmethod
    def cached_brief(self, story_id: int, key: str) -> bytes | None: ...

    @abstractmethod
    def cache_brief(self, story_id: int, key: str, data: bytes) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# --- SQLite ------------------------------------------------------------------

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


def _schema_1(conn: sqlite3.Connection) -> None:
    for statement in _statements(SCHEMA_1):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (executescript would commit mid-migration)."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements


def _clustering_tables(conn: sqlite3.Connection) -> None:
    """The duplicate index and story-clustering index (corpus/dedup.py, corpus/cluster.py)."""
    from newsweave.corpus.cluster import tables_sql

    for statement in _statements(tables_sql()):
        conn.execute(statement)


def migrations() -> list[Callable[[sqlite3.Connection], None]]:
    """The ordered migration steps: step N brings user_version from N-1 to N. Only ever append."""
    return [_schema_1, _clustering_tables]


# How long a writer waits for the write lock while no other writer commits anything.
LOCK_WAIT = 120.0
# One wait inside SQLite's own busy handler, between two looks at whether the others progress.
_BUSY_SLICE_MS = 2000


def _is_busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        words in str(exc) for words in ("database is locked", "database is busy", "database table is locked")
    )


class SQLiteStore(Store):
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
                step(self.conn)
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
    _STORY_FIELDS = "id, title, articles, outlets, first_published, last_published, updated"
    _STORY_ORDER = "ORDER BY articles DESC, COALESCE(last_published, updated) DESC, id DESC"

    def stories(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        where, params = self._story_filter(query)
        rows = self._rows(
            f"SELECT {self._STORY_FIELDS} FROM stories WHERE articles > 0 {where} {self._STORY_ORDER} LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)),
        )
        return [dict(row) for row in rows]

    def count_stories(self, query: str | None = None) -> int:
        where, params = self._story_filter(query)
        return self._rows(f"SELECT COUNT(*) FROM stories WHERE articles > 0 {where}", params)[0][0]

    def _story_filter(self, query: str | None) -> tuple[str, tuple]:
        if not query or not fts_query(query):
            return "", ()
        return (
            "AND id IN (SELECT story_id FROM articles WHERE id IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
            (fts_query(query),),
        )

    def story(self, story_id: int) -> dict | None:
        rows = self._rows(f"SELECT {self._STORY_FIELDS}, version FROM stories WHERE id = ?", (int(story_id),))
        return dict(rows[0]) if rows else None

    def story_documents(self, story_id: int) -> list[Document]:
        rows = self._rows(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY COALESCE(published, added), id", (int(story_id),)
        )
        return [_document(row) for row in rows]

    def document(self, document_id: str) -> Document | None:
        try:
            number = int(document_id)
        except (TypeError, ValueError):
            return None
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (number,))
        return _document(rows[0]) if rows else None

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

    def count_articles(self) -> int:
        return self._rows("SELECT COUNT(*) FROM articles")[0][0]

    # --- writing -----------------------------------------------------------
    def has_url(self, url: str) -> bool:
        return bool(self._rows("SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1", (url, url)))

    def add_article(self, article: Article) -> int | None:
        from newsweave.corpus import hooks
        from newsweave.corpus.ingest import prepare

        stored = "SELECT 1 FROM articles WHERE content_hash = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)"
        digest = article.content_hash
        key = (digest, article.canonical_url)
        if article.prepared is None and not self._rows(stored, key):
            # The signature and features depend on the article alone: worked out before taking the
            # write lock (the first article also loads spaCy's word lists and datasketch, for seconds),
            # and not at all for a copy already stored (articles are never deleted).
            article = replace(article, prepared=prepare(article))
        with self._transaction() as conn:
            if conn.execute(stored, key).fetchone():
                return None
            article_id = conn.execute(
                "INSERT INTO articles (url, canonical_url, content_hash, title, author, outlet, published, text, "
                "source, wire, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.url,
                    article.canonical_url,
                    digest,
                    article.title,
                    article.author,
                    article.outlet,
                    article.published,
                    article.text,
                    article.source,
                    article.prepared.wire,
                    now(),
                ),
            ).lastrowid
            copy_of = hooks.find_duplicate(conn, article_id, article)
            story_id = hooks.assign_story(conn, article_id, article)
            conn.execute("UPDATE articles SET copy_of = ?, story_id = ? WHERE id = ?", (copy_of, story_id, article_id))
            refresh_story(conn, story_id, story_label(article))
            return article_id

    def cached_brief(self, story_id: int, key: str) -> bytes | None:
        rows = self._rows(
            "SELECT brief FROM brief_cache JOIN stories ON stories.id = brief_cache.story_id "
            "WHERE story_id = ? AND key = ? || ':' || stories.version",
            (int(story_id), key),
        )
        return rows[0][0] if rows else None

    def cache_brief(self, story_id: int, key: str, data: bytes) -> None:
        """Keep a story's brief (a read-only store never writes; a busy corpus is not waited on long)."""
        if self.readonly:
            return
        try:
            with self._transaction(lock_wait=5.0) as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO brief_cache (story_id, key, brief, created) "
                    "SELECT id, ? || ':' || version, ?, ? FROM stories WHERE id = ?",
                    (key, data, now(), int(story_id)),
                )
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()


def refresh_story(conn: sqlite3.Connection, story_id: int, title: str | None = None) -> None:
    """Recount a story's articles and outlets and bump its version, so cached briefs go stale."""
    conn.execute(
        "UPDATE stories SET title = COALESCE(title, ?), articles = s.articles, outlets = s.outlets, "
        "first_published = s.first, last_published = s.last, updated = ?, version = version + 1 "
        "FROM (SELECT COUNT(*) AS articles, COUNT(DISTINCT COALESCE(outlet, id)) AS outlets, "
        "MIN(published) AS first, MAX(published) AS last FROM articles WHERE story_id = ?) AS s "
        "WHERE stories.id = ?",
        (title, now(), story_id, story_id),
    )


def story_label(article: Article, limit: int = 100) -> str | None:
    """A story's title: its first article's, or for an untitled text its first line, cut at a word."""
    if article.title:
        return article.title
    line = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line or None
    return line[:limit].rsplit(" ", 1)[0] + "…"


def new_story(conn: sqlite3.Connection, title: str | None = None) -> int:
    return conn.execute("INSERT INTO stories (title, updated) VALUES (?, ?)", (title, now())).lastrowid


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=str(row["id"]),
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        url=row["canonical_url"] or row["url"],
        copy_of=None if row["copy_of"] is None else str(row["copy_of"]),
    )


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word must appear (quoted, so no word is taken for syntax)."""
    return " ".join(f'"{word}"' for word in _WORD.findall(text or ""))


DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(db) -> bool:
    """True for a PostgreSQL URL (`postgresql://user@host/db`), False for an SQLite file's path."""
    return isinstance(db, str) and db.startswith(DATABASE_URL_SCHEMES)


def open_store(path: str | Path, readonly: bool = False) -> Store:
    """Open a corpus, creating and migrating it as needed (readonly: an existing corpus, never written).

    `path` is an SQLite file, or a `postgresql://` URL of an existing PostgreSQL database."""
    if is_database_url(path):
        from newsweave.corpus.postgres import PostgresStore

        return PostgresStore(path, readonly=readonly)
    return SQLiteStore(path, readonly=readonly)
