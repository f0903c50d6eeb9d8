"""Fact groups made by hand, for tests of the readers that trust the aligner's grouping.

Not a test module (no `test_` prefix): imported by tests/test_timeline.py and tests/test_crosscheck.py.
"""

from __future__ import annotations

from newsweave.story import Claim, FactGroup, Story


def shortest_claim(story: Story, document: str, word: str) -> Claim:
    """The shortest claim of `document` whose words hold `word`."""
    return min((c for c in story.claims if c.document == document and word in c.text), key=lambda c: len(c.text))


def add_fact_group(story: Story, *claims: Claim) -> Story:
    """`story` with one more fact group, of `claims`, numbered after the groups the aligner built."""
    sentences = list({id(c.sentence): c.sentence for c in claims}.values())
    top = max((g.id for g in story.facts), default=0)
    story.facts.append(FactGroup(id=top + 1, sentences=sentences, representative=sentences[0], claims=list(claims)))
    return story
