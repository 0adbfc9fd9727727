"""Small pieces of ingest: dates, slugs, the content file and its diff."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from edition.ids import slugify
from edition.ingest import META_KEYS, body_diff, ingest_seed, to_markdown
from edition.ingest.recognise import date_line

ROOT = Path(__file__).parents[2]
CAPTION = "tests/fixtures/ingest/photo-caption.txt"      # the tests' own seed, with a dated caption


def ingest_file(relative: str):
    return ingest_seed((ROOT / relative).read_bytes(), relative)


def split_content_file(text: str) -> tuple[str, str]:
    """(front matter, body): the front matter ends at the first line that is exactly ---."""
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return match[1], match[2]


@pytest.mark.parametrize("line, expected", [
    ("February 20, 2025", date(2025, 2, 20)),
    ("Feb. 3, 2025", date(2025, 2, 3)),
    ("Sept. 9 2024", date(2024, 9, 9)),
    ("3 February 2025", date(2025, 2, 3)),
    ("Monday, February 3, 2025", date(2025, 2, 3)),
    ("Published: Tuesday, February 4, 2025", date(2025, 2, 4)),
    ("2025-02-20", date(2025, 2, 20)),
    ("02/03/2025", date(2025, 2, 3)),
    ("20/02/2025", date(2025, 2, 20)),
    ("02/03/2025 11:02 PM EST", date(2025, 2, 3)),
    ("February 3, 2025 at 4:15 p.m. ET", date(2025, 2, 3)),
])
def test_date_lines(line, expected):
    assert date_line(line)[0] == expected


@pytest.mark.parametrize("line", [
    "February 30, 2025", "On February 3, 2025, he flew south.", "Feb. 3", "13/13/2025", "2025",
])
def test_not_date_lines(line):
    assert date_line(line) is None


@pytest.mark.parametrize("title, slug", [
    ("Rubio's Offer", "rubios-offer"),
    ("Rubio’s “Mega Jail” Offer", "rubios-mega-jail-offer"),
    ("Cártel de Jalisco Nueva Generación", "cartel-de-jalisco-nueva-generacion"),
    ("U.S. Deal — What It Means, and What It Doesn't", "us-deal-what-it-means"),   # not "...-and"
    ("Straße Øresund", "strasse-oresund"),
    ("Internationalization " * 4, "internationalization-internationalization"),
    ("A" * 80, "a" * 60),
    ("“”’", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug
    assert len(slugify(title)) <= 60


def test_content_file_round_trips_and_is_deterministic():
    ing = ingest_file(CAPTION)
    text = to_markdown(ing)
    assert text == to_markdown(ingest_file(CAPTION))
    front, body = split_content_file(text)
    assert yaml.safe_load(front) == ing.meta
    assert list(yaml.safe_load(front)) == list(META_KEYS)
    assert body == ing.body
    assert "Mr. Rubio’s first trip" in body and "\\u" not in front + body     # readable, one line
    assert "\ndate: 2025-02-04\nevent_date: 2025-02-03\n" in front
    assert "\ncopyright_year: null\n" in front


def test_body_diff():
    assert body_diff("One.\n\nTwo.\n", "One.\n\nTwo.\n", "x") == ""
    diff = body_diff("One.\n\nTwo, edited.\n", "One.\n\nTwo.\n", "content/texts/x.md")
    assert diff.startswith("--- content/texts/x.md (content)\n+++ content/texts/x.md (seed)\n")
    assert "\n-Two, edited.\n+Two.\n" in diff


