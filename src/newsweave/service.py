"""The service layer: the Python API that the command line, the web app and the exports call.

Functions take plain values (paths, `Settings`, ids) and return results; they
never print and never read command-line arguments.

- `brief(sources, words=, settings=, one_story=)` — `newsweave.brief`, the public entry point;
- `brief_reports(sources, settings, one_story=, on_problem=, status=)` — load the reports,
  report each one that cannot be read, raise `NoReadableReports` when none can, brief the rest;
- `brief_story(corpus, story_id, settings)` — the brief of a corpus story (cached, or made now);
- `open_corpus(corpus, readonly=)` — a corpus store, or a clear error when the file is missing;
- `ingest(sources, corpus, settings, ...)`, `list_stories(corpus, ...)`, `search_articles(corpus, query, ...)`
  — add reports to a corpus, list its stories, search its articles;
- `read_brief_file(path, limit)` — the brief JSON in a file (None when the file is a report);
- `brief_data(brief)` — a brief as its JSON dict, rebuilding one written before entities existed;
- `export_brief(brief, format)` and `export_files(data, format, output)` — a brief's entities
  and links as GraphML, GEXF, JSON, CSV or FollowTheMoney (`EXPORT_FORMATS`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newsweave.pipeline as pipeline  # its attribute, so a test may stand in for a stage run
from newsweave.brief import Brief
from newsweave.errors import InputError, NoReadableReports
from newsweave.export import EXPORT_FORMATS, check_brief_dict, check_format, has_layers
from newsweave.export import brief_data as export_layers
from newsweave.export import export_brief as export_data
from newsweave.export.tables import csv_tables, csv_zip
from newsweave.load import load_sources, source_list
from newsweave.load.files import read_regular
from newsweave.load.records import parse_json
from newsweave.settings import Settings
from newsweave.story import InputProblem

if TYPE_CHECKING:
    from newsweave.corpus import IngestReport, Store

# The corpus functions import newsweave.corpus when called (lazy): it loads spaCy
# for its duplicate signatures, and `import newsweave` must stay instant.

__all__ = [
    "EXPORT_FORMATS",
    "brief",
    "brief_data",
    "brief_reports",
    "brief_story",
    "export_brief",
    "export_files",
    "ingest",
    "list_stories",
    "open_corpus",
    "read_brief_file",
    "search_articles",
]


def brief(sources: Iterable[Any] | Any, *, words: int | None = None, settings: Settings | None = None,
          one_story: bool = True) -> Brief:
    """Brief a story from paths (files or folders), raw texts, dicts or `Document`s: a list of them,
    or one alone (`newsweave.brief("reports/")`).

    Inputs that cannot be read become `problems` on the result; the others are
    still briefed. Raises `NoReadableReports` only when nothing could be read.
    `one_story=False` briefs every report as given, for callers that know the
    reports are one story (an evaluation cluster): none is left out.
    """
    settings = settings or Settings()
    if words is not None:
        settings = settings.with_(words=words)
    return brief_reports(sources, settings, one_story=one_story)


def _quiet(message: str) -> AbstractContextManager[Any]:
    return nullcontext()


def brief_reports(
    sources: Iterable[Any],
    settings: Settings,
    *,
    one_story: bool = True,
    on_problem: Callable[[InputProblem], None] | None = None,
    status: Callable[[str], AbstractContextManager[Any]] = _quiet,
) -> Brief:
    """Load → report problems → `NoReadableReports` → build the story → `Brief`.

    `on_problem` hears of each input that could not be read as soon as loading
    ends (the command line prints them before the long part starts); `status`
    wraps each step ("Reading 3 input(s)…") in a context, e.g. a spinner.
    `one_story`: brief the largest story among the reports and name the others
    in `warnings` (stories.py).
    """
    sources = source_list(sources)
    with status(f"Reading {len(sources)} input(s)…"):
        documents, problems = load_sources(sources, settings)
    if on_problem is not None:
        for problem in problems:
            on_problem(problem)
    if not documents:
        raise NoReadableReports(problems)
    with status(f"Briefing {len(documents)} reports…"):
        return Brief(pipeline.build_story(documents, settings, problems, one_story=one_story), settings)


def open_corpus(corpus: str, readonly: bool = True) -> Store:
    """The corpus store at a path or database URL; a missing corpus file is a clear `InputError`."""
    from newsweave.corpus import open_store  # lazy: see above
    from newsweave.corpus.store import is_database_url

    if not is_database_url(corpus) and not Path(corpus).is_file():
        raise InputError(f"{corpus}: no such corpus database (create one with `newsweave ingest ... --db {corpus}`)")
    return open_store(corpus, readonly=readonly)


def brief_story(corpus: str | Store, story_id: int, settings: Settings) -> Brief:
    """The brief of one corpus story: its cached brief, or a fresh one (cached when the corpus is writable).

    `corpus`: a path or database URL, or a store already open (the web server keeps
    one open, read-only, so it never writes the cache)."""
    from newsweave.corpus import brief_story as cached_brief_story  # lazy: see above
    from newsweave.corpus.store import is_database_url

    if not isinstance(corpus, str | os.PathLike):
        return cached_brief_story(corpus, story_id, settings)
    writable = is_database_url(corpus) or os.access(corpus, os.W_OK)  # a database's role decides; see cache_brief
    with open_corpus(corpus, readonly=not writable) as store:
        return cached_brief_story(store, story_id, settings)


def ingest(sources: Iterable[Any], corpus: str, settings: Settings, **options: Any) -> IngestReport:
    """Add articles to a corpus (created if missing) and sort them into stories; `options` as `newsweave.corpus.ingest`."""
    from newsweave.corpus import ingest as ingest_sources  # lazy: see above

    return ingest_sources(sources, db=corpus, settings=settings, **options)


def list_stories(corpus: str, search: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """`{"total", "stories"}`: a corpus's stories, biggest and newest first (only those matching `search`)."""
    with open_corpus(corpus) as store:
        stories = store.stories(search, limit=limit, offset=offset)
        total = store.count_stories(search)
    return {"total": total, "stories": stories}


def search_articles(corpus: str, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over a corpus's articles: every word must appear."""
    with open_corpus(corpus) as store:
        return store.search(query, limit=limit)


def read_brief_file(path: Path, limit: int) -> dict[str, Any] | None:
    """The brief in a JSON file (schema newsweave.brief/...), or None when the file is a report, not a brief."""
    try:
        data = parse_json(read_regular(path, limit).decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (not UTF-8 at byte {exc.start})") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    if isinstance(data, dict) and str(data.get("schema", "")).startswith("newsweave.brief/"):
        return data
    return None


def brief_data(brief: Any) -> dict[str, Any]:
    """A brief (a `Brief` or its JSON dict) as a dict with `documents`, `entities`, `relations` and `timeline`.

    A brief JSON written before those layers existed is rebuilt from its documents.
    """
    if isinstance(brief, dict) and not has_layers(brief):
        check_brief_dict(brief)
        documents = [{k: v for k, v in d.items() if v is not None} for d in brief["documents"]]
        return brief_reports(documents, Settings()).to_dict()
    return export_layers(brief)


def export_brief(brief: Any, format: str) -> str | bytes:
    """One export of a brief (a `Brief` or its JSON dict) in one of `EXPORT_FORMATS`."""
    check_format(format)  # before any rebuilding
    return export_data(brief_data(brief), format)


def export_files(data: Any, format: str, output: str | None) -> list[tuple[str | None, str | bytes]]:
    """What an export writes: (path, content) pairs; path None is standard output.

    CSV is two tables: FILE-nodes.csv and FILE-edges.csv, or one zip of both
    when `output` ends in .zip; it cannot go to standard output.
    """
    if format != "csv":
        return [(output, export_brief(data, format))]
    if not output or output == "-":
        raise InputError("csv export writes two files: give -o FILE (FILE-nodes.csv, FILE-edges.csv) or -o FILE.zip")
    target = Path(output)
    if target.suffix == ".zip":
        return [(str(target), csv_zip(brief_data(data)))]
    stem = target.with_suffix("") if target.suffix == ".csv" else target
    return [(f"{stem}-{name}", text) for name, text in csv_tables(brief_data(data)).items()]
