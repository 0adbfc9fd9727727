"""The sample edition end to end: built in a temporary folder, read as a reader would — every
word of its seeds in order, its notes in place, its glossary reachable."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from edition.cli import main
from sample.conftest import REPO
from sample.test_golden import build_sample

ARTICLE = "extraordinary-friendship-marco-rubio-welcomes-offer"
STATEMENT = "terrorist-designations-of-international-cartels"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("sample"))


class BodyText(HTMLParser):
    """The words of the text body: paragraphs, without notes, markers, paragraph numbers or their citations."""
    SKIP = {"sidenote", "pilcrow", "note-ref", "passage-cite"}

    def __init__(self):
        super().__init__()
        self.words, self.depth, self.skip_depth, self.in_body = [], 0, None, None

    BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "br"}

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.words.append(" ")
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if "text-body" in classes and self.in_body is None:
            self.in_body = self.depth
        if self.skip_depth is None and (classes & self.SKIP or tag == "aside"):
            self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.words.append(" ")
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.in_body == self.depth:
            self.in_body = -1
        self.depth -= 1

    def handle_data(self, data):
        if self.in_body and self.in_body > 0 and self.skip_depth is None:
            self.words.append(data)

    def text(self):
        return "".join(self.words)


def body_words(page: Path):
    parser = BodyText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text().split()


def seed_body_words(seed: Path, first: str, last: str):
    text = seed.read_text(encoding="utf-8")
    start, end = text.index(first), text.index(last) + len(last)
    return text[start:end].split()


def test_index_links_to_a_page_per_text(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for slug in (ARTICLE, STATEMENT):
        assert f'href="{slug}.html"' in index
        assert (site / f"{slug}.html").is_file()
    assert "Terrorist Designations Of International Cartels" in index
    assert "The country has a ‘mega jail’ that was built in 2023" in index


def test_article_page_shows_every_word_of_the_seed_body_in_order(site):
    expected = seed_body_words(REPO / "seeds/000_14d3067ffab1f62e.txt",
                               "Secretary of State Rubio is welcoming", "deporting illegal immigrants.")
    assert body_words(site / f"{ARTICLE}.html") == expected


def test_statement_page_shows_every_word_of_the_seed_body_in_order(site):
    expected = seed_body_words(REPO / "seeds/state-fto-designations-2025-02-20.txt",
                               "Today, the State Department", "dismantling these dangerous organizations.")
    assert body_words(site / f"{STATEMENT}.html") == expected


def test_article_page_credits_its_source_plainly(site):
    page = html.unescape((site / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    assert "© 2025 The New York Sun Company, LLC. All rights reserved." in page
    assert "seeds/000_14d3067ffab1f62e.txt" in page
    assert "85689fe0949f3683cd80ba2377e6ee727bfc7dd78a2c478992485f2f783a602c" in page
    assert re.search(r"Photo \(not included in this edition\)", page)
    assert "Sign in" not in page and "Privacy Policy" not in page


def test_every_note_is_in_place_and_every_glossary_entry_is_reachable(site):
    page = (site / f"{ARTICLE}.html").read_text(encoding="utf-8")
    notes = (REPO / f"content/notes/{ARTICLE}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## ", notes, re.M)
    assert len(headings) >= 15
    assert page.count('role="doc-noteref"') == len(headings)
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    term_ids = re.findall(r'<dt id="([^"]+)"', glossary)
    assert len(term_ids) >= 15
    linked = set(re.findall(r'href="glossary.html#([^"]+)"', page + (site / f"{STATEMENT}.html").read_text()))
    assert linked == set(term_ids)


def test_glossary_back_references_lead_to_paragraphs_that_hold_the_term(site):
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    entry = glossary[glossary.index('<dt id="tren-de-aragua"'):]
    entry = entry[: entry.index("</dd>")]
    refs = re.findall(r'href="([a-z0-9-]+\.html)#(p\d+)"', entry)
    assert refs
    for page, paragraph in refs:
        source = (site / page).read_text(encoding="utf-8")
        block = source[source.index(f'id="{paragraph}"'):]
        block = block[: block.index("</p>")]
        assert "Tren de Aragua" in block


def test_the_glossary_is_alphabetical_as_an_index_is(site):
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    terms = [html.unescape(t) for t in re.findall(r'<dt id="[^"]+"[^>]*>\s*(?:<dfn>)?([^<]+)', glossary)]
    assert terms.index("Nayib Bukele") < terms.index("The New York Sun") < terms.index("Secretary of State")
    assert terms.index("Cárteles Unidos") < terms.index("CECOT")      # accents do not send “Cá…” to the end
