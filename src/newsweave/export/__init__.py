"""Exports of a brief's entities and links for analysts' tools.

`export_brief(brief, format)` takes a `Brief` or a brief's JSON as a dict
(`newsweave brief --format json`) and returns the export as text, or bytes for
the CSV zip:

- `graphml`, `gexf`: a networkx graph that opens in Gephi and Cytoscape;
- `json`: nodes, edges and the timeline as plain JSON;
- `csv`: a zip of `nodes.csv` and `edges.csv` (`csv_tables` gives them as text);
- `ftm`: FollowTheMoney JSON lines for OCCRP Aleph / OpenAleph (ftm.py).

A brief JSON written before the entity and timeline layers existed is rebuilt
from its documents by `newsweave.service.export_brief`, which runs the pipeline;
this package only reads briefs.
"""

from __future__ import annotations

from typing import Any

from newsweave.errors import InputError
from newsweave.export.ftm import ftm_lines
from newsweave.export.graph import graph_text
from newsweave.export.tables import csv_zip, graph_json

# THE list of export formats (the CLI's --format, the web's ?format=): name → (media type, file extension).
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/xml", "gexf"),
    "json": ("application/json", "json"),
    "csv": ("application/zip", "csv.zip"),  # nodes.csv and edges.csv
    "ftm": ("application/x-ndjson", "ftm.json"),
}


def check_format(format: str) -> None:
    if format not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")


def export_brief(brief: Any, format: str) -> str | bytes:
    check_format(format)
    data = brief_data(brief)
    if format == "json":
        return graph_json(data)
    if format == "csv":
        return csv_zip(data)
    if format == "ftm":
        return ftm_lines(data)
    return graph_text(data, format)


def brief_data(brief: Any) -> dict[str, Any]:
    """The brief as a dict with `documents`, `entities`, `relations` and `timeline`."""
    if hasattr(brief, "to_dict"):
        return brief.to_dict()
    check_brief_dict(brief)
    if not has_layers(brief):
        raise InputError("a brief written before entities and relations existed: rebuild it with "
                         "`newsweave export` or newsweave.service.export_brief")
    return brief


def check_brief_dict(brief: Any) -> None:
    if not isinstance(brief, dict) or not isinstance(brief.get("documents"), list):
        raise InputError("not a newsweave brief: expected a JSON object with a 'documents' list")


def has_layers(brief: dict[str, Any]) -> bool:
    """Whether a brief dict holds the entity and relation layers the exports read."""
    return "entities" in brief and "relations" in brief
