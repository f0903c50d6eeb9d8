"""Engines: where the per-item work runs, behind one small interface.

newsweave's heavy work is per item and pure: reading and extracting a record,
annotating with spaCy, a MinHash signature, clustering features, a cluster's
summary. A `Work` is that function as a picklable object; an `Engine` maps it
over items and yields the results **in the items' order**, so what follows
(story assignment, store writes, output lines) stays sequential and the
results are the same whichever engine ran the work:

- `local` (the default): in this process, one item after the other; or, with
  `workers > 1`, a pool of processes that each set the work up (load the
  spaCy model) once;
- `ray`: the same work through Ray Data (`map_batches` with a callable class
  that sets the work up once per actor), on a laptop or a cluster
  (`address`), `workers` actors at a time.

Failure is per item. An exception in the work is retried `retries` times in
the worker; a worker process that dies is replaced and its items retried;
an item that fails every try becomes the result `work.failed(item, reason)`
(an error line, a problem in the ingest report) and the rest go on. Only a
`Fatal` error (no spaCy model at all) stops the run, since every item would
meet it.
"""

from __future__ import annotations

from newsweave.engine.base import (
    ENGINES,
    RETRIES,
    Engine,
    EngineError,
    EngineUnavailable,
    Failed,
    Fatal,
    Work,
    attempt,
    check,
    cpu_count,
)
from newsweave.engine.local import LocalEngine
from newsweave.errors import InputError

__all__ = ["ENGINES", "RETRIES", "Engine", "EngineError", "EngineUnavailable", "Failed", "Fatal", "LocalEngine", "Work",
           "attempt", "check", "cpu_count", "make_engine"]


def make_engine(name: str = "local", workers: int | None = None, address: str | None = None,
                retries: int = RETRIES, **options) -> Engine:
    """An engine by name. `workers`: processes or actors (None: 1 for local, every CPU for Ray;
    0: every CPU). `address`: a Ray cluster (`auto`, or `ray://host:10001`); local ignores it."""
    if name == "local":
        if address:
            raise InputError("--address needs --engine ray")
        return LocalEngine(workers=cpu_count() if workers == 0 else (workers or 1), retries=retries, **options)
    if name == "ray":
        # lazy: the Ray engine module is only loaded when asked for (keeps `newsweave --help` fast).
        from newsweave.engine.ray_engine import RayEngine

        return RayEngine(workers=workers or None, address=address, retries=retries, **options)
    raise InputError(f"unknown engine {name!r} (choose from: {', '.join(ENGINES)})")
