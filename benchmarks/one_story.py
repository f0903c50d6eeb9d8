"""How often `stories.one_story` splits a real story, and how often it tells two stories apart.

Reads ../shared/data/multinews_dev.jsonl and duc2003_task2.jsonl (each cluster
is one story; Multi-News clusters also hold junk pages: crawl notices, cookie
and video pages) and prints, per set, the clusters split and each report left
out (its first words, to judge by eye whether it is junk); then pairs of
different clusters briefed together, and how often they are told apart.

    python3 benchmarks/one_story.py [--show]
"""

from __future__ import annotations

import json
import random
import sys
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


if __name__ == "__main__":
    main("--show" in sys.argv)
