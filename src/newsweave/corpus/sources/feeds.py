"""RSS and Atom feeds (feedparser), and OPML lists of feeds.

Each entry's linked page is fetched for the full text (feeds mostly carry a
teaser); an entry whose link is missing or not an http(s) URL (an RSS <guid>
such as "urn:..." stands in for a missing link) is read from its own content.
The feed fills in what the page lacks: title, date, author, outlet.

A feed entry never names a file. An OPML list names files only when it is a
local file read with local references allowed (the command line); a list that
was fetched or uploaded may name http(s) URLs only.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from newsweave.corpus.sources.items import Page, Skipped, is_url, iso_date
from newsweave.errors import InputError
from newsweave.story import InputProblem


def feed_items(data: bytes, source: str, context, key: str | None = None) -> Iterator:
    """The feed's entries as articles. `key`: the feed's own address, under which its entries without
    a link are stored (a URL, a file's absolute path, "upload:NAME"); the source's by default."""
    import feedparser  # lazy: feedparser is only needed when a feed is read, and --help stays fast

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            raise InputError(f"not a readable RSS or Atom feed (invalid XML: {parsed.bozo_exception})")
        if not parsed.version:
            raise InputError("not an RSS or Atom feed")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        label = f"{source} entry {number}" + (f" ({link})" if link else "")
        try:
            yield entry_item(entry, outlet, label, context, source, key)
        except InputError as exc:
            yield InputProblem(label, str(exc))


def entry_item(entry, outlet: str | None, label: str, context, source: str = "", key: str | None = None):
    """The entry's page (fetched from its link, or its own content), the entry's title, date, author and
    feed filling what the page lacks; or Skipped when it is stored already."""
    fills = {"title": entry.get("title") or None,
             "published": iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
             "author": entry.get("author") or None, "outlet": outlet}
    link = entry_link(entry, source)
    if link:
        if context.is_stored(link):
            return Skipped(label, "already stored", stored=True)
        response = context.fetcher.fetch(link)
        return Page(response.body, label, link, address=response.url, encoding=context.settings.encoding, fills=fills)
    content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
    if not content:
        raise InputError("entry has neither a link nor content" if not entry.get("link") else
                         "entry has no content and its link is not an http(s) URL")
    address = entry_key(entry, source, content, key)
    if context.is_stored(address):
        return Skipped(label, "already stored", stored=True)
    return Page(f"<html><body><article>{content}</article></body></html>", label, address, fills=fills)


def entry_link(entry, source: str) -> str | None:
    """The entry's page, if its link is an http(s) URL (a relative link is read against a fetched feed's URL)."""
    link = (entry.get("link") or "").strip()
    if link and is_url(source) and not urlsplit(link).scheme:
        link = urljoin(source, link)
    return link if is_url(link) else None


def entry_key(entry, source: str, content: str, feed: str | None = None) -> str:
    """A stable address for an entry read from its own content: the feed's (`feed`, else the source's URL or
    absolute path), and the entry's id (or its content's hash)."""
    feed = feed or (source if is_url(source) else str(Path(source).resolve()))
    ident = (entry.get("id") or "").strip() or hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    return f"{feed}#{quote(ident, safe=':/@-._~')}"


def opml_feeds(data: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"not a readable OPML file (invalid XML: {exc})") from None
    feeds = [url for outline in root.iter("outline") if (url := outline.get("xmlUrl"))]
    if not feeds:
        raise InputError("OPML file lists no feeds (no outline with an xmlUrl)")
    return list(dict.fromkeys(feeds))
