"""Exports of a brief's entities and links for analysts' tools.

`export_brief(brief, format)` takes a `Brief` or a brief's JSON as a dict
(`newsweave brief --format json`) and returns the export as text, or bytes for
the CSV zip:

- `graphml`, `gexf`: a networkx graph that opens in Gephi and Cytoscape;
- `json`: nodes, edges and the timeline as plain JSON;
- `csv`: a zip of `nodes.csv` and `edges.csv` (`csv_tables` gives them as text);
- `ftm`: FollowTheMoney JSON lines for OCCRP Aleph / OpenAleph (ftm.py).
"""

from __future__ import annotations

from typing import Any

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "ftm")


def export_brief(brief: Any, format: str) -> str | bytes:
    from newsweave.errors import InputError

    if format not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    data = brief_data(brief)
    if format == "json":
        from newsweave.export.tables import graph_json

        return graph_json(data)
    if format == "csv":
        from newsweave.export.tables import csv_zip

        return csv_zip(data)
    if format == "ftm":
        from newsweave.export.ftm import ftm_lines

        return ftm_lines(data)
    from newsweave.export.graph import graph_text

    return graph_text(data, format)


def brief_data(brief: Any) -> dict[str, Any]:
    """The brief as a dict with `documents`, `entities`, `relations` and `timeline`.

    A brief JSON written before those layers existed is rebuilt from its documents.
    """
    if hasattr(brief, "to_dict"):
        return brief.to_dict()
    if not isinstance(brief, dict) or not isinstance(brief.get("documents"), list):
        from newsweave.errors import InputError

        raise InputError("not a newsweave brief: expected a JSON object with a 'documents' list")
    if "entities" in brief and "relations" in brief:
        return brief
    import newsweave

    documents = [{k: v for k, v in d.items() if v is not None} for d in brief["documents"]]
    return newsweave.brief(documents).to_dict()
