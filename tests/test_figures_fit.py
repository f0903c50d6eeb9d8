"""benchmarks/figures_fit.py, the learned-scorer experiment for number disagreements, on invented reports:
which pairs of figures it takes as candidates, how it labels them, and how pairs become disagreements."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import figures_fit  # noqa: E402

from newsweave.pipeline import build_story  # noqa: E402
from newsweave.settings import Settings  # noqa: E402
from newsweave.story import Document  # noqa: E402

FIRST = "The fire at the Harlow mill destroyed 40 homes on Monday. Firefighters fought the blaze for nine hours."
SECOND = "The Harlow mill fire destroyed 25 homes on Monday, officials said. About 40 firefighters were called."


def _story():
    return build_story([Document(id="a", text=FIRST), Document(id="b", text=SECOND)], Settings())


def test_candidates_are_figures_of_one_kind_that_cannot_both_be_true():
    story = _story()
    likeness, pairs = figures_fit.candidates(story)
    assert (40, 25) in {(x.value, y.value) for _, x, _, y in pairs}
    # the same figure twice is compatible, never a candidate
    assert all(not (x.value == y.value and x.exact and y.exact) for _, x, _, y in pairs)
    features = figures_fit.features(story, likeness, pairs)
    assert features.shape == (len(pairs), len(figures_fit.NAMES))


def test_a_pair_is_positive_only_when_its_figures_meet_two_values_of_one_gold_disagreement():
    story = _story()
    _, pairs = figures_fit.candidates(story)
    homes = next(p for p in pairs if (p[1].value, p[3].value) == (40, 25))
    at = FIRST.index("40 homes"), SECOND.index("25 homes")
    gold = {"discrepancies": [{"kind": "number", "values": [
        {"value": "40", "evidence": [{"document": "a", "start": at[0], "end": at[0] + 8}]},
        {"value": "25", "evidence": [{"document": "b", "start": at[1], "end": at[1] + 8}]},
    ]}]}
    labels = figures_fit.labels(gold, pairs)
    assert labels[pairs.index(homes)]
    assert labels.sum() == 1
    one_side = {"discrepancies": [{"kind": "number", "values": gold["discrepancies"][0]["values"][:1] * 2}]}
    assert not figures_fit.labels(one_side, pairs).any()


def test_chosen_pairs_sharing_a_figure_are_one_disagreement_citing_each_claim():
    story = _story()
    _, pairs = figures_fit.candidates(story)
    chosen = [(x.value, y.value) == (40, 25) for _, x, _, y in pairs]
    found = figures_fit.predicted_discrepancies(pairs, chosen)
    assert len(found) == 1
    values = found[0]["values"]
    assert {v["value"].split()[0] for v in values} == {"40", "25"}
    for value in values:
        (evidence,) = value["evidence"]
        text = FIRST if evidence["document"] == "a" else SECOND
        assert value["value"].split()[0] in text[evidence["start"] : evidence["end"]]
    assert figures_fit.predicted_discrepancies(pairs, [False] * len(pairs)) == []
