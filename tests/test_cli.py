"""The `newsweave` command: in process (`newsweave.cli.main`), and in subprocesses where a fresh process is the point."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_newsweave
from in_process import run_in_process

SRC = Path(__file__).resolve().parents[1] / "src" / "newsweave"

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "valley-dam-evacuation"
EXAMPLE_IDS = {"evening-post", "herald", "radio", "wire"}
MIXED_ENCODING = "The caf\u00e9 reopened. ".encode("utf-8") + "A na\u00efve passenger filmed it.\n".encode("latin-1")


@pytest.fixture
def cli():
    return run_in_process


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "mixed.txt"
    path.write_bytes(MIXED_ENCODING)
    return path


def assert_clean_error(run: subprocess.CompletedProcess):
    assert run.returncode == 1
    assert "newsweave: error:" in run.stderr
    assert "Traceback" not in run.stderr


def test_help_lists_commands(cli):
    run = cli("--help")
    assert run.returncode == 0, run.stderr
    for word in ("brief", "summarize", "--version"):
        assert word in run.stdout

    bare = cli()
    assert bare.returncode == 0 and "brief" in bare.stdout


def test_brief_help_lists_options(cli):
    run = cli("brief", "--help")
    assert run.returncode == 0, run.stderr
    for word in ("--format", "--output", "--words", "--strict", "--model", "--encoding", "markdown", "json", "html", "PATH"):
        assert word in run.stdout


def test_version(cli):
    run = cli("--version")
    assert run.returncode == 0 and run.stdout.strip() == "newsweave 0.1.0"


def test_entry_points_run_in_a_fresh_process(tmp_path):
    """`python -m newsweave` and the installed `newsweave` script both reach cli.main, exit status included."""
    run = run_newsweave("--version")
    assert run.returncode == 0 and run.stdout.strip() == "newsweave 0.1.0"
    script = Path(sys.executable).with_name("newsweave")
    if script.exists():
        installed = subprocess.run([str(script), "brief", "--words", "0"], capture_output=True, text=True, timeout=60)
        assert installed.returncode == 2 and "expected a whole number above 0" in installed.stderr
    missing = run_newsweave("brief", tmp_path / "nothing.txt")
    assert missing.returncode == 1 and "newsweave: error: no readable reports" in missing.stderr


def test_interrupt_exits_130_without_a_traceback(tmp_path):
    """Ctrl-C (SIGINT) while a command waits for input: exit status 130, as a shell expects, and no traceback."""
    import errno
    import os
    import signal
    import time

    fifo = tmp_path / "clusters.jsonl"
    os.mkfifo(fifo)
    # A shell starts background jobs with SIGINT ignored, and a child inherits that: give the command the
    # terminal's default, or a suite launched in the background would wait here for good.
    process = subprocess.Popen([sys.executable, "-m", "newsweave", "summarize", "--jsonl", str(fifo)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    writer = None
    try:
        deadline = time.monotonic() + 60
        while writer is None:  # the command has opened the pipe: it is inside main(), waiting for a line
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                assert exc.errno == errno.ENXIO and process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    finally:
        if writer is not None:
            os.close(writer)
        process.kill()
        process.wait(timeout=10)
    assert process.returncode == 130, errors
    assert "Traceback" not in errors


def test_a_reader_that_goes_away_stops_the_command_quietly():
    """`newsweave brief ... | head -c 10`: the closed pipe ends the command with status 1, no traceback."""
    process = subprocess.Popen([sys.executable, "-m", "newsweave", "brief", str(EXAMPLE), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # gone before the brief is written
        errors = process.stderr.read().decode("utf-8")
        process.wait(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 1, errors
    assert errors == ""  # quietly: no error line, no traceback


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_library_module_imports_the_cli():
    """The CLI sits on top: nothing outside newsweave/cli/ imports it (function-level imports included)."""
    offenders = [
        str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
        if SRC / "cli" not in path.parents and path.name != "__main__.py"
        and any(name == "newsweave.cli" or name.startswith("newsweave.cli.") for name in _imports(path))
    ]
    assert offenders == []


def test_the_package_keeps_its_public_api():
    """`newsweave.brief` stays the function although newsweave/brief.py (the Brief class) is a submodule."""
    import newsweave
    import newsweave.brief
    import newsweave.service

    assert newsweave.brief is newsweave.service.brief and callable(newsweave.brief)
    assert newsweave.Brief is sys.modules["newsweave.brief"].Brief


def test_importing_the_cli_does_not_load_spacy():
    run = subprocess.run(
        [sys.executable, "-c", "import newsweave.cli, sys; print('spacy' in sys.modules)"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"

    heavy = subprocess.run(
        [sys.executable, "-c", "import newsweave, newsweave.cli, sys; "
         "print(sorted(m for m in ('spacy', 'trafilatura', 'numpy', 'rich') if m in sys.modules))"],
        capture_output=True, text=True, timeout=60,
    )
    assert heavy.stdout.strip() == "[]", heavy.stderr


def test_bad_usage_exits_2(cli):
    run = cli("brief", str(EXAMPLE), "--format", "pdf")
    assert run.returncode == 2 and "invalid choice" in run.stderr
    assert cli("brief", str(EXAMPLE), "--words", "0").returncode == 2


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_brief_example_folder(cli, fmt):
    run = cli("brief", EXAMPLE, "--format", fmt)

    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    if fmt == "markdown":
        assert run.stdout.startswith("# ")
        assert "## What happened" in run.stdout and "## Reports" in run.stdout
        assert all(f"`{i}`" in run.stdout for i in EXAMPLE_IDS)
    elif fmt == "json":
        data = json.loads(run.stdout)
        assert data["schema"] == "newsweave.brief/1"
        assert {d["id"] for d in data["documents"]} == EXAMPLE_IDS
        assert data["summary"] and data["problems"] == []
        texts = {d["id"]: d["text"] for d in data["documents"]}
        for item in data["summary"]:
            assert set(item["documents"]) <= EXAMPLE_IDS
            first = item["evidence"][0]
            assert texts[first["document"]][first["start"] : first["end"]] == item["text"]
    else:
        assert run.stdout.lstrip().lower().startswith("<!doctype html>")
        assert "</html>" in run.stdout


def test_one_bad_file_is_reported_and_the_brief_still_made(cli, good_files, bad_file):
    run = cli("brief", *good_files, bad_file, "--format", "json")

    assert run.returncode == 0, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith(f"newsweave: {bad_file}: ")
    assert "UTF-8" in line
    data = json.loads(run.stdout)
    good_ids = {p.stem for p in good_files}
    assert {d["id"] for d in data["documents"]} == good_ids
    assert data["summary"]
    assert {i for item in data["summary"] for i in item["documents"]} <= good_ids
    assert [p["source"] for p in data["problems"]] == [str(bad_file)]


def test_strict_exits_1_when_an_input_is_bad(cli, good_files, bad_file):
    run = cli("brief", "--strict", *good_files, bad_file)

    assert run.returncode == 1
    [line] = run.stderr.splitlines()
    assert line.startswith(f"newsweave: {bad_file}: ")
    assert "## Could not read" in run.stdout  # the brief is still written


def test_all_inputs_bad_is_a_clean_error(cli, tmp_path, bad_file):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"

    run = cli("brief", empty, missing, bad_file)

    assert_clean_error(run)
    assert run.stdout == ""
    error = [line for line in run.stderr.splitlines() if line.startswith("newsweave: error:")]
    assert len(error) == 1 and "no readable reports" in error[0]
    for path in (empty, missing, bad_file):
        assert str(path) in error[0]


def test_output_file_is_written_without_leftovers(cli, good_files, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "brief.json"
    target.write_text("old contents")  # replaced, not appended to

    run = cli("brief", *good_files, "--format", "json", "-o", target)

    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert [p.name for p in out_dir.iterdir()] == ["brief.json"]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "newsweave.brief/1"
    assert {d["id"] for d in data["documents"]} == {p.stem for p in good_files}


@pytest.mark.parametrize("where", ["missing-folder", "existing-directory"])
def test_unwritable_output_is_a_clean_error(cli, good_files, tmp_path, where):
    if where == "missing-folder":
        target = tmp_path / "no-such-folder" / "brief.md"
    else:
        target = tmp_path / "brief.md"
        target.mkdir()

    run = cli("brief", *good_files, "-o", target)

    assert_clean_error(run)
    assert str(target) in run.stderr or str(target.parent) in run.stderr
    assert [p.name for p in tmp_path.iterdir()] == ([] if where == "missing-folder" else ["brief.md"])


def test_missing_model_is_a_clean_error(cli, good_files):
    run = cli("brief", *good_files, "--model", "no_such_spacy_model")
    assert_clean_error(run)
    assert "no_such_spacy_model" in run.stderr
