"""GraphML and GEXF through networkx: entities are nodes, relations edges.

Attribute values are plain strings and numbers (lists joined with "; ") so
that Gephi and Cytoscape read every column.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


def brief_graph(data: dict[str, Any]) -> nx.MultiDiGraph[str]:
    import networkx as nx  # lazy: keeps --help fast

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="newsweave brief")
    for entity in data.get("entities", []):
        graph.add_node(
            entity["id"],
            label=entity["name"],
            type=entity["type"],
            mentions=int(entity.get("mentions", 0)),
            documents="; ".join(entity.get("documents", [])),
            aliases="; ".join(entity.get("aliases", [])),
        )
    for number, relation in enumerate(data.get("relations", [])):
        if relation["source"] not in graph or relation["target"] not in graph:
            continue
        graph.add_edge(
            relation["source"],
            relation["target"],
            key=number,
            label=relation["label"],
            kind=relation["kind"],
            weight=float(relation.get("weight", len(relation.get("evidence", [])) or 1)),
            documents="; ".join(relation.get("documents", [])),
        )
    return graph


def graph_text(data: dict[str, Any], format: str) -> str:
    import networkx as nx  # lazy: keeps --help fast

    graph = brief_graph(data)
    buffer = io.BytesIO()
    if format == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
