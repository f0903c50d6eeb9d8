"""What the Markdown and HTML briefs show of the analyst layer: who is
involved, the links the reports state between them, and when things happened."""

from __future__ import annotations

from newsweave.story import STATED, Entity, Relation, Story, TimelineEntry

GROUPS = (("People", ("PERSON",)), ("Organisations", ("ORG",)), ("Places", ("GPE", "LOC", "FAC")), ("Events", ("EVENT",)))


def involved(story: Story, per_group: int = 8) -> list[tuple[str, list[Entity]]]:
    """The most mentioned people, organisations, places and events, by group."""
    found = []
    for heading, types in GROUPS:
        entities = [e for e in story.entities if e.type in types]
        if entities:
            found.append((heading, entities[:per_group]))
    return found


def stated_links(story: Story, limit: int = 12) -> list[tuple[Relation, str, str]]:
    """(relation, source name, target name) for the links the reports state, best supported first."""
    names = {e.id: e.name for e in story.entities}
    return [(r, names[r.source], names[r.target]) for r in story.relations if r.kind == STATED][:limit]


def dated(story: Story, limit: int = 12) -> list[TimelineEntry]:
    """Timeline entries with a date first, then relative ones, each at most `limit`."""
    absolute = [t for t in story.timeline if t.date]
    relative = [t for t in story.timeline if not t.date]
    return absolute[:limit] + relative[: max(0, limit - len(absolute[:limit])) or 4]


def when_label(entry: TimelineEntry) -> str:
    if entry.date:
        return entry.date
    return f"“{entry.when[0]}” (date not given)"


def also_known_as(entity: Entity, limit: int = 3) -> str:
    """'also ISIS, Daesh, ISIL', 'also spelled Junaid Hussian', or ''."""
    variants = set(entity.variants)
    aliases = [a for a in entity.aliases if a not in variants][:limit]
    parts = (["also " + ", ".join(aliases)] if aliases else []) + (["also spelled " + ", ".join(entity.variants)] if variants else [])
    return "; ".join(parts)

