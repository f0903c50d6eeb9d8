"""Plain JSON and CSV exports of the entity network."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

NODE_COLUMNS = ("id", "name", "type", "mentions", "documents", "aliases")
EDGE_COLUMNS = ("source", "target", "label", "kind", "weight", "documents", "evidence")


def graph_json(data: dict[str, Any]) -> str:
    graph = {
        "schema": "newsweave.graph/1",
        "documents": [{k: v for k, v in d.items() if k != "text"} for d in data.get("documents", [])],
        "nodes": data.get("entities", []),
        "edges": data.get("relations", []),
        "timeline": data.get("timeline", []),
    }
    return json.dumps(graph, ensure_ascii=False, indent=2)


def csv_tables(data: dict[str, Any]) -> dict[str, str]:
    """{"nodes.csv": text, "edges.csv": text}; lists are joined with "; ",
    evidence spans written as document:start-end."""
    nodes = [
        {
            "id": e["id"], "name": e["name"], "type": e["type"], "mentions": e.get("mentions", 0),
            "documents": "; ".join(e.get("documents", [])), "aliases": "; ".join(e.get("aliases", [])),
        }
        for e in data.get("entities", [])
    ]
    edges = [
        {
            "source": r["source"], "target": r["target"], "label": r["label"], "kind": r["kind"],
            "weight": r.get("weight", len(r.get("evidence", []))), "documents": "; ".join(r.get("documents", [])),
            "evidence": "; ".join(f"{e['document']}:{e['start']}-{e['end']}" for e in r.get("evidence", [])),
        }
        for r in data.get("relations", [])
    ]
    return {"nodes.csv": _csv(NODE_COLUMNS, nodes), "edges.csv": _csv(EDGE_COLUMNS, edges)}


def csv_zip(data: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(data).items():
            # A fixed timestamp: writestr(name) stamps the current time, so one brief exported
            # twice gave two different archives (and a flaky test whenever a second ticked over).
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text)
    return buffer.getvalue()


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
