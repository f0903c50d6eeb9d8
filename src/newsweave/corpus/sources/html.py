"""Article pages: the main text, title, site name, date and author come from newsweave's own
HTML loader (one trafilatura extraction)."""

from __future__ import annotations

from newsweave.corpus.sources.items import Input, iso_date
from newsweave.corpus.store import Article
from newsweave.load.decode import decode
from newsweave.load.html import html_document_and_author


def html_article(html: str, source: str, url: str | None = None) -> Article:
    """An article from a page's HTML; InputError when the page holds no article."""
    document, author = html_document_and_author(html, "page", url=url)
    return Article(
        text=document.text,
        title=document.title,
        author=author,
        outlet=document.outlet,
        published=iso_date(document.published),
        url=url or source,
        # trafilatura reads <link rel=canonical> and og:url; the fetched URL stands in for a page without them.
        canonical_url=document.url,
        source=source,
    )


def html_input_article(source: Input, context) -> Article:
    """The article of a saved page: a file (stored under its path) or an upload (no address of its own)."""
    html = decode(source.read(context.settings.max_input_bytes), context.settings.encoding)
    article = html_article(html, source.label)
    article.url = source.url
    return article
