"""A corpus file from someone else: its brief cache must never run code, nor change what a brief says.

The corpus is a real SQLite file, or a real PostgreSQL database, holding the
bundled example story (examples/valley-dam-evacuation). The attack: a pickle in `brief_cache` that
calls `os.system` through a protocol-4 dotted name (`newsweave.cli` + `os.system`),
which a "newsweave.* only" unpickler let through. It must not run on
`newsweave brief --db ... --story N` nor on a page view of a read-only `serve --db`.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import is_postgres, query

import newsweave.pipeline
from newsweave.corpus import brief_story, ingest, open_store

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


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def example_corpus(request, tmp_path_factory):
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("example") / "news.db"
    else:
        db = request.getfixturevalue("postgres_server").create_database()
    report = ingest([EXAMPLE], db=db)
    assert (report.added, report.errors) == (4, [])
    return db


def copy_corpus(db, folder: Path, request):
    """A copy of a corpus: another file, or another database."""
    if is_postgres(db):
        return request.getfixturevalue("postgres_server").copy_database(db)
    copy = folder / "news.db"
    shutil.copy(db, copy)
    return copy


@pytest.fixture(scope="module")
def briefed_corpus(example_corpus, tmp_path_factory, request):
    """The example corpus after its story was briefed once: its cache holds the brief."""
    db = copy_corpus(example_corpus, tmp_path_factory.mktemp("briefed"), request)
    with open_store(db) as store:
        [story] = store.stories()
        brief_story(store, story["id"])
    assert len(cached_rows(db)) == 1
    return db


def _copy(db, tmp_path: Path, request) -> tuple[Path, int]:
    copy = copy_corpus(db, tmp_path, request)
    with open_store(copy, readonly=True) as store:
        [story] = store.stories()
    return copy, story["id"]


@pytest.fixture
def corpus(example_corpus, tmp_path, request) -> tuple[Path, int]:
    """A fresh copy of the example corpus (its cache empty) and its one story's id."""
    return _copy(example_corpus, tmp_path, request)


@pytest.fixture
def cached(briefed_corpus, tmp_path, request) -> tuple[Path, int]:
    """A fresh copy of the example corpus with its story's brief cached, and the story's id."""
    return _copy(briefed_corpus, tmp_path, request)


def plant(db, data: bytes) -> None:
    """Replace the cached brief with `data`, keeping the row's key: what a tamperer of a shared corpus can do."""
    assert query(db, "UPDATE brief_cache SET brief = ? RETURNING story_id", (data,)) != []
    assert len(cached_rows(db)) == 1


def cached_rows(db) -> list[tuple[str, bytes]]:
    return [(key, bytes(brief)) for key, brief in query(db, "SELECT key, brief FROM brief_cache")]


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


def test_a_planted_pickle_does_not_run_on_brief_db_story(cached, tmp_path):
    from newsweave.cli import main

    db, story_id = cached
    marker = tmp_path / "pwned-cli"
    plant(db, code_running_pickle(marker))
    output = tmp_path / "brief.json"
    assert main(["brief", "--db", str(db), "--story", str(story_id), "--format", "json", "-o", str(output)]) == 0
    assert not marker.exists()
    brief = json.loads(output.read_text(encoding="utf-8"))
    assert len(brief["documents"]) == 4 and brief["summary"]
    # The writable corpus's cache now holds the brief as JSON, in place of the pickle.
    [(_, data)] = cached_rows(db)
    assert json.loads(zlib.decompress(data))["schema"] == "newsweave.brief/1"


def test_a_planted_pickle_does_not_run_on_a_read_only_page_view(cached, tmp_path):
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    db, story_id = cached
    marker = tmp_path / "pwned-web"
    plant(db, code_running_pickle(marker))
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
    [(_, data)] = cached_rows(db)
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


def test_a_cache_row_of_another_newsweave_version_is_not_used(cached, monkeypatch):
    import newsweave.corpus.briefs

    db, story_id = cached
    [(old_key, _)] = cached_rows(db)

    monkeypatch.setattr(newsweave.corpus.briefs, "package_version", lambda: "99.0.0")
    calls = []
    real_build = newsweave.pipeline.build_story
    monkeypatch.setattr(newsweave.pipeline, "build_story", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    with open_store(db) as store:
        brief_story(store, story_id)
    assert calls == [1]
    [(new_key, _)] = cached_rows(db)
    assert new_key != old_key


def test_a_tampered_json_brief_is_not_served(cached, monkeypatch):
    """Valid JSON that puts invented words in the summary, or a span past its document's end, is briefed again."""
    db, story_id = cached
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
        plant(db, row)
        with open_store(db, readonly=True) as store:
            brief = brief_story(store, story_id)
        assert len(calls) == number
        assert brief.to_dict()["summary"] == good["summary"]


# The parallel engine hands work between its own worker processes (multiprocessing and Ray
# pickle by design); it never reads a pickle from a file, a corpus or a request.
OWN_PROCESSES_ONLY = {"engine"}


def test_no_code_running_format_where_outside_data_is_read():
    """No pickle (or its relatives) in the code that reads corpora, caches, uploads and files: they are data, never code."""
    pattern = re.compile(r"^\s*(import|from)\s+(pickle|_pickle|cPickle|dill|shelve|marshal|joblib|cloudpickle)\b|\bpickle\.", re.MULTILINE)
    package = ROOT / "src" / "newsweave"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.relative_to(package).parts[0] not in OWN_PROCESSES_ONLY and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
