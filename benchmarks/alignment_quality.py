"""How well does newsweave group sentences that state the same fact?

Compares newsweave's fact groups with a hand-made gold set of sentence pairs
(tests/data/alignment_gold.json): two sentences from different reports of one
story that state the same fact. The gold file stores only document ids and
character offsets; the texts are read from the seed files and the Multi-News
dev file.

Scoring is pairwise. A predicted pair is two sentences of different documents
in one fact group (all groups, single-sentence ones included, so a sentence
left alone predicts no pair). A predicted pair matches a gold pair when each
predicted sentence overlaps its gold sentence (either orientation) by at least
half of the shorter of the two spans, so small differences in sentence
splitting do not count as errors.

  precision = predicted pairs that match some gold pair / predicted pairs
  recall    = gold pairs matched by some predicted pair / gold pairs
  F1        = harmonic mean of the two

Counts are summed over the clusters of a source (micro average); "overall"
sums over every cluster.

    python3 benchmarks/alignment_quality.py
    python3 benchmarks/alignment_quality.py --methods combined tfidf --thresholds 0.2 0.3 0.4
    python3 benchmarks/alignment_quality.py --markdown docs/benchmarks-alignment.md
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import newsweave  # noqa: E402
from newsweave import Document, Settings  # noqa: E402

GOLD = ROOT / "tests" / "data" / "alignment_gold.json"
# The evaluation texts live beside the repo and are never copied into it.
SEEDS = ROOT.parent / "shared" / "seeds"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews_dev.jsonl"
METHODS = ["tfidf", "jaccard", "entities", "combined"]
THRESHOLDS = [round(0.10 + 0.05 * i, 2) for i in range(11)]  # 0.10 .. 0.60
# newsweave's shipped setting, always measured too.
DEFAULT = (newsweave.Settings().similarity, newsweave.Settings().align_threshold)
SOURCES = ["seeds", "multinews"]


# --- gold and texts -----------------------------------------------------------


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)["clusters"]


def load_multinews(path: Path) -> dict[str, str]:
    """Every Multi-News document's text, keyed '<cluster id>/<doc id>'."""
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            for document in cluster["documents"]:
                texts[f"{cluster['id']}/{document['id']}"] = document["text"]
    return texts


def cluster_texts(cluster: dict, seeds: Path, multinews: dict[str, str]) -> dict[str, str]:
    if cluster["source"] == "seeds":
        return {d: open(seeds / f"{d}.txt", encoding="utf-8").read() for d in cluster["documents"]}
    return {d: multinews[d] for d in cluster["documents"]}


def check_gold(cluster: dict, texts: dict[str, str]) -> list[str]:
    """Problems with a cluster's gold spans; empty when the file is consistent."""
    problems = []
    spans = [(p["a"], p["b"]) for p in cluster["pairs"]]
    for a, b in spans:
        if a["document"] == b["document"]:
            problems.append(f"{cluster['cluster']}: pair within one document {a['document']}")
    for span in [s for pair in spans for s in pair] + cluster.get("sentences", []):
        text = texts.get(span["document"])
        if text is None:
            problems.append(f"{cluster['cluster']}: unknown document {span['document']}")
        elif not (0 <= span["start"] < span["end"] <= len(text)) or text[span["start"]:span["end"]] != text[span["start"]:span["end"]].strip():
            problems.append(f"{cluster['cluster']}: bad span {span}")
    return problems


# --- running newsweave --------------------------------------------------------


def sources_for(cluster: dict, seeds: Path, texts: dict[str, str]) -> list:
    if cluster["source"] == "seeds":
        return [str(seeds / f"{d}.txt") for d in cluster["documents"]]
    return [Document(id=d, text=texts[d]) for d in cluster["documents"]]


def predicted_pairs(cluster: dict, seeds: Path, texts: dict[str, str], method: str, threshold: float) -> list[tuple]:
    """Cross-document sentence pairs that share a fact group, as ((doc, start, end), (doc, start, end))."""
    result = newsweave.brief(sources_for(cluster, seeds, texts), settings=Settings(similarity=method, align_threshold=threshold))
    for document in result.story.documents:
        if texts.get(document.id) != document.text:
            raise SystemExit(f"newsweave read {document.id!r} differently from the gold text; offsets would not line up")
    pairs = []
    for group in result.story.facts:
        spans = [(s.document, s.start, s.end) for s in group.sentences]
        pairs.extend((a, b) for a, b in combinations(spans, 2) if a[0] != b[0])
    return pairs


# --- scoring ------------------------------------------------------------------


def overlaps(predicted: tuple, gold: dict) -> bool:
    document, start, end = predicted
    if document != gold["document"]:
        return False
    shared = min(end, gold["end"]) - max(start, gold["start"])
    return shared > 0 and shared >= 0.5 * min(end - start, gold["end"] - gold["start"])


def pair_matches(predicted: tuple, gold: dict) -> bool:
    p, q = predicted
    return (overlaps(p, gold["a"]) and overlaps(q, gold["b"])) or (overlaps(p, gold["b"]) and overlaps(q, gold["a"]))


def score(predicted: list[tuple], gold: list[dict]) -> dict[str, int]:
    """Counts for precision (right predictions) and recall (found gold pairs)."""
    right = sum(any(pair_matches(p, g) for g in gold) for p in predicted)
    found = sum(any(pair_matches(p, g) for p in predicted) for g in gold)
    return {"predicted": len(predicted), "right": right, "gold": len(gold), "found": found}


def add(total: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    return {k: total.get(k, 0) + v for k, v in counts.items()}


def prf(counts: dict[str, int]) -> tuple[float | None, float, float]:
    """Precision (None when nothing was predicted), recall and F1."""
    p = counts["right"] / counts["predicted"] if counts.get("predicted") else None
    r = counts["found"] / counts["gold"] if counts.get("gold") else 0.0
    f = 2 * p * r / (p + r) if p and p + r else 0.0
    return p, r, f


def errors(cluster: dict, predicted: list[tuple], texts: dict[str, str]) -> list[str]:
    """Readable false alarms (predicted, not gold) and misses (gold, not predicted) of one cluster."""
    def show(document, start, end):
        return f"{document}[{start}:{end}] {texts[document][start:end][:90]!r}"

    lines = []
    for p in predicted:
        if not any(pair_matches(p, g) for g in cluster["pairs"]):
            lines.append(f"  false alarm: {show(*p[0])}\n               {show(*p[1])}")
    for g in cluster["pairs"]:
        if not any(pair_matches(p, g) for p in predicted):
            a, b = g["a"], g["b"]
            lines.append(f"  miss ({g.get('label', '')}): {show(a['document'], a['start'], a['end'])}\n"
                         f"               {show(b['document'], b['start'], b['end'])}")
    return lines


# --- the sweep ------------------------------------------------------------------


def run(clusters: list[dict], seeds: Path, multinews: dict[str, str], methods: list[str], thresholds: list[float]):
    """Per (method, threshold): counts per cluster. Methods newsweave rejects are returned as skipped."""
    texts = {c["cluster"]: cluster_texts(c, seeds, multinews) for c in clusters}
    results, skipped = {}, []
    for method in methods:
        settings = sorted(set(thresholds) | ({DEFAULT[1]} if method == DEFAULT[0] else set()))
        for threshold in settings:
            try:
                results[method, threshold] = {
                    c["cluster"]: score(predicted_pairs(c, seeds, texts[c["cluster"]], method, threshold), c["pairs"])
                    for c in clusters
                }
            except ValueError as exc:
                skipped.append((method, str(exc)))
                break
    return results, skipped


def by_source(per_cluster: dict[str, dict], clusters: list[dict]) -> dict[str, dict]:
    totals = {name: {} for name in SOURCES + ["overall"]}
    for c in clusters:
        counts = per_cluster[c["cluster"]]
        totals[c["source"]] = add(totals[c["source"]], counts)
        totals["overall"] = add(totals["overall"], counts)
    return totals


def best_threshold(results: dict, clusters: list[dict], method: str, source: str = "overall"):
    """The threshold with the highest F1; ties go to the higher precision, then the lower threshold."""
    options = [(key[1], prf(by_source(v, clusters)[source])) for key, v in results.items() if key[0] == method]
    if not options:
        return None
    return max(options, key=lambda o: (round(o[1][2], 4), round(o[1][0] or 0.0, 4), -o[0]))


# --- reporting ------------------------------------------------------------------


def fmt(values: tuple) -> list[str]:
    return ["-" if v is None else f"{v:.3f}" for v in values]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def plain_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    line = lambda row: "  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(row, widths)))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(row) for row in rows])


def report(results: dict, skipped: list, clusters: list[dict], command: str, seconds: float, table) -> str:
    gold_counts = {s: sum(len(c["pairs"]) for c in clusters if c["source"] == s) for s in SOURCES}
    out = [
        f"Command: `{command}`",
        "",
        f"Gold: {len(clusters)} clusters, {gold_counts['seeds']} seed pairs + {gold_counts['multinews']} Multi-News pairs "
        f"(clusters: {', '.join(c['cluster'] for c in clusters)}). Run time {seconds:.0f} s.",
        "",
    ]
    header = ["method", "threshold"] + [f"{s} {m}" for s in SOURCES + ["overall"] for m in ("P", "R", "F1")] + ["pred pairs"]
    rows = []
    for (method, threshold), per_cluster in results.items():
        totals = by_source(per_cluster, clusters)
        mark = " (default)" if (method, threshold) == DEFAULT else ""
        rows.append([method, f"{threshold:.2f}{mark}"] + [x for s in SOURCES + ["overall"] for x in fmt(prf(totals[s]))]
                    + [str(totals["overall"]["predicted"])])
    out += ["All settings (P/R/F1 per source, micro-averaged over clusters):", "", table(header, rows), ""]

    best_rows = []
    for method in dict.fromkeys(m for m, _ in results):
        row = [method]
        for source in SOURCES + ["overall"]:
            threshold, (p, r, f) = best_threshold(results, clusters, method, source)
            row += [f"{threshold:.2f}", f"{f:.3f}"]
        best_rows.append(row)
    best_header = ["method"] + [f"{s} {x}" for s in SOURCES + ["overall"] for x in ("best thr", "F1")]
    out += ["Best threshold per method (by F1 on each source):", "", table(best_header, best_rows), ""]
    swept = sorted({t for _, t in results})
    edge = [row[0] for row in best_rows if float(row[-2]) in (swept[0], swept[-1]) and len(swept) > 1]
    if edge:
        out += [f"Note: the best overall threshold of {', '.join(edge)} is at the edge of the sweep; widen --thresholds.", ""]
    for method, reason in skipped:
        out += [f"Skipped similarity {method!r}: newsweave raised ValueError ({reason}).", ""]

    winner = max(((m, best_threshold(results, clusters, m)) for m in dict.fromkeys(m for m, _ in results)),
                 key=lambda x: x[1][1][2], default=None)
    shown = [("best overall", (winner[0], winner[1][0]))] if winner else []
    if DEFAULT in results and (not winner or (winner[0], winner[1][0]) != DEFAULT):
        shown.append(("default", DEFAULT))
    for name, key in shown:
        per_cluster = results[key]
        cluster_rows = [[c["cluster"], c["source"], str(len(c["pairs"])), str(per_cluster[c["cluster"]]["predicted"])]
                        + fmt(prf(per_cluster[c["cluster"]])) for c in clusters]
        out += [f"Per cluster, {name} setting: similarity={key[0]}, align_threshold={key[1]:.2f}", "",
                table(["cluster", "source", "gold pairs", "pred pairs", "P", "R", "F1"], cluster_rows), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold pairs file (default: %(default)s)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of seed reports (default: %(default)s)")
    parser.add_argument("--multinews", type=Path, default=MULTINEWS, help="Multi-News dev JSONL (default: %(default)s)")
    parser.add_argument("--methods", nargs="+", default=METHODS, help="Settings.similarity values to measure")
    parser.add_argument("--thresholds", nargs="+", type=float, default=THRESHOLDS, help="align_threshold values to sweep")
    parser.add_argument("--markdown", type=Path, help="append the tables, with the command, to this Markdown file")
    parser.add_argument("--check-gold", action="store_true", help="only check that the gold spans fit the texts, then exit")
    parser.add_argument("--errors", action="store_true", help="also list the false alarms and misses of the best overall setting")
    args = parser.parse_args(argv)

    command = "python3 benchmarks/alignment_quality.py" + "".join(" " + shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    clusters = load_gold(args.gold)
    multinews = load_multinews(args.multinews)
    problems = [p for c in clusters for p in check_gold(c, cluster_texts(c, args.seeds, multinews))]
    if problems or args.check_gold:
        print("\n".join(problems) or f"gold OK: {len(clusters)} clusters, {sum(len(c['pairs']) for c in clusters)} pairs")
        return 1 if problems else 0

    started = time.time()
    results, skipped = run(clusters, args.seeds, multinews, args.methods, args.thresholds)
    seconds = time.time() - started
    print(report(results, skipped, clusters, command, seconds, plain_table))
    if args.errors and results:
        method, threshold = max(results, key=lambda k: prf(by_source(results[k], clusters)["overall"])[2])
        print(f"Errors of similarity={method}, align_threshold={threshold:.2f}:")
        for c in clusters:
            texts = cluster_texts(c, args.seeds, multinews)
            print(f"{c['cluster']}:")
            print("\n".join(errors(c, predicted_pairs(c, args.seeds, texts, method, threshold), texts)) or "  none")
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(f"\n## Alignment quality ({time.strftime('%Y-%m-%d')})\n\n")
            f.write(report(results, skipped, clusters, command, seconds, markdown_table) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
