"""Words shared by the Markdown and HTML briefs."""

from __future__ import annotations

from newsweave.story import Document, Story


def citation_numbers(story: Story) -> dict[str, int]:
    return {d.id: n for n, d in enumerate(story.documents, start=1)}


def headline(story: Story) -> str:
    for document in story.documents:
        if document.title:
            return document.title
    return f"Brief of {len(story.documents)} reports"


def document_line(document: Document) -> str:
    parts = [f"`{document.id}`"]
    parts += [value for value in (document.title, document.outlet, document.published) if value]
    if document.url:
        parts.append(document.url)
    elif document.path:
        parts.append(document.path)
    return " · ".join(parts)
