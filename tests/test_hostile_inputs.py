"""Hostile local input and faults: pipes, devices, links, sizes, deep JSON,
boilerplate-only reports, long reports, batch isolation, output file modes.

Each test reproduces the attack or fault with real files (a real FIFO, a real
link to /dev/zero, a real 100,000-deep JSON file) and would hang, crash or
lose good reports without the fix.
"""

from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import newsweave
from newsweave import Settings
from newsweave.load import load_sources

DEEP = "[" * 100_000 + "]" * 100_000
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and /dev/zero")


def one_problem(problems, source, *keywords):
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.source == str(source)
    assert problem.reason and "\n" not in problem.reason
    for keyword in keywords:
        assert keyword.lower() in problem.reason.lower(), problem.reason
    return problem


def newsweave_command(*args, umask: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


class PipeRescuer:
    """The timeout guard for FIFO tests: if a reader blocks opening the pipe,
    open its write end after `after` seconds so the open returns (with an empty
    read) and the test fails on its clock instead of hanging the suite."""

    def __init__(self, fifo: Path, after: float = 5.0):
        self.fifo, self.after = fifo, after
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        if self.done.wait(self.after):
            return
        while not self.done.is_set():
            try:
                os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # no reader yet
                pass
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join(5)


# --- 1. pipes, devices, links and sizes ------------------------------------------------


@POSIX
def test_a_fifo_named_like_a_report_is_refused_without_blocking(tmp_path, good_files):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)

    with PipeRescuer(fifo, after=10.0):
        started = time.monotonic()
        documents, problems = load_sources([*good_files, fifo], Settings())
        elapsed = time.monotonic() - started

    one_problem(problems, fifo, "named pipe", "not a regular file")
    assert [d.id for d in documents] == [p.stem for p in good_files]
    # a blocked open returns only when the rescuer opens the write end, after 10 s; the bound stays clear of a
    # loaded machine's first loads (3.9 s once, beside a benchmark), which a 3 s bound failed
    assert elapsed < 8.0


@POSIX
def test_a_fifo_in_a_folder_is_skipped_with_a_reason(tmp_path, reports):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "wire.txt").write_text(reports["wire"], encoding="utf-8")
    fifo = folder / "feed.txt"
    os.mkfifo(fifo)

    with PipeRescuer(fifo):
        documents, problems = load_sources([folder], Settings())

    one_problem(problems, fifo, "skipped", "named pipe")
    assert [d.id for d in documents] == ["wire"]


@POSIX
def test_a_link_to_dev_zero_is_refused_and_the_good_reports_are_read(tmp_path, good_files):
    # Run in a child with a memory cap: reading /dev/zero to the end would
    # otherwise take the machine's memory before it failed.
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    script = (
        "import json, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from newsweave import Settings\n"
        "from newsweave.load import load_sources\n"
        "documents, problems = load_sources(sys.argv[1:], Settings())\n"
        "print(json.dumps({'ids': [d.id for d in documents], 'problems': [[p.source, p.reason] for p in problems]}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, *map(str, good_files), str(zero)], capture_output=True, text=True, timeout=60
    )

    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert result["ids"] == [p.stem for p in good_files]
    [[source, reason]] = result["problems"]
    assert source == str(zero) and "device" in reason and "not a regular file" in reason


@POSIX
def test_brief_command_with_a_fifo_and_a_device_link_still_briefs(tmp_path, good_files):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")

    with PipeRescuer(fifo, after=60):
        run = newsweave_command("brief", *good_files, fifo, zero, "--format", "json", timeout=90)

    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert f"newsweave: {fifo}: is a named pipe (FIFO), not a regular file" in lines
    assert f"newsweave: {zero}: is a device, not a regular file" in lines
    data = json.loads(run.stdout)
    assert {d["id"] for d in data["documents"]} == {p.stem for p in good_files}
    assert data["summary"]


def test_a_link_to_a_regular_file_is_read(tmp_path, reports):
    target = tmp_path / "original.txt"
    target.write_text(reports["wire"], encoding="utf-8")
    link = tmp_path / "linked.txt"
    link.symlink_to(target)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")

    documents, problems = load_sources([link, broken], Settings())

    assert [(d.id, d.text) for d in documents] == [("linked", reports["wire"])]
    one_problem(problems, broken, "no such file")


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux /proc")
def test_the_size_limit_holds_while_reading_a_file_that_claims_size_zero(tmp_path):
    # /proc files are regular files whose size says 0: only a limit enforced
    # while reading stops them (the same holds for a file that grows).
    maps = tmp_path / "maps.txt"
    maps.symlink_to("/proc/self/maps")
    assert os.stat(maps).st_size == 0

    documents, problems = load_sources([maps], Settings(max_input_bytes=1000))

    assert documents == []
    one_problem(problems, maps, "too large", "1000 bytes")


# --- 2. deeply nested JSON ------------------------------------------------------------


def test_deep_json_file_is_one_problem(tmp_path, good_files):
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")

    documents, problems = load_sources([*good_files, deep], Settings())

    one_problem(problems, deep, "nested too deeply")
    assert [d.id for d in documents] == [p.stem for p in good_files]


def test_deep_jsonl_line_is_one_problem_and_the_next_lines_are_read(tmp_path, reports):
    path = tmp_path / "stream.jsonl"
    path.write_text(
        "\n".join([json.dumps({"id": "wire", "text": reports["wire"]}), DEEP, json.dumps({"id": "courier", "text": reports["courier"]})])
        + "\n",
        encoding="utf-8",
    )

    documents, problems = load_sources([path], Settings())

    assert [d.id for d in documents] == ["wire", "courier"]
    one_problem(problems, f"{path} line 2", "nested too deeply")


def test_deeply_nested_metadata_is_ignored_not_a_crash(tmp_path, reports):
    nested = json.loads("[" * 900 + "]" * 900)
    path = tmp_path / "nested.json"
    path.write_text(json.dumps({"id": "wire", "text": reports["wire"], "title": nested}), encoding="utf-8")

    documents, problems = load_sources([path], Settings())

    assert problems == []
    assert [(d.id, d.title) for d in documents] == [("wire", None)]


def test_brief_command_deep_json_is_one_problem_line(tmp_path, good_files):
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")

    run = newsweave_command("brief", *good_files, deep, "--format", "json")

    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"newsweave: {deep}: invalid JSON: nested too deeply"]
    assert {d["id"] for d in json.loads(run.stdout)["documents"]} == {p.stem for p in good_files}


def test_ingest_deep_jsonl_line_costs_that_line_only(tmp_path, reports):
    from newsweave.corpus import ingest, open_store

    path = tmp_path / "export.jsonl"
    path.write_text(
        "\n".join([json.dumps({"text": reports["wire"]}), DEEP, json.dumps({"text": reports["gazette"]})]) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"

    report = ingest([path], db=db)

    assert report.added == 2
    one_problem(report.errors, f"{path} line 2", "nested too deeply")
    with open_store(db, readonly=True) as store:
        texts = [row[0] for row in store.conn.execute("SELECT text FROM articles ORDER BY id")]
    assert texts == [reports["wire"], reports["gazette"]]


def test_export_of_a_deep_json_file_is_a_clean_error(tmp_path):
    deep = tmp_path / "brief.json"
    deep.write_text(DEEP, encoding="utf-8")

    run = newsweave_command("export", deep, "--format", "json")

    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"newsweave: error: {deep}: invalid JSON: nested too deeply"]


# --- 3. a report that is one line of boilerplate ---------------------------------------

JOURNAL = [
    "The journal retracted the flawed sleep study on Monday after a long review, its editor said.\n\n"
    "The authors had used the wrong data set for the main analysis, the journal said.\n",
    "A medical journal withdrew a study of sleep and memory on Monday, saying its data were wrong.\n\n"
    "The editor said the authors agreed with the decision to withdraw it.\n",
]
BOILERPLATE_ONLY = "More from this journal"


def test_a_boilerplate_only_report_beside_real_ones_is_summarized():
    result = newsweave.brief([*JOURNAL, BOILERPLATE_ONLY])

    assert result.summary
    assert {i for item in result.summary for i in item.documents} <= {"text-1", "text-2", "text-3"}
    for item in result.summary:
        assert any(item.text in text for text in JOURNAL)


def test_a_figure_hundreds_of_digits_long_is_read_as_words_not_a_crash():
    """float() of a 400-digit figure is infinity, and int(infinity) raised OverflowError deep in annotate."""
    huge = "9" * 400
    result = newsweave.brief([*JOURNAL, f"The ledger listed {huge} entries, the clerk said on Monday."])

    assert result.summary
    assert all(huge not in number for s in result.story.sentences for number in s.numbers)


# --- 4. batch mode isolates every failure -----------------------------------------------


def cluster_line(cluster_id, texts) -> str:
    return json.dumps({"id": cluster_id, "documents": list(texts)})


def test_batch_one_failing_cluster_is_an_error_line_and_the_others_are_summarized(monkeypatch, reports):
    """Any exception met in one cluster, even a bug, becomes that cluster's error line."""
    import newsweave.pipeline
    from newsweave.batch import summarize_lines

    real_build_story = newsweave.pipeline.build_story

    def faulty(documents, settings, *args, **kwargs):
        if any("FAULT" in d.text for d in documents):
            raise KeyError("'3'")
        return real_build_story(documents, settings, *args, **kwargs)

    monkeypatch.setattr(newsweave.pipeline, "build_story", faulty)
    lines = [
        cluster_line("bad", ["A ferry with FAULT aboard ran aground on Saturday, the coast guard said."]),
        cluster_line("good", reports.values()),
        cluster_line({"nested": "id"}, reports.values()),
        DEEP,
    ]

    results = list(summarize_lines(lines, Settings(words=40)))

    assert [r.get("id") for r in results] == ["bad", "good", None, None]
    assert results[0] == {"id": "bad", "line": 1, "error": "internal error (KeyError: \"'3'\")"}
    assert results[1]["summary"] and "error" not in results[1]
    assert "'id' must be a string or a number" in results[2]["error"]
    assert results[3] == {"id": None, "line": 4, "error": "invalid JSON: nested too deeply"}


def test_batch_one_text_and_boilerplate_clusters_get_summaries(reports):
    from newsweave.batch import summarize_lines

    lines = [cluster_line("one-text", [reports["wire"]]), cluster_line("journal", [*JOURNAL, BOILERPLATE_ONLY])]

    one_text, journal = summarize_lines(lines, Settings(words=60))

    assert one_text["id"] == "one-text" and one_text["summary"]
    assert all(sentence in reports["wire"] for sentence in one_text["summary"])
    assert journal["id"] == "journal" and journal["summary"], journal
    assert all(any(sentence in text for text in JOURNAL) for sentence in journal["summary"])


def test_summarize_command_streams_each_line_as_it_is_ready(tmp_path, reports):
    """The first result is readable while the batch runs (killed then: the lines so far are whole)."""
    good = cluster_line("good", reports.values())
    lines = [good, "{not json", DEEP, *(cluster_line(f"good-{n}", reports.values()) for n in range(8))]
    source = tmp_path / "clusters.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "summarize", "--jsonl", str(source), "--words", "40"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 120)
        assert ready, "no result line within 120 s"
        first = process.stdout.readline()
        still_running = process.poll() is None
    finally:
        process.kill()
        rest, errors = process.communicate(timeout=30)

    assert still_running, "the first line came only when the whole batch was done"
    assert json.loads(first)["id"] == "good" and json.loads(first)["summary"]
    written = [json.loads(line) for line in rest.decode("utf-8").splitlines()]  # every line whole
    assert len(written) < len(lines) - 1
    assert b"Traceback" not in errors


def test_summarize_command_all_clusters_failing_exits_1(tmp_path):
    source = tmp_path / "bad.jsonl"
    lone_surrogate = '{"id": "\\ud800", "documents": ["The ferry ran aground in fog \\udc00 on Saturday."]}'
    source.write_text("\n".join(["{not json", DEEP, json.dumps({"id": "x"}), "[1, 2]", lone_surrogate]) + "\n", encoding="utf-8")

    run = newsweave_command("summarize", "--jsonl", source)

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3, 4, 5] and all("error" in r for r in results)
    assert results[4]["id"] == "\ud800"  # echoed as given, as the JSON escape
    assert "5 of 5 clusters failed" in run.stderr


def test_summarize_command_refuses_a_device_and_an_empty_input(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")

    device = newsweave_command("summarize", "--jsonl", "/dev/zero", timeout=30)
    blank = newsweave_command("summarize", "--jsonl", empty, timeout=30)

    assert device.returncode == 1 and device.stderr.splitlines()[-1] == "newsweave: error: /dev/zero: is a device, not a regular file"
    assert blank.returncode == 1 and "no clusters" in blank.stderr
    assert "Traceback" not in device.stderr + blank.stderr


def test_batch_line_over_the_limit_is_an_error_line_without_being_kept(tmp_path):
    from newsweave.batch import summarize_lines
    from newsweave.load.files import bounded_lines

    path = tmp_path / "clusters.jsonl"
    path.write_bytes(b'{"id": "huge", "documents": ["' + b"x" * 5000 + b'"]}\n{"id": 2}\n')
    with open(path, "rb") as stream:
        lines = [line for _, line in bounded_lines(stream, 1000)]

    assert lines == [None, b'{"id": 2}\n']
    huge, second = summarize_lines(lines, Settings(max_input_bytes=1000 // 8))
    assert "line too long" in huge["error"] and second["id"] == 2 and "documents" in second["error"]


# --- 5. long reports ---------------------------------------------------------------------


def long_report(chars: int, seed: int = 7) -> str:
    """An invented follow-up report on the ferry grounding (conftest.py's story), about `chars`
    characters long: varied paragraphs from a few templates."""
    import random

    rng = random.Random(seed)
    places = ["Port Aldwin harbor", "the Aldwin channel", "Gull Point", "the north breakwater", "Saltmarsh Quay"]
    people = ["Harbor master Ines Varga", "Captain Oona March", "Coast guard spokesman Gideon Vale", "Priya Anand of the ferry operator"]
    verbs = ["inspected", "surveyed", "marked", "dredged", "buoyed", "charted"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    templates = [
        "Coast guard crews {verb} the sandbar near {place} on {day}, after the ferry Gull Maiden ran aground there.",
        "{person} told reporters on {day} that {n} passengers had been questioned about the grounding.",
        "The channel near {place} had been {verb} twice since {year}, according to records kept by the harbor office.",
        "Fog near {place} cut visibility to {n} metres overnight before it lifted on {day}, {person} said.",
        "In {year}, another ferry ran aground near {place}, and {n} passengers were taken off by lifeboat.",
    ]
    paragraphs, size = [], 0
    while size < chars:
        paragraph = " ".join(
            rng.choice(templates).format(
                verb=rng.choice(verbs), place=rng.choice(places), day=rng.choice(days), person=rng.choice(people),
                n=rng.randint(2, 990), year=rng.randint(1950, 2020),
            )
            for _ in range(rng.randint(2, 5))
        )
        paragraphs.append(paragraph[0].upper() + paragraph[1:])
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def test_text_parts_join_back_to_the_text_and_end_at_paragraph_breaks():
    from newsweave.annotate.parts import text_parts

    text = long_report(30_000)
    parts = text_parts(text, 4_000)

    assert "".join(parts) == text
    assert len(parts) > 7 and all(0 < len(part) <= 4_000 for part in parts)
    assert all(part.endswith("\n") for part in parts[:-1])
    # No line break to cut at: a sentence's end, then a space, then anywhere.
    one_line = text.replace("\n\n", " ")
    assert all(p.endswith(". ") for p in text_parts(one_line, 4_000)[:-1])
    assert "".join(text_parts(one_line, 4_000)) == one_line
    assert [len(p) for p in text_parts("x" * 10_000, 4_000)] == [4_000, 4_000, 2_000]


def test_a_long_report_is_parsed_in_parts_and_its_offsets_index_the_whole_text():
    from newsweave.annotate import annotate
    from newsweave.annotate.parts import PART_CHARS
    from newsweave.story import Document, Story

    text = long_report(int(PART_CHARS * 2.5))
    story = Story(documents=[Document(id="follow-up", text=text)])

    annotate(story, Settings(max_report_chars=len(text)))

    assert story.warnings == []
    doc = story.workspace.parses["follow-up"]
    assert doc.text == text
    assert story.sentences and all(text[s.start : s.end] == s.text for s in story.sentences)
    late = [s for s in story.sentences if s.start > 2 * PART_CHARS]
    assert late and any(s.entities for s in late)  # the last part was parsed, entities and all
    assert story.sentences[-1].end >= len(text.rstrip()) - 2


def test_brief_of_a_report_over_a_million_characters(tmp_path, good_files):
    """spaCy refuses a text over a million characters (E088); the brief must still be made, quickly."""
    import resource

    text = long_report(1_200_000)
    long = tmp_path / "follow-up.txt"
    long.write_text(text, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)

    run = newsweave_command("brief", *good_files, long, "--format", "json", timeout=600)

    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    data = json.loads(run.stdout)
    assert run.stderr.splitlines() == [f"newsweave: warning: {data['warnings'][0]['message']}"]
    [warning] = data["warnings"]
    assert warning["kind"] == "long report" and warning["message"].startswith("Report follow-up is 1,200,")
    assert "max_report_chars" in warning["message"]
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert set(texts) == {"follow-up", *(p.stem for p in good_files)}
    assert text.startswith(texts["follow-up"]) and texts["follow-up"].endswith("\n") and len(texts["follow-up"]) <= 100_000
    for item in data["summary"]:
        for evidence in item["evidence"]:
            assert texts[evidence["document"]][evidence["start"] : evidence["end"]]
        first = item["evidence"][0]
        assert texts[first["document"]][first["start"] : first["end"]] == item["text"]
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert cpu < 60, f"{cpu:.0f} s of CPU"


# --- 6. output files follow the umask ---------------------------------------------------


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_file_gets_the_umask_mode(tmp_path, umask, expected):
    from newsweave.output import write_output

    target = tmp_path / "brief.md"
    previous = os.umask(umask)
    try:
        write_output("# Brief\n", str(target))
    finally:
        os.umask(previous)

    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert target.read_text() == "# Brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_replacing_an_output_file_keeps_its_mode(tmp_path):
    from newsweave.output import write_output

    target = tmp_path / "brief.md"
    target.write_text("old")
    target.chmod(0o640)

    write_output("new", str(target))

    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "new"


def test_brief_command_output_over_a_0644_file_stays_0644(tmp_path, good_files):
    target = tmp_path / "brief.json"
    target.write_text("{}")
    target.chmod(0o644)

    run = newsweave_command("brief", *good_files, "--format", "json", "-o", target, umask=0o022)

    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert json.loads(target.read_text())["schema"].startswith("newsweave.brief/")
    fresh = tmp_path / "fresh.jsonl"
    source = tmp_path / "clusters.jsonl"
    source.write_text(cluster_line("c", [JOURNAL[0]]) + "\n", encoding="utf-8")
    run = newsweave_command("summarize", "--jsonl", source, "-o", fresh, umask=0o022)
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json", "clusters.jsonl", "fresh.jsonl"]


# --- 7. argument errors say what is expected --------------------------------------------


@pytest.mark.parametrize("value", ["abc", "0", "-3", "2.5"])
def test_words_argument_error_says_what_is_expected(value):
    run = newsweave_command("brief", "report.txt", "--words", value, timeout=30)

    assert run.returncode == 2
    assert f"--words: expected a whole number above 0, got '{value}'" in run.stderr
    assert "_positive" not in run.stderr


# --- a page's prose check in linear time --------------------------------------------------------

_LONG_LINE_PAGE = ("<html><body><article><p>" + " ".join(f"word{n}" for n in range(40_000))
                   + ' committee"</p></article></body></html>')


def test_a_page_of_one_long_line_without_a_final_stop_is_decided_at_once(tmp_path):
    """The attack: a page whose text is one long line of words with no sentence's end. The prose check was a
    regular expression that backtracked over such a line (10 s for 2,900 characters found in a real crawl;
    hours for this one). Run in a child process, so a regression fails on the timeout instead of hanging."""
    page = tmp_path / "long-line.html"
    page.write_text(_LONG_LINE_PAGE, encoding="utf-8")
    code = ("import sys; from newsweave.load.html import html_document; from newsweave.errors import InputError\n"
            "try:\n    html_document(open(sys.argv[1], encoding='utf-8').read(), 'page')\nexcept InputError as exc:\n"
            "    print(exc)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "no article text found" in done.stdout  # no sentence ends in it: not prose
    assert time.perf_counter() - started < 30


def test_an_article_whose_one_line_ends_without_a_stop_is_still_an_article():
    """Sentences inside the line make it prose, even when the line ends on a quotation's name, not a stop
    (a real article the old check skipped as 'no article text')."""
    from newsweave.load.html import html_document

    text = ("The clinic reopened on Monday after a month of repairs. Its director thanked the volunteers who "
            "painted the wards. Find out more about \"The Friends of the Clinic Committee\"")
    document = html_document(f"<html><body><article><p>{text}</p></article></body></html>", "clinic")
    assert document.text.startswith("The clinic reopened")


# --- this sitting's readers of report text, on hostile lines ----------------------------------------------

def test_the_month_day_and_stand_alone_readers_take_hostile_lines_in_linear_time():
    """The attack: one 'sentence' of 200,000 characters built to make the new patterns backtrack: quote
    marks and spaces for the whole-quotation check, digits and month names without a match for month_day,
    and a brief of a report made of dated events and ages ('the Jan. 3 attack', 'Name, 58,') by the thousand."""
    import newsweave
    from newsweave.corroborate import leans_on_context
    from newsweave.load.published import month_day

    started = time.perf_counter()
    assert not leans_on_context("'" + "' " * 100_000 + "x")
    assert leans_on_context("“" + "word ’ " * 30_000 + "”")
    assert month_day("12 " * 60_000 + "Mayday") is None
    assert month_day("Nov " * 50_000 + "13") == "11-13"
    assert time.perf_counter() - started < 5
    report = " ".join(f"After the Jan. {n % 28 + 1} attack, Ada Lund, {n % 80 + 18}, spoke." for n in range(1_500))
    started = time.perf_counter()
    brief = newsweave.brief([{"id": "r1", "text": report}, {"id": "r2", "text": report[:2_000]}])
    assert brief.story.claims
    assert time.perf_counter() - started < 120


def test_the_wire_copy_and_page_furniture_patterns_take_hostile_lines_in_linear_time():
    """The attack: lines of 100,000 characters or more built from the pieces of the eighth sitting's patterns
    (a photographer's credit, a street address, a described outlet, a writer's credit, wire quote marks, a
    month counted from the report's day, a clock time after a year), each run as the code runs it."""
    from newsweave import timeline
    from newsweave.annotate import sentences
    from newsweave.crosscheck import outlets
    from newsweave.entities import mentions

    started = time.perf_counter()
    assert sentences.LEADING_CREDIT.search("Ann " * 50_000 + "/ AP") is None
    assert sentences.LEADING_CREDIT.search("A" + "b" * 200_000 + " /") is None
    assert mentions.STREET_ADDRESS.search("12 " + "Main. " * 50_000) is None
    assert mentions.STREET_ADDRESS.search("1 A " * 50_000) is None
    assert outlets._DESCRIBED_OUTLET.search("the Swedish daily " + "Dagens " * 50_000 + "x") is None
    assert outlets._OUTLET_DESCRIBED_AFTER.search("the " + "Dagens " * 50_000 + "x") is None
    assert outlets._DESCRIBED_OUTLET.search("the " + "big " * 50_000 + "daily x") is None
    assert not outlets.is_outlet("the daily " + "on " * 50_000)
    assert timeline._GLUED_DAY_WORD.search("Oct." * 50_000 + "x") is None
    assert sentences._CONTRIBUTED.search("contributed " * 40_000 + "to this report" + "!" * 100_000 + "a") is None
    assert sentences._WIRE_OPENING.search(" ''" * 60_000 + " ") is None
    assert timeline._MONTH_COUNTED.search("early " * 50_000 + "last May!") is None
    assert timeline._CLOCK_AFTER.match(" " * 200_000 + "x") is None
    assert sentences._WHO_SAID_IT.fullmatch("A" + "b" * 200_000 + " said") is None
    assert sentences._WHO_SAID_IT.fullmatch("Ann " + "said in " * 30_000) is None
    assert time.perf_counter() - started < 2


def test_the_ninth_sitting_s_readers_of_labels_first_person_and_statements_take_hostile_text_in_linear_time():
    """The attack: a line of 20,000 quoted labels (each checked against the one before), a sentence of 50,000
    'World War I's (each 'I' checked for a numeral before it), and 10,000 paragraphs each handed over by a line
    ending 'statement:'."""
    from newsweave import summarize
    from newsweave.crosscheck.quotes import find_quotes
    from newsweave.story import Sentence

    started = time.perf_counter()
    assert find_quotes("a", 'labeled "Things we can do," ' * 20_000 + '"What we can do" and "we can do it now"\n') == []
    assert summarize._in_first_person("World War I " * 50_000 + "and me.")
    assert not summarize._in_first_person("World War I " * 50_000 + "ended.")
    sentences = [Sentence("a", n * 60, n * 60 + 50, "The council said in a statement:" if n % 2 == 0 else "We mourn.",
                          index=n, paragraph=n) for n in range(20_000)]
    assert len(summarize._statements_introduced(sentences)) == 10_000
    assert time.perf_counter() - started < 5


def test_ages_without_a_name_by_the_thousand_take_linear_time():
    """The attack: a report of 1,500 unnamed ages ('A 58-year-old man ...', 'He was 41.') against one naming
    people of those ages: each age is read once, and its owner looked up once (claims.name_unnamed_ages)."""
    import newsweave

    unnamed = " ".join(f"A {n % 80 + 18}-year-old man crossed the Larkmoor bridge. He was {n % 80 + 18}." for n in range(1_500))
    named = " ".join(f"Ada Lund{n}, {n + 18}, crossed the Larkmoor bridge." for n in range(80))
    started = time.perf_counter()
    brief = newsweave.brief([{"id": "r1", "text": unnamed}, {"id": "r2", "text": named}])
    assert any(c.kind == "age" and c.document == "r1" for c in brief.story.claims)
    assert time.perf_counter() - started < 120


def test_a_name_of_thousands_of_words_is_not_reordered_in_square_time():
    """The attack: an 'entity' of 20,000 capitalised words; comparing its words in every order would take
    400 million steps. A name longer than twelve words is never a reordering of another."""
    from newsweave.entities.resolve import reordered

    long = " ".join(f"harbor{n}" for n in range(20_000))
    started = time.perf_counter()
    assert not reordered(long, " ".join(reversed(long.split())))
    assert reordered("cia world factbook", "world cia fact book")
    assert time.perf_counter() - started < 1


def test_a_report_of_hundreds_of_dates_of_one_event_is_cross_checked_in_square_time():
    """The attack: two reports of 600 dated meetings each ('The council met on March 3, 1994 ...'): every
    pair of one event's dates asked whether either report also gives the other's date, by a scan of every
    mention, took the cube of the mentions (12 s for 400 a report, minutes for 1,500). Each report's dates
    are now read once per list, down to the distinct dates, and each answer is kept."""
    from newsweave.crosscheck.dates import date_discrepancies
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    text = " ".join(f"The Harlow council met on March {n % 28 + 1}, {1990 + n % 30} and voted on {n} roads." for n in range(600))
    story = build_story([Document(id="r1", text=text), Document(id="r2", text=text.replace("Harlow", "Velm"))],
                        Settings(), stages=["annotate", "align", "timeline"])
    assert len(story.workspace.dates) >= 1_000
    started = time.perf_counter()
    date_discrepancies(story)
    assert time.perf_counter() - started < 5


def test_thousands_of_quotes_are_listed_without_comparing_every_pair():
    """The attack: a page of thousands of short quotes. Finding which quote lies inside another by comparing
    every pair took 19 s for 3,000; each report's quoted spans are now swept once in order."""
    from newsweave.crosscheck.quotes import _parts_joined
    from newsweave.story import Evidence, Quote

    quotes = [Quote(f"words number {n} said here", "Dale Ostrow", None,
                    [Evidence("a", n * 50, n * 50 + 30), Evidence("b", n * 50, n * 50 + 30)]) for n in range(3_000)]
    nested = Quote("a short piece", "Dale Ostrow", None, [Evidence("a", 105, 115), Evidence("c", 0, 13)])
    started = time.perf_counter()
    joined = _parts_joined([*quotes, nested])
    assert time.perf_counter() - started < 1.0
    assert len(joined) == 3_000  # the piece inside quote 2's words in report a is part of quote 2
    (holder,) = [q for q in joined if Evidence("c", 0, 13) in q.evidence]
    assert holder.text == "words number 2 said here"


def test_a_list_of_thousands_of_names_is_resolved_and_linked_without_comparing_every_pair():
    """The attack: one sentence listing 3,000 names, and a report of 750 people. Every pair of names in the
    sentence was "mentioned with" every other, spaCy's text and conjuncts were rebuilt for each name, and each
    pair of spellings recomputed both words' letters: the entity stage took 16 s and made 3.5 million links (a
    brief of 8,000 such names, 73 s). A name is now linked with its twelve nearest in a sentence, the text and
    conjuncts are read once per report, and spellings are compared within their first letter and word count,
    each word's letters worked out once: 2 s and 36,000 links (8,000 names: 15 s)."""
    import random
    import string

    from newsweave.entities import resolve_entities
    from newsweave.entities.relations import NEAREST_TOGETHER
    from newsweave.pipeline import build_story
    from newsweave.story import Document

    rng = random.Random(7)
    words = ("".join(rng.choice(pair) for pair in ["bdfgklmnprstvz", "aeiou", "lnrstbdk", "aeiou", "mnprstvz", "aeiou"] * 2)
             .title() for _ in iter(int, 1))
    names = [next(words) + "ville" for _ in range(3_000)]
    people = " ".join(f"{next(words)} {string.ascii_uppercase[n % 26]}{next(words).lower()} said it was fine."
                      for n in range(750))
    text = f"Walls collapsed in the villages of {', '.join(names)} and Oskeli, the governor said.\n"
    story = build_story([Document(id="r1", text=text), Document(id="r2", text=people)], Settings(),
                        stages=["annotate", "align"])
    started = time.perf_counter()
    resolve_entities(story, Settings())
    assert time.perf_counter() - started < 8
    places = [e for e in story.entities if e.name.endswith("ville")]
    assert len(places) > 2_000 and sum(e.type == "GPE" for e in places) > 0.9 * len(places)  # "the villages of ..." 
    together = [r for r in story.relations if r.label == "mentioned with"]
    assert len(together) <= len(story.entities) * NEAREST_TOGETHER


def test_a_list_of_thousands_of_people_is_resolved_without_comparing_every_pair(monkeypatch):
    """The attack: one report naming 3,000 people ("rapper Dakelo Mirasu, rapper ..."). Every pair of people was
    compared three times over (for a slipped word, for a slipped surname, for a partial name), and the text scanned
    at every capital once per person: the entity stage took 7.4 s for 3,000 and 17.7 s for 5,000, the square of the
    list. People are now compared only with those whose name shares a word, or a word's first letter where a slip
    may be, and the text searched only before each place the rest of a name is written: 2.8 s and 5.4 s."""
    import importlib
    import random

    from newsweave.entities import resolve_entities
    from newsweave.pipeline import build_story
    from newsweave.story import Document

    rng = random.Random(11)
    words = ("".join(rng.choice(pair) for pair in ["bdfgklmnprstvz", "aeiou", "lnrstbdk", "aeiou", "mnprstvz", "aeiou"])
             .title() for _ in iter(int, 1))
    people = [f"rapper {next(words)} {next(words)}" for _ in range(3_000)]
    story = build_story([Document(id="r1", text=f"Guests included {', '.join(people)}, the label said.\n")], Settings(),
                        stages=["annotate", "align"])
    resolve_module = importlib.import_module("newsweave.entities.resolve")  # (the package's `resolve` is a function)
    asked = 0
    name_words = resolve_module._name_words

    def counted(name: str) -> list[str]:
        nonlocal asked
        asked += 1
        return name_words(name)

    monkeypatch.setattr(resolve_module, "_name_words", counted)
    resolve_entities(story, Settings())
    named = [e for e in story.entities if e.type == "PERSON"]
    assert len(named) > 2_000
    assert asked < 100 * len(people)  # (every pair: 4.5 million pairs, each asked twice)


def test_a_story_of_hundreds_of_long_reports_is_briefed_within_max_brief_chars():
    """A corpus story (or a folder) of hundreds of long reports once went whole into the claim
    alignment, whose time and memory grow as the square of the text: 160 reports took 8 GB, and a
    few hundred more would exhaust the machine. Now a brief reads at most max_brief_chars of them."""
    from newsweave import pipeline
    from newsweave.story import Document

    report = "The Harlow bridge closed on Monday after inspectors found cracks in two of its piers. " * 40
    documents = [Document(id=f"report-{k:03d}", text=report, published=f"2026-{1 + k // 28:02d}-{1 + k % 28:02d}")
                 for k in range(300)]
    settings = Settings()
    story = pipeline.build_story(documents, settings, stages=())
    briefed = sum(len(d.text) for d in story.documents)
    assert briefed <= settings.max_brief_chars < sum(len(d.text) for d in documents)
    assert story.documents[0].id == "report-000" and story.documents[-1].id == "report-299"
    (warning,) = story.warnings
    assert len(warning.left_out) + len(story.documents) == 300


def test_counting_distinct_reports_finds_what_comparing_every_pair_finds():
    """The one-story check counts a story's reports with near-identical ones once. It compared each report
    with every distinct one before it (680 reports: 9 s); now only with those sharing a shingle, by the
    same Jaccard. The same counts as the whole comparison on random groups of copies, edits and blanks."""
    import random

    from newsweave.corpus.dedup import NEAR_IDENTICAL, SHINGLE_WORDS
    from newsweave.corpus.signatures import shingles
    from newsweave.stories import _distinct_reports
    from newsweave.story import Document

    def every_pair(group):
        distinct = []
        for document in group:
            grams = set(shingles(document.text, SHINGLE_WORDS))
            if not any((len(grams & other) / len(grams | other) if grams or other else 1.0) >= NEAR_IDENTICAL
                       for other in distinct):
                distinct.append(grams)
        return len(distinct)

    rng = random.Random(11)
    words = "the ferry dam river harbor mayor police said on friday water people crews night town report".split()
    for _ in range(300):
        group = [Document(id=str(k), text=" ".join(rng.choices(words, k=rng.randint(0, 60)))) for k in range(rng.randint(1, 8))]
        for _ in range(rng.randint(0, 4)):
            source = rng.choice(group).text.split()
            cut = rng.randint(0, len(source))
            group.append(Document(id="copy", text=" ".join(source[:cut] + source[cut + rng.randint(0, 12):])))
        rng.shuffle(group)
        assert _distinct_reports(group) == every_pair(group)


def test_a_name_written_two_ways_thousands_of_times_is_compared_by_place():
    """Whether a spelling is only a name's echo ("Klitschko! Klistchko!") is asked of each use: against every use of
    the other spellings, 20,000 uses each way made 400 million comparisons."""
    from newsweave.crosscheck.names import _not_beside_another
    from newsweave.story import DiscrepancyValue, Evidence

    right = DiscrepancyValue("Klitschko", "Klitschko", [Evidence(d, n * 100, n * 100 + 9) for d in "ac" for n in range(20_000)])
    echo = DiscrepancyValue("Klistchko", "Klitschko", [Evidence("a", n * 100 + 11, n * 100 + 20) for n in range(20_000)])
    apart = DiscrepancyValue("Klitchko", "Klitschko", [Evidence("b", n * 100, n * 100 + 8) for n in range(20_000)])
    started = time.perf_counter()
    assert [v.value for v in _not_beside_another([right, echo, apart])] == ["Klitschko", "Klitchko"]
    assert time.perf_counter() - started < 3.0


def test_thousands_of_plans_and_deeds_are_told_apart_without_a_loop_over_every_pair():
    """The attack: a report of thousands of dated claims, half deeds to come and half deeds done. Telling each plan
    from each deed by their days looped over every such pair in Python (3,000 claims: 2.25 million pairs); the days
    that meet are now found by an index of each day and the periods holding it."""
    from types import SimpleNamespace

    from newsweave.align import _told_apart
    from newsweave.claims import FUTURE, PAST
    from newsweave.story import Claim, Evidence, Sentence

    claims, mentions = [], []
    for n in range(3_000):
        start = n * 40
        sentence = Sentence("a", start, start + 30, "x" * 30, n)
        claims.append(Claim(n, "a", start, start + 30, "x" * 30, sentence, tense=FUTURE if n % 2 else PAST))
        mentions.append(SimpleNamespace(date=f"{2000 + (n // 2) % 40}-01", evidence=Evidence("a", start + 5, start + 9)))
    started = time.perf_counter()
    apart = _told_apart(claims, lambda: mentions)
    assert time.perf_counter() - started < 1.0  # (0.05 s here; the loop over pairs took 3.7 s)
    assert apart[0, 3] and apart[3, 0]  # a deed of January 2000 and a plan of January 2001
    assert not apart[0, 1]  # a deed and a plan of one month
    assert not apart[0, 2]  # two deeds


def test_thousands_of_claims_of_one_numeral_are_told_apart_without_a_loop_over_every_pair():
    """The attack: two reports of thousands of claims giving one numeral, half as a count and half as a duration.
    Telling a count from a figure of another kind looped over every pair sharing the numeral in Python (600 claims:
    0.6 s, growing with the square); the pairs are now marked numeral by numeral, kind by kind, as blocks."""
    from newsweave.align import _one_numeral_two_measures
    from newsweave.quantities import COUNT, DURATION, Quantity
    from newsweave.story import Claim, Sentence

    claims = []
    for n in range(3_000):
        document, start = "ab"[n % 2], n * 40
        kind, written = (COUNT, "14 crews") if n % 4 < 2 else (DURATION, "14 hours")
        figure = Quantity(kind, 14.0, 14.0, 14.0, "", written, document, start, start + 8)
        sentence = Sentence(document, start, start + 30, "x" * 30, n)
        claims.append(Claim(n, document, start, start + 30, "x" * 30, sentence, quantities=[figure]))
    started = time.perf_counter()
    apart = _one_numeral_two_measures(claims)
    assert time.perf_counter() - started < 3.0  # (well under a second here; the loop over pairs grew with the square)
    assert apart[0, 3] and apart[3, 0]  # a count of report a and a duration of report b
    assert not apart[0, 1]  # two counts
    assert not apart[0, 2]  # one report's


def test_thousands_of_claims_naming_who_did_it_are_told_apart_without_a_loop_over_every_pair():
    """The attack: two reports of thousands of claims of one predicate, each naming who did it and to whom, half with
    the names the other way round. Other parties named mark pairs block by block (one party per set of alike names,
    found through an index of their words), and a party named in both roles marks its claims as blocks too."""
    from newsweave.align import _other_parties
    from newsweave.story import Claim, Sentence

    claims = []
    for n in range(3_000):
        document, start = "ab"[n % 2], n * 40
        agent, patient = (f"Dakelo{n % 50} Mirasu", "Harlow Mills") if n % 4 < 2 else ("Harlow Mills", f"Dakelo{n % 50} Mirasu")
        sentence = Sentence(document, start, start + 30, "x" * 30, n)
        claims.append(Claim(n, document, start, start + 30, "x" * 30, sentence, predicate="fine",
                            parties=(("agent", agent.lower()), ("patient", patient.lower()))))
    started = time.perf_counter()
    apart = _other_parties(claims)
    assert time.perf_counter() - started < 3.0  # (well under a second here)
    assert not apart[0, 1]  # one doer and one undergoer, both named alike ("Dakelo0 Mirasu", "Dakelo1 Mirasu")
    assert not apart[0, 3]  # the same two, in the other roles: one deed told from either side
    assert not apart[0, 2]  # one report's


def test_a_page_of_thousands_of_changes_is_measured_in_time():
    """The attack: a page of 3,000 figures a change ended at ("Sales ... fell to 7 million dollars."). Looking for a
    hedge before each figure's change word read the Doc's whole text each time (spaCy joins it again on every
    `Doc.text`): 16 s here, growing with the square; the text is now joined once per Doc (`doc_text`), 0.1 s."""
    from newsweave import quantities as q
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    text = " ".join(f"Sales at the Harlow plant fell to {n} million dollars." for n in range(1, 3_001))
    doc = build_story([Document(id="r1", text=text)], Settings(), stages=["annotate"]).workspace.parses["r1"]
    found = q.find(text)
    started = time.perf_counter()
    measured = [q.measure(figure, doc) for figure in found]
    assert time.perf_counter() - started < 3.0
    assert len(measured) == 3_000 and sum(m.role == "to" for m in measured) > 1_000


def test_thousands_of_namesakes_are_not_paired_as_one_person_given_two_first_names():
    """The attack: two reports naming thousands of people of one surname, each with one title. Reading one person given
    two first names compared every pair of namesakes, reading each one's titles again for each pair; a surname
    shared by more than a few people is now a list of namesakes, passed over."""
    from newsweave.entities.resolve import _given_names_swapped
    from newsweave.story import Entity, Mention

    firsts = [f"{a}{b}{c}" for a in "BCDFGHJKLM" for b in "aeiou" for c in "bdfglmnprstvz"][:1_500]
    texts = {"a": "", "b": ""}
    people = []
    for n, first in enumerate(firsts):
        document = "ab"[n % 2]
        text = f"Coach {first} Smith. "
        start = len(texts[document]) + len("Coach ")
        texts[document] += text
        name = f"{first} Smith"
        people.append(Entity(id=str(n), name=name, type="PERSON",
                             mentions=[Mention(document, start, start + len(name), name, "PERSON")]))
    started = time.perf_counter()
    assert _given_names_swapped(people, texts) == []
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("page", [
    "They won 3-1 and lost 2-2. " * 5_000,  # scores
    "It was 41.2C and 39 degrees Celsius. " * 5_000,  # temperatures
    "Approved by eight votes to three, a vote of seven to two. " * 5_000,  # tallies in words
    "1-" * 40_000 + "win",  # a dash chain beside a result word: no score, no backtracking
    "9" * 100_000 + " degrees Celsius",  # one endless number before a scale
    "three in ten pupils, " * 5_000,  # shares as so many in so many (thirty-fourth sitting)
    "1 in " * 10_000 + "win",  # a chain of them, each figure the next one's whole
    "fell by almost a fifth to just over £210m. " * 3_000,  # a hedge after "by", and before a change's end
    # points of a percentage (thirty-fifth sitting), and a chain of figures before the word "basis"
    "up 25 basis points, a quarter of a percentage point, 0.25 percentage points. " * 3_000,
    "1 " * 40_000 + "basis points",
])
def test_pages_of_scores_temperatures_and_tallies_are_read_in_time(page):
    """The twenty-ninth sitting's quantity kinds (`score`, `temperature`) read hostile pages in linear time: 10,000
    figures in about 0.4 s here."""
    from newsweave import quantities as q

    started = time.perf_counter()
    found = q.find(page)
    assert time.perf_counter() - started < 5.0
    assert len(found) <= page.count(" ") + 1


@pytest.mark.parametrize("page", [
    "Officials said " + "the approval of " * 2_000 + "the plan angered residents.",  # each "of" phrase the rest
    "Officials said " + "the council's " * 2_000 + "approval of the plan angered residents.",  # a possessor the rest
])
def test_events_named_by_their_nouns_nested_without_end_are_read_in_time(page):
    """A nominalization's claim ("the approval of new airstrikes") takes its words from the parse; nested without
    end, each took the rest of the sentence, and 1,000 of them took 76 s (thirtieth sitting). A noun phrase names an
    event in a few words: a longer one is no such claim, measured by the parse's stored edges."""
    from newsweave.pipeline import build_story
    from newsweave.story import Document

    started = time.perf_counter()
    story = build_story([Document(id="r1", text=page)], Settings())
    assert time.perf_counter() - started < 10.0
    assert sum(c.kind == "nominalization" for c in story.claims) <= 25


def test_pages_of_populations_margins_and_shares_are_read_in_time():
    """The thirty-first sitting's readings (a place's population, compared on any day and without the claims'
    likeness; a margin; a change by a share; a delay told before its cause) on two reports of the same lines over
    and over: every pair of their figures shares a measure, so the comparison must stay within the bound."""
    from newsweave.pipeline import build_story
    from newsweave.story import Document

    line = ("Varna, a town of 40,000, saw profit fall by a fifth; Holt held the ward by 312 votes with a margin of 213 "
            "votes, finished fourth in the downhill and was delayed by 90 minutes after a 12-storey block burned. ")
    started = time.perf_counter()
    other = (line * 100).replace("40,000", "14,000")
    story = build_story([Document(id="r1", text=line * 100), Document(id="r2", text=other)], Settings())
    assert time.perf_counter() - started < 10.0
    populations = [d for d in story.discrepancies if d.subject.startswith("population of")]
    assert len(populations) == 1 and {v.value for v in populations[0].values} == {"40,000", "14,000"}


def test_a_page_of_thousands_of_disagreeing_figures_marks_its_facts_in_time():
    """The attack: thousands of sides of disagreements in one report and thousands of facts. Which disagreements lie
    inside a fact's claims (`corroborate.disputes`) asked every side of the report for each fact: 10,000 facts of
    10,000 sides a report took 5 s. Each report's sides are looked up by place."""
    from types import SimpleNamespace

    from newsweave.corroborate import disputes
    from newsweave.story import Discrepancy, DiscrepancyValue, Evidence

    n = 10_000
    sides = [DiscrepancyValue(str(k), k, [Evidence(document, 50 * k + 3, 50 * k + 5)]) for k in range(n)
             for document in ("a", "b")]
    story = SimpleNamespace(
        discrepancies=[Discrepancy("number", "number of things", sides)],
        facts=[SimpleNamespace(id=k, evidence=[Evidence("a", 50 * k, 50 * k + 40), Evidence("b", 50 * k, 50 * k + 40)])
               for k in range(n)],
    )
    started = time.perf_counter()
    found = disputes(story)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 1.0
    assert found == {k: [0] for k in range(n)}  # each fact holds two sides, of two reports
