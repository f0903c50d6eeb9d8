"""A `Brief` rebuilt from its JSON (schema newsweave.brief/1), the inverse of render/json.py.

The corpus caches briefs as this JSON, so the JSON must hold everything the
renderers read: a rebuilt brief renders to the same Markdown, HTML and JSON as
the brief it was written from (tests/test_hostile_cache.py checks it, and the
corpus caches only briefs that do). The stages' working layers are not in the
JSON and stay empty: spaCy parses, similarity matrices, the sentences' terms,
a claim's parse (its quantities are kept as the JSON gives them).

The input is treated as hostile: every field is type-checked, every span must
lie inside its document, a fact's or summary sentence's text must be the very
words its span points at, and every reference (a fact id, an entity id) must
resolve; anything else is an `InputError`, never a half-built brief that fails
later in a renderer.
"""

from __future__ import annotations

import bisect
import math
from typing import Any, NoReturn

from newsweave.brief import Brief
from newsweave.errors import InputError
from newsweave.render.json import SCHEMA
from newsweave.settings import Settings
from newsweave.story import (
    BODY,
    BOILERPLATE,
    CAPTION,
    Attribution,
    Claim,
    Discrepancy,
    DiscrepancyValue,
    Document,
    Entity,
    Evidence,
    FactGroup,
    InputProblem,
    Mention,
    Quote,
    Relation,
    Sentence,
    Story,
    StoryWarning,
    SummarySentence,
    TimelineEntry,
)

ROLES = (BODY, CAPTION, BOILERPLATE)


class _Reader:
    """Typed access to one brief dict; each failure names the field (`facts[3].evidence[0].start`)."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents

    @staticmethod
    def fail(where: str, why: str) -> NoReturn:
        raise InputError(f"not a valid newsweave brief: {where}: {why}")

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "expected an object")
        return value

    def items(self, data: dict, key: str, where: str = "", required: bool = True) -> list[tuple[str, Any]]:
        value = data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(f"{where}{key}", "expected a list")
        return [(f"{where}{key}[{n}]", item) for n, item in enumerate(value)]

    def string(self, data: dict, key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "expected a string")
        return value

    def optional_string(self, data: dict, key: str, where: str) -> str | None:
        return None if data.get(key) is None else self.string(data, key, where)

    def integer(self, data: dict, key: str, where: str, default: int | None = None) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{where}.{key}", "expected an integer")
        return value

    def number(self, data: dict, key: str, where: str, default: float) -> float:
        value = data.get(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            self.fail(f"{where}.{key}", "expected a number")
        return float(value)

    def strings(self, data: dict, key: str, where: str) -> list[str]:
        values = [value for _, value in self.items(data, key, f"{where}.", required=False)]
        if not all(isinstance(value, str) for value in values):
            self.fail(f"{where}.{key}", "expected a list of strings")
        return values

    def document(self, data: dict, where: str) -> str:
        """The id in `data["document"]`, which must be one of the brief's documents."""
        document = self.string(data, "document", where)
        if document not in self.documents:
            self.fail(f"{where}.document", f"{document!r} is not one of the brief's documents")
        return document

    def span(self, value: Any, where: str) -> Evidence:
        value = self.obj(value, where)
        document = self.document(value, where)
        start, end = self.integer(value, "start", where), self.integer(value, "end", where)
        if not 0 <= start <= end <= len(self.documents[document].text):
            self.fail(where, f"span {start}..{end} lies outside document {document!r}")
        if "text" in value and value["text"] != self.documents[document].text[start:end]:
            self.fail(f"{where}.text", "is not the text the span points at")
        return Evidence(document, start, end)

    def spans(self, data: dict, key: str, where: str) -> list[Evidence]:
        return [self.span(value, at) for at, value in self.items(data, key, f"{where}.")]


def brief_from_dict(data: Any, settings: Settings | None = None, documents: list[Document] | None = None):
    """The `Brief` a brief dict (from `Brief.to_dict()` or `newsweave brief --format json`) describes.

    `documents`, when given, are the brief's reports as the caller holds them
    (a corpus's stored articles): they must match the dict's, and are used as
    they are (with their `copy_of`). Raises `InputError` for anything that is
    not a valid brief.
    """
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"not a valid newsweave brief: expected a JSON object with \"schema\": \"{SCHEMA}\"")
    read = _Reader({})
    listed = [_document(read, value, where) for where, value in read.items(data, "documents")]
    if len({d.id for d in listed}) != len(listed):
        read.fail("documents", "two documents share an id")
    if documents is not None:
        if [d.to_dict(with_text=True) for d in documents] != [d.to_dict(with_text=True) for d in listed]:
            read.fail("documents", "not the reports given")
        listed = list(documents)
    read.documents = {d.id: d for d in listed}
    story = Story(documents=listed)
    story.problems = [_problem(read, value, where) for where, value in read.items(data, "problems")]
    story.warnings = [_warning(read, value, where) for where, value in read.items(data, "warnings", required=False)]
    sentences = _Sentences(read, story)
    for where, value in read.items(data, "sentences", required=False):
        sentences.add(value, where)

    facts: dict[int, FactGroup] = {}
    for key in ("facts", "single_source"):
        read_facts = [_fact(read, sentences, facts, value, where) for where, value in read.items(data, key)]
    story.sole_facts = read_facts  # the last list read: single_source
    story.sole_origins = [
        (read.string(read.obj(value, where), "origin", where),
         [_fact(read, sentences, facts, fact, at) for at, fact in read.items(read.obj(value, where), "facts", f"{where}.")])
        for where, value in read.items(data, "sole_origins", required=False)
    ] if "sole_origins" in data else None  # (as the brief listed them; a JSON without the list: worked out again)
    story.summary = [_summary_item(read, sentences, facts, value, where) for where, value in read.items(data, "summary")]
    story.facts = sorted(facts.values(), key=lambda g: g.id)
    story.sentences = sentences.ordered()
    order = {d.id: n for n, d in enumerate(story.documents)}
    story.claims = sorted({id(c): c for g in story.facts for c in g.claims}.values(), key=lambda c: (order[c.document], c.start, c.end))
    story.attributions = [_attribution(read, sentences, value, where) for where, value in read.items(data, "attributions", required=False)]

    story.entities = [_entity(read, value, where) for where, value in read.items(data, "entities", required=False)]
    sentences.place(story.entities)
    ids = {e.id for e in story.entities}
    story.relations = [_relation(read, ids, value, where) for where, value in read.items(data, "relations", required=False)]
    story.timeline = [_timeline_entry(read, value, where) for where, value in read.items(data, "timeline", required=False)]
    story.quotes = [_quote(read, value, where) for where, value in read.items(data, "quotes", required=False)]
    story.discrepancies = [_discrepancy(read, value, where) for where, value in read.items(data, "discrepancies", required=False)]
    return Brief(story, settings or Settings())


def _document(read: _Reader, value: Any, where: str) -> Document:
    value = read.obj(value, where)
    return Document(
        id=read.string(value, "id", where),
        text=read.string(value, "text", where),
        path=read.optional_string(value, "path", where),
        title=read.optional_string(value, "title", where),
        outlet=read.optional_string(value, "outlet", where),
        published=read.optional_string(value, "published", where),
        url=read.optional_string(value, "url", where),
        copy_of=read.optional_string(value, "copy_of", where),
    )


def _problem(read: _Reader, value: Any, where: str) -> InputProblem:
    value = read.obj(value, where)
    return InputProblem(read.string(value, "source", where), read.string(value, "reason", where))


def _warning(read: _Reader, value: Any, where: str) -> StoryWarning:
    value = read.obj(value, where)
    left_out = []
    for at, report in read.items(value, "left_out", f"{where}."):
        report = read.obj(report, at)
        left_out.append(
            Document(
                id=read.string(report, "id", at),
                text="",  # a report left out of the brief: only named, never cited
                title=read.optional_string(report, "title", at),
                path=read.optional_string(report, "path", at),
                url=read.optional_string(report, "url", at),
            )
        )
    return StoryWarning(kind=read.string(value, "kind", where), message=read.string(value, "message", where), left_out=left_out)


class _Sentences:
    """The sentence layer, one `Sentence` object per span, so facts and the summary share them as the pipeline's do."""

    def __init__(self, read: _Reader, story: Story):
        self.read = read
        self.story = story
        self.by_span: dict[tuple[str, int, int], Sentence] = {}
        self.claims = 0
        self.starts: dict[str, list[tuple[int, int, int]]] | None = None

    def next_claim_id(self) -> int:
        self.claims += 1
        return self.claims

    def add(self, value: Any, where: str) -> Sentence:
        value = self.read.obj(value, where)
        span = self.read.span(value, where)
        role = value.get("role", BODY)
        if role not in ROLES:
            self.read.fail(f"{where}.role", f"expected one of {', '.join(ROLES)}")
        key = (span.document, span.start, span.end)
        if key not in self.by_span:
            self.by_span[key] = Sentence(
                document=span.document,
                start=span.start,
                end=span.end,
                text=self.read.documents[span.document].text[span.start : span.end],
                index=self.read.integer(value, "index", where, default=-1),
                role=role,
                paragraph=self.read.integer(value, "paragraph", where, default=0),
            )
        return self.by_span[key]

    def of(self, value: Any, where: str) -> Sentence:
        """The sentence an evidence span names (one the layer lacks, from a brief written without it, is added)."""
        span = self.read.span(value, where)
        return self.by_span.get((span.document, span.start, span.end)) or self.add(value, where)

    def ordered(self) -> list[Sentence]:
        order = {d.id: n for n, d in enumerate(self.story.documents)}
        return sorted(self.by_span.values(), key=lambda s: (order[s.document], s.start, s.end))

    def position(self, document: str, offset: int) -> int | None:
        """The position in `story.sentences` of the sentence holding `offset` of `document`, or None.

        Read only once the layer is complete (`story.sentences` set): the lookup is built on first use.
        """
        if self.starts is None:
            self.starts = {}
            for position, sentence in enumerate(self.story.sentences):
                self.starts.setdefault(sentence.document, []).append((sentence.start, sentence.end, position))
        spans = self.starts.get(document, [])
        at = bisect.bisect_right(spans, (offset, float("inf"), 0)) - 1
        return spans[at][2] if at >= 0 and spans[at][0] <= offset < spans[at][1] else None

    def place(self, entities: list[Entity]) -> None:
        """Point each mention at the sentence holding it (Mention.sentence), as the entity stage does."""
        for mention in (m for e in entities for m in e.mentions):
            position = self.position(mention.document, mention.start)
            if position is not None:
                mention.sentence = position


def _fact(read: _Reader, sentences: _Sentences, facts: dict[int, FactGroup], value: Any, where: str) -> FactGroup:
    value = read.obj(value, where)
    fact_id = read.integer(value, "id", where)
    if fact_id in facts:
        return facts[fact_id]  # a fact listed twice (facts and sole_origins) is one group
    members = [sentences.of(span, at) for at, span in read.items(value, "evidence", f"{where}.")]
    if not members:
        read.fail(f"{where}.evidence", "a fact needs at least one sentence")
    text = read.string(value, "text", where)
    alike = [s for s in members if s.text == text]
    if not alike:
        read.fail(f"{where}.text", "is not the words of any of its sentences")
    # The pipeline prefers body copy over a caption repeating it (align._representative_claim_score).
    representative = next((s for s in alike if s.role == BODY), alike[0])
    documents = list(dict.fromkeys(s.document for s in members))
    origins = read.strings(value, "origins", where)
    group = FactGroup(
        id=fact_id,
        sentences=members,
        representative=representative,
        salience=read.number(value, "salience", where, default=0.0),
        # Written as the documents themselves when no report credits anyone: the pipeline's empty list.
        origins=[] if origins == documents else origins,
    )
    main_claim = value.get("main_claim", True)
    if not isinstance(main_claim, bool):
        read.fail(f"{where}.main_claim", "expected true or false")
    group.claims = [_claim(read, members, claim, at) for at, claim in read.items(value, "claims", f"{where}.", required=False)]
    for claim in group.claims:
        claim.id = sentences.next_claim_id()
    # Which claim the pipeline quoted: one in the representative sentence, main or not as the JSON says.
    quoted = [c for c in group.claims if c.sentence is representative]
    group.representative_claim = next((c for c in quoted if c.main == main_claim), None)
    if group.representative_claim is None and not main_claim:
        # All the JSON tells of the claim layer: the quoted words are not their sentence's main claim.
        group.representative_claim = Claim(
            id=fact_id, document=representative.document, start=representative.start, end=representative.end,
            text=representative.text, sentence=representative, main=False,
        )
    facts[fact_id] = group
    return group


class RestoredQuantity(dict):
    """A claim's quantity as the JSON holds it (`to_dict()` gives it back); the parse behind it is not kept."""

    def to_dict(self) -> dict:
        return dict(self)


def _claim(read: _Reader, members: list[Sentence], value: Any, where: str) -> Claim:
    value = read.obj(value, where)
    span = read.span(value, where)  # a "text" given must be the words the span points at
    text = read.string(value, "text", where)  # and here it must be given
    sentence = next((s for s in members if s.document == span.document and s.start <= span.start < s.end), None)
    if sentence is None:
        read.fail(where, "lies in none of its fact's sentences")
    main = value.get("main", False)
    if not isinstance(main, bool):
        read.fail(f"{where}.main", "expected true or false")
    quantities = [RestoredQuantity(read.obj(q, at)) for at, q in read.items(value, "quantities", f"{where}.", required=False)]
    return Claim(
        id=0,
        document=span.document,
        start=span.start,
        end=span.end,
        text=text,
        sentence=sentence,
        pieces=tuple((e.start, e.end) for e in read.spans(value, "pieces", where)) if "pieces" in value else (),
        kind=read.string(value, "kind", where),
        main=main,
        quantities=quantities,
    )


def _attribution(read: _Reader, sentences: _Sentences, value: Any, where: str) -> Attribution:
    value = read.obj(value, where)
    document = read.document(value, where)
    evidence = read.spans(value, "evidence", where)
    inferred = value.get("inferred", False)
    if not isinstance(inferred, bool):
        read.fail(f"{where}.inferred", "expected true or false")
    holder = sentences.position(evidence[0].document, evidence[0].start) if evidence else None
    return Attribution(
        document=document,
        sentence=sentences.story.sentences[holder].index if holder is not None else -1,
        speaker=read.optional_string(value, "speaker", where),
        origin=read.optional_string(value, "origin", where),
        evidence=evidence,
        kind=read.string(value, "kind", where),
        inferred=inferred,
    )


def _summary_item(read: _Reader, sentences: _Sentences, facts: dict[int, FactGroup], value: Any, where: str) -> SummarySentence:
    value = read.obj(value, where)
    spans = read.items(value, "evidence", f"{where}.")
    if not spans:
        read.fail(f"{where}.evidence", "a summary sentence needs its span")
    quoted = sentences.of(spans[0][1], spans[0][0])
    text = read.string(value, "text", where)
    if text != quoted.text:
        read.fail(f"{where}.text", "is not the text its first span points at")
    fact_id = read.integer(value, "fact", where)
    group = facts.get(fact_id)
    if group is None:  # a brief from before summary facts were always listed: the group is the item's evidence
        group = FactGroup(id=fact_id, sentences=[quoted] + [sentences.of(s, at) for at, s in spans[1:]], representative=quoted)
        facts[fact_id] = group
    if quoted not in group.sentences:
        read.fail(f"{where}.evidence[0]", f"is not a sentence of fact {fact_id}")
    # The summary may quote the cleanest wording of a fact, not its representative: the fact keeps its own.
    cited = read.strings(value, "documents", where) if "documents" in value else group.documents
    return SummarySentence(text=text, fact=group, sentence=quoted,
                           withheld=tuple(d for d in group.documents if d not in cited))


def _entity(read: _Reader, value: Any, where: str) -> Entity:
    value = read.obj(value, where)
    kind = read.string(value, "type", where)
    mentions = []
    for at, span in read.items(value, "evidence", f"{where}."):
        evidence = read.span(span, at)
        text = read.documents[evidence.document].text[evidence.start : evidence.end]
        mentions.append(Mention(evidence.document, evidence.start, evidence.end, text, kind))
    return Entity(
        id=read.string(value, "id", where),
        name=read.string(value, "name", where),
        type=kind,
        mentions=mentions,
        variants=read.strings(value, "variants", where),
    )


def _relation(read: _Reader, entity_ids: set[str], value: Any, where: str) -> Relation:
    value = read.obj(value, where)
    source, target = read.string(value, "source", where), read.string(value, "target", where)
    for key, name in (("source", source), ("target", target)):
        if name not in entity_ids:
            read.fail(f"{where}.{key}", f"{name!r} is not one of the brief's entities")
    return Relation(
        source=source,
        target=target,
        label=read.string(value, "label", where),
        kind=read.string(value, "kind", where),
        evidence=read.spans(value, "evidence", where),
    )


def _timeline_entry(read: _Reader, value: Any, where: str) -> TimelineEntry:
    value = read.obj(value, where)
    when = read.strings(value, "when", where)
    date = read.optional_string(value, "date", where)
    if date is None and not when:
        read.fail(f"{where}.when", "an undated entry needs the words that date it")
    text, evidence = read.string(value, "text", where), read.spans(value, "evidence", where)
    if evidence and text != read.documents[evidence[0].document].text[evidence[0].start : evidence[0].end]:
        read.fail(f"{where}.text", "is not the sentence its first span points at")
    return TimelineEntry(
        date=date,
        precision=read.string(value, "precision", where),
        text=text,
        when=when,
        evidence=evidence,
        event=read.optional_string(value, "event", where) or "",
        anchor=read.optional_string(value, "anchor", where),
    )


def _quote(read: _Reader, value: Any, where: str) -> Quote:
    value = read.obj(value, where)
    return Quote(
        text=read.string(value, "text", where),
        speaker=read.optional_string(value, "speaker", where),
        origin=read.optional_string(value, "origin", where),
        evidence=read.spans(value, "evidence", where),
    )


def _discrepancy(read: _Reader, value: Any, where: str) -> Discrepancy:
    value = read.obj(value, where)
    kind = read.string(value, "kind", where)
    values = []
    for at, side in read.items(value, "values", f"{where}."):
        side = read.obj(side, at)
        values.append(DiscrepancyValue(read.string(side, "value", at), side.get("normalized"), read.spans(side, "evidence", at)))
    return Discrepancy(
        kind=kind,
        subject=read.string(value, "subject", where),
        values=values,
        confidence=read.number(value, "confidence", where, default=1.0),
    )
