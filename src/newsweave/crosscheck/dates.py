"""Date discrepancies: the same event given different dates by different reports.

The timeline stage finds and resolves every date expression (timeline.py)
and keeps them in the story's workspace; this module compares them across
reports. A story built without the timeline stage has none to compare.
"""

from __future__ import annotations

from collections import defaultdict

from newsweave.story import Discrepancy, DiscrepancyValue, SentenceKey, Story
from newsweave.timeline import DateMention, event_lemma


def date_discrepancies(story: Story) -> list[Discrepancy]:
    """The same event given different dates by different reports.

    Two dated sentences are about the same event when they share its word
    ("killed", "attacks") and a named person, group or place, or when they are
    in one fact group; dates of different precision that agree ("2015-11" and
    "2015-11-13") are no disagreement, and neither is a report that also gives
    the other's date for the event: "a Sept. 25 complaint ... a Sept. 30
    complaint" are two complaints.
    """
    mentions = [m for m in story.workspace.dates if m.date is not None and m.precision != "week"]
    names = _sentence_names(story)
    groups = {s.key: g.id for g in story.facts for s in g.sentences}
    by_event: dict[str, list[DateMention]] = defaultdict(list)
    for mention in mentions:
        if mention.event:
            by_event[event_lemma(mention.event)].append(mention)
    discrepancies = []
    seen: set[frozenset] = set()
    for event, group in by_event.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.evidence.document == b.evidence.document or _compatible(a.date, b.date):
                    continue
                if _also_gives(group, b.evidence.document, a.date) or _also_gives(group, a.evidence.document, b.date):
                    continue
                fact = groups.get(a.sentence.key)
                same_fact = fact is not None and fact == groups.get(b.sentence.key)
                shared = names.get(a.sentence.key, set()) & names.get(b.sentence.key, set())
                if not (same_fact or shared):
                    continue
                pair = frozenset((a.date, b.date, event))
                if pair in seen:
                    continue
                seen.add(pair)
                subject = f"date of {event}" + (f" ({', '.join(sorted(shared))})" if shared else "")
                values = [DiscrepancyValue(m.text, m.date, [m.evidence]) for m in (a, b)]
                discrepancies.append(Discrepancy("date", subject, values, confidence=0.9 if same_fact else 0.6))
    return discrepancies


def _also_gives(mentions: list[DateMention], document: str, date: str | None) -> bool:
    return any(m.evidence.document == document and _compatible(m.date, date) for m in mentions)


def _compatible(a: str | None, b: str | None) -> bool:
    """One date within the other ("2015-11" and "2015-11-13"); an unresolved date is compatible with none."""
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))


def _sentence_names(story: Story) -> dict[SentenceKey, set[str]]:
    """Each sentence's key → the names of the people, groups and places it mentions."""
    names: dict[SentenceKey, set[str]] = defaultdict(set)
    for entity in story.entities:
        if entity.type == "NORP":
            continue
        for mention in entity.mentions:
            if 0 <= mention.sentence < len(story.sentences):
                names[story.sentences[mention.sentence].key].add(entity.name)
    return names
