"""Stage 1, load: turn paths, folders, raw texts, records and in-memory reports into `Document`s.

Each input that cannot be read becomes an `InputProblem` naming it and the
reason; it never stops the others. A report held in memory (an upload, a
page already fetched) is a `Source`: it is read exactly as a file of that
name would be, and its problems name it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.load.decode import as_text, check_size, check_unicode, displayable
from newsweave.load.files import check_regular, read_regular
from newsweave.load.html import html_documents
from newsweave.load.language import not_read
from newsweave.load.published import head_published, name_published
from newsweave.load.records import record_document, record_documents
from newsweave.settings import Settings
from newsweave.story import Document, InputProblem

__all__ = ["Source", "load_sources", "record_document", "unique_ids"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
# The reader a file's suffix picks, by the name a `Source` may give instead.
KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}


@dataclasses.dataclass(frozen=True)
class Source:
    """A report held in memory (an upload, a page fetched already), read as a file named `name` would be.

    `name` stands where a file's path would: problems name it (with "line 3" and
    the like), it is the document's `path`, its stem is the document's id
    unless `id` is given, and its suffix picks the reader unless `kind` does
    ("text", "markdown", "html", "json" or "jsonl"; the corpus also reads "warc",
    "opml", "feed", "csv" and "tsv"). `data` is bytes, decoded as a file's are,
    or text already decoded; the size limit holds for both.
    """

    name: str
    data: bytes | str
    kind: str | None = None
    id: str | None = None

    def __str__(self) -> str:  # what a report names it by
        return self.name

    def reader_kind(self) -> str | None:
        return self.kind if self.kind is not None else KINDS.get(_suffix(self.name))


def source_list(sources: Iterable[Any] | Any) -> list[Any]:
    """The sources as a list: one path, text, record or `Document` given alone is one source,
    not a sequence of characters or keys."""
    if isinstance(sources, (str, os.PathLike, Document, dict, Source)):
        return [sources]
    return list(sources)


def load_sources(sources: Iterable[Any], settings: Settings) -> tuple[list[Document], list[InputProblem]]:
    """Load every source; return the documents read and the problems met, in input order."""
    sources = source_list(sources)
    english_only = settings.english_only
    documents: list[Document] = []
    problems: list[InputProblem] = []
    for number, source in enumerate(sources, start=1):
        if isinstance(source, Document):
            _collect(displayable(source.id), documents, problems, _checked, source, english_only=english_only)
        elif isinstance(source, Source):
            _collect(source.name, documents, problems, read_source, source, settings, english_only=english_only)
        elif isinstance(source, dict):
            _collect(f"record {number}", documents, problems, _record, source, f"record-{number}", english_only=english_only)
        elif isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
            for file, reader in expand(Path(source), problems):
                _collect(str(file), documents, problems, reader, file, settings, english_only=english_only)
        elif isinstance(source, str):
            _collect(f"text {number}", documents, problems, _text, source, f"text-{number}", settings, english_only=english_only)
        else:
            problems.append(InputProblem(repr(source)[:60], f"cannot read a {type(source).__name__}"))
    readable = [InputProblem(displayable(p.source), displayable(p.reason)) for p in problems]
    return unique_ids([_writable(d) for d in documents]), readable


def read_source(source: Source, settings: Settings) -> list[Document | InputProblem]:
    """The documents of an in-memory report (see `Source`); InputError when none can be read."""
    if not isinstance(source.data, (bytes, str)):
        raise InputError(f"cannot read a {type(source.data).__name__}")
    kind = source.reader_kind()
    if kind not in READERS:
        suffix = _suffix(source.name)
        raise InputError(
            f"unknown kind {kind!r} (use {', '.join(sorted(READERS))})" if kind is not None
            else f"unsupported file type '{suffix or _bare_name(source.name)}' (use {', '.join(sorted(SUFFIXES))})"
        )
    size = len(source.data) if isinstance(source.data, bytes) else len(source.data.encode("utf-8", "surrogatepass"))
    check_size(size, settings.max_input_bytes)
    document_id = source.id if source.id is not None else Path(_bare_name(source.name)).stem or "upload"
    return READERS[kind](source.data, document_id, settings, source.name)


def _bare_name(name: str) -> str:
    """A name's last part, whichever separator it uses (an upload from Windows sends "C:\\Users\\...")."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _suffix(name: str) -> str:
    return Path(_bare_name(name)).suffix.lower()


def _checked(document: Document) -> list[Document]:
    check_unicode(document.text)
    return [document]


def _record(record: dict, default_id: str) -> list[Document]:
    return [record_document(record, default_id)]


def _text(text: str, default_id: str, settings: Settings) -> list[Document]:
    return [text_document(text, default_id, settings)]


def _writable(document: Document) -> Document:
    """The document with names that can be printed and written: a file name need not be UTF-8."""
    named, path = displayable(document.id), displayable(document.path) if document.path else document.path
    return document if (named, path) == (document.id, document.path) else dataclasses.replace(document, id=named, path=path)


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


def reader_for(path: Path) -> Callable[[Path, Settings], list] | None:
    """The reader of a report file, by its suffix; None when newsweave reads no such file."""
    kind = KINDS.get(path.suffix.lower())
    return None if kind is None else lambda file, settings: read_file(file, settings, kind)


def read_file(path: Path, settings: Settings, kind: str | None = None) -> list[Document | InputProblem]:
    """The documents of a report file (regular files only, never more than the size limit: see load/files.py)."""
    kind = kind or KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"unsupported file type '{path.suffix or path.name}'")
    return READERS[kind](read_regular(path, settings.max_input_bytes), path.stem, settings, str(path))


def read_bytes(path: Path, settings: Settings) -> bytes:
    """A report file's bytes: regular files only, never more than the size limit (see load/files.py)."""
    return read_regular(path, settings.max_input_bytes)


def read_text_file(path: Path, settings: Settings) -> list[Document]:
    return text_documents(read_bytes(path, settings), path.stem, settings, str(path), markdown=path.suffix.lower() in {".md", ".markdown"})


def text_documents(
    data: bytes | str, document_id: str, settings: Settings, path: str | None = None, *, markdown: bool = False
) -> list[Document]:
    text = as_text(data, settings.encoding)
    # (a file's name, failing its head: wire services and archives write the day into it)
    day = head_published(text) or (name_published(document_id) if path else None)
    return [Document(id=document_id, text=text, path=path, title=markdown_title(text) if markdown else None,
                     published=day.date().isoformat() if day else None)]


# Each reader: (bytes or text, document id, settings, name) -> Documents, and InputProblems for parts it could not read.
READERS: dict[str, Callable[[bytes | str, str, Settings, str], list]] = {
    "text": lambda data, id_, settings, name: text_documents(data, id_, settings, name),
    "markdown": lambda data, id_, settings, name: text_documents(data, id_, settings, name, markdown=True),
    "html": lambda data, id_, settings, name: html_documents(data, id_, settings, path=name),
    "json": lambda data, id_, settings, name: record_documents(data, name, id_, settings, lines=False, path=name),
    "jsonl": lambda data, id_, settings, name: record_documents(data, name, id_, settings, lines=True, path=name),
}


def text_document(text: str, default_id: str, settings: Settings) -> Document:
    check_size(len(text.encode("utf-8", "surrogatepass")), settings.max_input_bytes)
    if not text.strip():
        raise InputError("empty text")
    check_unicode(text)
    return Document(id=default_id, text=text)


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


def _collect(source: str, documents: list[Document], problems: list[InputProblem], read: Callable[..., list], *args: Any,
             english_only: bool = True) -> None:
    """Run one reader on `args`; it returns Documents, and InputProblems for parts it could not read.
    `english_only`: a report in another language is a problem too (load/language.py)."""
    try:
        items = read(*args)
    except InputError as exc:
        problems.append(InputProblem(source, str(exc)))
        return
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
        elif english_only and (reason := not_read(item.text)):
            problems.append(InputProblem(source if len(items) == 1 else f"{source} ({item.id})", reason))
        else:
            documents.append(item)
