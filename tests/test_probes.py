"""The blind probe sets (benchmarks/probes.py) are well formed, and the scorers count what they say.

Only structure is checked: the held-out sets' contents are never read for errors (see docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import probes  # noqa: E402

KINDS = {"number", "date", "name", "quote", "attribution"}


def _load(name: str) -> list[dict]:
    split, kind = name.split("_")
    return probes.load(split, kind)


@pytest.mark.parametrize("split", ["tune", "tune2", "tune3", "heldout"])
def test_each_flag_probe_names_its_two_sides_in_its_own_report(split):
    flag = _load(f"{split}_flag")
    assert len(flag) >= 50 and len({p["id"] for p in flag}) == len(flag)
    for probe in flag:
        assert probe["kind"] in KINDS, probe["id"]
        assert probe["value_a"] in probe["a"] and probe["value_b"] in probe["b"], probe["id"]
        assert probe["a"] != probe["b"], probe["id"]


@pytest.mark.parametrize("split", ["tune", "tune2", "tune3", "heldout"])
def test_each_quiet_probe_is_two_reports(split):
    quiet = _load(f"{split}_quiet")
    assert len(quiet) >= 40 and len({p["id"] for p in quiet}) == len(quiet)
    assert all(p["a"].strip() and p["b"].strip() and p["a"] != p["b"] for p in quiet)


@pytest.mark.parametrize("split", ["tune", "tune2", "tune3", "heldout"])
@pytest.mark.parametrize("kind, least", [("same", 50), ("apart", 30)])
def test_each_fact_probe_marks_its_fact_once_in_each_report(split, kind, least):
    fact = _load(f"{split}_{kind}")
    assert len(fact) >= least and len({p["id"] for p in fact}) == len(fact)
    for probe in fact:
        assert probe["a"].count(probe["fact_a"]) == 1 and probe["b"].count(probe["fact_b"]) == 1, probe["id"]
        assert probe["a"] != probe["b"], probe["id"]


def test_no_probe_is_in_two_parts():
    sets = ("flag", "quiet", "same", "apart")
    tune = {p["a"] for name in sets for p in _load(f"tune_{name}")}
    tune2 = {p["a"] for name in sets for p in _load(f"tune2_{name}")}
    tune3 = {p["a"] for name in sets for p in _load(f"tune3_{name}")}
    held_out = {p["a"] for name in sets for p in _load(f"heldout_{name}")}
    assert not tune & held_out and not tune2 & held_out and not tune3 & held_out
    assert not tune & tune2 and not tune & tune3 and not tune2 & tune3


def test_a_dateline_gives_the_report_its_day():
    assert probes.published("TUESDAY, MARCH 5 — The council voted.") == "2026-03-05"
    assert probes.published("The council voted on Tuesday.") == "2026-03-04"


def test_a_probe_is_found_only_with_each_side_in_its_own_report():
    probe = {"kind": "number", "a": "A storm hit Velmar on Monday. The storm killed 40 people in Velmar.",
             "b": "A storm hit Velmar on Monday. The storm killed 52 people in Velmar.", "value_a": "40", "value_b": "52"}
    listed = probes.brief(probe["a"], probe["b"]).story.discrepancies
    assert probes.found(probe, listed)
    assert not probes.found({**probe, "value_a": "52", "value_b": "40"}, listed)  # (not in those reports)
    assert not probes.found({**probe, "kind": "date"}, listed)


def test_a_fact_probe_is_joined_only_by_one_group_over_both_facts():
    probe = {"a": "A storm hit Velmar on Monday. The storm killed 40 people in Velmar. Schools closed.",
             "b": "Forty people died when a storm struck Velmar on Monday. Schools were shut.",
             "fact_a": "The storm killed 40 people", "fact_b": "Forty people died"}
    facts = probes.brief(probe["a"], probe["b"]).story.facts
    assert probes.joined(probe, facts)
    assert not probes.joined({**probe, "fact_b": "Schools were shut"}, facts)
