"""The HTTP API: /api/... (documented at /openapi.json).

Every endpoint hands over to the Python API: briefs are `Brief.to_dict()`
(schema `newsweave.brief/1`, docs/brief-schema.md), exports are
`newsweave.service.export_brief` (in `EXPORT_FORMATS`), stories come from the corpus store.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.formparsers import MultiPartException

from newsweave.service import EXPORT_FORMATS, export_brief
from newsweave.web.briefs import MAX_ROW_ID, Entry
from newsweave.web.intake import (
    RECORD_FIELDS,
    RequestError,
    Submission,
    Upload,
    add_to_corpus,
    brief_submission,
    check_limits,
)
from newsweave.web.security import FORM_TOKEN_FIELD, check_form_token

router = APIRouter(prefix="/api", tags=["api"])
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")



def corpus_of(request: Request):
    corpus = request.app.state.corpus
    if corpus is None:
        raise HTTPException(404, "this server has no corpus (start it with: newsweave serve --db FILE)")
    return corpus


def story_entry(request: Request, story_id: str) -> Entry:
    entry = corpus_of(request).story(story_id)
    if entry is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return entry


def recent_entry(request: Request, brief_id: str) -> Entry:
    entry = request.app.state.recent.get(brief_id)
    if entry is None:
        raise HTTPException(
            404,
            f"no brief {brief_id!r} (one-off briefs are kept in memory until the server stops or needs the room: "
            "post the reports again)",
        )
    return entry


@router.get("/stories", summary="List or search the corpus's stories")
def list_stories(
    request: Request,
    q: str | None = Query(None, description="full-text search"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_ROW_ID),
) -> dict[str, Any]:
    corpus = corpus_of(request)
    return {"stories": corpus.stories(q, limit, offset), "total": corpus.count_stories(q), "limit": limit, "offset": offset, "q": q}


@router.get("/search", summary="Full-text search over the corpus's articles")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    return {"results": corpus_of(request).search(q, limit), "q": q}


@router.get("/stories/{story_id}/brief", summary="The brief of one corpus story (schema newsweave.brief/1)")
def story_brief(request: Request, story_id: str) -> JSONResponse:
    return JSONResponse(story_entry(request, story_id).data)


@router.get("/stories/{story_id}/export", summary="Export a story's entity network or brief")
def story_export(request: Request, story_id: str, format: str = Query("graphml", description=", ".join(EXPORT_FORMATS))):
    return export_response(story_entry(request, story_id), format)


@router.get("/briefs/{brief_id}", summary="A one-off brief made on this server")
def one_off_brief(request: Request, brief_id: str) -> JSONResponse:
    return JSONResponse(recent_entry(request, brief_id).data)


@router.get("/briefs/{brief_id}/export", summary="Export a one-off brief's entity network or brief")
def one_off_export(request: Request, brief_id: str, format: str = Query("graphml", description=", ".join(EXPORT_FORMATS))):
    return export_response(recent_entry(request, brief_id), format)


@router.get("/documents/{document_id:path}", summary="One corpus document, with its text")
def document(request: Request, document_id: str) -> dict[str, Any]:
    # The id is only ever a lookup key in the store, never part of a path.
    found = corpus_of(request).document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id!r}")
    return found.to_dict(with_text=True)


@router.get("/briefs/{brief_id}/documents/{document_id:path}", summary="One document of a one-off brief")
def brief_document(request: Request, brief_id: str, document_id: str) -> dict[str, Any]:
    for item in recent_entry(request, brief_id).data["documents"]:
        if item["id"] == document_id:
            return item
    raise HTTPException(404, f"no document {document_id!r} in brief {brief_id!r}")


@router.get("/token", summary="The token a form post (multipart or urlencoded) must carry in its csrf_token field")
def token(request: Request) -> dict[str, str]:
    # Another site's page cannot read this answer (no CORS), so it cannot forge a form post.
    return {"field": FORM_TOKEN_FIELD, "token": request.app.state.form_token}


@router.post(
    "/brief",
    status_code=201,
    summary="Brief reports sent now: JSON texts, uploaded files, or URLs",
    description='JSON: {"texts": ["report text", {"id", "text", "title", "outlet", "published", "url"}], '
    '"urls": ["https://..."], "words": 120}. Or multipart form data: fields "text" (repeatable), '
    '"files" (repeatable file uploads), "url" (repeatable), "words", and "csrf_token" (from GET /api/token). '
    "URLs are fetched only on a server started with --allow-urls. Requests from another site's pages are refused. "
    "The response is the brief (schema newsweave.brief/1); its address is in "
    "the Location header.",
    responses={
        400: {"description": "no readable reports, bad input, too many reports"},
        403: {"description": "a request from another site, or a form without its token"},
        413: {"description": "request too large"},
    },
)
async def post_brief(request: Request) -> JSONResponse:
    try:
        entry = await brief_from_request(request)
    except RequestError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return JSONResponse(
        entry.data,
        status_code=201,
        headers={"Location": f"/api/briefs/{entry.id}", "X-Newsweave-Brief": entry.id, "X-Newsweave-Page": f"/briefs/{entry.id}"},
    )


@router.post("/ingest", summary="Add reports to the corpus (only on a server started with --allow-ingest)")
async def ingest(request: Request) -> dict[str, Any]:
    config = request.app.state.config
    corpus_of(request)
    if not config.allow_ingest:
        raise HTTPException(403, "this server is read-only (start it with --allow-ingest to add reports)")
    try:
        submission = await read_submission(request, config.max_reports)
        check_limits(submission, config.max_reports, config.allow_urls)
        with too_deep_is_a_bad_request():
            return await add_to_corpus(request.app, submission)  # on the fetching threads: uploaded feeds fetch
    except RequestError as exc:
        raise HTTPException(exc.status, str(exc)) from None


async def brief_from_request(request: Request) -> Entry:
    """Brief the reports a request carries and keep the brief among the recent ones."""
    config = request.app.state.config
    submission = await read_submission(request, config.max_reports)
    check_limits(submission, config.max_reports, config.allow_urls)
    with too_deep_is_a_bad_request():
        result = await brief_submission(request.app, submission)  # URLs fetched off the request threads
    return await run_in_threadpool(request.app.state.recent.add, result)  # its JSON is made once, off the event loop


@contextmanager
def too_deep_is_a_bad_request():
    """A report nested too deeply for the readers (a JSON file of 100,000 brackets) is the sender's fault, not a 500."""
    try:
        yield
    except RecursionError:
        raise RequestError(400, "a report is nested too deeply to read (a JSON file of arrays in arrays?)") from None


async def read_submission(request: Request, max_reports: int) -> Submission:
    """Texts, files and URLs from a JSON body or a form; the form parser enforces the counts.

    A form must carry the server's form token: a form is what another site's
    page can make a browser send. JSON cannot be sent from another site
    without the server's consent (a CORS preflight this server never grants).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return json_submission(await request.body())
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        try:
            form = await request.form(max_files=max_reports, max_fields=max_reports * 3 + 10)
        except MultiPartException as exc:
            raise RequestError(400, f"bad form data: {exc.message}") from None
        if not check_form_token(form.get(FORM_TOKEN_FIELD), request.app.state.form_token):
            raise RequestError(
                403,
                "the form's token is missing or out of date: reload the page and send it again "
                f"(scripts: send JSON, or the {FORM_TOKEN_FIELD} field from GET /api/token)",
            )
        submission = Submission(
            texts=[t for t in form.getlist("text") if isinstance(t, str) and t.strip()],
            urls=[u.strip() for v in form.getlist("url") if isinstance(v, str) for u in v.splitlines() if u.strip()],
        )
        for upload in form.getlist("files"):
            if not isinstance(upload, str) and upload.filename:
                submission.files.append(Upload(upload.filename, await upload.read()))
        words = form.get("words")
        if isinstance(words, str) and words.strip():
            words = words.strip()
            if not (words.isascii() and words.isdigit() and len(words) <= 6):
                raise RequestError(400, "words must be a whole number from 10 to 2000")
            submission.words = int(words)
        return submission
    raise RequestError(400, "send JSON (application/json) or a form (multipart/form-data)")


def json_submission(raw: bytes) -> Submission:
    """A JSON body's texts, URLs and words, each checked for its shape before anything reads it."""
    try:
        body = json.loads(raw)
    except RecursionError:
        raise RequestError(400, "the JSON body is nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, f"the body is not valid JSON ({exc})") from None
    if not isinstance(body, dict):
        raise RequestError(400, 'send a JSON object: {"texts": [...], "urls": [...]}')
    texts, urls, words = body.get("texts", []), body.get("urls", []), body.get("words")
    if not isinstance(texts, list) or not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise RequestError(400, "'texts' and 'urls' must be lists")
    for number, text in enumerate(texts, start=1):
        if isinstance(text, dict):
            for name in RECORD_FIELDS:
                if text.get(name) is not None and not isinstance(text[name], str):
                    raise RequestError(400, f"text {number}: {name!r} must be a string, not {type(text[name]).__name__}")
        elif not isinstance(text, str):
            raise RequestError(400, f"text {number}: expected a string or an object with a 'text' field")
    if words is not None and (isinstance(words, bool) or not isinstance(words, int)):
        raise RequestError(400, "words must be a whole number from 10 to 2000")
    return Submission(texts=texts, urls=urls, words=words)


def export_response(entry: Entry, format: str) -> Response:
    if format not in EXPORT_FORMATS:
        raise HTTPException(400, f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    output = export_brief(entry.data, format)
    media_type, extension = EXPORT_FORMATS[format]
    return Response(
        output if isinstance(output, (bytes, str)) else json.dumps(output, ensure_ascii=False),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="newsweave-{_SAFE_ID.sub("-", entry.id)}.{extension}"'},
    )
