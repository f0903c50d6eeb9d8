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
`MemoryDedupState` for benchmarks, `SQLiteDedupState` inside the corpus.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from newsweave.corpus.features import shingles

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
    from datasketch import MinHash

    # CRC-32 hashes a shingle several times faster than datasketch's SHA-1 and,
    # unlike Python's hash(), is the same in every process: signatures are stored.
    return MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=zlib.crc32)


def wire_credit(text: str) -> str | None:
    """The wire agency a byline credits, from the cross-check module (None if it is not installed)."""
    try:
        from newsweave.crosscheck.attribution import wire_credit as credit
    except ImportError:
        return None
    return credit(text)


def signature(text: str, title: str | None = None) -> Signature:
    from datasketch import MinHash

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
        best, best_score = None, 0.0
        if sig.shingles >= MIN_SHINGLES:
            for other_id, _ in state.candidates(buckets).most_common(MAX_CANDIDATES):
                other = state.signature(other_id)
                if other is None or other.shingles < MIN_SHINGLES or other_id == article_id:
                    continue
                jaccard = other.jaccard(sig)
                same_wire = sig.wire is not None and sig.wire == other.wire and jaccard >= WIRE_EDIT
                if same_wire or jaccard >= NEAR_IDENTICAL or sig.containment(other) >= CONTAINED:
                    if jaccard > best_score:
                        best, best_score = other_id, jaccard
        duplicate_of = reason = None
        if best is not None:
            duplicate_of = state.original(best)
            wire = sig.wire or state.signature(best).wire
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
        found = Counter()
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


DEDUP_TABLES = """
CREATE TABLE IF NOT EXISTS dedup_signatures (
    article_id INTEGER PRIMARY KEY,
    shingles INTEGER NOT NULL,
    wire TEXT,
    hashes BLOB NOT NULL,
    duplicate_of INTEGER,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS dedup_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
"""


class SQLiteDedupState:
    """Duplicate index in the corpus database; never commits (the caller's transaction does)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def candidates(self, buckets):
        found = Counter()
        for band, bucket in enumerate(buckets):
            rows = self.conn.execute(
                "SELECT article_id FROM dedup_buckets WHERE band = ? AND bucket = ? LIMIT ?", (band, bucket, MAX_BUCKET)
            )
            found.update(row[0] for row in rows)
        return found

    def signature(self, article_id):
        import numpy

        row = self.conn.execute(
            "SELECT shingles, wire, hashes FROM dedup_signatures WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return Signature(numpy.frombuffer(row[2], dtype=HASH_TYPE), row[0], row[1])

    def original(self, article_id):
        row = self.conn.execute("SELECT duplicate_of FROM dedup_signatures WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row and row[0] is not None else article_id

    def add(self, article_id, sig, buckets, duplicate_of, reason):
        self.conn.execute(
            "INSERT INTO dedup_signatures (article_id, shingles, wire, hashes, duplicate_of, reason) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, sig.shingles, sig.wire, sig.hashes.tobytes(), duplicate_of, reason),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO dedup_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
            [(band, bucket, article_id) for band, bucket in enumerate(buckets)],
        )

    def recorded(self, article_id):
        row = self.conn.execute(
            "SELECT duplicate_of, reason FROM dedup_signatures WHERE article_id = ?", (article_id,)
        ).fetchone()
        return (True, row[0], row[1]) if row else (False, None, None)


def find_duplicate(conn: sqlite3.Connection, article_id: int, text: str, title: str | None = None,
                   prepared: Signature | None = None) -> tuple[int | None, str | None]:
    """(duplicate_of article id, reason) for a new article, or (None, None); runs in the caller's transaction.

    The article is recorded in the index either way, so later copies find it.
    Calling again for the same article returns the recorded answer.
    """
    from newsweave.corpus.cluster import ensure_tables

    ensure_tables(conn)
    return Deduplicator(SQLiteDedupState(conn)).find(article_id, text, title, prepared)
