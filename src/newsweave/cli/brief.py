"""`newsweave brief`: one story from report files and folders, or a corpus story."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsweave import service
from newsweave.cli.common import (
    emit_brief,
    language_option,
    model_options,
    positive,
    print_problem,
    print_warnings,
    settings_from,
    status,
    story_options,
)
from newsweave.errors import InputError
from newsweave.output import check_output_path
from newsweave.render import FORMATS


def add_commands(commands: argparse._SubParsersAction) -> None:
    brief = commands.add_parser(
        "brief",
        help="brief a story from report files or folders",
        description="Brief one story from its reports: .txt, .md, .html/.htm, .json/.jsonl, or folders of them.",
    )
    brief.add_argument("sources", nargs="*", metavar="PATH", help="report files or folders (or use --db and --story)")
    story_options(brief, "brief")
    brief.add_argument("-f", "--format", choices=FORMATS, default="markdown", help="output format (default: markdown)")
    brief.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (written atomically)")
    brief.add_argument("-w", "--words", type=positive, default=None, help="summary length in words (default: 120)")
    model_options(brief)
    language_option(brief)
    brief.add_argument("--strict", action="store_true", help="exit with status 1 if any input could not be read")
    brief.set_defaults(run=run_brief)


def run_brief(args: argparse.Namespace) -> int:
    settings = settings_from(args.model, args.encoding, args.words, args.semantic, args.any_language)
    if args.db or args.story:
        check_output_path(args.output)
        emit_brief(corpus_story(args, settings), args.format, args.output)
        return 0
    if not args.sources:
        raise InputError("give report files or folders to brief, or --db and --story")
    check_output_path(args.output)
    result = service.brief_reports([Path(s) for s in args.sources], settings, one_story=True,
                                   on_problem=print_problem, status=status)
    print_warnings(result)
    emit_brief(result, args.format, args.output)
    return 1 if (args.strict and result.problems) else 0


def corpus_story(args: argparse.Namespace, settings):
    """The Brief of the corpus story that `--db` and `--story` name (for `brief` and `export`)."""
    if not (args.db and args.story):
        raise InputError("brief a corpus story with both --db FILE and --story ID")
    if args.sources:
        raise InputError("give either report paths or --db and --story, not both")
    return service.brief_story(args.db, args.story, settings)
