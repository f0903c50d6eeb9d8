"""The model's attribute rules (coarse POS, morphology, a few lemmas), looked up instead of matched.

en_core_web_sm's `attribute_ruler` holds 179 rules whose patterns test a
token's lower-cased word, fine tag, dependency label or whether it is a space,
and are nearly all one token long. spaCy's Matcher tries every pattern at every
token, which made the ruler a fifth of the parse of a ten-report cluster.
`AttributeRules` takes the same rules over and files each under a value its
first token must have, so a token is checked only against the few rules it may
meet. Rules are applied in the ruler's order (a later rule wins), so every
token gets what the ruler would give it; tests/test_annotate.py compares the
two parses. A pattern this module cannot read (a repeat operator, another
attribute) leaves the ruler in place.
"""

import re
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FACTORY = "newsweave_attribute_rules"

# What a pattern may test, in the order of `_values`; rules are filed under the first three, the word first
# because it is the rarest.
_ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")
_Values = tuple[str, str, str, bool]
_Condition = tuple[int, str, Any]  # (position in _ATTRIBUTES, operator, value)
_Pattern = list[list[_Condition]]  # the conditions on each token of a fixed-length pattern
_Rule = tuple[int, _Pattern]  # (the rule's number in the ruler, one of its patterns)
_Compiled = tuple[int, int, int, tuple[tuple[int, int, str, Any], ...]]  # see _compiled


def _values(token: Token) -> _Values:
    return token.lower_, token.tag_, token.dep_, token.is_space


class AttributeRules:
    """A stand-in for an `AttributeRuler`, whose rules it takes over with `take_over`."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.filed: tuple[dict[Any, list[_Compiled]], ...] = (defaultdict(list), defaultdict(list), defaultdict(list))
        self.anywhere: list[_Compiled] = []

    @staticmethod
    def can_take_over(ruler: AttributeRuler) -> bool:
        return all(_pattern(pattern) is not None for _, pattern in _patterns(ruler))

    def take_over(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        for rule, pattern in _patterns(ruler):
            conditions = _pattern(pattern)
            assert conditions is not None, "checked by can_take_over"
            self._file((rule, conditions))

    def _file(self, rule: _Rule) -> None:
        """File the rule under a value its first token must have, without the test that value passes."""
        number, pattern = rule
        first = pattern[0]
        for position, table in enumerate(self.filed):
            for condition in first:
                if condition[0] == position and condition[1] in ("==", "in"):
                    rest = [[c for c in first if c is not condition], *pattern[1:]]
                    for value in [condition[2]] if condition[1] == "==" else condition[2]:
                        table[value].append(_compiled(number, rest, self.indices[number]))
                    return
        self.anywhere.append(_compiled(number, pattern, self.indices[number]))

    def __call__(self, doc: Doc) -> Doc:
        # Every rule is matched before any is applied, as the ruler does; a rule reads words, tags and
        # dependencies, which no rule changes, so the order of application only decides which value wins.
        tokens = list(doc)
        values = [_values(token) for token in tokens]
        size = len(values)
        by_word, by_tag, by_dependency = self.filed
        found: dict[int, set[int]] = defaultdict(set)
        for start, first in enumerate(values):
            for rule, length, target, checks in (*by_word.get(first[0], ()), *by_tag.get(first[1], ()),
                                                 *by_dependency.get(first[2], ()), *self.anywhere):
                if start + length <= size and all(
                    _holds(values[start + offset][position], operator, value) for offset, position, operator, value in checks
                ):
                    found[start + target].add(rule)
        for i, rules in found.items():
            for rule in sorted(rules):
                set_token_attrs(tokens[i], self.attrs[rule])
        return doc


# Defined after the class, with evaluated annotations: the config system of older spaCy releases (confection
# 0.1, which spaCy 3.8.7 uses) validates a factory's arguments by their annotations and cannot read
# postponed ones ("field nlp not yet prepared").
@Language.factory(FACTORY)
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp.vocab)


def _compiled(rule: int, pattern: _Pattern, index: int) -> _Compiled:
    """(rule, pattern length, the token it sets as an offset from the start, each test as (offset, attribute, operator, value))."""
    checks = tuple((offset, *condition) for offset, token in enumerate(pattern) for condition in token)
    return rule, len(pattern), index if index >= 0 else len(pattern) + index, checks


def _patterns(ruler: AttributeRuler) -> list[tuple[int, list[dict]]]:
    """Each Matcher pattern of the ruler, with the number of its rule (the ruler applies rules in that order)."""
    return [(rule, pattern) for rule, entry in enumerate(ruler.patterns) for pattern in entry["patterns"]]  # type: ignore[union-attr,misc]


def _pattern(pattern: list[dict]) -> _Pattern | None:
    """A Matcher pattern as conditions on each of its tokens, or None if it is not a fixed run of tests
    on the attributes above (exact values, IN, NOT_IN, REGEX)."""
    tokens = []
    for token in pattern:
        conditions: list[_Condition] = []
        for attribute, value in token.items():
            if attribute not in _ATTRIBUTES:
                return None  # a repeat operator ("OP") or an attribute this module does not read
            position = _ATTRIBUTES.index(attribute)
            if not isinstance(value, dict):
                conditions.append((position, "==", value))
                continue
            if len(value) != 1:
                return None
            ((operator, argument),) = value.items()
            if operator in ("IN", "NOT_IN"):
                conditions.append((position, operator.lower().replace("_", " "), frozenset(argument)))
            elif operator == "REGEX":
                conditions.append((position, "regex", re.compile(argument)))
            else:
                return None
        tokens.append(conditions)
    return tokens or None


def _holds(actual: str | bool, operator: str, value: Any) -> bool:
    if operator == "==":
        return bool(actual == value)
    if operator == "in":
        return actual in value
    if operator == "not in":
        return actual not in value
    return bool(value.search(actual))  # a REGEX, searched as spaCy's Matcher does
