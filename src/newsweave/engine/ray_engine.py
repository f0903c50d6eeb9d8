"""The Ray engine: the same work through Ray Data, on this machine or a Ray cluster.

Items are read in windows of `window`. Each window becomes a dataset of
`batch_size`-item blocks, mapped with `map_batches` by a callable class
(`_Batches`) that receives the work (Ray serialises it) and sets it up once
per actor, with `workers` actors; the rows come back in order
(`preserve_order`) and are yielded as they arrive. A window is the unit of read-ahead: the actors (and
their models) are set up once per window, so windows are large.

Failures: an exception in the work is retried in the actor (`attempt`). A
batch whose actor died is skipped (`max_errored_blocks`), and its items are
run again each alone, up to `retries` more times, so the one that kills
its actor every time is found and reported through `work.failed` while its
batch-mates complete.
"""

from __future__ import annotations

import logging
import pickle
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.engine.base import (
    RETRIES,
    Engine,
    EngineError,
    EngineUnavailable,
    Work,
    attempt,
    check,
    set_up_worker,
)

INSTALL = "pip install 'newsweave[ray]'"


def import_ray():
    try:  # lazy: Ray is an extra, and heavy; keeps `newsweave --help` fast
        import ray
        import ray.data
    except ImportError:
        raise EngineUnavailable(f"--engine ray needs Ray Data, which is not installed: {INSTALL}") from None
    return ray


class _Batches:
    """Ray Data's callable class: one per actor, so the work is set up (the model loaded) once per actor."""

    def __init__(self, work: Work, retries: int):
        self.work = work
        self.retries = retries
        self.setup_error = set_up_worker(work)

    def __call__(self, batch: dict) -> dict:
        import numpy  # lazy: in the Ray actor only (Ray Data's batches are numpy arrays)

        results = [
            pickle.dumps(self.setup_error or attempt(self.work, pickle.loads(payload), self.retries))
            for payload in batch["payload"]
        ]
        return {"index": batch["index"], "payload": numpy.array(results, dtype=object)}


class RayEngine(Engine):
    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None, retries: int = RETRIES,
                 batch_size: int = 4, window: int = 2000):
        ray = import_ray()
        self.retries = retries
        self.batch_size = batch_size
        self.window = window
        self._started = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, include_dashboard=False, logging_level=logging.ERROR,
                         log_to_driver=False, configure_logging=True)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise EngineUnavailable(f"cannot start or reach {where}: {' '.join(str(exc).split())[:200]}") from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self._quiet()
        _errors_to_stderr()

    @staticmethod
    def _quiet() -> None:
        """Results go to stdout and problems to stderr as newsweave writes them: no Ray Data progress bars or logs."""
        from ray.data import DataContext  # lazy: see import_ray

        context = DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True
        logging.getLogger("ray").setLevel(logging.WARNING)
        # A lost batch is logged with its traceback; newsweave reports the item itself (and Ray Data's
        # own log file in the session folder keeps the details).
        logging.getLogger("ray.data").setLevel(logging.CRITICAL)

    def map(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        items = iter(items)
        while True:
            window, error = [], None
            try:
                for item in items:
                    window.append(item)
                    if len(window) == self.window:
                        break
            except Exception as exc:  # the items' own failure: raised after the results of those read before it
                error = exc
            if window:
                yield from self._window(work, window)
            if error is not None:
                raise error
            if len(window) < self.window:
                return

    def _window(self, work: Work, window: list) -> Iterator[Any]:
        results: dict[int, Any] = {}
        following = 0  # the next index to yield
        for index, result in self._run(work, list(enumerate(window)), self.batch_size):
            results[index] = result
            while following in results:
                yield check(results.pop(following))
                following += 1
        # Whole batches were lost with their actors: retry each missing item alone (its own
        # dataset and actor), so that only the item that kills its actor every time is lost.
        for index in range(following, len(window)):
            for _ in range(self.retries):
                if index in results:
                    break
                results.update(self._run(work, [(index, window[index])], 1))
        for index in range(following, len(window)):
            if index not in results:
                results[index] = work.failed(window[index], f"its Ray worker died each of {1 + self.retries} times")
            yield check(results.pop(index))

    def _run(self, work: Work, numbered: list[tuple[int, Any]], batch_size: int) -> Iterator[tuple[int, Any]]:
        """(index, result) for each item that completes; the items of a batch whose actor died are
        left out (Ray Data skips the block: `max_errored_blocks`), for `_window` to retry."""
        import ray  # lazy: Ray loads only when this engine runs work (see import_ray)
        from ray.data import ActorPoolStrategy, DataContext

        # Items and results travel as pickled bytes, not as Ray Data values: Ray Data turns what it
        # can into Arrow columns (a batch's result dicts into one struct with every key, None where
        # a dict had none), and the results would no longer be the ones the local engine gives.
        rows = [{"index": index, "payload": pickle.dumps(item)} for index, item in numbered]
        blocks = -(-len(rows) // batch_size)
        DataContext.get_current().max_errored_blocks = blocks
        with warnings.catch_warnings():
            # Ray 2.5x deprecates passing actor options this way but names no other for max_task_retries.
            warnings.simplefilter("ignore")
            dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                _Batches,
                fn_constructor_args=(work, self.retries),
                batch_size=batch_size,
                # One batch at a time on an actor: when it dies, only its own batch is lost with it.
                compute=ActorPoolStrategy(size=min(self.workers, blocks), max_tasks_in_flight_per_actor=1),
                num_cpus=1,
                # Retries are newsweave's (above), item by item: Ray Data's default retries a
                # batch on a restarted actor forever, and a poisoned item would loop.
                max_restarts=0,
                max_task_retries=0,
            )
        try:
            for row in dataset.iter_rows():
                yield int(row["index"]), pickle.loads(row["payload"])
        except Exception as exc:  # Ray's own failure (not an item's): one line, not Ray's traceback
            detail = " ".join(str(exc).split())[:300]
            raise EngineError(f"Ray could not run the work ({type(exc).__name__}: {detail})") from None

    def close(self) -> None:
        if self._started:
            import ray  # lazy: see import_ray

            ray.shutdown()
            self._started = False


def _errors_to_stderr() -> None:
    """Ray prints the errors it is sent (a worker died) on standard output, where `summarize`
    writes its results: send them to standard error instead."""
    try:
        from ray._private import worker  # lazy: see import_ray
    except ImportError:
        return
    original = getattr(worker, "print_to_stdstream", None)
    if original is None or getattr(original, "newsweave", False):
        return

    def to_stderr(data, *args, **kwargs):
        return original({**data, "is_err": True}, *args, **kwargs)

    to_stderr.newsweave = True  # type: ignore[attr-defined]  # marks the handler as ours
    worker.print_to_stdstream = to_stderr
