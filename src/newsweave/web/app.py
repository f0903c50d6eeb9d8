"""The FastAPI application behind `newsweave serve`.

    from newsweave.web.app import ServerConfig, create_app
    app = create_app(ServerConfig(db="news.db"))

The interactive API docs (/docs) are off: FastAPI's default page loads its
scripts from a CDN, and these pages load nothing from anywhere else. The
OpenAPI document is at /openapi.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from newsweave.settings import Settings

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    db: str | Path | None = None
    settings: Settings = field(default_factory=Settings)
    allow_ingest: bool = False  # POST /api/ingest writes to the corpus only with --allow-ingest
    allow_urls: bool = False  # fetching URLs reaches the network: off unless asked for
    max_request_bytes: int = 20 * MEGABYTE
    max_reports: int = 50
    keep_briefs: int = 50
    allowed_hosts: tuple[str, ...] | None = None


def create_app(config: ServerConfig | None = None):
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    from newsweave.web import api, pages
    from newsweave.web.library import Corpus, RecentBriefs
    from newsweave.web.security import BodyLimit, SecurityHeaders

    config = config or ServerConfig()
    app = FastAPI(
        title="newsweave",
        version="0.1.0",
        description="Many news reports of one story in, one cited, cross-checked brief out.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.recent = RecentBriefs(config.keep_briefs)
    app.state.corpus = Corpus(config.db, config.settings) if config.db else None
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("newsweave.web") / "static")), name="static")
    app.add_middleware(BodyLimit, limit=config.max_request_bytes)
    if config.allowed_hosts:
        # A page on another site cannot reach this server through DNS rebinding.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    pages.install_error_pages(app)
    return app


def serve(config: ServerConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    if host in ("127.0.0.1", "localhost", "::1") and config.allowed_hosts is None:
        from dataclasses import replace

        config = replace(config, allowed_hosts=("127.0.0.1", "localhost", "[::1]", "::1"))
    uvicorn.run(create_app(config), host=host, port=port, log_level="info")
