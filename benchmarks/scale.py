"""Scale-out: `summarize` and `ingest` throughput with each engine, on the same data in one run.

    python benchmarks/scale.py                          # 60 clusters, every Multi-News dev article
    python benchmarks/scale.py --clusters 120 --markdown docs/benchmarks.md
    python benchmarks/scale.py --clusters 300 --tasks summarize --engines local   # no Ray rows

The data: the first `--clusters` Multi-News validation clusters
(../shared/data/multinews_dev.jsonl) for `summarize` at 300 words, and every
article of Multi-News dev and DUC 2003 as one JSONL export for `ingest` into
a new SQLite corpus, and as a crawl for `ingest-warc` (a WARC archive of one
page per article, the text inside a site's navigation, sidebar and footer: the
pages are extracted, as a crawl's are). The engines:

- local, 1 process: the work in the calling process (today's behaviour);
- local, all cores: a pool of one worker process per CPU;
- ray, 1 and 2 workers: Ray Data actors on a local Ray instance.

Each configuration runs in a fresh process and is timed from the engine's
creation to the last result, so each pays what a command pays: Ray's start,
the workers' start and their model loads. The outputs are compared across
engines (summaries, and the corpus's articles, copy_of and stories): a
difference fails the run.

Ray's overhead per batch: after a warm-up, a no-op work mapped over 40 and
over 400 items in batches of 4, on one actor; the difference divided by the 90 extra batches is
the cost of a batch, and what is left of the small run is the start of a
dataset (actors included).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
CONFIGS = [("local", 1), ("local", 0), ("ray", 1), ("ray", 2)]


def cpu_count() -> int:
    return len(os.sched_getaffinity(0))


# --- one configuration, in its own process ------------------------------------------------

def run_summarize(engine_name: str, workers: int, clusters: Path) -> dict:
    from newsweave.batch import summarize_lines
    from newsweave.engine import make_engine
    from newsweave.settings import Settings

    settings = Settings().with_(words=300)
    lines = clusters.read_text(encoding="utf-8").splitlines()
    start = time.perf_counter()
    with make_engine(engine_name, workers=workers) as engine:
        results = list(summarize_lines(lines, settings, engine))
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(json.dumps(results, sort_keys=True).encode()).hexdigest()
    return {"items": len(results), "seconds": seconds, "digest": digest, "errors": sum("error" in r for r in results)}


def run_ingest(engine_name: str, workers: int, export: Path) -> dict:
    from newsweave.corpus import ingest
    from newsweave.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "news.db"
        start = time.perf_counter()
        with make_engine(engine_name, workers=workers) as engine:
            report = ingest([export], db=db, engine=engine)
        seconds = time.perf_counter() - start
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT id, content_hash, copy_of, story_id FROM articles ORDER BY id").fetchall()
    digest = hashlib.sha256(json.dumps(rows).encode()).hexdigest()
    return {"items": report.added + report.duplicates, "seconds": seconds, "digest": digest, "errors": len(report.errors)}


class Nothing:
    """No work at all: what is left is the engine's own cost."""

    fatal = ()

    def setup(self):
        pass

    def __call__(self, item):
        return item

    def failed(self, item, reason):
        return None


def run_overhead() -> dict:
    from newsweave.engine.ray_engine import RayEngine

    # Ray's workers import the no-op work by module name: this folder must be on their path.
    here = str(Path(__file__).resolve().parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, here)
    from scale import Nothing

    start = time.perf_counter()
    engine = RayEngine(workers=1, batch_size=4)
    started = time.perf_counter() - start
    list(engine.map(Nothing(), range(4)))  # Ray Data's first dataset in a process pays for its imports
    times = {}
    for items in (40, 400):
        start = time.perf_counter()
        assert list(engine.map(Nothing(), range(items))) == list(range(items))
        times[items] = time.perf_counter() - start
    engine.close()
    per_batch = (times[400] - times[40]) / 90
    return {"ray_init": started, "per_batch": per_batch, "dataset_start": times[40] - 10 * per_batch}


def child(args) -> None:
    if args.child == "overhead":
        result = run_overhead()
    else:
        task, engine_name, workers = args.child.split(":")
        run = run_summarize if task == "summarize" else run_ingest
        result = run(engine_name, int(workers), Path(args.input))
    print(json.dumps(result))


# --- the run -------------------------------------------------------------------------------

def in_child(spec: str, path: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", spec] + (["--input", str(path)] if path else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{spec} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare_data(folder: Path, clusters: int, crawl_copies: int = 1) -> dict[str, Path]:
    lines = (DATA / "multinews_dev.jsonl").read_text(encoding="utf-8").splitlines()
    summarize_input = folder / "clusters.jsonl"
    summarize_input.write_text("\n".join(lines[:clusters]) + "\n", encoding="utf-8")
    texts = [document["text"] for name in ("multinews_dev.jsonl", "duc2003_task2.jsonl")
             for line in (DATA / name).read_text(encoding="utf-8").splitlines() for document in json.loads(line)["documents"]]
    export = folder / "articles.jsonl"
    with export.open("w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"text": text}) + "\n")
    # Each further copy of the crawl's pages is another site's reprint, a line added: stored as a copy, not skipped.
    pages = [text if copy == 0 else f"{text}\n\nReprinted by site {copy}." for copy in range(crawl_copies) for text in texts]
    return {"summarize": summarize_input, "ingest": export, "ingest-warc": crawl(folder / "crawl.warc.gz", pages)}


def crawl(path: Path, texts: list[str]) -> Path:
    """The same articles as a crawl: each a page with a site's navigation, a sidebar and a footer around it."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    links = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(40))
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, text in enumerate(texts):
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story {number} | Site {number % 9}</title>'
                    f'<link rel="canonical" href="https://site{number % 9}.example/story/{number}">'
                    f'<script>window.tracking = {{"page": {number}}};</script></head><body><nav><ul>{links}</ul></nav>'
                    f'<article><h1>Story {number}</h1><p class="byline">By A. Reporter</p>{paragraphs}</article>'
                    f'<aside><h3>Most read</h3><ul>{links}</ul></aside><footer>All rights reserved.</footer></body></html>')
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://site{number % 9}.example/story/{number}", "response",
                                                          payload=io.BytesIO(page.encode()), http_headers=headers))
    return path


def label(engine_name: str, workers: int) -> str:
    if engine_name == "local":
        return "local, 1 process" if workers == 1 else f"local, all cores ({cpu_count()} processes)"
    return f"ray, {workers} worker{'s' if workers > 1 else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=60, help="Multi-News clusters to summarize (default 60)")
    parser.add_argument("--tasks", default="summarize,ingest,ingest-warc",
                        help="of summarize, ingest (a JSONL export), ingest-warc (the same articles as a crawl's pages); default all")
    parser.add_argument("--engines", default="local,ray", help="local,ray (default both)")
    parser.add_argument("--crawl-copies", type=int, default=1, metavar="K",
                        help="ingest-warc: each article's page K times, each further one another site's reprint (default 1)")
    parser.add_argument("--markdown", type=Path, help="append the tables to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    load = os.getloadavg()[0]
    rows, digests = [], {}
    with tempfile.TemporaryDirectory() as folder:
        inputs = prepare_data(Path(folder), args.clusters, args.crawl_copies)
        for task in args.tasks.split(","):
            path = inputs[task]
            for engine_name, workers in [c for c in CONFIGS if c[0] in args.engines.split(",")]:
                result = in_child(f"{task}:{engine_name}:{workers}", path)
                digests.setdefault(task, set()).add(result["digest"])
                rows.append((task, label(engine_name, workers), result))
                print(f"{task:9} {label(engine_name, workers):32} {result['items']:5} items {result['seconds']:8.1f} s "
                      f"{result['items'] / result['seconds']:7.2f}/s", file=sys.stderr, flush=True)
    overhead = in_child("overhead") if "ray" in args.engines.split(",") else None
    identical = {task: len(found) == 1 for task, found in digests.items()}
    table = render(rows, overhead, identical, args, load)
    print(table)
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as out:
            out.write("\n" + table)
    if not all(identical.values()):
        raise SystemExit(f"outputs differ across engines: {identical}")


def render(rows, overhead, identical, args, load) -> str:
    lines = [
        f"Command: `python benchmarks/scale.py --clusters {args.clusters} --tasks {args.tasks} --engines {args.engines}"
        + (f" --crawl-copies {args.crawl_copies}" if args.crawl_copies != 1 else "") + f"` on {cpu_count()} cores "
        f"(load average {load:.1f} at the start, from other jobs on the machine).",
        "",
        "| task | engine | items | seconds | items/s | × 1 process |",
        "|---|---|---:|---:|---:|---:|",
    ]
    base = {}
    for task, name, result in rows:
        rate = result["items"] / result["seconds"]
        base.setdefault(task, rate)
        lines.append(f"| {task} | {name} | {result['items']} | {result['seconds']:.1f} | {rate:.2f} | {rate / base[task]:.2f} |")
    lines += [
        "",
        "Outputs identical across the engines: "
        + ", ".join(f"{task} {'yes' if same else 'NO'}" for task, same in identical.items()) + ".",
    ]
    if overhead is not None:
        lines.append(f"Ray's own costs: `ray.init` {overhead['ray_init']:.1f} s, a dataset's start (actor and all) "
                     f"{overhead['dataset_start']:.1f} s, then {1000 * overhead['per_batch']:.0f} ms per batch.")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
