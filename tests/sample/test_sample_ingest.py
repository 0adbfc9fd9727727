"""The sample edition's seeds through ingest: the New York Sun article and the State Department
statement ingest to exactly the texts committed in content/texts/ (skipped with the sample gone)."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest
from markdown_it import MarkdownIt

from edition.ingest import ingest_seed, to_markdown
from sample.conftest import REPO as ROOT

SUN = "seeds/000_14d3067ffab1f62e.txt"
STATEMENT = "seeds/state-fto-designations-2025-02-20.txt"
MD = MarkdownIt("commonmark", {"html": False})


def ingest_file(relative: str):
    return ingest_seed((ROOT / relative).read_bytes(), relative)


def rendered_html(body: str) -> str:
    return MD.render(body)


def rendered_words(body: str) -> list[str]:
    """The words a reader sees: render, drop tags, unescape entities, split on white space."""
    return html.unescape(re.sub(r"<[^>]*>", " ", rendered_html(body))).split()


def seed_words(relative: str, first: str, last: str) -> list[str]:
    """The words of the seed from the phrase `first` to the phrase `last`, both included."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    start = text.index(first)
    return text[start:text.index(last, start) + len(last)].split()


def split_content_file(text: str) -> tuple[str, str]:
    """(front matter, body): the front matter ends at the first line that is exactly ---."""
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return match[1], match[2]


def dropped_reasons(ing) -> dict:
    return {text: reason for _, text, reason in ing.dropped}


# -- the New York Sun seed ---------------------------------------------------------------------

def test_sun_front_matter():
    meta = ingest_file(SUN).meta
    assert meta["title"] == ("‘Extraordinary friendship’: Marco Rubio Welcomes Offer From El Salvador "
                             "To Take in Convicts From American Jails")
    assert meta["subtitle"] == ("The country has a ‘mega jail’ that was built in 2023 and can house "
                                "40,000 inmates.")
    assert meta["photo_credit"] == "AP/Mark Schiefelbein"
    assert meta["photo_caption"] == ("Secretary of State Rubio meets with President Bukele at his residence "
                                     "at Lake Coatepeque at El Salvador, February 3, 2025.")
    assert meta["event_date"] == date(2025, 2, 3)
    assert meta["date"] == ""          # the caption's date is not the publication date
    assert meta["publisher"] == "The New York Sun"
    assert meta["copyright"] == "© 2025 The New York Sun Company, LLC. All rights reserved."
    assert meta["copyright_year"] == 2025
    assert meta["byline"] == "" and meta["source_url"] == ""
    assert meta["source_file"] == SUN
    assert re.fullmatch(r"[0-9a-f]{64}", meta["source_sha256"])


def test_sun_slug():
    assert ingest_file(SUN).slug == "extraordinary-friendship-marco-rubio-welcomes-offer"


def test_sun_body_has_every_word_of_the_article_in_order():
    ing = ingest_file(SUN)
    expected = seed_words(SUN, "Secretary of State Rubio is welcoming", "deporting illegal immigrants.")
    assert rendered_words(ing.body) == expected
    assert ing.body.endswith("immigrants.\n") and not ing.body.endswith("\n\n")
    assert ing.problems == []


def test_sun_body_keeps_one_paragraph_per_seed_line():
    html_text = rendered_html(ingest_file(SUN).body)
    assert html_text.count("<p>") == 12
    assert "<em>" not in html_text and "<h" not in html_text


def test_sun_chrome_is_removed_and_reported():
    ing = ingest_file(SUN)
    for chrome in ("The New York Sun", "All rights reserved", "Terms of Use", "Sign in", "By continuing"):
        assert chrome not in ing.body
    assert "\n\nor\n" not in ing.body
    assert ing.dropped == [
        (5, "AP/Mark Schiefelbein", "photo credit, printed again at the end of the caption (line 6)"),
        (33, "The New York Sun", "site nameplate"),
        (35, "© 2025 The New York Sun Company, LLC. All rights reserved.",
         "copyright notice (recorded as copyright)"),
        (37, "Use of this site constitutes acceptance of our Terms of Use and Privacy Policy. The material "
             "on this site is protected by copyright law and may not be reproduced, distributed, "
             "transmitted, cached or otherwise used.", "terms or privacy notice"),
        (39, "The New York Sun", "site nameplate"),
        (41, "Sign in or Create a free account", "sign-in or subscription prompt"),
        (43, "or", "footer fragment"),
        (44, "By continuing you agree to our Privacy Policy and Terms of Use", "terms or privacy notice"),
    ]


def test_sun_paragraph_that_resembles_the_dek_stays():
    body = ingest_file(SUN).body
    assert "The “mega jail” in El Salvador was built in 2023 and can house 40,000 inmates." in body
    assert "The country has a ‘mega jail’" not in body


@pytest.mark.parametrize("seed, text", [
    (SUN, "content/texts/extraordinary-friendship-marco-rubio-welcomes-offer.md"),
    (STATEMENT, "content/texts/terrorist-designations-of-international-cartels.md"),
])
def test_the_sample_seeds_ingest_to_their_committed_bodies(seed, text):
    committed = (ROOT / text).read_text(encoding="utf-8")
    assert ingest_file(seed).body == split_content_file(committed)[1]
    assert ingest_file(seed).kept == [] and "form" not in ingest_file(seed).meta


# -- the primary document ----------------------------------------------------------------------

def test_statement_front_matter():
    meta = ingest_file(STATEMENT).meta
    assert meta["title"] == "Terrorist Designations Of International Cartels"
    assert meta["byline"] == "Marco Rubio, Secretary of State"
    assert meta["date"] == date(2025, 2, 20)
    assert meta["source_url"] == ("https://www.scoop.co.nz/stories/WO2502/S00212/"
                                  "terrorist-designations-of-international-cartels.htm")
    assert meta["copyright"] == "© Scoop Media"
    assert meta["copyright_year"] is None
    assert meta["publisher"] == "Scoop Media"
    assert meta["subtitle"] == meta["photo_caption"] == meta["photo_credit"] == meta["event_date"] == ""


def test_statement_slug():
    assert ingest_file(STATEMENT).slug == "terrorist-designations-of-international-cartels"


def test_statement_body_words_and_chrome():
    ing = ingest_file(STATEMENT)
    expected = seed_words(STATEMENT, "Today, the State Department", "dangerous organizations.")
    assert rendered_words(ing.body) == expected
    assert dropped_reasons(ing) == {
        "Advertisement - scroll to continue reading": "advertisement",
        "© Scoop Media": "copyright notice (recorded as copyright)",
    }
    assert ing.problems == []


def test_statement_content_file():
    text = to_markdown(ingest_file(STATEMENT))
    assert text.startswith("---\ntitle: Terrorist Designations Of International Cartels\n")
    assert "\ndate: 2025-02-20\n" in text
    assert "\nbyline: Marco Rubio, Secretary of State\n" in text
    assert "\n---\nToday, the State Department" in text
    assert "Cártel de Jalisco Nueva Generación" in text      # accents stay readable
