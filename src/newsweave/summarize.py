"""The summarize stage (after crosscheck, before render): choose report sentences that together cover the story's facts.

The summary is the set of sentences, within the word budget, that covers the
most weight of the story's *concepts* (in the manner of Gillick & Favre's
concept-coverage ILP), where the concepts are our own:

- claim groups (align.py): a fact is worth more the more independent origins
  state it, and the nearer the top of the reports it stands (news is written
  most-important-first); a fact one report alone states is worth little;
- content bigrams (pairs of adjacent content lemmas), worth the number of
  reports that use them: the story's recurring wording beyond whole claims.

A concept counts once however many chosen sentences hold it, so a second
sentence restating a fact earns nothing for it: redundancy is handled by
coverage, not by a similarity threshold. Besides that:

- a sentence is quoted for its main claim and cited to every report stating
  that claim; no two summary sentences have the same main claim;
- a sentence that names a person by surname alone may be chosen only with a
  sentence that gives the full name, and that one is put first;
- a sentence that leans on the one before it in its report ("And ...",
  "These calls ...", ", however,", "..., he said") costs half its weight,
  given back when the summary quotes that sentence too, right before it:
  what it points at is then there, as the report wrote it;
- a determiner that does not agree with its noun ("a Paris bombers": the
  typo variant of a wording other reports get right) costs weight, so of two
  sentences stating a fact the cleanest is taken (a photo credit is never
  quoted); so does a sentence stating one side of a figure or a date the
  reports disagree on ("Eleven terrorists ..." where another says nine: the
  disagreement section shows both sides); so does a quotation
  that names no speaker where another wording of its claim is no such
  quotation (twice: who speaks is lost, and quoted words read as fact);
- a piece of a quotation that runs over several sentences is never quoted:
  its later sentences (they end on a stray closing mark, speaker unknown),
  nor its first one unless it names the speaker (and then it costs weight:
  the quotation is left open); nor is a paragraph that a
  line ending "said in a statement:" hands over, nor a sentence written as
  "I" or "we" with no quotation marks and no speaker (someone's words printed
  as they stand: a statement, a letter);
- a sentence saying most of what a report's lead (first body sentence)
  says covers that lead: the lead most reports share is worth that many;
- the chosen sentences fit the budget (no sentence is cut), then stand in
  reading order: where the reports first state each sentence's claim.

The problem is solved exactly by HiGHS (`highspy`) with a time limit; without
it (or past the limit with no solution) a budgeted greedy with the classic
(1 - 1/e)/2 guarantee (Khuller, Moss and Naor; Lin and Bilmes) is used.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from newsweave.corpus.signatures import _stem, stop_words
from newsweave.corroborate import DANGLING, LOWER_START, PRONOUN_SAID
from newsweave.settings import Settings
from newsweave.story import BODY, NOMINAL, FactGroup, Sentence, SentenceKey, Story, SummarySentence, body_ranks

_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters)?\s*Photo\b|\b(?:AP|AFP|Reuters|Getty|EPA|Associated Press) (?:Photo|Images)\b"
    r"|^\s*\(?(?:Photo|Image|Picture|Caption|Credit|Video|FILE|File photo)\b\s*[:/\-\u2013\u2014)]"
    r"|\bImage (?:copyright|caption)\b|\bPhoto(?:graph)?: ",
    re.IGNORECASE,
)

# Quotation marks. “ ” and `` are one-way; " '' and ' go either way, and ’ ' are apostrophes
# too: a mark opens at a word's start and closes at its end (a single one only after end
# punctuation, or while a single quotation is open, so "workers' pay" is no quotation).
_QUOTE_MARK = re.compile(r"``|''|[\"“”‘’']")
_SPEAKING = ("source", "outlet")  # attributions that name who speaks ("wire" credits an agency)


def quotation_fragment(text: str) -> str | None:
    """A piece of a quotation that runs over several sentences: "tail" when a mark closes a
    quotation the sentence did not open (it began in an earlier sentence: who speaks?),
    "head" when one opens and is never closed (it goes on in the next), else None."""
    depth = {"double": 0, "single": 0}
    for match in _QUOTE_MARK.finditer(text):
        mark, at, end = match.group(), match.start(), match.end()
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        starts = before.isspace() or before in "([{:—–-"
        ends = after.isspace() or after in ".,;:!?)]}—–-\"'”’"
        kind = "single" if mark in "‘’'" else "double"
        if mark in ("“", "``") or (mark == "‘" and starts):
            opens = True
        elif mark == "”":
            opens = False
        elif kind == "double":
            if starts == ends:
                continue
            opens = starts
        elif starts and after.isalpha():
            opens = True
        elif ends and (before in ".,!?;" or (depth["single"] and not before.isspace())):
            opens = False
        else:
            continue  # an apostrophe
        if opens:
            depth[kind] += 1
        elif depth[kind]:
            depth[kind] -= 1
        else:
            return "tail"
    return "head" if any(depth.values()) else None


def _quoted_opening(text: str) -> bool:
    """The sentence opens with a quotation."""
    match = _QUOTE_MARK.match(text.lstrip())
    return match is not None and match.group() in ("“", "``", "‘", '"', "''", "'")


# Weights, tuned on the tuning parts of Multi-News dev and DUC 2003 (docs/benchmarks.md).
FACT_WEIGHT = 1.0  # a claim group, per independent origin beyond the first
BIGRAM_WEIGHT = 1.0  # a bigram, per report using it
ONE_REPORT = 0.1  # a bigram only one report uses: a little, so a short budget still fills
LEAD_SCALE = 12  # the position prior halves by a report's 12th body sentence
LEAD_WEIGHT = 2.0  # a concept at the top of a report is worth up to three times one far down
UNCLEAN = 0.2  # share of a sentence's concept weight each unclean feature costs
LEANING = 0.5  # ... and leaning on the sentence before it, unless that one is quoted right before it
MISSPELT = 1.0  # a name spelt as the other reports do not: quoted only if nothing else says it
UNSPOKEN_FAULTS = 2  # a quotation that names no speaker, where another wording does, counts as two faults
LEAD_SENTENCES = 2  # a report's opening: its first two body sentences
OPENING_WEIGHT = 5.0  # covering a report's opening (by its own sentence or another report's)
LEAD_FACT_WEIGHT = 10.0  # stating a report's lead sentence (its first body sentence), in any words
LEAD_SHARE = 0.5  # ... is holding this share of its content words
# A report passing on another outlet's words ("..., the Journal reported") is that
# outlet speaking: the bigrams count origins, not reports.
BY_ORIGIN = True
# The solver: the best-valued POOL sentences (by value per word) go in; HiGHS
# stops within GAP of the optimum, or after MAX_NODES branch-and-bound nodes (the
# same reports get the same summary on a busy machine) or SOLVER_SECONDS with the
# best found.
POOL = 60
GAP = 0.01
MAX_NODES = 100
SOLVER_SECONDS = 3.0
# Reports stating it within this much of the earliest place count as opening with it too.
OPENING_SPREAD = 0.1


@dataclass
class _Candidate:
    sentence: Sentence
    group: FactGroup  # cited: the claim group of its main claim
    concepts: list[int] = field(default_factory=list)
    penalty: float = 0.0  # unclean features, as a fraction of the sentence's weight
    # The part of `penalty` for leaning on the sentence before it, forgiven when that sentence,
    # its `antecedent`, is quoted too (right before it).
    lean: float = 0.0
    antecedent: SentenceKey | None = None
    needs: list[str] = field(default_factory=list)  # people it names by surname alone
    introduces: set[str] = field(default_factory=set)  # people it names in full


def summarize(story: Story, settings: Settings) -> Story:
    candidates = _candidates(story, settings)
    if not candidates:
        story.summary = []
        return story
    ranks, body_counts = body_ranks(story)
    weights = _concepts(story, candidates, ranks)
    _mark_people(story, candidates)
    chosen = select(candidates, weights, settings.words)
    story.summary = [SummarySentence(text=c.sentence.text, fact=c.group, sentence=c.sentence,
                                     withheld=withheld_reports(story, c.sentence, c.group))
                     for c in _reading_order(story, chosen, ranks, body_counts)]
    return story


def withheld_reports(story: Story, sentence: Sentence, group: FactGroup) -> tuple[str, ...]:
    """The reports of `group` that give another figure or date than `sentence` (its side of a number or date
    discrepancy: "Twenty-eight-year-old …" against the report that says 29), and not this one too: they do not
    state what the sentence says, so the summary does not cite them for it. (Spellings differ without that.)"""
    withheld: set[str] = set()
    for discrepancy in story.discrepancies:
        if discrepancy.kind not in ("number", "date"):
            continue
        here = [v for v in discrepancy.values if any(e.overlaps(sentence.evidence) for e in v.evidence)]
        if not here:
            continue
        agreeing = {d for v in here for d in v.documents}
        withheld |= {d for v in discrepancy.values if all(v is not h for h in here) for d in v.documents} - agreeing
    return tuple(d for d in group.documents if d in withheld and d != sentence.document)


# --- candidates --------------------------------------------------------------


def _candidates(story: Story, settings: Settings) -> list[_Candidate]:
    cited = _cited_groups(story)
    spoken = {(a.document, a.sentence) for a in story.attributions if a.kind in _SPEAKING}
    statements = _statements_introduced(story.sentences)
    before = _sentences_before(story.sentences)
    contested = _contested(story)
    out = []
    for sentence in story.sentences:
        if not (sentence.key in cited and _usable(sentence, settings) and not _CREDIT.search(sentence.text)):
            continue
        if sentence.key in statements:
            continue  # someone's words without quotation marks: "UConn sent News 8 the following statement:"
        if _in_first_person(sentence.text) and (sentence.document, sentence.index) not in spoken:
            continue  # "I ask, Your Honour Mr. President, to exercise your right to grant pardons": a letter's words
        # A quotation's later sentence cannot stand alone, nor its first one without its speaker.
        fragment = quotation_fragment(sentence.text)
        if fragment == "tail" or (fragment == "head" and (sentence.document, sentence.index) not in spoken):
            continue
        # A quotation with no speaker is unclean where another wording of the claim is no such quotation.
        unspoken = _unspoken(sentence, spoken) and any(
            not _unspoken(other, spoken) for other in cited[sentence.key].sentences if other.key != sentence.key)
        penalty, lean = _unclean(story, sentence, unspoken=unspoken, speaker_before=_unspoken(sentence, spoken),
                                 contested=sentence.key in contested, cut_quote=fragment == "head")
        out.append(_Candidate(sentence, cited[sentence.key], penalty=penalty, lean=lean,
                              antecedent=before.get(sentence.key) if lean else None))
    return out


def _contested(story: Story) -> set[SentenceKey]:
    """Sentences stating one side of a figure or a date the reports disagree on."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for discrepancy in story.discrepancies:
        if discrepancy.kind in ("number", "date"):
            for value in discrepancy.values:
                for evidence in value.evidence:
                    spans.setdefault(evidence.document, []).append((evidence.start, evidence.end))
    return {s.key for s in story.sentences
            if any(s.start <= start < s.end for start, _ in spans.get(s.document, ()))}


def _sentences_before(sentences: list[Sentence]) -> dict[SentenceKey, SentenceKey]:
    """Each sentence's predecessor in its report: what a sentence leaning on context leans on. A predecessor
    that is not body copy but repeats a body sentence word for word (a lead repeated under a photo) is that
    body sentence, which the summary may quote."""
    body = {(s.document, s.text): s.key for s in reversed(sentences) if s.role == BODY}
    return {b.key: body.get((a.document, a.text), a.key) for a, b in pairwise(sentences) if a.document == b.document}


# A line that hands the next paragraph to someone: "UConn sent News 8 the following statement:", "The family
# said in a statement:", "The post read:".
_INTRODUCES_WORDS = re.compile(
    r"\b(?:statement|said|says|say|wrote|writes|write|reads?|added|adds|told|tweeted|posted|announced|stated|"
    r"explained|continued|in part)\b[^\n]{0,60}:[\"'”’]?$", re.IGNORECASE)


def _statements_introduced(sentences: list[Sentence]) -> set[SentenceKey]:
    """The sentences of each paragraph that a line ending in 'statement:', 'said:' ... hands over: someone's
    words, though no quotation marks say so, which the summary must not give in its own voice."""
    quoted: set[SentenceKey] = set()
    previous: Sentence | None = None
    handed_over: tuple[str, int] | None = None
    for sentence in sentences:
        if previous is not None and previous.document == sentence.document and previous.paragraph != sentence.paragraph:
            handed_over = (sentence.document, sentence.paragraph) if _INTRODUCES_WORDS.search(previous.text[-120:]) else None
        if handed_over == (sentence.document, sentence.paragraph):
            quoted.add(sentence.key)
        previous = sentence
    return quoted


_FIRST_PERSON = re.compile(r"\b(?:me|my|mine|myself|My|we|We)\b|\bI\b(?!\.)")  # (not "I." of a name's initials)
_DOUBLE_QUOTES = re.compile(r"[\"“”]|``|''")
_NUMERAL_BEFORE = re.compile(r"[A-Z][a-z]* $")  # "World War I", "Queen Elizabeth I"


def _in_first_person(text: str) -> bool:
    """Someone writing as 'I' or 'we' with no quotation marks: a letter, a statement or a column printed as it stands.
    ('I' after a capitalised word is read as a numeral: 'World War I'; so is 'Then I went', a miss.)"""
    if _DOUBLE_QUOTES.search(text):
        return False
    return any(m.group() != "I" or not _NUMERAL_BEFORE.search(text, max(0, m.start() - 20), m.start())
               for m in _FIRST_PERSON.finditer(text))


def _unspoken(sentence: Sentence, spoken: set[tuple[str, int]]) -> bool:
    """A quotation whose speaker the sentence does not name: a sentence before or after did."""
    return _quoted_opening(sentence.text) and (sentence.document, sentence.index) not in spoken


def _usable(sentence: Sentence, settings: Settings) -> bool:
    return (
        sentence.role == BODY
        and sentence.complete
        and settings.min_summary_words <= sentence.words <= settings.max_summary_words
    )


def _cited_groups(story: Story) -> dict[SentenceKey, FactGroup]:
    """Each sentence's claim group to cite (by `Sentence.key`): that of its main claim, else its best-supported one."""
    group_of = _claim_groups(story)
    cited: dict[SentenceKey, tuple[tuple, FactGroup]] = {}
    for claim in story.claims:
        group = group_of.get(claim.id)
        if group is None:
            continue
        rank = (claim.main, group.support)
        current = cited.get(claim.sentence.key)
        if current is None or rank > current[0]:
            cited[claim.sentence.key] = (rank, group)
    return {key: group for key, (_, group) in cited.items()}


def _claim_groups(story: Story) -> dict[int, FactGroup]:
    """Each grouped claim's group, by `Claim.id`: not a nominal claim's ("former quarterback Dale Ostrow", "the Nov. 13 attacks")
    nor a speaker's description ("said Marta Kowalczyk, director of the county's emergency office"), which name who someone
    is, not what happened: a summary is not chosen or cited for it."""
    return {c.id: g for g in story.facts for c in g.claims if _weighed(c)}


def _weighed(claim) -> bool:
    """Whether a claim says what happened, not who someone is or who spoke."""
    return claim.kind not in NOMINAL and claim.kind != "speaker"


def _reports_stating(group: FactGroup) -> int:
    """How many reports state the group's fact in a claim the summary weighs (not a nominal claim or a speaker's
    description: `_weighed`)."""
    return len({c.document for c in group.claims if _weighed(c)})


def _unclean(story: Story, sentence: Sentence, *, unspoken: bool = False, speaker_before: bool = False,
             contested: bool = False, cut_quote: bool = False) -> tuple[float, float]:
    """How badly the sentence reads alone, as a share of its weight: each unclean feature costs UNCLEAN and
    each way it leans on the sentence before it LEANING. Also that leaning part, which the summary gives back
    when it quotes that sentence right before it."""
    leaning = LEANING * _leaning(sentence.text, speaker_before)
    # Quoted words whose speaker the sentence does not name: who says so, and is it the reports' own claim?
    faults = UNSPOKEN_FAULTS * unspoken + _disagreeing_determiner(story, sentence)
    # One side of a figure or a date the reports disagree on: the summary is what they agree on where it can.
    faults += contested
    # A quotation that goes on in the next sentence, quoted without it, ends unclosed: "A source said: 'They were ...".
    faults += cut_quote
    return UNCLEAN * faults + leaning, leaning


def _leaning(text: str, speaker_before: bool) -> int:
    """How many ways a sentence needs the one before it: it points back at something said there ("And
    ...", "This is ...", "These calls ...", but not "This week ..."), turns on it (", however,"), quotes
    words whose speaker that sentence named, or ends "..., he said"."""
    # A quote after a colon opens a sentence of its own: "A source said: 'They were ...".
    opening = text.split(": ", 1)[1] if ": " in text[:80] else ""
    points_back = (
        (DANGLING.match(text) and not _TIME_NAMED.match(text))
        or LOWER_START.match(text) or (opening and DANGLING.match(opening))
        or _TURNS.search(text) or speaker_before
    )
    return int(bool(points_back)) + bool(PRONOUN_SAID.search(text))


_TURNS = re.compile(r",\s+(?:however|meanwhile|though|nevertheless|in turn|instead|too),", re.IGNORECASE)
# "This week", "That morning": the time is named, not something said before.
_TIME_NAMED = re.compile(
    r"^[\"'“‘(\[]?\s*(?:this|that|these|those)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|"
    r"spring|summer|fall|autumn|winter|season|time|day|decade|century)s?\b", re.IGNORECASE)


def _span(story: Story, sentence: Sentence):
    doc = story.workspace.parses.get(sentence.document)
    return None if doc is None else doc.char_span(sentence.start, sentence.end, alignment_mode="expand")


def _disagreeing_determiner(story: Story, sentence: Sentence) -> bool:
    """'a' or 'an' before a plural noun: a slip another report's wording of the sentence gets right."""
    span = _span(story, sentence)
    if span is None:
        return False
    return any(
        token.lower_ in ("a", "an") and token.dep_ == "det" and token.head.tag_ in ("NNS", "NNPS")
        and token.head.i > token.i
        for token in span
    )


# --- concepts ----------------------------------------------------------------


def _concepts(story: Story, candidates: list[_Candidate], ranks: dict[SentenceKey, int]) -> list[float]:
    """Fill each candidate's concepts; return the concepts' weights."""
    weights: list[float] = []
    index: dict[object, int] = {}

    def concept(key, weight: float) -> int | None:
        if weight <= 0:
            return None
        if key not in index:
            index[key] = len(weights)
            weights.append(weight)
        return index[key]

    # Claim groups: independent origins beyond the first, raised by how early the reports put them.
    group_of = _claim_groups(story)
    by_sentence: dict[SentenceKey, list[FactGroup]] = {}
    for claim in story.claims:
        group = group_of.get(claim.id)
        if group is not None:
            by_sentence.setdefault(claim.sentence.key, []).append(group)
    group_weight: dict[int, float] = {}
    for group in story.facts:
        origins = min(group.independent_sources, _reports_stating(group))
        base = FACT_WEIGHT * max(origins - 1, 0)
        group_weight[group.id] = base * (1 + LEAD_WEIGHT * _lead(min(ranks[s.key] for s in group.sentences)))

    # Content bigrams: reports using each beyond the first, raised by how early it first appears.
    # A report passing on another outlet's words ("..., the Journal reported") is that outlet
    # speaking: two reports quoting one outlet use its wording once.
    credited = {(a.document, a.sentence): a.origin for a in story.attributions if a.origin} if BY_ORIGIN else {}
    first: dict[tuple[str, str], dict[str, int]] = {}
    bigrams = {s.key: _bigrams(s) for s in story.sentences if s.role == BODY}
    for sentence in story.sentences:
        if sentence.role != BODY:
            continue
        source = credited.get((sentence.document, sentence.index), sentence.document)
        for bigram in bigrams[sentence.key]:
            seen = first.setdefault(bigram, {})
            rank = ranks[sentence.key]
            if rank < seen.get(source, 1 << 30):
                seen[source] = rank
    bigram_weight = {
        bigram: BIGRAM_WEIGHT * (len(where) if len(where) > 1 else ONE_REPORT) * (1 + LEAD_WEIGHT * _lead(min(where.values())))
        for bigram, where in first.items()
    }

    # Each report's opening: its first LEAD_SENTENCES body sentences, or another report's
    # sentence stating one of their claims, cover it once.
    openings: dict[int, set[str]] = {}
    for group in story.facts:
        for sentence in group.sentences:
            if sentence.role == BODY and ranks[sentence.key] < LEAD_SENTENCES:
                openings.setdefault(group.id, set()).add(sentence.document)
    # Each report's lead (its first body sentence, the story as that report sums it up) is
    # covered by a sentence that says most of it in any words: the lead most reports share is
    # then worth as many leads.
    content = {c.sentence.key: _content_words(c.sentence) for c in candidates}
    leads = {s.document: _content_words(s) for s in story.sentences if s.role == BODY and ranks[s.key] == 0}
    leads = {document: words for document, words in leads.items() if words}
    for candidate in candidates:
        found = set()
        sentence = candidate.sentence
        opened = {sentence.document} if ranks[sentence.key] < LEAD_SENTENCES else set()
        for group in by_sentence.get(sentence.key, []):
            opened |= openings.get(group.id, set())
        for document in sorted(opened):
            found.add(concept(("opening", document), OPENING_WEIGHT))
        for document in sorted(_leads_covered(content[sentence.key], leads)):
            found.add(concept(("lead", document), LEAD_FACT_WEIGHT))
        for group in by_sentence.get(sentence.key, []):
            found.add(concept(("fact", group.id), group_weight[group.id]))
        # Sorted: concept numbers (the solver's tie-breaks) must not follow the string hash seed,
        # which differs between processes (engines' workers, two runs of one command).
        for bigram in sorted(bigrams[sentence.key]):
            if bigram in bigram_weight:
                found.add(concept(bigram, bigram_weight[bigram]))
        candidate.concepts = sorted(number for number in found if number is not None)
    return weights


def _bigrams(sentence: Sentence) -> set[tuple[str, str]]:
    """Pairs of adjacent words, folded, leaving out pairs of two stop words (Gillick & Favre's
    concepts: the wording ROUGE-2 rewards, "the president" included)."""
    # The clusterer's plural fold and stop words.
    words = [_stem(w) for w in _WORD.findall(sentence.text.lower())]
    stops = stop_words()
    return {(a, b) for a, b in pairwise(words) if a not in stops or b not in stops}


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _content_words(sentence: Sentence) -> set[str]:
    stops = stop_words()
    return {w for w in map(_stem, _WORD.findall(sentence.text.lower())) if w not in stops}


def _leads_covered(words: set[str], leads: dict[str, set[str]]) -> list[str]:
    """The reports whose lead the sentence states: it holds at least LEAD_SHARE of the lead's content words."""
    return [document for document, lead in leads.items() if len(lead & words) >= LEAD_SHARE * len(lead)]


def _lead(rank: int) -> float:
    return 1.0 / (1.0 + rank / LEAD_SCALE)


# --- people ------------------------------------------------------------------


def _mark_people(story: Story, candidates: list[_Candidate]) -> None:
    """Which people each candidate names in full, and which by surname alone.

    A person counts when some report names them in full (two words or more);
    a sentence naming them only by a one-word mention then needs a sentence
    that gives the full name before it.
    """
    position = {s.key: i for i, s in enumerate(story.sentences)}
    for entity in story.entities:
        if entity.type != "PERSON" or not any(len(m.text.split()) > 1 for m in entity.mentions):
            continue
        full: set[int] = set()
        bare: set[int] = set()
        for mention in entity.mentions:
            if 0 <= mention.sentence < len(story.sentences):
                (full if len(mention.text.split()) > 1 else bare).add(mention.sentence)
        # A spelling the reports disagree on (entities/: the name is the majority's) is the typo variant.
        variants = set(entity.variants)
        misspelt = {m.sentence for m in entity.mentions if m.text in variants}
        for candidate in candidates:
            at = position[candidate.sentence.key]
            if at in misspelt:
                candidate.penalty += MISSPELT
            if at in full:
                candidate.introduces.add(entity.id)
            elif at in bare:
                candidate.needs.append(entity.id)


# --- selection -----------------------------------------------------------------


def select(candidates: list[_Candidate], weights: list[float], budget: int) -> list[_Candidate]:
    """The candidates to quote: exactly (HiGHS) when it is installed, else greedily."""
    usable = [c for c in candidates if c.sentence.words <= budget]
    if not usable:
        # Not one sentence fits: the best short one rather than nothing.
        best = max(candidates, key=lambda c: (_value(c, set(), weights) / c.sentence.words, -c.sentence.index))
        return [best]
    if len(usable) > POOL:
        ranked = sorted(usable, key=lambda c: -_value(c, set(), weights) / c.sentence.words)
        usable = ranked[:POOL] + _introducers_wanted(ranked[:POOL], ranked[POOL:])
    try:
        chosen = _solve(usable, weights, budget)
    except ImportError:
        chosen = None
    if chosen is None:
        chosen = _greedy(usable, weights, budget)
    return chosen


def _introducers_wanted(pool: list[_Candidate], rest: list[_Candidate]) -> list[_Candidate]:
    """For each person a pooled sentence names by surname alone and no pooled sentence names in full, the
    best-ranked other sentence that does: left out of the pool, the rule "full name first" would lapse for
    want of anyone to give it, and the surname would be quoted bare."""
    introduced = {p for c in pool for p in c.introduces}
    wanted = {p for c in pool for p in c.needs if p not in introduced}
    found: list[_Candidate] = []
    for candidate in rest:
        if wanted & candidate.introduces:
            found.append(candidate)
            wanted -= candidate.introduces
    return found


def _value(candidate: _Candidate, covered: set[int], weights: list[float]) -> float:
    total = sum(weights[i] for i in candidate.concepts)
    new = sum(weights[i] for i in candidate.concepts if i not in covered)
    return new - candidate.penalty * total


def _relief(candidate: _Candidate, weights: list[float]) -> float:
    """What quoting its antecedent right before it gives back of a leaning sentence's penalty."""
    return candidate.lean * sum(weights[i] for i in candidate.concepts)


def _pairs(candidates: list[_Candidate]) -> list[tuple[int, int]]:
    """(leaning sentence, its antecedent) for each leaning candidate whose antecedent is a candidate too."""
    at = {c.sentence.key: k for k, c in enumerate(candidates)}
    return [(j, at[c.antecedent]) for j, c in enumerate(candidates) if c.antecedent in at]


def _paired(candidates: list[_Candidate], k: int, taken: set[int]) -> list[int]:
    """The leaning sentences that taking candidate k pairs with a taken partner."""
    return [j for j, a in _pairs(candidates) if (j == k and a in taken) or (a == k and j in taken)]


def _exclusive(candidates: list[_Candidate]) -> list[list[int]]:
    """Sets of candidates of which one at most may be chosen: those sharing a main claim group."""
    sets: dict[int, list[int]] = {}
    for k, candidate in enumerate(candidates):
        sets.setdefault(candidate.group.id, []).append(k)
    return [members for members in sets.values() if len(members) > 1]


def _introducers(candidates: list[_Candidate]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for k, candidate in enumerate(candidates):
        for person in sorted(candidate.introduces):
            found.setdefault(person, []).append(k)
    return found


def _greedy(candidates: list[_Candidate], weights: list[float], budget: int) -> list[_Candidate]:
    """Budgeted greedy by gain per word, or the best single sentence if that is worth more:
    within (1 - 1/e)/2 of the optimum for a monotone submodular coverage (Khuller et al. 1999)."""
    blocked_by = {k: members for members in _exclusive(candidates) for k in members}
    introducers = _introducers(candidates)
    chosen: list[int] = []
    covered: set[int] = set()
    words = 0
    taken: set[int] = set()
    while True:
        best, best_ratio = None, 0.0
        introduced = {p for k in chosen for p in candidates[k].introduces}
        for k, candidate in enumerate(candidates):
            if k in taken or words + candidate.sentence.words > budget:
                continue
            if any(j in taken for j in blocked_by.get(k, ())):
                continue
            if any(p in introducers and p not in introduced and p not in candidate.introduces for p in candidate.needs):
                continue
            gain = _value(candidate, covered, weights) + sum(
                _relief(candidates[i], weights) for i in _paired(candidates, k, taken))
            ratio = gain / candidate.sentence.words
            if gain > 0 and ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            break
        chosen.append(best)
        taken.add(best)
        covered.update(candidates[best].concepts)
        words += candidates[best].sentence.words
    total = sum(weights[i] for i in covered) - sum(candidates[k].penalty * sum(weights[i] for i in candidates[k].concepts) for k in chosen)
    total += sum(_relief(candidates[j], weights) for j, k in _pairs(candidates) if j in taken and k in taken)
    alone = [k for k, c in enumerate(candidates) if not any(p in introducers and p not in c.introduces for p in c.needs)]
    if alone:
        single = max(alone, key=lambda k: _value(candidates[k], set(), weights))
        if _value(candidates[single], set(), weights) > total:
            chosen = [single]
    return [candidates[k] for k in chosen]


_SOLVER_LOCK = threading.Lock()
_banner_silenced = False


def _highs():
    """A HiGHS instance that prints nothing. The first instance in a process prints a
    banner on the C++ stdout before any option can be set, so that one is made with
    file descriptor 1 pointed at /dev/null (once, under a lock)."""
    global _banner_silenced
    import highspy  # optional at run time: without HiGHS, `select` falls back on the greedy

    with _SOLVER_LOCK:
        if not _banner_silenced:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as null:
                    os.dup2(null.fileno(), 1)
                    highs = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_silenced = True
        else:
            highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


def _solve(candidates: list[_Candidate], weights: list[float], budget: int) -> list[_Candidate] | None:
    """The optimal selection by integer programming, or None if HiGHS finds none in time.

        max  sum_i w_i c_i - sum_j p_j s_j
        s.t. sum_j words_j s_j <= budget
             c_i <= sum_{j holds i} s_j          (a concept counts once, if some chosen sentence holds it)
             sum_{j in E} s_j <= 1               (one sentence per main claim)
             s_j <= sum_{k names P in full} s_k  (for each person P that j names by surname alone)
             p_j <= s_j, p_j <= s_a              (j leans on a, its antecedent: p_j gives back its lean)
    """
    import highspy  # optional at run time: see _highs

    # A concept only one candidate holds is that candidate's own worth: no column for it.
    holders: list[list[int]] = [[] for _ in weights]
    for j, candidate in enumerate(candidates):
        for i in candidate.concepts:
            holders[i].append(j)
    own = [0.0] * len(candidates)
    shared: list[int] = []
    for i, js in enumerate(holders):
        if len(js) == 1:
            own[js[0]] += weights[i]
        elif js:
            shared.append(i)
    pairs = _pairs(candidates)
    n, m = len(candidates), len(shared)
    highs = _highs()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("time_limit", SOLVER_SECONDS)
    highs.setOptionValue("mip_rel_gap", GAP)
    # A node budget as well as the clock: the same reports get the same summary on a busy machine.
    highs.setOptionValue("mip_max_nodes", MAX_NODES)

    penalties = [c.penalty * sum(weights[i] for i in c.concepts) for c in candidates]
    lp = highspy.HighsLp()
    lp.num_col_ = n + m + len(pairs)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([np.asarray(own, dtype=float) - np.asarray(penalties, dtype=float),
                                   np.asarray([weights[i] for i in shared], dtype=float),
                                   np.asarray([_relief(candidates[j], weights) for j, _ in pairs], dtype=float)])
    lp.col_lower_ = np.zeros(n + m + len(pairs))
    lp.col_upper_ = np.ones(n + m + len(pairs))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * (m + len(pairs))

    lower: list[float] = []
    upper: list[float] = []
    starts, index, value = [0], [], []
    inf = highspy.kHighsInf

    def row(lo: float, hi: float, entries) -> None:
        lower.append(lo)
        upper.append(hi)
        for column, coefficient in entries:
            index.append(column)
            value.append(coefficient)
        starts.append(len(index))

    row(-inf, float(budget), [(j, float(c.sentence.words)) for j, c in enumerate(candidates)])
    for column, i in enumerate(shared):
        row(0.0, inf, [(j, 1.0) for j in holders[i]] + [(n + column, -1.0)])
    for members in _exclusive(candidates):
        row(-inf, 1.0, [(j, 1.0) for j in members])
    introducers = _introducers(candidates)
    for j, candidate in enumerate(candidates):
        for person in candidate.needs:
            if person in introducers and person not in candidate.introduces:
                row(0.0, inf, [(k, 1.0) for k in introducers[person]] + [(j, -1.0)])
    for column, (j, antecedent) in enumerate(pairs, start=n + m):
        row(-inf, 0.0, [(column, 1.0), (j, -1.0)])
        row(-inf, 0.0, [(column, 1.0), (antecedent, -1.0)])
    lp.num_row_ = len(lower)
    lp.row_lower_ = np.asarray(lower, dtype=float)
    lp.row_upper_ = np.asarray(upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(value, dtype=float)
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()
    done = highspy.HighsModelStatus
    if status not in (done.kOptimal, done.kTimeLimit, done.kSolutionLimit, done.kIterationLimit):
        return None
    values = highs.getSolution().col_value
    if len(values) < n or not highs.getInfo().primal_solution_status:
        return None
    return [c for j, c in enumerate(candidates) if values[j] > 0.5]


# --- order ---------------------------------------------------------------------


def _reading_order(story: Story, chosen: list[_Candidate], ranks: dict[SentenceKey, int],
                   body_counts: dict[str, int]) -> list[_Candidate]:
    """Where the reports first state each sentence's fact (relative to each report's
    length), what more reports open with first; a sentence naming someone by surname
    alone after the one that gives the full name.

    The fact is the sentence's claim group: the sentences stating its main claim. Sentences
    that merely share words with it (a background line naming the same people) do not
    place it: they pulled details up to the top (docs/benchmarks.md, issue 12)."""
    reports = [d.id for d in story.documents]

    def place(candidate: _Candidate) -> tuple:
        at: dict[str, float] = {}
        for sentence in [candidate.sentence, *candidate.group.sentences]:
            if sentence.role != BODY:
                continue
            # A report with no body copy at all (one caption line) has no count: .get.
            where = ranks[sentence.key] / max(1, body_counts.get(sentence.document, 0) - 1)
            at[sentence.document] = min(where, at.get(sentence.document, 1.0))
        first = min(at.values(), default=1.0)
        return (first, -sum(1 for r in reports if at.get(r, 1.0) <= first + OPENING_SPREAD), candidate.sentence.index)

    # A leaning sentence quoted with its antecedent follows it (glued on below), wherever its own fact stands.
    keys = {c.sentence.key for c in chosen}
    glued = {c.antecedent: c for c in chosen if c.antecedent in keys}
    ordered = sorted((c for c in chosen if c not in glued.values()), key=place)
    result: list[_Candidate] = []
    while ordered:
        introduced = {p for c in result for p in c.introduces}
        # The first candidate whose needed names nothing still waiting would introduce.
        free = next((k for k, candidate in enumerate(ordered)
                     if not any(p in other.introduces for p in _missing(candidate, introduced) for other in ordered)), None)
        if free is None:
            # Sentences needing each other's full names ("Sylvester Stallone ... the Trump administration", "Donald
            # J. Trump ... Mr. Stallone"): first the one that names in full the most of those still wanted.
            wanted = Counter(p for candidate in ordered for p in _missing(candidate, introduced))
            free = max(range(len(ordered)), key=lambda k: (sum(wanted[p] for p in ordered[k].introduces), -k))
        k = free
        result.append(ordered.pop(k))
        while result[-1].sentence.key in glued:
            result.append(glued.pop(result[-1].sentence.key))
    return result


def _missing(candidate: _Candidate, introduced: set[str]) -> list[str]:
    return [p for p in candidate.needs if p not in introduced and p not in candidate.introduces]
