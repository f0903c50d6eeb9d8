"""Every file in tests/hostile/ (and a few too big to keep, made here) through every way in.

The fixtures are invented: files that are empty, binary, in odd encodings,
broken, deeply nested, over-long, not what their names say, or written to
attack (script injection, javascript: links, event handlers, terminal escapes,
bidi overrides, XML entities, OPML lists and feeds naming local paths and
this machine). Each goes through the `newsweave brief` command (in process),
the corpus ingest into a real SQLite file, and the HTML outputs (the
self-contained page and the web server's pages). The promises:

- each bad input is one clear problem line naming it, never a traceback;
- the good reports beside them are still read and briefed;
- no markup or script from a report ever reaches a page as markup, and no
  terminal escape reaches the terminal;
- nothing outside the inputs is read (no local file, no loopback address).

Add a fixture by adding its file and its line in EXPECTED.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from brief_checks import assert_one_line, assert_spans_hold
from conftest import REPORTS

from newsweave.settings import Settings

HOSTILE = Path(__file__).parent / "hostile"


@dataclass(frozen=True)
class Expect:
    documents: int = 0  # documents `newsweave brief` reads from it
    problems: int = 1  # problem lines it gets
    reason: str = ""  # words each problem's reason contains (lower case)
    text: str = ""  # words a document read from it contains


UNSUPPORTED = Expect(reason="unsupported file type")  # feeds, lists and archives are for `ingest`, not `brief`
EXPECTED = {
    "empty.txt": Expect(reason="empty"),
    "whitespace-only.md": Expect(reason="empty"),
    "binary-junk.txt": Expect(reason="binary"),
    "image-named-report.html": Expect(reason="png"),
    "nul-bytes.txt": Expect(reason="binary"),
    "utf-16-no-bom.txt": Expect(reason="utf-16"),
    "mixed-encodings.txt": Expect(reason="not valid utf-8"),
    "no-article.html": Expect(reason="no article text"),
    "huge-number.json": Expect(reason="number"),
    "lone-surrogate.json": Expect(reason="surrogate"),
    "nan-and-infinity.json": Expect(documents=1, reason="'text' must be a string", text="four euros"),
    "one-bad-line.jsonl": Expect(documents=2, problems=2, text="said"),
    "line-separators.jsonl": Expect(documents=2, problems=0, text="said"),
    "one-line-not-utf8.jsonl": Expect(documents=2, problems=1, reason="not valid utf-8", text="said"),
    "windows-1252.txt": Expect(documents=1, problems=0, text="\u20ac4 next month, the town\u2019s caf\u00e9"),
    "utf-16.txt": Expect(documents=1, problems=0, text="Flooding closed the Ostry Bridge"),
    "bom-first.json": Expect(documents=1, problems=0, text="cut back to three euros"),
    "broken-markup.html": Expect(documents=1, problems=0, text="reopened to traffic on Friday"),
    "script-injection.html": Expect(documents=1, problems=0, text="raise the Ostry Bridge toll"),
    "script-injection.md": Expect(documents=1, problems=0, text="<script>alert('report')</script>"),
    "terminal-escapes.txt": Expect(documents=1, problems=0, text="Ostry Bridge reopened"),
    "not-a-feed.xml": UNSUPPORTED,
    "local-links.rss": UNSUPPORTED,
    "external-entity.rss": UNSUPPORTED,
    "local-paths.opml": UNSUPPORTED,
    "not-a-warc.warc": UNSUPPORTED,
    "broken-quote.csv": UNSUPPORTED,
}
FIXTURES = sorted(EXPECTED)
ATTACKS = ["script-injection.html", "script-injection.md", "terminal-escapes.txt", "windows-1252.txt"]


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in HOSTILE.iterdir()) == FIXTURES


def made_fixtures(folder: Path) -> dict[Path, Expect]:
    """Hostile files too big (or too odd) to keep in the repository, made here."""
    made = {}
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    made[deep] = Expect(reason="nested too deeply")
    lines = folder / "deep-line.jsonl"
    after = "The Gull Maiden's operator said on Sunday that the ferry would be towed to a dry dock in Kessing for repairs."
    lines.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "after-deep", "text": after}) + "\n")
    made[lines] = Expect(documents=1, reason="nested too deeply", text="towed to a dry dock")
    large = folder / "too-large.txt"
    with large.open("wb") as stream:  # over the 10 MB limit, all of it plausible text
        line = b"The ferry ran aground and every passenger was rescued, officials said. " * 100 + b"\n"
        stream.write(line * (Settings().max_input_bytes // len(line) + 2))
    made[large] = Expect(reason="too large")
    try:  # a name that is not UTF-8: it must still print and be written as UTF-8
        odd = Path(os.fsdecode(bytes(folder) + b"/odd-name-\xff.txt"))
        odd.write_text("The ferry Gull Maiden was refloated at high tide on Monday, its operator said.\n", encoding="utf-8")
        made[odd] = Expect(documents=1, problems=0, text="refloated at high tide")
    except (OSError, UnicodeError):  # a file system that refuses such names
        pass
    return made


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[Path, Expect]:
    return made_fixtures(tmp_path_factory.mktemp("made"))


# --- loading: each fixture alone ------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_each_fixture_is_read_or_is_one_problem_naming_it(name):
    from newsweave.load import load_sources

    path = HOSTILE / name
    expect = EXPECTED[name]
    documents, problems = load_sources([path], Settings())
    assert len(documents) == expect.documents, [str(p) for p in problems]
    assert len(problems) == expect.problems, [str(p) for p in problems]
    for problem in problems:
        assert_one_line(problem)
        assert problem.source.startswith(str(path))
        assert expect.reason in problem.reason.lower() or expect.reason in str(problem).lower(), str(problem)
    for document in documents:
        assert expect.text in document.text
        # What a brief writes (ids, paths, titles, text) must be writable as UTF-8.
        json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8")


def test_made_fixtures_are_read_or_are_one_problem_naming_them(generated):
    from newsweave.load import load_sources

    for path, expect in generated.items():
        documents, problems = load_sources([path], Settings())
        assert (len(documents), len(problems)) == (expect.documents, expect.problems), (path, [str(p) for p in problems])
        for problem in problems:
            assert_one_line(problem)
            assert expect.reason in problem.reason.lower(), str(problem)
        for document in documents:
            assert expect.text in document.text


# --- the brief command, every fixture at once beside the good reports -------------------------


def test_brief_command_reads_the_good_reports_beside_every_hostile_file(tmp_path, good_files, generated, capsys):
    from newsweave.cli import main

    output = tmp_path / "brief.json"
    hostile = [HOSTILE / name for name in FIXTURES] + list(generated)
    status = main(["brief", *map(str, hostile), *map(str, good_files), "--format", "json", "-o", str(output)])
    stderr = capsys.readouterr().err
    assert status == 0, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert all(line.startswith("newsweave: ") for line in lines), stderr
    expected = {HOSTILE / name: EXPECTED[name] for name in FIXTURES} | generated
    for path, expect in expected.items():
        naming = [line for line in lines if line.startswith(f"newsweave: {path}")]
        assert len(naming) == expect.problems, (path, naming)
    data = json.loads(output.read_text(encoding="utf-8"))
    assert_spans_hold(data)
    briefed = {d["path"] for d in data["documents"]} | {
        item["path"] for warning in data["warnings"] for item in warning["left_out"]
    }
    for good in good_files:  # read, and briefed (or named as another story): never lost
        assert str(good) in briefed
    assert len(data["problems"]) == sum(e.problems for e in expected.values())


def test_summarize_command_writes_json_lines_whatever_the_cluster_ids(tmp_path, capsys):
    """A lone surrogate id comes back as the same JSON escape; NaN, which is no JSON, as a string."""
    from newsweave.cli import main

    texts = [REPORTS["wire"], REPORTS["courier"]]
    clusters = tmp_path / "clusters.jsonl"
    documents = json.dumps(texts)
    clusters.write_text("\n".join([
        f'{{"id": "\\ud800-first", "documents": {documents}}}',
        f'{{"id": NaN, "documents": {documents}}}',
        f'{{"id": "last", "documents": {documents}}}',
    ]) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["summarize", "--jsonl", str(clusters), "-o", str(output)]) == 0, capsys.readouterr().err
    def no_constants(name):
        raise AssertionError(f"{name} is not JSON")

    results = [json.loads(line, parse_constant=no_constants) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["\ud800-first", "nan", "last"]
    assert all(r["summary"] for r in results)


# --- what reaches a page or a terminal ---------------------------------------------------------


class Markup(HTMLParser):
    """The elements and attributes of a page as a browser sees them, and the text of its script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:text", "file:")


def assert_no_active_markup(page: str, scripts_allowed: bool = False) -> None:
    """No script, event handler, frame or script URL in the page but the app's own files."""
    markup = Markup()
    markup.feed(page)
    assert markup.elements, "not a page"
    scripts = iter(markup.scripts)  # the text of each script element, in order
    for tag, attributes in markup.elements:
        if tag == "script":
            text = next(scripts)
            if attributes.get("type") == "application/json":
                json.loads(text)  # data, not code: it parses whole, so no report's "</script>" ended it early
            else:
                assert scripts_allowed and attributes.get("src", "").startswith("/static/") and not text.strip(), attributes
        assert tag not in {"iframe", "frame", "object", "embed", "base", "form"} or (tag == "form" and scripts_allowed), tag
        for name, value in attributes.items():
            assert not name.startswith("on"), f"<{tag} {name}=...>: an event handler from a report"
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster"}:
                assert not re.sub(r"\s", "", value).lower().startswith(ACTIVE_SCHEMES), f"<{tag} {name}={value!r}>"
        if tag == "meta":
            assert attributes.get("http-equiv", "").lower() != "refresh"


# Terminal controls: C0 but tab and line ends, DEL and C1 (ESC starts every escape sequence).
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


@pytest.fixture(scope="module")
def attack_brief():
    import newsweave

    return newsweave.brief([HOSTILE / name for name in ATTACKS])


def test_the_html_brief_shows_hostile_reports_as_text(attack_brief):
    page = attack_brief.to_html()
    assert_no_active_markup(page)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;report&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert('report')&lt;/script&gt;" in page
    assert_spans_hold(attack_brief.to_dict())


def test_the_markdown_brief_carries_no_terminal_escapes(attack_brief, tmp_path, capsys):
    from newsweave.cli import main

    assert not TERMINAL_CONTROLS.search(attack_brief.to_markdown())
    assert main(["brief", *(str(HOSTILE / name) for name in ATTACKS)]) == 0  # to stdout, as a pipe or a terminal gets it
    assert not TERMINAL_CONTROLS.search(capsys.readouterr().out)
    # The report's own text (which offsets index) is kept as it was.
    assert "\x1b]0;owned terminal" in attack_brief.to_dict()["documents"][ATTACKS.index("terminal-escapes.txt")]["text"]


# --- the corpus ---------------------------------------------------------------------------------


def stored_texts(db: Path) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM articles")]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, generated):
    """Every fixture and the three good reports ingested into one real SQLite file, fetching for real
    (every link in the fixtures leads to this machine, a private address or a file: all refused unfetched)."""
    from newsweave.corpus import ingest

    good = tmp_path_factory.mktemp("good-corpus")
    for name, text in REPORTS.items():
        (good / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("corpus") / "news.db"
    sources = [HOSTILE / name for name in FIXTURES] + list(generated) + [good]
    report = ingest(sources, db=db, delay=0, timeout=5)
    return db, report


# What ingest makes of the fixtures it reads differently from `brief` (feeds, lists, archives, tables).
INGEST_PROBLEMS = {
    "not-a-feed.xml": "entry",
    "local-links.rss": "",
    "external-entity.rss": "",
    "local-paths.opml": "",
    "not-a-warc.warc": "warc",
}


def test_ingest_stores_the_good_reports_beside_every_hostile_source(corpus, generated):
    from corpus_fixtures import check_consistent

    db, report = corpus
    by_source = {Path(r.source): r for r in report.sources}
    good = [r for path, r in by_source.items() if path.is_dir()]
    assert [r.added for r in good] == [3] and not good[0].errors
    for problem in report.errors:
        assert_one_line(problem)
        assert "unexpected" not in problem.reason, str(problem)  # a reader's bug, not a reason
    for name in FIXTURES:
        source = by_source[HOSTILE / name]
        expect = EXPECTED[name]
        if name in INGEST_PROBLEMS:
            assert source.errors and source.added == 0, (name, source.to_dict())
            assert all(INGEST_PROBLEMS[name] in p.reason.lower() for p in source.errors), source.to_dict()
        elif name != "broken-quote.csv":  # a CSV's cut-off last row is still a row
            assert len(source.errors) == expect.problems, (name, [str(p) for p in source.errors])
            assert all(p.source.startswith(str(HOSTILE / name)) for p in source.errors)
    counts = check_consistent(db)
    assert counts["articles"] >= 3


def test_ingest_reads_nothing_from_this_machine(corpus):
    db, report = corpus
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for text in stored_texts(db):
        assert "root:x:0:0" not in text and "lollollol" not in text  # no /etc/passwd, no entity expansion
        assert readme[:200] not in text
    refusals = [str(p) for p in report.errors if "local-links.rss" in p.source or "local-paths.opml" in p.source]
    assert any("169.254.169.254 is a link-local address" in r for r in refusals)
    assert any("127.0.0.1" in r and "loopback" in r for r in refusals)


def test_an_opml_list_from_elsewhere_may_name_no_paths(tmp_path):
    """Sources that arrive over HTTP (local_references=False): every path, file: and ftp: entry is refused,
    even one naming a real report file beside it."""
    from newsweave.corpus import ingest

    secret = tmp_path / "private" / "notes.md"
    secret.parent.mkdir()
    secret.write_text("My private notes: the harbor master's home number is not for the corpus.\n", encoding="utf-8")
    listing = tmp_path / "lists" / "feeds.opml"
    listing.parent.mkdir()
    outlines = (HOSTILE / "local-paths.opml").read_text(encoding="utf-8")
    listing.write_text(outlines.replace("</body>", f'<outline type="rss" xmlUrl="{secret}"/></body>'), encoding="utf-8")
    db = tmp_path / "news.db"
    report = ingest([listing], db=db, delay=0, timeout=5, local_references=False)
    assert report.added == 0 and stored_texts(db) == []
    assert len(report.errors) == 7
    for problem in report.errors:
        assert_one_line(problem)


def small_warc(path: Path, pages: int = 2) -> Path:
    """A real gzipped WARC of invented article pages, one gzip member a record."""
    from io import BytesIO

    from corpus_fixtures import article_page
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for name in ["ferry-wire", "ferry-courier", "ferry-gazette"][:pages]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = article_page(name).encode("utf-8")
            writer.write_record(writer.create_warc_record(f"https://news.example/articles/{name}", "response",
                                                          payload=BytesIO(body), http_headers=headers))
    return path


def test_a_truncated_archive_keeps_its_whole_records_and_names_the_cut(tmp_path):
    from newsweave.corpus import ingest

    whole = small_warc(tmp_path / "whole.warc.gz", pages=3)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) - 700])  # into the last record
    report = ingest([cut], db=tmp_path / "news.db", delay=0)
    assert report.added == 2, report.to_dict()
    [problem] = report.errors
    assert_one_line(problem)
    assert "truncated" in problem.reason and "NoneType" not in problem.reason


BOMB = """
import resource, sys, zlib
from newsweave.corpus import ingest
path = sys.argv[1]
report = ingest([path], db=sys.argv[2], delay=0)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(len(report.errors), report.errors[0].reason if report.errors else "")
"""


def inflating(path: Path, megabytes: int, head: bytes = b"WARC/1.0\r\n") -> Path:
    """A small gzip file that inflates to `megabytes` MB with no line end: a gzip bomb named like an archive."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [packer.compress(head)] + [packer.compress(chunk) for _ in range(megabytes)] + [packer.flush()]
    path.write_bytes(b"".join(parts))
    return path


def peak_memory_kb(path: Path, db: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(BOMB), str(path), str(db)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    peak, outcome = result.stdout.strip().splitlines()[-2:]
    return int(peak), outcome


def test_a_gzip_bomb_named_like_an_archive_is_refused_in_flat_memory(tmp_path):
    small = inflating(tmp_path / "small.warc.gz", 1)
    bomb = inflating(tmp_path / "bomb.warc.gz", 160)  # 160 KB on disk, 160 MB inflated, no line end anywhere
    assert bomb.stat().st_size < 400_000
    baseline, _ = peak_memory_kb(small, tmp_path / "a.db")
    peak, outcome = peak_memory_kb(bomb, tmp_path / "b.db")
    assert outcome.startswith("1 "), outcome
    assert_one_line(outcome.split(" ", 1)[1])
    assert peak - baseline < 64 * 1024, f"reading a 160 KB file took {(peak - baseline) // 1024} MB more memory"


# --- the web pages ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web(corpus):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    db, _ = corpus
    return TestClient(create_app(ServerConfig(db=db, max_reports=50)), raise_server_exceptions=False)


def test_uploading_every_fixture_briefs_the_good_ones_and_names_the_rest(web):
    token = web.get("/api/token").json()["token"]
    files = [("files", (name, (HOSTILE / name).read_bytes(), "application/octet-stream")) for name in FIXTURES]
    files += [("files", (f"{name}.txt", text.encode("utf-8"), "text/plain")) for name, text in REPORTS.items()]
    response = web.post("/api/brief", data={"csrf_token": token}, files=files, headers={"Origin": "http://testserver"})
    assert response.status_code == 201, response.text[:500]
    data = response.json()
    assert_spans_hold(data)
    named = [p["source"] for p in data["problems"]]
    for problem in data["problems"]:
        assert_one_line(problem)
        assert "/tmp" not in problem["source"] and "newsweave-upload-" not in problem["source"]  # the upload's name, not the server's path
    for name in FIXTURES:
        assert sum(source.startswith(name) for source in named) == EXPECTED[name].problems, (name, named)
    kept = {d["text"] for d in data["documents"]} | {i["id"] for w in data["warnings"] for i in w["left_out"]}
    for name, text in REPORTS.items():
        assert text in kept or name in kept
    for page in (f"/briefs/{response.headers['x-newsweave-brief']}", f"/briefs/{response.headers['x-newsweave-brief']}/compare"):
        answer = web.get(page)
        assert answer.status_code == 200
        assert_no_active_markup(answer.text, scripts_allowed=True)


@pytest.mark.parametrize("texts", [
    ["The bridge \ud800 reopened on Friday after repairs, the council said."],
    [{"id": "\ud800\u001b]0;title\u0007", "title": "\udc80", "text": "The bridge reopened on Friday after repairs, the council said."}],
])
def test_lone_surrogates_posted_as_json_are_a_problem_or_replaced_not_a_500(web, texts):
    body = json.dumps({"texts": [*texts, *({"id": k, "text": v} for k, v in REPORTS.items())]})  # ASCII: "\ud800" escapes
    response = web.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text[:300]
    data = response.json()
    assert {d["text"] for d in data["documents"]} >= set(REPORTS.values()) - {
        i["id"] for w in data["warnings"] for i in w["left_out"]}
    if isinstance(texts[0], str):  # the text itself cannot be briefed: offsets must index it unchanged
        [problem] = data["problems"]
        assert "surrogate" in problem["reason"]
    else:  # a name is only a name: made printable
        names = [d["id"] for d in data["documents"]] + [i["id"] for w in data["warnings"] for i in w["left_out"]]
        assert "\ufffd]0;title\ufffd" in "".join(names) and not TERMINAL_CONTROLS.search("".join(names))


def test_a_corpus_story_with_a_hostile_article_is_served_as_text(web):
    stories = web.get("/api/stories", params={"limit": 200}).json()
    listed = stories["stories"] if isinstance(stories, dict) else stories
    assert listed
    for story in listed:
        for page in (f"/stories/{story['id']}", f"/stories/{story['id']}/compare"):
            answer = web.get(page)
            assert answer.status_code == 200, (page, answer.text[:300])
            assert_no_active_markup(answer.text, scripts_allowed=True)
    found = web.get("/api/search", params={"q": "toll"})
    assert found.status_code == 200
    assert_no_active_markup(web.get("/", params={"q": "toll"}).text, scripts_allowed=True)
