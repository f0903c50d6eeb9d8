"""Engines: `local` (one process, or a pool) and `ray` give the same results, and fail one item at a time.

Ray runs on this machine with 2 CPUs, started once for the session; the Ray
tests skip only when Ray is not installed. NEWSWEAVE_ENGINE_CLUSTERS sets how
many Multi-News validation clusters the identity test summarizes (default 40;
docs/scaling.md records a run on all 246).
"""

from __future__ import annotations

import html
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.batch import SummarizeLines, summarize_lines
from newsweave.engine import make_engine
from newsweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "valley-dam-evacuation"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews_dev.jsonl"
CLUSTERS = int(os.environ.get("NEWSWEAVE_ENGINE_CLUSTERS", "40"))
SETTINGS = Settings().with_(words=120)


@pytest.fixture(scope="session")
def ray_cluster():
    """A local Ray instance with 2 CPUs for the whole session (workers can import this test module)."""
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsweave[ray]')")
    pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'newsweave[ray]')")
    here = str(Path(__file__).parent)
    # Ray's workers inherit the environment: they can then unpickle this module's poisoned work.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started:
        ray.shutdown()


def example_cluster() -> str:
    """The bundled example story as one batch line."""
    from newsweave.load import load_sources

    documents, problems = load_sources(sorted(EXAMPLE.iterdir()), Settings())
    assert documents and not problems
    return json.dumps({"id": "valley-dam-evacuation", "documents": [{"id": d.id, "text": d.text} for d in documents]})


def multinews_lines(count: int) -> list[str]:
    if not MULTINEWS.is_file():
        return []
    with MULTINEWS.open(encoding="utf-8") as lines:
        return [line for _, line in zip(range(count), lines)]


@pytest.fixture(scope="module")
def batch_input() -> list[str]:
    # A blank line and a broken one too: error lines must match across engines as well.
    return [example_cluster(), "", '{"id": "broken", "documents": [', *multinews_lines(CLUSTERS)]


@pytest.fixture(scope="module")
def one_process(batch_input) -> list[dict]:
    return list(summarize_lines(batch_input, SETTINGS))


def test_local_pool_summaries_are_identical_to_one_process(batch_input, one_process):
    assert one_process[0]["id"] == "valley-dam-evacuation" and one_process[0]["summary"]
    assert one_process[1]["line"] == 3 and "error" in one_process[1]
    assert sum("summary" in result for result in one_process) == 1 + len(batch_input) - 3
    with make_engine("local", workers=2) as engine:
        assert list(summarize_lines(batch_input, SETTINGS, engine)) == one_process


def test_ray_summaries_are_identical_to_one_process(ray_cluster, batch_input, one_process):
    with make_engine("ray", workers=2) as engine:
        assert engine.workers == 2
        assert list(summarize_lines(batch_input, SETTINGS, engine)) == one_process


# --- failure: one poisoned item --------------------------------------------------------------

class PoisonedLines(SummarizeLines):
    """Summarizes, except that a line holding "poison" raises, and one holding "lethal" kills its worker."""

    def __call__(self, item):
        _, line = item
        if "lethal" in line and os.getpid() != self.parent:
            os._exit(7)  # a crash no Python code can catch: only in a worker, never in the test's own process
        if "poison" in line:
            raise RuntimeError("poisoned cluster")
        return super().__call__(item)

    def __init__(self, settings):
        super().__init__(settings)
        self.parent = os.getpid()


def tiny_lines(*ids: str) -> list[tuple[int, str]]:
    text = "The ferry Gull Maiden ran aground outside Port Aldwin on Saturday. All 86 passengers were rescued by the coast guard."
    return [(n, json.dumps({"id": i, "documents": [text, text.replace("Saturday", "Saturday morning")]})) for n, i in enumerate(ids, 1)]


def check_poisoned(results: list[dict], dead: str | None = None) -> None:
    by_id = {result["id"]: result for result in results}
    assert [result["id"] for result in results] == ["a", "poison", "b", *([dead] if dead else []), "c"]
    assert by_id["poison"]["error"] == "internal error (failed 3 times (RuntimeError: poisoned cluster))"
    assert by_id["poison"]["line"] == 2
    for good in "abc":
        assert by_id[good]["summary"], by_id[good]
    if dead:
        assert "died" in by_id[dead]["error"]


@pytest.mark.parametrize("workers", [1, 2])
def test_local_poisoned_cluster_is_an_error_line_and_the_rest_complete(workers):
    lines = tiny_lines("a", "poison", "b", "c")
    with make_engine("local", workers=workers) as engine:
        check_poisoned(list(engine.map(PoisonedLines(SETTINGS), lines)))


def test_local_pool_worker_that_dies_is_retried_then_reported():
    lines = tiny_lines("a", "poison", "b", "lethal", "c")
    with make_engine("local", workers=2) as engine:
        results = list(engine.map(PoisonedLines(SETTINGS), lines))
    check_poisoned(results, dead="lethal")
    assert results[3]["error"] == "internal error (its worker process died 3 times)"


def test_ray_poisoned_cluster_and_dead_worker(ray_cluster):
    lines = tiny_lines("a", "poison", "b", "lethal", "c")
    with make_engine("ray", workers=2) as engine:
        results = list(engine.map(PoisonedLines(SETTINGS), lines))
    check_poisoned(results, dead="lethal")
    assert results[3]["error"] == "internal error (its Ray worker died each of 3 times)"


class FailingReader:
    """Items that stop with an error part-way, like a truncated archive."""

    def __iter__(self):
        yield from (1, 2, 3)
        raise ValueError("cut off")


@pytest.mark.parametrize("engine_name", ["local", "ray"])
def test_items_read_before_a_reader_error_are_all_worked(engine_name, request):
    if engine_name == "ray":
        request.getfixturevalue("ray_cluster")
    results = []
    with make_engine(engine_name, workers=2) as engine:
        with pytest.raises(ValueError, match="cut off"):
            for result in engine.map(Double(), FailingReader()):
                results.append(result)
    assert results == [2, 4, 6]


class Double:
    fatal = ()

    def setup(self):
        pass

    def __call__(self, item):
        return 2 * item

    def failed(self, item, reason):
        return None


class BlasThreads(Double):
    """Each item: how many threads numpy's BLAS may start in the worker that runs it."""

    def __call__(self, item):
        from threadpoolctl import threadpool_info

        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_pool_workers_leave_the_other_cores_to_the_other_workers():
    """Two workers with a BLAS thread per core each would share 2 cores among 4 threads (half the rate)."""
    with make_engine("local", workers=2) as engine:
        assert list(engine.map(BlasThreads(), range(4))) == [[1]] * 4


# --- ingest ---------------------------------------------------------------------------------

STORIES = [
    ("Kelby Valley orchards", "Kelby Valley", "Marta Osei", "frost", [
        "A hard frost swept through the Kelby Valley orchards on Tuesday night.",
        "Growers said about a third of the apricot blossom was lost before dawn.",
        "Marta Osei, who chairs the Kelby Growers Cooperative, called it the worst frost in twenty years.",
        "Wind machines ran across the valley until the temperature rose after sunrise.",
        "The county agriculture office will survey the damage on Thursday.",
        "Insurers expect claims from more than forty Kelby Valley farms.",
    ]),
    ("Port Alder bridge", "Port Alder", "Tomas Reyes", "bridge", [
        "The Port Alder swing bridge was closed to traffic on Monday after engineers found a cracked bearing.",
        "Commuters face a detour of about twelve kilometres through the northern industrial district.",
        "City engineer Tomas Reyes said repairs to the Port Alder bridge could take three weeks.",
        "Ferries between the two harbour quays will run every fifteen minutes during the closure.",
        "The bridge was last refurbished in 2009 at a cost of eleven million.",
        "Shop owners near the Port Alder bridge said trade fell sharply on the first day.",
    ]),
    ("Lindqvist library", "Millbrook", "Anna Lindqvist", "library", [
        "Millbrook's new public library opened on Saturday with a collection of ninety thousand books.",
        "The building was designed by architect Anna Lindqvist around a glass reading hall.",
        "More than four thousand visitors came through the Millbrook library doors on opening day.",
        "The library replaces a branch that closed after flood damage in 2021.",
        "Anna Lindqvist said the reading hall was meant to feel like a town square.",
        "Opening hours will be extended to ten in the evening from next month.",
    ]),
    ("Sarno chess final", "Sarno", "Ilya Brandt", "chess", [
        "Ilya Brandt won the Sarno Open chess final on Sunday after a six-hour endgame.",
        "Brandt, seeded ninth, beat the defending champion with the black pieces.",
        "The Sarno Open drew two hundred players from nineteen countries this year.",
        "Ilya Brandt said he had prepared the opening with his coach for a month.",
        "Organisers said the Sarno tournament will move to a larger hall next year.",
        "The final was broadcast live with commentary from two grandmasters.",
    ]),
]


def invented_export(path: Path) -> Path:
    """~50 invented articles: four stories told by several outlets, with wire copies and exact repeats."""
    rng = random.Random(14)
    outlets = ["Valley Courier", "Harbour Gazette", "Evening Ledger", "Northern Post", "Daily Lantern"]
    rows = []
    for number, (title, place, person, word, sentences) in enumerate(STORIES):
        for article in range(10):
            chosen = sorted(rng.sample(range(len(sentences)), 4))
            rows.append({
                "title": f"{title}: {rng.choice(['latest', 'update', 'what we know', 'reaction'])} {article}",
                "text": " ".join(sentences[i] for i in chosen),
                "outlet": outlets[article % len(outlets)],
                "url": f"https://news.example/{word}/{article}",
                "published": f"2026-03-{10 + number:02d}",
            })
        # A wire story and an outlet's lightly edited copy of it; and one article exported twice.
        wire = f"{place} (AP) — " + " ".join(sentences)
        rows.append({"title": f"{title} (AP)", "text": wire, "url": f"https://wire.example/{word}", "published": f"2026-03-{10 + number:02d}"})
        rows.append({"title": f"{title}", "text": wire.replace(" on ", " late on ", 1) + " More to follow.",
                     "url": f"https://copy.example/{word}", "outlet": "Daily Lantern", "published": f"2026-03-{10 + number:02d}"})
        rows.append(dict(rows[-3]))
    rng.shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
        out.write("{not json\n")
    return path


def corpus_rows(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("SELECT id, url, content_hash, copy_of, story_id, wire FROM articles ORDER BY id").fetchall(),
            "stories": conn.execute("SELECT id, title, articles, outlets FROM stories ORDER BY id").fetchall(),
        }


def page_html(row: dict) -> str:
    paragraphs = "".join(f"<p>{html.escape(sentence)}.</p>" for sentence in row["text"].split(". ") if sentence)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(row["title"])}</title>'
            f'<meta property="og:site_name" content="{row.get("outlet") or "Wire"}">'
            f'<meta property="article:published_time" content="{row["published"]}T09:00:00+00:00">'
            f'<link rel="canonical" href="{row["url"]}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f'<article><h1>{html.escape(row["title"])}</h1>{paragraphs}</article><footer>All rights reserved.</footer></body></html>')


def invented_pages(export: Path, folder: Path) -> tuple[Path, Path]:
    """The export's stories as a crawl (a WARC archive: pages, an image, a page with no article, a URL
    crawled twice) and as a folder of saved pages (one of them no article): pages to extract."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rows = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()[:-1]]
    archive = folder / "crawl.warc.gz"
    with archive.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def record(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))

        for number, row in enumerate(rows[:30]):
            record(f"https://crawl.example/page/{number}", page_html(row).encode())
        record("https://crawl.example/logo.png", b"\x89PNG not a page", "image/png")
        record("https://crawl.example/sections", b"<html><body><nav><a href='/a'>A</a></nav></body></html>")
        record("https://crawl.example/page/3", page_html(rows[3]).encode())
    pages = folder / "pages"
    pages.mkdir()
    for number, row in enumerate(rows[30:]):
        (pages / f"{number:02d}.html").write_text(page_html(row), encoding="utf-8")
    (pages / "empty.html").write_text("<html><body><p>Menu</p></body></html>", encoding="utf-8")
    return archive, pages


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return invented_export(tmp_path_factory.mktemp("export") / "export.jsonl")


@pytest.fixture(scope="module")
def sources(export, tmp_path_factory) -> list[Path]:
    """The export, and its stories again as pages: a WARC archive and a folder of saved pages."""
    return [export, *invented_pages(export, tmp_path_factory.mktemp("pages"))]


@pytest.fixture(scope="module")
def ingested_alone(sources, tmp_path_factory) -> tuple[dict, dict]:
    from newsweave.corpus import ingest

    db = tmp_path_factory.mktemp("alone") / "news.db"
    report = ingest(sources, db=db)
    return report.to_dict(), corpus_rows(db)


def test_ingest_example_is_worth_comparing(ingested_alone):
    report, rows = ingested_alone
    export, crawl, pages = report["sources"]
    # Exact repeats (the same four sentences picked twice), wire copies, and stories of several articles.
    assert export["added"] >= 30 and export["duplicates"] >= 4
    assert len(export["errors"]) == 1  # the broken line
    # The pages: extracted, and as often the same articles again (duplicates) as new copies of them;
    # the crawl's image and its page with no article skipped, the URL crawled twice a duplicate;
    # the saved page with no article an error of its own.
    assert crawl["added"] + crawl["duplicates"] == 31 and crawl["skipped"] == 2 and not crawl["errors"]
    assert pages["added"] + pages["duplicates"] == len(list(Path(pages["source"]).glob("[0-9]*.html")))
    assert [e["source"] for e in pages["errors"]] == [str(Path(pages["source"]) / "empty.html")]
    assert sum(copy_of is not None for *_, copy_of, _story, _wire in rows["articles"]) >= 8
    assert sum(wire is not None for *_, wire in rows["articles"]) >= 8
    sizes = sorted((size for _, _, size, _ in rows["stories"]), reverse=True)
    assert sizes[0] >= 4 and len(sizes) < report["added"], sizes


@pytest.mark.parametrize("engine_name", ["local", "ray"])
def test_ingest_is_identical_across_engines(engine_name, sources, ingested_alone, tmp_path, request):
    from newsweave.corpus import ingest

    if engine_name == "ray":
        request.getfixturevalue("ray_cluster")
    db = tmp_path / "news.db"
    with make_engine(engine_name, workers=2) as engine:
        report = ingest(sources, db=db, engine=engine)
        assert (report.to_dict(), corpus_rows(db)) == ingested_alone
        again = ingest(sources, db=db, engine=engine)  # a rerun skips what is stored
    assert again.added == 0 and again.duplicates == report.added + report.duplicates


def test_pages_are_extracted_in_the_workers(sources, ingested_alone, tmp_path, monkeypatch):
    """Extraction is the costly part of a crawl's ingest: with a pool, the calling process never extracts
    a page (here it cannot: its extractor fails), and the corpus is the same."""
    from newsweave.corpus import ingest
    from newsweave.corpus.sources import html as pages
    from newsweave.engine.local import LocalEngine

    def refuse(*args, **kwargs):
        raise AssertionError("a page extracted in the calling process")

    monkeypatch.setattr(pages, "html_document_and_author", refuse)
    engine = LocalEngine(workers=2)  # spawned: the workers import the real extractor
    try:
        report = ingest(sources, db=tmp_path / "news.db", engine=engine)
    finally:
        engine.close()
    assert (report.to_dict(), corpus_rows(tmp_path / "news.db")) == ingested_alone
    alone = ingest(sources[1:2], db=tmp_path / "alone.db")  # without an engine it is extracted here
    assert alone.added == 0 and "a page extracted in the calling process" in str(alone.errors)


# --- the command line ---------------------------------------------------------------------

def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsweave", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def test_engine_ray_without_ray_says_what_to_install(tmp_path):
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text("\n".join(line for _, line in tiny_lines("x")) + "\n", encoding="utf-8")
    # A `ray` that cannot be imported, as on a machine without the extra.
    blocker = tmp_path / "noray"
    (blocker / "ray").mkdir(parents=True)
    (blocker / "ray" / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    for command in (["summarize", "--jsonl", str(clusters)], ["ingest", str(clusters), "--db", str(tmp_path / "n.db")]):
        result = run_cli(*command, "--engine", "ray", env={"PYTHONPATH": str(blocker)})
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines() == [
            "newsweave: error: --engine ray needs Ray Data, which is not installed: pip install 'newsweave[ray]'"
        ]
        assert result.stdout == ""
    assert not (tmp_path / "n.db").exists()


def test_help_imports_no_engine():
    code = ("import sys; from newsweave.cli import build_parser; build_parser().format_help(); "
            "print(sorted(m for m in ('ray', 'spacy', 'newsweave.engine.ray_engine') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_cli_summarize_local_workers_and_ray_write_the_same_lines(ray_cluster, tmp_path):
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text("\n".join([example_cluster(), *(line for _, line in tiny_lines("x", "y"))]) + "\n", encoding="utf-8")
    outputs = []
    for options in ([], ["--workers", "2"], ["--engine", "ray", "--workers", "2"]):
        result = run_cli("summarize", "--jsonl", str(clusters), "-w", "80", *options)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert len(outputs[0].splitlines()) == 3
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]
