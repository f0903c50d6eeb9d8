"""The corpus in PostgreSQL, so a team shares one corpus: `open_store("postgresql://user@host/db")`.

The same interface and behaviour as `SQLiteStore` (corpus/sqlite.py), in the
database a newsroom already runs. What both do alike lives once in
corpus/tables.py; this module holds only the SQL that differs:

- psycopg 3; reads go through a connection pool (a server's threads), writes
  through one connection of the store's own.
- Migrations: numbered steps of PostgreSQL DDL, frozen as written, run in one
  transaction under an advisory lock; the version is kept in `newsweave_schema`.
- Full-text search: a generated `tsvector` column (title weighted above text,
  English stemming) with a GIN index; snippets by `ts_headline`.
- One transaction per article (a savepoint inside `batch`). The order-dependent
  part of storing an article (its id, the duplicate check, the story it joins)
  runs under a transaction-level advisory lock: writers from several processes
  take turns article by article (or group by group), so the corpus they build is
  the one a single writer would have built from the same arrival order, and no
  article is lost. Readers never wait: PostgreSQL's snapshots.
- Article and story ids are the next free number taken under that lock, as
  SQLite's do, so both backends number a corpus alike.

psycopg is imported only when a PostgreSQL corpus is opened.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from contextlib import contextmanager, suppress
from functools import cached_property
from urllib.parse import urlsplit

from newsweave.corpus.dedup import MAX_BUCKET
from newsweave.corpus.store import LOCK_WAIT, Article, StoreError, now, query_words
from newsweave.corpus.tables import Articles, Briefs, Centroids, Duplicates, SQLStore, Stories, Tables
from newsweave.errors import InputError

# Advisory lock keys (one 32-bit namespace, "news", and a lock number): writing articles, migrating.
_NAMESPACE = 0x6E657773
WRITE_LOCK = (_NAMESPACE, 1)
MIGRATE_LOCK = (_NAMESPACE, 2)
# The full-text index holds each article's first this many characters (a tsvector is at most 1 MB).
INDEXED_CHARACTERS = 200_000
# Snippet marks while PostgreSQL builds the snippet (private-use characters, replaced afterwards).
_START, _STOP = "\ue000", "\ue001"

# Dates are ISO 8601 text and compared as text, so their columns sort bytewise (COLLATE "C"),
# whatever the database's locale, as SQLite's do.
SCHEMA_1 = f"""
CREATE TABLE stories (
    id BIGINT PRIMARY KEY,
    title TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    updated TEXT COLLATE "C" NOT NULL,
    -- bumped whenever an article joins: cached briefs of older versions are stale
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id BIGINT PRIMARY KEY,
    url TEXT,
    canonical_url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    author TEXT,
    outlet TEXT,
    published TEXT COLLATE "C",
    text TEXT NOT NULL,
    source TEXT,
    wire TEXT,
    story_id BIGINT REFERENCES stories(id),
    copy_of BIGINT REFERENCES articles(id),
    added TEXT COLLATE "C" NOT NULL,
    search TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', left(text, {INDEXED_CHARACTERS})), 'B')
    ) STORED
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_search ON articles USING GIN (search);
CREATE TABLE brief_cache (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id),
    key TEXT NOT NULL,
    brief BYTEA NOT NULL,
    created TEXT NOT NULL
);
"""

# The clustering and duplicate indexes (corpus/cluster.py, corpus/dedup.py): the tables of
# SQLite's step 2 (corpus/sqlite.py) in PostgreSQL's types.
SCHEMA_2 = """
CREATE TABLE cluster_stories (
    story_id BIGINT PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    first_day DOUBLE PRECISION,
    last_day DOUBLE PRECISION,
    terms TEXT NOT NULL DEFAULT '{}',
    names TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE cluster_members (
    article_id BIGINT PRIMARY KEY,
    story_id BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL
);
CREATE INDEX cluster_members_story ON cluster_members (story_id);
CREATE TABLE cluster_postings (
    key TEXT COLLATE "C" NOT NULL,
    story_id BIGINT NOT NULL,
    seen BIGINT NOT NULL,
    PRIMARY KEY (key, story_id)
);
CREATE INDEX cluster_postings_seen ON cluster_postings (key, seen);
CREATE TABLE cluster_frequencies (
    key TEXT COLLATE "C" PRIMARY KEY,
    documents BIGINT NOT NULL
);
CREATE TABLE cluster_totals (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
CREATE TABLE dedup_signatures (
    article_id BIGINT PRIMARY KEY,
    shingles INTEGER NOT NULL,
    wire TEXT,
    hashes BYTEA NOT NULL,
    duplicate_of BIGINT,
    reason TEXT
);
CREATE TABLE dedup_buckets (
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
);
"""


# SQLite's step 3: a story's articles by outlet (`Stories.joined` counts a story's outlets with it).
SCHEMA_3 = """
CREATE INDEX articles_story_outlet ON articles(story_id, outlet);
"""


def migrations() -> list[str]:
    """The ordered migration steps (SQL scripts): step N brings the version from N-1 to N. Only ever append."""
    return [SCHEMA_1, SCHEMA_2, SCHEMA_3]


def display_name(url: str) -> str:
    """The database URL as shown in messages: without its password."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username or ''}:***@{netloc.rsplit('@', 1)[1]}"
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def _modules(name: str):
    try:
        # lazy: psycopg loads only when a PostgreSQL corpus is opened (keeps `newsweave --help` fast).
        import psycopg
        import psycopg_pool
    except ImportError:
        raise InputError(f"{name}: a PostgreSQL corpus needs psycopg: pip install 'newsweave[postgres]'") from None
    return psycopg, psycopg_pool


def _reason(exc: Exception) -> str:
    """A psycopg error as one line."""
    return " ".join(str(exc).split()) or type(exc).__name__


class PostgresStore(SQLStore):
    mark = "%s"

    def __init__(self, url: str, readonly: bool = False, lock_wait: float = LOCK_WAIT, pool_size: int = 8):
        psycopg, psycopg_pool = _modules(display_name(url))
        self._psycopg = psycopg
        self.url = url
        self.path = display_name(url)  # what messages name the corpus by
        self.readonly = readonly
        self.lock_wait = lock_wait
        self._lock = threading.RLock()
        self._batch: dict | None = None
        self._writer = None
        # A read-only store's sessions cannot write at all, whatever the code asks.
        self._options: dict[str, object] = {"autocommit": True}
        if readonly:
            self._options["options"] = "-c default_transaction_read_only=on"
        conn = self._connect()
        try:
            self._migrate(conn)
        except psycopg.Error as exc:
            conn.close()
            raise InputError(f"{self.path}: cannot open the corpus ({_reason(exc)})") from None
        except BaseException:
            conn.close()
            raise
        if readonly:
            conn.close()
        else:
            self._writer = conn
        self.pool = psycopg_pool.ConnectionPool(
            url, min_size=1, max_size=pool_size, kwargs=self._options, open=True, name="newsweave-corpus"
        )

    def _connect(self):
        """The writer's session. Its statements (prepared by psycopg from their fifth use) are planned for any arguments:
        they look keys up by index, and a plan made for one article's literal arguments (on small,
        fresh tables PostgreSQL picks a full scan for a few hundred keys) went on scanning the
        whole table for every article, at 20–50 ms an article in the first few thousand."""
        options = dict(self._options)
        options["options"] = f"{options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
        try:
            return self._psycopg.connect(self.url, connect_timeout=10, **options)
        except self._psycopg.Error as exc:
            raise InputError(f"{self.path}: cannot connect to the corpus database ({_reason(exc)})") from None

    # --- migrations --------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self._rows("SELECT version FROM newsweave_schema")[0]["version"]

    @staticmethod
    def _stored_version(conn) -> int | None:
        if conn.execute("SELECT to_regclass('newsweave_schema')").fetchone()[0] is None:
            return None
        row = conn.execute("SELECT version FROM newsweave_schema").fetchone()
        return row[0] if row else 0

    def _migrate(self, conn) -> None:
        steps = migrations()
        version = self._stored_version(conn)
        if version is not None and version > len(steps):
            raise InputError(f"{self.path}: corpus schema version {version} is newer than this newsweave knows ({len(steps)})")
        if version == len(steps):
            return
        if self.readonly and not version:
            raise InputError(f"{self.path}: not a newsweave corpus database (no corpus tables)")
        if self.readonly:
            raise InputError(f"{self.path}: corpus schema version {version} needs upgrading; run `newsweave ingest` on it once")
        # The check and the steps share one transaction under a lock: of several processes
        # opening a new database at once, the first migrates and the others find the schema in place.
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", MIGRATE_LOCK)
            conn.execute("CREATE TABLE IF NOT EXISTS newsweave_schema (version INTEGER NOT NULL)")
            version = self._stored_version(conn) or 0  # the table exists now: 0 when just created
            if version > len(steps):
                raise InputError(f"{self.path}: corpus schema version {version} is newer than this newsweave knows ({len(steps)})")
            if not conn.execute("SELECT 1 FROM newsweave_schema").fetchone():
                conn.execute("INSERT INTO newsweave_schema (version) VALUES (0)")
            for number, step in enumerate(steps[version:], start=version + 1):
                conn.execute(step)
                conn.execute("UPDATE newsweave_schema SET version = %s", (number,))

    # --- transactions ------------------------------------------------------
    def _writer_connection(self):
        if self._writer is None or self._writer.closed or self._writer.broken:
            if self._writer is not None:
                self._writer.close()
            self._writer = self._connect()
        return self._writer

    def _begin(self, conn, lock_wait: float | None) -> None:
        """Start a write transaction holding the write lock; waits `lock_wait` s for a stuck writer at most."""
        errors = self._psycopg.errors
        lock_wait = self.lock_wait if lock_wait is None else lock_wait
        try:
            # One round trip (no parameters: the simple query protocol takes several statements).
            conn.execute(
                f"BEGIN; SET LOCAL lock_timeout = {max(1, int(lock_wait * 1000))}; "
                f"SELECT pg_advisory_xact_lock({WRITE_LOCK[0]}, {WRITE_LOCK[1]})"
            )
        except errors.LockNotAvailable:
            conn.execute("ROLLBACK")
            # PostgreSQL queues lock waiters in turn, so a wait this long means one writer held it throughout.
            raise StoreError(
                f"database is locked: another process has held the corpus for {lock_wait:g} s without committing"
            ) from None
        except BaseException:
            self._abandon(conn)
            raise

    def _commit(self, conn) -> None:
        """Write the group's document frequencies (`KnownFrequencies.write`) and commit; on any failure roll
        back, and what the writer kept of the frequencies is read afresh."""
        try:
            self.known_frequencies.write(conn)
            conn.execute("COMMIT")
        except BaseException:
            self._abandon(conn)
            self.known_frequencies.forget()
            raise

    @staticmethod
    def _abandon(conn) -> None:
        with suppress(Exception):  # the connection is gone: the server rolled back already
            conn.execute("ROLLBACK")

    def _in_transaction(self, conn) -> bool:
        return conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    @contextmanager
    def _transaction(self, lock_wait: float | None = None):
        """One unit of work (an article): its own transaction, or inside `batch` a savepoint."""
        with self._lock:
            conn = self._writer_connection()
            known = self.known_frequencies
            if self._batch is None:
                self._begin(conn, lock_wait)
                try:
                    with conn.pipeline():  # writes whose results are not read go with the next read: fewer round trips
                        yield conn
                except BaseException:
                    self._abandon(conn)
                    known.forget()
                    raise
                self._commit(conn)
                return
            if not self._in_transaction(conn):
                self._begin(conn, lock_wait)
                self._batch.update(units=0, started=time.monotonic())
            conn.execute("SAVEPOINT unit")
            known.start_article()
            try:
                with conn.pipeline():
                    yield conn
            except BaseException:
                try:
                    conn.execute("ROLLBACK TO unit")
                    conn.execute("RELEASE unit")
                    known.count_out()
                except Exception:
                    self._abandon(conn)
                    known.forget()
                raise
            conn.execute("RELEASE unit")
            self._batch["units"] += 1
            if self._batch["units"] >= self._batch["size"] or time.monotonic() - self._batch["started"] >= self._batch["seconds"]:
                self._commit(conn)

    @contextmanager
    def batch(self, size: int = 200, seconds: float = 1.0):
        """Commit the articles added inside in groups of `size`, or every `seconds` (see SQLiteStore.batch).

        The group holds the write lock until it commits: other writers wait for it, readers never do.
        """
        with self._lock:
            self._batch = {"size": size, "seconds": seconds, "thread": threading.get_ident()}
            try:
                yield self
            finally:
                self._batch = None
                conn = self._writer
                if conn is not None and not conn.closed and self._in_transaction(conn):
                    if conn.info.transaction_status == self._psycopg.pq.TransactionStatus.INTRANS:
                        self._commit(conn)  # every released savepoint is a whole article
                    else:
                        self._abandon(conn)
                        self.known_frequencies.forget()

    @cached_property
    def known_frequencies(self) -> KnownFrequencies:
        """The writer's document frequencies, kept across its transactions (see `KnownFrequencies`)."""
        return KnownFrequencies()

    def tables(self, conn) -> Tables:
        return Tables(PostgresArticles(conn), PostgresDuplicates(conn), PostgresStories(conn, self.centroids, self.known_frequencies))

    def _rows(self, sql: str, params=()) -> list[dict]:
        from psycopg.rows import dict_row  # lazy: psycopg (see _modules)

        batch = self._batch
        if batch is not None and batch["thread"] == threading.get_ident():
            # Inside a batch, this thread sees the articles its open transaction has added, as with SQLite.
            with self._lock:
                return self._writer_connection().cursor(row_factory=dict_row).execute(sql, params).fetchall()
        with self.pool.connection() as conn:
            return conn.cursor(row_factory=dict_row).execute(sql, params).fetchall()

    # --- reading -----------------------------------------------------------
    def _story_filter(self, query: str | None) -> tuple[str, tuple]:
        words = search_words(query)
        if not words:
            return "", ()
        return (
            "AND id IN (SELECT story_id FROM articles WHERE search @@ plainto_tsquery('english', %s))",
            (words,),
        )

    def search(self, query: str, limit: int = 20, mark: tuple[str, str] = ("[", "]")) -> list[dict]:
        words = search_words(query)
        if not words:
            return []
        options = f"StartSel={_START}, StopSel={_STOP}, MaxWords=16, MinWords=8, ShortWord=2, MaxFragments=1"
        # The snippets are made for the page of results only, after ranking.
        rows = self._rows(
            "SELECT a.id, a.title, a.story_id, a.outlet, a.published, "
            "ts_headline('english', translate(a.text, %s, ''), q, %s) AS snippet, "
            "left(a.text, 200) AS head, right(a.text, 200) AS tail "
            "FROM (SELECT id, ts_rank(search, q) AS rank, q FROM articles, plainto_tsquery('english', %s) AS q "
            "      WHERE search @@ q ORDER BY rank DESC, id LIMIT %s) AS best "
            "JOIN articles a ON a.id = best.id ORDER BY best.rank DESC, a.id",
            (_START + _STOP, options, words, int(limit)),
        )
        return [
            {
                "document": str(row["id"]),
                "title": row["title"],
                "snippet": _snippet(row, mark),
                "story": row["story_id"],
                "outlet": row["outlet"],
                "published": row["published"],
            }
            for row in rows
        ]

    def add_article(self, article: Article) -> int | None:
        try:
            return super().add_article(article)
        except self._psycopg.OperationalError as exc:
            if self._writer is not None and self._writer.broken:
                raise InputError(f"{self.path}: lost the connection to the corpus database ({_reason(exc)})") from None
            raise StoreError(_reason(exc)) from None
        except self._psycopg.Error as exc:
            # Data PostgreSQL refuses (a NUL character in a text): this article's error, not the source's.
            raise StoreError(_reason(exc)) from None

    def cache_brief(self, story_id: int, key: str, data: bytes) -> None:
        """Keep a story's brief (a read-only store never writes; a busy or read-only database is not waited on)."""
        if self.readonly:
            return
        errors = self._psycopg.errors
        try:
            with self.pool.connection() as conn, conn.transaction():
                conn.execute("SET LOCAL lock_timeout = 5000")
                PostgresBriefs(conn).keep(story_id, key, data)
        except (errors.LockNotAvailable, errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction):
            pass

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.close()
            self.pool.close()


def search_words(query: str | None) -> str:
    """A user's words for plainto_tsquery: every word must appear; nothing in them is syntax."""
    return " ".join(query_words(query))


def _snippet(row: dict, mark: tuple[str, str]) -> str:
    """ts_headline's fragment with the caller's marks, and '…' where it cuts the text (as FTS5's snippet)."""
    fragment = row["snippet"] or ""
    plain = fragment.replace(_START, "").replace(_STOP, "")
    text = fragment.replace(_START, mark[0]).replace(_STOP, mark[1])
    head, tail = row["head"] or "", row["tail"] or ""
    if plain and not head.startswith(plain[: len(head)]):
        text = "…" + text
    if plain and not tail.endswith(plain[-len(tail):] if tail else ""):
        text = text + "…"
    return text


# --- the tables: only the statements whose SQL differs from corpus/tables.py ---


class PostgresArticles(Articles):
    mark = "%s"


class PostgresDuplicates(Duplicates):
    mark = "%s"

    def _bucket_members(self, buckets):
        # One query for all bands, each band's bucket read only MAX_BUCKET deep, in band order.
        rows = self.execute(
            "SELECT hit.article_id FROM unnest(%s::bigint[]) WITH ORDINALITY AS q(bucket, band) "
            "CROSS JOIN LATERAL (SELECT article_id FROM dedup_buckets d WHERE d.band = q.band - 1 AND d.bucket = q.bucket "
            "ORDER BY article_id LIMIT %s) AS hit ORDER BY q.band, hit.article_id",
            (buckets, MAX_BUCKET),
        )
        return [row[0] for row in rows]

    def add(self, article_id, sig, buckets, duplicate_of, reason):
        self.execute(
            "INSERT INTO dedup_signatures (article_id, shingles, wire, hashes, duplicate_of, reason) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (article_id, sig.shingles, sig.wire, sig.hashes.tobytes(), duplicate_of, reason),
        )
        self.execute(
            "INSERT INTO dedup_buckets (band, bucket, article_id) "
            "SELECT band - 1, bucket, %s FROM unnest(%s::bigint[]) WITH ORDINALITY AS q(bucket, band) "
            "ON CONFLICT DO NOTHING",
            (article_id, list(buckets)),
        )


class KnownFrequencies:
    """The document frequencies as this writer's transaction sees them, kept from one article to the next,
    and written to the table in groups.

    Reading them back and writing them were the biggest costs of storing an article in PostgreSQL
    (some 300 keys an article: 2.1 ms to read and 2.2 ms to upsert, of about 11). So the writer
    keeps what it has read, counts each article in memory, and writes a group's counts once,
    summed, just before the group commits (`PostgresStore._transaction`); until then it holds the
    write lock, so no other writer reads or writes them. An article rolled back (its savepoint)
    is counted out again.

    What was read is valid only for the version of the corpus it was read in: the documents
    total's row changes, with a new `xmin`, in the statement that writes the frequencies, whoever
    writes them; another writer's articles, or a group rolled back, show as a version this cache
    did not see, and it starts afresh. (`xmin` and the total together: a rollback and another
    writer's articles can bring the total back to the same number, never to the same row version.)
    """

    # Past this many keys the cache starts afresh (some 100 MB of Python strings).
    LIMIT = 1_000_000

    def __init__(self):
        self.forget()

    def forget(self) -> None:
        """Nothing kept is known to hold (a transaction rolled back, or the first use)."""
        self.counts: dict[str, int] = {}  # key -> documents: the table's, plus those not written yet
        self.version: tuple | None = None
        self.unwritten: Counter[str] = Counter()
        self.unwritten_documents = 0
        self.article: list[str] | None = None  # the keys the article being stored counted (to count it out)

    def check(self, version: tuple | None) -> None:
        if version != self.version or len(self.counts) > self.LIMIT:
            self.counts = {}
        self.version = version

    def learn(self, stored: dict[str, int], keys: list[str]) -> None:
        """The table's counts of `keys` (`stored`, absent for none), with what is not written yet."""
        self.counts.update({key: stored.get(key, 0) + self.unwritten[key] for key in keys})

    def count(self, keys: list[str]) -> None:
        counts = self.counts
        for key in keys:
            counts[key] += 1
        self.unwritten.update(keys)
        self.unwritten_documents += 1
        self.article = keys

    def start_article(self) -> None:
        self.article = None

    def count_out(self) -> None:
        """The article being stored was rolled back: its counts go too."""
        if self.article is not None:
            for key in self.article:
                self.counts[key] -= 1
                self.unwritten[key] -= 1
            self.unwritten_documents -= 1
        self.article = None

    def write(self, conn) -> None:
        """Write the counts not written yet, in one statement (before the transaction commits)."""
        self.article = None
        if not self.unwritten_documents:
            return
        keys = sorted(key for key, count in self.unwritten.items() if count)
        row = conn.execute(
            "WITH total AS (INSERT INTO cluster_totals (name, value) VALUES ('documents', %s) "
            "ON CONFLICT (name) DO UPDATE SET value = cluster_totals.value + excluded.value RETURNING value, xmin::text), "
            "counted AS (INSERT INTO cluster_frequencies (key, documents) SELECT * FROM unnest(%s::text[], %s::bigint[]) "
            "ON CONFLICT (key) DO UPDATE SET documents = cluster_frequencies.documents + excluded.documents) "
            "SELECT value, xmin FROM total",
            (self.unwritten_documents, keys, [self.unwritten[key] for key in keys]),
        ).fetchone()
        self.version = tuple(row)
        self.unwritten = Counter()
        self.unwritten_documents = 0


class PostgresStories(Stories):
    mark = "%s"

    def new_story(self) -> int:
        """Its id is the next free one, as in SQLite (the caller holds the write lock)."""
        return self.one(
            "INSERT INTO stories (id, updated) SELECT COALESCE(MAX(id), 0) + 1, %s FROM stories RETURNING id", (now(),)
        )[0]

    def __init__(self, conn, centroids: Centroids | None = None, known: KnownFrequencies | None = None):
        super().__init__(conn, centroids)
        self.known = known if known is not None else KnownFrequencies()

    def document_count(self):
        row = self.one("SELECT value, xmin::text FROM cluster_totals WHERE name = 'documents'")
        self.known.check(tuple(row) if row else None)
        return (row[0] if row else 0) + self.known.unwritten_documents

    def frequencies(self, keys):
        keys = list(dict.fromkeys(keys))
        counts = self.known.counts
        missing = [key for key in keys if key not in counts]
        if missing:
            stored = dict(self.execute("SELECT key, documents FROM cluster_frequencies WHERE key = ANY(%s)", (missing,)).fetchall())
            self.known.learn(stored, missing)
        return {key: counts[key] for key in keys if counts[key]}

    def add_document(self, keys):
        keys = list(dict.fromkeys(keys))
        self.frequencies(keys)  # (read already, unless a caller counts keys it never asked about)
        self.known.count(keys)  # written with its group's: KnownFrequencies.write

    def postings(self, keys):
        found: dict[str, list[int]] = {}
        # Each key's stories from the longest unseen to the latest, as every state lists them (Stories.postings).
        for key, story_id in self.execute(
            "SELECT key, story_id FROM cluster_postings WHERE key = ANY(%s) ORDER BY key, seen", (list(keys),)
        ):
            found.setdefault(key, []).append(story_id)
        self.lengths = {key: len(stories) for key, stories in found.items()}
        return found

    def _post(self, keys, story_id, seen):
        self.execute(
            "INSERT INTO cluster_postings (key, story_id, seen) SELECT key, %s, %s FROM unnest(%s::text[]) AS key "
            "ON CONFLICT (key, story_id) DO UPDATE SET seen = excluded.seen",
            (story_id, seen, keys),
        )


class PostgresBriefs(Briefs):
    mark = "%s"
