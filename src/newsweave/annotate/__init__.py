"""Stage 2, annotate: spaCy parses each report once; newsweave keeps sentences
(with their role in the page) and the features alignment needs, as spans."""

from __future__ import annotations

from newsweave.annotate.model import load_model
from newsweave.annotate.sentences import document_sentences
from newsweave.settings import Settings
from newsweave.story import Story


def annotate(story: Story, settings: Settings) -> Story:
    nlp = load_model(settings)
    story.sentences = []
    story.parses = {}
    texts = (document.text for document in story.documents)
    for document, doc in zip(story.documents, nlp.pipe(texts, batch_size=16)):
        story.sentences.extend(document_sentences(document.id, doc))
        story.parses[document.id] = doc
    return story
