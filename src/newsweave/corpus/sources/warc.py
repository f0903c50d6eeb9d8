"""WARC and ARC archives (warcio), read one record at a time so memory stays flat however big the file.

Crawls hold far more than articles: only HTML responses with status 200 are
read, and a page with no article in it is skipped, not reported as an error.
Records come out as `Page`s: their extraction is per-item work (see items.py).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsweave.corpus.sources.items import Input, Page, Skipped
from newsweave.errors import InputError
from newsweave.load.decode import check_size


def warc_items(source: Input | Path, context) -> Iterator:
    """The articles of an archive: a file, or one held in memory (an upload)."""
    if not isinstance(source, Input):
        source = Input(str(source), path=Path(source))
    from warcio.archiveiterator import ArchiveIterator  # lazy: warcio is only needed for archives; --help stays fast

    records = 0  # whole records read so far
    try:
        with source.open() as stream:
            archive = ArchiveIterator(stream, arc2warc=True)
            _bound_header_lines(archive.reader)
            iterator = iter(archive)
            while True:
                # On failure archive.offset is where the record being read starts: warcio moves
                # it past the previous record before parsing the next.
                try:
                    record = next(iterator, None)
                    if record is None:
                        break
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    reason = "not a response" if record.rec_type not in {"response", "resource"} else _not_a_page(record)
                except Exception as exc:  # warcio fails in many ways on a cut or damaged record (even AttributeError)
                    raise _damaged(source, archive.offset, records, f"{type(exc).__name__}: {exc}") from None
                stored = not reason and uri and context.is_stored(uri)
                try:
                    body = b"" if reason or stored else record.content_stream().read(context.settings.max_input_bytes + 1)
                    whole = _drain(record)
                except Exception as exc:  # warcio fails in many ways on a cut or damaged record (even AttributeError)
                    raise _damaged(source, archive.offset, records, f"{type(exc).__name__}: {exc}") from None
                if not whole:
                    raise _damaged(source, archive.offset, records, "shorter than its Content-Length")
                records += 1
                last = archive.offset
                label = f"{source.label} record {records}" + (f" ({uri})" if uri else "")
                if stored:
                    yield Skipped(label, "already stored", stored=True)
                    continue
                if reason:
                    if record.rec_type in {"response", "resource"}:
                        yield Skipped(label, reason)
                    continue
                try:
                    check_size(len(body), context.settings.max_input_bytes)
                except InputError as exc:
                    yield Skipped(label, str(exc))
                    continue
                yield Page(body, label, uri or label, address=uri, encoding=context.settings.encoding, skip_empty=True)
            size = source.size()
            if archive.offset < size:  # warcio stopped quietly at bytes that are no record
                raise _damaged(source, archive.offset, records, f"{size - archive.offset} bytes cannot be read")
            if records and _ends_inside_record(source, last):
                # Cut in its gzip trailer: the record's content was whole (and is kept), its checksum is lost.
                raise InputError(f"truncated archive after {_count(records)}: its last bytes are cut off")
            if records and _ends_inside_record(source, last, through_end=True):
                # A gzip member cut off in its first bytes: warcio reads it as the end of the file.
                raise _damaged(source, size, records, cut=True)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not records:
        raise InputError("no WARC records (empty or not a WARC file)")


GZIP_MAGIC = b"\x1f\x8b"
HEADER_LINE_LIMIT = 64 * 1024  # longer than any real WARC, ARC or HTTP header line


def _bound_header_lines(reader) -> None:
    """Make warcio read header lines of at most HEADER_LINE_LIMIT bytes.

    warcio reads a header line whole, however long: a gzip member of a few
    kilobytes that inflates to gigabytes with no line end (a gzip bomb) would
    be held in memory. Cut at the limit, such a line is no header and the
    archive is reported as unreadable; record bodies are read in blocks anyway.
    """
    readline = reader.readline
    reader.readline = lambda length=None: readline(HEADER_LINE_LIMIT if not length or length > HEADER_LINE_LIMIT else length)


def _drain(record) -> bool:
    """Read the rest of a record, a chunk at a time; False when it was not all there
    (warcio ends a cut-off archive quietly, with a short last record)."""
    while record.raw_stream.read(64 * 1024):
        pass
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    return declared.isdigit() and getattr(record.raw_stream, "limit", 0) <= 0


def _damaged(source: Input, offset: int, records: int, detail: str = "", cut: bool = False) -> InputError:
    """The error for an archive that cannot be read past `records` whole records: truncated, or else corrupt.

    The records before it have been read (and stored) already; this names what
    happened to the rest. `offset` is where the unreadable record starts.
    """
    whole = _count(records)
    if cut or _ends_inside_record(source, offset):
        if not records:
            return InputError("truncated archive: it ends inside its first record")
        return InputError(f"truncated archive after {whole} (record {records + 1} is cut off)")
    if not records:
        return InputError(f"not a readable WARC or ARC archive ({detail})" if detail else "not a readable WARC or ARC archive")
    return InputError(f"corrupt archive after {whole}: record {records + 1} cannot be read" + (f" ({detail})" if detail else ""))


def _count(records: int) -> str:
    return f"{records} record{'s' if records != 1 else ''}"


def _ends_inside_record(source: Input, offset: int, through_end: bool = False) -> bool:
    """Whether the file stops part-way through the record that starts at `offset`
    (`through_end`: through any gzip member from there to the end of the file).

    Compressed: a gzip member never reaches its end. Plain: the header block
    has no end, or its declared Content-Length runs past the file.
    """
    try:
        with source.open() as stream:
            compressed = stream.read(2) == GZIP_MAGIC
            stream.seek(offset)
            head = stream.read(2)
            if head and GZIP_MAGIC.startswith(head):  # a gzip member, or its first byte alone
                stream.seek(offset)
                return _gzip_cut(stream, through_end)
            if through_end or compressed:  # bytes in a compressed archive that are no gzip member: not a cut record
                return False
            stream.seek(offset)
            block = stream.read(64 * 1024)
    except (OSError, InputError, zlib.error):
        return False
    end = block.find(b"\r\n\r\n")
    if end < 0:
        return b"\n\n" not in block  # no end to the header block: unless it is an ARC record (one header line)
    length = re.search(rb"(?im)^content-length:[ \t]*(\d+)", block[:end])
    remaining = source.size() - offset
    return length is not None and end + 4 + int(length.group(1)) > remaining


def _gzip_cut(stream, through_end: bool) -> bool:
    """Whether the gzip member at the stream's position (or any after it) is cut off by the end of the file.
    Only whether each ends is wanted: the output is dropped as it comes."""
    data = b""
    while True:
        inflater = zlib.decompressobj(wbits=31)
        while not inflater.eof:
            data = data or stream.read(64 * 1024)
            if not data:
                inflater.flush()  # output held back by the 64 KiB limit: the member may end in it
                return not inflater.eof
            inflater.decompress(data, 64 * 1024)
            data = inflater.unconsumed_tail
        data = inflater.unused_data
        if not through_end:
            return False
        data = data or stream.read(64 * 1024)
        if not data:
            return False


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
