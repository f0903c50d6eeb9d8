"""How often `stories.one_story` splits a real story, and how often it tells two stories apart.

Reads ../shared/data/multinews_dev.jsonl and duc2003_task2.jsonl (each cluster
is one story; Multi-News clusters also hold junk pages: crawl notices, cookie
and video pages) and prints, per set, the clusters split and each report left
out (its first words, to judge by eye whether it is junk); then pairs of
different clusters briefed together, and how often they are told apart.

    python3 benchmarks/one_story.py [--show]
    python3 benchmarks/one_story.py --mixtures 5,10,20,40 --split tune [--draws 20]

`--mixtures`: reports of K different clusters briefed together (a folder of a
day's news handed to `brief`), K clusters drawn at random from one part of the
clustering benchmark's split (clustering_quality.split_of: tune or heldout, by
a hash of the story), their reports shuffled. Per K: how pure the briefed story
is (the share of its reports from its main cluster), how often it is one
cluster only, how much of that cluster it keeps, and the seconds it takes.
Then the ECB+ sub-topics of the same part: one story each, of up to 22 reports
(are they split?), and each topic's two sister sub-topics briefed together.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from newsweave.stories import one_story
from newsweave.story import Document

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def clusters(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def documents(cluster: dict, prefix: str = "") -> list[Document]:
    return [Document(id=prefix + str(d["id"]), text=d["text"]) for d in cluster["documents"]]


def main(show: bool) -> None:
    sets = {name: clusters(name) for name in ("multinews_dev.jsonl", "duc2003_task2.jsonl")}
    for name, rows in sets.items():
        split = 0
        for cluster in rows:
            kept, warnings = one_story(documents(cluster))
            if warnings:
                split += 1
                if show:
                    print(f"{cluster['id']}: kept {len(kept)}, left out:")
                    for document in warnings[0].left_out:
                        print(f"    {len(document.text.split()):5d} words  {document.text[:100]!r}")
        print(f"{name}: {split} of {len(rows)} clusters split")
    rows = [row for rows in sets.values() for row in rows]
    random.seed(1)
    apart = mixed = 0
    pairs = [random.sample(rows, 2) for _ in range(200)]
    for a, b in pairs:
        kept, warnings = one_story(documents(a, "a") + documents(b, "b"))
        sides = {d.id[0] for d in kept}
        apart += bool(warnings) and len(sides) == 1
        mixed += len(sides) == 2
    print(f"pairs of different stories: {apart} of {len(pairs)} briefed one story only; {mixed} mixed the two")


def mixtures(sizes: list[int], split: str, draws: int) -> None:
    from clustering_quality import split_of

    rows = [(f"multinews:{row['id']}", row) for row in clusters("multinews_dev.jsonl")]
    rows += [(f"duc:{row['id']}", row) for row in clusters("duc2003_task2.jsonl")]
    rows = [(story, row) for story, row in rows if split_of(story) == split]
    print(f"Mixtures of clusters of the {split} part ({len(rows)} clusters), {draws} draws each:")
    print()
    print("| clusters | reports (mean) | briefed story: purity (mean) | one cluster only | its cluster kept (mean) | seconds (median) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        rng = random.Random(size)
        purity, clean, kept_share, reports, seconds = [], 0, [], [], []
        for _ in range(draws):
            chosen = rng.sample(rows, size)
            documents_in = [d for k, (_, row) in enumerate(chosen) for d in documents(row, f"{k}/")]
            rng.shuffle(documents_in)
            start = time.perf_counter()
            kept, _ = one_story(documents_in)
            seconds.append(time.perf_counter() - start)
            sides = Counter(d.id.split("/", 1)[0] for d in kept)
            main_cluster, count = sides.most_common(1)[0]
            purity.append(count / len(kept))
            clean += len(sides) == 1
            kept_share.append(count / sum(d.id.split("/", 1)[0] == main_cluster for d in documents_in))
            reports.append(len(documents_in))
        print(f"| {size} | {statistics.mean(reports):.0f} | {statistics.mean(purity):.2f} | {clean} of {draws} "
              f"| {statistics.mean(kept_share):.2f} | {statistics.median(seconds):.2f} |", flush=True)


def ecbplus_stories(split: str) -> None:
    """ECB+ sub-topics of one part (one story each, 3 to 22 short reports): how many are split; and each
    topic's two sub-topics (two like events: two earthquakes, two piracy attacks) briefed together."""
    from clustering_quality import read_ecbplus, split_of

    stories: dict[str, list[Document]] = {}
    for row in read_ecbplus(DATA / "ecbplus"):
        if split_of(row["story"]) == split:
            stories.setdefault(row["story"], []).append(Document(id=row["id"], text=row["text"]))
    split_ones = sorted(len(docs) for docs in stories.values() if one_story(docs)[1])
    print(f"ECB+ sub-topics of the {split} part, each one story: {len(split_ones)} of {len(stories)} split "
          f"(their sizes: {', '.join(map(str, split_ones)) or 'none'}; all sizes {min(map(len, stories.values()))}"
          f" to {max(map(len, stories.values()))} reports)")
    topics: dict[str, list[list[Document]]] = {}
    for story, docs in stories.items():
        topics.setdefault(story.rsplit(":", 1)[0], []).append(docs)
    purity = []
    for pair in (subs for subs in topics.values() if len(subs) == 2):
        kept, _ = one_story(pair[0] + pair[1])
        first = sum(any(d is k for d in pair[0]) for k in kept)
        purity.append(max(first, len(kept) - first) / len(kept))
    print(f"ECB+ sister sub-topics briefed together: purity of the briefed story {statistics.mean(purity):.2f} "
          f"(mean), one sub-topic only {sum(p == 1 for p in purity)} of {len(purity)}")


if __name__ == "__main__":
    if "--mixtures" in sys.argv:
        def option(name: str, default: str) -> str:
            return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

        mixtures([int(k) for k in option("--mixtures", "5").split(",")], option("--split", "tune"), int(option("--draws", "20")))
        print()
        ecbplus_stories(option("--split", "tune"))
    else:
        main("--show" in sys.argv)
