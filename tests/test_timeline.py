"""The timeline: dates found, resolved against publication dates or the story's own years, and date discrepancies."""

from __future__ import annotations

import pytest

import newsweave
from fact_groups import add_fact_group, shortest_claim
from newsweave.crosscheck.dates import date_discrepancies


@pytest.fixture(scope="module")
def seeds(seeds_result):
    return seeds_result.story


@pytest.fixture(scope="module")
def dated():
    """Invented reports: one with a publication date (a Friday), one without, disagreeing on a date."""
    return newsweave.brief([
        {"id": "daily", "published": "2024-03-08", "text": (
            "The mayor of Lowford was arrested on March 3, 2024 at her home, police said.\n\n"
            "Her deputy resigned yesterday.\n\n"
            "The council had approved the contract last month.\n\n"
            "Prosecutors will decide on Tuesday whether to charge her.\n\n"
            "The council met Wednesday to name an acting mayor, and its vote stands until March 10.\n"
        )},
        {"id": "weekly", "text": (
            "The mayor of Lowford was arrested on March 4, 2024, according to court papers.\n\n"
            "A hearing was held earlier this week.\n"
        )},
    ]).story


def entry(story, date, document=None):
    found = [t for t in story.timeline if t.date == date and (document is None or document in t.documents)]
    assert found, [(t.date, t.when) for t in story.timeline]
    return found[0]


def test_seeds_attacks_resolve_to_13_november_2015(seeds):
    attacks = [t for t in seeds.timeline if t.date == "2015-11-13"]
    assert attacks and all(t.precision == "day" for t in attacks)
    documents = {d for t in attacks for d in t.documents}
    assert documents == {d.id for d in seeds.documents}  # "November 13" twice, "Nov. 13" once
    assert {"November 13", "Nov. 13"} <= {w for t in attacks for w in t.when}
    assert any(t.event.startswith("attack") for t in attacks)


def test_seeds_year_comes_from_the_story_and_relative_dates_stay_relative(seeds):
    august = entry(seeds, "2015-08")
    assert august.precision == "month" and august.event in ("killed", "strike")  # "killed by a U.S. drone strike in August"
    relative = [t for t in seeds.timeline if t.precision == "relative"]
    assert {"last month", "yesterday", "earlier this year"} <= {w for t in relative for w in t.when}
    assert all(t.date is None and t.anchor is None for t in relative)


def test_timeline_is_sorted_and_in_range(seeds):
    dates = [t.date for t in seeds.timeline if t.date]
    assert dates == sorted(dates)
    first_relative = next(i for i, t in enumerate(seeds.timeline) if t.date is None)
    assert all(t.date is None for t in seeds.timeline[first_relative:])
    texts = {d.id: d.text for d in seeds.documents}
    for item in seeds.timeline:
        for span in item.evidence:
            assert 0 <= span.start < span.end <= len(texts[span.document])
        assert item.text == texts[item.evidence[0].document][item.evidence[0].start:item.evidence[0].end]


def test_relative_dates_resolve_against_the_publication_date(dated):
    assert entry(dated, "2024-03-07").when == ["yesterday"]
    assert entry(dated, "2024-02").precision == "month"
    assert entry(dated, "2024-03-07").anchor == "published 2024-03-08"


def test_a_bare_weekday_is_the_one_nearest_publication_on_the_side_the_sentence_points(dated):
    # Friday's paper: "will decide on Tuesday" is next Tuesday; "met Wednesday" was two days ago.
    assert "Tuesday" in entry(dated, "2024-03-12").when
    assert "Wednesday" in entry(dated, "2024-03-06").when


def test_a_date_without_a_year_is_taken_nearest_the_publication_day(dated):
    # "until March 10" two days after publication, not in 2023.
    assert "March 10" in entry(dated, "2024-03-10").when


def test_unanchored_relative_date_keeps_its_words(dated):
    week = [t for t in dated.timeline if "earlier this week" in t.when]
    assert week and week[0].date is None and week[0].precision == "relative" and week[0].documents == ["weekly"]


def test_same_event_given_different_dates_is_a_date_discrepancy(dated):
    found = date_discrepancies(dated)
    assert len(found) == 1
    discrepancy = found[0]
    assert discrepancy.kind == "date" and "arrest" in discrepancy.subject
    assert {v.normalized for v in discrepancy.values} == {"2024-03-03", "2024-03-04"}
    texts = {d.id: d.text for d in dated.documents}
    for value in discrepancy.values:
        span = value.evidence[0]
        assert texts[span.document][span.start:span.end] == value.value


def test_seeds_have_no_date_discrepancy(seeds):
    assert date_discrepancies(seeds) == []


def test_json_timeline_fields(seeds):
    from newsweave.settings import Settings

    data = newsweave.Brief(seeds, Settings()).to_dict()
    assert data["timeline"]
    for item in data["timeline"]:
        assert set(item) >= {"date", "precision", "text", "documents", "evidence"}
        assert item["precision"] in ("day", "week", "month", "year", "relative")


def test_a_report_giving_both_dates_of_an_event_word_is_no_date_discrepancy():
    def found(*texts):
        story = newsweave.brief([{"id": f"r{n}", "text": t} for n, t in enumerate(texts)]).story
        return [sorted(v.value for v in d.values) for d in date_discrepancies(story)]

    one = "Tenants at the Corran Tower filed a complaint on Sept. 30, 2019 about the elevator.\n"
    other = "Tenants at the Corran Tower filed a complaint on Sept. 25, 2019 about the elevator.\n"
    assert found(one, other) == [["Sept. 25, 2019", "Sept. 30, 2019"]]
    # two complaints, and the first report knows both: the second report tells of one of them
    both = one + "\nA complaint on Sept. 25, 2019 said both elevators at the Corran Tower were broken.\n"
    assert found(both, other) == []


def _date_pairs(story):
    return [sorted(v.value for v in d.values) for d in date_discrepancies(story)]


def test_one_fact_dated_two_ways_in_other_words_is_a_date_discrepancy():
    # "approved" and "backed": two event words, so only the claims' grouping says they are one event
    approved = "The Tarnow city council approved the harbour expansion plan for the old eastern docks in August 2024, officials said.\n"
    backed = "In July 2024, the Tarnow city council backed the harbour expansion plan for the old eastern docks, officials said.\n"
    story = newsweave.brief([{"id": "r0", "text": approved}, {"id": "r1", "text": backed}]).story
    assert any(set(g.documents) == {"r0", "r1"} for g in story.facts)
    assert _date_pairs(story) == [["August 2024", "July 2024"]]


def _joined(story, *words):
    """The story with one more fact group: the shortest claim of each report (r0, r1, ...) holding its word."""
    return add_fact_group(story, *(shortest_claim(story, f"r{n}", word) for n, word in enumerate(words)))


def test_grouped_claims_about_two_parties_are_two_events():
    # a wrong grouping must not make a disagreement: one man met bin Laden in August, an official the Taliban in September
    men = "Prosecutors said one of the Harlow defendants met Omar Vasko in August 2024.\n"
    official = "A Saudi intelligence official met the Taliban's leader in late September 2024.\n"
    story = _joined(newsweave.brief([{"id": "r0", "text": men}, {"id": "r1", "text": official}]).story, "met", "met")
    assert _date_pairs(story) == []


@pytest.mark.parametrize("first, flagged", [
    ("Velair resumed domestic flights Oct. 7 and international flights to Canada on Oct. 26.\n", []),
    ("Velair resumed international flights to Canada on Oct. 26.\n", [["Oct. 26", "Oct. 7"]]),
])
def test_a_report_whose_sentence_gives_the_other_date_too_does_not_disagree(first, flagged):
    # grouped claims "flights to Canada on Oct. 26" and "flights on Oct. 7": the first report's sentence
    # gives Oct. 7 too, for its domestic flights
    second = "The union accepted the plan, allowing Velair to resume domestic flights on Oct. 7 and international flights later.\n"
    story = newsweave.brief([{"id": "r0", "text": first, "published": "2024-11-10"},
                             {"id": "r1", "text": second, "published": "2024-11-23"}]).story
    assert _date_pairs(_joined(story, "Oct. 26", "Oct. 7")) == flagged


def test_a_date_in_a_sentence_without_a_verb_resolves():
    # A headline or caption has no verb for the date to hang off: resolving it must still end.
    story = newsweave.brief([{"id": "caption", "published": "2024-03-08", "text": (
        "Flood barriers on the quay, Wednesday night.\n\n"
        "The river rose two metres overnight and crews worked until dawn, the council said.\n"
    )}]).story
    assert any(t.date == "2024-03-06" for t in story.timeline)


def test_an_undated_wire_report_takes_its_day_from_its_dateline():
    # the wire copy has no publication date, only "RIVERTON, Oct. 14 (Coastline Press) —"; its year
    # comes from the other report's day
    story = newsweave.brief([
        {"id": "herald", "published": "2026-10-15", "text": "The county ordered the evacuation of Millbrook at 1:30 a.m. Wednesday."},
        {"id": "wire", "text": (
            "RIVERTON, Oct. 14 (Coastline Press) — The county ordered the evacuation of Millbrook early on Wednesday.\n\n"
            "A water authority operator spotted the seepage at about 11 p.m. on Tuesday, the authority said.\n"
        )},
    ]).story
    entry(story, "2026-10-14", "wire")  # the Wednesday the herald's Thursday paper gives too
    entry(story, "2026-10-14", "herald")
    tuesday = entry(story, "2026-10-13", "wire")
    assert "dateline 2026-10-14" in tuesday.anchor
    # without a dated report to take the year from, the dateline's day anchors nothing
    alone = newsweave.brief([{"id": "wire", "text": "RIVERTON, Oct. 14 (Coastline Press) — The seepage was spotted on Tuesday."}]).story
    assert all(t.date is None for t in alone.timeline if "Tuesday" in t.when)


def test_a_count_of_days_before_a_weekday_leaves_the_weekday():
    story = newsweave.brief([{"id": "herald", "published": "2026-10-15", "text": (
        "About 1,400 people woke up away from home for a second day Thursday after the dam began to leak.")}]).story
    assert entry(story, "2026-10-15", "herald")


def test_the_bundled_example_timeline_resolves_every_date():
    # its Markdown report dates itself in the byline, its wire copy in the dateline
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "valley-dam-evacuation"
    story = newsweave.brief([example]).story
    published = {d.id: d.published for d in story.documents}
    assert published["evening-post"] == "2026-10-14" and published["wire"] is None
    unresolved = [(t.when, t.documents) for t in story.timeline if t.date is None]
    assert not unresolved
    assert entry(story, "2026-10-10", "wire")  # "since Saturday" in the Oct. 14 wire copy


def test_what_is_expected_on_a_weekday_lies_ahead_and_earlier_that_day_is_that_day():
    # Saturday's paper: "was expected in Ankara on Monday" is the coming Monday; "Earlier Saturday" is today.
    story = newsweave.brief([
        {"id": "wire", "published": "1998-10-03", "text": (
            "Earlier Saturday, the defense minister said his forces would hold an exercise near the border.\n\n"
            "The Egyptian president was expected in Ankara on Monday, the foreign ministry said.\n")},
    ]).story
    days = {e.date: e for e in story.timeline if e.date}
    assert "1998-10-05" in days and "Monday" in days["1998-10-05"].when
    assert "1998-10-03" in days and "1998-09-26" not in days


def test_a_report_files_name_gives_its_day_when_its_text_does_not(tmp_path):
    from newsweave.load.published import name_published

    (tmp_path / "APW19981003.0487.txt").write_text("Officials met on Friday to discuss the border.\n", encoding="utf-8")
    (tmp_path / "000_6ec4f0875e712ac9.txt").write_text("Officials met again on Friday.\n", encoding="utf-8")
    story = newsweave.brief([tmp_path]).story
    assert {d.id: d.published for d in story.documents} == {"000_6ec4f0875e712ac9": None, "APW19981003.0487": "1998-10-03"}
    assert name_published("2026-10-14-dam-leak").date().isoformat() == "2026-10-14"
    assert name_published("report_20150231") is None and name_published("id1234567890") is None
    # hostile names: a long run of digits holding a date is an id, not a day; a huge name is read in its head only
    assert name_published("1" * 100_000 + "19981003") is None and name_published("x" * 300 + "_19981003") is None


def test_a_date_with_a_year_keeps_that_year_whatever_the_parser_reads():
    # the date parser reads "One day in 2011" as "in one day": tomorrow, whenever the brief is run
    for published in (None, "2024-03-08"):
        report = {"id": "a", "text": "One day in 2011, Ines Varga sat down in a mall cafe and regretted her purchases."}
        if published:
            report["published"] = published
        (found,) = [t for t in newsweave.brief([report]).story.timeline if "2011" in " ".join(t.when)]
        assert (found.date, found.precision) == ("2011", "year")


def test_a_file_photos_date_gives_no_year_to_the_story():
    def april(*paragraphs):
        text = "The results appear in the April 9 online edition of the journal.\n\n" + "\n\n".join(paragraphs)
        (found,) = [t for t in newsweave.brief([{"id": "a", "text": text}]).story.timeline if "April 9" in t.when]
        return found.date

    # a full date in body copy gives the year; so does a caption's when the body gives none...
    assert april("The fund was set up on Dec. 6, 2007, the journal said.") == "2007-04-09"
    assert april("Divers search the harbour at Kelby, Dec. 6, 2007. (AP Photo/Dana Ruiz)") == "2007-04-09"
    # ...but not a file photo's, nor one older than a year the body names
    assert april("FILE PHOTO: Divers search the harbour at Kelby, Dec. 6, 2007.") is None
    assert april("Output rose to 13 billion gallons in 2013.",
                 "Diesel is pumped into a trawler at Kelby on Dec. 6, 2007. (AP Photo/Dana Ruiz)") is None
    # ...and the body's own full date neither, when the body names a later year: "a complaint from March 9,
    # 2015" in a story of an elevator that "passed inspections in January 2016" gave its "Aug. 8" the year 2015
    assert april("A complaint was filed on March 9, 2015, the journal said.", "The lift passed inspections in January 2016.") is None
    # ...but a year ahead is no sign of that, nor a bare year: "to close by 2030", "touring through November 2010"
    assert april("A complaint was filed on March 9, 2015, the journal said.", "The plant is to close by 2030.",
                 "The show tours through November 2016.") == "2015-04-09"


def test_a_day_without_its_year_takes_the_year_the_story_writes_it_with():
    """No report is dated and the story's own time is unclear (a full date of 2005, a trial in 2007): "June 24"
    is the day another report writes in full, "June 24, 2005"; "May 3", written in full nowhere, keeps no year."""
    story = newsweave.brief([
        {"id": "a", "text": "Deputy Ana Lee was killed on June 24, 2005, the sheriff said. The trial opened in April 2007.\n"},
        {"id": "b", "text": "The deputy was killed on June 24 while on patrol. The gunman will be sentenced May 3. "
                            "Hundreds gathered on June 24 to mark ten years since the deputy's death.\n"},
    ]).story
    dates = {(m.evidence.document, m.text, m.event_key): m.date for m in story.workspace.dates}
    entries = {(tuple(t.documents), tuple(t.when)): t.date for t in story.timeline}
    assert any(date == "2005-06-24" and "b" in documents for (documents, _), date in entries.items()), entries
    assert [date for (_, when), date in entries.items() if "May 3" in when] == [None], entries
    # (the day of another event keeps no year: an anniversary is not the killing's year)
    assert [t.date for t in story.timeline if t.text.startswith("Hundreds gathered")] == [None]
    assert dates[("b", "June 24", "kill")] == "2005-06-24"  # (what crosscheck's date check compares)


def test_a_question_the_writer_asks_dates_nothing():
    story = newsweave.brief([{"id": "a", "published": "2026-03-02", "text": (
        "The harbour board voted on Monday.\n\nCritics loved the plan. What will everyone be talking about on Friday?\n")}]).story
    assert [t.when for t in story.timeline] == [["Monday"]]  # (the first line is a headline, dated or not)


def test_an_event_dated_in_its_relative_clause_or_by_a_synonym_is_one_entry():
    """'the blast which rocked Lowford on March 2' dates the blast; 'the explosion on March 2' is that blast."""
    story = newsweave.brief([
        {"id": "r1", "published": "2024-03-05", "text": "The blast which rocked Lowford on March 2 was caused by dust in the mill.\n"},
        {"id": "r2", "published": "2024-03-05", "text": "Investigators blamed dust for the explosion on March 2 at the Lowford mill.\n"},
    ]).story
    (found,) = [t for t in story.timeline if t.date == "2024-03-02"]
    assert set(found.documents) == {"r1", "r2"}


def test_a_year_counted_back_from_the_report_s_day_is_a_year_either_way():
    """'the storm of 34 years ago', written in October 1999, may be the storm of 1966: no disagreement."""
    def found(*reports):
        story = newsweave.brief([{"id": f"r{n}", "published": day, "text": t} for n, (day, t) in enumerate(reports)]).story
        return [sorted(v.value for v in d.values) for d in date_discrepancies(story)]

    ago = ("1999-10-12", "Observers at Kitt Peak still recall the meteor storm of 34 years ago over the Arizona desert.\n")
    year = ("1999-11-17", "Observers at Kitt Peak still recall the meteor storm of 1966 over the Arizona desert.\n")
    assert found(ago, year) == []
    older = ("1999-11-17", "Observers at Kitt Peak still recall the meteor storm of 1961 over the Arizona desert.\n")
    assert found(ago, older) == [["1961", "34 years ago"]]


def test_a_timeline_entry_quotes_the_sentence_of_its_most_corroborated_fact():
    """Of one report's 'A vigil for the flood of March 2 ...' and 'The flood of March 2 destroyed forty homes
    ...', which another report also states, the entry quotes the second: it tells what happened that day."""
    story = newsweave.brief([
        {"id": "r1", "published": "2024-03-09", "text": (
            "A vigil for the flood of March 2 was held at the Corran town hall on Sunday.\n\n"
            "The flood of March 2 destroyed forty homes along the river in Corran, officials said.\n")},
        {"id": "r2", "published": "2024-03-09", "text": "The flood of March 2 destroyed forty homes along the river in Corran.\n"},
    ]).story
    (found,) = [t for t in story.timeline if t.date == "2024-03-02"]
    assert found.text.startswith("The flood of March 2 destroyed forty homes")


def test_a_date_without_a_year_lies_in_the_past_unless_the_sentence_points_ahead():
    # October's paper: "remained chief until March" (told in the past) is last March, though next March is
    # nearer; "will be sworn in on Jan. 20" and "holds until March 3" point ahead; "set for November" is a
    # fortnight ahead and nearest; "closed on May 4" is last May.
    story = newsweave.brief([
        {"id": "wire", "published": "1998-10-17", "text": (
            "Pinochet left government in 1990, but remained as army chief until March when he became a senator.\n\n"
            "The general will be sworn in on Jan. 20, officials said.\n\n"
            "Elections are set for November, the ministry said.\n\n"
            "The ceasefire holds until March 3, the envoy said.\n\n"
            "The factory closed on May 4 after a fire.\n")},
    ]).story
    dated = {w: t.date for t in story.timeline for w in t.when}
    assert dated["March"] == "1998-03"
    assert dated["Jan. 20"] == "1999-01-20" and dated["March 3"] == "1999-03-03"
    assert dated["November"] == "1998-11" and dated["May 4"] == "1998-05-04"


def _dated(published: str, *paragraphs: str) -> dict[str, str | None]:
    """One wire report of the given day: each date expression's words -> its resolved date (the last of equal words)."""
    story = newsweave.brief([{"id": "wire", "published": published, "text": "\n\n".join(paragraphs) + "\n"}]).story
    return {m.text: m.date for m in story.workspace.dates}


def test_the_day_something_is_called_or_set_for_lies_ahead():
    """A blind probe (2026-12-07, twenty-eighth sitting): "called a snap election for May 4" in a report of March 2
    was last May, the past tense of "called" telling the date's tense; a day something is set for is to come."""
    dated = _dated("2026-03-02", "The prime minister on Monday called a snap election for May 4 after losing a vote.",
                   "He was arrested for Feb. 12 robbery at a bank in Velmar.")
    assert dated["May 4"] == "2026-05-04"
    assert dated["Feb. 12"] == "2026-02-12"  # (a day an event is named by, gone by)


def test_a_deed_told_by_its_participle_is_done_whatever_the_sentence_goes_on_to_plan():
    """A blind fact probe (thirty-third sitting): "Launched from French Guiana on Thursday, the orbiter is scheduled to
    arrive at Mars in February 2027", in a report of Wednesday, was read as the Thursday to come."""
    dated = _dated("2026-03-04", "Launched from Kourou on Thursday, the Velmar probe is scheduled to arrive in 2027.",
                   "Arrested on Monday, he will appear in court in Velmar.",
                   "Scheduled for Friday, the Velmar launch will be watched by millions.")
    assert dated["Thursday"] == "2026-02-26"
    assert dated["Monday"] == "2026-03-02"
    assert dated["Friday"] == "2026-03-06"  # (a participle of what is to come still looks ahead)


def test_a_date_weeks_before_the_report_is_that_one_though_the_sentence_points_ahead():
    # "expected ... after the June 9 election" in a paper of June 18 is nine days back, not next June;
    # "will meet again on May 2", six weeks back, still points to next May.
    dated = _dated("2024-06-18", "Budget details were expected to be announced just after the June 9 election in Tarvia, aides said.",
                   "The Tarvia board will meet again on May 2, the chairman said.")
    assert dated["June 9"] == "2024-06-09"
    assert dated["May 2"] == "2025-05-02"


def test_dates_the_model_tags_as_times_or_writes_as_spans_and_counts_are_resolved():
    # (read off the timeline gold's tuning part, benchmarks/timeline_quality.py) in a paper of Saturday 17 Oct. 1998:
    dated = _dated(
        "1998-10-17",
        "Stargazers in Tarvia saw a preview of the meteor shower Monday night.",
        "The Tarvia bank may cut rates as early as next week, the governor said.",
        "The general ruled Tarvia in a 1973-90 regime, and a party held 59 seats in 1921-23.",
        "Dozens disappeared between 1976 and 1983, the judge said.",
        "In years like 1980, the close races all went one way, the editor said.",
        "The judge filed a request on Tuesday. Another judge filed one a day earlier.",
        "The probe opened in 1996. The inquiry had begun two years earlier.",
        "The ferry sank on Oct. 2, and divers reached it the next day.",
        "The mayor is due in court Wednesday for a hearing.",
    )
    assert dated["Monday night"] == "1998-10-12"
    assert dated["as early as next week"] == "1998-W43"
    assert dated["1973-90"] == "1973" and dated["1921-23"] == "1921"
    assert dated["1976"] == "1976" and dated["1983"] == "1983"  # "between 1976 and 1983": each end a date
    assert dated["years like 1980"] == "1980"
    assert dated["a day earlier"] == "1998-10-12"  # the day before that Tuesday, not before the paper's day
    assert dated["two years earlier"] == "1994"
    assert dated["next day"] == "1998-10-03"  # the day after the sinking, not after the paper's day
    assert dated["Wednesday"] == "1998-10-21"  # "is due ... Wednesday" lies ahead


def test_dates_with_words_the_date_reader_cannot_read_around_them():
    # (read off the timeline gold's tuning part) in a paper of Friday 6 Nov. 1998:
    dated = _dated(
        "1998-11-06",
        "The accord was to hand Tarvia the port by the end of January, officials said.",
        "Reserves fell from the level posted at the end of July, the bank said.",
        "The warrant charges that between Sept. 11 1973, the year he seized power, and 1983, he ruled.",
        "The general, who turns 83 next month, left the clinic.",
        "Satellite operators had no reports of trouble as of early this morning, a spokesman said.",
    )
    assert dated["end of January"] == "1999-01"  # "by" a month ahead: the coming one
    assert dated["end of July"] == "1998-07"
    assert dated["Sept. 11 1973"] == "1973-09-11"  # ("between" opens the span, not the date)
    assert dated["next month"] == "1998-12"  # not "83 next month"
    assert dated["early this morning"] == "1998-11-06"


def test_a_time_counted_from_another_event_with_no_date_before_it_is_left_in_words():
    assert _dated("1998-10-17", "The ferry sank a day earlier than the tug, the coast guard said.") == {"a day earlier": None}


def test_a_time_counted_from_another_event_counts_only_from_a_date_just_before_it():
    # (the precision audit's false date flag, a Microsoft trial report) "filed in May" three sentences up
    # is not what "two months later" counts from: that is the meeting the sentence tells of, undated here
    dated = _dated(
        "1998-10-19",
        "The Tarvia government sued the firm in May. The suit centred on one meeting. Both firms had talked for "
        "months. At the meeting, the firm proposed a deal on the new system, which was shipped two months later.",
    )
    assert dated["May"] == "1998-05" and dated["two months later"] is None
    # the date of the sentence before still anchors it
    assert _dated("1998-10-19", "The probe opened in 1996. The inquiry had begun two years earlier.")["two years earlier"] == "1994"


def test_a_date_after_a_verb_s_object_dates_the_verb_and_forms_of_one_event_are_one_entry():
    # "arrested the mayor in March": the arrest, not the mayor; "filed a complaint" says only that the
    # complaint was made, so the complaint is the event; "arrested" and "arrest" are one event.
    story = newsweave.brief([
        {"id": "daily", "published": "2024-06-10", "text": (
            "Police arrested the mayor of Lowford in March at her home.\n\n"
            "Tenants filed a complaint on May 2 about the elevator.\n")},
        {"id": "weekly", "published": "2024-06-12", "text": "The mayor's arrest in March shocked the town of Lowford.\n"},
    ]).story
    march = [t for t in story.timeline if t.date == "2024-03"]
    assert len(march) == 1 and march[0].event in ("arrested", "arrest") and set(march[0].documents) == {"daily", "weekly"}
    assert [t.event for t in story.timeline if t.date == "2024-05-02"] == ["complaint"]


def test_a_year_before_1800_is_a_date_and_both_reports_of_it_are_one_entry():
    story = newsweave.brief([
        {"id": "a", "text": "The church in Harlow was built in 1750 and rebuilt in 1890. It burned down last week.\n"},
        {"id": "b", "text": "Harlow's church, built in 1750, burned down last week, the vicar said.\n"},
    ]).story
    (found,) = [t for t in story.timeline if t.when == ["1750"]]
    assert (found.date, found.precision, set(found.documents)) == ("1750", "year", {"a", "b"})


@pytest.mark.parametrize("clock", ["(1830 GMT Monday)", "(1830 UTC)", "at 1830 hours"])
def test_a_wire_s_clock_time_is_not_a_year(clock):
    """'at about 1:30 a.m. Tuesday (1830 GMT Monday)': the model may tag the four digits a date."""
    text = f"The first shooting star came into view at about 1:30 a.m. Tuesday {clock} over Ashby in 1998.\n"
    story = newsweave.brief([{"id": "a", "published": "1998-11-17", "text": text}]).story
    assert not [t for t in story.timeline if "1830" in " ".join(t.when)]


def test_a_house_number_or_a_car_s_model_year_is_no_date():
    """Read off ECB+ briefs: "2016 Ontario" (an address), "a 2013 Toyota Camry" and "a 2008 GMC Sierra" were
    timeline entries of 2016, 2013 and 2008."""
    text = ("The driver of a silver 2013 Toyota Camry struck a cyclist on Harlow Road. The suspect lives at 2016 "
            "Ontario Street in Troy. He drove his 2008 GMC Sierra pickup to the lake. In 2008 Ford sold fewer cars "
            "in Harlow. In 1987 Main Street was renamed. The 1976 Ford campaign ended in Kansas City.\n")
    story = newsweave.brief([{"id": "a", "published": "2013-05-02", "text": text}]).story
    assert [t.when for t in story.timeline] == [["1976"], ["1987"], ["2008"]], [(t.when, t.text) for t in story.timeline]


def test_a_named_day_that_only_says_what_kind_a_thing_is_is_no_date():
    """Read off ECB+ briefs: "In 1955, she appeared in a Christmas spread for Playboy" and "the office Christmas party"
    were entries of the report's year's Christmas."""
    text = ("In 1955, she appeared in a Christmas spread for Playboy. Police were called to the office Christmas party "
            "in Harlow. He died on Christmas Eve. Shoppers crowded the stores on Christmas Day.\n")
    story = newsweave.brief([{"id": "a", "published": "2013-05-02", "text": text}]).story
    assert sorted(t.date for t in story.timeline) == ["1955", "2012-12-24", "2012-12-25"], \
        [(t.date, t.text) for t in story.timeline]


def test_one_sentence_giving_two_events_the_same_words_is_one_entry():
    # ("this winter": "decades", its words before, is a length of time, no date)
    text = ("The fire was the deadliest Harlow has seen this winter, and it showed the divide between old residents "
            "and the families who have settled here this winter.\n")
    story = newsweave.brief([{"id": "a", "text": text}]).story
    assert len({m.event_key for m in story.workspace.dates}) == 2
    assert [t.when for t in story.timeline] == [["this winter"]]


@pytest.mark.parametrize("words, month", [
    ("last November", "1997-11"),  # the last November before the report's October
    ("last March", "1998-03"),
    ("last October", "1997-10"),  # in October, last October is a year back
    ("next March", "1999-03"),
    ("this December", "1998-12"),
])
def test_a_month_counted_from_the_report_s_day_resolves(words, month):
    text = f"The Harlow clinic was attacked {words}, police said on Friday.\n"
    story = newsweave.brief([{"id": "a", "published": "1998-10-25", "text": text}]).story
    (found,) = [t for t in story.timeline if words in " ".join(t.when)]
    assert (found.date, found.precision) == (month, "month")


def test_a_month_counted_from_no_known_day_stays_in_words():
    story = newsweave.brief([{"id": "a", "text": "The Harlow clinic was attacked last November, police said.\n"}]).story
    (found,) = [t for t in story.timeline if "last November" in t.when]
    assert (found.date, found.precision) == (None, "relative")


def test_a_year_in_two_digits_and_a_day_written_without_its_space():
    # (the timeline gold's tuning part, 2026-12-05) "her base from '92" in 1998; "voting on Oct.25"
    dated = _dated("1998-10-06", "\"It's all about her losing a lot of her base from '92,\" said Ann Dell, an aide.",
                   "Fourteen of the races appeared headed to a second round of voting on Oct.25, officials said.")
    assert dated["'92"] == "1992"
    assert dated["Oct.25"] == "1998-10-25"
    assert _dated("2015-03-02", "He has run the club since '05, the owners said.")["'05"] == "2005"


def test_a_verb_in_the_present_or_under_a_modal_points_ahead_but_not_a_date_naming_an_event():
    # (read off the timeline gold's tune2 part) in a paper of Thursday 1 Oct. 1998:
    dated = _dated(
        "1998-10-01",
        "As Tarvians prepare to vote on Sunday, polls favour the president.",
        "A rescue package could be announced soon after Saturday's vote in Tarvia.",
        "Pilgrims who wish to travel to Ardmore in early March must apply now, the ministry said.",
        "The Tarvian parliament debates the budget in November and December, after the recess.",
        "The government blames a rebel group for the Aug. 7 bombings of two banks in Ardmore.",
        "A network that is suspected of the bombing of the Tarvian embassy on July 30 has been named.",
        "Out of work since June, the miner relies on his pension.",
        "The ministry has arrested four men since Tuesday, a spokesman says.",
    )
    assert dated["Sunday"] == "1998-10-04" and dated["Saturday"] == "1998-10-03"
    assert dated["early March"] == "1999-03"
    assert dated["November"] == "1998-11" and dated["December"] == "1998-12"  # two dates the model tags as one
    assert dated["Aug. 7"] == "1998-08-07"  # the bombings' day, not next August's: "blames" gives it no tense
    assert dated["July 30"] == "1998-07-30"  # nor "is suspected of the bombing ... on July 30"
    assert dated["June"] == "1998-06"  # counted from: "since June"
    assert dated["Tuesday"] == "1998-09-29"


def test_by_a_passive_s_agent_is_no_deadline():
    """duc03-d30010: "the setback to peace caused by Friday's car bombing", in a paper of Saturday 7 Nov. 1998,
    was dated the Friday to come (13 Nov.), "by" read as "by Friday" (a deadline)."""
    dated = _dated("1998-11-07", "The minister said Tarvia must face the damage caused by Friday's storm in Ardmore.")
    assert dated["Friday"] == "1998-11-06"
    dated = _dated("1998-11-07", "The council must decide by Friday whether the bridge reopens.")
    assert dated["Friday"] == "1998-11-13"  # a deadline still lies ahead


def test_weeks_counted_years_in_words_and_ends_of_periods_are_resolved():
    # (read off the timeline gold's tune2 part) in a paper of Saturday 5 Dec. 1998:
    dated = _dated(
        "1998-12-05",
        "Last weekend, the Tarvians opened an airport in Ardmore.",
        "The minister hinted late in the week before last that the bank may follow.",
        "Tarvia agreed with its neighbour earlier in the week on four weekly flights.",
        "Once this week's votes have been taken, attention will turn to the budget.",
        "The nations, which only five years ago were praised by the bank, are in debt.",
        "In the same room where the old regime fell a quarter-century ago, the party met.",
        "The house could finish its work before year's end, the speaker said.",
        "The comet may be seen on both Nov. 17 and 18, the observatory said.",
        "After nearly a decade of deadlock, the council approved the plan.",
        "Last Friday, a bus was attacked near Ardmore; last Tuesday, a market was.",
    )
    assert dated["Last Friday"] == "1998-11-27"  # never yesterday: the Friday of the week before
    assert dated["last Tuesday"] == "1998-12-01"
    assert dated.get("nearly a decade") is None  # a time taken, no date
    assert dated["Last weekend"] == "1998-W48"
    assert dated["week before last"] == "1998-W47"
    assert dated["earlier in the week"] == "1998-W49"
    assert dated["this week"] == "1998-W49"
    assert dated["only five years ago"] == "1993"
    assert dated["a quarter-century ago"] == "1973"
    assert dated["year's end"] == "1998"
    assert dated["Nov. 17"] == "1998-11-17"  # not "both Nov. 17", which the date reader cannot read


def test_days_named_by_name_are_resolved_whatever_the_model_calls_them():
    # in a paper of Monday 5 Oct. 1998; the model tags "Labor Day" an event and "Easter Sunday" a place
    dated = _dated(
        "1998-10-05",
        "Voters will go to the polls on Election Day, the party said.",
        "Shops in Ardmore closed on Labor Day, and the mill reopened on Easter Sunday.",
        "The family of the sailor hopes to see him home by Thanksgiving.",
        "He last spoke to his brother at Christmas 1996, the court heard.",
    )
    assert dated["Election Day"] == "1998-11-03"  # the Tuesday after the first Monday of November
    assert dated["Labor Day"] == "1998-09-07" and dated["Easter Sunday"] == "1998-04-12"  # told in the past
    assert dated["Thanksgiving"] == "1998-11-26"  # "hopes ... by" points ahead: the fourth Thursday of November
    assert dated["Christmas 1996"] == "1996-12-25"


def test_months_of_a_counted_year_day_ranges_and_events_described_as_to_come():
    # (read off the timeline gold's tune3 part) in a paper of Wednesday 11 Nov. 1998:
    dated = _dated(
        "1998-11-11",
        "The station was hit by a piece of debris in September last year, engineers said.",
        "Ministers met in Ardmore ahead of the Nov. 17-18 summit, officials said.",
        "A poll in the third week of October 1992 found the two in a tie.",
        "Satellites may be harmed by the storm predicted for Friday, the agency said.",
        "The army brought villagers into Ardmore for Sunday's planned ceremonies.",
        "If Saturday's storm damages a satellite, insurers will pay, the agency said.",
        "It is very unlikely that we'll lose a spacecraft on the 17th, he said.",
    )
    assert dated["Saturday"] == "1998-11-14"  # a condition in the present: ahead
    assert dated["17th"] == "1998-11-17"  # the day of the month alone, ahead ("we'll lose ... on the 17th")
    assert dated["September last year"] == "1997-09"
    assert dated["Nov. 17"] == "1998-11-17"  # not 17 Nov. 2017, as the date reader reads "Nov. 17-18"
    assert dated["third week of October 1992"] == "1992-10"
    assert dated["Friday"] == "1998-11-13"  # "predicted for": ahead
    assert dated["Sunday"] == "1998-11-15"  # "planned ceremonies": ahead


def test_impossible_days_of_the_month_and_odd_named_days_resolve_to_nothing_without_error():
    from datetime import datetime

    from newsweave.timeline import _resolve

    published = datetime(1998, 11, 30)
    for words in ("the 0th", "the 99th", "31st", "the 31st"):  # (no 31st in November: October's or December's)
        date, _, _ = _resolve(words, published, None, False)
        assert date in (None, "1998-10-31")
    assert _resolve("the 31st", published, None, True)[0] == "1998-12-31"
    assert _resolve("New Year’s Eve 1600", None, None, False)[0] == "1600-12-31"  # a curly apostrophe, any year


def test_a_later_bare_year_the_body_names_says_its_latest_full_date_is_not_the_story_s():
    # the latest full date is a quoted old letter's; "could be fined in 2019" says the story is later, so the
    # undated report's dateline, and its "this year", take no year from the letter (a limit ahead says nothing)
    def this_year(closing: str) -> str | None:
        text = ("RIVERTON, May 2 (Coastline Press) — The Tarvia regatta, which this year will be held on 4-5 June, "
                "drew a protest from the harbour board.\n\n"
                "In a letter dated March 14, 1951, the club's founder wrote that the river belonged to everyone.\n\n"
                f"{closing}\n")
        story = newsweave.brief([{"id": "a", "text": text}]).story
        return {m.text: m.date for m in story.workspace.dates}["this year"]

    assert this_year("Organisers could be fined in 2019 if the course blocked the ferries, the board said.") is None
    assert this_year("Organisers must clear the course by 2030, the board said.") == "1951"


def test_lengths_of_time_and_vague_periods_are_no_dates():
    dated = _dated(
        "2024-03-08",
        "The Tarvia mill has stood idle for decades, and over the last couple of years the town shrank.",
        "Output fell over the past decade and the past few decades, and in the last 10 years it halved.",
        "He is one of the great builders of this century, the mayor said.",
        "Orders may recover over the coming months, the mill's owner said.",
        "The mill closed two years ago, and the mayor resigned a decade after the flood.",
    )
    assert set(dated) == {"two years ago", "a decade"}  # (counted back, or from another day: kept)
    assert dated["two years ago"] == "2022"


def test_a_weekday_describing_the_noun_after_it_is_no_date():
    dated = _dated(
        "2024-03-08",
        "The Tarvia campaign did Saturday dry runs in the park, aides said.",
        "Rivals appeared on the Sunday shows to attack the plan.",
        "Crowds gathered after Friday prayers in the old city.",
        "The union set a Tuesday deadline for the talks.",
        "The envoy arrived on Monday morning.",
    )
    assert dated == {"Tuesday": "2024-03-05", "Monday": "2024-03-04"}  # one day's deadline; "on Monday"


def test_today_s_meaning_the_present_age_is_no_date():
    dated = _dated("2024-03-08", "Today's threats to Tarvia are increasingly global, the minister wrote.",
                   "The minister said today's world has no borders.")
    assert dated == {}
    assert _dated("2024-03-08", "Today's vote in Tarvia was the first since the flood.") == {"Today": "2024-03-08"}


def test_an_ordinal_alone_is_a_day_of_the_month_only_after_a_word_that_makes_it_one():
    dated = _dated("2024-03-08", "The Tarvia ferry was the 13th to sink in the strait, the coast guard said.",
                   "Its captain finished 23rd in the regatta.")
    assert dated == {}
    assert _dated("2024-03-08", "The Tarvia council will meet on the 17th.") == {"17th": "2024-03-17"}
