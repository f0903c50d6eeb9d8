"""The corpus commands: ingest, stories, search (`brief --db --story` is in cli/brief.py)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsweave import service
from newsweave.cli.common import engine_options, language_option, make_engine, positive, settings_from


def add_commands(commands: argparse._SubParsersAction) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="add feeds, OPML lists, saved pages, WARC archives, exports or URLs to a corpus",
        description="Add articles to a corpus database and sort them into stories. Sources: RSS/Atom feeds, "
        ".opml lists of feeds, .html pages, folders of them, .warc/.warc.gz archives, .jsonl/.csv exports "
        "(Multi-News-style clusters too) and http(s) URLs of pages or feeds. Rerunning is safe: stored articles are skipped.",
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders or URLs")
    ingest.add_argument("--db", required=True, metavar="FILE", help="the corpus database (created if missing)")
    ingest.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="give up on a URL after this long (default: 20)")
    ingest.add_argument("--delay", type=float, default=1.0, metavar="SECONDS", help="pause between two requests to one host (default: 1)")
    ingest.add_argument("--allow-private-addresses", action="store_true",
                        help="also fetch from loopback and private networks (your own intranet)")
    ingest.add_argument("--json", action="store_true", help="print the ingest report as JSON on stdout")
    ingest.add_argument("--encoding", help="decode pages with this encoding instead of detecting UTF-8/Windows-1252")
    ingest.add_argument("--strict", action="store_true", help="exit with status 1 if any source or item failed")
    language_option(ingest)
    engine_options(ingest)
    ingest.set_defaults(run=run_ingest)

    stories = commands.add_parser("stories", help="list a corpus's stories, biggest and newest first")
    stories.add_argument("--db", required=True, metavar="FILE", help="the corpus database")
    stories.add_argument("--search", metavar="QUERY", help="only stories with an article matching these words")
    stories.add_argument("--limit", type=positive, default=20, help="how many (default: 20)")
    stories.add_argument("--offset", type=int, default=0, help="skip this many first")
    stories.add_argument("--json", action="store_true", help="JSON instead of a table")
    stories.set_defaults(run=run_stories)

    search = commands.add_parser("search", help="full-text search over a corpus's articles")
    search.add_argument("query", nargs="+", metavar="WORD", help="words that must all appear")
    search.add_argument("--db", required=True, metavar="FILE", help="the corpus database")
    search.add_argument("--limit", type=positive, default=20, help="how many results (default: 20)")
    search.add_argument("--json", action="store_true", help="JSON instead of text")
    search.set_defaults(run=run_search)


def run_ingest(args: argparse.Namespace) -> int:
    from rich.console import Console  # lazy: rich; keeps --help fast

    console = Console(stderr=True)
    settings = settings_from(encoding=args.encoding, any_language=args.any_language)
    with make_engine(args) as engine, IngestProgress(console) as progress:
        report = service.ingest(args.sources, args.db, settings, progress=progress,
                                timeout=args.timeout, delay=args.delay, allow_private=args.allow_private_addresses, engine=engine)
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

    def __init__(self, console: Any):
        # lazy: rich; keeps --help fast
        from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
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
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> IngestProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self.progress.__exit__(*exc)

    def __call__(self, source: str, outcome: str, report: Any) -> None:
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


def run_stories(args: argparse.Namespace) -> int:
    listed = service.list_stories(args.db, args.search, limit=args.limit, offset=args.offset)
    if args.json:
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        return 0
    from rich.console import Console  # lazy: rich; keeps --help fast
    from rich.table import Table

    title = f"{listed['total']} stories" + (f" matching “{args.search}”" if args.search else "")
    table = Table(title=title, title_justify="left")
    for column in ("id", "articles", "outlets"):
        table.add_column(column, justify="right")
    for column in ("latest", "title"):
        table.add_column(column, justify="left")
    for story in listed["stories"]:
        table.add_row(
            str(story["id"]), str(story["articles"]), str(story["outlets"]),
            (story["last_published"] or "")[:10], story["title"] or "(untitled)",
        )
    Console().print(table)
    return 0


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    results = service.search_articles(args.db, query, limit=args.limit)
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
