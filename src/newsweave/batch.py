"""Batch mode for research data: one story cluster per JSON line in, one summary per line out.

The model loads once. Every failure is isolated to its cluster: whatever goes
wrong while reading or summarizing one line (bad JSON, a missing field, a bug
met by one odd cluster) becomes that line's `error` result, and the batch goes
on with the next line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

import newsweave.pipeline as pipeline
from newsweave.engine import Work
from newsweave.errors import InputError, ModelNotFound, NewsweaveError
from newsweave.load import record_document, unique_ids
from newsweave.load.records import parse_json
from newsweave.settings import Settings

# A line holds a whole cluster, so it may hold several reports of the largest
# size a report may have; past this it is refused without being kept in memory.
CLUSTER_LINE_REPORTS = 8


def max_line_bytes(settings: Settings) -> int:
    return CLUSTER_LINE_REPORTS * settings.max_input_bytes


def cluster_documents(cluster: dict[str, Any]):
    """The `Document`s of one cluster: `documents` as objects with `text`, or as plain strings."""
    documents = cluster.get("documents")
    if not isinstance(documents, list) or not documents:
        raise InputError("no 'documents' list")
    result = []
    for number, item in enumerate(documents, start=1):
        try:
            result.append(record_document(item, str(number)))
        except InputError as exc:
            raise InputError(f"document {number}: {exc}") from None
    return result


def cluster_id(cluster: dict[str, Any]):
    """The cluster's `id`, echoed back as given: a string, a number or null."""
    value = cluster.get("id")
    if value is not None and not isinstance(value, (str, int, float)):
        raise InputError(f"'id' must be a string or a number, not {type(value).__name__}")
    # NaN and Infinity are no JSON: such ids come back as strings. A string id comes back as given,
    # even a lone surrogate ("\ud800"), which the command line writes as that JSON escape again.
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def summarize_cluster(cluster: dict[str, Any], settings: Settings) -> dict[str, Any]:
    # Only the stages the summary reads: the timeline (and the discrepancies) would be thrown away.
    story = pipeline.build_story(unique_ids(cluster_documents(cluster)), settings, stages=pipeline.SUMMARY_STAGES)
    result = {
        "id": cluster_id(cluster),
        "summary": [item.text for item in story.summary],
        "citations": [item.documents for item in story.summary],
    }
    if story.warnings:  # a report cut at max_report_chars, a cluster briefed from a share of its reports
        result["warnings"] = [warning.message for warning in story.warnings]
    return result


def summarize_lines(lines: Iterable[str | bytes | None], settings: Settings, engine=None) -> Iterator[dict[str, Any]]:
    """Yield one result per non-blank input line, in order; errors are results too.

    Lines may be bytes: each is decoded on its own, so one line that is not
    UTF-8 costs that line only. A None line is one that was too long to read.
    `engine` (newsweave.engine.make_engine) runs the clusters in parallel;
    the results are the same, in the same order.
    """
    if engine is not None:
        results = engine.map(SummarizeLines(settings), enumerate(lines, start=1))
    else:
        results = (summarize_line(number, line, settings) for number, line in enumerate(lines, start=1))
    for result in results:
        if result is not None:
            yield result


def summarize_line(number: int, line: str | bytes | None, settings: Settings) -> dict[str, Any] | None:
    """The result of one input line (None for a blank line); never raises for what the line holds."""
    identifier: Any = None
    try:
        if line is None:
            raise InputError(f"line too long (over {max_line_bytes(settings) // (1024 * 1024)} MB)")
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-8 (byte {exc.start})") from None
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            return None
        cluster = parse_json(line, where=False)
        if not isinstance(cluster, dict):
            raise InputError("expected a JSON object")
        identifier = cluster_id(cluster)
        return summarize_cluster(cluster, settings)
    except ModelNotFound:
        raise  # no cluster can be summarized: one error for the run, not one a line
    except NewsweaveError as exc:
        return {"id": identifier, "line": number, "error": str(exc)}
    except MemoryError:
        return {"id": identifier, "line": number, "error": "out of memory summarizing this cluster"}
    except Exception as exc:  # a fault met by this cluster alone must not cost the others theirs
        detail = " ".join(str(exc).split())[:200]
        return {"id": identifier, "line": number, "error": f"internal error ({type(exc).__name__}{': ' + detail if detail else ''})"}


class SummarizeLines(Work):
    """`summarize_line` as an engine's work (newsweave.engine): (number, line) in, its result out.

    Each worker loads the model once (`setup`); a line whose worker failed on
    every try becomes its error line, like any other failure of one cluster.
    """

    fatal = (ModelNotFound,)

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self) -> None:
        from newsweave.annotate.model import load_model  # lazy: spaCy; keeps --help fast

        load_model(self.settings)

    def __call__(self, item: tuple[int, str | bytes | None]) -> dict[str, Any] | None:
        number, line = item
        return summarize_line(number, line, self.settings)

    def failed(self, item: tuple[int, str | bytes | None], reason: str) -> dict[str, Any]:
        return {"id": _line_id(item[1]), "line": item[0], "error": f"internal error ({reason})"}


def _line_id(line: str | bytes | None) -> Any:
    """The id of a line whose cluster could not be summarized, if the line says it plainly."""
    try:
        return cluster_id(parse_json(line, where=False)) if line else None
    except (InputError, ValueError, AttributeError, TypeError):  # parse_json: deep nesting too; cluster_id: an odd id
        return None
