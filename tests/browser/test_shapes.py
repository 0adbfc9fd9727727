"""Texts of every shape in the browser (tests/fixtures/editions/shapes): verse set line by line
and cited by line, notes across line breaks and on headings, a book in chapters, a French and
a right-to-left text, and the interface in French."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import build_edition

from .conftest import NARROW, WIDE, crawl, serve, site_pages
from .test_accessibility import axe, axe_report, vnu  # noqa: F401  (fixtures)

POEM = "the-road-not-taken.html"
INDENTED = "o-captain-my-captain.html"
FRENCH = "declaration-des-droits-de-l-homme.html"
ARABIC = "udhr-article-1-ar.html"
BOOK = "the-keepers-year.html"

LINES = """() => [...document.querySelectorAll('.line')].map(l => {
  const r = l.getBoundingClientRect(), range = document.createRange();
  range.selectNodeContents(l);
  const number = l.querySelector('.line-number');
  if (number) range.setStartAfter(number);      // the words of the line, not its number
  const rows = [...range.getClientRects()].filter(x => x.width > 1);
  return {id: l.id, top: r.top + scrollY, bottom: r.bottom + scrollY,
          lefts: [...new Set(rows.map(x => Math.round(x.top)))].map(t => Math.min(...rows.filter(x => Math.round(x.top) === t).map(x => x.left)))};
})"""


@pytest.fixture(scope="session")
def shapes_site(tmp_path_factory) -> Path:
    return build_edition(tmp_path_factory.mktemp("shapes"), name="shapes")


@pytest.fixture(scope="session")
def shapes(shapes_site, tmp_path_factory):
    yield from serve(shapes_site, tmp_path_factory.mktemp("docroot"))


@pytest.fixture(scope="session")
def shapes_fr(tmp_path_factory):
    site = build_edition(tmp_path_factory.mktemp("shapes-fr"), name="shapes", language="fr")
    yield from serve(site, tmp_path_factory.mktemp("docroot"))


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_each_line_of_verse_is_a_line_and_a_long_line_runs_on_indented(visit, shapes, viewport):
    v = visit(shapes, viewport=viewport)
    v.open(INDENTED)
    lines = v.page.evaluate(LINES)
    assert [line["id"] for line in lines] == [f"l{n}" for n in range(1, 25)]
    for above, below in zip(lines, lines[1:]):
        assert below["top"] >= above["bottom"] - 1, f"{below['id']} is not on a line of its own"
    wrapped = [line for line in lines if len(line["lefts"]) > 1]
    if viewport is NARROW:
        assert len(wrapped) >= 6, "at 390 px the long lines wrap"
    for line in wrapped:      # the run-over starts to the right of the line's start: a hanging indent
        assert all(left > line["lefts"][0] + 10 for left in line["lefts"][1:]), line
    # the source's indentation is kept: line 8's first word starts further in than line 1's
    first_word = """id => { const walk = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
          if (node.parentElement.closest('.line-number')) continue;
          const at = node.data.search(/\\S/);
          if (at < 0) continue;
          const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + 1);
          return range.getBoundingClientRect().left; } }"""
    assert v.page.evaluate(first_word, "l8") > v.page.evaluate(first_word, "l1") + 40
    # a number beside every fourth line (line_numbers: 4 in its front matter), in the gutter
    numbers = v.page.eval_on_selector_all(".line-number", "els => els.map(e => e.textContent)")
    assert numbers == ["4", "8", "12", "16", "20", "24"]
    gutter = v.page.evaluate("document.querySelector('#l4 .line-number').getBoundingClientRect().right")
    assert gutter <= lines[3]["lefts"][0]


def test_a_line_is_a_permalink_and_the_header_counts_lines(visit, shapes):
    v = visit(shapes, viewport=NARROW)
    v.open(POEM + "#l12")
    assert v.page.evaluate("document.querySelector(':target').id") == "l12"
    top = v.page.evaluate("document.getElementById('l12').getBoundingClientRect().top")
    assert 0 <= top < NARROW["height"]
    assert v.page.inner_text(".reading-guide").startswith("20 lines · 3 notes")
    v.page.click("#l15 .line-number")
    assert v.page.url.endswith("#l15")
    assert " ".join(v.page.inner_text("#note-stood .note-anchor").split()) == \
        "Back to the text, ll. 3–4 long I stood / And looked down one"


def test_a_note_across_a_line_break_tints_both_lines_and_stands_beside_the_first(visit, shapes):
    v = visit(shapes, viewport=WIDE)
    v.open(POEM)
    pieces = v.page.evaluate("""[...document.querySelectorAll('.anchor[data-note="stood"]')].map(a =>
        [a.closest('.line').id, a.getBoundingClientRect().top])""")
    assert [line for line, _ in pieces] == ["l3", "l4"]
    note_top = v.page.evaluate("document.getElementById('sn-stood').getBoundingClientRect().top")
    assert abs(note_top - pieces[0][1]) < 4
    v.page.click("#ref-stood a")
    assert "stands as long as the sentence" in v.page.inner_text("#sn-stood")


def test_notes_on_headings_stand_beside_them_and_sections_have_permalinks(visit, shapes):
    v = visit(shapes, viewport=WIDE)
    v.open(FRENCH)
    heading = v.page.evaluate("document.querySelector('#s-article-premier h2').getBoundingClientRect().top")
    note = v.page.evaluate("document.getElementById('sn-article-premier').getBoundingClientRect().top")
    assert abs(note - heading) < 12
    assert " ".join(v.page.inner_text("#note-article-premier .backref").split()) == "Back to the text, § Article premier"
    links = v.page.eval_on_selector_all(".text-contents a", "els => els.map(a => a.getAttribute('href'))")
    assert links[:3] == ["#s-preambule", "#s-article-premier", "#s-article-2"] and len(links) == 7
    v.page.click("#s-article-4 .section-mark")
    assert v.page.url.endswith("#s-article-4")


def test_a_french_text_is_marked_french_and_keeps_its_no_break_spaces(visit, shapes):
    v = visit(shapes, viewport=WIDE)
    v.open(FRENCH)
    page = v.page
    assert page.evaluate("document.documentElement.lang") == "en"       # the edition's apparatus is English
    assert page.get_attribute("h1", "lang") == "fr" and page.get_attribute(".text-body", "lang") == "fr"
    assert page.get_attribute("#sn-autrui", "lang") == "en"             # its notes are the edition's
    assert "autrui\u00a0: ainsi" in page.inner_text("#s-article-4 + .block") or \
        "autrui\u00a0: ainsi" in page.inner_text("#p6")
    assert "devoirs\u202f; afin" in page.inner_text("#p1")
    v.open("index.html")
    assert page.get_attribute(f'.toc-title a[href="{FRENCH}"]', "lang") == "fr"
    v.open("glossary.html")
    assert page.get_attribute(f'.backrefs a[href="{FRENCH}"]', "lang") == "fr"


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_a_right_to_left_text_is_mirrored_its_notes_on_the_left(visit, shapes, viewport):
    v = visit(shapes, viewport=viewport)
    v.open(ARABIC)
    page = v.page
    assert page.get_attribute(".text-body", "dir") == "rtl" and page.get_attribute(".text-body", "lang") == "ar"
    text = page.evaluate("document.querySelector('#p1 > p').getBoundingClientRect().toJSON()")
    number = page.evaluate("document.querySelector('#p1 .pilcrow').getBoundingClientRect().toJSON()")
    assert number["left"] >= text["right"] - 1, "the paragraph number stands on the right"
    if viewport is WIDE:
        note = page.evaluate("document.getElementById('sn-brotherhood').getBoundingClientRect().toJSON()")
        assert note["right"] <= text["left"], "the margin note stands on the left"
        assert page.get_attribute("#sn-brotherhood", "dir") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_a_book_in_chapters_reads_page_by_page(visit, shapes):
    v = visit(shapes, viewport=NARROW)
    v.open(BOOK)
    page = v.page
    assert page.inner_text(".reading-guide").startswith("60 paragraphs · 5 chapters · 6 notes")
    chapters = page.eval_on_selector_all(".text-contents a", "els => els.map(a => a.getAttribute('href'))")
    assert chapters[1] == "the-keepers-year.2.html#s-chapter-2-february" and len(chapters) == 5
    page.click(".text-contents a >> nth=2")
    assert page.url.endswith("the-keepers-year.3.html#s-chapter-3-march")
    assert page.inner_text(".chapter-header .reading-guide").startswith("Chapter 3 of 5")
    assert page.locator("#p25").is_visible() and page.locator("#p24").count() == 0
    page.click(".pager-next a")
    assert page.url.endswith("the-keepers-year.4.html")
    page.click(".pager-previous a")
    assert page.url.endswith("the-keepers-year.3.html")
    # the note on chapter 3's heading links a note of the first page, which the link check found
    page.click("#note-march a[href$='#note-red-1']")
    assert page.url.endswith("the-keepers-year.html#note-red-1")


def test_the_interface_speaks_the_editions_language(visit, shapes_fr):
    v = visit(shapes_fr, viewport=NARROW)
    v.open(POEM)
    page = v.page
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.inner_text(".skip-link") == "Aller au texte"
    assert page.inner_text("button.theme-toggle") == "Thème sombre"
    assert page.inner_text(".reading-guide").startswith("20 vers · 3 notes")
    assert page.inner_text("#notes-heading") == "Notes" and page.inner_text("#about-heading") == "À propos de ce texte"
    assert page.get_attribute("h1", "lang") == "en"     # an English poem in a French edition
    page.click("#ref-wood a")
    assert page.inner_text("#sn-wood .sidenote-close") == "Fermer la note 1"
    page.click("button.annotations-toggle")
    assert page.inner_text("button.annotations-toggle") == "Afficher les annotations"
    page.click("button.annotations-toggle")
    page.locator("a.term").first.click()
    assert page.inner_text("a.popover-link").startswith("Entrée du glossaire\u00a0: ")
    v.open(FRENCH)
    assert page.get_attribute("h1", "lang") is None    # French in a French edition: no lang of its own
    assert "26 août 1789" in page.inner_text(".byline")


def test_every_link_of_the_shapes_edition_works_and_nothing_overflows_320_pixels(visit, shapes, shapes_site):
    v = visit(shapes)
    seen, problems = crawl(v)
    assert problems == [] and v.errors == [] and v.outside == []
    assert set(site_pages(shapes_site)) - {"404.html"} <= seen
    small = visit(shapes, viewport={"width": 320, "height": 640})
    for name in site_pages(shapes_site):
        small.open(name)
        assert small.page.evaluate("document.documentElement.scrollWidth") <= 320, f"{name} scrolls sideways"


def test_verse_without_javascript_and_in_print(visit, shapes):
    v = visit(shapes, viewport=WIDE, java_script_enabled=False)
    v.open(POEM)
    lines = v.page.evaluate(LINES)
    for above, below in zip(lines, lines[1:]):
        assert below["top"] >= above["bottom"] - 1
    note = v.page.evaluate("document.querySelector('.sidenote').getBoundingClientRect().left")
    text = v.page.evaluate("document.querySelector('.stanza').getBoundingClientRect().right")
    assert note > text, "without the script the notes still stand in the margin"
    p = visit(shapes, viewport=WIDE)
    p.open(POEM)
    p.page.emulate_media(media="print")
    assert p.page.locator("#l5 .line-number").is_visible() and not p.page.locator("#sn-wood").is_visible()
    assert p.page.locator("#note-wood").is_visible()


def test_dark_theme_on_verse(visit, shapes):
    v = visit(shapes, viewport=WIDE, color_scheme="dark")
    v.open(POEM + "#l5")
    assert v.page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(26, 25, 23)"
    assert v.page.evaluate("getComputedStyle(document.getElementById('l5')).backgroundColor") == "rgb(47, 42, 33)"


@pytest.mark.parametrize("viewport,scheme", [(WIDE, "light"), (NARROW, "dark")], ids=["wide-light", "narrow-dark"])
def test_no_axe_violations_on_the_shapes_edition(visit, shapes, shapes_site, axe, viewport, scheme):
    v = visit(shapes, viewport=viewport, color_scheme=scheme)
    problems = []
    for name in site_pages(shapes_site):
        v.open(name)
        results = axe.run(v.page)
        if results.violations_count:
            problems.append(f"{name}:\n{axe_report(results)}")
    assert problems == []


def test_the_shapes_edition_passes_the_nu_html_checker(vnu, shapes_site):
    run = subprocess.run(vnu + ["--format", "json", "--skip-non-html", str(shapes_site)],
                         capture_output=True, text=True, timeout=180)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []
