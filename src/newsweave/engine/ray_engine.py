"""The Ray engine: the same work through Ray Data, on this machine or a Ray cluster.

Items are read in windows of `window`. Each window becomes a dataset of
`batch_size`-item blocks, mapped with `map_batches` by a callable class
(`_Batches`) that unpickles the work and sets it up once per actor, with
`workers` actors; the rows come back in order (`preserve_order`) and are
yielded as they arrive. A window is the unit of read-ahead: the actors (and
their models) are set up once per window, so windows are large.

Failures: an exception in the work is retried in the actor (`attempt`). An
actor that dies is restarted by Ray and its batch retried
and a batch whose actor died is skipped (`max_errored_blocks`); its items
are then run again one per block (`max_task_retries`), so the one that kills
its actor every time is found and reported through `work.failed` while its
batch-mates complete.
"""

from __future__ import annotations

import logging
import pickle
from itertools import islice
from typing import Any, Iterable, Iterator

from newsweave.engine import RETRIES, Engine, EngineUnavailable, Fatal, Work, attempt, check

INSTALL = "pip install 'newsweave[ray]'"


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise EngineUnavailable(f"--engine ray needs Ray Data, which is not installed: {INSTALL}") from None
    return ray


class _Batches:
    """Ray Data's callable class: one per actor, so the work is set up (the model loaded) once per actor."""

    def __init__(self, work: bytes, retries: int):
        self.work: Work = pickle.loads(work)
        self.retries = retries
        self.setup_error = None
        try:
            self.work.setup()
        except self.work.fatal as exc:
            self.setup_error = Fatal(exc)

    def __call__(self, batch: dict) -> dict:
        import numpy

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
                ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING,
                         log_to_driver=False, configure_logging=True)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise EngineUnavailable(f"cannot start or reach {where}: {' '.join(str(exc).split())[:200]}") from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self._quiet()

    @staticmethod
    def _quiet() -> None:
        """Results go to stdout and problems to stderr as newsweave writes them: no Ray Data progress bars or logs."""
        from ray.data import DataContext

        context = DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True
        logging.getLogger("ray").setLevel(logging.WARNING)
        # A lost batch is logged with its traceback; newsweave reports the item itself (and Ray Data's
        # own log file in the session folder keeps the details).
        logging.getLogger("ray.data").setLevel(logging.CRITICAL)

    def map(self, work: Work, items: Iterable[Any]) -> Iterator[Any]:
        blob = pickle.dumps(work)
        items = iter(items)
        while True:
            window = list(islice(items, self.window))
            if not window:
                return
            yield from self._window(work, blob, window)

    def _window(self, work: Work, blob: bytes, window: list) -> Iterator[Any]:
        results: dict[int, Any] = {}
        following = 0  # the next index to yield
        for index, result in self._run(blob, list(enumerate(window)), self.batch_size, 0):
            results[index] = result
            while following in results:
                yield check(results.pop(following))
                following += 1
        if following == len(window):
            return
        # Whole batches were lost with their actors: retry what is missing, an item a block,
        # so that only the item that kills its actor every time is lost.
        missing = [(index, window[index]) for index in range(following, len(window)) if index not in results]
        for index, result in self._run(blob, missing, 1, self.retries - 1):
            results[index] = result
        for index in range(following, len(window)):
            if index not in results:
                results[index] = work.failed(window[index], f"its Ray worker died {1 + self.retries} times")
            yield check(results.pop(index))

    def _run(self, blob: bytes, numbered: list[tuple[int, Any]], batch_size: int, retries: int) -> Iterator[tuple[int, Any]]:
        """(index, result) for each item that completes; the items of a batch whose actor died
        1 + `retries` times are left out (Ray Data skips that block: `max_errored_blocks`)."""
        import warnings

        import ray
        from ray.data import ActorPoolStrategy, DataContext

        rows = [{"index": index, "payload": pickle.dumps(item)} for index, item in numbered]
        blocks = -(-len(rows) // batch_size)
        DataContext.get_current().max_errored_blocks = blocks
        with warnings.catch_warnings():
            # Ray 2.5x deprecates passing actor options this way but names no other for max_task_retries.
            warnings.simplefilter("ignore")
            dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                _Batches,
                fn_constructor_args=(blob, self.retries),
                batch_size=batch_size,
                compute=ActorPoolStrategy(size=min(self.workers, blocks)),
                num_cpus=1,
                max_restarts=-1,  # an actor that died is replaced, and its batch retried this often
                max_task_retries=retries,  # (Ray Data's default is forever: a poisoned item would loop)
            )
        for row in dataset.iter_rows():
            yield int(row["index"]), pickle.loads(row["payload"])

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
