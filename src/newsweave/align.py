"""The align stage (after claims, before entities): group the claims that state the same fact into fact groups.

Two claims of different reports are compared by `claim_similarity`: how
likely they state one fact, a logistic model over lexical evidence (their own
words, their sentences' words, the rarest word they share, one predicate with
one figure...). Groups are formed by average-linkage agglomerative
clustering: unlike linking every pair above a threshold, it does not chain
"A is like B, B is like C" into one group that A and C would never share.

Two claims of the same report join one group only when they are near copies
(a caption or pull quote repeating the body); otherwise a report would
corroborate itself. Sentence similarity (one of a few methods, chosen by
`Settings.similarity`; see benchmarks/alignment_quality.py) is kept for
summarize and for the "resting on one report only" check.
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from itertools import chain
from typing import TypeVar

import numpy as np

from newsweave.annotate.features import number_key
from newsweave.claims import FUTURE, PAST, REPORTING, aged, build_claims, term
from newsweave.load.published import publication_days
from newsweave.quantities import (
    AGE,
    COUNT,
    MARGIN,
    ORDINAL,
    ORGANISATION_WORDS,
    PERCENT,
    PREDICATE_CLASS_NAMES,
    SAME_BOUND,
    SCORE,
    TIME,
    Quantity,
    compatible,
    conflicting,
    measure_key,
    predicate_class,
    same_measure,
)
from newsweave.settings import Settings
from newsweave.story import BODY, BOILERPLATE, DESCRIPTIONS, NOMINAL, Claim, FactGroup, Sentence, Story
from newsweave.union_find import UnionFind

SIMILARITIES = ("tfidf", "jaccard", "entities", "combined")
# Same-report sentences must be this alike to be one fact (caption = body).
NEAR_COPY = 0.6
CONTAINED = 0.8
# Claims: how likely two claims of different reports state one fact, a logistic model over
# lexical evidence (weights fitted on the claims gold set's tune half; see CLAIM_WEIGHTS).
CLAIM_THRESHOLD = 0.42
SAME_FIGURE = 0.9  # the least likelihood of one fact for one predicate with one figure
RARE_PREDICATE = 0.6  # a predicate this rare in the story (scaled IDF) with three shared terms is one fact
CLAIM_NEAR_COPY = 0.9  # one report's two claims this likely alike are one (a caption repeating the body)
# A term's first letters stand for its family ("paralyzed"/"paralysis", "collided"/"collision").
STEM = 6


def align(story: Story, settings: Settings) -> Story:
    """Group claims that state the same thing; keep the sentence similarity summarize needs."""
    sentences = [s for s in story.sentences if s.role != BOILERPLATE and s.terms]
    vectors = tfidf_vectors(sentences)  # once for the similarity and the centrality
    similarity = similarity_matrix(sentences, settings.similarity, vectors)
    story.workspace.similarity = similarity  # kept for summarize and corroborate
    story.workspace.aligned = sentences
    if not story.claims:
        build_claims(story)
    centrality = dict(zip((id(s) for s in sentences), _centrality(sentences, vectors), strict=True))
    claims = [c for c in story.claims if c.sentence.role != BOILERPLATE and (c.terms or c.entities)]
    lexical = claim_similarity(claims)
    embedded = _embedded(claims, settings.claim_embeddings)
    matrix = claim_similarity(claims, embedded) if embedded else lexical
    if claims:
        # (how like the closest claim of another report: a report's copy is no other report)
        originals = story.originals()
        closest = np.where(_same([originals.get(c.document, c.document) for c in claims]), 0.0, matrix).max(axis=1)
        for claim, value in zip(claims, closest, strict=True):
            claim.echo = float(value)
    # One report's two claims are one only when near copies in words: embeddings find two claims on one
    # topic alike ("the terror network behind the attacks", "the attacks killed 130"), and CLAIM_NEAR_COPY
    # was set on the words' scale.
    apart = _claims_apart(claims, lexical, lambda: _story_dates(story), lambda: publication_days(story.documents))
    apart |= _said_by_other_people(story, claims)
    apart |= _other_parties(claims)
    clusters = average_linkage(matrix, apart, CLAIM_THRESHOLD, penalty=-len(claims) - 1.0)
    order = {document.id: number for number, document in enumerate(story.documents)}
    row = {id(s): i for i, s in enumerate(sentences)}
    groups = []
    for members in clusters:
        members.sort(key=lambda i: (order[claims[i].document], claims[i].start))
        group_claims = [claims[i] for i in members]
        representative = group_claims[0] if len(members) == 1 else _representative(
            group_claims, matrix[np.ix_(members, members)], similarity, row, centrality)
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


# Logistic weights of each piece of evidence that two claims state one fact. Fitted by
# logistic regression on every pair of claims of different reports in the tune half of the
# claims gold set (a pair is positive when both overlap one gold claim); the sentence's words
# weigh most: a short claim says little alone, and its sentence tells two such claims apart.
CLAIM_WEIGHTS = {
    "claim": 1.01,  # cosine of the claims' own terms, entities and figures
    "sentence": 5.79,  # cosine of their sentences' terms
    "both": 1.49,  # geometric mean of the two: one fact in one context
    "contained": 0.83,  # the shorter claim's (IDF-weighted) terms found in the other
    "rarest": 0.81,  # the rarest term they share (scaled IDF): "autopsy", "banquet"
    "short": -0.28,  # either claim has two terms or fewer ("remain on high alert")
    "predicate": 0.38,  # same predicate (synonyms folded)
    "rare_predicate": -0.03,  # same predicate, by how seldom the story uses it ("severe")
    "entity": 0.35,  # a shared entity
    "figure": 0.92,  # the same exact figure ("130")
    "three": 0.41,  # three or more terms in common: a fact retold inside a longer sentence
    "shared": 1.17,  # the IDF of all the terms they share (scaled, capped)
    "context_rarest": 3.95,  # the rarest term their sentences share
    "subject": 0.47,  # the same subject (entity key or lemma)
    "date": 0.77,  # the same date expression
    "same_quantity": 0.8,  # compatible values of one measure ("about 1,400 homes", "1,412 homes")
    "bias": -7.26,
}


# The same model with two more pieces of evidence, for `Settings.claim_embeddings = "e5"`: the
# cosines of the claims' and of their sentences' embeddings (newsweave/embeddings.py). Fitted as
# CLAIM_WEIGHTS was, on the same pairs (benchmarks/claims_fit.py --fit --add e5 --add e5_sentence).
CLAIM_WEIGHTS_E5 = {
    "claim": 2.27, "sentence": 5.38, "both": -2.56, "contained": -0.47, "rarest": 1.07, "short": 0.06,
    "predicate": 1.81, "rare_predicate": -2.73, "entity": 0.04, "figure": 0.75, "three": -0.3, "shared": 4.3,
    "context_rarest": 2.79, "subject": 0.41, "date": 0.99, "same_quantity": 0.23,
    "e5": 7.17,  # cosine of the claims' own words' embeddings
    "e5_sentence": 10.3,  # cosine of their sentences' embeddings
    "bias": -21.14,
}


def _embedded(claims: list[Claim], kind: str) -> dict[str, np.ndarray]:
    """The embedding evidence `kind` asks for ({} for none): the claims' own words and their sentences."""
    if not kind:
        return {}
    from newsweave.embeddings import cosines  # lazy: only when asked for (it loads a model)

    own = [" ".join(c.sentence.text[a - c.sentence.start : b - c.sentence.start] for a, b in
                    (c.pieces or ((c.start, c.end),))) for c in claims]
    own_words, sentences = cosines(kind, own, [c.sentence.text for c in claims])
    return {"e5": own_words, "e5_sentence": sentences}


def claim_similarity(claims: list[Claim], embedded: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """How likely each pair of claims states one fact (0..1): CLAIM_WEIGHTS over lexical evidence, or
    CLAIM_WEIGHTS_E5 over it and the `embedded` cosines (`_embedded`)."""
    n = len(claims)
    if not n:
        return np.zeros((0, 0))
    weights = CLAIM_WEIGHTS_E5 if embedded else CLAIM_WEIGHTS
    score = np.full((n, n), weights["bias"])
    evidence = {}  # what is read again below; the rest is let go once weighed
    for name, matrix in chain(_evidence(claims), (embedded or {}).items()):
        if matrix.dtype == bool:  # the weight where it holds, in one pass: the same sums as weight x 1.0 or 0.0
            np.add(score, weights[name], out=score, where=matrix)
        else:
            score += weights[name] * matrix
        if name in ("figure", "predicate", "rare_predicate", "three"):
            evidence[name] = matrix
        del matrix
    # 1 / (1 + e^-score), in place
    matrix = np.exp(np.negative(score, out=score), out=score)
    matrix += 1.0
    np.divide(1.0, matrix, out=matrix)
    # One predicate with one figure ("killed 14", "14 people were killed") is one fact
    # however little else the two sentences share.
    contentful = _contentful(claims)
    plain = (evidence["figure"] & evidence["predicate"] & contentful) | _same_figure_measured(claims)
    # So is one rarely used predicate with two more words in common ("the threat remains severe",
    # "raised the terror alert to severe"): what is said of the thing, and the thing.
    plain |= (evidence["rare_predicate"] >= RARE_PREDICATE) & evidence["three"] & contentful
    # And so is one role said of one person, before or after the name ("quarterback Kain Colter",
    # "Colter, the team's quarterback"), whatever the sentences around them say.
    plain |= _same_description(claims)
    # And so is one telling figure of one measure, however each report words the rest ("the 300-metre container
    # ship", "The ship is 300 metres long"; "the evacuation of some 9,000 residents", "Around 9,000 people ...
    # told to leave their homes").
    plain |= _one_telling_figure(claims)
    # Each such pair is lifted to SAME_FIGURE at least, in the order of its likeness: of two claims that are plainly one
    # fact with a third, the likelier joins it ("Marden, who leads the Front" rather than "Rebel chief Marden", with
    # "Marden, leader of the Front").
    np.maximum(matrix, SAME_FIGURE + (1.0 - SAME_FIGURE) * matrix, out=matrix, where=plain)
    np.fill_diagonal(matrix, 1.0)
    return matrix


def _contentful(claims: list[Claim]) -> np.ndarray:
    """Pairs whose predicate says something: not a copula, 'have' or a verb of saying."""
    weak = np.array([not c.predicate or c.predicate in ("be", "have") or c.predicate in REPORTING for c in claims])
    return ~weak[:, None] & ~weak[None, :]


def _stem(term: str) -> str:
    return term[:STEM]


def _stems(terms: Iterable[str]) -> list[str]:
    """`_stem` of each term (a slice each rather than a call each: there are thousands)."""
    return [t[:STEM] for t in terms]


def claim_features(claims: list[Claim]) -> dict[str, np.ndarray]:
    """The pairwise evidence CLAIM_WEIGHTS weighs, each an n x n matrix of floats."""
    return {name: matrix.astype(float) if matrix.dtype == bool else matrix for name, matrix in _evidence(claims)}


def _evidence(claims: list[Claim]) -> Iterator[tuple[str, np.ndarray]]:
    """`claim_features` one at a time, in CLAIM_WEIGHTS' order, those that hold or not as n x n booleans
    (quicker to weigh). Each is made when it is asked for and let go once given: held all at once, the
    sixteen n x n matrices were most of a big story's memory (docs/benchmarks.md, "Stories too big to brief")."""
    n = len(claims)
    stems = [_stems(c.terms) for c in claims]
    own = _tfidf([s + [f"@{e}" for e in c.entities] + [f"#{x}" for x in c.numbers] for s, c in zip(stems, claims, strict=True)])
    # A sentence's terms, folded once for all its claims; `position`: each claim's sentence.
    sentences = list({id(c.sentence): c.sentence for c in claims}.values())
    number = {id(s): k for k, s in enumerate(sentences)}
    position = [number[id(c.sentence)] for c in claims]
    # Rarity counts over the story's sentences: a word in few of them is a strong sign.
    frequency: Counter[str] = Counter()
    folded = []
    for s in sentences:
        fold = dict(zip(s.terms, _stems(map(term, s.terms)), strict=True))
        folded.append([fold[t] for t in s.terms])
        frequency.update(fold.values())  # (each of the sentence's terms once)
    # Their sentences' TF-IDF vectors, sentence by sentence (several claims share one), then one
    # row per claim. (The product is taken claim by claim: BLAS may round a smaller one differently.)
    copies = Counter(position)
    context = _tfidf(folded, [copies[k] for k in range(len(sentences))])[position]
    claim = np.clip(own @ own.T, 0.0, 1.0)
    sentence = np.clip(context @ context.T, 0.0, 1.0)
    del own, context
    yield "claim", claim
    yield "sentence", sentence
    both = np.sqrt(claim * sentence)
    del claim, sentence
    yield "both", both
    del both
    total = len(sentences)
    idf = {t: math.log((total + 1) / (f + 1)) for t, f in frequency.items()}
    scale = math.log(total + 1) or 1.0
    bags = [set(s) for s in stems]
    weight = np.array([sum(idf.get(t, 0.0) for t in bag) for bag in bags])
    # Sums and maxima over the terms each pair of claims shares, term by term in one order.
    flat, item, vocabulary = _pair_items(bags, shared_only=True)
    term_idf = np.array([idf.get(t, 0.0) for t in vocabulary], dtype=float)[item]
    three = _pair_sum(n, flat) >= 3
    shared = _pair_sum(n, flat, term_idf)
    smaller = np.minimum(weight[:, None], weight[None, :])
    contained = np.divide(shared, smaller, out=np.zeros((n, n)), where=smaller > 0)
    del smaller
    yield "contained", np.clip(contained, 0.0, 1.0, out=contained)
    del contained
    rarest = _pair_max(n, flat, term_idf / scale)
    del flat, item, term_idf
    yield "rarest", rarest
    del rarest
    short = np.array([len(bag) <= 2 for bag in bags])
    yield "short", short[:, None] | short[None, :]
    # The same predicate counts for more when the story seldom uses it ("severe" against "say").
    predicate_rarity = np.array([idf.get(_stem(c.predicate), 0.0) / scale if c.predicate else 0.0 for c in claims])
    same_predicate = _same([c.predicate or f"?{i}" for i, c in enumerate(claims)])
    yield "predicate", same_predicate
    yield "rare_predicate", same_predicate * np.minimum(predicate_rarity[:, None], predicate_rarity[None, :])
    del same_predicate
    yield "entity", _sharing([set(c.entities) for c in claims])
    yield "figure", _sharing([set(c.numbers) for c in claims])
    yield "three", three
    del three
    shared /= scale
    yield "shared", np.clip(shared, 0.0, 3.0, out=shared) / 3.0
    del shared
    # The rarest word two claims' sentences share: the context that tells two short claims apart.
    # Worked out pair by pair of sentences (several claims share one), then spread to their claims.
    flat, item, vocabulary = _pair_items([set(bag) for bag in folded], shared_only=True, copies=copies)
    context_rarest = _pair_max(len(sentences), flat, np.array([idf.get(t, 0.0) / scale for t in vocabulary], dtype=float)[item])
    del flat, item
    yield "context_rarest", context_rarest[np.ix_(position, position)]
    del context_rarest
    yield "subject", _same([c.subject or f"?{i}" for i, c in enumerate(claims)])
    yield "date", _sharing([{d.lower() for d in c.dates} for c in claims])
    yield "same_quantity", _same_quantity(claims)


def _same_figure_measured(claims: list[Claim]) -> np.ndarray:
    """True where two claims give one exact figure for one measure: the same counted noun and the same
    predicate ("the 14 people killed in the collapse", "Fourteen people were killed"), whatever
    else each claim's own verb says."""
    keys = [
        {(x.kind, x.value, x.noun, x.predicate) for x in c.quantities
         if x.exact and x.noun and x.predicate in (c.predicate, predicate_class(c.subject)) and x.predicate not in ("be", "have")}
        for c in claims  # (the claim says it: "the mayor visited the 14 killed" is a visit; or its subject names it:
    ]  # "An order for 48 helicopters will modernise the fleet" tells the order)
    # ... or one exact figure and a hedged one that holds it, near it: "ordered 48 helicopters", "an order for four
    # dozen helicopters"; "about 1,400 residents were evacuated", "1,412 residents were evacuated"
    told = [[x for x in c.quantities if not x.vague and x.noun and x.predicate not in ("be", "have")
             and x.predicate in (c.predicate, predicate_class(c.subject))] for c in claims]
    hedged = _figures_alike(told, lambda x: (x.kind, x.noun, x.predicate), _one_held_by_the_other, near=True)
    return _sharing(keys) | (hedged & ~_same([c.document for c in claims]))


def _one_held_by_the_other(x: Quantity, y: Quantity) -> bool:
    """An exact figure inside a hedged figure's range ("48" in "four dozen", 40 to 56); near its stated value too, as
    `_figures_alike(near=True)` asks only of figures `_close` in value."""
    exact, hedged = (x, y) if x.exact else (y, x)
    return (exact.exact and not hedged.exact and hedged.low is not None and hedged.high is not None
            and hedged.low <= exact.value <= hedged.high)


# A count this large is seldom given alike by chance; a smaller one ("three arrested", "three charges") often is.
TELLING_COUNT = 100
# Figures of anything, whose measure the words rarely pin down: a share (of profit? of revenue?), a score (of which
# set?), a clock time, an ordinal; and an age, said in passing in a clause about something else ("Marek Duda, 41,
# had been ill for a year"), whose fact is its own age claim's (`claims._ages`).
_UNTELLING_KINDS = frozenset({PERCENT, SCORE, TIME, ORDINAL, AGE})


def _one_telling_figure(claims: list[Claim]) -> np.ndarray:
    """True where two claims of different reports give compatible values of one measure (`quantities.same_measure`)
    in a figure that tells its fact: in a unit, or a count of `TELLING_COUNT` or more."""
    def measure_of(x: Quantity) -> tuple | None:
        if x.vague or x.kind in _UNTELLING_KINDS or (x.kind == COUNT and x.value < TELLING_COUNT and x.value == int(x.value)):
            return None
        return measure_key(x)

    alike = _figures_alike([c.quantities for c in claims], measure_of, lambda x, y: same_measure(x, y) and compatible(x, y),
                           near=True)
    return alike & ~_same([c.document for c in claims])


def _close(a: float, b: float) -> bool:
    """Whether two stated values are near enough to be one figure told two ways ("nearly 37,000", "37,000"): a floor
    holds any larger figure ("more than 1,000 troops", "5,000 troops"), which tells no fact."""
    return min(abs(a), abs(b)) >= SAME_BOUND * max(abs(a), abs(b))


def _same_description(claims: list[Claim]) -> np.ndarray:
    """True where two claims describe one person (or body) with one role noun (a speaker's claim too, when
    it took in a description: claims._into_speakers), or are nominal claims with one key: one event on one
    day, one person's age."""
    alike = _sharing([{(c.subject, c.predicate)} if c.kind in (*DESCRIPTIONS, *NOMINAL, "speaker") and c.subject and c.predicate
                      else _age_stated(c) for c in claims])
    # ... and a relative clause giving a described person's role in a verb ("Ivo Marden, leader of the Front", "Marden,
    # who leads the Front"; claims.term folds "founded" and "founder", "heads" and "head"); but two relative clauses are
    # no roles ("who have a range of assignments", "who has a reputation")
    relative = np.array([c.kind == "relative" for c in claims])
    described = np.array([c.kind in (*DESCRIPTIONS, "speaker") for c in claims])
    if relative.any() and described.any():
        roles = _sharing([{(c.subject, _ROLE_OF_VERB.get(c.predicate, c.predicate))} if (relative[i] or described[i])
                          and c.subject and c.predicate else set() for i, c in enumerate(claims)])
        alike |= roles & ((relative[:, None] & described[None, :]) | (described[:, None] & relative[None, :]))
    return alike


# A verb whose doer holds the role its noun names, where the verb is too common to be that noun's synonym everywhere
# ("the shooting that led to the lockdown" leads nothing).
_ROLE_OF_VERB = {"lead": "leader"}


def _age_stated(claim: Claim) -> set[tuple[str, str]]:
    """A named person's age, keyed as an age claim is ("Randall Hackett, 58"), when a clause states nothing
    else ("Hackett is 58", "who was 9 at the time")."""
    return {
        (q.owner, aged(q.value))
        for q in claim.quantities
        if q.kind == AGE and q.owner and q.exact and claim.predicate in (number_key(q.value), "old", "age")
    }



def _same_quantity(claims: list[Claim]) -> np.ndarray:
    """True where two claims give compatible values of one measure ("about 1,400 homes", "1,412 homes")."""
    return _figures_alike([c.quantities for c in claims], lambda x: (), lambda p, r: p.kind == r.kind and compatible(p, r) and (
        bool(p.noun and p.noun == r.noun) or bool(p.predicate and p.predicate == r.predicate)))


def _figures_alike(held: Sequence[Sequence[Quantity]], group_of: Callable[[Quantity], tuple | None],
                   alike: Callable[[Quantity, Quantity], bool], near: bool = False) -> np.ndarray:
    """n x n: True where two claims hold figures `alike` (`held`: each claim's figures, or those a rule reads), of
    which only those `group_of` puts in one group (None: no group) are compared. Each kind of figure (a figure without
    where it was written) is compared once, the claims holding it as a block: a page repeating one figure holds few
    kinds, and compared claim by claim it took seconds.
    `near`: figures alike are `_close` in value, so each is compared only with those near it, in order of value (a
    hostile page of 3,000 figures of one measure, each another, took 5 s compared each with all)."""
    n = len(held)
    matrix = np.zeros((n, n), dtype=bool)
    groups: dict[tuple, dict[Quantity, list[int]]] = {}
    for i, quantities in enumerate(held):
        for x in quantities:
            group = group_of(x)
            if group is not None:
                kind = x.with_(written="", document="", start=0, end=0, token=-1)
                groups.setdefault(group, {}).setdefault(kind, []).append(i)
    for kinds in groups.values():
        found = sorted(kinds.items(), key=lambda item: abs(item[0].value)) if near else list(kinds.items())
        for at, (x, holders) in enumerate(found):
            for y, others in found[at:]:
                if near and not _close(x.value, y.value):
                    break  # (and so are all that follow, larger still)
                if alike(x, y):
                    matrix[np.ix_(holders, others)] = True
                    matrix[np.ix_(others, holders)] = True
    np.fill_diagonal(matrix, False)  # (pairs of two claims: one claim's own figures are no pair)
    return matrix


def _same(values: Sequence) -> np.ndarray:
    """n x n: True where two rows' values are equal. Compared as numbers: numpy compares an
    object array's strings one Python call at a time."""
    codes: dict = {}
    numbers = np.array([codes.setdefault(value, len(codes)) for value in values], dtype=np.int64)
    return numbers[:, None] == numbers[None, :]


_Item = TypeVar("_Item", bound=Hashable)


def _holders(bags: Iterable[Iterable[_Item]]) -> dict[_Item, list[int]]:
    """Each item -> the rows whose bag holds it."""
    holders: dict[_Item, list[int]] = {}
    for i, bag in enumerate(bags):
        for item in bag:
            holders.setdefault(item, []).append(i)
    return holders


def _sharing(bags) -> np.ndarray:
    """True where two rows' bags share an item."""
    n = len(bags)
    flat = np.zeros(n * n, dtype=bool)
    flat[_pair_items(bags, shared_only=True)[0]] = True
    sharing = flat.reshape(n, n)
    np.fill_diagonal(sharing, [bool(bag) for bag in bags])  # (an item only one bag holds)
    return sharing


def _pair_items(bags, shared_only: bool = False, copies: Counter[int] | None = None) -> tuple[np.ndarray, np.ndarray, list]:
    """Every (pair of rows, item both hold) at once: (flat pair index row * n + column, the item's
    number, the items), item by item in `_holders` order; the pairs include (row, row). With
    `shared_only`, only the items two or more rows hold; `copies` (row -> how many rows it stands
    for, 1 if absent) counts a row standing for several as that many."""
    n = len(bags)
    holders = _holders(bags)
    copies = copies or Counter()
    items = [item for item, rows in holders.items() if not shared_only or len(rows) > 1 or copies[rows[0]] > 1]
    if not items:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), items
    held = [holders[item] for item in items]
    rows = np.fromiter(chain.from_iterable(held), dtype=np.int64)
    counts = np.fromiter(map(len, held), dtype=np.int64, count=len(held))
    starts = np.cumsum(counts) - counts
    # Entry e (row r of item t) pairs with each of t's rows: repeat it len(t) times...
    per_entry = np.repeat(counts, counts)
    first = np.repeat(rows, per_entry)
    # ...against t's rows in order.
    entry_start = np.repeat(np.repeat(starts, counts), per_entry)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(per_entry) - per_entry, per_entry)
    second = rows[entry_start + offset]
    item = np.repeat(np.repeat(np.arange(len(items)), counts), per_entry)
    return first * n + second, item, items


def _pair_sum(n: int, flat: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
    """n x n sums of `values` (1 each if None) by flat pair index, added in the given order."""
    return np.bincount(flat, weights=values, minlength=n * n).astype(float, copy=False).reshape(n, n)


def _pair_max(n: int, flat: np.ndarray, values: np.ndarray) -> np.ndarray:
    """n x n maxima of `values` by flat pair index (0 where a pair has none)."""
    result = np.zeros(n * n)
    np.maximum.at(result, flat, values)
    return result.reshape(n, n)


def _tfidf(bags: Sequence[Sequence[str]], copies: Sequence[int] | None = None) -> np.ndarray:
    """Rows are L2-normalised TF-IDF vectors of the bags; `copies`: how many rows each bag stands for
    (the rows of bags listed once each, the document frequency counted over all the rows)."""
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(item, len(vocabulary)) for bag in bags for item in bag]
    width = max(1, len(vocabulary))
    rows = np.repeat(np.arange(len(bags)), [len(bag) for bag in bags])
    # Each (row, item) once with its count, all at once: a Counter per bag is slow.
    cells, counts = np.unique(rows * width + np.array(columns, dtype=np.int64), return_counts=True)
    matrix = np.zeros((len(bags), width), dtype=np.float32)
    if len(cells):  # the term frequency 1 + log(count), by math.log (numpy's log may differ in the last bit)
        frequency = np.zeros(int(counts.max()) + 1)
        frequency[1:] = [1.0 + math.log(count) for count in range(1, len(frequency))]
        matrix.flat[cells] = frequency[counts]
    weights = None if copies is None else np.asarray(copies, dtype=np.int64)[cells // width]
    document_frequency = np.bincount(cells % width, weights, minlength=width).astype(np.int64)
    matrix *= np.log((1 + (len(bags) if copies is None else sum(copies))) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _story_dates(story: Story) -> list:
    """The story's date mentions, resolved (the timeline stage reads them again from the workspace)."""
    if not story.workspace.dates:
        from newsweave.timeline import date_mentions  # lazy: dateparser

        story.workspace.dates = date_mentions(story)
    return story.workspace.dates


def _claims_apart(claims: list[Claim], matrix: np.ndarray, mentions: Callable[[], list] = list,
                  published: Callable[[], dict] = dict) -> np.ndarray:
    """Pairs that may not share a group: claims of one sentence; one report's claims that are not
    near copies; and claims giving incompatible figures for the same measure, or one exact count each and
    not the same (a disagreement, not a fact)."""
    same_report = _same([c.document for c in claims])
    same_sentence = _same([id(c.sentence) for c in claims])
    apart = (same_report & (matrix < CLAIM_NEAR_COPY)) | same_sentence
    # ...but not one report's two sentences of which one is a shortened copy of the other
    # (pairs within each report only: across reports it is not asked).
    inside = np.zeros_like(same_report)
    by_report: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_report.setdefault(c.document, []).append(i)
    for rows in by_report.values():
        inside[np.ix_(rows, rows)] = _words_inside_pairs([claims[i].terms for i in rows])
    apart &= ~(same_report & ~same_sentence & inside)
    # Figures conflict only for one measure: only pairs of claims with a measure in common are asked.
    measured = _sharing([{key for x in c.quantities if (key := measure_key(x)) is not None} for c in claims])
    for a, b in zip(*np.nonzero(np.triu(measured & ~same_report, 1)), strict=True):
        if conflicting(claims[a], claims[b]):
            apart[a, b] = apart[b, a] = True
    # Whatever they count, two claims that each give one exact count, and not the same, do not state
    # one fact: a headline's "1,200 flee homes" is not "Dam leak keeps 1,400 from homes", though the
    # parse says of neither what it counts. (Hedged, several or unread counts are left to the measures.)
    single = np.full(len(claims), np.nan)
    for i, c in enumerate(claims):
        counts = [q for q in c.quantities if q.kind == COUNT and not q.unit and not q.role]
        if len(counts) == 1 and counts[0].exact:
            single[i] = counts[0].value
    # A claim and its denial ("Syria supports the rebels", "Syria has denied supporting the rebels") are two facts.
    negated = np.array([c.negated for c in claims])
    apart |= negated[:, None] != negated[None, :]
    given = ~np.isnan(single)
    apart |= given[:, None] & given[None, :] & (single[:, None] != single[None, :]) & ~same_report
    apart |= _told_apart(claims, mentions, published) & ~same_report
    # An age is one person's: "Ann Moro died at 84" and "Tom Holt died at 84" are two ages, however alike the words
    aged = np.array([c.kind == "age" and bool(c.subject) for c in claims], dtype=bool)
    apart |= aged[:, None] & aged[None, :] & ~_same([c.subject for c in claims])
    np.fill_diagonal(apart, False)
    return apart


def _days_told(claims: list[Claim], mentions: list) -> list[set[str]]:
    """The dates each claim's words give, resolved against its report's day (ISO: "2026-03-04", "2026-03")."""
    by_document: dict[str, list[tuple[int, str]]] = {}
    for mention in mentions:
        if mention.date is not None:
            by_document.setdefault(mention.evidence.document, []).append((mention.evidence.start, mention.date))
    for dated in by_document.values():
        dated.sort()
    days = []
    for claim in claims:  # (each claim's mentions found by their starts: a scan of the report's for every claim
        dated = by_document.get(claim.document, [])  # is claims times mentions)
        first, last = bisect_left(dated, (claim.start,)), bisect_left(dated, (claim.end,))
        days.append({date for _, date in dated[first:last]})
    return days


# A season's months, as the reports' own calendars have them (winter straddles two years and is left out).
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON = re.compile(r"(?:(this|last|next|early|late)\s+)?(spring|summer|autumn|fall)", re.IGNORECASE)


def _seasons_told(claims: list[Claim], published: dict) -> list[set[str]]:
    """The year of each season a claim's words name, against its report's day: "last autumn" in a report of March
    2026 is 2025's, "this summer" 2026's, a bare "spring" the next one for a deed to come and the last for one done.
    (The timeline leaves seasons out, as its gold does; here a year is enough to tell a plan from last year's deed.)"""
    found = []
    for claim in claims:
        day = published.get(claim.document)
        years = {year for written in claim.dates if day is not None
                 and (year := _season_year(written, day.year, day.month, claim.tense)) is not None}
        found.append(years)
    return found


def _season_year(written: str, year: int, month: int, tense: str) -> str | None:
    match = _SEASON.fullmatch(written.strip())
    if match is None:
        return None
    which, season = (match.group(1) or "").lower(), match.group(2).lower()
    if season == "fall" and which not in ("this", "last", "next"):
        return None  # ("the fall of the city", "after the fall")
    first, last = _SEASONS[season]
    if which == "last":
        return str(year if last < month else year - 1)
    if which == "next":
        return str(year if first > month else year + 1)
    if which == "this":
        return str(year)
    if tense == FUTURE:
        return str(year if last >= month else year + 1)
    if tense == PAST:
        return str(year if first <= month else year - 1)
    return None


def _days_meet(days: list[set[str]]) -> np.ndarray:
    """n x n: whether two claims' days meet, one the same as the other's or holding it ("2026-03" holds
    "2026-03-04", "2026" holds "2026-W10"). Asked of each day and the periods that hold it, not of every pair."""
    own: dict[str, list[int]] = {}
    held: dict[str, list[int]] = {}  # a day or period -> the claims with a day in it
    for i, found in enumerate(days):
        for day in found:
            own.setdefault(day, []).append(i)
            for at in [n for n, char in enumerate(day) if char == "-"] + [len(day)]:
                held.setdefault(day[:at], []).append(i)
    meet = np.zeros((len(days), len(days)), dtype=bool)
    for day, holders in own.items():
        if day in held:
            meet[np.ix_(holders, held[day])] = True
    return meet | meet.T


# Words that set a deed to come ahead of the report's day, and one done behind it.
_AHEAD = re.compile(r"\b(?:next|coming|upcoming|from now)\b", re.IGNORECASE)
_BEHIND = re.compile(r"\b(?:past|last|since|ago|already|previously|so far|to date)\b", re.IGNORECASE)


def _told_apart(claims: list[Claim], mentions: Callable[[], list], published: Callable[[], dict] = dict) -> np.ndarray:
    """Pairs whose own words say they are two facts, however alike the rest: a deed to come and one done, told
    of other days ("will hire 40 officers next year", "hired 40 officers this year"; `mentions` gives the
    story's resolved date mentions, asked for only then) or of times each on its own side of the report's day
    ("will invest 2 billion euros over the next five years", "has already invested 2 billion euros"); a deed of the
    report's own days and one only of years before (`_recent_against_years_before`); one numeral counting two things
    (`_one_numeral_two_measures`); one count each whose ranges do not meet ("about 4,000 workers walked out", "some
    1,200 nurses walked out").

    (Measured and left out, docs/benchmarks.md "Blind probes of fact groups" and "A third blind set of fact probes":
    other people or other places named, a deed to come against one done whatever its day, one figure of two nouns,
    other compass points, other places or days where one report names both.)"""
    n = len(claims)
    # (each read once, when a rule below first asks)
    days_told = cache(lambda: _days_told(claims, mentions()))
    own_days = cache(published)
    tense = np.array([c.tense for c in claims])
    future, past = tense == FUTURE, tense == PAST
    apart = (future[:, None] & past[None, :]) | (past[:, None] & future[None, :])
    if apart.any():
        # (a plan and its deed are one fact when told of one day: "were expected to inspect the dam this
        # afternoon", the next day's "inspected the embankment Wednesday afternoon")
        days = days_told()
        seasons = _seasons_told(claims, own_days())
        days = [found | season for found, season in zip(days, seasons, strict=True)]
        dated = np.array([bool(found) for found in days])
        # (or, undated, when each one's words point its own way: "plans to close 12 schools over the next three
        # years" against "which shut 12 schools over the past decade")
        ahead = np.array([bool(to_come and _AHEAD.search(c.text)) for to_come, c in zip(future, claims, strict=True)])
        behind = np.array([bool(done and _BEHIND.search(c.text)) for done, c in zip(past, claims, strict=True)])
        pointing_apart = (ahead[:, None] & behind[None, :]) | (behind[:, None] & ahead[None, :])
        apart &= (dated[:, None] & dated[None, :] & ~_days_meet(days)) | pointing_apart
    apart |= _recent_against_years_before(claims, days_told, own_days)
    apart |= _one_numeral_two_measures(claims)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    for i, c in enumerate(claims):
        counts = [q for q in c.quantities if q.kind == COUNT and not q.unit and not q.role]
        if len(counts) == 1:
            low[i], high[i] = counts[0].low, counts[0].high
    with np.errstate(invalid="ignore"):  # (NaN, a claim without one count, compares False)
        apart |= (high[:, None] < low[None, :]) | (low[:, None] > high[None, :])
    return apart


def _said_by_other_people(story: Story, claims: list[Claim]) -> np.ndarray:
    """Pairs of claims of two reports, each said by a person its report names, and not the same person: two statements,
    however alike their words ("Prime Minister Hendrik Vos said the government would not raise income tax", "Finance
    Minister Ana Kerrigan said the government would not raise income tax"). (Only people named: "police said" and
    "officials said" are often one source told two ways. The words of one quote credited to two people are compared
    as quotes, crosscheck/quotes.py, whatever the fact groups. Nor a deed done of a kind news tells, "arrested two
    men", "were killed", which is one fact whichever named official a report credits it to; a view, a pledge or a
    judgement is its speaker's.)"""
    from newsweave.crosscheck.attribution import (  # lazy: crosscheck imports align
        attributions_read_once,
        speaker_surname,
    )

    attributions = attributions_read_once(story)
    speakers: list[str | None] = []
    for claim in claims:
        said = attributions.get((claim.document, claim.sentence.index))
        # (what is said, not the saying: "Vos said", "who spoke on Tuesday" are the reporter's)
        speakers.append(speaker_surname(said.speaker) if said is not None and said.kind == "source" and said.named
                        and claim.kind == "clause" and claim.predicate not in REPORTING and not _deed_told(claim)
                        and not any(claim.evidence.overlaps(e) for e in said.evidence) else None)
    known = {speaker: number for number, speaker in enumerate(dict.fromkeys(s for s in speakers if s))}
    said_by = np.array([known.get(speaker, -1) if speaker else -1 for speaker in speakers])
    named = said_by >= 0
    return named[:, None] & named[None, :] & (said_by[:, None] != said_by[None, :]) & ~_same([c.document for c in claims])


_NOT_NAMING = ORGANISATION_WORDS | {"of", "the", "and", "for", "jr", "sr", "ii", "iii"}


def _other_parties(claims: list[Claim]) -> np.ndarray:
    """Pairs of claims of one predicate that name who did it, or to whom it was done, and name other people or
    organisations there: two facts however alike the rest ("The banking regulator fined Halden Bank £4 million" / "...
    fined Corvel Bank £4 million"; "midfielder Joe Tanner has been banned for three matches" / "defender Kwame Addo has
    been banned ..."). Names that share a word that names (not "Bank" or "Council"), are a letter apart or are an
    acronym and its words ("Tanner" / "Joe Tanner", "Coast Guard" / "U.S. Coast Guard", "Magwood" / "Magwod", "FBI" /
    "Federal Bureau of Investigation") are one party. (Only the doer and the undergoer: other people named around one
    fact, "Knowles turned himself in" / "a Lauderhill man surrendered", and places, one inside another, do not tell two
    facts apart: docs/benchmarks.md "Blind probes of fact groups".)"""
    from newsweave.entities.resolve import initials, same_letters  # lazy: entities is a later stage

    n = len(claims)
    if n == 0:
        return np.zeros((0, 0), dtype=bool)
    named = [(c.predicate, key) for c in claims if c.predicate not in REPORTING for _, key in c.parties]
    if not named:
        return np.zeros((n, n), dtype=bool)
    # One party per set of alike names within a predicate: names are joined through the words they share.
    parties = UnionFind(dict.fromkeys(named))
    spelled: dict[tuple[str, str], tuple[str, str]] = {}
    for party in parties.parent:
        predicate, key = party
        words = [letters for word in key.split() if (letters := same_letters(word))]
        if not words:
            continue
        whole = "".join(words)
        # (joined through any word that names, not one that says what a body is: "U.S. Coast Guard" / "Coast Guard",
        # but "Halden Bank" / "Corvel Bank" are two)
        forms = ({whole, initials(key)} | {w for w in words if w not in _NOT_NAMING}) - {""}
        if len(whole) >= 5:
            forms |= {whole[:i] + whole[i + 1:] for i in range(len(whole))}  # a letter apart
        for form in forms:
            parties.union(spelled.setdefault((predicate, form), party), party)
    held = {role: [{parties.find((c.predicate, key)) for named_as, key in c.parties if named_as == role}
                   if c.predicate not in REPORTING else set() for c in claims] for role in ("agent", "patient")}
    apart = np.zeros((n, n), dtype=bool)
    for bags in held.values():
        if all(len(bag) <= 1 for bag in bags):  # (one party each, as most claims name: compared as codes, not bags)
            one = [next(iter(bag), None) for bag in bags]
            named_here = np.array([found is not None for found in one])
            apart |= (named_here[:, None] & named_here[None, :] & _same([found and found[0] for found in one])
                      & ~_same(one))
        else:
            apart |= _sharing([{predicate for predicate, _ in bag} for bag in bags]) & ~_sharing(bags)
    # (but one party in the two roles is one deed told from either side: "Mubarak was met at the airport by Assad" /
    # "Mubarak met with Assad")
    swapped = np.zeros((n, n), dtype=bool)
    patients = _holders(held["patient"])
    for party_held, agents in _holders(held["agent"]).items():
        undergoing = patients.get(party_held)
        if undergoing:
            swapped[np.ix_(agents, undergoing)] = True
    return apart & ~swapped & ~swapped.T & ~_same([c.document for c in claims])


def _deed_told(claim: Claim) -> bool:
    """Whether a claim tells a deed done of a kind news reports (a killing, an arrest, an evacuation: a predicate class
    of quantities.py), not what its speaker thinks or means to do."""
    return claim.tense == PAST and predicate_class(claim.predicate) in PREDICATE_CLASS_NAMES


def _one_numeral_two_measures(claims: list[Claim]) -> np.ndarray:
    """Pairs of claims where one numeral gives a figure of one kind in one and of another kind in the other, and
    nowhere the same kind: "Crews battled the blaze for 14 hours" and "14 crews battled the blaze"; "Trains were
    delayed by up to 45 minutes" and "45 trains were delayed"; "Osei scored 28 points" and "won by 28 points". One
    number counting two things is two facts, however alike the words around it."""
    numerals: list[dict[str, set[str]]] = []
    for claim in claims:
        kinds: dict[str, set[str]] = {}
        for quantity in claim.quantities:
            for numeral in _NUMERAL.findall(quantity.written):
                # (a margin is a figure of its own kind: "scored 28 points", "won by 28 points")
                kinds.setdefault(numeral.replace(",", ""), set()).add(MARGIN if quantity.role == MARGIN else quantity.kind)
        numerals.append(kinds)
    n = len(claims)
    shared = np.zeros((n, n), dtype=bool)
    alike = np.zeros((n, n), dtype=bool)  # a numeral they share is of one kind in both, or of no count in either
    for numeral, rows in _holders([set(kinds) for kinds in numerals]).items():
        if len(rows) < 2:
            continue
        holders = np.array(rows)
        shared[np.ix_(holders, holders)] = True
        given = [numerals[i][numeral] for i in rows]
        for kind in set().union(*given):
            with_kind = holders[[kind in found for found in given]]
            alike[np.ix_(with_kind, with_kind)] = True
        # (a count against a figure in a unit or a margin; not a duration against a clock time, which the small model
        # reads "2 hours 6 minutes" and "2:06:11" as)
        uncounted = holders[[COUNT not in found for found in given]]
        alike[np.ix_(uncounted, uncounted)] = True
    return shared & ~alike & ~_same([c.document for c in claims])


_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEARS_BACK = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\bago\b", re.IGNORECASE)  # a year, or "three years ago"
RECENT_DAYS = 31  # a day this close to its report's is of the report's own days ("on Sunday", "last week")
YEARS_BEFORE_DAYS = 365  # ... and one ending this long before its report's day is of another time


def _recent_against_years_before(claims: list[Claim], days_told: Callable[[], list[set[str]]],
                                 published: Callable[[], dict]) -> np.ndarray:
    """Pairs of which one is told of its report's own days (or year) and the other only of a time years before its
    report: two occasions, however alike their words ("won the national road race on Sunday", "who won the national
    road race in 2019"; "have cancelled this year's event", "was also called off three years ago"). (A year misprinted,
    "founded in 1987" against "in 1978", is no such pair: neither is recent.)"""
    n = len(claims)
    if not any(_YEARS_BACK.search(written) for c in claims for written in c.dates):
        return np.zeros((n, n), dtype=bool)  # (no time years before is named: the dates are not read)
    recent, long_before = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    own_days = published()
    for i, (claim, told) in enumerate(zip(claims, days_told(), strict=True)):
        published_at = own_days.get(claim.document)
        day = published_at.date() if published_at is not None else None
        spans = [span for written in told if (span := _span_of(written)) is not None]
        if day is None or not spans or len(spans) != len(told):
            continue
        # (a day, a week or a month near the report's own, or the year it falls in: "this year's festival")
        recent[i] = any(first <= day <= last or ((last - first).days <= RECENT_DAYS and (first - day).days <= RECENT_DAYS
                                                 and (day - last).days <= RECENT_DAYS) for first, last in spans)
        long_before[i] = all((day - last).days > YEARS_BEFORE_DAYS for _, last in spans)
    return (recent[:, None] & long_before[None, :]) | (long_before[:, None] & recent[None, :])


def _span_of(iso: str) -> tuple[date, date] | None:
    """The first and last day of a resolved date as the timeline writes it: "2019", "2019-03", "2019-W10", "2019-03-04"."""
    try:
        if len(iso) == 4:
            return date(int(iso), 1, 1), date(int(iso), 12, 31)
        if "-W" in iso:
            first = date.fromisocalendar(int(iso[:4]), int(iso.split("-W")[1]), 1)
            return first, first + timedelta(days=6)
        if len(iso) == 7:
            year, month = int(iso[:4]), int(iso[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return (day := date.fromisoformat(iso)), day
    except ValueError:
        return None


def _representative(claims: list[Claim], likeness: np.ndarray, similarity: np.ndarray, row: dict[int, int],
                    centrality: dict[int, float]) -> Claim:
    """The group's claim worded closest to the others': of the claims (`likeness`, the group's
    rows of claim_similarity), then of their whole sentences (one report's misspelled name
    elsewhere in the sentence is not the one quoted)."""
    rows = [row.get(id(c.sentence)) for c in claims]
    known = [r for r in rows if r is not None]
    consensus = likeness.sum(axis=1) + np.array([similarity[r, known].sum() if r is not None else 0.0 for r in rows])
    best = max(
        range(len(claims)),
        key=lambda k: _representative_claim_score(claims[k], consensus[k], centrality.get(id(claims[k].sentence), 0.0)),
    )
    return claims[best]


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


def similarity_matrix(sentences: list[Sentence], method: str = "combined", vectors: np.ndarray | None = None) -> np.ndarray:
    """`vectors`: the sentences' `tfidf_vectors` when the caller has them already."""
    if method not in SIMILARITIES:
        raise ValueError(f"unknown similarity {method!r}; choose one of {', '.join(SIMILARITIES)}")
    n = len(sentences)
    if n == 0:
        return np.zeros((0, 0))
    if method == "tfidf":
        return tfidf_cosine(sentences, vectors)
    if method == "jaccard":
        return _set_overlap([set(s.terms) for s in sentences], jaccard=True)
    if method == "entities":
        return _set_overlap([set(s.entities) for s in sentences])
    return (
        0.7 * tfidf_cosine(sentences, vectors)
        + 0.2 * _set_overlap([set(s.entities) for s in sentences])
        + 0.1 * _set_overlap([set(s.numbers) for s in sentences])
    )


def tfidf_vectors(sentences: list[Sentence]) -> np.ndarray:
    """Rows are L2-normalised TF-IDF vectors over the sentences' content lemmas."""
    return _tfidf([sentence.terms for sentence in sentences])


def tfidf_cosine(sentences: list[Sentence], vectors: np.ndarray | None = None) -> np.ndarray:
    vectors = tfidf_vectors(sentences) if vectors is None else vectors
    return vectors @ vectors.T


def _set_overlap(sets: list[set[str]], jaccard: bool = False) -> np.ndarray:
    """Dice (or Jaccard) overlap of every pair of sets; 0 where either is empty."""
    n = len(sets)
    shared = _pair_sum(n, _pair_items(sets, shared_only=True)[0])
    sizes = np.array([len(items) for items in sets], dtype=float)
    total = sizes[:, None] + sizes[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 where neither has items: masked below
        value = shared / (total - shared) if jaccard else 2 * shared / total
    result = np.where(shared > 0, value, 0.0).astype(np.float32)
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
    for a, b in zip(*np.nonzero(apart), strict=True):
        if a < b and _words_inside(sentences[a].terms, sentences[b].terms):
            apart[a, b] = apart[b, a] = False
    return apart


def _words_inside_pairs(bags) -> np.ndarray:
    """`_words_inside` of every pair of bags at once."""
    sets = [set(bag) for bag in bags]
    common = _pair_sum(len(sets), _pair_items(sets)[0])
    sizes = np.array([len(words) for words in sets], dtype=float)
    shorter = np.minimum(sizes[:, None], sizes[None, :])
    return (shorter >= 4) & (common >= CONTAINED * shorter)


def _words_inside(a, b) -> bool:
    """The shorter's words (four or more) lie almost all inside the other's: a shortened copy."""
    shorter, longer = sorted((set(a), set(b)), key=len)
    return len(shorter) >= 4 and len(shorter & longer) >= CONTAINED * len(shorter)


def average_linkage(similarity: np.ndarray, apart: np.ndarray, threshold: float, penalty: float = 0.0) -> list[list[int]]:
    """Merge the most similar pair of clusters while their average similarity reaches threshold.

    Pairs marked in `apart` count as similarity `penalty`: they pull a merge down
    (a large negative penalty keeps them apart in any cluster). Both are symmetric.
    """
    n = len(similarity)
    work = similarity.astype(np.float64, copy=True)
    work[apart] = penalty
    np.fill_diagonal(work, -np.inf)
    members = [[i] for i in range(n)]
    # Each row's maximum, kept up to date: the first row holding the largest, then its first
    # column holding it, is the pair np.argmax over the whole matrix would find, without
    # scanning all n x n cells at every merge. Columns are read as the rows they equal (the
    # matrix is symmetric): a column's cells lie far apart in memory, a row's side by side.
    best = work.max(axis=1) if n else np.zeros(0)
    while n > 1:
        i = int(np.argmax(best))
        j = int(np.argmax(work[i]))
        if work[i, j] < threshold:
            break
        size_i, size_j = len(members[i]), len(members[j])
        merged = (size_i * work[i] + size_j * work[j]) / (size_i + size_j)
        # Rows whose maximum stood in column i or j lose it and are scanned again (not the rows
        # merged away, all -inf); the others compare it with their new cell in column i.
        lost = ((work[i] == best) | (work[j] == best)) & (best > -np.inf)
        work[i, :] = merged
        work[:, i] = merged
        work[i, i] = -np.inf
        work[j, :] = -np.inf
        work[:, j] = -np.inf
        members[i].extend(members[j])
        members[j] = []
        best = np.maximum(best, merged)
        best[lost] = work[lost].max(axis=1)
        best[i] = work[i].max()
        best[j] = -np.inf
    return [m for m in members if m]


def _centrality(sentences: list[Sentence], vectors: np.ndarray | None = None) -> np.ndarray:
    """Cosine of each sentence to the story's centroid: how on-topic it is."""
    if not sentences:
        return np.zeros(0)
    vectors = tfidf_vectors(sentences) if vectors is None else vectors
    centroid = vectors.sum(axis=0)
    norm = np.linalg.norm(centroid)
    return vectors @ (centroid / norm) if norm else np.zeros(len(sentences))
