"""Quantities of every kind, with bounds, units and what they measure.

A quantity is found in two steps. The surface form is read by patterns over
the sentence text, which is where units, currencies, hedges and clock times
are written ("as many as 40", "$3.2 billion", "about 9:15 p.m.", "80 km",
"the 12-year-old"); what it measures is then read off the dependency parse:
the counted or measured noun ("40 trucks", "$48,210 in fees") and the
predicate it hangs off ("killed", "cut"), each mapped to a class of words
that say the same thing (kill = die = dead = death toll), so two reports'
wordings meet.

Every quantity is an interval. An exact figure is itself, give or take the
precision it is written to ("3.2 billion" is 3.15-3.25 billion); "at least
11" is 11 and up; "about 1,400" is 15% either way; "nearly 7,000" a little
under 7,000; "hundreds" 200-999. Two values of one thing that cannot both be
true disagree; `compatible()` says when they can. A hedged figure is a
report's own estimate, so two rounded figures agree only when each lies within
the other's margin ("about 1,200" and "about 1,400" disagree). Bounds differ by
side: a floor ("at least 11") is what is confirmed so far, so two floors far
apart ("at least 8", "at least 11") are two different tolls; a ceiling ("as
many as 40", "up to 25") only limits what may be, so two ceilings never
contradict each other.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise

from newsweave.annotate.tokens import doc_text, kept_on, phrasal_lemma

# --- kinds ---------------------------------------------------------------------

COUNT = "count"
MONEY = "money"
PERCENT = "percent"
AGE = "age"
TIME = "time"  # a time of day, in minutes after midnight
DURATION = "duration"  # in seconds
LENGTH = "length"  # in metres
MASS = "mass"  # in kilograms
AREA = "area"  # in square metres
VOLUME = "volume"  # in litres
SPEED = "speed"  # in km/h
ORDINAL = "ordinal"
SCORE = "score"  # a result told as two figures: "beat Rovers 3-1", "voted 7-2" (value: the larger x 1000 + the smaller)
TEMPERATURE = "temperature"  # in the degrees written (unit "C" or "F": not converted, an affine scale)
KINDS = (COUNT, MONEY, PERCENT, AGE, TIME, DURATION, LENGTH, MASS, AREA, VOLUME, SPEED, ORDINAL, SCORE, TEMPERATURE)

ABOUT = 0.15  # "about 130": 15% either way
NEARLY = 0.10  # "nearly 7,000": up to 10% under
TIME_ABOUT = 15.0  # "around 9:30 p.m.": a time rounded to the half hour, fifteen minutes either way
TIME_NEAR = 30.0  # "shortly after 2 a.m.": within the half hour after it
SAME_BOUND = 0.85  # "at least 10" and "more than 11" are one floor; "at least 8" and "at least 11" are not
CONVERTED = 0.05  # a figure converted from other units ("80 km" = "50 miles") is rounded by the writer


@dataclass(frozen=True)
class Quantity:
    """One stated quantity: an interval in a base unit, as written, where, and about what."""

    kind: str
    value: float  # the stated figure in the base unit (for TIME, minutes after midnight)
    low: float
    high: float
    unit: str  # base unit: "" for counts, "USD" for dollars, "m", "kg", "s", "year", "%"
    written: str  # as written, with its hedge: "at least 11 people"
    document: str
    start: int
    end: int
    hedge: str = ""  # "", "min", "max", "about", "nearly", "vague"
    written_unit: str = ""  # the unit as written ("miles"), to tell conversions from restatements
    # What it measures, read off the parse: the counted/measured noun's class
    # and the predicate's class ("people", "kill"); `owner` is whose it is (an age's person, a population's place)
    # or, of a place in a race, the race ("downhill").
    noun: str = ""
    predicate: str = ""
    owner: str = ""
    owner_name: str = ""  # the owner as a label names them: "Mayor Holt"
    owner_given: str = ""  # the owner's first name, when the report gives it: two Pasztors are two people (for an
    # unnamed suspect, their sex, when said: a man and a woman arrested are two suspects)
    places: frozenset[str] = field(default_factory=frozenset)  # for a distance: the places it lies between
    # Which figure of a change or a whole it is: "from" and "to" for a change's two ends ("cut from three
    # years to one"), "whole" for the set a part is taken from ("three of the eight charges"); "" for the
    # figure itself ("cut $3 billion", "three charges"). Figures in different roles measure different things.
    role: str = ""
    token: int = -1  # the number's token index in the document's parse

    @property
    def exact(self) -> bool:
        return self.hedge == ""

    @property
    def vague(self) -> bool:
        return self.hedge == "vague"

    @property
    def normalized(self):
        if self.kind == SCORE:
            return f"{int(self.value) // 1000}-{int(self.value) % 1000}"
        if self.exact and self.low == self.high:
            return _plain(self.value)
        return {
            "min": _plain(round(self.low, 2)),
            "max": None if self.high == float("inf") else _plain(round(self.high, 2)),
            "stated": _plain(self.value),
        }

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "written": self.written,
            "value": _plain(self.value),
            "unit": self.unit,
            "normalized": self.normalized,
            "measures": describe(self),
            "document": self.document,
            "start": self.start,
            "end": self.end,
        }

    def with_(self, **changes) -> Quantity:
        return replace(self, **changes)


def _plain(value: float):
    return int(value) if value == int(value) else value


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two values of one thing can both be true."""
    if a.kind != b.kind or a.unit != b.unit:
        return True  # not the same measure: nothing to compare
    slack = CONVERTED * max(abs(a.value), abs(b.value)) if a.written_unit != b.written_unit else 0.0
    if not (a.low - slack <= b.high and b.low - slack <= a.high):
        return False
    if a.vague or b.vague or a.exact or b.exact or a.hedge == "range" or b.hedge == "range":
        return True  # an interval that holds the other's figure
    if a.hedge == b.hedge == "max" and not (a.predicate == b.predicate == "seek" and a.kind in (DURATION, MONEY)):
        # "as many as 40" and "up to 25": each says only how many there could be; but the most a defendant faces
        # is a figure of the law ("faces up to 20 years", "a maximum of 30 years")
        return True
    if a.hedge == b.hedge == "min":
        # two floors of one count are one confirmed figure only when close
        return min(a.value, b.value) >= SAME_BOUND * max(a.value, b.value)
    # two hedged figures: each report's figure is its claim, so each must lie within the other's margin
    return a.low - slack <= b.value <= a.high + slack and b.low - slack <= a.value <= b.high + slack


# --- synonym classes (written once, vectors-free) ------------------------------


def word_classes(classes: dict[str, str]) -> dict[str, str]:
    """{class: "word word ..."} -> {word: class}; a word listed under two classes keeps the first."""
    found: dict[str, str] = {}
    for name, words in classes.items():
        for word in words.split():
            found.setdefault(word, name)
    return found


# Predicates that say the same thing about a quantity: lemma -> class.
_PREDICATE_CLASSES = {
    "kill": "kill killed die dead death fatality fatal toll perish slay slain murder massacre claim life lose",
    "injure": "injure injured wound wounded hurt injury casualty maim",
    "hospitalize": "hospitalize hospitalise hospitalized hospitalised hospital treat",
    "arrest": "arrest arrested detain detained custody apprehend held hold jail",
    "charge": "charge charged indict indicted",
    "evacuate": "evacuate evacuation flee displace displaced",
    "rescue": "rescue rescued save",
    "miss": "missing miss unaccounted",
    "destroy": "destroy destroyed raze flatten",
    "damage": "damage damaged",
    "cut": "cut trim slash reduce reduction cutback decrease lower eliminate axe shed scrap layoff",
    "raise": "raise increase boost hike rise grow gain climb jump surge add expand",
    "fall": "fall drop decline slide plunge plummet sink tumble shrink",
    "pay": "pay spend cost payment repay reimburse restitution invest investment",
    "steal": "steal embezzle misappropriate siphon swindle defraud loot pilfer rob theft embezzlement",
    "donate": "donate donation contribute contribution pledge",
    "seek": "seek demand request ask want claim sue face risk",  # what is asked for or may be: "faced two years"
    "fine": "fine penalty penalize",
    "sell": "sell sale",
    "buy": "buy purchase acquire acquisition",
    "earn": "earn win income salary profit earnings",
    "revenue": "revenue turnover",
    "settle": "settle settlement",
    "recall": "recall",
    "leave": "leave depart exit",
    "arrive": "arrive reach land",
    "sentence": "sentence sentenced imprison imprisonment",
    "vote": "vote",
    "strike": "strike hit jolt rock",  # (what a quake or a storm does to a place: "jolted from their beds")
    "attack": "attack massacre assault bombing blast explosion shooting",
    "fight": "fight battle combat tackle",
    "burn": "burn scorch char blacken",
    "board": "board aboard onboard carry",  # the people a plane, a bus or a ferry carried
    "crash": "crash collide collision overturn roll flip capsize derail",  # a vehicle's accident, told many ways
    "flood": "flood inundate submerge swamp deluge",
    "delay": "delay stick strand",  # "delayed by 90 minutes", "stuck for more than three hours"
    "standoff": "standoff siege barricade",  # "a 12-hour standoff", "barricading himself inside for five hours"
    "infect": "infect",
    # troops, police or crews sent somewhere (not "send": "sent to prison for five years" is a sentence)
    "deploy": "deploy deployment dispatch",
}
PREDICATE_CLASS = word_classes(_PREDICATE_CLASSES)
PREDICATE_CLASS_NAMES = frozenset(PREDICATE_CLASS.values())  # (a set: looked up for every figure)

# Counted nouns that count the same thing: lemma -> class. Words for anyone are one class.
_NOUN_CLASSES = {
    "people": "people person individual civilian victim casualty resident passenger guest life",
    "attacker": "terrorist attacker gunman jihadi jihadist militant bomber assailant shooter hijacker perpetrator",
    "vehicle": "car vehicle truck lorry automobile van bus",
    "home": "home house household building residence apartment dwelling",
    "death": "death fatality dead",
    "injury": "injury",
    "arrest": "arrest",
    "child": "child kid boy girl",
    "fee": "fee fees",
    "explosion": "explosion blast bombing bomb",
    "troop": "troop soldier force personnel serviceman servicemember",
    "supporter": "supporter member follower adherent backer",
    "worker": "worker employee staff staffer workforce",
    "protester": "protester protestor demonstrator marcher",
    "student": "student pupil",
    "vote": "vote ballot",
    "seat": "seat",  # (in a parliament or a council)
    "land": "land forest woodland wood woods bush scrub farmland grassland vegetation brush heath moorland",
    "job": "job position",
    "case": "case infection",  # of a disease: "127 cases of measles", "172 confirmed infections"
    "unemployment": "unemployment jobless joblessness",  # "unemployment rose to 6.4%", "the jobless rate"
    "floor": "floor storey",  # "a 12-storey block", "an eight-floor building" (not "story": a report is one too)
    "ship": "ship vessel liner tanker freighter trawler ferry",  # (not "boat": "three boats of the pirates")
}
NOUN_CLASS = word_classes(_NOUN_CLASSES)

# Nouns for people: what a count of people may count, whose age "the 34-year-old nurse" may be.
_HUMAN_CLASSES = ("people", "attacker", "child", "troop", "supporter", "worker", "protester", "student")
_PEOPLES_NOUNS = """man woman men women teen teenager youth baby infant toddler son daughter mother father parent wife husband
    brother sister uncle aunt cousin grandmother grandfather friend neighbour neighbor suspect driver officer
    pilot nurse doctor patient prisoner inmate fan hostage survivor guard sailor marine miner firefighter
    journalist reporter tourist migrant refugee pilgrim villager actor actress singer player athlete teacher
    priest pastor farmer veteran lawyer witness owner leader candidate politician lawmaker official spokesman
    spokeswoman businessman businesswoman mechanic carpenter cyclist motorist pedestrian hiker climber swimmer
    defendant plaintiff widow widower bride groom mom dad boyfriend girlfriend partner roommate colleague
    coworker tenant landlord customer client passerby bystander gunman victim agent resident president student
    employee trainee detainee nominee retiree amputee waitress hostess heiress princess giant adolescent female
    male tycoon billionaire millionaire rapper musician drummer guitarist bassist songwriter comedian rocker
    master harbormaster headmaster postmaster stationmaster quartermaster ringmaster accomplice"""
PERSON_NOUNS = frozenset([word for name in _HUMAN_CLASSES for word in _NOUN_CLASSES[name].split()] + _PEOPLES_NOUNS.split())
# ("-ant", "-ent", "-ess", "-ee" name as many things as people: plant, event, business, committee.)
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman")


def is_person_noun(token) -> bool:
    """A common noun for a person ('nurse', 'teenager', 'the driver'); '-er', '-or', '-ist' nouns count
    ('plumber', 'cellist'), so some things do too ('reactor'): for telling a person from a plant or a
    dam, not for counting."""
    lemma = token.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma in TITLES or (
        token.pos_ == "NOUN" and len(lemma) > 4 and lemma.endswith(_PERSON_SUFFIXES) and lemma not in _MADE_THINGS)


# '-er' and '-or' nouns of ships, vehicles and machines, which news often measures: "The cruise liner is 300 metres
# long", "the 240-metre tanker"
_MADE_THINGS = frozenset({
    "tanker", "liner", "airliner", "jetliner", "freighter", "trawler", "steamer", "cruiser", "destroyer", "carrier",
    "container", "helicopter", "tractor", "trailer", "reactor", "generator", "elevator", "escalator", "transformer",
    "computer", "skyscraper",
})


# A noun that is itself the event: "12 deaths" = 12 people killed.
EVENT_NOUNS = {"death": "kill", "injury": "injure", "arrest": "arrest"}
# Predicates whose counts are of people when no noun is given ("18 were taken to hospital").
HUMAN_PREDICATES = {"kill", "injure", "hospitalize", "arrest", "charge", "evacuate", "rescue", "miss", "board"}
# "taken to hospital", "rushed to hospital": a verb of moving with "hospital" after it.
_TO_HOSPITAL = {"take", "rush", "airlift", "transport", "carry", "bring", "send", "admit", "fly"}


def predicate_class(lemma: str) -> str:
    return PREDICATE_CLASS.get(lemma.lower(), lemma.lower())


def noun_class(lemma: str) -> str:
    lemma = lemma.lower()
    return NOUN_CLASS.get(lemma, lemma)


# --- surface forms --------------------------------------------------------------

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "twentieth": 20,
}
# Vague counts: the interval each stands for.
_VAGUE = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2_000, 9_999),
          "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
          "millions": (2e6, 9.99e8), "billions": (2e9, 9.99e11)}

_WORD = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
_SCALES_WRITTEN = ("hundred", "thousand", "million", "billion", "trillion")
_SCALE = rf"(?:{'|'.join(_SCALES_WRITTEN)})"
_ABBREV_SCALE = r"(?:bn|mn|mln|tn|trn|[mbk])"
# "two and a half million", "half a million", "a half-trillion": a half is written in words, not digits
_HALF = rf"(?:{_NUM}\s+and\s+a\s+half(?:\s+{_SCALE})?|(?:an?\s+)?half[- ](?:an?\s+)?{_SCALE})"
# "five hundred and fifty thousand": "and" joins a number's parts only after a scale word
_AND_MORE = rf"(?:{_NUM}(?:\s+{_SCALE}){{1,2}}\s+and\s+{_NUM}(?:\s+{_SCALE})?)"
_NUMBER = rf"(?:{_HALF}|{_AND_MORE}|{_NUM}\s+dozen\b|{_NUM}(?:\s+{_SCALE}){{0,2}}|an?\s+{_SCALE}|an?\s+dozen)"

_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD",
                   "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
                   # codes written before the figure: "CHF 65 million", "USD 2 billion"
                   "chf": "CHF", "sfr": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound sterling": "GBP",
                   "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR",
                   "rupees": "INR", "franc": "CHF", "francs": "CHF", "peso": "MXN", "pesos": "MXN", "rouble": "RUB",
                   "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                   # a currency named by its country: "85 million Swiss francs", "40 million Canadian dollars"
                   **{f"{country} {name}{plural}": code for country, name, code in (
                       ("swiss", "franc", "CHF"), ("canadian", "dollar", "CAD"), ("australian", "dollar", "AUD"),
                       ("hong kong", "dollar", "HKD"), ("new zealand", "dollar", "NZD"), ("singapore", "dollar", "SGD"),
                       ("mexican", "peso", "MXN"), ("u.s.", "dollar", "USD"), ("us", "dollar", "USD"),
                       ("american", "dollar", "USD")) for plural in ("", "s")}}
_SIGN = r"(?:US\$|C\$|A\$|NZ\$|HK\$|\$|£|€|¥|₹|(?<![A-Za-z])(?:CHF|SFr|USD|EUR|GBP|JPY)(?=\s?\d))"
_CURRENCY_WORD = (r"(?:(?:Swiss|Canadian|Australian|Hong\s+Kong|New\s+Zealand|Singapore|Mexican|U\.S\.|US|American)\s+)?"
                  r"(?:dollars?|euros?|pounds?\s+sterling|yen|yuan|renminbi|rupees?|francs?|pesos?|roubles?|rubles?|USD|EUR|GBP)")

# unit word -> (kind, factor to the base unit, base unit)
_UNITS = {
    **dict.fromkeys(("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), (LENGTH, 1000.0, "m")),
    **dict.fromkeys(("mile", "miles", "mi"), (LENGTH, 1609.344, "m")),
    **dict.fromkeys(("metre", "metres", "meter", "meters", "m"), (LENGTH, 1.0, "m")),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), (LENGTH, 0.01, "m")),
    **dict.fromkeys(("mm", "millimetre", "millimetres", "millimeter", "millimeters"), (LENGTH, 0.001, "m")),
    **dict.fromkeys(("foot", "feet", "ft"), (LENGTH, 0.3048, "m")),
    **dict.fromkeys(("inch", "inches"), (LENGTH, 0.0254, "m")),
    **dict.fromkeys(("yard", "yards", "yd"), (LENGTH, 0.9144, "m")),
    **dict.fromkeys(("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"), (MASS, 1.0, "kg")),
    **dict.fromkeys(("pound", "pounds", "lb", "lbs"), (MASS, 0.45359237, "kg")),
    **dict.fromkeys(("tonne", "tonnes", "metric ton", "metric tons"), (MASS, 1000.0, "kg")),
    **dict.fromkeys(("ton", "tons"), (MASS, 907.18474, "kg")),
    **dict.fromkeys(("gram", "grams", "g"), (MASS, 0.001, "kg")),
    **dict.fromkeys(("acre", "acres"), (AREA, 4046.8564224, "m2")),
    **dict.fromkeys(("hectare", "hectares", "ha"), (AREA, 10000.0, "m2")),
    **dict.fromkeys(("square mile", "square miles", "sq mi"), (AREA, 2_589_988.11, "m2")),
    **dict.fromkeys(("square kilometre", "square kilometres", "square kilometer", "square kilometers", "sq km", "km2"), (AREA, 1e6, "m2")),
    **dict.fromkeys(("square foot", "square feet", "sq ft"), (AREA, 0.09290304, "m2")),
    **dict.fromkeys(("litre", "litres", "liter", "liters"), (VOLUME, 1.0, "l")),
    **dict.fromkeys(("gallon", "gallons"), (VOLUME, 3.785411784, "l")),
    **dict.fromkeys(("barrel", "barrels"), (VOLUME, 158.987, "l")),
    **dict.fromkeys(("mph", "miles per hour", "miles an hour"), (SPEED, 1.609344, "km/h")),
    **dict.fromkeys(("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour", "kilometres an hour",
                     "kilometers an hour", "km per hour", "km an hour"), (SPEED, 1.0, "km/h")),
    # speeds per second (a meteor's, a jet's): "per second" must not read as an ordinal or a duration
    **dict.fromkeys(("miles per second", "miles a second", "mile per second", "mile a second"), (SPEED, 5793.6384, "km/h")),
    **dict.fromkeys(("kilometres per second", "kilometers per second", "kilometres a second", "kilometers a second",
                     "km per second", "km a second", "km/s"), (SPEED, 3600.0, "km/h")),
    **dict.fromkeys(("metres per second", "meters per second", "metres a second", "meters a second", "m/s"), (SPEED, 3.6, "km/h")),
    **dict.fromkeys(("feet per second", "feet a second"), (SPEED, 1.09728, "km/h")),
    **dict.fromkeys(("knot", "knots"), (SPEED, 1.852, "km/h")),
    **dict.fromkeys(("second", "seconds", "sec", "secs"), (DURATION, 1.0, "s")),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), (DURATION, 60.0, "s")),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), (DURATION, 3600.0, "s")),
    **dict.fromkeys(("day", "days"), (DURATION, 86400.0, "s")),
    **dict.fromkeys(("week", "weeks"), (DURATION, 604800.0, "s")),
    **dict.fromkeys(("month", "months"), (DURATION, 2_629_800.0, "s")),
    **dict.fromkeys(("year", "years"), (DURATION, 31_557_600.0, "s")),
    **dict.fromkeys(("decade", "decades"), (DURATION, 315_576_000.0, "s")),
}
_UNIT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(_UNITS, key=len, reverse=True))
# one spelling per unit ("miles", "mile" and "mi" are one unit; so are "miles per second" and "miles a second"):
# a figure restated in the same unit is compared exactly, one converted from another unit with slack
_UNIT_SPELLING = {(kind, factor): word for word, (kind, factor, _) in reversed(_UNITS.items())}  # the first listed

_HEDGES = [
    (r"at\s+least|more\s+than|over|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than"
     r"|a\s+minimum\s+of|exceeding|topping", "min"),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|fewer\s+than|less\s+than|under|at\s+most|no\s+more\s+than|a\s+maximum\s+of", "max"),
    (r"nearly|almost|close\s+to|just\s+under|just\s+shy\s+of|not\s+quite", "nearly"),
    (r"about|around|some|approximately|roughly|an\s+estimated|estimated|circa|an\s+approximate|or\s+so|more\s+or\s+less", "about"),
]
_HEDGE = "|".join(f"(?P<{kind}{i}>{pattern})" for i, (pattern, kind) in enumerate(_HEDGES))
_HEDGE_BEFORE = re.compile(rf"(?:\b(?:{_HEDGE}))\s+(?:the\s+)?$", re.I)


def _hedge_before(text: str, start: int) -> tuple[re.Match[str] | None, int]:
    """The hedge just before a figure starting at `start` ("more than 40", "about the 300"), and where in `text` it
    starts (`start` when there is none)."""
    window = text[max(0, start - 30):start]
    found = _HEDGE_BEFORE.search(window)
    return found, start - len(window) + found.start() if found else start

# A share written as a fraction of a set: "half of the drivers", "two-thirds of voters", "a quarter of its staff"
# (not "the first half of the season", a time, nor "a quarter of a percentage point", a fraction of a unit).
_SHARES = {"half": 50.0, "third": 100 / 3, "thirds": 200 / 3, "quarter": 25.0, "quarters": 75.0, "fifth": 20.0}
_SHARE_WORDS = r"(?:(?:a|one)\s+)?half|(?:a|one)[- ]third|two[- ]thirds|(?:a|one)[- ]quarter|three[- ]quarters|(?:a|one)[- ]fifth"
# (a hedge between: "dropped by almost a fifth")
_HEDGES_AFTER_BY = ("almost", "nearly", "about", "around", "roughly", "some", "more than", "less than", "over", "under",
                    "just over", "just under")
_AFTER_BY = "|".join(rf"(?<=\bby\s{hedge})" for hedge in ("", *(f"{hedge} " for hedge in _HEDGES_AFTER_BY)))
_SHARE_OF = (r"(?<![\w-])(?<!first\s)(?<!second\s)(?<!third\s)(?<!final\s)(?<!latter\s)(?<!former\s)"
             rf"(?P<share>{_SHARE_WORDS})(?=\s+of\s+(?!an?\b)[a-z]|\s+the\b)"
             # a change by a share: "profit dropped by a fifth", "cut by half" (not "by a quarter of a point")
             # (only where the change's phrase ends: "hit by a third car" is an ordinal)
             rf"|(?:{_AFTER_BY})(?P<share_by>{_SHARE_WORDS})\b(?=\s*(?:[,.;:)]|$)|\s+(?:to|in|from|on|at|over|since|after|"
             r"last|this|compared|and|or|while|as|but|during|between)\b)")
# A share written as so many of so many: "three in ten pupils", "one in five adults", "seven out of 10 voters" (not
# "two in three years", a time)
_ONE_IN = rf"(?<![\w.,-])(?P<of_n>{_NUM})\s+(?:in|out\s+of)\s+(?P<of_d>{_NUM})\b(?!\s*(?:%|[.,]\d|(?:{_UNIT})\b))"
# A share so written is a rounded one: "nearly half" may be 46 percent, "two-thirds" 64.
SHARE_SPREAD = 4.0
# A change of a rate in points of a percentage, one measure however written: "0.25 percentage points", "25 basis
# points", "a quarter of a percentage point" (a point is a hundred basis points; not a share of a percent, "25%")
PERCENTAGE_POINTS = "pp"
_POINTS = (rf"\b(?P<pp>{_NUM})\s*(?:-\s*)?(?:percentage|percent|per\s*cent)[- ]points?\b"
           rf"|\b(?P<bp>{_NUM})\s*(?:-\s*)?basis[- ]points?\b"
           r"|\b(?P<pp_share>(?:a|one)[- ]quarter|half|three[- ]quarters)\s+(?:of\s+)?(?:a|one)\s+(?:percentage|percent)[- ]point\b")

_PATTERNS = [
    (MONEY, re.compile(
        rf"(?P<sign>{_SIGN})\s?(?P<n>{_NUM}(?:\s*(?:{_SCALE}|{_ABBREV_SCALE})\b){{0,2}})"
        rf"|\b(?P<n2>{_NUMBER}(?:\s*{_ABBREV_SCALE}\b)?)\s+(?P<cur>{_CURRENCY_WORD})\b", re.I)),
    (PERCENT, re.compile(rf"{_POINTS}|\b(?P<n>{_NUM})\s*(?:%|per\s*cent\b|percent\b)|{_SHARE_OF}|{_ONE_IN}", re.I)),
    (TIME, re.compile(
        r"\b(?P<h>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>a\.\s?m\.|p\.\s?m\.|am\b|pm\b)"
        r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!\s*(?:%|[ap]\.?m))"
        r"|\b(?P<named>noon|midnight)\b", re.I)),
    (AGE, re.compile(
        rf"\b(?P<n>{_NUM})[- ]years?[- ]old\b|\baged\s+(?P<n2>{_NUM})\b|\b(?P<n3>{_NUM})[- ]months?[- ]old\b", re.I)),
    (LENGTH, re.compile(
        rf"\b(?P<n>{_NUMBER})\s*(?:-\s*)?(?P<unit>{_UNIT})\b(?!-old)"
        rf"|\b(?:an?[- ])?(?P<unit2>{_UNIT})[- ]and[- ]a[- ]half\b"  # "a year and a half", "the year-and-a-half delay"
        rf"|\b(?P<half>half)[- ]an?[- ](?P<unit3>{_UNIT})\b", re.I)),  # "half an hour", "half a mile"
    # (before counts, which leave a figure joined to another by a dash alone)
    # (not in brackets, where a team's record goes: "the Chiefs (2-13) tied the game")
    (SCORE, re.compile(r"(?<![\w.,$£€¥/:(-])(?<!\(\s)(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})(?![\w%/:]|[.,]\d|\s?[-–]\s?\d)"
                       r"(?!\s*(?:[ap]\.?m\b|percent|per\s*cent|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b))"
                       # a vote's tally in words: "by eight votes to three", "by a vote of seven to two"
                       # (not a count of votes: "won 12,400 votes to 9,300")
                       rf"|(?<![\w,.])(?P<a2>\d{{1,3}}|{_WORD})\s+votes?\s+to\s+(?P<b2>\d{{1,3}}|{_WORD})\b(?![,.]\d)"
                       rf"|\bvote\s+of\s+(?P<a3>\d{{1,3}}|{_WORD})\s*(?:to|-|–)\s*(?P<b3>\d{{1,3}}|{_WORD})\b(?![,.]\d)",
                       re.I)),
    # "41.2C", "39.8 degrees Celsius", "104 degrees Fahrenheit", "-5 °C" (not "3C" in a name: a dot or degrees)
    (TEMPERATURE, re.compile(
        r"(?<![\w.])(?P<n>-?\d+(?:\.\d+)?)\s*(?:°\s?(?P<u1>[CF])\b|degrees?\s+(?P<u2>Celsius|centigrade|Fahrenheit|C|F)\b"
        r"|(?P<u3>Celsius|Fahrenheit)\b)|(?<![\w.])(?P<n2>-?\d+\.\d)(?P<u4>[CF])\b")),
    (ORDINAL, re.compile(rf"\b(?P<o>{'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th))\b", re.I)),
    (COUNT, re.compile(
        rf"\b(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions|billions)\s+of\b"
        rf"|\b(?P<vague2>dozens|hundreds|thousands)\b"
        # (not a figure joined to another by a dash: a record, "(14-13-2)", a score, "a 17-14 win", or a span,
        # "Nov. 17-18", whose first figure alone is no count)
        rf"|(?<![\w.,$£€¥-])(?<![-–]\s)(?P<n>{_NUMBER})(?![\w%]|[.,]\d|-(?:year|month|third|quarter|fifth)|:\d|\s?[-–]\s?\d)", re.I)),
]

_TIME_OF_DAY = dict(_PATTERNS)[TIME]


def clock_times(text: str) -> list[tuple[int, int, float]]:
    """(start, end, minutes after midnight) of each time of day `text` writes: '6:41pm', '6:41 p.m.', '18:41',
    'noon'. (The crosscheck reads quotes with it: one time written on two clocks is one wording.)"""
    found = []
    for match in _TIME_OF_DAY.finditer(text):
        quantity = _read(TIME, match, text)
        if quantity is not None:
            found.append((match.start(), match.end(), quantity.value))
    return found


# What a text must hold for a kind's pattern to match in it, searched first: quick searches that
# spare the slow patterns most sentences. The patterns ignore case; these search the lowercased
# text instead, as an alternation of words that ignores case is several times slower.
_DIGIT = re.compile(r"\d")
# A number written in words (or a vague count), read by every pattern from the start of a word.
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join([*_WORD_NUMBERS, *_SCALES_WRITTEN, 'dozen', 'scores', 'half'])})")
_CLOCK = re.compile(r"\d\s*[ap]|\d:\d")  # "9 pm", "9:15 a.m.", "21:15"
_ORDINAL_SUFFIX = re.compile(r"\d(?:st|nd|rd|th)")
# (the money pattern's own forms, lowercased: they hold no escape, such as \S, that lowercasing changes)
_CURRENCY = re.compile(f"{_SIGN}|{_CURRENCY_WORD}".lower())
_PER_CENT = re.compile(r"%|per\s*cent|basis[- ]point")
_SHARE_WORD = re.compile(r"\b(?:half|thirds?|quarters?|fifth)\s+(?:of|the)\b"
                         rf"|(?:\d|\b(?:{_WORD}))\s+(?:in|out\s+of)\s+(?:\d|(?:{_WORD})\b)"
                         rf"|\bby\s+(?:(?:{'|'.join(_HEDGES_AFTER_BY)})\s+)?(?:(?:a|one)\s+)?(?:half|third|quarter|fifth)")
_NUMBER_UNIT = re.compile(  # "80 km", "six-mile", "a year and a half", "half an hour"
    rf"(?:\d|{_NUMBER_WORD.pattern})\s*(?:-\s*)?(?:{_UNIT})\b|(?:{_UNIT})[- ]and[- ]a[- ]half|half[- ]an?[- ](?:{_UNIT})")
# Letters IGNORECASE matches to an ASCII letter that str.lower() does not turn into it ("ſ" matches
# "s", "ı" and "İ" match "i", and "İ" lowers to two characters): a text holding one is read without
# the quick searches (tests/test_quantities.py checks the list against every Unicode letter).
_FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f]")


_SCORE_WRITTEN = re.compile(r"\d\s?[-–]\s?\d")
_TEMPERATURE_WRITTEN = re.compile(r"\d\s*°|degree|celsius|fahrenheit|\d\.\d[cf]\b")
# A score is one only beside the words of a result: not a span ("Nov. 17-18"), a record ("14-13") or an address.
_RESULT_WORDS = re.compile(
    r"\b(?:beat|beats|beating|won|win|wins|winning|victory|victories|defeat|defeated|defeats|lost|lose|loses|losing|"
    r"loss|drew|draw|tied|edged|routed|thrashed|downed|hammered|scoreline|vote|voted|votes|voting|ruling|decision)\b",
    re.I)
_VOTE_WORDS = re.compile(r"\b(?:vote|voted|votes|voting|ruling|decision)\b", re.I)


def _kinds_written(text: str) -> tuple[str, ...]:
    """The kinds whose patterns may match in `text`: a kind left out has no match there."""
    if not text.isascii() and _FOLDS_ODDLY.search(text):
        return KINDS
    text = text.lower()
    digit = _DIGIT.search(text) is not None
    kinds = []
    if (digit and _CLOCK.search(text)) or "noon" in text or "midnight" in text:
        kinds.append(TIME)
    if (digit and _ORDINAL_SUFFIX.search(text)) or any(word in text for word in _ORDINALS):
        kinds.append(ORDINAL)
    # every other kind reads a number, in digits or in words
    if digit or _NUMBER_WORD.search(text):
        kinds.append(COUNT)
        if _CURRENCY.search(text):
            kinds.append(MONEY)
        if _PER_CENT.search(text):
            kinds.append(PERCENT)
        if "old" in text or "aged" in text:
            kinds.append(AGE)
        if _NUMBER_UNIT.search(text):
            kinds.append(LENGTH)
    if (digit and _SCORE_WRITTEN.search(text)) or "votes to" in text or "vote of" in text:
        kinds.append(SCORE)
    if digit and _TEMPERATURE_WRITTEN.search(text):
        kinds.append(TEMPERATURE)
    if PERCENT not in kinds and _SHARE_WORD.search(text):
        kinds.append(PERCENT)
    return tuple(kinds)


def number_value(text: str) -> float | None:
    """'1,400', '3.2 billion', 'twenty-eight', 'a dozen', '3.2bn', 'two and a half million' -> the number."""
    halves = _HALF_WRITTEN.fullmatch(text.strip().lower())
    if halves:
        written_scale = halves["scale"] or halves["scale2"]
        scale = _SCALES[written_scale] if written_scale else 1.0
        whole = number_value(halves["whole"]) if halves["whole"] else 0.0
        return None if whole is None else (whole + 0.5) * scale
    words = re.findall(r"[\d,.]+|[a-z]+", text.lower())
    if not words:
        return None
    total, current, seen = 0.0, None, False
    for word in words:
        if word in ("a", "an"):
            current = 1.0 if current is None else current
            continue
        if word == "and" and seen:
            continue  # "five hundred and fifty"
        if word == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", word):
            current = (current or 0.0) + float(word.replace(",", ""))
            seen = True
        elif word in _WORD_NUMBERS:
            current = (current or 0.0) + _WORD_NUMBERS[word]
            seen = True
        elif word in _SCALES and current is not None:
            seen = True
            scale = _SCALES[word]
            if scale >= 1000:
                total += current * scale
                current = None
            else:
                current *= scale
        else:
            return None
    if not seen:
        return None
    value = total + (current or 0.0)
    return value if math.isfinite(value) else None  # 400 digits are no count: float gives inf


_HALF_WRITTEN = re.compile(
    rf"(?P<whole>.+?)\s+and\s+a\s+half(?:\s+(?P<scale>{_SCALE}))?|(?:an?\s+)?half[- ](?:an?\s+)?(?P<scale2>{_SCALE})")
_SCALE_AFTER_DIGITS = [(re.compile(rf"(?:\d\s*|half[- ](?:an?\s+)?){word}\b"), factor) for word, factor in _SCALES.items()]


def _precision(text: str, value: float) -> float:
    """Half the last written digit's place, scaled: '3.2 billion' -> 0.05 billion; '352' -> 0."""
    scale = 1.0
    lowered = text.lower()
    for pattern, factor in _SCALE_AFTER_DIGITS:
        if pattern.search(lowered):
            scale = max(scale, factor)
    if scale == 1.0:
        return 0.0
    if "half" in lowered:
        return 0.045 * scale  # "half a million": 0.5 million, one decimal written
    digits = re.search(r"\d+(?:\.(\d+))?", text)
    if digits is None:
        return 0.0
    decimals = len(digits.group(1) or "")
    return 0.45 * scale * 10 ** (-decimals)  # just under half: "3.1" and "3.2" billion do not touch


def find(text: str, document: str = "", offset: int = 0) -> list[Quantity]:
    """Every quantity written in `text` (offsets shifted by `offset`), longest forms first, none overlapping."""
    taken: list[tuple[int, int]] = []  # the spans read so far, apart and in order
    found: list[Quantity] = []
    written = _kinds_written(text)
    for kind, pattern in _PATTERNS:
        if kind not in written:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            # (the one span that could overlap starts last before this one ends: a scan of all of them made a
            # page of 20,000 figures take seconds)
            at = bisect_left(taken, (end,))
            if at > 0 and taken[at - 1][1] > start:
                continue
            quantity = _read(kind, match, text)
            if quantity is None:
                continue
            insort(taken, (start, end))
            hedge_start = start
            if quantity.hedge == "":
                before, hedge_at = _hedge_before(text, start)
                if before:
                    hedge = next(name.rstrip("0123456789") for name, v in before.groupdict().items() if v)
                    quantity = _hedged(quantity, hedge)
                    hedge_start = hedge_at
            if quantity.hedge == "" and re.match(r"\s*or\s+so\b", text[end:]):
                quantity = _hedged(quantity, "about")
            if quantity.kind == TIME and quantity.hedge == "":
                window = text[max(0, start - 20):start]
                after = _TIME_AFTER.search(window)
                near = after or _TIME_BEFORE.search(window)
                if near is not None:
                    low = quantity.value if after else quantity.value - TIME_NEAR
                    quantity = quantity.with_(low=low, high=low + TIME_NEAR, hedge="range")
                    hedge_start = start - (len(window) - near.start())
            found.append(quantity.with_(document=document, start=offset + hedge_start, end=offset + end,
                                        written=text[hedge_start:end]))
    found.sort(key=lambda q: q.start)
    return _ranges_joined(found, text, offset)


# "35 to 40 firefighters", "40 percent to 70 percent", "between 50 and 70 percent": one figure, a range
_RANGE_BETWEEN = re.compile(r"\s*(?:to|-|–)\s*|\s+and\s+")
_RANGE_OPENS = re.compile(r"\bbetween\s+(?:\S+\s+){0,2}$", re.I)
_CHANGE_OPENS = re.compile(r"\bfrom\s+(?:\S+\s+){0,2}$", re.I)  # "from 10 to 12": a change's two ends


def _ranges_joined(found: list[Quantity], text: str, offset: int) -> list[Quantity]:
    """Two figures of one measure written as a range are one figure from the first to the second."""
    joined: list[Quantity] = []
    for quantity in found:
        first = joined[-1] if joined else None
        start = _range_start(first, quantity, text, offset) if first is not None else None
        if first is not None and start is not None:
            joined[-1] = first.with_(kind=quantity.kind, unit=quantity.unit, written_unit=quantity.written_unit,
                                     low=first.value, high=quantity.high, hedge="range", start=start, end=quantity.end,
                                     written=text[start - offset : quantity.end - offset])
        else:
            joined.append(quantity)
    return joined


def _range_start(first: Quantity, second: Quantity, text: str, offset: int) -> int | None:
    """Where the range the two figures make starts ("between" with "and", else the first figure), or None
    when they make none."""
    if first.vague or second.vague or first.hedge == "range" or not first.value < second.value:
        return None  # ("a 5 to 4 vote" is no range)
    if not (first.kind == second.kind and first.unit == second.unit) and not (first.kind == COUNT and second.kind == PERCENT):
        return None
    between = _RANGE_BETWEEN.fullmatch(text, first.end - offset, second.start - offset)
    if between is None:
        return None
    window = max(0, first.start - offset - 30)
    if "and" in between.group():
        opens = _RANGE_OPENS.search(text, window, first.start - offset)
        return opens.start() + offset if opens is not None else None
    return first.start if _CHANGE_OPENS.search(text, window, first.start - offset) is None else None


def _hedged(quantity: Quantity, hedge: str) -> Quantity:
    value = quantity.value
    if quantity.kind == TIME:
        if hedge in ("about", "nearly"):
            return quantity.with_(low=value - TIME_ABOUT, high=value + TIME_ABOUT, hedge="about")
        return quantity.with_(low=value if hedge == "min" else 0.0, high=float("inf") if hedge == "min" else value, hedge=hedge)
    if hedge == "min":
        return quantity.with_(low=value, high=float("inf"), hedge=hedge)
    if hedge == "max":
        return quantity.with_(low=0.0, high=value, hedge=hedge)
    if hedge == "nearly":
        return quantity.with_(low=value * (1 - NEARLY), high=value, hedge=hedge)
    return quantity.with_(low=value * (1 - ABOUT), high=value * (1 + ABOUT), hedge=hedge)


def _first_group(groups: dict[str, str | None], *names: str) -> str:
    """The first of the named groups that holds text: a pattern's alternatives each write
    the number in a group of their own ("" if none did: then no number is read)."""
    for name in names:
        value = groups.get(name)
        if value:
            return value
    return ""


def _share(written: str) -> float:
    """The percent a share written in words is: "two-thirds" 66.7, "a quarter" 25 (`_SHARES`, by its last word)."""
    return _SHARES[re.split(r"[- \s]+", written.lower())[-1]]


def _percentage_points(groups: dict[str, str | None]) -> float | None:
    """The points `_POINTS` matched: "0.25 percentage points", "25 basis points" and "a quarter of a point" are 0.25."""
    if groups.get("pp_share"):
        return _share(groups["pp_share"] or "") / 100
    if groups.get("bp"):
        basis = number_value(groups["bp"] or "")
        return basis / 100 if basis is not None else None
    return number_value(groups.get("pp") or "")


def _read(kind: str, match: re.Match[str], text: str) -> Quantity | None:
    groups = match.groupdict()
    written = match.group(0)
    if kind == MONEY:
        number = _first_group(groups, "n", "n2")
        value = number_value(_expand_abbreviated_scale(number))
        if value is None:
            return None
        currency = _CURRENCY_SIGNS.get(_folded(groups.get("sign") or "")) or _CURRENCY_WORDS.get(
            _folded(groups.get("cur") or ""))
        if currency is None:
            return None
        spread = _precision(_expand_abbreviated_scale(number), value)
        return Quantity(MONEY, value, value - spread, value + spread, currency, written, "", 0, 0, written_unit=currency)
    if kind == PERCENT and (groups.get("pp") or groups.get("bp") or groups.get("pp_share")):
        points = _percentage_points(groups)
        if points is None:
            return None
        return Quantity(PERCENT, points, points, points, PERCENTAGE_POINTS, written, "", 0, 0, written_unit=PERCENTAGE_POINTS)
    if kind == PERCENT and (groups.get("share") or groups.get("share_by")):
        value = _share(groups.get("share") or groups["share_by"] or "")
        return Quantity(PERCENT, value, value - SHARE_SPREAD, value + SHARE_SPREAD, "%", written, "", 0, 0,
                        hedge="about", written_unit="share")
    if kind == PERCENT and groups.get("of_n"):
        part, whole = number_value(groups["of_n"]), number_value(groups["of_d"])
        if part is None or not whole or not 0 < part < whole or re.fullmatch(r"1\d\d\d|20\d\d", groups["of_d"]):
            return None  # ("arrested 3 in 2009": a year)
        value = 100 * part / whole
        spread = min(SHARE_SPREAD, value / 5)  # ("one in 100" is about 1 percent, not up to 5)
        return Quantity(PERCENT, value, value - spread, value + spread, "%", written, "", 0, 0,
                        hedge="about", written_unit="share")
    if kind == PERCENT:
        value = number_value(groups["n"])
        if value is None:
            return None
        return Quantity(PERCENT, value, value, value, "%", written, "", 0, 0, written_unit="%")
    if kind == TIME:
        if groups.get("named"):
            minutes = 720.0 if groups["named"].lower() == "noon" else 0.0
        elif groups.get("h"):
            hour, minute = int(groups["h"]), int(groups.get("mm") or 0)
            if hour > 12 or minute > 59:
                return None
            pm = groups["ampm"].lower().startswith("p")
            minutes = float((hour % 12 + (12 if pm else 0)) * 60 + minute)
        else:
            minutes = float(int(groups["h24"]) * 60 + int(groups["m24"]))
        # a time in a named zone ("4:30 p.m. ET", "1830 GMT") is a measure of its own: "3:30 p.m." in another report
        # may be the same moment in another zone. "Local time" names none: it says what a time left bare says, as
        # news style gives the time where the event happened ("just before 3am local time", "at around 5 a.m.")
        zone = _TIME_ZONE.match(text, match.end())
        named = zone.group(1) if zone is not None and not zone.group(1).lower().startswith("local") else ""
        unit = f"min {named.upper()}" if named else "min"
        return Quantity(TIME, minutes, minutes, minutes, unit, written, "", 0, 0, written_unit="clock")
    if kind == AGE:
        number = _first_group(groups, "n", "n2", "n3")
        value = number_value(number)
        if value is None:
            return None
        if groups.get("n3"):
            value = value / 12
        return Quantity(AGE, value, value, value, "year", written, "", 0, 0, written_unit="year")
    if kind == LENGTH:
        unit = _folded(_first_group(groups, "unit", "unit2", "unit3"))
        unit_kind, factor, base = _UNITS[unit]
        if unit in ("m", "g", "ha", "mi", "ft", "yd") and not re.search(r"\d" + unit + r"$", written, re.I):
            return None  # a one- or two-letter unit is one only right after its digits ("5m", not "5 m")
        value = 1.5 if groups.get("unit2") else 0.5 if groups.get("half") else number_value(groups["n"])
        if value is None:
            return None
        after = text[match.end():match.end() + 12].lower()
        if unit in ("pound", "pounds") and re.search(r"(?:million|billion|trillion)\s*$", groups["n"] or "", re.I) \
                and not re.match(r"\s*of\b", after):
            # "a fee of 23 million pounds" is sterling: millions of pounds weighed are "of" something
            spread = _precision(groups["n"], value)
            return Quantity(MONEY, value, value - spread, value + spread, "GBP", written, "", 0, 0, written_unit="GBP")
        if (unit_kind == DURATION and re.match(r"\s*(?:ago|earlier|later|before|after|from\s+now|old)\b", after)
                and not _LENGTH_OF_TIME_BEFORE.search(text, max(0, match.start() - 12), match.start())):
            # a date relative to another ("two years ago"), not a length of time; but "delayed by 90 minutes after a
            # train broke down" and "stuck for three hours before help came" are lengths, told before the clause
            return None
        per = _PER_TIME_AFTER_CONVERSION.match(text, match.end())
        if unit_kind == LENGTH and per and _folded(f"{unit} per {per.group('time')}") in _UNITS:
            # "105 miles (170 kilometers) per hour": a speed, its conversion set inside it (AP's style)
            unit = _folded(f"{unit} per {per.group('time')}")
            unit_kind, factor, base = _UNITS[unit]
        spread = _precision(groups["n"] or "", value) * factor
        return Quantity(unit_kind, value * factor, value * factor - spread, value * factor + spread, base, written, "", 0, 0,
                        written_unit=_UNIT_SPELLING[unit_kind, factor])
    if kind == TEMPERATURE:
        value = float(_first_group(groups, "n", "n2"))
        scale = "C" if _first_group(groups, "u1", "u2", "u3", "u4")[:1].upper() == "C" else "F"
        return Quantity(TEMPERATURE, value, value, value, scale, written, "", 0, 0, written_unit=scale)
    if kind == SCORE and groups.get("a") is None:
        first, second = number_value(_first_group(groups, "a2", "a3")), number_value(_first_group(groups, "b2", "b3"))
        if first is None or second is None:
            return None
        more, fewer = sorted((int(first), int(second)), reverse=True)
        value = float(more * 1000 + fewer)
        return Quantity(SCORE, value, value, value, "", written, "", 0, 0, written_unit="score", noun="vote")
    if kind == SCORE:
        before, after = text[max(0, match.start() - 40) : match.start()], text[match.end() : match.end() + 25]
        if not (_RESULT_WORDS.search(before) or _RESULT_WORDS.search(after)):
            return None
        more, fewer = sorted((int(groups["a"]), int(groups["b"])), reverse=True)  # ("lost 1-3" is the 3-1 told by the loser)
        value = float(more * 1000 + fewer)
        # a vote's tally and a match's score are two things, though both are written "7-2"
        noun = "vote" if _VOTE_WORDS.search(before) or _VOTE_WORDS.search(after) else ""
        if not noun and _AGGREGATE.match(after):
            noun = "aggregate"  # "a 2-1 aggregate win", "2-1 on aggregate": two legs' sum, not one match's score
        return Quantity(SCORE, value, value, value, "", written, "", 0, 0, written_unit="score", noun=noun)
    if kind == ORDINAL:
        word = _folded(groups["o"])
        if word == "second" and _PER_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            return None  # "43 miles (69 kilometers) per second": a unit of time, not the second of anything
        digits = re.match(r"\d+", word)  # "21st"; else a word ("twenty-first")
        value = _ORDINALS.get(word) or (float(digits.group()) if digits else None)
        if value is None:
            return None
        return Quantity(ORDINAL, float(value), float(value), float(value), "", written, "", 0, 0)
    # counts
    vague = groups.get("vague") or groups.get("vague2")
    if vague:
        low, high = _VAGUE[_folded(vague)]
        return Quantity(COUNT, float(low), float(low), float(high), "", written, "", 0, 0, hedge="vague")
    number = groups["n"]
    if re.fullmatch(r"an?\s+(?:hundred|thousand|million|billion|trillion|dozen)", number, re.I):
        value = number_value(number)
        if value is None:
            return None
        if number.split()[-1].lower() != "dozen":
            return Quantity(COUNT, value, value, value * 1.99, "", written, "", 0, 0, hedge="vague")
        return Quantity(COUNT, value, 10.0, 14.0, "", written, "", 0, 0, hedge="about")
    if number.lower().endswith("dozen"):  # "four dozen", "two dozen": 48 and 24, as loosely as "a dozen" is 12
        value = number_value(number)
        if value is None:
            return None
        return Quantity(COUNT, value, value * 10 / 12, value * 14 / 12, "", written, "", 0, 0, hedge="about")
    value = number_value(number)
    if value is None:
        return None
    if re.fullmatch(r"(?:1[89]|20)\d\d", number):
        return None  # a year
    if value == 1 and number.isalpha():
        return None  # "one of them", "no one": rarely a count
    spread = _precision(number, value)
    return Quantity(COUNT, value, value - spread, value + spread, "", written, "", 0, 0)


# "(170 kilometers) per hour" after a length: the rest of a speed whose conversion is written inside it.
_PER_TIME_AFTER_CONVERSION = re.compile(r"\s*\([^()\n]{1,40}\)\s*(?:per|an?)\s+(?P<time>hour|second)\b(?!['’]s)", re.I)
_PER_BEFORE = re.compile(r"\bper\s+$", re.I)
_TIME_ZONE = re.compile(r"\s*\(?([ECMP][SD]?T|HST|GMT|UTC|BST|CES?T|(?i:local\s+time))\b")  # (capitals: "at" is no zone)
# "shortly after 2 a.m.", "just before 7 p.m.": the half hour after or before the time
_LENGTH_OF_TIME_BEFORE = re.compile(r"\b(?:by|for|lasting)\s+(?:about\s+|almost\s+|nearly\s+|more\s+than\s+)?$", re.I)
_TIME_AFTER = re.compile(r"\b(?:shortly|just|soon|right|minutes)\s+(?:after|past)\s+$", re.I)
_TIME_BEFORE = re.compile(r"\b(?:shortly|just|right|minutes)\s+before\s+$", re.I)


_AGGREGATE = re.compile(r"\s*(?:on\s+)?aggregate\b", re.I)


def _folded(words: str) -> str:
    """Matched words as the patterns read them, to look up: lowercased, one space between words, and the
    letters IGNORECASE takes for an ASCII one that str.lower() keeps ("ſ" for "s", "ı" for "i") or makes
    two characters of ("İ"). A unit written "mıles" matched and was then looked up as is: a KeyError that
    stopped the whole brief."""
    return _SPACES.sub(" ", words.lower().replace("ſ", "s").replace("ı", "i").replace("i\u0307", "i"))


_SPACES = re.compile(r"\s+")


def _expand_abbreviated_scale(number: str) -> str:
    """'3.2bn' -> '3.2 billion', '3m' -> '3 million'."""
    match = re.fullmatch(r"(.*?\d)\s*(bn|mn|mln|tn|trn|[mbk])", number.strip(), re.I)
    if not match:
        return number
    word = {"bn": "billion", "b": "billion", "mn": "million", "mln": "million", "m": "million", "k": "thousand",
            "tn": "trillion", "trn": "trillion"}[match.group(2).lower()]
    return f"{match.group(1)} {word}"


# --- what a quantity measures, off the parse ------------------------------------


def measure(quantity: Quantity, doc) -> Quantity:
    """Fill the counted noun, the predicate class and (for ages) the owner from the parse."""
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return quantity
    # (not the unit's "second", which spaCy reads as a number word: "45 miles per second")
    numbers = [t for t in span if (t.like_num or t.text[:1].isdigit()) and not (quantity.kind == SPEED and t.lower_ == "second")]
    # ("Nearly half a tonne": its number is "half", not the hedge)
    token = numbers[-1] if numbers else next(
        (t for t in span if t.lower_ in _VAGUE_WORDS or (t.lower_ == "half" and t.dep_ == "predet")), span[0])
    token = next((t for t in span if t.lower_ == "dozen" and t.dep_ == "nummod"), token)  # "two dozen miners": "dozen" counts them
    if quantity.kind == SCORE:
        return quantity.with_(token=token.i)  # (what it is the score of, its words said: `_read`)
    if quantity.kind == COUNT and _refers_back(token):
        return quantity.with_(token=token.i)  # "of those 11", "the 11": a count already given, not a claim
    if quantity.kind == COUNT and _part_of_a_name(token):
        return quantity.with_(token=token.i, role=NAMED)  # "Internet Explorer 7", "Boeing 727", "Route 52"
    if quantity.kind != COUNT and _CONVERSION.search(doc_text(doc), max(0, quantity.start - 40), quantity.start):
        # "11 kph (7 mph)", "10.4 billion pesos (dlrs 252.8 million)": the figure before, in other units
        return quantity.with_(token=token.i, role=CONVERSION)
    noun = _measured_noun(token, quantity.kind)
    if noun is not None and quantity.start <= noun.idx < quantity.end and (
            quantity.kind == SPEED or (quantity.kind == MONEY and noun.lower_.rstrip(".") in _SCALE_LETTERS)):
        noun = None  # the unit's own last word ("winds of 250 km/h": "h"; "sold for £2.1m": "m", "m." ending a sentence)
    if quantity.kind == MONEY and noun is not None:
        noun = _worth_of(noun) or noun  # "4 billion pesos worth of crops": crops, not pesos
    if noun is not None and noun.lemma_.lower() in _CONTAINERS:
        noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), noun)  # "a 4.5-tonne shipment of cocaine"
    if quantity.kind == LENGTH and noun is not None and noun.lemma_.lower() in _PLAYS \
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        noun = None  # one of many: "a seven-yard pass", "an 11-yard pass" (but "a 120-metre cliff" is the cliff's size)
    predicate = _predicate(token, noun)
    if quantity.kind in _SIZES and noun is not None and _HYPHENED_UNIT.search(quantity.written):
        predicate = ""  # "falling down a 120-metre cliff", "climbing the 200-foot cliff": the cliff's size, whatever was done
    noun_key = noun_class(noun.lemma_) if noun is not None else ""
    charge = charged_with(noun, named_before=True) if noun is not None else None
    if charge is not None:
        noun_key = f"{noun_key} of {charge.lemma_.lower()}"  # "three charges of attempted murder": murder charges
        if predicate in _LAYING_CHARGES:
            predicate = "charge"  # charged with, faces, brought, unveiled: the charges laid, one figure
    if noun_key in EVENT_NOUNS:
        predicate = EVENT_NOUNS[noun_key]  # "dozens of arrests have been made": arrests
    elif (noun is not None and noun.lemma_.lower() in PREDICATE_CLASS
          and ((not predicate or predicate in _LIGHT) or (quantity.kind in (PERCENT, MONEY)
                                                          and PREDICATE_CLASS[noun.lemma_.lower()] in CHANGES))
          and (quantity.kind != COUNT or PREDICATE_CLASS[noun.lemma_.lower()] in HUMAN_PREDICATES)):
        # (a share or a sum that sizes a change, "accepted a 4% raise", is that change's, whatever verb took it)
        # "$3.2 billion in cuts" says what "cut $3.2 billion" says; "paid a $40 million settlement", "settled"; "12
        # fatalities" counts people killed (other counts keep what they count: "received 12,400 votes")
        predicate, noun_key = PREDICATE_CLASS[noun.lemma_.lower()], ""
    elif (not predicate or predicate in _COVERING) and (event := _event_subject(token)) is not None:
        predicate = event  # "the recall covers 85,500 vehicles" says what "recalled 85,500 vehicles" says
    elif quantity.kind == COUNT and predicate in _HAVING:
        predicate = ""  # "Moro received 12,400 votes", "Moro got 14,200 votes": votes had, by no event
    if quantity.kind == DURATION and _prison_term(token, noun, predicate):
        predicate, noun_key = "sentence", ""  # "jailed for three years" says what "a three-year prison sentence" says
    shaken = _magnitude(token) if quantity.kind == COUNT else None
    if shaken is not None:
        # "a 6.1-magnitude quake", "measured 5.8 on the Richter scale"; an aftershock's is another magnitude
        noun, noun_key, predicate = None, MAGNITUDE, shaken
    if quantity.kind == COUNT and noun is None:
        tallied = _tally_of(token)  # "the death toll rose to at least 11": people killed
        if tallied:
            noun_key, predicate = tallied
    if quantity.kind == COUNT and predicate == "lose" and noun_key in ("worker", "people") and _their_jobs(noun):
        noun_key, predicate = "job", "cut"  # "Fifty workers will lose their jobs": fifty jobs cut
    if quantity.kind == COUNT and predicate == "infect" and noun_key == "people":
        # "has infected about 120 people" counts what "312 cases of measles" does ("40 children" may be some of them)
        noun_key, predicate = "case", ""
    if quantity.kind == COUNT and predicate == "survive" and noun is not None and _none_of(noun):
        predicate = "kill"  # "None of the seventeen passengers and crew survived": all seventeen were killed
    if quantity.kind == COUNT and not noun_key and predicate in HUMAN_PREDICATES:
        noun_key = "people"
    if noun_key in CROWDS:
        noun_key, predicate = "people", ""  # how many it held, whatever it did ("watched", "in front of")
    if noun_key in ("death", "injury", "arrest"):
        noun_key = "people"
    owner = ""
    places: frozenset[str] = frozenset()
    owner_name = owner_given = ""
    aged = quantity.kind == COUNT and quantity.exact and 0 < quantity.value < 120
    died = _died_at(token) if aged else None
    if died is not None:
        noun_key, predicate = "", ""  # (an age at death: not 84 people killed)
    said_of = (_said_to_be(token) or died) if aged else None
    stated = _person_said_of(token, said_of) if said_of is not None else None
    if stated is not None:  # "Ruth Abara, who is 61,", "Duda died at 84": the person's age
        quantity = quantity.with_(kind=AGE, unit="year", written_unit="year")
        owner, owner_name, owner_given = _surname(stated), person_name(stated), given_name(stated)
    elif said_of is not None and (said_of.lower_ in _HE_OR_SHE or died is not None):
        # "He was 41.", "The singer died at 84": an age, whose not said
        quantity = quantity.with_(kind=AGE, unit="year", written_unit="year")
    elif quantity.kind == AGE or (quantity.kind == COUNT and token.dep_ == "appos" and _is_person(token.head)):
        person = _age_owner(token)
        owner = _surname(person) if person is not None else ""
        owner_name = person_name(person) if person is not None else ""
        owner_given = given_name(person) if person is not None else ""
        if person is None and quantity.kind == AGE and (sex := _suspect_aged(token)) is not None:
            owner = owner_name = THE_SUSPECT  # "A 34-year-old man has been charged", "The suspect, aged 43"
            owner_given = sex
        if quantity.kind == COUNT and person is not None and 0 < quantity.value < 120 and quantity.exact:
            quantity = quantity.with_(kind=AGE, unit="year", written_unit="year")  # "Mayor Holt, 61,"
    if quantity.kind == LENGTH:
        places = _places_apart(token)
    # (only a change has ends: a tally's "rose to 14" is the figure itself, "14 killed")
    whole = (noun is not None and _whole_of_part(token, noun)) or _written_after_a_part(span)
    role = "whole" if whole else _end_of_change(span) if predicate in CHANGES else ""
    # (and the word just before the figure: in "an additional five hundred and fifty thousand dollars" the
    # parse hangs "additional" off "dollars", which it does not give as the counted noun)
    before = (span.doc[span.start - 1],) if span.start > 0 else ()
    around = (*token.children, *(noun.children if noun is not None else ()), *before)
    if quantity.kind == COUNT and _venue_holds(token, noun):
        role, noun_key, predicate = "", CAPACITY, ""  # "a 42,000-seat stadium", "Kestrel Park holds 42,000 spectators"
    elif not role and quantity.kind == COUNT and noun is not None and _hyphenated_size(token, noun):
        # "an 86-seat assembly", "a 30-car pileup": how big a thing is, not how many of them something was done to
        # (and a word before it is the thing's: "a new 48-page indictment" is no 48 more pages)
        role, predicate = "size", ""
    elif not role and quantity.kind in (COUNT, MONEY) and any(adds_to_them(c, token) for c in around):
        role = "more"  # "Velmar and three other provinces": four in all, not three; "an additional $550,000"
    elif not role and quantity.kind == DURATION and _COUNTDOWN.match(doc_text(span.doc)[span.end_char : span.end_char + 20]):
        role = "until"  # "with four days until the money runs out": counted from the report's own day
    elif not role and quantity.kind in (PERCENT, COUNT) and _counted_so_far(span):
        role = COUNTED  # "With 22 percent of the vote counted, Cardoso had 51 percent": how far the count got
    elif not role and quantity.kind in (COUNT, MONEY) and _on_average(token, noun, span):
        role = AVERAGE  # "averaged 100 RBIs in six seasons", "300 people a day": a rate, not one season's tally
    elif not role and quantity.kind == COUNT and noun is not None and _selected(token, noun):
        role = SELECTED  # "their first two drives", "the final two games": some of them, picked out
    elif not role and quantity.kind in (COUNT, MONEY) and _since_a_year(token):
        role = SINCE  # "has now eliminated 1,100 positions since launching a programme in 2023": all of them so far
    elif not role and quantity.kind in (COUNT, PERCENT) and _margin_of_victory(token, noun):
        role, predicate = MARGIN, ""  # "won the race by 312 votes", "upheld her victory by 213 votes": one margin
    elif not role and quantity.kind == COUNT and predicate not in PREDICATE_CLASS_NAMES and _part_of_a_set(token):
        # "caring for five of her daughter's kids": some of a set, not how many it holds ("killed two of the
        # gunmen" says what happened to two, as "three gunmen were killed" does)
        role = PART
    if quantity.kind == ORDINAL and noun is None and _placed(token):
        noun_key = PLACE  # "finished fourth" is the place "took third place" gives
    if quantity.kind == ORDINAL and noun_key == PLACE:
        # whose, for the label only: one report says "she", another the name
        verb = token.head if noun is None else noun.head
        placed = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        owner_name = person_name(placed) if placed is not None and placed.pos_ == "PROPN" else ""
        owner = _placed_in(verb, noun)
    if quantity.kind == COUNT and not owner and (place := _population_of(token, noun)) is not None:
        # a place's population holds from one report to the next, whatever the clause does: its own measure
        noun_key, predicate, role = "people", "", POPULATION
        owner = _place_key(place) if place.pos_ == "PROPN" else place.text.lower()  # (a name tagged a noun is no "the ...")
        owner_name = owner.title() if place.pos_ == "PROPN" else place.text
    return quantity.with_(noun=noun_key, predicate=predicate, owner=owner, owner_name=owner_name,
                          owner_given=owner_given, places=places,
                          token=token.i, role=role)


# A place in a race or a ranking ("finished fourth", "took third place"): one contestant's, in one event.
PLACE = "place"
_PLACING_VERBS = {"finish", "come", "end", "place", "rank"}


def _placed(ordinal) -> bool:
    """Whether an ordinal hangs straight off a verb of placing: "finished fourth", "came second", "placed 12th"."""
    return ordinal.head.lemma_.lower() in _PLACING_VERBS and ordinal.head.pos_ == "VERB" and ordinal.dep_ in (
        "advmod", "npadvmod", "dobj", "attr", "oprd", "acomp", "xcomp")


def _placed_in(verb, noun) -> str:
    """The event a place was taken in, as its word: "finished fourth in the downhill" -> "downhill"."""
    for head in (noun, verb):
        for child in head.children if head is not None else ():
            if child.dep_ == "prep" and child.lower_ == "in":
                event = next((g for g in child.children if g.dep_ == "pobj"), None)
                if event is not None:
                    return event.lemma_.lower()
    return ""


POPULATION = "population"
# Nouns of a place people live in ("Wendlow, a town of 40,000"), and of the people who live there.
_SETTLEMENTS = {"town", "city", "village", "hamlet", "country", "nation", "island", "community", "municipality",
                "suburb", "borough", "county", "province", "region", "district", "state"}
_DWELLERS = {"resident", "inhabitant", "people", "person", "citizen", "villager", "islander", "townspeople"}


def _population_of(token, noun):
    """The named place whose population a count is, else None: "Wendlow, a town of 40,000", "Marrow, a city of 2
    million people", "Some 14,000 residents live in Wendlow", "Wendlow's population of 40,000", "Wendlow has a
    population of 40,000". A place the words do not name ("a town of 5,000 was flooded") has none to compare."""
    dwellers = noun is not None and noun.lemma_.lower() in _DWELLERS
    counted = noun if dwellers else token
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.pos_ == "NOUN":
        holder = counted.head.head
        if holder.lemma_.lower() in _SETTLEMENTS:
            return _named_beside(holder)
        if holder.lemma_.lower() == "population":
            owner = next((c for c in holder.children if c.dep_ == "poss" and _a_name(c)), None)
            if owner is None and holder.dep_ == "dobj" and holder.head.lemma_.lower() == "have":
                owner = next((c for c in holder.head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")
                              and c.text[:1].isupper()), None)
            return owner if owner is not None else _named_beside(holder)
    if dwellers and noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "live":
        return next((g for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "in"
                     for g in c.children if g.dep_ == "pobj" and _a_name(g)), None)
    return None


def _named_beside(noun):
    """The name a noun stands beside as an apposition ("Wendlow, a town of 40,000"; "a town of 40,000, Wendlow")."""
    if noun.dep_ == "appos" and _a_name(noun.head):
        return noun.head
    return next((c for c in noun.children if c.dep_ == "appos" and _a_name(c)), None)


def _a_name(token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence (the small model tags many a rare town a noun)."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_sent_start)


# A figure in brackets just after another, in other units: "11 kph (7 mph)", "4 billion pesos (dlrs 100 million)".
CONVERSION = "conversion"
_CONVERSION = re.compile(r"\d[\d.,]*(?:[-\s]*[A-Za-z$€£]+\.?){0,2}\s*\(\s*(?:[A-Za-z$€£]+\.?\s*)?$")


# Words that make a count more of them: "three other provinces", "two more men".
MORE_OF_THEM = frozenset({"other", "more", "additional", "another", "further", "extra", "remaining", "new"})


def adds_to_them(word, number) -> bool:
    """Whether `word` makes the count `number` more of them: "three other provinces", "two more men",
    "another 300". Not "more than 300" (a floor), and not the "other" of "killing two and injuring 24 other
    people": other than those killed, so all the injured."""
    if word.lower_ not in MORE_OF_THEM:
        return False
    doc = word.doc
    if word.lower_ == "more" and word.i + 1 < len(doc) and doc[word.i + 1].lower_ == "than":
        return False
    return not (word.lower_ == "other" and _after_another_tally(number))


def _after_another_tally(number) -> bool:
    """Whether the sentence, before `number`, counts what happened to someone else: a verb of another
    tally ("killing the two bombers") with a number among its words."""
    own = next((a for a in number.ancestors if a.pos_ == "VERB"), None)
    tally = predicate_class(own.lemma_) if own is not None else ""
    if tally not in PREDICATE_CLASS_NAMES:
        return False
    for verb in number.sent:
        if verb.i >= number.i:
            return False
        other = predicate_class(verb.lemma_) if verb.pos_ == "VERB" else ""
        if other != tally and other in PREDICATE_CLASS_NAMES and any(
            w.like_num for child in verb.children for w in (child, *child.children)
        ):
            return True
    return False


_COUNTDOWN = re.compile(r"\s*(?:until|till|before|to\s+go|left|remaining|away)\b", re.I)
# Election copy's "with 22 percent of the vote counted", "with 95% of precincts reporting": the share of the
# count done at the time of writing, which moves by the hour; no result, and never one figure told two ways.
COUNTED = "counted"
NAMED = "named"  # a number that is part of a name ("Internet Explorer 8", "Flight 370"): it counts nothing
# A figure per game, per day or on average, some picked out by their order, and some of a set: each measures
# something other than a plain tally of the same noun ("averaged 100 RBIs" / "121 RBI" in one season;
# "their first two drives" / "four of their first five drives"; "five of her kids" / "the mother of 12").
AVERAGE = "average"
SELECTED = "selected"
PART = "part"
# A total run up since a year gone by: the sum of many rounds, not the story's one ("would cut 300 jobs" against
# "has now eliminated 1,100 positions since launching a restructuring programme in 2023"; not "since Monday").
SINCE = "since"
_YEAR = re.compile(r"(?:19|20)\d\d")


def _since_a_year(token) -> bool:
    """The verb the figure hangs off runs "since" a year written in digits."""
    verb = token
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return any(c.lower_ == "since" and any(_YEAR.fullmatch(t.text) for t in c.subtree) for c in verb.children)


# By how much one side beat the other: "won by 312 votes", "leads Tolle by 6 points" (not how many it won).
MARGIN = "margin"
_WINNING = frozenset({"win", "victory", "lead", "beat", "defeat", "lose", "loss", "edge", "trail", "triumph", "hold",
                      "retain", "keep"})


def _margin_of_victory(token, noun) -> bool:
    """The figure (or the noun it counts) is what a win, lead or defeat was "by" ("held the ward by 312 votes"), or
    a margin's ("with a margin of 213 votes")."""
    counted = noun if noun is not None else token
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.lemma_.lower() == "margin":
        return True
    if counted.dep_ != "pobj" or counted.head.lower_ != "by":
        return False
    told = counted.head.head  # (or the verb whose object the win is: "upheld her victory by 213 votes")
    return told.lemma_.lower() in _WINNING or any(c.dep_ == "dobj" and c.lemma_.lower() in _WINNING for c in told.children)


_PER = re.compile(r"\s*(?:a|an|per|each|every)\s+(?:game|match|start|season|year|month|week|day|night|hour|share|head|person)\b",
                  re.I)  # ("12 euros a share", "$40 a head": a price of each, not the deal's sum)
_PICKED = frozenset({"first", "last", "final", "next", "top", "opening", "previous", "past", "initial", "closing"})


def _on_average(token, noun, span) -> bool:
    """'averaged 100 RBIs', 'an average of 30 a day', '300 people a day', '$23 million per season'."""
    counted = noun if noun is not None else token
    while counted.dep_ == "conj" and counted.head.i != counted.i:
        counted = counted.head  # "averaged more than 30 home runs and 100 RBIs"
    if any(a.lemma_.lower() == "average" for a in (counted.head, token.head.head)):
        return True
    end = noun.idx + len(noun.text) if noun is not None and noun.i > token.i else span.end_char
    return bool(_PER.match(doc_text(span.doc), end))


def _selected(token, noun) -> bool:
    """A count of things picked out by their order, the order word written before it: 'the first two drives'."""
    return any(c.i < token.i and c.lower_ in _PICKED for c in noun.children if c.dep_ in ("amod", "advmod"))


def _part_of_a_set(token) -> bool:
    """'five of her daughter's kids', 'two of the victims': a number of a set named by a determiner or an owner,
    with no figure for the whole ('three of the eight charges' is read at the whole)."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.pos_ not in ("NOUN", "PROPN") or any(c.like_num for c in whole.children):
        return False
    return any(c.dep_ in ("poss", "det") and c.lower_ not in ("a", "an") for c in whole.children)


def _part_of_a_name(token) -> bool:
    """A number in digits written right after a proper noun, counting no noun after it ("Internet Explorer 8",
    "Boeing 727", "Route 52"), or joined to one ("Internet Explorer 8 and 9")."""
    if token.dep_ == "conj" and token.head.like_num and token.head.i < token.i:
        return _part_of_a_name(token.head)
    if not token.text[:1].isdigit() or token.i == 0 or (token.dep_ == "nummod" and token.head.i > token.i):
        return False
    before = token.doc[token.i - 1]
    return before.pos_ == "PROPN" and before.idx + len(before.text) + 1 == token.idx and not before.is_sent_start
_WITH_BEFORE = re.compile(r"\bwith\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|just\s+)?$", re.I)
_COUNT_DONE_AFTER = re.compile(
    r"(?:\s*(?:percent|per\s+cent|%))?\s+of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:counted|reporting|tallied|processed|declared)\b|in(?=\s*[,.;:)]))", re.I)  # "in," not "in favour"


def _counted_so_far(span) -> bool:
    text = doc_text(span.doc)
    return bool(_WITH_BEFORE.search(text[max(0, span.start_char - 30) : span.start_char])
                and _COUNT_DONE_AFTER.match(text, span.end_char, span.end_char + 60))


# What a venue holds: its seats ("a 42,000-seat stadium", "the arena seats 18,000"), a figure of its own, not the crowd
# of a day ("a crowd of 40,000 watched") nor people held by the police ("police are holding 18 fans").
CAPACITY = "capacity"
_VENUES = frozenset({"stadium", "arena", "venue", "hall", "theatre", "theater", "auditorium", "amphitheatre",
                     "amphitheater", "ground", "ballpark", "bowl", "cinema", "church", "cathedral", "park", "dome", "home"})
_HOLDING = frozenset({"hold", "seat", "accommodate"})


def _venue_holds(token, noun) -> bool:
    """Whether a count is a venue's capacity: hyphened to "seat" before a venue ("a 42,000-seat stadium"), the object of
    a venue's holding in the present ("Kestrel Park holds 42,000 spectators", "the arena can hold 18,000"), or of "a
    capacity of"."""
    if noun is not None and noun.lemma_.lower() == "seat" and _hyphened_to(token, noun):
        return noun.head.lemma_.lower() in _VENUES
    counted = noun if noun is not None else token
    head = counted.head
    if counted.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "capacity":
        return noun is None or _holds_people(noun)  # (not "a capacity of 600 megawatts", a plant's output)
    if counted.dep_ != "dobj" or head.lemma_.lower() not in _HOLDING:
        return False
    present = head.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("can", "could", "will") for c in head.children)
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    # (a venue by its word or a facility's name; not any name: "Hamas holds 200 hostages")
    return present and subject is not None and (subject.lemma_.lower() in _VENUES or subject.ent_type_ == "FAC") \
        and (noun is None or _holds_people(noun))


def _holds_people(noun) -> bool:
    """Whether a venue's count is of the people it takes: spectators, fans, seats (not "the plant can hold 600 tonnes")."""
    lemma = noun.lemma_.lower()
    return lemma == "seat" or lemma in CROWDS or noun_class(lemma) == "people" or is_person_noun(noun)


def _hyphenated_size(token, noun) -> bool:
    """'an 86-seat assembly', 'a 30-car pileup': the count, hyphened to its noun, sizes the noun after."""
    return noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ in ("NOUN", "PROPN") and _hyphened_to(token, noun)


def _hyphened_to(token, noun) -> bool:
    return doc_text(token.doc)[token.idx + len(token.text) : noun.idx] == "-"


def _written_after_a_part(span) -> bool:
    """'four of five charges', '214 candidates out of 400', '39 percent of the 38 million voters': the figure
    after "of" or "out of" is the whole a part (a number, a percentage, or a counted noun) is taken from. Read
    off the words, as the small model often parses "four of five" as one range."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0 or doc[i].lower_ != "of":
        return False
    i -= 1 if i >= 1 and doc[i - 1].lower_ == "out" else 0
    before = doc[i - 1] if i >= 1 else None
    if before is None:
        return False
    if before.like_num or before.lower_ in ("percent", "%", "cent"):
        return True
    # "214 candidates out of 400": a counted noun whose count is written just before it
    return before.pos_ == "NOUN" and i >= 2 and doc[i - 2].like_num


def _whole_of_part(token, noun) -> bool:
    """'three of the eight charges': the eight are the whole a part is taken from, and what the sentence
    says happened (thrown out) happened to the three."""
    of = noun.head
    return noun.dep_ == "pobj" and of.lower_ == "of" and of.head.like_num and of.head.i not in (token.i, noun.i)


# The predicate classes of a change: how much something rose or fell.
CHANGES = frozenset({"cut", "raise", "fall"})


def _end_of_change(span) -> str:
    """'reduced from three years to one', 'cut from $5 billion to $3 billion': "from" or "to", the end of a
    change a figure gives; "" for the amount itself ('cut $3 billion', 'rose by 5%'). Read off the word
    before the figure: the small model often parses "from $5 billion to $3 billion" as one range."""
    doc, at = span.doc, span.start - 1
    # (the word before the figure's hedge, which its span may hold or not: "dropped ... to just over £210m")
    _, hedge_start = _hedge_before(doc_text(doc), span.start_char)
    while at >= 0 and (doc[at].idx >= hedge_start or doc[at].lower_ == "just"):
        at -= 1
    before = doc[at].lower_ if at >= 0 else ""
    if before not in ("from", "to"):
        return ""
    node = span.root
    for _ in range(5):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            if before == "to" and any(c.dep_ == "dobj" and c.lemma_.lower() in _SUPPLIES for c in node.children):
                return ""  # "cutting supply to 118,400 households": whom it was cut off from, not where it was cut to
            return before if predicate_class(node.lemma_) in CHANGES else ""
        if node.head.i == node.i:
            break
    return ""


# Nouns for what holds a thing, whose size is the thing's: "a 4.5-tonne shipment of cocaine", "450 kilograms of cocaine".
_CONTAINERS = {"shipment", "consignment", "haul", "cargo", "load", "batch", "stash", "cache", "seizure", "quantity"}
# Nouns that name a measure, not what is measured: "a period of five years", "speeds of 45 miles per second".
_SIZES = frozenset({LENGTH, AREA, MASS, VOLUME})
_HYPHENED_UNIT = re.compile(r"\d-[a-z]", re.I)  # "120-metre", "4.5-tonne": a unit hyphened to its number
# A game's plays, of which a report tells many, each with its length: "a seven-yard pass", "a 40-metre run".
_PLAYS = {"pass", "run", "drive", "shot", "putt", "kick", "throw", "carry", "gain", "loss", "punt", "return", "catch",
          "reception", "touchdown", "goal", "attempt", "jump", "sprint", "dash", "lap", "leg", "hole", "try"}
_MEASURE_WORDS = {"period", "span", "time", "spell", "stretch", "term", "total", "sum", "amount", "figure", "level",
                  "average", "maximum", "minimum", "distance", "length", "duration", "speed", "velocity", "rate",
                  "height", "depth", "width", "weight", "size", "value", "margin", "range"}
_VAGUE_WORDS = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"}
# Verbs that say a figure is there, not what happened to it: "the budget includes $3.2 billion in cuts".
_LIGHT = {"include", "be", "have", "total", "make", "amount", "contain", "propose", "announce", "plan", "comprise",
          "post", "record", "book", "log", "show", "receive", "get", "give", "hand", "impose", "pay",
          "arrive"}  # ("arrive" is the class of "reach": "reached a $45 million settlement")
# Verbs by which a subject has what is counted, no event done to it.
_HAVING = {"be", "have", "include", "total", "contain", "comprise", "receive", "get", "number", "amount",
           "earn"}  # ("won 38 seats" and "gave the party 41 seats": seats had)
# Verbs that say only that a figure belongs to the clause's subject: "the recall covers 85,500 vehicles".
_COVERING = _LIGHT | {"cover", "affect", "involve", "span"}
# Nouns that are a figure's running total: what they tally is in their own words ("death toll", "number of injured").
_TALLIES = {"toll", "tally", "number", "count", "total", "figure"}
# Nouns for the people a crowd holds: "a crowd of 41,500" counts what "48,100 spectators" and "12,000 people" do.
CROWDS = {"crowd", "audience", "spectator", "onlooker", "attendee", "throng"}
# Verbs that give a tally its value: "the toll rose to 11", "the number stands at 11".
_TALLY_VERBS = {"rise", "climb", "reach", "stand", "hit", "jump", "increase", "grow", "be", "top", "surpass", "exceed", "put",
                "estimate", "place"}
# Verbs of estimating a tally, which is their object: "Officials put the toll at 52", "estimated the number at 40".
_ESTIMATING = {"put", "estimate", "place"}


def _is_person(token) -> bool:
    """A person's name: tagged so, or a capitalised proper noun the small model left untagged ('Ana Ruiz')."""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG", "NORP") and token.is_title and len(token.text) > 1


def _person_said_of(token, subject):
    """'Ruth Abara, who is 61,', 'Holt is 61', 'His family said he was 22' (the one person named in this
    sentence and the one before): the person a bare number is said of (`subject`, its `_said_to_be`), or None."""
    if subject.lower_ in _HE_OR_SHE:
        return _the_one_named_before(token)
    return subject if _is_person(subject) else None


_HE_OR_SHE = ("he", "she")


def _died_at(token):
    """The one whose death a number gives the age at: "Duda died at 84", "died on Sunday at the age of 84", "who passed
    away at 84" (the verb's subject, or the name beside it: "The singer Marek Duda"; the verb itself when it has no
    subject), or None when the number is no age at a death."""
    node = token
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ == "age":
        node = node.head.head
    if not (node.dep_ == "pobj" and node.head.lower_ == "at" and _at_death(node.head)):
        return None
    verb = node.head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return verb  # ("having died at 84": an age, whose the clause does not say)
    return next((c for c in subject.children if c.dep_ == "appos" and _is_person(c)), None) or subject


def _at_death(at) -> bool:
    """Whether "at" hangs off a verb of dying ("died at", "passed away at")."""
    return phrasal_lemma(at.head) == "die"


def _said_to_be(token):
    """The subject a bare number is said of ("Holt is 61", "he was 41", "who is 61": the one described), or None."""
    verb = token.head
    if token.dep_ != "attr" or verb.lemma_ != "be" or any(c.dep_ not in ("punct",) for c in token.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or back_then(token):
        return None
    return verb.head if subject.lower_ == "who" and verb.dep_ == "relcl" else subject


def _the_one_named_before(token):
    """The person named in this sentence or the one before, when only one is ("the boy told her he was 18"
    names nobody; two people named leave "he" open): the last token of their name, or None."""
    doc, sentence = token.doc, token.sent
    earlier = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    # (a name the model missed counts, so that "he" stays open; a nationality, "Israeli-controlled", is no one)
    people = [t for t in doc[earlier : token.i] if _is_person(t) and t.ent_type_ != "NORP"]
    surnames = {(name[-1] if (name := entity_around(t)) is not None else t).lower_ for t in people}
    return people[-1] if len(surnames) == 1 else None


def _their_jobs(noun) -> bool:
    """The people counted are the subject of a verb whose object is their jobs ("workers will lose their jobs")."""
    return noun is not None and noun.dep_ == "nsubj" and any(
        c.dep_ == "dobj" and noun_class(c.lemma_) == "job" for c in noun.head.children)


def _none_of(noun) -> bool:
    """"None of the 17 people", "no one among the 17 people": the noun counts those the verb is denied of."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "among"):
        return False
    whole = noun.head.head
    return whole.lower_ == "none" or (whole.lower_ == "one" and any(c.lower_ == "no" for c in whole.children))


def _of_a_crowd(noun) -> bool:
    """"the size of Saturday's crowd": a measure of a crowd."""
    return any(g.lemma_.lower() in CROWDS for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def _tally_of(token) -> tuple[str, str] | None:
    """'The death toll rose to at least 11', 'the number of injured stands at 21': (noun, predicate) tallied."""
    verb = token.head
    if verb.dep_ == "prep" and verb.lower_ in ("to", "at"):
        verb = verb.head
    elif token.dep_ not in ("attr", "dobj"):
        return None
    if verb.lemma_.lower() not in _TALLY_VERBS:
        return None
    # the tally is what the verb is said of, or what an estimate puts at the figure ("Officials put the toll at 52")
    said_of = ("nsubj", "nsubjpass", "dobj") if verb.lemma_.lower() in _ESTIMATING and token.head.lower_ == "at" else (
        "nsubj", "nsubjpass")
    subject = next((c for c in verb.children if c.dep_ in said_of and (c.lemma_.lower() in _TALLIES or (
        said_of[-1] == "dobj" and c.lemma_.lower() in (*CROWDS, "size")))), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in CROWDS or (subject.lemma_.lower() == "size" and _of_a_crowd(subject)):
        return "people", ""  # "Police put the size of the crowd at 20,000", "estimated the crowd at 30,000"
    # what is tallied: "death toll", "injury toll", "the number of dead", "the toll of people killed"
    words = [c for c in subject.children if c.dep_ in ("compound", "amod", "nmod")]
    words += [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree if g.i > c.i]
    for word in words:
        found = PREDICATE_CLASS.get(word.lemma_.lower()) or PREDICATE_CLASS.get(word.lower_)
        if found in HUMAN_PREDICATES:
            return "people", found
    if subject.lemma_.lower() == "toll" and not words:
        return "people", "kill"  # "the toll rose to 11": a toll unqualified is of the dead
    return None


# Where a prison term is served, and what it is called: "five years in prison", "a two-year jail term", "10 years
# behind bars", "a 12-year sentence".
_PRISON = {"prison", "jail", "gaol", "penitentiary"}
_PRISON_TERM = _PRISON | {"sentence", "imprisonment", "incarceration"}
_JAIL_VERBS = {"jail", "imprison", "incarcerate", "sentence"}
# Verbs that give a term: "gave Pell 10 years behind bars", "got a two-year jail term", "sent him to prison for 3 years".
_GIVE_A_TERM = {"give", "get", "receive", "hand", "draw", "impose", "order", "send", "land"}
# What a term may be of, other than prison: "sentenced to three years probation".
_NOT_PRISON = {"probation", "parole", "supervision", "service", "arrest", "detention", "ban", "suspension"}


def _prison_term(token, noun, predicate: str) -> bool:
    """Whether a duration is a prison term, however told: "sentenced to five years in prison", "jailed for three
    years", "a 12-year prison sentence", "10 years behind bars", "a two-year jail term". Not the time asked for, risked,
    set by law or served ("sought six years", "faced two years", "prescribed by law", "served three years"), and not
    probation."""
    if noun is not None and noun.lemma_.lower() in _NOT_PRISON:
        return False
    unit = token.head if token.dep_ in ("nummod", "compound") else token
    if any(c.dep_ == "acl" and c.lemma_.lower() not in _JAIL_VERBS | _GIVE_A_TERM for c in unit.children):
        return False  # "the two years in prison prescribed by law": a term its own verb tells of
    verb = _verb_above(token, ("VERB",))
    if predicate == "sentence" or (verb is not None and verb.lemma_.lower() in _JAIL_VERBS):
        return verb is not None and _the_term(unit, verb)
    if predicate and predicate not in _GIVE_A_TERM:
        return False
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in _PRISON_TERM or (lemma == "term" and any(c.lemma_.lower() in _PRISON for c in noun.children)):
            return True
    # "in prison", "to prison", "behind bars" after the figure or its verb
    holders = [token, *([noun] if noun is not None else []), *([verb] if verb is not None else [])]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "behind"):
                place = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if place is not None and (place.lemma_.lower() in _PRISON
                                          or (prep.lower_ == "behind" and place.lower_ == "bars")):
                    return True
    return False


def _event_subject(token) -> str | None:
    """The event the subject of a figure's verb names, when the predicate lists know it: "The recall covers 85,500
    vehicles", "the evacuation order affects 3,000 homes"."""
    verb = _verb_above(token, ("VERB", "AUX"))
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subject is None or subject.pos_ != "NOUN":
        return None
    # (a hospital is a place, not the event of being taken to one: "The new hospital will have 300 beds")
    return next((PREDICATE_CLASS[w.lemma_.lower()] for w in (subject, *subject.children)
                 if w.dep_ in ("nsubj", "nsubjpass", "compound") and w.lemma_.lower() in PREDICATE_CLASS
                 and w.lower_ not in _HOSPITALS), None)


# An earthquake's size, a count-like figure on its own scale.
MAGNITUDE = "magnitude"


def _magnitude(token) -> str | None:
    """Whether a figure is an earthquake's magnitude: "magnitude" or "Richter" within three words of it ("a magnitude
    6.4 earthquake", "a 6.4-magnitude quake", "had a magnitude of 5.8", "measured 6.1 on the Richter scale"). If so,
    whose: "aftershock" when its sentence tells of one, else "" (the quake's); None when it is none."""
    value = number_value(token.text) if token.like_num and token.text[:1].isdigit() else None
    if value is None or not 0 < value < 10:
        return None
    if re.search(r"\d\.\s$", doc_text(token.doc)[max(0, token.idx - 3) : token.idx]):
        return None  # "a quake measuring 6. 4": a decimal broken by the copy, not a magnitude of 4
    sentence = token.sent
    near = token.doc[max(sentence.start, token.i - 3) : min(sentence.end, token.i + 4)]
    if not any(t.lower_ in ("magnitude", "richter") or t.lower_.endswith("-magnitude") for t in near) and not _quake_measured(token):
        return None
    # (read once per sentence: a hostile sentence of thousands of magnitudes read itself once for each)
    told = kept_on(token.doc, ("newsweave.aftershock", sentence.start),
                   lambda: any(t.lemma_.lower() == "aftershock" for t in sentence))
    return "aftershock" if told else ""


_QUAKES = frozenset({"earthquake", "quake", "tremor", "temblor", "aftershock"})


def _quake_measured(token) -> bool:
    """Whether a figure is what a quake measured or registered: "The tremor measured 6.4"."""
    verb = token.head
    return (token.dep_ in ("dobj", "attr", "npadvmod", "oprd") and verb.lemma_.lower() in ("measure", "register")
            and any(c.dep_ == "nsubj" and c.lemma_.lower() in _QUAKES for c in verb.children))


def _the_term(unit, verb) -> bool:
    """Whether a duration is the term a verb of jailing gives ("jailed for three years", "sentenced to five years",
    "got 10 years"), not a time around it ("incarcerated three times in the last four years")."""
    if any(c.lower_ in ("last", "past", "next", "previous", "first", "recent") for c in unit.children):
        return False
    if unit.head.i == verb.i:
        return unit.dep_ in ("dobj", "npadvmod", "attr", "oprd")
    prep = unit.head
    return prep.dep_ == "prep" and prep.lower_ in ("for", "to") and prep.head.i == verb.i


# How far up the parse a figure's verb is looked for: a list of thousands of conjoined figures hangs each on the one
# before, and climbing all of it for each figure grew with the square of the list.
_CLIMB = 4


def _verb_above(token, parts_of_speech: tuple[str, ...]):
    """The nearest verb (of the given parts of speech) among a figure's first `_CLIMB` heads, or None."""
    return next((h for h in islice(token.ancestors, _CLIMB) if h.pos_ in parts_of_speech), None)


def _refers_back(token) -> bool:
    """'Of those 11', 'the 11': a count named before, with no noun."""
    if token.dep_ == "nummod" or token.i == 0:
        return False
    before = token.doc[token.i - 1].lower_
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return before in ("those", "these") and (after is None or after.pos_ not in ("NOUN", "PROPN"))


# Nouns that count charges: "five counts of criminal mischief", "three charges of attempted murder".
CHARGE_NOUNS = {"count", "charge"}
# Verbs that lay charges: "charged with seven counts", "faces", "filed nine counts" give one figure; what a court
# did with some of them ("convicted on two counts", "threw out three charges") is another.
_LAYING_CHARGES = {"charge", "face", "file", "bring", "lay", "level", "lodge", "press", "unveil", "announce", "indict",
                   "hit", "slap", "add", "include", "list", "contain", "be", "have", "", "seek"}


def charged_with(noun, named_before: bool = False):
    """The crime a count of charges names ("criminal mischief" in "five counts of criminal mischief"), or None;
    `named_before`: or the word before it ("nine wire fraud counts")."""
    if noun.lemma_.lower() not in CHARGE_NOUNS:
        return None
    of = next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
    if of is not None or not named_before:
        return of
    return next((c for c in reversed(list(noun.lefts)) if c.dep_ == "compound" and c.pos_ == "NOUN"), None)


def _worth_of(noun):
    """The goods in "$2 million worth of jewels", "4 billion pesos worth of crops", or None."""
    worth = noun if noun.lower_ == "worth" else next((c for c in noun.children if c.lower_ == "worth"), None)
    if worth is None:
        return None
    of = next((c for c in worth.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    goods = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return goods if goods is not None and goods.pos_ == "NOUN" else None


def _measured_noun(token, kind: str):
    """The noun a number counts or measures: '130 people', 'dozens of homes', '$48,210 in fees', 'a total of 21'."""
    if kind == COUNT and token.head.lower_ == "strong" and token.head.dep_ == "amod" and token.head.head.pos_ == "NOUN":
        return token.head.head  # "a 350-strong workforce": the workforce's members, "a 5,000-strong crowd"
    head = token
    # (a range's second figure hangs off its first: "between 200 and 250 homes")
    while head.dep_ in ("compound", "quantmod", "nummod", "nmod", "conj") and head.head.like_num and head.head.i != head.i:
        head = head.head
    if kind in (LENGTH, MASS, AREA, VOLUME, SPEED, DURATION, PERCENT, TEMPERATURE) or (kind == MONEY and head.head.pos_ == "SYM"):
        # the number's head is the unit; what is measured hangs above or off it
        unit = head.head if head.dep_ in ("nummod", "compound", "predet") else head  # ("half a tonne of cocaine")
        for child in unit.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "VERB":  # "52.4 percent of ballots cast", parsed as a verb
                    obj = next((c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
                if obj is not None and obj.pos_ == "NOUN":
                    return obj
        if unit.dep_ in ("compound", "amod", "nmod") and unit.head.pos_ == "NOUN":
            return unit.head  # "a $3m contract", "a 30-mile stretch"
        of = unit.head
        if unit.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN" and (thing := _thing_named(of.head)) is not None:
            return thing  # "a turnout of 61%", "the sales tax rate of 8.25 percent"
        changed = _changed_to(unit) if kind != DURATION else None
        if changed is not None:
            return changed  # "raised the sales tax rate to 7.5%": the tax
        return _subject_measured(unit, kind) if kind in MEASURED_BY_SUBJECT else None
    if head.dep_ == "nummod" or (head.dep_ in ("compound", "amod") and head.head.pos_ == "NOUN"):
        noun = head.head
        if kind == MONEY and _money_unit(noun.lemma_.lower()) and noun.dep_ == "pobj" \
                and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            return noun.head.head  # "a fee of 23 million pounds": the fee (the pounds are its unit)
        # "nine wire fraud counts": the counts, though the parse hangs the number off "wire"; but hyphened to its
        # noun, the number counts that noun, which sizes the next: "a 5,500-word letter" is no 5,500 letters
        while (kind == COUNT and noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i
               and not _hyphened_to(head, noun)):
            noun = noun.head
        if (noun.lemma_.lower() in ("total", "number", "tally", "count") and noun.tag_ != "NNS") or noun.pos_ not in ("NOUN", "PROPN"):
            return None  # (but "seven counts of fraud" counts charges)
        if noun.lower_ == "ones":
            return _counted_before(noun)  # "22 invalid ballots with 183 valid ones": ballots
        return noun
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and not obj.like_num:
                return obj  # "dozens of homes", "$48,210 in fees", "352 of the victims"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in ("total", "number", "tally"):
        return None  # "a total of 21": counts what the sentence's verb says
    owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if kind == COUNT and owner is not None and owner.lemma_.lower() in CROWDS:
        return owner  # "a crowd of 41,500": the people in it
    if kind == MONEY and owner is not None and owner.pos_ == "NOUN" and owner.lemma_.lower() not in _MEASURE_WORDS:
        return owner  # "a profit of $412 million", "a fine of $5,000"
    return _subject_measured(head, kind) if kind in MEASURED_BY_SUBJECT else None  # "Revenue was $7.9 billion"


def _thing_named(noun):
    """What a noun names as a figure's measure: itself, or for a measure word the noun before it ("the sales tax
    rate": the tax); None for a measure word alone ("the rate" of what?)."""
    if noun.lemma_.lower() not in _MEASURE_WORDS:
        return noun
    return next((c for c in reversed(list(noun.lefts)) if (c.dep_ == "compound" and c.pos_ == "NOUN")
                 or (c.dep_ == "amod" and c.lemma_.lower() in NOUN_CLASS)), None)  # (or "the jobless rate")


def _changed_to(unit):
    """The thing a change brought to the figure: "raised the sales tax rate to 7.5%" (its object), "the jobless
    rate rose to 5.2 percent" (its subject, when the verb has no object and the subject is no one who acts)."""
    if not (unit.dep_ == "pobj" and unit.head.lower_ == "to" and unit.head.dep_ == "prep"):
        return None
    verb = unit.head.head
    if verb.pos_ != "VERB" or predicate_class(verb.lemma_) not in CHANGES:
        return None
    changed = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if changed is None:
        changed = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if changed is not None and (changed.pos_ != "NOUN" or is_person_noun(changed)):
            return None
    return _thing_named(changed) if changed is not None and changed.pos_ == "NOUN" else None


# Kinds of figure a clause's subject is the measure of, by a verb of level: "Winds reached 90 mph", "Turnout was
# 62%", "The catch weighed 40 kilograms", "Revenue was $7.9 billion", "The trial lasted three weeks", "The bridge is
# 1.2 kilometres long", "The mission cost $850 million". (Not by another verb: "the firm paid $5 million" measures
# what was paid; but a length a thing runs, stretches or extends for is its size, `_SIZE_VERBS`.)
MEASURED_BY_SUBJECT = (SPEED, PERCENT, MASS, AREA, VOLUME, DURATION, MONEY, LENGTH, TEMPERATURE)


# Verbs that say what a thing's level is, not how it changed: "Winds reached 90 mph", "peaked at", "Turnout was".
_LEVEL_VERBS = {"be", "reach", "peak", "hit", "top", "stand", "measure", "register", "weigh", "exceed", "gust",
                "record", "total", "hover", "remain", "stay", "clock", "last", "span", "cost"}


_LEVEL_PREDICATES = frozenset(predicate_class(verb) for verb in _LEVEL_VERBS)
# Adjectives of a thing's size: "1.2 kilometres long", "500 metres wide".
_DIMENSIONS = {"long", "wide", "high", "tall", "deep", "thick", "across", "broad"}


# Verbs that say how big a thing is, of a length only: "The tunnel runs for 12 miles" (of a price or a share, or
# a river's level, "rose" is a change).
_SIZE_VERBS = {"run", "stretch", "extend", "span"}
_RISING = {"rise", "soar", "tower"}  # only of the noun a participle describes: "a tower rising 180 metres"
_RELATIVE_PRONOUNS = {"which", "that", "who"}


def _subject_measured(unit, kind: str = ""):
    """The common noun the clause holding a figure is about, as what the figure measures: the verb's subject, the
    figure its object, complement or the object of its preposition ("peaked at 120 mph"); None for a person
    ("The nurse reached 20 mph") or a pronoun."""
    if unit.dep_ == "pobj" and unit.head.lower_ == "of" and unit.head.head.lemma_.lower() in _MEASURE_WORDS:
        unit = unit.head.head  # "hit the atmosphere at speeds of about 45 miles per second": the speed is the figure
    if kind == LENGTH and unit.dep_ == "npadvmod" and unit.head.lower_ in _DIMENSIONS and not _crossing(unit.head):
        # a noun's size told after it: "an asteroid 300 metres across", "a wall three metres high", "an asteroid
        # measuring 3,000 feet wide" (the parse hangs the size off the noun, off the participle describing it, or
        # off the clause's verb: "found a crack roughly 40 metres long", where the noun stands right before it)
        holder = unit.head.head
        if holder.pos_ == "VERB" and holder.dep_ == "acl":
            holder = holder.head
        elif holder.pos_ == "VERB" and unit.left_edge.i > 0:
            holder = unit.doc[unit.left_edge.i - 1]
        if holder.pos_ == "NOUN" and not is_person_noun(holder):
            return _thing_named(holder)
    verb = unit.head if unit.dep_ in ("dobj", "attr", "acomp", "npadvmod", "oprd") else None
    if unit.dep_ == "pobj" and unit.head.dep_ == "prep":
        verb = unit.head.head
    if kind == LENGTH and unit.dep_ == "npadvmod" and unit.head.pos_ == "ADP" and unit.head.dep_ == "prep":
        verb = unit.head.head  # "runs for about 12 miles beneath the hills": the parse hangs the miles off "beneath"
    if verb is not None and verb.lemma_.lower() in _DIMENSIONS and verb.dep_ == "acomp":
        verb = verb.head  # "The bridge is 1.2 kilometres long": the size is the subject's
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    lemma = verb.lemma_.lower()
    sized = kind == LENGTH and (lemma in _SIZE_VERBS or (lemma in _RISING and subject is None and verb.dep_ == "acl"))
    if lemma not in _LEVEL_VERBS and not sized:
        return None  # ("the battery drained 20%" is a change, not the battery's level; nor "the river rose 2 metres")
    if sized and verb.dep_ in ("relcl", "acl") and (subject is None or subject.lower_ in _RELATIVE_PRONOUNS):
        subject = verb.head  # "the tunnel, which runs for 12 miles", "a tower rising 180 metres": the noun described
    if (subject is None or subject.pos_ not in ("NOUN", "PROPN") or (subject.pos_ == "PROPN" and subject.ent_type_)
            or is_person_noun(subject)):
        return None  # (a capital at a sentence's start that names nothing is a common noun: "Turnout was 62%")
    return _thing_named(subject)  # ("The unemployment rate was 5 percent": unemployment; "The rate was 5%": none)


def _crossing(dimension) -> bool:
    """Whether a dimension's word is a preposition with its object: "drove the truck 20 miles across the border" is
    a way gone, not the truck's width (the parse takes a relative "that" for the object: "an asteroid 300 metres
    across that will pass")."""
    return any(c.dep_ == "pobj" and c.lower_ not in _RELATIVE_PRONOUNS for c in dimension.children)


def _counted_before(ones):
    """The noun 'ones' stands for: the last noun the sentence counted before it, or None."""
    for token in reversed(ones.doc[ones.sent.start : ones.i]):
        if token.pos_ == "NOUN" and token.lower_ != "ones" and any(c.dep_ == "nummod" for c in token.children):
            return token
    return None


def _predicate(token, noun) -> str:
    """The class of what happened to the counted: the verb or adjective nearest above, or hanging off it."""
    anchor = noun if noun is not None and noun.i != token.i else token
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl", "acomp", "oprd") and _predicate_lemma(child):
            return _predicate_lemma(child)
    node = anchor
    # "a total of 21 were hospitalised": climb from the number through "of" to "total"
    for _ in range(_CLIMB):
        head = node.head
        if head.i == node.i:
            break
        if head.pos_ in ("VERB", "AUX"):
            # "left 130 people dead", "left 32 people hurt", "nine are dead": a complement says what happened, before
            # the verb does
            for sibling in head.children:
                if (sibling.i != node.i and sibling.dep_ in ("acomp", "oprd", "ccomp")
                        and (sibling.pos_ == "ADJ" or sibling.dep_ == "oprd") and _predicate_lemma(sibling)):
                    return _predicate_lemma(sibling)
        found = _predicate_lemma(head)
        if found in CHANGES and head.pos_ == "NOUN" and node.dep_ == "prep" and node.lower_ == "of":
            return found  # "an increase of 15 pence", "a drop of 12 percent": the change's amount, wherever the noun stands
        if head.pos_ == "NOUN" and head.lemma_.lower() == "order" and node.dep_ == "prep" and node.lower_ == "for":
            return "order"  # "an order for 48 helicopters" tells what "ordered 48 helicopters" does
        if (found and (head.pos_ in ("VERB", "ADJ", "AUX") or head.dep_ in ("nsubj", "dobj", "attr", "pobj", "ROOT"))
                and (head.pos_ in ("VERB", "AUX", "ADJ") or found in EVENT_NOUNS.values() or found in PREDICATE_CLASS_NAMES)):
            return _refine(head, found)
        if head.pos_ in ("VERB", "AUX"):
            # "nine are dead", "left 130 people dead": a complement of the verb the count hangs off
            for sibling in head.children:
                if sibling.i != node.i and sibling.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "attr") and _predicate_lemma(sibling):
                    return _predicate_lemma(sibling)
                if sibling.dep_ == "prep" and sibling.lower_ not in _AWAY_FROM:
                    # "13 people are in custody", "214 people had been on board", "six remain in hospital"; not
                    # "300 patients will be moved from two hospitals", who leave one
                    obj = next((c for c in sibling.children if c.dep_ == "pobj"), None)
                    if obj is not None and _predicate_lemma(obj) in ("arrest", "hospitalize", "board"):
                        return _predicate_lemma(obj)
            return _refine(head, predicate_class(head.lemma_)) if head.lemma_.lower() not in ("be", "have") else _aboard(anchor)
        node = head
    return _aboard(anchor)


_AWAY_FROM = {"from", "outside", "out"}


def _aboard(noun) -> str:
    """'board' for people the words put aboard, when no verb says what befell them ("150 passengers on board",
    "There were 157 people on board the plane"); else ''. (A verb comes first: "killing all 19 people aboard".)"""
    for child in noun.children:
        if child.lower_ in ("aboard", "onboard") or (child.lower_ == "on" and any(
                c.lower_ == "board" and c.dep_ in ("pobj", "pcomp") for c in child.children)):
            return "board"
    return ""


def _predicate_lemma(token) -> str:
    lemma = phrasal_lemma(token)
    if lemma in ("accord", "say", "tell", "report", "include") or (lemma in _VERBS_ONLY and token.pos_ != "VERB"):
        return ""
    if lemma in PREDICATE_CLASS:
        return _refine(token, PREDICATE_CLASS[lemma])
    if token.lower_ in PREDICATE_CLASS:
        return PREDICATE_CLASS[token.lower_]
    if lemma in _TO_HOSPITAL and _to_hospital(token):
        return "hospitalize"
    return ""


def _refine(token, found: str) -> str:
    if token.lemma_.lower() in _TO_HOSPITAL and _to_hospital(token):
        return "hospitalize"
    if found == "kill" and token.lemma_.lower() in _KILL_WHEN_LIVES and not _lives_taken(token):
        return token.lemma_.lower()  # "lost $5 billion", "lost 40 planes", "claimed $2 million": not deaths
    if found == "hospitalize" and token.lemma_.lower() == "treat" and not _to_hospital(token):
        return "injure"  # "treated for injuries" without a hospital: injured
    if found == "cut" and token.lemma_.lower() == "reduce" and any(
            c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() in _RUINS for g in c.children) for c in token.children):
        return "destroy"  # "Thirty-six houses were reduced to ash"
    if found == "leave" and any(c.dep_ == "prep" and c.lower_ == "without" and any(g.lemma_.lower() in _SUPPLIES for g in c.children)
                                for c in token.children):
        return "cut"  # "left 120,000 homes without electricity" says what "cutting supply to 118,400 households" does
    if found == "leave" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("home", "house") for c in token.children):
        return "evacuate"  # "told to leave their homes"
    if token.lemma_.lower() in _MOVED and any(c.dep_ == "prep" and c.lower_ == "from" and any(
            g.lemma_.lower() in ("home", "house") for g in c.children)
            for c in (*token.children, *(g for o in token.children if o.dep_ == "dobj" for g in o.children))):
        return "evacuate"  # "moved about 2,500 people from their homes" says what "2,500 residents were evacuated" does
    if (found == "leave" and token.dep_ == "xcomp" and token.head.lemma_.lower() in _TOLD
            and not any(c.dep_ == "dobj" for c in token.children)):
        return "evacuate"  # "3,000 residents were ordered to leave" (not "ordered to leave the country")
    return found


# Predicates only as verbs: "faced two years in prison" is what was risked, "in the face of a revolt against his 41-year
# rule" risks nothing.
_VERBS_ONLY = frozenset({"face"})


# A sum's scale written as letters after its figure ("£2.1m", "$3bn", "€400k"), which the parse may take for a noun.
_SCALE_LETTERS = frozenset({"m", "mn", "bn", "b", "k", "tn"})


# Verbs of taking people somewhere, which from their homes is an evacuation.
_MOVED = frozenset({"move", "relocate", "remove", "take", "bring", "bus", "airlift", "ferry", "shift"})


# What a storm or a fault leaves homes without.
_SUPPLIES = frozenset({"power", "electricity", "water", "heat", "heating", "gas", "supply", "supplies"})


# What a thing destroyed is reduced to.
_RUINS = {"ash", "ashes", "rubble", "ruin", "ruins", "cinder", "cinders", "dust"}


# Verbs of telling people to go: "ordered to leave", "urged to leave".
_TOLD = {"order", "tell", "force", "urge", "advise", "ask", "warn"}


# Verbs that say people died only when what they take is lives or people ("lost their lives",
# "claimed 20 lives", "lost three soldiers"); else they mean money, things, games.
_KILL_WHEN_LIVES = {"lose", "claim"}


def _lives_taken(verb) -> bool:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        t.lemma_.lower() == "life" or t.ent_type_ == "NORP" or (is_person_noun(t) and _people_counted(t))
        for obj in objects for t in obj.subtree
    )


def _people_counted(noun) -> bool:
    """A person noun as people are lost: one the lists know ("soldiers", "a son"), or an '-er' noun in the
    plural or counted ("three miners"). A mass noun the suffix takes for a person is no loss of life:
    "customers lost power", "lost water"."""
    lemma = noun.lemma_.lower()
    return (lemma in PERSON_NOUNS or lemma in TITLES or noun.tag_ in ("NNS", "NNPS")
            or any(c.dep_ == "nummod" for c in noun.children))


def _to_hospital(verb) -> bool:
    """'taken to hospital', 'treated in hospital', or treated by one: 'Hospitals treated 25 people'."""
    return (any(t.lemma_.lower() in _HOSPITALS for t in verb.subtree if 0 < t.i - verb.i <= 5)
            or any(c.dep_ == "nsubj" and c.lemma_.lower() in _HOSPITALS for c in verb.children))


_HOSPITALS = {"hospital", "hospitals", "clinic", "clinics"}


def _age_owner(token):
    """Whose age: 'Ana Ruiz, 10,', '9-year-old Ana Ruiz', 'Holt, 61', 'Ruiz, aged 10', 'a 9-year-old girl, Ana Ruiz',
    or the person named just before ('the 9-year-old'). The person's token, or None; None too for an age
    at another time ('when Ruiz was four years old', 'at age 4'): not what the person is now."""
    if back_then(token):
        return None
    doc = token.doc
    head = token
    while (head.dep_ in ("nummod", "npadvmod", "compound", "amod", "quantmod") and head.head.i != head.i
           and head.head.lower_ in ("year", "years", "old", "month", "months", "-", "aged")):
        head = head.head
    named_next = _name_after(head)
    if named_next is not None:  # "61-year-old Kathryn Gomes and 48-year-old Robin Mendes": each the name after it
        return named_next
    # (not a possessor, "Mendes' 12-year-old daughter" is the daughter's age, nor a name joined to it)
    candidates = [head.head, head, *(c for c in head.head.children if c.dep_ not in ("poss", "conj"))]
    for candidate in candidates:
        if candidate.i != token.i and _is_person(candidate):
            return candidate
    # the noun the age describes may be named right next to it: "the 62-year-old mayor, Jo Holt"
    noun = head.head
    for child in noun.children:
        if child.dep_ == "appos" and _is_person(child):
            return child
    # or the noun stands next to the name: "said Holt, a 61-year-old nurse"
    if noun.dep_ == "appos" and noun.i != head.i and _is_person(noun.head):
        return noun.head
    # "the 9-year-old": the last person the report named before (the tagger may miss a lone surname),
    # in this sentence or the one before; only for "the N-year-old", which points back
    first = head.head if head.dep_ == "amod" else head
    if not any(c.lower_ == "the" for c in list(first.children) + list(head.children)):
        return None
    if first is not head and first.pos_ == "NOUN" and not is_person_noun(first):
        return None  # "the 13-year-old social network", "the 68-year-old dam": the age of a thing
    if first is not head and first.lemma_.lower() in _NEW_PERSON_NOUNS:
        return None  # "Timmons ... missed, striking the 10-year-old girl": a girl or a mother is someone else
    sentence = token.sent
    earlier = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for before in reversed(doc[earlier : token.i]):
        if _is_person(before) and not _in_an_organisation(before):
            return before
    return None


# Words of an organisation's name, which the small model tags ORG or leaves untagged: no one to give an age to
# ("a 34-year-old employee of Brightpane Services ... the 34-year-old was on a platform", "from Club Sanvera").
ORGANISATION_WORDS = {"services", "service", "inc", "corp", "corporation", "company", "co", "group", "holdings", "ltd",
                      "llc", "plc", "bank", "airlines", "airways", "energy", "industries", "systems", "technologies",
                      "university", "college", "school", "hospital", "agency", "department", "council", "foundation",
                      "institute", "association", "union", "club", "police", "fc", "united", "rovers", "athletic",
                      "town", "city", "county", "borough", "foods", "mills"}


def _in_an_organisation(token) -> bool:
    ent = entity_around(token)
    return ent is not None and ent.label_ == "ORG" and any(t.lower_.rstrip(".") in ORGANISATION_WORDS for t in ent)


# The one person a crime story's reports often leave unnamed: whoever was arrested or charged.
THE_SUSPECT = "the suspect"
_SUSPECT_NOUNS = {"suspect", "accused", "defendant"}
_HELD = {"arrest", "charge", "detain", "accuse", "question", "remand", "bail", "hold"}
_SEXES = {"man": "man", "men": "man", "boy": "man", "woman": "woman", "women": "woman", "girl": "woman"}


def _suspect_aged(token) -> str | None:
    """For an unnamed person's age, when that person is the suspect ("The suspect, aged 43"; "A 34-year-old man has
    been charged with arson", "Police arrested a 29-year-old woman"): their sex as the words give it ("man",
    "woman", or "" when unsaid), which tells two suspects apart as a first name tells two people of one surname;
    else None (the age of a victim, a witness, anyone else)."""
    head = token
    while head.dep_ in ("nummod", "npadvmod", "compound", "amod", "quantmod", "advmod", "acomp") and head.head.i != head.i:
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in ("year", "years", "month", "months"):
            break
    noun = head if head.pos_ in ("NOUN", "PROPN") else None
    if noun is None and (head.dep_ == "appos" or (head.lower_ == "aged" and head.head.pos_ == "NOUN")):
        noun = head.head  # "The suspect, aged 43"
    if noun is None or noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    if lemma in _SUSPECT_NOUNS:
        return ""
    if noun.lower_ not in _SEXES:
        return None
    verb = noun.head
    held = verb.lemma_.lower() in _HELD and (
        (noun.dep_ == "nsubjpass") or (noun.dep_ == "dobj" and verb.pos_ == "VERB"))
    return _SEXES[noun.lower_] if held else None


_THEN = {"when", "since", "until", "till", "before", "after", "while", "as", "once"}
# Nouns for a kind of person, not a role: "the 10-year-old girl" after a named man most often brings in someone
# new, where "the 62-year-old mayor" or "the 34-year-old carpenter" points back to the one named.
_NEW_PERSON_NOUNS = frozenset((
    "girl", "boy", "woman", "man", "child", "kid", "baby", "infant", "toddler", "teen", "teenager", "youth", "mother",
    "father", "mom", "dad", "son", "daughter", "wife", "husband", "sister", "brother", "grandmother", "grandfather",
    "aunt", "uncle", "cousin", "niece", "nephew"))


def _name_after(head):
    """The person named right after an age written before the name ("61-year-old Kathryn Gomes"): the last word
    of the name, or None."""
    if head.lower_ not in ("old", "year"):
        return None
    doc = head.doc
    after = head.i + 1
    if after < len(doc) and doc[after].text == "-":
        after += 1
    run = []
    # (a run of capitalised proper nouns will do: the small model tags "Kathryn Gomes" a building)
    while after < len(doc) and (_is_person(doc[after]) or (doc[after].pos_ == "PROPN" and doc[after].is_title)):
        run.append(doc[after])
        after += 1
    if not run or run[-1].dep_ == "compound":
        return None  # "the 40-year-old Tarrow steel plant": a thing's name
    return run[-1] if len(run) > 1 or _is_person(run[0]) else None


def back_then(token) -> bool:
    """An age in a clause set at another time ('when Ruiz was four years old'), given as 'at age 4', or
    marked as past ('Bridges, then 29,')."""
    if any(c.lower_ == "then" for c in token.children) or (token.i > 0 and token.doc[token.i - 1].lower_ == "then"):
        return True
    node = token
    for _ in range(6):
        if node.lower_ == "age" and node.head.lower_ == "at":
            return not _at_death(node.head)  # ("died at the age of 84" is the age at death, for good)
        if node.pos_ in ("VERB", "AUX"):
            # ("will be 29 in April", "who turns 29 on April 11": an age still to come)
            return node.lemma_.lower() == "turn" or any(
                (c.dep_ in ("mark", "advmod") and c.lower_ in _THEN) or (c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall"))
                for c in node.children)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


# Words that go before a name to say who the person is: "Mayor Holt", "Judge Ana Ruiz".
TITLES = {"mayor", "president", "governor", "senator", "judge", "minister", "premier", "chancellor", "sheriff",
          "chief", "officer", "sergeant", "sgt.", "lt.", "capt.", "captain", "gen.", "general", "dr.", "doctor",
          "rep.", "sen.", "gov.", "coach", "detective", "bishop", "father", "king", "queen", "prince", "princess",
          "councillor", "councilman", "councilwoman", "commissioner", "inspector", "professor", "prof."}


def person_name(token) -> str:
    """How to name the person in a label: their surname, with a title written before the name ('Mayor Holt')."""
    ent = entity_around(token)
    first = ent[0] if ent is not None and ent.label_ == "PERSON" else token
    while first.i > 0 and token.doc[first.i - 1].pos_ == "PROPN" and token.doc[first.i - 1].is_title \
            and token.doc[first.i - 1].lower_ not in TITLES and token.i - first.i < 2:
        first = token.doc[first.i - 1]  # "Ana" of an untagged "Ana Ruiz"
    surname = _surname(token).title() if ent is not None else token.text
    title = token.doc[first.i - 1] if first.i > 0 else None
    if title is not None and title.lower_ in TITLES:
        return f"{title.text[:1].upper()}{title.text[1:]} {surname}"
    return surname


def given_name(token) -> str:
    """The first name of the person a name stands for: the name's own ('Rene Pasztor'), or for a lone
    surname, that of the last person of the surname the report named in full before it ('Amber Pasztor
    ... Pasztor, 29,'); '' when the report gives none."""
    ent = entity_around(token)
    if ent is not None and ent.label_ == "PERSON" and len(ent) > 1:
        return ent[0].lower_
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.pos_ == "PROPN" and previous.is_title and previous.lower_ not in TITLES:
        return previous.lower_  # a name the model tagged as something else ("Kathryn Gomes", a building)
    named = _full_names(token.doc).get(_surname(token), [])
    before = bisect_left(named, (token.i,)) - 1
    return named[before][1] if before >= 0 else ""


def _full_names(doc) -> dict[str, list[tuple[int, str]]]:
    """Each surname the report writes after a first name -> (where, the first name), in order. Read once
    per report (kept in the Doc's `user_data`): looking back from each age anew took time that grew with
    the square of the report's length. Read off the words, not the entities: the model may leave a name
    it tags elsewhere untagged."""
    return kept_on(doc, _FULL_NAMES, lambda: _read_full_names(doc))


def _read_full_names(doc) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for first, word in pairwise(doc):
        if first.pos_ == "PROPN" and first.is_title and first.lower_ not in TITLES and first.ent_type_ in ("", "PERSON"):
            found.setdefault(word.lower_, []).append((word.i, first.lower_))
    return found


_FULL_NAMES = ("newsweave", "full names")


def same_person(given_a: str, given_b: str) -> bool:
    """Two people of one surname are one unless both first names are known and differ."""
    return not (given_a and given_b and given_a != given_b)


def entity_around(token):
    """The entity a token is part of, as a Span with the entity's label, read off its IOB tags
    (doc.ents is rebuilt on each access); None outside entities. A "B" token starts an entity
    and the "I" tokens after it continue it."""
    if not token.ent_type_:
        return None
    from spacy.tokens import Span  # (lazy: spaCy is heavy and only here once a report is parsed)

    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    # a slice of the doc has no label: every caller's label test ("PERSON", places) would never fire
    return Span(doc, start, end, label=token.ent_type)


def _surname(token) -> str:
    ent = entity_around(token)
    if ent is not None and ent.label_ == "PERSON":
        return ent[-1].text.lower().strip(".,'’")
    return token.text.lower()


# Words a distance hangs off before it names its other end: "80 km east of Lyon", "40 miles from the plant".
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
               "north-west", "south-east", "south-west", "away", "outside", "upstream", "downstream", "inland", "offshore"}
# Events located at a place: a distance of "the fire at the plant" is the plant's.
_EVENTS_AT = {"fire", "blaze", "explosion", "blast", "crash", "attack", "shooting", "accident", "spill", "leak", "collapse"}


def _places_apart(token) -> frozenset[str]:
    """A distance's two ends: 'the plant is 80 km east of Lyon' -> {the plant, lyon}; 'Lyon, 40 miles west of
    the plant' the same; 'the fire at the plant, 80 km east of Lyon' too (the small model may hang the
    distance off the fire, or off Lyon)."""
    ends: set[str] = set()
    node = token
    located = None
    for _ in range(5):
        # "east of Lyon", "from the coast": an end; "6 inches of rain" is an amount of rain, not a place
        directed = node.lower_ in _DIRECTIONS or any(c.lower_ in _DIRECTIONS for c in node.children)
        for child in node.children:
            if child.dep_ == "prep" and (child.lower_ == "from" or (child.lower_ == "of" and directed)):
                ends |= {_place_key(c) for c in child.children if c.dep_ == "pobj"}
        if node.i != token.i and node.pos_ in ("NOUN", "PROPN") and node.lower_ not in _UNITS and node.lower_ not in _DIRECTIONS:
            located = node  # the place the distance is of: "Lyon, 40 miles west of …", "the fire, 80 km east of …"
            break
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            located = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            break
        node = node.head
    if not ends:
        return frozenset()  # no "… of"/"from" end: a depth, a rainfall, a level, not a distance between places
    if located is not None:
        if located.lemma_.lower() in _EVENTS_AT:
            located = next((g for c in located.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "near")
                            for g in c.children if g.dep_ == "pobj"), located)
        ends.add(_place_key(located))
    ends.discard("")
    return frozenset(ends)


def _place_key(token) -> str:
    """A place as two reports would both write it: a name ('lyon'), or a common noun with 'the' ('the plant')."""
    ent = entity_around(token)
    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP") and token.pos_ == "PROPN":
        return ent.text.lower()
    if token.pos_ == "PROPN":
        return token.text.lower()
    return "the " + token.lemma_.lower() if token.pos_ == "NOUN" else ""


_ROLE_WORDS = {"from": "before the change", "to": "after the change", "whole": "in all", "more": "more of them",
               "until": "still to come", "size": "as a size", CONVERSION: "in other units",
               COUNTED: "of the count done", NAMED: "in a name", AVERAGE: "as a rate",
               SELECTED: "picked out", PART: "of a set", MARGIN: "the margin", SINCE: "in all since a year gone by"}


def describe(quantity: Quantity) -> str:
    """What a quantity measures, in a few words: 'number of people killed', 'age of Mayor Holt',
    'amount of fees sought', 'time of leaving', 'distance between Lyon and the plant',
    'duration of sentence cut, after the change'."""
    what = _describe(quantity)
    return f"{what}, {_ROLE_WORDS[quantity.role]}" if quantity.role and quantity.role != POPULATION else what


def _describe(quantity: Quantity) -> str:
    if quantity.kind == AGE:
        return f"age of {quantity.owner_name or quantity.owner.title()}" if quantity.owner else "age"
    if quantity.role == POPULATION:
        return f"population of {quantity.owner_name}"
    if quantity.kind == TIME:
        return f"time of {_gerund(quantity.predicate)}" if quantity.predicate else "time of the event"
    if quantity.kind == LENGTH and quantity.places:
        # names first, then "the ..." places, each in alphabetical order: a frozenset's own order changes
        # from one process to the next (string hashing), and so would the label
        places = sorted((p if p.startswith("the ") else p.title() for p in quantity.places),
                        key=lambda p: (p.startswith("the "), p))
        return f"distance from {places[0]}" if len(places) == 1 else "distance between " + " and ".join(places)
    if quantity.noun == MAGNITUDE:
        return f"magnitude of the {quantity.predicate or 'earthquake'}"
    charges = re.fullmatch(r"(?:count|charge) of (.+)", quantity.noun)
    if quantity.kind == COUNT and charges:
        return f"counts of {charges.group(1)} {'charged' if quantity.predicate == 'charge' else _past(quantity.predicate)}"
    if quantity.kind == LENGTH and quantity.noun in _FALLS:
        return f"amount of {quantity.noun}"  # "40 cm of snow" is how much fell, not a thing's size
    if quantity.kind == LENGTH and quantity.noun:
        return f"size of the {quantity.noun}"  # (how long, wide, deep or tall: the words say which)
    if quantity.kind == DURATION and quantity.predicate == "sentence" and not quantity.noun:
        return "length of the prison sentence"
    if quantity.kind == DURATION and quantity.noun:
        # the thing that lasts, not the verb of its clause: "Protests grew against his 41-year rule"
        return f"duration of the {quantity.noun}"
    if quantity.kind == SCORE:
        return "tally of the vote" if quantity.noun == "vote" else "score"
    if quantity.kind == ORDINAL and quantity.noun == PLACE:
        return f"place of {quantity.owner_name}" if quantity.owner_name else "place"
    if quantity.kind == ORDINAL and quantity.noun in _STOREYS:
        return quantity.noun  # "floor": which one, the two sides' words say (fell from, lived on)
    what = {MONEY: "amount", PERCENT: "percentage", DURATION: "duration", LENGTH: "distance", MASS: "weight",
            AREA: "area", VOLUME: "volume", SPEED: "speed", ORDINAL: "order", TEMPERATURE: "temperature"}.get(quantity.kind)
    if quantity.unit == PERCENTAGE_POINTS:
        what = "percentage points"
    measured = measured_noun(quantity)
    noun = plural(measured) if measured else ""
    # (a verb of level says nothing the kind does not: "speed of winds", not "speed of winds arrived")
    level = noun and quantity.kind in MEASURED_BY_SUBJECT and quantity.predicate in _LEVEL_PREDICATES
    predicate = _past(quantity.predicate) if quantity.predicate and not level else ""
    if what:
        return " ".join(x for x in (what, "of " + noun if noun else "", predicate) if x)
    return " ".join(x for x in ("number of", noun or "things", predicate) if x)


# What falls from the sky, measured by its depth.
_FALLS = {"rain", "rainfall", "snow", "snowfall", "precipitation", "hail", "sleet"}


# Irregular past participles of verbs a figure hangs off (the regular ones take -ed).
_PARTICIPLES = {"stick": "stuck", "leave": "left", "take": "taken", "hold": "held", "find": "found", "break": "broken",
                "see": "seen", "give": "given", "bring": "brought", "send": "sent", "build": "built", "lose": "lost",
                "strike": "struck", "hit": "hit", "cut": "cut", "put": "put", "set": "set", "spend": "spent",
                "win": "won", "sell": "sold", "buy": "bought", "pay": "paid", "seek": "sought", "fall": "fallen",
                "rise": "risen", "grow": "grown", "shoot": "shot", "catch": "caught", "keep": "kept", "meet": "met",
                "run": "run", "fly": "flown", "drive": "driven", "write": "written", "steal": "stolen", "eat": "eaten",
                "make": "made", "do": "done", "go": "gone", "say": "said", "tell": "told"}


def _past(lemma: str) -> str:
    if lemma in _PAST:
        return _PAST[lemma]
    if lemma in _PARTICIPLES or not lemma.isalpha():
        return _PARTICIPLES.get(lemma, lemma)
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _gerund(lemma: str) -> str:
    """'leave' -> 'leaving', 'break' -> 'breaking', 'hit' -> 'hitting': for 'time of leaving'."""
    if not lemma.isalpha():
        return lemma
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith("ee") and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if (len(lemma) <= 4 and len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"):
        return lemma + lemma[-1] + "ing"  # "hit", "stop": one short syllable doubles its last letter
    return lemma + "ing"


_PAST = {"kill": "killed", "injure": "injured", "hospitalize": "taken to hospital", "arrest": "arrested",
         "charge": "charged", "evacuate": "evacuated", "rescue": "rescued", "miss": "missing", "destroy": "destroyed",
         "damage": "damaged", "cut": "cut", "raise": "raised", "fall": "fallen", "pay": "paid", "seek": "sought",
         "fine": "fined", "steal": "stolen", "donate": "donated", "revenue": "in revenue", "sell": "sold",
         "buy": "bought", "earn": "earned", "leave": "left", "arrive": "arrived", "sentence": "sentenced",
         "attack": "attacked", "settle": "settled", "recall": "recalled", "fight": "fought", "board": "on board"}
# Irregular plurals, and counted nouns already plural ("attackers", "homes": not "attackerses").
_IRREGULAR = {"child": "children", "man": "men", "woman": "women", "person": "people", "people": "people",
              "policeman": "policemen", "gunman": "gunmen", "story": "stories", "fee": "fees",
              "attackers": "attackers", "homes": "homes"}


def plural(noun: str) -> str:
    """'chinese passenger' -> 'chinese passengers', 'casualty' -> 'casualties': a label's counted noun."""
    *kind, head = noun.split()
    if head in _IRREGULAR:
        head = _IRREGULAR[head]
    elif head.endswith(("s", "sh", "ch", "x")):
        head += "es"
    else:
        head = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
    return " ".join([*kind, head])


# What two figures measure, and whether they can both be true: shared by align (claims giving
# incompatible figures are not one fact) and crosscheck/numbers.py (they are a disagreement).
def measure_key(quantity) -> tuple | None:
    level = _as_level(quantity)
    key = _measure_key(level) if level is not quantity else None
    if key is not None:
        return key  # (a change's end measures what its level does, when the level names what it measures)
    key = _measure_key(quantity)
    return (*key, quantity.role) if key is not None and quantity.role else key


def _extreme(temperature) -> str:
    """Which extreme of the day a temperature is, when its words say: "a high of 35C", "overnight lows of 12C"."""
    return temperature.noun if temperature.noun in ("high", "low", "maximum", "minimum") else ""


# A building's storeys, counted by ordinals ("fell from the 12th floor"); not "story", more often a report.
_STOREYS = frozenset({"floor", "storey"})


def _as_level(quantity):
    """The level a change left, as the figure of that level is compared: "has grown to 172 infections" with "172
    confirmed infections", "raised the rate to 7.5%" with "a rate of 8.25 percent". (Its start, "from", is a level
    gone by, and the amount, "rose by 45", no level at all: both stay what they are.)"""
    return quantity.with_(role="", predicate="") if quantity.role == "to" else quantity


def _measure_key(quantity) -> tuple | None:
    if quantity.kind == SCORE:
        return (SCORE, quantity.noun)  # the story's result, or its vote
    if quantity.kind == TEMPERATURE:
        return (TEMPERATURE, quantity.unit)  # however the clause tells it ("it was 41C", "temperatures reached 41C")
    if quantity.role in (CONVERSION, COUNTED, NAMED):
        return None  # the figure it converts is compared; a count's progress is no result; a name's number counts nothing
    if quantity.kind == AGE:
        return (AGE, quantity.owner) if quantity.owner else None
    if quantity.role == POPULATION:
        return (COUNT, POPULATION, quantity.owner)
    if quantity.kind == LENGTH:
        # a distance between places, or the size of a thing the words name ("40 cm of snow", "the 900-metre bridge")
        return (LENGTH,) if quantity.places or quantity.noun else None
    if quantity.kind == ORDINAL:
        # "the second time", "the third day": rarely one thing reports count alike; but a building's floor is a place
        return (ORDINAL, quantity.noun) if quantity.noun in _STOREYS or quantity.noun == PLACE else None
    if quantity.kind == COUNT:
        if quantity.noun == MAGNITUDE:
            return (COUNT, MAGNITUDE, quantity.predicate)
        if not quantity.noun or quantity.value != int(quantity.value):
            return None  # (a fraction of a thing, "2.1 children per woman", is an average, not a count)
        return (COUNT, quantity.noun, quantity.predicate if quantity.predicate in PREDICATE_CLASS_NAMES else "")
    if not (quantity.noun or quantity.predicate) or quantity.predicate in ("be", "have"):
        return None
    if quantity.noun in _LIMITS:
        return (quantity.kind, quantity.unit, "limit")  # "well above the 100 km/h limit": the law's, not the train's
    return (quantity.kind, quantity.unit)


_LIMITS = frozenset({"limit", "cap", "ceiling"})


def measured_noun(quantity) -> str:
    """The noun a figure measures, not its unit: "" for "48 million euros" (a billion dollars measures nothing named),
    "in cash" (how it is paid) or "a fee of 23 million pounds" (sterling)."""
    noun = quantity.noun
    return "" if _money_unit(noun) or noun == "cash" else noun


def _money_unit(lemma: str) -> bool:
    """Whether a noun's lemma is a currency's name ("dollar", "euro", "pound"): a sum's unit, not what it measures."""
    return lemma == "pound" or bool(re.fullmatch(_CURRENCY_WORD, lemma, re.I))


def same_measure(a, b, one_fact: bool = False) -> bool:
    """Whether two figures measure one thing. `one_fact`: the aligner finds their claims state one fact, so
    two verbs that name no known event ("peaked at 150,000 meteors", "clocked up to 100,000 meteors") are
    one thing said two ways; the events it knows (killed, injured) stay apart through the measure key."""
    if (a.role == "to") != (b.role == "to"):
        a, b = _as_level(a), _as_level(b)  # (two changes' ends keep their verbs: "cut to $3.2 billion", "cut to $2.8 billion")
    key_a, key_b = measure_key(a), measure_key(b)
    if key_a is None or key_b is None or key_a != key_b:
        return False
    if a.predicate and b.predicate and a.predicate != b.predicate and a.kind == COUNT and not one_fact:
        return False  # "two people suffered injuries", "1,400 people woke up away from home": two things
    if a.kind == AGE:
        return same_person(a.owner_given, b.owner_given)
    if a.kind == SCORE:
        return True
    if a.kind == TEMPERATURE:
        return _extreme(a) == _extreme(b)  # a day's high is not its low
    if a.kind == LENGTH:
        if not (a.places and b.places):
            # one thing's size: "The bridge is 1.2 km long", "the 900-metre bridge"; "The 320-kilometre pipeline", "The
            # pipeline runs for nearly 200 miles from the coast to the plant" (one report says where it runs)
            return bool(a.noun) and a.noun == b.noun
        return len(a.places & b.places) >= 2 or (len(a.places & b.places) == 1 and len(a.places | b.places) <= 3)
    if a.kind == SPEED and a.predicate in _MOTION and b.predicate in _MOTION:
        return True  # "The bus was travelling at 110 km/h", "The bus was going 80 km/h": one speed, however it moved
    if a.kind not in (AGE, COUNT):
        if (a.predicate == "seek") != (b.predicate == "seek"):
            return False  # asked for (or risked) and given: "sought a six-year sentence", "six months in prison"
        # money, times, percentages: the same noun ("in fees") or the same predicate class ("seeking", "demands");
        # two nouns said, they must be one ("4 billion pesos worth of crops", "10.4 billion pesos in damage")
        noun_a, noun_b = measured_noun(a), measured_noun(b)
        if noun_a and noun_b:
            return noun_a == noun_b
        # or, of a duration, one names as a noun the event the other tells with its verb: "his 41-year rule", "has
        # ruled for 42 years" (a sum is not: "the first film to gross $1 billion" is another film's gross)
        return bool(a.predicate and (a.predicate == b.predicate or one_sale(a, b))) or (
            a.kind == DURATION and (_named_event(noun_a, b) or _named_event(noun_b, a)))
    return True


# One sale's price, told by the seller's verb or the buyer's: "sold for 2.3 million dollars", "paid $23 million for".
_ONE_SALE = frozenset({"sell", "buy", "pay"})


def one_sale(a, b) -> bool:
    """Whether two figures are sums whose predicates may tell one sale from its two sides (`_ONE_SALE`)."""
    return a.kind == b.kind == MONEY and a.predicate in _ONE_SALE and b.predicate in _ONE_SALE


def _named_event(noun: str, figure) -> bool:
    """Whether `noun` names the event `figure`'s predicate tells ("rule" for "ruled", "delay" for "delayed")."""
    return bool(noun and figure.predicate and predicate_class(noun) == figure.predicate and not figure.noun)


# Verbs of moving, whose speed is the mover's whatever the verb.
_MOTION = {"travel", "go", "drive", "move", "fly", "race", "speed", "run", "ride", "sail", "head", "arrive", "hit"}


def conflicting(a, b) -> bool:
    """Whether two claims give different figures for one measure ("2 injured", "352 injured"):
    whether or not they are about the same occasion, they do not state the same fact."""
    return any(same_measure(x, y) and not compatible(x, y) for x in a.quantities for y in b.quantities)
