"""Stage 1, load: every input format becomes the right Document; every bad input
becomes one clear InputProblem and never stops the other reports."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

import newsweave
from newsweave import Document, Settings
from newsweave.errors import NoReadableReports
from newsweave.load import files, load_sources


def html_page(paragraphs: list[str], *, title: str = "Ferry runs aground off Port Aldwin") -> str:
    """A realistic article page: metadata, nav, cookie banner, article, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Aldwin Courier</title>
<meta property="og:site_name" content="Aldwin Courier">
<meta property="og:title" content="{title}">
<meta property="og:url" content="https://courier.example/2024/03/09/ferry-aground">
<meta property="article:published_time" content="2024-03-09T08:15:00+00:00">
</head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home page</a></li><li><a href="/sport">Sport desk</a></li>
<li><a href="/weather">Weather desk</a></li></ul></nav>
<div class="cookie-banner"><p>We use cookies to improve your reading experience on this site.</p>
<button>Accept all cookies</button></div>
<main><article>
<h1>{title}</h1>
{body}
</article></main>
<footer><p>Copyright 2024 Aldwin Courier Media Group. All rights reserved.</p><p>Contact the newsroom desk</p></footer>
</body></html>
"""


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def load(sources, settings: Settings | None = None):
    return load_sources(sources, settings or Settings())


def assert_one_line_problem(problems, source, *keywords: str):
    """Exactly one problem, naming `source`, whose one-line reason mentions every keyword."""
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.source == str(source)
    assert problem.reason.strip() and "\n" not in problem.reason
    for keyword in keywords:
        assert keyword.lower() in problem.reason.lower(), problem.reason
    return problem


# --- formats ---------------------------------------------------------------------------


def test_txt_id_is_stem_and_text_is_the_exact_file_text(tmp_path, reports):
    # Leading spaces, CRLF line ends and a trailing blank line must all survive, so offsets index the file.
    content = "  " + reports["wire"].replace("\n", "\r\n") + "\r\n"
    path = tmp_path / "wire-report.txt"
    path.write_bytes(content.encode("utf-8"))

    documents, problems = load([path])

    assert problems == []
    [document] = documents
    assert document.id == "wire-report"
    assert document.text == content == path.read_bytes().decode("utf-8")
    assert document.path == str(path)
    assert document.title is None


def test_evidence_offsets_index_the_file_text(good_files):
    result = newsweave.brief(good_files)
    assert result.summary
    files = {p.stem: p.read_text(encoding="utf-8") for p in good_files}
    for item in result.summary:
        sentence = item.sentence
        assert files[sentence.document][sentence.start : sentence.end] == item.text
        for evidence in item.evidence:
            assert result.story.document(evidence.document).text == files[evidence.document]


def test_markdown_title_from_heading(tmp_path, reports):
    path = tmp_path / "courier.md"
    content = "\n# Ferry aground off Port Aldwin\n\n" + reports["courier"]
    path.write_text(content, encoding="utf-8")
    untitled = tmp_path / "notes.markdown"
    untitled.write_text(reports["wire"] + "\n# Not a title: not on the first line\n", encoding="utf-8")

    documents, problems = load([path, untitled])

    assert problems == []
    assert [d.id for d in documents] == ["courier", "notes"]
    assert documents[0].title == "Ferry aground off Port Aldwin"
    assert documents[0].text == content
    assert documents[1].title is None


def test_html_main_text_and_metadata(tmp_path, reports):
    path = tmp_path / "courier.html"
    path.write_text(html_page(paragraphs(reports["courier"])), encoding="utf-8")

    documents, problems = load([path])

    assert problems == []
    [document] = documents
    assert document.id == "courier"
    assert document.path == str(path)
    assert document.title == "Ferry runs aground off Port Aldwin"
    assert document.outlet == "Aldwin Courier"
    assert document.published == "2024-03-09"
    assert document.url == "https://courier.example/2024/03/09/ferry-aground"
    for paragraph in paragraphs(reports["courier"]):
        assert paragraph in document.text
    for clutter in ("Sport desk", "Home page", "We use cookies", "Accept all cookies", "Copyright 2024", "newsroom desk"):
        assert clutter not in document.text


def test_json_single_object_with_metadata(tmp_path, reports):
    record = {
        "id": "radio-7",
        "title": "Gull Maiden to be refloated Monday",
        "outlet": "Aldwin Radio",
        "published": "2024-03-10",
        "url": "https://radio.example/news/gull-maiden",
        "text": reports["gazette"],
    }
    path = tmp_path / "radio.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    no_id = tmp_path / "plain.json"
    no_id.write_text(json.dumps({"text": reports["wire"]}), encoding="utf-8")

    documents, problems = load([path, no_id])

    assert problems == []
    first, second = documents
    assert (first.id, first.title, first.outlet, first.published, first.url, first.text, first.path) == (
        "radio-7", record["title"], "Aldwin Radio", "2024-03-10", record["url"], reports["gazette"], str(path),
    )
    assert (second.id, second.text, second.title) == ("plain", reports["wire"], None)


def test_json_list_of_objects(tmp_path, reports):
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps([{"text": reports["wire"]}, {"id": "courier", "text": reports["courier"], "outlet": "Courier"}]),
        encoding="utf-8",
    )

    documents, problems = load([path])

    assert problems == []
    assert [(d.id, d.text, d.outlet) for d in documents] == [
        ("feed-1", reports["wire"], None),
        ("courier", reports["courier"], "Courier"),
    ]


def test_json_object_with_documents(tmp_path, reports):
    path = tmp_path / "cluster.json"
    cluster = {"id": "ferry", "documents": [{"id": name, "text": text} for name, text in reports.items()]}
    path.write_text(json.dumps(cluster), encoding="utf-8")

    documents, problems = load([path])

    assert problems == []
    assert {d.id: d.text for d in documents} == reports


def test_jsonl_one_object_a_line(tmp_path, reports):
    path = tmp_path / "stream.jsonl"
    lines = [
        json.dumps({"id": "wire", "text": reports["wire"], "outlet": "Wire"}),
        "",  # blank lines are skipped but still counted
        json.dumps({"text": reports["courier"]}),
        json.dumps({"text": reports["gazette"], "title": "Refloat planned"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    documents, problems = load([path])

    assert problems == []
    assert [(d.id, d.text) for d in documents] == [
        ("wire", reports["wire"]),
        ("stream-3", reports["courier"]),
        ("stream-4", reports["gazette"]),
    ]
    assert documents[0].outlet == "Wire" and documents[2].title == "Refloat planned"


def test_folder_reads_every_supported_file_sorted(tmp_path, reports):
    (tmp_path / "wire.txt").write_text(reports["wire"], encoding="utf-8")
    (tmp_path / "gazette.json").write_text(json.dumps({"text": reports["gazette"]}), encoding="utf-8")
    (tmp_path / "courier.html").write_text(html_page(paragraphs(reports["courier"])), encoding="utf-8")
    (tmp_path / "brief.md").write_text("# Ferry aground\n\n" + reports["wire"], encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("hidden files are ignored", encoding="utf-8")
    (tmp_path / "sub").mkdir()  # sub-folders are not descended into
    (tmp_path / "sub" / "other.txt").write_text(reports["wire"], encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")

    # A folder path as str, with and without the trailing slash, and as a Path.
    for source in (tmp_path, str(tmp_path), f"{tmp_path}/"):
        documents, problems = load([source])
        assert [d.id for d in documents] == ["brief", "courier", "gazette", "wire"]
        assert [d.path for d in documents] == [str(tmp_path / n) for n in ("brief.md", "courier.html", "gazette.json", "wire.txt")]
        assert_one_line_problem(problems, tmp_path / "scan.pdf", "unsupported", ".pdf")


def test_empty_folder_is_a_problem(tmp_path):
    documents, problems = load([tmp_path])
    assert documents == []
    assert_one_line_problem(problems, tmp_path, "no files")


def test_brief_takes_raw_texts_documents_and_dicts(reports):
    document = Document(id="courier", text=reports["courier"], outlet="Aldwin Courier")
    result = newsweave.brief(
        [
            reports["wire"],
            document,
            {"id": "gazette", "text": reports["gazette"], "title": "Refloat planned"},
            {"text": "A fourth outlet said the Gull Maiden ran aground outside Port Aldwin harbor on Saturday.\n"},
        ]
    )

    assert result.problems == []
    assert [d.id for d in result.documents] == ["text-1", "courier", "gazette", "record-4"]
    assert result.documents[0].text == reports["wire"]
    assert result.documents[1] is document and document.outlet == "Aldwin Courier"
    assert result.documents[2].title == "Refloat planned"
    assert result.summary
    cited = {i for item in result.summary for i in item.documents}
    assert cited <= {"text-1", "courier", "gazette", "record-4"}
    assert len(cited) >= 2  # the reports corroborate each other


def test_single_raw_text_line_is_text_not_a_path():
    sentence = "The ferry Gull Maiden ran aground outside Port Aldwin harbor on Saturday morning."
    documents, problems = load([sentence])
    assert problems == []
    assert [(d.id, d.text) for d in documents] == [("text-1", sentence)]


def test_empty_raw_text_is_a_problem():
    documents, problems = load(["   \n  "])
    assert documents == []
    assert_one_line_problem(problems, "text 1", "empty")


def test_duplicate_stems_get_unique_ids(tmp_path, reports):
    (tmp_path / "report.txt").write_text(reports["wire"], encoding="utf-8")
    (tmp_path / "report.html").write_text(html_page(paragraphs(reports["courier"])), encoding="utf-8")
    (tmp_path / "report.md").write_text(reports["gazette"], encoding="utf-8")

    documents, problems = load([tmp_path])
    assert problems == []
    ids = [d.id for d in documents]
    assert len(set(ids)) == 3 and ids[0] == "report" and all(i.startswith("report") for i in ids)

    explicit, _ = load([tmp_path / "report.txt", tmp_path / "report.html"])
    assert [d.id for d in explicit] == ["report", "report-2"]
    assert explicit[0].text == reports["wire"]


def test_clean_windows_1252_is_accepted(tmp_path):
    text = (
        "\u201cThe fog came in very fast,\u201d said captain Ren\u00e9 Solberg of the Gull Maiden.\n"
        "The ferry\u2019s 86 passengers were rescued \u2013 all of them \u2013 by the coast guard.\n"
    )
    path = tmp_path / "legacy.txt"
    data = text.encode("cp1252")
    assert b"\x93" in data and b"\xe9" in data  # really not UTF-8
    path.write_bytes(data)

    documents, problems = load([path])

    assert problems == []
    assert documents[0].text == text


def test_utf16_with_bom_is_accepted(tmp_path, reports):
    path = tmp_path / "wide.txt"
    path.write_bytes(reports["wire"].encode("utf-16"))  # with BOM
    documents, problems = load([path])
    assert problems == [] and documents[0].text == reports["wire"]


def test_explicit_encoding_setting(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le capitaine a d\u00e9clar\u00e9 que le ferry \u00e9tait s\u00fbr.\n".encode("latin-1"))
    documents, problems = load([path], Settings(encoding="latin-1"))
    assert problems == [] and documents[0].text.startswith("Le capitaine a d\u00e9clar\u00e9")
    _, problems = load([path], Settings(encoding="utf-8"))
    assert_one_line_problem(problems, path, "utf-8")


# --- bad inputs: one problem each, and the other reports are still briefed ------------------

_rng = random.Random(20240309)
JUNK = b"\x13\x00" + bytes(_rng.randrange(256) for _ in range(4000)) + b"\x00\x00"
MIXED = (
    "The caf\u00e9 on the quay stayed open for rescuers. ".encode("utf-8")
    + "One na\u00efve passenger filmed the grounding.\n".encode("latin-1")
)

BAD_INPUTS = {
    # id: (file name, content or None for a missing file, reason keywords)
    "empty": ("empty.txt", b"", ["empty"]),
    "whitespace-only": ("blank.md", b"  \n\t\r\n   \n", ["empty"]),
    "binary-junk": ("junk.txt", JUNK, ["binary"]),
    "png-header": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), ["png"]),
    "pdf-header": ("statement.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", ["pdf"]),
    "mixed-encoding": ("mixed.txt", MIXED, ["utf-8"]),
    "pdf-extension": ("statement.pdf", b"%PDF-1.4\n", ["unsupported", ".pdf"]),
    "docx-extension": ("statement.docx", b"PK\x03\x04" + bytes(32), ["unsupported", ".docx"]),
    "missing-path": ("no-such-report.txt", None, ["no such file"]),
    "not-json": ("feed.json", b'{"id": "x", "text": "The ferry ran aground.",,}', ["invalid json"]),
    "json-without-text": ("meta.json", json.dumps({"id": "meta", "title": "Ferry aground"}).encode(), ["'text'"]),
    "json-text-not-string": ("num.json", json.dumps({"id": "num", "text": 86}).encode(), ["'text'", "string"]),
    "empty-html": ("blank.html", b"\n\n", ["empty"]),
    "html-without-markup": ("plain.html", b"Just words, no markup at all in this file.\n", ["html"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_problem_and_the_rest_is_briefed(case, tmp_path, good_files):
    name, content, keywords = BAD_INPUTS[case]
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)

    result = newsweave.brief([*good_files, bad])

    assert_one_line_problem(result.problems, bad, *keywords)
    good_ids = {p.stem for p in good_files}
    assert {d.id for d in result.documents} == good_ids
    assert result.summary
    assert {i for item in result.summary for i in item.documents} <= good_ids


def test_missing_path_given_as_str_is_named(tmp_path):
    missing = str(tmp_path / "typo" / "report")
    documents, problems = load([missing])
    assert documents == []
    assert_one_line_problem(problems, missing, "no such file")


def test_random_bytes_without_nul_are_refused(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(3000)))
    _, problems = load([path])
    assert_one_line_problem(problems, path)


def test_file_over_the_size_limit(tmp_path, good_files, reports):
    limit = max(len(t.encode()) for t in reports.values()) + 200
    big = tmp_path / "long.txt"
    big.write_text(reports["wire"] * 4, encoding="utf-8")

    result = newsweave.brief([*good_files, big], settings=Settings(max_input_bytes=limit))

    problem = assert_one_line_problem(result.problems, big, "too large", str(limit))
    assert "max_input_bytes" in problem.reason
    assert {d.id for d in result.documents} == {p.stem for p in good_files}
    assert result.summary

    _, text_problems = load([reports["wire"] * 4], Settings(max_input_bytes=limit))
    assert_one_line_problem(text_problems, "text 1", "too large")


def test_50_mb_html_is_refused_by_its_size_without_reading_it(tmp_path, good_files, monkeypatch):
    big = tmp_path / "archive.html"
    chunk = b"<p>The ferry Gull Maiden ran aground outside Port Aldwin harbor on Saturday.</p>\n"
    with big.open("wb") as stream:
        stream.write(b"<html><body><article>\n")
        stream.write(chunk * (50 * 1024 * 1024 // len(chunk) + 1))
        stream.write(b"</article></body></html>\n")
    assert big.stat().st_size > 50 * 1024 * 1024

    read = []
    real_open_regular = files.open_regular

    class Spy:
        """The opened file, noting each file whose bytes are read."""

        def __init__(self, path):
            self.name, self.stream = Path(path).name, real_open_regular(path)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def fileno(self):
            return self.stream.fileno()

        def read(self, size=-1):
            read.append(self.name)
            return self.stream.read(size)

    monkeypatch.setattr(files, "open_regular", Spy)
    started = time.perf_counter()
    documents, problems = load([*good_files, big])
    elapsed = time.perf_counter() - started

    assert_one_line_problem(problems, big, "too large", "50.0 MB")
    assert "archive.html" not in read  # refused from its size alone
    assert sorted(read) == sorted(p.name for p in good_files)
    assert len(documents) == len(good_files)
    assert elapsed < 2.0


def test_broken_html_with_paragraphs_is_still_read(tmp_path, reports):
    ps = paragraphs(reports["courier"])
    broken = (
        f"<html><body><div class=story><p>{ps[0]}\n<p>{ps[1]} <b>unclosed bold\n"
        f"<p>{ps[2]} <i>unclosed</div></span></td>\n<<<>>> &&&& </html></p><table><tr><td>"
    )
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")

    documents, problems = load([path])

    assert problems == []
    [document] = documents
    assert document.id == "broken"
    assert ps[0] in document.text and ps[1] in document.text
    assert "<p>" not in document.text and "<<<" not in document.text


def test_a_page_s_invisible_layout_characters_are_not_in_the_text(tmp_path):
    """A page's soft hyphens and zero-width spaces would split words and names for the parser ('Baghdad\u200b' and
    'Monday\u200b' were places of their own in mn-val-12, given as text); the extraction leaves them out."""
    from newsweave.load.html import html_document

    html = ("<html><body><article><p>The medics were bit\u200bten outside the embassy in Baghdad\u200b on Monday\u200b, "
            "the law\u00adsuit said.</p><p>The correspondent was in\u2060tox\ufeffi\u00adcated, it added, and the "
            "network did not comment on Tuesday.</p></article></body></html>")
    text = html_document(html, "page").text
    assert "Baghdad on Monday, the lawsuit said." in text and "intoxicated" in text
    assert not any(c in text for c in "\u00ad\u200b\u2060\ufeff")


def test_html_with_only_a_nav_list_is_a_problem(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(
        "<html><head><title>Aldwin Courier</title></head><body><nav><ul>"
        '<li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>'
        "</ul></nav></body></html>",
        encoding="utf-8",
    )
    documents, problems = load([path])
    assert documents == []
    assert_one_line_problem(problems, path, "no article text")


def test_jsonl_bad_line_is_a_problem_naming_its_number(tmp_path, reports):
    path = tmp_path / "stream.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "wire", "text": reports["wire"]}),
                '{"id": "broken", "text": "The ferry ran aground',  # truncated line
                json.dumps({"text": reports["courier"]}),
                json.dumps({"id": "notext", "title": "Ferry"}),
            ]
        ),
        encoding="utf-8",
    )

    result = newsweave.brief([path])

    assert [d.id for d in result.documents] == ["wire", "stream-3"]
    assert [p.source for p in result.problems] == [f"{path} line 2", f"{path} line 4"]
    assert "invalid json" in result.problems[0].reason.lower()
    assert "'text'" in result.problems[1].reason
    assert all("\n" not in p.reason for p in result.problems)
    assert {i for item in result.summary for i in item.documents} <= {"wire", "stream-3"}


@pytest.mark.parametrize("content", ["[]", '{"documents": []}'])
def test_json_with_no_records_is_a_problem(tmp_path, content):
    path = tmp_path / "nothing.json"
    path.write_text(content, encoding="utf-8")
    documents, problems = load([path])
    assert documents == []
    assert_one_line_problem(problems, path)


def test_all_inputs_bad_raises_no_readable_reports(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"

    with pytest.raises(NoReadableReports) as info:
        newsweave.brief([empty, missing])

    assert [p.source for p in info.value.problems] == [str(empty), str(missing)]
    assert str(empty) in str(info.value) and "empty file" in str(info.value)


def test_no_inputs_raises_no_readable_reports():
    with pytest.raises(NoReadableReports, match="no inputs"):
        newsweave.brief([])


# --- reports held in memory (uploads, pages fetched already) ---------------------------------


def report_files(folder: Path, reports: dict[str, str]) -> list[Path]:
    """One report in each format the loader reads, as files."""
    names = list(reports)
    files_ = {
        "wire.txt": reports[names[0]],
        "notes.md": f"# Ferry aground off Port Aldwin\n\n{reports[names[1]]}",
        "courier.html": html_page(paragraphs(reports[names[2]])),
        "record.json": json.dumps({"text": reports[names[0]], "title": "Ferry aground", "published": "2024-03-09"}),
        "lines.jsonl": "\n".join(json.dumps({"id": f"r{n}", "text": text}) for n, text in enumerate(reports.values())) + "\n",
    }
    for name, text in files_.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files_]


def test_a_source_of_bytes_or_text_is_read_as_the_same_file(tmp_path, reports):
    from newsweave.load import Source

    for path in report_files(tmp_path, reports):
        expected = load([path])
        assert expected[0] and not expected[1]
        assert load([Source(str(path), path.read_bytes())]) == expected, path.name
        assert load([Source(str(path), path.read_text(encoding="utf-8"))]) == expected, path.name
        # A kind given outright wins over the name's suffix; the name's stem is the id unless one is given.
        kind = {".txt": "text", ".md": "markdown", ".html": "html", ".json": "json", ".jsonl": "jsonl"}[path.suffix]
        documents, _ = load([Source("upload", path.read_bytes(), kind=kind, id=path.stem)])
        assert [(d.id, d.text, d.title) for d in documents] == [(d.id, d.text, d.title) for d in expected[0]]


def test_an_in_memory_reports_problems_name_it_as_given(reports):
    from newsweave.load import Source

    good = json.dumps({"text": "The ferry ran aground off Port Aldwin on Saturday."})
    sources = [
        Source("C:\\Users\\ed\\lines.jsonl", f"{good}\n{{not json\n".encode()),
        Source("../../scan.pdf", b"%PDF-1.4 junk"),
        Source("scan.txt", b"%PDF-1.4 junk"),
        Source("empty.md", b""),
        Source("big.txt", "x" * 201),
        Source("lone.txt", "A lone \ud800 surrogate."),
        Source("odd.txt", b"text", kind="pdf"),
    ]
    documents, problems = load(sources, Settings(max_input_bytes=200))
    assert [d.id for d in documents] == ["lines-1"] and documents[0].path == "C:\\Users\\ed\\lines.jsonl"
    assert [p.source for p in problems] == [
        "C:\\Users\\ed\\lines.jsonl line 2", "../../scan.pdf", "scan.txt", "empty.md", "big.txt", "lone.txt", "odd.txt"
    ]
    reasons = [p.reason for p in problems]
    assert "invalid JSON" in reasons[0]
    assert "unsupported file type '.pdf'" in reasons[1]
    assert "PDF" in reasons[2] and "empty" in reasons[3] and "too large" in reasons[4]
    assert "lone surrogate" in reasons[5] and "unknown kind 'pdf'" in reasons[6]


# --- the one reader of publication dates -----------------------------------------------------

PUBLISHED = {
    "2026-10-15": "2026-10-15T00:00:00",
    " 2026-10-15 ": "2026-10-15T00:00:00",
    "2026-10-15T08:30:00Z": "2026-10-15T08:30:00+00:00",
    "2026-10-15T08:30:00+02:00": "2026-10-15T08:30:00+02:00",  # never converted: the paper's own day
    "2026-10-15 08:30": "2026-10-15T08:30:00",
    "20261015": "2026-10-15T00:00:00",
    "2026/10/15": "2026-10-15T00:00:00",
    "Thu, 15 Oct 2026 08:30:00 +0200": "2026-10-15T08:30:00+02:00",
    "Thu, 15 Oct 2026 08:30:00 GMT": "2026-10-15T08:30:00+00:00",
    "October 15, 2026": "2026-10-15T00:00:00",
    "Oct. 15th, 2026": "2026-10-15T00:00:00",
    "15 October 2026": "2026-10-15T00:00:00",
    "Thursday, October 15, 2026 8:30 PM": "2026-10-15T20:30:00",
    # No whole day, or no telling which: no date.
    "2026": None, "October 2026": None, "2026-W42": None, "10/15/2026": None, "05/06/2026": None,
    "yesterday": None, "3 hours ago": None, "2026-02-30": None, "Feb 30, 2026": None, "2026-13-01": None,
    "99999-99-99": None, "Smarch 15, 2026": None, "2026-10-15T25:00": None, "October 15, 2026 13:00 PM": None,
    "Thu, 15 Oct 2026 08:30:00 +9900": None, "2026-10-15 " + "9" * 200: None, "2026-10-15\x00": None,
    "": None, "\ud800": None,
}


@pytest.mark.parametrize("value", list(PUBLISHED))
def test_published_dates_are_read_one_way_everywhere(value):
    from newsweave.corpus.cluster import day_number
    from newsweave.corpus.sources import iso_date
    from newsweave.load.published import parse_published

    moment = parse_published(value)
    assert (moment.isoformat() if moment else None) == PUBLISHED[value]
    # Clustering's time factor and the corpus's sortable dates read it the same way.
    assert (day_number(value) is None) == (moment is None)
    if moment is not None:
        in_utc = moment.astimezone(__import__("datetime").UTC) if moment.tzinfo else moment
        assert iso_date(value)[:10] == in_utc.date().isoformat()
    elif value.strip():
        assert iso_date(value) == value.strip()  # text that is no date is kept as it is


@pytest.mark.parametrize("head, day", [
    ("# Ferry aground\n\n*By Ana Ruiz, Evening Post — October 14, 2026*\n\n", "2026-10-14"),
    ("---\ndate: 2026-10-14\ntitle: Ferry aground\n---\n", "2026-10-14"),
    ("Published: Oct. 14, 2026 08:30\n\n", "2026-10-14"),
    ("Ferry aground\nBy Ana Ruiz | 14 October 2026\n\n", "2026-10-14"),
    # a date in a headline is what the story is about, not when it was printed
    ("Ferry lost on October 2, 2026: what we know\n\n", None),
    ("\n".join(["A line of the report."] * 9) + "\nBy Ana Ruiz, October 14, 2026\n", None),  # no byline so deep
])
def test_a_text_reports_byline_or_front_matter_gives_its_publication_day(tmp_path, head, day):
    path = tmp_path / "report.md"
    path.write_text(head + "The ferry ran aground off Port Aldwin on Tuesday, the coastguard said.\n", encoding="utf-8")
    (document,) = load_sources([path], Settings())[0]
    assert document.published == day


def test_a_hostile_head_gives_no_day_and_is_read_in_bounded_time():
    from newsweave.load.published import head_published

    started = time.perf_counter()
    assert head_published("By " + "Smarch 99, 9999 " * 12) is None  # date-shaped, no date
    assert head_published("By Ana Ruiz, Feb 30, 2026") is None  # out of range
    assert head_published("By Ana Ruiz, October 14, 2026" + " x" * 5_000_000) is None  # a byline line of 10 MB
    assert head_published("\n" * 1_000_000 + "By Ana Ruiz, October 14, 2026") is None  # past the head
    assert head_published("By \x00\ud800 Oct. 14, 2026\u202e") is not None  # junk around a real date
    assert time.perf_counter() - started < 2


def test_published_values_that_are_not_text():
    import time as clock
    from datetime import UTC, date, datetime

    from newsweave.load.published import parse_published

    assert parse_published(datetime(2026, 10, 15, 8, 30)) == datetime(2026, 10, 15, 8, 30)
    assert parse_published(date(2026, 10, 15)) == datetime(2026, 10, 15)
    feed_time = clock.struct_time((2026, 10, 15, 8, 30, 0, 3, 288, 0))
    assert parse_published(feed_time) == datetime(2026, 10, 15, 8, 30, tzinfo=UTC)
    for hostile in (None, 20261015, 1e308, float("nan"), ["2026-10-15"], {"date": "2026-10-15"}, b"2026-10-15", object()):
        assert parse_published(hostile) is None


def test_the_loaders_import_no_heavy_library_until_they_read():
    """trafilatura/lxml, feedparser and warcio load only when a page, feed or archive is read (`--help` stays fast)."""
    import subprocess
    import sys

    heavy = ("trafilatura", "lxml", "feedparser", "warcio", "dateparser", "spacy")
    code = (
        "import sys, newsweave.load, newsweave.load.published, newsweave.corpus.sources\n"
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "text, expected",
    [("the Nov. 13", "11-13"), ("November 13th", "11-13"), ("13th of November", "11-13"), ("the 5 June", "06-05"),
     ("March 4, 2019", "03-04"), ("Sept. 11", "09-11"), ("Sunday", None), ("2019", None), ("last week", None),
     ("May 40", None), ("Mayday 12", None)],
)
def test_month_day_reads_a_month_and_a_day_or_nothing(text, expected):
    from newsweave.load.published import month_day

    assert month_day(text) == expected
