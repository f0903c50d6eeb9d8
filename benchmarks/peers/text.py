"""What every summary peer shares: the sentence splitter, word counts, stemmed
tokens, candidate sentences, and how a chosen set becomes a summary.

The budget rule is the benchmark's: words are whitespace words, and the scorer
cuts every summary to the budget. A peer's optimiser picks sentences whose
total fits the budget; `assemble` then adds one more sentence if words are
left, so that no peer wastes the tail of its budget (that sentence is cut when
scored, as Lead's and LexRank's last sentence is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

# A sentence ends at . ! or ? (possibly followed by closing quotes or
# brackets), then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'`\u201c\u2018(\[]*[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep",
    "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "rev", "mt", "ft",
    "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "aug",
    "sept", "sep", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "d.c",
}
WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def split_sentences(text: str) -> list[str]:
    """Regex sentence splitter: line breaks, then end punctuation.

    A period after a known abbreviation ("Mr.", "U.S.") or a single capital
    initial ("John F. Kennedy") does not end a sentence.
    """
    sentences = []
    for line in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(line):
            before = line[start : match.start() + 1].split()
            last = before[-1].rstrip(".").lower() if before else ""
            if line[match.start()] == "." and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
                continue
            sentences.append(line[start : match.end()].strip())
            start = match.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


def word_count(text: str) -> int:
    return len(text.split())


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _porter().stem(word)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, in order (stop words kept)."""
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def content_stems(text: str) -> list[str]:
    """Porter stems of the non-stop-word tokens, in order."""
    stops = stop_words()
    return [stem(w) for w in tokens(text) if w not in stops]


@dataclass(frozen=True)
class Candidate:
    doc: int  # index of the report in the cluster
    position: int  # index of the sentence in its report
    text: str
    words: int


def sentences_of(documents: list[dict]) -> list[Candidate]:
    """Every sentence of every report, in report order, exact duplicates dropped."""
    seen, out = set(), []
    for d, document in enumerate(documents):
        for p, sentence in enumerate(split_sentences(document["text"])):
            if sentence in seen:
                continue
            seen.add(sentence)
            out.append(Candidate(d, p, sentence, word_count(sentence)))
    return out


def candidates(documents: list[dict], min_words: int = 0, first_n: int | None = None) -> list[Candidate]:
    """The sentences a peer may choose: at least `min_words` long and, if
    `first_n` is set, among the first `first_n` sentences of their report."""
    return [
        c for c in sentences_of(documents)
        if c.words >= min_words and (first_n is None or c.position < first_n)
    ]


def assemble(
    chosen: Iterable[Candidate],
    pool: list[Candidate],
    words: int,
    scorer: Callable[[list[Candidate]], Callable[[Candidate, int], float]] | None = None,
) -> str:
    """The summary text: the optimiser's sentences (whose total fits the
    budget), then, while words are left, the pool sentence that fits the words
    left and scores best under `scorer(chosen)(candidate, words_left)`; when
    none fits, the best-scoring one of the rest, which the scorer will cut.
    Sentences come out in report order, the cut one last."""
    chosen = list(dict.fromkeys(chosen))
    left = words - sum(c.words for c in chosen)
    last = None
    if scorer is not None:
        rest = [c for c in pool if c not in set(chosen)]
        while left > 0 and rest:
            score = scorer(chosen)
            fitting = [c for c in rest if c.words <= left]
            best = max(fitting or rest, key=lambda c: score(c, left))
            rest.remove(best)
            if not fitting:
                last = best
                break
            chosen.append(best)
            left -= best.words
    ordered = sorted(chosen, key=lambda c: (c.doc, c.position)) + ([last] if last else [])
    return " ".join(c.text for c in ordered)
