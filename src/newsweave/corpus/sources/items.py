"""What reading a source yields, and what it needs: shared by every reader in corpus/sources/."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from newsweave.corpus.sources.fetch import Fetcher
from newsweave.corpus.store import Article
from newsweave.load.decode import check_size
from newsweave.load.files import open_regular, read_regular
from newsweave.load.published import parse_published
from newsweave.settings import Settings
from newsweave.story import InputProblem


@dataclass
class Skipped:
    source: str
    reason: str
    stored: bool = False  # already in the corpus, so counted as a duplicate


@dataclass
class Page:
    """A page's HTML as read, not yet extracted. Extraction (trafilatura: tens of milliseconds a page,
    several times what storing the article costs) depends on the page alone, so an ingest engine runs
    it in its workers (`extract`, in corpus/sources/html.py); without one it runs as the page is read."""

    body: bytes | str  # bytes are decoded (`encoding`, else the declared or sniffed one); a str is the HTML
    label: str  # what problems, and the article's `source`, name
    url: str | None  # stored as the article's url
    address: str | None = None  # where it was fetched from, after redirects: stands in for a missing canonical URL
    encoding: str | None = None
    skip_empty: bool = False  # a page with no article is skipped (a crawl's other pages), not a problem
    fills: dict = field(default_factory=dict)  # title, published, author, outlet to use where the page has none

    def __repr__(self) -> str:  # never the whole page
        return f"Page({self.label!r})"


Item = Article | InputProblem | Skipped | Page


@dataclass
class Context:
    settings: Settings
    fetcher: Fetcher
    is_stored: Callable[[str], bool] = lambda url: False
    # May a source name files (an OPML list's feed files)? Never for what arrived over HTTP.
    local_references: bool = True
    # Yield pages unextracted, for an ingest engine to extract in its workers (read_source).
    pages: bool = False


@dataclass(frozen=True)
class Input:
    """A file, or a report held in memory (an upload), as the readers open it.

    `label` is what problems and articles name ("feeds.opml", "export.jsonl line 3").
    A file may name files beside it (an OPML list's feed files) and is stored under
    its path; a report held in memory names no file and has no address of its own.
    """

    label: str
    path: Path | None = None
    data: bytes = b""

    def open(self) -> BinaryIO:
        return open_regular(self.path) if self.path is not None else io.BytesIO(self.data)

    def read(self, limit: int) -> bytes:
        """All of it, for the readers that need it whole (never more than `limit` bytes)."""
        if self.path is not None:
            return read_regular(self.path, limit)
        check_size(len(self.data), limit)
        return self.data

    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else len(self.data)

    @property
    def url(self) -> str | None:
        return str(self.path.resolve()) if self.path is not None else None


def is_url(source: str) -> bool:
    return isinstance(source, str) and source[:8].lower().startswith(("http://", "https://"))


def iso_date(value) -> str | None:
    """A publication date as ISO 8601, so dates sort: "2026-10-03", or a time in UTC.

    Reads what load/published.py reads (ISO, RFC 822 as feeds write it, "October 3,
    2026", feedparser's time tuples); text it cannot read is kept as it is.
    """
    if value is None or value == "":
        return None
    moment = parse_published(value)
    if moment is None:
        return str(value).strip() if not isinstance(value, time.struct_time) else None
    try:
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:  # "0001-01-01T00:00+01:00" has no UTC time in range: keep the day as written
        moment = moment.replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z" if moment.time() != datetime.min.time() else moment.date().isoformat()
