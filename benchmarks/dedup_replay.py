"""The duplicate check alone, replayed over ingest_scale.py's stream: the copies a store marks, in minutes.

A store marks an article a copy (corpus/dedup.py) from its text and the texts
stored before it, whatever the backend or the stories. This replays the same
stream through `Deduplicator` with an index in memory that reads buckets the
way the stores' statements do (every article kept, the first MAX_BUCKET of a
bucket by id), skipping texts stored already, so it prints the copies a
store would mark at every 100,000 articles: a million in about ten minutes
instead of hours. `--wire-credit-from COMMIT` reads wire bylines with that
commit's crosscheck/attribution.py, to tell whether a difference between two
runs is the code's.

    python3 benchmarks/dedup_replay.py --size 1000000
    python3 benchmarks/dedup_replay.py --size 1000000 --wire-credit-from d0ee947~

It found why the two backends' million-article runs of 2026-12-04 marked
481,059 and 480,592 copies: the replay gives 480,592 with today's wire-credit
reader and 481,059 with the one before d0ee947 (photo credits are not a
report's credit), which the SQLite run had started with.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest_scale  # noqa: E402

from newsweave.corpus import dedup  # noqa: E402
from newsweave.corpus.store import content_hash  # noqa: E402


class ReplayState(dedup.MemoryDedupState):
    """`dedup.DedupState` in memory, reading buckets as the stores do (`ORDER BY article_id LIMIT MAX_BUCKET`),
    every article kept. A bucket of one article is held as the bare id, and an article's buckets are not kept
    (nothing is forgotten): most buckets hold one article, and a million articles fill forty million."""

    def __init__(self):
        super().__init__()
        self.buckets: dict[int, int | list[int]] = {}  # type: ignore[assignment]

    def candidates(self, buckets):
        found: Counter = Counter()
        for bucket in buckets:
            members = self.buckets.get(bucket)
            if members is not None:
                found.update((members,) if isinstance(members, int) else members[: dedup.MAX_BUCKET])
        return found

    def add(self, article_id, sig, buckets, duplicate_of, reason):
        self.articles[article_id] = (sig, [], duplicate_of, reason)
        for bucket in buckets:
            members = self.buckets.get(bucket)
            if members is None:
                self.buckets[bucket] = article_id
            elif isinstance(members, int):
                self.buckets[bucket] = [members, article_id]
            else:
                members.append(article_id)


def wire_credit_of(commit: str):
    """`wire_credit` as crosscheck/attribution.py had it at `commit`."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:src/newsweave/crosscheck/attribution.py"],
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp(prefix="newsweave-replay-")) / "attribution_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("newsweave.crosscheck.attribution_then", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.wire_credit


def replay(size: int, data: Path, seed: int = 5, wire_credit=None, every: int = 100_000):
    """Yield (stream articles read, articles stored, copies marked) every `every` articles and at the end."""
    finder = dedup.Deduplicator(ReplayState())
    seen: set[str] = set()
    stored = copies = 0
    read = 0
    for read, (_, title, text, _) in enumerate(ingest_scale.stream(ingest_scale.sentence_pools(data), size, seed), start=1):
        digest = content_hash(text)
        if digest not in seen:  # the same text again: the store keeps one
            seen.add(digest)
            stored += 1  # a store's next id is the largest plus one
            sig = dedup.signature(text, title)
            if wire_credit is not None:
                sig = dedup.Signature(sig.hashes, sig.shingles, wire_credit(text))
            copies += finder.find(stored, text, title, sig)[0] is not None
        if read % every == 0 and read != size:
            yield read, stored, copies
    yield read, stored, copies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--data", type=Path, default=ingest_scale.DEFAULT_DATA)
    parser.add_argument("--wire-credit-from", metavar="COMMIT", help="read wire bylines as this commit's code did")
    args = parser.parse_args(argv)
    wire_credit = wire_credit_of(args.wire_credit_from) if args.wire_credit_from else None
    code = ingest_scale.code_version() + (f", wire credit of {args.wire_credit_from}" if args.wire_credit_from else "")
    print(f"Code: {code}\n\n| stream articles | stored | copies marked | seconds |\n|---:|---:|---:|---:|")
    started = time.perf_counter()
    for read, stored, copies in replay(args.size, args.data, args.seed, wire_credit):
        print(f"| {read:,} | {stored:,} | {copies:,} | {time.perf_counter() - started:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
