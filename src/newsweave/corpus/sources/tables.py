"""Exports: JSON Lines and CSV rows of articles, and Multi-News-style JSONL clusters.

A row is an article with `text` (or `content`, `body`, `article`, `maintext`)
and optional metadata under the names exporters commonly use. A JSONL line
with a `documents` list is a cluster (`{"id", "documents": [{"id", "text"}]}`),
as is Multi-News's original `document` field with reports joined by "|||||".
Files are read a line at a time; a bad line is reported and the rest are read.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Iterator

from newsweave.corpus.store import Article
from newsweave.errors import InputError
from newsweave.story import InputProblem

ALIASES = {
    "text": ("text", "content", "body", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "canonical_url": ("canonical_url", "canonical"),
    "published": ("published", "date", "date_publish", "pubDate", "published_at", "publish_date", "datetime"),
    "outlet": ("outlet", "sitename", "site_name", "site", "source", "publisher", "domain"),
    "author": ("author", "authors", "byline"),
}
MULTI_NEWS_SEPARATOR = "|||||"


def table_items(path: Path, context) -> Iterator:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        yield from csv_items(path, "\t" if suffix == ".tsv" else ",")
    elif suffix == ".json":
        yield from json_items(path, context)
    else:
        yield from jsonl_items(path)


def jsonl_items(path: Path) -> Iterator:
    lines = 0
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            lines += 1
            label = f"{path} line {number}"
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield InputProblem(label, "not UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield InputProblem(label, f"invalid JSON: {exc.msg}")
                continue
            yield from record_items(record, label)
    if not lines:
        raise InputError("no JSON lines")


def json_items(path: Path, context) -> Iterator:
    from newsweave.load import read_bytes
    from newsweave.load.decode import decode

    try:
        data = json.loads(decode(read_bytes(path, context.settings), context.settings.encoding))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield from record_items(record, f"{path} item {number}")


def csv_items(path: Path, delimiter: str) -> Iterator:
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream, delimiter=delimiter)
            if not reader.fieldnames or not set(reader.fieldnames) & set(ALIASES["text"]):
                raise InputError(f"no text column (expected one of: {', '.join(ALIASES['text'])})")
            for number, row in enumerate(reader, start=2):
                yield from record_items({k: v for k, v in row.items() if k and v}, f"{path} line {number}")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise InputError(f"unreadable CSV ({exc})") from None


def record_items(record, label: str) -> Iterator:
    """The articles of one record: itself, or a cluster's documents."""
    if isinstance(record, dict) and isinstance(record.get("documents"), list):
        cluster = record.get("id")
        for number, document in enumerate(record["documents"], start=1):
            name = document.get("id", number) if isinstance(document, dict) else number
            yield _item(document, f"{label} cluster {cluster} document {name}" if cluster is not None else f"{label} document {name}")
    elif isinstance(record, dict) and isinstance(record.get("document"), str) and MULTI_NEWS_SEPARATOR in record["document"]:
        for number, text in enumerate(record["document"].split(MULTI_NEWS_SEPARATOR), start=1):
            if text.strip():
                yield _item({"text": text.strip()}, f"{label} document {number}")
    else:
        yield _item(record, label)


def _item(record, label: str):
    try:
        return record_article(record, label)
    except InputError as exc:
        return InputProblem(label, str(exc))


def record_article(record, label: str) -> Article:
    from newsweave.corpus.sources import iso_date
    from newsweave.load import record_document

    if isinstance(record, dict):
        record = {field: _first(record, names) for field, names in ALIASES.items()}
    document = record_document(record, label)  # the loader's checks: a non-empty text string
    fields = record if isinstance(record, dict) else {}
    return Article(
        text=document.text,
        title=document.title,
        author=_text(fields.get("author")),
        outlet=document.outlet,
        published=iso_date(document.published),
        url=document.url,
        canonical_url=_text(fields.get("canonical_url")) or document.url,
        source=label,
    )


def _first(record: dict, names: tuple[str, ...]):
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text(value) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    return None if value is None else str(value)
