"""The claim layer: sentences split into claims off the parse, and claims grouped across reports.

Invented reports, plus the seeds (../shared/seeds/, read, never copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsweave
from newsweave.corroborate import single_source
from newsweave.pipeline import Brief, build_story
from newsweave.settings import Settings
from newsweave.story import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _brief(*texts: str):
    # build_story straight: the claim layer itself, not whether short invented reports are one story
    documents = [Document(id=f"r{n}", text=text) for n, text in enumerate(texts, start=1)]
    return Brief(build_story(documents, Settings()), Settings())


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


def test_a_wire_dateline_and_notes_to_editors_are_not_claims():
    claims = _claims(
        "HARWICK, Lornshire (AP) _ Floodwater closed the ring road on Monday, the council said.\n\n"
        "OPTIONAL MATERIAL FOLLOWS\n\nThe river rose two metres overnight."
    )
    texts = [c.text for c in claims]
    assert not any("(AP" in t or "OPTIONAL MATERIAL" in t for t in texts), texts
    assert any("Floodwater closed the ring road" in t for t in texts)


def test_one_predicate_with_one_figure_is_one_fact_in_few_shared_words():
    from newsweave.align import SAME_FIGURE, claim_similarity

    brief = _brief(
        "Crews worked through the night at the quarry, where the landslide buried 9 lorries.",
        "Nine lorries were buried, the operator confirmed on Tuesday.",
    )
    claims = brief.story.claims
    buried = [c for c in claims if c.predicate == "bury"]
    assert {c.document for c in buried} == {"r1", "r2"}
    matrix = claim_similarity(claims)
    a, b = (claims.index(c) for c in buried[:2])
    assert matrix[a, b] >= SAME_FIGURE
    assert any({c.document for c in g.claims} == {"r1", "r2"} for g in brief.story.claim_groups if any(c in buried for c in g.claims))


def test_claim_similarity_is_a_likelihood_that_ranks_the_same_fact_first():
    from newsweave.align import claim_similarity

    brief = _brief(
        "The ferry ran aground off Tarn Point on Sunday. Its owner, Galloway Lines, said nobody was hurt.",
        "A ferry owned by Galloway Lines ran aground near Tarn Point on Sunday. The weather was calm.",
    )
    claims = brief.story.claims
    matrix = claim_similarity(claims)
    assert ((0 <= matrix) & (matrix <= 1)).all()
    aground = [i for i, c in enumerate(claims) if "aground" in c.text]
    calm = next(i for i, c in enumerate(claims) if "calm" in c.text)
    first = next(i for i in aground if claims[i].document == "r1")
    second = next(i for i in aground if claims[i].document == "r2")
    assert matrix[first, second] > 0.5 > matrix[first, calm]
    # align records each claim's closest claim in another report, grouped or not
    assert claims[first].echo >= matrix[first, second] - 1e-9


def test_a_sentence_another_report_echoes_does_not_rest_on_one_report():
    brief = _brief(
        "Divers searched the flooded Harwick mine shaft for a second day on Monday after the collapse.",
        "Rescue divers spent a second day searching the flooded shaft of the Harwick mine on Monday. "
        "The mine's owner, Corlan Minerals, bought the site in 1998 from the county.",
    )
    lonely = [g.representative.text for g in single_source(brief.story)]
    assert not any("Divers searched" in t or "Rescue divers" in t for t in lonely), lonely
    assert any("Corlan Minerals" in t for t in lonely), lonely


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
