"""Story clustering quality: newsweave's online clusterer against a batch baseline.

    python benchmarks/clustering_quality.py --split tune      # tune here only
    python benchmarks/clustering_quality.py --split heldout   # report; never read its errors
    python benchmarks/clustering_quality.py                   # every story (the old mixed stream)
    python benchmarks/clustering_quality.py --split tune --sweep --set short_words=0   # experiments
    python benchmarks/clustering_quality.py --split tune --seed 13,1,2 --no-baseline --try k=4,mode=own,bar=0.15

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

Several seeds (`--seed 13,1,2`) add a table of the means. `--try` runs the
third round's `Experiment` clusterer (bounded exemplars, a names bar, shared
rare names, a size-aware margin; none adopted) and `--headline` counts a
headline-like first line more; both are for the tuning part.
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

from crosscheck_gold_tool import wire_date
from newsweave.corpus.cluster import NAME, ClusterSettings, Clusterer, MemoryState, _cosine
from newsweave.corpus.signatures import ArticleFeatures, article_features, keywords, names

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
# The third round's headline experiment: the first line of a text, when it reads like a headline, counted this many
# times in all (2: twice, as article_features counts a title; 0 or 1: the text as it is).
HEADLINE_TIMES = 0


def headline(text: str, most_words: int = 20) -> tuple[str | None, str]:
    """(a headline, the rest) when the first line has 2 to `most_words` words and no closing stop, else (None, text)."""
    first, newline, rest = text.lstrip().partition("\n")
    words = first.split()
    if newline and 2 <= len(words) <= most_words and not first.rstrip().endswith((".", ":", "?", "!", '"', "”")):
        return first, rest
    return None, text


def features_of(document: dict) -> ArticleFeatures:
    """An article's clustering features, computed once per process (every run and threshold reuses them)."""
    found = _FEATURES.get(document["id"])
    if found is None:
        title, body = headline(document["text"]) if HEADLINE_TIMES else (None, document["text"])
        found = _FEATURES[document["id"]] = article_features(None, body)
        if title:
            for word, count in keywords(title).items():
                found.keywords[word] += HEADLINE_TIMES * count
            for name, count in names(title).items():
                found.names[name] += HEADLINE_TIMES * count
    return found


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(key, 0.0) for key, w in a.items())


class Experiment(Clusterer):
    """The third round's tries (docs/benchmarks.md), none adopted: extra evidence for `choose`, in memory only.

    - exemplars (`k` > 0): each story keeps `k` members' unit vectors (`policy`: recent, first_recent: the first
      and the latest, central: the highest join scores, diverse: the first and the lowest join scores); a candidate
      scores max(centroid, `weight` × best exemplar) (`mode=max`), a blend (`mode=blend`), or, when the usual rules
      turn the article away, joins the best exemplar match at `bar` or more, `margin` times the runner-up (`mode=own`);
    - names (`names_bar` > 0): when turned away, join the candidate with the best name cosine at `names_bar` or
      more if its keyword cosine is at least `names_text` (and `names_margin` times the runner-up's name cosine);
    - rare names (`rare` > 0): when turned away, join a candidate that shares `rare` or more names seen in at most
      `rare_df` documents, with a keyword cosine of at least `names_text`;
    - size margin (`size_power` ≠ 0): the ratio test's margin times (`size_reference` / story size) ** power.
    """

    def __init__(self, state, settings: ClusterSettings | None = None, k: int = 0, policy: str = "first_recent",
                 mode: str = "max", weight: float = 1.0, bar: float = 0.3, margin: float = 0.0,
                 names_bar: float = 0.0, names_text: float = 0.08, names_margin: float = 0.0,
                 rare: int = 0, rare_df: int = 5, size_power: float = 0.0, size_reference: float = 2.0):
        super().__init__(state, settings)
        self.k, self.policy, self.mode, self.weight, self.bar, self.margin = k, policy, mode, weight, bar, margin
        self.names_bar, self.names_text, self.names_margin = names_bar, names_text, names_margin
        self.rare, self.rare_df = rare, rare_df
        self.size_power, self.size_reference = size_power, size_reference
        self.exemplars: dict[int, list[tuple[dict, dict, float]]] = {}
        self.last: tuple[dict, dict] = ({}, {})

    def exemplar_similarity(self, terms, names, story_id: int) -> float:
        weight = self.settings.text_weight
        return max((weight * _dot(terms, t) + (1 - weight) * _dot(names, n) if names else _dot(terms, t)
                    for t, n, _ in self.exemplars.get(story_id, ())), default=0.0)

    def choose(self, features, terms, names, day, candidates):
        self.last = (terms, names)
        settings = self.settings
        rare_names = set()
        if self.rare:
            frequencies = self.state.frequencies([NAME + key for key in names])
            rare_names = {key for key in names if frequencies.get(NAME + key, 0) <= self.rare_df}
        scored = []  # (profile, centroid score, exemplar score, names cosine, keyword cosine, rare names shared)
        for profile in candidates:
            fade = self.time_factor(day, profile)
            terms_length, names_length = profile.lengths()
            scored.append((
                profile,
                self.content_similarity(terms, names, profile) * fade,
                self.exemplar_similarity(terms, names, profile.id) * fade if self.k else 0.0,
                _cosine(names, profile.names, names_length) * fade,
                _cosine(terms, profile.terms, terms_length) * fade,
                sum(1 for key in rare_names if key in profile.names),
            ))

        def pick(score):
            best, best_score, second = None, 0.0, 0.0
            for item in scored:
                value = score(item)
                if value > best_score:
                    best, best_score, second = item, value, best_score
                elif value > second:
                    second = value
            return best, best_score, second

        if self.k and self.mode == "max":
            best, best_score, second = pick(lambda item: max(item[1], self.weight * item[2]))
        elif self.k and self.mode == "blend":
            best, best_score, second = pick(lambda item: (1 - self.weight) * item[1] + self.weight * item[2])
        else:
            best, best_score, second = pick(lambda item: item[1])
        margin = settings.join_margin
        if best is not None and self.size_power:
            margin *= (self.size_reference / best[0].size) ** self.size_power
        joined = best is not None and (best_score >= settings.threshold or (
            0.0 < settings.join_floor <= best_score and 0.0 < second * margin <= best_score))
        if not joined and self.k and self.mode == "own":
            found, value, runner_up = pick(lambda item: item[2])
            if found is not None and value >= self.bar and (not self.margin or value >= self.margin * runner_up):
                best, best_score, joined = found, value, True
        if not joined and self.names_bar:
            found, value, runner_up = pick(lambda item: item[3])
            if found is not None and value >= self.names_bar and found[4] >= self.names_text \
                    and (not self.names_margin or value >= self.names_margin * runner_up):
                best, best_score, joined = found, value, True
        if not joined and self.rare:
            found, _, _ = pick(lambda item: item[5] + item[4])
            if found is not None and found[5] >= self.rare and found[4] >= self.names_text:
                best, best_score, joined = found, found[1], True
        if not joined or self.is_boilerplate(features, terms, names, best[0]):
            return None, 0.0
        return best[0], best_score

    def assign(self, article_id, title, text, published=None, features=None, new_story=None):
        assignment = super().assign(article_id, title, text, published, features, new_story)
        if self.k:
            terms, names = self.last
            kept = self.exemplars.setdefault(assignment.story, [])
            kept.append((terms, names, 99.0 if assignment.created else assignment.similarity))
            if len(kept) > self.k:
                if self.policy == "recent":
                    drop = 0
                elif self.policy == "first_recent":
                    drop = 1
                elif self.policy == "central":
                    drop = min(range(len(kept)), key=lambda i: kept[i][2])
                else:  # diverse
                    drop = max(range(1, len(kept)), key=lambda i: kept[i][2])
                kept.pop(drop)
        return assignment


EXPERIMENT: dict = {}  # Experiment's keyword arguments, from --try; empty: the plain Clusterer


def run_newsweave(stream: list[dict], settings: ClusterSettings, dated: bool) -> list[int]:
    clusterer = Experiment(MemoryState(), settings, **EXPERIMENT) if EXPERIMENT else Clusterer(MemoryState(), settings)
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


def parse_experiment(text: str) -> dict:
    """`k=4,mode=own,bar=0.15` as Experiment's keyword arguments, each value typed like its default."""
    import inspect

    defaults = {name: p.default for name, p in inspect.signature(Experiment.__init__).parameters.items()
                if p.default is not inspect.Parameter.empty and name != "settings"}
    found = {}
    for pair in (p for p in text.split(",") if p):
        name, _, value = pair.partition("=")
        if name not in defaults:
            raise SystemExit(f"--try: unknown setting {name!r} (known: {', '.join(defaults)})")
        try:
            found[name] = type(defaults[name])(value)
        except ValueError:
            raise SystemExit(f"--try: {name}={value!r} is not a {type(defaults[name]).__name__}") from None
    return found


def embedding_check(stream: list[dict], words: int = 0) -> dict[str, list[tuple[float, float]]]:
    """Would static word vectors place the articles the clusterer misses? (Multi-News, no dates; needs wordllama.)

    Runs the plain Clusterer; for every article whose gold story already has members, takes the predicted
    story holding most of them (the right story) and compares the article's mean static token vector (its
    first `words` words, or all) with that story's mean vector and with the best other story's. Returns
    (right cosine, best other cosine) for the articles joined to the right story and for those that were not.
    """
    import numpy as np
    from claims_fit import static_table

    table = static_table()
    if table is None:
        raise SystemExit("--embedding-check needs wordllama: pip install wordllama==0.4.0.post1")
    tokenizer, vectors = table
    clusterer = Clusterer(MemoryState(), ClusterSettings())
    sums: dict[int, np.ndarray] = {}
    members: dict[str, list[int]] = defaultdict(list)
    found: dict[str, list[tuple[float, float]]] = {"joined": [], "missed": []}
    for i, document in enumerate(stream):
        text = " ".join(document["text"].split()[:words]) if words else document["text"]
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        vector = vectors[np.clip(ids, 0, len(vectors) - 1)].mean(axis=0).astype(np.float64) if ids else np.zeros(vectors.shape[1])
        vector /= np.linalg.norm(vector) or 1.0
        cosines = {story: float(total @ vector / (np.linalg.norm(total) or 1.0)) for story, total in sums.items()}
        story = clusterer.assign(i, None, document["text"], None, features=features_of(document)).story
        earlier = Counter(members[document["story"]]).most_common(1)
        if earlier and len(cosines) > 1:
            right = earlier[0][0]
            other = max(value for key, value in cosines.items() if key != right)
            found["joined" if story == right else "missed"].append((cosines[right], other))
        members[document["story"]].append(story)
        sums[story] = sums.get(story, 0.0) + vector
    return found


def print_embedding_check(found: dict[str, list[tuple[float, float]]]) -> None:
    print("| articles | count | cosine with the right story, median (10th percentile) "
          "| best other story, median | right story closer | right story ≥ 0.45 and 0.1 ahead |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, pairs in found.items():
        right = sorted(r for r, _ in pairs)
        other = sorted(o for _, o in pairs)
        closer = sum(1 for r, o in pairs if r > o)
        clear = sum(1 for r, o in pairs if r >= 0.45 and r - o >= 0.1)
        print(f"| {name} | {len(pairs)} | {right[len(right) // 2]:.3f} ({right[len(right) // 10]:.3f}) "
              f"| {other[len(other) // 2]:.3f} | {closer} | {clear} |")


def main(argv: list[str] | None = None) -> int:
    global HEADLINE_TIMES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS), help="the sets of the mixed stream")
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all",
                        help="the gold stories' part: tune on `tune`, report `heldout` (default: all)")
    parser.add_argument("--streams", default="mixed,multinews",
                        help="mixed (every set in --sets) and/or multinews (Multi-News alone)")
    parser.add_argument("--seed", default="13", help="the shuffle's seed; several (13,1,2) add a table of means")
    parser.add_argument("--sweep", action="store_true", help="newsweave over a range of thresholds")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a ClusterSettings field (experiments)")
    parser.add_argument("--try", dest="experiment", default="", metavar="NAME=VALUE,...",
                        help="run the third round's Experiment clusterer with these settings (see its docstring)")
    parser.add_argument("--headline", type=int, default=0, metavar="TIMES",
                        help="count a headline-like first line this many times in all (experiment; 0 or 1: as is)")
    parser.add_argument("--embedding-check", type=int, default=None, metavar="WORDS",
                        help="static word vectors (wordllama) of the missed and joined articles, Multi-News without "
                             "dates; WORDS: the first words only (0: all); for the tuning part")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-thresholds", default="0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95")
    args = parser.parse_args(argv)

    global EXPERIMENT
    EXPERIMENT = parse_experiment(args.experiment)
    HEADLINE_TIMES = args.headline
    sets = [s for s in args.sets.split(",") if s]
    settings = parse_settings(args.set)
    thresholds = [round(settings.threshold + step, 3) for step in (-0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06)] \
        if args.sweep else [settings.threshold]
    baseline = None if args.no_baseline else [float(t) for t in args.baseline_thresholds.split(",")]
    seeds = [int(seed) for seed in args.seed.split(",") if seed]
    scores: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for seed in seeds:
        documents = load(args.data, sorted(set(sets) | {"multinews"}))
        add_synthetic_days(documents, seed)
        if args.embedding_check is not None:
            print(f"\n## Static word vectors, multinews stream without dates, split {args.split}, seed {seed}, "
                  f"{'all words' if not args.embedding_check else f'first {args.embedding_check} words'}\n")
            print_embedding_check(embedding_check(make_stream(documents, ["multinews"], args.split, seed), args.embedding_check))
            continue
        for name in [s for s in args.streams.split(",") if s]:
            stream_sets = sets if name == "mixed" else ["multinews"]
            stream = make_stream(documents, stream_sets, args.split, seed)
            stories = len({d["story"] for d in stream})
            print(f"\n## {name} stream, split {args.split}: {len(stream)} documents, {stories} gold stories "
                  f"({', '.join(stream_sets)}); seed {seed}\n")
            rows, runs = evaluate(stream, settings, thresholds, None if len(seeds) > 1 and seed != seeds[0] else baseline)
            print_table(rows)
            if name == "mixed" and len(stream_sets) > 1:
                print_by_set(stream, rows, runs, stream_sets)
            for label, _, precision, recall, f1, _ in rows:
                if not label.startswith("TF-IDF"):
                    scores[(name, label)].append((f1, precision, recall))
    if len(seeds) > 1 and args.embedding_check is None:
        print(f"\n## Mean of seeds {','.join(map(str, seeds))}, split {args.split}\n")
        print("| stream | system | B³ F1 (precision / recall) |\n|---|---|---|")
        for (name, label), runs in scores.items():
            f1, precision, recall = (sum(r[i] for r in runs) / len(runs) for i in range(3))
            print(f"| {name} | {label} | {f1:.3f} ({precision:.3f} / {recall:.3f}) |")
    return 0

if __name__ == "__main__":
    sys.exit(main())
