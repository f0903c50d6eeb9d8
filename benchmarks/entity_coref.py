"""Cross-document entity coreference on ECB+ (topics 1–35): newsweave's entity
resolution against the exact-string-match and same-head-lemma baselines.

Each sub-topic (one real-world event: the `ecb` or the `ecbplus` half of a
topic) is briefed as one story (annotate + resolve_entities, the same code the
brief runs), and every system clusters within its story.

Scored mentions: the gold entity mentions (HUMAN_PART*, NON_HUMAN_PART*,
LOC_*) that are annotated for coreference (in a CROSS_DOC_COREF or
INTRA_DOC_COREF relation; a third of the markables are in none) and that hold
one of our NER mentions, with the gold mention's head word inside it. Gold
clusters are the relations' instance ids. All three systems cluster exactly
that mention set, so the scores compare resolution, not mention detection.
Scores: MUC, B-cubed, CEAF-e and their average, CoNLL F1, pooled over topics
(gold chains are keyed by topic, the systems' clusters by sub-topic).

    python3 benchmarks/entity_coref.py [--data ../shared/data/ecbplus] [--topics 1-35]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"
ENTITY_TAG = re.compile(r"^(?:HUMAN_PART|NON_HUMAN_PART|LOC)")


def read_document(path: Path):
    """(text, gold mentions) where each mention is (start, end, gold chain id)."""
    root = ET.parse(path).getroot()
    offsets, pieces, cursor, sentence = {}, [], 0, None
    for token in root.iter("token"):
        if sentence is not None and token.get("sentence") != sentence:
            pieces.append("\n")
            cursor += 1
        elif pieces:
            pieces.append(" ")
            cursor += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id")] = (cursor, cursor + len(word))
        pieces.append(word)
        cursor += len(word)
    chains = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            chain = relation.get("note") or f"{path.stem}:{relation.get('r_id')}"
            for source in relation.findall("source"):
                chains.setdefault(source.get("m_id"), chain)
    mentions = []
    for markable in root.find("Markables"):
        anchors = [a.get("t_id") for a in markable.findall("token_anchor")]
        if not ENTITY_TAG.match(markable.tag) or not anchors or any(a not in offsets for a in anchors):
            continue
        start = min(offsets[a][0] for a in anchors)
        end = max(offsets[a][1] for a in anchors)
        m_id = markable.get("m_id")
        if m_id in chains:  # a markable in no coreference relation was not annotated for it
            mentions.append((start, end, chains[m_id]))
    return "".join(pieces), mentions


def subtopic_stories(folder: Path):
    """One story per sub-topic (`*ecb.xml`, `*ecbplus.xml`): each is one real-world
    event, which is what newsweave briefs; [(sub-topic, story, gold mentions by document)]."""
    from newsweave.annotate import annotate
    from newsweave.entities import resolve_entities
    from newsweave.settings import Settings
    from newsweave.story import Document, Story

    stories = []
    for subtopic in ("ecb", "ecbplus"):
        documents, gold = [], {}
        for path in sorted(folder.glob(f"*_*{subtopic}.xml")):
            if not path.stem.endswith(subtopic) or (subtopic == "ecb" and path.stem.endswith("ecbplus")):
                continue
            text, mentions = read_document(path)
            documents.append(Document(id=path.stem, text=text))
            gold[path.stem] = mentions
        if not documents:
            continue
        story = Story(documents=documents)
        settings = Settings()
        annotate(story, settings)
        resolve_entities(story, settings)
        stories.append((f"{folder.name}{subtopic}", story, gold))
    return stories


def scored_mentions(story, gold, topic: str, subtopic: str):
    """[(mention key, gold chain, newsweave entity, exact string, head lemma)] for gold mentions our NER overlaps.

    Gold chains are keyed by topic (they may cross sub-topics); the systems'
    clusters by sub-topic, the story each of them resolved."""
    ours = defaultdict(list)  # document → [(start, end, entity id)]
    for entity in story.entities:
        for m in entity.mentions:
            ours[m.document].append((m.start, m.end, entity.id))
    rows = []
    for document in story.documents:
        doc = story.workspace.parses[document.id]
        for start, end, chain in gold[document.id]:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            # Found = one of our names lies inside the gold mention and holds its head
            # word: "Athens" is found in "Athens", not in "a bank in Athens" (a bank),
            # and not inside our "Central Election Commission of Turkmenistan".
            head_start = span.root.idx
            found = [entity for s, e, entity in ours[document.id] if s <= head_start < e and start <= s and e <= end]
            if not found:
                continue
            entity = found[0]
            text = document.text[start:end]
            head = span.root.lemma_.lower()
            key = (topic, document.id, start, end)
            rows.append((key, f"{topic}:{chain}", f"{subtopic}:{entity}", f"{subtopic}:{text.lower()}", f"{subtopic}:{head}"))
    return rows


# --- coreference metrics (Pradhan et al. 2014 definitions) ---


def clusters_of(assignment: dict) -> list[set]:
    groups = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return list(groups.values())


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        numerator = denominator = 0
        for cluster in a:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return _f(score(key, response), score(response, key))


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a, b):
        where = {m: c for c in b for m in c}
        total = sum(len(c) for c in a)
        return sum(len(c & where[m]) / len(c) for c in a for m in c) / total if total else 0.0

    return _f(score(response, key), score(key, response))


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    similarity = np.zeros((len(key), len(response)))
    index = defaultdict(list)
    for j, r in enumerate(response):
        for m in r:
            index[m].append(j)
    for i, k in enumerate(key):
        for j in {j for m in k for j in index[m]}:
            similarity[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-similarity)
    total = similarity[rows, cols].sum()
    return _f(total / len(response), total / len(key))


def _f(precision: float, recall: float) -> tuple[float, float, float]:
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f


def evaluate(rows, column: int) -> dict[str, float]:
    key = clusters_of({r[0]: r[1] for r in rows})
    response = clusters_of({r[0]: r[column] for r in rows})
    scores = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    scores["CoNLL"] = (None, None, sum(s[2] for s in scores.values()) / 3)
    return scores


def _topics(spec: str) -> list[str]:
    """Topics from "1-35", "7" or a list of either, "1-3,9,11" (story clustering's parts are lists)."""
    topics = []
    for part in spec.split(","):
        low, _, high = part.strip().partition("-")
        topics += [str(n) for n in range(int(low), int(high or low) + 1)]
    return topics


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default="1-35", help="topics or ranges, e.g. 1-35 or 1-3,9,11")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no ECB+ data at {args.data}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    rows, gold_total, documents = [], 0, 0
    for topic in _topics(args.topics):
        folder = args.data / topic
        if not folder.is_dir():
            continue
        for subtopic, story, gold in subtopic_stories(folder):
            documents += len(story.documents)
            gold_total += sum(len(m) for m in gold.values())
            rows += scored_mentions(story, gold, topic, subtopic)
    elapsed = time.perf_counter() - started
    print(f"ECB+ topics {args.topics}: {documents} documents, {gold_total} gold entity mentions, "
          f"{len(rows)} found by our NER and scored ({elapsed:.0f} s)\n")
    systems = [("exact string match", 3), ("same head lemma", 4), ("newsweave", 2)]
    print("| system | MUC F1 | B3 P | B3 R | B3 F1 | CEAF-e F1 | CoNLL F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, column in systems:
        s = evaluate(rows, column)
        print(f"| {name} | {s['MUC'][2]:.1%} | {s['B3'][0]:.1%} | {s['B3'][1]:.1%} | {s['B3'][2]:.1%} "
              f"| {s['CEAF-e'][2]:.1%} | {s['CoNLL'][2]:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
