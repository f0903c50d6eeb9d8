"""Story clustering quality: newsweave's online clusterer against a batch baseline.

    python benchmarks/clustering_quality.py --split tune      # tune here only
    python benchmarks/clustering_quality.py --split heldout   # report; never read its errors
    python benchmarks/clustering_quality.py                   # every story (the old mixed stream)
    python benchmarks/clustering_quality.py --split tune --sweep --set short_words=0   # experiments

The gold stories:
- each Multi-News dev cluster and each DUC 2003 task 2 cluster is one story;
- each ECB+ sub-topic is one story: the `N_*ecb.xml` documents of topic N are
  one story and its `N_*ecbplus.xml` documents another (a similar but
  different event). Text is rebuilt from the tokens; the URL line that opens
  many ecbplus documents is dropped.

Tuning and held-out parts. Every gold story falls in one part by a hash of
its id (ECB+ by its topic, so a topic's two sister sub-topics stay together):
`--split tune` is for choosing ClusterSettings, `--split heldout` for
reporting, `--split all` both. Two streams are run on the chosen part:
`mixed` (every set in --sets shuffled together) and `multinews` (Multi-News
alone, the kind of stream the issue's held-out figure is on).

Each stream is shuffled (fixed seed) and fed one document at a time to the
online clusterer, which never sees the future. Scored with B-cubed
precision, recall and F1 over documents.

Time. DUC document ids carry their wire date (APW19981017.0151), used as is.
Multi-News and ECB+ have no dates, so each gold story gets a synthetic one:
a day drawn uniformly from two years, and each of its documents that day plus
up to two days. That gives time a help it would have in a real stream, but a
generous one (a story's reports are never weeks apart here), so every run also
reports newsweave with no dates at all, where only text and names count.

Baseline: TF-IDF (scikit-learn, English stop words, sublinear tf) and
agglomerative clustering with average linkage on cosine distance, batch over
the whole stream at once (it sees every document before deciding, which the
online clusterer cannot); its distance threshold is swept and the best cut
shown, so the baseline is tuned on whatever part it is run on, held-out
included. newsweave's ClusterSettings defaults from before the split were
chosen on every story: the held-out part is held out from later tuning only.
The two-threshold scheme (`threshold`, `join_floor`, `join_margin`) was
chosen on the tuning part alone (docs/benchmarks.md, second round).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from newsweave.corpus.cluster import ClusterSettings, Clusterer, MemoryState
from newsweave.corpus.signatures import ArticleFeatures, article_features

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = ("multinews", "duc", "ecbplus")
EPOCH = date(2020, 1, 1)


def read_jsonl_clusters(path: Path, name: str) -> list[dict]:
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            cluster = json.loads(line)
            for document in cluster["documents"]:
                documents.append({
                    "id": f"{name}:{cluster['id']}:{document['id']}",
                    "story": f"{name}:{cluster['id']}",
                    "text": document["text"],
                    "day": wire_date(document["id"]),
                })
    return documents


def wire_date(document_id: str) -> date | None:
    match = re.match(r"^[A-Z]{3}(\d{4})(\d{2})(\d{2})\.", document_id)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|'')")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text).replace("``", '"').replace("''", '"')


def read_ecbplus(folder: Path) -> list[dict]:
    documents = []
    for path in sorted(folder.glob("*/*.xml")):
        match = re.match(r"^(\d+)_\d+(ecbplus|ecb)\.xml$", path.name)
        if not match:
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ElementTree.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence"))].append(token.text or "")
        lines = [detokenize(tokens) for _, tokens in sorted(sentences.items())]
        if lines and lines[0].startswith("http"):
            lines = lines[1:]
        documents.append({
            "id": f"ecbplus:{path.stem}",
            "story": f"ecbplus:{match[1]}:{match[2]}",
            "text": "\n".join(lines),
            "day": None,
        })
    return documents


def load(data: Path, sets: list[str]) -> list[dict]:
    documents = []
    if "multinews" in sets:
        documents += read_jsonl_clusters(data / "multinews_dev.jsonl", "multinews")
    if "duc" in sets:
        documents += read_jsonl_clusters(data / "duc2003_task2.jsonl", "duc")
    if "ecbplus" in sets:
        documents += read_ecbplus(data / "ecbplus")
    return documents


def add_synthetic_days(documents: list[dict], seed: int) -> None:
    rng = random.Random(seed)
    story_days: dict[str, date] = {}
    for document in documents:
        if document["day"] is None:
            start = story_days.setdefault(document["story"], EPOCH + timedelta(days=rng.randrange(730)))
            document["day"] = start + timedelta(days=rng.randint(0, 2))


def split_of(story: str) -> str:
    """`tune` or `heldout` for a gold story, by a hash of its group: the story, or for ECB+ its topic.

    An ECB+ topic's two sub-topics (its hard sister stories) fall in the same part.
    """
    group = story.rsplit(":", 1)[0] if story.startswith("ecbplus:") else story
    return "tune" if hashlib.sha256(group.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def b_cubed(gold: list, predicted: list) -> tuple[float, float, float]:
    pairs = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


_FEATURES: dict[str, ArticleFeatures] = {}


def features_of(document: dict) -> ArticleFeatures:
    """An article's clustering features, computed once per process (every run and threshold reuses them)."""
    found = _FEATURES.get(document["id"])
    if found is None:
        found = _FEATURES[document["id"]] = article_features(None, document["text"])
    return found


def run_newsweave(stream: list[dict], settings: ClusterSettings, dated: bool) -> list[int]:
    clusterer = Clusterer(MemoryState(), settings)
    return [
        clusterer.assign(i, None, document["text"], document["day"] if dated else None, features=features_of(document)).story
        for i, document in enumerate(stream)
    ]


def run_baseline(stream: list[dict], thresholds: list[float]) -> dict[float, list[int]]:
    """TF-IDF vectors, average-linkage agglomerative clustering on cosine distance, cut at each threshold.

    scikit-learn's AgglomerativeClustering(linkage="average", metric="cosine")
    computes the same tree; scipy's is built once and cut at every threshold.
    """
    import numpy
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(d["text"] for d in stream)
    distances = numpy.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    numpy.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    return {t: list(fcluster(tree, t, criterion="distance")) for t in thresholds}


def make_stream(documents: list[dict], sets: list[str], split: str, seed: int) -> list[dict]:
    """The documents of `sets` in the `split` part (or all), shuffled with `seed`."""
    chosen = [
        d for d in documents
        if d["story"].split(":", 1)[0] in sets and (split == "all" or split_of(d["story"]) == split)
    ]
    random.Random(seed).shuffle(chosen)
    return chosen


def evaluate(stream: list[dict], settings: ClusterSettings, thresholds: list[float],
             baseline_thresholds: list[float] | None) -> tuple[list[tuple], dict[str, list]]:
    gold = [d["story"] for d in stream]
    rows, runs = [], {}
    for threshold in thresholds:
        for dated in (True, False):
            started = time.perf_counter()
            predicted = run_newsweave(stream, replace(settings, threshold=threshold), dated)
            elapsed = time.perf_counter() - started
            label = f"newsweave online, {'dates' if dated else 'no dates'} (threshold {threshold:g})"
            rows.append((label, len(set(predicted)), *b_cubed(gold, predicted), elapsed))
            runs[label] = predicted
    if baseline_thresholds:
        best = None
        started = time.perf_counter()
        cuts = run_baseline(stream, baseline_thresholds)
        elapsed = time.perf_counter() - started
        for threshold, predicted in cuts.items():
            row = (f"TF-IDF + agglomerative, batch (best distance {threshold:g})", len(set(predicted)), *b_cubed(gold, predicted), elapsed)
            if best is None or row[4] > best[4]:
                best = row
                best_run = predicted
        rows.append(best)
        runs[best[0]] = best_run
    return rows, runs


def print_table(rows: list[tuple]) -> None:
    print("| system | stories | B³ precision | B³ recall | B³ F1 | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, stories, precision, recall, f1, elapsed in rows:
        print(f"| {label} | {stories} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {elapsed:.1f} |")


def print_by_set(stream: list[dict], rows: list[tuple], runs: dict[str, list], sets: list[str]) -> None:
    """Each set's documents within the mixed run, scored among themselves (merges across sets are not counted here)."""
    gold = [d["story"] for d in stream]
    print("\nB³ F1 by set, within the mixed stream:\n")
    print("| system | " + " | ".join(sets) + " |")
    print("|---|" + "---:|" * len(sets))
    for label, *_ in rows:
        scores = []
        for name in sets:
            keep = [i for i, story in enumerate(gold) if story.startswith(name + ":")]
            scores.append(f"{b_cubed([gold[i] for i in keep], [runs[label][i] for i in keep])[2]:.3f}" if keep else "–")
        print(f"| {label} | " + " | ".join(scores) + " |")


def parse_settings(pairs: list[str]) -> ClusterSettings:
    """ClusterSettings with `name=value` overrides, for experiments on the tuning part."""
    settings = ClusterSettings()
    for pair in pairs:
        name, _, value = pair.partition("=")
        current = getattr(settings, name)
        settings = replace(settings, **{name: type(current)(value) if current is not None else float(value)})
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS), help="the sets of the mixed stream")
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all",
                        help="the gold stories' part: tune on `tune`, report `heldout` (default: all)")
    parser.add_argument("--streams", default="mixed,multinews",
                        help="mixed (every set in --sets) and/or multinews (Multi-News alone)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sweep", action="store_true", help="newsweave over a range of thresholds")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a ClusterSettings field (experiments)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-thresholds", default="0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95")
    args = parser.parse_args(argv)

    sets = [s for s in args.sets.split(",") if s]
    documents = load(args.data, sorted(set(sets) | {"multinews"}))
    add_synthetic_days(documents, args.seed)
    settings = parse_settings(args.set)
    thresholds = [round(settings.threshold + step, 3) for step in (-0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06)] \
        if args.sweep else [settings.threshold]
    baseline = None if args.no_baseline else [float(t) for t in args.baseline_thresholds.split(",")]
    for name in [s for s in args.streams.split(",") if s]:
        stream_sets = sets if name == "mixed" else ["multinews"]
        stream = make_stream(documents, stream_sets, args.split, args.seed)
        stories = len({d["story"] for d in stream})
        print(f"\n## {name} stream, split {args.split}: {len(stream)} documents, {stories} gold stories "
              f"({', '.join(stream_sets)}); seed {args.seed}\n")
        rows, runs = evaluate(stream, settings, thresholds, baseline)
        print_table(rows)
        if name == "mixed" and len(stream_sets) > 1:
            print_by_set(stream, rows, runs, stream_sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
