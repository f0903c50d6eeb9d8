"""align's fast paths give the floats and groups of the plain computations they replace."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest

import newsweave
from newsweave.align import (
    CLAIM_WEIGHTS,
    RARE_PREDICATE,
    SAME_FIGURE,
    _one_telling_figure,
    _same_description,
    _same_figure_measured,
    _tfidf,
    average_linkage,
    claim_features,
    claim_similarity,
)
from newsweave.claims import REPORTING
from newsweave.story import BOILERPLATE


def _average_linkage_by_full_scan(similarity, apart, threshold, penalty):
    """The merge loop with np.argmax over the whole matrix at every merge."""
    work = similarity.astype(np.float64, copy=True)
    work[apart] = penalty
    np.fill_diagonal(work, -np.inf)
    members = [[i] for i in range(len(work))]
    while len(work) > 1:
        i, j = divmod(int(np.argmax(work)), len(work))
        if work[i, j] < threshold:
            break
        merged = (len(members[i]) * work[i] + len(members[j]) * work[j]) / (len(members[i]) + len(members[j]))
        work[i, :] = work[:, i] = merged
        work[i, i] = -np.inf
        work[j, :] = work[:, j] = -np.inf
        members[i].extend(members[j])
        members[j] = []
    return [m for m in members if m]


def test_average_linkage_merges_as_a_full_scan_would():
    """Keeping each row's maximum finds the pair np.argmax over the whole matrix finds, ties too
    (values on a coarse grid tie often)."""
    chance = np.random.default_rng(11)
    for n in (0, 1, 2, 5, 30, 80):
        for _ in range(20):
            upper = np.triu(chance.integers(0, 8, size=(n, n)) / 8.0, 1)
            similarity = upper + upper.T
            cut = np.triu(chance.random((n, n)) < 0.2, 1)
            apart = cut | cut.T
            threshold = chance.choice([0.3, 0.5, 0.7])
            assert average_linkage(similarity, apart, threshold, -n - 1.0) == _average_linkage_by_full_scan(
                similarity, apart, threshold, -n - 1.0)


def _tfidf_bag_by_bag(bags):
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for item in bag:
            vocabulary.setdefault(item, len(vocabulary))
    matrix = np.zeros((len(bags), max(1, len(vocabulary))), dtype=np.float32)
    for row, bag in enumerate(bags):
        for item, count in Counter(bag).items():
            matrix[row, vocabulary[item]] = 1.0 + math.log(count)
    matrix *= np.log((1 + len(bags)) / (1 + (matrix > 0).sum(axis=0))) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def test_tfidf_of_all_bags_at_once_is_bag_by_bag_and_copies_are_rows():
    chance = random.Random(4)
    words = ["flood", "river", "bridge", "levee", "rain", "road", "mayor", "dam"]
    for _ in range(50):
        bags = [[chance.choice(words) for _ in range(chance.randint(0, 6))] for _ in range(chance.randint(0, 9))]
        expected = _tfidf_bag_by_bag(bags)
        found = _tfidf(bags)
        assert found.dtype == expected.dtype and np.array_equal(found, expected)
        # a bag standing for several rows: its row, with the document frequency of them all
        copies = [chance.randint(1, 3) for _ in bags]
        spread = [i for i, k in enumerate(copies) for _ in range(k)]
        assert np.array_equal(_tfidf(bags, copies)[spread], _tfidf_bag_by_bag([bags[i] for i in spread]))


@pytest.fixture(scope="module")
def claims():
    """Invented reports of one flood, with figures and repeated predicates."""
    story = newsweave.brief([
        {"id": "r1", "text": (
            "The Tarn river burst its banks on Sunday, flooding 140 homes in Lowford.\n\n"
            "Mayor Ellen Brisk said 12 people were rescued from rooftops.\n\n"
            "The bridge on the ring road was closed, police said.\n")},
        {"id": "r2", "text": (
            "About 150 homes were flooded in Lowford when the Tarn burst its banks.\n\n"
            "Twelve people were rescued, Mayor Brisk told reporters.\n\n"
            "Police closed the ring road bridge on Sunday night.\n")},
        {"id": "r3", "text": (
            "Floodwater reached 140 homes in Lowford, officials said on Monday.\n\n"
            "The levee upstream held, and the rain eased by Monday.\n")},
    ], one_story=False).story
    return [c for c in story.claims if c.sentence.role != BOILERPLATE and (c.terms or c.entities)]


def test_claim_similarity_is_the_weighted_evidence_as_written(claims):
    """claim_similarity adds the weights of the evidence that holds in place, and raises the pairs
    of one figure or one rare state, without the temporary matrices: the same floats as the formula."""
    features = claim_features(claims)
    assert all(m.dtype in (np.float32, np.float64) for m in features.values())
    n = len(claims)
    score = np.full((n, n), CLAIM_WEIGHTS["bias"])
    for name, matrix in features.items():
        score += CLAIM_WEIGHTS[name] * matrix
    expected = 1.0 / (1.0 + np.exp(-score))
    weak = np.array([not c.predicate or c.predicate in ("be", "have") or c.predicate in REPORTING for c in claims])
    contentful = (~weak[:, None] & ~weak[None, :]).astype(float)
    same_figure = np.maximum(features["figure"] * features["predicate"] * contentful, _same_figure_measured(claims))
    same_state = (features["rare_predicate"] >= RARE_PREDICATE) * features["three"] * contentful
    plain = (same_figure > 0) | (same_state > 0) | _same_description(claims) | _one_telling_figure(claims)
    # (lifted to SAME_FIGURE at least, keeping their order: the likelier of two such pairs stays the likelier)
    expected = np.where(plain, np.maximum(expected, SAME_FIGURE + (1.0 - SAME_FIGURE) * expected), expected)
    np.fill_diagonal(expected, 1.0)
    assert (expected > 0.5).sum() > n  # some pairs state one fact: the check is not of zeros alone
    assert np.array_equal(claim_similarity(claims), expected)


def test_days_meet_as_the_pairwise_prefix_test_finds():
    """align._days_meet (days and the periods holding them, indexed) against every pair's dates compared."""
    from newsweave.align import _days_meet

    rng = random.Random(7)
    forms = ["2026", "2025", "2026-03", "2026-04", "2026-03-04", "2026-03-05", "2026-04-01", "2026-W10", "2025-W10"]
    for _ in range(50):
        days = [set(rng.sample(forms, rng.randint(0, 3))) for _ in range(rng.randint(1, 12))]
        meet = _days_meet(days)
        for i, a in enumerate(days):
            for j, b in enumerate(days):
                expected = any(x.startswith(y) or y.startswith(x) for x in a for y in b)
                assert meet[i, j] == expected, (a, b)


def test_no_claims_are_kept_apart_without_error():
    """A brief of two lines that state nothing ("/etc/passwd") has no claims: the rule keeping two people's ages apart
    made an empty array of floats, which numpy will not AND with booleans (a 500 on the web page, caught by CI)."""
    import numpy as np

    from newsweave.align import _claims_apart

    assert _claims_apart([], np.zeros((0, 0))).shape == (0, 0)
