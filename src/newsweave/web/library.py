"""Where the server's briefs come from: one-off briefs kept in memory, and the corpus.

`newsweave serve` without a database briefs what a user pastes or uploads and
keeps the recent briefs by id, so the story page's address works until the
server stops. With `--db` the corpus store lists stories and briefs them
(through `newsweave.corpus.brief_story`, which caches).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.pipeline import Brief
from newsweave.settings import Settings

# One brief at a time, one-off or corpus: briefing is CPU-bound and the spaCy
# pipeline is shared by the server's threads.
BRIEFING = threading.Lock()


@dataclass
class Entry:
    """A brief as the pages show it: the Brief, and its JSON form computed once."""

    id: str
    brief: Brief
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if not self.data:
            self.data = self.brief.to_dict()

    @property
    def headline(self) -> str:
        from newsweave.render.labels import headline

        return headline(self.brief.story)


class RecentBriefs:
    """The last `keep` one-off briefs, by an id made from their content."""

    def __init__(self, keep: int = 50):
        self.keep = keep
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, brief: Brief) -> Entry:
        entry = Entry(brief_id(brief), brief)
        with self._lock:
            self._entries[entry.id] = entry
            self._entries.move_to_end(entry.id)
            while len(self._entries) > self.keep:
                self._entries.popitem(last=False)
        return entry

    def get(self, entry_id: str) -> Entry | None:
        with self._lock:
            return self._entries.get(entry_id)

    def recent(self) -> list[Entry]:
        with self._lock:
            return list(reversed(self._entries.values()))


def brief_id(brief: Brief) -> str:
    """The same reports (at the same summary length) give the same id, so re-posting them finds the same page."""
    digest = hashlib.sha256(str(brief.settings.words).encode())
    for document in brief.documents:
        digest.update(json.dumps([document.id, document.text], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


class Corpus:
    """The corpus store, opened read-only: the pages never write to it.

    A read-only store does not keep its brief cache, so briefs are kept here,
    by story and story version: a story that gained articles is briefed again.
    """

    def __init__(self, path: str | Path, settings: Settings):
        from newsweave.corpus import open_store

        self.path = Path(path)
        self.settings = settings
        self.store = open_store(self.path, readonly=True)  # thread-safe; fails now if it is not a corpus
        self._briefs: dict[tuple[int, Any], Entry] = {}

    def stories(self, query: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
        return self.store.stories(query=query or None, limit=limit, offset=offset), self.store.count_stories(query=query or None)

    def story(self, story_id: str) -> Entry | None:
        """The story's brief, or None when there is no such story."""
        from newsweave.corpus import brief_story

        if not story_id.isdigit():
            return None
        found = self.store.story(int(story_id))
        if found is None or not found.get("articles"):
            return None
        key = (int(story_id), found.get("version"))
        with BRIEFING:
            if key not in self._briefs:
                self._briefs = {k: v for k, v in self._briefs.items() if k[0] != key[0]}
                self._briefs[key] = Entry(story_id, brief_story(self.store, int(story_id), self.settings))
            return self._briefs[key]

    def document(self, document_id: str):
        return self.store.document(document_id)

    def search(self, query: str, limit: int) -> list[dict]:
        return self.store.search(query, limit=limit)


def ingest_submission(corpus: Corpus, submission, settings: Settings) -> dict:
    """Add submitted reports to the corpus (POST /api/ingest, only with --allow-ingest).

    The corpus reads files and URLs: pasted texts become one JSON-lines file
    and uploads are written under cleaned names, in a private temporary folder.
    The report names them as they were sent, never by that folder.
    """
    import tempfile

    from newsweave.corpus import ingest
    from newsweave.web.intake import stored_name, text_record

    with tempfile.TemporaryDirectory(prefix="newsweave-ingest-") as folder:
        sources: list[Any] = list(submission.urls)
        names: dict[str, str] = {}
        if submission.texts:
            pasted = Path(folder) / "pasted-texts.jsonl"
            records = [text_record(value, n) for n, value in enumerate(submission.texts, start=1)]
            pasted.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            names[str(pasted)] = "pasted texts"
            sources.append(pasted)
        for n, upload in enumerate(submission.files, start=1):
            path = Path(folder) / stored_name(upload.filename, n, {Path(p).name for p in names})
            path.write_bytes(upload.data)
            names[str(path)] = upload.filename
            sources.append(path)
        report = ingest(sources, db=corpus.path, settings=settings).to_dict()
    for source in report["sources"]:
        source["source"] = names.get(source["source"], source["source"])
        for error in source["errors"]:
            error["source"] = next((names[p] + error["source"][len(p):] for p in names if error["source"].startswith(p)), error["source"])
    return report
