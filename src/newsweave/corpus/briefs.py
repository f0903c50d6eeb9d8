"""Briefs of stored stories, made when asked and cached until the story changes.

The cache is keyed by the story's version (bumped whenever an article joins),
the settings and the newsweave version, so a stale brief is never served.
Briefs are pickled; loading allows only newsweave's own classes and a few
plain builtins, so a tampered cache cannot run code, and anything that does
not load is simply briefed again.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import zlib

from newsweave.errors import InputError
from newsweave.settings import Settings

_SAFE_GLOBALS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "tuple"),
    ("builtins", "list"),
    ("builtins", "dict"),
    ("builtins", "complex"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


def brief_story(store, story_id: int, settings: Settings | None = None):
    """The `newsweave.Brief` of a stored story, from the cache when the story has not changed since."""
    from newsweave.pipeline import Brief, build_story

    settings = settings or Settings()
    story = store.story(story_id)
    if story is None or not story["articles"]:
        raise InputError(f"story {story_id}: no such story in {getattr(store, 'path', 'the corpus')}")
    key = f"{settings_key(settings)}:{story['version']}"
    cached = store.cached_brief(story_id, key)
    if cached is not None:
        try:
            return _load(cached)
        except Exception:  # written by another newsweave version, or damaged: brief it again
            pass
    documents = store.story_documents(story_id)
    result = Brief(build_story(documents, settings), settings)
    try:
        data = _dump(result)
    except Exception:  # a layer that cannot be pickled only costs the cache
        return result
    store.cache_brief(story_id, key, data)
    return result


def settings_key(settings: Settings) -> str:
    import newsweave

    return hashlib.sha256(f"{newsweave.__version__}|{settings!r}".encode()).hexdigest()[:16]


def _dump(result) -> bytes:
    """The brief without the story's working layers (spaCy parses, similarity matrices: fields with repr=False),
    which renderers do not read and which are most of the bytes."""
    import dataclasses

    working = {f.name: f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
               for f in dataclasses.fields(result.story) if not f.repr}
    slim = dataclasses.replace(result, story=dataclasses.replace(result.story, **working))
    return zlib.compress(pickle.dumps(slim, protocol=pickle.HIGHEST_PROTOCOL))


class _NewsweaveUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "newsweave" or module.startswith("newsweave.") or (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in a cached brief")


def _load(data: bytes):
    return _NewsweaveUnpickler(io.BytesIO(zlib.decompress(data))).load()
