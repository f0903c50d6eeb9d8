"""Article pages: the main text, title, site name, date and author come from newsweave's own
HTML loader (one trafilatura extraction)."""

from __future__ import annotations

from pathlib import Path

from newsweave.corpus.store import Article


def html_article(html: str, source: str, url: str | None = None) -> Article:
    """An article from a page's HTML; InputError when the page holds no article."""
    from newsweave.corpus.sources import iso_date
    from newsweave.load.html import html_document_and_author

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


def html_file_article(path: Path, context) -> Article:
    from newsweave.load import read_bytes
    from newsweave.load.decode import decode

    html = decode(read_bytes(path, context.settings), context.settings.encoding)
    article = html_article(html, str(path))
    article.url = str(path.resolve())
    return article
