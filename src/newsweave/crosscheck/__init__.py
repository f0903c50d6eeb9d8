"""The cross-check stage (after timeline, before summarize): who each report credits, and where reports disagree.

Attributions come from the parse (attribution.py), quotes are found and
credited (quotes.py), and each fact group counts its independent origins
(origins.py). Then every kind of discrepancy is found here, one module each:
numbers (numbers.py), quotes and their credits (quotes.py), names
(names.py, from the spellings the entity stage kept) and dates (dates.py,
from the date expressions the timeline stage found). A new kind of
discrepancy is a new module called from `crosscheck()`.
"""

from __future__ import annotations

from newsweave.crosscheck.attribution import attributions_read_once, carry_between
from newsweave.crosscheck.dates import date_discrepancies
from newsweave.crosscheck.names import name_discrepancies
from newsweave.crosscheck.numbers import figure_discrepancies
from newsweave.crosscheck.origins import fill_fact_origins
from newsweave.crosscheck.quotes import (
    attribution_discrepancies,
    carry_into_sentences,
    credit_quotes,
    find_quotes,
    group_quotes,
    quote_discrepancies,
    story_quotes,
)
from newsweave.settings import Settings
from newsweave.story import Discrepancy, Story


def crosscheck(story: Story, settings: Settings) -> Story:
    attributions = attributions_read_once(story)
    quotes = [quote for document in story.documents for quote in find_quotes(document.id, document.text)]
    credit_quotes(story, quotes, attributions)
    carry_into_sentences(story, quotes, attributions)
    carry_between(story, attributions)
    # One entry per attributing phrase; sentences that inherit one share the very object.
    story.attributions = sorted({id(a): a for a in attributions.values()}.values(), key=lambda a: (a.document, a.sentence))
    for claim in story.claims:
        claim.attribution = attributions.get((claim.document, claim.sentence.index))
    fill_fact_origins(story, attributions)

    groups = group_quotes(quotes)
    story.quotes = story_quotes(groups)
    texts = {document.id: document.text for document in story.documents}
    found = (
        figure_discrepancies(story)
        + attribution_discrepancies(groups, texts)
        + quote_discrepancies(groups)
        + name_discrepancies(story)
        + date_discrepancies(story)
    )
    story.discrepancies = [d for d in found if between_reports(d)]
    return story


def between_reports(discrepancy: Discrepancy) -> bool:
    """Whether two different reports give two of its values. A report that spells a name two ways
    ('Tolkien', 'Tolkein') while the others say nothing has slipped; the reports do not disagree."""
    documents = [{e.document for e in value.evidence} for value in discrepancy.values]
    return any(a != b for i, first in enumerate(documents) for second in documents[i + 1 :] for a in first for b in second)
