"""Build and check the timeline gold set (tests/data/timeline_gold.json).

Annotators write one file per cluster (the format is in RULES below) outside the repository, each
expression with its offsets or with its words alone, in the order they occur (`located` finds them);
`build` joins them, gives each cluster its part of the split, and writes the gold file; `check`
validates it against the texts in ../shared/data.

    python3 benchmarks/timeline_gold_tool.py build /tmp/timeline_gold/out
    python3 benchmarks/timeline_gold_tool.py build-part tune2 /tmp/timeline_tune2
    python3 benchmarks/timeline_gold_tool.py check

`build-part` adds (or replaces) a further tuning part: "tune2", the third and fourth reports of each
tuning cluster, or "tune3", the fifth and sixth, each annotated later under the same rules by annotators
who saw neither newsweave's output nor the gold, and scored before any of its errors were read. (The first
tuning part was read until nearly every error was gone; a fresh part tells a general rule from a fitted one.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import DUC, jsonl_clusters, wire_date  # noqa: E402

GOLD = ROOT / "tests" / "data" / "timeline_gold.json"
VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$|^\d{4}-W\d{2}$")

ABOUT = (
    "Hand-made timeline gold set: every date expression a careful reader finds in the first reports "
    "(one or two) of each DUC 2003 task 2 cluster, and the calendar value the reader gives it against the report's "
    "publication day (the day in its wire id) and its context. Annotated under RULES by reading each "
    "report in full, with a broad pattern (months, weekdays, years, 'last', 'next', 'ago'...) listing "
    "candidates so that none is skipped; newsweave's output was not consulted. Texts are not stored: offsets index the text "
    "of the document in ../shared/data/duc2003_task2.jsonl. Split by cluster before any tuning: 'tune' is the DUC clusters no "
    "other measure holds out; 'heldout' the others, less three whose briefs were read by mistake "
    "(summary_quality.READ_HELD_OUT)."
)
PART_ABOUT = {
    "tune2": " A second tuning part, 'tune2' (2026-12-05): the third and fourth reports of each tuning cluster, "
             "annotated under the same rules by three helpers who saw neither newsweave's code or output nor this "
             "gold (each expression given by its words in order; the tool found the offsets), scored before any of "
             "its errors were read.",
    "tune3": " A third, 'tune3' (2026-12-05, later): the fifth and sixth reports of each tuning cluster, made the "
             "same way by three other helpers, scored before any of its errors were read.",
}
RULES = [
    "Mark every expression naming a calendar day, week, month or year: absolute ('Oct. 5, 1998', 'Oct. 5', "
    "'October', '1975'), named from the publication day ('Tuesday', 'earlier Wednesday', 'Tuesday night', "
    "'yesterday', 'today', 'tonight', 'last week', 'this month', 'next year', 'last March'), counted "
    "('five months ago', 'in two weeks'), or from another event ('a day earlier': value only if the text pins it).",
    "Do not mark times of day alone, durations, ages, vague times ('recently', 'now', 'in recent years'), "
    "decades, centuries or seasons. A range: mark each end written as a calendar expression of its own "
    "('1976' and '1983' in 'from 1976 to 1983'; '1973' in '1973-90'; 'Oct. 5' in 'Oct. 5-6'); 'the weekend': value none.",
    "Span: the fewest words naming the time, with the words that change which time ('last', 'next', 'this', "
    "'earlier', 'early', 'late', 'ago', 'night'), without prepositions, articles or the noun after it "
    "('the Oct. 5 election' -> 'Oct. 5').",
    "Value: 'YYYY-MM-DD', ISO week 'YYYY-Www', 'YYYY-MM' or 'YYYY', at the precision the words give; none "
    "where the text does not pin it. A weekday is the nearest one on the side the sentence points to (told "
    "in the past: on or before the publication day; ahead: on or after it). A date without its year is the "
    "occurrence a careful reader infers, usually the nearest that fits the tense. A date the report gets "
    "wrong keeps the report's value.",
]


def split_of(cluster_id: str) -> str:
    """'tune' for a DUC cluster no measure holds out; else 'heldout'."""
    from read_brief import held_out_ids

    return "heldout" if cluster_id in held_out_ids() else "tune"


PART_REPORTS = {"tune2": slice(2, 4), "tune3": slice(4, 6)}  # a later tuning part's reports of each tuning cluster


def problems(gold: dict) -> list[str]:
    """What is wrong with the gold set: offsets that do not give the text, values of no known form,
    reports other than the cluster's first ones (its third and fourth in tune2, fifth and sixth in tune3),
    overlapping or unordered expressions, a later part's cluster that is not a tuning cluster."""
    found = []
    every = jsonl_clusters(DUC)
    for cluster in gold["clusters"]:
        texts = every.get(cluster["id"])
        if texts is None:
            found.append(f"{cluster['id']}: no such DUC cluster")
            continue
        if cluster["split"] in PART_REPORTS:
            expected = list(texts)[PART_REPORTS[cluster["split"]]]
            if split_of(cluster["id"]) != "tune":
                found.append(f"{cluster['id']}: {cluster['split']} holds tuning clusters only")
        else:
            expected = list(texts)[: len(cluster["documents"])]
        if not expected or [d["id"] for d in cluster["documents"]] != expected:
            found.append(f"{cluster['id']}: the reports must be the cluster's first (tune2: third and fourth; tune3: fifth and sixth), in order: {expected}")
        for document in cluster["documents"]:
            text = texts.get(document["id"], "")
            day = wire_date(document["id"])
            if day is None or document["published"] != day.isoformat():
                found.append(f"{document['id']}: published must be its wire day")
            end = -1
            for item in document["dates"]:
                where = f"{document['id']} {item['start']}-{item['end']}"
                if text[item["start"] : item["end"]] != item["text"] or not item["text"].strip():
                    found.append(f"{where}: the offsets do not give {item['text']!r}")
                if item["start"] < end:
                    found.append(f"{where}: out of order or overlapping")
                end = item["end"]
                if item["value"] is not None and not VALUE.match(item["value"]):
                    found.append(f"{where}: value {item['value']!r} is no day, week, month or year")
    return found


def located(text: str, dates: list[dict], where: str) -> list[dict]:
    """`dates` with offsets: an annotator may give an expression's words alone, in the order they occur, and each
    is then the first occurrence after the one before it, as whole words ("August" is not the start of
    "Augusto"; people count characters badly, words they copy well)."""
    end = 0
    placed = []
    for item in dates:
        if "start" not in item:
            found = re.compile(r"(?<!\w)" + re.escape(item["text"]) + r"(?!\w)").search(text, end)
            if found is None:
                raise ValueError(f"{where}: {item['text']!r} is not in the text after offset {end}")
            item = {**item, "start": found.start(), "end": found.end()}
        placed.append(item)
        end = item["end"]
    return placed


def build(folder: Path, part: str | None = None) -> dict:
    """The gold set from the annotators' files in `folder`: each cluster in its part of the split, or all in `part`."""
    clusters = []
    every = jsonl_clusters(DUC)
    for path in sorted(folder.glob("*.json")):
        for cluster in json.loads(path.read_text(encoding="utf-8"))["clusters"]:
            texts = every.get(cluster["id"], {})
            documents = [
                {"id": d["id"], "published": d["published"],
                 "dates": [{"start": e["start"], "end": e["end"], "text": e["text"], "value": e["value"],
                            **({"note": e["note"]} if e.get("note") else {})}
                           for e in located(texts.get(d["id"], ""), d["dates"], f"{path.name} {d['id']}")]}
                for d in cluster["documents"]
            ]
            clusters.append({"id": cluster["id"], "split": part or split_of(cluster["id"]), "documents": documents,
                             "notes": cluster.get("notes", "")})
    order = list(jsonl_clusters(DUC))
    clusters.sort(key=lambda c: order.index(c["id"]))
    return {"version": 1, "about": ABOUT, "rules": RULES, "clusters": clusters}


def with_part(gold: dict, part: str, clusters: dict) -> dict:
    """The gold set with its `part` ("tune2", "tune3") replaced by `clusters`' clusters."""
    kept = [c for c in gold["clusters"] if c["split"] != part]
    parts = {c["split"] for c in kept} | {part}
    about = ABOUT + "".join(text for name, text in PART_ABOUT.items() if name in parts)
    return {**gold, "about": about, "clusters": kept + clusters["clusters"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("folder", type=Path)
    part = sub.add_parser("build-part")
    part.add_argument("part", choices=sorted(PART_REPORTS))
    part.add_argument("folder", type=Path)
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command in ("build", "build-part"):
        gold = build(args.folder) if args.command == "build" else with_part(
            json.loads(GOLD.read_text(encoding="utf-8")), args.part, build(args.folder, args.part))
        found = problems(gold)
        if found:
            print("\n".join(found))
            return 1
        GOLD.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{GOLD.relative_to(ROOT)}: {len(gold['clusters'])} clusters")
        return 0
    found = problems(json.loads(GOLD.read_text(encoding="utf-8")))
    print("\n".join(found) or "no problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
