"""JSON and JSON Lines reports: objects with `text` and optional metadata.

A `.json` file holds one object, a list of objects, or a cluster object with a
`documents` list. A `.jsonl` file holds one object a line; a bad line is
reported by number and the other lines are still read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.load.decode import as_text, check_unicode, displayable
from newsweave.load.files import read_regular
from newsweave.settings import Settings
from newsweave.story import Document, InputProblem


def parse_json(text: str | bytes, where: bool = True) -> Any:
    """The value of a JSON text, or InputError with the reason (where in the text, if `where`).

    Nesting deeper than Python's recursion limit ("[[[[...") is refused like
    any other bad JSON instead of escaping as a RecursionError.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}" + (f" at line {exc.lineno} column {exc.colno}" if where else "")) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.get_int_max_str_digits())
        if "digits" in str(exc):
            raise InputError(f"invalid JSON: a number too long to read (over {sys.get_int_max_str_digits()} digits)") from None
        raise InputError(f"invalid JSON: {exc}") from None


def read_record_file(path: Path, settings: Settings) -> list[Document | InputProblem]:
    data = read_regular(path, settings.max_input_bytes)
    return record_documents(data, str(path), path.stem, settings, lines=path.suffix.lower() != ".json", path=str(path))


def record_documents(
    data: bytes | str, name: str, document_id: str, settings: Settings, *, lines: bool, path: str | None = None
) -> list[Document | InputProblem]:
    """The documents of a JSON (`lines`: JSON Lines) text named `name`; ids are `document_id`, or it with the item's number."""
    if lines:
        return _json_lines(name, document_id, path, data, settings)
    parsed = parse_json(as_text(data, settings.encoding))
    records = parsed.get("documents") if isinstance(parsed, dict) and "text" not in parsed else parsed
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise InputError("expected a JSON object with 'text', a list of them, or an object with 'documents'")
    if not records:
        raise InputError("no documents in the JSON")
    return _documents(name, document_id, path, list(enumerate(records, start=1)), "item")


def _json_lines(name: str, document_id: str, path: str | None, raw: bytes | str, settings: Settings) -> list[Document | InputProblem]:
    """One record a line. A file that is not text as a whole may still be lines of UTF-8 but for
    one: then each line is decoded on its own, and a line that is not UTF-8 costs that line only."""
    try:
        texts: list[str | InputError] = list(as_text(raw, settings.encoding).split("\n"))
        whole = None
    except InputError as exc:
        if settings.encoding or isinstance(raw, str):
            raise
        texts, whole = [_utf8_line(line, number == 1) for number, line in enumerate(raw.split(b"\n"), start=1)], exc
    lines = []
    # Records end at "\n" only: str.splitlines() would also cut a record at a U+2028, NEL or
    # form feed inside its text, which JSON writers leave unescaped.
    for number, line in enumerate(texts, start=1):
        if isinstance(line, InputError):
            lines.append((number, line))
            continue
        if not line.strip():
            continue
        try:
            lines.append((number, parse_json(line, where=False)))
        except InputError as exc:
            lines.append((number, exc))
    if not lines:
        raise whole or InputError("no JSON lines")
    try:
        items = _documents(name, document_id, path, lines, "line")
    except InputError as exc:  # its one line is no record
        raise (whole or exc) from None
    if whole and not any(isinstance(item, Document) for item in items):
        raise whole  # no line of it is a record: the file as a whole is the problem (binary junk, say)
    return items


def _utf8_line(line: bytes, first: bool) -> str | InputError:
    try:
        return line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return InputError(f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start} of the line)")


def _documents(
    name: str, document_id: str, path: str | None, numbered: Sequence[tuple[int, Any]], unit: str
) -> list[Document | InputProblem]:
    single = len(numbered) == 1
    items: list[Document | InputProblem] = []
    for number, record in numbered:
        try:
            if isinstance(record, InputError):
                raise record
            items.append(record_document(record, document_id if single else f"{document_id}-{number}", path))
        except InputError as exc:
            items.append(InputProblem(f"{name} {unit} {number}", str(exc)))
    if single and isinstance(items[0], InputProblem):
        raise InputError(items[0].reason)
    return items


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
