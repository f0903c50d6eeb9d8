"""The brief as Markdown, for the terminal and for notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.corroborate import corroborated, single_source
from newsweave.render.labels import citation_numbers, document_line, headline

if TYPE_CHECKING:
    from newsweave.pipeline import Brief


def brief_to_markdown(brief: Brief) -> str:
    story = brief.story
    numbers = citation_numbers(story)

    def cite(document_ids: list[str]) -> str:
        return "[" + ", ".join(str(numbers[d]) for d in document_ids) + "]"

    lines = [f"# {headline(story)}", "", f"_{len(story.documents)} reports, briefed by newsweave. Numbers in brackets cite the reports listed at the end._", ""]
    lines += ["## What happened", ""]
    lines += [f"{item.text} {cite(item.documents)}" for item in story.summary] or ["_No sentence could be selected._"]
    facts = corroborated(story)
    lines += ["", "## Corroborated: stated by two or more reports", ""]
    lines += [f"- **{g.support} reports** {cite(g.documents)}: {g.representative.text}" for g in facts] or [
        "_No fact is stated by more than one report._"
    ]
    lonely = single_source(story)
    if lonely:
        lines += ["", "## Resting on one report only", ""]
        lines += [f"- {cite(g.documents)} {g.representative.text}" + (" _(in the summary)_" if g.id in {i.fact.id for i in story.summary} else "") for g in lonely]
    lines += ["", "## Reports", ""]
    lines += [f"{numbers[d.id]}. {document_line(d)}" for d in story.documents]
    if story.problems:
        lines += ["", "## Could not read", ""]
        lines += [f"- `{p.source}`: {p.reason}" for p in story.problems]
    return "\n".join(lines) + "\n"
