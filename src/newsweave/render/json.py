"""The brief as plain data: schema newsweave.brief/1 (docs/brief-schema.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsweave.corroborate import corroborated, single_source
from newsweave.render.labels import inferred_origins, sole_origin_facts
from newsweave.story import FactGroup, Sentence

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
        "warnings": [w.to_dict() for w in story.warnings],
        # Who each sentence credits; `inferred` when the report implies the origin without naming it.
        "attributions": [a.to_dict() for a in story.attributions],
        "inferred_origins": sorted(inferred_origins(story)),
        # What the Markdown and HTML pages show beyond the lists above, so the
        # JSON alone can rebuild them (render/restore.py; the corpus caches this JSON).
        "sole_origins": [
            {"origin": origin, "facts": [fact_to_dict(g, g.id in summary_facts) for g in groups]}
            for origin, groups in sole_origin_facts(story)
        ],
        "sentences": [sentence_to_dict(s) for s in story.sentences],
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
        "salience": group.salience,
        # False when the quoted sentence's main claim is another fact (single_source leaves such facts out).
        "main_claim": group.representative_claim is None or group.representative_claim.main,
        "evidence": [dict(s.evidence.to_dict(), text=s.text) for s in group.sentences],
        # The claim layer: where inside those sentences each report states the fact.
        "claims": [c.to_dict() for c in group.claims],
    }


def sentence_to_dict(sentence: Sentence) -> dict[str, Any]:
    return {
        "document": sentence.document,
        "start": sentence.start,
        "end": sentence.end,
        "index": sentence.index,
        "paragraph": sentence.paragraph,
        "role": sentence.role,
    }


def _evidence_first(group: FactGroup, first):
    return [first.evidence] + [s.evidence for s in group.sentences if s is not first]


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)
