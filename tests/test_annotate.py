"""Sentence segmentation and roles on messy news copy written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsweave
from newsweave.story import BODY, BOILERPLATE, CAPTION

MESSY = """# Storm floods Brackwell harbour

By Jane Okafor, Staff Writer

Published: Nov. 3, 2026

BRACKWELL, Nov. 3 (Northsea Wire) — Floodwater swept through the harbour district of Brackwell on Monday after a storm surge broke over the sea wall, the U.S. Coast Guard liaison office said.

Advertisement

"We have never seen water this high in the old town," harbour master Tom Reyes said. "It came over the wall in minutes."

"Stay off the roads tonight," the mayor told residents in a video message, adding that shelters were open at two schools.

Residents wade through a flooded street in Brackwell on Monday

Photo: Lena Park/Northsea Wire

The storm, named Odile by forecasters, is expected to weaken by Wednesday, Dr. Amy Lin of the weather service said.

Read more: How sea walls are built

(Reporting by Jane Okafor; Editing by Sam Ortiz)
"""


@pytest.fixture(scope="module")
def sentences():
    return newsweave.brief([newsweave.Document(id="messy", text=MESSY)]).story.sentences


def find(sentences, start: str):
    matches = [s for s in sentences if s.text.startswith(start)]
    assert len(matches) == 1, f"expected one sentence starting {start!r}, got {[s.text for s in matches]}"
    return matches[0]


def test_spans_are_exact_offsets(sentences):
    for sentence in sentences:
        assert MESSY[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_headline_byline_and_credits_are_not_body(sentences):
    assert find(sentences, "Storm floods Brackwell harbour").role == CAPTION  # the "# " is trimmed off the span
    assert find(sentences, "By Jane Okafor").role == BOILERPLATE
    assert find(sentences, "Published:").role == BOILERPLATE
    assert find(sentences, "Advertisement").role == BOILERPLATE
    assert find(sentences, "Read more:").role == BOILERPLATE
    assert find(sentences, "(Reporting by Jane Okafor").role == BOILERPLATE
    assert find(sentences, "Photo: Lena Park").role == BOILERPLATE


def test_caption_without_final_stop_is_a_caption(sentences):
    assert find(sentences, "Residents wade through a flooded street").role == CAPTION


def test_dateline_is_trimmed_and_abbreviations_do_not_split(sentences):
    lead = find(sentences, "Floodwater swept through")
    assert lead.role == BODY
    assert lead.text.endswith("the U.S. Coast Guard liaison office said.")
    storm = find(sentences, "The storm, named Odile")
    assert storm.text.endswith("Dr. Amy Lin of the weather service said.")


def test_quotes_that_open_a_paragraph_keep_their_speaker(sentences):
    first = find(sentences, '"We have never seen water this high')
    assert first.text.endswith("harbour master Tom Reyes said.")
    assert find(sentences, '"It came over the wall in minutes."').role == BODY
    mayor = find(sentences, '"Stay off the roads tonight,"')
    assert "the mayor told residents" in mayor.text and mayor.text.endswith("open at two schools.")


def test_numbers_in_words_and_digits_are_normalised():
    from newsweave.annotate.features import number_value

    assert number_value("nine") == number_value("9") == 9
    assert number_value("Eleven") == 11
    assert number_value("1,400") == 1400
    assert number_value("hundreds") is None


def test_the_stages_working_state_is_kept_apart_from_the_brief():
    """Parses and similarity matrices live in the story's workspace: not fields of the brief,
    left out of its repr and its equality, and keyed by stable ids (`Sentence.key`), not `id()`."""
    import dataclasses

    from newsweave.story import Story, Workspace

    story = newsweave.brief([newsweave.Document(id="messy", text=MESSY)]).story
    workspace = story.workspace
    assert list(workspace.parses) == ["messy"] and workspace.parses["messy"].text == MESSY
    assert workspace.aligned and workspace.similarity.shape == (len(workspace.aligned),) * 2
    assert workspace.dates and all(d.evidence.document == "messy" for d in workspace.dates)
    assert not {f.name for f in dataclasses.fields(Story)} & {"parses", "aligned", "similarity", "dates"}
    assert "workspace" not in repr(story) and dataclasses.replace(story, workspace=Workspace()) == story
    assert len({s.key for s in story.sentences}) == len(story.sentences)
    assert all(s.key == (s.document, s.start, s.end) for s in story.sentences)


def test_the_model_multiplies_with_numpy_and_parses_as_with_blis():
    """The speed-up in annotate/model.py changes how fast, never what: the parse BLIS gives, token for token."""
    import spacy
    from thinc.api import NumpyOps, use_ops

    from newsweave import Settings
    from newsweave.annotate.model import load_model
    from newsweave.annotate.sentences import PARAGRAPH_COMPONENT

    nlp = load_model(Settings())
    # The convolutions' maxout layers hold the large products (the transition models' last layer keeps its own ops).
    layers = [node for _, component in nlp.pipeline if getattr(component, "model", None)
              for node in component.model.walk() if node.name.startswith("maxout")]
    assert layers and all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in layers)

    with use_ops("numpy", use_blis=True):
        blis_nlp = spacy.load(nlp.path)
    blis_nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    assert blis_nlp.get_pipe("ner").model.ops.use_blis and blis_nlp.pipe_names == nlp.pipe_names

    def annotations(doc):
        return [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]

    example = Path(__file__).parents[1] / "examples" / "valley-dam-evacuation"
    texts = [MESSY] + [(example / name).read_text(encoding="utf-8") for name in ("wire.txt", "evening-post.md")]
    assert [annotations(doc) for doc in nlp.pipe(texts)] == [annotations(doc) for doc in blis_nlp.pipe(texts)]


def test_attribute_rules_apply_the_rulers_rules_in_its_order():
    """Made-up rules on a blank pipeline: the rules' lookup gives what spaCy's AttributeRuler gives."""
    import spacy
    from spacy.tokens import Doc

    from newsweave.annotate.attributes import AttributeRules

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "lock", "TAG": "NN"}]], {"POS": "PROPN", "LEMMA": "Lock"})  # a later rule wins
    ruler.add([[{"TAG": {"NOT_IN": ["NN", "DT"]}}]], {"POS": "VERB"})
    ruler.add([[{"DEP": "det"}, {"LOWER": {"REGEX": "^l"}}]], {"LEMMA": "the-l"}, index=0)
    ruler.add([[{"LOWER": {"IN": ["the", "a"]}}, {"TAG": "NN"}]], {"MORPH": "Definite=Def"}, index=-1)
    words, tags, deps = ["the", "lock", "opens", "a", "gate"], ["DT", "NN", "VBZ", "DT", "NN"], ["det", "nsubj", "ROOT", "det", "dobj"]

    def tagged() -> Doc:
        return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[1, 2, 2, 4, 2])

    expected = ruler(tagged())
    rules = AttributeRules(nlp.vocab)
    assert AttributeRules.can_take_over(ruler)
    rules.take_over(ruler)
    got = rules(tagged())
    table = [(t.pos_, t.lemma_, str(t.morph)) for t in got]
    assert table == [(t.pos_, t.lemma_, str(t.morph)) for t in expected]
    assert table[1] == ("PROPN", "Lock", "Definite=Def") and table[0][1] == "the-l" and table[2][0] == "VERB"

    ruler.add([[{"TAG": "DT", "OP": "?"}, {"TAG": "NN"}]], {"POS": "NOUN"})  # a repeat operator: the ruler stays
    assert not AttributeRules.can_take_over(ruler)
