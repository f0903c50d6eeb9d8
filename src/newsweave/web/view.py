"""What the story page needs from a brief's JSON: numbers, quoted spans, a headline.

The page reads one form of the brief, its JSON dict (schema newsweave.brief/1,
docs/brief-schema.md), as the API serves it and the corpus caches it. It
renders whatever layers the brief has (entities, timeline, … are added by
other stages over time); a missing layer shows as "none found".
"""

from __future__ import annotations

from typing import Any

from newsweave.corroborate import fold_lines
from newsweave.render.labels import cited_runs, consensus_title, document_line, uncited_apart, warning_texts
from newsweave.story import Document


class StoryView:
    def __init__(self, key: str, data: dict[str, Any], base: str):
        self.id = key
        self.base = base  # "/stories/ID" or "/briefs/ID"
        self.data = data
        self.documents = self.layer("documents")
        self.headline = consensus_title([d.get("title") for d in self.documents], len(self.documents))
        self.texts = {d["id"]: d.get("text", "") for d in self.documents}
        self.numbers = {d["id"]: n for n, d in enumerate(self.documents, start=1)}
        # Each report's sentences as (start, end), in reading order: a cited span widens to its sentence.
        self.sentences: dict[str, list[tuple[int, int]]] = {}
        for sentence in self.layer("sentences"):
            self.sentences.setdefault(sentence["document"], []).append((sentence["start"], sentence["end"]))

    def fact_rows(self) -> list[list[dict[str, Any]]]:
        """The facts, one row per quoted sentence (as render.labels.fact_lines lines the briefs): the claims of
        one sentence are one row, all marked, each cited after its words when other reports state it than the
        row's; a fact whose words cannot carry its citation gets a row of its own, with those of its reports."""
        lines: dict[tuple, list[dict[str, Any]]] = {}
        for fact in self.layer("facts"):
            if isinstance(fact, dict):
                quoted = _quoted(fact)
                key = (quoted["document"], quoted["start"], quoted.get("end")) if quoted else (str(fact.get("text")),)
                lines.setdefault(key, []).append(fact)
        rows: list[list[dict[str, Any]]] = []
        for line in fold_lines(lines, _sentence_keys):
            _, uncited = self._cited(line)
            rows += uncited_apart(line, uncited, [_documents(fact) for fact in line])
        return rows

    def fact_marks(self, fact: dict[str, Any], *more: dict[str, Any]) -> list[tuple[str, bool, dict[str, Any] | None]]:
        """The fact's quoted sentence in runs, True over the claims the reports share, with the fact to cite after
        a run (render.labels.claim_marks): its own claims and those of `more` facts in its row."""
        facts = (fact, *more)
        runs, _ = self._cited(facts)
        return [(piece, marked, facts[at] if at is not None else None) for piece, marked, at in runs]

    def disputed(self, row: list[dict[str, Any]]) -> list[str]:
        """What the reports of a row's facts differ on: the subjects of the disagreements each fact's
        `disputed_by` names (indexes into the brief's `discrepancies`; any other value is passed over)."""
        discrepancies = self.layer("discrepancies")
        named = [fact.get("disputed_by") for fact in row if isinstance(fact, dict)]
        indexes = [index for each in named if isinstance(each, list) for index in each
                   if type(index) is int and 0 <= index < len(discrepancies)]  # (not True, which is 1 to Python)
        subjects = [discrepancies[index].get("subject") for index in indexes if isinstance(discrepancies[index], dict)]
        return list(dict.fromkeys(subject for subject in subjects if isinstance(subject, str)))

    @staticmethod
    def _cited(facts) -> tuple[list[tuple[str, bool, int | None]], set[int]]:
        text, quoted = facts[0].get("text"), _quoted(facts[0])
        if not isinstance(text, str):
            return [("", False, None)], set()
        if quoted is None:
            return [(text, False, None)], set(range(1, len(facts)))
        spans = [
            [(piece["start"], piece["end"])
             for claim in each.get("claims") or []
             if isinstance(claim, dict) and claim.get("document") == quoted.get("document")
             for piece in claim.get("pieces") or [claim]
             if isinstance(piece, dict) and isinstance(piece.get("start"), int) and isinstance(piece.get("end"), int)]
            for each in facts
        ]
        return cited_runs(text, quoted["start"], spans, [_documents(each) for each in facts])

    def layer(self, name: str) -> list[Any]:
        value = self.data.get(name)
        return value if isinstance(value, list) else []

    def has(self, name: str) -> bool:
        return name in self.data

    def warnings(self) -> list[tuple[str, list[str]]]:
        """(what to tell the reader, a line per report it names) for each warning, worded as the stand-alone page words it."""
        warnings = self.layer("warnings")
        texts = warning_texts([(w["kind"], w["message"], len(w.get("left_out", []))) for w in warnings], len(self.documents))
        return [(text, [document_line(_left_out(d)) for d in w.get("left_out", [])]) for text, w in zip(texts, warnings, strict=True)]

    def quote(self, evidence: dict) -> str:
        """The exact words an evidence span points at."""
        text = self.texts.get(evidence.get("document"), "")
        return text[evidence.get("start", 0) : evidence.get("end", 0)]

    def in_context(self, evidence: list[dict]) -> list[dict]:
        """Each report's first span widened to its whole sentence, with the span kept as `mark`.

        A name or a number alone ("Kowalczik", "1,200") says little; the
        sentence around it shows how the report used it.
        """
        result = []
        for span in self.cites(evidence):
            start, end = span["start"], span["end"]
            for s_start, s_end in self.sentences.get(span["document"], []):
                if s_start <= start and end <= s_end:
                    start, end = s_start, s_end
                    break
            widened = dict(span, start=start, end=end)
            result.append(dict(widened, quote=self.quote(widened), mark=(span["start"] - start, span["end"] - start)))
        return result

    def cites(self, evidence: list[dict]) -> list[dict]:
        """One citation per report, its first span, in report-number order."""
        first: dict[str, dict] = {}
        for span in evidence or []:
            if span.get("document") in self.numbers:
                first.setdefault(span["document"], span)
        return [
            dict(span, number=self.numbers[doc], quote=self.quote(span))
            for doc, span in sorted(first.items(), key=lambda item: self.numbers[item[0]])
        ]

    def outlets(self) -> list[str]:
        return list(dict.fromkeys(d.get("outlet") for d in self.documents if d.get("outlet")))

    def payload(self) -> dict[str, Any]:
        """The data the page's script reads (from a JSON block, never as markup)."""
        return {
            "documents": [
                {k: d.get(k) for k in ("id", "title", "outlet", "published", "text")} | {"number": self.numbers[d["id"]]}
                for d in self.documents
            ],
            "sentences": self.sentences,
            "entities": self.layer("entities"),
            "relations": self.layer("relations"),
        }

    def compare_rows(self) -> list[dict]:
        """Fact groups as rows, reports as columns: each cell the report's sentences in that group."""
        rows = []
        for fact in self.layer("facts") + self.layer("single_source"):
            cells: dict[str, list[str]] = {}
            for span in fact.get("evidence", []):
                cells.setdefault(span.get("document"), []).append(span.get("text") or self.quote(span))
            rows.append({"fact": fact, "cells": [cells.get(d["id"], []) for d in self.documents]})
        return rows


def _left_out(report: dict[str, Any]) -> Document:
    """A report a warning names (its id, title, path, url), as the one-line description reads it."""
    return Document(id=report["id"], text="", title=report.get("title"), path=report.get("path"), url=report.get("url"))


def _quoted(fact: dict[str, Any]) -> dict[str, Any] | None:
    """The evidence span of the sentence a fact quotes (its `text`), or None in a JSON that has none."""
    text = fact.get("text")
    quoted = next((e for e in fact.get("evidence") or [] if isinstance(e, dict) and e.get("text") == text), None) \
        if isinstance(fact.get("evidence"), list) else None
    return quoted if quoted is not None and isinstance(quoted.get("start"), int) and isinstance(quoted.get("document"), str) \
        and isinstance(quoted.get("end"), (int, type(None))) else None


def _sentence_keys(fact: dict[str, Any]) -> set[tuple]:
    """The (document, start, end) of the sentences a fact's claims lie in (its `evidence`), as `fact_rows` keys a row."""
    evidence = fact.get("evidence")
    return {(e["document"], e["start"], e.get("end")) for e in evidence
            if isinstance(e, dict) and isinstance(e.get("document"), str) and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), (int, type(None)))} if isinstance(evidence, list) else set()


def _documents(fact: dict[str, Any]) -> list[str]:
    documents = fact.get("documents")
    return [str(d) for d in documents] if isinstance(documents, list) else []
