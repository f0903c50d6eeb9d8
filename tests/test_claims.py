"""The claim layer: sentences split into claims off the parse, and claims grouped across reports.

Invented reports, plus the seeds (../shared/seeds/, read, never copied).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsweave
from newsweave.align import _season_year
from newsweave.brief import Brief
from newsweave.corroborate import single_source
from newsweave.pipeline import build_story
from newsweave.settings import Settings
from newsweave.story import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _brief(*texts: str, published: str | None = None):
    # build_story straight: the claim layer itself, not whether short invented reports are one story
    documents = [Document(id=f"r{n}", text=text, published=published) for n, text in enumerate(texts, start=1)]
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


def test_a_clause_on_a_verb_or_its_subject_happened_when_and_where_that_verb_says():
    claims = {c.text: c for c in _claims(
        "In February, a quake measuring 6.4 on the Richter scale hit the town of Zarand, killing 612 people.")}
    for text in ("measuring 6.4 on the Richter scale", "killing 612 people"):
        assert (claims[text].dates, claims[text].places) == (("February",), ("zarand",))
    # a relative clause on a noun deeper in is not dated by the clause around it: the fire was not Sunday's
    claims = {c.text: c for c in _claims(
        "Officials offered no word Sunday on what might have caused the dance-hall fire that killed 60 young people.")}
    assert claims["killed 60 young people"].dates == ()


def test_the_examples_a_list_gives_are_a_claim_of_their_own():
    # two reports agreeing on "three other convictions" while their examples differ (a nine-month against a
    # one-year sentence) state one fact: the examples, apart, no longer keep the rest apart
    text = ("The activist is appealing three other convictions, including a nine-month sentence for "
            "insulting a Tarrow city official in 2014.")
    claims = _claims(text)
    examples = next(c for c in claims if c.text.startswith("including a nine-month sentence"))
    assert examples.kind == "modifier" and "convictions" not in examples.text
    main = next(c for c in claims if c.main)
    assert "three other convictions" in main.text and "nine-month" not in main.text
    brief = _brief(text, "The activist is also appealing three other convictions, including a one-year sentence "
                         "for insulting a Tarrow city official in 2014.")
    assert any({c.document for c in g.claims} == {"r1", "r2"} and any("three other convictions" in c.text for c in g.claims)
               for g in brief.story.claim_groups)


def _one_background_fact(brief, kind: str, key: tuple[str, str], documents: set[str]):
    """The claims of `kind` (what reports call someone, the day they name an event by, an age given in
    passing): all with `key` (subject, predicate), never a sentence's main claim, one fact of `documents`,
    listed among corroborated facts after the events. Returns the claims and their group."""
    from newsweave.corroborate import corroborated
    from newsweave.story import NOMINAL

    found = [c for c in brief.story.claims if c.kind == kind]
    assert {(c.subject, c.predicate) for c in found} == {key}
    (group,) = [g for g in brief.story.claim_groups if any(c.kind == kind for c in g.claims)]
    assert set(group.documents) >= documents
    listed = corroborated(brief.story)
    assert all(g.representative_claim is not None and g.representative_claim.kind in NOMINAL for g in listed[listed.index(group):])
    return found, group


def test_what_reports_call_someone_before_the_name_is_one_fact_listed_after_the_events():
    brief = _brief(
        "Outgoing Harwick quarterback Dale Ostrow was the driving force behind the players' union vote.",
        "The union vote at Harwick followed a long push by former quarterback Dale Ostrow and his teammates.",
        "Harwick players voted on Tuesday to form a union, a push led by Ostrow, the team's quarterback.",
    )
    described, _ = _one_background_fact(brief, "description", ("ostrow", "quarterback"), {"r1", "r2"})
    assert all(c.text.endswith("quarterback Dale Ostrow") for c in described)


def test_an_event_named_by_its_day_is_one_fact_across_reports_listed_after_the_events():
    """'the Oct. 9 blast', 'the blast on October 9', 'the explosion of October 9th': each report says when
    the event happened, inside a sentence about something else, in its own words."""
    from newsweave.corroborate import single_source

    brief = _brief(
        "Rescuers were still searching the Pell Harbour docks after the Oct. 9 blast, the port authority said.",
        "The blast on October 9 damaged three warehouses at the Pell Harbour docks, insurers said.",
        "Dock workers returned to Pell Harbour on Monday, five days after the explosion of October 9th.",
    )
    dated, group = _one_background_fact(brief, "dated", ("explosion", "on 10-09"), {"r1", "r2", "r3"})
    assert sorted(c.text for c in dated) == ["Oct. 9 blast", "blast on October 9", "explosion of October 9th"]
    assert not any(c.main for c in dated)  # each sentence's main claim is what it says of the event
    assert group not in single_source(brief.story)


def test_a_named_person_s_age_given_in_passing_is_one_fact_across_reports():
    """'Tomas Reyes, 58, pulled ...', 'saved by Tomas Reyes, 58, who ...': each report gives his age inside a
    sentence about something else."""
    brief = _brief(
        "Lifeguard Tomas Reyes, 58, pulled the swimmer ashore near the Pell Harbour pier on Tuesday evening.",
        "The swimmer was saved by Tomas Reyes, 58, who has watched the Pell Harbour beach for thirty summers.",
        "Tomas Reyes, 58, had just finished his shift at the Pell Harbour beach when the call came.",
    )
    ages, _ = _one_background_fact(brief, "age", ("reyes", "aged 58"), {"r1", "r2", "r3"})
    assert all(c.text.endswith("58") and "Reyes" in c.text and not c.main for c in ages)


def test_an_age_without_a_name_is_the_age_of_the_one_person_the_reports_give_it():
    """'a 58-year-old man', 'The 58-year-old', 'He was 58.': whose age a report leaves unsaid, another
    report says by name; two people of one age, or nobody named with it, leave it no claim of its own."""
    brief = _brief(
        "Lifeguard Tomas Reyes, 58, pulled the swimmer ashore near the Pell Harbour pier on Tuesday evening.",
        "A 58-year-old man pulled the swimmer ashore near the Pell Harbour pier, the town council said.",
        "The 58-year-old had just finished his shift at the Pell Harbour beach when the call came. He was 58.",
    )
    ages, _ = _one_background_fact(brief, "age", ("reyes", "aged 58"), {"r1", "r2", "r3"})
    assert sorted(c.text for c in ages if c.document != "r1") == ["58", "58-year-old", "58-year-old man"]
    two_of_an_age = _brief(
        "Lifeguards Tomas Reyes, 58, and Ana Pell, 58, pulled the swimmer ashore on Tuesday evening.",
        "A 58-year-old man pulled the swimmer ashore near the pier, the town council said.",
    )
    assert {c.subject for c in two_of_an_age.story.claims if c.kind == "age"} == {"reyes", "pell"}
    nobody_named = _brief("A 58-year-old man pulled the swimmer ashore.", "The 58-year-old swimmer was pulled ashore.")
    assert not [c for c in nobody_named.story.claims if c.kind == "age"]


def test_a_person_called_by_the_given_name_is_keyed_by_the_surname_the_reports_give():
    """'Marek was 41' and 'Marek Duda, 41,': one person, one age (keyed 'duda'); where two people share the
    first word of their names ('Li Wen', 'Li Qiang'), a bare 'Li' is left as it is."""
    brief = _brief(
        "The singer Marek Duda died on Wednesday in Gdansk, his band said. Marek was 41.",
        "Marek Duda, 41, had been ill for a year, his bandmate said on Wednesday in Gdansk.",
    )
    (group,) = [g for g in brief.story.claim_groups if any(c.kind == "age" for c in g.claims)]
    assert sorted(c.text for c in group.claims) == ["Marek Duda, 41", "Marek was 41"]
    assert {c.subject for c in group.claims} == {"duda"}
    shared = _brief("Li Wen and Li Qiang met in Wuhan on Monday. Li was 44.", "Li Wen, 45, met Li Qiang in Wuhan on Monday.")
    assert "li" in {c.subject for c in shared.story.claims if c.kind == "age"}


def test_nobody_or_nothing_as_subject_or_object_says_it_did_not_happen():
    """'Nobody was hurt in the blast' is not 'Two workers were hurt in the blast', however alike their words; 'found
    no explosives' says none were found. (The seeds: 'no one has been apprehended in the UK' had been one fact
    with '232 people held over the attacks', and not with 'there has been no confirmation or arrests'.)"""
    brief = _brief(
        "Two workers were hurt in the blast at the Dunmore depot on Tuesday, the fire service said.",
        "Nobody was hurt in the blast at the Dunmore depot on Tuesday, the fire service said.",
        "Investigators found no explosives at the Dunmore depot after the blast, police said.",
    )
    assert {c.document for c in brief.story.claims if c.negated} == {"r2", "r3"}
    assert not [g for g in brief.story.claim_groups if len({c.negated for c in g.claims}) > 1]


def test_a_claim_and_its_denial_are_two_facts():
    """'Dornia is supplying rifles to the rebels' and 'Dornia has denied supplying rifles to the rebels'
    share nearly every word, and state opposite things."""
    brief = _brief(
        "Dornia is supplying rifles and ammunition to the Kessel rebels in the northern hills, officials in Varna said.",
        "Dornia has denied supplying rifles and ammunition to the Kessel rebels in the northern hills.",
    )
    denied = [c for c in brief.story.claims if c.negated]
    assert [c.document for c in denied] == ["r2"]
    assert all(set(g.documents) != {"r1", "r2"} for g in brief.story.claim_groups)
    assert all(c.negated for c in _claims("The plane did not land in Varna, and it failed to reach the coast."))


def test_a_sentence_that_leans_on_the_one_before_is_not_listed_as_resting_on_one_report():
    """Shown alone, 'That is the plan we prepared for.' or a quotation whose speaker an earlier sentence
    names says nothing a reader can place."""
    from newsweave.corroborate import leans_on_context, single_source

    assert leans_on_context("That is the plan we prepared for.")
    assert leans_on_context('"We are going to be more at risk."')
    assert leans_on_context("but the mayor disagreed.")
    assert not leans_on_context("The mayor of Varna resigned on Tuesday, he said.")
    assert not leans_on_context('"We are safe," the mayor said.')
    brief = _brief(
        "The Pell Harbour ferry sank on Tuesday with 40 people aboard. That is the disaster the port had prepared for.",
        "A ferry sank at Pell Harbour on Tuesday. Divers found the wreck in 30 metres of water near the breakwater.",
    )
    listed = [g.representative.text for g in single_source(brief.story)]
    assert "That is the disaster the port had prepared for." not in listed
    assert any(text.startswith("Divers found the wreck") for text in listed)


def test_the_predicate_of_hearsay_and_of_a_light_verb_is_what_was_done():
    """'is said to have made trips to Varna' says he travelled; 'carried out two raids' that they raided."""
    (trips,) = [c for c in _claims("The gunman is said to have made trips to Varna and Pell.") if c.main]
    assert trips.predicate == "travel"
    (calls,) = [c for c in _claims("One attacker made several calls to Varna before the attack.") if c.main]
    assert calls.predicate == "call"


def test_a_day_without_a_month_names_no_dated_event():
    """'Sunday's vote' is some Sunday: two reports' Sundays may be a week apart."""
    claims = _claims("Turnout in Sunday's vote was the lowest since the election of 2009, officials said.")
    assert not [c for c in claims if c.kind == "dated"]


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


def test_a_line_that_cannot_stand_alone_is_not_listed_as_resting_on_one_report():
    """mn-val-4 listed "Per WPXI:" under "Resting on one report only"; a list's "Charged with theft." says as little."""
    from newsweave.corroborate import single_source

    brief = _brief(
        "A teacher was charged on Wednesday in Harwick. Per the Harwick Gazette:\n\nThe teacher resigned in March.\n\n"
        "Charged with theft.\n\nThe school board met on Thursday to review its hiring rules.",
        "A Harwick teacher was charged on Wednesday, police said.",
    )
    listed = [g.representative.text for g in single_source(brief.story)]
    assert not any(text.startswith(("Per the Harwick Gazette", "Charged with theft")) for text in listed), listed
    assert any(text.startswith("The school board met") for text in listed)


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
    assert ((matrix >= 0) & (matrix <= 1)).all()
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


def test_a_state_said_three_ways_has_one_predicate():
    # "remains X", "raised ... to X", "is currently X": the same state, so the same predicate
    # (align joins such claims when the predicate is rare in the story: the seeds' threat level below)
    claims = _brief(
        "The flood warning for the Ashby valley remains severe, the river agency said on Monday.",
        "After two days of rain, forecasters raised the Ashby valley flood warning to severe last night.",
        "The flood warning level in the Ashby valley is currently severe, which means homes may flood.",
    ).story.claims
    stating = [c for c in claims if "severe" in c.text]
    assert sorted(c.document for c in stating) == ["r1", "r2", "r3"]
    assert all(c.predicate == "severe" for c in stating), [(c.text, c.predicate) for c in stating]
    # a change of state to a figure is not a state: "raised the toll to 12" keeps its verb
    assert [c.predicate for c in _claims("Officials raised the death toll to 12 on Monday.")] == ["raise"]


def test_a_named_persons_claim_has_their_surname_as_subject():
    # the PERSON label of the subject's entity is read: "Carla Mendes" and a later "Mendes" are one subject
    claims = _claims("Carla Mendes resigned from the Orvill board on Thursday after the audit.")
    (main,) = [c for c in claims if c.main]
    assert main.subject == "mendes"


@pytest.mark.parametrize("text", [
    "TANNOCK COUNTY — Striking bus drivers have voted to accept a 4% pay rise, ending a two-week dispute.",
    "VELMAR — Bus drivers accepted a pay rise of 4 percent on Monday.",
])
def test_a_dateline_is_no_subject(text):
    """(Thirty-sixth sitting, a blind probe's miss.) The parse gives the verb two subjects, the dateline before the
    dash and the clause's own; the nearer is the clause's. With the dateline as subject, the pay rise "of Tannock
    County" was another thing than the drivers' in a report without one."""
    (main,) = [c for c in _claims(text) if c.main]
    assert main.subject == "driver"


def test_a_name_with_its_description_stays_the_subject():
    """The parse gives "fired" two subjects here too, the name and its description; the name is the clause's (taking
    the nearer one instead lost the ECB+ audit's "Andrew Lopez, 20" and made a false disagreement of his age)."""
    (main,) = [c for c in _claims("Andrew Pell, 20, an alleged gang member fired the shots from a rooftop.") if c.main]
    assert main.subject == "pell"


def test_a_hyphen_inside_a_word_is_no_dateline_s_dash():
    """The parse splits "co-defendant" at its hyphen and makes each piece a subject, the hyphen too: the first piece
    before a hyphen is no dateline, and a piece that is only a mark is no subject to read (it raised an error)."""
    (main,) = [c for c in _claims("His co-defendant, Tomas Reyl, was given a longer term as the ringleader.") if c.main]
    assert main.subject not in ("", "-")


@pytest.mark.parametrize("text", [
    "One of the Velmar gunmen travelled to Leeds before the attack.",
    "Two of the gunmen travelled to Leeds before the attack.",
    "One of two of the gunmen travelled to Leeds before the attack.",
])
def test_one_of_a_set_as_subject_is_about_the_set(text):
    """The seeds: "one of the Paris attackers traveled to the UK's second-largest city" is about an attacker, as
    "another jihadi ... made trips to London" is about a jihadi; its subject was "one"."""
    (main,) = [c for c in _claims(text) if c.main]
    assert main.subject == "gunman"


def test_a_titled_speaker_is_a_claim_of_its_own():
    claims = _claims("Harbour master Ellen Voss of the Kelby port authority said the ferry ran aground at dawn.")
    speakers = [c for c in claims if c.kind == "speaker"]
    assert [c.text for c in speakers] == ["Harbour master Ellen Voss of the Kelby port authority"]
    assert any(c.text.startswith("the ferry ran aground") for c in claims)
    # a bare "police said" is attribution only
    assert not [c for c in _claims("Police said the ferry ran aground at dawn.") if c.kind == "speaker"]


def test_a_titled_speaker_is_one_claim_not_a_speaker_and_a_description_over_the_same_words():
    # Two claims of one sentence never share a group: the same words as two claims made the brief list
    # "chief engineer Rhea Dunn" twice, once per group, each with some of the reports.
    speaker = "Harbour authority chief engineer Rhea Dunn"
    claims = _claims(f"The seawall is holding, {speaker} said on Friday.")
    assert [(c.kind, c.subject, c.predicate) for c in claims if c.text == speaker] == [("speaker", "dunn", "engineer")]
    brief = _brief(
        f"The seawall at Kelby is holding, {speaker} said on Friday.",
        f"{speaker} said the seawall at Kelby was holding on Friday.",
        "Rhea Dunn, chief engineer of the harbour authority, told reporters the Kelby seawall was sound.",
    )
    engineer = [g for g in brief.story.claim_groups if any(c.predicate == "engineer" for c in g.claims)]
    assert len(engineer) == 1 and len(engineer[0].documents) == 3


def test_two_claims_giving_one_exact_count_each_and_not_the_same_are_not_one_fact():
    # Headlines the parse reads poorly: neither count's measure is known, but one cannot corroborate the other.
    brief = _brief(
        "# 900 flee homes below leaking Orrin Dam\n\nSome 900 residents of Kelby were ordered out of their homes on Monday.\n",
        "# Orrin Dam leak keeps 1,100 from homes\n\nAbout 1,100 people from Kelby woke up away from home on Tuesday.\n",
    )
    for group in brief.story.claim_groups:
        texts = " | ".join(c.text for c in group.claims)
        assert not ("900" in texts and "1,100" in texts), texts


@pytest.mark.parametrize("phrased, plain", [
    ("Chief executive Ana Vell stepped down on Thursday.", "Chief executive Ana Vell resigned on Thursday."),
    ("The Varna plant shut down on Thursday.", "The Varna plant closed on Thursday."),
    # (a third set of blind fact probes, thirty-third sitting: a festival called off, a rocket that lifted off, a
    # minister who quit, a verdict however worded)
    ("The Varna council called off the festival on Thursday.", "The Varna council cancelled the festival on Thursday."),
    ("The Varna rocket lifted off on Thursday.", "The Varna rocket launched on Thursday."),
    ("The Varna minister quit on Thursday.", "The Varna minister resigned on Thursday."),
    # (thirty-fourth sitting: the first blind fact probes' misses)
    ("Engineers shut the Varna bridge on Thursday.", "Engineers closed the Varna bridge on Thursday."),
    ("The Varna rider fractured his femur on Thursday.", "The Varna rider broke his femur on Thursday."),
    # (thirty-fifth sitting: a rate that went up; the figure's verb reads so too, tokens.phrasal_lemma)
    ("Varna bus fares went up on Thursday.", "Varna bus fares rose on Thursday."),
    ("Varna bus fares went down on Thursday.", "Varna bus fares fell on Thursday."),
])
def test_a_phrasal_verb_reads_as_the_word_it_means(phrased, plain):
    (first,) = [c for c in _claims(phrased) if c.kind == "clause"]
    (second,) = [c for c in _claims(plain) if c.kind == "clause"]
    assert first.predicate == second.predicate and first.terms == second.terms


@pytest.mark.parametrize("found, plain, predicate, negated", [
    ("Ana Vell was found guilty of fraud on Thursday.", "Ana Vell was convicted of fraud on Thursday.", "convict", False),
    ("The jury found Ana Vell guilty of fraud.", "A jury convicted Ana Vell of fraud.", "convict", False),
    # an acquittal denies what a conviction finds: "found Alan Mason guilty of fraud" and "found Alan Mason not guilty
    # of money laundering" were one fact
    ("Ana Vell was found not guilty of fraud on Thursday.", "Ana Vell was acquitted of fraud on Thursday.", "acquit", True),
    ("The jury found Ana Vell not guilty of fraud.", "A jury acquitted Ana Vell of fraud.", "acquit", True),
])
def test_a_verdict_reads_the_same_however_worded(found, plain, predicate, negated):
    """A third set of blind fact probes (thirty-third sitting)."""
    (first,) = [c for c in _claims(found) if c.kind == "clause"]
    (second,) = [c for c in _claims(plain) if c.kind == "clause"]
    assert (first.predicate, first.negated) == (second.predicate, second.negated) == (predicate, negated)


def test_passed_away_is_died():
    # the model's lemma "pass" made "passed away" a bill passed ("approve"), not the death another report tells
    (died,) = [c for c in _claims("Tomas Vell passed away early Wednesday after a long illness.") if c.kind == "clause"]
    (passed,) = [c for c in _claims("The Varna council passed the budget on Tuesday.") if c.kind == "clause"]
    (dead,) = [c for c in _claims("Tomas Vell died early Wednesday after a long illness.") if c.kind == "clause"]
    assert died.predicate == dead.predicate != passed.predicate == "approve"
    assert "approve" not in died.terms


def test_a_dateline_city_and_an_editors_slug_are_not_claims():
    claims = _claims("MARLOW\n\nThe ferry ran aground off Marlow at dawn, the coastguard said.\n\nab-cd-efg")
    texts = [c.text for c in claims]
    assert "MARLOW" not in texts and "ab-cd-efg" not in texts
    assert any("ran aground" in t for t in texts)


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


@needs_seeds
def test_seeds_threat_level_severe_is_one_group_of_three_reports(seeds):
    # three wordings: "remains severe", "raised ... to severe", "is currently severe"
    groups = _groups_with(seeds, "severe")
    assert max(len(g.documents) for g in groups) == 3


@needs_seeds
def test_seeds_phone_calls_to_birmingham_join_the_first_two_reports(seeds):
    first, second = sorted(d.id for d in seeds.story.documents)[:2]
    groups = [g for g in _groups_with(seeds, "made") if {first, second} <= set(g.documents)]
    assert groups
    text = {d.id: d.text for d in seeds.story.documents}
    assert any("calls" in text[second][e.start : e.end] for g in groups for e in g.evidence if e.document == second)


def _seed_gold():
    import json

    gold = json.loads((Path(__file__).resolve().parent / "data" / "claims_gold_tune.json").read_text(encoding="utf-8"))
    return next(c for c in gold["clusters"] if c["source"] == "seeds")


def _overlaps(e, g) -> bool:
    return e.document == g["document"] and e.start < g["end"] and g["start"] < e.end


@needs_seeds
def test_seeds_no_fact_another_report_states_rests_on_one_report(seeds):
    gold = _seed_gold()
    for group in single_source(seeds.story, limit=1000):
        for claim in gold["claims"]:
            for span in claim["evidence"]:
                covered = sum(max(0, min(e.end, span["end"]) - max(e.start, span["start"]))
                              for e in group.evidence if e.document == span["document"])
                assert covered * 2 < span["end"] - span["start"], (claim["label"], group.text)


@needs_seeds
def test_seeds_every_group_joins_reports_through_the_same_fact(seeds):
    # each pair of reports a group joins is joined by one hand-marked fact (the tune half's seeds cluster)
    gold = _seed_gold()
    for group in seeds.story.claim_groups:
        documents = sorted(group.documents)
        for i, a in enumerate(documents):
            for b in documents[i + 1 :]:
                assert any(
                    all(any(_overlaps(e, g) for e in group.evidence for g in claim["evidence"] if g["document"] == d) for d in (a, b))
                    for claim in gold["claims"]
                ), (a, b, group.text)


def test_pairwise_evidence_at_once_equals_pair_by_pair():
    """align's vectorised pairwise helpers give what a plain loop over every pair gives (sums
    added in one order, so the same floats), on invented bags with repeats and empty ones."""
    import numpy as np

    from newsweave.align import _pair_items, _pair_max, _pair_sum, _set_overlap, _words_inside, _words_inside_pairs

    bags = [{"flood", "river", "bridge", "closed"}, {"river", "bridge"}, set(), {"flood", "river", "bridge", "closed", "road"},
            {"levee"}, {"river", "levee", "bridge", "closed", "flood"}]
    weight = {"flood": 0.7, "river": 0.1, "bridge": 1.3, "closed": 0.4, "road": 2.0, "levee": 0.9}
    n = len(bags)
    flat, item, items = _pair_items(bags, shared_only=True)
    values = np.array([weight[t] for t in items])[item]
    sums, maxima, counts = _pair_sum(n, flat, values), _pair_max(n, flat, values), _pair_sum(n, flat)
    held = {t for t in weight if sum(t in bag for bag in bags) > 1}
    for a in range(n):
        for b in range(n):
            both = [t for t in items if t in bags[a] and t in bags[b] and t in held]
            expected = 0.0
            for t in both:
                expected += weight[t]
            assert sums[a, b] == expected
            assert maxima[a, b] == max((weight[t] for t in both), default=0.0)
            assert counts[a, b] == len(both)
    inside = _words_inside_pairs([sorted(bag) for bag in bags])
    assert [[bool(inside[a, b]) for b in range(n)] for a in range(n)] == [
        [_words_inside(bags[a], bags[b]) for b in range(n)] for a in range(n)]
    dice = _set_overlap(bags)
    assert dice[0, 3] == np.float32(2 * 4 / 9) and dice[2, 2] == 0.0 and dice[4, 4] == 1.0 and dice[0, 4] == 0.0


_PARSED = (
    "Mayor Ana Ruiz, who took office in 2019, said on Tuesday that the Kelso bridge would reopen by March. "
    "The contractor, a firm based in Harwick, repaired 40 metres of railing and replaced two supports. "
    '"We are nearly done," said Deputy Mayor Tom Lark, the council\'s transport chief. '
    "Workers who had been on strike since May returned on Monday, and the toll rose to 3 dollars."
)


def test_the_parse_read_as_lists_is_what_spacy_tokens_give():
    # claims.py walks annotate's token table (annotate/tokens.py), not Token by Token: every attribute,
    # child list, subtree (in Token.subtree's order), claim term and entity text must be spaCy's.
    from newsweave import claims
    from newsweave.annotate.tokens import CONTENT_POS

    story = build_story([Document(id="r1", text=_PARSED)], Settings(), stages=["annotate"])
    doc = story.workspace.parses["r1"]
    table = story.workspace.token_tables["r1"]
    assert table.doc is doc and len(table) == len(doc)
    for token in doc:
        i = token.i
        assert (table.head[i], table.dep[i], table.pos[i], table.tag[i], table.lower[i], table.lemma[i]) == (
            token.head.i, token.dep_, token.pos_, token.tag_, token.lower_, token.lemma_.lower())
        assert (table.idx[i], table.length[i], table.ent_type[i]) == (token.idx, len(token.text), token.ent_type_)
        assert (table.is_alpha[i], table.is_stop[i], table.like_num[i], table.is_punct[i]) == (
            token.is_alpha, token.is_stop, token.like_num, token.is_punct)
        assert (table.is_space[i], table.is_quote[i]) == (token.is_space, token.is_quote)
        assert table.children[i] == [c.i for c in token.children]
        assert table.subtree(i) == [t.i for t in token.subtree]
        content = (token.pos_ in CONTENT_POS and not token.is_stop and (token.is_alpha or token.like_num)) \
            or token.like_num
        assert table.content[i] == content
        gives_term = (token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1
        lemma = token.lemma_.lower()
        assert table.term_lemma[i] == (lemma if gives_term else None)
        gives_term = gives_term and lemma not in claims.REPORTING and lemma not in claims._HEDGING
        assert claims._claim_term(table.term_lemma[i]) == (claims.term(lemma) if gives_term else None)
    ents = claims._entities(table, doc.ents)
    assert [(e.start, e.end, e.label, e.text) for e in ents] == [(e.start, e.end, e.label_, e.text) for e in doc.ents]
    assert ("PERSON", "tom lark", "lark") in [(e.label, e.key, e.last) for e in ents]


def test_the_claims_stage_reads_the_token_table_annotate_made(monkeypatch):
    # One table per parse: annotate reads each report's Doc once, and claims walks that table.
    from newsweave.annotate import tokens

    made = []
    make = tokens.TokenTable.__init__

    def counted(self, doc, text=None):
        made.append(doc)
        make(self, doc, text)

    monkeypatch.setattr(tokens.TokenTable, "__init__", counted)
    documents = [Document(id="r1", text=_PARSED), Document(id="r2", text=_PARSED.replace("Kelso", "Arden"))]
    story = build_story(documents, Settings(), stages=["annotate", "claims"])
    assert made == [story.workspace.parses["r1"], story.workspace.parses["r2"]]
    assert {c.document for c in story.claims if c.kind != "sentence"} == {"r1", "r2"}


def test_a_sentence_read_alone_gives_the_claims_the_story_gives():
    # sentence_claims without the story's parse and entities reads them itself: the same claims
    from newsweave import claims

    story = build_story([Document(id="r1", text=_PARSED)], Settings(), stages=["annotate", "claims"])
    doc = story.workspace.parses["r1"]
    for sentence in story.sentences[:2]:  # (later sentences may name a person said before)
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        alone = claims.sentence_claims(sentence, span)
        assert alone
        assert [(c.text, c.kind, c.subject, c.predicate, c.terms, c.entities, c.numbers, c.main) for c in alone] == [
            (c.text, c.kind, c.subject, c.predicate, c.terms, c.entities, c.numbers, c.main)
            for c in story.claims if c.sentence.index == sentence.index]


def test_the_parse_reads_its_words_when_no_more_are_kept(monkeypatch):
    # A TokenTable keeps the strings it looks up for later briefs, up to a bound; past it, it still reads them
    from newsweave.annotate import tokens

    story = build_story([Document(id="r1", text=_PARSED)], Settings(), stages=["annotate"])
    doc = story.workspace.parses["r1"]
    monkeypatch.setattr(tokens, "_STRINGS", {})
    monkeypatch.setattr(tokens, "_STRINGS_KEPT", 5)
    parse = tokens.TokenTable(doc)
    assert len(tokens._STRINGS) <= 5
    assert parse.lemma == [t.lemma_.lower() for t in doc] and parse.lower == [t.lower_ for t in doc]
    assert parse.dep == [t.dep_ for t in doc] and parse.ent_type == [t.ent_type_ for t in doc]


def test_a_photo_caption_two_reports_share_is_no_corroborated_fact_nor_an_agencys_sole_fact():
    from newsweave.corroborate import corroborated
    from newsweave.render.labels import sole_origin_facts

    caption = "A crane lifts a fishing boat out of the Kelby harbour, Monday, March 2, 2026, in Kelby."
    brief = _brief(
        f"KELBY (AP) — The harbour board voted 5-2 on Monday to raise the levy.\n\n{caption}\n\n(AP Photo/Dana Ruiz)\n",
        f"The Kelby harbour board raised its levy on Monday by a vote of 5-2.\n\n{caption}\n",
    )
    listed = [g.representative.text for g in corroborated(brief.story)]
    assert caption not in listed and any("levy" in text for text in listed)
    sole = [g.representative.text for _, groups in sole_origin_facts(brief.story) for g in groups]
    assert not any("AP Photo" in text or text == caption for text in sole)


def test_a_question_the_writer_asks_states_nothing():
    import newsweave

    story = newsweave.brief([
        {"id": "a", "text": "Did you speak to the harbour board before the vote?\n\n\"Why did the wall fail?\" the mayor asked.\n"},
    ]).story
    assert not [c for c in story.claims if c.text.startswith("Did you speak")]
    assert [c for c in story.claims if "Why did the wall fail" in c.sentence.text]  # a quoted question is someone's words


def test_each_token_finds_its_claim_in_time_on_a_hostile_chain_of_words():
    """A sentence of thousands of hyphened words ("break-break-...-in") parses as one deep chain. Each token
    climbed from itself to its claim's head, time growing with the square of the chain (12,000 words: 10 s of
    a brief). The climb now stops at a token already placed."""
    import time
    from types import SimpleNamespace

    from newsweave.claims import _owners

    size = 200_000
    chain = SimpleNamespace(head=[*range(1, size), size - 1], dep=["compound"] * (size - 1) + ["ROOT"],
                            content=[1] * size)
    started = time.perf_counter()
    owner = _owners(chain, 0, size, [size - 1])
    assert time.perf_counter() - started < 3.0
    assert list(owner) == list(range(size)) and set(owner.values()) == {size - 1}  # in reading order, one claim
    # a clause head inside the chain keeps the words below it, and the words above go to the root's claim
    middle = _owners(chain, 0, size, [size - 1, 1000])
    assert middle[0] == middle[1000] == 1000 and middle[1001] == middle[size - 1] == size - 1


def test_a_figure_the_parse_cut_off_its_name_is_no_claim():
    """The parse made '30' of '30 Rock returns later this year.' a sentence root of its own; the claim '30' then
    'corroborated' another report's '30 Rock is now in syndication on Fox' by the same figure."""
    from spacy.tokens import Doc

    from newsweave.annotate.model import load_model
    from newsweave.claims import sentence_claims
    from newsweave.story import Sentence

    vocab = load_model(Settings()).vocab
    doc = Doc(vocab, words=["30", "Rock", "returns", "later", "this", "year", "."],
              spaces=[True, True, True, True, True, False, False], heads=[0, 2, 2, 5, 5, 2, 2],
              deps=["ROOT", "compound", "ROOT", "advmod", "det", "npadvmod", "punct"],
              pos=["NUM", "PROPN", "VERB", "ADV", "DET", "NOUN", "PUNCT"], tags=["CD", "NNP", "VBZ", "RB", "DT", "NN", "."],
              lemmas=["30", "Rock", "return", "later", "this", "year", "."])
    sentence = Sentence(document="a", start=0, end=len(doc.text), text=doc.text, index=0)
    assert [c.text for c in sentence_claims(sentence, doc[:])] == ["Rock returns later this year"]


def test_a_line_that_only_opens_a_quote_states_no_fact():
    """'The group's publicist sent the following statement to XXL:' was listed as a corroborated fact, and 'Rubin
    writes:' as a fact resting on the Washington Post: the words they open come after them."""
    from newsweave.annotate.sentences import introduces

    assert introduces("Rubin writes:") and introduces("The band's publicist sent the following statement to the Courier:")
    assert introduces("A spokesperson released a statement on Tuesday night, saying:")
    assert not introduces("That said, it's not as if playing the songs bare has exposed a weakness in their sound:")
    assert not introduces("Police said the road was closed.") and not introduces("He said: the road is closed.")
    first = "The band's publicist sent the following statement to the Harlow Courier:\n\n\"He was a gentle soul.\"\n"
    second = "The band's publicist sent the following statement to the Harlow Courier:\n\n\"He will be missed.\"\n"
    story = newsweave.brief([{"id": "a", "text": first}, {"id": "b", "text": second}]).story
    assert not any("publicist" in c.text for c in story.claims)
    assert not any(len(g.documents) > 1 and "publicist" in g.representative.text for g in story.facts)


def _joined(brief, first: str, second: str) -> bool:
    """Whether one fact group holds a claim over `first` in report 1 and one over `second` in report 2."""
    story = brief.story

    def over(group, document: str, words: str) -> bool:
        text = story.document(document).text
        at = text.index(words)
        return any(c.document == document and c.start < at + len(words) and at < c.end for c in group.claims)

    return any(over(g, "r1", first) and over(g, "r2", second) for g in story.facts)


_FIRE = "A fire gutted the Harlow Mill in Tarrant on Sunday, and no one was hurt, the fire service said. "


@pytest.mark.parametrize("first, second, words", [
    # a deed to come and one done, of other days (told of one day, they are one fact: the next test)
    ("The Tarrant council said the town will hire 40 more firefighters next year after the mill fire.",
     "The Tarrant council hired 40 more firefighters last year after the mill fire.", ("will hire", "hired")),
    # ...and of other seasons, told against each report's day (thirtieth sitting: the blind fact probes' traps)
    ("The Tarrant council will hire 40 more firefighters this summer after the mill fire.",
     "The Tarrant council hired 40 more firefighters last autumn after the mill fire.", ("will hire", "hired")),
    ("The Tarrant council will hire 40 more firefighters by autumn after the mill fire.",
     "The Tarrant council hired 40 more firefighters last year after the mill fire.", ("will hire", "hired")),
    # ...or undated, each told on its own side of the report's day (thirty-second sitting: the second blind fact
    # probes' traps)
    ("The Tarrant council plans to hire 40 more firefighters over the next three years after the mill fire.",
     "The Tarrant council, which hired 40 more firefighters over the past decade, is now cutting posts after the mill fire.",
     ("plans to hire", "which hired")),
    ("The Tarrant council will spend 2 million dollars on fire engines in the coming years after the mill fire.",
     "The Tarrant council has already spent 2 million dollars on fire engines after the mill fire.", ("will spend", "has already spent")),
    # a deed of the report's own days and one only of years before (thirty-third sitting: the second blind fact
    # probes' traps)
    ("Ada Lund won the Tarrant road race on Sunday after the mill fire.",
     "Ada Lund, who won the Tarrant road race in 2019, was among the firefighters at the mill.",
     ("won the Tarrant road race on Sunday", "who won the Tarrant road race in 2019")),
    ("The Tarrant council has cancelled this year's mill fair after the fire.",
     "The Tarrant mill fair was also cancelled three years ago, after a flood.",
     ("has cancelled this year's", "was also cancelled three years ago")),
    # one numeral, two kinds of figure (a third set of blind fact probes, thirty-third sitting)
    ("Firefighters battled the blaze at the Tarrant depot for 14 hours on Monday after the mill fire.",
     "At its height, 14 crews battled the blaze at the Tarrant depot on Monday after the mill fire.",
     ("for 14 hours", "14 crews battled")),
    ("Trains on the Tarrant line were delayed by up to 45 minutes on Monday after the mill fire.",
     "45 trains on the Tarrant line were delayed on Monday after the mill fire.", ("delayed by up to 45", "45 trains")),
    # who did it, or to whom, named as other people or organisations (thirty-fourth sitting: the third blind fact
    # probes' traps)
    ("The Tarrant fire service fined Marlow Foods 40,000 dollars on Monday for blocked fire exits.",
     "The Tarrant fire service fined Corvel Foods 40,000 dollars on Monday for blocked fire exits.",
     ("fined Marlow", "fined Corvel")),
    ("Councillor Marian Hoyle resigned from Tarrant Borough Council on Tuesday over the mill fire.",
     "Councillor Tom Fairley resigned from Tarrant Borough Council on Tuesday over the mill fire.",
     ("Marian Hoyle resigned", "Tom Fairley resigned")),
    # one count each, whose ranges do not meet
    ("About 4,000 staff at Tarrant General Hospital walked off the job on Monday over unpaid wages.",
     "Some 1,200 nurses at Tarrant General Hospital walked off the job on Monday over unpaid wages.", ("4,000", "1,200")),
])
def test_two_facts_their_own_words_tell_apart_are_not_one_group(first, second, words):
    """Blind fact probes (2026-12-07, twenty-eighth sitting): claims alike in every word but the one that makes
    them two facts were grouped as one."""
    brief = _brief(_FIRE + first, _FIRE + second, published="2026-03-04")
    assert not _joined(brief, *words)
    assert _joined(brief, "gutted the Harlow Mill", "gutted the Harlow Mill")  # the facts both state still join


@pytest.mark.parametrize("first, second, words", [
    # one telling figure of one measure, each report wording the rest its own way (thirty-second sitting: the
    # blind fact probes' misses)
    ("The 240-metre container ship Halden Spirit ran aground off Tarrant on Sunday, the coastguard said.",
     "Coastguard crews reached the stranded vessel off Tarrant on Sunday. Its owners said the ship is 240 metres long.",
     ("240-metre", "240 metres long")),
    ("The eruption forced the evacuation of some 6,000 residents from villages near Mount Tarrant on Sunday.",
     "Around 6,000 people living near Mount Tarrant have been told to leave their homes since the eruption on Sunday.",
     ("evacuation of some 6,000", "Around 6,000 people")),
    # a venue's seats and the spectators it holds; homes left without power and households cut off (thirty-third
    # sitting: the blind fact probes' misses, of both sets)
    ("The new 38,000-seat Tarrant Arena will host its first concert on Saturday.",
     "Tarrant Arena holds 38,000 spectators and will open with a concert on Saturday, its owners said.",
     ("38,000-seat", "holds 38,000 spectators")),
    # a claim whose subject names the figure's event ("an order for"; a small count, so the measure must be one)
    ("The Tarrant council has ordered 48 fire engines from Avelon in a deal worth 2.1 billion dollars.",
     "An order for 48 Avelon fire engines, announced on Monday by the council, will renew a fleet that is 40 years old.",
     ("has ordered 48", "An order for 48")),
    # a change's end after a hedge, and a sum's scale letter ending a sentence (thirty-fourth sitting: the third
    # blind fact probes' misses)
    ("Pre-tax profit at Harlow Mills fell 18% to £212 million in the year to January, the group said.",
     "Harlow Mills' profits dropped by almost a fifth to just over £210m.", ("fell 18%", "dropped by almost")),
    # "half a tonne of" a thing weighs the thing; a pipeline's length, one report saying where it runs; troops
    # deployed and dispatched
    ("Border officers seized 450 kilograms of cocaine at Tarrant docks on Monday.",
     "Nearly half a tonne of cocaine was found in a container at Tarrant docks.", ("seized 450", "half a tonne")),
    ("The 320-kilometre Tarrant gas pipeline was shut on Tuesday after a leak.",
     "The Tarrant pipeline runs for nearly 200 miles from the coast to the plant at Harlow.",
     ("320-kilometre", "nearly 200 miles")),
    ("The government will deploy 1,500 soldiers to the Tarrant border region after a surge in smuggling.",
     "Fifteen hundred troops are being dispatched to the Tarrant frontier to help the police.",
     ("deploy 1,500", "Fifteen hundred")),
    ("Storm Vela left about 85,000 homes without electricity across Tarrant on Monday, the grid operator said.",
     "Gales brought down power lines across Tarrant on Monday, cutting supply to 84,600 households.",
     ("left about 85,000 homes", "cutting supply to 84,600")),
    # an exact count and a hedged one that holds it, of one measure told by one predicate (thirty-fifth sitting:
    # the blind fact probes' "four dozen"), however small the count
    ("The Tarrant council has ordered 48 fire engines from Avelon in a deal worth 2.1 billion dollars.",
     "An order for four dozen Avelon fire engines, announced on Monday by the council, will renew the fleet.",
     ("has ordered 48", "An order for four dozen")),
    # one sale's price told by the seller's verb and by the buyer's (thirty-sixth sitting: a fact probe's miss)
    ("A portrait by the painter Ada Moro sold for £3.4m at an auction in Tarrant on Tuesday.",
     "A telephone bidder paid £3,400,000 for Ada Moro's portrait of her sister at the Tarrant sale.",
     ("sold for £3.4m", "paid £3,400,000")),
])
def test_one_telling_figure_of_one_measure_is_one_fact(first, second, words):
    assert _joined(_brief(first, second, published="2026-03-04"), *words)


@pytest.mark.parametrize("first, second", [
    # a score of which set, a share of what: figures of anything
    ("Sorell took the first set 6-3.", "Markov took the third set 6-3."),
    ("Revenue rose 12 percent.", "Net profit climbed 12 percent."),
    # a small count is given alike by chance
    ("Police arrested three men.", "Three men were arrested."),
    # a floor holds any larger figure: "more than 1,000" tells no fact 5,000 tells
    ("The army has withdrawn more than 1,000 troops.", "The army has withdrawn 5,000 troops."),
])
def test_figures_of_anything_alike_are_no_telling_figure(first, second):
    from newsweave.align import _one_telling_figure

    claims = _brief(first, second).story.claims
    assert any(c.quantities for c in claims if c.document == "r1")
    assert not _one_telling_figure(claims).any()


@pytest.mark.parametrize("first, second", [
    ("The army has withdrawn more than 1,000 troops.", "The army has withdrawn 5,000 troops."),  # a floor far below
    ("Police arrested about 40 protesters.", "Police released 40 protesters."),  # another predicate
    ("Police arrested about 40 protesters.", "Police arrested 40 fans."),  # another noun
    ("Police arrested about 40 protesters.", "About 40 protesters were arrested."),  # hedged both: not this rule's
])
def test_a_hedged_figure_holds_only_a_near_exact_one_of_one_measure(first, second):
    from newsweave.align import _same_figure_measured

    def across(texts: tuple[str, str]) -> bool:  # (whether a claim of r1 and one of r2 are one figure measured)
        claims = _brief(*texts).story.claims
        assert any(c.quantities for c in claims if c.document == "r1")
        documents = np.array([c.document for c in claims])
        return bool((_same_figure_measured(claims) & (documents[:, None] != documents[None, :])).any())

    assert not across((first, second))
    assert across((first, "Police arrested 42 protesters.")) == (first == "Police arrested about 40 protesters.")


@pytest.mark.parametrize("written, month, tense, year", [
    ("last autumn", 3, "", "2025"), ("last summer", 10, "", "2026"), ("last summer", 8, "", "2025"),
    ("next spring", 2, "", "2026"), ("next spring", 4, "", "2027"), ("this summer", 11, "", "2026"),
    ("spring", 2, "future", "2026"), ("spring", 7, "future", "2027"), ("spring", 7, "past", "2026"),
    ("spring", 2, "past", "2025"), ("spring", 2, "", None), ("fall", 10, "past", None), ("last fall", 3, "", "2025"),
    ("winter", 1, "past", None),
])
def test_a_season_is_the_year_its_words_and_the_report_s_day_give(written, month, tense, year):
    assert _season_year(written, 2026, month, tense) == year


def test_an_event_named_by_its_noun_is_a_claim_of_its_own():
    """The seeds (thirtieth sitting): "Parliament's recent approval of British airstrikes against Daesh could
    exacerbate concerns" states the approval, as "The airstrikes were approved earlier this week" does."""
    claims = _claims("Parliament's recent approval of new airstrikes could deepen concerns about reprisals.")
    (named,) = [c for c in claims if c.kind == "nominalization"]
    assert (named.text, named.subject, named.predicate) == ("Parliament's recent approval of new airstrikes", "airstrike",
                                                           "approve")
    assert not named.main and any(c.main and c.kind == "clause" for c in claims)
    # no "of": nothing done to anything is named ("the approval came late")
    assert not [c for c in _claims("The approval came late, officials said.") if c.kind == "nominalization"]


@pytest.mark.parametrize("text, subject, predicate", [
    # for some nouns the owner is what was done to: "Ivo Brand's arrest" is "Ivo Brand was arrested"
    ("Ivo Brand's arrest in Velmar angered his supporters.", "ivo brand", "arrest"),
    ("Minister Ada Lund spoke on Monday. Her resignation came as a surprise.", "lund", "resign"),
    ("The town of Velmar celebrated the return of a stolen portrait on Sunday.", "portrait", "return"),
    # ...and for others it is who did it: "Parliament's approval" names no approval of anything
    ("Parliament's approval came as a surprise.", None, None),
    # for some, "on" or "against" says what was done to
    ("The attack on the Velmar embassy shocked the capital.", "embassy", "attack"),
    ("The Tannock council lifted its ban on fireworks on Monday.", "firework", "ban"),
    # but a date after "on" is when, a `dated` claim's: "the attack on November 13" attacked no day
    ("The attack on November 13 shocked the capital.", None, None),
])
def test_an_event_named_by_its_noun_and_its_owner(text, subject, predicate):
    named = [(c.subject, c.predicate) for c in _claims(text) if c.kind == "nominalization"]
    assert named == ([(subject, predicate)] if subject else [])


def test_an_event_named_by_its_noun_joins_the_clause_telling_it():
    documents = [
        Document(id="r1", published="2026-03-04", text="Residents in Tannock protested on Monday against the council's "
                 "approval of a new bypass through Harlow Wood. Police said the protest was peaceful."),
        Document(id="r2", published="2026-03-04", text="The Tannock council approved a new bypass through Harlow Wood "
                 "last week, and residents protested on Monday. Police said the protest was peaceful."),
    ]
    brief = Brief(build_story(documents, Settings()), Settings())
    assert _joined(brief, "approval of a new bypass", "approved a new bypass")


@pytest.mark.parametrize("first, second, words", [
    # of the first report's two claims giving Marden a role, the likelier joins the other report's
    ("Rebel chief Ivo Marden, who leads the banned Velmar Liberation Front, was detained in Rome on Thursday, police said.",
     "Ivo Marden, leader of the outlawed Velmar Liberation Front, has asked for asylum in Italy after his arrest in Rome.",
     ("who leads the banned", "leader of the outlawed")),
    ("Kara Lund, who founded the Velmar Film Festival, died in Rome on Thursday, her family said.",
     "Film festival founder Kara Lund has died in Rome at the age of 81, her family said on Thursday.",
     ("who founded the Velmar", "Film festival founder Kara Lund")),
])
def test_a_role_told_by_a_relative_clause_is_the_role_a_description_gives(first, second, words):
    """The claims gold's tune half: "Ocalan, who leads the PKK" and "Abdullah Ocalan, leader of the outlawed PKK" state
    one fact; so do "He also was a founder of Vine" and "Kroll was also the co-founder of Vine"."""
    assert _joined(_brief(first, second, published="2026-03-04"), *words)


@pytest.mark.parametrize("first, second, words", [
    ("Police arrested Keith Knowles, 34, in Tarrant on Monday after the mill fire.",
     "Police arrested Knowles in Tarrant on Monday after the mill fire, a spokesman said.", ("arrested Keith", "arrested Knowles")),
    ("The Federal Bureau of Investigation arrested Keith Knowles in Tarrant on Monday after the mill fire.",
     "The FBI arrested Keith Knowles in Tarrant on Monday after the mill fire.", ("arrested Keith", "arrested Keith")),
    ("Police arrested Keith Magwood in Tarrant on Monday after the mill fire.",
     "Police arrested Keith Magwod in Tarrant on Monday after the mill fire.", ("arrested Keith", "arrested Keith")),
    # one party in the two roles: the deed told from either side
    ("Mayor Ada Lund was met at the Tarrant mill by Fire Chief Tom Fairley on Sunday.",
     "Mayor Ada Lund met with Fire Chief Tom Fairley at the Tarrant mill on Sunday.", ("was met", "met with")),
])
def test_one_party_named_two_ways_is_one_fact(first, second, words):
    """A surname alone, an acronym or a slip of one letter names the party the other report names in full (the
    claims gold's tune half: "the U.S. Coast Guard helicopter team spotted Hackett" / "A Coast Guard helicopter spotted
    Hackett"; "Mubarak was met at the airport by Syrian President Hafez Assad" / "Mubarak met with ... Assad")."""
    assert _joined(_brief(first, second, published="2026-03-04"), *words)


def test_two_named_people_saying_alike_make_two_statements():
    """Blind fact probes (thirty-third sitting): a prime minister's pledge and a finance minister's, in the same words,
    were one fact; one source named in one report and not in the other stays one fact."""
    def brief(first: str, second: str) -> Brief:
        return _brief(first, second, published="2026-03-04")

    pledges = brief("Prime Minister John Harper said on Tuesday that the government would not raise income tax before "
                    "the next election. He spoke at a business conference.",
                    "Finance Minister Sarah Collins said the government would not raise income tax before the election. "
                    "The prime minister made a similar pledge on Tuesday.")
    assert not _joined(pledges, "the government would not raise", "the government would not raise")
    told = brief("Police spokesman John Harper said the gunman fled on foot after the shooting.",
                 "The gunman fled on foot after the shooting, police said.")
    assert _joined(told, "the gunman fled", "The gunman fled")
    # a deed done, credited to two named officials, is one fact (the rule's first version split it)
    arrests = brief("Police arrested two men in Leeds on Monday, Chief Inspector John Harper said.",
                    "Two men were arrested in Leeds on Monday, Superintendent Sarah Collins told reporters.")
    assert _joined(arrests, "Police arrested two men", "Two men were arrested")


def test_a_plan_and_its_deed_told_of_one_day_are_one_fact():
    """The bundled example's wire, of the morning: "engineers were expected to inspect the dam this afternoon"; the
    next day's paper: "engineers inspected the dam Wednesday afternoon". One inspection, one fact."""
    documents = [
        Document(id="r1", published="2026-03-04", text=_FIRE + "Fire safety engineers were expected to inspect the ruins of "
                 "the Harlow Mill this afternoon."),
        Document(id="r2", published="2026-03-05", text=_FIRE + "Fire safety engineers inspected the ruins of the Harlow Mill "
                 "Wednesday afternoon."),
    ]
    brief = Brief(build_story(documents, Settings()), Settings())
    assert _joined(brief, "expected to inspect", "inspected the ruins")


@pytest.mark.parametrize("text, tense", [
    ("The council will hire 40 officers.", "future"),
    ("The council plans to hire 40 officers.", "future"),
    ("The council hired 40 officers.", "past"),
    ("The bridge has been shut by engineers.", "past"),
    ("The council has agreed to hire 40 officers.", ""),  # the agreeing is done, the hiring to come
    ("The council hires officers every spring.", ""),
])
def test_a_claim_knows_a_deed_to_come_from_one_done(text, tense):
    (claim,) = [c for c in _claims(text) if c.kind == "clause"]
    assert claim.tense == tense


def test_people_named_together_are_as_many_as_a_count_says():
    """The seeds' "Salah Abdeslam and an accomplice are still on the run" and "two are on the run" (twenty-ninth
    sitting): a subject naming two people joined by "and" is evidence of the count two."""
    brief = _brief("Three men were charged on Friday over the raid on the Harlow Bank in Tannock, in which a guard was "
                   "shot. Police in Velmar said Ivo Brand and an accomplice are still on the run. The guard is in a "
                   "stable condition. The bank reopened on Thursday.",
                   "Three men were charged on Friday over last week's Tannock bank raid. Of the five men police believe "
                   "took part, two are on the run, officials said. A guard was shot in the raid. The branch reopened "
                   "on Thursday.")
    assert _joined(brief, "Ivo Brand and an accomplice are still on the run", "two are on the run")


def test_a_span_of_time_in_words_the_model_tags_a_date_stays_a_date():
    """A number in words the model tags a date is a count of the claim only when it counts no time (twenty-ninth
    sitting): "Forty workers" counts workers, "two weeks ago" says when (the ECB+ audit flagged "married two weeks ago"
    against "wed about three weeks ago" while it counted weeks)."""
    story = _brief("Deputy Ian Marr was shot dead in Tannock on Friday. The Velmar resident was married two weeks ago to "
                   "his second wife, Ana.", "The deputy was wed three weeks ago.").story
    assert not any(q.noun == "week" for c in story.claims for q in c.quantities)
