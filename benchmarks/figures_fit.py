"""Would a learned scorer find number disagreements better than the hand rules? (issue 11)

The hand rules in newsweave/crosscheck/numbers.py decide when two reports' figures
are two values of one thing. They were written one tuning example at a time, and
on the held-out half they find none of its number disagreements. This script asks
whether a logistic model over the same evidence, fitted on the tuning parts only,
does better on stories it never saw.

Examples: every pair of figures of two reports of one tuning cluster (tune and
tune2; the held-out half is never read) that could disagree: the same kind and unit,
neither vague nor a conversion, not compatible, within a factor of 4
(numbers.FAR_APART). A pair is positive when its two figures' own words overlap two
different values of one gold number disagreement.

Cross-validated by cluster (5 folds; a fold's weights never saw its clusters). For
each threshold, a cluster's predicted pairs become disagreements as the product
builds them (one per connected set of figures, each side cited by its claim) and
are scored with benchmarks/crosscheck_quality.py's matching, number kind only:

- rules: the product's number disagreements as shipped;
- learned: the learned pairs alone;
- counts + learned: the count reader's rules (numbers.number_discrepancies) with the
  learned pairs in place of the claim-by-claim rules (numbers.quantity_discrepancies).

The rules' row is in-sample (they were written on these clusters); the learned rows
are not. Needs the bench extra (scikit-learn).

    python3 benchmarks/figures_fit.py                 # cross-validated table
    python3 benchmarks/figures_fit.py --weights       # the weights fitted on every tuning cluster
    python3 benchmarks/figures_fit.py --local         # with the words near each figure as evidence
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import claims_quality as cq  # noqa: E402
from crosscheck_gold_tool import wire_date  # noqa: E402
from crosscheck_quality import tally  # noqa: E402

FOLDS = 5
KINDS = ("count", "money", "percent", "age", "duration", "time")


def _overlaps(start: int, end: int, document: str, evidence: list[dict]) -> bool:
    return any(e["document"] == document and e["start"] < end and start < e["end"] for e in evidence)


def candidates(story):
    """(claim a, figure x, claim b, figure y) of two reports that could be two values of one thing."""
    import newsweave.quantities as q
    from newsweave.crosscheck import numbers as N

    likeness = N._Likeness(story)
    claims = likeness.claims
    out = []
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.document == b.document:
                continue
            for x in a.quantities:
                for y in b.quantities:
                    if x.kind != y.kind or x.unit != y.unit or x.kind == q.ORDINAL:
                        continue
                    if x.vague or y.vague or x.role in (q.CONVERSION, q.COUNTED) or y.role in (q.CONVERSION, q.COUNTED):
                        continue
                    if q.compatible(x, y) or (x.kind != q.TIME and N._far_apart(x.value, y.value)):
                        continue
                    out.append((a, x, b, y))
    return likeness, out


def features(story, likeness, pairs) -> np.ndarray:
    import newsweave.quantities as q
    from newsweave.crosscheck import numbers as N

    days = N.publication_days(story)
    fact_of: dict[tuple[str, int], set[int]] = {}
    for group in story.facts:
        for s in group.sentences:
            fact_of.setdefault((s.document, s.index), set()).add(group.id)
    sentences = story.workspace.aligned
    row = {id(s): k for k, s in enumerate(sentences)}
    similarity = story.workspace.similarity
    per_measure = Counter((x.document, x.kind, x.unit) for c in likeness.claims for x in c.quantities)
    parses = story.workspace.parses
    rows = []
    for a, x, b, y in pairs:
        like = likeness(a, b)
        ra, rb = row.get(id(a.sentence)), row.get(id(b.sentence))
        sentence_like = float(similarity[ra, rb]) if ra is not None and rb is not None else 0.0
        key_x, key_y = q.measure_key(x), q.measure_key(y)
        apart = N._other_days(days, a.document, b.document) and not (N._standing(x) or N._same_past_year(a, b, days))
        ambiguity = math.log(per_measure[(x.document, x.kind, x.unit)] * per_measure[(y.document, y.kind, y.unit)])
        small, large = sorted((abs(x.value), abs(y.value)))
        near_x, near_y = near_words(parses, x), near_words(parses, y)
        tree_x, tree_y = tree_words(parses, x), tree_words(parses, y)
        rows.append([
            like,
            sentence_like,
            float(key_x is not None and key_x == key_y),
            float(q.same_measure(x, y, like >= N.SAME_FACT)),
            float(bool(x.noun) and x.noun == y.noun),
            float(bool(x.predicate) and x.predicate == y.predicate),
            float(N._about_same(a, b)),
            float(N._other_occasions(a, b) or N._named_apart(a, b)),
            float(bool(fact_of.get((a.document, a.sentence.index), set()) & fact_of.get((b.document, b.sentence.index), set()))),
            float(apart),
            math.log(large / small) if small > 0 else 2.0,
            float(x.hedge != "" or y.hedge != ""),
            ambiguity,
            float(bool(a.subject) and a.subject == b.subject),
            float(bool(set(a.entities) & set(b.entities))),
            *[float(x.kind == k) for k in KINDS],
            float(len(near_x & near_y)),
            float(len(tree_x & tree_y)),
        ])
    return np.array(rows, dtype=float).reshape(len(pairs), 17 + len(KINDS))


# Words of a figure's unit or scale, not of what it measures.
_UNIT_WORDS = {"year", "month", "day", "week", "hour", "minute", "percent", "million", "billion", "trillion",
               "thousand", "hundred", "dollar", "people", "person", "time", "%", "$"}


def _content(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not token.is_stop and token.lemma_.lower() not in _UNIT_WORDS


def near_words(parses, quantity, width: int = 6) -> frozenset[str]:
    """The content lemmas within `width` tokens of the figure, in its sentence."""
    doc = parses.get(quantity.document)
    if doc is None or quantity.token < 0:
        return frozenset()
    token = doc[quantity.token]
    sentence = token.sent
    window = doc[max(sentence.start, token.i - width) : min(sentence.end, token.i + width + 1)]
    return frozenset(t.lemma_.lower() for t in window if _content(t))


def tree_words(parses, quantity) -> frozenset[str]:
    """The content lemmas of the figure's governors (three steps up) and of their nominal dependents."""
    doc = parses.get(quantity.document)
    if doc is None or quantity.token < 0:
        return frozenset()
    node, found = doc[quantity.token], set()
    for _ in range(3):
        head = node.head
        for t in (head, *[c for c in head.children if c.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "prep", "compound", "amod")]):
            if t.dep_ == "prep":
                found.update(c.lemma_.lower() for c in t.children if c.dep_ == "pobj" and _content(c))
            elif _content(t):
                found.add(t.lemma_.lower())
        if head.i == node.i:
            break
        node = head
    return frozenset(found)


NAMES = ["likeness", "sentence", "measure_key", "same_measure", "noun", "predicate", "about_same", "other_occasion",
         "fact_group", "days_apart", "log_ratio", "hedged", "ambiguity", "subject", "entity", *KINDS,
         "near_words", "tree_words"]


def labels(cluster, pairs) -> np.ndarray:
    out = []
    for _, x, _, y in pairs:
        positive = False
        for gold in cluster["discrepancies"]:
            if gold["kind"] != "number":
                continue
            hit_x = {k for k, v in enumerate(gold["values"]) if _overlaps(x.start, x.end, x.document, v["evidence"])}
            hit_y = {k for k, v in enumerate(gold["values"]) if _overlaps(y.start, y.end, y.document, v["evidence"])}
            if any(i != j for i in hit_x for j in hit_y):
                positive = True
        out.append(positive)
    return np.array(out, dtype=bool)


def build(splits) -> list[dict]:
    from newsweave.crosscheck import numbers as N
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    built = []
    for split in splits:
        for cluster in cq.load_split(split)["clusters"]:
            texts = cq.cluster_texts(cluster["source"], cluster["id"])
            published = {d: wire_date(d) for d in texts}
            story = build_story([Document(id=d, text=t, published=published[d] and published[d].isoformat())
                                 for d, t in texts.items()], Settings())
            likeness, pairs = candidates(story)
            built.append({
                "cluster": cluster, "pairs": pairs,
                "X": features(story, likeness, pairs), "Y": labels(cluster, pairs),
                "shipped": [d.to_dict() for d in story.discrepancies if d.kind == "number"],
                "counts": N.number_discrepancies(story, likeness),
            })
    for number, item in enumerate(built):
        item["fold"] = number % FOLDS
    return built


def predicted_discrepancies(pairs, chosen) -> list[dict]:
    """The chosen pairs as the product shows them: one disagreement per connected set of figures."""
    parent: dict[int, int] = {}

    def root(k):
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    holder = {}
    for (a, x, b, y), keep in zip(pairs, chosen, strict=True):
        if keep:
            holder[id(x)], holder[id(y)] = (x, a), (y, b)
            parent[root(id(x))] = root(id(y))
    groups: dict[int, list] = {}
    for key, (quantity, claim) in holder.items():
        groups.setdefault(root(key), []).append((quantity, claim))
    found = []
    for members in groups.values():
        sides: dict[tuple, list] = {}
        for quantity, claim in members:
            evidence = {"document": claim.document, "start": min(claim.start, quantity.start), "end": max(claim.end, quantity.end)}
            sides.setdefault((quantity.low, quantity.high, quantity.written.lower()), []).append(evidence)
        found.append({"kind": "number", "values": [{"value": k[2], "evidence": v} for k, v in sides.items()]})
    return found


def merged(first: list, second: list[dict]) -> list[dict]:
    """`first` (the count reader's disagreements) with those of `second` it does not already hold."""
    from newsweave.crosscheck.numbers import merge_discrepancies

    return [d.to_dict() for d in merge_discrepancies(first, [_as_discrepancy(d) for d in second])]


def _as_discrepancy(item: dict):
    from newsweave.story import Discrepancy, DiscrepancyValue, Evidence

    values = [DiscrepancyValue(v["value"], None, [Evidence(e["document"], e["start"], e["end"]) for e in v["evidence"]])
              for v in item["values"]]
    return Discrepancy("number", "", values)


def fit(X, Y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=5000, class_weight=None).fit(X, Y)


def score(built, predicted_of) -> tuple[int, int, int]:
    counts: dict = {"number": [0, 0, 0]}
    for item in built:
        gold = [d for d in item["cluster"]["discrepancies"] if d["kind"] == "number"]
        tally(predicted_of(item), gold, counts)
    return tuple(counts["number"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", action="store_true")
    parser.add_argument("--local", action="store_true",
                        help="add the words near each figure, and its governors' words, shared by the two figures")
    args = parser.parse_args(argv)
    built = build(["tune", "tune2"])
    names = NAMES if args.local else NAMES[:-2]
    for item in built:
        item["X"] = item["X"][:, : len(names)]
    X = np.concatenate([b["X"] for b in built])
    Y = np.concatenate([b["Y"] for b in built])
    print(f"{len(built)} tuning clusters, {len(Y)} candidate pairs, {int(Y.sum())} positive")
    if args.weights:
        model = fit(X, Y)
        for name, weight in zip(names, model.coef_[0], strict=True):
            print(f"  {name:16} {weight:+.2f}")
        print(f"  {'bias':16} {model.intercept_[0]:+.2f}")
        return 0
    for item in built:
        item["score"] = np.zeros(len(item["Y"]))
    for fold in range(FOLDS):
        train = [b for b in built if b["fold"] != fold and len(b["Y"])]
        model = fit(np.concatenate([b["X"] for b in train]), np.concatenate([b["Y"] for b in train]))
        for item in built:
            if item["fold"] == fold and len(item["Y"]):
                item["score"] = model.predict_proba(item["X"])[:, 1]
    print("\n| system | threshold | gold | predicted | right | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")

    def row(name, threshold, result):
        gold, predicted, right = result
        print(f"| {name} | {threshold} | {gold} | {predicted} | {right} | {right / max(1, predicted):.2f} | {right / max(1, gold):.2f} |")

    row("rules (shipped)", "", score(built, lambda item: item["shipped"]))
    row("every positive pair (the most any scorer of these pairs can find)", "",
        score(built, lambda item: predicted_discrepancies(item["pairs"], item["Y"])))
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        row("learned", threshold, score(built, lambda item, t=threshold: predicted_discrepancies(item["pairs"], item["score"] >= t)))
        row("counts + learned", threshold, score(built, lambda item, t=threshold: merged(
            item["counts"], predicted_discrepancies(item["pairs"], item["score"] >= t))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
