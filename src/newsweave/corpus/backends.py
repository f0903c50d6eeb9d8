"""Opening a corpus: the backend its path names (an SQLite file, or a PostgreSQL URL)."""

from __future__ import annotations

from pathlib import Path

from newsweave.corpus.postgres import PostgresStore
from newsweave.corpus.sqlite import SQLiteStore
from newsweave.corpus.store import Store, is_database_url


def open_store(path: str | Path, readonly: bool = False) -> Store:
    """Open a corpus, creating and migrating it as needed (readonly: an existing corpus, never written).

    `path` is an SQLite file, or a `postgresql://` URL of an existing PostgreSQL database."""
    if is_database_url(path):
        return PostgresStore(str(path), readonly=readonly)
    return SQLiteStore(path, readonly=readonly)
