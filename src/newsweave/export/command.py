"""`newsweave export`: read a brief JSON or brief the reports, then write one export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsweave.cli import _settings, check_output_path, write_output
from newsweave.errors import InputError, NoReadableReports


def run_export(args) -> int:
    check_output_path(args.output)
    data = _brief_data(args)
    from newsweave.export import export_brief

    if args.format == "csv":
        _write_csv(data, args.output)
    else:
        write_output(export_brief(data, args.format), args.output)
    return 0


def _brief_data(args) -> dict[str, Any]:
    if args.db or args.story:  # a story of a corpus
        from newsweave.corpus.commands import story_brief

        return story_brief(args).to_dict()
    if not args.sources:
        raise InputError("give a brief JSON file or report files or folders to export, or --db and --story")
    if len(args.sources) == 1 and args.sources[0].endswith(".json"):
        brief = _read_brief(Path(args.sources[0]), _settings(args).max_input_bytes)
        if brief is not None:
            from newsweave.export import brief_data

            return brief_data(brief)
    import newsweave
    from newsweave.load import load_sources

    settings = _settings(args)
    documents, problems = load_sources([Path(s) for s in args.sources], settings)
    for problem in problems:
        print(f"newsweave: {problem}", file=sys.stderr)
    if not documents:
        raise NoReadableReports(problems)
    return newsweave.Brief(newsweave.build_story(documents, settings, problems), settings).to_dict()


def _read_brief(path: Path, limit: int) -> dict[str, Any] | None:
    """The brief in a JSON file, or None when the file is a report (not a brief)."""
    from newsweave.load.files import read_regular
    from newsweave.load.records import parse_json

    try:
        data = parse_json(read_regular(path, limit).decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (not UTF-8 at byte {exc.start})") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    if isinstance(data, dict) and str(data.get("schema", "")).startswith("newsweave.brief/"):
        return data
    return None


def _write_csv(data: dict[str, Any], output: str | None) -> None:
    from newsweave.export.tables import csv_tables, csv_zip

    if not output or output == "-":
        raise InputError("csv export writes two files: give -o FILE (FILE-nodes.csv, FILE-edges.csv) or -o FILE.zip")
    target = Path(output)
    if target.suffix == ".zip":
        write_output(csv_zip(data), str(target))
        return
    stem = target.with_suffix("") if target.suffix == ".csv" else target
    for name, text in csv_tables(data).items():
        write_output(text, f"{stem}-{name}")
