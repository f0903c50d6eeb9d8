"""Stage 4, cross-check: who each report credits (origins, quotes) and where reports disagree."""

from __future__ import annotations

from newsweave.settings import Settings
from newsweave.story import Story


def crosscheck(story: Story, settings: Settings) -> Story:
    return story
