"""What the Markdown and HTML briefs show of the analyst layer: who is
involved, the links the reports state between them, and when things happened."""

from __future__ import annotations

from newsweave.story import STATED, Entity, Relation, Story, TimelineEntry

GROUPS = (("People", ("PERSON",)), ("Organisations", ("ORG",)), ("Places", ("GPE", "LOC", "FAC")), ("Events", ("EVENT",)),
          ("Vessels", ("VESSEL",)))


def involved(story: Story, per_group: int = 8) -> list[tuple[str, list[Entity], int]]:
    """(heading, entities shown, how many more) for people, organisations, places and events.

    Each group shows its `per_group` most mentioned, plus any entity a listed
    disagreement or shared quote names (one side of "A source told The
    Mirror" vs "... the Birmingham Mail" is never capped away).
    """
    pinned = _named_by_crosscheck(story)
    found = []
    for heading, types in GROUPS:
        entities = [e for e in story.entities if e.type in types]
        if entities:
            shown = [e for i, e in enumerate(entities) if i < per_group or e.id in pinned]
            found.append((heading, shown, len(entities) - len(shown)))
    return found


def more_label(hidden: int) -> str:
    return f"+{hidden} more" if hidden else ""


def _named_by_crosscheck(story: Story) -> set[str]:
    """Ids of the entities named in a disagreement's sides, or as the speaker or origin of a quote several reports share."""
    from newsweave.entities.aliases import alias_key  # lazy: it pulls spaCy; keeps --help fast

    spans = [e for d in story.discrepancies for v in d.values for e in v.evidence]
    names = {alias_key(v.normalized) for d in story.discrepancies for v in d.values if isinstance(v.normalized, str)}
    names |= {alias_key(credit) for q in story.quotes if len(q.documents) > 1 for credit in (q.speaker, q.origin) if credit}
    pinned = set()
    for entity in story.entities:
        keys = {alias_key(entity.name), *(alias_key(a) for a in entity.aliases)}
        if keys & names or any(
            m.document == e.document and e.start <= m.start and m.end <= e.end for m in entity.mentions for e in spans
        ):
            pinned.add(entity.id)
    return pinned


def stated_links(story: Story, limit: int = 12) -> list[tuple[Relation, str, str]]:
    """(relation, source name, target name) for the links the reports state, best supported first."""
    names = {e.id: e.name for e in story.entities}
    return [(r, names[r.source], names[r.target]) for r in story.relations if r.kind == STATED][:limit]


def dated(story: Story, limit: int = 12) -> tuple[list[TimelineEntry], int]:
    """(timeline entries to print, how many more): those with a date first, in date order, then
    relative ones, each at most `limit`. Past the limit, every date keeps its entry that most
    reports give, then the others most reports give: cutting by date dropped a story's latest turn."""
    absolute = [t for t in story.timeline if t.date]
    relative = [t for t in story.timeline if not t.date]
    if len(absolute) > limit:
        by_support = sorted(absolute, key=lambda t: -len(t.documents))  # (a stable sort: date order among equals)
        best_of_day: dict[str | None, TimelineEntry] = {}  # (every date here is set: the entries with one)
        for entry in by_support:
            best_of_day.setdefault(entry.date, entry)
        # each day's best, the latest days first among equals; then every other entry, best supported first
        days = sorted(sorted(best_of_day.values(), key=lambda t: t.date or "", reverse=True), key=lambda t: -len(t.documents))
        ranked = days + [t for t in by_support if best_of_day[t.date] is not t]
        kept = {id(t) for t in ranked[:limit]}
        absolute = [t for t in absolute if id(t) in kept]
    shown_relative = relative[: max(0, limit - len(absolute)) or 4]
    return absolute + shown_relative, len(story.timeline) - len(absolute) - len(shown_relative)


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

