"""Quantities of every kind: surface forms, intervals, what they measure, and disagreements.

Every report text here is invented. The pairs that must disagree are the
kinds issue 11 lists; the compatible pairs are the negatives.
"""

from __future__ import annotations

import re
import sys

import pytest

from newsweave import quantities as q
from newsweave.pipeline import build_story
from newsweave.settings import Settings
from newsweave.story import Document


def one(text: str) -> q.Quantity:
    (found,) = q.find(text)
    return found


# --- surface forms and intervals ---------------------------------------------------


@pytest.mark.parametrize("text, kind, value, unit", [
    ("killed 8", q.COUNT, 8, ""),
    ("at least 11 people", q.COUNT, 11, ""),
    ("twenty-eight miners", q.COUNT, 28, ""),
    ("1.2 million voters", q.COUNT, 1_200_000, ""),
    ("$48,210 in fees", q.MONEY, 48_210, "USD"),
    ("trimmed $3.1 billion", q.MONEY, 3.1e9, "USD"),
    ("a £3m fine", q.MONEY, 3e6, "GBP"),
    ("2.5bn euros", q.MONEY, 2.5e9, "EUR"),
    ("rose 4.5 percent", q.PERCENT, 4.5, "%"),
    ("the 9-year-old", q.AGE, 9, "year"),
    ("left about 9:45 p.m.", q.TIME, 21 * 60 + 45, "min"),
    ("at 10:30am", q.TIME, 10 * 60 + 30, "min"),
    ("a three-hour standoff", q.DURATION, 3 * 3600, "s"),
    ("40 miles west", q.LENGTH, 40 * 1609.344, "m"),
    ("80 km east", q.LENGTH, 80_000, "m"),
    ("a 300-foot tower", q.LENGTH, 300 * 0.3048, "m"),
    ("the third round", q.ORDINAL, 3, ""),
    ("at 44 miles per second", q.SPEED, 44 * 1609.344 * 3.6, "km/h"),  # not a length and an ordinal
    ("72 km a second", q.SPEED, 72 * 3600, "km/h"),
    ("sailing at 12 knots", q.SPEED, 12 * 1.852, "km/h"),
    ("half a million people", q.COUNT, 500_000, ""),
    ("nearly a half-trillion dollars", q.MONEY, 5e11, "USD"),
    ("two and a half million voters", q.COUNT, 2_500_000, ""),
    ("two and a half years", q.DURATION, 2.5 * 31_557_600, "s"),
    ("delayed a year and a half", q.DURATION, 1.5 * 31_557_600, "s"),
    ("a year-and-a-half delay", q.DURATION, 1.5 * 31_557_600, "s"),
    ("during the year-and-a-half delay", q.DURATION, 1.5 * 31_557_600, "s"),  # no article before it
    ("waited half an hour", q.DURATION, 1800, "s"),
    ("five hundred and fifty thousand dollars", q.MONEY, 550_000, "USD"),  # not "fifty thousand dollars"
    ("one hundred and twenty passengers", q.COUNT, 120, ""),
    ("profit dropped by a fifth", q.PERCENT, 20, "%"),  # a change by a share, not the ordinal "fifth"
    ("profit dropped by almost a fifth", q.PERCENT, 20, "%"),  # (a hedge between: thirty-fourth sitting)
    ("sales were cut by half last year", q.PERCENT, 50, "%"),
    ("he was hit by a third car", q.ORDINAL, 3, ""),  # (a share ends the change's phrase)
])
def test_surface_forms(text, kind, value, unit):
    found = one(text)
    assert found.kind == kind and found.unit == unit
    assert found.value == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("winds of 105 miles (170 kilometers) per hour", 105 * 1.609344),  # AP's style
    ("moving at 43 miles (69 kilometers) per second", 43 * 1609.344 * 3.6),
    ("gusts of 120 kilometers (75 miles) an hour", 120.0),
])
def test_a_speed_with_its_conversion_written_inside_it_is_a_speed(text, value):
    """Not a length of 105 miles, nor 'second' an ordinal: the figure is a speed, its bracket a conversion."""
    first, *rest = q.find(text)
    assert (first.kind, first.unit) == (q.SPEED, "km/h") and first.value == pytest.approx(value)
    assert [x.kind for x in rest] == [q.LENGTH]


def test_a_length_before_an_hour_s_drive_is_still_a_length():
    first, _ = q.find("Lyon lies 40 miles (64 kilometers) away, an hour's drive from the plant.")
    assert first.kind == q.LENGTH and q.find("The 40 miles (64 kilometers) an hour's drive takes")[0].kind == q.LENGTH


def test_years_dates_and_relative_times_are_not_quantities():
    assert q.find("in 2019 the mayor") == []
    assert [x.kind for x in q.find("two years ago")] == [q.COUNT]  # the parse drops it as a date (see test_claims)
    assert q.find("one of them said") == []


def test_a_figure_too_long_for_a_float_is_no_quantity():
    # Hostile input: 400 digits make float('inf'), which no interval, key or JSON value can hold.
    digits = "9" * 400
    assert q.find(f"At least {digits} people were killed and ${digits} billion was lost.") == []
    assert q.number_value(digits) is None
    assert [x.value for x in q.find(f"{digits} and 12 people")] == [12]


@pytest.mark.parametrize("a, b", [
    ("about 1,400", "1,412"),
    ("nearly 7,000", "6,900"),
    ("hundreds", "352"),
    ("at least 15", "17"),
    ("more than 10", "at least 11"),
    ("$3.2 billion", "$3.24 billion"),
    ("80 km", "50 miles"),
    ("about 9:15 p.m.", "9:20 p.m."),
    ("around 9:30 p.m.", "9:19 p.m."),  # a time rounded to the half hour
    ("a dozen", "12"),
    ("half of the drivers", "50 percent"),  # a share written as a fraction of a set, rounded
    ("a third of the residents", "about 35 percent"),
    ("four dozen", "48"),  # (a blind fact probe, 2026-12-07: "four dozen" was read as four, a count apart from 48)
    ("two dozen", "twenty-four"),
    ("as many as 40", "up to 25"),  # two ceilings: each only says how many there could be
    ("fewer than 30", "as many as 45"),
    ("half a million", "480,000"),  # a half is a rounded figure, like "0.5 million"
    ("44 miles per second", "71 km a second"),
])
def test_compatible_pairs(a, b):
    assert q.compatible(one(a), one(b)) and q.compatible(one(b), one(a))


@pytest.mark.parametrize("a, b", [
    ("8", "at least 11"),
    ("$48,210", "$48,120"),
    ("$3.2 billion", "$3.1 billion"),
    ("about 9:15 p.m.", "about 9:45 p.m."),
    ("around 9:30 p.m.", "9:50 p.m."),
    ("up to 25", "32"),
    ("four dozen", "36"),
    ("half of the drivers", "62 percent"),
    ("18", "21"),
    ("80 km", "40 miles"),
    ("at least 8", "at least 11"),
    ("about 1,200", "about 1,400"),
    ("43 miles per second", "44 miles a second"),
    ("more than two years", "a year and a half"),
])
def test_incompatible_pairs(a, b):
    assert not q.compatible(one(a), one(b)) and not q.compatible(one(b), one(a))


# --- the quick searches that spare a sentence the patterns ----------------------------


@pytest.mark.parametrize("text", [
    "SIXTY-FIVE MINERS", "Twenty-Eight people", "a Dozen trucks", "Scores of homes", "Hundreds Of volunteers",
    "tens of THOUSANDS of fans", "at Noon on Friday", "shortly after MIDNIGHT", "at 9:15 P.M.", "by 21:30 hours",
    "the 21ST floor", "the Third round", "$3.2BN in cuts", "five hundred Euros", "12 PER CENT", "rose 7%",
    "a man Aged Forty", "the 9-YEAR-OLD", "80KM east", "a sixty-Foot wall", "four thousand barrels",
    "a hundred miles", "an estimated 3,000 gallons", "£40 fine", "US$5 million", "a 30-minute delay",
    "a Year And A Half", "HALF an hour", "Half A Million fans", "44 Miles Per Second",
])
def test_the_quick_searches_skip_no_quantity(text, monkeypatch):
    found = q.find(text, "r1", 10)
    assert found
    monkeypatch.setattr(q, "_kinds_written", lambda text: q.KINDS)  # every pattern, over the whole text
    assert q.find(text, "r1", 10) == found


def test_the_quick_searches_skip_sentences_without_figures():
    assert q._kinds_written("The mayor visited the flooded district on Tuesday, someone said.") == ()
    assert q._kinds_written("Often the tide rises at dusk.") == ()  # "ten" inside a word is no number


def test_the_quick_searches_read_each_letter_as_the_patterns_do():
    # The quick searches read the lowercased text without IGNORECASE: each letter IGNORECASE matches to an
    # ASCII letter must lowercase to it, and lowercasing must keep \w and \d, or the text holds a letter
    # _FOLDS_ODDLY lists (which turns the quick searches off).
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered == char == char.upper() or q._FOLDS_ODDLY.match(char):
            continue  # a letter without case (IGNORECASE and lower() leave it alone), or one listed
        if ascii_letter.match(char):
            assert re.fullmatch(lowered, char, re.IGNORECASE) and lowered.isascii(), hex(code)
        assert len(lowered) == 1, hex(code)
        for cls in (r"\w", r"\d"):
            assert bool(re.match(cls, char)) == bool(re.match(cls, lowered)), (hex(code), cls)


def test_a_letter_ignorecase_reads_as_an_ascii_one_does_not_stop_a_brief():
    # Hostile input: "ı" (dotless i) and "ſ" (long s) match "i" and "s" in the patterns but lowercase to
    # themselves, and "İ" to two characters: looking the unit up raised KeyError, and the brief failed.
    assert one("5 m\u0131les away").value == pytest.approx(5 * 1609.344)
    assert one("5 M\u0130LES away").unit == "m"
    assert one("40 \u017feconds").kind == q.DURATION
    assert one("\u017fcores of homes").vague
    assert [x.kind for x in q.find("the fir\u017ft of 12 m\u0131les")] == [q.ORDINAL, q.LENGTH]


def test_different_currencies_and_units_are_not_compared():
    assert q.compatible(one("$5 million"), one("€9 million"))
    assert q.compatible(one("80 km"), one("3 hours"))


# --- disagreements found in whole briefs --------------------------------------------


def _numbers(*texts: str):
    # build_story straight: these test the comparison itself, not whether two one-line reports are one story
    documents = [Document(id=f"r{n}", text=text) for n, text in enumerate(texts, start=1)]
    story = build_story(documents, Settings())
    return [d for d in story.discrepancies if d.kind == "number"], {d.id: d.text for d in documents}


def _sides(found) -> set[str]:
    return {v.value for d in found for v in d.values}


def _shown(found) -> list:
    """The disagreements found, as a failed assertion shows them."""
    return [(d.subject, [v.value for v in d.values]) for d in found]


DISAGREE = [
    (  # a bare count against a hedged count of people, the blast and the explosion one event
        "The blast at the Tarrow market killed 8 on Saturday morning.",
        "The explosion at the Tarrow market, which killed at least 11 people, happened on Saturday morning.",
        {"8", "at least 11"},
    ),
    (  # an unnamed age against the age of the person named before
        "Lina Okafor was struck by a delivery van on Brook Lane on Monday. The 9-year-old was treated at the scene.",
        "Lina Okafor, 10, was struck by a delivery van on Brook Lane on Monday.",
        {"9-year-old", "10"},
    ),
    (  # an appositive age against a hyphenated one
        "Mayor Tom Holt, 61, opened the new bridge over the Vell on Friday.",
        "The new bridge over the Vell was opened on Friday by Holt. The 62-year-old mayor cut the ribbon.",
        {"61", "62-year-old"},
    ),
    (  # money with the same noun
        "The firm is suing the county for $48,210 in unpaid fees over the Dunmore road contract.",
        "Over the Dunmore road contract, the firm is seeking $48,120 in fees from the county.",
        {"$48,210", "$48,120"},
    ),
    (  # money with one predicate class
        "The council cut $3.2 billion from the Orland school budget on Tuesday.",
        "On Tuesday the council trimmed $3.1 billion from the Orland school budget.",
        {"$3.2 billion", "$3.1 billion"},
    ),
    (  # times of day
        "Witnesses said the suspect left the Grey Heron pub about 9:15 p.m. on Friday.",
        "The suspect left the Grey Heron pub about 9:45 p.m. on Friday, witnesses said.",
        {"about 9:15 p.m.", "about 9:45 p.m."},
    ),
    (  # a ceiling below an exact count
        "As many as 25 trucks were stuck at the Kessel border crossing on Sunday.",
        "Exactly 40 trucks were stuck at the Kessel border crossing on Sunday, officials said.",
        {"As many as 25", "40"},
    ),
    (  # "taken to hospital" = "hospitalised", bare counts
        "After the crash on the Rimmon bypass, 18 were taken to hospital.",
        "A total of 21 were hospitalised after the crash on the Rimmon bypass.",
        {"18", "21"},
    ),
    (  # a distance in two units, between the same two places
        "The Corvale chemical plant lies 80 km east of Lyon.",
        "Smoke from the Corvale chemical plant fire reached Lyon, 40 miles west of the plant.",
        {"80 km", "40 miles"},
    ),
    (  # a speed per second, in two units
        "Debris from the Orin comet hits the upper atmosphere at 26 miles per second, astronomers said.",
        "The Orin comet's debris hits the upper atmosphere at 55 km a second.",
        {"26 miles per second", "55 km a second"},
    ),
    (  # a half written in words
        "The Pell river bridge repairs cost half a million dollars, the county said.",
        "The county said the Pell river bridge repairs cost $800,000.",
        {"half a million dollars", "$800,000"},
    ),
]


@pytest.mark.parametrize("first, second, sides", DISAGREE, ids=[
    "blast-count", "unnamed-age", "mayor-age", "fees", "budget-cut", "time-of-day", "trucks", "hospital", "distance", "speed",
    "half-in-words"])
def test_issue_kinds_of_number_disagreement_are_caught(first, second, sides):
    found, texts = _numbers(first, second)
    assert sides <= _sides(found), _shown(found)
    for item in found:
        for value in item.values:
            for e in value.evidence:
                assert value.value in texts[e.document][e.start : e.end]


AGREE = [
    ("About 1,400 homes were evacuated in Pellmont after the levee broke on Monday.",
     "Officials in Pellmont said 1,412 homes were evacuated when the levee broke on Monday."),
    ("Nearly 7,000 runners finished the Harlow marathon on Sunday.",
     "Some 6,900 runners finished the Harlow marathon on Sunday, organisers said."),
    ("The Dorne stadium fire injured hundreds of fans on Saturday.",
     "The fire at Dorne stadium on Saturday injured 352 fans, officials said."),
    ("The Corvale chemical plant lies 80 km east of Lyon.",
     "The Corvale chemical plant is about 50 miles east of Lyon."),
    ("As many as 40 trucks were stuck at the Kessel border crossing on Sunday.",
     "Up to 25 trucks were stuck at the Kessel border crossing on Sunday, officials said."),
]


@pytest.mark.parametrize("first, second", AGREE, ids=["about", "nearly", "hundreds", "km-miles", "two-ceilings"])
def test_compatible_figures_are_not_a_disagreement(first, second):
    found, _ = _numbers(first, second)
    assert found == [], _shown(found)


def test_the_whole_a_part_is_taken_from_is_not_a_side():
    found, _ = _numbers(
        "A jury found Dale Ostrow guilty on three charges of attempted murder.",
        "A jury found Dale Ostrow guilty on four of five charges.",
    )
    assert "five" not in _sides(found)  # "of five charges" is how many there were, not how many he was found guilty on


@pytest.mark.parametrize("first, second", [
    # "three other provinces" and the one named: four, as the other report says
    ("President Ana Ruiz declared Velmar and three other provinces under a state of calamity on Friday.",
     "President Ana Ruiz declared four provinces under a state of calamity on Friday."),
    # "the 86-seat assembly" is its size, not how many seats were filled
    ("Friday's vote is for the 86-seat Varna assembly, whose members serve eight years.",
     "The Varna election board named the winners for 17 of the 86 seats in the Varna assembly."),
])
def test_more_of_them_and_a_hyphened_size_are_other_measures(first, second):
    found, _ = _numbers(first, second)
    assert found == [], _shown(found)


def test_two_sizes_of_one_thing_still_disagree():
    found, _ = _numbers("Fog on the Varna ring road caused a 25-vehicle crash on Monday, police said.",
                        "A 30-car crash on the Varna ring road on Monday was caused by fog, police said.")
    assert {"25", "30"} <= _sides(found)


def test_a_countdown_is_counted_from_each_report_s_own_day():
    texts = ("With four days until the money for the Varna government runs out, leaders met on Tuesday.",
             "With just five days until the money for the Varna government runs out, leaders traded blame.")
    for days, flagged in ((("2026-10-06", "2026-10-05"), False), (("2026-10-05", "2026-10-05"), True)):
        documents = [Document(id=f"r{n}", text=text, published=day) for n, (text, day) in enumerate(zip(texts, days), 1)]
        found = [d for d in build_story(documents, Settings()).discrepancies if d.kind == "number"]
        assert bool(found) is flagged


def test_figures_set_in_different_places_are_not_compared_however_alike_their_words():
    # worded alike enough to be "one fact" but for the places: two measurements, not one told two ways
    found, _ = _numbers(
        "Typhoon Lenna packed sustained winds of 130 kph over Jamaica on Friday.",
        "Typhoon Lenna packed sustained winds of 275 kph over Cuba on Friday.",
    )
    assert found == [], _shown(found)


def test_figures_of_two_unrelated_stories_are_not_compared():
    found, _ = _numbers(
        "Two people were injured when the Sallow dam spillway gate failed on Tuesday.",
        "The attacks in the city centre on Friday night injured 352 people, officials said.",
    )
    assert found == []


@pytest.mark.parametrize("second, flagged", [
    ("The Harlow council backed 44 points of the Velmont plan on Monday, the mayor said.", False),  # 7x: a part
    ("The Harlow council backed 9 points of the Velmont plan on Monday, the mayor said.", True),
])
def test_figures_more_than_four_times_apart_are_two_things(second, flagged):
    """Two reports' figures for one thing lie close (the gold sets' largest disagreement is 3.2 times);
    far apart, one measure's words fit two things: 6 points of a plan a council backed, and all 44."""
    found, _ = _numbers("The Harlow council backed 6 points of the Velmont plan on Monday, the mayor said.", second)
    assert bool(found) is flagged, _shown(found)


def test_two_words_for_the_same_counted_people_are_one_measure():
    # "soldiers" and "troops" count the same people: 15,000 against about 6,000 is a disagreement
    found, _ = _numbers(
        "The army has 15,000 soldiers in the Varna province, its spokesman said on Monday.",
        "Only about 6,000 troops are in the Varna province, the army spokesman said on Monday.",
    )
    assert {"15,000", "about 6,000"} <= _sides(found)


def test_two_verbs_for_one_fact_the_aligner_joins_are_one_measure():
    # "peaked at" and "clocked": verbs of no known event; the aligner finds the claims one fact (the
    # third report gives the figures' claims something to tell them from)
    found, _ = _numbers(
        "The Vela shower returns this week. In 2009, the Vela display peaked at 90,000 meteors per hour.",
        "Observers are ready for the Vela shower. In 2009, sky watchers clocked a rate of up to 60,000 meteors an hour "
        "at the peak of the Vela storm.",
        "The Vela shower comes from comet Okabe, which passes every 41 years. Astronomers expect 200 to 5,000 meteors "
        "per hour this year. Tickets for the 12 observatories sold out in three days.",
    )
    assert _sides(found) == {"90,000", "up to 60,000"}


def test_the_share_of_a_count_done_is_no_result():
    # "with 22 percent of the vote counted": how far the count got by press time, not Moreno's share
    found, _ = _numbers(
        "With 22 percent of the vote counted, Ana Moreno appeared to have won 51 percent of the vote in Velmar.",
        "In early returns, Ana Moreno appeared to have won 56 percent of the vote in Velmar.",
    )
    assert _sides(found) == {"51 percent", "56 percent"}


@pytest.mark.parametrize("text, counted", [
    ("With 95 percent of precincts reporting, Moreno led the race in Velmar.", True),
    ("With 80 percent of the ballots in, Moreno led the race in Velmar.", True),
    ("With 30 percent of voters in favour, the Velmar measure passed.", False),  # a result
])
def test_a_count_done_so_far_is_told_from_a_result(text, counted):
    (share,) = [x for x in _measured(text) if x.kind == q.PERCENT]
    assert (share.role == q.COUNTED) is counted


# --- what the entity labels tell a measure ----------------------------------------------


def _measured(text: str) -> list[q.Quantity]:
    story = build_story([Document(id="r1", text=text)], Settings(), stages=["annotate"])
    doc = story.workspace.parses["r1"]
    return [q.measure(found, doc) for found in q.find(text)]


def test_the_entity_around_a_token_carries_its_label():
    # a slice of the doc has no label: the PERSON and place tests of the callers would never fire
    story = build_story([Document(id="r1", text="Governor Mary Ann Louise Carter visited New Castleton.")],
                        Settings(), stages=["annotate"])
    doc = story.workspace.parses["r1"]
    labelled = {(e.start, e.end, e.label_) for e in doc.ents}
    for token in doc:
        around = q.entity_around(token)
        if not token.ent_type_:
            assert around is None
            continue
        assert (around.start, around.end, around.label_) in labelled  # the whole entity, "B" to its last "I"
        assert around.start <= token.i < around.end


def test_a_long_named_persons_age_is_labelled_with_their_title_and_a_place_name_is_whole():
    (age,) = [m for m in _measured("Governor Mary Ann Louise Carter, 58, signed the Tessel water bill on Friday.")
              if m.kind == q.AGE]
    assert (age.owner, age.owner_name) == ("carter", "Governor Carter")  # the title before the PERSON entity
    (distance,) = _measured("The Brenford refinery lies 30 km north of New Castleton.")
    assert distance.places == frozenset({"new castleton", "the refinery"})  # the GPE whole, not "castleton"


def test_a_figure_after_of_measures_the_noun_before_unless_that_noun_only_names_a_measure():
    (turnout,) = _measured("The Varna referendum drew a turnout of 61 percent on Sunday.")
    assert turnout.noun == "turnout"
    (period,) = _measured("The Varna mine stayed shut for a period of three years.")
    assert period.noun == ""  # "period" says how it is measured, not what


@pytest.mark.parametrize("text, described", [
    # "lose" and "claim" say people died only of lives or people
    ("The Tessel water board lost $5 billion on bonds last year.", "amount lost"),
    ("The Marrow airline lost 40 planes in the hangar fire.", "number of planes lost"),
    ("The Vell county clerk's office claimed $2 million in damages from the contractor.", "amount of damages claimed"),
    ("Eight Marrow firefighters lost their lives in the warehouse blaze.", "number of firefighters killed"),
    ("The Pellmont flood claimed 12 lives on Monday.", "number of people killed"),  # lives are people
    # a mass noun the '-er' test takes for a person ("power", "water") is no life lost (a probe, 2026-12-06)
    ("About 4,500 Harlow customers lost power in the storm.", "number of customers lost"),
    ("The Harlow mine lost three miners in the flood.", "number of miners killed"),
])
def test_what_is_lost_or_claimed_says_whether_anyone_died(text, described):
    (figure,) = _measured(text)
    assert q.describe(figure) == described


@pytest.mark.parametrize("text, noun", [
    ("Mayor Dana Holt sent the council a 5,500-word letter on Monday.", "word"),
    ("The Tessel inquiry published a 300-page report on Friday.", "page"),
    ("The Marrow county board approved a 2,000-bed hospital on Tuesday.", "bed"),
    ("A grand jury in Varna returned a new 48-page indictment on Wednesday.", "page"),  # not 48 more pages
])
def test_a_number_hyphened_to_its_noun_counts_that_noun_and_sizes_the_next(text, noun):
    # (the noun after a compound is what "nine wire fraud counts" counts, but "a 5,500-word letter" is no
    # 5,500 letters: read so, it was a count of letters that another report's "sent two letters" contradicts)
    (figure,) = _measured(text)
    assert (figure.noun, figure.role) == (noun, "size")


def test_a_length_a_thing_runs_for_is_that_things_size():
    (tunnel,) = _measured("Crews finished the Harlow tunnel, which runs for about 12 miles beneath the hills.")
    assert tunnel.noun == "tunnel"
    (trail,) = _measured("The Tessel coast trail, which stretches 30 km, opened on Monday.")
    assert trail.noun == "trail"
    (level,) = _measured("The Vask river rose 2 metres overnight.")
    assert level.noun == ""  # a river's level rising is no size of the river
    found, _ = _numbers(
        "Engineers broke through the last section of the 12-kilometre Harlow rail tunnel on Wednesday.",
        "Crews have finished digging the Harlow tunnel, which runs for about 12 miles beneath the hills.",
    )
    assert {"12-kilometre", "about 12 miles"} <= _sides(found)


@pytest.mark.parametrize("text, place", [
    ("The flood barrier protecting Tarrow, a town of 40,000, failed on Tuesday.", "tarrow"),
    ("Some 14,000 residents live in Tarrow, where the barrier gave way.", "tarrow"),
    ("Marrow, a city of 2 million people, voted on Sunday.", "marrow"),
    ("Harlow's population of 9,000 is ageing, the census shows.", "harlow"),
    ("Varna has a population of 350,000, the census shows.", "varna"),
])
def test_a_named_place_s_population_is_its_own_measure(text, place):
    (figure,) = [m for m in _measured(text) if m.kind == q.COUNT]
    assert (figure.role, figure.owner) == (q.POPULATION, place)
    assert q.describe(figure).startswith("population of ")


def test_populations_disagree_only_of_one_place_and_a_count_of_its_people_is_none():
    found, _ = _numbers("The flood barrier protecting Tarrow, a town of 40,000, failed on Tuesday night.",
                        "Some 14,000 residents live in Tarrow, where a flood defence gave way on Tuesday night.")
    assert {"40,000", "Some 14,000"} <= _sides(found)
    for other in ("Some 300 residents were evacuated from Tarrow on Tuesday night.",  # who were moved, not who live
                  "Nearby Harlow, a town of 14,000, escaped the flood on Tuesday night."):  # another town's
        found, _ = _numbers("The flood barrier protecting Tarrow, a town of 40,000, failed on Tuesday night.", other)
        assert found == [], _shown(found)
    (unnamed,) = [m for m in _measured("A town of 5,000 was flooded on Tuesday.") if m.kind == q.COUNT]
    assert unnamed.role != q.POPULATION  # whose, the words do not say


def test_a_place_finished_is_the_place_taken_and_two_races_are_two_places():
    found, _ = _numbers("Lotte Brahm finished fourth in the women's downhill at Varenfjell on Sunday.",
                        "Ines Carrow won Sunday's women's downhill at Varenfjell, while Lotte Brahm took third place.")
    assert {"fourth", "third"} <= _sides(found)
    assert any(d.subject == "place of Brahm" for d in found)
    two_races, _ = _numbers("Lotte Brahm finished fourth in the downhill at Varenfjell on Sunday.",
                            "Lotte Brahm took third place in the super-G at Varenfjell on Sunday.")
    assert two_races == [], _shown(two_races)
    (order,) = _measured("It was the third time the Varna club won the cup.")
    assert order.noun != q.PLACE  # an ordinal that counts times is no place


def test_a_change_by_a_share_disagrees_with_a_percentage_of_the_same_quarter():
    # "Quarterly" and "the quarter" are one period, not two occasions
    found, _ = _numbers("Quarterly net profit at Varna Bank fell 12 percent to 410 million crowns, the lender said.",
                        "Varna Bank said its net profit for the quarter dropped by a fifth to 410 million crowns.")
    assert {"12 percent", "a fifth"} <= _sides(found)


def test_two_distances_with_no_end_in_common_are_not_the_opening_s_one_distance():
    # each opening gives one distance in km, but from two places: the one-figure-in-a-unit rule is for one measure
    found, _ = _numbers(
        "A light aircraft crashed in woodland 30 km north of the capital, Varna, on Sunday, killing the pilot.",
        "The pilot died when a small plane came down in a forest 12 km from the border town of Tessel on Sunday.",
    )
    assert found == [], _shown(found)


def test_a_thing_s_hyphened_size_is_its_size_whatever_was_done_there():
    # "a 120-metre cliff" is the cliff's size (no "one of many", as "a seven-yard pass" is), and falling down it
    # and climbing it tell no two things
    found, _ = _numbers("A climber was rescued on Saturday after falling partway down a 120-metre cliff at Varna Point.",
                        "The woman had been climbing the 200-foot cliff face at Varna Point when she fell on Saturday.")
    assert {"120-metre", "200-foot"} <= _sides(found)
    (play,) = [m for m in _measured("Ostrow threw a seven-yard pass to Kell in the third quarter.") if m.kind == q.LENGTH]
    assert play.noun == ""  # one of a game's many passes


def test_a_limit_is_not_the_figure_it_limits():
    found, _ = _numbers(
        "The freight train was travelling at 180 km/h when it derailed near Varna, well above the 100 km/h limit.",
        "The freight train that came off the rails near Varna was moving at about 80 mph, investigators said.",
    )
    assert {"180 km/h", "about 80 mph"} <= _sides(found) and "100 km/h" not in _sides(found)


def test_an_increase_of_and_a_price_a_share_are_other_measures_than_the_level_and_the_sum():
    (rise,) = [m for m in _measured("Passengers in Varna will pay 55 pence, an increase of 15 pence.") if m.value == 15]
    assert rise.predicate == "raise"  # the change's amount, not the fare
    found, _ = _numbers("Single bus fares in Varna will rise from 40 to 55 pence in April, the authority said.",
                        "Varna bus passengers will pay 55 pence for a single ticket from April, an increase of 15 pence.")
    assert found == [], _shown(found)
    (price,) = _measured("Castrel agreed to buy Meadowlane for 12 euros a share in cash.")
    assert price.role == q.AVERAGE  # a price of each share, not what the deal is worth


def test_an_aggregate_score_is_not_one_match_s_score():
    found, _ = _numbers(
        "Varna Rovers won the second leg 2-0 at home on Wednesday to overturn a 1-0 defeat in the first leg.",
        "Varna Rovers are through to the final after a 2-1 aggregate victory, completing their comeback on Wednesday.",
    )
    assert found == [], _shown(found)
    assert q.find("Varna Rovers won 3-2 on aggregate.")[0].noun == "aggregate"


def test_one_rate_named_two_ways_in_one_quarter_named_two_ways_disagrees():
    # "the jobless rate" is unemployment's, "between July and September" the third quarter: one figure, told
    # in each report's opening by another subject
    found, _ = _numbers("Unemployment in the province of Varna rose to 6.4% in the third quarter, officials said.",
                        "The jobless rate in Varna climbed to 4.6 per cent between July and September, officials said.")
    assert {"6.4%", "4.6 per cent"} <= _sides(found)
    (rate,) = _measured("The unemployment rate in Varna was 5 percent in March.")
    assert rate.noun == "unemployment"


def test_a_building_s_storeys_and_floors_are_one_size():
    found, _ = _numbers("Firefighters rescued 15 residents from a 12-storey block of flats in Varna after a fire broke "
                        "out on the fourth floor. Two people were taken to hospital.",
                        "Fifteen people were brought out of an eight-floor apartment building in Varna by firefighters "
                        "after a blaze on its fourth floor. Two were treated in hospital.")
    assert {"12", "eight"} <= _sides(found)


def test_a_seat_held_by_votes_and_a_margin_of_votes_are_one_margin():
    found, _ = _numbers("Councillor Ada Lund held the Varna South ward by 312 votes after a recount on Thursday.",
                        "A recount in Varna South confirmed Ada Lund as the winner on Thursday, with a margin of 213 votes.")
    assert {"312", "213"} <= _sides(found)
    assert all(d.subject.endswith("the margin") for d in found)


def test_a_delay_told_before_its_cause_is_a_length_and_one_with_being_stuck():
    # "90 minutes after a train broke down" reads as a time counted from another; after "by" it is the delay
    (delay,) = q.find("Passengers were delayed by 90 minutes after a freight train broke down near Varna.")
    assert (delay.kind, delay.written) == (q.DURATION, "90 minutes")
    (offset,) = q.find("The bomb went off 90 minutes after the rally began.")
    assert offset.kind != q.DURATION
    found, _ = _numbers(
        "Passengers on the overnight service from Varna were delayed by 90 minutes after a freight train broke down.",
        "A freight train failure left travellers on the Varna overnight train stuck for more than three hours.",
    )
    assert {"90 minutes", "more than three hours"} <= _sides(found)


def test_a_share_that_sizes_a_change_is_that_change_whatever_verb_took_it():
    (raise_,) = [m for m in _measured("Striking bus drivers in Varna have voted to accept a 4% raise.") if m.kind == q.PERCENT]
    assert raise_.predicate == "raise"
    found, _ = _numbers("Bus drivers in Varna County have accepted a 7 per cent pay rise, ending a dispute that led to "
                        "three one-day strikes, their union said.",
                        "Striking bus drivers in Varna County have voted to accept a 4% raise, bringing an end to a row "
                        "that saw three 24-hour walkouts.")
    assert {"7 per cent", "4%"} <= _sides(found)


def test_ones_counts_the_noun_counted_before():
    # (ballots are of the class of votes: "52.4 percent of ballots cast", "54.2% of the vote")
    figures = _measured("Clerks in Dorran County mixed 22 invalid ballots with 183 valid ones on Tuesday.")
    assert [(m.value, m.noun) for m in figures] == [(22.0, "vote"), (183.0, "vote")]


def test_the_age_of_a_thing_is_nobodys():
    # "the 40-year-old plant" pointed back to the last person named: a false "age of Marsh" disagreement
    (age,) = [m for m in _measured("Jo Marsh toured the 40-year-old Tarrow steel plant on Monday.") if m.kind == q.AGE]
    assert age.owner == ""
    (age,) = [m for m in _measured("Paul Kemp was held on Monday. The 34-year-old carpenter was freed on bail.")
              if m.kind == q.AGE]
    assert age.owner == "kemp"  # a person's noun still points back
    found, _ = _numbers("Jo Marsh toured the 40-year-old Tarrow steel plant on Monday.",
                        "Jo Marsh, 52, toured the Tarrow steel plant on Monday.")
    assert not found


def test_lives_and_ones_are_compared():
    found, _ = _numbers("The storm claimed 12 lives in Dorran on Monday, officials said.",
                        "The storm killed 15 people in Dorran on Monday, officials said.")
    assert _sides(found) == {"12", "15"}
    found, _ = _numbers("Clerks in Dorran County mixed 22 invalid ballots with 183 valid ones on Tuesday.",
                        "On Tuesday, clerks in Dorran County mixed 22 invalid ballots in with 240 valid ballots.")
    assert _sides(found) == {"183", "240"}


# --- which figure of a change or a whole ---------------------------------------------


@pytest.mark.parametrize("text, roles", [
    ("The judge threw out three of the eight fraud charges against the Vell county clerk.", {3.0: "", 8.0: "whole"}),
    ("The Marrow city council cut road spending from $5 billion to $3.2 billion.", {5e9: "from", 3.2e9: "to"}),
    ("The Marrow city council cut road spending to $3.2 billion from $5 billion.", {5e9: "from", 3.2e9: "to"}),
    ("The Marrow city council trimmed road spending by $3.1 billion.", {3.1e9: ""}),
    ("The death toll in the Pellmont flood rose to 14 on Monday.", {14.0: ""}),  # a tally's value is the figure
    # the whole after "N of", "N out of", "N percent of": read off the words, whatever the parse makes of them
    ("A jury found the Vell county clerk guilty on four of five charges.", {4.0: "", 5.0: "whole"}),
    ("The Varna board rejected 214 candidates out of 400 on Monday.", {214.0: "", 400.0: "whole"}),
    ("Only 39 percent of the 38 million voters in Varna cast a ballot.", {39.0: "", 38e6: "whole"}),
    # a rate or an average, some picked out by their order, some of a set: none a plain tally
    ("Dunmore has averaged 100 RBIs in his six seasons with the Kessel Hawks.", {100.0: "average", 6.0: ""}),
    ("The Dorne shelter has taken in some 40 people a night since it opened.", {40.0: "average"}),
    ("The Velmar Rams scored touchdowns on their first two drives.", {1.0: "", 2.0: "selected"}),  # ("first": an ordinal)
    ("Her mother is now caring for five of her daughter's children.", {5.0: "part"}),
    ("Troops killed two of the gunmen in the raid.", {2.0: ""}),  # what happened to the two, as "two gunmen killed"
])
def test_a_figure_knows_which_end_of_a_change_or_which_whole_it_is(text, roles):
    assert {m.value: m.role for m in _measured(text)} == roles


AGREE_ROLES = [
    ("A judge threw out three fraud charges against the Vell county clerk on Tuesday.",
     "On Tuesday the judge threw out three of the eight fraud charges against the Vell county clerk."),
    ("An appeals court in Sarn reduced the activist's sentence from three years in prison to one.",
     "An appeals court in Sarn upheld the verdict, reducing the activist's three-year prison sentence to one year."),
]


@pytest.mark.parametrize("first, second", AGREE_ROLES, ids=["part-of-whole", "from-to"])
def test_a_part_and_its_whole_or_two_ends_of_a_change_state_one_fact(first, second):
    # read as one measure, "three" against "eight" (or three years against one) kept the two claims apart
    story = build_story([Document(id="r1", text=first), Document(id="r2", text=second)], Settings())
    assert [d for d in story.discrepancies if d.kind == "number"] == []
    assert any({c.document for c in group.claims} == {"r1", "r2"} for group in story.facts), [
        [c.text for c in group.claims] for group in story.facts]


def test_two_reports_of_where_a_change_ended_still_disagree():
    found, _ = _numbers(
        "The Marrow city council cut road spending from $5 billion to $3.2 billion on Tuesday.",
        "On Tuesday the Marrow city council cut road spending to $2.8 billion, from $5 billion.",
    )
    assert {"$3.2 billion", "$2.8 billion"} <= _sides(found)
    assert "$5 billion" not in _sides(found)


def test_a_lone_surname_s_first_name_is_read_from_one_index_per_report():
    """A report of many ages of lone surnames (hostile, or a long list) once looked back from each age
    anew: time growing with the square of its length. The full names are read once per report."""
    from newsweave.annotate.model import load_model

    doc = load_model(Settings())("Amber Kessler appeared in court. Kessler, 29, admitted it. Kessler, 29, wept.")
    kessler = [t for t in doc if t.text == "Kessler"]
    assert [q.given_name(t) for t in kessler[1:]] == ["amber", "amber"]
    assert q._FULL_NAMES in doc.user_data  # built once, on first use
    doc.user_data[q._FULL_NAMES] = {"kessler": [(0, "planted")]}  # a second lookup reads the index, no new scan
    assert q.given_name(kessler[2]) == "planted"


def test_whether_a_report_also_states_a_figure_is_asked_once_per_figure(monkeypatch):
    # Hostile input: one sentence of many figures. Asked for every pair of figures, the question cost the
    # pairs times every figure of the report (120 figures: 20 s); asked once per figure it stays small.
    from newsweave.crosscheck import numbers

    asked = []
    real = numbers._also_states
    monkeypatch.setattr(numbers, "_also_states", lambda *args: asked.append(args[1:4]) or real(*args))
    first = "Officials in Varna said " + "12 people, " * 30 + "were hurt."
    second = first.replace("12", "13")
    build_story([Document(id="r1", text=first), Document(id="r2", text=second)], Settings())
    keys = {(document, id(quantity), id(holder)) for document, quantity, holder in asked}
    assert asked and len(asked) == len(keys)  # never the same question twice



def test_the_parts_a_claim_sums_to_are_summed_once_per_figure(monkeypatch):
    # Hostile input: one sentence of many figures of one measure. Summed for every pair of figures, the parts
    # of a total cost the pairs times the figures (300 figures: two minutes); once per figure it stays small.
    from newsweave.crosscheck import numbers

    asked = []
    real = numbers._parts_of
    monkeypatch.setattr(numbers, "_parts_of", lambda claim, part: asked.append((id(claim), id(part))) or real(claim, part))
    first = "The fund paid " + ", ".join(f"${n} million to group {n}" for n in range(3, 33)) + ", officials said."
    second = first.replace("$3 million", "$4 million")
    build_story([Document(id="r1", text=first), Document(id="r2", text=second)], Settings())
    assert asked and len(asked) == len(set(asked))  # never the same sum twice


def test_a_report_of_many_counts_is_checked_against_the_other_once_per_count(monkeypatch):
    # Hostile input: "injured 3 other people, 4 other people, …". Each clashing pair asked whether either
    # report also gives the other's figure by scanning the report: the pairs times the counts.
    from newsweave.crosscheck import numbers

    calls = []
    real = numbers._compatible
    monkeypatch.setattr(numbers, "_compatible", lambda a, b: calls.append(1) or real(a, b))
    n = 40
    first = "The blast killed 2 people and injured " + ", ".join(f"{i} other people" for i in range(3, 3 + n)) + "."
    build_story([Document(id="r1", text=first), Document(id="r2", text=first.replace("killed 2", "killed 4"))], Settings())
    assert len(calls) <= 4 * n * n  # pairs once, and each count against each report once; not pairs times counts


# (the second precision audit's false number flags, ECB+ sub-topics: benchmarks/precision_audit.py --ecbplus)
@pytest.mark.parametrize("text", [
    "Hale Bowe (43-1) scored an eighth-round decision over Gene Pukall (14-13-2).",  # a boxer's record
    "The Tarrow Saints (7-7) will visit the Dunmore Lions (0-14) this Sunday.",
    "The Colts clinched a playoff berth with a 20-13 win in Kansas City.",  # a score
    "Thomas looked effective again in a 17 - 14 victory at Atlanta.",
])
def test_a_record_or_a_score_is_no_count(text):
    assert [m for m in _measured(text) if m.kind in (q.COUNT, q.AGE) and q.measure_key(m) is not None] == []


def test_a_number_in_a_name_counts_nothing():
    figures = _measured("The flaw affects Tarrow Explorer 8 and 9, and the Boeing 727 was on Route 52.")
    assert [m.written for m in figures if q.measure_key(m) is not None] == []
    # a count after a proper noun still counts what follows it
    (count,) = _measured("In Dunmore 130 people were killed on Friday.")
    assert count.noun == "people" and q.measure_key(count) is not None


def test_whose_age_an_age_is():
    by_age = {m.written: m.owner for m in _measured("61-year-old Kathryn Gomes and 48-year-old Robin Mendes are the victims.")}
    assert by_age == {"61-year-old": "gomes", "48-year-old": "mendes"}  # each the name after it, not the last joined
    (age,) = _measured("Ms. Mendes' 12-year-old daughter was also in the flat.")
    assert age.owner == ""  # the daughter's, not her mother's
    (age,) = _measured("Police said Timmons missed his target, instead striking the 10-year-old girl.")
    assert age.owner == ""  # a girl struck is not the man named before
    for text in ("Mark Teale will be 29 in April.", "Mark Teale, who turns 29 on April 11, signed on Monday."):
        ages = [m for m in _measured(text) if m.kind == q.AGE or m.value == 29]
        assert all(m.owner == "" for m in ages), text  # an age still to come is not his age now


def test_two_people_of_one_surname_keep_their_ages():
    found, _ = _numbers("Gary Gomes, 35, was arrested on Tuesday in New Bedford.",
                        "61-year-old Kathryn Gomes and 48-year-old Robin Mendes are the victims, police in New Bedford said.")
    assert not found


@pytest.mark.parametrize("text, written, low, high", [
    ("As many as 35 to 40 volunteer firefighters came from across the region.", "As many as 35 to 40", 35, 40),
    ("Officials said 40 percent to 70 percent of the buildings were destroyed.", "40 percent to 70 percent", 40, 70),
    ("Between 50 and 70 percent of the structures may have been destroyed.", "Between 50 and 70 percent", 50, 70),
    ("The deal is worth between $140 million and $150 million.", "between $140 million and $150 million", 140e6, 150e6),
])
def test_a_range_is_one_figure(text, written, low, high):
    (figure,) = [m for m in q.find(text) if m.kind != q.DURATION]
    assert (figure.written, figure.low, round(figure.high, -6) if high > 1e6 else figure.high) == (written, low, high)


@pytest.mark.parametrize("text", ["Rates rose from 10 to 12 percent.", "The council passed it in a 5 to 4 vote."])
def test_a_change_or_a_vote_is_no_range(text):
    assert all(m.hedge != "range" for m in q.find(text))


@pytest.mark.parametrize("first, second, sides", [
    # a figure within a range agrees with it, one outside does not
    ("As many as 35 to 40 volunteer firefighters fought the Dunmore church fire on Friday.",
     "About 40 volunteer firefighters fought the Dunmore church fire on Friday.", set()),
    ("As many as 35 to 40 volunteer firefighters fought the Dunmore church fire on Friday.",
     "Some 90 volunteer firefighters fought the Dunmore church fire on Friday.", {"As many as 35 to 40", "Some 90"}),
    # two moments of one evening, told in like words: not one time given two ways
    ("Police said the gunman entered the Tarrow office party around 4:00 p.m. on Friday.",
     "Police said the gunman gave himself up at the Tarrow office party just after 6 p.m. on Friday.", set()),
    # "shortly after 2 a.m." and "just after 2:30 a.m." may be one moment
    ("Tom Vell failed sobriety tests shortly after 2 a.m. on Route 9, police said.",
     "Tom Vell was stopped on Route 9 just after 2:30 a.m., police said.", set()),
    # the same event at two times is still flagged
    ("Reyes left the Blue Anchor bar at about 9:15 p.m. Friday, police said.",
     "Reyes left the Blue Anchor bar at about 9:45 p.m. Friday, according to police.", {"about 9:15 p.m.", "about 9:45 p.m."}),
])
def test_ranges_and_clock_times_are_compared_as_what_they_say(first, second, sides):
    found, _ = _numbers(first, second)
    assert _sides(found) == sides


def test_a_time_in_a_named_zone_is_not_compared_with_one_in_none():
    (et,) = q.find("The Saints play at 4:30 p.m. ET on Saturday.")
    (bare,) = q.find("The Saints play at 3:30 p.m. on Saturday.")
    assert et.unit != bare.unit and q.compatible(et, bare)
    assert q.find("at 4 p.m. at the house")[0].unit == "min"  # "at" is no zone


def test_local_time_names_no_zone_and_two_clock_times_of_one_quake_disagree():
    """tune3 (thirty-second sitting): "local time" says what a bare time says (news style gives the time where the
    event happened), a quake that struck and one that jolted residents struck, and the clock times compared are
    not two occasions by their own words."""
    (local,) = q.find("The quake struck just before 3am local time.")
    (bare,) = q.find("The quake struck at around 5 a.m.")
    (gmt,) = q.find("The quake struck at 0100 GMT.")
    assert local.unit == bare.unit == "min" != gmt.unit
    found, _ = _numbers(
        "The earthquake struck just before 3am local time, waking residents across the Tessaly Valley.",
        "Residents of the Tessaly Valley were jolted from their beds by a magnitude-5.8 earthquake at around 5 a.m.")
    assert _sides(found) == {"just before 3am", "around 5 a.m."}, _shown(found)
    # a day named beside the time still tells two occasions ("at 3am on Monday", "at 5am on Tuesday")
    found, _ = _numbers("The earthquake struck the Tessaly Valley at 3am on Monday.",
                        "An earthquake struck the Tessaly Valley at 5am on Tuesday.")
    assert not found, _shown(found)


@pytest.mark.parametrize("first, second, sides", [
    # tune3 (thirty-second sitting): a standoff named by its noun is the one a man held by barricading himself
    ("A 12-hour standoff at a farmhouse outside Kelbrook ended peacefully on Sunday when a man surrendered to police.",
     "KELBROOK — An armed man gave himself up to police on Sunday after barricading himself inside a farmhouse for "
     "about five hours.", {"12-hour", "about five hours"}),
    # people an outbreak infected are its cases
    ("Health officials in the district of Farrowby have confirmed 312 cases of measles since the outbreak began in August.",
     "FARROWBY — A measles outbreak that began in August has now infected about 120 people, district health "
     "authorities said.", {"312", "about 120"}),
])
def test_an_event_named_two_ways_gives_one_figure(first, second, sides):
    found, _ = _numbers(first, second)
    assert _sides(found) == sides, _shown(found)


def test_children_an_outbreak_infected_may_be_some_of_its_cases():
    found, _ = _numbers("Health officials in Farrowby have confirmed 312 cases of measles since the outbreak began in August.",
                        "FARROWBY — A measles outbreak that began in August has now infected 40 children, officials said.")
    assert not found, _shown(found)


@pytest.mark.parametrize("text, owner, sex", [
    ("A 34-year-old man has been charged with arson.", "the suspect", "man"),
    ("The suspect, aged 43, is due before magistrates on Thursday.", "the suspect", ""),
    ("Police arrested a 29-year-old woman on Thursday.", "the suspect", "woman"),
    # anyone else unnamed has no one's age: a victim, a driver the words do not say was held
    ("A 12-year-old boy was killed in the crash.", "", ""),
    ("A 52-year-old driver was taken to hospital.", "", ""),
])
def test_an_unnamed_suspect_s_age_is_the_suspect_s(text, owner, sex):
    (age,) = [m for m in _measured(text) if m.kind == q.AGE]
    assert (age.owner, age.owner_given) == (owner, sex)


def test_the_ages_two_reports_give_their_unnamed_suspect_disagree_unless_two_suspects():
    """tune3 (thirty-second sitting): a crime story's reports often leave the one arrested unnamed."""
    found, _ = _numbers(
        "A 34-year-old man has been charged with arson after a fire destroyed a warehouse in the Calder Wharf district "
        "of Ostrey.",
        "OSTREY — Police have charged a man with arson over the overnight fire that gutted a warehouse at Calder Wharf. "
        "The suspect, aged 43, is due before magistrates on Thursday.")
    assert _sides(found) == {"34-year-old", "aged 43"}, _shown(found)
    assert [d.subject for d in found] == ["age of the suspect"]
    # a man and a woman arrested are two suspects
    found, _ = _numbers("Police in Carden have arrested a 41-year-old man over Monday's robbery of a jewellery shop.",
                        "A second suspect in the Carden jewellery raid, a 29-year-old woman, was arrested on Thursday.")
    assert not found, _shown(found)
    found, _ = _numbers("Police in Carden have arrested a 41-year-old man over Monday's robbery of a jewellery shop.",
                        "Police in Carden have arrested a 29-year-old woman over Monday's robbery of a jewellery shop.")
    assert not found, _shown(found)


def test_a_ship_named_as_a_liner_or_a_tanker_is_the_ship_measured():
    """The second blind fact probes (thirty-second sitting): "liner" and "tanker" end like "plumber", and were read
    as people, whose size nothing measures; a ship is a ship however a report names it."""
    (liner,) = [m for m in _measured("The cruise liner is 300 metres long.") if m.kind == q.LENGTH]
    (tanker,) = [m for m in _measured("The tanker is 240 metres long.") if m.kind == q.LENGTH]
    assert liner.noun == tanker.noun == "ship"
    found, _ = _numbers("The 330-metre cruise ship Meridian Crown was floated out at the Kessler shipyard in Aarvik on Friday.",
                        "Shipbuilders in Aarvik floated out the Meridian Crown on Friday. The cruise liner is 300 metres long.")
    assert _sides(found) == {"330-metre", "300 metres"}, _shown(found)


@pytest.mark.parametrize("text, noun, owner", [
    # what a quake measured is its magnitude, no word "magnitude" near (the second blind fact probes)
    ("The tremor measured 6.4, according to a European monitoring centre.", q.MAGNITUDE, ""),
    ("An aftershock measured 5.1 on Sunday.", q.MAGNITUDE, "aftershock"),
    # what a bridge measured is its size
    ("The bridge measured 6.4 metres.", "bridge", None),
])
def test_what_a_quake_measured_is_its_magnitude(text, noun, owner):
    (figure,) = _measured(text)
    assert figure.noun == noun
    if owner is not None:
        assert figure.predicate == owner


@pytest.mark.parametrize("text, noun, predicate", [
    # a venue's capacity, by its seats or what it holds (the blind fact probes of both sets)
    ("The new 42,000-seat Kestrel Park stadium will host its first match.", q.CAPACITY, ""),
    ("Kestrel Park holds 42,000 spectators.", q.CAPACITY, ""),
    ("The arena can hold 18,000 fans.", q.CAPACITY, ""),
    ("The stadium has a capacity of 42,000.", q.CAPACITY, ""),
    # not a day's crowd, a parliament's seats, or people the police hold
    ("A crowd of 40,000 watched the match.", "people", ""),
    ("The wind farm will have a capacity of 600 megawatts.", "megawatt", ""),  # (a plant's output, not people)
    ("The party won 47 seats.", "seat", ""),
    ("Police are holding 18 fans.", "fan", "arrest"),
    ("Hamas holds 200 hostages.", "hostage", "arrest"),
    # homes left without power are cut off, not evacuated
    ("Storm Idris left nearly 120,000 homes without electricity.", "home", "cut"),
    # "dozen" is the figure, not what it counts; an order for things is their ordering (the blind fact probes)
    ("Two dozen miners were trapped.", "miner", "trap"),
    ("An order for 48 Avelon helicopters will modernise the fleet.", "helicopter", "order"),
    ("Officials ordered 3,000 residents to leave.", "people", "evacuate"),
    ("Authorities moved about 2,500 people from their homes.", "people", "evacuate"),  # (moved from their homes)
])
def test_what_a_venue_holds_homes_left_without_power_and_an_order_for_things(text, noun, predicate):
    (figure,) = [m for m in _measured(text) if m.kind == q.COUNT]
    assert (figure.noun, figure.predicate) == (noun, predicate)


def test_a_speed_s_unit_is_not_what_it_measures():
    (speed,) = _measured("A tornado with winds of 250 km/h tore through the town.")
    assert speed.noun != "h"


@pytest.mark.parametrize("text", ["The portrait sold for £2.1m at auction.", "The firm raised $3bn last year."])
def test_a_sum_s_scale_letters_are_not_what_it_measures(text):
    # (a third set of blind fact probes: "£2.1m" measured "m", so it was no figure of "£2,100,000")
    (sum_,) = _measured(text)
    assert sum_.noun == ""


def test_a_count_of_an_unlisted_thing_needs_its_claims_to_be_one_fact():
    # like words around two counts of drives (the aligner's likeness 0.13): two stretches of one game
    found, _ = _numbers(
        "The Tarrow Jaguars scored touchdowns on their first two drives and then added a field goal for a 17-7 lead.",
        "After scoring on four of their first five drives, including their first two, the Tarrow Jaguars punted.")
    assert not found, _shown(found)


def test_a_report_counting_several_sets_of_an_unlisted_thing_is_known():
    from newsweave.crosscheck import numbers

    story = build_story([Document(id="r1", text="Pierre Thomas has eight touchdowns on 498 rushing yards and 176 receiving yards."),
                         Document(id="r2", text="Pierre Thomas has 189 rushing yards this season.")], Settings())
    likeness = numbers._Likeness(story)
    figures = [[(key, x) for x in c.quantities if (key := q.measure_key(x)) is not None] for c in likeness.claims]
    several = numbers._several_counted(numbers._held(likeness.claims, figures))
    assert {document for document, key in several if key[:2] == (q.COUNT, "yard")} == {"r1"}


def test_a_page_of_thousands_of_counts_of_one_thing_stays_fast():
    import time
    from types import SimpleNamespace

    from newsweave.crosscheck import numbers

    # 20,000 counts of one thing in one report, each a claim of its own, none clashing: never compared pair by pair
    figures = [q.Quantity(q.COUNT, 5.0, 5.0, 5.0, "", "5", "r1", 0, 0, noun="culvert") for _ in range(20000)]
    claims = [SimpleNamespace(document="r1") for _ in figures]
    started = time.perf_counter()
    several = numbers._several_counted(numbers._held(claims, [[(q.measure_key(x), x)] for x in figures]))
    assert time.perf_counter() - started < 1.0
    assert several == {("r1", q.measure_key(figures[0]))}


@pytest.mark.parametrize("text", [
    "9" + " " * 100_000 + "to 12",  # a figure, then a long run of spaces: each split of it was tried against every unit
    "35 to " * 20_000 + "40 people",  # 20,000 figures: each was checked against every span read before it
])
def test_hostile_runs_of_spaces_and_figures_read_fast(text):
    import time

    started = time.perf_counter()
    q.find(text)
    assert time.perf_counter() - started < 3.0


def test_every_report_giving_a_side_s_figure_stands_on_that_side():
    """'21 [8] vs 24 [10]' when eight wire reports said 21 and two papers 24: the reports of other days were never
    compared (a figure may move on from day to day), and so were left off the side whose very figure they give."""
    texts = {
        "r1": ("2026-10-05", "The bomb at the Varna market injured 21 people, police said."),
        "r2": ("2026-10-06", "The bomb at the Varna market on Sunday injured 21 people, police said on Monday."),
        "r3": ("2026-10-06", "The bomb in the crowded Varna market injured 24 people, officials said on Monday."),
    }
    documents = [Document(id=key, text=text, published=day) for key, (day, text) in texts.items()]
    (found,) = [d for d in build_story(documents, Settings()).discrepancies if d.kind == "number"]
    assert [(v.value, v.documents) for v in found.values] == [("21", ["r1", "r2"]), ("24", ["r3"])]


def test_a_level_a_clause_gives_measures_its_subject():
    """A probe of common phrasings (2026-12-06, twenty-fourth sitting): "Winds reached 90 mph" and "Winds peaked
    at 120 mph" measure the winds, a speed no noun beside the figure names; the two were never compared."""
    ctx = "The storm hit Harlow County on Tuesday night, the county office said. Crews worked through the night. "
    (wind,) = _measured("Winds in Harlow peaked at 120 mph.")
    assert (wind.kind, wind.noun) == (q.SPEED, "wind")
    found, _ = _numbers(ctx + "Winds reached 90 mph in Harlow.", ctx + "Winds in Harlow peaked at 120 mph.")
    assert [(d.subject, sorted(_sides([d]))) for d in found] == [("speed of winds", ["120 mph", "90 mph"])]
    # a change is no level ("drained 20%" against "is on 69%"), and a person measures nothing ("The nurse reached 20 mph")
    (drained,) = _measured("The Harlow phone's battery drained 20% in an hour.")
    assert drained.noun != "battery"
    (ran,) = [m for m in _measured("The Harlow nurse reached 20 mph on her bike.") if m.kind == q.SPEED]
    assert ran.noun == ""


# A probe of common phrasings of courts and companies (2026-12-06, twenty-fifth sitting): each pair was missed.
_COURT = "Dorian Pell, a former treasurer of the Velmar school board, appeared in court in Velmar on Tuesday. "
_FIRM = "Harlow Motors, the carmaker based in Velmar, reported its results on Tuesday, the company said. "
_QUAKE = "A strong earthquake struck the Velmar region on Sunday, officials said. "
_VOTE = "Voters in Harlow County chose a new mayor on Tuesday, election officials said. "
_OUTBREAK = "An outbreak of measles has spread in Velmar this month, health officials said. "
_WILDFIRE = "A wildfire burned near the town of Pell on Friday, firefighters said. "
# (the openings of the probes below, shared by both reports)
_DERAILED = "A passenger train derailed near Velmar on Sunday, officials said. "
_OPENED = "The new Velmar bridge opened on Monday, the city said. "


EVENTS_TOLD_TWO_WAYS = [
    (_COURT + "Pell was fined $5,000.", _COURT + "The judge fined him $2,500.", "amount fined"),
    (_COURT + "A judge sentenced Pell to five years in prison.", _COURT + "Pell was jailed for three years.",
     "length of the prison sentence"),
    (_COURT + "Pell received a 12-year prison sentence.", _COURT + "The judge gave Pell 10 years behind bars.",
     "length of the prison sentence"),
    (_COURT + "Pell was sentenced to 18 months in jail.", _COURT + "Pell got a two-year jail term.",
     "length of the prison sentence"),
    (_COURT + "Pell stole $48,000 from the board.", _COURT + "Pell embezzled more than $60,000 from the board.",
     "amount stolen"),
    (_COURT + "Pell, who faced up to 20 years, pleaded guilty.", _COURT + "Pell faced a maximum of 30 years in prison.",
     "duration sought"),
    (_COURT + "The trial lasted three weeks.", _COURT + "The two-week trial ended on Tuesday.", "duration of the trial"),
    (_FIRM + "Harlow Motors will cut 1,200 jobs.", _FIRM + "The carmaker plans to eliminate 1,500 positions.",
     "number of jobs cut"),
    (_FIRM + "Harlow Motors posted a profit of $412 million.", _FIRM + "The company earned $421 million in the quarter.",
     "amount earned"),
    (_FIRM + "Revenue reached $8.2 billion.", _FIRM + "Revenue was $7.9 billion.", "amount in revenue"),
    (_FIRM + "Harlow recalled 80,000 cars.", _FIRM + "The recall covers 85,500 vehicles.", "number of vehicles recalled"),
    (_FIRM + "The company paid a $40 million settlement.", _FIRM + "Harlow settled the case for $45 million.",
     "amount settled"),
    # a thing no list knows, counted once by each report
    (_QUAKE + "More than 300 aftershocks followed.", _QUAKE + "There were about 150 aftershocks.",
     "number of aftershocks followed"),
    (_VOTE + "Moro received 12,400 votes.", _VOTE + "Moro got 14,200 votes.", "number of votes"),
    (_OUTBREAK + "Health officials have confirmed 42 cases.", _OUTBREAK + "There are now 57 confirmed cases.",
     "number of cases confirmed"),
    (_WILDFIRE + "The fire has burned 12,000 acres.", _WILDFIRE + "The blaze has scorched 9,500 acres.", "area burned"),
    (_WILDFIRE + "More than 600 firefighters are fighting the fire.", _WILDFIRE + "About 450 firefighters battled the blaze.",
     "number of firefighters fought"),
    (_QUAKE + "The quake measured 6.1 on the Richter scale.", _QUAKE + "The earthquake had a magnitude of 5.8.",
     "magnitude of the earthquake"),
    # a mover's speed whatever the verb of moving; growth in two words
    ("A bus crashed on the Velmar highway on Friday. The bus was travelling at 110 km/h.",
     "A bus crashed on the Velmar highway on Friday. The bus was going 80 km/h when it crashed.", "speed traveled"),
    ("The statistics office published its figures on Friday. The economy grew 2.1 percent.",
     "The statistics office published its figures on Friday. The economy expanded by 1.8 percent.", "percentage raised"),
    # the one toll each report's opening gives, however worded (its first three body sentences: further down a report
    # gives the tolls of earlier events)
    (_DERAILED + "The crash killed 40 people.", _DERAILED + "The death toll stands at 52.", "number of people killed"),
    (_DERAILED + "Officials said 40 people were confirmed dead.", _DERAILED + "At least 52 were killed in the crash.",
     "number of people killed"),
    (_DERAILED + "Forty people died in the crash.", _DERAILED + "The derailment claimed 52 lives.", "number of people killed"),
    (_DERAILED + "Rescuers said 140 passengers were hurt.", _DERAILED + "The derailment injured 95 people.",
     "number of people injured"),
    (_DERAILED + "Police arrested 3 people at the station.", _DERAILED + "Four people were detained after the derailment.",
     "number of people arrested"),
    # an estimate's object is the tally it puts at the figure
    (_DERAILED + "The crash killed 40 people.", _DERAILED + "Officials put the toll at 52.", "number of people killed"),
    (_DERAILED + "The number of injured stands at 21.", _DERAILED + "Police estimated the number of injured at 30.",
     "number of people injured"),
    # a duration named by its noun is the one its verb tells; the label names what lasted, not its clause's verb
    ("Workers began a 10-day strike at the Velmar plant on Monday.",
     "Workers at the Velmar plant struck for 12 days, the union said.", "duration of the strike"),
    ("Protests grew against Holt's 41-year rule in Velmar on Monday.",
     "Protests grew against Holt, who has ruled Velmar for 42 years, on Monday.", "duration of the rule"),
    ("Security disputes had delayed the Velmar airport's opening for more than two years.",
     "During the year-and-a-half delay before the Velmar airport opened, its crews trained abroad.", "duration of the delay"),
    # a thing's cost and size, the thing named; residents ordered to leave were evacuated
    (_OPENED + "The bridge cost $85 million.", _OPENED + "The $110 million bridge took four years to build.",
     "amount of bridges"),
    (_OPENED + "The bridge is 1.2 kilometres long.", _OPENED + "The 900-metre bridge spans the Velmar river.",
     "size of the bridge"),
    # a size told after its noun, by the dimension's word, or by a participle describing the noun (thirty-sixth
    # sitting, a blind probe's miss)
    ("Engineers at Tannock found a crack roughly 40 metres long in the dam wall on Monday.",
     "A crack measuring about 60 feet long was found in the Tannock dam wall on Monday, engineers said.",
     "size of the crack"),
    ("Surveyors in Velmar have mapped a sinkhole 25 metres across under the old market square.",
     "A sinkhole measuring some 250 feet wide has opened under Velmar's old market square, surveyors said.",
     "size of the sinkhole"),
    ("A winter storm hit Velmar on Sunday. The storm dumped 40 centimetres of snow.",
     "A winter storm hit Velmar on Sunday. The storm brought 60 cm of snow.", "amount of snow"),
    ("A monsoon storm hit Velmar on Sunday. The storm dumped 140 millimetres of rain.",
     "A monsoon storm hit Velmar on Sunday. The storm brought 410 mm of rain.", "amount of rain"),
    ("A wildfire swept the hills north of Velmar on Tuesday. Some 3,000 residents were ordered to leave.",
     "A wildfire swept the hills north of Velmar on Tuesday. Officials evacuated 4,500 people.",
     "number of people evacuated"),
    # the one figure in a unit each report's opening gives, whatever verb tells it (a fresh probe, 2026-12-07)
    (_WILDFIRE + "By Thursday the Pell fire had burned 18,400 acres.",
     _WILDFIRE + "Crews said the blaze, having consumed 14,800 acres, was 20 percent contained.", "area burned"),
    ("A tropical storm hit Velmar on Monday. The storm dumped 9.4 inches of rain on the city.",
     "Velmar was cleaning up on Monday after the storm delivered 7.9 inches of rainfall.", "amount of rain"),
    (_FIRM + "Harlow agreed to buy Pell Batteries for $2.1 billion in cash.",
     _FIRM + "The deal values Pell Batteries at 2.4 billion dollars.", "amount bought"),
    (_COURT + "Pell's bail was set at $75,000.", _COURT + "Pell is being held on $150,000 bail.", "amount set"),
    # one sale's price, told by the seller's verb and by the buyer's (thirty-sixth sitting, a blind probe's miss)
    ("A landscape by the painter Ada Moro sold for 4.1 million dollars at auction in Tannock on Tuesday.",
     "An anonymous bidder paid $14 million on Tuesday for a landscape by Ada Moro at a Tannock auction.", "amount sold"),
    (_VOTE + "The measure passed with turnout of 61 percent.", _VOTE + "Turnout reached 67%, officials said.",
     "percentage of turnouts passed"),
    # one quarter, named two ways
    (_FIRM + "Harlow posted third-quarter net profit of €84 million on Tuesday.",
     _FIRM + "Harlow earned a net profit of 48 million euros in the July-September quarter.", "amount earned"),
    # homes reduced to ash were destroyed
    ("A grass fire swept the edge of Velmar on Saturday. The fire destroyed 63 homes, county officials said.",
     "A grass fire swept the edge of Velmar on Saturday. Thirty-six houses were reduced to ash, county officials said.",
     "number of homes destroyed"),
    # the people a ferry carried, on board (a verb that says what befell them comes first: "killing all 19 aboard")
    ("A passenger ferry capsized off Velmar on Tuesday. The coast guard said 214 people had been on board.",
     "A passenger ferry capsized off Velmar on Tuesday. The vessel was carrying 241 passengers and crew.",
     "number of people on board"),
    # a speed whose winds the parse lost is the one speed each opening gives; the label takes the figure naming them
    ("A cyclone hit the Velmar coast on Friday. Cyclone Pell made landfall near Velmar on Friday night with maximum "
     "sustained winds of 145 km/h, the weather bureau said.",
     "A cyclone hit the Velmar coast on Friday. Packing maximum sustained winds of 165 kilometres per hour at landfall, "
     "Cyclone Pell slammed ashore near Velmar.", "speed of winds"),
]


@pytest.mark.parametrize("first, second, subject", EVENTS_TOLD_TWO_WAYS, ids=[
    "fined", "jailed", "behind-bars", "jail-term", "stolen", "faced-at-most", "trial-length", "jobs", "profit",
    "revenue", "recall", "settlement", "aftershocks", "votes", "cases", "acres", "firefighters", "magnitude", "speed", "growth",
    "toll-stands", "confirmed-dead", "claimed-lives", "hurt", "detained", "put-the-toll", "estimated", "strike", "rule",
    "delay", "cost", "bridge-length", "crack-long", "sinkhole-across", "snow", "rain-in-millimetres", "ordered-to-leave", "consumed-acres", "rainfall", "deal-value", "bail", "sold-and-paid",
    "turnout", "quarter-two-ways", "reduced-to-ash", "on-board", "winds-unread"])
def test_one_event_the_lists_know_told_two_ways_is_compared(first, second, subject):
    found, _ = _numbers(first, second)
    assert [d.subject for d in found] == [subject], [(d.subject, sorted(_sides([d]))) for d in found]


TWO_THINGS = [
    # shares of two things that fell
    (_FIRM + "Harlow's earnings fell 4% on low demand.", _FIRM + "Its stock price fell 10 percent in late trading."),
    # an aftershock's magnitude, and an earlier quake's
    (_QUAKE + "The quake measured 6.1 on the Richter scale.", _QUAKE + "A 5.2 magnitude aftershock followed."),
    (_QUAKE + "On Sunday the quake measured 6.1 on the Richter scale.",
     _QUAKE + "In February, a quake measuring 6.4 on the Richter scale hit the town of Zarand, killing 612 people."),
    # lines of figures, each a stretch of a season
    ("The Angels signed Mark Teixeira on Friday. After the trade, Teixeira hit .358 with 13 homers and 43 RBIs in 54 games.",
     "The Angels signed Mark Teixeira on Friday. Overall, Teixeira finished the season with a .308 average, 33 homers."),
    ("The Chiefs beat the Broncos on Sunday. A week earlier Charles managed 10 yards on nine carries against Oakland.",
     "The Chiefs beat the Broncos on Sunday. Jamaal Charles had 226 yards on 22 carries."),
    # time around a jailing, probation, and the term the law sets, are no prison sentence given
    (_COURT + "He was sentenced to 2 years in prison.",
     _COURT + "Pell has been incarcerated three times for fraud in the last four years."),
    (_COURT + "The judge sentenced Pell to six months in county jail.",
     _COURT + "The judge sentenced him to county jail and three years probation instead."),
    (_COURT + "The judge sentenced Pell to six months in county jail.",
     _COURT + "Critics call it lenient beside the two years in prison prescribed by law."),
    # a toll further down a report is background (an earlier crash on the line), and a report of several tolls gives
    # no one toll: which of them the other's is, its words must say
    (_DERAILED + "The crash killed 40 people.",
     _DERAILED + "Rescue crews worked through the night. The line reopened on Tuesday. Trains ran late all week. "
     "Two decades ago, a landslide on the line left 52 people dead."),
    ("Bombs in Damascus killed 27 people on Saturday. In Aleppo, an explosion killed two on Sunday.",
     "Officials said the blast near a security office killed at least 11 people."),
    # a sum is not the one its noun names (another film's gross); one of many things has no one size (a game's passes)
    ("The first film to gross $1 billion was a sequel, the studio said.",
     "The Velmar saga has grossed $3.4 billion worldwide, the studio said."),
    ("Luck found Wayne for a seven-yard touchdown pass in the fourth quarter to win the game.",
     "Luck completed an 11-yard pass to Hilton in the fourth quarter before Wayne won the game."),
    # last year's hiring and next year's: the times share only their unit
    ("Harlow Motors hired 200 workers last year.", "Harlow Motors plans to hire 300 workers next year."),
    # one figure in a unit in each opening, but two things the words name apart, or a sum asked for against one given
    (_FIRM + "Harlow posted a profit of $412 million.", _FIRM + "Harlow's revenue reached $450 million."),
    (_COURT + "Prosecutors are seeking $75,000 in restitution from Pell.", _COURT + "Pell repaid $50,000 to the board."),
    (_VOTE + "Moro won the race with 52 percent of the vote.", _VOTE + "Holt conceded after taking 41 percent against Moro."),
    # a part one report gives of its own count, which the other gives alone
    ("Nine people were killed on Saturday when a tour bus plunged off the road at Pell Pass, three of them residents of "
     "Velmar, police said.",
     "Velmar was in mourning on Sunday after three of its residents died in Saturday's bus crash at Pell Pass."),
    ("The Greenway Party won 31 seats in Sunday's election, including 12 in the province of Arlen, results showed.",
     "The Greenway Party swept the province of Arlen in Sunday's election, winning 12 seats there, results showed."),
    # a share is its holder's: two named candidates' shares, though one claim names both
    ("Mira Oddvar won the mayoral election in Velmar on Sunday with 52 percent of the vote, officials said.",
     "Incumbent mayor Jens Tolle conceded defeat in Velmar on Sunday after taking 41 percent of the vote against "
     "challenger Mira Oddvar."),
    # a sum is its payer's too: two named clubs' offers to one player (ECB+ audit, thirty-sixth sitting)
    ("The Harlow Rovers have offered Enzo Pell a five-year deal worth $150 million, according to reports.",
     "The Velmar Kings have offered Enzo Pell a six-year, $160 million contract, a radio station reported."),
    # two towns' tolls, towns the small model does not tag as places: the words say they are
    ("A magnitude 6.1 earthquake struck the Velmar hills on Tuesday, killing at least 11 people in the town of "
     "Sorrendal, officials said.",
     "Six people were killed in the village of Eskerholm when Tuesday's magnitude 6.1 earthquake brought down a hall."),
    # two quarters, which shared the word "quarter"
    (_FIRM + "Harlow posted a net profit of €84 million in the third quarter.",
     _FIRM + "Harlow earned a net profit of 48 million euros in the fourth quarter."),
    # this year and last (or this season and last): "this" and the unit tell no time by their words alone
    ("Harlow Motors said its profit this year would reach $412 million.",
     "Harlow Motors earned $380 million last year, the company said."),
]


@pytest.mark.parametrize("first, second", TWO_THINGS, ids=["shares-fell", "aftershock", "february-quake", "homers", "carries", "in-the-last-years",
                                                            "probation", "prescribed-by-law", "toll-further-down",
                                                            "several-tolls", "another-film", "passes",
                                                            "last-and-next-year", "profit-and-revenue", "sought-and-repaid",
                                                            "two-candidates", "three-of-them", "including-twelve",
                                                            "two-candidates-shares", "two-clubs-offers", "two-towns", "two-quarters",
                                                            "this-and-last-year"])
def test_two_things_a_listed_verb_tells_of_are_not_compared(first, second):
    found, _ = _numbers(first, second)
    assert found == [], [(d.subject, sorted(_sides([d]))) for d in found]


def test_people_told_to_leave_their_homes_are_evacuated():
    (left,) = _measured("Some 3,500 people were told to leave their homes.")
    assert (left.noun, left.predicate) == ("people", "evacuate")


@pytest.mark.parametrize("text, magnitude", [
    ("A magnitude 6.4 earthquake struck the coast.", "6.4"), ("A 6.4-magnitude quake struck the coast.", "6.4"),
    ("The earthquake had a magnitude of 5.8.", "5.8"), ("The quake measured 6.1 on the Richter scale.", "6.1"),
    ("A quake measuring 6. 4 on the Richter scale hit Zarand.", None),  # a decimal broken by the copy
])
def test_an_earthquake_s_magnitude_is_read_as_one(text, magnitude):
    found = [m.written for m in _measured(text) if m.noun == q.MAGNITUDE]
    assert found == ([magnitude] if magnitude else [])


def test_a_part_of_a_day_tells_no_day_apart():
    found, _ = _numbers(
        "Stocks tanked in trading Monday, with the Dow Jones Industrial Average falling as much as 1,500 points.",
        "A sell-off accelerated Monday with the Dow Jones Industrial Average plunging nearly 1,600 points in afternoon trading.")
    assert [d.subject for d in found] == ["number of points fallen"], [(d.subject, sorted(_sides([d]))) for d in found]


def test_a_hostile_sentence_of_thousands_of_magnitudes_reads_fast_and_once():
    """Thousands of conjoined magnitudes in one sentence: each hangs on the one before, so a figure's verb is looked
    for only a few heads up, and whether the sentence tells of an aftershock is read once for it, not per figure."""
    import time

    text = ("A quake hit Velmar on Sunday. It was followed by "
            + ", ".join(f"a magnitude {1 + i % 8}.{i % 10} aftershock" for i in range(6000)) + ".\n")
    story = build_story([Document(id="r1", text=text)], Settings(), stages=["annotate"])
    doc = story.workspace.parses["r1"]
    found = q.find(text)
    started = time.perf_counter()
    measured = [q.measure(x, doc) for x in found]
    assert time.perf_counter() - started < 5.0
    shaken = [m for m in measured if m.noun == q.MAGNITUDE]
    assert len(shaken) > 3000
    sentences = {doc[m.token].sent.start for m in shaken}
    told = {start for start in sentences if any(t.lemma_.lower() == "aftershock" for t in doc[start].sent)}
    assert all(m.predicate == ("aftershock" if doc[m.token].sent.start in told else "") for m in shaken)
    kept = [k for k in doc.user_data if isinstance(k, tuple) and k[0] == "newsweave.aftershock"]
    assert sorted(k[1] for k in kept) == sorted(sentences)


def test_two_disagreements_of_one_measure_are_shown_apart():
    """The ECB+ audit's Iranian quake (2026-12-07, twenty-sixth sitting): two reports' tolls of this week's quake and
    of one years ago are two disagreements; one of four tolls would set this week's 12 against 1998's 2,000."""
    found, texts = _numbers(
        "An earthquake struck Velmar on Monday, killing 12 people. A quake in the same valley in 1998 killed more than "
        "2,000 people.",
        "An earthquake struck Velmar on Monday, killing 15 people. In 1998, a quake in the same valley killed more than "
        "3,000 people.")
    assert sorted(sorted(v.value for v in d.values) for d in found) == [["12", "15"], ["more than 2,000", "more than 3,000"]]
    # told apart by the time their claims are set in
    assert sorted(d.subject for d in found) == ["number of people killed", "number of people killed (1998)"]
    for d in found:  # each side's evidence holds its figure as written, in its own report
        for v in d.values:
            assert all(v.value in texts[e.document][e.start:e.end] for e in v.evidence), (d.subject, v.value)


@pytest.mark.parametrize("text, noun, predicate", [
    # a hospital is a place, not the event of being taken to one (thirty-second sitting: the second blind fact probes)
    ("The new Eastbrook general hospital will have 300 beds when it opens.", "bed", ""),
    # people moved out of a hospital were not taken to one
    ("About 300 patients will be moved from the ageing hospital.", "patient", "move"),
    # ...while those still in one, or those a hospital treated, were
    ("Six people remain in hospital.", "people", "hospitalize"),
    ("Hospitals treated 25 people.", "people", "hospitalize"),
])
def test_a_hospital_named_beside_a_count_is_not_always_a_stay_in_one(text, noun, predicate):
    (count,) = [m for m in _measured(text) if m.kind == q.COUNT]
    assert (count.noun, count.predicate) == (noun, predicate)


def test_people_hospitals_treated_were_hospitalised_not_only_injured():
    # (25 treated in hospitals is no disagreement with 40 injured: the hospitalised are some of the injured)
    (treated,) = _measured("Hospitals treated 25 people for storm injuries.")
    assert (treated.noun, treated.predicate) == ("people", "hospitalize")
    found, _ = _numbers("A storm swept the Velmar coast on Sunday. The storm injured 40 people.",
                        "A storm swept the Velmar coast on Sunday. Hospitals treated 25 people for storm injuries.")
    assert found == [], [(d.subject, sorted(_sides([d]))) for d in found]


def test_an_order_to_leave_a_country_is_no_evacuation():
    measured = _measured("Police said 40 workers were ordered to leave the country in May.")
    assert [(x.written, x.predicate) for x in measured if x.kind == q.COUNT] == [("40", "leave")]


def test_a_speed_per_second_and_at_speeds_of_is_the_mover_s():
    # spaCy reads the unit's "second" as a number word; "at speeds of" puts the figure under the measure's own word
    (speed,) = [x for x in _measured("The particles hit the atmosphere at speeds of about 45 miles per second.")
                if x.kind == q.SPEED]
    assert (speed.written, speed.noun) == ("about 45 miles per second", "particle")
    found, _ = _numbers("The particles hit the atmosphere at 43 miles per second.",
                        "The particles hit the atmosphere at speeds of 51 miles per second.")
    assert [sorted(v.value for v in d.values) for d in found] == [["43 miles per second", "51 miles per second"]]


def test_two_reports_of_hundreds_of_sizes_of_one_thing_are_compared_in_time():
    """A thing's size became a measure this sitting: two hostile reports giving the bridge 300 lengths each are
    compared pair by pair, bounded by the module's guards (a report of many figures of one measure counts several
    things): about 0.5 s here."""
    import time

    from newsweave.crosscheck.numbers import figure_discrepancies

    first = " ".join(f"The bridge is {i + 1} metres long." for i in range(300)) + "\n"
    second = " ".join(f"The bridge is {i + 1000} metres long." for i in range(300)) + "\n"
    story = build_story([Document(id="a", text=first), Document(id="b", text=second)], Settings())
    started = time.perf_counter()
    figure_discrepancies(story)
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize("text, kind, unit", [
    ("The club paid a fee of 23 million pounds for the striker.", q.MONEY, "GBP"),
    ("The club agreed a 23 million pound deal.", q.MONEY, "GBP"),
    ("The plant recalled 2 million pounds of beef.", q.MASS, "kg"),
    ("The catfish weighed 40 pounds.", q.MASS, "kg"),
])
def test_millions_of_pounds_are_sterling_unless_they_weigh_something(text, kind, unit):
    (found,) = q.find(text)
    assert (found.kind, found.unit) == (kind, unit)


def test_one_candidate_s_share_told_two_ways_still_disagrees():
    found, _ = _numbers("Mira Oddvar won the mayoral election in Velmar on Sunday with 52 percent of the vote.",
                        "Mira Oddvar won the mayoral election in Velmar on Sunday with 55 percent of the vote, beating "
                        "Jens Tolle.")
    assert [sorted(_sides([d])) for d in found] == [["52 percent", "55 percent"]]


def test_a_part_a_report_gives_hides_only_that_part():
    """"three of them children" is a part of the 12: a report giving three alone counts the part, but one giving 15
    counts the whole, and 12 and 15 still disagree."""
    found, _ = _numbers("A storm killed 12 people in Velmar on Monday, three of them children, officials said.",
                        "The storm that hit Velmar on Monday killed 15 people, officials said.")
    assert [sorted(_sides([d])) for d in found] == [["12", "15"]]


def test_hostile_openings_of_hundreds_of_parts_and_sums_are_compared_in_time():
    """This sitting's rules read a report's opening (its one figure in a unit) and each sentence's parts ("three of
    them", "including 12"): two hostile reports whose opening sentences hold 200 parts and 200 sums each are
    compared in time, each sentence's parts read once."""
    import time

    from newsweave.crosscheck.numbers import figure_discrepancies

    first = ("A storm killed 900 people, " + ", ".join(f"including {i + 1} in Velmar{i}" for i in range(200)) + ". "
             + " ".join(f"Repairs cost ${i + 1} million." for i in range(200)) + "\n")
    second = ("A storm killed 800 people, " + ", ".join(f"{i + 2} of them in Pell{i}" for i in range(200)) + ". "
              + " ".join(f"Repairs cost ${i + 500} million." for i in range(200)) + "\n")
    story = build_story([Document(id="a", text=first), Document(id="b", text=second)], Settings())
    started = time.perf_counter()
    figure_discrepancies(story)
    assert time.perf_counter() - started < 3.0


def test_a_hostile_sentence_of_thousands_of_parts_is_read_in_one_pass():
    """Where a part may start ("including 12") was looked for before each figure of a sentence: one sentence of 5,000
    parts took 8 s. It is found in one pass."""
    import time

    from newsweave.crosscheck.numbers import _gives_as_a_part

    sentence = "A storm killed 90000 people, " + ", ".join(f"including {n} in Velmar" for n in range(1, 5001)) + "."
    started = time.perf_counter()
    assert _gives_as_a_part(sentence, 4999)
    assert not _gives_as_a_part(sentence, 90000)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("text, value", [
    ("Half of the bus drivers stayed away.", 50.0),
    ("Two-thirds of voters backed it.", 200 / 3),
    ("About a quarter of its staff quit.", 25.0),
    ("They won the first half of the season.", None),  # a time, not a share
    ("Rates rose a quarter of a percentage point.", None),  # a fraction of a unit (percentage points, below)
    ("The bill needs a two-thirds majority.", None),  # no count of two either
    # so many in so many (the third blind fact probes, thirty-fourth sitting: "Three in ten 11-year-olds" / "30% of
    # primary school leavers")
    ("Three in ten pupils failed the test.", 30.0),
    ("Seven out of 10 voters backed it.", 70.0),
    ("One in 100 adults has the gene.", 1.0),
])
def test_a_share_written_as_a_fraction_of_a_set(text, value):
    """A blind fact probe (2026-12-07, twenty-eighth sitting): "Half of the bus drivers" and "Fifty percent of
    drivers" state one share; "two-thirds" was read as a count of two."""
    shares = [x for x in q.find(text) if x.kind == q.PERCENT and x.unit == "%"]
    assert [x.value for x in shares] == ([] if value is None else [pytest.approx(value)])
    assert not [x for x in q.find(text) if x.kind == q.COUNT]


@pytest.mark.parametrize("text, value", [
    ("The bank raised its key rate by 0.25 percentage points to 7.75 percent.", 0.25),
    ("The bank raised its key rate by 25 basis points to 7.75 percent.", 0.25),
    ("Borrowing costs went up by a quarter of a percentage point.", 0.25),
    ("The bank cut its rate by half a percentage point.", 0.5),
    ("A 50-basis-point cut was expected.", 0.5),
    ("Support for the party fell two percentage points.", 2.0),
])
def test_a_change_in_points_of_a_percentage_is_one_measure_however_written(text, value):
    """A blind fact probe (thirty-fifth sitting): "raised its key interest rate by 25 basis points" and "went up by a
    quarter of a percentage point" state one rise, and "25 basis points" was read as a count of 25 points. A point is
    a hundred basis points; the rate itself ("7.75 percent") stays a share."""
    points = [x for x in q.find(text) if x.unit == q.PERCENTAGE_POINTS]
    assert [(x.kind, x.value) for x in points] == [(q.PERCENT, pytest.approx(value))]
    assert not [x for x in q.find(text) if x.kind == q.COUNT]
    assert [x.value for x in q.find(text) if x.unit == "%"] == ([7.75] if "7.75" in text else [])


@pytest.mark.parametrize("text", ["It rained on two in three days.", "Police arrested 3 in 2009."])
def test_so_many_in_a_time_or_a_year_is_no_share(text):
    assert not [x for x in q.find(text) if x.kind == q.PERCENT]


def test_a_change_s_end_after_a_hedge_and_a_sum_s_scale_letter_ending_a_sentence():
    """The third blind fact probes (thirty-fourth sitting): "Pre-tax profit ... fell 18% to £212 million" and "profits
    dropped by almost a fifth to just over £210m." are one fact; the second's sum was no change's end (a hedge stood
    between "to" and the figure) and measured "m." (the scale letter, with the sentence's full stop)."""
    sums = [x for x in _measured("Pelliston's profits dropped by almost a fifth to just over £210m.") if x.kind == q.MONEY]
    assert [(x.role, x.noun) for x in sums] == [("to", "")]
    assert [x.value for x in _measured("Profits dropped by almost a fifth.") if x.kind == q.PERCENT] == [20.0]


@pytest.mark.parametrize("text, noun", [
    # (twenty-ninth sitting) "ballots cast" parsed as a verb with "ballots" its compound; ballots are votes
    ("Moro won a second term with 52.4 percent of ballots cast.", "vote"),
    ("Moro won a second term with 54.2% of the vote.", "vote"),
    # the thing a change brought to the figure, and a measure word's noun
    ("The council voted to raise the local sales tax rate to 7.5%.", "tax"),
    ("Shoppers will pay a sales tax rate of 8.25 percent.", "tax"),
])
def test_what_a_share_measures(text, noun):
    (found,) = [x for x in _measured(text) if x.kind == q.PERCENT]
    assert found.noun == noun


@pytest.mark.parametrize("text, scores", [
    # (twenty-ninth sitting) a result told as two figures, beside the words of a result
    ("Harbour City came from behind to beat Millbrook Rovers 3-1 on Saturday.", [("3-1", "")]),
    ("Velmar rallied for a 3-2 win over Tannock.", [("3-2", "")]),
    ("Tannock lost 1-3 to Velmar on Sunday.", [("3-1", "")]),  # the loser's way of telling the 3-1
    ("The city council voted 7-2 on Tuesday to raise the tax.", [("7-2", "vote")]),
    ("The court's 5-4 ruling struck down the law.", [("5-4", "vote")]),
    # not a result: a span of days, a record, a range of hours or ages, a figure with no result word near
    ("The summit is set for Nov. 17-18 in Paris.", []),
    ("The Owls, now 14-13-2, play on Friday.", []),
    ("The Owls (2-13) came out and tied the game in the third quarter.", []),  # a team's record, in brackets
    ("The clinic opens from 2-3 p.m. on weekdays.", []),
    ("Rooms 12-14 were closed for repairs.", []),
])
def test_a_score_is_read_beside_the_words_of_a_result(text, scores):
    assert [(x.normalized, x.noun) for x in q.find(text) if x.kind == q.SCORE] == scores


@pytest.mark.parametrize("text", [
    # (twenty-ninth sitting) "the N-year-old" points back to a person, not to a firm or a club the model tags ORG
    "A window cleaner employed by Brightpane Services fell from a tower on Monday. Police said the 34-year-old was "
    "on a platform.",
    "Ravensdale United signed winger Tomás Iriarte from Club Sanvera on Tuesday. The 24-year-old agreed a deal.",
])
def test_the_n_year_old_is_no_organisation_s_age(text):
    ages = [m for m in _measured(text) if m.kind == q.AGE]
    assert all(m.owner not in ("services", "sanvera") for m in ages)


@pytest.mark.parametrize("text, found", [
    # (twenty-ninth sitting) temperatures, in the scale written
    ("The town recorded a temperature of 41.2C on Wednesday.", [("41.2C", 41.2, "C")]),
    ("Thermometers reached 39.8 degrees Celsius.", [("39.8 degrees Celsius", 39.8, "C")]),
    ("It was 104 degrees Fahrenheit in Tannock.", [("104 degrees Fahrenheit", 104, "F")]),
    ("Overnight it fell to -5 °C.", [("-5 °C", -5, "C")]),
    ("Pupils of Class 3C went home.", []),  # no dot, no degrees: a name
])
def test_a_temperature_is_read_in_its_scale(text, found):
    assert [(x.written, x.normalized, x.unit) for x in q.find(text) if x.kind == q.TEMPERATURE] == found


@pytest.mark.parametrize("text, tally", [
    ("Councillors approved the measure by eight votes to three.", "8-3"),
    ("The council approved it by a vote of seven to two on Tuesday.", "7-2"),
])
def test_a_vote_s_tally_in_words_is_a_score(text, tally):
    (score,) = [x for x in q.find(text) if x.kind == q.SCORE]
    assert (score.normalized, score.noun) == (tally, "vote")


def test_a_count_of_votes_is_no_tally():
    """(second read) "won 12,400 votes to 9,300" counts votes; it is no 400-9 tally."""
    assert [x.kind for x in q.find("Moro won 12,400 votes to 9,300 for Tolle.")] == [q.COUNT, q.COUNT]


@pytest.mark.parametrize("text, owner", [
    ("The singer Marek Duda died at 84 on Sunday.", "duda"),
    ("Duda died on Sunday at the age of 84.", "duda"),
    ("Duda, who passed away at 84, was a singer.", "duda"),
    ("The singer died at 84.", ""),  # an age, whose the sentence does not say
    ("Having died at 84, Duda left a fortune.", ""),  # (a clause without its own subject)
])
def test_an_age_at_death_is_the_age_of_who_died(text, owner):
    """"died at 84" was a count of 84 people killed (thirty-fifth sitting): it is the age of the one who died, and
    "at the age of 84" at a death is no age of another time."""
    (found,) = [x for x in _measured(text) if x.value == 84]
    assert (found.kind, found.owner, found.noun, found.predicate) == (q.AGE, owner, "", "")


@pytest.mark.parametrize("text", ["Duda started piano at age 4.", "The fire at 84 Main Street killed two.",
                                  "The storm died down at 4 p.m."])
def test_a_number_after_at_is_no_age_at_death_unless_a_death_it_is(text):
    assert not [x for x in _measured(text) if x.kind == q.AGE and x.owner]


@pytest.mark.parametrize("text, noun", [
    # (thirty-sixth sitting) a size told after the noun it measures, however the parse hangs it
    ("Astronomers found an asteroid roughly 300 metres across that will pass Earth in May.", "asteroid"),
    ("A newly found asteroid measuring about 900 feet wide will pass Earth in May.", "asteroid"),
    ("Engineers found a crack roughly 40 metres long in the dam wall.", "crack"),
    # a way gone across something is no width of what was taken along
    ("The crew drove the truck 20 miles across the border.", ""),
    ("The bridge is 1.2 kilometres long.", "bridge"),
])
def test_a_size_told_after_its_noun_measures_the_noun(text, noun):
    (length,) = [m for m in _measured(text) if m.kind == q.LENGTH]
    assert length.noun == noun
