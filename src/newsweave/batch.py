"""Batch mode for research data: one story cluster per JSON line in, one summary per line out.

The model loads once; a cluster that fails becomes an `error` line and the
batch goes on.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from newsweave.errors import InputError, NewsweaveError
from newsweave.settings import Settings


def cluster_documents(cluster: dict[str, Any]):
    """The `Document`s of one cluster: `documents` as objects with `text`, or as plain strings."""
    from newsweave.load import record_document

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


def summarize_cluster(cluster: dict[str, Any], settings: Settings) -> dict[str, Any]:
    from newsweave.load import unique_ids
    from newsweave.pipeline import build_story

    story = build_story(unique_ids(cluster_documents(cluster)), settings)
    return {
        "id": cluster.get("id"),
        "summary": [item.text for item in story.summary],
        "citations": [item.documents for item in story.summary],
    }


def summarize_lines(lines: Iterable[str | bytes], settings: Settings) -> Iterator[dict[str, Any]]:
    """Yield one result per non-blank input line, in order; errors are results too.

    Lines may be bytes: each is decoded on its own, so one line that is not
    UTF-8 costs that line only.
    """
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield {"id": None, "line": number, "error": f"not valid UTF-8 (byte {exc.start})"}
                continue
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        cluster_id: Any = None
        try:
            cluster = json.loads(line)
            if not isinstance(cluster, dict):
                raise InputError("expected a JSON object")
            cluster_id = cluster.get("id")
            yield summarize_cluster(cluster, settings)
        except json.JSONDecodeError as exc:
            yield {"id": None, "line": number, "error": f"invalid JSON: {exc.msg}"}
        except (NewsweaveError, ValueError) as exc:
            yield {"id": cluster_id, "line": number, "error": str(exc)}
