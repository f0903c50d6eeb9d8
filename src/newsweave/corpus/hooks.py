"""Where storing an article meets duplicate detection, story clustering and wire bylines.

The store calls these inside the article's own transaction, so an article is
never stored without its duplicate mark and its story. Each falls back to the
simplest correct behaviour while its module is absent: no copy, a story of its own.
"""

from __future__ import annotations

import sqlite3
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


def wire_credit(text: str) -> str | None:
    """The wire service a byline or dateline credits (AP, Reuters, AFP), if any."""
    credit = _function("newsweave.crosscheck.attribution", "wire_credit")
    return credit(text) if credit is not None else None


def find_duplicate(conn: sqlite3.Connection, article_id: int, article) -> int | None:
    """The id of the stored article this one is a syndicated or near-identical copy of."""
    find = _function("newsweave.corpus.dedup", "find_duplicate")
    if find is None:
        return None
    original, _reason = find(conn, article_id, article.text, article.title)
    return original


def assign_story(conn: sqlite3.Connection, article_id: int, article) -> int:
    """The story the article joins: an existing one, or a new one."""
    assign = _function("newsweave.corpus.cluster", "assign_story")
    if assign is None:
        from newsweave.corpus.store import new_story

        return new_story(conn, article.title)
    return assign(conn, article_id, article.title, article.text, article.published)
