"""Number discrepancies: the same count about the same subject, given differently.

A count is compared only when the parse says what it counts and what
happened to it: "130 people were killed", "injured 352", "nine terrorists".
Its subject is the predicate class and the counted noun's class (people
killed, people injured, people arrested), or for a count with no predicate,
the noun itself ("terrorists"); an age is the age of a named person.
Precision comes first:

- a vague count ("hundreds", "dozens") is never a side: it is consistent
  with too much;
- "at least 17" is a range: it disagrees with 15, not with 19;
- a report that itself gives two different counts for one subject is
  probably counting two things (16 arrested in Italy, 232 held in France),
  so its counts are compared only with counts stated about the same thing:
  in a sentence of the same fact group, or one sharing three content words
  ("died", "checkpoint", "Homs"), and never when the two sentences name
  different places ("in Idlib" / "in Homs"); an age is the exception: one
  fully named person has one age;
- counts in sentences dated differently ("a year earlier", "last spring")
  are about different events; so is a count in a clause describing a named
  other event ("the Manchester bombing on May 22 that killed 22"), and "two
  other men" are more men, not a second figure for the same ones;
- a tally of what happened (killed, injured, arrested, evacuated) in two
  reports published on different days is two moments of a story that is
  still unfolding: 129 dead on Saturday and 151 on Sunday is an update, not a
  disagreement. Standing figures (an age, a size, the charges someone faces)
  and figures of a past year both claims name ("in 1966, ... 150,000 meteors
  an hour") are compared whatever the day.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache, partial
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

import newsweave.quantities as q
from newsweave.align import claim_similarity
from newsweave.annotate.features import entity_key, entity_lookup, number_value
from newsweave.annotate.tokens import doc_text
from newsweave.entities.mentions import PLACE_LABELS
from newsweave.load.published import publication_days as published_days
from newsweave.story import (
    BODY,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Sentence,
    Story,
    body_ranks,
)
from newsweave.timeline import YEAR
from newsweave.union_find import UnionFind

if TYPE_CHECKING:
    from spacy.tokens import Span

# What happened to the counted: lemma -> predicate class. Extend freely.
PREDICATES = {
    "kill": "killed", "killed": "killed", "dead": "killed", "die": "killed", "death": "killed", "slay": "killed",
    "murder": "killed", "fatality": "killed", "life": "killed", "toll": "killed", "perish": "killed",
    "injure": "injured", "injured": "injured", "wound": "injured", "wounded": "injured", "hurt": "injured",
    "injury": "injured", "hospitalize": "injured", "hospitalise": "injured",
    "arrest": "arrested", "arrested": "arrested", "detain": "arrested", "hold": "arrested", "held": "arrested",
    "apprehend": "arrested", "custody": "arrested", "charge": "charged", "charged": "charged",
    "evacuate": "evacuated", "evacuation": "evacuated", "rescue": "rescued", "missing": "missing",
    "destroy": "destroyed", "damage": "damaged",
}
# Counted nouns -> class. Counts of other nouns are not compared. Words for
# anyone are one class; narrower words ("children", "miners") are their own,
# so "eight people, including three children" compares eight with eight.
_ANYONE = ("people", "person", "individual", "civilian", "victim", "casualty")
_NARROWER = (
    "resident", "passenger", "child", "man", "woman", "student", "worker", "tourist", "soldier", "officer",
    "policeman", "protester", "migrant", "refugee", "adult", "pupil", "patient", "fan", "suspect", "member",
    "hostage", "crew", "miner", "firefighter", "pilot", "driver", "prisoner", "inmate", "journalist", "doctor",
    "nurse", "teenager", "boy", "girl", "baby", "infant", "employee", "villager", "pilgrim", "demonstrator",
    "protestor", "trooper", "marine", "sailor", "guard", "climber", "hiker", "swimmer", "survivor", "detainee",
)
NOUNS = {
    **dict.fromkeys(_ANYONE, "people"),
    **{noun: noun for noun in _NARROWER},
    **dict.fromkeys(
        ("terrorist", "attacker", "gunman", "jihadi", "jihadist", "militant", "bomber", "assailant", "shooter",
         "hijacker", "perpetrator"),
        "attackers",
    ),
    **dict.fromkeys(("home", "house", "household", "building", "residence", "apartment"), "homes"),
    **dict.fromkeys(("death", "fatality", "dead"), "deaths"),
    **dict.fromkeys(("injury",), "injuries"),
    **dict.fromkeys(("arrest",), "arrests"),
}
# A noun that is itself the event: "12 deaths", "3 arrests".
EVENT_NOUNS = {"deaths": ("killed", "people"), "injuries": ("injured", "people"), "arrests": ("arrested", "people")}
_BOUNDS = [
    (re.compile(r"(?:at\s+least|more\s+than|over|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than)\s+$", re.I), "min"),
    (re.compile(r"(?:up\s+to|fewer\s+than|less\s+than|under|nearly|almost|as\s+many\s+as|at\s+most|no\s+more\s+than)\s+$", re.I), "max"),
    (re.compile(r"(?:about|around|some|approximately|roughly|an\s+estimated|estimated|close\s+to|around)\s+$", re.I), "about"),
]
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ABOUT = 0.15  # "about 130" allows 15% either way


@dataclass
class Count:
    document: str
    subject: tuple[str, str]
    low: float
    high: float
    value: float
    written: str  # the number as written, with "at least" or "about"
    evidence: Evidence
    sentence: int
    dates: frozenset[str] = frozenset()  # the sentence's dates: "a year earlier" and "last spring" are two events
    who: str = ""  # for an age, the person's name as the sentence gives it
    places: frozenset[str] = frozenset()  # the sentence's places: "in Idlib" and "in Homs" are two counts
    words: frozenset[str] = frozenset()  # the sentence's content words, to tell what a count is about
    known_places: frozenset[str] = frozenset()  # every place the report names
    given: str = ""  # for an age, the person's first name when the report gives it (q.given_name)
    years: frozenset[int] = frozenset()  # the years the sentence names: an age holds in the year it is told of

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def normalized(self):
        if self.exact:
            return int(self.value) if self.value == int(self.value) else self.value
        # "about 1,400" is 1,190 to 1,610; rounding drops float noise (1609.9999999999998).
        return {
            "min": round(self.low, 2),
            "max": None if self.high == float("inf") else round(self.high, 2),
            "stated": int(self.value) if self.value == int(self.value) else self.value,
        }


def counts(story: Story) -> list[Count]:
    found = []
    names = {word for entity in story.entities if entity.type == "PERSON" for word in entity.name.split()}
    for document in story.documents:
        doc = story.workspace.parses.get(document.id)
        if doc is None:
            continue
        last_person = None  # who "he was 35" is about
        # (the report's text is the parse's: `Doc.text` and `Span.text` would join every token's text anew)
        entities_in, text = entity_lookup(doc), document.text  # once per report: it walks the whole document
        # Every place the report names (the whole Doc's entities, from the lookup's one reading of `Doc.ents`)
        places = frozenset(entity_key(text[e.start_char : e.end_char]) for e in entities_in(doc[:]) if e.label_ in PLACE_LABELS)
        # Only a token like a number can be a count: the others are never made Token objects.
        numeric = np.flatnonzero(doc.to_array("LIKE_NUM")).tolist()
        counted: tuple[int, str] | None = None  # (sentence index, noun class) of the last count of attackers
        for sentence in (s for s in story.sentences if s.document == document.id):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None or sentence.role != BODY:  # captions and slugs never feed disagreements
                continue
            # "Eleven terrorists ... Of those 11, nine are dead": a bare count goes on counting them
            context = counted[1] if counted and sentence.index - counted[0] <= 1 else None
            where = _Where(sentence, span, entities_in(span), text)
            for i in numeric[bisect_left(numeric, span.start) : bisect_left(numeric, span.end)]:
                token = doc[i]
                shared = [_count(token, where, last_person, context, person) for person in _sharing_an_age(token, names)]
                found_here = [c for c in shared if c is not None]
                if not found_here:
                    alone = _count(token, where, last_person, context)
                    found_here = [alone] if alone is not None else []
                for count in found_here:
                    count.known_places = places
                    found.append(count)
                    if count.subject[0] == "count" and NOUNS.get(count.subject[1]) == "attackers":
                        counted = (sentence.index, "attackers")
            people = [ent for ent in where.ents if ent.label_ == "PERSON"]
            if people:
                last_person = people[-1][-1]
    return found


@dataclass
class _Where:
    """The sentence a count is read in: its span and entities, and the report's text."""

    sentence: Sentence
    span: Span
    ents: list
    document_text: str


def _count(token, where: _Where, last_person, context: str | None = None, person=None) -> Count | None:
    sentence = where.sentence
    if not token.like_num:
        return None
    person = person or _age_of(token, last_person)
    if person is None and token.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
        return None
    if token.dep_ in ("compound", "quantmod") and token.head.like_num:
        return None  # part of a bigger number: counted at its head ("1.2 million")
    if token.lower_ in _SCALE or token.lower_ == "dozen":
        return None  # "a hundred", "a million": as vague as "hundreds"
    value = number_value(token.text)
    last = token
    if person is not None and token.head.lower_ == "year":
        parts = [c for c in token.head.children if c.like_num]
        if parts[0].i != token.i:
            return None  # "Twenty-eight-year-old": counted once, at "Twenty"
        values = [v for v in (number_value(c.text) for c in parts) if v is not None]
        value = sum(values) if len(values) == len(parts) else None
        last = parts[-1]
    if value is None or (value == 1 and token.is_alpha):
        return None
    for child in token.children:
        if child.lower_ in _SCALE and child.i == token.i + 1:
            value, last = value * _SCALE[child.lower_], child
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in _SCALE:
        value, last = value * _SCALE[token.doc[token.i + 1].lower_], token.doc[token.i + 1]
    subject = ("age", entity_key(person.text)) if person is not None else _subject(token, context)
    if subject is None:
        return None
    doc_text = where.document_text
    start, end = token.idx, last.idx + len(last.text)
    before = doc_text[max(sentence.start, start - 40) : start]
    if _range_goes_on(before, doc_text[end : min(sentence.end, end + 12)]):
        return None  # "35 to 40 firefighters": the range is read at its last figure
    low = high = value
    opened = _RANGE_FROM.search(before)
    opened_value = number_value((opened.group("n") or opened.group("n2")).replace(",", "")) if opened else None
    if opened is not None and opened_value is not None and opened_value < value and not _CHANGE_FROM.search(before[: opened.start()]):
        low, start = opened_value, start - len(before) + opened.start()  # "as many as 35 to 40": 35 to 40
        before = ""
    for pattern, kind in _BOUNDS:
        match = pattern.search(before)
        if match:
            start = start - len(before) + match.start()
            if kind == "min":
                high = float("inf")
            elif kind == "max":
                low = 0.0
            else:
                low, high = value * (1 - ABOUT), value * (1 + ABOUT)
            break
    noun = token.head if token.dep_ == "nummod" and person is None else None
    evidence_end = noun.idx + len(noun.text) if noun is not None and 0 < noun.i - last.i <= 3 else end
    # "20 people dead, including the three gunmen": the victims may be 17
    including = _INCLUDING.match(doc_text, evidence_end, sentence.end)
    included = number_value(including.group(1)) if including else None
    if included is not None:
        low = max(0.0, low - included)
    written = doc_text[start:end]
    span, ents = where.span, where.ents
    dates = frozenset(e.text.lower() for e in ents if e.label_ == "DATE" and not _AGE_LIKE.search(e.text))
    places = frozenset(entity_key(e.text) for e in ents if e.label_ in PLACE_LABELS)
    words = frozenset(
        t.lemma_.lower() for t in span
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and t.is_alpha and not t.is_stop and t.lemma_.lower() not in _REPORTING
    ) - set(subject[1].split()) - {subject[0]}
    evidence = Evidence(sentence.document, start, evidence_end)
    who = _full_name(person) if person is not None else ""
    given = q.given_name(person) if person is not None else ""
    years = frozenset(int(y) for e in ents if e.label_ == "DATE" for y in YEAR.findall(e.text))
    return Count(sentence.document, subject, low, high, value, written, evidence, sentence.index, dates, who, places, words,
                 given=given, years=years)


# A range: its first figure and the word joining it to the last ("35 to 40", "between 50 and 70"); not a
# change's two ends ("rose from 10 to 12").
_RANGE_FROM = re.compile(r"(?:(?:as\s+many\s+as|up\s+to|some|about|around)\s+)?(?<![\w.,-])(?P<n>\d[\d,]*)\s*(?:to|-|–)\s*$"
                         r"|\bbetween\s+(?P<n2>\d[\d,]*)\s+and\s+$", re.I)
_CHANGE_FROM = re.compile(r"\bfrom\s+$", re.I)


def _range_goes_on(before: str, after: str) -> bool:
    """Whether a figure opens a range that goes on after it: '35 to 40', 'between 50 and 70'."""
    if _CHANGE_FROM.search(before):
        return False
    return re.match(r"\s*(?:to|-|–)\s*\d", after) is not None or (
        re.match(r"\s+and\s+\d", after) is not None and re.search(r"\bbetween\s+$", before, re.I) is not None)

# Words of who says a count, not of what it counts.
_REPORTING = {"say", "tell", "report", "accord", "people", "person", "add", "state", "official", "police"}


def _full_name(token) -> str:
    ent = q.entity_around(token)
    return ent.text if ent is not None else token.text


# spaCy tags ages as dates ("14", "13-year-old"): they say nothing about when.
_AGE_LIKE = re.compile(r"^\d+$|year-old|years old|\baged?\b", re.I)
_INCLUDING = re.compile(
    r"[^.;]{0,30}?\bincluding\s+(?:the\s+)?(\w+)\s+(?:gunm[ae]n|attackers?|assailants?|suspects?|perpetrators?|bombers?|shooters?)",
    re.I,
)


def _sharing_an_age(token, names: set[str]) -> list:
    """'Liberty German and Abigail Williams, both 13': each person named before 'both'.

    The model may take a surname for a nationality ('German'), so a word of a
    person's name the story gives elsewhere counts as a name."""
    if token.dep_ != "appos" or not any(c.lower_ == "both" for c in token.children):
        return []
    head = token.head
    people = [t for t in [head, *head.children] if t.dep_ in ("appos", "conj") or t is head]
    return [t for t in people if t.pos_ == "PROPN" and (t.ent_type_ == "PERSON" or t.text in names)]


def _age_of(token, last_person):
    """The person whose age the number is, or None: 'Kroll, 34,', '29-year-old Geraldine Alcorn', 'He was 35.'"""
    if q.back_then(token):
        return None  # 'Bridges, then 29,', 'when Ruiz was four': an age at another time
    head = token.head
    if token.dep_ == "appos" and head.ent_type_ == "PERSON":
        return head
    if token.dep_ == "nummod" and head.lower_ == "year" and head.head.lower_ == "old":
        owner = head.head.head
        return owner if owner.ent_type_ == "PERSON" else None
    if token.dep_ == "npadvmod" and head.lower_ == "aged" and head.head.ent_type_ == "PERSON":
        return head.head
    if token.dep_ == "attr" and head.lemma_ == "be" and token.i == head.i + 1 and not list(token.children):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.ent_type_ == "PERSON":
            return subject
        # Only the obituary-style "He was 35." on its own: "the boy told her he was 18" is someone else.
        if subject is not None and subject.lower_ in ("he", "she") and last_person is not None and len(token.sent) <= 5:
            return last_person
    return None


def _subject(token, context: str | None = None) -> tuple[str, str] | None:
    noun = token.head if token.dep_ == "nummod" else None
    if noun is None and token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.head.dep_ == "conj":
        # "killed 130 people and injured 352": the second count counts the first's noun
        noun = _counted_noun(token.head.head)
    if noun is not None and noun.lemma_.lower() in q.CHARGE_NOUNS:
        # "five counts of criminal mischief" / "six counts of criminal mischief"
        charge = q.charged_with(noun)
        return ("charges", charge.lemma_.lower()) if charge is not None else None
    size = _size_of(token, noun) or _street_block(noun)
    if size is not None:
        return size
    if noun is None:
        if context and token.dep_ in ("nsubj", "nsubjpass") and not any(c.lower_ in q.MORE_OF_THEM - {"other"} for c in token.children):
            predicate = _predicate(token)  # "the other seven were killed", "nine are dead"
            return (predicate, context) if predicate else None
        return None
    noun_class = NOUNS.get(noun.lemma_.lower()) or NOUNS.get(noun.lower_)
    if noun_class is None or _part_or_background(token, noun):
        return None
    if noun_class in EVENT_NOUNS:
        return EVENT_NOUNS[noun_class]
    predicate = _predicate(noun if token.dep_ == "nummod" else token)
    if predicate:
        return (predicate, noun_class)
    if noun_class == "attackers":
        return ("count", noun.lemma_.lower())
    # "150 Chinese passengers" vs "153 Chinese passengers": the same kind of people, named alike
    kind = [c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and not c.like_num]
    if kind and token.dep_ == "nummod":
        return ("count", " ".join([*kind, noun.lemma_.lower()]))
    return None


# Units one thing is counted in: "a 30-car pileup" and "a 25-vehicle pileup" count the same.
_UNITS = {"car": "vehicle", "vehicle": "vehicle", "truck": "vehicle", "automobile": "vehicle", "story": "story",
          "storey": "story", "floor": "story", "bed": "bed", "room": "room", "seat": "seat", "member": "member"}


def _size_of(token, noun) -> tuple[str, str] | None:
    """'a 30-car pileup', 'a 12-story building': the size of the thing the hyphenated count describes."""
    if noun is None or noun.dep_ not in ("compound", "amod", "nmod") or noun.head.pos_ != "NOUN":
        return None
    unit = _UNITS.get(noun.lemma_.lower())
    if unit is None or doc_text(token.doc)[token.idx + len(token.text) : noun.idx] != "-":
        return None
    return ("size", f"{unit} {noun.head.lemma_.lower()}")


def _street_block(noun) -> tuple[str, str] | None:
    """'the 3300 block of West Florence Avenue': where on a street something happened."""
    if noun is None or noun.lemma_.lower() != "block":
        return None
    street = next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
    if street is None or street.pos_ != "PROPN":
        return None
    return ("block", " ".join(t.text for t in street.subtree if t.i <= street.i))


_NAMED = {"GPE", "NORP", "FAC", "EVENT", "DATE", "LOC", "ORG"}


def _part_or_background(token, noun) -> bool:
    """'two other men' is part of a count; 'the Manchester bombing on May 22 that killed 22' another event."""
    if any(q.adds_to_them(c, token) for c in list(noun.children) + list(token.children)):
        return True
    for ancestor in token.ancestors:
        if ancestor.dep_ in ("relcl", "acl"):
            described = ancestor.head
            return described.ent_type_ in _NAMED or any(
                c.ent_type_ in _NAMED for c in described.children if c.i != ancestor.i for c in c.subtree
            )
    return False


def _counted_noun(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and any(c.dep_ == "nummod" for c in child.children):
            return child
    return None


def _predicate(token) -> str | None:
    """What happened to the counted: the verb or adjective nearest above it, or hanging off it."""
    for child in token.children:
        found = _predicate_word(child)
        if found and child.dep_ in ("acl", "amod", "relcl", "oprd", "acomp"):
            return found
    node = token
    for step in range(3):
        head = node.head
        if head.i == node.i:
            break
        found = _predicate_word(head)
        if found:
            return found
        # "nine are dead": the complement of the counted's own verb, not of a clause it is joined to
        for sibling in head.children if step == 0 else ():
            if sibling.i != node.i and sibling.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and _predicate_word(sibling):
                return _predicate_word(sibling)
            if sibling.dep_ == "prep":  # "13 people are in custody"
                found = next((_predicate_word(c) for c in sibling.children if c.dep_ == "pobj" and _predicate_word(c)), None)
                if found:
                    return found
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("conj", "xcomp", "auxpass", "aux", "prep"):
            break
        node = head
    return None


def _predicate_word(token) -> str | None:
    found = PREDICATES.get(token.lemma_.lower()) or PREDICATES.get(token.lower_)
    if found is None and token.lemma_.lower() in _LEAVE_HOME and _from_home(token):
        return "evacuated"  # "ordered out of their homes", "fled their homes": an evacuation in other words
    return found


# Verbs that, with "home(s)" after them, say people were evacuated.
_LEAVE_HOME = {"order", "flee", "force", "leave", "displace", "move", "chase", "drive"}


def _from_home(verb) -> bool:
    return any(t.lemma_.lower() in ("home", "house") for t in verb.subtree if t.i > verb.i and t.i - verb.i <= 5)


def figure_discrepancies(story: Story) -> list[Discrepancy]:
    """Counts and measured quantities that disagree, each kind found once (`merge_discrepancies`);
    both readers weigh the same claims' likeness, worked out once."""
    likeness = _Likeness(story)
    return merge_discrepancies(number_discrepancies(story, likeness), quantity_discrepancies(story, likeness))


def publication_days(story: Story) -> dict[str, date]:
    """The day each report was published, for the reports that give one, as dates (load.published's reader)."""
    return {document: day.date() for document, day in published_days(story.documents).items()}


def _other_days(days: dict[str, date], first: str, second: str) -> bool:
    """Whether two reports were published on different days (False when either day is unknown)."""
    return first in days and second in days and days[first] != days[second]


def _same_past_year(a, b, days: dict[str, date]) -> bool:
    """Two claims set in one year before either report was published ("In 1966, the display peaked at
    150,000 meteors an hour"): a figure of a past year does not move on between the reports' days."""
    years_a = {int(y) for d in a.dates for y in YEAR.findall(d)}
    years_b = {int(y) for d in b.dates for y in YEAR.findall(d)}
    first = min(days[a.document].year, days[b.document].year)
    return any(year < first for year in years_a & years_b)


# Tallies that only grow as a story unfolds: a later report's lower toll is not the story moving on but
# a report saying otherwise (a correction, or another count), which a reader should see beside the first.
_TOLLS = {"killed", "injured"}  # (Count subjects)
_TOLL_CLASSES = {"kill", "injure"}  # (quantities' predicate classes)


def _fell(a, b, days: dict[str, date]) -> bool:
    """Whether the later of two reports' figures (Counts or Quantities, of reports published on different
    days) lies wholly below the earlier: "more than 250 killed" on Nov. 4, "224 killed" on Nov. 5."""
    earlier, later = (a, b) if days[a.document] < days[b.document] else (b, a)
    return later.high < earlier.low


def _standing(quantity) -> bool:
    """A figure that holds from one day to the next: a person's age, a distance between places, a size, a place's
    population.
    Any other (a toll, a sum, a share, a wind's speed, a time, a countdown) given by reports of two days
    is each report's figure of its day, as a count of what happened is (`number_discrepancies`): a story
    in progress moves on (the audit's typhoon, 120 kph one day and 130 kph the next)."""
    return quantity.kind in (q.AGE, q.LENGTH) or quantity.role in ("size", q.POPULATION)


def number_discrepancies(story: Story, likeness: _Likeness | None = None) -> list[Discrepancy]:
    days = publication_days(story)
    by_subject: dict[tuple[str, str], dict[str, list[Count]]] = {}
    for count in counts(story):
        by_subject.setdefault(count.subject, {}).setdefault(count.document, []).append(count)
    # each sentence's fact groups: one per claim it holds (a map to one group kept only the last built)
    fact_of: dict[tuple[str, int], set[int]] = {}
    for group in story.facts:
        for s in group.sentences:
            fact_of.setdefault((s.document, s.index), set()).add(group.id)
    claim_of = _claim_holding(story)
    likeness = likeness or _Likeness(story)
    order = {d.id: n for n, d in enumerate(story.documents)}
    found = []
    for subject, by_document in by_subject.items():
        if len(by_document) < 2:
            continue
        one_each = all(_consistent(c) for c in by_document.values())
        if one_each:
            # one count per report: still not two things ("two injured" at the dam, "352 injured" in a crash in March)
            clashing = [(a, b) for a, b in _clashing(list(by_document.values())) if _not_two_things(a, b, fact_of, claim_of, likeness)]
            shown = [count for document_counts in by_document.values() for count in document_counts]
        else:  # a report counting several things: only counts of the same thing are compared,
            # and not when each report also gives the other's figure (8 hurt, and 7 found at first)
            # (asked once per count and report: asked per pair, a sentence of 300 counts cost 12 million checks)
            also_given = _once_each(
                lambda count, document, by_document=by_document: any(_compatible(count, c) for c in by_document[document])
            )
            clashing = [
                (a, b) for a, b in _clashing(list(by_document.values()))
                if _same_occasion(a, b, fact_of) and not also_given(a, b.document) and not also_given(b, a.document)
            ]
            shown = list({id(c): c for pair in clashing for c in pair}.values())
        if subject[0] not in _STANDING and days:
            # (a fall is read only where each report gives one toll: "71 died on the island and 41 in the
            # province" against "129 deaths so far" is parts against the whole)
            updates = [(a, b) for a, b in clashing if _other_days(days, a.document, b.document)
                       and not (subject[0] in _TOLLS and one_each and _fell(a, b, days))]
            if updates:  # a tally on two days: each report's figure stands for its own day
                clashing = [pair for pair in clashing if pair not in updates]
                shown = list({id(c): c for pair in clashing for c in pair}.values())
        if not clashing:
            continue
        sides: dict[tuple[float, float], list[Count]] = {}
        for count in shown:
            sides.setdefault((count.low, count.high), []).append(count)
        # (as in quantity_discrepancies: every report giving a side's very figure, and no other, stands on it)
        for document_counts in by_document.values():
            if _consistent(document_counts):
                for count in document_counts:
                    side = sides.get((count.low, count.high))
                    if side is not None and all(count is not c for c in side):
                        side.append(count)
        values = []
        for key in sorted(sides):
            shown_as = min(sides[key], key=_written_in_digits)
            evidence = _in_report_order(dict.fromkeys(c.evidence for c in sides[key]), order)
            values.append(DiscrepancyValue(shown_as.written, shown_as.normalized, evidence))
        same_fact = any(_one_fact(a, b, fact_of) for a, b in clashing)
        found.append(Discrepancy("number", describe(subject), values, confidence=0.9 if same_fact else 0.75))
    return found


def _written_in_digits(figure) -> bool:
    """Sorts a figure written in digits first: one side of a disagreement is one value, however each report
    writes it ("28" [3] and "Twenty-eight" [2] against "29" [1] are two sides, not three), shown as digits."""
    return not any(character.isdigit() for character in figure.written)


def _claim_holding(story: Story):
    """count -> the claim whose words hold its figure (None when no claim does)."""
    by_sentence: dict[tuple[str, int], list] = {}
    for claim in story.claims:
        by_sentence.setdefault((claim.document, claim.sentence.index), []).append(claim)

    def find(count: Count):
        at = count.evidence.start
        claims = by_sentence.get((count.document, count.sentence), [])
        return next((c for c in claims if any(s <= at < e for s, e in c.pieces)), None) or next(
            (c for c in claims if c.start <= at < c.end), None)

    return find


def _not_two_things(a: Count, b: Count, fact_of: dict, claim_of, likeness) -> bool:
    """Counts of one subject, one each in two reports, are compared unless nothing says they are about
    the same thing: their sentences are not one fact, and their claims share no subject, few words and
    are unlikely one fact."""
    if a.subject[0] in _STANDING:
        return True  # one person's age, the nine attackers: not tied to one occasion
    first, second = claim_of(a), claim_of(b)
    if first is not None and second is not None and (
            _gives_as_a_part(first.sentence.text, b.value) or _gives_as_a_part(second.sentence.text, a.value)
            or _in_two_settlements(first, second)):
        return False  # one report's count is a part the other's sentence gives of its own ("three of them"), or of
        # another town's
    if _one_fact(a, b, fact_of):
        return True
    if first is None or second is None or _about_same(first, second):
        return True
    return likeness(first, second) >= SAME_FACT


# Subjects that stand from one occasion to the next: an age, a set of people counted ("nine terrorists"),
# a size, a street block, the charges one person faces. Counts of what happened (killed, injured) belong to one.
_STANDING = {"age", "count", "size", "block", "charges"}


class _Likeness:
    """align.claim_similarity over the story's claims with figures (not in captions or slugs),
    computed when first asked."""

    def __init__(self, story: Story):
        self.claims = [c for c in story.claims if c.quantities and c.sentence.role == BODY]  # not captions or slugs
        self.index = {id(c): i for i, c in enumerate(self.claims)}

    @cached_property
    def matrix(self) -> Any:
        return claim_similarity(self.claims)

    def __call__(self, a, b) -> float:
        i, j = self.index.get(id(a)), self.index.get(id(b))
        return 0.0 if i is None or j is None else float(self.matrix[i, j])


def _same_occasion(a: Count, b: Count, fact_of: dict) -> bool:
    """Two counts stated about the same thing: their sentences are one fact, or share three
    content words; and they do not name different places ('in Idlib' / 'in Homs')."""
    if a.places and b.places and a.places.isdisjoint(b.places) and a.places | b.places <= a.known_places & b.known_places:
        return False  # places both reports name are two places; one only one report names may be the same
    return _one_fact(a, b, fact_of) or len(a.words & b.words) >= 3


def _one_fact(a: Count, b: Count, fact_of: dict[tuple[str, int], set[int]]) -> bool:
    """Whether the two counts' sentences share a fact group."""
    return bool(fact_of.get((a.document, a.sentence), set()) & fact_of.get((b.document, b.sentence), set()))


def _compatible(a: Count, b: Count) -> bool:
    if not (a.low <= b.high and b.low <= a.high):
        return False
    # "some 1,200" and "about 1,400": each report's round figure is its claim, so
    # two round figures agree only when each lies within the other's margin.
    if _rounded(a) and _rounded(b):
        return a.low <= b.value <= a.high and b.low <= a.value <= b.high
    return True


def _rounded(count: Count) -> bool:
    return count.low < count.value < count.high


def _other_times(a: Count, b: Count) -> bool:
    """Counts told of different times: their sentences name no date in common. An age is told of the
    year its sentence names, if any ("Felt, 92, told CNN in 2006" and "He was 95" when he died): two
    ages told of different years, or one of a named year and one of none, are not one age."""
    if a.subject[0] == "age":
        return a.years != b.years
    return bool(a.dates and b.dates and a.dates.isdisjoint(b.dates))


def _consistent(document_counts: list[Count]) -> bool:
    """One report's counts of one subject agree, or are ages it gives one fully named person."""
    if all(_compatible(a, b) for a in document_counts for b in document_counts):
        return True
    names = {c.who for c in document_counts}
    return document_counts[0].subject[0] == "age" and len(names) == 1 and " " in next(iter(names))


def _clashing(per_document: list[list[Count]]) -> list[tuple[Count, Count]]:
    pairs = []
    for i, first in enumerate(per_document):
        for second in per_document[i + 1 :]:
            pairs += [(a, b) for a in first for b in second
                      if not _compatible(a, b) and not _other_times(a, b) and q.same_person(a.given, b.given)
                      and not _far_apart(a.value, b.value)]
    return pairs


# Two reports' figures for one thing lie within this factor of each other (the largest of the gold sets'
# number disagreements: 3.2); figures further apart are two things one measure's words fit, a part and
# its whole, or two events ("6 of the points" and "44 points"; two injured at a dam, 352 in an attack).
FAR_APART = 4.0


def _far_apart(a: float, b: float) -> bool:
    small, large = sorted((abs(a), abs(b)))
    return small > 0 and large > FAR_APART * small


def describe(subject: tuple[str, str]) -> str:
    predicate, noun = subject
    if predicate == "age":
        return f"age of {noun.title()}"
    if predicate == "charges":
        return f"counts of {noun} charged"
    if predicate == "count":
        return f"number of {q.plural(noun)}"
    if predicate == "block":
        return f"block of {noun}"
    if predicate == "size":
        unit, thing = noun.split(" ", 1)
        return f"{q.plural(unit)} in the {thing}"
    return f"number of {q.plural(noun)} {predicate}"


# --- every other kind of quantity, compared claim by claim (quantities.py, claims.py) ---
#
# Counts of people keep the rules above. Money, percentages, ages of someone
# the report names earlier ("the 9-year-old"), times of day, durations,
# distances and counts the rules above do not reach ("killed 8" against "at
# least 11 people", "up to 25 trucks") are compared here: two quantities are
# about the same thing when they measure the same kind in the same unit, the
# parse gives them the same measure (the counted noun's class, the
# predicate's class, whose age, which two places a distance lies between),
# and the claims holding them are about the same subject: the same subject
# entity, or enough shared words. Claims naming different places or dates are
# about different occasions.

SAME_FACT = 0.5  # claims the aligner finds this likely one fact are about the same thing
CONTEXT_MIN = 0.4  # Dice overlap of two claims' words (with their sentences') for "about the same thing"


def _words(claim) -> set[str]:
    return set(claim.terms) | {f"@{e}" for e in claim.entities}


def _other_occasions(a, b) -> bool:
    """Two claims set in different places or on different dates: "in Pell Harbour" and "in Varna",
    "a year earlier" and "last spring". However alike their words, their figures are about two things."""
    places_a, places_b = set(a.places), set(b.places)
    if (places_a and places_b and places_a.isdisjoint(places_b)) or _in_two_settlements(a, b):
        return True
    periods_a, periods_b = _periods(a.dates), _periods(b.dates)
    if periods_a.isdisjoint(periods_b) and {unit for unit, _ in periods_a} & {unit for unit, _ in periods_b}:
        return True  # "18 goals this season", "11 goals in the whole of last season"
    dates_a, dates_b = _date_words(a.dates), _date_words(b.dates)
    return bool(dates_a and dates_b and dates_a.isdisjoint(dates_b))


def _date_words(dates) -> set[str]:
    """The words that tell a claim's dates from another's: not a part of the day or a unit of time; a weekend holds
    its two days ("a weekend wedding", "the reception on Saturday")."""
    written = (_quarters_named(_without_clock_times(d)).lower() for d in dates)
    words = {w for d in written for w in d.split()} - _PART_OF_A_DAY - _UNITS_OF_TIME - {"a", "an"}
    return words | {"saturday", "sunday"} if "weekend" in words else words


@lru_cache(maxsize=4096)
def _without_clock_times(written: str) -> str:
    """A date as written without the time of day it gives and the words that place that time: a time is a figure
    compared, not an occasion ("just before 3am local time" and "at around 5 a.m." tell one night two ways), while
    "on Monday" in "at 3am on Monday" still tells a day. (Read once per date as written: `_other_occasions` asks for
    every pair of claims compared.)"""
    times = q.clock_times(written)
    if not times:
        return written
    for start, end, _ in reversed(times):
        written = f"{written[:start]} {written[end:]}"
    return " ".join(w for w in written.split() if w.lower() not in _AROUND_A_TIME)


_AROUND_A_TIME = {"about", "around", "approximately", "roughly", "some", "nearly", "almost", "just", "shortly", "before",
                  "after", "by", "at", "until", "till", "local", "time"}


def _quarters_named(written: str) -> str:
    """A quarter written as one word, however a report names it: "third-quarter", "the July-September quarter",
    "Q3" are each "q3" (else two names of one quarter shared no word, and read as two occasions)."""
    written = _QUARTER_BY_ORDINAL.sub(lambda m: f"q{m.group(2) or _ORDINAL_QUARTERS[m.group(1).lower()]}", written)
    return _QUARTER_BY_MONTHS.sub(lambda m: f"q{_MONTHS_OF_QUARTERS.index(m.group(1).lower()[:3]) + 1}", written)


_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QUARTER_BY_ORDINAL = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b|\bQ([1-4])\b", re.IGNORECASE)
_MONTHS_OF_QUARTERS = ["jan", "apr", "jul", "oct"]
# ("the July-September quarter", "between July and September", "from July to September")
_QUARTER_BY_MONTHS = re.compile(r"\b(?:between\s+|from\s+)?(jan|apr|jul|oct)[a-z]*\.?\s*(?:[-–]|and|to|through)\s*"
                                r"(?:mar|jun|sep|dec)[a-z]*\.?(?:\s+quarter\b)?", re.IGNORECASE)


def _in_two_settlements(a, b) -> bool:
    """Two claims set in two towns the words name as such, neither naming the other's: "killing at least 11 people
    in the town of Sorrendal", "Six people were killed in the village of Eskerholm" (the small model tags many a
    rare town as a person; a town is a place nothing else holds, where a country or an island may hold the other's)."""
    towns_a, towns_b = _settlements(a.text), _settlements(b.text)
    return bool(towns_a and towns_b and towns_a.isdisjoint(towns_b)
                and not any(town in b.text for town in towns_a) and not any(town in a.text for town in towns_b))


@lru_cache(maxsize=4096)
def _settlements(text: str) -> frozenset[str]:
    return frozenset(_IN_A_SETTLEMENT.findall(text))


_IN_A_SETTLEMENT = re.compile(r"\b[Ii]n\s+the\s+(?:[a-z]+\s+)?(?:town|village|hamlet|township)\s+of\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")


def _periods(dates: Iterable[str]) -> set[tuple[str, int]]:
    """The periods counted from the report's own ("this season", "last year", "next quarter"): (unit, how many back
    or on). "This" and a unit tell no time by their words alone, so "this season" and "last season" looked alike."""
    found = set()
    for written in dates:
        for which, unit in _PERIOD.findall(written):
            found.add((unit.lower().rstrip("s"), _PERIOD_OFFSETS[which.lower()]))
    return found


_PERIOD_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}
_PERIOD = re.compile(r"\b(this|current|last|previous|next|coming)\s+(season|year|quarter|month|week|term|decade|campaign)s?\b",
                     re.IGNORECASE)


# Words of a time that tell no day apart: "in afternoon trading" may be Monday's.
_PART_OF_A_DAY = {"morning", "afternoon", "evening", "night", "overnight", "noon", "midday", "midnight", "dawn", "dusk",
                  "early", "late", "the", "this", "that"}
# Units a time is counted in, which tell no time apart by themselves: "last year" and "next year" share only "year".
_UNITS_OF_TIME = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
                  "quarter", "quarters", "quarterly"}  # (a quarter named, "Q3", is told apart: `_quarters_named`)


def _about_same(a, b) -> bool:
    """Two claims about the same thing: one subject, or words in common; not different places or dates."""
    if _other_occasions(a, b) or _named_apart(a, b):
        return False
    subject = a.subject
    if (subject and subject == b.subject and not subject.isdigit() and subject not in _VAGUE_SUBJECTS
            and subject not in _ANYONE_CLASSES
            and all(subject != x.noun for x in (*a.quantities, *b.quantities) if x.kind not in _SUBJECT_IS_THE_THING)):
        # (the counted noun as subject, "50 people were killed", says nothing of which occasion; a measured one
        # is the thing itself: "Winds reached 90 mph")
        return True
    words_a, words_b = _words(a), _words(b)
    context_a, context_b = words_a | set(a.sentence.terms), words_b | set(b.sentence.terms)
    dice = 2 * len(context_a & context_b) / max(1, len(context_a) + len(context_b))
    return dice >= CONTEXT_MIN


# Kinds whose measured noun, as both claims' subject, is one thing: "Winds reached 90 mph", "winds of 80 mph". Not a
# duration: "the seven-year offers" and "an eight-year offer" are two teams' offers.
_SUBJECT_IS_THE_THING = frozenset(q.MEASURED_BY_SUBJECT) - {q.DURATION}


def _named_apart(a, b) -> bool:
    """Two claims whose subjects are two things the reports name, neither named in the other claim:
    "Qin was imprisoned for eight years" and "Liu was imprisoned for 17 years" are about two men."""
    return bool(
        a.subject and b.subject and a.subject != b.subject
        and a.subject in a.entities and b.subject in b.entities
        and a.subject not in b.entities and b.subject not in a.entities
    )


# The counted nouns' classes of the words for anyone ("people", "victims").
_ANYONE_CLASSES = frozenset(q.noun_class(w) for w in _ANYONE)

# Subjects that say nothing about which thing: "they said", "it was".
_VAGUE_SUBJECTS = {"they", "it", "he", "she", "we", "i", "you", "this", "that", "there", "one", "official", "police"}


def comparable_pairs(a, b, likeness: float = 0.0, given_once: Callable[[tuple | None], bool] | None = None,
                     openings: Callable[[], bool] | None = None, named: Callable[[Any], bool] | None = None):
    """Pairs of quantities of two claims that measure the same thing. `likeness` is how likely
    the aligner finds the two claims state one fact, figures aside (align.claim_similarity); `given_once(key)`,
    whether each of the two claims' reports gives one figure of the measure `key`, however often; `openings()`,
    whether both claims are in their reports' openings (`OPENING`); `named(claim)`, whether a claim's subject is a
    name (`_subject_named`)."""
    def told_once(x) -> bool:
        """Whether each report gives one figure of x's measure and both claims are in their openings: the story's
        own figure, in each report's words."""
        return given_once is not None and openings is not None and given_once(figure_key(x)) and openings()

    def the_openings_unit(x, y) -> bool:
        """Whether x and y are the one figure in a unit each report's opening gives, of one thing (`_one_unit_measure`)."""
        # (what both figures measure, named alike, is one thing, whatever each clause's subject: "Unemployment rose
        # to 6.4%", "The jobless rate climbed to 4.6 per cent")
        one_thing = bool(q.measured_noun(x)) and q.measured_noun(x) == q.measured_noun(y)
        return _one_unit_measure(x, y) and (one_thing or not _said_of_two_things(a, b, named)) and told_once(x)

    pairs = [(x, y) for x in a.quantities for y in b.quantities if q.same_measure(x, y, likeness >= SAME_FACT)
             or the_openings_unit(x, y)]
    if not pairs:
        return []
    if all(x.kind == q.AGE or x.role == q.POPULATION or (x.kind == q.LENGTH and len(x.places & y.places) >= 2)
           for x, y in pairs):
        # one named person has one age, one named place one population; two named places lie one distance apart,
        # on any day
        return pairs
    if _other_occasions(a, b) or _named_apart(a, b):
        return []  # however alike the claims' words
    # a clock time dates one event: two claims told in like words are still two moments of a day ("entered the
    # party around 4:00 p.m.", "gave himself up just after 6 p.m.") unless the same thing happened at both
    pairs = [(x, y) for x, y in pairs if x.kind != q.TIME or q.predicate_class(x.predicate) == q.predicate_class(y.predicate)]
    # a place is taken in one race: "finished fourth in the downhill" and "took third place in the super-G" are two
    # races, each named where the other report's sentence does not name it
    pairs = [(x, y) for x, y in pairs if not (x.noun == q.PLACE and _placed_in_two(x, y, a, b))]
    # a share is its holder's: two named holders hold two shares, though a claim names the other ("Oddvar won with 52
    # percent of the vote", "Tolle conceded after taking 41 percent against Oddvar"; two firms' stakes)
    pairs = [(x, y) for x, y in pairs if x.kind != q.PERCENT or not _two_named_parties(a, b, named)]
    if likeness < SAME_FACT:
        # a count of a thing no list here knows, with no known predicate ("13 homers", "two drives"): like words
        # around it are not enough, the aligner must find the claims one fact; unless each report counts the thing
        # once, as its claim's only figure ("More than 300 aftershocks followed", "There were about 150
        # aftershocks"; a line of figures, "13 homers and 43 RBIs in 54 games", "10 yards on nine carries", is one
        # stretch of a season, "33 homers" another)
        alone = len(a.quantities) == len(b.quantities) == 1
        pairs = [(x, y) for x, y in pairs if not (x.kind == q.COUNT and x.noun not in _KNOWN_NOUNS
                                                  and x.predicate not in q.PREDICATE_CLASS_NAMES
                                                  and not (alone and given_once is not None
                                                           and given_once(figure_key(x))))]
    if likeness >= SAME_FACT or _about_same(a, b):
        return pairs
    return [(x, y) for x, y in pairs if _one_listed_event(x, y) or (_one_toll(x, y) and told_once(x))
            or the_openings_unit(x, y)]


def _placed_in_two(x, y, a, b) -> bool:
    """Whether two places are taken in two races: each names its race (`Quantity.owner`), which the other's
    sentence does not name."""
    return bool(x.owner and y.owner and x.owner != y.owner
                and x.owner not in b.sentence.text.lower() and y.owner not in a.sentence.text.lower())


def _one_unit_measure(x, y) -> bool:
    """Two figures in one unit of a measure ("burned 18,400 acres", "the blaze having consumed 14,800 acres"; "dumped
    9.4 inches of rain", "delivered 7.9 inches of rainfall"; "a net profit of 84 million euros"): told in a report's
    opening, the one figure in that unit a report gives is the story's, whatever verb tells it. Not two things the
    words name apart ("profit", "revenue"), nor a sum asked for against one given, nor two distances whose ends the
    words name and none is shared ("30 km north of the capital", "12 km from the border town")."""
    if x.kind not in _UNIT_KINDS or figure_key(x) != figure_key(y) or (x.predicate == "seek") != (y.predicate == "seek"):
        return False
    if x.places and y.places and not x.places & y.places:
        return False
    if (x.predicate != y.predicate and x.predicate in q.PREDICATE_CLASS_NAMES and y.predicate in q.PREDICATE_CLASS_NAMES
            and not q.one_sale(x, y)):
        return False  # two things the lists know apart: "posted a profit of $412 million", "revenue reached $450 million"
    noun_x, noun_y = q.measured_noun(x), q.measured_noun(y)
    return not (noun_x and noun_y) or noun_x.startswith(noun_y) or noun_y.startswith(noun_x)  # ("rain", "rainfall")


def _said_of_two_things(a, b, named: Callable[[Any], bool] | None) -> bool:
    """Two claims said of two things their subjects name: a change of two things ("Harlow's earnings fell 4%", "Its
    stock price fell 10 percent": an opening tells how much several things rose or fell), or two named parties'
    figures ("Moro won with 52 percent", "Holt conceded after taking 41 percent against Moro", though a claim names
    the other)."""
    if _one_subject(a, b):
        return False
    changes = any(x.predicate in q.CHANGES for x in (*a.quantities, *b.quantities))
    return changes or _two_named_parties(a, b, named)


def _one_subject(a, b) -> bool:
    """Whether two claims' subjects are one, in full or in part ("tropical storm imelde", "imelde"), or unsaid."""
    words_a, words_b = set(a.subject.split()), set(b.subject.split())
    return words_a <= words_b or words_b <= words_a


def _two_named_parties(a, b, named: Callable[[Any], bool] | None) -> bool:
    """Two claims whose subjects are two names (`_subject_named`), unless each claim names the other's subject
    too: "Ravensdale United have signed Tomás Iriarte ... for £32 million" and "Iriarte has completed a move to
    Ravensdale United for a fee of 23 million pounds" tell one transfer from its two sides."""
    if a.subject in b.entities and b.subject in a.entities:
        return False
    return not _one_subject(a, b) and named is not None and named(a) and named(b)


def _subject_named(parses: dict, claim) -> bool:
    """Whether a claim's subject is a name: one the tagger found, or a proper noun it missed ("Holt conceded")."""
    if claim.subject in claim.entities:
        return True
    doc = parses.get(claim.document)
    if doc is None or not 0 <= claim.head_token < len(doc):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in doc[claim.head_token].children)


def figure_key(quantity) -> tuple | None:
    """The measure a figure is compared under: its measure key (`quantities.measure_key`); for a figure in a unit
    whose words name nothing it measures ("with maximum sustained winds of 145 km/h", where the parse loses the
    winds), the key a named figure in that unit has, which only the one-figure-in-the-opening rule
    (`_one_unit_measure`) reads as the same measure. Only units of nature's measures (a speed, an area, a weight, a
    volume): a bare share or sum is of anything ("the first film to gross $1 billion" is another film's), and a length
    left unkeyed is one of many ("a seven-yard pass")."""
    key = q.measure_key(quantity)
    if key is None and quantity.kind in _NATURE_S_UNITS and not (quantity.role or quantity.noun or quantity.predicate):
        return (quantity.kind, quantity.unit)
    return key


_NATURE_S_UNITS = frozenset({q.SPEED, q.AREA, q.MASS, q.VOLUME})


# Kinds told in a unit, whose unit says what is measured far more than a count's bare number does.
_UNIT_KINDS = frozenset({q.MONEY, q.PERCENT, q.AREA, q.LENGTH, q.SPEED, q.MASS, q.VOLUME, q.TEMPERATURE})


def _one_toll(x, y) -> bool:
    """Two counts of people one listed thing befell ("killed", "injured", "arrested", "evacuated"): told in a
    report's opening, the one such count a report gives is the story's toll, however it is worded ("The crash
    killed 40 people", "The death toll stands at 52"). (Further down, a report gives the tolls of earlier events
    as background: "more than 3,000 were killed under his rule".)"""
    return x.kind == q.COUNT and x.predicate in q.HUMAN_PREDICATES and x.predicate == y.predicate


# A report's opening: its first body sentences, where the inverted pyramid puts the story's own figures
OPENING = 3


def _one_listed_event(x, y) -> bool:
    """Two figures of one event the predicate lists know, told with it ("Pell was fined $5,000", "the judge fined him
    $2,500"; "jailed for three years", "a five-year prison sentence"; "cut 1,200 jobs", "eliminate 1,500 positions"):
    in one story, one fine, one sentence, one round of cuts, one earthquake's magnitude ("measured 6.1", "a magnitude
    of 5.8"), however few words the claims share. Not a count of people or of things the lists do not know: a story
    counts the dead of several attacks, the villages hit and the villages worst hit; nor shares or clock times:
    "earnings fell 4%" and "the stock fell 10%" are two things."""
    if x.noun == q.MAGNITUDE:
        return True  # (the measure key holds whether it is the quake's or an aftershock's)
    if not (x.predicate and x.predicate == y.predicate and x.predicate in q.PREDICATE_CLASS_NAMES):
        return False
    if x.kind == q.COUNT:
        return x.noun in _KNOWN_NOUNS and x.noun not in _ANYONE_CLASSES and x.predicate not in q.HUMAN_PREDICATES
    # (sums asked for are many in one story, each party's own: "Lowe is seeking $75 million", "Boras asked for $200
    # million"; the prison term a defendant faces is the law's)
    return x.kind == q.DURATION or (x.kind == q.MONEY and x.predicate != "seek")


_KNOWN_NOUNS = frozenset(q.NOUN_CLASS.values())


def _held(claims, figures) -> dict[tuple, list]:
    """(report, measure) -> the figures the report gives of that measure, in its claims' order."""
    held: dict[tuple, list] = {}
    for claim, keyed in zip(claims, figures, strict=True):
        for key, x in keyed:
            held.setdefault((claim.document, key), []).append(x)
    return held


def _several_counted(held: dict[tuple, list]) -> set[tuple]:
    """(report, measure) where the report counts a thing the predicate lists do not know with figures that
    clash ("498 rushing yards and 176 receiving yards", "13 homers in 54 games" beside "33 homers"): it counts
    several sets of it, so no one of its figures is the report's figure for the other's."""
    # (many figures of one thing in one report are several sets of it whatever their values: and a hostile page
    # of thousands is not compared pair by pair)
    return {where for where, found in held.items()
            if found[0].kind == q.COUNT and found[0].noun not in _KNOWN_NOUNS
            and (len(found) >= _MANY or any(_clash(x, y) for n, x in enumerate(found) for y in found[n + 1:]))}


_MANY = 20


def quantity_discrepancies(story: Story, likeness: _Likeness | None = None) -> list[Discrepancy]:
    likeness = likeness or _Likeness(story)
    days = publication_days(story)
    claims = likeness.claims
    # Comparable quantities share a measure, and only a figure that is not vague can be a side: only pairs
    # of claims of two reports with such a measure in common are compared (and the claims' likeness is
    # worked out only if two are).
    figures = [[(key, x) for x in c.quantities if not x.vague and (key := figure_key(x)) is not None] for c in claims]
    # Asked once per report, figure and claim: asked for every pair, a hostile sentence of 120 figures
    # took 20 s (the pairs times every figure of the report).
    also_states = _once_each(lambda document, quantity, holder: _also_states(claims, document, quantity, holder, likeness))
    # The parts a figure's claim sums to, once per (claim, figure): summed for every pair, one sentence of
    # 300 figures took two minutes.
    parts_of = _once_each(_parts_of)
    # The named doer of each figure's verb, once per figure: asked for every pair, a page of 300 offers read 35,000 parses.
    doer = _once_each(lambda document, quantity: _doer(story.workspace.parses.get(document), quantity))

    held = _held(claims, figures)
    several = _several_counted(held)
    ranks, _ = body_ranks(story)
    opening = {key for key, rank in ranks.items() if rank < OPENING}
    named = partial(_subject_named, story.workspace.parses)
    by_measure: dict[tuple, list[tuple]] = {}
    for i, j in _sharing_a_measure(claims, figures):
        a, b = claims[i], claims[j]
        # Whether the claims are about one thing is asked only when two of their figures could disagree:
        # asked for every pair, a page of 400 dated council votes on "N roads" spent 4 s on 155,000 pairs.
        if not any(kx == ky and _clash(x, y) for kx, x in figures[i] for ky, y in figures[j]):
            continue
        apart = _other_days(days, a.document, b.document)
        given_once = partial(_each_gives_one, held, a, b)
        openings = partial(_both_in, opening, a, b)
        for x, y in comparable_pairs(a, b, float(likeness.matrix[i, j]), given_once, openings, named):
            # (comparable pairs share a measure: x's key is y's)
            if apart and not (_standing(x) or _same_past_year(a, b, days)
                              or (x.predicate in _TOLL_CLASSES and _fell(x, y, days) and given_once(figure_key(x)))):
                continue  # each report's figure of its own day: a toll, a sum, a share, a speed may have moved on
            if x.vague or y.vague or not _clash(x, y):
                continue
            if x.kind != q.AGE and _two_doers(doer, x, a, y, b):
                continue
            key = figure_key(x)  # (comparable pairs share a measure)
            if (a.document, key) in several or (b.document, key) in several:
                continue
            if _adds_up_to(*parts_of(a, x), y) or _adds_up_to(*parts_of(b, y), x):
                continue  # "$735.2 million overseas and $273.7 million at home" against "a billion dollars"
            # a report that also gives the other's figure for this measure, about the same thing, counts two things
            if also_states(a.document, y, b) or also_states(b.document, x, a):
                continue
            if _gives_as_a_part(a.sentence.text, y.value) or _gives_as_a_part(b.sentence.text, x.value):
                continue  # "Nine people were killed, three of them residents of Carrow Bridge" against "three died"
            if key is not None:  # always: comparable pairs share a measure
                by_measure.setdefault(key, []).append((x, a, y, b))
    order = {d.id: n for n, d in enumerate(story.documents)}
    found: list[Discrepancy] = []
    settings: list[str] = []  # (each one's `_setting_of`)
    for key, pairs in ((key, pairs) for key, measured in by_measure.items() for pairs in _each_disagreement(measured)):
        sides: dict[tuple, list] = {}
        for x, a, y, b in pairs:
            for quantity, claim in ((x, a), (y, b)):
                side = sides.setdefault((quantity.low, quantity.high), [quantity, {}])
                side[0] = min(side[0], quantity, key=_written_in_digits)
                _add_evidence(side[1], claim, quantity)
        # Every report giving one side's very figure for this measure, and no other, stands on that side, not
        # only the reports of the pairs compared ("21" in eight wire reports against "24" in two, not one report
        # against one: the others were published another day, when a figure may have moved on).
        for claim, keyed in zip(claims, figures, strict=True):
            for measure, quantity in keyed:
                given = sides.get((quantity.low, quantity.high)) if measure == key and not quantity.vague else None
                if given is not None and _one_figure(held.get((claim.document, key), [])):
                    _add_evidence(given[1], claim, quantity)
        values = [
            DiscrepancyValue(quantity.written, quantity.normalized, _in_report_order(evidence, order))
            for quantity, evidence in _one_side_per_value([sides[key] for key in sorted(sides)])
        ]
        if len(values) > 1:
            found.append(Discrepancy("number", q.describe(_naming_the_thing(*pairs[0][::2])), values, confidence=0.8))
            settings.append(_setting_of(pairs))
    _told_apart(found, settings)
    return found


def _two_doers(doer: Callable[[str, Any], frozenset[str]], x, a, y, b) -> bool:
    """Whether two figures are two named parties' ("The Orioles have offered Teixeira $150 million", "the Nationals
    have offered Mark Teixeira an 8-year, $160 million contract"): the one who does what each figure tells, named,
    is not the other, and neither sentence names the other's. The claims' own subjects do not tell: a reporting
    verb's claim ("..., a radio station reported") holds its report's figure too. (An age has its owner already.)
    One deal told from its two sides names both ("Rovers signed Pell for £18 million", "Pell completed a move to
    Rovers for 14 million pounds"). `doer(document, figure)`: `_doer` of the figure in its report's parse."""
    doer_x, doer_y = doer(a.document, x), doer(b.document, y)
    return bool(doer_x and doer_y and not doer_x & doer_y
                and not doer_x <= _words_of(b.sentence.text) and not doer_y <= _words_of(a.sentence.text))


def _doer(doc, quantity) -> frozenset[str]:
    """The proper-noun words of the doer of the verb a figure hangs from ("the Red Sox team" offered: red, sox), or
    none when the doer is no name."""
    if doc is None or not 0 <= quantity.token < len(doc):
        return frozenset()
    token = doc[quantity.token]
    for _ in range(8):  # (a figure sits a few steps below its verb: "a deal worth $150 million")
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    if not doers:
        return frozenset()
    words = [t for t in (doers[0], *(c for c in doers[0].children if c.dep_ == "compound")) if t.pos_ == "PROPN"]
    return frozenset(t.lower_ for t in words)


@lru_cache(maxsize=4096)  # (asked of each sentence again for every pair of its figures compared)
def _words_of(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def _setting_of(pairs: list[tuple]) -> str:
    """The time every claim of a disagreement's pairs is set in ("in 1998"), else ""."""
    dates = [{d.lower() for d in claim.dates} for _, a, _, b in pairs for claim in (a, b)]
    common = set.intersection(*dates) if dates else set()
    return min(common, key=lambda d: (len(d), d)) if common else ""


def _told_apart(found: list[Discrepancy], settings: list[str]) -> None:
    """Disagreements under one label, each told by the time its claims are set in: "number of people killed (on
    Monday)" and "number of people killed (in 1998)", not the same label twice."""
    labels = Counter(d.subject for d in found)
    for discrepancy, setting in zip(found, settings, strict=True):
        if labels[discrepancy.subject] > 1 and setting:
            discrepancy.subject = f"{discrepancy.subject} ({setting})"


def _each_disagreement(pairs: list[tuple]) -> list[list[tuple]]:
    """Clashing pairs (x, a, y, b) of one measure, grouped where they share a figure: "three" against "10" killed by
    this week's quake, and "more than 26,000" against "more than 31,000" killed by the quake of 2003, are two
    disagreements, not one of four tolls."""
    sets = UnionFind((z.low, z.high) for x, _, y, _ in pairs for z in (x, y))
    for x, _, y, _ in pairs:
        sets.union((x.low, x.high), (y.low, y.high))
    groups: dict[tuple, list[tuple]] = {}
    for pair in pairs:
        groups.setdefault(sets.find((pair[0].low, pair[0].high)), []).append(pair)
    return list(groups.values())


def _naming_the_thing(x, y):
    """Of two figures of one measure, the one whose words name what is measured ("the year-and-a-half delay", not
    "had delayed the opening for two years"; "winds of 165 km/h", not a figure whose winds the parse lost), to label
    their disagreement."""
    return y if not x.noun and y.noun and (x.kind == q.DURATION or not x.predicate) else x


def _one_side_per_value(sides: list[list]) -> list[list]:
    """Sides ([quantity, evidence spans as an ordered set]) whose figures can all be true together are one side: "about 60 metres" and
    "about 200ft" are one distance, against "150 meters" (each clashes with the third, not with each other)."""
    merged: list[list] = []
    members: list[list] = []  # each merged side's quantities
    for quantity, evidence in sides:
        for n, held in enumerate(members):
            if all(q.compatible(quantity, other) for other in held):
                held.append(quantity)
                merged[n][1].update(evidence)
                break
        else:
            members.append([quantity])
            merged.append([quantity, dict(evidence)])
    return merged


def _in_report_order(evidence: Iterable[Evidence], order: dict[str, int]) -> list[Evidence]:
    """A side's evidence in the order of the reports (`order`: report id -> its place), then of the text."""
    return sorted(evidence, key=lambda e: (order[e.document], e.start))


def _add_evidence(evidence: dict[Evidence, None], claim, quantity) -> None:
    """A side's evidence, once per span: the claim's words, stretched to hold the figure as written ("As many as"
    may open the sentence). An ordered set: a page repeating one figure adds it once per pair compared, and a
    list searched each time made that quadratic."""
    evidence.setdefault(Evidence(claim.document, min(claim.start, quantity.start), max(claim.end, quantity.end)))


def _both_in(sentences: set, a, b) -> bool:
    """Whether claims `a` and `b` are both in the sentences keyed `sentences`."""
    return a.sentence.key in sentences and b.sentence.key in sentences


def _each_gives_one(held: dict[tuple, list], a, b, key: tuple | None) -> bool:
    """Whether the reports of claims `a` and `b` each give one figure of the measure `key` (`_held`), however often."""
    return _one_figure(held.get((a.document, key), [])) and _one_figure(held.get((b.document, key), []))


def _one_figure(given: list) -> bool:
    """Whether a report's figures of one measure (`_held`) are one figure, however many times given: a report
    giving several ("71 died on the island", "41 in the province") counts parts, not the story's toll."""
    # (many figures of it are several things whatever their values, as in _several_counted: and a hostile page of
    # thousands is not compared pair by pair)
    return len(given) < _MANY and all(q.compatible(x, y) for n, x in enumerate(given) for y in given[n + 1:])


def _sharing_a_measure(claims, figures) -> list[tuple[int, int]]:
    """(i, j), i < j, in order: the claims of two reports with a figure of one measure each."""
    holders: dict[tuple, list[int]] = {}
    for i, keyed in enumerate(figures):
        for key in dict.fromkeys(key for key, _ in keyed):
            holders.setdefault(key, []).append(i)
    return sorted({(i, j) for members in holders.values() for n, i in enumerate(members) for j in members[n + 1 :]
                   if claims[i].document != claims[j].document})


# Kinds whose figures carry a scale word or a unit a writer may slip on ("billion" for "million", tonnes for kilograms).
_SCALED_KINDS = frozenset({q.MONEY, q.MASS, q.LENGTH, q.AREA, q.VOLUME})


def _clash(x, y) -> bool:
    """Two figures of one measure that cannot both be true, and not so far apart that they are two things, unless
    they are one figure's digits a power of ten apart, in a unit: a slip of scale ("$3.5 billion", "$350 million";
    "a 4.5-tonne shipment", "450 kilograms"), not a part and its whole."""
    return not q.compatible(x, y) and (x.kind == q.TIME or not _far_apart(x.value, y.value) or _scale_slipped(x, y))


def _scale_slipped(x, y) -> bool:
    if x.kind not in _SCALED_KINDS or not (x.exact and y.exact) or not (x.value and y.value):
        return False
    ratio = math.log10(max(x.value, y.value) / min(x.value, y.value))
    return abs(ratio - round(ratio)) < 1e-9 and round(ratio) in (1, 2, 3)


def _gives_as_a_part(sentence: str, value: float) -> bool:
    """Whether a sentence gives `value` as a part of another count of its own ("Nine people were killed, three of them
    residents of Carrow Bridge"; "won 31 seats, including 12 in Arlen"): a report giving that part alone counts the
    part, not the whole."""
    return value in _parts_given(sentence)


@lru_cache(maxsize=4096)
def _parts_given(sentence: str) -> frozenset[float]:
    """The counts a sentence gives as parts (`_gives_as_a_part`); read once per sentence, however many pairs ask."""
    # (where a part may start is found in one pass: looked for before each figure, a hostile sentence of 5,000
    # parts took 8 s)
    starts = set()
    for marker in _PART_BEFORE.finditer(sentence):
        starts.add(marker.end())
        hedge = _PART_HEDGE.match(sentence, marker.end())
        if hedge:
            starts.add(hedge.end())
    return frozenset(figure.value for figure in q.find(sentence) if figure.kind == q.COUNT and (
        _PART_AFTER.match(sentence, figure.end) or figure.start in starts))


_PART_AFTER = re.compile(r"\s+of\s+(?:them|whom|those|which|these)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+", re.IGNORECASE)
_PART_HEDGE = re.compile(r"(?:at\s+least\s+|some\s+|about\s+)", re.IGNORECASE)


def _parts_of(claim, part) -> tuple[int, float]:
    """How many figures of `part`'s measure `claim` gives, and their sum."""
    values = [z.value for z in claim.quantities if q.same_measure(z, part)]
    return len(values), sum(values)


def _adds_up_to(count: int, total: float, whole) -> bool:
    """Whether two or more figures of one claim that sum to `total` are the parts of `whole`, another
    report's figure: "$735.2 million overseas and $273.7 million at home" against "a billion dollars".
    (Within the whole's own bounds: "at least 20" holds 25, not 8.)"""
    margin = q.CONVERTED * abs(whole.value)
    return count >= 2 and whole.low - margin <= total <= whole.high + margin


T = TypeVar("T")


def _once_each(function: Callable[..., T]) -> Callable[..., T]:
    """`function`, worked out once for each set of arguments (strings by value, other objects by identity:
    the claims, figures and counts compared pair by pair are asked about again and again)."""
    answers: dict[tuple, T] = {}

    def ask(*args) -> T:
        key = tuple(a if isinstance(a, str) else id(a) for a in args)
        if key not in answers:
            answers[key] = function(*args)
        return answers[key]

    return ask


def _also_states(claims, document: str, quantity, holder, likeness: _Likeness) -> bool:
    """Whether `document` also gives `quantity`'s figure (held by the claim `holder`) in a claim that may be
    about the same thing: "at least three killed" in a clash elsewhere is not the car bomb's toll."""
    return any(
        c.document == document
        and any(q.same_measure(z, quantity) and not z.vague and q.compatible(z, quantity)
                and (likeness(c, holder) >= SAME_FACT or _about_same(c, holder)
                     or (_one_listed_event(z, quantity) and not _other_occasions(c, holder) and not _named_apart(c, holder)))
                for z in c.quantities)
        for c in claims
    )


def merge_discrepancies(first: list[Discrepancy], second: list[Discrepancy]) -> list[Discrepancy]:
    """`first` plus those of `second` whose sides are not already a discrepancy of `first`."""

    def spans(item: Discrepancy) -> list[set]:
        return [set(value.evidence) for value in item.values]

    result = list(first)
    for item in second:
        duplicate = any(
            sum(any(x.overlaps(y) for x in value.evidence for other in known.values for y in other.evidence) for value in item.values) >= 2
            for known in result
        )
        if not duplicate:
            result.append(item)
    return result
