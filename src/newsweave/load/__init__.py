"""Stage 1, load: turn paths, folders, raw texts and records into `Document`s.

Each input that cannot be read becomes an `InputProblem` naming it and the
reason; it never stops the others.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Iterable

from newsweave.errors import InputError
from newsweave.load.decode import check_size, check_unicode, decode, displayable
from newsweave.load.files import check_regular, read_regular
from newsweave.settings import Settings
from newsweave.story import Document, InputProblem

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def load_sources(sources: Iterable[Any], settings: Settings) -> tuple[list[Document], list[InputProblem]]:
    """Load every source; return the documents read and the problems met, in input order."""
    if isinstance(sources, (str, os.PathLike, Document, dict)):
        sources = [sources]
    documents: list[Document] = []
    problems: list[InputProblem] = []
    for number, source in enumerate(sources, start=1):
        if isinstance(source, Document):
            _collect(displayable(source.id), lambda: [_checked(source)], documents, problems)
        elif isinstance(source, dict):
            _collect(f"record {number}", lambda: [record_document(source, f"record-{number}")], documents, problems)
        elif isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
            path = Path(source)
            for file, reader in expand(path, problems):
                _collect(str(file), lambda: reader(file, settings), documents, problems)
        elif isinstance(source, str):
            _collect(f"text {number}", lambda: [text_document(source, f"text-{number}", settings)], documents, problems)
        else:
            problems.append(InputProblem(repr(source)[:60], f"cannot read a {type(source).__name__}"))
    return unique_ids([_writable(d) for d in documents]), [InputProblem(displayable(p.source), displayable(p.reason)) for p in problems]


def _checked(document: Document) -> Document:
    check_unicode(document.text)
    return document


def _writable(document: Document) -> Document:
    """The document with names that can be printed and written: a file name need not be UTF-8."""
    named = {"id": displayable(document.id), "path": displayable(document.path) if document.path else document.path}
    return document if named == {"id": document.id, "path": document.path} else dataclasses.replace(document, **named)


def looks_like_path(value: str) -> bool:
    """A string is a path unless it reads like report text.

    Paths that do not exist must still be treated as paths so that a typo gets
    "no such file" rather than a one-sentence brief of the file name.
    """
    if "\n" in value or len(value) > 4096:
        return False
    if os.path.exists(value) or value.endswith(("/", os.sep)):
        return True
    return Path(value).suffix.lower() in SUFFIXES or (os.sep in value and " " not in value)


def expand(path: Path, problems: list[InputProblem]):
    """Yield (file, reader) for a file, or for each report file in a folder."""
    if path.is_dir():
        readable = []
        entries = sorted(p for p in path.iterdir() if not p.name.startswith(".") and not p.is_dir())
        for entry in entries:  # a folder's own files, not its subfolders'
            reader = reader_for(entry)
            try:
                check_regular(entry)  # a pipe or a device in the folder would hang or never end
            except InputError as exc:
                problems.append(InputProblem(str(entry), f"skipped: {exc}"))
            else:
                if reader is None:
                    problems.append(InputProblem(str(entry), f"skipped: unsupported file type '{entry.suffix or entry.name}'"))
                else:
                    readable.append((entry, reader))
        if not entries:
            problems.append(InputProblem(str(path), "folder has no files"))
        yield from readable
        return
    if not path.exists():
        problems.append(InputProblem(str(path), "no such file or folder"))
        return
    reader = reader_for(path)
    if reader is None:
        problems.append(
            InputProblem(str(path), f"unsupported file type '{path.suffix or path.name}' (use {', '.join(sorted(SUFFIXES))})")
        )
        return
    yield path, reader


def reader_for(path: Path):
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_file
    if suffix in HTML_SUFFIXES:
        from newsweave.load.html import read_html_file

        return read_html_file
    if suffix in RECORD_SUFFIXES:
        from newsweave.load.records import read_record_file

        return read_record_file
    return None


def read_bytes(path: Path, settings: Settings) -> bytes:
    """A report file's bytes: regular files only, never more than the size limit (see load/files.py)."""
    return read_regular(path, settings.max_input_bytes)


def read_text_file(path: Path, settings: Settings) -> list[Document]:
    text = decode(read_bytes(path, settings), settings.encoding)
    return [Document(id=path.stem, text=text, path=str(path), title=markdown_title(text) if path.suffix.lower() in {".md", ".markdown"} else None)]


def text_document(text: str, default_id: str, settings: Settings) -> Document:
    check_size(len(text.encode("utf-8", "surrogatepass")), settings.max_input_bytes)
    if not text.strip():
        raise InputError("empty text")
    check_unicode(text)
    return Document(id=default_id, text=text)


def record_document(record: dict | str, default_id: str, path: str | None = None) -> Document:
    """A document from a JSON object with `text` and optional metadata fields, or from a plain string."""
    if isinstance(record, str):
        record = {"text": record}
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object with a 'text' field or a string, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("no 'text' field" if text is None else f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("empty 'text'")
    check_unicode(text, "'text'")

    def field(name: str) -> str | None:
        value = record.get(name)
        # A list or object here is not metadata (and a deeply nested one would not even print).
        return displayable(str(value)) if isinstance(value, (str, int, float)) else None

    return Document(
        id=field("id") or default_id,
        text=text,
        path=path,
        title=field("title"),
        outlet=field("outlet"),
        published=field("published"),
        url=field("url"),
    )


def markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip() or None
        if line.strip():
            return None
    return None


def unique_ids(documents: list[Document]) -> list[Document]:
    """Keep ids unique (a.txt and a.html would both be 'a') by suffixing repeats.

    Renamed documents are copies: a caller's own `Document` is never changed.
    """
    taken = {document.id for document in documents}
    seen: set[str] = set()
    result = []
    for document in documents:
        if document.id in seen:
            number = 2
            while f"{document.id}-{number}" in taken:
                number += 1
            document = dataclasses.replace(document, id=f"{document.id}-{number}")
            taken.add(document.id)
        seen.add(document.id)
        result.append(document)
    return result


def _collect(source: str, read, documents: list[Document], problems: list[InputProblem]) -> None:
    """Run one reader; it returns Documents, and InputProblems for parts it could not read."""
    try:
        items = read()
    except InputError as exc:
        problems.append(InputProblem(source, str(exc)))
        return
    for item in items:
        (problems if isinstance(item, InputProblem) else documents).append(item)
