"""The audits' judgements (relations, entities) are well formed and keep no text of the data sets."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from relations_audit import LABELS, key  # noqa: E402


def test_every_judgement_is_a_hashed_link_and_a_mark():
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    assert len(labels) >= 100
    assert all(re.fullmatch(r"(?:mn-val-\d+|duc03-d\d+|ecbplus:\d+:ecb(?:plus)?)\|[0-9a-f]{16}", k) for k in labels)
    assert set(labels.values()) <= {"T", "F", "?"}


def test_a_key_names_its_cluster_and_hides_the_words():
    made = key("mn-val-4", "Lena Okafor", "met", "Paul Reyes")
    assert made.startswith("mn-val-4|") and "Okafor" not in made
    assert made != key("mn-val-4", "Paul Reyes", "met", "Lena Okafor")  # the direction counts


def test_the_entities_audit_keeps_hashed_judgements_too():
    from entities_audit import LABELS as ENTITY_LABELS

    labels = json.loads(ENTITY_LABELS.read_text(encoding="utf-8"))["labels"]
    assert len(labels) >= 180
    assert all(re.fullmatch(r"(?:mn-val-\d+|duc03-d\d+|ecbplus:\d+:ecb(?:plus)?)\|[0-9a-f]{16}", k) for k in labels)
    assert set(labels.values()) <= {"T", "F", "?"}
