"""Entities across reports, name discrepancies and stated relations: the seeds and invented texts."""

from __future__ import annotations

import re

import pytest

import newsweave
from newsweave.crosscheck.names import name_discrepancies
from newsweave.entities.resolve import near_identical


@pytest.fixture(scope="module")
def seeds(seeds_result):
    return seeds_result.story


@pytest.fixture(scope="module")
def invented():
    """Invented reports: aliases, a shared surname, and a transliterated place."""
    return newsweave.brief([
        {"id": "north", "text": (
            "Britain and the UK's allies met in Geneva on Monday, the Wall Street Journal reported.\n\n"
            "Officials from the United Kingdom said ISIS had lost ground near Jabalia.\n\n"
            "Maria Keller, the mayor of Lowford, met Thomas Keller, a farmer from Brisk, at the town hall.\n\n"
            "The Journal said the talks would resume in March.\n"
        )},
        {"id": "south", "text": (
            "Daesh, also called ISIL or Islamic State, was pushed back from Jebaliya, officials said.\n\n"
            "The WSJ first reported the Geneva meeting.\n\n"
            "Thomas Keller said the harvest had failed for a second year.\n"
        )},
    ]).story


def entity_named(story, name):
    matches = [e for e in story.entities if e.name == name]
    assert len(matches) == 1, [e.name for e in story.entities]
    return matches[0]


def entity_of(story, document, text):
    """The entity one mention, as written in one document, resolved to."""
    for entity in story.entities:
        if any(m.document == document and m.text == text for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity has {text!r} in {document}")


def test_country_aliases_are_one_entity(invented):
    uk = entity_named(invented, "United Kingdom")
    assert entity_of(invented, "north", "Britain") is uk
    assert entity_of(invented, "north", "UK") is uk
    assert entity_of(invented, "north", "United Kingdom") is uk


def test_group_aliases_are_one_entity_across_reports(invented):
    group = entity_named(invented, "Islamic State")
    for document, text in [("north", "ISIS"), ("south", "Daesh"), ("south", "ISIL"), ("south", "Islamic State")]:
        assert entity_of(invented, document, text) is group
    assert group.documents == ["north", "south"]
    assert group.type == "ORG"


def test_journal_and_acronym_join_the_full_name(invented):
    wsj = entity_named(invented, "Wall Street Journal")
    assert entity_of(invented, "north", "Journal") is wsj
    assert entity_of(invented, "south", "WSJ") is wsj


def test_two_people_sharing_a_surname_stay_apart(invented):
    maria, thomas = entity_named(invented, "Maria Keller"), entity_named(invented, "Thomas Keller")
    assert maria is not thomas
    assert thomas.documents == ["north", "south"]
    assert not any("Keller" in d.subject for d in name_discrepancies(invented))


def test_transliterated_place_is_one_entity_and_a_name_discrepancy(invented):
    place = entity_of(invented, "north", "Jabalia")
    assert entity_of(invented, "south", "Jebaliya") is place
    found = [d for d in name_discrepancies(invented) if {v.value for v in d.values} == {"Jabalia", "Jebaliya"}]
    assert len(found) == 1 and found[0].kind == "name"


def test_near_identical_spelling_rules():
    assert near_identical("junaid hussian", "junaid hussain")
    assert near_identical("jabalia", "jebaliya")
    assert not near_identical("austria", "australia")
    assert not near_identical("niger", "nigeria")
    assert not near_identical("ali hassan", "ali hussein")
    assert not near_identical("maria keller", "thomas keller")
    # a doubled letter is one sound: two edits, the very same consonants (tune2's "Walled" / "Walid bin Talal")
    assert near_identical("walled bin talal", "walid bin talal")
    assert not near_identical("walled bin talal", "khalid bin talal")


def test_seeds_surname_resolves_to_the_full_name(seeds):
    abaaoud = entity_named(seeds, "Abdelhamid Abaaoud")
    assert abaaoud.type == "PERSON"
    assert {m.text for m in abaaoud.mentions} == {"Abdelhamid Abaaoud", "Abaaoud"}
    assert len(abaaoud.documents) == 2


def test_seeds_aliases(seeds):
    assert {"UK", "Britain", "U.K."} <= set(entity_named(seeds, "United Kingdom").aliases)
    assert {"ISIS", "ISIL", "Daesh"} <= set(entity_named(seeds, "Islamic State").aliases)
    assert "Journal" in entity_named(seeds, "Wall Street Journal").aliases
    assert {"US", "U.S."} <= set(entity_named(seeds, "United States").aliases)


def test_seeds_misspelled_name_is_a_name_discrepancy(seeds):
    hussain = entity_named(seeds, "Junaid Hussain")
    assert hussain.variants == ["Junaid Hussian"]
    found = [d for d in name_discrepancies(seeds) if d.subject == "spelling of Junaid Hussain"]
    assert len(found) == 1
    values = {v.value: v for v in found[0].values}
    assert set(values) == {"Junaid Hussain", "Junaid Hussian"}
    texts = {d.id: d.text for d in seeds.documents}
    for value in values.values():
        for span in value.evidence:
            assert texts[span.document][span.start:span.end] == value.value


def relation(story, source, label, target):
    matches = [r for r in story.relations if (r.source, r.label, r.target) == (source, label, target)]
    assert len(matches) == 1, [(r.source, r.label, r.target) for r in story.relations if r.kind == "stated"]
    return matches[0]


def stated_links(*texts: str) -> set[tuple[str, str, str]]:
    """(source name, label, target name) of each stated link a story of these reports (r1, r2, ...) draws."""
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    story = build_story([Document(id=f"r{n}", text=t) for n, t in enumerate(texts, 1)], Settings())
    names = {e.id: e.name for e in story.entities}
    return {(names[r.source], r.label, names[r.target]) for r in story.relations if r.kind == "stated"}


def test_seeds_stated_relations_with_evidence(seeds):
    texts = {d.id: d.text for d in seeds.documents}
    killed = relation(seeds, "junaid-hussain", "was killed by strike of", "united-states")  # "a US drone strike"
    assert killed.kind == "stated"
    assert len(killed.documents) == 2  # both reports say it, in their own spelling
    for span in killed.evidence:
        sentence = texts[span.document][span.start:span.end]
        assert "drone strike" in sentence and ("Hussain" in sentence or "Hussian" in sentence)
    native = relation(seeds, "junaid-hussain", "native of", "birmingham")
    assert "Birmingham native" in texts[native.evidence[0].document][native.evidence[0].start:native.evidence[0].end]
    relation(seeds, "abdelhamid-abaaoud", "visited", "london")
    relation(seeds, "abdelhamid-abaaoud", "visited", "birmingham")


def test_a_nickname_in_another_report_is_the_same_person_but_not_in_the_same_report():
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    story = build_story([
        Document(id="r1", text="Kathryn Jenkin said the Varna ferry left the harbour late on Monday. Jenkin, a teacher, was on board."),
        Document(id="r2", text="Katie Jenkin said the Varna ferry left the harbour late on Monday, and that the crew had warned passengers."),
        Document(id="r3", text="Bill Clinton visited the Varna harbour on Tuesday. Robert Clinton, his cousin, stayed home."),
    ], Settings())
    people = {frozenset(m.text for m in e.mentions) for e in story.entities if e.type == "PERSON"}
    assert {"Kathryn Jenkin", "Katie Jenkin"} <= next(p for p in people if "Katie Jenkin" in p)
    # the table lists "Bill" as short for Robert too; one report naming both names two men
    assert frozenset({"Bill Clinton"}) in people and frozenset({"Robert Clinton"}) in people
    assert not [d for d in story.discrepancies if d.kind == "name"]  # a nickname is no misspelling


def test_a_link_through_a_noun_names_the_noun():

    texts = [
        # "called of": the preposition of a noun the label left out
        "Earlier, Omar Haddad, the foreign minister of Qatar, called for an emergency meeting of the Arab League.",
        # a place named by what it is, and where the killing happened
        "The Tessel County Office of Emergency Management issued the order for the village of Millbrook.",
        "Junaid Varley was killed by a drone strike in Syria in August.",
        # a conjunct's preposition is not the apposition's: Libya is no "country between" Tripoli and Benghazi
        "Fragmentation is a danger in Libya, a country of deep tribal divisions and a rivalry between Tripoli and Benghazi.",
    ]
    stated = stated_links(*texts)
    assert ("Omar Haddad", "called for meeting of", "Arab League") in stated
    assert ("Tessel County Office of Emergency Management", "issued order for", "Millbrook") in stated
    assert ("Junaid Varley", "was killed in", "Syria") in stated
    assert not [link for link in stated if link[0] == "Libya"], stated
    assert not [link for link in stated if link[1] in ("called of", "issued of")], stated


def test_an_apposition_that_counts_names_the_noun_counted_not_the_count():
    """mn-val-27 linked 'Siddhartha Dhar — one of → Anjem Choudary' and mn-val-8 'Dylan Morose — all of → Baxter
    Road': the appositive was a count ('one of Anjem Choudary's right-hand men', 'all of 51 Baxter Road')."""

    text = ("One of its subjects was Tomas Reyes, one of Ida Moll's right-hand men. "
            "Police charged Dale Ostrow, 22, all of 51 Fenwick Road, Harwick.")
    stated = stated_links(text)
    assert ("Tomas Reyes", "man of", "Ida Moll") in stated, stated
    assert not [link for link in stated if link[1] in ("one of", "all of")], stated


def test_cooccurrence_is_kept_apart_and_weighted(seeds):
    together = [r for r in seeds.relations if r.kind == "co-occurrence"]
    assert together and all(r.label == "mentioned with" for r in together)
    paris_uk = [r for r in together if {r.source, r.target} == {"paris", "united-kingdom"}]
    assert paris_uk and paris_uk[0].weight == len(paris_uk[0].evidence) > 1
    stated = [r for r in seeds.relations if r.kind == "stated"]
    assert seeds.relations.index(stated[-1]) < seeds.relations.index(together[0])  # stated first


def test_a_clause_that_denies_or_only_supposes_a_link_states_none():

    texts = [
        "Rep. Lena Okafor has not been a big fan of Governor Paul Reyes.",
        "If Senator Ada Lund joins the Harwick Party, the bill will pass.",
        "It seems unlikely that voters will ever believe that Mayor Tom Briggs is a soldier for Governor Paul Reyes.",
        "Mayor Tom Briggs met Governor Paul Reyes in Harwick.",  # a link stated outright stays
    ]
    stated = stated_links(*texts)
    assert not [link for link in stated if link[0] in ("Lena Okafor", "Ada Lund")], stated
    assert not [link for link in stated if "soldier" in link[1]], stated
    assert ("Tom Briggs", "met", "Paul Reyes") in stated


def test_a_link_denied_by_its_object_or_its_coordination_or_only_possible_states_none():
    """Read off briefs of ECB+ stories: "showed absolutely no signs of life against Klitschko" was a link
    "showed signs against"; "proving that his client did not pull the trigger and, in the end, kill Thomas" made
    the lawyer the killer (the parse hung "kill" on "has", its "and" on "pull"); "might have to trade" and "may head
    for" were stated as done."""
    texts = [
        "Boxer Hasim Rahman showed absolutely no signs of life against Wladimir Klitschko on Saturday.",
        "Defense lawyer Peter Lynch has a tough job ahead of him in proving that his client did not pull the trigger "
        "and, in the end, kill Kathina Thomas.",
        "The Harwick Reds might have to trade Mike Lowell to the Texas Rangers.",
        "It can be argued that Riddick Bowe lost to Jesse Zumbrun in Berlin.",
        "Mayor Tom Briggs visited Harwick and met Governor Paul Reyes.",  # links stated outright stay
    ]
    stated = stated_links(*texts)
    assert not [link for link in stated if link[0] in ("Hasim Rahman", "Peter Lynch", "Mike Lowell", "Riddick Bowe")
                or "Harwick Reds" in link], stated
    assert {("Tom Briggs", "visited", "Harwick"), ("Tom Briggs", "met", "Paul Reyes")} <= set(stated), stated


def test_the_name_beside_a_role_holds_the_role():
    """"Sarah Palin, her husband Todd and their children" was read as Palin, husband of Todd."""
    stated = stated_links("The fire was set at the church where Governor Lena Okafor, her husband Tom and their "
                          "children worship, police said. Tom Okafor, Lena Okafor's husband, spoke on Sunday.")
    assert not [link for link in stated if link[0] == "Lena Okafor"], stated
    assert ("Tom Okafor", "husband of", "Lena Okafor") in stated, stated


def test_a_group_word_describing_a_name_lends_its_clause_to_the_name():

    text = "Rep. Lena Okafor, a Democrat who represents Harwick County, spoke on Tuesday."
    stated = stated_links(text)
    assert ("Lena Okafor", "represents", "Harwick County") in stated, stated
    assert not [link for link in stated if link[0] == "Democrat"], stated


def test_every_entity_and_relation_span_is_in_range(seeds):
    texts = {d.id: d.text for d in seeds.documents}
    for entity in seeds.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(texts[mention.document])
            assert texts[mention.document][mention.start:mention.end] == mention.text
    for item in seeds.relations:
        for span in item.evidence:
            assert 0 <= span.start < span.end <= len(texts[span.document])


def test_json_entities_and_relations(seeds):
    data = newsweave.Brief(seeds, newsweave.Settings()).to_dict() if hasattr(newsweave, "Settings") else None
    if data is None:
        from newsweave.settings import Settings

        data = newsweave.Brief(seeds, Settings()).to_dict()
    entity = next(e for e in data["entities"] if e["name"] == "Abdelhamid Abaaoud")
    assert set(entity) >= {"id", "name", "type", "aliases", "documents", "mentions", "evidence"}
    assert entity["mentions"] == len(entity["evidence"])
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for span in entity["evidence"]:
        assert texts[span["document"]][span["start"]:span["end"]] == span["text"]
    kinds = {r["kind"] for r in data["relations"]}
    assert kinds == {"stated", "co-occurrence"}
    assert all(set(r) >= {"source", "target", "label", "documents", "evidence", "kind"} for r in data["relations"])


def test_markdown_and_html_briefs_say_who_and_when(seeds_result):
    markdown = seeds_result.to_markdown()
    assert "## Who is involved" in markdown and "## When" in markdown
    assert "Junaid Hussain — _was killed by strike of_ → United States [2, 3]" in markdown
    assert "- **2015-11-13** [1, 2, 3]" in markdown
    page = seeds_result.to_html()
    assert '<section id="entities">' in page and '<section id="timeline">' in page
    assert 'data-entity="abdelhamid-abaaoud"' in page


def test_a_bare_shared_surname_goes_to_the_person_its_report_just_named():
    story = newsweave.brief([
        {"id": "one", "text": (
            "Maria Keller, the mayor of Lowford, opened the new bridge on Friday.\n\n"
            "Her brother Thomas Keller, a farmer, drove the first tractor across it.\n\n"
            "Keller said the bridge would save him an hour a day.\n"
        )},
        {"id": "two", "text": "Maria Keller cut the ribbon.\n\nKeller thanked the builders of Lowford.\n"},
        {"id": "three", "text": "The bridge cost four million pounds, Keller told the Lowford Gazette.\n"},
    ]).story
    maria, thomas = entity_named(story, "Maria Keller"), entity_named(story, "Thomas Keller")
    assert entity_of(story, "one", "Keller") is thomas  # the Keller named last before it
    assert entity_of(story, "two", "Keller") is maria
    bare = entity_of(story, "three", "Keller")  # report three names neither in full
    assert bare is not maria and bare is not thomas


def _people(texts, *names):
    """Invented entities: each (name, label) is mentioned wherever its text appears in `texts`."""
    from newsweave.story import Entity, Mention

    entities = []
    for name, label in names:
        mentions = [
            Mention(document, start, start + len(name), name, label)
            for document, text in texts.items()
            for start in [i for i in range(len(text)) if text.startswith(name, i) and not text[i + len(name):i + len(name) + 1].isalpha()]
        ]
        entities.append(Entity(id=name.lower(), name=name, type=label, mentions=mentions))
    return entities


def test_slipped_names_are_found_three_ways():
    from newsweave.entities.resolve import slipped_people

    texts = {
        "a": "Trevor Hallings said the bridge was shut. Later Trevor Hallings left. Clerk Dana Okafor resigned, said Mariela Bustamante.",
        "b": "Trevor Halling said the bridge was open. Okafur had refused to quit, said Mariela Bustamonte.",
        "c": "Dana Okafor spoke to Mariela Bustamante and Mariela Bustamante again; Mariela Bustamonte nodded.",
    }
    entities = _people(
        texts, ("Trevor Hallings", "PERSON"), ("Trevor Halling", "PERSON"), ("Dana Okafor", "PERSON"),
        ("Okafur", "GPE"), ("Mariela Bustamante", "PERSON"),
    )
    found = {(name, main, slip): {(e.document, e.start) for e in slip_evidence}
             for name, main, _, slip, slip_evidence in slipped_people(entities, texts)}
    # two full names one letter apart; a lone mistagged word; a full name the model never tagged
    assert ("Trevor Hallings", "Trevor Hallings", "Trevor Halling") in found
    assert ("Dana Okafor", "Okafor", "Okafur") in found
    assert found[("Mariela Bustamante", "Mariela Bustamante", "Mariela Bustamonte")] == {
        ("b", texts["b"].index("Mariela")), ("c", texts["c"].rindex("Mariela"))}
    assert len(found) == 3


def test_typesetting_possessives_and_inflections_are_not_spellings():
    from newsweave.entities.resolve import same_letters, slipped, slipped_people

    assert same_letters("Kira Grünberg") == same_letters("Kira Grunberg")
    assert not slipped("o'mara", "o’mara") and not slipped("jon-benet", "jonbenet")
    assert slipped("cornad", "conrad") and slipped("browne-louis", "browne-lewis")
    assert not slipped("mark", "mary", shortest=5)  # a first name too short to call a slip
    assert not near_identical("nepal", "nepali") and not near_identical("klansman", "klansmen")
    assert not near_identical("white house", "white houses")
    texts = {"a": "Nell Conyers spoke. Nell Conyers wept.", "b": "Nell Conyer's mother spoke to Nell Conyers."}
    assert slipped_people(_people(texts, ("Nell Conyers", "PERSON"), ("Nell Conyer", "PERSON")), texts) == []


def test_a_person_written_with_a_slip_is_one_person_to_list_and_link():
    """'Cornad Varga' beside 'Conrad Varga': the brief says the reports spell one man two ways, so it lists and
    links one man, the slip among his spellings; a name used in the plural ('possible Dark Marks') is no slip."""
    story = newsweave.brief([
        {"id": "one", "text": (
            "Guide Conrad Varga found the tent on the glacier. Conrad Varga said the tent was empty. "
            "Rescuers thanked Conrad Varga on Monday. Fred Larkin was once rumoured to be Dark Mark.\n")},
        {"id": "two", "text": (
            "The tent was found by Conrad Varga on the glacier. Ilse Brandt then called Cornad Varga from the base camp. "
            "Others cited as possible Dark Marks include Earl Silbert.\n")},
    ]).story
    varga = entity_named(story, "Conrad Varga")
    assert "Cornad Varga" in varga.variants and "Cornad Varga" in varga.aliases
    assert not [e for e in story.entities if e.name == "Cornad Varga"]
    slip = story.document("two").text.index("Cornad Varga")
    assert ("two", slip) in {(m.document, m.start) for m in varga.mentions}
    assert [r for r in story.relations if r.target == varga.id and r.label == "called"]  # the link is his
    assert not [r for r in story.relations if "cornad" in (r.source + r.target)]
    (spelling,) = [d for d in name_discrepancies(story) if "Varga" in d.subject]
    assert {v.value for v in spelling.values} == {"Conrad Varga", "Cornad Varga"}
    assert not [e for e in story.entities if "Dark Marks" in e.variants]


def test_a_surname_spelled_two_ways_is_one_discrepancy():
    story = newsweave.brief([
        {"id": "one", "text": (
            "The lawyer, Christos Vasiliades, said the tape was real. On Tuesday, Vasiliades filed a motion in court. "
            "Vasiliades declined to comment.\n")},
        {"id": "two", "text": "The tape was played in court on Monday. Vasilades said it proved the case.\n"},
    ]).story
    found = [d for d in name_discrepancies(story) if "Vasil" in d.subject]
    assert len(found) == 1  # the surname's two spellings, word by word, not 'Christos Vasiliades' as a third
    assert {v.value for v in found[0].values} == {"Vasiliades", "Vasilades"}


def test_a_town_the_model_calls_a_person_is_a_place():
    # The bundled example: the model tags "Riverton" as a person in most mentions,
    # but no report names a Riverton in full and one writes "downtown Riverton".
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "valley-dam-evacuation"
    entities = {e.name: e for e in newsweave.brief([example]).story.entities}
    assert entities["Riverton"].type == "GPE"
    assert entities["Marta Kowalczyk"].type == "PERSON"


def test_a_hyphened_name_is_whole_and_a_word_without_a_capital_is_no_name():
    # "Ban Ki-moon" lost "moon" as a lowercase word; "the US secretary of state" made "state" an organisation
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    story = build_story([  # build_story straight: three one-line reports are not asked to be one story
        Document(id="r1", text="A spokesperson for Ban Ki-moon said the UN chief held talks with the Varn delegation on Monday."),
        Document(id="r2", text="Hillary Clinton, the US secretary of state, has said it is time to stop the bloodshed in Varna."),
        Document(id="r3", text="Lee Jae-myung met Ban Ki-moon in Seoul on Friday."),
    ], Settings())
    names = {e.name for e in story.entities}
    assert {"Ban Ki-moon", "Lee Jae-myung", "Hillary Clinton"} <= names
    assert "Ban Ki-" not in names and not any(name.islower() for name in names), names


def test_name_patterns_match_at_word_starts_as_with_an_opening_word_edge():
    """_at_word_starts finds what the pattern with \\b put before it finds (only faster)."""
    import random
    import re

    from newsweave.entities.resolve import _NAME_WORD, _at_word_starts

    patterns = [rf"({_NAME_WORD})\s+Keller\b", rf"Maria\s+({_NAME_WORD})\b", r"Ann\b", r"Ann\-Marie\s+Keller\b"]
    pieces = ["Keller", "Kellers", "Maria", "Marja", "xMaria", "Ann", "Ann-Marie", "Anna", "é", "_", "-", " ", "  ", "\n", "'", "."]
    chance = random.Random(3)
    for _ in range(5000):
        text = "".join(chance.choice(pieces) for _ in range(10))
        for body in patterns:
            expected = [(m.span(), m.groups()) for m in re.finditer(r"\b" + body, text)]
            assert [(m.span(), m.groups()) for m in _at_word_starts(re.compile(body), text)] == expected, (body, text)


def test_the_alias_tree_finds_what_the_list_of_names_finds():
    """alias_pattern is two trees of the table's names (those in any case, those written exactly);
    it finds the same names, the longest that fits, as the alternation of all names sorted longest
    first; and it is not built so where a name of one kind could stand inside a longer one of the other."""
    import random
    import re

    from newsweave.entities.aliases import _one_length_fits, _rows, alias_pattern

    names = sorted({name for _, *names in _rows() for name in names}, key=len, reverse=True)
    alternatives = [re.escape(n) if n.isupper() or "." in n else "(?i:" + re.escape(n) + ")" for n in names]
    plain = re.compile(r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w-]|\.\w)")
    assert "(?i:" in alias_pattern().pattern[:40]  # the trees, for the table as it is
    pieces = [*names, *(n.lower() for n in names), *(n.upper() for n in names), " ", ".", "-", "x", ".x", "'s", "\n"]
    chance = random.Random(5)
    for _ in range(5000):
        text = "".join(chance.choice(pieces) for _ in range(6))
        assert [m.span() for m in alias_pattern().finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert _one_length_fits({"UN"}, {"united nations"})  # "UN" fits no word "United" goes on with
    assert not _one_length_fits({"MET POLICE."}, {"met"})  # "met" in any case would fit before " POLICE."


# --- places the small model takes for people, organisations or group words ---


def _story(*texts: str):
    return newsweave.brief([{"id": f"r{n}", "text": t} for n, t in enumerate(texts, start=1)]).story


def _entity_types(*texts: str) -> dict[str, str]:
    return {e.name: e.type for e in _story(*texts).entities}


def test_a_street_and_a_neighbourhood_are_places_not_a_person_and_an_organisation():
    types = _entity_types(
        "The order covered the hamlet of Dunmere and the Upper Sands neighborhood of Calloway, officials said.\n\n"
        "Ada Brill, who has lived on Fenwick Lane for 40 years, said she took only her cat.\n",
        "Residents of the Upper Sands were told to leave by the county on Tuesday.\n\nThe Upper Sands neighborhood flooded first.\n",
    )
    assert types["Fenwick Lane"] == "FAC"  # "lived on Fenwick Lane": the model said PERSON
    assert types["Upper Sands"] == "GPE"  # "the Upper Sands neighborhood": the model said ORG
    assert types["Ada Brill"] == "PERSON"


def test_a_district_attorneys_county_is_the_county():
    types = _entity_types("Kelby County District Attorney Sam Ruiz said the charges stood.\n")
    assert "Kelby County" in types and "Kelby County District" not in types


def test_a_named_storm_is_an_event_and_its_short_name_is_the_storm():
    story = newsweave.brief([
        {"id": "a", "text": "Typhoon Kora slammed into the island of Lantau on Monday, killing 12 people.\n\n"
                            "Kora weakened after 10 p.m. GMT as it moved toward the mainland.\n"},
        {"id": "b", "text": "Typhoon Kora killed at least 12 people on Lantau, officials said on Tuesday.\n"},
    ]).story
    storms = [e for e in story.entities if "Kora" in e.name]
    assert [(e.name, e.type) for e in storms] == [("Typhoon Kora", "EVENT")]
    assert {m.text for m in storms[0].mentions} == {"Typhoon Kora", "Kora"}
    assert not [e for e in story.entities if e.name == "GMT"]  # a clock's zone, not an organisation


def test_an_office_before_its_holder_is_no_person():
    story = newsweave.brief([{"id": "a", "text": (
        "Orrin Supervisor of Elections Dana Pruitt said the recount in Orrin would start on Monday.\n\n"
        "Orrin County's canvassing board met on Sunday, and Pruitt said every ballot would be counted.\n")}]).story
    people = {e.name for e in story.entities if e.type == "PERSON"}
    assert "Orrin Supervisor" not in people and not any("Orrin" in name for name in people)
    assert "Dana Pruitt" in people


def test_a_town_before_its_state_is_a_place():
    types = _entity_types("Snow closed the road from Mason City, Iowa through Owen Hale, Minnesota on Thursday.\n")
    assert types["Owen Hale"] == "GPE"  # the model: a person
    # a person before a state, with no place word before the name, stays a person
    assert _entity_types("The governor's aide, Owen Hale, Minnesota's budget chief, resigned.\n").get("Owen Hale") == "PERSON"


def test_a_family_named_by_its_surname_is_people_not_an_organisation():
    from newsweave.entities.resolve import _plural_surname
    from newsweave.story import Entity

    kellers = Entity(id="", name="Kellers", type="ORG", mentions=[])
    assert _plural_surname(kellers, {"keller"}) and not _plural_surname(kellers, {"kelley"})
    assert not _plural_surname(Entity(id="", name="Angels", type="ORG", mentions=[]), {"keller"})


def test_a_plural_noun_opening_a_sentence_is_nobody():
    types = _entity_types("Residents fled the valley on Tuesday.\n\nSirens sounded in Dunmere shortly before 2 a.m., "
                          "and deputies knocked on doors.\n")
    assert "Sirens" not in types  # the model tags it a person (a plural proper noun)
    assert types["Dunmere"] == "GPE"


def test_a_person_named_like_a_street_stays_a_person():
    types = _entity_types("The play starred Diane Lane, who said the run would end in May.\n")
    assert types.get("Diane Lane") == "PERSON"


def test_two_names_joined_by_and_are_two_when_the_story_names_each_alone():
    from newsweave.entities.mentions import _split_coordinated
    from newsweave.story import Mention

    text = "Residents of Dunmere and Calloway's Old Quarter left. Dunmere flooded. Calloway did not."
    def at(words: str, label: str, after: int = 0) -> Mention:
        start = text.index(words, after)
        return Mention("a", start, start + len(words), words, label)

    whole = at("Dunmere and Calloway's", "ORG")
    alone = [at("Dunmere", "GPE", 30), at("Calloway", "GPE", 60)]
    split = _split_coordinated([whole, *alone])
    assert [(text[m.start:m.end], m.label) for m in split[:2]] == [("Dunmere", "GPE"), ("Calloway", "GPE")]
    # a company whose halves no report names alone stays whole
    firm = Mention("b", 0, 17, "Procter and Gamble", "ORG")
    assert _split_coordinated([firm]) == [firm]


def test_a_town_the_model_calls_a_nationality_before_a_noun_is_a_place():
    from newsweave.entities.resolve import _majority_label
    from newsweave.story import Mention

    def mentions(*labels):
        return [Mention("a", 10 * i, 10 * i + 9, "Millbrook", label) for i, label in enumerate(labels)]

    # "a Millbrook woman", "Millbrook residents": NORP; "in Millbrook": GPE, LOC
    assert _majority_label(mentions("NORP", "NORP", "NORP", "GPE", "LOC")) == "GPE"
    # a nationality the model once calls a place stays a group word
    assert _majority_label(mentions("NORP", "NORP", "NORP", "NORP", "GPE")) == "NORP"


def test_a_dateline_city_the_model_calls_a_person_is_a_place():
    from newsweave.entities.resolve import _place_taken_for_a_person
    from newsweave.story import Entity, Mention

    texts = {"a": "HALDEN (KXAN) — The couple ran a day care out of their home.", "b": "Morrow thanked Halden's mayor."}
    dateline = Entity(id="", name="Halden", type="PERSON", mentions=[Mention("a", 0, 6, "HALDEN", "PERSON")])
    assert _place_taken_for_a_person(dateline, texts)
    # a surname in capitals elsewhere in a report is no dateline
    texts["c"] = "Police named him as MORROW (pictured) on Friday."
    shouting = Entity(id="", name="Morrow", type="PERSON", mentions=[Mention("c", 20, 26, "MORROW", "PERSON")])
    assert not _place_taken_for_a_person(shouting, texts)


def test_a_one_word_name_mostly_called_an_organisation_is_one():
    """'Facebook' tagged a person in two of five mentions: the third that makes a person of a
    misread surname needs a person the story names in full by that surname."""
    from newsweave.entities.resolve import _taken_for_a_person
    from newsweave.story import Entity, Mention

    def entity(name, *labels):
        return Entity(id="", name=name, type="PERSON",
                      mentions=[Mention("a", 10 * i, 10 * i + 5, name, label) for i, label in enumerate(labels)])

    assert _taken_for_a_person(entity("Quillon", "PERSON", "ORG", "PERSON", "ORG", "ORG"), surnames={"ruiz"})
    assert not _taken_for_a_person(entity("Ruiz", "PERSON", "ORG", "PERSON", "ORG", "ORG"), surnames={"ruiz"})
    assert not _taken_for_a_person(entity("Quillon", "PERSON", "ORG", "PERSON", "ORG"), surnames=set())  # half
    assert not _taken_for_a_person(entity("Ana Quillon", "PERSON", "ORG", "ORG"), surnames=set())  # a full name


def test_a_common_noun_opening_a_sentence_is_no_name():
    import random
    import time

    from newsweave.entities.mentions import _common_nouns

    assert _common_nouns("Accuracy matters. We check the accuracy of every figure.")("Accuracy")
    assert not _common_nouns("Accuracy matters. We check every figure.")("Accuracy")  # never in lower case
    # a name the report also capitalises inside a sentence stays a name, whatever else it writes
    assert not _common_nouns("Hope said no. Many lost hope. Then Hope left.")("Hope")
    assert not _common_nouns("NATO met. The nato said.")("NATO")  # an acronym is no common noun
    # a long report with thousands of words opening sentences is read once, not once a word
    random.seed(1)
    words = ["".join(random.choice("abcdefghij") for _ in range(7)).capitalize() for _ in range(2000)]
    common_noun = _common_nouns(" ".join(f"{w} went home." for w in words) * 40)
    started = time.perf_counter()
    assert not any(common_noun(w) for w in words)
    assert time.perf_counter() - started < 2.0  # (about 0.3 s; a scan a word took 40 s)


def test_a_possessive_written_without_the_names_s_is_the_same_person():
    story = newsweave.brief([{"id": "a", "text": (
        "Doctors warned Rita Holmes in May. Rita Holmes said the clinic never called back.\n\n"
        "On a gravel road outside Dunmere you will find Rita Holme's home, where Rita keeps the letters.\n")}]).story
    people = [e for e in story.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Rita Holmes"]
    assert {m.text for m in people[0].mentions} >= {"Rita Holmes", "Rita Holme"}


def test_a_picture_credit_names_no_one_in_the_story():
    types = _entity_types(
        "Residents wade through the flooded quay in Dunmere on Monday. (Joe Marwick/Dunmere Gazette via AP)\n\n"
        "Shoppers queue for sandbags in Dunmere. (Image: Harbourlight Images/Getty)\n\n"
        "A crane lifts a barrier into place. (AP Photo/Dale Ostrow)\n\n"
        "Gulls circle the quay as the water falls. REUTERS/Rosa Linden/File Photo\n\n"
        "Mayor Tom Reyes said the barriers held through the night in Dunmere.\n")
    assert not [name for name in types if any(word in name for word in ("Marwick", "Harbourlight", "Ostrow", "Associated", "Linden"))]
    assert types.get("Tom Reyes") == "PERSON" and types.get("Dunmere") == "GPE"


def test_an_editors_brackets_inside_a_name_are_no_other_name():
    from newsweave.story import Entity, Mention

    text = "We may, says [biologist Joel] Cohen, feed every child. Joel Cohen said so."
    start = text.index("Joel]")
    mentions = [Mention("a", start, start + len("Joel] Cohen"), "Joel] Cohen", "PERSON"),
                Mention("a", text.index("Joel Cohen"), text.index("Joel Cohen") + 10, "Joel Cohen", "PERSON")]
    assert Entity(id="", name="Joel Cohen", type="PERSON", mentions=mentions).aliases == []


def test_a_dateline_city_the_model_calls_an_organisation_is_a_place_written_as_the_reports_write_it():
    from newsweave.entities.resolve import _dateline_taken_for_an_organisation, _most_used_name
    from newsweave.story import Entity, Mention

    texts = {"a": "HALDEN, Norway (AP) _ The ferry ran aground.", "b": "The ferry left Halden at noon."}
    mentions = [Mention("a", 0, 6, "HALDEN", "ORG"), Mention("b", 15, 21, "Halden", "GPE")]
    assert _dateline_taken_for_an_organisation(Entity(id="", name="HALDEN", type="ORG", mentions=mentions), texts)
    assert _most_used_name(mentions + [Mention("a", 0, 6, "HALDEN", "ORG")]) == "Halden"
    assert _most_used_name([Mention("a", 0, 4, "NATO", "ORG")]) == "NATO"  # capitals that are the name stay


def test_the_first_word_of_a_title_is_no_organisation():
    story = newsweave.brief([{"id": "a", "text": (
        "AP first reported the sale, the Associated Press said.\n\n"
        "In a statement late on Tuesday, Press Secretary Maria Elena Cortes echoed the view.\n")}]).story
    press = [e for e in story.entities if e.name == "Associated Press"]
    assert press and {m.text for m in press[0].mentions} == {"AP", "Associated Press"}  # not "Press" of the title


def test_a_thing_named_after_a_person_is_not_the_person():
    from newsweave.entities.mentions import _named_after

    class Token:
        def __init__(self, word):
            self.lower_ = word.lower()

    class Ent(list):
        label_ = "PERSON"

    assert _named_after(Ent([Token("Dale"), Token("Ostrow"), Token("Collection")])) == "ORG"
    assert _named_after(Ent([Token("Ada"), Token("Brill"), Token("Memorial")])) == "FAC"
    assert _named_after(Ent([Token("Ellen"), Token("Hall")])) is None  # a surname
    assert _named_after(Ent([Token("Dale"), Token("Ostrow")])) is None
    assert _named_after(Ent([Token("Dale"), Token("Ostrow"), Token("Co.")])) == "ORG"


def test_a_company_or_gallery_named_after_a_person_is_not_the_person():
    """'CEO of The Mara Velden Co.': the trim took the abbreviation's full stop and then the whole 'Co.',
    so the company was the painter; 'Mara Velden Signature Galleries', tagged a person, joined her too."""
    story = newsweave.brief([{"id": "a", "text": (
        "The painter Mara Velden died on Friday at her home in Harlow, her partner said.\n\n"
        "Velden opened dozens of Mara Velden Signature Galleries to sell her prints.\n\n"
        "\"She made art for everyone,\" said Ivo Brandt, chief executive of The Mara Velden Co., on Monday.\n")}]).story
    names = {e.name: e for e in story.entities}
    painter = names["Mara Velden"]
    assert painter.type == "PERSON"
    assert {story.documents[0].text[m.start:m.end] for m in painter.mentions} <= {"Mara Velden", "Velden"}
    assert names["Mara Velden Co."].type == "ORG"
    assert names["Mara Velden Signature Galleries"].type == "ORG"
    assert [r.target for r in story.relations if r.source == "ivo-brandt" and r.kind == "stated"] == ["mara-velden-co"]


def test_a_street_address_is_a_place_whatever_the_model_took_it_for():
    story = newsweave.brief([{"id": "a", "text": (
        "The explosion destroyed the house at 428 Velm St. on Monday, fire officials said.\n\n"
        "Neighbours at 430 Velm Street said they smelled gas on Sunday.\n")}]).story
    addresses = [e for e in story.entities if e.name[:1].isdigit()]
    assert addresses and all(e.type == "FAC" for e in addresses)


def test_an_abbreviation_is_not_short_for_a_name_it_is_a_word_of():
    story = newsweave.brief([{"id": "a", "text": (
        "The concert in Washington, D.C. was cancelled on Friday. D.C. Council member Phil Mendelson asked the "
        "police to review the case. Police in D.C. said the singer had left the city.\n")}]).story
    kinds = {e.name: e.type for e in story.entities}
    assert kinds.get("D.C.") == "GPE" and kinds.get("D.C. Council") == "ORG"


@pytest.mark.parametrize("written, name", [
    ("— Jennifer Rivers", "Jennifer Rivers"),  # a name the model read with the dash that opens a paragraph
    ("Christina House /", "Christina House"),
    ("the Harlow Courier's", "Harlow Courier"),
])
def test_dashes_and_slashes_around_a_name_are_not_part_of_it(written, name):
    from newsweave.entities.mentions import _trim

    start, end = _trim(written)
    assert written[start:end] == name


def test_a_photographer_s_credit_opening_a_caption_names_no_one_and_the_caption_is_no_body_copy():
    story = newsweave.brief([{"id": "a", "text": (
        "Eric Gay / AP Senator Ines Varga listens as the Velm Senate debates a bill, on July 12, 2013, in Harlow.\n\n"
        "Ines Varga declared her candidacy for governor on Thursday in Harlow, her campaign said.\n")}]).story
    assert story.sentences[0].role == "caption"
    assert not [e for e in story.entities if "Gay" in e.name]
    assert not any("Eric Gay" in s.text for s in story.summary)


def test_a_place_s_initials_are_not_a_person_s():
    """'Washington, D.C.' and 'Dave Carney': the initials D and C, but a place is not short for a person."""
    story = newsweave.brief([{"id": "a", "text": (
        "Ines Varga declared her candidacy on Thursday in Harlow. \"Harlow must not turn into Washington, D.C.,\" "
        "she said. Her adviser Dave Carney said she would win.\n")}]).story
    carney = next(e for e in story.entities if e.name == "Dave Carney")
    assert {m.text for m in carney.mentions} == {"Dave Carney"}


def test_a_name_with_and_without_the_arabic_article_is_one_person():
    story = newsweave.brief([
        {"id": "a", "text": "Prosecutors named Abdel Karim Ali al-Masri as the organiser of the raid."},
        {"id": "b", "text": "Abdel Karim Masri denied organising the raid, his lawyer said."},
    ]).story
    people = [e for e in story.entities if e.type == "PERSON" and "Masri" in e.name]
    assert len(people) == 1 and {m.document for m in people[0].mentions} == {"a", "b"}


def test_the_bbc_by_its_full_name_shortened():
    story = newsweave.brief([{"id": "a", "text": "Gadhafi told the British Broadcasting Corp. that the trial could go ahead."}]).story
    assert [e.name for e in story.entities if "Broadcasting" in e.name or e.name == "BBC"] == ["BBC"]


def test_people_who_share_a_surname_with_a_particle_stay_apart():
    from newsweave.entities.resolve import _name_words

    assert _name_words("da Silva") == ["silva"] and _name_words("Manuel da Silva") == ["manuel", "silva"]
    assert _name_words("Robert De Niro") == ["robert", "niro"]
    assert _name_words("Van Morrison") == ["van", "morrison"] and _name_words("Ben Affleck") == ["ben", "affleck"]
    story = newsweave.brief([
        {"id": "a", "text": "The leftist candidate, Luiz Inacio Lula da Silva, lost the vote. Da Silva thanked his voters in Recife."},
        {"id": "b", "text": "Voter Manuel da Silva, a baker, said he backed the president. Josue da Silva, his son, agreed."},
    ]).story
    silvas = sorted(e.name for e in story.entities if e.type == "PERSON" and "Silva" in e.name)
    assert silvas == ["Josue da Silva", "Luiz Inacio Lula da Silva", "Manuel da Silva"], silvas


def test_a_name_written_with_a_curly_or_a_straight_apostrophe_is_one_name():
    from newsweave.entities.resolve import _name_words

    assert _name_words("Oliver O’Grady") == _name_words("Oliver O'Grady") == ["oliver", "o'grady"]


def test_names_inside_many_picture_credits_are_found_in_linear_time():
    import time

    from newsweave.entities.mentions import _outside_credits
    from newsweave.story import Mention

    text = "(AP Photo/Dale Ostrow) Kelby. " * 50_000
    step = len("(AP Photo/Dale Ostrow) Kelby. ")
    mentions = [Mention("a", i * step + 10, i * step + 21, "Dale Ostrow", "PERSON") for i in range(50_000)]
    mentions += [Mention("a", i * step + 23, i * step + 28, "Kelby", "GPE") for i in range(50_000)]
    started = time.perf_counter()
    kept = _outside_credits(mentions, text)
    assert {m.text for m in kept} == {"Kelby"} and len(kept) == 50_000
    assert time.perf_counter() - started < 2.0


def test_a_newspaper_the_model_takes_for_a_person_is_an_organisation():
    """'The Miami Herald reports that ...': the small model made a person of the paper, and the brief listed
    it among the People (mn-val-14). A name the outlets table writes in full is an outlet; a short form
    that may be a surname ('Post') stays what its mentions say."""
    from newsweave.entities.resolve import resolve

    text = "The Miami Herald reports that the bill is unpaid, the Herald said. Emily Post wrote it. Post said so."

    from newsweave.story import Mention

    def mention(name: str, at: int = 0) -> Mention:
        start = text.index(name, at)
        return Mention("a", start, start + len(name), name, "PERSON")

    herald = text.index("Herald said")
    entities = resolve([mention("Miami Herald"), mention("Herald", herald), mention("Emily Post"),
                        mention("Post", text.index("Post said"))], {"a": text})
    assert {e.name: e.type for e in entities} == {"Miami Herald": "ORG", "Emily Post": "PERSON"}


def test_a_name_whose_surname_alone_speaks_is_a_person_without_the_noun_the_sentence_capitalised():
    """mn-val-7: 'Mountaineer Ueli Steck said ...' was an organisation and 'Ueli Steck, a mountaineer from
    Switzerland' a place, though 'Steck said' and 'Steck told Reuters' follow; the story's main witness was
    missing from the People. A place is not called by its last word, and 'the Society said' is not a surname."""
    types = _entity_types(
        "A renowned photographer found the camp. Photographer Reto Kessler said he and his partner saw the tents on "
        "a glacier. Kessler said they did not touch them.",
        "Reto Kessler of Switzerland and Max Roth found the camp. Kessler told reporters the tents were gone. "
        "The Lindau Alpine Society said the route was closed.",
    )
    assert types.get("Reto Kessler") == "PERSON", types
    assert not any("Photographer" in name for name in types)
    assert types.get("Lindau Alpine Society") == "ORG"


def test_a_state_code_after_a_town_is_a_place_and_no_name_s_initials():
    """A police list, 'Dominic Godi, 21, Bolton, CT.' (mn-val-8): 'CT' was an organisation, joined as the
    initials of 'the Chevy Tahoe' another paragraph names, and the town a person."""
    text = ("Police arrested the following:\n\nDorin Valeski, 21, Harwick, CT. Charged with possession of alcohol.\n\n"
            "Marek Oltan, 22, Harwick, CT. Charged with delivery to minors.\n\n"
            "She was struck by the Chevy Tahoe driven by an officer.")
    story = _story(text, "The Chevy Tahoe was driven by an officer in Harwick.")
    found = {e.name: (e.type, e.aliases) for e in story.entities}
    assert found["CT"] == ("GPE", []) and found["Chevy Tahoe"] == ("ORG", [])
    assert found["Harwick"][0] == "GPE"


def test_two_capitalised_words_followed_by_an_age_are_a_person():
    """'Dominic Godi, 21, of Meadow Road' was a place in both reports of mn-val-8; the model's label is set here
    as it read that name, since it reads invented names rightly."""
    from spacy.tokens import Span

    from newsweave.annotate.model import load_model
    from newsweave.entities.mentions import _named_with_an_age
    from newsweave.settings import Settings

    doc = load_model(Settings())("Dorin Valeski, 21, of Meadow Road, was charged. Lake Tamsin, near Harwick, froze.")
    person, lake = Span(doc, 0, 2, label="GPE"), Span(doc, 12, 14, label="GPE")
    assert (person.text, lake.text) == ("Dorin Valeski", "Lake Tamsin")
    assert _named_with_an_age(person, doc.text) and not _named_with_an_age(lake, doc.text)


def test_an_organisation_the_model_cut_short_is_the_whole_name_the_story_gives():
    """'said Lehigh County Humane Society Executive Director Mary Shafer': the model made an organisation of
    'Lehigh County Humane', listed beside the society (mn-val-13)."""
    from newsweave.entities.mentions import _names_cut_short
    from newsweave.story import Mention

    text = "said Tarn Valley Rescue Society Executive Director Ida Moll. The Tarn Valley Rescue Society took the dogs."
    whole = text.index("Tarn Valley Rescue Society took")
    mentions = [Mention("a", 5, 23, "Tarn Valley Rescue", "ORG"),
                Mention("a", whole, whole + 26, "Tarn Valley Rescue Society", "ORG")]
    assert [m.text for m in _names_cut_short(mentions, {"a": text})] == ["Tarn Valley Rescue Society"] * 2
    elsewhere = [Mention("a", 5, 23, "Tarn Valley Rescue", "ORG"), Mention("b", 0, 26, "Tarn Valley Rescue Society", "ORG")]
    texts = {"a": "said Tarn Valley Rescue Societyman Ida Moll.", "b": "Tarn Valley Rescue Society"}
    assert [m.text for m in _names_cut_short(elsewhere, texts)][0] == "Tarn Valley Rescue"  # not a word cut in two


def test_names_cut_short_are_found_in_linear_time():
    import time

    from newsweave.entities.mentions import _names_cut_short
    from newsweave.story import Mention

    names = [f"Harbor Board {n} of Trade" for n in range(20_000)]
    text = " ".join(names)
    mentions, at = [], 0
    for name in names:
        mentions.append(Mention("a", at, at + len(name), name, "ORG"))
        mentions.append(Mention("a", at, at + 12, "Harbor Board", "ORG"))
        at += len(name) + 1
    started = time.perf_counter()
    _names_cut_short(mentions, {"a": text})
    assert time.perf_counter() - started < 5


def test_a_name_with_its_accent_left_out_is_one_person_and_no_disagreement():
    """mn-val-42 listed 'Kira Grunberg' [1] and 'Kira Grünberg' [2] as two people."""
    story = newsweave.brief([
        {"id": "a", "text": "Pole vaulter Ilse Grunwald was injured in training in Innsbruck on Thursday. Grunwald was taken to hospital."},
        {"id": "b", "text": "Ilse Grünwald, the Austrian record holder, was hurt in training on Thursday. Grünwald is in hospital."},
    ]).story
    people = [e for e in story.entities if "Grunwald" in e.name or "Grünwald" in e.name]
    assert len(people) == 1 and {m.document for m in people[0].mentions} == {"a", "b"}
    assert not [d for d in story.discrepancies if d.kind == "name"]


def test_a_preposition_opening_the_sentence_is_not_part_of_the_name_after_it():
    """d30050 listed 'Across Capitol Hill (also Capitol Hill)' among the organisations."""
    story = _story("Across Capitol Hill on Wednesday, the fence sitters were consulting scholars. Senators on "
                   "Capitol Hill waited.", "Lawmakers on Capitol Hill met the scholars on Thursday.")
    names = {e.name for e in story.entities}
    assert "Capitol Hill" in names and not any(name.startswith("Across") for name in names)
    assert all(not m.text.startswith("Across") for e in story.entities for m in e.mentions)


def test_a_state_abbreviated_in_ap_style_is_the_state():
    """'Allentown, Pa.' and 'Tucker, Ga.': the places listed were 'Pa', 'Ga' and 'Fla' (mn-val-13, mn-val-24),
    beside the Pennsylvania another report names. Without its full stop the abbreviation is other letters:
    'PA' the Press Association, 'VA' Veterans Affairs, 'LA' Los Angeles (mn-val-40 made one place of LA, Los
    Angeles and Louisiana when the states were first put in the alias table, which ignores full stops)."""
    story = _story("Fifty dogs were seized from a house in Harwick, Pa., on Monday. Officers from Tucker, Ga., helped. "
                   "The VA said nothing. PA reported the raid.",
                   "Fifty dogs were taken from a house in Pennsylvania, Harwick officials said. The shelter is in LA now.")
    found = {e.name: e.aliases for e in story.entities}
    assert found.get("Pennsylvania") == ["Pa."] and found.get("Georgia") == ["Ga."]
    assert not any(name in ("Pa", "Ga", "Louisiana", "Virginia") for name in found)
    assert "LA" in found and "VA" in found


def test_a_title_run_into_a_person_s_name_is_not_part_of_it():
    """mn-val-51 listed an organisation 'Actress America Ferrera' beside the person America Ferrera."""
    from newsweave.entities.mentions import _titles_before_people
    from newsweave.story import Mention

    texts = {"a": "Actress Ida Moll Varga arrived. The actress smiled.", "b": "Ida Moll Varga waved.",
             "c": "Harbour Ida Moll Varga opened."}
    mentions = [Mention("a", 0, 22, "Actress Ida Moll Varga", "ORG"), Mention("b", 0, 14, "Ida Moll Varga", "PERSON"),
                Mention("c", 0, 22, "Harbour Ida Moll Varga", "ORG")]
    found = [(m.text, m.label, texts[m.document][m.start:m.end]) for m in _titles_before_people(mentions, texts)]
    assert found[0] == ("Ida Moll Varga", "PERSON", "Ida Moll Varga")
    assert found[2][0] == "Harbour Ida Moll Varga"  # 'harbour' is no word the report writes in lower case


def test_a_street_after_its_house_number_is_a_place():
    """'Whoever makes a play for 64 Perry St. next': the model left the number out and made a person of the street
    (mn-val-48), or an organisation."""
    for text in ("Whoever makes a play for 64 Perry St. next had better like tourists. The home at 64 Perry St., "
                 "which sold in November, has four floors.",
                 "The townhouse at 12 Lindqvist St. is for sale. Buyers lined up outside 12 Lindqvist St. on Thursday."):
        entities = newsweave.brief([{"id": "a", "text": text}]).story.entities
        assert [e.type for e in entities if e.name.endswith(" St")] == ["FAC"]


def test_titles_before_people_read_each_report_s_words_once():
    """The attack: 20,000 titled names in one long report; looking the title up in the report's text for each
    took the square of its length."""
    import time

    from newsweave.entities.mentions import _titles_before_people
    from newsweave.story import Mention

    text = "the actress spoke. " * 50_000 + "Actress Ida Moll Varga"
    mentions = [Mention("a", len(text) - 22, len(text), "Actress Ida Moll Varga", "ORG")] * 20_000
    mentions.append(Mention("a", len(text) - 14, len(text), "Ida Moll Varga", "PERSON"))
    started = time.perf_counter()
    assert _titles_before_people(mentions, {"a": text})[0].text == "Ida Moll Varga"
    assert time.perf_counter() - started < 2


def test_a_zero_width_space_after_a_name_is_not_part_of_it_and_a_weekday_is_no_place():
    """mn-val-12, a text copied from a page: 'Baghdad\\u200b' was listed beside Baghdad, and 'Monday\\u200b' as a place."""
    types = _entity_types("Two medics say a correspondent bit them outside the embassy in Baghdad\u200b. The suit was filed "
                          "in Manhattan on Monday\u200b. Baghdad was quiet.")
    assert "Baghdad" in types and not any("\u200b" in name or name.startswith("Monday") for name in types), types


def test_a_one_word_organisation_every_mention_puts_in_a_town_is_the_town():
    """mn-val-60 listed 'Tamarac' ('the Walgreens ... in Tamarac') and 'Lauderhill' ('A Lauderhill man') among the
    organisations; 'at Walgreens' and a company named elsewhere without 'in' stay organisations."""
    from newsweave.entities.resolve import resolve
    from newsweave.story import Mention

    text = ("He robbed the Walgreens on Commercial Blvd. in Tamarac. A Lauderhill man was held. He worked at Walgreens. "
            "Walgreens said nothing. Republicans in Congress were silent.")

    def mention(name: str, at: int = 0) -> Mention:
        start = text.index(name, at)
        return Mention("a", start, start + len(name), name, "ORG")

    found = {e.name: e.type for e in resolve(
        [mention("Walgreens"), mention("Tamarac"), mention("Lauderhill"), mention("Walgreens", text.index("at Walgreens")),
         mention("Walgreens", text.index("Walgreens said")), mention("Congress")], {"a": text})}
    assert found == {"Walgreens": "ORG", "Tamarac": "GPE", "Lauderhill": "GPE", "Congress": "ORG"}


def test_an_office_the_model_takes_for_a_person_is_no_one():
    """mn-val-60 listed 'Broward Sheriff' among the People ("after Broward Sheriff's detectives circulated ..."),
    and mn-val-16 'Fire Marshall'."""
    types = _entity_types("Fort Lauderdale police booked him into jail Sunday after Broward Sheriff's detectives "
                          "circulated security video.")
    assert types.get("Broward Sheriff") == "ORG", types


def test_a_comparison_or_a_party_and_state_tag_is_no_link():
    """The relations audit's false links (2026-12-05, eleventh sitting): "Like Clinton, ..., D'Amato and Schumer have
    defied ..." gave "defied like → Clinton"; "Rep. John Conyers, D-Mich., the senior Democrat on ..." gave
    "mich. of → Democrat"."""

    texts = [
        "Like Governor Paul Reyes, Mayor Tom Briggs has defied his party on taxes.",
        "And Rep. Lena Okafor, D-Mich., the senior Democrat on the Harwick Finance Committee, said Thursday that "
        "the vote would wait.",
        "Mayor Tom Briggs met Governor Paul Reyes in Harwick.",  # a link stated outright stays
    ]
    stated = stated_links(*texts)
    assert not [link for link in stated if "like" in link[1] or link[1].startswith("mich")], stated
    assert ("Tom Briggs", "met", "Paul Reyes") in stated
    # the apposition after the tag describes the name (this crashed the brief: the tag's own head was looked up)
    text = "\"I am a no,\" said Rep. Ada Lund, R-Ariz., a member of the hard-right Harwick Freedom Caucus."
    stated = stated_links(text)
    assert ("Ada Lund", "member of", "Harwick Freedom Caucus") in stated, stated


def test_a_link_says_what_its_sentence_says_of_the_two():
    """The second relations audit's false links (ECB+ stories, 2026-12-05 fifteenth sitting), by cause: a name
    modifying the noun a verb acts on ("tied an NFL record" gave "tied → NFL"); a place reached through a time
    ("arrested ... before the loss at Pittsburgh" gave "arrested at → Pittsburgh"); a name's own "of" ("survived by
    her sister Joyce Wallace of Georgia" gave "survived of → Georgia"); a conjunct noun ("a neurosurgeon and CNN's
    reporter" gave "neurosurgeon of → CNN"); "was one of the ... Nixon aides" gave "was one of → Nixon"; a clause
    joined to a condition; "ex-" and "former" dropped from the label."""

    texts = [
        "Coach Dana Holt tied a Velmar League record with nine wins.",
        "In 2006, Tom Kell was shot by an off-duty Dorne policeman.",
        "Tom Kell was arrested five days before the Velmar Rams' playoff loss at Dorne.",
        "Ada Pell was survived by her sister Lena Marsh of Velmar.",
        "Dr. Ana Ruiz, a surgeon and Velmar TV's chief medical reporter, is the leading candidate.",
        "In the end, Tom Kell was one of the first top Nixon aides to cooperate with prosecutors.",
        "If Senator Ada Lund joins the Harwick Party and Senator Tom Kell leaves the Velmar Party, the bill will pass.",
        "The victims are Lena Marsh, an ex-girlfriend of Tom Kell, and his mother.",
        "Kell phoned Ray Dunn, a private detective and former Dorne County deputy.",
        "Ray Dunn won the seat from Ada Lund in the Clinton landslide of 1996.",  # a person's, not a place
        "Ray Dunn was based in the Harwick area.",  # a place's is where
        "When Tom Kell was assigned to the Harwick break-in, he called Ada Lund.",  # a noun's hyphened words
        "Ray Dunn is the co-founder of Kessel Labs.",
        "The fire started in Tarnby, Ohio, a town near Lakemoor.",  # the town with its state: the town's
        "Senator Ray Dunn of Tennessee, Ada Page's home state, opened an inquiry.",  # no one is a state
        "Ada Lund campaigned in the New Hampshire Democratic primary in 1992.",  # a group word only describes
    ]
    stated = stated_links(*texts)
    assert {("Dana Holt", "tied record of", "Velmar League"), ("Tom Kell", "was shot by policeman of", "Dorne"),
            ("Ada Pell", "was survived by", "Lena Marsh"), ("Ana Ruiz", "reporter of", "Velmar TV"),
            ("Tom Kell", "aide of", "Nixon"), ("Lena Marsh", "ex-girlfriend of", "Tom Kell"),
            ("Ray Dunn", "former deputy of", "Dorne County"), ("Ray Dunn", "won in landslide of", "Clinton"),
            ("Ray Dunn", "was based in", "Harwick"), ("Tom Kell", "was assigned to break-in of", "Harwick"),
            ("Ray Dunn", "co-founder of", "Kessel Labs"), ("Tarnby", "town near", "Lakemoor")} <= stated, stated
    assert not [link for link in stated if link[0] == "Ohio" or link[1] == "state of" and link[0] == "Ray Dunn"], stated
    assert ("Ada Lund", "campaigned in", "New Hampshire") in stated
    assert not [link for link in stated if link[0] == "Ada Lund" and link[2] == "Democratic"], stated
    assert not [link for link in stated if link[2] in ("Dorne", "Velmar") and link[1] in ("was arrested at", "was survived of")]
    assert not [link for link in stated if link[1] in ("surgeon of", "was one of", "leaves")], stated


def test_a_name_with_its_linking_word_swapped_is_one_body_and_no_misspelling():
    reports = [
        {"id": "a", "text": "The Harlow Endowment for the Arts named a new chair on Monday. The Harlow Endowment for the Arts "
                            "has funded the valley's theatres since 1970.\n"},
        {"id": "b", "text": "\"I am honoured to lead the Harlow Endowment of the Arts,\" the new chair said on Monday.\n"},
    ]
    story = newsweave.brief(reports).story
    endowments = [e for e in story.entities if "Endowment" in e.name]
    assert len(endowments) == 1 and set(endowments[0].documents) == {"a", "b"}
    assert not [d for d in story.discrepancies if d.kind == "name"]


def test_a_word_of_a_name_tagged_alone_is_no_spelling_of_it():
    # (the second precision audit's false name flag: "spelling of Los Angeles Angels: Angels vs Angeles", where
    # the model had tagged "Angeles" alone) a word the name holds beside the word it looks like is no slip
    from types import SimpleNamespace

    from newsweave.crosscheck.names import _beside_its_likeness

    angels = SimpleNamespace(mentions=[SimpleNamespace(text=t) for t in ("Los Angeles Angels", "Angels", "Angeles")])
    assert _beside_its_likeness("angeles", angels)
    lawyer = SimpleNamespace(mentions=[SimpleNamespace(text=t) for t in ("Christos Vasiliades", "Vasilades")])
    assert not _beside_its_likeness("vasilades", lawyer) and not _beside_its_likeness("vasiliades", lawyer)


# --- what the brief lists under "Who is involved" (benchmarks/entities_audit.py) ---


def test_a_settlement_named_after_of_is_a_place_and_a_list_of_them_is_several():
    types = _entity_types(
        "Rioting spread to the northern city of Varnaport on Wednesday, police said.\n\n"
        "Walls collapsed in the villages of Oskeli and Tarvan, the governor said.\n\n"
        "Shells fell on Kefrel, a town near the border, and on the Harsa town of Belmeen.\n",
    )
    assert types.get("Varnaport") == "GPE"
    assert types.get("Kefrel") == "GPE" and types.get("Harsa") == "GPE", types
    assert types.get("Oskeli") == "GPE" and types.get("Tarvan") == "GPE"
    assert "Oskeli and Tarvan" not in types


def test_a_mountain_a_glacier_and_a_park_are_places():
    types = _entity_types(
        "The climber fell about 600 metres on Mount Korrin in Westvale National Park on Saturday.\n\n"
        "Rescuers reached the Halden Glacier by helicopter, police said.\n",
    )
    assert types.get("Mount Korrin") == "LOC"
    assert all(types[name] in ("GPE", "LOC", "FAC") for name in types if "Westvale" in name or "Halden" in name), types


def test_initials_of_common_nouns_and_an_office_s_field_are_no_organisations():
    names = {e.name for e in _story(
        "Dorian Vale was arrested on suspicion of DUI early Sunday, the Highway Patrol said.\n\n"
        "The team placed him on IR after he scored two TDs. Secretary of State Mara Quill said nothing.\n",
        "Vale was also charged with DWI after the crash at 9:30 p.m. IST.\n",
    ).entities}
    assert {"Dorian Vale", "Mara Quill"} <= names
    assert not names & {"DUI", "DWI", "IR", "TD", "TDs", "State", "IST"}, names


def test_a_person_s_name_ends_before_a_preposition_the_model_ran_on_into():
    names = {e.name for e in _story(
        "New Haven picked up Dale Wynn on Monday after putting Tony Rivers on Injured Reserve.\n",
        "Tony Rivers will miss the rest of the season, the team said.\n",
    ).entities}
    assert "Tony Rivers" in names
    assert not any(" on " in name for name in names), names


def test_a_surname_slipped_in_a_report_is_the_person_whatever_the_model_took_it_for():
    # the name check already reads "Dabrowksi" as a slip of Ilona Dabrowski's surname; the list must not call it a place
    from newsweave.pipeline import build_story
    from newsweave.settings import Settings
    from newsweave.story import Document

    story = build_story([  # build_story straight: two one-line reports are not asked to be one story
        Document(id="r1", text="Ilona Dabrowski won the title on Saturday. Dabrowski said she was ready. "
                               "Dabrowski will fight again in May.\n"),
        Document(id="r2", text="The technical knockout in Dabrowksi's sixth defense of the belt improved her record.\n"),
    ], Settings())
    types = {e.name: e.type for e in story.entities}
    assert types.get("Ilona Dabrowski") == "PERSON"
    assert types.get("Dabrowksi", "PERSON") == "PERSON", types
    assert any(d.kind == "name" and "Dabrowski" in d.subject for d in story.discrepancies)


def test_an_office_word_and_a_district_attorney_s_place_are_listed_as_what_they_are():
    types = _entity_types(
        "Sheriff's detectives arrested Colm Ardle on Friday, according to the Bristol District Attorney's Office.\n",
    )
    assert "Sheriff" not in types
    assert types.get("Bristol") == "GPE", types


def test_what_the_nouns_beside_a_name_call_it_is_what_it_is():
    # the model took the rapper for a place, the companies named after people for people, a book for a person
    music = _entity_types(
        "The music world is mourning the news that Quarrel, iconic rapper and one half of Dusk Theory, died on "
        "Tuesday at 44. Quarrel had been in hospital in Reno for a week.\n\nAlong with his partner Brim, Quarrel "
        "shaped the sound of the 1990s. He met Brim, a fellow Harlow resident, at school.\n\nGuests included "
        "Harlow rapper Jaxx, who called Quarrel a brother. Jaxx said the loss was huge.\n",
        "Quarrel was hospitalized in Reno after a show. Quarrel and Brim formed Dusk Theory in 1991.\n\n"
        "Tessa Crane's first book, Paperweights, sold 90,000 copies in its first month.\n",
    )
    assert music.get("Quarrel") == "PERSON", music
    assert "Paperweights" not in music
    business = _entity_types(
        "LONDON — Veltro Holdings said on Tuesday it had agreed to buy the shoe company Mira Lenz for $800 million. "
        "Mira Lenz, which rose to fame through celebrity clients, will keep its designers.\n\n"
        "The deal has played well for fashion brands like Dario Castel and Nuvo, and luxury houses like Brandt Albers.\n",
        "Mira Lenz will become part of Veltro Holdings. Mira Lenz shares rose 12 percent.\n",
    )
    assert {business.get(name) for name in ("Mira Lenz", "Dario Castel", "Brandt Albers")} == {"ORG"}, business


def test_a_name_cut_at_its_hyphen_an_epithet_a_shop_s_namesake_and_a_bare_institution_are_no_names():
    types = _entity_types(
        "A temporary closure was ordered after the fire at the Halvard Science Building on Monday.\n\n"
        "The mound was built for Orm the Bold, a Norse earl who held Kelby-shire until 1040. The blaze began near "
        "a Rudy's Diner sign.\n\nThe University said classes would resume.\n",
        "The mound was built on the instructions of Sigurd the Mighty, a powerful earl who died in 1065.\n",
    )
    assert not {"Kelby", "Rudy", "University", "Mighty"} & set(types), types
    assert types.get("Halvard Science Building") == "FAC"  # (the model: an organisation)


def _mentions_tagged(text: str, *tagged: tuple[str, str]):
    """The mention reader on the model's parse of `text`, its names replaced by `tagged` ((words, label) each):
    for misreadings the model makes on some sentences and not on others."""
    from collections import Counter, defaultdict

    from newsweave.annotate.model import load_model
    from newsweave.entities.mentions import _ner_mentions
    from newsweave.settings import Settings

    doc = load_model(Settings())(text)
    doc.ents = [doc.char_span(text.index(words), text.index(words) + len(words), label=label) for words, label in tagged]
    return _ner_mentions("r1", doc, text, defaultdict(Counter))


def test_a_word_in_capitals_among_capitals_is_no_organisation_where_the_report_writes_it_in_lower_case():
    text = "PROVISIONAL TRIAL DATE SET FOR KELSO ACCUSED\n\nA provisional date was set on Monday. NATO said nothing.\n"
    names = {m.text for m in _mentions_tagged(text, ("PROVISIONAL", "ORG"), ("KELSO", "GPE"), ("NATO", "ORG"))}
    assert names == {"KELSO", "NATO"}


def test_a_group_s_word_before_a_person_s_name_and_a_team_named_for_its_city():
    from newsweave.entities.mentions import _teams_named_for_places, _titles_before_people
    from newsweave.story import Mention

    text = "High-ranking Nazi Ernst Kaltner asked for a pardon. Ernst Kaltner was hanged. Other Nazi officers fled.\n"
    found = [Mention("r1", text.index("Nazi Ernst"), text.index(" asked"), "Nazi Ernst Kaltner", "ORG"),
             Mention("r1", text.index("Ernst Kaltner was"), text.index(" was"), "Ernst Kaltner", "PERSON"),
             Mention("r1", text.index("Nazi officers"), text.index(" officers"), "Nazi", "NORP")]
    titled = _titles_before_people(found, {"r1": text})
    assert (titled[0].text, titled[0].label) == ("Ernst Kaltner", "PERSON")
    assert text[titled[0].start:titled[0].end] == "Ernst Kaltner"

    text = "The Colts joined the 2008 Carlow Hawks and the Virgin Islands team. Fans in Carlow and Virgin cheered.\n"
    found = [Mention("r1", text.index(name), text.index(name) + len(name), name, label)
             for name, label in (("Carlow Hawks", "GPE"), ("Virgin Islands", "GPE"), ("Carlow", "GPE"), ("Virgin", "GPE"))]
    labels = {m.text: m.label for m in _teams_named_for_places(found)}
    assert labels["Carlow Hawks"] == "ORG" and labels["Virgin Islands"] == "GPE"


def test_a_surname_s_slip_is_the_variant_whichever_spelling_its_short_form_is_filed_under():
    # the bare "Nowaczik" and "Nowaczyk" join as one short form filed under the slip (first alphabetically);
    # joining the full name, the slip is the one that is not the full name's own spelling
    story = _story(
        "Two people were hurt, neither seriously, said Ilona Nowaczyk, director of the Harwick County Office of "
        "Emergency Management.\n\nEngineers will return today, Nowaczyk said.\n",
        "\"We will not wait,\" county emergency management director Ilona Nowaczyk told Valley Radio 9.\n",
        "\"We will not wait,\" county emergency management director Ilona Nowaczik told Valley Radio 9 on Wednesday "
        "morning.\n\nNowaczik said this morning that engineers had examined the dam.\n",
    )
    person = entity_named(story, "Ilona Nowaczyk")
    assert "Nowaczik" in person.variants and "Nowaczyk" not in person.variants, person.variants


def test_the_search_for_a_slipped_first_name_finds_what_a_scan_of_the_whole_text_finds():
    import importlib
    import random
    import re

    resolve = importlib.import_module("newsweave.entities.resolve")  # (the package's `resolve` is a function)
    pattern = re.compile(rf"({resolve._NAME_WORD})\s+Jarrett\b")
    rng = random.Random(5)
    pieces = ["Antheyst", "Jean-Pierre", "McDonald", "x", "Ézé", " ", "  ", "\n", "Jarrett", "Jarretts", "Jarrett's",
              "-", ",", "aJarrett", "Bob"]
    for _ in range(2_000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 12)))
        expected = [(m.start(), m.end()) for m in resolve._at_word_starts(pattern, text)]
        assert [(m.start(), m.end()) for m in resolve._name_word_before(pattern, text, "Jarrett")] == expected, text


def test_a_second_and_a_third_of_one_name_are_two():
    # (the model takes the albums for people; "Corvid Lane II" and "III" were folded into one as partial names)
    names = {e.name: e for e in _story(
        "Harwell served in World War II and his father in World War I. The band Corvid Lane released Corvid Lane III "
        "in 1970, after Corvid Lane II sold well.\n\nCorvid Lane toured Europe.\n",
        "Corvid Lane played in Leeds. World War II ended in 1945.\n",
    ).entities}
    spelled = {name: set(entity.aliases) | {name} for name, entity in names.items()}
    assert not any({"Corvid Lane II", "Corvid Lane III"} <= forms for forms in spelled.values()), spelled
    assert {"World War I", "World War II"} <= set(names)


def test_a_ship_s_name_is_a_vessel_and_a_harbor_master_is_a_person():
    """The ferry reports of tests/test_one_story.py listed People: "Maiden" (of "the ferry Gull Maiden") and
    Organisations: "Ines Varga" (of "Harbor master Ines Varga said"). A ship is no one: its own group, Vessels."""
    types = _entity_types(
        "The ferry Gull Maiden struck a sandbar near Port Aldwin on Saturday.\n\n"
        "Harbor master Ines Varga said the ship had left the marked channel.\n",
        "Salvage teams will refloat the tanker Baltic Star on Monday.\n\n"
        "Harbor master Ines Varga said the channel would reopen.\n",
    )
    assert types.get("Ines Varga") == "PERSON"
    assert types.get("Gull Maiden") == "VESSEL" and types.get("Baltic Star") == "VESSEL"
    assert not {"Maiden", "Star"} & set(types)
    # a name after a word that is no vessel's stays a name: "the spokesman Otto Reyes"
    assert _entity_types("The spokesman Otto Reyes said the ferry was safe.\n").get("Otto Reyes") == "PERSON"


def test_a_day_of_observance_is_no_one():
    """duc03-d30010 listed "Sabbath" among the people ("Israelis shopping for the Sabbath")."""
    types = _entity_types(
        "The market in Varna was crowded with shoppers buying food for the Sabbath when the blast hit.\n\n"
        "Mayor Ada Brill said the market would reopen after the Sabbath.\n",
        "Shoppers in Varna were preparing for the Sabbath, police said.\n",
    )
    assert "Sabbath" not in types
    assert types.get("Ada Brill") == "PERSON"


def test_a_vessel_is_listed_under_vessels_and_exported_as_an_ftm_vessel():
    """Named once after a word for a vessel, a ship is one in every mention ("the Gull Maiden" the model took for a
    work's title, and a name it did not tag at all); the brief lists it under Vessels, FtM exports a Vessel."""
    import json

    from newsweave.export import export_brief

    brief = newsweave.brief([
        {"id": "a", "text": "All 86 passengers were taken off the Gull Maiden by lifeboats on Saturday.\n\n"
                            "The ferry Gull Maiden struck a sandbar near Port Aldwin.\n"},
        {"id": "b", "text": "Salvage teams plan to refloat the ferry Gull Maiden at high tide on Monday.\n"},
    ])
    (ship,) = [e for e in brief.story.entities if e.type == "VESSEL"]
    assert ship.name == "Gull Maiden" and set(ship.documents) == {"a", "b"}
    assert len(ship.mentions) == 3
    for mention in ship.mentions:
        assert brief.story.document(mention.document).text[mention.start:mention.end] == "Gull Maiden"
    assert "**Vessels:** Gull Maiden [1, 2]" in brief.to_markdown()
    assert "Vessels" in brief.to_html() and "Gull Maiden" in brief.to_html()
    exported = [json.loads(line) for line in str(export_brief(brief, "ftm")).splitlines()]
    (vessel,) = [e for e in exported if e["schema"] == "Vessel"]
    assert vessel["properties"]["name"] == ["Gull Maiden"]


def test_a_vessel_s_short_name_is_the_vessel():
    """ECB+ 12's navy story listed "INS Mysore" and "Mysore" as two vessels."""
    brief = newsweave.brief([
        {"id": "a", "text": "The frigate INS Varuna answered a distress call from the tanker MV Kestrel Dawn on Tuesday.\n"},
        {"id": "b", "text": "The Varuna later escorted the tanker MV Kestrel Dawn to Salalah, the navy said.\n"},
        {"id": "c", "text": "Indian Warship Varuna Foils Pirate Attack\n\nThe Varuna fired on two skiffs near Salalah.\n"},
    ])
    vessels = {e.name: set(e.documents) for e in brief.story.entities if e.type == "VESSEL"}
    assert vessels == {"INS Varuna": {"a", "b", "c"}, "MV Kestrel Dawn": {"a", "b"}}


def test_a_group_word_in_a_list_of_people_is_no_person():
    """duc03-d30005 listed "Americans" among the people: "killed 224 people, including 12 Americans" read the
    nationality as a description of a person."""
    types = _entity_types(
        "The bombings killed 224 people, including 12 Americans, and injured thousands.\n\n"
        "The group has vowed to kill Americans anywhere in the world, prosecutors said.\n",
        "Prosecutors say the men conspired to murder Americans abroad.\n",
    )
    assert types.get("Americans") != "PERSON"


def test_a_name_written_with_two_generations_keeps_them_apart_from_the_bare_name():
    """'Led Zeppelin (also Led Zeppelin III, Led Zeppelin II)': the band and two of its albums as one. A story that
    writes a name with two suffixes ('II' and 'III') leaves the bare name ambiguous: the three stay apart."""
    text = ("Harrow Vane recorded the song in 1970. It appeared on Harrow Vane III, a year after Harrow Vane II came out. "
            "Jim Tallis said Harrow Vane never played it live. Harrow Vane II sold millions.\n")
    other = "Harrow Vane reissued Harrow Vane III on Friday, Jim Tallis said.\n"
    entities = newsweave.brief([{"id": "a", "text": text}, {"id": "b", "text": other}]).story.entities
    names = {e.name for e in entities}
    assert {"Harrow Vane", "Harrow Vane II", "Harrow Vane III"} <= names
    # ...while a bare name with one suffixed form stays one ("Martin Luther King Jr." is "Martin Luther King")
    one = newsweave.brief([{"id": "a", "text": "Henry Dace Jr. spoke on Monday. Henry Dace said he would run again.\n"}])
    assert [e.name for e in one.story.entities if "Dace" in e.name] in (["Henry Dace"], ["Henry Dace Jr."])


def test_a_name_typed_twice_is_the_name_once():
    """'said a grim-faced Arafat Arafat' listed a person 'Arafat Arafat' with links of his own."""
    text = "The talks will go on, said a grim-faced Omar Nassar. The bombing must not stop the accord, said a grim-faced Nassar Nassar."
    story = newsweave.brief([{"id": "a", "text": text}, {"id": "b", "text": "Omar Nassar condemned the bombing on Friday."}]).story
    (nassar,) = [e for e in story.entities if "Nassar" in e.name]
    assert nassar.name == "Omar Nassar"
    last = max(nassar.mentions, key=lambda m: (m.document == "a", m.start))
    assert text[last.start:last.end] == "Nassar" and last.end == len(text) - 1


def test_a_share_s_code_on_the_wire_is_no_part_of_a_name():
    """Reuters writes a company's share code after its name ("Jimmy Choo CHOO.L", "Kering SA (PRTP.PA)"): the
    brief listed "PRTP.PA" as a person and "Kate Spade & Co KATE.N" as a company."""
    text = ("LONDON (Reuters) - Harlow Holdings Ltd HARL.N agreed to buy shoemaker Varna Shoes VRNA.L for $1.2 billion. "
            "Rival Pell Group SA (PELL.PA) owns Ostrow, and Lowford Inc (NYSE: LWF) bought Tessel & Co TSSL.O last month.")
    story = newsweave.brief([{"id": "a", "text": text}, {"id": "b", "text": "Harlow Holdings agreed to buy Varna Shoes."}]).story
    names = {e.name for e in story.entities}
    assert not any(re.search(r"[A-Z]{2,}\.[A-Z]|NYSE|\(", name) for name in names), names
    assert {"Varna Shoes", "Pell Group SA"} <= names


def test_a_company_s_legal_form_ends_its_name():
    """The model took "Kering SA" for a person, and the brief listed it among the people."""
    for name in ("Marot SA", "Rosso SpA"):
        text = f"Rival {name} owns Gucci, the company said on Tuesday. {name} did not comment."
        (company,) = [e for e in newsweave.brief([{"id": "a", "text": text}]).story.entities if e.name == name]
        assert company.type == "ORG"
