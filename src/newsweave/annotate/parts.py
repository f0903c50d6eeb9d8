"""Long reports in parts: spaCy refuses a text over `nlp.max_length` (a million
characters), and parsing a huge text at once costs memory out of proportion.

A long text is cut into parts at paragraph breaks (else at a sentence's end,
else at a space); the parts joined are exactly the text, and their parses are
joined back into one Doc, so character offsets need no mapping at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

# Far below spaCy's limit: the parser's memory grows with the part's length,
# and a news report rarely reaches this, so ordinary reports are one part.
PART_CHARS = 50_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def text_parts(text: str, limit: int = PART_CHARS) -> list[str]:
    """Consecutive slices of `text`, each at most `limit` characters, that join back to `text`."""
    parts = []
    start = 0
    while len(text) - start > limit:
        end = cut_point(text, start, start + limit)
        parts.append(text[start:end])
        start = end
    parts.append(text[start:])
    return parts


def cut_point(text: str, start: int, stop: int) -> int:
    """The best place to end a part that starts at `start` and may run to `stop`:
    after a line break, else after a sentence's end, else after a space."""
    # Keep a part at least half full, so a cut never makes a run of tiny parts.
    floor = start + (stop - start) // 2
    newline = text.rfind("\n", floor, stop)
    if newline != -1:
        return newline + 1
    last = None
    for match in _SENTENCE_END.finditer(text, floor, stop):
        last = match.end()
    if last is not None:
        return last
    space = max(text.rfind(" ", floor, stop), text.rfind("\t", floor, stop))
    return space + 1 if space != -1 else stop


def parse(nlp: Language, texts: list[str], batch_size: int = 16) -> Iterator[Doc]:
    """The Docs of `texts`, in order, parsed in batches of at most `batch_size`
    texts and, past one text, of at most PART_CHARS characters: the parser's
    memory grows with a batch's length (twelve 100,000-character parts at once took 3.5 GB)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > PART_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def join_parts(docs: list[Doc]) -> Doc:
    """One Doc from the parses of consecutive parts; its text is the parts' text joined."""
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)
