"""The claims gold sets (issue 11) are well formed: spans inside their documents, claims on two reports, real
disagreements, the right split labels, and no story in both halves.

Only structure is checked: the held-out file's contents are never read for errors (see docs/benchmarks.md).
The texts live in ../shared; without them the checks that need them are skipped.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_gold_tool import DISAGREEMENTS_ONLY, GOLD, SHARED, cross_problems, problems  # noqa: E402

TEXTS = (SHARED / "data" / "multinews_dev.jsonl").exists() and (SHARED / "data" / "duc2003_task2.jsonl").exists()
needs_texts = pytest.mark.skipif(not TEXTS, reason="../shared data sets not present")
PRESENT = [split for split, path in GOLD.items() if path.exists()]


def load(split: str) -> dict:
    return json.loads(GOLD[split].read_text(encoding="utf-8"))


def test_the_tune_file_exists():
    assert "tune" in PRESENT


@needs_texts
@pytest.mark.parametrize("split", PRESENT)
def test_gold_file_is_valid(split):
    assert problems(load(split), split) == []


@pytest.mark.parametrize("split", PRESENT)
def test_every_claim_and_discrepancy_is_between_reports(split):
    gold = load(split)
    assert gold["version"] == 1 and gold["split"] == split
    for cluster in gold["clusters"]:
        assert cluster["source"] in ("multinews", "duc2003", "seeds")
        for claim in cluster["claims"]:
            assert claim["label"].strip(), cluster["id"]
            assert len({e["document"] for e in claim["evidence"]}) >= 2, (cluster["id"], claim["label"])
            assert all(e["start"] < e["end"] for e in claim["evidence"]), (cluster["id"], claim["label"])
        for d in cluster["discrepancies"]:
            values = d["values"]
            assert len(values) >= 2, (cluster["id"], d["subject"])
            sides = {(str(v["value"]), frozenset(e["document"] for e in v["evidence"])) for v in values}
            assert len(sides) == len(values), (cluster["id"], d["subject"])


def test_no_cluster_in_both_halves():
    golds = {split: load(split) for split in PRESENT}
    assert cross_problems(golds) == []


def test_the_split_is_the_one_decided_before_tuning():
    """The lead's split (docs/benchmarks.md): these stories are tune, never held out."""
    tune = {c["id"] for c in load("tune")["clusters"]} | set(load("tune")["skipped"])
    for cluster in ("seeds", "mn-val-25", "mn-val-246", "duc03-d30028"):
        assert cluster in tune
    if "heldout" in PRESENT:
        heldout = {c["id"] for c in load("heldout")["clusters"]} | set(load("heldout")["skipped"])
        assert not {"mn-val-41", "duc03-d30020"} & tune
        assert not tune & heldout


def test_the_second_tuning_set_holds_disagreements_only():
    """tune2's clusters were read for disagreements only: a claim there would be scored against nothing."""
    for split in DISAGREEMENTS_ONLY:
        if split in PRESENT:
            gold = load(split)
            assert gold["clusters"] and all(c["claims"] == [] for c in gold["clusters"])


# The validator itself must catch what it is for: each broken copy below is caught.


def _a_valid_cluster() -> dict:
    gold = load("tune")
    return next(c for c in gold["clusters"] if c["claims"] and c["discrepancies"])


def _broken(change) -> list[str]:
    cluster = copy.deepcopy(_a_valid_cluster())
    change(cluster)
    return problems({"version": 1, "split": "tune", "clusters": [cluster], "skipped": {}}, "tune")


@needs_texts
def test_validator_accepts_a_valid_cluster():
    assert _broken(lambda c: None) == []


@needs_texts
def test_validator_catches_a_span_past_the_document():
    def change(c):
        c["claims"][0]["evidence"][0]["end"] = 10**9
    assert any("out of range" in p for p in _broken(change))


@needs_texts
def test_validator_catches_a_claim_on_one_report():
    def change(c):
        first = c["claims"][0]["evidence"][0]
        c["claims"][0]["evidence"] = [first]
    assert any("fewer than two documents" in p for p in _broken(change))


@needs_texts
def test_validator_catches_a_one_sided_discrepancy():
    def change(c):
        c["discrepancies"][0]["values"] = c["discrepancies"][0]["values"][:1]
    assert any("fewer than two values" in p for p in _broken(change))


@needs_texts
def test_validator_catches_an_empty_span_and_an_unknown_document():
    def change(c):
        e = c["claims"][0]["evidence"][0]
        e["end"] = e["start"]
        c["claims"][1]["evidence"][0]["document"] = "no-such-report"
    found = _broken(change)
    assert any("out of range" in p for p in found) and any("no document" in p for p in found)


def test_validator_catches_a_wrong_split_label_and_a_shared_cluster():
    gold = load("tune")
    assert any("split" in p for p in problems(dict(gold, split="heldout"), "tune"))
    other = {"version": 1, "split": "heldout", "clusters": [{"id": gold["clusters"][0]["id"]}], "skipped": {}}
    assert cross_problems({"tune": gold, "heldout": other})


@needs_texts
def test_a_brief_read_by_hand_is_never_of_a_held_out_cluster():
    """benchmarks/read_brief.py lists and briefs only clusters that no measure holds out: not the claims
    gold's held-out half, not the ROUGE held-out part (Multi-News dev 60-245 and DUC 2003 15-29 in file order)."""
    import read_brief

    readable = read_brief.readable()
    held = read_brief.held_out_ids()
    assert readable and not set(readable) & held
    assert {"mn-val-61", "mn-val-99", "duc03-d31041"} <= held and "mn-val-4" in readable
    with pytest.raises(SystemExit, match="held out"):
        read_brief.brief_markdown("mn-val-99")
