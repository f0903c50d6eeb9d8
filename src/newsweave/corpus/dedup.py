"""Syndicated copies and near-identical articles: MinHash LSH plus wire bylines.

Each article's word 3-gram shingles get a MinHash signature (datasketch).
Locality-sensitive hashing splits it into `BANDS` bands of `ROWS` rows; two
articles that share a band bucket are candidates, and the signatures decide:

- "near-identical": estimated Jaccard ≥ `NEAR_IDENTICAL`, or the shorter text
  lies almost entirely inside the longer one (containment ≥ `CONTAINED`: an
  outlet that ran the first half of someone else's report);
- "wire copy (Reuters)": the same, when either text credits a wire agency in
  its byline (crosscheck.attribution.wire_credit); two texts crediting the
  same agency need only Jaccard ≥ `WIRE_EDIT`, as outlets trim and edit wire copy.

A copy points at the original the first article of its group: copies of
copies resolve to it. The index state is pluggable like clustering's:
`MemoryDedupState` for benchmarks; in a corpus, the store's duplicates table
(corpus/tables.py, with its PostgreSQL variant in corpus/postgres.py).
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from newsweave.corpus.signatures import shingles

PERMUTATIONS = 126
BANDS, ROWS = 42, 3  # catches pairs from Jaccard ≈ 0.3 up: (1/42)^(1/3) ≈ 0.29
NEAR_IDENTICAL = 0.5
CONTAINED = 0.8
# Two texts crediting the same agency are one wire story edited by two outlets at this much overlap.
WIRE_EDIT = 0.3
# Too short to call a copy: a headline-sized text matches too much by chance.
MIN_SHINGLES = 20
SHINGLE_WORDS = 3
# A bucket shared by this many articles is boilerplate ("Sign up for our newsletter"), not a copy.
MAX_BUCKET = 20
# Signatures compared per article, those sharing the most bands first: the
# cost per article stays bounded however crowded the buckets get.
MAX_CANDIDATES = 16


# datasketch's default scheme hashes to 32 bits: stored as little-endian uint32.
HASH_TYPE = "<u4"


@dataclass(slots=True)
class Signature:
    hashes: Any  # numpy array of PERMUTATIONS hash values, HASH_TYPE
    shingles: int
    wire: str | None

    def jaccard(self, other: Signature) -> float:
        return float((self.hashes == other.hashes).mean())

    def containment(self, other: Signature) -> float:
        """Estimated share of the shorter text's shingles found in the longer one."""
        j = self.jaccard(other)
        common = j * (self.shingles + other.shingles) / (1.0 + j)
        return common / max(1, min(self.shingles, other.shingles))


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash  # lazy: datasketch pulls numpy and scipy; keeps `newsweave --help` fast

    # CRC-32 hashes a shingle several times faster than datasketch's SHA-1 and,
    # unlike Python's hash(), is the same in every process: signatures are stored.
    return MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=zlib.crc32)


def signature(text: str, title: str | None = None) -> Signature:
    """The article's MinHash signature, with the wire agency its byline credits (worked out here, once)."""
    from datasketch import MinHash  # lazy: see _template

    # lazy: the crosscheck package loads its stages (and spaCy) on import; keeps `newsweave --help` fast.
    from newsweave.crosscheck.attribution import wire_credit

    template = _template()
    words = shingles(f"{title}\n{text}" if title else text, SHINGLE_WORDS)
    # Reusing the template's permutations skips regenerating them per article.
    minhash = MinHash(
        num_perm=PERMUTATIONS, seed=1, hashfunc=zlib.crc32, permutations=template.permutations, scheme=template.scheme
    )
    if words:
        minhash.update_batch([w.encode("utf-8") for w in set(words)])
    return Signature(minhash.hashvalues.astype(HASH_TYPE), len(set(words)), wire_credit(text))


def bands(sig: Signature) -> list[int]:
    """One bucket number per band; the band's number is hashed in, so buckets never collide across bands."""
    data = sig.hashes.tobytes()
    size = ROWS * sig.hashes.itemsize
    buckets = []
    for band in range(BANDS):
        digest = hashlib.blake2b(data[band * size : (band + 1) * size], digest_size=8, salt=band.to_bytes(16, "big"))
        buckets.append(int.from_bytes(digest.digest(), "big", signed=True))
    return buckets


class DedupState(Protocol):
    def candidates(self, buckets: list[int]) -> Counter: ...
    def signature(self, article_id: Any) -> Signature | None: ...
    def original(self, article_id: Any) -> Any: ...
    def add(self, article_id: Any, sig: Signature, buckets: list[int], duplicate_of: Any, reason: str | None) -> None: ...
    def recorded(self, article_id: Any) -> tuple[bool, Any, str | None]: ...


class Deduplicator:
    def __init__(self, state: DedupState):
        self.state = state

    def find(self, article_id: Any, text: str, title: str | None = None,
             prepared: Signature | None = None) -> tuple[Any, str | None]:
        """(the article this one copies, why) or (None, None); records the article either way.
        `prepared`: the article's `signature`, if worked out already (by an ingest engine)."""
        state = self.state
        done, duplicate_of, reason = state.recorded(article_id)
        if done:
            return duplicate_of, reason
        sig = prepared if prepared is not None else signature(text, title)
        buckets = bands(sig)
        best, best_score, best_wire = None, 0.0, None
        if sig.shingles >= MIN_SHINGLES:
            for other_id, _ in state.candidates(buckets).most_common(MAX_CANDIDATES):
                other = state.signature(other_id)
                if other is None or other.shingles < MIN_SHINGLES or other_id == article_id:
                    continue
                jaccard = other.jaccard(sig)
                same_wire = sig.wire is not None and sig.wire == other.wire and jaccard >= WIRE_EDIT
                copy = same_wire or jaccard >= NEAR_IDENTICAL or sig.containment(other) >= CONTAINED
                if copy and jaccard > best_score:
                    best, best_score, best_wire = other_id, jaccard, other.wire
        duplicate_of = reason = None
        if best is not None:
            duplicate_of = state.original(best)
            wire = sig.wire or best_wire
            reason = f"wire copy ({wire})" if wire else "near-identical"
        state.add(article_id, sig, buckets, duplicate_of, reason)
        return duplicate_of, reason


class MemoryDedupState:
    """The duplicate index in dictionaries. `capacity`: remember only the latest
    articles (copies run within days of their original), so memory stays flat."""

    def __init__(self, capacity: int | None = None):
        self.capacity = capacity
        self.buckets: dict[int, list[Any]] = {}
        self.articles: dict[Any, tuple[Signature, list[int], Any, str | None]] = {}

    def candidates(self, buckets):
        found: Counter = Counter()
        for bucket in buckets:
            found.update(self.buckets.get(bucket, ())[:MAX_BUCKET])
        return found

    def signature(self, article_id):
        known = self.articles.get(article_id)
        return known[0] if known else None

    def original(self, article_id):
        known = self.articles.get(article_id)
        return known[2] if known and known[2] is not None else article_id

    def add(self, article_id, sig, buckets, duplicate_of, reason):
        self.articles[article_id] = (sig, buckets, duplicate_of, reason)
        for bucket in buckets:
            self.buckets.setdefault(bucket, []).append(article_id)
        if self.capacity is not None and len(self.articles) > self.capacity:
            oldest = next(iter(self.articles))
            for bucket in self.articles.pop(oldest)[1]:
                members = self.buckets[bucket]
                members.remove(oldest)
                if not members:
                    del self.buckets[bucket]

    def recorded(self, article_id):
        known = self.articles.get(article_id)
        return (True, known[2], known[3]) if known else (False, None, None)
