"""Render: the brief as JSON (the schema), Markdown, or one HTML page.

The renderers read a brief's `story`; they take anything shaped like
`newsweave.brief.Brief` (`Briefed`), so this package never imports the
`Brief` class that calls it.
"""

from __future__ import annotations

from typing import Protocol

from newsweave.story import Story

# The formats of `newsweave brief --format` and `Brief.render(format)`, the default first.
FORMATS = ("markdown", "json", "html")


class Briefed(Protocol):
    """What a renderer reads of a brief: its story."""

    @property
    def story(self) -> Story: ...
