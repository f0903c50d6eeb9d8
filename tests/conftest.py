"""Shared fixtures: three short invented reports of one made-up event.

The event (fictional): the ferry Gull Maiden runs aground in fog outside Port
Aldwin harbor; 86 passengers and six crew are rescued, three are treated for
mild hypothermia, harbor master Ines Varga blames the fog.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPORTS = {
    "wire": (
        "A passenger ferry ran aground on a sandbar outside Port Aldwin harbor early on Saturday, the coast guard said.\n\n"
        "All 86 passengers and six crew members were taken off the Gull Maiden by lifeboats within two hours.\n\n"
        "Nobody was seriously hurt, although three passengers were treated for mild hypothermia.\n\n"
        "Harbor master Ines Varga said the ferry had strayed from the marked channel in thick fog.\n"
    ),
    "courier": (
        "The ferry Gull Maiden struck a sandbar near the entrance to Port Aldwin harbor on Saturday morning in heavy fog.\n\n"
        "Coast guard crews rescued all 86 passengers and six crew members from the stranded vessel.\n\n"
        "Three passengers were treated for mild hypothermia at Aldwin General Hospital, the hospital said.\n\n"
        "Harbor master Ines Varga said the ship had left the marked channel before it grounded.\n"
    ),
    "gazette": (
        "Salvage teams plan to refloat the ferry Gull Maiden at high tide on Monday, its operator said.\n\n"
        "The vessel ran aground outside Port Aldwin harbor on Saturday with 86 passengers aboard.\n\n"
        "All passengers and crew were rescued, and three people were treated for mild hypothermia.\n\n"
        "The harbor will stay closed to large vessels until the ferry has been moved, officials said.\n"
    ),
}


@pytest.fixture(scope="session")
def reports() -> dict[str, str]:
    """id -> text of the three invented reports."""
    return dict(REPORTS)


@pytest.fixture(scope="session")
def good_files(tmp_path_factory) -> list[Path]:
    """The three reports as UTF-8 .txt files (ids = stems), in their own folder. Do not modify."""
    folder = tmp_path_factory.mktemp("good")
    paths = []
    for name, text in REPORTS.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run_newsweave(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        input=stdin,
        timeout=120,
    )


@pytest.fixture(scope="session")
def cli():
    return run_newsweave


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_result():
    """The brief of the user's three seed reports (../shared/seeds), briefed once per test run."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    import newsweave

    return newsweave.brief([SEEDS])
