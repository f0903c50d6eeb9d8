"""What storing an article needs that depends on the article alone, worked out ahead of the store's lock.

An ingest engine (newsweave.engine) runs `prepare` in parallel; the store then
only does the order-dependent part (duplicate check, story) in its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.corpus.dedup import Signature, signature
from newsweave.corpus.signatures import ArticleFeatures, article_features


@dataclass
class Prepared:
    wire: str | None  # the wire agency its byline credits (also in `signature`)
    signature: Signature
    features: ArticleFeatures


def prepare(article) -> Prepared:
    """The pure, per-article part of storing it: its MinHash signature (with its wire credit, worked out
    once) and clustering features."""
    sig = signature(article.text, article.title)
    return Prepared(sig.wire, sig, article_features(article.title, article.text))
