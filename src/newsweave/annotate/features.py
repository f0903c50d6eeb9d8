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

from newsweave.annotate.tokens import TokenTable

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


def stands_alone(table: TokenTable, start: int, end: int) -> bool:
    """Whether tokens [start, end) are a clause with a subject and a verb, not a lead-in to a list or quote
    that follows."""
    if table.span_text(start, end).rstrip().endswith((":", ",", ";")):
        return False
    return any(pos in VERBAL for pos in table.pos[start:end]) and any(dep in SUBJECTS for dep in table.dep[start:end])


def sentence_features(
    table: TokenTable, start: int, end: int, ents: Sequence[Span]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Content lemmas, entity keys and number keys of tokens [start, end), whose entities are `ents`."""
    terms = tuple(lemma for lemma in table.term_lemma[start:end] if lemma is not None)
    entities: list[str] = []
    for ent in ents:
        label = ent.label_
        if label not in ENTITY_LABELS:
            continue
        key = entity_key(table.span_text(ent.start, ent.end))
        if key:
            entities.append(key)
        if label == "PERSON" and ent.end - ent.start > 1:
            entities.append(entity_key(table.token_text(ent.end - 1)))
    numbers = []
    like_num, ent_type = table.like_num, table.ent_type
    for i in range(start, end):
        # A token's entity type counts against a number unless it is empty or a number's.
        if like_num[i] and (not ent_type[i] or ent_type[i] in NUMBER_LABELS):
            value = number_value(table.token_text(i))
            # "one of them", "no one": the word "one" is rarely a count.
            if value is not None and not (value == 1 and table.is_alpha[i]):
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
