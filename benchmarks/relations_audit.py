"""Precision of the stated links between entities, judged by hand on clusters no measure holds out.

The brief's fourth answer, who is involved and how they are linked, had no measure. This audit
briefs the first clusters that `read_brief.py --list` gives (no measure holds them out), lists every
*stated* link (`Relation.kind == "stated"`: one clause's parse names both entities and the verb
phrase between them), and scores them against a reader's judgement of each, kept in
tests/data/relations_audit_labels.json: T (the link, read as "source — label → target", is what its
evidence sentence says of those two), F (a wrong entity or direction, or a label that says something
else), ? (borderline). Co-occurrence links ("mentioned with") are not judged. The peer, on the same
clusters in the same run, reads spaCy's entities and parse as subject-verb-object triples (`svo_links`).
It measures precision only (links a system misses are not known; the count of true links says which
finds more), so it is a tuning measure, and the judgements were made on the output of the commit that
added it (2026-12-05). A link not judged yet is printed as NEW.

`--ecbplus` audits other stories instead: the ECB+ sub-topics of story clustering's tuning part, as
benchmarks/precision_audit.py --ecbplus reads them (short reports of one event, no rule of the link
reader was written from them; first judged in 2026-12-05's fifteenth sitting, before any rule changed).

    python3 benchmarks/relations_audit.py            # score, list NEW links
    python3 benchmarks/relations_audit.py --list     # every stated link with its sentence
    python3 benchmarks/relations_audit.py --ecbplus  # the ECB+ sub-topics instead

The ECB+ sub-topics give about a thousand stated links, more than a reader can judge: `--ecbplus` judges
a sample, the same each run (the links whose hashed keys come first: SAMPLE of newsweave's, half as many
of the peer's), so its precision is an estimate with the margin the table prints.
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
SAMPLE = 100  # newsweave's links judged of the ECB+ sub-topics (the peer's: half as many)


def key(cluster_id: str, source: str, label: str, target: str) -> str:
    """A link's key: its words are hashed, as the labels keep no text of the data sets."""
    return f"{cluster_id}|" + hashlib.sha256(f"{source}|{label}|{target}".encode()).hexdigest()[:16]


def audited_clusters(ecbplus: bool = False) -> list[tuple[str, dict[str, str]]]:
    """(cluster id, document id -> text): the first CLUSTERS of read_brief's list, or the ECB+ sub-topics."""
    if ecbplus:
        from precision_audit import ecbplus_clusters

        return ecbplus_clusters()
    return readable_clusters(1)


def readable_clusters(part: int) -> list[tuple[str, dict[str, str]]]:
    """The part-th CLUSTERS of read_brief's readable clusters (the first are this audit's)."""
    from read_brief import readable

    every = {**jsonl_clusters(MULTINEWS), **jsonl_clusters(DUC)}
    return [(cluster_id, every[cluster_id]) for cluster_id in readable()[(part - 1) * CLUSTERS: part * CLUSTERS]]


def stated_links(clusters: list[tuple[str, dict[str, str]]]) -> list[dict]:
    import newsweave
    from newsweave.story import Document

    links = []
    for cluster_id, texts in clusters:
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


def svo_links(clusters: list[tuple[str, dict[str, str]]]) -> list[dict]:
    """The peer: spaCy's entities and parse, read as subject-verb-object triples (what ten lines build):
    a verb's subject entity, its direct object or a preposition's object entity, labelled by the verb's
    lemma (and the preposition). Entities are not resolved across reports."""
    from newsweave.annotate.model import load_model
    from newsweave.settings import Settings

    nlp = load_model(Settings())
    links = []
    for cluster_id, texts in clusters:
        for text in texts.values():
            doc = nlp(text)
            named = {t.i: ent.text for ent in doc.ents if ent.label_ not in _NOT_NAMES for t in ent}
            for verb in (t for t in doc if t.pos_ == "VERB"):
                subjects = [named[c.i] for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in named]
                targets = [(named[c.i], verb.lemma_) for c in verb.children if c.dep_ == "dobj" and c.i in named]
                targets += [(named[g.i], f"{verb.lemma_} {c.lower_}") for c in verb.children if c.dep_ == "prep"
                            for g in c.children if g.dep_ == "pobj" and g.i in named]
                for source in subjects:
                    for target, label in targets:
                        if source != target:
                            links.append({"key": key(cluster_id, source, label, target), "cluster": cluster_id,
                                          "link": f"{source} — {label} → {target}", "sentence": verb.sent.text})
    return links


_NOT_NAMES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def judged_row(system: str, found: int, keys: list[str], labels: dict[str, str]) -> str:
    """A table row: how many were found and judged, the tally of judgements, and the precision with its margin."""
    tally = Counter(labels.get(key, "new") for key in keys)
    judged = tally["T"] + tally["F"]
    share = tally["T"] / judged if judged else 0.0
    margin = 1.96 * (share * (1 - share) / judged) ** 0.5 if judged else 0.0  # (normal approximation, 95%)
    return (f"| {system} | {found} | {len(keys)} | {tally['T']} | {tally['F']} | {tally['?']} | {tally['new']} | "
            f"{share:.2f} ± {margin:.2f} |")


def print_judged(command: str, scope: str, found: str, rows: list[str]) -> None:
    """The command, what it read, and the table of `judged_row` rows."""
    print(f"\nCommand: {command}\n{scope}\n")
    print(f"| system | {found} | sampled | T | F | ? | new | precision (T of T and F), 95% margin |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every stated link with its sentence")
    parser.add_argument("--ecbplus", action="store_true", help="audit the ECB+ sub-topics of clustering's tuning part")
    args = parser.parse_args(argv)
    clusters = audited_clusters(args.ecbplus)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"] if LABELS.exists() else {}
    rows = []
    for system, links in (("newsweave", stated_links(clusters)), ("spaCy subject-verb-object", svo_links(clusters))):
        links = list({link["key"]: link for link in links}.values())  # a link the reports repeat counts once
        found = len(links)
        if args.ecbplus:  # a sample, the same each run: the keys' hashes are in no order of the text
            links = sorted(links, key=lambda link: link["key"].split("|")[1])[: SAMPLE if system == "newsweave" else SAMPLE // 2]
        for link in links:
            if args.list or link["key"] not in labels:
                print(f"{labels.get(link['key'], 'NEW')} {link['key']} {link['link']}\n      {link['sentence'][:300]}")
        rows.append(judged_row(system, found, [link["key"] for link in links], labels))
    print_judged(f"python3 benchmarks/relations_audit.py{' --ecbplus' if args.ecbplus else ''}", f"{len(clusters)} clusters",
                 "links", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
