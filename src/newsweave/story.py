"""The data model that flows through the pipeline.

A `Story` starts as a list of `Document`s (load), gains `Sentence`s (annotate),
`Claim`s (claims), `FactGroup`s (align), entities and relations (entities),
a timeline (timeline), attributions, quotes, origins and discrepancies
(crosscheck) and a summary (summarize); renderers read it. Like spaCy's `Doc`,
every layer points back into the original text with character offsets, so any
output item can be traced to the exact words a report used. What the stages
hand each other on the way (parses, similarity matrices) lives apart, in the
story's `Workspace`: it is not part of the brief.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A span of one document's text: `text[start:end]`."""

    document: str
    start: int
    end: int

    def overlaps(self, other: Evidence) -> bool:
        """Whether the two spans share a character of one document."""
        return self.document == other.document and self.start < other.end and other.start < self.end

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """The span as a brief's JSON holds it; with `text`, the words it points at too."""
        data: dict[str, Any] = {"document": self.document, "start": self.start, "end": self.end}
        if text is not None:
            data["text"] = text
        return data


@dataclass
class Document:
    """One report. `text` is exactly what evidence offsets index."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    # The id of the document this one is a syndicated or near-identical copy
    # of (set by the corpus's duplicate detection): copies count as one origin.
    copy_of: str | None = None

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The report's metadata; `with_text` adds its text, as a brief's `documents` hold it."""
        data = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
        }
        if self.copy_of:  # (only then: a brief's JSON is as before for reports that copy none)
            data["copy_of"] = self.copy_of
        if with_text:
            data["text"] = self.text
        return data


# `Sentence.key`: (document id, start, end). Stages key their working maps by it, never by `id()`.
SentenceKey = tuple[str, int, int]

# Sentence roles. Only body sentences are summary material; captions and pull
# quotes still join fact groups so a repeated caption never counts as new.
BODY = "body"
CAPTION = "caption"
BOILERPLATE = "boilerplate"


@dataclass
class Sentence:
    document: str
    start: int
    end: int
    text: str
    index: int  # position in its document, 0-based, over all roles
    role: str = BODY
    paragraph: int = 0
    # Annotation layer, filled by annotate: content lemmas, entity and number keys.
    terms: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    # A whole clause (a subject and a verb) that does not lead into a list:
    # "Charged with theft." or "Police arrested the following:" cannot stand alone.
    complete: bool = True

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)

    @property
    def key(self) -> SentenceKey:
        """A stable id within a story: its span (sentences never overlap; a brief read back from JSON keys them so too)."""
        return (self.document, self.start, self.end)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        """The sentence as a brief's `sentences` layer holds it (its words are the document's, at its offsets)."""
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "index": self.index,
            "paragraph": self.paragraph,
            "role": self.role,
        }


# Claim kinds that say who someone is ("chief engineer Daniel Osei", "Osei, the chief engineer"), not
# what happened: a fact of its own, but no reason to put a sentence in a summary.
DESCRIPTIONS = ("description", "appositive")
# Claims a noun phrase makes inside another claim, whose words stay in that claim too: what a report calls
# someone ("former quarterback Dale Ostrow"), an event named by its day ("the Nov. 13 attacks"), a named
# person's age given in passing ("Randall Hackett, 58,"), an event named by its noun ("the approval of airstrikes").
NOMINAL = ("description", "dated", "age", "nominalization")


@dataclass
class Claim:
    """One fact a sentence states: a predicate with its arguments (claims.py).

    A sentence holds one or more claims; `pieces` are the claim's own words,
    as character ranges (a relative clause in the middle is cut out, so a
    claim may have two pieces). `start`/`end` span them all.
    """

    id: int
    document: str
    start: int
    end: int
    text: str  # document text[start:end]
    sentence: Sentence
    pieces: tuple[tuple[int, int], ...] = ()
    # "clause", "relative", "modifier", "appositive", "description", "speaker", "dated", "age", "nominalization", or
    # "sentence" (not split)
    kind: str = "clause"
    main: bool = False  # the sentence's main claim: what a summary quoting the sentence asserts
    subject: str = ""  # entity key or lemma of who or what the claim is about ("abaaoud", "threat")
    predicate: str = ""  # the predicate's lemma ("kill", "leader")
    arguments: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # content lemmas, synonyms folded, for alignment
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    quantities: list[Any] = field(default_factory=list)  # quantities.Quantity, each with what it measures
    dates: tuple[str, ...] = ()  # date expressions as written
    places: tuple[str, ...] = ()  # entity keys of the places the claim names
    tense: str = ""  # "future" for a deed to come ("will hire"), "past" for one done ("hired"), else ""
    attribution: Attribution | None = None  # filled by crosscheck from the sentence's attribution
    head_token: int = -1  # the predicate's token index in the document's parse
    negated: bool = False  # the claim denies its predicate ("did not board", "denied supporting", "no one was hurt")
    # the people and organisations named as who did it ("agent") and to whom ("patient"), as (role, entity key):
    # "The regulator fined Halden Bank" -> (("patient", "halden bank"),)
    parties: tuple[tuple[str, str], ...] = ()
    # align: how likely the closest claim of another report states the same fact (0..1), grouped or not
    echo: float = 0.0

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)

    @property
    def spans(self) -> list[Evidence]:
        return [Evidence(self.document, start, end) for start, end in (self.pieces or ((self.start, self.end),))]

    def to_dict(self) -> dict[str, Any]:
        """The claim as a brief's JSON holds it (a fact's `claims`; render/restore.py reads it back)."""
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "main": self.main,
            "pieces": [e.to_dict() for e in self.spans],
            "quantities": [q.to_dict() for q in self.quantities],
        }


@dataclass
class FactGroup:
    """Claims from one or more reports that state the same thing (a claim group).

    `sentences` are the sentences holding those claims; `representative` the
    sentence a reader is shown. Groups built before the claim layer (or by
    callers that align sentences) have no `claims` and cite whole sentences.
    """

    id: int
    sentences: list[Sentence]
    representative: Sentence
    salience: float = 0.0
    # Cross-check layer (crosscheck/): who the reports credit for this fact.
    # Each origin is a normalised name ("Wall Street Journal"), or a document id
    # for a report that credits no one: it is its own origin.
    origins: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    representative_claim: Claim | None = None

    @property
    def independent_sources(self) -> int:
        return len(self.origins) if self.origins else self.support

    @property
    def documents(self) -> list[str]:
        seen: dict[str, None] = {}
        for sentence in self.sentences:
            seen.setdefault(sentence.document, None)
        for claim in self.claims:
            seen.setdefault(claim.document, None)
        return list(seen)

    @property
    def evidence(self) -> list[Evidence]:
        """Where each report states the fact: the claim's words, or whole sentences for sentence groups."""
        if self.claims:
            return [span for claim in self.claims for span in claim.spans]
        return [s.evidence for s in self.sentences]

    @property
    def text(self) -> str:
        """The claim's words as the representative report writes them."""
        return self.representative_claim.text if self.representative_claim is not None else self.representative.text

    @property
    def support(self) -> int:
        return len(self.documents)

    def to_dict(self, in_summary: bool = False) -> dict[str, Any]:
        """The fact as a brief's `facts`, `single_source` and `sole_origins` hold it; `in_summary`: the summary quotes it."""
        return {
            "id": self.id,
            "text": self.representative.text,
            "documents": self.documents,
            "support": self.support,
            "origins": self.origins or self.documents,
            "independent_sources": self.independent_sources,
            "in_summary": in_summary,
            "salience": self.salience,
            # False when the quoted sentence's main claim is another fact (single_source leaves such facts out).
            "main_claim": self.representative_claim is None or self.representative_claim.main,
            "evidence": [s.evidence.to_dict(s.text) for s in self.sentences],
            # The claim layer: where inside those sentences each report states the fact.
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass
class SummarySentence:
    """A verbatim report sentence, cited to every report in its fact group but those `withheld`."""

    text: str
    fact: FactGroup
    sentence: Sentence
    # Reports of the fact that give another figure or date than the sentence does (the other side of a number or
    # date discrepancy the sentence holds): "Twenty-eight-year-old Geraldine Alcorn was arraigned …" is not what
    # the report that says she is 29 states. (summarize.withheld_reports)
    withheld: tuple[str, ...] = ()

    @property
    def documents(self) -> list[str]:
        return [d for d in self.fact.documents if d not in self.withheld]

    @property
    def evidence(self) -> list[Evidence]:
        return [e for e in self.fact.evidence if e.document not in self.withheld]

    def to_dict(self) -> dict[str, Any]:
        """The summary sentence as a brief's `summary` holds it."""
        return {
            "text": self.text,
            "documents": self.documents,
            # The quoted sentence first, then the other reports' wording of the fact.
            "evidence": [self.sentence.evidence.to_dict()]
            + [s.evidence.to_dict() for s in self.fact.sentences if s is not self.sentence and s.document not in self.withheld],
            "fact": self.fact.id,
        }


@dataclass
class InputProblem:
    """A report that could not be read, and why, in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


# --- cross-check layer (crosscheck/): attributions, quotes, discrepancies ---


def documents_of(evidence: list[Evidence]) -> list[str]:
    """The documents a list of spans lies in, in first-seen order."""
    return list(dict.fromkeys(e.document for e in evidence))


@dataclass
class Attribution:
    """What one sentence credits its content to.

    `speaker` is who is quoted or paraphrased ("a Scotland Yard spokesman");
    `origin` the normalised outlet the report got it from ("Wall Street
    Journal"), or None when the report did the reporting itself. `evidence`
    holds the words that attribute ("a source told the Birmingham Mail").
    """

    document: str
    sentence: int  # Sentence.index in its document
    speaker: str | None
    origin: str | None
    evidence: list[Evidence]
    kind: str = "source"  # "source" (a speaker), "outlet" (another outlet's reporting), "wire" (an agency credit)
    named: bool = False  # the speaker is a person named in the attributing words ("Rodriguez told"), not "he" or "a source"
    # The report does not name `origin`; newsweave infers it ("the Today program" is the BBC's).
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "speaker": self.speaker,
            "origin": self.origin,
            "inferred": self.inferred,
            "kind": self.kind,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Quote:
    """Quoted words, gathered across the reports that quote them alike and credit the same speaker and origin."""

    text: str
    speaker: str | None
    origin: str | None
    evidence: list[Evidence]  # the quoted words in each report

    @property
    def documents(self) -> list[str]:
        return documents_of(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "origin": self.origin,
            "documents": self.documents,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class DiscrepancyValue:
    """One side of a disagreement: the value as written, and where."""

    value: str
    normalized: Any
    evidence: list[Evidence]

    @property
    def documents(self) -> list[str]:
        return documents_of(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "normalized": self.normalized,
            "documents": self.documents,
            "evidence": [e.to_dict() for e in self.evidence],
        }


DISCREPANCY_KINDS = ("number", "name", "date", "attribution", "quote")


@dataclass
class Discrepancy:
    """Reports that disagree on one thing: each side with its evidence."""

    kind: str  # one of DISCREPANCY_KINDS
    subject: str  # short description: "people killed", "spelling of Junaid Hussain"
    values: list[DiscrepancyValue]
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "values": [v.to_dict() for v in self.values],
            "confidence": round(self.confidence, 3),
        }


# --- analyst layer (entities/, timeline.py): entities, relations, timeline ---


@dataclass
class Mention:
    """One name as a report wrote it: `text == document.text[start:end]`."""

    document: str
    start: int
    end: int
    text: str
    label: str  # spaCy NER label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC
    sentence: int = -1  # index into story.sentences, -1 if outside any

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)


@dataclass
class Entity:
    """One person, organisation or place, however each report names it."""

    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    # Spellings merged as near-identical ("Junaid Hussian"): name discrepancies.
    variants: list[str] = field(default_factory=list)

    @property
    def aliases(self) -> list[str]:
        names = dict.fromkeys(_as_a_name(m.text) for m in self.mentions)
        names.pop(self.name, None)
        return list(names)

    @property
    def documents(self) -> list[str]:
        return documents_of(self.evidence)

    @property
    def evidence(self) -> list[Evidence]:
        return [m.evidence for m in self.mentions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "variants": self.variants,
            "documents": self.documents,
            "mentions": len(self.mentions),
            "evidence": [m.evidence.to_dict(m.text) for m in self.mentions],
        }


def _as_a_name(written: str) -> str:
    """A mention as a name to list: without "the", an editor's brackets ("[biologist Joel] Cohen") or a line break."""
    name = written[4:] if written.lower().startswith("the ") else written
    return " ".join(name.replace("[", "").replace("]", "").split())


STATED = "stated"
CO_OCCURRENCE = "co-occurrence"


@dataclass
class Relation:
    """A link between two entities; `stated` links come from one clause's parse."""

    source: str  # entity id
    target: str  # entity id
    label: str  # short verb phrase, "killed by", or "mentioned with"
    kind: str  # STATED or CO_OCCURRENCE
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return documents_of(self.evidence)

    @property
    def weight(self) -> int:
        """How many sentences state or share the pair."""
        return len(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "label": self.label,
            "kind": self.kind,
            "weight": self.weight,
            "documents": self.documents,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class TimelineEntry:
    """An event and when the reports say it happened."""

    date: str | None  # ISO "2015-11-13", "2015-11", "2015", "2015-W48"; None when relative
    precision: str  # "day", "week", "month", "year" or "relative"
    text: str  # the sentence stating the event, verbatim
    when: list[str]  # the date expressions as written
    evidence: list[Evidence] = field(default_factory=list)  # the sentences
    event: str = ""  # the word the date attaches to: "attacks", "killed"
    anchor: str | None = None  # what a relative date hangs on: "published 2015-12-04", or None if unknown
    sentences: list[Sentence] = field(default_factory=list, repr=False)

    @property
    def documents(self) -> list[str]:
        return documents_of(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "text": self.text,
            "when": self.when,
            "event": self.event,
            "anchor": self.anchor,
            "documents": self.documents,
            "evidence": [e.to_dict() for e in self.evidence],
        }


# StoryWarning kinds (the renderers word each one for the reader).
NOT_ONE_STORY = "not one story"
TOO_MUCH_TO_BRIEF = "too much to brief"


@dataclass
class StoryWarning:
    """Something a reader must know about the brief as a whole, in one line.

    `kind` NOT_ONE_STORY: the inputs were several stories; the brief is of
    the largest and `left_out` holds the others' reports (stories.py).
    TOO_MUCH_TO_BRIEF: the story's reports hold more text than one brief reads
    (`Settings.max_brief_chars`); `left_out` holds those not read (stories.py).
    """

    kind: str
    message: str
    left_out: list[Document] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "left_out": [{"id": d.id, "title": d.title, "path": d.path, "url": d.url} for d in self.left_out],
        }


@dataclass
class Workspace:
    """The stages' working state: what one stage hands a later one that is not part of the brief.

    Never serialized and never rendered. A brief read back from its JSON
    (render/restore.py) has an empty workspace, so every reader copes with one.
    Things are keyed by stable ids (document id, `Sentence.key`), never `id()`.
    """

    # annotate: each report's spaCy Doc by document id, so later stages (claims, entities,
    # timeline, crosscheck, summarize) read the one parse and never re-parse.
    parses: dict[str, Any] = field(default_factory=dict)
    # annotate: each parse's TokenTable (annotate/tokens.py) by document id, its tokens' attributes read
    # once as lists: annotate's sentence features read it, and claims walks its tree.
    token_tables: dict[str, Any] = field(default_factory=dict)
    # align: the sentences it compared, and their similarity matrix (numpy; row i is aligned[i]),
    # read by summarize (reading order) and corroborate (what rests on one report).
    aligned: list[Sentence] = field(default_factory=list)
    similarity: Any = None
    # timeline: every date expression found (timeline.DateMention), which crosscheck compares
    # (none when the timeline stage has not run, as in batch mode).
    dates: list[Any] = field(default_factory=list)
    # entities: the names written with a slipped word (entities.story_slips), which the entity stage folds into
    # the person they slip from and crosscheck's name check reports; None when the entity stage has not run.
    slips: list[Any] | None = None
    # align: what each sentence itself credits, by (document id, sentence index) (crosscheck.attribution.
    # sentence_attributions): align tells two people's statements apart by it, and crosscheck completes it; None before.
    attributions: dict[tuple[str, int], Any] | None = None
    # crosscheck: each report's own origin (crosscheck.origins.own_origins), which the origins of the facts, the
    # list of what rests on one outlet and the renderers' origins labels all read; None before that stage.
    own_origins: dict[str, str] | None = None


@dataclass
class Story:
    documents: list[Document]
    problems: list[InputProblem] = field(default_factory=list)
    # Warnings about the brief as a whole (StoryWarning): shown first by every renderer.
    warnings: list[StoryWarning] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # claim layer (claims.py): each sentence's claims, in document and reading order
    claims: list[Claim] = field(default_factory=list)
    # align's claim groups: the facts the reports state, one report or several
    facts: list[FactGroup] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    # cross-check layer
    attributions: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    # analyst layer
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    # "Resting on one report only", when it is known already (a brief rebuilt from its JSON, whose
    # workspace is gone); None: corroborate.single_source works it out from the workspace.
    sole_facts: list[FactGroup] | None = field(default=None, repr=False)
    # The same for "Resting on one outlet the reports credit": (outlet, its facts), most facts first.
    sole_origins: list[tuple[str, list[FactGroup]]] | None = field(default=None, repr=False)
    # What the stages hand each other while the brief is built: not part of the brief, never serialized.
    workspace: Workspace = field(default_factory=Workspace, repr=False, compare=False)

    @property
    def claim_groups(self) -> list[FactGroup]:
        """The fact groups, each a group of claims (an alias that says what they are)."""
        return self.facts

    def originals(self) -> dict[str, str]:
        """Document id -> the id of the report it is a copy of (`copy_of`, followed to the first report
        that copies none), or its own id: a report and its copies are one report's telling."""
        by_id = {d.id: d for d in self.documents}
        found = {}
        for start in self.documents:
            document, seen = start, {start.id}
            while document.copy_of and document.copy_of in by_id and document.copy_of not in seen:
                document = by_id[document.copy_of]
                seen.add(document.id)
            found[start.id] = document.id
        return found

    def document(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)


def body_ranks(story: Story) -> tuple[dict[SentenceKey, int], dict[str, int]]:
    """Each sentence's rank among its report's body sentences, by `Sentence.key` (captions
    take the rank of the body sentence they precede), and each report's body count."""
    ranks: dict[SentenceKey, int] = {}
    counts: dict[str, int] = {}
    for sentence in story.sentences:
        ranks[sentence.key] = counts.get(sentence.document, 0)
        if sentence.role == BODY:
            counts[sentence.document] = counts.get(sentence.document, 0) + 1
    return ranks, counts
