"""Reading local files as hostile input.

Only regular files are read, after following links: a named pipe (FIFO) would
block forever waiting for a writer, and a device such as /dev/zero or
/dev/urandom never ends. The kind is checked before opening (opening some
devices has effects), and again on the open file, so a file swapped for a pipe
in between is still refused; the open itself never blocks (O_NONBLOCK).
The size limit holds while reading, not only by the size the file claims:
at most limit + 1 bytes are ever read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsweave.errors import InputError
from newsweave.load.decode import check_size, size_label

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def check_regular(path: Path) -> os.stat_result:
    """The file's status (links followed), or InputError saying why it is not read."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise InputError("broken link: its target does not exist" if os.path.islink(path) else "no such file") from None
    except OSError as exc:
        raise _error(exc) from None
    reason = not_regular(status.st_mode)
    if reason:
        raise InputError(reason)
    return status


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading in binary; anything else is InputError."""
    check_regular(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _error(exc) from None
    try:
        reason = not_regular(os.fstat(descriptor).st_mode)
        if reason:
            raise InputError(reason)
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else InputError with the reason."""
    with open_regular(path) as stream:
        check_size(os.fstat(stream.fileno()).st_size, limit)  # refused by its size without reading it
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise _error(exc) from None
    if len(data) > limit:  # it grew, or its size was not what it said
        raise InputError(f"too large: over the {size_label(limit)} limit (set max_input_bytes to raise it)")
    return data


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a stream; None for a line over `limit` bytes.

    A line over the limit is skipped to its end without being kept, so a file
    with no line breaks costs memory for one line's limit, never for the file.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit + 1)
        yield number, None


def _error(exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a folder")
    return InputError(exc.strerror or str(exc))
