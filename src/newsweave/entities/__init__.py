"""The entity stage (after align, before timeline): entities resolved across reports, and the typed links between them.

mentions.py finds names (spaCy NER plus the alias table), resolve.py decides
which name the same person, group or place across reports, relations.py reads
the links between them off the parse. Spellings that disagree are kept as an
entity's `variants`; crosscheck (crosscheck/names.py) reports them.
"""

from __future__ import annotations

from newsweave.entities.mentions import story_mentions
from newsweave.entities.relations import find_relations
from newsweave.entities.resolve import resolve, slipped_people, type_slips_as_people
from newsweave.settings import Settings
from newsweave.story import Story


def resolve_entities(story: Story, settings: Settings) -> Story:
    texts = {document.id: document.text for document in story.documents}
    story.entities = resolve(story_mentions(story), texts)
    story.workspace.slips = slipped_people(story.entities, texts)  # (crosscheck's name check reads them too)
    type_slips_as_people(story.entities, story.workspace.slips)
    story.relations = find_relations(story, story.entities)
    return story
