"""Syndicated copies and near-identical articles, in a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import is_postgres, query

from newsweave.corpus import open_store
from newsweave.corpus.dedup import Deduplicator, MemoryDedupState
from newsweave.corpus.tables import Duplicates

# Invented reports.
WIRE = (
    "OSLO (Reuters) — Norway's central bank raised its main interest rate by a quarter point to 4.75 percent "
    "on Thursday, surprising economists who had expected no change, and said further increases could follow "
    "if inflation stayed high. Governor Ingrid Solheim told reporters that the weak krone had pushed up the "
    "price of imported food and fuel, and that wage settlements this spring were larger than the bank had "
    "forecast. Most economists polled before the decision had predicted the bank would wait until September."
)
# An outlet runs the wire story under its own headline, trimmed and lightly edited.
WIRE_COPY = WIRE.replace("surprising economists who had expected no change, and said", "and said").replace(
    "Most economists polled before the decision had predicted the bank would wait until September.", ""
)
ORIGINAL = (
    "Volunteers in the coastal village of Maren spent the weekend clearing tonnes of plastic from the beach "
    "after last week's storm washed up a shipping container full of packaging. The council thanked more than "
    "two hundred people who turned up with gloves and sacks, and said the container's owner would be asked to "
    "pay for the clean-up. Local fishermen said nets had been damaged and asked for compensation from the "
    "shipping line, which has not commented."
)
# Another site rewrites a few words of the same text.
REWRITE = ORIGINAL.replace("spent the weekend clearing", "spent Saturday and Sunday clearing").replace(
    "more than two hundred people", "over 200 people"
)
# Same story, written independently: not a copy.
DIFFERENT = (
    "A storm-tossed shipping container has left Maren's beach covered in plastic wrapping. Hundreds of "
    "residents joined a clean-up organised by the village council, which wants the shipping company to cover "
    "the cost. Fishermen say the debris tore their nets."
)


class Index:
    """The duplicate index of a corpus database, on one backend: `find(article_id, text, title=None)`."""

    def __init__(self, db):
        self.db = db
        open_store(db).close()  # the tables come from the store's migrations
        if is_postgres(db):
            import psycopg

            from newsweave.corpus.postgres import PostgresDuplicates

            self.conn = psycopg.connect(db)  # not autocommit: a transaction, as in the store
            self.table = PostgresDuplicates
        else:
            self.conn = sqlite3.connect(db, isolation_level=None)
            self.conn.execute("BEGIN")
            self.table = Duplicates

    def find(self, article_id, text, title=None):
        return Deduplicator(self.table(self.conn)).find(article_id, text, title)

    def close(self):
        self.conn.commit() if is_postgres(self.db) else self.conn.execute("COMMIT")
        self.conn.close()


@pytest.fixture
def conn(corpus_db):
    index = Index(corpus_db)
    yield index
    index.close()


def test_wire_copy_is_marked_with_its_agency(conn):
    assert conn.find(1, WIRE) == (None, None)
    assert conn.find(2, WIRE_COPY) == (1, "wire copy (Reuters)")


def test_near_identical_rewrite_is_marked(conn):
    assert conn.find(1, ORIGINAL, "Volunteers clear Maren beach") == (None, None)
    assert conn.find(2, REWRITE, "Volunteers clear Maren beach") == (1, "near-identical")


def test_a_different_report_of_the_same_story_is_not_a_copy(conn):
    conn.find(1, ORIGINAL)
    conn.find(2, WIRE)
    assert conn.find(3, DIFFERENT) == (None, None)


def test_a_copy_of_a_copy_points_at_the_original(conn):
    conn.find(1, ORIGINAL)
    conn.find(2, REWRITE)
    assert conn.find(3, REWRITE + " Updated.")[0] == 1


def test_answers_are_recorded_and_survive_a_new_connection(corpus_db):
    index = Index(corpus_db)
    index.find(1, ORIGINAL)
    index.close()
    index = Index(corpus_db)
    assert index.find(2, REWRITE) == (1, "near-identical")
    # Asking again changes nothing and gives the same answer.
    assert index.find(2, REWRITE) == (1, "near-identical")
    index.close()
    assert query(corpus_db, "SELECT COUNT(*) FROM dedup_signatures") == [(2,)]


def test_memory_state_gives_the_same_answers():
    finder = Deduplicator(MemoryDedupState())
    results = [finder.find(i, text) for i, text in enumerate([WIRE, ORIGINAL, WIRE_COPY, REWRITE, DIFFERENT])]
    assert results == [(None, None), (None, None), (0, "wire copy (Reuters)"), (1, "near-identical"), (None, None)]


def test_memory_state_with_a_capacity_forgets_the_oldest():
    state = MemoryDedupState(capacity=2)
    finder = Deduplicator(state)
    finder.find(1, ORIGINAL)
    finder.find(2, WIRE)
    finder.find(3, DIFFERENT)
    assert len(state.articles) == 2
    assert all(1 not in members for members in state.buckets.values())
    # The original is forgotten, so its rewrite is no longer recognised.
    assert finder.find(4, REWRITE) == (None, None)
