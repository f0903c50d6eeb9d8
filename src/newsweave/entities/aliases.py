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
    """Every name in the table, to find the ones the NER model misses ("ISIL/The Islamic State").

    Names written in capitals must appear in capitals ("US", never "us").
    """
    names = sorted({name for _, *names in _rows() for name in names}, key=len, reverse=True)
    alternatives = [re.escape(n) if n.isupper() or "." in n else "(?i:" + re.escape(n) + ")" for n in names]
    return re.compile(r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w-]|\.\w)")


def _rows() -> list[list[str]]:
    text = resources.files("newsweave.entities").joinpath("aliases.tsv").read_text(encoding="utf-8")
    return [
        [cell.strip() for cell in line.split("\t") if cell.strip()]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]
