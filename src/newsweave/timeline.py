"""The timeline stage (after entities, before crosscheck): dates in the reports, resolved against publication dates.

spaCy finds the date expressions ("November 13", "Nov. 13, 2015", "last
month", "on Friday"); dateparser resolves them. A report's `published` date is
the anchor when known. When it is not, a date that names its month ("November
13") takes its year from the full dates elsewhere in the story (a caption's
"Nov. 14, 2015"), and a relative date ("last month") stays relative: it is
kept with its words, never guessed. Each date is attached to the event in its
sentence, the word it modifies ("attacks", "killed"), and reports giving one
event the same date share one entry.

The date expressions found are kept in the story's workspace: crosscheck
(crosscheck/dates.py) compares them across reports for date discrepancies.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from newsweave.claims import LIGHT_VERBS, REPORTING, term
from newsweave.entities.mentions import STREET_ADDRESS, body_copy
from newsweave.load.published import publication_days
from newsweave.settings import Settings
from newsweave.story import (
    BODY,
    NOMINAL,
    Evidence,
    Sentence,
    SentenceKey,
    Story,
    TimelineEntry,
)

RELATIVE = "relative"
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_YEAR_DIGITS = r"(?:1[6-9]|20)\d\d"  # the years a report writes in four digits: 1666, 1999, 2015
# After four digits, a wire's clock time: "(1720 GMT Friday)", "at 2030 hours" (the model may tag them DATE).
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|hrs|hours|local time)\b", re.IGNORECASE)
ABSOLUTE = re.compile(rf"\b(?:{_MONTHS})[a-z]*\.?\b|\b{_YEAR_DIGITS}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b", re.IGNORECASE)
YEAR = re.compile(rf"\b{_YEAR_DIGITS}\b")  # a year written out: "in 2007", "Dec. 6, 2007", "in 1666"
# A year in two digits after an apostrophe: "her base from '92" (the model tags it a date).
_SHORT_YEAR = re.compile(r"['’](\d\d)")
# A month and day written without the space: "a second round of voting on Oct.25" (one token, no entity).
_GLUED_DAY = re.compile(rf"((?:{_MONTHS})\.)(\d{{1,2}})", re.IGNORECASE)
_GLUED_DAY_WORD = re.compile(rf"\b(?:{_MONTHS})\.\d{{1,2}}\b", re.IGNORECASE)
_FULL_DATE = re.compile(rf"\b(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}},?\s+{_YEAR_DIGITS}\b|\b{_YEAR_DIGITS}-\d\d-\d\d\b", re.IGNORECASE)
_RELATIVE_WORDS = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|ago|last|next|this|earlier|later|previous|coming|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
# Words dateparser does not read that do not change the period: "earlier this year" is "this year",
# "as early as next week" is "next week", "the end of January" is January.
_VAGUE = re.compile(r"\b(?:the|on|in|of|earlier|later|early|late|mid|since|until|as|just|by|between|"
                    r"end|beginning|start|middle|(?:first|second|third|fourth)\s+week\s+of)\b\s*", re.IGNORECASE)
# ... and hedges on a count back, which keep its year: "only five years ago", "more than a year ago". (Only there:
# the date reader takes "a decade", what is left of "after nearly a decade of deadlock", for a date.)
_HEDGES = re.compile(r"\b(?:only|more than|less than|nearly|almost|about|some|over|roughly|barely|fully|well)\b\s*",
                     re.IGNORECASE)
# Counts of years the date reader does not know: "a quarter-century ago" is 25 years ago.
_YEARS_IN_WORDS = (
    (re.compile(r"\b(?:a|one)\s+quarter[\s-]century\b", re.IGNORECASE), "25 years"),
    (re.compile(r"\b(?:a\s+half[\s-]century|half\s+a\s+century)\b", re.IGNORECASE), "50 years"),
    (re.compile(r"\b(?:a|one)\s+decade\b", re.IGNORECASE), "10 years"),
    (re.compile(r"\btwo\s+decades\b", re.IGNORECASE), "20 years"),
    (re.compile(r"\b(?:a|one)\s+century\b", re.IGNORECASE), "100 years"),
)
_AGO = re.compile(r"\bago\b", re.IGNORECASE)
# Weeks the date reader does not read, counted back from the report's week: "last weekend" (-1), "the week
# before last" (-2), "earlier in the week" (0). ("this weekend" stays unpinned, as "the weekend" does.)
_WEEKS_BACK = (
    (re.compile(r"^(?:last|past)\s+weekend$", re.IGNORECASE), -1),
    (re.compile(r"^next\s+weekend$", re.IGNORECASE), 1),
    (re.compile(r"^(?:the\s+)?week\s+before\s+last$", re.IGNORECASE), -2),
    (re.compile(r"^(?:earlier|later)\s+in\s+the\s+week$", re.IGNORECASE), 0),
)
# The end of the report's own year or month: "before year's end".
_PERIOD_END = re.compile(r"^(?:(?:the\s+)?(?P<unit>year|month)['’]s\s+end|(?:the\s+)?end\s+of\s+the\s+(?P<of>year|month))$",
                         re.IGNORECASE)
# Two dates the model tags as one: "Nov. 17 and 18", "in November and December", "2098 or perhaps 2131",
# "from 1976 to 1983". Each end written as a date is one; a bare day number after the first is not.
_JOINED = re.compile(r"\s*,?\s+\b(?:and|or|to|through)\b(?:\s+(?:perhaps|possibly|maybe))?\s+", re.IGNORECASE)
_RANGE_WORD = re.compile(r"^(?:from|between|both|either)\s+", re.IGNORECASE)
_DAY_RANGE = re.compile(rf"((?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}})\s*[-–]\s*\d{{1,2}}$", re.IGNORECASE)
# A figure the model runs into the date after it: "who turns 83 next month".
_FIGURE_BEFORE = re.compile(r"^\d{1,3}\s+(?=(?:next|last|this|early|late)\b)", re.IGNORECASE)
# Times of day the model tags that name the report's own day: "early this morning", "tonight".
_TODAY_TIME = re.compile(r"^(?:(?:early|late)\s+)?this\s+(?:morning|afternoon|evening)$|^tonight$", re.IGNORECASE)
# A span of years: "1973-90", "1976-1983", "between 1976 and 1983", "from 1973 to 1990" (crosscheck/dates.py
# reads its last year too).
YEAR_RANGE = re.compile(
    rf"^(?:(?:from|between)\s+)?{_YEAR_DIGITS}\s*(?:[-–]|\s(?:to|and|through|until)\s)\s*(?:\d\d|{_YEAR_DIGITS})$",
    re.IGNORECASE)
# A time counted from another event the report tells of, not from its own day: "a day earlier", "two years later".
# ("the next day", its article cut: news says "tomorrow" for the day after its own)
_COUNTED_FROM_ANOTHER = re.compile(
    r"^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<way>earlier|later|before|after)|(?P<next>next|following|previous)\s+(?P<one>day))$", re.IGNORECASE)
_UNITS = ("day", "month", "year")
_PRECISION = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


@dataclass
class DateMention:
    """One date expression, resolved or not, with the event it attaches to."""

    text: str
    evidence: Evidence  # the expression itself
    sentence: Sentence
    date: str | None
    precision: str
    event: str
    anchor: str | None
    # Where nothing anchors its year ("June 11" in a report with no publication day): the day of the
    # year it names, as ISO 8601 writes one without a year ("--06-11"); else None.
    day_of_year: str | None = None
    event_lemma: str = ""  # the event word's lemma ("arrested" -> "arrest"), where the parse gave it

    @property
    def event_key(self) -> str:
        """One key for the event's forms and synonyms: "arrested" and "arrest", "attacks" and "massacre"."""
        return term(self.event_lemma) if self.event_lemma else event_lemma(self.event)


def build_timeline(story: Story, settings: Settings) -> Story:
    # (align may have read them already, to tell a plan from a deed of another day)
    mentions = story.workspace.dates or date_mentions(story)
    story.workspace.dates = mentions  # crosscheck/dates.py compares them across reports
    support: dict[SentenceKey, int] = {}
    for group in story.facts:
        for claim in group.claims:
            if claim.kind not in NOMINAL:  # (each report's "the flood of March 2" is one fact of them all)
                support[claim.sentence.key] = max(support.get(claim.sentence.key, 0), group.support)
    story.timeline = timeline_entries(mentions, support)
    return story


def date_mentions(story: Story) -> list[DateMention]:
    """Every date expression in the story's body copy, resolved where it can be (captions only lend their year)."""
    story_base = _story_base(story)
    days = publication_days(story.documents)
    # an undated report's dateline takes its year nearest the dated reports' middle day, else the story's dates
    near = sorted(days.values())[len(days) // 2] if days else story_base
    found = []
    for document in story.documents:
        doc = story.workspace.parses.get(document.id)
        if doc is None:
            continue
        published = days.get(document.id)  # a whole day only: "2015" anchors nothing
        filed = None if published is not None else _dateline_day(document.text, near)
        published = published or filed
        # Body copy only: a caption's date is the photo's, and a slug is no event.
        sentences = [s for s in story.sentences if s.document == document.id and body_copy(s)]
        starts = [s.start for s in sentences]  # (a report's sentences, in order and apart)
        counted_from: tuple[str, str] | None = None  # the last date resolved in the report, for "a day earlier"
        counted_at = 0  # the index of the sentence that gave it
        # (the model tags "Monday night" a time of day: its day is a date)
        dated = [e for e in doc.ents
                 if e.label_ == "DATE" or (e.label_ == "TIME" and (WEEKDAY.match(e.text) or _TODAY_TIME.match(e.text)))
                 or (e.label_ in ("EVENT", "FAC", "PERSON", "ORG") and _named_day_words(e.text))]
        for ent in sorted(dated + _glued_days(doc, document.text), key=lambda e: e.start_char):
            # the sentence holding the date: the last one starting at or before it, if it ends after it
            at = bisect_right(starts, ent.start_char) - 1
            sentence = sentences[at] if at >= 0 and ent.end_char <= sentences[at].end else None
            text, start = document.text[ent.start_char : ent.end_char], ent.start_char  # (`Span.text` makes a Token per word)
            if sentence is None:
                continue
            start = _widened(doc, ent, text, start)
            text = document.text[start : ent.end_char]
            if not _is_date(ent, text, document.text[ent.end_char : ent.end_char + 40]) or not _a_point(ent, text):
                continue
            if _named_day_words(text) and _names_a_kind_of_thing(ent):
                continue  # "a Christmas spread for Playboy", "the office Christmas party": no date
            if text.lower().startswith("the "):  # "the Nov. 13 attacks": the date is "Nov. 13"
                text, start = text[4:], start + 4
            figure = _FIGURE_BEFORE.match(text)
            if figure:  # "turns 83 next month": the date is "next month"
                text, start = text[figure.end():], start + figure.end()
            ahead = _looks_ahead(ent)
            event = _event_token(ent)
            for piece, piece_start, piece_end in _each_date(text, start):
                date, precision, anchor = _resolve(piece, published, story_base, ahead)
                if _COUNTED_FROM_ANOTHER.match(piece):  # "a day earlier" counts from the report's last date, not its own day
                    # (from a date of this sentence or the one before: "filed in May", three sentences up, is no
                    # anchor for "shipped two months later" after "At the meeting")
                    date, precision = _counted_from(piece, counted_from if at - counted_at <= 1 else None)
                    anchor = anchor if date is not None else None
                if date is not None and precision in _UNITS:
                    counted_from, counted_at = (date, precision), at
                if filed is not None and anchor:
                    anchor = f"dateline {filed:%Y-%m-%d} (its year from the other reports)"
                evidence = Evidence(document.id, piece_start, piece_end)
                day_of_year = _day_of_year(piece) if date is None else None
                found.append(DateMention(piece, evidence, sentence, date, precision, event.lower_ if event is not None else "",
                                         anchor, day_of_year, event.lemma_.lower() if event is not None else ""))
    _years_of_days_written_in_full(found)
    return found


def _years_of_days_written_in_full(found: list[DateMention]) -> None:
    """A day left without its year ("killed on June 24", nothing anchoring it) takes the year of the one year
    the story writes that day in full for the same event ("killed on June 24, 2005", in another report or
    sentence); not another event's ("gathered on June 24 to mark ten years since the killing")."""
    years: dict[tuple[str, str], set[str]] = {}
    for mention in found:
        if mention.date is not None and mention.precision == "day" and YEAR.search(mention.text) and mention.event_key:
            years.setdefault((mention.date[5:10], mention.event_key), set()).add(mention.date[:4])
    for mention in found:
        if mention.date is not None or not mention.day_of_year or not mention.event_key:
            continue
        written = years.get((mention.day_of_year[2:], mention.event_key), set())
        if len(written) == 1:
            (year,) = written
            mention.date, mention.precision = f"{year}-{mention.day_of_year[2:]}", "day"
            mention.anchor, mention.day_of_year = f"its year from the same day written in full ({year})", None


def _widened(doc, ent, text: str, start: int) -> int:
    """Where the date starts when the model tagged only its last word: "this December", "this week's votes"
    ("this", "last", "next" before a month or a unit), "earlier in the week"."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is None:
        return start
    if before.lower_ in _COUNTED_BY and (_MONTH_ALONE.fullmatch(text) or text.lower() in _UNITS_ALONE):
        return before.idx
    week = ent.start + (text.lower() == "the week")  # the token "week", the model's "the" kept or not
    if text.lower() in ("week", "the week") and week >= 3 and doc[week - 2].lower_ == "in" \
            and doc[week - 3].lower_ in ("earlier", "later"):
        return doc[week - 3].idx
    return start


_UNITS_ALONE = ("week", "month", "year", "weekend")


def _each_date(text: str, start: int) -> list[tuple[str, int, int]]:
    """The dates in one tagged expression, each (text, start, end), without the words that open a span: two
    where the model joined two ("Nov. 17 and 18" is Nov. 17 alone; "November and December" both months;
    "between 1976 and 1983" both years; "1973-90" stays one)."""
    if YEAR_RANGE.match(text.strip()) and not _JOINED.search(text):
        return [(text, start, start + len(text))]
    pieces: list[tuple[str, int, int]] = []
    bounds = [0, *(at for match in _JOINED.finditer(text) for at in match.span()), len(text)]
    for piece_start, piece_end in zip(bounds[::2], bounds[1::2], strict=True):
        lead = _RANGE_WORD.match(text, piece_start)
        piece_start = lead.end() if lead else piece_start
        days = _DAY_RANGE.match(text, piece_start, piece_end)
        piece_end = days.end(1) if days else piece_end  # "the Nov. 17-18 summit" opens on Nov. 17
        piece = text[piece_start:piece_end]
        if piece and (not pieces or ABSOLUTE.search(piece) or _RELATIVE_WORDS.search(piece)):
            pieces.append((piece, start + piece_start, start + piece_end))
    return pieces or [(text, start, start + len(text))]


# A wire dateline that gives the day the report was filed: "RIVERTON, Oct. 14 (Coastline Press) —".
_DATELINE_DAY = re.compile(
    r"\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?,\s*(?P<day>(?:" + _MONTHS + r")[a-z]*\.?\s+\d{1,2})\b"
    r"(?:,\s*\d{4})?\s*(?:\([^()\n]{1,40}\))?\s*[—–_-]",
    re.IGNORECASE,
)


def _dateline_day(text: str, near: datetime | None) -> datetime | None:
    """The day a report's dateline gives when it has no publication date ("RIVERTON, Oct. 14 (AP) —"),
    in the year that puts it nearest `near`; None without a dateline day or a day to take the year from."""
    match = _DATELINE_DAY.match(text[:200])
    if match is None or near is None:
        return None
    value = _parser("current_period", near).get_date_data(match.group("day")).date_obj
    return None if value is None else _nearest_year(value.replace(tzinfo=None), near.replace(tzinfo=None))


def _glued_days(doc, text: str) -> list:
    """'Oct.25': a month and day the tokenizer keeps as one word, which the model does not tag; as date spans.
    (Found in the report's text, not token by token: a Token object per word is slow.)"""
    found = []
    for match in _GLUED_DAY_WORD.finditer(text):
        span = doc.char_span(match.start(), match.end(), label="DATE")
        if span is not None and len(span) == 1 and not span[0].ent_type_:
            found.append(span)
    return found


def _is_date(ent, text: str, after: str = "") -> bool:
    """`text`: the entity's text; `after`: the report's words right after it."""
    if _SHORT_YEAR.fullmatch(text.strip()):
        return True
    if text[:1] == "T" and text.lower() == "today" and ent.start > ent.sent.start:
        return False  # "the Today program": a name, not a day
    if text.isdigit() and _CLOCK_AFTER.match(after):
        return False  # "1720 GMT": a time of day, not the year 1720
    if text.isdigit() and ((STREET_ADDRESS.match(text + after) and not _after_a_word_of_time(ent))
                           or ((make := _VEHICLE_MAKE.match(after)) and _describes_a_thing(ent) and _names_a_car(ent, make))):
        return False  # "lives at 2016 Ontario Street", "a silver 2013 Toyota Camry": a house number, a car's model year
    return bool(ABSOLUTE.search(text) or _RELATIVE_WORDS.search(text) or _PERIOD_END.match(text.strip())
                or _named_day_words(text) or _DAY_OF_MONTH.match(text.strip()))


# The makes a car's model year is written before ("a 2008 GMC Sierra pickup"): a year that names the car, not a
# day of the story.
_VEHICLE_MAKE = re.compile(
    r"\s+(?:Acura|Audi|Bentley|BMW|Buick|Cadillac|Chevrolet|Chevy|Chrysler|Dodge|Ferrari|Fiat|Ford|GMC|Harley-Davidson|"
    r"Honda|Hummer|Hyundai|Infiniti|Isuzu|Jaguar|Jeep|Kia|Lamborghini|Land Rover|Lexus|Maserati|Mazda|"
    r"Mercedes(?:-Benz)?|Mini Cooper|Mitsubishi|Nissan|Oldsmobile|Peugeot|Plymouth|Pontiac|Porsche|Range Rover|"
    r"Renault|Saab|Scion|Subaru|Suzuki|Tesla|Toyota|Volkswagen|VW|Volvo)\b")
# (not Lincoln, Mercury or Saturn: "the 1860 Lincoln campaign", "the 1969 Saturn V launch" are dated)


def _names_a_car(ent, make: re.Match) -> bool:
    """Whether the `make` written after a year names a car ("a 2013 Toyota Camry", "his 2008 Bentley was stolen"), not
    a person's or a firm's undertaking ("the 1976 Ford campaign", "a 1998 Honda recall")."""
    doc, after_make = ent.doc, ent.end + len(make.group().split())
    if after_make >= len(doc):
        return True  # (the make ends the text)
    if doc[ent.end].ent_type_ == "PERSON":
        return False  # Ford the president
    following = doc[after_make]
    return following.pos_ != "NOUN" or following.lemma_.lower() in _VEHICLES


_VEHICLES = {"car", "truck", "pickup", "van", "sedan", "suv", "minivan", "coupe", "wagon", "convertible", "jeep",
             "motorcycle", "bike", "hatchback", "vehicle", "limousine", "bus"}


def _after_a_word_of_time(ent) -> bool:
    """"In 1987 Main Street was renamed": the year of a time phrase, not a house number."""
    return ent.start > ent.sent.start and ent.doc[ent.start - 1].lower_ in _TIME_WORDS_BEFORE_A_YEAR


_TIME_WORDS_BEFORE_A_YEAR = {"in", "since", "until", "till", "by", "before", "after", "during", "through", "circa"}


def _describes_a_thing(ent) -> bool:
    """Whether the words before a year make it a word describing a thing ("a silver 2013", "his 2008"), not a time
    ("In 2008 Ford sold fewer cars")."""
    return ent.start > ent.sent.start and ent.doc[ent.start - 1].pos_ in ("DET", "ADJ", "PRON", "NOUN")


# A length of time or a vague stretch, no point of the timeline: "decades", "nearly a decade", "the last couple of
# years", "the past few decades", "the last 10 years", "this century", "over the coming months", "the past year".
_COUNT_WORDS = r"few|couple\s+of|several|many|\d[\d,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|dozen"
_DURATION = re.compile(
    r"^(?:(?:at\s+least|more\s+than|less\s+than|nearly|almost|about|some|over|roughly|up\s+to|the|a|an)\s+)*"
    rf"(?:(?:(?:past|last|previous|next|coming|recent|following|this)\s+)?(?:(?:{_COUNT_WORDS})\s+)*"
    r"(?:decades?|centur(?:y|ies)|years|months|weeks|days)|past\s+(?:year|month|week))$",
    re.IGNORECASE)
# ... but one before "after", "before", "ago" counts from a day ("a decade after the war").
_COUNTED_ON = {"after", "before", "earlier", "later", "ago", "hence", "from"}
_TIMES_OF_DAY = {"morning", "afternoon", "evening", "night", "noon", "midday", "midnight", "dawn", "overnight"}
# Before a day of the month alone, the words that make it one ("on the 17th"), not a rank ("the 13th to sink").
_BEFORE_DAY_OF_MONTH = {"on", "by", "until", "till", "through", "since", "before", "after", "from", "to", "between",
                        "and", "or", "of"}
# Nouns "today's" names the present age by ("today's world"), not the day's event ("today's vote").
_AGE_NOUNS = {"world", "society", "generation", "youth", "age", "era"}


def _a_point(ent, text: str) -> bool:
    """Whether a date expression the model tags is a point of the timeline: not a length of time ("decades"), a
    weekday describing a noun ("Friday prayers"), "today's" as the present age, or a rank ("finished 13th")."""
    doc, words = ent.doc, text.strip()
    after = doc[ent.end] if ent.end < len(doc) else None
    if _DURATION.match(words) and (after is None or after.lower_ not in _COUNTED_ON):
        return False
    if words.lower() in _WEEKDAYS:
        return not _weekday_describes(ent)
    if words.lower() == "today" and after is not None and after.tag_ == "POS":
        return not _the_present_age(ent.root)
    if _DAY_OF_MONTH.match(words):
        return _a_day_of_month(ent)
    return True


def _weekday_describes(ent) -> bool:
    """'Friday prayers', 'the Sunday shows', 'did Saturday dry runs': a weekday right before a noun it describes,
    without "on", "last", "this" or "next" before it. ("the Sunday election", "a Tuesday deadline": one day's
    event, with its article.)"""
    doc, day = ent.doc, ent[-1]
    following = doc[day.i + 1] if day.i + 1 < len(doc) else None
    if following is None or not following.is_alpha or not following.is_lower or following.lower_ in _TIMES_OF_DAY:
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ("on", "last", "this", "next"):
        return False
    # (the parser may take the plural noun for a verb: "the Sunday shows")
    if day.dep_ == "compound" and day.head.i > day.i and day.head.pos_ in ("NOUN", "PROPN"):
        noun = day.head
    elif following.tag_ in ("NNS", "VBZ") and before is not None and before.pos_ == "DET":
        noun = following
    else:
        return False
    one_event = before is not None and (before.pos_ == "DET" or before.tag_ in ("PRP$", "POS")) and noun.tag_ == "NN"
    return not one_event


def _the_present_age(today) -> bool:
    """'Today's threats are increasingly global', 'today's world': the present age, not the day's event ("today's
    vote", "today's talks were postponed"): an age noun, or plural ones told of in the present tense."""
    noun = today.head
    if today.dep_ != "poss" or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.lemma_.lower() in _AGE_NOUNS or noun.lower_ in _AGE_NOUNS:
        return True
    if noun.tag_ != "NNS":
        return False
    verb = noun.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tensed = next((c for c in auxiliaries if c.tag_ in ("VBD", "VBZ", "VBP", "MD")), verb)
    return tensed.tag_ in ("VBZ", "VBP") and verb.lemma_ not in _AHEAD_VERBS and verb.lemma_ not in REPORTING


def _a_day_of_month(ent) -> bool:
    """'on the 17th', 'Friday the 13th': a day of the month alone; not 'finished 23rd' or 'the 13th to sink'."""
    doc = ent.doc
    at = ent.start - (1 if ent.start > 0 and ent[0].lower_ != "the" and doc[ent.start - 1].lower_ == "the" else 0)
    before = doc[at - 1] if at > 0 else None
    if before is None:
        return False
    if before.text == "," and at > 1:  # "on Tuesday, the 17th"
        before = doc[at - 2]
        return before.ent_type_ == "DATE"
    return before.lower_ in _BEFORE_DAY_OF_MONTH or before.lower_ in _WEEKDAYS


def _story_base(story: Story) -> datetime | None:
    """The latest full date (day, month and year) the story's body copy writes, unless older than a month or a
    year it names; else the latest a caption or a page's furniture writes, unless it is a file photo's or older
    than a year the body copy names ("... at a gas station in Nevada, Iowa, on Dec. 6, 2007" under a story of 2014)."""
    body: list[Sentence] = []
    rest: list[Sentence] = []
    for sentence in story.sentences:
        (body if body_copy(sentence) else rest).append(sentence)
    latest = _latest_full_date(body)
    if latest is not None:
        # (a later month or year the body copy names, "passed inspections in January 2016", "could be fined in
        # 2016", says the story is not of the full date's year, "a complaint from March 9, 2015" or a letter
        # it quotes: its "Aug. 8", "this year" are of a year the reports do not give; not one named as a limit
        # ahead, "touring through November 2010", "to close by 2030")
        named = _months_named(body) + _years_named(story, body)
        return None if any(year > latest.year for year in named) else latest
    latest = _latest_full_date([s for s in rest if "file photo" not in s.text.lower()])
    years = [int(year) for s in body for year in YEAR.findall(s.text)]
    return None if latest is None or any(year > latest.year for year in years) else latest


def _months_named(sentences: list[Sentence]) -> list[int]:
    """The years of the months the sentences name with their year ("in January 2016", "on Aug. 8, 2016"), but
    for a month named as a limit ahead ("through November 2010", "by March 2031")."""
    return [int(match.group("year")) for sentence in sentences for match in _MONTH_WITH_ITS_YEAR.finditer(sentence.text)
            if not _AHEAD_LIMIT.search(sentence.text, max(0, match.start() - 12), match.start())]


def _years_named(story: Story, sentences: list[Sentence]) -> list[int]:
    """The bare years the sentences name as dates ("could be fined in 2016"), but for one named as a limit ahead
    ("by 2030") and a figure the model does not tag a date ("2000 troops", "1720 GMT")."""
    found = []
    for sentence in sentences:
        doc = story.workspace.parses.get(sentence.document)
        with_months = [m.span("year") for m in _MONTH_WITH_ITS_YEAR.finditer(sentence.text)]  # (`_months_named`'s)
        for match in YEAR.finditer(sentence.text):
            if match.span() in with_months:
                continue
            at = sentence.start + match.start()
            span = doc.char_span(at, at + len(match.group())) if doc is not None else None
            if span is None or span[0].ent_type_ != "DATE" or _CLOCK_AFTER.match(sentence.text, match.end()):
                continue
            if not _AHEAD_LIMIT.search(sentence.text, max(0, match.start() - 12), match.start()):
                found.append(int(match.group()))
    return found


_MONTH_WITH_ITS_YEAR = re.compile(
    rf"\b(?:{_MONTHS})[a-z]*\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<year>{_YEAR_DIGITS})\b", re.IGNORECASE)
_AHEAD_LIMIT = re.compile(r"\b(?:by|until|till|through|before)\s+$", re.IGNORECASE)


def _latest_full_date(sentences: list[Sentence]) -> datetime | None:
    dates = [_full_date(match.group()) for sentence in sentences for match in _FULL_DATE.finditer(sentence.text)]
    return max((d for d in dates if d is not None), default=None)


@lru_cache(maxsize=1024)  # the reports of a story write the same few dates
def _full_date(text: str) -> datetime | None:
    """A date written in full ("Nov. 13, 2015"), which needs no anchor."""
    return _parser("current_period", None).get_date_data(text).date_obj


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(
    r"^(?:(?P<which>last|next|this|on|early|late|earlier|later)\s+)?(?P<day>" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
# "a second day Thursday", "the third straight day Friday": a count of days before the day itself.
_COUNTING = re.compile(r"^(?:(?:a|an|the|for)\s+)*(?:\w+\s+)?(?:straight\s+|consecutive\s+)?day\s+(?=\w+day\b)", re.IGNORECASE)
# Words before a date, or in its sentence, that point it forward: "until Friday", "will return Friday".
_AHEAD_BEFORE = {"until", "till", "through", "before", "next", "by"}
_AHEAD_IN_SENTENCE = {"will", "'ll", "shall", "due"}
# Verbs of what is to come: "was expected in Ankara on Monday", "is scheduled to land Friday".
_AHEAD_VERBS = {"expect", "schedule", "plan", "predict", "forecast", "slate"}
# ... and the same words describing the event a date names: "Thursday's planned ceremonies".
_AHEAD_DESCRIBED = {"planned", "scheduled", "expected", "upcoming", "coming", "forthcoming", "proposed", "predicted"}


def _looks_ahead(ent) -> bool:
    # The verb the date hangs off: "will return Friday" looks ahead; "inspected ... Wednesday and will return" does not.
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    # ... or a verb it depends on: "whether the order is lifted on Friday will depend" (not from a deed done, told by
    # its participle: "Launched on Thursday, the orbiter is scheduled to arrive in 2027")
    ahead = any(
        v.lower_ in _AHEAD_IN_SENTENCE or v.lemma_ in _AHEAD_VERBS
        or any(c.dep_ in ("aux", "acomp") and c.lower_ in _AHEAD_IN_SENTENCE for c in v.children)  # "is due in court"
        for v in ((verb,) if _done_participle(verb) else (verb, *verb.ancestors))
    )
    event = ent.root.head if ent.root.dep_ in _NOUN_MODIFIER and ent.root.head.pos_ == "NOUN" else None
    ahead = ahead or (event is not None and any(c.lower_ in _AHEAD_DESCRIBED for c in event.children if c.dep_ == "amod"))
    # (not "by" a passive's agent: "the damage caused by Friday's storm" names who did it, not a deadline)
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 and ent.doc[ent.start - 1].dep_ != "agent" else ""
    # "stands until Friday" looks ahead; "remained army chief until March" told of a time gone by
    # "called a snap election for May 4", "a hearing set for Monday": the day something is set for (not "for
    # Monday's attack", an event the date names)
    set_for = before == "for" and ent.root.dep_ == "pobj" and not ent.text.endswith(("'s", "’s"))
    return ahead or set_for or (before in _AHEAD_BEFORE and not _told_in_the_past(verb)) or _told_as_to_come(ent, verb)


# Modals that put what they carry ahead: "could be announced Sunday", "may see more on Nov. 17".
_AHEAD_MODALS = {"can", "could", "may", "might", "must", "should", "would", "ca"}
_NOUN_MODIFIER = ("compound", "poss", "nmod", "amod", "det", "nummod")


def _told_as_to_come(ent, verb) -> bool:
    """Whether the first verb with a tense, from the date's verb up, tells of what is to come: news tells what
    has happened in the past tense, so a verb in the present that is not a reporting verb ("as Brazilians
    prepare to vote on Sunday", "debates impeachment in November", "are meeting Tuesday"), or under a modal,
    looks ahead; the present perfect ("has arrested ... Tuesday") and "says Tuesday" do not. A date naming an
    event ("blames him for the Aug. 7 bombings", "Sunday's election") or counted from ("out of work since June")
    takes no tense from the verb."""
    root = ent.root
    # (also a date hanging off a noun on the way up: "suspected of the bombing of the embassies on Aug. 7")
    names_an_event = (root.dep_ in _NOUN_MODIFIER and root.head.pos_ in ("NOUN", "PROPN")) or any(
        t.pos_ in ("NOUN", "PROPN") for t in root.ancestors if t.i != verb.i and verb.is_ancestor(t))
    if any(t.lower_ == "since" for t in root.ancestors) or _done_participle(verb):
        return False
    for v in (verb, *verb.ancestors):
        if v.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(c.tag_ == "MD" for c in auxiliaries):  # ("could be announced soon after Sunday's elections")
            return any(c.lower_ in _AHEAD_MODALS for c in auxiliaries)
        # (a condition in the present is of what is to come, whatever the date names: "if Tuesday's storm
        # damages a satellite")
        conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children)
        if names_an_event and not conditional:
            return False
        tensed = next((c for c in auxiliaries if c.tag_ in ("VBD", "VBZ", "VBP")), v if v.tag_ in ("VBD", "VBZ", "VBP") else None)
        if tensed is None:
            continue  # "to vote", "voting", "held": the tense is the verb's above
        if tensed.tag_ == "VBD" or v.lemma_ in REPORTING:
            return False
        # (present perfect: "has arrested"; "have been" the same)
        return not any(c.lemma_ == "have" for c in auxiliaries) and not (tensed is v and v.lemma_ == "have" and v.dep_ == "aux")
    return False


def _done_participle(verb) -> bool:
    """A past participle opening a clause of its own, with no auxiliary: a deed done, whatever the sentence's verb goes
    on to tell ("Launched on Thursday, the orbiter is due to arrive in 2027"; "Arrested on Monday, he will appear in
    court")."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _told_in_the_past(verb) -> bool:
    """A verb in the past tense ("remained", "had stayed"), not a past form that only carries what is to come
    ("was due", "was to leave")."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children))


def _weekday(text: str, published: datetime, ahead: bool) -> datetime | None:
    """A bare weekday in news copy is the one nearest the publication day, on the side the
    sentence points to: "said Wednesday" in Thursday's paper is yesterday; "until Friday" is tomorrow.
    Words before it that only count ("for a second day Thursday") leave the weekday as it is."""
    match = WEEKDAY.match(text.strip()) or WEEKDAY.match(_COUNTING.sub("", text.strip()))
    if match is None:
        return None
    target = _WEEKDAYS.index(match.group("day").lower())
    which = (match.group("which") or "").lower()
    back = (published.weekday() - target) % 7
    forward = (target - published.weekday()) % 7
    if which == "last":  # never yesterday, which news calls "Thursday": "last Thursday" in Friday's paper is 8 days back
        return published - timedelta(days=back if back >= 2 else back + 7)
    if which == "next":
        return published + timedelta(days=forward or 7)
    return published + timedelta(days=forward) if ahead else published - timedelta(days=back)


@lru_cache(maxsize=1024)
def _resolve(text: str, published: datetime | None, story_base: datetime | None, ahead: bool = False):
    """(ISO date or None, precision, anchor) for one expression."""
    text = _GLUED_DAY.sub(r"\1 \2", text)  # "Oct.25" is "Oct. 25"
    short = _SHORT_YEAR.fullmatch(text.strip())
    if short:  # "'92" in a report of 1998 is 1992: the last such year up to the report's
        base = published or story_base
        if base is None:
            return None, RELATIVE, None
        year = base.year - (base.year - int(short.group(1))) % 100
        return str(year), "year", (f"published {published:%Y-%m-%d}" if published else f"year from the story's dates ({base:%Y})")
    named = _named_day(text, published, ahead)
    if named is not None:
        return _iso(named, "day"), "day", (f"published {published:%Y-%m-%d}" if published and not YEAR.search(text) else None)
    absolute = bool(ABSOLUTE.search(text))
    if published is not None:
        anchor = f"published {published:%Y-%m-%d}"
        day = _weekday(text, published, ahead)
        if day is not None:
            return _iso(day, "day"), "day", anchor
        month = _month_counted(text, published)
        if month is not None:
            return month, "month", anchor
        week = _week_counted(text, published)
        if week is not None:
            return week, "week", anchor
        if _DAY_OF_MONTH.match(text.strip()):  # (never the date reader's: it reads "the 0th" as 1899)
            of_month = _day_of_month(text, published, ahead)
            return (_iso(of_month, "day"), "day", anchor) if of_month is not None else (None, RELATIVE, None)
        end = _PERIOD_END.match(text.strip())
        if end:  # "before year's end": the report's year
            unit = (end["unit"] or end["of"]).lower()
            return _iso(published, unit), unit, anchor
        # "Oct. 16" in a paper of Oct. 15 is tomorrow, not last year: a date with no
        # year is taken in the year that puts it nearest the publication day.
        base, prefer = published, ("current_period" if absolute else "past")
    elif absolute and story_base is not None:
        base, prefer, anchor = story_base, "current_period", f"year from the story's dates ({story_base:%Y})"
    elif absolute and YEAR.search(text):
        base, prefer, anchor = None, "current_period", None
    else:
        return None, RELATIVE, None  # no anchor known: keep the words, never guess
    years = YEAR.findall(text)
    if YEAR_RANGE.match(text.strip()):
        return years[0], "year", anchor  # "Pinochet's 1973-90 regime" began in 1973 (the parser reads "1921-23" as a day)
    parser = _parser(prefer, base)
    if _AGO.search(text):  # ("after a decade of deadlock" is a time taken, no date)
        text = _HEDGES.sub("", text)
        for words, years_counted in _YEARS_IN_WORDS:
            text = words.sub(years_counted, text)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        data = parser.get_date_data(_VAGUE.sub("", text).strip())
    if data.date_obj is None:
        if len(years) == 1 and not _MONTH_ALONE.search(text):
            return years[0], "year", anchor  # "years like 1980"
        return None, RELATIVE, None
    precision = _PRECISION.get(data.period, "day")
    value = data.date_obj
    if years and str(value.year) not in years:
        return years[0], "year", anchor  # "One day in 2007" parsed as tomorrow: keep the year the words give
    if published is not None and absolute and not years:
        value = _year_meant(value, published, precision, ahead)
    return _iso(value, precision), precision, anchor


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime:
    """The n-th `weekday` (Monday 0) of a month; n = -1: the last."""
    if n > 0:
        first = datetime(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> datetime:
    from dateutil.easter import easter  # (dateparser's own dependency)

    return datetime.combine(easter(year), datetime.min.time())


# Days news names by name, each its day in a given year. Those the model tags as an event, a place or a person
# ("Labor Day", "Easter Sunday", "Martin Luther King Day") are dates too. The moving ones are as the United
# States keeps them, whose wires name them most (Canada's Thanksgiving is in October).
_NAMED_DAYS: dict[str, Callable[[int], datetime]] = {
    "christmas": lambda y: datetime(y, 12, 25), "christmas day": lambda y: datetime(y, 12, 25),
    "christmas eve": lambda y: datetime(y, 12, 24), "boxing day": lambda y: datetime(y, 12, 26),
    "new year's day": lambda y: datetime(y, 1, 1), "new year's eve": lambda y: datetime(y, 12, 31),
    "valentine's day": lambda y: datetime(y, 2, 14), "st. patrick's day": lambda y: datetime(y, 3, 17),
    "halloween": lambda y: datetime(y, 10, 31), "veterans day": lambda y: datetime(y, 11, 11),
    "bastille day": lambda y: datetime(y, 7, 14), "fourth of july": lambda y: datetime(y, 7, 4),
    "easter": _easter, "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2), "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2), "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king jr. day": lambda y: _nth_weekday(y, 1, 0, 3), "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2), "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
}
_NAMED_DAY = re.compile(
    r"^(?:(?P<which>last|next|this)\s+)?(?P<name>" + "|".join(re.escape(n) for n in sorted(_NAMED_DAYS, key=len, reverse=True))
    + r")(?:,?\s+(?P<year>" + _YEAR_DIGITS + r"))?$", re.IGNORECASE)


def _names_a_kind_of_thing(ent) -> bool:
    """Whether a named day only says what kind a thing is ("a Christmas spread", "the office Christmas party"), not
    when: it modifies a noun that is no stretch of time ("Christmas Eve", "the Easter weekend" are dates)."""
    last = ent.doc[ent.end - 1]
    return last.dep_ == "compound" and last.head.i >= ent.end and last.head.pos_ == "NOUN" \
        and last.head.lemma_.lower() not in _STRETCHES_OF_TIME


_STRETCHES_OF_TIME = {"day", "eve", "night", "morning", "afternoon", "evening", "weekend", "week", "season", "holiday",
                      "holidays", "break", "period", "time", "vacation", "rush", "recess"}


def _named_day_words(text: str) -> re.Match | None:
    """The words of a named day ("New Year’s Eve", "last Christmas"), either apostrophe, else None."""
    return _NAMED_DAY.match(text.strip().replace("’", "'"))


def _midnight(published: datetime) -> datetime:
    """The report's day, without its time or zone: what its dates are counted from."""
    return published.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)


def _named_day(text: str, published: datetime | None, ahead: bool) -> datetime | None:
    """'Christmas Eve', 'last Thanksgiving', 'Election Day 1998': the day, in the year its words give, or the
    occurrence nearest the report's day on the side the sentence points to; None with neither."""
    match = _named_day_words(text)
    if match is None:
        return None
    day_in = _NAMED_DAYS[match["name"].lower()]
    if match["year"]:
        return day_in(int(match["year"]))
    if published is None:
        return None
    day = _midnight(published)
    occurrences = [day_in(day.year + shift) for shift in (-1, 0, 1)]
    which = (match["which"] or "").lower()
    if which == "last":
        return max(v for v in occurrences if v < day)
    if which == "next":
        return min(v for v in occurrences if v > day)
    if which == "this":
        return occurrences[1]
    return _occurrence_meant(occurrences, day, ahead, day.year)


# A day of the month alone, as the model tags a date: "lose a spacecraft on the 17th".
_DAY_OF_MONTH = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)


def _day_of_month(text: str, published: datetime, ahead: bool) -> datetime | None:
    """'the 17th': that day of the report's month, or of the month before or after, the nearest on the side
    the sentence points to (ahead: on or after the report's day; else on or before it)."""
    match = _DAY_OF_MONTH.match(text.strip())
    if match is None:
        return None
    day = _midnight(published)
    found = []
    for shift in (-1, 0, 1):
        months = day.year * 12 + day.month - 1 + shift
        try:
            found.append(datetime(months // 12, months % 12 + 1, int(match[1])))
        except ValueError:
            continue  # (no 31st in November)
    side = [v for v in found if (v >= day if ahead else v <= day)]
    return min(side, key=lambda v: abs((v - day).days)) if side else None


def _week_counted(text: str, published: datetime) -> str | None:
    """'last weekend', 'the week before last', 'earlier in the week': an ISO week counted from the report's."""
    for pattern, weeks in _WEEKS_BACK:
        if pattern.match(text.strip()):
            return _iso(published + timedelta(weeks=weeks), "week")
    return None


def _counted_from(text: str, last: tuple[str, str] | None) -> tuple[str | None, str]:
    """'a day earlier' just after 'filed a request on Wednesday' is the Tuesday: counted from the last date the
    report gave (in the same sentence or the one before), when that date is as precise as the count ('two years
    earlier' than 1996 is 1994, 'a month later' than May 1997 is June 1997, 'a day earlier' than 'in October' is
    no day). Without such a date the words stay as they are: the report's own day is no anchor for them."""
    match = _COUNTED_FROM_ANOTHER.match(text.strip())
    if match is None or last is None:
        return None, RELATIVE
    if match["next"]:  # "the next day", "the previous day"
        unit, number = "day", -1 if match["next"].lower() == "previous" else 1
    else:
        count = match.group().split()[0].lower()
        number = int(count) if count.isdigit() else 1 if count in ("a", "an") else _NUMBER_WORDS.index(count) + 1
        number *= 7 if match["unit"].lower() == "week" else 1
        number *= -1 if match["way"].lower() in ("earlier", "before") else 1
        unit = {"week": "day"}.get(match["unit"].lower(), match["unit"].lower())
    date, precision = last
    if _UNITS.index(precision) > _UNITS.index(unit):
        return None, RELATIVE
    year, month, day = (int(part) for part in [*date.split("-"), "1", "1"][:3])
    if unit == "year":
        return f"{year + number:04d}", "year"
    if unit == "month":
        months = year * 12 + month - 1 + number
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return _iso(datetime(year, month, day) + timedelta(days=number), "day"), "day"


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


# "last November", "next March", "this June", "early last April": a month named from the report's day.
_COUNTED_BY = ("last", "past", "this", "next", "coming")
_MONTH_COUNTED = re.compile(
    rf"^(?:(?:early|mid|late)[\s-]+)?(?P<which>{'|'.join(_COUNTED_BY)})\s+(?P<month>(?:{_MONTHS})[a-z]*)\.?$", re.IGNORECASE)
_MONTH_OF_YEAR = re.compile(
    rf"^(?:(?:early|mid|late)[\s-]+)?(?P<month>(?:{_MONTHS})[a-z]*)\.?\s+(?:of\s+)?(?P<which>{'|'.join(_COUNTED_BY)})\s+year$",
    re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"(?:{_MONTHS})[a-z]*\.?", re.IGNORECASE)
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS.replace("|sept", "").split("|"), start=1)}


def _month_counted(text: str, published: datetime) -> str | None:
    """'last November' in a report of October 1998 is 1998's or 1997's November: the last one before the
    report's month ('last October' in October is a year back); 'next March' the first after it; 'this
    June' the report's year's. (The date parser reads none of them.)"""
    of_year = _MONTH_OF_YEAR.match(text.strip())
    if of_year:  # "September last year", "in March next year"
        month = _MONTH_NUMBER.get(of_year["month"][:3].lower())
        shift = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[of_year["which"].lower()]
        return f"{published.year + shift:04d}-{month:02d}" if month else None
    match = _MONTH_COUNTED.match(text.strip())
    month = _MONTH_NUMBER.get(match["month"][:3].lower()) if match else None
    if match is None or month is None:
        return None
    which, year = match["which"].lower(), published.year
    if which in ("last", "past") and month >= published.month:
        year -= 1
    elif which in ("next", "coming") and month <= published.month:
        year += 1
    return f"{year:04d}-{month:02d}"


_LEAP_YEAR = datetime(2000, 1, 1)  # a base year that has a 29 February


@lru_cache(maxsize=1024)
def _day_of_year(text: str) -> str | None:
    """'June 11', 'Friday, Oct. 9', 'the 11th of June': the day a date names without a year, "--06-11";
    None for a bare weekday or month, or a date with its year (which `_resolve` reads)."""
    if not ABSOLUTE.search(text) or YEAR.search(text):
        return None
    data = _parser("current_period", _LEAP_YEAR).get_date_data(text)
    if data.date_obj is None or data.period != "day":
        return None
    return f"--{data.date_obj:%m-%d}"


AHEAD_UNSAID = 31  # days: a date without its year up to a month after the report's day may lie ahead unsaid


def _year_meant(value: datetime, published: datetime, precision: str, ahead: bool) -> datetime:
    """The year a date written without one means: the nearest to the report's day ("Oct. 16" in a paper of
    Oct. 15 is tomorrow), unless that lies more than a month ahead and the sentence does not point there:
    news tells what has happened, so "remained army chief until March" in October's paper is last March;
    "will be sworn in on Jan. 20", pointing ahead, is the next one, unless this year's lies within a month
    before the report's day. A month is weighed from its first day,
    the month of the report itself being the present."""
    value = value.replace(tzinfo=None)
    day = published.replace(tzinfo=None)
    if precision == "month":
        value, day = value.replace(day=1), day.replace(day=1)
    return _occurrence_meant(_years_around(value), day, ahead, value.year)


def _occurrence_meant(occurrences: list[datetime], day: datetime, ahead: bool, own_year: int) -> datetime:
    """Of one date's occurrences in the years around the report's `day`, the one `_year_meant` describes
    (the nearest on a tie is the one in `own_year`)."""
    nearest = min(occurrences, key=lambda v: (abs((v - day).days), v.year != own_year))
    if ahead and not 0 < (day - nearest).days <= AHEAD_UNSAID:
        # (a date a few days or weeks before the report's day is that one, though the sentence points ahead:
        # "were expected to be announced just after Cardoso's Oct. 5 re-election" in a paper of Oct. 16 is
        # not next October's)
        coming = [v for v in occurrences if v >= day]
        return min(coming, key=lambda v: (v - day).days) if coming else nearest
    if (nearest - day).days > AHEAD_UNSAID:
        return max((v for v in occurrences if v <= day), default=nearest)
    return nearest


def _years_around(value: datetime) -> list[datetime]:
    """The date in its year and in the years either side (a 29 February only where there is one)."""
    found = []
    for shift in (-1, 0, 1):
        try:
            found.append(value.replace(year=value.year + shift))
        except ValueError:
            continue
    return found


def _nearest_year(value: datetime, near: datetime) -> datetime:
    """The date in whichever year puts it nearest `near` (the same year on a tie)."""
    near = near.replace(tzinfo=None)
    return min(_years_around(value.replace(tzinfo=None)), key=lambda v: (abs((v - near).days), v.year != value.year))


def _iso(value: datetime, precision: str) -> str:
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%Y-%m}"
    if precision == "week":
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{value:%Y-%m-%d}"


@lru_cache(maxsize=64)
def _parser(prefer: str, base: datetime | None):
    # lazy: slow to import, and only the timeline stage resolves dates (crosscheck/dates.py imports
    # this module too, also in batch mode, where the timeline stage does not run)
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _event_token(ent):
    """The verb or noun the date modifies ("attacks" in "the attacks on November 13"); None for none."""
    head = ent.root.head
    if head.pos_ == "ADP" and head.head is not head:
        before = ent.doc[head.i - 1] if head.i > 0 else None
        # "held over the attacks on November 13": the parser often hangs the date on
        # the verb; the noun right before the preposition is the dated event. Not the verb's
        # own object: "arrested the mayor in March", "approved a plan in August" date the verb.
        verb = head.head
        head = before if before is not None and before.pos_ == "NOUN" and not _object_of(before, verb) else verb
    if head.i == ent.root.i:
        return None
    if head.pos_ == "VERB" and head.dep_ == "relcl" and head.head.pos_ == "NOUN":
        head = head.head  # "the attacks which left 130 people dead on November 13": the attacks' day
    return head if head.pos_ in ("NOUN", "VERB", "PROPN") else None


def _object_of(noun, verb) -> bool:
    """The noun is the verb's object or complement ("approved a plan", "remained army chief"), the verb saying
    more than that the object happened ("filed a complaint", "held talks": the complaint, the talks)."""
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in LIGHT_VERBS and noun.dep_ in ("dobj", "attr", "oprd") and (
        noun.head.i == verb.i or (noun.head.dep_ == "compound" and noun.head.head.i == verb.i))


def timeline_entries(mentions: list[DateMention], support: dict[SentenceKey, int] | None = None) -> list[TimelineEntry]:
    """One entry per event and date; reports giving the same event the same date share it. `support`: how many
    reports state the most corroborated fact of each sentence (align's groups)."""
    entries: dict[tuple, TimelineEntry] = {}
    for mention in mentions:
        key = (mention.date or mention.text.lower(), mention.precision, mention.event_key)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = TimelineEntry(
                date=mention.date, precision=mention.precision, text=mention.sentence.text, when=[],
                event=mention.event, anchor=mention.anchor,
            )
        if mention.text not in entry.when:
            entry.when.append(mention.text)
        if mention.sentence.evidence not in entry.evidence:
            entry.evidence.append(mention.sentence.evidence)
            entry.sentences.append(mention.sentence)
    for entry in entries.values():
        # Quote body copy rather than a caption when a report states the event in both, and of those the
        # sentence with the most corroborated fact: "the attacks which left 130 people dead in Paris on
        # November 13" (three reports) tells of the day better than "232 people held over the attacks on November 13".
        entry.sentences.sort(key=lambda s: (s.role != BODY, -(support or {}).get(s.key, 0)))
        entry.evidence = [s.evidence for s in entry.sentences]
        entry.text = entry.sentences[0].text
    # Two events of one sentence given the same words ("the deadliest in decades ... over the decades"): one
    # entry, or the reader sees the same line twice.
    shown: dict[tuple, TimelineEntry] = {}
    for entry in entries.values():
        shown.setdefault((entry.date, entry.precision, tuple(sorted({w.lower() for w in entry.when})), tuple(entry.evidence)), entry)
    return sorted(shown.values(), key=_order)


def _order(entry: TimelineEntry):
    if entry.date is None:
        return (1, "", 0, 0)
    precision_rank = {"year": 0, "month": 1, "week": 2, "day": 3}[entry.precision]
    return (0, entry.date[:10] if entry.precision != "week" else entry.date, precision_rank, -len(entry.documents))


def event_lemma(word: str) -> str:
    """One key for an event word's forms and synonyms: "attacks", "attack" and "massacre" are one event."""
    return term(word[:-1] if word.endswith("s") and len(word) > 3 else word)

