"""Quoted words: find them, credit them, and compare them across reports.

News style leaves a quote open at the end of a paragraph when the next
paragraph goes on quoting the same person, and does not repeat "he said":
so a quote paragraph that names no one inherits the previous paragraph's
speaker. Two reports quote the same words when most of the shorter
quote's content words are in the longer one; they then disagree on *who*
said it (kind `attribution`) when they credit different outlets or people,
and on *what* was said (kind `quote`) when the words they share are
interrupted by different words, not just cut shorter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.annotate.sentences import title_case
from newsweave.crosscheck.attribution import speaker_key
from newsweave.crosscheck.outlets import OutletNames, outlet_mentions
from newsweave.quantities import clock_times
from newsweave.story import (
    BODY,
    Attribution,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Quote,
    Sentence,
    Story,
)
from newsweave.union_find import UnionFind

MIN_WORDS = 4  # shorter quotes are scare quotes: 'highly likely', "severe"
TITLE_WORDS = 12  # a quote this short in Title Case is a title
SAME_QUOTE = 0.6  # share of the shorter quote's words the other must hold, in runs of three or more
SAME_CONTENT = 0.5  # share of the shorter quote's content words those runs must hold
MIN_RUN = 6
SHORT = 10  # two quotes this short are the same quote when they share SAME_SHORT of their words
SAME_SHORT = 0.75
ONE_LINE = 0.75  # share of the shorter quote's content stems the other must hold, for one speaker's one line
STEM = 6  # a content word's first letters: "balanced" and "balance" are one word
MATERIAL = 2  # content words that must differ: one word more or less is an editor's trim
EDGE = 5  # words swapped at a quote's edge; longer differences there are different stretches of a statement
UNCREDITED = ("", None)

_OPENERS = {"“": "”", "‘": "’", '"': '"', "'": "'"}
_CLOSERS = {'"': '"”“', "”": '"”', "'": "'’", "’": "'’"}
_QUOTE_MARK = re.compile("[\"'“”‘’]")  # every mark of _OPENERS and _CLOSERS


@dataclass
class QuoteSpan:
    """One report's quoted words and who the report credits for them."""

    document: str
    start: int
    end: int
    text: str
    attribution: Attribution | None = None
    # False for a quote in a caption, pull quote or boilerplate: it is not compared across reports.
    in_body: bool = True

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)


def find_quotes(document_id: str, text: str) -> list[QuoteSpan]:
    """Quoted passages of at least MIN_WORDS words; a quote left open runs to its paragraph's end.

    A quote inside a quote ("All I hear is him saying, 'Mom, am I going to be OK?'")
    is a quote of its own too: another report may quote only those words.
    """
    quotes = []
    marked = _typographic(text)
    for line in re.finditer(r"[^\n]+", marked):
        label_ends = -1  # where the last quoted name or label of this line ended
        for start, end in _quoted(line.group()):
            spans = [(line.start() + start, line.start() + end)]
            if _names_something(marked, spans[0][0], label_ends):
                label_ends = spans[0][1] + 1
                continue
            if marked[spans[0][0] - 1] in "\"“":
                inner = marked[spans[0][0] : spans[0][1]]
                spans += [(spans[0][0] + a, spans[0][0] + b) for a, b in _quoted(inner) if inner[a - 1] in "'‘"]
            for start, end in spans:
                start, end = _strip(text, start, end)
                if len(text[start:end].split()) >= MIN_WORDS and not _title(text[start:end]):
                    quotes.append(QuoteSpan(document_id, start, end, text[start:end]))
    return quotes


# Words that make the quoted words after them a name or a label, not words said: 'letters labeled "Things
# we can do"', 'a group called "Friends of the Lake"', 'a post headlined "..."'.
_NAMING = re.compile(r"\b(?:label(?:l)?ed|(?:en)?titled|called|dubbed|named|nicknamed|headlined|captioned|"
                     r"known as|marked|reading|inscribed)[ \t]*[,:]?[ \t]*[\"“‘']$", re.IGNORECASE)
# Between two labels of one list: 'labeled "What we can do," "When we can do it" and "Why"'.
_LIST_GAP = re.compile(r"[\"”’',; \t]*(?:(?:and|or)[ \t]+)?[\"“‘']$")


def _names_something(text: str, start: int, label_ends: int) -> bool:
    """The quotation opening at `start` (just after its mark) names or labels something, or is the next
    label of a list of them that ended at `label_ends`."""
    if label_ends >= 0 and start - label_ends <= 12 and _LIST_GAP.fullmatch(text, label_ends, start):
        return True
    return _NAMING.search(text, max(0, start - 24), start) is not None


def _title(quoted: str) -> bool:
    """'author of "The Naked Truth About Breast Implants"', 'rapped on "Survival of the Fittest"': a book's, a
    song's or a show's title, every word capitalised but the small ones; not words said ("Death to Arafat!")."""
    return len(quoted.split()) <= TITLE_WORDS and "!" not in quoted and title_case(quoted, share=1.0, least=2)


def _typographic(text: str) -> str:
    """The text with newswire's ``double quotes'' (the AP and NYT feeds of DUC, TREC, Gigaword) written
    as typographic marks, a space keeping every character where it was."""
    if "``" not in text:
        return text
    return text.replace("``", " “").replace("''", "” ")


def _quoted(line: str) -> list[tuple[int, int]]:
    spans = []
    closer = None
    opened = 0
    for mark in _QUOTE_MARK.finditer(line):  # (every other character is passed over)
        i, char = mark.start(), mark.group()
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if closer is None:
            if char in _OPENERS and _opens(char, before, after):
                closer, opened = _OPENERS[char], i + 1
        elif char in _CLOSERS[closer]:  # typewriter and typographic marks get mixed up in copy
            if char in "'’" and before.isalnum() and after.isalnum():
                continue  # an apostrophe: "That's"
            if char in "'’" and before.isspace():
                continue
            spans.append((opened, i))
            closer = None
    if closer is not None:
        spans.append((opened, len(line)))
    return spans


def _opens(char: str, before: str, after: str) -> bool:
    if char in "'‘":  # single quotes double as apostrophes: only after a space or colon, before a word
        return (before.isspace() or before in ":([—–-") and (after.isalnum())
    return not before.isalnum() and not after.isspace()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\xa0":
        start += 1
    while end > start and text[end - 1] in " \t\xa0,;:":
        end -= 1
    return start, end


def credit_quotes(story: Story, quotes: list[QuoteSpan], attributions: dict[tuple[str, int], Attribution]) -> None:
    """Give each quote the attribution of its sentence, of the lead-in before it, or of the quote paragraph before."""
    by_document: dict[str, list] = {}
    for sentence in story.sentences:
        by_document.setdefault(sentence.document, []).append(sentence)
    # document -> (paragraph, last sentence, attribution) of its last credited quote
    previous: dict[str, tuple[int, int, Attribution]] = {}
    for quote in quotes:
        sentences = by_document.get(quote.document, [])
        inside = [s for s in sentences if s.start < quote.end and s.end > quote.start]
        quote.in_body = not inside or any(s.role == BODY for s in inside)
        credited = [attributions[quote.document, s.index] for s in inside if (quote.document, s.index) in attributions]
        paragraph = inside[0].paragraph if inside else -1
        if not credited and inside:
            # the lead-in may be a paragraph of its own: "He told the BBC:" | "“When I started Facebook, …”"
            before = [s for s in sentences if s.index == inside[0].index - 1 and (
                s.paragraph == paragraph or (s.paragraph == paragraph - 1 and _opens_paragraph(story, quote, inside)))]
            if before and before[0].text.rstrip().endswith(":") and (quote.document, before[0].index) in attributions:
                credited = [attributions[quote.document, before[0].index]]  # 'A spokesman said:' | 'The ...'
        if not credited and quote.document in previous and inside:
            last_paragraph, last_sentence, attribution = previous[quote.document]
            # The quote goes on right after "he said", or in the next paragraph (a caption line may sit between).
            # (Not anywhere later in the paragraph: a wire report is often one line, and a quote ten sentences on
            # is someone else's.)
            if (last_paragraph == paragraph and inside[0].index - last_sentence <= 1) or (
                    _opens_paragraph(story, quote, inside) and 0 < paragraph - last_paragraph <= 2):
                credited = [attribution]
        if credited:
            quote.attribution = next((a for a in credited if a.speaker), credited[0])
            previous[quote.document] = (paragraph, inside[-1].index if inside else -1, quote.attribution)


def _opens_paragraph(story: Story, quote: QuoteSpan, inside: list[Sentence]) -> bool:
    if not inside:
        return False
    text = story.document(quote.document).text
    line_start = text.rfind("\n", 0, quote.start) + 1
    return not text[line_start : quote.start].strip(" \t\xa0\"'“‘")


def carry_into_sentences(story: Story, quotes: list[QuoteSpan], attributions: dict[tuple[str, int], Attribution]) -> None:
    """A sentence inside a credited quote is credited like the quote."""
    for quote in quotes:
        if quote.attribution is None:
            continue
        for sentence in story.sentences:
            if sentence.document == quote.document and sentence.start < quote.end and sentence.end > quote.start:
                attributions.setdefault((sentence.document, sentence.index), quote.attribution)


# --- comparing quotes across reports ---


@lru_cache(maxsize=4096)  # each quote is compared with every other report's quotes
def _words(text: str) -> tuple[str, ...]:
    # An editor's insertions and bleeps: "connected [to Daesh]", "(expletive)", "****".
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\((?:expletive|bleep|inaudible)[^)]*\)|\*{2,}|\b\w\*+\w*", " … ", text, flags=re.I)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", text)  # "U.K." -> "UK"
    text = re.sub(r"\.\s*\.\s*\.|…", " … ", text.replace("’", "'"))  # an ellipsis marks words left out
    text = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group().lower()], text)  # "Don't" is "Do not" written short
    text = _BARE_NOT.sub(lambda m: f"{m.group(1) or m.group(2)} not", text)
    text = _on_the_clock(text)  # "6:41pm" is "18:41" written another way
    return tuple(_spelling(w) for w in re.findall(r"…|\w+(?:[-']\w+)*", text.lower()))


def _on_the_clock(text: str) -> str:
    """Each time of day as one word on the 24-hour clock, read as the figure reader reads it ('6:41pm',
    '6:41 p.m.', '18:41' -> 't1841')."""
    pieces, done = [], 0
    for start, end, minutes in clock_times(text):  # (in order and apart: pieces joined once)
        pieces += [text[done:start], f" t{int(minutes) // 60:02d}{int(minutes) % 60:02d} "]
        done = end
    return "".join([*pieces, text[done:]])


_CONTRACTIONS = {"can't": "can not", "won't": "will not", "n't": " not", "'re": " are", "'m": " am", "'ll": " will",
                 "'ve": " have"}
_CONTRACTION = re.compile(r"\b(?:can't|won't)\b|(?<=\w)(?:n't|'re|'m|'ll|'ve)\b", re.I)
# The same, written without its apostrophe ("I cant speak", "we dont know"): "not" is no word added.
_BARE_NOT = re.compile(r"\b(?:(can)t|(do|does|did|is|was|were|are|could|would|should|has|have|had)nt)\b", re.I)


def _spelling(word: str) -> str:
    """British and American spellings and a plural 's' meet: 'realise' = 'realize', 'honours' = 'honor',
    'honoured' = 'honored', 'honouring' = 'honoring'."""
    word = re.sub(r"(?<=\w)'s$", "", word)  # the possessive: "population's", "populations'" are one word
    word = re.sub(r"(?<=\w{3})(?<!s)s$", "", word)
    word = re.sub(r"(?<=\w{3})is(e|ed|e|ing|ation)$", r"iz\1", word)
    return re.sub(r"(?<=\w{3})our(ed|ing|ite|able|hood|ful)?$", r"or\1", word)


def _content(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in STOP_WORDS and len(w) > 1}


def _blocks(words_a: Sequence[str], words_b: Sequence[str]) -> list:
    return [m for m in SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks() if m.size]


def same_quote(a: QuoteSpan, b: QuoteSpan) -> bool:
    """Runs of three or more words in common cover most of the shorter quote, and at least
    MIN_RUN words; or three quarters of two short quotes that someone is credited with saying
    ("extremely provocative and egregious" / "... and outrageous"; a charge such as
    "insulting a public official" is nobody's words)."""
    words_a, words_b = _words(a.text), _words(b.text)
    runs = [m for m in _blocks(words_a, words_b) if m.size >= 3]
    shared = sum(m.size for m in runs)
    shortest = min(len(words_a), len(words_b))
    # the runs must carry what the words say, not only their frame: "I'm the winner but I was the loser too"
    # shares "I am the" and "I was the" with "I'm the real victim here, I was the one they hurt"
    content = min((_content(words_a), _content(words_b)), key=len)
    in_runs = _content([word for m in runs for word in words_a[m.a : m.a + m.size]])
    carried = not content or len(in_runs & content) >= SAME_CONTENT * len(content)
    if _one_line_of_one_speaker(a, b, words_a, words_b, shared if carried else 0):
        return True
    if not carried:
        return False
    if shared >= max(MIN_RUN, SAME_QUOTE * shortest):
        return True
    said = any(_credit(a)) or any(_credit(b))
    return said and max(len(words_a), len(words_b)) <= SHORT and shared >= max(3, SAME_SHORT * shortest)


def _one_line_of_one_speaker(a: QuoteSpan, b: QuoteSpan, words_a: Sequence[str], words_b: Sequence[str],
                             shared: int) -> bool:
    """One named speaker, and the shorter quote nearly all in the other, by its content words (stems) or by runs
    of three: one line reported two ways ("we believe the suspect acted alone" / "We do not yet know whether the
    suspect acted alone"; "the budget will be balanced by 2029" / "The budget should be close to balance by
    2029"), too short, or its words in common too broken up, for the rules for any two quotes."""
    shortest = min(len(words_a), len(words_b))
    if shortest <= MIN_WORDS or max(len(words_a), len(words_b)) > 2 * shortest:
        return False  # (a line retold is about as long: "We are investigating this as a crime scene" is no part of
        # a 30-word passage on who assists the investigation, whatever their words in common)
    surname = _named_surname(a.attribution) if a.attribution is not None else None
    if not surname or b.attribution is None or _named_surname(b.attribution) != surname:
        return False
    content_a, content_b = _stems(_content(words_a)), _stems(_content(words_b))
    smaller = min(content_a, content_b, key=len)
    return (len(smaller) >= 3 and len(content_a & content_b) >= ONE_LINE * len(smaller)) or (
        shared >= max(MIN_WORDS, SAME_QUOTE * shortest))


def _stems(words: set[str]) -> set[str]:
    return {word[:STEM] for word in words}


def wording_differs(a: QuoteSpan, b: QuoteSpan) -> bool:
    """Different words where both quote the same passage.

    A quote cut shorter, or running on into a different stretch of the same
    statement, is not a difference; a word or two swapped at its edge is
    ("They were made" / "These calls to Birmingham were made"), and so is
    anything inside that is not an ellipsis.
    """
    words_a, words_b = _words(a.text), _words(b.text)
    every = _blocks(words_a, words_b)
    blocks = [m for m in every if m.size >= 3]  # a lone shared "the" anchors nothing
    if not blocks:
        # one speaker's one line with no run of three in common: its words changed where they differ
        swapped = sorted(set(words_a) ^ set(words_b))
        return _one_line_of_one_speaker(a, b, words_a, words_b, 0) and (
            len(_stems(_content(swapped))) >= MATERIAL or not _FORCE.isdisjoint(swapped))
    # Two words in common that end one quote, after the last longer run, anchor that end: "we are so excited for
    # Moonlight. I think…" / "we're so happy for Moonlight." swaps a word where the other runs on
    ending = [m for m in every if m.size == 2 and m.a >= blocks[-1].a + blocks[-1].size
              and m.b >= blocks[-1].b + blocks[-1].size and (m.a + 2 == len(words_a) or m.b + 2 == len(words_b))]
    blocks += ending[-1:]
    # Words both quotes have, even one at a time, are not changes ("very successfully" / "quite successfully").
    shared_a = {m.a + k for m in every for k in range(m.size)}
    shared_b = {m.b + k for m in every for k in range(m.size)}
    if _force_added(words_a, words_b, every):
        return True
    first, last = blocks[0], blocks[-1]
    regions = []
    edges = [((0, first.a), (0, first.b)), ((last.a + last.size, len(words_a)), (last.b + last.size, len(words_b)))]
    for n, (edge_a, edge_b) in enumerate(edges):
        # "They" for "These calls to Birmingham": a word or two replaced at the edge ("why did you" /
        # "why did she": words both quotes have are no replacement); where both quotes end, a short
        # ending said two ways ("am I going to be OK?" / "I'm not going to die, am I?")
        short, long = sorted((
            sum(i not in shared_a for i in range(*edge_a)), sum(i not in shared_b for i in range(*edge_b))
        ))
        if short > 0 and long <= EDGE and (short <= 2 or n == 1):
            regions.append((edge_a, edge_b, n == 1))
    regions += [((left.a + left.size, right.a), (left.b + left.size, right.b), False) for left, right in pairwise(blocks)]
    changed: list[str] = []
    for (start_a, end_a), (start_b, end_b), at_end in regions:
        gap_a = [words_a[i] for i in range(start_a, end_a) if i not in shared_a]
        gap_b = [words_b[i] for i in range(start_b, end_b) if i not in shared_b]
        if "…" in words_a[start_a:end_a] + words_b[start_b:end_b] or _joined(gap_a) == _joined(gap_b):
            continue  # words left out, or "non toxic" / "nontoxic" / "non-toxic"
        # "IE customers" / "Internet Explorer customers": a name and its initials are one wording
        gap_a, gap_b = _without_initials(gap_a, gap_b)
        gap_b, gap_a = _without_initials(gap_b, gap_a)
        if at_end and (_joined(gap_a).startswith(_joined(gap_b)) or _joined(gap_b).startswith(_joined(gap_a))):
            continue  # one quote runs on where the other stops ("vice presidential candidate" / "... candidate on Aug. 29")
        if not gap_a or not gap_b:
            continue  # words only one quote has, inside it: a cut an editor did not mark
        changed += gap_a + gap_b
        if len(gap_a) == len(gap_b) == 1 and {gap_a[0], gap_b[0]} <= _PERSONS:
            return True  # "why did you" / "why did she": who is spoken to or of changed
    # ("will be finished" / "should be close to finished": a pledge made a hope)
    return len(_content(changed)) >= MATERIAL or not _FORCE.isdisjoint(changed)


def _force_added(words_a: Sequence[str], words_b: Sequence[str], blocks: list) -> bool:
    """A word that changes what a statement asserts, added between two words both quotes have ("no plans" / "no
    immediate plans", "will be" / "will not be"): an editor's cut drops words, it does not add these."""
    for left, right in pairwise(blocks):
        gap_a = words_a[left.a + left.size : right.a]
        gap_b = words_b[left.b + left.size : right.b]
        added = gap_b if not gap_a else gap_a if not gap_b else ()
        if 0 < len(added) <= 3 and any(word in _FORCE for word in added):
            return True
    return False


# Words of negation, possibility, time and scope: "no immediate plans" is not "no plans"
_FORCE = {"not", "no", "never", "yet", "may", "might", "could", "should", "would", "likely", "probably", "possibly",
          "perhaps", "immediate", "immediately", "only", "nearly", "almost"}


def _joined(words: list[str]) -> str:
    return "".join(words).replace("-", "")


def _without_initials(one: list[str], other: list[str]) -> tuple[list[str], list[str]]:
    """Both sides without a word of `one` that is the initials of words running in `other` ("ie" and "internet
    explorer", "us" and "united states")."""
    for n, word in enumerate(one):
        size = len(word)
        if not 2 <= size <= 5 or not word.isalpha() or (word in STOP_WORDS and word != "us"):
            continue  # ("we" is no initials of "was eating")
        for at in range(len(other) - size + 1):
            if "".join(w[0] for w in other[at : at + size]) == word:
                return one[:n] + one[n + 1 :], other[:at] + other[at + size :]
    return one, other


_PERSONS = {"i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their"}


def group_quotes(quotes: list[QuoteSpan]) -> list[list[QuoteSpan]]:
    """Quotes of the same words across reports, as connected groups (one report's own repeats join too)."""
    joined = UnionFind(range(len(quotes)))
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if quotes[i].document != quotes[j].document and same_quote(quotes[i], quotes[j]):
                joined.union(j, i)
    groups: dict[int, list[QuoteSpan]] = {}
    for i, quote in enumerate(quotes):
        groups.setdefault(joined.find(i), []).append(quote)
    return list(groups.values())


def _credit(quote: QuoteSpan) -> tuple[str | None, str | None]:
    if quote.attribution is None:
        return None, None
    return quote.attribution.speaker, quote.attribution.origin


def story_quotes(groups: list[list[QuoteSpan]]) -> list[Quote]:
    """One Quote per passage and credit: reports quoting the same words and crediting alike merge."""
    result = []
    for group in groups:
        merged: list[tuple[tuple, list[QuoteSpan]]] = []
        for quote in group:
            speaker, origin = _credit(quote)
            credit = (speaker_key(speaker), origin)
            for entry in merged:
                key, members = entry
                # A report that credits no one does not contradict one that does.
                agree = key == credit or UNCREDITED in (key, credit)
                if agree and all(m.document != quote.document for m in members) and same_quote(members[0], quote):
                    members.append(quote)
                    if key == UNCREDITED:
                        merged[merged.index(entry)] = (credit, members)
                    break
            else:
                merged.append((credit, [quote]))
        for _, members in merged:
            longest = max(members, key=lambda q: len(q.text))
            credited = next((q for q in members if q.attribution is not None), longest)
            speaker, origin = _credit(credited)
            result.append(Quote(longest.text, speaker, origin, [q.evidence for q in members]))
    result = _parts_joined(result)
    result.sort(key=lambda q: (q.evidence[0].document, q.evidence[0].start))
    return result


def _parts_joined(quotes: list[Quote]) -> list[Quote]:
    """A passage one report quotes whole and another in two pieces is one quote: each piece lies inside the
    whole in the report that quotes it whole (credited alike), so it is listed once, with every report's words.

    Each report's quoted spans are swept once in order, keeping the spans still open: a span's container is
    the innermost open one (compared pair by pair, 3,000 quotes took 19 s)."""
    sets = UnionFind(range(len(quotes)))
    by_document: dict[str, list[tuple[int, int, int]]] = {}
    for k, quote in enumerate(quotes):
        for e in quote.evidence:
            by_document.setdefault(e.document, []).append((e.start, -e.end, k))
    for spans in by_document.values():
        spans.sort()
        still_open: list[tuple[int, int]] = []  # (end, quote), each inside the one before
        for start, negative_end, k in spans:
            end = -negative_end
            while still_open and still_open[-1][0] <= start:
                still_open.pop()
            if still_open and end <= still_open[-1][0]:
                outer = still_open[-1][1]
                if sets.find(outer) != sets.find(k) and _credited_alike(quotes[outer], quotes[k]):
                    sets.union(outer, k)
            still_open.append((end, k))
    groups: dict[int, list[Quote]] = {}
    for k, quote in enumerate(quotes):
        groups.setdefault(sets.find(k), []).append(quote)
    joined = []
    for members in groups.values():
        whole = max(members, key=lambda q: len(q.text))
        if len(members) > 1:
            cited = list(dict.fromkeys([*whole.evidence, *(e for q in members for e in q.evidence)]))
            whole.evidence = _outermost(cited)  # (a piece inside the whole's words in one report adds nothing to cite)
        joined.append(whole)
    return joined


def _outermost(spans: list[Evidence]) -> list[Evidence]:
    """The spans not inside another of the same report, in their order."""
    inside: set[Evidence] = set()
    by_document: dict[str, list[Evidence]] = {}
    for e in spans:
        by_document.setdefault(e.document, []).append(e)
    for same in by_document.values():
        reach = -1
        for e in sorted(same, key=lambda e: (e.start, -e.end)):
            if e.end <= reach:
                inside.add(e)
            reach = max(reach, e.end)
    return [e for e in spans if e not in inside]


def _credited_alike(a: Quote, b: Quote) -> bool:
    credits = {(speaker_key(a.speaker), a.origin), (speaker_key(b.speaker), b.origin)}
    return len(credits) == 1 or UNCREDITED in credits


def attribution_discrepancies(groups: list[list[QuoteSpan]], texts: dict[str, str]) -> list[Discrepancy]:
    """The same words credited to different outlets, or to differently named people, by different reports.

    Outlets are compared only with outlets and people with people: "told NBC
    News" and "said" can both be true.
    """
    found = []
    for group in groups:
        group = [quote for quote in group if quote.in_body]
        for credit_of in (_origin_of, _surname_of):
            sides: dict[str, list[QuoteSpan]] = {}
            for quote in group:
                credit = credit_of(quote, texts)
                if credit:
                    # "Bélanger" = "Belanger", "Vasilades" = "Vasiliades": one person (a spelling is a name discrepancy)
                    same = next((known for known in sides if _alike(known, credit)), credit)
                    sides.setdefault(same, []).append(quote)
            documents = [{q.document for q in members} for members in sides.values()]
            if len(sides) < 2 or len(set().union(*documents)) < 2:
                continue
            values = []
            for credit, members in sides.items():
                evidence = list(dict.fromkeys(_credit_phrase(q, texts) for q in members))
                written = texts[evidence[0].document][evidence[0].start : evidence[0].end]
                values.append(DiscrepancyValue(written, credit, evidence))
            first = min(group, key=lambda q: (q.document, q.start))
            found.append(Discrepancy("attribution", f"who said “{_short(first.text)}”", values, confidence=0.8))
            break
    return found


def _alike(a: str, b: str) -> bool:
    def plain(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))

    return SequenceMatcher(None, plain(a), plain(b)).ratio() >= 0.8


def _origin_of(quote: QuoteSpan, texts: dict[str, str]) -> str | None:
    return quote.attribution.origin if quote.attribution is not None else None


def _surname_of(quote: QuoteSpan, texts: dict[str, str]) -> str | None:
    """A person named in the attributing words, by surname ("Lt. Jonathan Hubbard" = "Chief Jon Hubbard").

    "a source" and "an official" may be one person, and "she" is whoever
    the report last named, so neither is compared.
    """
    if quote.attribution is None:
        return None
    phrases = " ".join(texts[e.document][e.start : e.end] for e in quote.attribution.evidence)
    return _named_surname(quote.attribution) if (quote.attribution.speaker or "") in phrases else None


def _named_surname(attribution: Attribution) -> str | None:
    """The surname of the person an attribution names, or None ("a source", "she", "said Sgt." cut off)."""
    speaker = re.sub(r"\([^)]*\)?", " ", attribution.speaker or "")  # "Sander Levin (D-Mich.)": Levin (the parse may cut the ")")
    # "Christopher R. Miller, a spokesman for the Department of Health": the name before the comma
    words = [w for w in speaker.split(",")[0].split() if w.lower() not in ("the", "a", "an")]
    # "Lt. Gregg Hastings of the Oregon State Police": the name before the body it speaks for
    words = words[: next((n for n, w in enumerate(words) if w in _AFTER_A_NAME), len(words))]
    if words and (attribution.named or (len(words) >= 2 and all(w[:1].isupper() for w in words))):
        surname = words[-1].strip(".,'’").removesuffix("'s")
        return None if surname.lower() in _TITLES else surname  # "said Sgt." cut off by a sentence break
    return None


_AFTER_A_NAME = {"of", "for", "from", "at", "with", "in", "on", "who"}

_TITLES = {
    "sgt", "lt", "capt", "col", "gen", "det", "insp", "supt", "dr", "mr", "mrs", "ms", "rev", "gov", "sen", "rep", "prof",
    "officer", "chief",
}


def _credit_phrase(quote: QuoteSpan, texts: dict[str, str]) -> Evidence:
    """The attributing phrase that names the origin ("a source told The Mirror") or the speaker."""
    attribution = quote.attribution
    # only credited quotes get here: _origin_of and _surname_of give no credit without an attribution
    assert attribution is not None
    text = texts[quote.document]
    origin, speaker = attribution.origin, attribution.speaker
    for evidence in attribution.evidence:
        phrase = text[evidence.start : evidence.end]
        if _names(phrase, origin) if origin else bool(speaker and speaker in phrase):
            return evidence
    return attribution.evidence[-1]


def _names(phrase: str, origin: str) -> bool:
    names = OutletNames(phrase)
    return any(names.resolve(written) == origin for _, _, written in outlet_mentions(phrase))


def quote_discrepancies(groups: list[list[QuoteSpan]]) -> list[Discrepancy]:
    """Reports quoting the same passage in materially different words: one discrepancy per passage.

    For each pair of reports, the two quotes differing most; then one side per wording, with every
    report quoting those words (its text is the first report's; the others may cut it differently)."""
    found = []
    for group in groups:
        group = [quote for quote in group if quote.in_body]
        worst: dict[tuple[str, str], tuple[int, QuoteSpan, QuoteSpan]] = {}
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.document != b.document and same_quote(a, b) and wording_differs(a, b):
                    first, second = sorted((a, b), key=lambda q: q.document)
                    shared = len(_content(_words(a.text)) & _content(_words(b.text)))
                    key = (first.document, second.document)
                    if key not in worst or shared > worst[key][0]:
                        worst[key] = (shared, first, second)
        quoted = sorted({id(q): q for _, a, b in worst.values() for q in (a, b)}.values(), key=lambda q: (q.document, q.start))
        sides: list[list[QuoteSpan]] = []
        for quote in quoted:
            side = next((s for s in sides if all(o.document != quote.document and not wording_differs(quote, o) for o in s)), None)
            if side is None:
                sides.append([quote])
            else:
                side.append(quote)
        if len(sides) >= 2:
            values = [DiscrepancyValue(s[0].text, " ".join(_words(s[0].text)), [q.evidence for q in s]) for s in sides]
            found.append(Discrepancy("quote", f"wording of the quote “{_short(sides[0][0].text)}”", values, confidence=0.7))
    return found


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
