"""The brief as Markdown, for the terminal and for notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsweave.corroborate import corroborated, single_source
from newsweave.render.analyst import also_known_as, dated, involved, more_label, stated_links, when_label
from newsweave.render.labels import (
    citation_numbers,
    claim_marks,
    disputed_subjects,
    document_line,
    fact_lines,
    headline,
    inferred_origins,
    origins_label,
    quote_credit,
    report_origins,
    reports_count,
    side_text,
    sole_origin_count,
    sole_origin_facts,
    sole_origin_lines,
    warning_lines,
)

if TYPE_CHECKING:
    from newsweave.render import Briefed as Brief
    from newsweave.story import FactGroup

# Control characters but tab and line ends: a report's ESC sequences would drive the terminal the
# brief is printed on (set its title, hide text, write the clipboard). The JSON keeps them: offsets index them.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def brief_to_markdown(brief: Brief) -> str:
    story = brief.story
    numbers = citation_numbers(story)

    def cite(document_ids: list[str]) -> str:
        return "[" + ", ".join(str(n) for n in sorted(numbers[d] for d in document_ids)) + "]"

    lines = [
        f"# {headline(story)}",
        "",
        f"_{reports_count(len(story.documents))}, briefed by newsweave. Numbers in brackets cite the reports listed at the end._",
        "",
    ]
    for text, left_out in warning_lines(story):
        lines += [f"> **Warning.** {text}"] + [f"> - {document_line(d)}" for d in left_out] + [""]
    lines += ["## What happened", ""]
    lines += [f"{item.text} {cite(item.documents)}" for item in story.summary] or ["_No sentence could be selected._"]
    facts = corroborated(story)
    lines += ["", "## Corroborated: stated by two or more reports", ""]
    inferred = inferred_origins(story)
    own = report_origins(story)
    # The sentence each claim group quotes, once, every claim of the line marked: cited by the line when the line's
    # reports state it, else after it.
    differ = disputed_subjects(story)
    lines += [
        f"- **{_reports_and_origins(line[0], numbers, inferred, own)}** {cite(line[0].documents)}: {_marked(cite, *line)}"
        f"{_differing(differ(line))}"
        for line in fact_lines(facts)
    ] or ["_No fact is stated by more than one report._"]
    lines += _crosscheck_sections(story, cite, inferred)
    lines += _analyst_sections(story, cite)
    lonely = single_source(story)
    if lonely:
        lines += ["", "## Resting on one report only", ""]
        in_summary = {item.fact.id for item in story.summary}
        lines += [f"- {cite(g.documents)} {g.representative.text}" + (" _(in the summary)_" if g.id in in_summary else "") for g in lonely]
    lines += ["", "## Reports", ""]
    lines += [f"{numbers[d.id]}. {document_line(d)}" for d in story.documents]
    if story.problems:
        lines += ["", "## Could not read", ""]
        lines += [f"- `{p.source}`: {p.reason}" for p in story.problems]
    return TERMINAL_CONTROLS.sub("\ufffd", "\n".join(lines) + "\n")


def _marked(cite, group: FactGroup, *more: FactGroup) -> str:
    """The quoted sentence with the claims of the groups on its line in italics, when they are only part of it, and
    a claim other reports state than the line's cited after it."""
    return "".join((f"*{text}*" if marked else text) + (f" {cite(by.documents)}" if by is not None else "")
                   for text, marked, by in claim_marks(group, *more))


def _differing(subjects: list[str]) -> str:
    """What a fact line's reports differ on, after the line: " _(the reports differ on: age of Johnson)_"."""
    return f" _(the reports differ on: {'; '.join(subjects)})_" if subjects else ""


def _reports_and_origins(group, numbers: dict[str, int], inferred: set[str], own: dict[str, str]) -> str:
    """'3 reports · 1 origin: Wall Street Journal'."""
    label = origins_label(group, numbers, inferred, own)
    return f"{group.support} reports" + (f" · {label}" if label else "")


def _crosscheck_sections(story, cite, inferred: set[str]) -> list[str]:
    """Where reports disagree, which facts rest on one outlet they credit, and the quotes reports share."""
    lines: list[str] = []
    if story.discrepancies:
        lines += ["", "## Where reports disagree", ""]
        for item in story.discrepancies:
            sides = " vs ".join(f"“{side_text(v.value, v.normalized, item.kind)}” {cite(v.documents)}" for v in item.values)
            lines.append(f"- **{item.subject}** _({item.kind})_: {sides}")
    sole = sole_origin_facts(story)
    if sole:
        lines += ["", "## Resting on one outlet the reports credit", ""]
        for origin, groups in sole:
            documents = list(dict.fromkeys(d for g in groups for d in g.documents))
            mark = " _(inferred)_" if origin in inferred else ""
            shown, hidden = sole_origin_lines(groups)
            count = sole_origin_count(groups, len(shown) + hidden)
            lines.append(f"- **{origin}**{mark} is the only origin of {count} of {cite(documents)}:")
            lines += [f"  - {cite(g.documents)} {g.representative.text}" for g in shown]
            lines += [f"  - _{more_label(hidden)} sentences_"] if hidden else []
    shared = [q for q in story.quotes if len(q.documents) > 1]
    if shared:
        lines += ["", "## Quoted by several reports", ""]
        lines += [f"- “{q.text}” ({quote_credit(q.speaker, q.origin, inferred)}) {cite(q.documents)}" for q in shared]
    return lines


def _analyst_sections(story, cite) -> list[str]:
    """Who is involved (and the links the reports state), and when things happened."""
    lines: list[str] = []
    groups = involved(story)
    if groups:
        lines += ["", "## Who is involved", ""]
        for heading, entities, hidden in groups:
            names = [e.name + (f" ({also_known_as(e)})" if also_known_as(e) else "") + f" {cite(e.documents)}" for e in entities]
            lines.append(f"- **{heading}:** " + "; ".join(names + ([more_label(hidden)] if hidden else [])))
        links = stated_links(story)
        if links:
            lines += ["", "Links the reports state:", ""]
            lines += [f"- {source} — _{r.label}_ → {target} {cite(r.documents)}" for r, source, target in links]
    entries, hidden = dated(story)
    if entries:
        lines += ["", "## When", ""]
        lines += [f"- **{when_label(t)}** {cite(t.documents)}: {t.text}" for t in entries]
        lines += [f"- _{more_label(hidden)} dates_"] if hidden else []
    return lines

