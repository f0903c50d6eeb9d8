"""The timeline: dates in the reports, resolved against publication dates."""

from __future__ import annotations

from newsweave.settings import Settings
from newsweave.story import Story


def build_timeline(story: Story, settings: Settings) -> Story:
    return story
