"""Independent origins of each fact: three reports repeating one newspaper are one origin.

A report's sentence has the origin it credits (an outlet); a sentence that
credits no outlet is the report's own reporting, unless the report is a wire
story (its byline's agency) or a syndicated copy (the origin of the report it
copies). The report's own reporting is its outlet's, where the report says which
outlet it is: then another report crediting that outlet ("…, the Los Angeles
Times reported") repeats it, one origin, not two. A speaker alone ("police
said") is not an origin: two reports that each heard the police are two reports.
"""

from __future__ import annotations

import re

from newsweave.crosscheck.attribution import wire_credit
from newsweave.crosscheck.outlets import (
    OWN_FOOT_LINE,
    outlet_candidates,
    outlet_mentions,
    outlet_named,
    outlet_of_address,
)
from newsweave.story import Attribution, Document, Story


def own_origins(story: Story) -> dict[str, str]:
    """Document id -> the origin of what it says without crediting anyone: as the cross-check stage found it
    (`fill_fact_origins`), else read off the reports (a brief read back from its JSON)."""
    if story.workspace.own_origins is not None:
        return story.workspace.own_origins
    originals = story.originals()
    by_id = {d.id: d for d in story.documents}
    result = {}
    for document in story.documents:
        root = by_id[originals[document.id]]
        result[document.id] = wire_credit(root.text) or own_outlet(root) or root.id
    return result


def own_outlet(document: Document) -> str | None:
    """The outlet a report is, as its credits name it, where the report says so: the publisher it was read from
    (its outlet, or the outlet of its web address), else a line of the report's own: a staff address at a known
    outlet's domain ("richard.winton@latimes.com"), "This story first appeared in … The Hollywood Reporter"."""
    if document.outlet and document.outlet.strip():
        named = outlet_named(document.outlet)
        if named:
            return named
    return (outlet_of_address(document.url) if document.url else None) or _staff_outlet(document.text) or _first_appeared(document.text)


_DOMAIN = re.compile(r"(?:[a-z0-9-]{1,63}\.){1,4}[a-z]{2,6}\b", re.IGNORECASE)
_LOCAL_PART = re.compile(r"[\w.+-]")


def _staff_outlet(text: str) -> str | None:
    """The one known outlet whose domain the report's e-mail addresses are at (a byline's or a foot line's)."""
    outlets: set[str] = set()
    at = text.find("@")
    while at != -1 and len(outlets) < 2:
        # (each "@" read where it stands: a pattern scanning for addresses re-reads long words at every letter)
        domain = _DOMAIN.match(text, at + 1)
        if domain and at > 0 and _LOCAL_PART.match(text, at - 1):
            outlet = outlet_of_address(domain.group())
            if outlet:
                outlets.add(outlet)
        at = text.find("@", at + 1)
    return outlets.pop() if len(outlets) == 1 else None


def _first_appeared(text: str) -> str | None:
    """"This story first appeared in the Feb. 3 issue of The Hollywood Reporter magazine", "Original article on Live
    Science.": the known outlet named in the words after it."""
    for match in OWN_FOOT_LINE.finditer(text):
        for _, _, written in outlet_mentions(text[match.end() : match.end() + 80]):
            if outlet_candidates(written):
                return outlet_named(written)
    return None


def fill_fact_origins(story: Story, attributions: dict[tuple[str, int], Attribution]) -> None:
    story.workspace.own_origins = None  # (read afresh for the reports the stage sees)
    own = story.workspace.own_origins = own_origins(story)
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
