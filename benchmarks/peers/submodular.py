"""Lin & Bilmes (2011), "A Class of Submodular Functions for Document
Summarization": a monotone submodular coverage + diversity objective,
maximised by their budgeted greedy.

    F(S) = L(S) + lambda * R(S)
    L(S) = sum_i min(C_i(S), alpha * C_i(V)),   C_i(S) = sum_{j in S} w_ij
    R(S) = sum_k sqrt( sum_{j in S and P_k} r_j ),   r_j = (1/N) sum_i w_ij

w_ij is the cosine similarity of the TF-IDF vectors of sentences i and j
(Porter stems of non-stop words; IDF over the cluster's sentences), V the N
candidate sentences, P_1..P_K a partition of V by k-means over the same
vectors.

Settings: the paper's generic (DUC) ones as we read them: alpha = a/N with
a = 5, lambda = 6, K = 0.2 N clusters, and the greedy's cost scaling r = 0.3.
Greedy (Lin & Bilmes 2010, used by the 2011 paper): repeatedly take the
sentence with the largest gain / cost**r, keeping it only if it still fits the
budget, until none is left; then compare with the best single sentence that
fits and return the better of the two (the "singleton check" behind the
constant-factor guarantee). Sentences shorter than `min_words` (5) words,
bylines and fragments, are not candidates.
"""

from __future__ import annotations

import math

from .text import Candidate, assemble, candidates, content_stems

A = 5.0
LAMBDA = 6.0
CLUSTER_SHARE = 0.2
R = 0.3
MIN_WORDS = 5


def similarity(pool: list[Candidate]):
    """The TF-IDF vectors (rows, L2-normalised) and their cosine matrix."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=content_stems)
    vectors = vectorizer.fit_transform([c.text for c in pool])
    return vectors, (vectors @ vectors.T).toarray()


def partition(vectors, n_clusters: int, seed: int = 0):
    """k-means labels of the rows (a fixed seed: the run is repeatable)."""
    import numpy as np
    from sklearn.cluster import KMeans

    n = vectors.shape[0]
    if n_clusters <= 1 or n <= 1:
        return np.zeros(n, dtype=int)
    return KMeans(n_clusters=min(n_clusters, n), n_init=3, random_state=seed).fit_predict(vectors)


class Objective:
    """F(S) with incremental gains: the state is the coverage of every sentence
    and the reward mass of every cluster."""

    def __init__(self, w, labels, alpha: float, lam: float):
        import numpy as np

        self.w = w
        self.labels = labels
        self.cap = alpha * w.sum(axis=1)
        self.reward = w.mean(axis=0)  # r_j = (1/N) sum_i w_ij
        self.lam = lam
        self.coverage = np.zeros(w.shape[0])
        self.mass = np.zeros(int(labels.max()) + 1 if len(labels) else 0)

    def gains(self):
        """F(S + j) - F(S) for every sentence j."""
        import numpy as np

        before = np.minimum(self.coverage, self.cap).sum()
        after = np.minimum(self.coverage[:, None] + self.w, self.cap[:, None]).sum(axis=0)
        mass = self.mass[self.labels]
        return (after - before) + self.lam * (np.sqrt(mass + self.reward) - np.sqrt(mass))

    def add(self, j: int) -> None:
        self.coverage += self.w[:, j]
        self.mass[self.labels[j]] += self.reward[j]

    def value(self) -> float:
        import numpy as np

        return float(np.minimum(self.coverage, self.cap).sum() + self.lam * np.sqrt(self.mass).sum())


def greedy(w, labels, costs, budget: int, *, alpha: float, lam: float, r: float) -> list[int]:
    """The budgeted greedy with cost scaling r and the singleton check."""
    import numpy as np

    costs = np.asarray(costs, dtype=float)
    objective = Objective(w, labels, alpha, lam)
    open_ = costs <= budget  # a sentence that no longer fits would be passed over anyway
    chosen, spent = [], 0.0
    while open_.any():
        ratio = objective.gains() / np.power(np.maximum(costs, 1.0), r)
        ratio[~open_] = -np.inf
        k = int(np.argmax(ratio))
        open_[k] = False
        if spent + costs[k] <= budget:
            objective.add(k)
            chosen.append(k)
            spent += costs[k]
            open_ &= costs <= budget - spent
    singles = Objective(w, labels, alpha, lam).gains()  # F({v}) = gain from the empty set
    singles[costs > budget] = -np.inf
    if len(singles) and np.isfinite(singles.max()) and singles.max() > objective.value():
        return [int(np.argmax(singles))]
    return chosen


def summarize(documents: list[dict], words: int, *, a: float = A, lam: float = LAMBDA,
              cluster_share: float = CLUSTER_SHARE, r: float = R, min_words: int = MIN_WORDS) -> str:
    import numpy as np

    pool = candidates(documents, min_words)
    if not pool:
        return ""
    try:
        vectors, w = similarity(pool)
    except ValueError:  # no content word at all
        return assemble([], pool, words, lambda taken: lambda c, left: -c.position)
    n = len(pool)
    labels = partition(vectors, math.ceil(cluster_share * n))
    picked = greedy(w, labels, [c.words for c in pool], words, alpha=a / n, lam=lam, r=r)
    index = {c: j for j, c in enumerate(pool)}

    def scorer(taken: list[Candidate]):
        objective = Objective(w, labels, a / n, lam)
        for c in taken:
            objective.add(index[c])
        gains = objective.gains()
        return lambda c, left: float(gains[index[c]])

    return assemble([pool[j] for j in picked], pool, words, scorer)
