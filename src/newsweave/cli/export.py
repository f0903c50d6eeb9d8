"""`newsweave export`: a brief's entities and links for analysts' tools."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsweave import service
from newsweave.cli.brief import corpus_story
from newsweave.cli.common import language_option, model_options, print_problem, settings_from, story_options
from newsweave.errors import InputError
from newsweave.export import EXPORT_FORMATS
from newsweave.output import check_output_path, write_output
from newsweave.settings import Settings


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="export a brief's entities and links: GraphML, GEXF, JSON, CSV, FollowTheMoney",
        description="Export the people, organisations and places of a story and the links between them. "
        "Input: a brief written by `newsweave brief --format json`, or report files and folders. "
        "csv writes FILE-nodes.csv and FILE-edges.csv, or one zip of both if FILE ends in .zip.",
    )
    export.add_argument("sources", nargs="*", metavar="BRIEF_OR_PATH", help="a brief JSON file, or report files or folders")
    story_options(export, "export")
    export.add_argument("-f", "--format", required=True, choices=tuple(EXPORT_FORMATS), help="export format")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (written atomically)")
    model_options(export)
    language_option(export)
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    check_output_path(args.output)
    data = _brief_data(args, settings_from(args.model, args.encoding, semantic=args.semantic, any_language=args.any_language))
    for path, content in service.export_files(data, args.format, args.output):
        write_output(content, path)
    return 0


def _brief_data(args: argparse.Namespace, settings: Settings) -> Any:
    if args.db or args.story:  # a story of a corpus
        return corpus_story(args, settings).to_dict()
    if not args.sources:
        raise InputError("give a brief JSON file or report files or folders to export, or --db and --story")
    if len(args.sources) == 1 and args.sources[0].endswith(".json"):
        brief = service.read_brief_file(Path(args.sources[0]), settings.max_input_bytes)
        if brief is not None:
            return service.brief_data(brief)
    # Every report, as given: an export is of the reports the user chose (no one-story check).
    result = service.brief_reports([Path(s) for s in args.sources], settings, one_story=False, on_problem=print_problem)
    return result.to_dict()
