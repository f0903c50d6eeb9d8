"""The `newsweave` command: a thin layer over the Python API.

Only the standard library is imported at start-up so that `--help` is
instant; each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from newsweave.render import FORMATS


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    from newsweave.errors import NewsweaveError

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
    parser.add_argument("--version", action="version", version="newsweave 0.1.0")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    brief = commands.add_parser(
        "brief",
        help="brief a story from report files or folders",
        description="Brief one story from its reports: .txt, .md, .html/.htm, .json/.jsonl, or folders of them.",
    )
    brief.add_argument("sources", nargs="*", metavar="PATH", help="report files or folders (or use --db and --story)")
    _story_options(brief, "brief")
    brief.add_argument("-f", "--format", choices=FORMATS, default="markdown", help="output format (default: markdown)")
    brief.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (written atomically)")
    brief.add_argument("-w", "--words", type=_positive, default=None, help="summary length in words (default: 120)")
    _common_options(brief)
    brief.add_argument("--strict", action="store_true", help="exit with status 1 if any input could not be read")
    brief.set_defaults(run=run_brief)

    summarize = commands.add_parser(
        "summarize",
        help="summarize many clusters in batch (JSON lines in, JSON lines out)",
        description='Read one cluster a line, {"id", "documents": [{"id", "text"}] or ["text", ...]}; '
        'write {"id", "summary": [...], "citations": [[doc ids], ...]} a line, or {"id", "error"}.',
    )
    summarize.add_argument("--jsonl", required=True, metavar="FILE", help="input clusters, one JSON object a line ('-' for stdin)")
    summarize.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    summarize.add_argument("-w", "--words", type=_positive, default=300, help="summary length in words (default: 300)")
    _common_options(summarize)
    _engine_options(summarize)
    summarize.set_defaults(run=run_summarize)
    _corpus_commands(commands)
    _serve_command(commands)
    _export_command(commands)
    return parser


def _export_command(commands) -> None:
    """export: the entity network and timeline for analysts' tools (code in export/command.py)."""
    export = commands.add_parser(
        "export",
        help="export a brief's entities and links: GraphML, GEXF, JSON, CSV, FollowTheMoney",
        description="Export the people, organisations and places of a story and the links between them. "
        "Input: a brief written by `newsweave brief --format json`, or report files and folders. "
        "csv writes FILE-nodes.csv and FILE-edges.csv, or one zip of both if FILE ends in .zip.",
    )
    export.add_argument("sources", nargs="*", metavar="BRIEF_OR_PATH", help="a brief JSON file, or report files or folders")
    _story_options(export, "export")
    export.add_argument("-f", "--format", required=True, choices=("graphml", "gexf", "json", "csv", "ftm"), help="export format")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (written atomically)")
    export.add_argument("-w", "--words", type=_positive, default=None, help=argparse.SUPPRESS)
    _common_options(export)
    export.set_defaults(run=run_export)


def run_export(args) -> int:
    from newsweave.export.command import run_export as run

    return run(args)


def _corpus_commands(commands) -> None:
    """ingest, stories, search: the corpus commands (their code is in corpus/commands.py)."""
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
    ingest.add_argument("--allow-private-addresses", action="store_true", help="also fetch from loopback and private networks (your own intranet)")
    ingest.add_argument("--json", action="store_true", help="print the ingest report as JSON on stdout")
    ingest.add_argument("--encoding", help="decode pages with this encoding instead of detecting UTF-8/Windows-1252")
    ingest.add_argument("--strict", action="store_true", help="exit with status 1 if any source or item failed")
    _engine_options(ingest)
    ingest.set_defaults(run=_corpus_command("run_ingest"))

    stories = commands.add_parser("stories", help="list a corpus's stories, biggest and newest first")
    stories.add_argument("--db", required=True, metavar="FILE", help="the corpus database")
    stories.add_argument("--search", metavar="QUERY", help="only stories with an article matching these words")
    stories.add_argument("--limit", type=_positive, default=20, help="how many (default: 20)")
    stories.add_argument("--offset", type=int, default=0, help="skip this many first")
    stories.add_argument("--json", action="store_true", help="JSON instead of a table")
    stories.set_defaults(run=_corpus_command("run_stories"))

    search = commands.add_parser("search", help="full-text search over a corpus's articles")
    search.add_argument("query", nargs="+", metavar="WORD", help="words that must all appear")
    search.add_argument("--db", required=True, metavar="FILE", help="the corpus database")
    search.add_argument("--limit", type=_positive, default=20, help="how many results (default: 20)")
    search.add_argument("--json", action="store_true", help="JSON instead of text")
    search.set_defaults(run=_corpus_command("run_search"))


def _corpus_command(name: str):
    def run(args) -> int:
        from newsweave.corpus import commands

        return getattr(commands, name)(args)

    return run


def _serve_command(commands) -> None:
    """serve: the pages and the HTTP API (their code is in web/)."""
    serve = commands.add_parser(
        "serve",
        help="read stories in the browser: the pages and the HTTP API",
        description="Serve the story pages and the HTTP API (OpenAPI document at /openapi.json). Without --db: "
        "paste or upload reports for a one-off brief. Read-only unless --allow-ingest.",
    )
    serve.add_argument("--db", metavar="FILE", help="a corpus database to list and brief stories from")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_positive, default=8000, help="port (default: 8000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME[:PORT]",
                       help="also answer requests addressed to this name (repeatable; by default only the --host address, and localhost)")
    serve.add_argument("--allow-ingest", action="store_true", help="enable POST /api/ingest, which adds reports to the corpus")
    serve.add_argument("--allow-urls", action="store_true", help="let users brief URLs: the server then fetches pages from the network")
    serve.add_argument("--allow-private-addresses", action="store_true", help="with --allow-urls: fetch from loopback and private networks too")
    _common_options(serve)
    serve.set_defaults(run=run_serve, words=None)


def run_serve(args) -> int:
    from newsweave.errors import InputError
    from newsweave.web.app import ServerConfig, serve

    if args.allow_ingest and not args.db:
        raise InputError("--allow-ingest needs a corpus: add --db FILE")
    config = ServerConfig(db=args.db, settings=_settings(args), allow_ingest=args.allow_ingest, allow_urls=args.allow_urls,
                          allow_private_addresses=args.allow_private_addresses, allowed_hosts=tuple(args.allow_host) or None)
    serve(config, host=args.host, port=args.port)  # uvicorn says where it listens
    return 0


def _story_options(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("--db", metavar="FILE", help=f"a corpus database (see `newsweave ingest`): {verb} one of its stories")
    parser.add_argument("--story", type=_positive, metavar="ID", help=f"with --db: the story to {verb} (see `newsweave stories`)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="spaCy model to load (default: $NEWSWEAVE_SPACY_MODEL or en_core_web_sm)")
    parser.add_argument("--encoding", help="decode text files with this encoding instead of detecting UTF-8/Windows-1252")


def _engine_options(parser: argparse.ArgumentParser) -> None:
    """Where the per-item work runs (newsweave.engine); the results are the same with each."""
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine (default); ray: a Ray cluster (pip install 'newsweave[ray]')")
    parser.add_argument("--address", metavar="ADDRESS", help="with --engine ray: the cluster to join ('auto', or ray://HOST:10001); "
                        "default: start Ray on this machine")
    parser.add_argument("--workers", type=_count, default=None, metavar="N",
                        help="worker processes (Ray actors); 0: one per CPU (default: 1 with local, every CPU with ray)")


def make_engine(args):
    from newsweave.engine import make_engine as make

    return make(args.engine, workers=args.workers, address=args.address)


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number (0 or more), got {value!r}")
    return number


def _positive(value: str) -> int:
    # argparse prefixes the option: "argument -w/--words: expected a whole number above 0, got 'abc'".
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {value!r}")
    return number


def _settings(args):
    from newsweave.settings import Settings

    changes = {k: v for k, v in {"model": args.model, "encoding": args.encoding, "words": args.words}.items() if v}
    return Settings().with_(**changes)


def run_brief(args) -> int:
    import newsweave
    from newsweave.errors import NoReadableReports
    from newsweave.load import load_sources

    if args.db or args.story:
        from newsweave.corpus.commands import run_brief_story

        return run_brief_story(args)
    if not args.sources:
        from newsweave.errors import InputError

        raise InputError("give report files or folders to brief, or --db and --story")
    settings = _settings(args)
    check_output_path(args.output)
    with _status(f"Reading {len(args.sources)} input(s)…"):
        documents, problems = load_sources([Path(s) for s in args.sources], settings)
    for problem in problems:
        print(f"newsweave: {problem}", file=sys.stderr)
    if not documents:
        raise NoReadableReports(problems)
    with _status(f"Briefing {len(documents)} reports…"):
        result = newsweave.Brief(newsweave.build_story(documents, settings, problems, one_story=True), settings)
    for warning in result.warnings:
        print(f"newsweave: warning: {warning}", file=sys.stderr)
    emit_brief(result, args)
    return 1 if (args.strict and problems) else 0


def emit_brief(result, args) -> None:
    """Render a brief in args.format to args.output, or to stdout (typeset on a terminal)."""
    rendered = {"markdown": result.to_markdown, "json": result.to_json, "html": result.to_html}[args.format]()
    if args.format == "markdown" and not args.output and sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(rendered))  # a terminal gets it typeset; pipes get plain Markdown
    else:
        write_output(rendered, args.output)


def run_summarize(args) -> int:
    """One result line per cluster, each written and flushed as soon as it is ready."""
    import json

    from newsweave.batch import max_line_bytes, summarize_lines
    from newsweave.errors import InputError
    from newsweave.load.files import bounded_lines

    settings = _settings(args)
    check_output_path(args.output)
    limit = max_line_bytes(settings)
    source = "stdin" if args.jsonl == "-" else args.jsonl
    stream = _StandardInput() if args.jsonl == "-" else _open_input(args.jsonl)
    total = None
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

    def __init__(self):
        self.buffer = sys.stdin.buffer

    def __getattr__(self, name):
        return getattr(self.buffer, name)

    def seekable(self) -> bool:
        return False  # read it once, as it comes, even when it is a redirected file

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _batch_progress(total: int | None):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]summarize"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        *([TimeRemainingColumn()] if total else []), console=Console(stderr=True), transient=False,
    )


def _open_input(path: str):
    """The batch input: a regular file, or a named pipe (`--jsonl <(zcat clusters.gz)`), read as a stream like stdin."""
    import stat

    from newsweave.errors import InputError
    from newsweave.load.files import open_regular

    try:
        if stat.S_ISFIFO(os.stat(path).st_mode):
            return open(path, "rb")
        return open_regular(Path(path))
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None


def check_output_path(path: str | None) -> None:
    """Refuse an output path that cannot be written before doing the work."""
    from newsweave.errors import InputError

    if not path or path == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: no folder {target.parent}")


def write_output(content: str | bytes, path: str | None) -> None:
    """Print, or replace `path` atomically so a failed run never leaves half a file."""
    with OutputFile(path) as output:
        output.write(content.encode("utf-8") if isinstance(content, str) else content)


class OutputFile:
    """Standard output, or a file replaced atomically when the block ends without error.

    The file is written beside its target under a hidden name and renamed over
    it, so a failed run leaves the old file (or none), never half a file. It
    gets the mode a plain `open()` would give it (0666 less the umask), or the
    mode of the file it replaces; a temporary file's own mode is 0600.
    """

    def __init__(self, path: str | None):
        self.path = path if path and path != "-" else None
        self.stream = None
        self.temporary: str | None = None

    def __enter__(self):
        from newsweave.errors import InputError

        if self.path is None:
            self.stream = sys.stdout.buffer
            return self
        target = Path(self.path)
        try:
            handle, self.temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        self.stream = os.fdopen(handle, "wb")
        return self

    def write(self, data: bytes) -> None:
        """Write and flush: a reader (or a crash) sees every line already written."""
        try:
            self.stream.write(data)
            self.stream.flush()
        except OSError as exc:
            if self.path is None:
                raise
            from newsweave.errors import InputError

            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None

    def __exit__(self, kind, error, trace):
        if self.path is None:
            return False
        from newsweave.errors import InputError

        try:
            self.stream.close()
            if kind is None:
                os.chmod(self.temporary, _mode_for(Path(self.path)))
                os.replace(self.temporary, self.path)
                self.temporary = None
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        finally:
            if self.temporary is not None:
                Path(self.temporary).unlink(missing_ok=True)
        return False


def _mode_for(target: Path) -> int:
    """The permission bits a replaced file keeps, or a new file gets under the umask."""
    import stat

    try:
        return stat.S_IMODE(os.stat(target).st_mode) & 0o777  # not a set-user-id bit
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Linux shows the umask without changing it; elsewhere it can only be read by setting it.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _status:
    """A spinner on stderr while a step runs, only when stderr is a terminal."""

    def __init__(self, message: str):
        self.message = message
        self.status = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console

            self.status = Console(stderr=True).status(self.message)
            self.status.__enter__()
        return self

    def __exit__(self, *exc):
        if self.status is not None:
            self.status.__exit__(*exc)
        return False
