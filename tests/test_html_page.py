"""The HTML brief in a real browser: citations lead to the cited sentence.

Served by a real HTTP server on a free local port and driven with Playwright
in Debian's Chromium (Playwright cannot download browsers here).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

import newsweave

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "valley-dam-evacuation"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
HOSTILE = (
    "Police said a man climbed the Harbour Tower in Portwell on Monday <img src=x onerror=alert(1)> and refused to come down.\n\n"
    "He carried a sign reading <script>alert('xss')</script> and a flag, officers said.\n\n"
    "Negotiators spoke to him for three hours before he climbed down safely, police said.\n"
)
HOSTILE_TWIN = (
    "A man climbed the Harbour Tower in Portwell on Monday and refused to come down, police said.\n\n"
    "Negotiators talked to him for three hours before he climbed down safely, according to police.\n"
)


def test_page_is_self_contained_and_every_citation_has_a_target():
    html = newsweave.brief([EXAMPLE]).to_html()
    assert "<script" not in html
    originals = html.replace('href="https://rivertonherald', "").replace('href="https://valleyradio6', "")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", originals)
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = re.findall(r'class="cite" href="#([^"]+)"', html)
    assert targets and all(t in ids for t in targets)


def test_report_text_is_escaped(tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE, encoding="utf-8")
    data = {"id": "b", "text": HOSTILE_TWIN, "url": "javascript:alert(1)", "title": "<b>Tower</b>"}
    import json

    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    html = newsweave.brief([tmp_path]).to_html()
    assert "<img src=x" not in html and "<script>alert" not in html and "<b>Tower</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    example = newsweave.brief([EXAMPLE])
    (folder / "brief.html").write_text(example.to_html(), encoding="utf-8")
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (hostile / "b.txt").write_text(HOSTILE_TWIN, encoding="utf-8")
    (folder / "hostile.html").write_text(newsweave.brief([hostile]).to_html(), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", example
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_clicking_a_citation_highlights_the_cited_sentence(served, browser, tmp_path):
    url, example = served
    item = example.summary[0]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/brief.html")
    citations = page.locator("ol.summary li").first.locator("a.cite")
    assert citations.count() == len(item.documents)
    citation = citations.last
    target = citation.get_attribute("href")[1:]
    citation.click()
    page.wait_for_function("target => location.hash === '#' + target", arg=target)
    highlighted = page.locator(":target")
    assert highlighted.get_attribute("id") == target
    assert highlighted.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert highlighted.is_visible()
    # The highlighted words are exactly the evidence sentence of the cited report.
    cited_document = example.documents[int(target.split("-")[0][1:]) - 1].id
    evidence = next(s for s in item.fact.sentences if s.document == cited_document)
    assert highlighted.inner_text() == evidence.text
    assert highlighted.evaluate("el => el.closest('article.source').id") == f"doc-{int(target.split('-')[0][1:])}"
    page.screenshot(path=str(tmp_path / "brief.png"))
    assert (tmp_path / "brief.png").stat().st_size > 10_000
    page.close()


def test_hostile_report_shows_as_text_and_runs_nothing(served, browser):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{served[0]}/hostile.html")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("aside.sources").inner_text()
    page.close()


# --- one renderer: the stand-alone page and the web app share templates and read one form of the brief ---


@pytest.fixture(scope="module")
def example_brief():
    return newsweave.brief([EXAMPLE])


TWO_WARNINGS = [
    {"kind": "not one story", "message": "several stories", "left_out": [
        {"id": "other<1>", "title": "A <b>ferry</b> strike", "path": "/reports/other.txt", "url": None}]},
    {"kind": "note", "message": "Take <care> & read \"slowly\"", "left_out": []},
]


def with_warnings(brief, warnings):
    from newsweave.render.restore import brief_from_dict

    data = brief.to_dict()
    data["warnings"] = warnings
    return brief_from_dict(data)


def test_every_warning_sits_in_the_one_warnings_section_and_ids_are_unique(example_brief):
    """The page once opened a `<section id="warnings">` per warning: two warnings, two elements with one id."""
    from collections import Counter

    html = with_warnings(example_brief, TWO_WARNINGS).to_html()
    assert html.count('id="warnings"') == 1
    section = html[html.index('<section id="warnings"') : html.index("</section>", html.index('id="warnings"'))]
    assert "compares nothing across stories" in section and "other&lt;1&gt;" in section
    assert "Take &lt;care&gt; &amp; read &quot;slowly&quot;" in section and "<care>" not in html
    repeated = [name for name, count in Counter(re.findall(r' id="([^"]+)"', html)).items() if count > 1]
    assert repeated == []


def test_one_warning_reads_as_it_always_has(example_brief):
    html = with_warnings(example_brief, TWO_WARNINGS[1:]).to_html()
    assert (
        '<section id="warnings" class="warning"><p><strong>Warning.</strong> Take &lt;care&gt; &amp; read &quot;slowly&quot;</p><ul>\n'
        "</ul></section>\n<section id=\"summary\">"
    ) in html


def test_the_web_story_page_reads_the_json_alone_and_shows_the_shared_warnings(example_brief):
    import json

    from newsweave.render.templating import environment
    from newsweave.web.pages import TEMPLATES
    from newsweave.web.view import StoryView

    brief = with_warnings(example_brief, TWO_WARNINGS)
    data = json.loads(brief.to_json())  # nothing but the JSON the API serves and the corpus caches
    view = StoryView("b1", data, "/briefs/b1")
    assert view.headline == newsweave.render.labels.headline(brief.story)
    spans: dict[str, list[tuple[int, int]]] = {}
    for sentence in example_brief.story.sentences:
        spans.setdefault(sentence.document, []).append((sentence.start, sentence.end))
    assert view.sentences == spans
    page = environment(TEMPLATES).get_template("story.html").render(
        story=view, api_base="/api/briefs/b1", export_formats=["graphml"], has_corpus=False,
        config=None, form_token="t", form_token_field="csrf_token",
    )
    assert page.count('id="warnings"') == 1 and "compares nothing across stories" in page
    assert "A &lt;b&gt;ferry&lt;/b&gt; strike" in page and "<b>ferry" not in page
    # The stand-alone page words the same warning in the same markup (one partial, render/templates/parts.html).
    standalone = brief.to_html()
    section = standalone[standalone.index('<section id="warnings"') : standalone.index("</section>", standalone.index('id="warnings"'))]
    assert section in page


def test_help_does_not_load_jinja():
    import subprocess
    import sys

    code = (
        "import sys\nfrom newsweave.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('jinja2', 'spacy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _group_with_claim(text: str, claim_words: str, *, offset: int = 10):
    from newsweave.story import Claim, FactGroup, Sentence

    sentence = Sentence("r1", offset, offset + len(text), text, 0)
    start = offset + text.index(claim_words)
    claim = Claim(id=1, document="r1", start=start, end=start + len(claim_words), text=claim_words, sentence=sentence)
    return FactGroup(id=1, sentences=[sentence], representative=sentence, claims=[claim])


def test_a_fact_list_marks_the_claim_inside_the_quoted_sentence():
    from newsweave.render.labels import claim_marks

    text = "Crews searched the valley after the flood, which destroyed 40 homes, on Sunday."
    runs = claim_marks(_group_with_claim(text, "which destroyed 40 homes,"))
    assert "".join(part for part, _, _ in runs) == text  # nothing added, nothing lost
    # Edge punctuation stays outside the mark.
    assert [part for part, marked, _ in runs if marked] == ["which destroyed 40 homes"]
    assert all(by is None for _, _, by in runs)  # one group: the line's citation is its own


def test_a_claim_that_is_its_whole_sentence_is_not_marked():
    from newsweave.render.labels import claim_marks

    text = "The bridge reopened on Monday."
    assert claim_marks(_group_with_claim(text, "The bridge reopened on Monday")) == [(text, False, None)]


def test_the_web_story_page_marks_the_same_claim_as_the_brief():
    # One logic (render.labels.mark_runs) for both pages: the JSON's claim spans give the page's marks.
    from newsweave.render.labels import claim_marks
    from newsweave.web.view import StoryView

    text = "Crews searched the valley after the flood, which destroyed 40 homes, on Sunday."
    group = _group_with_claim(text, "which destroyed 40 homes,")
    fact = group.to_dict()
    fact["evidence"] = [{"document": "r1", "start": 10, "end": 10 + len(text), "text": text}]
    view = StoryView("1", {"documents": [], "facts": [fact]}, "/briefs/1")
    assert view.fact_marks(fact) == claim_marks(group)
    # Hostile JSON: a claim whose offsets are not numbers marks nothing and breaks nothing.
    fact["claims"] = [{"document": "r1", "start": "x", "end": None}]
    assert view.fact_marks(fact) == [(text, False, None)]
    # ... and facts whose reports or evidence are not lists: rows all the same, no error (a 500 once)
    odd = [{**fact, "id": 2, "documents": 5}, {**fact, "id": 3, "evidence": "x", "documents": True},
           {**fact, "id": 4, "evidence": [{"document": {"a": 1}, "start": 10, "end": [1], "text": text}]}]  # unhashable
    view = StoryView("1", {"documents": [], "facts": [fact, *odd]}, "/briefs/1")
    assert sorted(f["id"] for row in view.fact_rows() for f in row) == [1, 2, 3, 4]
    assert all(view.fact_marks(*row) for row in view.fact_rows())


def test_a_sentence_is_quoted_once_its_claims_of_other_reports_cited_after_them():
    """The seeds' "...the massacre which killed 130 people and injured 352..." was listed twice, [1, 2, 3] for the
    toll and [1, 3] for the wounded: one line now, the wounded cited after their words; the same on the web page."""
    from newsweave.render.labels import claim_marks
    from newsweave.story import Claim, FactGroup, Sentence
    from newsweave.web.view import StoryView

    text = "Crews searched the valley after the flood, which destroyed 40 homes and cut 3 roads, on Sunday."
    here = Sentence("r1", 10, 10 + len(text), text, 0)
    there, third = Sentence("r2", 0, 20, "The flood destroyed 40 homes.", 0), Sentence("r3", 0, 20, "Three roads were cut.", 0)

    def group(number, words, *others):
        start = 10 + text.index(words)
        claim = Claim(id=number, document="r1", start=start, end=start + len(words), text=words, sentence=here)
        return FactGroup(id=number, sentences=[here, *others], representative=here, claims=[claim])

    homes, roads = group(1, "which destroyed 40 homes", there, third), group(2, "cut 3 roads", third)
    runs = claim_marks(homes, roads)
    assert "".join(part for part, _, _ in runs) == text
    assert [(part, by.id if by else None) for part, marked, by in runs if marked] == [("which destroyed 40 homes", None), ("cut 3 roads", 2)]
    facts = [homes.to_dict(), roads.to_dict()]
    for fact in facts:
        fact["evidence"] = [{"document": "r1", "start": 10, "end": 10 + len(text), "text": text}]
    view = StoryView("1", {"documents": [], "facts": facts}, "/briefs/1")
    (row,) = view.fact_rows()
    assert [(part, marked, by["id"] if by else None) for part, marked, by in view.fact_marks(*row)] == \
        [(part, marked, by.id if by else None) for part, marked, by in runs]


def test_a_claim_that_cannot_carry_its_citation_gets_a_line_of_its_own():
    """A claim inside another's words, or a sentence marked whole, has no words of its own to cite after:
    before, its reports went missing from the list; now it is a line of its own, beside its sentence's."""
    from newsweave.render.labels import fact_lines
    from newsweave.story import Claim, FactGroup, Sentence
    from newsweave.web.view import StoryView

    text = "No one has been arrested in the city over the attacks of March 3, police said on Friday."
    here = Sentence("r1", 10, 10 + len(text), text, 0)
    others = [Sentence(f"r{n}", 0, 10, "Elsewhere.", 0) for n in (2, 3)]

    def group(number, words, *reports):
        start = 10 + text.index(words)
        claim = Claim(id=number, document="r1", start=start, end=start + len(words), text=words, sentence=here)
        return FactGroup(id=number, sentences=[here, *reports], representative=here, claims=[claim])

    arrests = group(1, "No one has been arrested in the city over the attacks of March 3", others[0])
    nested = group(2, "the attacks of March 3", *others)  # inside the first claim's words, stated by r1, r2, r3
    whole = group(3, text[:-1], others[1])  # the sentence marked whole
    for line in ([arrests, nested], [whole, nested]):
        lines = fact_lines(line)
        assert [[g.id for g in each] for each in lines] == [[line[0].id], [2]]
        facts = []
        for g in line:
            fact = g.to_dict()
            fact["evidence"] = [{"document": "r1", "start": 10, "end": 10 + len(text), "text": text}]
            facts.append(fact)
        view = StoryView("1", {"documents": [], "facts": facts}, "/briefs/1")
        assert [[f["id"] for f in row] for row in view.fact_rows()] == [[g.id for g in each] for each in lines]


def test_a_passage_one_report_quotes_in_pieces_is_one_line():
    """Plant's quote, one sentence in one report and three in the other, was three lines of Corroborated, each
    [1, 2]: the pieces are folded into the line quoting the whole passage, each piece marked there (the briefs and
    the web page alike)."""
    import json

    import newsweave
    from newsweave.web.view import StoryView

    a = ('Floods cut the Harlow bridge on Monday after two days of rain, and crews worked through the night. '
         'For Mayor Ana Ruiz, it has been a hard week, and there are things she wishes she had done '
         'differently: "My hurry sometimes got in the way of care. I look back at it and think, why didn\'t I wait a day? '
         'I kind of rushed it."\n')
    b = ('Harlow is cleaning up after the river burst its banks, leaving the old bridge closed to traffic.\n\n'
         '"My hurry sometimes got in the way of care. I look back at it and think, why didn\'t I wait a day?" '
         'Mayor Ana Ruiz says.\n\n"I kind of rushed it."\n')
    result = newsweave.brief([{"id": "a", "text": a}, {"id": "b", "text": b}])
    section = result.to_markdown().split("## Corroborated: stated by two or more reports", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(lines) == 1 and "*I kind of rushed it*" in lines[0] and "got in the way of care*" in lines[0]
    assert len(result.story.facts) > 1 and all(len(f.documents) == 2 for f in result.story.facts if f.support > 1)
    rows = StoryView("1", json.loads(result.to_json()), "/briefs/1").fact_rows()
    assert len(rows) == 1 and sorted(f["id"] for f in rows[0]) == sorted(f.id for f in result.story.facts if f.support > 1)


_MAYOR = "Ann Moro, the mayor of Velmar, was remembered by friends, her family said. "
DISPUTED_DEATH = [
    newsweave.Document(id=f"r{n}", text=_MAYOR + text + "\n", published="2026-10-20")
    for n, text in enumerate(("Moro died on Oct. 3 at her home.", "Moro died on Oct. 4 in a Velmar hospital.",
                              "Moro died on Oct. 5, her family said.", "Moro died on Oct. 4, the council said."), start=1)
]


def test_a_fact_whose_reports_differ_on_its_day_says_so_in_every_form():
    """Three reports state Moro's death as one fact, on Oct. 4, 5 and 4: "3 reports: Moro died on Oct. 5" alone
    reads as three reports of Oct. 5. Each form says what they differ on, beside the fact; the web page reads it
    from the JSON alone."""
    import json

    from newsweave.render.restore import brief_from_dict
    from newsweave.render.templating import environment
    from newsweave.web.pages import TEMPLATES
    from newsweave.web.view import StoryView

    brief = newsweave.brief(DISPUTED_DEATH)
    data = json.loads(brief.to_json())
    (death,) = [i for i, d in enumerate(data["discrepancies"]) if d["subject"] == "date of death (Ann Moro)"]
    disputed = [f for f in data["facts"] if f["disputed_by"]]
    assert [(f["text"], f["disputed_by"]) for f in disputed] == [("Moro died on Oct. 5, her family said.", [death])]
    assert all(f["disputed_by"] == [] for f in data["facts"] if f not in disputed)
    (line,) = [line for line in brief.to_markdown().splitlines() if "Oct. 5" in line and line.startswith("- **3 reports")]
    assert line.endswith("_(the reports differ on: date of death (Ann Moro))_")
    assert line in brief_from_dict(data).to_markdown()  # the JSON alone rebuilds it
    assert ('<div class="disputed">The reports differ on: date of death (Ann Moro) (<a href="#discrepancies">below</a>)'
            '</div>') in brief.to_html()
    page = environment(TEMPLATES).get_template("story.html").render(
        story=StoryView("b1", data, "/briefs/b1"), api_base="/api/briefs/b1", export_formats=[], has_corpus=False,
        config=None, form_token="t", form_token_field="csrf_token",
    )
    assert page.count('<div class="disputed">The reports differ on: date of death (Ann Moro)') == 1


def test_a_fact_without_a_disagreement_inside_its_claims_is_not_disputed(example_brief):
    """The example's reports disagree on how many were evacuated, but the 1,200 is its own report's claim: the three
    reports grouped as one fact all say about 1,400, and no fact of the brief is marked."""
    import json

    data = json.loads(example_brief.to_json())
    assert any(d["subject"] == "number of residents evacuated" for d in data["discrepancies"])
    assert all(f["disputed_by"] == [] for key in ("facts", "single_source") for f in data[key])
    assert "differ on" not in example_brief.to_markdown()


@pytest.mark.parametrize("disputed_by", [["0"], [-1], [99], [True], "0", 0, None, {"0": 0}, [{"index": 0}]])
def test_the_web_page_passes_over_a_hostile_disputed_by(disputed_by):
    """A shared corpus's cached JSON is outside input: `disputed_by` must name a disagreement of the brief by its
    index; anything else names none (and never raises)."""
    from newsweave.web.view import StoryView

    data = {"documents": [], "discrepancies": [{"subject": "date of death"}],
            "facts": [{"id": 1, "text": "Moro died.", "disputed_by": disputed_by}]}
    view = StoryView("b1", data, "/briefs/b1")
    assert view.disputed(view.layer("facts")) == []
    assert view.disputed([{"disputed_by": [0]}]) == ["date of death"]
