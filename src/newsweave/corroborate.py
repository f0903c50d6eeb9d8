"""Which facts stand on several reports, and which important ones on one."""

from __future__ import annotations

from newsweave.story import BODY, FactGroup, Story


def corroborated(story: Story) -> list[FactGroup]:
    """Fact groups stated by two or more reports, most-supported first."""
    groups = [g for g in story.facts if g.support >= 2]
    return sorted(groups, key=lambda g: (-g.support, -g.salience, g.id))


def single_source(story: Story, limit: int = 8) -> list[FactGroup]:
    """The most salient facts that only one report states.

    A reader should know which parts of the summary rest on one report; those
    come first, then other central single-report facts up to `limit`.
    """
    in_summary = {item.fact.id for item in story.summary}
    groups = [g for g in story.facts if g.support == 1 and g.representative.role == BODY]
    groups.sort(key=lambda g: (g.id not in in_summary, -g.salience, g.id))
    return groups[: max(limit, sum(1 for g in groups if g.id in in_summary))]
