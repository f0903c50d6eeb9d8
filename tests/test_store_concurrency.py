"""Several processes writing one corpus at once, into a file (or an empty database) none of them has set up yet.

Real processes (not threads), a real SQLite file or a real PostgreSQL
database, started together behind a barrier so their opens, migrations and
first writes race. Every article of
every process must be stored and no process may report an error.

Two kinds of start: "spawn" writers are fresh interpreters, like parallel
`newsweave ingest` commands, that load spaCy and datasketch on their first
article (which used to hold the write lock for seconds, past SQLite's busy
timeout); "fork" writers have everything loaded and hit the new file's
migration within microseconds of each other.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest
from conftest import is_postgres, query
from corpus_fixtures import check_consistent

from newsweave.corpus import ingest, open_store

WRITERS = 4
ARTICLES_EACH = 3
TRIALS = 3

TOWNS = ("Quorle", "Vantry", "Ossbeck", "Halder")


def invented_export(path, writer: int) -> None:
    """ARTICLES_EACH invented articles about one made-up town, one JSON line each."""
    town = TOWNS[writer]
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES_EACH):
            record = {
                "title": f"{town} opens footbridge number {n + 1}",
                "url": f"https://news.example/{town.lower()}/bridge-{n + 1}",
                "text": (
                    f"The town council of {town} opened footbridge number {n + 1} over the canal on Monday. "
                    f"Council clerk {town} Abbot counted {17 * (n + 1) + writer} walkers in the first hour, "
                    f"and the {town} lock keeper said barges passed beneath it without delay. "
                    f"A second crossing in {town} is planned for the spring, the council said."
                ),
            }
            out.write(json.dumps(record) + "\n")


def _writer(source: str, db: str, start, results) -> None:
    try:
        start.wait(timeout=120)
        report = ingest([source], db=db)
        results.put((source, report.added, [str(problem) for problem in report.errors]))
    except BaseException as exc:  # a crash must reach the test, not vanish with the process
        results.put((source, -1, [f"{type(exc).__name__}: {exc}"]))


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """Import what writing an article needs once, before forking, so the writers start (and race) together."""
    folder = tmp_path_factory.mktemp("warm")
    invented_export(folder / "warm.jsonl", 0)
    assert ingest([folder / "warm.jsonl"], db=folder / "warm.db").added == ARTICLES_EACH


@pytest.mark.parametrize("start_method", ["spawn"] + ["fork"] * TRIALS, ids=["cold"] + [f"warm-{n}" for n in range(TRIALS)])
def test_concurrent_ingests_into_a_new_corpus_lose_nothing(tmp_path, corpus_db, warm, start_method):
    context = multiprocessing.get_context(start_method)
    sources = []
    for writer in range(WRITERS):
        source = tmp_path / f"writer-{writer}.jsonl"
        invented_export(source, writer)
        sources.append(str(source))
    db = corpus_db
    assert is_postgres(db) or not db.exists()
    start, results = context.Barrier(WRITERS), context.Queue()
    processes = [context.Process(target=_writer, args=(source, str(db), start, results)) for source in sources]
    for process in processes:
        process.start()
    reports = sorted(results.get(timeout=300) for _ in processes)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert reports == sorted((source, ARTICLES_EACH, []) for source in sources)
    counts = check_consistent(db)
    assert counts["articles"] == WRITERS * ARTICLES_EACH
    titles = {row[0] for row in query(db, "SELECT title FROM articles")}
    assert titles == {f"{town} opens footbridge number {n + 1}" for town in TOWNS for n in range(ARTICLES_EACH)}


def test_a_writer_waits_for_a_slow_one_and_gives_up_only_on_a_stuck_one(tmp_path):
    """A lock held past SQLite's own busy timeout is waited out; a lock held with no commit ends in a clear error."""
    import threading
    import time

    from newsweave.corpus.store import Article

    db = tmp_path / "news.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(3.0, lambda: holder.execute("COMMIT")).start()  # longer than one busy slice (2 s)
    with open_store(db) as store:
        started = time.monotonic()
        assert store.add_article(Article(text="The Vantry ferry resumed its crossings on Tuesday after a week of repairs.")) is not None
        assert time.monotonic() - started >= 2.5
    holder.execute("BEGIN IMMEDIATE")  # and now never commits
    try:
        with open_store(db, readonly=False) as store:
            store.lock_wait = 1.0
            with pytest.raises(sqlite3.OperationalError, match="held the corpus for 1 s without committing"):
                store.add_article(Article(text="The Ossbeck library reopened its reading room on Wednesday morning."))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_postgres_a_writer_waits_for_a_slow_one_and_gives_up_only_on_a_stuck_one(postgres_db):
    """The write lock held by another session is waited for; held past `lock_wait`, a clear error for that article."""
    import threading
    import time

    import psycopg

    from newsweave.corpus.postgres import WRITE_LOCK
    from newsweave.corpus.store import Article, StoreError

    open_store(postgres_db).close()
    holder = psycopg.connect(postgres_db)
    holder.execute("SELECT pg_advisory_xact_lock(%s, %s)", WRITE_LOCK)
    threading.Timer(3.0, holder.commit).start()
    with open_store(postgres_db) as store:
        started = time.monotonic()
        assert store.add_article(Article(text="The Vantry ferry resumed its crossings on Tuesday after a week of repairs.")) is not None
        assert time.monotonic() - started >= 2.5
        holder.execute("SELECT pg_advisory_xact_lock(%s, %s)", WRITE_LOCK)  # and now never commits
        try:
            store.lock_wait = 1.0
            with pytest.raises(StoreError, match="held the corpus for 1 s without committing"):
                store.add_article(Article(text="The Ossbeck library reopened its reading room on Wednesday morning."))
            # Readers never wait for the writers.
            assert store.count_articles() == 1 and store.search("Vantry ferry")
        finally:
            holder.rollback()
            holder.close()
        assert store.add_article(Article(text="The Ossbeck library reopened its reading room on Wednesday morning.")) is not None
