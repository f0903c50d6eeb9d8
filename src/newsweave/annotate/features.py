"""What alignment compares: content lemmas, entity keys and number values.

Each is normalised so that different reports' wording meets: "nine" and "9"
are one number, "the Wall Street Journal" and "Wall Street Journal" one entity,
and a full name also yields its surname, which is how later mentions refer back.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def number_value(word: str) -> float | None:
    """'9', '1,400', 'nine', 'Eleven' → a number; anything else → None."""
    word = word.lower().strip()
    if _DIGITS.match(word):
        value = float(word.replace(",", ""))
        # A figure hundreds of digits long is infinity as a float: no count a report could mean.
        return value if math.isfinite(value) else None
    if word in _UNITS:
        return float(_UNITS[word])
    if word in _SCALES:
        return float(_SCALES[word])
    return None


def number_key(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def entity_key(text: str) -> str:
    text = _ARTICLE.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    return _SPACES.sub(" ", text).lower().strip(" .,")


SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
VERBAL = {"VERB", "AUX"}
# The token attributes the features read, as columns of `Doc.to_array`.
_COLUMNS: list[int | str] = ["IDX", "LENGTH", "IS_ALPHA", "LIKE_NUM", "IS_STOP", "LEMMA", "POS", "DEP", "ENT_TYPE"]


class TokenTable:
    """A parsed report's token attributes, read once, for the features of each of its sentences.

    Each `doc[i]` and each step through a Span makes a spaCy Token object;
    reading the attributes as arrays of the whole Doc once instead made the
    features of a report's sentences several times faster. Sentences are given
    as token ranges [start, end), as a Span's `start` and `end`.
    """

    def __init__(self, doc: Doc, text: str | None = None):
        self.text = doc.text if text is None else text  # `Doc.text` joins every token's text anew
        self.strings = doc.vocab.strings
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        self.idx, self.length, self.alpha, self.like_num, self.stop, self.lemma, pos, dep, ent_type = columns
        # Each distinct tag and label is looked up once (a POS tag's string is its name, as `Token.pos_` gives).
        strings = self.strings
        verbal = {tag: strings[tag] in VERBAL for tag in set(pos)}
        self.verbal = [verbal[tag] for tag in pos]
        subject = {label: strings[label] in SUBJECTS for label in set(dep)}
        self.subject = [subject[label] for label in dep]
        # A token's entity type counts against a number unless it is empty or a number's.
        other_type = {label: bool(label) and strings[label] not in NUMBER_LABELS for label in set(ent_type)}
        self.other_entity = [other_type[label] for label in ent_type]

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i] : self.idx[i] + self.length[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as `Span.text` gives it."""
        return self.text[self.idx[start] : self.idx[end - 1] + self.length[end - 1]] if end > start else ""

    def stands_alone(self, start: int, end: int) -> bool:
        """A clause with a subject and a verb, not a lead-in to a list or quote that follows."""
        if self.span_text(start, end).rstrip().endswith((":", ",", ";")):
            return False
        return any(self.verbal[start:end]) and any(self.subject[start:end])

    def features(
        self, start: int, end: int, ents: Sequence[Span]
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Content lemmas, entity keys and number keys of tokens [start, end), whose entities are `ents`."""
        strings, alpha, like_num = self.strings, self.alpha, self.like_num
        terms = tuple(
            strings[self.lemma[i]].lower()
            for i in range(start, end)
            if (alpha[i] or like_num[i]) and not self.stop[i] and self.length[i] > 1
        )
        entities: list[str] = []
        for ent in ents:
            label = ent.label_
            if label not in ENTITY_LABELS:
                continue
            key = entity_key(self.span_text(ent.start, ent.end))
            if key:
                entities.append(key)
            if label == "PERSON" and ent.end - ent.start > 1:
                entities.append(entity_key(self.token_text(ent.end - 1)))
        numbers = []
        for i in range(start, end):
            if like_num[i] and not self.other_entity[i]:
                value = number_value(self.token_text(i))
                # "one of them", "no one": the word "one" is rarely a count.
                if value is not None and not (value == 1 and alpha[i]):
                    numbers.append(number_key(value))
        return terms, tuple(dict.fromkeys(entities)), tuple(dict.fromkeys(numbers))


def entity_lookup(doc: Doc) -> Callable[[Span], list[Span]]:
    """A function giving the entities inside a span, as `Span.ents` would, from one
    pass over the document's: `Span.ents` (and `Doc.ents`) rebuild the whole
    document's entity list on every call, so calling it per sentence is quadratic."""
    ents = list(doc.ents)
    starts = [ent.start for ent in ents]

    def entities_in(span: Span) -> list[Span]:
        found = []
        for index in range(bisect.bisect_left(starts, span.start), len(ents)):
            if ents[index].end > span.end:
                break
            found.append(ents[index])
        return found

    return entities_in
