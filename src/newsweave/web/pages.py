"""The pages: story list, story page, compare view, new brief.

Server-rendered with Jinja2 (autoescape on: report text is hostile input), in
the environment the stand-alone brief renders with (render/templating.py): these
templates can use its partials (render/templates/parts.html). The page script
reads its data from a JSON block with `textContent` and puts report text on the
page only as text nodes.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave.render.templating import environment
from newsweave.web.api import EXPORT_FORMATS, brief_from_request, recent_entry, story_entry
from newsweave.web.intake import RequestError
from newsweave.web.security import FORM_TOKEN_FIELD, with_security_headers
from newsweave.web.view import StoryView

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
TEMPLATES = str(files("newsweave.web") / "templates")


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    context.update(
        request=request,
        has_corpus=request.app.state.corpus is not None,
        config=request.app.state.config,
        form_token=request.app.state.form_token,
        form_token_field=FORM_TOKEN_FIELD,
    )
    return HTMLResponse(environment(TEMPLATES).get_template(template).render(**context), status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str | None = None, page: int = 1):
    corpus = request.app.state.corpus
    if corpus is None:
        return new_brief_form(request)
    total = corpus.count_stories(q)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)  # page 0 is the first, page 10^22 the last
    stories = corpus.stories(q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "stories.html", stories=stories, total=total, q=q or "", page=page, pages=pages)


@router.get("/new", response_class=HTMLResponse)
def new_brief_form(request: Request):
    return render(request, "new.html", recent=request.app.state.recent.recent())


@router.post("/new")
async def new_brief(request: Request):
    try:
        entry = await brief_from_request(request)
    except RequestError as exc:
        return render(request, "new.html", status_code=exc.status, error=str(exc), recent=request.app.state.recent.recent())
    return RedirectResponse(f"/briefs/{entry.id}", status_code=303)


@router.get("/briefs/{key}", response_class=HTMLResponse)
@router.get("/stories/{key}", response_class=HTMLResponse)
def story_page(request: Request, key: str):
    story = story_view(request, key)
    api_base = "/api" + story.base
    return render(request, "story.html", story=story, api_base=api_base, export_formats=list(EXPORT_FORMATS))


@router.get("/briefs/{key}/compare", response_class=HTMLResponse)
@router.get("/stories/{key}/compare", response_class=HTMLResponse)
def compare_page(request: Request, key: str):
    return render(request, "compare.html", story=story_view(request, key))


def story_view(request: Request, key: str) -> StoryView:
    """A one-off brief (/briefs/ID) or a corpus story (/stories/ID), by the page's address."""
    kind = request.url.path.split("/")[1]
    entry = recent_entry(request, key) if kind == "briefs" else story_entry(request, key)
    return StoryView(entry.id, entry.data, f"/{kind}/{entry.id}")


def install_error_pages(app) -> None:
    """API paths get JSON errors; pages get a plain page saying what went wrong. Each is one line, never a traceback."""

    def error(request: Request, status: int, message: str, headers=None):
        if request.url.path.startswith(("/api/", "/static/")) or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        return render(request, "error.html", status_code=status, status=status, message=message)

    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    async def invalid_request(request: Request, exc: RequestValidationError):
        return error(request, 422, "; ".join(validation_message(problem) for problem in exc.errors()[:5]))

    async def internal_error(request: Request, exc: Exception):
        # Starlette answers this outside the middleware, so the security headers are set here.
        message = "internal error: the server could not answer this request (the details are in its log)"
        try:
            response = error(request, 500, message)
        except Exception:  # the error page itself failed: a plain line will do
            response = PlainTextResponse(message, status_code=500)
        return with_security_headers(response)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, internal_error)


def validation_message(problem: dict) -> str:
    """One of FastAPI's validation problems as "offset: Input should be less than or equal to 9223372036854775807"."""
    where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body", "header")]
    return f"{'.'.join(where) or 'request'}: {problem.get('msg', 'invalid')}"
