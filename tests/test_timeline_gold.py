"""The timeline gold set is well formed and split as decided, and its benchmark scores what it says.

Only structure is checked: the held-out part's contents are never read for errors (docs/benchmarks.md).
The texts live in ../shared; without them the checks that need them are skipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from timeline_gold_tool import DUC, GOLD, problems  # noqa: E402
from timeline_quality import main, score  # noqa: E402

needs_texts = pytest.mark.skipif(not DUC.exists(), reason="../shared data sets not present")


def load() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@needs_texts
def test_gold_file_is_valid():
    gold = load()
    assert gold["version"] == 1 and len(gold["clusters"]) >= 25
    assert problems(gold) == []


@needs_texts
def test_the_split_is_the_one_decided_before_tuning():
    from read_brief import held_out_ids
    from summary_quality import READ_HELD_OUT

    held = held_out_ids()
    clusters = load()["clusters"]
    later = ("tune2", "tune3")  # later tuning parts: other reports of the tuning clusters
    parts = {c["id"]: c["split"] for c in clusters if c["split"] not in later}
    assert {cluster for cluster, part in parts.items() if part == "heldout"} == set(parts) & held
    assert "tune" in parts.values() and "heldout" in parts.values()
    assert not set(parts) & READ_HELD_OUT  # briefs read by mistake are in neither part
    # tune2, tune3: other reports of tuning clusters only, never of a held-out one
    assert {c["id"] for c in clusters if c["split"] in later} <= {cluster for cluster, part in parts.items() if part == "tune"}


def test_a_value_counts_only_when_the_spans_overlap_and_the_value_is_the_same():
    cluster = {"id": "c", "documents": [{"id": "d", "dates": [
        {"start": 10, "end": 16, "text": "Oct. 5", "value": "1998-10-05"},  # found, right
        {"start": 30, "end": 37, "text": "Tuesday", "value": "1998-10-13"},  # found, wrong day
        {"start": 50, "end": 54, "text": "1996", "value": "1996"},  # not found
        {"start": 70, "end": 81, "text": "the weekend", "value": None},  # found, rightly left without a value
    ]}]}
    found = {"d": [(7, 16, "1998-10-05"), (30, 37, "1998-10-06"), (55, 60, "1997"), (74, 81, None), (90, 95, "1999")]}
    errors: list = []
    tally = score(cluster, found, errors)
    assert (tally["gold"], tally["found"], tally["right"]) == (4, 3, 2)
    assert (tally["system"], tally["system matched"]) == (5, 3)
    assert [what for *_, what, _ in errors] == ["wrong value", "not found"]
    assert tally["right weekday"] == 0 and tally["right day without year"] == 1


def test_errors_of_the_held_out_part_are_not_printed():
    with pytest.raises(SystemExit):
        main(["--split", "heldout", "--verbose"])


def test_expressions_given_by_their_words_are_found_in_order():
    from timeline_gold_tool import located

    text = "On Monday he left. By Monday night, a week later, he was back on Monday."
    placed = located(text, [{"text": "Monday", "value": "1998-10-05"}, {"text": "Monday night", "value": None},
                            {"start": 36, "end": 48, "text": "a week later", "value": None},
                            {"text": "Monday", "value": "1998-10-05"}], "example")
    assert [(item["start"], text[item["start"]:item["end"]]) for item in placed] == [
        (3, "Monday"), (22, "Monday night"), (36, "a week later"), (65, "Monday")]
    # whole words only: "August" is not the start of "Augusto"
    assert located("Augusto Pinochet left in August.", [{"text": "August", "value": "1998-08"}], "x")[0]["start"] == 25
    with pytest.raises(ValueError, match="'Tuesday' is not in the text"):
        located(text, [{"text": "Tuesday", "value": None}], "example")
