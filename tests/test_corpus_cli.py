"""The corpus commands end to end: ingest, stories, search, brief --db --story (in process, `newsweave.cli.main`),
recovery after an ingest killed with SIGKILL mid-way and `serve` (in subprocesses); on an SQLite file and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import is_postgres, query
from corpus_fixtures import (
    ARTICLES,
    NOT_AN_ARTICLE,
    Site,
    article_page,
    check_consistent,
    opml,
    rss_feed,
)
from in_process import run_in_process


@pytest.fixture(scope="module")
def site():
    with Site() as site:
        site.add_articles()
        site.add("/ferry.rss", rss_feed("Coast Wire", site.url, ["ferry-wire", "ferry-courier", "ferry-gazette"]), "application/rss+xml")
        site.add("/library.rss", rss_feed("Kestle Post", site.url, ["library-post", "library-voice"]), "application/rss+xml")
        # The same articles again, each slow to fetch: for killing an ingest mid-way.
        for name in ARTICLES:
            site.add(f"/slow/articles/{name}", article_page(name, site.url))
            site.delays[f"/slow/articles/{name}"] = 0.6
        site.add("/slow.rss", rss_feed("Slow Wire", f"{site.url}/slow", list(ARTICLES)), "application/rss+xml")
        yield site


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request, site, tmp_path_factory):
    """A corpus ingested once through the command line from an OPML list, a saved page and a bad source."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "feeds.opml").write_text(opml([f"{site.url}/ferry.rss", f"{site.url}/library.rss"]), encoding="utf-8")
    (folder / "sections.html").write_text(NOT_AN_ARTICLE, encoding="utf-8")
    db = folder / "news.db" if request.param == "sqlite" else request.getfixturevalue("postgres_server").create_database()
    result = run_in_process("ingest", folder / "feeds.opml", folder / "sections.html", f"{site.url}/nowhere", "--db", db,
                           "--delay", "0", "--json", "--allow-private-addresses")
    return db, result


def test_ingest_reports_counts_and_each_failed_source(corpus):
    db, result = corpus
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["added"], report["duplicates"]) == (5, 0)
    by_source = {s["source"].rsplit("/", 1)[-1]: s for s in report["sources"]}
    assert by_source["feeds.opml"]["added"] == 5
    assert "no article text found" in by_source["sections.html"]["errors"][0]["reason"]
    assert by_source["nowhere"]["errors"][0]["reason"] == "HTTP 404 Not Found"
    # The error report at the end: one line per failure, naming the source and why.
    assert "sections.html: no article text found" in result.stderr
    assert "/nowhere: HTTP 404 Not Found" in result.stderr
    assert "5 added, 0 already stored" in result.stderr
    check_consistent(db)


def test_stories_lists_biggest_first(corpus):
    db, _ = corpus
    result = run_in_process("stories", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    sizes = [s["articles"] for s in listing["stories"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 5 and listing["total"] == len(sizes)
    table = run_in_process("stories", "--db", db)
    assert table.returncode == 0 and listing["stories"][0]["title"][:20] in table.stdout
    filtered = json.loads(run_in_process("stories", "--db", db, "--search", "parish records", "--json").stdout)
    assert 1 <= filtered["total"] < listing["total"] or listing["total"] == 1


def test_search_finds_articles(corpus):
    db, _ = corpus
    results = json.loads(run_in_process("search", "--db", db, "hypothermia", "--json").stdout)
    assert len(results) == 3
    assert all("[hypothermia]" in r["snippet"] for r in results)
    text = run_in_process("search", "--db", db, "parish", "records")
    assert text.returncode == 0 and "[parish]" in text.stdout and "story " in text.stdout
    none = run_in_process("search", "--db", db, "zeppelin")
    assert none.returncode == 0 and "no article matches" in none.stderr


def test_brief_a_stored_story_as_html(corpus, tmp_path):
    db, _ = corpus
    story = json.loads(run_in_process("stories", "--db", db, "--search", "hypothermia", "--json").stdout)["stories"][0]
    output = tmp_path / "story.html"
    result = run_in_process("brief", "--db", db, "--story", story["id"], "--format", "html", "-o", output)
    assert result.returncode == 0, result.stderr
    page = output.read_text(encoding="utf-8")
    assert page.lower().startswith("<!doctype html>") and "hypothermia" in page
    # The second time the cached brief is used: same bytes.
    again = tmp_path / "again.html"
    assert run_in_process("brief", "--db", db, "--story", story["id"], "--format", "html", "-o", again).returncode == 0
    assert again.read_text(encoding="utf-8") == page


def test_corpus_command_errors_are_one_line(corpus, tmp_path, request):
    db, _ = corpus
    if is_postgres(db):
        missing = run_in_process("stories", "--db", request.getfixturevalue("postgres_server").url("none"))
        expected = 'database "none" does not exist'
    else:
        missing, expected = run_in_process("stories", "--db", tmp_path / "none.db"), "no such corpus database"
    assert missing.returncode == 1 and expected in missing.stderr and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    no_story = run_in_process("brief", "--db", db, "--story", "999")
    assert no_story.returncode == 1 and "story 999: no such story" in no_story.stderr
    half = run_in_process("brief", "--story", "1")
    assert half.returncode == 1 and "both --db FILE and --story ID" in half.stderr
    nothing = run_in_process("brief")
    assert nothing.returncode == 1 and "--db and --story" in nothing.stderr
    all_bad = run_in_process("ingest", tmp_path / "nope.jsonl", "--db", tmp_path / "x.db")
    assert all_bad.returncode == 1 and "nope.jsonl: no such file" in all_bad.stderr


def _articles(db) -> int:
    if is_postgres(db):
        import psycopg

        try:
            return query(db, "SELECT COUNT(*) FROM articles")[0][0]
        except psycopg.Error:  # not created yet
            return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_an_ingest_killed_mid_way_leaves_a_consistent_corpus_and_a_rerun_finishes(site, corpus_db):
    db = corpus_db
    command = [sys.executable, "-m", "newsweave", "ingest", f"{site.url}/slow.rss", "--db", str(db), "--delay", "0", "--json",
               "--allow-private-addresses"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _articles(db) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    before = check_consistent(db)["articles"]
    assert 2 <= before < len(ARTICLES)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["duplicates"] == before and report["added"] == len(ARTICLES) - before
    assert check_consistent(db)["articles"] == len(ARTICLES)


def test_export_a_stored_story_as_graphml(corpus, tmp_path):
    db, _ = corpus
    story = json.loads(run_in_process("stories", "--db", db, "--json").stdout)["stories"][0]
    output = tmp_path / "story.graphml"
    result = run_in_process("export", "--db", db, "--story", story["id"], "--format", "graphml", "-o", output)
    assert result.returncode == 0, result.stderr
    assert "<graphml" in output.read_text(encoding="utf-8")


def test_a_killed_ingest_of_a_local_export_committed_in_groups_recovers(tmp_path, corpus_db):
    """Local files are committed in groups of articles: a kill loses at most the group in flight."""
    names = list(ARTICLES)
    export = tmp_path / "export.jsonl"
    with open(export, "w", encoding="utf-8") as stream:
        for number in range(400):
            first, second = names[number % 5], names[(number // 5) % 5]
            paragraphs = ARTICLES[first]["paragraphs"][:2] + ARTICLES[second]["paragraphs"][2:]
            text = f"Dispatch {number} of an invented wire. " + " ".join(paragraphs)
            stream.write(json.dumps({"id": number, "text": text, "title": f"Dispatch {number}"}) + "\n")
    db = corpus_db
    command = [sys.executable, "-m", "newsweave", "ingest", str(export), "--db", str(db), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _articles(db) < 10 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, "the ingest finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    before = check_consistent(db)["articles"]
    assert 10 <= before < 400
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert (report["duplicates"], report["added"]) == (before, 400 - before)
    assert check_consistent(db)["articles"] == 400


def test_serve_lists_searches_and_briefs_the_corpus(corpus):
    """`newsweave serve --db` (read-only) over HTTP on 127.0.0.1: the story list, search, a story's brief and page."""
    import socket
    import urllib.request

    db, _ = corpus
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newsweave", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> bytes:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.read()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                listing = json.loads(get("/api/stories"))
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
        assert sum(s["articles"] for s in listing["stories"]) == 5
        found = json.loads(get("/api/search?q=hypothermia"))["results"]
        assert len(found) == 3 and all("hypothermia" in r["snippet"] for r in found)
        story = found[0]["story"]
        brief = json.loads(get(f"/api/stories/{story}/brief"))
        assert brief["schema"] == "newsweave.brief/1" and brief["summary"]
        assert "hypothermia" in get(f"/stories/{story}").decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
