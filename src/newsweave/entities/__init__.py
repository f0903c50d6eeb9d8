"""The entity stage (after align, before timeline): entities resolved across reports, and the typed links between them.

mentions.py finds names (spaCy NER plus the alias table), resolve.py decides
which name the same person, group or place across reports, relations.py reads
the links between them off the parse. Spellings that disagree are kept as an
entity's `variants`; crosscheck (crosscheck/names.py) reports them.
"""

from __future__ import annotations

from newsweave.entities.mentions import story_mentions
from newsweave.entities.relations import find_relations
from newsweave.entities.resolve import fold_slips, resolve, slipped_people, used_in_the_plural
from newsweave.settings import Settings
from newsweave.story import Story


def resolve_entities(story: Story, settings: Settings) -> Story:
    texts = {document.id: document.text for document in story.documents}
    story.entities = resolve(story_mentions(story), texts)
    story.workspace.slips = story_slips(story)  # (crosscheck's name check reads them too)
    story.entities = fold_slips(story.entities, story.workspace.slips)
    story.relations = find_relations(story, story.entities)
    return story


def story_slips(story: Story) -> list[tuple[str, str, list, str, list]]:
    """The people the reports write two ways (`slipped_people`), but for a name used in the plural, as a noun
    ("possible Deep Throats"), which is no spelling of the name."""
    texts = {document.id: document.text for document in story.documents}
    return [(name, main, main_evidence, slip, slip_evidence)
            for name, main, main_evidence, slip, slip_evidence in slipped_people(story.entities, texts)
            if not used_in_the_plural(main, slip, slip_evidence, story.workspace.parses)]
