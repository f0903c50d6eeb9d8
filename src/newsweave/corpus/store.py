"""The corpus store's interface: articles, the stories they belong to, and a full-text index.

`Store` is the interface the rest of newsweave uses (ingest, the command line,
the web app). The backends: `SQLiteStore` (corpus/sqlite.py), the default, one
file; `PostgresStore` (corpus/postgres.py), one corpus a team shares. Both keep
their tables in objects per concern (corpus/tables.py: articles, duplicates,
stories, briefs), and `open_store` (corpus/backends.py) picks one from the path.

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
from abc import ABC, abstractmethod
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

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
    # What storing it needs that depends on it alone (corpus/prepared.py), worked out ahead by an engine.
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


# How long a writer waits for the write lock while no other writer commits anything.
LOCK_WAIT = 120.0


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


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


def story_label(article: Article, limit: int = 100) -> str | None:
    """A story's title: its first article's, or for an untitled text its first line, cut at a word."""
    if article.title:
        return article.title
    line = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line or None
    return line[:limit].rsplit(" ", 1)[0] + "…"


def document_from_row(row) -> Document:
    """An `articles` row (any backend's, read by column name) as a `Document`."""
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


def query_words(query: str | None) -> list[str]:
    """The words of a user's search, each a plain word whatever the backend's query syntax."""
    return _WORD.findall(query or "")


DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(db) -> bool:
    """True for a PostgreSQL URL (`postgresql://user@host/db`), False for an SQLite file's path."""
    return isinstance(db, str) and db.startswith(DATABASE_URL_SCHEMES)
