"""Cross-report resolution: which mentions name the same person, group or place.

Mentions join when they are the same name (ignoring "the", case and full
stops), well-known aliases of one thing (aliases.tsv), an acronym and its full
name ("WSJ", "Wall Street Journal"), a surname and the one full name that ends
in it ("Abaaoud" → "Abdelhamid Abaaoud"), "the Journal" and the one
organisation whose name ends in it, near-identical spellings ("Hussian" /
"Hussain", "Jabalia" / "Jebaliya") or the same words in another order ("CIA World
Factbook" / "World CIA Fact Book"), which are kept as variants so the brief can
report them. Two people named in full are never joined for sharing a surname.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz.distance import OSA

from newsweave.entities.aliases import alias_key, lookup
from newsweave.entities.mentions import AP_STATES, NAME_WORDS, after_a_town
from newsweave.quantities import TITLES
from newsweave.story import Entity, Evidence, Mention
from newsweave.union_find import UnionFind

# Types that may name the same thing: NER often calls a country an ORG or a
# group a GPE ("Daesh"); the alias table, not the model, decides those. A
# nationality or group word (NORP: "British", "Islamist") is no organisation.
_TYPE_CLASS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place",
               "EVENT": "event", "VESSEL": "vessel"}
_FUNCTION_WORDS = {"of", "the", "and", "for", "de", "la", "al", "&"}
# The small words inside a name that writers swap without meaning another body: "of" / "for" / "on".
_LINKING_PREPOSITIONS = {"of", "for", "on"}
_VOWELS = re.compile(r"[aeiouy]+")


def resolve(mentions: list[Mention], texts: dict[str, str]) -> list[Entity]:
    """Group mentions into entities, biggest first; `texts` maps document id → text."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[_group_key(mention)].append(mention)
    merged = UnionFind(groups)
    _join_acronyms(groups, merged, texts)
    variants = _join_spellings(groups, merged)
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        clusters[merged.find(key)].append(key)
    entities = [_entity(keys, groups, variants) for keys in clusters.values()]
    entities = _attach_short_forms(_fold_possessives(entities, texts), texts)
    surnames = {_name_words(e.name)[-1] for e in entities if e.type == "PERSON" and len(_name_words(e.name)) > 1}
    for entity in entities:
        if (_place_taken_for_a_person(entity, texts) or _dateline_taken_for_an_organisation(entity, texts)
                or _town_taken_for_an_organisation(entity, texts)):
            entity.type = "GPE"
        elif _outlet_taken_for_a_person(entity):
            entity.type = "ORG"  # "the Miami Herald reported": a newspaper, not a person
        elif _plural_surname(entity, surnames):
            entity.type = "PERSON"  # "the Kellers": the family of the Dan and Fran Keller the story names
        elif _taken_for_a_person(entity, surnames):
            entity.type = Counter(m.label for m in entity.mentions if m.label != "PERSON").most_common(1)[0][0]
    order = {document: i for i, document in enumerate(texts)}
    for entity in entities:
        entity.mentions.sort(key=lambda m: (order[m.document], m.start))  # reports in input order
    entities.sort(key=_most_told_first)
    _assign_ids(entities)
    return entities


def _most_told_first(entity: Entity) -> tuple:
    return -len(entity.documents), -len(entity.mentions), entity.name


def _group_key(mention: Mention) -> str:
    state = _ap_state(mention)
    if state:
        return alias_key(state)  # "Pa." is Pennsylvania ("PA" is not)
    alias = lookup(mention.text)
    return alias_key(alias.canonical) if alias else alias_key(mention.text)


def _ap_state(mention: Mention) -> str | None:
    """The state a place's AP abbreviation stands for, with its full stop ("Pa."): None for anything else."""
    return AP_STATES.get(mention.text) if mention.label in ("GPE", "LOC", "ORG") else None


def initials(key: str) -> str:
    """The acronym a name of two words or more may go by ("federal bureau of investigation" -> "fbi"), else ""."""
    words = [w for w in key.split() if w not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _join_acronyms(groups: dict[str, list[Mention]], merged: UnionFind, texts: dict[str, str]) -> None:
    by_initials: dict[str, list[str]] = {}
    for key in groups:
        if short := initials(key):
            by_initials.setdefault(short, []).append(key)
    for key, mentions in groups.items():
        written = mentions[0].text.replace(".", "")
        # (not a name of which it is a word: "D.C." is not short for the "D.C. Council"; and a person's
        # initials stand for no organisation or place, nor a place's for a person: "D.C." is not Dave Carney)
        candidates = [c for c in by_initials.get(written.lower(), []) if written.lower() not in c.split()
                      and (_type_class(groups[c]) == "person") == (_type_class(mentions) == "person")]
        if 2 <= len(written) <= 6 and written.isupper() and len(candidates) == 1 \
                and not all(after_a_town(texts[m.document], m.start, m.end) for m in mentions):
            merged.union(candidates[0], key)



def _join_spellings(groups: dict[str, list[Mention]], merged: UnionFind) -> dict[str, str]:
    """Join near-identical spellings of one name; return variant key → main key."""
    variants: dict[str, str] = {}
    # Names in the alias table are never respelled: "Austria" is not a slip for "Australia".
    by_size = [k for k in sorted(groups, key=lambda k: (-len({m.document for m in groups[k]}), -len(groups[k]), k)) if not lookup(k)]
    # Two spellings can be one only with the same first letter ('al-Mezzeh' is filed under m) and as many
    # words, each as long but for a letter or two: each key is compared only with the later keys of its
    # block, and their letters' lengths first (a page of thousands of names compared every pair).
    blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in by_size:
        bare = _without_articles(key)
        blocks[(bare[:1], len(bare.split()))].append(key)
    letters = {key: len(same_letters(key)) for key in by_size}
    later = {key: (block, n + 1) for block in blocks.values() for n, key in enumerate(block)}
    for main in by_size:
        if main in variants:
            continue
        block, start = later[main]
        slack = 2 * len(main.split())
        for other in block[start:]:
            if (other in variants or abs(letters[other] - letters[main]) > slack
                    or merged.find(other) == merged.find(main)):
                continue
            # (the spellings first: quick to compare, and seldom alike)
            if near_identical(main, other) and _types_agree(groups[main], groups[other], min(len(main), len(other)),
                                                            len(main.split())):
                merged.union(main, other)
                variants[other] = main
            elif _prepositions_swapped(main, other) and _types_agree(groups[main], groups[other], min(len(main), len(other)),
                                                                     len(main.split())):
                merged.union(main, other)  # one body, its name misremembered: no spelling to flag
    # The same words in another order ("World CIA Fact Book", "CIA World Factbook"): any first letter.
    by_words: dict[tuple[str, ...], str] = {}
    for key in by_size:
        for words in _word_bags(key):
            main = by_words.setdefault(words, key)
            if (main != key and key not in variants and merged.find(main) != merged.find(key)
                    and _types_agree(groups[main], groups[key], min(len(main), len(key)), len(main.split()))):
                merged.union(main, key)
                variants[key] = main
    return variants


def _word_bags(key: str) -> list[tuple[str, ...]]:
    """The name's words as a bag (sorted), also with two neighbours written as one ("fact book",
    "factbook"): names of two to twelve words with a word of four letters or more, else none (the bags
    grow with the square of the words: a hostile run of thousands of capitals is no name)."""
    words = _without_articles(key).split()
    if not 2 <= len(words) <= NAME_WORDS or max(map(len, words)) < 4:
        return []
    joined = [[*words[:i], words[i] + words[i + 1], *words[i + 2:]] for i in range(len(words) - 1)]
    return [tuple(sorted(w)) for w in (words, *joined)]


def reordered(a: str, b: str) -> bool:
    """One name with its words in another order, or two of them written as one: 'luiz inacio lula da silva'
    ~ 'luiz lula inacio da silva', 'world cia fact book' ~ 'cia world factbook'."""
    return a != b and not set(_word_bags(a)).isdisjoint(_word_bags(b))


def near_identical(a: str, b: str) -> bool:
    """Same words but for a slip or a transliteration in one: 'junaid hussian' ~ 'junaid hussain'.

    Every word must match, or be a long word one or two edits away with the same
    consonants ('jabalia' ~ 'jebaliya'); so 'Hassan' and 'Hussein', 'Austria' and
    'Australia', 'Niger' and 'Nigeria' stay apart.
    """
    if a == b:
        return False
    words_a, words_b = _without_articles(a).split(), _without_articles(b).split()
    if len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b, strict=True):
        if x == y or same_letters(x) == same_letters(y):
            continue  # ('grünberg', 'grunberg': one spelling, its accent left out)
        if min(len(x), len(y)) < 5 or abs(len(x) - len(y)) > 1 or x[0] != y[0] or _inflected(x, y):
            return False
        if _consonants(x) != _consonants(y) or OSA.distance(x, y) > _slips(x, y):
            return False
    return True


def _prepositions_swapped(a: str, b: str) -> bool:
    """One name of three words or more but for the small word linking its parts: 'National Endowment of the
    Arts' / 'National Endowment for the Arts'."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or len(words_a) < 3:
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(differ) == 1 and set(differ[0]) <= _LINKING_PREPOSITIONS


def _without_articles(name: str) -> str:
    """'al-mezzeh' -> 'mezzeh': Arabic's article, written or left out by each outlet, is no spelling."""
    return _ARTICLE.sub("", name)


_ARTICLE = re.compile(r"\b(?:al|el)-(?=\w)", re.IGNORECASE)


def _slips(x: str, y: str) -> int:
    """How many edits apart two spellings of one word may be: one, two in a long word, or two in a
    word whose consonants are the very same letters, an h and a doubled letter aside ('Sarmin', 'Sarmeen':
    a vowel transliterated; 'Jeddah', 'Jidda'; 'Walled', 'Walid')."""
    if len(x) >= 7 or _same_consonants(x, y):
        return 2
    return 1


def _same_consonants(x: str, y: str) -> bool:
    def letters(word: str) -> str:
        return re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", word).replace("h", ""))

    return letters(x) == letters(y)


def _inflected(x: str, y: str) -> bool:
    """'Nepal'/'Nepali', 'House'/'Houses', 'Korea'/'Korean', 'Klansman'/'Klansmen': a word and its plural
    or demonym ('Khalifa'/'Khalifah' is one name written two ways)."""
    short, long = sorted((x, y), key=len)
    return (long.startswith(short) and long[len(short):] in _ENDINGS) or (x[:-3] == y[:-3] and {x[-3:], y[-3:]} == {"man", "men"})


_ENDINGS = {"", "s", "i", "n", "e", "es", "an", "ns"}  # plurals and demonyms, for words a letter or two apart


def slipped(a: str, b: str, shortest: int = 4) -> bool:
    """One word typed with a slip: a letter added, dropped, changed or two swapped
    ('Mullin'/'Mullins', 'Cornad'/'Conrad', 'Lehmkul'/'Lehmkuhl'); two in a long
    word ('Browne-Louis'/'Browne-Lewis'). The first letter is never the slip."""
    if min(len(a), len(b)) < shortest or a[0] != b[0] or spelling_key(a) == spelling_key(b):
        return False
    return OSA.distance(a, b) <= (2 if min(len(a), len(b)) >= 9 else 1)


def spelling_key(name: str) -> str:
    """What is the same spelling of a name, written differently: 'Grünberg' / 'Grunberg', 'O'Mara' /
    'O’Mara', 'bin Laden' / 'Bin Laden' (`same_letters`), 'al-Assad' / 'Assad', a British and an American spelling ('Centre' /
    'Center'), a Russian name's ending transliterated two ways ('Sergei' / 'Sergey'), and words written
    apart or as one ('P. W. Botha' / 'P.W. Botha', 'Super Typhoon' / 'Supertyphoon')."""
    words = [same_letters(word) for word in _without_articles(name).split()]
    return "".join(re.sub(r"(?<=\w{3})(?:re|our|ise|ey|iy)$", lambda m: _REGIONAL[m.group()], word) for word in words)


_REGIONAL = {"re": "er", "our": "or", "ise": "ize", "ey": "ei", "iy": "i"}


@lru_cache(maxsize=65536)  # asked for both words of every pair of names compared
def same_letters(name: str) -> str:
    """'Grünberg' → 'grunberg', 'O’Mara' → 'omara', 'Jon-Benet' → 'jonbenet': accents, hyphens and
    apostrophes are how a name is typeset, not how it is spelled."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalnum())


def used_in_the_plural(name: str, slip: str, evidence: list[Evidence], parses: dict) -> bool:
    """A name used in the plural, as a noun, is no spelling of it: "cited as possible Deep Throats", "two Dark
    Marks". (Its tag, or a word that counts it, tells it from a surname's slip: "Steve Mullin" / "Steve Mullins".)
    `parses`: each document's spaCy parse, by id."""
    if slip.lower() != name.lower() + "s" or not evidence:
        return False
    for where in evidence:
        doc = parses.get(where.document)
        if doc is None:
            return False
        span = doc.char_span(where.start, where.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        before = doc[span.start - 1] if span.start > 0 else None
        if span[-1].tag_ != "NNPS" and not (before is not None and (before.like_num or before.lower_ in _COUNTING)):
            return False
    return True


# Words that count what follows, and so take a plural: "possible Deep Throats", "other Dark Marks".
_COUNTING = {"possible", "potential", "other", "several", "many", "some", "both", "all", "few", "these", "those"}


def fold_slips(entities: list[Entity], slips: list[tuple[str, str, list, str, list]]) -> list[Entity]:
    """A name the name check reads as a slip of a person's (`slipped_people`: "Cornad Anker" beside "Conrad
    Anker", a lone "Klistchko" beside the story's many "Klitschko"s, whatever the model took it for) is that
    person, written another way: one person to list and link, the slip among its `variants`. (The brief says
    the reports spell one person two ways; listing two people beside that would say otherwise.)"""
    by_name = {entity.name: entity for entity in entities}
    folded: set[int] = set()
    # (the most named first: "Steve Mullin", a slip of both "Steve Mullins" and "Steve Mulin", is the first's)
    for name, slip in sorted(((name, slip) for name, _, _, slip, _ in slips),
                             key=lambda pair: -len(by_name[pair[0]].mentions) if pair[0] in by_name else 0):
        main, slipped_entity = by_name.get(name), by_name.get(slip)
        if main is None or slipped_entity is None or main is slipped_entity or {id(main), id(slipped_entity)} & folded:
            continue  # (an untagged slip is no entity: its uses are the name check's evidence only; a slip is folded once)
        main.mentions = sorted(main.mentions + slipped_entity.mentions, key=lambda m: (m.document, m.start))
        if slip not in main.variants:
            main.variants.append(slip)
        folded.add(id(slipped_entity))
    if not folded:
        return entities
    kept = sorted((entity for entity in entities if id(entity) not in folded), key=_most_told_first)
    _assign_ids(kept)
    return kept


def slipped_people(entities: list[Entity], texts: dict[str, str]) -> list[tuple[str, str, list, str, list]]:
    """One person written two ways, as (name, main spelling, its evidence, slip, its evidence).

    Two full names that differ in one slipped word ('Steve Mullins'/'Steve Mullin',
    a first name only when five letters or more, so 'Mary'/'Mark' Keller stay two);
    a lone word, whatever the model took it for, that is a slip for the surname
    of a fully named person and is written less often ('Lehmkul' for 'Kim Lehmkuhl');
    or a full name written with one word slipped that the model did not tag at all
    ('Antheyste Jarrett' for 'Antheyst Jarrett').
    """
    people = [e for e in entities if e.type == "PERSON" and len(_name_words(e.name)) >= 2]
    surnames = {_name_words(p.name)[-1] for p in people}
    found = []
    for i, j in _one_word_apart(people):
        differing = _differing_words(people[i], people[j])
        if len(differing) == 1 and slipped(differing[0][1], differing[0][2], 5 if differing[0][0] == 0 else 4):
            main, slip = _main_and_slip(people[i], people[j])
            if not _possessive(slip, main, texts):
                found.append(_written_two_ways(main, slip))
    by_initial: dict[str, list[Entity]] = defaultdict(list)  # (a slip keeps its first letter: see `slipped`)
    for person in people:
        by_initial[_name_words(person.name)[-1][:1]].append(person)
    for entity in entities:
        words = _name_words(entity.name)
        if len(words) != 1 or entity.type == "NORP" or lookup(entity.name) or words[0] in surnames:
            continue
        owners = [p for p in by_initial[words[0][:1]]
                  if len(p.mentions) > len(entity.mentions) and slipped(_name_words(p.name)[-1], words[0], 6)]
        if len(owners) == 1 and not _family(entity, _name_words(owners[0].name)[-1], texts):
            surname = owners[0].name.split()[-1].strip(",")
            found.append((owners[0].name, surname, _evidence(owners[0], _name_words(surname)[-1]),
                          entity.name, _evidence(entity)))
    found += _given_names_swapped(people, texts)
    found += _slipped_across_reports(entities, {(f[1], f[3]) for f in found})
    tagged = {(m.document, m.start) for p in people for m in p.mentions}
    for person in people:
        whole_name = re.compile(re.escape(person.name) + r"\b")
        exact = sum(len(list(_at_word_starts(whole_name, text))) for text in texts.values() if person.name in text)
        for written, evidence in _untagged_slips(person, texts).items():
            untagged = [e for e in evidence if (e.document, e.start) not in tagged]
            if untagged and len(evidence) < exact:  # the slip is the rarer spelling
                found.append((person.name, person.name, _evidence(person), written, untagged))
    return found


def _differing_words(entity: Entity, other: Entity) -> list[tuple[int, str, str]]:
    """(position, word, other's word) where two names of as many words differ."""
    return [(n, x, y) for n, (x, y) in enumerate(zip(_name_words(entity.name), _name_words(other.name), strict=True))
            if x != y]


def _main_and_slip(entity: Entity, other: Entity) -> tuple[Entity, Entity]:
    """The two ways of writing one name, the more used first: it is the name, the other the slip."""
    return (entity, other) if len(entity.mentions) >= len(other.mentions) else (other, entity)


def _written_two_ways(main: Entity, slip: Entity) -> tuple[str, str, list, str, list]:
    """A `slipped_people` entry of two whole names: (name, main spelling, its evidence, slip, its evidence)."""
    return main.name, main.name, _evidence(main), slip.name, _evidence(slip)


def _slipped_across_reports(entities: list[Entity], known: set[tuple[str, str]]) -> list[tuple[str, str, list, str, list]]:
    """A name of two words or more that one report writes with one word slipped, by two letters and its consonants
    too, where no report writes both: 'Halvard Mining' / 'Halberd Mining', 'Kessel Street' / 'Kestrel Street',
    'Tomas Reivik' / 'Tomas Reiwick'. The slipped word keeps its first three letters ('North America' is no 'North
    Africa'), is no British spelling of the other ('Recognised', 'Recognized') and no person's first name ('Sandy'
    and 'Sander' Levin; `_given_names_swapped` reads those). (Within one report, or for one word alone, such a pair
    is as often two things: 'Austria', 'Australia'; the resolver's own rule keeps the consonants.)"""
    named = [e for e in entities if e.type != "NORP" and len(_name_words(e.name)) >= 2]
    found = []
    for i, j in _one_word_apart(named):
        first, other = named[i], named[j]
        if (first.name, other.name) in known or (other.name, first.name) in known:
            continue
        differing = _differing_words(first, other)
        if len(differing) != 1:
            continue
        (at, x, y), = differing
        if (min(len(x), len(y)) < 5 or x[:3] != y[:3] or spelling_key(x) == spelling_key(y) or _inflected(x, y)
                or x.replace("s", "z") == y.replace("s", "z") or OSA.distance(x, y) > 2
                or (at == 0 and first.type == other.type == "PERSON")
                or {m.document for m in first.mentions} & {m.document for m in other.mentions}):
            continue
        found.append(_written_two_ways(*_main_and_slip(first, other)))
    return found


def _given_names_swapped(people: list[Entity], texts: dict[str, str]) -> list[tuple[str, str, list, str, list]]:
    """One person given another first name by another report: 'head coach Daniel Ferraby' in one report, 'Coach
    David Ferraby' in the other. The surname is one, no report names both, and both are given one title ('coach',
    'mayor', 'judge'): a father and his son are most often named side by side, and not by one office. Two words
    each: 'Hillary Rodham Clinton' is no 'Bill Clinton'. (Not a first name and its short form, 'Dan' and 'Daniel',
    'Sandy' and 'Sander', nor an initial.)"""
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for person in people:
        words = _name_words(person.name)
        if len(words) == 2 and len(words[0]) >= 3:
            by_surname[words[1]].append(person)
    found = []
    for namesakes in by_surname.values():
        if len(namesakes) > _NAMESAKES:
            continue  # a list of namesakes (a family, a team sheet, a hostile page), not one person misnamed
        read = [(p, _name_words(p.name)[0], {m.document for m in p.mentions}, _titles_before(p, texts)) for p in namesakes]
        for k, (person, first, documents, titles) in enumerate(read):
            for other, other_first, other_documents, other_titles in read[k + 1 :]:
                # (a first name and its short form share their first letters: 'Sandy', 'Sander')
                if first[:3] != other_first[:3] and not documents & other_documents and titles & other_titles:
                    found.append(_written_two_ways(*_main_and_slip(person, other)))
    return found


# More people of one surname than this are namesakes listed, not one person given two first names.
_NAMESAKES = 6


def _titles_before(person: Entity, texts: dict[str, str]) -> set[str]:
    """The titles written just before the person's name: 'head coach Daniel Ferraby', 'Coach David Ferraby'."""
    return {word for m in person.mentions
            for word in re.findall(r"[a-z.]+", texts[m.document][max(0, m.start - 25) : m.start].lower())[-2:]
            if word in TITLES}


def _one_word_apart(people: list[Entity]) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of names of as many words that may differ in one word only, a slip that keeps
    its first letter: found through the words they share, not by comparing every pair (a page listing thousands
    of people)."""
    shapes: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        words = _name_words(person.name)
        for n, word in enumerate(words):
            shapes[(str(len(words)), str(n), word[:1], *words[:n], *words[n + 1:])].append(i)
    return sorted({(i, j) for same in shapes.values() for k, i in enumerate(same) for j in same[k + 1:]})


def _evidence(entity: Entity, word: str | None = None) -> list:
    return [m.evidence for m in entity.mentions if word is None or word in _name_words(m.text)]


_NAME_LETTERS = "A-Za-z\u00C0-\u024F-"
_NAME_WORD = rf"[A-Z][{_NAME_LETTERS}]*"
# Patterns of names are written without their opening \b: _at_word_starts checks it.
_WORD_EDGE = re.compile(r"\b")


def _untagged_slips(person: Entity, texts: dict[str, str]) -> dict[str, list]:
    """'Antheyste Jarrett', 'American Ferrera': the person's full name with one word slipped, anywhere in the text."""
    written = [w.strip(",") for w in person.name.split()]
    words = _name_words(person.name)
    if len(written) != len(words):
        return {}
    found: dict[str, list] = {}
    for n, word in enumerate(words):
        pattern = re.compile(r"\s+".join(f"({_NAME_WORD})" if k == n else re.escape(w) for k, w in enumerate(written)) + r"\b")
        others = [w for k, w in enumerate(written) if k != n]
        for document, text in texts.items():
            if not all(w in text for w in others):
                continue  # the pattern's fixed words are not all there: no match (and no slow scan)
            found_in = _at_word_starts(pattern, text) if n else _name_word_before(pattern, text, written[1])
            for match in found_in:
                other = match.group(1).lower()
                if other + "s" == word and text[match.end():match.end() + 2] in ("'s", "’s"):
                    continue  # 'Carl Conyer's mother': the possessive of 'Conyers'
                if slipped(word, other, 5 if n == 0 else 4):
                    found.setdefault(" ".join(match.group(0).split()), []).append(Evidence(document, match.start(), match.end()))
    return found


_NAME_LETTER = re.compile(f"[{_NAME_LETTERS}]")
_CAPITAL = re.compile("[A-Z]")  # (a name's word opens with one: `_NAME_WORD`)


def _name_word_before(pattern: re.Pattern[str], text: str, following: str) -> Iterator[re.Match[str]]:
    """What `_at_word_starts(pattern, text)` finds for a pattern that opens with a name's word (`_NAME_WORD`),
    whitespace and then `following` as written: tried only at the word before each `following`, not at every
    capital of the text (a report listing thousands of people was scanned once for each of them)."""
    at = 0
    following_at = text.find(following)
    while following_at != -1:
        end = following_at
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and _NAME_LETTER.match(text, start - 1):
            start -= 1
        if end < following_at:  # (a word, then whitespace, then `following`)
            for word_start in range(max(start, at), end):
                if not _CAPITAL.match(text, word_start) or (match := pattern.match(text, word_start)) is None:
                    continue
                if _WORD_EDGE.match(text, word_start):
                    yield match
                    at = max(match.end(), word_start + 1)
                    break
                at = word_start + 1
        following_at = text.find(following, following_at + 1)


def _at_word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds with a \\b put before the pattern: its matches that start
    a word. A pattern opening with \\b is tried at every character of the text; one opening with a
    word or a capital is looked for first (much faster), and its matches checked for the \\b."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        # (`match` at a position sees the character before it: the \b is judged as in the whole text)
        if _WORD_EDGE.match(text, match.start()):
            yield match
            at = max(match.end(), match.start() + 1)
        else:
            at = match.start() + 1


def _possessive(slip: Entity, main: Entity, texts: dict[str, str]) -> bool:
    """'Carl Conyer's mother' is the possessive of 'Carl Conyers', not a second spelling."""
    if _name_words(slip.name)[-1] + "s" != _name_words(main.name)[-1]:
        return False
    return all(texts[m.document][m.end:m.end + 2] in ("'s", "’s") for m in slip.mentions)


def _fold_possessives(entities: list[Entity], texts: dict[str, str]) -> list[Entity]:
    """'Paula Blade's home' is Paula Blades's: fold such a name into the person it is the possessive of."""
    people = {tuple(_name_words(e.name)): e for e in entities if e.type == "PERSON" and len(_name_words(e.name)) >= 2}
    folded: set[int] = set()
    for words, entity in people.items():
        main = people.get((*words[:-1], words[-1] + "s"))
        if main is not None and _possessive(entity, main, texts):
            main.mentions = sorted(main.mentions + entity.mentions, key=lambda m: (m.document, m.start))
            folded.add(id(entity))
    return [e for e in entities if id(e) not in folded]


def _family(entity: Entity, surname: str, texts: dict[str, str]) -> bool:
    """'the O'Haras', 'the Kennedys': the family of the person named, not a second spelling (a headline's
    capitals, 'KARDASHIANS', need not say 'the')."""
    if _name_words(entity.name)[-1] != surname + "s":
        return False
    return all(m.text.isupper() or texts[m.document][max(0, m.start - 4) : m.start].lower() == "the " for m in entity.mentions)


@lru_cache(maxsize=65536)  # (as same_letters)
def _consonants(word: str) -> str:
    """The consonants, each once, without an h after another consonant: 'Jonathan' and 'Johnathon',
    'Jeddah' and 'Jidda', 'Khalifa' and 'Khalifah' are one skeleton (an h is how a sound was transliterated)."""
    letters = _VOWELS.sub("", word)
    return re.sub(r"(.)\1+", r"\1", letters[:1] + letters[1:].replace("h", ""))


def _types_agree(a: list[Mention], b: list[Mention], length: int, words: int) -> bool:
    """A person only matches a person. The model often takes a rare place for an
    organisation ("Jebaliya"), so a long place and organisation name may match too;
    short ones may not ("Angeles" is not "Angels"). It also takes a long foreign name
    for an organisation ("Tarek Khalifa Ourabi"), so names of three words or more of a
    person and an organisation may match."""
    classes = {_type_class(a), _type_class(b)}
    if classes == {"person", "org"}:
        # (or two words ending in one word: the model takes a rare company's name for a person's, "Quellmara
        # Biologics" in one report and "Quellmora Biologics" in another)
        return words >= 3 or (words == 2 and a[0].text.split()[-1].lower() == b[0].text.split()[-1].lower())
    # (a nationality is never a spelling of its country: 'Argentine', 'Argentina')
    return len(classes) == 1 or ("person" not in classes and "group" not in classes and length >= 7)


def _type_class(mentions: list[Mention]) -> str:
    alias = lookup(mentions[0].text)
    label = alias.type if alias else _majority_label(mentions)
    return _TYPE_CLASS.get(label, label)


# Words that put the name after them in a place: "downtown Riverton", "in Riverton".
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|downtown|outside|across|north|south|east|west|of\s+downtown)\s+$", re.IGNORECASE)


def _place_taken_for_a_person(entity: Entity, texts: dict[str, str]) -> bool:
    """A one-word 'person' no report names in full, and that some report puts a place
    word before ('downtown Riverton') or opens with as its dateline ('AUSTIN (KXAN) —'), or
    the model also tags as a place, is a place."""
    if entity.type != "PERSON" or any(len(_name_words(m.text)) > 1 for m in entity.mentions):
        return False
    if any(m.label in ("GPE", "LOC") for m in entity.mentions):
        return True
    return any(_LOCATIVE.search(texts[m.document][max(0, m.start - 20) : m.start]) or _dateline(m, texts[m.document])
               for m in entity.mentions)


def _dateline_taken_for_an_organisation(entity: Entity, texts: dict[str, str]) -> bool:
    """'ZURICH, Switzerland (AP) _': a one-word 'organisation' that opens a report as its dateline is a place."""
    return (entity.type == "ORG" and len(_name_words(entity.name)) == 1 and not lookup(entity.name)
            and any(_dateline(m, texts[m.document]) for m in entity.mentions))


# Where every mention of a one-word "organisation" stands, it is a town: "the Walgreens ... in Tamarac", "A
# Lauderhill man". ("at" and "from" are left out: "at Walgreens", "from Google".)
_IN_A_TOWN = re.compile(r"\b(?:in|near|outside|downtown)\s+$", re.IGNORECASE)
_TOWNSPERSON = re.compile(r"\s+(?:man|woman|boy|girl|resident|residents|native|couple|family|teen|teenager)\b")
_A_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


_SAT_IN = {"congress", "parliament", "cabinet", "office", "government", "court"}  # "Republicans in Congress"


def _town_taken_for_an_organisation(entity: Entity, texts: dict[str, str]) -> bool:
    if (entity.type != "ORG" or len(_name_words(entity.name)) != 1 or entity.name.lower() in _SAT_IN
            or lookup(entity.name) or _outlet_name(entity.name)):
        return False

    def placed(mention: Mention) -> bool:
        text = texts[mention.document]
        before = text[max(0, mention.start - 12) : mention.start]
        return bool(_IN_A_TOWN.search(before) or (_A_BEFORE.search(before) and _TOWNSPERSON.match(text, mention.end)))

    return all(placed(m) for m in entity.mentions)


# After a dateline's city: "AUSTIN (KXAN) —", "AUSTIN, Texas —", "AUSTIN —".
_AFTER_DATELINE = re.compile(r"\s*(?:\(|,|[—–_-])")


def _dateline(mention: Mention, text: str) -> bool:
    """The mention is the city of its report's dateline: in capitals, opening the report."""
    return (mention.text.isupper() and not text[: mention.start].strip()
            and _AFTER_DATELINE.match(text, mention.end) is not None)


_PLACES = ("GPE", "LOC", "FAC")


def _outlet_taken_for_a_person(entity: Entity) -> bool:
    """A 'person' whose name is a news outlet's own, as the outlets table writes it ("Miami Herald"; not
    "Post", which may be a surname, though the table knows it for short)."""
    return entity.type == "PERSON" and _outlet_name(entity.name)


def _outlet_name(name: str) -> bool:
    from newsweave.crosscheck.outlets import is_outlet_name  # (the cross-check package loads late)

    return is_outlet_name(name)


def _plural_surname(entity: Entity, surnames: set[str]) -> bool:
    """'Kellers', 'Kennedys' taken for an organisation: the plural of a surname of people the story names."""
    words = _name_words(entity.name)
    return entity.type in ("ORG", "NORP") and len(words) == 1 and words[0].endswith("s") and words[0][:-1] in surnames


def _taken_for_a_person(entity: Entity, surnames: set[str]) -> bool:
    """A one-word name the model calls a person in a minority of its mentions, and no person the
    story names in full has for a surname, is what most mentions say ('Facebook', an organisation):
    the third that makes a person of a surname the model misreads needs the full name to back it."""
    words = _name_words(entity.name)
    people = sum(m.label == "PERSON" for m in entity.mentions)
    return entity.type == "PERSON" and len(words) == 1 and words[0] not in surnames and people * 2 < len(entity.mentions)


def _majority_label(mentions: list[Mention]) -> str:
    """The label most mentions have; but a person if a third of them say so, as the
    model often calls a person an organisation or a place, and rarely the reverse; and a
    place rather than a group word if a third of them say so, as the model calls a small
    town before a noun a nationality ("a Millbrook woman") and a nationality seldom a place."""
    counts = Counter(m.label for m in mentions)
    if counts["PERSON"] * 3 >= len(mentions):
        return "PERSON"
    if counts["NORP"] and sum(counts[label] for label in _PLACES) * 3 >= len(mentions):
        return max(_PLACES, key=lambda label: counts[label])
    return max(counts, key=lambda label: counts[label])


def _entity(keys: list[str], groups: dict[str, list[Mention]], variants: dict[str, str]) -> Entity:
    mentions = sorted((m for k in keys for m in groups[k]), key=lambda m: (m.document, m.start))
    alias = next((lookup(m.text) for m in mentions if lookup(m.text)), None)
    state = next((_ap_state(m) for m in mentions if _ap_state(m)), None)
    if alias:
        name, label = alias.canonical, alias.type
    elif state:
        name, label = state, "GPE"
    else:
        name = _most_used_name([m for k in keys if k not in variants for m in groups[k]])
        label = _majority_label(mentions)
    spelled = [_display(groups[k][0].text) for k in keys if k in variants]
    return Entity(id="", name=name, type=label, mentions=mentions, variants=spelled)


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# The small words inside surnames: 'da Silva', 'van der Berg', 'bin Laden', 'De Niro'.
_PARTICLES = {"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "bin",
              "ibn", "ben"}
_ALSO_FIRST_NAMES = {"van", "ben"}


def _name_words(name: str) -> list[str]:
    """'Arcade Joseph Comeaux, Jr.' → ['arcade', 'joseph', 'comeaux']."""
    return list(_words_of_name(name))


@lru_cache(maxsize=65536)  # asked for every pair of names: the same few names again and again
def _words_of_name(name: str) -> tuple[str, ...]:
    # (Arabic's article is how an outlet writes the name, not part of it: 'al-Megrahi' is 'Megrahi')
    words = [_without_articles(w.strip(",\"'“”‘’()").replace("’", "'")) for w in alias_key(name).split()
             if any(c.isalnum() for c in w)]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    # 'da Silva' is a surname, not a first name and a surname: else every 'X da Silva' is one person.
    # ('Da Silva' opening a sentence too; but 'Van Morrison' and 'Ben Affleck' have first names.)
    particles = {w.lower() for i, w in enumerate(name.split())
                 if w.lower() in _PARTICLES and (i or w.islower() or w.lower() not in _ALSO_FIRST_NAMES)}
    named = [w for w in words if w not in particles]
    return tuple(named or words)


def _attach_short_forms(entities: list[Entity], texts: dict[str, str]) -> list[Entity]:
    """Fold a surname ("Abaaoud"), a first name, or "the Journal" into the full name it stands for.

    When several people share the name, each mention goes to the one its own
    report named last before it; a mention no report resolves stays apart.
    """
    entities = _fold_org_tails(_fold_partial_names(entities))
    full: dict[tuple[str, str, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        # A misspelt full name ('Marta Kowalczik') also claims its bare surname.
        for name in (entity.name, *(entity.variants if entity.type == "PERSON" else ())):
            words = _name_words(name)
            if len(words) >= 2 and entity.type in ("PERSON", "ORG", "EVENT", "VESSEL"):
                for key in ((entity.type, "last", words[-1]), (entity.type, "first", words[0])):
                    if (key[1] == "last" or entity.type == "PERSON") and entity not in full[key]:
                        full[key].append(entity)
    kept = []
    for entity in entities:
        candidates = _full_forms(entity, full, texts)
        if not candidates:
            kept.append(entity)
            continue
        unresolved: list[Mention] = []
        # The short form's spellings, its main one too: which is the slip depends on the full name it joins
        # ("Kowalczik" and "Kowalczyk", filed under the first, join "Marta Kowalczyk": the slip is "Kowalczik").
        spellings = {alias_key(v) for v in (entity.name, *entity.variants)} if entity.variants else set()
        for mention in entity.mentions:
            target = candidates[0] if len(candidates) == 1 else _named_before(mention, candidates)
            (target.mentions if target else unresolved).append(mention)
            if (target and alias_key(mention.text) in spellings and _display(mention.text) not in target.variants
                    and not set(_name_words(mention.text)) <= set(_name_words(target.name))):
                target.variants.append(_display(mention.text))  # 'Vasilades' goes with 'Christos Vasiliades'
        for target in candidates:
            target.mentions.sort(key=lambda m: (m.document, m.start))
        if unresolved:
            entity.mentions = unresolved
            kept.append(entity)
    return kept


def _fold_partial_names(entities: list[Entity]) -> list[Entity]:
    """One person written with more or fewer of their names: 'Joseph Comeaux Jr' and
    'Arcade Joseph Comeaux', or a headline's 'Ellen DeGeneres Returns'. A name joins
    the other forms of it when those are all forms of one another; two full names
    that differ ('Maria Keller', 'Thomas Keller') never join."""
    people = sorted(
        (e for e in entities if e.type == "PERSON" and len(_name_words(e.name)) >= 2),
        key=lambda e: (len(e.mentions), e.name),
    )
    folded: set[int] = set()
    # A name the story writes with two generations ('Led Zeppelin II' and 'III', two albums; 'Henry Ford II' and
    # 'III') is ambiguous bare: the bare form and the suffixed ones stay apart.
    generations: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entity in entities:  # (whatever the model tagged them: an album may be a "facility")
        generations[_without_generation(entity.name)].add(_generation(entity.name))
    ambiguous = {base for base, found in generations.items() if len(found - {""}) > 1}
    place = {id(e): n for n, e in enumerate(people)}
    sharing: dict[str, list[Entity]] = defaultdict(list)  # word → the people whose name has it (or had it)
    for entity in people:
        for word in _words_of_name(entity.name):
            sharing[word].append(entity)
    for entity in people:
        words = _name_words(entity.name)
        own = set(words)
        # (forms of one name share a word: only those are compared, not every pair of a page of thousands)
        near = sorted({id(other): other for word in own for other in sharing[word]}.values(), key=lambda e: place[id(e)])
        related = [
            other for other in near
            if other is not entity and id(other) not in folded
            and not own.isdisjoint(_words_of_name(other.name)) and _same_generation(entity.name, other.name)
            and not (_without_generation(entity.name) in ambiguous
                     and _generation(entity.name) != _generation(other.name))
            and _same_person_name(words, _name_words(other.name), nicknames=_apart(entity, other))
        ]
        # Several fuller or shorter forms of one name ('Arcade Joseph Comeaux', 'Arcade
        # Joseph Comeaux Jr'): fine if they are all forms of one another.
        consistent = all(_same_person_name(_name_words(x.name), _name_words(y.name), nicknames=_apart(x, y))
                         for x in related for y in related)
        if related and consistent:
            into = max(related, key=lambda e: len(e.mentions))
            into.mentions = sorted(into.mentions + entity.mentions, key=lambda m: (m.document, m.start))
            into.variants += entity.variants
            into.name = _most_used_name(into.mentions)
            for word in _words_of_name(into.name):
                if into not in sharing[word]:
                    sharing[word].append(into)
            folded.add(id(entity))
    return [e for e in entities if id(e) not in folded]


def _same_generation(a: str, b: str) -> bool:
    """'Henry Ford II' and 'Henry Ford III' are two men (and 'Led Zeppelin II' and 'III' two albums), though their
    names' words are the same once the suffix is set aside; 'Martin Luther King Jr.' is 'Martin Luther King'."""
    first, second = _generation(a), _generation(b)
    return first == second or not first or not second


def _without_generation(name: str) -> tuple[str, ...]:
    words = tuple(w.strip(".,").lower() for w in name.split())
    return words[:-1] if words and words[-1] in _NAME_SUFFIXES else words


def _generation(name: str) -> str:
    words = name.split()
    last = words[-1].strip(".,").lower() if words else ""
    return last if last in _NAME_SUFFIXES else ""


def _apart(a: Entity, b: Entity) -> bool:
    """No report names both: a report that writes 'Bill Clinton' and 'Robert Clinton, his cousin'
    names two men, whatever the nickname table says."""
    return {m.document for m in a.mentions}.isdisjoint(m.document for m in b.mentions)


def _same_person_name(a: list[str], b: list[str], nicknames: bool = False) -> bool:
    """'Lindsay - Lohan' ~ 'Lindsay Lohan'; 'Mark Heller' ~ 'Mark Jay Heller'; 'Fred' ~ 'Frederick';
    'Ellen DeGeneres' ~ 'Ellen DeGeneres Returns'; with `nicknames`, 'Katie Jenkin' ~ 'Kathryn Jenkin';
    never 'Maria Keller' ~ 'Thomas Keller'."""
    if a == b or _runs_inside(a, b) or _runs_inside(b, a):
        return True
    short, long = sorted((a, b), key=len)
    if short[-1] != long[-1]:
        return False
    # 'Fred LaRue' ~ 'Frederick Cheney LaRue': a first name may be short for the other, or its
    # nickname ('Katie Jenkin' ~ 'Kathryn Jenkin', 'Bill Clinton' ~ 'William Clinton').
    first_agrees = (short[0] == long[0] or (min(len(short[0]), len(long[0])) >= 3 and long[0].startswith(short[0]))
                    or (nicknames and nickname_of(short[0], long[0])))
    return first_agrees and _in_order(short[1:], long[1:])


def nickname_of(a: str, b: str) -> bool:
    """One first name is a nickname of the other ('katie', 'kathryn'), by the hand-curated English
    table of the `nicknames` package (lowercase names)."""
    table = _nicknames()
    return b in table.get(a, ()) or a in table.get(b, ())


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, set[str]]:
    from nicknames import NickNamer  # lazy: read once per process, when two names are first compared

    return NickNamer().nickname_lookup


def _in_order(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _fold_org_tails(entities: list[Entity]) -> list[Entity]:
    """'Red Sox' is the 'Boston Red Sox' when that is the one organisation ending so."""
    organisations = [e for e in entities if e.type == "ORG" and not lookup(e.name)]
    folded: set[int] = set()
    for entity in organisations:
        words = _name_words(entity.name)
        if len(words) < 2:
            continue
        longer = [o for o in organisations if id(o) not in folded and len(_name_words(o.name)) > len(words)
                  and _name_words(o.name)[-len(words):] == words]
        if len(longer) == 1:
            longer[0].mentions = sorted(longer[0].mentions + entity.mentions, key=lambda m: (m.document, m.start))
            folded.add(id(entity))
    return [e for e in entities if id(e) not in folded]


def _runs_inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _most_used_name(mentions: list[Mention]) -> str:
    """The form the reports use most among the fullest ones: 'Ellen DeGeneres', not 'DeGeneres'."""
    forms = Counter(_display(m.text) for m in mentions)
    for form in [f for f in forms if f.isupper()]:
        written = [f for f in forms if f != form and f.upper() == form]
        if written:  # a dateline's capitals ("ZURICH"), where the reports also write the name ("Zurich")
            forms[max(written, key=lambda f: forms[f])] += forms.pop(form)
    longest = max(len(f.split()) for f in forms)
    candidates = [f for f in forms if len(f.split()) >= min(2, longest)]
    return max(candidates, key=lambda f: (forms[f], len(f.split()), -len(f), f))


def _full_forms(entity: Entity, full, texts: dict[str, str]) -> list[Entity]:
    words = _name_words(entity.name)
    if len(words) != 1 or lookup(entity.name):
        return []
    # The model often calls a bare surname an ORG, a NORP or even a place ("Thompson",
    # "Klitschko", "Riva"): the full name elsewhere in the story says who it is.
    # Names the alias table knows (countries, groups) were left out above. A
    # surname spelt two ways ('Kowalczyk', 'Kowalczik') may match either way.
    if entity.type == "EVENT":
        return full.get(("EVENT", "last", words[0]), [])  # "Babs" is "Typhoon Babs"
    vessels = full.get(("VESSEL", "last", words[0]), [])
    if vessels and entity.type in ("VESSEL", "ORG", "PERSON"):
        return vessels  # "the Varuna" is the "INS Varuna" (the model takes either for a person or an organisation)
    for spelling in (words[0], *(w for v in entity.variants for w in _name_words(v)[-1:])):
        people = full.get(("PERSON", "last", spelling)) or full.get(("PERSON", "first", spelling))
        if people:
            return people
    # "the Journal", "the Angels", "Saints"; a bare "Parliament" need not be the Houses of Parliament.
    plural = words[0].endswith("s") and len(words[0]) > 3
    if plural or all(_after_the(m, texts[m.document]) for m in entity.mentions):
        return full.get(("ORG", "last", words[0]), [])
    return []


def _named_before(mention: Mention, candidates: list[Entity]) -> Entity | None:
    """The candidate its report named last before this mention, else first after it
    (a headline names the surname before the story gives the full name), else the
    one the story names overwhelmingly more often, if any."""
    in_report = [(other.start, candidate) for candidate in candidates for other in candidate.mentions
                 if other.document == mention.document and other.start != mention.start]
    before = [item for item in in_report if item[0] < mention.start]
    if before:
        return max(before, key=lambda item: item[0])[1]
    after = [item for item in in_report if item[0] > mention.start]
    if after:
        return min(after, key=lambda item: item[0])[1]
    # The report names none of them: only a person the story names far more often
    # than all the others together is taken to be meant (Tyler, not his father Gene).
    ranked = sorted(candidates, key=lambda c: len(c.mentions), reverse=True)
    others = sum(len(c.mentions) for c in ranked[1:])
    return ranked[0] if len(ranked[0].mentions) >= _DOMINANT * max(others, 1) else None


_DOMINANT = 4


def _after_the(mention: Mention, text: str) -> bool:
    return mention.text.lower().startswith("the ") or text[max(0, mention.start - 4):mention.start].lower() == "the "


@lru_cache(maxsize=4096)  # every mention's name, the same few again and again
def _display(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text)


def _assign_ids(entities: list[Entity]) -> None:
    used: Counter = Counter()
    for entity in entities:
        slug = re.sub(r"[^a-z0-9]+", "-", alias_key(entity.name)).strip("-") or "entity"
        used[slug] += 1
        entity.id = slug if used[slug] == 1 else f"{slug}-{used[slug]}"

