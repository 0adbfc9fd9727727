"""Units -> Markdown: escaped prose, lists, headings, and verse one Markdown line per line."""
from __future__ import annotations

import pytest

from edition.ingest.body import escape_text

from .helpers import ingest_text, rendered_html, rendered_lines, rendered_words


@pytest.mark.parametrize("line", ["- a dash at the start", "1. a number at the start", "# a hash", "> a quote",
                                  "*stars* and _underscores_ and `ticks`", "a | pipe and <b>tags</b> &amp; AT&T", "=== rule"])
def test_escaped_text_renders_as_written(line):
    page = rendered_html(escape_text(line))
    assert rendered_words(escape_text(line)) == line.split()
    for markup in ("<em>", "<code>", "<ul>", "<ol>", "<h1>", "<blockquote>", "<b>", "<table>"):
        assert markup not in page


def test_verse_is_one_markdown_line_per_verse_line_ending_in_a_hard_break():
    text = ("Verse\n\n- a line that starts with a dash,\n1. and one with a number,\n# and a hash, and then\n"
            "   > an indented quote mark\nand a last line.\n")
    ing = ingest_text(text, form="verse")
    body_lines = ing.body.rstrip("\n").split("\n")
    assert len(body_lines) == 5 and all(line.endswith("\\") for line in body_lines[:-1])
    assert rendered_lines(ing.body) == ["- a line that starts with a dash,", "1. and one with a number,",
                                        "# and a hash, and then", "\u00a0\u00a0\u00a0> an indented quote mark",
                                        "and a last line."]
    assert "<ul>" not in rendered_html(ing.body) and "<h1>" not in rendered_html(ing.body)


def test_chapter_and_article_headings_become_headings():
    text = ("A Book\n\nCHAPTER I.\n\nThe first chapter begins here and is a paragraph long enough to read as prose.\n\n"
            "CHAPTER II.\n\nThe second chapter begins here and is a paragraph long enough to read as prose too.\n")
    page = rendered_html(ingest_text(text).body)
    assert "<h2>CHAPTER I.</h2>" in page and "<h2>CHAPTER II.</h2>" in page


def test_legal_articles_inside_a_block_become_headings():
    text = ("Déclaration\n\nArticle premier\nLes hommes naissent et demeurent libres et égaux en droits.\n"
            "Article II\nLe but de toute association politique est la conservation des droits naturels.\n")
    page = rendered_html(ingest_text(text).body)
    assert "<h2>Article premier</h2>" in page and "<h2>Article II</h2>" in page


def test_a_list_of_lettered_clauses_keeps_its_letters():
    text = ("A Law\n\nSection 2. Definitions\n\n(a) The term “State” means each of the several States.\n"
            "(b) The term “person” means an individual, a partnership or a corporation.\n")
    lines = rendered_lines(ingest_text(text).body)
    assert lines[-2].startswith("(a) The term") and lines[-1].startswith("(b) The term")


def test_the_first_heading_right_under_the_title_is_a_heading():
    text = ("A Treatise\n\nPart 1 of the Treatise\n\nThe first part begins here and is a paragraph long enough to read "
            "as prose.\n\nPart 2 of the Treatise\n\nThe second part begins here and is a paragraph long enough too.\n")
    page = rendered_html(ingest_text(text).body)
    assert page.startswith("<h2>Part 1 of the Treatise</h2>") and "<h2>Part 2 of the Treatise</h2>" in page
