"""Cheap per-article signatures for clustering and duplicate detection: keywords, name phrases, shingles.

Clustering sees every article of a corpus, so these are regular expressions
rather than a spaCy pass: on the scale benchmark (benchmarks/ingest_scale.py)
the whole clustering pipeline runs many times faster than `nlp.pipe` alone.
Names are capitalised word runs, the way a reader spots them: a single
capitalised word counts only if the article also uses it mid-sentence, so
"The" and "Police" opening a sentence do not become names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# A run of capitalised words, allowing the small joiners of names
# ("Bank of England", "Abu Bakr al-Baghdadi").
_NAME = re.compile(
    r"(?<![\w'’])[A-Z][\w'’.-]*[a-z0-9][\w'’-]*"
    r"(?:\s+(?:(?:of|de|del|da|al|bin|van|von|la|le|the)\s+)?[A-Z][\w'’.-]*[a-z0-9][\w'’-]*)*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*|[\"“(]\s*)$")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised, but they name a time, not a story.
_CALENDAR = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "today",
    ]
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    # lazy: spaCy's English list; keeps `newsweave --help` fast.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "also", "like", "just", "year", "years"}


@lru_cache(maxsize=200_000)
def _entity_key(text: str) -> str:
    # lazy: annotate.features imports spaCy; keeps `newsweave --help` fast.
    from newsweave.annotate.features import entity_key

    return entity_key(text)


def _stem(word: str) -> str:
    """A light plural/inflection fold so 'attacks' meets 'attack' without a lemmatiser."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def keywords(text: str) -> Counter[str]:
    """Content words of `text`, lower-cased and folded, with their counts."""
    counts: Counter[str] = Counter()
    # Count the words first, then fold each distinct word once: a report repeats most of them.
    for word, count in Counter(_WORD.findall(text.lower())).items():
        folded = _fold(word)
        if folded:
            counts[folded] += count
    return counts


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str | None:
    """A lower-case word as a keyword, or None for a stop word or a scrap."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 2 and word not in stop_words():
        return _stem(word)
    return None


def names(text: str) -> Counter[str]:
    """Capitalised name phrases of `text` as entity keys, with their counts."""
    stops = stop_words()
    found: list[tuple[str, bool]] = []
    mid_sentence: set[str] = set()
    for match in _NAME.finditer(text):
        phrase = match.group().rstrip(".")
        words = phrase.split()
        starts_sentence = bool(_SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]))
        if starts_sentence and words[0].lower() in stops:
            # "The Pentagon said" → "Pentagon"; "He" → nothing.
            words = words[1:]
            if words and words[0].lower() in ("of", "the"):
                words = words[1:]
            starts_sentence = False
        if not words:
            continue
        phrase = " ".join(words)
        if len(words) == 1:
            if phrase.lower() in stops or (phrase.isupper() and len(phrase) > 5):
                continue
            if not starts_sentence:
                mid_sentence.add(phrase)
        found.append((phrase, starts_sentence))
    counts: Counter[str] = Counter()
    for phrase, starts_sentence in found:
        if starts_sentence and " " not in phrase and phrase not in mid_sentence:
            continue
        key = _entity_key(phrase)
        if key and key not in _CALENDAR:
            counts[key] += 1
            words = key.split()
            if len(words) > 1:
                # A full name also yields its surname: later mentions use it alone.
                counts[words[-1]] += 1
    return counts


def shingles(text: str, size: int = 5) -> list[str]:
    """Overlapping word `size`-grams of the lower-cased text, for MinHash."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


@dataclass
class ArticleFeatures:
    keywords: Counter[str]
    names: Counter[str]


def article_features(title: str | None, text: str, body: ArticleFeatures | None = None) -> ArticleFeatures:
    """Keywords and names of an article; the title counts twice, as headlines name the story.
    `body`: the text's own keywords and names when the caller has them (left unchanged)."""
    head = f"{title}\n" if title else ""
    words = Counter(body.keywords) if body else keywords(text)
    found = Counter(body.names) if body else names(text)
    if head:
        for word, count in keywords(head).items():
            words[word] += 2 * count
        for name, count in names(head).items():
            found[name] += 2 * count
    return ArticleFeatures(words, found)
