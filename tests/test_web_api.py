"""The HTTP API and pages of `newsweave serve`, through FastAPI's test client.

Briefs are real (the real spaCy model); the corpus is a real SQLite file
ingested from invented saved pages. One app and one posted brief per module.
"""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from corpus_fixtures import Site, article_page  # noqa: E402
from newsweave.web.app import ServerConfig, create_app  # noqa: E402
from test_html_page import HOSTILE, HOSTILE_TWIN  # noqa: E402



def token(client) -> dict[str, str]:
    """The form field the app's own forms carry (a form without it is refused: see test_web_security.py)."""
    return {"csrf_token": client.get("/api/token").json()["token"]}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(ServerConfig(max_request_bytes=200_000, max_reports=5)))


@pytest.fixture(scope="module")
def posted(client, reports):
    """The three invented ferry reports, posted as JSON once."""
    response = client.post("/api/brief", json={"texts": [{"id": k, "text": v} for k, v in reports.items()]})
    assert response.status_code == 201, response.text
    return response


@pytest.fixture(scope="module")
def corpus_client(tmp_path_factory):
    """A server on a real corpus: five saved pages, two stories (ferry: 3, library: 2)."""
    from newsweave.corpus import ingest

    folder = tmp_path_factory.mktemp("pages")
    for name in ("ferry-wire", "ferry-courier", "ferry-gazette", "library-post", "library-voice"):
        (folder / f"{name}.html").write_text(article_page(name), encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "news.db"
    report = ingest([folder], db=db)
    assert report.added == 5
    return TestClient(create_app(ServerConfig(db=db)))


# --- one-off briefs -----------------------------------------------------------


def test_post_json_texts_gives_the_brief_and_its_address(client, posted, reports):
    data = posted.json()
    assert data["schema"] == "newsweave.brief/1"
    assert [d["id"] for d in data["documents"]] == list(reports)
    for item in data["summary"]:
        quoted = item["evidence"][0]
        assert reports[quoted["document"]][quoted["start"] : quoted["end"]] == item["text"]
    brief_id = posted.headers["x-newsweave-brief"]
    assert posted.headers["location"] == f"/api/briefs/{brief_id}"
    again = client.get(posted.headers["location"])
    assert again.status_code == 200 and again.json() == data
    page = client.get(posted.headers["x-newsweave-page"])
    assert page.status_code == 200 and "Gull Maiden" in page.text


def test_the_same_reports_get_the_same_id(client, posted, reports):
    response = client.post("/api/brief", json={"texts": [{"id": k, "text": v} for k, v in reports.items()]})
    assert response.headers["x-newsweave-brief"] == posted.headers["x-newsweave-brief"]


def test_upload_files_reads_them_like_the_command_line(client, reports):
    files = [("files", (f"{name}.txt", text.encode("utf-8"), "text/plain")) for name, text in reports.items()]
    files.append(("files", ("../../etc/notes.pdf", b"%PDF-1.4 junk", "application/pdf")))
    response = client.post("/api/brief", files=files, data=token(client))
    assert response.status_code == 201, response.text
    data = response.json()
    assert [d["id"] for d in data["documents"]] == list(reports)
    assert [d["path"] for d in data["documents"]] == [f"{name}.txt" for name in reports]
    # the bad upload is a problem named by its upload name, and never a path on the server
    assert [p["source"] for p in data["problems"]] == ["../../etc/notes.pdf"]
    assert "unsupported" in data["problems"][0]["reason"]


def test_uploads_are_read_in_memory_and_their_problems_name_them(client, reports, tmp_path, monkeypatch):
    import tempfile

    def no_temporary_files(*args, **kwargs):
        raise AssertionError("a web brief wrote a temporary file")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_temporary_files)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and nothing lands where temporary files would
    lines = "\n".join([json.dumps({"id": "wire", "text": reports["wire"]}), "{not json", json.dumps({"title": "no text"})])
    files = [
        ("files", ("../desk lines.jsonl", lines.encode("utf-8"), "application/x-ndjson")),
        ("files", ("courier.md", f"# Ferry aground\n\n{reports['courier']}".encode(), "text/markdown")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    response = client.post("/api/brief", files=files, data=token(client))
    assert response.status_code == 201, response.text
    data = response.json()
    assert [(d["id"], d["path"], d["title"]) for d in data["documents"]] == [
        ("wire", "../desk lines.jsonl", None), ("courier", "courier.md", "Ferry aground")
    ]
    assert [p["source"] for p in data["problems"]] == [
        "../desk lines.jsonl line 2", "../desk lines.jsonl line 3", "empty.txt"
    ]
    assert list(tmp_path.iterdir()) == []
    # Nothing readable: the 400 names each upload as it was sent.
    response = client.post("/api/brief", files=[("files", ("../notes.pdf", b"%PDF-1.4", "application/pdf"))], data=token(client))
    assert response.status_code == 400 and "../notes.pdf: unsupported file type '.pdf'" in response.json()["detail"]


def test_pasted_text_is_never_read_as_a_path(client):
    response = client.post("/api/brief", json={"texts": ["/etc/passwd", "../../../etc/hostname"]})
    assert response.status_code == 201
    assert [d["text"] for d in response.json()["documents"]] == ["/etc/passwd", "../../../etc/hostname"]
    # a brief with next to nothing in it still has a page, each empty layer saying so
    page = client.get(response.headers["x-newsweave-page"])
    assert page.status_code == 200
    assert "No disagreements found." in page.text and "No fact stated by two or more reports found." in page.text


def test_bad_requests_get_a_clear_400(client):
    cases = [
        ({"json": {"texts": []}}, "no reports"),
        ({"json": {"texts": ["   ", ""]}}, "no readable reports"),
        ({"json": {"texts": "one"}}, "must be lists"),
        ({"json": {"texts": [1]}}, "expected a string"),
        ({"json": {"texts": ["a b c d e f."] * 6}}, "too many reports: 6, the limit is 5"),
        ({"json": {"urls": ["http://127.0.0.1:9/x"]}}, "--allow-urls"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "not valid JSON"),
        ({"content": b"texts", "headers": {"content-type": "text/plain"}}, "send JSON"),
    ]
    for kwargs, message in cases:
        response = client.post("/api/brief", **kwargs)
        assert response.status_code == 400, (kwargs, response.text)
        assert message in response.json()["detail"], (message, response.json())


def test_too_many_files_is_400_and_too_large_is_413(client):
    files = [("files", (f"r{n}.txt", b"Some words in a report here.", "text/plain")) for n in range(7)]
    response = client.post("/api/brief", files=files)
    assert response.status_code == 400 and "Too many files" in response.json()["detail"]
    big = {"texts": ["word " * 50_000]}
    response = client.post("/api/brief", json=big)
    assert response.status_code == 413
    assert "request too large" in response.json()["detail"]


def test_body_without_length_is_counted_as_it_streams(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    response = client.post("/api/brief", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_unknown_brief_and_document_ids_are_404(client, posted):
    brief_id = posted.headers["x-newsweave-brief"]
    assert client.get("/api/briefs/nope").status_code == 404
    assert client.get(f"/api/briefs/{brief_id}/documents/wire").json()["id"] == "wire"
    for path in ["../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd"]:
        response = client.get(f"/api/briefs/{brief_id}/documents/{path}")
        assert response.status_code == 404
        assert "root:" not in response.text


def test_exports(client, posted):
    brief_id = posted.headers["x-newsweave-brief"]
    graphml = client.get(f"/api/briefs/{brief_id}/export?format=graphml")
    assert graphml.status_code == 200 and "<graphml" in graphml.text
    assert "attachment" in graphml.headers["content-disposition"]
    csv = client.get(f"/api/briefs/{brief_id}/export?format=csv")
    assert csv.status_code == 200 and csv.content[:2] == b"PK"
    assert client.get(f"/api/briefs/{brief_id}/export?format=pdf").status_code == 400


def test_the_api_exports_every_format_of_the_one_list(client, posted):
    # newsweave.export is part of newsweave (no 501 fallback): the API serves exactly its formats.
    from newsweave.export import EXPORT_FORMATS
    from newsweave.web import api

    assert api.EXPORT_FORMATS is EXPORT_FORMATS
    brief_id = posted.headers["x-newsweave-brief"]
    for format, (media_type, extension) in EXPORT_FORMATS.items():
        response = client.get(f"/api/briefs/{brief_id}/export?format={format}")
        assert response.status_code == 200, (format, response.text)
        assert response.headers["content-type"].startswith(media_type)
        assert response.headers["content-disposition"].endswith(f'.{extension}"')


def test_urls_are_fetched_only_with_allow_urls(reports):
    with Site() as site:
        urls = [site.add(f"/articles/{name}", article_page(name, site.url)) for name in ("ferry-wire", "ferry-courier")]
        client = TestClient(create_app(ServerConfig(allow_urls=True, allow_private_addresses=True)))
        response = client.post("/api/brief", json={"urls": urls + [f"{site.url}/missing"]})
        assert response.status_code == 201, response.text
        data = response.json()
        assert [d["url"] for d in data["documents"]] == urls
        assert data["problems"] == [{"source": f"{site.url}/missing", "reason": "HTTP 404 Not Found"}]
        assert data["summary"]
        form = client.post("/new", data={"url": "\n".join(urls), **token(client)}, follow_redirects=False)
        assert form.status_code == 303
        assert client.post("/api/brief", json={"urls": ["file:///etc/passwd"]}).status_code == 400


def test_no_corpus_endpoints_say_how_to_get_one(client):
    response = client.get("/api/stories")
    assert response.status_code == 404 and "--db" in response.json()["detail"]
    assert client.post("/api/ingest", json={"texts": ["x"]}).status_code == 404


# --- pages and security ---------------------------------------------------------


def test_every_response_has_the_security_headers(client, posted):
    for path in ["/", "/new", posted.headers["x-newsweave-page"], "/api/briefs/nope", "/static/newsweave.css", "/nowhere"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_story_page_has_no_inline_script_and_loads_nothing_from_elsewhere(client, posted):
    html = client.get(posted.headers["x-newsweave-page"]).text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        assert ('src="/static/' in attributes and not body.strip()) or 'type="application/json"' in attributes
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html)
    assert not re.search(r"<[^>]+\son\w+=", html)
    assert 'style="' not in html


def test_report_text_and_metadata_are_escaped(client):
    response = client.post(
        "/api/brief",
        json={"texts": [
            {"id": "tower</script><script>alert(1)</script>", "text": HOSTILE, "title": "<b>Tower</b>", "url": "javascript:alert(3)"},
            {"id": "twin", "text": HOSTILE_TWIN, "outlet": "<i>Courier</i>", "url": "https://courier.example/tower"},
        ]},
    )
    html = client.get(response.headers["x-newsweave-page"]).text
    for raw in ["<img src=x", "<script>alert", "<b>Tower</b>", "<i>Courier</i>", "</script><script>"]:
        assert raw not in html
    assert "&lt;b&gt;Tower&lt;/b&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://courier.example/tower"' in html
    # the JSON block for the script holds the text intact, with every < escaped
    block = re.search(r'<script type="application/json" id="brief-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["documents"][0]["text"] == HOSTILE


def test_openapi_document_and_no_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ["/api/stories", "/api/stories/{story_id}/brief", "/api/brief", "/api/documents/{document_id}", "/api/stories/{story_id}/export"]:
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_new_brief_form_posts_and_redirects_to_the_story_page(client, reports):
    response = client.post("/new", data={"text": list(reports.values()), **token(client)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/briefs/")
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and 'id="summary"' in page.text
    bad = client.post("/new", data={"text": ["", "  "], **token(client)})
    assert bad.status_code == 400 and "no reports" in bad.text and 'class="error"' in bad.text


def test_story_page_shows_every_layer_or_none_found(client, posted):
    html = client.get(posted.headers["x-newsweave-page"]).text
    for section in ["summary", "facts", "discrepancies", "network", "timeline", "reports"]:
        assert f'id="{section}"' in html
    data = posted.json()
    assert html.count('class="cite"') >= sum(len(set(s["documents"])) for s in data["summary"])
    compare = client.get(posted.headers["x-newsweave-page"] + "/compare")
    assert compare.status_code == 200 and compare.text.count("<tr") == 1 + len(data["facts"]) + len(data["single_source"])


def test_story_page_quotes_a_sentence_once(client):
    """The seeds' page listed "British police are urgently investigating…" [1, 2] in three rows, one per claim;
    and a sentence whose claims other sets of reports state once per set ("…which killed 130 people…")."""
    from conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    texts = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in sorted(SEEDS.glob("*.txt"))]
    response = client.post("/api/brief", json={"texts": texts})
    assert response.status_code == 201, response.text
    facts = response.json()["facts"]
    assert len({f["text"] for f in facts}) < len({(f["text"], tuple(f["documents"])) for f in facts})  # such sentences
    html = client.get(response.headers["x-newsweave-page"]).text
    table = html.split('<section id="facts">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-fact="([\d ]+)"', table)
    import newsweave

    markdown = newsweave.brief(texts).to_markdown()  # the same lines as the brief's (render.labels.fact_lines)
    section = markdown.split("## Corroborated: stated by two or more reports", 1)[1].split("\n## ", 1)[0]
    assert len(rows) == len([line for line in section.splitlines() if line.startswith("- **")])
    massacre = next(row for row in table.split("<tr ")[1:] if "which killed 130 people" in row)
    cell = massacre.split('class="fact-text">', 1)[1].split("</td>", 1)[0]
    assert re.search(r"injured 352[^<]*</em> <span class=\"cites\">(?:<button[^>]*>\d</button>){2}</span>", cell), cell
    assert sorted(int(i) for row in rows for i in row.split()) == sorted(f["id"] for f in facts)  # every fact in a row


def test_unknown_pages_are_a_plain_404_page(client):
    response = client.get("/briefs/nope")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "one-off briefs are kept in memory until the server stops or needs the room" in response.text


# --- corpus ---------------------------------------------------------------------


def test_stories_list_search_and_paging(corpus_client):
    data = corpus_client.get("/api/stories").json()
    assert data["total"] == 2 and [s["articles"] for s in data["stories"]] == [3, 2]
    found = corpus_client.get("/api/stories", params={"q": "library fire"}).json()
    assert found["total"] == 1 and found["stories"][0]["articles"] == 2
    page = corpus_client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["articles"] for s in page["stories"]] == [2]
    assert corpus_client.get("/api/stories", params={"limit": 0}).status_code == 422
    html = corpus_client.get("/", params={"q": "ferry"}).text
    assert "1 story" in html and "/stories/" in html


def test_story_brief_document_and_page(corpus_client):
    story = corpus_client.get("/api/stories").json()["stories"][0]
    brief = corpus_client.get(f"/api/stories/{story['id']}/brief").json()
    assert len(brief["documents"]) == 3 and brief["summary"]
    document_id = brief["documents"][0]["id"]
    document = corpus_client.get(f"/api/documents/{document_id}").json()
    assert document["text"] == brief["documents"][0]["text"]
    assert corpus_client.get("/api/documents/999999").status_code == 404
    assert corpus_client.get("/api/documents/../../etc/passwd").status_code == 404
    assert corpus_client.get("/api/stories/999/brief").status_code == 404
    assert corpus_client.get("/api/stories/abc/brief").status_code == 404
    page = corpus_client.get(f"/stories/{story['id']}")
    assert page.status_code == 200 and "Gull Maiden" in page.text
    assert corpus_client.get(f"/stories/{story['id']}/compare").status_code == 200
    export = corpus_client.get(f"/api/stories/{story['id']}/export", params={"format": "gexf"})
    assert export.status_code == 200 and "<gexf" in export.text


def test_search_endpoint(corpus_client):
    results = corpus_client.get("/api/search", params={"q": "hypothermia"}).json()["results"]
    assert len(results) == 3


def test_corpus_is_read_only_unless_ingest_is_allowed(corpus_client, tmp_path):
    response = corpus_client.post("/api/ingest", json={"texts": ["A new report about the ferry."]})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["detail"]


def test_ingest_endpoint_adds_reports_when_allowed(tmp_path):
    from newsweave.corpus import ingest, open_store

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry-wire.html").write_text(article_page("ferry-wire"), encoding="utf-8")
    db = tmp_path / "news.db"
    ingest([folder], db=db)
    client = TestClient(create_app(ServerConfig(db=db, allow_ingest=True)))
    files = [("files", ("ferry-courier.html", article_page("ferry-courier").encode(), "text/html"))]
    response = client.post("/api/ingest", files=files, data=token(client))
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1
    assert [s["source"] for s in response.json()["sources"]] == ["ferry-courier.html"]
    text = "The ferry Gull Maiden was refloated at high tide on Monday and towed into Port Aldwin, its operator said."
    response = client.post("/api/ingest", json={"texts": [{"id": "refloat", "text": text, "title": "Ferry refloated"}]})
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and response.json()["sources"][0]["source"] == "pasted texts"
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 3
    assert client.get("/api/search", params={"q": "refloated towed"}).json()["results"][0]["title"] == "Ferry refloated"


def test_ingest_reads_uploads_and_pasted_texts_in_memory(tmp_path, monkeypatch):
    import tempfile

    from newsweave.corpus import open_store

    db = tmp_path / "news.db"
    open_store(db).close()
    client = TestClient(create_app(ServerConfig(db=db, allow_ingest=True)))
    form = token(client)

    def no_temporary_files(*args, **kwargs):
        raise AssertionError("an ingest wrote a temporary file")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_temporary_files)
    lines = json.dumps({"text": "The ferry Gull Maiden was refloated at high tide on Monday, its operator said."}) + "\n{broken\n"
    files = [
        ("files", ("ferry-courier.html", article_page("ferry-courier").encode(), "text/html")),
        ("files", ("../export lines.jsonl", lines.encode(), "application/x-ndjson")),
        ("files", ("scan.pdf", b"%PDF-1.4", "application/pdf")),
    ]
    pasted = "A tug stood by the ferry all of Sunday night, the harbour master said."
    response = client.post("/api/ingest", files=files, data={**form, "text": pasted})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 3
    assert [s["source"] for s in report["sources"]] == ["pasted texts", "ferry-courier.html", "../export lines.jsonl", "scan.pdf"]
    errors = [(e["source"], e["reason"]) for s in report["sources"] for e in s["errors"]]
    assert errors[0][0] == "../export lines.jsonl line 2" and "invalid JSON" in errors[0][1]
    assert errors[1] == ("scan.pdf", "unsupported file type '.pdf'")
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 3
