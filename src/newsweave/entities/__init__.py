"""Entities resolved across reports, and the typed links between them.

mentions.py finds names (spaCy NER plus the alias table), resolve.py decides
which name the same person, group or place across reports, relations.py reads
the links between them off the parse.
"""

from __future__ import annotations

from newsweave.settings import Settings
from newsweave.story import Discrepancy, DiscrepancyValue, Story


def resolve_entities(story: Story, settings: Settings) -> Story:
    from newsweave.entities.mentions import story_mentions
    from newsweave.entities.relations import find_relations
    from newsweave.entities.resolve import resolve

    texts = {document.id: document.text for document in story.documents}
    story.entities = resolve(story_mentions(story), texts)
    story.relations = find_relations(story, story.entities)
    return story


def name_discrepancies(story: Story) -> list[Discrepancy]:
    """One `name` discrepancy per entity the reports spell in different ways
    ("Junaid Hussian" / "Junaid Hussain"): each spelling with where it is used."""
    from newsweave.entities.aliases import alias_key

    discrepancies = []
    for entity in story.entities:
        if not entity.variants:
            continue
        spellings: dict[str, list] = {}
        lengths = {len(alias_key(v).split()) for v in entity.variants}
        for mention in entity.mentions:
            if len(alias_key(mention.text).split()) not in lengths:
                continue  # a bare surname shows no spelling of the full name
            spellings.setdefault(mention.text, []).append(mention.evidence)
        if len(spellings) < 2:
            continue
        values = [DiscrepancyValue(text, entity.name, evidence) for text, evidence in spellings.items()]
        discrepancies.append(Discrepancy("name", f"spelling of {entity.name}", values, confidence=0.8))
    return discrepancies
