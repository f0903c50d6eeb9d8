"""FollowTheMoney (FtM) JSON lines, the entity format of OCCRP Aleph and OpenAleph.

One entity a line: `{"id", "schema", "properties": {name: [values]}}`.
People become `Person`, organisations `Organization`, places `Address`,
named events `Event`, ships `Vessel`; nationalities and groups of people (NORP: "British",
"Islamist") are left out, as FtM has no schema for them and they are no
organisation; each report is an `Article`; each stated
relation an `UnknownLink` whose `role` is its label, `summary` the sentence
stating it and `description` the reports that do; each name a report uses for a
person or organisation a `Mention` of it in that article. People,
organisations and places cite the articles naming them as `proof`. Property
names are those of the FtM schema (Thing, Interval, Document, Mention). Co-occurrence links are not exported here:
Aleph would show them as stated links.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

SCHEMA_FOR_TYPE = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FAC": "Address",
    "EVENT": "Event",
    "VESSEL": "Vessel",
}
# Nationalities and groups of people ("British", "Islamist", "Western": spaCy's NORP)
# are no legal entity, and FtM has no schema for them: they are not exported.
NOT_EXPORTED = {"NORP"}
_MENTIONABLE = {"Person", "Organization"}  # a Mention resolves to a legal entity


def ftm_entities(data: dict[str, Any]) -> list[dict[str, Any]]:
    texts = {d["id"]: d.get("text", "") for d in data.get("documents", [])}
    documents = {d["id"]: d for d in data.get("documents", [])}
    entities: list[dict[str, Any]] = []
    articles = {}
    for document in data.get("documents", []):
        articles[document["id"]] = _id("article", document["id"])
        properties = {
            "title": [document.get("title") or document["id"]],
            "fileName": [document["path"]] if document.get("path") else [],
            "publishedAt": [document["published"]] if document.get("published") else [],
            "sourceUrl": [document["url"]] if document.get("url") else [],
            "publisher": [document["outlet"]] if document.get("outlet") else [],
        }
        entities.append(_entity(articles[document["id"]], "Article", properties))
    ids = {}
    for entity in data.get("entities", []):
        if entity["type"] in NOT_EXPORTED:
            continue
        schema = SCHEMA_FOR_TYPE.get(entity["type"], "Organization")
        ids[entity["id"]] = _id(schema, entity["id"])
        names = {"full": [entity["name"]]} if schema == "Address" else {"name": [entity["name"]], "alias": entity.get("aliases", [])}
        names["proof"] = [articles[d] for d in entity.get("documents", []) if d in articles]  # where it is named
        entities.append(_entity(ids[entity["id"]], schema, names))
        if schema not in _MENTIONABLE:
            continue
        for document in entity.get("documents", []):
            written = sorted({
                texts[e["document"]][e["start"]:e["end"]]
                for e in entity.get("evidence", []) if e["document"] == document and document in texts
            }) or [entity["name"]]
            entities.append(_entity(
                _id("mention", entity["id"], document), "Mention",
                {"name": written, "resolved": [ids[entity["id"]]], "document": [articles[document]], "detectedSchema": [schema]},
            ))
    for relation in data.get("relations", []):
        if relation["kind"] != "stated" or relation["source"] not in ids or relation["target"] not in ids:
            continue
        summary = [texts[e["document"]][e["start"]:e["end"]] for e in relation.get("evidence", []) if e["document"] in texts]
        reports = [documents[d] for d in relation.get("documents", []) if d in documents]
        entities.append(_entity(
            _id("link", relation["source"], relation["label"], relation["target"]), "UnknownLink",
            {
                "subject": [ids[relation["source"]]],
                "object": [ids[relation["target"]]],
                "role": [relation["label"]],
                "summary": summary[:1],
                "description": ["Stated by " + "; ".join(r.get("title") or r["id"] for r in reports)],
                "sourceUrl": sorted({r["url"] for r in reports if r.get("url")}),
                "publisher": sorted({r["outlet"] for r in reports if r.get("outlet")}),
            },
        ))
    return entities


def ftm_lines(data: dict[str, Any]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ftm_entities(data))


def _entity(entity_id: str, schema: str, properties: dict[str, list[str]]) -> dict[str, Any]:
    return {"id": entity_id, "schema": schema, "properties": {k: v for k, v in properties.items() if v}}


def _id(*parts: str) -> str:
    """A stable id: the same brief exports the same ids, so re-imports update, not duplicate."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"newsweave-{digest[:20]}"
