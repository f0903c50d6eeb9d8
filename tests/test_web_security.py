"""`newsweave serve` against hostile requests: other sites, rebound DNS names, odd numbers, deep JSON, many stories.

Each test sends the attack as a browser or a script would and checks the
server refuses it, with a clear one-line reason and its security headers.
Real parts: a real SQLite corpus, the real spaCy model, the real `newsweave
serve` command on 127.0.0.2.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi")
from corpus_fixtures import article_page
from fastapi.testclient import TestClient

from newsweave.web.app import ServerConfig, create_app

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
REPORT = "The harbour crane at Pelling Quay toppled on Tuesday, port officials said, and no one was hurt."

# Three invented stories, one report each, for the brief cache.
STORIES = [
    {
        "title": "Orchard frost ruins plum harvest in Tellerby valley",
        "text": "A late frost destroyed most of the plum blossom in the Tellerby valley on Sunday night, growers said. "
        "The cooperative expects its smallest harvest in twenty years. Growers will meet the regional council on Friday.",
    },
    {
        "title": "Clock tower bells silenced after cracked beam found at Wrenmoor",
        "text": "The bells of the Wrenmoor clock tower will stay silent after inspectors found a cracked oak beam, the town "
        "council said on Thursday. Repairs to the beam are expected to take three months.",
    },
    {
        "title": "Marathon route through Dunsley moved after sinkhole opens",
        "text": "Organisers moved the Dunsley marathon route after a sinkhole opened on Canal Road on Wednesday. The new "
        "route adds a loop through Ashgrove Park, race director Imelda Corran said.",
    },
]


def token_on(page: str) -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)


def articles_in(db) -> int:
    from newsweave.corpus import open_store

    with open_store(db, readonly=True) as store:
        return store.count_articles()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """A real corpus: the two ferry saved pages and three invented one-report stories."""
    from newsweave.corpus import ingest

    folder = tmp_path_factory.mktemp("pages")
    for name in ("ferry-wire", "ferry-courier"):
        (folder / f"{name}.html").write_text(article_page(name), encoding="utf-8")
    records = [dict(story, url=f"https://news.example/story-{n}", outlet="Invented Post", published="2026-03-0{n}")
               for n, story in enumerate(STORIES, start=1)]
    (folder / "stories.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "news.db"
    assert ingest([folder], db=db).added == 5
    return db


@pytest.fixture
def ingest_db(tmp_path):
    """A corpus of its own for each test that may write to it."""
    from newsweave.corpus import ingest

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry-wire.html").write_text(article_page("ferry-wire"), encoding="utf-8")
    db = tmp_path / "news.db"
    ingest([folder], db=db)
    return db


@pytest.fixture
def writable(ingest_db):
    return TestClient(create_app(ServerConfig(db=ingest_db, allow_ingest=True)))


@pytest.fixture(scope="module")
def reader(corpus_db):
    return TestClient(create_app(ServerConfig(db=corpus_db)), raise_server_exceptions=False)


# --- 1. cross-site writes ------------------------------------------------------------


def test_a_form_post_from_another_site_is_refused(writable, ingest_db):
    evil = {"Origin": "http://evil.example"}
    response = writable.post("/api/ingest", data={"text": REPORT}, headers=evil)
    assert response.status_code == 403
    assert response.json()["detail"] == "cross-site request refused: Origin 'http://evil.example' is not this server"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    token = token_on(writable.get("/new").text)  # even a form that somehow has the token
    for path in ("/new", "/api/brief"):
        assert writable.post(path, data={"text": REPORT, "csrf_token": token}, headers=evil).status_code == 403
    # JSON too: every state-changing request from another origin, whatever it carries
    assert writable.post("/api/brief", json={"texts": [REPORT]}, headers=evil).status_code == 403
    assert writable.post("/api/ingest", json={"texts": [REPORT]}, headers={"Origin": "null"}).status_code == 403
    # another port of this very host is another origin
    assert writable.post("/api/ingest", json={"texts": [REPORT]}, headers={"Origin": "http://testserver:8080"}).status_code == 403
    for method in ("put", "patch", "delete"):
        assert writable.request(method.upper(), "/api/ingest", headers=evil).status_code == 403
    assert articles_in(ingest_db) == 1


def test_a_no_cors_fetch_from_another_site_is_refused(writable, ingest_db):
    # fetch(url, {method: "POST", mode: "no-cors", body: "..."}): text/plain, Sec-Fetch-Site but perhaps no Origin
    for site in ("cross-site", "same-site"):
        response = writable.post(
            "/api/ingest",
            content=json.dumps({"texts": [REPORT]}).encode(),
            headers={"Content-Type": "text/plain;charset=UTF-8", "Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors"},
        )
        assert response.status_code == 403, response.text
        assert "another site" in response.json()["detail"]
    assert articles_in(ingest_db) == 1


def test_a_form_without_the_token_is_refused(writable, ingest_db):
    # an old browser sends neither Origin nor Sec-Fetch-Site: the token is what it cannot forge
    response = writable.post("/api/ingest", data={"text": REPORT})
    assert response.status_code == 403 and "token is missing or out of date" in response.json()["detail"]
    other = TestClient(create_app(ServerConfig()))  # another server's token (another secret)
    response = writable.post("/api/ingest", data={"text": REPORT, "csrf_token": token_on(other.get("/new").text)})
    assert response.status_code == 403
    page = writable.post("/new", data={"text": REPORT})
    assert page.status_code == 403 and 'class="error"' in page.text and "reload the page" in page.text
    assert token_on(page.text) == token_on(writable.get("/new").text)  # the page sent back carries a good one
    assert articles_in(ingest_db) == 1


def test_the_apps_own_forms_work_with_their_token(writable, ingest_db):
    token = token_on(writable.get("/new").text)
    assert writable.get("/api/token").json() == {"field": "csrf_token", "token": token}
    response = writable.post("/api/ingest", data={"text": REPORT, "csrf_token": token}, headers=SAME_ORIGIN)
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and articles_in(ingest_db) == 2
    response = writable.post("/new", data={"text": [REPORT], "csrf_token": token}, headers=SAME_ORIGIN, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/briefs/")
    # a browser hiding our page's origin (a no-referrer setting) still says the request is same-origin
    hidden = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    response = writable.post("/new", data={"text": [REPORT], "csrf_token": token}, headers=hidden, follow_redirects=False)
    assert response.status_code == 303
    # a request the user typed (Sec-Fetch-Site: none) is not cross-site
    response = writable.post("/new", data={"text": [REPORT], "csrf_token": token}, headers={"Sec-Fetch-Site": "none"}, follow_redirects=False)
    assert response.status_code == 303


def test_a_script_sending_json_needs_no_token(writable, ingest_db):
    # curl: no Origin, no cookies, no Sec-Fetch-*
    response = writable.post("/api/ingest", json={"texts": [{"id": "crane", "text": REPORT, "title": "Crane topples"}]})
    assert response.status_code == 200, response.text
    assert articles_in(ingest_db) == 2


# --- 2. the Host check on every bind ---------------------------------------------------


def test_host_check_allows_only_the_bound_names_and_port():
    from newsweave.web.security import bound_hosts

    app = create_app(ServerConfig(allowed_hosts=bound_hosts("127.0.0.1", 8000)))
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST:8000"):
        assert client.get("/new", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example", "evil.example:8000", "127.0.0.1:8001", "localhost", "127.0.0.1.evil.example:8000", "", "[::1"):
        response = client.get("/new", headers={"Host": host})
        assert response.status_code == 400, host
        assert "bad Host header" in response.json()["detail"] and "content-security-policy" in response.headers
    assert bound_hosts("127.0.0.2", 9000) == ("127.0.0.2:9000",)
    assert bound_hosts("::1", 9000) == ("[::1]:9000", "127.0.0.1:9000", "localhost:9000")
    assert bound_hosts("0.0.0.0", 9000, ("news.lan",)) == ("127.0.0.1:9000", "localhost:9000", "[::1]:9000", "news.lan")


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def test_serve_on_another_address_still_refuses_other_host_names():
    """The real `newsweave serve --host 127.0.0.2`: a rebound DNS name is refused there too."""
    import httpx

    port = free_port("127.0.0.2")
    base = f"http://127.0.0.2:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--host", "127.0.0.2", "--port", str(port), "--allow-host", "news.lan"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(base + "/new", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "newsweave serve did not start"
                time.sleep(0.1)
        assert response.status_code == 200 and "Brief a story" in response.text
        for host in ("evil.example", f"evil.example:{port}", f"localhost:{port}"):
            refused = httpx.get(base + "/new", headers={"Host": host}, timeout=5)
            assert refused.status_code == 400, host
        for host in (f"127.0.0.2:{port}", f"news.lan:{port}"):  # the bound address, and the name asked for
            assert httpx.get(base + "/new", headers={"Host": host}, timeout=5).status_code == 200, host
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


# --- 3. numbers in addresses, and errors with their headers ----------------------------


def test_odd_numbers_in_addresses_are_404_or_422_with_a_reason(reader):
    huge = "9" * 23
    cases = [
        (f"/api/documents/{huge}", 404, f"no document '{huge}'"),
        ("/api/documents/%C2%B2", 404, "no document '²'"),
        (f"/api/stories/{huge}/brief", 404, f"no story '{huge}'"),
        ("/api/stories/%C2%B2/brief", 404, "no story '²'"),
        (f"/api/stories/{huge}/export?format=json", 404, "no story"),
        (f"/api/stories?offset={huge}", 422, "offset: Input should be less than or equal to 9223372036854775807"),
        (f"/api/stories?limit={huge}", 422, "limit: Input should be less than or equal to 200"),
        ("/api/stories?offset=-1", 422, "offset: Input should be greater than or equal to 0"),
        ("/api/stories?limit=abc", 422, "limit: Input should be a valid integer"),
        (f"/api/search?q=ferry&limit={huge}", 422, "limit:"),
    ]
    for path, status, message in cases:
        response = reader.get(path)
        assert response.status_code == status, (path, response.text)
        assert message in response.json()["detail"], (path, response.json())
    for path in ("/stories/%C2%B2", f"/stories/{huge}", f"/stories/{huge}/compare"):
        response = reader.get(path)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"], path
    # pages past either end show the first or the last page
    for page in (huge, "-" + huge, "0"):
        response = reader.get("/", params={"page": page})
        assert response.status_code == 200 and response.text.count('<a href="/stories/') == 4
    response = reader.get("/", params={"page": "9" * 5000})
    assert response.status_code == 422 and "page:" in response.text and "text/html" in response.headers["content-type"]


def test_an_internal_error_is_a_500_with_the_security_headers(corpus_db, monkeypatch):
    client = TestClient(create_app(ServerConfig(db=corpus_db)), raise_server_exceptions=False)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(client.app.state.corpus.store, "count_stories", broken)
    api = client.get("/api/stories")
    page = client.get("/")
    for response in (api, page):
        assert response.status_code == 500
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "on fire" not in response.text and "Traceback" not in response.text
    assert api.json()["detail"].startswith("internal error")
    assert "text/html" in page.headers["content-type"] and "internal error" in page.text


# --- 4. the brief caches stay bounded ----------------------------------------------------


def test_story_brief_cache_is_lru_bounded_by_count_and_rebriefs(corpus_db, monkeypatch):
    from newsweave.web import briefs

    briefed = []
    real = briefs.brief_story
    monkeypatch.setattr(briefs, "brief_story", lambda store, story_id, settings: briefed.append(story_id) or real(store, story_id, settings))
    client = TestClient(create_app(ServerConfig(db=corpus_db, cached_stories=2)))
    ids = [s["id"] for s in client.get("/api/stories").json()["stories"]]
    assert len(ids) == 4
    a, b, c = ids[:3]
    cache = client.app.state.corpus.briefs
    for story in (a, b, a, c):  # a is used again before c comes in: b is the least recently used
        assert client.get(f"/api/stories/{story}/brief").status_code == 200
        assert len(cache) <= 2
    assert briefed == [a, b, c]
    assert a in cache and c in cache and b not in cache
    response = client.get(f"/stories/{b}")  # dropped: briefed again, the same brief
    assert response.status_code == 200 and briefed == [a, b, c, b]
    assert len(cache) == 2 and a not in cache


def test_story_brief_cache_is_bounded_by_bytes(corpus_db):
    client = TestClient(create_app(ServerConfig(db=corpus_db, cached_stories=100, cached_stories_bytes=1)))
    cache = client.app.state.corpus.briefs
    for story in client.get("/api/stories").json()["stories"]:
        assert client.get(f"/api/stories/{story['id']}/brief").status_code == 200
        assert len(cache) == 1  # the one just asked for stays, even alone over the bound
    roomy = TestClient(create_app(ServerConfig(db=corpus_db, cached_stories=100)))
    sizes = []
    for story in roomy.get("/api/stories").json()["stories"]:
        roomy.get(f"/api/stories/{story['id']}/brief")
        sizes.append(roomy.app.state.corpus.briefs.newest_first()[0].size)
    assert roomy.app.state.corpus.briefs.bytes == sum(sizes)
    # room for the two biggest briefs only: after all four, the cache holds at most that
    bound = sum(sorted(sizes)[-2:])
    tight = TestClient(create_app(ServerConfig(db=corpus_db, cached_stories=100, cached_stories_bytes=bound)))
    for story in tight.get("/api/stories").json()["stories"]:
        tight.get(f"/api/stories/{story['id']}/brief")
        assert tight.app.state.corpus.briefs.bytes <= bound
    assert 1 <= len(tight.app.state.corpus.briefs) < 4


def test_one_off_briefs_are_bounded_too():
    client = TestClient(create_app(ServerConfig(keep_briefs=2)))
    addresses = []
    for story in STORIES:
        response = client.post("/api/brief", json={"texts": [story["text"]]})
        assert response.status_code == 201
        addresses.append(response.headers["location"])
    assert [client.get(a).status_code for a in addresses] == [404, 200, 200]
    assert "post the reports again" in client.get(addresses[0]).json()["detail"]


# --- 5. deep JSON -----------------------------------------------------------------------------


def test_deeply_nested_json_is_a_400_not_a_500(writable):
    deep = "[" * 100_000 + "]" * 100_000
    for path, body in [
        ("/api/brief", deep),
        ("/api/ingest", deep),
        ("/api/brief", '{"texts": ' + deep + "}"),
        ("/api/brief", '{"texts": [{"id": ' + deep + ', "text": "x"}]}'),
        ("/api/ingest", '{"texts": ["x"], "words": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_000 + "}"),
    ]:
        response = writable.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
        assert response.status_code == 400, (path, response.text[:200])
        assert "nested too deeply" in response.json()["detail"]
    # shallow enough to parse, but not the shape of a report
    shallow = '{"texts": [{"id": ' + "[" * 500 + "]" * 500 + ', "text": "x"}]}'
    response = writable.post("/api/brief", content=shallow.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"] == "text 1: 'id' must be a string, not list"


def test_a_deeply_nested_json_upload_is_not_a_500(writable):
    token = writable.get("/api/token").json()["token"]
    files = [
        ("files", ("deep.json", b"[" * 100_000 + b"]" * 100_000, "application/json")),
        ("files", ("crane.txt", REPORT.encode(), "text/plain")),
    ]
    response = writable.post("/api/brief", data={"csrf_token": token}, files=files)
    if response.status_code == 201:  # the readers name the file as a problem and brief the rest
        assert [p["source"] for p in response.json()["problems"]] == ["deep.json"]
    else:
        assert response.status_code == 400 and "nested too deeply" in response.json()["detail"], response.text[:200]
