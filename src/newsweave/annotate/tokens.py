"""A report's parse as plain lists, read once, for every stage that looks token by token.

Each `doc[i]`, each step through a Span and each of `token.head` and
`token.children` makes a spaCy Token object, and the stages look at every
token many times: the features of a sentence (features.py), then its claims
(claims.py) walk the tree. So annotate reads each report's Doc once, with
`Doc.to_array`, into a `TokenTable`, and keeps it in the story's workspace
next to the Doc; the claims stage walks that same table. Reading the
attributes as arrays made the features several times faster and the claims
stage about twice as fast; one read serves both.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

import numpy
from spacy.tokens import Doc

# Parts of speech that carry content: a claim needs some of its own (claims.py).
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}

# The token attributes read, as columns of `Doc.to_array`.
_COLUMNS: list[int | str] = [
    "HEAD", "IDX", "LENGTH", "IS_ALPHA", "LIKE_NUM", "IS_STOP", "IS_PUNCT", "IS_SPACE", "IS_QUOTE",
    "LEMMA", "LOWER", "POS", "TAG", "DEP", "ENT_TYPE",
]


class TokenTable:
    """One report's token attributes as lists indexed by the Doc's token index, as `Token` gives them.

    What the Doc holds is read at once; what is worked out from it (the
    tree, content words, term lemmas) is made on first use, so a stage pays
    only for what it reads: the tree is the claims stage's alone. `lemma` is
    lowercased. Spans are token ranges [start, end), as a Span's `start` and
    `end`.
    """

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        self._array = doc.to_array(_COLUMNS)  # kept: the columns made on first use read it
        self.idx: list[int] = self._column("IDX").tolist()
        self.length: list[int] = self._column("LENGTH").tolist()
        flags = ("IS_ALPHA", "LIKE_NUM", "IS_STOP", "IS_PUNCT", "IS_SPACE", "IS_QUOTE")
        self.is_alpha, self.like_num, self.is_stop, self.is_punct, self.is_space, self.is_quote = (
            self._flag(name).tolist() for name in flags
        )
        store = doc.vocab.strings
        labels = ("LEMMA", "LOWER", "POS", "TAG", "DEP", "ENT_TYPE")
        lemma, self.lower, self.pos, self.tag, self.dep, self.ent_type = (
            _strings_of(store, self._column(name).tolist()) for name in labels
        )
        self.lemma: list[str] = [word.lower() for word in lemma]
        for i, particle in _phrasal_verbs(self.lemma, self.lower, self.head):
            self.lemma[i] = particle
        for i, verdict in _verdicts(self.lemma, self.lower, self.head, self.dep):
            self.lemma[i] = verdict

    def _column(self, name: str) -> numpy.ndarray:
        return self._array[:, _COLUMNS.index(name)]

    def _flag(self, name: str) -> numpy.ndarray:
        return self._column(name).astype(bool)

    def __len__(self) -> int:
        return len(self.idx)

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i] : self.idx[i] + self.length[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as `Span.text` gives it."""
        return self.text[self.idx[start] : self.idx[end - 1] + self.length[end - 1]] if end > start else ""

    @cached_property
    def term_lemma(self) -> list[str | None]:
        """Each token's lemma when it is a word or a number that is not a stop word nor one character
        long (what alignment compares, and a claim's terms are made of), else None."""
        alpha, like_num, stop = self._flag("IS_ALPHA"), self._flag("LIKE_NUM"), self._flag("IS_STOP")
        gives = ((alpha | like_num) & ~stop & (self._column("LENGTH") > 1)).tolist()
        return [lemma if ok else None for lemma, ok in zip(self.lemma, gives, strict=True)]

    @cached_property
    def content(self) -> list[bool]:
        """Whether each token is a word of content: a word or number of a CONTENT_POS part of speech that is
        not a stop word, or anything number-like."""
        alpha, like_num, stop = self._flag("IS_ALPHA"), self._flag("LIKE_NUM"), self._flag("IS_STOP")
        content_pos = numpy.array([pos in CONTENT_POS for pos in self.pos], dtype=bool)
        return ((content_pos & ~stop & (alpha | like_num)) | like_num).tolist()

    @cached_property
    def head(self) -> list[int]:
        """Each token's head, by index (the root is its own head)."""
        # HEAD is an offset to the head, stored unsigned: read it signed, then as an index.
        return (self._column("HEAD").astype("int64") + numpy.arange(len(self))).tolist()

    @cached_property
    def children(self) -> list[list[int]]:
        """Each token's children, in index order, as `Token.children`."""
        children: list[list[int]] = [[] for _ in self.head]
        for i, head in enumerate(self.head):
            if head != i:
                children[head].append(i)
        return children

    def subtree(self, i: int) -> list[int]:
        """Token i and its descendants in `Token.subtree`'s order: each left child's subtree, i, each right
        child's (not always index order: a parse may cross). Without recursion, which a deep parse would exhaust:
        the stack holds tokens still to expand, and ~token (negative) for a token to put out next."""
        found: list[int] = []
        stack = [i]
        while stack:
            node = stack.pop()
            children = self.children[node] if node >= 0 else None
            if not children:
                found.append(node if node >= 0 else ~node)
                continue
            left = bisect.bisect(children, node)
            stack.extend(reversed(children[left:]))
            stack.append(~node)
            stack.extend(reversed(children[:left]))
        return found


# Hash -> string of the words and labels of the parses read so far (a hash is of its string, so it is
# the same in every Vocab): a StringStore lookup makes a new str each time, and reports repeat each
# other's words, briefs each other's. Only added to, up to _STRINGS_KEPT (a long-running service meets
# many words), so a brief in another thread can read it at any time.
_STRINGS: dict[int, str] = {}
_STRINGS_KEPT = 200_000


def _strings_of(store, hashes: list[int]) -> list[str]:
    """The string of each hash, looked up in the StringStore `store` when _STRINGS lacks it."""
    missing = set(hashes).difference(_STRINGS)
    if len(_STRINGS) + len(missing) <= _STRINGS_KEPT:
        for h in missing:
            _STRINGS[h] = store[h]
        return list(map(_STRINGS.__getitem__, hashes))
    found = {h: store[h] for h in missing}
    return [found[h] if h in found else _STRINGS[h] for h in hashes]


_Kept = TypeVar("_Kept")


def kept_on(doc: Doc, key: Any, make: Callable[[], _Kept]) -> _Kept:
    """What `make()` gives, worked out once per report and kept in its Doc's `user_data` under `key`: a stage asks
    for it at each name or figure, and working it out anew each time grew with the square of a long page."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = make()
    return found


_TEXT = "newsweave.text"


def doc_text(doc: Doc) -> str:
    """The report's text, as `Doc.text` gives it, joined once per Doc: spaCy joins every token's text again on
    each `Doc.text` (a sentence of 3,000 names: seconds of a brief)."""
    return kept_on(doc, _TEXT, lambda: doc.text)


# Verbs whose particle makes another word of them, read as that word: "passed away" is "died" (the small model's
# lemma "pass" read it as a bill passed: "approve", so "Lima passed away" and "Lima died" were two facts).
# "Stepped down" is "resigned", and "shut down" "closed" (thirty-second sitting: the second blind fact probes).
_PHRASAL = {("pass", "away"): "die", ("step", "down"): "resign", ("shut", "down"): "close",
            ("call", "off"): "cancel", ("lift", "off"): "launch",  # (thirty-third sitting: a third set of fact probes)
            ("go", "up"): "rise", ("go", "down"): "fall"}  # ("borrowing costs went up by a quarter of a point")


def _phrasal_verbs(lemma: list[str], lower: list[str], head: list[int]) -> list[tuple[int, str]]:
    """(verb index, the word it reads as) for each phrasal verb of `_PHRASAL` whose particle hangs off it."""
    found = []
    for i, word in enumerate(lemma):
        if word in _VERBS_OF_PHRASES:
            for j in range(i + 1, min(i + 3, len(lemma))):
                if head[j] == i and (word, lower[j]) in _PHRASAL:
                    found.append((i, _PHRASAL[word, lower[j]]))
    return found


_VERBS_OF_PHRASES = frozenset(verb for verb, _ in _PHRASAL)


def phrasal_lemma(token) -> str:
    """A spaCy token's lower-case lemma, or the word its phrasal verb reads as (`_PHRASAL`: "went up" is "rise"), as
    `TokenTable.lemma` gives it, for the stages that read spaCy's tokens."""
    lemma = token.lemma_.lower()
    if lemma in _VERBS_OF_PHRASES:
        for child in token.children:
            if token.i < child.i <= token.i + 2 and (lemma, child.lower_) in _PHRASAL:
                return _PHRASAL[lemma, child.lower_]
    return lemma


def _verdicts(lemma: list[str], lower: list[str], head: list[int], dep: list[str]) -> list[tuple[int, str]]:
    """(verb index, the word it reads as) for each "found guilty" ("convict") and "found not guilty" ("acquit"): the
    verdict a court gives, however it is worded ("was found not guilty of misconduct", "has been acquitted of
    misconduct"). The "not" hangs off "guilty", so the finding is no denial of a conviction."""
    found = []
    for j, word in enumerate(lower):
        i = head[j]
        if word == "guilty" and i != j and lemma[i] == "find":
            denied = any(head[k] == j and dep[k] == "neg" for k in range(max(0, j - 3), j))
            found.append((i, "acquit" if denied else "convict"))
    return found
