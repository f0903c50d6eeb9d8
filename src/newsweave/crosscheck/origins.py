"""Independent origins of each fact: three reports repeating one newspaper are one origin.

A report's sentence has the origin it credits (an outlet); a sentence that
credits no outlet is the report's own reporting, unless the report is a wire
story (its byline's agency) or a syndicated copy (the origin of the report it
copies). A speaker alone ("police said") is not an origin: two reports that
each heard the police are two reports.
"""

from __future__ import annotations

from newsweave.crosscheck.attribution import wire_credit, wire_name
from newsweave.story import Attribution, Story


def own_origins(story: Story) -> dict[str, str]:
    """Document id -> the origin of what it says without crediting anyone."""
    originals = story.originals()
    by_id = {d.id: d for d in story.documents}
    result = {}
    for document in story.documents:
        root = by_id[originals[document.id]]
        result[document.id] = wire_credit(root.text) or wire_name(root.outlet) or root.id
    return result


def fill_fact_origins(story: Story, attributions: dict[tuple[str, int], Attribution]) -> None:
    own = own_origins(story)
    for group in story.facts:
        by_document: dict[str, list[str]] = {}
        for sentence in group.sentences:
            attribution = attributions.get((sentence.document, sentence.index))
            credited = attribution.origin if attribution is not None else None
            by_document.setdefault(sentence.document, []).append(credited or "")
        origins: dict[str, None] = {}
        for document, credits in by_document.items():
            # A caption restating a credited body sentence does not make the report its own origin.
            named = [c for c in credits if c]
            for origin in named or [own[document]]:
                origins.setdefault(origin, None)
        group.origins = list(origins)
