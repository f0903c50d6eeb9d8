"""The brief as one self-contained HTML page.

Nothing is fetched: styles are inlined and there is no script at all. Each
citation is a link to the cited sentence inside the full text of its report,
further down the same page, and CSS `:target` highlights it. Everything that
comes from a report is escaped; links are kept only for http(s) URLs.

The page is render/templates/brief.html, rendered with the Jinja environment
the web app shares (render/templating.py); `BriefPage` is what it reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from newsweave.corroborate import corroborated, single_source
from newsweave.render import Briefed, analyst
from newsweave.render.labels import (
    citation_numbers,
    claim_marks,
    disputed_subjects,
    document_line,
    fact_lines,
    headline,
    inferred_origins,
    origins_label,
    report_origins,
    sole_origin_count,
    sole_origin_facts,
    sole_origin_lines,
    warning_lines,
)
from newsweave.render.templating import RENDER_TEMPLATES, environment, safe_url
from newsweave.story import Document, Evidence, FactGroup, Sentence, Story


def brief_to_html(brief: Briefed) -> str:
    return environment().get_template("brief.html").render(page=BriefPage(brief.story))


def sentence_anchor(numbers: dict[str, int], sentence: Sentence) -> str:
    return f"d{numbers[sentence.document]}-{sentence.start}-{sentence.end}"


@dataclass(frozen=True)
class Cite:
    """One citation link: the report's number, the anchor it jumps to, the cited words as its tooltip."""

    number: int
    anchor: str
    quote: str


@dataclass(frozen=True)
class Source:
    """A report as the page's last part shows it: its full text cut into plain runs and cited sentences."""

    document: Document
    number: int
    meta: list[str]
    link: str | None
    pieces: list[tuple[str, Sentence | None]]


class BriefPage:
    """What brief.html reads of a story: its sections, worked out once, and the citations' targets."""

    def __init__(self, story: Story):
        self.story = story
        self.numbers = citation_numbers(story)
        self.title = headline(story)
        self.css = Markup(RENDER_TEMPLATES.joinpath("brief.css").read_text(encoding="utf-8"))
        self.warnings = [(text, [document_line(d) for d in left_out]) for text, left_out in warning_lines(story)]
        self.in_summary = {item.fact.id for item in story.summary}
        self.inferred = inferred_origins(story)
        self.own = report_origins(story)
        # one row per quoted sentence, every claim of the row marked, and cited after it when other reports
        # state it than the row's (as in the Markdown)
        self.fact_lines = fact_lines(corroborated(story))
        self.disputed = disputed_subjects(story)  # what a line's reports differ on
        # (origin, its facts, the groups to print and how many sentences more, as the Markdown prints them)
        self.sole_origins = [(origin, groups, *sole_origin_lines(groups)) for origin, groups in sole_origin_facts(story)]
        self.involved = analyst.involved(story)
        self.stated_links = analyst.stated_links(story) if self.involved else []
        self.dated, self.dated_hidden = analyst.dated(story)
        self.single_source = single_source(story)
        self.by_document: dict[str, list[Sentence]] = {}
        for sentence in story.sentences:
            self.by_document.setdefault(sentence.document, []).append(sentence)

    also_known_as = staticmethod(analyst.also_known_as)
    claim_marks = staticmethod(claim_marks)
    more_label = staticmethod(analyst.more_label)
    sole_origin_count = staticmethod(sole_origin_count)
    when_label = staticmethod(analyst.when_label)

    def anchor(self, sentence: Sentence) -> str:
        return sentence_anchor(self.numbers, sentence)

    def origins(self, group: FactGroup) -> str | None:
        return origins_label(group, self.numbers, self.inferred, self.own)

    def fact_cites(self, group: FactGroup, withheld: Iterable[str] = ()) -> list[Cite]:
        """One link per report, to that report's first sentence in the group (but the reports `withheld`:
        SummarySentence.withheld)."""
        sentences = [s for s in group.sentences if s.document not in withheld]
        return [Cite(self.numbers[s.document], self.anchor(s), s.text) for s in self._first_per_report(sentences)]

    def evidence_cites(self, evidence: list[Evidence], every: bool = False) -> list[Cite]:
        """Links to the sentences holding the spans: each report's first, or `every` span in order."""
        return [self._evidence_cite(e) for e in (evidence if every else self._first_per_report(evidence))]

    def _evidence_cite(self, evidence: Evidence) -> Cite:
        holder = next((s for s in self.by_document.get(evidence.document, []) if s.start <= evidence.start < s.end), None)
        n = self.numbers[evidence.document]
        quoted = self.story.document(evidence.document).text[evidence.start : evidence.end]
        return Cite(n, self.anchor(holder) if holder else f"doc-{n}", quoted)

    def _first_per_report(self, items: Iterable) -> list:
        """The first of each report's items (sentences or evidence spans), in citation-number order."""
        first: dict[str, object] = {}
        for item in items:
            first.setdefault(item.document, item)
        return [first[d] for d in sorted(first, key=lambda d: self.numbers[d])]

    def sources(self) -> list[Source]:
        return [
            Source(
                document=d,
                number=self.numbers[d.id],
                meta=[v for v in (d.outlet, d.published) if v],
                link=safe_url(d.url),
                pieces=_pieces(d.text, self.by_document.get(d.id, [])),
            )
            for d in self.story.documents
        ]


def _pieces(text: str, sentences: list[Sentence]) -> list[tuple[str, Sentence | None]]:
    """The report's full text as runs: (words, the sentence they are) or (words between sentences, None)."""
    out: list[tuple[str, Sentence | None]] = []
    cursor = 0
    for sentence in sorted(sentences, key=lambda s: s.start):
        if sentence.start < cursor:
            continue
        out.append((text[cursor : sentence.start], None))
        out.append((text[sentence.start : sentence.end], sentence))
        cursor = sentence.end
    out.append((text[cursor:], None))
    return out
