"""The server's briefs: one-off briefs kept in memory, and the corpus's stories with their briefs.

`newsweave serve` without a database briefs what a user pastes or uploads and
keeps the recent briefs by id, so the story page's address works until the
server stops. With `--db` the corpus store lists stories and briefs them
(through `newsweave.service.brief_story`, which reads the corpus's cache).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from newsweave.brief import Brief
from newsweave.corpus import open_store
from newsweave.corpus.store import is_database_url
from newsweave.render.labels import headline
from newsweave.service import brief_story
from newsweave.settings import Settings

# One brief at a time, one-off or corpus: briefing is CPU-bound and the spaCy
# pipeline is shared by the server's threads.
BRIEFING = threading.Lock()


class Entry:
    """A brief as the pages show it: its JSON form, computed once, and the little the pages need besides.

    The Brief itself is not kept: its story holds the spaCy parses and
    similarity matrices, many times the size of the JSON, and a server keeps
    dozens of briefs.
    """

    def __init__(self, entry_id: str, brief: Brief, version: Any = None):
        self.id = entry_id
        self.version = version  # a corpus story's version: a story that gained articles is briefed again
        self.data: dict[str, Any] = brief.to_dict()
        self.headline: str = headline(brief.story)
        self.sentences: dict[str, list[tuple[int, int]]] = {}
        for sentence in brief.story.sentences:
            self.sentences.setdefault(sentence.document, []).append((sentence.start, sentence.end))
        # What the caches count: the brief's JSON length (the Python objects behind it take a few times more).
        self.size = len(json.dumps(self.data, ensure_ascii=False, default=str))


class BriefCache:
    """Entries by key, the least recently used dropped first.

    Bounded by count and by approximate size (`Entry.size`), so a server
    briefing story after story keeps its memory flat. The newest entry is kept
    even when it alone is over the size bound: it is the one just asked for.
    """

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max(1, max_entries)
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Any, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Any, entry: Entry) -> Entry:
        with self._lock:
            old = self._entries.pop(key, None)
            self.bytes += entry.size - (old.size if old else 0)
            self._entries[key] = entry
            while len(self._entries) > 1 and (len(self._entries) > self.max_entries or self.bytes > self.max_bytes):
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= dropped.size
        return entry

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Any) -> bool:
        return key in self._entries

    def newest_first(self) -> list[Entry]:
        with self._lock:
            return list(reversed(self._entries.values()))


class RecentBriefs:
    """The most recently used one-off briefs, by an id made from their content."""

    def __init__(self, keep: int = 50, max_bytes: int = 32 * 1024 * 1024):
        self.keep = keep
        self._cache = BriefCache(keep, max_bytes)

    def add(self, brief: Brief) -> Entry:
        entry = Entry(brief_id(brief), brief)
        return self._cache.put(entry.id, entry)

    def get(self, entry_id: str) -> Entry | None:
        return self._cache.get(entry_id)

    def recent(self) -> list[Entry]:
        return self._cache.newest_first()


def brief_id(brief: Brief) -> str:
    """The same reports (at the same summary length) give the same id, so re-posting them finds the same page."""
    digest = hashlib.sha256(str(brief.settings.words).encode())
    for document in brief.documents:
        digest.update(json.dumps([document.id, document.text], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer key


def row_id(text: str) -> int | None:
    """`text` as a store id, or None: only plain ASCII digits in SQLite's range (not "²", not 23 digits)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if number <= MAX_ROW_ID else None


class Corpus:
    """The corpus store, opened read-only: the pages never write to it.

    A read-only store does not keep its brief cache, so briefs are kept here
    (a `BriefCache`, by story), each with its story's version: a story that
    gained articles is briefed again.
    """

    def __init__(self, path: str | Path, settings: Settings, max_entries: int = 32, max_bytes: int = 32 * 1024 * 1024):
        self.path = path if is_database_url(path) else Path(path)  # a PostgreSQL URL is no path
        self.settings = settings
        self.store = open_store(self.path, readonly=True)  # thread-safe; fails now if it is not a corpus
        self.briefs = BriefCache(max_entries, max_bytes)

    def stories(self, query: str | None, limit: int, offset: int) -> list[dict]:
        return self.store.stories(query=query or None, limit=limit, offset=offset)

    def count_stories(self, query: str | None) -> int:
        return self.store.count_stories(query=query or None)

    def story(self, story_id: str) -> Entry | None:
        """The story's brief, or None when there is no such story."""
        number = row_id(story_id)
        found = self.store.story(number) if number is not None else None
        if number is None or found is None or not found.get("articles"):
            return None
        version = found.get("version")
        entry = self.briefs.get(number)
        if entry is not None and entry.version == version:
            return entry
        with BRIEFING:
            entry = self.briefs.get(number)  # another request may have briefed it meanwhile
            if entry is None or entry.version != version:
                entry = self.briefs.put(number, Entry(str(number), brief_story(self.store, number, self.settings), version))
            return entry

    def document(self, document_id: str):
        number = row_id(document_id)
        return self.store.document(str(number)) if number is not None else None

    def search(self, query: str, limit: int) -> list[dict]:
        return self.store.search(query, limit=limit)
