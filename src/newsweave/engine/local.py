"""The local engine: the work in this process, or in a pool of worker processes on this machine.

With one worker the items are worked one after the other, lazily, exactly as
before engines existed. With more, a `ProcessPoolExecutor` (spawned, so no
thread or lock of this process is copied into a worker) runs them; each
worker receives the work once and sets it up once. Results come back in the
items' order, at most `window` items ahead.

A worker that dies (killed, out of memory, a crash in a C library) breaks
the whole pool in `concurrent.futures`; the items then in flight are each
retried alone in a fresh pool, so the one that kills its worker every time
is found, reported through `work.failed`, and the others go on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsweave.engine.base import RETRIES, Engine, Fatal, Work, attempt, check, set_up_worker

# Set in each worker process by `_start`.
_work: Work | None = None
_setup_error: Fatal | None = None


def _start(work: Work) -> None:
    global _work, _setup_error
    _work = work
    _setup_error = set_up_worker(work)


def _run(item: Any, retries: int) -> Any:
    assert _work is not None, "the pool's initializer sets the work"
    return _setup_error or attempt(_work, item, retries)


class LocalEngine(Engine):
    name = "local"

    def __init__(self, workers: int = 1, retries: int = RETRIES, window: int | None = None):
        self.workers = max(1, int(workers))
        self.retries = retries
        self.window = window or 4 * self.workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_work: Work | None = None

    def map(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            yield from self._here(work, items)
        else:
            yield from self._pooled(work, items)

    def _here(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        ready = False
        for item in items:
            if not ready:
                work.setup()  # a fatal error is raised here, in this process, as it is
                ready = True
            yield check(attempt(work, item, self.retries))

    # --- the pool ------------------------------------------------------------
    def _executor(self, work: Work, fresh: bool = False):
        """The pool for `work`: kept across `map` calls (each ingest source) so workers set up once."""
        if fresh or self._pool is None or work != self._pool_work:
            self.close()
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start, initargs=(work,)
            )
            self._pool_work = work
        return self._pool

    def _pooled(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        items = iter(items)
        pending: deque = deque()  # [item, future] in arrival order
        exhausted = False
        error = None  # the items' own failure (a source that cannot be read further), raised after their results
        while True:
            while not exhausted and len(pending) < self.window:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                except Exception as exc:
                    error, exhausted = exc, True
                    break
                pending.append([item, self._submit(work, item)])
            if not pending:
                if error is not None:
                    raise error
                return
            item, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                # Some worker died: every item not yet back is suspect. Retry each alone, in order.
                survivors = [(entry[0], _outcome(entry[1])) for entry in pending]
                pending.clear()
                self._executor(work, fresh=True)
                for suspect, outcome in survivors:
                    pending.append([suspect, _Done(outcome) if outcome is not _LOST else None])
                for entry in pending:
                    if entry[1] is None:
                        entry[1] = _Done(self._alone(work, entry[0]))
                continue
            pending.popleft()
            yield check(result)

    def _submit(self, work: Work, item: Any):
        try:
            return self._executor(work).submit(_run, item, self.retries)
        except BrokenProcessPool:
            return self._executor(work, fresh=True).submit(_run, item, self.retries)

    def _alone(self, work: Work, item: Any) -> Any:
        """One item with nothing else in flight, in fresh pools until it stops killing its worker."""
        for _ in range(1 + self.retries):
            try:
                return self._executor(work).submit(_run, item, self.retries).result()
            except BrokenProcessPool:
                self._executor(work, fresh=True)
        return work.failed(item, f"its worker process died {1 + self.retries} times")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._pool_work = None


_LOST = object()


def _outcome(future) -> Any:
    """A finished future's result, or _LOST when its worker died before answering."""
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result()
    return _LOST


class _Done:
    """A result already in hand, with the one method of a future that `_pooled` uses."""

    def __init__(self, result: Any):
        self._result = result

    def result(self) -> Any:
        return self._result
