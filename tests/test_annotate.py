"""Sentence segmentation and roles on messy news copy written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsweave
from newsweave.story import BODY, BOILERPLATE, CAPTION

MESSY = """# Storm floods Brackwell harbour

By Jane Okafor, Staff Writer

Published: Nov. 3, 2026

BRACKWELL, Nov. 3 (Northsea Wire) — Floodwater swept through the harbour district of Brackwell on Monday after a storm surge broke over the sea wall, the U.S. Coast Guard liaison office said.

Advertisement

Media playback is unsupported on your device Media caption Harbour master Tom Reyes on the night the wall gave way

"We have never seen water this high in the old town," harbour master Tom Reyes said. "It came over the wall in minutes."

"Stay off the roads tonight," the mayor told residents in a video message, adding that shelters were open at two schools.

Residents wade through a flooded street in Brackwell on Monday

Photo: Lena Park/Northsea Wire

The storm, named Odile by forecasters, is expected to weaken by Wednesday, Dr. Amy Lin of the weather service said.

Read more: How sea walls are built

To see the flood maps for every street, click here.

[Sea Walls: 5 Things to Know Before the Next Storm]

Follow Jane Okafor on Twitter and Facebook.

(Reporting by Jane Okafor; Editing by Sam Ortiz)
"""


@pytest.fixture(scope="module")
def sentences():
    return newsweave.brief([newsweave.Document(id="messy", text=MESSY)]).story.sentences


def find(sentences, start: str):
    matches = [s for s in sentences if s.text.startswith(start)]
    assert len(matches) == 1, f"expected one sentence starting {start!r}, got {[s.text for s in matches]}"
    return matches[0]


def test_spans_are_exact_offsets(sentences):
    for sentence in sentences:
        assert MESSY[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_headline_byline_and_credits_are_not_body(sentences):
    assert find(sentences, "Storm floods Brackwell harbour").role == CAPTION  # the "# " is trimmed off the span
    assert find(sentences, "By Jane Okafor").role == BOILERPLATE
    assert find(sentences, "Published:").role == BOILERPLATE
    assert find(sentences, "Advertisement").role == BOILERPLATE
    assert find(sentences, "Read more:").role == BOILERPLATE
    assert find(sentences, "(Reporting by Jane Okafor").role == BOILERPLATE
    assert find(sentences, "Photo: Lena Park").role == BOILERPLATE
    assert find(sentences, "Media playback is unsupported").role == BOILERPLATE  # a video player's notice (BBC)
    assert find(sentences, "To see the flood maps").role == BOILERPLATE  # a link's words, wherever they stand
    assert find(sentences, "[Sea Walls: 5 Things").role == BOILERPLATE  # a related story's link, in brackets
    assert find(sentences, "Follow Jane Okafor").role == BOILERPLATE


@pytest.mark.parametrize("line, role", [
    ("Contact Ines Varga at 555-201-3409.", BOILERPLATE),  # a reporter's contact line closing the page
    ("Reach Dale Ostrow at (555) 201 3409 or on his cell.", BOILERPLATE),
    ("E-mail Ines Varga at ivarga@harlow-courier.example.", BOILERPLATE),
    ("Contact tracing at Harlow schools began on Monday.", BODY),
    ("Call Harlow police at once if you see the dog, the warden said.", BODY),
    ("Staff writer Dale Ostrow contributed to this report.", BOILERPLATE),  # a writer's credit
    ("The Associated Press contributed to this story.", BOILERPLATE),
    ("Volunteers who contributed to the report on the dam were thanked.", BODY),
])
def test_a_reporter_s_contact_or_credit_line_is_not_body_copy(line, role):
    text = f"The Harlow ferry sank on Monday, officials said.\n\n{line}\n"
    (found,) = [s for s in newsweave.brief([newsweave.Document(id="a", text=text)]).story.sentences if s.text == line]
    assert found.role == role


def test_caption_without_final_stop_is_a_caption(sentences):
    assert find(sentences, "Residents wade through a flooded street").role == CAPTION


def test_dateline_is_trimmed_and_abbreviations_do_not_split(sentences):
    lead = find(sentences, "Floodwater swept through")
    assert lead.role == BODY
    assert lead.text.endswith("the U.S. Coast Guard liaison office said.")
    storm = find(sentences, "The storm, named Odile")
    assert storm.text.endswith("Dr. Amy Lin of the weather service said.")


def test_quotes_that_open_a_paragraph_keep_their_speaker(sentences):
    first = find(sentences, '"We have never seen water this high')
    assert first.text.endswith("harbour master Tom Reyes said.")
    assert find(sentences, '"It came over the wall in minutes."').role == BODY
    mayor = find(sentences, '"Stay off the roads tonight,"')
    assert "the mayor told residents" in mayor.text and mayor.text.endswith("open at two schools.")


def test_numbers_in_words_and_digits_are_normalised():
    from newsweave.annotate.features import number_value

    assert number_value("nine") == number_value("9") == 9
    assert number_value("Eleven") == 11
    assert number_value("1,400") == 1400
    assert number_value("hundreds") is None


def test_the_stages_working_state_is_kept_apart_from_the_brief():
    """Parses and similarity matrices live in the story's workspace: not fields of the brief,
    left out of its repr and its equality, and keyed by stable ids (`Sentence.key`), not `id()`."""
    import dataclasses

    from newsweave.story import Story, Workspace

    story = newsweave.brief([newsweave.Document(id="messy", text=MESSY)]).story
    workspace = story.workspace
    assert list(workspace.parses) == ["messy"] and workspace.parses["messy"].text == MESSY
    assert workspace.aligned and workspace.similarity.shape == (len(workspace.aligned),) * 2
    assert workspace.dates and all(d.evidence.document == "messy" for d in workspace.dates)
    assert not {f.name for f in dataclasses.fields(Story)} & {"parses", "aligned", "similarity", "dates"}
    assert "workspace" not in repr(story) and dataclasses.replace(story, workspace=Workspace()) == story
    assert len({s.key for s in story.sentences}) == len(story.sentences)
    assert all(s.key == (s.document, s.start, s.end) for s in story.sentences)


def test_the_model_multiplies_with_numpy_and_parses_as_with_blis():
    """The speed-up in annotate/model.py changes how fast, never what: the parse BLIS gives, token for token.
    The model loaded the stock way also keeps spaCy's own attribute ruler, so this compares `AttributeRules`
    (POS, lemma, morphology) with it on real parses too."""
    import spacy
    from thinc.api import NumpyOps, use_ops

    from newsweave import Settings
    from newsweave.annotate.model import load_model
    from newsweave.annotate.sentences import PARAGRAPH_COMPONENT

    nlp = load_model(Settings())
    # The convolutions' maxout layers hold the large products (the transition models' last layer keeps its own ops).
    layers = [node for _, component in nlp.pipeline if getattr(component, "model", None)
              for node in component.model.walk() if node.name.startswith("maxout")]
    assert layers and all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in layers)

    with use_ops("numpy", use_blis=True):
        blis_nlp = spacy.load(nlp.path)
    blis_nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    assert blis_nlp.get_pipe("ner").model.ops.use_blis and blis_nlp.pipe_names == nlp.pipe_names

    def annotations(doc):
        return [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]

    example = Path(__file__).parents[1] / "examples" / "valley-dam-evacuation"
    texts = [MESSY] + [(example / name).read_text(encoding="utf-8") for name in ("wire.txt", "evening-post.md")]
    assert [annotations(doc) for doc in nlp.pipe(texts)] == [annotations(doc) for doc in blis_nlp.pipe(texts)]


def test_the_loaded_model_is_out_of_the_garbage_collectors_reach():
    """Full collections would walk the model's objects again at every brief (annotate/model.py)."""
    import gc

    from newsweave import Settings
    from newsweave.annotate.model import load_model

    nlp = load_model(Settings())
    frozen = gc.get_freeze_count()
    assert frozen > 50_000
    assert not any(o is nlp for o in gc.get_objects())  # the pipeline itself is among the frozen objects


def test_attribute_rules_apply_the_rulers_rules_in_its_order():
    """Made-up rules on a blank pipeline: the rules' lookup gives what spaCy's AttributeRuler gives."""
    import spacy
    from spacy.tokens import Doc

    from newsweave.annotate.attributes import AttributeRules

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "lock", "TAG": "NN"}]], {"POS": "PROPN", "LEMMA": "Lock"})  # a later rule wins
    ruler.add([[{"TAG": {"NOT_IN": ["NN", "DT"]}}]], {"POS": "VERB"})
    ruler.add([[{"DEP": "det"}, {"LOWER": {"REGEX": "^l"}}]], {"LEMMA": "the-l"}, index=0)
    ruler.add([[{"LOWER": {"IN": ["the", "a"]}}, {"TAG": "NN"}]], {"MORPH": "Definite=Def"}, index=-1)
    words, tags, deps = ["the", "lock", "opens", "a", "gate"], ["DT", "NN", "VBZ", "DT", "NN"], ["det", "nsubj", "ROOT", "det", "dobj"]

    def tagged() -> Doc:
        return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[1, 2, 2, 4, 2])

    expected = ruler(tagged())
    rules = AttributeRules(nlp.vocab)
    assert AttributeRules.can_take_over(ruler)
    rules.take_over(ruler)
    got = rules(tagged())
    table = [(t.pos_, t.lemma_, str(t.morph)) for t in got]
    assert table == [(t.pos_, t.lemma_, str(t.morph)) for t in expected]
    assert table[1] == ("PROPN", "Lock", "Definite=Def") and table[0][1] == "the-l" and table[2][0] == "VERB"

    ruler.add([[{"TAG": "DT", "OP": "?"}, {"TAG": "NN"}]], {"POS": "NOUN"})  # a repeat operator: the ruler stays
    assert not AttributeRules.can_take_over(ruler)


def _made_up_rules(nlp):
    """A ruler with rules of every kind `AttributeRules` reads, invented for these tests."""
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBZ"]}}]], {"POS": "VERB", "MORPH": "VerbForm=Fin"})
    ruler.add([[{"LOWER": "gate", "TAG": "NN"}]], {"POS": "PROPN", "LEMMA": "Gate"})  # a later rule wins, per attribute
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "DEP": "det"}]], {"POS": "PRON"})  # any word but two
    ruler.add([[{"LOWER": {"REGEX": "^sluice"}}]], {"LEMMA": "sluice"})  # a word a regular expression names
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], {"POS": "AUX"}, index=1)  # two tokens, the second set
    ruler.add([[{"LOWER": "lock"}, {"LOWER": "keeper"}]], {"LEMMA": "lock-keeper", "TAG": "NNP"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE", "DEP": "dep"})
    ruler.add([[{"TAG": "DT"}]], {"MORPH": "PronType=Art"})
    return ruler


_WORDS = [
    ("there", "EX", "expl"), ("was", "VBD", "ROOT"), ("a", "DT", "det"), ("gate", "NN", "attr"),
    ("\n", "_SP", ""), ("the", "DT", "det"), ("lock", "NN", "compound"), ("keeper", "NN", "nsubj"),
    ("shut", "VBD", "ROOT"), ("both", "DT", "det"), ("sluices", "NNS", "dobj"), ("and", "CC", "cc"),
    ("this", "DT", "det"), ("gate", "NN", "conj"), ("there", "EX", "expl"), ("is", "VBZ", "ROOT"),
]


def _made_up_doc(vocab, words=_WORDS):
    from spacy.tokens import Doc

    return Doc(vocab, words=[w for w, _, _ in words], spaces=[False] * len(words),
               tags=[t for _, t, _ in words], deps=[d for _, _, d in words], heads=list(range(len(words))))


def _attributes(doc):
    return [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


def test_attribute_rules_remembered_per_token_kind_give_the_rulers_attributes(monkeypatch):
    """The same token kind met again, in this Doc and the next, is looked up from memory; two-token
    rules, a later rule replacing one attribute of an earlier one, NOT_IN and REGEX on words no rule
    names, and a memory forgotten mid-way all still give what the AttributeRuler gives."""
    import spacy

    from newsweave.annotate import attributes
    from newsweave.annotate.attributes import AttributeRules

    nlp = spacy.blank("en")
    ruler = _made_up_rules(nlp)
    rules = AttributeRules(nlp.vocab)
    assert AttributeRules.can_take_over(ruler)
    rules.take_over(ruler)
    shorter = _WORDS[5:11]  # "lock keeper" and a sluice again, without the expletives
    for words in (_WORDS, _WORDS, shorter):
        assert _attributes(rules(_made_up_doc(nlp.vocab, words))) == _attributes(ruler(_made_up_doc(nlp.vocab, words)))
    got = _attributes(rules(_made_up_doc(nlp.vocab)))
    assert got[3] == ("PROPN", "NN", "attr", "Gate", "Number=Sing")  # POS and lemma of the later rule, its morphology kept
    assert got[1][0] == "AUX" and got[15][0] == "AUX" and got[0][0] == ""  # the second token of "there was" only
    assert got[7][1:4] == ("NNP", "nsubj", "lock-keeper") and got[6][3] == ""
    assert got[9][0] == "PRON" and got[12][0] == "PRON" and got[2][0] == ""  # "both", "this"; not "a"
    assert got[10][3] == "sluice" and got[4][:3] == ("SPACE", "_SP", "dep")
    assert rules._keys and rules._word_classes  # remembered

    monkeypatch.setattr(attributes, "_MEMORY", 2)  # forgotten before each Doc: looked up afresh
    for words in (shorter, _WORDS):
        assert _attributes(rules(_made_up_doc(nlp.vocab, words))) == _attributes(ruler(_made_up_doc(nlp.vocab, words)))


def test_attribute_rules_leave_the_ruler_for_what_they_cannot_write():
    """A rule setting a lexeme's attribute or an extension, or naming a token outside its pattern,
    keeps spaCy's ruler (and its error)."""
    import spacy

    from newsweave.annotate.attributes import AttributeRules

    for attrs, index in (({"NORM": "gates"}, 0), ({"IS_STOP": True}, 0), ({"POS": "NOUN"}, 2)):
        nlp = spacy.blank("en")
        ruler = _made_up_rules(nlp)
        assert AttributeRules.can_take_over(ruler)
        ruler.add([[{"LOWER": "gate"}, {"TAG": "NN"}]], attrs, index=index)
        assert not AttributeRules.can_take_over(ruler), attrs


def test_paragraph_breaks_start_sentences_and_spaces_never_do():
    """Read and written as arrays: the token after a line break starts a sentence, a space token never does,
    and a line break inside a token's trailing space (there is none: it is one " ") is not looked for."""
    import spacy
    from spacy.tokens import Doc

    from newsweave.annotate.sentences import paragraph_boundaries

    vocab = spacy.blank("en").vocab
    words = ["Gates", "shut", "\n\n", "Water", "rose", " ", "\n", "Crews", "left", "  ", "quickly"]
    doc = paragraph_boundaries(Doc(vocab, words=words, spaces=[True, False, False, True, False, False, False, True, True, False, False]))
    assert [t.is_sent_start for t in doc] == [True, None, False, True, None, False, False, True, None, False, None]
    parsed = Doc(vocab, words=["Gates", "\n", "shut"], heads=[0, 0, 0], deps=["ROOT", "dep", "dep"])
    with pytest.raises(ValueError):
        paragraph_boundaries(parsed)  # as `Token.is_sent_start` refuses once the parser has set the sentences


def test_sentence_features_read_as_arrays_are_the_tokens_own():
    """`TokenTable` reads the attributes `Token` gives, and its texts are `Span.text`; the features of an
    invented report: lemmas, entity keys (a surname too), numbers in words and digits, whole clauses."""
    from newsweave import Settings
    from newsweave.annotate.features import entity_lookup, sentence_features, stands_alone
    from newsweave.annotate.model import load_model
    from newsweave.annotate.tokens import TokenTable

    text = (
        "The Harlow Gazette said nine boats and 12 cranes were lost when the gate of the Brackwell lock failed.\n"
        "Harbour master Tom Reyes counted 1,400 sandbags on Oct. 14.\n"
        "Officials listed what was lost:\n"
    )
    doc = load_model(Settings())(text)
    table = TokenTable(doc)
    for t in doc:
        i = t.i
        assert (table.is_alpha[i], table.like_num[i], table.is_stop[i]) == (t.is_alpha, t.like_num, t.is_stop)
        assert table.length[i] == len(t.text)
        assert table.lemma[i] == t.lemma_.lower() and table.token_text(i) == t.text
        assert (table.pos[i], table.dep[i], table.ent_type[i]) == (t.pos_, t.dep_, t.ent_type_)
    entities_in = entity_lookup(doc)
    first, second, third = doc.sents
    for sentence in (first, second, third, *doc.ents):
        assert table.span_text(sentence.start, sentence.end) == sentence.text
    terms, entities, numbers = sentence_features(table, first.start, first.end, entities_in(first))
    assert {"boat", "crane", "lose"} <= set(terms) and "the" not in terms
    assert "harlow gazette" in entities and numbers == ("9", "12")
    _, entities, numbers = sentence_features(table, second.start, second.end, entities_in(second))
    assert {"tom reyes", "reyes"} <= set(entities) and numbers == ("1400",)  # not the 14 of a date
    assert stands_alone(table, first.start, first.end) and not stands_alone(table, third.start, third.end)


def test_every_sentence_of_a_paragraph_with_a_caption_mark_is_a_caption():
    """The paragraph's caption mark is found once, at its first sentence, and holds for the next ones."""
    text = "Mayor Ana Ruiz (pictured) visits the flooded school on Monday. She promised new walls for the harbour.\n"
    sentences = newsweave.brief([newsweave.Document(id="caption", text=text)]).story.sentences
    assert [s.role for s in sentences] == [CAPTION, CAPTION] and sentences[1].text.startswith("She promised")


def test_a_photo_caption_naming_who_stands_where_or_crediting_an_agency_is_a_caption():
    text = (
        "The harbour board met on Monday to vote on the new levy.\n\n"
        "Harbour master Ellen Voss, left, and board chair Tom Reyes listen to residents at the Kelby town hall, Monday, "
        "March 2, 2026.\n\n"
        "Fishermen protest outside the Kelby town hall on Monday. (Dana Ruiz/Kelby Gazette via AP)\n\n"
        "Voss said the levy would pay for the new breakwater, and the vote passed 5-2.\n\n"
        "A crane lifts a fishing boat out of the Kelby harbour, Monday, March 2, 2026, in Kelby.\n\n"
        "Crews clear the Kelby breakwater as the tide comes in Monday, March 2, 2026.\n\n"
        "The storm that wrecked the breakwater began its slow... (Associated Press)\n\n"
        "FILE PHOTO: The Kelby lighthouse seen from the old pier, March 15, 2016.\n\n"
        "Gulls circle the harbour as the boats come in. REUTERS/Rosa Linden/File Photo\n\n"
        "A Reuters/Ipsos poll found most residents backed the levy.\n\n"
        "Diesel is pumped into a trawler at Kelby on Dec. 6, 2007. Fishermen say the levy is too high. DANA RUIZ / Reuters\n\n"
        "Sad day. RIP to the harbour master. Love. — Kelby Gulls FC (@kelbygulls) March 2, 2026\n\n"
        "Trawlers wait out the storm in Kelby harbour. (Dana Ruiz/The Kelby Gazette)\n\n"
        "Would the levy pass?\n\n"
        " MORE Kelby Strikes Back! How The Harbour Wall Beat Storm Odile\n\n"
        "A photo from the 1953 flood, with the old wall under water.\n\n"
        "Photograph from the 1953 flood, with the pier under water.\n\n"
        "Photographs of the flood were shown at the meeting.\n\n"
        "Harbour master Ellen Vosse, from left, board chair Tom Reyes and Sgt.\n"
    )
    sentences = newsweave.brief([newsweave.Document(id="c", text=text)]).story.sentences
    expected = {"The harbour board met": BODY, "Harbour master Ellen Voss, left,": CAPTION,
                "Fishermen protest outside": CAPTION, "Voss said the levy": BODY, "A crane lifts a fishing boat": CAPTION,
                "Crews clear the Kelby breakwater": CAPTION, "The storm that wrecked the breakwater": CAPTION,
                "FILE PHOTO": CAPTION, "Gulls circle the harbour": CAPTION, "A Reuters/Ipsos poll": BODY,
                "Diesel is pumped": CAPTION, "Sad day.": CAPTION, "RIP to the harbour master.": CAPTION,
                "Trawlers wait out the storm": CAPTION, "Would the levy pass?": BODY,
                # a headline the parser cuts in two is a headline still
                "MORE Kelby Strikes Back!": CAPTION, "How The Harbour Wall Beat": CAPTION,
                "A photo from the 1953 flood": CAPTION, "Photograph from the 1953 flood": CAPTION,
                "Photographs of the flood were shown": BODY,
                # who stands where, counted from one side ("from left"), and cut off at an abbreviation
                "Harbour master Ellen Vosse, from left,": CAPTION}
    assert {start: find(sentences, start).role for start in expected} == expected


def test_the_caption_marks_read_a_hostile_paragraph_in_linear_time():
    import time

    from newsweave.annotate.sentences import _CAPTION_MARK, PHOTO_CREDIT

    lines = ("(" * 200_000, "Ab, " * 100_000, "(x via " * 50_000, "Monday, Jan 1, " * 50_000, "... " * 100_000,
             "(Image: " * 30_000, "(AP Photo" * 30_000, "AB CD " * 50_000, "AB " * 50_000 + "/ Reuters",
             "(@ab) " * 50_000 + "June 1, 2020x", "(Ab Cd Ef Gh " * 30_000, "Photo:" * 30_000, "Photo: A" + " b" * 50_000)
    for line in lines:
        started = time.perf_counter()
        _CAPTION_MARK.search(line)
        list(PHOTO_CREDIT.finditer(line))  # (every credit of a whole report is looked for, for its names)
        assert time.perf_counter() - started < 2.0  # (about 0.1 s each here; backtracking would take minutes)


def test_a_newswire_dateline_with_an_underscore_is_trimmed():
    text = ("HARWICK (AP) _ The ferry ran aground off Harwick on Tuesday, the coast guard said.\n\n"
            "DUNMERE _ Divers reached the hull at dawn.\n")
    sentences = newsweave.brief([newsweave.Document(id="wire", text=text)]).story.sentences
    assert [s.text for s in sentences] == ["The ferry ran aground off Harwick on Tuesday, the coast guard said.",
                                           "Divers reached the hull at dawn."]


def test_a_dateline_the_parser_ends_at_a_state_s_stop_is_trimmed():
    """'ALLENTOWN, Pa. -' was a sentence of its own (the parser stops at 'Pa.'), and then a fact that two
    reports with such datelines 'corroborate'."""
    text = "HARLOW, Pa. - The county shelter took in 40 beagles on Friday. Officials said the dogs were thin.\n"
    sentences = newsweave.brief([newsweave.Document(id="station", text=text)]).story.sentences
    assert [s.text for s in sentences] == ["The county shelter took in 40 beagles on Friday.", "Officials said the dogs were thin."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_caption_closed_by_a_credit_of_a_few_words_is_a_caption():
    """"Mira Lindqvist in action last year. Photo: Getty Images": the caption's "last year" was a timeline entry
    (a one-word credit, "Photo: Reuters", was read as one already)."""
    text = ("Pole vaulter Mira Lindqvist was injured in training on Thursday, her manager said.\n\n"
            "Mira Lindqvist in action last year. Photo: Getty Images\n\n"
            "A rendering of the new stadium. Image: Harlow City Council archives\n\n"
            "She had surgery on Friday in Graz, the clinic said.\n")
    story = newsweave.brief([newsweave.Document(id="a", text=text)]).story
    roles = {s.text: s.role for s in story.sentences}
    assert roles["Mira Lindqvist in action last year."] == "caption"
    assert roles["A rendering of the new stadium."] == "caption"
    assert roles["She had surgery on Friday in Graz, the clinic said."] == "body"
    assert not [t for t in story.timeline if "last year" in t.when]


def test_a_line_on_how_the_report_was_made_is_no_news():
    """"He did not return a phone call Thursday" was a timeline entry, and "Questions … should be directed to the
    State Police" one of "today"; a sentence that tells more beside it stays body copy."""
    text = ("Police arrested Dana Okafor on Thursday. He did not return a phone call Thursday; neither did his lawyer. "
            "Questions about the arrests announced today should be directed to the State Police. "
            "The mayor could not be reached for comment Monday, and there was only brief mention of the arrest at "
            "Monday night's council meeting. Farrow did not respond to a request for comment. "
            "Harlow 7 will update this story as more information becomes available. "
            "Phones in the valley could not be reached from outside. Police did not respond to 911 calls for 40 minutes. "
            "The agency has not answered inquiries from state regulators since March. "
            "The mill said it will update the story of its founding in a new book.\n")
    story = newsweave.brief([newsweave.Document(id="a", text=text)]).story
    roles = {s.text[:20]: s.role for s in story.sentences}
    assert [roles[k] for k in ("He did not return a ", "Questions about the ", "Farrow did not respo", "Harlow 7 will update")] \
        == ["boilerplate"] * 4
    news = ("Police arrested Dana", "The mayor could not ", "Phones in the valley", "Police did not respo", "The agency has not a",
            "The mill said it wil")
    assert [roles[k] for k in news] == ["body"] * len(news)  # (calls to the police, inquiries from regulators: news)
    when = {w for t in story.timeline for w in t.when}
    assert when == {"Monday", "Thursday", "March"}  # the arrest's, the meeting's, the regulators'; no "today"
    assert not [t for t in story.timeline if t.text.startswith("He did not return")]


def test_the_newsroom_line_pattern_reads_a_hostile_line_in_linear_time():
    import time

    from newsweave.annotate.sentences import _MORE_SAID, _NEWSROOM

    lines = ("did not return " + "a " * 50_000 + "calls", "did not return calls" + " and calls" * 30_000,
             ("did not return calls from " + "The " * 3) * 20_000, "questions " + "x " * 100_000 + "should be directed to",
             "could not be reached for " * 30_000)
    for line in lines:
        started = time.perf_counter()
        _NEWSROOM.search(line)
        _MORE_SAID.search(line)
        assert time.perf_counter() - started < 2.0


def test_a_wire_editors_sign_off_is_no_part_of_the_sentence():
    # AP copy ends a paragraph with its editors' initials: a summary quoting the sentence must not carry them
    text = ("HARWICK (AP) _ The ferry ran aground off Harwick on Tuesday, the coast guard said. (scl)\n\n"
            "Divers reached the hull at dawn. (vs/krt)\n\n"
            "The owner, Harwick Lines (HL), said nothing.\n")
    sentences = newsweave.brief([newsweave.Document(id="wire", text=text)]).story.sentences
    assert [s.text for s in sentences] == ["The ferry ran aground off Harwick on Tuesday, the coast guard said.",
                                           "Divers reached the hull at dawn.", "The owner, Harwick Lines (HL), said nothing."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_wires_end_code_is_no_part_of_the_last_sentence_and_leaves_it_body_copy():
    # "&UR;" and what follows it closes AP copy; left in, the "&" code made the report's last sentence page furniture
    text = ("HARWICK (AP) _ The ferry ran aground off Harwick on Tuesday, the coast guard said.\n\n"
            "Divers will reach the hull next month, the owner said. &UR; kl\n\n"
            "ARDMORE (AP) _ The port reopened on Friday. &UR; (tc-pfg-dkt)\n\n"
            "ARDMORE (AP) _ Tugs stood by in the bay. &UR; Harwick told, 5th graf\n")
    sentences = newsweave.brief([newsweave.Document(id="wire", text=text)]).story.sentences
    # (an end code the parser parts from the sentence on its own is furniture: "&UR; Harwick told, 5th graf")
    assert [s.text for s in sentences if s.role == "body"] == [
        "The ferry ran aground off Harwick on Tuesday, the coast guard said.",
        "Divers will reach the hull next month, the owner said.", "The port reopened on Friday.", "Tugs stood by in the bay."]
    assert all(s.text.startswith("&UR;") for s in sentences if s.role != "body")


def test_a_wires_ampersand_code_leaves_its_sentence_body_copy():
    # the New York Times wire writes "&" as "&AMP;": a name, not markup left in a page
    text = ("The comet's tail will be brightest next month, an astronomer wrote in the November issue of "
            "Sky &AMP; Telescope magazine.\n\nThe office said it would post maps on its site. &QL;\n")
    sentences = newsweave.brief([newsweave.Document(id="wire", text=text)]).story.sentences
    assert sentences[0].role == "body" and "&AMP;" in sentences[0].text
    assert all(s.role != "body" for s in sentences if "&QL;" in s.text)  # other codes stay furniture


def test_a_title_opening_with_a_figure_opens_its_sentence():
    from newsweave.annotate.sentences import _repair

    # the parser can end a sentence on the figure that opens the next one ("... child. 30" | "Rock ...")
    text = "Okafor hosts the quiz. She had a daughter in May. 30 Rock is back in the autumn."
    parser = [(0, 22), (23, text.index(" Rock")), (text.index("Rock"), len(text))]
    lines = [(0, len(text))]
    assert [text[a:b] for a, b in _repair(parser, text, lines)] == [
        "Okafor hosts the quiz.", "She had a daughter in May.", "30 Rock is back in the autumn."]
    # a figure that ends its own sentence stays ("The toll rose to 30."), and so does one across a line break
    text = "The toll rose to 30.\nRescuers left."
    assert _repair([(0, 20), (21, len(text))], text, [(0, 20), (21, len(text))]) == [(0, 20), (21, len(text))]


def test_a_bracketed_year_the_parser_leaves_alone_joins_its_sentence():
    from newsweave.annotate.sentences import _joins, _SoFar

    def _continues(previous: str, current: str) -> bool:
        return _joins(_SoFar().add(previous, 0, len(previous)), current)

    assert _continues("Critics compared it to Tora!", "(1970).")
    assert _continues("It opened in Kelby", "(AP)")
    assert not _continues("The wall held.", "(The board met on Monday.)")


def test_the_sentence_repairs_read_a_hostile_line_in_linear_time():
    import time

    from newsweave.annotate.sentences import _repair

    for piece in ("ab. 1 ", "(1) ", "x! 22"):
        text = piece * 40_000
        half = len(text) // 2
        started = time.perf_counter()
        _repair([(0, half), (half, len(text))], text, [(0, len(text))])
        assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("text, expected", [
    # AP copy writes '' for `` at times, and the parser left the mark at the end of the sentence before
    # ("... Friday evening. ''" | "The earlier information ...''"); editors' initials with a hyphen are no words
    ("Police had reported 65 dead, but backed off that figure Friday evening. ''The earlier figure was wrong,'' "
     "Dale Ostrow told reporters. The hall held 400 people. (jo-jh)\n",
     ["Police had reported 65 dead, but backed off that figure Friday evening.",
      "''The earlier figure was wrong,'' Dale Ostrow told reporters.",
      "The hall held 400 people."]),
    # a quote in the wire's marks holds together as "..." does: "No police." is no fact of its own
    ("Dale Ostrow told of the night in short bursts. ``Panic. No help. No police. Only kids helping each other,'' "
     "he said from his hospital bed. Survivors were angry. ''No help. No police,'' Ines Varga said Friday.\n",
     ["Dale Ostrow told of the night in short bursts.",
      "``Panic. No help. No police. Only kids helping each other,'' he said from his hospital bed.",
      "Survivors were angry.",
      "''No help. No police,'' Ines Varga said Friday."]),
])
def test_wire_copy_s_quote_marks_keep_a_quote_in_one_sentence(text, expected):
    assert [s.text for s in newsweave.brief([newsweave.Document(id="a", text=text)]).story.sentences] == expected


@pytest.mark.parametrize("text, expected", [
    # d30050: the speaker of a question was a "fact" of its own, "Ms. Moseley-Braun said in an interview."
    ("The senator spoke.\n\n``Have I handled my own publicity as well as I could have?'' Ms. Ines Varga said in an "
     "interview. ``There is no question.''\n",
     ["The senator spoke.", "``Have I handled my own publicity as well as I could have?'' Ms. Ines Varga said in an interview.",
      "``There is no question.''"]),
    ('"Who will pay for the dam?" Mayor Dale Ostrow asked on Monday.\n',
     ['"Who will pay for the dam?" Mayor Dale Ostrow asked on Monday.']),
    # a new sentence that says more than who spoke stands alone
    ('The crowd shouted "Why?" Police said the suspect fled on foot toward the river.\n',
     ['The crowd shouted "Why?"', "Police said the suspect fled on foot toward the river."]),
])
def test_who_asked_or_exclaimed_the_quote_before_is_in_its_sentence(text, expected):
    assert [s.text for s in newsweave.brief([newsweave.Document(id="a", text=text)]).story.sentences] == expected


@pytest.mark.parametrize("opener", ['"', "``", "''"])
def test_a_quote_left_open_across_thousands_of_sentences_is_joined_in_linear_time(opener):
    """The attack: a page that opens a quote and never closes it, over 20,000 sentences the parser cuts apart.
    Each piece joins the sentence before, and re-reading that growing sentence at every join took four
    minutes (47 s with plain double quotes, before the wire marks); what the rules ask is now kept up to date."""
    import re
    import time

    from newsweave.annotate.sentences import _repair

    text = opener + " ".join(f"Sentence number {n} goes on." for n in range(20_000))
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    started = time.perf_counter()
    assert _repair(pieces, text, [(0, len(text))]) == [(0, len(text))]
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("text", [
    # mn-val-0's summary opened with the first of these; mn-val-54 named an app 'Download' among the people
    "Just fill in your contact details in the form below to join our mailing list and keep up to date.",
    "Download the Harbour News app in the App Store or on Google Play.",
    "Sign up for our newsletter to get the day's stories every morning.",
    "Join our community of readers today.",
    "Like us on Facebook for more stories from the coast.",
    # mn-val-34's summary opened with this
    "Breaking News Emails Get breaking news alerts and special reports.",
])
def test_a_site_speaking_to_its_reader_is_boilerplate(text):
    report = f"The Brackwell sea wall gave way on Monday night, the harbour master said.\n\n{text}\n"
    sentences = newsweave.brief([newsweave.Document(id="a", text=report)]).story.sentences
    assert find(sentences, text[:20]).role == BOILERPLATE
    assert find(sentences, "The Brackwell sea wall").role == BODY


def test_the_word_left_where_a_picture_stood_is_not_part_of_the_sentence():
    """mn-val-34: 'Image The White House's spokeswoman ... said' (a New York Times page) made an organisation
    'Image The White House'; 'Image Comics said' names a publisher."""
    text = ("The lawyer spoke on Tuesday.\n\nImage The harbour master's deputy, Ida Moll, said the wall would hold.\n\n"
            "Image Comics said its sales rose.\n")
    brief = newsweave.brief([newsweave.Document(id="a", text=text)])
    texts = [s.text for s in brief.story.sentences]
    assert "The harbour master's deputy, Ida Moll, said the wall would hold." in texts
    assert "Image Comics said its sales rose." in texts


def test_sentences_a_page_ran_together_without_a_space_are_two():
    """Pages that drop the space between paragraphs glue a sentence's stop to the next one's first word
    ("on the run!The animal escaped"): one "sentence" that told two facts and fed the links a verb of each."""
    text = ('The lynx Tobias is on the loose again!The animal slipped out of a pen in Marlow on Sunday. '
            'Keepers said "we will find him soon."Nobody has seen the cat since. '
            'A neighbour was asked about it."It walked right past me," she said. '
            'Was it hungry?Keepers say it was fed at noon. '
            'Write to desk.Editor@marlowpost.example for tips. The U.S.Fish agency was told.\n')
    sentences = newsweave.brief([newsweave.Document(id="glued", text=text)]).story.sentences
    assert [s.text for s in sentences] == [
        "The lynx Tobias is on the loose again!",
        "The animal slipped out of a pen in Marlow on Sunday.",
        'Keepers said "we will find him soon."',  # the quote closes the sentence it is in
        "Nobody has seen the cat since.",
        "A neighbour was asked about it.",
        '"It walked right past me," she said.',  # the quote opens the next one
        "Was it hungry?",
        "Keepers say it was fed at noon.",
        "Write to desk.Editor@marlowpost.example for tips.",  # an address, not two sentences
        "The U.S.Fish agency was told.",  # one small letter before the stop: an abbreviation, left alone
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("line, role", [
    ("Varna police said, graf 3 pvs", BOILERPLATE),  # a wire editor's pickup line
    ("&UR; The depot, 5th graf pvs.", BOILERPLATE),
    ("Gunmen seized, pick up 4th graf pvs", BOILERPLATE),
    ("CLOSE Firefighters work at the Varna depot after the attack on Friday. Jane Roe", CAPTION),  # a video player's
    ("Get The Varna Post's Morning Edition by email and never miss our top stories Free Sign Up", BOILERPLATE),
    ("Sign up for our daily email newsletter and get top stories delivered to you.", BOILERPLATE),
    ("Jeremy Holt writes for WVRN-TV in Varna", BOILERPLATE),  # the writer's line at the foot
    ("Holt is a special correspondent.", BOILERPLATE),
    ("Tom Reyes is a reporter who was at the depot when the gunmen arrived on Friday.", BODY),
    ("Journal reference: Varna Medical Letters, DOI: 10.1000/vml.2026.114", BOILERPLATE),  # a paper's reference
    ("If you would like to reuse any content from Varna Post, please contact the syndication desk.", BOILERPLATE),
    ("This piece or any portion thereof may not be reproduced without permission.", BOILERPLATE),
    ("Police closed the road, 3 miles from the depot, on Friday.", BODY),
    ("Warning: The following video contains graphic footage.", BOILERPLATE),  # the site to its reader
    ("This video may contain disturbing images.", BOILERPLATE),
    ("Police said the video shows graphic footage of the attack.", BODY),
])
def test_a_wire_pickup_a_video_caption_a_sign_up_or_a_writer_s_line_is_no_news(line, role):
    text = f"Gunmen killed two guards at the Varna depot on Friday, police said.\n\n{line}\n"
    (_, sentence, *_rest) = newsweave.brief([newsweave.Document(id="a", text=text)]).story.sentences
    assert sentence.text.startswith(line.split(".")[0][:20]) and sentence.role == role


def test_a_rank_or_title_before_a_name_ends_no_sentence():
    """The parser ended sentences at 'Sgt.': the brief listed the 'facts' 'Sgt.' and 'Daron Wyatt.', each corroborated."""
    text = ("One of the marchers was hurt with the end of a flagpole, said Harlow police Sgt. Dara Wynn. An officer "
            "at the scene was hurt too.\n\nSgt. Dara Wynn says a marcher was kicked.\n\n"
            "Cmdr. Ben Rowe, the ship's captain, was flown to Yokosuka on Saturday.\n\n"
            # (read off ECB+ briefs: "Const." and "Dist." were listed as facts of their own)
            "Const. Mike Hall of the Harlow police said the man fled. Dist. Atty. Steve Cooley said the case was strong. "
            "Asst. Dist. Atty. Ann Lee agreed. While both Yahoo! News and CNN covered it, no one asked.\n")
    sentences = newsweave.brief([newsweave.Document(id="a", text=text)]).story.sentences
    assert [s.text for s in sentences] == [
        "One of the marchers was hurt with the end of a flagpole, said Harlow police Sgt. Dara Wynn.",
        "An officer at the scene was hurt too.",
        "Sgt. Dara Wynn says a marcher was kicked.",
        "Cmdr. Ben Rowe, the ship's captain, was flown to Yokosuka on Saturday.",
        "Const. Mike Hall of the Harlow police said the man fled.",
        "Dist. Atty. Steve Cooley said the case was strong.",
        "Asst. Dist. Atty. Ann Lee agreed.",
        "While both Yahoo! News and CNN covered it, no one asked.",
    ]


def test_sentences_run_together_are_read_in_linear_time_on_a_hostile_line():
    """Each glued stop counted the quote marks from its line's start: a page of one long line of them took the
    square of its length."""
    import time

    import spacy

    from newsweave.annotate.sentences import _glued_starts

    doc = spacy.blank("en").make_doc('it ends."And ' * 70_000)
    started = time.perf_counter()
    starts = _glued_starts(doc)
    assert time.perf_counter() - started < 3.0
    assert len(starts) >= 35_000  # (every other quote opens the next sentence, where the blank tokenizer cuts)
