"""The data model that flows through the pipeline.

A `Story` starts as a list of `Document`s (load), gains `Sentence`s (annotate),
`FactGroup`s (align) and a summary (summarize); renderers read it. Like spaCy's
`Doc`, every layer points back into the original text with character offsets,
so any output item can be traced to the exact words a report used.
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

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end}


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
        }


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
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class FactGroup:
    """Sentences from one or more reports that state the same thing."""

    id: int
    sentences: list[Sentence]
    representative: Sentence
    salience: float = 0.0
    # Cross-check layer (crosscheck/): who the reports credit for this fact.
    # Each origin is a normalised name ("Wall Street Journal"), or a document id
    # for a report that credits no one: it is its own origin.
    origins: list[str] = field(default_factory=list)

    @property
    def independent_sources(self) -> int:
        return len(self.origins) if self.origins else self.support

    @property
    def documents(self) -> list[str]:
        seen: dict[str, None] = {}
        for sentence in self.sentences:
            seen.setdefault(sentence.document, None)
        return list(seen)

    @property
    def evidence(self) -> list[Evidence]:
        return [s.evidence for s in self.sentences]

    @property
    def support(self) -> int:
        return len(self.documents)


@dataclass
class SummarySentence:
    """A verbatim report sentence, cited to every report in its fact group."""

    text: str
    fact: FactGroup
    sentence: Sentence

    @property
    def documents(self) -> list[str]:
        return self.fact.documents

    @property
    def evidence(self) -> list[Evidence]:
        return self.fact.evidence


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


@dataclass
class DiscrepancyValue:
    """One side of a disagreement: the value as written, and where."""

    value: str
    normalized: Any
    evidence: list[Evidence]

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(e.document for e in self.evidence))

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
class Story:
    documents: list[Document]
    problems: list[InputProblem] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    facts: list[FactGroup] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    # cross-check layer
    attributions: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    discrepancies: list[Any] = field(default_factory=list)
    # analyst layer
    entities: list[Any] = field(default_factory=list)
    relations: list[Any] = field(default_factory=list)
    timeline: list[Any] = field(default_factory=list)
    # align's working layer: the sentences it compared and their similarity
    # matrix (numpy), reused by summarize to keep the summary free of repeats.
    aligned: list[Sentence] = field(default_factory=list, repr=False)
    similarity: Any = field(default=None, repr=False)

    def document(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)
