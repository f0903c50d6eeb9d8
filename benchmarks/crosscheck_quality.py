"""How well does newsweave find where reports disagree?

Runs newsweave on every cluster of the hand-made gold set
(tests/data/crosscheck_gold.json: the seeds and Multi-News dev clusters, read
in full by a person) and compares its `discrepancies` with the gold ones, per
kind (number, name, date, attribution, quote) and overall.

Matching: a predicted discrepancy matches a gold one of the same kind when two
of its values are each matched to a DIFFERENT gold value, a value matching
when one of its evidence spans overlaps one of the gold value's spans (same
document, overlapping characters); for names, a value also matches when it is
the same spelling cited elsewhere in a document where the gold value occurs,
since the gold lists only a few mentions of each spelling. Pairs are one-to-one (greedy, in order): a
second prediction of an already matched gold discrepancy is a false positive.

  precision = matched predictions / predictions
  recall    = matched gold discrepancies / gold discrepancies

Also counted: how many of the gold set's corroborated facts (sentences of
two or more reports stating the same thing) the brief groups as one fact.

In the same run, a naive baseline shows what the care buys: it flags every
pair of different numbers attached to the same noun lemma in two documents,
and every pair of person or place names in two documents that differ by one
or two letters.

Speed: the median time of a warm brief with cross-checking and without it
(newsweave.crosscheck.crosscheck replaced by a no-op in this process), on the
seeds folder and on the first 10-report DUC 2003 cluster.

    python3 benchmarks/crosscheck_quality.py
    python3 benchmarks/crosscheck_quality.py --verbose      # false positives and negatives per cluster
    python3 benchmarks/crosscheck_quality.py --no-speed --systems newsweave
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations, permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import GOLD, KINDS, SEEDS, SHARED, cluster_texts  # noqa: E402

SYSTEMS = ("newsweave", "baseline")


# --- scoring -----------------------------------------------------------------


def _overlaps(a: dict, b: dict) -> bool:
    return a["document"] == b["document"] and a["start"] < b["end"] and b["start"] < a["end"]


def _same_spelling(a: str, b: str) -> bool:
    """One name holds the other as whole words: 'Kim Lehmkuhl' and 'Lehmkuhl', not 'German' and 'Germa'."""
    a, b = (re.sub(r"['’]s$", "", str(x).casefold().strip()) for x in (a, b))
    short, long = sorted((a, b), key=len)
    return bool(short) and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def value_matches(predicted: dict, gold: dict, kind: str = "") -> bool:
    """Evidence overlap; for a name, also the same spelling cited in a document where the gold value occurs
    (the gold lists a few of its mentions, a prediction may cite others)."""
    if any(_overlaps(p, g) for p in predicted.get("evidence", []) for g in gold["evidence"]):
        return True
    if kind != "name" or not _same_spelling(predicted.get("value", ""), gold["value"]):
        return False
    gold_documents = {g["document"] for g in gold["evidence"]}
    return any(p["document"] in gold_documents for p in predicted.get("evidence", []))


def discrepancy_matches(predicted: dict, gold: dict) -> bool:
    """Same kind, and two predicted values matched to two different gold values."""
    if predicted.get("kind") != gold["kind"]:
        return False
    values = predicted.get("values", [])
    for (i, p), (j, q) in combinations(enumerate(values), 2):
        for a, b in permutations(range(len(gold["values"])), 2):
            if value_matches(p, gold["values"][a], gold["kind"]) and value_matches(q, gold["values"][b], gold["kind"]):
                return True
    return False


def match(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, greedy in order."""
    pairs, used = [], set()
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if j not in used and discrepancy_matches(p, g):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def tally(predicted: list[dict], gold: list[dict], counts: dict) -> list[tuple[int, int]]:
    """Add one cluster's counts per kind to counts[kind] = [gold, predicted, tp]."""
    pairs = match(predicted, gold)
    for g in gold:
        counts[g["kind"]][0] += 1
    for p in predicted:
        counts[p.get("kind", "?")][1] += 1
    for i, _ in pairs:
        counts[predicted[i]["kind"]][2] += 1
    return pairs


def prf(gold: int, predicted: int, tp: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def table(counts: dict) -> list[tuple]:
    rows = []
    kinds = list(KINDS) + sorted(k for k in counts if k not in KINDS)
    for kind in kinds:
        g, p, tp = counts.get(kind, [0, 0, 0])
        rows.append((kind, g, p, tp, *prf(g, p, tp)))
    g, p, tp = (sum(c[i] for c in counts.values()) for i in range(3))
    rows.append(("overall", g, p, tp, *prf(g, p, tp)))
    return rows


def markdown(system: str, rows: list[tuple]) -> str:
    lines = [f"**{system}**", "", "| kind | gold | predicted | TP | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, g, p, tp, precision, recall, f1 in rows:
        lines.append(f"| {kind} | {g} | {p} | {tp} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")
    return "\n".join(lines)


# --- systems -----------------------------------------------------------------


def sources(cluster: dict) -> list:
    if cluster["source"] == "seeds":
        return [str(SEEDS)]
    return [{"id": d, "text": t} for d, t in cluster_texts(cluster["source"], cluster["id"]).items()]


_BRIEFS: dict[str, dict] = {}


def newsweave_brief(cluster: dict) -> dict:
    """The brief's JSON, made once per cluster: discrepancies and facts are read from the same run."""
    import newsweave

    key = f"{cluster['source']}/{cluster['id']}"
    if key not in _BRIEFS:
        _BRIEFS[key] = newsweave.brief(sources(cluster)).to_dict()
    return _BRIEFS[key]


def newsweave_discrepancies(cluster: dict) -> list[dict]:
    return newsweave_brief(cluster).get("discrepancies", [])


def corroboration_found(gold: dict) -> tuple[int, int]:
    """(gold corroborated facts the brief groups together, all of them).

    Found: one of the brief's facts stated by two or more reports has evidence
    overlapping gold spans of two different documents.
    """
    found = total = 0
    for cluster in gold["clusters"]:
        facts = newsweave_brief(cluster).get("facts", [])
        for fact in cluster["corroborated"]:
            total += 1
            found += any(
                len({g["document"] for g in fact["evidence"] if any(_overlaps(g, e) for e in predicted["evidence"])}) >= 2
                for predicted in facts
            )
    return found, total


def _sentence_evidence(document: str, token) -> dict:
    sentence = token.sent
    return {"document": document, "start": sentence.start_char, "end": sentence.end_char}


def baseline_discrepancies(cluster: dict) -> list[dict]:
    """Naive: different numbers on the same noun lemma, and near-identical names, across two documents."""
    from newsweave.annotate.features import number_value
    from newsweave.annotate.model import load_model
    from newsweave.settings import Settings

    nlp = load_model(Settings())
    texts = cluster_texts(cluster["source"], cluster["id"])
    numbers = defaultdict(list)  # (document, noun lemma) -> [(value, as written, evidence)]
    names = defaultdict(list)  # document -> [(name, evidence)]
    for document, doc in zip(texts, nlp.pipe(texts.values())):
        for token in doc:
            value = number_value(token.text)
            if value is not None and token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
                numbers[document, token.head.lemma_.lower()].append((value, token.text, _sentence_evidence(document, token)))
        for entity in doc.ents:
            if entity.label_ in ("PERSON", "GPE", "LOC", "FAC"):
                names[document].append((entity.text, _sentence_evidence(document, entity[0])))

    found = []
    documents = list(texts)
    for a, b in combinations(documents, 2):
        lemmas = {lemma for d, lemma in numbers if d == a} & {lemma for d, lemma in numbers if d == b}
        for lemma in sorted(lemmas):
            for va, wa, ea in numbers[a, lemma]:
                for vb, wb, eb in numbers[b, lemma]:
                    if va != vb:
                        found.append({"kind": "number", "subject": lemma, "values": [
                            {"value": wa, "normalized": va, "evidence": [ea]},
                            {"value": wb, "normalized": vb, "evidence": [eb]},
                        ]})
        for na, ea in names[a]:
            for nb, eb in names[b]:
                if na != nb and len(na) > 3 and SequenceMatcher(None, na, nb).ratio() >= 0.85 and abs(len(na) - len(nb)) <= 2:
                    found.append({"kind": "name", "subject": na, "values": [
                        {"value": na, "normalized": na, "evidence": [ea]},
                        {"value": nb, "normalized": nb, "evidence": [eb]},
                    ]})
    return found


RUNNERS = {"newsweave": newsweave_discrepancies, "baseline": baseline_discrepancies}


def describe(item: dict) -> str:
    sides = " vs ".join(
        f"{v.get('value')!r}@" + ",".join(f"{e['document']}:{e['start']}-{e['end']}" for e in v.get("evidence", []))
        for v in item.get("values", [])
    )
    return f"[{item.get('kind')}] {item.get('subject', '')}: {sides}"


def confident(predicted: list[dict], threshold: float) -> list[dict]:
    return [p for p in predicted if p.get("confidence", 1.0) >= threshold]


def evaluate(system: str, gold: dict, verbose: bool, threshold: float = 0.0) -> tuple[dict, float, int, list]:
    """Counts per kind, seconds, failed clusters, and each cluster's predictions (for the confidence sweep)."""
    counts = defaultdict(lambda: [0, 0, 0])
    failures, started, predictions = 0, time.perf_counter(), []
    for cluster in gold["clusters"]:
        try:
            predicted = confident(RUNNERS[system](cluster), threshold)
        except Exception as error:  # a crash scores as no predictions, and is counted
            failures += 1
            print(f"  {system} failed on {cluster['id']}: {type(error).__name__}: {error}", file=sys.stderr)
            predicted = []
        predictions.append(predicted)
        pairs = tally(predicted, cluster["discrepancies"], counts)
        if verbose:
            matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
            false_pos = [p for i, p in enumerate(predicted) if i not in matched_p]
            false_neg = [g for j, g in enumerate(cluster["discrepancies"]) if j not in matched_g]
            print(f"{system} {cluster['id']}: gold {len(cluster['discrepancies'])}, predicted {len(predicted)}, TP {len(pairs)}")
            for p in false_pos:
                duplicate = any(discrepancy_matches(p, g) for g in cluster["discrepancies"])
                print(f"   FP{' (duplicate)' if duplicate else ''} {describe(p)}")
            for g in false_neg:
                print(f"   FN {describe(g)}")
    return counts, time.perf_counter() - started, failures, predictions


def confidence_sweep(gold: dict, predictions: list[list[dict]], thresholds=(0.5, 0.6, 0.7, 0.8, 0.9)) -> str:
    """Overall precision and recall when predictions under each confidence are dropped."""
    lines = ["| min confidence | predicted | TP | P | R |", "|---:|---:|---:|---:|---:|"]
    for threshold in thresholds:
        counts = defaultdict(lambda: [0, 0, 0])
        for cluster, predicted in zip(gold["clusters"], predictions):
            tally(confident(predicted, threshold), cluster["discrepancies"], counts)
        _, g, p, tp, precision, recall, _ = table(counts)[-1]
        lines.append(f"| {threshold:.1f} | {p} | {tp} | {precision:.2f} | {recall:.2f} |")
    return "\n".join(lines)


# --- speed -------------------------------------------------------------------


def speed(runs: int) -> list[tuple[str, float, float]]:
    """(input, seconds with cross-checking, seconds without), medians of `runs` warm briefs."""
    import newsweave
    import newsweave.crosscheck as crosscheck_module

    real = crosscheck_module.crosscheck

    def skip(story, settings):
        return story

    with open(SHARED / "data" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        duc = json.loads(lines.readline())
    inputs = [("seeds folder", [str(SEEDS)]), (f"{duc['id']} ({len(duc['documents'])} reports)", duc["documents"])]
    rows = []
    newsweave.brief(inputs[0][1])  # warm-up: loads the model
    for label, source in inputs:
        with_times, without_times = [], []
        for _ in range(runs):  # interleaved, so drift in machine load hits both alike
            for patched, times in ((real, with_times), (skip, without_times)):
                crosscheck_module.crosscheck = patched
                try:
                    start = time.perf_counter()
                    newsweave.brief(source)
                    times.append(time.perf_counter() - start)
                finally:
                    crosscheck_module.crosscheck = real
        rows.append((label, statistics.median(with_times), statistics.median(without_times)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {', '.join(SYSTEMS)}")
    parser.add_argument("--verbose", action="store_true", help="list newsweave's false positives and negatives per cluster")
    parser.add_argument("--min-confidence", type=float, default=0.0, help="drop predictions below this confidence")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing of cross-checking")
    parser.add_argument("--runs", type=int, default=5, help="warm briefs per timing (median)")
    args = parser.parse_args(argv)

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    sources_count = defaultdict(int)
    for cluster in gold["clusters"]:
        sources_count[cluster["source"]] += 1
    print(f"Command: python3 benchmarks/crosscheck_quality.py {shlex.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"Gold: {len(gold['clusters'])} clusters ({', '.join(f'{n} {s}' for s, n in sorted(sources_count.items()))})\n")
    systems = args.systems.split(",")
    for system in systems:
        # The baseline's hundreds of false alarms would bury newsweave's: list them only when asked alone.
        verbose = args.verbose and (system == "newsweave" or len(systems) == 1)
        counts, seconds, failures, predictions = evaluate(system, gold, verbose, args.min_confidence)
        print(markdown(system, table(counts)))
        print(f"\n{seconds:.1f} s, {failures} failed clusters\n")
        if system == "newsweave":
            print(confidence_sweep(gold, predictions) + "\n")
            found, total = corroboration_found(gold)
            print(f"Corroborated facts (gold) that the brief groups as one fact: {found}/{total}\n")
    if not args.no_speed:
        print("| input | brief with cross-checking (s) | without (s) | added |")
        print("|---|---:|---:|---:|")
        for label, with_s, without_s in speed(args.runs):
            print(f"| {label} | {with_s:.3f} | {without_s:.3f} | {100 * (with_s / without_s - 1):+.0f}% |")
        print(f"\nmedians of {args.runs} warm briefs each, interleaved; goal: at most +30%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
