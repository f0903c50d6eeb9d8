"""Speed and memory of newsweave.

    python benchmarks/speed.py
    python benchmarks/speed.py --markdown docs/benchmarks.md

Measures, in one process (so the spaCy model loads once):
- `newsweave --help` as a subprocess, median of 7 (falls back to
  `python -m newsweave --help` when the console script is not installed);
- a warm brief of `<repo>/../shared/seeds/` (the folder path as the source),
  median of 5 after one warm-up call that loads the model;
- a warm brief of a 10-report cluster (the first DUC 2003 cluster, as
  Documents), median of 5;
- batch throughput: the first 20 Multi-News clusters at 300 words;
- peak resident memory of this process (getrusage maxrss).
The two warm briefs use the default Settings.

    python benchmarks/speed.py --warm

times only the two warm briefs, as wall time and as the process's CPU time
(time.process_time, which a busy shared machine inflates less), beside the
spaCy parse of the same texts alone (nlp.pipe): the floor newsweave's own
stages sit on. Medians of --runs after one warm-up call.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from summary_quality import DEFAULT_DATA, REPO, load_clusters

DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"


def median_seconds(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def help_command() -> tuple[list[str], dict[str, str], str]:
    """The console script if installed, else `python -m newsweave`.

    The script beside this interpreter comes first: a version manager's shim
    on PATH (pyenv) would add its own start-up time to the measure.
    """
    env = dict(os.environ)
    beside = Path(sys.executable).parent / "newsweave"
    script = str(beside) if beside.exists() else shutil.which("newsweave")
    if script:
        return [script, "--help"], env, "newsweave --help"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "newsweave", "--help"], env, "python -m newsweave --help"


def time_help(runs: int = 7) -> tuple[str, float | None]:
    """(label, median seconds) of `--help` in a fresh process; None if it fails."""
    command, env, label = help_command()

    def call():
        return subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    if call().returncode:
        return label, None
    return label, median_seconds(call, runs)


def median_times(call, runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of this process) of `runs` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def measure_warm(data: Path, seeds: Path, runs: int) -> list[tuple[str, ...]]:
    """Warm briefs of the seeds and of the first DUC 2003 cluster: wall, CPU, and the spaCy parse alone."""
    import newsweave
    from newsweave import Settings
    from newsweave.annotate.model import load_model

    nlp = load_model(Settings())
    cluster = load_clusters(data / "duc2003_task2.jsonl", 1)[0]
    docs = documents(cluster)
    rows = []
    for name, source, texts in (
        (f"the seeds ({len(list(seeds.iterdir()))} files)", [str(seeds)], [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())]),
        (f"{len(docs)} reports ({cluster['id']})", docs, [d.text for d in docs]),
    ):
        newsweave.brief(source)  # warm-up (the first also loads the model)
        wall, cpu = median_times(lambda source=source: newsweave.brief(source), runs)
        parse_wall, parse_cpu = median_times(lambda texts=texts: list(nlp.pipe(texts)), runs)
        rows.append((f"warm brief of {name}, median of {runs}", f"{wall:.3f} s", f"{cpu:.3f} s",
                     f"{parse_wall:.3f} s", f"{parse_cpu:.3f} s"))
    return rows


def documents(cluster: dict) -> list:
    from newsweave import Document

    return [Document(id=doc["id"], text=doc["text"]) for doc in cluster["documents"]]


def timed(name: str, seconds: float | None, target: float | None = None) -> tuple[str, str, str, str]:
    """A table row: measure, result, target, whether the target is met."""
    value = "failed" if seconds is None else f"{seconds:.3f} s"
    if target is None:
        return name, value, "", ""
    met = "yes" if seconds is not None and seconds < target else "no"
    return name, value, f"< {target} s", met


def measure(data: Path, seeds: Path) -> list[tuple[str, str, str, str]]:
    import newsweave
    from newsweave import Settings

    label, seconds = time_help()
    rows = [timed(f"`{label}` (median of 7)", seconds, 0.3)]

    start = time.perf_counter()
    newsweave.brief([str(seeds)])
    rows.append(timed("first brief of the seeds (loads the model)", time.perf_counter() - start))
    seconds = median_seconds(lambda: newsweave.brief([str(seeds)]), 5)
    rows.append(timed(f"warm brief of the seeds ({len(list(seeds.iterdir()))} files, median of 5)", seconds, 0.5))

    cluster = load_clusters(data / "duc2003_task2.jsonl", 1)[0]
    docs = documents(cluster)
    seconds = median_seconds(lambda: newsweave.brief(docs), 5)
    rows.append(timed(f"warm brief of {len(docs)} reports ({cluster['id']}, median of 5)", seconds, 2))

    clusters = load_clusters(data / "multinews_dev.jsonl", 20)
    settings = Settings(words=300)
    start = time.perf_counter()
    for cluster in clusters:
        newsweave.brief(documents(cluster), settings=settings)
    seconds = time.perf_counter() - start
    name = f"batch: first {len(clusters)} Multi-News clusters at 300 words"
    rows.append((name, f"{len(clusters) / seconds:.2f} clusters/s ({seconds:.1f} s)", "", ""))

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rows.append(("peak memory of this process (maxrss)", f"{peak_mib:.0f} MiB", "", ""))
    return rows


def markdown_table(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| measure | result | target | met |", "|---|---:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the JSONL sets")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of seed reports")
    parser.add_argument("--markdown", type=Path, help="append the table and the command to this file")
    parser.add_argument("--warm", action="store_true", help="time only the warm briefs, wall and CPU, beside the spaCy parse")
    parser.add_argument("--runs", type=int, default=5, help="warm briefs per median with --warm")
    args = parser.parse_args(argv)

    command = shlex.join(["python", *sys.argv]) if argv is None else shlex.join(["python", __file__, *argv])
    print(f"Command: `{command}`\n")
    if args.warm:
        lines = ["| measure | wall | CPU (process) | spaCy parse alone (wall) | spaCy parse alone (CPU) |", "|---|---:|---:|---:|---:|"]
        table = "\n".join(lines + ["| " + " | ".join(row) + " |" for row in measure_warm(args.data, args.seeds, args.runs)])
    else:
        table = markdown_table(measure(args.data, args.seeds))
    print(table)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as handle:
            handle.write(f"Command: `{command}`\n\n{table}\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
