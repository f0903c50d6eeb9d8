"""Entities resolved across reports, and the typed links between them."""

from __future__ import annotations

from newsweave.settings import Settings
from newsweave.story import Story


def resolve_entities(story: Story, settings: Settings) -> Story:
    return story
