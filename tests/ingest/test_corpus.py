"""Ingest on real pages: every page of tests/fixtures/pages/ gives the title, the body and the
front matter a reader expects (pages.yaml), and docs/ingest-score.md is the current score."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.ingest.corpus import TABLE, check, pages, table

PAGES = pages()


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_a_real_page_ingests_as_a_reader_expects(page):
    wrong = check(page)
    if page.get("known"):
        assert wrong, f"{page['file']} is right now: remove its `known:` line from pages.yaml"
        pytest.xfail(page["known"])
    assert wrong == []


def test_the_corpus_has_forty_pages_of_every_shape_and_language():
    assert len(PAGES) >= 40
    shapes = Counter(p["shape"] for p in PAGES)
    assert {"news", "press release", "speech", "poem", "gutenberg", "legal", "transcript", "listing",
            "markdown", "html"} <= set(shapes)
    news = {p["language"] for p in PAGES if p["shape"] == "news"}
    assert {"en", "fr", "es", "de"} <= news


def test_the_score_table_is_current():
    assert TABLE.read_text(encoding="utf-8") == table(), (
        "docs/ingest-score.md is not the current score: run `python -m tests.ingest.corpus`")
