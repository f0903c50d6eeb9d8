"""Online story clustering: each new article joins a story or starts one.

An article is compared with a handful of candidate stories only, never with
the whole corpus:

1. Its keywords and name phrases (corpus/signatures.py) are weighted by TF-IDF
   against the document frequencies seen so far.
2. Its strongest keys look up an inverted index of key → stories. Each
   posting list keeps only the `posting_cap` stories that used the key most
   recently, and at most `max_candidates` stories are scored, so the cost per
   article stays flat however big the corpus grows.
3. A candidate's score is the cosine to the story's keyword centroid and to
   its name centroid (each story keeps only its top terms), times a time
   factor: a story fades once an article is more than `grace_days` away from
   the story's first-to-last span, with a `fade_days` e-folding time.
4. The best candidate at or above `threshold` takes the article; so does one
   at or above the lower `join_floor` that scores `join_margin` times the
   runner-up (a two-threshold scheme with a ratio test: clearly the only
   story it could belong to). Otherwise the article starts a story. So does
   a short page that matches its best candidate almost word for word
   (`short_words`, `copy_similarity`): the same crawl notice, cookie wall or
   tweet embed turns up under the links of many unrelated stories, and
   joining them would pull those stories together. Neither rule needs state
   of its own: the candidates' centroids are the evidence. `Clusterer.choose`
   is the one place this decision is made.

The algorithm (`Clusterer`) works on a pluggable state: `MemoryState` for the
benchmarks' millions of articles, the store's stories table for a corpus
(corpus/tables.py, with its PostgreSQL variant in corpus/postgres.py), where
the state survives across ingest runs. Settings were tuned on the tuning
part of benchmarks/clustering_quality.py and reported on its held-out part
(see docs/benchmarks.md).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any, Protocol

from newsweave.corpus.signatures import ArticleFeatures, article_features
from newsweave.load.published import parse_published

# Names share the frequency table and the index with keywords under this prefix.
NAME = "@"


@dataclass(frozen=True)
class ClusterSettings:
    threshold: float = 0.20
    # Share of the score from keywords; the rest is from name phrases.
    text_weight: float = 0.8
    article_terms: int = 60
    article_names: int = 12
    story_terms: int = 200
    story_names: int = 30
    query_terms: int = 20
    query_names: int = 6
    # A story is indexed under more of each article's keys than an article
    # looks up: two reports of one story rarely share their ten strongest
    # words, but one's strongest twenty are usually among the other's forty.
    index_terms: int = 40
    index_names: int = 12
    posting_cap: int = 64
    max_candidates: int = 12
    # Real stories run for weeks (DUC 2003 clusters span up to 88 days), so
    # fading is gentle: a quarter-strength match after a month and a half away.
    grace_days: float = 7.0
    fade_days: float = 30.0
    # Boilerplate: a page of fewer than `short_words` content words that
    # matches a story at `copy_similarity` or more (crawl notices, cookie
    # walls, tweet embeds: the same short text under many stories' links) gets
    # a story of its own instead of pulling those stories together. 0: off.
    short_words: int = 50
    copy_similarity: float = 0.9
    # The second, lower bar of a two-threshold scheme: an article scoring at
    # least `join_floor` with its best candidate still joins it when that
    # candidate beats the runner-up among the candidates `join_margin` times
    # over (a ratio test).
    # A report about one aspect of a story shares few words with the story,
    # but fewer still with any other; an article that is merely on the same
    # topic as several stories matches them about alike and starts its own.
    # join_floor 0: one bar only (the behaviour before 2026-12-01).
    join_floor: float = 0.12
    join_margin: float = 3.0


@dataclass
class StoryProfile:
    id: int
    size: int = 0
    first_day: float | None = None
    last_day: float | None = None
    # Centroids: sums of the members' unit vectors, cut to the top weights.
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    # The centroids' lengths, cached: every candidate scoring needs them.
    norms: tuple[float, float] | None = field(default=None, repr=False, compare=False)

    def lengths(self) -> tuple[float, float]:
        if self.norms is None:
            self.norms = (
                math.sqrt(sum(w * w for w in self.terms.values())),
                math.sqrt(sum(w * w for w in self.names.values())),
            )
        return self.norms


@dataclass
class Assignment:
    story: int
    created: bool
    similarity: float
    # How many stories were scored: bounded by ClusterSettings.max_candidates.
    candidates: int


class ClusterState(Protocol):
    def member_story(self, article_id: Any) -> int | None: ...
    def document_count(self) -> int: ...
    def frequencies(self, keys: Iterable[str]) -> dict[str, int]: ...
    def add_document(self, keys: Iterable[str]) -> None: ...
    # Each key's stories from the one that used it longest ago to the latest (the order of `post`'s `seen`).
    def postings(self, keys: Iterable[str]) -> dict[str, list[int]]: ...
    def post(self, keys: Iterable[str], story_id: int, seen: int, cap: int) -> None: ...
    def profiles(self, story_ids: list[int]) -> list[StoryProfile]: ...  # in one query, on a database
    def new_story(self) -> int: ...
    def save_story(self, profile: StoryProfile) -> None: ...
    def add_member(self, article_id: Any, story_id: int, similarity: float) -> None: ...


def day_number(published: Any) -> float | None:
    """A publication date (text as load/published.py reads it, or a datetime/date) as days since the epoch; None if unknown."""
    if published is None or published == "":
        return None
    if isinstance(published, (int, float)):
        return float(published)
    moment = parse_published(published)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def _unit_vector(counts: Counter[str], frequencies: dict[str, int], documents: int, keep: int, prefix: str = "") -> dict[str, float]:
    weights = {
        key: (1.0 + math.log(count)) * (math.log((documents + 1) / (frequencies.get(prefix + key, 0) + 1)) + 1.0)
        for key, count in counts.items()
    }
    top = heapq.nlargest(keep, weights.items(), key=lambda item: item[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {key: w / norm for key, w in top}


def _cosine(unit: dict[str, float], centroid: dict[str, float], length: float) -> float:
    if not unit or not length:
        return 0.0
    get = centroid.get
    return sum(w * get(key, 0.0) for key, w in unit.items()) / length


def _add_to_centroid(centroid: dict[str, float], unit: dict[str, float], keep: int) -> dict[str, float]:
    merged = dict(centroid)
    for key, w in unit.items():
        merged[key] = merged.get(key, 0.0) + w
    if len(merged) > keep:
        merged = dict(heapq.nlargest(keep, merged.items(), key=lambda item: item[1]))
    return merged


def _strongest(terms: dict[str, float], names: dict[str, float], n_terms: int, n_names: int) -> dict[str, float]:
    """The heaviest keywords and names of an article, names under the NAME prefix."""
    keys = dict(heapq.nlargest(n_terms, terms.items(), key=lambda item: item[1]))
    for key, w in heapq.nlargest(n_names, names.items(), key=lambda item: item[1]):
        keys[NAME + key] = w
    return keys


class Clusterer:
    """The online clustering algorithm over any `ClusterState`."""

    def __init__(self, state: ClusterState, settings: ClusterSettings | None = None):
        self.state = state
        self.settings = settings or ClusterSettings()

    def time_factor(self, day: float | None, story: StoryProfile) -> float:
        if day is None or story.first_day is None or story.last_day is None:
            return 1.0
        gap = max(story.first_day - day, day - story.last_day, 0.0) - self.settings.grace_days
        return math.exp(-gap / self.settings.fade_days) if gap > 0 else 1.0

    def similarity(self, terms: dict[str, float], names: dict[str, float], day: float | None, story: StoryProfile) -> float:
        return self.content_similarity(terms, names, story) * self.time_factor(day, story)

    def content_similarity(self, terms: dict[str, float], names: dict[str, float], story: StoryProfile) -> float:
        """How alike the article's words and names are to the story's, time aside."""
        terms_length, names_length = story.lengths()
        text = _cosine(terms, story.terms, terms_length)
        if names:
            weight = self.settings.text_weight
            return weight * text + (1.0 - weight) * _cosine(names, story.names, names_length)
        return text

    def joins(self, best: float, runner_up: float) -> bool:
        """Whether the best candidate's score takes the article: over the bar, or over the floor and well clear of the runner-up."""
        settings = self.settings
        if best >= settings.threshold:
            return True
        # With no runner-up (a young corpus, a lone candidate) there is nothing
        # to be clear of: the single bar decides.
        return 0.0 < settings.join_floor <= best and 0.0 < runner_up * settings.join_margin <= best

    def is_boilerplate(self, features: ArticleFeatures, terms: dict[str, float], names: dict[str, float],
                       story: StoryProfile) -> bool:
        """A short page that repeats a page already seen: not evidence that its story and the other's are one."""
        settings = self.settings
        return (
            sum(features.keywords.values()) < settings.short_words
            and self.content_similarity(terms, names, story) >= settings.copy_similarity
        )

    def choose(self, features: ArticleFeatures, terms: dict[str, float], names: dict[str, float], day: float | None,
               candidates: list[StoryProfile]) -> tuple[StoryProfile | None, float]:
        """The candidate story that takes the article and its score, or (None, 0.0): the article starts a story."""
        best: StoryProfile | None = None
        best_score = second = 0.0
        for profile in candidates:
            score = self.similarity(terms, names, day, profile)
            if score > best_score:
                best, best_score, second = profile, score, best_score
            elif score > second:
                second = score
        if best is None or not self.joins(best_score, second) or self.is_boilerplate(features, terms, names, best):
            return None, 0.0
        return best, best_score

    def assign(self, article_id: Any, title: str | None, text: str, published: Any = None,
               features: ArticleFeatures | None = None, new_story: Callable[[], int] | None = None) -> Assignment:
        state, settings = self.state, self.settings
        known = state.member_story(article_id)
        if known is not None:
            return Assignment(known, False, 1.0, 0)
        features = features or article_features(title, text)
        day = day_number(published)
        documents = state.document_count()
        name_keys = [NAME + key for key in features.names]
        frequencies = state.frequencies([*features.keywords, *name_keys])
        terms = _unit_vector(features.keywords, frequencies, documents, settings.article_terms)
        names = _unit_vector(features.names, frequencies, documents, settings.article_names, NAME)

        query = _strongest(terms, names, settings.query_terms, settings.query_names)
        votes: dict[int, float] = {}  # story id → summed weights of the keys it shares
        postings = state.postings(query)
        # Keys in one order whatever the state's (the sums' last bits, and so ties, depend on it); each key's
        # stories as the state lists them, from the longest unseen to the latest (`ClusterState.postings`).
        for key in sorted(postings):
            for story_id in postings[key]:
                votes[story_id] = votes.get(story_id, 0.0) + query[key]
        # Counter.most_common's own order: heaviest first, ties in first-vote order.
        candidates = [story_id for story_id, _ in heapq.nlargest(settings.max_candidates, votes.items(), key=lambda item: item[1])]

        best, best_score = self.choose(features, terms, names, day, state.profiles(candidates))
        created = best is None
        if best is None:
            best = StoryProfile(new_story() if new_story else state.new_story())
        best.size += 1
        best.terms = _add_to_centroid(best.terms, terms, settings.story_terms)
        best.names = _add_to_centroid(best.names, names, settings.story_names)
        best.norms = None
        if day is not None:
            best.first_day = day if best.first_day is None else min(best.first_day, day)
            best.last_day = day if best.last_day is None else max(best.last_day, day)
        state.save_story(best)
        state.post(_strongest(terms, names, settings.index_terms, settings.index_names), best.id, documents, settings.posting_cap)
        state.add_document([*features.keywords, *name_keys])
        state.add_member(article_id, best.id, best_score)
        return Assignment(best.id, created, best_score, len(candidates))


class MemoryState:
    """Clustering state in dictionaries, for benchmarks and one-off streams.

    `forget_after_days`: drop the profiles of stories whose last article is
    that far behind the newest one seen. With a time-ordered stream those
    stories have faded past any threshold anyway, so results do not change
    while memory stays flat. Leave it None for streams out of time order.
    """

    def __init__(self, forget_after_days: float | None = None):
        self.documents = 0
        self.df: Counter[str] = Counter()
        self.index: dict[str, dict[int, int]] = {}
        self.stories: dict[int, StoryProfile] = {}
        self.members: dict[Any, int] = {}
        self.next_id = 1
        self.forget_after_days = forget_after_days
        self.newest_day: float | None = None

    def member_story(self, article_id):
        return self.members.get(article_id)

    def document_count(self):
        return self.documents

    def frequencies(self, keys):
        df = self.df
        return {key: df[key] for key in keys if key in df}

    def add_document(self, keys):
        self.documents += 1
        self.df.update(set(keys))
        if self.documents % 1000 == 0:
            self._forget()

    def postings(self, keys):
        stories = self.stories
        found = {}
        for key in keys:
            posting = self.index.get(key)
            if posting:
                found[key] = [s for s in posting if s in stories]
        return found

    def post(self, keys, story_id, seen, cap):
        for key in keys:
            posting = self.index.setdefault(key, {})
            posting.pop(story_id, None)
            posting[story_id] = seen  # insertion order = recency
            if len(posting) > cap:
                del posting[next(iter(posting))]

    def profiles(self, story_ids):
        return [self.stories[story_id] for story_id in story_ids]

    def new_story(self):
        self.next_id += 1
        return self.next_id - 1

    def save_story(self, profile):
        self.stories[profile.id] = profile
        if profile.last_day is not None and (self.newest_day is None or profile.last_day > self.newest_day):
            self.newest_day = profile.last_day

    def _forget(self):
        if self.forget_after_days is None or self.newest_day is None:
            return
        horizon = self.newest_day - self.forget_after_days
        for story_id in [s for s, p in self.stories.items() if p.last_day is not None and p.last_day < horizon]:
            del self.stories[story_id]

    def add_member(self, article_id, story_id, similarity):
        self.members[article_id] = story_id
