"""Build, check and browse the cross-checking gold set (tests/data/crosscheck_gold.json).

The gold set lists, per story cluster, the discrepancies a careful reader finds
between its reports and a few facts two or more reports state alike. It stores
document ids, character offsets and short values only: the texts stay in
../shared (the seed files, and the `text` of each document of a cluster of
multinews_dev.jsonl) and are read from there.

Annotating works from a spec kept OUTSIDE the repository (it quotes the
reports to find them): a Python file defining `CLUSTERS`, a list of dicts

    {"source": "multinews", "id": "mn-val-4", "notes": "...",
     "discrepancies": [{"kind": "number", "subject": "age of the teacher",
                        "values": [{"value": "33", "normalized": 33,
                                    "evidence": [("1", "words to find")]}, ...]}],
     "corroborated": [[("1", "words to find"), ("2", "words to find")]]}

and `build` turns each ("doc id", "words to find") into the offsets of the
sentence holding those words (a third item picks a later occurrence).

    python3 benchmarks/crosscheck_gold_tool.py show mn-val-4       # texts, numbers and names side by side
    python3 benchmarks/crosscheck_gold_tool.py build /tmp/spec.py   # write the gold file
    python3 benchmarks/crosscheck_gold_tool.py check                # validate the gold file
"""

from __future__ import annotations

import argparse
import json
import re
import runpy
import sys
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MULTINEWS = SHARED / "data" / "multinews_dev.jsonl"
DUC = SHARED / "data" / "duc2003_task2.jsonl"
SEEDS = SHARED / "seeds"
GOLD = ROOT / "tests" / "data" / "crosscheck_gold.json"
KINDS = ("number", "name", "date", "attribution", "quote")

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}


@lru_cache(maxsize=None)
def jsonl_clusters(path: Path) -> dict[str, dict[str, str]]:
    """cluster id -> (document id -> text) of a ../shared/data JSONL set, read once per process."""
    clusters = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            clusters[row["id"]] = {d["id"]: d["text"] for d in row["documents"]}
    return clusters


def cluster_texts(source: str, cluster_id: str) -> dict[str, str]:
    """document id -> text exactly as newsweave holds it."""
    if source in ("multinews", "duc2003"):
        return dict(jsonl_clusters(MULTINEWS if source == "multinews" else DUC)[cluster_id])
    if source == "seeds":
        # newsweave decodes the bytes as they are (no newline translation).
        return {p.stem: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    raise ValueError(f"unknown source {source!r}")


def wire_date(document_id: str) -> date | None:
    """A DUC report's publication day, from its wire id (APW19981017.0151: 1998-10-17); None for others."""
    match = re.match(r"^[A-Z]{3}(\d{4})(\d{2})(\d{2})\.", document_id)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], by punctuation and line breaks."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, max(end - 1, start))
    right = right_match.end() if right_match else len(text)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def locate(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(needle, position + 1)
        if position < 0:
            raise LookupError(f"not found (occurrence {occurrence}): {needle[:40]!r}")
    if occurrence == 0 and text.find(needle, position + 1) >= 0:
        raise LookupError(f"ambiguous, give an occurrence: {needle[:40]!r}")
    return sentence_around(text, position, position + len(needle))


def _evidence(texts: dict[str, str], item) -> dict:
    document, needle, *rest = item
    start, end = locate(texts[document], needle, rest[0] if rest else 0)
    return {"document": document, "start": start, "end": end}


def build(spec_path: Path) -> dict:
    clusters = []
    for cluster in runpy.run_path(str(spec_path))["CLUSTERS"]:
        texts = cluster_texts(cluster["source"], cluster["id"])
        try:
            clusters.append({
                "source": cluster["source"],
                "id": cluster["id"],
                "discrepancies": [
                    {
                        "kind": d["kind"],
                        "subject": d["subject"],
                        "values": [
                            {"value": v["value"], "normalized": v.get("normalized", v["value"]),
                             "evidence": [_evidence(texts, e) for e in v["evidence"]]}
                            for v in d["values"]
                        ],
                    }
                    for d in cluster.get("discrepancies", [])
                ],
                "corroborated": [{"evidence": [_evidence(texts, e) for e in fact]} for fact in cluster.get("corroborated", [])],
                "notes": cluster.get("notes", ""),
            })
        except LookupError as exc:
            raise SystemExit(f"{cluster['id']}: {exc}") from None
    return {
        "version": 1,
        "about": (
            "Hand-made gold set for cross-checking (benchmarks/crosscheck_quality.py). Texts are not stored: "
            "evidence offsets index the text of document <document> of cluster <id> in "
            "../shared/data/multinews_dev.jsonl (source 'multinews'), or the bytes of "
            "../shared/seeds/<document>.txt decoded as UTF-8 (source 'seeds'). Every listed cluster was read in "
            "full; 'discrepancies' lists every genuine disagreement found between its reports (kinds: number, "
            "name, date, attribution, quote), each value with the sentences that state it; 'corroborated' lists "
            "a few facts stated alike by two or more reports. 'skipped' lists clusters read and left out, and why. "
            "Judgement calls: a vague figure consistent with an exact one is not a discrepancy; short forms of a "
            "name (Joe/Joseph) are not misspellings, dropped accents are not counted; a quote counts as worded "
            "differently when its words differ beyond tense, contractions, punctuation, a cut or one synonym; "
            "a quote value is a label ('version in 1'), not the quote. Borderline cases are explained in 'notes'."
        ),
        "clusters": clusters,
        "skipped": runpy.run_path(str(spec_path)).get("SKIPPED", {}),
    }


def _value_words(value: str) -> list[str]:
    return [w for w in re.findall(r"[\w$%]+", value.lower()) if w not in {"the", "a", "an"}]


def problems(gold: dict) -> list[str]:
    """Everything wrong with a gold set: spans out of range, values not in their spans, bad kinds."""
    found = []
    for cluster in gold["clusters"]:
        where = cluster["id"]
        try:
            texts = cluster_texts(cluster["source"], cluster["id"])
        except (KeyError, ValueError) as exc:
            found.append(f"{where}: cannot read cluster ({exc})")
            continue

        def check_span(evidence: dict, label: str) -> str | None:
            text = texts.get(evidence["document"])
            if text is None:
                found.append(f"{label}: no document {evidence['document']!r}")
                return None
            if not (0 <= evidence["start"] < evidence["end"] <= len(text)):
                found.append(f"{label}: span {evidence['start']}-{evidence['end']} out of range")
                return None
            return text[evidence["start"]:evidence["end"]]

        for d in cluster["discrepancies"]:
            label = f"{where} {d['kind']} {d['subject']!r}"
            if d["kind"] not in KINDS:
                found.append(f"{label}: unknown kind")
            if len(d["values"]) < 2:
                found.append(f"{label}: fewer than two values")
            for v in d["values"]:
                if not v["evidence"]:
                    found.append(f"{label}: value {v['value']!r} has no evidence")
                for e in v["evidence"]:
                    span = check_span(e, label)
                    if span is None or d["kind"] == "quote":
                        continue  # a quote's value is a label, not words of the text
                    # "11:45 a.m. | 11:40 a.m.": one side written in more than one way.
                    forms = [f.strip() for f in str(v["value"]).split("|")]
                    lowered = span.lower()
                    missing = min(([w for w in _value_words(f) if w not in lowered] for f in forms), key=len)
                    if missing and not any(_same_number(f, span, v["normalized"]) for f in forms):
                        found.append(f"{label}: {missing} of value {v['value']!r} not in {e['document']}:{e['start']}-{e['end']}")
        for fact in cluster["corroborated"]:
            documents = {e["document"] for e in fact["evidence"]}
            if len(documents) < 2:
                found.append(f"{where}: corroborated fact with fewer than two documents")
            for e in fact["evidence"]:
                check_span(e, f"{where} corroborated")
    return found


def numbers_in(text: str) -> set[float]:
    """Every number a span states, in digits or words: '2,400', 'nine', 'Twenty-eight'."""
    found = {float(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)}
    for tens, unit in re.findall(r"\b([a-z]+)(?:-([a-z]+))?\b", text.lower()):
        if tens in _NUMBER_WORDS:
            found.add(float(_NUMBER_WORDS[tens] + _NUMBER_WORDS.get(unit, 0)))
    return found


def _same_number(value: str, span: str, normalized) -> bool:
    """The span states the value's number in another form ("Eleven" as "11")."""
    if not isinstance(normalized, (int, float)) or isinstance(normalized, bool):
        return False
    return numbers_in(value) == {float(normalized)} and float(normalized) in numbers_in(span)


_NUMBER = re.compile(r"\$?\d[\d,.]*%?|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")


def show(source: str, cluster_id: str, context: int = 40) -> None:
    """Print a cluster's texts, then each document's numbers (in context) and names, to read side by side."""
    texts = cluster_texts(source, cluster_id)
    for document, text in texts.items():
        print(f"===== {cluster_id} / {document} ({len(text)} chars)\n{text}\n")
    for document, text in texts.items():
        print(f"--- numbers in {document}")
        for m in _NUMBER.finditer(text):
            snippet = text[max(0, m.start() - context):m.end() + context].replace("\n", " ")
            print(f"  {m.start():>6} {m.group()!r:>10}  …{snippet}…")
        print(f"--- names in {document}: {sorted(set(_NAME.findall(text)))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show")
    s.add_argument("cluster")
    s.add_argument("--source", default="multinews")
    b = sub.add_parser("build")
    b.add_argument("spec", type=Path)
    b.add_argument("--out", type=Path, default=GOLD)
    c = sub.add_parser("check")
    c.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.source, args.cluster)
        return 0
    if args.command == "build":
        gold = build(args.spec)
        found = problems(gold)
        if found:
            print("\n".join(found), file=sys.stderr)
            return 1
        args.out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        kinds = {k: sum(d["kind"] == k for c in gold["clusters"] for d in c["discrepancies"]) for k in KINDS}
        print(f"wrote {args.out}: {len(gold['clusters'])} clusters, discrepancies {kinds}")
        return 0
    found = problems(json.loads(args.gold.read_text(encoding="utf-8")))
    print("\n".join(found) or "gold set is valid")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
