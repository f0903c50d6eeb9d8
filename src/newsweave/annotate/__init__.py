"""The annotate stage (after load, before claims): spaCy parses each report once.

newsweave keeps sentences (with their role in the page) and the features
alignment needs, as spans on the story; each report's parse (a spaCy Doc)
goes into the story's workspace, where the later stages read it instead of
parsing again, with its token table (tokens.py), which the sentence features
read and the claims stage walks instead of the Doc's tokens. A report longer
than `max_report_chars` is cut at a paragraph break, with a warning.
"""

from __future__ import annotations

import dataclasses

from newsweave.annotate.model import load_model
from newsweave.annotate.parts import PART_CHARS, cut_point, join_parts, parse, text_parts
from newsweave.annotate.sentences import document_sentences
from newsweave.annotate.tokens import TokenTable
from newsweave.settings import Settings
from newsweave.story import Document, Story, StoryWarning

LONG_REPORT = "long report"


def annotate(story: Story, settings: Settings) -> Story:
    nlp = load_model(settings)
    story.documents = [_within_length(story, document, settings.max_report_chars) for document in story.documents]
    story.sentences = []
    story.workspace.parses = {}
    story.workspace.token_tables = {}
    # A report longer than the parser takes at once is parsed in parts cut at
    # paragraph breaks; the parts' parses are joined back into one Doc whose
    # text is the report's text, so every offset still indexes the document.
    limit = min(PART_CHARS, nlp.max_length)
    parts = [text_parts(document.text, limit) for document in story.documents]
    docs = parse(nlp, [part for split in parts for part in split])
    for document, split in zip(story.documents, parts, strict=True):
        doc = join_parts([next(docs) for _ in split])
        table = TokenTable(doc, document.text)
        story.sentences.extend(document_sentences(document.id, table))
        story.workspace.parses[document.id] = doc
        story.workspace.token_tables[document.id] = table
    return story


def _within_length(story: Story, document: Document, limit: int) -> Document:
    """The report, or its beginning up to a paragraph break when it is longer than `limit`.

    The shortened report is a copy whose text is a prefix of the original, so
    evidence offsets index both; a warning on the story says what was left out.
    """
    if len(document.text) <= limit:
        return document
    end = cut_point(document.text, 0, limit)
    story.warnings.append(
        StoryWarning(
            kind=LONG_REPORT,
            message=f"Report {document.id} is {len(document.text):,} characters long; only its first {end:,} "
            f"(up to a paragraph break) were briefed (max_report_chars is {limit:,}).",
        )
    )
    return dataclasses.replace(document, text=document.text[:end])
