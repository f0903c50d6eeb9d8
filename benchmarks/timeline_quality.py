"""How well the timeline finds and resolves dates, against a hand-made gold set, beside two peers.

The gold set (tests/data/timeline_gold.json) marks every date expression a careful reader
finds in the first report of each DUC 2003 cluster (the one evaluation set whose reports
carry a publication day) and the calendar value the reader gives it: a day, an ISO week, a month
or a year, or none where the text does not pin it down. The rules are in the file's "about".
It stores offsets and short values only; the texts stay in ../shared/data.

The split is by cluster and was fixed before anything was tuned on it: the tuning part is the
DUC clusters that no other measure holds out; the held-out part is the others (ROUGE's held-out
part of DUC and the claims gold's held-out clusters), less the three whose briefs were read by
mistake in an earlier session (summary_quality.READ_HELD_OUT). Later tuning parts hold other reports of
the tuning clusters: tune2 the third and fourth, tune3 the fifth and sixth. `--verbose` prints the errors
of the tuning parts only.

Systems, on the same reports in one run:
- newsweave: the brief's date mentions (`story.workspace.dates`), as the timeline resolves them
  against each report's publication day;
- dateparser: `dateparser.search.search_dates` over the whole text, relative to the publication
  day, preferring the past (what a user of the library gets from one call);
- spaCy + dateparser: spaCy's DATE entities (the same model newsweave loads), each read by
  dateparser relative to the publication day, preferring the past (what one builds in ten lines).

Scores: a system's expression matches a gold one when their spans overlap. Found: share of gold
expressions matched; precision: share of the system's expressions that match one. Right: a
matched gold expression whose value the system gives exactly (precision included: "1998-10" is
not "1998-10-05"; a gold expression without a value is right when the system gives none).
Accuracy: right / all gold expressions, the figure a reader of the timeline meets.

    python3 benchmarks/timeline_quality.py --split tune [--verbose]
    python3 benchmarks/timeline_quality.py --split tune2 [--verbose]    (tune3 the same)
    python3 benchmarks/timeline_quality.py --split heldout
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosscheck_gold_tool import DUC, jsonl_clusters, wire_date  # noqa: E402

GOLD = ROOT / "tests" / "data" / "timeline_gold.json"
SYSTEMS = ("newsweave", "dateparser", "spacy+dateparser")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# What a gold expression looks like, for the table by form (first match wins).
FORMS = [
    ("day with year", re.compile(rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}", re.I)),
    ("day without year", re.compile(rf"{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}", re.I)),
    ("weekday", re.compile(_WEEKDAY, re.I)),
    ("today, yesterday", re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("counted (ago, last, next, this)", re.compile(r"\b(?:ago|last|next|this|earlier|later|past|coming|previous)\b", re.I)),
    ("month", re.compile(_MONTH, re.I)),
    ("year", re.compile(r"\b\d{4}\b")),
]


def form(text: str) -> str:
    return next((name for name, pattern in FORMS if pattern.search(text)), "other")


def load(split: str) -> list[dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [c for c in gold["clusters"] if split == "all" or c["split"] == split]


def texts_of(cluster: dict) -> dict[str, str]:
    every = jsonl_clusters(DUC)[cluster["id"]]
    return {d["id"]: every[d["id"]] for d in cluster["documents"]}


# --- systems: each gives, per document, [(start, end, value or None)] ------------------------------


def run_newsweave(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str | None]]]:
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    documents = [Document(id=d, text=t, published=wire_date(d).isoformat()) for d, t in texts.items()]
    story = build_story(documents, Settings(), stages=("annotate", "claims", "align", "entities", "timeline"))
    found: dict[str, list] = {d: [] for d in texts}
    for mention in story.workspace.dates:
        found[mention.evidence.document].append((mention.evidence.start, mention.evidence.end, mention.date))
    return found


def _dateparser_settings(published: datetime) -> dict:
    return {"RELATIVE_BASE": published, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}


def _read(text: str, published: datetime) -> str | None:
    from dateparser.date import DateDataParser

    from newsweave.timeline import _iso  # (only the ISO form of a day, week, month or year: no rule of newsweave's)

    data = DateDataParser(languages=["en"], settings=_dateparser_settings(published)).get_date_data(text)
    if data.date_obj is None:
        return None
    return _iso(data.date_obj, {"time": "day"}.get(data.period, data.period))


def run_dateparser(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str | None]]]:
    from dateparser.search import search_dates

    found: dict[str, list] = {}
    for document, text in texts.items():
        published = datetime.combine(wire_date(document), datetime.min.time())
        hits = search_dates(text, languages=["en"], settings=_dateparser_settings(published)) or []
        spans, at = [], 0
        for words, _ in hits:  # search_dates gives the words, in text order, not where they are
            start = text.find(words, at)
            if start < 0:
                continue
            at = start + len(words)
            spans.append((start, at, _read(words, published)))
        found[document] = spans
    return found


def run_spacy_dateparser(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str | None]]]:
    from newsweave.annotate.model import load_model
    from newsweave.settings import Settings

    nlp = load_model(Settings())
    found: dict[str, list] = {}
    for document, text in texts.items():
        published = datetime.combine(wire_date(document), datetime.min.time())
        found[document] = [(e.start_char, e.end_char, _read(e.text, published)) for e in nlp(text).ents if e.label_ == "DATE"]
    return found


RUNNERS = {"newsweave": run_newsweave, "dateparser": run_dateparser, "spacy+dateparser": run_spacy_dateparser}


# --- scoring ---------------------------------------------------------------------------------------


def score(cluster: dict, found: dict[str, list[tuple[int, int, str | None]]], errors: list | None = None) -> Counter:
    tally: Counter = Counter()
    for document in cluster["documents"]:
        system = found.get(document["id"], [])
        used = set()
        for item in document["dates"]:
            kind = form(item["text"])
            tally["gold"] += 1
            tally[f"gold {kind}"] += 1
            matches = [k for k, (s, e, _) in enumerate(system) if s < item["end"] and item["start"] < e]
            used.update(matches)
            if not matches:
                if errors is not None:
                    errors.append((cluster["id"], document["id"], item, "not found", None))
                continue
            tally["found"] += 1
            value = system[matches[0]][2]
            if value == item["value"]:
                tally["right"] += 1
                tally[f"right {kind}"] += 1
            elif errors is not None:
                errors.append((cluster["id"], document["id"], item, "wrong value", value))
        tally["system"] += len(system)
        tally["system matched"] += len(used)
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "tune2", "tune3", "heldout", "all"), default="tune")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, of {', '.join(SYSTEMS)}")
    parser.add_argument("--verbose", action="store_true", help="print newsweave's errors (tuning parts only)")
    args = parser.parse_args(argv)
    if args.verbose and args.split in ("heldout", "all"):
        parser.error("--verbose prints errors, and only the tuning part's errors may be read")
    clusters = load(args.split)
    systems = [s for s in args.systems.split(",") if s]
    print(f"Command: python3 benchmarks/timeline_quality.py --split {args.split}"
          + (f" --systems {args.systems}" if args.systems != ",".join(SYSTEMS) else ""))
    documents = sum(len(c["documents"]) for c in clusters)
    print(f"Gold {args.split}: {len(clusters)} DUC 2003 clusters, {documents} reports, "
          f"{sum(len(d['dates']) for c in clusters for d in c['documents'])} date expressions\n")
    totals: dict[str, Counter] = {}
    errors: list = []
    for system in systems:
        started = time.perf_counter()
        total: Counter = Counter()
        for cluster in clusters:
            found = RUNNERS[system](texts_of(cluster))
            total += score(cluster, found, errors if (args.verbose and system == "newsweave") else None)
        total["seconds"] = round(time.perf_counter() - started)
        totals[system] = total
    print("| system | gold | found | system's | precision | right | right of found | accuracy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for system, t in totals.items():
        print(f"| {system} | {t['gold']} | {_ratio(t['found'], t['gold'])} | {t['system']} | "
              f"{_ratio(t['system matched'], t['system'])} | {t['right']} | {_ratio(t['right'], t['found'])} | "
              f"**{_ratio(t['right'], t['gold'])}** |")
    kinds = [name for name, _ in FORMS] + ["other"]
    print("\nAccuracy by form of the expression (right / gold):\n")
    print("| form | gold | " + " | ".join(systems) + " |")
    print("|---|---:|" + "---:|" * len(systems))
    first = totals[systems[0]]
    for kind in kinds:
        if first[f"gold {kind}"]:
            right = [totals[s][f"right {kind}"] for s in systems]
            cells = " | ".join(f"{r} ({_ratio(r, first[f'gold {kind}'])})" for r in right)
            print(f"| {kind} | {first[f'gold {kind}']} | {cells} |")
    print("\n" + ", ".join(f"{s} {t['seconds']} s" for s, t in totals.items()))
    if errors:
        print(f"\nnewsweave's errors ({args.split}):")
        for cluster_id, document, item, what, value in errors:
            text = texts_of({"id": cluster_id, "documents": [{"id": document}]})[document]
            context = text[max(0, item["start"] - 60): item["end"] + 40].replace("\n", " ")
            print(f"  {cluster_id} {document} {item['text']!r} gold {item['value']} -> {what} {value}: …{context}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
