"""Batch mode: one cluster a JSON line in, one result a line out, errors included."""

from __future__ import annotations

import json

import pytest
from in_process import run_in_process

from newsweave import Settings, pipeline
from newsweave.batch import cluster_documents, summarize_cluster, summarize_lines
from newsweave.errors import InputError
from newsweave.load import unique_ids

WORDS = 40


@pytest.fixture
def cli():
    """The command in process: the model loads once for all of these tests."""
    return run_in_process


@pytest.fixture(scope="module")
def clusters(reports):
    """Input lines and, per line, the cluster's documents as {id: text} (None for a bad line)."""
    names = list(reports)
    lines = [
        json.dumps({"id": "ferry-objects", "documents": [{"id": n, "text": reports[n]} for n in names]}),
        json.dumps({"id": "ferry-strings", "documents": [reports[n] for n in names]}),
        json.dumps({"id": "no-documents", "title": "Ferry aground"}),
        '{"id": "broken", "documents": ["The ferry ran aground',
    ]
    expected = [
        dict(reports),
        {str(i): reports[n] for i, n in enumerate(names, start=1)},
        None,
        None,
    ]
    return lines, expected


def check_result(result: dict, documents: dict[str, str] | None, cluster_id, words: int = WORDS):
    if documents is None:
        assert set(result) >= {"id", "error"} and "summary" not in result
        assert result["id"] == cluster_id
        assert isinstance(result["error"], str) and result["error"] and "\n" not in result["error"]
        return
    assert set(result) == {"id", "summary", "citations"}
    assert result["id"] == cluster_id
    summary, citations = result["summary"], result["citations"]
    assert summary and len(summary) == len(citations)
    for sentence, cited in zip(summary, citations, strict=True):
        assert cited and set(cited) <= set(documents)
        assert any(sentence in documents[d] for d in cited), (sentence, cited)
    total = sum(len(s.split()) for s in summary)
    assert total <= words or len(summary) == 1  # one sentence longer than the budget may stand alone


def test_summarize_command(cli, clusters, tmp_path):
    lines, expected = clusters
    source = tmp_path / "clusters.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = cli("summarize", "--jsonl", source, "--words", WORDS)

    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(lines)
    for result, documents, cluster_id in zip(results, expected, ["ferry-objects", "ferry-strings", "no-documents", None], strict=True):
        check_result(result, documents, cluster_id)
    assert "no 'documents'" in results[2]["error"]
    assert "invalid JSON" in results[3]["error"]
    assert "2 of 4 clusters failed" in run.stderr


def test_summarize_command_writes_output_file_and_reads_stdin(cli, clusters, tmp_path):
    lines, expected = clusters
    target = tmp_path / "out.jsonl"

    run = cli("summarize", "--jsonl", "-", "-o", target, stdin=lines[1] + "\n")

    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    [result] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    check_result(result, expected[1], "ferry-strings", words=300)
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_summarize_command_missing_input_is_a_clean_error(cli, tmp_path):
    run = cli("summarize", "--jsonl", tmp_path / "nope.jsonl")
    assert run.returncode == 1
    assert "newsweave: error:" in run.stderr and "nope.jsonl" in run.stderr
    assert "Traceback" not in run.stderr


def test_summarize_lines_in_order_with_errors(clusters):
    lines, expected = clusters
    extra = [
        "",  # blank lines are skipped, not answered
        "[1, 2, 3]",
        json.dumps({"id": 7, "documents": [{"id": "a", "title": "no text here"}]}),
        json.dumps({"id": "blank-doc", "documents": ["The ferry ran aground on Saturday in fog.", "   "]}),
    ]

    results = list(summarize_lines(lines + extra, Settings(words=WORDS)))

    assert len(results) == len(lines) + 3
    for result, documents, cluster_id in zip(results, expected, ["ferry-objects", "ferry-strings", "no-documents", None], strict=False):
        check_result(result, documents, cluster_id)
    not_object, no_text, blank_doc = results[len(lines):]
    assert (not_object["id"], not_object["line"]) == (None, 6)
    assert "JSON object" in not_object["error"]
    assert (no_text["id"], no_text["line"]) == (7, 7)
    assert "document 1" in no_text["error"] and "'text'" in no_text["error"]
    assert (blank_doc["id"], blank_doc["line"]) == ("blank-doc", 8)
    assert "document 2" in blank_doc["error"]
    assert [r.get("line") for r in results[2:4]] == [3, 4]


@pytest.mark.parametrize("words", [8, 25, 300])
def test_summarize_lines_respects_the_word_budget(clusters, words):
    lines, expected = clusters
    [result] = summarize_lines([lines[0]], Settings(words=words))
    check_result(result, expected[0], "ferry-objects", words=words)
    if words == 8:  # every sentence is longer than 8 words: only the first chosen may stand
        assert len(result["summary"]) == 1
    if words == 300:  # room for several facts
        assert len(result["summary"]) >= 2
        # facts the three reports share are cited to more than one report
        assert any(len(cited) >= 2 for cited in result["citations"])


def test_cluster_documents_ids():
    documents = cluster_documents(
        {"documents": [{"id": "x", "text": "First report text."}, "Second report text.", {"text": "Third report text."}]}
    )
    assert [(d.id, d.text) for d in documents] == [
        ("x", "First report text."),
        ("2", "Second report text."),
        ("3", "Third report text."),
    ]
    for bad in ({}, {"documents": []}, {"documents": "text"}):
        with pytest.raises(InputError, match="no 'documents' list"):
            cluster_documents(bad)


def test_summarize_command_one_non_utf8_line_is_an_error_line(cli, clusters, tmp_path):
    lines, expected = clusters
    source = tmp_path / "clusters.jsonl"
    source.write_bytes(
        lines[1].encode("utf-8") + b"\n" + b'{"id": "latin", "documents": ["The caf\xe9 owner saw the ferry run aground."]}\n'
    )

    run = cli("summarize", "--jsonl", source, "--words", WORDS)

    assert "Traceback" not in run.stderr
    assert run.returncode == 0
    first, second = [json.loads(line) for line in run.stdout.splitlines()]
    check_result(first, expected[1], "ferry-strings")
    assert second["id"] in ("latin", None) and "UTF-8" in second["error"]


def test_summarize_command_accepts_a_utf8_bom(cli, clusters, tmp_path):
    lines, expected = clusters
    source = tmp_path / "clusters.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + lines[1].encode("utf-8") + b"\n")

    run = cli("summarize", "--jsonl", source, "--words", WORDS)

    assert run.returncode == 0, run.stderr
    [result] = [json.loads(line) for line in run.stdout.splitlines()]
    check_result(result, expected[1], "ferry-strings")


@pytest.mark.parametrize(
    "line, expected",
    [
        (b'{"id": "ferry-7", "documents": []}', "ferry-7"),
        (b'{"id": NaN, "documents": []}', "nan"),  # no JSON number: echoed as a string, as a summarized cluster's is
        (b'{"id": ["a"], "documents": []}', None),
        (b"[" * 100_000, None),
        (b"\xff\xfe not JSON", None),
        (None, None),
    ],
)
def test_a_cluster_whose_worker_failed_keeps_its_id_as_a_summarized_one_would(line, expected):
    from newsweave.batch import SummarizeLines

    result = SummarizeLines(Settings()).failed((3, line), "worker died")
    assert result == {"id": expected, "line": 3, "error": "internal error (worker died)"}
    json.loads(json.dumps(result, allow_nan=False))  # a valid JSON line


def test_batch_runs_only_the_stages_its_summary_reads_and_summarizes_as_the_full_pipeline(clusters, monkeypatch):
    """No timeline in batch mode, and each result byte-identical to the full pipeline's summary."""
    lines, _ = clusters
    settings = Settings(words=WORDS)
    clusters_in = [json.loads(lines[0]), json.loads(lines[1])]
    full = []
    for cluster in clusters_in:
        story = pipeline.build_story(unique_ids(cluster_documents(cluster)), settings)
        full.append({"id": cluster["id"], "summary": [s.text for s in story.summary], "citations": [s.documents for s in story.summary]})

    def no_timeline(story, settings):
        raise AssertionError("batch mode ran the timeline")

    monkeypatch.setitem(pipeline.STAGES, "timeline", no_timeline)
    batch = [summarize_cluster(cluster, settings) for cluster in clusters_in]
    assert [json.dumps(r, ensure_ascii=False) for r in batch] == [json.dumps(r, ensure_ascii=False) for r in full]
    assert set(pipeline.SUMMARY_STAGES) < set(pipeline.STAGES)


def test_build_story_refuses_an_unknown_stage():
    with pytest.raises(ValueError, match="unknown stage"):
        pipeline.build_story([], Settings(), stages=("annotate", "render"))


def test_a_cluster_over_the_budget_is_summarized_from_its_share_and_the_line_says_so(reports):
    cluster = {"id": "big", "documents": [{"id": key, "text": text} for key, text in reports.items()]}
    budget = sum(map(len, reports.values())) - 1
    result = summarize_cluster(cluster, Settings(words=WORDS, max_brief_chars=budget))
    (warning,) = result["warnings"]
    assert "too much to brief" in warning and "briefing 2 of them" in warning
    left_out = [key for key in reports if key in warning.split("left out", 1)[1]]
    assert len(left_out) == 1
    assert left_out[0] not in {d for cited in result["citations"] for d in cited}
    assert "warnings" not in summarize_cluster(cluster, Settings(words=WORDS))
