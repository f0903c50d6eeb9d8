"""`Brief`: a finished story plus the ways to show it (JSON, Markdown, HTML)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsweave.corroborate import corroborated
from newsweave.render import FORMATS
from newsweave.render.html import brief_to_html
from newsweave.render.json import brief_to_dict, brief_to_json
from newsweave.render.markdown import brief_to_markdown
from newsweave.settings import Settings
from newsweave.story import (
    Document,
    Entity,
    FactGroup,
    InputProblem,
    Relation,
    Story,
    StoryWarning,
    SummarySentence,
    TimelineEntry,
)


@dataclass
class Brief:
    """A finished story plus the ways to show it."""

    story: Story
    settings: Settings

    @property
    def documents(self) -> list[Document]:
        return self.story.documents

    @property
    def summary(self) -> list[SummarySentence]:
        return self.story.summary

    @property
    def facts(self) -> list[FactGroup]:
        """Fact groups stated by two or more reports, most-supported first."""
        return corroborated(self.story)

    @property
    def problems(self) -> list[InputProblem]:
        return self.story.problems

    @property
    def warnings(self) -> list[StoryWarning]:
        """`StoryWarning`s about the brief as a whole: reports left out as another story."""
        return self.story.warnings

    @property
    def entities(self) -> list[Entity]:
        """People, organisations and places resolved across the reports, most reports first."""
        return self.story.entities

    @property
    def relations(self) -> list[Relation]:
        """Stated links first, then co-occurrence links (`kind` tells them apart)."""
        return self.story.relations

    @property
    def timeline(self) -> list[TimelineEntry]:
        return self.story.timeline

    def to_dict(self) -> dict[str, Any]:
        return brief_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return brief_to_json(self, indent=indent)

    def to_markdown(self) -> str:
        return brief_to_markdown(self)

    def to_html(self) -> str:
        return brief_to_html(self)

    def render(self, format: str) -> str:
        """The brief in one of `newsweave.render.FORMATS`: markdown, json or html."""
        if format not in FORMATS:
            raise ValueError(f"unknown brief format {format!r} (use {', '.join(FORMATS)})")
        render: Callable[[], str] = getattr(self, f"to_{format}")
        return render()
