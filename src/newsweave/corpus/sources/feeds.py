"""RSS and Atom feeds (feedparser), and OPML lists of feeds.

Each entry's linked page is fetched for the full text (feeds mostly carry a
teaser); an entry without a link is read from its own content. The feed fills
in what the page lacks: title, date, author, outlet.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

from newsweave.errors import InputError
from newsweave.story import InputProblem


def feed_items(data: bytes, source: str, context) -> Iterator:
    import feedparser

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
            yield entry_item(entry, outlet, label, context)
        except InputError as exc:
            yield InputProblem(label, str(exc))


def entry_item(entry, outlet: str | None, label: str, context):
    from newsweave.corpus.sources import Skipped, iso_date
    from newsweave.corpus.sources.html import html_article
    from newsweave.load.decode import decode

    link = entry.get("link")
    if link:
        if context.is_stored(link):
            return Skipped(label, "already stored", stored=True)
        response = context.fetcher.fetch(link)
        article = html_article(decode(response.body, context.settings.encoding), label, response.url)
        article.url = link
    else:
        content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
        if not content:
            raise InputError("entry has neither a link nor content")
        article = html_article(f"<html><body><article>{content}</article></body></html>", label)
    article.title = article.title or entry.get("title") or None
    article.published = article.published or iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    article.author = article.author or entry.get("author") or None
    article.outlet = article.outlet or outlet
    return article


def opml_items(data: bytes, source: str, context) -> Iterator:
    """Every feed an OPML file lists; a feed that fails is reported and the others are still read."""
    from newsweave.corpus.sources import is_url, read_file, read_url

    for feed in opml_feeds(data):
        if is_url(feed):
            target = feed
        elif is_url(source):
            target = urljoin(source, feed)
        else:  # a feed file next to a local OPML file
            target = str(Path(source).parent / feed)
        try:
            yield from (read_url(target, context) if is_url(target) else read_file(Path(target), context))
        except InputError as exc:
            yield InputProblem(f"{source} feed {target}", str(exc))


def opml_feeds(data: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"not a readable OPML file (invalid XML: {exc})") from None
    feeds = [outline.get("xmlUrl") for outline in root.iter("outline") if outline.get("xmlUrl")]
    if not feeds:
        raise InputError("OPML file lists no feeds (no outline with an xmlUrl)")
    return list(dict.fromkeys(feeds))
