"""What one brief of a big story costs, with and without `Settings.max_brief_chars`.

    python benchmarks/brief_size.py                      # 20, 40, 80, 160 reports
    python benchmarks/brief_size.py --reports 20,80 --no-unbounded

A story is the first N reports of DUC 2003 task 2 (../shared/data/duc2003_task2.jsonl,
ten reports to a cluster, in file order), briefed as one story (`one_story=False`:
the cost of the stages is measured, not the story check), each brief in a fresh
process so that its peak memory is its own (getrusage's maxrss; the model's load
is in it, about 300 MB). Two settings on the same reports in one run: the default
(`max_brief_chars`, 300,000 characters) and unbounded (the code before it, which
read every report whatever the total). The wall time is of the brief alone, the
model loaded first. There is no peer: what is measured is newsweave's own cost.
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DUC = REPO.parent / "shared" / "data" / "duc2003_task2.jsonl"
UNBOUNDED = 10**12


def reports(count: int) -> list[dict]:
    found = []
    with open(DUC, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                found += [{"id": str(d["id"]), "text": d["text"]} for d in json.loads(line)["documents"]]
            if len(found) >= count:
                break
    return found[:count]


def measure(count: int, max_chars: int | None) -> dict:
    """One brief in this process (run by `child`): seconds, peak MB, reports read, claims."""
    sys.path.insert(0, str(REPO / "src"))
    import newsweave
    from newsweave.story import Document

    settings = newsweave.Settings() if max_chars is None else newsweave.Settings(max_brief_chars=max_chars)
    newsweave.brief([Document(id="warm-up", text="A first report loads the model. It says little.")], one_story=False)
    documents = [Document(id=r["id"], text=r["text"]) for r in reports(count)]
    start = time.perf_counter()
    result = newsweave.brief(documents, settings=settings, one_story=False)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "characters": sum(len(d.text) for d in documents),
        "read": len(result.documents),
        "read_characters": sum(len(d.text) for d in result.documents),
        "claims": len(result.story.claims),
    }


def child(count: int, max_chars: int | None) -> dict:
    argument = "default" if max_chars is None else str(max_chars)
    done = subprocess.run([sys.executable, __file__, "--child", str(count), argument],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="20,40,80,160", help="story sizes in reports, comma-separated")
    parser.add_argument("--no-unbounded", action="store_true", help="only the default setting")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        count, setting = args.child
        print(json.dumps(measure(int(count), None if setting == "default" else int(setting))))
        return 0
    if not DUC.exists():
        print(f"brief_size: {DUC} not found (../shared beside the checkout)", file=sys.stderr)
        return 2
    command = " ".join(["python", f"benchmarks/{Path(__file__).name}", shlex.join(argv if argv is not None else sys.argv[1:])])
    print(f"Command: `{command.rstrip()}`")
    print()
    print("| reports | characters | setting | reports read | characters read | claims | brief (s) | peak memory (MB) |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    settings = [("max_brief_chars 300,000 (default)", None)] + ([] if args.no_unbounded else [("unbounded (before)", UNBOUNDED)])
    for count in (int(n) for n in args.reports.split(",")):
        for label, max_chars in settings:
            row = child(count, max_chars)
            print(f"| {count} | {row['characters']:,} | {label} | {row['read']} | {row['read_characters']:,} | {row['claims']:,} "
                  f"| {row['seconds']:.1f} | {row['peak_mb']:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
