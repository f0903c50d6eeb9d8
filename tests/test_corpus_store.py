"""The corpus store: migrations, deduplication, idempotent ingest, full-text search, stories, cached briefs.

Each test of the interface runs on both backends (`corpus_db`: a new SQLite file, a new PostgreSQL
database); the tests of one backend's own schema and migrations say which in their names."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import query
from corpus_fixtures import ARTICLES, article_text, check_consistent

import newsweave
import newsweave.pipeline
from newsweave.corpus import Article, brief_story, ingest, open_store
from newsweave.corpus.cluster import Clusterer
from newsweave.corpus.dedup import Deduplicator
from newsweave.corpus.sqlite import migrations, statements
from newsweave.errors import InputError


def article(name: str, **changes) -> Article:
    data = ARTICLES[name]
    fields = dict(
        text=article_text(name), title=data["title"], outlet=data["outlet"], author=data["author"],
        published=data["published"], url=f"https://news.example/articles/{name}",
        canonical_url=f"https://news.example/articles/{name}", source="test",
    )
    fields.update(changes)
    return Article(**fields)


@pytest.fixture
def store(corpus_db):
    with open_store(corpus_db) as store:
        yield store


def test_a_new_corpus_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path):
    db = tmp_path / "news.db"
    with open_store(db) as store:
        assert store.schema_version == len(migrations()) >= 2
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "stories", "articles_fts", "brief_cache"} <= tables
    with open_store(db) as store:  # reopening migrates nothing
        assert store.schema_version == len(migrations())


def test_an_old_corpus_is_upgraded_step_by_step_and_keeps_its_articles(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in statements(migrations()[0]):  # a corpus written when only the first step existed
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (content_hash, text, added) VALUES ('h', 'An article from before the upgrade.', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="needs upgrading"):
        open_store(db, readonly=True)
    with open_store(db) as store:
        assert store.schema_version == len(migrations())
        assert store.count_articles() == 1
        assert store.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cluster_members'").fetchone()[0] == 1


OLD_CORPUS = Path(__file__).parent / "data" / "corpus-schema-2.db.gz"
# What the previous release stored in it (schema 2, migration 2 then built by code), in this order.
OLD_ARTICLES = ["ferry-wire", "ferry-courier", "library-post"]


def test_a_corpus_written_by_the_previous_release_opens_and_grows_like_a_new_one(tmp_path):
    old = tmp_path / "old.db"
    old.write_bytes(gzip.decompress(OLD_CORPUS.read_bytes()))
    later = [name for name in ARTICLES if name not in OLD_ARTICLES]
    with pytest.raises(InputError, match="needs upgrading"):  # a reader never writes: the upgrade is a writer's
        open_store(old, readonly=True)
    with open_store(old) as store:
        assert store.schema_version == len(migrations()) == 3
        assert [d.title for d in store.story_documents(1)] == [ARTICLES[n]["title"] for n in OLD_ARTICLES[:2]]
        for name in later:
            assert store.add_article(article(name)) is not None
    with open_store(old, readonly=True) as store:
        assert store.schema_version == 3
    fresh = tmp_path / "fresh.db"
    with open_store(fresh) as store:
        for name in OLD_ARTICLES + later:
            store.add_article(article(name))

    def corpus(db):
        return (
            query(db, "SELECT id, title, story_id, copy_of, wire FROM articles ORDER BY id"),
            query(db, "SELECT id, title, articles, outlets, first_published, last_published, version FROM stories ORDER BY id"),
            query(db, "SELECT article_id, story_id FROM cluster_members ORDER BY 1"),
            query(db, "SELECT article_id, duplicate_of, reason FROM dedup_signatures ORDER BY 1"),
        )

    assert corpus(old) == corpus(fresh)
    check_consistent(old)


RECOUNT = (
    "SELECT story_id, COUNT(*), COUNT(DISTINCT outlet) + COUNT(*) - COUNT(outlet), MIN(published), MAX(published) "
    "FROM articles GROUP BY story_id ORDER BY story_id"
)


def test_a_storys_counts_grow_article_by_article_to_what_a_recount_gives(corpus_db):
    """Articles, outlets (one without an outlet counts as its own), first and last publication: counted up
    as each article joins (a recount read every article of the story), they equal a recount at every step,
    whatever order the days come in and with outlets repeated or missing."""
    outlets = ["Harbour Post", None, "Harbour Post", "Coast Radio", None, "Coast Radio", "Evening Star"]
    days = ["2026-03-04T10:00:00+00:00", None, "2026-03-02T08:00:00+00:00", "2026-03-06T12:00:00+00:00",
            "2026-03-01T09:00:00+00:00", None, "2026-03-05T07:00:00+00:00"]
    with open_store(corpus_db) as store:
        for number, (outlet, day) in enumerate(zip(outlets, days, strict=True)):
            name = ("ferry-wire", "ferry-courier", "ferry-gazette")[number % 3]  # one story, told three ways
            text = f"Dispatch {number}. " + " ".join(ARTICLES[name]["paragraphs"])
            assert store.add_article(Article(text=text, title=f"Ferry dispatch {number}", outlet=outlet, published=day))
            counted = query(corpus_db, "SELECT id, articles, outlets, first_published, last_published FROM stories ORDER BY id")
            assert counted == query(corpus_db, RECOUNT)
    assert counted == [(1, 7, 5, "2026-03-01T09:00:00+00:00", "2026-03-06T12:00:00+00:00")]  # one story: the test tests


def test_storing_an_article_creates_no_table_and_reads_no_schema(tmp_path):
    with open_store(tmp_path / "news.db") as store:
        store.add_article(article("ferry-wire"))  # the first article loads the word lists
        statements_run = []
        store.conn.set_trace_callback(statements_run.append)
        store.add_article(article("ferry-courier"))
        store.conn.set_trace_callback(None)
    assert any(sql.startswith("INSERT INTO articles") for sql in statements_run)
    assert not [sql for sql in statements_run if "CREATE" in sql.upper() or "sqlite_master" in sql]


def test_an_article_joining_its_story_reads_no_other_article_of_it_in_sqlite(tmp_path):
    """The story's row is counted up: SQLite's plan for it looks the outlet up in the (story, outlet)
    index, and neither recounts the story's articles nor sorts their outlets (a temporary B-tree)."""
    with open_store(tmp_path / "news.db") as store:
        store.add_article(article("ferry-wire"))
        statements_run = []
        store.conn.set_trace_callback(statements_run.append)
        store.add_article(article("ferry-courier"))
        store.conn.set_trace_callback(None)
        update = [sql for sql in statements_run if sql.startswith("UPDATE stories")]
        assert len(update) == 1
        plan = " | ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + update[0]))
    assert "articles_story_outlet" in plan
    assert "TEMP B-TREE" not in plan and "COUNT(" not in update[0].upper()


def test_wire_credit_is_worked_out_once_per_article(store, corpus_db, monkeypatch):
    import newsweave.crosscheck.attribution as attribution

    calls = []
    real = attribution.wire_credit
    monkeypatch.setattr(attribution, "wire_credit", lambda text: calls.append(text) or real(text))
    store.add_article(article("ferry-wire", text="OSLO (Reuters) - " + article_text("ferry-wire")))
    assert len(calls) == 1
    assert query(corpus_db, "SELECT wire FROM articles") == [("Reuters",)]


def test_a_failing_duplicate_check_is_the_articles_error_never_silence(store, monkeypatch):
    # Duplicate detection and clustering are plain imports and plain calls: an error in them
    # (even an ImportError) fails the article and leaves nothing of it behind.
    def broken(*args, **kwargs):
        raise ImportError("invented: datasketch is missing")

    monkeypatch.setattr(Deduplicator, "find", broken)
    with pytest.raises(ImportError, match="invented"):
        store.add_article(article("ferry-wire"))
    assert store.count_articles() == 0 and store.stories() == []


def test_a_corpus_from_a_newer_newsweave_is_refused(tmp_path):
    db = tmp_path / "new.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(migrations()) + 5}")
    conn.close()
    with pytest.raises(InputError, match="newer than this newsweave knows"):
        open_store(db)


def test_readonly_needs_an_existing_corpus_and_refuses_other_files(tmp_path):
    with pytest.raises(InputError, match="no such corpus"):
        open_store(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database, just some text " * 200)
    with pytest.raises(InputError, match="not a newsweave corpus"):
        open_store(junk)


def test_same_article_by_content_hash_or_canonical_url_is_stored_once(store):
    first = store.add_article(article("ferry-wire"))
    assert first is not None
    # The same words with other spacing and case, from another URL.
    respaced = article("ferry-wire", text="  " + article_text("ferry-wire").upper().replace(" ", "  "), url="https://other.example/x",
                       canonical_url="https://other.example/x")
    assert store.add_article(respaced) is None
    # An updated text at the same canonical URL.
    assert store.add_article(article("ferry-wire", text=article_text("ferry-wire") + " Updated at noon.")) is None
    assert store.count_articles() == 1
    assert store.add_article(article("ferry-courier")) is not None
    assert store.count_articles() == 2


def test_documents_keep_the_exact_text_and_metadata(store):
    article_id = store.add_article(article("library-post"))
    document = store.document(str(article_id))
    assert isinstance(document, newsweave.Document)
    assert document.id == str(article_id)
    assert document.text == article_text("library-post")
    assert (document.title, document.outlet, document.published, document.url) == (
        ARTICLES["library-post"]["title"], "Kestle Post", "2026-09-12", "https://news.example/articles/library-post"
    )
    assert store.document("999") is None and store.document("not-a-number") is None


def test_reingesting_an_export_changes_nothing(tmp_path, corpus_db):
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(json.dumps({"title": a["title"], "text": article_text(n), "outlet": a["outlet"],
                                            "published": a["published"]}) for n, a in ARTICLES.items()), encoding="utf-8")
    db = corpus_db
    first = ingest([export], db=db)
    assert (first.added, first.duplicates) == (5, 0)

    def snapshot():
        return [query(db, f"SELECT * FROM {t} ORDER BY 1") for t in ("articles", "stories")]

    before = snapshot()
    second = ingest([export, export], db=db)
    assert (second.added, second.duplicates) == (0, 10)
    assert snapshot() == before
    check_consistent(db)


def test_full_text_search_finds_articles_and_their_stories(store, corpus_db):
    ids = {name: store.add_article(article(name)) for name in ARTICLES}
    results = store.search("parish records")
    assert {r["document"] for r in results} == {str(ids["library-post"]), str(ids["library-voice"])}
    hit = results[0]
    assert set(hit) == {"document", "title", "snippet", "story", "outlet", "published"}
    assert "[parish]" in hit["snippet"] and "[records]" in hit["snippet"]
    assert [(hit["story"],)] == query(corpus_db, "SELECT story_id FROM articles WHERE id = ?", (int(hit["document"]),))
    # Stemming: "rescue" finds "rescued"; every word must appear.
    assert {r["document"] for r in store.search("rescue Gull")} == {str(ids["ferry-courier"]), str(ids["ferry-gazette"])}
    assert store.search("Gull parish") == []
    # Words that look like FTS syntax are just words.
    assert len(store.search('"ferry" (harbor*:')) == 3 and store.search("* -") == []


def test_stories_are_listed_biggest_and_newest_first(store):
    for name in ARTICLES:
        store.add_article(article(name))
    stories = store.stories()
    assert set(stories[0]) == {"id", "title", "articles", "outlets", "first_published", "last_published", "updated"}
    sizes = [s["articles"] for s in stories]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 5
    assert store.count_stories() == len(stories)
    assert store.count_stories("hypothermia") >= 1
    assert all(
        any("hypothermia" in d.text for d in store.story_documents(s["id"])) for s in store.stories("hypothermia")
    )
    assert store.stories(limit=1, offset=1) == stories[1:2]


def test_stories_of_equal_size_newest_first(store):
    store.add_article(article("library-post", text="A short invented note about a bake sale in Kestle town hall on Sunday.",
                              title="Bake sale", canonical_url=None, published="2026-01-01"))
    store.add_article(article("ferry-wire", text="An invented line about a marathon in Port Aldwin with 400 runners on Monday.",
                              title="Marathon", canonical_url=None, published="2026-05-01"))
    titles = [s["title"] for s in store.stories() if s["articles"] == 1]
    assert titles.index("Marathon") < titles.index("Bake sale")


def test_a_story_with_several_articles_and_story_documents(store, corpus_db):
    ids = [store.add_article(article(name)) for name in ("ferry-wire", "ferry-courier", "ferry-gazette")]
    story_ids = {query(corpus_db, "SELECT story_id FROM articles WHERE id = ?", (i,))[0][0] for i in ids}
    for story_id in story_ids:
        documents = store.story_documents(story_id)
        assert documents and all(isinstance(d, newsweave.Document) for d in documents)
        dates = [d.published for d in documents]
        assert dates == sorted(dates)


def test_a_syndicated_copy_points_at_its_original(store):
    original = store.add_article(article("ferry-wire"))
    copy = store.add_article(
        article("ferry-wire", text=article_text("ferry-wire") + "\n\nThe Harbor Gazette contributed to this report.",
                outlet="Harbor Gazette", url="https://gazette.example/ferry", canonical_url="https://gazette.example/ferry")
    )
    assert copy is not None
    assert store.document(str(copy)).copy_of == str(original)
    assert store.document(str(original)).copy_of is None


def test_brief_story_is_cached_until_the_story_changes(store, corpus_db, monkeypatch):
    store.add_article(article("ferry-wire"))
    story_id = store.stories()[0]["id"]
    first = brief_story(store, story_id)
    assert isinstance(first, newsweave.Brief)
    assert {d.id for d in first.documents} == {d.id for d in store.story_documents(story_id)}

    def no_briefing(*args, **kwargs):
        raise AssertionError("the cached brief should have been used")

    monkeypatch.setattr(newsweave.pipeline, "build_story", no_briefing)
    cached = brief_story(store, story_id)
    assert cached.to_json() == first.to_json() and cached.to_html() == first.to_html()

    monkeypatch.undo()
    # A new article in the story makes the cache stale.
    query(corpus_db, "UPDATE stories SET version = version + 1 WHERE id = ?", (story_id,))
    calls = []
    real = newsweave.pipeline.build_story
    monkeypatch.setattr(newsweave.pipeline, "build_story", lambda *a, **k: calls.append(1) or real(*a, **k))
    brief_story(store, story_id)
    assert calls == [1]


def test_brief_of_a_missing_story_is_a_clear_error(store):
    with pytest.raises(InputError, match="story 42: no such story"):
        brief_story(store, 42)


def test_a_wire_byline_is_recorded(store, corpus_db):
    article_id = store.add_article(article("ferry-wire", text="PORT ALDWIN (AP) — " + article_text("ferry-wire")))
    [(wire,)] = query(corpus_db, "SELECT wire FROM articles WHERE id = ?", (article_id,))
    assert wire == "Associated Press"


def test_progress_is_told_each_outcome(tmp_path, corpus_db):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"text": article_text("ferry-wire")}) + "\n{bad\n" + json.dumps({"text": article_text("ferry-wire")}) + "\n")
    events = []
    ingest([export], db=corpus_db, progress=lambda source, outcome, report: events.append(outcome))
    assert events == ["start", "added", "error", "duplicate", "done"]


def test_an_article_that_cannot_be_stored_is_rolled_back_and_the_rest_go_on(tmp_path, corpus_db, monkeypatch):
    real = Clusterer.assign

    def flaky(self, article_id, title, text, *args, **kwargs):
        story = real(self, article_id, title, text, *args, **kwargs)  # writes its index rows first
        if "Kestle" in text:
            raise ValueError("invented failure after partial writes")
        return story

    monkeypatch.setattr(Clusterer, "assign", flaky)
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(json.dumps({"title": a["title"], "text": article_text(n)}) for n, a in ARTICLES.items()))
    db = corpus_db
    report = ingest([export], db=db)
    assert report.added == 3 and len(report.errors) == 2
    assert all("invented failure" in p.reason and " line " in p.source for p in report.errors)
    check_consistent(db)
    # No trace of the failed articles in the clustering or duplicate indexes either.
    assert query(db, "SELECT COUNT(*) FROM cluster_members") == [(3,)]
    assert query(db, "SELECT COUNT(*) FROM dedup_signatures") == [(3,)]


def test_an_untitled_story_is_labelled_by_its_first_line(store):
    long_line = "An invented report without a headline whose first line runs on for far longer than any title would, " * 2
    store.add_article(Article(text=long_line.strip() + "\n\nA second paragraph follows it here."))
    [story] = store.stories()
    assert story["title"].endswith("…") and len(story["title"]) <= 101 and long_line.startswith(story["title"][:-1])
    assert store.story_documents(story["id"])[0].title is None  # the document keeps no invented title


# --- PostgreSQL's own schema and migrations --------------------------------------


def test_postgres_a_new_corpus_is_migrated_once_with_a_search_index(postgres_db):
    from newsweave.corpus.postgres import migrations as pg_migrations

    with open_store(postgres_db) as store:
        assert store.schema_version == len(pg_migrations()) == len(migrations())
    tables = {row[0] for row in query(postgres_db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"articles", "stories", "brief_cache", "cluster_members", "dedup_buckets", "newsweave_schema"} <= tables
    [(index,)] = query(postgres_db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_search'")
    assert "USING gin (search)" in index
    with open_store(postgres_db) as store:  # reopening migrates nothing
        assert store.schema_version == len(migrations())
    assert query(postgres_db, "SELECT COUNT(*) FROM newsweave_schema") == [(1,)]


def test_postgres_an_old_corpus_is_upgraded_step_by_step_and_keeps_its_articles(postgres_db):
    from newsweave.corpus.postgres import migrations as pg_migrations

    query(postgres_db, pg_migrations()[0])  # a corpus written when only the first step existed
    query(postgres_db, "CREATE TABLE newsweave_schema (version INTEGER NOT NULL)")
    query(postgres_db, "INSERT INTO newsweave_schema VALUES (1)")
    query(postgres_db, "INSERT INTO articles (id, content_hash, text, added) VALUES (1, 'h', 'An article from before the upgrade.', '2026-01-01')")
    with pytest.raises(InputError, match="needs upgrading"):
        open_store(postgres_db, readonly=True)
    with open_store(postgres_db) as store:
        assert store.schema_version == len(migrations())
        assert store.count_articles() == 1
        assert store.search("upgrade")[0]["document"] == "1"
    assert query(postgres_db, "SELECT to_regclass('cluster_members') IS NOT NULL") == [(True,)]


def test_postgres_the_writer_s_kept_frequencies_never_outlive_a_rollback_or_another_writer(postgres_db):
    """The writer keeps the document frequencies it has read (corpus/postgres.py KnownFrequencies):
    after an article of its own rolled back, and after another writer's articles, what it would
    weigh its next article with must still be what the table holds."""
    from newsweave.corpus.store import StoreError

    def kept_and_stored(store):
        stored = dict(query(postgres_db, "SELECT key, documents FROM cluster_frequencies"))
        with store._transaction() as conn:
            stories = store.tables(conn).stories
            stories.document_count()
            kept = stories.frequencies([*stored, "@Nobody Anywhere"])
        return kept, stored

    opening = "Inspectors closed the Larkmoor harbour after a crane collapsed onto a ferry on Tuesday."
    with open_store(postgres_db) as first, open_store(postgres_db) as second:
        first.add_article(Article(text=opening + " Dockworkers were evacuated.", title="Crane falls at Larkmoor"))
        kept, stored = kept_and_stored(first)
        assert kept == stored and stored
        with pytest.raises(StoreError), first.batch():
            # counted into the frequencies, then refused (PostgreSQL takes no NUL): rolled back
            first.add_article(Article(text=opening + " The ferry \x00 was empty.", title="Larkmoor crane"))
        assert kept_and_stored(first) == (stored, stored)
        second.add_article(Article(text=opening + " The harbour master resigned.", title="Larkmoor harbour master quits"))
        kept, stored = kept_and_stored(first)
        assert kept == stored and max(stored.values()) == 2


def test_postgres_the_writer_plans_its_statements_for_any_arguments(postgres_db):
    """A plan made for one article's few hundred keys on a small, fresh table is a full scan, and it
    was kept for every later article (20–50 ms an article): the writer's session plans generically."""
    with open_store(postgres_db) as store:
        with store._transaction() as conn:
            assert conn.execute("SHOW plan_cache_mode").fetchone() == ("force_generic_plan",)
            conn.execute("PREPARE probe(text[]) AS SELECT key, documents FROM cluster_frequencies WHERE key = ANY($1)")
            keys = "{" + ",".join(f"k{number}" for number in range(300)) + "}"
            plan = "\n".join(row[0] for row in conn.execute(f"EXPLAIN EXECUTE probe('{keys}')"))
            conn.execute("DEALLOCATE probe")
        assert "Index" in plan, plan


def test_postgres_the_writer_sends_an_article_s_statements_pipelined(postgres_db):
    """An article is some twenty statements, and a round trip each was where the writer's time went: the
    writes whose results nobody reads go to the server with the next read (psycopg's pipeline mode), alone
    or in a batch; a statement refused inside still fails the article alone."""
    from psycopg.pq import PipelineStatus

    from newsweave.corpus.store import StoreError

    with open_store(postgres_db) as store:
        with store._transaction() as conn:
            assert conn.info.pipeline_status != PipelineStatus.OFF
        with store.batch():
            with store._transaction() as conn:
                assert conn.info.pipeline_status != PipelineStatus.OFF
            with pytest.raises(StoreError):
                store.add_article(Article(text="The ferry \x00 sailed from Larkmoor at dawn on Tuesday.", title="Ferry"))
            assert store.add_article(Article(text="The ferry sailed from Larkmoor at dawn on Tuesday.", title="Ferry"))
    assert query(postgres_db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_postgres_a_corpus_from_a_newer_newsweave_is_refused(postgres_db):
    query(postgres_db, "CREATE TABLE newsweave_schema (version INTEGER NOT NULL)")
    query(postgres_db, "INSERT INTO newsweave_schema VALUES (?)", (len(migrations()) + 5,))
    for readonly in (False, True):
        with pytest.raises(InputError, match="newer than this newsweave knows"):
            open_store(postgres_db, readonly=readonly)


def test_postgres_readonly_needs_a_corpus_and_never_writes(postgres_db):
    with pytest.raises(InputError, match="not a newsweave corpus database"):
        open_store(postgres_db, readonly=True)
    assert query(postgres_db, "SELECT to_regclass('newsweave_schema')") == [(None,)]  # nothing was created
    with open_store(postgres_db) as store:
        store.add_article(article("ferry-wire"))
    with open_store(postgres_db, readonly=True) as store:
        assert store.count_articles() == 1
        # Its sessions are read-only in PostgreSQL itself, whatever the code asks.
        from newsweave.corpus.store import StoreError

        with pytest.raises(StoreError, match="read-only transaction"):
            store.add_article(article("ferry-courier"))
    assert query(postgres_db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_postgres_an_unreachable_database_is_a_one_line_error_without_the_password(postgres_server):
    url = postgres_server.url("no_such_corpus").replace(f"{postgres_server.user}@", f"{postgres_server.user}:s3cret@")
    with pytest.raises(InputError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "cannot connect to the corpus database" in message and "no_such_corpus" in message
    assert "s3cret" not in message and "\n" not in message


def test_postgres_text_postgresql_refuses_is_that_articles_error(tmp_path, postgres_db):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"text": "An invented note with a NUL \u0000 character inside it, about a bake sale."}) + "\n"
                      + json.dumps({"text": article_text("ferry-wire")}) + "\n")
    report = ingest([export], db=postgres_db)
    assert report.added == 1 and len(report.errors) == 1
    assert "could not store it" in report.errors[0].reason and "NUL" in report.errors[0].reason
    check_consistent(postgres_db)


def test_both_backends_build_the_same_corpus_from_the_same_articles(tmp_path, postgres_db):
    """Ids, stories, duplicate marks and story counts are the same in SQLite and in PostgreSQL."""
    export = tmp_path / "export.jsonl"
    names = list(ARTICLES)
    with export.open("w", encoding="utf-8") as out:
        for number in range(60):
            first, second = names[number % 5], names[(number * 3) % 5]
            text = f"Dispatch {number}. " + " ".join(ARTICLES[first]["paragraphs"][:2] + ARTICLES[second]["paragraphs"][1:])
            out.write(json.dumps({"title": f"{ARTICLES[first]['title']} ({number % 7})", "text": text,
                                  "published": ARTICLES[first]["published"], "outlet": f"Outlet {number % 4}"}) + "\n")
    sqlite_db = tmp_path / "news.db"
    assert ingest([export], db=sqlite_db).added == ingest([export], db=postgres_db).added == 60
    columns = "SELECT id, story_id, copy_of, content_hash FROM articles ORDER BY id"
    stories = "SELECT id, title, articles, outlets, first_published, last_published, version FROM stories ORDER BY id"
    for sql in (columns, stories, "SELECT article_id, duplicate_of, reason FROM dedup_signatures ORDER BY 1"):
        assert query(sqlite_db, sql) == query(postgres_db, sql)
    assert len({row[1] for row in query(postgres_db, columns)}) > 1


def _dispatches(count: int) -> list[Article]:
    """Invented reports mixing the fixtures' paragraphs: several stories, copies, joins."""
    names = list(ARTICLES)
    found = []
    for number in range(count):
        first, second = names[number % 5], names[(number * 3) % 5]
        text = f"Dispatch {number}. " + " ".join(ARTICLES[first]["paragraphs"][:2] + ARTICLES[second]["paragraphs"][1:])
        found.append(Article(text=text, title=f"{ARTICLES[first]['title']} ({number % 7})",
                             published=ARTICLES[first]["published"], outlet=f"Outlet {number % 4}"))
    return found


_CORPUS = (
    "SELECT id, story_id, copy_of, content_hash FROM articles ORDER BY id",
    "SELECT article_id, story_id, similarity FROM cluster_members ORDER BY article_id",
    "SELECT story_id, size, first_day, last_day, terms, names FROM cluster_stories ORDER BY story_id",
    "SELECT id, title, articles, outlets, version FROM stories ORDER BY id",
)


def _reference(path, articles: list[Article]) -> list[list[tuple]]:
    """The corpus one SQLite writer builds from these articles, in this order."""
    with open_store(path) as store:
        for item in articles:
            store.add_article(item)
    return [query(path, sql) for sql in _CORPUS]


def test_each_key_lists_its_stories_from_the_longest_unseen_to_the_latest_on_every_backend(corpus_db):
    """Votes tie among candidate stories, and the first listed wins a tie: every state must list a key's
    stories in one order (`ClusterState.postings`), the memory state's, whatever the backend's plan (PostgreSQL's
    statement once read them in id order, SQLite's plan in `seen` order: a million-article stream ended two
    stories apart)."""
    from newsweave.corpus.cluster import MemoryState

    posts = [(["harbour", "crane"], 7, 1), (["harbour"], 3, 2), (["crane", "harbour"], 5, 3), (["harbour"], 7, 4)]
    memory = MemoryState()
    with open_store(corpus_db) as store, store._transaction() as conn:
        stories = store.tables(conn).stories
        for keys, story_id, seen in posts:
            stories.post(keys, story_id, seen, cap=64)
            memory.post(keys, story_id, seen, cap=64)
        found = stories.postings(["crane", "harbour", "ferry"])
    assert found == {"harbour": [3, 5, 7], "crane": [7, 5]}
    assert found == {key: list(memory.index[key]) for key in found}  # (the memory state's posting lists)


def test_the_corpus_comparison_finds_a_story_taken_another_way(tmp_path):
    """benchmarks/compare_corpora.py, which found where two backends' corpora part: two real corpora of one
    stream agree, story ids aside; an article put in another story is named."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import compare_corpora

    corpora = [tmp_path / "one.db", tmp_path / "two.db"]
    for path in corpora:
        with open_store(path) as store:
            for name in ARTICLES:
                store.add_article(article(name))
    first, second = (compare_corpora.rows(str(path)) for path in corpora)
    assert first and compare_corpora.differences(first, second) == []
    moved = [(*row[:2], 999, row[3]) if i == len(second) - 1 else row for i, row in enumerate(second)]
    assert compare_corpora.differences(first, moved) == [f"article {first[-1][0]}: story {first[-1][2]} / 999, copy of "
                                                         f"{(first[-1][3] or '-')[:12]} / {(first[-1][3] or '-')[:12]}"]


def test_two_writers_taking_turns_build_the_corpus_one_writer_builds(tmp_path, corpus_db):
    """Each store keeps the story centroids it decoded (tables.Centroids): one that another writer
    changed since must be read afresh, or the second writer would score and save stale centroids."""
    articles = _dispatches(24)
    with open_store(corpus_db) as first, open_store(corpus_db) as second:
        for number, item in enumerate(articles):
            (first if number % 3 else second).add_article(item)
    assert [query(corpus_db, sql) for sql in _CORPUS] == _reference(tmp_path / "reference.db", articles)


def test_an_article_rolled_back_after_saving_its_story_leaves_no_stale_centroid(tmp_path, corpus_db, monkeypatch):
    """The failing article's story centroid, kept when it was saved, is never used: its transaction rolled back."""
    from newsweave.corpus.tables import Stories

    articles = _dispatches(24)
    real = Stories.add_member
    failures = []

    def failing(self, article_id, story_id, similarity):  # after save_story and the index writes
        if article_id == 9 and not failures:
            failures.append(story_id)
            raise ValueError("invented failure after the story was saved")
        return real(self, article_id, story_id, similarity)

    monkeypatch.setattr(Stories, "add_member", failing)
    with open_store(corpus_db) as store:
        for number, item in enumerate(articles):
            if number == 8:  # the ninth article is the ninth row
                with pytest.raises(ValueError, match="invented failure"):
                    store.add_article(item)
            else:
                store.add_article(item)
    monkeypatch.setattr(Stories, "add_member", real)
    assert failures and failures[0] in {row[1] for row in query(corpus_db, _CORPUS[0])[9:]}  # its story grew on
    expected = _reference(tmp_path / "reference.db", articles[:8] + articles[9:])
    assert [query(corpus_db, sql) for sql in _CORPUS] == expected


def test_postgres_without_psycopg_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(InputError, match=r"^postgresql://news:\*\*\*@db.example/corpus: .*pip install 'newsweave\[postgres\]'$"):
        open_store("postgresql://news:secret@db.example/corpus")
    with pytest.raises(InputError) as caught:
        open_store("postgresql://news@db.example/corpus?sslmode=require&password=secret")
    assert "secret" not in str(caught.value) and "password=***" in str(caught.value)


# --- the package's shape -----------------------------------------------------------


def test_the_corpus_and_the_engines_import_no_module_in_a_circle():
    # Every import counts, those inside functions too: a circle through a lazy import is still one.
    import ast

    import networkx

    source = Path(newsweave.__file__).parent
    modules = {}
    for path in source.rglob("*.py"):
        parts = list(path.relative_to(source.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if package else parts)
        modules[name] = (path, name if package else name.rpartition(".")[0])
    graph = networkx.DiGraph()
    for name, (path, package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]) if node.level else ""
                module = ".".join(part for part in (base, node.module or "") if part)
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph.add_edges_from((name, target) for target in targets if target in modules and target != name)
    mine = ("newsweave.corpus", "newsweave.engine")
    circles = [sorted(group) for group in networkx.strongly_connected_components(graph)
               if len(group) > 1 and any(module.startswith(mine) for module in group)]
    assert circles == []


def test_the_scale_benchmark_says_when_a_resumed_corpus_mixes_code_versions(tmp_path, capsys):
    """benchmarks/ingest_scale.py records which code wrote a --db file: the two backends' millions once
    differed by 467 copies only because one run predated a change to the wire-credit reader."""
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import ingest_scale

    version = ingest_scale.code_version()
    assert version == "unknown" or re.fullmatch(r"[\w.-]+(\+changes)?", version)
    db = str(tmp_path / "corpus.db")
    assert ingest_scale.versions_of(db, resumed=False, code="aaa1111") == ["aaa1111"]
    assert ingest_scale.versions_of(db, resumed=True, code="aaa1111") == ["aaa1111"]
    assert capsys.readouterr().err == ""
    assert ingest_scale.versions_of(db, resumed=True, code="bbb2222+changes") == ["aaa1111", "bbb2222+changes"]
    assert "written by aaa1111; this run is bbb2222+changes" in capsys.readouterr().err
    assert Path(db + ".code").read_text(encoding="utf-8").split() == ["aaa1111", "bbb2222+changes"]
    # a new run on the file (nothing stored to resume) starts the record afresh
    assert ingest_scale.versions_of(db, resumed=False, code="ccc3333") == ["ccc3333"]


def test_the_duplicate_replay_marks_the_copies_a_real_store_marks():
    """benchmarks/dedup_replay.py stands in for a store's duplicate check (a million in minutes, not hours):
    over the scale benchmark's stream it marks exactly the copies a real SQLite store marks."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import dedup_replay
    import ingest_scale

    if not (ingest_scale.DEFAULT_DATA / "multinews_dev.jsonl").exists():
        pytest.skip(f"no evaluation data at {ingest_scale.DEFAULT_DATA}")
    stored = ingest_scale.run_path("store", 1500, ingest_scale.DEFAULT_DATA, 5)
    *_, (read, kept, copies) = dedup_replay.replay(1500, ingest_scale.DEFAULT_DATA, 5, every=500)
    assert read == 1500 and copies == stored["copies"] > 100
    assert kept < read  # the stream repeats texts, which neither stores twice


def test_a_stored_story_too_big_for_one_brief_is_briefed_from_its_first_and_latest_articles_and_cached_so(store):
    for name in ("ferry-wire", "ferry-courier", "ferry-gazette"):
        store.add_article(article(name))
    (story,) = [s for s in store.stories() if s["articles"] == 3]
    documents = store.story_documents(story["id"])  # oldest first
    budget = len(documents[0].text) + len(documents[-1].text)
    settings = newsweave.Settings(max_brief_chars=budget)
    first = brief_story(store, story["id"], settings)
    assert [d.id for d in first.documents] == [documents[0].id, documents[-1].id]
    (warning,) = first.warnings
    assert [d.id for d in warning.left_out] == [documents[1].id]
    cached = brief_story(store, story["id"], settings)  # restored from the cache, the warning with it
    assert cached.to_json() == first.to_json() and "Too much to brief at once" in cached.to_markdown()
