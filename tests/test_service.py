"""The service layer (newsweave.service): what the CLI and the web app call, with plain values in."""

from __future__ import annotations

import pytest

from newsweave import Settings, service
from newsweave.errors import InputError, NoReadableReports


def test_brief_reports_names_each_unreadable_input_then_refuses_when_none_is_left(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    heard, steps = [], []

    class Step:
        def __init__(self, message):
            steps.append(message)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    with pytest.raises(NoReadableReports) as raised:
        service.brief_reports([empty, missing], Settings(), on_problem=heard.append, status=Step)

    assert [p.source for p in heard] == [str(empty), str(missing)]
    assert raised.value.problems == heard
    assert steps == ["Reading 2 input(s)…"]  # no briefing step without a report


def test_a_missing_corpus_is_one_clear_error(tmp_path):
    missing = tmp_path / "none.db"
    for call in (lambda: service.list_stories(str(missing)), lambda: service.search_articles(str(missing), "ferry"),
                 lambda: service.brief_story(str(missing), 1, Settings())):
        with pytest.raises(InputError, match="no such corpus database"):
            call()
    assert not missing.exists()  # reading never creates a corpus


def test_read_brief_file_tells_a_brief_from_a_report(tmp_path):
    brief = tmp_path / "brief.json"
    brief.write_text('{"schema": "newsweave.brief/1", "documents": []}', encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text('{"id": "a", "text": "The ferry ran aground."}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"schema": "\xff"}')

    assert service.read_brief_file(brief, 1 << 20) == {"schema": "newsweave.brief/1", "documents": []}
    assert service.read_brief_file(report, 1 << 20) is None
    with pytest.raises(InputError, match=r"broken\.json: not valid JSON \(not UTF-8"):
        service.read_brief_file(broken, 1 << 20)


def test_export_files_refuses_csv_to_stdout_and_unknown_formats():
    with pytest.raises(InputError, match="-o FILE"):
        service.export_files({"documents": [], "entities": [], "relations": []}, "csv", None)
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        service.export_brief({"documents": []}, "pdf")
