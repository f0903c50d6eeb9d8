"""Stage 3, align: group sentences that state the same fact into fact groups.

Similarity between two sentences is measured by one of a few methods (chosen
by `Settings.similarity`; see benchmarks/alignment_quality.py for why the
default is what it is). Groups are formed by average-linkage agglomerative
clustering: unlike linking every pair above a threshold, it does not chain
"A is like B, B is like C" into one group that A and C would never share.

Two sentences of the same report join one group only when they are near
copies (a caption or pull quote repeating the body); otherwise a report would
corroborate itself.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from newsweave.settings import Settings
from newsweave.story import BOILERPLATE, BODY, Claim, FactGroup, Sentence, Story

SIMILARITIES = ("tfidf", "jaccard", "entities", "combined")
# Same-report sentences must be this alike to be one fact (caption = body).
NEAR_COPY = 0.6
CONTAINED = 0.8
# Claims: the weight of a claim's sentence words next to its own, and the bonus
# for one subject with one predicate (tuned on the claims gold set's tune half).
CONTEXT_WEIGHT = 0.3
SAME_SUBJECT_PREDICATE = 0.15
CLAIM_THRESHOLD = 0.3  # tune half: 0.22 -> recall .52, pairs .53; 0.30 -> .46, .61; 0.38 -> .39, .72


def align(story: Story, settings: Settings) -> Story:
    """Group claims that state the same thing; keep the sentence similarity summarize needs."""
    sentences = [s for s in story.sentences if s.role != BOILERPLATE and s.terms]
    similarity = similarity_matrix(sentences, settings.similarity)
    story.similarity = similarity  # kept for summarize's redundancy check
    story.aligned = sentences
    if not story.claims:
        from newsweave.claims import build_claims

        build_claims(story)
    centrality = dict(zip((id(s) for s in sentences), _centrality(sentences)))
    claims = [c for c in story.claims if c.sentence.role != BOILERPLATE and (c.terms or c.entities)]
    matrix = claim_similarity(claims)
    apart = _claims_apart(claims, matrix)
    clusters = average_linkage(matrix, apart, CLAIM_THRESHOLD, penalty=-len(claims) - 1.0)
    order = {document.id: number for number, document in enumerate(story.documents)}
    row = {id(s): i for i, s in enumerate(sentences)}
    groups = []
    for members in clusters:
        members.sort(key=lambda i: (order[claims[i].document], claims[i].start))
        group_claims = [claims[i] for i in members]
        # The wording closest to the others': of the claims, then of their whole sentences
        # (one report's misspelled name elsewhere in the sentence is not the one quoted).
        rows = [row.get(id(c.sentence)) for c in group_claims]
        known = [r for r in rows if r is not None]
        consensus = matrix[np.ix_(members, members)].sum(axis=1) + np.array(
            [similarity[r, known].sum() if r is not None else 0.0 for r in rows]
        )
        best = max(
            range(len(members)),
            key=lambda k: _representative_claim_score(claims[members[k]], consensus[k], centrality.get(id(claims[members[k]].sentence), 0.0)),
        )
        representative = claims[members[best]]
        group_sentences = list({id(c.sentence): c.sentence for c in group_claims}.values())
        groups.append(
            FactGroup(
                id=0,
                sentences=group_sentences,
                representative=representative.sentence,
                salience=float(max(centrality.get(id(s), 0.0) for s in group_sentences)),
                claims=group_claims,
                representative_claim=representative,
            )
        )
    groups.sort(key=lambda g: (order[g.claims[0].document], g.claims[0].start))
    for number, group in enumerate(groups, start=1):
        group.id = number
    story.facts = groups
    return story


def claim_similarity(claims: list[Claim]) -> np.ndarray:
    """TF-IDF cosine of the claims' terms, entities and figures, with a little of their sentences' words.

    A short claim ("remain on high alert") says little alone; its sentence's
    words, weighted low, tell two such claims about different things apart.
    """
    if not claims:
        return np.zeros((0, 0))
    bags = [list(c.terms) + [f"@{e}" for e in c.entities] + [f"#{n}" for n in c.numbers] for c in claims]
    context = [list(c.sentence.terms) for c in claims]
    own = _tfidf(bags)
    around = _tfidf(context)
    vectors = np.hstack([own, CONTEXT_WEIGHT * around])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)
    matrix = vectors @ vectors.T
    # One subject doing one thing (same subject, same predicate) is a strong sign of one claim.
    subjects = np.array([c.subject or f"?{i}" for i, c in enumerate(claims)], dtype=object)
    predicates = np.array([c.predicate or f"?{i}" for i, c in enumerate(claims)], dtype=object)
    same = (subjects[:, None] == subjects[None, :]) & (predicates[:, None] == predicates[None, :])
    matrix = matrix + SAME_SUBJECT_PREDICATE * same
    np.fill_diagonal(matrix, 1.0)
    return np.clip(matrix, 0.0, 1.0)


def _tfidf(bags: list[list[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for item in bag:
            vocabulary.setdefault(item, len(vocabulary))
    matrix = np.zeros((len(bags), max(1, len(vocabulary))), dtype=np.float32)
    for row, bag in enumerate(bags):
        for item, count in Counter(bag).items():
            matrix[row, vocabulary[item]] = 1.0 + math.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(bags)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _claims_apart(claims: list[Claim], matrix: np.ndarray) -> np.ndarray:
    """Pairs that may not share a group: claims of one sentence; one report's claims that are not
    near copies; and claims giving incompatible figures for the same measure (a disagreement, not a fact)."""
    from newsweave.crosscheck.numbers import conflicting

    n = len(claims)
    ids = np.array([c.document for c in claims], dtype=object)
    sentence = np.array([id(c.sentence) for c in claims])
    apart = (ids[:, None] == ids[None, :]) & (matrix < NEAR_COPY)
    apart |= sentence[:, None] == sentence[None, :]
    for a, b in zip(*np.nonzero(ids[:, None] == ids[None, :])):
        if a < b and apart[a, b] and sentence[a] != sentence[b]:
            shorter, longer = sorted((set(claims[a].terms), set(claims[b].terms)), key=len)
            if len(shorter) >= 4 and len(shorter & longer) >= CONTAINED * len(shorter):
                apart[a, b] = apart[b, a] = False
    with_figures = [i for i, c in enumerate(claims) if c.quantities]
    for x, a in enumerate(with_figures):
        for b in with_figures[x + 1 :]:
            if ids[a] != ids[b] and conflicting(claims[a], claims[b]):
                apart[a, b] = apart[b, a] = True
    np.fill_diagonal(apart, False)
    return apart


def _representative_claim_score(claim: Claim, consensus: float, centrality: float) -> tuple:
    # Body copy over captions; a sentence's main claim (a summary quoting it asserts that);
    # then as for sentences: the wording closest to the others, the most on-topic, the earliest.
    sentence = claim.sentence
    return (
        sentence.role == BODY,
        claim.main,
        6 <= sentence.words <= 60,
        round(float(consensus), 3),
        round(float(centrality), 3),
        -sentence.index,
    )


def similarity_matrix(sentences: list[Sentence], method: str = "combined") -> np.ndarray:
    if method not in SIMILARITIES:
        raise ValueError(f"unknown similarity {method!r}; choose one of {', '.join(SIMILARITIES)}")
    n = len(sentences)
    if n == 0:
        return np.zeros((0, 0))
    if method == "tfidf":
        return tfidf_cosine(sentences)
    if method == "jaccard":
        return _set_overlap([set(s.terms) for s in sentences], jaccard=True)
    if method == "entities":
        return _set_overlap([set(s.entities) for s in sentences])
    return (
        0.7 * tfidf_cosine(sentences)
        + 0.2 * _set_overlap([set(s.entities) for s in sentences])
        + 0.1 * _set_overlap([set(s.numbers) for s in sentences])
    )


def tfidf_vectors(sentences: list[Sentence]) -> np.ndarray:
    """Rows are L2-normalised TF-IDF vectors over the sentences' content lemmas."""
    vocabulary: dict[str, int] = {}
    for sentence in sentences:
        for term in sentence.terms:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(sentences), max(1, len(vocabulary))), dtype=np.float32)
    for row, sentence in enumerate(sentences):
        for term, count in Counter(sentence.terms).items():
            matrix[row, vocabulary[term]] = 1.0 + math.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(sentences)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def tfidf_cosine(sentences: list[Sentence]) -> np.ndarray:
    vectors = tfidf_vectors(sentences)
    return vectors @ vectors.T


def _set_overlap(sets: list[set[str]], jaccard: bool = False) -> np.ndarray:
    """Dice (or Jaccard) overlap of every pair of sets; 0 where either is empty."""
    n = len(sets)
    result = np.zeros((n, n), dtype=np.float32)
    index: dict[str, list[int]] = {}
    for i, items in enumerate(sets):
        for item in items:
            index.setdefault(item, []).append(i)
    shared = Counter()
    for rows in index.values():
        for a in rows:
            for b in rows:
                if a < b:
                    shared[a, b] += 1
    for (a, b), count in shared.items():
        if jaccard:
            value = count / (len(sets[a]) + len(sets[b]) - count)
        else:
            value = 2 * count / (len(sets[a]) + len(sets[b]))
        result[a, b] = result[b, a] = value
    np.fill_diagonal(result, [1.0 if items else 0.0 for items in sets])
    return result


def _same_document_apart(sentences: list[Sentence], similarity: np.ndarray) -> np.ndarray:
    """Pairs of one report's sentences that are not near copies of each other.

    A caption or pull quote is often a shortened copy of a body sentence, so
    besides overall similarity, one's words lying almost all inside the
    other's also makes a near copy.
    """
    ids = np.array([s.document for s in sentences], dtype=object)
    apart = (ids[:, None] == ids[None, :]) & (similarity < NEAR_COPY)
    for a, b in zip(*np.nonzero(apart)):
        if a < b:
            shorter, longer = sorted((set(sentences[a].terms), set(sentences[b].terms)), key=len)
            if len(shorter) >= 4 and len(shorter & longer) >= CONTAINED * len(shorter):
                apart[a, b] = apart[b, a] = False
    return apart


def average_linkage(similarity: np.ndarray, apart: np.ndarray, threshold: float, penalty: float = 0.0) -> list[list[int]]:
    """Merge the most similar pair of clusters while their average similarity reaches threshold.

    Pairs marked in `apart` count as similarity `penalty`: they pull a merge down
    (a large negative penalty keeps them apart in any cluster).
    """
    n = len(similarity)
    work = similarity.astype(np.float64, copy=True)
    work[apart] = penalty
    np.fill_diagonal(work, -np.inf)
    members = [[i] for i in range(n)]
    while n > 1:
        flat = int(np.argmax(work))
        i, j = divmod(flat, len(work))
        if work[i, j] < threshold:
            break
        size_i, size_j = len(members[i]), len(members[j])
        merged = (size_i * work[i] + size_j * work[j]) / (size_i + size_j)
        work[i, :] = merged
        work[:, i] = merged
        work[i, i] = -np.inf
        work[j, :] = -np.inf
        work[:, j] = -np.inf
        members[i].extend(members[j])
        members[j] = []
    return [m for m in members if m]


def _centrality(sentences: list[Sentence]) -> np.ndarray:
    """Cosine of each sentence to the story's centroid: how on-topic it is."""
    if not sentences:
        return np.zeros(0)
    vectors = tfidf_vectors(sentences)
    centroid = vectors.sum(axis=0)
    norm = np.linalg.norm(centroid)
    return vectors @ (centroid / norm) if norm else np.zeros(len(sentences))


def _representative_score(sentence: Sentence, consensus: float, centrality: float) -> tuple:
    # Body copy over captions; then the wording closest to the group's other
    # wordings, so one report's misspelling is not the one quoted; then the
    # most on-topic; then the earliest.
    return (sentence.role == BODY, 6 <= sentence.words <= 60, round(float(consensus), 3), round(float(centrality), 3), -sentence.index)
