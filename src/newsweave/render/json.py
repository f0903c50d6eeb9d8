"""The brief as plain data: schema newsweave.brief/1 (docs/brief-schema.md).

The one serialization of a brief. Each object writes its own fields
(`to_dict` on the dataclasses in story.py); this module decides which lists
the brief holds, in what order. render/restore.py reads it back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsweave.corroborate import corroborated, disputes, single_source
from newsweave.render.labels import inferred_origins, sole_origin_facts

if TYPE_CHECKING:
    from newsweave.render import Briefed as Brief
    from newsweave.story import FactGroup

SCHEMA = "newsweave.brief/1"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    story = brief.story
    summary_facts = {item.fact.id for item in story.summary}
    disputed = disputes(story)

    def fact(group: FactGroup) -> dict[str, Any]:
        return {**group.to_dict(group.id in summary_facts), "disputed_by": disputed.get(group.id, [])}

    return {
        "schema": SCHEMA,
        "documents": [d.to_dict(with_text=True) for d in story.documents],
        "summary": [item.to_dict() for item in story.summary],
        "facts": [fact(g) for g in corroborated(story)],
        "single_source": [fact(g) for g in single_source(story)],
        "entities": [e.to_dict() for e in story.entities],
        "relations": [r.to_dict() for r in story.relations],
        "timeline": [t.to_dict() for t in story.timeline],
        "quotes": [q.to_dict() for q in story.quotes],
        "discrepancies": [d.to_dict() for d in story.discrepancies],
        "problems": [p.to_dict() for p in story.problems],
        "warnings": [w.to_dict() for w in story.warnings],
        # Who each sentence credits; `inferred` when the report implies the origin without naming it.
        "attributions": [a.to_dict() for a in story.attributions],
        "inferred_origins": sorted(inferred_origins(story)),
        # What the Markdown and HTML pages show beyond the lists above, so the
        # JSON alone can rebuild them (render/restore.py; the corpus caches this JSON).
        "sole_origins": [
            {"origin": origin, "facts": [fact(g) for g in groups]}
            for origin, groups in sole_origin_facts(story)
        ],
        "sentences": [s.to_dict() for s in story.sentences],
    }


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)
