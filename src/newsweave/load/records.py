"""JSON and JSON Lines reports: objects with `text` and optional metadata.

A `.json` file holds one object, a list of objects, or a cluster object with a
`documents` list. A `.jsonl` file holds one object a line; a bad line is
reported by number and the other lines are still read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
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


def read_record_file(path: Path, settings: Settings) -> list[Document | InputProblem]:
    from newsweave.load import read_bytes
    from newsweave.load.decode import decode

    text = decode(read_bytes(path, settings), settings.encoding)
    if path.suffix.lower() == ".json":
        data = parse_json(text)
        records = data.get("documents") if isinstance(data, dict) and "text" not in data else data
        if isinstance(records, dict):
            records = [records]
        if not isinstance(records, list):
            raise InputError("expected a JSON object with 'text', a list of them, or an object with 'documents'")
        if not records:
            raise InputError("no documents in the JSON")
        return _documents(path, list(enumerate(records, start=1)), "item")
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            lines.append((number, parse_json(line, where=False)))
        except InputError as exc:
            lines.append((number, exc))
    if not lines:
        raise InputError("no JSON lines")
    return _documents(path, lines, "line")


def _documents(path: Path, numbered: list[tuple[int, object]], unit: str) -> list[Document | InputProblem]:
    from newsweave.load import record_document

    single = len(numbered) == 1
    items: list[Document | InputProblem] = []
    for number, record in numbered:
        try:
            if isinstance(record, InputError):
                raise record
            items.append(record_document(record, path.stem if single else f"{path.stem}-{number}", str(path)))
        except InputError as exc:
            items.append(InputProblem(f"{path} {unit} {number}", str(exc)))
    if not any(isinstance(item, Document) for item in items) and single:
        raise InputError(items[0].reason)
    return items
