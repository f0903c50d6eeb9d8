"""The one Jinja environment both HTML pages render with.

The stand-alone page (render/html.py) and the web app's pages (web/pages.py)
share it: the same escaping, the same filters, the same partials in
render/templates (the web app adds its own folder in front). Report text is
hostile: autoescape is on, and every value printed is escaped as
`html.escape` does (quotes as `&quot;` and `&#x27;`), so the stand-alone page
reads as it always has.
"""

from __future__ import annotations

import html
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from newsweave.render.labels import side_text

if TYPE_CHECKING:
    import jinja2

RENDER_TEMPLATES = files("newsweave.render") / "templates"


def escaped(value: Any) -> Markup:
    """Every `{{ value }}`: markup made here (a macro, a filter) as it is, anything else escaped."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value)))


def marked(text: str, mark: tuple[int, int] | None) -> Markup:
    """`text` escaped, with `text[mark[0]:mark[1]]` marked."""
    if not mark or not (0 <= mark[0] < mark[1] <= len(text)):
        return escaped(text)
    a, b = mark
    return Markup('{}<mark class="hit">{}</mark>{}').format(escaped(text[:a]), escaped(text[a:b]), escaped(text[b:]))


def safe_url(url: Any) -> str | None:
    """Only http(s) links are ever made from a report's metadata."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@cache
def environment(*folders: str) -> jinja2.Environment:
    """The environment reading `folders` first, then render/templates (one per set of folders, made once)."""
    import jinja2  # lazy: keeps --help fast

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(RENDER_TEMPLATES)]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=escaped,
    )
    env.filters["marked"] = marked
    env.filters["safe_url"] = safe_url
    env.globals["side_text"] = side_text
    return env
