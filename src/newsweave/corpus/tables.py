"""The corpus tables, one object per concern, and the logic both SQL backends share.

- `Articles`: the articles table (is it stored? insert, link to its copy and story);
- `Duplicates`: corpus/dedup.py's `DedupState` in the `dedup_*` tables;
- `Stories`: corpus/cluster.py's `ClusterState` in the `cluster_*` tables, and the `stories` rows;
- `Briefs`: the brief cache.

Each owns its SQL, written once with `?` marks; a backend whose driver takes
other marks sets `mark` (PostgreSQL: `%s`), and overrides only the statements
whose SQL really differs (corpus/postgres.py). They run on the connection of
the caller's transaction and never commit.

`SQLStore` is the part of a `Store` that is the same for every SQL backend:
the reads that need no full-text index, and `add_article`'s steps. A backend
supplies the connection handling (`_rows`, `_transaction`), the full-text
search, its migrations, and `tables(conn)`.

The tables themselves come from the backends' migrations only, never at run time.
"""

from __future__ import annotations

import json
from collections import Counter, OrderedDict
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property, lru_cache
from typing import Any

from newsweave.corpus.cluster import Clusterer, StoryProfile
from newsweave.corpus.dedup import HASH_TYPE, MAX_BUCKET, MAX_CANDIDATES, Deduplicator, Signature
from newsweave.corpus.prepared import prepare
from newsweave.corpus.store import Article, Store, document_from_row, now, story_label
from newsweave.story import Document


@lru_cache(maxsize=512)
def _marked(sql: str, mark: str) -> str:
    return sql if mark == "?" else sql.replace("?", mark)


class Table:
    """A table object on one connection, in its transaction."""

    mark = "?"

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(_marked(sql, self.mark), params)

    def one(self, sql: str, params=()):
        return self.execute(sql, params).fetchone()


class Articles(Table):
    def stored(self, article: Article) -> bool:
        """The same article (content hash, or canonical URL) is stored already."""
        return self.one(
            "SELECT 1 FROM articles WHERE content_hash = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)",
            (article.content_hash, article.canonical_url),
        ) is not None

    def next_id(self) -> int:
        """The id the new article gets: the next free number (the caller holds the write lock).

        It is the id SQLite would give the row on its own (the largest plus one). Taking it
        first lets the row be written once, with its copy mark and story, after the duplicate
        check and the story assignment (which need the id): no second write of the row, its
        indexes and (in PostgreSQL) its generated tsvector."""
        return self.one("SELECT COALESCE(MAX(id), 0) + 1 FROM articles")[0]

    INSERT = (
        "INSERT INTO articles (id, url, canonical_url, content_hash, title, author, outlet, published, text, "
        "source, wire, copy_of, story_id, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def insert(self, article_id: int, article: Article, copy_of: int | None, story_id: int) -> None:
        """The article's row, with its copy mark and story."""
        self.execute(
            self.INSERT,
            (
                article_id,
                article.url,
                article.canonical_url,
                article.content_hash,
                article.title,
                article.author,
                article.outlet,
                article.published,
                article.text,
                article.source,
                article.prepared.wire,
                copy_of,
                story_id,
                now(),
            ),
        )


class Duplicates(Table):
    """The duplicate index (`dedup.DedupState`)."""

    def __init__(self, conn):
        super().__init__(conn)
        # Rows read once per article: signatures and originals never change once written.
        self.known: dict[Any, tuple] = {}

    def candidates(self, buckets):
        found = Counter(self._bucket_members(list(buckets)))
        # The signatures the deduplicator compares (dedup.Deduplicator.find), read together rather than one query each.
        best = [article_id for article_id, _ in found.most_common(MAX_CANDIDATES)]
        if best:
            marks = ",".join("?" * len(best))
            for row in self.execute(
                f"SELECT article_id, shingles, wire, hashes, duplicate_of FROM dedup_signatures WHERE article_id IN ({marks})",
                best,
            ):
                self.known[row[0]] = tuple(row[1:])
        return found

    def _bucket_members(self, buckets: list[int]) -> list:
        """The articles in each band's bucket, at most MAX_BUCKET a band, in band order then id order: one query.
        (The order is the Counter's, whose ties `most_common` keeps in first-seen order.)"""
        rows = self.execute(_bucket_query(len(buckets)), buckets).fetchall()
        rows.sort(key=lambda row: row[0])  # stable: each band's rows stay in id order
        return [row[1] for row in rows]

    def _row(self, article_id):
        if article_id not in self.known:
            row = self.one(
                "SELECT shingles, wire, hashes, duplicate_of FROM dedup_signatures WHERE article_id = ?", (article_id,)
            )
            if row is None:
                return None
            self.known[article_id] = tuple(row)
        return self.known[article_id]

    def signature(self, article_id):
        import numpy  # lazy: keeps `newsweave --help` fast (datasketch has loaded it by now anyway)

        row = self._row(article_id)
        if row is None:
            return None
        return Signature(numpy.frombuffer(bytes(row[2]), dtype=HASH_TYPE), row[0], row[1])

    def original(self, article_id):
        row = self._row(article_id)
        return row[3] if row and row[3] is not None else article_id

    def add(self, article_id, sig, buckets, duplicate_of, reason):
        self.execute(
            "INSERT INTO dedup_signatures (article_id, shingles, wire, hashes, duplicate_of, reason) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, sig.shingles, sig.wire, sig.hashes.tobytes(), duplicate_of, reason),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO dedup_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
            [(band, bucket, article_id) for band, bucket in enumerate(buckets)],
        )

    def recorded(self, article_id):
        row = self.one("SELECT duplicate_of, reason FROM dedup_signatures WHERE article_id = ?", (article_id,))
        return (True, row[0], row[1]) if row else (False, None, None)


@lru_cache(maxsize=8)
def _bucket_query(bands: int) -> str:
    """One SELECT per band, each reading its bucket MAX_BUCKET deep through the primary key, as one statement."""
    return " UNION ALL ".join(
        f"SELECT * FROM (SELECT {band} AS band, article_id FROM dedup_buckets WHERE band = {band} AND bucket = ? "
        f"ORDER BY article_id LIMIT {MAX_BUCKET})"
        for band in range(bands)
    )


def _encode(weights: dict[str, float]) -> str:
    return json.dumps(weights, separators=(",", ":"))


class Centroids:
    """Story centroids decoded from their stored JSON, kept from one article to the next.

    Decoding the candidates' centroids (about a dozen stories of 200 terms each) was
    the biggest Python cost of storing an article. An entry is used only when the
    stored text is the very text it was decoded from (or encoded to), compared in
    full: whatever another writer, or an article rolled back, did to a story, a
    changed row is decoded afresh, so the cache can never serve a stale centroid.
    The profiles handed out share the decoded dicts; the clusterer replaces a
    profile's dicts, never changes them in place (cluster._add_to_centroid copies).
    """

    def __init__(self, size: int = 512):
        self.size = size
        self.entries: OrderedDict[int, tuple[str, str, dict, dict, tuple[float, float]]] = OrderedDict()

    def profile(self, story_id: int, row) -> StoryProfile:
        if row is None:
            return StoryProfile(story_id)
        size, first_day, last_day, terms_text, names_text = row
        entry = self.entries.get(story_id)
        if entry is not None and entry[0] == terms_text and entry[1] == names_text:
            self.entries.move_to_end(story_id)
            _, _, terms, names, norms = entry
            return StoryProfile(story_id, size, first_day, last_day, terms, names, norms)
        profile = StoryProfile(story_id, size, first_day, last_day, json.loads(terms_text), json.loads(names_text))
        self.keep(profile, terms_text, names_text)
        return profile

    def keep(self, profile: StoryProfile, terms_text: str, names_text: str) -> None:
        self.entries[profile.id] = (terms_text, names_text, profile.terms, profile.names, profile.lengths())
        self.entries.move_to_end(profile.id)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Stories(Table):
    """The stories: their rows, and the clustering index (`cluster.ClusterState`)."""

    def __init__(self, conn, centroids: Centroids | None = None):
        super().__init__(conn)
        # Posting list lengths seen by the last lookup: only a full list needs trimming.
        self.lengths: dict[str, int] = {}
        self.centroids = centroids if centroids is not None else Centroids()

    # --- the stories table -------------------------------------------------
    def new_story(self) -> int:
        """A new story's row; the title comes with its first article (`joined`)."""
        return self.execute("INSERT INTO stories (updated) VALUES (?)", (now(),)).lastrowid

    def joined(self, story_id: int, article_id: int, article: Article) -> None:
        """Count a new article (stored already) into its story's row, and bump the story's version so
        cached briefs go stale. An article without an outlet counts as an outlet of its own.

        Counted up, not recounted: an article joins one story once and never leaves it, so the counts
        only grow, and a recount read every article of the story (7 ms an article in a story of 2,000).
        The outlet's first article in the story is found in the (story, outlet) index."""
        outlet, published = article.outlet, article.published
        self.execute(
            "UPDATE stories SET title = COALESCE(title, ?), articles = articles + 1, "
            "outlets = outlets + CASE WHEN CAST(? AS TEXT) IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM articles WHERE story_id = ? AND outlet = ? AND id <> ?) THEN 1 ELSE 0 END, "
            "first_published = CASE WHEN CAST(? AS TEXT) IS NULL OR first_published <= ? THEN first_published ELSE ? END, "
            "last_published = CASE WHEN CAST(? AS TEXT) IS NULL OR last_published >= ? THEN last_published ELSE ? END, "
            "updated = ?, version = version + 1 WHERE id = ?",
            (story_label(article), outlet, story_id, outlet, article_id,
             published, published, published, published, published, published, now(), story_id),
        )

    # --- the clustering index ----------------------------------------------
    def member_story(self, article_id):
        row = self.one("SELECT story_id FROM cluster_members WHERE article_id = ?", (article_id,))
        return row[0] if row else None

    def document_count(self):
        row = self.one("SELECT value FROM cluster_totals WHERE name = 'documents'")
        return row[0] if row else 0

    def frequencies(self, keys):
        keys = list(dict.fromkeys(keys))
        found = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            found.update(self.execute(f"SELECT key, documents FROM cluster_frequencies WHERE key IN ({marks})", chunk))
        return found

    def add_document(self, keys):
        self.execute(
            "INSERT INTO cluster_totals (name, value) VALUES ('documents', 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1"
        )
        self.conn.executemany(
            "INSERT INTO cluster_frequencies (key, documents) VALUES (?, 1) "
            "ON CONFLICT (key) DO UPDATE SET documents = documents + 1",
            [(key,) for key in set(keys)],
        )

    def postings(self, keys):
        # Each key's stories from the longest unseen to the latest (ClusterState.postings): ties among the
        # candidates go by it, so the statement says it rather than leave it to the planner (SQLite's plan
        # read them in `seen` order, PostgreSQL's statement in id order: a tie at the candidates' cut went
        # one way in each, and a million-article stream ended two stories apart).
        keys = list(keys)
        found: dict[str, list[int]] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for key, story_id in self.execute(
                f"SELECT key, story_id FROM cluster_postings WHERE key IN ({marks}) ORDER BY key, seen", chunk
            ):
                found.setdefault(key, []).append(story_id)
        self.lengths = {key: len(stories) for key, stories in found.items()}
        return found

    def post(self, keys, story_id, seen, cap):
        keys = list(keys)
        self._post(keys, story_id, seen)
        for key in keys:
            if self.lengths.get(key, 0) >= cap:
                self.execute(
                    "DELETE FROM cluster_postings WHERE key = ? AND seen < ("
                    "SELECT seen FROM cluster_postings WHERE key = ? ORDER BY seen DESC LIMIT 1 OFFSET ?)",
                    (key, key, cap - 1),
                )

    def _post(self, keys: list[str], story_id: int, seen: int) -> None:
        self.conn.executemany(
            "INSERT INTO cluster_postings (key, story_id, seen) VALUES (?, ?, ?) "
            "ON CONFLICT (key, story_id) DO UPDATE SET seen = excluded.seen",
            [(key, story_id, seen) for key in keys],
        )

    def profiles(self, story_ids):
        """The profiles of the candidate stories in one query (one round trip to a database server)."""
        story_ids = list(story_ids)
        rows: dict[int, tuple] = {}
        for chunk in _chunks(story_ids):
            marks = ",".join("?" * len(chunk))
            for story_id, *row in self.execute(
                f"SELECT story_id, size, first_day, last_day, terms, names FROM cluster_stories WHERE story_id IN ({marks})",
                chunk,
            ):
                rows[story_id] = tuple(row)
        return [self.centroids.profile(story_id, rows.get(story_id)) for story_id in story_ids]

    def save_story(self, profile):
        terms, names = _encode(profile.terms), _encode(profile.names)
        self.execute(
            "INSERT INTO cluster_stories (story_id, size, first_day, last_day, terms, names) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (story_id) DO UPDATE SET size = excluded.size, first_day = excluded.first_day, "
            "last_day = excluded.last_day, terms = excluded.terms, names = excluded.names",
            (
                profile.id,
                profile.size,
                profile.first_day,
                profile.last_day,
                terms,
                names,
            ),
        )
        # The next articles likely score this story again: its centroid is at hand, under its new text.
        self.centroids.keep(profile, terms, names)

    def add_member(self, article_id, story_id, similarity):
        self.execute(
            "INSERT INTO cluster_members (article_id, story_id, similarity) VALUES (?, ?, ?)",
            (article_id, story_id, similarity),
        )


class Briefs(Table):
    """The brief cache: a story's brief under a key that holds the story's version."""

    CACHED = (
        "SELECT brief FROM brief_cache JOIN stories ON stories.id = brief_cache.story_id "
        "WHERE story_id = ? AND key = ? || ':' || stories.version"
    )

    def keep(self, story_id: int, key: str, data: bytes) -> None:
        self.execute(
            "INSERT INTO brief_cache (story_id, key, brief, created) "
            "SELECT id, ? || ':' || version, ?, ? FROM stories WHERE id = ? "
            "ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, brief = excluded.brief, created = excluded.created",
            (key, data, now(), int(story_id)),
        )


class Tables:
    """A backend's table objects on the connection of one transaction."""

    def __init__(self, articles: Articles, duplicates: Duplicates, stories: Stories):
        self.articles = articles
        self.duplicates = duplicates
        self.stories = stories

    def add_article(self, article: Article) -> int | None:
        """Store a prepared article with its duplicate mark and its story; None when it is stored already."""
        if self.articles.stored(article):
            return None
        article_id = self.articles.next_id()
        prepared = article.prepared
        copy_of, _reason = Deduplicator(self.duplicates).find(article_id, article.text, article.title, prepared.signature)
        story_id = Clusterer(self.stories).assign(
            article_id, article.title, article.text, article.published, features=prepared.features
        ).story
        self.articles.insert(article_id, article, copy_of, story_id)
        self.stories.joined(story_id, article_id, article)
        return article_id


class SQLStore(Store):
    """What every SQL backend does alike; see the module's notes for what a backend supplies."""

    mark = "?"

    def _rows(self, sql: str, params=()) -> list:
        """Rows readable by column name, from a connection that sees the committed corpus."""
        raise NotImplementedError

    def _transaction(self, lock_wait: float | None = None) -> AbstractContextManager:
        """One unit of work (an article) on the writing connection, holding the write lock."""
        raise NotImplementedError

    def tables(self, conn) -> Tables:
        return Tables(Articles(conn), Duplicates(conn), Stories(conn, self.centroids))

    @cached_property
    def centroids(self) -> Centroids:
        """The store's decoded story centroids, kept across its transactions (see `Centroids`)."""
        return Centroids()

    def _story_filter(self, query: str | None) -> tuple[str, tuple]:
        """SQL (`AND …`) keeping the stories with an article matching a full-text query, and its parameters."""
        raise NotImplementedError

    def _select(self, sql: str, params=()) -> list:
        return self._rows(_marked(sql, self.mark), params)

    # --- reading -----------------------------------------------------------
    _STORY_FIELDS = "id, title, articles, outlets, first_published, last_published, updated"
    _STORY_ORDER = "ORDER BY articles DESC, COALESCE(last_published, updated) DESC, id DESC"

    def stories(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        where, params = self._story_filter(query)
        rows = self._select(
            f"SELECT {self._STORY_FIELDS} FROM stories WHERE articles > 0 {where} {self._STORY_ORDER} LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)),
        )
        return [dict(row) for row in rows]

    def count_stories(self, query: str | None = None) -> int:
        where, params = self._story_filter(query)
        return self._select(f"SELECT COUNT(*) AS n FROM stories WHERE articles > 0 {where}", params)[0]["n"]

    def story(self, story_id: int) -> dict | None:
        rows = self._select(f"SELECT {self._STORY_FIELDS}, version FROM stories WHERE id = ?", (int(story_id),))
        return dict(rows[0]) if rows else None

    def story_documents(self, story_id: int) -> list[Document]:
        rows = self._select(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY COALESCE(published, added), id", (int(story_id),)
        )
        return [document_from_row(row) for row in rows]

    def document(self, document_id: str) -> Document | None:
        try:
            number = int(document_id)
        except (TypeError, ValueError):
            return None
        if not -(2**63) <= number < 2**63:  # no article's id, and past what either database takes
            return None
        rows = self._select("SELECT * FROM articles WHERE id = ?", (number,))
        return document_from_row(rows[0]) if rows else None

    def count_articles(self) -> int:
        return self._select("SELECT COUNT(*) AS n FROM articles")[0]["n"]

    def cached_brief(self, story_id: int, key: str) -> bytes | None:
        rows = self._select(Briefs.CACHED, (int(story_id), key))
        return bytes(rows[0]["brief"]) if rows else None

    # --- writing -----------------------------------------------------------
    def has_url(self, url: str) -> bool:
        return bool(self._select("SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1", (url, url)))

    def add_article(self, article: Article) -> int | None:
        stored = "SELECT 1 FROM articles WHERE content_hash = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)"
        if article.prepared is None and not self._select(stored, (article.content_hash, article.canonical_url)):
            # The signature and features depend on the article alone: worked out before taking the
            # write lock (the first article also loads spaCy's word lists and datasketch, for seconds),
            # and not at all for a copy already stored (articles are never deleted).
            article = replace(article, prepared=prepare(article))
        with self._transaction() as conn:
            return self.tables(conn).add_article(article)
