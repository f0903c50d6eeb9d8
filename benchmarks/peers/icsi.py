"""ICSISumm-style concept coverage, solved exactly as an integer linear program.

After Gillick & Favre (2009), "A Scalable Global Model for Summarization", and
the ICSI systems at TAC 2008/2009 (Gillick et al.):

- concepts are word bigrams of Porter stems (stop words kept inside bigrams,
  so "the president" counts), leaving out bigrams made only of stop words;
- a concept's weight is the number of reports that contain it; concepts in
  fewer than `min_df` reports are dropped (3 in a 10-report cluster as in the
  papers; 2 in the small Multi-News clusters; 1 for a single report);
- maximise the total weight of the covered concepts subject to the word budget:

      max  sum_i w_i c_i
      s.t. sum_j l_j s_j <= L
           s_j <= c_i                 for each concept i in sentence j
           sum_{j has i} s_j >= c_i   for each concept i
           c_i, s_j in {0, 1}

  solved by HiGHS (`highspy`) to proven optimality (the objective is an
  integer, so an absolute gap below 1 is optimal), with a time limit per
  cluster: on timeout the best solution found so far is used and counted in
  `STATS["time_limit"]`.

Sentence pre-filtering, as the papers: sentences shorter than `min_words`
(10) words are not candidates; `first_n` can keep only each report's first
sentences (off by default: the papers' TAC setting does not carry over to
Multi-News' long reports).
"""

from __future__ import annotations

from collections import Counter

from .text import Candidate, assemble, candidates, split_sentences, stem, stop_words, tokens

MIN_WORDS = 10
TIME_LIMIT = 10.0  # seconds per cluster

STATS = Counter()  # "solved", "time_limit", "fallback"


def min_df(n_reports: int) -> int:
    if n_reports >= 8:
        return 3
    return 2 if n_reports >= 2 else 1


def concepts(text: str) -> set[tuple[str, str]]:
    """The stemmed bigrams of a sentence that are not made only of stop words."""
    stops = stop_words()
    words = tokens(text)
    out = set()
    for a, b in zip(words, words[1:]):
        if a in stops and b in stops:
            continue
        out.add((stem(a), stem(b)))
    return out


def concept_weights(documents: list[dict], threshold: int) -> dict[tuple[str, str], int]:
    df = Counter()
    for document in documents:
        df.update(set().union(*(concepts(s) for s in split_sentences(document["text"]))))
    return {c: n for c, n in df.items() if n >= threshold}


def _quiet_highs():
    """A HiGHS instance that prints nothing (the first one in a process prints
    a banner on the C++ stdout before any option can be set)."""
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return h


def solve(costs: list[int], sentence_concepts: list[list[int]], weights: list[float], budget: int,
          time_limit: float = TIME_LIMIT) -> tuple[list[int], bool]:
    """Indices of the sentences of an optimal selection, and whether the solver
    hit its time limit (then the selection is the best one it found)."""
    import highspy
    import numpy as np

    n, m = len(costs), len(weights)
    if n == 0:
        return [], False
    h = _quiet_highs()
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6 if any(w != int(w) for w in weights) else 0.999)

    lp = highspy.HighsLp()
    lp.num_col_ = n + m
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([np.zeros(n), np.asarray(weights, dtype=float)])
    lp.col_lower_ = np.zeros(n + m)
    lp.col_upper_ = np.ones(n + m)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * (n + m)

    lower, upper, starts, index, value = [], [], [0], [], []

    def row(lo, hi, entries):
        lower.append(lo)
        upper.append(hi)
        for col, coeff in entries:
            index.append(col)
            value.append(coeff)
        starts.append(len(index))

    row(-highspy.kHighsInf, float(budget), [(j, float(c)) for j, c in enumerate(costs)])
    holders: list[list[int]] = [[] for _ in range(m)]
    for j, found in enumerate(sentence_concepts):
        for i in found:
            holders[i].append(j)
            row(-highspy.kHighsInf, 0.0, [(j, 1.0), (n + i, -1.0)])  # s_j <= c_i
    for i, js in enumerate(holders):
        row(0.0, highspy.kHighsInf, [(j, 1.0) for j in js] + [(n + i, -1.0)])  # c_i <= sum s_j
    lp.num_row_ = len(lower)
    lp.row_lower_ = np.asarray(lower, dtype=float)
    lp.row_upper_ = np.asarray(upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(value, dtype=float)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    timed_out = status == highspy.HighsModelStatus.kTimeLimit
    if status != highspy.HighsModelStatus.kOptimal and not timed_out:
        raise RuntimeError(f"HiGHS: {h.modelStatusToString(status)}")
    values = h.getSolution().col_value
    if len(values) < n:  # timed out before any solution: take nothing
        return [], timed_out
    return [j for j in range(n) if values[j] > 0.5], timed_out


def _drop_idle(picked: list[int], sentence_concepts: list[list[int]]) -> list[int]:
    """The optimum without sentences that add no concept the others lack.

    Nothing in the ILP stops it from spending words on a sentence of no weight;
    dropping those keeps the objective and leaves the words to the fill."""
    kept = list(picked)
    for j in sorted(picked, key=lambda j: len(sentence_concepts[j])):
        others = set().union(*(sentence_concepts[k] for k in kept if k != j))
        if set(sentence_concepts[j]) <= others:
            kept.remove(j)
    return kept


def summarize(documents: list[dict], words: int, *, min_words: int = MIN_WORDS, first_n: int | None = None,
              time_limit: float = TIME_LIMIT) -> str:
    pool = candidates(documents, min_words, first_n)
    weights: dict[tuple[str, str], int] = {}
    threshold = min_df(len(documents))
    while threshold >= 1 and not weights:  # a cluster with no shared bigram at all: lower the bar
        weights = concept_weights(documents, threshold)
        threshold -= 1
    ids = {c: i for i, c in enumerate(weights)}
    found = [sorted(ids[c] for c in concepts(s.text) if c in ids) for s in pool]
    fitting = [j for j, s in enumerate(pool) if s.words <= words]
    picked, timed_out = solve(
        [pool[j].words for j in fitting], [found[j] for j in fitting],
        [float(w) for w in weights.values()], words, time_limit,
    )
    STATS["time_limit" if timed_out else "solved"] += 1
    picked = _drop_idle(picked, [found[j] for j in fitting])
    chosen: list[Candidate] = [pool[fitting[k]] for k in picked]
    # Filling the words the optimum leaves: every bigram counts now, at its
    # report count, so a sentence with new shared content comes first.
    all_weights = concept_weights(documents, 1)

    own = {c: concepts(c.text) for c in pool}

    def scorer(taken: list[Candidate]):
        covered = set().union(*(own[c] for c in taken))

        def score(candidate: Candidate, left: int) -> float:
            if candidate.words <= left:
                found = own[candidate]
            else:  # only the head survives the cut
                found = concepts(" ".join(candidate.text.split()[:left]))
            return sum(all_weights.get(c, 0) for c in found - covered)

        return score

    return assemble(chosen, pool, words, scorer)
