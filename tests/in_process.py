"""The `newsweave` command run in this process: `newsweave.cli.main(argv)` with its own stdin, stdout and stderr.

The spaCy model then loads once for the whole test session instead of once per
command, which is most of what a subprocess costs. Tests whose point is a
fresh process (the entry point, `--help` speed, signals, a server) still use
`conftest.run_newsweave`.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path


def run_in_process(*args, cwd: Path | None = None, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    """Like conftest.run_newsweave: the exit status and what was printed, as text (UTF-8)."""
    from newsweave.cli import main

    argv = [str(a) for a in args]
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    # Held here until the end: a TextIOWrapper closes its buffer when it is collected.
    wrappers = (io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"), io.TextIOWrapper(out, encoding="utf-8", write_through=True),
                io.TextIOWrapper(err, encoding="utf-8", write_through=True))
    sys.stdin, sys.stdout, sys.stderr = wrappers
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            status = main(argv)
        except SystemExit as exit:  # argparse: --help, --version, usage errors
            status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os.chdir(here)
        sys.stdin, sys.stdout, sys.stderr = streams
    printed, errors = out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    for wrapper in wrappers:
        wrapper.detach()
    return subprocess.CompletedProcess(["newsweave", *argv], status, printed, errors)
