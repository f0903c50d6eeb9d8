"""The FastAPI application behind `newsweave serve`.

    from newsweave.web.app import ServerConfig, create_app
    app = create_app(ServerConfig(db="news.db"))

The interactive API docs (/docs) are off: FastAPI's default page loads its
scripts from a CDN, and these pages load nothing from anywhere else. The
OpenAPI document is at /openapi.json.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsweave.settings import Settings
from newsweave.web import api, pages
from newsweave.web.briefs import Corpus, RecentBriefs
from newsweave.web.security import BodyLimit, CrossSiteGuard, HostCheck, SecurityHeaders, bound_hosts, form_token

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    db: str | Path | None = None
    settings: Settings = field(default_factory=Settings)
    allow_ingest: bool = False  # POST /api/ingest writes to the corpus only with --allow-ingest
    allow_urls: bool = False  # fetching URLs reaches the network: off unless asked for
    allow_private_addresses: bool = False  # fetch from loopback and private networks too (an intranet of your own)
    max_request_bytes: int = 20 * MEGABYTE
    max_reports: int = 50
    # Briefs kept in memory, least recently used dropped first. The bytes are
    # the briefs' JSON length; the Python objects behind it take about three times more.
    keep_briefs: int = 50  # one-off briefs (POST /api/brief, the New brief form)
    keep_briefs_bytes: int = 32 * MEGABYTE
    cached_stories: int = 32  # corpus stories' briefs (re-briefed when dropped)
    cached_stories_bytes: int = 32 * MEGABYTE
    # The Host header values answered (DNS rebinding protection); `serve` sets
    # them to the names it is bound as. None (an app embedded elsewhere) answers any.
    allowed_hosts: tuple[str, ...] | None = None
    # Signs the token in the app's forms; None: a new random secret each start.
    form_secret: bytes | None = None


def create_app(config: ServerConfig | None = None) -> FastAPI:
    config = config or ServerConfig()
    app = FastAPI(
        title="newsweave",
        version="0.1.0",
        description="Many news reports of one story in, one cited, cross-checked brief out.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.form_token = form_token(config.form_secret or secrets.token_bytes(32))
    app.state.recent = RecentBriefs(config.keep_briefs, config.keep_briefs_bytes)
    app.state.corpus = (
        Corpus(config.db, config.settings, config.cached_stories, config.cached_stories_bytes) if config.db else None
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("newsweave.web") / "static")), name="static")
    # The last added runs first: headers on everything, then Host, then where a write comes from, then size.
    app.add_middleware(BodyLimit, limit=config.max_request_bytes)
    app.add_middleware(CrossSiteGuard)
    if config.allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=config.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    pages.install_error_pages(app)
    return app


def serve(config: ServerConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app under uvicorn, answering only to the names it is bound as (and `config.allowed_hosts`)."""
    import uvicorn  # lazy: only `newsweave serve` runs a server; the app itself (and its tests) needs no uvicorn

    config = replace(config, allowed_hosts=bound_hosts(host, port, config.allowed_hosts or ()))
    uvicorn.run(create_app(config), host=host, port=port, log_level="info")
