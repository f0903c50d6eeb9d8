"""Exports: JSON Lines and CSV rows of articles, and Multi-News-style JSONL clusters.

A row is an article with `text` (or `content`, `body`, `article`, `maintext`)
and optional metadata under the names exporters commonly use. A JSONL line
with a `documents` list is a cluster (`{"id", "documents": [{"id", "text"}]}`),
as is Multi-News's original `document` field with reports joined by "|||||".
Files are read a line at a time; a bad line is reported and the rest are read.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from newsweave.batch import max_line_bytes
from newsweave.corpus.sources.items import Input, iso_date
from newsweave.corpus.store import Article
from newsweave.errors import InputError
from newsweave.load.decode import decode
from newsweave.load.files import bounded_lines
from newsweave.load.records import parse_json, record_document
from newsweave.settings import Settings
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


def table_items(source: Input, kind: str, context) -> Iterator:
    """The articles of an export: `kind` "csv", "tsv", "json" or "jsonl"."""
    if kind in ("csv", "tsv"):
        yield from csv_items(source, "\t" if kind == "tsv" else ",")
    elif kind == "json":
        yield from json_items(source, context)
    else:
        yield from jsonl_items(source, context)


def jsonl_items(source: Input, context=None) -> Iterator:
    limit = _line_limit(context)
    lines = 0
    with source.open() as stream:
        for number, raw in bounded_lines(stream, limit):
            if raw is not None and not raw.strip():
                continue
            lines += 1
            label = f"{source.label} line {number}"
            try:
                if raw is None:
                    raise InputError(f"line too long (over {limit // (1024 * 1024)} MB)")
                record = parse_json(raw.decode("utf-8-sig"), where=False)
            except UnicodeDecodeError:
                yield InputProblem(label, "not UTF-8")
                continue
            except InputError as exc:
                yield InputProblem(label, str(exc))
                continue
            yield from record_items(record, label)
    if not lines:
        raise InputError("no JSON lines")


def json_items(source: Input, context) -> Iterator:
    data = parse_json(decode(source.read(context.settings.max_input_bytes), context.settings.encoding))
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield from record_items(record, f"{source.label} item {number}")


def _line_limit(context) -> int:
    """A line is one article or one cluster of them: as long as a batch mode line may be."""
    return max_line_bytes(getattr(context, "settings", None) or Settings())


def csv_items(source: Input, delimiter: str) -> Iterator:
    csv.field_size_limit(sys.maxsize)
    try:
        with io.TextIOWrapper(source.open(), newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream, delimiter=delimiter)
            if not reader.fieldnames or not set(reader.fieldnames) & set(ALIASES["text"]):
                raise InputError(f"no text column (expected one of: {', '.join(ALIASES['text'])})")
            for number, row in enumerate(reader, start=2):
                yield from record_items({k: v for k, v in row.items() if k and v}, f"{source.label} line {number}")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise InputError(f"unreadable CSV ({exc})") from None


def record_items(record, label: str) -> Iterator:
    """The articles of one record: itself, or a cluster's documents."""
    if isinstance(record, dict) and isinstance(record.get("documents"), list):
        cluster = _text(record.get("id"))
        for number, document in enumerate(record["documents"], start=1):
            name = (_text(document.get("id")) if isinstance(document, dict) else None) or number
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
    # Only text and numbers: a nested list or object is not a name (and a deep one would not even print).
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, (str, int, float))) or None
    return str(value) if isinstance(value, (str, int, float)) else None
