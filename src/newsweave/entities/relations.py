"""Links between entities: stated ones read off the dependency parse, and
co-occurrence in one sentence, kept apart and never shown as stated.

Stated links come from a clause's subject and its object or prepositional
object ("Abaaoud visited London", "Hussain was killed by a US drone strike in
Syria"), from an apposition or a copula with a noun ("Hussain, a native of
Birmingham", "a hacker for ISIS", "was a Birmingham native"). The label is the
short verb or noun phrase that links them: "visited", "was killed by",
"native of".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

import numpy as np

from newsweave.entities.mentions import PLACE_LABELS, body_copy
from newsweave.story import CO_OCCURRENCE, STATED, Entity, Evidence, Relation, Story

_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "attr", "oprd", "dative"}
_PREPOSITIONS = {"prep", "agent"}
_MODIFIERS = {"compound", "nmod", "poss"}
# "after the Paris attacks": a time, not a link to Paris.
_TIME_PREPOSITIONS = {"after", "before", "during", "since", "until", "ahead", "following", "amid"}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Where something is: what happened to a noun there happened there ("killed by a strike in Syria").
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "throughout", "into"}
# Nouns that only say what a name is: "the village of Millbrook", "the state of Texas".
_NAMING_NOUNS = {"city", "town", "village", "state", "province", "region", "county", "island", "district",
                 "neighborhood", "neighbourhood", "borough", "municipality", "republic", "kingdom", "emirate"}
_COOCCURRING_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "VESSEL"}
# How many of the names after it a name is "mentioned with" in one sentence: all of them in any sentence a
# reader would write (13 names or fewer); in a list of thousands, only its neighbours, so that a hostile page's
# one sentence does not make millions of pairs.
NEAREST_TOGETHER = 12


def find_relations(story: Story, entities: list[Entity]) -> list[Relation]:
    stated: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    together: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    by_token = _entity_tokens(story, entities)
    types = {e.id: e.type for e in entities}
    linking: dict[str, list[int]] = {}  # document id -> its tokens that may state a link (_linking_tokens)
    for sentence in story.sentences:
        doc = story.workspace.parses.get(sentence.document)
        tokens = by_token.get(sentence.document)
        if doc is None or not tokens or not body_copy(sentence):
            continue  # a caption or a slug states no link ("RTS717A A bird flies over ... Parliament")
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        if sentence.document not in linking:
            linking[sentence.document] = _linking_tokens(doc, tokens)
        candidates = linking[sentence.document]
        evidence = sentence.evidence
        inside = candidates[bisect_left(candidates, span.start) : bisect_left(candidates, span.end)]
        for source, target, label in _stated([doc[i] for i in inside], tokens, span):
            if source != target and evidence not in stated[(source, target, label)]:
                stated[(source, target, label)].append(evidence)
        present = list(dict.fromkeys(tokens[i] for i in range(span.start, span.end)
                                     if i in tokens and types[tokens[i]] in _COOCCURRING_TYPES))
        for n, first in enumerate(present):
            for second in present[n + 1 : n + 1 + NEAREST_TOGETHER]:
                pair = (first, second) if first < second else (second, first)
                if evidence not in together[pair]:
                    together[pair].append(evidence)
    relations = [Relation(s, t, label, STATED, ev) for (s, t, label), ev in stated.items()]
    relations += [Relation(a, b, "mentioned with", CO_OCCURRENCE, ev) for (a, b), ev in together.items()]
    relations.sort(key=lambda r: (r.kind != STATED, -len(r.documents), -r.weight, r.source, r.target, r.label))
    return relations


def _entity_tokens(story: Story, entities: list[Entity]) -> dict[str, dict[int, str]]:
    """document id → token index → entity id."""
    tokens: dict[str, dict[int, str]] = defaultdict(dict)
    for entity in entities:
        for mention in entity.mentions:
            doc = story.workspace.parses.get(mention.document)
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if doc is not None else None
            for i in range(span.start, span.end) if span is not None else ():
                tokens[mention.document][i] = entity.id
    return tokens


def _linking_tokens(doc, tokens: dict[int, str]) -> list[int]:
    """The indices of a report's tokens that may state a link (`_stated`): verbs with a subject, or that
    may take their head's (_subjects), and appositions to a name that name none themselves. Read off
    the Doc's arrays: a Token object per word is slow."""
    store = doc.vocab.strings
    pos, dep, head = doc.to_array(["POS", "DEP", "HEAD"]).T
    heads = head.astype("int64") + np.arange(len(doc))  # HEAD is the offset to the head
    with_subject = np.zeros(len(doc), dtype=bool)
    with_subject[heads[np.isin(dep, [store[label] for label in _SUBJECTS])]] = True
    verb = (pos == store["VERB"]) | (pos == store["AUX"])
    verbal = verb & (with_subject | (dep == store["xcomp"]) | (dep == store["conj"]))
    appos = (dep == store["appos"]) & ~verb
    head_of = heads.tolist()
    return [i for i in np.flatnonzero(verbal | appos).tolist() if verbal[i] or (head_of[i] in tokens and i not in tokens)]


def _stated(candidates, tokens: dict[int, str], span):
    """(source entity, target entity, label) for each link the clause structure states, read off the
    sentence's `candidates` (its verbs and appositions, in order; _linking_tokens)."""
    for token in candidates:
        if token.pos_ in ("VERB", "AUX"):
            if _denied_or_supposed(token):
                continue
            subjects = [e for e in _subjects(token, tokens)]
            if not subjects:
                continue
            for target, path, described in _objects(token, tokens, span):
                # "was a Birmingham native" → "native of"; "is a supplier to Europe" → "supplier to"
                label = _noun_label(path) if described else _verb_label(token, path)
                for source in subjects:
                    yield source, target, label
        elif token.dep_ == "appos" and token.head.i in tokens and token.i not in tokens:
            name = tokens[token.head.i]
            named = token.head
            if named.dep_ == "appos" and named.head.i in tokens and named.ent_type_ == named.head.ent_type_ == "GPE":
                # "Troy, Michigan, a suburb of Detroit": the town with its state, and the words describe the town
                name = tokens[named.head.i]
            if _PARTY_AND_STATE.match(token.doc[token.left_edge.i : token.i + 1].text):
                # "Rep. John Conyers, D-Mich., the senior Democrat on the Judiciary Committee": a party and a
                # state, not a role; the role, if any, is the apposition after it
                token = next((c for c in token.children if c.dep_ == "appos"), None)
                if token is None or token.i in tokens:
                    continue
            noun = _counted(token, tokens)
            if noun is None:
                continue
            if noun.lemma_.lower() in _NAMING_NOUNS and named.ent_type_ not in PLACE_LABELS:
                # no one is a state or a town: "Senator Estes Kefauver of Tennessee, Page's home state" describes
                # Tennessee (the parse hangs it on the senator)
                place = next((g for c in named.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                              for g in c.children if g.dep_ == "pobj" and g.i in tokens
                              and g.ent_type_ in ("GPE", "LOC")), None)
                if place is None:
                    continue
                name = tokens[place.i]
            for target, path in _noun_objects(noun, tokens, (_role(noun),), depth=0, kept=1):
                yield name, target, _noun_label(path)


_PARTY_AND_STATE = re.compile(r"^[DRI]\s*-\s*[A-Z][A-Za-z.]*\.?$")

# Conjunctions that make a clause a condition, and words above a clause that doubt it.
_SUPPOSING = {"if", "unless", "whether"}
_DOUBTING = {"unlikely", "doubt", "deny", "impossible"}
# Auxiliaries that make a clause a possibility: "the Red Sox might have to trade Lowell", "the tanker may head for
# Djibouti", "it can be argued that Bowe lost to Zumbrun".
_HEDGING = {"might", "may", "could", "can"}


def _denied_or_supposed(verb) -> bool:
    """A clause that denies its link or only supposes it states none: "Slaughter has not been a big fan of
    Clinton", "if a half-dozen Democrats join the Republicans", "might have to trade Lowell", "it seems unlikely ... that D'Amato is a foot
    soldier for Gingrich" (read off the relations audit's false links, benchmarks/relations_audit.py)."""
    clause = verb
    for _ in range(4):  # the clause and the clauses it is said in ("unlikely that ... convince ... that ...")
        if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in _SUPPOSING) or (c.dep_ == "aux" and c.lower_ in _HEDGING)
               or (c.dep_ in ("acomp", "oprd") and c.lemma_.lower() in _DOUBTING) for c in clause.children):
            return True  # ("it seems unlikely that ...": the doubt hangs off "seems")
        if clause.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ in _SUPPOSING for c in clause.head.children):
            return True  # "If the Saints beat Seattle and Philadelphia beats Green Bay": both only supposed
        if clause.dep_ == "conj" and clause.tag_ == "VB" and any(c.dep_ == "neg" for c in _coordinated_with(clause).children):
            return True  # "did not pull the trigger and kill Thomas": a bare verb shares the other's "did not"
        if clause.lemma_.lower() in _DOUBTING or clause.head is clause or clause.dep_ not in ("ccomp", "xcomp"):
            return clause.lemma_.lower() in _DOUBTING
        clause = clause.head
    return False


_QUANTIFIERS = {"one", "two", "three", "all", "some", "each", "both", "many", "most", "none", "several", "any", "either"}


def _counted(appositive, tokens: dict[int, str]):
    """The noun an appositive describes its head by: itself, or for a count ("Siddhartha Dhar, one of Anjem
    Choudary's right-hand men"; "Dylan Morose, 22, all of 51 Baxter Road") the noun counted, which names the link
    ("man of"), not "one of"; None when that is a name itself (an address says where, not how they are linked)."""
    if appositive.like_num and appositive.lower_ not in _QUANTIFIERS:
        return None  # "Wladimir Klitschko, 53-3, 47 KO's", "Smith, 45,": a record or an age, no link
    if appositive.lower_ not in _QUANTIFIERS:
        return appositive
    counted = next((g for c in appositive.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    return None if counted is None or counted.i in tokens else counted


def _role(noun) -> str:
    """The noun naming a link as written, hyphened words and all, with what makes it a past one: "co-founder",
    "ex-girlfriend", "former deputy" ("a former Orange County deputy" is no deputy of Orange County now)."""
    written = _as_written(noun)
    word = written[: len(written) - len(noun.lower_)] + noun.lemma_.lower()
    return f"former {word}" if any(c.dep_ == "amod" and c.lower_ == "former" for c in noun.children) else word


def _as_written(noun) -> str:
    """The noun as the sentence writes it, with the words hyphened to it: "break-in" (the parse heads it "in")."""
    doc, start = noun.doc, noun.i
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 1].whitespace_ == "" and not doc[start - 2].whitespace_:
        start -= 2
    return "".join(t.text_with_ws for t in doc[start : noun.i]).lower() + noun.lower_


def _noun_label(path: tuple[str, ...]) -> str:
    """A noun's link: 'hacker for', 'native of' (a noun alone links by 'of')."""
    return " ".join(path) if len(path) > 1 else f"{path[0]} of"


def _subjects(verb, tokens: dict[int, str]) -> list[str]:
    found = []
    has_subject = False
    for child in verb.children:
        if child.dep_ not in _SUBJECTS:
            continue
        has_subject = True
        noun = verb.head if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" else child
        if noun.dep_ == "appos" and (noun.i not in tokens or (noun.ent_type_ == "NORP" and noun.head.i in tokens)):
            # "Hussain, a hacker for ISIS who was killed": the hacker is Hussain; "John Conyers, a Democrat who
            # represents the 13th District": the Democrat is Conyers (a group word describing a name)
            noun = noun.head
        for member in [noun, *noun.conjuncts]:
            if member.i in tokens:
                found.append(tokens[member.i])
    if not has_subject and verb.dep_ in ("xcomp", "conj") and verb.head is not verb and not _controls(verb):
        return _subjects(_coordinated_with(verb), tokens)  # "Abaaoud is believed to have visited"
    return list(dict.fromkeys(found))


def _coordinated_with(verb):
    """The verb a verb shares its subject with: its head, or for a conjunct the verb its "and" hangs on when the
    parse put that "and" elsewhere ("Lynch has a job in proving that his client did not pull the trigger and, in
    the end, kill Thomas": the parse hangs "kill" on "has", but "and" on "pull", and the client is who kills)."""
    if verb.dep_ != "conj":
        return verb.head
    for token in reversed(verb.doc[verb.head.i + 1 : verb.i]):
        if token.dep_ == "cc":
            joined = token.head
            return joined if joined.pos_ in ("VERB", "AUX") and verb.head.i < joined.i < verb.i else verb.head
    return verb.head


def _controls(verb) -> bool:
    """Whether an object of the governing verb, not its subject, does the infinitive:
    "Cameron called for support to bomb ISIS", "asked him to leave"."""
    return verb.dep_ == "xcomp" and any(c.dep_ in ("dobj", "prep") and c.i < verb.i for c in verb.head.children)


def _objects(verb, tokens: dict[int, str], span):
    """(target, path, described) for each entity a verb's objects name: the path is the words from
    the verb to it ("for", "meeting", "of"); described when the verb only says what the subject
    is ("was a Birmingham native") and the path starts with that noun."""
    for child in verb.children:
        if child.dep_ in _OBJECTS and any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
            continue  # "showed no signs of life against Klitschko", "had no contact with Berg": nothing to link
        if child.dep_ in _OBJECTS:
            if verb.lemma_ == "be" and child.dep_ == "attr" and child.lower_ in _QUANTIFIERS:
                child = _counted(child, tokens) or child  # "was one of the first top Nixon aides": an aide
            described = verb.lemma_ == "be" and child.dep_ in ("attr", "pobj") and child.pos_ == "NOUN"
            path = (_role(child),) if described else ()
            found = [(target, found_path, described)
                     for target, found_path in _noun_objects(child, tokens, path, depth=0, kept=len(path))]
            if not found and child.dep_ == "dobj":
                found = [(target, (), False) for target in _listed_after_colon(child, tokens, span)]
            yield from found
        elif child.dep_ in _PREPOSITIONS and child.lower_ not in _COMPARING:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    for target, path in _noun_objects(grandchild, tokens, (child.lower_,), depth=0):
                        yield target, path, False


# A comparison links nothing: "Like Clinton, who campaigned ..., D'Amato and Schumer have defied their parties"
# says no more of D'Amato and Clinton than that they are alike.
_COMPARING = {"like", "unlike", "than"}


def _noun_objects(noun, tokens: dict[int, str], path: tuple[str, ...], depth: int, kept: int = 0):
    """(target, path) for the entities a noun phrase names: itself, its modifiers ("a US drone
    strike"), its conjuncts and appositions, and one level of its own prepositions, whose path names
    the noun they hang from ("called for a meeting of the Arab League": "for meeting of", not "of"),
    except a place's ("in Syria"), which is where the verb happened too. `kept`: how many words at the
    path's start name the link whatever follows (the noun of "a hacker for ISIS")."""
    role = _role(noun)
    if noun.i in tokens:
        yield tokens[noun.i], path
    elif not path or path[-1] not in _TIME_PREPOSITIONS:
        # a name modifying the noun is the noun's, not what the verb does to: "tied an NFL record" ties a record
        # of the NFL, "shot by an off-duty Coronado policeman" by a policeman of Coronado, "wrested it in the
        # Clinton landslide" in a landslide of Clinton's; but a place's is where it happened ("in the Birmingham
        # area" is in Birmingham), "the Lower Flats neighborhood" is Lower Flats, and "a Birmingham native" is
        # already the noun's link
        named = noun.lemma_.lower() in _NAMING_NOUNS | {"area"} or path[-1:] == (role,)
        where = bool(path) and path[-1] in _PLACE_PREPOSITIONS
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.i in tokens and child.ent_type_ != "NORP":
                # (a group word only describes the noun: "the New Hampshire Democratic primary" is no link to
                # Democrats)
                place = where and child.ent_type_ in PLACE_LABELS
                yield tokens[child.i], path if named or place else (*path, _as_written(noun), "of")
    if path and path[-1] in _TIME_PREPOSITIONS:
        return  # "arrested five days before San Diego's playoff loss at Pittsburgh": the loss was there, not the arrest
    for child in noun.children:
        if child.dep_ == "appos" and child.i in tokens and path[-1:] == (role,):
            continue  # the name beside a noun that names the link holds it: "Sarah Palin, her husband Todd" is Todd
        if child.dep_ in ("conj", "appos"):
            # another noun's own prepositions are not this path's: "a country of divisions and a
            # rivalry between Tripoli and Benghazi" says nothing of a country between them; and where the
            # noun names the link, its conjunct names its own ("a neurosurgeon and CNN's chief medical
            # reporter": reporter of CNN)
            joined = (*path[:-1], _role(child)) if path[-1:] == (role,) and child.i not in tokens \
                else path
            yield from _noun_objects(child, tokens, joined, depth if child.i in tokens else 1, kept)
        elif child.dep_ == "prep" and noun.ent_type_ not in ("DATE", "TIME"):
            lemma, preposition = noun.lemma_.lower(), child.lower_
            # (not "the Lower Flats neighborhood of Riverton", a part of the place named)
            naming = (preposition == "of" and lemma in _NAMING_NOUNS
                      and not any(c.dep_ in _MODIFIERS and c.i in tokens for c in noun.children))
            if depth >= 1 and not naming:
                continue
            if noun.i in tokens and preposition == "of":
                continue  # "survived by her sister Joyce Wallace of Georgia": where she is from, not the verb's link
            if naming:
                through = path  # "the village of Millbrook" is Millbrook, one step further or not
            elif preposition in _PLACE_PREPOSITIONS or noun.i in tokens:
                # "killed by a drone strike in Syria": killed in Syria; "met at the Alkifah Center on
                # Atlantic Avenue": met on Atlantic Avenue
                through = (*path[:kept], preposition)
            else:
                # the noun as written: "suspended talks with", not "talk with"
                through = (*path, preposition) if path[-1:] in ((lemma,), (role,)) else (*path, _as_written(noun), preposition)
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield from _noun_objects(grandchild, tokens, through, depth + (not naming), kept)


def _listed_after_colon(noun, tokens: dict[int, str], span):
    """"visited two British cities: London and Birmingham" — the parser often
    hangs the list elsewhere; the names right after the colon are the object."""
    after = [t for t in span if t.i > noun.i]
    colon = next((t for t in after if t.text == ":"), None)
    if colon is None or any(t.pos_ == "VERB" for t in after if t.i < colon.i):
        return
    listed = [t for t in after if t.i > colon.i]
    if not all(t.i in tokens or t.pos_ in ("CCONJ", "PUNCT", "SPACE") for t in listed):
        return  # a clause follows the colon, not a list of names
    seen = set()
    for token in after:
        if token.i <= colon.i or token.i not in tokens:
            continue
        if tokens[token.i] not in seen:
            seen.add(tokens[token.i])
            yield tokens[token.i]


def _verb_label(verb, path: tuple[str, ...]) -> str:
    words = [c.lower_ for c in verb.children if c.dep_ == "auxpass"]
    words.append(verb.lower_)
    words += [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([*words, *path])
