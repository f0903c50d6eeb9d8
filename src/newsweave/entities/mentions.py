"""Names in the reports: spaCy's NER mentions, plus the table's aliases it missed."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from newsweave.annotate.sentences import LEADING_CREDIT, PHOTO_CREDIT, asked, title_case
from newsweave.annotate.tokens import doc_text, kept_on
from newsweave.entities.aliases import alias_pattern, lookup
from newsweave.quantities import PERSON_NOUNS, TITLES
from newsweave.story import BODY, BOILERPLATE, Mention, Sentence, Story

MENTION_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC")
# (and VESSEL: a ship's or a craft's name, which the model has no label for; see _VESSELS)

# A wire photo slug opening a caption: "RTS717A A bird flies overhead ...". Letters,
# digits, then a letter again, so a flight or a model ("MH370 Search") is no slug.
SLUG = re.compile(r"[A-Z]{2,6}\d+[A-Z][A-Z0-9]*(?=\s+[A-Z\"“])")


def body_copy(sentence: Sentence) -> bool:
    """Whether a sentence is the report's own copy: not a caption, a slug-led line or boilerplate, nor a
    question the writer asks. Only body copy feeds the timeline, the links between entities and the disagreements."""
    return sentence.role == BODY and not SLUG.match(sentence.text) and not asked(sentence.text)

# What the NER span drags along that is not part of the name: "The Mirror: '",
# "the Metropolitan Police's".
# (and the zero-width spaces a text copied from a page may carry: "Baghdad\u200b")
_LEADING_NOISE = re.compile(r"^(?:the\s+|[\"'“”‘’(\[\s—–\u200b\u2060\ufeff])+", re.IGNORECASE)  # ("— Jennifer Rivers")
_TRAILING_NOISE = re.compile(r"(?:['’]s|['’]|[\"“”)\]:;,./\s—–\u200b\u2060\ufeff])+$")  # ("Christina House /")


def story_mentions(story: Story) -> list[Mention]:
    """Every name mention in the story's body and captions, in document order."""
    mentions: list[Mention] = []
    descriptions: dict[str, Counter] = defaultdict(Counter)
    for document in story.documents:
        doc = story.workspace.parses.get(document.id)
        if doc is None:
            continue
        sentences = [(i, s) for i, s in enumerate(story.sentences) if s.document == document.id]
        found = _add_table_aliases(_ner_mentions(document.id, doc, document.text, descriptions), document.id,
                                   document.text)
        found = sorted(found + _vessels_the_model_missed(doc, document.text, document.id, descriptions),
                       key=lambda m: m.start)
        mentions.extend(_outside_credits(_in_sentences(found, sentences), document.text))
    texts = {document.id: document.text for document in story.documents}
    mentions = _titles_before_people(_names_cut_short(_as_described(mentions, descriptions), texts), texts)
    return _repair_headline_names(_storms_named_short(_split_coordinated(_teams_named_for_places(mentions))), story)


# Plurals that end a place's name ("the Virgin Islands", "Colorado Springs"), not a team's ("Miami Dolphins").
_PLACE_PLURALS = {"islands", "isles", "states", "heights", "highlands", "lowlands", "midlands", "mountains", "hills",
                  "cities", "falls", "springs", "lakes", "territories", "provinces", "emirates", "plains", "keys",
                  "banks", "countries", "woods", "gardens", "flats", "rocks", "downs", "sands", "wells", "oaks",
                  "pines", "forks", "rapids", "alps", "glades", "meadows", "narrows", "shores", "towers"}


def _teams_named_for_places(mentions: list[Mention]) -> list[Mention]:
    """'the 2008 Miami Dolphins' taken for a place: a place the story names alone, and a plural after it, is a team."""
    places = {m.text for m in mentions if m.label in PLACE_LABELS}
    teams = []
    for mention in mentions:
        place, _, last = mention.text.rpartition(" ")
        if (mention.label in ("GPE", "LOC") and place in places and last[:1].isupper() and last.endswith("s")
                and last.lower() not in _PLACE_PLURALS):
            mention = dataclasses.replace(mention, label="ORG")
        teams.append(mention)
    return teams


def _as_described(mentions: list[Mention], descriptions: dict[str, Counter]) -> list[Mention]:
    """Every mention of a name is what the nouns beside it anywhere in the story call it, where they agree:
    "Prodigy, iconic rapper" makes a person of the Prodigy the model took for an organisation in most mentions,
    "the shoe company Jimmy Choo" an organisation of the 'person'."""
    kinds = {text: next(iter(counts)) for text, counts in descriptions.items() if len(counts) == 1}
    described = [
        dataclasses.replace(m, label=kinds[m.text])
        if m.text in kinds and (m.label in _DESCRIBED_LABELS or (m.label in _MAYBE_VESSELS and kinds[m.text] == "VESSEL"))
        and not _people_of_a_group(m, kinds[m.text])
        else m
        for m in mentions
    ]
    return [m for m in described if m.label not in _MAYBE_VESSELS]  # (a work's title or a product: no one involved)


_DESCRIBED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}  # (not an event: "the Boston Marathon" stays one)


def _people_of_a_group(mention: Mention, kind: str) -> bool:
    """A group word in the plural ("224 people, including 12 Americans") is people of the group, not a person."""
    return kind == "PERSON" and mention.label == "NORP" and mention.text.endswith("s")


def _titles_before_people(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """'Actress America Ferrera' an organisation, 'Mountaineer Ueli Steck' too: a word the report also writes in
    lower case ('the actress'), or a group's word ('Nazi Adolf Eichmann'), run into a name the story gives a person
    elsewhere, is that person's title."""
    people = {m.text for m in mentions if m.label == "PERSON" and " " in m.text}
    groups = {m.text for m in mentions if m.label == "NORP"}  # ("Nazi Adolf Eichmann": a group's word)
    lower_words: dict[str, set[str]] = {}  # each report's words in lower case, read once if ever asked
    titled = []
    for mention in mentions:
        first, _, rest = mention.text.partition(" ")
        if rest not in people or not (first.istitle() and first.isalpha()):
            titled.append(mention)
            continue
        if mention.document not in lower_words:
            lower_words[mention.document] = lower_case_words(texts[mention.document])
        if first.lower() in lower_words[mention.document] or first in groups:
            start = mention.start + len(first) + 1
            mention = dataclasses.replace(mention, start=start, text=rest, label="PERSON")
        titled.append(mention)
    return titled


NAME_WORDS = 12  # a "name" longer than this is the model's misreading (a run of capitals)
_LONGER_NAMES = 4  # the longest names kept for each shorter name they begin with (a hostile page has thousands)


def _names_cut_short(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """'said Lehigh County Humane Society Executive Director Mary Shafer': the model cut an organisation's
    name before its last word ('Lehigh County Humane'). Where the words after a name go on to spell a longer
    name of the same kind that the story gives, the mention is that name."""
    longer: dict[tuple[str, str], list[str]] = {}
    for text, label in sorted({(m.text, m.label) for m in mentions if m.label != "PERSON" and " " in m.text}):
        words = text.split(" ")
        for size in range(1, min(len(words), NAME_WORDS)):
            names = longer.setdefault((" ".join(words[:size]), label), [])
            names.append(text)
            names.sort(key=lambda name: (-len(name), name))
            del names[_LONGER_NAMES:]
    extended = []
    for mention in mentions:
        text = texts[mention.document]
        name = next((name for name in longer.get((mention.text, mention.label), ())
                     if text.startswith(name, mention.start)
                     and not text[mention.start + len(name):mention.start + len(name) + 1].isalnum()), None)
        extended.append(dataclasses.replace(mention, end=mention.start + len(name), text=name) if name else mention)
    return extended



def _storms_named_short(mentions: list[Mention]) -> list[Mention]:
    """'Babs' after 'Typhoon Babs' is the storm too, whatever the model called it."""
    storms = {m.text.split()[-1] for m in mentions if m.label == "EVENT" and _STORM.match(m.text)}
    return [dataclasses.replace(m, label="EVENT") if m.text in storms else m for m in mentions]


_AND = re.compile(r"\s+(?:and|&)\s+")


def _split_coordinated(mentions: list[Mention]) -> list[Mention]:
    """'Millbrook and Riverton' taken for one organisation is two names when the story names each
    alone elsewhere; 'Procter and Gamble', whose halves no report names alone, stays whole, and so
    does a name the story gives whole more than once ('the U.S. Fish and Wildlife Service', though
    the model cut a 'U.S. Fish' out of it elsewhere)."""
    known: dict[str, str] = {}
    for mention in mentions:
        if not _AND.search(mention.text):
            known.setdefault(mention.text, mention.label)
    repeated = Counter(_TRAILING_NOISE.sub("", m.text) for m in mentions)
    split = []
    for mention in mentions:
        parts = _AND.split(mention.text)
        if len(parts) != 2 or repeated[_TRAILING_NOISE.sub("", mention.text)] > 1:
            split.append(mention)
            continue
        first, second = parts[0], _TRAILING_NOISE.sub("", parts[1])
        if first not in known or second not in known:
            split.append(mention)
            continue
        second_start = mention.start + mention.text.index(parts[1], len(first))
        split.append(Mention(mention.document, mention.start, mention.start + len(first), first, known[first], mention.sentence))
        split.append(Mention(mention.document, second_start, second_start + len(second), second, known[second], mention.sentence))
    return split


def _repair_headline_names(mentions: list[Mention], story: Story) -> list[Mention]:
    """Cut a Title Case headline's run-on names ("Flips Bush", "Red Sox Teixeira Rumor")
    down to the names the story's ordinary sentences use ("Bush", "Red Sox", "Teixeira")."""
    titled = {i: title_case(story.sentences[i].text) for i in {m.sentence for m in mentions}}  # once a sentence
    in_headline = [titled[m.sentence] for m in mentions]
    known = set()
    for mention, headline in zip(mentions, in_headline, strict=True):
        if not headline:
            known.add(mention.text)
            words = mention.text.split()
            known.update(" ".join(words[i:]) for i in range(1, len(words)))  # "LaRue", "Colts", "Red Sox"
    repaired = []
    for mention, headline in zip(mentions, in_headline, strict=True):
        if not headline or mention.text in known or " " not in mention.text:
            repaired.append(mention)
            continue
        repaired.extend(_known_parts(mention, known) or [mention])
    return repaired


def _known_parts(mention: Mention, known: set[str]) -> list[Mention]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", mention.text)]
    parts, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            text = mention.text[words[i][0]:words[j - 1][1]]
            if text in known:
                start = mention.start + words[i][0]
                parts.append(Mention(mention.document, start, start + len(text), text, mention.label, mention.sentence))
                i = j
                break
        else:
            i += 1
    return parts


def _ner_mentions(document_id: str, doc, document_text: str, descriptions: dict[str, Counter]) -> list[Mention]:
    """The model's names in one report; what the nouns beside a name call it is counted into `descriptions`."""
    mentions = []
    common_noun = _common_nouns(document_text)
    speakers = _speaking_surnames(doc)
    # "(NYSE: KORS)": no exchange, no one (the codes in order and apart: each name looks up the one before it)
    codes = [m.span() for m in _SHARE_CODE.finditer(document_text)]
    code_starts = [start for start, _ in codes]
    for ent in doc.ents:
        at = bisect.bisect_right(code_starts, ent.start_char) - 1
        if at >= 0 and ent.end_char <= codes[at][1]:
            continue
        vessel_start = _vessel_s_name_start(ent)
        if vessel_start is not None or ent.label_ in _MAYBE_VESSELS:
            # "the ferry Gull Maiden": a ship's name (with the words the model left out of it), and so "the Gull
            # Maiden" elsewhere, which the model took for a work's title (kept till the names are read as described)
            first = ent.start_char if vessel_start is None else vessel_start
            start, end = _trim(document_text[first : ent.end_char])
            text = document_text[first + start : first + end]
            if vessel_start is not None and end - start >= 2 and not text.islower():
                descriptions[text]["VESSEL"] += 1
            if end - start >= 2:
                mentions.append(Mention(document_id, first + start, first + end, text,
                                        "VESSEL" if vessel_start is not None else ent.label_))
            continue
        if ent.label_ not in MENTION_LABELS:
            continue
        written = document_text[ent.start_char : ent.end_char]  # (`Span.text` makes a Token per word)
        start, end = _trim(written)
        start, end = _without_lowercase_words(ent, start, end)
        if ent.label_ == "PERSON":
            end = _before_a_preposition(ent, start, end)
            title = _TITLE.match(written, start, end)
            if title and title.end() < end:
                start = title.end()  # "Deputy Ortiz" is Ortiz
        district_of = (ent.label_ in ("GPE", "LOC", "ORG") and len(ent) > 1 and ent[-1].lower_ == "district"
                       and _a_district_s_office(doc, ent.end))
        if district_of:
            end = ent[-2].idx + len(ent[-2]) - ent.start_char  # "Travis County District Attorney": a title's word
        person_by_surname = _surname_of_a_speaker(ent, speakers)
        # The sentence's first word, read into the name: "Across Capitol Hill on Wednesday, ...", and a noun
        # the sentence capitalised before a person's name ("Mountaineer Ueli Steck said")
        opening = ent[0].lower_ in _OPENING_PREPOSITIONS or (person_by_surname and len(ent) > 2 and common_noun(ent[0].text))
        if len(ent) > 1 and ent[0].is_sent_start and opening and ent[1].idx - ent.start_char > start:
            start = ent[1].idx - ent.start_char
        if end - start < 2:
            continue
        ticker = TICKER_AT_END.search(written, start, end)
        if ticker:  # "Kate Spade & Co KATE.N", "PRTP.PA": a share's code on the wire, no part of a name
            end = len(written[:ticker.start()].rstrip())
            if end - start < 2:
                continue
        text = written[start:end]
        if text.islower():
            continue  # no capital, no name: "secretary of state" tagged an organisation
        if len(ent) == 1 and _runs_on_past_a_hyphen(doc, ent.end) and not _in_a_headline(ent):
            continue  # a name cut at its hyphen: "Ross" of "Ross-shire", "KRS" of "KRS-One"
        if ent.label_ == "ORG" and len(ent) == 1 and _shouted_word(ent) and not lookup(text) \
                and common_noun(text.title(), anywhere=True):
            continue  # a word in capitals for the type, not initials: "PROVISIONAL TRIAL DATE SET", "A CAR park"
        if ent.label_ == "PERSON" and len(ent) == 1 and ent[0].tag_ == "NNPS" and ent[0].is_sent_start:
            continue  # a plural noun capitalised by the sentence: "Sirens sounded in Millbrook"
        if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and ent[0].is_sent_start and common_noun(text):
            continue  # "Accuracy of information is very important": a noun the report also writes in lower case
        if ent.label_ == "PERSON" and ent[-1].lower_ in _OFFICES and ent.end < len(doc) and doc[ent.end].lower_ == "of":
            continue  # an office, not a name: "Broward Supervisor of Elections Brenda Snipes"
        if ent.label_ == "ORG" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in ("secretary", "minister"):
            continue  # the first word of a title: "Press Secretary Sarah Sanders" names no press
        # Keep "U.S.", "Kinkade Co." and "Pa." whole: the trailing full stop belongs to the abbreviation.
        if written[end:end + 1] == "." and (re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", text) or _ABBREVIATED.search(text)
                                            or text + "." in AP_STATES):
            end += 1
            text += "."
        if text.upper() in _TIME_ZONES or text.lower() in _DAYS or (ent.label_ != "EVENT" and text.lower() in _OBSERVANCES):
            continue  # "10 a.m. GMT": a clock, not an organisation; "Monday" is no place, "the Sabbath" no one
        if text in _ABBREVIATED_NOUNS or (text.endswith("s") and text[:-1] in _ABBREVIATED_NOUNS):
            continue  # "arrested on suspicion of DUI", "placed on IR", "two TDs": a thing's initials, no one's name
        if ent.label_ == "ORG" and len(ent) == 1 and ent.start > 1 and doc[ent.start - 1].lower_ == "of" \
                and doc[ent.start - 2].lower_ in _OFFICES:
            continue  # the office's field, not an organisation: "Secretary of State Condoleezza Rice"
        if ent.label_ == "ORG" and len(ent) == 1 and text.lower() in _OFFICE_ENDINGS | _INSTITUTIONS:
            continue  # an office, not its office's name: "Sheriff's detectives"; "The University said", no name
        if len(ent) == 1 and ent.start > 1 and doc[ent.start - 1].lower_ == "the" and doc[ent.start - 2].pos_ == "PROPN":
            continue  # an epithet, part of the name before it: "Thorfinn the Mighty"
        if ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an") and ent.end < len(doc) and doc[ent.end].tag_ == "POS":
            continue  # a business named for someone: "outside a Sam's Club store"
        label = "EVENT" if _STORM.match(text) else _place_not_person(ent) or _named_after(ent) or ent.label_
        described = _described_as(ent)
        if described == "WORK":
            continue  # a title, no one's name: "Fey's first book, Bossypants"
        if described:
            descriptions[text][described] += 1
        elif ent.label_ == "PERSON" and label == "ORG" and len(ent) > 2:
            # "Michael Kors Holdings": the company's name, and so the "Michael Kors" it buys with is the company
            descriptions[text.rsplit(" ", 1)[0]]["ORG"] += 1
        if district_of or (label == "ORG" and ent.end < len(doc) and doc[ent.end].lower_ == "district"
                           and _a_district_s_office(doc, ent.end + 1)):
            label = "GPE"  # the district's place: "the Bristol District Attorney's Office", "Bristol district attorney"
        if (person_by_surname or _named_with_an_age(ent, document_text)) and label != "EVENT":
            label = "PERSON"
        elif label == "PERSON" and len(ent) > 1 and _last_word(ent).lower_ in _OFFICE_ENDINGS:
            label = "ORG"  # "Broward Sheriff's detectives", "the Fire Marshall": an office, no one's name
        elif label in ("PERSON", "GPE") and len(text.split()) > 1 and text.split()[-1] in _COMPANY_ENDINGS:
            label = "ORG"  # "Kering SA", "Harlow Holdings Ltd": a company's legal form ends its name
        if label in ("ORG", "PERSON") and STREET_ADDRESS.fullmatch(_house_number_before(document_text, ent.start_char + start) + text):
            label = "FAC"  # "428 Daly St", "64 Perry St.": an address, whatever the model took it for
        if after_a_town(document_text, ent.start_char + start, ent.start_char + end):
            label = "GPE"  # "Bolton, CT": a state's code
        if label == "ORG" and len(ent) == 1 and ent.root.pos_ == "ADJ":
            label = "NORP"  # "Islamist", "Western": a word for a group of people, not an organisation
        first = ent.start_char + start
        doubled = _DOUBLED_WORD.fullmatch(text)
        if doubled:  # "said a grim-faced Arafat Arafat": a slip of the keys, one name
            first, text = first + doubled.start(2), doubled.group(2)
        if label == "GPE" and _of_several_places(ent):  # "the villages of Zainabieh and Koohi": two villages
            cuts = [0, *(i for m in _LIST_SEPARATOR.finditer(text) for i in m.span()), len(text)]
            mentions += [Mention(document_id, first + a, first + b, text[a:b], label)
                         for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a]
            continue
        mentions.append(Mention(document_id, first, ent.start_char + end, text, label))
    return mentions


# A share's code as wire copy writes it after a company's name: "Jimmy Choo CHOO.L", "Kering SA (PRTP.PA)",
# "(NYSE: KORS)": Reuters' exchange suffixes, or an exchange named before the code.
_EXCHANGE_CODE = r"(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|AMEX):[ \t]?[A-Z][A-Z.]{0,5}"
TICKER_AT_END = re.compile(
    r"(?:^|(?<=\s))\(?(?:[A-Z][A-Z0-9]{0,5}\.(?:N|O|OQ|L|PA|DE|F|TO|V|HK|T|AX|MI|AS|SW|MC|K|BR|ST|CO|HE|OL|VI|SS|SZ|BO|NS|KS|SA|MX|SI|TW|JK)"
    rf"|{_EXCHANGE_CODE})\)?$"
)
_SHARE_CODE = re.compile(rf"\({_EXCHANGE_CODE}\)")
_DOUBLED_WORD = re.compile(r"(\w[\w'’.-]*)\s+(\1)")
# Words for a vessel, which a ship's or a craft's name follows ("the ferry Gull Maiden", "the rover Curiosity").
_VESSELS = {"ferry", "ship", "vessel", "boat", "tanker", "freighter", "trawler", "yacht", "liner", "cruiser", "frigate",
            "destroyer", "submarine", "barge", "tug", "tugboat", "schooner", "catamaran", "steamer", "steamship",
            "icebreaker", "warship", "flagship", "lifeboat", "spacecraft", "rover", "probe", "lander", "airship"}


def _vessel_s_name_start(ent) -> int | None:
    """Where a vessel's name starts, when the name follows a word for a vessel, directly or after the name's first
    capitalised words, which the model may leave out of it ("the ferry Gull Maiden" read as a person "Maiden");
    else None. (Not a name with a place's or a date's label: "the ferry to Dover", "the ship on Monday".)"""
    if ent.label_ not in _VESSEL_LABELS:
        return None
    if len(ent) > 1 and ent[0].lower_ in _VESSELS and _name_word(ent[1]):
        return ent[1].idx  # the word capitalised into the name: "Warship Sukanya"
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and ent.start - i <= 3 and _name_word(doc[i]) and not doc[i].ent_type_:
        i -= 1
    if i >= 0 and doc[i].text.islower() and doc[i].lemma_.lower() in _VESSELS:
        return doc[i + 1].idx
    return None


_VESSEL_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP", "FAC"}


def _name_word(token) -> bool:
    """A word of a ship's name: capitalised ("Gull"), or a prefix in capitals ("MV", "INS", "HMS")."""
    return token.pos_ == "PROPN" and (token.text.istitle() or (token.text.isupper() and token.is_alpha))


# Labels the model gives a ship's name ("the Gull Maiden"): only a name the story calls a vessel is kept.
_MAYBE_VESSELS = {"PRODUCT", "WORK_OF_ART"}


def _vessels_the_model_missed(doc, text: str, document_id: str, descriptions: dict[str, Counter]) -> list[Mention]:
    """Names after a word for a vessel that the model did not tag at all ("refloat the ferry Gull Maiden")."""
    found = []
    for token in doc:
        if not (token.is_lower and token.lemma_ in _VESSELS):
            continue
        last = token.i
        while last + 1 < len(doc) and last - token.i < 4 and _name_word(doc[last + 1]) and not doc[last + 1].ent_type_:
            last += 1
        # (a run the model tagged the end of, "Gull [Maiden]", is read with that name)
        if last > token.i and not (last + 1 < len(doc) and doc[last + 1].ent_type_ and doc[last + 1].ent_iob_ == "B"):
            start, end = doc[token.i + 1].idx, doc[last].idx + len(doc[last])
            descriptions[text[start:end]]["VESSEL"] += 1
            found.append(Mention(document_id, start, end, text[start:end], "VESSEL"))
    return found


def _runs_on_past_a_hyphen(doc, end: int) -> bool:
    """Whether the name's last word goes on, after a hyphen, into a word that is no name of its own: "Ross" of
    "Ross-shire", "Wu" of "Wu-Tang"; not "Obama" of "Obama-era", nor "London" of "the London-Paris train"."""
    if end + 1 >= len(doc) or doc[end].text not in ("-", "‑") or doc[end].idx != doc[end - 1].idx + len(doc[end - 1]):
        return False
    after = doc[end + 1]
    glued = after.idx == doc[end].idx + 1
    return glued and after.ent_iob_ != "B" and (after.text[:1].isupper() or after.lower_ == "shire")


def _shouted_word(ent) -> bool:
    """A word written in capitals where the copy shouts: among the first words of its sentence ("A CAR park in a
    Highland town") or beside another word in capitals ("PROVISIONAL TRIAL DATE SET")."""
    token = ent[0]
    if not (token.is_upper and token.is_alpha):
        return False
    if token.i - token.sent.start < 2:
        return True
    doc = token.doc
    return any(0 <= i < len(doc) and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1
               for i in (token.i - 1, token.i + 1))


def _a_district_s_office(doc, i: int) -> bool:
    """Whether the token at i (after "district") names a district's office: "District Attorney", "district court"."""
    return i < len(doc) and doc[i].lower_ in ("attorney", "attorneys", "judge", "court")


_LIST_SEPARATOR = re.compile(r",?\s+(?:and|&)\s+|,\s*")


def _of_several_places(ent) -> bool:
    """A name of places joined by "and" after a plural settlement noun and "of": "the towns of Ames and Boone"."""
    noun = ent.root.head.head if ent.root.head.lower_ == "of" else None
    return (noun is not None and noun.tag_ == "NNS" and noun.lemma_.lower() in _SETTLEMENT_NOUNS
            and any(token.lower_ in ("and", "&") for token in ent))


# Nouns that say what a name is when they stand beside it ("rapper Nas", "the shoe company Jimmy Choo", "Fey's
# book, Bossypants") or head a list of names ("brands like H&M and Zara"). A person's nouns are the figure
# readers' (quantities.PERSON_NOUNS, titles with them), less those that may describe an organisation as well
# ("its partner Airbus", "a leader in batteries"); a company's nouns are read first ("retail giant Walmart").
_NOT_ONLY_PEOPLE = {"owner", "leader", "partner", "client", "customer", "agent", "candidate", "victim",
                    "supporter", "member", "follower", "adherent", "backer", "player", "survivor", "force", "personnel",
                    "staff", "official", "chief", "general", "king", "queen", "prince", "princess", "father"}
_ORGANISATION_NOUNS = {"company", "firm", "brand", "retailer", "chain", "label", "maker", "manufacturer", "carrier",
                       "airline", "bank", "lender", "insurer", "publisher", "broadcaster", "network", "startup",
                       "conglomerate", "house", "band", "team", "club", "agency", "charity", "newspaper",
                       "magazine", "website", "party", "giant", "automaker", "carmaker", "drugmaker", "supermarket"}
_WORK_NOUNS = {"book", "novel", "memoir", "album", "song", "single", "film", "movie", "documentary", "show", "series",
               "sitcom", "drama", "play", "musical", "opera", "poem", "painting", "app", "browser"}
_LISTING = {"like", "including", "as"}  # "brands like ...", "houses including ...", "such as"


def _described_as(ent) -> str | None:
    """'PERSON', 'ORG' or 'WORK' where the nouns beside the name say so, and say one thing. (Not in a headline,
    whose capitals make nouns of names and names of nouns: "New Zealand: British Climber Killed".)"""
    kinds, doc = set(), ent.doc
    for noun in _describing_nouns(ent):
        lemma = noun.lemma_.lower()
        if lemma in _WORK_NOUNS:
            kinds.add("WORK")
        elif lemma in _ORGANISATION_NOUNS:
            # (not after a comma: in "the lawyer for the security company, Stephen Milbrath, said" the parse
            # hangs the person's apposition on the nearest noun; "his wife, Celeste" is trusted)
            if not (noun.i < ent.start and doc[noun.i + 1].text == ","):
                kinds.add("ORG")
        elif (lemma in PERSON_NOUNS or lemma in TITLES) and lemma not in _NOT_ONLY_PEOPLE:
            kinds.add("PERSON")
    if len(kinds) != 1 or _in_a_headline(ent):
        return None
    return kinds.pop()


_HEADLINES = "newsweave.headlines"


def _in_a_headline(ent) -> bool:
    """Whether the name's sentence is a Title Case headline; each sentence read once per report (a sentence
    listing thousands of names would be read for each)."""
    sentence = ent.sent
    known: dict[int, bool] = kept_on(ent.doc, _HEADLINES, dict)
    if sentence.start not in known:
        known[sentence.start] = title_case(sentence.text)
    return known[sentence.start]


def _describing_nouns(ent) -> list:
    """The common nouns written beside the name that the parse ties to it: before it ("rapper Nas", "the shoe
    company Jimmy Choo", "Fey's first book, Bossypants"), after a comma ("Havoc, a fellow Queensbridge
    resident"; "Prodigy, iconic rapper and ...", which the parse reads as a list), or heading a list it is in
    ("brands like H&M and Zara"). Lower case, as a common noun is, but for a title before a name ("Prime
    Minister George Papandreou")."""
    root, doc = ent.root, ent.doc
    nouns = []
    for child in root.children:
        if child.pos_ not in ("NOUN", "PROPN") or child.ent_type_:
            continue
        if child.i < ent.start and child.dep_ in ("compound", "appos") and _only_modifiers(doc[child.i + 1:ent.start]):
            nouns.append(child)  # ("Queensbridge rapper Nas")
        elif child.i > ent.end and child.dep_ in ("appos", "conj") and doc[ent.end].text == "," \
                and _only_modifiers(doc[ent.end + 1:child.i]):
            nouns.append(child)
    if root.dep_ == "appos" and root.head.i < ent.start and _only_modifiers(doc[root.head.i + 1:ent.start]):
        nouns.append(root.head)  # ("his friend Havoc", "his wife, Celeste", "the company Jimmy Choo")
    first = _first_listed(root)
    if first.dep_ == "pobj" and first.head.lower_ in _LISTING and first.head.head.tag_ == "NNS":
        nouns.append(first.head.head)  # (plural: "a team including Ana Ruiz" lists people)
    return [noun for noun in nouns if noun.text.islower() or (noun.lower_ in TITLES and noun.i == ent.start - 1)]


def _only_modifiers(span) -> bool:
    """Whether the words between a name and a noun only modify the noun: "a fellow Queensbridge", ","."""
    return len(span) <= 4 and all(t.pos_ in ("DET", "ADJ", "PUNCT", "NOUN", "PROPN") and t.text not in "()—–-:;"
                                  for t in span)


# Prepositions a sentence opens with, which the model reads into the name after them ("Across Capitol Hill",
# "Inside Parliament").
_OPENING_PREPOSITIONS = {
    "across", "inside", "outside", "after", "before", "under", "over", "at", "in", "on", "from", "beyond", "near",
    "behind", "during", "since", "throughout", "within", "along", "among", "amid", "between", "despite", "toward",
    "towards", "upon", "around", "beside", "against", "like", "unlike", "for", "with", "without", "to", "into",
}


# Verbs whose subject, written as a bare surname, is a person: "Steck said", "Steck told Reuters".
_SPEAKING = {"say", "tell", "add", "explain", "recall", "insist"}
_NAME_LABELS_MISREAD = {"ORG", "GPE", "LOC", "FAC"}


def _speaking_surnames(doc) -> set[str]:
    """Capitalised words the report uses alone as the subject of 'said', 'told' ... that the model tagged as
    no place: the surnames of people who speak in it. (An organisation is not called by the last word of its
    name, so a one-word 'organisation' that speaks counts: 'Parubiy also said'; a place may be: 'Korea said'.)"""
    return {token.text for token in doc
            if token.dep_ == "nsubj" and token.pos_ == "PROPN" and token.head.lemma_ in _SPEAKING
            and (token.ent_type_ in ("", "PERSON") or _one_word_organisation(token)) and token.text.istitle()
            and not (token.i > 0 and doc[token.i - 1].pos_ == "DET")}  # (not "the Society said")


def _one_word_organisation(token) -> bool:
    doc = token.doc
    return token.ent_type_ == "ORG" and token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")


def _surname_of_a_speaker(ent, speakers: set[str]) -> bool:
    """A name of two to four capitalised words that the model took for a place or an organisation, whose last
    word the report uses alone for someone who speaks ("Ueli Steck" a place, "Mountaineer Ueli Steck" an
    organisation, and "Steck said" five times): a person. A place is not called by its last word."""
    return (ent.label_ in _NAME_LABELS_MISREAD and 2 <= len(ent) <= 4 and ent[-1].text in speakers
            and all(token.pos_ == "PROPN" and token.text.istitle() for token in ent))


# A person's age in apposition: "Dominic Godi, 21, of Bolton", "Ana Ruiz, 9, was".
_AGE_AFTER = re.compile(r",[ \t]+\d{1,2},")


def _named_with_an_age(ent, text: str) -> bool:
    """Two or three capitalised words the model took for a place or an organisation, followed by an age: a person."""
    return (ent.label_ in _NAME_LABELS_MISREAD and 2 <= len(ent) <= 3
            and all(token.pos_ == "PROPN" and token.text.istitle() for token in ent)
            and _AGE_AFTER.match(text, ent.end_char) is not None)


def lower_case_words(text: str) -> set[str]:
    """The words a report writes in lower case ("actress" of "the actress"), hyphened ones aside."""
    return set(re.findall(r"(?<![\w-])[a-z]+(?![\w-])", text))


def _common_nouns(text: str) -> Callable[..., bool]:
    """Whether a word is a common noun the model took for a name: capitalised only where it opens a
    sentence, and written in lower case elsewhere in the report. The report's words are read once, when
    first asked (asked word by word, a long report took seconds)."""
    lower: set[str] = set()
    inside: set[str] = set()  # capitalised words standing inside a sentence

    def common_noun(word: str, anywhere: bool = False) -> bool:
        """(anywhere: the report's own capitals aside, as for a word it writes all in capitals)"""
        if not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return False
        if not lower:
            lower.update(lower_case_words(text) or {""})
            inside.update(re.findall(r"[a-z,;] +([A-Z][a-z]*)(?![\w-])", text))
        return word.lower() in lower and (anywhere or word not in inside)

    return common_noun


# "Mansfield, CT", "Lyon, FR": a state's or country's code after a town, not the initials of a name.
_TOWN_BEFORE = re.compile(r"[A-Z][\w.'’-]*, $")
_STATE_CODE_AFTER = re.compile(r", [A-Z]{2}(?![\w-])")
_CODE = re.compile(r"[A-Z]{2}")


def after_a_town(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is two capitals written right after a town and a comma."""
    return (_CODE.fullmatch(text, start, end) is not None
            and _TOWN_BEFORE.search(text, max(0, start - 40), start) is not None)


# US states as AP style abbreviates them after a town ("Allentown, Pa.", "Tucker, Ga."), with the full stop
# that tells them from other letters ("PA" is also the Press Association, "VA" Veterans Affairs, "LA" Los
# Angeles): not "Mass.", also a church service, nor "N.Y.", whose city and state share a name.
AP_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington state", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


# The last word of an office named before its holder ("Broward Supervisor of Elections Brenda Snipes",
# "County Commissioner of Roads"), which the model takes with the place before it for a person.
_OFFICES = {"supervisor", "director", "secretary", "commissioner", "chairman", "chairwoman", "chair", "administrator",
            "superintendent", "treasurer", "clerk", "coordinator", "executive", "manager", "chief", "president",
            "governor", "mayor", "minister", "inspector", "comptroller", "controller", "registrar", "auditor"}


def _last_word(ent):
    """The span's last word before a possessive ending ("Broward Sheriff's")."""
    return ent[-2] if ent[-1].tag_ == "POS" and len(ent) > 1 else ent[-1]


# Institutions' kinds, which the model takes alone, capitalised, for an organisation's name ("The University
# appreciates ..."); a country's own bodies are names ("Congress", "Parliament").
_INSTITUTIONS = {"university", "college", "school", "company", "department", "hospital", "museum", "church", "agency",
                 "ministry", "commission", "committee", "council", "academy", "institute", "foundation"}
# The legal forms that end a company's name, as written: the model takes "Kering SA" for a person.
_COMPANY_ENDINGS = {"SA", "S.A.", "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "Corporation", "Holdings", "PLC", "plc",
                    "LLC", "AG", "NV", "N.V.", "GmbH", "SpA", "S.p.A.", "BV", "ASA", "LLP", "Co.", "Cos."}
# The last word of an office the model takes, with its place, for a person's name.
_OFFICE_ENDINGS = _OFFICES | {"sheriff", "marshal", "marshall", "commander", "coroner", "prosecutor", "ombudsman"}


# A street address: a house number, the street's name, and its kind.
STREET_ADDRESS = re.compile(r"\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’-]*\.?\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|"
                      r"Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|Highway|Hwy)\.?")
_HOUSE_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?[ \t]+$")


def _house_number_before(text: str, start: int) -> str:
    """The house number written right before a name ("64 " of "64 Perry St."), which the model leaves out of it."""
    number = _HOUSE_NUMBER.search(text, max(0, start - 10), start)
    return number.group() if number else ""


# A name's last word, abbreviated: "The Thomas Kinkade Co.", "Acme Inc.", "Martin Luther King Jr."
_ABBREVIATED = re.compile(r"\s(?:Co|Cos|Inc|Corp|Ltd|Bros|Jr|Sr)$")


# A named storm is an event, whatever the model calls it ("Typhoon Babs" an organisation, "Supertyphoon
# Zeb" a person); the name after the word is the storm's.
_STORM = re.compile(r"(?:Super\s*)?(?:Typhoon|Hurricane|Cyclone|Tropical Storm|Storm)\s+[A-Z]", re.IGNORECASE)
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Days and seasons of observance, which the model may take for a person or a group ("shopping for the Sabbath").
_OBSERVANCES = {"sabbath", "shabbat", "ramadan", "passover", "hanukkah", "hanukah", "chanukah", "yom kippur",
                "rosh hashanah", "diwali", "eid", "eid al-fitr", "eid al-adha", "lent", "advent", "pentecost", "purim",
                "sukkot", "christmas", "easter", "thanksgiving", "halloween", "lunar new year", "nowruz", "vesak"}
_TIME_ZONES = {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "IST", "JST",
               "KST", "HKT", "SGT", "MSK", "EET", "EEST", "AEST", "AEDT", "NZST", "NZDT", "AKST", "AKDT", "HST", "SAST"}
# Initials of common nouns, which the small model takes for organisations: offences ("arrested for DUI"), a
# game's terms ("placed on IR", "scored a TD", "won by KO"), file formats, job titles, medical words. None
# names anyone: an organisation written with the same letters ("AI", the country code) is too rare in news to
# weigh against these.
_ABBREVIATED_NOUNS = {
    "DUI", "DWI", "OUI", "OWI", "IR", "KO", "TKO", "TD", "RBI", "MVP", "QB", "GI", "HTML", "PDF", "SQL", "DLL", "URL",
    "RIP", "DOB", "VP", "VFX", "SOS", "DDT", "DNA", "HIV", "GDP", "CEO", "CFO", "COO", "SUV", "ATM", "ICU", "PTSD",
    "MRI", "IQ", "AI",
}


# Nouns that make the one-word name before them a place: "the Bataclan concert hall".
_PLACE_NOUNS = {
    "neighborhood", "neighbourhood", "district", "suburb", "quarter", "hall", "street", "road", "square", "area",
    "region", "province", "city", "town", "village", "camp", "stadium", "mosque", "church", "airport", "station",
    "hotel", "restaurant", "bar", "venue", "theatre", "theater", "prison", "hospital", "border", "county", "port",
}
# Of those, the ones that make a name an area (GPE), not a building or site (FAC).
_AREA_NOUNS = {"neighborhood", "neighbourhood", "district", "suburb", "quarter", "region", "province", "area", "county"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # the model's labels for a place
_TITLE = re.compile(
    r"(?:(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Sgt|Lt|Det|Insp|Supt|Prof|Rev|St)\.?|President|Vice|Prime|Minister|"
    r"Secretary|Senator|Governor|Mayor|Deputy|Sheriff|Officer|Judge|Justice|General|Captain|Chief|Detective|"
    r"Inspector|Superintendent|Coach|Pope|King|Queen|Prince|Princess|Sir|Dame|Lord|Lady)\s+)+"
)
_FUNCTION_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "VERB", "ADV", "PRON"}


def _place_not_person(ent) -> str | None:
    """The small model takes many places for people or organisations ("Kent", "Molenbeek", "the
    Bataclan concert hall", "the Lower Flats neighborhood", "lived on Cooper Lane"); the words around
    them say otherwise."""
    if ent.label_ not in ("PERSON", "ORG"):
        return None
    token = ent.root
    head = token.head.lemma_.lower()
    if _after_a_settlement_noun(token):
        return "GPE"  # "the northern city of Thessaloniki", "the villages of Zainabieh and Koohi"
    if any(child.dep_ == "appos" and child.lemma_.lower() in _SETTLEMENT_NOUNS for child in token.children):
        return "GPE"  # "Sarmeen, a town in Idlib"
    if ent.label_ == "ORG" and token.dep_ == "compound" and head in _SETTLEMENT_NOUNS:
        return "GPE"  # "the Idlib town of Sarmin"
    feature = _natural_feature(ent)
    if feature:
        return feature
    if token.dep_ == "compound" and head in (_PLACE_NOUNS if ent.label_ == "PERSON" else _AREA_NOUNS):
        return "GPE" if head in _AREA_NOUNS else "FAC"
    if (ent.label_ == "PERSON" and len(ent) > 1 and token.lower_ in _STREET_NOUNS and token.dep_ == "pobj"
            and head in _ALONG):
        return "FAC"
    town_of_a_state = len(ent) == 1 and _STATE_CODE_AFTER.match(doc_text(ent.doc), ent.end_char)
    if ent.label_ == "PERSON" and (_town_and_state(ent) or town_of_a_state):
        return "GPE"  # "from Ames, Iowa through Albert Lea, Minnesota"; "Dominic Godi, 21, Bolton, CT."
    if len(ent) == 1 and ent.label_ == "PERSON":
        first, places = _conjuncts(ent.doc)
        for i, label in places.get(first[token.i], ()):
            if i != token.i:
                return label  # listed with places: "Kent, Essex and London"
    return None


_CONJUNCTS = "newsweave.conjuncts"


def _conjuncts(doc) -> tuple[list[int], dict[int, list[tuple[int, str]]]]:
    """Each token's first conjunct ("A" of "A, B and C", itself if none), and for each first conjunct the places
    the model tagged among its conjuncts, in order; worked out once per report (kept in the Doc's `user_data`):
    spaCy's `Token.conjuncts` walks the whole list each time, and a list of thousands of names took seconds."""
    return kept_on(doc, _CONJUNCTS, lambda: _read_conjuncts(doc))


def _read_conjuncts(doc) -> tuple[list[int], dict[int, list[tuple[int, str]]]]:
    first = list(range(len(doc)))
    places: dict[int, list[tuple[int, str]]] = {}
    for token in doc:  # (in order: a conjunct's head, before it, is placed already)
        if token.dep_ == "conj" and token.head.i < token.i:
            first[token.i] = first[token.head.i]
        if token.ent_type_ in PLACE_LABELS:
            places.setdefault(first[token.i], []).append((token.i, token.ent_type_))
    return first, places


def _first_listed(token):
    """The first of the names the word is listed with ("A" of "A, B and C"), or the word itself."""
    return token.doc[_conjuncts(token.doc)[0][token.i]]


# Nouns whose "of" names a settlement or an area: "the city of Thessaloniki".
_SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "province", "region", "county", "municipality", "hamlet",
                     "suburb", "district", "port", "island", "commune", "prefecture", "borough", "township", "state"}
# A name's first or last word that makes it a place, whatever the model took it for: "Mount Sefton", "Aoraki
# Mount Cook National Park". Organisations may end in a few more ("Hudson River", "Hyde Park"), people not
# ("Tony Park", "Lake Bell"); "Bay" is left out ("Tampa Bay" is also a team), and so is "Hut" ("Pizza Hut").
_FEATURE_ENDINGS = {"glacier", "glaciers", "island", "islands", "peninsula", "canyon", "desert", "mountains", "volcano",
                    "reef", "archipelago"}
_ORGANISATION_FEATURE_ENDINGS = _FEATURE_ENDINGS | {"park", "river", "lake", "valley"}
_MOUNT = {"mount", "mt", "mt."}


def _after_a_settlement_noun(token) -> bool:
    """Whether the word, or the first of the names it is listed with, is the object of "of" after a settlement noun."""
    token = _first_listed(token)
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _SETTLEMENT_NOUNS


def _natural_feature(ent) -> str | None:
    """'LOC' for a mountain, a glacier, a park ... the model took for a person or an organisation."""
    if ent[0].pos_ == "DET":
        ent = ent[1:]  # ("the Mt Sefton Bivvy")
    if len(ent) < 2:
        return None
    last = ent[-1].lower_
    if len(ent) <= 3 and ent[0].lower_ in _MOUNT and last not in _NAMED_AFTER:  # (not "Mount Sinai Hospital")
        return "LOC"
    return "LOC" if last in (_ORGANISATION_FEATURE_ENDINGS if ent.label_ == "ORG" else _FEATURE_ENDINGS) else None


# The last word of something named after a person: "the David O. Selznick Collection", "the Ada Brill Memorial".
_NAMED_AFTER = {
    **dict.fromkeys(("collection", "foundation", "institute", "award", "awards", "prize", "fund", "trust", "school",
                     "college", "university", "society", "library", "museum", "center", "centre", "archive",
                     "archives", "lecture", "scholarship", "fellowship", "gallery", "galleries", "company", "co.",
                     "inc.", "corp.", "corporation", "enterprises", "studios", "holdings", "industries", "ltd",
                     "ltd.", "llc", "plc"), "ORG"),
    # (not "hall" or "park": Ellen Hall and Tony Park are people)
    **dict.fromkeys(("building", "memorial", "stadium", "airport", "hospital", "bridge", "tower", "theatre", "theater",
                     "arena"), "FAC"),
}
# Of those, the structures no organisation is named for: a stadium, an airport or a hospital may be the body
# that runs it ("Mercy Hospital said").
_STRUCTURES = {"building", "memorial", "bridge", "tower"}


def _named_after(ent) -> str | None:
    """A 'person' the model reads into a longer name whose last word says what is named after them is that thing;
    an 'organisation' whose last word is a structure is that structure ("London Bridge", "the Gant Science Building")."""
    if len(ent) < 2:
        return None
    last = ent[-1].lower_
    if ent.label_ == "ORG":
        return "FAC" if last in _STRUCTURES else None
    return _NAMED_AFTER.get(last) if ent.label_ == "PERSON" else None


def _town_and_state(ent) -> bool:
    """'from Ames, Iowa through Albert Lea, Minnesota': a place word before it and a state after it."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before not in _TOWARD or ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    state = doc[ent.end + 1]
    return state.ent_type_ == "GPE" and state.ent_iob_ == "B"


_TOWARD = {"in", "from", "through", "near", "to", "at", "outside", "of", "into", "toward", "towards"}


# The last word of a street's name, and the prepositions that put something on one: "lived on Cooper
# Lane", "along Route 9", never "said Nathan Lane" or "a film with Diane Lane".
_STREET_NOUNS = {"street", "lane", "road", "avenue", "drive", "boulevard", "highway", "st.", "ave.", "rd."}
_ALONG = {"on", "along", "off", "onto", "down", "up", "across", "near"}


def _without_lowercase_words(ent, start: int, end: int) -> tuple[int, int]:
    """'comedian Ellen DeGeneres', 'considering Lionsgate', 'Thompson in': the
    model's span took in a lowercase word that is not part of the name. Short ones
    stay ('al-Qaeda', 'de Gaulle')."""
    def strippable(token) -> bool:
        following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
        if not (token.is_lower and token.is_alpha) or following == "-":
            return False
        if token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_:
            return False  # the end of a hyphened name: "Ban Ki-moon"
        return len(token) > 3 or token.pos_ in _FUNCTION_POS

    # (a token the trim cut into, "Co." of "The Thomas Kinkade Co.", stays: a name's word, not noise)
    tokens = [t for t in ent if start <= t.idx - ent.start_char < end]
    while len(tokens) > 1 and strippable(tokens[0]):
        tokens.pop(0)
    while len(tokens) > 1 and strippable(tokens[-1]):
        tokens.pop()
    if not tokens:
        return start, end
    return tokens[0].idx - ent.start_char, min(end, tokens[-1].idx + len(tokens[-1]) - ent.start_char)


# Prepositions that end a person's name when the model runs on past them ("putting Chris Ivory on Injured Reserve");
# a name's own small words ("de", "van", "bin", "al") are not among them.
_AFTER_A_NAME = {"on", "in", "at", "for", "to", "with", "from", "by", "after", "before", "into", "over", "against",
                 "under", "near", "during", "since"}


def _before_a_preposition(ent, start: int, end: int) -> int:
    """Where a person's name ends: before a lowercase preposition inside the model's span."""
    for token in ent[1:]:
        offset = token.idx - ent.start_char
        if start < offset < end and token.lower_ in _AFTER_A_NAME and token.is_lower and token.pos_ == "ADP":
            before = token.nbor(-1)
            return before.idx + len(before) - ent.start_char
    return end


def _trim(text: str) -> tuple[int, int]:
    leading = _LEADING_NOISE.match(text)
    start = leading.end() if leading else 0
    trailing = _TRAILING_NOISE.search(text, start)
    end = trailing.start() if trailing else len(text)
    return start, end


def _add_table_aliases(mentions: list[Mention], document_id: str, text: str) -> list[Mention]:
    """Add alias-table names the model missed or cut short ("Islamic" of "Islamic State")."""
    for match in alias_pattern().finditer(text):
        start, end = match.span()
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(m.end - m.start >= end - start and m.label not in _MAYBE_VESSELS for m in overlapping):
            continue  # the model's mention is as long or longer: trust it (a title or a product it may be, not a name)
        alias = lookup(match.group())
        if alias is None:  # the pattern is built from the table; kept for the type checker
            continue
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(Mention(document_id, start, end, match.group(), alias.type))
    return sorted(mentions, key=lambda m: m.start)


def _outside_credits(mentions: list[Mention], text: str) -> list[Mention]:
    """Drop the names inside a picture's credit: "(AP Photo/Wilfredo Lee)", "Eric Gay / AP ..." name a photographer,
    not someone in the story."""
    credits = sorted([(m.start(), m.end()) for m in PHOTO_CREDIT.finditer(text)]  # (none overlapping)
                     + [(m.start("credit"), m.end("credit")) for m in LEADING_CREDIT.finditer(text)])
    if not credits:
        return mentions
    starts = [start for start, _ in credits]

    def credited(mention: Mention) -> bool:
        i = bisect.bisect_right(starts, mention.start) - 1
        return i >= 0 and mention.end <= credits[i][1]

    return [m for m in mentions if not credited(m)]


def _in_sentences(mentions: list[Mention], sentences: list[tuple[int, Sentence]]) -> list[Mention]:
    """Attach each mention to its sentence; drop those in boilerplate or outside any sentence."""
    starts = [sentence.start for _, sentence in sentences]
    kept = []
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        if i < 0:
            continue
        position, sentence = sentences[i]
        if mention.end > sentence.end or sentence.role == BOILERPLATE:
            continue
        if SLUG.fullmatch(mention.text):
            continue  # the model takes a photo slug for a name
        mention.sentence = position
        kept.append(mention)
    return kept
