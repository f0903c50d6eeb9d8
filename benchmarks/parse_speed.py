"""The spaCy parse, component by component, with the installed spaCy.

    python benchmarks/parse_speed.py [--runs 7]

For the seeds and the first DUC 2003 cluster (10 reports), loads the model
as newsweave does (annotate/model.py) and runs its components one at a time
over the same texts: CPU time (time.process_time), minimum of --runs. Then a
digest of every token's tag, POS, morphology, dependency, head, lemma and
entity over the reports of the first 60 Multi-News and 3 DUC 2003 clusters,
and the tokens counted: two spaCy releases that print the same digest parse
those texts the same way.

To compare spaCy releases, run it from a virtual environment per release
that sees the project's other packages:

    python -m venv --system-site-packages /tmp/spacy-3.8.18
    /tmp/spacy-3.8.18/bin/pip install --no-deps spacy==3.8.18 langcodes
    OPENBLAS_NUM_THREADS=1 /tmp/spacy-3.8.18/bin/python benchmarks/parse_speed.py
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from summary_quality import DEFAULT_DATA, REPO, load_clusters

sys.path.insert(0, str(REPO / "src"))

DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"


def component_times(nlp, texts: list[str], runs: int) -> dict[str, float]:
    """CPU seconds per component (and the tokenizer), minimum over runs."""
    best: dict[str, float] = {}
    for _ in range(runs):
        start = time.process_time()
        docs = [nlp.make_doc(text) for text in texts]
        best["tokenizer"] = min(best.get("tokenizer", float("inf")), time.process_time() - start)
        for name, component in nlp.pipeline:
            start = time.process_time()
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
    return best


def digest(nlp, texts: list[str]) -> tuple[str, int]:
    """A hash of every token's annotations, and the number of tokens."""
    h = hashlib.sha256()
    tokens = 0
    for doc in nlp.pipe(texts):
        for t in doc:
            tokens += 1
            h.update(f"{t.idx}|{t.tag_}|{t.pos_}|{t.morph}|{t.dep_}|{t.head.i}|{t.lemma_}|{t.ent_iob_}{t.ent_type_}\n".encode())
    return h.hexdigest()[:16], tokens


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    args = parser.parse_args(argv)

    import spacy

    from newsweave.annotate.model import load_model
    from newsweave.settings import Settings

    nlp = load_model(Settings())
    seeds = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.iterdir())]
    ten = [d["text"] for d in load_clusters(args.data / "duc2003_task2.jsonl", 1)[0]["documents"]]
    list(nlp.pipe(ten))  # warm-up
    rows = {name: component_times(nlp, texts, args.runs) for name, texts in (("seeds", seeds), ("10 reports", ten))}
    print(f"spaCy {spacy.__version__}: CPU seconds, minimum of {args.runs}")
    print("| component | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for component in rows["seeds"]:
        print(f"| {component} | " + " | ".join(f"{times[component]:.3f}" for times in rows.values()) + " |")
    print("| whole parse | " + " | ".join(f"{sum(times.values()):.3f}" for times in rows.values()) + " |")
    texts = [d["text"] for c in load_clusters(args.data / "multinews_dev.jsonl", 60) for d in c["documents"]]
    texts += [d["text"] for c in load_clusters(args.data / "duc2003_task2.jsonl", 3) for d in c["documents"]]
    hexdigest, tokens = digest(nlp, texts)
    print(f"annotations digest over {len(texts)} texts, {tokens} tokens: {hexdigest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
