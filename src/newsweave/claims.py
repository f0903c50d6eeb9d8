"""The claims stage (after annotate, before align): split each sentence into the claims it makes, off the dependency parse.

A sentence often states several facts, and another report may state only one
of them, in other words: "…the massacre which killed 130 people and injured
352…" holds "killed 130 people" and "injured 352". Reports agree on claims,
not sentences, so claims are what align groups.

A claim is a predicate with its arguments. Read off spaCy's parse (the one
annotate made; nothing is re-parsed), a sentence splits at:

- each clause: the root, verbs joined by "and" ("killed 130 and injured
  352"), finite clauses hanging off another ("…, while the other seven were
  killed"), "with X having done Y";
- relative clauses and participial modifiers, whose subject is the noun they
  describe ("Abaaoud, who was killed in a police raid", "a cell based in
  Birmingham", "the massacre which killed 130 people");
- appositives ("Abaaoud, the alleged leader of the massacre"), and what a
  report calls someone before the name ("former quarterback Dale Ostrow", kind
  "description": its words stay in the claim around it too);
- the examples after "including" ("three convictions, including a nine-month
  sentence"): reports that agree on the rest often differ on the examples;
- an event named by its month and day ("the Nov. 13 attacks", "the attacks of
  November 13", kind "dated"): when it happened, said in passing; its words stay
  in the claim around it too;
- an event named by its noun, done to what follows "of" ("Parliament's approval
  of British airstrikes", kind "nominalization"): that it happened, as "the
  airstrikes were approved" says; its words stay in the claim around it too.

"X said (that) Y" is one claim, Y, credited to X: the words of saying are the
attribution, not a fact of their own; but a speaker named with a title or an
office ("said Defense Minister Ada Lund") is a claim of its own (kind
"speaker"): two reports naming the same official so state the same role. Each claim's evidence is its own words:
a nested claim's words are cut out of its parent's span, so a claim may have
two pieces around a relative clause.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from newsweave.annotate.features import entity_key, entity_lookup, number_key
from newsweave.annotate.sentences import TITLE_ABBREVIATIONS, asked, introduces, title_case
from newsweave.annotate.tokens import TokenTable
from newsweave.load.published import month_day
from newsweave.quantities import (
    AGE,
    COUNT,
    DURATION,
    PERSON_NOUNS,
    SCORE,
    THE_SUSPECT,
    entity_around,
    find,
    measure,
    measure_key,
    word_classes,
)
from newsweave.story import BOILERPLATE, DESCRIPTIONS, NOMINAL, Claim, Sentence, Story

REPORTING = {
    "say", "tell", "report", "add", "claim", "state", "confirm", "announce", "write", "warn", "explain",
    "insist", "reveal", "allege", "note", "acknowledge", "estimate", "disclose", "quote", "suggest", "indicate",
}
MIN_CONTENT = 2  # a claim needs this many content words of its own; less stays in its parent
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_RELATIVE = {"who", "which", "that", "whom", "whose", "where"}
_PRONOUNS = {"he", "she", "him", "her", "his"}
_EDGE_WORDS = {"and", "but", "or", "while", "whereas", "as", "because", "although", "though", "so", "then", "that"}

# Words that say the same thing, mapped to one term so two reports' wordings meet.
# Written once, general news vocabulary; the predicate classes of quantities.py cover counts.
_SYNONYMS = {
    "kill": "kill killed dead die death fatality slay slain perish murder",
    "injure": "injure injured wound wounded hurt injury",
    "attack": "attack massacre assault carnage atrocity bloodshed killing rampage",
    "explosion": "explosion blast bomb bombing detonation",
    "leader": "leader ringleader mastermind head chief boss",
    "arrest": "arrest detain custody apprehend",
    "hospital": "hospital hospitalize hospitalise",
    "threat": "threat alert",
    "terrorism": "terrorism terror",
    "link": "link connection tie connect",
    "call": "call phone",
    "suspect": "suspect suspected",
    "airstrike": "airstrike strike bombing_raid",
    "gunman": "gunman shooter attacker assailant terrorist jihadi jihadist militant",
    "flee": "flee escape run",
    "say": "say tell state",
    "travel": "travel trip visit",
    "investigate": "investigate investigation probe inquiry",
    "lawsuit": "lawsuit suit sue",
    "fire": "fire blaze",
    "storm": "storm hurricane",
    "approve": "approve approval pass",
    "begin": "begin start commence",
    "marry": "marry wed",
    "found": "found establish founder",  # ("who founded the firm", "the firm's founder")
    "charge": "charge indict",
    "resign": "resign quit",  # ("said she had quit the government"; "stepped down" reads as "resign", tokens._PHRASAL)
    "flu": "flu influenza",  # ("bird flu", "avian influenza")
    "bird": "bird avian",
    "close": "close shut",  # ("Engineers have closed the bridge", "The bridge has been shut")
    "break": "break fracture",  # ("fractured his right femur", "broke his right thigh bone")
    "bankrupt": "bankrupt bankruptcy insolvent insolvency",
}
SYNONYM = word_classes(_SYNONYMS)


def term(lemma: str) -> str:
    return SYNONYM.get(lemma, lemma)


def _claim_term(lemma: str | None) -> str | None:
    """The claim term of a token's `TokenTable.term_lemma`: None for words of saying and hedging, which
    tell how a report knows a fact, not what the fact is."""
    if lemma is None or lemma in REPORTING or lemma in _HEDGING:
        return None
    return term(lemma)


class _Entity(NamedTuple):
    start: int  # token indices, as the Span's
    end: int
    label: str
    text: str
    key: str  # entity_key of the text
    last: str  # a person's: entity_key of the last word (the surname); "" for other labels


def _entities(p: TokenTable, ents) -> list[_Entity]:
    """A sentence's entity Spans, with the keys its claims read."""
    found = []
    for e in ents:
        start, end, label = e.start, e.end, e.label_
        text = p.span_text(start, end)
        last = entity_key(p.token_text(end - 1)) if label == "PERSON" else ""
        found.append(_Entity(start, end, label, text, entity_key(text), last))
    return found


def build_claims(story: Story) -> Story:
    """Fill story.claims: every sentence's claims, in document and reading order."""
    claims: list[Claim] = []
    full_names: Counter[tuple[str, str]] = Counter()  # (given name, surname): how often reports name someone so
    by_document: dict[str, list[Sentence]] = {}
    for sentence in story.sentences:
        by_document.setdefault(sentence.document, []).append(sentence)
    for document in story.documents:
        # The report's parse as annotate read it, with its Doc (without one, each sentence is one claim).
        # The table's text is the report's: annotate joins a long report's parts back into one Doc.
        table: TokenTable | None = story.workspace.token_tables.get(document.id)
        doc = table.doc if table is not None else None
        entities_in = entity_lookup(doc) if doc is not None else None
        last_person = ""
        for sentence in by_document.get(document.id, []):
            if sentence.role == BOILERPLATE or asked(sentence.text) or introduces(sentence.text):
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc is not None else None
            ents: list[_Entity] = []
            if span is not None and table is not None and entities_in is not None:
                ents = _entities(table, entities_in(span))
            found = sentence_claims(sentence, span, last_person, ents, table) if span is not None and len(span) else []
            if not found:
                found = [_whole(sentence)]
            claims.extend(c for c in found if not _wire_junk(c.text))
            if span is not None:
                people = [e for e in ents if e.label == "PERSON"]
                if people:
                    last_person = people[-1].last
                if not title_case(sentence.text):  # (a headline's capitals make names of words: "Devin Lima Dead")
                    full_names.update((e.key.split()[0], e.last) for e in people if len(e.key.split()) >= 2)
    claims = name_unnamed_ages(_by_surname(claims, full_names))
    for number, claim in enumerate(claims):
        claim.id = number
    story.claims = claims
    return story


def _whole(sentence: Sentence) -> Claim:
    return Claim(
        id=0, document=sentence.document, start=sentence.start, end=sentence.end, text=sentence.text,
        sentence=sentence, pieces=((sentence.start, sentence.end),), kind="sentence", main=True,
        terms=tuple(term(t) for t in sentence.terms), entities=sentence.entities,
        numbers=sentence.numbers,
    )


def sentence_claims(sentence: Sentence, span, last_person: str = "", ents: list[_Entity] | None = None,
                    table: TokenTable | None = None) -> list[Claim]:
    """The claims of one sentence; `ents` and `table` are the sentence's entities and the document's
    token table when the caller has them (`Span.ents` walks the whole document's entities on every call)."""
    p = table if table is not None else TokenTable(span.doc)
    ents = _entities(p, span.ents) if ents is None else ents
    start, end = span.start, span.end
    heads = _claim_heads(p, start, end)
    if not heads:
        return []
    quantities = [measure(q, p.doc) for q in find(sentence.text, sentence.document, sentence.start)]
    # a short clause is a claim when it gives someone's age: "he was 22"
    measured = {q.token for q in quantities if q.kind == AGE and measure_key(q) is not None}
    owner = _owners(p, start, end, heads, measured)
    owned: dict[int, list[int]] = {}
    for i, head in owner.items():  # in reading order
        owned.setdefault(head, []).append(i)
    # A reporting verb with reported content: the content is the claim, the saying its attribution.
    head_ids = set(heads)
    reporting = {h for h in heads if _reports(p, h, heads, head_ids)}
    claims = []
    for head in heads:
        if head in reporting:
            speaker = _speaker(p, head, start, end)
            if speaker is not None:  # "said Anaheim police Sgt. Daron Wyatt": who the source is, a fact of its own
                subject, words = speaker
                pieces = _pieces(p, words)
                if pieces:
                    claim = _claim(sentence, p, ents, subject, words, pieces, quantities, last_person)
                    claim.kind = "speaker"
                    claims.append(claim)
            continue
        tokens = owned.get(head, [])
        if p.dep[head] != "ROOT" and sum(p.content[t] for t in tokens) < MIN_CONTENT and measured.isdisjoint(tokens):
            continue
        if len(tokens) == 1 and p.like_num[tokens[0]] and measured.isdisjoint(tokens):
            continue  # a figure alone, cut off its name by the parse ("30" of "30 Rock returns"): it states nothing
        pieces = _pieces(p, tokens, measured)
        if not pieces:
            continue
        claims.append(_claim(sentence, p, ents, head, tokens, pieces, quantities, last_person))
    if not claims:
        return []
    _inherit_setting(p, claims, owner)
    for ent in ents:
        # (the small model takes many a name after a role for an organisation: "quarterback Kain Colter")
        if ent.label in ("PERSON", "ORG") and start <= ent.start and ent.end <= end:
            described = _description(sentence, p, ents, ent, quantities, last_person)
            if described is not None:
                claims.append(described)
    claims += _dated_events(sentence, p, ents, quantities, last_person)
    claims += _named_events(sentence, p, ents, quantities, last_person, range(start, end))
    claims += _ages(sentence, p, ents, quantities, last_person, claims)
    claims = _into_speakers(claims)
    # The main claim: the one highest in the tree (the root's, or what the root reports); who reports it only
    # when nothing is reported ("The ferry's owner, Brightwater Lines, said the vessel had passed ...": the passing).
    main = min((c for c in claims if c.kind not in NOMINAL),
               key=lambda c: (c.kind == "speaker", _depth(p, c.head_token), c.start))
    main.main = True
    return sorted(claims, key=lambda c: c.start)


def _inherit_setting(p: TokenTable, claims: list[Claim], owner: dict[int, int]) -> None:
    """A clause, modifier or relative clause on another clause's verb or subject that names no time or place of its
    own happened when and where that clause says. In "In February, a quake measuring 6.4 hit Zarand, killing 612",
    the 6.4 and the 612 are February's quake's, in Zarand, not Monday's elsewhere. (Not on a noun deeper in: in
    "Officials offered no word Sunday on what caused the fire that killed 60", the fire was not Sunday's.)"""
    by_head = {c.head_token: c for c in claims}
    for claim in claims:  # (in reading order: a modifier of a modifier inherits what its own head inherited)
        if claim.kind not in ("modifier", "relative", "clause") or p.dep[claim.head_token] == "ROOT":
            continue
        hung_on = p.head[claim.head_token]
        parent = by_head.get(owner.get(hung_on, -1))
        if parent is None or parent is claim or not (
                hung_on == parent.head_token
                or (p.dep[hung_on] in ("nsubj", "nsubjpass") and p.head[hung_on] == parent.head_token)):
            continue
        claim.dates = claim.dates or parent.dates
        claim.places = claim.places or parent.places


def _into_speakers(claims: list[Claim]) -> list[Claim]:
    """A description over the very words of a speaker's claim ("said chief engineer Daniel Osei") is that
    claim twice: the speaker's claim takes in whom it describes and as what. (Two claims of one sentence
    never share a group, so the one fact would be two groups.)"""
    speakers = {(c.start, c.end): c for c in claims if c.kind == "speaker"}
    kept = []
    for claim in claims:
        speaker = speakers.get((claim.start, claim.end)) if claim.kind in DESCRIPTIONS else None
        if speaker is None:
            kept.append(claim)
        else:
            speaker.subject, speaker.predicate = claim.subject, claim.predicate
    return kept


def _description(sentence: Sentence, p: TokenTable, ents: list[_Entity], person: _Entity, quantities,
                 last_person: str) -> Claim | None:
    """'Outgoing quarterback Kain Colter', 'Ukrainian journalist Vitalii Sediuk': what a report calls someone
    before naming them is a claim about them (kind "description"), as an appositive after the name is.
    Its words stay in the claim around it too: the sentence says both things at once."""
    name = person.end - 1  # the surname heads the name
    if p.pos[name] != "PROPN":
        return None  # "Indonesia's official Antara news agency": the name is not what ends the entity
    words = [t for c in p.children[name] if c < person.start and p.dep[c] in ("compound", "amod", "nmod")
             for t in p.subtree(c) if not (person.start <= t < person.end)]
    role = max((t for t in words if p.pos[t] == "NOUN" and _claim_term(p.term_lemma[t]) is not None), default=None)
    if role is None:
        return None
    tokens = sorted(set(words) | set(range(person.start, person.end)))
    pieces = _pieces(p, tokens)
    if not pieces:
        return None
    claim = _claim(sentence, p, ents, name, tokens, pieces, quantities, last_person)
    claim.kind, claim.predicate = "description", _claim_term(p.term_lemma[role]) or ""
    claim.subject = person.last or entity_key(p.span_text(name, name + 1))  # a person's surname, as elsewhere
    return claim


def _dated_events(sentence: Sentence, p: TokenTable, ents: list[_Entity], quantities, last_person: str) -> list[Claim]:
    """'The Nov. 13 attacks', 'an attack on November 13', 'the attacks of November 13': a report that names
    an event by its day states when it happened (kind "dated"), whatever the clause around it says of it;
    its words stay in that clause's claim too. Only a month and day count: "Sunday's vote" is some Sunday."""
    found = []
    for ent in ents:
        if ent.label != "DATE" or (day := month_day(ent.text)) is None:
            continue
        first = next((t for t in range(ent.start, ent.end) if p.dep[t] != "det"), ent.start)
        top = next((t for t in range(first, ent.end) if not (ent.start <= p.head[t] < ent.end)), first)  # the date's head
        event, tokens = None, list(range(first, ent.end))
        if p.dep[top] in ("nmod", "compound", "npadvmod") and p.pos[p.head[top]] == "NOUN" and p.head[top] >= ent.end:
            event = p.head[top]  # "the Nov. 13 attacks"
            tokens += list(range(ent.end, event + 1))
        elif p.dep[top] == "pobj" and p.lower[p.head[top]] in ("on", "of") and p.pos[p.head[p.head[top]]] == "NOUN":
            event = p.head[p.head[top]]  # "the attacks on November 13"
            if event < first:
                tokens = list(range(event, ent.end))
        if event is None or _claim_term(p.term_lemma[event]) is None or not (sentence.start <= p.idx[event] < sentence.end):
            continue
        pieces = _pieces(p, tokens)
        if not pieces:
            continue
        claim = _claim(sentence, p, ents, event, tokens, pieces, quantities, last_person)
        claim.kind, claim.subject, claim.predicate = "dated", _claim_term(p.term_lemma[event]) or "", f"on {day}"
        found.append(claim)
    return found


# Nouns that name what a verb tells, done to what follows "of": "the approval of British airstrikes", "the evacuation
# of 9,000 residents", "the arrest of two men". Each with its verb, the predicate a clause telling it would have (its
# claim term: "assault" is an attack).
_EVENT_NOUNS = {
    "approval": "approve", "evacuation": "evacuate", "arrest": "arrest", "closure": "close", "release": "release",
    "resignation": "resign", "withdrawal": "withdraw", "appointment": "appoint", "capture": "capture",
    "extradition": "extradite", "conviction": "convict", "execution": "execute", "dismissal": "dismiss",
    "rescue": "rescue", "acquisition": "acquire", "destruction": "destroy", "killing": "kill", "murder": "kill",
    "suspension": "suspend", "detention": "detain", "deportation": "deport", "expulsion": "expel",
    "cancellation": "cancel", "postponement": "postpone", "removal": "remove", "seizure": "seize",
    "demolition": "demolish", "identification": "identify", "discovery": "discover", "sale": "sell",
    "purchase": "buy", "launch": "launch", "recall": "recall", "election": "elect", "rejection": "reject",
    "attack": "attack", "assault": "attack", "raid": "raid", "ban": "ban", "return": "return",
}


# Of these, the nouns whose "on" or "against" says what was done to: "the attack on the embassy", "a ban on smoking".
_DONE_ON = {"attack", "assault", "raid", "ban"}


# Of these, the nouns whose owner is what was done to: "Ocalan's arrest", "her resignation" (not "Parliament's approval").
_DONE_TO_ITS_OWNER = {"arrest", "capture", "release", "extradition", "dismissal", "resignation", "execution",
                      "conviction", "appointment", "detention", "deportation", "expulsion", "suspension", "killing",
                      "murder", "election", "removal", "identification", "rescue"}


# The most words a nominalization's "of" phrase takes ("the approval of British airstrikes against Daesh": 4).
_NAMED_AT_MOST = 20


def _named_events(sentence: Sentence, p: TokenTable, ents: list[_Entity], quantities, last_person: str,
                  tokens_of_sentence: range) -> list[Claim]:
    """'Parliament's recent approval of British airstrikes', 'the evacuation of 9,000 residents': a report that names
    an event by its noun states that it happened, to what follows "of" (kind "nominalization"), as "The airstrikes were
    approved" does; its words stay in the clause's claim around it too. For some nouns "on" or "against" says what it
    was done to ("the attack on the embassy"), for others the owner does: "Ocalan's arrest" is "Ocalan was arrested"."""
    found = []
    for noun in tokens_of_sentence:
        if p.pos[noun] != "NOUN" or p.lemma[noun] not in _EVENT_NOUNS:
            continue
        of = next((c for c in p.children[noun] if p.dep[c] == "prep" and (
            p.lower[c] == "of" or (p.lemma[noun] in _DONE_ON and p.lower[c] in ("on", "against")))), None)
        done_to = next((c for c in p.children[of] if p.dep[c] == "pobj"), None) if of is not None else None
        if done_to is None and p.lemma[noun] in _DONE_TO_ITS_OWNER:
            # "Ocalan's arrest", "his resignation": the owner is what was done to (a name, or "his" or "her")
            done_to = next((c for c in p.children[noun] if p.dep[c] == "poss" and (
                p.pos[c] == "PROPN" or p.lower[c] in ("his", "her"))), None)
            of = None
        if done_to is None or p.ent_type[done_to] in ("DATE", "TIME"):
            continue  # ("the attack on November 13" is when, a `dated` claim's: not what was attacked)
        # (the parse's stored edges: no walk of a subtree that may hold the whole sentence)
        phrase, named = p.doc[done_to], p.doc[noun]
        if phrase.right_edge.i - phrase.left_edge.i >= _NAMED_AT_MOST or noun - named.left_edge.i >= _NAMED_AT_MOST:
            continue  # a noun phrase names an event in a few words; more is a clause's work (or a hostile page's)
        tokens = [t for c in p.children[noun] if p.dep[c] in ("poss", "amod", "compound", "nmod") and c < noun
                  for t in p.subtree(c)]
        if of is not None:
            tokens += [noun, of] + [t for t in p.subtree(done_to) if not _in_clause(p, t, done_to)]
        else:
            tokens.append(noun)  # (the owner is among the modifiers already)
        tokens = sorted(set(tokens))
        pieces = _pieces(p, tokens)
        if not pieces:
            continue
        claim = _claim(sentence, p, ents, noun, tokens, pieces, quantities, last_person)
        claim.kind, claim.predicate = "nominalization", term(_EVENT_NOUNS[p.lemma[noun]])
        claim.subject = _entity_or_lemma(p, done_to, last_person)
        found.append(claim)
    return found


def _in_clause(p: TokenTable, token: int, top: int) -> bool:
    """Whether `token` lies in a clause hanging below `top` (a relative clause, a participle): not the noun phrase's own."""
    while token != top:
        if p.dep[token] in ("relcl", "acl", "advcl", "ccomp"):
            return True
        token = p.head[token]
    return False


def _ages(sentence: Sentence, p: TokenTable, ents: list[_Entity], quantities, last_person: str,
          claims: list[Claim]) -> list[Claim]:
    """'Randall Hackett, 58, ...', 'Al-Khawaja, 32, is ...': a named person's age given in passing is a claim
    of its own (kind "age"), as what a report calls someone is; an age a clause states ("Devin was 41")
    is that clause's claim already. An age without a name ('The 41-year-old', 'a 58-year-old man') is one
    too, its subject empty until the story names its owner (`name_unnamed_ages`)."""
    found = []
    stated = {c.head_token for c in claims if c.kind not in NOMINAL}
    for q in quantities:
        if q.kind != AGE or not q.exact or q.token in stated or not (0 <= q.token < len(p.head)):
            continue
        named = bool(q.owner) and q.owner != THE_SUSPECT  # (an unnamed suspect's age waits for a name as any other)
        if named:
            person = next((e for e in ents if e.label == "PERSON" and e.last == q.owner and e.end <= q.token), None)
            if person is None or q.token - person.end > 2:
                continue  # only "Name, 58": an age said elsewhere in the sentence is read with its clause
            tokens = [*range(person.start, person.end), q.token]
        else:
            tokens = _age_as_written(p, q)  # its owner found later, if the story names one (`name_unnamed_ages`)
        pieces = _pieces(p, tokens, {q.token})
        if not pieces:
            continue
        claim = _claim(sentence, p, ents, q.token, tokens, pieces, quantities, last_person)
        claim.kind, claim.subject, claim.predicate = "age", q.owner if named else "", aged(q.value)
        claim.quantities = []  # compared across reports as its clause's figure: once
        found.append(claim)
    return found


def aged(value: float) -> str:
    """An age claim's predicate: 'aged 58'."""
    return f"aged {number_key(value)}"


def _age_as_written(p: TokenTable, q) -> list[int]:
    """The tokens of an age without a name: the age as written ("58-year-old" is five tokens), and the
    person noun right after it ("a 58-year-old man")."""
    after = q.token + 1
    while after < len(p.idx) and p.idx[after] < q.end:
        after += 1
    tokens = list(range(q.token, after))
    if after < len(p.idx) and p.pos[after] == "NOUN" and p.lemma[after] in PERSON_NOUNS:
        tokens.append(after)
    return tokens


def _by_surname(claims: list[Claim], full_names: Counter[tuple[str, str]]) -> list[Claim]:
    """A person a report calls by the given name alone ("Devin was 41") is keyed by the surname, as the
    reports naming them in full key them ("Devin Lima"): when two thirds of the full names with that given
    name end in one surname, and nobody has the given name as a surname. (Where the family name comes first,
    "Qin Yongmin" and "Qin Qinguo" leave "Qin" open.)"""
    given: dict[str, Counter[str]] = {}
    for (first, last), times in full_names.items():
        given.setdefault(first, Counter())[last] += times
    surnames = {last for _, last in full_names}
    surname_of = {}
    for first, lasts in given.items():
        (last, times), = lasts.most_common(1)
        if 3 * times >= 2 * sum(lasts.values()) and first not in surnames:
            surname_of[first] = last
    if not surname_of:
        return claims
    for claim in claims:
        if claim.subject in surname_of:
            claim.subject = surname_of[claim.subject]
        if any(q.kind == AGE and q.owner in surname_of for q in claim.quantities):
            claim.quantities = [q.with_(owner=surname_of[q.owner]) if q.kind == AGE and q.owner in surname_of else q
                                for q in claim.quantities]
    return claims


def name_unnamed_ages(claims: list[Claim]) -> list[Claim]:
    """An age without a name is the age of the one person the story's reports give that age by name ("the
    41-year-old" and "Devin was 41"); with no such person, or two of that age, it is no claim of its own."""
    owners: dict[str, set[str]] = {}
    for claim in claims:
        if claim.kind == "age" and claim.subject:
            owners.setdefault(claim.predicate, set()).add(claim.subject)
    kept = []
    for claim in claims:
        if claim.kind == "age" and not claim.subject:
            named = owners.get(claim.predicate, set())
            if len(named) != 1:
                continue
            claim.subject = next(iter(named))
        kept.append(claim)
    return kept


SPEAKER_CONTENT = 3  # a speaker this described ("Defense Minister Ismet Sezgin"), not "police", is a claim


def _speaker(p: TokenTable, head: int, start: int, end: int) -> tuple[int, list[int]] | None:
    """Who says it and the words naming them, when they say more than a name: a title, a role, an office."""
    subject = next((c for c in p.children[head] if p.dep[c] == "nsubj"), None)
    if subject is None or not (start <= subject < end):
        return None
    tokens = [t for t in p.subtree(subject) if start <= t < end]
    if sum(p.content[t] for t in tokens) < SPEAKER_CONTENT or any(p.dep[t] in ("relcl", "acl") for t in tokens):
        return None
    return subject, tokens


def _claim_heads(p: TokenTable, start: int, end: int) -> list[int]:
    heads = []
    for i in range(start, end):
        if p.is_space[i] or p.is_punct[i]:
            continue
        head = p.head[i]
        if p.dep[i] == "ROOT" or head == i or not (start <= head < end) or _splits(p, i):
            heads.append(i)
    return heads


def _splits(p: TokenTable, i: int) -> bool:
    dep, pos = p.dep[i], p.pos[i]
    verbal = pos in ("VERB", "AUX")
    if dep == "conj" and verbal and p.pos[p.head[i]] in ("VERB", "AUX"):
        return True
    if dep == "conj" and pos == "ADJ" and _has_subject(p, i):
        return True
    if dep in ("ccomp", "advcl", "parataxis", "pcomp") and verbal:
        return _has_subject(p, i) or (p.tag[i] in ("VBG", "VBN") and dep == "advcl" and _own_content(p, i) >= 3)
    if dep == "relcl":
        return True
    if dep == "acl" and verbal and p.tag[i] in ("VBN", "VBG"):
        return _own_content(p, i) >= 3
    if dep == "appos" and pos in ("NOUN", "PROPN") and p.pos[p.head[i]] in ("NOUN", "PROPN"):
        # (not the name after a rank: "Sgt. Dara Wynn" is one person, the parse hanging "Dara Wynn" on "Sgt.")
        return _own_content(p, i) >= 2 and not p.like_num[i] and p.lower[p.head[i]] not in _RANKS
    if _lists_examples(p, i):
        return _own_content(p, i) >= 3
    return False


_RANKS = {f"{rank.lower()}." for rank in TITLE_ABBREVIATIONS}


def _lists_examples(p: TokenTable, i: int) -> bool:
    """'three other convictions, including a four-month sentence for …': the examples are facts of their own,
    and two reports often list different ones (or disagree on one) while agreeing on the rest."""
    return p.dep[i] == "prep" and p.lower[i] == "including" and p.pos[p.head[i]] in ("NOUN", "PROPN")


def _has_subject(p: TokenTable, i: int) -> bool:
    return any(p.dep[c] in _SUBJECTS for c in p.children[i])


def _own_content(p: TokenTable, i: int) -> int:
    return sum(p.content[t] for t in p.subtree(i))


def _owners(p: TokenTable, start: int, end: int, heads: list[int],
            figures: set[int] | frozenset[int] = frozenset()) -> dict[int, int]:
    """Each token's claim: the nearest claim head at or above it. A clause too small to stand alone joins
    its parent, unless it holds one of `figures` ("he was 22")."""
    head_ids = set(heads)
    parent = p.head
    owner: dict[int, int] = {}
    for i in range(start, end):
        # (each token's climb stops at a token already placed, which the tokens climbed through share: climbing
        # all the way from every token took minutes on a hostile chain of thousands of hyphened words)
        node, climbed = i, []
        while node not in owner and node not in head_ids and parent[node] != node and start <= parent[node] < end:
            climbed.append(node)
            node = parent[node]
        if node not in owner:
            owner[node] = node if node in head_ids else heads[0]
        for below in climbed:
            owner[below] = owner[node]
    owner = {i: owner[i] for i in range(start, end)}  # in reading order
    members: dict[int, list[int]] = {}
    for i, head in owner.items():
        members.setdefault(head, []).append(i)
    # A clause too small to stand alone gives its words back to its parent.
    for head in heads:
        if p.dep[head] == "ROOT" or head not in head_ids:
            continue
        own = members.pop(head, [])
        if sum(p.content[i] for i in own) < MIN_CONTENT and figures.isdisjoint(own):
            up = parent[head]
            while up not in head_ids or up == head:
                if parent[up] == up:
                    break
                up = parent[up]
            given = up if up in head_ids and up != head else heads[0]
            for i in own:
                owner[i] = given
            members.setdefault(given, []).extend(own)
            head_ids.discard(head)
        else:
            members[head] = own
    return owner


def _reports(p: TokenTable, head: int, heads: list[int], head_ids: set[int]) -> bool:
    if p.lemma[head] not in REPORTING:
        return False
    return any(c in head_ids and p.dep[c] in ("ccomp", "parataxis") for c in p.children[head]) or any(
        p.dep[h] in ("ccomp", "parataxis") and p.head[h] == head for h in heads
    )


def _depth(p: TokenTable, i: int) -> int:
    depth = 0
    while p.head[i] != i:
        i = p.head[i]
        depth += 1
    return depth


def _pieces(p: TokenTable, tokens: list[int], figures: set[int] | frozenset[int] = frozenset()) -> tuple[tuple[int, int], ...]:
    """Contiguous runs of a claim's own tokens, trimmed of punctuation and joining words at the edges; a run
    without content words (or one of `figures`) is left out."""
    if not tokens:
        return ()
    runs: list[list[int]] = [[tokens[0]]]
    for i in tokens[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    pieces = []
    for run in runs:
        first, last = 0, len(run) - 1
        while first <= last and _at_edge(p, run[first]):
            first += 1
        while first <= last and _at_edge(p, run[last]):
            last -= 1
        if first <= last and any(p.content[i] or i in figures for i in run[first : last + 1]):
            pieces.append((p.idx[run[first]], p.idx[run[last]] + p.length[run[last]]))
    return tuple(pieces)


def _at_edge(p: TokenTable, i: int) -> bool:
    """Whether a piece of a claim sheds this token at its edge."""
    return bool(p.is_punct[i] or p.is_space[i] or p.lower[i] in _EDGE_WORDS)


# Entity labels of figures and dates: a claim holds those as numbers and dates, not as entities.
_NOT_ENTITIES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


# Nouns a count of time counts: "two weeks ago" is a date however its number is written.
_SPANS_OF_TIME = frozenset({"second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade",
                            "century", "season", "quarter"})


def _people_named_together(p: TokenTable, subject: int) -> int:
    """How many people a subject names joined by "and": "Salah Abdeslam and an accomplice" are two (what "two are on
    the run" counts); 0 when the subject is no person."""
    joined = [c for c in p.children[subject] if p.dep[c] == "conj" and p.pos[c] in ("NOUN", "PROPN")]
    if not any(p.ent_type[t] == "PERSON" or p.lemma[t] in PERSON_NOUNS for t in (subject, *joined)):
        return 0
    return 1 + len(joined) if joined else 0


def _claim(sentence: Sentence, p: TokenTable, ents: list[_Entity], head: int, tokens: list[int], pieces, quantities,
           last_person: str) -> Claim:
    start, end = pieces[0][0], pieces[-1][1]
    dep = p.dep
    subject_token = _subject(p, head)
    while subject_token is not None and dep[subject_token] == "appos" and dep[head] in ("relcl", "acl"):
        subject_token = p.head[subject_token]  # "Abaaoud, the militant who was the leader": about Abaaoud
    subject = _entity_or_lemma(p, subject_token, last_person) if subject_token is not None else ""
    predicate = _predicate(p, head)
    arguments = tuple(
        dict.fromkeys(
            term(p.lemma[c])
            for c in _argument_tokens(p, head)
            if p.pos[c] in ("NOUN", "PROPN", "ADJ", "NUM") and not p.is_stop[c]
        )
    )
    token_ids = set(tokens)
    own_ents = [e for e in ents if not token_ids.isdisjoint(range(e.start, e.end))]
    entities = [e.key for e in own_ents if e.label not in _NOT_ENTITIES]
    entities += [e.last for e in own_ents if e.label == "PERSON" and e.end - e.start > 1]
    # the noun a modifier describes, when it is not the claim's own ("the 14 people killed in the collapse")
    describes = dep[head] in ("relcl", "acl", "appos") or _lists_examples(p, head)
    described = (
        _noun_phrase(p, subject_token) if describes and subject_token is not None and subject_token not in token_ids else []
    )
    if subject and subject_token is not None and subject_token not in token_ids and p.pos[subject_token] == "PROPN":
        entities.append(subject)
    if subject and subject_token is not None and p.lower[subject_token] in _PRONOUNS_OR_RELATIVE:
        entities.append(subject)
    places = tuple(dict.fromkeys(e.key for e in own_ents if e.label in ("GPE", "LOC", "FAC")))
    own_quantities = [q for q in quantities if q.token in token_ids]
    # The model tags "his 41-year rule" and "the 13-year-old" as dates, but they are figures of the claim,
    # not when it happened: as dates they made "41-year rule" and "40-year rule" two occasions.
    figures = {q.token for q in own_quantities if q.kind in (AGE, DURATION)}
    dates = tuple(dict.fromkeys(
        e.text for e in own_ents if e.label in ("DATE", "TIME") and figures.isdisjoint(range(e.start, e.end))
    ))
    if dep[head] in ("relcl", "acl") and described:
        # "the 14 people killed in the collapse": the figure counts what the modifier says of them
        own_quantities += [q for q in quantities if q.token in described and q.token not in token_ids]
    # (a quantity without a token has token -1, which reads the last token, as doc[-1] did)
    # (but a number written in words that counts no time is no day or year: the model tags "Forty workers will lose
    # their jobs" a date; "two weeks ago" stays one)
    own_quantities = [q for q in own_quantities if not (q.kind == COUNT and p.ent_type[q.token] in ("DATE", "TIME")
                                                        and not (p.is_alpha[q.token] and q.noun not in _SPANS_OF_TIME))]
    terms = [t for i in tokens if (t := _claim_term(p.term_lemma[i])) is not None]
    # A relative clause or appositive is about the noun it describes: its words belong to the claim's terms.
    terms += [t for i in described if (t := _claim_term(p.term_lemma[i])) is not None]
    # (a score is no evidence of one fact: "won the first set 6-4", "won the third set 6-4")
    numbers = tuple(dict.fromkeys(number_key(q.value) for q in own_quantities if q.exact and q.kind != SCORE))
    if subject_token is not None:
        together = _people_named_together(p, subject_token)
        if together > 1 and number_key(together) not in numbers:
            numbers += (number_key(together),)  # (evidence for the aligner only: no figure to compare)
    kind = {"relcl": "relative", "acl": "modifier", "appos": "appositive"}.get(dep[head], "modifier" if describes else "clause")
    negated = (p.lemma[head] in _DENIAL or any(dep[t] == "neg" and p.head[t] == head for t in tokens)
               or any(dep[c] in _NEGATED_ROLES and _none(p, c) for c in p.children[head]))
    return Claim(
        id=0, document=sentence.document, start=start, end=end, sentence=sentence,
        text=sentence.text[start - sentence.start : end - sentence.start],
        pieces=pieces, kind=kind, subject=subject, predicate=predicate, arguments=arguments,
        terms=tuple(terms), entities=tuple(dict.fromkeys(entities)), numbers=numbers,
        quantities=own_quantities, dates=dates, places=places, head_token=head, negated=negated,
        tense=_tense(p, head), parties=_parties(p, head, ents),
    )


_PARTY_LABELS = ("PERSON", "ORG")
# (a name's own words: "Kelsborough United midfielder Joe Tanner", "the leader of the council, Marian Hoyle"; not what
# an "of" phrase adds, "the leader of Pendlow Council", which two leaders share)
_NAME_PARTS = ("compound", "appos", "flat", "amod", "nmod")


def _parties(p: TokenTable, head: int, ents: list[_Entity]) -> tuple[tuple[str, str], ...]:
    """The people and organisations named as the predicate's doer and undergoer, each as (role, entity key): the
    active subject or a passive's "by" phrase is the agent, the object or a passive subject the patient."""
    roles: list[tuple[str, int]] = []
    described = p.head[head] if p.dep[head] in ("appos", "relcl") else None
    if described is not None and p.dep[head] == "appos":
        roles.append(("agent", described))  # "Craig Harvey, a chief with the coroner's office": Harvey is the chief
    for child in p.children[head]:
        dep = p.dep[child]
        if described is not None and p.lower[child] in _RELATIVE:
            child = described  # "Abaaoud, who was killed in a raid": Abaaoud was killed
        if dep == "nsubj":
            roles.append(("agent", child))
        elif dep in ("dobj", "nsubjpass", "dative"):  # ("fined Halden Bank £4 million": the parse's dative)
            roles.append(("patient", child))
        elif dep == "agent":
            roles += [("agent", c) for c in p.children[child] if p.dep[c] == "pobj"]
    parties = []
    for role, token in roles:
        words, frontier = {token}, [token]
        # (the parse may hang the name on the "of" phrase: "the leader of the Council, Tom Fairley,")
        frontier += [c for of in p.children[token] if p.dep[of] == "prep" and p.lower[of] == "of"
                     for o in p.children[of] if p.dep[o] == "pobj" for c in p.children[o] if p.dep[c] == "appos"]
        words.update(frontier)
        while frontier:
            node = frontier.pop()
            for c in p.children[node]:
                if p.dep[c] in _NAME_PARTS and c not in words:
                    words.add(c)
                    frontier.append(c)
        parties += [(role, e.key) for e in ents
                    if e.label in _PARTY_LABELS and e.key and not words.isdisjoint(range(e.start, e.end))]
    return tuple(dict.fromkeys(parties))


def _tense(p: TokenTable, head: int) -> str:
    """FUTURE for a deed to come ("will hire", "plans to cut", "is set to open"), PAST for one done ("hired",
    "has been shut", "were sent"), else "" (a present, a noun, a participle that says neither)."""
    auxiliaries = [p.lower[c] for c in p.children[head] if p.dep[c] in ("aux", "auxpass")]
    if any(word in _WILL for word in auxiliaries):
        return FUTURE
    if any(p.dep[c] == "xcomp" for c in p.children[head]):
        # "plans to cut", "is set to open", "is expected to resign"; but "has agreed to buy", "voted to merge": the
        # agreeing is done, the deed it names still to come
        return FUTURE if p.lemma[head] in _PLANNING or p.lower[head] in _PLANNED else ""
    if p.tag[head] == "VBD" or (p.tag[head] == "VBN" and any(a in _DONE for a in auxiliaries)):
        return PAST
    return ""


FUTURE, PAST = "future", "past"
_WILL = {"will", "shall", "'ll", "’ll"}
_PLANNING = {"plan", "intend", "aim", "prepare", "vow", "promise", "pledge", "hope", "propose", "want"}
_PLANNED = {"set", "due", "scheduled", "expected", "poised"}
_DONE = {"has", "have", "had", "was", "were", "'s", "’s", "'ve", "’ve"}


# "No one has been apprehended", "there has been no confirmation", "found no weapons": a subject or object
# that is nobody or nothing says the thing did not happen, as "not" does.
_NEGATED_ROLES = {"nsubj", "nsubjpass", "dobj", "attr"}
_NOBODY = {"nobody", "nothing", "none", "noone"}


def _none(p: TokenTable, node: int) -> bool:
    return p.lower[node] in _NOBODY or any(p.dep[c] == "det" and p.lower[c] == "no" for c in p.children[node])


# Predicates that say a thing is not so: "Syria has denied supporting the rebels" is not "Syria supports the
# rebels"; "failed to return" is "did not return".
_DENIAL = {"deny", "refute", "dispute", "reject", "fail", "refuse", "acquit"}  # (an acquittal denies the guilt a conviction
# finds: "was found not guilty of fraud" and "was found guilty of fraud" are two facts, annotate.tokens._verdicts)
# Words of hedging and hearsay: how sure a report is, not what it states.
_HEDGING = {"believe", "allege", "alleged", "allegedly", "reportedly", "apparently", "likely", "suspect", "think", "understand", "say"}
_PRONOUNS_OR_RELATIVE = _PRONOUNS | _RELATIVE


def _dateline(p: TokenTable, subject: int) -> bool:
    """Whether a subject is a dateline: the sentence's first words, a dash after them."""
    words = [i for i in p.subtree(subject) if not p.is_punct[i]]
    if not words:
        return False  # (a stray mark the parse made a subject)
    last = max(words)
    after = last + 1
    # (a dash set apart by a space: "co-defendant" is one word the parse splits at its hyphen)
    return (after < len(p) and p.lower[after] in _DASHES and p.idx[after] > p.idx[last] + p.length[last]
            and bool(p.doc[min(words)].is_sent_start))


_DASHES = {"—", "–", "--", "-"}


def _subject(p: TokenTable, head: int) -> int | None:
    if p.dep[head] in ("relcl", "acl", "appos") or _lists_examples(p, head):
        return p.head[head]
    node = head
    for _ in range(3):
        subjects = [c for c in p.children[node] if p.dep[c] in ("nsubj", "nsubjpass")]
        if len(subjects) > 1:
            # (a dateline before a dash, "HOLLIN COUNTY — Striking bus drivers have voted", is no subject of the
            # clause, though the parse makes it one beside the clause's own)
            subjects = [c for c in subjects if not _dateline(p, c)] or subjects
        subject = subjects[0] if subjects else None
        if subject is not None:
            if p.lower[subject] in _RELATIVE and p.dep[node] == "relcl":
                return p.head[node]
            return subject
        if p.dep[node] in ("conj", "xcomp") and p.head[node] != node:
            node = p.head[node]  # "killed 130 and injured 352": the first verb's subject
        else:
            break
    return None


_ONE_OF = frozenset({"one", "two", "three", "some", "several", "many", "most", "each", "both", "all", "none", "few"})


def _entity_or_lemma(p: TokenTable, i: int, last_person: str) -> str:
    if p.lower[i] in _PRONOUNS and last_person:
        return last_person
    # "one of the Paris attackers traveled to the UK": an attacker did
    while p.lower[i] in _ONE_OF and (of := next((o for c in p.children[i] if p.dep[c] == "prep" and p.lower[c] == "of"
                                                 for o in p.children[c] if p.dep[o] == "pobj"), None)) is not None:
        i = of
    ent = entity_around(p.doc[i]) if p.ent_type[i] else None  # (a token outside entities has no type)
    if ent is not None:
        return entity_key(ent[-1].text) if ent.label_ == "PERSON" else entity_key(ent.text)
    return term(p.lemma[i])


# Verbs that link a subject to a state: "remains severe", "became chief" say what X is, like "is".
_LINKING = {"be", "believe", "seem", "appear", "think", "remain", "become", "stay", "prove", "look", "sound", "get",
            "say", "report", "allege", "understand"}  # (hearsay: "is said to have made trips")
# Verbs that say little but that their object happened: "made trips" is "travelled", "carried out attacks" "attacked",
# "filed a complaint" "complained".
LIGHT_VERBS = {"make", "carry", "conduct", "take", "stage", "launch", "file", "hold", "lodge"}
# Verbs that move something to a state: "raised the alert to severe" says the alert is severe.
_CHANGE = {"raise", "lower", "increase", "decrease", "reduce", "cut", "upgrade", "downgrade", "elevate", "move", "change", "set"}


def _predicate(p: TokenTable, head: int) -> str:
    """The predicate's lemma; for 'is X', 'remains X', 'is believed to be X' and 'raised ... to X', the X."""
    node = head
    for _ in range(3):
        if p.lemma[node] in _LINKING or p.pos[node] == "AUX":
            following = _next_word(p, node) if p.lemma[node] != "be" else None
            if following is not None and p.pos[following] == "ADJ":
                node = following  # "remains severe": the small model may hang the adjective elsewhere
                break
            nxt = next((c for c in p.children[node] if p.dep[c] in ("attr", "acomp", "xcomp", "oprd")), None)
            if nxt is not None:
                node = nxt
                continue
        if p.lemma[node] in _CHANGE:
            state = next((t for t in p.subtree(node) if p.pos[t] == "ADJ" and t > node and _after_to(p, t)), None)
            if state is not None:
                node = state
        elif p.lemma[node] in LIGHT_VERBS:
            done = next((c for c in p.children[node] if p.dep[c] == "dobj" and p.lemma[c] in SYNONYM), None)
            if done is not None:
                node = done
        break
    return term(p.lemma[node])


def _next_word(p: TokenTable, i: int) -> int | None:
    """The next token that is not punctuation, in the same (spaCy) sentence."""
    j = i + 1
    while j < len(p.head) and (p.is_punct[j] or p.is_quote[j]):
        j += 1
    return j if j < len(p.head) and p.doc[j].sent.start == p.doc[i].sent.start else None


def _after_to(p: TokenTable, i: int) -> bool:
    j = i - 1
    while j >= 0 and (p.is_punct[j] or p.is_quote[j]):
        j -= 1
    return j >= 0 and p.lower[j] == "to"


def _argument_tokens(p: TokenTable, head: int) -> list[int]:
    found = []
    for child in p.children[head]:
        if p.dep[child] in ("dobj", "attr", "acomp", "oprd", "dative", "nsubj", "nsubjpass", "appos"):
            found.append(child)
        elif p.dep[child] in ("prep", "agent"):
            found += [c for c in p.children[child] if p.dep[c] == "pobj"]
    return found


def _noun_phrase(p: TokenTable, i: int) -> list[int]:
    return [t for t in p.subtree(i) if t <= i or p.dep[t] in ("compound", "amod")][:8]


def claims_of_sentence(story: Story) -> dict[tuple[str, int], list[Claim]]:
    """(document, sentence index) -> its claims."""
    result: dict[tuple[str, int], list[Claim]] = {}
    for claim in story.claims:
        result.setdefault((claim.document, claim.sentence.index), []).append(claim)
    return result


_SPACE = re.compile(r"\s+")
# Wire copy's furniture, not facts: a dateline cut off at its agency ("ANKARA, Turkey (AP"),
# and notes to editors ("OPTIONAL MATERIAL FOLLOWS", "15th graf pvs"). Every wire report has them alike.
# Two patterns: the whole text's forms are tried at its start only (`match`), the notes anywhere;
# one alternation of both was tried at every position, several times slower.
_WIRE_JUNK_TEXT = re.compile(
    r"[A-Z][\w.,'\- ]{0,60}\((?:AP|AFP|UPI|Reuters|Xinhua|[A-Z]{2,5})\)?\s*_?$"
    r"|\(?END OPTIONAL"
    r"|[A-Z][A-Z.'\- ]{2,40}$"  # a dateline's city alone ("KINSHASA")
    r"|[a-z]{1,4}(?:-[a-z]{1,4}){1,4}$"  # an editor's slug ("ab-cd-efg")
)
_WIRE_JUNK_NOTE = re.compile(r"<ANNOTATION>|OPTIONAL MATERIAL|STORY CAN END HERE|\bgraf pvs\b")


def _wire_junk(text: str) -> bool:
    return bool(_WIRE_JUNK_TEXT.match(text) or _WIRE_JUNK_NOTE.search(text))
