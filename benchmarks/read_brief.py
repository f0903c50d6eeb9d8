"""Brief one Multi-News validation or DUC 2003 cluster to read by hand, refusing held-out clusters.

Reading a brief shows its summary, its facts and its disagreements, so a cluster
that is held out by any measure (the claims gold's held-out half, the ROUGE
held-out part of summary_quality.py) must not be read: its errors would shape
the rules that are then scored on it. `--list` gives the clusters that may be
read, those of no gold file first (the precision audit's, in the ROUGE tuning part).

ECB+ sub-topics of story clustering's tuning part may be read too (the precision
audit's `--ecbplus` stories); its held-out topics are never briefed.

    python3 benchmarks/read_brief.py --list
    python3 benchmarks/read_brief.py --list --ecbplus
    python3 benchmarks/read_brief.py mn-val-4 > /tmp/mn-val-4.md
    python3 benchmarks/read_brief.py ecbplus:4:ecb --sources   # the reports, numbered as the brief cites them
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import DUC, MULTINEWS, jsonl_clusters, wire_date  # noqa: E402
from precision_audit import audit_clusters, ecbplus_clusters  # noqa: E402
from summary_quality import SETS, held_out  # noqa: E402

CLAIMS_HELD_OUT = ROOT / "tests" / "data" / "claims_gold_heldout.json"


def held_out_ids() -> set[str]:
    """Every cluster id that some measure holds out."""
    ids = {c["id"] for c in json.loads(CLAIMS_HELD_OUT.read_text(encoding="utf-8"))["clusters"]}
    for path, eval_set in ((MULTINEWS, SETS["multinews"]), (DUC, SETS["duc"])):
        ids |= {cluster_id for index, cluster_id in enumerate(jsonl_clusters(path)) if held_out(eval_set, index)}
    return ids


def readable() -> list[str]:
    """The clusters no measure holds out: the audit's (no gold file holds them) first, then the tuning gold's."""
    held = held_out_ids()
    audit = [cluster_id for cluster_id, _ in audit_clusters() if cluster_id not in held]
    tuning = [cluster_id for path in (MULTINEWS, DUC) for cluster_id in jsonl_clusters(path)
              if cluster_id not in held and cluster_id not in audit]
    return audit + tuning


def reports(cluster_id: str) -> dict[str, str]:
    """Document id -> text of a cluster that may be read."""
    if cluster_id.startswith("ecbplus:"):
        texts = dict(ecbplus_clusters()).get(cluster_id)
        if texts is None:
            raise SystemExit(f"{cluster_id}: no such ECB+ sub-topic in story clustering's tuning part (held-out ones are not read)")
        return texts
    if cluster_id in held_out_ids():
        raise SystemExit(f"{cluster_id}: held out by a measure; its brief is not to be read")
    texts = {**jsonl_clusters(MULTINEWS), **jsonl_clusters(DUC)}.get(cluster_id)
    if texts is None:
        raise SystemExit(f"{cluster_id}: no such cluster in {MULTINEWS.name} or {DUC.name}")
    return texts


def brief_markdown(cluster_id: str) -> str:
    import newsweave
    from newsweave.render.markdown import brief_to_markdown
    from newsweave.story import Document

    texts = reports(cluster_id)
    published = {d: wire_date(d) for d in texts}  # a DUC report's wire day, as a feed gives it
    documents = [Document(id=d, text=t, published=published[d] and published[d].isoformat()) for d, t in texts.items()]
    return brief_to_markdown(newsweave.brief(documents))


def sources_text(cluster_id: str) -> str:
    """The reports, numbered in the brief's order (its list of reports follows the input's)."""
    return "\n".join(f"===== [{n}] {document_id}\n{text}\n"
                     for n, (document_id, text) in enumerate(reports(cluster_id).items(), 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cluster", nargs="?", help="a cluster id, e.g. mn-val-4")
    parser.add_argument("--list", action="store_true", help="the clusters that may be read")
    parser.add_argument("--ecbplus", action="store_true", help="with --list: the ECB+ sub-topics that may be read")
    parser.add_argument("--sources", action="store_true", help="print the cluster's reports instead of its brief")
    args = parser.parse_args(argv)
    if args.list or not args.cluster:
        print(" ".join(cluster_id for cluster_id, _ in ecbplus_clusters()) if args.ecbplus else " ".join(readable()))
        return 0
    print(sources_text(args.cluster) if args.sources else brief_markdown(args.cluster))
    return 0


if __name__ == "__main__":
    sys.exit(main())
