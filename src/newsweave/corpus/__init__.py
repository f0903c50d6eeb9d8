"""The corpus: ingest sources into a store, find the stories, brief them on demand.

    >>> from newsweave.corpus import ingest, open_store, brief_story
    >>> report = ingest(["feeds.opml", "saved-pages/", "archive.warc.gz"], db="news.db")
    >>> store = open_store("news.db", readonly=True)
    >>> story = store.stories(limit=1)[0]
    >>> brief_story(store, story["id"]).to_markdown()

Everything heavy (feedparser, warcio, trafilatura, spaCy) loads on first use.
"""

from __future__ import annotations

from newsweave.corpus.backends import open_store
from newsweave.corpus.briefs import brief_story
from newsweave.corpus.ingest import IngestReport, SourceReport, ingest
from newsweave.corpus.sqlite import SQLiteStore
from newsweave.corpus.store import Article, Store

__all__ = ["Article", "IngestReport", "SQLiteStore", "SourceReport", "Store", "brief_story", "ingest", "open_store"]
