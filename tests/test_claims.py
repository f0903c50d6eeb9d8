"""The claim layer: sentences split into claims off the parse, and claims grouped across reports.

Invented reports, plus the seeds (../shared/seeds/, read, never copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsweave
from newsweave.corroborate import single_source
from newsweave.story import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _brief(*texts: str):
    return newsweave.brief([Document(id=f"r{n}", text=text) for n, text in enumerate(texts, start=1)])


def _claims(text: str):
    return _brief(text).story.claims


def test_a_relative_clause_and_a_second_verb_are_claims_of_their_own():
    text = "A courier made three deliveries to Harwick before the fire which destroyed 40 homes and damaged 12 shops."
    claims = _claims(text)
    texts = [c.text for c in claims]
    assert any(t.startswith("A courier made three deliveries") for t in texts)
    assert any("which destroyed 40 homes" in t and "damaged" not in t for t in texts)
    assert any(t.startswith("damaged 12 shops") for t in texts)
    (main,) = [c for c in claims if c.main]
    assert main.text.startswith("A courier") and "destroyed" not in main.text
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        for piece in claim.spans:
            assert claim.start <= piece.start < piece.end <= claim.end


def test_an_appositive_and_a_relative_clause_describe_their_noun():
    claims = _claims("Police named the driver as Omar Bell, a 40-year-old courier who was arrested at the scene.")
    relative = next(c for c in claims if c.kind == "relative")
    assert relative.text == "who was arrested at the scene" and relative.predicate == "arrest"
    assert any(c.kind == "appositive" and "courier" in c.text for c in claims)


def test_what_a_report_says_someone_said_is_the_claim_not_the_saying():
    claims = _claims("The river rose two metres overnight, a spokesman for the Kelso council said on Monday.")
    assert all(c.predicate != "say" for c in claims)
    (main,) = [c for c in claims if c.main]
    assert main.text.startswith("The river rose two metres overnight")


def test_a_claim_inside_a_sentence_groups_with_the_same_fact_in_other_words():
    brief = _brief(
        "Crews cleared the wreck on the Marl bridge, where the collapse killed 14 people and injured 30.",
        "Fourteen people were killed when the Marl bridge collapsed on Friday morning.",
        "The mayor visited the families of the 14 people killed in the Marl bridge collapse.",
    )
    killed = [g for g in brief.story.claim_groups if len(g.documents) == 3]
    assert killed, [[c.text for c in g.claims] for g in brief.story.claim_groups if g.support > 1]
    group = killed[0]
    assert all(c.predicate == "kill" for c in group.claims)
    for evidence in group.evidence:  # the claim's words, not the whole sentence
        text = brief.story.document(evidence.document).text
        assert (evidence.end - evidence.start) <= len(text)


def test_a_one_report_sentence_with_a_corroborated_claim_is_not_resting_on_one_report_for_that_claim():
    brief = _brief(
        "Crews cleared the wreck on the Marl bridge, where the collapse killed 14 people.",
        "The Marl bridge collapse killed 14 people on Friday morning, officials said.",
    )
    for group in single_source(brief.story):
        assert group.representative_claim is None or group.representative_claim.main
        for evidence in group.evidence:
            words = brief.story.document(evidence.document).text[evidence.start : evidence.end]
            assert "killed 14" not in words


def test_two_unrelated_stories_share_no_claim_group():
    brief = _brief(
        "Two people were injured when a spillway gate failed at the Sallow dam on Tuesday.",
        "Gunmen attacked a concert hall in the city centre on Friday night, injuring 352 people.",
    )
    assert all(g.support == 1 for g in brief.story.claim_groups)


# --- the seeds: the facts issue 11 lists, each one group across the reports that state it ---


@pytest.fixture(scope="module")
def seeds():
    return newsweave.brief([SEEDS])


def _groups_with(brief, *needles: str):
    """Claim groups whose evidence, in every report, holds one of the needles."""
    story = brief.story
    found = []
    for group in story.claim_groups:
        words = {d: " ".join(story.document(d).text[e.start : e.end] for e in group.evidence if e.document == d) for d in group.documents}
        if all(any(n in w for n in needles) for w in words.values()):
            found.append(group)
    return found


@needs_seeds
def test_seeds_130_killed_is_one_group_of_three_reports(seeds):
    groups = _groups_with(seeds, "130")
    assert max(len(g.documents) for g in groups) == 3


@needs_seeds
def test_seeds_abaaoud_as_leader_is_one_group(seeds):
    groups = _groups_with(seeds, "leader")
    assert max(len(g.documents) for g in groups) == 2


@needs_seeds
def test_seeds_every_group_cites_each_report_through_one_of_its_claims(seeds):
    story = seeds.story
    for group in story.claim_groups:
        assert len(group.claims) >= 1
        for claim in group.claims:
            assert story.document(claim.document).text[claim.start : claim.end] == claim.text
