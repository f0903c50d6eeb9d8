"""Duplicate detection and story clustering at scale: throughput, memory, flatness.

    python benchmarks/ingest_scale.py                          # 10k and 100k in memory, 10k in SQLite, spaCy
    python benchmarks/ingest_scale.py --sizes 1000000 --paths memory
    python benchmarks/ingest_scale.py --sizes 2000 --paths sqlite,memory --spacy-sample 100   # a quick look
    python benchmarks/ingest_scale.py --sizes 20000 --paths store,postgres --sqlite-max 20000 --spacy-sample 0 \
        --postgres postgresql://me@localhost/empty                 # the store on SQLite and on PostgreSQL

The stream. Synthetic but made of real sentences: every synthetic story takes
one source cluster of ../shared/data (Multi-News dev and DUC 2003), and each
of its articles is 6–20 sentences drawn from that cluster's reports, kept in
their original order, so the text is real news prose and a story's articles
share content the way reports of one event do. Stories start at random
(about one new story per 8 articles, sizes 1–30) and interleave; the clock
advances 2,000 articles a day, and articles arrive in time order. Since there
are only 276 source clusters, many synthetic stories reuse one, and those
close in time are rightly merged: the stream has fewer real stories than
synthetic ones, so the story count is reported, not scored.

Each size runs in its own process (peak memory is the process's maximum
resident size, generator included). The paths:

- memory: `Deduplicator(MemoryDedupState(capacity=50_000))` then
  `Clusterer(MemoryState(forget_after_days=90))`: the same code as the
  corpus, with dictionaries for state;
- store: the corpus store itself (`open_store(...).add_article`): the
  article row, its FTS5 index, duplicate check and story, one transaction
  per article in a real SQLite file in WAL mode;
- sqlite: the deduplicator and clusterer on the store's tables (corpus/tables.py) alone on a real
  SQLite file, one transaction per article (no article rows, no FTS);
- postgres: the corpus store on PostgreSQL (`open_store(URL)`, corpus/postgres.py):
  the same work as `store`, with the tsvector index, in the empty database
  `--postgres` names (create one with `createdb`), one transaction per article.

`--grouped`: the store and postgres paths commit as `newsweave ingest` does
for a local file (`store.batch()`: a savepoint per article, a commit per 200
articles or per second) instead of one transaction per article.

`--db FILE`: the store path writes this SQLite file, not a temporary one; run
again on a file a stopped run left, it goes on from the article after the last
one stored (the stream is the same for the same --seed and --sizes), so a
million articles can be ingested over several sittings. The tenths it prints
keep the stream's numbering.

`--workers N`: the store and postgres paths prepare each article (MinHash
signature, clustering features: corpus/prepared.py) in N worker processes, as
`newsweave ingest --workers N` does, while this process stores them in order.

Every run prints the code it ran (`git describe`, "+changes" when the tree
differs from the commit): runs of different code are not comparable. (The
two backends' million-article runs of 2026-12-04 marked 481,059 and 480,592
copies because the SQLite run had started before a change to the wire-credit
reader, not because the backends differ.) A `--db` run resumed with other code
says so and shows both versions; the file's versions are kept beside it, in
FILE.code.

Time per article is shown for each tenth of the stream: it must stay flat.
spaCy's `nlp.pipe` (the pipeline's model, newsweave.annotate.model.load_model)
runs on a sample of the same articles for the ratio of throughputs.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
ARTICLES_PER_DAY = 2000
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“‘']?[A-Z0-9])")


def code_version() -> str:
    """The commit this runs, with "+changes" when the working tree differs from it ("unknown" outside git)."""
    try:
        found = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty=+changes"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else "unknown"


def versions_of(db: str, resumed: bool, code: str) -> list[str]:
    """The code versions that wrote the SQLite file `db`, this run's last, kept in `db`.code: a run resumed
    with other code says so (its corpus mixes two versions' decisions)."""
    record = Path(db + ".code")
    known = record.read_text(encoding="utf-8").split() if resumed and record.exists() else []
    if known and known[-1] != code:
        print(f"ingest_scale: {db} was written by {', '.join(known)}; this run is {code}: "
              "the corpus will mix their decisions", file=sys.stderr, flush=True)
    versions = known if known and known[-1] == code else [*known, code]
    record.write_text("\n".join(versions) + "\n", encoding="utf-8")
    return versions


def sentence_pools(data: Path) -> list[list[str]]:
    pools = []
    for name in ("multinews_dev.jsonl", "duc2003_task2.jsonl"):
        with (data / name).open(encoding="utf-8") as lines:
            for line in lines:
                cluster = json.loads(line)
                sentences = [
                    s.strip()
                    for document in cluster["documents"]
                    for s in _SENTENCE.split(document["text"])
                    if 6 <= len(s.split()) <= 80
                ]
                if len(sentences) >= 10:
                    pools.append(sentences)
    return pools


def stream(pools: list[list[str]], count: int, seed: int):
    """(article id, title, text, published day) in time order, with flat memory."""
    rng = random.Random(seed)
    active: list[list] = []  # [pool, articles left]
    for index in range(count):
        if not active or (rng.random() < 1 / 8 and len(active) < 4000):
            active.append([rng.choice(pools), min(30, max(1, int(rng.expovariate(1 / 8))))])
        slot = rng.randrange(len(active))
        pool, left = active[slot]
        size = rng.randint(6, min(20, len(pool)))
        picks = sorted(rng.sample(range(len(pool)), size))
        text = " ".join(pool[i] for i in picks)
        if left <= 1:
            active[slot] = active[-1]
            active.pop()
        else:
            active[slot][1] = left - 1
        yield index, pool[picks[0]][:90], text, 18000.0 + index / ARTICLES_PER_DAY


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stream_position(pools: list[list[str]], size: int, seed: int, stored: int, last_text: str) -> int:
    """Where a stopped run of this stream stands: the index after the article the file stored last.
    (The store keeps one copy of a text given twice, so the file's count is of distinct texts.)"""
    seen: set[int] = set()
    for index, _title, text, _day in stream(pools, size, seed):
        seen.add(hash(text))
        if len(seen) == stored and text == last_text:
            return index + 1
    raise SystemExit(f"ingest_scale: the file's {stored:,} articles are not this stream's (--seed, --sizes)")


def run_path(path: str, size: int, data: Path, seed: int, postgres: str | None = None, grouped: bool = False,
             workers: int = 1, db: str | None = None) -> dict:
    from newsweave.corpus import cluster, dedup, signatures

    pools = sentence_pools(data)
    # Load the lazy parts (stop words, MinHash permutations, wire bylines) before the clock starts.
    signatures.stop_words()
    dedup.signature("Warm up (Reuters) the index.")
    slices, copies, marks = [], 0, []
    if path == "memory":
        finder = dedup.Deduplicator(dedup.MemoryDedupState(capacity=50_000))
        clusterer = cluster.Clusterer(cluster.MemoryState(forget_after_days=90))

        def add(article_id, title, text, day):
            copy = finder.find(article_id, text, title)[0]
            return copy, clusterer.assign(article_id, title, text, day).story
    elif path in ("store", "postgres"):
        from datetime import datetime, timezone

        from newsweave.corpus import Article, open_store

        if path == "postgres":
            if not postgres:
                raise SystemExit("the postgres path needs --postgres URL of an empty database")
            store = open_store(postgres)
            if store.count_articles():
                raise SystemExit(f"{store.path}: not empty; give the postgres path an empty database")

            def stored_row(article_id):
                row = store._rows("SELECT copy_of, story_id FROM articles WHERE id = %s", (article_id,))[0]
                return row["copy_of"], row["story_id"]
        else:
            folder = os.path.dirname(os.path.abspath(db)) if db else tempfile.mkdtemp(prefix="newsweave-scale-")
            store = open_store(db or os.path.join(folder, "corpus.db"))

            def stored_row(article_id):
                return tuple(store.conn.execute("SELECT copy_of, story_id FROM articles WHERE id = ?", (article_id,)).fetchone())

        def add(article_id, title, text, day):
            stored = store.add_article(text)  # an Article, prepared by the engine when there are workers
            if stored is None:  # the same text again: the store keeps one
                return None, None
            return stored_row(stored)

        def articles(items):
            for article_id, title, text, day in items:
                published = datetime.fromtimestamp(day * 86400, timezone.utc).isoformat(timespec="seconds")
                yield article_id, title, Article(text=text, title=title, outlet=f"outlet{article_id % 50}",
                                                 published=published), day

        def prepared(items):
            if workers == 1:
                yield from articles(items)
                return
            from newsweave.corpus.ingest import PrepareArticles
            from newsweave.engine.local import LocalEngine

            engine = LocalEngine(workers=workers)
            waiting: collections.deque = collections.deque()  # (id, title, day) of the articles in flight, in order

            def sent():
                for article_id, title, article, day in articles(items):
                    waiting.append((article_id, title, day))
                    yield article

            try:
                for article in engine.map(PrepareArticles(), sent()):
                    article_id, title, day = waiting.popleft()
                    yield article_id, title, article, day
            finally:
                engine.close()
    else:
        import sqlite3

        from newsweave.corpus import open_store
        from newsweave.corpus.tables import Duplicates, Stories

        folder = tempfile.mkdtemp(prefix="newsweave-scale-")
        open_store(os.path.join(folder, "corpus.db")).close()  # the tables, from the store's migrations
        conn = sqlite3.connect(os.path.join(folder, "corpus.db"), isolation_level=None)
        conn.execute("PRAGMA synchronous = NORMAL")

        def add(article_id, title, text, day):
            conn.execute("BEGIN")
            copy = dedup.Deduplicator(Duplicates(conn)).find(article_id, text, title)[0]
            story = cluster.Clusterer(Stories(conn)).assign(article_id, title, text, day).story
            conn.execute("COMMIT")
            return copy, story

    code = [code_version()]
    stories = set()
    step = max(1, size // 10)
    items = stream(pools, size, seed)
    resumed = 0
    if db and store.count_articles():  # a run stopped before: go on from the article after the last stored
        last = store.conn.execute("SELECT text FROM articles ORDER BY id DESC LIMIT 1").fetchone()[0]
        resumed = stream_position(pools, size, seed, store.count_articles(), last)
        print(f"{path} {size:,}: resuming after article {resumed:,} of the stream", file=sys.stderr, flush=True)
        items = itertools.islice(items, resumed, None)
    if db and path == "store":
        code = versions_of(db, resumed > 0, code[0])
    if path in ("store", "postgres"):
        items = prepared(items)
    started = last = time.perf_counter()
    since = resumed  # the stream's articles before this tenth (a resumed run's first tenth is a part of one)
    with store.batch() if grouped and path in ("store", "postgres") else contextlib.nullcontext():
        for article_id, title, text, day in items:
            copy, story = add(article_id, title, text, day)
            copies += copy is not None
            if story is not None:
                stories.add(story)
            if (article_id + 1) % step == 0:
                now = time.perf_counter()
                slices.append((now - last) / (article_id + 1 - since) * 1000)
                last, since = now, article_id + 1
                # as it happens: a run of hours shows its shape even if it is stopped before the end
                print(f"{path} {size:,}: {article_id + 1:,} articles, {now - started:,.0f} s, "
                      f"{slices[-1]:.2f} ms per article in this tenth", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    size -= resumed  # the rate and the tenths are of this run's part of the stream
    result = {
        "path": path + (" grouped" if grouped and path in ("store", "postgres") else "")
        + (f", {workers} workers" if workers > 1 and path in ("store", "postgres") else ""),
        "size": size, "seconds": elapsed, "rate": size / elapsed, "peak_mb": peak_mb(),
        "stories": len(stories), "copies": copies, "slices_ms": slices, "code": ", ".join(code),
    }
    if path == "postgres":
        result["db_mb"] = store._rows("SELECT pg_database_size(current_database()) AS size")[0]["size"] / 2**20
        store.close()
    elif path != "memory":
        name = os.path.basename(db) if db else "corpus.db"  # with its -wal and -shm files
        result["db_mb"] = sum(f.stat().st_size for f in Path(folder).iterdir() if f.name.startswith(name)) / 2**20
    return result


def run_spacy(sample: int, data: Path, seed: int) -> dict:
    from newsweave import Settings
    from newsweave.annotate.model import load_model

    nlp = load_model(Settings())
    texts = [text for _, _, text, _ in stream(sentence_pools(data), sample, seed)]
    list(nlp.pipe(texts[:10]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    elapsed = time.perf_counter() - started
    return {"path": "spacy", "size": sample, "seconds": elapsed, "rate": sample / elapsed, "peak_mb": peak_mb()}


def in_subprocess(args: list[str]) -> dict:
    output = subprocess.run([sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True).stdout  # progress: stderr
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--paths", default="memory,store")
    parser.add_argument("--sqlite-max", type=int, default=10000, help="largest size run on the SQLite paths")
    parser.add_argument("--spacy-sample", type=int, default=500, help="articles for the nlp.pipe throughput (0: skip)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--postgres", metavar="URL", help="the postgres path's database: an empty one (postgresql://user@host/db)")
    parser.add_argument("--grouped", action="store_true",
                        help="store/postgres: commit in groups as `ingest` does for a local file (store.batch())")
    parser.add_argument("--workers", type=int, default=1,
                        help="store/postgres: prepare articles in N worker processes, as `ingest --workers N`")
    parser.add_argument("--db", metavar="FILE",
                        help="store path: this SQLite file instead of a temporary one; if it holds a stopped run of "
                             "the same stream, go on from where it stopped (a million articles over several sittings)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # "path:size", run in this process
    args = parser.parse_args(argv)

    if args.one:
        path, size = args.one.split(":")
        result = (run_spacy(int(size), args.data, args.seed) if path == "spacy"
                  else run_path(path, int(size), args.data, args.seed, args.postgres, args.grouped, args.workers, args.db))
        print(json.dumps(result))
        return 0

    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        for path in args.paths.split(","):
            if path != "memory" and size > args.sqlite_max:
                continue
            print(f"running {path} {size:,} ...", file=sys.stderr, flush=True)
            extra = (["--postgres", args.postgres] if args.postgres else []) + (["--grouped"] if args.grouped else []) \
                + ["--workers", str(args.workers)] + (["--db", args.db] if args.db else [])
            results.append(in_subprocess(["--one", f"{path}:{size}", "--data", str(args.data), "--seed", str(args.seed), *extra]))
    spacy = None
    if args.spacy_sample:
        print(f"running spaCy nlp.pipe on {args.spacy_sample} articles ...", file=sys.stderr, flush=True)
        spacy = in_subprocess(["--one", f"spacy:{args.spacy_sample}", "--data", str(args.data), "--seed", str(args.seed)])

    versions = sorted({r.get("code", "unknown") for r in results})
    if versions:
        print(f"Code: {'; '.join(versions)}" + (" (the rows ran different code)" if len(versions) > 1 else "") + "\n")
    print("| path | articles | articles/s | peak MB | stories | copies marked | × spaCy nlp.pipe |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        ratio = f"{r['rate'] / spacy['rate']:.1f}" if spacy else "–"
        print(f"| {r['path']} | {r['size']:,} | {r['rate']:,.0f} | {r['peak_mb']:,.0f} | {r['stories']:,} | {r['copies']:,} | {ratio} |")
    if spacy:
        print(f"| spaCy nlp.pipe ({Path(sys.executable).name}, batch 32) | {spacy['size']:,} | {spacy['rate']:,.1f} | {spacy['peak_mb']:,.0f} | | | 1.0 |")
    print("\nMilliseconds per article in each tenth of the stream:\n")
    print("| path | articles | " + " | ".join(f"{10 * i}–{10 * (i + 1)}%" for i in range(10)) + " |")
    print("|---|---:|" + "---:|" * 10)
    for r in results:
        print(f"| {r['path']} | {r['size']:,} | " + " | ".join(f"{ms:.2f}" for ms in r["slices_ms"]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
