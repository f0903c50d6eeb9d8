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


# --- the corpus on both backends ----------------------------------------------

class PostgresServer:
    """A throwaway PostgreSQL cluster: initdb in a temporary folder, its socket in that folder only.

    Run as the `postgres` user when the tests run as root (initdb refuses root).
    fsync is off: the data lives as long as the test session.
    """

    def __init__(self, bindir: Path):
        import getpass
        import os
        import pwd
        import shutil
        import socket
        import tempfile

        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
            self.user = "postgres"
        else:
            self.user = getpass.getuser()
        with socket.socket() as probe:  # a free port number names the socket file
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        data = self.folder / "data"
        self._run("initdb", "-D", data, "-U", self.user, "-A", "trust", "-E", "UTF8", "--no-locale")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", data, "-l", self.folder / "server.log", "-w", "-t", "60", "-o", options, "start")
        self._shutil = shutil
        self.count = 0

    def _run(self, program: str, *args) -> None:
        subprocess.run([*self.as_user, str(self.bindir / program), *map(str, args)], check=True,
                       capture_output=True, timeout=120)

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@/{database}?host={self.folder}&port={self.port}"

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self) -> str:
        """A new empty database's URL (no newsweave tables: opening it migrates it)."""
        self.count += 1
        name = f"corpus_{self.count}"
        self.admin(f"CREATE DATABASE {name} STRATEGY FILE_COPY")
        return self.url(name)

    def copy_database(self, url: str) -> str:
        """A new database holding a copy of another's (which nobody may be connected to)."""
        self.count += 1
        name = f"corpus_{self.count}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {self.database(url)} STRATEGY FILE_COPY")
        return self.url(name)

    @staticmethod
    def database(url: str) -> str:
        return url.split("?")[0].rsplit("/", 1)[1]

    def drop_database(self, url: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {self.database(url)} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.folder / "data", "-m", "immediate", "-w", "stop")
        finally:
            self._shutil.rmtree(self.folder, ignore_errors=True)


def postgres_bindir() -> Path | None:
    """Where Debian's (or any) PostgreSQL server programs are: pg_config's, else the newest /usr/lib/postgresql/N/bin."""
    import shutil

    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip()
        if found and (Path(found) / "initdb").exists():
            return Path(found)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server; the tests that need it skip, with the reason, where none is installed."""
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server programs (initdb) installed: scripts/test installs Debian's postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    try:
        server = PostgresServer(bindir)
    except KeyError:  # pwd.getpwnam: running as root, with nobody to run initdb as
        pytest.skip("the tests run as root and there is no `postgres` user to run initdb as")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_db(postgres_server):
    """A fresh, empty PostgreSQL database's URL for one test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def corpus_db(request, tmp_path):
    """Where a test's corpus lives, on each backend: a new SQLite file's path, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return tmp_path / "news.db"
    return request.getfixturevalue("postgres_db")


def is_postgres(db) -> bool:
    return isinstance(db, str) and db.startswith("postgresql://")


def query(db, sql: str, params=()) -> list[tuple]:
    """Run one statement (`?` placeholders) on a corpus of either backend, committed; its rows."""
    if is_postgres(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            cursor = conn.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
