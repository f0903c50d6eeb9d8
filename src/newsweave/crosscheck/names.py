"""Name discrepancies: one person, group or place spelled in different ways by different reports.

The entity stage (entities/) resolves the mentions and keeps the near-identical
spellings it merged as an entity's `variants`; this module turns those, and the
people it kept apart for one slipped word, into `name` discrepancies.
"""

from __future__ import annotations

from bisect import bisect_left

from newsweave.entities import story_slips
from newsweave.entities.aliases import alias_key
from newsweave.entities.resolve import near_identical, reordered, spelling_key, used_in_the_plural
from newsweave.story import Discrepancy, DiscrepancyValue, Evidence, Story


def name_discrepancies(story: Story) -> list[Discrepancy]:
    """One `name` discrepancy per entity the reports spell in different ways
    ("Junaid Hussian" / "Junaid Hussain"): each spelling with where it is used."""
    discrepancies = []
    for entity in story.entities:
        if not entity.variants or entity.type == "NORP":
            continue  # ('Ukranian' misspells a nationality, not anyone's name)
        spellings: dict[str, list[Evidence]] = {}
        # (a word the name itself holds beside the word it looks like is no slip: "Angeles", tagged alone, of
        # the "Los Angeles Angels")
        slips = {slip for slip in map(alias_key, entity.variants)
                 if not _beside_its_likeness(slip, entity) and not _in_the_plural(slip, entity, story)}
        if not slips:
            continue
        for mention in entity.mentions:
            if all(len(slip.split()) == 1 for slip in slips):
                # a word folded into the full name ('Vasilades'): each use of that word, as written
                for word in (w.strip(",\"'“”‘’()") for w in mention.text.split()):
                    if _spelled(alias_key(word), slips):
                        spellings.setdefault(word, []).append(mention.evidence)
            elif _spelled(alias_key(mention.text), slips):
                spellings.setdefault(mention.text, []).append(mention.evidence)
        _fold_bare_words(spellings)
        spellings = _one_side_per_spelling(spellings)
        if len(spellings) < 2:
            continue
        values = [DiscrepancyValue(text, entity.name, evidence) for text, evidence in spellings.items()]
        discrepancies.append(Discrepancy("name", f"spelling of {entity.name}", values, confidence=0.8))
    found = []
    for discrepancy in _with_slips(discrepancies, story):
        discrepancy.values = _not_beside_another(discrepancy.values)
        if len(discrepancy.values) > 1:
            found.append(discrepancy)
    return found


def _beside_its_likeness(slip: str, entity) -> bool:
    for mention in entity.mentions:
        words = {alias_key(word) for word in mention.text.split()}
        if slip in words and any(word != slip and near_identical(word, slip) for word in words):
            return True
    return False


def _in_the_plural(slip: str, entity, story: Story) -> bool:
    """Whether every use of the spelling `slip` is the plural of another spelling of the entity's name."""
    written = [m.evidence for m in entity.mentions if alias_key(m.text) == slip]
    names = {alias_key(m.text) for m in entity.mentions}  # (each spelling once: its uses are read off the parse)
    return any(used_in_the_plural(name, slip, written, story.workspace.parses) for name in names)


def _one_side_per_spelling(spellings: dict[str, list[Evidence]]) -> dict[str, list[Evidence]]:
    """Ways of writing that are one spelling (`spelling_key`) share a side, under the way written most."""
    sides: dict[str, list[str]] = {}
    for text in sorted(spellings, key=lambda t: -len(spellings[t])):
        sides.setdefault(spelling_key(text), []).append(text)
    return {texts[0]: [e for text in texts for e in spellings[text]] for texts in sides.values()}


def _not_beside_another(values: list[DiscrepancyValue]) -> list[DiscrepancyValue]:
    """The spellings but one written only right beside another: "Klitschko! Klistchko!" (a crowd's chant, a name
    and its echo) is no way a report spells the name; written apart, it is."""
    kept = []
    for n, value in enumerate(values):
        # the other spellings' uses, looked up by place (a hostile page names one man thousands of times each way)
        others = sorted((e.document, e.start, e.end) for m, other in enumerate(values) if m != n for e in other.evidence)
        if not all(_beside(evidence, others) for evidence in value.evidence):
            kept.append(value)
    return kept


def _beside(evidence: Evidence, others: list[tuple[str, int, int]]) -> bool:
    at = bisect_left(others, (evidence.document, evidence.start - _BESIDE - _LONGEST_NAME))
    while at < len(others):
        document, start, end = others[at]
        if document != evidence.document or start > evidence.end + _BESIDE:
            return False
        if max(start, evidence.start) - min(end, evidence.end) <= _BESIDE:
            return True
        at += 1
    return False


_LONGEST_NAME = 200
_BESIDE = 3  # characters between a name and its echo: "Klitschko, Klistchko", "Klitschko! Klistchko!"


def _spelled(key: str, slips: set[str]) -> bool:
    """The name (an alias key) is one of the variant spellings: a bare surname shows no spelling
    of the full name, nor 'Price' of 'Tavin'."""
    return key in slips or any(near_identical(key, slip) or reordered(key, slip) for slip in slips)


def _fold_bare_words(spellings: dict[str, list[Evidence]]) -> None:
    """A bare 'Kowalczyk' is the spelling of 'Marta Kowalczyk': one side, not two."""
    for short in [text for text in spellings if len(text.split()) == 1]:
        longer = [text for text in spellings if len(text.split()) > 1 and text.split()[-1] == short]
        if len(longer) == 1:
            spellings[longer[0]].extend(spellings.pop(short))


def _with_slips(discrepancies: list[Discrepancy], story: Story) -> list[Discrepancy]:
    """Add people the resolver kept apart whose names differ by one slipped word ('Steve Mullin'
    / 'Steve Mullins', 'Lehmkul' / 'Kim Lehmkuhl'): each side with the mentions using its spelling;
    a person who already has a spelling discrepancy gains a side."""
    by_subject = {d.subject: d for d in discrepancies}
    slips = story.workspace.slips if story.workspace.slips is not None else story_slips(story)
    for name, main, main_evidence, slip, slip_evidence in slips:
        subject = f"spelling of {name}"
        if subject not in by_subject:
            by_subject[subject] = Discrepancy("name", subject, [DiscrepancyValue(main, name, main_evidence)], confidence=0.7)
        values = by_subject[subject].values
        if not any(v.value == slip for v in values):
            values.append(DiscrepancyValue(slip, name, slip_evidence))
    return list(by_subject.values())
