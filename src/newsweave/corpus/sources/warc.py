"""WARC and ARC archives (warcio), read one record at a time so memory stays flat however big the file.

Crawls hold far more than articles: only HTML responses with status 200 are
read, and a page with no article in it is skipped, not reported as an error.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from newsweave.errors import InputError
from newsweave.load.decode import check_size


def warc_items(path: Path, context) -> Iterator:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from newsweave.corpus.sources import Skipped
    from newsweave.corpus.sources.html import html_article
    from newsweave.load.decode import decode

    records = 0
    try:
        with open(path, "rb") as stream:
            archive = ArchiveIterator(stream, arc2warc=True)
            for record in archive:
                records += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                label = f"{path} record {records}" + (f" ({uri})" if uri else "")
                reason = "not a response" if record.rec_type not in {"response", "resource"} else _not_a_page(record)
                if not reason and uri and context.is_stored(uri):
                    yield Skipped(label, "already stored", stored=True)
                    _drain(record, records)
                    continue
                body = b"" if reason else record.content_stream().read(context.settings.max_input_bytes + 1)
                _drain(record, records)
                if reason:
                    if record.rec_type in {"response", "resource"}:
                        yield Skipped(label, reason)
                    continue
                try:
                    check_size(len(body), context.settings.max_input_bytes)
                    article = html_article(decode(body, context.settings.encoding), label, uri)
                except InputError as exc:
                    yield Skipped(label, str(exc))
                    continue
                article.url = uri or label
                yield article
            size = path.stat().st_size
            if records and archive.offset < size:
                # A gzip member cut off in its header yields no record at all.
                raise InputError(f"truncated or corrupt archive: {size - archive.offset} bytes after record {records} cannot be read")
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        where = f"after record {records}" if records else "at the start"
        raise InputError(f"truncated or corrupt archive {where} ({type(exc).__name__}: {exc})") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not records:
        raise InputError("no WARC records (empty or not a WARC file)")


def _drain(record, number: int) -> None:
    """Read the rest of a record, a chunk at a time, and check it was all there:
    warcio ends a cut-off archive quietly, with a short last record."""
    while record.raw_stream.read(64 * 1024):
        pass
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit() or getattr(record.raw_stream, "limit", 0) > 0:
        raise InputError(f"truncated or corrupt archive: record {number} is cut off")


def _not_a_page(record) -> str | None:
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        if record.http_headers is None:
            return "no HTTP headers"
        status = record.http_headers.get_statuscode()
        if status != "200":
            return f"HTTP status {status}"
        content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return f"not HTML ({content_type or 'no content type'})"
    return None
