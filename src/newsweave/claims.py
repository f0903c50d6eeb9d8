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
- appositives ("Abaaoud, the alleged leader of the massacre").

"X said (that) Y" is one claim, Y, credited to X: the words of saying are the
attribution, not a fact of their own; but a speaker named with a title or an
office ("said Defense Minister Ada Lund") is a claim of its own (kind
"speaker"): two reports naming the same official so state the same role. Each claim's evidence is its own words:
a nested claim's words are cut out of its parent's span, so a claim may have
two pieces around a relative clause.
"""

from __future__ import annotations

import re

from newsweave.annotate.features import entity_key, entity_lookup, number_key
from newsweave.quantities import COUNT, entity_around, find, measure, word_classes
from newsweave.story import BOILERPLATE, Claim, Sentence, Story

REPORTING = {
    "say", "tell", "report", "add", "claim", "state", "confirm", "announce", "write", "warn", "explain",
    "insist", "reveal", "allege", "note", "acknowledge", "estimate", "disclose", "quote", "suggest", "indicate",
}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
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
    "leader": "leader ringleader mastermind head chief",
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
}
SYNONYM = word_classes(_SYNONYMS)


def term(lemma: str) -> str:
    return SYNONYM.get(lemma, lemma)


def build_claims(story: Story) -> Story:
    """Fill story.claims: every sentence's claims, in document and reading order."""
    claims: list[Claim] = []
    by_document: dict[str, list[Sentence]] = {}
    for sentence in story.sentences:
        by_document.setdefault(sentence.document, []).append(sentence)
    for document in story.documents:
        doc = story.workspace.parses.get(document.id)
        entities_in = entity_lookup(doc) if doc is not None else None
        last_person = ""
        for sentence in by_document.get(document.id, []):
            if sentence.role == BOILERPLATE:
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc is not None else None
            ents = entities_in(span) if span is not None and entities_in is not None else []
            found = sentence_claims(sentence, span, last_person, ents) if span is not None and len(span) else []
            if not found:
                found = [_whole(sentence)]
            claims.extend(c for c in found if not _WIRE_JUNK.search(c.text))
            if span is not None:
                people = [e for e in ents if e.label_ == "PERSON"]
                if people:
                    last_person = _person_key(people[-1])
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


def sentence_claims(sentence: Sentence, span, last_person: str = "", ents=None) -> list[Claim]:
    """The claims of one sentence; `ents` are the span's entities when the caller has them
    (`Span.ents` walks the whole document's entities on every call)."""
    heads = _claim_heads(span)
    if not heads:
        return []
    owner = _owners(span, heads)
    # A reporting verb with reported content: the content is the claim, the saying its attribution.
    reporting = {h for h in heads if _reports(h, heads)}
    quantities = [measure(q, span.doc) for q in find(sentence.text, sentence.document, sentence.start)]
    ents = list(span.ents if ents is None else ents)
    claims = []
    span_tokens = list(span)
    for head in heads:
        if head in reporting:
            speaker, words = _speaker(head, span)
            if words:  # "said Anaheim police Sgt. Daron Wyatt": who the source is, a fact of its own
                pieces = _pieces(words, span.doc)
                if pieces:
                    claim = _claim(sentence, span, ents, speaker, words, pieces, quantities, last_person)
                    claim.kind = "speaker"
                    claims.append(claim)
            continue
        tokens = [t for t in span_tokens if owner[t.i] == head.i]
        if head.dep_ != "ROOT" and sum(1 for t in tokens if _content(t)) < MIN_CONTENT:
            continue
        pieces = _pieces(tokens, span.doc)
        if not pieces:
            continue
        claims.append(_claim(sentence, span, ents, head, tokens, pieces, quantities, last_person))
    if not claims:
        return []
    # The main claim: the one highest in the tree (the root's, or what the root reports).
    main = min(claims, key=lambda c: (_depth(span.doc[c.head_token]), c.start))
    main.main = True
    return sorted(claims, key=lambda c: c.start)


SPEAKER_CONTENT = 3  # a speaker this described ("Defense Minister Ismet Sezgin"), not "police", is a claim


def _speaker(head, span):
    """Who says it and the words naming them, when they say more than a name: a title, a role, an office."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or not (span.start <= subject.i < span.end):
        return None, []
    tokens = [t for t in subject.subtree if span.start <= t.i < span.end]
    if sum(1 for t in tokens if _content(t)) < SPEAKER_CONTENT or any(t.dep_ in ("relcl", "acl") for t in tokens):
        return None, []
    return subject, tokens


def _claim_heads(span) -> list:
    heads = []
    for token in span:
        if token.is_space or token.is_punct:
            continue
        if token.dep_ == "ROOT" or token.head.i == token.i or not (span.start <= token.head.i < span.end) or _splits(token):
            heads.append(token)
    return heads


def _splits(token) -> bool:
    dep, pos = token.dep_, token.pos_
    verbal = pos in ("VERB", "AUX")
    has_subject = any(c.dep_ in _SUBJECTS for c in token.children)
    if dep == "conj" and verbal and token.head.pos_ in ("VERB", "AUX"):
        return True
    if dep == "conj" and pos == "ADJ" and has_subject:
        return True
    if dep in ("ccomp", "advcl", "parataxis", "pcomp") and verbal:
        return has_subject or (token.tag_ in ("VBG", "VBN") and dep == "advcl" and _own_content(token) >= 3)
    if dep == "relcl":
        return True
    if dep == "acl" and verbal and token.tag_ in ("VBN", "VBG"):
        return _own_content(token) >= 3
    if dep == "appos" and pos in ("NOUN", "PROPN") and token.head.pos_ in ("NOUN", "PROPN"):
        return _own_content(token) >= 2 and not token.like_num
    return False


def _own_content(token) -> int:
    return sum(1 for t in token.subtree if _content(t))


def _content(token) -> bool:
    return (token.pos_ in CONTENT_POS and not token.is_stop and (token.is_alpha or token.like_num)) or token.like_num


def _owners(span, heads) -> dict[int, int]:
    """Each token's claim: the nearest claim head at or above it."""
    head_ids = {h.i for h in heads}
    parent = {token.i: token.head.i for token in span}  # indices: a Token made per step is slow
    owner = {}
    for i in parent:
        node = i
        while node not in head_ids and parent[node] != node and span.start <= parent[node] < span.end:
            node = parent[node]
        owner[i] = node if node in head_ids else heads[0].i
    # A clause too small to stand alone gives its words back to its parent.
    for head in heads:
        if head.dep_ == "ROOT" or head.i not in head_ids:
            continue
        own = [i for i, h in owner.items() if h == head.i]
        if sum(1 for i in own if _content(span.doc[i])) < MIN_CONTENT:
            parent = head.head
            while parent.i not in head_ids or parent.i == head.i:
                if parent.head.i == parent.i:
                    break
                parent = parent.head
            for i in own:
                owner[i] = parent.i if parent.i in head_ids and parent.i != head.i else heads[0].i
            head_ids.discard(head.i)
    return owner


def _reports(head, heads) -> bool:
    if head.lemma_.lower() not in REPORTING:
        return False
    head_ids = {h.i for h in heads}
    return any(c.i in head_ids and c.dep_ in ("ccomp", "parataxis") for c in head.children) or any(
        h.dep_ in ("ccomp", "parataxis") and h.head.i == head.i for h in heads
    )


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _pieces(tokens, doc) -> tuple[tuple[int, int], ...]:
    """Contiguous runs of a claim's own tokens, trimmed of punctuation and joining words at the edges."""
    if not tokens:
        return ()
    runs: list[list] = [[tokens[0]]]
    for token in tokens[1:]:
        if token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    pieces = []
    for run in runs:
        while run and (run[0].is_punct or run[0].is_space or run[0].lower_ in _EDGE_WORDS):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].is_space or run[-1].lower_ in _EDGE_WORDS):
            run = run[:-1]
        if run and any(_content(t) for t in run):
            pieces.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return tuple(pieces)


# Entity labels of figures and dates: a claim holds those as numbers and dates, not as entities.
_NOT_ENTITIES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")

def _claim(sentence: Sentence, span, ents, head, tokens, pieces, quantities, last_person: str) -> Claim:
    doc = span.doc
    start, end = pieces[0][0], pieces[-1][1]
    subject_token = _subject(head)
    while subject_token is not None and subject_token.dep_ == "appos" and head.dep_ in ("relcl", "acl"):
        subject_token = subject_token.head  # "Abaaoud, the militant who was the leader": about Abaaoud
    subject = _entity_or_lemma(subject_token, last_person) if subject_token is not None else ""
    predicate = _predicate(head)
    arguments = tuple(
        dict.fromkeys(
            term(c.lemma_.lower())
            for c in _argument_tokens(head)
            if c.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not c.is_stop
        )
    )
    token_ids = {t.i for t in tokens}
    own_ents = [e for e in ents if any(t.i in token_ids for t in e)]
    entities = [entity_key(e.text) for e in own_ents if e.label_ not in _NOT_ENTITIES]
    entities += [entity_key(e[-1].text) for e in own_ents if e.label_ == "PERSON" and len(e) > 1]
    if subject and subject_token is not None and subject_token.i not in token_ids and subject_token.pos_ in ("PROPN",):
        entities.append(subject)
    if subject and subject_token is not None and subject_token.lower_ in _PRONOUNS | _RELATIVE:
        entities.append(subject)
    dates = tuple(dict.fromkeys(e.text for e in own_ents if e.label_ in ("DATE", "TIME")))
    places = tuple(dict.fromkeys(entity_key(e.text) for e in own_ents if e.label_ in ("GPE", "LOC", "FAC")))
    own_quantities = [q for q in quantities if q.token in token_ids]
    if head.dep_ in ("relcl", "acl") and subject_token is not None and subject_token.i not in token_ids:
        # "the 14 people killed in the collapse": the figure counts what the modifier says of them
        described = {t.i for t in _noun_phrase(subject_token)}
        own_quantities += [q for q in quantities if q.token in described and q.token not in token_ids]
    own_quantities = [q for q in own_quantities if not (q.kind == COUNT and doc[q.token].ent_type_ in ("DATE", "TIME"))]
    terms = [term(t.lemma_.lower()) for t in tokens if _term_token(t)]
    # A relative clause or appositive is about the noun it describes: its words belong to the claim's terms.
    if head.dep_ in ("relcl", "acl", "appos") and subject_token is not None and subject_token.i not in token_ids:
        terms += [term(t.lemma_.lower()) for t in _noun_phrase(subject_token) if _term_token(t)]
    numbers = tuple(dict.fromkeys(number_key(q.value) for q in own_quantities if q.exact))
    kind = {"relcl": "relative", "acl": "modifier", "appos": "appositive"}.get(head.dep_, "clause")
    return Claim(
        id=0, document=sentence.document, start=start, end=end, sentence=sentence,
        text=sentence.text[start - sentence.start : end - sentence.start],
        pieces=pieces, kind=kind, subject=subject, predicate=predicate, arguments=arguments,
        terms=tuple(terms), entities=tuple(dict.fromkeys(entities)), numbers=numbers,
        quantities=own_quantities, dates=dates, places=places, head_token=head.i,
    )


# Words of hedging and hearsay: how sure a report is, not what it states.
_HEDGING = {"believe", "allege", "alleged", "allegedly", "reportedly", "apparently", "likely", "suspect", "think", "understand", "say"}


def _term_token(token) -> bool:
    lemma = token.lemma_.lower()
    return ((token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1
            and lemma not in REPORTING and lemma not in _HEDGING)


def _subject(head):
    if head.dep_ in ("relcl", "acl", "appos"):
        return head.head
    node = head
    for _ in range(3):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in _RELATIVE and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head  # "killed 130 and injured 352": the first verb's subject
        else:
            break
    return None


def _entity_or_lemma(token, last_person: str) -> str:
    if token.lower_ in _PRONOUNS and last_person:
        return last_person
    ent = entity_around(token)
    if ent is not None:
        return _person_key(ent) if ent.label_ == "PERSON" else entity_key(ent.text)
    return term(token.lemma_.lower())


def _person_key(ent) -> str:
    return entity_key(ent[-1].text)


# Verbs that link a subject to a state: "remains severe", "became chief" say what X is, like "is".
_LINKING = {"be", "believe", "seem", "appear", "think", "remain", "become", "stay", "prove", "look", "sound", "get"}
# Verbs that move something to a state: "raised the alert to severe" says the alert is severe.
_CHANGE = {"raise", "lower", "increase", "decrease", "reduce", "cut", "upgrade", "downgrade", "elevate", "move", "change", "set"}


def _predicate(head) -> str:
    """The predicate's lemma; for 'is X', 'remains X', 'is believed to be X' and 'raised ... to X', the X."""
    node = head
    for _ in range(3):
        if node.lemma_.lower() in _LINKING or node.pos_ == "AUX":
            following = _next_word(node)
            if node.lemma_.lower() != "be" and following is not None and following.pos_ == "ADJ":
                node = following  # "remains severe": the small model may hang the adjective elsewhere
                break
            nxt = next((c for c in node.children if c.dep_ in ("attr", "acomp", "xcomp", "oprd")), None)
            if nxt is not None:
                node = nxt
                continue
        if node.lemma_.lower() in _CHANGE:
            state = next((t for t in node.subtree if t.pos_ == "ADJ" and t.i > node.i and _after_to(t)), None)
            if state is not None:
                node = state
        break
    return term(node.lemma_.lower())


def _next_word(token):
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and (doc[i].is_punct or doc[i].is_quote):
        i += 1
    return doc[i] if i < len(doc) and doc[i].sent.start == token.sent.start else None


def _after_to(token) -> bool:
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_quote):
        i -= 1
    return i >= 0 and doc[i].lower_ == "to"


def _argument_tokens(head):
    for child in head.children:
        if child.dep_ in ("dobj", "attr", "acomp", "oprd", "dative", "nsubj", "nsubjpass", "appos"):
            yield child
        elif child.dep_ in ("prep", "agent"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _noun_phrase(token):
    return [t for t in token.subtree if t.i <= token.i or t.dep_ in ("compound", "amod")][:8]


def claims_of_sentence(story: Story) -> dict[tuple[str, int], list[Claim]]:
    """(document, sentence index) -> its claims."""
    result: dict[tuple[str, int], list[Claim]] = {}
    for claim in story.claims:
        result.setdefault((claim.document, claim.sentence.index), []).append(claim)
    return result


_SPACE = re.compile(r"\s+")
# Wire copy's furniture, not facts: a dateline cut off at its agency ("ANKARA, Turkey (AP"),
# and notes to editors ("OPTIONAL MATERIAL FOLLOWS", "15th graf pvs"). Every wire report has them alike.
_WIRE_JUNK = re.compile(
    r"^[A-Z][\w.,'\- ]{0,60}\((?:AP|AFP|UPI|Reuters|Xinhua|[A-Z]{2,5})\)?\s*_?$"
    r"|<ANNOTATION>|OPTIONAL MATERIAL|STORY CAN END HERE|\bgraf pvs\b|^\(?END OPTIONAL"
    r"|^[A-Z][A-Z.'\- ]{2,40}$"  # a dateline's city alone ("KINSHASA")
    r"|^[a-z]{1,4}(?:-[a-z]{1,4}){1,4}$"  # an editor's slug ("ab-cd-efg")
)
