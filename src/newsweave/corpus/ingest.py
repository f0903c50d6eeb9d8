"""The ingest loop: read each source, store each new article with its duplicate mark and story.

One bad source never stops the others: its error goes into the report and the
loop moves on. Each article is stored in its own transaction, so a killed
ingest loses at most the article in flight, and rerunning the same command
skips what is stored (by URL before fetching, by canonical URL or content
hash after) and finishes the job.

With an `engine` (newsweave.engine), the work on each article that needs no
other article runs in parallel: a page's extraction (trafilatura, the larger
cost by far for WARC archives and saved or fetched pages) and `prepare` (its
MinHash signature, wire credit and clustering features). The store writes
(duplicate check, story assignment) stay sequential, fed in the order the
sources hold the articles: the corpus comes out the same whichever engine ran.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.corpus.backends import open_store
from newsweave.corpus.prepared import Prepared, prepare
from newsweave.corpus.signatures import stop_words
from newsweave.corpus.sources import FEED_SUFFIXES, OPML_SUFFIXES, Context, Page, Skipped, extract, is_url, read_source
from newsweave.corpus.sources.fetch import Fetcher
from newsweave.corpus.store import Article, Store, StoreError
from newsweave.engine import Work
from newsweave.errors import InputError
from newsweave.load.language import not_read
from newsweave.settings import Settings
from newsweave.story import InputProblem

__all__ = ["ADDED", "DUPLICATE", "ERROR", "SKIPPED", "IngestReport", "PrepareArticles", "Prepared", "SourceReport",
           "ingest", "prepare"]

# Outcomes a progress callback is told about, per item, plus "start" and "done" per source.
ADDED, DUPLICATE, SKIPPED, ERROR = "added", "duplicate", "skipped", "error"


@dataclass
class SourceReport:
    source: str
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[InputProblem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """The source as a whole could not be read (not merely one of its parts)."""
        return any(problem.source == self.source for problem in self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "added": self.added,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "errors": [problem.to_dict() for problem in self.errors],
        }


@dataclass
class IngestReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(s.added for s in self.sources)

    @property
    def duplicates(self) -> int:
        return sum(s.duplicates for s in self.sources)

    @property
    def skipped(self) -> int:
        return sum(s.skipped for s in self.sources)

    @property
    def errors(self) -> list[InputProblem]:
        return [problem for s in self.sources for problem in s.errors]

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "sources": [s.to_dict() for s in self.sources],
        }


Progress = Callable[[str, str, SourceReport], None]


def ingest(
    sources: Iterable[Any],
    db: Any = "newsweave.db",
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    timeout: float = 20.0,
    delay: float = 1.0,
    fetcher=None,
    allow_private: bool = False,
    local_references: bool = True,
    engine=None,
) -> IngestReport:
    """Ingest files, folders, feeds, OPML lists, WARC archives, exports and URLs into the corpus `db`.

    `db` is a path or an open `Store`. `progress(source, outcome, source_report)`
    is called with outcome "start", then "added" / "duplicate" / "skipped" /
    "error" per item, then "done". `timeout` (a deadline for each URL, redirects
    included) and `delay` (seconds between two requests to one host) govern
    fetching; only public addresses are fetched unless `allow_private`. Or pass
    a `Fetcher` of your own. `local_references=False` keeps the sources from
    naming files (an OPML list's feed files): for sources that came over HTTP.
    `engine` prepares the articles in parallel (see the module's notes).
    """
    settings = settings or Settings()
    store = db if isinstance(db, Store) else open_store(db)
    fetcher = fetcher or Fetcher(timeout=timeout, delay=delay, max_bytes=settings.max_input_bytes, allow_private=allow_private)
    # Articles read ahead of the store count as stored for the readers' "already stored?" checks,
    # as they would be by then without an engine.
    in_flight: Counter[str] = Counter()
    context = Context(settings, fetcher, lambda url: in_flight[url] > 0 or store.has_url(url), local_references,
                      pages=engine is not None)
    notify = progress or (lambda source, outcome, report: None)
    report = IngestReport()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    try:
        for source in sources:
            name = str(source)
            source_report = SourceReport(name)
            report.sources.append(source_report)
            notify(name, "start", source_report)
            try:
                with store.batch() if _local(source) else nullcontext():
                    _ingest_source(store, source, context, source_report, notify, engine, in_flight)
            except InputError as exc:
                source_report.errors.append(InputProblem(name, str(exc)))
                notify(name, ERROR, source_report)
            except Exception as exc:  # a bug in one reader must not cost the other sources
                source_report.errors.append(InputProblem(name, f"unexpected {type(exc).__name__}: {exc}"))
                notify(name, ERROR, source_report)
            in_flight.clear()  # a source that failed part-way leaves nothing in flight
            notify(name, "done", source_report)
    finally:
        if store is not db:
            store.close()
    return report


def _ingest_source(store, source, context, report: SourceReport, notify: Progress, engine=None,
                   in_flight: Counter | None = None) -> None:
    in_flight = Counter() if in_flight is None else in_flight
    items = read_source(Path(source) if isinstance(source, os.PathLike) else source, context)  # str, or a load.Source
    flying: deque[list[str]] = deque()  # the URLs each item in the engine counted in flight, in order
    if engine is not None:
        items = engine.map(PrepareArticles(), _tracked(items, in_flight, flying))
    for item in items:
        urls = flying.popleft() if engine is not None else []
        try:
            if isinstance(item, Article) and context.settings.english_only and (reason := not_read(item.text)):
                report.errors.append(InputProblem(item.source or report.source, reason))  # (load/language.py)
                outcome = ERROR
            elif isinstance(item, Article):
                outcome = _store(store, item, report)
            elif isinstance(item, NotPrepared):
                report.errors.append(item.problem)
                outcome = ERROR
            elif isinstance(item, Skipped):
                outcome = DUPLICATE if item.stored else SKIPPED
            elif isinstance(item, InputProblem):
                report.errors.append(item)
                outcome = ERROR
            else:  # a Page reaches here extracted: by read_source, or by the engine's PrepareArticles
                raise TypeError(f"not an ingest item: {item!r}")
        finally:
            in_flight.subtract(urls)
        _count(report, outcome)
        notify(report.source, outcome, report)


def _tracked(items: Iterable, in_flight: Counter, flying: deque) -> Iterator:
    """The items, counting the URLs of the articles and pages among them as in flight until stored."""
    for item in items:
        urls = _urls(item) if isinstance(item, (Article, Page)) else []
        in_flight.update(urls)
        flying.append(urls)
        yield item


def _urls(item: Article | Page) -> list[str]:
    return [url for url in {item.url, item.canonical_url if isinstance(item, Article) else item.address} if url]


class PrepareArticles(Work):
    """An engine's work: pages come back extracted, articles prepared; problems and skips pass through."""

    fatal = ()

    def setup(self) -> None:
        stop_words()  # spaCy's word list and datasketch load once per worker, not with the first article

    def __call__(self, item):
        if isinstance(item, Page):
            item = extract(item)
        if isinstance(item, Article):
            item.prepared = prepare(item)
        return item

    def failed(self, item, reason: str):
        label = item.label if isinstance(item, Page) else getattr(item, "source", None) or str(item)
        return NotPrepared(item, InputProblem(label, f"could not prepare it ({reason})"))


@dataclass
class NotPrepared:
    """An article whose preparation failed on every try: its problem goes in the report."""

    article: Any
    problem: InputProblem


def _local(source) -> bool:
    """Local files are read fast enough to commit their articles in groups; anything that fetches is not."""
    return not is_url(str(source)) and Path(str(source)).suffix.lower() not in FEED_SUFFIXES | OPML_SUFFIXES


def _store(store, article, report: SourceReport) -> str:
    """Store one article; a failure (its transaction rolled back) is that article's error, not the source's."""
    try:
        return ADDED if store.add_article(article) is not None else DUPLICATE
    except (sqlite3.Error, StoreError, ValueError, TypeError, KeyError) as exc:
        report.errors.append(InputProblem(article.source or report.source, f"could not store it ({type(exc).__name__}: {exc})"))
        return ERROR


def _count(report: SourceReport, outcome: str) -> None:
    if outcome == ADDED:
        report.added += 1
    elif outcome == DUPLICATE:
        report.duplicates += 1
    elif outcome == SKIPPED:
        report.skipped += 1
