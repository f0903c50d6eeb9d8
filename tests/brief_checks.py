"""Checks every brief must pass, whatever went in: shared by the fuzz suite and the hostile fixtures.

Not a test module (no `test_` prefix): the helpers are imported by
tests/test_fuzz.py and tests/test_hostile_fixtures.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def spans(value: Any, where: str = "") -> Iterator[tuple[str, dict]]:
    """(where, span) for every evidence-like span in a brief's JSON: any object with document, start and end."""
    if isinstance(value, dict):
        if {"document", "start", "end"} <= value.keys():
            yield where, value
        for key, item in value.items():
            yield from spans(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from spans(item, f"{where}[]")


def assert_spans_hold(data: dict) -> None:
    """Every span lies inside its document, and what an item quotes is exactly its span's text.

    `data` is a brief's JSON (`Brief.to_dict()` or an API answer): it carries
    every document's text, so it can be checked on its own (docs/brief-schema.md).
    """
    texts = {document["id"]: document["text"] for document in data["documents"]}
    assert len(texts) == len(data["documents"]), "document ids are not unique"
    for where, span in spans(data):
        assert span["document"] in texts, f"{where}: cites {span['document']!r}, which is not among the documents"
        text = texts[span["document"]]
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int), f"{where}: offsets {start!r}, {end!r}"
        assert 0 <= start < end <= len(text), f"{where}: span {start}:{end} outside its document of {len(text)} characters"
        if isinstance(span.get("text"), str):
            assert text[start:end] == span["text"], f"{where}: span text is not the document's text at {start}:{end}"
    for item in data["summary"]:
        first = item["evidence"][0]
        assert texts[first["document"]][first["start"] : first["end"]] == item["text"], "a summary sentence is not what it cites"
        assert set(item["documents"]) <= texts.keys()
    for fact in data["facts"] + data.get("single_source", []):
        quoted = {texts[e["document"]][e["start"] : e["end"]] for e in fact["evidence"]}
        assert fact["text"] in quoted, "a fact's text is none of its evidence sentences"


def assert_one_line(problem: Any) -> None:
    """A problem (an InputProblem, its dict, or a string) is one non-empty line naming a source and a reason."""
    if isinstance(problem, dict):
        source, reason = problem["source"], problem["reason"]
    elif isinstance(problem, str):
        source, reason = "-", problem
    else:
        source, reason = problem.source, problem.reason
    assert source and reason and reason.strip(), problem
    assert "\n" not in reason and "\r" not in reason, f"problem is not one line: {reason!r}"
    assert "Traceback" not in reason, reason
