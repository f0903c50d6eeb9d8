"""Bytes to text, or a clear reason why not.

Guessing encodings is how mojibake gets into briefs, so the rules are few and
predictable: a byte-order mark wins, then strict UTF-8, then Windows-1252 (the
legacy encoding of most English-language copy) only when the result shows no
sign of being mis-decoded UTF-8. Anything else is refused with a reason; the
caller can name the encoding explicitly.
"""

from __future__ import annotations

import codecs
import re

from newsweave.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# UTF-8 read as Windows-1252 leaves these fingerprints ("Ã©", "â€™").
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|\u00e2\u20ac"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# A lone surrogate (a JSON "\ud800" escape, a Python string, a file name that is not UTF-8)
# is no character: no output can be written in UTF-8 with one in it, and spaCy refuses it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(text: str, what: str = "text") -> None:
    """InputError when a text to brief holds a lone surrogate (its offsets must index it unchanged)."""
    found = _SURROGATE.search(text)
    if found:
        raise InputError(f"{what} is not valid Unicode: a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}")


# In a name or a metadata value, also control characters: an ESC in a file name or a
# title would drive the terminal it is printed on, a line end would split a problem line.
_UNPRINTABLE = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f]")


def displayable(value: str) -> str:
    """A name or a metadata value with each lone surrogate or control character made U+FFFD,
    so that it can be printed on one line and written as UTF-8."""
    return _UNPRINTABLE.sub("\ufffd", value)


def size_label(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise InputError(f"too large: {size_label(size)}, over the {size_label(limit)} limit (set max_input_bytes to raise it)")


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode report bytes, raising InputError with the reason when they are not text."""
    if not data.strip():
        raise InputError("empty file")
    if encoding:
        try:
            return _check_text(data.decode(encoding))
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(name))
            except UnicodeDecodeError as exc:
                raise InputError(f"broken {name.upper()} text: {exc.reason} at byte {exc.start}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    if b"\x00" in data[:8192]:
        raise InputError("binary data (NUL bytes), not text; UTF-16 without a byte-order mark is not supported")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is None or _MOJIBAKE.search(text):
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
                "and not clean Windows-1252 either; re-save it as UTF-8 or name its encoding"
            ) from None
        return _check_text(text)


def as_text(data: bytes | str, encoding: str | None = None) -> str:
    """Report bytes decoded (see `decode`), or a text already decoded given the same checks."""
    if isinstance(data, bytes):
        return decode(data, encoding)
    if not data.strip():
        raise InputError("empty file")  # as for bytes
    check_unicode(data)
    return _check_text(data)


def _check_text(text: str) -> str:
    if not text.strip():
        raise InputError("no text (only whitespace)")
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > max(8, len(text[:20000]) // 200):
        raise InputError("binary data (many control characters), not text")
    return text
