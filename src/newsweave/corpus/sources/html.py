"""Article pages: the main text, title, site name, date and author come from newsweave's own
HTML loader (one trafilatura extraction)."""

from __future__ import annotations

from newsweave.corpus.sources.items import Input, Page, Skipped, iso_date
from newsweave.corpus.store import Article
from newsweave.errors import InputError
from newsweave.load.decode import decode
from newsweave.load.html import html_document_and_author
from newsweave.story import InputProblem


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


def html_input_page(source: Input, context) -> Page:
    """The page of a saved file (stored under its path) or an upload (no address of its own)."""
    return Page(source.read(context.settings.max_input_bytes), source.label, source.url, encoding=context.settings.encoding)


def extract(page: Page) -> Article | Skipped | InputProblem:
    """The article of a page; a page with no article (or that is not text) is Skipped or an InputProblem, as it asks."""
    try:
        html = page.body if isinstance(page.body, str) else decode(page.body, page.encoding)
        article = html_article(html, page.label, page.address)
    except InputError as exc:
        return Skipped(page.label, str(exc)) if page.skip_empty else InputProblem(page.label, str(exc))
    article.url = page.url
    for name, value in page.fills.items():
        if value and not getattr(article, name):
            setattr(article, name, value)
    return article
