"""Who each sentence credits: speakers, other outlets' reporting, wire credits.

Read off spaCy's dependency parse: the subject of a reporting verb is the
speaker ("a source told ..."), the one told is an outlet when the alias table
knows it ("... told the Birmingham Mail"), and "according to X" or "X
reported" name an outlet or a speaker. Sentences that do not name their
source inherit it where news style implies it: "he said" means the person
named just before, "the official said" the official named before with their
outlet, and a sentence inside a quote belongs to whoever the quote is
credited to (see quotes.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from newsweave.annotate.features import entity_lookup
from newsweave.crosscheck.outlets import (
    DETERMINERS,
    OWN_FOOT_LINE,
    WIRES,
    OutletNames,
    is_outlet,
    names_outlet,
    outlet_candidates,
    tidy_name,
)
from newsweave.story import Attribution, Evidence, Sentence, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

REPORTING_VERBS = {
    "say", "tell", "report", "add", "claim", "state", "confirm", "announce", "write", "warn", "explain",
    "insist", "reveal", "believe", "allege", "note", "acknowledge", "deny", "estimate", "disclose", "quote",
    # words said aloud: "protesters shouted" credits the protesters, not the speaker quoted before them
    "shout", "chant", "yell", "scream", "reply", "recall", "declare",
}
# Verbs whose subject, when an outlet, is the origin ("the Guardian reported", "Us Weekly confirms").
OUTLET_VERBS = {"report", "say", "write", "reveal", "quote", "claim", "allege", "disclose", "publish", "confirm", "learn", "state",
                "note", "add", "estimate", "explain", "warn", "cite"}
# ... of which these credit only what is said, not a thing done: "the Herald added that two were hurt", not
# "the Herald added 20 pages", "noted the anniversary with a special issue", "warned readers about a scam".
_SAYING_ONLY = {"note", "add", "estimate", "explain", "warn"}
# ... and those that credit only an outlet: "TMZ has learned" is reporting, "she learned" is not.
_OUTLET_ONLY_VERBS = {"learn"}
# "cite" credits only who is cited as saying something ("cited two engineers as saying"; not "cited the driver")
# and a verb of finding only an outlet's own work ("A Harlow Herald investigation found that …"; not "Police found")
_FINDING_VERBS = {"find", "show", "conclude", "determine", "suggest", "uncover"}
_CREDITING_VERBS = REPORTING_VERBS | _OUTLET_ONLY_VERBS | {"cite"} | _FINDING_VERBS
SUBJECTS = ("nsubj",)
# Right-hand parts of a speaker phrase that are not the speaker: "officials
# [speaking on condition of anonymity to the Journal]".
_CUT = {"acl", "relcl", "punct", "cc", "conj", "advcl"}
# How many sentences on a repeated speaker ("the official said") still means the one just credited.
CARRY = 2
_PRONOUNS = {"he", "she", "they", "him", "her", "we", "i"}
# An outlet named by its trade alone: "the newspaper said", "the paper writes", "the news agency added". (Not
# "the network said": a broadcaster is as often the story's subject, "CBS stands by the broadcast".)
_THE_OUTLET = re.compile(r"^(?:the|that)\s+(?:newspaper|paper|daily|tabloid|news\s+agency|magazine)$", re.IGNORECASE)
_GROUP_PRONOUNS = {"they", "we"}
# What only a publication does, said of "it": "It reported", "it revealed"
_PUBLISHED = {"report", "reveal", "publish", "claim", "allege", "disclose", "learn"}


def wire_credit(text: str) -> str | None:
    """The news agency a report's byline or credit line names, or None.

    '(Reuters) —', 'PARIS (AP) -', 'AFP contributed to this report',
    'Additional reporting by Reuters', '© The Associated Press'.
    """
    head = text[:600]
    for match in _DATELINE_CREDIT.finditer(head):
        agency = wire_name(match.group(1))
        if agency:
            return agency
    if not _may_hold_credit_line(text):
        return None
    for match in _CREDIT_LINE.finditer(text):
        if _PICTURE_CREDIT.search(text, max(0, match.start() - 12), match.start()) or text.startswith("/", match.end()):
            continue  # "Image copyright AFP/Getty Image caption ...": the photograph is the agency's, not the report
        agency = wire_name(match.group("agency") or match.group("agency2") or match.group("agency3"))
        if agency:
            return agency
    return None


def _may_hold_credit_line(text: str) -> bool:
    """Whether the text has a word every credit line has: a quick test that spares most reports
    the scan of `_CREDIT_LINE`, slow over a whole report. ('ı' and 'İ' are the only letters but
    a letter's two cases that its (?i) parts take for one of theirs: an 'i'.)"""
    if "contributed" in text or "©" in text or "ı" in text or "İ" in text:
        return True
    lowered = text.lower()
    return "reporting" in lowered or "copyright" in lowered


# "Image copyright Reuters", "Photo copyright AFP": a credit of the picture beside the text.
_PICTURE_CREDIT = re.compile(r"(?i:image|photo|picture|media)\s+$")
# "(Reuters) —", "PARIS (AP) -", "(AFP)": a wire name in brackets near the top.
_DATELINE_CREDIT = re.compile(r"\(([A-Z][\w .&'-]{0,40}?)\)")
_WIRE_NAMES = r"[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){0,3}"
_CREDIT_LINE = re.compile(
    rf"(?:(?<![\w.])(?:The\s+)?(?P<agency>{_WIRE_NAMES})\s+contributed\b"
    rf"|(?i:(?:additional\s+)?reporting\s+(?:by|from))\s+(?:the\s+)?(?P<agency2>{_WIRE_NAMES})\b"
    rf"|(?:©|(?i:copyright))\s*(?:\d{{4}}\s+)?(?:[Tt]he\s+)?(?P<agency3>{_WIRE_NAMES})\b)"
)


def wire_name(name: str | None) -> str | None:
    """The canonical wire agency a name stands for ('AP' -> 'Associated Press'), or None."""
    if not name:
        return None
    for candidate in outlet_candidates(name):
        if candidate in WIRES:
            return candidate
    return None


def sentence_attributions(story: Story) -> dict[tuple[str, int], Attribution]:
    """(document, sentence index) -> what the sentence itself credits, with pronouns and repeated speakers resolved."""
    found: dict[tuple[str, int], Attribution] = {}
    for document in story.documents:
        doc = story.workspace.parses.get(document.id)
        if doc is None:
            continue
        names = OutletNames(document.text)
        entities_in = entity_lookup(doc)
        # Words of the people this report names: "Rodriguez told" is a person even where the tagger missed it there.
        # (All its entities are the whole Doc's, from the lookup's one reading of `Doc.ents`, which is slow.)
        person_words = {token.text for ent in entities_in(doc[:]) if ent.label_ == "PERSON" for token in ent}
        crediting = _crediting_tokens(doc)
        # speaker head word -> the last attribution to a speaker of that head word
        speakers: dict[str, Attribution] = {}
        last_person: str | None = None
        last_group: tuple[str, int] | None = None  # the last speakers said of as many ("Two engineers told"), and where
        last_outlet: str | None = None  # the outlet this report credited last: "the newspaper said" is it
        last_outlet_at = -CARRY - 1  # ...in this sentence: "It reported" right after is it too
        for sentence in (s for s in story.sentences if s.document == document.id):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            tokens = [doc[i] for i in crediting[bisect_left(crediting, span.start) : bisect_left(crediting, span.end)]]
            just_credited = last_outlet if sentence.index - last_outlet_at <= CARRY else None
            group = last_group[0] if last_group and sentence.index - last_group[1] <= 1 else None
            attribution = _attribution(tokens, sentence, names, last_person, person_words, last_outlet, just_credited, group)
            if attribution is not None:
                key = speaker_surname(attribution.speaker)
                earlier = speakers.get(key) if key else None
                if attribution.origin and attribution.inferred is False:
                    names.learn(attribution.origin)
                if earlier is not None and sentence.index - earlier.sentence <= CARRY:
                    # "the official said" right after "a US official told the Journal": the same official
                    if attribution.speaker and attribution.speaker.lower().startswith("the "):
                        attribution.speaker = earlier.speaker
                    if attribution.origin is None and earlier.origin:
                        attribution.origin, attribution.kind = earlier.origin, "outlet"
                        attribution.inferred = earlier.inferred
                if key:
                    speakers[key] = attribution
                # "Video editor and director Jakob Hernig tells News 10": "Hernig said" next is the same speaker
                for name in _people_named(attribution, document.text, person_words):
                    speakers[name] = attribution
                found[document.id, sentence.index] = attribution
                if attribution.origin:
                    last_outlet, last_outlet_at = attribution.origin, sentence.index
            named = entities_in(span)
            people = [ent.text for ent in named if ent.label_ == "PERSON"]
            if people:
                last_person = people[-1]
            elif (attribution is not None and _a_name(attribution.speaker)
                  and attribution.speaker not in {ent.text for ent in named}):
                # "Holt told the Herald": a name the model did not tag is who "she" is (not "Turkey", a place it did)
                last_person = attribution.speaker
            if attribution is not None and attribution.speaker and _plural(attribution.speaker, span):
                last_group = (attribution.speaker, sentence.index)  # "Two engineers told the Herald ... They said"
    return found


def attributions_read_once(story: Story) -> dict[tuple[str, int], Attribution]:
    """`sentence_attributions`, read once per story: align reads them first (to tell two people's statements apart),
    and crosscheck completes the same dict (`Workspace.attributions`)."""
    if story.workspace.attributions is None:
        story.workspace.attributions = sentence_attributions(story)
    return story.workspace.attributions


def _a_name(speaker: str | None) -> bool:
    """Whether a speaker is written as a person's name: capitalised words, no article ("Holt", "Mayor Dana Holt";
    not "A source", "The mayor", an outlet)."""
    words = (speaker or "").split()
    return (0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0].lower() not in _NOT_A_NAME
            and not is_outlet(speaker or ""))


_NOT_A_NAME = DETERMINERS | {"the", "a", "an", "two", "three"}  # ("Two engineers", "This source")


def _plural(speaker: str, span: Span) -> bool:
    """Whether the speaker phrase, as the sentence writes it, ends in a plural noun ("Two engineers", "officials")."""
    last = speaker.split()[-1]
    return any(t.text == last and t.tag_ in ("NNS", "NNPS") for t in span)


def _crediting_tokens(doc: Doc) -> list[int]:
    """The indices of a report's tokens that may credit someone: "according" and verbs of saying.
    Read off the Doc's arrays of string ids: a Token object per word (as iterating a Span makes) is slow."""
    store = doc.vocab.strings
    lower, pos, lemma, head = doc.to_array(["LOWER", "POS", "LEMMA", "HEAD"]).T
    verbal = (pos == store["VERB"]) | (pos == store["AUX"])
    saying = [h for h in set(lemma[verbal].tolist()) if store[h].lower() in _CREDITING_VERBS]
    # A credit in a phrase of its own, with no one saying: "obtained by The Times and first reported by NBC News",
    # "in an interview with AllHipHop.com", "[via TorrentFreak.com]" (`_names_a_source` reads the rest)
    prepositions = np.isin(lower, [store[w] for w in _CREDITING_PREPOSITIONS])
    heads = np.arange(len(lower)) + head.astype(np.int64)  # (HEAD is the offset to the head)
    sources = np.isin(lemma, [store[w] for w in _SOURCE_WORDS])
    # "says David Graham at The Atlantic" ("at" on the name, or on "says")
    writer_at = (lower == store["at"]) & ((pos[heads] == store["PROPN"]) | np.isin(lemma[heads], [store["say"], store["write"]]))
    # "a statement provided to NPR", "an email sent to the Guardian": words given to an outlet
    given_to = (lower == store["to"]) & np.isin(lemma[heads], [store[w] for w in _GIVEN_TO])
    by_preposition = (prepositions & ((lower == store["via"]) | (lower == store["per"]) | sources[heads])) | writer_at | given_to
    return np.flatnonzero((lower == store["according"]) | (verbal & np.isin(lemma, saying)) | by_preposition).tolist()


def _quote_marks(sentence: Sentence) -> list[int]:
    """The offsets of the sentence's double quote marks, in order."""
    return [sentence.start + m.start() for m in re.finditer(r"[\"“”]", sentence.text)]


def _inside_quote(marks: list[int], offset: int) -> bool:
    """Whether the character at `offset` lies inside a double quote opened before it (`marks`: `_quote_marks`)."""
    return bisect_left(marks, offset) % 2 == 1


def _attribution(tokens: list[Token], sentence: Sentence, names: OutletNames, last_person: str | None,
                 person_words: set[str], last_outlet: str | None = None, just_credited: str | None = None,
                 last_group: str | None = None) -> Attribution | None:
    """What a sentence credits, read off its `tokens` that may credit someone ("according", verbs of
    saying; the others are passed over anyway)."""
    speaker = origin = None
    written = None  # the words that name the origin, as the report wrote them
    named = False  # the speaker is a person named in these words ("Rodriguez told"), not "he" or "a source"
    phrases: list[tuple[int, int]] = []
    marks: list[int] | None = None  # the sentence's quote marks, found when a verb of saying first asks
    for token in tokens:
        if token.lower_ in _CREDITING_PREPOSITIONS or token.lower_ == "to":
            if OWN_FOOT_LINE.search(sentence.text):
                continue  # "Original article on Live Science.": the report saying which outlet it is (origins.own_outlet)
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            phrase = _phrase(obj) if obj is not None and (token.lower_ in ("via", "per") or _names_a_source(token)) else None
            if phrase and names.is_outlet(_text(phrase)):
                phrases.append((token.idx, _end(phrase)))
                if not origin:
                    origin, written = names.resolve(_text(phrase)), _text(phrase)
            continue
        if token.lower_ == "according":
            target = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in target.children if c.dep_ == "pobj"), None) if target is not None else None
            if obj is None:
                continue
            phrase = _phrase(obj)
            phrases.append((token.idx, _end(phrase)))
            if names.is_outlet(_text(phrase)):
                if not origin:
                    origin, written = names.resolve(_text(phrase)), _text(phrase)
                speaker = speaker or _journalist_named(phrase)
            else:
                speaker = speaker or _text(phrase)
                if not origin:
                    origin, written = _outlet_inside(obj, names)
            continue
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX") or lemma not in _CREDITING_VERBS or (lemma == "cite" and not _as_saying(token)):
            continue
        if marks is None:
            marks = _quote_marks(sentence)
        if _inside_quote(marks, token.idx):
            continue  # '"... that we confirm the death of our friend," the statement read': what is said, not who says it
        subject = (next((c for c in token.children if c.dep_ in SUBJECTS), None) or _issuer(token) or _quoted(token)
                   or _outlet_just_before(token, names))
        if subject is None:
            continue  # "is said to have", "is believed": hearsay with no one named
        first_piece, subject = subject, _whole_word(subject)
        if subject.idx < sentence.start:
            continue  # a word of the dateline cut off the sentence: "ALLENTOWN, Pa. (AP) — Workers say"
        if lemma in _FINDING_VERBS and lemma not in REPORTING_VERBS:
            found_by = _outlet_inside(subject, names)[0] if subject.lemma_.lower() in _REPORT_NOUNS else None
            if not found_by:
                continue
        subject_phrase = _phrase(subject)
        if first_piece is not subject:
            subject_phrase = list(subject.doc[first_piece.i : subject_phrase[0].i]) + subject_phrase
        subject_text = _text(subject_phrase)
        # "said Jordan Isenstadt, a spokesman": the speaker may come after the verb
        start, end = min(subject_phrase[0].idx, token.idx), max(_end(subject_phrase), token.idx + len(token.text))
        if _THE_OUTLET.match(subject_text) and last_outlet and _says_as_an_outlet(token, lemma):
            if not origin:  # "the newspaper said": the outlet the report credited last, named there, not inferred
                origin, written = last_outlet, last_outlet
        elif subject.lower_ == "it" and just_credited and lemma in _PUBLISHED:
            if not origin:  # "Us Weekly reports that … It reported that …": the outlet just credited (not "it said":
                origin, written = just_credited, just_credited  # a company or a ministry says things too)
        elif names.is_outlet(subject_text) and _says_as_an_outlet(token, lemma):
            if not origin:
                origin, written = names.resolve(subject_text), subject_text
            speaker = speaker or _journalist_named(subject_phrase)
        elif lemma in _OUTLET_ONLY_VERBS:
            if subject.pos_ != "PROPN" or subject.ent_type_ in ("PERSON", "GPE", "NORP"):
                continue  # "she learned", "Sweden learned"
            if not origin:  # "Recode has learned": only an outlet learns in a sentence of its own
                origin, written = names.resolve(subject_text), subject_text
        elif subject.pos_ in ("PROPN", "NOUN", "PRON") and not (subject.pos_ == "PRON" and subject.lower_ not in _PRONOUNS):
            if speaker is None:
                # a pronoun stands for the person named before it, if any; "they" and "we" never for one
                # person ("..., they write": the studio's lawyers, not the linguist named before)
                speaker = ((last_person or None) if subject.lower_ not in _GROUP_PRONOUNS else last_group) \
                    if subject.lower_ in _PRONOUNS else subject_text
                named = subject.ent_type_ == "PERSON" or (subject.pos_ == "PROPN" and subject.text in person_words) \
                    or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > subject.i  # "co-author Dr. Quintero"
                           and not any(t.is_punct for t in subject.doc[subject.i : c.i]) for c in subject.children)
            if not origin:
                origin, written = _outlet_inside(subject, names)
        else:
            continue
        for told_phrase in _told(token) + _asked_by(token):
            end = max(end, _end(told_phrase))
            told = _journalist_of(told_phrase) or _text(told_phrase)  # "told CNN's Pamela Brown": CNN
            if names.is_outlet(told) and not origin:
                origin, written = names.resolve(told), told
            elif _THE_OUTLET.match(told) and last_outlet and not origin:
                origin, written = last_outlet, last_outlet  # "told the newspaper": the one the report credited last
        phrases.append((start, end))
    if not phrases:
        return None
    evidence = [Evidence(sentence.document, start, end) for start, end in sorted(set(phrases))]
    kind = "outlet" if origin else "source"
    inferred = bool(origin and written and not names_outlet(written, origin))
    return Attribution(sentence.document, sentence.index, speaker, origin, evidence, kind=kind, named=named, inferred=inferred)


_STATEMENTS = {"statement", "release", "message", "letter", "post", "tweet", "note"}


def _says_as_an_outlet(verb: Token, lemma: str) -> bool:
    """Whether a verb, its subject an outlet, credits that outlet with what follows: one of OUTLET_VERBS, and for
    those that also do things (_SAYING_ONLY) no object ("the newspaper added that two were hurt", not "added 20
    pages")."""
    return lemma in OUTLET_VERBS and not (lemma in _SAYING_ONLY and any(c.dep_ in ("dobj", "dative") for c in verb.children))


def _as_saying(verb: Token) -> bool:
    """'cited two engineers as saying', 'were cited as telling': a verb that says whose words follow."""
    return any(p.dep_ == "prep" and p.lower_ == "as" and any(c.lemma_.lower() in ("say", "tell") for c in p.children)
               for p in verb.children)


def _quoted(verb: Token) -> Token | None:
    """'Johansson was quoted as telling ...', 'Two engineers were cited as saying': who was quoted is who speaks."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _told(verb: Token) -> list[list[Token]]:
    """The phrases naming who a verb of saying tells: 'told the Birmingham Mail'; and for 'was quoted as telling
    the newspaper Aftonbladet' or 'as saying by the newspaper Expressen', the outlet that quoted them."""
    lemma = verb.lemma_.lower()
    # "said in a telephone interview with Bloomberg News", "In a statement to CBS12, McDowell explained", "In an
    # interview published on Oct. 18 in the Sunday Times, Gadhafi was quoted as saying", "He said on NBC"
    given = [noun for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
             for noun in p.children if noun.dep_ == "pobj" and noun.lemma_.lower() in _GIVEN_IN]
    given_in = [_phrase(o) for noun in given
                for o in noun.subtree if o.dep_ == "pobj" and o.head.lower_ in ("with", "to", "in", "on", "for")
                and _names_a_source(o.head)]
    # "said in a Harlow Herald interview": the outlet named before the noun
    given_in += [by for noun in given if (by := _compound_before(noun)) and is_outlet(_text(by))]
    given_in += [phrase for p in verb.children if p.dep_ == "prep" and p.lower_ == "on"
                 for o in p.children if o.dep_ == "pobj" and is_outlet(_text(phrase := _phrase(o)))]  # (not "on Tuesday")
    # "Speaking to the BBC, the minister said", "talking with CNN"
    given_in += [phrase for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in ("speak", "talk")
                 for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                 for o in p.children if o.dep_ == "pobj" and is_outlet(_text(phrase := _phrase(o)))]
    # "A source confirmed the deal to the New York Post", "said to the BBC"
    given_in += [phrase for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                 for o in p.children if o.dep_ == "pobj" and is_outlet(_text(phrase := _phrase(o)))]
    if lemma == "tell":
        return _object_phrase(verb) + given_in
    if lemma not in ("quote", "cite") or _quoted(verb) is None:
        return given_in
    found = []
    for saying in (v for a in verb.children if a.dep_ == "prep" and a.lower_ == "as" for v in a.children if v.dep_ == "pcomp"):
        if saying.lemma_.lower() == "tell":
            found += _object_phrase(saying)
        found += [_phrase(o) for p in saying.children if p.dep_ == "prep" and p.lower_ in ("in", "by")
                  for o in p.children if o.dep_ == "pobj"]
    found += [_phrase(o) for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return found + given_in


# What words are said in, to or for an outlet: "in an interview with", "In a statement to", "in an email to",
# "In an op-ed for".
_GIVEN_IN = {"interview", "statement", "remarks", "comment", "email", "e-mail", "message", "letter", "op-ed", "column",
             "essay", "article", "piece"}


def _compound_before(noun: Token) -> list[Token] | None:
    """The name a noun's compounds give before it: "a Harlow Herald interview" -> Harlow Herald."""
    parts = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    return list(noun.doc[parts[0].left_edge.i : parts[-1].i + 1]) if parts else None


def _asked_by(verb: Token) -> list[list[Token]]:
    """Who asked the question a verb of saying answers: 'she said when The Hollywood Reporter asked', 'Asked by
    CNN about the report, the minister said'."""
    found = []
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "prep") or clause.lemma_.lower() != "ask":
            continue
        found += [_phrase(c) for c in clause.children if c.dep_ == "nsubj"]
        found += [_phrase(o) for a in clause.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return found


def _outlet_just_before(verb: Token, names: OutletNames) -> Token | None:
    """', Indonesia's official Antara news agency reported Sunday.': the model may hang the outlet on the
    sentence's last name and leave the verb without a subject; the noun phrase ending just before it is one."""
    if verb.i == 0 or verb.lemma_.lower() not in OUTLET_VERBS:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN"):
        return None
    head = before if before.head.i != before.i + 1 else before.head
    return head if names.is_outlet(_text(_phrase(head))) else None


def _object_phrase(verb: Token) -> list[list[Token]]:
    """The verb's object, as one phrase: the model may read "the newspaper Aftonbladet" or "Channel 11" as two
    objects side by side."""
    phrases = [_phrase(c) for c in verb.children if c.dep_ in ("dobj", "dative")]
    if not phrases:
        return []
    first = phrases[0]
    if len(phrases) > 1 and phrases[1][0].i == first[-1].i + 1 and (
            phrases[1][0].ent_iob_ == "I"  # one name the model cut in two: "told Channel 11 Wednesday"
            or (not is_outlet(_text(first)) and is_outlet(_text(first + phrases[1])))):
        return [first + phrases[1]]
    return [first]


def _whole_word(subject: Token) -> Token:
    """The subject a hyphenated word the parse split ends in: "co", "-", "author" are each a subject in "said
    co-author Dr. Rafael Quintero", and "co-founder Mira Lassen" is Lassen's phrase."""
    while (subject.i + 2 < len(subject.doc) and not subject.whitespace_ and subject.nbor().text == "-"
           and not subject.nbor().whitespace_):
        after = subject.nbor(2)
        while after.dep_ == "compound" and after.head.i > after.i:
            after = after.head
        if after.head != subject.head or after.dep_ != subject.dep_:
            break
        subject = after
    return subject


def _issuer(verb: Token) -> Token | None:
    """'The company issued a statement saying': whoever issued the statement the verb hangs off."""
    if verb.dep_ != "acl" or verb.head.lemma_.lower() not in _STATEMENTS:
        return None
    return next((c for c in verb.head.head.children if c.dep_ in SUBJECTS), None)


def _phrase(head: Token) -> list[Token]:
    """The head's noun phrase without the clauses hanging off its right."""
    tokens = [head]
    # "Life & Style", "Procter & Gamble": joined by an ampersand, one name, not two.
    ampersand = any(c.dep_ == "cc" and c.text == "&" for c in head.children)
    for child in head.children:
        if child.i < head.i or child.dep_ not in _CUT or (ampersand and child.dep_ in ("cc", "conj")):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    first, last = tokens[0], tokens[-1]
    return [t for t in head.doc[first.i : last.i + 1] if not (t.is_punct and t.i in (first.i, last.i))] or [head]


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _end(tokens: list[Token]) -> int:
    return tokens[-1].idx + len(tokens[-1].text)


def _outlet_inside(head: Token, names: OutletNames) -> tuple[str | None, str | None]:
    """(outlet, its name as written) named inside a speaker phrase: 'officials speaking ... to the Wall Street
    Journal', 'a report by ABC News', 'an editorial published in the al-Khaleej newspaper', 'The BBC's Jim Muir',
    'BBC correspondent Ian Pannell'."""
    journalist = _journalist_of(_phrase(head))
    if journalist and names.is_outlet(journalist):
        return names.resolve(journalist), journalist
    # "Two London newspapers, The Guardian and the leading Arabic daily Al-Hayat, reported": the names in apposition
    # (each an outlet the report has now described: "Al-Hayat's report said" later)
    listed = [n for c in head.children if c.dep_ == "appos" for n in (c, *c.conjuncts)]
    outlets = [written for n in listed if names.is_outlet(written := _text(_phrase(n)))]
    for written in outlets:
        names.learn(tidy_name(written))
    if outlets:
        return names.resolve(outlets[0]), outlets[0]
    for token in head.subtree:
        if token.dep_ != "pobj" or not _names_a_source(token.head):
            continue
        written = _text(_phrase(token))
        if names.is_outlet(written):
            return names.resolve(written), written
    # "this L.A. Times story", "a New York Post report": the outlet a report is by; "Michael Silverman of the Boston
    # Herald": a person of an outlet writes for it
    written_as: list[str] = []
    by = _compound_before(head) if head.lemma_.lower() in _REPORT_NOUNS else None
    if by:
        written_as.append(_text(by))
    if head.ent_type_ == "PERSON":
        written_as += [_text(_phrase(o)) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for o in c.children if o.dep_ == "pobj"]
    for written in written_as:
        if names.is_outlet(written):
            return names.resolve(written), written
    return None, None


# What a report's words appear in, or are given to: "a report by ABC News", "published Sunday in the newspaper
# X", "an interview with CNN", "in a statement to CBS12".
_REPORT_NOUNS = {"report", "story", "article", "editorial", "column", "interview", "statement", "broadcast", "program",
                 "programme", "show", "piece", "commentary", "dispatch", "remarks",
                 # an outlet's own counting: "according to an Associated Press tally", "a Herald analysis" (not a
                 # survey or a poll: companies and pollsters make most, "a 2014 survey by American Express")
                 "tally", "analysis", "investigation", "op-ed", "essay"}
_PUBLISHING = {"publish", "broadcast", "air", "print", "run", "appear"}


# What words are given to an outlet by: "a statement provided to NPR by a publicist", "an email sent to the Guardian".
_GIVEN_TO = ("provide", "give", "send", "hand", "leak", "release")
_WORDS_GIVEN = _REPORT_NOUNS | _STATEMENTS | {"email", "e-mail", "document", "memo", "copy", "recording", "transcript", "comment"}


def _names_a_source(preposition: Token) -> bool:
    """Whether the preposition's object is where the words come from: 'to X' (spoken to it), 'with X' after an
    interview, 'by' or 'in' X after a report or after 'published'."""
    word, governor = preposition.lower_, preposition.head
    if word == "to":
        if governor.lemma_.lower() not in _GIVEN_TO:
            return True
        # words given, not money or a medal: "a statement provided to NPR", "sent an email to the Guardian"
        given = [governor.head] if governor.dep_ == "acl" else [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(g.lemma_.lower() in _WORDS_GIVEN for g in given)
    if word == "with":
        return governor.lemma_.lower() in ("interview", "conversation", "talk")
    if word in ("by", "in", "on"):
        return (governor.lemma_.lower() in _REPORT_NOUNS or governor.lemma_.lower() in _PUBLISHING
                or (word == "by" and governor.lemma_.lower() in _OBTAINED))
    if word == "for":  # "wrote in a column for the Harlow Herald": a piece written for an outlet
        return governor.lemma_.lower() in _REPORT_NOUNS
    if word == "at":  # "says David Graham at The Atlantic": a writer at an outlet (the parse may hang it on "says")
        return (governor.pos_ == "PROPN" and governor.ent_type_ == "PERSON") or governor.lemma_.lower() in ("say", "write")
    return False


# "a copy of the order obtained by NBC News", "an email reviewed by the Guardian": the document came from X.
_OBTAINED = {"obtain", "review", "see", "examine", "compile", "gather", "collect"}
# The words a preposition naming where words come from hangs on, for `_crediting_tokens` to find it by.
_CREDITING_PREPOSITIONS = ("by", "via", "per", "with", "in", "on", "at", "for")
_SOURCE_WORDS = tuple(sorted(_REPORT_NOUNS | _PUBLISHING | _OBTAINED | {"interview", "conversation", "talk"}))


# Who reports for an outlet ("The BBC's Jim Muir", "BBC correspondent Ian Pannell", "CNN's Pamela Brown"); an
# analyst or anchor speaking for themselves is not its reporting.
_JOURNALISTS = {"correspondent", "reporter", "journalist", "editor", "producer"}
_POSSESSIVE_OUTLET = re.compile(
    r"^(?:[Tt]he\s+)?(?P<outlet>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+"
    r"(?:[A-Z\"“']|(?:own\s+)?(?:report|story|article|editorial|investigation|reporting|analysis|interview|poll)\b)"
)  # "The BBC's Jim Muir", "Al-Hayat's report"


def _journalist_named(phrase: list[Token]) -> str | None:
    """The phrase itself, when a person's name follows the outlet's possessive ("The BBC's Paul Adams"; "NBC's
    Today" names none, nor does "The Miami Herald", which the model may tag as a person): the outlet's journalist
    is who speaks."""
    owner = next((t.i for t in phrase if t.dep_ == "case" or t.text in ("'s", "’s")), None)
    return _text(phrase) if owner is not None and any(t.ent_type_ == "PERSON" and t.i > owner for t in phrase) else None


def _journalist_of(phrase: list[Token]) -> str | None:
    """The outlet whose journalist the phrase names ("The BBC's Jim Muir" -> "BBC"), or None."""
    text = _text(phrase)
    match = _POSSESSIVE_OUTLET.match(text)
    if match:
        return match.group("outlet")
    for token in phrase:
        if token.text.islower() and token.lemma_.lower() in _JOURNALISTS:  # (not "The Hollywood Reporter")
            before = [t for t in phrase if t.i < token.i and t.dep_ in ("compound", "nmod", "poss") and t.head.i == token.i]
            if before:
                return _text([t for t in phrase if before[0].left_edge.i <= t.i <= before[-1].i and not t.is_punct
                              and t.lower_ not in ("the", "'s", "’s")])
    return None


def _people_named(attribution: Attribution, text: str, person_words: set[str]) -> set[str]:
    """Speaker keys of the people the attributing words name ("director Jakob Hernig tells News 10": hernig)."""
    words = {w for e in attribution.evidence for w in re.findall(r"[A-Z][\w'’-]+", text[e.start:e.end]) if w in person_words}
    return {key for w in words if (key := speaker_surname(w))}


_NAME_OF = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s+of\s+")


def speaker_surname(speaker: str | None) -> str | None:
    """A speaker's key, their last word: "Finance Minister Ana Kerrigan" is kerrigan, "the BBC's Jim Muir" muir."""
    if not speaker:
        return None
    speaker = speaker.split(",")[0].strip() or speaker  # "the BBC's Jim Muir, in Beirut": Muir
    named = _NAME_OF.match(speaker)
    if named:  # "Dana Kell of Fox Sports": Kell, not "sports" (which "Harlow Youth Sports said" shares)
        speaker = named.group("name")
    word = speaker.split()[-1].lower().strip(".,'’")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def speaker_key(speaker: str | None) -> str:
    """Speakers compared loosely: 'A U.S. official' = 'a US official'."""
    if not speaker:
        return ""
    return re.sub(r"[^\w ]", "", tidy_name(speaker).lower().replace(".", ""))


def carry_between(story: Story, attributions: dict[tuple[str, int], Attribution], gap: int = 2) -> None:
    """Up to `gap` uncredited sentences between two credited to one outlet are that outlet's reporting too.

    "…, two Western officials said [WSJ]. The people suspected … are based in
    Birmingham. … according to the Wall Street Journal."
    """
    by_document: dict[str, list[Sentence]] = {}
    for sentence in story.sentences:
        if sentence.role == "body":
            by_document.setdefault(sentence.document, []).append(sentence)
    for document, sentences in by_document.items():
        credited = [i for i, s in enumerate(sentences) if (document, s.index) in attributions]
        for before, after in pairwise(credited):
            first, last = attributions[document, sentences[before].index], attributions[document, sentences[after].index]
            if 1 < after - before <= gap + 1 and first.origin and first.origin == last.origin:
                for sentence in sentences[before + 1 : after]:
                    attributions[document, sentence.index] = first
