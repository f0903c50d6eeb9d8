"""The `newsweave` command: a thin layer over the Python API (newsweave.service).

Each command group has its module: brief.py (`brief`), batch.py (`summarize`),
corpus.py (`ingest`, `stories`, `search`), serve.py (`serve`), export.py
(`export`); common.py holds the options they share. A command parses its
arguments, builds its `Settings` from the options it has, calls the service
layer and prints. Nothing outside this package imports it.

Only light modules load at start-up so that `--help` is instant: spaCy,
numpy, rich and FastAPI load when a command needs them.
"""

from __future__ import annotations

import argparse
import os
import sys

from newsweave import __version__
from newsweave.cli import batch, brief, corpus, export, serve
from newsweave.errors import NewsweaveError


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except NewsweaveError as exc:
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_status", 1)  # 2: an engine that is not installed, like a usage error
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head -1`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Turn many news reports of one story into one cited, cross-checked brief.",
    )
    parser.add_argument("--version", action="version", version=f"newsweave {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for group in (brief, batch, corpus, serve, export):  # the order `--help` lists them in
        group.add_commands(commands)
    return parser
