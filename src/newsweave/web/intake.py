"""Reports sent to the server (pasted texts, uploaded files, URLs) into a Brief, or into the corpus.

Pasted texts become records, never paths: a short text such as "../etc/passwd"
must not be read as a file on the server. Uploaded files are read in memory as
`newsweave.load.Source`s, exactly as `newsweave brief` (or `ingest`) reads files
of their names, and their problems name them as they were sent: nothing is
written to disk. Whatever arrives over
HTTP may name http(s) URLs only, never a path: the URLs sent, and (on ingest)
the feeds an uploaded OPML list names.

Fetching happens on the server's `Fetching` threads, never on the threads that
answer requests, so slow sites cannot leave the pages unanswered; all of it
goes through ONE `Fetcher` (robots.txt read once a site, the pause between two
requests to a host kept across users).
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool

from newsweave.brief import Brief
from newsweave.corpus import ingest
from newsweave.corpus.sources import is_url
from newsweave.corpus.sources import kind_of as corpus_kind
from newsweave.corpus.sources.fetch import Fetcher
from newsweave.errors import InputError, NoReadableReports
from newsweave.load import KINDS, Source
from newsweave.load.decode import decode
from newsweave.load.html import html_document
from newsweave.service import brief_reports
from newsweave.settings import Settings
from newsweave.story import Document, InputProblem
from newsweave.web.briefs import BRIEFING, Corpus

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
RECORD_FIELDS = ("id", "text", "title", "outlet", "published", "url")


class RequestError(Exception):
    """A request the server refuses, with its HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Upload:
    filename: str
    data: bytes


@dataclass
class Submission:
    texts: list[Any] = field(default_factory=list)
    files: list[Upload] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    words: int | None = None

    @property
    def count(self) -> int:
        return len(self.texts) + len(self.files) + len(self.urls)


URLS_OFF = "fetching URLs is off on this server (start it with --allow-urls)"
FETCH_TIMEOUT = 20.0  # seconds for each URL, redirects included


def check_limits(submission: Submission, max_reports: int, allow_urls: bool) -> None:
    if submission.urls and not allow_urls:
        raise RequestError(400, URLS_OFF)
    for url in submission.urls:
        if not is_url(url):
            raise RequestError(400, f"not an http(s) URL: {url[:200]!r} (the server reads no paths)")
    if submission.count == 0:
        raise RequestError(400, "no reports: send texts, files or URLs")
    if submission.count > max_reports:
        raise RequestError(400, f"too many reports: {submission.count}, the limit is {max_reports}")
    if submission.words is not None and not (isinstance(submission.words, int) and 10 <= submission.words <= 2000):
        raise RequestError(400, "words must be a whole number from 10 to 2000")


def text_record(value: Any, number: int) -> dict:
    """A pasted text or a JSON object as a record with a default id."""
    if isinstance(value, str):
        return {"id": f"text-{number}", "text": value}
    if isinstance(value, dict):
        record = {k: value[k] for k in RECORD_FIELDS if value.get(k) is not None}
        record.setdefault("id", f"text-{number}")
        return record
    raise RequestError(400, f"text {number}: expected a string or an object with a 'text' field")


class Unfetched:
    """The fetcher of a server without --allow-urls: an uploaded feed's links are reported, not fetched."""

    def fetch(self, url: str):
        raise InputError(URLS_OFF)


class Fetching:
    """The server's fetching: ONE Fetcher for every request (robots.txt read once a site, the pause between
    two requests to a host kept across users) on a few threads of its own, so requests waiting on slow
    sites never hold the threads that answer the pages. At most `workers + queue` jobs run or wait;
    a request that would pass that gets 503 at once."""

    def __init__(self, fetcher, workers: int = 8, queue: int = 56):
        self.fetcher = fetcher
        self.capacity = workers + queue
        self._pending = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="newsweave-fetch")

    async def run(self, jobs: list[Callable[[], Any]]) -> list[Any]:
        """Each job's result, or the exception it raised; awaited without holding one of the server's threads."""
        with self._lock:
            if len(jobs) > self.capacity:
                raise RequestError(400, f"too many URLs at once: {len(jobs)}, this server fetches at most {self.capacity}")
            if self._pending + len(jobs) > self.capacity:
                raise RequestError(503, f"the server is busy fetching {self._pending} other URLs: try again in a minute")
            self._pending += len(jobs)
        futures = []
        for job in jobs:
            future = self._pool.submit(job)
            future.add_done_callback(self._done)  # also when the request is cancelled and the job never runs
            futures.append(asyncio.wrap_future(future))
        return await asyncio.gather(*futures, return_exceptions=True)

    def _done(self, _future) -> None:
        with self._lock:
            self._pending -= 1


def fetching(app) -> Fetching:
    """The app's `Fetching`, made on first use from its ServerConfig (a test may set app.state.fetching first)."""
    found = getattr(app.state, "fetching", None)
    if found is None:
        config = app.state.config
        fetcher = (
            Fetcher(timeout=FETCH_TIMEOUT, max_bytes=config.settings.max_input_bytes, allow_private=config.allow_private_addresses)
            if config.allow_urls
            else Unfetched()
        )
        found = app.state.fetching = Fetching(fetcher)
    return found


async def brief_submission(app, submission: Submission) -> Brief:
    """Fetch the submission's URLs on the fetching threads, then brief it all on a server thread."""
    settings = app.state.config.settings
    fetched: list[Any] = []
    if submission.urls:
        pool = fetching(app)
        fetched = await pool.run([partial(fetch_document, pool.fetcher, url, settings) for url in submission.urls])
    return await run_in_threadpool(build_brief, submission, settings, fetched)


async def add_to_corpus(app, submission: Submission) -> dict:
    """Ingest a submission on the fetching threads (uploaded feeds and lists fetch too) with the shared fetcher."""
    pool = fetching(app)
    [outcome] = await pool.run([partial(ingest_submission, app.state.corpus, submission, app.state.config.settings, pool.fetcher)])
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def build_brief(submission: Submission, settings: Settings, fetched: list[Any]) -> Brief:
    """Brief everything submitted; unreadable parts become the brief's problems.

    `fetched` holds, for each URL, its Document or the exception met fetching it
    (see `brief_submission`, which fetches them with the server's one Fetcher).
    """
    if submission.words:
        settings = settings.with_(words=submission.words)
    sources: list[Any] = [text_record(value, n) for n, value in enumerate(submission.texts, start=1)]
    problems: list[InputProblem] = []
    for url, outcome in zip(submission.urls, fetched, strict=True):
        if isinstance(outcome, Document):
            sources.append(outcome)
        elif isinstance(outcome, InputError):
            problems.append(InputProblem(url, str(outcome)))
        else:  # a bug while reading one page must not cost the others
            problems.append(InputProblem(url, f"unexpected {type(outcome).__name__}: {outcome}"))
    sources += upload_sources(submission.files)
    with BRIEFING:
        try:
            result = brief_reports(sources, settings)
        except NoReadableReports as exc:
            raise RequestError(400, str(NoReadableReports([*problems, *exc.problems]))) from None
    result.story.problems[:] = problems + result.problems
    return result


def upload_sources(uploads: list[Upload]) -> list[Source]:
    """Each upload as a Source read by its name's suffix, named as it was sent; its document id
    is its bare name cleaned (folders in it are dropped, never followed)."""
    taken: set[str] = set()
    sources = []
    for n, upload in enumerate(uploads, start=1):
        name = stored_name(upload.filename, n, taken)
        taken.add(name)
        # The cleaned name's suffix picks the reader (an upload "notes.txt " is a text file); without one,
        # the name as sent is reported as of an unsupported type.
        sources.append(Source(upload.filename or name, upload.data, kind=KINDS.get(Path(name).suffix.lower()), id=Path(name).stem))
    return sources


def stored_name(filename: str | None, number: int, taken: set[str]) -> str:
    """The upload's bare name, cleaned and not yet taken; folders in it are dropped, never followed."""
    name = _SAFE_NAME.sub("-", Path((filename or "").replace("\\", "/")).name).strip(".-") or f"upload-{number}"
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate


def fetch_document(fetcher, url: str, settings: Settings) -> Document:
    """Download one page with the corpus's polite fetcher and read its article as the HTML reader does."""
    response = fetcher.fetch(url)
    parts = urlsplit(response.url)
    slug = _SAFE_NAME.sub("-", (parts.netloc + parts.path).strip("/")).strip("-")[:80] or "page"
    return html_document(decode(response.body, settings.encoding), slug, url=response.url)


def ingest_submission(corpus: Corpus, submission: Submission, settings: Settings, fetcher=None) -> dict:
    """Add submitted reports to the corpus (POST /api/ingest, only with --allow-ingest).

    Pasted texts are one JSON-lines report named "pasted texts"; uploads are read
    in memory by their names' suffixes (feeds, OPML lists, archives, exports,
    pages, texts), and the report names them as they were sent.
    """
    sources: list[Any] = list(submission.urls)
    if submission.texts:
        records = [text_record(value, n) for n, value in enumerate(submission.texts, start=1)]
        # ASCII JSON: a lone surrogate stays an escape, which the reader names as the line's problem.
        lines = "".join(json.dumps(r) + "\n" for r in records).encode("ascii")
        sources.append(Source("pasted texts", lines, kind="jsonl"))
    taken: set[str] = set()
    for n, upload in enumerate(submission.files, start=1):
        name = stored_name(upload.filename, n, taken)
        taken.add(name)
        sources.append(Source(upload.filename or name, upload.data, kind=corpus_kind(name)))
    # What came over HTTP names no files (an uploaded OPML list's feeds must be URLs).
    return ingest(sources, db=corpus.path, settings=settings, fetcher=fetcher, local_references=False).to_dict()
