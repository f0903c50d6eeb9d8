"""Invented articles, feeds and a real local HTTP server for the corpus tests.

Two made-up events: the ferry Gull Maiden aground at Port Aldwin (three
outlets), and a fire at the Marrow Street library in Kestle (two outlets).
"""

from __future__ import annotations

import html
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "ferry-wire": {
        "title": "Ferry runs aground in fog outside Port Aldwin",
        "outlet": "Coast Wire",
        "author": "Dana Reyes",
        "published": "2026-10-03",
        "paragraphs": [
            "A passenger ferry ran aground on a sandbar outside Port Aldwin harbor early on Saturday, the coast guard said.",
            "All 86 passengers and six crew members were taken off the Gull Maiden by lifeboats within two hours of the grounding.",
            "Nobody was seriously hurt, although three passengers were treated for mild hypothermia at the quayside.",
            "Harbor master Ines Varga said the ferry had strayed from the marked channel in thick fog shortly after dawn.",
        ],
    },
    "ferry-courier": {
        "title": "Gull Maiden passengers rescued after ferry strikes sandbar",
        "outlet": "Aldwin Courier",
        "author": "Tom Okafor",
        "published": "2026-10-03",
        "paragraphs": [
            "The ferry Gull Maiden struck a sandbar near the entrance to Port Aldwin harbor on Saturday morning in heavy fog.",
            "Coast guard crews rescued all 86 passengers and six crew members from the stranded vessel over two hours.",
            "Three passengers were treated for mild hypothermia at Aldwin General Hospital, a hospital spokeswoman said.",
            "Harbor master Ines Varga said the ship had left the marked channel before it grounded on the sandbar.",
        ],
    },
    "ferry-gazette": {
        "title": "Salvage crews to refloat stranded Port Aldwin ferry",
        "outlet": "Harbor Gazette",
        "author": "Lena Fisk",
        "published": "2026-10-04",
        "paragraphs": [
            "Salvage teams plan to refloat the ferry Gull Maiden at high tide on Monday, its operator said on Sunday.",
            "The vessel ran aground outside Port Aldwin harbor on Saturday with 86 passengers and six crew aboard.",
            "All passengers and crew were rescued, and three people were treated for mild hypothermia after the grounding.",
            "The harbor will stay closed to large vessels until the ferry has been moved, harbor master Ines Varga said.",
        ],
    },
    "library-post": {
        "title": "Fire guts Marrow Street library in Kestle",
        "outlet": "Kestle Post",
        "author": "Priya Nand",
        "published": "2026-09-12",
        "paragraphs": [
            "A fire tore through the Marrow Street library in Kestle late on Thursday night, destroying its reading room.",
            "Firefighters from three stations fought the blaze for four hours before bringing it under control.",
            "Librarian Walter Enby said about 12,000 books, including the town's oldest parish records, were lost.",
            "The cause of the fire is not yet known, and fire investigators will begin their work on Friday morning.",
        ],
    },
    "library-voice": {
        "title": "Kestle mourns parish records lost in library blaze",
        "outlet": "Valley Voice",
        "author": "Marco Lind",
        "published": "2026-09-13",
        "paragraphs": [
            "Residents of Kestle gathered outside the burned Marrow Street library on Friday to mourn the loss of its collection.",
            "The fire on Thursday night destroyed about 12,000 books, among them parish records dating back three centuries.",
            "Librarian Walter Enby said volunteers had begun to salvage water-damaged volumes from the basement stacks.",
            "Fire investigators said it was too early to say what had started the blaze in the reading room.",
        ],
    },
}


def article_text(name: str) -> str:
    return "\n\n".join(ARTICLES[name]["paragraphs"])


def article_page(name: str, base_url: str = "https://news.example") -> str:
    """A realistic article page: navigation, the article with its metadata, a footer."""
    article = ARTICLES[name]
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{html.escape(article['title'])} | {article['outlet']}</title>
<meta property="og:title" content="{html.escape(article['title'])}">
<meta property="og:site_name" content="{article['outlet']}">
<meta name="author" content="{article['author']}">
<meta property="article:published_time" content="{article['published']}T08:30:00+00:00">
<link rel="canonical" href="{base_url}/articles/{name}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{html.escape(article['title'])}</h1>
<p class="byline">By {article['author']}</p>
{paragraphs}
</article>
<footer>Copyright {article['outlet']}. All rights reserved.</footer>
</body></html>"""


NOT_AN_ARTICLE = """<!DOCTYPE html><html><head><title>Sections</title></head><body>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<footer>Login | Subscribe | Contact</footer></body></html>"""


def rss_feed(title: str, base_url: str, names: list[str]) -> str:
    items = "\n".join(
        f"""<item><title>{html.escape(ARTICLES[n]['title'])}</title><link>{base_url}/articles/{n}</link>
<pubDate>Sat, 03 Oct 2026 08:30:00 GMT</pubDate><description>{html.escape(ARTICLES[n]['paragraphs'][0])}</description></item>"""
        for n in names
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{base_url}/</link><description>Invented news</description>
{items}
</channel></rss>"""


def atom_feed(title: str, base_url: str, names: list[str]) -> str:
    entries = "\n".join(
        f"""<entry><title>{html.escape(ARTICLES[n]['title'])}</title><link href="{base_url}/articles/{n}"/>
<id>{base_url}/articles/{n}</id><updated>2026-09-12T22:00:00Z</updated></entry>"""
        for n in names
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>{base_url}/atom</id><updated>2026-09-13T00:00:00Z</updated>
{entries}
</feed>"""


INVALID_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & <item><titl>Half</ti"""


def opml(feed_urls: list[str]) -> str:
    outlines = "\n".join(f'<outline type="rss" text="feed {i}" xmlUrl="{html.escape(u)}"/>' for i, u in enumerate(feed_urls))
    return f"""<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>
{outlines}
</body></opml>"""


class Site:
    """A real HTTP server on a free local port. `routes[path] = (status, content_type, body)`;
    `delays[path]` seconds to sleep before answering. It records each request's path and user agent."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.delays: dict[str, float] = {}
        self.requests: list[tuple[str, str, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                time.sleep(site.delays.get(self.path, 0))
                status, content_type, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200):
        self.routes[path] = (status, content_type, body.encode("utf-8") if isinstance(body, str) else body)
        return f"{self.url}{path}"

    def add_articles(self, names=None) -> None:
        for name in names or ARTICLES:
            self.add(f"/articles/{name}", article_page(name, self.url))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def check_consistent(db) -> dict:
    """Assert the corpus database is whole: SQLite and FTS integrity, every article in a story,
    story counts that match their articles. Returns counts of articles and stories.
    `db`: an SQLite file, or a PostgreSQL corpus's URL."""
    if isinstance(db, str) and db.startswith("postgresql://"):
        return _check_consistent_postgres(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == articles
        mismatched = conn.execute(
            "SELECT COUNT(*) FROM stories s WHERE s.articles != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)"
        ).fetchone()[0]
        assert mismatched == 0
        stories = conn.execute("SELECT COUNT(*) FROM stories WHERE articles > 0").fetchone()[0]
        return {"articles": articles, "stories": stories}
    finally:
        conn.close()


def _check_consistent_postgres(url: str) -> dict:
    """check_consistent for a PostgreSQL corpus: the same counts, and every article in the search index."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE search IS NOT NULL").fetchone()[0] == articles
        for table in ("cluster_members", "dedup_signatures"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == articles
        mismatched = conn.execute(
            "SELECT COUNT(*) FROM stories s WHERE s.articles != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)"
        ).fetchone()[0]
        assert mismatched == 0
        stories = conn.execute("SELECT COUNT(*) FROM stories WHERE articles > 0").fetchone()[0]
        return {"articles": articles, "stories": stories}
