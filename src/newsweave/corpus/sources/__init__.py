"""Sources: turn paths and URLs into `Article`s, one at a time.

`read_source` yields, for one source, each `Article` it holds, an
`InputProblem` for each part it could not read (a feed entry, a JSON line),
and `Skipped` for what is not an article (a WARC's images) or is already
stored. It raises `InputError` when the source as a whole cannot be read.
Nothing is read into memory whole that can be streamed.

Pages (HTML files, fetched pages, feed entries, WARC records) are read as
`Page`s and extracted as they come, or, with `Context.pages`, passed on
unextracted for an ingest engine to extract in its workers (`extract`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from newsweave.corpus.sources.feeds import feed_items, opml_feeds
from newsweave.corpus.sources.html import extract, html_input_page
from newsweave.corpus.sources.items import Context, Input, Item, Page, Skipped, is_url, iso_date
from newsweave.corpus.sources.tables import table_items
from newsweave.corpus.sources.warc import warc_items
from newsweave.corpus.store import Article
from newsweave.errors import InputError
from newsweave.load import Source, text_documents
from newsweave.story import InputProblem

__all__ = ["Context", "Item", "Page", "Skipped", "extract", "is_url", "iso_date", "read_source", "sniff"]

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
OPML_SUFFIXES = {".opml"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


def read_source(source, context: Context) -> Iterator[Item]:
    """A URL, a file or folder (a path), or a report held in memory (a `newsweave.load.Source`)."""
    items = _read_source(source, context)
    if context.pages:
        yield from items
        return
    for item in items:
        yield extract(item) if isinstance(item, Page) else item


def _read_source(source, context: Context) -> Iterator[Item]:
    if isinstance(source, Source):
        yield from read_memory(source, context)
        return
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


KINDS = ("warc", "opml", "feed", "jsonl", "json", "csv", "tsv", "html", "text", "markdown")


def kind_of(name: str) -> str | None:
    """The reader a file name's suffix picks, or None."""
    lowered = name.lower()
    suffix = Path(lowered).suffix
    if lowered.endswith(WARC_SUFFIXES):
        return "warc"
    if suffix in OPML_SUFFIXES:
        return "opml"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TABLE_SUFFIXES:
        return "jsonl" if suffix == ".ndjson" else suffix[1:]
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "markdown" if suffix in {".md", ".markdown"} else "text"
    return None


def read_file(path: Path, context: Context) -> Iterator[Item]:
    kind = kind_of(path.name)
    if kind is None:
        raise InputError(f"unsupported file type '{path.suffix or path.name}'")
    yield from read_input(Input(str(path), path=path), kind, context)


def read_memory(source: Source, context: Context) -> Iterator[Item]:
    """A report held in memory, read as a file of its name would be (it names no other file)."""
    kind = source.kind or kind_of(source.name)
    if kind not in KINDS:
        suffix = Path(source.name.replace("\\", "/")).suffix
        raise InputError(f"unknown kind {kind!r}" if kind else f"unsupported file type '{suffix or source.name}'")
    data = source.data if isinstance(source.data, bytes) else source.data.encode("utf-8", "surrogatepass")
    yield from read_input(Input(source.name, data=data), kind, context)


def read_input(source: Input, kind: str, context: Context) -> Iterator[Item]:
    settings = context.settings
    if kind == "warc":
        yield from warc_items(source, context)
    elif kind == "opml":
        yield from opml_items(source.read(settings.max_input_bytes), source.label, context, local=source.path is not None)
    elif kind == "feed":
        yield from feed_items(source.read(settings.max_input_bytes), source.label, context, key=source.url or f"upload:{source.label}")
    elif kind in ("jsonl", "json", "csv", "tsv"):
        yield from table_items(source, kind, context)
    elif kind == "html":
        yield html_input_page(source, context)
    else:
        text = source.read(settings.max_input_bytes)
        for document in text_documents(text, "text", settings, markdown=kind == "markdown"):
            yield Article(text=document.text, title=document.title, url=source.url, source=source.label)


def read_url(url: str, context: Context) -> Iterator[Item]:
    """A URL is a feed, an OPML list or an article page: the body decides, not the URL."""
    if context.is_stored(url):
        yield Skipped(url, "already stored", stored=True)
        return
    response = context.fetcher.fetch(url)
    kind = sniff(response.body, response.content_type)
    if kind == "opml":
        yield from opml_items(response.body, url, context)
    elif kind == "feed":
        yield from feed_items(response.body, url, context)
    else:
        yield Page(response.body, url, response.url, address=response.url, encoding=context.settings.encoding)


def sniff(body: bytes, content_type: str = "") -> str:
    """'opml', 'feed' or 'html'."""
    head = body[:2048].lstrip().lower()
    if b"<opml" in head:
        return "opml"
    if any(kind in content_type for kind in ("rss", "atom", "/xml", "+xml")) and b"<html" not in head:
        return "feed"
    if (head.startswith(b"<?xml") and b"<html" not in head) or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "html"


def opml_items(data: bytes, source: str, context: Context, local: bool = False) -> Iterator[Item]:
    """Every feed an OPML file lists; a feed that fails is reported and the others are still read.
    `local`: the list is a file, which may name feed files beside it (if `context.local_references`)."""
    for feed in opml_feeds(data):
        target = urljoin(source, feed) if is_url(source) else feed
        try:
            if is_url(target):
                yield from read_url(target, context)
            elif local and context.local_references and not urlsplit(feed).scheme:  # a feed file next to a local OPML file
                target = str(Path(source).parent / feed)
                yield from read_file(Path(target), context)
            else:
                raise InputError("only http(s) URLs are read from this list, never files")
        except InputError as exc:
            yield InputProblem(f"{source} feed {target}", str(exc))
