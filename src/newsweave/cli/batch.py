"""`newsweave summarize`: many clusters in batch, JSON lines in, JSON lines out (the work is in batch.py)."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast

from newsweave.batch import max_line_bytes, summarize_lines
from newsweave.cli.common import engine_options, make_engine, model_options, positive, settings_from
from newsweave.errors import InputError
from newsweave.load.files import bounded_lines, open_regular
from newsweave.output import OutputFile, check_output_path


def add_commands(commands: argparse._SubParsersAction) -> None:
    summarize = commands.add_parser(
        "summarize",
        help="summarize many clusters in batch (JSON lines in, JSON lines out)",
        description='Read one cluster a line, {"id", "documents": [{"id", "text"}] or ["text", ...]}; '
        'write {"id", "summary": [...], "citations": [[doc ids], ...]} a line, or {"id", "error"}.',
    )
    summarize.add_argument("--jsonl", required=True, metavar="FILE", help="input clusters, one JSON object a line ('-' for stdin)")
    summarize.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    summarize.add_argument("-w", "--words", type=positive, default=300, help="summary length in words (default: 300)")
    model_options(summarize)
    engine_options(summarize)
    summarize.set_defaults(run=run_summarize)


def run_summarize(args: argparse.Namespace) -> int:
    """One result line per cluster, each written and flushed as soon as it is ready."""
    settings = settings_from(args.model, args.encoding, args.words, args.semantic)
    check_output_path(args.output)
    limit = max_line_bytes(settings)
    source = "stdin" if args.jsonl == "-" else args.jsonl
    # stdin stands in for a binary file (it reads like one, and `with` leaves it open).
    stream = cast(BinaryIO, _StandardInput()) if args.jsonl == "-" else _open_input(args.jsonl)
    total: int | None = None
    if stream.seekable():  # a file: count its clusters for the progress bar; a pipe is read once
        total = sum(1 for _, line in bounded_lines(stream, limit) if line is None or line.strip())
        stream.seek(0)
    clusters = failures = 0
    engine = make_engine(args)
    progress = _batch_progress(total)
    with engine, stream, progress, OutputFile(args.output) as output:
        task = progress.add_task("clusters", total=total)
        for result in summarize_lines((line for _, line in bounded_lines(stream, limit)), settings, engine):
            clusters += 1
            if "error" in result:
                failures += 1
                progress.console.print(
                    f"newsweave: line {result['line']} (id {result['id']}): {result['error']}",
                    markup=False, highlight=False, soft_wrap=True,
                )
            # A lone surrogate (an id given as "\ud800") is written as that JSON escape again, not a crash.
            output.write((json.dumps(result, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"))
            progress.advance(task)
        if not clusters:
            raise InputError(f"{source}: no clusters (every line is blank)")
    if failures:
        print(f"newsweave: {failures} of {clusters} clusters failed; see their error lines", file=sys.stderr)
    return 1 if failures == clusters else 0


class _StandardInput:
    """stdin as a binary stream that `with` leaves open."""

    def __init__(self) -> None:
        self.buffer = sys.stdin.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.buffer, name)

    def seekable(self) -> bool:
        return False  # read it once, as it comes, even when it is a redirected file

    def __enter__(self) -> _StandardInput:
        return self

    def __exit__(self, *exc: Any) -> Literal[False]:
        return False


def _batch_progress(total: int | None) -> Any:
    # lazy: rich; keeps --help fast
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]summarize"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        *([TimeRemainingColumn()] if total else []), console=Console(stderr=True), transient=False,
    )


def _open_input(path: str) -> BinaryIO:
    """The batch input: a regular file, or a named pipe (`--jsonl <(zcat clusters.gz)`), read as a stream like stdin."""
    try:
        if stat.S_ISFIFO(os.stat(path).st_mode):
            return open(path, "rb")
        return open_regular(Path(path))
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
