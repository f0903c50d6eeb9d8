"""Reports sent to the server (pasted texts, uploaded files, URLs) into a Brief.

Pasted texts become records, never paths: a short text such as "../etc/passwd"
must not be read as a file on the server. Uploaded files are written under
their bare, cleaned name into a private temporary folder so the ordinary load
readers (text, HTML, JSON) read them exactly as `newsweave brief` would.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import InputError, NoReadableReports
from newsweave.pipeline import Brief
from newsweave.settings import Settings
from newsweave.story import Document, InputProblem
from newsweave.web.library import BRIEFING

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


def check_limits(submission: Submission, max_reports: int, allow_urls: bool) -> None:
    if submission.urls and not allow_urls:
        raise RequestError(400, "fetching URLs is off on this server (start it with --allow-urls)")
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


def build_brief(submission: Submission, settings: Settings, fetch_timeout: float = 20.0) -> Brief:
    """Brief everything submitted; unreadable parts become the brief's problems."""
    import newsweave

    if submission.words:
        settings = settings.with_(words=submission.words)
    sources: list[Any] = [text_record(value, n) for n, value in enumerate(submission.texts, start=1)]
    problems: list[InputProblem] = []
    for url in submission.urls:
        try:
            sources.append(fetch_document(url, settings, fetch_timeout))
        except InputError as exc:
            problems.append(InputProblem(url, str(exc)))
    with tempfile.TemporaryDirectory(prefix="newsweave-upload-") as folder:
        names: dict[str, str] = {}
        for n, upload in enumerate(submission.files, start=1):
            path = Path(folder) / stored_name(upload.filename, n, {Path(p).name for p in names})
            path.write_bytes(upload.data)
            names[str(path)] = upload.filename or path.name
            sources.append(path)
        with BRIEFING:
            try:
                result = newsweave.brief(sources, settings=settings)
            except NoReadableReports as exc:
                raise RequestError(400, str(NoReadableReports([*problems, *_named(exc.problems, names)]))) from None
    for document in result.documents:
        if document.path in names:
            document.path = names[document.path]
    result.story.problems[:] = problems + _named(result.problems, names)
    return result


def stored_name(filename: str | None, number: int, taken: set[str]) -> str:
    """The upload's bare name, cleaned and not yet taken; folders in it are dropped, never followed."""
    name = _SAFE_NAME.sub("-", Path((filename or "").replace("\\", "/")).name).strip(".-") or f"upload-{number}"
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate


def _named(problems: list[InputProblem], names: dict[str, str]) -> list[InputProblem]:
    return [InputProblem(names.get(p.source, p.source), p.reason) for p in problems]


def fetch_document(url: str, settings: Settings, timeout: float) -> Document:
    """Download one page with the corpus's polite fetcher and read its article as the HTML reader does."""
    from urllib.parse import urlsplit

    from newsweave.corpus.sources.fetch import Fetcher
    from newsweave.load.decode import decode
    from newsweave.load.html import html_document

    response = Fetcher(timeout=timeout, max_bytes=settings.max_input_bytes).fetch(url)
    parts = urlsplit(response.url)
    slug = _SAFE_NAME.sub("-", (parts.netloc + parts.path).strip("/")).strip("-")[:80] or "page"
    return html_document(decode(response.body, settings.encoding), slug, url=response.url)
