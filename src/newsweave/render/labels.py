"""Words shared by the Markdown and HTML briefs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from newsweave.corroborate import disputes, lines_per_sentence, resting_on_one_outlet
from newsweave.story import NOT_ONE_STORY, TOO_MUCH_TO_BRIEF, Document, FactGroup, Story

T = TypeVar("T")


def fact_lines(groups: list[FactGroup]) -> list[list[FactGroup]]:
    """The lines a fact list prints (corroborate.lines_per_sentence: one per quoted sentence), but for a group
    whose claim cannot be cited after its own words (inside or beside another group's words, or the sentence
    marked whole), which gets a line of its own, beside its sentence's, with the groups of the same reports."""
    lines: list[list[FactGroup]] = []
    for line in lines_per_sentence(groups):
        _, uncited = _cited_line(line)
        lines += uncited_apart(line, uncited, [group.documents for group in line])
    return lines


def disputed_subjects(story: Story) -> Callable[[Iterable[FactGroup]], list[str]]:
    """What the reports of a fact line differ on (`corroborate.disputes`): each disagreement's subject, once
    ("4 reports: Kevin Johnson, 25" when one of them says 24: they differ on the age of Johnson)."""
    found = disputes(story)
    return lambda groups: list(dict.fromkeys(story.discrepancies[index].subject
                                             for group in groups for index in found.get(group.id, ())))


def uncited_apart(line: list[T], uncited: set[int], documents: list[list[str]]) -> list[list[T]]:
    """The line without its items at `uncited` (`cited_runs`), then those, one line per set of reports
    (`documents[i]`: item i's). Shared by the briefs (`fact_lines`) and the web's story page."""
    apart: dict[tuple[str, ...], list[T]] = {}
    for n in sorted(uncited):
        apart.setdefault(tuple(documents[n]), []).append(line[n])
    return [[item for n, item in enumerate(line) if n not in uncited], *apart.values()]


def claim_marks(group: FactGroup, *more: FactGroup) -> list[tuple[str, bool, FactGroup | None]]:
    """The quoted sentence cut into runs, True where the group's claims lie inside it, and those of `more`
    groups printed on the same line (`fact_lines`); each run with the group to cite after it, where a claim
    other reports state than the line's (`group`'s) ends: "...the massacre *which killed 130 people* and
    *injured 352* [1, 3]".

    A fact list quotes whole sentences, but a claim group is one fact inside
    one: "...the massacre which killed 130 people..." is what three reports
    state, not the phone calls around it. One run, unmarked, when the claims
    cover the sentence (or the group has no claims)."""
    groups = (group, *more)
    runs, _ = _cited_line(groups)
    return [(text, marked, groups[at] if at is not None else None) for text, marked, at in runs]


def _cited_line(groups) -> tuple[list[tuple[str, bool, int | None]], set[int]]:
    sentence = groups[0].representative
    spans = [
        [piece for claim in each.claims if claim.sentence.key == sentence.key for piece in claim.pieces or ((claim.start, claim.end),)]
        for each in groups
    ]
    return cited_runs(sentence.text, sentence.start, spans, [each.documents for each in groups])


def cited_runs(text: str, start: int, spans: list[list[tuple[int, int]]],
               documents: list[list[str]]) -> tuple[list[tuple[str, bool, int | None]], set[int]]:
    """`mark_runs` over the spans of several groups (`spans[i]`, stated by `documents[i]`, the first the line's
    own), each marked run with the index of the group to cite after it: a group stated by other reports than
    the first, after the last run whose words are its alone. And the groups of other reports with no such run
    (their words inside or beside another's, or no words marked), to print apart. Shared by the briefs
    (`claim_marks`) and the web's story page."""
    covered: list[set[int]] = [set() for _ in text]
    for index, group_spans in enumerate(spans):
        for span_start, span_end in group_spans:
            for at in range(max(span_start, start), min(span_end, start + len(text))):
                covered[at - start].add(index)
    runs = mark_runs(text, start, [span for group_spans in spans for span in group_spans])
    holders: list[set[int]] = []
    at = 0
    for piece, marked in runs:
        holders.append(set().union(*covered[at : at + len(piece)]) if marked else set())
        at += len(piece)
    line = set(documents[0])
    after: dict[int, int] = {}
    uncited: set[int] = set()
    for index in range(1, len(spans)):
        if set(documents[index]) == line:
            continue  # (the line's citation is its own)
        alone = [n for n, held in enumerate(holders) if held == {index}]
        if alone:
            after[alone[-1]] = index
        else:
            uncited.add(index)
    return [(piece, marked, after.get(n)) for n, (piece, marked) in enumerate(runs)], uncited


def mark_runs(text: str, start: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` (which starts at document offset `start`) cut into runs, True inside `spans` (document offsets).

    Shared by the briefs (claim_marks, cited_runs) and the web's story page, which reads the same spans off the JSON."""
    marked = [False] * len(text)
    for span_start, span_end in spans:
        for at in range(max(span_start, start), min(span_end, start + len(text))):
            marked[at - start] = True
    # Two marks a space apart are one run: "*police are investigating* *whether anyone …*" reads as two
    for gap in re.finditer(r"\s+", text):
        if gap.start() > 0 and gap.end() < len(text) and marked[gap.start() - 1] and marked[gap.end()]:
            marked[gap.start() : gap.end()] = [True] * (gap.end() - gap.start())
    words = [marked[i] for i, char in enumerate(text) if char.isalnum()]
    if not any(words) or all(words):
        return [(text, False)]
    runs: list[tuple[str, bool]] = []
    for flag, group in groupby(zip(text, marked, strict=True), key=itemgetter(1)):
        part = "".join(char for char, _ in group)
        # Spaces and punctuation at a mark's edges stay outside it: "*killed 130 people*," not "*killed 130 people,*".
        core = part.strip(_MARK_EDGES) if flag else ""
        lead = part[: len(part) - len(part.lstrip(_MARK_EDGES))] if flag else part
        for piece, piece_flag in ((lead, False), (core, True), (part[len(lead) + len(core):], False)):
            if not piece:
                continue
            if runs and runs[-1][1] == piece_flag:
                runs[-1] = (runs[-1][0] + piece, piece_flag)
            else:
                runs.append((piece, piece_flag))
    return runs


_MARK_EDGES = " \t\n,.;:"


def citation_numbers(story: Story) -> dict[str, int]:
    return {d.id: n for n, d in enumerate(story.documents, start=1)}


def reports_count(reports: int) -> str:
    """'1 report', '3 reports'."""
    return f"{reports} report{'' if reports == 1 else 's'}"


def headline(story: Story) -> str:
    """The report title that shares most words with the other titles (`consensus_title`)."""
    return consensus_title([d.title for d in story.documents], len(story.documents))


def consensus_title(titles: list[str | None], reports: int) -> str:
    """The title that shares most words with the other titles, or "Brief of N reports" when none has one.

    A single report's headline may carry its own error (a wrong number), so
    the consensus title is the safer one to put on the brief.
    """
    named = [t for t in titles if t]
    if not named:
        return f"Brief of {reports_count(reports)}"
    words = [set(re.findall(r"[\w',.]+", t.lower())) for t in named]

    def agreement(i: int) -> float:
        return sum(len(words[i] & other) / len(words[i] | other) for j, other in enumerate(words) if j != i)

    return named[max(range(len(named)), key=lambda i: (agreement(i), -i))]


def document_line(document: Document) -> str:
    parts = [f"`{document.id}`"]
    parts += [value for value in (document.title, document.outlet, document.published) if value]
    if document.url:
        parts.append(document.url)
    elif document.path:
        parts.append(document.path)
    if document.copy_of:
        parts.append(f"a copy of `{document.copy_of}`")
    return " · ".join(parts)


def report_origins(story: Story) -> dict[str, str]:
    """Each report's own origin (`crosscheck.origins.own_origins`: its outlet, where it says which it is)."""
    from newsweave.crosscheck.origins import own_origins  # (the cross-check package loads spaCy: the CLI stays light)

    return own_origins(story)


def origins_label(group: FactGroup, numbers: dict[str, int], inferred: set[str] | frozenset[str] = frozenset(),
                  own: dict[str, str] | None = None) -> str | None:
    """'1 origin: Wall Street Journal', when a report credits someone else for the fact, or copies
    another report word for word ('2 origins: report 1, report 2' of three reports); else None.

    An origin that is a document id is that report's own reporting; one in
    `inferred` (see `inferred_origins`) is marked "(inferred)". `own` (`own_origins`) gives each report's own
    origin, its outlet where it says which one it is: a fact each report tells as its own needs no label.
    """
    origins = group.origins
    own_ones = {own.get(d, d) for d in group.documents} if own else set(numbers)
    if not origins or (all(origin in numbers or origin in own_ones for origin in origins) and len(origins) >= group.support):
        return None
    names = [f"report {numbers[o]}" if o in numbers else origin_name(o, inferred) for o in origins]
    return f"{len(origins)} origin{'s' if len(origins) != 1 else ''}: {', '.join(names)}"


SOLE_ORIGIN_SHOWN = 10  # sentences listed per origin: a wire story's agency is the origin of hundreds


def sole_origin_lines(groups: list[FactGroup], shown: int = SOLE_ORIGIN_SHOWN) -> tuple[list[FactGroup], int]:
    """The groups to print for one origin, one per sentence, best supported first, and how many
    sentences more: the full list is in the JSON (`sole_origins`)."""
    lines = [line[0] for line in lines_per_sentence(groups)]
    return lines[:shown], max(0, len(lines) - shown)


def sole_origin_count(groups: list[FactGroup], sentences: int) -> str:
    """'3 facts', or '3 facts, in 2 sentences' when sentences hold several of them: the list prints sentences (its
    `sole_origin_lines`, shown and hidden), and "the only origin of 3 facts" over two lines read as a list cut short."""
    facts = f"{len(groups)} fact{'s' if len(groups) > 1 else ''}"
    return facts if sentences == len(groups) else f"{facts}, in {sentences} sentence{'s' if sentences > 1 else ''}"


def sole_origin_facts(story: Story) -> list[tuple[str, list[FactGroup]]]:
    """Outlets or agencies the reports credit, each with the facts it is the only origin of; most facts first."""
    if story.sole_origins is not None:
        return story.sole_origins  # as listed when the brief was made
    by_origin: dict[str, list[FactGroup]] = {}
    for group in resting_on_one_outlet(story):
        by_origin.setdefault(group.origins[0], []).append(group)
    for groups in by_origin.values():
        groups.sort(key=lambda g: (-g.support, g.id))
    return sorted(by_origin.items(), key=lambda item: (-len(item[1]), -sum(g.support for g in item[1]), item[0]))


def inferred_origins(story: Story) -> set[str]:
    """Origins no report names, only implies: "BBC" from "told the Today program".

    An origin is inferred when every attribution crediting it names something
    of it rather than the outlet itself (crosscheck/attribution.py).
    """
    named: dict[str, bool] = {}
    for attribution in story.attributions:
        if attribution.origin:
            named[attribution.origin] = named.get(attribution.origin, False) or not attribution.inferred
    return {origin for origin, is_named in named.items() if not is_named}


def origin_name(origin: str, inferred: set[str] | frozenset[str]) -> str:
    """'BBC (inferred)' for an origin no report names, else the origin."""
    return f"{origin} (inferred)" if origin in inferred else origin


def quote_credit(speaker: str | None, origin: str | None, inferred: set[str] | frozenset[str] = frozenset()) -> str:
    """'a source, via The Mirror'."""
    origin = origin_name(origin, inferred) if origin else origin
    if speaker and origin:
        return f"{speaker}, via {origin}"
    return speaker or (f"via {origin}" if origin else "uncredited")


def warning_lines(story: Story) -> list[tuple[str, list[Document]]]:
    """(what to tell the reader, the reports it names) for each warning about the brief as a whole."""
    texts = warning_texts([(w.kind, w.message, len(w.left_out)) for w in story.warnings], len(story.documents))
    return [(text, w.left_out) for text, w in zip(texts, story.warnings, strict=True)]


def warning_texts(warnings: list[tuple[str, str, int]], reports: int) -> list[str]:
    """What to tell the reader of each warning (kind, message, how many reports it left out), in the
    order the steps made them, for a brief of `reports` reports."""
    texts = []
    for k, (kind, message, left_out) in enumerate(warnings):
        # The reports this step kept: those briefed, and those a later step left out of its share.
        kept = reports + sum(later for _, _, later in warnings[k + 1 :])
        texts.append(warning_text(kind, message, kept, left_out))
    return texts


def warning_text(kind: str, message: str, reports: int, left_out: int) -> str:
    """What to tell the reader of one warning, for a brief of `reports` reports that left `left_out` out."""
    if kind == NOT_ONE_STORY:
        return (
            f"Not one story: {left_out} of these {reports + left_out} reports do not tell the story the others tell "
            f"(they tell another, or none: a notice, a page of links). This brief is of the largest story "
            f"({reports_count(reports)}) and compares nothing across stories. Left out:"
        )
    if kind == TOO_MUCH_TO_BRIEF:
        return (
            f"Too much to brief at once: this story's {reports + left_out} reports hold more text than one brief reads "
            f"(max_brief_chars). This brief reads {reports_count(reports)}, the first and the latest. Left out:"
        )
    return message


def side_text(written: str, normalized: object, kind: str) -> str:
    """A disagreement's side as the brief shows it: as written, and for a day the report named from its own day
    ("Sunday", "yesterday"), the date it resolves to: "Sunday (2026-10-18)"."""
    if kind == "date" and isinstance(normalized, str) and _ISO_DAY.fullmatch(normalized) and not re.search(r"\d", written):
        return f"{written} ({normalized})"
    return written


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
