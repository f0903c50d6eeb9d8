"""Words shared by the Markdown and HTML briefs."""

from __future__ import annotations

import re

from newsweave.story import Document, Story


def citation_numbers(story: Story) -> dict[str, int]:
    return {d.id: n for n, d in enumerate(story.documents, start=1)}


def headline(story: Story) -> str:
    """The report title that shares most words with the other titles.

    A single report's headline may carry its own error (a wrong number), so
    the consensus title is the safer one to put on the brief.
    """
    titles = [d.title for d in story.documents if d.title]
    if not titles:
        return f"Brief of {len(story.documents)} reports"
    words = [set(re.findall(r"[\w',.]+", t.lower())) for t in titles]

    def agreement(i: int) -> float:
        return sum(len(words[i] & other) / len(words[i] | other) for j, other in enumerate(words) if j != i)

    return titles[max(range(len(titles)), key=lambda i: (agreement(i), -i))]


def document_line(document: Document) -> str:
    parts = [f"`{document.id}`"]
    parts += [value for value in (document.title, document.outlet, document.published) if value]
    if document.url:
        parts.append(document.url)
    elif document.path:
        parts.append(document.path)
    return " · ".join(parts)
