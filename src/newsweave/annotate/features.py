"""What alignment compares: content lemmas, entity keys and number values.

Each is normalised so that different reports' wording meets: "nine" and "9"
are one number, "the Wall Street Journal" and "Wall Street Journal" one entity,
and a full name also yields its surname, which is how later mentions refer back.
"""

from __future__ import annotations

import bisect
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


def entity_key(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"\s+", " ", text).lower().strip(" .,")


SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def stands_alone(span: Span) -> bool:
    """A clause with a subject and a verb, not a lead-in to a list or quote that follows."""
    if span.text.rstrip().endswith((":", ",", ";")):
        return False
    has_verb = any(token.pos_ in ("VERB", "AUX") for token in span)
    return has_verb and any(token.dep_ in SUBJECTS for token in span)


def sentence_features(
    span: Span, ents: Sequence[Span] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Content lemmas, entity keys and number keys of a sentence.

    `ents` are the span's entities when the caller has them: `Span.ents`
    rebuilds the whole document's entity list on every call, which made a long
    report quadratic.
    """
    terms = tuple(
        token.lemma_.lower()
        for token in span
        if (token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1
    )
    entities: list[str] = []
    for ent in span.ents if ents is None else ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        key = entity_key(ent.text)
        if key:
            entities.append(key)
        if ent.label_ == "PERSON" and len(ent) > 1:
            entities.append(entity_key(ent[-1].text))
    numbers = []
    for token in span:
        if token.like_num and not (token.ent_type_ and token.ent_type_ not in NUMBER_LABELS):
            value = number_value(token.text)
            # "one of them", "no one": the word "one" is rarely a count.
            if value is not None and not (value == 1 and token.is_alpha):
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
