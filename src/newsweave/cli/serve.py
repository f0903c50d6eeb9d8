"""`newsweave serve`: the story pages and the HTTP API (their code is in web/)."""

from __future__ import annotations

import argparse

from newsweave.cli.common import language_option, model_options, positive, settings_from
from newsweave.errors import InputError


def add_commands(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="read stories in the browser: the pages and the HTTP API",
        description="Serve the story pages and the HTTP API (OpenAPI document at /openapi.json). Without --db: "
        "paste or upload reports for a one-off brief. Read-only unless --allow-ingest.",
    )
    serve.add_argument("--db", metavar="FILE", help="a corpus database to list and brief stories from")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=positive, default=8000, help="port (default: 8000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME[:PORT]",
                       help="also answer requests addressed to this name (repeatable; by default only the --host address, and localhost)")
    serve.add_argument("--allow-ingest", action="store_true", help="enable POST /api/ingest, which adds reports to the corpus")
    serve.add_argument("--allow-urls", action="store_true", help="let users brief URLs: the server then fetches pages from the network")
    serve.add_argument("--allow-private-addresses", action="store_true",
                       help="with --allow-urls: fetch from loopback and private networks too")
    model_options(serve)
    language_option(serve)
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    if args.allow_ingest and not args.db:
        raise InputError("--allow-ingest needs a corpus: add --db FILE")
    from newsweave.web.app import ServerConfig, serve  # lazy: FastAPI and uvicorn; keeps --help fast

    settings = settings_from(args.model, args.encoding, semantic=args.semantic, any_language=args.any_language)
    config = ServerConfig(db=args.db, settings=settings, allow_ingest=args.allow_ingest,
                          allow_urls=args.allow_urls, allow_private_addresses=args.allow_private_addresses,
                          allowed_hosts=tuple(args.allow_host) or None)
    serve(config, host=args.host, port=args.port)  # uvicorn says where it listens
    return 0
