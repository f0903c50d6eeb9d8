"""Property-based fuzzing (hypothesis) of everything that reads outside input.

The loaders (files of random bytes, text in mixed encodings, HTML fragments,
JSON and JSON Lines of any shape), the record reader, the batch reader and the
HTTP API each get random and hostile input, and must keep their promises:

- never an exception but the documented user-facing ones (`newsweave.errors`);
- always a result, or one problem line naming the input and the reason;
- every evidence span of every brief lies inside its document, and what the
  brief quotes is exactly the document's text at that span;
- the HTTP API never answers 500;
- good reports beside a bad one are still read and briefed.

The example budget is fixed (profile "ci": derandomized, so CI runs the same
examples every time, and the file runs in well under 90 s on two cores). Run
more locally with NEWSWEAVE_FUZZ=deep (random seeds, many more examples):

    NEWSWEAVE_FUZZ=deep python3 -m pytest tests/test_fuzz.py

spaCy is the costly part, so most examples are refused cheaply by the loaders
or are tiny; the strategies that reach the pipeline are kept small.
"""

from __future__ import annotations

import atexit
import codecs
import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("hypothesis")
from brief_checks import assert_one_line, assert_spans_hold
from conftest import REPORTS
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsweave.errors import NewsweaveError, NoReadableReports
from newsweave.settings import Settings

# --- the example budget -----------------------------------------------------------

_QUIET = list(HealthCheck)  # big inputs and slow examples are the point here
hypothesis_settings.register_profile(
    "ci", max_examples=36, deadline=None, derandomize=True, database=None, suppress_health_check=_QUIET, print_blob=True
)
hypothesis_settings.register_profile("deep", max_examples=1500, deadline=None, suppress_health_check=_QUIET, print_blob=True)
PROFILE = hypothesis_settings.get_profile(os.environ.get("NEWSWEAVE_FUZZ", "ci"))


def budget(share: float = 1.0):
    """This test's examples: a share of the profile's budget (spaCy-bound tests get less)."""
    return hypothesis_settings(PROFILE, max_examples=max(5, round(PROFILE.max_examples * share)))


SETTINGS = Settings(max_input_bytes=256 * 1024)  # a smaller limit, so "too large" is reachable too

# --- strategies -------------------------------------------------------------------

# Invented sentences of one made-up event, so that some random documents are real prose.
SENTENCES = [
    "The ferry Gull Maiden ran aground outside Port Aldwin harbor on Saturday.",
    "All 86 passengers and six crew members were rescued by lifeboats.",
    "Harbor master Ines Varga said the ferry had strayed from the channel in fog.",
    "Three passengers were treated for mild hypothermia, the hospital said.",
    '"We saw nothing but grey," one passenger told the Aldwin Courier.',
    "More from this journal",
    "Salvage crews will try to refloat the vessel at high tide on Monday, Oct. 5.",
]
ODD = "\x00\ufeff\u202e\u2028\u2029\x85\x1c\r\n\t<>&\"'\\"
lone_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
any_char = st.one_of(st.characters(), lone_surrogate, st.sampled_from(ODD))
wild_text = st.text(any_char, max_size=120)
prose = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
some_text = st.one_of(prose, wild_text, st.tuples(prose, wild_text, prose).map("".join))

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]


def encode(text_and_encoding: tuple[str, str]) -> bytes:
    text, encoding = text_and_encoding
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors)


encoded = st.tuples(some_text, st.sampled_from(ENCODINGS)).map(encode)
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]
MAGIC = [b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"\x7fELF\x02", b"SQLite format 3\x00"]
file_bytes = st.one_of(
    st.binary(max_size=600),
    encoded,
    st.lists(encoded, min_size=2, max_size=3).map(b"".join),  # mixed encodings in one file
    st.tuples(st.sampled_from(BOMS + MAGIC), st.one_of(st.binary(max_size=200), encoded)).map(b"".join),
    st.tuples(encoded, st.binary(max_size=8), encoded).map(b"".join),  # a few stray bytes amid text
)

TAGS = ["html", "head", "body", "article", "main", "p", "div", "h1", "title", "script", "style", "a", "iframe",
        "svg", "math", "template", "noscript", "table", "td", "meta", "img", "br", "textarea", "plaintext", "xmp"]
ATTRIBUTES = ['onload="alert(1)"', 'href="javascript:alert(1)"', 'charset="utf-16"', 'http-equiv="refresh"',
              'content="0;url=file:///etc/passwd"', 'src="file:///etc/passwd"', 'style="x:expression(alert(1))"',
              'lang="\u202e"', 'class=article', 'id="main"', 'property="og:title" content="\u202eTitle"',
              'property="article:published_time" content="99999-99-99"', 'name="author" content="<b>x</b>"']
HTML_BITS = ["&#0;", "&#xD800;", "&#99999999;", "&amp", "<!--", "-->", "<![CDATA[x]]>", "<!DOCTYPE html>",
             "<?xml version='1.0' encoding='ebcdic'?>", "</p>", "<", ">", "<p", "\x00", "&nbsp;" * 3]


def element(tag: str, attributes: list[str], children: list[str], closed: bool) -> str:
    opening = f"<{tag}{''.join(' ' + a for a in attributes)}>"
    return opening + "".join(children) + (f"</{tag}>" if closed else "")


html_node = st.recursive(
    st.one_of(prose, wild_text, st.sampled_from(HTML_BITS)),
    lambda children: st.builds(element, st.sampled_from(TAGS), st.lists(st.sampled_from(ATTRIBUTES), max_size=3),
                               st.lists(children, max_size=4), st.booleans()),
    max_leaves=16,
)
html_page = st.lists(html_node, min_size=1, max_size=4).map("".join)

FIELDS = ["text", "id", "title", "outlet", "published", "url", "documents"]
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
                        st.floats(), some_text)
json_value = st.recursive(
    json_scalar,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(st.sampled_from(FIELDS), wild_text), children, max_size=4)),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {"text": st.one_of(prose, some_text, json_value)},
    optional={name: st.one_of(some_text, json_scalar, json_value) for name in ("id", "title", "outlet", "published", "url")},
)


def dumps(value_and_ascii: tuple[object, bool]) -> str:
    """JSON text; with ensure_ascii off, lone surrogates go out raw (and so become bytes that are not UTF-8)."""
    value, ascii_only = value_and_ascii
    return json.dumps(value, ensure_ascii=ascii_only)


def dumped(values):
    return st.tuples(values, st.booleans()).map(dumps)


depth = st.integers(min_value=1, max_value=120_000)
json_text = st.one_of(
    dumped(json_value),
    dumped(record),
    dumped(st.lists(record, max_size=3)),
    dumped(st.builds(lambda items: {"documents": items}, st.lists(st.one_of(record, json_value), max_size=3))),
    depth.map(lambda n: "[" * n + "]" * n),  # deep nesting
    depth.map(lambda n: '{"text": ' * n + '"x"' + "}" * n),
    st.integers(min_value=1, max_value=20_000).map(lambda n: '{"text": "A huge id.", "id": ' + "9" * n + "}"),  # huge numbers
    st.integers(min_value=1, max_value=20_000).map(lambda n: '{"text": "A huge float.", "id": 1.' + "5" * n + "e99999}"),
    st.sampled_from([
        "NaN", "-Infinity", '{"text": NaN}', "1e999999", '{"text": "Fine text here.", "id": 1e400}', '"\\ud800"',
        '{"text": "\\udc00 a lone low surrogate."}', '{"text": "A report.", "title": "\\ud83d"}',
        '\ufeff{"text": "A BOM first."}', '{"text": "A NUL \\u0000 inside."}', '{"text": "a"} trailing',
        '{"text": "One.", "text": 2}', "[]", "{}", '{"documents": []}', '{"documents": {"text": "an object"}}',
    ]),
    wild_text,
)


def jsonl(lines: list[str], separator: str) -> str:
    return separator.join(lines)


GOOD_RECORD = {"id": "good", "text": REPORTS["wire"]}
GOOD_LINE = json.dumps(GOOD_RECORD)

# --- helpers ------------------------------------------------------------------------

_FOLDER = Path(tempfile.mkdtemp(prefix="newsweave-fuzz-"))  # hypothesis and function-scoped tmp_path do not mix
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
GOOD_FILE = _FOLDER / "good-report.txt"
GOOD_FILE.write_text(REPORTS["courier"], encoding="utf-8")


def write(name: str, data: bytes | str) -> Path:
    path = _FOLDER / name
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    return path


def check_loaded(documents, problems, bad: Path) -> None:
    """The good file beside `bad` is read; whatever came of `bad` is documents or one-line problems naming it."""
    assert [d for d in documents if d.text == REPORTS["courier"]], "the good report beside a bad one was lost"
    for problem in problems:
        assert_one_line(problem)
        assert problem.source.startswith(str(bad)), f"problem does not name its input: {problem}"
    for document in documents:
        assert isinstance(document.text, str) and document.text.strip()
        assert isinstance(document.id, str) and document.id
        for value in (document.title, document.outlet, document.published, document.url):
            assert value is None or isinstance(value, str)


def load(*sources):
    from newsweave.load import load_sources

    return load_sources(list(sources), SETTINGS)


# --- the loaders: files ------------------------------------------------------------


@budget(1.5)
@given(data=file_bytes, suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson"]))
def test_any_bytes_in_any_report_file_are_a_document_or_one_problem(data, suffix):
    bad = write(f"bytes{suffix}", data)
    documents, problems = load(bad, GOOD_FILE)
    check_loaded(documents, problems, bad)
    if suffix in (".txt", ".md"):  # a text file is all or nothing: one document, or one problem
        assert len(problems) + len(documents) == 2


@budget(1.0)
@given(data=file_bytes, suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]))
def test_any_bytes_in_memory_read_exactly_as_the_same_file(data, suffix):
    from newsweave.load import Source

    path = write(f"memory{suffix}", data)
    from_file = load(path)
    from_memory = load(Source(str(path), data))
    assert from_memory == from_file  # the same documents, or the same problems naming the same name


@budget(1.0)
@given(page=html_page, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_html_fragments_are_an_article_or_one_problem(page, encoding):
    bad = write("fragment.html", encode((page, encoding)))
    documents, problems = load(bad, GOOD_FILE)
    check_loaded(documents, problems, bad)
    assert len(documents) + len(problems) == 2


@budget(1.5)
@given(text=json_text, suffix=st.sampled_from([".json", ".jsonl"]), bom=st.booleans())
def test_random_json_files_are_documents_or_problems(text, suffix, bom):
    bad = write(f"records{suffix}", ("\ufeff" if bom else "") + text)
    documents, problems = load(bad, GOOD_FILE)
    check_loaded(documents, problems, bad)


@budget(1.0)
@given(lines=st.lists(st.one_of(json_text, st.just(GOOD_LINE)), max_size=5), separator=st.sampled_from(["\n", "\r\n"]),
       position=st.integers(min_value=0, max_value=5))
def test_one_bad_jsonl_line_costs_that_line_only(lines, separator, position):
    from newsweave.errors import InputError
    from newsweave.load.records import read_record_file

    lines = [line for line in lines if "\n" not in line and "\r" not in line]  # one record a line
    lines.insert(min(position, len(lines)), GOOD_LINE)
    path = write("lines.jsonl", jsonl(lines, separator))
    if path.stat().st_size > SETTINGS.max_input_bytes:
        with pytest.raises(InputError, match="too large"):
            read_record_file(path, SETTINGS)
        return
    items = read_record_file(path, SETTINGS)  # only InputError may escape; here there is always one good line
    documents = [item for item in items if hasattr(item, "text")]
    assert [d for d in documents if d.text == REPORTS["wire"]], "the good line was lost"
    for item in items:
        if not hasattr(item, "text"):
            assert_one_line(item)
            assert item.source.startswith(f"{path} line ")


@budget(0.7)
@given(records=st.lists(record, min_size=1, max_size=4), ascii_only=st.booleans(), crlf=st.booleans())
def test_every_jsonl_record_is_read_whatever_its_characters(records, ascii_only, crlf):
    """One record a line: text holding U+2028, NEL, form feeds or lone surrogates never splits or loses a record."""
    from newsweave.errors import InputError
    from newsweave.load import record_document
    from newsweave.load.records import read_record_file

    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    path = write("records.jsonl", ("\r\n" if crlf else "\n").join(lines) + "\n")
    try:
        items = read_record_file(path, SETTINGS)
    except InputError as exc:  # the whole file: only when no line is UTF-8 text (raw surrogates) or none is a record
        assert_one_line(str(exc))
        assert not ascii_only or len(records) == 1
        return
    if not ascii_only and any("\ud800" <= c <= "\udfff" for line in lines for c in line):
        return  # raw surrogates make the file's bytes invalid UTF-8: refused whole above, or read as Windows-1252
    assert len(items) == len(records), [str(i) for i in items if not hasattr(i, "text")]
    for number, (item, line) in enumerate(zip(items, lines), start=1):
        try:  # as JSON reads it: the escapes "\ud800\udc00" together are one character, U+10000
            expected = record_document(json.loads(line), "x").text
        except InputError:
            assert not hasattr(item, "text") and item.source == f"{path} line {number}" or len(records) == 1
            continue
        assert item.text == expected


# --- the record inputs ----------------------------------------------------------------


@budget(1.0)
@given(text=st.one_of(json_text, wild_text))
def test_parse_json_raises_only_input_errors(text):
    from newsweave.errors import InputError
    from newsweave.load.records import parse_json

    try:
        parse_json(text)
    except InputError as exc:
        assert_one_line(str(exc))


@budget(1.0)
@given(value=st.one_of(record, json_value))
def test_a_record_of_any_shape_is_a_document_or_an_input_error(value):
    from newsweave.errors import InputError
    from newsweave.load import record_document

    try:
        document = record_document(value, "default")
    except InputError as exc:
        assert_one_line(str(exc))
        return
    assert document.text == value["text"] if isinstance(value, dict) else document.text == value
    # What a document carries must be writable as UTF-8: the JSON, Markdown and HTML outputs are.
    for field in (document.id, document.title, document.outlet, document.published, document.url):
        if field is not None:
            field.encode("utf-8")


published_text = st.one_of(
    wild_text,
    st.from_regex(r"\A[0-9]{1,6}[-/.][0-9]{1,3}[-/.][0-9]{1,6}([T ][0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?(Z|[+-][0-9]{1,4}(:[0-9]{2})?)?\Z"),
    st.from_regex(r"\A([A-Z][a-z]+, )?[0-9]{1,3} [A-Z][a-z]{2,8}\.? [0-9]{1,5}( [0-9]{1,3}:[0-9]{2}(:[0-9]{2})? ?([AaPp]\.?[Mm]\.?)?)?( ?(GMT|UTC|[+-][0-9]{2,4}))?\Z"),
    st.from_regex(r"\A[A-Z][a-z]+\.? [0-9]{1,3}(st|nd|rd|th)?,? [0-9]{1,5}\Z"),
)


@budget(1.0)
@given(value=st.one_of(published_text, json_value, st.datetimes(), st.dates()))
def test_the_published_parser_never_raises_and_gives_a_whole_day_or_none(value):
    from datetime import datetime

    from newsweave.corpus.cluster import day_number
    from newsweave.corpus.sources import iso_date
    from newsweave.load.published import parse_published

    moment = parse_published(value)
    assert moment is None or isinstance(moment, datetime)
    if isinstance(value, str) and moment is not None:
        assert len(value.strip()) <= 100
    # Its three readers never raise either, and agree on whether there is a date.
    day = day_number(value) if not isinstance(value, (int, float)) else None
    assert (day is None) == (moment is None) or isinstance(value, (int, float, bool))
    written = iso_date(value)
    assert written is None or isinstance(written, str)


# --- the batch reader -------------------------------------------------------------------

cluster = st.fixed_dictionaries(
    {"documents": st.lists(st.one_of(prose, record, some_text, json_scalar), max_size=3)},
    optional={"id": json_scalar},
)
batch_line = st.one_of(
    dumped(cluster).map(lambda line: ("cluster", line)),
    json_text.map(lambda line: ("text", line)),
    st.binary(max_size=80).map(lambda line: ("bytes", line)),
    encoded.map(lambda line: ("bytes", line)),
)


def is_blank(line: str | bytes, number: int) -> bool:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            return False
    return not (line.lstrip("\ufeff") if number == 1 else line).strip()


@budget(0.4)
@given(lines=st.lists(batch_line, min_size=1, max_size=4))
def test_batch_gives_one_result_a_line_and_never_raises(lines):
    from newsweave.batch import summarize_lines

    raw = [line for _, line in lines]
    results = list(summarize_lines(raw, SETTINGS))
    kept = [(number, line) for number, line in enumerate(raw, start=1) if not is_blank(line, number)]
    assert len(results) == len(kept)
    for (number, line), result in zip(kept, results):
        assert set(result) >= {"id"}
        if "error" in result:
            assert_one_line(result["error"])
            assert result["line"] == number
            continue
        assert set(result) == {"id", "summary", "citations"}
        cluster_data = json.loads(line)
        texts = [d if isinstance(d, str) else d["text"] for d in cluster_data["documents"]]
        for sentence in result["summary"]:
            assert any(sentence in text for text in texts), "a batch summary sentence is in none of its reports"
        assert len(result["citations"]) == len(result["summary"])
        json.dumps(result, ensure_ascii=False).encode("utf-8")  # the line the command writes


# --- quotation marks ------------------------------------------------------------------------

quote_marks = st.sampled_from(["``", "''", "`", "'", '"', "“", "”", "‘", "’", "\n", " ", "don't", "you're"])
quoted_text = st.lists(st.one_of(quote_marks, st.sampled_from(["We", "will", "rebuild", "it", ","]), wild_text),
                       max_size=40).map("".join)


@budget()
@given(text=quoted_text)
def test_quotes_in_any_marks_are_the_text_s_own_words(text):
    """Newswire ``marks'', typographic and straight ones, unbalanced and mixed: every quote found is the
    report's own words at its span, and comparing any two never raises."""
    from itertools import pairwise

    from newsweave.crosscheck.quotes import find_quotes, same_quote, wording_differs

    quotes = find_quotes("r", text)
    for found in quotes:
        assert 0 <= found.start < found.end <= len(text) and text[found.start : found.end] == found.text
        assert len(found.text.split()) >= 4
    for first, second in pairwise(quotes):
        same_quote(first, second)
        wording_differs(first, second)


# --- whole briefs ---------------------------------------------------------------------------


@budget(0.3)
@given(extra=st.lists(st.one_of(some_text, record), min_size=1, max_size=2), bad=file_bytes)
def test_a_brief_of_good_and_random_reports_keeps_its_promises(extra, bad):
    """Good reports beside random ones and a random file: briefed, every span checked, every output writable."""
    import newsweave

    bad_file = write("random.txt", bad)
    sources = [REPORTS["wire"], {"id": "gazette", "text": REPORTS["gazette"]}, *extra, bad_file]
    try:
        result = newsweave.brief(sources, settings=SETTINGS)
    except NoReadableReports:  # cannot be: the good reports are readable
        raise
    except NewsweaveError as exc:
        assert_one_line(str(exc))
        return
    data = result.to_dict()
    texts = [document["text"] for document in data["documents"]]
    left_out = {item["id"] for warning in data["warnings"] for item in warning["left_out"]}
    assert REPORTS["wire"] in texts or "text-1" in left_out
    assert REPORTS["gazette"] in texts or "gazette" in left_out
    assert_spans_hold(data)
    for problem in data["problems"]:
        assert_one_line(problem)
    for rendered in (result.to_json(), result.to_markdown(), result.to_html()):
        rendered.encode("utf-8")  # what -o and stdout write


# --- the HTTP API ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The app on a real corpus (two stories of invented saved pages), errors answered, not raised."""
    pytest.importorskip("fastapi")
    from corpus_fixtures import ARTICLES, article_page
    from fastapi.testclient import TestClient

    from newsweave.corpus import ingest
    from newsweave.web.app import ServerConfig, create_app

    folder = tmp_path_factory.mktemp("fuzz-pages")
    for name in ARTICLES:
        (folder / f"{name}.html").write_text(article_page(name), encoding="utf-8")
    db = tmp_path_factory.mktemp("fuzz-db") / "news.db"
    assert ingest([folder], db=db).added == len(ARTICLES)
    config = ServerConfig(db=db, max_reports=4, max_request_bytes=400_000, settings=SETTINGS)
    return TestClient(create_app(config), raise_server_exceptions=False)


segment = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(any_char, max_size=20),
    st.sampled_from(["1", "2", "0", "-1", "²", "١", "1e3", "0x1f", " 1", "..", "%", "%00", "9" * 30, "a" * 300]),
)
ROUTES = [
    "/api/stories/{}/brief", "/api/stories/{}/export", "/api/documents/{}", "/api/briefs/{}", "/api/briefs/{}/export",
    "/api/briefs/{}/documents/{}", "/stories/{}", "/stories/{}/compare", "/briefs/{}", "/briefs/{}/compare", "/static/{}",
    "/api/{}", "/{}",
]
QUERY_NAMES = ["q", "limit", "offset", "format", "page", "story"]
query = st.dictionaries(st.sampled_from(QUERY_NAMES), st.one_of(segment, st.sampled_from(["graphml", "gexf", "json", "csv", "ftm"])), max_size=3)


def url_part(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def check_answer(response) -> None:
    assert response.status_code < 500, f"{response.request.method} {response.request.url}: {response.status_code} {response.text[:300]}"
    assert "content-security-policy" in response.headers
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith("application/json"):
        detail = response.json().get("detail")
        if isinstance(detail, str):
            assert_one_line(detail)


@budget(1.0)
@given(route=st.sampled_from(ROUTES + ["/api/stories", "/api/search", "/"]), parts=st.lists(segment, min_size=2, max_size=2), params=query)
def test_any_address_and_query_is_answered_without_a_500(api, route, parts, params):
    path = route.format(*map(url_part, parts[: route.count("{}")]))
    query = "&".join(f"{name}={url_part(value)}" for name, value in params.items())
    check_answer(api.get(path + ("?" + query if query else "")))


SAME_ORIGIN = [{}, {"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin"},
               {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}]
brief_body = st.one_of(
    json_value,
    st.fixed_dictionaries(
        {"texts": st.lists(st.one_of(prose, record, some_text, json_value), max_size=3)},
        optional={"words": json_scalar, "urls": st.lists(st.one_of(some_text, st.just("file:///etc/passwd")), max_size=2)},
    ),
)


@budget(0.5)
@given(body=st.one_of(dumped(brief_body), json_text), headers=st.sampled_from(SAME_ORIGIN))
def test_posting_any_json_to_api_brief_is_never_a_500(api, body, headers):
    response = api.post("/api/brief", content=body.encode("utf-8", "surrogatepass"),
                        headers={"content-type": "application/json", **headers})
    check_answer(response)
    assert response.status_code in (201, 400, 413, 422), response.text[:300]
    if response.status_code == 201:
        data = response.json()
        assert_spans_hold(data)
        for problem in data["problems"]:
            assert_one_line(problem)
        assert api.get(response.headers["location"]).status_code == 200


@budget(0.3)
@given(bad=st.lists(st.one_of(some_text, record), min_size=1, max_size=2), headers=st.sampled_from(SAME_ORIGIN))
def test_good_reports_posted_beside_bad_ones_are_briefed(api, bad, headers):
    texts = [{"id": name, "text": text} for name, text in REPORTS.items()] + bad
    body = json.dumps({"texts": texts[:4]}, ensure_ascii=True)
    response = api.post("/api/brief", content=body, headers={"content-type": "application/json", **headers})
    check_answer(response)
    if response.status_code == 400:  # a field of the wrong type refuses the request as a whole, by design
        assert any(isinstance(item, dict) and any(not isinstance(item.get(k), (str, type(None)))
                                                   for k in ("id", "text", "title", "outlet", "published", "url"))
                   for item in bad), response.text
        return
    assert response.status_code == 201, response.text[:300]
    data = response.json()
    kept = {d["text"] for d in data["documents"]} | {
        item["id"] for warning in data["warnings"] for item in warning["left_out"]
    }
    for name, text in REPORTS.items():
        assert text in kept or name in kept, f"good report {name} lost beside a bad one"
    assert_spans_hold(data)


@budget(0.3)
@given(files=st.lists(st.tuples(st.text(any_char, max_size=30), file_bytes), max_size=3),
       texts=st.lists(some_text, max_size=2), words=st.one_of(st.none(), segment))
def test_any_form_post_with_its_token_is_never_a_500(api, files, texts, words):
    token = api.get("/api/token").json()["token"]
    data = {"csrf_token": token, "text": [t.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for t in texts]}
    if words is not None:
        data["words"] = words.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    upload = [("files", (name.encode("utf-8", "surrogatepass").decode("utf-8", "replace") or "x.txt", content, "text/plain"))
              for name, content in files]
    response = api.post("/api/brief", data=data, files=upload or None, headers={"Origin": "http://testserver"})
    check_answer(response)
    assert response.status_code in (201, 400, 413, 422), response.text[:300]
    if response.status_code == 201:
        assert_spans_hold(response.json())


def test_the_fuzz_budget_is_fixed_in_ci():
    """CI runs the derandomized profile, so a failure found there is found again on every run."""
    ci = hypothesis_settings.get_profile("ci")
    assert ci.derandomize and ci.deadline is None and ci.max_examples <= 100
