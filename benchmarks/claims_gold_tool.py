"""Build, check and browse the claims gold sets (issue 11).

Two files, split by story before any tuning (see docs/benchmarks.md):

- tests/data/claims_gold_tune.json: the clusters a developer may tune on;
- tests/data/claims_gold_heldout.json: never read to write a rule.

Each lists, per story cluster, every claim two or more reports state (with
the claim-level span in each report) and every disagreement between reports.
The files store document ids, character offsets and short labels in the
annotator's words only: the texts stay in ../shared and are read from there.

Annotating works from a spec kept OUTSIDE the repository (it quotes the
reports to find them): a Python file defining `CLUSTERS`, a list of dicts

    {"source": "multinews", "id": "mn-val-25", "notes": "...",
     "claims": [("attack killed 130 people", [("1", "killed 130 people"), ("2", "left 130 dead")])],
     "discrepancies": [{"kind": "number", "subject": "people killed",
                        "values": [{"value": "8", "normalized": 8, "evidence": [("1", "killed 8")]}, ...]}]}

and `build` turns each ("doc id", "exact words") into the offsets of those
words (a third item picks a later occurrence; ("doc id", start, end) gives
offsets as they are). A quote that is missing or ambiguous stops the build.

    python3 benchmarks/claims_gold_tool.py show --source duc2003 duc03-d30028
    python3 benchmarks/claims_gold_tool.py build /path/to/spec.py --split tune
    python3 benchmarks/claims_gold_tool.py build /path/to/spec.py --split tune2   # disagreements only
    python3 benchmarks/claims_gold_tool.py check            # both files, when present
"""

from __future__ import annotations

import argparse
import json
import re
import runpy
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# cluster_texts: document id -> text exactly as newsweave holds it (Multi-News, DUC 2003 or the seeds).
from crosscheck_gold_tool import KINDS, SHARED, cluster_texts, show as _show_multinews  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent
GOLD = {
    "tune": ROOT / "tests" / "data" / "claims_gold_tune.json",
    "heldout": ROOT / "tests" / "data" / "claims_gold_heldout.json",
    # A second tuning set, disagreements only: clusters no other gold file holds, each read in full for every
    # disagreement; its clusters' `claims` are not annotated (empty), so only disagreements are scored on it.
    "tune2": ROOT / "tests" / "data" / "disagreements_gold_tune2.json",
}
DISAGREEMENTS_ONLY = ("tune2",)
SOURCES = ("multinews", "duc2003", "seeds")


_QUOTE_MARKS = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def _pattern(needle: str) -> re.Pattern:
    """The words of `needle`, with any run of spaces matching any run (the texts hold no-break spaces and
    line breaks) and straight or curly quotation marks matching each other."""
    parts = []
    for token in re.split(r"(\s+)", needle.strip()):
        if token.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_QUOTE_MARKS.get(ch, re.escape(ch)) for ch in token))
    return re.compile("".join(parts))


def locate_all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _pattern(needle).finditer(text)]


def locate(text: str, needle: str, occurrence: int | None = None) -> tuple[int, int]:
    """Offsets of the words `needle` (the occurrence-th time they appear, 0-based); missing, or more than once
    with no occurrence given: LookupError."""
    found = locate_all(text, needle)
    if len(found) <= (occurrence or 0):
        raise LookupError(f"not found (occurrence {occurrence or 0}): {needle[:60]!r}")
    if occurrence is None and len(found) > 1:
        raise LookupError(f"ambiguous ({len(found)} times), give an occurrence: {needle[:60]!r}")
    return found[occurrence or 0]


def _evidence(texts: dict[str, str], item) -> list[dict]:
    """("doc", "words"), ("doc", "words", n), ("doc", "words", "all") or ("doc", start, end)."""
    document = item[0]
    if document not in texts:
        raise LookupError(f"no document {document!r}")
    if len(item) == 3 and isinstance(item[1], int):
        spans = [(item[1], item[2])]
    elif len(item) == 3 and item[2] == "all":
        spans = locate_all(texts[document], item[1])
        if not spans:
            raise LookupError(f"not found in {document}: {item[1][:60]!r}")
    else:
        spans = [locate(texts[document], item[1], item[2] if len(item) > 2 else None)]
    return [{"document": document, "start": start, "end": end} for start, end in spans]


def _evidence_list(texts: dict[str, str], items) -> list[dict]:
    found = []
    for item in items:
        try:
            found += _evidence(texts, item)
        except LookupError as exc:
            raise LookupError(f"document {item[0]}: {exc}") from None
    return found


def build_cluster(cluster: dict) -> dict:
    texts = cluster_texts(cluster["source"], cluster["id"])
    claims = []
    for label, evidence in cluster.get("claims", []):
        claims.append({"label": label, "evidence": _evidence_list(texts, evidence)})
    discrepancies = [
        {
            "kind": d["kind"],
            "subject": d["subject"],
            "values": [
                {"value": v["value"], "normalized": v.get("normalized", v["value"]),
                 "evidence": _evidence_list(texts, v["evidence"])}
                for v in d["values"]
            ],
        }
        for d in cluster.get("discrepancies", [])
    ]
    return {"source": cluster["source"], "id": cluster["id"], "claims": claims,
            "discrepancies": discrepancies, "notes": cluster.get("notes", "")}


def build(spec_path: Path, split: str) -> dict:
    spec = runpy.run_path(str(spec_path))
    clusters = []
    for cluster in spec["CLUSTERS"]:
        try:
            clusters.append(build_cluster(cluster))
        except LookupError as exc:
            raise SystemExit(f"{cluster['id']}: {exc}") from None
    return {"version": 1, "split": split, "about": spec.get("ABOUT", ""), "clusters": clusters,
            "skipped": spec.get("SKIPPED", {})}


# --- validation ----------------------------------------------------------------


def problems(gold: dict, split: str | None = None) -> list[str]:
    """Everything wrong with one gold file's structure."""
    found = []
    if gold.get("version") != 1:
        found.append("version is not 1")
    if split is not None and gold.get("split") != split:
        found.append(f"split is {gold.get('split')!r}, expected {split!r}")
    seen = set()
    for cluster in gold.get("clusters", []):
        where = cluster.get("id", "?")
        if where in seen:
            found.append(f"{where}: listed twice")
        seen.add(where)
        if cluster.get("source") not in SOURCES:
            found.append(f"{where}: unknown source {cluster.get('source')!r}")
            continue
        try:
            texts = cluster_texts(cluster["source"], where)
        except (KeyError, ValueError) as exc:
            found.append(f"{where}: cannot read cluster ({exc})")
            continue

        def span_ok(e: dict, label: str) -> bool:
            text = texts.get(e.get("document"))
            if text is None:
                found.append(f"{label}: no document {e.get('document')!r}")
                return False
            if not (isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
                    and 0 <= e["start"] < e["end"] <= len(text)):
                found.append(f"{label}: span {e.get('start')}-{e.get('end')} out of range")
                return False
            if not text[e["start"]:e["end"]].strip():
                found.append(f"{label}: blank span {e['start']}-{e['end']}")
                return False
            return True

        for claim in cluster.get("claims", []):
            label = f"{where} claim {claim.get('label')!r}"
            if not claim.get("label"):
                found.append(f"{label}: no label")
            evidence = claim.get("evidence", [])
            for e in evidence:
                span_ok(e, label)
            if len({e.get("document") for e in evidence}) < 2:
                found.append(f"{label}: fewer than two documents")
        for d in cluster.get("discrepancies", []):
            label = f"{where} {d.get('kind')} {d.get('subject')!r}"
            if d.get("kind") not in KINDS:
                found.append(f"{label}: unknown kind")
            values = d.get("values", [])
            if len(values) < 2:
                found.append(f"{label}: fewer than two values")
            for v in values:
                if not v.get("evidence"):
                    found.append(f"{label}: value {v.get('value')!r} has no evidence")
                for e in v.get("evidence", []):
                    span_ok(e, label)
            for a, b in combinations(values, 2):
                docs_a = {e.get("document") for e in a.get("evidence", [])}
                docs_b = {e.get("document") for e in b.get("evidence", [])}
                if docs_a == docs_b and str(a.get("value")) == str(b.get("value")):
                    found.append(f"{label}: two values with the same value and the same documents")
    return found


def cross_problems(golds: dict[str, dict]) -> list[str]:
    """Across the split files: no cluster in two of them."""
    found = []
    for (name_a, a), (name_b, b) in combinations(golds.items(), 2):
        ids_a = {c["id"] for c in a.get("clusters", [])} | set(a.get("skipped", {}))
        ids_b = {c["id"] for c in b.get("clusters", [])} | set(b.get("skipped", {}))
        for both in sorted(ids_a & ids_b):
            found.append(f"{both}: in both {name_a} and {name_b}")
    return found


def load(split: str, path: Path | None = None) -> dict:
    return json.loads((path or GOLD[split]).read_text(encoding="utf-8"))


def show(source: str, cluster_id: str) -> None:
    if source != "duc2003":
        _show_multinews(source, cluster_id)
        return
    for document, text in cluster_texts(source, cluster_id).items():
        print(f"===== {cluster_id} / {document} ({len(text)} chars)\n{text}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show")
    s.add_argument("cluster")
    s.add_argument("--source", default="multinews", choices=SOURCES)
    b = sub.add_parser("build")
    b.add_argument("spec", type=Path)
    b.add_argument("--split", required=True, choices=tuple(GOLD))
    b.add_argument("--out", type=Path)
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.source, args.cluster)
        return 0
    if args.command == "build":
        gold = build(args.spec, args.split)
        found = problems(gold, args.split)
        if found:
            print("\n".join(found), file=sys.stderr)
            return 1
        out = args.out or GOLD[args.split]
        # Written whole then renamed: whoever reads the file meanwhile sees the old one or the new one.
        partial = out.with_suffix(".json.partial")
        partial.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        partial.replace(out)
        claims = sum(len(c["claims"]) for c in gold["clusters"])
        discrepancies = sum(len(c["discrepancies"]) for c in gold["clusters"])
        print(f"wrote {out}: {len(gold['clusters'])} clusters, {claims} claims, {discrepancies} discrepancies")
        return 0
    golds = {split: load(split) for split, path in GOLD.items() if path.exists()}
    found = [f"{split}: {p}" for split, gold in golds.items() for p in problems(gold, split)] + cross_problems(golds)
    print("\n".join(found) or f"valid: {', '.join(golds) or 'no gold files'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
