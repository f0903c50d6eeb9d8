"""Stage 2, annotate: spaCy parses each report once; newsweave keeps sentences
(with their role in the page) and the features alignment needs, as spans."""

from __future__ import annotations

from newsweave.annotate.model import load_model
from newsweave.annotate.parts import PART_CHARS, join_parts, parse, text_parts
from newsweave.annotate.sentences import document_sentences
from newsweave.settings import Settings
from newsweave.story import Story


def annotate(story: Story, settings: Settings) -> Story:
    nlp = load_model(settings)
    story.sentences = []
    story.parses = {}
    # A report longer than the parser takes at once is parsed in parts cut at
    # paragraph breaks; the parts' parses are joined back into one Doc whose
    # text is the report's text, so every offset still indexes the document.
    limit = min(PART_CHARS, nlp.max_length)
    parts = [text_parts(document.text, limit) for document in story.documents]
    docs = parse(nlp, [part for split in parts for part in split])
    for document, split in zip(story.documents, parts):
        doc = join_parts([next(docs) for _ in split])
        story.sentences.extend(document_sentences(document.id, doc))
        story.parses[document.id] = doc
    return story
