"""The cross-checking gold set is valid, and the benchmark's scorer counts what it says.

The gold set (tests/data/crosscheck_gold.json) holds offsets and short values
only; its spans are checked against the real texts in ../shared. The scorer
is checked on invented discrepancies.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import crosscheck_gold_tool as tool  # noqa: E402
import crosscheck_quality as quality  # noqa: E402

GOLD = json.loads(tool.GOLD.read_text(encoding="utf-8"))
needs_shared = pytest.mark.skipif(
    not (tool.MULTINEWS.is_file() and tool.SEEDS.is_dir()), reason="../shared data is not beside the checkout"
)


def test_gold_has_enough_read_clusters_and_valid_kinds():
    multinews = [c for c in GOLD["clusters"] if c["source"] == "multinews"]
    assert len(multinews) >= 25
    assert len({c["id"] for c in GOLD["clusters"]}) == len(GOLD["clusters"])
    assert any(c["source"] == "seeds" for c in GOLD["clusters"])
    kinds = {d["kind"] for c in GOLD["clusters"] for d in c["discrepancies"]}
    assert kinds <= set(tool.KINDS)
    assert kinds == set(tool.KINDS), "every kind has at least one gold example"
    for cluster in GOLD["clusters"]:
        assert cluster["corroborated"], f"{cluster['id']} lists no corroborated fact"
        assert not set(GOLD["skipped"]) & {cluster["id"]}


def test_gold_stores_no_report_text():
    for cluster in GOLD["clusters"]:
        for d in cluster["discrepancies"]:
            for v in d["values"]:
                assert len(str(v["value"])) <= 40
                assert set(v) == {"value", "normalized", "evidence"}
                assert all(set(e) == {"document", "start", "end"} for e in v["evidence"])


@needs_shared
def test_every_gold_span_is_in_range_and_holds_its_value():
    assert tool.problems(GOLD) == []


@needs_shared
def test_seed_discrepancies_are_in_the_gold():
    seeds = next(c for c in GOLD["clusters"] if c["source"] == "seeds")
    texts = tool.cluster_texts("seeds", "seeds")
    written = {
        (d["kind"], texts[e["document"]][e["start"]:e["end"]].count(str(v["value"])) > 0, str(v["value"]))
        for d in seeds["discrepancies"]
        for v in d["values"]
        for e in v["evidence"][:1]
    }
    assert ("number", True, "nine") in written and ("number", True, "Eleven") in written
    assert ("name", True, "Junaid Hussian") in written and ("name", True, "Junaid Hussain") in written
    assert ("attribution", True, "The Mirror") in written and ("attribution", True, "Birmingham Mail") in written


def test_problems_catches_a_bad_span_and_a_missing_value(monkeypatch):
    texts = {"a": "Police said nine people were hurt.", "b": "Officials said 11 people were hurt."}
    monkeypatch.setattr(tool, "cluster_texts", lambda source, cluster_id: texts)

    def gold(value_b, end_b):
        return {"clusters": [{"id": "x", "source": "invented", "corroborated": [], "discrepancies": [
            {"kind": "number", "subject": "people hurt", "values": [
                {"value": "nine", "normalized": 9, "evidence": [{"document": "a", "start": 0, "end": 34}]},
                {"value": value_b, "normalized": 11, "evidence": [{"document": "b", "start": 0, "end": end_b}]},
            ]}]}]}

    assert tool.problems(gold("11", 35)) == []
    assert tool.problems(gold("eleven", 35)) == []  # the normalized number is in the span as digits
    assert any("out of range" in p for p in tool.problems(gold("11", 99)))
    assert any("not in" in p for p in tool.problems(gold("12 dead", 35)))


def test_sentence_around_finds_the_sentence():
    text = "First one. The second says 12 died. Third."
    start = text.index("12")
    assert text[slice(*tool.sentence_around(text, start, start + 2))] == "The second says 12 died."


# --- the scorer, on invented discrepancies ---------------------------------------


def ev(document, start, end):
    return {"document": document, "start": start, "end": end}


def value(written, *evidence):
    return {"value": written, "normalized": written, "evidence": list(evidence)}


GOLD_TOLL = {"kind": "number", "subject": "dead", "values": [value("9", ev("a", 0, 40)), value("11", ev("b", 100, 140))]}


def test_prediction_matches_when_two_values_meet_two_different_gold_values():
    hit = {"kind": "number", "values": [value("nine", ev("a", 10, 20)), value("11", ev("b", 130, 160))]}
    assert quality.discrepancy_matches(hit, GOLD_TOLL)


def test_prediction_does_not_match_on_one_side_or_wrong_kind_or_document():
    one_side = {"kind": "number", "values": [value("9", ev("a", 10, 20)), value("9", ev("a", 30, 35))]}
    wrong_kind = {"kind": "date", "values": [value("9", ev("a", 10, 20)), value("11", ev("b", 130, 160))]}
    wrong_document = {"kind": "number", "values": [value("9", ev("a", 10, 20)), value("11", ev("c", 130, 160))]}
    touching = {"kind": "number", "values": [value("9", ev("a", 40, 50)), value("11", ev("b", 130, 160))]}
    for predicted in (one_side, wrong_kind, wrong_document, touching):
        assert not quality.discrepancy_matches(predicted, GOLD_TOLL)


def test_tally_counts_duplicates_as_false_positives_and_gives_per_kind_scores():
    hit = {"kind": "number", "values": [value("9", ev("a", 10, 20)), value("11", ev("b", 130, 160))]}
    gold_name = {"kind": "name", "subject": "spelling", "values": [value("Hussian", ev("a", 50, 60)), value("Hussain", ev("b", 50, 60))]}
    counts = defaultdict(lambda: [0, 0, 0])
    pairs = quality.tally([hit, dict(hit), {"kind": "quote", "values": []}], [GOLD_TOLL, gold_name], counts)
    assert pairs == [(0, 0)]
    assert counts["number"] == [1, 2, 1] and counts["name"] == [1, 0, 0] and counts["quote"] == [0, 1, 0]
    rows = {row[0]: row for row in quality.table(counts)}
    assert rows["number"][4:6] == (0.5, 1.0)
    assert rows["overall"][1:4] == (2, 3, 1)
    assert rows["overall"][4] == pytest.approx(1 / 3) and rows["overall"][5] == 0.5


def test_empty_predictions_score_zero_not_an_error():
    counts = defaultdict(lambda: [0, 0, 0])
    quality.tally([], [GOLD_TOLL], counts)
    assert quality.table(counts)[-1] == ("overall", 1, 0, 0, 0.0, 0.0, 0.0)


def test_corroboration_counts_a_fact_grouped_across_two_documents(monkeypatch):
    gold = {"clusters": [{"source": "invented", "id": "x", "discrepancies": [], "corroborated": [
        {"evidence": [ev("a", 0, 40), ev("b", 100, 140)]},
        {"evidence": [ev("a", 200, 240), ev("b", 300, 340)]},
    ]}]}
    brief = {"facts": [
        {"evidence": [ev("a", 10, 30), ev("b", 120, 150)]},  # groups the first fact
        {"evidence": [ev("a", 210, 230), ev("a", 250, 260)]},  # one document only
    ]}
    monkeypatch.setattr(quality, "newsweave_brief", lambda cluster: brief)
    assert quality.corroboration_found(gold) == (1, 2)


def test_confidence_sweep_drops_unsure_predictions():
    gold = {"clusters": [{"id": "x", "discrepancies": [GOLD_TOLL]}]}
    sure = {"kind": "number", "confidence": 0.9, "values": [value("9", ev("a", 10, 20)), value("11", ev("b", 130, 160))]}
    unsure = {"kind": "name", "confidence": 0.55, "values": [value("Ann", ev("a", 0, 3)), value("Anne", ev("b", 0, 4))]}
    rows = quality.confidence_sweep(gold, [[sure, unsure]], thresholds=(0.5, 0.6)).splitlines()
    assert rows[2] == "| 0.5 | 2 | 1 | 0.50 | 1.00 |"
    assert rows[3] == "| 0.6 | 1 | 1 | 1.00 | 1.00 |"


def test_a_name_matches_the_same_spelling_cited_elsewhere_in_the_document():
    gold = {"kind": "name", "subject": "spelling", "values": [
        value("Lehmkuhl", ev("a", 0, 40)), value("Lehmkul", ev("b", 100, 140))]}
    other_mentions = {"kind": "name", "values": [value("Kim Lehmkuhl", ev("a", 500, 512)), value("Lehmkul", ev("b", 900, 907))]}
    assert quality.discrepancy_matches(other_mentions, gold)
    wrong_document = {"kind": "name", "values": [value("Lehmkuhl", ev("c", 500, 508)), value("Lehmkul", ev("b", 900, 907))]}
    assert not quality.discrepancy_matches(wrong_document, gold)
    assert not quality._same_spelling("Liberty German", "Liberty Germa")
    assert quality._same_spelling("Lehmkuhl's", "Kim Lehmkuhl")
