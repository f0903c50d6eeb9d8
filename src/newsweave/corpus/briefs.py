"""Briefs of stored stories, made when asked and cached until the story changes.

The cache holds each brief as its JSON (schema newsweave.brief/1, zlib-compressed),
the same plain data `newsweave brief --format json` prints, and rebuilds the
`Brief` from it with `render.restore.brief_from_dict`. A corpus file may come
from anyone, so the cache is never a code-running format (it used to be pickle):
a row that does not decompress, parse, validate, or match the story's stored
articles is ignored and the story briefed again.

The key holds the story's version (bumped whenever an article joins), the
settings, the installed newsweave's version and the cache format, so a stale
brief, or one from another release, is never used.

Who writes it: a store opened read-write (`newsweave brief --db` on a corpus
file it may write, `open_store(path)`); a read-only store (`readonly=True`,
`newsweave serve --db`) reads cached briefs but never writes one.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
import zlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import newsweave.pipeline as pipeline  # the module: build_story is looked up when a story is briefed
from newsweave.brief import Brief
from newsweave.errors import InputError
from newsweave.render.restore import brief_from_dict
from newsweave.settings import Settings

# Part of every key: a row written in an older format (the pickles before it) never matches.
CACHE_FORMAT = "json-1"
# A cached brief is its reports' text plus what cites it: one inflating past this is not one
# (a zlib bomb in a shared file), and decompressing stops there.
BASE_CACHED_BYTES = 16 * 1024 * 1024
CACHED_BYTES_PER_CHARACTER = 40


def brief_story(store, story_id: int, settings: Settings | None = None):
    """The `newsweave.Brief` of a stored story, from the cache when the story has not changed since."""
    settings = settings or Settings()
    story = store.story(story_id)
    if story is None or not story["articles"]:
        raise InputError(f"story {story_id}: no such story in {getattr(store, 'path', 'the corpus')}")
    key = settings_key(settings)
    documents = store.story_documents(story_id)
    cached = store.cached_brief(story_id, key)
    if cached is not None:
        restored = restore_brief(cached, settings, documents)
        if restored is not None:
            return restored
    result = Brief(pipeline.build_story(documents, settings), settings)
    data = dump_brief(result, documents)
    if data is not None:
        store.cache_brief(story_id, key, data)
    return result


def settings_key(settings: Settings) -> str:
    return hashlib.sha256(f"{CACHE_FORMAT}|{package_version()}|{settings!r}".encode()).hexdigest()[:16]


@cache  # the installed version cannot change under a running process; reading it scans sys.path
def package_version() -> str:
    """The installed newsweave's version, so upgrading newsweave retires every cached brief."""
    try:
        return version("newsweave")
    except PackageNotFoundError:  # run from a source tree that was never installed: its pyproject.toml's
        try:
            with open(Path(__file__).resolve().parents[3] / "pyproject.toml", "rb") as file:
                return f"{tomllib.load(file)['project']['version']}+source"
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown+source"


def dump_brief(result, documents) -> bytes | None:
    """The brief as cached, or None when its JSON would not rebuild it exactly.

    A layer the JSON does not hold yet (a stage newer than render/restore.py)
    would make a cached brief read differently from a fresh one: such a brief
    is not cached rather than served changed.
    """
    try:
        data = zlib.compress(json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except (TypeError, ValueError):  # a layer that is not plain data only costs the cache
        return None
    restored = restore_brief(data, result.settings, documents)
    if restored is None or any(getattr(restored, f)() != getattr(result, f)() for f in ("to_json", "to_markdown", "to_html")):
        return None
    return data


def restore_brief(data: bytes, settings: Settings, documents) -> object | None:
    """The cached brief, or None when the row is not a valid brief of exactly these documents."""
    limit = BASE_CACHED_BYTES + CACHED_BYTES_PER_CHARACTER * sum(len(d.text) for d in documents)
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(bytes(data), limit)
        if inflater.unconsumed_tail or not inflater.eof:
            return None
        return brief_from_dict(json.loads(raw), settings, documents)
    except Exception:  # damaged, tampered with, or an older format: it only costs briefing the story again
        return None
