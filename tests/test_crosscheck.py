"""Cross-checking: attributions, independent origins, quotes and discrepancies.

The seeds (../shared/seeds/, read, never copied) are briefed once per module;
the rest are small invented reports.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import newsweave
from fact_groups import add_fact_group, shortest_claim
from newsweave.crosscheck.attribution import wire_credit
from newsweave.crosscheck.outlets import OutletNames, is_outlet
from newsweave.story import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def seeds():
    return newsweave.brief([SEEDS])


@pytest.fixture(scope="module")
def seeds_json(seeds):
    return json.loads(seeds.to_json())


def _texts(brief) -> dict[str, str]:
    return {d.id: d.text for d in brief.documents}


def _of_kind(brief, kind: str):
    return [d for d in brief.story.discrepancies if d.kind == kind]


def _id(brief, prefix: str) -> str:
    return next(d.id for d in brief.documents if d.id.startswith(prefix))


# --- outlets and wire credits ---


def test_outlet_names_resolve_within_a_report():
    names = OutletNames("Officials spoke to the Wall Street Journal. Later, a source told the Journal more.")
    assert names.resolve("the Journal") == names.resolve("WSJ") == names.resolve("Wall Street Journal") == "Wall Street Journal"
    # "the Journal" means the Wall Street Journal only once a report has named it
    assert OutletNames("A source told the Journal.").resolve("the Journal") == "Journal"
    assert OutletNames("The New York Times said. The Times added.").resolve("the Times") == "New York Times"
    assert is_outlet("the BBC") and is_outlet("AP") and not is_outlet("reporters") and not is_outlet("police")


@pytest.mark.parametrize(
    "text, agency",
    [
        ("PARIS (Reuters) — Police said on Sunday that two men were held.", "Reuters"),
        ("LONDON (AP) - A fire broke out.", "Associated Press"),
        ("The mayor spoke.\n\nAFP contributed to this report.", "Agence France-Presse"),
        ("The mayor spoke.\n\nAdditional reporting by Reuters.", "Reuters"),
        ("The mayor spoke (pictured) — and left.", None),
        ("Reporting by Jane Doe; Editing by Bob Roe", None),
        # a photograph's credit is not the report's: BBC pages credit their pictures so
        ("The mayor spoke.\n\nImage copyright AFP/Getty Image caption Protesters gathered.", None),
        ("The mayor spoke.\n\nImage copyright Reuters Image caption A tribute.\n\nCopyright Reuters", "Reuters"),
        ("The mayor spoke.\n\nPhoto copyright AFP", None),
        ("", None),
    ],
)
def test_wire_credit(text, agency):
    assert wire_credit(text) == agency


@pytest.mark.parametrize(
    "line",
    [
        "Additional reporting by Reuters.", "ADDITIONAL REPORTING BY REUTERS", "additional Reporting From the AP",
        "Copyright 2019 The Associated Press", "COPYRIGHT AFP", "© 2020 Reuters", "AFP contributed to this report.",
        # `re` reads a dotless or dotted capital i as an 'i' in its case-blind parts: not a word `str.lower` finds
        "Additional reportıng by Reuters", "REPORTİNG BY AP", "Copyrıght Reuters",
    ],
)
def test_the_quick_test_for_a_credit_line_misses_none(line):
    """wire_credit looks for a credit line only in reports holding one of its words; a credit
    line written in any case is still read as the full scan reads it."""
    from newsweave.crosscheck.attribution import _CREDIT_LINE, wire_name

    text = "The mayor spoke at length about the flood.\n\n" * 20 + line  # far from the dateline
    scanned = next(
        (name for m in _CREDIT_LINE.finditer(text)
         if (name := wire_name(m.group("agency") or m.group("agency2") or m.group("agency3")))),
        None,
    )
    assert scanned is not None
    assert wire_credit(text) == scanned


def test_the_outlet_tree_finds_what_the_list_of_names_finds():
    """outlet_mentions' pattern is a tree of the names' shared beginnings; it finds the same names,
    the longest that fits, as the plain alternation of the names sorted longest first."""
    import random
    import re

    from newsweave.crosscheck.outlets import OUTLETS, _pattern

    names = sorted({n for canonical, aliases in OUTLETS.items() for n in (canonical, *aliases)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(re.sub(r"^the\s+", "", n, flags=re.IGNORECASE)) for n in names)
    plain = re.compile(rf"(?<![\w.])(?:[Tt]he\s+)?(?:{alternatives})(?![\w])")
    pieces = [*names, "the ", "The ", " ", ".", "s", "x", "'s ", "News ", "Radio 4", "\n"]
    chance = random.Random(7)
    for _ in range(3000):
        text = "".join(chance.choice(pieces) for _ in range(6))
        assert [m.span() for m in _pattern().finditer(text)] == [m.span() for m in plain.finditer(text)], text


# --- the seeds ---


@needs_seeds
def test_seeds_wall_street_journal_is_one_origin(seeds, seeds_json):
    wsj_only = [g for g in seeds.story.facts if g.origins == ["Wall Street Journal"]]
    shared = [g for g in wsj_only if g.support >= 2]
    assert len(shared) >= 3
    for group in shared:
        assert group.independent_sources == 1
        assert set(group.documents) == {_id(seeds, "001"), _id(seeds, "002")}
    texts = " ".join(g.representative.text for g in shared)
    # Claim groups: the facts the two reports credit to the Journal (who said them is the attribution).
    assert "Birmingham area" in texts and "Abaaoud" in texts
    facts = {f["id"]: f for f in seeds_json["facts"]}
    for group in shared:
        assert facts[group.id]["origins"] == ["Wall Street Journal"]
        assert facts[group.id]["independent_sources"] == 1 and facts[group.id]["support"] == 2


@needs_seeds
def test_seeds_us_official_quote_is_one_quote_from_one_origin(seeds_json):
    shared = [q for q in seeds_json["quotes"] if len(q["documents"]) == 2]
    official = [q for q in shared if "justifiably concerned" in q["text"]]
    assert len(official) == 1
    assert official[0]["origin"] == "Wall Street Journal" and "official" in official[0]["speaker"]


@needs_seeds
def test_seeds_calls_quote_credited_to_two_outlets(seeds):
    (found,) = _of_kind(seeds, "attribution")
    sides = {v.normalized: v.documents for v in found.values}
    assert sides == {"The Mirror": [_id(seeds, "000")], "Birmingham Mail": [_id(seeds, "001")]}
    (wording,) = _of_kind(seeds, "quote")
    assert {d for v in wording.values for d in v.documents} == {_id(seeds, "000"), _id(seeds, "001")}
    assert any("made shortly before the Paris attacks" in v.value for v in wording.values)


@needs_seeds
def test_seeds_nine_versus_eleven_terrorists_and_not_352_versus_hundreds(seeds):
    numbers = _of_kind(seeds, "number")
    attackers = [d for d in numbers if {v.normalized for v in d.values} == {9, 11}]
    assert len(attackers) == 1
    assert "terrorist" in attackers[0].subject
    assert sorted(v.value for v in attackers[0].values) == ["Eleven", "nine"]
    # "the other seven were killed" vs "Of those 11, nine are dead": the bare counts go on counting the attackers
    killed = [d for d in numbers if {v.normalized for v in d.values} == {7, 9}]
    assert len(killed) == 1 and killed[0].subject == "number of attackers killed"
    for item in numbers:
        assert 352 not in {v.normalized for v in item.values}, item.subject
        assert "injured" not in item.subject and "wounded" not in item.subject


@needs_seeds
def test_seeds_every_evidence_span_is_inside_its_document_and_holds_the_value(seeds, seeds_json):
    texts = _texts(seeds)
    assert seeds_json["discrepancies"]
    for item in seeds_json["discrepancies"]:
        assert item["kind"] in ("number", "name", "date", "attribution", "quote")
        assert 0 <= item["confidence"] <= 1 and len(item["values"]) >= 2
        for value in item["values"]:
            assert value["documents"] and value["evidence"]
            for n, evidence in enumerate(value["evidence"]):
                text = texts[evidence["document"]]
                assert 0 <= evidence["start"] < evidence["end"] <= len(text)
                # (a quote's other reports may cut the same words differently: its text is the first one's)
                if item["kind"] in ("number", "attribution") or (item["kind"] == "quote" and n == 0):
                    assert value["value"] in text[evidence["start"] : evidence["end"]]
    for quote in seeds_json["quotes"]:
        quoted = [texts[e["document"]][e["start"] : e["end"]] for e in quote["evidence"]]
        assert quote["text"] in quoted  # the text is one report's words, verbatim
        assert all(len(words.split()) >= 4 for words in quoted)


@needs_seeds
def test_seeds_quote_paragraphs_inherit_their_speaker(seeds_json):
    continued = next(q for q in seeds_json["quotes"] if q["text"].startswith("People would have seen"))
    assert "Scotland Yard spokesman" in continued["speaker"]
    police = next(q for q in seeds_json["quotes"] if q["text"].startswith("British police") and q["origin"] == "Birmingham Mail")
    assert police["speaker"].lower() == "a source"


@needs_seeds
def test_seeds_markdown_and_html_say_it_plainly(seeds):
    markdown = seeds.to_markdown()
    assert "2 reports · 1 origin: Wall Street Journal" in markdown
    assert "## Where reports disagree" in markdown
    assert "“nine” [1] vs “Eleven” [3]" in markdown
    assert "**Wall Street Journal** is the only origin of" in markdown
    html = seeds.to_html()
    assert '<section id="discrepancies">' in html and html.count('class="side"') >= 4
    assert "1 origin: Wall Street Journal" in html


@needs_seeds
def test_seeds_sole_origin_lists_print_each_sentence_once(seeds):
    """Two claims of one sentence resting on the Wall Street Journal, one also stated by another
    report, printed the sentence twice ([2, 3], then [3]); the facts are still all counted."""
    markdown = seeds.to_markdown()
    section = markdown.split("## Resting on one outlet the reports credit", 1)[1].split("\n## ", 1)[0]
    lines = [line.split("] ", 1)[1] for line in section.splitlines() if line.startswith("  - [")]
    assert lines and len(lines) == len(set(lines))
    html = seeds.to_html()
    origins = html.split('<section id="origins">', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li data-fact="\d+">(.*?) <', origins)
    assert items and len(items) == len(set(items))
    counted = sum(int(n) for n in re.findall(r"is the only origin of (\d+) fact", section))
    assert counted > len(lines)  # a line's sentence may hold several of the facts
    # ...and each heading says in how many sentences, which its list then holds (or says how many more)
    for block in section.split("\n- **")[1:]:
        said = re.search(r"is the only origin of \d+ facts?, in (\d+) sentences? of", block)
        listed = block.count("\n  - [") + sum(int(n) for n in re.findall(r"_\+(\d+) more sentences_", block))
        assert said and int(said.group(1)) == listed, block
    assert re.search(r"is the only origin of \d+ facts, in \d+ sentences?:", origins)


def test_a_sentence_another_origin_states_does_not_rest_on_one_outlet():
    """The bridge's closing is corroborated by two origins; the sentence was also listed as resting on the
    Guardian alone, for its aside ("which opened in 1932"): two lists saying opposite things of one sentence."""
    brief = newsweave.brief([
        {"id": "a", "text": (
            "The Harlow bridge, which opened in 1932, will close for repairs on Monday after inspectors found cracks "
            "in two of its piers, the Guardian reported. Traffic will be sent through Elmford, the Guardian said.\n")},
        {"id": "b", "text": (
            "The Harlow bridge will close for repairs on Monday after inspectors found cracks in two of its piers, "
            "the county council said. Buses will stop at the old depot instead.\n")},
    ])
    markdown = brief.to_markdown()
    corroborated = markdown.split("## Corroborated", 1)[1].split("\n## ", 1)[0]
    assert "2 origins: The Guardian, report 2" in corroborated and "The Harlow bridge" in corroborated
    sole = markdown.split("## Resting on one outlet the reports credit", 1)[1].split("\n## ", 1)[0]
    assert "The Guardian** is the only origin of 1 fact" in sole and "Traffic will be sent through Elmford" in sole
    assert "Harlow" not in sole
    data = brief.to_dict()
    assert [[f["text"][:7] for f in o["facts"]] for o in data["sole_origins"]] == [["Traffic"]]
    from newsweave.render.restore import brief_from_dict

    assert brief_from_dict(json.loads(json.dumps(data))).to_markdown() == markdown  # (its workspace gone)
    # the list restored is the JSON's own, not worked out again from a story without its workspace
    assert "Resting on one outlet" not in brief_from_dict({**json.loads(json.dumps(data)), "sole_origins": []}).to_markdown()


@needs_seeds
def test_seeds_fact_lists_quote_a_sentence_once(seeds):
    """The HTML brief printed "British police are urgently investigating…" [1, 2] three times, once per
    claim group; one row now marks the three claims. And "…the massacre which killed 130 people and injured
    352…" was listed twice, [1, 2, 3] and [1, 3]: once now, the wounded cited after their words. A claim inside
    another's words ("…in relation to in the *attacks of November 13*", [1, 2, 3] within [1, 2]) cannot carry
    its citation: its line follows its sentence's, so no report it has goes missing."""
    markdown = seeds.to_markdown()
    section = markdown.split("## Corroborated: stated by two or more reports", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- **")]
    sentences = [re.sub(r" \[[\d, ]+\]", "", re.sub(r"^- \*\*.*?\*\* \[[\d, ]+\]: ", "", line)).replace("*", "") for line in lines]
    assert lines and len(set(sentences)) < len(sentences) < len(set(sentences)) + 3
    for n, sentence in enumerate(sentences):
        if sentences.index(sentence) != n:
            assert sentences[n - 1] == sentence  # (a sentence's lines are together)
    massacre = [line for line in lines if "which killed 130 people" in line]
    assert len(massacre) == 1 and re.search(r"\*injured 352[^*]*\* \[1, 3\]", massacre[0]), massacre
    arrests = [line for line in lines if "no one has been apprehended in the UK" in line]
    assert sorted(re.search(r"\*\* (\[[\d, ]+\]):", line).group(1) for line in arrests) == ["[1, 2, 3]", "[1, 2]"]
    html = seeds.to_html()
    massacre_row = next(row for row in html.split("<tr ") if "which killed 130 people" in row)
    assert re.search(r'injured 352[^<]*</em> <span class="cites">\[<a[^>]*>1</a>, <a[^>]*>3</a>\]</span>', massacre_row)
    police = next(line for line in section.splitlines() if "British police are urgently investigating" in line)
    assert police.count("*") >= 4 + 4  # the bold count, and two italic runs or more
    html = seeds.to_html()
    table = html.split('<table class="facts">', 1)[1].split("</table>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<tr data-fact="[\d ]+">(.*?)</tr>', table, re.S)]
    assert cells and len(cells) == len(set(cells))
    assert re.search(r'<tr data-fact="\d+ \d+', table)  # a row standing for two groups names both


def test_a_long_sole_origin_list_is_capped_in_print_and_whole_in_json():
    """A wire story's agency was listed as the origin of 280 facts, 150 lines of the brief."""
    places = ["Millbrook", "Riverton", "Lowford", "Brisk", "Tarrow", "Pellmont", "Dorran", "Varna", "Kessel", "Orland",
              "Harlow", "Vell"]
    credited = " ".join(f"Crews cleared {n} fallen trees from the roads of {place} on Tuesday, the Harlow Gazette reported."
                        for n, place in enumerate(places, start=3))
    other = "Storm damage closed schools across the Tessel valley on Tuesday, officials said."
    result = newsweave.brief([{"id": "a", "text": credited}, {"id": "b", "text": other}])
    section = result.to_markdown().split("## Resting on one outlet the reports credit", 1)[1].split("\n## ", 1)[0]
    assert "**Harlow Gazette** is the only origin of 12 facts" in section
    assert sum(line.startswith("  - [") for line in section.splitlines()) == 10
    assert "  - _+2 more sentences_" in section
    html = result.to_html()
    assert html.count("<li data-fact=") >= 10 and "+2 more sentences" in html
    (listed,) = json.loads(result.to_json())["sole_origins"]
    assert len(listed["facts"]) == 12


def test_a_long_timeline_keeps_every_date_and_says_how_many_more():
    """The example's timeline printed its first twelve dated entries and dropped the last day's, unsaid."""
    days = [f"2026-10-{day:02d}" for day in range(1, 16)]
    text = " ".join(f"On October {int(d[-2:])}, 2026, crews cleared {n} trees in Varna." for n, d in enumerate(days, start=3))
    text += " On October 3, 2026, the mayor of Varna closed the schools."
    result = newsweave.brief([{"id": "a", "text": text}, {"id": "b", "text": "Storm damage closed roads in Varna, officials said."}])
    section = result.to_markdown().split("## When", 1)[1].split("\n## ", 1)[0]
    printed = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(printed) == 12 and "- _+4 more dates_" in section
    assert any(line.startswith("- **2026-10-15**") for line in printed)  # the latest day stays
    assert "+4 more dates" in result.to_html()


# --- invented reports ---


def _brief(*texts: str, copies: dict[int, int] | None = None):
    documents = [Document(id=f"r{n}", text=text) for n, text in enumerate(texts, start=1)]
    for copy, original in (copies or {}).items():
        documents[copy].copy_of = documents[original].id
    return newsweave.brief(documents)


def test_a_dateline_s_state_is_no_outlet():
    """'ALLENTOWN, Pa. (AP) — Animal welfare workers say ...': the parse made the dateline the subject of 'say',
    and 'Pa' was credited as the report's origin for the sentence."""
    brief = _brief("ALLENTOWN, Pa. (AP) — Fire officials say a blaze destroyed two homes on Friday.\n",
                   "ALLENTOWN, Pa. - A blaze destroyed two homes on Friday, fire officials said.\n")
    assert all(a.origin != "Pa" and "ALLENTOWN" not in (a.speaker or "") for a in brief.story.attributions)
    assert all("Pa" not in g.origins for g in brief.story.facts)


def _assert_evidence_holds_values(found, texts: dict[str, str]) -> None:
    for value in found.values:
        for e in value.evidence:
            assert 0 <= e.start < e.end <= len(texts[e.document])
            assert value.value in texts[e.document][e.start : e.end]


def test_at_least_17_versus_15_is_a_discrepancy_but_at_least_15_versus_17_is_not():
    clash = _brief(
        "At least 17 people were killed when a storm hit the coastal town of Meriden on Monday.",
        "The storm that hit Meriden on Monday killed 15 people, officials said.",
    )
    (found,) = _of_kind(clash, "number")
    assert found.subject == "number of people killed"
    assert sorted(v.value for v in found.values) == ["15", "At least 17"]
    _assert_evidence_holds_values(found, _texts(clash))
    consistent = _brief(
        "At least 15 people were killed when a storm hit the coastal town of Meriden on Monday.",
        "The storm that hit Meriden on Monday killed 17 people, officials said.",
    )
    assert _of_kind(consistent, "number") == []


def test_vague_figures_and_different_quantities_are_not_flagged():
    brief = _brief(
        "The explosion at the Darrow plant killed 12 workers and injured 140 others on Tuesday. "
        "Police arrested two men on Wednesday. A year earlier, 30 people were arrested at a protest outside the plant.",
        "Twelve workers died and hundreds were wounded in Tuesday's explosion at the Darrow plant. "
        "Police arrested two men in connection with the blast, and four other men on Thursday. "
        "The plant's owner said 45 people were arrested at a rally last spring.",
    )
    numbers = _of_kind(brief, "number")
    # 12 = Twelve; "hundreds" is consistent with 140; "four other men" are more men, not a different count of the
    # same men; both reports give two arrest counts of people (two things), so those are not compared.
    assert numbers == []


def test_number_words_count_as_digits():
    brief = _brief(
        "Nine miners were killed in the collapse at the Orrin mine on Friday.",
        "The collapse at the Orrin mine on Friday killed 11 miners, the company said.",
    )
    (found,) = _of_kind(brief, "number")
    assert {v.normalized for v in found.values} == {9, 11}


def test_reports_without_attributions_numbers_or_company_give_empty_lists():
    plain = "The library on Elm Street reopened on Saturday after a long renovation.\n\nVisitors admired the new reading room."
    single = newsweave.brief([plain])
    assert single.story.discrepancies == [] and single.story.quotes == [] and single.story.attributions == []
    data = single.to_dict()
    assert data["discrepancies"] == [] and data["quotes"] == []
    pair = _brief(plain, "After a long renovation, the Elm Street library opened its doors again on Saturday.")
    assert pair.story.discrepancies == []
    (fact,) = [f for f in pair.to_dict()["facts"]]
    assert fact["origins"] == ["r1", "r2"] and fact["independent_sources"] == 2
    assert "origin" not in pair.to_markdown().split("## Reports")[0]


def test_syndicated_copy_and_wire_share_one_origin():
    original = "KINGSTON (Reuters) — The central bank raised its main interest rate to 6 percent on Thursday, citing rising prices."
    copy = "The central bank raised its main interest rate to 6 percent on Thursday, citing rising prices, the bank said."
    own = "Kingston's central bank lifted its main interest rate to 6 percent on Thursday to fight rising prices."
    brief = _brief(original, copy, own, copies={1: 0})
    (fact,) = [g for g in brief.story.facts if g.support == 3]
    assert fact.origins == ["Reuters", "r3"] and fact.independent_sources == 2


def test_a_report_that_is_the_credited_outlet_is_one_origin_with_its_credit():
    # The Lakeside Courier's own story, and a report passing it on: one origin, not two.
    own = {"id": "courier", "outlet": "The Lakeside Courier",
           "text": "Three barges ran aground on the Orrin River near Pell Harbour on Tuesday, blocking the channel."}
    credit = {"id": "other", "text": "Three barges ran aground on the Orrin River near Pell Harbour on Tuesday, "
                                     "blocking the channel, the Lakeside Courier reported."}
    (fact,) = [g for g in newsweave.brief([own, credit]).story.facts if g.support == 2]
    assert fact.origins == ["Lakeside Courier"] and fact.independent_sources == 1
    # Without the publisher's name the report is its own origin, as before.
    (fact,) = [g for g in newsweave.brief([{**own, "outlet": None}, credit]).story.facts if g.support == 2]
    assert fact.origins == ["courier", "Lakeside Courier"]


def test_a_report_says_which_outlet_it_is_by_its_address_a_staff_address_or_its_foot_line():
    from newsweave.crosscheck.origins import own_outlet
    from newsweave.crosscheck.outlets import outlet_of_address

    assert outlet_of_address("https://www.latimes.com/local/story.html") == "Los Angeles Times"
    assert outlet_of_address("news.bbc.co.uk") == "BBC" and outlet_of_address("theguardian.com") == "The Guardian"
    assert outlet_of_address("valleyradio6.example") is None and outlet_of_address("localhost") is None
    text = "Barges ran aground on Tuesday."
    assert own_outlet(Document(id="a", text=text, url="https://www.washingtonpost.com/x")) == "Washington Post"
    assert own_outlet(Document(id="a", text=text, outlet="AP")) == "Associated Press"
    assert own_outlet(Document(id="a", text=text + "\n\ndana.roe@latimes.com")) == "Los Angeles Times"
    # two outlets' addresses say nothing of which one the report is; an address at no outlet says nothing
    assert own_outlet(Document(id="a", text=text + " dana.roe@latimes.com, lee@nytimes.com")) is None
    assert own_outlet(Document(id="a", text=text + " tips@lakeside-courier.example")) is None
    assert own_outlet(Document(id="a", text=text + " This story first appeared in the May 3 issue of The Hollywood Reporter "
                                                   "magazine.")) == "The Hollywood Reporter"
    assert own_outlet(Document(id="a", text=text + "\n\nOriginal article on Live Science.")) == "Live Science"
    # another outlet's scoop, credited, is not the report's own foot line
    assert own_outlet(Document(id="a", text=text + " The video first appeared on TMZ.")) is None


def test_a_staff_address_is_read_in_time_on_a_hostile_page():
    import time

    from newsweave.crosscheck.origins import own_outlet

    started = time.perf_counter()
    assert own_outlet(Document(id="a", text="a" * 2_000_000 + "@" * 200_000 + "x@" * 100_000)) is None
    # a hostile publisher's name and web address
    assert own_outlet(Document(id="a", text="x", outlet="a." * 500_000 + "com", url="https://" + "b." * 500_000 + "com/")) is None
    assert own_outlet(Document(id="a", text="x", outlet="The " + "Harlow " * 200_000 + "Herald")) is not None
    assert time.perf_counter() - started < 5


def test_facts_a_report_states_as_its_own_outlet_do_not_rest_on_an_outlet_the_reports_credit():
    own = {"id": "courier", "outlet": "The Lakeside Courier",
           "text": "The harbour master closed the channel for two days. Salvage crews will start work on Thursday."}
    other = {"id": "other", "text": "The harbour master closed the channel for two days, officials said."}
    from newsweave.render.labels import sole_origin_facts

    story = newsweave.brief([own, other]).story
    assert any(g.origins == ["Lakeside Courier"] for g in story.facts)  # the salvage crews: the Courier's own reporting
    assert sole_origin_facts(story) == []
    credited = newsweave.brief([own, {"id": "other", "text": "Salvage crews will start work on Thursday, the Lakeside "
                                                               "Courier reported."}]).story
    assert [origin for origin, _ in sole_origin_facts(credited)] == ["Lakeside Courier"]


def test_quote_credited_to_different_outlets_and_reworded():
    first = (
        "The minister has resigned. \"I leave with my head held high and my conscience clear,\" "
        "the minister told the Daily Telegraph.\n"
    )
    second = (
        "The minister quit on Monday. \"I leave with my head held high and my heart at peace,\" "
        "she told the BBC.\n"
    )
    brief = _brief(first, second)
    (attribution,) = _of_kind(brief, "attribution")
    assert {v.normalized for v in attribution.values} == {"Daily Telegraph", "BBC"}
    (wording,) = _of_kind(brief, "quote")
    assert {v.documents[0] for v in wording.values} == {"r1", "r2"}
    same = _brief(first, first.replace("The minister has resigned.", "The minister stepped down."))
    assert _of_kind(same, "attribution") == [] and _of_kind(same, "quote") == []


def test_a_shorter_quote_of_the_same_words_is_not_a_wording_difference():
    brief = _brief(
        "\"We will rebuild every home that the river took from us, street by street,\" the mayor told reporters on Sunday.\n",
        "The mayor promised to \"rebuild every home that the river took from us,\" speaking on Sunday.\n",
    )
    assert _of_kind(brief, "quote") == []
    assert any(len(q.documents) == 2 for q in brief.story.quotes)


def test_crosscheck_gathers_name_and_date_discrepancies(monkeypatch):
    import newsweave.crosscheck
    from newsweave.story import Discrepancy, DiscrepancyValue, Evidence

    def fake(kind):
        values = [DiscrepancyValue(day, day, [Evidence(report, 0, 3)]) for day, report in (("Monday", "r1"), ("Tuesday", "r2"))]
        return lambda story: [Discrepancy(kind, "when", values)]

    monkeypatch.setattr(newsweave.crosscheck, "date_discrepancies", fake("date"))
    monkeypatch.setattr(newsweave.crosscheck, "name_discrepancies", fake("name"))
    brief = _brief("The fair opened on Monday in the town square.", "The town fair opened Tuesday on the square.")
    kinds = [d.kind for d in brief.story.discrepancies]
    assert kinds.count("date") == 1 and kinds.count("name") == 1


def test_entities_and_timeline_find_no_discrepancies_themselves():
    """Crosscheck owns every discrepancy kind: the entity and timeline stages only build their layers."""
    import newsweave.entities
    import newsweave.timeline

    for module in (newsweave.entities, newsweave.timeline):
        assert not [name for name in vars(module) if "discrepanc" in name.lower()], module.__name__


def test_date_discrepancies_read_the_timeline_stage_s_dates():
    """The date expressions are found once, by the timeline stage, and kept in the story's workspace."""
    from newsweave.crosscheck.dates import date_discrepancies

    brief = _brief(
        "The mayor of Lowford was arrested on March 3, 2024 at her home.\n",
        "The mayor of Lowford was arrested on March 4, 2024, court papers show.\n",
    )
    story = brief.story
    assert story.workspace.dates and [d.kind for d in story.discrepancies].count("date") == 1
    assert len(date_discrepancies(story)) == 1
    story.workspace.dates = []  # as if the timeline stage had not run: nothing dated, nothing to compare
    assert date_discrepancies(story) == []


@pytest.mark.parametrize("first, second, flagged", [
    # no year and no publication day anchors either date: the day of the year is still comparable
    ("Fire crews were called to the Dunmore warehouse fire on June 11.",
     "The June 12 fire at the Dunmore warehouse destroyed 40 pallets of paper.", {"June 11", "June 12"}),
    ("Police arrested Mayor Tom Holt of Lowford on Friday, Oct. 9.",
     "Mayor Tom Holt of Lowford was arrested on Oct. 10, police said.", {"Friday, Oct. 9", "Oct. 10"}),
    # one day written two ways is no disagreement
    ("Fire crews were called to the Dunmore warehouse fire on June 11.",
     "The 11 June fire at the Dunmore warehouse destroyed 40 pallets of paper.", set()),
    # a bare weekday is left out: "said Friday" and "said Tuesday" are most often two occasions
    ("Mayor Tom Holt of Lowford said on Friday that the bridge would reopen.",
     "Mayor Tom Holt of Lowford said on Tuesday that the bridge would reopen.", set()),
])
def test_dates_without_a_year_are_compared_by_day_of_the_year(first, second, flagged):
    brief = _brief(first + "\n", second + "\n")
    found = {v.value for d in brief.story.discrepancies if d.kind == "date" for v in d.values}
    assert found == flagged
    for item in (d for d in brief.story.discrepancies if d.kind == "date"):
        for value in item.values:  # each side's evidence is the date as written
            (e,) = value.evidence
            assert brief.story.document(e.document).text[e.start:e.end] == value.value


def _published(*reports: tuple[str, str | None]):
    """A brief of reports, each with its publication day (None: not known)."""
    return newsweave.brief([Document(id=f"r{n}", text=text, published=day) for n, (text, day) in enumerate(reports, start=1)])


TOLL_FIRST = "Typhoon Lenna has killed 42 people on the Velmar coast, the civil defence office said.\n"
TOLL_LATER = "Typhoon Lenna has killed 57 people on the Velmar coast, the civil defence office said.\n"


@pytest.mark.parametrize("first_day, second_day, flagged", [
    ("2026-10-24", "2026-10-25", False),  # a tally on two days: the later report updates the earlier
    ("2026-10-24", "2026-10-24", True),  # the same day: two figures for one moment
    (None, "2026-10-25", True),  # a day unknown: nothing says they are two moments
])
def test_a_tally_published_on_two_days_is_an_update_not_a_disagreement(first_day, second_day, flagged):
    brief = _published((TOLL_FIRST, first_day), (TOLL_LATER, second_day))
    assert bool(_of_kind(brief, "number")) is flagged


@pytest.mark.parametrize("template", [TOLL_FIRST, "Typhoon Lenna has injured 42 people on the Velmar coast, officials said.\n"])
def test_a_toll_that_falls_on_a_later_day_is_a_disagreement(template):
    """A toll only grows as a story unfolds: 57 dead on one day and 42 the next is a report saying otherwise
    (a correction, or another count), and the reader sees both; 42 then 57 is the story moving on."""
    higher = template.replace("42", "57")
    fell = _published((higher, "2026-10-24"), (template, "2026-10-25"))
    (found,) = _of_kind(fell, "number")
    assert {v.value for v in found.values} == {"42", "57"}
    assert _of_kind(_published((template, "2026-10-24"), (higher, "2026-10-25")), "number") == []
    # "more than 50" one day and 42 the next: below the floor the first report gave
    assert _of_kind(_published((higher.replace("57", "more than 50"), "2026-10-24"), (template, "2026-10-25")), "number")
    # "at least 40" the next day is no fall from 42
    assert _of_kind(_published((template, "2026-10-24"), (template.replace("42", "at least 40"), "2026-10-25")), "number") == []


def test_a_later_report_giving_a_toll_in_parts_is_no_fall():
    """The audit's typhoon: "129 deaths so far" one day, "71 who died in landslides on the island and 41 who
    drowned in the province" the next. The parts are not the later report's toll."""
    whole = "Typhoon Lenna has killed 129 people across the Velmar coast, the civil defence office said.\n"
    parts = ("The dead included 71 people who died in landslides on Orra island and 41 people who drowned in "
             "Tessel province, the civil defence office said.\n")
    assert _of_kind(_published((whole, "2026-10-24"), (parts, "2026-10-25")), "number") == []


_PLAN = "The Velmont government said it would cut {} from the roads budget, the finance minister said.\n"
_WINDS = "Typhoon Lenna packed sustained winds of {} as it neared the Velmar coast, the weather office said.\n"
_FLOOD_OF_1998 = "In 1998, the Tarn river flood destroyed {} in the valley, the prefecture said.\n"


@pytest.mark.parametrize("template, first, second, second_day, flagged", [
    (_PLAN, "$5 billion", "$7 billion", "2026-10-05", True),  # the same day: two figures for one plan
    (_PLAN, "$5 billion", "$7 billion", "2026-10-08", False),  # three days later: each report's figure of its day
    (_PLAN, "$5 billion", "$7 billion", "2026-11-10", False),  # five weeks later: the plan has moved on
    (_PLAN, "$5 billion", "$7 billion", None, True),  # a day unknown: nothing says they are two moments
    (_WINDS, "120 kph", "150 kph", "2026-10-05", True),  # one day: two speeds for one moment
    (_WINDS, "120 kph", "150 kph", "2026-10-06", False),  # the next day: the storm moved on (the audit's typhoon)
    (_FLOOD_OF_1998, "420 homes", "380 homes", "2026-10-08", True),  # a figure of a past year does not move on
])
def test_a_figure_given_on_another_day_is_the_story_moving_on(template, first, second, second_day, flagged):
    brief = _published((template.format(first), "2026-10-05"), (template.format(second), second_day))
    assert bool(_of_kind(brief, "number")) is flagged


def test_an_age_is_compared_whatever_the_days_of_the_reports():
    brief = _published(("Mayor Tom Holt, 61, opened the Lowford bridge on Monday.\n", "2026-10-24"),
                       ("Mayor Tom Holt, 62, opened the Lowford bridge on Monday.\n", "2026-10-27"))
    (found,) = _of_kind(brief, "number")
    assert {v.value for v in found.values} == {"61", "62"}


@pytest.mark.parametrize("first, second", [
    # a weekday named from each report's own day: two statements, a week apart
    ("Mayor Tom Holt of Lowford said Tuesday that the bridge would reopen.\n",
     "Mayor Tom Holt of Lowford said Thursday that the bridge would reopen.\n"),
    # the saying of something is dated anew each time it is said
    ("Mayor Tom Holt of Lowford said on Oct. 5 that the bridge would reopen.\n",
     "Mayor Tom Holt of Lowford said on Oct. 9 that the bridge would reopen.\n"),
    # one name and one event word, but years apart: two meetings
    ("Mayor Tom Holt of Lowford first met the Varna council in 1996 to discuss the bridge tolls.\n",
     "Flooding on the east bank was on the agenda when Holt met farmers on Aug. 20.\n"),
    # a month named from the report's own day: "last month" on Oct. 8 is September
    ("The Varna currency collapsed last month, Mayor Tom Holt of Lowford said.\n",
     "The Varna currency collapsed in late August, Mayor Tom Holt of Lowford said.\n"),
])
def test_dates_that_reports_of_different_days_give_for_different_occasions_are_not_compared(first, second):
    brief = _published((first, "2026-10-08"), (second, "2026-10-15"))
    assert _of_kind(brief, "date") == []


@pytest.mark.parametrize("first, second, flagged", [
    # (the precision audit's false date flags) a span of years holds each year in it
    ("Kidnappings in Varna have soared since the 1994-1996 war with Tarvia, police said.\n",
     "Kidnappings in Varna have soared since the war with Tarvia ended in 1996, police said.\n", False),
    ("Kidnappings in Varna have soared since the 1994-96 war with Tarvia, police said.\n",
     "Kidnappings in Varna have soared since the 1995 war with Tarvia, police said.\n", False),
    # but not a year outside it
    ("Kidnappings in Varna have soared since the 1994-96 war with Tarvia, police said.\n",
     "Kidnappings in Varna have soared since the 1998 war with Tarvia, police said.\n", True),
])
def test_a_span_of_years_agrees_with_any_year_in_it(first, second, flagged):
    brief = _published((first, "2026-10-08"), (second, "2026-10-08"))
    assert bool(_of_kind(brief, "date")) is flagged


def test_one_event_dated_two_ways_is_still_a_disagreement_with_publication_days():
    brief = _published(("The mayor of Lowford was arrested on March 3, 2026 at her home.\n", "2026-03-05"),
                       ("The mayor of Lowford was arrested on March 4, 2026, court papers show.\n", "2026-03-06"))
    (found,) = _of_kind(brief, "date")
    assert {v.value for v in found.values} == {"March 3, 2026", "March 4, 2026"}


def test_the_one_arrested_is_the_same_party_where_the_tagger_missed_his_name():
    """"arrested Poole" in both reports, the model tagging "Poole" as no name (or a product): the arrest's own proper
    noun is the party the two dates share."""
    brief = _brief("In 2000, Harlow County authorities arrested Poole following complaints from neighbours.\n",
                   "In 2001, the Harlow County Sheriff's Office arrested Poole on charges of fraud, records show.\n")
    (found,) = _of_kind(brief, "date")
    assert found.subject == "date of arrest (Poole)" and {v.value for v in found.values} == {"2000", "2001"}
    # two people arrested in two years are no disagreement
    other = _brief("In 2000, Harlow County authorities arrested Poole following complaints from neighbours.\n",
                   "In 2001, the Harlow County Sheriff's Office arrested Brannock on charges of fraud, records show.\n")
    assert _of_kind(other, "date") == []


def test_a_thing_built_or_a_person_born_once_in_two_years_far_apart_is_a_disagreement():
    """A probe of common phrasings (2026-12-06, twenty-fourth sitting): a dam "built in 1962" against "built in
    1964" was no disagreement (two years apart, and the dam is named by no name); the label read "date of bear"
    for "born"."""
    ctx = "The Harlow Dam leaked last week, the county office said. Crews worked through the night.\n"
    built = _published((ctx + "The dam was built in 1962.\n", "2026-10-20"),
                       (ctx + "The dam, built in 1964, holds back the Tessel River.\n", "2026-10-20"))
    (found,) = _of_kind(built, "date")
    assert found.subject == "date of construction" and {v.value for v in found.values} == {"1962", "1964"}
    born = _published((ctx + "Ann Roe was born in 1950 in Harlow.\n", "2026-10-20"),
                      (ctx + "Roe, who was born in 1952, grew up in Harlow.\n", "2026-10-20"))
    (found,) = _of_kind(born, "date")
    assert found.subject.startswith("date of birth")
    # two things built in two years are no disagreement
    two = _published((ctx + "The dam was built in 1962.\n", "2026-10-20"),
                     (ctx + "The bridge below it was built in 1964.\n", "2026-10-20"))
    assert _of_kind(two, "date") == []


def test_a_thing_named_beside_the_noun_a_founding_describes_is_the_thing_founded():
    # "the bakery chain founded in 1987" and "a bakery business established in 1978": two nouns, but each stands
    # beside one name, the firm founded
    ctx = "The sale was announced in Harlow on Tuesday.\n"
    founded = _published((ctx + "Hallam & Pryce, the family-owned bakery chain founded in 1987, runs 64 shops.\n", "2026-10-20"),
                         (ctx + "Northgate Partners has bought Hallam & Pryce, a bakery business established in 1978.\n",
                          "2026-10-20"))
    (found,) = _of_kind(founded, "date")
    assert found.subject == "date of founding" and {v.value for v in found.values} == {"1987", "1978"}
    # two firms, each beside its own name, founded in two years are no disagreement
    two = _published((ctx + "Hallam & Pryce, the family-owned bakery chain founded in 1987, runs 64 shops.\n", "2026-10-20"),
                     (ctx + "Northgate Partners has also bought Corran Mills, a flour business established in 1978.\n",
                      "2026-10-20"))
    assert _of_kind(two, "date") == []


def test_a_sentence_of_hundreds_of_dated_events_is_read_in_time():
    """Each date's event words and names were read anew for every date of the sentence, each reading the whole
    sentence: a hostile sentence of 200 dated arrests took 2 s in one report (and 90 s in two, with the event's own
    proper nouns)."""
    import time

    from newsweave.crosscheck.dates import date_discrepancies

    people = ["Ana Ruiz", "Tom Kell", "Dale Ostrow", "Mark Dollan", "Rita Vane"]
    text = "Police said " + ", and ".join(f"{people[i % 5]} arrested Poole{i} on March {i % 28 + 1}, 2001"
                                          for i in range(200)) + ".\n"
    story = newsweave.brief([Document(id="a", text=text)]).story
    started = time.perf_counter()
    date_discrepancies(story)
    assert time.perf_counter() - started < 1.0


def test_two_reports_of_hundreds_of_deaths_on_weekdays_are_compared_in_time():
    """A weekday dates a death (a thing's one event), so each report's hundreds of them meet the other's pair by pair:
    whether a report also gives the other's date, which reads whole lists, was asked of every pair before whether
    the two could be one event at all (1.6 s here; two reports of 600 deaths took 9 s), and of one person named 300
    times, of every pair before whether the pair's two dates were already shown, with a pattern run per ask (1.9 s)."""
    import time

    from newsweave.crosscheck.dates import date_discrepancies

    for name in ("Moro{i}", "Moro"):  # 300 people, or one named 300 times (every pair then may be one event)
        first = " ".join(f"{name.format(i=i)} died on Sunday." for i in range(300)) + "\n"
        second = " ".join(f"{name.format(i=i)} died on Saturday." for i in range(300)) + "\n"
        story = _published((first, "2026-10-20"), (second, "2026-10-20")).story
        started = time.perf_counter()
        date_discrepancies(story)
        assert time.perf_counter() - started < 1.0, name


def test_one_death_given_three_days_is_one_disagreement_of_three_sides():
    """Pairs of one event's dates that share a side are one disagreement: each day once, with every report that gives
    it (before, three disagreements of two sides each, and the second report to give Oct. 4 was in none)."""
    reports = [(_MAYOR + text + "\n", "2026-10-20") for text in (
        "Moro died on Oct. 3 at her home.", "Moro died on Oct. 4 in a Velmar hospital.",
        "Moro died on Oct. 5, her family said.", "Moro died on Oct. 4, the council said.")]
    (found,) = _of_kind(_published(*reports), "date")
    assert found.subject == "date of death (Ann Moro)"
    assert [(v.value, v.normalized, v.documents) for v in found.values] == [
        ("Oct. 3", "2026-10-03", ["r1"]), ("Oct. 4", "2026-10-04", ["r2", "r4"]), ("Oct. 5", "2026-10-05", ["r3"])]
    _assert_evidence_holds_values(found, {f"r{n}": text for n, (text, _) in enumerate(reports, start=1)})


def test_two_reports_of_one_death_on_hundreds_of_days_are_one_disagreement():
    """A hostile pair of reports: one death given 300 days by each was 90,000 disagreements (every day of one against
    every day of the other) and the brief took 10 s; it is one disagreement of 600 sides."""
    from datetime import date, timedelta

    def days(first: int) -> str:
        return " ".join(f"Moro died on {date(2020, 1, 1) + timedelta(days=3 * i + first):%B %-d, %Y}." for i in range(300))

    brief = _published((days(0) + "\n", "2026-10-20"), (days(1) + "\n", "2026-10-20"))
    (found,) = _of_kind(brief, "date")
    assert len(found.values) == 600 and found.subject == "date of death (Moro)"


@pytest.mark.parametrize("second, flagged", [
    ("The Velmar central bank raised its key interest rate by 0.25 percentage points on Wednesday.", False),
    ("The Velmar central bank raised its key interest rate by a quarter of a percentage point on Wednesday.", False),
    ("The Velmar central bank raised its key interest rate by half a percentage point on Wednesday.", True),
    ("The Velmar central bank raised its key interest rate by 50 basis points on Wednesday.", True),
])
def test_a_rate_rise_in_basis_points_and_in_percentage_points_is_one_measure(second, flagged):
    first = "The Velmar central bank raised its key interest rate by 25 basis points on Wednesday."
    found = _of_kind(_published((first + "\n", "2026-10-20"), (second + "\n", "2026-10-20")), "number")
    assert [(d.subject, sorted(v.normalized for v in d.values)) for d in found] == (
        [("percentage points raised", [0.25, 0.5])] if flagged else [])


@pytest.mark.parametrize("first, second", [
    ("The singer Marek Duda died at 84 on Sunday in Gdansk.", "The singer Marek Duda died at 85 on Sunday in Gdansk."),
    ("Marek Duda died on Sunday in Gdansk at the age of 84.", "Marek Duda, who passed away at 85, sang in Gdansk."),
])
def test_an_age_at_death_is_an_age_not_a_toll(first, second):
    """"died at 84" was read as 84 people killed: two reports of one singer's death at 84 and 85 disagreed on "number
    of people killed". It is his age, compared as ages are; "at the age of 84" is no age of another time ("started
    piano at age 4" is)."""
    (found,) = _published((first + "\n", "2026-10-20"), (second + "\n", "2026-10-20")).story.discrepancies
    assert (found.kind, found.subject, sorted(v.normalized for v in found.values)) == ("number", "age of Duda", [84, 85])


def test_two_people_of_one_age_are_two_facts():
    brief = _published(("Ann Moro died at 84 on Sunday in Gdansk.\n", "2026-10-20"),
                       ("Tom Holt died at 84 on Sunday in Velmar.\n", "2026-10-20"))
    assert all(len(g.documents) == 1 for g in brief.story.facts)
    assert brief.story.discrepancies == []


def test_ages_in_every_form_and_not_someone_elses():
    brief = _brief(
        "The climber, identified as 29-year-old Petra Lindqvist, was rescued on Sunday. "
        "Her guide, Tomas Berg, 41, was unhurt.",
        "Twenty-eight-year-old Petra Lindqvist was rescued from the glacier on Sunday.\n\n"
        "Berg was 41. A hiker told her he was 19.",
    )
    (found,) = _of_kind(brief, "number")
    assert found.subject == "age of Lindqvist"
    assert {v.value: v.normalized for v in found.values} == {"29": 29, "Twenty-eight": 28}


def test_one_value_written_two_ways_is_one_side_shown_in_digits():
    """'Twenty-eight' [2] and '28' [3] are one side against '29' [1], not a three-way disagreement (mn-val-4)."""
    brief = _brief(
        "The climber, identified as 29-year-old Petra Lindqvist, was rescued on Sunday.",
        "Twenty-eight-year-old Petra Lindqvist was rescued from the glacier on Sunday.",
        "Petra Lindqvist, 28, was rescued from the glacier on Sunday, the mountain rescue service said.",
    )
    (found,) = _of_kind(brief, "number")
    assert [(v.value, v.normalized, v.documents) for v in found.values] == [("28", 28, ["r2", "r3"]), ("29", 29, ["r1"])]
    texts = {d.id: d.text for d in brief.documents}
    assert any("Twenty-eight" in texts[e.document][e.start:e.end] for e in found.values[0].evidence)


def test_same_words_credited_to_two_named_people_but_not_to_two_spellings_of_one():
    words = "\"Nobody leaves this building until the last inspector has signed the report,\""
    first = f"Inspector Ana Rodriguez ran the site on Monday.\n\n{words} Rodriguez told the crew.\n"
    second = f"Foreman Marek Vasquez met the crew on Monday.\n\n{words} Marek Vasquez said.\n"
    (found,) = _of_kind(_brief(first, second), "attribution")
    assert {v.normalized for v in found.values} == {"Rodriguez", "Vasquez"}
    _assert_evidence_holds_values(found, {"r1": first, "r2": second})
    accented = second.replace("Marek Vasquez", "Ana Rodríguez").replace("Foreman", "Inspector")
    assert _of_kind(_brief(first, accented), "attribution") == []


@pytest.mark.parametrize("texts, subject, values", [
    (  # counts of one charge
        ("Dale Ostrow faces two counts of assault and five counts of criminal mischief after the crash.",
         "After the crash, Ostrow was arrested on suspicion of assault and six counts of criminal mischief."),
        "counts of mischief charged", {5, 6},
    ),
    (  # the size of a thing, in a hyphenated count
        ("Ice was blamed for a 30-car pileup on the Route 9 bridge that closed the road for hours.",
         "A 25-vehicle pileup on the Route 9 bridge closed the road for hours, state police said."),
        "vehicles in the pileup", {30, 25},
    ),
    (  # an age two people share
        ("Police searched the woods for the missing hikers Mara Velden and Joss Arkwright, both 19, on Sunday.",
         "The missing hikers, Mara Velden, 20, and Joss Arkwright, 19, were found on Sunday."),
        "age of Velden", {19, 20},
    ),
    (  # where on a street
        ("The shop in the 1200 block of North Harlan Street was robbed on Friday.",
         "Police said the robbery took place in the 1400 block of North Harlan Street on Friday."),
        "block of North Harlan Street", {1200, 1400},
    ),
])
def test_one_number_discrepancy(texts, subject, values):
    (found,) = _of_kind(_brief(*texts), "number")
    assert found.subject == subject
    assert {v.normalized for v in found.values} == values


def test_a_report_counting_several_things_is_compared_on_the_same_occasion():
    # Each report gives two counts of people killed; the counts of the same occasion (one fact,
    # or sentences sharing "died", "checkpoint", "Varna") disagree; counts of two places both reports name do not.
    brief = _brief(
        "Activists said a total of 90 people had died across Loravia, many of them at a checkpoint in Varna.\n\n"
        "The activists said 12 people had been killed in Dessa.\n\nThe town of Ostrel was quiet.",
        "At least 120 people were reported killed on Monday, many of whom died at a checkpoint in Varna.\n\n"
        "In all, 40 people were killed in Ostrel on Monday.\n\nDessa and Ostrel are both in the north.",
    )
    (found,) = _of_kind(brief, "number")
    assert found.subject == "number of people killed"
    assert sorted(v.value for v in found.values) == ["90", "At least 120"]
    _assert_evidence_holds_values(found, _texts(brief))


def test_each_report_also_giving_the_others_figure_is_no_discrepancy():
    first = "Eight people were injured in the gas explosion on Pell Street. A year earlier, 14 were injured nearby."
    second = "Eight people were injured in the Pell Street gas explosion. Firefighters first found seven people injured."
    assert _of_kind(_brief(first, second), "number") == []  # each report counts two things, and both give 8


def test_short_credited_quotes_one_word_apart_and_a_changed_pronoun():
    brief = _brief(
        "Minister Hana Ito called the launch \"reckless and utterly unacceptable\" on Friday.\n",
        "The launch was \"reckless and utterly dangerous,\" Minister Hana Ito said on Friday.\n",
    )
    (wording,) = _of_kind(brief, "quote")
    assert {v.value for v in wording.values} == {"reckless and utterly unacceptable", "reckless and utterly dangerous"}
    charge = _brief(
        "Lena Sorel was charged with \"obstructing a public official\" in Marlow.\n",
        "In Marlow, Lena Sorel faces a charge of \"obstructing a public officer\".\n",
    )
    assert _of_kind(charge, "quote") == []  # a charge's name is nobody's words
    pronoun = _brief(
        "\"Why did you wait so long before calling the fire brigade?\" the judge asked Pavel Orlik.\n",
        "\"Why did he wait so long before calling the fire brigade?\" the judge asked.\n",
    )
    assert len(_of_kind(pronoun, "quote")) == 1


@pytest.mark.parametrize("first, second", [
    # two short quotes of one speaker that share only "It was a"
    ("\"It was a stampede,\" fire chief Lena Sorel said of the Marlow hall fire.\n",
     "\"It was a terrible misreading of the plans,\" fire chief Lena Sorel said of the Marlow hall fire.\n"),
    # two sentences of one speaker that share only their frame ("I am the", "I was the")
    ("\"You know I kept thinking about it today, I'm the real victim here, I was the one they hurt,\" "
     "Dale Ostrow said from jail.\n",
     "\"I'm the winner but I was the loser too,\" Dale Ostrow said from jail.\n"),
])
def test_quotes_that_share_only_function_words_are_two_quotes(first, second):
    brief = _brief(first, second)
    assert _of_kind(brief, "quote") == [] and _of_kind(brief, "attribution") == []


def test_a_statement_issued_and_a_speaker_after_the_verb_are_credited():
    words = "The fire is under active investigation and we are cooperating fully with the authorities"
    first = f"The Halvard Group, which owns the tower, issued a statement saying: \"{words}.\"\n"
    second = f"\"{words},\" said Bram Osei, a spokesman for the owner.\n"
    brief = _brief(first, second)
    speakers = " | ".join(q.speaker or "" for q in brief.story.quotes)
    assert "Halvard Group" in speakers and "Bram Osei" in speakers
    (found,) = _of_kind(brief, "attribution")
    _assert_evidence_holds_values(found, {"r1": first, "r2": second})
    assert any("said Bram Osei" in v.value for v in found.values)


def test_a_quote_inside_a_quote_with_its_ending_said_two_ways():
    first = "\"Papa, will the boat come back for us? Papa, am I safe?\" his father recalled.\n"
    second = (
        "\"Every night I hear Milo asking, 'Papa, will the boat come back for us? Papa, I'm not going to drown?' "
        "I hear it every single night,\" his father said.\n"
    )
    brief = _brief(first, second)
    (wording,) = _of_kind(brief, "quote")
    inner = second.index("Papa")
    assert any(e.document == "r2" and e.start == inner for v in wording.values for e in v.evidence)


def test_a_word_swapped_near_the_end_of_a_shorter_quote_is_a_rewording():
    """The shorter quote ends two words after the swap ("so happy for the crew."), where the longer runs on: the
    two words in common anchor its end, so the swap is a change, not a run-on."""
    first = ("\"Of course it was a wonderful thing to see the boat come in. We are so proud of the crew. I think it is "
             "one of the finest rescues of the year, and I will tell that to anyone who asks,\" the mayor said.\n")
    second = "\"Of course it was a wonderful thing to see the boat come in, and we are so happy for the crew,\" the mayor said.\n"
    (wording,) = _of_kind(_brief(first, second), "quote")
    assert {v.documents[0] for v in wording.values} == {"r1", "r2"}
    # cut where the other runs on, no word swapped: no rewording
    same = "\"Of course it was a wonderful thing to see the boat come in. We are so proud of the crew,\" the mayor said.\n"
    assert _of_kind(_brief(first, same), "quote") == []


# --- the bundled example: the planted number, spelling and outlet-credit errors ---

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "valley-dam-evacuation"


@pytest.fixture(scope="module")
def example():
    return newsweave.brief([EXAMPLE]).to_dict()


def _discrepancies(brief: dict, kind: str) -> list[dict]:
    return [d for d in brief["discrepancies"] if d["kind"] == kind]


def test_example_counts_a_report_and_the_outlet_it_is_as_one_origin():
    """Report 2 is The Riverton Herald and report 3 Valley Radio 6: the quote one report credits to the Herald and
    another to the radio has two origins, not three ("Riverton Herald, report 2, Valley Radio 6" before)."""
    markdown = newsweave.brief([EXAMPLE]).to_markdown()
    assert "**4 reports · 2 origins: Riverton Herald, Valley Radio 6** [1, 2, 3, 4]: \"*We would rather" in markdown
    # each report telling a fact as its own reporting: no label, as before the reports' outlets were read
    assert "4 origins" not in markdown and "report 2" not in markdown
    assert "Resting on one outlet" not in markdown  # the radio's "… told Valley Radio 6" is its own reporting


def test_example_flags_the_wrong_evacuation_count(example):
    (number,) = _discrepancies(example, "number")
    stated = {v["normalized"]["stated"] if isinstance(v["normalized"], dict) else v["normalized"] for v in number["values"]}
    assert stated >= {1200, 1400}


def test_example_flags_a_quote_credited_to_outlets_the_table_does_not_know(example):
    # "told The Riverton Herald" vs "told Valley Radio 6": invented outlets, known by their media words.
    (attribution,) = _discrepancies(example, "attribution")
    assert {v["normalized"] for v in attribution["values"]} == {"Riverton Herald", "Valley Radio 6"}


def test_example_gives_one_side_per_spelling_of_a_name(example):
    (name,) = _discrepancies(example, "name")
    spellings = sorted(v["value"] for v in name["values"])
    assert spellings == ["Marta Kowalczik", "Marta Kowalczyk"]


def test_example_days_of_the_week_agree_once_resolved(example):
    # Thursday's paper: "closed through Thursday" and "closed again today" are one day.
    assert _discrepancies(example, "date") == []


# --- issue 11: every kind of figure, in whole briefs of invented reports ---
#
# Each story is told by two reports written differently (other sentence order, other words for the same
# thing), as reports of one story are; the figures must meet through what they measure, not their wording.

ISSUE_11_DISAGREE = {
    "bare-count-vs-floor": (
        ("The blast at the Halden market killed 8 people on Saturday morning, police said. Officers closed the square for hours.",
         "Police said the explosion, which killed at least 11 people, tore through the Halden market early on Saturday. "
         "Officers sealed off the square."),
        "number of people killed", ("8", "at least 11"),
    ),
    "death-toll-rose-to": (
        ("Eight people were killed in Saturday's bombing at the Halden market, the interior ministry said.",
         "The death toll from Saturday's bombing at the Halden market has risen to at least 11, the interior ministry said."),
        "number of people killed", ("Eight", "at least 11"),
    ),
    "age-of-the-9-year-old": (
        ("Ana Ruiz was hit by a car outside Brookfield Elementary on Tuesday afternoon. "
         "The 9-year-old was taken to a hospital with a broken leg, police said.",
         "Ana Ruiz, 10, was struck by a car outside Brookfield Elementary on Tuesday, police said. She suffered a broken leg."),
        "age of Ruiz", ("9-year-old", "10"),
    ),
    "age-before-and-after-the-name": (
        ("A 9-year-old girl, Ana Ruiz, was struck by a car outside Brookfield Elementary on Tuesday.",
         "The girl struck outside Brookfield Elementary on Tuesday was identified as Ana Ruiz, aged 10."),
        "age of Ruiz", ("9-year-old", "aged 10"),
    ),
    "age-of-a-titled-person": (
        ("Mayor Dana Holt, 61, announced on Monday that she will not seek a third term in Carver City.",
         "Carver City Mayor Dana Holt will not run again, she said on Monday. The 62-year-old mayor was first elected in 2016."),
        "age of Mayor Holt", ("61", "62-year-old"),
    ),
    "money-one-sum": (
        ("The contractor filed suit on Thursday, demanding $48,210 in unpaid fees from Orrin County over the bridge repairs.",
         "The contractor wants $48,120 in fees, according to the lawsuit it filed against Orrin County on Thursday."),
        "amount of fees sought", ("$48,210", "$48,120"),
    ),
    "money-synonym-predicates": (
        ("Lawmakers in Velmont cut $3.2 billion from the state budget on Wednesday, mostly from road projects.",
         "The Velmont legislature trimmed $3.1 billion from the state budget on Wednesday, largely from road projects."),
        "amount cut", ("$3.2 billion", "$3.1 billion"),
    ),
    "money-noun-as-predicate": (
        ("The Velmont budget passed on Wednesday includes $3.2 billion in cuts to road projects.",
         "On Wednesday Velmont lawmakers slashed $3.1 billion from road projects in the budget."),
        "amount cut", ("$3.2 billion", "$3.1 billion"),
    ),
    "times-of-day-with-about": (
        ("Surveillance video shows Reyes left the Blue Anchor bar about 9:15 p.m. on Friday, police said. "
         "His body was found the next morning.",
         "Reyes left the Blue Anchor bar at about 9:45 p.m. Friday, according to police. He was found dead on Saturday morning."),
        "time of leaving", ("about 9:15 p.m.", "about 9:45 p.m."),
    ),
    "taken-to-hospital-is-hospitalised": (
        ("Eighteen people were taken to hospital after the bus overturned on the A40 near Whitby on Monday.",
         "A total of 21 were hospitalised after the bus overturned on the A40 near Whitby on Monday, the ambulance service said."),
        "number of people taken to hospital", ("Eighteen", "21"),
    ),
    "distance-in-km-and-miles": (
        ("The fire at the Corvale chemical plant, 80 km east of Lyon, burned through the night.",
         "Smoke from the burning Corvale plant drifted over Lyon, 40 miles west of the plant, on Tuesday."),
        "distance between Lyon and the plant", ("80 km", "40 miles"),
    ),
}


@pytest.mark.parametrize("name", sorted(ISSUE_11_DISAGREE))
def test_issue_11_number_disagreement_found_with_evidence_on_both_sides(name):
    texts, subject, figures = ISSUE_11_DISAGREE[name]
    brief = _brief(*texts)
    numbers = _of_kind(brief, "number")
    (found,) = [d for d in numbers if d.subject == subject] or [None]
    assert found is not None, [(d.subject, [v.value for v in d.values]) for d in numbers]
    assert len(numbers) == 1, "one disagreement, not the same figures again under another label"
    by_value = {v.value: v for v in found.values}
    assert set(figures) <= set(by_value), sorted(by_value)
    _assert_evidence_holds_values(found, _texts(brief))
    documents = [{e.document for e in by_value[figure].evidence} for figure in figures]
    assert documents[0] == {"r1"} and documents[1] == {"r2"}  # each side cites its own report
    for figure, side in zip(figures, documents, strict=True):
        (document,) = side
        (evidence,) = by_value[figure].evidence
        assert figure in _texts(brief)[document][evidence.start : evidence.end]


ISSUE_11_AGREE = {
    "about-1400-and-1412": (
        "About 1,400 homes were evacuated in Pellmont after the levee broke on Monday, officials said.",
        "Officials in Pellmont said 1,412 homes were evacuated when the levee broke on Monday.",
    ),
    "nearly-7000-and-6900": (
        "Nearly 7,000 runners finished the Harlow marathon on Sunday.",
        "Some 6,900 runners finished the Harlow marathon on Sunday, organisers said.",
    ),
    "hundreds-and-352": (
        "The Dorne stadium fire injured hundreds of fans on Saturday.",
        "The fire at Dorne stadium on Saturday injured 352 fans, officials said.",
    ),
    "two-ceilings": (  # "as many as 40" and "up to 25" both only say how many there could be
        "As many as 40 trucks were stuck at the Kessel border crossing on Sunday, drivers said.",
        "Up to 25 trucks were stuck at the Kessel border crossing on Sunday, officials said.",
    ),
    "80-km-and-about-50-miles": (
        "The Corvale chemical plant lies 80 km east of Lyon.",
        "The Corvale chemical plant is about 50 miles east of Lyon.",
    ),
    "injured-in-two-events-of-one-story": (  # "two injured" at the dam, "352 injured" in another crash, in March
        "The Sallow dam spillway gate failed on Tuesday, flooding the valley. Two people were injured, police said. "
        "Engineers had warned of cracks last year.",
        "The Sallow dam gate gave way on Tuesday, flooding the valley. In March, a bus crash on the dam road injured 352 "
        "people. Engineers had warned of cracks.",
    ),
}


@pytest.mark.parametrize("name", sorted(ISSUE_11_AGREE))
def test_issue_11_compatible_or_unrelated_figures_are_not_flagged(name):
    numbers = _of_kind(_brief(*ISSUE_11_AGREE[name]), "number")
    assert numbers == [], [(d.subject, [v.value for v in d.values]) for d in numbers]


# --- classes of misses and false alarms found on the second tuning set (tests/data/disagreements_gold_tune2.json),
# each written here as an invented story ---


def test_an_age_in_a_description_after_the_name_is_that_person_s():
    found = _of_kind(_brief(
        "Dora Kellan was waiting at a bus stop when the car stopped. \"He looked right at me,\" said Kellan, a 23-year-old "
        "nurse. Seconds later the car exploded in Tarsville on Friday.",
        "Dora Kellan, waiting at a bus stop, saw the driver. \"He looked right at me,\" said Kellan, a 32-year-old nurse. "
        "The car exploded seconds later in Tarsville on Friday.",
    ), "number")
    assert [(d.subject, sorted(v.value for v in d.values)) for d in found] == [("age of Kellan", ["23-year-old", "32-year-old"])]


@pytest.mark.parametrize("texts", [
    # the term a defendant faced is not the term the judge gave
    ("Dale Ostrow was convicted last week and, in addition to six months in prison, got three years' probation.",
     "Ostrow faced at least two years in state prison, prosecutors said last week."),
    (  # a mother and her son share a surname: "Kessler, 29," is Amber, the 6-year-old is Rene
        "Amber Kessler faces two charges of murder for the deaths of 6-year-old Rene Kessler and 7-year-old Lia Hart.",
        "Amber Kessler appeared in court in Dunmore on Monday. Kessler, 29, admitted to killing the two children.",
    ),
    (  # percentages of different things: a day's fall and a presidency's rise
        "After a volatile session, the Dow ended down 1,175 points, or 4.6%, at 24,346.",
        "The Dow fell sharply on Monday. Overall, the Dow rose 149% during the last president's two terms.",
    ),
])
def test_figures_of_two_people_or_two_things_are_not_flagged(texts):
    numbers = _of_kind(_brief(*texts), "number")
    assert numbers == [], [(d.subject, [v.value for v in d.values]) for d in numbers]


@pytest.mark.parametrize("texts, flagged", [
    # a final h after a vowel is a transliteration, the other word a slip: one man written two ways
    (("Prosecutors named Tarek Khalifa Ourabi as the second suspect on Monday. Ourabi denies the charge.",
      "The second suspect, Tarik Khalifah Ourabi, denies the charge, his lawyer said on Monday."),
     {"Tarek Khalifa Ourabi", "Tarik Khalifah Ourabi"}),
    # an h after a consonant and a vowel written two ways: one man's first name
    (("Jonathan Merrow, a father of two, was killed when the wall collapsed in Dunmore on Friday.",
      "The man killed in Dunmore on Friday was Johnathon Merrow, police said."),
     {"Jonathan Merrow", "Johnathon Merrow"}),
    # Arabic's article written by one outlet and not the other is no spelling; a vowel is
    (("Commander Hassan al-Rimawi led the raid on the village on Monday, the group said.",
      "The raid on the village on Monday was led by Hassan Remawi, the group said."),
     {"Hassan al-Rimawi", "Hassan Remawi"}),
    (("Commander Hassan al-Rimawi led the raid on the village on Monday, the group said.",
      "The raid on the village on Monday was led by Hassan Rimawi, the group said."), set()),
    # a vowel transliterated two ways: one town
    (("Shelling hit the Idlib town of Sarmin on Tuesday, activists said.",
      "Activists said shells fell on Sarmeen, a town in Idlib, on Tuesday."), {"Sarmin", "Sarmeen"}),
    # a nationality is not a spelling of its country
    (("The novel sold well in Argentina and Chile, its publisher said.",
      "The Argentine publisher printed 20,000 copies of the novel, it said."), set()),
    # "the O'Haras" is the family of Scarlett O'Hara, not a second spelling of her name
    (("Scarlett O'Hara is the heroine of the novel. The O'Haras lose their plantation in the war.",
      "Scarlett O'Hara, the novel's heroine, returns in a sequel published on Tuesday."), set()),
    # ... and so in a headline's capitals, which need not say "the"
    (("Lakers star Dana Holloway met the press.\n\nHOLLOWAYS 'SHOCKED' BY THE RULING\n\nThe Holloways were left shocked.",
      "Dana Holloway, the Lakers star, spoke on Tuesday. Holloway said the family would appeal."), set()),
    # one name written two ways that are one spelling: a Russian ending, British and American, a capital
    (("Foreign Minister Sergei Voronin met the envoy at the Tasmanian Heritage Centre on Monday, with bin Rashad.",
      "Sergey Voronin spoke at the Tasmanian Heritage Center on Monday, Bin Rashad said."), set()),
    # a misspelt nationality is nobody's name
    (("Ukrainian officials said the talks would resume on Monday in Vienna.",
      "Ukranian officials said talks would resume on Monday in Vienna."), set()),
    # a name's words in another order, or two of them written as one and moved: one name written two ways
    (("Candidate Jose Manuel Rivera Soto led the count in the capital on Monday, officials said.",
      "The early count in the capital on Monday was led by Jose Rivera Manuel Soto, officials said."),
     {"Jose Manuel Rivera Soto", "Jose Rivera Manuel Soto"}),
    (("The figures came from the Harbor Trade Fact Book, the agency said on Friday.",
      "The agency cited the Trade Harbor Factbook on Friday."),
     {"Harbor Trade Fact Book", "Trade Harbor Factbook"}),
    # ... but words only set apart or run together are typesetting, not spelling
    (("Former President P.W. Vorster testified on Monday, the commission said.",
      "P. W. Vorster testified before the commission on Monday."), set()),
    (("Super Typhoon Nell killed at least 40 people in the north, officials said on Friday.",
      "Supertyphoon Nell killed 40 people in the north, officials said on Friday."), set()),
    # a name used in the plural, as a noun, is no spelling of it; a surname's final s is
    (("Fred Larkin, a Velmar aide who was once rumoured to be Dark Mark, has died of natural causes.",
      "Among the other people who have been cited as possible Dark Marks are Earl J. Silbert."), set()),
    (("Plant manager Steve Mullin said the Velmar plant would close in May.",
      "The Velmar plant will close in May, plant manager Steve Mullins said on Friday."), {"Steve Mullin", "Steve Mullins"}),
    # one report writing a name two ways has slipped; the reports do not disagree
    (("The critic Lena Varga praised the novel. J.R.R. Tolkein once wrote to its author. J.R.R. Tolkien never met her.",
      "The critic Lena Varga praised the novel on Tuesday."), set()),
    # ... nor when the others write one of its spellings (ECB+ briefs: a crowd's chant written next to the name)
    (("Wladimir Klitschko beat Tony Thompson in Bern on Saturday as fans chanted Klitschko! Klistchko! in the stadium.",
      "Wladimir Klitschko beat Tony Thompson in Bern on Saturday."), set()),
])
def test_name_spellings_between_reports(texts, flagged):
    found = {v.value for d in _of_kind(_brief(*texts), "name") for v in d.values}
    assert found == flagged


@pytest.mark.parametrize("texts, flagged", [
    # the story's own event, named by a noun most reports use, dated a day apart: a disagreement
    (("Investigators said the Sept. 2 crash off Brill Island remains unexplained.",
      "Relatives of those killed in the Sept. 3 crash met the investigators on Friday.",
      "The crash killed all 229 people on board, investigators said."),
     {"Sept. 2", "Sept. 3"}),
    # a verb's object varies: an album released one year, a demo the year before
    (("The pair released a debut album in 1993 and toured for two years.",
      "The pair released their first demo in 1992 and toured the clubs.",
      "The pair released five albums in all."), set()),
    # one thing's event in two words, days apart (a probe of common phrasings, 2026-12-06, twenty-fifth sitting)
    (("Pell appeared in court on Tuesday. The trial began on May 4.",
      "Pell appeared in court on Tuesday. The trial started on May 6."), {"May 4", "May 6"}),
    # a couple weds once, however far apart the years
    (("Ann Moro, the mayor of Velmar, died on Monday. Moro married Tom Holt in 1975.",
      "Ann Moro, the mayor of Velmar, died on Monday. She married Tom Holt in 1979."), {"1975", "1979"}),
])
def test_dates_of_the_story_s_own_event(texts, flagged):
    found = {v.value for d in _of_kind(_brief(*texts), "date") for v in d.values}
    assert found == flagged


def test_newswire_double_quotes_are_quotes_and_one_wording_is_one_side():
    """The AP and NYT feeds write ``quotes''; two reports quoting alike are one side against the third."""
    said = "the Cabinet said in a statement on Friday."
    texts = (
        f"``Talks will resume only when the council takes vigorous steps in a relentless fight against the smugglers,'' {said}",
        f"``Talks will resume only when the council takes vigorous steps in an all-out war against the smugglers,'' {said}",
        f"Talks will resume ``only when the council takes vigorous steps in an all-out war against the smugglers,'' {said}",
    )
    brief = _brief(*texts)
    (found,) = _of_kind(brief, "quote")
    assert sorted(sorted(v.documents) for v in found.values) == [["r1"], ["r2", "r3"]]
    first = found.values[0].evidence[0]
    assert found.values[0].value == _texts(brief)[first.document][first.start : first.end]
    assert "``" not in found.values[0].value and "''" not in found.values[0].value


def test_words_shouted_by_a_crowd_are_not_the_last_speaker_s():
    brief = _brief(
        "Mayor Dana Holt visited the market on Friday.\n\n``We will rebuild every stall,'' Holt said.\n\n"
        "``Death to the smugglers! Shame on the council!'' a small crowd of protesters shouted.\n",
        "The mayor came on Friday.\n",
    )
    chant = next(q for q in brief.story.quotes if q.text.startswith("Death to the smugglers"))
    assert "Holt" not in (chant.speaker or "")


def test_words_an_editor_cut_from_inside_a_quote_are_no_rewording():
    said = "the producer told reporters on Monday."
    brief = _brief(
        f"\"I have a ton of ideas to put on television for a series about people and their quirks and their love for each other,\" {said}",
        f"\"I have a ton of ideas to put on television about people and their love for each other,\" {said}",
    )
    assert _of_kind(brief, "quote") == []
    assert any(len(q.documents) == 2 for q in brief.story.quotes)


def test_a_contraction_is_the_same_words_and_what_follows_it_is_compared():
    said = "the governor told state radio on Monday."
    same = _brief(f"\"I am in Dorne and not in the capital. Don't believe the rumours about my health,\" {said}",
                  f"\"I am in Dorne and not in the capital. Do not believe the rumours about my health,\" {said}")
    assert _of_kind(same, "quote") == []
    reworded = _brief(f"\"I am in Dorne and not in the capital. Do not believe the channels run by liars,\" {said}",
                      f"\"I am in Dorne and not in the capital. Don't believe those lying television stations,\" {said}")
    (found,) = _of_kind(reworded, "quote")
    assert {d for v in found.values for d in v.documents} == {"r1", "r2"}


def test_a_figure_a_report_gives_for_another_event_does_not_hide_a_disagreement():
    """Report 1 also says "at least three killed", but of a clash elsewhere: its "two" is the car bomb's toll."""
    brief = _brief(
        "At least three people were killed in a clash in the Mazzeh district of Damascus on Monday. "
        "On Sunday, a car bomb killed two people near a police station in Aleppo.",
        "A car bomb near a police station in Aleppo killed at least three people on Sunday, activists said.",
    )
    (found,) = _of_kind(brief, "number")
    assert sorted(v.value for v in found.values) == ["at least three", "two"]


def test_an_average_is_not_a_count():
    numbers = _of_kind(_brief(
        "Women in Dorne now have 2.1 children on average, the census office said on Monday.",
        "The census office said on Monday that the Dorne family it profiled has five children.",
    ), "number")
    assert numbers == [], [(d.subject, [v.value for v in d.values]) for d in numbers]


# --- misses and false alarms of figures read at the wrong scope (2026-12-02, eighth session) ---


@pytest.mark.parametrize("texts, subject, figures", [
    (  # "24 other people": other than the two killed, so all of the injured, not more of them
        ("A car bomb exploded at the crowded Tarvel market on Friday, killing two attackers and wounding 21 people, police said.",
         "A car bomb went off in the crowded Tarvel market on Friday, killing the two bombers and injuring 24 other people, "
         "the army said."),
        "number of people injured", ("21", "24"),
    ),
    (  # "more than 300 million" is a floor, not "300 million more"
        ("Malaria sickens more than 300 million people a year, the agency said.",
         "Malaria sickens about 207 million people a year."),
        "number of people sickened, as a rate", ("about 207 million", "more than 300 million"),
    ),
])
def test_other_than_those_killed_and_more_than_are_not_more_of_them(texts, subject, figures):
    (found,) = _of_kind(_brief(*texts), "number")
    assert found.subject == subject
    assert sorted(v.value for v in found.values) == sorted(figures)


@pytest.mark.parametrize("texts", [
    (  # two men, one sentence each, worded alike
        "Qin was imprisoned for eight years for his role in the protests in Hangzhou, the group said.",
        "Liu was imprisoned for 17 years for his role in the protests in Hangzhou, the group said.",
    ),
    (  # two parts of a total another report gives
        "The film has grossed $735.2 million overseas and $273.7 million in North America since it opened, the studio said.",
        "The film has grossed a billion dollars at the box office since it opened, the studio said.",
    ),
    (  # what was asked for and what was given (a guard: the sentences' durations are no longer their dates)
        "Judge Arlen handed down a six-month sentence to Dorsey, a former Velmont student, on Monday.",
        "A judge denied the prosecutors' request for a six-year prison sentence for Dorsey last week.",
    ),
    (  # an age "then", at another time, against the person's age now
        "Bridges, then 29, was an accomplished climber when he vanished on Mount Kessel in 1999.",
        "The bodies of Alex Bridges, 46, and his partner were found on Mount Kessel this week.",
    ),
    (  # an additional sum is more money, not the whole
        "After the Dorne group received an additional five hundred and fifty thousand dollars from the Kessel foundation, "
        "it filed a request for the records.",
        "The Dorne group received $1.5 million from the Kessel foundation, according to its filings.",
    ),
    (  # charges of one crime against charges of any
        "Dunn was found guilty this week on three charges of attempted murder for the shooting at the Kessel gas station.",
        "Jurors found Dunn guilty on four of five charges for the shooting at the Kessel gas station.",
    ),
    (  # worth of two different things
        "Two typhoons last month destroyed some 4 billion pesos worth of crops in the Velmar islands.",
        "The typhoons destroyed 10.4 billion pesos worth of roads and bridges in the Velmar islands, officials said.",
    ),
    # (the second precision audit's last false alarms, 2026-12-05 fifteenth sitting)
    (  # some picked out by their order against some of a set
        "The Velmar Rams scored touchdowns on their first two drives against Dorne on Sunday.",
        "The Velmar Rams scored on four of their first five drives against Dorne on Sunday.",
    ),
    (  # the games still to come against the games already missed
        "Tarn will miss the Rams' final two games of the season with a sprained knee, the Velmar Rams said.",
        "Tarn had knee surgery in October and missed four games of the season, the Velmar Rams said.",
    ),
    (  # some of a set against how many it holds
        "Her mother, Ada Pell, is now caring for five of her daughter's children in Dorne, the family said.",
        "Lena Pell, who lived in Dorne, was the mother of 12 children, the family said.",
    ),
])
def test_figures_of_other_scope_are_not_flagged(texts):
    """Two named subjects, parts of a total, asked and given, an age then, more money, charges of one crime,
    goods of different kinds."""
    numbers = _of_kind(_brief(*texts), "number")
    assert numbers == [], [(d.subject, [v.value for v in d.values]) for d in numbers]


@pytest.mark.parametrize("total", ["$1.3 billion", "at least $2 billion"])  # (a floor's open top holds no sum)
def test_parts_that_do_not_add_up_to_the_other_report_s_total_are_flagged(total):
    (found,) = _of_kind(_brief(
        "The film has grossed $735.2 million overseas and $273.7 million in North America since it opened, the studio said.",
        f"The film has grossed {total} at the box office since it opened, the studio said.",
    ), "number")
    assert total in [v.value for v in found.values]


def test_a_duration_or_an_age_the_model_tags_as_a_date_is_not_when_the_claim_happened():
    brief = _brief("Leader Kellan appeared on state television on Monday to defy protests against his 41-year rule.")
    (claim,) = [c for c in brief.story.claims if "41-year" in c.text]
    assert "41-year" not in claim.dates


def test_figures_that_agree_in_other_units_are_one_side():
    """ECB+ briefs: "about 60 metres" [6, 8] vs "about 200ft" [1, 2, 5] vs "150 meters" [11]: the first two are one
    distance, each clashing only with the third."""
    brief = _brief("The climber Mark Vinar fell about 60 metres from Zurbriggens Ridge on Mount Cook, police said.",
                   "Mark Vinar fell about 200ft from Zurbriggens Ridge on Mount Cook, police said.",
                   "Mark Vinar fell 150 meters from Zurbriggens Ridge on Mount Cook, police said.")
    (found,) = _of_kind(brief, "number")
    assert [(v.value, len(v.documents)) for v in found.values] == [("about 60 metres", 2), ("150 meters", 1)]
    assert not _of_kind(_brief("Mark Vinar fell about 60 metres from Zurbriggens Ridge on Mount Cook, police said.",
                               "Mark Vinar fell about 200ft from Zurbriggens Ridge on Mount Cook, police said."), "number")


def test_a_figure_in_brackets_is_the_one_before_in_other_units_and_never_a_side_of_its_own():
    """(A guard: on these reports the brackets happened to agree before the rule; in a DUC cluster they did not.)"""
    brief = _brief(
        "Typhoon Babs, packing sustained winds of 130 kph (81 mph), was moving at 11 kph (7 mph) toward the Velmar coast.",
        "Typhoon Babs had sustained winds of 120 kph (75 mph) and was moving at about 10 kph (6.2 mph) toward the Velmar coast.",
    )
    (found,) = _of_kind(brief, "number")
    assert sorted(v.value for v in found.values) == ["120 kph", "130 kph"]  # the winds; the speeds of travel agree
    # every quantity, the bracketed ones too, says what it measures in the JSON brief (an unknown role stopped it)
    measures = {q["written"]: q["measures"] for f in json.loads(brief.to_json())["facts"]
                for c in f["claims"] for q in c["quantities"]}
    assert all(measures.values()), measures
    assert all(measures[w].endswith("in other units") for w in ("81 mph", "75 mph") if w in measures), measures


def test_goods_worth_a_sum_are_what_it_measures():
    (found,) = _of_kind(_brief(
        "Thieves took $2 million worth of jewels from the Dorne museum on Sunday.",
        "Thieves took $3 million worth of jewels from the Dorne museum on Sunday, police said.",
    ), "number")
    assert found.subject == "amount of jewels taken"


def test_a_longer_excerpt_in_american_spelling_is_the_same_quote():
    said = "the expedition's leader said on Monday."
    brief = _brief(
        f"\"I am honoured to play a part in finding this vessel and honouring the memory of the men who served aboard her,\" {said}",
        f"\"The wreck is an engineering marvel. I am honored to play a part in finding this vessel and honoring the memory "
        f"of the men who served aboard her,\" {said}",
    )
    assert _of_kind(brief, "quote") == []


@pytest.mark.parametrize("first, second", [
    # (the second precision audit's false quote flags) a possessive's apostrophe, a hyphen, a British spelling
    ('"I completely understand the Varnian population\'s anger at the size of the economic catastrophe," Dana Holt said.',
     '"I completely understand the Varnian populations\' anger at the size of the economic catastrophe," Dana Holt said.'),
    ('"This flaw is being actively exploited by cyber-criminals and getting worse every day," Dana Holt said.',
     '"This flaw is being actively exploited by cyber criminals and getting worse every day," Dana Holt said.'),
    ('"Police locked down the neighbourhood and talked with the suspect, who gave himself up," Dana Holt said.',
     '"Police locked down the neighborhood and talked with the suspect, who gave himself up," Dana Holt said.'),
    # one quote runs on where the other stops, a word hyphenated in one
    ('Holt apologised "if the fire is in any way connected to the attention the church has had since she became a vice '
     'presidential candidate."',
     '"She said she apologizes if the fire is in any way connected to the attention the church has had since she became '
     'a vice-presidential candidate on Aug. 29," Dana Holt said.'),
    # a time of day on the 24-hour clock and on the 12-hour one, with its zone
    ('"With deep sadness I announce that my dear friend Ada Pell passed away at 6:41pm PST this evening in a Dorne '
     'hospital," her agent Tom Kell said.',
     'Her agent Tom Kell said: "With deep sadness I announce that my dear friend Ada Pell passed away at 18:41 this '
     'evening in a Dorne hospital."'),
    # a name and its initials
    ('"Tarrow encourages all TE customers to test and deploy this update as soon as possible," Dana Holt said.',
     'Dana Holt said Tarrow "encourages all Tarrow Explorer customers to test and deploy this update as soon as possible".'),
])
def test_one_quote_written_two_ways_is_no_rewording(first, second):
    assert _of_kind(_brief(first, second), "quote") == []


def test_he_was_22_is_the_age_of_the_one_person_named_just_before():
    (found,) = _of_kind(_brief(
        "Police named the bomber as Karim Dassan, who lived in a village north of Velmar. "
        "His family said he was 22 and had studied engineering.",
        "The bomber, Karim Dassan, 18, lived in a village north of Velmar, police said.",
    ), "number")
    assert found.subject == "age of Dassan" and sorted(v.value for v in found.values) == ["18", "22"]
    # with two people named just before, "he" is left open
    assert _of_kind(_brief("Ana Ruiz met Tom Kell at the fair. She said he was 22.",
                           "Tom Kell, 30, met Ana Ruiz at the fair on Sunday."), "number") == []


def test_an_age_told_of_another_year_is_no_disagreement():
    """Read off the ECB+ precision audit (2026-12-06, twenty-fourth sitting): "Felt, 92, told CNN's 'Larry King
    Live' in 2006" against "He was 95" when he died was flagged as a disagreement on his age."""
    died = "Tom Kell died Thursday at his home in Harlow, his grandson said. Kell was 95."
    interview = ("Tom Kell died Thursday at his home in Harlow. Kell, 92, told the Harlow Herald in 2006 that he was proud "
                 "of what he did.")
    assert _of_kind(_brief(died, interview), "number") == []
    # told of no year, the two ages are one man's age now
    (found,) = _of_kind(_brief(died, interview.replace(" in 2006", "")), "number")
    assert found.subject == "age of Kell" and sorted(v.value for v in found.values) == ["92", "95"]


def test_a_label_or_a_name_in_quotation_marks_is_no_quote():
    """mn-val-4 listed the labels on a girl's school binders ('labeled "Things Ms. Alcorn and I can do,"
    "What we can do" and "When we can do it."') as words the police said, quoted by three reports."""
    from newsweave.crosscheck.quotes import find_quotes

    text = ('Police said she found letters in a binder labeled "Things Ms. Varga and I can do," "What we can do" '
            'and "When we can do it." A group called "Friends of the Harbour Wall" met. '
            'Officers said "this was grooming by a teacher of her pupil," and left.\n')
    assert [q.text for q in find_quotes("a", text)] == ["this was grooming by a teacher of her pupil"]


def test_a_title_in_quotation_marks_is_no_quote():
    from newsweave.crosscheck.quotes import find_quotes

    text = ('The advice came from Dr. Ines Varga, author of "The Quiet Cost Of Cheap Implants." '
            '"We removed them in time," Varga said of her patients.\n')
    assert [q.text for q in find_quotes("a", text)] == ["We removed them in time"]
    song = 'Ruiz rapped on 2015\'s "Song of the Harbour" about the flood.\n'
    assert find_quotes("a", song) == []
    chant = 'Protesters outside the court shouted "Death To The Dam Board! Death To Its Chair!"\n'
    assert [q.text for q in find_quotes("a", chant)] == ["Death To The Dam Board! Death To Its Chair!"]


def test_a_verb_of_saying_inside_the_quote_credits_no_one():
    words = "It is with great sadness that we confirm the death of our friend and bandmate Dale Ostrow"
    brief = _brief(f'The band said in a statement: "{words}."\n', f'"{words}," the statement read.\n')
    speakers = {q.speaker for q in brief.story.quotes}
    assert "we" not in speakers and "We" not in speakers, speakers


def test_a_verb_inside_quotes_is_found_by_counting_marks_once_a_sentence():
    import time

    from newsweave.crosscheck.attribution import _inside_quote, _quote_marks
    from newsweave.story import Sentence

    text = 'Ruiz said: "We confirm it," and "we deny the rest." Police said so.'
    sentence = Sentence(document="a", start=100, end=100 + len(text), text=text, index=0)
    marks = _quote_marks(sentence)
    assert [_inside_quote(marks, 100 + text.index(word)) for word in ("said", "confirm", "and", "deny", "Police")] == [
        False, True, False, True, False]
    # a hostile sentence of 100,000 quoted verbs: the marks are found once, each verb asks in log time
    text = '"said" ' * 100_000
    sentence = Sentence(document="a", start=0, end=len(text), text=text, index=0)
    started = time.perf_counter()
    marks = _quote_marks(sentence)
    assert sum(_inside_quote(marks, i * 7 + 1) for i in range(100_000)) == 100_000
    assert time.perf_counter() - started < 2.0  # (a count of the marks before each verb took minutes)


def test_they_are_not_the_one_person_named_before():
    text = ("Linguist Ada Brill wrote the grammar in 1985. The studio's lawyers disagree. "
            '"A language nobody speaks cannot be copied from anybody," they write in the filing.\n')
    brief = _brief(text, "The studio says the grammar is its own.\n")
    assert not [q for q in brief.story.quotes if q.speaker and "Brill" in q.speaker]


def test_a_name_in_a_clause_of_another_event_does_not_make_one_meeting():
    first = ("One of the accused men had met in August with Dale Ostrow, the suspected organiser of the raids, "
             "prosecutors said.\n")
    second = ("In late September the envoy met privately with the militia leaders to try to persuade them to hand over "
              "Dale Ostrow, officials said.\n")
    brief = newsweave.brief([Document(id="r1", text=first, published="2026-10-15"),
                             Document(id="r2", text=second, published="2026-10-16")])
    assert _of_kind(brief, "date") == []  # two meetings, not one dated two ways
    # the same meeting, its name inside the event's own words, dated two ways, is flagged
    second = "The accused man met with Dale Ostrow in late September, prosecutors said.\n"
    brief = newsweave.brief([Document(id="r1", text=first, published="2026-10-15"),
                             Document(id="r2", text=second, published="2026-10-16")])
    assert len(_of_kind(brief, "date")) == 1


def test_a_sentence_of_two_facts_is_one_fact_with_each_of_their_groups():
    """A sentence holds a claim per fact, so it is in several fact groups; the count reader kept only the
    group built last, so the arrests' sentence was "one fact" with the bridge's group, not the arrests'."""
    from newsweave.crosscheck.numbers import number_discrepancies

    arrests = "Police said 12 people were arrested after the match at Harlow stadium, and the mayor closed the Velm bridge.\n"
    detained = "Officers detained 15 people outside the ground on Saturday night.\n"
    story = newsweave.brief([Document(id="r0", text=arrests), Document(id="r1", text=detained)]).story
    # the aligner's grouping, made by hand: the two counts one fact, the bridge a fact of its own, built later
    add_fact_group(story, shortest_claim(story, "r0", "arrested"), shortest_claim(story, "r1", "detained"))
    add_fact_group(story, shortest_claim(story, "r0", "bridge"))
    assert [sorted(v.value for v in d.values) for d in number_discrepancies(story)] == [["12", "15"]]


def test_only_claims_of_two_reports_with_figures_of_one_measure_are_compared_and_in_order():
    from types import SimpleNamespace

    from newsweave.crosscheck.numbers import _sharing_a_measure

    claims = [SimpleNamespace(document=d) for d in ("r0", "r0", "r1", "r1", "r2")]
    homes, injured = ("count", "homes", ""), ("count", "people", "injured")
    figures = [[(homes, None)], [(injured, None)], [(homes, None), (homes, None)], [], [(injured, None), (homes, None)]]
    # r0's two claims share no report-pair with each other; the claim with no figure is never asked about
    assert _sharing_a_measure(claims, figures) == [(0, 2), (0, 4), (1, 4), (2, 4)]


def test_someone_quoted_by_a_newspaper_is_the_speaker_and_the_newspaper_the_origin():
    from newsweave.crosscheck.attribution import sentence_attributions

    text = ("The exit was burning. ``It shows the fire could have been set,'' Ralf Joss was quoted as telling the "
            "newspaper Harlowbladet. ``We left home 18 years ago,'' the girls' uncle, Ivo Brandt, was quoted as saying by "
            "the Velmish daily Dagens Harlow.\n")
    story = newsweave.brief([Document(id="a", text=text)]).story
    found = {(a.speaker, a.origin, a.kind) for a in sentence_attributions(story).values()}
    assert found == {("Ralf Joss", "Harlowbladet", "outlet"), ("the girls' uncle, Ivo Brandt", "Dagens Harlow", "outlet")}


def test_an_outlet_credited_in_a_phrase_with_no_one_saying():
    """'A copy of the order, obtained by The Times and first reported by NBC News, left open …': no verb of saying has
    a subject there, and the credit was missed; so were 'in an interview with AllHipHop.com', '[via TorrentFreak.com]' and
    'says David Graham at The Atlantic' (the parse hangs 'at' on 'says')."""
    from newsweave.crosscheck.attribution import sentence_attributions

    text = ("A copy of the order, first reported by Valley Radio 6, left open whether the dam would be drained.\n\n"
            "He later admitted sending the posts in an interview with the Lakeside Courier, where he also spoke of the band.\n\n"
            "The studio's lawyers say a made-up language is no one's property. [via HarlowFreak.com]\n\n"
            "\"He faces a hard road in the primaries,\" says Dana Roe at the Harlow Gazette.\n\n"
            "He moved to Riverton in June with his family, and the band split on Friday.\n")
    story = newsweave.brief([Document(id="a", text=text)]).story
    credited = {a.origin for a in sentence_attributions(story).values() if a.origin}
    assert credited == {"Valley Radio 6", "Lakeside Courier", "HarlowFreak.com", "Harlow Gazette"}
    # the report's own foot line says which outlet it is, and credits no one (origins.own_outlet reads it)
    foot = newsweave.brief([Document(id="a", text="Dinosaur feet were huge.\n\nOriginal article on Live Science.\n")]).story
    assert not any(a.origin for a in sentence_attributions(foot).values())


def test_a_lead_in_line_of_its_own_credits_the_quote_paragraph_after_it():
    """'He told the BBC:' on a line of its own, the quote in the next paragraph: the quote was uncredited."""
    text = ("Mark Dollan spoke at length about the dam.\n\nHe told the Harlow Courier:\n\n"
            "\"We will rebuild every home that the river took from us, street by street.\"\n")
    (quote,) = newsweave.brief([Document(id="a", text=text)]).story.quotes
    assert (quote.speaker, quote.origin) == ("Mark Dollan", "Harlow Courier")
    # a line that ends a paragraph without a colon opens nothing
    plain = text.replace("He told the Harlow Courier:", "He told the Harlow Courier on Monday.")
    (quote,) = newsweave.brief([Document(id="a", text=plain)]).story.quotes
    assert quote.speaker is None


def test_a_station_the_model_cuts_in_two_is_one_origin():
    """'Neighbors told Channel 11 Wednesday': the parser made 'Channel' and '11' two objects, and the brief
    named an origin 'Channel' (mn-val-4)."""
    from newsweave.crosscheck.attribution import sentence_attributions

    text = "Neighbors told Channel 11 Wednesday that they saw the teacher on the porch of the house.\n"
    story = newsweave.brief([Document(id="a", text=text)]).story
    assert {a.origin for a in sentence_attributions(story).values()} == {"Channel 11"}


@pytest.mark.parametrize("name, outlet, tidy", [
    ("the newspaper Harlowbladet", True, "Harlowbladet"),
    ("the Velmish daily Dagens Harlow", True, "Dagens Harlow"),
    ("the newspaper", False, "newspaper"),
    ("the daily grind of Harlow", False, "daily grind of Harlow"),
    # the word of the trade after the name, with what comes before it (origins measure, 2026-12-05)
    ("Korvet newspaper", True, "Korvet"),
    ("Velmia's official Tanir news agency", True, "Tanir"),
    ("private ZKV television", True, "ZKV"),
    ("the independent al-Marsad newspaper", True, "al-Marsad"),
    ("local newspaper the Daily Lantern", True, "Daily Lantern"),
    ("news station WQRT", True, "WQRT"),
    ("daily Korvet on Saturday", True, "Korvet"),
    ("WQRT", True, "WQRT"), ("WQR-TV", True, "WQR-TV"), ("Fox 8", True, "Fox 8"),
    ("Velmish television", False, "Velmish television"),  # a nationality names no outlet
    ("A Kurdish news agency", False, "A Kurdish news agency"),
    ("The magazine", False, "magazine"),  # an article is no name
    ("the government-run Velmish Mail newspaper", True, "Velmish Mail"),
    ("WHO", False, "WHO"),  # three letters: not a call sign
    # tune2 of the origins measure (2026-12-05, twelfth sitting)
    ("U.S. magazine Brask & Vell", True, "Brask & Vell"),  # a leading word may hold a point; "&" joins one name
    ("Brask & Vell magazine", True, "Brask & Vell"),
    ("magazine &", False, "magazine &"),
    ("HarlowBeat.com", True, "HarlowBeat.com"),  # a site named by its address
    ("harlow.com", False, "harlow.com"),
    # described, not named (duc03-d30005 credited "Saudi-owned" as an origin, 2026-12-06, nineteenth sitting)
    ("a leading Velmish-owned newspaper", False, "a leading Velmish-owned newspaper"),
    ("the Harlow-based daily Korvet", True, "Korvet"),
    ("the Velmish-language Korvet newspaper", True, "Korvet"),
    ("the daily Al-Marsad", True, "Al-Marsad"),  # a name's hyphened words are capitalised on both sides
    # tune2 of the origins measure, read again (2026-12-06, twenty-fourth sitting): a channel or network by its
    # trade, where an outlet is from, and an outlet's show named with it
    ("the Harlow-based satellite channel KVR", True, "KVR"),
    ("the Korvet satellite channel", True, "Korvet"),
    ("the Velmish television network", False, "Velmish television network"),  # a nationality names no outlet
    ("the Sunday Courier of Harlow", True, "Sunday Courier"),
    ("NBC's Morning Hour", True, "NBC"),
    ("WQRT’s Evening Line program", True, "WQRT"),
    ("the Harlow Herald's Sunday edition", False, "Harlow Herald's Sunday edition"),  # (no show: an edition)
    ("Dana Kell's Morning Hour", False, "Dana Kell's Morning Hour"),  # a person's show names no outlet
    ("the Bank of Harlow", False, "Bank of Harlow"),
    ("the Post of Harlow", False, "Post of Harlow"),  # a short form that may be a person's name
    ("the website Korvet", True, "Korvet"), ("the newspaper The Lantern", True, "Lantern"),
    ("the Harlow County website", False, "Harlow County website"),  # a site named before the word is no outlet
])
def test_an_outlet_the_report_calls_one_is_an_outlet(name, outlet, tidy):
    from newsweave.crosscheck.outlets import tidy_name

    assert (is_outlet(name), tidy_name(name)) == (outlet, tidy)


def test_a_quote_far_on_in_a_one_line_report_is_not_the_last_speaker_s():
    """A wire report is often one line: a quote that names no one ten sentences after Ines Varga's is not hers."""
    quoted = "``The water came so fast,'' said Ines Varga, who lives by the dam."
    middle = " ".join(f"Crews worked on section {n} of the wall on Tuesday." for n in range(1, 9))
    cards = "The cards left at the gate were brief: ``We will see you again,'' and ``We miss you.''"
    again = "``We will see you again,'' read one card at the gate, the Courier reported."
    brief = newsweave.brief([Document(id="r1", text=f"{quoted} {middle} {cards}\n"),
                             Document(id="r2", text=f"{middle} {again}\n")])
    quote = next(q for q in brief.story.quotes if "see you again" in q.text)
    assert "Varga" not in (quote.speaker or "")


def test_a_passage_one_report_quotes_whole_and_another_in_two_pieces_is_listed_once():
    """Report 1 quotes the whole call, which quotes the caller's own words again inside it; report 2 quotes two
    pieces. Each piece matched a different quote of report 1 (the whole, and the words inside it), so the brief
    listed the second piece's words twice under "Quoted by several reports"."""
    whole = ("\"I was the one being chased and I fought back. I'm like, 'So it's my fault because I asked them to turn "
             "their music down.' I refused to be a victim and now I am locked up,\" Dale Ostrow said from jail.\n")
    pieces = ("\"I was the one being chased and I fought back,\" Dale Ostrow said from jail. He added: \"So it's my fault "
              "because I asked them to turn their music down.\"\n")
    brief = newsweave.brief([Document(id="r1", text=whole), Document(id="r2", text=pieces)])
    shared = [q for q in brief.story.quotes if len(q.documents) > 1]
    assert len(shared) == 1
    (quote,) = shared
    assert quote.text.startswith("I was the one being chased") and "locked up" in quote.text
    assert sorted(e.document for e in quote.evidence) == ["r1", "r2", "r2"]  # both pieces cited, the whole once


def _credits(text: str) -> list[tuple[str | None, str | None]]:
    from newsweave.crosscheck.attribution import sentence_attributions

    story = newsweave.brief([Document(id="a", text=text)]).story
    found = sentence_attributions(story)
    return [(found[key].speaker, found[key].origin) for key in sorted(found)]


def test_an_outlet_a_report_describes_is_credited_by_every_name_it_then_uses():
    """The origins measure's tune part (2026-12-05): 'the daily Hurriyet said', 'Hurriyet newspaper said', 'NTV
    quoted him' after 'private NTV television reported', and 'the newspaper said' after a named one."""
    text = ("Troops crossed the border on Friday, the daily Korvet said. The army sealed the roads, private ZKV "
            "television reported. ``There is a limit,'' ZKV quoted the minister as saying. The ministry will meet on "
            "Monday, the newspaper said.\n")
    assert [origin for _, origin in _credits(text)] == ["Korvet", "ZKV", "ZKV", "ZKV"]
    story = newsweave.brief([Document(id="a", text=text)]).story
    assert not any(a.inferred for a in story.attributions)  # named before, not inferred


def test_a_broadcaster_named_by_its_country_is_not_the_country():
    """'Israel radio said two suitcases …' credited 'Israel': the state, read as the source of the report."""
    text = ("Two suitcases were found near the market, Valdoria radio said. The police sealed the square, Valdoria TV "
            "reported. Syrian television showed the square empty.\n")
    assert [origin for _, origin in _credits(text)] == ["Valdoria Radio", "Valdoria TV"]


def test_an_acronym_with_the_article_names_its_outlet():
    from newsweave.crosscheck.outlets import names_outlet

    assert names_outlet("THR", "The Hollywood Reporter") and names_outlet("WSJ", "Wall Street Journal")
    assert not names_outlet("the Today program", "BBC")


def test_a_coined_name_is_the_outlet_s_own_not_a_short_form():
    from newsweave.crosscheck.outlets import OutletNames

    names = OutletNames("A source close to the couple has told MailOnline that they are done.")
    assert names.resolve("MailOnline") == "Daily Mail"
    assert OutletNames("The Journal said so.").resolve("the Journal") == "Journal"  # an ordinary word stays as written


def test_an_outlet_that_has_learned_and_a_person_who_learned():
    assert _credits("The company forced out its chief executive, Quillfeed has learned.\n") == [(None, "Quillfeed")]
    assert _credits("She learned that the ferry had sunk.\n") == []


def test_an_outlet_s_journalist_reports_for_it_and_an_interview_given_to_it_credits_it():
    text = ("The Gazette's Ann Lee reports that the convoy turned back. Gazette correspondent Ann Lee says shelling "
            "resumed at dawn. \"We had the facts on our side,\" Ivo Brandt said in a telephone interview with Bloomberg "
            "News. In a statement to WQRT, Mara Holt explained her side of the story. The mayor told CNN's Pia Marr "
            "the port would reopen.\n")
    assert [origin for _, origin in _credits(text)] == ["Gazette", "Gazette", "Bloomberg", "WQRT", "CNN"]


def test_a_magazine_that_alleges_and_an_interview_given_during_a_visit():
    text = ("U.S. magazine Brask & Vell alleges that the couple split in June. The singer told HarlowBeat.com he was "
            "fine. The mayor said during an interview with CNN that the dam was safe.\n")
    assert [origin for _, origin in _credits(text)] == ["Brask & Vell", "HarlowBeat.com", "CNN"]


@pytest.mark.parametrize("text, credited", [
    # 'confirmed the deal to the Harlow Post', 'The Washington Post stated that', 'told the Baltimore Sun', 'the
    # Chicago Sun-Times', 'ESPN is reporting'; 'Another news agency' is no outlet "Another"
    ("A source confirmed the deal to the Harlow Post. The Washington Post stated that the offer was $180 million. "
     "The Orioles told the Riverton Sun that they were out. The coach told the Harlow Sun-Times he was happy. ESPN is "
     "reporting that the Yankees offered more. Party Leader Tom Reed said the vote was close. Another news agency "
     "quoted the governor as saying he was sad.\n",
     ["Harlow Post", "Washington Post", "Riverton Sun", "Harlow Sun-Times", "ESPN", None, None]),
    # 'According to this L.A. Times story', 'According to Michael Silverman of the Boston Herald', '... told the
    # newspaper' (the outlet credited the sentence before); a speaker "Ann Roe of Fox Sports" is Roe, and "Harlow
    # Youth Sports" is not her
    ("According to this L.A. Times story, the Angels have made an eight-year offer. According to Dana Kell of the "
     "Harlow Herald, the Reds are out. According to John Smith of the Harlow Police Department, the road is closed. A "
     "Riverton Post report said the Mets were out. The Anchorage Daily News reported Sunday that the fire was set. The "
     "pastor told the newspaper that the church would rebuild.\n\nThe Nationals offered more, reports Ann Roe of Fox "
     "Sports. Harlow Youth Sports said the field was closed.\n",
     ["Los Angeles Times", "Harlow Herald", None, "Riverton Post", "Anchorage Daily News", "Anchorage Daily News",
      "Fox Sports", None]),
])
def test_credits_the_ecbplus_briefs_missed(text, credited):
    """Read off ECB+ briefs (2026-12-06): each of these credited no outlet, or a wrong one."""
    assert [origin for _, origin in _credits(text)] == credited


def test_a_rank_s_abbreviation_is_part_of_the_speaker_s_name():
    """Read off ECB+ briefs: cut from its stop, "Sgt." ended the speaker ("Bloomington Police Sgt") and the parser
    read "Marty Earley." as a sentence of its own."""
    text = ('Tom Gallagher chased the driver across the lot, police said.\n\n"It was terrible," said Gallagher, a '
            'shopper.\n\n"He was pretty shook up. He tried to give first aid," said Harlow Police Sgt. Marty Earley.\n')
    quotes = {q.text: q.speaker for q in newsweave.brief([Document(id="a", text=text)]).story.quotes}
    assert quotes["He was pretty shook up. He tried to give first aid"] == "Harlow Police Sgt. Marty Earley", quotes


def test_credits_to_a_channel_an_outlet_of_a_place_and_an_outlet_s_show():
    """Read off the origins measure's tune2 part (2026-12-06, twenty-fourth sitting): each credited no outlet."""
    text = ("The men told the Harlow-based satellite channel KVR in October that they were ready to stand trial. In an "
            "interview published on Oct. 18 in the Sunday Courier of Harlow, Holt was quoted as saying he would hand "
            "them over. Mr. Roe told NBC's Morning Hour that the deal was void.\n")
    assert [origin for _, origin in _credits(text)] == ["KVR", "Sunday Courier", "NBC News"]


def test_an_outlet_that_notes_adds_estimates_explains_or_warns_is_credited():
    """An outlet as the subject of these verbs was read as a speaker with no outlet credited."""
    text = ("The Harlow Herald noted that the dam had leaked before. The Riverton Post added that two people were hurt. "
            "The Riverton Post estimated that 1,200 people left. The newspaper explained that the road was shut. More "
            "rain is due on Friday, the Harlow Herald warned.\n")
    assert [origin for _, origin in _credits(text)] == ["Harlow Herald", "Riverton Post", "Riverton Post", "Riverton Post",
                                                         "Harlow Herald"]
    # what an outlet does is no credit: "added 20 pages", "warned readers about a scam"
    done = ("The Harlow Herald added 20 pages to its Sunday edition. The Riverton Post noted the anniversary with a "
            "special issue. The Riverton Post warned readers about a scam.\n")
    assert [origin for _, origin in _credits(done) if origin] == []
    # nor when "the newspaper" is the outlet credited just before
    after = "The Harlow Herald reported that the dam leaked. The newspaper added 20 pages to its Sunday edition.\n"
    assert [origin for _, origin in _credits(after)] == ["Harlow Herald", None]


@pytest.mark.parametrize("sentence", [
    "The dam had leaked for weeks, per the Harlow Herald.",
    "In comments to the Harlow Herald, the engineer said the dam had leaked for weeks.",
    "Speaking to the Harlow Herald, the engineer said the dam had leaked for weeks.",
    "The engineer said on the Harlow Herald's podcast that the dam had leaked for weeks.",
    "The dam had leaked for weeks, the engineer wrote in a column for the Harlow Herald.",
    "The dam had leaked for weeks, the engineer told Valley Radio 6's Morning Show.",
    # a second probe
    "The dam had leaked for weeks, according to a Harlow Herald tally.",
    "The engineer said in a Harlow Herald interview that the dam had leaked for weeks.",
    "The Harlow Herald cited two engineers as saying the dam had leaked for weeks.",
    "Two engineers were cited by the Harlow Herald as saying the dam had leaked for weeks.",
    "The dam had leaked for weeks, according to figures compiled by the Harlow Herald.",
    "The dam had leaked for weeks, the engineer told the Harlow Herald-Leader.",
    "The dam had leaked for weeks, the engineer wrote on the Harlow Herald's website.",
    "The dam had leaked for weeks, the engineer said in an email to the Harlow Herald.",
    "A report in Tuesday's Harlow Herald said the dam had leaked for weeks.",
    "A Harlow Herald investigation found that the dam had leaked for weeks.",  # an outlet's own finding
])
def test_more_ways_a_report_credits_an_outlet(sentence):
    """Phrasings of a credit a probe of common ones (2026-12-06, twenty-fourth sitting) found newsweave missed."""
    origins = [origin for _, origin in _credits(f"Harlow Dam leak. {sentence}\n") if origin]
    assert origins and origins[0] in ("Harlow Herald", "Valley Radio 6", "Harlow Herald-Leader")


@pytest.mark.parametrize("sentence", [
    "The river rose 15 per cent in a day.",  # "per" names no outlet
    "He wrote for the Harlow Herald for twenty years before he retired.",  # a career, not a credit
    "The council sent the money to the Harlow Herald's charity.",
    "Police cited the driver for speeding near the Harlow Herald's offices.",  # "cite" credits only words cited
    # a survey or a poll is most often a company's or a pollster's, whatever its name ends in
    "Most brides spend more than planned, according to a 2014 survey by American Express.",
    "Police found a body near the Harlow Herald's offices.",  # a verb of finding credits only an outlet's own work
    "The report found that the wall was weak.",
])
def test_phrases_like_a_credit_that_credit_no_outlet(sentence):
    assert not [origin for _, origin in _credits(f"Harlow Dam leak. {sentence}\n") if origin]


def test_she_and_they_after_a_speaker_who_spoke_to_an_outlet_go_on_crediting_it():
    """A probe of common phrasings (2026-12-06, twenty-fourth sitting): "she said" after a name the model did not tag
    as a person, and "They said" after "Two engineers told the Harlow Herald", credited no one."""
    quoted = '"The dam held," Holt told the Harlow Herald. "Repairs will take weeks," she said.\n'
    assert _credits(quoted) == [("Holt", "Harlow Herald"), ("Holt", "Harlow Herald")]
    group = "Two engineers told the Harlow Herald the dam had leaked for weeks. They said the authority knew.\n"
    assert [origin for _, origin in _credits(group)] == ["Harlow Herald", "Harlow Herald"]
    # a place the model tags is no "she": "Turkey said ... she said" is not Turkey speaking
    place = 'Turkey said the border was shut. "We will wait," she said.\n'
    assert _credits(place)[-1][0] != "Turkey"
    # an outlet's journalist stays the speaker when the outlet is credited
    assert _credits("The Harlow Herald's Paul Adams, in Velmar, says the dam held.\n") == [
        ("The Harlow Herald's Paul Adams", "Harlow Herald")]
    # "they" is not one person, nor a group said of two sentences before
    later = ("Two engineers told the Harlow Herald the dam had leaked for weeks. The river rose on Monday. The county "
             "closed the road on Tuesday. They said the authority knew.\n")
    assert [origin for _, origin in _credits(later)] == ["Harlow Herald", None]


def test_words_given_to_an_outlet_credit_it_and_a_gift_does_not():
    """'a statement provided to NPR by a publicist', 'says Ann Roe at Glenn Beck's site The Blaze' (tune2 of the
    origins measure); money given to a paper is no credit of it."""
    text = ("The singer died on Monday, according to a statement provided to the Harlow Herald by a publicist. The club "
            "sent a statement to the Riverton Post saying it was sorry. He gave the money to the Harlow Herald. \"The "
            "seat is open,\" says Ann Roe at Dana Kell's site The Lantern.\n")
    assert [origin for _, origin in _credits(text)] == ["Harlow Herald", "Riverton Post", "Lantern"]


def test_an_outlet_that_asked_is_the_origin_of_the_answer():
    text = "\"It's fine, I'm over it,\" she said when The Hollywood Reporter asked about the incident.\n"
    assert [origin for _, origin in _credits(text)] == ["The Hollywood Reporter"]


def test_a_speaker_named_anywhere_in_a_credit_goes_on_speaking_to_that_outlet():
    """'Video editor and director Jakob Hernig tells News 10 ...' then 'Hernig said ...': the parse made 'editor'
    the speaker, so the next sentence's Hernig was a new one, credited to no outlet."""
    text = ("Video editor and director Jan Holt tells News 10 it took a team of friends to pull off the stunt. Holt said "
            "two brothers fixed the truck and set up the jump.\n")
    assert [origin for _, origin in _credits(text)] == ["News 10", "News 10"]


def test_a_sentence_final_credit_the_parse_leaves_without_a_subject():
    """', Indonesia's official Antara news agency reported Sunday.': the model hung the agency on the last place name."""
    text = ("JAKARTA, Indonesia (AP) _ Assailants killed three soldiers in the hills of East Timor, Velmia's official "
            "Tanir news agency reported Sunday.\n")
    assert "Tanir" in [origin for _, origin in _credits(text)]


def test_outlets_in_apposition_a_report_of_theirs_and_what_they_obtained():
    """The origins measure's second tuning part (2026-12-05): 'Two London newspapers, The Guardian and ... Al-Hayat,
    reported', 'Al-Hayat's report said', 'according to a copy of the order obtained by NBC News', 'says David
    Graham at The Atlantic', 'He said on NBC', 'In an interview published ... in the Sunday Times, X was quoted'."""
    text = ("Two London newspapers, The Guardian and the Arabic daily Al-Sabah, reported Wednesday that three officials "
            "were jailed. Al-Sabah's report said the minister would not comment. The order bars her from speaking, "
            "according to a copy of the order obtained by NBC News. \"He would have a tough road,\" says Dana Kell at "
            "The Atlantic. He said on NBC there was no question about the deal. In an interview published on Oct. 18 "
            "in the Sunday Times, Ivo Brandt was quoted as saying that he wanted peace.\n")
    assert [origin for _, origin in _credits(text)] == [
        "The Guardian", "Al-Sabah", "NBC News", "The Atlantic", "NBC News", "Sunday Times"]


def test_a_described_name_the_table_knows_is_the_table_s_outlet():
    from newsweave.crosscheck.outlets import OutletNames, is_outlet

    assert OutletNames("").resolve("British Broadcasting Corp. radio") == "BBC"
    assert not is_outlet("Newsom")


def test_two_names_for_one_speaker_are_no_attribution_disagreement():
    # (the second precision audit's false attribution flag) the body a speaker speaks for is not his name
    brief = _brief('"That person is dangerous and needs to be found as soon as possible," said Lt. Gregg Hale of the '
                   'Varna State Police.',
                   '"That person is dangerous and needs to be found as soon as possible," said Varna State Police Lt. '
                   'Gregg Hale.')
    assert _of_kind(brief, "attribution") == []


def test_a_quote_of_thousands_of_clock_times_is_read_in_time():
    """Hostile input: a quote of 140,000 times of day. Each time was written into the text by cutting the whole
    quote anew (15 s); the pieces are now joined once."""
    import time

    from newsweave.crosscheck.quotes import _words

    quote = " ".join(f"{n % 12 + 1}:{n % 60:02d}pm" for n in range(140_000))
    started = time.perf_counter()
    words = _words(quote)
    assert time.perf_counter() - started < 5.0
    assert len(words) == 140_000 and words[0] == "t1300" and words[-1] == "t2019"


def test_it_reported_right_after_an_outlet_is_credited_is_that_outlet():
    """'Star reports that … It reported that Humphries has been spotted partying …' was '2 origins: Star, report 4'
    beside a report crediting Star for the same words: the pronoun lost the credit. Only what a publication does
    ('it reported', 'it revealed') is read so, and only right after: 'It said' may be a company or a ministry."""
    brief = newsweave.brief([
        {"id": "a", "text": ("Us Weekly reports that the singer Mara Velt has consulted a divorce lawyer. "
                             "It reported that her husband was seen partying in Miami without her last weekend.\n")},
        {"id": "b", "text": ("According to Us Weekly, her husband was seen partying in Miami without her last weekend. "
                             "Velt has not commented.\n")},
        {"id": "c", "text": ("The Tessel Courier reported that the Harlow Mill Company had opened a plant in Tessel. "
                             "It said it would hire 200 workers.\n")},
    ])
    by_sentence = {(a.document, a.sentence): a for a in brief.story.attributions}
    assert by_sentence["a", 1].origin == "Us Weekly"
    (partying,) = [g for g in brief.story.facts if "partying" in g.representative.text and len(g.documents) == 2]
    assert partying.origins == ["Us Weekly"]
    assert ("c", 1) not in by_sentence or by_sentence["c", 1].origin is None  # a company's "it said"


_MAYOR = "Ann Moro, the mayor of Velmar, was remembered by friends, her family said. "


@pytest.mark.parametrize("first, second, flagged", [
    ("Moro died on Sunday at her home.", "Moro died on Saturday in a Velmar hospital.", True),
    ("Moro died on Sunday at her home.", "Moro died on Oct. 17, her family said.", True),
    ("Moro died on Sunday at her home.", "Moro died on Sunday, her family said.", False),  # one day, however named
    # an event that comes back: two meetings, on a day each report names from its own day
    ("The council met Moro on Sunday.", "The council met Moro on Saturday.", False),
])
def test_a_weekday_dates_an_event_that_befalls_a_thing_once(first, second, flagged):
    """A probe (2026-12-07, twenty-sixth sitting): a day named from a report's own day ("Sunday") is no date to
    compare in general (the saying of things, meetings, come again), but a death happens once: "died on Sunday" in
    one report and "died on Saturday" in another, published the same day, disagree. The brief shows the day it
    resolves to."""
    brief = _published((_MAYOR + first + "\n", "2026-10-20"), (_MAYOR + second + "\n", "2026-10-20"))
    found = _of_kind(brief, "date")
    assert bool(found) is flagged, [(d.subject, [v.value for v in d.values]) for d in found]
    if flagged:
        assert found[0].subject == "date of death (Ann Moro)"
        assert "“Sunday (2026-10-18)” [1]" in brief.to_markdown()
        for value in found[0].values:  # each side's evidence is the day as its report writes it
            (e,) = value.evidence
            assert brief.story.document(e.document).text[e.start:e.end] == value.value


@pytest.mark.parametrize("first, first_day, second, second_day", [
    # a Sunday in a report of the next week is most often the Sunday before: two days named from two reports' days
    ("Moro died on Sunday.", "2026-10-20", "Moro died on Sunday.", "2026-10-27"),
    # a name that says whose someone is: the mother's death, the brother's birth, the daughter's wedding
    ("Moro's mother died on Sunday.", "2026-10-20", "Moro died on Saturday.", "2026-10-20"),
    ("Moro was born in 1951 in Velmar.", None, "Moro's brother was born in 1953.", None),
    ("Moro married Tom Holt in 1975.", None, "Moro's daughter married in 1999.", None),
])
def test_one_thing_s_event_is_not_anothers(first, first_day, second, second_day):
    """A probe of false alarms (2026-12-07, twenty-sixth sitting): each pair gives two events, not one dated two ways."""
    brief = _published((_MAYOR + first + "\n", first_day), (_MAYOR + second + "\n", second_day))
    found = _of_kind(brief, "date")
    assert found == [], [(d.subject, [v.value for v in d.values]) for d in found]


@pytest.mark.parametrize("first, second, flagged", [
    # the one day each opening gives, of one named thing, whatever word names the event
    ("The Velmar space agency said Tuesday that its orbiter Pell-2 will lift off on Sept. 14 from the Tannock site.",
     "Pell-2, the agency's moon orbiter, is scheduled to launch from Tannock on Sept. 21, the agency announced Tuesday.",
     True),
    # a day still to come and a day gone by are two events
    ("The Velmar space agency said Tuesday that its orbiter Pell-2 will lift off on Sept. 14 from the Tannock site.",
     "Pell-2, the agency's moon orbiter, failed a test at Tannock on Feb. 21, the agency announced Tuesday.", False),
])
def test_the_one_day_each_opening_gives_of_one_thing_is_compared(first, second, flagged):
    """A blind probe (2026-12-07, twenty-seventh sitting): "will lift off on Sept. 14" and "is scheduled to launch ...
    on Sept. 21" name one event with two words; each report's opening gives one day, of one named thing."""
    brief = _published((first + "\n", "2026-03-03"), (second + "\n", "2026-03-03"))
    found = _of_kind(brief, "date")
    assert bool(found) is flagged, [(d.subject, [v.value for v in d.values]) for d in found]
    if flagged:
        assert sorted(v.value for v in found[0].values) == ["Sept. 14", "Sept. 21"]
        for value in found[0].values:
            (e,) = value.evidence
            assert brief.story.document(e.document).text[e.start:e.end] == value.value


def test_a_company_the_model_takes_for_a_person_in_one_report_is_one_name_misspelt():
    """A blind probe (2026-12-07, twenty-seventh sitting): the small model tags "Quellmara Biologics" a person and
    "Quellmora Biologics" an organisation; two words ending in one word are one name spelt two ways."""
    brief = _brief("Quellmara Biologics said on Wednesday it would build a $300 million plant in Velmar, creating "
                   "about 450 jobs. The plant will make antibody drugs.",
                   "Antibody drugmaker Quellmora Biologics announced plans Wednesday for a $300 million site in Velmar "
                   "that would employ around 450 people.")
    (found,) = _of_kind(brief, "name")
    assert sorted(v.value for v in found.values) == ["Quellmara Biologics", "Quellmora Biologics"]
    _assert_evidence_holds_values(found, _texts(brief))


@pytest.mark.parametrize("added, flagged", [
    ("probably ", True),  # a hedge
    ("not ", True),  # a denial
    ("very ", False),  # a word an editor may cut, not one that changes what is said
])
def test_a_word_that_changes_what_is_said_added_inside_a_quote_is_a_rewording(added, flagged):
    """A blind probe (2026-12-07, twenty-eighth sitting): "no plans to close" against "no immediate plans to close".
    An editor's cut drops words; a hedge or a "not" that one report has inside the other's words is a change."""
    said = "the mayor told reporters on Monday."
    brief = _brief(f"\"We will reopen the old library in June after the repairs,\" {said}",
                   f"\"We will {added}reopen the old library in June after the repairs,\" {said}")
    found = _of_kind(brief, "quote")
    assert bool(found) is flagged
    if flagged:
        assert {d for v in found[0].values for d in v.documents} == {"r1", "r2"}


def test_a_speaker_with_a_hyphenated_title_is_named():
    """A blind probe (2026-12-07, twenty-eighth sitting): the parse splits "co-founder" into subjects of their own
    ("co", "-", "founder"), and "co" stood as the speaker, so the same words credited to two people went unseen."""
    words = "\"It is the best harvest we have had in years,\""
    brief = _brief(f"{words} said co-founder Mira Lassen at the farm on Monday.",
                   f"{words} said chief executive Tom Brandt at the farm on Monday.")
    (found,) = _of_kind(brief, "attribution")
    assert {v.normalized for v in found.values} == {"Lassen", "Brandt"}
    _assert_evidence_holds_values(found, _texts(brief))
    assert any(q.speaker and q.speaker.startswith("co-founder Mira Lassen") for q in brief.story.quotes)


def test_a_speaker_s_party_in_brackets_is_no_surname():
    words = "\"It now seems clear that the committee will not meet before the recess,\""
    brief = _brief(f"{words} said Rep. Ana Torvik of Oregon, the panel's senior Democrat, on Monday.",
                   f"{words} top panel Democrat Ana Torvik (D-Ore.) said on Monday.")
    assert _of_kind(brief, "attribution") == []


@pytest.mark.parametrize("texts, subject, values", [
    (  # charges counted before their crime and after it (the parse hangs "11" off "bank")
        ("Prosecutors filed 11 bank fraud counts against Harl Venner on Friday.",
         "Harl Venner was charged on Friday with 13 counts of bank fraud."),
        "counts of fraud charged", {11, 13},
    ),
    (  # cases of a disease and infections by it
        ("Health officials confirmed 48 cases of cholera in Arlow on Monday. The clinic is full.",
         "Health officials confirmed 84 cholera infections in Arlow on Monday. The clinic is full."),
        "number of cases confirmed", {48, 84},
    ),
])
def test_counts_named_two_ways_are_compared(texts, subject, values):
    """Blind probes (2026-12-07, twenty-eighth sitting): "seven counts of wire fraud" was read as seven people
    charged, and "nine wire fraud counts" as nine wires."""
    (found,) = _of_kind(_brief(*texts), "number")
    assert found.subject == subject
    assert {v.normalized for v in found.values} == values


def test_counts_a_court_convicted_on_are_not_the_counts_laid():
    brief = _brief("Harl Venner was convicted on Friday on two counts of bank fraud.",
                   "Harl Venner was charged in May with 13 counts of bank fraud. On Friday a jury convicted him.")
    assert _of_kind(brief, "number") == []


@pytest.mark.parametrize("first, second, flagged", [
    # the line reported two ways: a hedge for a pledge, its words in common too broken up for runs of three
    ("Health Minister Ines Varga said on Tuesday that \"the new wing will be finished by 2028.\"",
     "\"The new wing should be close to finished by 2028,\" Health Minister Ines Varga told lawmakers on Tuesday.", True),
    # a doubt for a belief, a run of four words in common
    ("Police Chief Dana Holt said on Sunday that \"we believe the driver acted alone.\"",
     "\"We do not yet know whether the driver acted alone,\" Police Chief Dana Holt told reporters on Sunday.", True),
    # another line of the same speaker on the same subject
    ("Health Minister Ines Varga said on Tuesday that \"the new wing will be finished by 2028.\"",
     "\"We will pay for the new wing without raising fees,\" Health Minister Ines Varga told lawmakers on Tuesday.", False),
])
def test_one_speaker_s_one_line_reworded_is_flagged(first, second, flagged):
    """Blind probes (2026-12-07, twenty-eighth sitting): "the budget will be balanced by 2029" against "The budget
    should be close to balance by 2029", both the same minister's; the rules for any two quotes need runs of three
    words over most of the shorter one, which a reworded line breaks."""
    opening = "The ministry held its weekly briefing in Velmar on Monday. "  # (a report's first line may be its title)
    found = _of_kind(_brief(opening + first, opening + second), "quote")
    assert bool(found) is flagged, [[v.value for v in d.values] for d in found]


def test_the_one_day_each_opening_gives_is_compared_when_only_its_sentence_names_the_thing():
    """A blind probe (2026-12-07, twenty-eighth sitting): "his fraud trial, which will now open on June 16" names no
    one in the event's own words; its sentence names Marl Oster, as the other report's does."""
    first = ("The fraud trial of former Velmar mayor Marl Oster is set to begin on June 9, a judge ruled Thursday. "
             "Oster denies the charges.\n")
    second = ("A judge on Thursday refused to delay the fraud trial of ex-Velmar mayor Marl Oster, which will now open on "
              "June 16. Oster denies the charges.\n")
    brief = _published((first, "2026-03-04"), (second, "2026-03-04"))
    (found,) = _of_kind(brief, "date")
    assert sorted(v.value for v in found.values) == ["June 16", "June 9"]


def test_a_dateline_is_the_report_s_own_day_not_its_story_s():
    first = "NOVEMBER 21 — The Velmar space agency launched its Pell-3 weather satellite from Tannock this morning.\n"
    second = ("FRIDAY, NOVEMBER 22 — The Velmar space agency's Pell-3 weather satellite lifted off from Tannock on "
              "Thursday morning.\n")
    brief = _published((first, "2026-11-21"), (second, "2026-11-22"))
    assert _of_kind(brief, "date") == []


def test_a_deal_told_from_its_two_sides_is_one_figure():
    """A blind probe (2026-12-07, twenty-eighth sitting): the buyer signed the player "for £32 million", the player
    moved "for a fee of 23 million pounds". Each claim's subject is a name, but each names the other's too: one
    transfer. ("23 million pounds" also counted pounds, not the fee, until now.)"""
    brief = _brief("Harlow Rovers have signed striker Enzo Pell from Velmar City for £18 million, the club said on "
                   "Monday. Pell has agreed a four-year contract.",
                   "Velmar City striker Enzo Pell has completed a move to Harlow Rovers for a fee of 14 million pounds, "
                   "the buying club said on Monday. Pell signed a four-year deal.")
    (found,) = _of_kind(brief, "number")
    assert sorted(v.value for v in found.values) == ["14 million pounds", "£18 million"]


# One figure told two ways by two reports (blind probes' misses, 2026-12-07, twenty-ninth sitting): each side as written.
@pytest.mark.parametrize("first, second, sides", [
    # blind probes (2026-12-07, twenty-ninth sitting): the level a change left is the figure itself
    ("Health officials in Velmar County confirmed 96 cases of mumps as of Friday. Most of those infected are students.",
     "The mumps outbreak in Velmar County has grown to 69 confirmed infections, health officials said Friday.",
     ["69", "96"]),
    ("The Tannock city council voted 5-4 on Monday to raise the local sales tax rate to 6.5%, starting in July.",
     "Shoppers in Tannock will pay a sales tax of 7.25 percent under a measure the city council approved on Monday.",
     ["6.5%", "7.25 percent"]),
    # blind probes (2026-12-07, twenty-ninth sitting): a crowd's size is a count of people, whatever the crowd did
    ("A crowd of 31,200 watched the Tannock Owls win the regional hockey final against Velmar on Saturday.",
     "The Tannock Owls beat Velmar 4-2 in the regional hockey final on Saturday in front of 36,800 spectators.",
     ["31,200", "36,800"]),
    ("About 8,000 people marched through central Tannock on Sunday against the closure of the city hospital.",
     "Police put the size of Sunday's crowd in Tannock at 15,000, as marchers protested the hospital's closure.",
     ["15,000", "About 8,000"]),
    ("Organisers estimated the crowd at 9,500 as marchers crossed Tannock on Sunday against the hospital's closure.",
     "Some 4,000 people marched through Tannock on Sunday against the closure of the city hospital.",
     ["9,500", "Some 4,000"]),
    # blind probes (2026-12-07, twenty-ninth sitting): a margin of victory is one figure, however the win is told
    ("A recount confirmed on Tuesday that Ines Varga won the Tannock mayoral race by 418 votes, officials said.",
     "Pavel Rusk conceded the Tannock mayoral race on Tuesday after a recount upheld Ines Varga's victory by just "
     "481 votes.", ["418", "481"]),
    # guests are people, and a weekend holds its Saturday
    ("Thirty-seven people were admitted to hospital after eating at a wedding in the village of Tannock on "
     "Saturday, health officials said.",
     "A suspected food poisoning outbreak at a weekend wedding in Tannock put 73 guests in hospital, health "
     "officials said.", ["73", "Thirty-seven"]),
    # a blind probe (2026-12-07, twenty-ninth sitting): two scores of one match
    ("Tannock United came from behind to beat Velmar Athletic 2-1 on Saturday, moving top of the league.",
     "Velmar Athletic let slip a half-time lead as Tannock United rallied for a 3-1 win on Saturday that took them top "
     "of the league.", ["2-1", "3-1"]),
    ("The Tannock city council voted 6-3 on Tuesday to close the Harlow Road library.",
     "In a 5-4 vote on Tuesday, the Tannock city council decided to close the Harlow Road library.", ["5-4", "6-3"]),
    # a second blind tuning set (2026-12-07, twenty-ninth sitting)
    ("Twenty-six people were injured when a gas explosion tore through a bakery in Tannock on Sunday evening.",
     "A gas blast at a bakery in Tannock left 62 people hurt on Sunday evening, police said.", ["62", "Twenty-six"]),
    ("Sixty workers will lose their jobs when the Harlow Glass plant in Tannock closes a furnace in October. The "
     "union called it a blow.",
     "Harlow Glass is eliminating sixteen positions at its Tannock works, where it shuts a furnace from October.",
     ["Sixty", "sixteen"]),
    ("A wildfire in the hills above Tannock has burned 2,700 hectares of pine forest since Friday, officials said.",
     "Some 1,100 hectares of pine woodland have been scorched by a blaze near Tannock since Friday, officials said.",
     ["2,700 hectares", "Some 1,100 hectares"]),
    ("Velmar Pharma has agreed to acquire the start-up Nivra for CHF 45 million in cash, the company said on Monday.",
     "The start-up Nivra is being bought by Velmar Pharma in an all-cash deal worth 54 million Swiss francs, the "
     "company said on Monday.", ["54 million Swiss francs", "CHF 45 million"]),
    ("Customs officers seized a 3.5-tonne shipment of cocaine at the port of Tannock on Monday.",
     "Customs officers at the port of Tannock seized 350 kilograms of cocaine on Monday.", ["3.5-tonne", "350 kilograms"]),
    ("The town of Tannock recorded a temperature of 43.1C on Wednesday, the highest ever measured in the country, the "
     "weather service said. Authorities issued a red alert.",
     "A new national heat record was set in Tannock on Wednesday when thermometers reached 41.3 degrees Celsius, "
     "meteorologists said. The south was placed on red alert.", ["41.3 degrees Celsius", "43.1C"]),
    ("The Tannock council voted 6-5 on Tuesday night to ban cars from the harbour district, the mayor said.",
     "Cars will be banned from Tannock's harbour district after councillors approved the measure by seven votes to "
     "four on Tuesday.", ["6-5", "seven votes to four"]),
])
def test_one_figure_told_two_ways_disagrees(first, second, sides):
    (found,) = _of_kind(_brief(first, second), "number")
    assert sorted(v.value for v in found.values) == sorted(sides)

@pytest.mark.parametrize("second", [
    # how much it changed is no level, nor is where it started
    "The mumps outbreak in Velmar County grew by 27 cases this week, health officials said Friday.",
    "Mumps cases in Velmar County rose from 40 to 96 this month, health officials said Friday.",
    "The mumps outbreak in Velmar County has grown to 96 confirmed infections, health officials said Friday.",
])
def test_a_change_s_amount_or_start_is_not_compared_with_a_level(second):
    first = "Health officials in Velmar County confirmed 96 cases of mumps as of Friday. Most of those infected are students."
    assert _of_kind(_brief(first, second), "number") == []

def test_a_crowd_s_size_and_a_count_of_people_hurt_in_it_stay_apart():
    found = _of_kind(_brief("A crowd of 31,200 watched the Tannock Owls win the hockey final on Saturday. Four fans were hurt.",
                            "The Tannock Owls won the hockey final on Saturday in front of 31,200 spectators. Six fans "
                            "were hurt in a crush."), "number")
    assert [sorted(v.value for v in d.values) for d in found] == [["Four", "Six"]]

def test_a_margin_is_not_the_votes_won():
    found = _of_kind(_brief("Ines Varga won the Tannock mayoral race by 418 votes on Tuesday, officials said.",
                            "Ines Varga won the Tannock mayoral race on Tuesday with 5,212 votes, officials said."),
                     "number")
    assert found == []


def test_seats_won_and_seats_given_are_one_figure():
    """A blind probe (2026-12-07, twenty-ninth sitting): "won 38 of the 90 seats" and "gave the party 41 seats" both
    say how many seats the party has ("won" was kept apart as an event of its own)."""
    (found,) = _of_kind(_brief("The Green Union party won 27 of the 60 seats on the Tannock city council in Sunday's "
                               "election, final results showed.",
                               "Final results from Sunday's vote gave the Green Union 31 seats on Tannock's 60-member "
                               "city council."), "number")
    assert sorted(v.value for v in found.values) == ["27", "31"]


def test_one_score_told_by_the_winner_and_by_the_loser_agrees():
    assert _of_kind(_brief("Tannock United beat Velmar Athletic 2-1 on Saturday to move top of the league.",
                           "Velmar Athletic lost 1-2 to Tannock United on Saturday, who moved top of the league."),
                    "number") == []


def test_scores_of_other_matches_are_not_the_story_s():
    assert _of_kind(_brief("Tannock United beat Velmar Athletic 2-1 on Saturday to move top of the league. The sides "
                           "drew 0-0 in March.",
                           "Tannock United beat Velmar Athletic 2-1 on Saturday, avenging a 3-0 defeat in the cup last "
                           "year."), "number") == []


def test_none_of_them_survived_counts_the_dead():
    """A blind probe (2026-12-07, twenty-ninth sitting): "None of the seventeen passengers and crew survived" says
    seventeen were killed, against "killing all 19 people aboard"."""
    (found,) = _of_kind(_brief("A small plane crashed into a hillside after takeoff from Tannock airfield on Sunday, "
                               "killing all 11 people aboard, officials said.",
                               "None of the nine passengers and crew survived when a plane went down after leaving "
                               "Tannock airfield on Sunday, officials said."), "number")
    assert sorted(v.value for v in found.values) == ["11", "nine"]


def test_two_floors_of_one_fall_disagree():
    """A blind probe (2026-12-07, twenty-ninth sitting): ordinals are compared for a building's floors alone."""
    (found,) = _of_kind(_brief("A window cleaner was killed on Monday after falling from the 14th floor of an office "
                               "tower in Tannock, police said.",
                               "A window cleaner plunged to his death from the 11th floor of a Tannock office building "
                               "on Monday, police said."), "number")
    assert (found.subject, sorted(v.value for v in found.values)) == ("floor", ["11th", "14th"])


def test_a_total_since_a_year_gone_by_is_not_the_story_s_round():
    """A blind probe (2026-12-07, twenty-ninth sitting): this week's 300 job cuts and the 1,100 cut since 2023, which
    hold them, are two figures; two totals since one year are one."""
    this_round = ("Harlow Steel said on Wednesday it would cut 250 jobs at its Tannock mill as demand for rail track "
                  "keeps falling.")
    assert _of_kind(_brief(this_round, "Harlow Steel has now eliminated 900 positions since launching a restructuring "
                                       "programme in 2022, after announcing fresh cuts at its Tannock mill on "
                                       "Wednesday."), "number") == []
    (found,) = _of_kind(_brief("Harlow Steel has eliminated 900 positions at its Tannock mill since 2022, the company "
                               "said on Wednesday.",
                               "Harlow Steel has cut 1,300 jobs at its Tannock mill since 2022, the company said on "
                               "Wednesday."), "number")
    assert sorted(v.value for v in found.values) == ["1,300", "900"]


def test_one_coach_given_two_first_names_disagrees():
    """A blind probe (2026-12-07, twenty-ninth sitting): one title and one surname in reports that each name one of
    them are one person given two first names."""
    (found,) = _of_kind(_brief("The Tannock Owls fired head coach Martin Kessel on Tuesday after a run of eight "
                               "defeats. Kessel was in his second season.",
                               "Coach Michael Kessel has been dismissed by the Tannock Owls, the club said on Tuesday. "
                               "Kessel had been in charge since last year."), "name")
    assert sorted(v.value for v in found.values) == ["Martin Kessel", "Michael Kessel"]


@pytest.mark.parametrize("second", [
    # a father and his son, named side by side; or two namesakes with no title in common
    "Coach Michael Kessel, whose father Martin Kessel coached the Owls in the 1990s, was dismissed on Tuesday.",
    "Michael Kessel, a Tannock fan, said he was sad to see the coach go.",
])
def test_two_namesakes_are_not_one_person_given_two_first_names(second):
    brief = _brief("The Tannock Owls fired head coach Martin Kessel on Tuesday after a run of eight defeats.", second)
    assert _of_kind(brief, "name") == []


def test_a_first_name_and_its_short_form_are_one_name():
    """tune2 (twenty-ninth sitting): 'Rep. Sander Levin' and 'Rep. Sandy Levin' are one name, not two."""
    assert _of_kind(_brief("Rep. Sander Levin of Tannock said on Monday the bill would pass.",
                           "Rep. Sandy Levin of Tannock said on Monday he expected the bill to pass."), "name") == []

@pytest.mark.parametrize("first, second, sides", [
    # one word of a name slipped by two letters, its consonants too, where no report writes both
    ("Halvard Mining agreed on Monday to pay $40 million to settle claims over a tailings spill in Tannock, the "
     "company said. The spill killed no one.",
     "Halberd Mining will pay $40 million to settle claims over a tailings dam spill near Tannock, the firm said on "
     "Monday. Residents welcomed the deal.", ["Halberd Mining", "Halvard Mining"]),
    ("Two people were hurt when a house on Kessel Street in Tannock partly collapsed on Tuesday.",
     "A house on Kestrel Street, Tannock, partly collapsed on Tuesday, leaving two people hurt.",
     ["Kessel Street", "Kestrel Street"]),
])
def test_a_name_slipped_in_another_report(first, second, sides):
    (found,) = _of_kind(_brief(first, second), "name")
    assert sorted(v.value for v in found.values) == sides


def test_two_names_a_slip_apart_in_one_report_are_two_things():
    """Within one report two such names are as often two things: no disagreement is made of them."""
    brief = _brief("Halvard Mining and Halberd Mining both bid for the Tannock licence on Monday.",
                   "Halvard Mining won the Tannock licence on Monday, officials said.")
    assert _of_kind(brief, "name") == []


def test_a_slip_of_scale_is_a_disagreement_but_a_count_ten_times_another_is_not():
    """Figures more than four times apart are two things (a part and its whole), but for one figure's digits a power
    of ten apart in a unit: "¥14 billion" against "1.4 billion yen" is a slip of scale."""
    (found,) = _of_kind(_brief("Tannock Electronics will invest ¥14 billion in a new battery plant in Velmar, the company "
                               "said on Monday. The plant will open in 2028.",
                               "Tannock Electronics said on Monday it plans to spend 1.4 billion yen on a battery factory "
                               "in Velmar. It should open in 2028."), "number")
    assert sorted(v.value for v in found.values) == ["1.4 billion yen", "¥14 billion"]
    assert _of_kind(_brief("Twelve people were injured when a bus crashed in Tannock on Monday. The driver was hurt.",
                           "A bus crash in Tannock on Monday injured 120 people, police said. The driver was hurt."),
                    "number") == []

def test_a_day_s_high_and_its_low_are_two_temperatures():
    assert _of_kind(_brief("Tannock saw a high of 38C on Monday, the weather service said. Nights stayed warm.",
                           "Tannock recorded an overnight low of 24C on Monday, the weather service said. Days were "
                           "hot."), "number") == []


@pytest.mark.parametrize("first, second", [
    # tune2 and the ECB+ audit (twenty-ninth sitting): two places, a British spelling, a first name's short form
    ("Exports to North America rose on Monday, the Tannock trade office said. Prices held.",
     "Exports to North Africa fell on Monday, the Tannock trade office said. Prices held."),
    ("The warship escorted five ships through the Internationally Recognised Transit Corridor on Monday.",
     "Five ships were escorted through the Internationally Recognized Transit Corridor on Monday, the navy said."),
])
def test_names_a_slip_apart_that_are_not_one_name_slipped(first, second):
    assert _of_kind(_brief(first, second), "name") == []


def test_a_rule_faced_by_a_revolt_is_no_term_risked():
    """tune2 (thirtieth sitting): "in the face of a revolt against his 41-year rule" read "face" as the verb of what is
    risked ("faced two years in prison"), and a rule's length risked is never compared with one held."""
    figures = [q for c in _brief("Colonel Ardan Vell appeared on state television in the face of a mounting revolt "
                                  "against his 41-year rule. Protesters filled the square.",
                                  "Protesters filled the square.").story.claims for q in c.quantities if q.noun == "rule"]
    assert figures and all(q.predicate != "seek" for q in figures)


def test_a_number_in_words_the_model_tags_a_date_still_counts():
    """The small model tags "Forty" in "Forty workers will lose their jobs when ... in October" a date, and counts
    tagged dates were left out of claims (as days and years are): a number written in words is neither."""
    (found,) = _of_kind(_brief("Forty workers will lose their jobs when the Harlow Glass plant in Tannock closes a "
                               "furnace in October. The union called it a blow.",
                               "Harlow Glass is eliminating fourteen positions at its Tannock works, where it shuts a "
                               "furnace from October. The union was angry."), "number")
    assert sorted(v.value for v in found.values) == ["Forty", "fourteen"]
