"""Which facts stand on several reports, and which important ones on one.

Read by the renderers and `Brief.facts` once the stages have run: fact groups
come from align, origins from crosscheck, and the "rests on one report" check
reads align's sentence similarity from the story's workspace.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from newsweave.story import BODY, NOMINAL, FactGroup, SentenceKey, Story

# A sentence that reads as the continuation of the one before (summarize weighs these as unclean too): it
# opens with a pronoun or a connective ("That's the assessment...", "But ..."), or in lower case, ...
DANGLING = re.compile(
    r"^[\"'“‘(\[]?\s*(?:he|she|they|it|this|that|these|those|his|her|their|its|him|them|but|and|or|also|however|so|then|"
    r"meanwhile|still|yet|moreover|furthermore|thus|therefore|instead|plus)\b",
    re.IGNORECASE,
)
LOWER_START = re.compile(r"^[\"'“‘(\[]?\s*[a-z]")
# "..., he said." at the end: the speaker is whoever the sentence before named (summarize weighs it; what was
# said still reads alone, so a fact resting on one report may end so).
PRONOUN_SAID = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|told|explained|noted)\b[^.?!]*[.?!]?[\"'”’]?\s*$", re.IGNORECASE)
# ... or it is all quotation, the speaker named in a sentence before ('"We are going to get more at risk."').
_WHOLE_QUOTE = re.compile(r"^\s*[\"“‘'][^\"“”]*[\"”’']\s*$")


def leans_on_context(text: str) -> bool:
    """Whether a sentence cannot be read alone: shown by itself it says nothing a reader can place."""
    return bool(DANGLING.match(text) or LOWER_START.match(text) or _WHOLE_QUOTE.match(text))


def corroborated(story: Story) -> list[FactGroup]:
    """Fact groups stated by two or more reports in body copy, most-supported first (two copies of one
    photo's caption, "A truck makes its way down a snow-covered I-35, Thursday, Dec. 20, 2012", are no
    reported fact; nor is a report and its copy two reports: `reports_telling`)."""
    telling = reports_telling(story)
    # (who spoke is no fact of the story: "4 reports: 'He was tased,' said Sgt. *Marty Earley*" reads as four reports
    # of the tasing when only the sergeant's name is shared; the JSON's claims keep each speaker's description)
    groups = [g for g in story.facts if telling(g) >= 2 and g.representative.role == BODY
              and not (g.claims and all(c.kind == "speaker" for c in g.claims))]
    # What reports call someone ("Kurdish rebel leader Abdullah Ocalan") and the day they name an event by
    # ("the Nov. 13 attacks") are background, inside sentences about something else: after the events.
    return sorted(groups, key=lambda g: (_background(g), -g.support, -g.salience, g.id))


# Disagreements over what a fact says (its figure, its day); another spelling of a name, another wording of a
# quote or another outlet it was told to leaves the fact as stated.
DISPUTING_KINDS = ("number", "date")


def disputes(story: Story) -> dict[int, list[int]]:
    """Each fact group's id -> the disagreements over its own claims, as indexes into `story.discrepancies`: two or
    more sides of one, from two or more reports, inside the group's claims. Three reports of Moro's death grouped as one
    fact, two saying Oct. 4 and one Oct. 5, are three reports of one death that differ on its day, not three that say
    Oct. 5."""
    sides_in: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)  # document -> (start, end, index, side)
    for index, item in enumerate(story.discrepancies):
        if item.kind in DISPUTING_KINDS:
            for side, value in enumerate(item.values):
                for e in value.evidence:
                    sides_in[e.document].append((e.start, e.end, index, side))
    # (each document's sides in order of start, so a claim looks only at those that may lie in it: a hostile page of
    # thousands of dated deaths has thousands of sides and of claims)
    starts = {document: sorted(found) for document, found in sides_in.items()}
    longest = {document: max(end - start for start, end, _, _ in found) for document, found in starts.items()}
    found: dict[int, list[int]] = {}
    for group in story.facts:
        held: dict[int, set[tuple[int, str]]] = defaultdict(set)  # index -> (side, document) inside the claims
        for span in group.evidence:
            ordered = starts.get(span.document, [])
            at = bisect_left(ordered, (span.end,))
            while at > 0 and ordered[at - 1][0] > span.start - longest[span.document]:
                at -= 1
                start, end, index, side = ordered[at]
                if start < span.end and span.start < end:
                    held[index].add((side, span.document))
        disputed = [index for index, inside in held.items()
                    if len({side for side, _ in inside}) >= 2 and len({document for _, document in inside}) >= 2]
        if disputed:
            found[group.id] = sorted(disputed)
    return found


def reports_telling(story: Story) -> Callable[[FactGroup], int]:
    """How many reports tell a fact, a report and its copies (`Document.copy_of`) counted once: a wire story
    carried twice, or a folder holding one report twice, is one report's word, not corroboration."""
    originals = story.originals()
    return lambda group: len({originals.get(d, d) for d in group.documents})


def _background(group: FactGroup) -> bool:
    return group.representative_claim is not None and group.representative_claim.kind in NOMINAL


def single_source(story: Story, limit: int = 8) -> list[FactGroup]:
    """The most salient facts that only one report states.

    A reader should know which parts of the summary rest on one report; those
    come first, then other central single-report facts up to `limit`.
    """
    if story.sole_facts is not None:
        return story.sole_facts  # listed with the default limit when the brief was made
    in_summary = {item.fact.id for item in story.summary}
    # A sentence rests on one report when its main claim does; its other claims may be
    # corroborated ("…calls to Birmingham before the massacre which killed 130 people").
    echoed = _echoed_sentences(story)
    telling = reports_telling(story)
    groups = [
        g for g in story.facts
        # (not a line that cannot stand alone: "Per WPXI:", "Charged with theft.")
        if telling(g) == 1 and g.representative.role == BODY and g.representative.complete
        and (g.representative_claim is None or g.representative_claim.main)
        and g.representative.key not in echoed and not leans_on_context(g.representative.text)
    ]
    groups.sort(key=lambda g: (g.id not in in_summary, -g.salience, g.id))
    return groups[: max(limit, sum(1 for g in groups if g.id in in_summary))]


def resting_on_one_outlet(story: Story) -> list[FactGroup]:
    """The fact groups one outlet the reports credit is the only origin of ("AFP", "The Mirror"), in body
    copy (a photo credit, "(AP Photo/Charlie Neibergall)", is no fact the agency reported); but not those
    quoting a sentence whose main claim is corroborated by more origins (two reports or more): listed as resting
    on one outlet for an aside ("…, the Wall Street Journal reported Friday"), the sentence said the opposite
    of "Corroborated"."""
    numbers = {d.id for d in story.documents}  # (a report that credits no one is its own origin)
    telling = reports_telling(story)
    told_more_widely = {c.sentence.key for g in story.facts if len(g.origins) > 1 and telling(g) >= 2 for c in g.claims if c.main}
    # A report's own outlet (its publisher) is the origin of all it says uncredited, and of what it credits to itself
    # ("…, she told Valley Radio 6" in Valley Radio 6's story): those facts rest on one report, and are listed there.
    # An outlet is listed here for what another report credits it with, or a wire story's agency for its story.
    from newsweave.crosscheck.origins import own_origins  # (the cross-check package loads spaCy: the CLI stays light)
    from newsweave.crosscheck.outlets import WIRES

    own = own_origins(story)
    return [g for g in story.facts
            if len(g.origins) == 1 and g.origins[0] not in numbers and g.representative.role == BODY
            and g.representative.key not in told_more_widely
            and (g.origins[0] in WIRES or any(c.attribution is not None and c.attribution.origin == g.origins[0] != own[c.document]
                                              for c in g.claims))]


# A sentence this alike to one in another report may well state the same fact in other words
# (claim grouping misses paraphrase): saying it rests on one report would be a false warning.
ECHO = 0.25
# The same for any claim of the sentence (align's claim similarity, 0..1). Tune half of the claims
# gold set: at 0.08, 28 of 218 listed items were facts another report states; at 0.03, 7 of 154.
CLAIM_ECHO = 0.03


def _echoed_sentences(story: Story) -> set[SentenceKey]:
    """Keys of the sentences that some other report's sentence resembles (align's sentence similarity)."""
    sentences, similarity = story.workspace.aligned, story.workspace.similarity
    if similarity is None or not len(sentences):
        return set()
    import numpy as np  # lazy: keeps --help fast (the renderers import this module)

    originals = story.originals()  # (a report's copy does not echo it)
    reports = np.array([originals.get(s.document, s.document) for s in sentences], dtype=object)
    other = reports[:, None] != reports[None, :]
    closest = np.where(other, similarity, 0.0).max(axis=1)
    echoed = {s.key for s, value in zip(sentences, closest, strict=True) if value >= ECHO}
    return echoed | {c.sentence.key for c in story.claims if c.echo >= CLAIM_ECHO}


def lines_per_sentence(groups: list[FactGroup]) -> list[list[FactGroup]]:
    """The groups a fact list prints, one line per quoted sentence: each line the groups it stands for, in
    the order given (the first is quoted, and the line cites its reports). The same words twice, cited [1, 2, 3]
    and then [1, 3] for another of their claims, only tell the reader the list repeats itself: one line marks
    every claim, and cites a claim after its words when other reports state it (render.labels.claim_marks)."""
    lines: dict[SentenceKey, list[FactGroup]] = {}
    for group in groups:
        lines.setdefault(group.representative.key, []).append(group)
    return fold_lines(lines, lambda group: {claim.sentence.key for claim in group.claims})


K = TypeVar("K")
T = TypeVar("T")


def fold_lines(lines: dict[K, list[T]], claim_sentences: Callable[[T], set[K]]) -> list[list[T]]:
    """Lines that quote one passage in pieces, folded into the line that quotes it whole: a line whose every item
    has a claim in another line's sentence is printed there, its claims marked and cited in that sentence. One
    report's quote in one sentence, another's in three ("… finesse. I listen to it and go …" | "I kind of
    overcooked it."), was three lines of the same words. `lines`: each line's items under the key of the sentence
    it quotes; `claim_sentences(item)`: the keys of the sentences its claims lie in. Shared by the briefs
    (`lines_per_sentence`) and the web's story page."""
    keys = list(lines)
    at = {key: n for n, key in enumerate(keys)}
    guests: dict[int, list[int]] = {}  # line -> the lines that could be printed in its sentence
    for n, line in enumerate(lines.values()):
        common = set.intersection(*(claim_sentences(item) for item in line)) - {keys[n]}
        for key in common & at.keys():
            guests.setdefault(at[key], []).append(n)
    placed: set[int] = set()  # lines that hold others, or are held
    holding: dict[int, list[int]] = {}
    for host in sorted(guests, key=lambda n: (-len(guests[n]), n)):  # (the widest sentence first)
        held = [m for m in guests[host] if m not in placed] if host not in placed else []
        if held:
            holding[host] = held
            placed.update(held, (host,))
    folded = {m for held in holding.values() for m in held}
    items = list(lines.values())
    return [line + [item for m in holding.get(n, []) for item in items[m]] for n, line in enumerate(items) if n not in folded]

