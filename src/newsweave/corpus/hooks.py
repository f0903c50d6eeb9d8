"""Where storing an article meets duplicate detection and story clustering.

The store calls these inside the article's own transaction, so an article is
never stored without its duplicate mark and its story. The SQLite store lets
them use the SQLite indexes on its connection; another backend passes its own
index states (corpus/postgres.py), and the algorithms are the same. Each falls back to the
simplest correct behaviour while its module is absent: no copy, a story of its own.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module


@cache
def _module(name: str):
    try:
        return import_module(name)
    except ImportError:
        return None


def _function(module: str, name: str):
    found = _module(module)
    return getattr(found, name, None) if found is not None else None


def find_duplicate(conn, article_id: int, article, state=None) -> int | None:
    """The id of the stored article this one is a syndicated or near-identical copy of.

    `state`: the duplicate index to use (a `dedup.DedupState`); by default the SQLite one on `conn`."""
    prepared = getattr(article, "prepared", None)
    signature = prepared.signature if prepared is not None else None
    if state is not None:
        from newsweave.corpus.dedup import Deduplicator

        return Deduplicator(state).find(article_id, article.text, article.title, signature)[0]
    find = _function("newsweave.corpus.dedup", "find_duplicate")
    if find is None:
        return None
    original, _reason = find(conn, article_id, article.text, article.title, prepared=signature)
    return original


def assign_story(conn, article_id: int, article, state=None, new_story=None) -> int:
    """The story the article joins: an existing one, or a new one.

    `state`: the clustering index to use (a `cluster.ClusterState`), with `new_story()` making a
    story's row; by default the SQLite ones on `conn`."""
    prepared = getattr(article, "prepared", None)
    features = prepared.features if prepared is not None else None
    if state is not None:
        from newsweave.corpus.cluster import Clusterer

        return Clusterer(state).assign(article_id, article.title, article.text, article.published,
                                       features=features, new_story=new_story).story
    assign = _function("newsweave.corpus.cluster", "assign_story")
    if assign is None:
        from newsweave.corpus.store import new_story

        return new_story(conn, article.title)
    return assign(conn, article_id, article.title, article.text, article.published, features=features)
