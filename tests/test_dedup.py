"""Syndicated copies and near-identical articles, on a real SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from newsweave.corpus import cluster, dedup
from newsweave.corpus.dedup import Deduplicator, MemoryDedupState

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


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "corpus.db", isolation_level=None)
    cluster.ensure_tables(conn)
    conn.execute("BEGIN")
    yield conn
    conn.execute("COMMIT")
    conn.close()


def test_wire_copy_is_marked_with_its_agency(conn):
    assert dedup.find_duplicate(conn, 1, WIRE) == (None, None)
    assert dedup.find_duplicate(conn, 2, WIRE_COPY) == (1, "wire copy (Reuters)")


def test_near_identical_rewrite_is_marked(conn):
    assert dedup.find_duplicate(conn, 1, ORIGINAL, "Volunteers clear Maren beach") == (None, None)
    assert dedup.find_duplicate(conn, 2, REWRITE, "Volunteers clear Maren beach") == (1, "near-identical")


def test_a_different_report_of_the_same_story_is_not_a_copy(conn):
    dedup.find_duplicate(conn, 1, ORIGINAL)
    dedup.find_duplicate(conn, 2, WIRE)
    assert dedup.find_duplicate(conn, 3, DIFFERENT) == (None, None)


def test_a_copy_of_a_copy_points_at_the_original(conn):
    dedup.find_duplicate(conn, 1, ORIGINAL)
    dedup.find_duplicate(conn, 2, REWRITE)
    assert dedup.find_duplicate(conn, 3, REWRITE + " Updated.")[0] == 1


def test_answers_are_recorded_and_survive_a_new_connection(tmp_path):
    path = tmp_path / "corpus.db"
    conn = sqlite3.connect(path, isolation_level=None)
    cluster.ensure_tables(conn)
    with conn:
        dedup.find_duplicate(conn, 1, ORIGINAL)
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert dedup.find_duplicate(conn, 2, REWRITE) == (1, "near-identical")
    # Asking again changes nothing and gives the same answer.
    assert dedup.find_duplicate(conn, 2, REWRITE) == (1, "near-identical")
    assert conn.execute("SELECT COUNT(*) FROM dedup_signatures").fetchone()[0] == 2


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
