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
# Weights tuned on 60 Multi-News dev clusters and checked on DUC 2003
# (docs/benchmarks.md): agreement between reports doubles a score at most;
# the lead prior halves by the 12th body sentence of a report and fades slowly,
# because long features bury facts deep in the copy.
SUPPORT_WEIGHT = 1.0
LEAD_SCALE = 12


def summarize(story: Story, settings: Settings) -> Story:
    ranks, body_counts = _body_ranks(story)
    index = {id(s): i for i, s in enumerate(story.aligned)}
    # A sentence is quoted for its main claim, and cited to every report that states that claim.
    candidates = [g for g in story.facts if _usable(g.representative, settings) and _main(g)]
    document_count = max(1, len(story.documents) - 1)
    scored = sorted(
        candidates,
        key=lambda g: -_score(g, ranks, document_count),
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
    # Reading order: where the fact first appears, relative to each report's length.
    # A report with no body copy at all (one caption line) has no count: .get.
    chosen.sort(key=lambda g: (min(ranks[id(s)] / max(1, body_counts.get(s.document, 0) - 1) for s in g.sentences), g.id))
    story.summary = [SummarySentence(text=g.representative.text, fact=g, sentence=g.representative) for g in chosen]
    return story


def _main(group: FactGroup) -> bool:
    claim = group.representative_claim
    return claim is None or claim.main


def _usable(sentence: Sentence, settings: Settings) -> bool:
    return (
        sentence.role == BODY
        and sentence.complete
        and settings.min_summary_words <= sentence.words <= settings.max_summary_words
    )


def _score(group: FactGroup, ranks: dict[int, int], document_count: int) -> float:
    sentence = group.representative
    support = (group.support - 1) / document_count
    lead = 2.0 / (1.0 + min(ranks[id(s)] for s in group.sentences) / LEAD_SCALE)
    score = group.salience * (1 + SUPPORT_WEIGHT * support) * (1 + lead)
    if _DANGLING.match(sentence.text):
        score *= 0.75
    return score


def _body_ranks(story: Story) -> tuple[dict[int, int], dict[str, int]]:
    """Each sentence's rank among its report's body sentences (captions take
    the rank of the body sentence they precede), and each report's body count."""
    ranks: dict[int, int] = {}
    counts: dict[str, int] = {}
    for sentence in story.sentences:
        ranks[id(sentence)] = counts.get(sentence.document, 0)
        if sentence.role == BODY:
            counts[sentence.document] = counts.get(sentence.document, 0) + 1
    return ranks, counts
