"""The brief on real stories: the user's seeds and the bundled example.

These check the product's promise: every output item carries evidence that
points at the exact words of a report, and nothing is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave.story import BODY, CAPTION, NOMINAL

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE = ROOT / "examples" / "valley-dam-evacuation"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")


@pytest.fixture(scope="module")
def seeds_brief():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return newsweave.brief([SEEDS])


@pytest.fixture(scope="module")
def example_brief():
    return newsweave.brief([EXAMPLE])


def texts(brief):
    return {d.id: d.text for d in brief.documents}


def group_of(brief, fragment: str):
    # Facts are claim groups: a sentence may hold several claims, so the group of its main claim first.
    groups = [g for g in brief.story.facts if any(fragment in s.text for s in g.sentences)]
    groups.sort(key=lambda g: not any(c.main and fragment in c.sentence.text for c in g.claims) if g.claims else False)
    for group in groups:
        return group
    raise AssertionError(f"no fact group has a sentence containing {fragment!r}")


@pytest.mark.parametrize("which", ["seeds_brief", "example_brief"])
def test_every_evidence_span_points_inside_its_document(which, request):
    brief = request.getfixturevalue(which)
    data = brief.to_dict()
    documents = {d["id"]: d["text"] for d in data["documents"]}
    spans = [e for item in data["summary"] for e in item["evidence"]]
    spans += [e for fact in data["facts"] + data["single_source"] for e in fact["evidence"]]
    assert spans
    for span in spans:
        text = documents[span["document"]]
        assert 0 <= span["start"] < span["end"] <= len(text)
        if "text" in span:
            assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("which", ["seeds_brief", "example_brief"])
def test_summary_sentences_are_verbatim_and_cite_every_report_of_their_fact(which, request):
    brief = request.getfixturevalue(which)
    documents = texts(brief)
    assert brief.summary
    for item in brief.summary:
        quoted = item.evidence[0] if item.evidence[0].document == item.sentence.document else None
        assert documents[item.sentence.document][item.sentence.start : item.sentence.end] == item.text
        assert item.text in documents[item.sentence.document]
        assert item.sentence.document in item.documents
        # All reports that state the fact are cited, not only the quoted one.
        assert set(item.documents) == {s.document for s in item.fact.sentences}
        for evidence in item.evidence:
            assert evidence.document in item.documents
        assert quoted is not None or item.evidence


@pytest.mark.parametrize("which", ["seeds_brief", "example_brief"])
def test_summary_fits_the_budget_has_no_repeats_and_no_captions(which, request):
    brief = request.getfixturevalue(which)
    words = sum(len(item.text.split()) for item in brief.summary)
    assert words <= brief.settings.words or len(brief.summary) == 1
    facts = [item.fact.id for item in brief.summary]
    assert len(facts) == len(set(facts))
    assert all(item.sentence.role == BODY for item in brief.summary)


@pytest.mark.parametrize("which", ["seeds_brief", "example_brief"])
def test_summary_reads_in_report_order(which, request):
    brief = request.getfixturevalue(which)
    body_counts = {}
    for sentence in brief.story.sentences:
        if sentence.role == BODY:
            body_counts[sentence.document] = body_counts.get(sentence.document, 0) + 1

    def place(sentence):
        earlier = sum(1 for s in brief.story.sentences if s.document == sentence.document and s.role == BODY and s.index < sentence.index)
        return earlier / max(1, body_counts[sentence.document] - 1)

    # The summary opens with what a report opens with; later sentences come from further
    # down the reports (a sentence may move up to follow the one introducing a person).
    places = [min(place(s) for s in [item.sentence, *item.fact.sentences]) for item in brief.summary]
    assert places[0] == 0, "the summary opens with a report's opening"
    assert places[-1] > 0


def test_example_summary_leads_with_the_event(example_brief):
    assert "1,400" in " ".join(item.text for item in example_brief.summary[:2])


def test_example_evacuation_told_on_two_days_is_one_fact(example_brief):
    # "About 1,400 ... were ordered from their homes early on Wednesday" (the wire), "... woke up away from home for a
    # second day Thursday" (the next day's Herald): one evacuation, though each report names the other's day too. (A
    # rule taking claims of other days, where a report named both days, for two facts split it; thirty-third sitting.)
    groups = [g for g in example_brief.story.facts if any("About 1,400" in c.text for c in g.claims)]
    assert len(groups) == 1
    assert {c.document for c in groups[0].claims} >= {"herald", "radio", "wire"}


def test_a_speakers_description_adds_nothing_to_a_sentences_worth(example_brief):
    # "said Marta Kowalczyk, director of the Tessel County Office of Emergency Management" names who spoke, as a
    # nominal claim names who someone is: however many reports describe her so, the sentence says no more for it.
    from newsweave.summarize import _claim_groups

    story = example_brief.story
    speakers = [c for g in story.facts if g.support > 1 for c in g.claims if c.kind == "speaker"]
    assert speakers
    weighed = _claim_groups(story)
    assert all(c.id not in weighed for c in speakers)


def test_a_speaker_described_alike_is_no_corroborated_fact():
    """Read off ECB+ briefs: "4 reports: 'He was tased,' said Sgt. *Marty Earley*" read as four reports of the
    tasing when the reports shared only the sergeant's name and rank. Who spoke is no fact of the story; the
    claim groups keep it (the summary weighs it as nothing either)."""
    import newsweave
    from fact_groups import add_fact_group
    from newsweave.corroborate import corroborated

    brief = newsweave.brief([
        {"id": "a", "text": "\"He ran into the store,\" said Harlow Police Sgt. Dara Wynn on Friday.\n"},
        {"id": "b", "text": "\"The woman died at the scene,\" said Harlow Police Sgt. Dara Wynn on Friday.\n"},
    ])
    speakers = [c for c in brief.story.claims if c.kind == "speaker"]
    assert [c.text for c in speakers] == ["Harlow Police Sgt. Dara Wynn"] * 2  # (the rank and the name one claim)
    add_fact_group(brief.story, *speakers)
    assert brief.story.facts[-1].support == 2 and not corroborated(brief.story)
    brief.story.facts[-1].claims = []  # (a group of sentences with no claims read is listed, as before)
    assert corroborated(brief.story) == [brief.story.facts[-1]]


def test_seeds_corroborated_facts_and_citations(seeds_brief):
    ids = sorted(d.id for d in seeds_brief.documents)
    mirror, wsj_echo, ibt = ids  # 000: Mirror-sourced, 001: WSJ-sourced, 002: IBT
    # The source quote about calls to Birmingham appears in two reports.
    calls = group_of(seeds_brief, "These calls to Birmingham were made shortly before the Paris attacks")
    assert {mirror, wsj_echo} <= set(calls.documents)
    # The US official's quote, carried by two reports from the Wall Street Journal.
    concerned = group_of(seeds_brief, "justifiably concerned about the possibility of follow-on terror attacks")
    assert set(concerned.documents) == {wsj_echo, ibt}
    heightened = group_of(seeds_brief, "This is heightened by the fact that law enforcement")
    assert set(heightened.documents) == {wsj_echo, ibt}
    facts = seeds_brief.facts
    assert facts and all(f.support >= 2 for f in facts)
    # most-supported first; the background (what reports call someone, the day they name an event by) after the events
    background = [f.representative_claim is not None and f.representative_claim.kind in NOMINAL for f in facts]
    assert background == sorted(background)
    events = [f.support for f, later in zip(facts, background, strict=True) if not later]
    assert events == sorted(events, reverse=True)


def test_seeds_caption_repeating_the_body_is_one_fact(seeds_brief):
    caption = group_of(seeds_brief, "Salah Abdeslam (pictured)")
    mirror = sorted(d.id for d in seeds_brief.documents)[0]
    own = [s for s in caption.sentences if s.document == mirror]
    assert {s.role for s in own} == {CAPTION, BODY}, "the caption joins the body sentence it repeats"
    assert caption.support == len({s.document for s in caption.sentences}) < len(caption.sentences)
    assert caption.documents.count(mirror) == 1, "a report repeating itself does not corroborate itself"
    summary_texts = " ".join(item.text for item in seeds_brief.summary)
    assert summary_texts.count("Salah Abdeslam") <= 1


def test_seeds_segmentation_keeps_quotes_with_their_speaker(seeds_brief):
    sentences = [s.text for s in seeds_brief.story.sentences]
    assert any(s.startswith('"These calls to Birmingham') and s.endswith("a source told the Birmingham Mail.") for s in sentences)
    assert any(s.startswith('"No one is going to get safer,"') and "Ken Livingstone" in s for s in sentences)
    roles = {s.text: s.role for s in seeds_brief.story.sentences}
    assert roles["Parisians look at the scene outside the Bataclan concert hall after an attack on November 13"] == CAPTION
    assert all(not s.startswith(("Photo:", "Reuters")) or roles[s] != BODY for s in sentences)


def test_example_misspelling_is_not_the_quoted_wording(example_brief):
    quote = group_of(example_brief, "We would rather move people ten times for nothing")
    # Three reports quote her; the Herald names her role but not these words (a claim group of its own).
    assert quote.support == 3
    assert "Kowalczik" not in quote.representative.text


def test_example_pull_quote_joins_its_body_sentence(example_brief):
    quote = group_of(example_brief, "We would rather move people ten times for nothing")
    evening = [s for s in quote.sentences if s.document == "evening-post"]
    assert {s.role for s in evening} == {BODY, CAPTION}


def test_example_headline_is_the_consensus_title(example_brief):
    markdown = example_brief.to_markdown()
    assert markdown.startswith("# Harlow Dam")
    assert "1,200 flee" not in markdown.splitlines()[0]


def test_example_wire_dateline_is_not_part_of_the_sentence(example_brief):
    wire = [s for s in example_brief.story.sentences if s.document == "wire"]
    assert not wire[0].text.startswith("RIVERTON")
    assert wire[0].text.startswith("About 1,400 residents")


def test_json_schema_fields(example_brief):
    data = json.loads(example_brief.to_json())
    assert data["schema"] == "newsweave.brief/1"
    assert {"id", "path", "title", "outlet", "published", "url", "text"} <= set(data["documents"][0])
    herald = next(d for d in data["documents"] if d["id"] == "herald")
    assert herald["outlet"] == "The Riverton Herald" and herald["published"] == "2026-10-15"
    for item in data["summary"]:
        assert {"text", "documents", "evidence"} <= set(item)
        first = item["evidence"][0]
        assert next(d["text"] for d in data["documents"] if d["id"] == first["document"])[first["start"] : first["end"]] == item["text"]
    for fact in data["facts"]:
        assert {"text", "documents", "evidence", "support"} <= set(fact)
        assert fact["support"] == len(fact["documents"]) >= 2


def test_markdown_lists_sections_and_numbered_reports(example_brief):
    markdown = example_brief.to_markdown()
    for heading in ("## What happened", "## Corroborated", "## Resting on one report only", "## Reports"):
        assert heading in markdown
    assert "1. `evening-post`" in markdown


def test_words_controls_length():
    short = newsweave.brief([EXAMPLE], words=40)
    long = newsweave.brief([EXAMPLE], words=250)
    assert sum(len(i.text.split()) for i in short.summary) <= 40 or len(short.summary) == 1
    assert len(long.summary) > len(short.summary)
    assert sum(len(i.text.split()) for i in long.summary) <= 250


def test_single_report_brief_has_no_corroborated_facts(tmp_path):
    report = tmp_path / "only.txt"
    report.write_text(
        "A fire closed the Elm Street bridge in Dunmore on Sunday, the fire service said.\n\n"
        "Nobody was hurt, and crews expect to reopen the bridge by Tuesday morning.\n",
        encoding="utf-8",
    )
    brief = newsweave.brief([report])
    assert brief.summary and brief.facts == []
    assert brief.summary[0].documents == ["only"]


def test_fragments_and_list_lead_ins_never_enter_the_summary(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Police in Halden arrested four men after a warehouse fire destroyed a grain store on Friday night.\n\n"
        "On Saturday, police announced the names of the following men:\n\n"
        "Charged with arson and criminal damage to a building.\n\n"
        "The fire service said the blaze took six hours to bring under control.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Four men were arrested in Halden after fire destroyed a grain warehouse late on Friday, police said.\n\n"
        "Firefighters needed six hours to bring the blaze under control, the fire service said.\n",
        encoding="utf-8",
    )
    brief = newsweave.brief([tmp_path], words=200)
    texts_in_summary = [item.text for item in brief.summary]
    assert texts_in_summary, "the complete sentences are summarized"
    assert not any(t.endswith(":") for t in texts_in_summary)
    assert not any(t.startswith("Charged with") for t in texts_in_summary)
    fragments = [s for s in brief.story.sentences if not s.complete]
    assert {s.text for s in fragments} >= {
        "On Saturday, police announced the names of the following men:",
        "Charged with arson and criminal damage to a building.",
    }
