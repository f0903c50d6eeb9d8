"""What every engine shares: the `Work` it runs, the `Engine` interface, per-item tries and failures.

See newsweave/engine/__init__.py for how engines behave.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.errors import InputError, NewsweaveError

ENGINES = ("local", "ray")
# Tries after the first for an item whose work raises or whose worker dies.
RETRIES = 2


class Work:
    """Per-item work: `setup` once per worker (load models), then `__call__` per item.

    Subclasses are module-level classes holding only picklable settings:
    they travel to worker processes and Ray actors. `fatal` names exception
    types that end the whole run instead of one item.
    """

    fatal: tuple[type[BaseException], ...] = ()

    def setup(self) -> None:
        """Load what every item needs (a model), once per worker process."""

    def __call__(self, item: Any) -> Any:
        raise NotImplementedError

    def failed(self, item: Any, reason: str) -> Any:
        """The result that stands for an item whose every try failed."""
        return Failed(item, reason)

    def __eq__(self, other: object) -> bool:
        """Works of one class with equal settings are the same work: workers set up for one serve the other."""
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)


def set_up_worker(work: Work) -> Fatal | None:
    """Set a worker process up for `work`: one thread for numpy's BLAS, then the work's own setup.

    Each worker has a core's share of the machine, and spaCy's layers multiply with numpy
    (annotate/model.py), whose OpenBLAS would otherwise start a thread per core in every worker:
    on 2 cores two workers ran at half the rate of one process. Returns the setup's fatal error.
    """
    import numpy  # noqa: F401 (lazy, as threadpoolctl: loads the BLAS, since only a loaded library can be limited)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    try:
        work.setup()
    except work.fatal as exc:
        return Fatal(exc)
    return None


class Failed:
    """An item whose every try failed, and why (the default `Work.failed` result)."""

    def __init__(self, item: Any, reason: str):
        self.item, self.reason = item, reason

    def __repr__(self) -> str:
        return f"Failed({self.reason!r})"


class EngineUnavailable(InputError):
    """The engine asked for is not installed or not reachable: exit status 2, like a usage error."""

    exit_status = 2


class EngineError(NewsweaveError):
    """The engine itself failed (not one item): a Ray cluster lost, workers that cannot start."""


class Fatal:
    """A worker's report of an error that ends the run (raised again in the caller)."""

    def __init__(self, error: BaseException):
        self.error = error


def attempt(work: Work, item: Any, retries: int) -> Any:
    """`work(item)`, tried up to 1 + `retries` times; its `failed` result if every try raises."""
    reason = ""
    for _ in range(1 + retries):
        try:
            return work(item)
        except work.fatal as exc:
            return Fatal(exc)
        except MemoryError:
            reason = "out of memory"
        except Exception as exc:  # one item's fault must not cost the other items theirs
            detail = " ".join(str(exc).split())[:200]
            reason = f"{type(exc).__name__}{': ' + detail if detail else ''}"
    return work.failed(item, f"failed {1 + retries} times ({reason})")


def check(result: Any) -> Any:
    """The result, unless it is a worker's fatal error: then raise it here."""
    if isinstance(result, Fatal):
        raise result.error
    return result


class Engine(ABC):
    name: str
    workers: int

    @abstractmethod
    def map(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        """`work` applied to each item, yielded in the items' order as soon as each is ready.

        Items are read lazily, at most a bounded window ahead of the results.
        """

    def close(self) -> None:  # noqa: B027 (not abstract: an engine with nothing to release keeps it)
        """Release the workers."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
