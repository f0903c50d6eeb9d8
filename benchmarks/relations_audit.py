"""Precision of the stated links between entities, judged by hand on clusters no measure holds out.

The brief's fourth answer, who is involved and how they are linked, had no measure. This audit
briefs the first clusters that `read_brief.py --list` gives (no measure holds them out), lists every
*stated* link (`Relation.kind == "stated"`: one clause's parse names both entities and the verb
phrase between them), and scores them against a reader's judgement of each, kept in
tests/data/relations_audit_labels.json: T (the link, read as "source — label → target", is what its
evidence sentence says of those two), F (a wrong entity or direction, or a label that says something
else), ? (borderline). Co-occurrence links ("mentioned with") are not judged. It measures precision
only: links newsweave misses are not known, so it is a tuning measure, and the judgements were made on
the output of the commit that added it (2026-12-05). A link not judged yet is printed as NEW.

    python3 benchmarks/relations_audit.py            # score, list NEW links
    python3 benchmarks/relations_audit.py --list     # every stated link with its sentence
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import DUC, MULTINEWS, jsonl_clusters, wire_date  # noqa: E402

LABELS = ROOT / "tests" / "data" / "relations_audit_labels.json"
CLUSTERS = 15  # the first clusters of read_brief's readable list


def key(cluster_id: str, source: str, label: str, target: str) -> str:
    """A link's key: its words are hashed, as the labels keep no text of the data sets."""
    return f"{cluster_id}|" + hashlib.sha256(f"{source}|{label}|{target}".encode()).hexdigest()[:16]


def stated_links(count: int = CLUSTERS) -> list[dict]:
    from read_brief import readable

    import newsweave
    from newsweave.story import Document

    every = {**jsonl_clusters(MULTINEWS), **jsonl_clusters(DUC)}
    links = []
    for cluster_id in readable()[:count]:
        texts = every[cluster_id]
        documents = [Document(id=d, text=t, published=(day := wire_date(d)) and day.isoformat()) for d, t in texts.items()]
        story = newsweave.brief(documents).story
        names = {entity.id: entity.name for entity in story.entities}
        for relation in story.relations:
            if relation.kind != "stated":
                continue
            source, target = names.get(relation.source, "?"), names.get(relation.target, "?")
            evidence = relation.evidence[0]
            links.append({"key": key(cluster_id, source, relation.label, target), "cluster": cluster_id,
                          "link": f"{source} — {relation.label} → {target}",
                          "sentence": texts[evidence.document][evidence.start:evidence.end]})
    return links


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every stated link with its sentence")
    args = parser.parse_args(argv)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"] if LABELS.exists() else {}
    links = stated_links()
    tally = Counter(labels.get(link["key"], "new") for link in links)
    for link in links:
        if args.list or link["key"] not in labels:
            mark = labels.get(link["key"], "NEW")
            print(f"{mark} {link['key']} {link['link']}\n      {link['sentence'][:300]}")
    judged = tally["T"] + tally["F"]
    print("\nCommand: python3 benchmarks/relations_audit.py")
    print(f"{CLUSTERS} clusters, {len(links)} stated links\n")
    print("| links | T | F | ? | new | precision (T of T and F) | precision (T of all judged) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    every_judged = judged + tally["?"]
    print(f"| {len(links)} | {tally['T']} | {tally['F']} | {tally['?']} | {tally['new']} | "
          f"{tally['T'] / judged if judged else 0:.2f} | {tally['T'] / every_judged if every_judged else 0:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
