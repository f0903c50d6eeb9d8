"""The origins gold set is well formed and split as the claims gold set is, and its benchmark scores what it says.

Only structure is checked: the held-out part's contents are never read for errors (docs/benchmarks.md).
The texts live in ../shared; without them the checks that need them are skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from crosscheck_gold_tool import DUC, cluster_texts  # noqa: E402
from origins_quality import load_gold, peer_credits, same_outlet, score  # noqa: E402

needs_texts = pytest.mark.skipif(not DUC.exists(), reason="../shared data sets not present")


def test_the_split_is_the_claims_gold_split():
    from claims_quality import load_split

    parts = {c["id"]: c["split"] for c in load_gold()["clusters"]}
    for split in ("tune", "heldout"):
        assert {c["id"] for c in load_split(split)["clusters"]} == {i for i, p in parts.items() if p == split}
    # the second tuning part: clusters of the second tuning set of disagreements, none held out
    assert {i for i, p in parts.items() if p == "tune2"} <= {c["id"] for c in load_split("tune2")["clusters"]}


@needs_texts
def test_every_credit_lies_in_its_report_inside_its_sentence():
    for cluster in load_gold()["clusters"]:
        texts = cluster_texts(cluster["source"], cluster["id"])
        for credit in cluster["credits"]:
            text = texts[credit["document"]]
            assert 0 <= credit["sentence_start"] <= credit["start"] < credit["end"] <= credit["sentence_end"] <= len(text)
            if not credit.get("implicit"):
                assert 1 <= len(text[credit["start"]:credit["end"]].split()) <= 5  # an outlet's name
            assert credit["outlet"].strip()


def test_one_outlet_named_two_ways():
    assert same_outlet("Journal", "Wall Street Journal") and same_outlet("The Mirror", "Mirror")
    assert same_outlet("the Los Angeles Times", "Times")
    assert not same_outlet("New York Times", "Los Angeles Times") and not same_outlet("", "CNN")


def test_the_peer_reads_credits_of_news_outlets_only():
    text = ("The ferry sank, the Harbour Gazette reported. \"It was fast,\" a crewman told Channel 9. "
            "The mayor told John Reed the port would reopen. According to police, no one drowned.")
    assert [name for _, _, name in peer_credits(text)] == ["Harbour Gazette", "Channel 9"]


def test_a_credit_is_found_in_its_sentence_and_counts_once():
    gold = [
        {"document": "a", "start": 10, "end": 14, "sentence_start": 0, "sentence_end": 40, "outlet": "CNN"},
        {"document": "a", "start": 50, "end": 80, "sentence_start": 50, "sentence_end": 80, "outlet": "CNN", "implicit": True},
        {"document": "b", "start": 5, "end": 20, "sentence_start": 0, "sentence_end": 30, "outlet": "Wall Street Journal"},
    ]
    credits = {
        "a": [(0, 14, "CNN"), (20, 30, "CNN"), (90, 99, "CNN")],  # two in the first sentence; one where no credit is
        "b": [(0, 12, "New York Times")],  # the right sentence, the wrong outlet
    }
    result = score(credits, gold)
    assert (result["found"], result["implicit_found"], result["predicted"], result["correct"]) == (1, 0, 4, 2)
    assert [item["outlet"] for item in result["missed"]] == ["CNN", "Wall Street Journal"]
