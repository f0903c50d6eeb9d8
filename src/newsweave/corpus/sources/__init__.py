"""Sources: turn paths and URLs into `Article`s, one at a time.

`read_source` yields, for one source, each `Article` it holds, an
`InputProblem` for each part it could not read (a feed entry, a JSON line),
and `Skipped` for what is not an article (a WARC's images) or is already
stored. It raises `InputError` when the source as a whole cannot be read.
Nothing is read into memory whole that can be streamed.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Union

from newsweave.corpus.sources.fetch import Fetcher
from newsweave.corpus.store import Article
from newsweave.errors import InputError
from newsweave.settings import Settings
from newsweave.story import InputProblem


@dataclass
class Skipped:
    source: str
    reason: str
    stored: bool = False  # already in the corpus, so counted as a duplicate


Item = Union[Article, InputProblem, Skipped]


@dataclass
class Context:
    settings: Settings
    fetcher: Fetcher
    is_stored: Callable[[str], bool] = lambda url: False
    # May a source name files (an OPML list's feed files)? Never for what arrived over HTTP.
    local_references: bool = True


FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
OPML_SUFFIXES = {".opml"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


def is_url(source: str) -> bool:
    return isinstance(source, str) and source[:8].lower().startswith(("http://", "https://"))


def read_source(source, context: Context) -> Iterator[Item]:
    if is_url(source):
        yield from read_url(source, context)
        return
    path = Path(source)
    if path.is_dir():
        yield from read_folder(path, context)
    elif path.is_file():
        yield from read_file(path, context)
    else:
        raise InputError("no such file, folder or URL")


def read_folder(folder: Path, context: Context) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        raise InputError("folder has no files")
    for file in files:
        try:
            yield from read_file(file, context)
        except InputError as exc:
            yield InputProblem(str(file), str(exc))


def read_file(path: Path, context: Context) -> Iterator[Item]:
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith(WARC_SUFFIXES):
        from newsweave.corpus.sources.warc import warc_items

        yield from warc_items(path, context)
    elif suffix in OPML_SUFFIXES:
        from newsweave.corpus.sources.feeds import opml_items

        yield from opml_items(_read(path, context), str(path), context)
    elif suffix in FEED_SUFFIXES:
        from newsweave.corpus.sources.feeds import feed_items

        yield from feed_items(_read(path, context), str(path), context)
    elif suffix in TABLE_SUFFIXES:
        from newsweave.corpus.sources.tables import table_items

        yield from table_items(path, context)
    elif suffix in HTML_SUFFIXES:
        from newsweave.corpus.sources.html import html_file_article

        yield html_file_article(path, context)
    elif suffix in TEXT_SUFFIXES:
        from newsweave.load import read_text_file

        for document in read_text_file(path, context.settings):
            yield Article(text=document.text, title=document.title, url=str(path.resolve()), source=str(path))
    else:
        raise InputError(f"unsupported file type '{path.suffix or path.name}'")


def read_url(url: str, context: Context) -> Iterator[Item]:
    """A URL is a feed, an OPML list or an article page: the body decides, not the URL."""
    if context.is_stored(url):
        yield Skipped(url, "already stored", stored=True)
        return
    response = context.fetcher.fetch(url)
    kind = sniff(response.body, response.content_type)
    if kind == "opml":
        from newsweave.corpus.sources.feeds import opml_items

        yield from opml_items(response.body, url, context)
    elif kind == "feed":
        from newsweave.corpus.sources.feeds import feed_items

        yield from feed_items(response.body, url, context)
    else:
        from newsweave.corpus.sources.html import html_article
        from newsweave.load.decode import decode

        yield html_article(decode(response.body, context.settings.encoding), url, response.url)


def sniff(body: bytes, content_type: str = "") -> str:
    """'opml', 'feed' or 'html'."""
    head = body[:2048].lstrip().lower()
    if b"<opml" in head:
        return "opml"
    if any(kind in content_type for kind in ("rss", "atom", "/xml", "+xml")) and b"<html" not in head:
        return "feed"
    if head.startswith(b"<?xml") and b"<html" not in head or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "html"


def _read(path: Path, context: Context) -> bytes:
    from newsweave.load import read_bytes

    return read_bytes(path, context.settings)


def iso_date(value) -> str | None:
    """A publication date as ISO 8601, so dates sort: "2026-10-03", or a time in UTC.

    Reads ISO, RFC 822 (feeds, e-mail) and feedparser's time tuples; text it
    cannot read is kept as it is.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return _utc(datetime(*value[:6], tzinfo=timezone.utc))
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return text
    for parse in (datetime.fromisoformat, email.utils.parsedate_to_datetime):
        try:
            return _utc(parse(text))
        except (TypeError, ValueError, IndexError):
            continue
    return text


def _utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z" if moment.time() != datetime.min.time() else moment.date().isoformat()
