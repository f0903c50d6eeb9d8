"""The corpus's command-line commands: ingest, stories, search, and brief --db --story.

cli.py defines their arguments; this module runs them, so nothing here is
imported until a corpus command runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from newsweave.errors import InputError


def run_ingest(args) -> int:
    from rich.console import Console

    from newsweave.corpus import ingest
    from newsweave.settings import Settings

    from newsweave.cli import make_engine

    settings = Settings().with_(encoding=args.encoding) if args.encoding else Settings()
    console = Console(stderr=True)
    with make_engine(args) as engine, IngestProgress(console) as progress:
        report = ingest(args.sources, db=args.db, settings=settings, progress=progress, timeout=args.timeout, delay=args.delay,
                        allow_private=args.allow_private_addresses, engine=engine)
    # The error report: one unwrapped line per failure, so it can be grepped.
    for problem in report.errors:
        print(f"newsweave: {problem}", file=sys.stderr)
    failed = [s for s in report.sources if s.failed]
    print(
        f"newsweave: {report.added} added, {report.duplicates} already stored, {report.skipped} skipped (not articles), "
        f"{len(report.errors)} errors; {len(failed)} of {len(report.sources)} sources could not be read",
        file=sys.stderr,
    )
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if len(failed) == len(report.sources) or (args.strict and report.errors):
        return 1
    return 0


class IngestProgress:
    """A Rich progress bar per source: counts of added, already stored, skipped and failed items, and the rate."""

    def __init__(self, console):
        from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                rate = task.completed / task.elapsed if task.elapsed else 0.0
                return Text(f"{rate:.1f} items/s", style="progress.data.speed")

        self.progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}", style="bold"),
            TextColumn("{task.fields[counts]}"),
            Rate(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def __call__(self, source: str, outcome: str, report) -> None:
        if outcome == "start":
            label = source if len(source) <= 40 else "…" + source[-39:]
            self.tasks[source] = self.progress.add_task(label, total=None, counts="")
            return
        task = self.tasks[source]
        counts = f"{report.added} added · {report.duplicates} stored · {report.skipped} skipped · {len(report.errors)} errors"
        if outcome == "done":
            self.progress.update(task, total=self.progress.tasks[task].completed or 1, counts=counts)
            self.progress.stop_task(task)
        else:
            self.progress.update(task, advance=1, counts=counts)


def _open(args, readonly: bool = True):
    from newsweave.corpus import open_store
    from newsweave.corpus.store import is_database_url

    if not is_database_url(args.db) and not Path(args.db).is_file():
        raise InputError(f"{args.db}: no such corpus database (create one with `newsweave ingest ... --db {args.db}`)")
    return open_store(args.db, readonly=readonly)


def run_stories(args) -> int:
    with _open(args) as store:
        stories = store.stories(args.search, limit=args.limit, offset=args.offset)
        total = store.count_stories(args.search)
    if args.json:
        sys.stdout.write(json.dumps({"total": total, "stories": stories}, ensure_ascii=False, indent=2) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{total} stories" + (f" matching “{args.search}”" if args.search else ""), title_justify="left")
    for column, justify in (("id", "right"), ("articles", "right"), ("outlets", "right"), ("latest", "left"), ("title", "left")):
        table.add_column(column, justify=justify)
    for story in stories:
        table.add_row(
            str(story["id"]), str(story["articles"]), str(story["outlets"]),
            (story["last_published"] or "")[:10], story["title"] or "(untitled)",
        )
    Console().print(table)
    return 0


def run_search(args) -> int:
    query = " ".join(args.query)
    with _open(args) as store:
        results = store.search(query, limit=args.limit)
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not results:
        print(f"newsweave: no article matches “{query}”", file=sys.stderr)
        return 0
    for result in results:
        meta = " · ".join(str(v) for v in (result["outlet"], (result["published"] or "")[:10]) if v)
        print(f"story {result['story']} · article {result['document']} · {meta}\n  {result['title'] or '(untitled)'}")
        print(f"  {' '.join(result['snippet'].split())}\n")
    return 0


def run_brief_story(args) -> int:
    from newsweave.cli import check_output_path, emit_brief

    check_output_path(args.output)
    emit_brief(story_brief(args), args)
    return 0


def story_brief(args):
    """The Brief of the corpus story that `--db` and `--story` name (for `brief` and `export`)."""
    from newsweave.cli import _settings
    from newsweave.corpus import brief_story

    if not (args.db and args.story):
        raise InputError("brief a corpus story with both --db FILE and --story ID")
    if args.sources:
        raise InputError("give either report paths or --db and --story, not both")
    # A writable corpus keeps the brief in its cache for next time.
    from newsweave.corpus.store import is_database_url

    writable = is_database_url(args.db) or os.access(args.db, os.W_OK)  # a database's role decides; see cache_brief
    with _open(args, readonly=not writable) as store:
        return brief_story(store, args.story, _settings(args))
