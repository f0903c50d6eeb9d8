"""Which reports one brief reads, before any stage runs (pipeline.build_story):

- one story at a time (`one_story`, below);
- near-identical copies marked, so that a copy counts as its original's origin
  (`with_copies_marked`: the corpus's deduplicator over these reports);
- at most `Settings.max_brief_chars` of text, the first report and the latest
  (`within_budget`): claims are compared pair by pair.

One story at a time: reports briefed together that are not one story.

Comparing figures across stories makes false disagreements ("people injured:
Two vs 352" from a dam evacuation and a terror attack briefed together), so
before anything is compared the reports are sorted into stories by the
corpus's own online clusterer (corpus/cluster.py: the same keyword and name
features, centroids and scoring), run in memory over just these reports. The
largest story is briefed; the others are left out and named in a warning.

Two things differ from the corpus, both because a brief has a handful of
reports and no corpus behind them:

- No document frequencies, up to a handful of reports (`HANDFUL`). Inside one
  brief they would come from the reports themselves, where the story's own
  words are in every report and would weigh least; so each keyword weighs by
  its count alone, as it does for the first articles of a fresh corpus. Past a
  handful (a folder of a day's news), the words every report shares ("officials
  said", "government") would then chain stories into one, so the inputs' own
  document frequencies weigh the keywords, each counted as at least a handful:
  a word of one story's reports weighs as one in all of them, and only words
  spread wider than a story weigh less. Measured by `benchmarks/one_story.py
  --mixtures`: 20 clusters briefed together, the briefed story's purity went
  from 0.55 to 0.92 on the held-out part; 3 of its 28 ECB+ sub-topics of 5 to
  21 reports (one story each) are now split, none before.
- A lower threshold (`THRESHOLD`), since without IDF weights scores are lower
  (past a handful, `MANY_THRESHOLD`).
  Reports are taken longest first, so a crawl notice or a cookie page never
  seeds a story that a real report then fails to join.

- A second pass (`_join_alike`, up to a handful) joins stories that two of their reports show
  are one: the clusterer takes a short page repeating one already seen for a
  copy of a boilerplate page, so two one-sentence reports of one event (one
  giving "nine", the other "11") were briefed apart.

Measured by benchmarks/one_story.py: of 246 Multi-News validation clusters
55 are split, about 40 of them only to leave out junk pages (crawl notices,
Twitter and video pages) and about 15 (6%) leaving out a real report, often
a background page; 2 of 30 DUC 2003 clusters lose one report (a weather
forecast page); 193 of 200 random pairs of clusters briefed together are told
apart, 7 mixed. The second pass leaves these figures as they were; looked at
by eye, most of the "real" reports left out belong to another event than the
rest of their Multi-News cluster (the data set's own noise), and joining
reports on shared content words alone mixed 10 to 31 of the 200 pairs.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from newsweave.corpus.cluster import NAME, Clusterer, ClusterSettings, MemoryState
from newsweave.corpus.dedup import NEAR_IDENTICAL, SHINGLE_WORDS, Deduplicator, MemoryDedupState
from newsweave.corpus.signatures import ArticleFeatures, article_features, keywords, names, shingles
from newsweave.load.published import parse_published
from newsweave.story import NOT_ONE_STORY, TOO_MUCH_TO_BRIEF, Document, StoryWarning

# Chosen on Multi-News validation, DUC 2003 and random pairs of their clusters
# (benchmarks/one_story.py): 0.08 mixed more pairs of different stories, 0.12
# split more real ones.
THRESHOLD = 0.10
# More reports than a handful (a folder of a day's news): the clusterer weighs keys by the
# inputs' document frequencies, none counted under HANDFUL, and its bar is MANY_THRESHOLD.
# Chosen on the tuning part of benchmarks/one_story.py --mixtures (and ECB+ sub-topics of
# 11 to 22 reports, one story each): 0.14 mixed more stories, 0.18 split two real ones.
HANDFUL = 10
MANY_THRESHOLD = 0.16
# _join_alike (tuned with benchmarks/one_story.py): a report of at most
# SHORT_REPORT distinct content words that shares SHORT_OVERLAP of them (and
# at least SHARED_WORDS) with another report is that report's story; so are
# two reports naming SHARED_NAMES people or bodies in full.
SHORT_REPORT = 40
SHORT_OVERLAP = 0.5
SHARED_WORDS = 4
SHARED_NAMES = 3
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


class _Background:
    """The clusterer's in-memory state with the inputs' own document frequencies, none under
    HANDFUL (see the module note): every report's keys counted before the first is placed."""

    def __init__(self, bodies: list[ArticleFeatures]):
        self.memory = MemoryState()
        self.reports = len(bodies)
        floor = min(HANDFUL, self.reports)
        counts: Counter[str] = Counter()
        for body in bodies:
            counts.update({*body.keywords, *(NAME + key for key in body.names)})
        self.counts = {key: max(count, floor) for key, count in counts.items()}

    def __getattr__(self, name):
        return getattr(self.memory, name)

    def document_count(self):
        return self.reports

    def frequencies(self, keys):
        return {key: self.counts[key] for key in keys if key in self.counts}


def story_groups(documents: list[Document], threshold: float | None = None) -> list[list[Document]]:
    """The documents sorted into stories by the corpus clusterer; input order within each.
    `threshold`: the clusterer's bar (THRESHOLD for a handful of reports, MANY_THRESHOLD for more)."""
    many = len(documents) > HANDFUL
    bar = threshold if threshold is not None else MANY_THRESHOLD if many else THRESHOLD
    # Each report's signatures, read once for the frequencies, the clusterer and `_join_alike`.
    bodies = [ArticleFeatures(keywords(d.text), names(d.text)) for d in documents]
    # (Past a handful, no page is taken for boilerplate for being short and like another: `_join_alike` does
    # not run there to undo it, and a short report carried word for word by many outlets is one story.)
    clusterer = Clusterer(_Background(bodies), ClusterSettings(threshold=bar, short_words=0 if many else 50))
    stories: dict[int, list[int]] = {}
    longest_first = sorted(range(len(documents)), key=lambda i: (-_words(documents[i]), i))
    for i in longest_first:
        document = documents[i]
        features = article_features(document.title, document.text, bodies[i])
        assignment = clusterer.assign(i, document.title, document.text, document.published, features)
        stories.setdefault(assignment.story, []).append(i)
    groups = list(stories.values())
    if not many:
        groups = _join_alike(groups, [_Profile(d, body) for d, body in zip(documents, bodies, strict=True)])
    return [[documents[i] for i in sorted(members)] for members in groups]


class _Profile:
    """What `_join_alike` compares: a report's content words with its figures, and its full names."""

    def __init__(self, document: Document, body: ArticleFeatures):
        """`body`: the signatures of the report's text."""
        self.words = set(body.keywords) | set(_FIGURE.findall(document.text))
        self.names = {key for key in body.names if " " in key}


def _join_alike(groups: list[list[int]], profiles: list[_Profile]) -> list[list[int]]:
    """Join stories the clusterer kept apart that two of their reports show are one.

    The clusterer takes a short page that repeats one already seen for a copy
    of a boilerplate page, and weighs a report against a whole story's
    centroid; inside one brief, two short reports sharing most of their
    content words and figures are one story told twice, and two reports
    naming the same several people in full are one story told at length.
    """
    joined = True
    while joined and len(groups) > 1:
        joined = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if any(_same_story(profiles[i], profiles[j]) for i in groups[a] for j in groups[b]):
                    groups[a] = groups[a] + groups.pop(b)
                    joined = True
                    break
            if joined:
                break
    return groups


def _same_story(a: _Profile, b: _Profile) -> bool:
    shared = len(a.words & b.words)
    shorter = min(len(a.words), len(b.words))
    if shorter <= SHORT_REPORT and shared >= SHARED_WORDS and shared >= SHORT_OVERLAP * shorter:
        return True
    return len(a.names & b.names) >= SHARED_NAMES


def one_story(documents: list[Document], threshold: float | None = None) -> tuple[list[Document], list[StoryWarning]]:
    """The largest story among `documents`, and a warning naming the reports left out (none if one story)."""
    if len(documents) < 2:
        return documents, []
    groups = story_groups(documents, threshold)
    if len(groups) == 1:
        return documents, []
    kept = max(groups, key=lambda group: (_distinct_reports(group), sum(_words(d) for d in group), -_first(group, documents)))
    left_out = [d for d in documents if not any(d is k for k in kept)]
    message = (
        f"the reports are not one story: briefing the largest ({len(kept)} of {len(documents)} reports); "
        f"left out {len(left_out)}: " + "; ".join(_name(d) for d in left_out)
    )
    return kept, [StoryWarning(NOT_ONE_STORY, message, left_out)]


def within_budget(documents: list[Document], max_chars: int, max_report_chars: int | None = None
                  ) -> tuple[list[Document], list[StoryWarning]]:
    """The reports one brief reads when the story holds more text than `max_chars`, and a warning naming
    the others (none when it all fits). `max_report_chars`: what annotate reads of one report.

    Which reports: the first (the story's first telling, where the timeline and the origins start), then
    the latest, newest first, as many as fit: a story still being reported is briefed as it stands now.
    "First" and "latest" are by publication day when every report has one, else the order given (a
    corpus story's articles come oldest first). A corpus's syndicated copies (`copy_of`) come after every
    original: they repeat a report word for word. Reports are taken in that order while they fit, so a
    long one passed over leaves room for shorter ones; the first is read even if it alone is too long.
    """
    def size(document: Document) -> int:
        return len(document.text) if max_report_chars is None else min(len(document.text), max_report_chars)

    total = sum(size(d) for d in documents)
    if total <= max_chars:
        return documents, []
    position = {id(d): i for i, d in enumerate(documents)}
    by_time = _in_time_order(documents)
    originals = [d for d in by_time if not d.copy_of]
    copies = [d for d in by_time if d.copy_of]
    order = (originals[:1] + originals[:0:-1] + copies[::-1]) if originals else copies[::-1]
    kept: list[Document] = []
    used = 0
    for document in order:
        if not kept or used + size(document) <= max_chars:
            kept.append(document)
            used += size(document)
    chosen = {id(d) for d in kept}
    kept.sort(key=lambda d: position[id(d)])
    left_out = [d for d in documents if id(d) not in chosen]
    message = (
        f"too much to brief at once: {len(documents)} reports, {total:,} characters; briefing {len(kept)} of them "
        f"({used:,} characters; max_brief_chars is {max_chars:,}), the first and the latest; "
        f"left out {len(left_out)}: " + "; ".join(_name(d) for d in left_out)
    )
    return kept, [StoryWarning(TOO_MUCH_TO_BRIEF, message, left_out)]


def _in_time_order(documents: list[Document]) -> list[Document]:
    """By publication day when every report has one (a time of day may be in any zone, or none), then
    as given; else as given."""
    days = [parse_published(d.published) for d in documents]
    if not all(days):
        return list(documents)
    day = {id(d): when.date() for d, when in zip(documents, days, strict=True) if when}
    return sorted(documents, key=lambda d: day[id(d)])  # (a stable sort: one day's reports as given)


def with_copies_marked(documents: list[Document]) -> list[Document]:
    """The reports, each near-identical copy of an earlier one (a syndicated or wire copy, the same
    report saved twice) marked with `copy_of`, as the corpus marks them (corpus/dedup.py, run over these
    reports alone), so that its facts count one origin with the report it copies. "Earlier": by
    publication day when every report has one, else as given. A report already marked keeps its mark;
    marked ones are copies, not the caller's `Document`s."""
    deduplicator = Deduplicator(MemoryDedupState())
    ids = {id(d): d.id for d in documents}
    copies: dict[int, str] = {}  # id() of a copy -> its original's document id
    for document in _in_time_order(documents):
        original, _ = deduplicator.find(id(document), document.text, document.title)
        if original is not None and document.copy_of is None:
            copies[id(document)] = ids[original]
    if not copies:
        return documents
    return [dataclasses.replace(d, copy_of=copies[id(d)]) if id(d) in copies else d for d in documents]


def _words(document: Document) -> int:
    return len(document.text.split())


def _first(group: list[Document], documents: list[Document]) -> int:
    return min(i for i, d in enumerate(documents) if any(d is g for g in group))


def _distinct_reports(group: list[Document]) -> int:
    """How many reports, near-identical ones (by corpus dedup's bar) counted once:
    two copies of a crawl notice do not outvote one real report."""
    # Each report is compared only with the distinct ones it shares a shingle with (an index of them),
    # by the same Jaccard as all pairs: hundreds of reports of one story had cost the square of their number.
    sizes: list[int] = []
    holders: dict[str, list[int]] = {}
    for document in group:
        grams = set(shingles(document.text, SHINGLE_WORDS))
        if not grams:
            if 0 in sizes:  # (two empty texts are alike)
                continue
        else:
            shared = Counter(k for gram in grams for k in holders.get(gram, ()))
            if any(count / (len(grams) + sizes[k] - count) >= NEAR_IDENTICAL for k, count in shared.items()):
                continue
        for gram in grams:
            holders.setdefault(gram, []).append(len(sizes))
        sizes.append(len(grams))
    return len(sizes)


def _name(document: Document) -> str:
    return f"{document.id} ({document.title})" if document.title else document.id
