"""The model's attribute rules (coarse POS, morphology, a few lemmas), looked up instead of matched.

en_core_web_sm's `attribute_ruler` holds 179 rules whose patterns test a
token's lower-cased word, fine tag, dependency label or whether it is a space,
and are nearly all one token long. spaCy's Matcher tries every pattern at every
token, which made the ruler a fifth of the parse of a ten-report cluster.
`AttributeRules` takes the same rules over. What the one-token rules give a
token depends only on its (word, tag, dependency, is-space) values, and the
word matters only if some rule names it or one of their regular expressions
matches it; so the rules are matched once per such combination (checking only
the rules filed under its word, tag or dependency) and remembered, together
with their attributes merged in the ruler's order (a later rule wins). The few
longer patterns are checked where their first token matches. The attributes
are then written in one `Doc.from_array`, so every token gets what the ruler
would give it; tests/test_annotate.py compares the two parses. A pattern this
module cannot read (a repeat operator, another attribute), or a rule that sets
something other than a token's lemma, POS, tag, morphology or dependency,
leaves the ruler in place.
"""

import re
from collections import defaultdict
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.symbols import IDS  # type: ignore[import-not-found]  # a compiled module without stubs
from spacy.tokens import Doc
from spacy.vocab import Vocab

FACTORY = "newsweave_attribute_rules"

# What a pattern may test, in the order of a token's key (`_Key`); rules are filed under the first three, the
# word first because it is the rarest.
_ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")
_READ: list[int | str] = list(_ATTRIBUTES)
# What a rule may set: fields of the token alone, which `Doc.to_array` reads and `Doc.from_array` writes back
# exactly (a lexeme's attribute or an extension would not be).
_SETTABLE = frozenset(IDS[name] for name in ("LEMMA", "POS", "TAG", "MORPH", "DEP"))
# Remembered word classes and keys past which the memory starts afresh: a server briefs story after story.
_MEMORY = 100_000
_Key = tuple[int, int, int, int]  # a token's (word class, tag, dependency, is-space) as hashes; see `_word_class`
_Values = tuple[str | None, str, str, bool]  # the same as strings; None is a word no rule looks at
_Condition = tuple[int, str, Any]  # (position in _ATTRIBUTES, operator, value)
_Pattern = list[list[_Condition]]  # the conditions on each token of a fixed-length pattern
_Rule = tuple[int, _Pattern]  # (the rule's number in the ruler, one of its patterns)
_Compiled = tuple[int, int, int, tuple[tuple[int, int, str, Any], ...]]  # see _compiled
_Longer = tuple[int, int, int, _Pattern]  # (rule, pattern length, the token it sets, conditions per token)


class AttributeRules:
    """A stand-in for an `AttributeRuler`, whose rules it takes over with `take_over`."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        # One-token patterns, filed under a value their token must have (see `_file`), or anywhere.
        self.filed: tuple[dict[Any, list[_Compiled]], ...] = (defaultdict(list), defaultdict(list), defaultdict(list))
        self.anywhere: list[_Compiled] = []
        self.longer: list[_Longer] = []
        self.words: set[str] = set()  # every word a pattern names
        self.word_patterns: list[re.Pattern] = []  # every regular expression a pattern tests the word with
        self.columns: list[int | str] = []  # what the rules set, in the order of `Doc.to_array`'s columns
        # Memory: word hash -> word class; key -> (combination of one-token rules, longer patterns it may start).
        self._word_classes: dict[int, int] = {}
        self._keys: dict[_Key, tuple[int, tuple[int, ...]]] = {}
        # Each combination of rules a token met, numbered (0 is no rule), and what each sets (`_tables_for`).
        # Not forgotten with the rest: there are only so many combinations the rules make.
        self._combinations: dict[tuple[int, ...], int] = {(): 0}
        self._combination_rules: list[tuple[int, ...]] = [()]
        self._tables: tuple[numpy.ndarray, numpy.ndarray] | None = None

    @staticmethod
    def can_take_over(ruler: AttributeRuler) -> bool:
        patterns = _patterns(ruler)
        return (
            all(_pattern(pattern) is not None for _, pattern in patterns)
            and all(set(attrs) <= _SETTABLE for attrs in ruler.attrs)
            # An index outside its pattern is the ruler's error to raise.
            and all(-len(pattern) <= ruler.indices[rule] < len(pattern) for rule, pattern in patterns)
        )

    def take_over(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.columns = sorted({attribute for attrs in self.attrs for attribute in attrs})
        for rule, pattern in _patterns(ruler):
            conditions = _pattern(pattern)
            assert conditions is not None, "checked by can_take_over"
            for token in conditions:
                for position, operator, value in token:
                    if position == 0 and operator == "regex":
                        self.word_patterns.append(value)
                    elif position == 0:
                        self.words.update([value] if operator == "==" else value)
            if len(conditions) == 1:
                self._file((rule, conditions))
            else:
                index = self.indices[rule]
                self.longer.append((rule, len(conditions), index if index >= 0 else len(conditions) + index, conditions))

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
        # Every rule is matched before any is applied, as the ruler does (a rule may set a tag or dependency
        # another reads); which rule is applied last only decides which value wins.
        if not len(doc) or not self.columns:
            return doc
        if len(self._keys) > _MEMORY or len(self._word_classes) > _MEMORY:
            self._keys.clear()
            self._word_classes.clear()
        word_classes, known = self._word_classes, self._keys
        keys: list[_Key] = []
        combinations: list[int] = []
        first_tokens: list[tuple[int, tuple[int, ...]]] = []  # (token, the longer patterns it may start)
        for word, tag, dependency, space in doc.to_array(_READ).tolist():
            word_class = word_classes.get(word)
            key = (self._word_class(word) if word_class is None else word_class, tag, dependency, space)
            combination, starts = known.get(key) or self._look_up(key)
            if starts:
                first_tokens.append((len(keys), starts))
            keys.append(key)
            combinations.append(combination)
        for start, starts in first_tokens:
            for rule, length, target, conditions in (self.longer[number] for number in starts):
                if start + length <= len(keys) and all(
                    _token_holds(self._values(keys[start + offset]), conditions[offset]) for offset in range(1, length)
                ):
                    token = start + target
                    combinations[token] = self._combination({*self._combination_rules[combinations[token]], rule})
        sets, values = self._tables_for(max(combinations))
        at = numpy.array(combinations, dtype=numpy.intp)
        written = numpy.where(sets[at], values[at], doc.to_array(self.columns))
        doc.from_array(self.columns, written)  # type: ignore[arg-type]  # the stubs ask for thinc's Ints2d, a numpy array
        return doc

    def _word_class(self, word: int) -> int:
        """The word's hash if a pattern names it or a pattern's regular expression matches it, else 0."""
        word_class = self._word_classes.get(word)
        if word_class is None:
            text = self.vocab.strings[word]
            looked_at = text in self.words or any(pattern.search(text) for pattern in self.word_patterns)
            word_class = self._word_classes[word] = word if looked_at else 0
        return word_class

    def _values(self, key: _Key) -> _Values:
        word, tag, dependency, space = key
        strings = self.vocab.strings
        return (strings[word] if word else None), strings[tag], strings[dependency], bool(space)

    def _look_up(self, key: _Key) -> tuple[int, tuple[int, ...]]:
        """The combination of one-token rules a token with this key meets, and the longer patterns it may start."""
        values = self._values(key)
        by_word, by_tag, by_dependency = self.filed
        rules = {
            rule
            for rule, _, _, checks in (
                *(by_word.get(values[0], ()) if values[0] is not None else ()),
                *by_tag.get(values[1], ()),
                *by_dependency.get(values[2], ()),
                *self.anywhere,
            )
            if all(_holds(values[position], operator, value) for _, position, operator, value in checks)
        }
        starts = tuple(number for number, (_, _, _, conditions) in enumerate(self.longer) if _token_holds(values, conditions[0]))
        found = self._keys[key] = (self._combination(rules), starts)
        return found

    def _combination(self, rules: set[int]) -> int:
        ordered = tuple(sorted(rules))
        number = self._combinations.get(ordered)
        if number is None:
            # Listed before it is numbered: a number another thread finds always has its rules.
            self._combination_rules.append(ordered)
            number = self._combinations[ordered] = len(self._combination_rules) - 1
        return number

    def _tables_for(self, highest: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        """For each combination of rules up to `highest` at least, which columns it sets and to what:
        its rules' attributes in order, a later rule's value replacing an earlier one's."""
        if self._tables is not None and len(self._tables[0]) > highest:
            return self._tables
        combinations = list(self._combination_rules)
        sets = numpy.zeros((len(combinations), len(self.columns)), dtype=bool)
        values = numpy.zeros(sets.shape, dtype=numpy.uint64)
        for number, rules in enumerate(combinations):
            for rule in rules:
                for attribute, value in self.attrs[rule].items():
                    column = self.columns.index(attribute)
                    sets[number, column] = True
                    values[number, column] = value
        self._tables = sets, values
        return sets, values


# Defined after the class, with evaluated annotations: the config system of older spaCy releases (confection
# 0.1, which spaCy 3.8.6 resolves to) validates a factory's arguments by their annotations and cannot read
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


def _token_holds(values: _Values, conditions: list[_Condition]) -> bool:
    return all(_holds(values[position], operator, value) for position, operator, value in conditions)


def _holds(actual: str | bool | None, operator: str, value: Any) -> bool:
    if actual is None:  # a word no pattern names and no pattern's regular expression matches
        return operator == "not in"
    if operator == "==":
        return bool(actual == value)
    if operator == "in":
        return actual in value
    if operator == "not in":
        return actual not in value
    return bool(value.search(actual))  # a REGEX, searched as spaCy's Matcher does
