"""Does newsweave tell which outlet a report credits, as independent origins need?

"Three outlets repeating one newspaper's scoop are one origin, not three": the count of independent
origins rests on reading, sentence by sentence, which other outlet a report credits ("the Wall
Street Journal reported", "a source told the Birmingham Mail", "according to CNN"). This measure
scores that reading against a hand-made gold set, tests/data/origins_gold.json: in the clusters of
the claims gold set (`claims_quality.py`), split the same way by story (tune / heldout), and in the
first 30 clusters of the second tuning set of disagreements (tune2, annotated later the same way), every
place a report credits a news outlet (a newspaper, agency, broadcaster, magazine or news site) for
what it says, as the offsets of the outlet's name as written and the outlet a careful reader
understands ("the Journal" in a story on the Wall Street Journal's report is the Wall Street
Journal). A report's own dateline or byline ("(AP) -") is not a credit: it names who wrote the
report. Nor is an outlet that is only the subject of the news, or a person's employer ("CNN's
anchor was fired"), or a place a statement was given that says nothing of the content ("told
reporters").

A sentence also credits an outlet when its speaker is one an earlier sentence presents as speaking
to that outlet ("Silva said he was a passenger ..." after "... David Silva told The Times"; "the
official said" after "A U.S. official told the Journal"): such credits are marked `implicit` and
scored apart. A sentence that merely lies between credited ones, with no speaker, is not marked.

How the gold was made (2026-12-05, before any change to newsweave was tried on it): every sentence
of the reports that a broad pattern found (a word of the news trade or an outlet's name, with a
reporting word), pooled with the sentences newsweave and the peer credit, was read without any
system's answer shown, and every outlet the sentence credits was marked; then two wider patterns
("told X", "X reported", "according to X", lower-case trade words such as "television reported",
"quoted him as saying") were read for credits the first missed (17: 13 in the tune part, 4 held
out), and the three sentences after
each credit that hold a reporting verb were read for implicit credits.

Each gold credit keeps the offsets of the outlet's name as written and of its sentence (a pattern's
split of the paragraph), and the outlet's name; no other text of the data sets. Scores, per system:
a gold credit is found when the system credits an outlet of the same name (see `same_outlet`) with
words inside that sentence; precision is the share of the system's credits that lie in a sentence the
gold credits to that outlet. Systems:

- newsweave: `story.attributions` of kind "outlet" (its origins, inferred ones included).
- peer (regex): what a journalist's grep finds: "according to X", "X reported", "told X",
  "X said in a report", "in an interview with X", "X's report", where X is a run of capitalised
  words holding a word of the news trade (Times, Post, News, Journal, CNN, BBC, Reuters ...).

    python3 benchmarks/origins_quality.py --split tune            # the part rules may be tuned on
    python3 benchmarks/origins_quality.py --split tune --verbose  # its misses and false credits
    python3 benchmarks/origins_quality.py --split tune2 --verbose # a second tuning part
    python3 benchmarks/origins_quality.py --split heldout         # totals only
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_gold_tool import cluster_texts  # noqa: E402
from crosscheck_gold_tool import wire_date  # noqa: E402

ORIGINS_GOLD = ROOT / "tests" / "data" / "origins_gold.json"
SYSTEMS = ("newsweave", "peer")

# Words of the news trade and the commonest outlets' names, for the peer (and the gold's candidates).
MEDIA_WORDS = (
    "Times|Post|Journal|News|Press|Reuters|AP|CNN|BBC|NBC|ABC|CBS|Fox|NPR|PBS|MSNBC|CNBC|ESPN|Guardian|Telegraph|"
    "Mail|Mirror|Sun|Herald|Tribune|Gazette|Daily|Magazine|Radio|TV|Television|Agency|Bloomberg|AFP|Politico|"
    "Axios|Vox|Slate|Wired|Verge|TMZ|Variety|Reporter|Deadline|Globe|Chronicle|Observer|Independent|Economist|"
    "Atlantic|Newsweek|Time|Forbes|Insider|BuzzFeed|HuffPost|Huffington|Yahoo|Xinhua|Interfax|TASS|Kyodo|Yonhap|"
    "Jazeera|Sky|ITV|Channel|Examiner|Star|Inquirer|Register|Bulletin|Courier|Enquirer|Standard|Express|Dispatch|"
    "Review|Today|Wire|Weekly|People|Spiegel|Monde|Figaro|Haaretz|Asahi|Nikkei|Yomiuri|Ahram|Newser|Agence|"
    "Kommersant|Billboard|Vogue|Esquire|Fortune|Quartz|Breitbart|Beast|Gawker|Deadspin|Mediaite|Radar|"
    r"[KW][A-Z]{2,3}(?:-TV|-FM|-AM)?|[A-Z][A-Za-z]+\.com"
)
_MEDIA = re.compile(rf"\b(?:{MEDIA_WORDS})\b")
_NAME = r"((?:[Tt]he\s+)?(?:[A-Z][\w.&'’-]*|of|de|the|and)(?:\s+(?:[A-Z][\w.&'’-]*|of|de|the|and))*(?:\s+[A-Z][\w.&'’-]*)?(?:\s+\d+\b)?)"
_PEER_PATTERNS = [re.compile(p) for p in (
    rf"\baccording\s+to\s+{_NAME}",
    rf"{_NAME}\s+(?:first\s+)?(?:reported|reports|has\s+reported|had\s+reported|said\s+in\s+a\s+report)\b",
    rf"\b(?:told|tells)\s+{_NAME}",
    rf"\bin\s+an\s+interview\s+with\s+{_NAME}",
    rf"{_NAME}['’]s?\s+(?:report|story|article|investigation)\b",
    rf"\b(?:reported|first\s+reported)\s+by\s+{_NAME}",
)]


def peer_credits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, outlet) of each credit the regex peer finds."""
    found = []
    for pattern in _PEER_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1)
            if not _MEDIA.search(name):
                continue
            start = match.start(1) + (len(name) - len(name.lstrip()))
            name = re.sub(r"^[Tt]he\s+", "", name.strip())
            found.append((start, start + len(match.group(1).strip()), name))
    return sorted(set(found))


def newsweave_credits(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per report, (start, end, outlet) of each outlet credit newsweave reads."""
    import newsweave
    from newsweave.story import Document

    documents = [Document(id=d, text=t, published=(day := wire_date(d)) and day.isoformat()) for d, t in texts.items()]
    story = newsweave.brief(documents).story
    found: dict[str, list[tuple[int, int, str]]] = {d: [] for d in texts}
    for attribution in story.attributions:
        if attribution.kind != "outlet" or not attribution.origin:
            continue
        for evidence in attribution.evidence:
            found[evidence.document].append((evidence.start, evidence.end, attribution.origin))
    return found


_THE = re.compile(r"^(?:the)\s+")


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _THE.sub("", name.lower().replace("’", "'").replace("'s", "")))


def same_outlet(a: str, b: str) -> bool:
    """One outlet named two ways: the same words, or one name's words all in the other's, in order
    ("Journal" / "Wall Street Journal", "Mirror" / "The Mirror")."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return False
    short, long = sorted((words_a, words_b), key=len)
    it = iter(long)
    return all(word in it for word in short)


def load_gold(path: Path = ORIGINS_GOLD) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def score(credits: dict[str, list[tuple[int, int, str]]], gold: list[dict]) -> dict:
    """Gold credits found, and the system's credits that are right: words inside a sentence the gold
    credits to an outlet of the same name (two phrases of one sentence crediting it, "a source tells TMZ
    ... cops believe", are both right, and find it once)."""

    def right(document: str, credit: tuple[int, int, str], item: dict) -> bool:
        return (item["document"] == document and credit[0] < item["sentence_end"] and item["sentence_start"] < credit[1]
                and same_outlet(credit[2], item["outlet"]))

    missed = [item for item in gold if not any(right(item["document"], c, item) for c in credits.get(item["document"], []))]
    false = [(d, *c) for d, cs in credits.items() for c in cs if not any(right(d, c, item) for item in gold)]
    predicted = sum(len(cs) for cs in credits.values())
    implicit = [item for item in gold if item.get("implicit")]
    return {"gold": len(gold), "found": len(gold) - len(missed), "predicted": predicted, "correct": predicted - len(false),
            "implicit": len(implicit), "implicit_found": sum(1 for item in implicit if item not in missed),
            "missed": missed, "false": false}


def run(split: str, systems: list[str], verbose: bool) -> dict[str, dict]:
    gold = load_gold()
    clusters = [c for c in gold["clusters"] if c["split"] == split]
    totals = {s: {"gold": 0, "found": 0, "predicted": 0, "correct": 0, "implicit": 0, "implicit_found": 0} for s in systems}
    for cluster in clusters:
        texts = cluster_texts(cluster["source"], cluster["id"])
        for system in systems:
            credits = newsweave_credits(texts) if system == "newsweave" else {d: peer_credits(t) for d, t in texts.items()}
            result = score(credits, cluster["credits"])
            for key in totals[system]:
                totals[system][key] += result[key]
            if verbose and split != "heldout" and (result["missed"] or result["false"]):
                print(f"{system} {cluster['id']}:", file=sys.stderr)
                for item in result["missed"]:
                    text = texts[item["document"]]
                    print(f"   MISSED {item['outlet']!r} @{item['document']}:{item['start']}: "
                          f"{text[max(0, item['start'] - 80): item['end'] + 40]!r}", file=sys.stderr)
                for document, start, end, name in result["false"]:
                    text = texts[document]
                    print(f"   FALSE {name!r} @{document}:{start}: {text[max(0, start - 60): end + 40]!r}", file=sys.stderr)
    return totals


def table(split: str, totals: dict[str, dict], clusters: int) -> str:
    lines = [f"**{split}** ({clusters} clusters)", "",
             "| system | gold credits | found | recall | named in the sentence: found | by its speaker: found "
             "| credits given | correct | precision |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for system, t in totals.items():
        recall = t["found"] / t["gold"] if t["gold"] else 0.0
        precision = t["correct"] / t["predicted"] if t["predicted"] else 0.0
        named, named_found = t["gold"] - t["implicit"], t["found"] - t["implicit_found"]
        lines.append(f"| {system} | {t['gold']} | {t['found']} | {recall:.2f} | {named_found} of {named} "
                     f"| {t['implicit_found']} of {t['implicit']} | {t['predicted']} | {t['correct']} | {precision:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "tune2", "heldout"), default="tune")
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--verbose", action="store_true", help="misses and false credits (tuning parts only)")
    args = parser.parse_args(argv)
    if args.verbose and args.split == "heldout":
        parser.error("--verbose lists errors of the tune split only: held-out errors are not read")
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    print("Command: python3 benchmarks/origins_quality.py " + shlex.join(argv if argv is not None else sys.argv[1:]))
    clusters = sum(1 for c in load_gold()["clusters"] if c["split"] == args.split)
    print(table(args.split, run(args.split, systems, args.verbose), clusters))
    return 0


if __name__ == "__main__":
    sys.exit(main())
