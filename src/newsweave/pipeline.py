"""The pipeline: the stages one `Story` flows through, in order.

load (newsweave.load) → annotate → claims → align → entities → timeline →
crosscheck → summarize; then a `Brief` (newsweave.brief) renders it. The
service layer (newsweave.service) loads the reports and calls `build_story`.

The stages load spaCy, numpy and dateparser, so each stage module is imported
when its stage first runs: `import newsweave` (and `newsweave --help`) stays instant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsweave.settings import Settings
from newsweave.story import Document, InputProblem, Story, StoryWarning


def _annotate(story: Story, settings: Settings) -> None:
    from newsweave.annotate import annotate  # lazy: spaCy

    annotate(story, settings)


def _claims(story: Story, settings: Settings) -> None:
    from newsweave.claims import build_claims  # lazy: spaCy

    build_claims(story)


def _align(story: Story, settings: Settings) -> None:
    from newsweave.align import align  # lazy: numpy

    align(story, settings)


def _entities(story: Story, settings: Settings) -> None:
    from newsweave.entities import resolve_entities  # lazy: its helpers load spaCy

    resolve_entities(story, settings)


def _timeline(story: Story, settings: Settings) -> None:
    from newsweave.timeline import build_timeline  # lazy: dateparser, spaCy

    build_timeline(story, settings)


def _crosscheck(story: Story, settings: Settings) -> None:
    from newsweave.crosscheck import crosscheck  # lazy: its helpers load spaCy and numpy

    crosscheck(story, settings)


def _summarize(story: Story, settings: Settings) -> None:
    from newsweave.summarize import summarize  # lazy: its helpers load numpy

    summarize(story, settings)


# The stages in the order they run. The entity and date layers come before
# cross-checking because name and date discrepancies are read off them.
STAGES: dict[str, Callable[[Story, Settings], None]] = {
    "annotate": _annotate,
    "claims": _claims,
    "align": _align,
    "entities": _entities,
    "timeline": _timeline,
    "crosscheck": _crosscheck,
    "summarize": _summarize,
}

# What the summary reads: the fact groups (align), the people named in full
# (entities) and who each sentence credits (crosscheck). Batch mode runs these.
SUMMARY_STAGES = ("annotate", "claims", "align", "entities", "crosscheck", "summarize")


def build_story(documents: list[Document], settings: Settings, problems: list[InputProblem] | None = None,
                *, one_story: bool = False, stages: Iterable[str] = tuple(STAGES)) -> Story:
    """Run the stages over documents that are already loaded: every stage, or those named in `stages`.

    `one_story`: first check that the documents are one story; if not, brief
    the largest and name the others in `story.warnings` (stories.py). Off for
    callers whose documents are one story already (a corpus story, a batch cluster).
    Near-identical copies among the reports are marked (`copy_of`), and a story
    holding more text than `settings.max_brief_chars` is briefed from a share of
    its reports, the others named in a warning (stories.py).
    `stages` run in pipeline order whatever order they are given in; a stage
    that is left out leaves its layer empty (batch mode: `SUMMARY_STAGES`).
    """
    wanted = set(stages)
    unknown = wanted - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(sorted(unknown))} (the stages: {', '.join(STAGES)})")
    from newsweave.stories import one_story as largest_story  # lazy: its helpers load numpy
    from newsweave.stories import with_copies_marked, within_budget

    warnings: list[StoryWarning] = []
    if one_story:
        documents, warnings = largest_story(documents)
    documents = with_copies_marked(documents)
    documents, too_much = within_budget(documents, settings.max_brief_chars, settings.max_report_chars)
    warnings += too_much
    story = Story(documents=documents, problems=list(problems or []), warnings=warnings)
    for name, stage in STAGES.items():
        if name in wanted:
            stage(story, settings)
    return story
