"""Errors a user can act on. Each carries one line: what went wrong and why."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.story import InputProblem


class NewsweaveError(Exception):
    """Base class for errors newsweave reports to the user."""


class InputError(NewsweaveError):
    """One input (a file, a record, a text) cannot be read. The message is the reason."""


class NoReadableReports(NewsweaveError):
    """Every input failed, so there is nothing to brief."""

    def __init__(self, problems: Iterable[InputProblem]) -> None:
        self.problems = list(problems)
        reasons = "; ".join(str(p) for p in self.problems) or "no inputs given"
        super().__init__(f"no readable reports ({reasons})")


class ModelNotFound(NewsweaveError):
    pass
