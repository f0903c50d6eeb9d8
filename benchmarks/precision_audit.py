"""Precision on stories no gold file holds: every disagreement newsweave flags, judged by hand.

The gold sets (tests/data/claims_gold_*.json, disagreements_gold_tune2.json)
are annotated exhaustively, so they give recall and precision, but only on
their clusters. This audit reads the other clusters of Multi-News validation
and DUC 2003 task 2 (104 clusters), lists every disagreement newsweave flags
there, and scores them against a reader's judgement of each, kept in
tests/data/precision_audit_labels.json: T (a disagreement a fact-checker
would flag), F (a false alarm: two things, two moments, a part and its
whole, two quotes), ? (a borderline call). It measures precision only: what
newsweave misses there is not known.

The judgements were made on the output of af23695 (2026-12-02's fourth
session); the rules written since were written from its false alarms, so the
audit is a tuning set, not a held-out one. A flagged disagreement whose sides
were not judged is printed as NEW, to be judged and added.

`--ecbplus` audits other stories instead: each ECB+ sub-topic (one real-world
event, a handful of short reports) of the topics in story clustering's tuning
part (benchmarks/clustering_quality.py `split_of`; its held-out topics are never
briefed here). No claims or disagreements gold holds them, so it is a second,
fresh sample of precision (first judged on 2026-12-05's fourteenth sitting).

    python3 benchmarks/precision_audit.py                  # flag, score, list NEW ones
    python3 benchmarks/precision_audit.py --no-published   # DUC reports without their wire day
    python3 benchmarks/precision_audit.py --list           # every flagged disagreement with its sentences
    python3 benchmarks/precision_audit.py --ecbplus        # the ECB+ sub-topics instead
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import DUC, MULTINEWS, jsonl_clusters, sentence_around, wire_date  # noqa: E402

GOLD = [ROOT / "tests" / "data" / name for name in
        ("claims_gold_tune.json", "claims_gold_heldout.json", "disagreements_gold_tune2.json")]
LABELS = ROOT / "tests" / "data" / "precision_audit_labels.json"


def audit_clusters() -> list[tuple[str, dict[str, str]]]:
    """(cluster id, document id -> text) of every Multi-News validation and DUC cluster no gold file holds."""
    held = set()
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        held |= {c["id"] for c in gold["clusters"]} | set(gold.get("skipped", {}))
    return [(cluster_id, texts) for path in (MULTINEWS, DUC)
            for cluster_id, texts in jsonl_clusters(path).items() if cluster_id not in held]


def ecbplus_clusters() -> list[tuple[str, dict[str, str]]]:
    """(sub-topic, document id -> text) of each ECB+ sub-topic in story clustering's tuning part."""
    from clustering_quality import DEFAULT_DATA, read_ecbplus, split_of

    stories: dict[str, dict[str, str]] = {}
    for document in read_ecbplus(DEFAULT_DATA / "ecbplus"):
        if split_of(document["story"]) == "tune":
            stories.setdefault(document["story"], {})[document["id"].split(":", 1)[1]] = printed(document["text"])
    return sorted(stories.items(), key=lambda item: (int(item[0].split(":")[1]), item[0]))


# ECB+ keeps tokens, and joining them with spaces leaves figures as no page prints them ("10, 000", "3: 30 a. m.",
# "36 - year - old", "Rait ’ s"), which the reader would misjudge as no real report makes it: join them back.
_PRINTED = [
    (re.compile(r"(?<=\d), (?=\d{3}\b)"), ","),
    (re.compile(r"(?<=\d): (?=\d\d\b)"), ":"),
    (re.compile(r"\b([ap])\. m\."), r"\1.m."),
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
    (re.compile(r"(?<=\w) ’ (?=s\b)"), "’"),
    (re.compile(r"\b([A-Z])\. (?=[A-Z]\.)"), r"\1."),
]


def printed(text: str) -> str:
    for pattern, joined in _PRINTED:
        text = pattern.sub(joined, text)
    return text


def key(cluster_id: str, kind: str, values: list[str]) -> str:
    """A flagged disagreement's key: its sides' values are hashed, as the labels keep no text of the data sets."""
    return f"{cluster_id}|{kind}|" + hashlib.sha256("|".join(sorted(values)).encode("utf-8")).hexdigest()[:16]


def flagged(clusters: list[tuple[str, dict[str, str]]], published: bool) -> list[dict]:
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    found = []
    for cluster_id, texts in clusters:
        days = {d: wire_date(d) if published else None for d in texts}
        story = build_story([Document(id=d, text=t, published=days[d] and days[d].isoformat()) for d, t in texts.items()],
                            Settings())
        for item in story.discrepancies:
            sides = []
            for value in item.values:
                evidence = value.evidence[0]
                start, end = sentence_around(texts[evidence.document], evidence.start, evidence.end)
                sides.append((value.value, evidence.document, texts[evidence.document][start:end].strip()))
            found.append({"cluster": cluster_id, "kind": item.kind, "subject": item.subject, "sides": sides})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-published", action="store_true", help="brief DUC reports without their wire day")
    parser.add_argument("--list", action="store_true", help="print every flagged disagreement with its sentences")
    parser.add_argument("--ecbplus", action="store_true", help="audit the ECB+ sub-topics of clustering's tuning part")
    args = parser.parse_args(argv)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    clusters = ecbplus_clusters() if args.ecbplus else audit_clusters()
    found = flagged(clusters, not args.no_published)
    by_kind: dict[str, Counter] = {}
    for item in found:
        label = labels.get(key(item["cluster"], item["kind"], [v for v, _, _ in item["sides"]]), "NEW")
        by_kind.setdefault(item["kind"], Counter())[label] += 1
        if label == "NEW" or args.list:
            print(f"{label} {item['cluster']} [{item['kind']}] {item['subject']}")
            for value, document, sentence in item["sides"]:
                print(f"    {value!r} @{document}: {sentence[:200]!r}")
    total = sum(by_kind.values(), Counter())
    print(f"\n{len(clusters)} clusters; {sum(total.values())} disagreements flagged\n")
    print("| kind | flagged | T | F | ? | new | precision (T) | precision (T and ?) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, counts in [*sorted(by_kind.items()), ("all", total)]:
        n = sum(counts.values())
        print(f"| {kind} | {n} | {counts['T']} | {counts['F']} | {counts['?']} | {counts['NEW']} "
              f"| {counts['T'] / n:.2f} | {(counts['T'] + counts['?']) / n:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
