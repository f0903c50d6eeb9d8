"""Does newsweave tell reports not in English from English ones? (load/language.py)

    python benchmarks/language_check.py

English: every report of the evaluation sets (../shared/data: Multi-News
validation, DUC 2003 task 2, ECB+) and the seeds; a report flagged there is a
false alarm (it would not be briefed). Not English: the invented reports of
tests/test_language.py (ten languages in the Latin alphabet, four other
scripts), and the same texts cut to their first 25 words. The peer is the
ten-line rule: a text is not English when under a fifth of its words are
English stop words (spaCy's list).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.load.language import _WORD, not_english  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def english_reports() -> list[tuple[str, str]]:
    from clustering_quality import read_ecbplus

    reports = []
    for name in ("multinews_dev.jsonl", "duc2003_task2.jsonl"):
        with open(DATA / name, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    cluster = json.loads(line)
                    reports += [(f"{name}:{cluster['id']}:{d['id']}", d["text"]) for d in cluster["documents"]]
    reports += [(row["id"], row["text"]) for row in read_ecbplus(DATA / "ecbplus")]
    reports += [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
    return reports


def peer(text: str) -> bool:
    """True when the text is not English by the ten-line rule."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.lower() for w in _WORD.findall(text)]
    return bool(words) and sum(w in STOP_WORDS for w in words) < 0.2 * len(words)


def main() -> int:
    from test_language import OTHER_LANGUAGES, OTHER_SCRIPTS

    english = english_reports()
    others = [(name, text) for name, text in {**OTHER_LANGUAGES, **OTHER_SCRIPTS}.items()]
    short = [(f"{name}, 25 words", " ".join(text.split()[:25])) for name, text in others]
    print("Command: `python benchmarks/language_check.py`")
    print()
    print("| reports | count | newsweave: flagged not English | peer (< 20% English stop words): flagged |")
    print("|---|---:|---:|---:|")
    start = time.perf_counter()
    flagged = [name for name, text in english if not_english(text)]
    seconds = time.perf_counter() - start
    peer_flagged = [name for name, text in english if peer(text)]
    print(f"| English (evaluation sets and seeds) | {len(english):,} | {len(flagged)} | {len(peer_flagged)} |")
    for label, rows in (("not English, invented (whole)", others), ("not English, first 25 words", short)):
        print(f"| {label} | {len(rows)} | {sum(bool(not_english(t)) for _, t in rows)} | {sum(peer(t) for _, t in rows)} |")
    print()
    print(f"newsweave's check: {1000 * seconds / len(english):.2f} ms a report on average; false alarms: "
          f"{', '.join(flagged) or 'none'}; the peer's: {', '.join(peer_flagged[:8]) or 'none'}"
          f"{' …' if len(peer_flagged) > 8 else ''}")
    missed = [name for name, text in short if not not_english(text)]
    print(f"not told from 25 words: {', '.join(missed) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
