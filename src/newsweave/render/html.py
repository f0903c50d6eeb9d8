"""The brief as one self-contained HTML page.

Nothing is fetched: styles are inlined and there is no script at all. Each
citation is a link to the cited sentence inside the full text of its report,
further down the same page, and CSS `:target` highlights it. Everything that
comes from a report is escaped; links are kept only for http(s) URLs.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from typing import TYPE_CHECKING

from newsweave.corroborate import corroborated, single_source
from newsweave.render.labels import (
    citation_numbers,
    document_line,
    headline,
    inferred_origins,
    origins_label,
    sole_origin_facts,
    warning_lines,
)
from newsweave.story import FactGroup, Sentence, Story

if TYPE_CHECKING:
    from newsweave.pipeline import Brief


def sentence_anchor(numbers: dict[str, int], sentence: Sentence) -> str:
    return f"d{numbers[sentence.document]}-{sentence.start}-{sentence.end}"


def brief_to_html(brief: Brief) -> str:
    story = brief.story
    numbers = citation_numbers(story)
    css = files("newsweave.render").joinpath("templates/brief.css").read_text(encoding="utf-8")
    title = escape(headline(story))
    in_summary = {item.fact.id for item in story.summary}
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{title}</title><style>{css}</style></head><body>",
        '<main class="brief">',
        f"<h1>{title}</h1>",
        f'<p class="meta">{len(story.documents)} reports, briefed by newsweave. '
        "Each number cites a report; follow it to the sentence in that report.</p>",
    ]
    for text, left_out in warning_lines(story):
        parts.append(f'<section id="warnings" class="warning"><p><strong>Warning.</strong> {escape(text)}</p><ul>')
        parts += [f"<li>{escape(document_line(d))}</li>" for d in left_out]
        parts.append("</ul></section>")
    parts.append('<section id="summary"><h2>What happened</h2><ol class="summary">')
    for item in story.summary:
        parts.append(f'<li data-fact="{item.fact.id}">{escape(item.text)} {_citations(item.fact, numbers)}</li>')
    parts.append("</ol></section>")

    facts = corroborated(story)
    inferred = inferred_origins(story)
    parts.append('<section id="facts"><h2>Corroborated: stated by two or more reports</h2>')
    if facts:
        parts.append('<table class="facts"><thead><tr><th>Reports</th><th>Fact</th></tr></thead><tbody>')
        for group in facts:
            parts.append(
                f'<tr data-fact="{group.id}"><td class="support">{group.support}{_origins(group, numbers, inferred)}</td>'
                f"<td>{escape(group.representative.text)} {_citations(group, numbers)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No fact is stated by more than one report.</p>")
    parts.append("</section>")

    parts += _crosscheck_sections(story, numbers, inferred)
    parts += _analyst_sections(story, numbers)

    lonely = single_source(story)
    if lonely:
        parts.append('<section id="single-source"><h2>Resting on one report only</h2><ul>')
        for group in lonely:
            note = ' <span class="note">in the summary</span>' if group.id in in_summary else ""
            parts.append(f'<li data-fact="{group.id}">{escape(group.representative.text)} {_citations(group, numbers)}{note}</li>')
        parts.append("</ul></section>")

    if story.problems:
        parts.append('<section id="problems"><h2>Could not read</h2><ul>')
        parts += [f"<li><code>{escape(p.source)}</code>: {escape(p.reason)}</li>" for p in story.problems]
        parts.append("</ul></section>")
    parts.append("</main>")
    parts.append(_sources(story, numbers))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _citations(group: FactGroup, numbers: dict[str, int]) -> str:
    """One link per report, to that report's first sentence in the group."""
    links = [
        f'<a class="cite" href="#{sentence_anchor(numbers, s)}" title="{escape(s.text, quote=True)}">{numbers[s.document]}</a>'
        for s in _first_per_report(group.sentences, numbers)
    ]
    return _cite_span(links)


def _first_per_report(items, numbers: dict[str, int]) -> list:
    """The first of each report's items (sentences or evidence spans), in citation-number order."""
    first: dict[str, object] = {}
    for item in items:
        first.setdefault(item.document, item)
    return [first[d] for d in sorted(first, key=lambda d: numbers[d])]


def _cite_span(links: list[str]) -> str:
    return '<span class="cites">[' + ", ".join(links) + "]</span>"


def _sources(story: Story, numbers: dict[str, int]) -> str:
    by_document: dict[str, list[Sentence]] = {}
    for sentence in story.sentences:
        by_document.setdefault(sentence.document, []).append(sentence)
    parts = ['<aside class="sources"><h2>Reports</h2>']
    for document in story.documents:
        n = numbers[document.id]
        meta = " · ".join(escape(v) for v in (document.outlet, document.published) if v)
        link = ""
        if document.url and document.url.lower().startswith(("http://", "https://")):
            link = f' · <a href="{escape(document.url, quote=True)}" rel="noreferrer noopener">original</a>'
        parts.append(
            f'<article class="source" id="doc-{n}"><h3><span class="num">{n}</span> {escape(document.title or document.id)}</h3>'
            f'<p class="meta"><code>{escape(document.id)}</code>{" · " + meta if meta else ""}{link}</p>'
            f'<div class="text">{_marked_text(document.text, by_document.get(document.id, []), numbers)}</div></article>'
        )
    parts.append("</aside>")
    return "\n".join(parts)


def _marked_text(text: str, sentences: list[Sentence], numbers: dict[str, int]) -> str:
    """The report's full text, each sentence a target span with its offsets."""
    out, cursor = [], 0
    for sentence in sorted(sentences, key=lambda s: s.start):
        if sentence.start < cursor:
            continue
        out.append(escape(text[cursor : sentence.start]))
        out.append(
            f'<span class="s {sentence.role}" id="{sentence_anchor(numbers, sentence)}" '
            f'data-start="{sentence.start}" data-end="{sentence.end}">{escape(text[sentence.start : sentence.end])}</span>'
        )
        cursor = sentence.end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _origins(group: FactGroup, numbers: dict[str, int], inferred: set[str]) -> str:
    label = origins_label(group, numbers, inferred)
    return f'<div class="origins">{escape(label)}</div>' if label else ""


def _crosscheck_sections(story: Story, numbers: dict[str, int], inferred: set[str]) -> list[str]:
    """Where reports disagree (each side next to the other, linked to its words) and facts resting on one credited outlet."""
    parts: list[str] = []
    if story.discrepancies:
        parts.append('<section id="discrepancies"><h2>Where reports disagree</h2>')
        for item in story.discrepancies:
            parts.append(
                f'<div class="discrepancy {escape(item.kind)}"><p class="subject"><span class="kind">{escape(item.kind)}</span> '
                f'{escape(item.subject)}</p><div class="sides">'
            )
            for value in item.values:
                links = _cite_span([_evidence_link(story, numbers, e) for e in value.evidence])
                parts.append(f'<div class="side"><q>{escape(value.value)}</q> {links}</div>')
            parts.append("</div></div>")
        parts.append("</section>")
    sole = sole_origin_facts(story)
    if sole:
        parts.append('<section id="origins"><h2>Resting on one outlet the reports credit</h2><ul>')
        for origin, groups in sole:
            mark = ' <span class="note">(inferred)</span>' if origin in inferred else ""
            parts.append(f"<li><strong>{escape(origin)}</strong>{mark} is the only origin of {len(groups)} fact{'s' if len(groups) > 1 else ''}:<ul>")
            parts += [f'<li data-fact="{g.id}">{escape(g.representative.text)} {_citations(g, numbers)}</li>' for g in groups]
            parts.append("</ul></li>")
        parts.append("</ul></section>")
    return parts


def _evidence_link(story: Story, numbers: dict[str, int], evidence) -> str:
    """A citation link to the sentence holding the evidence span."""
    holder = next(
        (s for s in story.sentences if s.document == evidence.document and s.start <= evidence.start < s.end),
        None,
    )
    n = numbers[evidence.document]
    target = sentence_anchor(numbers, holder) if holder else f"doc-{n}"
    quoted = story.document(evidence.document).text[evidence.start : evidence.end]
    return f'<a class="cite" href="#{target}" title="{escape(quoted, quote=True)}">{n}</a>'


def _analyst_sections(story: Story, numbers: dict[str, int]) -> list[str]:
    """Who is involved, the links the reports state, and when: each cited to the words it rests on."""
    from newsweave.render.analyst import also_known_as, dated, involved, more_label, stated_links, when_label

    def cites(evidence) -> str:
        return _cite_span([_evidence_link(story, numbers, e) for e in _first_per_report(evidence, numbers)])

    parts: list[str] = []
    groups = involved(story)
    if groups:
        parts.append('<section id="entities"><h2>Who is involved</h2><dl class="entities">')
        for heading, entities, hidden in groups:
            items = []
            for entity in entities:
                also = f' <span class="note">{escape(also_known_as(entity))}</span>' if also_known_as(entity) else ""
                items.append(f'<span class="entity" data-entity="{escape(entity.id, quote=True)}">{escape(entity.name)}{also} {cites(entity.evidence)}</span>')
            if hidden:
                items.append(f'<span class="note">{more_label(hidden)}</span>')
            parts.append(f"<dt>{escape(heading)}</dt><dd>{'; '.join(items)}</dd>")
        parts.append("</dl>")
        links = stated_links(story)
        if links:
            parts.append('<h3>Links the reports state</h3><ul class="relations">')
            parts += [
                f"<li>{escape(source)} — <em>{escape(r.label)}</em> → {escape(target)} {cites(r.evidence)}</li>"
                for r, source, target in links
            ]
            parts.append("</ul>")
        parts.append("</section>")
    entries = dated(story)
    if entries:
        parts.append('<section id="timeline"><h2>When</h2><ul class="timeline">')
        parts += [
            f'<li><strong class="when">{escape(when_label(t))}</strong> {escape(t.text)} {cites(t.evidence)}</li>'
            for t in entries
        ]
        parts.append("</ul></section>")
    return parts

