"""Each source type, read into a real corpus file, with a real local HTTP server for URLs and feeds."""

from __future__ import annotations

import gzip
import io
import json
import time

import pytest
from corpus_fixtures import (
    ARTICLES,
    INVALID_FEED,
    NOT_AN_ARTICLE,
    Site,
    article_page,
    article_text,
    atom_feed,
    check_consistent,
    opml,
    rss_feed,
)

from newsweave.corpus import ingest, open_store
from newsweave.corpus.sources.fetch import USER_AGENT

FAST = {"timeout": 5.0, "delay": 0.0, "allow_private": True}  # the test site is on 127.0.0.1


@pytest.fixture(scope="module")
def site():
    with Site() as site:
        site.add_articles()
        site.add("/sections", NOT_AN_ARTICLE)
        site.add("/ferry.rss", rss_feed("Coast Wire", site.url, ["ferry-wire", "ferry-courier", "ferry-gazette"]), "application/rss+xml")
        site.add("/library.atom", atom_feed("Kestle Post", site.url, ["library-post", "library-voice"]), "application/atom+xml")
        site.add("/broken.rss", INVALID_FEED, "application/rss+xml")
        site.add("/slow", article_page("ferry-wire", site.url))
        site.delays["/slow"] = 3.0
        yield site


def holds_article(text: str, name: str) -> bool:
    """Every paragraph of the invented article, and no page furniture."""
    return all(p in text for p in ARTICLES[name]["paragraphs"]) and "Home" not in text and "rights reserved" not in text


def stored(db) -> list[dict]:
    with open_store(db, readonly=True) as store:
        return [dict(row) for row in store.conn.execute("SELECT * FROM articles ORDER BY id")]


def test_an_article_url_gives_text_and_metadata(site, tmp_path):
    db = tmp_path / "news.db"
    report = ingest([f"{site.url}/articles/ferry-courier"], db=db, **FAST)
    assert (report.added, report.errors) == (1, [])
    [row] = stored(db)
    assert holds_article(row["text"], "ferry-courier")
    assert "Home" not in row["text"] and "All rights reserved" not in row["text"]
    assert row["title"] == ARTICLES["ferry-courier"]["title"]
    assert row["outlet"] == "Aldwin Courier"
    assert row["author"] == "Tom Okafor"
    assert row["published"] == "2026-10-03"
    assert row["canonical_url"] == f"{site.url}/articles/ferry-courier"
    assert row["url"] == f"{site.url}/articles/ferry-courier"
    assert any(path == "/articles/ferry-courier" and agent == USER_AGENT for path, agent, _ in site.requests)


def test_rss_feed_url_fetches_each_entry(site, tmp_path):
    db = tmp_path / "news.db"
    report = ingest([f"{site.url}/ferry.rss"], db=db, **FAST)
    assert (report.added, report.errors) == (3, [])
    rows = stored(db)
    assert {r["title"] for r in rows} == {ARTICLES[n]["title"] for n in ("ferry-wire", "ferry-courier", "ferry-gazette")}
    assert all(holds_article(r["text"], name) for r, name in zip(rows, ["ferry-wire", "ferry-courier", "ferry-gazette"]))


def test_atom_feed_file_and_opml_list(site, tmp_path):
    db = tmp_path / "news.db"
    feed = tmp_path / "library.atom"
    feed.write_text(atom_feed("Kestle Post", site.url, ["library-post", "library-voice"]), encoding="utf-8")
    report = ingest([feed], db=db, **FAST)
    assert (report.added, report.errors) == (2, [])

    listing = tmp_path / "feeds.opml"
    listing.write_text(opml([f"{site.url}/ferry.rss", f"{site.url}/library.atom", f"{site.url}/gone.rss"]), encoding="utf-8")
    report = ingest([listing], db=db, **FAST)
    assert report.added == 3 and report.duplicates == 2  # the library articles were stored already
    [error] = report.errors
    assert "gone.rss" in error.source and "HTTP 404" in error.reason
    assert check_consistent(db)["articles"] == 5


def test_folder_of_saved_pages(tmp_path):
    pages = tmp_path / "saved-pages"
    (pages / "2026").mkdir(parents=True)
    (pages / "ferry-wire.html").write_text(article_page("ferry-wire"), encoding="utf-8")
    (pages / "2026" / "library-post.htm").write_text(article_page("library-post"), encoding="utf-8")
    (pages / "note.txt").write_text(article_text("library-voice"), encoding="utf-8")
    (pages / "sections.html").write_text(NOT_AN_ARTICLE, encoding="utf-8")
    (pages / "photo.png").write_bytes(b"\x89PNG\r\n")
    db = tmp_path / "news.db"
    report = ingest([pages], db=db)
    assert report.added == 3
    reasons = {problem.source.rsplit("/", 1)[-1]: problem.reason for problem in report.errors}
    assert set(reasons) == {"sections.html", "photo.png"}
    assert "no article text" in reasons["sections.html"]
    assert "unsupported file type" in reasons["photo.png"]
    rows = stored(db)
    assert {r["canonical_url"] for r in rows} >= {"https://news.example/articles/ferry-wire"}


def write_warc(path, pages: dict[str, str], extra_records: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(path).endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsweave tests"}))
        for uri, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()), http_headers=headers))
            if extra_records:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(uri + ".png", "response", payload=io.BytesIO(b"\x89PNG fake"), http_headers=image)
                )


def test_warc_archive_reads_html_responses_only(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    write_warc(
        archive,
        {
            "https://news.example/articles/ferry-gazette": article_page("ferry-gazette"),
            "https://news.example/sections": NOT_AN_ARTICLE,
            "https://news.example/articles/library-voice": article_page("library-voice"),
        },
    )
    db = tmp_path / "news.db"
    report = ingest([archive], db=db)
    assert (report.added, report.skipped, report.errors) == (2, 4, [])  # three images and the section page
    rows = stored(db)
    assert [r["url"] for r in rows] == ["https://news.example/articles/ferry-gazette", "https://news.example/articles/library-voice"]
    assert holds_article(rows[0]["text"], "ferry-gazette")
    again = ingest([archive], db=db)
    assert (again.added, again.duplicates) == (0, 2)


def test_uncompressed_warc(tmp_path):
    archive = tmp_path / "crawl.warc"
    write_warc(archive, {"https://news.example/articles/ferry-wire": article_page("ferry-wire")}, extra_records=False)
    report = ingest([archive], db=tmp_path / "news.db")
    assert (report.added, report.errors) == (1, [])


def test_jsonl_csv_and_multi_news_exports(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(
        "\n".join(
            [
                json.dumps({"headline": ARTICLES["ferry-wire"]["title"], "content": article_text("ferry-wire"),
                            "link": "https://coast.example/a1", "date": "Sat, 03 Oct 2026 08:30:00 GMT", "site_name": "Coast Wire",
                            "authors": ["Dana Reyes"]}),
                "{broken",
                json.dumps({"title": "No text here"}),
            ]
        ),
        encoding="utf-8",
    )
    table = tmp_path / "export.csv"
    table.write_text(
        'title,text,url,published,outlet\n"{}","{}",https://post.example/fire,2026-09-12,Kestle Post\n'.format(
            ARTICLES["library-post"]["title"], article_text("library-post")
        ),
        encoding="utf-8",
    )
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text(
        json.dumps({"id": "c1", "documents": [{"id": "1", "text": article_text("ferry-courier")}, {"id": "2", "text": article_text("ferry-gazette")}],
                    "summaries": ["A ferry ran aground."]})
        + "\n"
        + json.dumps({"document": article_text("library-voice") + " ||||| " + "Short second report of the fire in Kestle, written for the test.", "summary": "x"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    report = ingest([export, table, clusters], db=db)
    assert report.added == 6
    assert sorted(p.reason for p in report.errors) == ["invalid JSON: Expecting property name enclosed in double quotes", "no 'text' field"]
    rows = {r["source"]: r for r in stored(db)}
    first = rows[f"{export} line 1"]
    assert (first["title"], first["outlet"], first["author"], first["published"], first["url"]) == (
        ARTICLES["ferry-wire"]["title"], "Coast Wire", "Dana Reyes", "2026-10-03T08:30:00Z", "https://coast.example/a1"
    )
    assert rows[f"{table} line 2"]["published"] == "2026-09-12"
    assert rows[f"{clusters} line 1 cluster c1 document 2"]["text"] == article_text("ferry-gazette")
    assert f"{clusters} line 2 document 2" in rows


# --- bad sources: each a clear error, nothing lost or half-written ---------------------------


def test_bad_sources_each_get_an_error_and_the_good_ones_are_kept(site, tmp_path):
    truncated = tmp_path / "truncated.warc.gz"
    write_warc(
        truncated,
        {f"https://news.example/articles/{n}": article_page(n) for n in ("ferry-wire", "ferry-courier", "library-post")},
        extra_records=False,
    )
    data = truncated.read_bytes()
    truncated.write_bytes(data[: int(len(data) * 0.8)])
    db = tmp_path / "news.db"
    started = time.monotonic()
    report = ingest(
        [
            f"{site.url}/missing-page",
            f"{site.url}/slow",
            f"{site.url}/sections",
            f"{site.url}/broken.rss",
            truncated,
            f"{site.url}/articles/library-voice",
        ],
        db=db,
        timeout=0.5,
        delay=0.0,
        allow_private=True,
    )
    assert time.monotonic() - started < 3.0  # the slow page was given up on, not waited for
    reasons = {source.source.rsplit("/", 1)[-1]: [p.reason for p in source.errors] for source in report.sources}
    assert reasons["missing-page"] == ["HTTP 404 Not Found"]
    assert reasons["slow"] == ["timed out after 0.5 s"]
    assert "no article text found" in reasons["sections"][0]
    assert reasons["broken.rss"][0].startswith("not a readable RSS or Atom feed (invalid XML")
    assert reasons["truncated.warc.gz"][0].startswith("truncated archive after ")
    assert reasons["library-voice"] == []
    # The archive's whole records before the cut are kept; the article from the good URL too.
    warc_report = next(s for s in report.sources if s.source.endswith("truncated.warc.gz"))
    assert warc_report.added >= 1
    counts = check_consistent(db)
    assert counts["articles"] == warc_report.added + 1
    for row in stored(db):
        assert any(holds_article(row["text"], n) for n in ARTICLES)  # no half-written text


def test_too_large_a_page_is_refused(site, tmp_path):
    from newsweave import Settings

    report = ingest([f"{site.url}/articles/ferry-wire"], db=tmp_path / "news.db", settings=Settings(max_input_bytes=500), **FAST)
    assert report.added == 0
    assert "too large" in report.errors[0].reason


def test_politeness_delay_between_requests_to_one_host(site, tmp_path):
    from newsweave.corpus.sources.fetch import Fetcher

    fetcher = Fetcher(timeout=5, delay=0.4, allow_private=True)
    fetcher.fetch(f"{site.url}/articles/ferry-wire")
    started = time.monotonic()
    fetcher.fetch(f"{site.url}/articles/ferry-courier")
    assert time.monotonic() - started >= 0.35


def test_urls_already_stored_are_not_fetched_again(site, tmp_path):
    db = tmp_path / "news.db"
    ingest([f"{site.url}/ferry.rss"], db=db, **FAST)
    before = len(site.requests)
    report = ingest([f"{site.url}/ferry.rss"], db=db, **FAST)
    assert (report.added, report.duplicates) == (0, 3)
    assert [path for path, _, _ in site.requests[before:] if path != "/robots.txt"] == ["/ferry.rss"]


def test_robots_txt_is_obeyed(tmp_path):
    with Site() as site:
        site.add_articles(["ferry-wire", "library-post"])
        site.add("/robots.txt", "User-agent: *\nDisallow: /articles/library\n", "text/plain")
        report = ingest([f"{site.url}/articles/ferry-wire", f"{site.url}/articles/library-post"], db=tmp_path / "news.db", **FAST)
        assert report.added == 1
        assert [p.reason for p in report.errors] == ["the site's robots.txt disallows fetching it"]
        assert "/articles/library-post" not in [path for path, _, _ in site.requests]
        assert [path for path, _, _ in site.requests].count("/robots.txt") == 1


def _record_boundaries(path, pages: dict[str, str]) -> list[int]:
    """Write the archive one record at a time (warcinfo, then each page) and return where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ends = []
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(path).endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsweave tests"}))
        ends.append(stream.tell())
        for uri, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()), http_headers=headers))
            ends.append(stream.tell())
    return ends


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_an_archive_cut_anywhere_in_a_record_names_the_truncation(tmp_path, suffix):
    """Cut inside the last record's headers (warcio then fails with an AttributeError), its HTTP headers or its
    body, including a body longer than one 64 KiB read: always the same one-line error, after the whole records."""
    from newsweave.corpus.sources import Context
    from newsweave.corpus.sources.warc import warc_items
    from newsweave.errors import InputError
    from newsweave.settings import Settings

    long_page = article_page("library-post").replace("</body>", "<p>" + "The reading room stays open late. " * 4000 + "</p></body>")
    pages = {
        "https://news.example/articles/ferry-wire": article_page("ferry-wire"),
        "https://news.example/articles/ferry-courier": article_page("ferry-courier"),
        "https://news.example/articles/library-post": long_page,
    }
    full = tmp_path / f"full{suffix}"
    ends = _record_boundaries(full, pages)
    data = full.read_bytes()
    context = Context(Settings(), None)
    last_start = ends[-2]
    # Up to near the end of the last record's data (a gzip member ends with the deflate stream's
    # end, then 8 bytes of checksum and size: a cut there loses no content, see below).
    cuts = sorted({last_start + 1, last_start + 2, *range(last_start + 3, len(data) - 20, max(1, (len(data) - last_start) // 60))})
    for cut in cuts:
        archive = tmp_path / f"cut-{cut}{suffix}"
        archive.write_bytes(data[:cut])
        read = []
        with pytest.raises(InputError) as failure:
            for item in warc_items(archive, context):
                read.append(item)
        assert str(failure.value) == "truncated archive after 3 records (record 4 is cut off)", cut
        assert [item.url for item in read] == list(pages)[:2], cut
        archive.unlink()
    if suffix == ".warc.gz":  # cut in the checksum: every page was read whole, and the cut is still named
        archive = tmp_path / f"trailer{suffix}"
        archive.write_bytes(data[:-4])
        read = []
        with pytest.raises(InputError, match=r"^truncated archive after 4 records: its last bytes are cut off$"):
            for item in warc_items(archive, context):
                read.append(item)
        assert [item.url for item in read] == list(pages)


def test_a_cut_archive_keeps_the_articles_before_the_cut(tmp_path):
    pages = {f"https://news.example/articles/{name}": article_page(name) for name in ("ferry-wire", "ferry-courier", "library-post")}
    archive = tmp_path / "archive.warc.gz"
    ends = _record_boundaries(archive, pages)
    # Into the last record's WARC headers, before its WARC-Target-URI: warcio used to fail there with
    # "AttributeError: 'NoneType' object has no attribute 'startswith'".
    archive.write_bytes(archive.read_bytes()[: ends[-2] + 120])
    db = tmp_path / "news.db"
    report = ingest([archive], db=db)
    assert report.added == 2
    assert [str(problem) for problem in report.errors] == [f"{archive}: truncated archive after 3 records (record 4 is cut off)"]
    assert [row["url"] for row in stored(db)] == list(pages)[:2]
    check_consistent(db)


def test_a_damaged_record_is_told_from_a_cut_one(tmp_path):
    archive = tmp_path / "damaged.warc.gz"
    ends = _record_boundaries(archive, {f"https://news.example/articles/{n}": article_page(n) for n in ("ferry-wire", "ferry-courier")})
    data = bytearray(archive.read_bytes())
    data[ends[0] + 20] ^= 0xFF  # inside the first page's compressed bytes: the member is whole, its content is not
    archive.write_bytes(bytes(data))
    report = ingest([archive], db=tmp_path / "news.db")
    assert report.added == 0
    [problem] = report.errors
    assert problem.reason.startswith("corrupt archive after 1 record: record 2 cannot be read (")


def test_gzip_body_that_is_not_a_warc(tmp_path):
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(gzip.compress(b"hello, this is not an archive\n"))
    report = ingest([fake], db=tmp_path / "news.db")
    assert report.added == 0 and len(report.errors) == 1
    assert "archive" in report.errors[0].reason or "WARC" in report.errors[0].reason


def test_a_feed_entry_without_a_link_is_read_from_its_content(tmp_path):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLES["library-voice"]["paragraphs"])
    feed = tmp_path / "inline.rss"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Voice</title><item><title>{ARTICLES['library-voice']['title']}</title>
<pubDate>Sun, 13 Sep 2026 09:00:00 GMT</pubDate><content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>
<item><title>Empty</title></item></channel></rss>""",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    report = ingest([feed], db=db)
    assert report.added == 1
    assert [p.reason for p in report.errors] == ["entry has neither a link nor content"]
    [row] = stored(db)
    assert all(p in row["text"] for p in ARTICLES["library-voice"]["paragraphs"])
    assert (row["title"], row["outlet"], row["published"]) == (ARTICLES["library-voice"]["title"], "Valley Voice", "2026-09-13T09:00:00Z")


def test_feed_entries_whose_guid_is_not_a_url_are_read_from_their_content(site, tmp_path):
    """An RSS <guid> without isPermaLink="false" stands in for a missing <link>: a guid that is
    not a URL must not cost the entry, which is read from its own content under a stable address."""
    names = ["library-post", "library-voice", "ferry-gazette"]
    items = "\n".join(
        f"""<item><title>{ARTICLES[name]['title']}</title><guid>urn:valley-voice:{number}</guid>
<pubDate>Sun, 13 Sep 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in ARTICLES[name]['paragraphs'])}]]></content:encoded></item>"""
        for number, name in enumerate(names, start=1)
    )
    linked = f"""<item><title>Linked</title><guid>story-4</guid><link>{site.url}/articles/ferry-wire</link>
<description>A teaser only.</description></item>"""
    feed = tmp_path / "guids.rss"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Voice</title>{items}{linked}</channel></rss>""",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    report = ingest([feed], db=db, **FAST)
    assert (report.added, report.errors) == (4, [])
    rows = stored(db)
    for name, row in zip(names, rows):
        assert holds_article(row["text"], name)
        assert row["outlet"] == "Valley Voice"
    assert [row["url"] for row in rows[:3]] == [f"{feed.resolve()}#urn:valley-voice:{n}" for n in (1, 2, 3)]
    assert rows[3]["url"] == f"{site.url}/articles/ferry-wire" and holds_article(rows[3]["text"], "ferry-wire")
    again = ingest([feed], db=db, **FAST)  # the same addresses: nothing fetched or stored twice
    assert (again.added, again.duplicates, again.errors) == (0, 4, [])


def test_a_fetched_feed_never_reads_files_and_resolves_relative_links(site, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Private notes that must stay on this machine.\n", encoding="utf-8")
    site.add("/relative.rss", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title>
<item><title>Relative</title><link>/articles/ferry-courier</link></item>
<item><title>A file</title><link>file://{notes}</link></item></channel></rss>""", "application/rss+xml")
    site.add("/files.opml", opml([str(notes), f"file://{notes}", "/ferry.rss"]), "text/x-opml")
    db = tmp_path / "news.db"
    report = ingest([f"{site.url}/relative.rss", f"{site.url}/files.opml"], db=db, **FAST)
    reasons = sorted(p.reason for p in report.errors)
    # In a fetched list a path is a path on that site, so "/tmp/.../notes.txt" is asked of it (404), never read here.
    assert reasons == ["HTTP 404 Not Found", "entry has no content and its link is not an http(s) URL",
                       "only http(s) URLs are read from this list, never files"], reasons
    assert {row["url"] for row in stored(db)} == {f"{site.url}/articles/{n}" for n in ("ferry-courier", "ferry-wire", "ferry-gazette")}


def test_a_report_held_in_memory_is_read_as_the_same_file(tmp_path, site):
    """Uploads reach the corpus as `newsweave.load.Source`s: the same articles and problems as files of
    their names, in each format, truncated archives included; they name no file and have no address."""
    from newsweave.corpus.sources import Context, read_source
    from newsweave.corpus.sources.fetch import Fetcher
    from newsweave.load import Source
    from newsweave.settings import Settings

    pages = {f"https://news.example/articles/{name}": article_page(name) for name in ("ferry-wire", "ferry-courier", "library-post")}
    archive = tmp_path / "archive.warc.gz"
    ends = _record_boundaries(archive, pages)
    cut = tmp_path / "cut.warc"
    _record_boundaries(cut, pages)
    cut.write_bytes(cut.read_bytes()[: -200])
    files = {
        "export.jsonl": json.dumps({"text": article_text("ferry-wire"), "title": "Wire"}) + "\n{broken\n",
        "export.csv": "title,text\nCourier," + json.dumps(article_text("ferry-courier")) + "\n",
        "export.json": json.dumps([{"text": article_text("library-post")}, {"title": "no text"}]),
        "page.html": article_page("ferry-gazette"),
        "notes.md": "# Ferry notes\n\n" + article_text("library-voice"),
        "feed.rss": rss_feed("Coast Wire", site.url, ["ferry-wire"]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    context = Context(Settings(), Fetcher(timeout=5.0, delay=0.0, allow_private=True), local_references=False)

    def items(source):
        found = []
        for item in read_source(source, context):
            found.append((type(item).__name__, getattr(item, "text", None), getattr(item, "title", None),
                          getattr(item, "source", None), getattr(item, "reason", None)))
        return found

    assert ends
    for path in [*(tmp_path / name for name in files), archive, cut]:
        name = str(path)
        try:
            expected = items(name)
        except Exception as exc:  # the cut archive: its articles, then the error
            expected = [type(exc).__name__, str(exc)]
        try:
            got = items(Source(name, path.read_bytes()))
        except Exception as exc:
            got = [type(exc).__name__, str(exc)]
        assert got == expected, path.name
        assert path == cut or (got and got[0][0] == "Article"), path.name
    page = next(read_source(Source("page.html", files["page.html"].encode()), context))
    assert page.url is None and page.source == "page.html"  # an upload has no address: never a path on the server
