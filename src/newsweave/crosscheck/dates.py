"""Date discrepancies: the same event given different dates by different reports.

The timeline stage finds and resolves every date expression (timeline.py)
and keeps them in the story's workspace; this module compares them across
reports. A story built without the timeline stage has none to compare.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from datetime import date

from newsweave.crosscheck.attribution import REPORTING_VERBS
from newsweave.crosscheck.numbers import OPENING, publication_days
from newsweave.story import BODY, Claim, Discrepancy, DiscrepancyValue, SentenceKey, Story, body_ranks
from newsweave.timeline import ABSOLUTE, WEEKDAY, YEAR, YEAR_RANGE, DateMention
from newsweave.union_find import UnionFind


def date_discrepancies(story: Story) -> list[Discrepancy]:
    """The same event given different dates by different reports.

    Two dates are about the same event when each is the one date of a claim
    and the two claims are in one fact group (whatever word each report uses
    for the event: "approved a plan in August", "in July ... backed a plan"),
    or when their dates are a slip apart (a few days, a month, a year:
    "the Sept. 2 crash", "the Sept. 3 crash") and they share the event's word
    ("arrested", "attacks") and a named person, group or place, or the event is
    the story's own, named by a noun most reports use ("the crash"; a verb's
    object varies: "released an album", "released a demo"). Dates of different
    precision that agree ("2015-11" and "2015-11-13") are no disagreement, and
    neither is a report that also gives the other's date for the event: "a
    Sept. 25 complaint ... a Sept. 30 complaint" are two complaints. A day named
    from the report's own day ("Tuesday", "yesterday") and the saying of
    something ("said on Oct. 5") are never compared, nor is a month named from the report's own day
    ("last month"), but for a weekday dating an event that befalls a thing once, in reports published the same
    day ("died on Sunday", "died on Saturday"). A name that only says whose someone is ("Moro's brother was born")
    does not make the event that name's. Last, the one day each report's opening gives by its date, of one named
    thing and on one side of the reports' own day, is the story's day, whatever word names the event ("will lift
    off on Sept. 14", "is scheduled to launch on Sept. 21").
    """
    # (a day named from the report's own day is kept for an event that befalls a thing once: "Moro died on Sunday"
    # and "Moro died on Saturday", in reports of one day, disagree, whatever else was said on which day)
    named_from_the_day = {id(m) for m in story.workspace.dates if _said_on_the_day(m)}
    mentions = [m for m in story.workspace.dates if _when(m) is not None
                and (id(m) not in named_from_the_day or (WEEKDAY.match(m.text.strip()) and _once(m)))]
    names = _sentence_names(story)
    facts = _fact_groups(story, mentions)
    by_event: dict[str, list[DateMention]] = defaultdict(list)
    event_words: dict[int, list] = {}  # id(mention) -> the tokens of its event word in its sentence
    arguments: dict[int, set[str]] = {}  # id(mention) -> the names its event's own words give (`_arguments`)
    things: dict[int, set[str]] = {}  # id(mention) -> the nouns its event is about (`_things`)
    undergoers: dict[int, set[str]] = {}  # id(mention) -> those of them it was not done by
    # Both are the sentence's and the event word's, whatever the mention: read once for each (a hostile sentence of
    # 400 dated arrests read them 800 times over, each reading the whole sentence: 90 s)
    read: dict[tuple, tuple[list, set[str], set[str], set[str]]] = {}
    for mention in mentions:
        if not mention.event:
            continue
        key = (mention.sentence.key, mention.event)
        if key not in read:
            words = _event_words(story, mention)
            read[key] = (words, _arguments(mention, words, names), _things(words), _things(words, doers=False))
        words, named, things[id(mention)], undergoers[id(mention)] = read[key]
        event_words[id(mention)] = words
        # the saying of something ("said on Oct. 5"): a statement is made again and again
        if not any(t.lemma_.lower() in REPORTING_VERBS for t in words):
            by_event[mention.event_key].append(mention)
            arguments[id(mention)] = named
    central = _central_events(story, by_event)
    # one event in every report's own words: the dated claims of each fact group
    by_fact: dict[int, list[DateMention]] = defaultdict(list)
    for event_mentions in by_event.values():
        for mention in event_mentions:
            for fact in facts.get(id(mention), ()):
                by_fact[fact].append(mention)
    by_sentence: dict[SentenceKey, list[DateMention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence.key].append(mention)
    gives = _AlsoGives()
    days = publication_days(story)
    found = _Disagreements()
    seen: set[frozenset] = set()
    for group in [*by_event.values(), *by_fact.values()]:
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.evidence.document == b.evidence.document:
                    continue
                pair = frozenset((_when(a), _when(b), a.event_key, b.event_key))
                if pair in seen or _agree(a, b):
                    continue  # (one disagreement per pair of dates and events: asked first, as it is the cheapest)
                shared = arguments[id(a)] & arguments[id(b)]
                # claims grouped as one fact are one event when they are about one party: the grouping
                # alone also joins "one of the men ... met bin Laden" and "a Saudi official met the Taliban"
                common = facts.get(id(a), {}).keys() & facts.get(id(b), {}).keys()
                same_fact = bool(common) and (bool(shared) or any(_one_party(facts[id(a)][g], facts[id(b)][g]) for g in common))
                event = a.event_key
                once = event == b.event_key and _once(a) and _once(b) and bool(shared or things[id(a)] & things[id(b)])
                if (id(a) in named_from_the_day or id(b) in named_from_the_day) and not (once and _one_day(days, a, b)):
                    continue  # ("died on Sunday" in a report of the next week is most often the Sunday before)
                if not (same_fact or (event == b.event_key and _close(a, b) and (
                        shared or undergoers[id(a)] & undergoers[id(b)]
                        or (event in central and _named_by_noun(event_words[id(a)]) and _named_by_noun(event_words[id(b)]))))
                        or once):
                    continue
                label = found.label(a, shared)
                if found.joined(label, a, b):
                    continue  # (a pair of sides already shown: one hostile death given 300 days against 300 others)
                # (the report's other mentions of either event word count: "a Sept. 25 complaint ... a Sept. 30
                # complaint", and so do the other dates of either sentence: "resumed domestic flights Oct. 7 and
                # international flights on Oct. 26" gives both. Asked last, of the pairs that may be one event:
                # asked first, two hostile reports of 600 deaths each took 9 s)
                pools = (group, by_event[a.event_key], by_event[b.event_key],
                         by_sentence[a.sentence.key], by_sentence[b.sentence.key])
                if gives(pools, b.evidence.document, a) or gives(pools, a.evidence.document, b):
                    continue
                seen.add(pair)
                found.add(label, a, b, confidence=0.9 if same_fact else 0.6)
    for a, b in _the_opening_s_days(story, mentions, arguments, days, names):
        pair = frozenset((_when(a), _when(b), a.event_key, b.event_key))
        if pair not in seen:
            seen.add(pair)
            found.add(found.label(a, arguments[id(a)] & arguments[id(b)]), a, b, confidence=0.6)
    return found.found()


class _Disagreements:
    """Pairs of dates of one event, gathered as disagreements labelled by the event and the names both give it, each
    side with its mentions' evidence. Pairs of one label that share a mention are one disagreement of every side: a
    death given Oct. 3 [r1] against Oct. 4 [r2], and Oct. 3 [r1] against Oct. 5 [r3], is one death given three days
    (two hostile reports of one death given 300 days each were 90,000 disagreements, and their brief took 10 s)."""

    def __init__(self) -> None:
        self._joined: UnionFind[tuple[str, int]] = UnionFind(())
        self._sides: dict[tuple[str, int], dict[str, dict[int, DateMention]]] = {}  # by its first key, by date
        self._confidence: dict[tuple[str, int], float] = {}

    @staticmethod
    def label(a: DateMention, shared: set[str]) -> str:
        return f"date of {_event_name(a)}" + (f" ({', '.join(sorted(shared))})" if shared else "")

    def joined(self, label: str, a: DateMention, b: DateMention) -> bool:
        """Whether the two are sides of one disagreement of this label already (so the pair adds nothing)."""
        return self._joined.same((label, id(a)), (label, id(b)))

    def add(self, label: str, a: DateMention, b: DateMention, confidence: float) -> None:
        keys = [(label, id(a)), (label, id(b))]
        for key in keys:
            self._joined.add(key)
        first, second = (self._joined.find(key) for key in keys)
        if first not in self._sides and second in self._sides:
            first, second = second, first  # (a disagreement keeps its place in the list as sides join it)
        sides = self._sides.setdefault(first, {})
        confidence = max(confidence, self._confidence.get(first, 0.0))
        if second != first:
            self._joined.union(first, second)
            confidence = max(confidence, self._confidence.pop(second, 0.0))
            for side in self._sides.pop(second, {}).values():
                for mention in side.values():
                    _put(sides, mention)
        for mention in (a, b):
            _put(sides, mention)
        self._confidence[first] = confidence

    def found(self) -> list[Discrepancy]:
        return [Discrepancy("date", key[0], [_side(list(side.values())) for side in sides.values()],
                            confidence=self._confidence[key])
                for key, sides in self._sides.items()]


def _put(sides: dict[str, dict[int, DateMention]], mention: DateMention) -> None:
    """A mention on the side of its date."""
    sides.setdefault(mention.date or _when(mention) or "", {})[id(mention)] = mention


def _side(mentions: list[DateMention]) -> DiscrepancyValue:
    """One date of a disagreement, as its first mention writes it, with every mention's evidence."""
    return DiscrepancyValue(mentions[0].text, mentions[0].date or _when(mentions[0]), [m.evidence for m in mentions])


def _the_opening_s_days(story: Story, mentions: list[DateMention], arguments: dict[int, set[str]],
                        days: dict[str, date], names: dict[SentenceKey, list[tuple[str, int, int]]],
                        ) -> list[tuple[DateMention, DateMention]]:
    """Pairs of reports whose openings each give one day by its date, other days, of one named thing, on one side
    of the reports' own day ("The launch of Selka-2 is set for Sept. 14", "Selka-2 will lift off on Sept. 21"; "The
    ban takes effect Jan. 1", "The ban comes into force on March 1"): the inverted pyramid puts the story's own day
    in its opening, whatever word names the event. (Not a day named from the report's own, `_said_on_the_day`, nor
    the saying of something, whose mentions `arguments` does not hold.)"""
    ranks, _ = body_ranks(story)
    opening: dict[str, list[DateMention]] = defaultdict(list)
    for mention in mentions:
        # (a day written by its date, "Sept. 25", not counted, "11 days last month"; and not the report's own day:
        # a dateline, "NOVEMBER 21 —", is when it was filed)
        own = days.get(mention.evidence.document)
        if (id(mention) in arguments and mention.precision == "day" and mention.date is not None
                and ABSOLUTE.search(mention.text) and (own is None or str(mention.date) != own.isoformat())
                and mention.sentence.role == BODY and ranks.get(mention.sentence.key, OPENING) < OPENING
                and not _said_on_the_day(mention)):
            opening[mention.evidence.document].append(mention)
    # the names the event's words give, else its sentence's: "his bribery trial, which will now open on June 16"
    # names no one, but its sentence names Lisle
    named = {id(m): arguments[id(m)] or {name for name, _, _ in names.get(m.sentence.key, ())}
             for found in opening.values() for m in found}
    one_day = {document: found[0] for document, found in opening.items()
               if len({m.date for m in found}) == 1 and named[id(found[0])]}
    pairs = []
    reports = sorted(one_day)
    for n, first in enumerate(reports):
        for second in reports[n + 1:]:
            a, b = one_day[first], one_day[second]
            if _agree(a, b) or not named[id(a)] & named[id(b)]:
                continue
            day_a, day_b = days.get(first), days.get(second)
            if day_a is None or day_b is None or (str(a.date) > day_a.isoformat()) != (str(b.date) > day_b.isoformat()):
                continue  # (a day still to come and a day gone by are two events; both dates are known, `opening`)
            pairs.append((a, b))
    return pairs


# The noun a reader names an event by, for the verbs whose lemma reads as another word: "date of bear" was
# the label of "born in 1950" against "born in 1952".
_EVENT_NOUNS = {"bear": "birth", "die": "death", "build": "construction", "open": "opening", "found": "founding",
                "marry": "marriage", "elect": "election", "convict": "conviction", "sentence": "sentencing",
                "kill": "killing", "sign": "signing", "resign": "resignation", "retire": "retirement",
                "appoint": "appointment", "arrive": "arrival", "depart": "departure", "leave": "departure",
                "begin": "start", "complete": "completion", "discover": "discovery", "find": "finding",
                "announce": "announcement", "close": "closing", "launch": "launch", "release": "release",
                "inaugurate": "inauguration", "establish": "founding", "graduate": "graduation", "meet": "meeting"}


# Events that befall a thing once: two years for one thing's birth, death, building or founding, for one couple's
# wedding or one illness found cannot both be true, however far apart ("built in 1962", "built in 1964"); another
# event may come back ("elected in 2018" and "in 2020" are two elections).
_ONCE = {"bear", "die", "build", "construct", "found", "establish", "inaugurate", "marry", "wed", "diagnose"}


def _one_day(days: dict[str, date], a: DateMention, b: DateMention) -> bool:
    """Whether the two mentions' reports were published on one known day (`days`: numbers.publication_days)."""
    first, second = days.get(a.evidence.document), days.get(b.evidence.document)
    return first is not None and first == second


def _once(mention: DateMention) -> bool:
    """Whether the mention dates an event that befalls a thing once (its word's lemma: "died" is a death, though its
    key, shared with "killed", is not)."""
    return mention.event_key in _ONCE or mention.event_lemma.lower() in _ONCE


def _things(event_words: list, doers: bool = True) -> set[str]:
    """The nouns an event word is about: what was built or who was born ("The dam was built", "the dam, built
    in 1964", "who was born": the one the clause is said of). Without `doers`, not who did it to something: "The
    pair released a debut album in 1993" and "The pair released their first demo in 1992" are two releases, but
    "The trial began" is the trial's."""
    found = set()
    for word in event_words:
        if word.dep_ in ("acl", "relcl") and word.head.pos_ in ("NOUN", "PROPN"):
            found.add(word.head.lemma_.lower())
            if word.head.dep_ == "appos" and word.head.head.pos_ in ("NOUN", "PROPN"):
                # and what that noun stands beside: "Hallam & Pryce, the bakery chain founded in 1987" and "Hallam &
                # Pryce, a bakery business established in 1978" are one firm's founding, whatever noun each uses
                found.add(word.head.head.lemma_.lower())
        done_to = any(c.dep_ == "dobj" for c in word.children)
        for child in word.children:
            undergoer = child.dep_ in ("nsubjpass", "dobj") or (child.dep_ == "nsubj" and (doers or not done_to))
            if undergoer and child.pos_ in ("NOUN", "PROPN"):
                found.add(child.lemma_.lower())
    return found


def _event_name(mention: DateMention) -> str:
    """The event as a label names it: its noun ("birth" for "born"), else its key ("arrest" for "arrested")."""
    key = mention.event_key
    # (the lemma first: "died" is a death, though its key, shared with "killed", would say "killing")
    return _EVENT_NOUNS.get(mention.event_lemma.lower()) or _EVENT_NOUNS.get(key) or key


def _fact_groups(story: Story, mentions: list[DateMention]) -> dict[int, dict[int, Claim]]:
    """id(mention) -> {fact group id: its claim} for each claim dated by the mention alone. A claim holding
    several dates (a list of albums and their years) does not say which of them its partner's date is, and
    a date inside another verb's phrase ("the men accused of conspiring to bomb the embassies in August had
    met ...") dates that verb, not the claim."""
    by_document: dict[str, list[DateMention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.evidence.start):
        by_document[mention.evidence.document].append(mention)
    starts = {document: [m.evidence.start for m in found] for document, found in by_document.items()}
    held: dict[int, dict[int, Claim]] = defaultdict(dict)
    for group in story.facts:
        for claim in group.claims:
            found = by_document.get(claim.document, [])
            inside: list[DateMention] = []
            # looked up by position, not scanned: a hostile page of thousands of dates and claims stays fast
            for start, end in claim.pieces or ((claim.start, claim.end),):
                for mention in found[bisect_left(starts.get(claim.document, []), start):]:
                    if mention.evidence.start >= end or len(inside) > 1:
                        break
                    if mention.evidence.end <= end:
                        inside.append(mention)
            if len(inside) == 1 and _dates_the_predicate(story, claim, inside[0]):
                held[id(inside[0])][group.id] = claim
    return held


def _one_party(a: Claim, b: Claim) -> bool:
    return bool(a.subject) and a.subject == b.subject


def _dates_the_predicate(story: Story, claim: Claim, mention: DateMention) -> bool:
    """Whether the date hangs off the claim's predicate: up the parse from the date, the predicate comes
    before any other verb."""
    doc = story.workspace.parses.get(claim.document)
    if doc is None or not 0 <= claim.head_token < len(doc):
        return False
    span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while True:
        if token.i == claim.head_token:
            return True
        if (token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end) or token.head.i == token.i:
            return False
        token = token.head


# A day named from the report's own day ("Tuesday", "yesterday", "last night"): with a publication day it
# resolves to a date, but "said Tuesday" in a report of one week and "said Thursday" in one of the next are
# two occasions far more often than one event dated two ways.
# (the weekdays are the timeline's own pattern, WEEKDAY)
_FROM_THE_DAY = re.compile(
    r"^(?:(?:last|next|this|on|early|late)\s+)?(?:yesterday|today|tonight|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?$"
    r"|^(?:last|this)\s+(?:morning|afternoon|evening|night)$"
    # a month counted from the report's own day: "last month" in a report of Oct. 1 is September, and the
    # same event in a report of late September is "this month"; weeks apart, reports name it by two months
    r"|^(?:(?:early|earlier|late|later|mid)[\s-]+)?(?:last|this|next)\s+month$",
    re.IGNORECASE,
)


def _said_on_the_day(mention: DateMention) -> bool:
    text = mention.text.strip()
    return WEEKDAY.match(text) is not None or _FROM_THE_DAY.match(text) is not None


def _event_words(story: Story, mention: DateMention) -> list:
    """The tokens of a mention's sentence that are its event word, read off the parse."""
    doc = story.workspace.parses.get(mention.evidence.document)
    span = doc.char_span(mention.sentence.start, mention.sentence.end, alignment_mode="expand") if doc is not None else None
    return [t for t in span if t.lower_ == mention.event] if span is not None else []


def _central_events(story: Story, by_event: dict[str, list[DateMention]]) -> set[str]:
    """The event words that half the reports or more use (in any form: 'crash', 'crashed')."""
    texts = [document.text.lower() for document in story.documents]
    central = set()
    for event, mentions in by_event.items():
        if len({m.evidence.document for m in mentions}) < 2:
            continue
        word = re.compile(rf"\b{re.escape(event)}")
        if 2 * sum(1 for text in texts if word.search(text)) >= len(texts):
            central.add(event)
    return central


def _named_by_noun(event_words: list) -> bool:
    """Whether a mention's event word is a noun in its sentence ("the crash")."""
    return any(t.pos_ == "NOUN" for t in event_words)


def _close(a: DateMention, b: DateMention) -> bool:
    """Two dates of one precision a slip apart: up to three days, one month or one year."""
    when_a, when_b = _when(a), _when(b)
    if when_a is None or when_b is None or len(when_a) != len(when_b) or when_a.startswith("--") != when_b.startswith("--"):
        return False
    if when_a.startswith("--"):  # days of the year: any leap year will do for the distance ("--02-29")
        when_a, when_b = "2000" + when_a[1:], "2000" + when_b[1:]
    try:
        if len(when_a) == 10:
            return abs((date.fromisoformat(when_a) - date.fromisoformat(when_b)).days) <= 3
        if len(when_a) == 7:
            months_a, months_b = (int(w[:4]) * 12 + int(w[5:7]) for w in (when_a, when_b))
            return abs(months_a - months_b) <= 1
        return len(when_a) == 4 and abs(int(when_a) - int(when_b)) <= 1
    except ValueError:
        return False


class _AlsoGives:
    """Whether a report gives a date that agrees with `other` among some lists of mentions. Asked for every
    pair of a group, a scan of the lists made a page of a thousand dates of one event take minutes (the
    pairs times the mentions), so each list is read once per report, down to its distinct dates, and each
    answer is kept."""

    def __init__(self) -> None:
        self._dates: dict[tuple[int, str], list[DateMention]] = {}
        self._answers: dict[tuple, bool] = {}
        self._keys: dict[int, tuple] = {}  # id(mention) -> its `_date_key`, read once (it runs a pattern)

    def __call__(self, pools: tuple[list[DateMention], ...], document: str, other: DateMention) -> bool:
        if id(other) not in self._keys:
            self._keys[id(other)] = _date_key(other)
        return any(self._gives(pool, document, other, self._keys[id(other)]) for pool in pools)

    def _gives(self, pool: list[DateMention], document: str, other: DateMention, other_key: tuple) -> bool:
        key = (id(pool), document, other_key)
        if key not in self._answers:
            if (id(pool), document) not in self._dates:
                distinct = {_date_key(m): m for m in pool if m.evidence.document == document}
                self._dates[id(pool), document] = list(distinct.values())
            self._answers[key] = any(_agree(m, other) for m in self._dates[id(pool), document])
        return self._answers[key]


def _date_key(mention: DateMention) -> tuple:
    """All that `_agree` reads of a mention."""
    return mention.date, mention.precision, mention.day_of_year, _counted_back(mention), _years(mention)


def _years(mention: DateMention) -> tuple[int, int] | None:
    """The first and last year a resolved date covers: "1994-96" is 1994 to 1996, "2015-11-13" is 2015 to 2015.
    (The timeline resolves a span of years, `YEAR_RANGE`, to its first year.)"""
    if mention.date is None or not mention.date[:4].isdigit():
        return None
    first = int(mention.date[:4])
    text = mention.text.strip()
    if not YEAR_RANGE.match(text) or YEAR.findall(text)[0] != mention.date[:4]:
        return first, first
    tail = text[len(text.rstrip("0123456789")):]  # the last year as written: "96" or "1996"
    last = int(mention.date[: 4 - len(tail)] + tail)
    return (first, last) if last >= first else (first, first)


def _agree(a: DateMention, b: DateMention) -> bool:
    """Whether two dates can be one: one within the other ("2015-11", "2015-11-13"); where a report gives no
    year to anchor a date, the same day of the year ("June 11", "2019-06-11")."""
    when_a, when_b = _when(a), _when(b)
    if when_a is None or when_b is None:
        return True  # nothing to compare
    years_a, years_b = _years(a), _years(b)
    if years_a and years_b and (years_a[0] != years_a[1] or years_b[0] != years_b[1]):
        # "the 1994-96 war" holds the war's end "in 1996" (a range resolves to its first year)
        return years_a[0] <= years_b[1] and years_b[0] <= years_a[1]
    if a.date is not None and b.date is not None:
        if _counted_back(a) or _counted_back(b):  # "33 years ago" from 1998 holds 1966: the count rounds
            return a.date[:4].isdigit() and b.date[:4].isdigit() and abs(int(a.date[:4]) - int(b.date[:4])) <= 1
        return _compatible(a.date, b.date)
    # a day of the year ("--06-11") against another, or against a resolved date of any precision
    return _compatible(_month_day(when_a), _month_day(when_b))


_YEARS_AGO = re.compile(r"\byears?\s+(?:ago|earlier|before)\b", re.IGNORECASE)


def _counted_back(mention: DateMention) -> bool:
    """A year counted back from the report's day ("33 years ago", "two years earlier"): a year either way."""
    return mention.precision == "year" and bool(_YEARS_AGO.search(mention.text))


def _month_day(when: str) -> str:
    """'--06-11', '2019-06-11' -> '06-11'; '2019-06' -> '06'; '2019' -> '' (within any)."""
    return when[2:] if when.startswith("--") else when[5:]


def _compatible(a: str | None, b: str | None) -> bool:
    """One date within the other ("2015-11" and "2015-11-13"); an unresolved date is compatible with none."""
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))


def _when(mention: DateMention) -> str | None:
    """What a mention says of its date: the resolved ISO date (not a week); else, where no year or
    publication day anchors it, the day of the year ("--06-11" for "June 11"). A bare weekday is left out:
    "said Friday" and "said Tuesday" are most often two occasions, not one told two ways."""
    if mention.date is not None:
        return mention.date if mention.precision != "week" else None
    return mention.day_of_year


def _sentence_names(story: Story) -> dict[SentenceKey, list[tuple[str, int, int]]]:
    """Each sentence's key → (name, start, end) of each mention of a person, group or place in it."""
    names: dict[SentenceKey, list[tuple[str, int, int]]] = defaultdict(list)
    for entity in story.entities:
        if entity.type == "NORP":
            continue
        for mention in entity.mentions:
            if 0 <= mention.sentence < len(story.sentences):
                names[story.sentences[mention.sentence].key].append((entity.name, mention.start, mention.end))
    return names


# Clauses hung on the event word that tell of another event: "met ... in late September to try to
# persuade Afghanistan to deport bin Laden" names bin Laden, but not as one who met.
_OTHER_CLAUSES = {"advcl", "xcomp", "ccomp", "relcl", "acl", "conj", "parataxis"}


def _arguments(mention: DateMention, event_words: list, names: dict[SentenceKey, list[tuple[str, int, int]]]) -> set[str]:
    """The names the mention's sentence gives as part of its event: inside the event word's phrase, not in
    a clause of another event hung on it. (Without a parse of the event word, every name of the sentence.)"""
    named = names.get(mention.sentence.key, [])
    if not event_words:
        return {name for name, _, _ in named}
    spans = []
    phrase = []  # the event's own words, outside clauses of other events
    for word in event_words:
        spans.append((word.idx, word.idx + len(word)))
        for child in word.children:
            if child.dep_ not in _OTHER_CLAUSES:
                spans.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
                phrase += child.subtree
    # a name that only says whose someone is names another party: "Moro's brother was born in 1953" is the brother's
    # birth, not Moro's
    kin = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in phrase
           if t.dep_ == "poss" and t.head.pos_ == "NOUN" and t.head not in event_words]
    found = {name for name, start, end in named if any(a <= start and end <= b for a, b in spans)
             and not any(a <= start and end <= b for a, b in kin)}
    # a name the tagger missed or mistyped in one report or both ("authorities arrested Poole", Poole a PRODUCT): a
    # proper noun of the event's own words that is part of no name found (and no date: "on Monday" is one too)
    in_a_name = {i for _, start, end in named for i in range(start, end)}  # (looked up per word, not scanned)
    found |= {t.text for t in phrase if t.pos_ == "PROPN" and t.ent_type_ not in _FIGURES and t.is_alpha
              and t.idx not in in_a_name and not any(a <= t.idx < b for a, b in kin)}
    return found


_FIGURES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
