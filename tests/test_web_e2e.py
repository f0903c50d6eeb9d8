"""`newsweave serve` in a real browser: the story page as an editor uses it.

One real uvicorn server per module on a free local port, driven with Playwright
in Debian's Chromium. The story is briefed from the bundled example through
the real New brief form (its file upload, and the form's token).
NEWSWEAVE_UPDATE_SCREENSHOT=1 rewrites docs/story-page.png (shown in the README).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from contextlib import contextmanager

import pytest

# one browser set-up (Debian chromium and its flags) for all browser tests
from test_html_page import EXAMPLE, HOSTILE, HOSTILE_TWIN, ROOT, browser  # noqa: F401


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(config):
    """The real app under uvicorn in a thread; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    from newsweave.web.app import create_app

    port = free_port()
    app = create_app(config)
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server():
    from newsweave.web.app import ServerConfig

    with running(ServerConfig(allowed_hosts=("127.0.0.1", "localhost"))) as url:
        yield url


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    """A server on a real corpus of invented saved pages: two stories."""
    from corpus_fixtures import article_page

    from newsweave.corpus import ingest
    from newsweave.web.app import ServerConfig

    folder = tmp_path_factory.mktemp("pages")
    for name in ("ferry-wire", "ferry-courier", "ferry-gazette", "library-post", "library-voice"):
        (folder / f"{name}.html").write_text(article_page(name), encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "news.db"
    ingest([folder], db=db)
    with running(ServerConfig(db=db)) as url:
        yield url


def post_brief(base: str, **kwargs) -> str:
    """Brief through the real API (JSON, as a script sends it); returns the story page's address."""
    import httpx

    response = httpx.post(f"{base}/api/brief", timeout=120, **kwargs)
    assert response.status_code == 201, response.text
    return base + response.headers["x-newsweave-page"]


@pytest.fixture(scope="module")
def example_page(server, browser) -> str:  # noqa: F811 (the fixture imported above)
    """The bundled example, uploaded through the New brief form in the browser."""
    files = [str(p) for p in sorted(EXAMPLE.iterdir()) if p.name != "README.md"]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server + "/new")
        page.locator("input[type=file][name=files]").set_input_files(files)
        page.locator("button[type=submit]").click()
        page.wait_for_url("**/briefs/*", timeout=120_000)
        assert len(page.locator("#reports li").all()) == len(files)
        return page.url
    finally:
        context.close()


@pytest.fixture
def page(browser):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.problems = []  # console errors (a CSP violation shows up here) and uncaught exceptions
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def test_citation_opens_the_report_with_the_sentence_highlighted(page, example_page, tmp_path):
    page.goto(example_page)
    data = json.loads(page.locator("#brief-data").text_content())
    texts = {d["id"]: d["text"] for d in data["documents"]}
    cite = page.locator("#summary button.cite").nth(1)
    doc, start, end = cite.get_attribute("data-doc"), int(cite.get_attribute("data-start")), int(cite.get_attribute("data-end"))
    cite.click()
    mark = page.locator("#source mark.evidence")
    assert mark.is_visible()
    assert mark.text_content() == texts[doc][start:end]
    number = next(d["number"] for d in data["documents"] if d["id"] == doc)
    assert page.locator("#source .num").text_content() == str(number)
    # the whole report is there, and the highlighted sentence sits at its offsets
    assert page.locator("#source .source-text").text_content() == texts[doc]
    assert page.evaluate("document.querySelector('#source mark.evidence').getBoundingClientRect().top < window.innerHeight")
    page.screenshot(path=str(tmp_path / "story-page.png"))
    assert (tmp_path / "story-page.png").stat().st_size > 10_000
    assert page.problems == []


def test_network_draws_nodes_and_an_edge_shows_its_sentences(page, example_page, tmp_path):
    page.goto(example_page)
    data = json.loads(page.locator("#brief-data").text_content())
    if not data["entities"]:
        pytest.skip("this build's brief has no entity layer")
    page.locator("#network").scroll_into_view_if_needed()
    page.wait_for_function("window.newsweaveNetwork && window.newsweaveNetwork.nodes().length > 0")
    nodes = page.evaluate("window.newsweaveNetwork.nodes().length")
    assert nodes == min(len(data["entities"]), 80)
    assert page.locator("#cy canvas").count() > 0
    edges = page.evaluate("window.newsweaveNetwork.edges().length")
    if edges:
        # a tap on the edge is what a click does; Cytoscape draws on a canvas, so emit it
        page.evaluate("() => { window.newsweaveNetwork.edges()[0].emit('tap'); }")
        first = page.locator("#network-detail button.quote").first
        first.wait_for()
        relation = data["relations"][page.evaluate("window.newsweaveNetwork.edges()[0].data('index')")]
        span = relation["evidence"][0]
        text = next(d["text"] for d in data["documents"] if d["id"] == span["document"])
        assert text[span["start"] : span["end"]] in first.text_content()
        first.click()
        assert page.locator("#source mark.evidence").text_content() == text[span["start"] : span["end"]]
    page.locator("#network").screenshot(path=str(tmp_path / "network.png"))
    assert page.problems == []


def test_compare_view_puts_reports_in_columns(page, example_page):
    page.goto(example_page + "/compare")
    headers = page.locator("table.compare thead th")
    assert headers.count() == 1 + 4
    first_row = page.locator("table.compare tbody tr").first
    filled = first_row.locator("td:not(.empty):not(.support-col)").count()
    assert filled == int(first_row.locator(".support").text_content())
    assert page.problems == []


def test_new_brief_form_pastes_texts_into_a_story_page(page, server):
    page.goto(server + "/new")
    boxes = page.locator("textarea[name=text]")
    boxes.nth(0).fill(HOSTILE_TWIN)
    boxes.nth(1).fill(HOSTILE_TWIN.replace("Monday", "Monday evening"))
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/briefs/*")
    assert "Harbour Tower" in page.locator("#summary").text_content()


def test_a_ship_is_drawn_and_listed_as_a_vessel(page, server):
    """Pasted ferry reports: the ship is its own group in the entity list and its own colour in the network."""
    page.goto(server + "/new")
    boxes = page.locator("textarea[name=text]")
    boxes.nth(0).fill("The ferry Gull Maiden struck a sandbar near Port Aldwin on Saturday, the coast guard said.\n\n"
                      "Harbor master Ines Varga said the ferry had strayed from the channel in thick fog.\n")
    boxes.nth(1).fill("Salvage teams will refloat the ferry Gull Maiden at high tide on Monday, its operator said.\n\n"
                      "All 86 passengers were taken off the Gull Maiden by lifeboats, Ines Varga said.\n")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/briefs/*")
    listed = page.locator(".entity-list li", has_text="Gull Maiden")
    assert listed.count() == 1 and "VESSEL" in listed.text_content()
    page.locator("#network").scroll_into_view_if_needed()
    page.wait_for_function("window.newsweaveNetwork && window.newsweaveNetwork.nodes().length > 0")
    vessels = page.evaluate("window.newsweaveNetwork.nodes('.vessel').map(n => n.data('label'))")
    assert vessels == ["Gull Maiden"]
    assert page.problems == []


@pytest.fixture
def ingest_server(tmp_path):
    """A server that may write to its corpus (--allow-ingest): what another site would attack."""
    from corpus_fixtures import article_page

    from newsweave.corpus import ingest
    from newsweave.web.app import ServerConfig

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry-wire.html").write_text(article_page("ferry-wire"), encoding="utf-8")
    db = tmp_path / "news.db"
    ingest([folder], db=db)
    with running(ServerConfig(db=db, allow_ingest=True, allowed_hosts=("127.0.0.1", "localhost"))) as url:
        yield url, db


def test_another_site_cannot_add_to_the_corpus(page, ingest_server):
    """A page on another site posts a form and a no-cors fetch to /api/ingest; the browser sends both, the server refuses both."""
    from corpus_fixtures import Site

    from newsweave.corpus import open_store

    url, db = ingest_server
    report = "The harbour crane at Pelling Quay toppled on Tuesday, port officials said."
    attack = f"""<!doctype html><html><body>
<form id="f" method="post" action="{url}/api/ingest" enctype="multipart/form-data">
<textarea name="text">{report}</textarea></form>
<script>
fetch("{url}/api/ingest", {{method: "POST", mode: "no-cors", body: JSON.stringify({{texts: ["{report}"]}})}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""
    with Site() as site:
        site.add("/", attack)
        page.goto(site.url.replace("127.0.0.1", "localhost") + "/")  # another site: localhost, another port
        page.wait_for_url(f"{url}/api/ingest")
        assert "cross-site request refused" in page.locator("body").text_content()
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 1


def test_hostile_report_shows_as_text_and_runs_nothing(page, server, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = post_brief(
        server,
        json={
            "texts": [
                {"id": "tower<script>", "text": HOSTILE, "title": "<img src=x onerror=alert(2)>", "url": "javascript:alert(3)"},
                {"id": "twin", "text": HOSTILE_TWIN, "outlet": "<b onmouseover=alert(4)>Courier</b>"},
            ]
        },
    )
    page.goto(url)
    page.locator("#reports button.open-doc").first.click()
    source = page.locator("#source .source-text")
    assert "<img src=x onerror=alert(1)>" in source.text_content()
    assert "<script>alert('xss')</script>" in source.text_content()
    assert page.locator("#source img, #source script, main img, main b").count() == 0
    assert "<img src=x onerror=alert(2)>" in page.locator("#reports").text_content()
    assert page.locator("a[href^='javascript']").count() == 0
    for cite in page.locator("button.cite:visible").all():
        cite.click()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_story_page_screenshot_for_the_readme(page, example_page, tmp_path):
    """The README's screenshot: the example's story page with a citation open.

    Written to the test's folder; with NEWSWEAVE_UPDATE_SCREENSHOT=1 it
    replaces docs/story-page.png, so ordinary runs leave the checkout clean.
    """
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(example_page)
    page.locator("#summary button.cite").nth(1).click()
    target = ROOT / "docs" if os.environ.get("NEWSWEAVE_UPDATE_SCREENSHOT") == "1" else tmp_path
    page.screenshot(path=str(target / "story-page.png"))
    assert (target / "story-page.png").stat().st_size > 10_000


def test_corpus_story_list_search_and_story_page(page, corpus_server, tmp_path):
    page.goto(corpus_server)
    assert page.locator("table.stories tbody tr").count() == 2
    page.locator("input[name=q]").fill("library fire")
    page.locator("form.search button").click()
    page.wait_for_url("**/?q=*")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 1
    page.screenshot(path=str(tmp_path / "stories.png"))
    rows.first.locator("a").click()
    page.wait_for_url("**/stories/*")
    assert "Marrow Street" in page.locator("#summary").text_content()
    page.locator("#summary button.cite").first.click()
    assert page.locator("#source mark.evidence").is_visible()
    assert page.problems == []


def test_serve_command_binds_to_localhost_and_refuses_other_hosts():
    """The real `newsweave serve` command, in its own process."""
    import signal
    import subprocess
    import sys

    import httpx

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "newsweave serve did not start"
                time.sleep(0.1)
        assert response.status_code == 200 and "Brief a story" in response.text
        # a page elsewhere that rebinds its DNS name to 127.0.0.1 is refused
        assert httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": "evil.example"}, timeout=5).status_code == 400
        other = _other_address()
        if other:  # not reachable on this machine's other addresses
            with socket.socket() as probe:
                probe.settimeout(2)
                assert probe.connect_ex((other, port)) != 0
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert process.returncode in (0, 130, -signal.SIGINT)


def _other_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address
