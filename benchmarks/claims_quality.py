"""Does newsweave find the claims reports share, and where they disagree, on stories never seen?

Scores newsweave against the hand-made claims gold sets (issue 11), split by
story before any tuning:

- tune: tests/data/claims_gold_tune.json (errors may be read and acted on);
- heldout: tests/data/claims_gold_heldout.json (only its totals are shown);
- tune2: tests/data/disagreements_gold_tune2.json, a second tuning set of
  other clusters annotated for disagreements only (no claim scores).

Each gold cluster lists every claim two or more of its reports state (with
the claim's own words in each report) and every disagreement between reports.
Spans overlap when they are in the same document and share characters.

- Claim recall: a gold claim is recalled when ONE system group has, in every
  document of the claim, a span overlapping the claim's span there.
- Pair precision: every system group stating a fact in two or more documents
  counts each pair of its documents once; a pair is correct when some gold
  claim has spans in both documents overlapping the group's spans there.
- Pair recall (a help for tuning, not a target): the share of the gold
  claims' document pairs that some system group joins in the same way.
- Disagreements: matched as in benchmarks/crosscheck_quality.py (same kind,
  two predicted values matched to two different gold values by evidence
  overlap, one-to-one); precision and recall per kind and overall.
- Seeds checks: every seed claim is recalled, and no "resting on one report
  only" item covers (half or more of) a seed claim that another report states.

DUC reports are briefed with their wire day (APW19981017.0151: 1998-10-17) as
publication date, as a feed would give it; Multi-News and the seeds carry none.
`--no-published` briefs every report without one (the benchmark's input
before 2026-12-02's fourth session).

The system's groups are read by `system_groups`: the story's claim groups
(each group's claim spans) when it has a claim layer, else its fact groups
(their sentences). The baseline joins sentences of two reports whose TF-IDF
cosine is at least 0.5 (connected groups), and flags discrepancies as
crosscheck_quality.py's baseline does.

    python3 benchmarks/claims_quality.py                        # tune split, newsweave and baseline
    python3 benchmarks/claims_quality.py --split both --systems newsweave
    python3 benchmarks/claims_quality.py --verbose              # misses per tune cluster
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shlex
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import crosscheck_quality  # noqa: E402
from claims_gold_tool import DISAGREEMENTS_ONLY, GOLD, cluster_texts, problems  # noqa: E402
from crosscheck_gold_tool import sentence_around, wire_date  # noqa: E402
from crosscheck_quality import describe, discrepancy_matches, markdown, table, tally  # noqa: E402

SYSTEMS = ("newsweave", "baseline")
BASELINE_COSINE = 0.5


def overlaps(a: dict, b: dict) -> bool:
    return a["document"] == b["document"] and a["start"] < b["end"] and b["start"] < a["end"]


# --- the system's groups (the adapter: adjust here when the story model changes) ----------------------


def _span(evidence) -> dict:
    return evidence if isinstance(evidence, dict) else {"document": evidence.document, "start": evidence.start, "end": evidence.end}


def system_groups(story) -> tuple[list[list[dict]], str]:
    """Each group's evidence spans, and which layer they came from.

    A claim layer shows as `story.claim_groups`, or as fact groups that hold
    `claims` (each claim with its `spans`); without it, fact groups cite
    their sentences.
    """
    groups = getattr(story, "claim_groups", None)
    if groups is None:
        groups = story.facts
    spans, layer = [], "sentence groups"
    for group in groups:
        claims = getattr(group, "claims", None)
        if claims:
            layer = "claim groups"
            spans.append([_span(s) for claim in claims for s in getattr(claim, "spans", [claim.evidence])])
        else:
            spans.append([_span(e) for e in group.evidence])
    return spans, layer


def single_report_items(story) -> list[list[dict]]:
    """The evidence of each item the brief lists under "Resting on one report only"."""
    from newsweave.corroborate import single_source

    return [[_span(e) for e in group.evidence] for group in single_source(story)]


# --- systems ---------------------------------------------------------------------------------------


PUBLISHED = True  # DUC reports carry their wire day as publication date (--no-published: none)


class Run:
    """One system's output on one cluster."""

    def __init__(self, groups, discrepancies, layer="", single=None, seconds=0.0):
        self.groups, self.discrepancies, self.layer = groups, discrepancies, layer
        self.single, self.seconds = single or [], seconds


def run_newsweave(cluster: dict) -> Run:
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    texts = cluster_texts(cluster["source"], cluster["id"])
    started = time.perf_counter()
    # a DUC report's wire day is its publication date, as a feed would give it (Multi-News and the seeds have none)
    published = {d: wire_date(d) if PUBLISHED else None for d in texts}
    story = build_story([Document(id=d, text=t, published=published[d] and published[d].isoformat())
                         for d, t in texts.items()], Settings())
    seconds = time.perf_counter() - started
    groups, layer = system_groups(story)
    discrepancies = [d.to_dict() for d in story.discrepancies]
    return Run(groups, discrepancies, layer, single_report_items(story), seconds)


_WORD = re.compile(r"[a-z0-9]+")
_STOP = set(
    "a an the and or but of to in on at for by with from as is are was were be been being has have had it its "
    "this that these those he she they them his her their we you i not no said says say also after before "
    "than then there which who whom whose what when where will would could should may might can do does did".split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and line breaks (crosscheck_gold_tool's rule)."""
    spans, position = [], 0
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        start, end = sentence_around(text, position, position + 1)
        end = max(end, position + 1)
        if text[start:end].strip():
            spans.append((start, end))
        position = end
    return spans


def run_baseline(cluster: dict) -> Run:
    """Sentences of two reports with TF-IDF cosine >= 0.5 state one claim (groups: connected sentences)."""
    texts = cluster_texts(cluster["source"], cluster["id"])
    started = time.perf_counter()
    units = [(d, s, e) for d, t in texts.items() for s, e in sentences(t)]
    bags = [Counter(w for w in _WORD.findall(texts[d][s:e].lower()) if w not in _STOP) for d, s, e in units]
    df = Counter(w for bag in bags for w in bag)
    vectors = []
    for bag in bags:
        v = {w: c * math.log((1 + len(bags)) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    parent = list(range(len(units)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(units)), 2):
        if units[i][0] != units[j][0]:
            small, large = sorted((vectors[i], vectors[j]), key=len)
            if sum(x * large.get(w, 0.0) for w, x in small.items()) >= BASELINE_COSINE:
                parent[root(i)] = root(j)
    members = defaultdict(list)
    for i, (d, s, e) in enumerate(units):
        members[root(i)].append({"document": d, "start": s, "end": e})
    groups = [g for g in members.values() if len(g) > 1]
    seconds = time.perf_counter() - started
    return Run(groups, crosscheck_quality.baseline_discrepancies(cluster), "sentence groups", [], seconds)


RUNNERS = {"newsweave": run_newsweave, "baseline": run_baseline}


# --- scoring ---------------------------------------------------------------------------------------


def claim_recalled(claim: dict, groups: list[list[dict]]) -> bool:
    documents = {e["document"] for e in claim["evidence"]}
    return any(
        all(any(overlaps(g, e) for g in group for e in claim["evidence"] if e["document"] == d) for d in documents)
        for group in groups
    )


def _joins(claim: dict, group: list[dict], a: str, b: str) -> bool:
    """The group's spans in documents a and b overlap the claim's spans there."""
    return all(any(overlaps(g, e) for g in group for e in claim["evidence"] if e["document"] == d) for d in (a, b))


def group_pairs(group: list[dict]) -> list[tuple[str, str]]:
    return list(combinations(sorted({e["document"] for e in group}), 2))


def score_cluster(cluster: dict, run: Run) -> dict:
    claims = cluster["claims"]
    recalled = [claim_recalled(c, run.groups) for c in claims]
    pairs = correct = 0
    wrong = []
    for group in run.groups:
        for a, b in group_pairs(group):
            pairs += 1
            if any(_joins(c, group, a, b) for c in claims):
                correct += 1
            else:
                wrong.append((group, a, b))
    gold_pairs = joined = 0
    for claim in claims:
        for a, b in combinations(sorted({e["document"] for e in claim["evidence"]}), 2):
            gold_pairs += 1
            joined += any(_joins(claim, group, a, b) for group in run.groups)
    return {"claims": len(claims), "recalled": sum(recalled), "missed": [c for c, r in zip(claims, recalled) if not r],
            "pairs": pairs, "correct": correct, "wrong": wrong, "gold_pairs": gold_pairs, "joined": joined}


def seeds_checks(cluster: dict, run: Run) -> dict:
    """Seed claims not grouped, and single-report items covering half or more of a seed claim."""
    missed = [c for c in cluster["claims"] if not claim_recalled(c, run.groups)]
    flagged = []
    for item in run.single:
        for claim in cluster["claims"]:
            for e in claim["evidence"]:
                covered = sum(max(0, min(g["end"], e["end"]) - max(g["start"], e["start"]))
                              for g in item if g["document"] == e["document"])
                if covered * 2 >= e["end"] - e["start"]:
                    flagged.append((claim, e))
    return {"claims": len(cluster["claims"]), "missed": missed, "single": flagged}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _where(spans: list[dict], texts: dict[str, str] | None = None, width: int = 70) -> str:
    out = []
    for e in spans:
        label = f"{e['document']}:{e['start']}-{e['end']}"
        if texts is not None:
            label += " " + repr(texts[e["document"]][e["start"]:e["end"]][:width])
        out.append(label)
    return "; ".join(out)


def evaluate(system: str, gold: dict, verbose: bool) -> dict:
    totals = Counter()
    counts = defaultdict(lambda: [0, 0, 0])
    failures, seconds, layers, seeds = 0, 0.0, Counter(), None
    for cluster in gold["clusters"]:
        try:
            run = RUNNERS[system](cluster)
        except Exception as error:  # a crash scores as no output, and is counted
            failures += 1
            print(f"  {system} failed on {cluster['id']}: {type(error).__name__}: {error}", file=sys.stderr)
            run = Run([], [])
        seconds += run.seconds
        layers[run.layer] += 1
        scored = score_cluster(cluster, run)
        for key in ("claims", "recalled", "pairs", "correct", "gold_pairs", "joined"):
            totals[key] += scored[key]
        pairs = tally(run.discrepancies, cluster["discrepancies"], counts)
        if cluster["source"] == "seeds":
            seeds = seeds_checks(cluster, run)
        if verbose:
            _print_errors(system, cluster, scored, run, pairs)
    return {"totals": totals, "counts": counts, "failures": failures, "seconds": seconds, "layers": layers,
            "seeds": seeds, "clusters": len(gold["clusters"])}


def _print_errors(system: str, cluster: dict, scored: dict, run: Run, pairs: list) -> None:
    texts = cluster_texts(cluster["source"], cluster["id"])
    print(f"{system} {cluster['id']}: claims {scored['recalled']}/{scored['claims']}, "
          f"pairs {scored['correct']}/{scored['pairs']} correct, "
          f"discrepancies {len(pairs)}/{len(cluster['discrepancies'])} found, {len(run.discrepancies)} predicted")
    for claim in scored["missed"]:
        print(f"   MISSED claim {claim['label']!r}: {_where(claim['evidence'], texts)}")
    for group, a, b in scored["wrong"] if cluster["claims"] else ():  # claims not annotated: no pair is known wrong
        shown = [e for e in group if e["document"] in (a, b)]
        print(f"   WRONG pair {a}+{b}: {_where(shown, texts)}")
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, p in enumerate(run.discrepancies):
        if i not in matched_p:
            duplicate = any(discrepancy_matches(p, g) for g in cluster["discrepancies"])
            print(f"   FP{' (duplicate)' if duplicate else ''} {describe(p)}")
    for j, g in enumerate(cluster["discrepancies"]):
        if j not in matched_g:
            print(f"   FN {describe(g)}")


def claims_row(split: str, system: str, result: dict) -> str:
    t = result["totals"]
    return (f"| {split} | {system} | {result['clusters']} | {t['claims']} | {t['recalled']} | "
            f"{_ratio(t['recalled'], t['claims']):.2f} | {t['pairs']} | {t['correct']} | "
            f"{_ratio(t['correct'], t['pairs']):.2f} | {_ratio(t['joined'], t['gold_pairs']):.2f} |")


CLAIMS_HEADER = ("| split | system | clusters | gold claims | recalled | claim recall | system pairs | correct | "
                 "pair precision | pair recall |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")


def seeds_report(seeds: dict, verbose: bool) -> str:
    lines = [f"Seeds: {seeds['claims'] - len(seeds['missed'])}/{seeds['claims']} claims grouped; "
             f"{len(seeds['single'])} seed claim spans under \"Resting on one report only\"."]
    if verbose:
        lines += [f"   not grouped: {c['label']!r}" for c in seeds["missed"]]
        lines += [f"   single-report item covers {c['label']!r} in {e['document']}" for c, e in seeds["single"]]
    return "\n".join(lines)


def load_split(split: str, path: Path | None = None) -> dict:
    path = path or GOLD[split]
    if not path.exists():
        raise SystemExit(f"claims_quality: {path}: no such gold file")
    gold = json.loads(path.read_text(encoding="utf-8"))
    found = problems(gold, split)
    if found:
        raise SystemExit(f"claims_quality: {path}: invalid gold set: {found[0]}")
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "tune2", "heldout", "both"), default="tune",
                        help="both: tune and heldout; tune2: the second tuning set (disagreements only)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {', '.join(SYSTEMS)}")
    parser.add_argument("--verbose", action="store_true", help="list misses and false pairs per cluster (tune split only)")
    parser.add_argument("--cluster", action="append", default=[], help="score only these cluster ids (tune split only)")
    parser.add_argument("--no-published", action="store_true",
                        help="brief DUC reports without their wire day as publication date (as before 2026-12-02's fourth session)")
    args = parser.parse_args(argv)
    global PUBLISHED
    PUBLISHED = not args.no_published
    systems = [s for s in args.systems.split(",") if s]
    unknown = [s for s in systems if s not in RUNNERS]
    if unknown:
        parser.error(f"unknown system {unknown[0]!r}; choose from {', '.join(SYSTEMS)}")
    if args.split == "heldout" and (args.verbose or args.cluster):
        print("claims_quality: held-out errors are not shown (--verbose and --cluster work on the tune split only)",
              file=sys.stderr)
        return 2
    splits = ["tune", "heldout"] if args.split == "both" else [args.split]

    print(f"Command: python3 benchmarks/claims_quality.py {shlex.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    results = {}
    for split in splits:
        gold = load_split(split)
        if args.cluster and split != "heldout":
            gold = dict(gold, clusters=[c for c in gold["clusters"] if c["id"] in args.cluster])
        sources = Counter(c["source"] for c in gold["clusters"])
        print(f"Gold {split}: {len(gold['clusters'])} clusters ({', '.join(f'{n} {s}' for s, n in sorted(sources.items()))}), "
              f"{sum(len(c['claims']) for c in gold['clusters'])} claims, "
              f"{sum(len(c['discrepancies']) for c in gold['clusters'])} discrepancies")
        if args.verbose and split == "heldout":
            print("  (held-out errors are not shown)")
        for system in systems:
            results[split, system] = evaluate(system, gold, args.verbose and split != "heldout")
    claim_rows = [claims_row(split, system, result) for (split, system), result in results.items()
                  if split not in DISAGREEMENTS_ONLY]
    if claim_rows:
        print()
        print(CLAIMS_HEADER)
        print("\n".join(claim_rows))
    print()
    for (split, system), result in results.items():
        print(markdown(f"{system}, {split}: disagreements", table(result["counts"])))
        layers = ", ".join(f"{n} clusters read as {layer}" for layer, n in result["layers"].items() if layer)
        print(f"\n{result['seconds']:.1f} s building, {result['failures']} failed clusters; {layers}\n")
        if result["seeds"] is not None and system == "newsweave":
            print(seeds_report(result["seeds"], args.verbose and split != "heldout") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
