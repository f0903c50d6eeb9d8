"""The curated alias table (aliases.tsv): well-known names of one thing.

"UK", "Britain" and "United Kingdom" are one country; "ISIS", "ISIL" and
"Daesh" one group. The table is plain text so anyone can extend it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsweave.annotate.features import entity_key


@dataclass(frozen=True)
class Alias:
    canonical: str
    type: str


@lru_cache(maxsize=4096)
def alias_key(name: str) -> str:
    """'the U.K.' → 'uk', 'Islamic State group' → 'islamic state group'."""
    return entity_key(name).replace(".", "")


@lru_cache(maxsize=1)
def alias_table() -> dict[str, Alias]:
    """alias key → the canonical name and its type."""
    table: dict[str, Alias] = {}
    for label, canonical, *aliases in _rows():
        entry = Alias(canonical, label)
        for name in (canonical, *aliases):
            table[alias_key(name)] = entry
    return table


def lookup(name: str) -> Alias | None:
    return alias_table().get(alias_key(name))


@lru_cache(maxsize=1)
def alias_pattern() -> re.Pattern:
    """Every name in the table, to find the ones the NER model misses ("ISIL/The Islamic State"),
    the longest that fits first.

    Names written in capitals must appear in capitals ("US", never "us").
    """
    names = {name for _, *names in _rows() for name in names}
    exact = {n for n in names if n.isupper() or "." in n}
    anycase = {n.lower() for n in names - exact}
    # (A name in any case is matched lower-cased: fine while that keeps each of its letters one letter.)
    if _one_length_fits(exact, anycase) and all(len(n.lower()) == len(n) for n in names - exact):
        # Each set as a tree (quick: see longest_first), the names in any case first.
        alternatives = f"(?i:{longest_first(anycase)})|{longest_first(exact)}"
    else:
        alternatives = "|".join(re.escape(n) if n in exact else "(?i:" + re.escape(n) + ")" for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w.-])(?:" + alternatives + r")(?![\w-]|\.\w)")


def _one_length_fits(exact: set[str], anycase: set[str]) -> bool:
    """Whether no name in any case can fit where a longer exact name does (as its first letters, up
    to a word's end): then trying the names in any case first still finds the longest that fits."""
    return not any(
        len(short) < len(long) and re.match(re.escape(short), long, re.IGNORECASE) and not re.match(r"[\w-]", long[len(short)])
        for long in exact
        for short in anycase
    )


def longest_first(words: set[str]) -> str:
    """A pattern matching any of `words`, the longest that fits first (as their alternation sorted
    longest first would), written as a tree of shared beginnings: "(?:A(?:P|FP)|B(?:BC|loomberg))".
    An alternation of many names is tried name by name at every character of a report; the tree
    takes one branch per character."""
    tree: dict = {}
    for word in words:
        node = tree
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        # Each longer way on before the word ending here: the longest word first.
        branches = [re.escape(character) + pattern(child) for character, child in sorted(node.items()) if character]
        branches += [""] if "" in node else []
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(tree)


def _rows() -> list[list[str]]:
    text = resources.files("newsweave.entities").joinpath("aliases.tsv").read_text(encoding="utf-8")
    return [
        [cell.strip() for cell in line.split("\t") if cell.strip()]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]
