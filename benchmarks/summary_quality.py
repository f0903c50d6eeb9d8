"""Summary quality: ROUGE of newsweave and four peers on Multi-News and DUC 2003.

    python benchmarks/summary_quality.py                      # everything
    python benchmarks/summary_quality.py --limit 5            # quick look
    python benchmarks/summary_quality.py --sets duc --systems newsweave,lead

Every system's summary is cut to the set's word budget (whitespace words)
before scoring with Google's rouge-score (Porter stemming).

- Multi-News: 300 words, ROUGE-1/2/L F1 against the one reference.
- DUC 2003 task 2: 100 words, ROUGE-1/2/L recall, averaged over the four
  references (the DUC convention).

Peers:
- lead: the first sentence of each report in turn (round-robin), then the
  second sentences, and so on until the budget.
- lexrank, textrank: sumy over all reports concatenated, English Snowball
  stemmer and stop words, sentences taken in rank order until the budget.
  NLTK's punkt data is not available here, so sumy gets `RegexTokenizer`
  below (the peers' `lead` uses the same splitter).
- lede: `lede.summarize(text, max_length)` over all reports concatenated.
  `max_length` is a budget in characters, not words: lede takes its
  highest-scoring sentences that fit in that many characters and returns them
  in text order. We pass the word budget times the cluster's mean characters
  per word (space included), then cut to the word budget like everyone else.

The data sets live outside the repo (`<repo>/../shared/data`) and are never
copied into it.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
# Benchmark the working tree, whether or not the package is installed.
sys.path.insert(0, str(REPO / "src"))


@dataclass(frozen=True)
class EvalSet:
    name: str
    filename: str
    words: int
    measure: str  # "fmeasure" or "recall"


SETS = {
    "multinews": EvalSet("multinews", "multinews_dev.jsonl", 300, "fmeasure"),
    "duc": EvalSet("duc", "duc2003_task2.jsonl", 100, "recall"),
}
SYSTEMS = ["newsweave", "lead", "lexrank", "textrank", "lede"]
METRICS = ["rouge1", "rouge2", "rougeL"]


# --- text helpers ----------------------------------------------------------

# A sentence ends at . ! or ? (possibly followed by closing quotes or
# brackets), then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'`\u201c\u2018(\[]*[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep",
    "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "rev", "mt", "ft",
    "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "aug",
    "sept", "sep", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "d.c",
}
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def split_sentences(text: str) -> list[str]:
    """Regex sentence splitter: line breaks, then end punctuation.

    A period after a known abbreviation ("Mr.", "U.S.") or a single capital
    initial ("John F. Kennedy") does not end a sentence.
    """
    sentences = []
    for line in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(line):
            before = line[start : match.start() + 1].split()
            last = before[-1].rstrip(".").lower() if before else ""
            if line[match.start()] == "." and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
                continue
            sentences.append(line[start : match.end()].strip())
            start = match.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


class RegexTokenizer:
    """The tokenizer interface sumy needs, without NLTK data."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def fill(sentences, words: int) -> str:
    """Take sentences in the given order until the word budget is reached."""
    taken, count, seen = [], 0, set()
    for sentence in sentences:
        if count >= words:
            break
        if sentence in seen:
            continue
        seen.add(sentence)
        taken.append(sentence)
        count += len(sentence.split())
    return " ".join(taken)


# --- systems: (documents, words) -> summary text ---------------------------


def run_newsweave(documents: list[dict], words: int) -> str:
    import newsweave
    from newsweave import Document, Settings

    docs = [Document(id=doc["id"], text=doc["text"]) for doc in documents]
    result = newsweave.brief(docs, settings=Settings(words=words))
    return " ".join(item.text for item in result.summary)


def run_lead(documents: list[dict], words: int) -> str:
    per_doc = [split_sentences(doc["text"]) for doc in documents]
    rounds = max((len(s) for s in per_doc), default=0)
    return fill((s[i] for i in range(rounds) for s in per_doc if i < len(s)), words)


def _sumy_ranked(summarizer_class, documents: list[dict]) -> list[str]:
    """All sentences of the concatenated reports, best-ranked first."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.utils import get_stop_words

    text = "\n\n".join(doc["text"] for doc in documents)
    parsed = PlaintextParser.from_string(text, RegexTokenizer()).document
    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ranked = []

    def keep_all(infos):  # sumy hands this the sentences sorted by rating
        ranked.extend(info.sentence for info in infos)
        return infos

    summarizer(parsed, keep_all)
    return [str(sentence) for sentence in ranked]


def run_lexrank(documents: list[dict], words: int) -> str:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    return fill(_sumy_ranked(LexRankSummarizer, documents), words)


def run_textrank(documents: list[dict], words: int) -> str:
    from sumy.summarizers.text_rank import TextRankSummarizer

    return fill(_sumy_ranked(TextRankSummarizer, documents), words)


def run_lede(documents: list[dict], words: int) -> str:
    import lede

    text = "\n\n".join(doc["text"] for doc in documents)
    chars_per_word = len(text) / max(1, len(text.split()))
    return lede.summarize(text, max_length=round(words * chars_per_word)).summary


RUNNERS = {
    "newsweave": run_newsweave,
    "lead": run_lead,
    "lexrank": run_lexrank,
    "textrank": run_textrank,
    "lede": run_lede,
}


# --- evaluation ------------------------------------------------------------


def load_clusters(path: Path, limit: int | None = None, skip: int = 0) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        clusters = [json.loads(line) for line in handle if line.strip()][skip:]
    return clusters[:limit] if limit else clusters


def score(scorer, summary: str, references: list[str], measure: str) -> dict[str, float]:
    """ROUGE of one summary, averaged over the references."""
    per_ref = [scorer.score(reference, summary) for reference in references]
    return {m: statistics.mean(getattr(s[m], measure) for s in per_ref) for m in METRICS}


def evaluate(system: str, clusters: list[dict], eval_set: EvalSet, scorer) -> dict:
    run = RUNNERS[system]
    scores, lengths, failures, seconds = [], [], 0, 0.0
    for cluster in clusters:
        start = time.perf_counter()
        try:
            summary = run(cluster["documents"], eval_set.words)
        except Exception as error:  # a crash scores zero and is counted, not hidden
            failures += 1
            print(f"{system} failed on {cluster['id']}: {error!r}", file=sys.stderr)
            summary = ""
        seconds += time.perf_counter() - start
        summary = cut(summary, eval_set.words)
        lengths.append(len(summary.split()))
        scores.append(score(scorer, summary, cluster["summaries"], eval_set.measure))
    row = {m: 100 * statistics.mean(s[m] for s in scores) for m in METRICS}
    row.update(system=system, words=statistics.mean(lengths), failures=failures, seconds=seconds)
    return row


def markdown_table(eval_set: EvalSet, n_clusters: int, rows: list[dict]) -> str:
    kind = "F1" if eval_set.measure == "fmeasure" else "recall (mean over references)"
    lines = [
        f"**{eval_set.name}** ({n_clusters} clusters, {eval_set.words} words, ROUGE {kind})",
        "",
        "| system | R-1 | R-2 | R-L | words | failed | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['system']} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeL']:.2f} "
            f"| {r['words']:.0f} | {r['failures']} | {r['seconds']:.1f} |"
        )
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the JSONL sets")
    parser.add_argument("--limit", type=int, help="first N clusters of each set")
    parser.add_argument(
        "--skip", type=int, default=0,
        help="leave out the first N clusters of each set (newsweave's weights were tuned on Multi-News 0-59)",
    )
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ",".join(SYSTEMS))
    parser.add_argument("--markdown", type=Path, help="append the tables and the command to this file")
    args = parser.parse_args(argv)
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for name in args.sets:
        if name not in SETS:
            parser.error(f"unknown set {name!r}")
    for name in args.systems:
        if name not in RUNNERS:
            parser.error(f"unknown system {name!r}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
    command = shlex.join(["python", *sys.argv]) if argv is None else shlex.join(["python", __file__, *argv])
    print(f"Command: `{command}`\n")
    tables = []
    for name in args.sets:
        eval_set = SETS[name]
        clusters = load_clusters(args.data / eval_set.filename, args.limit, args.skip)
        rows = [evaluate(system, clusters, eval_set, scorer) for system in args.systems]
        tables.append(markdown_table(eval_set, len(clusters), rows))
        print(tables[-1] + "\n", flush=True)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as handle:
            handle.write(f"Command: `{command}`\n\n" + "\n\n".join(tables) + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
