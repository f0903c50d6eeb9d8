"""Where results are written: standard output, or a file replaced atomically.

Every command and export writes through `OutputFile` (or `write_output`), so
a failed run never leaves half a file, and a file that cannot be written is
one user-facing `InputError` naming it, never a traceback.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Literal

from newsweave.errors import InputError


def check_output_path(path: str | None) -> None:
    """Refuse an output path that cannot be written before doing the work."""
    if not path or path == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: no folder {target.parent}")


def write_output(content: str | bytes, path: str | None) -> None:
    """Print, or replace `path` atomically so a failed run never leaves half a file."""
    with OutputFile(path) as output:
        output.write(content.encode("utf-8") if isinstance(content, str) else content)


class OutputFile:
    """Standard output, or a file replaced atomically when the block ends without error.

    The file is written beside its target under a hidden name and renamed over
    it, so a failed run leaves the old file (or none), never half a file. It
    gets the mode a plain `open()` would give it (0666 less the umask), or the
    mode of the file it replaces; a temporary file's own mode is 0600.
    """

    def __init__(self, path: str | None):
        self.path = path if path and path != "-" else None
        self.stream: BinaryIO | None = None
        self.temporary: str | None = None

    def __enter__(self) -> OutputFile:
        if self.path is None:
            self.stream = sys.stdout.buffer
            return self
        target = Path(self.path)
        try:
            handle, self.temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        self.stream = os.fdopen(handle, "wb")
        return self

    def write(self, data: bytes) -> None:
        """Write and flush: a reader (or a crash) sees every line already written."""
        assert self.stream is not None, "write inside the with block"
        try:
            self.stream.write(data)
            self.stream.flush()
        except OSError as exc:
            if self.path is None:
                raise
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None

    def __exit__(self, kind: object, error: object, trace: object) -> Literal[False]:
        if self.path is None:
            return False
        try:
            if self.stream is not None:
                if kind is None:
                    os.fsync(self.stream.fileno())  # on disk before it replaces the old file
                self.stream.close()
            if kind is None and self.temporary is not None:
                os.chmod(self.temporary, _mode_for(Path(self.path)))
                os.replace(self.temporary, self.path)
                self.temporary = None
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        finally:
            if self.temporary is not None:
                Path(self.temporary).unlink(missing_ok=True)
        return False


def _mode_for(target: Path) -> int:
    """The permission bits a replaced file keeps, or a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode) & 0o777  # not a set-user-id bit
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Linux shows the umask without changing it; elsewhere it can only be read by setting it.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
