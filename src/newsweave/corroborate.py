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
    # A sentence rests on one report when its main claim does; its other claims may be
    # corroborated ("…calls to Birmingham before the massacre which killed 130 people").
    groups = [
        g for g in story.facts
        if g.support == 1 and g.representative.role == BODY and (g.representative_claim is None or g.representative_claim.main)
    ]
    groups.sort(key=lambda g: (g.id not in in_summary, -g.salience, g.id))
    return groups[: max(limit, sum(1 for g in groups if g.id in in_summary))]


def one_line_per_sentence(groups: list[FactGroup]) -> list[FactGroup]:
    """Groups to show, one per quoted sentence and set of reports: two claims of one
    sentence that the same reports state would print the same line twice."""
    seen: set[tuple[int, tuple[str, ...]]] = set()
    shown = []
    for group in groups:
        key = (id(group.representative), tuple(group.documents))
        if key not in seen:
            seen.add(key)
            shown.append(group)
    return shown

