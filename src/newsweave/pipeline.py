"""The pipeline: load → annotate → align → summarize, then render.

`brief()` is the Python API that the command line is a thin layer over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from newsweave.errors import NoReadableReports
from newsweave.settings import Settings
from newsweave.story import Document, Entity, FactGroup, InputProblem, Relation, Story, SummarySentence, TimelineEntry

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
        from newsweave.corroborate import corroborated

        return corroborated(self.story)

    @property
    def problems(self) -> list[InputProblem]:
        return self.story.problems

    @property
    def warnings(self) -> list:
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
        from newsweave.render.json import brief_to_dict

        return brief_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        from newsweave.render.json import brief_to_json

        return brief_to_json(self, indent=indent)

    def to_markdown(self) -> str:
        from newsweave.render.markdown import brief_to_markdown

        return brief_to_markdown(self)

    def to_html(self) -> str:
        from newsweave.render.html import brief_to_html

        return brief_to_html(self)


def build_story(documents: list[Document], settings: Settings, problems: list[InputProblem] | None = None,
                *, one_story: bool = False) -> Story:
    """Run every stage over documents that are already loaded.

    `one_story`: first check that the documents are one story; if not, brief
    the largest and name the others in `story.warnings` (stories.py). Off for
    callers whose documents are one story already (a corpus story, a batch cluster).

    annotate → claims → align → entities → timeline → crosscheck → summarize: the
    entity and date layers come before cross-checking because name and date
    discrepancies are read off them.
    """
    from newsweave.align import align
    from newsweave.annotate import annotate
    from newsweave.claims import build_claims
    from newsweave.crosscheck import crosscheck
    from newsweave.entities import resolve_entities
    from newsweave.summarize import summarize
    from newsweave.timeline import build_timeline

    warnings = []
    if one_story:
        from newsweave.stories import one_story as largest_story

        documents, warnings = largest_story(documents)
    story = Story(documents=documents, problems=list(problems or []), warnings=warnings)
    annotate(story, settings)
    build_claims(story)
    align(story, settings)
    resolve_entities(story, settings)
    build_timeline(story, settings)
    crosscheck(story, settings)
    summarize(story, settings)
    return story


def brief(
    sources: Iterable[Any],
    *,
    words: int | None = None,
    settings: Settings | None = None,
    one_story: bool = True,
) -> Brief:
    """Brief a story from paths (files or folders), raw texts, dicts or `Document`s.

    Inputs that cannot be read become `problems` on the result; the others are
    still briefed. Raises `NoReadableReports` only when nothing could be read.
    `one_story=False` briefs every report as given, for callers that know the
    reports are one story (an evaluation cluster): none is left out.
    """
    from newsweave.load import load_sources

    settings = settings or Settings()
    if words is not None:
        settings = settings.with_(words=words)
    documents, problems = load_sources(sources, settings)
    if not documents:
        raise NoReadableReports(problems)
    return Brief(build_story(documents, settings, problems, one_story=one_story), settings)
