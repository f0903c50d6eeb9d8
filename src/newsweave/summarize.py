"""Stage 4, summarize: pick fact groups, quote one sentence of each verbatim.

A group's score rewards what reports agree on (support), what is central to
the story (similarity to the centroid) and what reports put first (news is
written most-important-first). Groups are taken best first while they fit the
word budget, skipping any too similar to one already taken, so a caption that
repeats the body or two phrasings of one fact never both appear. The chosen
sentences are then put in reading order.
"""

from __future__ import annotations

import re

from newsweave.settings import Settings
from newsweave.story import BODY, FactGroup, Sentence, Story, SummarySentence

# Sentences opening with these lean on a previous sentence and read badly alone.
_DANGLING = re.compile(
    r"^[\"'“‘]?(?:he|she|they|it|this|that|these|those|his|her|their|its|but|and|also|however|so|then|meanwhile|still|yet)\b",
    re.IGNORECASE,
)
# Over this similarity a candidate repeats a sentence already in the summary.
REDUNDANT = 0.45
SUPPORT_WEIGHT = 0.5
LEAD_WEIGHT = 0.6


def summarize(story: Story, settings: Settings) -> Story:
    positions = _relative_positions(story)
    index = {id(s): i for i, s in enumerate(story.aligned)}
    candidates = [g for g in story.facts if _usable(g.representative, settings)]
    document_count = max(1, len(story.documents) - 1)
    scored = sorted(
        candidates,
        key=lambda g: -_score(g, positions, document_count),
    )
    chosen: list[FactGroup] = []
    words = 0
    for group in scored:
        sentence = group.representative
        if chosen and words + sentence.words > settings.words:
            continue
        if any(story.similarity[index[id(sentence)], index[id(c.representative)]] > REDUNDANT for c in chosen):
            continue
        chosen.append(group)
        words += sentence.words
        if words >= settings.words:
            break
    chosen.sort(key=lambda g: (min(positions[id(s)] for s in g.sentences), g.id))
    story.summary = [SummarySentence(text=g.representative.text, fact=g, sentence=g.representative) for g in chosen]
    return story


def _usable(sentence: Sentence, settings: Settings) -> bool:
    return sentence.role == BODY and settings.min_summary_words <= sentence.words <= settings.max_summary_words


def _score(group: FactGroup, positions: dict[int, float], document_count: int) -> float:
    sentence = group.representative
    support = (group.support - 1) / document_count
    lead = 1.0 - min(positions[id(s)] for s in group.sentences)
    score = group.salience * (1 + SUPPORT_WEIGHT * support) * (1 + LEAD_WEIGHT * lead)
    if _DANGLING.match(sentence.text):
        score *= 0.75
    return score


def _relative_positions(story: Story) -> dict[int, float]:
    """Each sentence's place in its report's body copy, from 0 (first) to 1 (last)."""
    by_document: dict[str, list[Sentence]] = {}
    for sentence in story.sentences:
        by_document.setdefault(sentence.document, []).append(sentence)
    positions: dict[int, float] = {}
    for sentences in by_document.values():
        body = [s for s in sentences if s.role == BODY] or sentences
        rank = 0
        for sentence in sentences:
            positions[id(sentence)] = rank / max(1, len(body) - 1)
            if sentence.role == BODY:
                rank += 1
    return positions
