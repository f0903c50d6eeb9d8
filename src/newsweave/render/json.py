"""The brief as plain data: schema newsweave.brief/1 (docs/brief-schema.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsweave.corroborate import corroborated, single_source
from newsweave.story import FactGroup

if TYPE_CHECKING:
    from newsweave.pipeline import Brief

SCHEMA = "newsweave.brief/1"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    story = brief.story
    summary_facts = {item.fact.id for item in story.summary}
    return {
        "schema": SCHEMA,
        "documents": [dict(d.to_dict(), text=d.text) for d in story.documents],
        "summary": [
            {
                "text": item.text,
                "documents": item.documents,
                # The quoted sentence first, then the other reports' wording of the fact.
                "evidence": [e.to_dict() for e in _evidence_first(item.fact, item.sentence)],
                "fact": item.fact.id,
            }
            for item in story.summary
        ],
        "facts": [fact_to_dict(g, g.id in summary_facts) for g in corroborated(story)],
        "single_source": [fact_to_dict(g, g.id in summary_facts) for g in single_source(story)],
        "entities": [e.to_dict() for e in story.entities],
        "relations": [r.to_dict() for r in story.relations],
        "timeline": [t.to_dict() for t in story.timeline],
        "quotes": [q.to_dict() for q in story.quotes],
        "discrepancies": [d.to_dict() for d in story.discrepancies],
        "problems": [p.to_dict() for p in story.problems],
    }


def fact_to_dict(group: FactGroup, in_summary: bool) -> dict[str, Any]:
    return {
        "id": group.id,
        "text": group.representative.text,
        "documents": group.documents,
        "support": group.support,
        "origins": group.origins or group.documents,
        "independent_sources": group.independent_sources,
        "in_summary": in_summary,
        "evidence": [dict(s.evidence.to_dict(), text=s.text) for s in group.sentences],
    }


def _evidence_first(group: FactGroup, first):
    return [first.evidence] + [s.evidence for s in group.sentences if s is not first]


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)
