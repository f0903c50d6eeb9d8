"""Sentences that survive real news copy.

News pages break lines at paragraphs, captions and bylines, and the parser
does not know that a line break ends a caption. So line breaks are set as hard
sentence starts before the parser runs, the parser splits inside paragraphs,
and a repair pass rejoins what it split wrongly (a quote and its "he said", an
abbreviation). Each sentence then gets a role in the page: body copy, a caption
or heading, or boilerplate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import numpy
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from newsweave.annotate.features import entity_lookup, sentence_features, stands_alone
from newsweave.annotate.tokens import TokenTable
from newsweave.story import BODY, BOILERPLATE, CAPTION, Sentence

PARAGRAPH_COMPONENT = "newsweave_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start (and no space token as one).

    A line break is a space token: a token's own trailing whitespace is at most
    one " ". The attributes are read and written as arrays, not token by token.
    """
    if len(doc) < 2:
        return doc
    space, word, starts = doc.to_array(["IS_SPACE", "ORTH", "SENT_START"]).T
    strings = doc.vocab.strings
    after_breaks = [i + 1 for i in numpy.flatnonzero(space[:-1]).tolist() if "\n" in strings[int(word[i])]]
    after_breaks += _glued_starts(doc)
    spaces = numpy.flatnonzero(space[1:]) + 1
    if not after_breaks and not len(spaces):
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)  # as `Token.is_sent_start` refuses: the parse has set the sentences
    starts[after_breaks] = 1
    starts[spaces] = _NOT_START  # a space token wins over a line break before it
    doc.from_array("SENT_START", starts)
    return doc


# A sentence's stop run into the next sentence's first word, as pages that drop the space between paragraphs
# leave them ("… is on the run!The animal escaped", "… wants to get out.\"Anne keeps a video"): the tokenizer
# cuts the stop and a quote mark after it off the words (GLUED_STOP_INFIXES), and the word after them starts a
# sentence. Two small letters before the stop: "U.S.The" and "Mr.Smith" are left alone.
GLUED_STOP_INFIXES = (r"(?<=[a-z]{2})[!?](?=[\"“”]?[A-Z][a-z])", r"(?<=[a-z][.!?])[\"“”](?=[A-Z][a-z])")
_GLUED_STOP = re.compile(r"[a-z]{2}[.!?][\"“”]?[A-Z][a-z]")


def _glued_starts(doc: Doc) -> list[int]:
    """The tokens that open a sentence run into the one before it, after its stop (and a quote that closes it)."""
    text = doc.text
    starts = []
    # The quote marks of the line so far, counted on from match to match (counted from the line's start for each
    # match, one long line took the square of its length)
    counted = quotes = 0
    for match in _GLUED_STOP.finditer(text):
        stop = match.start() + 2
        quote = text[stop + 1] if text[stop + 1] in "\"“”" else ""
        # a straight quote closes when the line before it opened one (an odd count), else it opens the next sentence
        newline = text.rfind("\n", counted, stop)
        if newline >= 0:
            counted, quotes = newline + 1, 0
        quotes += text.count("\"", counted, stop) + text.count("“", counted, stop)
        counted = stop
        closes = quote == "”" or (quote == "\"" and quotes % 2 == 1)
        first = stop + 1 + (1 if closes else 0)
        token = doc.char_span(first, first + 1, alignment_mode="expand")
        if token is not None and token.start_char == first and token.start > 0:
            starts.append(token.start)
    return starts


# Doc.to_array's -1 (the token starts no sentence), as the unsigned 64-bit value it holds.
_NOT_START = numpy.uint64(2**64 - 1)
# Markup a Markdown or plain-text report wraps sentences in; not part of the claim.
_LEADING = " \t\r\n#>*_-•|"
_TRAILING = " \t\r\n*_|"
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"'”’»][.!?…]?$")
_OPEN_QUOTES = re.compile(r"[\"“”]")

_BOILERPLATE = re.compile(
    r"""^(?:advertisement|related(?:\s+(?:stories|articles|coverage|content))?\b|read\s+more|see\s+also|more\s+on\s+this|
    share\s+(?:this|on)|click\s+here|sign\s+up|subscribe|follow\s+(?:us|@)|image\s+(?:copyright|caption)|
    follow\s+(?:[A-Z][\w.'’-]*\s+){1,4}on\s+(?:twitter|facebook|instagram)|\[[^\[\]\n]{1,200}\]\s*$|
    copyright\b|all\s+rights\s+reserved|\(?(?:reporting|writing|editing|additional\s+reporting)\s+by\b|
    (?:photo|picture|image|video)\s*(?:credit)?:|by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,|$|\|)|
    (?:published|updated|posted)\s*(?::|on\b)|this\s+crawl\s+of|starting\s+in\s+\d{4},\s+alexa|
    the\s+seed\s+for\s+this\s+crawl|we\s+use\s+cookies|you\s+must\s+be\s+logged|please\s+enable\s+javascript|
    media\s+playback\s+is\s+unsupported|(?:just\s+)?fill\s+in\s+your\b|join\s+our\b|breaking\s+news\s+(?:e-?mails|alerts)\b|get\s+breaking\s+news\b|download\s+(?:the|our)\b|like\s+us\s+on\b|
    (?:contact|reach|e-?mail|call)\s+(?:[A-Z][\w.'’-]*\s+){1,4}at\s+(?:\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}|\S+@))""",
    re.IGNORECASE | re.VERBOSE,
)
# A writer's credit at the end of a report: "The Associated Press contributed to this report."
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting\s+)?(?:to\s+)?(?:this|the)\s+(?:report|story|article)\W*$", re.IGNORECASE)
# A line about how the report was made, not about the story: a call not returned, someone not reached for
# comment, an update promised or made, where to send questions. (Dates in it are no events, and "did not return
# a phone call Thursday" is no fact of the story.)
_NEWSROOM = re.compile(
    r"\b(?:did\s+not|didn['’]t|has\s+not|hasn['’]t|have\s+not|haven['’]t)\s+(?:immediately\s+|yet\s+)?"
    r"(?:return(?:ed)?|respond(?:ed)?\s+to|answer(?:ed)?)\s+"
    r"(?:(?:a|an|the|several|multiple|repeated|numerous|phone|telephone|e-?mail(?:ed)?)\s+){0,3}"
    r"(?:calls?|messages?|e-?mails?|requests?|inquir(?:y|ies)|voicemails?)\b"
    # ... a request for comment, whatever follows; or one the report made ("from The News", "I left"), then
    # nothing more than its day
    r"(?:\s+(?:for\s+(?:immediate\s+|further\s+)?comment|seeking\s+comment|about\s+the\s+matter)\b"
    r"|(?:\s+(?:and|or)\s+(?:calls?|messages?|e-?mails?|voicemails?))?"
    r"(?:\s+from\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}(?:News|Times|Post|Journal|Herald|Tribune|Press|reporter|newspaper))?"
    r"(?:\s+(?:I|we)\s+left(?:\s+\w+){0,3})?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?\s*(?:[.;]|$))"
    r"|\bcould\s+not\s+(?:immediately\s+)?be\s+reached\s+for\s+(?:immediate\s+|further\s+)?comment\b"
    r"|\bwas\s+not\s+immediately\s+available\s+for\s+comment\b"
    r"|\bwill\s+(?:continue\s+to\s+)?update\s+this\s+(?:story|article|post|report)\b"
    r"|^(?:this|the)\s+(?:story|article|post)\s+(?:has\s+been|was)\s+updated\b"
    r"|\b(?:questions|inquiries)\b[^.]{0,80}\bshould\s+be\s+directed\s+to\b",
    re.IGNORECASE,
)
# ... unless the sentence tells more beside it: "X could not be reached for comment Monday, and there was only brief
# acknowledgment of her departure", "While the parents could not be reached for comment, a spokesman said ...".
_MORE_SAID = re.compile(r",\s+(?:and|but|so|while|though|although|however)\b|^\s*(?:While|Although|Though|As|After)\b|\b(?:who|which)\b")
# A wire dateline: place in capitals, optional date, optional agency, a dash (or the AP's and NYT's underscore).
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\((?:[A-Z][\w.&' -]{1,40})\))?\s*(?:[—–-]{1,2}|_)\s+"  # (newswire's "TORONTO (AP) _")
)
# (an entity code left in a page is markup, but for the ampersand: a wire's "Sky &AMP; Telescope" is a name)
_WEB_JUNK = re.compile(r"https?://|www\.|pic\.twitter\.com|@\w{2,}|\b\w+\.(?:com|org|net)\b/|&(?!(?i:amp);)\w+;|\{|\}"
                       r"|(?i:\bclick\s+here\b)|(?i:\bour\s+(?:mailing\s+list|newsletters?)\b)"  # (the site speaking to its reader)
                       r"|(?i:\bsign\s+up\s+for\s+(?:our|the)\b[^.\n]{0,60}\b(?:newsletter|e-?mail)s?\b)"
                       r"|(?i:\bby\s+e-?mail\s+and\s+never\s+miss\b)"
                       # a publisher's rights line and a paper's reference under a science report
                       r"|(?i:\bif\s+you\s+would\s+like\s+to\s+reuse\b|\bmay\s+not\s+be\s+(?:reproduced|republished)\b)"
                       r"|(?i:^\s*journal\s+reference:|\bDOI:\s*10\.\d)"
                       # the site warning its reader of what a player shows ("Warning: The following video contains
                       # graphic footage")
                       r"|(?i:^\s*(?:warning:\s*)?(?:the\s+following|this)\s+(?:video|footage|clip|gallery|content|story)\s+"
                       r"(?:contains|includes|may\s+contain|shows)\b[^.\n]{0,40}\b(?:graphic|disturbing|distressing|upsetting|"
                       r"strong\s+language|violent))")
# A wire editor's pickup line: the words a paragraph of the earlier take starts with, and where it stood ("Chile said,
# graf 3 pvs", "&UR; The plane, 5th graf pvs.", "Turkey amassed troops, pick up 4th graf pvs"): no words of the report.
_PICKUP = re.compile(
    r"^(?:&UR;\s*)?(?:``)?[\w'’-]+(?:\s+[\w'’-]+){0,3},\s*(?:pick\s+up\s+)?(?:\d+(?:st|nd|rd|th)\s+graf\b|graf\s+\d+\b)")
# A video player's caption, opened by the player's button: "CLOSE Four dispensaries begin sales … Jason Bean".
_PLAYER_CAPTION = re.compile(r"^CLOSE\s+(?=[A-Z])")
# A writer's line at the foot of a report: "Jane Doe writes for WXYZ-TV in Atlanta", "Doe is a special correspondent."
_WRITER_LINE = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:writes\s+for\b|is\s+an?\s+(?:[\w-]+\s+){0,2}"
    r"(?:reporter|writer|correspondent|columnist|contributor)(?:\s+(?:for|at|with)\b[^.]{0,60})?\.?$)")
# A photographer's credit opening a caption's line: "Eric Gay / AP Senator Wendy Davis listens as ...".
LEADING_CREDIT = re.compile(
    r"^[ \t]*(?P<credit>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]+){0,2}[ \t]*/[ \t]*"
    r"(?:AP|Associated Press|Reuters|AFP|Getty Images|Getty|EPA|Bloomberg))\b",
    re.MULTILINE,
)
# A picture's credit in brackets: "(AP Photo/Wilfredo Lee)", "(Joe Cavaretta/South Florida Sun-Sentinel via AP)",
# "(Image: UpperCut Images/Getty)". It marks a caption, and names no one the story is about.
PHOTO_CREDIT = re.compile(
    r"\((?:AP Photo\b|(?:Image|Photo|Picture)s?(?:\s+credit)?:\s)[^()\n]{0,80}\)"
    r"|\([^()\n]{1,80}\bvia (?:AP|Reuters|Getty Images|AFP)\)"
    # a photographer and the paper: "(Katherine Frey/The Washington Post)"
    r"|\((?:[A-Z][\w.'’-]*[ ]){1,3}[A-Z][\w.'’-]*[ ]?/[ ]?[A-Z][^()/\n]{1,40}\)"
    # a Reuters or AFP picture's credit, unbracketed: "REUTERS/Arnd Wiegmann/File Photo", "AFP/Getty Images",
    # "JASON REED / Reuters" (the photographer in capitals)
    r"|\bREUTERS/[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3}(?:/File Photo)?|\bAFP/Getty(?: Images)?\b"
    r"|\b[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){1,3}[ ]?/[ ]?(?:Reuters|AP|AFP|Getty Images)\b"
)
_CAPTION_MARK = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|file photo|photo[^)]*)\)"
    # a credit closing the caption, of a word or a few: "... in action last year. Photo: Getty Images"
    # (each part bounded: a line of "Photo:"s and no spaces is read in linear time)
    r"|(?:Photo|Picture|Image|Credit)s?:[ \t]*(?:\S{1,60}|[A-Z][^\s.!?]{0,40}(?:[ \t]+[^\s.!?]{1,40}){1,4})\s*$"
    r"|^[A-Z]{3,5}\d{2,4}[A-Z0-9]{0,3}\s"
    # where someone stands in the picture: "Brenda Snipes, left, and judge Betsy Benson ... listen", "Sheriff Tobe
    # Leazenby, from left, Police Chief Steve Mullins and ..."
    r"|\b[A-Z][\w.'’-]+,\s+(?:left|right|center|centre|(?:second |third )?from (?:left|right)|far (?:left|right)|foreground|background),\s"
    # an agency caption's day, weekday and full date: "..., Thursday, Dec. 20, 2012, in Des Moines, Iowa."
    # (after a comma, or ending the caption: "... moves through the area Thursday, Dec. 20, 2012.")
    r"|(?:,\s+|\b)(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2},\s+(?:19|20)\d\d(?:,|\.?\s*$)"
    # a gallery's teaser, cut short and credited: "The first major snowstorm of the season... (Associated Press)"
    r"|\.\.\.\s*\((?:Associated Press|AP|Reuters|AFP)\)\s*$|^FILE PHOTO:"
    # a caption that says it is one: "A photo from the 1998 excavation, with ...", "Photograph from the dig, ..."
    # (not "The photographs of ... were allowed by the judge", nor "An image from the probe provides evidence")
    r"|^(?:(?:An?|This) (?:photo|photograph|picture)|Photo|Photograph|Picture) (?:from|of|taken|shows)\b|^This (?:image|still) shows\b"
    # an embedded post, signed as a page shows it: "Damn. RIP. — Lil Wayne WEEZY F (@LilTunechi) June 20, 2017"
    r"|\(@\w{1,30}\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d\s*$"
    r"|" + LEADING_CREDIT.pattern + r"|" + PHOTO_CREDIT.pattern,
)


_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "as", "is"}


def title_case(text: str, share: float = 0.8, least: int = 3) -> bool:
    """A headline in Title Case, where the model takes every capital for a name: `least` words but the
    small ones, `share` of them capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    return len(words) >= least and sum(w[0].isupper() for w in words) >= share * len(words)


def asked(text: str) -> bool:
    """A question the writer asks ("Did you approach the owner before kickoff?", an interview's), which
    states nothing; a quoted one is someone's words."""
    return text.rstrip(" \"'”’)]").endswith("?") and text.lstrip("(['")[:1] not in "\"“‘"


def introduces(text: str) -> bool:
    """A line that only opens what follows it ("Rubin writes:", "The group's publicist sent the following statement
    to XXL:"): the words come after it, and it states nothing of its own."""
    if not text.rstrip().endswith(":") or len(text.split()) > _INTRODUCTION_WORDS:
        return False
    # the saying is what the line ends on ("…, Rivlin said:"), not a word of a sentence that runs on to a colon
    # ("That said, it's not as if … in their sound:")
    # (the name it was said to left off: "sent the following statement to the Harlow Courier:")
    return _SAYING.search(" ".join(_TO_SOMEONE.sub("", text.rstrip()).split()[-4:])) is not None


_TO_SOMEONE = re.compile(r"\s+(?:to|for|with)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s*){1,5}:$")


_INTRODUCTION_WORDS = 25
_SAYING = re.compile(r"\b(?:says?|said|saying|writes?|wrote|writing|tweet(?:s|ed)?|posted|adds?|added|explain(?:s|ed)?|"
                     r"tells?|told|reads?|statement|following|continued|concluded|put\s+it)\b", re.IGNORECASE)


def document_sentences(document_id: str, table: TokenTable) -> list[Sentence]:
    """The sentences of a report from its parse, read as a token table."""
    doc, text = table.doc, table.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    # Trim again after repair: a rejoined dateline is only trimmable whole.
    spans = [_trim(text, *span) for span in _repair([_trim(text, s.start_char, s.end_char) for s in doc.sents], text, lines)]
    sentences: list[Sentence] = []
    entities_in = entity_lookup(doc)
    line_index = 0
    # What a paragraph is, found once for all its sentences: a report without line breaks is one long paragraph.
    paragraph, paragraph_line, captioned = "", -1, False
    for start, end in spans:
        if end <= start:
            continue
        while line_index + 1 < len(lines) and lines[line_index][1] <= start:
            line_index += 1
        line_start, line_end = lines[line_index]
        if paragraph_line != line_index:
            paragraph = text[line_start:line_end].strip(_LEADING + _TRAILING)
            # Every sentence of a caption or a Markdown pull quote is a caption.
            captioned = (bool(_CAPTION_MARK.search(paragraph)) or text[line_start:line_end].lstrip().startswith(">")
                         # a headline or a link's title the parser cut in two: "MORE 5 Photos That Show | How King Kong ..."
                         or (not _TERMINAL.search(paragraph) and len(paragraph) <= _HEADLINE_CHARS and title_case(paragraph)))
            paragraph_line = line_index
        sentence_text = text[start:end]
        role = _role(sentence_text, paragraph, is_first_line=line_index == 0)
        if role == BODY and captioned:
            role = CAPTION
        sentence = Sentence(
            document=document_id,
            start=start,
            end=end,
            text=sentence_text,
            index=len(sentences),
            role=role,
            paragraph=line_index,
        )
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            sentence.terms, sentence.entities, sentence.numbers = sentence_features(
                table, span.start, span.end, entities_in(span))
            sentence.complete = stands_alone(table, span.start, span.end)
        sentences.append(sentence)
    return sentences


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _LEADING:
        start += 1
    placeholder = _IMAGE_PLACEHOLDER.match(text, start, end)
    if placeholder:
        start = placeholder.end()  # "Image The White House's spokeswoman ... said": a picture's place on the page
    dateline = _DATELINE.match(text, start, end)
    if dateline and dateline.end() < end:
        start = dateline.end()  # the claim starts after "PARIS, Nov. 14 (Reuters) —"
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    sign_off = _SIGN_OFF.search(text, max(start, end - 40), end)  # (the end alone: it is short)
    if sign_off:
        end = sign_off.start("slug")  # "... drafted by his regime. (scl)": the sentence ends at its stop
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
    return start, end


# The word a page leaves where a picture stood, run into the paragraph after it (the New York Times' pages).
_IMAGE_PLACEHOLDER = re.compile(r"Image[ \t]+(?=(?:The|A|An|In|On|At|From|This|These|Those|Mr\.|Ms\.|Mrs\.|Dr\.)[ \t])")
# A wire editor's initials after a paragraph's last stop ("(scl)", "(vs/krt)", "(jo-jh)"), or the wire's end code
# and what follows it ("&UR; kl", "&UR; (tc-pfg-dkt)", "&UR; Moussa told, 5th graf"): no words of the report (and
# left in, the code's "&UR;" made the report's last sentence page furniture).
_SIGN_OFF = re.compile(r"[.!?][\"'”’]?(?P<slug>[ \t]{1,3}(?:\([a-z]{2,4}(?:[/-][a-z]{2,4}){0,4}\)|&UR;[^\n&]{0,30}))$")


def _repair(spans: list[tuple[int, int]], text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin parser splits inside one paragraph that cut a sentence in two."""
    line_of = _line_lookup(lines)
    repaired: list[tuple[int, int]] = []
    so_far = _SoFar()  # of the last repaired sentence
    for start, end in spans:
        if end <= start:
            continue
        if repaired:
            previous_start, previous_end = repaired[-1]
            same_line = line_of(previous_start) == line_of(start)
            # ("ALLENTOWN, Pa. -" | "The Lehigh County…": the parser ends a sentence at the state's stop)
            whole_dateline = (dateline := _DATELINE.match(text, previous_start, start)) is not None and dateline.end() == start
            if same_line and (whole_dateline or _joins(so_far, text[start:end])):
                so_far.add(text, previous_end, end)
                repaired[-1] = (previous_start, end)
                continue
            # (the two patterns end at the sentence's end: only its last words are searched)
            tail = max(previous_start, previous_end - _TAIL)
            stray = _STRAY_OPENING.search(text, tail, previous_end) if same_line else None
            if stray and text[start:start + 1].isupper():
                # "... her second child. 30" | "Rock returns later this year.": the title opens the next sentence
                repaired[-1] = (previous_start, stray.end("stop"))
                start = stray.start("word")
            opening = _QUOTE_LEFT_BEHIND.search(text, tail, previous_end) if same_line else None
            if opening and not text[previous_end:start].strip():
                # "... Friday evening. ''" | "The earlier information ...'': a wire's opening quote mark opens the next sentence
                repaired[-1] = (previous_start, opening.end("stop"))
                start = opening.start("quote")
        repaired.append((start, end))
        so_far = _SoFar().add(text, start, end)
    return repaired


_TAIL = 64


class _SoFar:
    """What the joining rules ask of a sentence, kept up to date as the parser's pieces join it: read anew
    at every join, a page of 20,000 pieces inside one open quote took four minutes (the square of its length)."""

    def __init__(self) -> None:
        self.words = 0
        self.doubles = 0  # double quote marks
        self.wire_opening = 0  # `` (and '' before a word)
        self.wire_closing = 0  # '' after a word
        self.tail = ""  # the last eight characters that are not trailing spaces

    def add(self, text: str, start: int, end: int) -> _SoFar:
        piece = text[start:end]
        self.words += len(piece.split())
        self.doubles += len(_OPEN_QUOTES.findall(piece))
        self.wire_opening += len(_WIRE_OPENING.findall(text, start, end))
        self.wire_closing += len(_WIRE_CLOSING.findall(text, start, end))
        stripped = piece.rstrip()
        if stripped:
            self.tail = (self.tail + stripped[-8:])[-8:]
        return self

    @property
    def last(self) -> str:
        """The last character that is not a space."""
        return self.tail[-1:]

    def quote_open(self) -> bool:
        # An opened double quote that is still open; the same in wire copy's marks (``No help. No police.'')
        return (self.doubles % 2 == 1 and self.last not in ("\"", "”")) or self.wire_opening > self.wire_closing


_HEADLINE_CHARS = 200  # a line longer than this is no headline, whatever its capitals
# A sentence's last word standing after its own full stop: the first word of the next sentence ("30 Rock").
_STRAY_OPENING = re.compile(r"\w\w(?P<stop>[.!?][\"”’)]?)[ \t]+(?P<word>\d[\w'’-]{0,11})$")
# A quote mark standing after the sentence's stop and a space: it opens the next sentence (wires write ''
# for `` at times: "... Friday evening. ''The earlier information ...'' Hans Carlsson said").
_QUOTE_LEFT_BEHIND = re.compile(r"(?P<stop>[.!?])[ \t]+(?P<quote>''|``|[\"“])$")


def _joins(previous: _SoFar, current: str) -> bool:
    """Whether `current` goes on the sentence read so far: the parser cut one sentence in two."""
    first = current.lstrip("\"'“”‘’([ ")[:1]
    if first.islower():  # '"We will rebuild," | he said.' or 'the U.S. | military said'
        return True
    if not any(ch.isalnum() for ch in current):  # a stray closing quote or bracket
        return True
    if current.startswith(("—", "–", "--", "-")):  # "PARIS (Reuters)" | "— Police said…"
        return True
    if previous.words <= 2 and previous.last not in (".", "!", "?"):
        return True  # "Photo:" | "Reuters", "By" | "Jane Doe"
    if _TITLE_BEFORE_NAME.search(previous.tail):
        return True  # "said Anaheim police Sgt." | "Daron Wyatt.": a rank or title before a name ends no sentence
    if _BANG_IN_A_NAME.search(previous.tail):
        return True  # "While both Yahoo!" | "News and CNN covered it": the mark is the name's
    if len(current.split()) <= 2 and not _TERMINAL.search(current):
        return True
    if _BRACKETED.fullmatch(current.strip()):
        return True  # "Five Easy Pieces" | "(1970)."
    if _ASKED_OR_EXCLAIMED.search(previous.tail) and _WHO_SAID_IT.fullmatch(current.strip()):
        return True  # '"Have I not handled it as well as I could have?" | Ms. Moseley-Braun said in an interview.'
    return previous.quote_open()  # the quote runs on


# Ranks and titles written before a name, abbreviated with a stop.
TITLE_ABBREVIATIONS = ("Sgt", "Sgts", "Lt", "Lieut", "Capt", "Cpt", "Col", "Gen", "Brig", "Maj", "Cpl", "Pvt", "Pfc", "Spc",
                       "Det", "Cmdr", "Cdr", "Adm", "Supt", "Insp", "Const", "Ofc", "Tpr", "Dep", "Asst", "Dist", "Gov",
                       "Rep", "Reps", "Sen", "Sens", "Atty", "Amb", "Dr", "Mr", "Mrs", "Ms", "Messrs", "Prof", "Rev",
                       "Msgr", "Fr", "Hon")
_TITLE_BEFORE_NAME = re.compile(r"(?:^|[\s(\"“])(?:" + "|".join(TITLE_ABBREVIATIONS) + r")\.$")
_BANG_IN_A_NAME = re.compile(r"(?:^|[\s(\"“])Yahoo!$")
_WIRE_OPENING = re.compile(r"``|(?:^|(?<=\s))''(?=\w)")
_WIRE_CLOSING = re.compile(r"(?<=\S)''")
_BRACKETED = re.compile(r"\([^()\s]+(?: [^()\s]+)?\)[.!?,;:]?")
# A quotation that ends on its own question or exclamation mark, and a clause that only says who said it,
# with when or where: the parser ends the sentence at the mark.
_ASKED_OR_EXCLAIMED = re.compile(r"[?!](?:''|[\"”’])$")
_WHO_SAID_IT = re.compile(
    r"[A-Z][\w.'’-]*(?:[ \t]+[\w.,'’-]+){0,5}?[ \t]+(?:said|says|asked|asks|told reporters|added|adds|wrote|writes|"
    r"recalled|explained|insisted|shouted|replied|yelled|wondered|exclaimed)"
    r"(?:[ \t]+(?:in|on|at|during|after|before|from|while|when|later|earlier|recently|yesterday|today|tonight|last|"
    r"this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?:[ \t]+[\w.,'’-]+){0,5})?[.!?]")


def _line_lookup(lines: list[tuple[int, int]]) -> Callable[[int], int]:
    starts = [start for start, _ in lines]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    return line_of


def _role(sentence: str, paragraph: str, is_first_line: bool) -> str:
    words = sentence.split()
    if _BOILERPLATE.match(sentence) or _BOILERPLATE.match(paragraph) or _WEB_JUNK.search(sentence):
        return BOILERPLATE
    if len(words) <= 25 and _CONTRIBUTED.search(sentence):
        return BOILERPLATE  # "Staff writer Brian X. McCrone contributed to this report."
    if _NEWSROOM.search(sentence) and not _MORE_SAID.search(sentence):
        return BOILERPLATE  # "Farrow did not respond to a request for comment.": how the report was made, not news
    if _PICKUP.match(sentence):
        return BOILERPLATE
    whole_paragraph = len(sentence) >= len(paragraph) - 2
    if whole_paragraph and len(words) <= 16 and _WRITER_LINE.match(sentence):
        return BOILERPLATE
    if _PLAYER_CAPTION.match(paragraph):
        return CAPTION
    if whole_paragraph and len(words) < 4 and not _TERMINAL.search(sentence):
        return BOILERPLATE  # "Long Story Short", "Share", a lone name
    if _CAPTION_MARK.search(sentence):
        return CAPTION
    if whole_paragraph and not _TERMINAL.search(sentence):
        return CAPTION  # captions, headlines and pull quotes carry no final stop
    if is_first_line and whole_paragraph and len(words) <= 14 and not sentence.rstrip().endswith("."):
        return CAPTION
    return BODY
