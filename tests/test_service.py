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


def test_one_folder_path_given_alone_is_one_source_not_its_characters(good_files, monkeypatch, tmp_path):
    """`newsweave.brief("reports/")` briefs the folder. It once listed the string first, so each
    character became a source and "." briefed whatever the current folder held."""
    import newsweave

    (tmp_path / "stray.txt").write_text("A stray note in the working folder. It is no report of this story.")
    monkeypatch.chdir(tmp_path)
    folder = str(good_files[0].parent)
    alone = newsweave.brief(folder)
    assert [d.id for d in alone.documents] == [d.id for d in newsweave.brief([folder]).documents]
    assert {d.id for d in alone.documents} == {p.stem for p in good_files}
    assert not alone.problems
    assert [d.id for d in newsweave.brief(good_files[0]).documents] == [good_files[0].stem]
