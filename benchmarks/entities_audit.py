"""Precision of "Who is involved": the entities a brief lists, judged by hand on stories no entity rule had seen.

The brief's fourth answer starts with a list: the people, organisations, places and events the reports
name, each with the other names it goes by. ECB+ measures how mentions are joined (benchmarks/entity_coref.py),
on the gold mentions our model finds; nothing measured what a reader sees: whether each listed entity is a
real name of its group. This audit lists the entities each brief shows (`render.analyst.involved`: the most
mentioned of each group, and any a listed disagreement names) and scores them against a reader's judgement
of each, kept in tests/data/entities_audit_labels.json:

- T: a name of one real person, organisation, place or event, under its right group, written whole, and each
  other name shown with it ("also ...") is the same one;
- F: not a name ("Café", "Sirens"), the wrong group (a town under People), a cut or overgrown name ("Ban Ki-"),
  or another thing's name among its aliases;
- ?: borderline (a group the reader could argue either way: a stadium as a place or an organisation).

The stories are ECB+ sub-topics of story clustering's tuning part, as benchmarks/precision_audit.py
--ecbplus reads them; no rule of the entity stage was written from them before the first judgement
(2026-12-06, sixteenth sitting). They give more entities than a reader can judge, so a fixed sample is
judged: the entities whose hashed keys come first, SAMPLE of newsweave's and half as many of the peer's.
The peer, on the same stories in the same run, is what a short script shows: spaCy's entities, one per
distinct text and label in the story, the most mentioned of each group first, as the brief caps them.
A judged figure is a tuning measure once rules are written from it; the margin is the normal
approximation's 95%.

    python3 benchmarks/entities_audit.py             # score, list NEW entities
    python3 benchmarks/entities_audit.py --list      # every sampled entity with where it is named
    python3 benchmarks/entities_audit.py --multinews    # the relations audit's 15 Multi-News and DUC clusters instead
    python3 benchmarks/entities_audit.py --multinews 2  # the next 15 readable clusters (3: the 15 after those)

`--multinews` was the sixteenth sitting's check: the clusters benchmarks/relations_audit.py reads, whose entity
lists no rule of that sitting was written from; its sample was judged for the code before and after that
sitting's rules together, so both are scored on one standard. The seventeenth sitting wrote rules from its false
ones, which made it a tuning set, with the next 15 readable clusters (`--multinews 2`, tune2's, judged before any
rule of that sitting); its check was the 15 after those (`--multinews 3`), judged once, after the rules, for the
code before and after together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import wire_date  # noqa: E402
from relations_audit import judged_row, key, print_judged, readable_clusters  # noqa: E402

LABELS = ROOT / "tests" / "data" / "entities_audit_labels.json"
SAMPLE = 120  # newsweave's entities judged (the peer's: half as many)
PER_GROUP = 8  # as the brief shows them


def listed_entities(clusters: list[tuple[str, dict[str, str]]]) -> list[dict]:
    """Every entity newsweave's brief of each cluster shows under "Who is involved"."""
    import newsweave
    from newsweave.render.analyst import involved
    from newsweave.story import Document

    listed = []
    for cluster_id, texts in clusters:
        documents = [Document(id=d, text=t, published=(day := wire_date(d)) and day.isoformat()) for d, t in texts.items()]
        story = newsweave.brief(documents).story
        for group, entities, _ in involved(story, PER_GROUP):
            for entity in entities:
                places = [(m.evidence.document, m.evidence.start, m.evidence.end) for m in entity.mentions]
                listed.append(_item(cluster_id, group, entity.name, entity.aliases, places, texts))
    return listed


def spacy_entities(clusters: list[tuple[str, dict[str, str]]]) -> list[dict]:
    """The peer: spaCy's entities of the story, one per distinct text and label, most mentioned first."""
    from newsweave.annotate.model import load_model
    from newsweave.render.analyst import GROUPS
    from newsweave.settings import Settings

    nlp = load_model(Settings())
    group_of = {label: group for group, labels in GROUPS for label in labels}
    listed = []
    for cluster_id, texts in clusters:
        found: dict[tuple[str, str], list] = {}
        for document, text in texts.items():
            for ent in nlp(text).ents:
                if ent.label_ in group_of:
                    found.setdefault((group_of[ent.label_], ent.text), []).append((document, ent.start_char, ent.end_char))
        for group, _ in GROUPS:
            names = sorted((n for g, n in found if g == group), key=lambda n: -len(found[(group, n)]))  # (stable: first seen)
            for name in names[:PER_GROUP]:
                listed.append(_item(cluster_id, group, name, [], found[(group, name)], texts))
    return listed


def _item(cluster_id: str, group: str, name: str, aliases: list[str], places: list[tuple[str, int, int]],
          texts: dict[str, str]) -> dict:
    contexts = []
    for document, start, end in places[:2]:
        text = texts[document]
        contexts.append(" ".join(f"{text[max(0, start - 70):start]}[{text[start:end]}]{text[end:end + 70]}".split()))
    return {"key": key(cluster_id, group, name, "|".join(aliases)), "cluster": cluster_id,
            "entity": f"{group}: {name}" + (f" (also {', '.join(aliases)})" if aliases else "") + f" ×{len(places)}",
            "contexts": contexts}


def _shuffled(item: dict) -> str:
    return hashlib.sha256(item["key"].encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    from precision_audit import ecbplus_clusters

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every sampled entity with where it is named")
    parser.add_argument("--multinews", type=int, nargs="?", const=1, choices=(1, 2, 3), metavar="PART",
                        help="readable Multi-News and DUC clusters instead: 1 (the default) the relations audit's 15, "
                             "2 the next 15, 3 the 15 after those")
    args = parser.parse_args(argv)
    clusters = readable_clusters(args.multinews) if args.multinews else ecbplus_clusters()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"] if LABELS.exists() else {}
    rows = []
    for system, items in (("newsweave", listed_entities(clusters)), ("spaCy entities, by text", spacy_entities(clusters))):
        items = list({item["key"]: item for item in items}.values())
        found = len(items)
        # a sample, the same each run, in no order of the text; hashed with the cluster, as one name (the
        # Associated Press) is listed in many stories
        items = sorted(items, key=_shuffled)[: SAMPLE if system == "newsweave" else SAMPLE // 2]
        for item in items:
            if args.list or item["key"] not in labels:
                print(f"{labels.get(item['key'], 'NEW')} {item['key']} {item['entity']}")
                for context in item["contexts"]:
                    print(f"      {context}")
        rows.append(judged_row(system, found, [item["key"] for item in items], labels))
    flag = "" if not args.multinews else " --multinews" if args.multinews == 1 else f" --multinews {args.multinews}"
    print_judged(f"python3 benchmarks/entities_audit.py{flag}",
                 f"{len(clusters)} {'Multi-News and DUC clusters' if flag else 'ECB+ sub-topics'}",
                 "entities listed", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
