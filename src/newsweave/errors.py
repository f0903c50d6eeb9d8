"""Errors a user can act on. Each carries one line: what went wrong and why."""


class NewsweaveError(Exception):
    """Base class for errors newsweave reports to the user."""


class InputError(NewsweaveError):
    """One input (a file, a record, a text) cannot be read. The message is the reason."""


class NoReadableReports(NewsweaveError):
    """Every input failed, so there is nothing to brief."""

    def __init__(self, problems):
        self.problems = list(problems)
        reasons = "; ".join(str(p) for p in self.problems) or "no inputs given"
        super().__init__(f"no readable reports ({reasons})")


class ModelNotFound(NewsweaveError):
    pass
