"""KL-greedy (KLSum), after Haghighi & Vanderwende (2009), "Exploring Content
Models for Multi-Document Summarization".

Greedily add the sentence that makes the summary's unigram distribution
closest to the reports': the one minimising KL(P_D || P_S+s), among the
sentences that still fit the budget, until none fits. P_D is the
distribution of Porter stems of non-stop words over all the reports; P_S is
the summary's, with additive smoothing (delta = 0.01 per word of the reports'
vocabulary) so that the divergence is finite while a word is missing.
Sentences shorter than `min_words` (5) words are not candidates.
"""

from __future__ import annotations

from .text import Candidate, assemble, candidates, content_stems, sentences_of

DELTA = 0.01
MIN_WORDS = 5


class Divergence:
    """KL(P_D || P_S+s) for every candidate s at once."""

    def __init__(self, documents: list[dict], pool: list[Candidate], delta: float = DELTA):
        import numpy as np

        vocab: dict[str, int] = {}
        doc_counts: list[int] = []
        for sentence in sentences_of(documents):
            for stem in content_stems(sentence.text):
                j = vocab.setdefault(stem, len(vocab))
                if j == len(doc_counts):
                    doc_counts.append(0)
                doc_counts[j] += 1
        self.p = np.asarray(doc_counts, dtype=float)
        self.p /= max(self.p.sum(), 1.0)
        self.counts = np.zeros((len(pool), len(vocab)))
        for i, c in enumerate(pool):
            for stem in content_stems(c.text):
                if stem in vocab:
                    self.counts[i, vocab[stem]] += 1
        self.vocab = vocab
        self.delta = delta
        self.entropy = float((self.p[self.p > 0] * np.log(self.p[self.p > 0])).sum())

    def after_adding(self, summary_counts):
        """KL(P_D || P_S+s) for every pool sentence s, given the summary's counts."""
        import numpy as np

        q = summary_counts[None, :] + self.counts + self.delta
        q_log = np.log(q) - np.log(q.sum(axis=1, keepdims=True))
        return self.entropy - q_log @ self.p

    def of_text(self, text: str, summary_counts) -> float:
        import numpy as np

        counts = summary_counts.copy()
        for stem in content_stems(text):
            if stem in self.vocab:
                counts[self.vocab[stem]] += 1
        q = counts + self.delta
        return float(self.entropy - (np.log(q / q.sum())) @ self.p)


def summarize(documents: list[dict], words: int, *, delta: float = DELTA, min_words: int = MIN_WORDS) -> str:
    import numpy as np

    pool = candidates(documents, min_words)
    if not pool:
        return ""
    kl = Divergence(documents, pool, delta)
    costs = np.asarray([c.words for c in pool])
    summary = np.zeros(len(kl.vocab))
    open_ = costs <= words
    chosen, left = [], words
    while open_.any():
        scores = kl.after_adding(summary)
        scores[~open_] = np.inf
        k = int(np.argmin(scores))
        chosen.append(pool[k])
        summary += kl.counts[k]
        left -= costs[k]
        open_[k] = False
        open_ &= costs <= left

    index = {c: j for j, c in enumerate(pool)}

    def scorer(taken: list[Candidate]):
        counts = sum((kl.counts[index[c]] for c in taken), np.zeros(len(kl.vocab)))
        scores = kl.after_adding(counts)

        def score(candidate: Candidate, left: int) -> float:
            if candidate.words <= left:
                return -float(scores[index[candidate]])
            return -kl.of_text(" ".join(candidate.text.split()[:left]), counts)  # the head survives the cut

        return score

    return assemble(chosen, pool, words, scorer)
