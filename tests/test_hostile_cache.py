"""A corpus file from someone else: its brief cache must never run code, nor change what a brief says.

The corpus is a real SQLite file holding the bundled example story
(examples/valley-dam-evacuation). The attack: a pickle in `brief_cache` that
calls `os.system` through a protocol-4 dotted name (`newsweave.cli` + `os.system`),
which a "newsweave.* only" unpickler let through. It must not run on
`newsweave brief --db ... --story N` nor on a page view of a read-only `serve --db`.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

import newsweave.pipeline
from newsweave.corpus import brief_story, ingest, open_store
from newsweave.corpus.briefs import settings_key
from newsweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "valley-dam-evacuation"


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return b"\x8c" + bytes([len(data)]) + data  # SHORT_BINUNICODE


def code_running_pickle(marker: Path) -> bytes:
    """A protocol-4 pickle of `newsweave.cli.os.system("touch MARKER")`, compressed as the cache stored briefs."""
    command = f"touch '{marker}'"
    opcodes = b"\x80\x04" + _text("newsweave.cli") + _text("os.system") + b"\x93" + _text(command) + b"\x85R."
    return zlib.compress(opcodes)


@pytest.fixture(scope="module")
def example_corpus(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("example") / "news.db"
    report = ingest([EXAMPLE], db=db)
    assert (report.added, report.errors) == (4, [])
    return db


@pytest.fixture
def corpus(example_corpus, tmp_path) -> tuple[Path, int]:
    """A fresh copy of the example corpus (its cache empty) and its one story's id."""
    db = tmp_path / "shared.db"
    shutil.copy(example_corpus, db)
    with open_store(db, readonly=True) as store:
        [story] = store.stories()
    return db, story["id"]


def plant(db: Path, story_id: int, data: bytes, version_of: str | None = None) -> None:
    """Write `data` as the story's cached brief under the key newsweave looks up (as a tamperer can)."""
    conn = sqlite3.connect(db)
    with conn:
        version = conn.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
        conn.execute(
            "INSERT OR REPLACE INTO brief_cache (story_id, key, brief, created) VALUES (?, ?, ?, '2026-01-01')",
            (story_id, f"{settings_key(Settings())}:{version}", data),
        )
    conn.close()


def cached_rows(db: Path) -> list[tuple[str, bytes]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT key, brief FROM brief_cache").fetchall()
    finally:
        conn.close()


def no_briefing(*args, **kwargs):
    raise AssertionError("the cached brief should have been used")


def test_the_payload_is_a_real_attack(tmp_path):
    """Control: loaded by the unpickler the cache used (any newsweave.* name), the payload runs its command."""
    import pickle

    marker = tmp_path / "control"

    class OldUnpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if module.startswith("newsweave."):
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"refusing {module}.{name}")

    import io

    OldUnpickler(io.BytesIO(zlib.decompress(code_running_pickle(marker)))).load()
    assert marker.exists()


def test_a_planted_pickle_does_not_run_on_brief_db_story(corpus, tmp_path):
    from newsweave.cli import main

    db, story_id = corpus
    marker = tmp_path / "pwned-cli"
    plant(db, story_id, code_running_pickle(marker))
    output = tmp_path / "brief.json"
    assert main(["brief", "--db", str(db), "--story", str(story_id), "--format", "json", "-o", str(output)]) == 0
    assert not marker.exists()
    brief = json.loads(output.read_text(encoding="utf-8"))
    assert len(brief["documents"]) == 4 and brief["summary"]
    # The writable corpus's cache now holds the brief as JSON, in place of the pickle.
    [(key, data)] = cached_rows(db)
    assert json.loads(zlib.decompress(data))["schema"] == "newsweave.brief/1"


def test_a_planted_pickle_does_not_run_on_a_read_only_page_view(corpus, tmp_path):
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    db, story_id = corpus
    marker = tmp_path / "pwned-web"
    plant(db, story_id, code_running_pickle(marker))
    client = TestClient(create_app(ServerConfig(db=db)))
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "Harlow Dam" in page.text
    assert not marker.exists()
    # A read-only server never writes the cache: the planted row is still there, untouched.
    assert [data for _, data in cached_rows(db)] == [code_running_pickle(marker)]


def test_a_cached_brief_renders_byte_for_byte_like_a_fresh_one(corpus, monkeypatch):
    db, story_id = corpus
    with open_store(db) as store:
        fresh = brief_story(store, story_id)
    rendered = {kind: getattr(fresh, f"to_{kind}")() for kind in ("markdown", "json", "html")}
    [(key, data)] = cached_rows(db)
    assert json.loads(zlib.decompress(data)) == json.loads(rendered["json"])  # the cache is the documented JSON

    monkeypatch.setattr(newsweave.pipeline, "build_story", no_briefing)
    for readonly in (False, True):  # a read-only store reads the cache too
        with open_store(db, readonly=readonly) as store:
            cached = brief_story(store, story_id)
        assert {kind: getattr(cached, f"to_{kind}")() for kind in rendered} == rendered
    assert [d.copy_of for d in cached.documents] == [d.copy_of for d in fresh.documents]
    assert cached.story.sentences and len(cached.story.sentences) == len(fresh.story.sentences)


def test_a_read_only_store_reads_the_cache_but_never_writes_it(corpus):
    db, story_id = corpus
    with open_store(db, readonly=True) as store:
        brief_story(store, story_id)
    assert cached_rows(db) == []
    with open_store(db) as store:
        brief_story(store, story_id)
    assert len(cached_rows(db)) == 1


def test_a_cache_row_of_another_newsweave_version_is_not_used(corpus, monkeypatch):
    import importlib.metadata

    db, story_id = corpus
    with open_store(db) as store:
        brief_story(store, story_id)
    [(old_key, _)] = cached_rows(db)

    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0.0" if name == "newsweave" else real(name))
    calls = []
    real_build = newsweave.pipeline.build_story
    monkeypatch.setattr(newsweave.pipeline, "build_story", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    with open_store(db) as store:
        brief_story(store, story_id)
    assert calls == [1]
    [(new_key, _)] = cached_rows(db)
    assert new_key != old_key


def test_a_tampered_json_brief_is_not_served(corpus, monkeypatch):
    """Valid JSON that puts invented words in the summary, or a span past its document's end, is briefed again."""
    db, story_id = corpus
    with open_store(db) as store:
        brief_story(store, story_id)
    [(_, data)] = cached_rows(db)
    good = json.loads(zlib.decompress(data))

    invented = json.loads(json.dumps(good))
    invented["summary"][0]["text"] = "The dam collapsed overnight and the valley was flooded."
    beyond = json.loads(json.dumps(good))
    beyond["facts"][0]["evidence"][0]["end"] = 10**6
    dangling = json.loads(json.dumps(good))
    dangling["relations"].append({"source": "nobody", "target": "nothing", "label": "met", "kind": "stated", "evidence": []})
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b" " * 1024 * 1024) for _ in range(64)) + packer.flush()  # 64 MiB from 64 KiB
    calls = []
    real_build = newsweave.pipeline.build_story
    monkeypatch.setattr(newsweave.pipeline, "build_story", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    for number, tampered in enumerate([invented, beyond, dangling, "not a brief", bomb], start=1):
        row = tampered if isinstance(tampered, bytes) else zlib.compress(json.dumps(tampered).encode())
        plant(db, story_id, row)
        with open_store(db, readonly=True) as store:
            brief = brief_story(store, story_id)
        assert len(calls) == number
        assert brief.to_dict()["summary"] == good["summary"]


def test_no_code_running_format_in_the_package():
    """No pickle (or its relatives) anywhere in src/: a corpus, an upload or a cache is data, never code."""
    pattern = re.compile(r"^\s*(import|from)\s+(pickle|_pickle|cPickle|dill|shelve|marshal|joblib|cloudpickle)\b|\bpickle\.", re.M)
    offenders = [str(path) for path in (ROOT / "src" / "newsweave").rglob("*.py") if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
