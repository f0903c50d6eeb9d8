"""One story at a time: inputs that are several stories are split, the largest briefed, the rest named."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import REPORTS, run_newsweave

import newsweave
from newsweave.corroborate import single_source
from newsweave.stories import NOT_ONE_STORY, one_story, story_groups, with_copies_marked, within_budget
from newsweave.story import TOO_MUCH_TO_BRIEF
from newsweave.story import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE = ROOT / "examples" / "valley-dam-evacuation"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")

# An invented second story, unrelated to the ferry of conftest.py.
ORCHARD = {
    "orchard-a": (
        "A late frost destroyed most of the apple blossom in the Wendle Valley orchards on Tuesday night, growers said.\n\n"
        "Temperatures fell to minus four degrees, and the Wendle Growers Cooperative expects a harvest a third of normal.\n\n"
        "Cooperative chair Tomas Brell said 40 farms had lost nearly all their blossom.\n"
    ),
    "orchard-b": (
        "Apple growers in the Wendle Valley counted their losses on Wednesday after a hard frost killed the blossom.\n\n"
        "Tomas Brell, who chairs the Wendle Growers Cooperative, said 40 farms were badly hit and cider makers would feel it.\n\n"
        "The frost hit at the worst time, just as the orchards were in full bloom.\n"
    ),
}


def _documents(texts: dict[str, str]) -> list[Document]:
    return [Document(id=key, text=text) for key, text in texts.items()]


def test_two_invented_stories_are_told_apart():
    documents = _documents({**REPORTS, **ORCHARD})
    groups = story_groups(documents)
    assert sorted(sorted(d.id for d in g) for g in groups) == sorted([sorted(ORCHARD), sorted(REPORTS)])
    kept, warnings = one_story(documents)
    assert [d.id for d in kept] == list(REPORTS)  # the larger story: three reports against two
    assert len(warnings) == 1 and warnings[0].kind == NOT_ONE_STORY
    assert [d.id for d in warnings[0].left_out] == list(ORCHARD)
    assert "orchard-a" in warnings[0].message and "orchard-b" in warnings[0].message


def test_one_invented_story_is_not_split():
    kept, warnings = one_story(_documents(REPORTS))
    assert [d.id for d in kept] == list(REPORTS) and warnings == []


def test_copies_of_one_page_do_not_outvote_a_story():
    """Two copies of one cookie page are one report: the real story wins the tie on its words."""
    junk = "We use cookies to improve your experience. Accept all cookies or manage your settings in the privacy centre.\n"
    documents = _documents({"real": REPORTS["wire"] + REPORTS["courier"], "junk-1": junk, "junk-2": junk})
    kept, warnings = one_story(documents)
    assert [d.id for d in kept] == ["real"]
    assert [d.id for d in warnings[0].left_out] == ["junk-1", "junk-2"]


@needs_seeds
def test_seeds_and_example_together_brief_the_largest_story_and_name_the_rest():
    result = newsweave.brief([EXAMPLE, SEEDS])
    example_ids = {"evening-post", "herald", "radio", "wire"}
    assert {d.id for d in result.documents} == example_ids  # four example reports against three seeds
    (warning,) = result.warnings
    assert {d.id for d in warning.left_out} == {p.stem for p in SEEDS.iterdir()}
    data = result.to_dict()
    assert data["warnings"][0]["kind"] == NOT_ONE_STORY
    assert {d["id"] for d in data["warnings"][0]["left_out"]} == {p.stem for p in SEEDS.iterdir()}
    # No figure is compared across stories: every side of every disagreement is an example report.
    for discrepancy in data["discrepancies"]:
        for value in discrepancy["values"]:
            assert set(value["documents"]) <= example_ids
    assert not any("352" in v["value"] for d in data["discrepancies"] for v in d["values"])
    markdown = result.to_markdown()
    assert "Not one story" in markdown and "000_6ec4f0875e712ac9" in markdown
    assert "Not one story" in result.to_html()


@needs_seeds
@pytest.mark.parametrize("folder", [SEEDS, EXAMPLE], ids=["seeds", "example"])
def test_one_real_story_gets_no_warning(folder):
    from newsweave.load import load_sources

    documents, _ = load_sources([folder], newsweave.Settings())
    kept, warnings = one_story(documents)
    assert warnings == [] and len(kept) == len(documents)


@needs_seeds
def test_cli_says_so_on_stderr(tmp_path):
    out = tmp_path / "brief.json"
    result = run_newsweave("brief", EXAMPLE, SEEDS, "--format", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    warning_lines = [line for line in result.stderr.splitlines() if "not one story" in line]
    assert len(warning_lines) == 1 and "000_6ec4f0875e712ac9" in warning_lines[0]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 4 and data["warnings"]


def test_cli_one_story_no_warning(good_files):
    result = run_newsweave("brief", *good_files)
    assert result.returncode == 0
    assert "not one story" not in result.stderr


# --- output quality: captions and slugs, groups of people, capped lists, inferred origins ---


@pytest.fixture(scope="module")
def captioned():
    """Invented reports whose photo captions (one led by a wire slug) carry a date, a count and names."""
    return newsweave.brief([
        {"id": "post", "text": (
            "Floodwater forced 300 families from their homes in Marrow Bend on Sunday, county officials said.\n\n"
            "ZXQ482B A heron stands on a flooded road near the Ostrey Bridge in Marrow Bend, March 9, 2025, after 40 people were injured.\n\n"
            "Mayor Lena Oduya said the levee had held for forty years.\n"
        )},
        {"id": "ledger", "text": (
            "Some 300 families left Marrow Bend on Sunday as the river rose, officials said.\n\n"
            "Mayor Lena Oduya visited the Ostrey Bridge with engineers from the Halvard Water Board.\n\n"
            "Three people were injured, the county said.\n"
        )},
    ]).story


def test_a_slug_led_caption_feeds_no_timeline_link_or_disagreement(captioned):
    caption = next(s for s in captioned.sentences if s.text.startswith("ZXQ482B"))
    assert caption.role != "body" or not newsweave.entities.mentions.body_copy(caption)
    spans = [(e.document, e.start, e.end) for t in captioned.timeline for e in t.evidence]
    spans += [(e.document, e.start, e.end) for r in captioned.relations for e in r.evidence]
    assert (caption.document, caption.start, caption.end) not in spans
    assert not any("2025-03-09" == t.date for t in captioned.timeline)
    assert not [d for d in captioned.discrepancies if d.kind == "number" and "injured" in d.subject]
    assert not any(e.name == "ZXQ482B" for e in captioned.entities)


def test_slug_pattern_spares_flight_numbers():
    from newsweave.entities.mentions import SLUG

    assert SLUG.match("RTX7QQ2 Police officers stand guard")
    assert not SLUG.match("MH370 Search resumes") and not SLUG.match("COVID19 Cases rise")


def test_nationality_words_are_no_organisation_anywhere():
    result = newsweave.brief([
        {"id": "a", "text": "Western diplomats met Kurdish leaders in Erbil on Monday, the Dunmore Institute said.\n\n"
                             "Islamist fighters withdrew from the town, British officials said.\n"},
        {"id": "b", "text": "British and Western officials said Islamist fighters had left the town near Erbil.\n\n"
                             "The Dunmore Institute said Kurdish leaders welcomed the news.\n"},
    ])
    types = {e.name: e.type for e in result.entities}
    for word in ("Western", "Islamist", "British", "Kurdish"):
        assert types.get(word, "NORP") == "NORP", types
    from newsweave.export import export_brief

    lines = [json.loads(line) for line in export_brief(result, "ftm").splitlines()]
    organisations = {name for e in lines if e["schema"] == "Organization" for name in e["properties"]["name"]}
    assert not organisations & {"Western", "Islamist", "British", "Kurdish"}
    assert not [e for e in lines if e["schema"] == "Mention" and e["properties"]["name"][0] in ("Western", "British")]


def test_capped_entity_lists_say_how_many_more_and_keep_a_disagreement_side():
    from newsweave.render.analyst import involved
    from newsweave.story import (
        Discrepancy,
        DiscrepancyValue,
        Entity,
        Evidence,
        Mention,
        Story,
    )

    text = " ".join(f"Org{i} Group" for i in range(12))
    story = Story(documents=[Document(id="d", text=text)])
    for i in range(12):
        start = text.index(f"Org{i} Group")
        mentions = [Mention("d", start, start + len(f"Org{i} Group"), f"Org{i} Group", "ORG")] * (20 - i)
        story.entities.append(Entity(id=f"org{i}", name=f"Org{i} Group", type="ORG", mentions=mentions))
    last = story.entities[-1].mentions[0]
    story.discrepancies = [Discrepancy("attribution", "who said it", [
        DiscrepancyValue("a source told Org11 Group", "Org11 Group", [Evidence("d", last.start, last.end)]),
        DiscrepancyValue("a source told Org0 Group", "Org0 Group", [Evidence("d", 0, 10)]),
    ])]
    (heading, shown, hidden), = involved(story, per_group=8)
    assert heading == "Organisations"
    assert [e.id for e in shown] == [f"org{i}" for i in range(8)] + ["org11"]
    assert hidden == 3
    brief = newsweave.Brief(story, newsweave.Settings())
    assert "; +3 more" in brief.to_markdown() and "+3 more" in brief.to_html()


def test_an_origin_the_report_only_implies_is_marked_inferred():
    from newsweave.crosscheck.outlets import names_outlet

    assert not names_outlet("the Today program", "BBC") and not names_outlet("60 Minutes", "CBS News")
    assert names_outlet("WSJ", "Wall Street Journal") and names_outlet("the Journal", "Wall Street Journal")
    result = newsweave.brief([
        {"id": "one", "text": (
            "\"The bridge will not reopen this year,\" the transport minister Ada Quill told the Today programme on Monday.\n\n"
            "Engineers found cracks in two of the bridge's piers, the Wall Street Journal reported.\n"
        )},
        {"id": "two", "text": (
            "\"The bridge will not reopen this year,\" transport minister Ada Quill said on Monday.\n\n"
            "Cracks were found in two piers, the WSJ reported.\n"
        )},
    ])
    data = result.to_dict()
    assert "BBC" in data["inferred_origins"] and "Wall Street Journal" not in data["inferred_origins"]
    credited = {a["origin"]: a["inferred"] for a in data["attributions"] if a["origin"]}
    assert credited.get("Wall Street Journal") is False
    assert credited["BBC"] is True
    assert "origins: BBC (inferred), report 2" in result.to_markdown()
    assert "BBC (inferred)" in result.to_html()


def test_short_reports_sharing_their_words_and_figures_are_one_story():
    """Two one-sentence reports of one event, worded alike, are one story; an unrelated short one is not.

    The corpus clusterer takes a short page repeating one already seen for boilerplate; here it is a copy."""
    documents = _documents({
        "short-a": "Two ferries collided in thick fog off Kessel Point on Monday, injuring 14 passengers.",
        "short-b": "Two ferries collided in thick fog off Kessel Point on Monday, injuring fourteen passengers, the coastguard said.",
        "other": "The city council of Lemmingford voted to close the old tram depot and sell the land to developers.",
    })
    groups = story_groups(documents)
    assert sorted(sorted(d.id for d in g) for g in groups) == [["other"], ["short-a", "short-b"]]
    kept, warnings = one_story(documents)
    assert [d.id for d in kept] == ["short-a", "short-b"]
    assert [d.id for d in warnings[0].left_out] == ["other"]


def test_a_brief_of_one_report_says_one_report():
    orchard_a = next(iter(ORCHARD))
    brief = newsweave.brief([{"id": orchard_a, "text": ORCHARD[orchard_a]}, {"id": "weather", "text": (
        "Heavy snow closed the mountain pass above Kelby on Sunday, and the ski lifts stayed shut.\n\n"
        "Plows cleared the road by the evening, the highway agency said.\n")}])
    markdown, html = brief.to_markdown(), brief.to_html()
    assert "_1 report, briefed by newsweave" in markdown and "1 reports" not in markdown
    assert "(1 report)" in markdown and "1 reports" not in html


# --- a story too big for one brief: the first report and the latest, within max_brief_chars ------------------


def _dated(count: int, size: int = 100, **fields) -> list[Document]:
    """`count` reports of `size` characters, published on consecutive days, given newest first."""
    reports = [Document(id=f"day-{day:02d}", text="x" * size, published=f"2026-10-{day:02d}", **fields)
               for day in range(1, count + 1)]
    return reports[::-1]


def test_a_story_within_the_budget_is_read_whole():
    documents = _dated(5)
    kept, warnings = within_budget(documents, 500)
    assert kept == documents and warnings == []


def test_too_big_a_story_reads_its_first_report_and_the_latest_in_the_order_given():
    documents = _dated(10)
    kept, (warning,) = within_budget(documents, 450)
    # By publication day, not by the order given (newest first here): day 1, then days 10, 9, 8.
    assert [d.id for d in kept] == ["day-10", "day-09", "day-08", "day-01"]
    assert [d.id for d in warning.left_out] == [f"day-{day:02d}" for day in range(7, 1, -1)]
    assert warning.kind == TOO_MUCH_TO_BRIEF
    assert "10 reports, 1,000 characters" in warning.message and "briefing 4" in warning.message


def test_undated_reports_are_taken_first_and_last_in_the_order_given():
    documents = [Document(id=f"r{k}", text="x" * 100) for k in range(6)]
    documents[2].published = "2026-10-02"  # one day is not a time order for all six
    kept, _ = within_budget(documents, 300)
    assert [d.id for d in kept] == ["r0", "r4", "r5"]


def test_copies_are_left_out_before_any_original_and_a_long_report_leaves_room_for_shorter_ones():
    documents = _dated(4)
    documents[0].copy_of = "day-01"  # the newest is a syndicated copy of the first
    documents[1] = Document(id="day-03", text="x" * 300, published="2026-10-03")
    kept, (warning,) = within_budget(documents, 250)
    assert [d.id for d in kept] == ["day-02", "day-01"]  # day 3 does not fit beside day 1; nor does the copy, last
    assert {d.id for d in warning.left_out} == {"day-04", "day-03"}


def test_the_first_report_is_read_even_when_it_alone_is_over_the_budget():
    documents = [Document(id="long", text="x" * 1000), Document(id="short", text="x" * 10)]
    kept, (warning,) = within_budget(documents, 500)
    assert [d.id for d in kept] == ["long"] and [d.id for d in warning.left_out] == ["short"]


def test_a_report_counts_for_what_annotate_reads_of_it():
    documents = [Document(id="long", text="x" * 1000), Document(id="short", text="x" * 10)]
    kept, warnings = within_budget(documents, 600, max_report_chars=500)
    assert len(kept) == 2 and warnings == []


def test_a_brief_over_the_budget_says_what_it_read_and_names_what_it_left_out():
    """A corpus story of hundreds of long reports once took tens of gigabytes to brief (claims are compared
    pair by pair); now it reads its share and says so, in every format."""
    texts = {**REPORTS, **ORCHARD}  # (one_story=False below: read as the five reports of one story)
    documents = [Document(id=key, text=text) for key, text in texts.items()]
    budget = len(REPORTS["wire"]) + len(ORCHARD["orchard-a"]) + len(ORCHARD["orchard-b"]) + 10  # the first and the two latest
    result = newsweave.brief(documents, settings=newsweave.Settings(max_brief_chars=budget), one_story=False)
    assert [d.id for d in result.documents] == ["wire", "orchard-a", "orchard-b"]
    (warning,) = result.warnings
    assert [d.id for d in warning.left_out] == ["courier", "gazette"]
    data = result.to_dict()
    assert data["warnings"][0]["kind"] == TOO_MUCH_TO_BRIEF
    assert {d["id"] for d in data["warnings"][0]["left_out"]} == {"courier", "gazette"}
    cited = {d for item in data["summary"] for d in item["documents"]}
    assert cited and cited <= {"wire", "orchard-a", "orchard-b"}
    for page in (result.to_markdown(), result.to_html()):
        assert "5 reports hold more text than one brief reads" in page
        assert "This brief reads 3 reports" in page and "gazette" in page


def test_not_one_story_and_too_much_to_brief_count_their_own_reports():
    documents = _documents({**REPORTS, **ORCHARD})
    budget = len(REPORTS["wire"]) + len(REPORTS["gazette"]) + 10
    result = newsweave.brief(documents, settings=newsweave.Settings(max_brief_chars=budget))
    assert len(result.documents) == 2
    markdown = result.to_markdown()
    # Three ferry reports are the largest story; two of them are read.
    assert "2 of these 5 reports do not tell the story the others tell" in markdown
    assert "This brief is of the largest story (3 reports)" in markdown
    assert "this story's 3 reports hold more text than one brief reads" in markdown
    assert "This brief reads 2 reports" in markdown


# --- more reports than a handful: a folder of a day's news --------------------------------------------------

_TOPICS = {
    "ferry": "ferry hull harbour lifeboat coastguard divers passengers tug channel aground".split(),
    "frost": "frost blossom orchard apples growers cider harvest valley farms temperatures".split(),
    "bridge": "bridge piers cracks inspectors engineers detours commuters crossing steel concrete".split(),
    "strike": "dockers strike quays cargo union wages cranes containers shipping pickets".split(),
    "flood": "river flooding levee sandbags rainfall evacuation pumps basements rescuers waters".split(),
    "fire": "wildfire blaze firefighters acres hillside embers smoke aircraft brush containment".split(),
}
# What every report of the day says, whatever its story: officials' boilerplate.
_EVERY_REPORT = "Officials said on Tuesday that the government would review the situation and publish a report."


def _day_of_news(topics: list[str], reports_each: int) -> list[Document]:
    rng = random.Random(7)
    documents = []
    for topic in topics:
        for k in range(reports_each):
            sentences = [f"The {a} and the {b} of the {c}." for a, b, c in (rng.sample(_TOPICS[topic], 3) for _ in range(5))]
            documents.append(Document(id=f"{topic}-{k}", text=" ".join([*sentences[:2], _EVERY_REPORT, *sentences[2:]])))
    rng.shuffle(documents)
    return documents


def test_many_reports_of_many_stories_brief_one_story_not_a_blend_of_them():
    """With no document frequencies, the words every report of the day shares made one "story" of 24
    reports of six stories (and the Multi-News mixtures of benchmarks/one_story.py: purity 0.23 of 40 stories).
    Past a handful of reports, a word spread over more reports than a handful weighs less."""
    documents = _day_of_news(list(_TOPICS), 4)
    kept, (warning,) = one_story(documents)
    (topic,) = {d.id.split("-")[0] for d in kept}
    assert len(kept) == 4 and len(warning.left_out) == 20
    assert all(not d.id.startswith(topic) for d in warning.left_out)


def test_many_reports_of_one_story_stay_one_story():
    documents = _day_of_news(["bridge"], 16)
    kept, warnings = one_story(documents)
    assert len(kept) == 16 and warnings == []


# --- a report saved twice, or carried word for word by another outlet: one origin -------------------------------


def test_a_word_for_word_copy_among_the_reports_is_one_origin_with_its_original():
    """The corpus marks syndicated copies; a folder of reports was briefed without that, so a fact that only a
    report and its copy state was "2 reports", as if two outlets had found it."""
    copy = Document(id="wire-copy", text=REPORTS["wire"] + "\n\nThe Courier contributed to this report.")
    documents = [*_documents(REPORTS), copy]
    result = newsweave.brief(documents, one_story=False)
    assert [(d.id, d.copy_of) for d in result.documents][-1] == ("wire-copy", "wire")
    assert copy.copy_of is None  # the caller's report is left as it was
    only_the_wire = [f for f in result.story.facts if f.documents == ["wire", "wire-copy"]]
    assert only_the_wire and all(f.independent_sources == 1 for f in only_the_wire)
    # a report and its copy are one report's word: not "corroborated"
    assert not [f for f in result.facts if set(f.documents) <= {"wire", "wire-copy"}]
    markdown = result.to_markdown()
    corroborated = markdown.split("## Corroborated")[1].split("\n## ")[0]
    assert "[1, 4]:" not in corroborated
    assert "**3 reports · 2 origins: report 1, report 2** [1, 2, 4]" in markdown  # the copy tells, as one origin
    assert "`wire-copy` · a copy of `wire`" in markdown
    data = result.to_dict()
    assert data["documents"][-1]["copy_of"] == "wire" and "copy_of" not in data["documents"][0]


def test_a_fact_only_a_report_and_its_copy_state_rests_on_one_report():
    """Listed as corroborated ("2 reports · 1 origin") it read as checked by two outlets; it is one report's word."""
    only_here = "\n\nMayor Petra Lindqvist cancelled the autumn regatta."
    wire = Document(id="wire", text=REPORTS["wire"] + only_here)
    copy = Document(id="wire-copy", text=wire.text + "\n\nThe Courier contributed to this report.")
    others = [d for d in _documents(REPORTS) if d.id != "wire"]
    result = newsweave.brief([wire, *others, copy], one_story=False)
    (resting,) = [f for f in result.story.facts if f.representative.text.startswith("Mayor Petra")]
    assert resting.documents == ["wire", "wire-copy"]
    assert resting not in result.facts
    assert resting in single_source(result.story)
    markdown = result.to_markdown()
    assert "- [1, 4] Mayor Petra Lindqvist cancelled the autumn regatta." in markdown.split("## Resting on one report only")[1]
    # the same brief without the copy says the same of it
    alone = newsweave.brief([wire, *others], one_story=False)
    assert [f.representative.text for f in single_source(alone.story)] == [
        f.representative.text for f in single_source(result.story)]


def test_the_earliest_report_is_the_original_and_a_mark_already_made_is_kept():
    first = Document(id="later-name", text=REPORTS["wire"], published="2026-10-01")
    second = Document(id="earlier-name", text=REPORTS["wire"] + " More follows.", published="2026-10-02")
    marked = with_copies_marked([second, first])
    assert [(d.id, d.copy_of) for d in marked] == [("earlier-name", "later-name"), ("later-name", None)]
    corpus = [Document(id="a", text=REPORTS["wire"]), Document(id="b", text=REPORTS["wire"], copy_of="elsewhere")]
    assert [d.copy_of for d in with_copies_marked(corpus)] == [None, "elsewhere"]
